"""Blocks specific to the association's pages."""

from wagtail import blocks


class KeyFigureBlock(blocks.StructBlock):
    valeur = blocks.CharBlock(label="Chiffre", max_length=20)
    libelle = blocks.CharBlock(label="Ce qu'il mesure", max_length=200)
    source = blocks.CharBlock(label="Source", max_length=200)

    class Meta:
        icon = "table"
        label = "Chiffre clé"
        template = "blocks/key_figure.html"
        description = "Un chiffre marquant, toujours avec sa source."
        preview_value = {
            "valeur": "24 %",
            "libelle": "de femmes dans les métiers du numérique",
            "source": "Numeum, 2023",
        }
