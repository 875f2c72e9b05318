"""JSON shapes of API v1: French field names for domain data, complete detail payloads."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from cms.formations.models import Bac, Etablissement, Specialite

from .media import LIST_RENDITIONS, RENDITIONS, image_payload


@extend_schema_field(OpenApiTypes.STR)
class RichText(serializers.Field):
    """Rich text expanded to HTML, with internal links and documents resolved to URLs."""

    def to_representation(self, value):
        return expand_db_html(value or "")


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
    class Meta:
        model = Bac
        fields = ["slug", "nom", "type"]


class SpecialiteSerializer(serializers.ModelSerializer):
    bac = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Specialite
        fields = ["slug", "nom", "sigle", "bac"]


class SalaireSerializer(serializers.Serializer):
    min = serializers.IntegerField(source="salaire_debutant_min")
    max = serializers.IntegerField(source="salaire_debutant_max")
    source = serializers.CharField(source="salaire_source")
    annee = serializers.IntegerField(source="salaire_annee")


class PartFemmesSerializer(serializers.Serializer):
    pourcentage = serializers.FloatField(source="part_femmes")
    source = serializers.CharField(source="part_femmes_source")
    annee = serializers.IntegerField(source="part_femmes_annee")


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


class MetierListSerializer(PageSummarySerializer):
    accroche = serializers.CharField()
    domaine = serializers.CharField()
    domaine_libelle = serializers.CharField(source="get_domaine_display")
    code_riasec = serializers.CharField()
    niveau_acces_min = serializers.IntegerField()
    niveau_acces_usuel = serializers.IntegerField()
    salaire_debutant = SalaireSerializer(source="*")
    image = ImageField(LIST_RENDITIONS)


class MetierDetailSerializer(MetierListSerializer):
    description = RichText()
    missions = RichText()
    competences = RichText()
    qualites = RichText()
    profil_riasec = RiasecSerializer(source="riasec_profile")
    perspectives = serializers.CharField()
    part_femmes = serializers.SerializerMethodField()
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

    @extend_schema_field(PartFemmesSerializer(allow_null=True))
    def get_part_femmes(self, page):
        return PartFemmesSerializer(page).data if page.part_femmes is not None else None


class EtablissementSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Etablissement
        fields = ["slug", "nom", "ville", "region", "membre"]


class FormationListSerializer(PageSummarySerializer):
    sigle = serializers.CharField()
    type = serializers.CharField(source="type_formation")
    type_libelle = serializers.CharField(source="get_type_formation_display")
    niveau_sortie = serializers.IntegerField()
    niveau_libelle = serializers.CharField(source="get_niveau_sortie_display")
    duree = serializers.CharField()
    alternance = serializers.BooleanField()


class FormationDetailSerializer(FormationListSerializer):
    description = RichText()
    code_rncp = serializers.CharField()
    code_onisep = serializers.CharField()
    bacs = BacSerializer(many=True)
    specialites = SpecialiteSerializer(many=True)
    metiers = PageSummarySerializer(many=True, source="live_debouches")
    etablissements = EtablissementSummarySerializer(many=True)
    search_description = serializers.CharField()
    last_published_at = serializers.DateTimeField()


class EtablissementListSerializer(serializers.ModelSerializer):
    type_libelle = serializers.CharField(source="get_type_display")
    region_libelle = serializers.CharField(source="get_region_display")
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    distance_km = serializers.SerializerMethodField()

    class Meta:
        model = Etablissement
        fields = [
            "slug", "nom", "sigle", "type", "type_libelle", "statut", "ville", "code_postal",
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


# Search


class SearchHitSerializer(serializers.Serializer):
    type = serializers.CharField()
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField(help_text="Vide pour un établissement, qui n'a pas de page.")
    excerpt = serializers.CharField(help_text="Extrait HTML, les mots trouvés sont en <mark>.")
    score = serializers.FloatField()
    distance_km = serializers.FloatField(allow_null=True)


class FacetValueSerializer(serializers.Serializer):
    value = serializers.JSONField()
    count = serializers.IntegerField()


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))
    suggestion = serializers.CharField(allow_null=True)


class SuggestionSerializer(serializers.Serializer):
    type = serializers.CharField()
    slug = serializers.CharField()
    title = serializers.CharField()
