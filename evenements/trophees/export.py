"""CSV exports for the organisers: one row per submission with its scores, and every note."""

import csv
import io

from .models import Note
from .services import edition_scores, teams

SUBMISSION_COLUMNS = [
    "edition", "region", "lycee", "ville", "equipe", "niveau", "eleves", "titre", "categorie",
    "langages", "depot_url", "video_url", "fichiers", "score_regional", "jures_regionaux",
    "finaliste", "score_national", "jures_nationaux", "prix",
]  # fmt: skip
NOTE_COLUMNS = ["edition", "region", "equipe", "jure", "jury", "critere", "note", "note_max"]


def _csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _cell(value):
    """Spreadsheets run a cell that starts with =, +, - or @ as a formula: quote it out."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def submissions_csv(edition):
    regional, national = edition_scores(edition, False), edition_scores(edition, True)
    rows = []
    for equipe in teams().filter(edition=edition).order_by("lycee__region", "nom"):
        projet = getattr(equipe, "projet", None)
        reg, nat = regional.get(equipe.pk, (None, 0)), national.get(equipe.pk, (None, 0))
        row = [
            edition.annee, equipe.lycee.get_region_display(), equipe.lycee.nom,
            equipe.lycee.ville, equipe.nom, equipe.get_niveau_display(), len(equipe.eleves.all()),
            projet and projet.titre, projet and projet.get_categorie_display(),
            projet and ", ".join(projet.langages), projet and projet.depot_url,
            projet and projet.video_url, projet and len(projet.fichiers.all()),
            reg[0], reg[1], "oui" if equipe.finaliste else "non", nat[0], nat[1], equipe.prix,
        ]  # fmt: skip
        rows.append([_cell(value) for value in row])
    return _csv(SUBMISSION_COLUMNS, rows)


def notes_csv(edition):
    notes = (
        Note.objects.filter(equipe__edition=edition)
        .select_related("equipe__lycee", "jure__user", "critere")
        .order_by("equipe__lycee__region", "equipe__nom", "jure_id", "critere__sort_order")
    )
    rows = [
        [
            _cell(value)
            for value in (
                edition.annee,
                note.equipe.lycee.get_region_display(),
                note.equipe.nom,
                note.jure.user.get_username(),
                "national" if note.jure.national else "régional",
                note.critere.nom,
                note.valeur,
                note.critere.note_max,
            )
        ]
        for note in notes
    ]
    return _csv(NOTE_COLUMNS, rows)
