"""HTTP and server-side caching of public GETs, invalidated by any content change.

Every cached response is stored with the content version it was built from, kept in the shared
cache (Redis in production); publishing, unpublishing, deleting or editing a snippet bumps the
version, so no reader sees stale content after a change, on any app server.
"""

import hashlib
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.cache import patch_vary_headers
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "api:content-version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version(**kwargs):
    def bump():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, timeout=None)

    # Now, so this transaction's own reads are fresh, and again after the commit, so that a
    # response cached by another request in between (still showing old content) is dropped.
    bump()
    transaction.on_commit(bump)


def connect_signals():
    from cms.communaute.models import Commission, Federation, RoleModel
    from cms.formations.models import Bac, Etablissement, Specialite
    from cms.orientation.models import Question, TestVersion
    from evenements.semaine.models import Edition, Evenement

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version, dispatch_uid=f"api-cache-{signal}")
    post_delete.connect(bump_content_version, sender=Page, dispatch_uid="api-cache-page-deleted")
    cached_models = (
        Etablissement, Bac, Specialite, Federation, Commission, RoleModel, Question, TestVersion,
        Edition, Evenement,
    )  # fmt: skip
    for model in cached_models:
        for signal in (post_save, post_delete):
            signal.connect(bump_content_version, sender=model,
                           dispatch_uid=f"api-cache-{signal}-{model.__name__}")  # fmt: skip


def etag_of(content):
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def cached(view):
    """Mark a view's GET answers as public: the same for every reader of the same URL."""
    view.api_cache = True
    return view


class CachedAnswersMiddleware:
    """Answer public GETs from the shared cache near the top of the middleware stack.

    A hit costs one round trip to the cache, which fetches the content version and the entry
    together, and replays the complete answer (with the headers set by the rest of the stack)
    without running the rest of the stack. A miss goes through the whole stack and stores what
    it returns. Either way the answer has an ETag and Cache-Control, and If-None-Match gets a 304.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not is_public(request.path_info, get_urlconf()):
            return self.get_response(request)
        # Scheme and host too: a response built for one host carries links to that host.
        url = request.build_absolute_uri()
        key = "api:" + hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or content_version()
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            return replay(request, entry, "HIT")
        response = self.get_response(request)
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        etag = etag_of(response.content)
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={settings.API_CACHE_SECONDS}"
        patch_vary_headers(response, ["Accept", "Origin"])
        entry = (version, response.content, dict(response.items()), etag)
        cache.set(key, entry, settings.API_CACHE_SECONDS)
        return replay(request, entry, "MISS")


@lru_cache(maxsize=4096)
def is_public(path, urlconf):
    """Whether the view at this path marked its answers as public (`cached`)."""
    try:
        return getattr(resolve(path, urlconf).func, "api_cache", False)
    except Resolver404:
        return False


def replay(request, entry, status):
    _, content, headers, etag = entry
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        for name in ("ETag", "Cache-Control", "Vary"):
            response[name] = headers[name]
    else:
        response = HttpResponse(content, headers=headers)
    response["X-Cache"] = status
    return response
