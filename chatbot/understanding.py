"""Reading one message, in one straight pass: normalise once → safety → entities → intent.

Each step takes the previous step's result and nothing is read twice. When a concern comes out
of the safety step, nothing else is read: the student gets care, not a guess. The last step of
understanding, grounding in the search, needs the dialogue's state and lives in `grounding`.
"""

from dataclasses import dataclass

from . import intents, safety
from .entities import extract, primary
from .language import normalize

# Entities replaced by a placeholder before classification: "combien gagne un pentester" and
# "combien gagne une data analyst" are the same question, whatever the métier. Formations keep
# their names: "c'est quoi le BTS SIO" and "c'est quoi le BUT" are two questions fréquentes.
PLACEHOLDERS = {"metier": "xmetier", "ville": "xville"}

LEVEL_WORDS = {
    "college": {"college", "collegien", "collegienne", "3e", "4e", "5e", "6e"},
    "lycee": {
        "lycee",
        "lyceen",
        "lyceenne",
        "seconde",
        "2nde",
        "premiere",
        "1ere",
        "terminale",
        "tle",
        "term",
    },
    "etudiant": {"etudiant", "etudiante", "fac", "universite", "bts", "but", "licence", "master"},
    "reconversion": {"reconversion", "adulte", "travaille", "chomage", "reconvertir"},
}


@dataclass(frozen=True)
class Reading:
    """What Charly made of one (already masked) message."""

    text: str
    normalized: str
    concern: safety.Concern | None = None
    entities: tuple = ()
    prediction: intents.Prediction | None = None

    @property
    def intent(self):
        return self.prediction.intent if self.prediction else None

    @property
    def confidence(self):
        return self.prediction.confidence if self.prediction else None

    @property
    def entity(self):
        return primary(self.entities)

    @property
    def asks(self):
        """The student asks a question (rather than answering one)."""
        return "?" in self.text


def template(normalized, entities=None):
    """The message with the names of métiers, formations and cities replaced by placeholders."""
    words = normalized.split()
    for entity in sorted(
        entities if entities is not None else extract(normalized), key=lambda e: -e.start
    ):
        placeholder = PLACEHOLDERS.get(entity.kind)
        if placeholder:
            words[entity.start : entity.end] = [placeholder]
    return " ".join(words)


def read(text):
    """Normalise, check safety, find the entities, then the intent."""
    normalized = normalize(text)
    concern = safety.assess(normalized)
    if concern is not None:
        return Reading(text, normalized, concern)
    entities = tuple(extract(normalized))
    model = intents.model() if normalized else None
    prediction = model.predict(template(normalized, entities)) if model else None
    return Reading(text, normalized, None, entities, prediction)


def detect_level(normalized):
    words = set(normalized.split())
    for level, markers in LEVEL_WORDS.items():
        if words & markers:
            return level
    return None
