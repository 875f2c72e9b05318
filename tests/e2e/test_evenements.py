"""The Semaine du numérique in a real browser: the events list filtered from its form, a
teacher registering classes to an event until it is full and the next class joining the waiting
list (field errors from the API shown next to their fields), the same without JavaScript, the
Trophées gallery, the Femmes@Numérique page, and a campaign's code carried from its landing page
to the API calls the site makes, where it is counted."""

import re

import pytest
import requests
from playwright.sync_api import expect

FULL = "Complet : liste d'attente ouverte"


def open_events(live_url, niveau):
    """Demo events for `niveau` classes whose registrations are open and nobody took a seat."""
    answer = requests.get(
        f"{live_url}/api/v1/evenements/", {"niveau": niveau, "page_size": 100}, timeout=30
    ).json()
    found = [
        event
        for event in answer["results"]
        if event["inscriptions_ouvertes"] and event["places_restantes"] == event["capacite"] <= 60
    ]
    assert found, f"the demo has open {niveau} events"
    return found


def fill(page, nom, email, eleves, niveau=None):
    page.get_by_label("Votre nom").fill(nom)
    page.get_by_label("Votre adresse e-mail professionnelle").fill(email)
    page.get_by_label("Établissement de la classe").fill("Collège Marie-Curie, Nantes")
    if niveau:
        page.get_by_label("Niveau de la classe").select_option(niveau)
    page.get_by_label("Nombre d'élèves").fill(str(eleves))


def submit(page):
    page.locator("form[data-inscription] button[type=submit]").click()


