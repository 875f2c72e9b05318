"""Scoring of the orientation test: pure functions on plain data, no database.

Answers are on a 5-point scale. A dimension's score is the share of the maximum the student
could give to the questions of that dimension they answered, from 0 to 100. The three strongest
dimensions make the Holland code; ties are broken by the conventional R-I-A-S-E-C order (so
R=I=80 gives "RI…"), which keeps the code stable for the same answers.

Métiers are matched on the shape of the profiles with Pearson's correlation, the measure used to
compare interest profiles: it looks at which interests stand out, not at how enthusiastic the
student is overall, so a student who likes everything a bit but I most matches the same métiers
as one who adores I. The correlation in [-1, 1] becomes a score from 0 to 100 (0 opposite shapes,
50 unrelated, 100 the same shape).

Correlation is undefined when a profile is flat (all six values equal, e.g. "Je ne sais pas"
everywhere): the answers then say nothing about which métier fits better, so every score is the
neutral 50, and the métiers are ordered by the cosine of the raw profiles instead (a student
with even interests is closest to the most versatile métiers). Remaining ties go by slug.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass

from cms.metiers.riasec import DIMENSIONS, holland_code
from cms.metiers.wording import de

SCALE = (
    (4, "J'adore"),
    (3, "J'aime bien"),
    (2, "Je ne sais pas"),
    (1, "Bof"),
    (0, "Pas du tout"),
)
MAX_VALUE = max(value for value, _ in SCALE)
VALUES = frozenset(value for value, _ in SCALE)

# A student's dimension is "strong" when it is in their code, above the neutral middle of the
# scale and above their own average; a métier's when it is in its code and at least this high.
MIDDLE_OF_SCALE = 50
METIER_STRONG_SCORE = 50
UNRELATED_SCORE = 50  # a correlation of 0, or none at all

SHORTLIST_MIN = 5
SHORTLIST_MAX = 10
GOOD_MATCH_SCORE = 70  # a correlation of 0.4 or more

# Per dimension: what the student likes, the métier's core ("c'est le cœur du métier"), the
# métier's other strong side, and a taste to discover when nothing is shared.
REASONS = {
    "R": {
        "core": "Tu aimes bricoler, réparer et manipuler du vrai matériel : "
        "c'est le cœur du métier {de}.",
        "part": "Tu aimes fabriquer et réparer des choses : dans le métier {de}, "
        "on met aussi les mains dans le matériel.",
        "discover": "le concret, les machines et le matériel",
    },
    "I": {
        "core": "Tu aimes comprendre comment les choses marchent et résoudre des énigmes : "
        "c'est le cœur du métier {de}.",
        "part": "Tu aimes comprendre comment les choses marchent : dans le métier {de}, "
        "on cherche souvent la solution à des problèmes.",
        "discover": "la recherche, la logique et les énigmes",
    },
    "A": {
        "core": "Tu aimes imaginer et créer des choses qui n'existent pas encore : "
        "c'est le cœur du métier {de}.",
        "part": "Tu as des idées et tu aimes créer : dans le métier {de}, "
        "ta créativité sera précieuse.",
        "discover": "la création et les idées nouvelles",
    },
    "S": {
        "core": "Tu aimes aider, expliquer et travailler avec les autres : "
        "c'est le cœur du métier {de}.",
        "part": "Tu aimes aider et échanger avec les autres : dans le métier {de}, "
        "on travaille beaucoup en équipe et on explique son travail.",
        "discover": "l'entraide et le contact avec les autres",
    },
    "E": {
        "core": "Tu aimes convaincre, organiser et mener des projets : "
        "c'est le cœur du métier {de}.",
        "part": "Tu aimes prendre des initiatives et entraîner les autres : dans le métier {de}, "
        "on a souvent des décisions à prendre.",
        "discover": "les projets, les décisions et l'art de convaincre",
    },
    "C": {
        "core": "Tu aimes le travail précis, bien rangé et sans erreur : "
        "c'est le cœur du métier {de}.",
        "part": "Tu aimes que tout soit bien organisé : dans le métier {de}, "
        "cette rigueur compte beaucoup.",
        "discover": "l'organisation et la précision",
    },
}
DISCOVER = (
    "Le métier {de} fait surtout appel au goût pour {taste} : "
    "c'est peut-être un côté de toi à découvrir !"
)


@dataclass(frozen=True)
class MetierProfile:
    slug: str
    title: str
    profile: Mapping[str, int]


@dataclass(frozen=True)
class Match:
    slug: str
    title: str
    score: int
    similarity: float
    raisons: list[str]


def scale_choices():
    """The answer choices as the test shows them, from the most liked."""
    return [{"value": value, "label": label} for value, label in SCALE]


def profile(answers, dimensions):
    """Score each dimension from 0 to 100, rounded half up.

    `answers` maps question ids to values of the scale and must be validated already;
    `dimensions` maps question ids to their RIASEC letter. A dimension without any answered
    question scores 0.
    """
    totals = dict.fromkeys(DIMENSIONS, 0)
    counts = dict.fromkeys(DIMENSIONS, 0)
    for question_id, value in answers.items():
        letter = dimensions[question_id]
        totals[letter] += value
        counts[letter] += 1
    # 100 * total / (MAX_VALUE * count), rounded half up with integers only.
    return {
        letter: (200 * totals[letter] + MAX_VALUE * counts[letter])
        // (2 * MAX_VALUE * counts[letter])
        if counts[letter]
        else 0
        for letter in DIMENSIONS
    }


def code(scores):
    """The 3-letter Holland code, ties broken in R-I-A-S-E-C order."""
    return holland_code(scores)


def correlation(student, metier):
    """Pearson's correlation of two profiles; None when one is flat and it is undefined."""
    x = [student[letter] for letter in DIMENSIONS]
    y = [metier[letter] for letter in DIMENSIONS]
    if len(set(x)) == 1 or len(set(y)) == 1:
        return None
    mean_x, mean_y = sum(x) / len(x), sum(y) / len(y)
    return _cosine([v - mean_x for v in x], [v - mean_y for v in y])


