"""Search in a real browser, as a student on a phone: "cyber" typed in the search field (the
autocomplete's list, from the keyboard), the results, a facet, a métier fiche; axe-core on the
home page, the search and a fiche; the search and its facets without JavaScript; the métiers
list filtered without JavaScript; axe-core on each."""

import re

from playwright.sync_api import expect

CYBER_FICHE = "Analyste en cybersécurité"


def search_field(page):
    return page.get_by_role("main").get_by_role("combobox")


def test_search_cyber_then_a_facet_then_a_metier_fiche(page, assert_accessible, screenshot):
    page.goto("/recherche/")
    field = search_field(page)
    field.press_sequentially("cyber", delay=60)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(listbox.get_by_role("option").first).to_be_visible()
    assert_accessible(page, "recherche, suggestions ouvertes")
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/recherche/\?q=cyber$"))
    expect(page.get_by_role("status").first).to_contain_text("pour « cyber »")
    results = page.locator("ol.results")
    expect(results.get_by_role("link", name=CYBER_FICHE)).to_be_visible()
    assert_accessible(page, "résultats de recherche")
    screenshot(page, "recherche-cyber")

    facets = page.get_by_role("complementary", name="Affiner")
    facets.get_by_role("link", name=re.compile(r"^Métier \(\d+\)")).click()
    expect(page).to_have_url(re.compile(r"type=metier"))
    expect(results.locator(".tag").first).to_have_text("Métier")
    for tag in results.locator(".tag").all_inner_texts():
        assert tag == "Métier"
    active = facets.get_by_role("link", name=re.compile(r"^Métier"))
    expect(active).to_have_attribute("aria-current", "true")
    screenshot(page, "recherche-cyber-metiers")

    results.get_by_role("link", name=CYBER_FICHE).click()
    expect(page).to_have_url(re.compile(r"/metiers/analyste-cybersecurite/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(CYBER_FICHE)
    assert_accessible(page, "fiche métier atteinte par la recherche")


def test_the_autocomplete_is_a_keyboard_combobox(page):
    page.goto("/")
    field = page.get_by_role("banner").get_by_role("combobox")
    listbox_id = field.get_attribute("aria-controls")
    field.press_sequentially("dev", delay=60)
    options = page.locator(f"#{listbox_id} [role=option]")
    expect(options.first).to_be_visible()
    expect(field).to_be_focused()
    page.keyboard.press("ArrowDown")
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(field).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    page.keyboard.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "false")
    page.keyboard.press("ArrowUp")
    expect(first).to_have_attribute("aria-selected", "true")
    chosen = first.get_attribute("data-title")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/recherche/\?q="))
    expect(search_field(page)).to_have_value(chosen)
    expect(page.locator("ol.results h3").first).to_be_visible()


def test_home_and_fiche_pass_axe_at_both_sizes(page, desktop_page, assert_accessible, screenshot):
    for current in (page, desktop_page):
        current.goto("/")
        assert_accessible(current, f"accueil {current.viewport_size}")
        current.goto("/metiers/analyste-cybersecurite/")
        expect(current.locator("article picture img")).to_be_visible()
        assert_accessible(current, f"fiche {current.viewport_size}")
    page.goto("/recherche/?q=cyber&type=metier")
    screenshot(page, "recherche-facette")


def test_search_and_facets_work_without_javascript(nojs_page, assert_accessible, screenshot):
    page = nojs_page
    page.goto("/")
    header = page.get_by_role("banner")
    header.get_by_role("searchbox").fill("cyber")
    header.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"/recherche/\?q=cyber$"))
    results = page.locator("ol.results")
    expect(results.get_by_role("link", name=CYBER_FICHE)).to_be_visible()
    expect(results.locator("mark").first).to_be_visible()
    page.get_by_role("complementary", name="Affiner").get_by_role(
        "link", name=re.compile(r"^Formation \(\d+\)")
    ).click()
    expect(page).to_have_url(re.compile(r"type=formation"))
    expect(results.locator(".tag").first).to_have_text("Formation")
    assert_accessible(page, "recherche sans JavaScript")
    screenshot(page, "recherche-sans-javascript")
    results.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Niveau")


def test_metiers_list_filters_without_javascript(nojs_page, assert_accessible):
    page = nojs_page
    page.goto("/metiers/")
    expect(page.get_by_role("status")).to_have_text("25 métiers")
    page.get_by_label("Domaine").select_option(label="Cybersécurité")
    page.get_by_role("button", name="Afficher").click()
    expect(page).to_have_url(re.compile(r"domaine=cybersecurite"))
    expect(page.get_by_role("status")).to_contain_text("3 métiers correspondent")
    expect(page.get_by_role("heading", level=2, name="Cybersécurité")).to_be_visible()
    assert_accessible(page, "liste des métiers filtrée sans JavaScript")
