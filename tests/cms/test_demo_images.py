"""The demo images draw their labels with every letter French needs: "Numérique" used to come out
with a missing-glyph box, because Pillow's built-in font has no accented letters. A letter is
missing when the font draws it exactly as it draws a character no font has (U+FFFF, its
"notdef" box)."""

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from cms.demo.media import demo_image, label_font

FRENCH = "éèêëàâäîïôöùûüÿçœæÉÈÊËÀÂÎÏÔÙÛÜÇŒÆ·«»’"
NO_FONT_HAS_IT = "\uffff"


def drawn(font, text):
    image = Image.new("L", (400, 200))
    ImageDraw.Draw(image).text((10, 10), text, font=font, fill=255)
    return image


def missing(font, letter):
    return ImageChops.difference(drawn(font, letter), drawn(font, NO_FONT_HAS_IT)).getbbox() is None


def test_the_check_sees_the_missing_glyph_of_pillows_builtin_font():
    builtin = ImageFont.load_default(size=60)
    assert missing(builtin, "é")
    assert not missing(builtin, "e")


@pytest.mark.parametrize("letter", FRENCH)
def test_the_label_font_draws_every_french_letter(letter):
    assert not missing(label_font(60), letter)


def test_an_accent_is_drawn_above_its_letter():
    font = label_font(60)
    e, e_acute = drawn(font, "e").getbbox(), drawn(font, "é").getbbox()
    assert e_acute[1] < e[1]  # the accent reaches higher than the plain letter
    assert e_acute[2] - e_acute[0] <= (e[2] - e[0]) + 4  # one letter wide, not a box beside it


def pixels(image):
    with image.open_file() as file, Image.open(file) as picture:
        return picture.convert("RGB")


@pytest.mark.django_db
def test_a_demo_image_draws_numerique_with_its_accent_not_a_box():
    """Same colours (same seed), two labels: "Numérique", and the same word with a box in place
    of the é. With Pillow's built-in font both images were identical."""
    accented = pixels(demo_image("Démo — accents", "Numérique", "accents"))
    boxed = pixels(demo_image("Démo — boîte", f"Num{NO_FONT_HAS_IT}rique", "accents"))
    assert accented.size == (1600, 900)
    assert ImageChops.difference(accented, boxed).getbbox() is not None
