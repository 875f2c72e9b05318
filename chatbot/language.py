"""How teenagers type, turned into one canonical form that examples and messages share.

Everything Charly compares (intent examples, entity names, students' messages) goes through
`normalize`, so "Chui ds la cyber trooop bien" and "je suis dans la cyber trop bien" meet.
"""

import re

from search.service import fold

# SMS spelling and short forms, one token to its written French. Ambiguous tokens ("c", "t",
# "2") are handled in `_expand` with their neighbours.
SMS = {
    "koi": "quoi",
    "kwa": "quoi",
    "quoa": "quoi",
    "ki": "qui",
    "ke": "que",
    "kel": "quel",
    "kelle": "quelle",
    "kels": "quels",
    "kelles": "quelles",
    "keske": "qu est ce que",
    "kesk": "qu est ce que",
    "kesske": "qu est ce que",
    "kesako": "qu est ce que c est",
    "kan": "quand",
    "kand": "quand",
    "qd": "quand",
    "koment": "comment",
    "komment": "comment",
    "cmt": "comment",
    "cb": "combien",
    "cmb": "combien",
    "cbm": "combien",
    "combi1": "combien",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pkoi": "pourquoi",
    "pourkoi": "pourquoi",
    "jsp": "je sais pas",
    "jsps": "je sais pas",
    "jspa": "je sais pas",
    "chepa": "je sais pas",
    "chpa": "je sais pas",
    "chai": "je sais",
    "chais": "je sais",
    "jsais": "je sais",
    "chui": "je suis",
    "chuis": "je suis",
    "chu": "je suis",
    "shui": "je suis",
    "jsuis": "je suis",
    "jsui": "je suis",
    "jveux": "je veux",
    "jveu": "je veux",
    "jpeux": "je peux",
    "jfais": "je fais",
    "jfai": "je fais",
    "jcrois": "je crois",
    "jpense": "je pense",
    "jvais": "je vais",
    "jvai": "je vais",
    "jaime": "j aime",
    "jkiffe": "j aime",
    "jkiff": "j aime",
    "jme": "je me",
    "jai": "j ai",
    "g": "j ai",
    "ya": "il y a",
    "yen": "il y en",
    "bcp": "beaucoup",
    "bcq": "beaucoup",
    "tkt": "t inquiete pas",
    "tqt": "t inquiete pas",
    "stp": "s il te plait",
    "svp": "s il vous plait",
    "slt": "salut",
    "wsh": "salut",
    "wesh": "salut",
    "cc": "coucou",
    "bjr": "bonjour",
    "bsr": "bonsoir",
    "mdr": "rire",
    "ptdr": "rire",
    "lol": "rire",
    "xd": "rire",
    "pr": "pour",
    "ds": "dans",
    "tt": "tout",
    "tjr": "toujours",
    "tjrs": "toujours",
    "mm": "meme",
    "dsl": "desole",
    "mrc": "merci",
    "mci": "merci",
    "merki": "merci",
    "dac": "d accord",
    "dak": "d accord",
    "dacc": "d accord",
    "oki": "ok",
    "okay": "ok",
    "ouais": "oui",
    "ouai": "oui",
    "wai": "oui",
    "wi": "oui",
    "ouep": "oui",
    "nn": "non",
    "nan": "non",
    "pcq": "parce que",
    "pcque": "parce que",
    "psk": "parce que",
    "paske": "parce que",
    "parske": "parce que",
    "vrmt": "vraiment",
    "vmt": "vraiment",
    "mtn": "maintenant",
    "jms": "jamais",
    "ri1": "rien",
    "bi1": "bien",
    "sa": "ca",
    "taf": "travail",
    "taff": "travail",
    "boulot": "travail",
    "thune": "argent",
    "thunes": "argent",
    "tune": "argent",
    "oseille": "argent",
    "ordi": "ordinateur",
    "info": "informatique",
    "infos": "informatique",
    "math": "mathematiques",
    "maths": "mathematiques",
    "spe": "specialite",
    "spes": "specialites",
    "techno": "technologique",
    "troisieme": "3e",
    "1": "un",
}
# "2" is "de" between two words ("etudes 2 dev"), except in counts ("2 ans") and after "bac".
TWO_KEEPERS_BEFORE = {"bac", "plus", "en", "a", "de", "les", "mes", "sur"}
TWO_KEEPERS_AFTER = {"ans", "an", "annees", "mois", "semaines", "jours", "fois", "heures"}

