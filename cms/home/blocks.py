"""StreamField blocks shared by every editorial page.

Videos are rendered as privacy-enhanced iframes from an allow-list of hosts instead of oEmbed:
the platform is read by minors, and oEmbed would call third parties at save and render time.
"""

from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Titre", max_length=120)
    size = blocks.ChoiceBlock(
        label="Niveau",
        choices=[("h2", "Titre de section (H2)"), ("h3", "Sous-titre (H3)")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Titre"
        template = "blocks/heading.html"
        description = "Un titre qui découpe la page en sections."
        preview_value = {"text": "Pourquoi choisir le numérique ?", "size": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "document-link", "ol", "ul", "h3"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Paragraphe"
        template = "blocks/paragraph.html"
        description = "Du texte mis en forme, avec des liens et des listes."
        preview_value = (
            "<p>Le numérique, ce sont des métiers <b>variés</b>, ouverts à toutes et à tous.</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Image")
    alt = blocks.CharBlock(
        label="Texte alternatif",
        required=False,
        max_length=200,
        help_text="Décrit l'image pour les personnes qui ne la voient pas. "
        "Laisse vide pour reprendre le titre de l'image.",
    )
    caption = blocks.CharBlock(label="Légende", required=False, max_length=250)

    class Meta:
        icon = "image"
        label = "Image avec légende"
        template = "blocks/image.html"
        description = "Une image, son texte alternatif et sa légende."


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Citation")
    author = blocks.CharBlock(label="Autrice ou auteur", required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = "Citation"
        template = "blocks/quote.html"
        description = "Une citation mise en valeur."
        preview_value = {
            "text": "J'ai découvert le code en seconde avec NSI, et je n'ai plus arrêté !",
            "author": "Inès, développeuse web",
        }


VIDEO_HOSTS = {
    "www.youtube.com": "youtube",
    "youtube.com": "youtube",
    "m.youtube.com": "youtube",
    "youtu.be": "youtube",
    "vimeo.com": "vimeo",
    "www.vimeo.com": "vimeo",
    "www.dailymotion.com": "dailymotion",
    "dailymotion.com": "dailymotion",
    "dai.ly": "dailymotion",
}


def video_embed_url(url):
    """Return the privacy-enhanced embed URL of a YouTube, Vimeo or Dailymotion video, or None."""
    parsed = urlparse(url or "")
    provider = VIDEO_HOSTS.get(parsed.netloc.lower())
    path = parsed.path.strip("/")
    video_id = ""
    if provider == "youtube":
        if parsed.netloc == "youtu.be":
            video_id = path
        elif path == "watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif path.startswith(("embed/", "shorts/")):
            video_id = path.split("/", 1)[1]
        url_format = "https://www.youtube-nocookie.com/embed/{}"
    elif provider == "vimeo":
        video_id = path if path.isdigit() else ""
        url_format = "https://player.vimeo.com/video/{}?dnt=1"
    elif provider == "dailymotion":
        video_id = path.rsplit("/", 1)[-1] if path else ""
        url_format = "https://www.dailymotion.com/embed/video/{}"
    if not video_id or not video_id.replace("-", "").replace("_", "").isalnum():
        return None
    return url_format.format(video_id)


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label="Adresse de la vidéo",
        help_text="Lien YouTube, Vimeo ou Dailymotion.",
    )
    title = blocks.CharBlock(
        label="Titre de la vidéo", max_length=150, help_text="Lu par les lecteurs d'écran."
    )

    def clean(self, value):
        value = super().clean(value)
        if video_embed_url(value["url"]) is None:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        "Seules les vidéos YouTube, Vimeo ou Dailymotion peuvent être intégrées."
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value["url"])
        return context

    class Meta:
        icon = "media"
        label = "Vidéo"
        template = "blocks/video.html"
        description = "Une vidéo YouTube, Vimeo ou Dailymotion, lue sans cookie de suivi."


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titre", max_length=120)
    text = blocks.TextBlock(label="Texte", required=False)
    label = blocks.CharBlock(label="Texte du bouton", max_length=60)
    page = blocks.PageChooserBlock(label="Page du site", required=False)
    url = blocks.CharBlock(
        label="Ou adresse",
        required=False,
        max_length=300,
        help_text="Une adresse externe (https://…) ou un chemin du site (/metiers/).",
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError("Choisis soit une page du site, soit une adresse.")
                }
            )
        url = value.get("url") or ""
        if url and not url.startswith(("/", "https://", "http://", "mailto:")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("L'adresse doit commencer par / ou https://")}
            )
        return value

    class Meta:
        icon = "link"
        label = "Appel à l'action"
        template = "blocks/cta.html"
        description = "Un encadré avec un bouton qui mène vers une page."
        preview_value = {
            "title": "Trouve ton métier",
            "text": "Fais le test en 5 minutes.",
            "label": "Je fais le test",
            "url": "/metiers/",
        }


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="Question", max_length=250)
    answer = blocks.RichTextBlock(label="Réponse", features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        label = "Question"


class FaqBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(FaqItemBlock(), **kwargs)

    class Meta:
        icon = "help"
        label = "Questions fréquentes"
        template = "blocks/faq.html"
        description = "Une liste de questions et de réponses."


class BaseStreamBlock(blocks.StreamBlock):
    """The body of editorial pages: what an editor can add, in the order they see it."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    cta = CallToActionBlock()
    faq = FaqBlock()
