"""The map (/carte/): établissements and Semaine du numérique events over France's régions.

The server renders the filters (a GET form) and the list of the places they select, so the page
is whole without JavaScript and the list is the map's text alternative for keyboard and screen
reader users. static/js/carte.js then draws the régions (regions.py, served here) and a marker
per place with Leaflet, and refilters through API v1 (`carte/`) without reloading. Finding the
places belongs to `search.service`, as for the API."""

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.cache import cache_control

from cms.formations.choices import Niveau, Region, TypeEtablissement
from search import service

from .catalogue import ANY, ListFilterForm, counted
from .regions import ATTRIBUTION, regions_geojson

# The finest tiles the service groups by: every place is its own marker (API v1 does the same
# from zoom 10 on).
POINTS_ZOOM = 29
NEAR_KM = 0.1  # the smallest radius API v1 takes around a point
SAME_PLACE_KM = 0.005
CONTENUS = {"etablissement": "Établissement", "evenement": "Événement"}


class CarteFilterForm(ListFilterForm):
    contenu = forms.ChoiceField(
        label="Ce que tu cherches",
        required=False,
        choices=[("", "Établissements et événements"), *CONTENUS.items()],
    )
    region = forms.ChoiceField(
        label="Région", required=False, choices=[("", "Toutes les régions"), *Region.choices]
    )
    type = forms.ChoiceField(
        label="Type d'établissement", required=False, choices=[ANY, *TypeEtablissement.choices]
    )
    niveau = forms.TypedChoiceField(
        label="Formation jusqu'à",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[ANY, *Niveau.choices],
    )

    def search(self):
        """[(contenu, slug, title, lat, lon)] of the places that pass the filters, as
        `search.service` finds them for the map. One search per contenu, and the places that
        share an address (two events in one hall) each by name: the list names every place."""
        active = self.active()
        filters = {
            "region": (active.get("region"),),
            "type_etablissement": (active.get("type"),),
            "niveau": (active.get("niveau"),),
        }
        chosen = {name: values for name, values in filters.items() if values[0]}
        return [
            place
            for contenu in ([active["contenu"]] if "contenu" in active else CONTENUS)
            for cluster in service.map_clusters(filters=chosen, zoom=POINTS_ZOOM, types=(contenu,))
            for place in same_address(contenu, cluster, chosen)
        ]


def same_address(contenu, cluster, filters):
    """The places a marker stands for: itself, or those its address holds, found by a search
    around it (the smallest radius the search takes) and kept when they are at that point."""
    if cluster.count == 1:
        return [(contenu, cluster.slug, cluster.title, cluster.lat, cluster.lon)]
    around = service.search(
        types=(contenu,),
        filters=filters,
        near=service.GeoFilter(cluster.lat, cluster.lon, NEAR_KM),
        sort="distance",
        limit=cluster.count + 20,
        log=False,
    )
    return [
        (contenu, hit.slug, hit.title, cluster.lat, cluster.lon)
        for hit in around.results
        if hit.distance_km is not None and hit.distance_km <= SAME_PLACE_KM
    ]


def lieu(contenu, slug, title, lat, lon):
    """A place of the list: what its marker shows, and where to read more."""
    return {
        "lat": lat,
        "lon": lon,
        "type": contenu,
        "type_label": CONTENUS[contenu],
        "title": title,
        "url": reverse("evenement", args=[slug]) if contenu == "evenement" else "",
    }


def carte(request):
    form = CarteFilterForm(request.GET)
    lieux = sorted(
        (lieu(*found) for found in form.search()), key=lambda item: item["title"].lower()
    )
    config = {
        "regions": reverse("carte-regions"),
        "regionsAttribution": ATTRIBUTION,
        "tiles": settings.MAP_TILE_URL,
        "tilesAttribution": settings.MAP_TILE_ATTRIBUTION,
        "evenements": reverse("evenements"),
    }
    return render(
        request,
        "frontend/carte.html",
        {
            "form": form,
            "lieux": lieux,
            "count_text": counted(len(lieux), "endroit", "Aucun endroit", form),
            "filtered": form.active(),
            "config": config,
        },
    )


@cache_control(public=True, max_age=24 * 3600)
def regions(request):
    return HttpResponse(regions_geojson(), content_type="application/geo+json")


urlpatterns = [
    path("carte/", carte, name="carte"),
    path("carte/regions.geojson", regions, name="carte-regions"),
]
