"""Models trained from what editors write, kept per process and retrained off the request.

Charly's two classifiers (intents, safety) learn from data edited in the admin. Training takes
about a second: a student's message must never wait for it. Each model is keyed by a hash of its
training data; when the data changes, the current model keeps answering while a background
thread trains the next one. Only a process that has never trained trains on the spot, and
`warm_up` (called when a web process starts) makes that the exception.
"""

import logging
import threading
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass
class _Slot:
    key: object = None
    model: object = None
    training: threading.Thread | None = None


_lock = threading.Lock()
_slots: dict[str, _Slot] = {}


def current(name, key, build):
    """The model `name` for training data `key`: `build()` makes one when none exists yet.

    A model for older data is returned while the new one trains in the background.
    """
    with _lock:
        slot = _slots.setdefault(name, _Slot())
        if slot.key == key or (slot.training is not None and slot.model is not None):
            return slot.model
        if slot.model is not None:
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
