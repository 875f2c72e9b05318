"""The Trophées NSI: editions, lycées, teams registered by their teacher, submissions with their
revisions and files, juries and their scores.

Teachers are the only account holders among participants: students are known by first name and
initial only. The rules (deadline, team sizes, who sees and scores what) live in `services`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from cms.formations.choices import Region


class Niveau(models.TextChoices):
    PREMIERE = "premiere", "Première NSI"
    TERMINALE = "terminale", "Terminale NSI"


class Categorie(models.TextChoices):
    JEU = "jeu", "Jeu"
    SCIENCE = "science", "Sciences et simulation"
    SOCIETE = "societe", "Utilité sociale et environnement"
    DONNEES = "donnees", "Données et intelligence artificielle"
    OUTIL = "outil", "Outil ou application"
    OBJET = "objet", "Objet connecté et robotique"


class Edition(ClusterableModel):
    """One year of the Trophées: its calendar, its team sizes, its criteria grid."""

    annee = models.PositiveSmallIntegerField(
        "Année",
        unique=True,
        validators=[MinValueValidator(2020), MaxValueValidator(2100)],
        help_text="L'année des finales (ex. 2026 pour l'année scolaire 2025-2026).",
    )
    titre = models.CharField("Titre", max_length=120)
    demo = models.BooleanField(
        "Démonstration", default=False, help_text="Contenu fictif, chargé par load_demo."
    )
    inscriptions_ouverture = models.DateField("Ouverture des inscriptions")
    inscriptions_fermeture = models.DateField("Fermeture des inscriptions")
    date_limite_depot = models.DateTimeField(
        "Date limite de dépôt", help_text="Heure de Paris ; les projets sont verrouillés ensuite."
    )
    finale_nationale = models.DateField("Finale nationale")
    finale_nationale_lieu = models.CharField("Lieu de la finale nationale", max_length=200)
    equipe_min = models.PositiveSmallIntegerField(
        "Élèves par équipe (minimum)", default=2, validators=[MinValueValidator(1)]
    )
    equipe_max = models.PositiveSmallIntegerField(
        "Élèves par équipe (maximum)", default=5, validators=[MinValueValidator(1)]
    )
    resultats_publies = models.BooleanField("Résultats publiés", default=False)

    panels = [
        FieldRowPanel([FieldPanel("annee"), FieldPanel("titre"), FieldPanel("demo")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("inscriptions_ouverture"), FieldPanel("inscriptions_fermeture")]
                ),
                FieldPanel("date_limite_depot"),
                FieldRowPanel(
                    [FieldPanel("finale_nationale"), FieldPanel("finale_nationale_lieu")]
                ),
            ],
            heading="Calendrier",
        ),
        FieldRowPanel([FieldPanel("equipe_min"), FieldPanel("equipe_max")]),
        InlinePanel("finales", heading="Finales régionales", label="Finale régionale"),
        InlinePanel("criteres", heading="Grille d'évaluation", label="Critère"),
        FieldPanel("resultats_publies"),
    ]

    class Meta:
        verbose_name = "édition des Trophées NSI"
        verbose_name_plural = "éditions des Trophées NSI"
        ordering = ["-annee"]
        permissions = [("organiser", "Organiser les Trophées NSI (finalistes, résultats, export)")]

    def __str__(self):
        return self.titre

    def clean(self):
        errors = {}
        if self.equipe_min and self.equipe_max and self.equipe_min > self.equipe_max:
            errors["equipe_max"] = "Le maximum doit être au moins égal au minimum."
        if (
            self.inscriptions_ouverture
            and self.inscriptions_fermeture
            and self.inscriptions_ouverture > self.inscriptions_fermeture
        ):
            errors["inscriptions_fermeture"] = "La fermeture suit l'ouverture."
        if errors:
            raise ValidationError(errors)


class FinaleRegionale(Orderable):
    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="finales")
    region = models.CharField("Région", max_length=40, choices=Region.choices)
    date = models.DateField("Date")
    lieu = models.CharField("Lieu", max_length=200)

    panels = [FieldRowPanel([FieldPanel("region"), FieldPanel("date"), FieldPanel("lieu")])]

    class Meta(Orderable.Meta):
        verbose_name = "finale régionale"
        constraints = [
            models.UniqueConstraint(fields=["edition", "region"], name="trophees_une_finale")
        ]


class Critere(Orderable):
    """A line of the grid: each juror's note on it counts for `poids` out of the weights' sum."""

    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="criteres")
    nom = models.CharField("Critère", max_length=120)
    description = models.TextField("Description", blank=True)
    poids = models.PositiveSmallIntegerField("Poids", default=1, validators=[MinValueValidator(1)])
    note_max = models.PositiveSmallIntegerField(
        "Note maximale", default=20, validators=[MinValueValidator(1)]
    )

    panels = [
        FieldPanel("nom"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("poids"), FieldPanel("note_max")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "critère"

    def __str__(self):
        return self.nom


class Lycee(models.Model):
    """A lycée whose teams take part; linked to the member establishment when there is one."""

    nom = models.CharField("Nom", max_length=200)
    ville = models.CharField("Ville", max_length=120)
    region = models.CharField("Région", max_length=40, choices=Region.choices)
    etablissement = models.ForeignKey(
        "formations.Etablissement",
        verbose_name="Établissement membre",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "lycée"
        ordering = ["region", "nom"]
        constraints = [
            models.UniqueConstraint(fields=["nom", "ville", "region"], name="trophees_un_lycee")
        ]

    def __str__(self):
        return f"{self.nom} ({self.ville})"


class Equipe(ClusterableModel):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="equipes")
    lycee = models.ForeignKey(Lycee, on_delete=models.PROTECT, related_name="equipes")
    enseignant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Enseignant·e",
        on_delete=models.PROTECT,
        related_name="equipes_trophees",
    )
    nom = models.CharField("Nom de l'équipe", max_length=80)
    niveau = models.CharField("Niveau", max_length=10, choices=Niveau.choices)
    finaliste = models.BooleanField("Finaliste nationale", default=False)
    prix = models.CharField("Prix", max_length=120, blank=True)
    prix_ordre = models.PositiveSmallIntegerField(
        "Rang dans le palmarès", null=True, blank=True, help_text="1 pour le premier prix annoncé."
    )
    cree_le = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("edition"), FieldPanel("nom"), FieldPanel("niveau")]),
        FieldRowPanel([FieldPanel("lycee"), FieldPanel("enseignant")]),
        InlinePanel("eleves", heading="Élèves (prénom et initiale)", label="Élève"),
        FieldRowPanel([FieldPanel("finaliste"), FieldPanel("prix"), FieldPanel("prix_ordre")]),
    ]

    class Meta:
        verbose_name = "équipe"
        ordering = ["edition", "lycee__region", "nom"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "nom"], name="trophees_nom_unique")
        ]

    def __str__(self):
        return self.nom


class Eleve(models.Model):
    """A student, as little as can be: a first name and an initial, nothing else."""

    equipe = ParentalKey(Equipe, on_delete=models.CASCADE, related_name="eleves")
    prenom = models.CharField("Prénom", max_length=40)
    initiale = models.CharField(
        "Initiale du nom",
        max_length=1,
        validators=[RegexValidator(r"^[A-ZÀ-Ý]$", "Une seule lettre majuscule.")],
    )
    niveau = models.CharField("Niveau", max_length=10, choices=Niveau.choices)

    panels = [FieldRowPanel([FieldPanel("prenom"), FieldPanel("initiale"), FieldPanel("niveau")])]

    class Meta:
        verbose_name = "élève"
        ordering = ["equipe", "id"]

    def __str__(self):
        return f"{self.prenom} {self.initiale}."


class Projet(models.Model):
    equipe = models.OneToOneField(Equipe, on_delete=models.CASCADE, related_name="projet")
    titre = models.CharField("Titre", max_length=120)
    resume = models.TextField("Résumé", max_length=3000)
    categorie = models.CharField("Catégorie", max_length=10, choices=Categorie.choices)
    langages = models.JSONField("Langages", default=list)
    depot_url = models.URLField("Dépôt du code", blank=True)
    video_url = models.URLField("Vidéo", blank=True)
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "projet"

    def __str__(self):
        return self.titre


class ProjetRevision(models.Model):
    """Every saved state of a submission, whole, with who saved it and when."""

    projet = models.ForeignKey(Projet, on_delete=models.CASCADE, related_name="revisions")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    cree_le = models.DateTimeField()
    contenu = models.JSONField()

    class Meta:
        verbose_name = "révision de projet"
        ordering = ["projet", "-cree_le", "-id"]

    def __str__(self):
        return f"{self.projet} ({self.cree_le:%d/%m/%Y %H:%M})"


class TypeFichier(models.TextChoices):
    ZIP = "zip", "Archive ZIP"
    PDF = "pdf", "PDF"
    PNG = "png", "Image PNG"
    JPEG = "jpeg", "Image JPEG"


class Fichier(models.Model):
    projet = models.ForeignKey(Projet, on_delete=models.CASCADE, related_name="fichiers")
    fichier = models.FileField(upload_to="trophees/%Y/")
    nom = models.CharField("Nom d'origine", max_length=120)
    type = models.CharField(max_length=5, choices=TypeFichier.choices)
    taille = models.PositiveIntegerField("Taille (octets)")
    cree_le = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "fichier"
        ordering = ["projet", "id"]

    def __str__(self):
        return self.nom


class Jure(models.Model):
    """A juror for one edition: of one région, or of the national jury (no région)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jurys_trophees"
    )
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="jures")
    region = models.CharField(
        "Région",
        max_length=40,
        choices=Region.choices,
        blank=True,
        help_text="Vide : jury national.",
    )
    conflits = models.ManyToManyField(
        Lycee,
        verbose_name="Conflits d'intérêts déclarés",
        blank=True,
        related_name="jures_en_conflit",
    )

    class Meta:
        verbose_name = "juré·e"
        constraints = [models.UniqueConstraint(fields=["user", "edition"], name="trophees_un_jure")]

    def __str__(self):
        return f"{self.user} ({self.get_region_display() or 'national'})"

    @property
    def national(self):
        return not self.region


class Note(models.Model):
    """One juror's note on one criterion of one team's project."""

    jure = models.ForeignKey(Jure, on_delete=models.CASCADE, related_name="notes")
    equipe = models.ForeignKey(Equipe, on_delete=models.CASCADE, related_name="notes")
    critere = models.ForeignKey(Critere, on_delete=models.CASCADE, related_name="notes")
    valeur = models.DecimalField(max_digits=5, decimal_places=2)
    modifie_le = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "note"
        constraints = [
            models.UniqueConstraint(fields=["jure", "equipe", "critere"], name="trophees_une_note")
        ]

    def __str__(self):
        return f"{self.critere} : {self.valeur}"
