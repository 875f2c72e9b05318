"""The orientation test's public entry points: the questions, the results, and their purge.

The API calls these functions; the rules (what is valid, what is stored) live here, not in
views. Refusals are `cms.errors` exceptions that the API turns into its error body.
"""

import re

from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects

from cms import errors
from cms.formations.models import FormationPage
from cms.metiers.models import MetierPage

from . import classes, scoring
from .models import (
    Audience,
    Level,
    TestResult,
    TestVersion,
    questions_for,
)

InvalidRequest = errors.InvalidRequest


class TestUnavailable(errors.Unavailable):
    """No published version of the test (HTTP 503)."""

    default_message = "Le test d'orientation n'est pas disponible pour le moment."


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


def compute_results(answers, level=None, version=None, code_classe=None):
    """Score the answers, recommend métiers and next steps, and record an anonymous result.

    `answers` maps question ids (int or digit strings) to values 0–4; a sequence of
    (id, value) pairs is accepted too, so that duplicate ids in a request can be reported.
    `level` is `college`, `lycee` or `etudiant`; it chooses the next steps and the questions
    that must be answered (those `current_test` shows for that level's audience). `version` is
    the id of the version the student answered, the current one when omitted. `code_classe`,
    a class's code (any case), adds the profile and the métiers to that class, anonymously.
    Nothing is stored unless the whole request is valid.
    """
    errors, values, classe = {}, {}, None
    if level is not None and level not in Level.values:
        errors["level"] = ["Choisis « college », « lycee » ou « etudiant »."]
    if code_classe is not None:
        try:
            classe = classes.classe_for_code(code_classe)
        except InvalidRequest as error:
            errors.update(error.fields)
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
    slugs = [match.slug for match in matches]
    with transaction.atomic():
        result = TestResult.objects.create(
            version=test_version,
            answers={str(question_id): value for question_id, value in values.items()},
            profile=scores,
            code=code,
            metiers=slugs,
            level=level or "",
        )
        if classe is not None:
            classes.add_result(classe, scores, slugs)
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
        **({"classe": classe.libelle} if classe is not None else {}),
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
