"""Every published page renders for a phone browser, in French, and is shareable."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from tests.figures import attach_sourced_salary

pytestmark = pytest.mark.django_db


def live_pages():
    return Page.objects.live().filter(depth__gte=2).specific()


def test_every_page_type_of_the_demo_is_rendered():
    rendered_types = {type(page).__name__ for page in live_pages()}
    assert rendered_types >= {
        "HomePage", "StandardPage", "MetierIndexPage", "MetierPage", "FormationIndexPage",
        "FormationPage", "MembresPage", "PublicationIndexPage", "PublicationPage",
        "ResourceIndexPage", "ResourcePage", "FemmesNumeriquePage", "SemaineNumeriquePage",
        "TropheesNsiPage",
    }  # fmt: skip


def test_every_live_page_renders_with_sharing_tags(client):
    for page in live_pages():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.html["lang"] == "fr"
        assert page.title in soup.title.string
        assert soup.find("meta", attrs={"name": "description"})["content"].strip(), page.url
        assert soup.find("meta", property="og:title")["content"]
        assert soup.find("meta", property="og:description")["content"].strip()
        assert soup.find("h1"), page.url


def test_metier_page_shows_the_fiche_with_renditions(client):
    source = attach_sourced_salary("data-scientist", low=3100, high=3800)
    page = Page.objects.get(slug="data-scientist").specific
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    text = " ".join(soup.get_text(" ").split())
    assert page.accroche in text
    assert "Salaire en début de carrière : de 3100 € à 3800 €" in text
    assert soup.select_one(f'.chiffres small.source a[href="{source.url}"]')
    assert "Tes questions" in text
    image = soup.select_one("article header img")
    assert ".fill-960x540" in image["src"]
    assert soup.find("meta", property="og:image")["content"].startswith("http")
    links = {a["href"] for a in soup.find_all("a")}
    assert any(f.url in links for f in page.formations.all())


def test_formation_page_lists_establishments_and_debouches(client):
    page = Page.objects.get(slug="but-informatique").specific
    text = BeautifulSoup(client.get(page.url).content, "html.parser").get_text(" ")
    assert "Où se former" in text
    assert "Débouchés" in text
    assert "Développeur·euse web" in text


def test_unknown_page_is_a_404(client):
    assert client.get("/metiers/ce-metier-n-existe-pas/").status_code == 404
