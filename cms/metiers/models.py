"""The métier fiches: what the job is, its RIASEC profile, access, pay, and where it leads from."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework.serializers import PrimaryKeyRelatedField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.formations.choices import Niveau
from cms.home.blocks import video_embed_url
from cms.home.models import HeadlessPreviewable

from .choices import Domaine
from .riasec import DIMENSIONS, holland_code

LIST_FEATURES = ["bold", "italic", "ul", "link"]


def riasec_field(letter, label):
    return models.PositiveSmallIntegerField(
        f"{letter} — {label}",
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="De 0 à 100.",
    )


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class Source(models.Model):
    """A publication a figure comes from, shared by every figure that cites it: a counsellor
    opens the link and finds the figure there."""

    titre = models.CharField("Titre", max_length=300)
    editeur = models.CharField("Éditeur", max_length=120)
    annee = models.PositiveSmallIntegerField(
        "Année de publication", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    url = models.URLField("Adresse", max_length=500)

    panels = [FieldPanel("titre"), FieldPanel("editeur"), FieldPanel("annee"), FieldPanel("url")]

    class Meta:
        verbose_name = "source d'un chiffre"
        verbose_name_plural = "sources des chiffres"
        ordering = ["editeur", "-annee", "titre"]

    def __str__(self):
        return f"{self.editeur}, {self.titre} ({self.annee})"

    def as_dict(self):
        return {"titre": self.titre, "editeur": self.editeur, "annee": self.annee, "url": self.url}


class SalaireLibelle(models.TextChoices):
    """What the salary range measures: "en début de carrière" only when the source says so."""

    DEBUT = "debut", "en début de carrière"
    PRISE_DE_POSTE = "prise_de_poste", "à la prise de poste, après plusieurs années d'expérience"
    ENSEMBLE = "ensemble", "tous niveaux d'expérience confondus"


def source_field(verbose_name):
    return models.ForeignKey(
        Source,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Sans source, le chiffre n'est pas affiché.",
    )


class MetierIndexPage(HeadlessPreviewable, Page):
    introduction = models.TextField("Introduction", blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    api_fields = [APIField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["metiers.MetierPage"]
    max_count = 1
    # The explorer lists the fiches by title, whoever edited one last.
    admin_default_ordering = "title"

    class Meta:
        verbose_name = "liste des métiers"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        metiers = MetierPage.objects.child_of(self).live().order_by("title")
        context["domaines"] = [
            (label, [m for m in metiers if m.domaine == value]) for value, label in Domaine.choices
        ]
        return context


class MetierPage(HeadlessPreviewable, Page):
    """One métier du numérique, written for a 14-year-old and reused by the test and Charly."""

    accroche = models.CharField(
        "Accroche",
        max_length=220,
        help_text="Une seule phrase qu'un·e élève de 14 ans comprend.",
    )
    description = RichTextField("Description", features=["bold", "italic", "link", "h3"])
    missions = RichTextField("Missions", features=LIST_FEATURES)
    competences = RichTextField("Compétences", features=LIST_FEATURES)
    qualites = RichTextField("Qualités", features=LIST_FEATURES, blank=True)
    domaine = models.CharField("Domaine", max_length=40, choices=Domaine.choices)

    riasec_r = riasec_field("R", "Réaliste")
    riasec_i = riasec_field("I", "Investigateur")
    riasec_a = riasec_field("A", "Artistique")
    riasec_s = riasec_field("S", "Social")
    riasec_e = riasec_field("E", "Entreprenant")
    riasec_c = riasec_field("C", "Conventionnel")
    onet_reference = models.CharField(
        "Métier O*NET d'inspiration",
        max_length=120,
        blank=True,
        help_text="Le métier O*NET dont s'inspire le profil (ex. 15-1254.00 Web Developers).",
    )

    niveau_acces_min = models.PositiveSmallIntegerField(
        "Niveau d'accès minimum", choices=Niveau.choices
    )
    niveau_acces_usuel = models.PositiveSmallIntegerField(
        "Niveau d'accès habituel", choices=Niveau.choices
    )
    salaire_debutant_min = models.PositiveIntegerField(
        "Salaire minimum (€ brut mensuel)", null=True, blank=True
    )
    salaire_debutant_max = models.PositiveIntegerField(
        "Salaire maximum (€ brut mensuel)", null=True, blank=True
    )
    salaire_libelle = models.CharField(
        "Ce que mesure le salaire",
        max_length=20,
        choices=SalaireLibelle.choices,
        blank=True,
        help_text="« En début de carrière » seulement si la source le dit.",
    )
    salaire_source = source_field("Source du salaire")
    perspectives = models.TextField("Perspectives", blank=True)
    part_femmes = models.DecimalField(
        "Part des femmes (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    part_femmes_libelle = models.CharField(
        "Parmi qui",
        max_length=200,
        blank=True,
        help_text="Ce que la source compte vraiment (ex. « dans les métiers techniques du jeu "
        "vidéo »).",
    )
    part_femmes_source = source_field("Source de la part des femmes")

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Pense à placer le point focal sur le sujet de l'image.",
    )
    video_url = models.URLField("Vidéo (YouTube, Vimeo ou Dailymotion)", blank=True)

    # Edited as the ordered `formation_links` (a chooser with search); this field reads the
    # saved links in queries (`debouches` from a formation, filters, prefetches).
    formations = models.ManyToManyField(
        "formations.FormationPage",
        through="metiers.MetierFormation",
        verbose_name="Formations qui y mènent",
        blank=True,
        related_name="debouches",
    )
    bacs = ParentalManyToManyField(
        "formations.Bac", verbose_name="Bacs conseillés", blank=True, related_name="metiers"
    )
    specialites = ParentalManyToManyField(
        "formations.Specialite",
        verbose_name="Spécialités conseillées",
        blank=True,
        related_name="metiers",
    )
    metiers_proches = ParentalManyToManyField(
        "self", verbose_name="Métiers proches", blank=True, symmetrical=False
    )
    synonymes = models.TextField(
        "Synonymes",
        blank=True,
        help_text="Un mot par ligne : ce que les élèves tapent pour ce métier (dev, codeuse…).",
    )
    interets = models.TextField(
        "Ce qui plaît aux élèves qui s'y voient",
        blank=True,
        help_text="Un par ligne : loisirs, matières, outils, activités (drones, Arduino, réparer "
        "les ordis…). La recherche et Charly relient ainsi ce qu'un·e élève aime à ce métier.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("accroche"),
        FieldPanel("domaine"),
        FieldPanel("image"),
        FieldPanel("description"),
        FieldPanel("missions"),
        FieldPanel("competences"),
        FieldPanel("qualites"),
        FieldPanel("video_url"),
        MultiFieldPanel(
            [
                HelpPanel(
                    "Le profil d'intérêts du métier (codes de Holland) sert au test "
                    "d'orientation : "
                    "de 0 (pas du tout) à 100 (le cœur du métier)."
                ),
                FieldRowPanel(
                    [FieldPanel("riasec_r"), FieldPanel("riasec_i"), FieldPanel("riasec_a")]
                ),
                FieldRowPanel(
                    [FieldPanel("riasec_s"), FieldPanel("riasec_e"), FieldPanel("riasec_c")]
                ),
                FieldPanel("onet_reference"),
            ],
            heading="Profil RIASEC",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("niveau_acces_min"), FieldPanel("niveau_acces_usuel")]),
                FieldRowPanel(
                    [FieldPanel("salaire_debutant_min"), FieldPanel("salaire_debutant_max")]
                ),
                FieldRowPanel([FieldPanel("salaire_libelle"), FieldPanel("salaire_source")]),
                FieldPanel("perspectives"),
                FieldRowPanel(
                    [
                        FieldPanel("part_femmes"),
                        FieldPanel("part_femmes_libelle"),
                        FieldPanel("part_femmes_source"),
                    ]
                ),
            ],
            heading="Études, salaire et chiffres",
        ),
        MultipleChooserPanel(
            "formation_links",
            chooser_field_name="formation",
            heading="Formations qui y mènent",
            label="Formation",
            help_text="Dans l'ordre où les élèves les verront sur la fiche.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("bacs"),
                FieldPanel("specialites"),
                FieldPanel("metiers_proches"),
            ],
            heading="Liens",
        ),
        InlinePanel("faq", label="Question fréquente", min_num=0),
        FieldPanel("synonymes"),
        FieldPanel("interets"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("accroche"),
        index.SearchField("synonymes"),
        index.SearchField("interets"),
        index.SearchField("description"),
        index.SearchField("missions"),
        index.SearchField("competences"),
        index.AutocompleteField("synonymes"),
        index.FilterField("domaine"),
        index.FilterField("niveau_acces_min"),
        index.RelatedFields("faq", [index.SearchField("question"), index.SearchField("reponse")]),
    ]
    api_fields = [
        APIField("accroche"),
        APIField("domaine"),
        APIField("description"),
        APIField("missions"),
        APIField("competences"),
        APIField("qualites"),
        APIField("riasec_profile"),
        APIField("code_riasec"),
        APIField("niveau_acces_min"),
        APIField("niveau_acces_usuel"),
        APIField("salaire_debutant"),
        APIField("perspectives"),
        APIField("part_femmes_chiffre"),
        APIField("image"),
        APIField("video_url"),
        APIField(
            "formations",
            serializer=PrimaryKeyRelatedField(source="live_formations", many=True, read_only=True),
        ),
        APIField("bacs"),
        APIField("specialites"),
        APIField("metiers_proches"),
        APIField("faq"),
        APIField("synonym_list"),
        APIField("interest_list"),
    ]

    parent_page_types = ["metiers.MetierIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "métier"

    @property
    def riasec_profile(self):
        return {letter: getattr(self, f"riasec_{letter.lower()}") for letter in DIMENSIONS}

    @property
    def code_riasec(self):
        return holland_code(self.riasec_profile)

    @property
    def salaire_debutant(self):
        """The salary range as students see it, or None when it has no source."""
        if self.salaire_debutant_min is None or self.salaire_source is None:
            return None
        return {
            "min": self.salaire_debutant_min,
            "max": self.salaire_debutant_max,
            "libelle": self.get_salaire_libelle_display(),
            "source": self.salaire_source.as_dict(),
            "url": self.salaire_source.url,
        }

    @property
    def part_femmes_chiffre(self):
        """The share of women as students see it, or None when it has no source."""
        if self.part_femmes is None or self.part_femmes_source is None:
            return None
        return {
            "pourcentage": float(self.part_femmes),
            "libelle": self.part_femmes_libelle,
            "source": self.part_femmes_source.as_dict(),
            "url": self.part_femmes_source.url,
        }

    @property
    def live_formations(self):
        """Published formations in the editors' order, read from the links: prefetched ones
        (`formation_links__formation`) or, in a preview, those of the revision."""
        return [link.formation for link in self.formation_links.all() if link.formation.live]

    @property
    def live_metiers_proches(self):
        return [m for m in self.metiers_proches.all() if m.live]

    @property
    def synonym_list(self):
        return _lines(self.synonymes)

    @property
    def interest_list(self):
        return _lines(self.interets)

    def clean(self):
        super().clean()
        errors = {}
        salary = (self.salaire_debutant_min, self.salaire_debutant_max)
        if (None in salary) != (salary == (None, None)):
            errors["salaire_debutant_max"] = "Indique le salaire minimum et le maximum."
        elif None not in salary and salary[0] > salary[1]:
            errors["salaire_debutant_max"] = (
                "Le salaire maximum doit être supérieur ou égal au salaire minimum."
            )
        elif None not in salary and not (self.salaire_source_id and self.salaire_libelle):
            errors["salaire_source"] = "Indique la source du salaire et ce qu'il mesure."
        if (
            self.niveau_acces_min is not None
            and self.niveau_acces_usuel is not None
            and self.niveau_acces_min > self.niveau_acces_usuel
        ):
            errors["niveau_acces_usuel"] = (
                "Le niveau habituel ne peut pas être inférieur au niveau minimum."
            )
        if self.part_femmes is not None and not (
            self.part_femmes_source_id and self.part_femmes_libelle
        ):
            errors["part_femmes_source"] = "Indique la source de ce chiffre et qui il compte."
        if self.video_url and video_embed_url(self.video_url) is None:
            errors["video_url"] = "Seules les vidéos YouTube, Vimeo ou Dailymotion sont acceptées."
        if errors:
            raise ValidationError(errors)


class MetierFaq(Orderable):
    """A question students ask about the métier; Charly answers with it."""

    page = ParentalKey(MetierPage, on_delete=models.CASCADE, related_name="faq")
    question = models.CharField("Question", max_length=250)
    reponse = models.TextField("Réponse")

    panels = [FieldPanel("question"), FieldPanel("reponse")]
    api_fields = [APIField("question"), APIField("reponse")]

    class Meta(Orderable.Meta):
        verbose_name = "question fréquente"


class MetierFormation(Orderable):
    """A formation that leads to the métier, in the order the fiche shows them."""

    page = ParentalKey(MetierPage, on_delete=models.CASCADE, related_name="formation_links")
    formation = models.ForeignKey(
        "formations.FormationPage",
        verbose_name="Formation",
        on_delete=models.CASCADE,
        related_name="metier_links",
    )

    panels = [FieldPanel("formation")]

    class Meta(Orderable.Meta):
        verbose_name = "formation qui y mène"
        verbose_name_plural = "formations qui y mènent"
        unique_together = [("page", "formation")]
