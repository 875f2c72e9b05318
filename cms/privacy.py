"""Personal data masked before anything a student types is stored: Charly's messages and the
search box's queries go through the same `mask`.

Students are 12 to 25, often minors. Whatever identifies them is replaced by a placeholder:
e-mail addresses (also written "at … dot com" or without their domain's end), phone numbers
(French, Belgian and Swiss, however they are spaced), social-security numbers, birth dates,
postal addresses, social-network handles ("@lea", "snap: lea_14") and names ("je m'appelle…",
"moi c'est…", "je suis Léa Martin", "Léa Martin, 14 ans", and known first names after
"je suis"). Look-alikes stay as they are: "bac+2", "2 500 €", "le 12 mars", "je suis nul",
"je suis sur insta", "je m'appelle pas comme ça".
"""

import logging
import re
import unicodedata

EMAIL_MASK = "[e-mail]"
PHONE_MASK = "[téléphone]"
NIR_MASK = "[numéro de sécurité sociale]"
NAME_MASK = "[nom]"
HANDLE_MASK = "[pseudo]"
ADDRESS_MASK = "[adresse]"
BIRTH_MASK = "[date de naissance]"

LETTER = r"A-Za-zÀ-ÖØ-öø-ÿ"
WORD = rf"[{LETTER}][{LETTER}'’\-]*"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*")
SPELLED_EMAIL = re.compile(
    r"\b[\w.+-]+\s*(?:\(?\s*(?:at|arobase|arobaze)\s*\)?)\s*[\w-]+"
    r"(?:\s*\(?\s*(?:dot|point)\s*\)?\s*[a-z]{2,6})+\b",
    re.IGNORECASE,
)
# A French social-security number: sex, year, month, department, town, order, key.
NIR = re.compile(
    r"(?<![\d+])[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[AB])"
    r"[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{2})?(?!\d)",
    re.IGNORECASE,
)
# Phone numbers: an international prefix (+33, 0033, +32, +41, (+33)...) or a leading 0 (or a
# French mobile written without it: "6 12 34 56 78"), then groups of digits.
PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\(?\+\s?|00)(?:33|32|41)\)?[\s.\-/]?(?:\(0\)[\s.\-/]?)?\d(?:[\s.\-/]?\d){7,9}"
    r"|0\d(?:[\s.\-/]?\d){7,8}"
    r"|[67](?:[\s.\-/]\d{2}){4}"
    r")(?![\d/])"
)
HANDLE = re.compile(r"(?<![\w.])@[A-Za-z0-9_.]{2,30}")
NETWORKS = r"(?:snap(?:chat)?|insta(?:gram)?|tiktok|discord|twitter|x|fb|facebook|telegram|twitch)"
# "snap: lea_14", "mon insta c'est lea.m", "discord = lea#1234"; "sur insta tout le temps" is
# no handle: a separator or a handle-like token (digits, _, ., #) is needed.
NETWORK_HANDLE = re.compile(
    rf"\b({NETWORKS})(\s*(?::|=|-|c['’ ]?\s*est|cest)\s*)([\w.#-]{{2,32}})"
    rf"|\b({NETWORKS})(\s+)([A-Za-z]*[\d_.#][\w.#-]{{1,31}})",
    re.IGNORECASE,
)
STREET = (
    r"(?:rue|avenue|av\.?|boulevard|bd|all[ée]e|impasse|place|chemin|route|quai|cours|square|"
    r"r[ée]sidence|lotissement|lieu[\s-]dit|cit[ée])"
)
ADDRESS = re.compile(
    rf"\b\d{{1,4}}\s*(?:bis|ter)?,?\s+{STREET}\s+(?:(?:de|du|des|la|le|l['’]|d['’])\s*)*"
    rf"{WORD}(?:\s+{WORD}){{0,3}}(?:,?\s*\d{{5}}(?:\s+{WORD}(?:[\s-]{WORD}){{0,2}})?)?",
    re.IGNORECASE,
)
POSTAL_TOWN = re.compile(rf"(?<=habite )(?:(?:au|a|à)\s+)?\d{{5}}\s+{WORD}")
BIRTH = re.compile(
    r"\b(?:n[ée]e?|naissance|anniv(?:ersaire)?)\s*(?:est|c['’ ]?\s*est|:)?\s*(?:le\s+)?"
    r"(?:\d{1,2}[\s/.\-](?:\d{1,2}|[a-zéû]+)[\s/.\-]\d{2,4})",
    re.IGNORECASE,
)
# "je m'appelle Léa Martin", "jm'appel lea", "moi c'est Léa", "mon nom est Martin"...
NAME_CUE = re.compile(
    r"(?:\bje\s*m['’ ]?\s*app?ell?e?s?|\bjm['’ ]?\s*app?ell?e?s?|\bmoi\s*c['’ ]?\s*est"
    r"|\bmoi\s+c|\bmon\s+(?:pr[ée]nom|nom)\s+(?:c['’ ]?\s*est|est|:)|\bmon\s+(?:pr[ée]nom|nom)\s*:)"
    r"\s+",
    re.IGNORECASE,
)
NAME_WORDS = re.compile(rf"{WORD}(?:\s+{WORD}){{0,2}}")
# "je suis Léa Martin": two capitalised words; "Léa Martin, 14 ans".
CAPITAL_WORD = rf"[A-ZÀ-Ý][{LETTER}'’\-]+"
CAPITALISED_NAME = re.compile(rf"\b(je\s+suis\s+)({CAPITAL_WORD}\s+{CAPITAL_WORD})")
NAME_WITH_AGE = re.compile(rf"\b{CAPITAL_WORD}\s+{CAPITAL_WORD}(?=,?\s*\d{{1,2}}\s*ans\b)")
# "je suis léa martin" in lower case: a known first name after "je suis".
SUIS = re.compile(rf"\b(je\s+suis\s+|chui\s+|jsuis\s+)({WORD})(\s+{WORD})?", re.IGNORECASE)
# Words that end a name, or show that what follows a cue is no name ("je m'appelle pas").
NOT_NAME = frozenset(
    [
        "et", "j", "je", "jai", "g", "jsuis", "chui", "jsp", "en", "de", "du", "des", "la", "le",
        "les", "ai", "suis", "mais", "donc", "alors", "stp", "svp", "merci", "pour", "car", "parce",
        "ca", "sa", "quoi", "a", "au", "ou", "est", "c", "cest", "jveux", "j'ai", "j’ai", "qui",
        "que", "pas", "plus", "comme", "trop", "vraiment", "aussi", "un", "une", "ici", "bien",
        "nul", "nulle", "perdu", "perdue", "fan", "aux", "sur", "dans", "avec", "sans", "tres",
        "train", "secret", "confidentiel", "prive", "privé"
    ]
)  # fmt: skip
FIRST_NAMES = frozenset(
    [
        "lea", "léa", "emma", "jade", "louise", "alice", "chloe", "chloé", "lina", "mila", "rose",
        "anna", "ambre", "julia", "mia", "ines", "inès", "manon", "camille", "sarah", "zoe", "zoé",
        "lou", "clara", "eva", "juliette", "lucie", "romane", "agathe", "jeanne", "margaux", "nina",
        "iris", "lola", "louna", "maelys", "maëlys", "maya", "charlotte", "victoria", "adele",
        "adèle", "ella", "emy", "leonie", "léonie", "elena", "elise", "élise", "marie", "lana",
        "capucine", "luna", "yasmine", "nour", "salome", "salomé", "gabrielle", "eloise", "héloïse",
        "heloise", "aya", "fatima", "maryam", "amira", "lise", "pauline", "justine", "oceane",
        "océane", "morgane", "laura", "gabriel", "leo", "léo", "raphael", "raphaël", "louis",
        "lucas", "arthur", "jules", "hugo", "mael", "maël", "noah", "liam", "adam", "ethan", "paul",
        "nathan", "sacha", "tom", "theo", "théo", "gabin", "timothee", "timothée", "aaron",
        "mohamed", "mohammed", "ayoub", "rayan", "ilyes", "naël", "nael", "noe", "noé", "victor",
        "axel", "enzo", "mathis", "mathéo", "matheo", "antoine", "alexandre", "baptiste", "clement",
        "clément", "maxime", "thomas", "quentin", "romain", "samuel", "yanis", "yannis", "amine",
        "karim", "mehdi", "sami", "malo", "eden", "marius", "martin", "valentin", "simon", "leon",
        "léon", "milo", "kylian", "evan"
    ]
)  # fmt: skip


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def mask(text):
    """The text with every e-mail, phone, number, address, birth date, handle and name replaced."""
    text = EMAIL.sub(EMAIL_MASK, text)
    text = SPELLED_EMAIL.sub(EMAIL_MASK, text)
    text = BIRTH.sub(BIRTH_MASK, text)
    text = NIR.sub(NIR_MASK, text)
    text = PHONE.sub(PHONE_MASK, text)
    text = ADDRESS.sub(ADDRESS_MASK, text)
    text = POSTAL_TOWN.sub(ADDRESS_MASK, text)
    text = HANDLE.sub(HANDLE_MASK, text)
    text = NETWORK_HANDLE.sub(_network_handle, text)
    text = CAPITALISED_NAME.sub(lambda m: m.group(1) + NAME_MASK, text)
    text = NAME_WITH_AGE.sub(NAME_MASK, text)
    text = SUIS.sub(_known_first_name, text)
    return _mask_named(text)


