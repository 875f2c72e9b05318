"""How a métier's title reads inside a French sentence ("le métier de data scientist",
"le métier d'analyste en cybersécurité"): shared by the test's reasons and Charly's answers."""


def de(title):
    """The métier's title after "le métier", elided and lowercased: "d'analyste", "de data…"."""
    if len(title) > 1 and title[1].islower():
        title = title[0].lower() + title[1:]
    return ("d'" if title[:1].lower() in "aeiouyàâéèêëîïôöûü" else "de ") + title
