"""Campaign landing pages, their short links, and the daily counters that measure them.

The counters are aggregates only (a number per link or per campaign per day): no address, no
cookie, no browser signature, no link to a student's test result, conversation or parcours.
The audience is minors; the communication commission needs totals, not people.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from cms.home.blocks import video_embed_url
from cms.home.models import EditorialPage

from .blocks import AppelsBlock
from .serializers import LiensCourtsField

SHARE_RENDITION = "fill-1200x630"
CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE_MAX_LENGTH = 60


class Plateforme(models.TextChoices):
    TIKTOK = "tiktok", "TikTok"
    INSTAGRAM = "instagram", "Instagram"
    YOUTUBE = "youtube", "YouTube"
    TWITCH = "twitch", "Twitch"
    SNAPCHAT = "snapchat", "Snapchat"
    LINKEDIN = "linkedin", "LinkedIn"


class Theme(models.TextChoices):
    TECH_FOR_GOOD = "tech-for-good", "Tech for Good"
    FEMMES_DIVERSITE = "femmes-diversite", "Femmes et diversité"
    ORIENTATION = "orientation", "Orientation"
    RECONVERSION = "reconversion", "Reconversion"


class Action(models.TextChoices):
    """What a student does after arriving through a campaign."""

    TEST = "test", "Test terminé"
    CONVERSATION = "conversation", "Conversation avec Charly"
    PARCOURS = "parcours", "Parcours créé"


def validate_video_url(url):
    if url and video_embed_url(url) is None:
        raise ValidationError(
            "Cette vidéo ne peut pas être intégrée : seules les vidéos YouTube (lue sans cookie "
            "depuis youtube-nocookie.com), Vimeo (sans suivi) ou Dailymotion sont acceptées. "
            "Les lecteurs TikTok et Instagram déposent des traceurs : mets plutôt un lien."
        )


class CampagneIndexPage(EditorialPage):
    """The parent of the landing pages (/campagnes/), listing the current campaigns."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campagnes.CampagnePage"]
    max_count = 1

    class Meta:
        verbose_name = "liste des campagnes"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campagnes"] = (
            CampagnePage.objects.child_of(self).live().select_related("image").order_by("-debut")
        )
        return context


