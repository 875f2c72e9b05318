"""The test's versions in the admin, for humans: one "État" that says which version is online,
a confirmation before publishing that shows the questions about to be frozen, and the frozen
questions of a published version on its page.

Several versions may be "Publiée" at once (an older one still accepts the answers of students who
started it), but only the most recent is the test online: the list says so in one column instead
of a status and a separate "online" flag that seemed to contradict each other.
"""

from django.db.models import BooleanField, Case, Value, When
from django.template.response import TemplateResponse
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView

from .models import DIMENSION_CHOICES, Audience, TestVersion, freeze_active_questions

CONFIRM_FIELD = "confirmer_publication"


def question_rows(questions):
    """Frozen questions as editors read them: the dimension and the audience in words."""
    dimensions = dict(DIMENSION_CHOICES)
    return [
        {
            "text": question["text"],
            "dimension": dimensions.get(question["dimension"], question["dimension"]),
            "audience": Audience(question["audience"]).label,
        }
        for question in questions
    ]


def version_state(version):
    """What an editor needs to know about a version, in words."""
    if version.online:
        return "En ligne : c'est le test que passent les élèves"
    if version.status == TestVersion.Status.PUBLISHED:
        return "Publiée, remplacée par une version plus récente"
    return version.get_status_display()


class StateColumn(Column):
    def __init__(self):
        super().__init__("state", label="État", accessor=version_state)


class VersionIndexView(IndexView):
    """Knows the online version with one query, for the "État" column."""

    def get_base_queryset(self):
        current = TestVersion.objects.current()
        online = When(pk=current.pk if current else None, then=Value(True))
        return (
            super()
            .get_base_queryset()
            .annotate(online=Case(online, default=Value(False), output_field=BooleanField()))
        )


class ConfirmPublicationMixin:
    """Publishing a version is confirmed on a page that lists the questions it will freeze."""

    confirm_template_name = "orientation/admin/confirm_publication.html"

    def form_valid(self, form):
        if self.publishes(form) and CONFIRM_FIELD not in self.request.POST:
            return TemplateResponse(
                self.request,
                self.confirm_template_name,
                self.get_context_data(
                    form=form,
                    version=form.instance,
                    questions=question_rows(form.instance.questions or freeze_active_questions()),
                    confirm_field=CONFIRM_FIELD,
                ),
            )
        return super().form_valid(form)

    @staticmethod
    def publishes(form):
        return (
            "status" in form.changed_data
            and form.cleaned_data["status"] == TestVersion.Status.PUBLISHED
        )


class VersionCreateView(ConfirmPublicationMixin, CreateView):
    pass


class VersionEditView(ConfirmPublicationMixin, EditView):
    pass


class FrozenQuestionsPanel(Panel):
    """The questions a published version froze, read-only."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "orientation/admin/frozen_questions_panel.html"

        def is_shown(self):
            return bool(self.instance.questions)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["questions"] = question_rows(self.instance.questions)
            return context
