"""Admin for the Trophées NSI: editions with their calendar and grid, lycées, teams, jurors."""

from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Edition, Equipe, Jure, Lycee


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "date"
    menu_label = "Éditions"
    list_display = [
        "titre",
        "date_limite_depot",
        "finale_nationale",
        BooleanColumn("resultats_publies"),
    ]


class LyceeViewSet(SnippetViewSet):
    model = Lycee
    icon = "home"
    menu_label = "Lycées"
    list_display = ["nom", "ville", "region"]
    list_filter = ["region"]
    search_fields = ["nom", "ville"]
    search_backend_name = None


class EquipeViewSet(SnippetViewSet):
    model = Equipe
    icon = "group"
    menu_label = "Équipes"
    list_display = ["nom", "lycee", "niveau", BooleanColumn("finaliste"), "prix"]
    list_filter = ["edition", "niveau", "finaliste", "lycee__region"]
    search_fields = ["nom"]
    search_backend_name = None
    list_per_page = 100


class JureViewSet(SnippetViewSet):
    model = Jure
    icon = "user"
    menu_label = "Jurys"
    list_display = ["user", "edition", "region"]
    list_filter = ["edition", "region"]


class TropheesGroup(ViewSetGroup):
    menu_label = "Trophées NSI"
    menu_icon = "pick"
    menu_order = 240
    items = (EditionViewSet, LyceeViewSet, EquipeViewSet, JureViewSet)


register_snippet(TropheesGroup)
