"""The campaign a request comes from, as the API accepts it: an `X-Campagne` header or a
`campagne` field. The rooms' views call `count` once their work is done; what is counted,
and how anonymously, is `cms.campagnes.attribution`'s business."""

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from cms.campagnes.attribution import HEADER, record_action

HELP = (
    "Code de la campagne qui a amené l'élève (lien court ou page de campagne). Seul un total "
    "par jour est compté ; un code inconnu est ignoré."
)

CAMPAGNE_HEADER = OpenApiParameter(
    HEADER, str, OpenApiParameter.HEADER, required=False, description=HELP
)


class CampagneField(serializers.CharField):
    """The optional `campagne` field of a request body."""

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_blank=True, help_text=HELP, **kwargs)


def count(request, action, data):
    """Count `action` for the campaign in the body's `campagne` field or the request's header."""
    record_action(action, data.get("campagne"), request)
