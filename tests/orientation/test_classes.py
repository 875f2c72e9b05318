"""The test's class mode through HTTP: a teacher opens a class and gets its private link by
e-mail only, students add their result with the code, and the aggregate is refused below 5
results, moves only by whole groups of 5 and never shows one student's result."""

import hashlib
import json
import logging
import re
import socket
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone

from cms.orientation import classes, models
from cms.orientation.models import Classe, ClasseResultat
from cms.privacy import RedactSecretsFilter
from tests.api.conftest import assert_error

pytestmark = pytest.mark.django_db

TEACHER = "prof.martin@ac-lyon.fr"
LIBELLE = "2nde B — atelier du 8 décembre"
AGGREGATE_KEYS = {
    "code", "libelle", "expire_le", "seuil", "resultats", "resultats_agreges", "disponible",
    "profil", "code_riasec", "metiers",
}  # fmt: skip
# Answer patterns that give different profiles and recommendations.
PATTERNS = [("I", 4, 0), ("IC", 4, 1), ("A", 4, 2), ("RI", 3, 0), ("SE", 4, 1), ("C", 2, 0),
            ("IA", 4, 0), ("E", 3, 1), ("R", 4, 0), ("S", 4, 2), ("ICA", 3, 1)]  # fmt: skip


def post(client, path, body):
    raw = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(f"/api/v1/{path}", raw, content_type="application/json")


@pytest.fixture
def questions(client):
    return client.get("/api/v1/test/").json()["questions"]


def answers(questions, letters, liked, others):
    return {str(q["id"]): liked if q["dimension"] in letters else others for q in questions}


def open_by_api(client, mailoutbox, email=TEACHER, libelle=LIBELLE):
    """Open a class as a teacher does; returns (answer body, private token from the e-mail)."""
    response = post(client, "test/classes/", {"email": email, "libelle": libelle})
    assert response.status_code == 201, response.content
    token = re.search(r"/test/classe/#([A-Za-z0-9_-]+)", mailoutbox[-1].body)[1]
    return response.json(), token


def submit(client, questions, code, pattern):
    letters, liked, others = pattern
    body = {"answers": answers(questions, letters, liked, others), "code_classe": code}
    response = post(client, "test/resultats/", body)
    assert response.status_code == 201, response.content
    return response.json()


def aggregate(client, token):
    response = client.get(f"/api/v1/test/classes/{token}/")
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert set(body) == AGGREGATE_KEYS
    return body


def expected(results):
    """The aggregate computed independently from the answers the students got."""
    profile = {
        letter: int(sum(r["profile"][letter] for r in results) / len(results) + 0.5)
        for letter in "RIASEC"
    }
    counts = Counter(m["slug"] for r in results for m in r["metiers"])
    frequent = sorted((s for s, n in counts.items() if n >= 2), key=lambda s: (-counts[s], s))
    return profile, [(slug, counts[slug]) for slug in frequent[:10]]


# Opening a class


def test_a_teacher_gets_the_code_and_the_private_link_by_email_only(client, mailoutbox):
    body, token = open_by_api(client, mailoutbox)

    assert set(body) == {"code", "libelle", "expire_le", "email_envoye"}
    assert body["email_envoye"] is True
    assert body["libelle"] == LIBELLE
    assert re.fullmatch(f"[{classes.CODE_ALPHABET}]{{6}}", body["code"])
    assert body["expire_le"] == str(timezone.localdate() + timedelta(days=120))
    [email] = mailoutbox
    assert email.to == [TEACHER]
    assert body["code"] in email.subject
    assert body["code"] in email.body
    assert LIBELLE in email.body
    assert "5 élèves" in email.body
    assert len(token) >= 43
    classe = Classe.objects.get()
    # Only the hash of the token is kept, and the answer never carries it.
    assert classe.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in json.dumps(body)
    assert token not in classe.token_hash
    assert (classe.email, classe.code, classe.inscription_id) == (TEACHER, body["code"], None)
    assert aggregate(client, token)["disponible"] is False


