"""The orientation room's public entry points: the test, its results and the students' parcours.

The API and Charly call these functions and turn the exceptions below into responses; the rules
(what is valid, what is stored, what a token opens) live here, not in views.
"""

import calendar
import hashlib
import re
import secrets
import uuid
from datetime import timedelta

from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from cms.formations.models import Etablissement, FormationPage
from cms.metiers.models import MetierPage

from . import scoring
from .models import (
    Audience,
    ItemKind,
    Level,
    Parcours,
    ParcoursItem,
    TestResult,
    TestVersion,
    questions_for,
)


class OrientationError(Exception):
    """A request the room refuses; `code`, `message` and `fields` make the API's error body."""

    code = "error"
    default_message = ""

    def __init__(self, message=None, fields=None):
        self.message = message or self.default_message
        self.fields = fields or {}
        super().__init__(self.message)


class InvalidRequest(OrientationError):
    """Bad input (HTTP 400): `fields` says what is wrong with each field, in French."""

    code = "invalid"
    default_message = "La demande n'est pas valide."


class TestUnavailable(OrientationError):
    """No published version of the test (HTTP 503): editors have retired them all."""

    code = "unavailable"
    default_message = "Le test d'orientation n'est pas disponible pour le moment."


class ParcoursNotFound(OrientationError):
    """Unknown token (HTTP 404), whether it never existed, was deleted or purged."""

    code = "not_found"
    default_message = "Ce parcours n'existe pas ou a été supprimé."


class ParcoursReadOnly(OrientationError):
    """A share token used to change a parcours (HTTP 403)."""

    code = "read_only"
    default_message = "Ce lien de partage permet seulement de consulter le parcours."


# --- The test -----------------------------------------------------------------------------------

# Post-bac students get the questions written for lycéens, the closest in maturity.
AUDIENCE_BY_LEVEL = {
    Level.COLLEGE: Audience.COLLEGE,
    Level.LYCEE: Audience.LYCEE,
    Level.ETUDIANT: Audience.LYCEE,
}
# Formations a lycéen starts right after the bac; the bac+3 and bac+5 diplomas for étudiants.
FORMATION_LEVELS = {Level.LYCEE: range(1, 4), Level.ETUDIANT: range(3, 6)}
FORMATIONS_LIMIT = 8
BACS_LIMIT = 5
SPECIALITES_LIMIT = 6
DIGITS = re.compile(r"\d{1,18}")
REF = re.compile(r"[-a-zA-Z0-9_]{1,120}")


def current_test(audience=None):
    """The questions of the published test, for one audience (`college`, `lycee`) or all."""
    if audience is not None and audience not in (Audience.COLLEGE, Audience.LYCEE):
        raise InvalidRequest(
            fields={"audience": ["Choisis « college » ou « lycee », ou aucun public."]}
        )
    version = TestVersion.objects.current()
    if version is None:
        raise TestUnavailable()
    return {
        "version": version.pk,
        "questions": [
            {
                "id": question["id"],
                "text": question["text"],
                "dimension": question["dimension"],
                "choices": scoring.scale_choices(),
            }
            for question in questions_for(version.questions, audience)
        ],
    }


def rank_live_metiers(scores, pages=None):
    """Every published métier ranked against a RIASEC profile (the test's and Charly's)."""
    pages = MetierPage.objects.live() if pages is None else pages
    return scoring.rank_metiers(
        scores, [scoring.MetierProfile(p.slug, p.title, p.riasec_profile) for p in pages]
    )


def compute_results(answers, level=None, version=None):
    """Score the answers, recommend métiers and next steps, and record an anonymous result.

    `answers` maps question ids (int or digit strings) to values 0–4; a sequence of
    (id, value) pairs is accepted too, so that duplicate ids in a request can be reported.
    `level` is `college`, `lycee` or `etudiant`; it chooses the next steps and the questions
    that must be answered (those `current_test` shows for that level's audience). `version` is
    the id of the version the student answered, the current one when omitted. Nothing is stored
    unless the whole request is valid.
    """
    errors, values = {}, {}
    if level is not None and level not in Level.values:
        errors["level"] = ["Choisis « college », « lycee » ou « etudiant »."]
    test_version = _version_for_results(version, errors)
    if test_version is not None:
        audience = None if "level" in errors else AUDIENCE_BY_LEVEL.get(level)
        values = _parse_answers(answers, test_version, audience, errors)
    if errors:
        raise InvalidRequest("Certaines réponses ne sont pas valides.", errors)

    dimensions = {question["id"]: question["dimension"] for question in test_version.questions}
    scores = scoring.profile(values, dimensions)
    code = scoring.code(scores)
    pages = {page.slug: page for page in MetierPage.objects.live()}
    matches = scoring.shortlist(rank_live_metiers(scores, pages.values()))
    chosen = [pages[match.slug] for match in matches]
    result = TestResult.objects.create(
        version=test_version,
        answers={str(question_id): value for question_id, value in values.items()},
        profile=scores,
        code=code,
        metiers=[match.slug for match in matches],
        level=level or "",
    )
    return {
        "id": str(result.public_id),
        "version": test_version.pk,
        "profile": scores,
        "code": code,
        "metiers": [
            {
                "slug": match.slug,
                "title": match.title,
                "url": page.url,
                "score": match.score,
                "raisons": match.raisons,
            }
            for match, page in zip(matches, chosen, strict=True)
        ],
        **_next_steps(level, matches, chosen),
    }


