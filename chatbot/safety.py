"""Safety for minors: what is masked before anything is stored, and what is never answered lightly.

Students are 12 to 25, often minors. Whatever identifies them (e-mail addresses, phone numbers,
full names, @handles) is replaced by a placeholder before a message is stored or analysed.
Distress and harassment get a caring answer with the real French helplines, before any other
understanding runs; insults get a calm one.
"""

import re
from dataclasses import dataclass

from search.service import fold

from .language import normalize

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 06 12 34 56 78, 06.12.34.56.78, 0612345678, +33 6 12 34 56 78, +33 (0)6..., 0033 6...
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|0)[1-9](?:[\s.\-]?\d{2}){4}(?!\d)")
HANDLE = re.compile(r"(?<![\w.])@[A-Za-z0-9_.]{2,30}")
NAME_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]*"
# "je m'appelle Léa Martin", "jm'appel lea", "moi c'est Léa", "mon nom est Martin"...
NAME_CUE = re.compile(
    r"(?:\bje\s*m['’ ]?\s*app?ell?e?s?|\bjm['’ ]?\s*app?ell?e?s?|\bmoi\s*c['’ ]?\s*est"
    r"|\bmoi\s+c|\bmon\s+(?:pr[ée]nom|nom)\s+(?:c['’ ]?\s*est|est|:)|\bmon\s+(?:pr[ée]nom|nom)\s*:)"
    r"\s+",
    re.IGNORECASE,
)
NAME_WORDS = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}")
# "je suis Léa Martin": two capitalised words only, since "je suis nul" is no name.
CAPITALISED_NAME = re.compile(r"\b(je\s+suis\s+)([A-ZÀ-Ý][a-zà-ÿ'’\-]+\s+[A-ZÀ-Ý][A-Za-zÀ-ÿ'’\-]+)")
# Words that end a name: "je m'appelle Léa et j'ai 14 ans".
AFTER_NAME = frozenset(
    [
        "et",
        "j",
        "je",
        "jai",
        "g",
        "jsuis",
        "chui",
        "jsp",
        "en",
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "ai",
        "suis",
        "mais",
        "donc",
        "alors",
        "stp",
        "svp",
        "merci",
        "pour",
        "car",
        "parce",
        "ca",
        "sa",
        "quoi",
        "a",
        "au",
        "ou",
        "est",
        "c",
        "cest",
        "jveux",
        "j'ai",
        "j’ai",
        "je’suis",
        "qui",
        "que",
    ]
)
EMAIL_MASK = "[e-mail]"
PHONE_MASK = "[téléphone]"
NAME_MASK = "[nom]"
HANDLE_MASK = "[pseudo]"


def mask(text):
    """The text with every e-mail, phone number, handle and full name replaced."""
    text = EMAIL.sub(EMAIL_MASK, text)
    text = PHONE.sub(PHONE_MASK, text)
    text = HANDLE.sub(HANDLE_MASK, text)
    text = CAPITALISED_NAME.sub(lambda m: m.group(1) + NAME_MASK, text)
    return _mask_named(text)


def _mask_named(text):
    out, position = [], 0
    for cue in NAME_CUE.finditer(text):
        if cue.start() < position:
            continue
        words = NAME_WORDS.match(text, cue.end())
        if not words:
            continue
        kept = []
        for word in words.group(0).split():
            if fold(word) in AFTER_NAME or word.startswith("["):
                break
            kept.append(word)
        if not kept:
            continue
        end = cue.end() + len(" ".join(kept))
        out.append(text[position : cue.end()] + NAME_MASK)
        position = end
    out.append(text[position:])
    return "".join(out)


# --- Distress, harassment and insults -------------------------------------------------------

