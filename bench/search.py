"""Benchmark: the engine search backend against raw engine calls, on a generated corpus.

    cd /work/main && .venv/bin/python bench/search.py [--formations 50000 --etablissements 5000
        --queries 200 --url http://127.0.0.1:9200]

It generates a deterministic corpus of formation offers and establishments in the document shape
of `search.documents`, then measures side by side, in the same run and with the same client:

* bulk indexing throughput: `EngineBackend.rebuild` against a raw `helpers.bulk` of the same
  documents into an index created with the same `index_body`;
* latency: `backend.search` / `suggest` / `clusters` against `client.search` with the same body;
* end to end: `GET /api/v1/recherche/?q=` over HTTP, under gunicorn with the production settings
  (throttles, validation, the query log in a SQLite database, the JSON rendering), against
  `client.search` with the body the backend sends for the same query.

Machines are noisy, so only the ratios are meant to be read; nothing is asserted. Every index it
creates carries a random `tdn-bench-<hex>` prefix and is deleted at the end, even on failure.
"""

import argparse
import http.client
import json
import logging
import math
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

import django

ROOT = Path(__file__).resolve().parent.parent
# Run as `python bench/search.py`, Python puts bench/ first on sys.path, where this very file
# would shadow the project's `search` package: import from the project root instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()

from django.utils.text import slugify  # noqa: E402
from opensearchpy.helpers import bulk  # noqa: E402

from bench import api as api_bench  # noqa: E402  (its gunicorn and Redis helpers)
from cms.formations.choices import Region, Statut, TypeEtablissement, TypeFormation  # noqa: E402
from search.analysis import DEFAULT_SYNONYMS  # noqa: E402
from search.backends.base import BBox, GeoFilter, SearchRequest  # noqa: E402
from search.backends.engine import EngineBackend, index_body  # noqa: E402
from search.documents import _base  # noqa: E402  (private, but it fixes the exact key set)
from search.transport import Transport  # noqa: E402

# Corpus vocabulary ---------------------------------------------------------------------------

