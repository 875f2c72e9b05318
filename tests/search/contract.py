"""The search contract, written once and run against every backend (as Wagtail tests its own
search backends): subclasses provide the `backend` fixture."""

import math

import pytest
from django.db.models import Count

from cms.formations.models import Etablissement, FormationPage
from cms.metiers.models import MetierPage
from search.backends.base import BBox, GeoFilter, SearchRequest, haversine_km

LYON = (45.7640, 4.8357)
METROPOLE = BBox(41.3, -5.2, 51.1, 9.6)


def slugs(results, n=None):
    return [hit.slug for hit in results.results[:n]]


class SearchContract:
    @pytest.fixture(autouse=True)
    def _backend(self, backend, db):
        self.backend = backend

    def search(self, q="", **kwargs):
        return self.backend.search(SearchRequest(q=q, **kwargs))

    # Understanding how students type

    @pytest.mark.parametrize("q", ["cybersecurite", "CYBERSÉCURITÉ", "Cybersécurité"])
    def test_accents_and_case_do_not_matter(self, q):
        assert "analyste-cybersecurite" in slugs(self.search(q), 3)

    def test_plural_and_feminine_forms(self):
        assert "developpeur-web" in slugs(self.search("développeuses"), 5)

    def test_elision(self):
        assert slugs(self.search("l'intelligence artificielle"), 1) == ["ingenieur-ia"]

    @pytest.mark.parametrize(
        ("q", "expected"),
        [("devlopeur", {"developpeur-web", "developpeur-mobile", "developpeur-jeux-video"}),
         ("pentesteur", {"pentester"})],
    )  # fmt: skip
    def test_typos(self, q, expected):
        assert expected & set(slugs(self.search(q), 3))

    @pytest.mark.parametrize(
        ("q", "expected"),
        [("IA", "ingenieur-ia"), ("cyber", "analyste-cybersecurite"), ("dev", "developpeur-web")],
    )
    def test_synonyms(self, q, expected):
        assert expected in slugs(self.search(q), 5)

    def test_highlight_contains_the_match(self):
        results = self.search("robotique", types=("metier",))
        assert results.results
        assert "<mark>" in results.results[0].excerpt
        assert "robot" in results.results[0].excerpt.lower()

    def test_did_you_mean_when_few_results(self):
        results = self.search("roboticiem")
        assert results.total < 3 or "roboticien" in slugs(results, 3)
        if results.total < 3:
            assert results.suggestion
            assert "roboticien" in results.suggestion

    # Facets and filters

    def test_empty_query_lists_everything_with_type_facets(self):
        results = self.search("", limit=5)
        counts = {f["value"]: f["count"] for f in results.facets["type"]}
        assert counts["metier"] == MetierPage.objects.live().count()
        assert counts["formation"] == FormationPage.objects.live().count()
        assert counts["etablissement"] == Etablissement.objects.count()
        assert results.total == sum(counts.values())
        assert len(results.results) == 5

    def test_facet_counts_respect_the_other_filters(self):
        results = self.search("", filters={"type": ("metier",)})
        assert {hit.type for hit in results.results} == {"metier"}
        type_counts = {f["value"]: f["count"] for f in results.facets["type"]}
        assert type_counts["formation"] == FormationPage.objects.live().count(), (
            "a facet ignores its own filter, so other types stay visible"
        )
        domaine_counts = {f["value"]: f["count"] for f in results.facets["domaine"]}
        expected = dict(
            MetierPage.objects.live().order_by().values_list("domaine").annotate(n=Count("id"))
        )
        assert domaine_counts == expected

    def test_combined_filters(self):
        filters = {"type": ("formation",), "alternance": (True,), "region": ("bretagne",)}
        results = self.search("", filters=filters, limit=100)
        expected = set(
            FormationPage.objects.live()
            .filter(alternance=True, etablissements__region="bretagne")
            .values_list("slug", flat=True)
        )
        assert expected
        assert set(slugs(results)) == expected
        assert results.total == len(expected)
        niveau_counts = {f["value"]: f["count"] for f in results.facets["niveau"]}
        assert sum(niveau_counts.values()) == len(expected)

    def test_distance_filter_and_sort(self):
        near = GeoFilter(*LYON, radius_km=30)
        results = self.search("", types=("etablissement",), near=near, sort="distance", limit=100)
        in_range = [
            e.slug
            for e in Etablissement.objects.all()
            if haversine_km(*LYON, float(e.latitude), float(e.longitude)) <= 30
        ]
        assert set(slugs(results)) == set(in_range)
        distances = [hit.distance_km for hit in results.results]
        assert distances == sorted(distances)
        assert all(d <= 30.01 for d in distances)

    def test_map_clusters_add_up_to_the_total(self):
        request = SearchRequest(types=("etablissement",), bbox=METROPOLE)
        clusters = self.backend.clusters(request, zoom=5)
        total = self.search("", types=("etablissement",), bbox=METROPOLE).total
        assert total > 0
        assert sum(c.count for c in clusters) == total
        assert len(clusters) > 1
        detailed = self.backend.clusters(SearchRequest(types=("etablissement",)), zoom=14)
        singles = [c for c in detailed if c.count == 1]
        assert singles
        assert all(c.slug for c in singles)

    # Autocomplete

    def test_autocomplete_from_the_second_letter_metiers_first(self):
        assert self.backend.suggest("d") == []
        suggestions = self.backend.suggest("da")
        assert suggestions[0]["type"] == "metier"
        assert {"data-analyst", "data-scientist", "data-engineer"} <= {
            s["slug"] for s in suggestions
        }
        assert {s["slug"] for s in self.backend.suggest("cyb")} >= {"analyste-cybersecurite"}

    # Robustness

    @pytest.mark.parametrize(
        "q", ['"', "*", "~", "AND", "{}", 'dev AND (cyber OR "', "title:(x", "\\", "a" * 5000,
              "   ", "<script>alert(1)</script>"],
    )  # fmt: skip
    def test_engine_syntax_and_odd_input_are_plain_text(self, q):
        results = self.search(q)
        assert results.total >= 0
        assert len(results.query) <= 200
        assert all("<script>" not in hit.excerpt for hit in results.results)

    def test_pagination_is_stable(self):
        first = self.search("", limit=10)
        second = self.search("", offset=10, limit=10)
        assert not set(slugs(first)) & set(slugs(second))
        assert math.ceil(first.total / 10) >= 2
