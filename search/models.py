"""What the search room stores: the durable update queue, the database backend's documents,
the anonymous query log and the synonyms editors maintain."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel


class IndexUpdate(models.Model):
    """An index change waiting to be applied, written in the same transaction as the content.

    Rows are removed once the backend has applied them, so an engine outage loses nothing: the
    queue drains when it comes back.
    """

    class Action(models.TextChoices):
        INDEX = "index", "Indexer"
        DELETE = "delete", "Retirer"

    doc_type = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    available_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["doc_type", "object_id"])]

    def __str__(self):
        return f"{self.action} {self.doc_type}:{self.object_id}"


class SearchDocument(models.Model):
    """A document of the database backend, with its analysed tokens per field."""

    doc_id = models.CharField(max_length=40, unique=True)
    doc_type = models.CharField(max_length=20, db_index=True)
    data = models.JSONField()
    tokens = models.JSONField()

    def __str__(self):
        return self.doc_id


class QueryLog(models.Model):
    """What students search, as aggregates only: per masked, normalised query and per day, how
    many times it was typed and whether it found nothing. Purged after a retention period."""

    query = models.CharField(max_length=200, db_index=True)
    day = models.DateField(default=timezone.localdate, db_index=True)
    count = models.PositiveIntegerField(default=1)
    zero_results = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="one_row_per_query_day")
        ]

    def __str__(self):
        return self.query


class Synonym(models.Model):
    """Words students use for the same thing (dev, développeur...); applied at the next rebuild."""

    terms = models.CharField(
        "Mots équivalents",
        max_length=300,
        unique=True,
        help_text="Séparés par des virgules, par exemple : dev, développeur, développeuse.",
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = "synonyme de recherche"
        verbose_name_plural = "synonymes de recherche"
        ordering = ["terms"]

    def __str__(self):
        return self.terms
