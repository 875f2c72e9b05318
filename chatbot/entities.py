"""What a message talks about: métiers, formations, bacs, spécialités, cities and régions.

The vocabulary is read from the CMS (titles, fiche synonyms, sigles, establishments' cities) and
matched in the search's own terms (`search.service.term_spans`: stop words dropped, light
stemming, the search's synonyms), so that one vocabulary serves both: "ingé IA", "ingénieure en
intelligence artificielle" and "ingénieur IA" are the same name to the search and to Charly, and
an editor who adds a synonym teaches both at once. It is built once per process and rebuilt when
content changes (a version in the shared cache, bumped by signals).
"""

import hashlib
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from cms.formations.choices import Region
from cms.formations.models import Bac, Etablissement, FormationPage, Specialite
from cms.metiers.models import MetierPage
from search.service import (
    STOP_WORDS,
    edit_distance,
    light_stem,
    synonym_rules,
    term_spans,
)

from . import training
from .language import normalize, typo_budget

KINDS = ("metier", "formation", "specialite", "bac", "ville", "region")
MAX_ALIAS_TOKENS = 8
MAX_FUZZY_TOKENS = 3
MIN_FUZZY_WORD = 7

# Words that never make an entity on their own, nor start or end a fuzzy match: the search's
# French stop words, and the everyday words of questions about studies and jobs.
COMMON_WORDS = STOP_WORDS | frozenset(
    [
        "ca", "etre", "ni", "si", "oui", "non", "ok", "quoi", "comment", "combien", "pourquoi",
        "quand", "faire", "fait", "fais", "devenir", "developper", "devient", "etudes",
        "etudier", "ecole", "formation", "formations", "metier", "metiers", "salaire", "gagne",
        "gagner", "gagnent", "veux", "voudrais", "peux", "peut", "aime", "aimerais", "travail",
        "travailler", "bien", "trop", "tout", "tres", "plus", "moins", "bon", "bonne", "apres",
        "avant", "rire", "merci", "salut", "bonjour", "coucou", "bac", "lycee", "college",
        "stage", "chercher", "cherche", "sais",
    ]
)  # fmt: skip
COMMON_TERMS = frozenset(light_stem(word) for word in COMMON_WORDS)
# Synonyms written for the search that, in a conversation, are mostly everyday words.
EVERYDAY_WORDS = frozenset(
    light_stem(word) for word in ("recherche", "support", "conseil", "recette", "these", "appli")
)
# Kinds of diplomas, not one formation: "c'est quoi un BTS" is answered by the search.
GENERIC_FORMATION_WORDS = frozenset(
    {"bts", "but", "cap", "bac", "licence", "master", "cpge", "tp", "lp", "ms", "bachelor"}
)
# Cities whose name is also a common word: recognised only after "à", "sur", "vers"...
CITY_WORDS = frozenset({"nice", "vannes"})
PLACE_PREPOSITIONS = frozenset({"a", "sur", "vers", "pres", "de", "en", "dans", "cote"})
REGION_ALIASES = {
    Region.ILE_DE_FRANCE: ["idf", "region parisienne"],
    Region.PROVENCE_ALPES_COTE_D_AZUR: ["paca", "sud"],
    Region.AUVERGNE_RHONE_ALPES: ["rhone alpes", "auvergne"],
    Region.LA_REUNION: ["reunion", "974"],
    Region.BOURGOGNE_FRANCHE_COMTE: ["bourgogne", "franche comte"],
    Region.CENTRE_VAL_DE_LOIRE: ["centre"],
}
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{2,}\b")
_PARENTHESES = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True)
class Entity:
    kind: str
    value: str  # a slug, a city name or a région value
    label: str
    start: int = 0  # token positions in the normalized message
    end: int = 0
    fuzzy: bool = False
    candidates: tuple = ()  # other values the same words name ("data": two métiers)

    @property
    def key(self):
        return f"{self.kind}:{self.value}"


