"""Training off the request: students never wait for a model, editors' changes are learned."""

import threading

import pytest
from django.core.exceptions import ValidationError

from chatbot import intents, safety, service, training
from chatbot.language import normalize
from chatbot.models import Intent, SafetyPhrase

pytestmark = pytest.mark.django_db


def test_a_new_model_trains_in_the_background_while_the_old_one_answers(settings):
    settings.CHARLY_BACKGROUND_TRAINING = True
    release = threading.Event()

    def slow_build():
        release.wait(timeout=30)
        return "new model"

    training.forget()
    assert training.current("test-model", 1, lambda: "old model") == "old model"
    # The data changed: the caller gets the old model at once, the new one trains meanwhile.
    assert training.current("test-model", 2, slow_build) == "old model"
    assert training.current("test-model", 2, slow_build) == "old model"
    release.set()
    training.settle()
    assert training.current("test-model", 2, slow_build) == "new model"
    training.forget()


def test_warm_up_trains_both_models_before_any_message():
    training.forget()
    service.warm_up()
    version = training.content_version()
    built = []
    # Already trained for the current content: nothing is built on the first message.
    assert training.current("intents", version, lambda: built.append("intents")) is not None
    assert training.current("safety", version, lambda: built.append("safety")) is not None
    assert built == []


def test_a_phrase_editors_add_is_recognised_at_once_and_learned():
    message = "je compte laisser tomber le monde entier bientot pour de bon"
    assert safety.assess(normalize(message)) is None
    SafetyPhrase.objects.create(
        category="suicide", text="laisser tomber le monde entier pour de bon"
    )
    concern = safety.assess(normalize(message))
    assert concern is not None
    assert concern.category == "suicide"


def test_an_ordinary_phrase_editors_add_never_breaks_the_shipped_recognition():
    SafetyPhrase.objects.create(category="ordinaire", text="je vais tuer ce controle de maths")
    SafetyPhrase.objects.create(category="ordinaire", text="mourir de rire devant ce film")
    assert safety.assess(normalize("jveux plus vivre")).category == "suicide"
    assert safety.assess(normalize("je me scarifie les bras")).category == "automutilation"
    assert safety.assess(normalize("je vais tuer ce controle de maths demain")) is None


def test_built_in_intents_keep_their_slug():
    intent = Intent.objects.get(slug="salaire")
    intent.slug = "paye"
    with pytest.raises(ValidationError) as error:
        intent.full_clean()
    assert "slug" in error.value.message_dict
    custom = Intent.objects.create(slug="stage_ete", label="Stage d'été")
    custom.slug = "stage_ete_2"
    custom.full_clean()


def test_questions_frequentes_are_learned_as_intents():
    labels = {label for label, _ in intents.editor_examples()}
    assert "faq:parcoursup" in labels
    assert intents.model().predict("c koi les dates de parcoursup").intent == "faq:parcoursup"
