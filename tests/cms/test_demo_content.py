"""The demo content is real content: it must pass the same quality bar as editors' work."""

import re

import pytest
from django.core.management import call_command

from cms.communaute.models import Federation, RoleModel
from cms.demo.loader import demo_counts
from cms.formations.choices import Region
from cms.formations.geography import OVERSEAS
from cms.formations.models import Bac, Etablissement, FormationPage, Specialite
from cms.metiers.models import MetierPage
from cms.metiers.riasec import DIMENSIONS

pytestmark = pytest.mark.django_db

METIER_SLUGS = {
    "developpeur-web", "developpeur-mobile", "developpeur-jeux-video", "game-designer",
    "ux-ui-designer", "data-analyst", "data-scientist", "data-engineer", "ingenieur-ia",
    "analyste-cybersecurite", "pentester", "rssi", "administrateur-systemes-reseaux",
    "ingenieur-cloud-devops", "technicien-support", "ingenieur-systemes-embarques", "roboticien",
    "chef-de-projet-informatique", "product-owner", "architecte-si", "testeur-qa",
    "consultant-numerique", "administrateur-bases-de-donnees", "community-manager",
    "chercheur-informatique",
}  # fmt: skip


def words(html):
    return re.findall(r"[\w·'-]+", re.sub(r"<[^>]+>", " ", html))


def test_load_demo_is_idempotent(capsys):
    before = demo_counts()
    metier_ids = sorted(MetierPage.objects.values_list("id", flat=True))
    call_command("load_demo")
    assert demo_counts() == before
    assert sorted(MetierPage.objects.values_list("id", flat=True)) == metier_ids
    assert "25 métiers" in capsys.readouterr().out


def test_demo_volumes():
    counts = demo_counts()
    assert counts["métiers"] == 25
    assert counts["formations"] >= 30
    assert counts["établissements"] >= 70
    assert counts["fédérations"] == 3
    assert counts["portraits"] >= 6
    assert counts["publications"] >= 3
    # No source gives the federations' member counts: none is shown (issue 17).
    assert not Federation.objects.filter(nombre_entreprises__isnull=False).exists()


def test_the_25_metiers_have_their_fixed_slugs_and_are_live():
    assert set(MetierPage.objects.live().values_list("slug", flat=True)) == METIER_SLUGS


@pytest.mark.parametrize("slug", sorted(METIER_SLUGS))
def test_each_metier_fiche_is_complete(slug):
    metier = MetierPage.objects.live().get(slug=slug)
    assert metier.accroche.count(".") <= 2, "the accroche is one sentence"
    assert len(words(metier.description)) >= 150
    assert len(words(metier.missions)) >= 10
    assert len(words(metier.competences)) >= 10
    profile = metier.riasec_profile
    assert all(0 <= profile[letter] <= 100 for letter in DIMENSIONS)
    assert len(metier.code_riasec) == 3
    assert metier.onet_reference, "say which O*NET occupation inspired the profile"
    assert metier.niveau_acces_min <= metier.niveau_acces_usuel
    if metier.salaire_debutant_min is not None:
        assert 1000 < metier.salaire_debutant_min <= metier.salaire_debutant_max < 10000
    formations = metier.formations.all()
    assert formations.count() >= 2
    assert all(f.live for f in formations)
    assert metier.bacs.exists()
    assert metier.specialites.exists()
    assert metier.faq.count() >= 3
    assert metier.synonym_list
    assert metier.image is not None
    assert all(p.live and p.slug in METIER_SLUGS for p in metier.metiers_proches.all())


def test_riasec_profiles_match_the_metiers():
    dominant = {m.slug: m.code_riasec[0] for m in MetierPage.objects.all()}
    assert dominant["data-scientist"] == "I"
    assert dominant["chercheur-informatique"] == "I"
    assert dominant["ux-ui-designer"] == "A"
    assert dominant["game-designer"] == "A"
    assert dominant["technicien-support"] == "R"
    assert dominant["roboticien"] == "R"


def test_formations_are_offered_and_accessible():
    for formation in FormationPage.objects.live():
        assert formation.etablissements.exists(), formation.slug
        assert formation.bacs.exists() or formation.niveau_sortie >= 3, formation.slug
        assert len(words(formation.description)) >= 50, formation.slug
    named = set(FormationPage.objects.values_list("slug", flat=True))
    for expected in ("bts-sio-sisr", "bts-sio-slam", "bts-ciel", "but-informatique",
                     "but-reseaux-telecommunications", "but-mmi", "but-science-des-donnees",
                     "licence-informatique", "licence-miashs", "master-informatique",
                     "master-miage", "cpge-mp2i-mpi", "titre-rncp-developpeur-web"):  # fmt: skip
        assert expected in named


def test_establishments_cover_all_regions_without_shared_coordinates():
    etablissements = list(Etablissement.objects.all())
    assert {e.region for e in etablissements} == set(Region.values)
    assert any(e.region in OVERSEAS for e in etablissements)
    coordinates = [(e.latitude, e.longitude) for e in etablissements]
    assert len(coordinates) == len(set(coordinates)), "two establishments share coordinates"
    for etablissement in etablissements:
        etablissement.full_clean()  # location inside France and inside its own région
    assert Etablissement.objects.filter(membre=True).count() >= 40
    assert Etablissement.objects.filter(formations__isnull=True).count() == 0


def test_bacs_and_specialites():
    assert {"bac-general", "bac-sti2d", "bac-stmg", "bac-pro-ciel"} <= set(
        Bac.objects.values_list("slug", flat=True)
    )
    assert Specialite.objects.get(slug="nsi").bac.slug == "bac-general"
    assert Specialite.objects.get(slug="sin").bac.slug == "bac-sti2d"
    assert Specialite.objects.get(slug="sig").bac.slug == "bac-stmg"


def test_role_models_are_first_names_linked_to_metiers():
    for portrait in RoleModel.objects.all():
        assert " " not in portrait.prenom.strip()
        assert portrait.metier is not None
        assert portrait.metier.live
        assert portrait.photo is not None