R = Region
# (city, région, lat, lon, weight): metropolitan France only, weight ~ how many schools it has.
CITIES = [
    ("Lyon", R.AUVERGNE_RHONE_ALPES, 45.7640, 4.8357, 8),
    ("Villeurbanne", R.AUVERGNE_RHONE_ALPES, 45.7719, 4.8902, 2),
    ("Grenoble", R.AUVERGNE_RHONE_ALPES, 45.1885, 5.7245, 4),
    ("Saint-Étienne", R.AUVERGNE_RHONE_ALPES, 45.4397, 4.3872, 3),
    ("Clermont-Ferrand", R.AUVERGNE_RHONE_ALPES, 45.7772, 3.0870, 3),
    ("Annecy", R.AUVERGNE_RHONE_ALPES, 45.8992, 6.1294, 2),
    ("Chambéry", R.AUVERGNE_RHONE_ALPES, 45.5646, 5.9178, 1),
    ("Valence", R.AUVERGNE_RHONE_ALPES, 44.9334, 4.8924, 1),
    ("Dijon", R.BOURGOGNE_FRANCHE_COMTE, 47.3220, 5.0415, 3),
    ("Besançon", R.BOURGOGNE_FRANCHE_COMTE, 47.2378, 6.0241, 2),
    ("Belfort", R.BOURGOGNE_FRANCHE_COMTE, 47.6397, 6.8638, 1),
    ("Auxerre", R.BOURGOGNE_FRANCHE_COMTE, 47.7982, 3.5673, 1),
    ("Rennes", R.BRETAGNE, 48.1173, -1.6778, 5),
    ("Brest", R.BRETAGNE, 48.3904, -4.4861, 3),
    ("Lorient", R.BRETAGNE, 47.7483, -3.3700, 1),
    ("Vannes", R.BRETAGNE, 47.6582, -2.7608, 1),
    ("Lannion", R.BRETAGNE, 48.7326, -3.4566, 1),
    ("Saint-Brieuc", R.BRETAGNE, 48.5136, -2.7650, 1),
    ("Tours", R.CENTRE_VAL_DE_LOIRE, 47.3941, 0.6848, 3),
    ("Orléans", R.CENTRE_VAL_DE_LOIRE, 47.9029, 1.9093, 3),
    ("Bourges", R.CENTRE_VAL_DE_LOIRE, 47.0810, 2.3988, 1),
    ("Chartres", R.CENTRE_VAL_DE_LOIRE, 48.4439, 1.4890, 1),
    ("Blois", R.CENTRE_VAL_DE_LOIRE, 47.5861, 1.3359, 1),
    ("Ajaccio", R.CORSE, 41.9192, 8.7386, 1),
    ("Bastia", R.CORSE, 42.6970, 9.4509, 1),
    ("Corte", R.CORSE, 42.3063, 9.1500, 1),
    ("Strasbourg", R.GRAND_EST, 48.5734, 7.7521, 5),
    ("Reims", R.GRAND_EST, 49.2583, 4.0317, 2),
    ("Metz", R.GRAND_EST, 49.1193, 6.1757, 2),
    ("Nancy", R.GRAND_EST, 48.6921, 6.1844, 3),
    ("Mulhouse", R.GRAND_EST, 47.7508, 7.3359, 2),
    ("Troyes", R.GRAND_EST, 48.2973, 4.0744, 1),
    ("Lille", R.HAUTS_DE_FRANCE, 50.6292, 3.0573, 6),
    ("Roubaix", R.HAUTS_DE_FRANCE, 50.6942, 3.1746, 2),
    ("Amiens", R.HAUTS_DE_FRANCE, 49.8941, 2.2958, 2),
    ("Valenciennes", R.HAUTS_DE_FRANCE, 50.3570, 3.5235, 1),
    ("Dunkerque", R.HAUTS_DE_FRANCE, 51.0344, 2.3768, 1),
    ("Arras", R.HAUTS_DE_FRANCE, 50.2910, 2.7775, 1),
    ("Paris", R.ILE_DE_FRANCE, 48.8566, 2.3522, 20),
    ("Boulogne-Billancourt", R.ILE_DE_FRANCE, 48.8397, 2.2399, 2),
    ("Saint-Denis", R.ILE_DE_FRANCE, 48.9362, 2.3574, 2),
    ("Versailles", R.ILE_DE_FRANCE, 48.8049, 2.1204, 2),
    ("Créteil", R.ILE_DE_FRANCE, 48.7904, 2.4556, 2),
    ("Nanterre", R.ILE_DE_FRANCE, 48.8924, 2.2071, 2),
    ("Évry-Courcouronnes", R.ILE_DE_FRANCE, 48.6239, 2.4294, 1),
    ("Cergy", R.ILE_DE_FRANCE, 49.0364, 2.0761, 1),
    ("Massy", R.ILE_DE_FRANCE, 48.7309, 2.2713, 1),
    ("Noisy-le-Grand", R.ILE_DE_FRANCE, 48.8486, 2.5528, 1),
    ("Rouen", R.NORMANDIE, 49.4432, 1.0999, 3),
    ("Caen", R.NORMANDIE, 49.1829, -0.3707, 3),
    ("Le Havre", R.NORMANDIE, 49.4944, 0.1079, 2),
    ("Cherbourg-en-Cotentin", R.NORMANDIE, 49.6337, -1.6222, 1),
    ("Évreux", R.NORMANDIE, 49.0241, 1.1508, 1),
    ("Bordeaux", R.NOUVELLE_AQUITAINE, 44.8378, -0.5792, 6),
    ("Talence", R.NOUVELLE_AQUITAINE, 44.8085, -0.5886, 1),
    ("Limoges", R.NOUVELLE_AQUITAINE, 45.8336, 1.2611, 2),
    ("Poitiers", R.NOUVELLE_AQUITAINE, 46.5802, 0.3404, 2),
    ("La Rochelle", R.NOUVELLE_AQUITAINE, 46.1603, -1.1511, 2),
    ("Pau", R.NOUVELLE_AQUITAINE, 43.2951, -0.3708, 2),
    ("Bayonne", R.NOUVELLE_AQUITAINE, 43.4929, -1.4748, 1),
    ("Niort", R.NOUVELLE_AQUITAINE, 46.3237, -0.4588, 1),
    ("Angoulême", R.NOUVELLE_AQUITAINE, 45.6484, 0.1562, 1),
    ("Toulouse", R.OCCITANIE, 43.6047, 1.4442, 7),
    ("Montpellier", R.OCCITANIE, 43.6108, 3.8767, 5),
    ("Nîmes", R.OCCITANIE, 43.8367, 4.3601, 2),
    ("Perpignan", R.OCCITANIE, 42.6887, 2.8948, 2),
    ("Albi", R.OCCITANIE, 43.9289, 2.1464, 1),
    ("Béziers", R.OCCITANIE, 43.3442, 3.2158, 1),
    ("Castres", R.OCCITANIE, 43.6060, 2.2410, 1),
    ("Tarbes", R.OCCITANIE, 43.2328, 0.0781, 1),
    ("Rodez", R.OCCITANIE, 44.3506, 2.5750, 1),
    ("Nantes", R.PAYS_DE_LA_LOIRE, 47.2184, -1.5536, 6),
    ("Angers", R.PAYS_DE_LA_LOIRE, 47.4784, -0.5632, 3),
    ("Le Mans", R.PAYS_DE_LA_LOIRE, 48.0061, 0.1996, 2),
    ("Saint-Nazaire", R.PAYS_DE_LA_LOIRE, 47.2735, -2.2138, 1),
    ("Laval", R.PAYS_DE_LA_LOIRE, 48.0707, -0.7734, 1),
    ("La Roche-sur-Yon", R.PAYS_DE_LA_LOIRE, 46.6705, -1.4260, 1),
    ("Cholet", R.PAYS_DE_LA_LOIRE, 47.0600, -0.8786, 1),
    ("Marseille", R.PROVENCE_ALPES_COTE_D_AZUR, 43.2965, 5.3698, 7),
    ("Nice", R.PROVENCE_ALPES_COTE_D_AZUR, 43.7102, 7.2620, 4),
    ("Toulon", R.PROVENCE_ALPES_COTE_D_AZUR, 43.1242, 5.9280, 2),
    ("Aix-en-Provence", R.PROVENCE_ALPES_COTE_D_AZUR, 43.5297, 5.4474, 3),
    ("Avignon", R.PROVENCE_ALPES_COTE_D_AZUR, 43.9493, 4.8055, 2),
    ("Valbonne", R.PROVENCE_ALPES_COTE_D_AZUR, 43.6415, 7.0091, 1),
    ("Cannes", R.PROVENCE_ALPES_COTE_D_AZUR, 43.5528, 7.0174, 1),
    ("Gap", R.PROVENCE_ALPES_COTE_D_AZUR, 44.5594, 6.0786, 1),
]

