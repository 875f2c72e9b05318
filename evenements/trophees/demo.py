"""A fictional Trophées NSI edition for the demo: about 263 teams across the 18 régions, their
projects, regional and national juries with their notes, finalists and published laureates.

Everything here is invented and says so: the edition is flagged `demo` and titled
"(démonstration)", the lycées are "Lycée fictif …", the accounts "demo-…" cannot log in, and links
point to example.org. Only the shape of the calendar follows the real one (première and terminale
NSI students, regional finals at the end of May, the national final in June). The edition is
rebuilt whole at each load, with bulk inserts, so loading twice gives the same content.
"""

import random
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from cms.formations.choices import Region

from . import services
from .models import (
    Categorie,
    Critere,
    Edition,
    Eleve,
    Equipe,
    FinaleRegionale,
    Jure,
    Lycee,
    Niveau,
    Note,
    Projet,
    ProjetRevision,
)

TEAMS_PER_REGION = {
    Region.ILE_DE_FRANCE: 47, Region.AUVERGNE_RHONE_ALPES: 30, Region.HAUTS_DE_FRANCE: 22,
    Region.NOUVELLE_AQUITAINE: 21, Region.OCCITANIE: 21, Region.GRAND_EST: 20,
    Region.PROVENCE_ALPES_COTE_D_AZUR: 18, Region.PAYS_DE_LA_LOIRE: 15, Region.BRETAGNE: 13,
    Region.NORMANDIE: 12, Region.BOURGOGNE_FRANCHE_COMTE: 11, Region.CENTRE_VAL_DE_LOIRE: 10,
    Region.LA_REUNION: 6, Region.GUADELOUPE: 4, Region.MARTINIQUE: 4, Region.CORSE: 3,
    Region.GUYANE: 3, Region.MAYOTTE: 3,
}  # fmt: skip
CHEFS_LIEUX = {
    Region.ILE_DE_FRANCE: "Paris", Region.AUVERGNE_RHONE_ALPES: "Lyon",
    Region.HAUTS_DE_FRANCE: "Lille", Region.NOUVELLE_AQUITAINE: "Bordeaux",
    Region.OCCITANIE: "Toulouse", Region.GRAND_EST: "Strasbourg",
    Region.PROVENCE_ALPES_COTE_D_AZUR: "Marseille", Region.PAYS_DE_LA_LOIRE: "Nantes",
    Region.BRETAGNE: "Rennes", Region.NORMANDIE: "Rouen", Region.BOURGOGNE_FRANCHE_COMTE: "Dijon",
    Region.CENTRE_VAL_DE_LOIRE: "Orléans", Region.LA_REUNION: "Saint-Denis",
    Region.GUADELOUPE: "Basse-Terre", Region.MARTINIQUE: "Fort-de-France",
    Region.CORSE: "Ajaccio", Region.GUYANE: "Cayenne", Region.MAYOTTE: "Mamoudzou",
}  # fmt: skip
TEAMS_PER_LYCEE = 5
PIONNIERES = [
    "Ada-Lovelace", "Alan-Turing", "Grace-Hopper", "Margaret-Hamilton", "Katherine-Johnson",
    "Hedy-Lamarr", "Frances-Allen", "Barbara-Liskov", "Radia-Perlman", "Joan-Clarke",
    "Gilles-Kahn", "Philippe-Flajolet", "Louis-Pouzin", "Anita-Borg", "Sophie-Germain",
]  # fmt: skip
ADJECTIFS = [
    "Binaires", "Curieux", "Pixels", "Octets", "Lambdas", "Récursifs", "Boucles", "Tuples",
    "Algorithmes", "Bits", "Graphes", "Piles", "Files", "Arbres", "Compilateurs", "Drones",
    "Capteurs", "Neurones",
]  # fmt: skip
NOMS = [
    "du Nord", "du Sud", "de l'Ouest", "de l'Est", "en folie", "volants", "masqués", "solaires",
    "quantiques", "agiles", "lumineux", "rebelles", "du futur", "nocturnes", "connectés",
]  # fmt: skip
PRENOMS = [
    "Inès", "Lucas", "Jade", "Hugo", "Léa", "Nathan", "Chloé", "Adam", "Manon", "Yanis", "Emma",
    "Noah", "Sarah", "Rayan", "Camille", "Louis", "Lina", "Enzo", "Zoé", "Mathis", "Aya", "Théo",
    "Maëlys", "Sacha", "Nour", "Mael", "Anaïs", "Ilyes", "Clara", "Timéo",
]  # fmt: skip
PROJETS = {
    Categorie.JEU: ["Un jeu de plateau en Python", "Un jeu d'énigmes sur les réseaux"],
    Categorie.SCIENCE: ["Simuler une épidémie", "Un planétarium interactif"],
    Categorie.SOCIETE: ["Une carte des fontaines de la ville", "Un outil d'entraide au lycée"],
    Categorie.DONNEES: ["Reconnaître des chants d'oiseaux", "La météo du lycée en données"],
    Categorie.OUTIL: ["Un agenda de révisions", "Un générateur d'emplois du temps"],
    Categorie.OBJET: ["Une serre connectée", "Un robot qui trie les déchets"],
}
LANGAGES = [["Python"], ["Python", "SQL"], ["JavaScript", "HTML/CSS"], ["Python", "MicroPython"]]
GRILLE = [
    ("Originalité", "L'idée et sa part de nouveauté.", 2),
    ("Qualité technique", "Le code, sa structure, ses tests.", 3),
    ("Fonctionnement", "Le projet fait ce qu'il annonce.", 2),
    ("Présentation", "La vidéo, le dossier et l'oral.", 2),
    ("Travail d'équipe", "La répartition et la démarche.", 1),
]
PRIX = ["Premier prix", "Deuxième prix", "Troisième prix", "Prix de la créativité", "Prix du jury"]
REGIONAL_JURORS = 3
NATIONAL_JURORS = 5
ORGANISERS = "Organisation des Trophées NSI"


