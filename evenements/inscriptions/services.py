"""Class registrations: seats taken atomically, a waiting list, cancellation by a secret link.

Seats live in `Evenement.places_prises` and move only through one conditional UPDATE
(`_take_seats`): the database adds the class's students only if they still fit, so two requests
can never both take the last seats, on PostgreSQL as on SQLite. A class that does not fit joins
the waiting list. Every change to an event's registrations holds the event's row lock (taken by
that UPDATE, or by SELECT ... FOR UPDATE when the class does not fit; SQLite serialises write
transactions, which start IMMEDIATE): a class joining the waiting list and a cancellation
promoting waiting classes never cross, so no class waits while seats it fits in are free.
The check constraint on `Evenement` (places_prises <= capacite) guards the rest.

A cancellation frees the seats, then promotes waiting classes in their order of arrival, each
one that fits (pretix's waiting list), and e-mails them. The API calls these functions;
refusals are `cms.errors` exceptions.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from cms import errors
from cms.orientation import classes as mode_classe
from evenements.semaine.models import Evenement

from . import emails
from .models import Inscription, NiveauClasse, Statut

TOKEN_BYTES = 32  # 256 random bits: a cancellation link cannot be guessed
MAX_TOKEN_LENGTH = 128
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")


class EvenementNotFound(errors.NotFound):
    default_message = "Cet événement n'existe pas ou n'est pas publié."


class InscriptionsFermees(errors.Conflict):
    """The registration window is not open (HTTP 409)."""

    code = "inscriptions_fermees"


class InscriptionNotFound(errors.NotFound):
    default_message = "Ce lien d'annulation n'est pas valide."


class DejaAnnulee(errors.Gone):
    """The registration was already cancelled (HTTP 410): a second click changes nothing."""

    code = "deja_annulee"
    default_message = "Cette inscription est déjà annulée."


class EvenementCommence(errors.Conflict):
    code = "evenement_commence"
    default_message = "L'événement a commencé : l'inscription ne peut plus être annulée."


@dataclass(frozen=True)
class Classe:
    """What a teacher tells about the class: nothing about any student."""

    enseignant_nom: str
    enseignant_email: str
    etablissement: str
    niveau: str
    nombre_eleves: int


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _paris(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y à %H:%M")


def evenement_ouvert(slug):
    """The published event behind `slug`, if its registrations are open now."""
    if not SLUG.fullmatch(slug):
        raise EvenementNotFound()
    evenement = Evenement.objects.visibles().filter(slug=slug).first()
    if evenement is None:
        raise EvenementNotFound()
    now = timezone.now()
    if now < evenement.inscriptions_ouverture:
        raise InscriptionsFermees(
            f"Les inscriptions à cet événement ouvrent le "
            f"{_paris(evenement.inscriptions_ouverture)} (heure de Paris)."
        )
    if now >= evenement.inscriptions_fermeture:
        raise InscriptionsFermees(
            f"Les inscriptions à cet événement sont closes depuis le "
            f"{_paris(evenement.inscriptions_fermeture)} (heure de Paris)."
        )
    return evenement


def _check_classe(evenement, classe):
    fields = {}
    niveaux = set(evenement.niveaux.values_list("code", flat=True)) & set(NiveauClasse.values)
    if classe.niveau not in niveaux:
        accueillis = ", ".join(NiveauClasse(code).label.lower() for code in sorted(niveaux))
        fields["niveau"] = [
            f"Cet événement accueille les classes de niveau : {accueillis}."
            if accueillis
            else "Cet événement n'accueille pas de classes."
        ]
    if classe.nombre_eleves > evenement.capacite:
        fields["nombre_eleves"] = [f"Cet événement accueille au plus {evenement.capacite} élèves."]
    if fields:
        raise errors.InvalidRequest("La classe ne peut pas s'inscrire à cet événement.", fields)


def _take_seats(evenement_id, nombre):
    """Add `nombre` students to the event if they fit; True when they did (one UPDATE)."""
    return bool(
        Evenement.objects.filter(pk=evenement_id, places_prises__lte=F("capacite") - nombre).update(
            places_prises=F("places_prises") + nombre
        )
    )


def _lock(evenement_id):
    """Wait for, then hold, the event's row lock until the transaction ends."""
    return Evenement.objects.select_for_update().only("pk").get(pk=evenement_id)


