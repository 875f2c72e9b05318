"""Seats under real concurrency: fifty classes released at once by a barrier against a real
server (gunicorn, three worker processes of four threads each), on SQLite (a WAL database file
shared by the processes) and on PostgreSQL (a fresh database on the suite's server); then
cancellations, replayed cancellations and new registrations all at once. No class is lost, no
seat is sold twice, and freed seats go to the first waiting classes, who are told by e-mail.

The server runs the embedded default's settings on an empty migrated database (no demo content:
only the events these tests create), with its e-mails written to files. CI must run these tests
on PostgreSQL (DATABASE_URL).
"""

import email
import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from email import policy
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests

from tests.live.conftest import ROOT, free_port, manage, postgres_database

CLASSES = 50
TOKEN_MARK = "/evenements/annulation/#"


def database(vendor, tmp):
    """(url, drop) of a new database for the server."""
    if vendor == "sqlite":
        return f"sqlite:///{tmp}/inscriptions.sqlite3", None
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith("postgres"):
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the registration concurrency tests on PostgreSQL")
        pytest.skip("set DATABASE_URL to a PostgreSQL server to run these on PostgreSQL")
    return postgres_database(suite_url)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"inscriptions-{request.param}")
    url, drop = database(request.param, tmp)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DEBUG="false",
        DATABASE_URL=url,
        SEARCH_URL="",
        TRUSTED_PROXIES="127.0.0.1",
        EMAIL_URL=f"filemail:///{tmp}/mail",  # an absolute path: three slashes and its own
        LOG_LEVEL="WARNING",
    )
    manage(env, "migrate", "--noinput")
    port = free_port()
    log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "--workers", "3", "--threads", "4",
         "--bind", f"127.0.0.1:{port}", "--timeout", "120"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    server = SimpleNamespace(
        kind=request.param, url=f"http://127.0.0.1:{port}", env=env, mail=tmp / "mail"
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(f"{server.url}/healthz", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        if drop:
            drop()


def django(server, code):
    """Run Python in the server's Django (its database); returns what the code printed."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", code],
        cwd=ROOT,
        env=server.env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.stdout


def new_event(server, slug, capacite):
    django(
        server,
        "from tests.factories import EvenementFactory\n"
        f"EvenementFactory(slug={slug!r}, capacite={capacite}, niveaux=['college', 'lycee'])",
    )


def state(server, slug):
    """The event's seats taken and its registrations, read in the server's database."""
    return json.loads(
        django(
            server,
            "import json\nfrom evenements.semaine.models import Evenement\n"
            f"e = Evenement.objects.get(slug={slug!r})\n"
            "rows = list(e.inscriptions.order_by('position').values("
            "'enseignant_email', 'nombre_eleves', 'statut', 'position'))\n"
            "print(json.dumps({'capacite': e.capacite, 'places_prises': e.places_prises, "
            "'inscriptions': rows}))",
        )
    )


def mails(server, domain):
    """Every e-mail the server sent to addresses of `domain`: (to, subject, body, attachments)."""
    found = []
    for path in sorted(Path(server.mail).glob("*.log")) if Path(server.mail).exists() else []:
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw.lstrip(), policy=policy.default)
            if not message["To"] or not message["To"].endswith(domain):
                continue
            text = message.get_body(("plain",)).get_content()
            attachments = [part.get_filename() for part in message.iter_attachments()]
            found.append((str(message["To"]), str(message["Subject"]), text, attachments))
    return found


def at_once(calls):
    """Run every call in its own thread, all released together by a barrier."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=60)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def registration(server, slug, number, size, domain):
    def call():
        return requests.post(
            f"{server.url}/api/v1/evenements/{slug}/inscriptions/",
            json={
                "enseignant": {"nom": f"Prof {number}", "email": f"prof{number}@{domain}"},
                "etablissement": f"Lycée n° {number}",
                "niveau": "lycee",
                "nombre_eleves": size,
            },
            # One school each, seen through the trusted proxy.
            headers={"X-Forwarded-For": f"198.51.100.{number % 250}"},
            timeout=120,
        )

    return call


def cancellation(server, token, number):
    def call():
        return requests.post(
            f"{server.url}/api/v1/inscriptions/annulation/",
            json={"token": token},
            headers={"X-Forwarded-For": f"203.0.113.{number % 250}"},
            timeout=120,
        )

    return call


def assert_consistent(event):
    """Seats taken are the confirmed classes', within capacity; no waiting class fits."""
    rows = event["inscriptions"]
    confirmed = sum(r["nombre_eleves"] for r in rows if r["statut"] == "confirmee")
    assert event["places_prises"] == confirmed <= event["capacite"]
    waiting = [r["nombre_eleves"] for r in rows if r["statut"] == "liste_attente"]
    if waiting:
        assert event["capacite"] - confirmed < min(waiting)
    assert [r["position"] for r in rows] == list(range(1, len(rows) + 1))


def test_fifty_classes_at_once_for_thirty_places(live):
    new_event(live, "course-30-classes", capacite=30 * 25)
    calls = [registration(live, "course-30-classes", n, 25, "a.ac-test.fr") for n in range(CLASSES)]
    responses = at_once(calls)

    assert [r.status_code for r in responses] == [201] * CLASSES, responses[0].text
    answers = [r.json() for r in responses]
    assert sum(a["statut"] == "confirmee" for a in answers) == 30
    waiting = sorted(a["rang_liste_attente"] for a in answers if a["statut"] == "liste_attente")
    assert waiting == list(range(1, 21))
    event = state(live, "course-30-classes")
    assert_consistent(event)
    assert event["places_prises"] == 750
    assert len(event["inscriptions"]) == CLASSES
    sent = mails(live, "a.ac-test.fr")
    assert len({to for to, *_ in sent}) == CLASSES
    assert sum(attachments == ["course-30-classes.ics"] for *_, attachments in sent) == 30
    print(f"\n{live.kind}: 50 classes at once, 30 confirmed, 20 waiting")


def test_classes_of_every_size_at_once_never_overbook(live):
    sizes = [8 + (n * 7) % 28 for n in range(CLASSES)]  # 8 to 35 students
    capacite = sum(sizes[:30])
    new_event(live, "course-tailles", capacite=capacite)
    calls = [
        registration(live, "course-tailles", n, size, "b.ac-test.fr")
        for n, size in enumerate(sizes)
    ]
    responses = at_once(calls)

    assert [r.status_code for r in responses] == [201] * CLASSES
    event = state(live, "course-tailles")
    assert_consistent(event)
    assert sorted(r["nombre_eleves"] for r in event["inscriptions"]) == sorted(sizes)
    confirmed = [r for r in event["inscriptions"] if r["statut"] == "confirmee"]
    print(f"\n{live.kind}: {len(confirmed)} classes confirmed, {event['places_prises']}/{capacite}")


def test_cancellations_replays_and_new_classes_at_once(live):
    new_event(live, "course-annulations", capacite=30 * 25)
    domain = "c.ac-test.fr"
    for number in range(CLASSES):  # one after the other: positions follow the numbers
        assert registration(live, "course-annulations", number, 25, domain)().status_code == 201
    tokens = {to: text.split(TOKEN_MARK)[1].split()[0] for to, _, text, _ in mails(live, domain)}
    leaving = [f"prof{n}@{domain}" for n in range(0, 30, 3)]  # 10 confirmed classes
    calls = [cancellation(live, tokens[to], n) for n, to in enumerate(leaving)]
    calls += [cancellation(live, tokens[to], n) for n, to in enumerate(leaving[:5])]  # replays
    calls += [  # 10 classes arriving meanwhile
        registration(live, "course-annulations", n, 25, domain) for n in range(100, 110)
    ]
    responses = at_once(calls)

    cancelled = [r.status_code for r in responses[:15]]
    assert sorted(cancelled) == [200] * 10 + [410] * 5
    assert [r.status_code for r in responses[15:]] == [201] * 10
    event = state(live, "course-annulations")
    assert_consistent(event)
    statut = {r["enseignant_email"]: r["statut"] for r in event["inscriptions"]}
    assert [to for to, s in statut.items() if s == "annulee"] == leaving
    # The ten first waiting classes got the 250 freed seats, in their order of arrival.
    promoted = [f"prof{n}@{domain}" for n in range(30, 40)]
    assert all(statut[to] == "confirmee" for to in promoted)
    assert all(statut[f"prof{n}@{domain}"] == "liste_attente" for n in range(40, 50))
    assert all(statut[f"prof{n}@{domain}"] == "liste_attente" for n in range(100, 110))
    assert event["places_prises"] == 750
    notices = sorted(to for to, subject, *_ in mails(live, domain) if "Une place" in subject)
    assert notices == sorted(promoted)
