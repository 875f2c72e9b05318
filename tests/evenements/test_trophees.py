"""Trophées NSI, the teachers' side through the HTTP API: teams, submissions, the deadline in
Paris time (midnight and the daylight-saving change), uploads checked on their content, who may
touch what, and hostile input. The jury's side is in test_trophees_jury.py."""

import io
import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from rest_framework.authtoken.models import Token

from evenements.trophees import services
from evenements.trophees.models import (
    Critere,
    Edition,
    Eleve,
    Equipe,
    Fichier,
    Jure,
    Projet,
    ProjetRevision,
)
from tests.api.conftest import assert_error

pytestmark = pytest.mark.django_db
API = "/api/v1/trophees/"


def paris(*args):
    return datetime(*args, tzinfo=services.PARIS)


@pytest.fixture
def clock(monkeypatch):
    """The Trophées' clock, set by the test (Paris time unless said otherwise)."""

    class Clock:
        current = paris(2030, 1, 10, 12, 0)

        def set(self, instant):
            self.current = instant

    clock = Clock()
    monkeypatch.setattr(services, "now", lambda: clock.current)
    return clock


@pytest.fixture
def edition():
    """An edition whose deadline is 23:59 Paris on the last Sunday of March 2030 (the night
    clocks go forward: 23:59 there is 21:59 UTC)."""
    edition = Edition.objects.create(
        annee=2030,
        titre="Trophées NSI 2030",
        inscriptions_ouverture=date(2029, 10, 1),
        inscriptions_fermeture=date(2030, 2, 15),
        date_limite_depot=paris(2030, 3, 31, 23, 59),
        finale_nationale=date(2030, 6, 12),
        finale_nationale_lieu="Paris",
    )
    Critere.objects.create(edition=edition, nom="Technique", poids=3, note_max=20, sort_order=0)
    Critere.objects.create(edition=edition, nom="Présentation", poids=1, note_max=10, sort_order=1)
    return edition


@pytest.fixture
def make_user(django_user_model):
    def make(username, *permissions):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", "x")
        for codename in permissions:
            user.user_permissions.add(Permission.objects.get(codename=codename))
        return user

    return make


@pytest.fixture
def teacher(make_user):
    return make_user("prof-nsi")


@pytest.fixture
def as_user():
    """A test client of its own, logged in as `user` (the admin's session)."""

    def login(user):
        client = Client()
        client.force_login(user)
        return client

    return login


