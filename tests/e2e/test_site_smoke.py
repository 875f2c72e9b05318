"""What every page stands on, checked in a real browser on the home page and a métier fiche: it
loads with its styles and images (a missing file is a console error, which fails the test), it
is in French, it has one h1 and the landmarks a screen reader jumps between, the skip link
reaches the content from the keyboard, axe finds no serious violation, at the phone's and the
desktop's sizes; and the fiche can be read without JavaScript."""

import pytest
from playwright.sync_api import expect

PAGES = {"accueil": "/", "fiche-metier": "/metiers/developpeur-web/"}
VIEWPORTS = ["page", "desktop_page"]
LANDMARKS = ["banner", "navigation", "main", "contentinfo"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(("name", "path"), PAGES.items())
def test_page_structure(request, viewport, name, path, assert_accessible):
    page = request.getfixturevalue(viewport)
    assert page.goto(path).status == 200
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_count(1)
    for landmark in LANDMARKS:
        expect(page.get_by_role(landmark).first).to_be_visible()
    expect(page.get_by_role("main")).to_have_count(1)
    assert_accessible(page, f"{name} at {page.viewport_size}")


@pytest.mark.parametrize("path", PAGES.values())
def test_skip_link_reaches_the_content(page, path):
    page.goto(path)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{page.url.split('#')[0]}#contenu")


@pytest.mark.parametrize(("name", "path"), PAGES.items())
def test_screenshots(page, screenshot, name, path):
    page.goto(path)
    for taken in screenshot(page, name):
        assert taken.stat().st_size > 0


def test_fiche_readable_without_javascript(nojs_page, assert_accessible):
    nojs_page.goto(PAGES["fiche-metier"])
    expect(nojs_page.get_by_role("heading", level=1)).to_have_text("Développeur·euse web")
    expect(nojs_page.get_by_role("heading", name="Ses missions")).to_be_visible()
    expect(nojs_page.get_by_role("heading", name="Études et salaire")).to_be_visible()
    expect(nojs_page.get_by_role("heading", name="Les formations qui y mènent")).to_be_visible()
    assert_accessible(nojs_page, "fiche métier sans JavaScript")
