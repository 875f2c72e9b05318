"""Signed webhooks, against a real HTTP receiver on 127.0.0.1: the payload arrives signed, failures
are retried with backoff, and a dead or hanging receiver never slows or breaks publishing."""

import json
import signal
import socket
import threading
import time
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from api.webhooks import delivery
from api.webhooks.models import WebhookDelivery, WebhookEndpoint
from api.webhooks.network import GENERIC_FAILURE
from api.webhooks.signing import sign, verify_signature
from api.webhooks.tasks import deliver_due_webhooks
from cms.home.models import StandardPage
from cms.metiers.models import MetierPage

Status = WebhookDelivery.Status
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class Receiver:
    """A real HTTP server that records each POST and answers with the scripted statuses (then
    200); with `hold`, it keeps each request open until `release` is set."""

    def __init__(self, statuses=(), hold=False):
        self.statuses = list(statuses)
        self.hold = hold
        self.requests = []
        self.arrived = threading.Event()
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                receiver.arrived.set()
                if receiver.hold:
                    receiver.release.wait(60)
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def local_receivers_allowed(settings):
    """The receivers under test listen on this machine's loopback, which webhooks may not reach
    unless an operator allows it (WEBHOOK_ALLOWED_NETWORKS)."""
    settings.WEBHOOK_ALLOWED_NETWORKS = "127.0.0.1/32"


@pytest.fixture
def make_receiver():
    receivers = []

    def make(**kwargs):
        receivers.append(Receiver(**kwargs))
        return receivers[-1]

    yield make
    for receiver in receivers:
        receiver.stop()


