"""Judged relevance: hit@3 and MRR on the queries in relevance.yaml, on both backends."""

from pathlib import Path

import pytest
import yaml

from search.backends.base import SearchRequest

JUDGEMENTS = yaml.safe_load((Path(__file__).parent / "relevance.yaml").read_text("utf-8"))


def measure(backend):
    hits, reciprocal_ranks, misses = 0, [], []
    for judgement in JUDGEMENTS:
        ranked = [h.slug for h in backend.search(SearchRequest(q=judgement["q"], limit=10)).results]
        ranks = [ranked.index(slug) + 1 for slug in judgement["expected"] if slug in ranked]
        best = min(ranks, default=None)
        hits += bool(best and best <= 3)
        reciprocal_ranks.append(1 / best if best else 0.0)
        if not best or best > 3:
            misses.append((judgement["q"], ranked[:3]))
    return hits / len(JUDGEMENTS), sum(reciprocal_ranks) / len(JUDGEMENTS), misses


def test_the_judged_set_is_large_enough():
    assert len(JUDGEMENTS) >= 40


@pytest.mark.django_db
def test_relevance_database_backend(database_backend):
    hit_at_3, mrr, misses = measure(database_backend)
    print(f"\ndatabase backend: hit@3={hit_at_3:.3f} MRR={mrr:.3f} misses={misses}")
    assert hit_at_3 >= 0.8, misses


@pytest.mark.django_db
def test_relevance_engine_backend(engine_backend):
    hit_at_3, mrr, misses = measure(engine_backend)
    print(f"\nengine backend: hit@3={hit_at_3:.3f} MRR={mrr:.3f} misses={misses}")
    assert hit_at_3 >= 0.9, misses


OFF_TOPIC = yaml.safe_load((Path(__file__).parent / "off_topic.yaml").read_text("utf-8"))


def check_credible_score(backend):
    """The backend's credible score lets the judged answers through and keeps off-topic
    questions unanswered (Charly's grounding relies on it)."""
    from search import service

    relevant = []
    for judgement in JUDGEMENTS:
        results = backend.search(SearchRequest(q=judgement["q"], limit=10)).results
        scores = [hit.score for hit in results if hit.slug in judgement["expected"]]
        relevant.append(max(scores, default=0.0))
    passed = sum(score >= backend.credible_score for score in relevant) / len(relevant)
    credible = 0
    for question in OFF_TOPIC:
        results = backend.search(SearchRequest(q=question, types=("metier",), limit=3)).results
        credible += any(
            len(hit.matched) >= service.CREDIBLE_MATCHES or hit.score >= backend.credible_score
            for hit in results
        )
    print(
        f"\n{backend.name}: credible score {backend.credible_score}: {passed:.2f} of judged answers"
        f" pass, {credible}/{len(OFF_TOPIC)} off-topic questions get a métier"
    )
    assert passed >= 0.9
    assert credible <= 0.25 * len(OFF_TOPIC)


@pytest.mark.django_db
def test_credible_score_database_backend(database_backend):
    check_credible_score(database_backend)


@pytest.mark.django_db
def test_credible_score_engine_backend(engine_backend):
    check_credible_score(engine_backend)