def send(client, method, path, body=None, **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.generic(method, API + path, data, content_type="application/json", **extra)


def team_body(nom="Les Octets", region="bretagne", students=3, **changes):
    return {
        "nom": nom,
        "niveau": "terminale",
        "lycee": {"nom": "Lycée Test", "ville": "Rennes", "region": region},
        "eleves": [
            {"prenom": prenom, "initiale": "m", "niveau": "terminale"}
            for prenom in ["Inès", "Hugo", "Jade", "Noah", "Léa", "Yanis"][:students]
        ],
        **changes,
    }


PROJET = {
    "titre": "Une serre connectée",
    "resume": "Des capteurs et un tableau de bord pour arroser juste ce qu'il faut.",
    "categorie": "objet",
    "langages": ["Python", "MicroPython"],
    "depot_url": "https://example.org/serre",
    "video_url": "https://example.org/serre/video",
}


@pytest.fixture
def register(as_user, clock, edition):
    """Register a team as `user`; returns its payload."""

    def register_team(user, **changes):
        response = send(as_user(user), "POST", f"{edition.annee}/equipes/", team_body(**changes))
        assert response.status_code == 201, response.content
        return response.json()

    return register_team


@pytest.fixture
def team(register, teacher):
    return register(teacher)


@pytest.fixture
def submitted(team, teacher, as_user):
    response = send(as_user(teacher), "PUT", f"equipes/{team['id']}/projet/", PROJET)
    assert response.status_code == 200, response.content
    return team


def team_state(equipe_id):
    """Everything stored about a team, to show that a refused request changed nothing."""
    equipe = Equipe.objects.get(pk=equipe_id)
    projet = Projet.objects.filter(equipe=equipe).values().first()
    return (
        (equipe.nom, equipe.niveau),
        list(Eleve.objects.filter(equipe=equipe).values_list("prenom", "initiale", "niveau")),
        projet and {k: v for k, v in projet.items() if k != "modifie_le"},
        ProjetRevision.objects.filter(projet__equipe=equipe).count(),
        Fichier.objects.filter(projet__equipe=equipe).count(),
    )


# Authentication


AUTHENTICATED = [
    ("GET", "2030/equipes/"),
    ("POST", "2030/equipes/"),
    ("GET", "equipes/1/"),
    ("PATCH", "equipes/1/"),
    ("GET", "equipes/1/projet/"),
    ("PUT", "equipes/1/projet/"),
    ("GET", "equipes/1/projet/revisions/"),
    ("POST", "equipes/1/projet/fichiers/"),
    ("GET", "equipes/1/projet/fichiers/1/"),
    ("DELETE", "equipes/1/projet/fichiers/1/"),
    ("GET", "2030/jury/"),
    ("PUT", "2030/jury/conflits/"),
    ("PUT", "equipes/1/notes/"),
    ("GET", "2030/classement/"),
    ("PUT", "2030/finalistes/"),
    ("POST", "2030/resultats/"),
    ("GET", "2030/export/"),
]


@pytest.mark.parametrize(("method", "path"), AUTHENTICATED)
def test_every_private_endpoint_answers_401_json_without_credentials(client, method, path):
    if path.endswith("fichiers/"):
        response = client.post(API + path, {"fichier": png_file()})
    else:
        response = send(client, method, path, {} if method != "GET" else None)
    error = assert_error(response, 401)
    assert error["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Token"


def test_a_token_authenticates_and_a_wrong_one_is_refused(client, team, teacher):
    token = Token.objects.create(user=teacher)
    ok = client.get(API + "2030/equipes/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert ok.status_code == 200
    assert [equipe["nom"] for equipe in ok.json()] == ["Les Octets"]
    wrong = client.get(API + "2030/equipes/", HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert_error(wrong, 401)


# Teams


def test_a_teacher_registers_a_team_with_first_names_and_initials_only(team, teacher):
    assert team["nom"] == "Les Octets"
    assert team["lycee"]["region"] == "bretagne"
    assert team["eleves"][0] == {"prenom": "Inès", "initiale": "M", "niveau": "terminale"}
    assert team["projet"] is None
    assert team["modifiable"] is True
    equipe = Equipe.objects.get(pk=team["id"])
    assert equipe.enseignant == teacher
    assert {f.name for f in Eleve._meta.concrete_fields} == {
        "id", "equipe", "prenom", "initiale", "niveau"
    }  # fmt: skip


@pytest.mark.parametrize(
    "eleve",
    [
        {"prenom": "Inès", "initiale": "Martin", "niveau": "terminale"},
        {"prenom": "Inès", "initiale": "M", "niveau": "terminale", "nom": "Martin"},
        {"prenom": "Inès", "initiale": "M", "niveau": "terminale", "email": "ines@example.org"},
        {"prenom": "Inès3", "initiale": "M", "niveau": "terminale"},
        {"prenom": "Inès", "initiale": "M", "niveau": "seconde"},
    ],
)
def test_nothing_more_than_a_first_name_and_an_initial_is_taken(
    as_user, clock, edition, teacher, eleve
):
    body = team_body()
    body["eleves"][0] = eleve
    response = send(as_user(teacher), "POST", "2030/equipes/", body)
    assert_error(response, 400)
    assert not Equipe.objects.filter(edition=edition).exists()


@pytest.mark.parametrize("students", [1, 6])
def test_a_team_has_two_to_five_students(as_user, clock, edition, teacher, students):
    response = send(as_user(teacher), "POST", "2030/equipes/", team_body(students=students))
    assert "de 2 à 5 élèves" in assert_error(response, 400, "eleves")["message"]
    assert not Equipe.objects.filter(edition=edition).exists()


def test_team_sizes_are_set_per_edition(as_user, clock, edition, teacher):
    Edition.objects.filter(pk=edition.pk).update(equipe_min=3, equipe_max=3)
    assert_error(send(as_user(teacher), "POST", "2030/equipes/", team_body(students=2)), 400)
    assert_error(send(as_user(teacher), "POST", "2030/equipes/", team_body(students=4)), 400)
    assert send(as_user(teacher), "POST", "2030/equipes/", team_body(students=3)).status_code == 201


def test_registrations_follow_the_window_in_paris_dates(as_user, clock, edition, teacher):
    # 23:30 UTC on 15 February is already the 16th in Paris: closed.
    clock.set(datetime(2030, 2, 15, 23, 30, tzinfo=UTC))
    error = assert_error(send(as_user(teacher), "POST", "2030/equipes/", team_body()), 409)
    assert error["code"] == "inscriptions_fermees"
    clock.set(datetime(2030, 2, 15, 22, 30, tzinfo=UTC))
    assert send(as_user(teacher), "POST", "2030/equipes/", team_body()).status_code == 201


def test_a_team_name_is_unique_in_an_edition(register, teacher, as_user):
    register(teacher)
    response = send(as_user(teacher), "POST", "2030/equipes/", team_body(nom="les octets"))
    assert_error(response, 409, "nom")
    assert Equipe.objects.filter(edition__annee=2030).count() == 1


def test_a_teacher_sees_and_edits_only_their_own_teams(register, teacher, make_user, as_user):
    mine = register(teacher)
    colleague = make_user("prof-voisin")
    theirs = register(colleague, nom="Les Pixels")
    listed = as_user(teacher).get(API + "2030/equipes/").json()
    assert [equipe["id"] for equipe in listed] == [mine["id"]]
    before = team_state(theirs["id"])
    client = as_user(teacher)
    for method, path, body in [
        ("GET", f"equipes/{theirs['id']}/", None),
        ("PATCH", f"equipes/{theirs['id']}/", {"nom": "Volée"}),
        ("PUT", f"equipes/{theirs['id']}/projet/", PROJET),
        ("GET", f"equipes/{theirs['id']}/projet/revisions/", None),
    ]:
        assert_error(send(client, method, path, body), 403)
    upload = client.post(f"{API}equipes/{theirs['id']}/projet/fichiers/", {"fichier": png_file()})
    assert_error(upload, 403)
    assert team_state(theirs["id"]) == before


def test_a_teacher_changes_their_team_until_the_deadline(team, teacher, as_user, clock):
    change = {"nom": "Les Octets du Nord", "eleves": team_body(students=2)["eleves"]}
    response = send(as_user(teacher), "PATCH", f"equipes/{team['id']}/", change)
    assert response.status_code == 200
    assert response.json()["nom"] == "Les Octets du Nord"
    assert len(response.json()["eleves"]) == 2
    clock.set(paris(2030, 4, 1, 0, 0))
    before = team_state(team["id"])
    late = send(as_user(teacher), "PATCH", f"equipes/{team['id']}/", {"nom": "Trop tard"})
    assert assert_error(late, 409)["code"] == "depot_clos"
    assert team_state(team["id"]) == before


def test_an_organiser_reads_every_team(register, teacher, make_user, as_user):
    register(teacher)
    organiser = make_user("orga", "organiser")
    listed = as_user(organiser).get(API + "2030/equipes/").json()
    assert [equipe["nom"] for equipe in listed] == ["Les Octets"]


# Submissions and their revisions


def test_every_change_to_a_submission_is_kept_as_a_revision(submitted, teacher, as_user):
    client = as_user(teacher)
    changed = {**PROJET, "titre": "Une serre très connectée", "langages": ["Python"]}
    response = send(client, "PUT", f"equipes/{submitted['id']}/projet/", changed)
    assert response.json()["titre"] == "Une serre très connectée"
    revisions = client.get(f"{API}equipes/{submitted['id']}/projet/revisions/").json()
    assert [r["contenu"]["titre"] for r in revisions] == [
        "Une serre très connectée",
        "Une serre connectée",
    ]
    assert revisions[0]["auteur"] == "prof-nsi"
    assert revisions[1]["contenu"]["langages"] == ["Python", "MicroPython"]


def put_projet(client, equipe_id, titre):
    return send(client, "PUT", f"equipes/{equipe_id}/projet/", {**PROJET, "titre": titre})


# On the night of 30 to 31 March 2030 clocks go forward (02:00 → 03:00): 23:59 Paris on
# Sunday the 31st is 21:59 UTC, not 22:59 as it would have been a day earlier.
DEADLINE_INSTANTS = [
    (paris(2030, 3, 31, 23, 58, 59), 200),
    (paris(2030, 3, 31, 23, 59, 0), 200),
    (datetime(2030, 3, 31, 21, 59, 0, tzinfo=UTC), 200),
    (paris(2030, 3, 31, 23, 59, 1), 409),
    (paris(2030, 4, 1, 0, 0, 0), 409),
    # 22:30 UTC: still "23:30" for a server that forgot summer time, yet 00:30 in Paris.
    (datetime(2030, 3, 31, 22, 30, tzinfo=UTC), 409),
    (datetime(2030, 3, 31, 22, 59, tzinfo=UTC), 409),
]


@pytest.mark.parametrize(("instant", "expected"), DEADLINE_INSTANTS)
def test_the_deadline_is_enforced_in_paris_time_across_the_clock_change(
    submitted, teacher, as_user, clock, instant, expected
):
    clock.set(instant)
    before = team_state(submitted["id"])
    response = put_projet(as_user(teacher), submitted["id"], "Dernière minute")
    assert response.status_code == expected, response.content
    if expected == 409:
        error = assert_error(response, 409)
        assert error["code"] == "depot_clos"
        assert "31/03/2030 à 23:59, heure de Paris" in error["message"]
        assert team_state(submitted["id"]) == before
    else:
        assert Projet.objects.get(equipe_id=submitted["id"]).titre == "Dernière minute"


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (datetime(2030, 1, 15, 22, 59, 59, tzinfo=UTC), 200),  # 23:59:59 in Paris (winter)
        (
            datetime(2030, 1, 15, 23, 0, 0, tzinfo=UTC),
            409,
        ),  # midnight in Paris, still the 15th in UTC
    ],
)
def test_the_deadline_falls_at_midnight_paris_time_in_winter(
    submitted, teacher, as_user, clock, edition, instant, expected
):
    Edition.objects.filter(pk=edition.pk).update(date_limite_depot=paris(2030, 1, 15, 23, 59, 59))
    clock.set(instant)
    assert put_projet(as_user(teacher), submitted["id"], "Minuit").status_code == expected


def test_after_the_deadline_the_payload_says_locked_and_files_cannot_change(
    submitted, teacher, as_user, clock
):
    client = as_user(teacher)
    added = client.post(f"{API}equipes/{submitted['id']}/projet/fichiers/", {"fichier": png_file()})
    assert added.status_code == 201
    clock.set(paris(2030, 4, 1, 0, 0))
    assert client.get(f"{API}equipes/{submitted['id']}/").json()["modifiable"] is False
    before = team_state(submitted["id"])
    late = client.post(f"{API}equipes/{submitted['id']}/projet/fichiers/", {"fichier": png_file()})
    assert assert_error(late, 409)["code"] == "depot_clos"
    removed = send(
        client, "DELETE", f"equipes/{submitted['id']}/projet/fichiers/{added.json()['id']}/"
    )
    assert_error(removed, 409)
    assert team_state(submitted["id"]) == before


# Uploads: content, not names


def png_bytes(size=(8, 8), kind="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 120, 200)).save(buffer, kind)
    return buffer.getvalue()


def png_file(name="capture.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("main.py", "print('bonjour')\n")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def stored_files():
    root = Path(settings.MEDIA_ROOT) / "trophees"
    return sorted(str(path) for path in root.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    ("name", "content", "content_type", "kind"),
    [
        ("capture.png", png_bytes(), "image/png", "png"),
        ("photo.jpg", png_bytes(kind="JPEG"), "image/jpeg", "jpeg"),
        ("dossier.pdf", PDF, "application/pdf", "pdf"),
        ("code.zip", zip_bytes(), "application/zip", "zip"),
        ("sans-type", png_bytes(), "image/png", "png"),
    ],
)
def test_files_whose_content_is_what_they_claim_are_stored(
    submitted, teacher, as_user, name, content, content_type, kind
):
    client = as_user(teacher)
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = client.post(f"{API}equipes/{submitted['id']}/projet/fichiers/", {"fichier": upload})
    assert response.status_code == 201, response.content
    assert response.json()["type"] == kind
    assert response.json()["taille"] == len(content)
    fichier = Fichier.objects.get(pk=response.json()["id"])
    assert fichier.fichier.name.endswith(f".{kind}")
    assert name not in fichier.fichier.name
    assert fichier.fichier.read() == content
    revision = client.get(f"{API}equipes/{submitted['id']}/projet/revisions/").json()[0]
    assert revision["contenu"]["fichiers"][0]["nom"] == name


def test_a_file_is_downloaded_by_its_teacher_the_organisers_and_its_jury_only(
    submitted, teacher, as_user, make_user, edition, client
):
    added = as_user(teacher).post(
        f"{API}equipes/{submitted['id']}/projet/fichiers/", {"fichier": png_file("<b>.png")}
    )
    path = f"{API}equipes/{submitted['id']}/projet/fichiers/{added.json()['id']}/"
    breton, occitan = make_user("jure-bzh"), make_user("jure-occ")
    Jure.objects.create(user=breton, edition=edition, region="bretagne")
    Jure.objects.create(user=occitan, edition=edition, region="occitanie")
    for user in (teacher, breton, make_user("orga", "organiser")):
        response = as_user(user).get(path, HTTP_ACCEPT="text/html")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == png_bytes()
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
    for user in (occitan, make_user("prof-voisin")):
        assert_error(as_user(user).get(path), 403)
    assert_error(client.get(path), 401)
    assert_error(as_user(teacher).get(path.replace(f"/{added.json()['id']}/", "/999999/")), 404)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("capture.png", PDF, "image/png"),  # a PDF renamed .png
        ("dossier.pdf", png_bytes(), "application/pdf"),
        ("code.zip", b"PK\x03\x04 not really an archive", "application/zip"),  # magic only
        ("capture.png", png_bytes()[:40], "image/png"),  # truncated image
        ("script.png", b"#!/bin/sh\nrm -rf /\n", "image/png"),
        ("page.html", b"<script>alert(1)</script>", "text/html"),  # a type never allowed
        ("capture.png", png_bytes(), "application/pdf"),  # declared as a PDF: not one
    ],
)
def test_a_file_whose_content_does_not_match_is_refused_and_nothing_is_stored(
    submitted, teacher, as_user, name, content, content_type
):
    before, files = team_state(submitted["id"]), stored_files()
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = as_user(teacher).post(
        f"{API}equipes/{submitted['id']}/projet/fichiers/", {"fichier": upload}
    )
    assert_error(response, 400, "fichier")
    assert team_state(submitted["id"]) == before
    assert stored_files() == files


@pytest.mark.parametrize(
    ("name", "content_type", "limit_mb"),
    [("grande.png", "image/png", 5), ("gros.pdf", "application/pdf", 10)],
)
def test_a_file_too_large_is_refused_with_413_and_nothing_is_stored(
    submitted, teacher, as_user, name, content_type, limit_mb
):
    before, files = team_state(submitted["id"]), stored_files()
    magic = b"\x89PNG\r\n\x1a\n" if name.endswith(".png") else b"%PDF-1.4\n"
    content = magic + b"\0" * (limit_mb * 1024 * 1024)
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = as_user(teacher).post(
        f"{API}equipes/{submitted['id']}/projet/fichiers/", {"fichier": upload}
    )
    error = assert_error(response, 413)
    assert f"{limit_mb} Mo" in error["message"]
    assert team_state(submitted["id"]) == before
    assert stored_files() == files


def test_an_upload_needs_a_submission_and_a_file_field(team, teacher, as_user):
    client = as_user(teacher)
    path = f"{API}equipes/{team['id']}/projet/fichiers/"
    assert_error(client.post(path, {"fichier": png_file()}), 404)
    assert_error(client.post(path, {"autre": png_file()}), 400, "fichier", "autre")
    assert_error(send(client, "POST", f"equipes/{team['id']}/projet/fichiers/", {}), 400, "fichier")


# Hostile input


@pytest.mark.parametrize(
    "body",
    [
        "{",
        "[]",
        '"texte"',
        json.dumps({**PROJET, "langages": "Python"}),
        json.dumps({**PROJET, "categorie": "astrologie"}),
        json.dumps({**PROJET, "titre": 42, "resume": None}),
        json.dumps({**PROJET, "video_url": "javascript:alert(1)"}),
        json.dumps({**PROJET, "inconnu": 1}),
        json.dumps({**PROJET, "titre": "x" * 121}),
        json.dumps({**PROJET, "langages": ["Python"] * 11}),
    ],
)
def test_bad_submissions_get_400_and_change_nothing(submitted, teacher, as_user, body):
    before = team_state(submitted["id"])
    response = send(as_user(teacher), "PUT", f"equipes/{submitted['id']}/projet/", body)
    assert_error(response, 400)
    assert team_state(submitted["id"]) == before


def test_unknown_ids_and_parameters_get_clean_errors(submitted, teacher, as_user):
    client = as_user(teacher)
    assert_error(send(client, "PUT", "equipes/999999/projet/", PROJET), 404)
    assert_error(client.get(API + "1999/equipes/"), 404)
    assert_error(send(client, "POST", "1999/equipes/", team_body()), 404)
    path = f"equipes/{submitted['id']}/projet/fichiers/999999/"
    assert_error(send(client, "DELETE", path), 404)
    assert_error(client.get(API + "2030/equipes/", {"page": "2"}), 400, "page")
    assert_error(client.get(API + "equipes/abc/"), 404)
    assert_error(client.get(API + "equipes/1e3/"), 404)
    assert_error(send(client, "PUT", "equipes/٣/projet/", PROJET), 404)


def test_an_oversized_json_body_is_refused_with_413(submitted, teacher, as_user):
    before = team_state(submitted["id"])
    body = {**PROJET, "resume": "x" * (settings.API_MAX_BODY_BYTES + 1)}
    response = send(as_user(teacher), "PUT", f"equipes/{submitted['id']}/projet/", body)
    assert_error(response, 413)
    assert team_state(submitted["id"]) == before


def test_a_malformed_body_is_refused_before_credentials_are_checked(client):
    assert_error(send(client, "POST", "2030/equipes/", "{"), 400)


# The admin


def test_editors_manage_editions_teams_and_jurors_in_the_admin(admin_client_fr):
    demo = Edition.objects.get(demo=True)
    equipe = demo.equipes.first()
    for url in [
        "/admin/snippets/trophees/edition/",
        "/admin/snippets/trophees/edition/add/",
        f"/admin/snippets/trophees/edition/edit/{demo.pk}/",
        "/admin/snippets/trophees/equipe/?q=Les",
        f"/admin/snippets/trophees/equipe/edit/{equipe.pk}/",
        "/admin/snippets/trophees/jure/add/",
        "/admin/snippets/trophees/lycee/?q=fictif",
    ]:
        response = admin_client_fr.get(url)
        assert response.status_code == 200, url
    page = admin_client_fr.get(f"/admin/snippets/trophees/edition/edit/{demo.pk}/").content.decode()
    assert "Finales régionales" in page
    assert "Qualité technique" in page  # a criterion of the grid, inline