T = TypeEtablissement
# Establishment kind -> (share of establishments, chance of being public, formations it offers).
ETABLISSEMENT_KINDS = {
    T.LYCEE: (45, 0.85, ("cap", "bac_pro", "bts", "cpge")),
    T.IUT: (8, 1.0, ("but", "licence_pro")),
    T.UNIVERSITE: (7, 1.0, ("licence", "licence_pro", "master", "doctorat")),
    T.ECOLE_INGENIEURS: (10, 0.5, ("ingenieur", "mastere_specialise", "bachelor", "cpge")),
    T.ECOLE_NUMERIQUE: (20, 0.2, ("titre_rncp", "bachelor", "ecole_specialisee")),
    T.ECOLE_COMMERCE: (10, 0.1, ("bachelor", "mastere_specialise", "titre_rncp")),
}


def rows(text):
    """The rows of a `a | b | c` text block: vocabulary reads better as a table than as code."""
    return [tuple(cell.strip() for cell in line.split("|")) for line in text.strip().splitlines()]


def items(text):
    """One item per line."""
    return [row[0] for row in rows(text)]


def by_kind(table):
    """{kind: [(mention, sigle), ...]} from `kind | sigle | mention` rows."""
    grouped = {}
    for kind, sigle, mention in table:
        grouped.setdefault(kind, []).append((mention, sigle))
    return grouped


