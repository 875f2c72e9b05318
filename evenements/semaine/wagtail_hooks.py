"""Admin of the Semaine du numérique: editions, and events that an organiser's account can
manage only when it is named on them."""

from django.core.exceptions import PermissionDenied
from django.forms import CheckboxSelectMultiple
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets

from .models import Edition, Evenement
from .permissions import MANAGE_ALL, EvenementPermissionPolicy, manages_all, may_manage

register_permission_policy(Evenement, EvenementPermissionPolicy(Evenement))


class EditionViewSet(snippets.SnippetViewSet):
    model = Edition
    icon = "date"
    menu_label = "Éditions"
    list_display = ["__str__", "date_debut", "date_fin", BooleanColumn("publiee")]
    panels = [
        FieldRowPanel([FieldPanel("annee"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("date_debut"), FieldPanel("date_fin")]),
        FieldPanel("publiee"),
    ]


class OwnEvenementOnly:
    """Any view of one event (edit, delete, copy, history, usage) refuses another's event."""

    def get_object(self, *args, **kwargs):
        evenement = super().get_object(*args, **kwargs)
        if not may_manage(self.request.user, evenement):
            raise PermissionDenied
        return evenement


class EvenementCreateView(snippets.CreateView):
    def save_instance(self):
        """An organiser who creates an event manages it (else it would vanish from its list)."""
        evenement = super().save_instance()
        if not manages_all(self.request.user):
            evenement.organisateurs.add(self.request.user)
        return evenement


class EvenementEditView(OwnEvenementOnly, snippets.EditView):
    pass


class EvenementDeleteView(OwnEvenementOnly, snippets.DeleteView):
    pass


class EvenementCopyView(OwnEvenementOnly, snippets.CopyView):
    pass


class EvenementUsageView(OwnEvenementOnly, snippets.UsageView):
    pass


class EvenementHistoryView(OwnEvenementOnly, snippets.HistoryView):
    pass


class EvenementViewSet(snippets.SnippetViewSet):
    model = Evenement
    icon = "calendar-alt"
    menu_label = "Événements"
    add_view_class = EvenementCreateView
    edit_view_class = EvenementEditView
    delete_view_class = EvenementDeleteView
    copy_view_class = EvenementCopyView
    usage_view_class = EvenementUsageView
    history_view_class = EvenementHistoryView
    list_display = [
        "titre", "debut", "commune", "region", "type", "capacite", "places_prises",
        BooleanColumn("publie"),
    ]  # fmt: skip
    list_filter = ["edition", "region", "type", "niveaux", "publie"]
    search_fields = ["titre", "commune", "organisation"]
    search_backend_name = None
    list_per_page = 50
    panels = [
        FieldPanel("titre"),
        FieldRowPanel([FieldPanel("edition"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("type"), FieldPanel("publie")]),
        FieldPanel("description"),
        FieldPanel("niveaux", widget=CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("etablissement"), FieldPanel("federation"), FieldPanel("organisation")],
            heading="Organisateur (un seul)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("adresse"),
                FieldRowPanel([FieldPanel("commune"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("lien_en_ligne"),
            ],
            heading="Lieu (avec ses coordonnées) ou lien en ligne",
        ),
        FieldRowPanel([FieldPanel("debut"), FieldPanel("fin")]),
        FieldPanel("capacite"),
        FieldRowPanel(
            [FieldPanel("inscriptions_ouverture"), FieldPanel("inscriptions_fermeture")],
            heading="Inscriptions des classes",
        ),
        FieldPanel("organisateurs", permission=MANAGE_ALL),
    ]

    def get_queryset(self, request):
        return Evenement.objects.for_organisateur(request.user).select_related("edition")


class SemaineGroup(ViewSetGroup):
    menu_label = "Semaine du numérique"
    menu_icon = "calendar-alt"
    menu_order = 230
    items = (EvenementViewSet, EditionViewSet)


register_snippet(SemaineGroup)