def inscrire(slug, classe):
    """Register a class to the event `slug`; returns the `Inscription` (confirmed or waiting).

    The teacher also gets a class for the orientation test's class mode. The cancellation
    token and the class's private link go into the confirmation e-mail only, once the
    registration is committed. Unknown event: 404; window not open: 409; level or size refused: 400.
    """
    evenement = evenement_ouvert(slug)
    _check_classe(evenement, classe)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        confirmed = _take_seats(evenement.pk, classe.nombre_eleves)
        if not confirmed:
            _lock(evenement.pk)
            # A cancellation may have freed seats (and promoted who it could) meanwhile.
            confirmed = _take_seats(evenement.pk, classe.nombre_eleves)
        last = Inscription.objects.filter(evenement=evenement).aggregate(last=Max("position"))
        inscription = Inscription.objects.create(
            evenement=evenement,
            enseignant_nom=classe.enseignant_nom,
            enseignant_email=classe.enseignant_email,
            etablissement=classe.etablissement,
            niveau=classe.niveau,
            nombre_eleves=classe.nombre_eleves,
            statut=Statut.CONFIRMEE if confirmed else Statut.LISTE_ATTENTE,
            position=(last["last"] or 0) + 1,
            token_hash=_hash(token),
        )
        # The class mode of the orientation test, ready for the workshop.
        classe_test, _, classe_token = mode_classe.open_classe(
            classe.enseignant_email,
            f"{classe.etablissement} — {evenement.titre}"[: mode_classe.LIBELLE_MAX],
            inscription_id=inscription.pk,
        )
        instructions = mode_classe.instructions(classe_test, classe_token)
        transaction.on_commit(
            lambda: emails.send_confirmation(inscription, token, rang(inscription), instructions),
            robust=True,
        )
    return inscription


def rang(inscription):
    """The place of a waiting class on the list (1 is next), or None once it is not waiting."""
    if inscription.statut != Statut.LISTE_ATTENTE:
        return None
    ahead = Inscription.objects.filter(
        evenement_id=inscription.evenement_id,
        statut=Statut.LISTE_ATTENTE,
        position__lt=inscription.position,
    ).count()
    return ahead + 1


def places_restantes(inscription):
    capacite, prises = Evenement.objects.values_list("capacite", "places_prises").get(
        pk=inscription.evenement_id
    )
    return max(capacite - prises, 0)


def _find(token):
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        raise InscriptionNotFound()
    inscription = Inscription.objects.filter(token_hash=_hash(token)).first()
    if inscription is None:
        raise InscriptionNotFound()
    return inscription


def promouvoir(evenement_id):
    """Confirm waiting classes in their order of arrival, each one that fits the free seats;
    returns them. Call it inside a transaction that holds the event's lock."""
    capacite, prises = Evenement.objects.values_list("capacite", "places_prises").get(
        pk=evenement_id
    )
    libres = capacite - prises
    promoted = []
    waiting = Inscription.objects.filter(
        evenement_id=evenement_id, statut=Statut.LISTE_ATTENTE
    ).order_by("position")
    for inscription in waiting:
        if libres <= 0:
            break
        if inscription.nombre_eleves <= libres and _take_seats(
            evenement_id, inscription.nombre_eleves
        ):
            libres -= inscription.nombre_eleves
            inscription.statut = Statut.CONFIRMEE
            inscription.save(update_fields=["statut", "updated_at"])
            promoted.append(inscription)
    for inscription in promoted:
        transaction.on_commit(lambda i=inscription: emails.send_promotion(i), robust=True)
    return promoted


def annuler(token):
    """Cancel the registration behind a cancellation token; returns (inscription, promoted).

    Freed seats go at once to the waiting classes that fit, who are told by e-mail. Unknown
    token: 404; already cancelled: 410; the event has started: 409.
    """
    found = _find(token)
    with transaction.atomic():
        _lock(found.evenement_id)
        inscription = (
            Inscription.objects.select_for_update().select_related("evenement").get(pk=found.pk)
        )
        if inscription.statut == Statut.ANNULEE:
            raise DejaAnnulee()
        if timezone.now() >= inscription.evenement.debut:
            raise EvenementCommence()
        freed = inscription.statut == Statut.CONFIRMEE
        inscription.statut = Statut.ANNULEE
        inscription.save(update_fields=["statut", "updated_at"])
        promoted = []
        if freed:
            Evenement.objects.filter(pk=inscription.evenement_id).update(
                places_prises=F("places_prises") - inscription.nombre_eleves
            )
            promoted = promouvoir(inscription.evenement_id)
    return inscription, promoted
