"""Holland's RIASEC interest dimensions, shared by the métier fiches and the orientation test."""

DIMENSIONS = ("R", "I", "A", "S", "E", "C")

LABELS = {
    "R": "Réaliste",
    "I": "Investigateur",
    "A": "Artistique",
    "S": "Social",
    "E": "Entreprenant",
    "C": "Conventionnel",
}


def holland_code(scores, length=3):
    """Return the letters of the highest scores, strongest first.

    Ties are broken by the conventional R-I-A-S-E-C order, so that the same scores always give
    the same code.
    """
    ranked = sorted(DIMENSIONS, key=lambda letter: (-scores[letter], DIMENSIONS.index(letter)))
    return "".join(ranked[:length])
