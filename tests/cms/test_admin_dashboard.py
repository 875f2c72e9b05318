"""The commission's dashboard and menus: what awaits it (reviews with the page's name,
scheduled publications, this week's searches without results and Charly's unanswered questions,
taught to Charly in one click), what a Rédacteur does not see, the reports under one "Rapports"
menu, and the editors' guide in the Help menu."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from chatbot import service as charly
from chatbot.models import Intent, IntentExample, Message
from cms.home.editorial import COMMISSION_GROUP, REDACTEURS_GROUP
from cms.home.models import StandardPage
from cms.metiers.models import MetierPage
from search import service as search_service
from search.models import QueryLog
from tests.cms.admin_menu import menu_links

pytestmark = pytest.mark.django_db

UNKNOWN = "tu preferes les chats ou les chiens ?"
OLD_UNKNOWN = "la licorne elle code en quoi"
NOWHERE = "metier de licorne quantique"


@pytest.fixture
def member(client, django_user_model):
    def make(group_name, username):
        user = django_user_model.objects.create_user(username, password="x")
        user.groups.add(Group.objects.get(name=group_name))
        client.force_login(user)
        return user

    return make


def submitted_page(author):
    page = StandardPage.objects.get(slug="a-propos")
    page.title = "À propos (nouvelle version)"
    revision = page.save_revision(user=author)
    page.get_workflow().start(page, author)
    return page, revision


def scheduled_metier():
    metier = MetierPage.objects.live().order_by("pk").first()
    metier.go_live_at = timezone.now() + timedelta(days=3)
    metier.save_revision().publish()
    return metier


def student_activity():
    for _ in range(2):
        charly.send_message(charly.start_conversation()["id"], text=UNKNOWN)
    charly.send_message(charly.start_conversation()["id"], text=OLD_UNKNOWN)
    Message.objects.filter(text=OLD_UNKNOWN).update(created_at=timezone.now() - timedelta(days=10))
    search_service.log_query(NOWHERE, 0)
    QueryLog.objects.create(
        query="vieille recherche introuvable",
        day=timezone.localdate() - timedelta(days=8),
        zero_results=True,
    )


def dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_commission_sees_what_awaits_it(client, member, django_user_model):
    redacteur = django_user_model.objects.create_user("camille", password="x")
    redacteur.groups.add(Group.objects.get(name=REDACTEURS_GROUP))
    page, revision = submitted_page(redacteur)
    metier = scheduled_metier()
    student_activity()
    member(COMMISSION_GROUP, "commission")

    html = dashboard(client)

    assert "À relire" in html
    assert "À propos (nouvelle version)" in html
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert (
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", revision.pk]) in html
    )
    assert "Publications programmées" in html
    assert metier.title in html
    assert NOWHERE in html
    assert "vieille recherche introuvable" not in html  # more than 7 days ago
    assert UNKNOWN in html
    assert OLD_UNKNOWN not in html
    assert "Apprendre à Charly" in html
    # Wagtail's own review panel is replaced, not doubled.
    assert 'id="awaiting-review"' not in html


def test_teaching_charly_from_the_dashboard_comes_back_to_it(client, member):
    student_activity()
    member(COMMISSION_GROUP, "commission")
    normalized = Message.objects.filter(text=UNKNOWN).values_list("normalized", flat=True)[0]
    intent = Intent.objects.get(slug="c_est_quoi")

    response = client.post(
        reverse("charly_add_example"),
        {"normalized": normalized, "intent": intent.pk, "next": reverse("wagtailadmin_home")},
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert IntentExample.objects.filter(intent=intent, text=UNKNOWN).exists()
    html = dashboard(client)
    assert f"« {UNKNOWN} » est maintenant un exemple" in html
    assert f'<td class="title">{UNKNOWN}</td>' not in html


def test_teaching_never_redirects_to_another_site(client, member):
    student_activity()
    member(COMMISSION_GROUP, "commission")
    normalized = Message.objects.filter(text=UNKNOWN).values_list("normalized", flat=True)[0]
    intent = Intent.objects.get(slug="c_est_quoi")
    response = client.post(
        reverse("charly_add_example"),
        {"normalized": normalized, "intent": intent.pk, "next": "https://example.com/"},
    )
    assert response.url == reverse("charly_unanswered")


def test_a_redacteur_sees_neither_reviews_nor_what_students_type(client, member):
    author = member(REDACTEURS_GROUP, "camille")
    submitted_page(author)
    scheduled_metier()
    student_activity()

    html = dashboard(client)

    assert "Publications programmées" in html
    assert "À relire" not in html
    assert UNKNOWN not in html
    assert NOWHERE not in html
    assert "Apprendre à Charly" not in html
    rapports = {link.label for link in menu_links(html) if link.menu == "Rapports"}
    assert not rapports & {"Recherches sans résultat", "Charly — questions sans réponse"}


def test_the_projects_reports_are_under_one_rapports_menu(client, member):
    member(COMMISSION_GROUP, "commission")
    links = menu_links(dashboard(client))
    rapports = {link.label: link.url for link in links if link.menu == "Rapports"}
    assert {
        "Recherches sans résultat",
        "Recherches fréquentes",
        "Campagnes",
        "Charly — questions sans réponse",
        "Charly — intentions fréquentes",
        "Charly — abandons dans les parcours",
        "Test d'orientation — statistiques",
    } <= set(rapports)
    editorial = {link.label for link in links if link.menu == "Suivi éditorial"}
    assert not editorial & set(rapports)
    for url in rapports.values():
        assert client.get(url).status_code == 200


def test_the_help_menu_opens_the_french_guide_in_the_admin(client, member):
    member(REDACTEURS_GROUP, "camille")
    links = menu_links(dashboard(client))
    help_links = {link.label: link.url for link in links if link.menu == "Aide"}
    assert help_links["Guide des éditeur·rices"] == reverse("guide_editeurs")
    assert not any("wagtail.org" in url for url in help_links.values())

    guide = client.get(reverse("guide_editeurs"))
    assert guide.status_code == 200
    html = guide.content.decode()
    assert "<h2>Programmer une publication</h2>" in html
    assert "publish_scheduled" in html
    assert "Programmer pour publication" in html
    assert "Paramètres" not in html  # the tab the old guide sent editors to does not exist


def test_a_publication_due_waits_for_the_scheduled_command(client, member):
    metier = scheduled_metier()
    revision = metier.get_latest_revision()
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=timezone.now() - timedelta(minutes=1)
    )
    member(COMMISSION_GROUP, "commission")
    assert "Prévue mais pas encore faite" in dashboard(client)

    call_command("publish_scheduled")

    assert "pas encore faite" not in dashboard(client)