PERSONS = items("""
    Jean Moulin
    Victor Hugo
    Marie Curie
    Louis Pasteur
    Jules Ferry
    Gustave Eiffel
    Jean Jaurès
    Simone Veil
    Albert Camus
    Paul Langevin
    Condorcet
    Jacques Prévert
    George Sand
    Blaise Pascal
    Ada Lovelace
    Alan Turing
    Irène Joliot-Curie
    Colbert
    Voltaire
    Jean Monnet
    Olympe de Gouges
    Antoine de Saint-Exupéry
    Louise Michel
    Lucie Aubrac
    Vaucanson
    Camille Claudel
    René Descartes
    Sophie Germain
    Joseph Fourier
    Henri Poincaré
    Émile Zola
    François Arago
    André-Marie Ampère
    Turgot
""")
# Private (or engineering) school brands: name | sigle.
SCHOOL_BRANDS = rows("""
    Institut supérieur d'électronique               | ISEN
    École d'informatique appliquée                  | EIA
    École supérieure du numérique                   | ESN
    Institut du code                                | IDC
    Campus numérique                                | CNUM
    École des technologies de l'information         | ETI
    École supérieure de commerce                    | ESC
    Institut de management digital                  | IMD
    École nationale supérieure d'informatique       | ENSI
    Institut national polytechnique                 | INP
    École de la cybersécurité                       | ECYB
    École du jeu vidéo                              | EJV
""")
# Formation kind (TypeFormation value) | title prefix | output level bac+N | chance of alternance.
FORMATION_KINDS = {
    kind: (prefix, int(niveau), float(alternance))
    for kind, prefix, niveau, alternance in rows("""
        cap                 | CAP                       | 0 | 0.5
        bac_pro             | Bac pro                   | 0 | 0.5
        bts                 | BTS                       | 2 | 0.6
        but                 | BUT                       | 3 | 0.5
        licence             | Licence                   | 3 | 0.1
        licence_pro         | Licence professionnelle   | 3 | 0.8
        master              | Master                    | 5 | 0.4
        ingenieur           | Diplôme d'ingénieur       | 5 | 0.3
        bachelor            | Bachelor                  | 3 | 0.6
        titre_rncp          | Titre professionnel       | 3 | 0.7
        cpge                | Classe préparatoire       | 2 | 0.0
        mastere_specialise  | Mastère spécialisé        | 6 | 0.5
        ecole_specialisee   | Programme                 | 3 | 0.3
        doctorat            | Doctorat                  | 8 | 0.0
    """)
}
# Formation kind | sigle (often none) | mention.
MENTIONS = by_kind(
    rows("""
    cap                | CAP Élec      | Électricien
    cap                |               | Opérateur logistique
    cap                | CAP EPC       | Équipier polyvalent du commerce
    bac_pro            | Bac pro CIEL  | Cybersécurité, informatique et réseaux, électronique
    bac_pro            | Bac pro MELEC | Métiers de l'électricité et de ses environnements connectés
    bac_pro            | Bac pro MSPC  | Maintenance des systèmes de production connectés
    bac_pro            | Bac pro MCV   | Métiers du commerce et de la vente
    bts                | BTS SIO SLAM  | Services informatiques aux organisations, option SLAM
    bts                | BTS SIO SISR  | Services informatiques aux organisations, option SISR
    bts                | BTS CIEL IR   | CIEL, option A informatique et réseaux
    bts                | BTS CIEL ER   | CIEL, option B électronique et réseaux
    bts                | BTS SN        | Systèmes numériques
    bts                | BTS COM       | Communication
    bts                | BTS NDRC      | Négociation et digitalisation de la relation client
    bts                | BTS CPI       | Conception des produits industriels
    but                | BUT Info      | Informatique
    but                | BUT R&T       | Réseaux et télécommunications
    but                | BUT MMI       | Métiers du multimédia et de l'internet
    but                | BUT SD        | Science des données
    but                | BUT GEII      | Génie électrique et informatique industrielle
    licence            |               | Informatique
    licence            |               | Mathématiques
    licence            | SPI           | Sciences pour l'ingénieur
    licence            | MIASHS        | Mathématiques et informatique appliquées aux SHS
    licence            |               | Information-communication
    licence_pro        |               | Métiers de l'informatique : conception et développement
    licence_pro        |               | Métiers des réseaux informatiques et télécommunications
    licence_pro        |               | Métiers du numérique : conception et réalisation web
    licence_pro        |               | Métiers de l'informatique : administration et sécurité
    master             |               | Informatique, parcours intelligence artificielle
    master             |               | Informatique, parcours cybersécurité
    master             |               | Informatique, parcours génie logiciel
    master             |               | Science des données
    master             |               | Réseaux et télécommunications
    master             | MIAGE         | Méthodes informatiques appliquées à la gestion
    ingenieur          |               | spécialité informatique
    ingenieur          |               | spécialité cybersécurité
    ingenieur          |               | spécialité systèmes embarqués
    ingenieur          |               | spécialité réseaux et télécommunications
    ingenieur          |               | spécialité data science et intelligence artificielle
    bachelor           |               | Développeur web et mobile
    bachelor           |               | Cybersécurité
    bachelor           |               | Cloud et DevOps
    bachelor           |               | Data et intelligence artificielle
    bachelor           |               | Marketing digital
    bachelor           |               | Jeux vidéo
    titre_rncp         | DWWM          | Développeur web et web mobile
    titre_rncp         | CDA           | Concepteur développeur d'applications
    titre_rncp         | AIS           | Administrateur d'infrastructures sécurisées
    titre_rncp         | TSSR          | Technicien supérieur systèmes et réseaux
    titre_rncp         |               | Data analyst
    titre_rncp         |               | Concepteur designer UI
    cpge               | MPSI          | MPSI – mathématiques, physique et sciences de l'ingénieur
    cpge               | MP2I          | MP2I – mathématiques, physique, ingénierie et informatique
    cpge               | PCSI          | PCSI – physique, chimie et sciences de l'ingénieur
    cpge               | PTSI          | PTSI – physique, technologie et sciences de l'ingénieur
    mastere_specialise | MS Cyber      | Cybersécurité des systèmes d'information
    mastere_specialise | MS Big Data   | Big data
    mastere_specialise | MS IA         | Intelligence artificielle
    mastere_specialise |               | Management des systèmes d'information
    ecole_specialisee  |               | Game design et programmation de jeux vidéo
    ecole_specialisee  |               | Animation 3D et effets spéciaux
    ecole_specialisee  |               | Design d'interaction
    ecole_specialisee  |               | Développement informatique
    doctorat           |               | Informatique
    doctorat           |               | Mathématiques appliquées
    doctorat           |               | Automatique et traitement du signal
""")
)
SKILLS = items("""
    programmer en Python et en JavaScript
    administrer des serveurs Linux
    configurer des routeurs et des pare-feu
    sécuriser un système d'information
    analyser et visualiser des données
    concevoir des interfaces accessibles
    gérer un projet en méthode agile
    déployer des applications dans le cloud
    tester un logiciel et corriger ses bugs
    modéliser une base de données
    développer des applications mobiles
    entraîner des modèles d'apprentissage automatique
    programmer des cartes électroniques
    superviser un réseau d'entreprise
""")
JOBS = items("""
    développeur·se web
    technicien·ne réseau
    analyste en cybersécurité
    data analyst
    administrateur·rice systèmes
    chef·fe de projet digital
    testeur·se logiciel
    intégrateur·rice web
    développeur·se de jeux vidéo
    ingénieur·e DevOps
    technicien·ne support
    data scientist
    pentesteur·se
    architecte cloud
""")
DURATIONS = {0: "deux ou trois ans", 2: "deux ans", 3: "trois ans", 5: "cinq ans"}


@dataclass
class School:
    """An establishment, with the titles of the offers it teaches (its document's body)."""

    pk: int
    name: str
    sigle: str
    kind: str
    statut: str
    city: str
    region: str
    lat: float
    lon: float
    offer_titles: list = field(default_factory=list)


