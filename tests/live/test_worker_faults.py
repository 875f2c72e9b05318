"""A worker killed (SIGKILL) in the middle of its work loses nothing and sends nothing twice under
a new id: the search sync worker killed during a bulk request to the engine, the webhook sender
killed while a receiver holds its POST. Real processes with the production settings, on a
throwaway PostgreSQL database and the real search node, under indices of their own."""

import json
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from api.webhooks.signing import verify_signature
from search.documents import DOC_TYPES
from search.transport import Transport
from tests.live.conftest import ROOT, postgres_database
from tests.search.conftest import ENGINE, ENGINE_URL

# Short webhook timeouts: the lease of a claimed delivery is 2 × deadline + 60 s, and the test
# waits for it to end.
WEBHOOK_DEADLINE = 2


def _pg(url):
    import psycopg

    return psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)


def _sql(url, query, params=()):
    with _pg(url) as connection:
        return connection.execute(query, params).fetchall()


def _manage(env, *args, timeout=300):
    """Run a management command; its output, or a failure that shows its errors."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}"
    return done.stdout


def _shell(env, code):
    return _manage(env, "shell", "-c", code)


class _Processes:
    """Every worker a test starts, killed at the end whatever happens."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.started = []

    def start(self, env, *args):
        log = open(f"{self.tmp}/worker-{len(self.started)}.log", "w+")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.started.append((process, log))
        return process

    def output(self, process):
        for started, log in self.started:
            if started is process:
                log.flush()
                log.seek(0)
                return log.read()
        return ""

    def stop_all(self):
        for process, log in self.started:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)
            log.close()


@pytest.fixture(scope="module")
def deployment():
    """A production-configured installation: its own PostgreSQL database with the demo content,
    its own indices on the real node, a task backend in the database (nothing runs its tasks:
    the workers under test do the work)."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith("postgres"):
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the worker fault tests on PostgreSQL")
        pytest.skip("worker faults are tested on PostgreSQL (CI runs them)")
    transport = Transport(ENGINE_URL, ENGINE)
    if not transport.ping():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI runs the worker fault tests on the engine: none at {ENGINE_URL}")
        pytest.skip(f"no search engine at {ENGINE_URL}: run `scripts/search-engine start`")
    prefix = f"tdn-fault-{secrets.token_hex(4)}"
    database_url, drop = postgres_database(suite_url)
    with tempfile.TemporaryDirectory(prefix="tdn-fault-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=database_url,
            CACHE_URL=os.environ.get("TEST_REDIS_URL") or "dbcache://tdn_fault_cache",
            SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0",
            MEDIA_ROOT=f"{tmp}/media",
            LOG_LEVEL="WARNING",
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            SEARCH_URL=ENGINE_URL,
            SEARCH_ENGINE=ENGINE,
            SEARCH_INDEX_PREFIX=prefix,
            WEBHOOK_ALLOWED_NETWORKS="127.0.0.1/32",
            WEBHOOK_TIMEOUT=str(WEBHOOK_DEADLINE),
            WEBHOOK_DEADLINE=str(WEBHOOK_DEADLINE),
        )
        processes = _Processes(tmp)
        try:
            _manage(env, "migrate", "--noinput")
            if not env["CACHE_URL"].startswith("redis"):
                _manage(env, "createcachetable")
            _manage(env, "load_demo")
            _manage(env, "search_rebuild")
            _manage(env, "search_sync")  # the updates load_demo queued: the tests start empty
            yield env, processes
        finally:
            processes.stop_all()
            drop()
            for index in transport.indices_matching(f"{prefix}-*"):
                transport.delete_index(index)


class _SlowEngine:
    """A proxy in front of the real node. It forwards every request, except the `hold_bulk`-th
    bulk request, which it holds without forwarding until `release` is set: the worker is then
    stuck in the middle of a batch, part of it already written to the engine."""

    def __init__(self, upstream, hold_bulk):
        self.hold_bulk = hold_bulk
        self.bulks = 0
        self.held = threading.Event()
        self.release = threading.Event()
        lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if "_bulk" in self.path:
                    with lock:
                        proxy.bulks += 1
                        number = proxy.bulks
                    if number == proxy.hold_bulk:
                        proxy.held.set()
                        proxy.release.wait(120)
                        self.close_connection = True
                        return  # never forwarded: its client was killed meanwhile
                headers = {"Content-Type": self.headers.get("Content-Type", "application/json")}
                answer = requests.request(
                    self.command, upstream + self.path, data=body, headers=headers, timeout=60
                )
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("Content-Type", "text/plain"))
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(answer.content)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = forward

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


QUEUE_CHANGES = """
import json, os
from cms.formations.models import FormationPage
from cms.metiers.models import MetierPage
from search.models import IndexUpdate

