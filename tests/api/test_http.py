"""HTTP behaviour of the API: errors, caching with real publishes, CORS, Wagtail API v2,
headless preview."""

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.metiers.models import MetierPage

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def test_errors_have_one_shape(client, api):
    assert_error(api("inconnu/"), 404)
    error = assert_error(client.post("/api/v1/metiers/", {}, content_type="application/json"), 405)
    assert error["code"] == "method_not_allowed"
    assert_error(client.delete("/api/v1/metiers/data-scientist/"), 405)


def test_second_get_is_a_304_and_a_publish_shows_at_once(client, api):
    first = api("metiers/data-scientist/")
    etag = first["ETag"]
    assert etag
    assert "max-age" in first["Cache-Control"]
    again = client.get(
        "/api/v1/metiers/data-scientist/", HTTP_IF_NONE_MATCH=etag, HTTP_HOST="localhost"
    )
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert api("metiers/data-scientist/")["X-Cache"] == "HIT"

    page = MetierPage.objects.get(slug="data-scientist")
    page.accroche = "Tu fais parler les données pour prédire l'avenir."
    page.save_revision().publish()

    fresh = client.get(
        "/api/v1/metiers/data-scientist/", HTTP_IF_NONE_MATCH=etag, HTTP_HOST="localhost"
    )
    assert fresh.status_code == 200
    assert fresh.json()["accroche"] == "Tu fais parler les données pour prédire l'avenir."
    assert fresh["ETag"] != etag
    listing = api("metiers/", page_size=100).json()["results"]
    assert any(m["accroche"].startswith("Tu fais parler") for m in listing)


def test_cache_is_invalidated_by_an_admin_publish(admin_client_fr, api):
    assert api("metiers/pentester/").json()["title"] == "Pentester (hacker éthique)"
    page = MetierPage.objects.get(slug="pentester")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = admin_client_fr.post(url, edit_form_data(page, title="Pentester (hackeuse éthique)"))
    assert response.status_code == 302, response.content[:500]
    assert api("metiers/pentester/").json()["title"] == "Pentester (hackeuse éthique)"


def edit_form_data(page, **changes):
    """The edit form as the admin would post it, from the page's current values."""
    page = page.specific
    data = {
        "title": page.title, "slug": page.slug, "accroche": page.accroche,
        "domaine": page.domaine, "description": rich_text(page.description),
        "missions": rich_text(page.missions), "competences": rich_text(page.competences),
        "qualites": rich_text(page.qualites),
        **{f"riasec_{x}": str(getattr(page, f"riasec_{x}")) for x in "riasec"},
        "onet_reference": page.onet_reference,
        "niveau_acces_min": str(page.niveau_acces_min),
        "niveau_acces_usuel": str(page.niveau_acces_usuel),
        **{name: "" if getattr(page, name) is None else str(getattr(page, name))
           for name in ("salaire_debutant_min", "salaire_debutant_max", "part_femmes")},
        "salaire_libelle": page.salaire_libelle,
        "salaire_source": str(page.salaire_source_id or ""),
        "perspectives": page.perspectives,
        "part_femmes_libelle": page.part_femmes_libelle,
        "part_femmes_source": str(page.part_femmes_source_id or ""),
        "synonymes": page.synonymes,
        "faq": {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0",
                "MAX_NUM_FORMS": "1000"},
        "formation_links": inline_formset(
            [{"id": str(link.pk), "formation": str(link.formation_id)}
             for link in page.formation_links.all()],
            initial=page.formation_links.count(),
        ),
        **changes,
    }  # fmt: skip
    form = nested_form_data(data)
    form["action-publish"] = "action-publish"
    return form


