"""The test's versions and Charly's intents and flows, edited by humans: publishing a version is
confirmed after reading the questions it freezes, the list says which version is online without
contradiction, an intent's examples are one text area, and a flow's next steps are chosen."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from chatbot import training
from chatbot.models import Flow, Intent, IntentExample
from chatbot.understanding import read
from cms.orientation import models as orientation

pytestmark = pytest.mark.django_db

VERSIONS = "wagtailsnippets_orientation_testversion"
INTENTS = "wagtailsnippets_chatbot_intent"


def active_texts():
    return list(orientation.Question.objects.filter(active=True).values_list("text", flat=True))


def test_publishing_a_version_asks_for_confirmation_with_the_frozen_questions(admin_client_fr):
    before = orientation.TestVersion.objects.current()
    data = {"name": "Rentrée", "status": "published"}

    asked = admin_client_fr.post(reverse(f"{VERSIONS}:add"), data)

    assert asked.status_code == 200
    html = asked.content.decode()
    assert "Publier « Rentrée » ?" in html
    assert "Oui, publier cette version" in html
    for text in active_texts()[:5]:
        assert text.replace("'", "&#x27;") in html
    assert not orientation.TestVersion.objects.filter(name="Rentrée").exists()
    assert orientation.TestVersion.objects.current() == before

    confirmed = admin_client_fr.post(
        reverse(f"{VERSIONS}:add"), {**data, "confirmer_publication": "1"}
    )

    assert confirmed.status_code == 302
    version = orientation.TestVersion.objects.get(name="Rentrée")
    assert orientation.TestVersion.objects.current() == version
    assert [question["text"] for question in version.questions] == active_texts()


def test_a_draft_saved_as_draft_needs_no_confirmation(admin_client_fr):
    response = admin_client_fr.post(
        reverse(f"{VERSIONS}:add"), {"name": "Essai", "status": "draft"}
    )
    assert response.status_code == 302
    assert orientation.TestVersion.objects.get(name="Essai").status == "draft"


def test_publishing_an_existing_draft_is_confirmed_too(admin_client_fr):
    draft = orientation.TestVersion.objects.create(name="Printemps")
    url = reverse(f"{VERSIONS}:edit", args=[draft.pk])
    data = {"name": "Printemps", "status": "published"}
    assert "Oui, publier cette version" in admin_client_fr.post(url, data).content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert admin_client_fr.post(url, {**data, "confirmer_publication": "1"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"
    assert orientation.TestVersion.objects.current() == draft


def test_the_list_says_which_version_is_online_without_contradiction(admin_client_fr):
    older = orientation.TestVersion.objects.current()
    newer = orientation.TestVersion(name="Nouvelle version", status="published")
    newer.full_clean()
    newer.save()

    html = admin_client_fr.get(reverse(f"{VERSIONS}:list")).content.decode()

    assert html.count("En ligne : c&#x27;est le test que passent les élèves") == 1
    assert "Publiée, remplacée par une version plus récente" in html
    assert "Test en ligne" not in html
    rows = html.split("<tr")
    online = next(row for row in rows if "En ligne" in row)
    assert newer.name in online
    assert older.name not in online


def test_a_published_version_shows_its_frozen_questions(admin_client_fr):
    version = orientation.TestVersion.objects.current()
    html = admin_client_fr.get(reverse(f"{VERSIONS}:edit", args=[version.pk])).content.decode()
    assert "Questions figées" in html
    assert version.questions[0]["text"].replace("'", "&#x27;") in html


def intent_form(intent, examples):
    return nested_form_data(
        {
            "label": intent.label,
            "slug": intent.slug,
            "answer": intent.answer,
            "page": intent.page_id or "",
            "active": "on" if intent.active else "",
            "examples_text": examples,
        }
    )


def test_an_intents_examples_are_one_text_area(admin_client_fr):
    intent = Intent.objects.get(slug="salaire")
    texts = list(intent.examples.values_list("text", flat=True))

    edit = admin_client_fr.get(reverse(f"{INTENTS}:edit", args=[intent.pk])).content.decode()

    assert 'name="examples_text"' in edit
    assert "<textarea" in edit
    assert "examples-TOTAL_FORMS" not in edit
    assert texts[0].replace("'", "&#x27;") in edit


def test_editing_the_examples_keeps_rows_adds_new_ones_and_charly_learns(admin_client_fr):
    intent = Intent.objects.get(slug="salaire")
    kept = intent.examples.order_by("pk").first()
    dropped = intent.examples.order_by("-pk").first()
    new = "le smic du hackeur ethique c combien"
    lines = [
        kept.text,
        "",
        new,
        new,
        *intent.examples.exclude(pk__in=[kept.pk, dropped.pk]).values_list("text", flat=True),
    ]

    response = admin_client_fr.post(
        reverse(f"{INTENTS}:edit", args=[intent.pk]), intent_form(intent, "\n".join(lines))
    )

    assert response.status_code == 302
    assert IntentExample.objects.filter(pk=kept.pk).exists()
    assert not IntentExample.objects.filter(pk=dropped.pk).exists()
    assert intent.examples.filter(text=new).count() == 1
    read(new)
    training.settle()
    assert read(new).intent == "salaire"


def test_an_intent_needs_an_example_and_says_so_in_french(admin_client_fr):
    intent = Intent.objects.get(slug="salaire")
    count = intent.examples.count()
    response = admin_client_fr.post(
        reverse(f"{INTENTS}:edit", args=[intent.pk]), intent_form(intent, " \n\n")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["examples_text"] == ["Écris au moins un exemple."]
    assert intent.examples.count() == count


def test_a_flows_next_steps_are_chosen_among_its_steps(admin_client_fr):
    welcome = Flow.objects.get(slug="bienvenue")
    html = admin_client_fr.get(
        reverse("wagtailsnippets_chatbot_flow:edit", args=[welcome.pk])
    ).content.decode()
    assert "chatbot/admin/flow-steps.js" in html
    assert "data-charly-step" in html
