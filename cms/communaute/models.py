"""The association itself: members, federations, commissions, publications, resources and the
Femmes@Numérique, Semaine du numérique and Trophées NSI pages."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.formations.models import Etablissement
from cms.home.models import EditorialPage, HeadlessPreviewable

from .blocks import KeyFigureBlock


class Federation(index.Indexed, models.Model):
    """A professional federation of the association (Cigref, Cinov Numérique, Numeum)."""

    nom = models.CharField("Nom", max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    sigle = models.CharField("Sigle", max_length=40, blank=True)
    description = models.TextField("Description")
    nombre_entreprises = models.PositiveIntegerField(
        "Nombre d'entreprises représentées",
        null=True,
        blank=True,
        help_text="Affiché seulement avec la source qui le donne.",
    )
    nombre_entreprises_source = models.ForeignKey(
        "metiers.Source",
        verbose_name="Source du nombre d'entreprises",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    site_web = models.URLField("Site web", blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("nom"),
        FieldPanel("slug"),
        FieldPanel("sigle"),
        FieldPanel("description"),
        FieldPanel("nombre_entreprises"),
        FieldPanel("nombre_entreprises_source"),
        FieldPanel("site_web"),
        FieldPanel("logo"),
    ]
    search_fields = [index.SearchField("nom"), index.SearchField("description")]
    api_fields = [
        APIField("slug"),
        APIField("nom"),
        APIField("description"),
        APIField("entreprises_representees"),
        APIField("site_web"),
    ]

    class Meta:
        verbose_name = "fédération"
        ordering = ["nom"]

    def __str__(self):
        return self.nom

    def clean(self):
        super().clean()
        if self.nombre_entreprises is not None and self.nombre_entreprises_source is None:
            raise ValidationError(
                {"nombre_entreprises_source": "Indique la source de ce nombre, ou laisse-le vide."}
            )

    @property
    def entreprises_representees(self):
        """The member count as readers see it, or None when it has no source."""
        if self.nombre_entreprises is None or self.nombre_entreprises_source is None:
            return None
        return {
            "nombre": self.nombre_entreprises,
            "source": self.nombre_entreprises_source.as_dict(),
            "url": self.nombre_entreprises_source.url,
        }


class Commission(models.Model):
    """One of the association's working groups, or its observatoire."""

    class Type(models.TextChoices):
        COMMISSION = "commission", "Commission"
        OBSERVATOIRE = "observatoire", "Observatoire"

    nom = models.CharField("Nom", max_length=150)
    slug = models.SlugField(max_length=80, unique=True)
    type = models.CharField(max_length=20, choices=Type.choices, default=Type.COMMISSION)
    mission = models.TextField("Mission")

    panels = [FieldPanel("nom"), FieldPanel("slug"), FieldPanel("type"), FieldPanel("mission")]

    class Meta:
        verbose_name = "commission"
        ordering = ["type", "nom"]

    def __str__(self):
        return self.nom


class RoleModel(models.Model):
    """A woman working in the numérique who tells her path; first name only, by design."""

    prenom = models.CharField("Prénom", max_length=60)
    slug = models.SlugField(max_length=80, unique=True)
    metier = models.ForeignKey(
        "metiers.MetierPage",
        verbose_name="Métier",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="role_models",
    )
    parcours = models.TextField("Son parcours")
    citation = models.CharField("Citation", max_length=300)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("prenom"),
        FieldPanel("slug"),
        FieldPanel("metier"),
        FieldPanel("parcours"),
        FieldPanel("citation"),
        FieldPanel("photo"),
    ]

    class Meta:
        verbose_name = "portrait inspirant"
        verbose_name_plural = "portraits inspirants"
        ordering = ["prenom"]

    def __str__(self):
        return self.prenom

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.prenom)
        super().save(*args, **kwargs)


