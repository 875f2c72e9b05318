"""The intents whose answer is computed from the fiches, one function each, in an explicit table.

Editors write the other intents' answers in the admin. The slugs below are built in: an intent
with one of them cannot be renamed (`Intent.clean`), since its answer is computed here. The
questions fréquentes that have a computed answer for one métier are listed in `FAQ_FOR_METIER`.
"""

from dataclasses import dataclass

from cms.formations.models import Bac, Specialite

from . import answers
from .answers import Reply
from .language import QUESTION_WORDS


@dataclass(frozen=True)
class Ask:
    """What an answer may use: the message, its main entity, the métier, the place, the level."""

    normalized: str = ""
    entity: object = None
    metier: str = ""  # named in the message, or the one the conversation is about
    named: bool = True  # False when `metier` only comes from earlier in the conversation
    place: tuple | None = None
    level: str = ""

    def subject(self):
        """The message without its question words: what the question is about."""
        return " ".join(w for w in self.normalized.split() if w not in QUESTION_WORDS)


def c_est_quoi(ask):
    page = answers.metier(ask.metier)
    # "c'est quoi ce métier ?" is about the métier of the conversation; "c'est quoi un BTS ?"
    # is not.
    if page and (ask.named or not ask.subject()):
        return answers.overview(page)
    entity = ask.entity
    if entity is not None and entity.kind == "formation":
        return answers.formation_overview(entity.value)
    if entity is not None and entity.kind in ("specialite", "bac"):
        return answers.described(Specialite if entity.kind == "specialite" else Bac, entity.value)
    terme = answers.glossary_term(ask.normalized)
    return answers.definition(terme) if terme else None


def salaire(ask):
    page = answers.metier(ask.metier)
    return answers.salary(page) if page else None


def etudes(ask):
    page = answers.metier(ask.metier)
    if page:
        return answers.studies(page, ask.place, ask.level)
    return answers.formations_near(ask.place) if ask.place else None


def bac_specialite(ask):
    page = answers.metier(ask.metier)
    return answers.bacs(page) if page else None


HANDLERS = {
    "c_est_quoi": c_est_quoi,
    "salaire": salaire,
    "etudes": etudes,
    "bac_specialite": bac_specialite,
}
# Intents about one métier: without one, Charly asks which.
METIER_INTENTS = frozenset(HANDLERS)
# Intents whose slug the dialogue relies on (greeting menu, calm answer, level, flow).
BUILT_IN = METIER_INTENTS | {"bonjour", "insulte", "niveau_scolaire", "ne_sait_pas"}


def alternance_for_metier(page, question):
    return answers.alternance(page)


def women_for_metier(page, question):
    text = answers.women(page)
    if text is None:
        return None
    return Reply(text, cards=[answers.page_card(page, "metier"), *answers.faq_cards(question)])


# Questions fréquentes answered for the métier named in the same message, when there is one.
FAQ_FOR_METIER = {
    "alternance": alternance_for_metier,
    "femmes-numerique": women_for_metier,
}


def faq(question, ask):
    """A question fréquente's answer, computed for the named métier when that makes sense."""
    for_metier = FAQ_FOR_METIER.get(question.slug)
    page = answers.metier(ask.metier) if for_metier and ask.named else None
    reply = for_metier(page, question) if page else None
    return reply or answers.faq_reply(question)
