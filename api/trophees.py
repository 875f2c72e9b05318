"""API v1 for the Trophées NSI: the request's shape is checked here, every rule is in
`evenements.trophees.services`.

The public reads the editions, the published palmarès and the gallery. Everything else needs an
account: a teacher registers and edits their teams and submissions, a juror sees and scores their
jury's projects, an organiser (permission `trophees.organiser`) ranks, selects the finalists,
publishes the results and exports. Clients authenticate with a token (`Authorization: Token …`,
created by an administrator with `manage.py drf_create_token <username>`) or, from the admin, with
the session cookie and its CSRF token. Without credentials the answer is 401.
"""

from django.conf import settings
from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.formations.choices import Region
from evenements.trophees import export, uploads
from evenements.trophees import services as trophees
from evenements.trophees.models import Categorie, Niveau, TypeFichier

from .errors import PayloadTooLarge
from .params import StrictSerializer, reject_unknown, validate
from .schema import ERRORS, NOT_FOUND

TAGS = ["Trophées NSI"]
ERROR = ERRORS[400].response
AUTH_ERRORS = {
    **ERRORS,
    401: OpenApiResponse(ERROR, description="Authentification nécessaire."),
    403: OpenApiResponse(ERROR, description="Ce rôle ne le permet pas."),
    **NOT_FOUND,
}
LOCKED = {409: OpenApiResponse(ERROR, description="Date limite passée, ou conflit.")}
NAME = r"^[^\W\d_]+(?:[-' ][^\W\d_]+)*$"
# Ids in paths are routed as text and checked here (404 when not a number), so that a malformed
# body is refused (400) whatever the path holds; they are documented as integers.
PATH_IDS = ("annee", "equipe_id", "fichier_id")
ANNEE, EQUIPE, FICHIER = (
    [OpenApiParameter(name, int, OpenApiParameter.PATH, description=description)]
    for name, description in [
        ("annee", "L'année de l'édition."),
        ("equipe_id", "L'identifiant de l'équipe."),
        ("fichier_id", "L'identifiant du fichier."),
    ]
)


