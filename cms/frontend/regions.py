"""France's 18 régions as one GeoJSON FeatureCollection, the map's background when no tile
server can be reached (and its outlines when one can).

The shapes come from a registry package, @amcharts/amcharts5-geodata (npm, installed by `make
install`; its licence asks for a visible credit, which the map shows): its France map holds the
13 metropolitan régions, and its detailed world map holds each overseas région as a territory of
its own (drawn coarsely: a few points for an island). Nothing is drawn or merged here: the
features are picked, keyed by our région slugs and named as `cms.formations.choices.Region`
names them, once per process."""

import json
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cms.formations.choices import Region

GEODATA_DIR = settings.BASE_DIR / "node_modules" / "@amcharts" / "amcharts5-geodata" / "json"
ATTRIBUTION = '<a href="https://www.amcharts.com/">Contours des régions : amCharts</a>'

# (file of the package, its feature id) → our région.
SOURCES = {
    "franceLow.json": {
        "FR-ARA": Region.AUVERGNE_RHONE_ALPES,
        "FR-BFC": Region.BOURGOGNE_FRANCHE_COMTE,
        "FR-BRE": Region.BRETAGNE,
        "FR-CVL": Region.CENTRE_VAL_DE_LOIRE,
        "FR-COR": Region.CORSE,
        "FR-GES": Region.GRAND_EST,
        "FR-HDF": Region.HAUTS_DE_FRANCE,
        "FR-IDF": Region.ILE_DE_FRANCE,
        "FR-NOR": Region.NORMANDIE,
        "FR-NAQ": Region.NOUVELLE_AQUITAINE,
        "FR-OCC": Region.OCCITANIE,
        "FR-PDL": Region.PAYS_DE_LA_LOIRE,
        "FR-PAC": Region.PROVENCE_ALPES_COTE_D_AZUR,
    },
    "worldHigh.json": {
        "GP": Region.GUADELOUPE,
        "MQ": Region.MARTINIQUE,
        "GF": Region.GUYANE,
        "RE": Region.LA_REUNION,
        "YT": Region.MAYOTTE,
    },
}


def _features(filename, wanted):
    path = GEODATA_DIR / filename
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ImproperlyConfigured(
            f"{path} is missing: run `make install` (npm ci) to install the map's régions."
        ) from error
    found = {f["properties"]["id"]: f["geometry"] for f in collection["features"]}
    missing = set(wanted) - set(found)
    if missing:
        raise ImproperlyConfigured(f"{filename} has no feature {sorted(missing)}")
    return [
        {
            "type": "Feature",
            "id": region.value,
            "properties": {"region": region.value, "nom": region.label},
            "geometry": found[source_id],
        }
        for source_id, region in wanted.items()
    ]


@cache
def regions_geojson():
    """The régions, in the order of `Region`, as GeoJSON text."""
    features = [f for name, wanted in SOURCES.items() for f in _features(name, wanted)]
    order = {value: index for index, value in enumerate(Region.values)}
    features.sort(key=lambda f: order[f["id"]])
    return json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )
