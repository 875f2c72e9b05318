"""The commission's report: per campaign and per day, its CSV, and the SVG chart of the same
numbers, read back from the chart's geometry."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections import defaultdict

import pytest
from django.contrib.auth.models import Permission

from cms.campagnes.models import CampagnePage

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
REPORT = "/admin/reports/campagnes/"
SERIES = {
    "visites": "Visites",
    "tests": "Tests terminés",
    "conversations": "Conversations",
    "parcours": "Parcours créés",
}


def report_csv(client, **params):
    response = client.get(REPORT, {**params, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def chart_values(client, **params):
    """{day: {series: value}} read from the chart: each point's height on the axis' scale."""
    html = client.get(REPORT, params).content.decode()
    svg = ET.fromstring(
        re.search(r'<svg[^>]*class="campagnes-chart".*?</svg>', html, re.DOTALL).group(0)
    )
    ticks = {
        float(text.get("data-value")): float(text.get("y"))
        for text in svg.iter(f"{SVG}text")
        if text.get("class") == "tick"
    }
    top = max(ticks)
    zero_y = ticks[0]
    per_unit = (zero_y - ticks[top]) / top
    values = defaultdict(dict)
    for group in svg.iter(f"{SVG}g"):
        serie = group.get("data-serie")
        for point in group.iter(f"{SVG}circle"):
            value = (zero_y - float(point.get("cy"))) / per_unit
            values[point.get("data-jour")][serie] = round(value)
            title = point.find(f"{SVG}title").text
            assert title.startswith(SERIES[serie])
            assert title.endswith(f": {round(value)}")
    return values


def csv_totals(rows):
    totals = defaultdict(lambda: dict.fromkeys(SERIES, 0))
    for row in rows:
        for serie, heading in [
            ("visites", "Visites"),
            ("tests", "Tests terminés"),
            ("conversations", "Conversations"),
            ("parcours", "Parcours créés"),
        ]:
            totals[row["Jour"]][serie] += int(row[heading])
    return totals


@pytest.mark.parametrize("slug", ["lea-cyber", None])
def test_csv_matches_the_chart(admin_client_fr, slug):
    params = {"campagne": CampagnePage.objects.get(slug=slug).pk} if slug else {}
    rows = report_csv(admin_client_fr, **params)
    expected = 30 if slug else 4 * 30
    assert len(rows) >= expected
    if slug:
        assert {row["Campagne"] for row in rows} == {CampagnePage.objects.get(slug=slug).title}
    totals = csv_totals(rows)
    assert chart_values(admin_client_fr, **params) == totals
    assert sum(day["visites"] for day in totals.values()) > 0


def test_rates_are_actions_per_visit(admin_client_fr):
    params = {"campagne": CampagnePage.objects.get(slug="nour-tech-for-good").pk}
    for row in report_csv(admin_client_fr, **params):
        visites = int(row["Visites"])
        for count, rate in [
            ("Tests terminés", "Taux test (%)"),
            ("Conversations", "Taux conversation (%)"),
            ("Parcours créés", "Taux parcours (%)"),
        ]:
            if visites:
                assert float(row[rate]) == round(100 * int(row[count]) / visites, 1)
            else:
                assert row[rate] == ""


def test_report_page_shows_the_table_and_the_chart(admin_client_fr):
    response = admin_client_fr.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tests terminés" in html
    assert "<svg" in html
    assert "cdn" not in html.lower().split("<svg", 1)[1].split("</svg>", 1)[0]
    assert admin_client_fr.get(REPORT, {"campagne": "not-a-number"}).status_code == 200
    assert admin_client_fr.get(REPORT, {"campagne": "999999"}).status_code == 200


def test_report_is_for_the_commission_only(client, django_user_model):
    editor = django_user_model.objects.create_user("editrice", "e@example.org", "x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for params in ({}, {"export": "csv"}):
        refused = client.get(REPORT, params)  # Wagtail sends editors without the right home
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    editor.user_permissions.add(Permission.objects.get(codename="view_student_reports"))
    assert client.get(REPORT).status_code == 200
