"""French text analysis for how teenagers type, shared by both search backends.

The engine gets the same chain as elasticsearch-dsl analyzer definitions (`engine_analyzers`);
the database backend runs it in Python (`analyze`). Keeping both here keeps their behaviour in
step: elision, lowercase, ASCII folding, French stop words, synonyms, light French stemming.
"""

import re
import unicodedata
from functools import lru_cache

from elasticsearch_dsl import analyzer, token_filter

from .french import ELISION_ARTICLES, FRENCH_STOP_WORDS

# Words students type, and what they mean. Editors add more in the admin (Synonym snippets).
DEFAULT_SYNONYMS = [
    "dev, developpeur, developpeuse, developpement",
    "cyber, cybersecurite, securite informatique",
    "ia, intelligence artificielle",
    "info, informatique",
    "jeux video, jeu video, game, gaming",
    "reseau, reseaux, network",
    "codeur, codeuse, programmeur, programmeuse, developpeur",
    "hacker, hackeur, pentester, pentesteur",
    "data, donnees",
    "appli, application",
    "robot, robotique",
    "prof, enseignant",
    "bts sio, sio",
    "alternance, apprentissage",
    "prepa, cpge, classe preparatoire",
    "ordi, ordinateur",
    "depanner, reparer, depannage, reparation",
    "ingenieur, ingenieure, inge",
    "administrateur, administratrice, admin",
    "technicien, technicienne, technicos, tech",
    "chef, cheffe",
]

