"""The anonymous parcours: its lifecycle, its tokens and its purge."""

import base64
import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from cms.orientation import models, retention
from cms.orientation import parcours as parcours_service
from cms.orientation import results as results_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def parcours():
    token, share_token, instance = parcours_service.create_parcours()
    return token, share_token, instance


def items(token):
    return [
        (i["type"], i["ref"])
        for i in parcours_service.parcours_payload(parcours_service.get_parcours(token))["items"]
    ]


def backdate(instance, **delta):
    models.Parcours.objects.filter(pk=instance.pk).update(
        updated_at=timezone.now() - timedelta(**delta)
    )


# --- Tokens -------------------------------------------------------------------------------------


def test_only_hashes_of_the_tokens_are_stored(parcours):
    token, share_token, instance = parcours
    row = models.Parcours.objects.filter(pk=instance.pk).values().get()
    stored = " ".join(str(value) for value in row.values())
    assert token not in stored
    assert share_token not in stored
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert row["share_token_hash"] == hashlib.sha256(share_token.encode()).hexdigest()


def test_tokens_are_random_and_carry_at_least_128_bits():
    tokens = [token for _ in range(50) for token in parcours_service.create_parcours()[:2]]
    assert len(set(tokens)) == len(tokens)
    for token in tokens:
        assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8 >= 128
    # No shared prefix: tokens are not a counter or a timestamp.
    assert len({token[:4] for token in tokens}) > len(tokens) * 0.9


@pytest.mark.parametrize(
    "token",
    ["", "x" * 43, "x" * 10_000, None, 42, hashlib.sha256(b"guess").hexdigest()],
)
def test_unknown_tokens_are_not_found(parcours, token):
    with pytest.raises(parcours_service.ParcoursNotFound):
        parcours_service.get_parcours(token)
    with pytest.raises(parcours_service.ParcoursNotFound):
        parcours_service.get_shared_parcours(token)
    with pytest.raises(parcours_service.ParcoursNotFound):
        parcours_service.add_item(token, "metier", "data-scientist")
    with pytest.raises(parcours_service.ParcoursNotFound):
        parcours_service.delete_parcours(token)
    assert models.Parcours.objects.filter(pk=parcours[2].pk).exists()


def test_the_stored_hash_does_not_open_the_parcours(parcours):
    _, _, instance = parcours
    with pytest.raises(parcours_service.ParcoursNotFound):
        parcours_service.get_parcours(instance.token_hash)


# --- Lifecycle ----------------------------------------------------------------------------------


def test_create_add_remove_delete(parcours):
    token, _, instance = parcours
    assert items(token) == []

    result = results_service.compute_results(
        {
            q["id"]: 4 if q["dimension"] == "I" else 1
            for q in results_service.current_test()["questions"]
        }
    )
    parcours_service.add_item(token, "metier", "data-scientist")
    parcours_service.add_item(token, "formation", "but-informatique")
    parcours_service.add_item(token, "etablissement", "iut-lyon-1")
    parcours_service.add_item(token, "resultat", result["id"])
    parcours_service.add_item(token, "metier", "data-scientist")  # twice changes nothing
    assert items(token) == [
        ("metier", "data-scientist"),
        ("formation", "but-informatique"),
        ("etablissement", "iut-lyon-1"),
        ("resultat", result["id"]),
    ]

    payload = parcours_service.parcours_payload(parcours_service.get_parcours(token))
    assert payload["read_only"] is False
    metier, formation, etablissement, resultat = payload["items"]
    assert metier["title"] == "Data scientist"
    assert metier["url"].startswith("/")
    assert metier["available"] is True
    assert formation["title"].startswith("BUT")
    assert etablissement["url"] is None
    assert resultat["title"] == f"Mon test d'orientation : {result['code']}"

    assert parcours_service.remove_item(token, "formation", "but-informatique") is True
    assert parcours_service.remove_item(token, "formation", "but-informatique") is False
    assert ("formation", "but-informatique") not in items(token)

    parcours_service.delete_parcours(token)
    assert not models.Parcours.objects.filter(pk=instance.pk).exists()
    assert not models.ParcoursItem.objects.filter(parcours_id=instance.pk).exists()
    with pytest.raises(parcours_service.ParcoursNotFound):
        parcours_service.get_parcours(token)


def test_removed_content_is_shown_as_unavailable(parcours):
    token, _, _ = parcours
    result = results_service.compute_results(
        {q["id"]: 3 for q in results_service.current_test()["questions"]}
    )
    parcours_service.add_item(token, "resultat", result["id"])
    models.TestResult.objects.filter(public_id=result["id"]).delete()
    (item,) = parcours_service.parcours_payload(parcours_service.get_parcours(token))["items"]
    assert item == {
        "type": "resultat", "ref": result["id"], "available": False, "title": None, "url": None,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "ref", "field"),
    [
        ("metier", "metier-qui-n-existe-pas", "ref"),
        ("formation", "data-scientist", "ref"),  # a métier is not a formation
        ("etablissement", "0612345678", "ref"),  # a phone number is not a reference
        ("metier", "camille@example.org", "ref"),
        ("metier", "Camille Martin", "ref"),
        ("resultat", "00000000-0000-0000-0000-000000000000", "ref"),
        ("metier", "", "ref"),
        ("metier", None, "ref"),
        ("metier", "x" * 121, "ref"),
        ("note", "data-scientist", "type"),
        (None, "data-scientist", "type"),
        ("evenement", "semaine-du-numerique", "type"),  # events come with their room
    ],
)
def test_only_references_to_existing_content_can_be_added(parcours, kind, ref, field):
    token, _, _ = parcours
    parcours_service.add_item(token, "metier", "game-designer")
    with pytest.raises(parcours_service.InvalidRequest) as error:
        parcours_service.add_item(token, kind, ref)
    assert list(error.value.fields) == [field]
    assert items(token) == [("metier", "game-designer")]


