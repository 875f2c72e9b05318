"""Studies: bacs and spécialités, establishments, and the formations that lead to the métiers."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework.serializers import PrimaryKeyRelatedField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.home.models import HeadlessPreviewable

from .choices import Niveau, Region, Statut, TypeBac, TypeEtablissement, TypeFormation
from .geography import location_error
from .panels import DebouchesPanel


class SluggedSnippet(models.Model):
    """A snippet addressed by a stable slug in URLs and the API; the slug follows the name."""

    slug = models.SlugField(
        "Identifiant d'adresse",
        max_length=120,
        unique=True,
        blank=True,
        help_text="Rempli automatiquement à partir du nom s'il est laissé vide.",
    )

    slug_source_field = "nom"

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if not self.slug:
            self.slug = slugify(getattr(self, self.slug_source_field))[:120]


class Bac(SluggedSnippet, index.Indexed):
    nom = models.CharField("Nom", max_length=150)
    type = models.CharField("Type de bac", max_length=20, choices=TypeBac.choices)
    description = models.TextField("Description", blank=True)

    panels = [FieldPanel("nom"), FieldPanel("slug"), FieldPanel("type"), FieldPanel("description")]
    search_fields = [index.SearchField("nom"), index.AutocompleteField("nom")]
    api_fields = [APIField("slug"), APIField("nom"), APIField("type"), APIField("description")]

    class Meta:
        verbose_name = "bac"
        ordering = ["type", "nom"]

    def __str__(self):
        return self.nom


class Specialite(SluggedSnippet, index.Indexed):
    """A spécialité (bac général) or a spécialité of a technological bac (SIN, SIG...)."""

    nom = models.CharField("Nom", max_length=150)
    sigle = models.CharField("Sigle", max_length=20, blank=True)
    bac = models.ForeignKey(
        Bac, verbose_name="Bac", on_delete=models.PROTECT, related_name="specialites"
    )
    description = models.TextField("Description", blank=True)

    panels = [
        FieldPanel("nom"),
        FieldPanel("sigle"),
        FieldPanel("slug"),
        FieldPanel("bac"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("nom"),
        index.SearchField("sigle"),
        index.AutocompleteField("nom"),
    ]
    api_fields = [APIField("slug"), APIField("nom"), APIField("sigle"), APIField("description")]

    class Meta:
        verbose_name = "spécialité"
        ordering = ["bac__type", "nom"]

    def __str__(self):
        return f"{self.sigle or self.nom} ({self.bac.nom})"


class Etablissement(SluggedSnippet, index.Indexed):
    """A school, university or lycée, placed on the map by its coordinates."""

    nom = models.CharField("Nom", max_length=200)
    sigle = models.CharField("Sigle", max_length=40, blank=True)
    type = models.CharField("Type", max_length=20, choices=TypeEtablissement.choices)
    statut = models.CharField("Statut", max_length=10, choices=Statut.choices)
    adresse = models.CharField("Adresse", max_length=250, blank=True)
    code_postal = models.CharField(
        "Code postal",
        max_length=5,
        validators=[RegexValidator(r"^\d{5}$", "Un code postal a 5 chiffres.")],
    )
    ville = models.CharField("Ville", max_length=120)
    region = models.CharField("Région", max_length=40, choices=Region.choices)
    latitude = models.DecimalField(
        "Latitude",
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        "Longitude",
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    site_web = models.URLField("Site web", blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    membre = models.BooleanField("Membre de Talents du Numérique", default=False)
    uai = models.CharField(
        "Code UAI",
        max_length=8,
        blank=True,
        help_text="Facultatif : 7 chiffres et une lettre (ex. 0690000A).",
    )

    panels = [
        FieldPanel("nom"),
        FieldRowPanel([FieldPanel("sigle"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("type"), FieldPanel("statut"), FieldPanel("membre")]),
        MultiFieldPanel(
            [
                FieldPanel("adresse"),
                FieldRowPanel([FieldPanel("code_postal"), FieldPanel("ville")]),
                FieldPanel("region"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Adresse et position sur la carte",
        ),
        FieldPanel("site_web"),
        FieldPanel("logo"),
        FieldPanel("uai"),
    ]
    search_fields = [
        index.SearchField("nom"),
        index.SearchField("sigle"),
        index.SearchField("ville"),
        index.AutocompleteField("nom"),
        index.FilterField("region"),
        index.FilterField("type"),
        index.FilterField("membre"),
    ]
    api_fields = [
        APIField("slug"),
        APIField("nom"),
        APIField("sigle"),
        APIField("type"),
        APIField("statut"),
        APIField("ville"),
        APIField("region"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("membre"),
    ]

    class Meta:
        verbose_name = "établissement"
        ordering = ["nom"]

    def __str__(self):
        return f"{self.nom} ({self.ville})"

    @property
    def live_formations(self):
        """Published formations only (works on prefetched relations)."""
        return [f for f in self.formations.all() if f.live]

    def clean(self):
        super().clean()
        errors = {}
        if self.latitude is not None and self.longitude is not None and self.region:
            message = location_error(self.region, self.latitude, self.longitude)
            if message:
                errors["latitude"] = message
        if self.uai and not (
            len(self.uai) == 8 and self.uai[:7].isdigit() and self.uai[7].isalpha()
        ):
            errors["uai"] = "Un code UAI a 7 chiffres suivis d'une lettre."
        if errors:
            raise ValidationError(errors)


class FormationIndexPage(HeadlessPreviewable, Page):
    introduction = models.TextField("Introduction", blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    api_fields = [APIField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["formations.FormationPage"]
    max_count = 1
    # The explorer lists the fiches by title, whoever edited one last.
    admin_default_ordering = "title"

    class Meta:
        verbose_name = "liste des formations"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["formations"] = (
            FormationPage.objects.child_of(self).live().order_by("niveau_sortie", "title")
        )
        return context


class FormationPage(HeadlessPreviewable, Page):
    """A diploma or title that leads to métiers du numérique; the page title is its intitulé."""

    sigle = models.CharField("Sigle", max_length=40, blank=True)
    type_formation = models.CharField(
        "Type de formation", max_length=20, choices=TypeFormation.choices
    )
    niveau_sortie = models.PositiveSmallIntegerField(
        "Niveau de sortie", choices=Niveau.choices, help_text="Le niveau obtenu en bac+N."
    )
    duree = models.CharField("Durée", max_length=60, help_text="Par exemple : 2 ans.")
    bacs = ParentalManyToManyField(Bac, verbose_name="Bacs conseillés", blank=True)
    specialites = ParentalManyToManyField(
        Specialite, verbose_name="Spécialités conseillées", blank=True
    )
    alternance = models.BooleanField("Possible en alternance", default=False)
    code_rncp = models.CharField(
        "Code RNCP",
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^RNCP\d{3,6}$", "Format attendu : RNCP suivi de chiffres.")],
    )
    code_onisep = models.CharField("Code Onisep", max_length=20, blank=True)
    description = RichTextField("Description", features=["bold", "italic", "link", "ul", "ol"])
    # Edited as the ordered `etablissement_links` (a chooser with search); this field reads the
    # saved links in queries (`formations` from an establishment, filters, prefetches).
    etablissements = models.ManyToManyField(
        Etablissement,
        through="formations.FormationEtablissement",
        verbose_name="Établissements qui la proposent",
        blank=True,
        related_name="formations",
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("sigle"), FieldPanel("type_formation")]),
        FieldRowPanel([FieldPanel("niveau_sortie"), FieldPanel("duree"), FieldPanel("alternance")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("bacs"), FieldPanel("specialites")],
            heading="Accès",
        ),
        MultipleChooserPanel(
            "etablissement_links",
            chooser_field_name="etablissement",
            heading="Établissements qui la proposent",
            label="Établissement",
        ),
        DebouchesPanel(heading="Métiers auxquels elle mène"),
        MultiFieldPanel(
            [FieldPanel("code_rncp"), FieldPanel("code_onisep")],
            heading="Références officielles",
            classname="collapsed",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("sigle"),
        index.SearchField("description"),
        index.AutocompleteField("sigle"),
        index.FilterField("type_formation"),
        index.FilterField("niveau_sortie"),
        index.FilterField("alternance"),
    ]
    api_fields = [
        APIField("sigle"),
        APIField("type_formation"),
        APIField("niveau_sortie"),
        APIField("duree"),
        APIField("alternance"),
        APIField("code_rncp"),
        APIField("code_onisep"),
        APIField("description"),
        APIField("bacs"),
        APIField("specialites"),
        APIField(
            "etablissements",
            serializer=PrimaryKeyRelatedField(
                source="linked_etablissements", many=True, read_only=True
            ),
        ),
    ]
    parent_page_types = ["formations.FormationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "formation"

    @property
    def live_debouches(self):
        """Published métiers this formation leads to (works on prefetched relations)."""
        return [m for m in self.debouches.all() if m.live]

    @property
    def linked_etablissements(self):
        """The establishments in the editors' order, read from the links: prefetched ones
        (`etablissement_links__etablissement`) or, in a preview, those of the revision."""
        return [link.etablissement for link in self.etablissement_links.all()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["debouches"] = sorted(self.live_debouches, key=lambda page: page.title)
        return context


class FormationEtablissement(Orderable):
    """An establishment where the formation can be followed, in the order the page shows them."""

    page = ParentalKey(FormationPage, on_delete=models.CASCADE, related_name="etablissement_links")
    etablissement = models.ForeignKey(
        Etablissement,
        verbose_name="Établissement",
        on_delete=models.CASCADE,
        related_name="formation_links",
    )

    panels = [FieldPanel("etablissement")]

    class Meta(Orderable.Meta):
        verbose_name = "établissement qui la propose"
        verbose_name_plural = "établissements qui la proposent"
        unique_together = [("page", "etablissement")]
