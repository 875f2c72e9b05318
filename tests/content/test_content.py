"""The content check (issue 17): each rule passes on the demo content and fails on a fixture
that breaks it. The demo is read as students see it: from the database the loader filled."""

import html
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ValidationError
from wagtail.models import Page

from cms.communaute.models import (
    Federation,
    FemmesNumeriquePage,
    MembresPage,
    RoleModel,
    SemaineNumeriquePage,
)
from cms.faq.models import QuestionFrequente
from cms.formations.models import FormationPage
from cms.glossaire.models import Terme
from cms.metiers.models import MetierPage, Source

from . import rules

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[2] / "cms" / "demo" / "data"
TODAY = date(2026, 12, 2)


def text(markup):
    """Plain text of rich text, each tag read as a space (list items stay apart)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", str(markup or ""))).split())


def fiche_text(page):
    """Everything a métier fiche shows in prose (not its search keywords)."""
    parts = [page.title, page.accroche, text(page.description), text(page.missions),
             text(page.competences), text(page.qualites), page.perspectives]  # fmt: skip
    parts += [f"{item.question} {item.reponse}" for item in page.faq.all()]
    return " ".join(parts)


def metiers():
    return list(MetierPage.objects.live().prefetch_related("faq"))


def glossary():
    return [(t.terme, t.variant_list) for t in Terme.objects.all()]


def editorial_texts():
    """The prose of every live editorial page and question fréquente, with where it is."""
    for page in Page.objects.live().filter(depth__gt=1).not_type(MetierPage).specific():
        body = getattr(page, "body", "")
        rendered = body.render_as_block() if hasattr(body, "render_as_block") else body
        yield (
            page.url,
            " ".join(
                [getattr(page, "introduction", "") or "", page.search_description, text(rendered)]
            ),
        )
    for question in QuestionFrequente.objects.filter(live=True):
        yield f"question « {question.question} »", question.reponse


# --- Every figure has a source with an address and a year ------------------------------------


def figure_problems(pages, key_figures, federations=()):
    problems = []
    for federation in federations:
        if federation.nombre_entreprises is not None:
            source = federation.nombre_entreprises_source
            problems += rules.source_problems(
                f"{federation.slug} (entreprises)", source.as_dict() if source else None
            )
    for page in pages:
        if page.salaire_debutant_min is not None:
            source = page.salaire_source.as_dict() if page.salaire_source else None
            problems += rules.source_problems(f"{page.slug} (salaire)", source)
            if not page.salaire_libelle:
                problems.append(f"{page.slug} (salaire) : sans dire ce qu'il mesure")
        if page.part_femmes is not None:
            source = page.part_femmes_source.as_dict() if page.part_femmes_source else None
            problems += rules.source_problems(f"{page.slug} (part des femmes)", source)
        problems += rules.prose_figure_problems(page.slug, fiche_text(page))
    for figure in key_figures:
        source = {
            "titre": figure["source"],
            "editeur": figure["source"],
            "annee": figure.get("source_annee"),
            "url": figure.get("source_url"),
        }
        problems += rules.source_problems(f"chiffre clé {figure['valeur']}", source)
    return problems


def demo_key_figures():
    page = FemmesNumeriquePage.objects.live().get()
    return [dict(block.value) for block in page.chiffres_cles]


def test_every_figure_of_the_demo_has_a_source_with_an_address_and_a_year():
    pages = metiers()
    assert any(p.part_femmes is not None for p in pages), "the demo shows some sourced figures"
    assert demo_key_figures()
    assert figure_problems(pages, demo_key_figures(), Federation.objects.all()) == []


def test_a_figure_without_a_traceable_source_is_caught():
    page = MetierPage.objects.get(slug="game-designer")
    page.part_femmes_source = None
    unsourced_salary = MetierPage.objects.get(slug="pentester")
    unsourced_salary.salaire_debutant_min, unsourced_salary.salaire_debutant_max = 2800, 3500
    in_prose = MetierPage.objects.get(slug="developpeur-web")
    in_prose.perspectives = "Un·e débutant·e gagne entre 2 200 et 2 800 € brut par mois."
    old_style = {"valeur": "13 %", "libelle": "de filles en NSI", "source": "DEPP, 2024"}
    federation = Federation(slug="numeum", nombre_entreprises=2200)
    problems = figure_problems([page, unsourced_salary, in_prose], [old_style], [federation])
    assert "numeum (entreprises) : chiffre sans source" in problems
    assert "game-designer (part des femmes) : chiffre sans source" in problems
    assert "pentester (salaire) : chiffre sans source" in problems
    assert any(
        p.startswith("developpeur-web : chiffre sans source dans le texte") for p in problems
    )
    assert "chiffre clé 13 % : source sans adresse web" in problems
    source = {"titre": "Baromètre", "editeur": "Éditeur", "annee": 1999, "url": "nulle part"}
    assert rules.source_problems("x", source) == [
        "x : source sans année plausible", "x : source sans adresse web"
    ]  # fmt: skip


# --- No date in the past presented as upcoming ------------------------------------------------


def test_no_past_date_of_the_demo_is_presented_as_upcoming():
    problems = []
    for where, prose in editorial_texts():
        problems += rules.upcoming_date_problems(where, prose, TODAY)
    for page in SemaineNumeriquePage.objects.live():
        problems += rules.upcoming_date_problems(page.url, page.dates, TODAY, upcoming=True)
    assert problems == []


def test_a_past_date_presented_as_upcoming_is_caught():
    old = "Des pros viennent en classe. Prochaine édition : du 16 au 22 mars 2026."
    assert rules.upcoming_date_problems("semaine", old, TODAY) == [
        "semaine : « 22 mars 2026 » est passé mais présenté à venir"
    ]
    assert rules.upcoming_date_problems("dates", "du 16 au 22 mars 2026", TODAY, upcoming=True)
    past = "En 2025, c'était du 8 au 13 décembre 2025."
    assert rules.upcoming_date_problems("semaine", past, TODAY) == []
    future = "Prochaine édition : du 7 au 12 décembre 2027."
    assert rules.upcoming_date_problems("semaine", future, TODAY) == []


# --- Role models' years are consistent ---------------------------------------------------------


def demo_portraits():
    return yaml.safe_load((DATA / "communaute.yaml").read_text(encoding="utf-8"))["role_models"]


def test_the_portraits_timelines_are_possible():
    portraits = demo_portraits()
    stored = {r.prenom: r.parcours for r in RoleModel.objects.all()}
    problems = []
    for portrait in portraits:
        assert stored[portrait["prenom"]] == " ".join(portrait["parcours"].split())
        assert portrait.get("etapes"), f"{portrait['prenom']} has no dated steps"
        problems += rules.timeline_problems(portrait, TODAY.year)
    assert problems == []


def test_an_impossible_timeline_is_caught():
    awa = {
        "prenom": "Awa",
        "etapes": [{"annee": 2020, "etape": "bac-pro-ciel"}, {"annee": 2022, "etape": "bts-sio"}],
        "parcours": "Après un bac pro CIEL en 2020 et un BTS SIO en 2022, Awa est analyste.",
    }
    assert rules.timeline_problems(awa, 2026) == [
        "portrait de Awa : bac-pro-ciel en 2020, impossible avant 2026"
    ]
    sarah = {
        "prenom": "Sarah",
        "etapes": [{"annee": 2021, "etape": "trophees-nsi"}],
        "parcours": "Aux Trophées NSI en 2021, puis en MP2I, Sarah est aujourd'hui ingénieure.",
    }
    assert rules.timeline_problems(sarah, 2026) == [
        "portrait de Sarah : trophees-nsi en 2021, impossible avant 2022",
        "portrait de Sarah : le récit cite mp2i sans l'année dans ses étapes",
    ]
    unordered = {
        "prenom": "Léa",
        "etapes": [{"annee": 2024, "etape": "but"}, {"annee": 2021, "etape": "bac-std2a"}],
        "parcours": "Bac STD2A en 2021, BUT en 2024.",
    }
    assert rules.timeline_problems(unordered, 2026) == [
        "portrait de Léa : les étapes ne sont pas dans l'ordre des années"
    ]


# --- Every acronym and anglicism of a fiche is in the glossary ---------------------------------


def test_every_acronym_and_anglicism_of_the_fiches_is_in_the_glossary():
    termes = glossary()
    assert len(termes) >= 60
    problems = []
    for page in metiers():
        problems += rules.jargon_problems(page.slug, fiche_text(page), termes)
    for page in FormationPage.objects.live():
        problems += rules.jargon_problems(page.slug, text(page.description), termes)
    assert problems == []


def test_jargon_missing_from_the_glossary_is_caught():
    termes = [term for term in glossary() if term[0] not in ("VLAN", "self-control")]
    prose = "Il configure un VLAN et garde son self-control ; il connaît le BUT et l'UX/UI."
    assert rules.jargon_problems("fiche", prose, termes) == [
        "fiche : le sigle VLAN n'est pas dans le glossaire",
        "fiche : l'anglicisme « self-control » n'est pas dans le glossaire",
    ]


# --- Inclusive forms follow the documented convention -------------------------------------------


def test_the_demo_follows_the_inclusive_writing_convention():
    problems = []
    for page in metiers():
        problems += rules.inclusive_problems(page.slug, fiche_text(page))
    for where, prose in editorial_texts():
        problems += rules.inclusive_problems(where, prose)
    for portrait in RoleModel.objects.all():
        problems += rules.inclusive_problems(portrait.prenom, portrait.parcours)
    assert problems == []


def test_inclusive_lapses_are_caught():
    prose = (
        "Les développeur·ses aident les utilisateurs. Le bac s'adresse aux créatifs et aux "
        "nouveaux arrivants. Les utilisatrices et utilisateurs sont écoutés."
    )
    assert rules.inclusive_problems("fiche", prose) == [
        "fiche : « développeur·ses » : écrire ·euse(s)",
        "fiche : « aux créatifs » n'est pas inclusif",
        "fiche : « nouveaux arrivants » n'est pas inclusif",
        "fiche : « utilisateurs » sans « utilisatrices »",
    ]


def test_a_federation_count_shows_only_with_its_source(client):
    membres = MembresPage.objects.live().get()
    federation = Federation.objects.get(slug="numeum")
    assert "entreprises représentées" not in client.get(membres.url).content.decode()
    federation.nombre_entreprises = 2200
    with pytest.raises(ValidationError) as refused:
        federation.full_clean()
    assert "nombre_entreprises_source" in refused.value.message_dict
    Federation.objects.filter(pk=federation.pk).update(nombre_entreprises=2200)
    assert "2200 entreprises" not in client.get(membres.url).content.decode()
    source = Source.objects.create(
        titre="Rapport annuel", editeur="Numeum", annee=2025, url="https://numeum.fr/rapport"
    )
    Federation.objects.filter(pk=federation.pk).update(nombre_entreprises_source=source)
    page = client.get(membres.url).content.decode()
    assert "2200 entreprises représentées" in page
    assert 'href="https://numeum.fr/rapport"' in page


def test_the_key_figures_show_with_their_source_link_and_never_without(client):
    page = FemmesNumeriquePage.objects.live().get()
    html = client.get(page.url).content.decode()
    for figure in demo_key_figures():
        assert f'href="{figure["source_url"]}"' in html
        assert figure["valeur"] in html
    raw = list(page.chiffres_cles.raw_data)
    raw[0]["value"]["source_url"] = ""
    page.chiffres_cles = raw
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert demo_key_figures()[0]["libelle"] not in html