def make_schools(rng, count):
    """Establishments spread over cities by weight, a few km around the centre, not stacked."""
    kinds = list(ETABLISSEMENT_KINDS)
    kind_weights = [ETABLISSEMENT_KINDS[k][0] for k in kinds]
    city_weights = [c[4] for c in CITIES]
    schools = []
    for pk in range(1, count + 1):
        city, region, lat, lon, _ = rng.choices(CITIES, city_weights)[0]
        kind = rng.choices(kinds, kind_weights)[0]
        name, sigle = school_name(rng, kind, city)
        public = rng.random() < ETABLISSEMENT_KINDS[kind][1]
        schools.append(
            School(
                pk=pk,
                name=name,
                sigle=sigle,
                kind=kind,
                statut=(Statut.PUBLIC if public else Statut.PRIVE).value,
                city=city,
                region=region.value,
                lat=round(lat + rng.uniform(-0.04, 0.04), 5),
                lon=round(lon + rng.uniform(-0.05, 0.05), 5),
            )
        )
    return schools


def school_name(rng, kind, city):
    """A plausible French establishment name and its sigle (often none)."""
    if kind == T.LYCEE:
        return f"Lycée {rng.choice(['', 'polyvalent ', 'technologique '])}{rng.choice(PERSONS)}", ""
    if kind == T.IUT:
        return f"IUT de {city}", f"IUT {city}"
    if kind == T.UNIVERSITE:
        return f"Université {rng.choice(PERSONS)} de {city}", ""
    brand, sigle = rng.choice(SCHOOL_BRANDS)
    return f"{brand} {city}", f"{sigle} {city}"


def make_offer(rng, pk, school):
    """One formation offer taught at one establishment: a formation document."""
    kind = rng.choice(ETABLISSEMENT_KINDS[school.kind][2])
    prefix, niveau, alternance_chance = FORMATION_KINDS[kind]
    mention, sigle = rng.choice(MENTIONS[kind])
    title = f"{prefix} {mention} ({school.city})"
    school.offer_titles.append(title)
    alternance = rng.random() < alternance_chance
    slug = f"{slugify(f'{prefix} {mention} {school.city}')[:180]}-{pk}"
    doc = _base("formation", SimpleNamespace(pk=pk, slug=slug), title, f"/formations/{slug}/")
    doc.update(
        synonyms=[sigle] if sigle else [],
        accroche=TypeFormation(kind).label,
        body=offer_description(rng, prefix, mention, niveau, school, alternance),
        villes=[school.city],
        niveau=niveau,
        type_formation=kind,
        alternance=alternance,
        region=[school.region],
        statut=[school.statut],
        location=[{"lat": school.lat, "lon": school.lon}],
    )
    return doc


def offer_description(rng, prefix, mention, niveau, school, alternance):
    """A few sentences in the tone of the real fiches, so the body field has realistic text."""
    skills = rng.sample(SKILLS, 3)
    jobs = rng.sample(JOBS, 2)
    sentences = [
        f"Le {prefix} {mention} se prépare en {DURATIONS.get(niveau, 'plusieurs années')} "
        f"à {school.city}, au sein de l'établissement {school.name}.",
        f"Tu y apprends à {skills[0]}, à {skills[1]} et à {skills[2]}.",
        "Les cours se font en petits groupes, avec beaucoup de projets et de travaux pratiques.",
        "La formation est possible en alternance (apprentissage) : tu partages ton temps entre "
        "l'entreprise et les cours."
        if alternance
        else "Un ou deux stages en entreprise complètent les cours.",
        f"Ensuite, tu peux travailler comme {jobs[0]} ou {jobs[1]}, ou poursuivre tes études.",
    ]
    return " ".join(sentences[: rng.randint(3, 5)])


def school_document(school):
    """An establishment document, built exactly like `etablissement_document`."""
    slug = f"{slugify(school.name)[:100]}-{school.pk}"
    doc = _base("etablissement", SimpleNamespace(pk=school.pk, slug=slug), school.name, "")
    doc.update(
        synonyms=[school.sigle] if school.sigle else [],
        accroche=TypeEtablissement(school.kind).label,
        villes=[school.city],
        body=" ".join(school.offer_titles),
        region=[school.region],
        statut=[school.statut],
        location=[{"lat": school.lat, "lon": school.lon}],
    )
    return doc


def build_corpus(formations, etablissements, seed):
    """The same corpus for a given seed: {"formation": [...], "etablissement": [...]}."""
    rng = random.Random(seed)
    schools = make_schools(rng, etablissements)
    offers = [make_offer(rng, pk, rng.choice(schools)) for pk in range(1, formations + 1)]
    corpus = {"formation": offers, "etablissement": [school_document(s) for s in schools]}
    expected = set(_base("page", SimpleNamespace(pk=0, slug=""), "", ""))
    for docs in corpus.values():
        assert all(set(doc) == expected for doc in docs), "document shape drifted"
    return corpus


# Indexing ------------------------------------------------------------------------------------


def time_rebuild(backend, corpus):
    """The production path: versioned index per type, bulk load, refresh, alias swap."""
    start = time.perf_counter()
    backend.rebuild(corpus, DEFAULT_SYNONYMS)
    return time.perf_counter() - start


