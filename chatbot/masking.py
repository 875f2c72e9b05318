"""Personal data masked before anything a student types is stored or analysed.

Students are 12 to 25, often minors. Whatever identifies them (e-mail addresses, phone numbers,
full names, @handles) is replaced by a placeholder first.
"""

import re

from search.service import fold

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
