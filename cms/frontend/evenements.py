"""The Semaine du numérique and the Trophées NSI on the student site: the events list, whose
filters are a GET form (a filtered list is a link, and works without JavaScript), an event's page
with its class registration form, and the gallery of the Trophées' laureates.

The pages read through the events room's public modules, as the API does. The registration form
is enhanced by static/js/evenements.js, which posts to the API; without JavaScript the form posts
here and the same service registers the class. Unknown parameters (a campaign's `c`, `utm_…`)
are ignored and a bad filter is shown next to its field with a 400: never a 500.
"""

from types import SimpleNamespace
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from api.throttles import AddressWriteThrottle
from cms import errors
from evenements.inscriptions import services as inscriptions
from evenements.inscriptions.models import NiveauClasse, Statut
from evenements.semaine import queries
from evenements.trophees import services as trophees

from .evenements_forms import FiltresForm, InscriptionForm

PER_PAGE = 20
THROTTLED = "Trop de demandes depuis cette adresse : réessayez dans quelques minutes."


def _page_meta(request, title, description):
    """What base.html reads of a Wagtail page (title, description, canonical address)."""
    return SimpleNamespace(
        title=title,
        seo_title="",
        search_description=description,
        full_url=request.build_absolute_uri(request.path),
        is_site_root=False,
    )


def _query_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _calendrier(form):
    """The .ics feed of the listed events: the edition's, narrowed by the valid filters."""
    url = reverse("v1:evenement-list-calendrier")
    params = form.api_params()
    return f"{url}?{urlencode(params)}" if params else url


def evenement_list(request):
    edition = queries.derniere_edition()
    form = FiltresForm(request.GET)
    valid = form.is_valid()
    found = queries.filtrer(queries.evenements_publics(), edition=edition, **form.criteres())
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": _page_meta(
            request,
            "Les événements de la Semaine du numérique",
            "Ateliers, conférences, portes ouvertes : trouve un événement du numérique près de "
            "chez toi ou en ligne, et inscris ta classe.",
        ),
        "edition": edition,
        "form": form,
        "resultats": page,
        "query": _query_without_page(request),
        "calendrier": _calendrier(form),
    }
    return render(request, "frontend/evenements.html", context, status=200 if valid else 400)


def _niveaux_classe(evenement):
    """The class levels the event welcomes (its student audiences)."""
    return {niveau.code for niveau in evenement.niveaux.all()} & set(NiveauClasse.values)


def _fenetre(evenement):
    """Where now stands in the event's registration window: a_venir, ouvertes or closes."""
    now = timezone.now()
    if now < evenement.inscriptions_ouverture:
        return "a_venir"
    return "ouvertes" if now < evenement.inscriptions_fermeture else "closes"


def _resultat(inscription):
    return {
        "confirmee": inscription.statut == Statut.CONFIRMEE,
        "rang": inscriptions.rang(inscription),
    }


@method_decorator(csrf_exempt, name="dispatch")
class EvenementPage(View):
    """An event, and its registration form.

    The fallback POST is exempt from CSRF like the API it stands in for: it acts for no session
    or account (there is none to ride on), so a forged request could do no more than a direct
    call to the public API; the page thus sets no cookie. It shares the API's per-address limit.
    """

    def get(self, request, slug):
        evenement = self._evenement(slug)
        form = InscriptionForm(evenement=evenement, niveaux=_niveaux_classe(evenement))
        return self._render(request, evenement, form)

    def post(self, request, slug):
        evenement = self._evenement(slug)
        form = InscriptionForm(
            request.POST, evenement=evenement, niveaux=_niveaux_classe(evenement)
        )
        if not AddressWriteThrottle().allow_request(request, self):
            return self._render(request, evenement, form, erreur=THROTTLED, status=429)
        if not form.is_valid():
            return self._render(request, evenement, form, status=400)
        try:
            inscription = inscriptions.inscrire(evenement.slug, form.classe())
        except errors.DomainError as error:
            form.add_api_errors(error.fields)
            return self._render(request, evenement, form, erreur=error.message, status=error.status)
        evenement.refresh_from_db(fields=["places_prises"])
        return self._render(request, evenement, form, resultat=_resultat(inscription))

    @staticmethod
    def _evenement(slug):
        evenement = queries.evenements_publics().filter(slug=slug).first()
        if evenement is None:
            raise Http404("Cet événement n'existe pas ou n'est pas publié.")
        return evenement

    def _render(self, request, evenement, form, status=200, **extra):
        context = {
            "page": _page_meta(request, evenement.titre, evenement.description),
            "evenement": evenement,
            "niveaux_classe": _niveaux_classe(evenement),
            "fenetre": _fenetre(evenement),
            "retention_jours": settings.INSCRIPTIONS_RETENTION_DAYS,
            "form": form,
            "api_path": f"evenements/{evenement.slug}/inscriptions/",
            "calendrier": reverse("v1:evenement-calendrier", kwargs={"slug": evenement.slug}),
            **extra,
        }
        response = render(request, "frontend/evenement.html", context, status=status)
        response["Cache-Control"] = "no-cache"  # seats left change with every registration
        return response


def galerie(request, annee):
    try:
        edition, laureats = trophees.gallery(int(annee))
    except errors.NotFound as error:
        raise Http404(error.message) from None
    title = f"Galerie des lauréats : {edition.titre}"
    context = {
        "page": _page_meta(
            request, title, "Les projets primés aux Trophées NSI, présentés par leurs équipes."
        ),
        "edition": edition,
        "laureats": laureats,
    }
    return render(request, "frontend/evenements_trophees_galerie.html", context)


urlpatterns = [
    path("evenements/", evenement_list, name="evenements"),
    path("evenements/<slug:slug>/", EvenementPage.as_view(), name="evenement"),
    # A year is four digits: a longer number would overflow the database's integer.
    re_path(r"^trophees/(?P<annee>[0-9]{4})/galerie/$", galerie, name="trophees-galerie"),
]
