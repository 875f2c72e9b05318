"""The questions fréquentes in the admin, with drafts, moderation and revisions."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import QuestionFrequente


class QuestionFrequenteViewSet(SnippetViewSet):
    model = QuestionFrequente
    icon = "help"
    menu_label = "Questions fréquentes"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["question", "slug", "live"]
    search_fields = ["question", "variantes", "reponse"]


register_snippet(QuestionFrequenteViewSet)