class TropheesView(APIView):
    """An authenticated endpoint whose answers are the reader's own (never cached).

    A JSON body is parsed before the credentials are looked at, so a malformed request gets the
    same 400 whoever sends it; its size is bounded like every other JSON write of the API.
    """

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    max_body_bytes = settings.API_MAX_BODY_BYTES
    parse_first = True

    def initial(self, request, *args, **kwargs):
        if request.method in ("POST", "PUT", "PATCH"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError as error:
                raise ValidationError("En-tête Content-Length invalide.") from error
            if length > self.max_body_bytes:
                raise PayloadTooLarge()
            if self.parse_first:
                request.data  # noqa: B018 (parsing is what is asked)
        super().initial(request, *args, **kwargs)
        for name in PATH_IDS:
            value = kwargs.get(name)
            if value is not None and not (value.isascii() and value.isdigit() and len(value) < 10):
                raise NotFound()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    def body(self, serializer_class, request):
        reject_unknown(request.query_params, ())
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


# Shared payloads


class LyceeSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    nom = serializers.CharField(max_length=200)
    ville = serializers.CharField(max_length=120)
    region = serializers.ChoiceField(Region.choices)


class EleveSerializer(StrictSerializer):
    prenom = serializers.RegexField(
        NAME, max_length=40, error_messages={"invalid": "Le prénom seulement, en lettres."}
    )
    initiale = serializers.RegexField(
        r"^[^\W\d_]$",
        error_messages={"invalid": "L'initiale du nom : une seule lettre."},
        help_text="L'initiale du nom, jamais le nom entier.",
    )
    niveau = serializers.ChoiceField(Niveau.choices)

    def validate_initiale(self, value):
        return value.upper()


class FichierSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nom = serializers.CharField()
    type = serializers.ChoiceField(TypeFichier.choices)
    taille = serializers.IntegerField(help_text="En octets.")
    cree_le = serializers.DateTimeField()


class ProjetSerializer(serializers.Serializer):
    titre = serializers.CharField(max_length=120)
    resume = serializers.CharField(max_length=3000)
    categorie = serializers.ChoiceField(Categorie.choices)
    langages = serializers.ListField(
        child=serializers.CharField(max_length=40), max_length=10, allow_empty=False
    )
    depot_url = serializers.URLField(allow_blank=True, required=False, max_length=200)
    video_url = serializers.URLField(allow_blank=True, required=False, max_length=200)


class ProjetOut(ProjetSerializer):
    modifie_le = serializers.DateTimeField()
    fichiers = FichierSerializer(many=True, source="fichiers.all")


class EquipeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    edition = serializers.IntegerField(source="edition.annee")
    nom = serializers.CharField()
    niveau = serializers.ChoiceField(Niveau.choices)
    lycee = LyceeSerializer()
    eleves = EleveSerializer(many=True, source="eleves.all")
    finaliste = serializers.BooleanField()
    prix = serializers.CharField()
    modifiable = serializers.SerializerMethodField()
    projet = ProjetOut(allow_null=True)

    def get_modifiable(self, equipe) -> bool:
        return trophees.depot_ouvert(equipe.edition)


# Public: editions, palmarès, gallery


class FinaleSerializer(serializers.Serializer):
    region = serializers.ChoiceField(Region.choices)
    date = serializers.DateField()
    lieu = serializers.CharField()


class LaureatProjet(serializers.Serializer):
    titre = serializers.CharField()
    resume = serializers.CharField()
    categorie = serializers.ChoiceField(Categorie.choices)
    langages = serializers.ListField(child=serializers.CharField())
    depot_url = serializers.CharField()
    video_url = serializers.CharField()


class LaureatSerializer(serializers.Serializer):
    prix = serializers.CharField()
    equipe = serializers.CharField(source="nom")
    niveau = serializers.ChoiceField(Niveau.choices)
    lycee = LyceeSerializer()
    projet = LaureatProjet(allow_null=True)


class EditionSerializer(serializers.Serializer):
    annee = serializers.IntegerField()
    titre = serializers.CharField()
    demo = serializers.BooleanField(help_text="Édition fictive de démonstration.")
    inscriptions_ouverture = serializers.DateField()
    inscriptions_fermeture = serializers.DateField()
    date_limite_depot = serializers.DateTimeField(help_text="Heure de Paris.")
    finales_regionales = FinaleSerializer(many=True, source="finales.all")
    finale_nationale = serializers.DateField()
    finale_nationale_lieu = serializers.CharField()
    equipe_min = serializers.IntegerField()
    equipe_max = serializers.IntegerField()
    resultats_publies = serializers.BooleanField()
    palmares = LaureatSerializer(many=True, help_text="Vide tant que rien n'est publié.")


@extend_schema(
    summary="Les éditions des Trophées NSI et leur palmarès publié",
    responses={200: EditionSerializer(many=True), **ERRORS},
    tags=TAGS,
)
class EditionList(APIView):
    def get(self, request):
        reject_unknown(request.query_params, ())
        return Response(EditionSerializer(trophees.public_editions(), many=True).data)


class GalerieSerializer(serializers.Serializer):
    edition = serializers.IntegerField(source="annee")
    titre = serializers.CharField()
    demo = serializers.BooleanField()
    laureats = LaureatSerializer(many=True)


@extend_schema(
    summary="La galerie des lauréats et de leurs vidéos (résultats publiés seulement)",
    responses={200: GalerieSerializer, **ERRORS, **NOT_FOUND},
    tags=TAGS,
)
class GalerieView(APIView):
    def get(self, request, annee):
        reject_unknown(request.query_params, ())
        edition, laureats = trophees.gallery(annee)
        edition.laureats = laureats
        return Response(GalerieSerializer(edition).data)


# Teachers: teams and submissions


class EquipeRequest(StrictSerializer):
    nom = serializers.CharField(max_length=80)
    niveau = serializers.ChoiceField(Niveau.choices)
    lycee = LyceeSerializer()
    eleves = serializers.ListField(child=EleveSerializer(), max_length=20)


class EquipeChange(StrictSerializer):
    nom = serializers.CharField(max_length=80, required=False)
    niveau = serializers.ChoiceField(Niveau.choices, required=False)
    eleves = serializers.ListField(child=EleveSerializer(), max_length=20, required=False)


class EquipesView(TropheesView):
    @extend_schema(
        parameters=ANNEE,
        summary="Mes équipes (toutes pour les organisateurs)",
        responses={200: EquipeSerializer(many=True), **AUTH_ERRORS},
        tags=TAGS,
    )
    def get(self, request, annee):
        reject_unknown(request.query_params, ())
        edition = trophees.get_edition(annee)
        equipes = trophees.visible_teams(request.user, edition)
        return Response(EquipeSerializer(equipes, many=True).data)

    @extend_schema(
        parameters=ANNEE,
        summary="Inscrire une équipe de son lycée (élèves : prénom et initiale seulement)",
        request=EquipeRequest,
        responses={201: EquipeSerializer, **AUTH_ERRORS, **LOCKED},
        tags=TAGS,
    )
    def post(self, request, annee):
        data = self.body(EquipeRequest, request)
        edition = trophees.get_edition(annee)
        equipe = trophees.register_team(request.user, edition, **data)
        return Response(EquipeSerializer(equipe).data, status=status.HTTP_201_CREATED)


class EquipeView(TropheesView):
    @extend_schema(
        parameters=EQUIPE,
        summary="Une de mes équipes, avec son projet",
        responses={200: EquipeSerializer, **AUTH_ERRORS},
        tags=TAGS,
    )
    def get(self, request, equipe_id):
        reject_unknown(request.query_params, ())
        return Response(
            EquipeSerializer(trophees.own_team(request.user, equipe_id, read=True)).data
        )

    @extend_schema(
        parameters=EQUIPE,
        summary="Modifier une de mes équipes (jusqu'à la date limite de dépôt)",
        request=EquipeChange,
        responses={200: EquipeSerializer, **AUTH_ERRORS, **LOCKED},
        tags=TAGS,
    )
    def patch(self, request, equipe_id):
        changes = self.body(EquipeChange, request)
        return Response(
            EquipeSerializer(trophees.update_team(request.user, equipe_id, changes)).data
        )


class ProjetRequest(StrictSerializer, ProjetSerializer):
    pass


class ProjetView(TropheesView):
    @extend_schema(
        parameters=EQUIPE,
        summary="Le projet d'une de mes équipes",
        responses={200: ProjetOut, **AUTH_ERRORS},
        tags=TAGS,
    )
    def get(self, request, equipe_id):
        reject_unknown(request.query_params, ())
        equipe = trophees.own_team(request.user, equipe_id, read=True)
        return Response(ProjetOut(trophees.get_projet(equipe)).data)

    @extend_schema(
        parameters=EQUIPE,
        summary="Déposer ou modifier le projet (jusqu'à la date limite, heure de Paris)",
        description="Chaque enregistrement est gardé comme une révision.",
        request=ProjetRequest,
        responses={200: ProjetOut, **AUTH_ERRORS, **LOCKED},
        tags=TAGS,
    )
    def put(self, request, equipe_id):
        fields = self.body(ProjetRequest, request)
        projet = trophees.save_projet(request.user, equipe_id, fields)
        return Response(ProjetOut(projet).data)


class RevisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cree_le = serializers.DateTimeField()
    auteur = serializers.CharField(source="auteur.get_username", allow_null=True)
    contenu = serializers.JSONField()


class RevisionsView(TropheesView):
    @extend_schema(
        parameters=EQUIPE,
        summary="Toutes les versions enregistrées du projet, la plus récente d'abord",
        responses={200: RevisionSerializer(many=True), **AUTH_ERRORS},
        tags=TAGS,
    )
    def get(self, request, equipe_id):
        reject_unknown(request.query_params, ())
        projet = trophees.get_projet(trophees.own_team(request.user, equipe_id, read=True))
        revisions = projet.revisions.select_related("auteur")
        return Response(RevisionSerializer(revisions, many=True).data)


LIMITS = uploads.MAX_BYTES.items()
UPLOAD = inline_serializer("TropheesUpload", {"fichier": serializers.FileField()})


class FichiersView(TropheesView):
    parser_classes = [MultiPartParser]
    max_body_bytes = uploads.MAX_REQUEST_BYTES
    parse_first = False  # a large body is only read once its sender is known

    def initial(self, request, *args, **kwargs):
        if not request.content_type.startswith("multipart/form-data"):
            message = "Le fichier s'envoie en multipart/form-data, dans le champ « fichier »."
            raise ValidationError({"fichier": [message]})
        super().initial(request, *args, **kwargs)

    @extend_schema(
        parameters=EQUIPE,
        summary="Joindre un fichier au projet (ZIP, PDF, PNG ou JPEG)",
        description=(
            "Le type est vérifié sur le contenu du fichier, pas sur son nom. Limites : "
            + ", ".join(
                f"{TypeFichier(k).label} {v // uploads.MB} Mo" for k, v in uploads.MAX_BYTES.items()
            )
            + ". Trop gros : 413 ; contenu qui ne correspond pas au type : 400."
        ),
        request={"multipart/form-data": UPLOAD},
        responses={
            201: FichierSerializer,
            **AUTH_ERRORS,
            **LOCKED,
            413: OpenApiResponse(ERROR, description="Fichier trop volumineux."),
        },
        tags=TAGS,
    )
    def post(self, request, equipe_id):
        reject_unknown(request.query_params, ())
        upload = request.data.get("fichier")
        unknown = sorted(set(request.data) - {"fichier"})
        if unknown or not hasattr(upload, "read"):
            fields = {name: ["Champ inconnu."] for name in unknown}
            if not hasattr(upload, "read"):
                fields["fichier"] = ["Un fichier est attendu dans le champ « fichier »."]
            raise ValidationError(fields)
        fichier = trophees.add_fichier(request.user, equipe_id, upload)
        return Response(FichierSerializer(fichier).data, status=status.HTTP_201_CREATED)


MIME_TYPES = {
    TypeFichier.ZIP: "application/zip",
    TypeFichier.PDF: "application/pdf",
    TypeFichier.PNG: "image/png",
    TypeFichier.JPEG: "image/jpeg",
}


class FichierView(TropheesView):
    @extend_schema(
        parameters=EQUIPE + FICHIER,
        summary="Télécharger un fichier (l'enseignant·e, les organisateurs, le jury du projet)",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, **AUTH_ERRORS},
        tags=TAGS,
    )
    def get(self, request, equipe_id, fichier_id):
        reject_unknown(request.query_params, ())
        fichier = trophees.readable_fichier(request.user, equipe_id, fichier_id)
        return FileResponse(
            fichier.fichier.open("rb"),
            as_attachment=True,
            filename=fichier.nom,
            content_type=MIME_TYPES[fichier.type],
        )

    def perform_content_negotiation(self, request, force=False):
        """The file is sent whatever the client accepts; errors stay JSON."""
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        parameters=EQUIPE + FICHIER,
        summary="Retirer un fichier du projet (jusqu'à la date limite)",
        responses={204: None, **AUTH_ERRORS, **LOCKED},
        tags=TAGS,
    )
    def delete(self, request, equipe_id, fichier_id):
        reject_unknown(request.query_params, ())
        trophees.delete_fichier(request.user, equipe_id, fichier_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Juries


class CritereSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nom = serializers.CharField()
    description = serializers.CharField()
    poids = serializers.IntegerField()
    note_max = serializers.IntegerField()


class EquipeJury(serializers.Serializer):
    """What a juror needs to judge: no teacher, no student."""

    id = serializers.IntegerField()
    nom = serializers.CharField()
    niveau = serializers.ChoiceField(Niveau.choices)
    lycee = LyceeSerializer()
    projet = ProjetOut()


class NoteSerializer(StrictSerializer):
    critere = serializers.IntegerField(min_value=1)
    valeur = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, coerce_to_string=False
    )