class MembresPage(EditorialPage):
    """The members: establishments of the association, federations, commissions, observatoire."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "page des membres"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["etablissements"] = Etablissement.objects.filter(membre=True).order_by(
            "region", "nom"
        )
        context["federations"] = Federation.objects.all()
        context["commissions"] = Commission.objects.all()
        return context


class PublicationIndexPage(EditorialPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["communaute.PublicationPage"]
    max_count = 1

    class Meta:
        verbose_name = "liste des publications"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["publications"] = (
            PublicationPage.objects.child_of(self).live().order_by("-date_publication")
        )
        return context


class PublicationPage(HeadlessPreviewable, Page):
    """A note or a set of recommandations published by the association, with its document."""

    class Type(models.TextChoices):
        NOTE = "note", "Note"
        RECOMMANDATION = "recommandation", "Recommandations"

    type_publication = models.CharField(
        "Type", max_length=20, choices=Type.choices, default=Type.NOTE
    )
    date_publication = models.DateField("Date de publication")
    resume = models.TextField("Résumé", max_length=600)
    body = RichTextField("Texte", features=["bold", "italic", "link", "h3", "ul", "ol"])
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Document à télécharger",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("type_publication"),
        FieldPanel("date_publication"),
        FieldPanel("resume"),
        FieldPanel("body"),
        FieldPanel("document"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("resume"), index.SearchField("body")]
    api_fields = [
        APIField("type_publication"),
        APIField("date_publication"),
        APIField("resume"),
        APIField("body"),
        APIField("document"),
    ]
    parent_page_types = ["communaute.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "publication"


class ResourceIndexPage(EditorialPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["communaute.ResourcePage"]
    max_count = 1

    class Meta:
        verbose_name = "liste des ressources"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resources = ResourcePage.objects.child_of(self).live().order_by("title")
        audience = request.GET.get("public")
        if audience:
            resources = resources.filter(audiences__slug=audience)
        context["resources"] = resources.prefetch_related("audiences")
        return context


class ResourcePageAudience(TaggedItemBase):
    content_object = ParentalKey(
        "communaute.ResourcePage", on_delete=models.CASCADE, related_name="tagged_audiences"
    )


class ResourcePage(EditorialPage):
    """A resource for students, parents or teachers: a guide, a kit, a link to a public service."""

    audiences = ClusterTaggableManager(
        "Publics",
        through=ResourcePageAudience,
        blank=True,
        help_text="Par exemple : élèves, parents, enseignants.",
    )
    external_url = models.URLField("Lien externe", blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [
        *EditorialPage.content_panels,
        FieldPanel("audiences"),
        FieldPanel("external_url"),
        FieldPanel("document"),
    ]
    api_fields = [
        *EditorialPage.api_fields,
        APIField("audience_names"),
        APIField("external_url"),
        APIField("document"),
    ]
    parent_page_types = ["communaute.ResourceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "ressource"

    @property
    def audience_names(self):
        return [tag.name for tag in self.audiences.all()]


class FemmesNumeriquePage(EditorialPage):
    """Femmes@Numérique: key figures and portraits of women who chose the numérique."""

    chiffres_cles = StreamField(
        [("chiffre", KeyFigureBlock())], verbose_name="Chiffres clés", blank=True
    )

    content_panels = [*EditorialPage.content_panels, FieldPanel("chiffres_cles")]
    api_fields = [*EditorialPage.api_fields, APIField("chiffres_cles")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = "page Femmes@Numérique"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["role_models"] = RoleModel.objects.select_related("metier", "photo")
        return context


class SemaineNumeriquePage(EditorialPage):
    """The Semaine du numérique (its events and registrations come with the events room)."""

    dates = models.CharField("Dates", max_length=120, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("dates"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    api_fields = [*EditorialPage.api_fields, APIField("dates")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = "page Semaine du numérique"


class TropheesNsiPage(EditorialPage):
    """The Trophées NSI competition (editions, teams and juries come with the events room)."""

    nombre_projets = models.PositiveIntegerField(
        "Projets lors de la dernière édition",
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    calendrier = StreamField(
        [
            (
                "etape",
                blocks.StructBlock(
                    [
                        ("date", blocks.CharBlock(label="Date", max_length=60)),
                        ("libelle", blocks.CharBlock(label="Étape", max_length=150)),
                    ],
                    icon="date",
                    label="Étape",
                ),
            )
        ],
        verbose_name="Calendrier",
        blank=True,
    )

    content_panels = [
        *EditorialPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("nombre_projets"), FieldPanel("calendrier")], heading="Édition"
        ),
    ]
    api_fields = [*EditorialPage.api_fields, APIField("nombre_projets"), APIField("calendrier")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]
    max_count = 1

    class Meta:
        verbose_name = "page Trophées NSI"