def test_open_classe_for_the_registrations(mailoutbox):
    classe, code, token = classes.open_classe(" prof@lycee-hugo.fr ", "  1re NSI  ", 42)
    assert (classe.email, classe.libelle, classe.inscription_id) == ("prof@lycee-hugo.fr",
                                                                     "1re NSI", 42)  # fmt: skip
    assert classe.code == code
    assert len(code) == 6
    assert not set(code) & set("0O1IL")
    assert classes.private_link(token).endswith(f"/test/classe/#{token}")
    paragraph = classes.instructions(classe, token)
    assert code in paragraph
    assert classes.private_link(token) in paragraph
    assert mailoutbox == []  # the caller sends its own e-mail
    other = classes.open_classe("prof@lycee-hugo.fr", "1re NSI")
    assert other[1] != code
    assert other[2] != token


def test_a_code_already_taken_is_drawn_again(monkeypatch):
    taken = classes.open_classe(TEACHER, "4e A")[1]
    draws = iter([taken, taken, "K7MP3Q"])
    monkeypatch.setattr(classes, "_new_code", lambda: next(draws))
    assert classes.open_classe(TEACHER, "4e B")[1] == "K7MP3Q"
    monkeypatch.setattr(classes, "_new_code", lambda: taken)
    with pytest.raises(IntegrityError):
        classes.open_classe(TEACHER, "4e C")
    assert Classe.objects.count() == 2


def test_the_private_link_uses_the_student_site(settings):
    settings.STUDENT_SITE_URL = "https://www.talentsdunumerique.fr/"
    assert classes.private_link("abc") == "https://www.talentsdunumerique.fr/test/classe/#abc"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"email": "pas-une-adresse", "libelle": LIBELLE}, ["email"]),
        ({"email": 5, "libelle": LIBELLE}, ["email"]),
        ({"email": TEACHER, "libelle": ""}, ["libelle"]),
        ({"email": TEACHER, "libelle": "x" * 121}, ["libelle"]),
        ({"email": TEACHER, "libelle": ["2nde B"]}, ["libelle"]),
        ({"email": TEACHER}, ["libelle"]),
        ({"libelle": LIBELLE}, ["email"]),
        ({"email": TEACHER, "libelle": LIBELLE, "eleves": ["Léa"]}, ["eleves"]),
        ([TEACHER, LIBELLE], []),
        ('{"email": "prof@ac-lyon.fr", ', []),
    ],
)
def test_a_bad_class_request_stores_and_sends_nothing(client, mailoutbox, body, fields):
    assert_error(post(client, "test/classes/", body), 400, *fields)
    assert not Classe.objects.exists()
    assert mailoutbox == []


