"""Questions fréquentes: what students ask beyond the fiches (Parcoursup, alternance, NSI...),
answered once by the communication commission and reused by the search, Charly and the API.

An entry is a moderated snippet: drafts, revisions and the commission's workflow, like pages.
Its variants are the other ways students ask the same thing; Charly learns from them.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index


class QuestionFrequente(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    slug = models.SlugField(
        "Identifiant",
        max_length=80,
        unique=True,
        help_text="Court, en minuscules sans accent (ex. « parcoursup »). Ne le change plus "
        "une fois publié.",
    )
    question = models.CharField("Question", max_length=200)
    variantes = models.TextField(
        "Autres façons de la poser",
        blank=True,
        help_text="Une par ligne, comme les élèves l'écrivent (fautes, abréviations, sans "
        "accents). Charly apprend de ces exemples.",
    )
    reponse = models.TextField(
        "Réponse",
        max_length=1500,
        help_text="Deux à six phrases claires, en tutoyant. Charly la donne telle quelle.",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="questionfrequente")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="questionfrequente",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("question"),
        FieldPanel("slug"),
        FieldPanel("variantes"),
        FieldPanel("reponse"),
        InlinePanel("liens", label="Page à proposer"),
        InlinePanel("sources", label="Source", min_num=1),
    ]
    search_fields = [
        index.SearchField("question", boost=3),
        index.SearchField("variantes"),
        index.SearchField("reponse"),
        index.AutocompleteField("question"),
    ]
    api_fields = [
        APIField("slug"),
        APIField("question"),
        APIField("reponse"),
        APIField("sources"),
    ]

    class Meta:
        verbose_name = "question fréquente"
        verbose_name_plural = "questions fréquentes"
        ordering = ["question"]

    def __str__(self):
        return self.question

    @property
    def revisions(self):
        return self._revisions

    def variant_list(self):
        return [line.strip() for line in self.variantes.splitlines() if line.strip()]


class QuestionLien(Orderable):
    question = ParentalKey(QuestionFrequente, on_delete=models.CASCADE, related_name="liens")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "page à proposer"


class QuestionSource(Orderable):
    """Where the answer's facts come from: students and counsellors can check them."""

    question = ParentalKey(QuestionFrequente, on_delete=models.CASCADE, related_name="sources")
    titre = models.CharField("Titre", max_length=200)
    editeur = models.CharField("Éditeur", max_length=120)
    annee = models.PositiveSmallIntegerField(
        "Année", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    url = models.URLField("Adresse", max_length=500)

    panels = [FieldPanel("titre"), FieldPanel("editeur"), FieldPanel("annee"), FieldPanel("url")]
    api_fields = [APIField("titre"), APIField("editeur"), APIField("annee"), APIField("url")]

    class Meta(Orderable.Meta):
        verbose_name = "source"