def _version_for_results(version, errors):
    if version is None:
        current = TestVersion.objects.current()
        if current is None:
            raise TestUnavailable()
        return current
    found = None
    if _is_int(version):
        found = TestVersion.objects.filter(pk=version).first()
    elif isinstance(version, str) and DIGITS.fullmatch(version):
        found = TestVersion.objects.filter(pk=int(version)).first()
    if found is None:
        errors["version"] = ["Cette version du test n'existe pas."]
    elif found.status == TestVersion.Status.DRAFT:
        errors["version"] = ["Cette version du test n'est pas encore publiée."]
    elif found.status == TestVersion.Status.RETIRED:
        errors["version"] = [
            "Cette version du test n'est plus utilisée : recharge le test pour répondre "
            "à la nouvelle version."
        ]
    else:
        return found
    return None


def _parse_answers(answers, version, audience, errors):
    """The valid answers by question id; every problem is added to `errors`, per field."""
    if isinstance(answers, dict):
        pairs = list(answers.items())
    elif isinstance(answers, list | tuple) and all(
        isinstance(pair, list | tuple) and len(pair) == 2 for pair in answers
    ):
        pairs = list(answers)
    else:
        errors["answers"] = ["Les réponses doivent être un objet {question : valeur}."]
        return {}
    known = {question["id"] for question in version.questions}
    values = {}
    for key, value in pairs:
        question_id = _question_id(key)
        field = f"answers.{str(key)[:40]}"
        if question_id is None:
            errors[field] = ["Identifiant de question invalide."]
        elif question_id not in known:
            errors[field] = ["Cette question ne fait pas partie de cette version du test."]
        elif question_id in values:
            errors[field] = ["Cette question a reçu plusieurs réponses."]
        elif not _is_int(value) or value not in scoring.VALUES:
            errors[field] = ["Choisis une réponse de 0 (Pas du tout) à 4 (J'adore)."]
        else:
            values[question_id] = value
    required = [question["id"] for question in questions_for(version.questions, audience)]
    needed = -(-2 * len(required) // 3)
    missing = needed - sum(1 for question_id in required if question_id in values)
    if missing > 0:
        plural = "s" if missing > 1 else ""
        errors.setdefault("answers", []).append(
            f"Il manque {missing} réponse{plural} : réponds à au moins {needed} questions "
            f"sur {len(required)}."
        )
    return values


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _question_id(key):
    if _is_int(key):
        return key
    if isinstance(key, str) and DIGITS.fullmatch(key):
        return int(key)
    return None


def _next_steps(level, matches, pages):
    """What to study next, from the related content of the recommended métiers.

    Collège: bacs and spécialités; lycée and étudiant: formations of their levels; no level:
    all of them. Items linked to several recommended métiers, and to the best ones, come first.
    """
    steps = {"formations": [], "bacs": [], "specialites": []}
    scores = {page.pk: match.score for match, page in zip(matches, pages, strict=True)}
    if level in (None, Level.COLLEGE):
        prefetch_related_objects(pages, "bacs", "specialites")
        steps["bacs"] = [
            {"slug": bac.slug, "title": bac.nom, "url": None}
            for bac in _by_weight(pages, "bacs", scores)[:BACS_LIMIT]
        ]
        steps["specialites"] = [
            {
                "slug": specialite.slug,
                "title": f"{specialite.nom} ({specialite.sigle})"
                if specialite.sigle
                else specialite.nom,
                "url": None,
            }
            for specialite in _by_weight(pages, "specialites", scores)[:SPECIALITES_LIMIT]
        ]
    if level != Level.COLLEGE:
        formations = FormationPage.objects.live()
        if level in FORMATION_LEVELS:
            formations = formations.filter(niveau_sortie__in=FORMATION_LEVELS[level])
        prefetch_related_objects(pages, Prefetch("formations", queryset=formations))
        steps["formations"] = [
            {
                "slug": formation.slug,
                "title": formation.title,
                "url": formation.url,
                "niveau": formation.get_niveau_sortie_display(),
            }
            for formation in _by_weight(pages, "formations", scores)[:FORMATIONS_LIMIT]
        ]
    return steps


def _by_weight(metiers, relation, scores):
    """The related objects, by the summed scores of the métiers they are linked to."""
    weights, objects = {}, {}
    for metier in metiers:
        for obj in getattr(metier, relation).all():
            weights[obj.pk] = weights.get(obj.pk, 0) + scores[metier.pk]
            objects[obj.pk] = obj
    return [objects[pk] for pk in sorted(weights, key=lambda pk: (-weights[pk], pk))]


# --- The parcours -------------------------------------------------------------------------------

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
    errors = _item_errors(kind, ref) or _addition_errors(parcours, kind, ref)
    if errors:
        raise InvalidRequest(fields=errors)
    with transaction.atomic():
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


def purge_inactive(months=12):
    """Delete the parcours untouched for `months` months; returns how many were deleted."""
    cutoff = _months_before(timezone.now(), months)
    _, deleted = Parcours.objects.filter(updated_at__lt=cutoff).delete()
    return deleted.get(Parcours._meta.label, 0)


def purge_results(months=24):
    """Delete anonymous test results older than `months` months: answers are not kept forever."""
    cutoff = _months_before(timezone.now(), months).date()
    deleted, _ = TestResult.objects.filter(created_on__lt=cutoff).delete()
    return deleted


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


def _months_before(moment, months):
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


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
