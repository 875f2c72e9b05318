"""API v1 for the catalogue: métiers, formations, établissements. Filters are in `api.filters`;
the views only read the CMS and serialize, with a constant number of queries per list."""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from cms.formations.models import (
    Bac,
    Etablissement,
    FormationEtablissement,
    FormationPage,
    Specialite,
)
from cms.metiers.models import MetierFormation, MetierPage

from .filters import EtablissementFilter, FormationFilter, MetierFilter
from .media import LIST_RENDITIONS, RENDITIONS, image_payload
from .params import PAGINATION_PARAMS, PaginationParams, reject_unknown, validate
from .schema import ERRORS, NOT_FOUND

# Serializers: French field names for domain data, complete detail payloads.


@extend_schema_field(OpenApiTypes.STR)
class RichText(serializers.Field):
    """Rich text expanded to HTML, with internal links and documents resolved to URLs."""

    def to_representation(self, value):
        return expand_db_html(value or "")


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabel(serializers.Field):
    """The label of a choice field's value. DRF calls `get_FOO_display` through
    `inspect.signature` on every object; a lookup in the field's choices costs nothing."""

    def __init__(self, field_name, **kwargs):
        self.field_name_on_model = field_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return choice_label(instance, self.field_name_on_model)


def choice_label(instance, field_name):
    field = instance._meta.get_field(field_name)
    value = getattr(instance, field.attname)
    return str(dict(field.flatchoices).get(value, value))


class PageSummarySerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, page) -> str:
        return page.get_full_url(self.context.get("request")) or ""


class ImageRendition(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class FocalPoint(serializers.Serializer):
    x = serializers.IntegerField()
    y = serializers.IntegerField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class ImageSerializer(serializers.Serializer):
    alt = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    focal_point = FocalPoint(allow_null=True)
    renditions = serializers.DictField(child=ImageRendition())


@extend_schema_field(ImageSerializer)
class ImageField(serializers.Field):
    """An image with its renditions; null when there is none."""

    def __init__(self, specs=RENDITIONS, **kwargs):
        self.specs = specs
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, image):
        return image_payload(image, self.context["request"], self.specs)


class BacSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="nom")

    class Meta:
        model = Bac
        fields = ["slug", "title", "type"]


class SpecialiteSerializer(serializers.ModelSerializer):
    bac = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    title = serializers.CharField(source="nom")

    class Meta:
        model = Specialite
        fields = ["slug", "title", "sigle", "bac"]


class SourceSerializer(serializers.Serializer):
    titre = serializers.CharField()
    editeur = serializers.CharField()
    annee = serializers.IntegerField()
    url = serializers.URLField()


class SalaireSerializer(serializers.Serializer):
    """A salary range with its source; null when no source backs it (it is then not shown)."""

    min = serializers.IntegerField()
    max = serializers.IntegerField()
    libelle = serializers.CharField(help_text="Ce que mesure le salaire, d'après la source.")
    source = SourceSerializer()
    url = serializers.URLField(help_text="L'adresse de la source.")


class PartFemmesSerializer(serializers.Serializer):
    """A share of women with its source; null when no source backs it."""

    pourcentage = serializers.FloatField()
    libelle = serializers.CharField(help_text="Parmi qui la source compte les femmes.")
    source = SourceSerializer()
    url = serializers.URLField(help_text="L'adresse de la source.")


class RiasecSerializer(serializers.Serializer):
    R = serializers.IntegerField()
    I = serializers.IntegerField()  # noqa: E741 - the Holland letter
    A = serializers.IntegerField()
    S = serializers.IntegerField()
    E = serializers.IntegerField()
    C = serializers.IntegerField()


class FaqSerializer(serializers.Serializer):
    question = serializers.CharField()
    reponse = serializers.CharField()


class MetierSummarySerializer(PageSummarySerializer):
    accroche = serializers.CharField()
    domaine = serializers.CharField()
    domaine_libelle = ChoiceLabel("domaine")
    code_riasec = serializers.CharField()
    niveau_acces_min = serializers.IntegerField()
    niveau_acces_usuel = serializers.IntegerField()
    salaire_debutant = SalaireSerializer(allow_null=True)
    image = ImageField(LIST_RENDITIONS)


