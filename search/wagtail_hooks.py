"""Editors' insight into what students search, and the synonyms editors maintain."""

from django.db.models import Case, Max, Sum, Value, When
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.exports import SafeCsvExportMixin
from cms.home.reports import StudentReportMenuItem, StudentReportMixin

from .models import QueryLog, Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "Synonymes de recherche"
    menu_order = 900
    add_to_admin_menu = True


register_snippet(SynonymViewSet)


class QueryReport(StudentReportMixin, SafeCsvExportMixin, ReportView):
    """Searches grouped by normalised text, with how often they were typed."""

    template_name = "search/admin/query_report.html"
    results_template_name = "search/admin/query_report_results.html"
    paginate_by = 50
    list_export = ["query", "searches", "last_day", "zero"]
    export_headings = {
        "query": "Recherche",
        "searches": "Nombre",
        "last_day": "Dernière fois",
        "zero": "Sans résultat",
    }
    zero_results_only = False

    def get_queryset(self):
        logs = QueryLog.objects.all()
        if self.zero_results_only:
            logs = logs.filter(zero_results=True)
        return (
            logs.values("query")
            .annotate(
                searches=Sum("count"),
                last_day=Max("day"),
                zero=Max(Case(When(zero_results=True, then=Value("oui")), default=Value("non"))),
            )
            .order_by("-searches", "query")
        )


class ZeroResultReport(QueryReport):
    page_title = "Recherches sans résultat"
    index_url_name = "search_report_zero"
    index_results_url_name = "search_report_zero_results"
    zero_results_only = True


class FrequentReport(QueryReport):
    page_title = "Recherches fréquentes"
    index_url_name = "search_report_frequent"
    index_results_url_name = "search_report_frequent_results"


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/recherches-sans-resultat/",
            ZeroResultReport.as_view(),
            name="search_report_zero",
        ),
        path(
            "reports/recherches-sans-resultat/results/",
            ZeroResultReport.as_view(results_only=True),
            name="search_report_zero_results",
        ),
        path(
            "reports/recherches-frequentes/",
            FrequentReport.as_view(),
            name="search_report_frequent",
        ),
        path(
            "reports/recherches-frequentes/results/",
            FrequentReport.as_view(results_only=True),
            name="search_report_frequent_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_zero_report_menu_item():
    return StudentReportMenuItem(
        "Recherches sans résultat", reverse("search_report_zero"), icon_name="search", order=700
    )


@hooks.register("register_reports_menu_item")
def register_frequent_report_menu_item():
    return StudentReportMenuItem(
        "Recherches fréquentes", reverse("search_report_frequent"), icon_name="search", order=701
    )
