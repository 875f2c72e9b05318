"""What Charly says to a student in distress: the right helplines for what they live, a trusted
adult, and nothing else in that turn (no métier, no joke, no quick reply that changes the topic).

The numbers are the French national services for young people: 3114 (suicide prevention), 3018
(cyberharassment and online violence, e-Enfance), 3020 (school harassment), 119 (children in
danger), 17 (police), 112 and 15 (emergencies), 114 (emergencies by SMS).
"""

OPENING = {
    "suicide": (
        "Merci de me l'avoir écrit. Ce que tu ressens compte, et tu n'as pas à rester seul·e "
        "avec ça."
    ),
    "automutilation": (
        "Merci de me le confier, ce n'est pas facile. Tu mérites qu'on prenne soin de toi, "
        "sans te juger."
    ),
    "harcelement": (
        "Je suis vraiment désolé que tu vives ça. Ce n'est pas de ta faute, et tu as le droit "
        "d'être aidé·e."
    ),
    "cyberharcelement": (
        "Je suis vraiment désolé que tu vives ça. Ce n'est pas de ta faute, et on peut faire "
        "arrêter ce qui circule."
    ),
    "sextorsion": (
        "Tu as bien fait d'en parler : ce n'est pas de ta faute. Ne paie rien, n'envoie rien "
        "de plus, garde les messages comme preuves et bloque la personne."
    ),
    "violence_famille": (
        "Personne n'a le droit de te frapper ni de te faire peur, même à la maison. Ce n'est "
        "pas de ta faute."
    ),
    "violence_sexuelle": (
        "Merci de me l'avoir écrit. Ce qui t'est arrivé est interdit par la loi et ce n'est "
        "jamais de ta faute."
    ),
}
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
    "Le 119 (Allô Enfance en danger) t'écoute gratuitement, 24 h/24 et 7 j/7, et l'appel "
    "n'apparaît pas sur les factures."
)
POLICE = "Tu peux aussi porter plainte : la police (17) et la gendarmerie sont là pour ça."
DANGER_NOW = "Si tu es en danger tout de suite, appelle le 112 ou le 15 (ou envoie un SMS au 114)."
TRUSTED_ADULT = (
    "Parles-en aussi à un·e adulte en qui tu as confiance : un parent, un·e CPE, "
    "l'infirmier·e scolaire ou un·e prof."
)
TRUSTED_ADULT_OUTSIDE_HOME = (
    "Parles-en aussi à un·e adulte en qui tu as confiance en dehors de la maison : l'infirmier·e "
    "scolaire, un·e CPE, un·e prof ou un·e autre adulte de ta famille."
)

HELPLINES = {
    "suicide": [HELPLINE_3114, DANGER_NOW, TRUSTED_ADULT],
    "automutilation": [
        f"{HELPLINE_3114} Il aide aussi quand on se fait du mal.",
        "Si une blessure saigne beaucoup ou te fait peur, appelle le 15.",
        TRUSTED_ADULT,
    ],
    "harcelement": [
        HELPLINE_3020,
        "Si ça continue en ligne, le 3018 peut aussi t'aider.",
        f"{TRUSTED_ADULT} {DANGER_NOW}",
    ],
    "cyberharcelement": [HELPLINE_3018, HELPLINE_3020, f"{TRUSTED_ADULT} {DANGER_NOW}"],
    "sextorsion": [HELPLINE_3018, POLICE, f"{TRUSTED_ADULT} {DANGER_NOW}"],
    "violence_famille": [HELPLINE_119, DANGER_NOW, TRUSTED_ADULT_OUTSIDE_HOME],
    "violence_sexuelle": [HELPLINE_119, f"{POLICE} {DANGER_NOW}", TRUSTED_ADULT_OUTSIDE_HOME],
}

CALM_REPLY = (
    "Je sens que tu es agacé·e, et ça peut arriver. Je suis là pour t'aider à découvrir les "
    "métiers du numérique : dis-moi ce qui te plaît, ou on recommence quand tu veux."
)


def care(category):
    """Charly's messages for this kind of distress: an opening, the helplines, an adult."""
    return [OPENING[category], *HELPLINES[category]]