class ProjetJury(serializers.Serializer):
    equipe = EquipeJury()
    conflit = serializers.BooleanField(help_text="Conflit d'intérêts déclaré : pas de notation.")
    notes = NoteSerializer(many=True, help_text="Mes notes sur ce projet.")


class JurySerializer(serializers.Serializer):
    region = serializers.CharField(help_text="Vide pour le jury national.")
    national = serializers.BooleanField()
    conflits = serializers.ListField(child=serializers.IntegerField(), help_text="Lycées (id).")
    criteres = CritereSerializer(many=True)
    projets = ProjetJury(many=True)


class JuryView(TropheesView):
    @extend_schema(
        parameters=ANNEE,
        summary="Mon jury : la grille et les projets que je vois (ma région, ou les finalistes)",
        responses={200: JurySerializer, **AUTH_ERRORS},
        tags=TAGS,
    )
    def get(self, request, annee):
        reject_unknown(request.query_params, ())
        jure = trophees.jure_for(request.user, trophees.get_edition(annee))
        return Response(JurySerializer(jury_payload(jure)).data)


def jury_payload(jure):
    conflits = {lycee.pk for lycee in jure.conflits.all()}
    notes = trophees.juror_notes(jure)
    return {
        "region": jure.region,
        "national": jure.national,
        "conflits": sorted(conflits),
        "criteres": jure.edition.criteres.all(),
        "projets": [
            {
                "equipe": equipe,
                "conflit": equipe.lycee_id in conflits,
                "notes": [{"critere": c, "valeur": v} for c, v in notes[equipe.pk].items()],
            }
            for equipe in trophees.jury_teams(jure)
        ],
    }


