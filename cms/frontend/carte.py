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
        """[(contenu, cluster)] of the places that pass the filters, as `search.service` finds
        them for the map. One search per contenu: an event held at an établissement shares its
        coordinates, and each must keep its own name in the list."""
        active = self.active()
        filters = {
            "region": (active.get("region"),),
            "type_etablissement": (active.get("type"),),
            "niveau": (active.get("niveau"),),
        }
        chosen = {name: values for name, values in filters.items() if values[0]}
        return [
            (contenu, cluster)
            for contenu in ([active["contenu"]] if "contenu" in active else CONTENUS)
            for cluster in service.map_clusters(filters=chosen, zoom=POINTS_ZOOM, types=(contenu,))
        ]


def lieu(contenu, cluster):
    """A place of the list: what its marker shows, and where to read more."""
    single = cluster.count == 1
    return {
        "lat": cluster.lat,
        "lon": cluster.lon,
        "type": contenu,
        "type_label": CONTENUS[contenu],
        "title": cluster.title if single else f"{cluster.count} lieux à cette adresse",
        "url": reverse("evenement", args=[cluster.slug])
        if single and contenu == "evenement"
        else "",
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
