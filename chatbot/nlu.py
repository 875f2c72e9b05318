"""Understanding one message: its normalized form, its entities and its intent."""

from dataclasses import dataclass

from . import classifier
from .entities import extract, primary
from .language import normalize

# Entities replaced by a placeholder before classification: "combien gagne un pentester" and
# "combien gagne une data analyst" are the same question, whatever the métier.
PLACEHOLDERS = {"metier": "xmetier", "formation": "xformation", "ville": "xville"}

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
class Understanding:
    normalized: str
    entities: list
    prediction: classifier.Prediction | None

    @property
    def intent(self):
        return self.prediction.intent if self.prediction else None

    @property
    def confidence(self):
        return self.prediction.confidence if self.prediction else 0.0

    @property
    def entity(self):
        return primary(self.entities)


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


def understand(text):
    normalized = normalize(text)
    entities = extract(normalized)
    model = classifier.model()
    prediction = model.predict(template(normalized, entities)) if model and normalized else None
    return Understanding(normalized, entities, prediction)


def detect_level(normalized):
    words = set(normalized.split())
    for level, markers in LEVEL_WORDS.items():
        if words & markers:
            return level
    return None
