"""The glossary in the admin: the commission edits it (see cms/home/editorial.py)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Terme


class TermeViewSet(SnippetViewSet):
    model = Terme
    icon = "help"
    menu_label = "Glossaire"
    menu_order = 215
    add_to_admin_menu = True
    list_display = ["terme", "definition"]
    search_fields = ["terme", "variantes", "definition"]


register_snippet(TermeViewSet)
