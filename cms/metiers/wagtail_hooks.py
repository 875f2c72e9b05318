"""The sources of the figures, edited by the commission and shared by the fiches."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Source


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "link"
    menu_label = "Sources des chiffres"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["titre", "editeur", "annee", "url"]
    search_fields = ["titre", "editeur"]


register_snippet(SourceViewSet)
