"""The student site's main navigation: the same links on every page, the current one marked for
screen readers (aria-current) as well as visually."""

from django import template
from django.utils.html import format_html

register = template.Library()

# The site's addresses, named once: the pages of other areas may not be routed yet where a
# template links to them (so no {% url %}), and their paths are fixed by DESIGN.md.
ADDRESSES = {
    "metiers": "/metiers/",
    "formations": "/formations/",
    "recherche": "/recherche/",
    "test": "/test/",
    "carte": "/carte/",
    "parcours": "/parcours/",
    "evenements": "/evenements/",
    "etablissements": "/etablissements/",
    "accessibilite": "/accessibilite/",
}
# The addresses students use most, in the order of their journey: discover, search, test
# themselves, find where to study, keep their choices, meet people.
MAIN_LINKS = (
    ("metiers", "Métiers"),
    ("formations", "Formations"),
    ("recherche", "Recherche"),
    ("test", "Le test"),
    ("carte", "La carte"),
    ("parcours", "Mon parcours"),
    ("evenements", "Événements"),
)


@register.simple_tag
def site_url(name):
    """`{% site_url "carte" %}` → /carte/."""
    return ADDRESSES[name]


@register.simple_tag(takes_context=True)
def main_links(context):
    """[(href, label, current)] for the header navigation."""
    request = context.get("request")
    path = request.path if request else ""
    links = [(ADDRESSES[name], label) for name, label in MAIN_LINKS]
    return [(href, label, path.startswith(href)) for href, label in links]


@register.simple_tag
def nav_link(href, label, current):
    if current:
        return format_html('<a href="{}" aria-current="page">{}</a>', href, label)
    return format_html('<a href="{}">{}</a>', href, label)
