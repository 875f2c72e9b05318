"""Limits that fit a classroom behind one address and that a client cannot escape by spoofing.

Every request goes through the real API (Django's test client, real database, the cache as
configured); the counters are the real throttles' (`api.throttles`).
"""

import json

import pytest

from cms.orientation.models import Parcours

from .conftest import assert_error

pytestmark = pytest.mark.django_db
SCHOOL = "203.0.113.10"  # one public address for the whole school


def post(client, path, body=None, **extra):
    return client.post(
        f"/api/v1/{path}", json.dumps(body or {}), content_type="application/json", **extra
    )


def test_a_forwarded_address_is_ignored_without_trusted_proxies(client, settings):
    settings.TRUSTED_PROXIES = ""
    settings.API_RATES = {**settings.API_RATES, "address_writes": "5/minute"}
    statuses = [
        post(client, "parcours/", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code
        for i in range(12)
    ]
    assert statuses == [201] * 5 + [429] * 7
    assert Parcours.objects.count() == 5


def test_a_forwarded_address_counts_only_through_a_trusted_proxy(client, settings):
    settings.TRUSTED_PROXIES = "10.0.0.0/8"
    settings.API_RATES = {**settings.API_RATES, "address_writes": "2/minute"}
    through_proxy = {"REMOTE_ADDR": "10.1.2.3"}
    for i in range(4):  # four students behind the proxy: two writes each
        for _ in range(2):
            response = post(
                client, "parcours/", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}", **through_proxy
            )
            assert response.status_code == 201
    # A spoofed header from outside the proxy's network is not trusted.
    direct = {"REMOTE_ADDR": "192.0.2.7"}
    statuses = [
        post(client, "parcours/", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}", **direct).status_code
        for i in range(4)
    ]
    assert statuses == [201, 201, 429, 429]


def test_a_count_of_proxies_takes_the_address_they_saw(client, settings):
    settings.TRUSTED_PROXIES = "1"
    settings.API_RATES = {**settings.API_RATES, "address_writes": "1/minute"}
    # The client put a fake first hop; the proxy appended the real one.
    first = post(client, "parcours/", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.1")
    again = post(client, "parcours/", HTTP_X_FORWARDED_FOR="2.2.2.2, 198.51.100.1")
    other = post(client, "parcours/", HTTP_X_FORWARDED_FOR="2.2.2.2, 198.51.100.2")
    assert [first.status_code, again.status_code, other.status_code] == [201, 429, 201]


def test_thirty_students_behind_one_address_are_never_refused(client, settings):
    """Each starts a conversation, sends three messages, submits the test and saves a parcours,
    all in the same minute, with the default limits."""
    settings.TRUSTED_PROXIES = ""
    school = {"REMOTE_ADDR": SCHOOL}
    questions = client.get("/api/v1/test/").json()["questions"]
    answers = {str(q["id"]): q["id"] % 5 for q in questions}
    statuses = []
    for _ in range(30):
        started = post(client, "charly/conversations/", **school)
        statuses.append(started.status_code)
        conversation = started.json()["id"]
        for text in ("c koi un pentester", "combien ca gagne", "merci"):
            sent = post(client, f"charly/conversations/{conversation}/messages/", {"text": text},
                        **school)  # fmt: skip
            statuses.append(sent.status_code)
        statuses.append(post(client, "test/resultats/", {"answers": answers}, **school).status_code)
        statuses.append(post(client, "parcours/", **school).status_code)
    assert len(statuses) == 180
    assert 429 not in statuses
    assert all(status < 500 for status in statuses)


def test_one_client_flooding_the_api_is_refused_with_retry_after(client, settings):
    settings.TRUSTED_PROXIES = ""
    flood = {"REMOTE_ADDR": "192.0.2.99"}
    statuses = [post(client, "parcours/", **flood).status_code for _ in range(500)]
    assert 429 in statuses
    refused = post(client, "parcours/", **flood)
    assert_error(refused, 429)
    assert int(refused["Retry-After"]) > 0
    assert Parcours.objects.count() == statuses.count(201) <= 300


def test_one_conversation_cannot_flood_charly(client, settings):
    settings.API_RATES = {**settings.API_RATES, "conversation": "5/minute"}
    conversation = post(client, "charly/conversations/").json()["id"]
    other = post(client, "charly/conversations/").json()["id"]
    path = f"charly/conversations/{conversation}/messages/"
    statuses = [post(client, path, {"text": "salut"}).status_code for _ in range(7)]
    assert statuses == [200] * 5 + [429] * 2
    # Another student's conversation, from the same address, is not affected.
    assert (
        post(client, f"charly/conversations/{other}/messages/", {"text": "salut"}).status_code
        == 200
    )


def test_the_search_has_its_own_per_address_limit(client, settings):
    settings.API_RATES = {**settings.API_RATES, "search": "3/minute"}
    statuses = [
        client.get("/api/v1/recherche/", {"q": f"dev {i}"}, REMOTE_ADDR="192.0.2.50").status_code
        for i in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    other = client.get("/api/v1/recherche/", {"q": "cyber"}, REMOTE_ADDR="192.0.2.51")
    assert other.status_code == 200
