"""Health endpoints for load balancers and orchestrators, in JSON and without secrets.

`/healthz` (liveness): the process answers. `/readyz` (readiness): the database, the shared
cache and the search engine (when one is configured) answer, with the depth of the search sync
and webhook queues; 503 when a dependency does not answer, so that traffic goes elsewhere.
"""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from api.webhooks.models import WebhookDelivery
from search import service as search
from search.models import IndexUpdate


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _cache():
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    found = cache.get(key) == value
    cache.delete(key)
    return found


def _engine():
    return search.get_backend().ping()


def _check(probe):
    try:
        return "ok" if probe() else "down"
    except Exception:  # a dependency that fails is reported as down, never as a 500
        return "down"


@never_cache
def readyz(request):
    checks = {"database": _check(_database), "cache": _check(_cache), "search": _check(_engine)}
    queues = {}
    if checks["database"] == "ok":
        queues = {
            "search_sync": IndexUpdate.objects.count(),
            "webhooks": WebhookDelivery.objects.filter(
                status=WebhookDelivery.Status.PENDING
            ).count(),
        }
    ready = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks, "queues": queues},
        status=200 if ready else 503,
    )
