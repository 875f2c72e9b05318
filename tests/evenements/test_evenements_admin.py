"""The events' admin: an organiser's account sees, edits and deletes only its own events, and
an event it creates is its own; editors with "manage all" see every event."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from evenements.semaine.models import Evenement
from tests.factories import EditionFactory, EvenementFactory

pytestmark = pytest.mark.django_db

URLS = "wagtailsnippets_semaine_evenement"


def user_with(django_user_model, name, *codenames):
    group = Group.objects.create(name=f"Groupe {name}")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", *codenames],
            content_type__app_label__in=["wagtailadmin", "semaine"],
        )
    )
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "x")
    user.groups.add(group)
    return user


EVENT_PERMISSIONS = ("add_evenement", "change_evenement", "delete_evenement", "view_evenement")


@pytest.fixture
def organiser(django_user_model, client):
    user = user_with(django_user_model, "organisatrice", *EVENT_PERMISSIONS)
    client.force_login(user)
    return user


@pytest.fixture
def events(organiser):
    edition = EditionFactory()
    own = EvenementFactory(edition=edition, titre="Notre atelier robotique")
    own.organisateurs.add(organiser)
    other = EvenementFactory(edition=edition, titre="L'atelier d'une autre école")
    return own, other


def test_the_listing_shows_only_the_organisers_events(client, events):
    own, _ = events
    page = client.get(reverse(f"{URLS}:list"), {"q": "atelier"}).content.decode()
    assert own.titre in page
    assert "L&#x27;atelier d&#x27;une autre école" not in page
    assert "autre école" not in page


def test_another_organisers_event_cannot_be_opened_edited_or_deleted(client, events):
    own, other = events
    assert client.get(reverse(f"{URLS}:edit", args=[own.pk])).status_code == 200
    for name in ("edit", "delete", "copy", "usage", "history"):
        response = client.get(reverse(f"{URLS}:{name}", args=[other.pk]))
        assert response.status_code in (302, 403), name
        assert other.titre not in response.content.decode()
    client.post(reverse(f"{URLS}:edit", args=[other.pk]), {"titre": "Piraté"})
    client.post(reverse(f"{URLS}:delete", args=[other.pk]))
    bulk = reverse("wagtail_bulk_action", args=["semaine", "evenement", "delete"])
    client.post(f"{bulk}?id={other.pk}")
    other.refresh_from_db()
    assert other.titre == "L'atelier d'une autre école"


def form_data(edition, **overrides):
    data = {
        "titre": "Atelier création de jeux vidéo",
        "edition": edition.pk,
        "slug": "",
        "type": "atelier",
        "publie": "on",
        "description": "On crée un petit jeu, sans rien installer.",
        "niveaux": ["college"],
        "organisation": "Studio d'essai",
        "adresse": "2 place Bellecour",
        "commune": "Lyon",
        "region": "auvergne-rhone-alpes",
        "latitude": "45.75780",
        "longitude": "4.83200",
        "lien_en_ligne": "",
        "debut": f"{edition.annee}-12-04 09:00",
        "fin": f"{edition.annee}-12-04 12:00",
        "capacite": "28",
        "inscriptions_ouverture": f"{edition.annee}-10-01 08:00",
        "inscriptions_fermeture": f"{edition.annee}-12-01 18:00",
    }
    data.update(overrides)
    return data


def test_an_event_an_organiser_creates_is_its_own(client, organiser, events):
    edition = events[0].edition
    response = client.post(reverse(f"{URLS}:add"), form_data(edition))
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Evenement.objects.get(slug="atelier-creation-de-jeux-video")
    assert list(created.organisateurs.all()) == [organiser]
    assert created.places_prises == 0
    assert client.get(reverse(f"{URLS}:edit", args=[created.pk])).status_code == 200


def test_the_admin_form_explains_what_is_wrong(client, events):
    edition = events[0].edition
    before = Evenement.objects.count()
    bad = form_data(
        edition,
        organisation="",
        latitude="",
        lien_en_ligne="",
        fin=f"{edition.annee}-12-04 08:00",
        capacite="0",
    )
    page = client.post(reverse(f"{URLS}:add"), bad).content.decode()
    assert "Choisis un seul organisateur" in page
    assert "renseigne la commune, la région, la latitude et la longitude" in page
    assert "La fin vient après le début." in page
    assert Evenement.objects.count() == before


def test_organisers_cannot_name_other_accounts(client, events):
    """The organisers field is for editors: an organiser's form has no such field."""
    own, _ = events
    page = client.get(reverse(f"{URLS}:edit", args=[own.pk])).content.decode()
    assert 'name="organisateurs"' not in page


def test_an_editor_who_manages_all_sees_every_event(client, django_user_model, events):
    editor = user_with(django_user_model, "redactrice", *EVENT_PERMISSIONS, "manage_all_evenements")
    client.force_login(editor)
    own, other = events
    page = client.get(reverse(f"{URLS}:list"), {"q": "atelier"}).content.decode()
    assert own.titre in page
    assert "autre école" in page
    edit = client.get(reverse(f"{URLS}:edit", args=[other.pk]))
    assert edit.status_code == 200
    assert 'name="organisateurs"' in edit.content.decode()
