"""The embedded default: documents stored in the database, searched in Python.

It needs nothing but the project's database (SQLite or PostgreSQL) and answers with the same
contract as the engine: French analysis, synonyms, typo tolerance, facets, geo and clusters.
It is meant for the association's own volume (hundreds of documents); beyond that, use the
engine.
"""

import dataclasses
import hashlib
import html
import math
import re
import threading
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction

from ..analysis import analyze, edit_distance, fold, light_stem, tokenize
from ..documents import FACETS, FIELD_BOOSTS, TYPE_WEIGHTS
from ..models import SearchDocument
from .base import Cluster, Hit, SearchBackend, SearchResults, haversine_km, tile_of

EXCERPT_FIELDS = ("accroche", "missions", "competences", "body")
# The fields that say what a document is about (not its long body): matches there tell why a
# document answers a query.
MATCH_FIELDS = tuple(field for field in FIELD_BOOSTS if field != "body")
EXCERPT_LENGTH = 160


def allowed_edits(token):
    """Like the engine's fuzziness AUTO: no typo below 3 letters, one up to 5, two beyond."""
    return 0 if len(token) < 3 else 1 if len(token) <= 5 else 2


def facet_values(doc, facet):
    value = doc.get(facet)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def passes(doc, filters, skip=None):
    return all(
        set(facet_values(doc, facet)) & set(values)
        for facet, values in filters.items()
        if facet != skip and values
    )


def distance_to(doc, near):
    distances = [haversine_km(near.lat, near.lon, p["lat"], p["lon"]) for p in doc["location"]]
    return min(distances) if distances else math.inf


def in_bbox(doc, bbox):
    return any(
        bbox.min_lat <= p["lat"] <= bbox.max_lat and bbox.min_lon <= p["lon"] <= bbox.max_lon
        for p in doc["location"]
    )


def field_tokens(doc, rules):
    tokens = {}
    for field in FIELD_BOOSTS:
        value = doc.get(field)
        joined = " ".join(value) if isinstance(value, list) else value or ""
        tokens[field] = sorted(set(analyze(joined, rules)))
    tokens["_words"] = sorted(set(tokenize(" ".join([doc["title"], *doc["synonyms"]]))))
    return tokens


# A query is read for this many distinct words at most: a 200-character query of different
# words cannot make each search compare hundreds of words with the whole vocabulary.
MAX_QUERY_WORDS = 12
VERSION_KEY = "search:database-version"
RESULTS_CACHE_SECONDS = 600


@dataclass
class Corpus:
    """The indexed documents, read once per index version, with their vocabulary indexed by
    length and first letter (typo candidates) and by first three letters (prefixes)."""

    documents: list
    by_length: dict = dataclasses.field(default_factory=lambda: defaultdict(list))
    by_prefix: dict = dataclasses.field(default_factory=lambda: defaultdict(list))
    vocabulary: frozenset = frozenset()

    @classmethod
    def read(cls, rows):
        corpus = cls([(row.data, row.tokens) for row in rows])
        words = {t for _, tokens in corpus.documents for f in FIELD_BOOSTS for t in tokens[f]}
        for word in words:
            corpus.by_length[(len(word), word[0])].append(word)
            corpus.by_prefix[word[:3]].append(word)
        corpus.vocabulary = frozenset(words)
        return corpus

    def of_types(self, types):
        if not types:
            return self.documents
        return [(doc, tokens) for doc, tokens in self.documents if doc["type"] in types]


_corpora = {}
_lock = threading.Lock()


