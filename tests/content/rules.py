"""The content rules a counsellor would check before handing the demo to students, as plain
functions over texts and data: each returns the list of problems found (empty when all is well),
so a test can run it on the demo content and on a fixture that breaks it."""

import re
from datetime import date

# --- Figures -------------------------------------------------------------------------------

_URL = re.compile(r"https?://\S+")
# A figure written in prose, outside the fields that carry a source: "2 200 €", "16 %".
_PROSE_FIGURE = re.compile(r"\d[\d\s\u202f]*(?:[.,]\d+)?\s?(?:%|€)")


def source_problems(where, source):
    """A structured source: a title, a publisher, a plausible year and an http(s) address."""
    if source is None:
        return [f"{where} : chiffre sans source"]
    problems = []
    if not (source.get("titre") and source.get("editeur")):
        problems.append(f"{where} : source sans titre ou sans éditeur")
    if not (isinstance(source.get("annee"), int) and 2000 <= source["annee"] <= date.today().year):
        problems.append(f"{where} : source sans année plausible")
    if not _URL.fullmatch(source.get("url") or ""):
        problems.append(f"{where} : source sans adresse web")
    return problems


def prose_figure_problems(where, text):
    """Figures belong in the fields that carry their source, not in the prose of a fiche."""
    return [f"{where} : chiffre sans source dans le texte « {m.group(0).strip()} »"
            for m in _PROSE_FIGURE.finditer(text or "")]  # fmt: skip


# --- Dates -----------------------------------------------------------------------------------

MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}  # fmt: skip
_DATE = re.compile(r"\b(\d{1,2})(?:er)?\s+(" + "|".join(MONTHS) + r")\s+(20\d\d)\b")
# Words that present what follows as still to come.
_UPCOMING = re.compile(
    r"prochaine?s?\b|aura lieu|auront lieu|se tiendra|à venir|rendez-vous (?:le|du)|"
    r"inscris-toi|inscrivez",
    re.IGNORECASE,
)
UPCOMING_WINDOW = 80


def _dates(text):
    for match in _DATE.finditer(text):
        day, month, year = match.groups()
        yield match, date(int(year), MONTHS[month], int(day))


def upcoming_date_problems(where, text, today, upcoming=False):
    """No past date presented as upcoming. `upcoming` says the whole text announces dates to
    come (a "Dates" field); otherwise a date counts as announced when an announcing word
    comes shortly before it. "du 16 au 22 mars 2026" is read as its last day."""
    problems = []
    text = " ".join((text or "").split())
    for match, when in _dates(text):
        before = text[max(0, match.start() - UPCOMING_WINDOW) : match.start()]
        if when < today and (upcoming or _UPCOMING.search(before)):
            problems.append(f"{where} : « {match.group(0)} » est passé mais présenté à venir")
    return problems


# --- Role models' timelines --------------------------------------------------------------------

# The first year each step could be completed, and the first year it could be started, from the
# texts that created them (see cms/demo/data/README.md).
FIRST_COMPLETION = {
    "bac-pro-ciel": 2026,  # bac pro CIEL: first pupils in seconde in 2023, first exam in 2026
    "bts-ciel": 2025,  # BTS CIEL: replaced the BTS SN from the 2023 rentrée
    "but": 2024,  # BUT: created at the 2021 rentrée, in three years
    "mp2i": 2023,  # MP2I: created at the 2021 rentrée, then a year of MPI
    "trophees-nsi": 2022,  # Trophées NSI: first edition in 2022
    "specialite-nsi": 2021,  # NSI: a specialité since the 2019 rentrée, first bac in 2021
    "bac-pro-sn": 2017,  # bac pro SN: kept here so that the timeline names it explicitly
}
FIRST_START = {
    "bac-pro-ciel": 2023, "bts-ciel": 2023, "but": 2021, "mp2i": 2021, "trophees-nsi": 2022,
    "specialite-nsi": 2019, "bac-pro-sn": 2016,
}  # fmt: skip
# What a story names, and the step that its timeline must then list.
MENTIONS = {
    r"bac pro CIEL": "bac-pro-ciel",
    r"BTS CIEL": "bts-ciel",
    r"\bBUT\b": "but",
    r"\bMP2I\b": "mp2i",
    r"Trophées NSI": "trophees-nsi",
    r"spécialités? NSI|NSI et mathématiques": "specialite-nsi",
    r"bac pro Systèmes numériques": "bac-pro-sn",
}
# Named only as what replaced the diploma, not as what the person took.
_REPLACED_BY = re.compile(r"remplacé depuis par le bac pro CIEL")


