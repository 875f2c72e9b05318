"""Who may do what: a permission matrix over the roles and the endpoints and admin views that
matter, and the admin login's brute-force protection."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site

from cms.faq.models import QuestionFrequente
from cms.formations.models import Etablissement
from cms.home.editorial import COMMISSION_GROUP, REDACTEURS_GROUP
from cms.orientation import parcours as parcours_service

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "token_holder", "redacteur", "commission", "superuser"]


@pytest.fixture
def as_role(client, django_user_model):
    """A client acting as `role`; the token holder is anonymous but holds a parcours token."""

    def make(role):
        if role in ("redacteur", "commission"):
            user = django_user_model.objects.create_user(role, password="x")
            group = REDACTEURS_GROUP if role == "redacteur" else COMMISSION_GROUP
            user.groups.add(Group.objects.get(name=group))
            client.force_login(user)
        elif role == "superuser":
            client.force_login(django_user_model.objects.create_superuser("root", password="x"))
        return client

    return make


def admin_views():
    etablissement = Etablissement.objects.order_by("pk").first()
    question = QuestionFrequente.objects.order_by("pk").first()
    site = Site.objects.get(is_default_site=True)
    return {
        "établissement (modifier)": reverse(
            "wagtailsnippets_formations_etablissement:edit", args=[etablissement.pk]
        ),
        "question fréquente (modifier)": reverse(
            "wagtailsnippets_faq_questionfrequente:edit", args=[question.pk]
        ),
        "intentions de Charly": reverse("wagtailsnippets_chatbot_intent:list"),
        "phrases de sécurité": reverse("wagtailsnippets_chatbot_safetyphrase:list"),
        "synonymes de recherche": reverse("wagtailsnippets_search_synonym:list"),
        "questions du test": reverse("wagtailsnippets_orientation_question:list"),
        "réglages du site": reverse("wagtailsettings:edit", args=["home", "sitesettings", site.pk]),
        "recherches sans résultat": reverse("search_report_zero"),
        "recherches fréquentes (CSV)": reverse("search_report_frequent") + "?export=csv",
        "Charly — questions sans réponse": reverse("charly_unanswered"),
        "Charly — intentions fréquentes": reverse("charly_intents"),
    }


# What each role gets: "ok" (200), "denied" (403, or the admin's redirect to its home with an
# error), "login" (redirect to the login page).
EXPECTED = {
    "anonymous": dict.fromkeys(
        [
            "établissement (modifier)",
            "question fréquente (modifier)",
            "intentions de Charly",
            "phrases de sécurité",
            "synonymes de recherche",
            "questions du test",
            "réglages du site",
            "recherches sans résultat",
            "recherches fréquentes (CSV)",
            "Charly — questions sans réponse",
            "Charly — intentions fréquentes",
        ],
        "login",
    ),
    "redacteur": {
        "établissement (modifier)": "denied",  # read-only: a change would be live at once
        "question fréquente (modifier)": "ok",  # moderated: drafts and the workflow
        "intentions de Charly": "denied",
        "phrases de sécurité": "denied",
        "synonymes de recherche": "denied",
        "questions du test": "denied",
        "réglages du site": "denied",
        "recherches sans résultat": "denied",
        "recherches fréquentes (CSV)": "denied",
        "Charly — questions sans réponse": "denied",
        "Charly — intentions fréquentes": "denied",
    },
}
EXPECTED["token_holder"] = EXPECTED["anonymous"]
EXPECTED["commission"] = dict.fromkeys(EXPECTED["redacteur"], "ok")
EXPECTED["superuser"] = EXPECTED["commission"]


def outcome(response):
    if response.status_code == 200:
        return "ok"
    if response.status_code == 403:
        return "denied"
    if response.status_code == 302:
        return "login" if "/login/" in response["Location"] else "denied"
    return f"HTTP {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
def test_admin_views_by_role(as_role, role):
    client = as_role(role)
    seen = {name: outcome(client.get(url)) for name, url in admin_views().items()}
    assert seen == EXPECTED[role]


@pytest.mark.parametrize("role", ROLES)
def test_api_writes_by_role(as_role, role):
    """Students need no account: every role may create a parcours; only its token opens it."""
    client = as_role(role)
    token, _, _ = parcours_service.create_parcours()
    held = token if role == "token_holder" else "x" * 43
    created = client.post("/api/v1/parcours/", "{}", content_type="application/json")
    changed = client.patch(f"/api/v1/parcours/{held}/",
                           json.dumps({"add": [{"type": "metier", "ref": "pentester"}]}),
                           content_type="application/json")  # fmt: skip
    deleted = client.delete(f"/api/v1/parcours/{held}/")
    assert created.status_code == 201
    expected = (200, 204) if role == "token_holder" else (404, 404)
    assert (changed.status_code, deleted.status_code) == expected


def test_a_redacteur_cannot_publish_a_question_frequente(as_role):
    client = as_role("redacteur")
    question = QuestionFrequente.objects.order_by("pk").first()
    url = reverse("wagtailsnippets_faq_questionfrequente:edit", args=[question.pk])
    page = client.get(url).content.decode()
    assert "Publier" not in page
    assert "Soumettre" in page


def test_the_second_login_page_is_gone(client):
    assert client.get("/django-admin/").status_code == 404


def test_the_admin_login_locks_an_account_after_five_failures(client, django_user_model):
    django_user_model.objects.create_user("editrice", password="le-bon-mot-de-passe")
    login = reverse("wagtailadmin_login")
    for attempt in range(5):
        client.post(login, {"username": "editrice", "password": f"faux-{attempt}"},
                    REMOTE_ADDR=f"192.0.2.{attempt}")  # fmt: skip
    # The right password, from yet another address: the account is locked.
    locked = client.post(login, {"username": "editrice", "password": "le-bon-mot-de-passe"},
                         REMOTE_ADDR="192.0.2.200")  # fmt: skip
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_login_locks_an_address_trying_many_accounts(client, django_user_model):
    django_user_model.objects.create_user("editeur", password="le-bon-mot-de-passe")
    login = reverse("wagtailadmin_login")
    for number in range(5):
        client.post(login, {"username": f"inconnu{number}", "password": "x"},
                    REMOTE_ADDR="198.51.100.9")  # fmt: skip
    locked = client.post(login, {"username": "editeur", "password": "le-bon-mot-de-passe"},
                         REMOTE_ADDR="198.51.100.9")  # fmt: skip
    assert locked.status_code == 429
    fine = client.post(login, {"username": "editeur", "password": "le-bon-mot-de-passe"},
                       REMOTE_ADDR="198.51.100.10")  # fmt: skip
    assert fine.status_code == 302
