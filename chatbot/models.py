"""Charly's content (flows, intents and their examples, edited in the admin) and its anonymous
conversations.

Conversations carry no identity: a random id, the level and interests the student chose, and
their messages with e-mails, phone numbers and names already masked. They are purged after
CHARLY_RETENTION_DAYS.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField

from . import flows
from .blocks import FlowBlock


class Intent(ClusterableModel):
    """Something students ask, taught to Charly by example phrases."""

    slug = models.SlugField(
        "Identifiant",
        max_length=50,
        unique=True,
        help_text="Les intentions de base (salaire, etudes, c_est_quoi…) ont des réponses "
        "calculées à partir des fiches : leur identifiant ne peut pas changer.",
    )
    label = models.CharField(
        "Libellé",
        max_length=80,
        help_text="Ce que Charly propose quand il hésite, par exemple « Le salaire ».",
    )
    answer = models.TextField(
        "Réponse de Charly",
        blank=True,
        help_text="Pour une intention sans réponse calculée : ce que Charly répond, en tutoyant.",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Page à proposer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    active = models.BooleanField("Active", default=True)

    # Edited in the admin with its examples as one text area (chatbot.forms, wagtail_hooks).

    class Meta:
        verbose_name = "intention de Charly"
        verbose_name_plural = "intentions de Charly"
        ordering = ["label"]

    def __str__(self):
        return self.label

    def example_count(self):
        return self.examples.count()

    def clean(self):
        """The built-in intents keep their slug: Charly's code answers them by it."""
        from .handlers import BUILT_IN

        super().clean()
        if self.pk is None:
            return
        before = Intent.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if before in BUILT_IN and self.slug != before:
            raise ValidationError(
                {
                    "slug": f"« {before} » est une intention de base : Charly y répond à partir "
                    "des fiches, son identifiant ne peut pas changer."
                }
            )


class IntentExample(models.Model):
    intent = ParentalKey(Intent, on_delete=models.CASCADE, related_name="examples")
    text = models.CharField("Exemple", max_length=500)

    class Meta:
        verbose_name = "exemple"
        ordering = ["pk"]

    def __str__(self):
        return self.text


class SafetyPhrase(models.Model):
    """A message editors teach the safety classifier: distress to recognise, or a look-alike
    that must not raise an alarm. Added to the shipped corpus at the next training."""

    class Category(models.TextChoices):
        SUICIDE = "suicide", "Idées suicidaires"
        AUTOMUTILATION = "automutilation", "Automutilation"
        HARCELEMENT = "harcelement", "Harcèlement à l'école"
        CYBERHARCELEMENT = "cyberharcelement", "Cyberharcèlement"
        SEXTORSION = "sextorsion", "Sextorsion, demandes de photos"
        VIOLENCE_FAMILLE = "violence_famille", "Violences à la maison"
        VIOLENCE_SEXUELLE = "violence_sexuelle", "Violences sexuelles"
        ORDINAIRE = "ordinaire", "Message ordinaire (fausse alerte à éviter)"

    category = models.CharField("Catégorie", max_length=20, choices=Category.choices)
    text = models.CharField(
        "Message",
        max_length=500,
        help_text="Écris-le comme un·e élève le taperait (fautes, abréviations, sans accents).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("category"), FieldPanel("text")]

    class Meta:
        verbose_name = "phrase de sécurité"
        verbose_name_plural = "phrases de sécurité"
        ordering = ["category", "text"]
        constraints = [
            models.UniqueConstraint(fields=["category", "text"], name="unique_safety_phrase")
        ]

    def __str__(self):
        return self.text


class Flow(models.Model):
    """A guided conversation: steps that ask, show and lead to one another."""

    name = models.CharField("Nom", max_length=100)
    slug = models.SlugField("Identifiant", max_length=60, unique=True)
    welcome = models.BooleanField(
        "Parcours d'accueil",
        default=False,
        help_text="Le parcours qui démarre chaque nouvelle conversation (un seul à la fois).",
    )
    intent = models.ForeignKey(
        Intent,
        verbose_name="Démarre quand l'élève exprime",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="flows",
        help_text="Par exemple « Je ne sais pas quoi faire ».",
    )
    active = models.BooleanField("Actif", default=True)
    steps = StreamField(
        FlowBlock(),
        verbose_name="Étapes",
        help_text="La première étape est le départ du parcours.",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("welcome"), FieldPanel("intent"), FieldPanel("active")]),
        FieldPanel("steps"),
    ]

    class Meta:
        verbose_name = "parcours de Charly"
        verbose_name_plural = "parcours de Charly"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def step_list(self):
        return flows.steps_of(self.steps)

    def clean(self):
        """Refuse a flow Charly could not run: no start, a dangling step, an endless loop."""
        super().clean()
        errors = {}
        found = flows.problems(self.step_list())
        if found:
            errors["steps"] = ValidationError(" ".join(found))
        if self.welcome and self.active:
            other = Flow.objects.filter(welcome=True, active=True).exclude(pk=self.pk).first()
            if other:
                errors["welcome"] = (
                    f"« {other.name} » est déjà le parcours d'accueil : retire-lui ce rôle d'abord."
                )
        if errors:
            raise ValidationError(errors)


class Level(models.TextChoices):
    COLLEGE = "college", "Collège"
    LYCEE = "lycee", "Lycée"
    ETUDIANT = "etudiant", "Études supérieures"
    RECONVERSION = "reconversion", "Reconversion"


class Conversation(models.Model):
    """One anonymous conversation and what Charly remembers of it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    started_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(db_index=True)
    level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    interests = models.JSONField(default=list)  # RIASEC letters, strongest first
    metiers_seen = models.JSONField(default=list)  # slugs, in the order Charly showed them
    ville = models.CharField(max_length=160, blank=True)  # "ville:Lyon" or "region:bretagne"
    metier = models.CharField(max_length=120, blank=True)  # the métier being talked about
    flow = models.ForeignKey(Flow, null=True, blank=True, on_delete=models.SET_NULL)
    node = models.CharField(max_length=50, blank=True)  # the step waiting for an answer
    pending_intent = models.CharField(max_length=50, blank=True)  # asked "for which métier?"
    replies = models.JSONField(default=list)  # the quick replies on offer: [{label, value}]

    class Meta:
        verbose_name = "conversation"

    def __str__(self):
        return str(self.id)


class Outcome(models.TextChoices):
    ANSWERED = "answered", "Répondu"
    FLOW = "flow", "Parcours"
    LOW_CONFIDENCE = "low_confidence", "Compris à moitié"
    SEARCHED = "searched", "Répondu par la recherche"
    UNANSWERED = "unanswered", "Sans réponse"
    SAFETY = "safety", "Détresse ou insulte"


class Message(models.Model):
    """One message, masked: a student's (with what Charly understood) or one of Charly's."""

    class Sender(models.TextChoices):
        STUDENT = "student", "Élève"
        CHARLY = "charly", "Charly"

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.CharField(max_length=10, choices=Sender.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    text = models.TextField()
    normalized = models.CharField(max_length=600, blank=True, db_index=True)
    intent = models.CharField(max_length=50, blank=True, db_index=True)
    confidence = models.FloatField(null=True)
    entities = models.JSONField(default=list)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True, db_index=True)
    choice = models.CharField(max_length=120, blank=True)  # the quick reply chosen, if any
    reviewed = models.BooleanField(default=False)  # an editor turned it into an example
    cards = models.JSONField(default=list)
    quick_replies = models.JSONField(default=list)
    flow = models.ForeignKey(Flow, null=True, blank=True, on_delete=models.SET_NULL)
    node = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]
