"""Content built by the tests that assert on it (factory_boy, wagtail-factories), instead of
counts that only hold for the demo content."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
import wagtail_factories
from django.utils import timezone

from cms.faq.models import QuestionFrequente, QuestionSource
from cms.formations.models import Etablissement, FormationPage
from cms.metiers.models import MetierPage
from evenements.semaine.models import Edition, Evenement


class MetierPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Métier d'essai {n}")
    slug = factory.Sequence(lambda n: f"metier-essai-{n}")
    accroche = "Une phrase qu'un·e élève de 14 ans comprend."
    description = "<p>Description.</p>"
    missions = "<ul><li>Une mission</li></ul>"
    competences = "<ul><li>Une compétence</li></ul>"
    domaine = "developpement"
    niveau_acces_min = 2
    niveau_acces_usuel = 3

    class Meta:
        model = MetierPage


class FormationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Formation d'essai {n}")
    slug = factory.Sequence(lambda n: f"formation-essai-{n}")
    type_formation = "bts"
    niveau_sortie = 2
    duree = "2 ans"
    description = "<p>Description.</p>"

    class Meta:
        model = FormationPage


class EtablissementFactory(factory.django.DjangoModelFactory):
    nom = factory.Sequence(lambda n: f"Établissement d'essai {n}")
    slug = factory.Sequence(lambda n: f"etablissement-essai-{n}")
    type = "lycee"
    statut = "public"
    code_postal = "75001"
    ville = "Paris"
    region = "ile-de-france"
    latitude = factory.Sequence(lambda n: 48.80 + n / 100_000)
    longitude = 2.30
    membre = factory.Sequence(lambda n: bool(n % 2))

    class Meta:
        model = Etablissement


class QuestionSourceFactory(factory.django.DjangoModelFactory):
    titre = "Source d'essai"
    editeur = "Éditeur d'essai"
    annee = 2026
    url = "https://www.onisep.fr/"

    class Meta:
        model = QuestionSource


class QuestionFrequenteFactory(factory.django.DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"question-essai-{n}")
    question = factory.Sequence(lambda n: f"Question d'essai {n} ?")
    reponse = "Une réponse claire."
    sources = factory.RelatedFactory(QuestionSourceFactory, factory_related_name="question")

    class Meta:
        model = QuestionFrequente


PARIS = ZoneInfo("Europe/Paris")


class EditionFactory(factory.django.DjangoModelFactory):
    """An edition far from the demo's, published, spanning the autumn (time-zone changes)."""

    annee = factory.Sequence(lambda n: 2040 + n)
    slug = factory.LazyAttribute(lambda o: str(o.annee))
    date_debut = factory.LazyAttribute(lambda o: date(o.annee, 10, 1))
    date_fin = factory.LazyAttribute(lambda o: date(o.annee, 12, 31))
    publiee = True

    class Meta:
        model = Edition
        django_get_or_create = ("annee",)


class EvenementFactory(factory.django.DjangoModelFactory):
    """A place-based event in Paris for 30 students; registrations open since yesterday and
    close the day before the event."""

    titre = factory.Sequence(lambda n: f"Atelier d'essai {n}")
    slug = factory.Sequence(lambda n: f"atelier-essai-{n}")
    edition = factory.SubFactory(EditionFactory)
    type = "atelier"
    description = "Un atelier pour découvrir le code."
    organisation = "Entreprise d'essai"
    adresse = "1 rue de Rivoli"
    commune = "Paris"
    region = "ile-de-france"
    latitude = Decimal("48.85661")
    longitude = Decimal("2.35222")
    debut = factory.LazyAttribute(lambda o: datetime(o.edition.annee, 12, 4, 9, 30, tzinfo=PARIS))
    fin = factory.LazyAttribute(lambda o: o.debut + timedelta(hours=2))
    capacite = 30
    inscriptions_ouverture = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    inscriptions_fermeture = factory.LazyAttribute(lambda o: o.debut - timedelta(days=1))

    class Meta:
        model = Evenement
        skip_postgeneration_save = True

    @factory.post_generation
    def niveaux(self, create, extracted, **kwargs):
        if create:
            self.niveaux.set(extracted if extracted is not None else ["lycee"])
