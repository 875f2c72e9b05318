"""API v2 representation of a landing page's short links, with absolute, public addresses."""

from django.urls import reverse
from rest_framework import serializers


def lien_payload(lien, request):
    """code, url and the two QR code images: what a partner needs to share the link."""

    def absolute(name):
        return request.build_absolute_uri(reverse(name, args=[lien.code]))

    return {
        "code": lien.code,
        "url": absolute("campagnes:go"),
        "qr_png": absolute("campagnes:qr-png"),
        "qr_svg": absolute("campagnes:qr-svg"),
    }


class LiensCourtsField(serializers.Field):
    """`liens_courts`: every short link of the page (read-only)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        request = self.context["request"]
        return [lien_payload(lien, request) for lien in page.liens.order_by("code")]
