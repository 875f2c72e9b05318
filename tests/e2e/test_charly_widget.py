"""Charly's widget on a partner's site, in a real browser: a static page served from another
origin (a small http.server on another port, with CSS that would break an unisolated widget)
loads /charly/widget.js from the app with the documented tag. From the keyboard: open the
bubble, answer with a quick reply, type a question, get a card, follow it to the fiche; the
focus stays in the dialog until Escape gives it back; axe-core on the page with the widget."""

import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

PARTNER_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Lycée Ada-Lovelace : portes ouvertes</title>
  <link rel="icon" href="data:,">
  <style>
    * {{ font-family: Georgia, serif !important; letter-spacing: .2em; }}
    button {{ display: none !important; }}
    div {{ border: 4px dashed #c00; }}
    body {{ margin: 2rem; color: #222; }}
  </style>
</head>
<body>
  <header><p><a href="#infos">Lycée Ada-Lovelace</a></p></header>
  <main>
    <h1>Portes ouvertes du lycée</h1>
    <p id="infos">Venez découvrir la spécialité NSI samedi matin.</p>
  </main>
  <script src="{live_url}/charly/widget.js" data-api="{live_url}" defer></script>
</body>
</html>
"""


UNDERSTANDING_MS = 90_000


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def partner_url(live_url, tmp_path_factory):
    """The partner's page, on an origin of its own (same host, another port)."""
    folder = tmp_path_factory.mktemp("partenaire")
    (folder / "index.html").write_text(PARTNER_PAGE.format(live_url=live_url), encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def bubble_of(page):
    """The bubble, hidden or not (a role locator only finds it while it is shown)."""
    return page.locator("charly-widget button.bubble")


def focus_is_in_widget(page):
    return page.evaluate("document.activeElement && document.activeElement.localName") == (
        "charly-widget"
    )


def test_chat_with_charly_on_a_partner_site(page, partner_url, assert_accessible, screenshot):
    page.goto(partner_url)
    expect(page.get_by_role("button", name="Discuter avec Charly")).to_be_visible()
    bubble = bubble_of(page)
    screenshot(page, "charly-partenaire")

    page.keyboard.press("Tab")  # the partner's own link
    page.keyboard.press("Tab")
    expect(bubble).to_be_focused()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=re.compile("Charly"))
    expect(dialog).to_be_visible()
    expect(bubble).to_have_attribute("aria-expanded", "true")
    field = dialog.get_by_label("Ton message")
    expect(field).to_be_focused()
    log = dialog.get_by_role("log")
    replies = dialog.get_by_role("group", name="Réponses rapides").get_by_role("button")
    expect(replies.first).to_be_visible()
    assert log.inner_text().strip()
    assert_accessible(page, "widget Charly ouvert sur un site partenaire")

    # A quick reply, chosen from the keyboard.
    lycee = replies.filter(has_text=re.compile("^Lycée$"))
    lycee.focus()
    page.keyboard.press("Enter")
    expect(log).to_contain_text("Toi : Lycée")
    games = replies.filter(has_text=re.compile("^Les jeux"))
    expect(games).to_be_visible()
    games.click()
    expect(log.get_by_role("link").first).to_be_visible()

    # Typed text, and a card to the fiche.
    field.fill("c koi un pentester")
    page.keyboard.press("Enter")
    expect(log).to_contain_text("Toi : c koi un pentester")
    card = log.get_by_role("link", name=re.compile("Pentester"))
    # Free text goes through Charly's understanding, slower than a quick reply on a busy machine.
    expect(card.first).to_be_visible(timeout=UNDERSTANDING_MS)
    assert_accessible(page, "widget Charly avec des cartes")
    screenshot(page, "charly-partenaire-conversation")

    with page.context.expect_page() as opened:
        card.first.click()
    fiche = opened.value
    fiche.wait_for_load_state()
    expect(fiche).to_have_url(re.compile(r"/metiers/pentester/$"))
    expect(fiche.get_by_role("heading", level=1)).to_contain_text("Pentester")
    fiche.close()


def test_the_dialog_keeps_the_focus_until_escape(page, partner_url):
    page.goto(partner_url)
    bubble = bubble_of(page)
    bubble.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=re.compile("Charly"))
    expect(
        dialog.get_by_role("group", name="Réponses rapides").get_by_role("button").first
    ).to_be_visible()
    for key in ["Tab"] * 12 + ["Shift+Tab"] * 12:
        page.keyboard.press(key)
        assert focus_is_in_widget(page), f"the focus left the dialog after {key}"
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(bubble).to_be_focused()
    expect(bubble).to_have_attribute("aria-expanded", "false")
    page.get_by_role("button", name="Discuter avec Charly").press("Enter")
    close = dialog.get_by_role("button", name="Fermer la discussion")
    expect(close).to_be_visible()
    close.press("Enter")
    expect(dialog).to_be_hidden()
    expect(bubble).to_be_focused()