def _network_handle(match):
    network = match.group(1) or match.group(4)
    separator = match.group(2) if match.group(1) else match.group(5)
    handle = match.group(3) or match.group(6)
    if fold(handle) in NOT_NAME:
        return match.group(0)
    return f"{network}{separator}{HANDLE_MASK}"


def _known_first_name(match):
    cue, first, rest = match.group(1), match.group(2), match.group(3) or ""
    if fold(first) not in FIRST_NAMES and first not in FIRST_NAMES:
        return match.group(0)
    last = rest.strip()
    if last and fold(last) not in NOT_NAME and not last.startswith("["):
        return f"{cue}{NAME_MASK}"
    return f"{cue}{NAME_MASK}{rest}"


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
            if fold(word) in NOT_NAME or word.startswith("["):
                break
            kept.append(word)
        if not kept:
            continue
        end = cue.end() + len(" ".join(kept))
        out.append(text[position : cue.end()] + NAME_MASK)
        position = end
    out.append(text[position:])
    return "".join(out)


# A parcours token, a conversation id or a class's private token in a logged URL opens (or
# identifies) students' data.
SECRET_IN_PATH = re.compile(r"(/(?:parcours|conversations|classes)/)[^/\s?\"']+")


class RedactSecretsFilter(logging.Filter):
    """A logging filter that hides the tokens and conversation ids of paths in every log line."""

    def filter(self, record):
        message = record.getMessage()
        redacted = SECRET_IN_PATH.sub(r"\1[secret]", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