tag = os.environ["FAULT_TAG"]
metiers = list(MetierPage.objects.live().order_by("pk"))
changed = metiers[:-3] + list(FormationPage.objects.live().order_by("pk"))
for page in changed:
    page.title = f"{page.title} {tag}"
    page.save_revision().publish()
for page in metiers[-3:]:
    page.unpublish()
print(json.dumps({
    "changed": [page.pk for page in changed],
    "gone": [f"metier:{page.pk}" for page in metiers[-3:]],
    "queued": sorted(IndexUpdate.objects.values_list("pk", flat=True)),
}))
"""

DATABASE_DOCUMENTS = """
import json
from search.documents import DOC_TYPES, iter_documents

print(json.dumps({t: {d["id"]: d["title"] for d in iter_documents(t)} for t in DOC_TYPES}))
"""


def _engine_documents(transport, prefix):
    found = {}
    for doc_type in DOC_TYPES:
        answer = transport.search(
            f"{prefix}-{doc_type}",
            {"size": 10000, "_source": ["title"], "query": {"match_all": {}}},
        )
        found[doc_type] = {hit["_id"]: hit["_source"]["title"] for hit in answer["hits"]["hits"]}
    return found


def _all_rows_free(database_url, timeout=15):
    """Whether every queued row can be locked: no transaction of the dead worker still holds
    (claims) one. PostgreSQL ends a dead client's transaction as soon as it sees the socket
    closed; this waits a little for that."""
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            with _pg(database_url) as connection, connection.transaction():
                connection.execute("SET LOCAL lock_timeout = '200ms'")
                connection.execute("SELECT id FROM search_indexupdate FOR UPDATE NOWAIT")
            return True
        except psycopg.errors.LockNotAvailable:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)


def test_search_sync_killed_during_a_bulk_request_loses_no_update(deployment):
    env, processes = deployment
    database_url, prefix = env["DATABASE_URL"], env["SEARCH_INDEX_PREFIX"]
    transport = Transport(ENGINE_URL, ENGINE)
    tag = f"rev-{secrets.token_hex(3)}"
    queued = json.loads(_shell({**env, "FAULT_TAG": tag}, QUEUE_CHANGES).strip().splitlines()[-1])
    assert len(queued["changed"]) >= 25
    assert len(queued["queued"]) >= len(queued["changed"])
    assert len(queued["queued"]) <= 500  # one batch of the worker: the kill lands inside it

    # The batch writes its documents in one bulk request, then its deletions in a second one:
    # the proxy holds the second, so the worker dies with half of the batch in the engine.
    proxy = _SlowEngine(ENGINE_URL, hold_bulk=2)
    try:
        worker = processes.start({**env, "SEARCH_URL": proxy.url}, "search_sync", "--loop", "1")
        assert proxy.held.wait(90), (
            f"no bulk request reached the engine:\n{processes.output(worker)}"
        )
        worker.kill()
        worker.wait(timeout=30)
    finally:
        proxy.stop()

    # Mid-batch indeed: new titles in the engine, the unpublished métiers not yet removed.
    in_engine = _engine_documents(transport, prefix)
    assert all(doc in in_engine["metier"] for doc in queued["gone"])
    assert any(tag in title for title in in_engine["metier"].values())
    # Nothing lost: every queued update is still there, due now, and claimed by no one.
    rows = _sql(database_url, "SELECT id, attempts, available_at <= now() FROM search_indexupdate")
    assert sorted(row[0] for row in rows) == queued["queued"]
    assert all(attempts == 0 and due for _, attempts, due in rows)
    assert _all_rows_free(database_url), "a dead worker still holds queued updates"

    worker = processes.start(env, "search_sync", "--loop", "1")
    deadline = time.monotonic() + 90
    while _sql(database_url, "SELECT count(*) FROM search_indexupdate")[0][0]:
        assert worker.poll() is None, f"the worker stopped:\n{processes.output(worker)}"
        assert time.monotonic() < deadline, f"the queue never drained:\n{processes.output(worker)}"
        time.sleep(0.3)
    worker.terminate()
    worker.wait(timeout=30)

    # Every change is in the engine and in the database index: same documents, same titles.
    expected = json.loads(_shell(env, DATABASE_DOCUMENTS).strip().splitlines()[-1])
    assert _engine_documents(transport, prefix) == expected
    stored = _sql(
        database_url, "SELECT doc_type, doc_id, data->>'title' FROM search_searchdocument"
    )
    assert {t: {i: title for d, i, title in stored if d == t} for t in DOC_TYPES} == expected
    retitled = {f"{kind}:{pk}" for kind in ("metier", "formation") for pk in queued["changed"]}
    titles = {**expected["metier"], **expected["formation"]}
    assert sum(tag in titles[doc] for doc in retitled if doc in titles) == len(queued["changed"])
    assert not set(queued["gone"]) & set(expected["metier"])
    assert _sql(database_url, "SELECT count(*) FROM search_indexupdate")[0][0] == 0


class _HangingReceiver:
    """A webhook receiver that records every request and holds the first one open (until
    `release`), then answers 200 to everything."""

    def __init__(self):
        self.requests = []
        self.first = threading.Event()
        self.release = threading.Event()
        lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with lock:
                    receiver.requests.append({"headers": dict(self.headers), "body": body})
                    first = len(receiver.requests) == 1
                if first:
                    receiver.first.set()
                    receiver.release.wait(120)
                try:
                    self.send_response(200)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except OSError:
                    pass  # the sender is gone

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


QUEUE_DELIVERIES = """
import json, os
from api.webhooks.models import WebhookDelivery, WebhookEndpoint
from cms.metiers.models import MetierPage

