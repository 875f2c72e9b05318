"""The search page (/recherche/?q=): results, facets and pages rendered on the server, so that a
phone without JavaScript gets the whole search; static/js/recherche.js only adds the
autocomplete. Searching belongs to `search.service`; this module reads the address, asks the
service and turns its answer into links.

The address is read leniently: a value that is not one of a facet's values is ignored and a page
beyond the last shows the last one, so a mangled shared link still shows results (never a 500)."""

import math
import re
from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import path
from django.utils.safestring import mark_safe

from cms.formations.choices import Niveau, Region, Statut, TypeFormation
from cms.metiers.choices import Domaine
from search import service

PAGE_SIZE = 10
MAX_PAGE = 100  # the service stops at 1 000 results: 100 pages of 10
MAX_QUERY_LENGTH = 200
SUGGESTIONS = 5

TYPE_LABELS = {
    "metier": "Métier",
    "formation": "Formation",
    "etablissement": "Établissement",
    "page": "Page",
    "faq": "Question fréquente",
    "evenement": "Événement",
    "terme": "Mot du glossaire",
}
BOOLEAN_LABELS = {True: "En alternance", False: "Sans alternance"}

# Each facet the service offers, with its heading and its values as students read them, in
# the order the filters are shown. A value's key is how it travels in the address.
FACETS = (
    ("type", "Type", TYPE_LABELS),
    ("domaine", "Domaine", dict(Domaine.choices)),
    ("niveau", "Niveau d'études", {str(value): label for value, label in Niveau.choices}),
    ("type_formation", "Type de formation", dict(TypeFormation.choices)),
    ("alternance", "Alternance", {"true": BOOLEAN_LABELS[True], "false": BOOLEAN_LABELS[False]}),
    ("region", "Région", dict(Region.choices)),
    ("statut", "Statut", dict(Statut.choices)),
)
FACET_NAMES = tuple(name for name, _, _ in FACETS)


def address_key(value):
    """A facet value as it is written in the address (True → "true", 3 → "3")."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def service_value(facet, key):
    """The value the service compares for a key of the address."""
    if facet == "niveau":
        return int(key)
    if facet == "alternance":
        return key == "true"
    return key


def read_query(params):
    """(q, {facet: [keys]}, page) from the address: unknown values dropped."""
    q = " ".join(params.get("q", "").split())[:MAX_QUERY_LENGTH]
    selected = {}
    for facet, _, labels in FACETS:
        keys = [key for key in dict.fromkeys(params.getlist(facet)) if key in labels]
        if keys:
            selected[facet] = keys
    page = params.get("page", "1")
    page = int(page) if re.fullmatch(r"\d{1,4}", page, re.ASCII) else 1
    return q, selected, min(max(page, 1), MAX_PAGE)


def href(q, selected, page=1):
    pairs = [("q", q)] if q else []
    pairs += [(facet, key) for facet in FACET_NAMES for key in selected.get(facet, ())]
    if page > 1:
        pairs.append(("page", page))
    return "?" + urlencode(pairs) if pairs else "?"


def toggled(selected, facet, key):
    keys = selected.get(facet, [])
    keys = [k for k in keys if k != key] if key in keys else [*keys, key]
    return {**selected, facet: keys}


def facet_groups(q, selected, facets):
    """The filters as links: each adds its value to the search, or removes it when active."""
    groups = []
    for facet, heading, labels in FACETS:
        active = selected.get(facet, [])
        values = []
        for item in facets.get(facet, []):
            key = address_key(item["value"])
            if key in labels:
                values.append(
                    {
                        "label": labels[key],
                        "count": item["count"],
                        "active": key in active,
                        "href": href(q, toggled(selected, facet, key)),
                    }
                )
        if values and (len(values) > 1 or active):
            groups.append({"name": facet, "heading": heading, "values": values})
    return groups


_TAG_BUT_MARK = re.compile(r"<(?!/?mark>)")


def safe_excerpt(excerpt):
    """The service's excerpt is escaped text with the matched words in <mark>: any other tag
    is neutralised all the same, in case a backend ever lets one through."""
    return mark_safe(_TAG_BUT_MARK.sub("&lt;", excerpt or ""))


def hit_view(hit):
    return {
        "type": TYPE_LABELS.get(hit.type, hit.type),
        "title": hit.title,
        "url": hit.url,
        "excerpt": safe_excerpt(hit.excerpt),
    }


def pagination(q, selected, page, total):
    last = min(MAX_PAGE, max(1, math.ceil(total / PAGE_SIZE)))
    return {
        "page": page,
        "last": last,
        "start": (page - 1) * PAGE_SIZE + 1,
        "previous": href(q, selected, page - 1) if page > 1 else None,
        "next": href(q, selected, page + 1) if page < last else None,
    }


def run_search(q, filters, page):
    """(results, page): the page asked for, or the last one when it is beyond (a stale or
    edited link); the second search, for the last page, is not counted again in the query log."""
    results = service.search(q, filters=filters, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    last = min(MAX_PAGE, max(1, math.ceil(results.total / PAGE_SIZE)))
    if page <= last:
        return results, page
    offset = (last - 1) * PAGE_SIZE
    return service.search(q, filters=filters, offset=offset, limit=PAGE_SIZE, log=False), last


def search_context(params):
    q, selected, page = read_query(params)
    context = {"q": q, "searched": bool(q or selected), "hide_header_search": True}
    if not context["searched"]:
        return context
    filters = {
        facet: tuple(service_value(facet, key) for key in keys) for facet, keys in selected.items()
    }
    results, page = run_search(q, filters, page)
    context.update(
        total=results.total,
        hits=[hit_view(hit) for hit in results.results],
        groups=facet_groups(q, selected, results.facets),
        filtered=bool(selected),
        clear_filters=href(q, {}),
        suggestion=results.suggestion,
        suggestion_href=href(results.suggestion, selected) if results.suggestion else None,
        quick_links=quick_links(q),
        degraded=results.degraded,
        pages=pagination(q, selected, page, results.total),
    )
    return context


def quick_links(q):
    """The autocomplete's suggestions, as links: what the JavaScript list offers, without it."""
    if len(q) < 2:
        return []
    return [
        {
            "title": item["title"],
            "type": TYPE_LABELS.get(item["type"], ""),
            "href": href(item["title"], {}),
        }
        for item in service.suggest(q, limit=SUGGESTIONS)
        if item["title"].casefold() != q.casefold()
    ]


def recherche(request):
    return render(request, "frontend/recherche.html", search_context(request.GET))


urlpatterns = [path("recherche/", recherche, name="recherche")]
