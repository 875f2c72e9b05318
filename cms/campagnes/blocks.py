"""The calls to action of a campaign landing page: where a student goes next.

Each block knows its target's address, so the page template and API v2 give the same link, and
the link carries the campaign (`?c=`) so that what the student does next is counted for it.
"""

from urllib.parse import urlencode

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.communaute.models import SemaineNumeriquePage

# Addresses of the student site (see DESIGN.md, "Student site").
TEST_PATH = "/test/"
CHARLY_PATH = "/charly/"


def with_campaign(url, code):
    """The URL with `c=<code>` added, so the next page knows which campaign brought the student."""
    if not url or not code:
        return url
    base, hash_mark, fragment = url.partition("#")
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}{urlencode({'c': code})}{hash_mark}{fragment}"


class AppelBlock(blocks.StructBlock):
    """What every call to action has: a title, a sentence and a button."""

    titre = blocks.CharBlock(label="Titre", max_length=120)
    texte = blocks.TextBlock(label="Texte", required=False, max_length=300)
    bouton = blocks.CharBlock(label="Texte du bouton", max_length=60)

    def target(self, value):
        """(url, slug) of what the button opens; the slug is None for the site's own tools."""
        raise NotImplementedError

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        url, _slug = self.target(value)
        context["url"] = with_campaign(url, (parent_context or {}).get("code_campagne"))
        return context

    def get_api_representation(self, value, context=None):
        url, slug = self.target(value)
        return {
            "titre": value["titre"],
            "texte": value["texte"],
            "bouton": value["bouton"],
            "url": url,
            "slug": slug,
        }

    class Meta:
        template = "campagnes/blocks/appel.html"


class TestAppelBlock(AppelBlock):
    def target(self, value):
        return TEST_PATH, None

    class Meta:
        icon = "tick"
        label = "Le test d'orientation"
        preview_value = {"titre": "Et toi ?", "bouton": "Je fais le test"}


class CharlyAppelBlock(AppelBlock):
    def target(self, value):
        return CHARLY_PATH, None

    class Meta:
        icon = "comment"
        label = "Parler à Charly"
        preview_value = {"titre": "Une question ?", "bouton": "Je parle à Charly"}


class PageAppelBlock(AppelBlock):
    """A call to action towards a page of one type (a métier fiche, a formation)."""

    def target(self, value):
        page = value.get("page")
        if page is None or not page.live:
            return None, None
        return page.url, page.slug


class MetierAppelBlock(PageAppelBlock):
    page = blocks.PageChooserBlock(label="Métier", page_type="metiers.MetierPage")

    class Meta:
        icon = "user"
        label = "Un métier"


class FormationAppelBlock(PageAppelBlock):
    page = blocks.PageChooserBlock(label="Formation", page_type="formations.FormationPage")

    class Meta:
        icon = "doc-full"
        label = "Une formation"


class EvenementAppelBlock(AppelBlock):
    evenement = SnippetChooserBlock("semaine.Evenement", label="Événement")

    def target(self, value):
        evenement = value.get("evenement")
        semaine = SemaineNumeriquePage.objects.live().first()
        if evenement is None or not evenement.publie or semaine is None:
            return None, None
        return f"{semaine.url}#{evenement.slug}", evenement.slug

    class Meta:
        icon = "date"
        label = "Un événement de la Semaine du numérique"


class AppelsBlock(blocks.StreamBlock):
    test = TestAppelBlock()
    charly = CharlyAppelBlock()
    metier = MetierAppelBlock()
    formation = FormationAppelBlock()
    evenement = EvenementAppelBlock()
