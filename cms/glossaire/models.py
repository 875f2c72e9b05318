"""The glossary: the jargon of the fiches explained in words a 14-year-old understands, shared by
the fiche pages, the API, the search and Charly."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class Terme(index.Indexed, models.Model):
    terme = models.CharField("Terme", max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    variantes = models.TextField(
        "Variantes",
        blank=True,
        help_text="Une par ligne : pluriel, forme développée, orthographes que les élèves "
        "tapent (ex. pour « VLAN » : réseau local virtuel).",
    )
    definition = models.TextField(
        "Définition",
        max_length=400,
        help_text="En deux phrases au plus, avec des mots qu'un·e élève de 14 ans comprend.",
    )
    liens = models.ManyToManyField(
        "wagtailcore.Page",
        verbose_name="Pages liées",
        blank=True,
        related_name="+",
        help_text="Les fiches métier ou formation où l'on croise ce mot.",
    )

    panels = [
        FieldPanel("terme"),
        FieldPanel("slug"),
        FieldPanel("variantes"),
        FieldPanel("definition"),
        FieldPanel("liens"),
    ]
    search_fields = [
        index.SearchField("terme"),
        index.SearchField("variantes"),
        index.SearchField("definition"),
        index.AutocompleteField("terme"),
    ]

    class Meta:
        verbose_name = "terme du glossaire"
        verbose_name_plural = "glossaire"
        ordering = ["terme"]

    def __str__(self):
        return self.terme

    @property
    def variant_list(self):
        return _lines(self.variantes)

    @property
    def forms(self):
        """Every way the term is written in a fiche: the term first, then its variants."""
        return [self.terme, *self.variant_list]

    @property
    def is_acronym(self):
        letters = [c for c in self.terme if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)
