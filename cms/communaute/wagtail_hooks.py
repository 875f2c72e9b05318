"""Admin views for the association's snippets."""

from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Commission, Federation, RoleModel


class FederationViewSet(SnippetViewSet):
    model = Federation
    icon = "group"
    menu_label = "Fédérations"
    list_display = ["nom", "sigle"]


class CommissionViewSet(SnippetViewSet):
    model = Commission
    icon = "group"
    menu_label = "Commissions"
    list_display = ["nom", "type"]


class RoleModelViewSet(SnippetViewSet):
    model = RoleModel
    icon = "user"
    menu_label = "Portraits inspirants"
    list_display = ["prenom", "metier"]
    search_fields = ["prenom", "parcours"]


class AssociationGroup(ViewSetGroup):
    menu_label = "Association"
    menu_icon = "group"
    menu_order = 210
    items = (FederationViewSet, CommissionViewSet, RoleModelViewSet)


register_snippet(AssociationGroup)
