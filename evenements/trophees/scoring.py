"""Weighted totals and rankings, as pure functions of the grid and the notes.

A juror's total for a project is the weighted mean of their notes, each brought to a scale of
100 by its criterion's maximum; a project's score is the mean of its jurors' totals, so a project
seen by three jurors and one seen by two compare fairly.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def juror_total(grid, notes):
    """Out of 100. `grid`: {critere_id: (poids, note_max)}; `notes`: {critere_id: valeur}.
    None when the juror has not scored every criterion."""
    if not grid or set(notes) != set(grid):
        return None
    weights = sum(poids for poids, _ in grid.values())
    weighted = sum(
        Decimal(notes[critere]) / note_max * poids for critere, (poids, note_max) in grid.items()
    )
    return weighted / weights * HUNDRED


def project_scores(grid, notes):
    """{equipe_id: (score out of 100, number of jurors)} from (jure_id, equipe_id, critere_id,
    valeur) rows; incomplete grids do not count."""
    by_juror = defaultdict(dict)
    for jure, equipe, critere, valeur in notes:
        by_juror[equipe, jure][critere] = valeur
    totals = defaultdict(list)
    for (equipe, _jure), juror_notes in by_juror.items():
        total = juror_total(grid, juror_notes)
        if total is not None:
            totals[equipe].append(total)
    return {
        equipe: ((sum(values) / len(values)).quantize(CENT, ROUND_HALF_UP), len(values))
        for equipe, values in totals.items()
    }


def rank(scores):
    """[(rang, equipe_id, score, jurors)], best first; equal scores share a rank (1, 2, 2, 4)."""
    ordered = sorted(scores.items(), key=lambda item: (-item[1][0], item[0]))
    ranking = []
    for position, (equipe, (score, jurors)) in enumerate(ordered, start=1):
        tied = ranking and ranking[-1][2] == score
        ranking.append((ranking[-1][0] if tied else position, equipe, score, jurors))
    return ranking