SUICIDE = re.compile(
    r"\b(?:suicid\w*|(?<!va )(?<!vont )me tuer|me buter|envie de mourir|veux mourir"
    r"|vais mourir(?! de)|mourir(?! de (?:rire|faim|chaud|froid|honte|envie|peur))"
    r"|en finir(?! avec (?:les|le|ce|ces|cet|cette|mon|mes|l) )|me faire du mal"
    r"|me scarifi\w*|scarifi\w*|plus envie de vivre|pas envie de vivre|envie de disparaitre"
    r"|veux disparaitre|me jeter par|me pendre|me foutre en l air)\b"
)
HARASSMENT = re.compile(
    r"\b(?:cyber ?harcel\w*|harcel\w*|racket\w*|me frapp\w*|me fais frapper|me fait frapper"
    r"|me tapent|me battent?|se moquent? de moi|moquent de moi|m insultent?|m insulte"
    r"|me menac\w*|m ont menace|on me frappe|me fais taper|me rackett\w*|m humilient?"
    r"|m agressent?|me harcel\w*|ont diffuse|ont partage mes|ont publie mes|chantage"
    r"|sextorsion)\b"
)
CYBER = re.compile(
    r"\b(?:cyber ?harcel\w*|en ligne|internet|reseaux? sociaux|insta\w*|snap\w*|tiktok"
    r"|discord|whatsapp|nudes?|photos?|videos?|chantage|sextorsion|groupe|messages?"
    r"|compte|story|stories)\b"
)
AT_HOME = re.compile(
    r"\b(?:mon pere|ma mere|mes parents|beau pere|belle mere|a la maison|chez moi)\b"
)
INSULTS = frozenset(
    [
        "connard",
        "connasse",
        "con",
        "conne",
        "debile",
        "abruti",
        "abrutie",
        "idiot",
        "idiote",
        "cretin",
        "cretine",
        "fdp",
        "pute",
        "salope",
        "salaud",
        "encule",
        "enculee",
        "batard",
        "batarde",
        "ntm",
        "tg",
        "bouffon",
        "bouffonne",
        "teube",
    ]
)
INSULT_PHRASES = (
    "ta gueule",
    "ferme la",
    "nique ta",
    "va te faire",
    "tu es nul",
    "tu sers a rien",
    "sers a rien",
    "de merde",
    "tu es con",
    "tu es bete",
)


@dataclass(frozen=True)
class Concern:
    kind: str  # "suicide", "cyber", "harcelement" or "insulte"
    at_home: bool = False


def concern(text):
    """What, in this message, calls for care before anything else; None for most messages."""
    normalized = normalize(text)
    if SUICIDE.search(normalized):
        return Concern("suicide")
    if HARASSMENT.search(normalized):
        kind = "cyber" if CYBER.search(normalized) else "harcelement"
        return Concern(kind, at_home=bool(AT_HOME.search(normalized)))
    words = set(normalized.split())
    if words & INSULTS or any(phrase in normalized for phrase in INSULT_PHRASES):
        return Concern("insulte")
    return None


HELPLINE_3114 = (
    "Le 3114, c'est le numéro national de prévention du suicide : gratuit, 24 h/24 et 7 j/7, "
    "avec des professionnel·les qui t'écoutent sans te juger."
)
HELPLINE_3018 = (
    "Le 3018, c'est le numéro national contre le cyberharcèlement et les violences numériques "
    "(association e-Enfance) : gratuit, anonyme et confidentiel, aussi sur 3018.fr et dans "
    "l'appli 3018. Ils peuvent t'aider à faire supprimer des photos ou des messages."
)
HELPLINE_3020 = (
    "Le 3020, c'est le numéro « Non au harcèlement » : gratuit, pour les élèves victimes ou "
    "témoins de harcèlement, et pour leurs parents."
)
HELPLINE_119 = (
    "Si ça se passe à la maison, appelle le 119 (Allô Enfance en danger) : gratuit, "
    "24 h/24, et ça n'apparaît pas sur les factures."
)
DANGER_NOW = "Si tu es en danger tout de suite, appelle le 112 ou le 15."
TRUSTED_ADULT = (
    "Parles-en aussi à un·e adulte en qui tu as confiance : un parent, un·e CPE, "
    "l'infirmier·e ou un·e prof."
)


def caring_reply(found):
    """The caring answer for distress or harassment: real helplines, no joke, no métier."""
    if found.kind == "suicide":
        return [
            "Merci de me l'avoir écrit. Ce que tu ressens compte, et tu n'as pas à rester "
            "seul·e avec ça.",
            f"{HELPLINE_3114} {DANGER_NOW}",
            TRUSTED_ADULT,
        ]
    lines = [
        "Je suis vraiment désolé que tu vives ça. Ce n'est pas de ta faute, et tu as le droit "
        "d'être aidé·e.",
    ]
    if found.kind == "cyber":
        lines.append(f"{HELPLINE_3018} {HELPLINE_3020}")
    else:
        lines.append(f"{HELPLINE_3020} Si ça continue en ligne, le 3018 peut aussi t'aider.")
    if found.at_home:
        lines.append(HELPLINE_119)
    lines.append(f"{TRUSTED_ADULT} {DANGER_NOW}")
    return lines


def general_distress_reply():
    """For a distress the patterns missed but the classifier caught: every helpline."""
    return [
        "J'ai l'impression que ça ne va pas fort, et c'est important. Tu n'es pas seul·e.",
        f"{HELPLINE_3114} Pour le harcèlement, le 3020 ; pour le cyberharcèlement, le 3018 "
        f"(gratuits). {DANGER_NOW}",
        TRUSTED_ADULT,
    ]


CALM_REPLY = (
    "Je sens que tu es agacé·e, et ça peut arriver. Je suis là pour t'aider à découvrir les "
    "métiers du numérique : dis-moi ce qui te plaît, ou on recommence quand tu veux."
)
