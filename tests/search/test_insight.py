"""Editors see what students search, anonymously: normalised text and counts only."""

import pytest
from django.urls import reverse

from search import service
from search.models import QueryLog

pytestmark = pytest.mark.django_db


def test_queries_are_logged_without_identity():
    service.search("  Cybersécurité  ")
    service.search("zzqxw introuvable")
    log = QueryLog.objects.order_by("id")
    assert [(row.query, row.result_count > 0) for row in log] == [
        ("cybersecurite", True),
        ("zzqxw introuvable", False),
    ]
    field_names = {field.name for field in QueryLog._meta.get_fields()}
    assert field_names == {"id", "query", "result_count", "day"}


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
