"""A teacher's registration of a class to a Semaine du numérique event.

Nothing about the students is stored: only the teacher's name and school e-mail, the school, the
level and the number of students. The cancellation link's token is kept as a SHA-256 hash; the
token itself only goes into the confirmation e-mail. Registrations are deleted a set time after
their edition (`evenements.inscriptions.retention`).
"""

from django.core.validators import MinValueValidator
from django.db import models

from evenements.semaine.models import NiveauPublic


class Statut(models.TextChoices):
    CONFIRMEE = "confirmee", "Confirmée"
    LISTE_ATTENTE = "liste_attente", "Sur liste d'attente"
    ANNULEE = "annulee", "Annulée"


class NiveauClasse(models.TextChoices):
    """The audience levels a class can belong to (the events' student levels)."""

    COLLEGE = NiveauPublic.COLLEGE.value, NiveauPublic.COLLEGE.label
    LYCEE = NiveauPublic.LYCEE.value, NiveauPublic.LYCEE.label
    ETUDIANTS = NiveauPublic.ETUDIANTS.value, NiveauPublic.ETUDIANTS.label


class Inscription(models.Model):
    """One class registered by its teacher; seats are counted in `Evenement.places_prises`."""

    evenement = models.ForeignKey(
        "semaine.Evenement",
        verbose_name="Événement",
        on_delete=models.CASCADE,
        related_name="inscriptions",
    )
    enseignant_nom = models.CharField("Nom de l'enseignant·e", max_length=120)
    enseignant_email = models.EmailField("E-mail de l'enseignant·e", max_length=254)
    etablissement = models.CharField("Établissement scolaire", max_length=200)
    niveau = models.CharField("Niveau de la classe", max_length=20, choices=NiveauClasse.choices)
    nombre_eleves = models.PositiveIntegerField(
        "Nombre d'élèves", validators=[MinValueValidator(1)]
    )
    statut = models.CharField("Statut", max_length=20, choices=Statut.choices, db_index=True)
    position = models.PositiveIntegerField(
        "Ordre d'arrivée",
        help_text="Rang d'arrivée parmi les inscriptions à l'événement : l'ordre de la liste "
        "d'attente.",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("Inscrite le", auto_now_add=True)
    updated_at = models.DateTimeField("Modifiée le", auto_now=True)

    class Meta:
        verbose_name = "inscription d'une classe"
        verbose_name_plural = "inscriptions des classes"
        ordering = ["evenement", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["evenement", "position"], name="inscriptions_position_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(nombre_eleves__gte=1), name="inscriptions_nombre_eleves_min"
            ),
        ]
        indexes = [
            models.Index(
                fields=["evenement", "statut", "position"], name="inscriptions_evt_statut_pos"
            )
        ]

    def __str__(self):
        return f"{self.etablissement} ({self.nombre_eleves} élèves) — {self.evenement}"
