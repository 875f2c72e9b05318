"""The vocabularies of studies in France: levels, kinds of formation and establishment, régions.

They are shared with the métiers (access levels) and the search facets, so they live here, with
the room that owns studies.
"""

from django.db import models


class Niveau(models.IntegerChoices):
    """Years of study after the bac (bac+N), the way French students count them."""

    BAC = 0, "Bac"
    BAC1 = 1, "Bac+1"
    BAC2 = 2, "Bac+2"
    BAC3 = 3, "Bac+3"
    BAC4 = 4, "Bac+4"
    BAC5 = 5, "Bac+5"
    BAC6 = 6, "Bac+6"
    BAC8 = 8, "Bac+8"


class TypeFormation(models.TextChoices):
    CAP = "cap", "CAP"
    BAC_PRO = "bac_pro", "Bac pro"
    BTS = "bts", "BTS"
    BUT = "but", "BUT"
    LICENCE = "licence", "Licence"
    LICENCE_PRO = "licence_pro", "Licence professionnelle"
    MASTER = "master", "Master"
    INGENIEUR = "ingenieur", "Diplôme d'ingénieur"
    BACHELOR = "bachelor", "Bachelor"
    TITRE_RNCP = "titre_rncp", "Titre RNCP"
    CPGE = "cpge", "Classe préparatoire (CPGE)"
    MASTERE_SPECIALISE = "mastere_specialise", "Mastère spécialisé"
    ECOLE_SPECIALISEE = "ecole_specialisee", "École spécialisée"
    DOCTORAT = "doctorat", "Doctorat"


class TypeBac(models.TextChoices):
    GENERAL = "general", "Bac général"
    TECHNOLOGIQUE = "technologique", "Bac technologique"
    PROFESSIONNEL = "professionnel", "Bac professionnel"


class TypeEtablissement(models.TextChoices):
    UNIVERSITE = "universite", "Université"
    IUT = "iut", "IUT"
    ECOLE_INGENIEURS = "ecole_ingenieurs", "École d'ingénieurs"
    ECOLE_NUMERIQUE = "ecole_numerique", "École du numérique"
    ECOLE_COMMERCE = "ecole_commerce", "École de commerce"
    LYCEE = "lycee", "Lycée"


class Statut(models.TextChoices):
    PUBLIC = "public", "Public"
    PRIVE = "prive", "Privé"


class Region(models.TextChoices):
    """The 18 régions of France: 13 in metropolitan France, 5 overseas."""

    AUVERGNE_RHONE_ALPES = "auvergne-rhone-alpes", "Auvergne-Rhône-Alpes"
    BOURGOGNE_FRANCHE_COMTE = "bourgogne-franche-comte", "Bourgogne-Franche-Comté"
    BRETAGNE = "bretagne", "Bretagne"
    CENTRE_VAL_DE_LOIRE = "centre-val-de-loire", "Centre-Val de Loire"
    CORSE = "corse", "Corse"
    GRAND_EST = "grand-est", "Grand Est"
    HAUTS_DE_FRANCE = "hauts-de-france", "Hauts-de-France"
    ILE_DE_FRANCE = "ile-de-france", "Île-de-France"
    NORMANDIE = "normandie", "Normandie"
    NOUVELLE_AQUITAINE = "nouvelle-aquitaine", "Nouvelle-Aquitaine"
    OCCITANIE = "occitanie", "Occitanie"
    PAYS_DE_LA_LOIRE = "pays-de-la-loire", "Pays de la Loire"
    PROVENCE_ALPES_COTE_D_AZUR = "provence-alpes-cote-d-azur", "Provence-Alpes-Côte d'Azur"
    GUADELOUPE = "guadeloupe", "Guadeloupe"
    MARTINIQUE = "martinique", "Martinique"
    GUYANE = "guyane", "Guyane"
    LA_REUNION = "la-reunion", "La Réunion"
    MAYOTTE = "mayotte", "Mayotte"
