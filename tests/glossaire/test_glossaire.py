"""The glossary: edited by the commission, listed by the API, marked in the fiches with a
visible definition, and used by Charly to answer "c'est quoi un VLAN ?"."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chatbot import answers, service
from chatbot.language import normalize
from cms.formations.models import FormationPage
from cms.glossaire.markup import Glosser
from cms.glossaire.models import Terme
from cms.home.editorial import COMMISSION_GROUP, REDACTEURS_GROUP
from cms.metiers.models import MetierPage
from tests.chatbot.talk import cards, texts

pytestmark = pytest.mark.django_db
API = "/api/v1/glossaire/"


def get(client, **params):
    return client.get(API, params, HTTP_HOST="localhost")


def test_the_api_lists_the_terms_with_their_definition_and_links(client):
    body = get(client, page_size=100).json()
    assert body["count"] == Terme.objects.count() >= 60
    vlan = next(t for t in body["results"] if t["slug"] == "vlan")
    assert vlan["terme"] == "VLAN"
    assert "réseau local virtuel" in vlan["variantes"]
    assert vlan["definition"].startswith("Un réseau local virtuel")
    assert [link["slug"] for link in vlan["liens"]] == ["administrateur-systemes-reseaux"]
    assert vlan["liens"][0]["url"].startswith("http")
    terms = [t["terme"] for t in body["results"]]
    assert terms == sorted(terms, key=str.lower) or terms == sorted(terms)


def test_the_api_finds_a_term_by_a_variant(client):
    body = get(client, q="hameçonnage").json()
    assert [t["slug"] for t in body["results"]] == ["phishing"]


def count_queries(client, **params):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = get(client, **params)
    assert response.status_code == 200
    return len(queries), response.json()


def test_the_api_list_is_paginated_with_a_constant_number_of_queries(client):
    few, first = count_queries(client, page_size=5)
    assert len(first["results"]) == 5
    assert first["next"]
    links = list(MetierPage.objects.live()[:3])
    for n in range(30):
        terme = Terme.objects.create(terme=f"Terme d'essai {n}", slug=f"essai-{n}", definition=".")
        terme.liens.set(links)
    many, body = count_queries(client, page_size=100)
    assert len(body["results"]) == 100
    assert few == many == 4  # count, page, links, the site's root paths for the links' URLs


@pytest.mark.parametrize(
    ("params", "field"), [({"page_size": "x"}, "page_size"), ({"lettre": "a"}, "lettre")]
)
def test_bad_parameters_get_a_clear_400(client, params, field):
    response = get(client, **params)
    assert response.status_code == 400
    assert response.json()["error"]["code"]


def test_the_glossary_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", {"format": "json"}, HTTP_HOST="localhost").json()
    operation = schema["paths"]["/api/v1/glossaire/"]["get"]
    assert "glossaire" in operation["tags"]
    assert {p["name"] for p in operation["parameters"]} >= {"q", "page", "page_size"}


def test_the_first_occurrence_is_marked_with_a_visible_definition(client):
    page = MetierPage.objects.get(slug="administrateur-systemes-reseaux")
    assert "VLAN" in page.competences + page.description
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    links = soup.select('a.terme[href="#glossaire-vlan"]')
    assert len(links) == 1, "only the first occurrence is marked"
    assert links[0].abbr["title"].startswith("Un réseau local virtuel")
    definition = soup.find(id="glossaire-vlan")
    assert definition.name == "dt"
    assert definition.dfn.get_text() == "VLAN"
    assert definition.find_next_sibling("dd").get_text().startswith("Un réseau local virtuel")
    assert soup.select_one("section.glossaire h2").get_text() == "Les mots à connaître"


def test_a_formation_fiche_marks_its_terms_too(client):
    page = FormationPage.objects.get(slug="but-informatique")
    assert "IUT" in page.description
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert len(soup.select('a.terme[href="#glossaire-iut"]')) == 1
    definition = soup.find(id="glossaire-iut")
    assert definition.dfn.get_text() == "IUT"
    assert definition.find_next_sibling("dd").get_text().startswith("Une partie de l'université")


def test_marking_skips_tags_links_and_lowercase_words_for_acronyms():
    vlan = Terme(terme="VLAN", slug="vlan", definition="Un réseau virtuel.", variantes="")
    but = Terme(terme="BUT", slug="but", definition="Un diplôme.", variantes="")
    glosser = Glosser([vlan, but])
    html = glosser.html(
        '<p title="VLAN">Le but : un <a href="/x">VLAN</a>, puis un VLAN et un VLAN ; un BUT.</p>'
    )
    assert html == (
        '<p title="VLAN">Le but : un <a href="/x">VLAN</a>, puis un '
        '<a class="terme" href="#glossaire-vlan"><abbr title="Un réseau virtuel.">VLAN</abbr></a>'
        ' et un VLAN ; un <a class="terme" href="#glossaire-but"><abbr title="Un diplôme.">BUT'
        "</abbr></a>.</p>"
    )
    assert glosser.used == [vlan, but]


def test_charly_answers_what_a_vlan_is_from_the_glossary():
    conversation_id = service.start_conversation()["id"]
    answer = service.send_message(conversation_id, text="c'est quoi un VLAN ?")
    vlan = Terme.objects.get(slug="vlan")
    assert texts(answer).startswith(f"VLAN : {vlan.definition}")
    assert [card["slug"] for card in cards(answer)] == ["administrateur-systemes-reseaux"]


@pytest.mark.parametrize(
    ("question", "slug"),
    [
        ("c'est quoi le hameçonnage", "phishing"),
        ("ca veut dire quoi tcp/ip", "tcp-ip"),
        ("c koi un vlan", "vlan"),
        ("c'est quoi l'intégration continue", "ci-cd"),
    ],
)
def test_charly_finds_the_term_by_any_of_its_forms(question, slug):
    assert answers.glossary_term(normalize(question)) == Terme.objects.get(slug=slug)


def test_charly_finds_no_term_in_a_question_without_one():
    assert answers.glossary_term(normalize("c'est quoi un métier sympa")) is None


@pytest.mark.parametrize(("group", "status"), [(COMMISSION_GROUP, 200), (REDACTEURS_GROUP, 302)])
def test_the_commission_edits_the_glossary(client, django_user_model, group, status):
    user = django_user_model.objects.create_user(group, password="x")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    terme = Terme.objects.get(slug="vlan")
    response = client.get(reverse("wagtailsnippets_glossaire_terme:edit", args=[terme.pk]))
    assert response.status_code == status
