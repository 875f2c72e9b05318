"""The search service: the only entry point other rooms use (the API, Charly, the map).

It picks the backend from the settings (the engine when SEARCH_URL is set, the database
otherwise), logs queries anonymously, and runs rebuilds and the durable sync queue.
"""

import logging
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Sum
from django.utils import timezone

from cms.privacy import mask

from .analysis import (
    DEFAULT_SYNONYMS,
    STOP_WORDS,
    edit_distance,
    fold,
    light_stem,
    term_spans,
)
from .backends.base import BBox, GeoFilter, SearchRequest, haversine_km
from .backends.database import DatabaseBackend
from .backends.engine import EngineBackend
from .documents import DOC_TYPES, FACETS, iter_documents
from .models import QueryLog, Synonym
from .sync import enqueue_many
from .transport import EngineUnavailable, Transport

logger = logging.getLogger(__name__)

__all__ = [
    "DOC_TYPES",
    "FACETS",
    "STOP_WORDS",
    "BBox",
    "GeoFilter",
    "distance_km",
    "edit_distance",
    "fold",
    "get_backend",
    "is_credible",
    "light_stem",
    "map_clusters",
    "purge_query_log",
    "rebuild",
    "reindex",
    "replicas",
    "search",
    "suggest",
    "synonym_rules",
    "term_spans",
    "zero_result_queries",
]


def distance_km(lat1, lon1, lat2, lon2):
    """The great-circle distance in kilometres, as the search's geo filters compute it."""
    return haversine_km(lat1, lon1, lat2, lon2)


def synonym_rules():
    """The built-in synonyms plus those editors added in the admin."""
    return [*DEFAULT_SYNONYMS, *Synonym.objects.values_list("terms", flat=True)]


@lru_cache(maxsize=4)
def _engine_backend(url, engine, prefix, timeout, replicas):
    return EngineBackend(Transport(url, engine, timeout), prefix=prefix, replicas=replicas)


def get_backend():
    """The backend searches go to: the engine when SEARCH_URL is set, else the database."""
    if settings.SEARCH_URL:
        return _engine_backend(
            settings.SEARCH_URL,
            settings.SEARCH_ENGINE,
            settings.SEARCH_INDEX_PREFIX,
            settings.SEARCH_TIMEOUT,
            settings.SEARCH_REPLICAS,
        )
    return database_backend()


def search(
    q="",
    *,
    types=(),
    filters=None,
    near=None,
    bbox=None,
    sort="relevance",
    offset=0,
    limit=20,
    log=True,
):
    """Search every kind of content; returns SearchResults (query, total, results, facets,
    suggestion). Engine syntax in `q` is treated as plain text."""
    request = SearchRequest(
        q=plain_text(q),
        types=tuple(types),
        filters={k: tuple(v) for k, v in (filters or {}).items() if v},
        near=near,
        bbox=bbox,
        sort=sort,
        offset=offset,
        limit=limit,
    )
    results = _search(request)
    if log and results.query:
        log_query(results.query, results.total)
    return results


def replicas():
    """Every backend that keeps an index: the engine and, beside it, the database, which answers
    when the engine is down (the database backend alone in the embedded default)."""
    backend = get_backend()
    return [backend] if isinstance(backend, DatabaseBackend) else [backend, database_backend()]


def database_backend():
    return DatabaseBackend(synonym_rules())


def _answer(method, *args, **kwargs):
    """(answer, degraded): the engine's, or the database's when the engine does not answer."""
    backend = get_backend()
    try:
        return getattr(backend, method)(*args, **kwargs), False
    except EngineUnavailable:
        if isinstance(backend, DatabaseBackend):
            raise
        logger.warning("Search engine unavailable: %s answered by the database backend", method)
        return getattr(database_backend(), method)(*args, **kwargs), True


def _search(request):
    results, degraded = _answer("search", request)
    results.degraded = degraded
    return results


def log_query(query, total):
    """Count one search in today's aggregate for its masked, normalised text."""
    text = normalise_for_log(query)
    if not text:
        return
    today = timezone.localdate()
    zero = total == 0
    updated = QueryLog.objects.filter(query=text, day=today).update(
        count=F("count") + 1, zero_results=zero
    )
    if not updated:
        try:
            with transaction.atomic():
                QueryLog.objects.create(query=text, day=today, zero_results=zero)
        except IntegrityError:  # another request created it meanwhile
            QueryLog.objects.filter(query=text, day=today).update(
                count=F("count") + 1, zero_results=zero
            )


def zero_result_queries(days=7, limit=10):
    """The searches that found nothing over the last `days` days (today included), the most
    typed first: `[{query, searches, last_day}]`, for the editors' dashboard."""
    since = timezone.localdate() - timedelta(days=days - 1)
    return list(
        QueryLog.objects.filter(zero_results=True, day__gte=since)
        .values("query")
        .annotate(searches=Sum("count"), last_day=Max("day"))
        .order_by("-searches", "query")[:limit]
    )


def purge_query_log(days=None):
    """Delete the daily aggregates older than the retention (SEARCH_LOG_RETENTION_DAYS)."""
    days = settings.SEARCH_LOG_RETENTION_DAYS if days is None else days
    cutoff = timezone.localdate() - timedelta(days=days)
    deleted, _ = QueryLog.objects.filter(day__lt=cutoff).delete()
    return deleted


# A hit that matches this many words of the question in what it is about (title, synonyms,
# interests, summary) is credible whatever its score.
CREDIBLE_MATCHES = 2


def is_credible(hit):
    """Whether a hit is a credible answer to a free-text question (Charly's grounding): it
    matches several of the question's words, or scores like the judged relevant answers."""
    return len(hit.matched) >= CREDIBLE_MATCHES or hit.score >= get_backend().credible_score


def plain_text(q):
    """The query without control characters (a NUL byte cannot even be stored by PostgreSQL):
    callers other than the API's validated fields, such as the site's own search page, may pass
    whatever the address held."""
    return "".join(ch if ch.isprintable() else " " for ch in q or "")


def normalise_for_log(q):
    """What is kept of a query: personal data masked (as Charly's messages), folded, trimmed."""
    return " ".join(fold(mask(q)).split())[:200]


def suggest(q, limit=8):
    return _answer("suggest", plain_text(q), limit=limit)[0]


def map_clusters(*, q="", filters=None, bbox=None, near=None, zoom=6, types=("etablissement",)):
    """Establishments (or events, or both) grouped by tile for the map; the counts add up to
    the matching total."""
    request = SearchRequest(
        q=plain_text(q),
        types=tuple(types),
        filters={k: tuple(v) for k, v in (filters or {}).items() if v},
        near=near,
        bbox=bbox,
    )
    return _answer("clusters", request, zoom)[0]


def reindex(doc_type, object_ids):
    """Bring these objects' documents up to date (content saved in bulk sends no signals)."""
    enqueue_many(doc_type, object_ids)


def rebuild(types=DOC_TYPES):
    """Rebuild the indices from the CMS (the engine's and the database's beside it); searches
    keep working while it runs. Returns how many documents the searched backend holds."""
    count = 0
    for backend in reversed(replicas()):  # the database first: the fallback is never behind
        documents = {doc_type: iter_documents(doc_type) for doc_type in types}
        count = backend.rebuild(documents, synonym_rules())
    return count