@dataclass
class Vocabulary:
    rules: tuple = ()  # the search's synonym rules the names were read with
    aliases: dict = field(default_factory=dict)  # term tuple -> [(kind, value)]
    labels: dict = field(default_factory=dict)  # (kind, value) -> label
    cities: dict = field(default_factory=dict)  # city -> (lat, lon, region)
    fuzzy: dict = field(default_factory=lambda: defaultdict(list))  # (n, first letter) -> keys
    fingerprint: str = ""  # a hash of the names: equal vocabularies have equal fingerprints

    def terms(self, text, rules=None):
        rules = self.rules if rules is None else rules
        return tuple(term for term, _, _ in term_spans(normalize(text).split(), rules))

    def add(self, kind, value, label, text, weak=False):
        """Name (kind, value) by `text`, in canonical terms and as written (for typos).

        Two-letter names count only as acronyms written in capitals (UX, PO, QA); two-word
        names are also known the other way round ("data ingénieur", "ingénieur data").
        """
        acronym = text.strip().isupper()
        for words in {self.terms(text), self.terms(text, rules=())}:
            words = words[:MAX_ALIAS_TOKENS]
            self._add(kind, value, label, words, weak, acronym)
            if len(words) == 2:
                self._add(kind, value, label, words[::-1], weak=True)

    def _add(self, kind, value, label, words, weak, acronym=False):
        """A weak name never displaces another entity's."""
        if not words or all(w in COMMON_TERMS for w in words):
            return
        short = len(words[0]) < 3 and not acronym
        if len(words) == 1 and (short or words[0] in EVERYDAY_WORDS):
            return
        if weak and words in self.aliases:
            return
        targets = self.aliases.setdefault(words, [])
        if (kind, value) in targets:
            return
        targets.append((kind, value))
        self.labels[(kind, value)] = label
        if len(words) <= MAX_FUZZY_TOKENS and typo_budget(" ".join(words)):
            self.fuzzy[(len(words), words[0][0])].append(words)


def title_variants(title):
    """The ways a title is typed: masculine and feminine of "Développeur·euse", "Chef·fe"...,
    each side of a slash, and what is in and out of parentheses."""
    title = title.replace("’", "'")
    parts = [_PARENTHESES.sub(" ", title), *_PARENTHESES.findall(title)]
    parts = [piece for part in parts for piece in part.split("/")]
    variants = []
    for part in parts:
        words = part.split()
        variants.append(" ".join(w.split("·")[0] for w in words))
        variants.append(" ".join(_feminine(w) for w in words))
    return [v for v in dict.fromkeys(variants) if v.strip()]


def _feminine(word):
    if "·" not in word:
        return word
    base, suffix = word.split("·", 1)
    if base.endswith("teur") and suffix.startswith("r"):
        return base[:-3] + "rice"
    if base.endswith("eur") and suffix in ("se", "euse"):
        return base[:-3] + "euse"
    return base + suffix


def build_vocabulary():
    """Read every name students may type from the CMS."""
    vocabulary = Vocabulary(rules=tuple(synonym_rules()))
    metiers = list(MetierPage.objects.live().order_by("title"))
    for page in metiers:
        for text in [*title_variants(page.title), *page.synonym_list]:
            vocabulary.add("metier", page.slug, page.title, text)
    # Long titles are shortened: "technicien support" for "Technicien·ne support informatique"
    # (unless some métier already goes by those two words).
    for page in metiers:
        for variant in title_variants(page.title):
            words = vocabulary.terms(variant)
            if len(words) > 2 and words[1] not in COMMON_TERMS:
                vocabulary.add("metier", page.slug, page.title, " ".join(words[:2]), weak=True)
    for page in FormationPage.objects.live().order_by("niveau_sortie", "title"):
        label = page.sigle or page.title
        for text in [page.title, _PARENTHESES.sub(" ", page.title), page.sigle]:
            vocabulary.add("formation", page.slug, label, text)
        for acronym in _ACRONYM.findall(f"{page.sigle} {page.title}"):
            if acronym.lower() not in GENERIC_FORMATION_WORDS:
                vocabulary.add("formation", page.slug, label, acronym)
    for bac in Bac.objects.all():
        plain = _PARENTHESES.sub(" ", bac.nom)
        vocabulary.add("bac", bac.slug, bac.nom, plain)
        for acronym in _ACRONYM.findall(plain):
            vocabulary.add("bac", bac.slug, bac.nom, acronym)
            vocabulary.add("bac", bac.slug, bac.nom, f"bac {acronym}")
    for specialite in Specialite.objects.select_related("bac"):
        for text in [specialite.nom, specialite.sigle, specialite.nom.split("-")[0]]:
            vocabulary.add("specialite", specialite.slug, specialite.nom, text)
    places = defaultdict(list)
    for etablissement in Etablissement.objects.all():
        places[etablissement.ville].append(etablissement)
    for ville, etablissements in places.items():
        lat = sum(float(e.latitude) for e in etablissements) / len(etablissements)
        lon = sum(float(e.longitude) for e in etablissements) / len(etablissements)
        vocabulary.cities[ville] = (lat, lon, etablissements[0].region)
        for text in [_PARENTHESES.sub(" ", ville), *_PARENTHESES.findall(ville)]:
            vocabulary.add("ville", ville, ville, text)
    for value, label in Region.choices:
        for text in [label, *REGION_ALIASES.get(value, [])]:
            vocabulary.add("region", value, label, text)
    vocabulary.fingerprint = hashlib.sha256(
        repr(sorted(vocabulary.aliases.items())).encode()
    ).hexdigest()
    return vocabulary