class ConflitsRequest(StrictSerializer):
    lycees = serializers.ListField(
        child=serializers.IntegerField(min_value=1), max_length=500, help_text="Lycées (id)."
    )


class ConflitsView(TropheesView):
    @extend_schema(
        parameters=ANNEE,
        summary="Déclarer mes conflits d'intérêts (les lycées dont je ne noterai pas les projets)",
        request=ConflitsRequest,
        responses={200: JurySerializer, **AUTH_ERRORS},
        tags=TAGS,
    )
    def put(self, request, annee):
        data = self.body(ConflitsRequest, request)
        jure = trophees.set_conflicts(request.user, trophees.get_edition(annee), data["lycees"])
        return Response(JurySerializer(jury_payload(jure)).data)


class NotesRequest(StrictSerializer):
    notes = serializers.ListField(child=NoteSerializer(), allow_empty=False, max_length=50)


class NotesView(TropheesView):
    @extend_schema(
        parameters=EQUIPE,
        summary="Noter un projet : une note par critère de la grille, de 0 au maximum",
        request=NotesRequest,
        responses={200: NotesRequest, **AUTH_ERRORS, **LOCKED},
        tags=TAGS,
    )
    def put(self, request, equipe_id):
        data = self.body(NotesRequest, request)
        notes = trophees.score(request.user, equipe_id, data["notes"])
        return Response({"notes": [{"critere": c, "valeur": v} for c, v in notes.items()]})