def cosine(student, metier):
    """The cosine of two profiles, 0 when one is zero."""
    return _cosine(
        [student[letter] for letter in DIMENSIONS], [metier[letter] for letter in DIMENSIONS]
    )


def _cosine(x, y):
    norms = math.sqrt(sum(v * v for v in x) * sum(v * v for v in y))
    dot = sum(a * b for a, b in zip(x, y, strict=True))
    return max(-1.0, min(1.0, dot / norms)) if norms else 0.0


def score(correlation_value):
    """Map a correlation in [-1, 1] to a score from 0 to 100; no correlation is 50."""
    if correlation_value is None:
        return UNRELATED_SCORE
    return math.floor(50 * (1 + correlation_value) + 0.5)


def strong_dimensions(scores):
    """The student's dimensions that stand out, strongest first."""
    average = sum(scores.values()) / len(DIMENSIONS)
    return [
        letter
        for letter in code(scores)
        if scores[letter] > MIDDLE_OF_SCALE and scores[letter] > average
    ]


def raisons(scores, metier):
    """One sentence per strong dimension the student shares with the métier; never empty."""
    metier_code = code(metier.profile)
    metier_strong = [x for x in metier_code if metier.profile[x] >= METIER_STRONG_SCORE]
    shared = [letter for letter in strong_dimensions(scores) if letter in metier_strong]
    if not shared:
        taste = REASONS[metier_code[0]]["discover"]
        return [DISCOVER.format(de=de(metier.title), taste=taste)]
    return [
        REASONS[letter]["core" if letter == metier_code[0] else "part"].format(de=de(metier.title))
        for letter in shared
    ]


def rank_metiers(scores, metiers):
    """Every métier, best match first.

    Equal scores are ordered by the similarity (the correlation, or the cosine when the
    correlation is undefined), then by slug, so the same answers always give the same list.
    """
    matches = []
    for metier in metiers:
        value = correlation(scores, metier.profile)
        similarity = cosine(scores, metier.profile) if value is None else value
        matches.append(
            Match(metier.slug, metier.title, score(value), similarity, raisons(scores, metier))
        )
    return sorted(matches, key=lambda m: (-m.score, -m.similarity, m.slug))


def shortlist(matches):
    """The métiers to show: the best five, then up to ten while the match stays good."""
    return [
        match
        for position, match in enumerate(matches[:SHORTLIST_MAX])
        if position < SHORTLIST_MIN or match.score >= GOOD_MATCH_SCORE
    ]