def demo_year(today):
    """The last edition whose national final (June) is over: its results can be shown."""
    return today.year if today.month >= 7 else today.year - 1


def paris(day, at):
    return timezone.make_aware(datetime.combine(day, at), services.PARIS)


def demo_users(prefix, count):
    """Accounts that cannot log in (no usable password), created once."""
    User = get_user_model()
    names = [f"{prefix}-{index:02d}" for index in range(1, count + 1)]
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    User.objects.bulk_create(
        User(username=name, email=f"{name}@example.org", password=make_password(None))
        for name in names
        if name not in existing
    )
    by_name = User.objects.in_bulk(names, field_name="username")
    return [by_name[name] for name in names]


def organisers_group():
    group, _ = Group.objects.get_or_create(name=ORGANISERS)
    group.permissions.add(
        Permission.objects.get(codename="organiser", content_type__app_label="trophees")
    )
    return group


def create_edition(annee):
    edition = Edition.objects.create(
        annee=annee,
        titre=f"Trophées NSI {annee} (démonstration)",
        demo=True,
        inscriptions_ouverture=date(annee - 1, 10, 1),
        inscriptions_fermeture=date(annee, 1, 31),
        date_limite_depot=paris(date(annee, 4, 12), time(23, 59, 59)),
        finale_nationale=date(annee, 6, 10),
        finale_nationale_lieu="Paris (lieu fictif de démonstration)",
        resultats_publies=True,
    )
    FinaleRegionale.objects.bulk_create(
        FinaleRegionale(
            edition=edition,
            region=region,
            date=date(annee, 5, 20 + index % 10),
            lieu=f"{CHEFS_LIEUX[region]} (lieu fictif de démonstration)",
            sort_order=index,
        )
        for index, region in enumerate(TEAMS_PER_REGION)
    )
    Critere.objects.bulk_create(
        Critere(edition=edition, nom=nom, description=description, poids=poids, sort_order=i)
        for i, (nom, description, poids) in enumerate(GRILLE)
    )
    return edition


