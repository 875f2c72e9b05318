"""Editors' insight into Charly, in the Wagtail admin: unclear messages, intents, drop-offs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.home.reports import StudentReportMixin, can_see_student_reports

from . import insight
from .models import Intent
from .service import inactivity


class InsightView(StudentReportMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "comment"
    url_name = ""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse_lazy(self.url_name), "label": self.page_title},
        ]


class UnansweredView(InsightView):
    page_title = "Charly — questions sans réponse"
    template_name = "chatbot/admin/unanswered.html"
    url_name = "charly_unanswered"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            groups=insight.unanswered_groups(),
            intents=Intent.objects.filter(active=True).order_by("label"),
            can_teach=self.request.user.has_perm("chatbot.change_intent"),
            **kwargs,
        )


class IntentsView(InsightView):
    page_title = "Charly — intentions les plus fréquentes"
    template_name = "chatbot/admin/intents.html"
    url_name = "charly_intents"

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=insight.top_intents(), **kwargs)


class DropOffView(InsightView):
    page_title = "Charly — abandons dans les parcours"
    template_name = "chatbot/admin/drop_offs.html"
    url_name = "charly_drop_offs"

    def get_context_data(self, **kwargs):
        since = timezone.now() - inactivity()
        return super().get_context_data(flows=insight.drop_offs(since), **kwargs)


@require_POST
def add_example(request):
    """One click in the report or on the dashboard: an unclear message becomes an example of the
    chosen intent."""
    if not (
        request.user.has_perm("chatbot.change_intent") and can_see_student_reports(request.user)
    ):
        raise PermissionDenied
    intent = get_object_or_404(Intent, pk=request.POST.get("intent") or 0)
    example = insight.add_example(request.POST.get("normalized", ""), intent)
    if example is None:
        messages.error(request, "Ce message n'est plus dans la liste : rien n'a été ajouté.")
    else:
        messages.success(
            request,
            f"« {example.text} » est maintenant un exemple de l'intention « {intent.label} » : "
            "Charly en tient compte dès le prochain message.",
        )
    return redirect(_back_to(request))


def _back_to(request):
    """Where the teaching form was: the report, or the dashboard's panel (same site only)."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "charly_unanswered"
