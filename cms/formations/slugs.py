"""Page and snippet addresses are ASCII, whatever an editor types.

`WAGTAIL_ALLOW_UNICODE_SLUGS = False` makes the admin's slug auto-fill transliterate accents,
but Wagtail's form still accepts a slug typed or pasted with them (a formation once got
`bts-test-ux-cybersécurité`). Every slug an admin form receives is transliterated the same
way: « cybersécurité » becomes cybersecurite, with no error to fix.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.text import slugify
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput


class AsciiSlugField(forms.SlugField):
    def to_python(self, value):
        return slugify(super().to_python(value))


def register_ascii_slugs():
    """Make every admin form's slug field ASCII, unless the settings allow Unicode slugs."""
    if getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True):
        return
    register_form_field_override(
        models.SlugField, override={"widget": SlugInput, "form_class": AsciiSlugField}
    )
