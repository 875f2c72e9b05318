"""/api/v1/ (our contract), /api/v2/ (Wagtail's), /api/schema/ and /api/docs/."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import (
    catalogue,
    charly,
    classes,
    evenements,
    inscriptions,
    orientation,
    recherche,
    trophees,
)
from .cache import cached
from .errors import json_error
from .glossaire import GlossaireList
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
    path("glossaire/", public(GlossaireList), name="glossaire"),
    path("carte/", public(recherche.MapView), name="carte"),
    path("recherche/", recherche.SearchView.as_view(), name="recherche"),
    path("recherche/suggestions/", public(recherche.SuggestView), name="recherche-suggestions"),
    path("test/", public(orientation.TestView), name="test"),
    path("test/resultats/", orientation.ResultView.as_view(), name="test-resultats"),
    path("test/classes/", classes.ClasseCreateView.as_view(), name="test-classes"),
    path("test/classes/<str:token>/", classes.ClasseAggregateView.as_view(), name="test-classe"),
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
    path("trophees/", trophees.EditionList.as_view(), name="trophees"),
    path("trophees/<int:annee>/galerie/", trophees.GalerieView.as_view(), name="trophees-galerie"),
    path("trophees/<str:annee>/equipes/", trophees.EquipesView.as_view(), name="trophees-equipes"),
    path("trophees/<str:annee>/jury/", trophees.JuryView.as_view(), name="trophees-jury"),
    path(
        "trophees/<str:annee>/jury/conflits/",
        trophees.ConflitsView.as_view(),
        name="trophees-conflits",
    ),
    path(
        "trophees/<str:annee>/classement/",
        trophees.ClassementView.as_view(),
        name="trophees-classement",
    ),
    path(
        "trophees/<str:annee>/finalistes/",
        trophees.FinalistesView.as_view(),
        name="trophees-finalistes",
    ),
    path(
        "trophees/<str:annee>/resultats/",
        trophees.ResultatsView.as_view(),
        name="trophees-resultats",
    ),
    path("trophees/<str:annee>/export/", trophees.ExportView.as_view(), name="trophees-export"),
    path(
        "trophees/equipes/<str:equipe_id>/", trophees.EquipeView.as_view(), name="trophees-equipe"
    ),
    path(
        "trophees/equipes/<str:equipe_id>/projet/",
        trophees.ProjetView.as_view(),
        name="trophees-projet",
    ),
    path(
        "trophees/equipes/<str:equipe_id>/projet/revisions/",
        trophees.RevisionsView.as_view(),
        name="trophees-revisions",
    ),
    path(
        "trophees/equipes/<str:equipe_id>/projet/fichiers/",
        trophees.FichiersView.as_view(),
        name="trophees-fichiers",
    ),
    path(
        "trophees/equipes/<str:equipe_id>/projet/fichiers/<str:fichier_id>/",
        trophees.FichierView.as_view(),
        name="trophees-fichier",
    ),
    path(
        "trophees/equipes/<str:equipe_id>/notes/",
        trophees.NotesView.as_view(),
        name="trophees-notes",
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
