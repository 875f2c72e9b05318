"""The orientation test in a real browser: the whole test one question at a time (mouse and
keyboard), the results with their reasons, a métier and a formation kept in the parcours, the
parcours reopened by its link alone in another browser, and its secret never sent to a server
as a page address or a query string; the test without JavaScript; and the class mode, from the
teacher's form to the class's profile once five students have taken the test."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

LIBELLE = "4e C — Semaine du numérique"
TEACHER = "prof.nguyen@ac-grenoble.fr"


def record_requests(*pages):
    seen = []
    for page in pages:
        page.on("request", lambda request: seen.append(request.url))
    return seen


def answer_for(position):
    """J'adore for every sixth question (one RIASEC dimension, as the demo test alternates them),
    a lukewarm answer elsewhere: a profile with a clear favourite."""
    return "J'adore" if position % 6 == 1 else ("Bof", "Je ne sais pas")[position % 2]


def take_the_test(page, checks=None):
    """Answer every question, the first from the keyboard; `checks(position)` runs with each
    question on screen."""
    progress = page.locator("#progression-texte")
    expect(progress).to_have_text(re.compile(r"Question 1 sur \d+"))
    total = int(page.locator("#progression-total").inner_text())
    for position in range(1, total + 1):
        expect(progress).to_have_text(f"Question {position} sur {total}")
        expect(page.locator("#question-titre")).to_be_focused()
        if checks:
            checks(position)
        if position == 1:
            # From the keyboard: Tab reaches the answers, Space picks the first, Enter goes on.
            page.keyboard.press("Tab")
            page.keyboard.press("Space")
            expect(page.get_by_role("radio", name=answer_for(1), exact=True)).to_be_checked()
            page.keyboard.press("Enter")
            continue
        page.get_by_role("radio", name=answer_for(position), exact=True).check()
        last = position == total
        page.get_by_role(
            "button", name="Voir mes résultats" if last else "Question suivante"
        ).click()
    return total


def test_the_whole_test_then_the_parcours_by_its_link(
    page, desktop_page, assert_accessible, screenshot
):
    requests = record_requests(page, desktop_page)
    page.goto("/test/")
    expect(page.get_by_role("heading", name="Avant de commencer")).to_be_visible()
    expect(page.get_by_text("JavaScript est désactivé")).to_be_hidden()
    assert_accessible(page, "le test, avant de commencer")
    page.get_by_role("radio", name="Lycée", exact=True).check()
    page.get_by_role("button", name="Commencer le test").click()

    def checks(position):
        progress = page.get_by_role("progressbar", name=re.compile(f"Question {position} sur"))
        expect(progress).to_have_attribute("value", str(position))
        if position == 1:
            assert_accessible(page, "une question du test")
            screenshot(page, "test-question")
        if position == 3:
            page.get_by_role("button", name="Question précédente").click()
            expect(page.locator("#progression-texte")).to_have_text(re.compile("^Question 2 sur"))
            expect(page.get_by_role("radio", name=answer_for(2), exact=True)).to_be_checked()
            page.get_by_role("button", name="Question suivante").click()
            expect(page.locator("#progression-texte")).to_have_text(re.compile("^Question 3 sur"))

    take_the_test(page, checks)

    results = page.get_by_role("heading", name="Tes résultats", level=2)
    expect(results).to_be_focused()
    metiers = page.locator("#resultats-metiers > li")
    expect(metiers.first).to_be_visible()
    assert metiers.count() >= 5
    for index in range(metiers.count()):
        assert metiers.nth(index).locator("ul.raisons > li").count() >= 1
    expect(page.locator("#resultats-code")).to_have_text(re.compile(r"^[RIASEC]{3}$"))
    expect(page.get_by_role("link", name="Retrouve ton parcours")).to_be_visible()
    assert_accessible(page, "les résultats du test")
    screenshot(page, "test-resultats")

    metier = metiers.first.locator("h4").inner_text()
    metiers.first.get_by_role("button", name=f"Ajouter « {metier} » à mon parcours").click()
    status = page.locator("#parcours-statut")
    expect(status).to_contain_text(f"« {metier} » est dans ton parcours.")
    formation_item = page.locator("#resultats-formations li").first
    formation = formation_item.get_by_role("link").inner_text()
    formation_item.get_by_role("button", name=re.compile("^Ajouter")).click()
    expect(status).to_contain_text(f"« {formation} » est dans ton parcours.")
    link = page.get_by_label("Le lien de ton parcours").input_value()
    parts = urlsplit(link)
    assert (parts.path, parts.query) == ("/parcours/", "")
    token = parts.fragment
    assert len(token) >= 40

    # Another browser, with nothing but the link: the same parcours, after a reload too.
    desktop_page.goto(link)
    for _ in range(2):
        expect(desktop_page.locator('[data-kind="metier"] li')).to_have_text(
            [re.compile(re.escape(metier))]
        )
        expect(desktop_page.locator('[data-kind="formation"] li')).to_have_text(
            [re.compile(re.escape(formation))]
        )
        desktop_page.reload()
    expect(desktop_page.get_by_label("Le lien de ton parcours")).to_have_value(link)
    expect(desktop_page.get_by_text("Ton lien est la seule clé")).to_be_visible()
    assert_accessible(desktop_page, "le parcours")
    screenshot(desktop_page, "parcours")

    desktop_page.get_by_role("button", name=f"Retirer « {metier} » de mon parcours").click()
    expect(desktop_page.locator("#parcours-etat")).to_have_text(
        f"« {metier} » a été retiré de ton parcours."
    )
    desktop_page.reload()
    expect(desktop_page.locator('[data-kind="formation"] li')).to_have_count(1)
    expect(desktop_page.locator('[data-kind="metier"]')).to_be_hidden()

    # The secret went to the API only, in its path, never in a page address or a query string.
    carrying = [urlsplit(url) for url in requests if token in url.split("#")[0]]
    assert carrying, "the parcours was read through the API"
    assert [url.path for url in carrying] == [f"/api/v1/parcours/{token}/"] * len(carrying)
    assert [url.query for url in carrying if token in url.query] == []


def test_the_test_without_javascript(nojs_page, assert_accessible):
    nojs_page.goto("/test/")
    expect(nojs_page.get_by_text("JavaScript est désactivé")).to_be_visible()
    expect(nojs_page.locator("#test-app")).to_be_hidden()
    questions = nojs_page.locator("ol.test-liste > li")
    assert questions.count() >= 36
    assert_accessible(nojs_page, "le test sans JavaScript")
    for position in range(1, questions.count() + 1):
        choice = questions.nth(position - 1).get_by_role(
            "radio", name=answer_for(position), exact=True
        )
        choice.check()
    nojs_page.get_by_role("button", name="Voir mes résultats").click()
    expect(nojs_page.get_by_role("heading", level=1)).to_have_text(
        "Tes résultats au test d'orientation"
    )
    assert nojs_page.locator("ol.metiers > li").count() >= 5
    expect(nojs_page.locator("ol.metiers > li ul.raisons > li").first).to_be_visible()
    assert_accessible(nojs_page, "les résultats sans JavaScript")


def test_a_class_takes_the_test_and_the_teacher_sees_it_from_five_results(
    page, desktop_page, live_url, sent_emails, assert_accessible, screenshot
):
    desktop_page.goto("/test/classe/")
    desktop_page.get_by_label("Votre e-mail").fill(TEACHER)
    desktop_page.get_by_label("Nom de la classe").fill(LIBELLE)
    desktop_page.get_by_role("button", name="Recevoir le code et le lien").click()
    status = desktop_page.locator("#classe-etat")
    expect(status).to_contain_text(f"la classe « {LIBELLE} » est ouverte avec le code")
    code = re.search(r"le code ([A-Z0-9]{6})", status.inner_text())[1]
    mail = next(m for m in reversed(sent_emails()) if code in m["Subject"])
    link = re.search(r"(\S+/test/classe/#[A-Za-z0-9_-]+)", mail.get_content())[1]

    desktop_page.goto(link)
    expect(desktop_page.get_by_role("heading", name=LIBELLE)).to_be_visible()
    expect(desktop_page.locator("#classe-code")).to_have_text(code)
    expect(desktop_page.locator("#classe-attente")).to_contain_text("Il en manque 5")
    expect(desktop_page.get_by_text("rien ne s'affiche avant 5 résultats")).to_be_visible()
    assert_accessible(desktop_page, "la classe avant 5 résultats")
    screenshot(desktop_page, "classe-en-attente")

    # A student joins with the code in the address the teacher hands out.
    page.goto(desktop_page.locator("#classe-lien-eleves").get_attribute("href"))
    expect(page.get_by_role("textbox", name=re.compile("^Code de classe"))).to_have_value(code)
    page.get_by_role("button", name="Commencer le test").click()
    take_the_test(page)
    expect(page.locator("#resultats-classe")).to_have_text(re.compile(f"« {LIBELLE} »"))

    # Four classmates, through the API.
    questions = page.request.get(f"{live_url}/api/v1/test/").json()["questions"]
    for favourite in "RASE":
        answers = {str(q["id"]): 4 if q["dimension"] == favourite else 1 for q in questions}
        response = page.request.post(
            f"{live_url}/api/v1/test/resultats/", data={"answers": answers, "code_classe": code}
        )
        assert response.status == 201, response.text()

    desktop_page.reload()
    expect(desktop_page.locator("#classe-profil")).to_be_visible()
    expect(desktop_page.locator("#classe-resultats")).to_have_text("5 résultats")
    expect(desktop_page.locator("#classe-code-riasec")).to_have_text(re.compile(r"^[RIASEC]{3}$"))
    expect(desktop_page.locator("#classe-profil-liste > li")).to_have_count(6)
    assert_accessible(desktop_page, "le profil de la classe")
    screenshot(desktop_page, "classe-profil")
