"""Blocks specific to the association's pages."""

from wagtail import blocks


class KeyFigureBlock(blocks.StructBlock):
    valeur = blocks.CharBlock(label="Chiffre", max_length=20)
    libelle = blocks.CharBlock(label="Ce qu'il mesure", max_length=200)
    source = blocks.CharBlock(
        label="Source (éditeur et titre)",
        max_length=200,
        help_text="Par exemple : DEPP, note d'information n° 24.01.",
    )
    source_annee = blocks.IntegerBlock(
        label="Année de la source", min_value=2000, max_value=2100, required=False
    )
    source_url = blocks.URLBlock(
        label="Adresse de la source",
        required=False,
        help_text="La page où le chiffre se lit : il n'est affiché qu'avec elle.",
    )

    class Meta:
        icon = "table"
        label = "Chiffre clé"
        template = "blocks/key_figure.html"
        description = "Un chiffre marquant, toujours avec sa source."
        preview_value = {
            "valeur": "2 sur 10",
            "libelle": "personnes qui exercent un métier du numérique sont des femmes",
            "source": "Insee Références",
            "source_annee": 2019,
            "source_url": "https://www.insee.fr/fr/statistiques/4126588",
        }