class MetierListSerializer(MetierSummarySerializer):
    """The declared fields, written out by hand: for a page of 20 métiers, DRF's generic loop
    over fields costs as much as the query. A test checks that both give the same output."""

    # What the list reads: a list loads these columns only, not the fiches' long texts.
    columns = (
        "title", "slug", "url_path", "accroche", "domaine", "niveau_acces_min",
        "niveau_acces_usuel", "salaire_debutant_min", "salaire_debutant_max", "salaire_libelle",
        "salaire_source", "image", *(f"riasec_{letter}" for letter in "riasec"),
    )  # fmt: skip

    def to_representation(self, page):
        request = self.context.get("request")
        return {
            "slug": page.slug,
            "title": page.title,
            "url": page.get_full_url(request) or "",
            "accroche": page.accroche,
            "domaine": page.domaine,
            "domaine_libelle": choice_label(page, "domaine"),
            "code_riasec": page.code_riasec,
            "niveau_acces_min": page.niveau_acces_min,
            "niveau_acces_usuel": page.niveau_acces_usuel,
            "salaire_debutant": page.salaire_debutant,
            "image": image_payload(page.image, request, LIST_RENDITIONS),
        }


class MetierDetailSerializer(MetierSummarySerializer):
    description = RichText()
    missions = RichText()
    competences = RichText()
    qualites = RichText()
    profil_riasec = RiasecSerializer(source="riasec_profile")
    perspectives = serializers.CharField()
    part_femmes = PartFemmesSerializer(source="part_femmes_chiffre", allow_null=True)
    video_url = serializers.CharField()
    onet_reference = serializers.CharField()
    formations = PageSummarySerializer(many=True, source="live_formations")
    bacs = BacSerializer(many=True)
    specialites = SpecialiteSerializer(many=True)
    metiers_proches = PageSummarySerializer(many=True, source="live_metiers_proches")
    faq = FaqSerializer(many=True)
    synonymes = serializers.ListField(child=serializers.CharField(), source="synonym_list")
    interets = serializers.ListField(child=serializers.CharField(), source="interest_list")
    seo_title = serializers.CharField()
    search_description = serializers.CharField()
    last_published_at = serializers.DateTimeField()
    image = ImageField()


class EtablissementSummarySerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="nom")

    class Meta:
        model = Etablissement
        fields = ["slug", "title", "ville", "region", "membre"]


class FormationListSerializer(PageSummarySerializer):
    sigle = serializers.CharField()
    type = serializers.CharField(source="type_formation")
    type_libelle = ChoiceLabel("type_formation")
    niveau_sortie = serializers.IntegerField()
    niveau_libelle = ChoiceLabel("niveau_sortie")
    duree = serializers.CharField()
    alternance = serializers.BooleanField()


class FormationDetailSerializer(FormationListSerializer):
    description = RichText()
    code_rncp = serializers.CharField()
    code_onisep = serializers.CharField()
    bacs = BacSerializer(many=True)
    specialites = SpecialiteSerializer(many=True)
    metiers = PageSummarySerializer(many=True, source="live_debouches")
    etablissements = EtablissementSummarySerializer(many=True, source="linked_etablissements")
    search_description = serializers.CharField()
    last_published_at = serializers.DateTimeField()


class EtablissementListSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="nom")
    type_libelle = ChoiceLabel("type")
    region_libelle = ChoiceLabel("region")
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    distance_km = serializers.SerializerMethodField()

    class Meta:
        model = Etablissement
        fields = [
            "slug", "title", "sigle", "type", "type_libelle", "statut", "ville", "code_postal",
            "region", "region_libelle", "latitude", "longitude", "membre", "site_web",
            "distance_km",
        ]  # fmt: skip

    def get_distance_km(self, etablissement) -> float | None:
        distances = self.context.get("distances") or {}
        distance = distances.get(etablissement.pk)
        return round(distance, 2) if distance is not None else None


class EtablissementDetailSerializer(EtablissementListSerializer):
    formations = PageSummarySerializer(many=True, source="live_formations")
    logo = ImageField(LIST_RENDITIONS)

    class Meta(EtablissementListSerializer.Meta):
        fields = [*EtablissementListSerializer.Meta.fields, "adresse", "uai", "logo", "formations"]


# Views


def renditions_of(relation, *specs):
    """The renditions of an image joined with `select_related`, for all the results in one
    query; Wagtail's image methods find them there instead of asking the cache or the database."""
    rendition_model = get_image_model().get_rendition_model()
    renditions = rendition_model.objects.filter(filter_spec__in=specs)
    return Prefetch(f"{relation}__renditions", queryset=renditions, to_attr="prefetched_renditions")