_SPACES = re.compile(r"\s+")
_BAC_PLUS = re.compile(r"\bbac\s*\+\s*(\d)")
_CLASS = re.compile(r"\b([3-6])\s*(?:e|eme|ieme|em|me)\b")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_ELONGATION = re.compile(r"([a-z])\1{2,}")
# "jserai", "jdois", "jcomprends": the "je" of spoken French glued to its verb.
_GLUED_JE = re.compile(
    r"^j(serai|serais|dois|devrais|sens|sentais|vois|arrive|arrivais|comprends?|trouve|dis|te|le|"
    r"la|lui|en|y|men|etais|avais|aurais|voudrais|aimerais|crois|pense|reste|parle|rentre|deteste|"
    r"supporte|peux|sais|savais|veux|vais|fais|suis|me)$"
)


def normalize(text):
    """The canonical form of a message: folded, unpunctuated, elongations cut, SMS spelled out."""
    text = fold(text)
    text = _BAC_PLUS.sub(r" bacplus\1 ", text)
    text = _NOT_WORD.sub(" ", text)
    text = _CLASS.sub(r"\1e", text)
    text = _ELONGATION.sub(r"\1", text)
    return " ".join(_expand(text.split()))


def _expand(tokens):
    out = []
    for position, token in enumerate(tokens):
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        previous = out[-1] if out else ""
        if token == "c" and following not in ("est", "etait", "a"):
            out.extend(("c", "est"))
        elif token == "t":
            out.extend(("tu",) if following in ("es", "as", "etais", "avais") else ("tu", "es"))
        elif (
            token == "2"
            and previous.isalpha()
            and previous not in TWO_KEEPERS_BEFORE
            and following.isalpha()
            and following not in TWO_KEEPERS_AFTER
        ):
            out.append("de")
        elif token not in SMS and (glued := _GLUED_JE.match(token)):
            out.extend(("je", glued.group(1)))
        else:
            out.extend(SMS.get(token, token).split())
    return out


def tokens(text):
    """The normalized words of a text."""
    return normalize(text).split()


def stem(token):
    """A crude singular, so that "devs", "jeux" and "robots" meet "dev", "jeu" and "robot"."""
    if len(token) >= 4 and token[-1] in "sx" and not token.endswith("ss"):
        return token[:-1]
    return token


def typo_budget(word):
    """How many typos a word of this length may carry and still be recognised."""
    length = len(word.replace(" ", ""))
    if length < 5:
        return 0
    return 1 if length < 9 else 2


# Words of questions and small talk: what is left once they are removed is the question's subject.
QUESTION_WORDS = frozenset(
    [
        "alors",
        "au",
        "c",
        "c'est",
        "ca",
        "ce",
        "cette",
        "comment",
        "consiste",
        "d",
        "de",
        "definition",
        "des",
        "dire",
        "du",
        "en",
        "est",
        "et",
        "exact",
        "exactement",
        "explique",
        "faire",
        "fait",
        "il",
        "je",
        "job",
        "juste",
        "l",
        "la",
        "le",
        "les",
        "metier",
        "metiers",
        "moi",
        "on",
        "ou",
        "pas",
        "plait",
        "pourquoi",
        "precisement",
        "qu",
        "que",
        "quel",
        "quelle",
        "quelles",
        "quels",
        "qui",
        "quoi",
        "s",
        "sa",
        "sais",
        "ses",
        "signifie",
        "son",
        "stp",
        "te",
        "travail",
        "tu",
        "un",
        "une",
        "veut",
    ]
)
# Words that turn "j'aime les maths" into "je n'aime pas les maths".
NEGATIONS = frozenset({"pas", "nul", "nulle", "deteste", "horreur", "jamais", "rien"})
RESTART = frozenset(
    {"recommencer", "recommence", "on recommence", "restart", "reset", "depuis le debut"}
)