def time_raw_bulk(client, prefix, corpus, run):
    """The floor: same client, same index body, plain helpers.bulk + refresh, nothing else.

    Its indices are deleted right after (untimed) so that the 1 GB heap holds one copy at most.
    """
    names = []
    start = time.perf_counter()
    for doc_type, docs in corpus.items():
        name = f"{prefix}-raw{run}-{doc_type}"
        client.indices.create(index=name, body=index_body(DEFAULT_SYNONYMS))
        names.append(name)
        actions = (
            {"_op_type": "index", "_index": name, "_id": doc["id"], "_source": doc} for doc in docs
        )
        bulk(client, actions, chunk_size=1000)
        client.indices.refresh(index=name)
    elapsed = time.perf_counter() - start
    for name in names:
        client.indices.delete(index=name)
    return elapsed


def bench_indexing(backend, corpus, rounds):
    """Alternate A B B A ... so slow drift (GC, merges, page cache) hits both paths alike."""
    runs = []
    for round_no in range(rounds):
        for path in ("rebuild", "raw") if round_no % 2 == 0 else ("raw", "rebuild"):
            if path == "rebuild":
                seconds = time_rebuild(backend, corpus)
            else:
                seconds = time_raw_bulk(backend.transport.client, backend.prefix, corpus, len(runs))
            runs.append((path, seconds))
            print(f"  indexing run {len(runs)}: {path:<8} {seconds:7.2f} s", flush=True)
    return runs


# Latency -------------------------------------------------------------------------------------


class RecordingTransport:
    """Wraps a Transport and remembers what `search` was sent, to replay the exact body raw."""

    def __init__(self, transport):
        self._transport = transport
        self.sent = []

    def search(self, index, body):
        self.sent.append((index, body))
        return self._transport.search(index, body)

    def __getattr__(self, name):
        return getattr(self._transport, name)


def captured_call(backend, call):
    """The (index, body) that `call(backend)` sends, for methods with no public body builder."""
    recorder = RecordingTransport(backend.transport)
    call(EngineBackend(recorder, prefix=backend.prefix, replicas=backend.replicas))
    ((index, body),) = recorder.sent
    return index, body


@dataclass
class Case:
    """One query, run through the service path and through the raw client with the same body."""

    label: str
    service: object  # () -> parsed result
    raw: object  # () -> raw engine response
    build: object = None  # () -> body, for `search`, whose body builder is public
    service_ms: list = field(default_factory=list)
    raw_ms: list = field(default_factory=list)
    took_ms: list = field(default_factory=list)
    build_ms: list = field(default_factory=list)
    hits: str = ""


def search_case(backend, label, request):
    """backend.search(request) against client.search with backend.search_body(request)."""
    client = backend.transport.client
    index, body = backend.aliases(request.types), backend.search_body(request)
    recorded = captured_call(backend, lambda b: b.search(request))
    assert recorded == (index, body), "search_body() is not what search() sends"
    return Case(
        label,
        service=lambda: backend.search(request),
        raw=lambda: client.search(index=index, body=body),
        build=lambda: backend.search_body(request),
    )


def replay_case(backend, label, call):
    """A backend call with no body builder of its own: replay the body it was seen sending."""
    client = backend.transport.client
    index, body = captured_call(backend, call)
    return Case(
        label, service=lambda: call(backend), raw=lambda: client.search(index=index, body=body)
    )


def make_cases(backend):
    """A mix of what the site sends: plain text, synonyms, facets, geo, map, autocomplete."""
    lyon = GeoFilter(lat=45.7640, lon=4.8357, radius_km=30)
    paris = BBox(min_lat=48.80, min_lon=2.22, max_lat=48.91, max_lon=2.47)
    requests = [
        ("bts informatique lyon", SearchRequest(q="bts informatique lyon")),
        ("developpeur", SearchRequest(q="developpeur")),
        ("cybersecurite alternance", SearchRequest(q="cybersecurite alternance")),
        ("devloppeur (typo)", SearchRequest(q="devloppeur")),
        ("data + region=idf", SearchRequest(q="data", filters={"region": ("ile-de-france",)})),
        (
            "informatique near Lyon, by distance",
            SearchRequest(q="informatique", near=lyon, sort="distance"),
        ),
        ("(empty) + bbox Paris", SearchRequest(bbox=paris)),
    ]
    cases = [search_case(backend, label, request) for label, request in requests]
    cases.append(replay_case(backend, "suggest('dev')", lambda b: b.suggest("dev")))
    cases.append(
        replay_case(
            backend,
            "clusters(etablissement, zoom=6)",
            lambda b: b.clusters(SearchRequest(types=("etablissement",)), zoom=6),
        )
    )
    return cases


HTTP_QUERIES = ["bts informatique lyon", "developpeur", "cybersecurite alternance", "devloppeur"]


def start_api_server(stack, backend, args):
    """gunicorn with the production settings on the bench's indices: migrate, no content."""
    tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tdn-bench-search-")))
    cache_url, _, note = api_bench.choose_cache("auto", stack, tmp)
    env = api_bench.base_env(tmp, cache_url, cache_seconds=60)
    # Generous limits: the throttles are checked on every request, as in production, but the
    # bench's single address must not be refused.
    env.update(
        SEARCH_URL=args.url, SEARCH_INDEX_PREFIX=backend.prefix, API_SEARCH_RATE="1000000/minute"
    )
    api_bench.manage(env, "migrate", "--no-input", "-v0")
    server = api_bench.start_gunicorn(stack, "search", env, args.workers, args.threads, tmp)
    print(f"  gunicorn on :{server.port}, {args.workers} workers x {args.threads} threads; {note}")
    # Each worker trains Charly's models in a thread as it starts (cms.wsgi); measured during
    # that training, requests wait for the interpreter lock: measure the steady state.
    print(f"  letting the workers finish their start-up work ({args.settle} s)...", flush=True)
    time.sleep(args.settle)
    return server


