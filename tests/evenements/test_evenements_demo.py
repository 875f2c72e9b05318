"""The demo's Semaine du numérique: this year's first full week of December, about a hundred
valid events in all 18 régions, reloaded in place without duplicates."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.formations.choices import Region
from evenements.semaine.demo import (
    ORGANISERS_GROUP,
    first_full_week_of_december,
    load_semaine_demo,
)
from evenements.semaine.models import Edition, Evenement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("year", "monday"),
    [(2026, date(2026, 12, 7)), (2025, date(2025, 12, 1)), (2030, date(2030, 12, 2))],
)
def test_the_week_is_the_first_full_week_of_december(year, monday):
    assert first_full_week_of_december(year) == (monday, date(year, 12, monday.day + 5))


def test_the_demo_edition_has_about_a_hundred_valid_events_in_every_region():
    edition = Edition.objects.get(annee=timezone.localdate().year)
    assert edition.publiee
    assert (edition.date_debut, edition.date_fin) == first_full_week_of_december(edition.annee)
    evenements = list(edition.evenements.prefetch_related("niveaux"))
    assert 90 <= len(evenements) <= 110
    assert {e.region for e in evenements if e.region} == set(Region.values)
    assert {e.organisateur_type for e in evenements} == {
        "etablissement",
        "federation",
        "organisation",
    }
    assert len({e.type for e in evenements}) >= 8
    for evenement in evenements:
        evenement.full_clean()
        assert evenement.niveaux.all(), evenement.slug


def test_overseas_times_are_local_times():
    reunion = Evenement.objects.get(slug__endswith="-visite-reunion-cloud-saint-denis")
    local = reunion.debut.astimezone(timezone.get_fixed_timezone(4 * 60))
    assert local.hour == 9  # 9:30 in Saint-Denis is 6:30 in Paris
    assert timezone.localtime(reunion.debut).hour == 6


def test_reloading_updates_in_place(django_assert_max_num_queries):
    before = dict(Evenement.objects.values_list("slug", "pk"))
    Evenement.objects.filter(slug__in=list(before)[:3]).update(titre="Modifié", capacite=1)
    with django_assert_max_num_queries(20):
        load_semaine_demo()
    assert dict(Evenement.objects.values_list("slug", "pk")) == before
    assert not Evenement.objects.filter(titre="Modifié").exists()


def test_organiser_accounts_have_a_group_without_manage_all():
    """An account put in this group reaches the admin and its own events only."""
    group = Group.objects.get(name=ORGANISERS_GROUP)
    assert set(group.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "add_evenement",
        "change_evenement",
        "delete_evenement",
        "view_evenement",
    }
