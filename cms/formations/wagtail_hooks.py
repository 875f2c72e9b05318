"""Admin views for the study snippets: bacs, spécialités and establishments."""

from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Bac, Etablissement, Specialite


class BacViewSet(SnippetViewSet):
    model = Bac
    icon = "tag"
    menu_label = "Bacs"
    list_display = ["nom", "type"]
    list_filter = ["type"]
    search_fields = ["nom"]


class SpecialiteViewSet(SnippetViewSet):
    model = Specialite
    icon = "tag"
    menu_label = "Spécialités"
    list_display = ["nom", "sigle", "bac"]
    list_filter = ["bac"]
    search_fields = ["nom", "sigle"]


class EtablissementViewSet(SnippetViewSet):
    model = Etablissement
    icon = "site"
    menu_label = "Établissements"
    list_display = ["nom", "ville", "region", "type", "membre"]
    list_filter = ["region", "type", "statut", "membre"]
    search_fields = ["nom", "sigle", "ville"]
    list_per_page = 50


class EtudesGroup(ViewSetGroup):
    menu_label = "Études"
    menu_icon = "doc-full"
    menu_order = 200
    items = (EtablissementViewSet, BacViewSet, SpecialiteViewSet)


register_snippet(EtudesGroup)
