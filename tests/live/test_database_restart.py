"""PostgreSQL restarted under load: the production server recovers by itself (persistent
connections are health-checked), requests during the outage get a clean 503 JSON, and every
write that was acknowledged is there afterwards, whole.

The server runs on a PostgreSQL cluster of its own (scripts/postgres on another port and data
directory), so that restarting it disturbs nothing else in the suite."""

import os
import secrets
import shutil
import subprocess
import threading
import time

import pytest
import requests

from .conftest import ROOT, Server, free_port

WORKERS = 6


class Cluster:
    """A private PostgreSQL cluster: scripts/postgres with its own port and data directory."""

    def __init__(self):
        self.port = free_port()
        self.data = f"/var/tmp/tdn-pg-restart-{secrets.token_hex(4)}"
        self.env = {**os.environ, "PGPORT": str(self.port), "PG_DATA_DIR": self.data}

    def run(self, action):
        subprocess.run([ROOT / "scripts" / "postgres", action], env=self.env, check=True,
                       capture_output=True)  # fmt: skip

    def url(self):
        return f"postgres://tdn:tdn@127.0.0.1:{self.port}/tdn"


@pytest.fixture
def cluster():
    if not shutil.which("pg_ctl") and not any(
        os.path.isdir(path) for path in ("/usr/lib/postgresql",)
    ):
        if os.environ.get("CI") == "true":
            pytest.fail("CI must test a PostgreSQL restart: no PostgreSQL binaries")
        pytest.skip("PostgreSQL binaries are not installed")
    cluster = Cluster()
    cluster.run("start")
    yield cluster
    cluster.run("stop")
    shutil.rmtree(cluster.data, ignore_errors=True)


@pytest.fixture
def server(cluster, tmp_path):
    live = Server("production", str(tmp_path), database_url=cluster.url()).start()
    yield live
    live.stop()


class Student(threading.Thread):
    """Creates parcours and adds a métier to each, over and over, remembering every answer."""

    def __init__(self, server, number, metiers, stop):
        super().__init__()
        self.base = f"{server.url}/api/v1/"
        self.session = requests.Session()
        self.session.headers["X-Forwarded-For"] = f"198.51.100.{number}"
        self.metiers, self.stop = metiers, stop
        self.statuses, self.errors = [], []
        self.created = {}  # token -> slugs whose addition was acknowledged
        self.attempted = {}  # token -> slugs whose addition was sent (acknowledged or not)
        self.answers = []  # (monotonic time, status)

    def call(self, method, path, **kwargs):
        response = self.session.request(method, self.base + path, timeout=30, **kwargs)
        self.answers.append((time.monotonic(), response.status_code))
        if response.status_code >= 500 and response.status_code != 503:
            self.errors.append((method, path, response.status_code, response.text[:300]))
        if response.status_code == 503:
            body = response.json()
            if body["error"]["code"] != "unavailable":
                self.errors.append((method, path, 503, response.text[:300]))
        return response

    def run(self):
        turn = 0
        while not self.stop.is_set():
            created = self.call("POST", "parcours/", json={})
            if created.status_code == 503:
                time.sleep(0.2)  # "réessaie dans un instant": a client does not spin on a 503
            if created.status_code != 201:
                continue
            token = created.json()["token"]
            self.created[token], self.attempted[token] = set(), set()
            slug = self.metiers[turn % len(self.metiers)]
            turn += 1
            self.attempted[token].add(slug)
            added = self.call(
                "PATCH", f"parcours/{token}/", json={"add": [{"type": "metier", "ref": slug}]}
            )
            if added.status_code == 200:
                self.created[token].add(slug)
            self.call("GET", "metiers/", params={"page": 1 + turn % 2, "page_size": 10})


def test_a_postgresql_restart_under_load_is_survived(server, cluster):
    metiers = [
        item["slug"]
        for item in requests.get(f"{server.url}/api/v1/metiers/", timeout=30).json()["results"]
    ]
    pids_before = worker_pids(server)
    stop = threading.Event()
    students = [Student(server, number, metiers, stop) for number in range(1, WORKERS + 1)]
    for student in students:
        student.start()
    time.sleep(3)
    down = time.monotonic()
    cluster.run("stop")
    time.sleep(2)
    cluster.run("start")
    up = time.monotonic()
    time.sleep(6)
    stop.set()
    for student in students:
        student.join(timeout=60)

    answers = sorted(answer for student in students for answer in student.answers)
    statuses = {status for _, status in answers}
    assert not [error for student in students for error in student.errors]
    assert statuses <= {200, 201, 503}, statuses
    during = [status for at, status in answers if down + 0.5 < at < up]
    assert 503 in during, "the outage was not seen: the test proves nothing"
    # Recovered without a restart: the last seconds are all successes, from the same workers.
    after = [status for at, status in answers if at > up + 3]
    assert after
    assert set(after) <= {200, 201}, after
    assert worker_pids(server) == pids_before
    recovered = min(at for at, status in answers if at > up and status in (200, 201)) - up
    print(f"\n{len(answers)} answers, {len(during)} during the outage ({during.count(503)} 503), "
          f"first success {recovered:.2f} s after PostgreSQL was back")  # fmt: skip

    # Every acknowledged write is there, whole; an unacknowledged one is there or not, never half.
    for student in students:
        for token, acknowledged in student.created.items():
            stored = requests.get(f"{server.url}/api/v1/parcours/{token}/", timeout=30)
            assert stored.status_code == 200, token
            slugs = {item["ref"] for item in stored.json()["items"]}
            assert acknowledged <= slugs <= student.attempted[token]


def worker_pids(server):
    """The gunicorn workers of the server: the same ones before and after means no restart."""
    result = subprocess.run(
        ["pgrep", "-P", str(server.process.pid)], capture_output=True, text=True, check=False
    )
    return sorted(result.stdout.split())
