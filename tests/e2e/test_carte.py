"""The map in a real browser: France's régions drawn from the packaged GeoJSON (no tile server is
reachable, and the browser is forbidden any other host), a marker for each place of the list,
a filter that refetches through API v1 and reduces markers and list alike, the list as the
text alternative (also without JavaScript), axe-core and screenshots."""

import re

from playwright.sync_api import expect

MARKERS = "#carte-map path.carte-marker"
ITEMS = "[data-carte-list] li.carte-lieu"
# The site has no favicon yet: Chromium's request for one 404s on the first page of a context.
NO_FAVICON = r"/favicon\.ico"


def test_the_map_shows_markers_and_a_filter_reduces_them(
    page, assert_accessible, screenshot, expect_console_errors
):
    expect_console_errors(page, NO_FAVICON)
    page.goto("/carte/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("carte")
    expect(page.locator(".leaflet-regions-pane path")).to_have_count(18)
    items = page.locator(ITEMS)
    total = items.count()
    assert total > 10
    expect(page.locator(MARKERS)).to_have_count(total)
    assert page.locator(f"{MARKERS}.carte-marker--evenement").count() > 0
    expect(page.get_by_role("region", name=re.compile("Carte de France"))).to_be_visible()
    assert_accessible(page, "carte")
    screenshot(page, "carte")

    page.get_by_label("Région").select_option("bretagne")
    status = page.locator(".count")
    expect(status).to_have_text(re.compile(r"correspond(ent)? à tes filtres\.$"))
    expect(page).to_have_url(re.compile(r"/carte/\?region=bretagne$"))
    filtered = items.count()
    assert 0 < filtered < total
    expect(page.locator(MARKERS)).to_have_count(filtered)
    assert_accessible(page, "carte filtrée sur la Bretagne")
    screenshot(page, "carte-bretagne")

    page.get_by_label("Ce que tu cherches").select_option("evenement")
    page.get_by_label("Région").select_option("")
    expect(page).to_have_url(re.compile(r"/carte/\?contenu=evenement$"))
    expect(page.locator(f"{MARKERS}.carte-marker--etablissement")).to_have_count(0)
    events = page.locator(f"{ITEMS} .tag")
    expect(events.first).to_have_text("Événement")
    assert set(events.all_inner_texts()) == {"Événement"}
    expect(page.locator(MARKERS)).to_have_count(items.count())


def test_a_marker_tells_what_it_is(desktop_page, expect_console_errors):
    expect_console_errors(desktop_page, NO_FAVICON)
    desktop_page.goto("/carte/?contenu=evenement")
    titles = desktop_page.locator(f"{ITEMS} .carte-lieu__title").all_inner_texts()
    markers = desktop_page.locator(MARKERS)
    expect(markers).to_have_count(len(titles))
    markers.first.dispatch_event("click")
    popup = desktop_page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Événement")
    assert popup.locator("strong").inner_text() in titles


def test_the_list_is_the_keyboard_alternative(desktop_page, expect_console_errors):
    expect_console_errors(desktop_page, NO_FAVICON)
    desktop_page.goto("/carte/?contenu=evenement")
    link = desktop_page.locator(f"{ITEMS} a").first
    href = link.get_attribute("href")
    link.focus()
    expect(link).to_be_focused()
    desktop_page.keyboard.press("Enter")
    expect(desktop_page).to_have_url(re.compile(re.escape(href) + "$"))


def test_without_javascript_the_list_and_the_filters_work(
    nojs_page, screenshot, expect_console_errors
):
    expect_console_errors(nojs_page, NO_FAVICON)
    nojs_page.goto("/carte/")
    expect(nojs_page.locator("[data-carte-map-wrap]")).to_be_hidden()
    total = nojs_page.locator(ITEMS).count()
    assert total > 10
    nojs_page.get_by_label("Région").select_option("bretagne")
    nojs_page.get_by_role("button", name="Afficher").click()
    expect(nojs_page).to_have_url(re.compile(r"region=bretagne"))
    assert 0 < nojs_page.locator(ITEMS).count() < total
    screenshot(nojs_page, "carte-sans-javascript")
