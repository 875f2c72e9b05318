"""evenements.ics and evenements/{slug}.ics, parsed back with icalendar: the right instants on
both sides of the daylight-saving change and in December, stable UIDs, places and links."""

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from evenements.semaine.calendar import evenement_ics
from evenements.semaine.models import Evenement
from tests.factories import PARIS, EditionFactory, EvenementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client):
    def get(path, **params):
        return client.get("/api/v1/" + path, params, HTTP_HOST="localhost")

    return get


def parse(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def utc(event, name):
    return event.decoded(name).astimezone(UTC)


@pytest.fixture
def autumn():
    """An edition with events on the weekend the clocks go back (last Sunday of October) and in
    December, and a hackathon through the night of the change."""
    edition = EditionFactory(annee=2030)  # clocks go back on Sunday 27 October 2030 at 03:00
    saturday = EvenementFactory(
        edition=edition, slug="samedi", debut=datetime(2030, 10, 26, 10, 0, tzinfo=PARIS)
    )
    sunday = EvenementFactory(
        edition=edition, slug="dimanche", debut=datetime(2030, 10, 27, 10, 0, tzinfo=PARIS)
    )
    night = EvenementFactory(
        edition=edition,
        slug="nuit",
        type="hackathon",
        debut=datetime(2030, 10, 26, 22, 0, tzinfo=PARIS),
        fin=datetime(2030, 10, 27, 6, 0, tzinfo=PARIS),
    )
    december = EvenementFactory(
        edition=edition,
        slug="decembre",
        debut=datetime(2030, 12, 9, 14, 0, tzinfo=PARIS),
        adresse="",
        commune="",
        region="",
        latitude=None,
        longitude=None,
        lien_en_ligne="https://visio.example.org/salle",
        niveaux=["college", "parents"],
    )
    return edition, saturday, sunday, night, december


def test_the_edition_feed_has_the_right_instants_around_the_time_change(api, autumn):
    _, saturday, sunday, night, december = autumn
    calendar = parse(api("evenements.ics", edition="2030"))
    assert str(calendar["X-WR-CALNAME"]) == "Semaine du numérique 2030"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    events = events_by_uid(calendar)
    assert len(events) == 4
    uid = f"evenement-{saturday.pk}@talentsdunumerique.fr"
    # Summer time (UTC+2) on Saturday, winter time (UTC+1) on Sunday and in December.
    assert utc(events[uid], "DTSTART") == datetime(2030, 10, 26, 8, 0, tzinfo=UTC)
    sunday_event = events[f"evenement-{sunday.pk}@talentsdunumerique.fr"]
    assert utc(sunday_event, "DTSTART") == datetime(2030, 10, 27, 9, 0, tzinfo=UTC)
    assert sunday_event["DTSTART"].params["TZID"] == "Europe/Paris"
    night_event = events[f"evenement-{night.pk}@talentsdunumerique.fr"]
    assert utc(night_event, "DTSTART") == datetime(2030, 10, 26, 20, 0, tzinfo=UTC)
    assert utc(night_event, "DTEND") == datetime(2030, 10, 27, 5, 0, tzinfo=UTC)
    # Eight hours on the clock, nine in reality: the night has an extra hour.
    assert utc(night_event, "DTEND") - utc(night_event, "DTSTART") == timedelta(hours=9)
    online = events[f"evenement-{december.pk}@talentsdunumerique.fr"]
    assert utc(online, "DTSTART") == datetime(2030, 12, 9, 13, 0, tzinfo=UTC)
    assert str(online["LOCATION"]) == "https://visio.example.org/salle"
    assert "GEO" not in online
    assert "Collège, Parents" in str(online["DESCRIPTION"])


def test_an_event_feed_carries_place_geo_url_and_a_stable_uid(api, autumn):
    _, saturday, *_ = autumn
    calendar = parse(api(f"evenements/{saturday.slug}.ics"))
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == saturday.titre
    assert str(event["LOCATION"]) == "1 rue de Rivoli, Paris"
    assert event["GEO"].latitude == pytest.approx(48.85661)
    assert event["GEO"].longitude == pytest.approx(2.35222)
    assert str(event["URL"]).endswith(f"/api/v1/evenements/{saturday.slug}/")
    assert "Entreprise d'essai" in str(event["DESCRIPTION"])
    # A new slug and title: the same UID, so calendars update the event instead of adding one.
    Evenement.objects.filter(pk=saturday.pk).update(slug="samedi-renomme", titre="Renommé")
    renamed = Calendar.from_ical(evenement_ics(Evenement.objects.get(pk=saturday.pk)))
    (again,) = renamed.walk("VEVENT")
    assert str(again["UID"]) == str(event["UID"])
    assert str(again["SUMMARY"]) == "Renommé"


def test_the_feed_filters_like_the_list(api, autumn):
    *_, sunday, night, december = autumn
    calendar = parse(api("evenements.ics", edition="2030", type="hackathon"))
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [night.titre]
    calendar = parse(api("evenements.ics", edition="2030", en_ligne="true"))
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [december.titre]
    calendar = parse(api("evenements.ics", edition="2030", du="2030-10-27", au="2030-10-27"))
    assert {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")} == {night.titre, sunday.titre}


def test_without_an_edition_the_feed_is_the_latest_published_one(api, autumn):
    latest = EditionFactory(annee=2099)
    shown = EvenementFactory(edition=latest)
    EvenementFactory(edition=EditionFactory(annee=2100, publiee=False))
    calendar = parse(api("evenements.ics"))
    assert str(calendar["X-WR-CALNAME"]) == "Semaine du numérique 2099"
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [shown.titre]


def test_evenement_ics_is_one_event_for_an_email(autumn):
    *_, december = autumn
    content = evenement_ics(december)
    assert isinstance(content, bytes)
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    assert utc(event, "DTEND") == datetime(2030, 12, 9, 15, 0, tzinfo=UTC)
    assert calendar.walk("VTIMEZONE")
