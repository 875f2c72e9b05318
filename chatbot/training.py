"""Models trained from what editors write, kept per process and retrained off the request.

Charly's two classifiers (intents, safety) learn from data edited in the admin. Training takes
about a second: a student's message must never wait for it. Each model is keyed by a hash of its
training data; when the data changes, the current model keeps answering while a background
thread trains the next one. Only a process that has never trained trains on the spot, and
`warm_up` (called when a web process starts) makes that the exception.
"""

import logging
import threading
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)
VERSION_KEY = "charly:content-version"


@dataclass
class _Slot:
    key: object = None
    model: object = None
    training: threading.Thread | None = None


_lock = threading.Lock()
_slots: dict[str, _Slot] = {}


def content_version():
    """The shared version of what Charly learns from (names, examples, questions fréquentes,
    safety phrases): it changes whenever one of them may have, in every process at once."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def content_changed(**kwargs):
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, published, unpublished

    from cms.faq.models import QuestionFrequente
    from cms.formations.models import Bac, Etablissement, FormationPage, Specialite
    from cms.metiers.models import MetierPage
    from search.models import Synonym

    from .models import Intent, IntentExample, SafetyPhrase

    for signal in (page_published, page_unpublished):
        for model in (MetierPage, FormationPage):
            signal.connect(content_changed, sender=model, dispatch_uid=f"charly-{model.__name__}")
    for signal in (published, unpublished):
        signal.connect(
            content_changed, sender=QuestionFrequente, dispatch_uid=f"charly-faq-{signal}"
        )
    models = (Bac, Specialite, Etablissement, Synonym, Intent, IntentExample, SafetyPhrase)
    for model in (*models, QuestionFrequente):
        for signal in (post_save, post_delete):
            signal.connect(
                content_changed, sender=model, dispatch_uid=f"charly-{model.__name__}-{signal}"
            )


def current(name, key, build):
    """The model `name` for training data `key`: `build()` makes one when none exists yet.

    A model for older data is returned while the new one trains in the background.
    """
    with _lock:
        slot = _slots.setdefault(name, _Slot())
        if slot.key == key or (slot.training is not None and slot.model is not None):
            return slot.model
        if slot.model is not None and settings.CHARLY_BACKGROUND_TRAINING:
            slot.training = threading.Thread(
                target=_retrain, args=(name, key, build), daemon=True, name=f"train-{name}"
            )
            slot.training.start()
            return slot.model
        model = build()
        slot.key, slot.model = key, model
        return model


def _retrain(name, key, build):
    try:
        model = build()
    except Exception:  # keep serving the previous model; the next change tries again
        logger.exception("Retraining %s failed", name)
        model = None
    with _lock:
        slot = _slots[name]
        if model is not None:
            slot.key, slot.model = key, model
        slot.training = None


def settle():
    """Wait for the trainings in progress (tests, and commands that need the newest model)."""
    while True:
        with _lock:
            pending = [slot.training for slot in _slots.values() if slot.training is not None]
        if not pending:
            return
        for thread in pending:
            thread.join()


def forget():
    """Drop every trained model (tests that compare a cold start with a warm one)."""
    settle()
    with _lock:
        _slots.clear()
