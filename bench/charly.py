"""Benchmark: a Charly message turn against a plain cached GET of the API, in the same run.

    cd /work/main && .venv/bin/python bench/charly.py [--turns 300 --gets 300]

It builds a throwaway SQLite database with the demo content (migrate, load_demo), then measures,
interleaved in one process:

* a message turn through `chatbot.service.send_message` (masking, safety, normalization,
  entities, the classifier, a grounded answer, and the rows it stores), on varied student
  messages, in conversations of ten turns;
* `GET /api/v1/metiers/` through Django's test Client, served from the API's cache.

It prints turns (or requests) per second, p50 and p95, and the Charly/API ratios. Machines are
noisy: read the ratios, not the absolute figures. Nothing is asserted.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

MESSAGES = [
    "c koi un pentester",
    "combien gagne un dev web",
    "quel bac pour etre data scientist",
    "jsuis une meuf je peux etre dev ?",
    "kel etude pour devenir dev jeux video a lyon",
    "la spe nsi c dur ou pas",
    "on peut faire la cyber en alternance ?",
    "c quoi la capitale de l'australie",
    "je m'appelle Lea Martin mon 06 12 34 56 78, c koi un roboticien",
    "merci charly",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--gets", type=int, default=300)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="tdn-bench-charly-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.db"
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    os.environ.setdefault("SEARCH_URL", "")
    os.environ["DEBUG"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from chatbot import service

    print("Preparing a throwaway SQLite database (migrate, load_demo)...", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0)

    client = Client(HTTP_HOST="localhost")
    conversation = service.start_conversation()["id"]
    service.send_message(conversation, text=MESSAGES[0])  # trains the classifier
    assert client.get("/api/v1/metiers/").status_code == 200  # fills the API cache

    turns, gets = [], []
    for position in range(max(args.turns, args.gets)):
        if position < args.turns:
            if position % 10 == 0:
                conversation = service.start_conversation()["id"]
            start = time.perf_counter()
            service.send_message(conversation, text=MESSAGES[position % len(MESSAGES)])
            turns.append(time.perf_counter() - start)
        if position < args.gets:
            start = time.perf_counter()
            response = client.get("/api/v1/metiers/")
            gets.append(time.perf_counter() - start)
            assert response.status_code == 200

    rows = [("Charly message turn", turns), ("GET /api/v1/metiers/ (cached)", gets)]
    print(f"\n{'':32} {'per second':>11} {'p50 ms':>8} {'p95 ms':>8}")
    for label, values in rows:
        print(
            f"{label:32} {len(values) / sum(values):11.1f} "
            f"{1000 * statistics.median(values):8.2f} {1000 * percentile(values, 0.95):8.2f}"
        )
    print(
        f"\nCharly / API: throughput {(len(turns) / sum(turns)) / (len(gets) / sum(gets)):.3f}, "
        f"p95 latency {percentile(turns, 0.95) / percentile(gets, 0.95):.1f}x"
    )


if __name__ == "__main__":
    main()
