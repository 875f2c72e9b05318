"""Every page type is created through the real Wagtail admin forms, under its allowed parents."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.communaute.models import (
    FemmesNumeriquePage,
    MembresPage,
    PublicationIndexPage,
    PublicationPage,
    ResourceIndexPage,
    ResourcePage,
    SemaineNumeriquePage,
    TropheesNsiPage,
)
from cms.formations.models import Bac, FormationIndexPage, FormationPage, Specialite
from cms.home.models import HomePage, StandardPage
from cms.metiers.models import MetierIndexPage, MetierPage
from tests.figures import sample_source

BODY = streamfield(
    [
        ("heading", {"text": "Pourquoi le numérique ?", "size": "h2"}),
        ("paragraph", rich_text("<p>Parce que c'est passionnant.</p>")),
        ("quote", {"text": "Le code, ça s'apprend.", "author": "Inès"}),
        (
            "cta",
            {"title": "Fais le test", "text": "", "label": "Go", "page": "", "url": "/metiers/"},
        ),
        ("video", {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Découvrir"}),
    ]
)


def editorial(title, **extra):
    return nested_form_data({"title": title, "introduction": "Intro.", "body": BODY, **extra})


def metier_data(**overrides):
    formations = list(FormationPage.objects.values_list("pk", flat=True)[:2])
    data = {
        "title": "Intégrateur·rice web",
        "slug": "integrateur-web",
        "accroche": "Tu transformes des maquettes en vraies pages web.",
        "domaine": "developpement",
        "description": rich_text("<p>" + "Un métier concret et créatif. " * 30 + "</p>"),
        "missions": rich_text("<ul><li>Intégrer des pages</li></ul>"),
        "competences": rich_text("<ul><li>HTML et CSS</li></ul>"),
        "qualites": rich_text("<ul><li>Minutie</li></ul>"),
        "riasec_r": "20", "riasec_i": "50", "riasec_a": "70",
        "riasec_s": "20", "riasec_e": "20", "riasec_c": "60",
        "onet_reference": "15-1254.00 Web Developers",
        "niveau_acces_min": "2", "niveau_acces_usuel": "2",
        "salaire_debutant_min": "1900", "salaire_debutant_max": "2300",
        "salaire_libelle": "debut", "salaire_source": str(sample_source().pk),
        "perspectives": "Beaucoup de recrutements.",
        "synonymes": "intégrateur\nintégratrice",
        "faq": inline_formset([{"question": "C'est dur ?", "reponse": "Non, ça s'apprend."}]),
        "formation_links": inline_formset([{"formation": str(pk)} for pk in formations]),
    }  # fmt: skip
    data.update(overrides)
    return nested_form_data(data)


def with_choices(form_data, **choices):
    """Add multiple-choice fields, which nested_form_data would split into numbered keys."""
    form_data.update({name: [str(pk) for pk in pks] for name, pks in choices.items()})
    return form_data


class AdminPageCreationTests(WagtailPageTestCase):
    def setUp(self):
        # force_login: the login form's backend (django-axes) needs the request, which
        # Client.login does not give.
        self.client.force_login(self.create_superuser("root", password="x"))
        self.home = HomePage.objects.get()

    def child(self, model):
        return model.objects.get()

    def replace_singleton(self, model):
        """Singleton pages (max_count=1) already exist in the demo: remove one to re-create it."""
        model.objects.all().delete()

    def test_home_page_under_root(self):
        self.replace_singleton(HomePage)
        self.assertCanCreate(Page.get_first_root_node(), HomePage, editorial("Accueil"))

    def test_standard_page_under_home_and_under_itself(self):
        self.assertCanCreate(self.home, StandardPage, editorial("Stage de 3e au lycée"))
        parent = StandardPage.objects.get(slug="stage-de-3e-au-lycee")
        self.assertCanCreate(parent, StandardPage, editorial("Témoignages"))

    def test_index_and_community_singletons_under_home(self):
        for model, extra in [
            (MetierIndexPage, {}),
            (FormationIndexPage, {}),
            (MembresPage, {"body": BODY}),
            (PublicationIndexPage, {"body": BODY}),
            (ResourceIndexPage, {"body": BODY}),
            (FemmesNumeriquePage, {"body": BODY, "chiffres_cles": streamfield([])}),
            (SemaineNumeriquePage, {"body": BODY, "dates": "du 16 au 22 mars"}),
            (
                TropheesNsiPage,
                {"body": BODY, "nombre_projets": "263", "calendrier": streamfield([])},
            ),
        ]:
            with self.subTest(model=model.__name__):
                self.replace_singleton(model)
                data = nested_form_data({"title": model._meta.verbose_name, "introduction": "x",
                                         **extra})  # fmt: skip
                self.assertCanCreate(self.home, model, data)

    def test_metier_page_under_metier_index(self):
        self.assertCanCreate(self.child(MetierIndexPage), MetierPage, metier_data())
        page = MetierPage.objects.get(slug="integrateur-web")
        assert page.live
        assert page.code_riasec == "ACI"
        assert page.faq.count() == 1
        assert page.formations.count() == 2

    def test_formation_page_under_formation_index(self):
        form_data = nested_form_data(
            {
                "title": "BTS Cybersécurité, informatique et réseaux",
                "slug": "bts-ciel-test",
                "sigle": "BTS CIEL",
                "type_formation": "bts",
                "niveau_sortie": "2",
                "duree": "2 ans",
                "alternance": "on",
                "code_rncp": "RNCP37391",
                "description": rich_text("<p>Deux ans pour apprendre les réseaux.</p>"),
                "etablissement_links": inline_formset([]),
            }
        )
        data = with_choices(
            form_data,
            bacs=[Bac.objects.get(slug="bac-sti2d").pk],
            specialites=[Specialite.objects.get(slug="sin").pk],
        )
        self.assertCanCreate(self.child(FormationIndexPage), FormationPage, data)
        page = FormationPage.objects.get(slug="bts-ciel-test")
        assert list(page.specialites.values_list("slug", flat=True)) == ["sin"]

    def test_publication_and_resource_pages(self):
        self.assertCanCreate(
            self.child(PublicationIndexPage),
            PublicationPage,
            nested_form_data(
                {
                    "title": "Note sur l'alternance",
                    "type_publication": "note",
                    "date_publication": "2026-03-01",
                    "resume": "Ce que nous avons observé.",
                    "body": rich_text("<p>Texte.</p>"),
                }
            ),
        )
        self.assertCanCreate(
            self.child(ResourceIndexPage),
            ResourcePage,
            editorial("Guide pour les parents", audiences="parents, enseignants"),
        )
        resource = ResourcePage.objects.get(slug="guide-pour-les-parents")
        assert sorted(resource.audience_names) == ["enseignants", "parents"]

    def test_parent_rules(self):
        self.assertAllowedParentPageTypes(MetierPage, {MetierIndexPage})
        self.assertAllowedParentPageTypes(FormationPage, {FormationIndexPage})
        self.assertCanNotCreateAt(HomePage, MetierPage)
        self.assertCanNotCreateAt(MetierIndexPage, FormationPage)
        self.assertCanNotCreateAt(FormationIndexPage, MetierPage)
        self.assertCanNotCreateAt(MetierPage, StandardPage)
        self.assertCanNotCreateAt(HomePage, PublicationPage)

    def test_disallowed_parent_is_refused_by_the_admin(self):
        add_url = reverse(
            "wagtailadmin_pages:add",
            args=["metiers", "metierpage", self.home.pk],
        )
        response = self.client.post(add_url, metier_data())
        self.assertRedirects(response, reverse("wagtailadmin_home"))
        assert not MetierPage.objects.filter(slug="integrateur-web").exists()

    def test_singletons_cannot_be_duplicated(self):
        add_url = reverse(
            "wagtailadmin_pages:add", args=["metiers", "metierindexpage", self.home.pk]
        )
        response = self.client.post(add_url, nested_form_data({"title": "Encore des métiers"}))
        self.assertRedirects(response, reverse("wagtailadmin_home"))
        assert MetierIndexPage.objects.count() == 1
