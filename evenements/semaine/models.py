"""The Semaine du numérique: yearly editions and the discovery events organised during them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from cms.communaute.models import Federation
from cms.formations.choices import Region
from cms.formations.geography import location_error
from cms.formations.models import Etablissement


class TypeEvenement(models.TextChoices):
    ATELIER = "atelier", "Atelier"
    CONFERENCE = "conference", "Conférence"
    PORTES_OUVERTES = "portes_ouvertes", "Portes ouvertes"
    VISITE_ENTREPRISE = "visite_entreprise", "Visite d'entreprise"
    HACKATHON = "hackathon", "Hackathon"
    RENCONTRE_PROFESSIONNELLE = "rencontre_professionnelle", "Rencontre avec une professionnelle"
    TABLE_RONDE = "table_ronde", "Table ronde"
    DEMONSTRATION = "demonstration", "Démonstration"
    CONCOURS = "concours", "Défi ou concours"
    FORUM = "forum", "Forum des métiers"


class NiveauPublic(models.TextChoices):
    """Who an event welcomes; a class registers at one of the student levels."""

    COLLEGE = "college", "Collège"
    LYCEE = "lycee", "Lycée"
    ETUDIANTS = "etudiants", "Étudiants"
    ENSEIGNANTS = "enseignants", "Enseignant·es"
    PARENTS = "parents", "Parents"


class Niveau(models.Model):
    """One audience level, keyed by its code so that filtering needs no join."""

    code = models.CharField("Code", max_length=20, primary_key=True, choices=NiveauPublic.choices)

    class Meta:
        verbose_name = "public"
        ordering = ["code"]

    def __str__(self):
        return self.get_code_display()


class EditionQuerySet(models.QuerySet):
    def publiees(self):
        return self.filter(publiee=True)


class Edition(models.Model):
    """One year's Semaine du numérique, shown to the public once published."""

    annee = models.PositiveSmallIntegerField(
        "Année", unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    slug = models.SlugField("Identifiant d'adresse", max_length=40, unique=True, blank=True)
    date_debut = models.DateField("Premier jour")
    date_fin = models.DateField("Dernier jour")
    publiee = models.BooleanField(
        "Publiée",
        default=False,
        help_text="Les événements d'une édition non publiée restent invisibles du public.",
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = "édition de la Semaine du numérique"
        verbose_name_plural = "éditions de la Semaine du numérique"
        ordering = ["-annee"]

    def __str__(self):
        return f"Semaine du numérique {self.annee}"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = str(self.annee)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.slug and self.annee:
            self.slug = str(self.annee)
        if self.date_debut and self.date_fin and self.date_fin < self.date_debut:
            raise ValidationError({"date_fin": "Le dernier jour suit le premier jour."})


class EvenementQuerySet(models.QuerySet):
    def visibles(self):
        """What the public may see: published events of published editions."""
        return self.filter(publie=True, edition__publiee=True)

    def for_organisateur(self, user):
        """The events an admin account may manage: all of them, or only its own."""
        if user.has_perm("semaine.manage_all_evenements"):
            return self
        return self.filter(organisateurs=user)


class Evenement(models.Model):
    """A discovery event: who organises it, for whom, where (or online), when, how many students."""

    titre = models.CharField("Titre", max_length=200)
    slug = models.SlugField(
        "Identifiant d'adresse",
        max_length=120,
        unique=True,
        blank=True,
        help_text="Rempli automatiquement à partir du titre s'il est laissé vide.",
    )
    edition = models.ForeignKey(
        Edition, verbose_name="Édition", on_delete=models.PROTECT, related_name="evenements"
    )
    type = models.CharField("Type", max_length=30, choices=TypeEvenement.choices)
    description = models.TextField("Description")
    niveaux = models.ManyToManyField(
        Niveau, verbose_name="Publics", related_name="evenements", blank=False
    )

    # Deleting an établissement or a federation leaves its events without an organiser (the
    # admin asks for one at the next edit) rather than blocking the deletion or erasing them.
    etablissement = models.ForeignKey(
        Etablissement,
        verbose_name="Établissement membre organisateur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evenements",
    )
    federation = models.ForeignKey(
        Federation,
        verbose_name="Fédération organisatrice",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evenements",
    )
    organisation = models.CharField(
        "Autre organisation (entreprise, association…)",
        max_length=200,
        blank=True,
        help_text="Renseigne un seul organisateur : un établissement, une fédération ou ce nom.",
    )

    adresse = models.CharField("Adresse", max_length=250, blank=True)
    commune = models.CharField("Commune", max_length=120, blank=True)
    region = models.CharField("Région", max_length=40, choices=Region.choices, blank=True)
    latitude = models.DecimalField(
        "Latitude",
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        "Longitude",
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    lien_en_ligne = models.URLField("Lien pour suivre en ligne", blank=True)

    debut = models.DateTimeField("Début (heure de Paris)")
    fin = models.DateTimeField("Fin (heure de Paris)")
    capacite = models.PositiveIntegerField(
        "Capacité (élèves)", validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    inscriptions_ouverture = models.DateTimeField("Ouverture des inscriptions")
    inscriptions_fermeture = models.DateTimeField("Clôture des inscriptions")
    places_prises = models.PositiveIntegerField(
        "Places prises",
        default=0,
        editable=False,
        help_text="Tenu à jour par les inscriptions des classes, jamais à la main.",
    )
    publie = models.BooleanField("Publié", default=True)
    organisateurs = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="Comptes organisateurs",
        blank=True,
        related_name="evenements_organises",
        help_text="Ces comptes peuvent modifier cet événement dans l'administration.",
    )

    objects = EvenementQuerySet.as_manager()

    class Meta:
        verbose_name = "événement"
        ordering = ["debut", "titre"]
        indexes = [
            models.Index(fields=["edition", "debut"], name="semaine_evt_edition_debut"),
            models.Index(fields=["region", "debut"], name="semaine_evt_region_debut"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(places_prises__lte=models.F("capacite")),
                name="semaine_evt_places_within_capacite",
            ),
            models.CheckConstraint(
                condition=models.Q(fin__gt=models.F("debut")), name="semaine_evt_fin_after_debut"
            ),
        ]
        permissions = [
            ("manage_all_evenements", "Gérer tous les événements, pas seulement les siens")
        ]

    def __str__(self):
        return self.titre

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.titre)[:120]
        super().save(*args, **kwargs)

    @property
    def places_restantes(self):
        return max(self.capacite - self.places_prises, 0)

    @property
    def organisateur_type(self):
        if self.etablissement_id:
            return "etablissement"
        if self.federation_id:
            return "federation"
        return "organisation"

    @property
    def organisateur_nom(self):
        if self.etablissement_id:
            return self.etablissement.nom
        if self.federation_id:
            return self.federation.nom
        return self.organisation

    @property
    def a_un_lieu(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def inscriptions_ouvertes(self):
        return self.inscriptions_ouverture <= timezone.now() < self.inscriptions_fermeture

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = slugify(self.titre)[:120]
        errors = {}
        self._clean_organisateur(errors)
        self._clean_lieu(errors)
        self._clean_dates(errors)
        if self.capacite is not None and self.capacite < self.places_prises:
            errors["capacite"] = (
                f"{self.places_prises} places sont déjà prises : la capacité ne peut pas être "
                "plus petite."
            )
        if errors:
            raise ValidationError(errors)

    def _clean_organisateur(self, errors):
        given = [bool(self.etablissement_id), bool(self.federation_id), bool(self.organisation)]
        if sum(given) != 1:
            errors["organisation"] = (
                "Choisis un seul organisateur : un établissement membre, une fédération ou le "
                "nom d'une autre organisation."
            )

    def _clean_lieu(self, errors):
        lieu = [self.commune, self.region, self.latitude, self.longitude]
        partial = any(v not in (None, "") for v in lieu) and not all(
            v not in (None, "") for v in lieu
        )
        if partial:
            errors["commune"] = (
                "Pour un lieu, renseigne la commune, la région, la latitude et la longitude."
            )
        elif self.a_un_lieu:
            message = location_error(self.region, self.latitude, self.longitude)
            if message:
                errors["latitude"] = message
        elif not self.lien_en_ligne:
            errors["lien_en_ligne"] = (
                "Un événement a un lieu (avec ses coordonnées) ou un lien pour le suivre en ligne."
            )

    def _clean_dates(self, errors):
        if self.debut and self.fin and self.fin <= self.debut:
            errors["fin"] = "La fin vient après le début."
        if self.debut and self.fin and self.edition_id:
            edition = self.edition
            first = timezone.localdate(self.debut)
            last = timezone.localdate(self.fin)
            if first < edition.date_debut or last > edition.date_fin:
                errors["debut"] = (
                    f"L'événement se tient pendant l'édition, du {edition.date_debut:%d/%m/%Y} "
                    f"au {edition.date_fin:%d/%m/%Y}."
                )
        opening, closing = self.inscriptions_ouverture, self.inscriptions_fermeture
        if opening and closing and closing <= opening:
            errors["inscriptions_fermeture"] = "La clôture vient après l'ouverture."
        elif closing and self.fin and closing > self.fin:
            errors["inscriptions_fermeture"] = "Les inscriptions ferment au plus tard à la fin."
