"""API v1 for the orientation test and the student's parcours: validation of the request's
shape here, every rule in `cms.orientation.results` and `cms.orientation.parcours`."""

from django.db import transaction
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.campagnes.models import Action
from cms.orientation import parcours as parcours_service
from cms.orientation import results as results_service
from cms.orientation.models import ItemKind, Level

from .campagnes import CAMPAGNE_HEADER, CampagneField, count
from .params import StrictSerializer, reject_unknown, validate
from .parsers import SafeJSONParser
from .schema import ERRORS
from .throttles import AddressWriteThrottle, JsonWriteView, ParcoursThrottle

NOT_FOUND = {404: OpenApiResponse(ERRORS[400].response, description="Parcours inconnu.")}


class AnswerPairs(dict):
    """A JSON object that remembers its key/value pairs, duplicates included."""

    def __init__(self, pairs):
        super().__init__(pairs)
        self.pairs = pairs


class PairsJSONParser(SafeJSONParser):
    """JSON parsing that keeps duplicate keys visible, so `answers` can report them."""

    object_pairs_hook = AnswerPairs


# The test


class Choice(serializers.Serializer):
    value = serializers.IntegerField()
    label = serializers.CharField()


class Question(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    dimension = serializers.ChoiceField(["R", "I", "A", "S", "E", "C"])
    choices = Choice(many=True)


class TestSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    questions = Question(many=True)


class TestParams(serializers.Serializer):
    audience = serializers.ChoiceField(["college", "lycee"], required=False)


@extend_schema(
    summary="Le test d'orientation (questions de la version publiée)",
    parameters=[TestParams],
    responses={200: TestSerializer, **ERRORS, 503: OpenApiResponse(description="Indisponible.")},
    examples=[
        OpenApiExample(
            "Une question",
            value={
                "version": 3,
                "questions": [
                    {
                        "id": 12,
                        "text": "Réparer un vélo ou un ordinateur",
                        "dimension": "R",
                        "choices": [{"value": 4, "label": "J'adore"}],
                    }
                ],
            },
            response_only=True,
        )
    ],
    tags=["test d'orientation"],
)
class TestView(APIView):
    def get(self, request):
        reject_unknown(request.query_params, TestParams().fields)
        params = validate(TestParams, request.query_params)
        return Response(results_service.current_test(params.get("audience")))


class ResultRequest(StrictSerializer):
    answers = serializers.DictField(
        child=serializers.JSONField(),
        allow_empty=False,
        help_text="{identifiant de question: valeur de 0 (pas du tout) à 4 (j'adore)}",
    )
    level = serializers.ChoiceField(Level.choices, required=False)
    version = serializers.IntegerField(required=False, min_value=1)
    code_classe = serializers.CharField(
        required=False,
        max_length=20,
        help_text="Le code de classe donné par l'enseignant·e (majuscules ou non) : le profil et "
        "les métiers conseillés s'ajoutent, anonymement, à ceux de la classe.",
    )
    campagne = CampagneField()


class Summary(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)


class MetierMatch(Summary):
    score = serializers.IntegerField()
    raisons = serializers.ListField(child=serializers.CharField())


class ResultResponse(serializers.Serializer):
    id = serializers.UUIDField()
    version = serializers.IntegerField()
    profile = serializers.DictField(child=serializers.IntegerField())
    code = serializers.CharField()
    metiers = MetierMatch(many=True)
    formations = Summary(many=True)
    bacs = Summary(many=True)
    specialites = Summary(many=True)
    classe = serializers.CharField(
        required=False, help_text="Le nom de la classe, quand un code de classe est donné."
    )


@extend_schema(
    summary="Résultats du test : profil RIASEC, métiers conseillés et prochaines étapes",
    request=ResultRequest,
    parameters=[CAMPAGNE_HEADER],
    responses={201: ResultResponse, **ERRORS},
    examples=[
        OpenApiExample(
            "Réponses",
            value={"answers": {"12": 4, "13": 0, "14": 2}, "level": "college"},
            request_only=True,
        ),
        OpenApiExample(
            "Résultat",
            value={
                "id": "2f0c9a51-5a6e-4a8e-9f51-0a2b3c4d5e6f",
                "version": 3,
                "profile": {"R": 20, "I": 90, "A": 45, "S": 30, "E": 10, "C": 55},
                "code": "ICA",
                "metiers": [
                    {
                        "slug": "data-scientist",
                        "title": "Data scientist",
                        "url": "/metiers/data-scientist/",
                        "score": 94,
                        "raisons": [
                            "Tu aimes comprendre comment les choses marchent et résoudre des "
                            "énigmes : c'est le cœur du métier de data scientist."
                        ],
                    }
                ],
                "formations": [],
                "bacs": [{"slug": "bac-general", "title": "Bac général", "url": None}],
                "specialites": [{"slug": "nsi", "title": "NSI", "url": None}],
            },
            response_only=True,
            status_codes=["201"],
        ),
    ],
    tags=["test d'orientation"],
)
class ResultView(JsonWriteView):
    parser_classes = [PairsJSONParser]

    def post(self, request):
        reject_unknown(request.query_params, ())
        body = ResultRequest(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        answers = request.data["answers"]
        results = results_service.compute_results(
            answers.pairs if isinstance(answers, AnswerPairs) else answers,
            level=data.get("level"),
            version=data.get("version"),
            code_classe=data.get("code_classe"),
        )
        count(request, Action.TEST, data)
        return Response(results, status=status.HTTP_201_CREATED)


# The parcours


class ParcoursItem(serializers.Serializer):
    type = serializers.ChoiceField(ItemKind.choices)
    ref = serializers.CharField(max_length=120)
    available = serializers.BooleanField(read_only=True)
    title = serializers.CharField(allow_null=True, read_only=True)
    url = serializers.CharField(allow_null=True, read_only=True)


class ParcoursSerializer(serializers.Serializer):
    read_only = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    items = ParcoursItem(many=True)


class ParcoursCreated(ParcoursSerializer):
    token = serializers.CharField(help_text="À garder secret : il permet de modifier le parcours.")
    share_token = serializers.CharField(help_text="Pour un lien de partage en lecture seule.")


class ItemRef(StrictSerializer):
    type = serializers.CharField()
    ref = serializers.CharField()


class ParcoursChange(StrictSerializer):
    add = ItemRef(many=True, required=False)
    remove = ItemRef(many=True, required=False)


class ParcoursRequest(StrictSerializer):
    """Nothing about the student: at most the campaign that brought them."""

    campagne = CampagneField()


def owner_or_shared(token):
    """(parcours, read_only): the owner's token opens it for writing, a share token for reading."""
    try:
        return parcours_service.get_parcours(token), False
    except parcours_service.ParcoursReadOnly:
        return parcours_service.get_shared_parcours(token), True


@extend_schema(
    summary="Créer un parcours anonyme (aucune donnée personnelle)",
    request=ParcoursRequest,
    parameters=[CAMPAGNE_HEADER],
    responses={
        201: ParcoursCreated,
        **ERRORS,
        429: OpenApiResponse(description="Trop de créations."),
    },
    tags=["parcours"],
)
class ParcoursCreateView(JsonWriteView):
    def post(self, request):
        reject_unknown(request.query_params, ())
        body = ParcoursRequest(data=request.data or {})
        body.is_valid(raise_exception=True)
        token, share_token, parcours = parcours_service.create_parcours()
        count(request, Action.PARCOURS, body.validated_data)
        payload = parcours_service.parcours_payload(parcours)
        return Response(
            {"token": token, "share_token": share_token, **payload},
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=["parcours"])
class ParcoursDetailView(JsonWriteView):
    throttle_classes = [AddressWriteThrottle, ParcoursThrottle]

    @extend_schema(
        summary="Lire un parcours (jeton du propriétaire ou lien de partage)",
        responses={200: ParcoursSerializer, **NOT_FOUND},
    )
    def get(self, request, token):
        reject_unknown(request.query_params, ())
        parcours, read_only = owner_or_shared(token)
        return Response(parcours_service.parcours_payload(parcours, read_only=read_only))

    @extend_schema(
        summary="Ajouter ou retirer des métiers, formations, établissements, résultats",
        request=ParcoursChange,
        responses={200: ParcoursSerializer, **ERRORS, **NOT_FOUND},
        examples=[
            OpenApiExample(
                "Ajouter un métier",
                value={"add": [{"type": "metier", "ref": "data-scientist"}]},
                request_only=True,
            )
        ],
    )
    def patch(self, request, token):
        reject_unknown(request.query_params, ())
        change = ParcoursChange(data=request.data)
        change.is_valid(raise_exception=True)
        with transaction.atomic():  # all the changes, or none of them
            for item in change.validated_data.get("add", []):
                parcours_service.add_item(token, item["type"], item["ref"])
            for item in change.validated_data.get("remove", []):
                parcours_service.remove_item(token, item["type"], item["ref"])
        return Response(parcours_service.parcours_payload(parcours_service.get_parcours(token)))

    @extend_schema(
        summary="Effacer le parcours et tout son contenu",
        responses={204: None, **NOT_FOUND},
    )
    def delete(self, request, token):
        reject_unknown(request.query_params, ())
        parcours_service.delete_parcours(token)
        return Response(status=status.HTTP_204_NO_CONTENT)