@pytest.fixture
def closed_port_url():
    """A port that was just free: connecting to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


def publish_robot():
    """A change that queues a delivery for every subscribed endpoint (sent later, on demand)."""
    MetierPage.objects.get(slug="roboticien").save_revision().publish()


def publish(page, django_capture_on_commit_callbacks, title=None):
    """Publish a change; sending is only scheduled on commit, never done in the transaction."""
    if title:
        page.title = title
    with django_capture_on_commit_callbacks() as callbacks:
        page.save_revision().publish()
    assert delivery.schedule in callbacks
    return page


def make_due(endpoint):
    """Skip the backoff delay instead of sleeping through it."""
    endpoint.deliveries.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


@pytest.mark.django_db
def test_publishing_sends_a_signed_payload(make_receiver, django_capture_on_commit_callbacks):
    receiver = make_receiver()
    endpoint = WebhookEndpoint.objects.create(name="Site de l'association", url=receiver.url)
    page = MetierPage.objects.get(slug="roboticien")

    publish(page, django_capture_on_commit_callbacks, title="Roboticien·ne")
    assert receiver.requests == []
    assert delivery.deliver_due() == {Status.DELIVERED: 1}

    (request,) = receiver.requests
    headers, body = request["headers"], request["body"]
    sent = WebhookDelivery.objects.get(endpoint=endpoint)
    assert headers["Content-Type"] == "application/json"
    assert headers["X-TDN-Event"] == "page.published"
    assert headers["X-TDN-Delivery"] == str(sent.pk)
    timestamp = headers["X-TDN-Timestamp"]
    assert abs(int(timestamp) - time.time()) < 60
    assert headers["X-TDN-Signature"].startswith("sha256=")
    signature, delivered = headers["X-TDN-Signature"], headers["X-TDN-Delivery"]
    assert verify_signature(endpoint.secret, timestamp, delivered, body, signature)
    assert not verify_signature("another secret", timestamp, delivered, body, signature)
    tampered = body.replace(b"robot", b"rabot")
    assert not verify_signature(endpoint.secret, timestamp, delivered, tampered, signature)
    # The delivery id is signed too: the same body cannot be replayed as another delivery.
    assert not verify_signature(
        endpoint.secret, timestamp, str(int(delivered) + 1), body, signature
    )

    payload = json.loads(body)
    compact = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert body == compact.encode("utf-8")
    assert payload["event"] == "page.published"
    assert payload["page"] == {
        "id": page.pk,
        "type": "metiers.MetierPage",
        "slug": "roboticien",
        "title": "Roboticien·ne",
        "url": page.get_full_url(),
    }
    assert payload["page"]["url"].startswith("http")
    assert datetime.fromisoformat(payload["occurred_at"]).tzinfo is not None

    assert sent.status == Status.DELIVERED
    assert sent.attempts == 1
    assert sent.last_status_code == 200
    assert sent.delivered_at is not None


def test_signature_rejects_replays_and_malformed_headers():
    body = b'{"event":"page.published"}'
    old = int(time.time()) - 301
    assert not verify_signature("s3cret", old, "7", body, sign("s3cret", old, 7, body))
    now = int(time.time())
    assert verify_signature("s3cret", str(now), "7", body.decode(), sign("s3cret", now, 7, body))
    assert not verify_signature("s3cret", "not a number", "7", body, sign("s3cret", now, 7, body))
    assert not verify_signature("s3cret", now, "x", body, sign("s3cret", now, 7, body))
    unprefixed = sign("s3cret", now, 7, body)[len("sha256=") :]
    assert not verify_signature("s3cret", now, "7", body, unprefixed)
    assert not verify_signature("s3cret", now, "7", body, None)


@pytest.mark.django_db
def test_unpublish_and_delete_are_notified(make_receiver):
    receiver = make_receiver()
    WebhookEndpoint.objects.create(name="Site", url=receiver.url)
    MetierPage.objects.get(slug="pentester").unpublish()
    rssi = MetierPage.objects.get(slug="rssi")
    rssi_id = rssi.pk
    rssi.delete()  # Wagtail unpublishes a live page before deleting it

    assert delivery.deliver_due() == {Status.DELIVERED: 3}
    events = [json.loads(request["body"]) for request in receiver.requests]
    assert [(event["event"], event["page"]["slug"]) for event in events] == [
        ("page.unpublished", "pentester"),
        ("page.unpublished", "rssi"),
        ("page.deleted", "rssi"),
    ]
    assert events[2]["page"]["id"] == rssi_id
    assert events[2]["page"]["type"] == "metiers.MetierPage"
    assert [request["headers"]["X-TDN-Event"] for request in receiver.requests] == [
        event["event"] for event in events
    ]


@pytest.mark.django_db
def test_a_receiver_failing_twice_gets_the_delivery_on_the_third_try(
    make_receiver, django_capture_on_commit_callbacks, capsys
):
    receiver = make_receiver(statuses=[500, 500])
    endpoint = WebhookEndpoint.objects.create(name="Fragile", url=receiver.url)
    publish(MetierPage.objects.get(slug="roboticien"), django_capture_on_commit_callbacks)

    before = timezone.now()
    assert delivery.deliver_due() == {Status.PENDING: 1}
    sent = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (sent.status, sent.attempts, sent.last_status_code) == (Status.PENDING, 1, 500)
    assert sent.last_error == "HTTP 500"
    assert sent.next_attempt_at >= before + delivery.backoff(1)

    assert delivery.deliver_due() == {}  # not due yet: the backoff is respected
    assert len(receiver.requests) == 1

    make_due(endpoint)
    call_command("deliver_webhooks")
    assert "delivered: 0, to retry: 1, failed: 0, pending: 1" in capsys.readouterr().out
    make_due(endpoint)
    call_command("deliver_webhooks")
    assert "delivered: 1, to retry: 0, failed: 0, pending: 0" in capsys.readouterr().out

    sent.refresh_from_db()
    assert (sent.status, sent.attempts, sent.last_status_code) == (Status.DELIVERED, 3, 200)
    assert sent.last_error == ""
    assert len(receiver.requests) == 3
    # Every retry is the same delivery with the same body, freshly signed.
    assert {request["headers"]["X-TDN-Delivery"] for request in receiver.requests} == {str(sent.pk)}
    assert len({request["body"] for request in receiver.requests}) == 1
    for request in receiver.requests:
        headers = request["headers"]
        assert verify_signature(
            endpoint.secret,
            headers["X-TDN-Timestamp"],
            headers["X-TDN-Delivery"],
            request["body"],
            headers["X-TDN-Signature"],
        )


@pytest.mark.django_db
def test_a_delivery_fails_for_good_after_the_maximum_attempts(
    make_receiver, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver = make_receiver(statuses=[503, 404, 200])
    endpoint = WebhookEndpoint.objects.create(name="En panne", url=receiver.url)
    publish(MetierPage.objects.get(slug="roboticien"), django_capture_on_commit_callbacks)

    delivery.deliver_due()
    make_due(endpoint)
    assert delivery.deliver_due() == {Status.FAILED: 1}
    make_due(endpoint)
    assert delivery.deliver_due() == {}
    sent = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (sent.status, sent.attempts, sent.last_status_code) == (Status.FAILED, 2, 404)
    assert len(receiver.requests) == 2


def test_backoff_doubles_up_to_an_hour():
    delays = [delivery.backoff(attempts).total_seconds() for attempts in range(1, 10)]
    assert delays[:3] == [30, 60, 120]
    assert delays == sorted(delays)
    assert delays[-1] == 3600


@pytest.mark.django_db
def test_an_unreachable_receiver_leaves_the_delivery_pending_and_the_page_published(
    closed_port_url, django_capture_on_commit_callbacks
):
    endpoint = WebhookEndpoint.objects.create(name="Éteint", url=closed_port_url)
    page = publish(
        MetierPage.objects.get(slug="roboticien"),
        django_capture_on_commit_callbacks,
        title="Roboticien·ne de demain",
    )

    assert delivery.deliver_due() == {Status.PENDING: 1}
    sent = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (sent.status, sent.attempts, sent.last_status_code) == (Status.PENDING, 1, None)
    assert sent.last_error == GENERIC_FAILURE
    live = MetierPage.objects.get(pk=page.pk)
    assert live.live
    assert live.title == "Roboticien·ne de demain"
    assert not live.has_unpublished_changes


# Real commits: the background thread, on its own database connection, must see the rows.
# pytest-django runs transactional tests after all the others, then empties the database.
@pytest.mark.django_db(transaction=True)
def test_a_hanging_receiver_does_not_slow_publishing(make_receiver, settings):
    # A sender inside the request would sit here for 30 s, then record a failed attempt.
    settings.WEBHOOK_TIMEOUT = 30
    receiver = make_receiver(hold=True)
    home = Site.objects.get(is_default_site=True).root_page
    page = home.add_child(instance=StandardPage(title="Webhook lent", slug="webhook-lent"))
    endpoint = WebhookEndpoint.objects.create(name="Récepteur lent", url=receiver.url)
    try:
        # The admin publishes inside a transaction; on commit, sending goes to the background.
        with transaction.atomic():
            page.save_revision().publish()
        # publish() has returned, yet the receiver is holding the request it was sent:
        assert receiver.arrived.wait(30)
        sent = WebhookDelivery.objects.get(endpoint=endpoint)
        assert (sent.status, sent.attempts) == (Status.PENDING, 0)  # still in flight
        assert Page.objects.get(pk=page.pk).live

        receiver.release.set()
        assert delivery.wait_for_background(timeout=60)
        sent.refresh_from_db()
        assert (sent.status, sent.attempts, sent.last_status_code) == (Status.DELIVERED, 1, 200)
        assert json.loads(receiver.requests[0]["body"])["page"]["slug"] == "webhook-lent"
    finally:
        receiver.release.set()
        delivery.wait_for_background(timeout=60)
        endpoint.delete()
        page.delete()


@pytest.mark.django_db
def test_with_a_task_worker_sending_is_enqueued_and_retries_are_deferred(closed_port_url, settings):
    settings.TASKS = DUMMY_TASKS
    backend = deliver_due_webhooks.get_backend()
    endpoint = WebhookEndpoint.objects.create(name="Éteint", url=closed_port_url)
    MetierPage.objects.get(slug="pentester").unpublish()

    def enqueued():
        return [
            result.task
            for result in backend.results
            if result.task.module_path == deliver_due_webhooks.module_path
        ]

    delivery.schedule()
    assert [task.run_after for task in enqueued()] == [None]
    assert WebhookDelivery.objects.get(endpoint=endpoint).attempts == 0  # left to the worker

    deliver_due_webhooks.call()  # what the worker runs; the receiver is down
    sent = WebhookDelivery.objects.get(endpoint=endpoint)
    assert sent.attempts == 1
    assert [task.run_after for task in enqueued()] == [None, sent.next_attempt_at]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/hook",
        "http://example.org/hook",
        "http://127.0.0.1:8000/hook",  # loopback over http: development only
        "pas une adresse",
    ],
)
def test_an_endpoint_needs_an_https_url(url):
    endpoint = WebhookEndpoint(name="Mauvais", url=url)
    with pytest.raises(ValidationError) as error:
        endpoint.full_clean()
    assert "url" in error.value.message_dict


@pytest.mark.django_db
def test_an_endpoint_accepts_https_and_local_http_in_development(settings):
    WebhookEndpoint(name="Bon", url="https://93.184.215.14/hook").full_clean()
    settings.DEBUG = True
    WebhookEndpoint(name="Local", url="http://localhost:8000/hook").full_clean()
    with pytest.raises(ValidationError):
        WebhookEndpoint(name="Distant", url="http://example.org/hook").full_clean()


@pytest.mark.django_db
def test_inactive_endpoints_and_unsubscribed_events_get_nothing(make_receiver):
    receiver = make_receiver()
    inactive = WebhookEndpoint.objects.create(name="Inactif", url=receiver.url, active=False)
    unpublish_only = WebhookEndpoint.objects.create(
        name="Dépublications", url=receiver.url, on_publish=False, on_delete=False
    )
    MetierPage.objects.get(slug="roboticien").save_revision().publish()
    MetierPage.objects.get(slug="rssi").delete()
    MetierPage.objects.get(slug="pentester").unpublish()

    assert not inactive.deliveries.exists()
    # Deleting the live rssi page unpublishes it first.
    assert sorted(unpublish_only.deliveries.values_list("event", "payload__page__slug")) == [
        ("page.unpublished", "pentester"),
        ("page.unpublished", "rssi"),
    ]


@pytest.mark.django_db
def test_a_deactivated_endpoint_is_not_sent_what_it_had_queued(make_receiver):
    receiver = make_receiver()
    endpoint = WebhookEndpoint.objects.create(name="Bientôt inactif", url=receiver.url)
    MetierPage.objects.get(slug="pentester").unpublish()
    endpoint.active = False
    endpoint.save()

    assert delivery.deliver_due() == {Status.FAILED: 1}
    assert receiver.requests == []


@pytest.mark.django_db
def test_admin_lists_endpoints_and_the_delivery_log(admin_client_fr, make_receiver):
    receiver = make_receiver(statuses=[500])
    endpoint = WebhookEndpoint.objects.create(name="Site partenaire", url=receiver.url)
    MetierPage.objects.get(slug="pentester").unpublish()
    delivery.deliver_due()
    sent = WebhookDelivery.objects.get()

    response = admin_client_fr.get(reverse("webhooks:index"))
    assert response.status_code == 200
    assert "Site partenaire" in response.text
    assert endpoint.secret not in response.text

    log_url = reverse("webhook_deliveries:index")
    row = reverse("webhook_deliveries:inspect", args=[sent.pk])
    for query in ["", "?status=pending", f"?endpoint={endpoint.pk}", "?event=page.unpublished"]:
        response = admin_client_fr.get(log_url + query)
        assert response.status_code == 200
        assert row in response.text
        assert "Pentester" in response.text  # the page column
    assert row not in admin_client_fr.get(log_url + "?status=delivered").text

    response = admin_client_fr.get(row)
    assert response.status_code == 200
    assert "HTTP 500" in response.text
    assert endpoint.secret not in response.text

    menu = admin_client_fr.get(reverse("wagtailadmin_home")).text
    assert reverse("webhooks:index") in menu
    assert log_url in menu


@pytest.mark.django_db
def test_the_delivery_log_is_read_only(admin_client_fr, make_receiver):
    endpoint = WebhookEndpoint.objects.create(name="Site", url=make_receiver().url)
    MetierPage.objects.get(slug="pentester").unpublish()
    sent = WebhookDelivery.objects.get(endpoint=endpoint)

    for url in [
        reverse("webhook_deliveries:add"),
        reverse("webhook_deliveries:edit", args=[sent.pk]),
        reverse("webhook_deliveries:delete", args=[sent.pk]),
    ]:
        response = admin_client_fr.get(url)
        assert response.status_code in {302, 403}, url
    assert WebhookDelivery.objects.filter(pk=sent.pk).exists()


@pytest.mark.django_db
def test_the_secret_is_generated_and_shown_once(admin_client_fr):
    response = admin_client_fr.post(
        reverse("webhooks:add"),
        {
            "name": "Site de campagne",
            "url": "https://93.184.215.14/campagne",
            "on_publish": "on",
            "on_delete": "on",
            "active": "on",
            "secret": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    endpoint = WebhookEndpoint.objects.get(name="Site de campagne")
    assert len(endpoint.secret) >= 40
    assert (endpoint.on_publish, endpoint.on_unpublish, endpoint.on_delete) == (True, False, True)
    assert endpoint.secret in response.text

    edit_url = reverse("webhooks:edit", args=[endpoint.pk])
    assert endpoint.secret not in admin_client_fr.get(edit_url).text
    assert endpoint.secret not in admin_client_fr.get(reverse("webhooks:index")).text

    old_secret = endpoint.secret
    response = admin_client_fr.post(
        edit_url,
        {
            "name": "Site de campagne",
            "url": "https://93.184.215.14/campagne",
            "on_publish": "on",
            "active": "on",
            "regenerate_secret": "on",
        },
        follow=True,
    )
    endpoint.refresh_from_db()
    assert endpoint.secret != old_secret
    assert endpoint.secret in response.text
    assert not endpoint.on_delete


@pytest.mark.django_db
def test_the_admin_refuses_an_insecure_url(admin_client_fr):
    response = admin_client_fr.post(
        reverse("webhooks:add"),
        {"name": "Non chiffré", "url": "http://example.org/hook", "on_publish": "on"},
    )
    assert response.status_code == 200
    assert "https://" in response.text
    assert not WebhookEndpoint.objects.filter(name="Non chiffré").exists()


# Where webhooks may go (SSRF), how long an attempt may last, and what the log says.


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://10.0.0.5/hook",
        "https://192.168.1.10/hook",
        "https://172.16.0.1/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
        "https://[fd00::1]/hook",
        "https://0.0.0.0/hook",
        "https://224.0.0.1/hook",
        "https://localhost/hook",
    ],
)
def test_an_endpoint_cannot_target_an_internal_address(settings, url):
    settings.WEBHOOK_ALLOWED_NETWORKS = ""
    with pytest.raises(ValidationError) as refused:
        WebhookEndpoint(name="Interne", url=url).full_clean()
    assert "réseau interne" in str(refused.value)


@pytest.mark.django_db
def test_the_address_is_checked_again_when_sending(make_receiver, settings):
    """Saved while its network was allowed, or before its DNS answer changed: at send time the
    address is checked again, and nothing reaches the inside."""
    receiver = make_receiver()
    endpoint = WebhookEndpoint.objects.create(name="Récepteur", url=receiver.url)
    settings.WEBHOOK_ALLOWED_NETWORKS = ""
    publish_robot()
    delivery.deliver_due()
    sent = WebhookDelivery.objects.get(endpoint=endpoint)
    assert receiver.requests == []
    assert sent.status == Status.FAILED
    assert sent.last_error == GENERIC_FAILURE


@pytest.mark.django_db
def test_closed_and_silent_ports_look_the_same_in_the_log(closed_port_url, settings):
    settings.WEBHOOK_TIMEOUT = 1
    with socket.socket() as silent:  # accepts the connection, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        silent_url = f"http://127.0.0.1:{silent.getsockname()[1]}/hook"
        closed = WebhookEndpoint.objects.create(name="Fermé", url=closed_port_url)
        listening = WebhookEndpoint.objects.create(name="Muet", url=silent_url)
        publish_robot()
        delivery.deliver_due()
    errors = {d.endpoint_id: d.last_error for d in WebhookDelivery.objects.all()}
    assert errors[closed.pk] == errors[listening.pk] == GENERIC_FAILURE


@pytest.mark.django_db
def test_a_trickling_receiver_is_cut_at_the_deadline(settings):
    """The receiver sends one byte a second, forever: each read is within the timeout, so only
    the attempt's total deadline ends it."""
    settings.WEBHOOK_TIMEOUT = 5
    settings.WEBHOOK_DEADLINE = 2
    stop = threading.Event()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def trickle():
        connection, _ = server.accept()
        with connection:
            while not stop.is_set():
                try:
                    connection.sendall(b"H")
                except OSError:
                    return
                stop.wait(1)

    threading.Thread(target=trickle, daemon=True).start()
    endpoint = WebhookEndpoint.objects.create(
        name="Goutte à goutte", url=f"http://127.0.0.1:{server.getsockname()[1]}/hook"
    )
    publish_robot()

    def too_long(signum, frame):
        raise AssertionError("the attempt outlived its deadline")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(30)  # a safety net for a broken deadline: the test fails instead of hanging
    try:
        delivery.deliver_due()  # in this thread: it must see this test's deliveries
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    still_trickling = not stop.is_set()
    stop.set()
    server.close()
    assert still_trickling  # ended by the deadline, not by the receiver
    sent = WebhookDelivery.objects.get(endpoint=endpoint)
    assert sent.status == Status.PENDING
    assert sent.last_error == GENERIC_FAILURE


@pytest.mark.django_db
def test_secrets_are_long_and_encrypted_at_rest():
    with pytest.raises(ValidationError) as refused:
        WebhookEndpoint(
            name="Court", url="https://93.184.215.14/hook", secret="trop-court"
        ).full_clean()
    assert "32 caractères" in str(refused.value)
    endpoint = WebhookEndpoint.objects.create(name="Chiffré", url="https://93.184.215.14/hook")
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM webhooks_webhookendpoint WHERE id = %s", [endpoint.pk])
        stored = cursor.fetchone()[0]
    assert endpoint.secret not in stored
    assert stored.startswith("fernet:")
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).secret == endpoint.secret
