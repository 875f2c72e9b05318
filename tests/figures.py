"""Figures with a source, attached by the tests that need one: the demo fiches show no salary
(none has a traceable source yet, see cms/demo/data/README.md)."""

from cms.metiers.models import MetierPage, Source

SAMPLE_SOURCE_URL = "https://example.org/salaires-d-essai"


def sample_source():
    return Source.objects.get_or_create(
        url=SAMPLE_SOURCE_URL,
        defaults={"titre": "Salaires d'essai", "editeur": "Éditeur d'essai", "annee": 2025},
    )[0]


def attach_sourced_salary(*slugs, low=2100, high=2700):
    source = sample_source()
    MetierPage.objects.filter(slug__in=slugs).update(
        salaire_debutant_min=low,
        salaire_debutant_max=high,
        salaire_libelle="debut",
        salaire_source=source,
    )
    return source
