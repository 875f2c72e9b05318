"""How teenagers type, and what a message must never carry into storage."""

import pytest

from chatbot import safety
from chatbot.entities import extract, primary
from chatbot.language import normalize
from search.service import edit_distance

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("C'EST QUOI un Développeur ?!", "c est quoi un developpeur"),
        ("c koi", "c est quoi"),
        ("jsp", "je sais pas"),
        ("chui trooop perdu", "je suis trop perdu"),
        ("pk ya bcp de dev", "pourquoi il y a beaucoup de dev"),
        ("tkt stp", "t inquiete pas s il te plait"),
        ("slt cc mdr", "salut coucou rire"),
        ("g fait nsi", "j ai fait nsi"),
        ("jveux faire de l'info", "je veux faire de l informatique"),
        ("jsuis en 3ème", "je suis en 3e"),
        ("etudes 2 dev", "etudes de dev"),
        ("bac+2 en 2 ans", "bacplus2 en 2 ans"),
        ("t nul", "tu es nul"),
        ("t'es où", "tu es ou"),
    ],
)
def test_normalization(typed, normalized):
    assert normalize(typed) == normalized


def test_edit_distance_counts_swaps_once_and_stops_early():
    assert edit_distance("pentester", "pentseter", 2) == 1
    assert edit_distance("pentester", "pentesteur", 2) == 1
    assert edit_distance("abc", "xyzxyz", 1) == 2


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("un devloppeur web", "metier:developpeur-web"),
        ("une developpeuse web", "metier:developpeur-web"),
        ("les devs mobile", "metier:developpeur-mobile"),
        ("ingenieure cloud", "metier:ingenieur-cloud-devops"),
        ("administratrice systemes et reseaux", "metier:administrateur-systemes-reseaux"),
        ("cheffe de projet informatique", "metier:chef-de-projet-informatique"),
        ("le bts sio slam", "formation:bts-sio-slam"),
        ("la spe nsi", "specialite:nsi"),
        ("un bac sti2d", "bac:bac-sti2d"),
        ("a marseile", "ville:Marseille"),
        ("en ile de france", "region:ile-de-france"),
    ],
)
def test_entities_survive_typos_plurals_and_gender(typed, key):
    assert primary(extract(normalize(typed))).key == key


@pytest.mark.parametrize(
    "typed",
    [
        "je recherche un stage",
        "trop nice ce site",
        "si je fais un bts",
        "ses parents sont profs",
        "un conseil stp",
        "je veux developper des jeux",
    ],
)
def test_everyday_words_are_no_entities(typed):
    assert extract(normalize(typed)) == []


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("je veux me suicider", "suicide"),
        ("jai plus envie de vivre", "suicide"),
        ("je vais me faire du mal", "automutilation"),
        ("on me harcele au college", "harcelement"),
        ("je me fais racketter", "harcelement"),
        ("ils ont diffuse mes photos sur snap", "cyberharcelement"),
        ("je suis victime de cyberharcelement", "cyberharcelement"),
        ("tg sale bot", "insulte"),
    ],
)
def test_distress_and_insults_are_recognised(typed, kind):
    assert safety.assess(normalize(typed)).category == kind


@pytest.mark.parametrize(
    "typed",
    [
        "mdr je vais mourir de rire",
        "ma mere va me tuer si jai pas le bac",
        "c quoi les menaces en cybersecurite",
        "je suis nul en maths",
        "je suis sur insta tout le temps",
    ],
)
def test_ordinary_messages_are_no_distress(typed):
    assert safety.assess(normalize(typed)) is None


def test_a_beating_at_home_points_to_119():
    lines = safety.care(safety.assess(normalize("mon pere me frappe")).category)
    assert any("119" in line for line in lines)
