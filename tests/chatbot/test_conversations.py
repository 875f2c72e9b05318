"""Whole conversations through `chatbot.service`, the entry point the API calls."""

import pytest

from chatbot import insight, service
from chatbot.models import Conversation, Message, Outcome
from cms.faq.models import QuestionFrequente
from cms.formations.models import Etablissement
from cms.metiers.models import MetierPage
from tests.figures import SAMPLE_SOURCE_URL, attach_sourced_salary

from .talk import cards, flat, replies, reply_value, texts

pytestmark = pytest.mark.django_db


def metier(slug):
    return MetierPage.objects.live().get(slug=slug)


def test_the_welcome_flow_leads_to_three_metier_cards(conversation):
    conversation_id, started = conversation
    assert "Charly" in texts(started)
    assert [r["value"] for r in replies(started)] == [
        "niveau:college",
        "niveau:lycee",
        "niveau:etudiant",
        "niveau:reconversion",
    ]

    interests = service.send_message(conversation_id, choice="niveau:lycee")
    assert reply_value(interests, "Les jeux vidéo") == "interet:2"
    recommended = service.send_message(conversation_id, choice="interet:2")

    metier_cards = [card for card in cards(recommended) if card["type"] == "metier"]
    assert len(metier_cards) == 3
    for card in metier_cards:
        page = metier(card["slug"])
        assert card == {"type": "metier", "slug": page.slug, "title": page.title, "url": page.url}
        assert page.title in texts(recommended)  # each one comes with the reason why
    assert "game-designer" in {card["slug"] for card in metier_cards}
    assert reply_value(recommended, "D'autres métiers")

    stored = Conversation.objects.get(pk=conversation_id)
    assert stored.level == "lycee"
    assert stored.interests == [{"label": "Les jeux vidéo", "dimensions": ["A", "I"]}]
    assert stored.metiers_seen == [card["slug"] for card in metier_cards]


def test_more_metiers_are_new_ones(conversation):
    conversation_id, _ = conversation
    service.send_message(conversation_id, choice="niveau:college")
    first = service.send_message(conversation_id, choice="interet:0")
    more = service.send_message(conversation_id, choice=reply_value(first, "D'autres métiers"))
    first_slugs = {card["slug"] for card in cards(first)}
    more_slugs = {card["slug"] for card in cards(more)}
    assert len(more_slugs) == 3
    assert not first_slugs & more_slugs


def test_typed_answers_move_the_flow_on(conversation):
    conversation_id, _ = conversation
    interests = service.send_message(conversation_id, text="chui en 3eme")
    assert Conversation.objects.get(pk=conversation_id).level == "college"
    assert reply_value(interests, "Coder")
    recommended = service.send_message(conversation_id, text="jkiffe dessiner et les jeux")
    assert len(cards(recommended)) == 3


def test_what_is_a_pentester_quotes_the_fiche(conversation):
    conversation_id, _ = conversation
    answer = service.send_message(conversation_id, text="c koi un pentester")
    page = metier("pentester")
    assert flat(page.accroche) in texts(answer)
    assert cards(answer) == [
        {"type": "metier", "slug": "pentester", "title": page.title, "url": page.url}
    ]
    student = Message.objects.get(conversation_id=conversation_id, sender="student")
    assert (student.intent, student.outcome) == ("c_est_quoi", Outcome.ANSWERED)
    assert student.entities == [{"kind": "metier", "value": "pentester"}]


def test_the_salary_comes_from_the_fiche_with_its_source(conversation):
    conversation_id, _ = conversation
    attach_sourced_salary("developpeur-web", low=2200, high=2800)
    answer = service.send_message(conversation_id, text="combien gagne un dev web")
    said = texts(answer)
    assert "entre 2 200 € et 2 800 € brut par mois en début de carrière" in said
    assert SAMPLE_SOURCE_URL in said
    assert [card["slug"] for card in cards(answer)] == ["developpeur-web"]


