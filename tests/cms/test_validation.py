"""Model rules show up as form errors in the admin, and nothing invalid is saved."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from cms.formations.models import Etablissement
from cms.metiers.models import MetierIndexPage, MetierPage

from .test_admin_pages import metier_data

pytestmark = pytest.mark.django_db


def post_metier(client, **overrides):
    parent = MetierIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=["metiers", "metierpage", parent.pk])
    data = metier_data(**overrides)
    data["action-publish"] = "action-publish"  # drafts may be incomplete; publishing may not
    return client.post(url, data)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"salaire_debutant_min": "3000", "salaire_debutant_max": "2000"},
            "salaire_debutant_max",
            "supérieur ou égal au salaire minimum",
        ),
        ({"riasec_i": "150"}, "riasec_i", "100"),
        ({"riasec_a": "-5"}, "riasec_a", "0"),
        ({"accroche": ""}, "accroche", "requis"),
        ({"niveau_acces_min": "5", "niveau_acces_usuel": "2"}, "niveau_acces_usuel", "minimum"),
        ({"video_url": "https://example.org/video.mp4"}, "video_url", "YouTube"),
        ({"part_femmes": "30"}, "part_femmes_source", "source"),
        ({"salaire_source": ""}, "salaire_source", "source"),
        ({"salaire_debutant_max": ""}, "salaire_debutant_max", "minimum et le maximum"),
    ],
)
def test_metier_validation_errors_are_form_errors(admin_client_fr, overrides, field, message):
    response = post_metier(admin_client_fr, **overrides)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert any(message in error for error in errors[field])
    assert not MetierPage.objects.filter(slug="integrateur-web").exists()


ETABLISSEMENT = {
    "nom": "Lycée de test",
    "slug": "lycee-de-test",
    "type": "lycee",
    "statut": "public",
    "adresse": "1 rue de l'École",
    "code_postal": "69003",
    "ville": "Lyon",
    "region": "auvergne-rhone-alpes",
    "latitude": "45.7578",
    "longitude": "4.8320",
}


def post_etablissement(client, **overrides):
    url = reverse("wagtailsnippets_formations_etablissement:add")
    return client.post(url, nested_form_data({**ETABLISSEMENT, **overrides}))


def test_etablissement_in_france_is_saved(admin_client_fr):
    response = post_etablissement(admin_client_fr)
    assert response.status_code == 302
    saved = Etablissement.objects.get(slug="lycee-de-test")
    assert saved.latitude == Decimal("45.75780")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"latitude": "40.4168", "longitude": "-3.7038"}, "en dehors de la France"),
        ({"latitude": "-20.8823", "longitude": "55.4504"}, "région choisie"),
        (
            {"region": "la-reunion", "latitude": "48.8566", "longitude": "2.3522"},
            "région choisie",
        ),
    ],
)
def test_etablissement_outside_its_region_is_refused(admin_client_fr, overrides, message):
    response = post_etablissement(admin_client_fr, **overrides)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in error for error in errors["latitude"]), errors
    assert not Etablissement.objects.filter(slug="lycee-de-test").exists()


def test_overseas_etablissement_is_accepted(admin_client_fr):
    response = post_etablissement(
        admin_client_fr,
        region="la-reunion",
        code_postal="97400",
        ville="Saint-Denis",
        latitude="-20.8823",
        longitude="55.4504",
    )
    assert response.status_code == 302


def test_bad_postal_code_and_uai(admin_client_fr):
    response = post_etablissement(admin_client_fr, code_postal="6900", uai="12AB")
    errors = response.context["form"].errors
    assert "code_postal" in errors
    assert "uai" in errors
    assert not Etablissement.objects.filter(slug="lycee-de-test").exists()
