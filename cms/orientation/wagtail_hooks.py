"""Admin for the orientation test: questions and versions as snippets, and the statistics."""

from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Question, TestVersion
from .versions_admin import (
    FrozenQuestionsPanel,
    StateColumn,
    VersionCreateView,
    VersionEditView,
    VersionIndexView,
)
from .views import StatisticsView


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = "Questions"
    list_display = [
        "text",
        "dimension",
        "audience",
        "ordre",
        BooleanColumn("active", label="Active"),
    ]
    list_filter = ["dimension", "audience", "active"]
    search_fields = ["text"]
    ordering = ["ordre", "pk"]
    list_per_page = 100


class TestVersionViewSet(SnippetViewSet):
    model = TestVersion
    icon = "history"
    menu_label = "Versions du test"
    index_view_class = VersionIndexView
    add_view_class = VersionCreateView
    edit_view_class = VersionEditView
    list_display = [
        "name",
        StateColumn(),
        Column("question_count", label="Questions"),
        "published_at",
    ]
    list_filter = ["status"]
    panels = [
        HelpPanel(
            "Publier une version fige les questions actives (énoncés, dimensions, ordre) : "
            "les modifications ultérieures des questions n'y changent plus rien. La dernière "
            "version publiée devient le test en ligne ; tu confirmes après avoir relu les "
            "questions. Une version retirée n'accepte plus de nouvelles réponses."
        ),
        FieldPanel("name"),
        FieldPanel("status"),
        FrozenQuestionsPanel(heading="Questions figées"),
    ]


class OrientationGroup(ViewSetGroup):
    menu_label = "Test d'orientation"
    menu_icon = "help"
    menu_order = 220
    items = (QuestionViewSet, TestVersionViewSet)


register_snippet(OrientationGroup)


@hooks.register("before_delete_snippet")
def keep_answered_versions(request, instances):
    """Results point to their version: a version students answered is retired, not deleted."""
    answered = [
        instance
        for instance in instances
        if isinstance(instance, TestVersion) and instance.results.exists()
    ]
    if answered:
        messages.error(
            request,
            f"« {answered[0]} » a déjà des résultats : retire-la au lieu de la supprimer, "
            "pour garder les statistiques.",
        )
        return redirect("wagtailsnippets_orientation_testversion:list")


@hooks.register("register_admin_urls")
def register_statistics_url():
    return [
        path(
            "orientation/statistiques/",
            StatisticsView.as_view(),
            name="orientation_statistics",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return MenuItem(
        "Test d'orientation — statistiques",
        reverse("orientation_statistics"),
        name="orientation-statistics",
        icon_name="table",
        order=900,
    )
