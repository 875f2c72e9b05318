"""The map page (/carte/) as the server renders it: the filters and the list of places they
select (the map's text alternative, whole without JavaScript), the régions' GeoJSON drawn
beneath the markers, and the tile server a deployment may configure. Mangled addresses give the
page, never a 500."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from cms.formations.choices import Region
from cms.formations.models import Etablissement
from evenements.semaine.models import Evenement

pytestmark = pytest.mark.django_db

HOSTILE = '"><script>alert(1)</script>'


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def places(page):
    """[(type, title, link)] of the list."""
    items = page.select("main ul[data-carte-list] li.carte-lieu")
    return [
        (
            item["data-type"],
            item.select_one(".carte-lieu__title").get_text(strip=True),
            item.select_one("a.carte-lieu__title")["href"] if item.a else None,
        )
        for item in items
    ]


def config(page):
    return json.loads(page.find("script", id="carte-config").string)


def located_events(**filters):
    return [e for e in Evenement.objects.visibles().filter(**filters) if e.a_un_lieu]


def test_the_page_lists_every_establishment_and_located_event(client):
    page = get(client, "/carte/")
    assert len(page.find_all("h1")) == 1
    listed = places(page)
    kinds = [kind for kind, _, _ in listed]
    assert kinds.count("etablissement") == Etablissement.objects.count()
    assert kinds.count("evenement") == len(located_events()) > 0
    assert page.select_one(".count").get_text(strip=True) == f"{len(listed)} endroits"
    titles = [title for _, title, _ in listed]
    assert titles == sorted(titles, key=str.lower)
    # Every place on the map is a place of the list: the markers are drawn from its items.
    for item in page.select("li.carte-lieu"):
        assert -90 <= float(item["data-lat"]) <= 90
        assert -180 <= float(item["data-lon"]) <= 180


def test_events_link_to_their_page(client):
    page = get(client, "/carte/?contenu=evenement")
    listed = places(page)
    assert listed
    assert {kind for kind, _, _ in listed} == {"evenement"}
    _, title, href = listed[0]
    assert re.fullmatch(r"/evenements/[\w-]+/", href)
    assert title in get(client, href).find("h1").get_text(" ", strip=True)


def test_filters_select_the_places_on_the_server(client):
    everything = places(get(client, "/carte/"))
    bretagne = places(get(client, "/carte/?contenu=etablissement&region=bretagne"))
    assert len(bretagne) == Etablissement.objects.filter(region="bretagne").count() > 0
    assert len(bretagne) < len(everything)
    iut = places(get(client, "/carte/?contenu=etablissement&type=iut"))
    assert len(iut) == Etablissement.objects.filter(type="iut").count()
    page = get(client, "/carte/?region=bretagne")
    assert page.select_one(".count").get_text(strip=True).endswith("correspondent à tes filtres.")
    selected = page.select_one("select[name=region] option[selected]")
    assert selected["value"] == "bretagne"


def test_a_filter_matching_nothing_says_so(client):
    page = get(client, "/carte/?contenu=evenement&type=iut")
    assert places(page) == []
    assert page.select_one(".count").get_text(strip=True) == (
        "Aucun endroit ne correspond à tes filtres."
    )


@pytest.mark.parametrize(
    "query",
    [f"region={HOSTILE}", "niveau=99", "contenu=video", "type=chateau", "niveau=abc&region="],
)
def test_unknown_filters_are_ignored(client, query):
    response = client.get(f"/carte/?{query}")
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content
    page = BeautifulSoup(response.content, "html.parser")
    assert len(places(page)) == len(places(get(client, "/carte/")))


def test_the_map_uses_leaflet_served_by_the_site(client):
    page = get(client, "/carte/")
    scripts = [s.get("src") for s in page.find_all("script") if s.get("src")]
    styles = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert "/static/vendor/leaflet/leaflet.js" in scripts
    assert "/static/vendor/leaflet/leaflet.css" in styles
    assert "/static/js/carte.js" in scripts
    for path in ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css", "js/carte.js"):
        assert finders.find(path), f"{path} is not a static file"
    assert all(src.startswith("/") for src in scripts), "nothing from another site"
    region = page.find(attrs={"role": "region"})
    assert region["aria-label"]


def test_regions_geojson_has_the_18_regions(client):
    response = client.get("/carte/regions.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "public" in response["Cache-Control"]
    body = json.loads(response.content)
    assert body["type"] == "FeatureCollection"
    features = body["features"]
    assert [f["id"] for f in features] == list(Region.values)
    assert [f["properties"]["nom"] for f in features] == [str(label) for label in Region.labels]
    for feature in features:
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}


@pytest.mark.parametrize(
    ("region", "lon", "lat"),
    [("bretagne", -3.0, 48.1), ("corse", 9.1, 42.1), ("ile-de-france", 2.35, 48.85),
     ("la-reunion", 55.5, -21.1), ("guyane", -53.0, 4.0), ("mayotte", 45.15, -12.8),
     ("guadeloupe", -61.5, 16.2), ("martinique", -61.0, 14.65)],
)  # fmt: skip
def test_each_region_is_drawn_where_it_is(client, region, lon, lat):
    """The outline's bounding box holds a point known to lie in the région (GeoJSON order)."""
    features = json.loads(client.get("/carte/regions.geojson").content)["features"]
    geometry = next(f for f in features if f["id"] == region)["geometry"]
    rings = geometry["coordinates"]
    if geometry["type"] == "MultiPolygon":
        rings = [ring for polygon in rings for ring in polygon]
    points = [point for ring in rings for point in ring]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    assert min(lons) <= lon <= max(lons)
    assert min(lats) <= lat <= max(lats)


def test_without_a_tile_server_only_the_regions_are_drawn(client):
    settings_config = config(get(client, "/carte/"))
    assert settings_config["tiles"] == ""
    assert settings_config["regions"] == "/carte/regions.geojson"
    assert "amCharts" in settings_config["regionsAttribution"]


def test_a_tile_server_can_be_configured(client, settings):
    settings.MAP_TILE_URL = "https://tuiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Les contributeurs OpenStreetMap"
    settings_config = config(get(client, "/carte/"))
    assert settings_config["tiles"] == "https://tuiles.example.org/{z}/{x}/{y}.png"
    assert settings_config["tilesAttribution"] == "© Les contributeurs OpenStreetMap"