class CampagnePage(EditorialPage):
    """A landing page for one influencer's campaign: the video, then where to go next."""

    influenceur_nom = models.CharField("Nom de l'influenceuse ou de l'influenceur", max_length=120)
    influenceur_compte = models.CharField(
        "Compte", max_length=60, help_text="Par exemple : @lea.code (sans lien vers le profil)."
    )
    plateforme = models.CharField("Plateforme", max_length=20, choices=Plateforme.choices)
    theme = models.CharField("Thème", max_length=30, choices=Theme.choices)
    debut = models.DateField("Début de la campagne")
    fin = models.DateField("Fin de la campagne")
    video_url = models.URLField(
        "Vidéo",
        blank=True,
        validators=[validate_video_url],
        help_text="Lien YouTube, Vimeo ou Dailymotion : elle est lue sans cookie de suivi.",
    )
    video_titre = models.CharField(
        "Titre de la vidéo", max_length=150, blank=True, help_text="Lu par les lecteurs d'écran."
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Image de partage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Montrée quand le lien est partagé (recadrée en 1200 × 630).",
    )
    appels = StreamField(AppelsBlock(), verbose_name="Appels à l'action", blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("influenceur_nom"), FieldPanel("influenceur_compte")]),
                FieldRowPanel([FieldPanel("plateforme"), FieldPanel("theme")]),
                FieldRowPanel([FieldPanel("debut"), FieldPanel("fin")]),
            ],
            heading="Campagne",
        ),
        FieldPanel("introduction"),
        MultiFieldPanel([FieldPanel("video_url"), FieldPanel("video_titre")], heading="Vidéo"),
        FieldPanel("image"),
        FieldPanel("appels"),
        FieldPanel("body"),
    ]
    search_fields = [*EditorialPage.search_fields, index.FilterField("theme")]
    api_fields = [
        *EditorialPage.api_fields,
        APIField("influenceur_nom"),
        APIField("influenceur_compte"),
        APIField("plateforme"),
        APIField("theme"),
        APIField("debut"),
        APIField("fin"),
        APIField("video_embed_url"),
        APIField("video_titre"),
        APIField("image"),
        APIField("image_partage", serializer=ImageRenditionField(SHARE_RENDITION, source="image")),
        APIField("appels"),
        APIField("liens_courts", serializer=LiensCourtsField(source="*")),
    ]
    parent_page_types = ["campagnes.CampagneIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "page de campagne"
        verbose_name_plural = "pages de campagne"

    def clean(self):
        super().clean()
        if self.debut and self.fin and self.fin < self.debut:
            raise ValidationError({"fin": "La fin de la campagne doit suivre son début."})
        if self.video_url and not self.video_titre:
            raise ValidationError({"video_titre": "Donne un titre à la vidéo."})

    @property
    def video_embed_url(self):
        return video_embed_url(self.video_url) if self.video_url else None

    def get_context(self, request, *args, **kwargs):
        from .attribution import code_from_request

        context = super().get_context(request, *args, **kwargs)
        context["code_campagne"] = code_from_request(request) or self.slug
        context["share_rendition"] = SHARE_RENDITION
        return context


class LienCourt(models.Model):
    """`/go/<code>`: a readable, case-insensitive code that redirects with UTM parameters."""

    code = models.CharField(
        "Code",
        max_length=CODE_MAX_LENGTH,
        unique=True,
        validators=[
            RegexValidator(
                CODE_PATTERN,
                "Lettres sans accent, chiffres et tirets, par exemple tiktok-lea-cyber.",
            )
        ],
        help_text="Lisible et unique, par exemple tiktok-lea-cyber (majuscules ignorées).",
    )
    campagne = models.ForeignKey(
        CampagnePage, verbose_name="Campagne", on_delete=models.CASCADE, related_name="liens"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Page de destination",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Laisse vide pour la page de la campagne.",
    )
    utm_source = models.CharField(
        "utm_source", max_length=60, blank=True, help_text="Vide : la plateforme de la campagne."
    )
    utm_medium = models.CharField("utm_medium", max_length=60, default="social")
    utm_campaign = models.CharField(
        "utm_campaign", max_length=60, blank=True, help_text="Vide : l'adresse de la campagne."
    )

    panels = [
        FieldPanel("code"),
        FieldPanel("campagne"),
        FieldPanel("page"),
        FieldRowPanel([FieldPanel("utm_source"), FieldPanel("utm_medium")]),
        FieldPanel("utm_campaign"),
    ]

    class Meta:
        verbose_name = "lien court"
        verbose_name_plural = "liens courts"
        ordering = ["code"]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.code = self.code.lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("campagnes:go", args=[self.code])

    def clean_fields(self, exclude=None):
        """Codes are compared in lower case: an editor may type TikTok-Lea."""
        self.code = (self.code or "").strip().lower()
        super().clean_fields(exclude)

    def utm(self):
        return {
            "utm_source": self.utm_source or self.campagne.plateforme,
            "utm_medium": self.utm_medium,
            "utm_campaign": self.utm_campaign or self.campagne.slug,
        }

    def destination(self):
        """The live page the link opens: its own target, else the campaign's page, else None."""
        for page in (self.page, self.campagne):
            if page is not None and page.live:
                return page
        return None


class VisiteJour(models.Model):
    """How many times a short link was followed on one day (people, not bots or previews)."""

    lien = models.ForeignKey(LienCourt, on_delete=models.CASCADE, related_name="visites")
    jour = models.DateField()
    visites = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["lien", "jour"], name="campagnes_visite_lien_jour")
        ]

    def __str__(self):
        return f"{self.lien} {self.jour}: {self.visites}"


class ActionJour(models.Model):
    """How many tests, conversations or parcours a campaign brought on one day."""

    campagne = models.ForeignKey(CampagnePage, on_delete=models.CASCADE, related_name="actions")
    jour = models.DateField()
    action = models.CharField(max_length=20, choices=Action.choices)
    nombre = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campagne", "jour", "action"], name="campagnes_action_campagne_jour"
            )
        ]

    def __str__(self):
        return f"{self.campagne} {self.jour} {self.action}: {self.nombre}"