@pytest.mark.parametrize("ref", ["camille@example.org", "06 12 34 56 78", "+33612345678"])
def test_no_field_can_hold_an_email_or_a_phone_number(parcours, ref):
    _, _, instance = parcours
    text_fields = {
        field.name
        for model in (models.Parcours, models.ParcoursItem)
        for field in model._meta.get_fields()
        if field.get_internal_type() in ("CharField", "TextField")
    }
    assert text_fields == {"token_hash", "share_token_hash", "kind", "ref"}
    with pytest.raises(ValidationError) as error:
        models.ParcoursItem(parcours=instance, kind="metier", ref=ref).full_clean()
    assert "ref" in error.value.message_dict


def test_a_full_parcours_refuses_new_items(parcours):
    token, _, instance = parcours
    version = models.TestVersion.objects.current()
    results = models.TestResult.objects.bulk_create(
        models.TestResult(version=version, answers={}, profile={}, code="RIA", metiers=[])
        for _ in range(parcours_service.MAX_ITEMS)
    )
    models.ParcoursItem.objects.bulk_create(
        models.ParcoursItem(parcours=instance, kind="resultat", ref=str(result.public_id))
        for result in results
    )
    parcours_service.add_item(token, "resultat", str(results[0].public_id))  # already there: fine
    with pytest.raises(parcours_service.InvalidRequest) as error:
        parcours_service.add_item(token, "metier", "roboticien")
    assert "plein" in error.value.fields["ref"][0]
    assert instance.items.count() == parcours_service.MAX_ITEMS


# --- Sharing ------------------------------------------------------------------------------------


def test_share_link_reads_but_cannot_write(parcours):
    token, share_token, instance = parcours
    parcours_service.add_item(token, "metier", "roboticien")
    shared = parcours_service.get_shared_parcours(share_token)
    assert shared.pk == instance.pk
    assert (
        parcours_service.parcours_payload(shared, read_only=True)["items"][0]["ref"] == "roboticien"
    )

    with pytest.raises(parcours_service.ParcoursReadOnly):
        parcours_service.add_item(share_token, "metier", "pentester")
    with pytest.raises(parcours_service.ParcoursReadOnly):
        parcours_service.remove_item(share_token, "metier", "roboticien")
    with pytest.raises(parcours_service.ParcoursReadOnly):
        parcours_service.delete_parcours(share_token)
    with pytest.raises(parcours_service.ParcoursReadOnly):
        parcours_service.get_parcours(share_token)
    assert items(token) == [("metier", "roboticien")]


def test_owner_token_is_not_a_share_link(parcours):
    token, _, _ = parcours
    with pytest.raises(parcours_service.ParcoursNotFound):
        parcours_service.get_shared_parcours(token)


# --- Purge --------------------------------------------------------------------------------------


def test_purge_deletes_only_parcours_untouched_for_twelve_months():
    _, _, stale = parcours_service.create_parcours()
    _, _, recent = parcours_service.create_parcours()
    _, _, fresh = parcours_service.create_parcours()
    stale_item = models.ParcoursItem.objects.create(parcours=stale, kind="metier", ref="rssi")
    backdate(stale, days=370)
    backdate(recent, days=330)

    assert retention.purge_inactive() == 1
    assert not models.Parcours.objects.filter(pk=stale.pk).exists()
    assert not models.ParcoursItem.objects.filter(pk=stale_item.pk).exists()
    assert models.Parcours.objects.filter(pk__in=[recent.pk, fresh.pk]).count() == 2


def test_changing_or_opening_a_parcours_counts_as_activity():
    changed_token, _, changed = parcours_service.create_parcours()
    opened_token, _, opened = parcours_service.create_parcours()
    _, shared_token, shared = parcours_service.create_parcours()
    for instance in (changed, opened, shared):
        backdate(instance, days=400)

    parcours_service.add_item(changed_token, "metier", "pentester")
    parcours_service.get_parcours(opened_token)
    parcours_service.get_shared_parcours(
        shared_token
    )  # a visitor's reading is not the owner's activity

    assert retention.purge_inactive() == 1
    assert set(models.Parcours.objects.values_list("pk", flat=True)) >= {changed.pk, opened.pk}
    assert not models.Parcours.objects.filter(pk=shared.pk).exists()


def test_purge_command(capsys):
    _, _, stale = parcours_service.create_parcours()
    backdate(stale, days=400)
    call_command("purge_expired")
    assert "parcours : 1 supprimé(s)" in capsys.readouterr().out
    assert not models.Parcours.objects.filter(pk=stale.pk).exists()
