"""The campaigns in the admin: short links with their QR codes, and the commission's report."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.exports import SafeCsvExportMixin
from cms.home.reports import StudentReportMenuItem, StudentReportMixin

from .models import CampagnePage, LienCourt
from .reports import chart_svg, daily_rows


class QrColumn(Column):
    """Download links of the link's QR code, for posters and flyers."""

    cell_template_name = "campagnes/admin/qr_cell.html"


class LienCourtViewSet(SnippetViewSet):
    model = LienCourt
    icon = "link"
    menu_label = "Liens courts"
    menu_order = 910
    add_to_admin_menu = True
    list_display = ["code", "campagne", "page", QrColumn("qr", label="QR code")]
    list_filter = ["campagne"]
    search_fields = ["code"]


register_snippet(LienCourtViewSet)


class CampagneReport(StudentReportMixin, SafeCsvExportMixin, ReportView):
    """Per campaign and per day: visits through its short links, what followed, and the rates."""

    page_title = "Campagnes"
    template_name = "campagnes/admin/report.html"
    results_template_name = "campagnes/admin/report_results.html"
    index_url_name = "campagnes_report"
    index_results_url_name = "campagnes_report_results"
    export_filename = "campagnes"
    paginate_by = 60
    list_export = [
        "campagne",
        "jour",
        "visites",
        "tests",
        "conversations",
        "parcours",
        "taux_test",
        "taux_conversation",
        "taux_parcours",
    ]
    export_headings = {
        "campagne": "Campagne",
        "jour": "Jour",
        "visites": "Visites",
        "tests": "Tests terminés",
        "conversations": "Conversations",
        "parcours": "Parcours créés",
        "taux_test": "Taux test (%)",
        "taux_conversation": "Taux conversation (%)",
        "taux_parcours": "Taux parcours (%)",
    }

    def selected(self):
        value = self.request.GET.get("campagne", "")
        if not value.isdigit():
            return None
        return CampagnePage.objects.filter(pk=int(value)).first()

    def get_queryset(self):
        return daily_rows(self.selected())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campagnes"] = CampagnePage.objects.order_by("title")
        context["selected"] = self.selected()
        context["chart"] = chart_svg(self.object_list)
        return context


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/campagnes/", CampagneReport.as_view(), name="campagnes_report"),
        path(
            "reports/campagnes/results/",
            CampagneReport.as_view(results_only=True),
            name="campagnes_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return StudentReportMenuItem(
        "Campagnes", reverse("campagnes_report"), icon_name="link", order=710
    )
