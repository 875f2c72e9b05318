"""Personal data is masked before anything a student types is stored (Charly, the search box):
each class of identifier, the way teenagers write it, and as many look-alikes left alone."""

import pytest

from cms.privacy import mask

MASKED = [
    # E-mails, written every way
    ("mon mail c lea.martin@example.org", "mon mail c [e-mail]"),
    ("ecris moi a lea_14@gmail.com stp", "ecris moi a [e-mail] stp"),
    ("prenom.nom@gmail", "[e-mail]"),
    ("contact: jules.b@hotmail", "contact: [e-mail]"),
    ("lea.martin at gmail dot com", "[e-mail]"),
    ("lea (at) gmail (dot) com", "[e-mail]"),
    ("lea arobase gmail point com", "[e-mail]"),
    ("LEA.M@YAHOO.FR", "[e-mail]"),
    # French phone numbers
    ("appelle au 06 12 34 56 78 stp", "appelle au [téléphone] stp"),
    ("mon num 0612345678", "mon num [téléphone]"),
    ("06.12.34.56.78", "[téléphone]"),
    ("06-12-34-56-78", "[téléphone]"),
    ("06/12/34/56/78", "[téléphone]"),
    ("+33 6 12 34 56 78", "[téléphone]"),
    ("+33612345678 ou 06.12.34.56.78", "[téléphone] ou [téléphone]"),
    ("(+33) 6 12 34 56 78", "[téléphone]"),
    ("+33 (0)6 12 34 56 78", "[téléphone]"),
    ("0033 6 12 34 56 78", "[téléphone]"),
    ("mon tel 6 12 34 56 78", "mon tel [téléphone]"),
    ("07 81 22 33 44 c moi", "[téléphone] c moi"),
    ("le fixe 01 45 67 89 10", "le fixe [téléphone]"),
    # Belgian and Swiss numbers
    ("+32 475 12 34 56", "[téléphone]"),
    ("0475 12 34 56", "[téléphone]"),
    ("0475/12.34.56", "[téléphone]"),
    ("+41 79 123 45 67", "[téléphone]"),
    ("079 123 45 67", "[téléphone]"),
    ("0041 79 123 45 67", "[téléphone]"),
    # Social-security numbers
    ("mon numero de secu 2 11 03 75 123 456 78", "mon numero de secu [numéro de sécurité sociale]"),
    ("1 09 12 2A 004 123 45", "[numéro de sécurité sociale]"),
    ("secu 2110375123456", "secu [numéro de sécurité sociale]"),
    # Birth dates
    ("je suis née le 12/03/2011", "je suis [date de naissance]"),
    ("ne le 3 mars 2010", "[date de naissance]"),
    ("mon anniv c'est le 12.03.2011", "mon [date de naissance]"),
    ("naissance: 01-02-2012", "[date de naissance]"),
    # Postal addresses
    ("j'habite 12 rue des Lilas", "j'habite [adresse]"),
    ("au 3 bis avenue Jean Jaurès 69007 Lyon", "au [adresse]"),
    ("5 allée du Parc", "[adresse]"),
    ("17, boulevard de la Liberté", "[adresse]"),
    ("2 impasse des Roses 33000 Bordeaux", "[adresse]"),
    ("j habite au 75011 Paris", "j habite [adresse]"),
    # Handles
    ("ajoute moi sur insta @chloe.b_2010", "ajoute moi sur insta [pseudo]"),
    ("snap: lea_14", "snap: [pseudo]"),
    ("snap : leamartin", "snap : [pseudo]"),
    ("mon insta c'est lea.m", "mon insta c'est [pseudo]"),
    ("discord = lea#1234", "discord = [pseudo]"),
    ("ajoute moi sur snap lea_2010", "ajoute moi sur snap [pseudo]"),
    ("tiktok: jules.off", "tiktok: [pseudo]"),
    ("mon snapchat cest kenzo.92", "mon snapchat cest [pseudo]"),
    # Names
    ("je m'appelle Léa Martin et j'ai 14 ans", "je m'appelle [nom] et j'ai 14 ans"),
    ("jm'appelle lucas dupont jsuis en 3e", "jm'appelle [nom] jsuis en 3e"),
    ("moi c'est Inès", "moi c'est [nom]"),
    ("mon nom est Durand", "mon nom est [nom]"),
    ("mon prénom : Chloé", "mon prénom : [nom]"),
    ("Bonjour, je suis Chloé Bernard", "Bonjour, je suis [nom]"),
    ("je suis léa martin", "je suis [nom]"),
    ("je suis lucas et je veux etre dev", "je suis [nom] et je veux etre dev"),
    ("chui ines", "chui [nom]"),
    ("Léa Martin, 14 ans, en 3e", "[nom], 14 ans, en 3e"),
    ("Jules Bernard 15 ans", "[nom] 15 ans"),
    ("je m'appel theo", "je m'appel [nom]"),
    ("moi c emma", "moi c [nom]"),
    # Several at once
    (
        "je m'appelle Léa, 06 12 34 56 78, lea@example.org",
        "je m'appelle [nom], [téléphone], [e-mail]",
    ),
]