def test_oversized_and_non_json_class_requests(client, mailoutbox):
    big = {"email": TEACHER, "libelle": LIBELLE, "x": "a" * 20_000}
    assert_error(post(client, "test/classes/", big), 413)
    form = client.post("/api/v1/test/classes/", "email=a@b.fr",
                       content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert_error(form, 415)
    assert_error(client.post("/api/v1/test/classes/?email=a@b.fr"), 400, "email")
    assert not Classe.objects.exists()
    assert mailoutbox == []


def test_opening_classes_is_throttled_per_address(client, mailoutbox, settings):
    settings.API_RATES = {**settings.API_RATES, "classes": "2/hour"}
    statuses = [
        post(client, "test/classes/", {"email": f"p{i}@ac-lyon.fr", "libelle": "4e A"}).status_code
        for i in range(3)
    ]
    assert statuses == [201, 201, 429]
    assert Classe.objects.count() == len(mailoutbox) == 2


def test_when_the_email_cannot_be_sent_no_class_is_kept(client, settings):
    with socket.socket() as sock:  # a port on which nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    response = post(client, "test/classes/", {"email": TEACHER, "libelle": LIBELLE})
    assert_error(response, 503)
    assert not Classe.objects.exists()


# Students add their result


def test_a_result_with_the_code_counts_for_the_class_anonymously(client, mailoutbox, questions):
    body, token = open_by_api(client, mailoutbox)
    typed = " " + body["code"].lower()[:3] + "-" + body["code"].lower()[3:] + " "

    result = submit(client, questions, typed, PATTERNS[0])

    assert result["classe"] == LIBELLE
    contribution = ClasseResultat.objects.get()
    assert contribution.classe.code == body["code"]
    assert contribution.profile == result["profile"]
    assert contribution.metiers == [m["slug"] for m in result["metiers"]]
    # Nothing else: no answers, no date, no link to the stored result.
    assert {f.name for f in ClasseResultat._meta.concrete_fields} == {
        "id",
        "classe",
        "profile",
        "metiers",
    }
    assert aggregate(client, token)["resultats"] == 1
    without = post(client, "test/resultats/", {"answers": answers(questions, "I", 4, 0)})
    assert "classe" not in without.json()
    assert ClasseResultat.objects.count() == 1


@pytest.mark.parametrize("code", ["ZZZZZZ", "ABC", "", "0" * 21, 123456, ["ABCDEF"], None])
def test_an_unknown_code_is_refused_and_nothing_is_stored(client, questions, code):
    body = {"answers": answers(questions, "I", 4, 0), "code_classe": code}
    error = assert_error(post(client, "test/resultats/", body), 400, "code_classe")
    assert error["message"]
    assert not models.TestResult.objects.exists()
    assert not ClasseResultat.objects.exists()


def test_an_expired_code_is_refused(client, mailoutbox, questions):
    body, _ = open_by_api(client, mailoutbox)
    Classe.objects.update(expires_on=timezone.localdate() - timedelta(days=1))
    request = {"answers": answers(questions, "I", 4, 0), "code_classe": body["code"]}
    error = assert_error(post(client, "test/resultats/", request), 400, "code_classe")
    assert "expiré" in error["fields"]["code_classe"][0]
    assert not models.TestResult.objects.exists()
    assert not ClasseResultat.objects.exists()


def test_a_bad_answer_with_a_good_code_stores_nothing(client, mailoutbox, questions):
    body, _ = open_by_api(client, mailoutbox)
    request = {"answers": {"abc": 4}, "code_classe": body["code"]}
    assert_error(post(client, "test/resultats/", request), 400, "answers.abc")
    assert not models.TestResult.objects.exists()
    assert not ClasseResultat.objects.exists()


# The teacher's aggregate


def test_the_aggregate_is_refused_below_five_results(client, mailoutbox, questions):
    body, token = open_by_api(client, mailoutbox)
    for pattern in PATTERNS[:4]:
        submit(client, questions, body["code"], pattern)

    view = aggregate(client, token)

    assert view == {
        "code": body["code"],
        "libelle": LIBELLE,
        "expire_le": body["expire_le"],
        "seuil": 5,
        "resultats": 4,
        "resultats_agreges": 0,
        "disponible": False,
        "profil": None,
        "code_riasec": None,
        "metiers": [],
    }


def test_the_aggregate_covers_whole_groups_of_five(client, mailoutbox, questions):
    body, token = open_by_api(client, mailoutbox)
    results = [submit(client, questions, body["code"], p) for p in PATTERNS]  # 11 results

    view = aggregate(client, token)

    assert (view["resultats"], view["resultats_agreges"], view["disponible"]) == (11, 10, True)
    profile, metiers = expected(results[:10])
    assert view["profil"] == profile
    assert view["code_riasec"] == "".join(
        sorted("RIASEC", key=lambda letter: (-profile[letter], "RIASEC".index(letter)))[:3]
    )
    assert [(m["slug"], m["nombre"]) for m in view["metiers"]] == metiers
    assert metiers, "the patterns share recommendations"
    for metier in view["metiers"]:
        assert set(metier) == {"slug", "title", "url", "nombre"}
        assert metier["nombre"] >= 2
        assert metier["title"]
        assert metier["url"]


def test_one_more_result_never_changes_what_the_teacher_sees(client, mailoutbox, questions):
    """Differencing two views cannot isolate a student: the 6th to 9th results are not shown."""
    body, token = open_by_api(client, mailoutbox)
    results = [submit(client, questions, body["code"], p) for p in PATTERNS[:5]]
    at_five = aggregate(client, token)
    profile, metiers = expected(results)
    assert at_five["disponible"]
    assert at_five["profil"] == profile
    assert [(m["slug"], m["nombre"]) for m in at_five["metiers"]] == metiers

    for pattern in PATTERNS[5:9]:
        submit(client, questions, body["code"], pattern)
        later = aggregate(client, token)
        assert {**later, "resultats": 5} == at_five
    assert aggregate(client, token)["resultats"] == 9


def test_a_metier_recommended_to_one_student_is_not_listed(client, mailoutbox, questions):
    body, token = open_by_api(client, mailoutbox)
    results = [submit(client, questions, body["code"], p) for p in PATTERNS[:5]]
    once = {slug for slug, n in Counter(m["slug"] for r in results for m in r["metiers"]).items()
            if n == 1}  # fmt: skip
    assert once, "some métier is recommended to a single student"
    assert not once & {m["slug"] for m in aggregate(client, token)["metiers"]}


def test_unknown_private_links(client, mailoutbox):
    _, token = open_by_api(client, mailoutbox)
    for bad in ("x" * 43, "x" * 500, token[:-1], token.upper()):
        assert_error(client.get(f"/api/v1/test/classes/{bad}/"), 404)
    assert_error(client.get(f"/api/v1/test/classes/{token}/?details=1"), 400, "details")
    assert client.post(f"/api/v1/test/classes/{token}/").status_code == 405


def test_the_teacher_can_erase_the_class(client, mailoutbox, questions):
    body, token = open_by_api(client, mailoutbox)
    other, _ = open_by_api(client, mailoutbox, libelle="3e C")
    for code in (body["code"], other["code"]):
        submit(client, questions, code, PATTERNS[0])

    assert client.delete(f"/api/v1/test/classes/{token}/").status_code == 204

    assert_error(client.get(f"/api/v1/test/classes/{token}/"), 404)
    assert_error(client.delete(f"/api/v1/test/classes/{token}/"), 404)
    assert list(Classe.objects.values_list("code", flat=True)) == [other["code"]]
    assert ClasseResultat.objects.count() == 1
    request = {"answers": answers(questions, "I", 4, 0), "code_classe": body["code"]}
    assert_error(post(client, "test/resultats/", request), 400, "code_classe")


def test_private_tokens_are_redacted_from_log_lines(client, mailoutbox):
    _, token = open_by_api(client, mailoutbox)
    opened = '"POST /api/v1/test/classes/ HTTP/1.1" 201'
    lines = [f"Not Found: /api/v1/test/classes/{token}/", opened]
    records = [logging.LogRecord("django.request", logging.INFO, __file__, 1, line, (), None)
               for line in lines]  # fmt: skip
    for record in records:
        assert RedactSecretsFilter().filter(record)
    assert [record.getMessage() for record in records] == [
        "Not Found: /api/v1/test/classes/[secret]/",
        opened,
    ]


def test_the_aggregate_query_count_is_constant(
    client, mailoutbox, questions, django_assert_num_queries
):
    body, token = open_by_api(client, mailoutbox)
    aggregate(client, token)  # the site's root paths are cached on first use
    with django_assert_num_queries(2):
        aggregate(client, token)
    for count in (5, 10):
        for pattern in PATTERNS[:5]:
            submit(client, questions, body["code"], pattern)
        with django_assert_num_queries(3):
            assert aggregate(client, token)["resultats_agreges"] == count


# Retention


def test_expired_classes_are_purged_with_their_results(client, mailoutbox, questions):
    old, _ = open_by_api(client, mailoutbox, libelle="Atelier de l'an dernier")
    kept, token = open_by_api(client, mailoutbox)
    for code in (old["code"], kept["code"]):
        submit(client, questions, code, PATTERNS[0])
    Classe.objects.filter(code=old["code"]).update(
        expires_on=timezone.localdate() - timedelta(days=1)
    )

    call_command("purge_expired", verbosity=0)

    assert list(Classe.objects.values_list("code", flat=True)) == [kept["code"]]
    assert ClasseResultat.objects.count() == 1
    assert models.TestResult.objects.count() == 2  # the anonymous results follow their own period
    assert aggregate(client, token)["resultats"] == 1
