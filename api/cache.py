"""HTTP and server-side caching of public GETs, invalidated by any content change.

Every cached response is keyed by a content version kept in the shared cache (Redis in
production); publishing, unpublishing, deleting or editing a snippet bumps the version, so no
reader sees stale content after a change, on any app server.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
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

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_content_version, dispatch_uid=f"api-cache-{signal}")
    post_delete.connect(bump_content_version, sender=Page, dispatch_uid="api-cache-page-deleted")
    cached_models = (
        Etablissement, Bac, Specialite, Federation, Commission, RoleModel, Question, TestVersion
    )  # fmt: skip
    for model in cached_models:
        for signal in (post_save, post_delete):
            signal.connect(bump_content_version, sender=model,
                           dispatch_uid=f"api-cache-{signal}-{model.__name__}")  # fmt: skip


def etag_of(content):
    return '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'


def cached_get(view):
    """Serve GETs from the shared cache, with ETag, Cache-Control and 304 on If-None-Match."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        # Scheme and host too: a response built for one host carries links to that host.
        url = request.build_absolute_uri()
        path = hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
        key = f"api:{content_version()}:{path}"
        entry = cache.get(key)
        if entry is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code != 200:
                return response
            entry = (response.content, response["Content-Type"], etag_of(response.content))
            cache.set(key, entry, settings.API_CACHE_SECONDS)
            status = "MISS"
        else:
            status = "HIT"
        content, content_type, etag = entry
        response = HttpResponse(content, content_type=content_type)
        headers = {
            "ETag": etag,
            "Cache-Control": f"public, max-age={settings.API_CACHE_SECONDS}",
            "X-Cache": status,
        }
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
        for name, value in headers.items():
            response[name] = value
        patch_vary_headers(response, ["Accept", "Origin"])
        return response

    return wrapper
