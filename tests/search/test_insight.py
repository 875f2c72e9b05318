"""Editors see what students search, anonymously: masked, normalised text and daily counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from search import service
from search.models import QueryLog

pytestmark = pytest.mark.django_db


def test_queries_are_kept_as_daily_aggregates_without_identity():
    service.search("  Cybersécurité  ")
    service.search("cybersecurite")
    service.search("zzqxw introuvable")
    rows = QueryLog.objects.order_by("query")
    today = timezone.localdate()
    assert [(row.query, row.day, row.count, row.zero_results) for row in rows] == [
        ("cybersecurite", today, 2, False),
        ("zzqxw introuvable", today, 1, True),
    ]
    field_names = {field.name for field in QueryLog._meta.get_fields()}
    assert field_names == {"id", "query", "day", "count", "zero_results"}


def test_personal_data_typed_in_the_search_box_is_never_kept(admin_client_fr):
    service.search("lea.martin@example.org 06 12 34 56 78 stage")
    service.search("je m'appelle Léa Martin")
    stored = " ".join(QueryLog.objects.values_list("query", flat=True))
    for identifier in ("lea.martin", "06 12", "martin"):
        assert identifier not in stored
    export = admin_client_fr.get(reverse("search_report_frequent") + "?export=csv")
    content = b"".join(export.streaming_content).decode()
    for identifier in ("example.org", "34 56"):
        assert identifier not in content
    assert "[e-mail] [telephone] stage" in content


def test_old_aggregates_are_purged():
    service.search("dev")
    QueryLog.objects.create(
        query="vieille recherche", day=timezone.localdate() - timedelta(days=500)
    )
    assert service.purge_query_log() == 1
    assert list(QueryLog.objects.values_list("query", flat=True)) == ["dev"]


def test_admin_reports(admin_client_fr):
    for _ in range(3):
        service.search("dev")
    service.search("zzqxw introuvable")
    zero = admin_client_fr.get(reverse("search_report_zero"))
    assert zero.status_code == 200
    assert "zzqxw introuvable" in zero.content.decode()
    assert "dev<" not in zero.content.decode()
    frequent = admin_client_fr.get(reverse("search_report_frequent"))
    page = frequent.content.decode()
    assert "Recherches fréquentes" in page
    assert page.index(">dev<") < page.index("zzqxw introuvable")
    export = admin_client_fr.get(reverse("search_report_frequent") + "?export=csv")
    assert export.status_code == 200
    assert "dev,3" in b"".join(export.streaming_content).decode()


def test_csv_exports_never_carry_a_formula(admin_client_fr):
    for query in ("=HYPERLINK(1)", "+cmd", "-2+3", "@SUM(A1)"):
        service.search(query)
    export = admin_client_fr.get(reverse("search_report_frequent") + "?export=csv")
    lines = b"".join(export.streaming_content).decode().splitlines()[1:]
    cells = [line.split(",")[0].strip('"') for line in lines]
    assert cells
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in cells), cells
