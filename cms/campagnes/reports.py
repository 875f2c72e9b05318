"""The commission's figures: per campaign and per day, visits, actions and conversion rates,
and the chart of them drawn here as SVG (no script, no third-party service)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Sum
from django.utils.html import escape

from .models import Action, ActionJour, VisiteJour


@dataclass
class Ligne:
    """One campaign's day."""

    campagne: str
    jour: date
    visites: int = 0
    counts: dict = field(default_factory=dict)

    @property
    def tests(self):
        return self.counts.get(Action.TEST, 0)

    @property
    def conversations(self):
        return self.counts.get(Action.CONVERSATION, 0)

    @property
    def parcours(self):
        return self.counts.get(Action.PARCOURS, 0)

    def _rate(self, count):
        return round(100 * count / self.visites, 1) if self.visites else None

    @property
    def taux_test(self):
        return self._rate(self.tests)

    @property
    def taux_conversation(self):
        return self._rate(self.conversations)

    @property
    def taux_parcours(self):
        return self._rate(self.parcours)


def daily_rows(campagne=None):
    """Every (campaign, day) with something counted, newest day first; one campaign if given."""
    visites = VisiteJour.objects.all()
    actions = ActionJour.objects.all()
    if campagne is not None:
        visites = visites.filter(lien__campagne=campagne)
        actions = actions.filter(campagne=campagne)
    rows = {}

    def row(campagne_id, title, jour):
        key = (campagne_id, jour)
        if key not in rows:
            rows[key] = Ligne(campagne=title, jour=jour)
        return rows[key]

    for entry in visites.values("lien__campagne_id", "lien__campagne__title", "jour").annotate(
        total=Sum("visites")
    ):
        title = entry["lien__campagne__title"]
        row(entry["lien__campagne_id"], title, entry["jour"]).visites = entry["total"]
    for entry in actions.values("campagne_id", "campagne__title", "jour", "action", "nombre"):
        ligne = row(entry["campagne_id"], entry["campagne__title"], entry["jour"])
        ligne.counts[entry["action"]] = entry["nombre"]
    return sorted(rows.values(), key=lambda ligne: (-ligne.jour.toordinal(), ligne.campagne))


SERIES = [
    ("visites", "Visites", "#1d4ed8"),
    ("tests", "Tests terminés", "#15803d"),
    ("conversations", "Conversations", "#b45309"),
    ("parcours", "Parcours créés", "#9d174d"),
]
WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 56


def daily_totals(rows):
    """Each day's sums over the rows, oldest first: what the chart draws."""
    totals = defaultdict(lambda: dict.fromkeys(name for name, _label, _colour in SERIES))
    for ligne in rows:
        day = totals[ligne.jour]
        for name, _label, _colour in SERIES:
            day[name] = (day[name] or 0) + getattr(ligne, name)
    return sorted(totals.items())


def nice_ceiling(value):
    """The axis top: the value rounded up to 1, 2 or 5 times a power of ten."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def chart_svg(rows):
    """A line per series over the days; each point says its value to a screen reader."""
    days = daily_totals(rows)
    if not days:
        return ""
    top = nice_ceiling(max(max(values.values()) for _day, values in days) or 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(days) - 1)

    def x(index):
        return round(LEFT + index * step, 2)

    def y(value):
        return round(TOP + plot_h - value * plot_h / top, 2)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" class="campagnes-chart" role="img" aria-labelledby="chart-title">',
        '<title id="chart-title">Visites et actions par jour</title>',
    ]
    for tick in (0, top / 2, top):
        label = f"{tick:g}"
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" y2="{y(tick)}" '
            f'stroke="#d1d5db"/><text class="tick" data-value="{label}" x="{LEFT - 6}" '
            f'y="{y(tick)}" text-anchor="end" dominant-baseline="middle" font-size="11">'
            f"{label}</text>"
        )
    for index, (day, _values) in enumerate(days):
        if index % max(1, len(days) // 6) == 0:
            parts.append(
                f'<text x="{x(index)}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                f'font-size="11">{day:%d/%m}</text>'
            )
    for position, (name, label, colour) in enumerate(SERIES):
        points = [
            (x(index), y(values[name]), day, values[name])
            for index, (day, values) in enumerate(days)
        ]
        parts.append(f'<g class="serie" data-serie="{name}" fill="{colour}" stroke="{colour}">')
        parts.append(
            '<polyline fill="none" stroke-width="2" points="'
            + " ".join(f"{px},{py}" for px, py, _day, _value in points)
            + '"/>'
        )
        parts.extend(
            f'<circle data-jour="{day.isoformat()}" cx="{px}" cy="{py}" r="2.5">'
            f"<title>{escape(label)} le {day:%d/%m/%Y} : {value}</title></circle>"
            for px, py, day, value in points
        )
        legend_x = LEFT + position * 170
        parts.append(
            f'<rect x="{legend_x}" y="{HEIGHT - 20}" width="12" height="12"/>'
            f'<text x="{legend_x + 16}" y="{HEIGHT - 10}" font-size="12" stroke="none" '
            f'fill="#111827">{escape(label)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