def test_without_a_sourced_salary_charly_gives_no_figure(conversation):
    conversation_id, _ = conversation
    answer = service.send_message(conversation_id, text="combien gagne un dev web")
    said = texts(answer)
    assert "pas encore de chiffre de salaire vérifié" in said
    assert "€" not in said


def test_the_bacs_and_specialites_come_from_the_fiche(conversation):
    conversation_id, _ = conversation
    answer = service.send_message(conversation_id, text="quel bac pour être data scientist")
    page = metier("data-scientist")
    said = texts(answer)
    assert page.bacs.exists()
    assert page.specialites.exists()
    for bac in page.bacs.all():
        assert bac.nom in said
    for specialite in page.specialites.all():
        assert (specialite.sigle or specialite.nom) in said
    assert [card["slug"] for card in cards(answer)] == ["data-scientist"]


def test_a_follow_up_question_keeps_the_metier(conversation):
    conversation_id, _ = conversation
    attach_sourced_salary("pentester", low=2800, high=3500)
    service.send_message(conversation_id, text="c koi un pentester")
    answer = service.send_message(conversation_id, text="et sa paye combien ?")
    assert "2 800 €" in texts(answer)


def test_charly_asks_which_metier_when_none_is_named(conversation):
    conversation_id, _ = conversation
    question = service.send_message(conversation_id, text="combien on gagne ?")
    assert "Pour quel métier" in texts(question)
    attach_sourced_salary("roboticien", low=2100, high=3300)
    answer = service.send_message(conversation_id, text="roboticienne")
    assert "3 300 €" in texts(answer)


def test_an_ambiguous_name_offers_the_metiers_it_may_be(conversation):
    conversation_id, _ = conversation
    question = service.send_message(conversation_id, text="c koi la data")
    assert "quel métier" in texts(question)
    assert {r["value"] for r in replies(question)} == {
        "metier:data-analyst",
        "metier:data-scientist",
    }
    answer = service.send_message(conversation_id, choice="metier:data-analyst")
    assert flat(metier("data-analyst").accroche) in texts(answer)


def test_studies_near_a_city(conversation):
    conversation_id, _ = conversation
    answer = service.send_message(
        conversation_id, text="quelles etudes pour devenir admin reseau a lyon"
    )
    assert "Près de Lyon" in texts(answer)
    formations = [card for card in cards(answer) if card["type"] == "formation"]
    assert formations
    lyon_region = Etablissement.objects.filter(ville="Lyon").first().region
    for card in formations:
        assert Etablissement.objects.filter(
            formations__slug=card["slug"], region=lyon_region
        ).exists()


def test_i_dont_know_starts_its_flow(conversation):
    conversation_id, _ = conversation
    answer = service.send_message(conversation_id, text="jsp quoi faire de ma vie")
    assert "Pas de panique" in texts(answer)
    assert reply_value(answer, "Coder")
    conversation_row = Conversation.objects.get(pk=conversation_id)
    assert conversation_row.flow.slug == "je-ne-sais-pas-quoi-faire"
    assert conversation_row.node == "gouts"


def test_a_question_frequente_gets_the_commissions_answer_and_its_pages(conversation):
    conversation_id, _ = conversation
    answer = service.send_message(conversation_id, text="c quand la finale des trophees nsi")
    question = QuestionFrequente.objects.get(slug="trophees-nsi")
    assert texts(answer) == flat(question.reponse)
    assert "trophees-nsi" in [card["slug"] for card in cards(answer)]
    student = Message.objects.get(conversation_id=conversation_id, sender="student")
    assert student.intent == "faq:trophees-nsi"


