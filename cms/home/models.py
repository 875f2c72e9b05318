"""The home page, generic editorial pages and the site-wide settings."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_headless_preview.models import HeadlessPreviewMixin

from .blocks import BaseStreamBlock

TOP_LEVEL_PAGE_TYPES = [
    "home.StandardPage",
    "metiers.MetierIndexPage",
    "formations.FormationIndexPage",
    "communaute.MembresPage",
    "communaute.PublicationIndexPage",
    "communaute.ResourceIndexPage",
    "communaute.FemmesNumeriquePage",
    "communaute.SemaineNumeriquePage",
    "communaute.TropheesNsiPage",
    "campagnes.CampagneIndexPage",
]


class HeadlessPreviewable(HeadlessPreviewMixin):
    """Editors preview a draft on this site, or on the external frontend through a token."""

    @property
    def preview_modes(self):
        return [("", "Aperçu sur ce site"), ("headless", "Aperçu sur le frontend")]

    def serve_preview(self, request, mode_name):
        if mode_name == "headless":
            return HeadlessPreviewMixin.serve_preview(self, request, mode_name)
        return Page.serve_preview(self, request, mode_name)


class EditorialPage(HeadlessPreviewable, Page):
    """A page with an introduction and a free body: the shape most editorial pages share."""

    introduction = models.TextField(
        "Introduction", blank=True, max_length=600, help_text="Une ou deux phrases d'accroche."
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Contenu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("introduction"), APIField("body")]

    class Meta:
        abstract = True


class HomePage(EditorialPage):
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Image d'accueil",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    api_fields = [*EditorialPage.api_fields, APIField("hero_image")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = TOP_LEVEL_PAGE_TYPES
    # The explorer lists the sections in their tree order (the menu's), not by last edit.
    admin_default_ordering = "ord"
    max_count = 1

    class Meta:
        verbose_name = "page d'accueil"


class StandardPage(EditorialPage):
    """A free page (à propos, NSI au lycée, stage de 3e...) built from blocks."""

    parent_page_types = [
        "home.HomePage",
        "home.StandardPage",
        "communaute.FemmesNumeriquePage",
        "communaute.SemaineNumeriquePage",
        "communaute.TropheesNsiPage",
    ]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "page standard"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact and social links shown in the footer, edited by the communication commission."""

    contact_email = models.EmailField("E-mail de contact", blank=True)
    tagline = models.CharField("Slogan", max_length=160, blank=True)
    instagram = models.URLField(blank=True)
    tiktok = models.URLField(blank=True)
    linkedin = models.URLField(blank=True)
    youtube = models.URLField(blank=True)

    panels = [
        FieldPanel("tagline"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [
                FieldPanel("instagram"),
                FieldPanel("tiktok"),
                FieldPanel("linkedin"),
                FieldPanel("youtube"),
            ],
            heading="Réseaux sociaux",
        ),
    ]

    class Meta:
        verbose_name = "réglages du site"
        permissions = [
            (
                "view_student_reports",
                "Voir ce que les élèves écrivent (recherches, messages à Charly) et l'exporter",
            )
        ]
