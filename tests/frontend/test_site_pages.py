"""The student site's core as the server renders it (no JavaScript needed): the layout every
page shares, the métiers, formations and établissements lists with their GET filters, the
search page with its facets, pagination and help, the accessibility statement, and responsive
images. Addresses a student may mangle (unknown values, huge pages, markup) give a page, never a
500, and whatever they typed comes back escaped."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import features

from cms.formations.models import Etablissement, FormationPage
from cms.metiers.models import MetierPage

pytestmark = pytest.mark.django_db

MAIN_LINKS = ["/metiers/", "/formations/", "/recherche/", "/test/", "/carte/", "/parcours/",
              "/evenements/"]  # fmt: skip
HOSTILE = '"><script>alert(1)</script>'


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def card_titles(page):
    return [card.strong.get_text(strip=True) for card in page.select("main .cards .card")]


def result_titles(page):
    return [h3.get_text(strip=True) for h3 in page.select("ol.results h3")]


def facet_links(page, heading):
    """{label: link} of one facet group of the search page."""
    group = page.find("h3", string=heading)
    assert group is not None, f"no facet {heading}"
    links = group.find_next_sibling("ul").find_all("a")
    return {a.get_text(" ", strip=True).split(" (")[0]: a for a in links}


# --- The layout every page shares --------------------------------------------------------------


def test_every_page_has_the_header_navigation_search_and_footer(client):
    page = get(client, "/")
    assert page.html["lang"] == "fr"
    assert len(page.find_all("h1")) == 1
    assert page.select_one("a.skip-link")["href"] == "#contenu"
    assert page.find("main")["id"] == "contenu"
    nav = page.find("nav", attrs={"aria-label": "Navigation principale"})
    assert [a["href"] for a in nav.find_all("a")] == MAIN_LINKS
    search = page.select_one("header form[role=search]")
    assert (search["method"], search["action"]) == ("get", "/recherche/")
    field = search.find("input", attrs={"name": "q"})
    assert page.find("label", attrs={"for": field["id"]}).get_text(strip=True)
    assert page.select_one("footer.site-footer a[href='/accessibilite/']")
    assert page.find("script", attrs={"type": "module", "src": "/static/js/recherche.js"})


def test_the_current_section_is_marked_in_the_navigation(client):
    page = get(client, "/metiers/developpeur-web/")
    current = page.select('nav[aria-label="Navigation principale"] a[aria-current="page"]')
    assert [a["href"] for a in current] == ["/metiers/"]


def test_home_page_leads_to_the_test_the_metiers_and_the_formations(client):
    page = get(client, "/")
    links = {a["href"] for a in page.select("main .home-actions a")}
    assert {"/test/", "/metiers/", "/formations/", "/carte/"} <= links


# --- Métiers list and its filters -----------------------------------------------------------


def test_metiers_list_shows_every_metier_by_domaine_without_filters(client):
    page = get(client, "/metiers/")
    assert sorted(card_titles(page)) == sorted(
        MetierPage.objects.live().values_list("title", flat=True)
    )
    assert page.select_one("main p.count").get_text(strip=True) == "25 métiers"
    form = page.select_one("main form.filters")
    assert form["method"] == "get"
    assert {s["name"] for s in form.find_all("select")} == {"domaine", "niveau", "riasec"}


def test_metiers_filtered_by_domaine(client):
    page = get(client, "/metiers/?domaine=cybersecurite")
    expected = MetierPage.objects.live().filter(domaine="cybersecurite")
    assert sorted(card_titles(page)) == sorted(m.title for m in expected)
    assert [h2.get_text() for h2 in page.select("main section.domaine h2")] == ["Cybersécurité"]
    assert "3 métiers correspondent à tes filtres" in page.select_one("main p.count").get_text()
    selected = page.select_one('select[name="domaine"] option[selected]')
    assert selected["value"] == "cybersecurite"


def test_metiers_filtered_by_niveau_and_riasec(client):
    page = get(client, "/metiers/?niveau=2&riasec=R")
    expected = [
        m.title
        for m in MetierPage.objects.live()
        if m.niveau_acces_min <= 2 and m.code_riasec.startswith("R")
    ]
    assert expected, "the demo has métiers reachable at bac+2 with a realistic profile"
    assert sorted(card_titles(page)) == sorted(expected)
    assert len(expected) < 25


def test_metiers_with_no_match_say_so_and_offer_the_whole_list(client):
    page = get(client, "/metiers/?domaine=recherche&niveau=0")
    assert card_titles(page) == []
    assert "Aucun métier ne correspond" in page.select_one("main").get_text()
    assert page.select_one("main .help a[href='/metiers/']")


@pytest.mark.parametrize(
    "query",
    ["domaine=inconnu", "niveau=abc", "niveau=99", "riasec=ZZ", f"domaine={HOSTILE}",
     "domaine=cybersecurite&domaine=data-ia&niveau=", "niveau=%00"],
)  # fmt: skip
def test_metiers_list_ignores_values_it_does_not_know(client, query):
    response = client.get(f"/metiers/?{query}")
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content
    assert len(card_titles(BeautifulSoup(response.content, "html.parser"))) >= 3


# --- Formations and établissements lists ----------------------------------------------------


def test_formations_filtered_by_type_alternance_and_region(client):
    page = get(client, "/formations/?type=bts&alternance=oui")
    expected = FormationPage.objects.live().filter(type_formation="bts", alternance=True)
    assert expected.exists()
    assert sorted(card_titles(page)) == sorted(f.title for f in expected)
    page = get(client, "/formations/?region=bretagne")
    expected = FormationPage.objects.live().filter(etablissements__region="bretagne").distinct()
    assert sorted(card_titles(page)) == sorted(f.title for f in expected)
    assert get(client, f"/formations/?type={HOSTILE}&alternance=peut-etre").select("main .card")


def test_etablissements_list_filtered_by_region(client):
    page = get(client, "/etablissements/")
    assert len(page.select("main .card")) == Etablissement.objects.count()
    page = get(client, "/etablissements/?region=occitanie&type=lycee_inconnu")
    names = [card.strong.get_text(strip=True) for card in page.select("main .card")]
    assert sorted(names) == sorted(
        Etablissement.objects.filter(region="occitanie").values_list("nom", flat=True)
    )
    assert [h2.get_text() for h2 in page.select("main section h2")] == ["Occitanie"]


# --- Search ---------------------------------------------------------------------------------


def test_search_without_a_query_offers_ideas(client):
    page = get(client, "/recherche/")
    assert page.find("h1").get_text() == "Recherche"
    assert page.select_one("main form[role=search] input[name=q]")["value"] == ""
    assert page.select_one("main .help a[href='?q=cyber']")
    # The page's own field is the search: the header does not repeat it.
    assert len(page.find_all("input", attrs={"name": "q"})) == 1


def test_search_results_are_server_rendered_with_links_and_excerpts(client):
    page = get(client, "/recherche/?q=cyber")
    titles = result_titles(page)
    assert "Analyste en cybersécurité" in titles
    link = page.select_one("ol.results a[href='/metiers/analyste-cybersecurite/']")
    assert link.get_text(strip=True) == "Analyste en cybersécurité"
    assert page.select_one("main input[name=q]")["value"] == "cyber"
    assert "pour « cyber »" in page.select_one("main p.count").get_text()
    excerpts = page.select("ol.results li p")
    assert any(p.find("mark") for p in excerpts)
    assert all({tag.name for tag in p.find_all(True)} <= {"mark"} for p in excerpts)


def test_a_type_facet_narrows_the_results_and_can_be_removed(client):
    page = get(client, "/recherche/?q=cyber")
    types = facet_links(page, "Type")
    assert {"Métier", "Formation"} <= set(types)
    metier = types["Métier"]
    assert parse_qs(urlsplit(metier["href"]).query) == {"q": ["cyber"], "type": ["metier"]}
    page = get(client, "/recherche/" + metier["href"])
    tags = {tag.get_text() for tag in page.select("ol.results .tag")}
    assert tags == {"Métier"}
    active = facet_links(page, "Type")["Métier"]
    assert active["aria-current"] == "true"
    assert parse_qs(urlsplit(active["href"]).query) == {"q": ["cyber"]}
    assert page.find("a", string="Enlever tous les filtres")["href"] == "?q=cyber"


def test_facets_combine_and_use_the_labels_students_read(client):
    page = get(client, "/recherche/?q=informatique&type=formation&alternance=true")
    tags = {tag.get_text() for tag in page.select("ol.results .tag")}
    assert tags == {"Formation"}
    titles = set(result_titles(page))
    alternance = set(
        FormationPage.objects.live().filter(alternance=True).values_list("title", flat=True)
    )
    assert titles
    assert titles <= alternance
    assert "Bac+2" in facet_links(page, "Niveau d'études")
    assert facet_links(page, "Alternance")["En alternance"]["aria-current"] == "true"


def test_search_pages_through_the_results(client):
    first = get(client, "/recherche/?type=formation")
    total = FormationPage.objects.live().count()
    assert f"{total} résultats" in first.select_one("main p.count").get_text()
    assert len(result_titles(first)) == 10
    following = first.find("a", rel="next")["href"]
    assert parse_qs(urlsplit(following).query) == {"type": ["formation"], "page": ["2"]}
    second = get(client, "/recherche/" + following)
    assert second.select_one("ol.results")["start"] == "11"
    assert not set(result_titles(first)) & set(result_titles(second))
    last = get(client, "/recherche/?type=formation&page=999")
    assert result_titles(last), "a page beyond the last shows the last"
    assert last.find("a", rel="next") is None


def test_no_result_says_so_and_helps(client):
    page = get(client, "/recherche/?q=zzqxwv")
    main = page.select_one("main").get_text(" ")
    assert "Aucun résultat pour « zzqxwv »" in main
    assert page.select_one("main .help a[href='/test/']")
    assert page.select_one("main .help a[href='/metiers/']")


def test_a_misspelt_query_is_offered_its_correction(client):
    page = get(client, "/recherche/?q=cybersecuriter")
    offer = page.find(string=lambda s: s and "Tu voulais dire" in s)
    if offer is None:  # the backend found it despite the typo: then results, not help
        assert "Analyste en cybersécurité" in result_titles(page)
    else:
        assert offer.find_next("a")["href"].startswith("?q=")


def test_the_autocomplete_suggestions_are_links_without_javascript(client):
    page = get(client, "/recherche/?q=cyb")
    suggestions = page.find("nav", attrs={"aria-label": "Suggestions"})
    labels = [a.get_text(strip=True) for a in suggestions.find_all("a")]
    assert "Analyste en cybersécurité" in labels
    assert all(a["href"].startswith("?q=") for a in suggestions.find_all("a"))


@pytest.mark.parametrize(
    "query",
    ["page=abc", "page=-3", "page=²", "page=99999999999999999999", "type=inconnu",
     "niveau=douze", "alternance=peut-etre", "q=" + "a" * 5000, "q=%00%01",
     "q=cyber&type=metier&type=metier", "region=" + "x" * 300],
)  # fmt: skip
def test_bad_search_parameters_give_a_page_not_an_error(client, query):
    response = client.get(f"/recherche/?{query}")
    assert response.status_code == 200
    field = BeautifulSoup(response.content, "html.parser").select_one("main input[name=q]")
    assert len(field["value"]) <= 200


@pytest.mark.parametrize("where", ["q", "type", "domaine"])
def test_markup_typed_in_the_search_is_shown_as_text(client, where):
    response = client.get("/recherche/", {where: HOSTILE})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    if where == "q":
        page = BeautifulSoup(response.content, "html.parser")
        assert page.select_one("main input[name=q]")["value"] == HOSTILE
        assert "&lt;script&gt;" in response.content.decode()


# --- Accessibility statement and images -----------------------------------------------------


def test_accessibility_statement_states_the_target_and_the_honest_state(client):
    page = get(client, "/accessibilite/")
    text = " ".join(page.select_one("main").get_text(" ").split())
    assert page.find("h1").get_text() == "Déclaration d'accessibilité"
    assert "RGAA" in text
    assert "version 4.1" in text
    assert "niveau AA" in text
    assert "partiellement conforme" in text
    assert "axe-core" in text
    assert page.select_one("main a[href^='https://formulaire.defenseurdesdroits.fr']")


def test_fiche_image_is_a_responsive_picture_in_modern_formats(client):
    page = get(client, "/metiers/data-scientist/")
    picture = page.select_one("article header picture")
    types = [source["type"] for source in picture.find_all("source")]
    expected = ["image/avif", "image/webp"] if features.check("avif") else ["image/webp"]
    assert types == expected
    for source in picture.find_all("source"):
        widths = sorted(int(item.split()[-1][:-1]) for item in source["srcset"].split(", "))
        assert widths == [480, 960]
        assert source["sizes"]
    img = picture.find("img")
    assert img["src"].endswith(".jpg")
    assert ".fill-960x540" in img["src"]
    assert (img["width"], img["height"]) == ("960", "540")
    assert img["sizes"]
    assert img["srcset"]


def test_home_hero_is_a_responsive_picture(client):
    img = get(client, "/").select_one("main .hero picture img")
    widths = sorted(int(item.split()[-1][:-1]) for item in img["srcset"].split(", "))
    assert widths == [400, 800, 1200]
    assert img["loading"] == "eager"
