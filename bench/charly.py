"""Benchmark: a Charly message turn against a `search.service` query on the same text, in the
same run (Charly's grounding asks the search: a turn should cost about one search).

    cd /work/main && .venv/bin/python bench/charly.py [--turns 300]

It builds a throwaway SQLite database with the demo content (migrate, load_demo, search index),
then measures, interleaved in one process:

* the first turn of the process after `chatbot.service.warm_up()` (models trained at start-up,
  as `cms.wsgi` does), against the median turn: the first student must not wait for training;
* a message turn through `chatbot.service.send_message` (masking, safety, normalization,
  entities, the classifier, grounding in the search, and the rows it stores), on varied student
  messages, in conversations of ten turns;
* `search.service.search` on the same message text, right after each turn.

It prints turns (or searches) per second, p50 and p95, and the ratios. Machines are noisy: read
the ratios, not the absolute figures. Nothing is asserted.
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
    "jadore dessiner des persos et inventer des histoires",
    "je suis a fond dans les drones et l'arduino",
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

    from chatbot import service
    from search import service as search

    print("Preparing a throwaway SQLite database (migrate, load_demo, index)...", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0)
    search.rebuild()

    start = time.perf_counter()
    service.warm_up()
    warm_up = time.perf_counter() - start
    conversation = service.start_conversation()["id"]
    start = time.perf_counter()
    service.send_message(conversation, text=MESSAGES[0])
    first = time.perf_counter() - start

    turns, searches = [], []
    for position in range(args.turns):
        if position % 10 == 0:
            conversation = service.start_conversation()["id"]
        text = MESSAGES[position % len(MESSAGES)]
        start = time.perf_counter()
        service.send_message(conversation, text=text)
        turns.append(time.perf_counter() - start)
        start = time.perf_counter()
        search.search(text, log=False)
        searches.append(time.perf_counter() - start)

    print(f"\nwarm-up at start-up (both models trained): {1000 * warm_up:.0f} ms")
    print(
        f"first turn after warm-up: {1000 * first:.1f} ms, median turn "
        f"{1000 * statistics.median(turns):.1f} ms (ratio {first / statistics.median(turns):.2f})"
    )
    rows = [("Charly message turn", turns), ("search.service, same text", searches)]
    print(f"\n{'':32} {'per second':>11} {'p50 ms':>8} {'p95 ms':>8}")
    for label, values in rows:
        print(
            f"{label:32} {len(values) / sum(values):11.1f} "
            f"{1000 * statistics.median(values):8.2f} {1000 * percentile(values, 0.95):8.2f}"
        )
    p50 = statistics.median(turns) / statistics.median(searches)
    p95 = percentile(turns, 0.95) / percentile(searches, 0.95)
    print(f"\nCharly turn / search: p50 {p50:.2f}x, p95 {p95:.2f}x")


if __name__ == "__main__":
    main()
