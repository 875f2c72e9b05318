"""The orientation test's questions and versions, its anonymous results, and students' parcours.

Nothing here can identify a student: results carry no identity and only the date, and a parcours
is a list of references to published content, reached through a token of which only the hash is
stored.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel

from cms.metiers.riasec import DIMENSIONS, LABELS

DIMENSION_CHOICES = [(letter, f"{letter} — {LABELS[letter]}") for letter in DIMENSIONS]


class Audience(models.TextChoices):
    COLLEGE = "college", "Collège"
    LYCEE = "lycee", "Lycée et après"
    TOUS = "tous", "Tous les élèves"


class Level(models.TextChoices):
    """Where the student is in their studies; it decides which next steps the results show."""

    COLLEGE = "college", "Collège"
    LYCEE = "lycee", "Lycée"
    ETUDIANT = "etudiant", "Post-bac / étudiant·e"


class Question(models.Model):
    """One activity statement; the student says how much they would like doing it."""

    text = models.CharField(
        "Énoncé",
        max_length=200,
        help_text="Une activité qu'un·e élève de 13 ans comprend, "
        "par exemple « Réparer un vélo ou un ordinateur ».",
    )
    dimension = models.CharField("Dimension RIASEC", max_length=1, choices=DIMENSION_CHOICES)
    ordre = models.PositiveSmallIntegerField(
        "Ordre",
        default=0,
        help_text="Les questions sont posées dans cet ordre : alterne les dimensions.",
    )
    active = models.BooleanField(
        "Active",
        default=True,
        help_text="Seules les questions actives entrent dans la prochaine version publiée.",
    )
    audience = models.CharField(
        "Public", max_length=10, choices=Audience.choices, default=Audience.TOUS
    )

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("dimension"), FieldPanel("audience")]),
        FieldRowPanel([FieldPanel("ordre"), FieldPanel("active")]),
        HelpPanel(
            "Modifier une question ne change pas le test en ligne : publie une nouvelle "
            "version du test pour que les élèves la voient."
        ),
    ]

    class Meta:
        verbose_name = "question du test"
        verbose_name_plural = "questions du test"
        ordering = ["ordre", "pk"]

    def __str__(self):
        return self.text


def freeze_active_questions():
    """The active questions as a self-contained list, in the order the test asks them."""
    return [
        {
            "id": question.pk,
            "text": question.text,
            "dimension": question.dimension,
            "ordre": question.ordre,
            "audience": question.audience,
        }
        for question in Question.objects.filter(active=True).order_by("ordre", "pk")
    ]


def questions_for(frozen, audience=None):
    """The frozen questions a given audience sees (every question when no audience is given)."""
    if audience is None:
        return list(frozen)
    return [q for q in frozen if q["audience"] in (audience, Audience.TOUS)]


class TestVersionQuerySet(models.QuerySet):
    def current(self):
        """The version the public test serves: the most recently published one."""
        return (
            self.filter(status=TestVersion.Status.PUBLISHED)
            .order_by("-published_at", "-pk")
            .first()
        )


class TestVersion(models.Model):
    """A frozen question set: results always refer to the exact wording students answered."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Brouillon"
        PUBLISHED = "published", "Publiée"
        RETIRED = "retired", "Retirée"

    name = models.CharField("Nom", max_length=100, help_text="Par exemple : « Rentrée 2025 ».")
    status = models.CharField("Statut", max_length=10, choices=Status.choices, default=Status.DRAFT)
    questions = models.JSONField("Questions figées", default=list, editable=False)
    created_at = models.DateTimeField("Créée le", auto_now_add=True)
    published_at = models.DateTimeField("Publiée le", null=True, editable=False)

    objects = TestVersionQuerySet.as_manager()

    # Edited in the admin with a publication confirmation (versions_admin, wagtail_hooks).

    class Meta:
        verbose_name = "version du test"
        verbose_name_plural = "versions du test"
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Freeze the questions on first publication; (re)publishing makes the version current."""
        if self.status == self.Status.PUBLISHED:
            previous = (
                TestVersion.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            )
            if previous != self.Status.PUBLISHED:
                self.questions = self.questions or freeze_active_questions()
                self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def question_count(self):
        return len(self.questions)

    @property
    def is_current(self):
        current = TestVersion.objects.current()
        return current is not None and current.pk == self.pk

    def clean(self):
        super().clean()
        if self.questions and self.status == self.Status.DRAFT:
            raise ValidationError(
                {"status": "Une version déjà publiée ne peut pas redevenir un brouillon."}
            )
        if self.status == self.Status.PUBLISHED and not self.questions:
            frozen = freeze_active_questions()
            gaps = []
            for audience in (Audience.COLLEGE, Audience.LYCEE):
                shown = {q["dimension"] for q in questions_for(frozen, audience)}
                missing = [letter for letter in DIMENSIONS if letter not in shown]
                if missing:
                    gaps.append(f"{audience.label} : {', '.join(missing)}")
            if gaps:
                raise ValidationError(
                    {
                        "status": "Chaque dimension doit avoir au moins une question active "
                        f"pour chaque public. Il en manque ({' ; '.join(gaps)})."
                    }
                )


class TestResult(models.Model):
    """An anonymous completed test, kept for the editors' statistics.

    Only the day is stored, never the time, an IP address or anything about the student.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(
        TestVersion, verbose_name="Version", on_delete=models.PROTECT, related_name="results"
    )
    answers = models.JSONField("Réponses", help_text="{identifiant de question : valeur 0–4}")
    profile = models.JSONField("Profil RIASEC")
    code = models.CharField("Code RIASEC", max_length=3, db_index=True)
    metiers = models.JSONField("Métiers recommandés", help_text="Slugs, du plus proche au moins.")
    level = models.CharField("Niveau", max_length=10, choices=Level.choices, blank=True)
    created_on = models.DateField("Date", default=timezone.localdate, db_index=True)

    class Meta:
        verbose_name = "résultat du test"
        verbose_name_plural = "résultats du test"
        ordering = ["-created_on", "-pk"]

    def __str__(self):
        return f"{self.code} ({self.created_on:%d/%m/%Y})"


