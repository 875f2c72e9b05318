"""The editors' guide, served inside the admin from docs/guide-editeurs.md.

One text for the repository and the admin's Help menu, so the two never disagree. The guide is
Markdown written by the team (no raw HTML is let through); its first heading is the page title.
"""

from functools import cache

from django.conf import settings
from django.urls import reverse_lazy
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView
from markdown_it import MarkdownIt
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE_PATH = settings.BASE_DIR / "docs" / "guide-editeurs.md"


@cache
def _render(text):
    title, _, body = text.partition("\n")
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(body)
    return title.lstrip("# ").strip(), mark_safe(html)


def guide():
    """(title, html) of the guide as it is on disk."""
    return _render(GUIDE_PATH.read_text(encoding="utf-8"))


class GuideView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "help"
    template_name = "home/admin/guide.html"

    @property
    def page_title(self):
        return guide()[0]

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse_lazy("guide_editeurs"), "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(guide_html=guide()[1], **kwargs)