WebhookEndpoint.objects.create(
    name="Receiver", url=os.environ["RECEIVER_URL"], secret=os.environ["RECEIVER_SECRET"]
)
for page in MetierPage.objects.live().order_by("pk")[:4]:
    page.title = f"{page.title} (webhook)"
    page.save_revision().publish()
print(json.dumps({d.pk: d.payload["page"]["id"] for d in WebhookDelivery.objects.all()}))
"""


def _deliveries(database_url):
    rows = _sql(
        database_url,
        "SELECT id, status, attempts, last_error, next_attempt_at, now() "
        "FROM webhooks_webhookdelivery ORDER BY id",
    )
    return {str(row[0]): row[1:] for row in rows}


def _seconds_left(database_url, delivery_id):
    """Seconds until the delivery is due, by the database's clock (the one `claim` uses)."""
    (due_at, now) = _deliveries(database_url)[delivery_id][3:]
    return (due_at - now).total_seconds()


def test_webhook_sender_killed_mid_delivery_resends_under_the_same_id(deployment):
    env, processes = deployment
    database_url = env["DATABASE_URL"]
    secret = secrets.token_urlsafe(32)
    receiver = _HangingReceiver()
    try:
        setup = {**env, "RECEIVER_URL": receiver.url, "RECEIVER_SECRET": secret}
        events = json.loads(_shell(setup, QUEUE_DELIVERIES).strip().splitlines()[-1])
        assert len(events) == 4

        worker = processes.start(env, "deliver_webhooks")
        assert receiver.first.wait(60), f"nothing was sent:\n{processes.output(worker)}"
        worker.kill()  # while the receiver holds the POST open
        worker.wait(timeout=30)
        receiver.release.set()
        (held,) = receiver.requests
        killed_id = held["headers"]["X-TDN-Delivery"]

        # The attempt died unrecorded: the delivery is pending, leased for a bounded time.
        state = _deliveries(database_url)
        status, attempts, last_error, next_attempt_at, now = state[killed_id]
        assert (status, attempts, last_error) == ("pending", 0, "")
        lease = (next_attempt_at - now).total_seconds()
        assert 0 < lease <= 2 * WEBHOOK_DEADLINE + 60

        # The next run sends the others and leaves the leased one alone.
        out = _manage(env, "deliver_webhooks")
        assert out.strip() == "delivered: 3, to retry: 0, failed: 0, pending: 1"
        # When the lease ends, the delivery is due again and goes out under the same id.
        while _seconds_left(database_url, killed_id) > 0:
            time.sleep(0.5)
        out = _manage(env, "deliver_webhooks")
        assert out.strip() == "delivered: 1, to retry: 0, failed: 0, pending: 0"
    finally:
        receiver.stop()

    state = _deliveries(database_url)
    assert set(state) == set(events)
    assert all(row[:2] == ("delivered", 1) for row in state.values())
    received = {}
    for request in receiver.requests:
        headers = request["headers"]
        assert verify_signature(
            secret,
            headers["X-TDN-Timestamp"],
            headers["X-TDN-Delivery"],
            request["body"],
            headers["X-TDN-Signature"],
        )
        received.setdefault(headers["X-TDN-Delivery"], []).append(json.loads(request["body"]))
    # Every event arrived; the one sent twice came both times with the same id and payload.
    assert set(received) == set(events)
    assert {key: len(bodies) for key, bodies in received.items()} == {
        key: 2 if key == killed_id else 1 for key in events
    }
    assert received[killed_id][0] == received[killed_id][1]
    assert {key: bodies[0]["page"]["id"] for key, bodies in received.items()} == events
