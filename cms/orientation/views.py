"""The editors' statistics page in the Wagtail admin."""

from django.urls import reverse_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import TestVersion
from .statistics import PERIODS, results_statistics


class StatisticsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Test d'orientation — statistiques"
    header_icon = "table"
    template_name = "orientation/statistics.html"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse_lazy("orientation_statistics"), "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days = self.request.GET.get("jours", "")
        days = int(days) if days.isdigit() and int(days) in PERIODS else 30
        version_id = self.request.GET.get("version", "")
        version = (
            TestVersion.objects.exclude(status=TestVersion.Status.DRAFT)
            .filter(pk=version_id)
            .first()
            if version_id.isdigit()
            else None
        )
        context.update(
            stats=results_statistics(days, version),
            periods=PERIODS,
            versions=TestVersion.objects.exclude(status=TestVersion.Status.DRAFT),
        )
        return context
