"""Illustrations and documents drawn with Pillow for the demo content: nothing is downloaded.

Labels are drawn in Noto Sans, shipped by a PyPI package: Pillow's built-in font has no accented
letters, so "Numérique" came out with a missing-glyph box."""

import io
from colorsys import hls_to_rgb

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from fontpkg.pil import truetype
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

WIDTH, HEIGHT = 1600, 900
LABEL_FONT = "Noto Sans"


def label_font(size):
    """The bold face of the labels, with every letter French needs."""
    return truetype(LABEL_FONT, size, weight=700)


def _colour(seed, lightness):
    hue = (sum(map(ord, seed)) % 360) / 360
    red, green, blue = hls_to_rgb(hue, lightness, 0.55)
    return int(red * 255), int(green * 255), int(blue * 255)


def _draw(label, seed, size=(WIDTH, HEIGHT), image_format="PNG"):
    """A gradient with circles and a centred label: recognisable, light, deterministic."""
    width, height = size
    image = PILImage.new("RGB", size, _colour(seed, 0.35))
    draw = ImageDraw.Draw(image)
    top, bottom = _colour(seed, 0.30), _colour(seed, 0.55)
    for y in range(height):
        mix = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)),
        )
    for index in range(6):
        radius = height // (3 + index)
        cx = (index * 347 + len(seed) * 91) % width
        cy = (index * 211 + len(seed) * 53) % height
        draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline="white", width=6)
    font = label_font(max(24, height // 9))
    box = draw.textbbox((0, 0), label, font=font)
    position = ((width - (box[2] - box[0])) // 2, (height - (box[3] - box[1])) // 2)
    draw.text(position, label, fill="white", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    return buffer


def demo_image(title, label, seed, size=(WIDTH, HEIGHT), focal=None):
    """Return the Wagtail image with this title, drawing it the first time."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    filename = f"demo-{seed}.png"
    image = image_model(title=title, description=f"Illustration de démonstration : {label}")
    image.file = ImageFile(_draw(label, seed, size), name=filename)
    if focal:
        image.focal_point_x, image.focal_point_y, image.focal_point_width = focal
        image.focal_point_height = focal[2]
    image.save()
    return image


def demo_document(title, slug):
    """Return the Wagtail document with this title, a one-page PDF drawn the first time."""
    document_model = get_document_model()
    existing = document_model.objects.filter(title=title).first()
    if existing:
        return existing
    pdf = _draw(title[:60], slug, size=(1240, 1754), image_format="PDF")
    document = document_model(title=title)
    document.file = ContentFile(pdf.getvalue(), name=f"{slug}.pdf")
    document.save()
    return document
