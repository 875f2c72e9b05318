"""Charly in the admin: flows (their steps linked by choosing a step) and intents (their
examples in one text area) as snippets, and the editors' reports."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.home.reports import StudentReportMenuItem

from . import views
from .forms import IntentForm
from .models import Flow, Intent, SafetyPhrase


def intent_label(flow):
    return flow.intent.label if flow.intent else "—"


class FlowViewSet(SnippetViewSet):
    model = Flow
    icon = "comment"
    menu_label = "Parcours"
    list_display = [
        "name",
        Column("intent", label="Démarre quand l'élève exprime", accessor=intent_label),
        BooleanColumn("welcome", label="Accueil"),
        BooleanColumn("active", label="Actif"),
    ]
    list_filter = ["welcome", "active"]
    search_fields = ["name"]


class IntentViewSet(SnippetViewSet):
    model = Intent
    icon = "help"
    menu_label = "Intentions"
    list_display = [
        "label",
        "slug",
        Column("example_count", label="Exemples"),
        BooleanColumn("active", label="Active"),
    ]
    list_filter = ["active"]
    search_fields = ["label", "slug"]
    list_per_page = 100
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("label"), FieldPanel("slug")]),
            FieldPanel("answer"),
            FieldPanel("page"),
            FieldPanel("active"),
            HelpPanel(
                "Écris les exemples comme les élèves les tapent : fautes, abréviations, sans "
                "accents. Charly réapprend dès qu'un exemple change."
            ),
            FieldPanel("examples_text"),
        ],
        base_form_class=IntentForm,
    )


class SafetyPhraseViewSet(SnippetViewSet):
    model = SafetyPhrase
    icon = "warning"
    menu_label = "Phrases de sécurité"
    list_display = ["text", "category", "created_at"]
    list_filter = ["category"]
    search_fields = ["text"]


class CharlyGroup(ViewSetGroup):
    menu_label = "Charly"
    menu_icon = "comment"
    menu_order = 230
    items = (FlowViewSet, IntentViewSet, SafetyPhraseViewSet)


register_snippet(CharlyGroup)


@hooks.register("insert_editor_js")
def flow_step_chooser_js():
    """A flow's "Étape suivante" fields become a choice among the flow's steps."""
    return format_html(
        '<script type="module" src="{}"></script>', static("chatbot/admin/flow-steps.js")
    )


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("charly/sans-reponse/", views.UnansweredView.as_view(), name="charly_unanswered"),
        path("charly/sans-reponse/exemple/", views.add_example, name="charly_add_example"),
        path("charly/intentions/", views.IntentsView.as_view(), name="charly_intents"),
        path("charly/abandons/", views.DropOffView.as_view(), name="charly_drop_offs"),
    ]


@hooks.register("register_reports_menu_item")
def register_unanswered_menu_item():
    return StudentReportMenuItem(
        "Charly — questions sans réponse",
        reverse("charly_unanswered"),
        icon_name="comment",
        order=910,
    )


@hooks.register("register_reports_menu_item")
def register_intents_menu_item():
    return StudentReportMenuItem(
        "Charly — intentions fréquentes", reverse("charly_intents"), icon_name="help", order=911
    )


@hooks.register("register_reports_menu_item")
def register_drop_offs_menu_item():
    return StudentReportMenuItem(
        "Charly — abandons dans les parcours",
        reverse("charly_drop_offs"),
        icon_name="table",
        order=912,
    )
