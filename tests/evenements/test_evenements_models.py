"""An event's rules, as an editor meets them: one organiser, a place with coordinates or a link,
coherent times within the edition, and never fewer seats than those already taken."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from evenements.semaine.models import Evenement
from tests.factories import PARIS, EditionFactory, EvenementFactory

pytestmark = pytest.mark.django_db


def errors_of(evenement):
    with pytest.raises(ValidationError) as raised:
        evenement.full_clean()
    return raised.value.message_dict


@pytest.fixture
def evenement():
    return EvenementFactory(edition=EditionFactory())


def test_a_complete_event_is_valid_and_counts_its_seats(evenement):
    evenement.full_clean()
    assert evenement.places_restantes == 30
    evenement.places_prises = 12
    assert evenement.places_restantes == 18
    assert evenement.organisateur_type == "organisation"


def test_an_online_event_needs_no_place(evenement):
    evenement.adresse = evenement.commune = evenement.region = ""
    evenement.latitude = evenement.longitude = None
    evenement.lien_en_ligne = "https://visio.example.org/atelier"
    evenement.full_clean()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"organisation": ""}, "organisation"),
        ({"federation_id": "first"}, "organisation"),
        ({"latitude": None}, "commune"),
        ({"region": ""}, "commune"),
        (
            {"latitude": None, "longitude": None, "commune": "", "region": "", "adresse": ""},
            "lien_en_ligne",
        ),
        ({"region": "la-reunion"}, "latitude"),
        ({"latitude": 60.0, "longitude": 30.0}, "latitude"),
        ({"fin": datetime(2040, 12, 4, 9, 30, tzinfo=PARIS)}, "fin"),
        ({"debut": datetime(2040, 9, 30, 23, 0, tzinfo=PARIS)}, "debut"),
        ({"fin": datetime(2041, 1, 1, 0, 30, tzinfo=PARIS)}, "debut"),
        ({"inscriptions_fermeture": datetime(2020, 1, 1, tzinfo=PARIS)}, "inscriptions_fermeture"),
        ({"inscriptions_fermeture": datetime(2040, 12, 5, tzinfo=PARIS)}, "inscriptions_fermeture"),
        ({"capacite": 0}, "capacite"),
        ({"lien_en_ligne": "javascript:alert(1)"}, "lien_en_ligne"),
    ],
)
def test_invalid_events_are_explained(changes, field):
    from cms.communaute.models import Federation

    evenement = EvenementFactory(edition=EditionFactory(annee=2040))
    for name, value in changes.items():
        if value == "first":
            value = Federation.objects.first().pk
        setattr(evenement, name, value)
    assert field in errors_of(evenement)


def test_an_event_straddling_midnight_paris_time_is_within_its_edition():
    """An edition's days are Paris days: ending at 23:30 on the last day (22:30 UTC) is inside,
    ending at 00:30 the next morning (23:30 UTC, still the last day in UTC) is not."""
    edition = EditionFactory(annee=2041)
    evenement = EvenementFactory(
        edition=edition,
        debut=datetime(2041, 12, 31, 20, 0, tzinfo=PARIS),
        fin=datetime(2041, 12, 31, 23, 30, tzinfo=PARIS),
        inscriptions_fermeture=datetime(2041, 12, 30, tzinfo=PARIS),
    )
    evenement.full_clean()
    evenement.fin = datetime(2042, 1, 1, 0, 30, tzinfo=PARIS)
    assert "debut" in errors_of(evenement)


def test_capacity_cannot_drop_below_the_seats_taken(evenement):
    Evenement.objects.filter(pk=evenement.pk).update(places_prises=20)
    evenement.refresh_from_db()
    evenement.capacite = 19
    assert "20 places sont déjà prises" in errors_of(evenement)["capacite"][0]


def test_the_database_never_holds_more_seats_taken_than_the_capacity(evenement):
    with pytest.raises(IntegrityError), transaction.atomic():
        Evenement.objects.filter(pk=evenement.pk).update(places_prises=F("capacite") + 1)
    evenement.refresh_from_db()
    assert evenement.places_prises == 0


def test_slug_follows_the_title_when_left_empty():
    evenement = EvenementFactory(edition=EditionFactory(), slug="", titre="Café des métiers !")
    assert evenement.slug == "cafe-des-metiers"