class Parcours(models.Model):
    """A student's anonymous parcours, reached only with its secret token.

    Only SHA-256 hashes of the tokens are stored, so a database leak does not open any parcours.
    """

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    share_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("Créé le", auto_now_add=True)
    updated_at = models.DateTimeField("Dernière activité", auto_now=True, db_index=True)

    class Meta:
        verbose_name = "parcours"
        verbose_name_plural = "parcours"

    def __str__(self):
        return f"Parcours n° {self.pk}"


class ItemKind(models.TextChoices):
    """What a parcours can hold; a kind is accepted once the service knows how to resolve it."""

    METIER = "metier", "Métier"
    FORMATION = "formation", "Formation"
    ETABLISSEMENT = "etablissement", "Établissement"
    EVENEMENT = "evenement", "Événement"
    RESULTAT = "resultat", "Résultat du test"


class ParcoursItem(models.Model):
    """A reference (kind and slug or public id) to existing content; never free text."""

    parcours = models.ForeignKey(Parcours, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField("Type", max_length=20, choices=ItemKind.choices)
    ref = models.CharField("Référence", max_length=120, validators=[validate_slug])
    added_at = models.DateTimeField("Ajouté le", auto_now_add=True)

    class Meta:
        verbose_name = "élément de parcours"
        verbose_name_plural = "éléments de parcours"
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["parcours", "kind", "ref"], name="orientation_parcoursitem_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.ref}"


class Classe(models.Model):
    """A class taking the test together: students add their result with its short code, and the
    teacher reads the class's aggregate through a private link sent to their e-mail.

    Only the hash of the private link's token is stored; nothing about the students is. The
    class and its results are deleted after `expires_on` (see `cms.orientation.retention`).
    """

    code = models.CharField("Code", max_length=6, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    email = models.EmailField("E-mail de l'enseignant·e")
    libelle = models.CharField("Libellé", max_length=120)
    inscription_id = models.PositiveBigIntegerField(
        "Inscription à la Semaine du numérique",
        null=True,
        blank=True,
        editable=False,
        help_text="L'inscription d'où vient la classe, s'il y en a une.",
    )
    created_at = models.DateTimeField("Créée le", auto_now_add=True)
    expires_on = models.DateField("Expire le", db_index=True)

    class Meta:
        verbose_name = "classe (mode classe du test)"
        verbose_name_plural = "classes (mode classe du test)"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.code} — {self.libelle}"


class ClasseResultat(models.Model):
    """One student's contribution to their class: the profile and the recommended métiers only.

    No answers, no date, no link to the `TestResult`: the class's aggregate is all it feeds.
    """

    classe = models.ForeignKey(Classe, on_delete=models.CASCADE, related_name="resultats")
    profile = models.JSONField("Profil RIASEC")
    metiers = models.JSONField("Métiers recommandés", help_text="Slugs, du plus proche au moins.")

    class Meta:
        verbose_name = "résultat de classe"
        verbose_name_plural = "résultats de classe"
        ordering = ["pk"]

    def __str__(self):
        return f"Résultat n° {self.pk} ({self.classe.code})"
