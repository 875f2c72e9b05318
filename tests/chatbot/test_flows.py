"""Flows editors build in the admin: broken ones are refused at save time, sound ones run."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from chatbot import service
from chatbot.flows import problems, steps_of
from chatbot.models import Flow
from cms.metiers.models import MetierPage

from .talk import cards, replies, reply_value, texts

pytestmark = pytest.mark.django_db


def message(key, next_key=""):
    return ("message", {"key": key, "text": f"Étape {key}", "next": next_key})


def question(key, *targets):
    replies = [{"label": f"Réponse {i}", "next": target} for i, target in enumerate(targets)]
    return ("question", {"key": key, "text": "On continue ?", "replies": replies})


def test_a_sound_flow_has_no_problem():
    steps = steps_of([message("a", "b"), question("b", "a", ""), message("c")])
    assert problems(steps) == []


def test_the_demo_flows_are_sound():
    for flow in Flow.objects.filter(slug__in=["bienvenue", "je-ne-sais-pas-quoi-faire"]):
        assert problems(flow.step_list()) == []


def test_a_flow_without_steps_has_no_start():
    assert "n'a pas d'étape de départ" in problems([])[0]


def test_a_dangling_next_is_refused():
    found = problems(steps_of([message("a", "b")]))
    assert found == ["L'étape « a » renvoie vers « b », qui n'existe pas dans ce parcours."]


def test_a_dangling_reply_is_refused():
    found = problems(steps_of([question("a", "", "perdu")]))
    assert "La réponse « Réponse 1 » de l'étape « a » renvoie vers « perdu »" in found[0]


def test_a_loop_without_exit_is_refused():
    steps = steps_of([message("a", "b"), question("b", "a", "c"), message("c", "b")])
    found = problems(steps)
    assert len(found) == 1
    assert "boucle sans sortie" in found[0]
    assert "« a », « b », « c »" in found[0]


def test_a_loop_that_never_waits_is_refused():
    steps = steps_of([message("a", "b"), message("b", "a"), question("q", "")])
    found = problems(steps)
    assert any("tournent en rond" in problem for problem in found)


def test_duplicate_and_invalid_keys_are_refused():
    found = problems(steps_of([message("a"), message("a"), message("Mon étape")]))
    assert "Deux étapes s'appellent « a »" in found[0]
    assert "nom invalide (« Mon étape »)" in found[1]


def test_the_model_refuses_a_broken_flow_with_a_french_message():
    flow = Flow(name="Cassé", slug="casse", steps=json.dumps([step_json(message("a", "zz"))]))
    with pytest.raises(ValidationError) as refused:
        flow.full_clean()
    assert "renvoie vers « zz », qui n'existe pas" in str(refused.value.message_dict["steps"])


def test_only_one_welcome_flow():
    flow = Flow(name="Autre accueil", slug="autre", welcome=True, steps=json.dumps([]))
    with pytest.raises(ValidationError) as refused:
        flow.full_clean()
    assert (
        "« Bienvenue » est déjà le parcours d'accueil" in refused.value.message_dict["welcome"][0]
    )


def step_json(step):
    kind, value = step
    return {"type": kind, "value": value}


def admin_form(**fields):
    return nested_form_data(
        {
            "name": fields.get("name", "Découvrir la cyber"),
            "slug": fields.get("slug", "decouvrir-la-cyber"),
            "intent": "",
            "active": "on",
            "steps": streamfield(fields["steps"]),
        }
    )


def test_the_admin_refuses_a_dangling_step_and_says_why(admin_client_fr):
    data = admin_form(steps=[("message", {"key": "a", "text": "Salut !", "next": "suite"})])
    response = admin_client_fr.post(reverse("wagtailsnippets_chatbot_flow:add"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["steps"]
    assert "L'étape « a » renvoie vers « suite », qui n'existe pas dans ce parcours." in str(
        errors.as_data()[0].messages
    )
    assert not Flow.objects.filter(slug="decouvrir-la-cyber").exists()


def test_an_editor_builds_a_flow_in_the_admin_and_it_runs(admin_client_fr):
    pentester = MetierPage.objects.live().get(slug="pentester")
    data = admin_form(
        steps=[
            ("message", {"key": "intro", "text": "On parle de cyber ?", "next": "carte"}),
            ("metier_card", {"key": "carte", "text": "", "metier": pentester.pk, "next": "q"}),
            (
                "question",
                {
                    "key": "q",
                    "text": "Tu veux voir les formations ?",
                    "replies": streamfield(
                        [
                            ("item", {"label": "Oui, montre-moi", "next": "formations"}),
                            ("item", {"label": "Non merci", "next": ""}),
                        ]
                    ),
                },
            ),
            ("formations", {"key": "formations", "text": "", "metier": "", "next": ""}),
        ]
    )
    response = admin_client_fr.post(reverse("wagtailsnippets_chatbot_flow:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    flow = Flow.objects.get(slug="decouvrir-la-cyber")
    assert [step.key for step in flow.step_list()] == ["intro", "carte", "q", "formations"]

    started = service.start_conversation(flow="decouvrir-la-cyber")
    assert pentester.accroche in texts(started)
    assert cards(started) == [
        {"type": "metier", "slug": "pentester", "title": pentester.title, "url": pentester.url}
    ]
    shown = service.send_message(started["id"], text="oui")
    assert {card["slug"] for card in cards(shown) if card["type"] == "formation"} == {
        formation.slug for formation in pentester.live_formations[:4]
    }
    assert reply_value(shown, "Recommencer") == "action:recommencer"


def test_links_and_handoff_steps_give_cards():
    page = Page.objects.get(slug="femmes-numerique")
    flow = Flow(
        name="Liens",
        slug="liens",
        steps=json.dumps(
            [
                step_json(question("choix", "test", "page", "humain")),
                {"type": "link", "value": {"key": "test", "text": "Le test !", "target": "test"}},
                {
                    "type": "link",
                    "value": {"key": "page", "text": "Lis ça", "target": "page", "page": page.pk},
                },
                {"type": "handoff", "value": {"key": "humain", "text": "Écris-nous."}},
            ]
        ),
    )
    flow.full_clean()
    flow.save()
    started = service.start_conversation(flow="liens")
    test = service.send_message(started["id"], choice=replies(started)[0]["value"])
    assert cards(test) == [
        {"type": "test", "slug": "test", "title": "Le test d'orientation", "url": "/test/"}
    ]

    started = service.start_conversation(flow="liens")
    read = service.send_message(started["id"], choice=replies(started)[1]["value"])
    assert cards(read) == [
        {"type": "page", "slug": "femmes-numerique", "title": page.title, "url": page.url}
    ]

    started = service.start_conversation(flow="liens")
    human = service.send_message(started["id"], choice=replies(started)[2]["value"])
    assert cards(human)[0]["type"] == "contact"
    assert cards(human)[0]["url"].startswith("mailto:")
