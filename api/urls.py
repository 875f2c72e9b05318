"""/api/v1/ (our contract), /api/v2/ (Wagtail's), /api/schema/ and /api/docs/."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import catalogue, charly, classes, evenements, inscriptions, orientation, recherche
from .cache import cached
from .errors import json_error
from .v2 import router


def public(view_class):
    return cached(view_class.as_view())


v1 = [
    path("metiers/", public(catalogue.MetierList), name="metier-list"),
    path("metiers/<slug:slug>/", public(catalogue.MetierDetail), name="metier-detail"),
    path("formations/", public(catalogue.FormationList), name="formation-list"),
    path("formations/<slug:slug>/", public(catalogue.FormationDetail), name="formation-detail"),
    path("etablissements/", public(catalogue.EtablissementList), name="etablissement-list"),
    path(
        "etablissements/<slug:slug>/",
        public(catalogue.EtablissementDetail),
        name="etablissement-detail",
    ),
    path("carte/", public(recherche.MapView), name="carte"),
    path("recherche/", recherche.SearchView.as_view(), name="recherche"),
    path("recherche/suggestions/", public(recherche.SuggestView), name="recherche-suggestions"),
    path("test/", public(orientation.TestView), name="test"),
    path("test/resultats/", orientation.ResultView.as_view(), name="test-resultats"),
    path("test/classes/", classes.ClasseCreateView.as_view(), name="test-classes"),
    path(
        "test/classes/<str:token>/", classes.ClasseAggregateView.as_view(), name="test-classe"
    ),
    path("parcours/", orientation.ParcoursCreateView.as_view(), name="parcours-create"),
    path("parcours/<str:token>/", orientation.ParcoursDetailView.as_view(), name="parcours"),
    path("evenements/", evenements.EvenementList.as_view(), name="evenement-list"),
    path("evenements.ics", public(evenements.EditionCalendar), name="evenement-list-calendrier"),
    path("evenements/<slug:slug>/", evenements.EvenementDetail.as_view(), name="evenement-detail"),
    path(
        "evenements/<slug:slug>.ics",
        public(evenements.EvenementCalendar),
        name="evenement-calendrier",
    ),
    path(
        "evenements/<str:slug>/inscriptions/",
        inscriptions.InscriptionCreateView.as_view(),
        name="inscription-create",
    ),
    path(
        "inscriptions/annulation/",
        inscriptions.AnnulationView.as_view(),
        name="inscription-annulation",
    ),
    path("charly/conversations/", charly.ConversationStartView.as_view(), name="charly-start"),
    path(
        "charly/conversations/<str:conversation_id>/messages/",
        charly.MessageView.as_view(),
        name="charly-message",
    ),
]

urlpatterns = [
    path("v1/", include((v1, "api"), namespace="v1")),
    path("v2/", router.urls),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^.*$", lambda request: json_error(request, 404)),
]
