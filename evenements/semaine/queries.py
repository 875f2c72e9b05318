"""What the public may read of the Semaine du numérique, and how it is filtered and placed.

The API validates parameters and calls these; the rules (only published editions and events,
Paris calendar days, distances as the search computes them) live here.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from search.service import distance_km

from .models import Edition, Evenement


def evenements_publics():
    """Published events of published editions, with what a list shows, in a constant number of
    queries."""
    return (
        Evenement.objects.visibles()
        .select_related("edition", "etablissement", "federation")
        .prefetch_related("niveaux")
        .order_by("debut", "titre", "pk")
    )


def edition_publiee(value):
    """The published edition named by its year ("2026") or its slug; None if there is none."""
    editions = Edition.objects.publiees()
    if value.isdigit() and len(value) == 4:
        return editions.filter(annee=int(value)).first()
    return editions.filter(slug=value).first()


def derniere_edition():
    return Edition.objects.publiees().order_by("-annee").first()


def _debut_du_jour(day):
    """Midnight in Paris at the start of that calendar day."""
    return timezone.make_aware(datetime.combine(day, time.min))


def filtrer(
    evenements, *, edition=None, regions=(), types=(), niveaux=(), du=None, au=None, en_ligne=None
):
    """Events matching every given criterion; `du` and `au` are Paris calendar days, inclusive:
    an event counts if it overlaps them."""
    if edition is not None:
        evenements = evenements.filter(edition=edition)
    if regions:
        evenements = evenements.filter(region__in=regions)
    if types:
        evenements = evenements.filter(type__in=types)
    if niveaux:
        # A subquery rather than a join: no duplicates, no DISTINCT over the whole row.
        through = Evenement.niveaux.through.objects.filter(niveau_id__in=niveaux)
        evenements = evenements.filter(pk__in=through.values("evenement_id"))
    if du is not None:
        evenements = evenements.filter(fin__gt=_debut_du_jour(du))
    if au is not None:
        evenements = evenements.filter(debut__lt=_debut_du_jour(au + timedelta(days=1)))
    if en_ligne is True:
        evenements = evenements.exclude(lien_en_ligne="")
    elif en_ligne is False:
        evenements = evenements.filter(lien_en_ligne="")
    return evenements


def autour(evenements, lat, lon, radius_km):
    """Events with a place within the radius, nearest first: [(evenement, distance_km)]."""
    places = evenements.filter(latitude__isnull=False, longitude__isnull=False)
    distances = {}
    for pk, e_lat, e_lon in places.values_list("pk", "latitude", "longitude"):
        distance = distance_km(lat, lon, float(e_lat), float(e_lon))
        if distance <= radius_km:
            distances[pk] = distance
    found = places.filter(pk__in=list(distances))
    return sorted(((e, distances[e.pk]) for e in found), key=lambda pair: (pair[1], pair[0].debut))
