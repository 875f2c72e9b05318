"""Demo content of the Semaine du numérique: this year's edition, in the first full week of
December, with about a hundred events across the 18 régions (evenements/semaine/demo_data.yaml).

Idempotent: the edition is found by its year and the events by their slugs, and updated in
place, in a handful of bulk queries. Times in the data are local to each place (Paris time in
metropolitan France, the local time overseas) and stored as the instants they mean.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django.utils.text import slugify

from cms.communaute.models import Federation
from cms.formations.models import Etablissement
from search import service as search

from .models import Edition, Evenement

DATA = Path(__file__).with_name("demo_data.yaml")
ORGANISERS_GROUP = "Organisateurs de la Semaine du numérique"
LOCAL_TIME = {
    "guadeloupe": "America/Guadeloupe",
    "martinique": "America/Martinique",
    "guyane": "America/Cayenne",
    "la-reunion": "Indian/Reunion",
    "mayotte": "Indian/Mayotte",
}
FIELDS = [
    "titre", "edition", "type", "description", "etablissement", "federation", "organisation",
    "adresse", "commune", "region", "latitude", "longitude", "lien_en_ligne", "debut", "fin",
    "capacite", "inscriptions_ouverture", "inscriptions_fermeture", "publie",
]  # fmt: skip


def first_full_week_of_december(year):
    """Monday and Saturday of the first week of December that starts on a Monday."""
    first = date(year, 12, 1)
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    return monday, monday + timedelta(days=5)


def load_edition(year):
    monday, saturday = first_full_week_of_december(year)
    edition, _ = Edition.objects.update_or_create(
        annee=year,
        defaults={"slug": str(year), "date_debut": monday, "date_fin": saturday, "publiee": True},
    )
    return edition


def _when(edition, modele, jour, region):
    zone = ZoneInfo(LOCAL_TIME.get(region, "Europe/Paris"))
    day = edition.date_debut + timedelta(days=5 if modele.get("samedi") else jour)
    start = datetime.combine(day, time.fromisoformat(modele["heure"]), tzinfo=zone)
    return start, start + timedelta(minutes=modele["duree"])


def _evenement(edition, modele, slug, organiser, place, jour):
    debut, fin = _when(edition, modele, jour, place.get("region", ""))
    paris = ZoneInfo("Europe/Paris")
    opening = datetime.combine(edition.date_debut - timedelta(days=45), time(9), tzinfo=paris)
    closing = datetime.combine(debut.date() - timedelta(days=2), time(18), tzinfo=paris)
    where = place.get("commune") or "en ligne"
    return Evenement(
        slug=slug,
        titre=f"{modele['titre']} – {where}",
        edition=edition,
        type=modele["type"],
        description=" ".join(modele["description"].split()),
        adresse=place.get("adresse", ""),
        commune=place.get("commune", ""),
        region=place.get("region", ""),
        latitude=place.get("lat"),
        longitude=place.get("lon"),
        lien_en_ligne=place.get("en_ligne", ""),
        debut=debut,
        fin=fin,
        capacite=modele["capacite"],
        inscriptions_ouverture=opening,
        inscriptions_fermeture=closing,
        publie=True,
        **organiser,
    )


def planned_events(edition, data):
    """The events of the data file, as unsaved objects with their audience levels."""
    modeles = data["modeles"]
    by_type = data["modeles_par_type"]
    planned = []
    seen_per_type = {}
    members = Etablissement.objects.filter(membre=True).order_by("region", "nom")
    for index, etablissement in enumerate(members):
        rotation = by_type[etablissement.type]
        rank = seen_per_type.get(etablissement.type, 0)
        seen_per_type[etablissement.type] = rank + 1
        key = rotation[rank % len(rotation)]
        place = {
            "adresse": etablissement.adresse,
            "commune": etablissement.ville,
            "region": etablissement.region,
            "lat": etablissement.latitude,
            "lon": etablissement.longitude,
        }
        slug = f"{edition.annee}-{key}-{etablissement.slug}"[:120]
        planned.append(
            (
                _evenement(
                    edition, modeles[key], slug, {"etablissement": etablissement}, place, index % 5
                ),
                modeles[key]["niveaux"],
            )
        )
    federations = {f.slug: f for f in Federation.objects.all()}
    for other in data["autres"]:
        modele = modeles[other["modele"]]
        if "federation" in other:
            organiser = {"federation": federations[other["federation"]]}
            who = other["federation"]
        else:
            organiser = {"organisation": other["organisation"]}
            who = slugify(other["organisation"].split("(")[0])
        place = dict(other.get("lieu") or {"en_ligne": other["en_ligne"]})
        for axis in ("lat", "lon"):
            if axis in place:
                place[axis] = Decimal(str(place[axis]))
        where = slugify(place.get("commune", "en-ligne"))
        slug = f"{edition.annee}-{other['modele']}-{who}-{where}"
        planned.append(
            (_evenement(edition, modele, slug, organiser, place, other["jour"]), modele["niveaux"])
        )
    return planned


def load_semaine_demo(today=None):
    """This year's edition and its events, created or refreshed in place; returns the edition."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    edition = load_edition((today or timezone.localdate()).year)
    planned = planned_events(edition, data)
    existing = Evenement.objects.in_bulk([e.slug for e, _ in planned], field_name="slug")
    new, changed = [], []
    for evenement, _ in planned:
        current = existing.get(evenement.slug)
        if current is None:
            new.append(evenement)
            continue
        for field in FIELDS:
            setattr(current, field, getattr(evenement, field))
        changed.append(current)
    Evenement.objects.bulk_create(new)
    Evenement.objects.bulk_update(changed, FIELDS)
    saved = Evenement.objects.in_bulk([e.slug for e, _ in planned], field_name="slug")
    through = Evenement.niveaux.through
    through.objects.filter(evenement__in=saved.values()).delete()
    through.objects.bulk_create(
        through(evenement_id=saved[evenement.slug].pk, niveau_id=code)
        for evenement, niveaux in planned
        for code in niveaux
    )
    search.reindex("evenement", [e.pk for e in saved.values()])
    load_organisers_group()
    return edition


def load_organisers_group():
    """The group an organiser's account joins: the admin, and the events it is named on."""
    group, _ = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
        | Permission.objects.filter(
            content_type__app_label="semaine",
            codename__in=[f"{action}_evenement" for action in ("add", "change", "delete", "view")],
        )
    )
