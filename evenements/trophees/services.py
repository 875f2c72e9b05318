"""The rules of the Trophées NSI: who registers, edits, sees and scores what, and when.

The API calls these functions; refusals are `cms.errors` exceptions. Time is read through `now()`
only, and every date a person reads (registration window, deadline) is a Paris date or instant:
the deadline is an aware datetime compared on the server, whatever the client's clock says.
"""

import uuid
import zoneinfo
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from cms import errors

from . import scoring, uploads
from .models import Edition, Eleve, Equipe, Fichier, Jure, Lycee, Note, Projet, ProjetRevision

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def now():
    """The one clock of the Trophées (tests set it)."""
    return timezone.now()


class DepotClos(errors.Conflict):
    code = "depot_clos"
    default_message = "La date limite de dépôt est passée : le projet ne peut plus être modifié."


class InscriptionsFermees(errors.Conflict):
    code = "inscriptions_fermees"
    default_message = "Les inscriptions des équipes ne sont pas ouvertes."


class ConflitInterets(errors.Forbidden):
    code = "conflit_interets"
    default_message = (
        "Vous avez déclaré un conflit d'intérêts avec ce lycée : "
        "vous ne pouvez pas noter ce projet."
    )


class NotationFermee(errors.Conflict):
    code = "notation_fermee"
    default_message = "La notation est ouverte entre la date limite de dépôt et la publication."


# Editions and roles


def get_edition(annee):
    edition = Edition.objects.filter(annee=annee).first()
    if edition is None:
        raise errors.NotFound("Cette édition des Trophées NSI n'existe pas.")
    return edition


def is_organiser(user):
    return user.has_perm("trophees.organiser")


def require_organiser(user):
    if not is_organiser(user):
        raise errors.Forbidden("Réservé aux organisateurs et organisatrices des Trophées NSI.")


def depot_ouvert(edition):
    return now() <= edition.date_limite_depot


def require_depot_ouvert(edition):
    if not depot_ouvert(edition):
        deadline = timezone.localtime(edition.date_limite_depot, PARIS)
        raise DepotClos(
            "La date limite de dépôt est passée "
            f"({deadline:%d/%m/%Y à %H:%M}, heure de Paris) : le projet est verrouillé."
        )


def require_inscriptions_ouvertes(edition):
    today = timezone.localtime(now(), PARIS).date()
    if not edition.inscriptions_ouverture <= today <= edition.inscriptions_fermeture:
        raise InscriptionsFermees(
            f"Les inscriptions sont ouvertes du {edition.inscriptions_ouverture:%d/%m/%Y} au "
            f"{edition.inscriptions_fermeture:%d/%m/%Y}."
        )


# Teams


def teams():
    """Teams with everything their payload shows, in a constant number of queries."""
    return Equipe.objects.select_related("lycee", "projet", "edition").prefetch_related(
        "eleves", "projet__fichiers"
    )


def visible_teams(user, edition):
    """An organiser sees every team of the edition, a teacher their own."""
    found = teams().filter(edition=edition)
    return found if is_organiser(user) else found.filter(enseignant=user)


def get_team(equipe_id):
    equipe = teams().filter(pk=equipe_id).first()
    if equipe is None:
        raise errors.NotFound("Cette équipe n'existe pas.")
    return equipe


def own_team(user, equipe_id, *, read=False):
    """The team, if `user` registered it (organisers may read any)."""
    equipe = get_team(equipe_id)
    if equipe.enseignant_id != user.pk and not (read and is_organiser(user)):
        raise errors.Forbidden("Cette équipe est inscrite par un·e autre enseignant·e.")
    return equipe


def _check_size(edition, eleves):
    if not edition.equipe_min <= len(eleves) <= edition.equipe_max:
        message = f"Une équipe compte de {edition.equipe_min} à {edition.equipe_max} élèves."
        raise errors.InvalidRequest(message, {"eleves": [message]})


def _add_students(equipe, eleves):
    Eleve.objects.bulk_create(Eleve(equipe=equipe, **eleve) for eleve in eleves)


def _name_taken(edition, nom, exclude=None):
    taken = Equipe.objects.filter(edition=edition, nom__iexact=nom).exclude(pk=exclude).exists()
    if taken:
        message = "Une équipe porte déjà ce nom dans cette édition."
        raise errors.Conflict(message, {"nom": [message]})


