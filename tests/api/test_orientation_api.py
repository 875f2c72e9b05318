"""test/, test/resultats/ and parcours/ through HTTP: every validation case leaves nothing
stored; the parcours lifecycle; tokens that cannot be guessed."""

import json

import pytest

from cms.orientation import models
from cms.orientation.models import Parcours, ParcoursItem

from .conftest import assert_error

pytestmark = pytest.mark.django_db


def post(client, path, body, **extra):
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(f"/api/v1/{path}", raw, content_type="application/json", **extra)


def patch(client, path, body):
    return client.patch(f"/api/v1/{path}", json.dumps(body), content_type="application/json")


@pytest.fixture
def questions(api):
    return api("test/").json()["questions"]


def answers_liking(questions, letters, liked=4, others=0):
    return {str(q["id"]): liked if q["dimension"] in letters else others for q in questions}


def test_the_test(api, questions):
    body = api("test/").json()
    assert body["version"] == models.TestVersion.objects.current().pk
    assert len(questions) >= 36
    for letter in "RIASEC":
        assert sum(q["dimension"] == letter for q in questions) >= 6
    assert [c["value"] for c in questions[0]["choices"]] == [4, 3, 2, 1, 0]
    assert questions[0]["choices"][0]["label"] == "J'adore"
    college = api("test/", audience="college").json()["questions"]
    assert 0 < len(college) <= len(questions)
    assert_error(api("test/", audience="maternelle"), 400, "audience")
    assert_error(api("test/", niveau="lycee"), 400, "niveau")


def test_results(client, questions):
    response = post(client, "test/resultats/", {"answers": answers_liking(questions, "I"),
                                                 "level": "lycee"})  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"][0] == "I"
    assert set(body["profile"]) == set("RIASEC")
    top = [m["slug"] for m in body["metiers"][:5]]
    assert {"data-scientist", "chercheur-informatique", "ingenieur-ia"} & set(top)
    assert all(m["raisons"] for m in body["metiers"])
    assert body["formations"], "a lycéen gets post-bac formations"
    assert models.TestResult.objects.filter(public_id=body["id"]).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"answers": {}}, "answers"),
        ({"answers": []}, "answers"),
        ({"answers": "tout"}, "answers"),
        ({"reponses": {"1": 4}}, "reponses"),
        ({"answers": {"1": 4}, "level": "crèche"}, "level"),
        ({"answers": {"1": 4}, "version": "v1"}, "version"),
        ({"answers": {"1": 4}, "prenom": "Léa"}, "prenom"),
    ],
)
def test_result_request_shape(client, body, field):
    assert_error(post(client, "test/resultats/", body), 400, field)
    assert not models.TestResult.objects.exists()


def test_too_few_answers_says_how_many_are_missing(client, questions):
    answers = answers_liking(questions[:5], "I")
    error = assert_error(post(client, "test/resultats/", {"answers": answers}), 400)
    messages = " ".join(m for ms in error["fields"].values() for m in ms)
    assert any(ch.isdigit() for ch in messages)
    assert "manqu" in messages.lower() or "encore" in messages.lower()
    assert not models.TestResult.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda a: {**a, "999999": 3},  # unknown question
        lambda a: {**a, next(iter(a)): 5},  # outside the scale
        lambda a: {**a, next(iter(a)): -1},
        lambda a: {**a, next(iter(a)): "4"},
        lambda a: {**a, next(iter(a)): 2.5},
        lambda a: {**a, "abc": 1},
    ],
)
def test_invalid_answers_store_nothing(client, questions, change):
    answers = change(answers_liking(questions, "A"))
    error = assert_error(post(client, "test/resultats/", {"answers": answers}), 400)
    assert any(name.startswith("answers.") for name in error["fields"]), error
    assert not models.TestResult.objects.exists()


def test_duplicate_question_ids_are_refused(client, questions):
    first = str(questions[0]["id"])
    pairs = ", ".join(f'"{q["id"]}": 3' for q in questions)
    raw = '{"answers": {' + pairs + f', "{first}": 0' + "}}"
    error = assert_error(post(client, "test/resultats/", raw), 400, f"answers.{first}")
    assert "plusieurs" in error["fields"][f"answers.{first}"][0]
    assert not models.TestResult.objects.exists()


def test_retired_version_is_refused(client, questions):
    version = models.TestVersion.objects.current()
    version.status = models.TestVersion.Status.RETIRED
    version.save()
    body = {"answers": answers_liking(questions, "R"), "version": version.pk}
    response = post(client, "test/resultats/", body)
    assert response.status_code in (400, 503)
    assert not models.TestResult.objects.exists()


