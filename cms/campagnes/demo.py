"""Demo campaigns: four fictional influencers (one per theme), their short links and a month of
daily counts, so the commission's report has something to show.

Everything is marked as a demonstration, and the counts are drawn from a fixed seed: loading
twice on the same day leaves the same pages, links and numbers.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cms.demo.media import demo_image
from cms.formations.models import FormationPage
from cms.metiers.models import MetierPage

from .models import (
    Action,
    ActionJour,
    CampagneIndexPage,
    CampagnePage,
    LienCourt,
    Plateforme,
    Theme,
    VisiteJour,
)

DAYS = 30
DEMO = "Campagne de démonstration : l'influenceuse ou l'influenceur est fictif."
CAMPAGNES = [
    {
        "slug": "nour-tech-for-good",
        "title": "Le numérique qui répare le monde, avec Nour",
        "nom": "Nour (personnage fictif, démo)",
        "compte": "@nour.demo",
        "plateforme": Plateforme.YOUTUBE,
        "theme": Theme.TECH_FOR_GOOD,
        "metier": "data-scientist",
        "intro": "Nour montre comment la donnée aide à prévoir les crues et à sauver des vies.",
        "liens": ["youtube-nour-tech-for-good", "affiche-nour-tech-for-good"],
        "audience": 60,
    },
    {
        "slug": "lea-cyber",
        "title": "La cyber, c'est aussi pour les filles, avec Léa",
        "nom": "Léa (personnage fictif, démo)",
        "compte": "@lea.cyber.demo",
        "plateforme": Plateforme.TIKTOK,
        "theme": Theme.FEMMES_DIVERSITE,
        "metier": "pentester",
        "intro": "Léa, pentesteuse, raconte comment elle protège des hôpitaux des pirates.",
        "liens": ["tiktok-lea-cyber", "affiche-lea-cyber"],
        "audience": 120,
    },
    {
        "slug": "samir-orientation",
        "title": "Quel métier du numérique pour toi ? Samir te guide",
        "nom": "Samir (personnage fictif, démo)",
        "compte": "@samir.oriente.demo",
        "plateforme": Plateforme.INSTAGRAM,
        "theme": Theme.ORIENTATION,
        "metier": "developpeur-web",
        "intro": "Samir a testé dix métiers du numérique en dix jours : à toi de trouver le tien.",
        "liens": ["insta-samir-orientation", "affiche-samir-orientation"],
        "audience": 90,
    },
    {
        "slug": "claire-reconversion",
        "title": "Changer de vie pour le numérique, avec Claire",
        "nom": "Claire (personnage fictif, démo)",
        "compte": "@claire.reconversion.demo",
        "plateforme": Plateforme.LINKEDIN,
        "theme": Theme.RECONVERSION,
        "metier": "administrateur-systemes-reseaux",
        "intro": "Claire était infirmière ; à 35 ans, elle est devenue administratrice réseaux.",
        "liens": ["linkedin-claire-reconversion", "affiche-claire-reconversion"],
        "audience": 35,
    },
]
# Share of a day's visits that go on to each action.
RATES = {Action.TEST: 0.28, Action.CONVERSATION: 0.12, Action.PARCOURS: 0.06}


def load_campagnes_demo(home):
    """Create or refresh the demo campaigns under /campagnes/ with their links and counts."""
    from cms.demo.loader import upsert_page  # the loader imports this module

    index = upsert_page(
        home,
        CampagneIndexPage,
        "campagnes",
        title="Campagnes",
        introduction="Les vidéos de nos ambassadrices et ambassadeurs, et où aller ensuite.",
    )
    today = timezone.localdate()
    formation = FormationPage.objects.live().order_by("path").first()
    for data in CAMPAGNES:
        metier = MetierPage.objects.live().filter(slug=data["metier"]).first()
        appels = [
            ("test", {"titre": "Et toi, quel métier ?", "bouton": "Je fais le test"}),
            ("charly", {"titre": "Une question ?", "bouton": "Je demande à Charly"}),
        ]
        if metier:
            appels.append(
                ("metier", {"titre": metier.title, "bouton": "Découvrir", "page": metier})
            )
        if formation:
            appels.append(
                ("formation", {"titre": formation.title, "bouton": "Voir", "page": formation})
            )
        page = upsert_page(
            index,
            CampagnePage,
            data["slug"],
            title=data["title"],
            introduction=data["intro"],
            search_description=DEMO,
            influenceur_nom=data["nom"],
            influenceur_compte=data["compte"],
            plateforme=data["plateforme"],
            theme=data["theme"],
            debut=today - timedelta(days=DAYS),
            fin=today + timedelta(days=DAYS),
            image=demo_image(f"Campagne {data['slug']}", data["title"][:40], data["slug"]),
            appels=[{"type": kind, "value": _raw(value)} for kind, value in appels],
        )
        load_counts(page, data, today)


def _raw(value):
    return {"texte": "", **value, **({"page": value["page"].pk} if "page" in value else {})}


@transaction.atomic
def load_counts(page, data, today):
    """A month of counts: a peak when the video comes out, then a slow decline."""
    rng = random.Random(data["slug"])
    liens = [
        LienCourt.objects.update_or_create(
            code=code,
            defaults={"campagne": page, "utm_medium": "affiche" if i else "social"},
        )[0]
        for i, code in enumerate(data["liens"])
    ]
    VisiteJour.objects.filter(lien__in=liens).delete()
    ActionJour.objects.filter(campagne=page).delete()
    visites, actions = [], []
    for age in range(DAYS, 0, -1):
        jour = today - timedelta(days=age)
        wave = data["audience"] * (0.3 + 2.0 * 0.85 ** max(0, DAYS - age - 3))
        total = 0
        for share, lien in zip((0.8, 0.2), liens, strict=True):
            count = max(0, round(wave * share * rng.uniform(0.7, 1.3)))
            total += count
            visites.append(VisiteJour(lien=lien, jour=jour, visites=count))
        for action, rate in RATES.items():
            count = round(total * rate * rng.uniform(0.7, 1.3))
            actions.append(ActionJour(campagne=page, jour=jour, action=action, nombre=count))
    VisiteJour.objects.bulk_create(visites)
    ActionJour.objects.bulk_create(actions)
