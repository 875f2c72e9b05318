"""The one contract both search backends fulfil, and the values they exchange."""

import math
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class GeoFilter:
    lat: float
    lon: float
    radius_km: float


@dataclass(frozen=True)
class BBox:
    """A bounding box: south-west then north-east corners."""

    min_lat: float
    min_lon: float
    max_lat: float
    max_lon: float


@dataclass
class SearchRequest:
    q: str = ""
    types: tuple = ()
    filters: dict = field(default_factory=dict)  # facet name -> tuple of accepted values
    near: GeoFilter | None = None
    bbox: BBox | None = None
    sort: str = "relevance"  # or "distance" (needs `near`)
    offset: int = 0
    limit: int = 20

    def cleaned_query(self):
        """The query as text: engine syntax is not interpreted, long input is cut."""
        return " ".join((self.q or "").split())[:MAX_QUERY_LENGTH]


@dataclass
class Hit:
    type: str
    slug: str
    title: str
    url: str
    excerpt: str
    score: float
    distance_km: float | None = None
    matched: tuple = ()  # the words of the query found in this document, folded


@dataclass
class SearchResults:
    query: str
    total: int
    results: list
    facets: dict
    suggestion: str | None = None
    degraded: bool = False  # answered by the database because the engine did not answer


@dataclass
class Cluster:
    lat: float
    lon: float
    count: int
    slug: str | None = None  # set when the cluster is a single establishment or event
    title: str | None = None
    type: str | None = None


class SearchBackend:
    """Index documents (see search.documents) and answer searches about them."""

    name = "base"
    # The score from which a hit is a credible answer to a free-text question (Charly's
    # grounding). Scores are not comparable between backends: each calibrates its own on the
    # judged relevance set (tests/search/test_relevance.py checks the calibration).
    credible_score = 0.0

    def rebuild(self, documents_by_type, synonyms):
        """Replace every index with these documents, without interrupting searches."""
        raise NotImplementedError

    def index(self, documents):
        raise NotImplementedError

    def delete(self, doc_ids):
        raise NotImplementedError

    def search(self, request: SearchRequest) -> SearchResults:
        raise NotImplementedError

    def suggest(self, q, limit=8):
        """Autocomplete from the second letter, métiers first: [{type, slug, title}]."""
        raise NotImplementedError

    def clusters(self, request: SearchRequest, zoom: int) -> list:
        """Documents with a place (establishments, events) grouped by map tile at this zoom;
        counts add up to the total."""
        raise NotImplementedError

    def ping(self):
        return True


def tile_of(lat, lon, zoom):
    """The web-map tile (x, y) containing a point, as geotile_grid computes it."""
    lat = max(min(lat, 85.05112878), -85.05112878)
    n = 2**zoom
    x = int((lon + 180.0) / 360.0 * n)
    lat_rad = math.radians(lat)
    y = int((1.0 - math.asinh(math.tan(lat_rad)) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def haversine_km(lat1, lon1, lat2, lon2):
    radius = 6371.0088
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))