def test_malformed_oversized_and_wrong_type_bodies(client):
    assert_error(post(client, "test/resultats/", '{"answers": {'), 400)
    big = json.dumps({"answers": {str(i): 1 for i in range(5000)}})
    assert_error(post(client, "test/resultats/", big), 413)
    wrong = client.post("/api/v1/test/resultats/", "answers=1",
                        content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert_error(wrong, 415)
    assert not models.TestResult.objects.exists()


def test_anonymous_writes_are_throttled(client, settings):
    settings.API_RATES = {**settings.API_RATES, "address_writes": "3/minute"}
    statuses = [post(client, "parcours/", {}).status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]
    limited = post(client, "parcours/", {})
    assert_error(limited, 429)
    assert int(limited["Retry-After"]) > 0
    assert Parcours.objects.count() == 3


# The parcours


def test_parcours_lifecycle(client, api, questions):
    created = post(client, "parcours/", {})
    assert created.status_code == 201
    token, share = created.json()["token"], created.json()["share_token"]
    assert len(token) >= 43
    assert token != share
    assert created.json()["items"] == []
    result_id = post(client, "test/resultats/",
                     {"answers": answers_liking(questions, "S")}).json()["id"]  # fmt: skip

    added = patch(client, f"parcours/{token}/", {"add": [
        {"type": "metier", "ref": "data-scientist"},
        {"type": "formation", "ref": "but-informatique"},
        {"type": "etablissement", "ref": "insa-lyon"},
        {"type": "resultat", "ref": result_id},
    ]})  # fmt: skip
    assert added.status_code == 200, added.content
    items = {(i["type"], i["ref"]): i for i in added.json()["items"]}
    assert items[("metier", "data-scientist")]["title"] == "Data scientist"
    assert len(items) == 4

    removed = patch(client, f"parcours/{token}/",
                    {"remove": [{"type": "formation", "ref": "but-informatique"}]})  # fmt: skip
    assert len(removed.json()["items"]) == 3

    shared = api(f"parcours/{share}/").json()
    assert shared["read_only"] is True
    assert len(shared["items"]) == 3
    assert_error(patch(client, f"parcours/{share}/", {"add": [{"type": "metier",
                                                                "ref": "rssi"}]}), 403)  # fmt: skip
    assert_error(client.delete(f"/api/v1/parcours/{share}/"), 403)
    assert ParcoursItem.objects.count() == 3

    assert client.delete(f"/api/v1/parcours/{token}/").status_code == 204
    assert_error(api(f"parcours/{token}/"), 404)
    assert_error(api(f"parcours/{share}/"), 404)
    assert not Parcours.objects.exists()
    assert not ParcoursItem.objects.exists()


def test_a_bad_item_changes_nothing(client):
    token = post(client, "parcours/", {}).json()["token"]
    response = patch(client, f"parcours/{token}/", {"add": [
        {"type": "metier", "ref": "data-scientist"},
        {"type": "metier", "ref": "astronaute"},
    ]})  # fmt: skip
    assert_error(response, 400, "ref")
    assert not ParcoursItem.objects.exists()
    for body in ({"add": [{"type": "voiture", "ref": "x"}]}, {"nom": "Léa Martin"},
                 {"add": [{"type": "metier", "ref": "rssi", "email": "a@b.fr"}]}):  # fmt: skip
        assert_error(patch(client, f"parcours/{token}/", body), 400)
    assert_error(post(client, "parcours/", {"email": "lea@example.org"}), 400)
    assert not ParcoursItem.objects.exists()


def test_tokens_cannot_be_guessed(client, api):
    token = post(client, "parcours/", {}).json()["token"]
    parcours = Parcours.objects.get()
    stored = " ".join(str(v) for v in Parcours.objects.values().get().values())
    assert token not in stored, "only a hash of the token is stored"
    assert parcours.token_hash != token
    for guess in (token[:-1], token + "a", token.upper(), "0" * 43, "x" * 500, "%00"):
        assert_error(api(f"parcours/{guess}/"), 404)


@pytest.mark.parametrize("raw", ["[1, 2]", '"texte"', "42", "null"])
def test_bodies_that_are_not_objects(client, raw):
    error = assert_error(post(client, "test/resultats/", raw), 400)
    assert "objet JSON" in error["message"]
    token = post(client, "parcours/", {}).json()["token"]
    changed = client.patch(f"/api/v1/parcours/{token}/", raw, content_type="application/json")
    assert_error(changed, 400)
    assert not models.TestResult.objects.exists()
    assert not ParcoursItem.objects.exists()