@transaction.atomic
def register_team(user, edition, nom, niveau, lycee, eleves):
    """A teacher registers a team of their lycée: students by first name and initial only."""
    require_inscriptions_ouvertes(edition)
    _check_size(edition, eleves)
    _name_taken(edition, nom)
    lycee, _ = Lycee.objects.get_or_create(
        nom=lycee["nom"], ville=lycee["ville"], region=lycee["region"]
    )
    try:
        with transaction.atomic():
            equipe = Equipe.objects.create(
                edition=edition, lycee=lycee, enseignant=user, nom=nom, niveau=niveau
            )
    except IntegrityError as error:  # the same name registered concurrently
        raise errors.Conflict("Une équipe porte déjà ce nom dans cette édition.") from error
    _add_students(equipe, eleves)
    return get_team(equipe.pk)


@transaction.atomic
def update_team(user, equipe_id, changes):
    """The team's name, level or students, until the deadline."""
    equipe = own_team(user, equipe_id)
    require_depot_ouvert(equipe.edition)
    if "eleves" in changes:
        _check_size(equipe.edition, changes["eleves"])
        equipe.eleves.all().delete()
        _add_students(equipe, changes["eleves"])
    if "nom" in changes:
        _name_taken(equipe.edition, changes["nom"], exclude=equipe.pk)
        equipe.nom = changes["nom"]
    equipe.niveau = changes.get("niveau", equipe.niveau)
    equipe.save(update_fields=["nom", "niveau"])
    return get_team(equipe.pk)


# Submissions


def snapshot(projet):
    """The whole state of a submission, as a revision keeps it."""
    return {
        "titre": projet.titre,
        "resume": projet.resume,
        "categorie": projet.categorie,
        "langages": projet.langages,
        "depot_url": projet.depot_url,
        "video_url": projet.video_url,
        "fichiers": [
            {"id": f.pk, "nom": f.nom, "type": f.type, "taille": f.taille}
            for f in projet.fichiers.order_by("pk")
        ],
    }


def _keep_revision(projet, user):
    ProjetRevision.objects.create(
        projet=projet, auteur=user, cree_le=now(), contenu=snapshot(projet)
    )


@transaction.atomic
def save_projet(user, equipe_id, fields):
    """Create or replace the team's submission, until the deadline; the change is kept."""
    equipe = own_team(user, equipe_id)
    require_depot_ouvert(equipe.edition)
    projet, _ = Projet.objects.update_or_create(equipe=equipe, defaults=fields)
    _keep_revision(projet, user)
    return projet


def get_projet(equipe):
    projet = getattr(equipe, "projet", None)
    if projet is None:
        raise errors.NotFound("Cette équipe n'a pas encore déposé de projet.")
    return projet


def add_fichier(user, equipe_id, upload):
    """Store a file whose content was checked; nothing is stored when anything is refused."""
    equipe = own_team(user, equipe_id)
    require_depot_ouvert(equipe.edition)
    projet = get_projet(equipe)
    if projet.fichiers.count() >= uploads.MAX_FILES:
        raise errors.Conflict(f"Un projet compte {uploads.MAX_FILES} fichiers au plus.")
    kind = uploads.check(upload)
    fichier = Fichier(projet=projet, nom=upload.name[-120:], type=kind, taille=upload.size)
    fichier.fichier.save(f"{uuid.uuid4().hex}.{kind}", upload, save=False)
    try:
        with transaction.atomic():
            fichier.save()
            _keep_revision(projet, user)
    except BaseException:
        fichier.fichier.storage.delete(fichier.fichier.name)
        raise
    return fichier


@transaction.atomic
def delete_fichier(user, equipe_id, fichier_id):
    equipe = own_team(user, equipe_id)
    require_depot_ouvert(equipe.edition)
    projet = get_projet(equipe)
    fichier = projet.fichiers.filter(pk=fichier_id).first()
    if fichier is None:
        raise errors.NotFound("Ce fichier n'existe pas.")
    name, storage = fichier.fichier.name, fichier.fichier.storage
    fichier.delete()
    _keep_revision(projet, user)
    transaction.on_commit(lambda: storage.delete(name))