@override_settings(CORS_ALLOWED_ORIGINS=["https://partenaire.example.org"])
def test_cors_allow_list(client):
    allowed = client.get("/api/v1/metiers/", HTTP_ORIGIN="https://partenaire.example.org")
    assert allowed["Access-Control-Allow-Origin"] == "https://partenaire.example.org"
    other = client.get("/api/v1/metiers/", HTTP_ORIGIN="https://inconnu.example.com")
    assert "Access-Control-Allow-Origin" not in other
    site_page = client.get("/metiers/", HTTP_ORIGIN="https://partenaire.example.org")
    assert "Access-Control-Allow-Origin" not in site_page, "only the API is shared"


def test_wagtail_api_v2_pages(client):
    response = client.get(
        "/api/v2/pages/",
        {"type": "metiers.MetierPage", "fields": "accroche,code_riasec", "limit": 30},
    )
    body = response.json()
    assert response.status_code == 200
    assert body["meta"]["total_count"] == MetierPage.objects.live().count()
    assert all(item["accroche"] and len(item["code_riasec"]) == 3 for item in body["items"])
    detail = client.get(f"/api/v2/pages/{body['items'][0]['id']}/").json()
    assert detail["meta"]["type"] == "metiers.MetierPage"
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


def test_headless_preview_of_a_draft(admin_client_fr, client):
    page = MetierPage.objects.get(slug="game-designer")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = edit_form_data(page, accroche="Brouillon : tu inventes des mondes entiers.")
    data.pop("action-publish")
    assert admin_client_fr.post(preview_url, data).json()["is_valid"]
    shown = admin_client_fr.get(preview_url, {"mode": "headless"})
    assert shown.status_code == 200
    frontend_url = shown.context["preview_url"]
    assert frontend_url.startswith("http://127.0.0.1:3000/preview/?")
    query = frontend_url.split("?", 1)[1]

    draft = client.get(f"/api/v2/page_preview/?{query}")
    assert draft.status_code == 200
    assert draft.json()["accroche"] == "Brouillon : tu inventes des mondes entiers."
    assert client.get("/api/v1/metiers/game-designer/").json()["accroche"] != (
        "Brouillon : tu inventes des mondes entiers."
    ), "the draft is not published"

    forged = query.replace("token=", "token=x")
    assert client.get(f"/api/v2/page_preview/?{forged}").status_code == 404
    assert client.get("/api/v2/page_preview/?content_type=metiers.metierpage").status_code == 404


def test_wagtail_api_v2_listing_does_not_grow_with_the_page_count(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(limit):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(
                "/api/v2/pages/",
                {"type": "metiers.MetierPage", "fields": "accroche,image", "limit": limit},
            )
        assert response.status_code == 200
        assert len(response.json()["items"]) == limit
        return len(captured)

    queries(1)  # warm Wagtail's own caches (site root paths, content types)
    assert queries(5) == queries(25)


def test_a_response_cached_for_one_host_is_not_served_to_another(client, settings):
    settings.ALLOWED_HOSTS = ["localhost", "api.example.org"]
    first = client.get("/api/v1/metiers/data-scientist/", HTTP_HOST="localhost")
    other = client.get("/api/v1/metiers/data-scientist/", HTTP_HOST="api.example.org")
    assert first["X-Cache"] == "MISS"
    assert other["X-Cache"] == "MISS"  # its own entry: links may differ from host to host
    assert client.get("/api/v1/metiers/data-scientist/", HTTP_HOST="localhost")["X-Cache"] == "HIT"


def test_a_cached_answer_is_the_whole_answer(client):
    """A hit, served before most of the middleware runs, replays every header of the miss."""
    first = client.get("/api/v1/metiers/?page_size=5", HTTP_HOST="localhost")
    again = client.get("/api/v1/metiers/?page_size=5", HTTP_HOST="localhost")
    assert (first["X-Cache"], again["X-Cache"]) == ("MISS", "HIT")
    assert again.content == first.content
    headers = {name: value for name, value in first.items() if name != "X-Cache"}
    assert "X-Frame-Options" in headers
    assert "ETag" in headers
    assert {name: value for name, value in again.items() if name != "X-Cache"} == headers
    not_public = client.get("/api/v1/parcours/inconnu/", HTTP_HOST="localhost")
    assert "X-Cache" not in not_public