def demo_lycees():
    lycees = []
    for region, teams in TEAMS_PER_REGION.items():
        count = -(-teams // TEAMS_PER_LYCEE)
        for index in range(count):
            nom = f"Lycée fictif {PIONNIERES[index % len(PIONNIERES)]}"
            lycees.append(Lycee(nom=nom, ville=CHEFS_LIEUX[region], region=region))
    Lycee.objects.bulk_create(lycees, ignore_conflicts=True)
    found = Lycee.objects.filter(nom__startswith="Lycée fictif ").order_by("region", "nom", "pk")
    by_region = {}
    for lycee in found:
        by_region.setdefault(lycee.region, []).append(lycee)
    return by_region


def team_names(count):
    names = [f"Les {adjectif} {nom}" for nom in NOMS for adjectif in ADJECTIFS]
    return random.Random(10).sample(names, count)


def create_teams(edition, lycees, teachers, rng):
    equipes, names, number = [], iter(team_names(sum(TEAMS_PER_REGION.values()))), 0
    teacher_of = {}
    for region, count in TEAMS_PER_REGION.items():
        for index in range(count):
            lycee = lycees[region][index // TEAMS_PER_LYCEE]
            teacher_of.setdefault(lycee.pk, teachers[len(teacher_of) % len(teachers)])
            niveau = Niveau.TERMINALE if number % 3 else Niveau.PREMIERE
            equipes.append(
                Equipe(
                    edition=edition,
                    lycee=lycee,
                    enseignant=teacher_of[lycee.pk],
                    nom=next(names),
                    niveau=niveau,
                )
            )
            number += 1
    equipes = Equipe.objects.bulk_create(equipes)
    Eleve.objects.bulk_create(
        Eleve(
            equipe=equipe,
            prenom=rng.choice(PRENOMS),
            initiale=rng.choice("ABCDEFGHIJKLMNOPRSTUVWY"),
            niveau=equipe.niveau,
        )
        for equipe in equipes
        for _ in range(rng.randint(edition.equipe_min, edition.equipe_max))
    )
    return equipes


def create_projets(edition, equipes, rng):
    categories = list(PROJETS)
    projets = Projet.objects.bulk_create(
        Projet(
            equipe=equipe,
            titre=rng.choice(PROJETS[categorie]),
            resume=(
                "Projet fictif de démonstration : une équipe de NSI imagine, programme et "
                "présente son idée."
            ),
            categorie=categorie,
            langages=rng.choice(LANGAGES),
            depot_url=f"https://example.org/demo/trophees/{edition.annee}/{index}",
            video_url=f"https://example.org/demo/trophees/{edition.annee}/{index}/video",
        )
        for index, equipe in enumerate(equipes, start=1)
        for categorie in [categories[index % len(categories)]]
    )
    deposited = edition.date_limite_depot
    ProjetRevision.objects.bulk_create(
        ProjetRevision(
            projet=projet,
            auteur=projet.equipe.enseignant,
            cree_le=deposited,
            contenu=services.snapshot(projet) | {"fichiers": []},
        )
        for projet in projets
    )


def create_juries(edition, lycees):
    regional = demo_users("demo-jure", REGIONAL_JURORS * len(TEAMS_PER_REGION))
    national = demo_users("demo-jury-national", NATIONAL_JURORS)
    jures = Jure.objects.bulk_create(
        [
            Jure(user=user, edition=edition, region=region)
            for index, region in enumerate(TEAMS_PER_REGION)
            for user in regional[index * REGIONAL_JURORS : (index + 1) * REGIONAL_JURORS]
        ]
        + [Jure(user=user, edition=edition, region="") for user in national]
    )
    # The first juror of each région knows the first lycée of their région well.
    Conflit = Jure.conflits.through
    Conflit.objects.bulk_create(
        Conflit(jure_id=jure.pk, lycee_id=lycees[jure.region][0].pk)
        for jure in jures[::REGIONAL_JURORS]
        if jure.region
    )
    return [j for j in jures if j.region], [j for j in jures if not j.region]


def create_notes(jures, equipes, criteres, rng, conflicts=()):
    Note.objects.bulk_create(
        Note(jure=jure, equipe=equipe, critere=critere, valeur=rng.randint(6, critere.note_max))
        for jure in jures
        for equipe in equipes
        if (jure.pk, equipe.lycee_id) not in conflicts
        for critere in criteres
    )


@transaction.atomic
def load_trophees_demo(today=None):
    """(Re)build the demo edition; a real edition of the same year is never touched."""
    annee = demo_year(today or timezone.localdate())
    if Edition.objects.filter(annee=annee, demo=False).exists():
        return
    Edition.objects.filter(annee=annee, demo=True).delete()
    organisers_group().user_set.add(*demo_users("demo-organisation", 1))
    rng = random.Random(annee)
    edition = create_edition(annee)
    criteres = list(edition.criteres.all())
    lycees = demo_lycees()
    teachers = demo_users("demo-enseignant", sum(len(found) for found in lycees.values()))
    equipes = create_teams(edition, lycees, teachers, rng)
    create_projets(edition, equipes, rng)
    regional, national = create_juries(edition, lycees)
    conflicts = {(jure.pk, lycees[jure.region][0].pk) for jure in regional[::REGIONAL_JURORS]}
    for region in TEAMS_PER_REGION:
        in_region = [e for e in equipes if e.lycee.region == region]
        create_notes(
            [j for j in regional if j.region == region], in_region, criteres, rng, conflicts
        )
    scores = services.edition_scores(edition, national=False)
    finalists = [
        max((e for e in equipes if e.lycee.region == region), key=lambda e: scores[e.pk][0])
        for region in TEAMS_PER_REGION
    ]
    Equipe.objects.filter(pk__in=[e.pk for e in finalists]).update(finaliste=True)
    create_notes(national, finalists, criteres, rng)
    national_scores = services.edition_scores(edition, national=True)
    podium = sorted(finalists, key=lambda e: (-national_scores[e.pk][0], e.pk))[: len(PRIX)]
    for ordre, (equipe, prix) in enumerate(zip(podium, PRIX, strict=True), start=1):
        Equipe.objects.filter(pk=equipe.pk).update(prix=prix, prix_ordre=ordre)