UNCHANGED = [
    "je suis nul en maths",
    "je suis en 3e",
    "je suis perdue pour parcoursup",
    "je suis fan de jeux video",
    "je suis sur insta tout le temps",
    "mon snap est bloque",
    "je veux bosser dans la cyber",
    "le bac+2 coute 2500 euros",
    "un salaire de 2 500 à 3 200 € brut par mois",
    "1 200 000 personnes travaillent dans le numérique",
    "le salon c le 12 mars 2026",
    "les résultats arrivent le 02/06/2026",
    "le concours a lieu le 12/05",
    "RNCP37681",
    "code postal 75001 ?",
    "la finale est à 14h30",
    "en 2024, 15,2 % de filles en NSI",
    "je m'appelle pas comme ça",
    "moi c'est pas mon truc",
    "je suis trop nul",
    "je suis vraiment perdu",
    "il y a 3 rues pour aller au lycée",
    "la rue c'est pas un métier",
    "c'est quoi un dev web",
    "combien gagne un pentester",
    "bac pro CIEL en 3 ans",
    "BTS SIO option SLAM",
    "mon anniv c'est bientot",
    "je suis née en 2011",
    "j'ai 14 ans",
    "on est 30 dans la classe",
    "question 12 du test",
    "la version 2 du test",
    "note de 15/20",
    "j'ai eu 12/20 en maths",
    "il fait 30 degres",
    "la salle 204",
    "appelle le 3114 si ça va pas",
    "le 119 est gratuit",
    "le 3018 aide contre le cyberharcèlement",
    "compose le 112",
    "à 15 h au cdi",
    "les 18 régions",
    "50 000 étudiants",
    "+33 % de candidats",
    "moi c quoi mon profil",
    "je suis au lycée",
    "chui en terminale",
    "je suis en train de reviser",
    "la discord c'est nul",
    "x2 plus de places",
    "ton insta est trop bien",
    "je suis une fille",
    "je suis un garçon",
    "je suis bon en anglais",
    "mon prénom c'est secret",
    "email ou téléphone ?",
    "arobase c quoi",
    "point com",
    "rue de la paix au monopoly",
    "boulevard périphérique",
    "12 ans d'expérience",
]


@pytest.mark.parametrize(("typed", "masked"), MASKED)
def test_personal_data_is_masked(typed, masked):
    assert mask(typed) == masked


@pytest.mark.parametrize("typed", UNCHANGED)
def test_look_alikes_are_left_alone(typed):
    assert mask(typed) == typed


def test_the_tables_are_large_enough():
    assert len(MASKED) >= 60
    assert len(UNCHANGED) >= 60