def test_classes_register_until_the_event_is_full_then_join_the_waiting_list(
    page, live_url, assert_accessible, screenshot, expect_console_errors, sent_emails
):
    event = open_events(live_url, "college")[0]
    seats = event["capacite"]
    page.goto(f"/evenements/{event['slug']}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(event["title"])
    places = page.locator("#evt-places")
    expect(places).to_have_text(f"{seats} places restantes sur {seats}")
    expect(page.locator("#evt-complet")).to_be_hidden()
    assert_accessible(page, "un événement, inscriptions ouvertes")
    screenshot(page, "evenement")

    # The API's field errors appear next to their fields, and the first one takes the focus.
    # (The site has no favicon yet: Chromium's request for one may 404 during a long visit.)
    expect_console_errors(page, "status of 400", r"/favicon\.ico")
    fill(page, "Camille Martin", "pas-une-adresse", seats, niveau="college")
    submit(page)
    email = page.get_by_label("Votre adresse e-mail professionnelle")
    expect(page.locator("#id_enseignant_email_error")).to_be_visible()
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_attribute("aria-describedby", re.compile("id_enseignant_email_error"))
    expect(email).to_be_focused()
    expect(page.locator("#inscription-erreur")).to_contain_text("Corrigez le champ signalé")
    assert_accessible(page, "un événement, erreur dans le formulaire")

    # The first class takes every seat.
    email.fill("camille.martin@ac-nantes.fr")
    submit(page)
    expect(page.locator("#inscription-resultat[role=status]")).to_contain_text(
        "Inscription confirmée"
    )
    expect(page.locator("#id_enseignant_email_error")).to_have_count(0)
    expect(email).not_to_have_attribute("aria-invalid", "true")
    expect(places).to_have_text(FULL)
    expect(page.locator("#evt-complet")).to_be_visible()
    expect(page.locator("#evt-complet")).to_contain_text("liste d'attente")

    # The next class waits, first in line.
    fill(page, "Sami Benali", "sami.benali@ac-nantes.fr", 12)
    submit(page)
    expect(page.locator("#inscription-resultat")).to_contain_text(
        "Votre classe est sur liste d'attente (rang 1)"
    )
    screenshot(page, "evenement-liste-attente")
    assert_accessible(page, "un événement complet, liste d'attente")

    # Seen again, the page says it is full and explains the waiting list.
    page.reload()
    expect(places).to_have_text(FULL)
    expect(page.locator("#evt-complet")).to_be_visible()
    expect(
        page.get_by_role("button", name="Inscrire ma classe sur la liste d'attente")
    ).to_be_visible()
    subjects = {(m["To"].strip(), m["Subject"].strip()) for m in sent_emails()}
    assert ("camille.martin@ac-nantes.fr", f"Inscription confirmée : {event['title']}") in subjects
    assert ("sami.benali@ac-nantes.fr", f"Liste d'attente : {event['title']}") in subjects


def test_without_javascript_the_form_registers_the_class_on_the_server(nojs_page, live_url):
    page = nojs_page
    event = open_events(live_url, "lycee")[0]
    page.goto(f"/evenements/{event['slug']}/")
    fill(page, "Inès Morel", "ines.morel@ac-lille.fr", event["capacite"], niveau="lycee")
    submit(page)
    expect(page.locator("#inscription-resultat")).to_contain_text("Inscription confirmée")
    expect(page.locator("#evt-places")).to_have_text(FULL)
    fill(page, "Inès Morel", "ines.morel@ac-lille.fr", 5, niveau="lycee")
    submit(page)
    expect(page.locator("#inscription-resultat")).to_contain_text(
        "Votre classe est sur liste d'attente (rang 1)"
    )


@pytest.mark.parametrize("fixture", ["page", "nojs_page"])
def test_the_events_list_filters_from_its_form(
    request, fixture, assert_accessible, screenshot, expect_console_errors
):
    page = request.getfixturevalue(fixture)
    page.goto("/evenements/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Semaine du numérique")
    if fixture == "page":
        assert_accessible(page, "la liste des événements")
        screenshot(page, "evenements")
    page.get_by_label("Région").select_option(label="Bretagne")
    page.get_by_label("Pour qui ?").select_option(label="Lycée")
    page.get_by_role("button", name="Afficher les événements").click()
    expect(page).to_have_url(re.compile(r"region=bretagne.*niveau=lycee"))
    items = page.locator(".evt-item")
    expect(items.first).to_be_visible()
    for text in items.all_inner_texts():
        assert "(Bretagne)" in text
        assert "Lycée" in text
    expect(page.get_by_label("Région")).to_have_value("bretagne")
    # A bad date in the address: the page says which filter is wrong (a 400), and still lists.
    expect_console_errors(page, "status of 400")
    page.goto("/evenements/?du=2026-02-31")
    expect(page.locator("#id_du_error")).to_be_visible()
    expect(page.locator("#resultats-titre")).to_be_visible()


def test_trophees_gallery_and_femmes_numerique(page, assert_accessible, screenshot):
    page.goto("/trophees-nsi/")
    expect(page.get_by_role("heading", name="Le palmarès")).to_be_visible()
    page.get_by_role("link", name=re.compile("Les projets primés en vidéo")).first.click()
    expect(page).to_have_url(re.compile(r"/trophees/\d{4}/galerie/$"))
    expect(page.locator(".evt-laureat").first).to_be_visible()
    assert_accessible(page, "la galerie des Trophées NSI")
    screenshot(page, "trophees-galerie")

    page.goto("/femmes-numerique/")
    expect(page.get_by_role("heading", name="Elles ont choisi le numérique")).to_be_visible()
    assert_accessible(page, "Femmes@Numérique")
    screenshot(page, "femmes-numerique")

    page.goto("/semaine-du-numerique/")
    expect(page.get_by_role("heading", name=re.compile("Le programme"))).to_be_visible()
    assert_accessible(page, "la Semaine du numérique")
    screenshot(page, "semaine-du-numerique")


def count_actions(e2e_server, campagne):
    code = (
        "from cms.campagnes.models import ActionJour; from django.db.models import Sum; "
        f"print(ActionJour.objects.filter(campagne__slug={campagne!r}, action='parcours')"
        ".aggregate(n=Sum('nombre'))['n'] or 0)"
    )
    return int(e2e_server.django(code).strip())


def test_a_campaign_code_travels_with_the_site_api_calls(
    page, live_url, e2e_server, assert_accessible, screenshot
):
    page.goto("/campagnes/lea-cyber/?c=TikTok-Lea-Cyber")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, "une page de campagne")
    screenshot(page, "campagne")

    # Later in the visit, on a page whose address has no code, the registration still carries it.
    event = open_events(live_url, "college")[-1]
    page.goto(f"/evenements/{event['slug']}/")
    fill(page, "Léa Durand", "lea.durand@ac-rennes.fr", 10, niveau="college")
    with page.expect_request(re.compile(r"/api/v1/evenements/.+/inscriptions/$")) as sent:
        submit(page)
    assert sent.value.headers["x-campagne"] == "TikTok-Lea-Cyber"
    expect(page.locator("#inscription-resultat")).to_contain_text("Inscription confirmée")

    # What a campaign counts (here a new parcours) is counted for it, once.
    before = count_actions(e2e_server, "lea-cyber")
    created = page.evaluate(
        "async () => { const { api } = await import('/static/js/api.js');"
        " return api('parcours/', { method: 'POST', body: {} }); }"
    )
    assert created["token"]
    assert count_actions(e2e_server, "lea-cyber") == before + 1