# Organisers


class ClassementParams(serializers.Serializer):
    region = serializers.ChoiceField(Region.choices, required=False)
    jury = serializers.ChoiceField(["regional", "national"], required=False, default="regional")


class ClassementLigne(serializers.Serializer):
    rang = serializers.IntegerField(allow_null=True, help_text="Rang dans la région (ou national).")
    score = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, coerce_to_string=False
    )
    jures = serializers.IntegerField(help_text="Juré·es dont la grille est complète.")
    equipe = EquipeJury()


class ClassementView(TropheesView):
    @extend_schema(
        summary="Classements par région (ou national) : moyenne des totaux pondérés sur 100",
        parameters=[*ANNEE, ClassementParams],
        responses={200: ClassementLigne(many=True), **AUTH_ERRORS},
        tags=TAGS,
    )
    def get(self, request, annee):
        reject_unknown(request.query_params, ClassementParams().fields)
        params = validate(ClassementParams, request.query_params)
        lignes = trophees.ranking(
            request.user,
            trophees.get_edition(annee),
            region=params.get("region"),
            national=params["jury"] == "national",
        )
        return Response(ClassementLigne(lignes, many=True).data)


class FinalistesRequest(StrictSerializer):
    equipes = serializers.ListField(child=serializers.IntegerField(min_value=1), max_length=200)


