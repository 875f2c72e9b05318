"""API v1 for class registrations to Semaine du numérique events: the request's shape is checked
here; seats, waiting list, cancellation and e-mails are `evenements.inscriptions.services`'."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from evenements.inscriptions import services
from evenements.inscriptions.models import NiveauClasse, Statut

from .charly import Text
from .params import StrictSerializer, reject_unknown
from .schema import ERRORS
from .throttles import JsonWriteView

ERROR = ERRORS[400].response
MAX_ELEVES = 100_000


class Count(serializers.IntegerField):
    """A JSON integer, and nothing else: "30", 30.0 or true are mistakes to report."""

    def to_internal_value(self, data):
        if type(data) is not int:
            raise serializers.ValidationError("Un nombre entier est attendu.")
        return super().to_internal_value(data)


class Enseignant(StrictSerializer):
    nom = Text(max_length=120)
    email = serializers.EmailField(
        max_length=254, help_text="L'adresse e-mail de l'établissement, où arrive la confirmation."
    )


class InscriptionRequest(StrictSerializer):
    enseignant = Enseignant()
    etablissement = Text(max_length=200, help_text="Le nom de l'établissement de la classe.")
    niveau = serializers.ChoiceField(NiveauClasse.choices)
    nombre_eleves = Count(min_value=1, max_value=MAX_ELEVES)


class InscriptionResponse(serializers.Serializer):
    statut = serializers.ChoiceField([Statut.CONFIRMEE, Statut.LISTE_ATTENTE])
    evenement = serializers.CharField(help_text="L'identifiant d'adresse de l'événement.")
    nombre_eleves = serializers.IntegerField()
    rang_liste_attente = serializers.IntegerField(
        allow_null=True, help_text="La place de la classe sur la liste d'attente (1 : la suivante)."
    )
    places_restantes = serializers.IntegerField()
    message = serializers.CharField()


class AnnulationRequest(StrictSerializer):
    token = Text(max_length=services.MAX_TOKEN_LENGTH, help_text="Le jeton du lien d'annulation.")


class AnnulationResponse(serializers.Serializer):
    statut = serializers.ChoiceField([Statut.ANNULEE])
    evenement = serializers.CharField()
    message = serializers.CharField()


def _message(rang):
    if rang is None:
        return (
            "Votre classe est inscrite ! La confirmation, avec l'invitation pour votre agenda "
            "et le lien d'annulation, arrive par e-mail."
        )
    return (
        f"L'événement est complet pour le moment : votre classe est sur la liste d'attente, en "
        f"position {rang}. Vous recevrez un e-mail dès qu'une place se libère pour elle."
    )


@extend_schema(
    summary="Inscrire une classe à un événement (aucune donnée sur les élèves)",
    description=(
        "Les places sont prises de façon atomique : une classe qui ne tient plus dans les places "
        "restantes rejoint la liste d'attente (`statut: liste_attente`) et sera confirmée "
        "automatiquement, dans l'ordre d'arrivée, dès que des places se libèrent pour elle. "
        "L'e-mail de confirmation contient le lien personnel d'annulation."
    ),
    request=InscriptionRequest,
    responses={
        201: InscriptionResponse,
        **ERRORS,
        404: OpenApiResponse(ERROR, description="Événement inconnu ou non publié."),
        409: OpenApiResponse(ERROR, description="Les inscriptions ne sont pas ouvertes."),
        413: OpenApiResponse(ERROR, description="Requête trop volumineuse."),
        429: OpenApiResponse(ERROR, description="Trop de requêtes."),
    },
    examples=[
        OpenApiExample(
            "Une classe de seconde",
            value={
                "enseignant": {"nom": "Camille Martin", "email": "camille.martin@ac-lyon.fr"},
                "etablissement": "Lycée Ampère, Lyon",
                "niveau": "lycee",
                "nombre_eleves": 28,
            },
            request_only=True,
        ),
        OpenApiExample(
            "Sur liste d'attente",
            value={
                "statut": "liste_attente",
                "evenement": "atelier-cybersecurite-lyon",
                "nombre_eleves": 28,
                "rang_liste_attente": 2,
                "places_restantes": 12,
                "message": "L'événement est complet pour le moment : votre classe est sur la "
                "liste d'attente, en position 2. Vous recevrez un e-mail dès qu'une place se "
                "libère pour elle.",
            },
            response_only=True,
            status_codes=["201"],
        ),
    ],
    tags=["événements"],
)
class InscriptionCreateView(JsonWriteView):
    def post(self, request, slug):
        reject_unknown(request.query_params, ())
        body = InscriptionRequest(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        inscription = services.inscrire(
            slug,
            services.Classe(
                enseignant_nom=data["enseignant"]["nom"],
                enseignant_email=data["enseignant"]["email"],
                etablissement=data["etablissement"],
                niveau=data["niveau"],
                nombre_eleves=data["nombre_eleves"],
            ),
        )
        rang = services.rang(inscription)
        payload = {
            "statut": inscription.statut,
            "evenement": inscription.evenement.slug,
            "nombre_eleves": inscription.nombre_eleves,
            "rang_liste_attente": rang,
            "places_restantes": services.places_restantes(inscription),
            "message": _message(rang),
        }
        return Response(payload, status=status.HTTP_201_CREATED)


@extend_schema(
    summary="Annuler une inscription avec le jeton du lien reçu par e-mail",
    description=(
        "Libère les places de la classe (ou la retire de la liste d'attente) ; les classes en "
        "attente qui tiennent dans les places libérées sont confirmées dans leur ordre "
        "d'arrivée et prévenues par e-mail. Ouvrir le lien ne suffit pas : la page qu'il ouvre "
        "envoie ce POST quand l'enseignant·e confirme."
    ),
    request=AnnulationRequest,
    responses={
        200: AnnulationResponse,
        **ERRORS,
        404: OpenApiResponse(ERROR, description="Lien d'annulation inconnu."),
        409: OpenApiResponse(ERROR, description="L'événement a déjà commencé."),
        410: OpenApiResponse(ERROR, description="Inscription déjà annulée."),
        413: OpenApiResponse(ERROR, description="Requête trop volumineuse."),
        429: OpenApiResponse(ERROR, description="Trop de requêtes."),
    },
    tags=["événements"],
)
class AnnulationView(JsonWriteView):
    def post(self, request):
        reject_unknown(request.query_params, ())
        body = AnnulationRequest(data=request.data)
        body.is_valid(raise_exception=True)
        inscription, _ = services.annuler(body.validated_data["token"])
        return Response(
            {
                "statut": inscription.statut,
                "evenement": inscription.evenement.slug,
                "message": "L'inscription est annulée : merci d'avoir libéré les places !",
            }
        )