def readable_fichier(user, equipe_id, fichier_id):
    """A file, for its team's teacher, the organisers, and the jurors who see its project."""
    equipe = get_team(equipe_id)
    fichier = Fichier.objects.filter(projet__equipe=equipe, pk=fichier_id).first()
    if fichier is None:
        raise errors.NotFound("Ce fichier n'existe pas.")
    if equipe.enseignant_id == user.pk or is_organiser(user):
        return fichier
    jure = Jure.objects.filter(user=user, edition=equipe.edition).first()
    if jure is None or not jury_teams(jure).filter(pk=equipe.pk).exists():
        raise errors.Forbidden("Ce fichier n'est pas dans les projets que vous voyez.")
    return fichier


# Juries


def jure_for(user, edition):
    jure = Jure.objects.filter(user=user, edition=edition).prefetch_related("conflits").first()
    if jure is None:
        raise errors.Forbidden("Vous n'êtes pas juré·e de cette édition des Trophées NSI.")
    return jure


def jury_teams(jure):
    """The projects a juror sees: their région's, or the finalists for the national jury."""
    found = teams().filter(edition=jure.edition, projet__isnull=False)
    if jure.national:
        return found.filter(finaliste=True)
    return found.filter(lycee__region=jure.region)


@transaction.atomic
def set_conflicts(user, edition, lycee_ids):
    jure = jure_for(user, edition)
    lycees = list(Lycee.objects.filter(pk__in=lycee_ids))
    unknown = sorted(set(lycee_ids) - {lycee.pk for lycee in lycees})
    if unknown:
        message = f"Lycées inconnus : {', '.join(map(str, unknown))}."
        raise errors.InvalidRequest(message, {"lycees": [message]})
    jure.conflits.set(lycees)
    return jure_for(user, edition)


def _check_notes(criteres, notes):
    """Every criterion of the grid once, each within 0..its maximum."""
    by_id = {critere.pk: critere for critere in criteres}
    fields = {}
    seen = [note["critere"] for note in notes]
    if sorted(seen) != sorted(by_id):
        fields["notes"] = ["Une note par critère de la grille, chacun une seule fois."]
    for index, note in enumerate(notes):
        critere = by_id.get(note["critere"])
        if critere and not 0 <= note["valeur"] <= critere.note_max:
            fields[f"notes.{index}.valeur"] = [f"Entre 0 et {critere.note_max}."]
    if fields:
        raise errors.InvalidRequest("Les notes ne suivent pas la grille.", fields)


@transaction.atomic
def score(user, equipe_id, notes):
    """A juror's notes on one project, replacing their previous ones."""
    equipe = get_team(equipe_id)
    edition = equipe.edition
    jure = jure_for(user, edition)
    if jure.national and not equipe.finaliste:
        raise errors.Forbidden("Le jury national note les finalistes seulement.")
    if not jure.national and equipe.lycee.region != jure.region:
        raise errors.Forbidden("Ce projet n'est pas dans votre région.")
    if equipe.lycee in jure.conflits.all():
        raise ConflitInterets()
    if depot_ouvert(edition) or edition.resultats_publies:
        raise NotationFermee()
    get_projet(equipe)
    _check_notes(list(edition.criteres.all()), notes)
    Note.objects.filter(jure=jure, equipe=equipe).delete()
    Note.objects.bulk_create(
        Note(jure=jure, equipe=equipe, critere_id=note["critere"], valeur=note["valeur"])
        for note in notes
    )
    return {note["critere"]: note["valeur"] for note in notes}


def juror_notes(jure):
    """{equipe_id: {critere_id: valeur}} for one juror."""
    notes = defaultdict(dict)
    for equipe, critere, valeur in jure.notes.values_list("equipe_id", "critere_id", "valeur"):
        notes[equipe][critere] = valeur
    return notes


# Rankings, finalists and results


def edition_scores(edition, national):
    """{equipe_id: (score, jurors)} from the regional juries' notes, or the national jury's."""
    grid = {c.pk: (c.poids, c.note_max) for c in edition.criteres.all()}
    notes = Note.objects.filter(equipe__edition=edition)
    notes = notes.filter(jure__region="") if national else notes.exclude(jure__region="")
    rows = notes.values_list("jure_id", "equipe_id", "critere_id", "valeur")
    return scoring.project_scores(grid, rows)