class FinalistesView(TropheesView):
    @extend_schema(
        parameters=ANNEE,
        summary="Choisir les finalistes nationaux (remplace la sélection précédente)",
        request=FinalistesRequest,
        responses={200: EquipeJury(many=True), **AUTH_ERRORS, **LOCKED},
        tags=TAGS,
    )
    def put(self, request, annee):
        data = self.body(FinalistesRequest, request)
        edition = trophees.get_edition(annee)
        finalistes = trophees.select_finalists(request.user, edition, data["equipes"])
        return Response(EquipeJury(finalistes, many=True).data)


class Prix(StrictSerializer):
    equipe = serializers.IntegerField(min_value=1)
    prix = serializers.CharField(max_length=120)


class ResultatsRequest(StrictSerializer):
    prix = serializers.ListField(child=Prix(), allow_empty=False, max_length=50)


class ResultatsView(TropheesView):
    @extend_schema(
        parameters=ANNEE,
        summary="Attribuer les prix (dans l'ordre du palmarès) et publier les résultats",
        request=ResultatsRequest,
        responses={200: EditionSerializer, **AUTH_ERRORS},
        tags=TAGS,
    )
    def post(self, request, annee):
        data = self.body(ResultatsRequest, request)
        trophees.publish_results(request.user, trophees.get_edition(annee), data["prix"])
        return Response(EditionSerializer(trophees.public_editions().get(annee=annee)).data)


class ExportParams(serializers.Serializer):
    contenu = serializers.ChoiceField(
        ["projets", "notes"],
        required=False,
        default="projets",
        help_text="projets : une ligne par équipe avec ses scores ; notes : chaque note.",
    )


class ExportView(TropheesView):
    @extend_schema(
        summary="Export CSV des projets et de leurs scores, ou de toutes les notes",
        parameters=[*ANNEE, ExportParams],
        responses={(200, "text/csv"): OpenApiTypes.STR, **AUTH_ERRORS},
        tags=TAGS,
    )
    def get(self, request, annee):
        reject_unknown(request.query_params, ExportParams().fields)
        params = validate(ExportParams, request.query_params)
        trophees.require_organiser(request.user)
        edition = trophees.get_edition(annee)
        make = export.notes_csv if params["contenu"] == "notes" else export.submissions_csv
        response = HttpResponse(make(edition), content_type="text/csv; charset=utf-8")
        filename = f"trophees-nsi-{edition.annee}-{params['contenu']}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def perform_content_negotiation(self, request, force=False):
        """The CSV is written whatever the client accepts; errors stay JSON."""
        return super().perform_content_negotiation(request, force=True)
