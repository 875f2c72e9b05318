"""The commission's dashboard: what is waiting for it, in panels on the admin's home page.

Each panel is a Wagtail `Component`: the pages (and snippets) awaiting the reader's review, the
publications and expiries scheduled ahead, and, for editors allowed to read what students type,
the searches that found nothing and Charly's unanswered questions of the last seven days (with
"Apprendre à Charly" in one click). `panels_for(request)` says which panels an editor gets.
"""

from datetime import timedelta

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.models import GroupApprovalTask, Page, Revision, TaskState

from chatbot import insight
from chatbot.models import Intent
from search import service as search_service

from .reports import can_see_student_reports

RECENT_DAYS = 7
PANEL_ROWS = 10


class DashboardPanel(Component):
    heading = ""

    def get_context_data(self, parent_context):
        return {
            "request": parent_context["request"],
            "csrf_token": parent_context.get("csrf_token"),
            "heading": self.heading,
            "panel_id": self.name,
        }


def _object_url(obj, view, *args):
    """The admin URL of `view` ("revisions_compare", "workflow_preview") for a page or snippet."""
    if isinstance(obj, Page):
        name = f"wagtailadmin_pages:{view}"
    else:
        name = obj.snippet_viewset.get_url_name(view)
    return reverse(name, args=[quote(obj.pk), *args])


def _review_row(state, finder):
    obj, revision = state.revision.content_object, state.revision
    compare_from = "live" if obj.live_revision_id else state.previous_revision_id
    previewable = getattr(obj, "is_previewable", False)
    return {
        "title": revision.object_str or str(obj),
        "kind": obj._meta.verbose_name,
        "task": state.task.name,
        "submitted_by": state.workflow_state.requested_by or revision.user,
        "since": state.started_at,
        "edit_url": finder.get_edit_url(obj),
        "compare_url": compare_from
        and _object_url(obj, "revisions_compare", compare_from, revision.pk),
        "preview_url": previewable and _object_url(obj, "workflow_preview", state.task_id),
    }


def can_review(user):
    """Whether the user belongs to a group that approves moderation tasks."""
    return (
        user.is_superuser
        or GroupApprovalTask.objects.filter(active=True, groups__in=user.groups.all()).exists()
    )


class AwaitingReviewPanel(DashboardPanel):
    """The moderation tasks the reader may approve, oldest first, with the page's name."""

    name = "a-relire"
    heading = "À relire"
    order = 100
    template_name = "home/admin/dashboard/awaiting_review.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = context["request"].user
        states = (
            TaskState.objects.reviewable_by(user)
            .select_related("revision", "revision__user", "workflow_state__requested_by", "task")
            .prefetch_related("revision__content_object")
            .annotate(previous_revision_id=Revision.objects.previous_revision_id_subquery())
            .order_by("started_at")[:PANEL_ROWS]
        )
        finder = AdminURLFinder(user)
        context["rows"] = [
            _review_row(state, finder) for state in states if state.revision.content_object
        ]
        return context


class ScheduledPanel(DashboardPanel):
    """What goes live (pages and snippets) or expires (pages) by itself, soonest first; a
    publication already due says that the scheduled command has not run yet."""

    name = "programme"
    heading = "Publications programmées"
    order = 150
    template_name = "home/admin/dashboard/scheduled.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        finder = AdminURLFinder(context["request"].user)
        now = timezone.now()
        rows = [
            {
                "when": revision.approved_go_live_at,
                "action": "Mise en ligne",
                "title": revision.object_str,
                "edit_url": finder.get_edit_url(revision.content_object),
                # Due but not published: the scheduled command has not run since.
                "late": revision.approved_go_live_at < now,
            }
            for revision in Revision.objects.filter(approved_go_live_at__isnull=False)
            .prefetch_related("content_object")
            .order_by("approved_go_live_at")[:PANEL_ROWS]
            if revision.content_object
        ]
        rows += [
            {
                "when": page.expire_at,
                "action": "Retrait",
                "title": page.title,
                "edit_url": finder.get_edit_url(page),
                "late": page.expire_at < now,
            }
            for page in Page.objects.live()
            .filter(expire_at__isnull=False)
            .order_by("expire_at")[:PANEL_ROWS]
        ]
        context["rows"] = sorted(rows, key=lambda row: row["when"])[:PANEL_ROWS]
        return context


class ZeroResultSearchesPanel(DashboardPanel):
    """What students searched without finding anything, this week."""

    name = "recherches-sans-resultat"
    heading = f"Recherches sans résultat ({RECENT_DAYS} derniers jours)"
    order = 170
    template_name = "home/admin/dashboard/zero_results.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = search_service.zero_result_queries(days=RECENT_DAYS, limit=PANEL_ROWS)
        context["report_url"] = reverse("search_report_zero")
        return context


class UnansweredQuestionsPanel(DashboardPanel):
    """Charly's unanswered questions of the week, each taught to Charly in one click."""

    name = "charly-sans-reponse"
    heading = f"Questions sans réponse de Charly ({RECENT_DAYS} derniers jours)"
    order = 160
    template_name = "home/admin/dashboard/unanswered.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        since = timezone.now() - timedelta(days=RECENT_DAYS)
        context.update(
            groups=insight.unanswered_groups(limit=PANEL_ROWS, since=since),
            intents=Intent.objects.filter(active=True).order_by("label"),
            can_teach=context["request"].user.has_perm("chatbot.change_intent"),
            report_url=reverse("charly_unanswered"),
            back_url=reverse("wagtailadmin_home"),
        )
        return context


def panels_for(request):
    """The project's panels this editor may see."""
    user = request.user
    panels = [ScheduledPanel()]
    if can_review(user):
        panels.append(AwaitingReviewPanel())
    if can_see_student_reports(user):
        panels += [UnansweredQuestionsPanel(), ZeroResultSearchesPanel()]
    return panels