def test_an_unknown_question_gets_a_clarifying_reply_and_is_logged(conversation):
    conversation_id, _ = conversation
    answer = service.send_message(conversation_id, text="c quoi la capitale de l'australie")
    assert "pas sûr d'avoir" in texts(answer)
    assert cards(answer) == []
    offered = {r["value"] for r in replies(answer)}
    assert {"action:recherche", "action:test", "action:contact"} <= offered
    student = Message.objects.get(conversation_id=conversation_id, sender="student")
    assert student.outcome in (Outcome.UNANSWERED, Outcome.LOW_CONFIDENCE)
    assert student.normalized in {group["normalized"] for group in insight.unanswered_groups()}

    contact = service.send_message(conversation_id, choice="action:contact")
    assert cards(contact)[0]["url"].startswith("mailto:")


def test_searching_the_site_for_a_question(conversation):
    conversation_id, _ = conversation
    answered = service.send_message(conversation_id, text="parcoursup voeux ???")
    assert "action:recherche" in {r["value"] for r in replies(answered)}
    found = service.send_message(conversation_id, choice="action:recherche")
    assert cards(found)
    assert cards(found)[-1]["type"] == "recherche"


def test_distress_gets_the_helplines_and_nothing_else(conversation):
    conversation_id, _ = conversation
    answer = service.send_message(conversation_id, text="jveux mourir")
    assert "3114" in texts(answer)
    assert cards(answer) == []
    assert all(message["quick_replies"] == [] for message in answer["messages"])

    bullied = service.send_message(conversation_id, text="on me harcele sur insta depuis 1 mois")
    assert "3018" in texts(bullied)
    assert "3020" in texts(bullied)
    assert cards(bullied) == []

    hit = service.send_message(conversation_id, text="je me fais frapper a la recre")
    assert "3020" in texts(hit)
    assert cards(hit) == []
    outcomes = Message.objects.filter(conversation_id=conversation_id, sender="student")
    assert set(outcomes.values_list("outcome", flat=True)) == {Outcome.SAFETY}
    assert set(outcomes.values_list("intent", flat=True)) == {
        "detresse:suicide",
        "detresse:cyberharcelement",
        "detresse:harcelement",
    }


def test_an_insult_gets_a_calm_reply(conversation):
    conversation_id, _ = conversation
    answer = service.send_message(conversation_id, text="t nul charly")
    assert "agacé" in texts(answer)
    assert cards(answer) == []
    # The flow is still waiting for the level.
    assert reply_value(answer, "Lycée") == "niveau:lycee"


def test_restart_forgets_everything(conversation):
    conversation_id, _ = conversation
    service.send_message(conversation_id, choice="niveau:lycee")
    service.send_message(conversation_id, choice="interet:1")
    again = service.send_message(conversation_id, text="Recommencer !")
    assert reply_value(again, "Collège") == "niveau:college"
    stored = Conversation.objects.get(pk=conversation_id)
    assert (stored.level, stored.interests, stored.metiers_seen) == ("", [], [])
    assert stored.node == "niveau"


def test_personal_data_is_masked_before_anything_is_stored(conversation):
    conversation_id, _ = conversation
    secrets = [
        "lea.martin@example.org",
        "06 12 34 56 78",
        "+33 6 98 76 54 32",
        "0611223344",
        "Léa Martin",
        "Dupont",
        "@lea_du_93",
    ]
    service.send_message(
        conversation_id,
        text="je m'appelle Léa Martin, mon mail c lea.martin@example.org ou 06 12 34 56 78",
    )
    service.send_message(conversation_id, text="moi c'est Dupont, appelle moi au +33 6 98 76 54 32")
    service.send_message(conversation_id, text="mon snap @lea_du_93 et mon 0611223344 c koi un dev")
    stored = repr(
        [
            *Message.objects.filter(conversation_id=conversation_id).values(),
            *Conversation.objects.filter(pk=conversation_id).values(),
        ]
    )
    for secret in secrets:
        assert secret not in stored
    assert "[e-mail]" in stored
    assert "[téléphone]" in stored
    assert "[nom]" in stored
