"""GET /api/v1/glossaire/: the jargon of the fiches explained simply, as students read it on
the fiche pages and Charly answers with it."""

import django_filters as filters
from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from cms.glossaire.models import Terme

from .catalogue import ListView, PageSummarySerializer
from .schema import ERRORS


class TermeFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="filter_q",
        max_length=80,
        help_text="Un mot ou un sigle, cherché dans les termes et leurs variantes (ex. VLAN).",
    )

    class Meta:
        model = Terme
        fields = ["q"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(terme__icontains=value) | Q(variantes__icontains=value))


class TermeSerializer(serializers.Serializer):
    slug = serializers.CharField()
    terme = serializers.CharField()
    variantes = serializers.ListField(child=serializers.CharField(), source="variant_list")
    definition = serializers.CharField()
    liens = PageSummarySerializer(many=True, source="liens.all")


@extend_schema_view(
    get=extend_schema(
        summary="Le glossaire : sigles et mots anglais des fiches, expliqués simplement",
        responses={200: TermeSerializer(many=True), **ERRORS},
        tags=["glossaire"],
    )
)
class GlossaireList(ListView):
    serializer_class = TermeSerializer
    filterset_class = TermeFilter

    def get_queryset(self):
        return Terme.objects.prefetch_related("liens").order_by("terme")