def links_of(link_model, target):
    """A page's ordered links (edited with a chooser) with what they point to, in one query."""
    relation = link_model._meta.get_field("page").remote_field.related_name
    return Prefetch(relation, queryset=link_model.objects.select_related(target))


class ListView(generics.ListAPIView):
    """A list endpoint: strict query parameters, filters, pagination, ordering."""

    def list(self, request, *args, **kwargs):
        validate(PaginationParams, request.query_params)
        allowed = set(self.filterset_class.base_filters) | PAGINATION_PARAMS
        reject_unknown(request.query_params, allowed)
        return super().list(request, *args, **kwargs)

    def filter_queryset(self, queryset):
        # With no filter asked for, the filter set (a form, validated) has nothing to do.
        if self.request.query_params.keys() <= PAGINATION_PARAMS:
            return queryset
        return super().filter_queryset(queryset)


class DetailView(generics.RetrieveAPIView):
    lookup_field = "slug"

    def retrieve(self, request, *args, **kwargs):
        reject_unknown(request.query_params, ())
        return super().retrieve(request, *args, **kwargs)


@extend_schema_view(
    get=extend_schema(
        summary="Les métiers du numérique",
        responses={200: MetierListSerializer(many=True), **ERRORS},
        tags=["métiers"],
    )
)
class MetierList(ListView):
    serializer_class = MetierListSerializer
    filterset_class = MetierFilter

    def get_queryset(self):
        return (
            MetierPage.objects.live()
            .only(*MetierListSerializer.columns)
            .select_related("image", "salaire_source")
            .prefetch_related(renditions_of("image", *LIST_RENDITIONS.values()))
            .order_by("title")
        )


@extend_schema_view(
    get=extend_schema(
        summary="Une fiche métier complète",
        responses={200: MetierDetailSerializer, **NOT_FOUND},
        tags=["métiers"],
    )
)
class MetierDetail(DetailView):
    serializer_class = MetierDetailSerializer

    def get_queryset(self):
        return (
            MetierPage.objects.live()
            .select_related("image", "salaire_source", "part_femmes_source")
            .prefetch_related(
                renditions_of("image", *RENDITIONS.values()),
                links_of(MetierFormation, "formation"),
                "bacs",
                "specialites__bac",
                "metiers_proches",
                "faq",
            )
        )


@extend_schema_view(
    get=extend_schema(
        summary="Les formations",
        responses={200: FormationListSerializer(many=True), **ERRORS},
        tags=["formations"],
    )
)
class FormationList(ListView):
    serializer_class = FormationListSerializer
    filterset_class = FormationFilter

    def get_queryset(self):
        return FormationPage.objects.live().order_by("niveau_sortie", "title")


@extend_schema_view(
    get=extend_schema(
        summary="Une formation, ses accès, ses débouchés et où la suivre",
        responses={200: FormationDetailSerializer, **NOT_FOUND},
        tags=["formations"],
    )
)
class FormationDetail(DetailView):
    serializer_class = FormationDetailSerializer

    def get_queryset(self):
        return FormationPage.objects.live().prefetch_related(
            "bacs",
            "specialites__bac",
            "debouches",
            links_of(FormationEtablissement, "etablissement"),
        )


@extend_schema_view(
    get=extend_schema(
        summary="Les établissements (écoles, universités, lycées)",
        responses={200: EtablissementListSerializer(many=True), **ERRORS},
        tags=["établissements"],
    )
)
class EtablissementList(ListView):
    serializer_class = EtablissementListSerializer
    filterset_class = EtablissementFilter

    def get_queryset(self):
        return Etablissement.objects.order_by("nom")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        filterset = getattr(self, "_filterset", None)
        context["distances"] = getattr(filterset, "distances", {})
        return context

    def filter_queryset(self, queryset):
        filterset = self.filterset_class(
            self.request.query_params, queryset=queryset, request=self.request
        )
        self._filterset = filterset
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return filterset.qs


@extend_schema_view(
    get=extend_schema(
        summary="Un établissement et ses formations",
        responses={200: EtablissementDetailSerializer, **NOT_FOUND},
        tags=["établissements"],
    )
)
class EtablissementDetail(DetailView):
    serializer_class = EtablissementDetailSerializer

    def get_queryset(self):
        return Etablissement.objects.select_related("logo").prefetch_related("formations")