def ranking(user, edition, region=None, national=False):
    """A ranking, for whoever may read it: organisers any, a juror their own jury's."""
    if not is_organiser(user):
        jure = jure_for(user, edition)
        if jure.national != national or (not national and region not in (None, jure.region)):
            raise errors.Forbidden("Ce classement n'est pas celui de votre jury.")
        region = region or jure.region or None
    found = teams().filter(edition=edition, projet__isnull=False)
    if national:
        found = found.filter(finaliste=True)
    if region:
        found = found.filter(lycee__region=region)
    by_id = {equipe.pk: equipe for equipe in found}
    scores = {pk: value for pk, value in edition_scores(edition, national).items() if pk in by_id}
    ranked = []
    for group in _by_region(by_id, national):
        for rang, pk, value, jurors in scoring.rank(
            {pk: scores[pk] for pk in group if pk in scores}
        ):
            ranked.append({"rang": rang, "equipe": by_id[pk], "score": value, "jures": jurors})
    unscored = sorted((e for pk, e in by_id.items() if pk not in scores), key=lambda e: e.nom)
    return ranked + [{"rang": None, "equipe": e, "score": None, "jures": 0} for e in unscored]


def _by_region(by_id, national):
    """The scored teams' groups: one per région for regional rankings, one for the national."""
    groups = defaultdict(list)
    for pk, equipe in sorted(by_id.items(), key=lambda item: item[1].lycee.region):
        groups["" if national else equipe.lycee.region].append(pk)
    return groups.values()


@transaction.atomic
def select_finalists(user, edition, equipe_ids):
    require_organiser(user)
    if edition.resultats_publies:
        raise errors.Conflict("Les résultats sont publiés : les finalistes ne changent plus.")
    chosen = set(
        Equipe.objects.filter(edition=edition, pk__in=equipe_ids, projet__isnull=False).values_list(
            "pk", flat=True
        )
    )
    unknown = sorted(set(equipe_ids) - chosen)
    if unknown:
        message = f"Équipes inconnues ou sans projet : {', '.join(map(str, unknown))}."
        raise errors.InvalidRequest(message, {"equipes": [message]})
    Equipe.objects.filter(edition=edition).exclude(pk__in=chosen).update(finaliste=False)
    Equipe.objects.filter(pk__in=chosen).update(finaliste=True)
    return teams().filter(edition=edition, finaliste=True)


@transaction.atomic
def publish_results(user, edition, prix):
    """Award the prizes, in the order given, and make the palmarès and gallery public."""
    require_organiser(user)
    ids = [award["equipe"] for award in prix]
    known = set(Equipe.objects.filter(edition=edition, pk__in=ids).values_list("pk", flat=True))
    unknown = sorted(set(ids) - known)
    if unknown or len(set(ids)) != len(ids):
        message = "Chaque équipe de l'édition, une seule fois."
        raise errors.InvalidRequest(message, {"prix": [message]})
    Equipe.objects.filter(edition=edition).update(prix="", prix_ordre=None)
    for ordre, award in enumerate(prix, start=1):
        Equipe.objects.filter(pk=award["equipe"]).update(prix=award["prix"], prix_ordre=ordre)
    edition.resultats_publies = True
    edition.save(update_fields=["resultats_publies"])
    return edition


# What the public sees


def laureates():
    return (
        Equipe.objects.exclude(prix="")
        .select_related("lycee", "projet")
        .order_by("prix_ordre", "nom")
    )


def public_editions():
    """Every edition with its calendar; the palmarès only once the results are published."""
    return Edition.objects.prefetch_related(
        "finales",
        Prefetch(
            "equipes",
            queryset=laureates().filter(edition__resultats_publies=True),
            to_attr="palmares",
        ),
    )


def gallery(annee):
    edition = get_edition(annee)
    if not edition.resultats_publies:
        raise errors.NotFound("Les résultats de cette édition ne sont pas encore publiés.")
    return edition, laureates().filter(edition=edition).exclude(projet__video_url="")