_lock = threading.Lock()
_loaded = {"version": None, "vocabulary": None}


def vocabulary():
    """The current vocabulary, rebuilt when the CMS changed since this process built it."""
    version = training.content_version()
    with _lock:
        if _loaded["version"] != version:
            _loaded["vocabulary"] = build_vocabulary()
            _loaded["version"] = version
        return _loaded["vocabulary"]


def extract(normalized):
    """The entities of a normalized message, longest names first, in reading order.

    Names are matched on the message's terms; each entity keeps the span of words it covers.
    """
    vocab = vocabulary()
    words = normalized.split()
    spans = term_spans(words, vocab.rules)
    terms = [term for term, _, _ in spans]
    found, position = [], 0
    while position < len(terms):
        exact = _exact(vocab, terms, position)
        # A longer name with a typo beats a shorter exact one: "data enginer" is no "data".
        match = _fuzzy(vocab, terms, position, longer_than=exact[0] if exact else 0) or exact
        if match is None:
            position += 1
            continue
        length, targets, fuzzy = match
        kind, value = targets[0]
        start, end = spans[position][1], spans[position + length - 1][2]
        if kind == "ville" and not _placed(vocab, words, start, end - start):
            position += 1
            continue
        found.append(
            Entity(
                kind=kind,
                value=value,
                label=vocab.labels[(kind, value)],
                start=start,
                end=end,
                fuzzy=fuzzy,
                candidates=tuple(v for k, v in targets[1:] if k == kind),
            )
        )
        position += length
    return found


def _exact(vocab, terms, position):
    for length in range(min(MAX_ALIAS_TOKENS, len(terms) - position), 0, -1):
        targets = vocab.aliases.get(tuple(terms[position : position + length]))
        if targets:
            return length, targets, False
    return None


def _fuzzy(vocab, terms, position, longer_than=0):
    for length in range(min(MAX_FUZZY_TOKENS, len(terms) - position), longer_than, -1):
        window = terms[position : position + length]
        if window[0] in COMMON_TERMS or window[-1] in COMMON_TERMS:
            continue
        text = " ".join(window)
        budget = typo_budget(text)
        # One short word with a typo is too often another word ("coder" is no "codeur").
        if not budget or (length == 1 and len(text) < MIN_FUZZY_WORD):
            continue
        best = None
        for alias in vocab.fuzzy.get((length, window[0][0]), ()):
            distance = edit_distance(text, " ".join(alias), budget)
            if distance <= budget and (best is None or distance < best[0]):
                best = (distance, alias)
        if best:
            return length, vocab.aliases[best[1]], True
    return None


def _placed(vocab, words, position, length):
    name = " ".join(words[position : position + length])
    return name not in CITY_WORDS or (position > 0 and words[position - 1] in PLACE_PREPOSITIONS)


def primary(entities):
    """The entity a message is mainly about: a métier first, then a formation, and so on."""
    for kind in KINDS:
        for entity in entities:
            if entity.kind == kind:
                return entity
    return None


def city_of(entities):
    """The city or région the student mentioned, if any."""
    return next((e for e in entities if e.kind in ("ville", "region")), None)