def http_case(backend, server, q):
    """GET /api/v1/recherche/?q= over HTTP against the same body sent raw to the engine."""
    client = backend.transport.client
    request = SearchRequest(q=q)  # what the view asks for a bare ?q= (page 1, 20 results)
    index, body = backend.aliases(request.types), backend.search_body(request)
    path = "/api/v1/recherche/?" + urlencode({"q": q})

    def get():
        # A connection per request, as a reverse proxy opens by default (and gunicorn closes
        # idle kept-alive connections after 2 s, which would fail a reused one now and then).
        connection = http.client.HTTPConnection(api_bench.HOST, server.port, timeout=30)
        connection.request("GET", path, headers={"Host": api_bench.HOST})
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: {response.status} {payload[:300]!r}")
        return json.loads(payload)

    answer, raw = get(), client.search(index=index, body=body)
    assert not answer["degraded"], "the server answered from the database, not the engine"
    assert answer["total"] == raw["hits"]["total"]["value"], "not the same search"
    return Case(f"GET ?q={q}", service=get, raw=lambda: client.search(index=index, body=body))


def timed(call):
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


def bench_latency(cases, rounds, warmup):
    """Interleave service and raw call by call (alternating which goes first), after warm-up."""
    for round_no in range(warmup + rounds):
        for case_no, case in enumerate(cases):
            service_first = (round_no + case_no) % 2 == 0
            for path in ("service", "raw") if service_first else ("raw", "service"):
                ms, result = timed(case.service if path == "service" else case.raw)
                if round_no < warmup:
                    continue
                if path == "service":
                    case.service_ms.append(ms)
                else:
                    case.raw_ms.append(ms)
                    case.took_ms.append(result["took"])
                    case.hits = describe_hits(result)
    # The Python part of the service path alone, with no network noise around it.
    for case in cases:
        if case.build:
            case.build_ms = [timed(case.build)[0] for _ in range(warmup + rounds)][warmup:]


def describe_hits(response):
    """Total hits, or the number of map tiles for the clusters aggregation."""
    if "tiles" in response.get("aggregations", {}):
        return f"{len(response['aggregations']['tiles']['buckets'])} tiles"
    return f"{response['hits']['total']['value']:,}" if "total" in response["hits"] else "-"


# Report --------------------------------------------------------------------------------------