def index_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def index_changed():
    """Every process reads the documents again at its next search."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


class DatabaseBackend(SearchBackend):
    name = "database"
    credible_score = 10.0

    def __init__(self, synonyms=()):
        self.synonyms = tuple(synonyms)

    # Indexing

    def _row(self, doc):
        return SearchDocument(
            doc_id=doc["id"],
            doc_type=doc["type"],
            data=doc,
            tokens=field_tokens(doc, self.synonyms),
        )

    def rebuild(self, documents_by_type, synonyms=()):
        self.synonyms = tuple(synonyms)
        rows = [self._row(doc) for docs in documents_by_type.values() for doc in docs]
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            SearchDocument.objects.bulk_create(rows, batch_size=500)
            index_changed()
        return len(rows)

    def index(self, documents):
        rows = [self._row(doc) for doc in documents]
        with transaction.atomic():
            SearchDocument.objects.filter(doc_id__in=[r.doc_id for r in rows]).delete()
            SearchDocument.objects.bulk_create(rows, batch_size=500)
            index_changed()

    def delete(self, doc_ids):
        SearchDocument.objects.filter(doc_id__in=list(doc_ids)).delete()
        index_changed()

    # Searching

    def _index(self):
        """The documents of the current index version (read once per process and version)."""
        version = index_version()
        with _lock:
            corpus = _corpora.get(version)
            if corpus is None:
                _corpora.clear()
                corpus = _corpora[version] = Corpus.read(SearchDocument.objects.all())
            return corpus

    def _corpus(self, types):
        return self._index().of_types(types)

    def _variants(self, query_tokens, corpus=None):
        """For each query token, the indexed tokens it matches and how strongly: itself, the
        words it starts (from three letters), and those within its typo budget (compared only
        with words of a close length and the same first letter)."""
        index = self._index()
        variants = {}
        for token in query_tokens:
            matches = {token: 1.0} if token in index.vocabulary else {}
            if len(token) >= 3:
                for candidate in index.by_prefix.get(token[:3], ()):
                    if candidate != token and candidate.startswith(token):
                        matches.setdefault(candidate, 0.7)
            limit = allowed_edits(token)
            for length in range(len(token) - limit, len(token) + limit + 1) if limit else ():
                for candidate in index.by_length.get((length, token[0]), ()):
                    if candidate not in matches and edit_distance(token, candidate, limit) <= limit:
                        matches[candidate] = 0.6
            variants[token] = matches
        return variants

    def _score(self, doc, tokens, variants, phrase):
        score, matched = 0.0, 0
        for matches in variants.values():
            token_score = 0.0
            for field, boost in FIELD_BOOSTS.items():
                field_tokens_ = tokens[field]
                best = max((matches[t] for t in field_tokens_ if t in matches), default=0.0)
                token_score += boost * best
            if token_score:
                matched += 1
            score += token_score
        if not matched:
            return 0.0
        coverage = matched / len(variants)
        if phrase and " " in phrase and phrase in " ".join(tokenize(doc["title"])):
            score += 8.0
        return score * coverage * coverage * TYPE_WEIGHTS.get(doc["type"], 1.0)

    def _candidates(self, request, corpus, query, query_tokens):
        """Documents matching the text and the geographic limits, with their score."""
        candidates = []
        if query_tokens:
            variants = self._variants(query_tokens, corpus)
            phrase = " ".join(tokenize(query))
            for doc, tokens in corpus:
                score = self._score(doc, tokens, variants, phrase)
                if score > 0:
                    candidates.append((doc, round(score, 4)))
        elif not query:
            candidates = [(doc, 0.0) for doc, _ in corpus]
        if request.near:
            candidates = [
                (doc, score)
                for doc, score in candidates
                if distance_to(doc, request.near) <= request.near.radius_km
            ]
        if request.bbox:
            candidates = [(doc, score) for doc, score in candidates if in_bbox(doc, request.bbox)]
        return candidates

    def search(self, request):
        """Results are cached per index version: a classroom typing the same words costs one
        search, and any change to the index makes every cached result stale at once."""
        digest = hashlib.blake2b(repr(request).encode(), digest_size=16).hexdigest()
        key = f"search:results:{index_version()}:{digest}"
        results = cache.get(key)
        if results is None:
            results = self._search(request)
            cache.set(key, results, RESULTS_CACHE_SECONDS)
        return results

    def _search(self, request):
        query = request.cleaned_query()
        corpus = self._corpus(request.types)
        query_tokens = list(dict.fromkeys(analyze(query)))[:MAX_QUERY_WORDS]
        candidates = self._candidates(request, corpus, query, query_tokens)
        facets = self._facets(candidates, request.filters)
        hits = [(doc, score) for doc, score in candidates if passes(doc, request.filters)]
        if request.sort == "distance" and request.near:
            hits.sort(key=lambda item: (distance_to(item[0], request.near), item[0]["title"]))
        else:
            hits.sort(key=lambda item: (-item[1], item[0]["type_rank"], item[0]["title"]))
        page = hits[request.offset : request.offset + request.limit]
        stems = set(query_tokens)
        results = [
            Hit(
                type=doc["type"],
                slug=doc["slug"],
                title=doc["title"],
                url=doc["url"],
                excerpt=excerpt(doc, stems),
                matched=matched_words(query, doc, self.synonyms),
                score=score,
                distance_km=round(distance_to(doc, request.near), 2) if request.near else None,
            )
            for doc, score in page
        ]
        suggestion = self._suggestion(query, corpus) if query and len(hits) < 3 else None
        return SearchResults(query, len(hits), results, facets, suggestion)

    def _facets(self, candidates, filters):
        facets = {}
        for facet in FACETS:
            counts = Counter(
                value
                for doc, _ in candidates
                if passes(doc, filters, skip=facet)
                for value in facet_values(doc, facet)
            )
            facets[facet] = [
                {"value": value, "count": count}
                for value, count in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
            ]
        return facets

    def _suggestion(self, query, corpus):
        """ "Did you mean": each unknown word replaced by the closest title or synonym word,
        compared only with the words of a close length and the same first letter."""
        spelling = defaultdict(list)
        words = {w for _, tokens in corpus for w in tokens["_words"]}
        for word in words:
            spelling[(len(word), word[0])].append(word)
        corrected, changed = [], False
        for word in tokenize(query)[:MAX_QUERY_WORDS]:
            if word in words:
                corrected.append(word)
                continue
            limit = max(allowed_edits(word), 1)
            scored = sorted(
                (edit_distance(word, w, limit), w)
                for length in range(len(word) - limit, len(word) + limit + 1)
                for w in spelling.get((length, word[0]), ())
            )
            if scored and scored[0][0] <= limit:
                corrected.append(scored[0][1])
                changed = True
            else:
                corrected.append(word)
        return " ".join(corrected) if changed else None

    def suggest(self, q, limit=8):
        typed = tokenize(q)
        if not typed or len(" ".join(typed)) < 2:
            return []
        matches = []
        for doc, tokens in self._corpus(()):
            words = tokens["_words"]
            if all(any(w.startswith(t) for w in words) for t in typed):
                matches.append(doc)
        matches.sort(key=lambda doc: (doc["type_rank"], doc["title"]))
        return [
            {"type": d["type"], "slug": d["slug"], "title": d["title"]} for d in matches[:limit]
        ]

    def clusters(self, request, zoom):
        query = request.cleaned_query()
        corpus = self._corpus(request.types)
        candidates = self._candidates(request, corpus, query, list(dict.fromkeys(analyze(query))))
        groups = defaultdict(list)
        for doc, _ in candidates:
            if passes(doc, request.filters):
                for point in doc["location"][:1]:
                    groups[tile_of(point["lat"], point["lon"], zoom)].append((point, doc))
        clusters = []
        for members in groups.values():
            lat = sum(p["lat"] for p, _ in members) / len(members)
            lon = sum(p["lon"] for p, _ in members) / len(members)
            single = members[0][1] if len(members) == 1 else None
            clusters.append(
                Cluster(
                    lat=round(lat, 5),
                    lon=round(lon, 5),
                    count=len(members),
                    slug=single["slug"] if single else None,
                    title=single["title"] if single else None,
                    type=single["type"] if single else None,
                )
            )
        clusters.sort(key=lambda c: (-c.count, c.lat, c.lon))
        return clusters


def _is_match(word, stems):
    return light_stem(fold(word)) in stems


def matched_words(query, doc, rules):
    """The words of the query that the document contains (after analysis), in query order."""
    found = set()
    for field in MATCH_FIELDS:
        value = doc.get(field)
        found.update(analyze(" ".join(value) if isinstance(value, list) else value or "", rules))
    return tuple(
        dict.fromkeys(word for word in tokenize(query) if set(analyze(word, rules)) & found)
    )


def excerpt(doc, stems):
    """A passage of the document around the first matched word, with matches in <mark>."""
    source = next(
        (doc[f] for f in EXCERPT_FIELDS if doc.get(f) and set(analyze(doc[f])) & stems),
        doc.get("accroche") or doc.get("body") or "",
    )
    tokens = list(re.finditer(r"\w+", source))
    start = next((m.start() for m in tokens if _is_match(m.group(), stems)), 0)
    start = max(source.rfind(" ", 0, max(start - 40, 0)) + 1, 0) if start > 40 else 0
    passage = source[start : start + EXCERPT_LENGTH]
    # Words are found in the raw text, then every piece is escaped: marking the escaped text
    # would break its entities (l&#<mark>x27</mark>;).
    pieces, position = [], 0
    for match in re.finditer(r"\w+", passage):
        pieces.append(html.escape(passage[position : match.start()]))
        word = html.escape(match.group())
        pieces.append(f"<mark>{word}</mark>" if _is_match(match.group(), stems) else word)
        position = match.end()
    pieces.append(html.escape(passage[position:]))
    return "".join(pieces)
