"""A school's classroom, a flooding client and concurrent writers, against real servers: the
embedded default (runserver on SQLite) and production (gunicorn, three workers, shared cache)."""

import time
from concurrent.futures import ThreadPoolExecutor

import requests

SCHOOL = "203.0.113.10"


class Client:
    """One client of the API, seen by the server through X-Forwarded-For (a trusted proxy)."""

    def __init__(self, server, address):
        self.base = f"{server.url}/api/v1/"
        self.session = requests.Session()
        self.session.headers["X-Forwarded-For"] = address

    def post(self, path, body=None):
        return self.session.post(self.base + path, json=body or {}, timeout=60)

    def patch(self, path, body):
        return self.session.patch(self.base + path, json=body, timeout=60)

    def get(self, path, **params):
        return self.session.get(self.base + path, params=params, timeout=60)


def answers(server):
    questions = requests.get(f"{server.url}/api/v1/test/", timeout=30).json()["questions"]
    return {str(q["id"]): q["id"] % 5 for q in questions}


def student(server, test_answers):
    """What one student does in a workshop: three messages to Charly, the test, a parcours."""
    client = Client(server, SCHOOL)
    statuses = []
    started = client.post("charly/conversations/")
    statuses.append(started.status_code)
    conversation = started.json()["id"]
    for text in ("c koi un pentester", "jadore dessiner des persos", "merci"):
        statuses.append(client.post(f"charly/conversations/{conversation}/messages/",
                                    {"text": text}).status_code)  # fmt: skip
    statuses.append(client.post("test/resultats/", {"answers": test_answers}).status_code)
    statuses.append(client.post("parcours/").status_code)
    return statuses


def test_thirty_students_behind_one_address_in_the_same_minute(server):
    test_answers = answers(server)
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda _: student(server, test_answers), range(30)))
    elapsed = time.monotonic() - start
    statuses = [status for result in results for status in result]
    print(f"\n{server.kind}: 30 students, {len(statuses)} requests in {elapsed:.1f} s")
    assert len(statuses) == 180
    assert statuses.count(429) == 0
    assert [status for status in statuses if status >= 500] == []


def test_one_client_flooding_is_refused_with_retry_after(server):
    client = Client(server, "192.0.2.99")
    responses = [client.post("parcours/") for _ in range(500)]
    statuses = [response.status_code for response in responses]
    refused = [response for response in responses if response.status_code == 429]
    print(f"\n{server.kind}: flood of 500 writes, {len(refused)} refused")
    assert refused
    assert int(refused[-1].headers["Retry-After"]) > 0
    assert [status for status in statuses if status >= 500] == []


def test_twenty_concurrent_writers_never_get_a_server_error(server):
    test_answers = answers(server)

    def write(number):
        client = Client(server, f"198.51.100.{number}")
        return [client.post("parcours/").status_code,
                client.post("test/resultats/", {"answers": test_answers}).status_code]  # fmt: skip

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = [status for pair in pool.map(write, range(20)) for status in pair]
    assert statuses == [201] * 40


def test_concurrent_additions_never_push_a_parcours_past_its_cap(server):
    client = Client(server, "192.0.2.5")
    token = client.post("parcours/").json()["token"]
    refs = [("metier", m["slug"]) for m in client.get("metiers/", page_size=100).json()["results"]]
    refs += [
        ("formation", f["slug"]) for f in client.get("formations/", page_size=100).json()["results"]
    ]
    etablissements = client.get("etablissements/", page_size=100).json()["results"]
    refs += [("etablissement", e["slug"]) for e in etablissements]
    test_answers = answers(server)
    while len(refs) < 215:
        result = client.post("test/resultats/", {"answers": test_answers}).json()
        refs.append(("resultat", result["id"]))
    first, rest = refs[:195], refs[195:215]
    filled = client.patch(f"parcours/{token}/", {"add": [{"type": k, "ref": r} for k, r in first]})
    assert filled.status_code == 200, filled.text
    assert len(filled.json()["items"]) == 195

    def add(item):
        kind, ref = item
        return (
            Client(server, "192.0.2.6")
            .patch(f"parcours/{token}/", {"add": [{"type": kind, "ref": ref}]})
            .status_code
        )

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(add, rest))
    assert sorted(statuses) == [200] * 5 + [400] * 15
    assert len(client.get(f"parcours/{token}/").json()["items"]) == 200
