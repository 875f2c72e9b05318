"""The test, the parcours and the class pages as the server renders them: the shells the scripts
fill from API v1, the plain form that works without JavaScript (posted to the same room as the
API), and secrets that never appear in a server-side address."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from cms.orientation import models
from cms.orientation import results as results_service

pytestmark = pytest.mark.django_db

TEACHER = "prof.durand@ac-nantes.fr"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def liked(favourite):
    """A full set of plain-form answers: J'adore for one dimension, Bof or Pas du tout elsewhere."""
    return {
        f"q{question['id']}": "4" if question["dimension"] == favourite else str(position % 2)
        for position, question in enumerate(results_service.current_test()["questions"])
    }


def open_classe(client, mailoutbox):
    response = client.post(
        "/api/v1/test/classes/",
        json.dumps({"email": TEACHER, "libelle": "3e A — forum des métiers"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    link = re.search(r"(\S+/test/classe/)#([A-Za-z0-9_-]+)", mailoutbox[-1].body)
    return response.json()["code"], link[1], link[2]


def test_the_test_page_is_a_shell_for_its_script_and_a_plain_form_without_it(client):
    response = client.get("/test/")
    assert response.status_code == 200
    page = soup(response)
    assert [h1.get_text() for h1 in page.find_all("h1")] == ["Le test d'orientation"]
    assert page.find("script", {"type": "module", "src": "/static/js/test.js"})
    assert page.find("div", id="test-app").has_attr("hidden")  # until the script takes it over
    progress = page.find("progress", id="progression")
    assert progress["aria-labelledby"] == "progression-texte"
    # Without JavaScript: a clear message, then every question as a radio group.
    plain = page.find(class_="sans-js")
    assert "JavaScript est désactivé" in plain.get_text()
    form = plain.find("form")
    assert (form["method"], form["action"]) == ("post", "/test/resultats/")
    questions = results_service.current_test()["questions"]
    fieldsets = form.select("ol.test-liste fieldset")
    assert [fieldset.legend.get_text() for fieldset in fieldsets] == [q["text"] for q in questions]
    for fieldset, question in zip(fieldsets, questions, strict=True):
        radios = fieldset.find_all("input", {"type": "radio"})
        assert {radio["name"] for radio in radios} == {f"q{question['id']}"}
        assert [radio["value"] for radio in radios] == ["4", "3", "2", "1", "0"]
        assert all(radio.parent.name == "label" for radio in radios)


def test_a_class_code_in_the_address_prefills_both_forms(client):
    page = soup(client.get("/test/", {"classe": "k7mp3q"}))
    for prefix in ("js-", "nojs-"):
        field = page.find("input", id=f"{prefix}code-classe")
        assert field["value"] == "k7mp3q"
        assert page.find("label", {"for": f"{prefix}code-classe"})


def test_without_javascript_the_results_come_from_the_same_room_as_the_api(client):
    answers = liked("I")
    before = models.TestResult.objects.count()
    response = client.post("/test/resultats/", {**answers, "level": "lycee"})
    assert response.status_code == 200, response.content
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Cache-Control"] == "no-store"
    assert models.TestResult.objects.count() == before + 1
    expected = client.post(
        "/api/v1/test/resultats/",
        json.dumps({"answers": {k[1:]: int(v) for k, v in answers.items()}, "level": "lycee"}),
        content_type="application/json",
    ).json()
    page = soup(response)
    assert page.find("h2", id="profil-titre").get_text().endswith(expected["code"])
    shown = [
        (item.h3.get_text(strip=True), [li.get_text() for li in item.select("ul.raisons li")])
        for item in page.select("ol.metiers > li")
    ]
    assert shown == [(m["title"], m["raisons"]) for m in expected["metiers"]]
    assert [a.get_text() for a in page.select("ul.formations a")] == [
        f["title"] for f in expected["formations"]
    ]
    assert page.find("a", string="Retrouve ton parcours")["href"] == "/parcours/"


def test_without_javascript_too_few_answers_give_the_form_back_with_the_answers_kept(client):
    first, second = list(liked("A").items())[:2]
    before = models.TestResult.objects.count()
    response = client.post("/test/resultats/", dict([first, second]))
    assert response.status_code == 400
    assert models.TestResult.objects.count() == before
    page = soup(response)
    alert = page.find(id="erreurs")
    assert alert["role"] == "alert"
    assert "Il manque" in alert.get_text()
    for name, value in (first, second):
        assert page.find("input", {"name": name, "value": value}).has_attr("checked")


def test_without_javascript_a_wrong_class_code_stores_nothing(client, mailoutbox):
    code, _, _ = open_classe(client, mailoutbox)
    before = (models.TestResult.objects.count(), models.ClasseResultat.objects.count())
    response = client.post("/test/resultats/", {**liked("S"), "code_classe": "ZZZZZZ"})
    assert response.status_code == 400
    assert "Ce code de classe n'existe pas" in soup(response).find(id="erreurs").get_text()
    assert soup(response).find("input", id="nojs-code-classe")["value"] == "ZZZZZZ"
    assert (models.TestResult.objects.count(), models.ClasseResultat.objects.count()) == before

    response = client.post("/test/resultats/", {**liked("S"), "code_classe": code.lower()})
    assert response.status_code == 200
    assert "« 3e A — forum des métiers »" in soup(response).get_text()
    assert models.ClasseResultat.objects.count() == before[1] + 1


def test_the_results_address_alone_shows_the_test(client):
    response = client.get("/test/resultats/")
    assert (response.status_code, response["Location"]) == (302, "/test/")


def test_the_parcours_page_takes_its_token_from_the_fragment_only(client):
    response = client.post("/api/v1/parcours/", "{}", content_type="application/json")
    token = response.json()["token"]
    page_response = client.get("/parcours/")
    assert page_response.status_code == 200
    assert page_response["X-Robots-Tag"] == "noindex"
    assert page_response["Cache-Control"] == "no-store"
    page = soup(page_response)
    assert page.find("script", {"type": "module", "src": "/static/js/parcours.js"})
    assert "Ton lien est la seule clé" in page.find("section", class_="parcours-cle").get_text()
    assert "JavaScript" in page.find(class_="sans-js").get_text()
    # No server address takes the token: not as a path, and a query string changes nothing.
    assert client.get(f"/parcours/{token}/").status_code == 404
    assert client.get("/parcours/", {"token": token}).content == page_response.content


def test_the_teachers_emailed_link_opens_the_class_page_without_sending_the_token(
    client, mailoutbox
):
    _, address, token = open_classe(client, mailoutbox)
    assert address.endswith("/test/classe/")
    response = client.get("/test/classe/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    page = soup(response)
    assert page.find("script", {"type": "module", "src": "/static/js/classe.js"})
    assert "rien ne s'affiche avant 5 résultats" in page.get_text()
    assert "JavaScript" in page.find(class_="sans-js").get_text()
    assert client.get(f"/test/classe/{token}/").status_code == 404
