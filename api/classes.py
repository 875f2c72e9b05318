"""API v1 for the test's class mode: a teacher opens a class (its private link goes only by
e-mail) and reads its aggregate; every rule lives in `cms.orientation.classes`."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from cms.metiers.riasec import DIMENSIONS
from cms.orientation import classes as classes_service

from .params import StrictSerializer, reject_unknown
from .schema import ERRORS, NOT_FOUND
from .throttles import AddressWriteThrottle, ClasseThrottle, JsonWriteView

TAGS = ["test d'orientation — mode classe"]


class ClasseRequest(StrictSerializer):
    email = serializers.EmailField(
        max_length=254, help_text="L'e-mail de l'enseignant·e : le lien privé y est envoyé."
    )
    libelle = serializers.CharField(
        max_length=classes_service.LIBELLE_MAX,
        help_text="Le nom de la classe, par exemple « 2nde B — atelier du 8 décembre ».",
    )


class ClasseCreated(serializers.Serializer):
    code = serializers.CharField(help_text="Le code à donner aux élèves (majuscules ou non).")
    libelle = serializers.CharField()
    expire_le = serializers.DateField(help_text="La classe et ses résultats sont effacés après.")
    email_envoye = serializers.BooleanField(
        help_text="Le lien privé est envoyé par e-mail seulement, jamais dans cette réponse."
    )


class FrequentMetier(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)
    nombre = serializers.IntegerField(help_text="Le nombre d'élèves à qui il est conseillé.")


class ClasseAggregate(serializers.Serializer):
    code = serializers.CharField()
    libelle = serializers.CharField()
    expire_le = serializers.DateField()
    seuil = serializers.IntegerField(help_text="Le nombre de résultats d'un groupe agrégé.")
    resultats = serializers.IntegerField(help_text="Les résultats reçus.")
    resultats_agreges = serializers.IntegerField(
        help_text="Les résultats dans l'agrégat : des groupes entiers de `seuil`, dans l'ordre "
        "d'arrivée."
    )
    disponible = serializers.BooleanField(help_text="Faux tant que moins de `seuil` résultats.")
    profil = serializers.DictField(
        child=serializers.IntegerField(),
        allow_null=True,
        help_text="La moyenne arrondie par dimension RIASEC, de 0 à 100.",
    )
    code_riasec = serializers.CharField(allow_null=True)
    metiers = FrequentMetier(
        many=True, help_text="Les métiers conseillés à au moins 2 élèves, les plus fréquents."
    )


@extend_schema(
    summary="Ouvrir une classe : le code et le lien privé sont envoyés à l'enseignant·e",
    description="Le code à donner aux élèves revient dans la réponse ; le lien privé qui ouvre "
    "les résultats part seulement par e-mail. La classe et ses résultats sont effacés 120 jours "
    "après son ouverture. Chaque ouverture envoie un e-mail : elles sont limitées par adresse.",
    request=ClasseRequest,
    responses={
        201: ClasseCreated,
        **ERRORS,
        429: OpenApiResponse(description="Trop de classes ouvertes depuis cette adresse."),
        503: OpenApiResponse(description="L'e-mail n'a pas pu être envoyé."),
    },
    examples=[
        OpenApiExample(
            "Une classe",
            value={"email": "prof@ac-lyon.fr", "libelle": "2nde B — atelier du 8 décembre"},
            request_only=True,
        )
    ],
    tags=TAGS,
)
class ClasseCreateView(JsonWriteView):
    throttle_classes = [AddressWriteThrottle, ClasseThrottle]

    def post(self, request):
        reject_unknown(request.query_params, ())
        body = ClasseRequest(data=request.data)
        body.is_valid(raise_exception=True)
        classe = classes_service.invite(**body.validated_data)
        return Response(
            {
                "code": classe.code,
                "libelle": classe.libelle,
                "expire_le": classe.expires_on,
                "email_envoye": True,
            },
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=TAGS)
class ClasseAggregateView(JsonWriteView):
    @extend_schema(
        summary="Le profil agrégé d'une classe (lien privé de l'enseignant·e)",
        description="Rien avant 5 résultats (`disponible` faux), puis des moyennes arrondies "
        "sur des groupes entiers de 5 résultats : le résultat d'un·e élève n'est jamais exposé.",
        responses={200: ClasseAggregate, **ERRORS, **NOT_FOUND},
        examples=[
            OpenApiExample(
                "Une classe de 12 élèves",
                value={
                    "code": "K7MP3Q",
                    "libelle": "2nde B — atelier du 8 décembre",
                    "expire_le": "2027-04-01",
                    "seuil": 5,
                    "resultats": 12,
                    "resultats_agreges": 10,
                    "disponible": True,
                    "profil": dict(zip(DIMENSIONS, (35, 68, 52, 41, 30, 47), strict=True)),
                    "code_riasec": "IAC",
                    "metiers": [
                        {
                            "slug": "data-scientist",
                            "title": "Data scientist",
                            "url": "/metiers/data-scientist/",
                            "nombre": 6,
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, token):
        reject_unknown(request.query_params, ())
        return Response(classes_service.aggregate(token))

    @extend_schema(
        summary="Effacer la classe et ses résultats sans attendre leur expiration",
        description="Le code n'est plus accepté ; le lien privé répond ensuite 404.",
        responses={204: None, **ERRORS, **NOT_FOUND},
    )
    def delete(self, request, token):
        reject_unknown(request.query_params, ())
        classes_service.delete_classe(token)
        return Response(status=status.HTTP_204_NO_CONTENT)
