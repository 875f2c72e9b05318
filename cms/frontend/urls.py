"""The student site's addresses, one module per area (DESIGN.md: /recherche/, /test/, /carte/,
/parcours/, /charly/widget.js)."""

from django.urls import include, path

urlpatterns = [
    path("", include("cms.frontend.recherche")),
    path("", include("cms.frontend.etablissements")),
    path("", include("cms.frontend.orientation")),
    path("", include("cms.frontend.carte")),
    path("", include("cms.frontend.charly")),
    path("", include("cms.frontend.evenements")),
]
