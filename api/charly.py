"""API v1 for Charly: start a conversation, send a message or a quick-reply choice. The
conversation itself (understanding, answers, safety) lives in `chatbot.service`."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from chatbot import service
from cms.campagnes.models import Action

from .campagnes import CAMPAGNE_HEADER, CampagneField, count
from .params import StrictSerializer, reject_unknown
from .schema import ERRORS
from .throttles import AddressWriteThrottle, ConversationThrottle, JsonWriteView


class QuickReply(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField()


class Card(serializers.Serializer):
    type = serializers.CharField()
    slug = serializers.CharField(allow_null=True)
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)


class Message(serializers.Serializer):
    text = serializers.CharField()
    quick_replies = QuickReply(many=True)
    cards = Card(many=True)


class Conversation(serializers.Serializer):
    id = serializers.UUIDField()
    messages = Message(many=True)


class Start(StrictSerializer):
    flow = serializers.SlugField(required=False, help_text="Un parcours de Charly précis.")
    campagne = CampagneField()


class Text(serializers.CharField):
    """Text only: a number or a list is a mistake to report, not something to convert."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError("Un texte est attendu.")
        return super().to_internal_value(data)


class Send(StrictSerializer):
    text = Text(required=False, allow_blank=True, trim_whitespace=False)
    choice = Text(required=False)


class CharlyView(JsonWriteView):
    throttle_classes = [AddressWriteThrottle, ConversationThrottle]


EXAMPLE = OpenApiExample(
    "Réponse de Charly",
    value={
        "id": "6f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f",
        "messages": [
            {
                "text": "Un·e pentester est payé·e pour attaquer des systèmes… et les protéger.",
                "quick_replies": [{"label": "Combien ça gagne ?", "value": "salaire"}],
                "cards": [
                    {
                        "type": "metier",
                        "slug": "pentester",
                        "title": "Pentester (hacker éthique)",
                        "url": "/metiers/pentester/",
                    }
                ],
            }
        ],
    },
    response_only=True,
)


@extend_schema(
    summary="Démarrer une conversation avec Charly (anonyme)",
    request=Start,
    parameters=[CAMPAGNE_HEADER],
    responses={201: Conversation, **ERRORS, 429: OpenApiResponse(description="Trop rapide.")},
    examples=[EXAMPLE],
    tags=["Charly"],
)
class ConversationStartView(CharlyView):
    def post(self, request):
        reject_unknown(request.query_params, ())
        body = Start(data=request.data)
        body.is_valid(raise_exception=True)
        conversation = service.start_conversation(body.validated_data.get("flow"))
        count(request, Action.CONVERSATION, body.validated_data)
        return Response(conversation, status=status.HTTP_201_CREATED)


@extend_schema(
    summary="Envoyer un message (texte libre) ou un choix (réponse rapide) à Charly",
    request=Send,
    responses={
        200: Conversation,
        **ERRORS,
        404: OpenApiResponse(description="Conversation inconnue."),
        410: OpenApiResponse(description="Conversation expirée : en commencer une nouvelle."),
    },
    examples=[
        OpenApiExample("Texte", value={"text": "c koi un pentester"}, request_only=True),
        OpenApiExample("Choix", value={"choice": "lycee"}, request_only=True),
        EXAMPLE,
    ],
    tags=["Charly"],
)
class MessageView(CharlyView):
    def post(self, request, conversation_id):
        reject_unknown(request.query_params, ())
        body = Send(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        return Response(
            service.send_message(conversation_id, text=data.get("text"), choice=data.get("choice"))
        )
