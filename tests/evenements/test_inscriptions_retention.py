"""Registrations are deleted a set time after their edition, by the daily purge command."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from evenements.inscriptions.models import Inscription, Statut
from tests.factories import EditionFactory, EvenementFactory

pytestmark = pytest.mark.django_db


def edition_ended(days_ago, annee):
    last_day = timezone.localdate() - timedelta(days=days_ago)
    return EditionFactory(annee=annee, date_debut=last_day - timedelta(days=6), date_fin=last_day)


def registered(edition, count=2):
    evenement = EvenementFactory(edition=edition, capacite=100)
    for number in range(count):
        Inscription.objects.create(
            evenement=evenement,
            enseignant_nom=f"Enseignant·e {number}",
            enseignant_email=f"prof{number}@ac-paris.fr",
            etablissement="Collège Jean Moulin",
            niveau="college",
            nombre_eleves=25,
            statut=Statut.CONFIRMEE,
            position=number + 1,
            token_hash=f"{edition.annee}-{number}".rjust(64, "0"),
        )
    evenement.places_prises = 25 * count
    evenement.save(update_fields=["places_prises"])
    return evenement


def purge():
    output = io.StringIO()
    call_command("purge_expired", stdout=output)
    return output.getvalue()


def test_registrations_are_deleted_ninety_days_after_their_edition_ends(settings):
    assert settings.INSCRIPTIONS_RETENTION_DAYS == 90
    expired = registered(edition_ended(91, 2001), count=3)
    kept = registered(edition_ended(90, 2002))
    current = registered(EditionFactory(annee=2003, date_fin=timezone.localdate()))
    output = purge()
    assert "inscriptions des classes : 3 supprimé(s)" in output
    assert not Inscription.objects.filter(evenement=expired).exists()
    assert Inscription.objects.filter(evenement=kept).count() == 2
    assert Inscription.objects.filter(evenement=current).count() == 2
    # Who came is forgotten; how many came is not.
    expired.refresh_from_db()
    assert expired.places_prises == 75
    assert "inscriptions des classes : 0 supprimé(s)" in purge()


def test_the_retention_period_is_a_setting(settings):
    settings.INSCRIPTIONS_RETENTION_DAYS = 10
    ended = registered(edition_ended(11, 2004))
    recent = registered(edition_ended(9, 2005))
    assert "inscriptions des classes : 2 supprimé(s)" in purge()
    assert not Inscription.objects.filter(evenement=ended).exists()
    assert Inscription.objects.filter(evenement=recent).count() == 2