def percentile(values, pct):
    """Nearest-rank percentile: an observed value, no interpolation."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def engine_description(client):
    """Distribution, version and heap of the node, to put the figures in context."""
    info = client.info()["version"]
    nodes = client.nodes.stats(metric="jvm")["nodes"].values()
    heap = sum(n["jvm"]["mem"]["heap_max_in_bytes"] for n in nodes) / 2**30
    name = f"{info.get('distribution', 'elasticsearch')} {info['number']}"
    return f"{name} (Lucene {info['lucene_version']}), heap max {heap:.1f} GiB"


def print_header(args, client, corpus, prefix, generation_s):
    sizes = {t: len(docs) for t, docs in corpus.items()}
    total = sum(sizes.values())
    megabytes = sum(len(json.dumps(d)) for docs in corpus.values() for d in docs) / 2**20
    print("Engine search backend vs raw engine calls: same client, same bodies, same run")
    print(f"  engine    {engine_description(client)} at {args.url}")
    print(
        f"  machine   {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"opensearch-py {version('opensearch-py')}, "
        f"elasticsearch-dsl {version('elasticsearch-dsl')} "
        f"(its module comes from elasticsearch {version('elasticsearch')})"
    )
    print(
        f"  corpus    {sizes['formation']:,} formation offers + {sizes['etablissement']:,} "
        f"établissements = {total:,} documents ({megabytes:.1f} MB of JSON, seed {args.seed}, "
        f"generated in {generation_s:.1f} s)"
    )
    print(f"  indices   {prefix}-* (deleted at the end)")
    print(flush=True)


def print_indexing(runs, total_docs):
    def median_rate(path):
        return statistics.median(total_docs / s for p, s in runs if p == path)

    rebuild, raw = median_rate("rebuild"), median_rate("raw")
    order = " ".join("A" if p == "rebuild" else "B" for p, _ in runs)
    print()
    print(f"Bulk indexing, {total_docs:,} documents, order {order}, median of each path")
    print("  A = EngineBackend.rebuild (create, bulk with refresh off, refresh, alias swap)")
    print("  B = raw: create with the same index_body, helpers.bulk(chunk_size=1000), refresh")
    print(f"  {'path':<10}{'docs/s':>10}{'runs (s)':>26}")
    for path, rate in (("A rebuild", rebuild), ("B raw", raw)):
        seconds = " ".join(f"{s:.1f}" for p, s in runs if p == path.split()[1])
        print(f"  {path:<10}{rate:>10,.0f}{seconds:>26}")
    print(f"  ratio A/B (throughput) {rebuild / raw:.2f}")


def print_latency(cases, rounds, warmup, http=False):
    print()
    print(
        f"Latency in ms, {rounds} measured calls per path and query after {warmup} warm-up "
        "rounds, service and raw interleaved"
    )
    if http:
        print("  svc = GET /api/v1/recherche/?q= over HTTP under gunicorn, the whole request")
    else:
        print("  svc = backend method: build the body with elasticsearch-dsl, send, parse the hits")
    print("  raw = client.search(index, body), body built beforehand; took = engine's own p50;")
    print("  dsl = search_body() alone, p50; clusters (size=0) is served by the request cache")
    head = (
        f"  {'query':<36}{'hits':>10}{'took':>6}{'dsl':>6}"
        f"{'svc p50':>9}{'raw p50':>9}{'ratio':>7}{'svc p95':>9}{'raw p95':>9}{'ratio':>7}"
    )
    rule = "  " + "-" * (len(head) - 2)
    print(head)
    print(rule)
    for case in cases:
        took = f"{statistics.median(case.took_ms):.0f}"
        dsl = f"{statistics.median(case.build_ms):.1f}" if case.build_ms else "-"
        print(latency_row(case.label, case.hits, took, dsl, case.service_ms, case.raw_ms))
    searches = [c for c in cases if c.build or http]
    pooled_service = [ms for c in searches for ms in c.service_ms]
    pooled_raw = [ms for c in searches for ms in c.raw_ms]
    print(rule)
    print(latency_row("all searches pooled", "", "", "", pooled_service, pooled_raw))


def latency_row(label, hits, took, dsl, service_ms, raw_ms):
    s50, r50 = percentile(service_ms, 50), percentile(raw_ms, 50)
    s95, r95 = percentile(service_ms, 95), percentile(raw_ms, 95)
    return (
        f"  {label:<36}{hits:>10}{took:>6}{dsl:>6}"
        f"{s50:>9.1f}{r50:>9.1f}{s50 / r50:>7.2f}{s95:>9.1f}{r95:>9.1f}{s95 / r95:>7.2f}"
    )


# Main ----------------------------------------------------------------------------------------


def delete_bench_indices(client, prefix):
    """Delete this run's indices, and only them: every name is checked against the prefix."""
    names = client.indices.get(index=f"{prefix}-*", expand_wildcards="all", ignore_unavailable=True)
    for name in sorted(names):
        if name.startswith(f"{prefix}-"):
            client.indices.delete(index=name)
    return len(names)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--formations", type=int, default=50_000, help="formation offers")
    parser.add_argument("--etablissements", type=int, default=5_000, help="establishments")
    parser.add_argument(
        "--queries", type=int, default=200, help="measured calls per query and per path"
    )
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured rounds first")
    parser.add_argument("--index-rounds", type=int, default=2, help="indexing rounds (2 = A B B A)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--url", default=os.environ.get("SEARCH_URL") or "http://127.0.0.1:9200")
    parser.add_argument(
        "--timeout", type=int, default=60, help="client timeout (s), generous for bulk chunks"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="gunicorn")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument(
        "--settle", type=int, default=60, help="seconds between gunicorn's start and measuring"
    )
    return parser.parse_args()


def main():
    args = parse_args()
    # The transport probes missing aliases with GETs that answer 404: expected, not worth a line.
    logging.getLogger("opensearch").setLevel(logging.ERROR)
    start = time.perf_counter()
    corpus = build_corpus(args.formations, args.etablissements, args.seed)
    generation_s = time.perf_counter() - start

    transport = Transport(args.url, "opensearch", timeout=args.timeout)
    if not transport.ping():
        sys.exit(f"No engine answers at {args.url} (cd /work/main && scripts/search-engine start)")
    client = transport.client
    prefix = f"tdn-bench-{secrets.token_hex(4)}"
    backend = EngineBackend(transport, prefix=prefix)
    print_header(args, client, corpus, prefix, generation_s)
    try:
        # Searches without `types` go to every alias: give métier and page an empty index.
        backend.ensure_indices(DEFAULT_SYNONYMS)
        runs = bench_indexing(backend, corpus, args.index_rounds)
        for doc_type, docs in corpus.items():
            count = client.count(index=backend.alias(doc_type))["count"]
            assert count == len(docs), f"{doc_type}: {count} indexed, {len(docs)} generated"
        cases = make_cases(backend)
        print("  measuring latency...", flush=True)
        bench_latency(cases, args.queries, args.warmup)
        print("  measuring GET /api/v1/recherche/ end to end...", flush=True)
        with ExitStack() as stack:
            server = start_api_server(stack, backend, args)
            http_cases = [http_case(backend, server, q) for q in HTTP_QUERIES]
            bench_latency(http_cases, args.queries, args.warmup)
        print_indexing(runs, sum(len(docs) for docs in corpus.values()))
        print_latency(cases, args.queries, args.warmup)
        print_latency(http_cases, args.queries, args.warmup, http=True)
    finally:
        deleted = delete_bench_indices(client, prefix)
        elapsed = time.perf_counter() - start
        print(f"\nDeleted {deleted} indices {prefix}-*; total time {elapsed:.0f} s")


if __name__ == "__main__":
    main()
