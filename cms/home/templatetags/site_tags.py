"""Template helpers for every page: navigation and the tags that make a page shareable."""

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page, Site

register = template.Library()

SUMMARY_FIELDS = ("accroche", "introduction", "resume")


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's children that editors chose to show in menus."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return Page.objects.none()
    return site.root_page.get_children().live().in_menu()


@register.simple_tag
def meta_description(page):
    """The editor's search description, else the page's own summary, cut for search results."""
    text = getattr(page, "search_description", "") or ""
    for field in SUMMARY_FIELDS:
        if text:
            break
        text = strip_tags(str(getattr(page, field, "") or ""))
    return Truncator(" ".join(text.split())).chars(160)


@register.simple_tag(takes_context=True)
def share_image_url(context, page):
    """Absolute URL of a 1200×630 rendition of the page's image, for Open Graph previews."""
    image = getattr(page, "image", None) or getattr(page, "hero_image", None)
    request = context.get("request")
    if image is None or request is None:
        return ""
    return request.build_absolute_uri(image.get_rendition("fill-1200x630").url)