_ELISION = re.compile(r"\b(?:" + "|".join(ELISION_ARTICLES) + r")['’]", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+")


def fold(text):
    """Lowercase and strip accents, as the engine's lowercase + asciifolding filters do."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("œ", "oe")


def edit_distance(a, b, limit):
    """Damerau–Levenshtein distance (adjacent swaps count one, as in the engine's fuzzy
    matching), or limit + 1 as soon as it is known to exceed the limit.

    Banded: only the cells within `limit` of the diagonal are computed (a path outside the band
    costs more than the limit), so one comparison costs O(len × limit), not O(len²).
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    over = limit + 1
    previous_previous = None
    previous = [j if j <= limit else over for j in range(len(b) + 1)]
    for i, char_a in enumerate(a, start=1):
        current = [over] * (len(b) + 1)
        current[0] = i if i <= limit else over
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            char_b = b[j - 1]
            cost = char_a != char_b
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            swapped = j > 1 and char_a == b[j - 2] and a[i - 2] == char_b
            if previous_previous is not None and swapped:
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = min(value, over)
        if min(current) > limit:
            return over
        previous_previous, previous = previous, current
    return previous[-1]


def light_stem(token):
    """A light French stemmer: plural and feminine endings (développeuses → developpeur).

    It follows the spirit of Lucene's light French stemmer (Savoy's algorithm), which the engine
    uses; exact stems may differ, but within one backend indexing and querying agree.
    """
    if len(token) <= 4 or token.isdigit():
        return token
    for suffix, replacement in (
        ("euses", "eur"),
        ("euse", "eur"),
        ("trices", "teur"),
        ("trice", "teur"),
        ("ives", "if"),
        ("ive", "if"),
        ("aux", "al"),
        ("eaux", "eau"),
    ):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return token[: -len(suffix)] + replacement
    if token.endswith(("s", "x")) and not token.endswith("ss"):
        token = token[:-1]
    if token.endswith("ee") and len(token) > 5:
        token = token[:-1]
    if token.endswith("e") and len(token) > 5 and token[-2] not in "aeiouy":
        token = token[:-1]
    return token


def tokenize(text):
    """Elision, lowercase, folding, tokenizing and stop words: the words that carry meaning."""
    text = _ELISION.sub(" ", text or "")
    return [t for t in _TOKEN.findall(fold(text)) if t not in STOP_WORDS]


STOP_WORDS = frozenset(FRENCH_STOP_WORDS)


def parse_synonym_rules(rules):
    """Turn "a, b c, d" lines into groups of folded phrases."""
    groups = []
    for rule in rules:
        phrases = [" ".join(tokenize(part)) for part in rule.split(",")]
        phrases = [p for p in phrases if p]
        if len(phrases) > 1:
            groups.append(phrases)
    return groups


@lru_cache(maxsize=8)
def _synonym_index(rules):
    index = {}
    for group in parse_synonym_rules(rules):
        for phrase in group:
            index.setdefault(phrase, set()).update(group)
    return index


def expand_synonyms(tokens, rules):
    """Add the tokens of every synonym of the phrases found in `tokens` (up to three words)."""
    index = _synonym_index(tuple(rules))
    extra = []
    for size in (3, 2, 1):
        for start in range(len(tokens) - size + 1):
            phrase = " ".join(tokens[start : start + size])
            for synonym in index.get(phrase, ()):
                if synonym != phrase:
                    extra.extend(synonym.split())
    return tokens + extra


@lru_cache(maxsize=8)
def _canonical_index(rules):
    """Stemmed synonym phrase -> the stemmed first phrase of its group."""
    index = {}
    for group in parse_synonym_rules(rules):
        canonical = tuple(light_stem(t) for t in group[0].split())
        for phrase in group:
            index.setdefault(tuple(light_stem(t) for t in phrase.split()), canonical)
    return index


def term_spans(words, rules=()):
    """The meaningful terms of already tokenized words, with the span of words each comes from.

    Stop words are dropped, words are stemmed, and every synonym is replaced by the first
    phrase of its group: "ingé IA" and "ingénieure en intelligence artificielle" give the same
    terms. Returns [(term, start, end)] with word positions, so callers can map terms back.
    """
    index = _canonical_index(tuple(rules))
    kept = [(light_stem(fold(w)), i) for i, w in enumerate(words) if fold(w) not in STOP_WORDS]
    spans, position = [], 0
    while position < len(kept):
        for size in (3, 2, 1):
            window = kept[position : position + size]
            canonical = len(window) == size and index.get(tuple(term for term, _ in window))
            if canonical:
                start, end = window[0][1], window[-1][1] + 1
                spans.extend((term, start, end) for term in canonical)
                position += size
                break
        else:
            term, i = kept[position]
            spans.append((term, i, i + 1))
            position += 1
    return spans


def analyze(text, rules=()):
    """The full chain for the database backend: tokens, synonyms, then light stemming."""
    return [light_stem(t) for t in expand_synonyms(tokenize(text), rules)]


def engine_analyzers(rules):
    """The same chain for the engine, as elasticsearch-dsl objects (index-time synonyms)."""
    elision = token_filter(
        "tdn_elision", type="elision", articles_case=True, articles=ELISION_ARTICLES
    )
    stop = token_filter("tdn_stop", type="stop", stopwords=FRENCH_STOP_WORDS)
    stemmer = token_filter("tdn_stemmer", type="stemmer", language="light_french")
    synonyms = token_filter(
        "tdn_synonyms",
        type="synonym",
        lenient=True,
        synonyms=[", ".join(group) for group in parse_synonym_rules(rules)] or ["tdn, tdn"],
    )
    base = ["lowercase", "asciifolding"]
    french = analyzer(
        "tdn_french",
        tokenizer="standard",
        filter=[elision, *base, stop, synonyms, stemmer],
    )
    french_search = analyzer(
        "tdn_french_search",
        tokenizer="standard",
        filter=[elision, *base, stop, stemmer],
    )
    folded = analyzer("tdn_folded", tokenizer="standard", filter=[elision, *base])
    autocomplete = analyzer(
        "tdn_autocomplete",
        tokenizer="standard",
        filter=[
            elision,
            *base,
            token_filter("tdn_edge_ngram", type="edge_ngram", min_gram=2, max_gram=20),
        ],
    )
    return {
        "french": french,
        "french_search": french_search,
        "folded": folded,
        "autocomplete": autocomplete,
        "autocomplete_search": folded,
    }
