"""The admin as a member of the communication commission sees it, in Chromium: the dashboard
with what awaits them, a métier's edit page with its choosers, the moderation diff of a page a
Rédacteur submitted, Charly's unanswered questions, and a flow whose next steps are chosen in a
list. Each screen is screenshotted at the phone's and the desktop's sizes."""

import json
import secrets

import pytest
from playwright.sync_api import expect

PASSWORD = secrets.token_urlsafe(16)
METIER = "developpeur-web"
METIER_TITLE = "Développeur·euse web"
UNKNOWN = "tu preferes les chats ou les chiens"
NOWHERE = "licorne quantique"

# Run in the server's Django: what students asked and searched, a commission member and a
# Rédacteur, a métier the Rédacteur changed and submitted, a publication scheduled in three days.
SETUP = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from cms.home.editorial import COMMISSION_GROUP, REDACTEURS_GROUP
from cms.metiers.models import MetierPage
from chatbot.language import normalize
from chatbot.models import Conversation, Flow, Message
from search import service as search_service

conversation = Conversation.objects.create(last_activity_at=timezone.now())
Message.objects.create(
    conversation=conversation, sender="student", text=UNKNOWN, normalized=normalize(UNKNOWN),
    outcome="unanswered",
)
search_service.log_query(NOWHERE, 0)

def member(username, group, first_name):
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first_name, "last_name": "Martin"}
    )
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return user

member("claire", COMMISSION_GROUP, "Claire")
camille = member("camille", REDACTEURS_GROUP, "Camille")
metier = MetierPage.objects.get(slug=METIER)
metier.accroche = "Tu crées les sites et les applis web que tout le monde utilise."
revision = metier.save_revision(user=camille)
metier.get_workflow().start(metier, camille)
scheduled = MetierPage.objects.live().exclude(pk=metier.pk).order_by("title").first()
scheduled.go_live_at = timezone.now() + timedelta(days=3)
scheduled.save_revision().publish()
flow = Flow.objects.get(slug="bienvenue")
compare = [metier.pk, "live", revision.pk]
print(json.dumps({
    "edit": reverse("wagtailadmin_pages:edit", args=[metier.pk]),
    "compare": reverse("wagtailadmin_pages:revisions_compare", args=compare),
    "flow": reverse("wagtailsnippets_chatbot_flow:edit", args=[flow.pk]),
    "flow_steps": [step.key for step in flow.step_list()],
}))
"""


@pytest.fixture(scope="module")
def urls(e2e_server):
    """The commission's week (a question Charly did not understand, a search that found
    nothing), the editors' accounts and the content awaiting review."""
    code = f"PASSWORD = {PASSWORD!r}\nMETIER = {METIER!r}\nUNKNOWN = {UNKNOWN!r}\n"
    code += f"NOWHERE = {NOWHERE!r}\n{SETUP}"
    return json.loads(e2e_server.django(code).strip().splitlines()[-1])


def log_in(page, username="claire"):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page.get_by_role("heading", name="À relire")).to_be_visible()


def test_the_commissions_dashboard(desktop_page, urls, screenshot):
    log_in(desktop_page)
    expect(desktop_page.get_by_role("link", name=METIER_TITLE).first).to_be_visible()
    expect(desktop_page.get_by_role("heading", name="Publications programmées")).to_be_visible()
    expect(desktop_page.get_by_text(UNKNOWN).first).to_be_visible()
    expect(desktop_page.get_by_role("button", name="Apprendre à Charly").first).to_be_visible()
    expect(desktop_page.get_by_text(NOWHERE)).to_be_visible()
    screenshot(desktop_page, "admin-tableau-de-bord")


def test_a_metier_edit_page_with_its_choosers(desktop_page, urls, screenshot):
    log_in(desktop_page)
    desktop_page.goto(urls["edit"])
    expect(desktop_page.get_by_role("heading", level=1)).to_contain_text(METIER_TITLE)
    screenshot(desktop_page, "admin-metier-edition")


def test_the_moderation_diff(desktop_page, urls, screenshot):
    log_in(desktop_page)
    desktop_page.goto(urls["compare"])
    expect(desktop_page.locator("main .addition").first).to_be_visible()
    screenshot(desktop_page, "admin-relecture-comparaison")


def test_charlys_unanswered_questions(desktop_page, urls, screenshot):
    log_in(desktop_page)
    desktop_page.goto("/admin/charly/sans-reponse/")
    expect(desktop_page.get_by_text(UNKNOWN).first).to_be_visible()
    screenshot(desktop_page, "admin-charly-sans-reponse")


def test_a_flows_next_step_is_chosen_in_a_list(desktop_page, urls, screenshot):
    log_in(desktop_page)
    desktop_page.goto(urls["flow"])
    choice = desktop_page.locator('[data-charly-step="next"] select').first
    expect(choice).to_be_visible()
    choice.focus()
    options = choice.locator("option").all_inner_texts()
    assert options[0] == "Fin du parcours"
    assert set(urls["flow_steps"]) <= set(options)
    screenshot(desktop_page, "admin-charly-parcours")
