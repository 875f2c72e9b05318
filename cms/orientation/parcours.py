"""The students' parcours: anonymous lists of métiers, formations, établissements and results,
opened by an unguessable token (only its hash is stored) and shared by a read-only one.

The API calls these functions; refusals are `cms.errors` exceptions.
"""

import hashlib
import re
import secrets
import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cms import errors
from cms.formations.models import Etablissement, FormationPage
from cms.metiers.models import MetierPage

from .models import (
    ItemKind,
    Parcours,
    ParcoursItem,
    TestResult,
)

InvalidRequest = errors.InvalidRequest


class ParcoursNotFound(errors.NotFound):
    """Unknown token (HTTP 404), whether it never existed or was deleted."""

    default_message = "Ce parcours n'existe pas ou a été supprimé."


class ParcoursReadOnly(errors.Forbidden):
    """A share token used to change the parcours (HTTP 403)."""

    code = "read_only"
    default_message = "Ce lien de partage permet seulement de consulter le parcours."


REF = re.compile(r"[-a-zA-Z0-9_]{1,120}")
TOKEN_BYTES = 32  # 256 random bits: a token cannot be guessed or enumerated
MAX_TOKEN_LENGTH = 128
MAX_ITEMS = 200
ACTIVITY_RESOLUTION = timedelta(days=1)


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _find(field, token):
    """The parcours whose `field` holds the hash of `token`, or None.

    Only the hash of the presented token is compared, by the database: timing can at most leak
    something about a hash, which says nothing about any other valid token (the property
    `hmac.compare_digest` gives a direct comparison).
    """
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return Parcours.objects.filter(**{field: _hash(token)}).first()


def _owned(token):
    parcours = _find("token_hash", token)
    if parcours is not None:
        return parcours
    if _find("share_token_hash", token) is not None:
        raise ParcoursReadOnly()
    raise ParcoursNotFound()


def create_parcours():
    """A new empty parcours; its two tokens are returned here only, since only hashes are kept.

    Returns (token, share_token, parcours): the token reads and writes, the share token reads.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    share_token = secrets.token_urlsafe(TOKEN_BYTES)
    parcours = Parcours.objects.create(token_hash=_hash(token), share_token_hash=_hash(share_token))
    return token, share_token, parcours


def get_parcours(token):
    """The parcours of this owner token; opening it counts as activity against the purge."""
    parcours = _owned(token)
    if parcours.updated_at < timezone.now() - ACTIVITY_RESOLUTION:
        parcours.save(update_fields=["updated_at"])
    return parcours


def get_shared_parcours(share_token):
    """The parcours behind a share link, for reading only."""
    parcours = _find("share_token_hash", share_token)
    if parcours is None:
        raise ParcoursNotFound()
    return parcours


def add_item(token, kind, ref):
    """Add a reference to existing content; adding it again changes nothing."""
    parcours = _owned(token)
    errors = _item_errors(kind, ref)
    if errors:
        raise InvalidRequest(fields=errors)
    with transaction.atomic():
        # Concurrent additions to one parcours wait for each other, so the cap always holds.
        parcours = Parcours.objects.select_for_update().get(pk=parcours.pk)
        errors = _addition_errors(parcours, kind, ref)
        if errors:
            raise InvalidRequest(fields=errors)
        item, _ = ParcoursItem.objects.get_or_create(parcours=parcours, kind=kind, ref=ref)
        parcours.save(update_fields=["updated_at"])
    return item


def remove_item(token, kind, ref):
    """Remove a reference; returns whether it was there."""
    parcours = _owned(token)
    errors = _item_errors(kind, ref)
    if errors:
        raise InvalidRequest(fields=errors)
    with transaction.atomic():
        removed, _ = parcours.items.filter(kind=kind, ref=ref).delete()
        parcours.save(update_fields=["updated_at"])
    return bool(removed)


def delete_parcours(token):
    """Erase the parcours and everything in it, at once."""
    _owned(token).delete()


def parcours_payload(parcours, read_only=False):
    """The parcours as the API shows it: each item with its current title and address."""
    items = list(parcours.items.all())
    found = {}
    for kind in {item.kind for item in items}:
        resolver = RESOLVERS.get(kind)
        refs = [item.ref for item in items if item.kind == kind]
        found[kind] = resolver(refs) if resolver else {}
    return {
        "read_only": read_only,
        "created_at": parcours.created_at.isoformat(),
        "updated_at": parcours.updated_at.isoformat(),
        "items": [
            {
                "type": item.kind,
                "ref": item.ref,
                "available": item.ref in found[item.kind],
                **found[item.kind].get(item.ref, {"title": None, "url": None}),
            }
            for item in items
        ],
    }


def _item_errors(kind, ref):
    """Errors in the shape of an item reference: a known kind and a slug or id."""
    errors = {}
    if not isinstance(kind, str) or kind not in ItemKind.values:
        errors["type"] = [f"Type inconnu : choisis parmi {', '.join(ItemKind.values)}."]
    if not isinstance(ref, str) or not REF.fullmatch(ref):
        errors["ref"] = ["Référence invalide : un identifiant comme « data-scientist »."]
    return errors


def _addition_errors(parcours, kind, ref):
    """Errors that keep a well-formed reference out: unknown content, or a full parcours."""
    if kind not in RESOLVERS:
        return {"type": ["Ce type d'élément ne peut pas encore être ajouté à un parcours."]}
    if ref not in RESOLVERS[kind]([ref]):
        return {"ref": ["Ce contenu n'existe pas ou n'est plus publié."]}
    items = parcours.items.all()
    if items.count() >= MAX_ITEMS and not items.filter(kind=kind, ref=ref).exists():
        return {"ref": ["Ton parcours est plein : retire un élément avant d'en ajouter un autre."]}
    return {}


def _pages(model, refs):
    return {
        page.slug: {"title": page.title, "url": page.url}
        for page in model.objects.live().filter(slug__in=refs)
    }


def _resultats(refs):
    ids = []
    for ref in refs:
        try:
            ids.append(uuid.UUID(ref))
        except ValueError:
            continue
    return {
        str(result.public_id): {"title": f"Mon test d'orientation : {result.code}", "url": None}
        for result in TestResult.objects.filter(public_id__in=ids)
    }


# How each kind of item is checked and described: {ref: {"title", "url"}} for the refs that
# exist. A kind without a resolver (events, until they exist) cannot be added.
RESOLVERS = {
    ItemKind.METIER: lambda refs: _pages(MetierPage, refs),
    ItemKind.FORMATION: lambda refs: _pages(FormationPage, refs),
    ItemKind.ETABLISSEMENT: lambda refs: {
        etablissement.slug: {"title": etablissement.nom, "url": None}
        for etablissement in Etablissement.objects.filter(slug__in=refs)
    },
    ItemKind.RESULTAT: _resultats,
}
