"""API v2 representation of a landing page's short links, with absolute, public addresses."""

from collections import defaultdict

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
    """`liens_courts`: every short link of the page (read-only).

    The links of all campaigns are read once per request (they are few), so a listing of
    landing pages costs one query for its links however many pages it has."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        request = self.context["request"]
        if not hasattr(request, "liens_courts_by_page"):
            request.liens_courts_by_page = defaultdict(list)
            for lien in page.liens.model.objects.order_by("code").only("code", "campagne_id"):
                request.liens_courts_by_page[lien.campagne_id].append(lien)
        return [lien_payload(lien, request) for lien in request.liens_courts_by_page[page.pk]]
