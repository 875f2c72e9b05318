"""Addresses are ASCII and the explorer keeps an editorial order (issue 16, point 4).

A formation created in the admin once got `bts-test-ux-cybersécurité`: whatever the editor
types or the auto-fill proposes, the stored slug is `bts-test-ux-cybersecurite`."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.formations.models import FormationIndexPage, FormationPage
from cms.home.models import HomePage
from cms.metiers.models import MetierIndexPage, MetierPage

pytestmark = pytest.mark.django_db
TITLE = "BTS Test UX Cybersécurité"
ASCII_SLUG = "bts-test-ux-cybersecurite"


def add_formation(client, slug):
    index = FormationIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=["formations", "formationpage", index.pk])
    data = nested_form_data(
        {
            "title": TITLE,
            "slug": slug,
            "type_formation": "bts",
            "niveau_sortie": "2",
            "duree": "2 ans",
            "description": rich_text("<p>Deux ans pour apprendre à protéger les réseaux.</p>"),
            "etablissement_links": inline_formset([]),
        }
    )
    return client.post(url, data)


@pytest.mark.parametrize("typed", ["bts-test-ux-cybersécurité", "BTS-Test-UX-Cybersécurité"])
def test_a_slug_typed_with_accents_is_stored_in_ascii(admin_client_fr, typed):
    response = add_formation(admin_client_fr, typed)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = FormationPage.objects.get(title=TITLE)
    assert page.slug == ASCII_SLUG
    assert page.url_path.endswith(f"/{ASCII_SLUG}/")


def test_the_slug_auto_fill_is_ascii(admin_client_fr):
    """The admin's auto-fill (w-slug) transliterates unless told to allow Unicode."""
    index = FormationIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=["formations", "formationpage", index.pk])
    html = admin_client_fr.get(url).content.decode()
    assert 'data-controller="w-slug"' in html
    assert "data-w-slug-allow-unicode-value" not in html


def test_a_page_created_in_code_without_a_slug_gets_an_ascii_one():
    page = FormationPage(
        title=TITLE, type_formation="bts", niveau_sortie=2, duree="2 ans", description="<p>x</p>"
    )
    FormationIndexPage.objects.get().add_child(instance=page)
    assert page.slug == ASCII_SLUG


def explorer_titles(client, parent):
    response = client.get(reverse("wagtailadmin_explore", args=[parent.pk]))
    assert response.status_code == 200
    return [page.title for page in response.context["pages"]]


def test_the_explorer_lists_the_sections_in_the_menu_order_whoever_edited_last(admin_client_fr):
    home = HomePage.objects.get()
    menu_order = [page.title for page in home.get_children()]
    assert explorer_titles(admin_client_fr, home) == menu_order
    last = home.get_children().last().specific
    last.save_revision().publish()
    assert explorer_titles(admin_client_fr, home) == menu_order
    assert menu_order.index(MetierIndexPage.objects.get().title) < menu_order.index(
        FormationIndexPage.objects.get().title
    ), "the demo puts the métiers first"


def test_the_explorer_lists_the_fiches_by_title_whoever_edited_last(admin_client_fr):
    index = MetierIndexPage.objects.get()
    by_title = list(
        MetierPage.objects.child_of(index).order_by("title").values_list("title", flat=True)
    )
    assert explorer_titles(admin_client_fr, index) == by_title
    MetierPage.objects.get(slug="pentester").save_revision().publish()
    assert explorer_titles(admin_client_fr, index) == by_title