def timeline_problems(portrait, this_year):
    """A portrait's steps (`etapes`: year, step, `obtenu`) make its story possible."""
    where = f"portrait de {portrait['prenom']}"
    steps = portrait.get("etapes") or []
    story = " ".join(portrait["parcours"].split())
    problems = []
    years = [step["annee"] for step in steps]
    if years != sorted(years):
        problems.append(f"{where} : les étapes ne sont pas dans l'ordre des années")
    for step in steps:
        key, year = step["etape"], step["annee"]
        completed = step.get("obtenu", True)
        first = (FIRST_COMPLETION if completed else FIRST_START).get(key)
        if first is not None and year < first:
            problems.append(f"{where} : {key} en {year}, impossible avant {first}")
        if year > this_year:
            problems.append(f"{where} : {key} en {year}, une année à venir")
        if str(year) not in story:
            problems.append(f"{where} : l'année {year} ({key}) n'est pas dans le récit")
    listed = {step["etape"] for step in steps}
    for pattern, key in MENTIONS.items():
        if re.search(pattern, _REPLACED_BY.sub("", story)) and key not in listed:
            problems.append(f"{where} : le récit cite {key} sans l'année dans ses étapes")
    return problems


# --- Jargon -------------------------------------------------------------------------------------

_ACRONYM = re.compile(r"(?<![\w·*-])[A-Z][A-Z0-9]+(?:/[A-Z][A-Z0-9]+)*(?![\w·*-])")
# Anglicisms met in the fiches: each one used must be explained by the glossary.
ANGLICISMES = (
    "self-control", "bad buzz", "freelance", "lead dev", "red team", "cloud", "DevOps",
    "start-up", "front-end", "back-end", "helpdesk", "scrum", "sprint", "backlog",
    "machine learning", "deep learning", "gameplay", "game jam", "bug", "data", "hacker",
    "phishing", "junior", "user story", "user stories", "streaming", "pentest", "role model",
)  # fmt: skip


def glossary_forms(termes):
    """The forms the glossary explains: acronyms exactly, other words in lowercase."""
    exact, folded = set(), set()
    for terme, variantes in termes:
        for form in [terme, *variantes]:
            exact.add(form)
            folded.add(form.lower())
    return exact, folded


def jargon_problems(where, text, termes):
    exact, folded = glossary_forms(termes)
    problems = []
    # An acronym inside a longer explained form ("AI" in "AI Act") is explained with it.
    bare = text or ""
    for form in sorted((f for f in exact if " " in f), key=len, reverse=True):
        bare = bare.replace(form, " ")
    for token in dict.fromkeys(_ACRONYM.findall(bare)):
        if token in exact:
            continue
        missing = [part for part in token.split("/") if part not in exact]
        if missing:
            problems.append(f"{where} : le sigle {token} n'est pas dans le glossaire")
    for word in ANGLICISMES:
        found = re.search(rf"(?<![\w-]){re.escape(word)}s?(?![\w-])", text or "", re.IGNORECASE)
        if found and word.lower() not in folded:
            problems.append(f"{where} : l'anglicisme « {word} » n'est pas dans le glossaire")
    return problems


# --- Inclusive writing ------------------------------------------------------------------------

# The convention (cms/demo/data/README.md): the median dot with the whole feminine ending
# (développeur·euse, technicien·ne, concepteur·rice), and the double form written out for
# "utilisatrices et utilisateurs"; no masculine-only plural for people.
_SHORT_FEMININE = re.compile(r"\w+(?:eur|eux)·ses?\b")
_LAPSES = re.compile(r"\bnouveaux arrivants\b|\baux créatifs\b|\bles créatifs\b")
_USERS = re.compile(r"\butilisateurs\b")
PAIR_WINDOW = 40


def inclusive_problems(where, text):
    text = " ".join((text or "").split())
    problems = [
        f"{where} : « {m.group(0)} » : écrire ·euse(s)" for m in _SHORT_FEMININE.finditer(text)
    ]
    problems += [f"{where} : « {m.group(0)} » n'est pas inclusif" for m in _LAPSES.finditer(text)]
    for match in _USERS.finditer(text):
        around = text[max(0, match.start() - PAIR_WINDOW) : match.end() + PAIR_WINDOW]
        if "utilisatrices" not in around:
            problems.append(f"{where} : « utilisateurs » sans « utilisatrices »")
    return problems
