"""Grounding in the search: when no intent is confident, or the student describes an interest,
Charly asks `search.service` the same question and answers with what the site really holds.

"j'adore dessiner des persos", "je suis à fond dans les drones", "un taf où on aide les gens":
the words that describe the wish ("j'adore", "un taf où") are dropped, the rest is searched among
the métiers first, then the questions fréquentes and the formations. A hit counts only when the
search scores it as credible (`search.service.is_credible`, calibrated per backend on the judged
relevance set); otherwise Charly says it is not sure rather than invent.
"""

import re
from dataclasses import dataclass

from search.service import is_credible, search

from .language import QUESTION_WORDS

MAX_CARDS = 3
# What a student writes to describe a wish rather than ask a question.
INTEREST = re.compile(
    r"\b(?:j (?:adore|aime|kiffe|kif)|je (?:kiffe|kif|adore|aime|m interesse|me passionne|"
    r"voudrais|veux|reve|revais|aimerais|prefere)|je suis (?:a fond|fan|passionne\w*|fou|folle|"
    r"dingue|trop|grave|bon|bonne|forte?|doue\w*)|(?:un|une|le|des) (?:travail|metier|job|"
    r"boulot|truc|domaine|formation) (?:ou|dans|qui|pour|avec)|qui s occupe|qui (?:fait|font|"
    r"cree|creent|code|codent|fabrique|fabriquent|repare|reparent|dessine|dessinent)|"
    r"(?:ma|c est ma) passion|ce qui me plait|me plait|m interesse|bosser (?:dans|sur|avec)|"
    r"travailler (?:dans|sur|avec)|plus tard je|moi c est|j ai envie de|passionne\w* (?:de|par)|"
    r"(?:mon|ma) (?:truc|kif|dada)|je passe (?:ma vie|mes journees|mon temps)|fan de)"
)
# Words that carry the wish, not its object: never searched.
WISH_WORDS = frozenset(
    [
        "adore",
        "aime",
        "aimerais",
        "kiffe",
        "kif",
        "kiff",
        "voudrais",
        "veux",
        "reve",
        "revais",
        "prefere",
        "interesse",
        "interesses",
        "passionne",
        "passionnee",
        "passion",
        "fan",
        "fond",
        "fou",
        "folle",
        "dingue",
        "grave",
        "trop",
        "tellement",
        "vraiment",
        "bcp",
        "beaucoup",
        "bosser",
        "travailler",
        "travail",
        "taf",
        "metier",
        "metiers",
        "job",
        "boulot",
        "domaine",
        "truc",
        "trucs",
        "genre",
        "plus",
        "tard",
        "envie",
        "faire",
        "fais",
        "fait",
        "idee",
        "sais",
        "savoir",
        "pense",
        "crois",
        "suis",
        "etre",
        "ai",
        "avoir",
        "serait",
        "quelque",
        "chose",
        "chose",
        "choses",
        "gens",
        "plein",
        "tout",
        "tous",
        "toute",
        "toutes",
        "ca",
        "cela",
        "ceci",
        "cest",
        "passe",
        "vie",
        "journees",
        "temps",
        "mon",
        "ma",
        "mes",
        "moi",
        "perso",
        "bien",
        "super",
        "kiffer",
        "dans",
        "sur",
        "avec",
        "pour",
        "quoi",
        "quel",
        "quelle",
        "quels",
        "quelles",
        "existe",
        "existent",
        "possible",
        "peut",
        "peux",
        "pourrait",
        "oui",
        "non",
        "bon",
        "bonne",
        "forte",
        "fort",
        "doue",
        "douee",
        "dada",
        "occupe",
        "occupent",
        "plait",
    ]
)


@dataclass(frozen=True)
class Grounded:
    """A search hit Charly can show, with the words that connect it to the message."""

    type: str
    slug: str
    title: str
    url: str
    why: tuple

    def card(self):
        return {"type": self.type, "slug": self.slug, "title": self.title, "url": self.url}


QUESTION = re.compile(
    r"\b(?:quoi|comment|combien|pourquoi|quel|quelle|quels|quelles|quand|est ce qu|"
    r"qu est ce|kesako|c est quoi|ou (?:est|sont|trouver|faire)|existe|peut on|on peut|"
    r"je peux|faut il|il faut)\b"
)


def describes_interest(normalized, text=""):
    """The student says what they like or do, rather than asking a question."""
    if INTEREST.search(normalized):
        return True
    return "?" not in text and not QUESTION.search(normalized) and len(normalized.split()) > 3


def query_of(normalized):
    """The words worth searching: the message without question and wish words."""
    words = [w for w in normalized.split() if w not in QUESTION_WORDS and w not in WISH_WORDS]
    return " ".join(words)


def ground(normalized, types, limit=MAX_CARDS):
    """The credible hits of one kind of content for this message, best first."""
    query = query_of(normalized)
    if not query:
        return []
    results = search(query, types=types, limit=limit, log=False)
    return [
        Grounded(hit.type, hit.slug, hit.title, hit.url, hit.matched)
        for hit in results.results
        if is_credible(hit)
    ]


def why(grounded):
    """One sentence that says why a métier was chosen, in the student's own words."""
    if not grounded.why:
        return f"{grounded.title} : ça correspond à ce que tu décris."
    quoted = ", ".join(f"« {word} »" for word in grounded.why[:3])
    return f"{grounded.title} : tu parles de {quoted}, et c'est au cœur de ce métier."
