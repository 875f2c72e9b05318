"""Charly's demonstration intents and flows, loaded by `load_demo`.

Intents and flows are found by their slug and updated in place; examples are added when
missing, so loading again changes nothing and keeps the examples editors added.
"""

import json
from pathlib import Path

import yaml
from wagtail.models import Page

from . import training
from .models import Flow, Intent, IntentExample

INTENTS_FILE = Path(__file__).parent / "demo_intents.yaml"
FLOWS_FILE = Path(__file__).parent / "demo_flows.yaml"


def read(path):
    with open(path, encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def demo_intents():
    return read(INTENTS_FILE)


# Demo intents that became questions fréquentes (cms.faq) or the safety module: switched off
# where an earlier demo loaded them.
RETIRED = (
    "nsi", "alternance", "filles_numerique", "stage_3e", "trophees_nsi", "semaine_numerique",
    "niveau_maths", "detresse",
)  # fmt: skip


def load_charly_demo():
    Intent.objects.filter(slug__in=RETIRED).update(active=False)
    intents = {entry["slug"]: load_intent(entry) for entry in demo_intents()}
    for entry in read(FLOWS_FILE):
        load_flow(entry, intents)
    training.content_changed()  # examples are bulk-created, without signals
    return len(intents)


def load_intent(entry):
    intent = Intent.objects.filter(slug=entry["slug"]).first() or Intent(slug=entry["slug"])
    intent.label = entry["label"]
    intent.answer = " ".join(entry.get("answer", "").split())
    intent.page = Page.objects.filter(slug=entry["page"]).first() if entry.get("page") else None
    intent.active = True
    intent.full_clean()
    intent.save()
    known = set(intent.examples.values_list("text", flat=True))
    IntentExample.objects.bulk_create(
        IntentExample(intent=intent, text=text) for text in entry["examples"] if text not in known
    )
    return intent


def load_flow(entry, intents):
    flow = Flow.objects.filter(slug=entry["slug"]).first() or Flow(slug=entry["slug"])
    flow.name = entry["name"]
    flow.welcome = entry.get("welcome", False)
    flow.intent = intents.get(entry.get("intent"))
    flow.active = True
    flow.steps = json.dumps([_raw_step(step) for step in entry["steps"]])
    flow.full_clean()
    flow.save()
    return flow


def _raw_step(step):
    """YAML steps name pages by slug; the stream stores their ids."""
    value = {
        name: " ".join(v.split()) if isinstance(v, str) else v for name, v in step["value"].items()
    }
    for name in ("page", "metier"):
        if isinstance(value.get(name), str):
            page = Page.objects.filter(slug=value[name]).first()
            value[name] = page.pk if page else None
    return {"type": step["type"], "value": value}
