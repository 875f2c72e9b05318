"""Load benchmark: students and an editor on the production configuration, with locust.

    cd /work/main && .venv/bin/python bench/load.py [--users 100 --duration 300 --spawn-rate 5
        --workers CPUs --threads 4 --think-min 1 --think-max 5 --school-share 0.3 --school-size 10
        --publish-every 30 --report /tmp/load.md]

Needs the `bench` extra (`.venv/bin/pip install -e ".[bench]"`: locust) and the `production`
extra (the Redis client), PostgreSQL, the search node and Redis (`scripts/postgres`,
`scripts/search-engine`, `scripts/redis`: started here if they are not running, and then
stopped at the end).

In one run it:

* creates a throwaway PostgreSQL database, picks an empty Redis database as the shared cache and
  a random `tdn-load-<hex>` index prefix on the search node, then runs `migrate`, `load_demo`
  and `search_rebuild` with the production settings;
* starts gunicorn (cms.wsgi, gthread workers) behind a pretend reverse proxy
  (TRUSTED_PROXIES=127.0.0.1: every simulated student sends its own X-Forwarded-For, and some
  share their school's address), and the search sync worker (`search_sync --loop 5`); the tasks
  go to the database queue, as in production, so publishing does not index on the request;
* runs locust headless, as a library, in a child process (locust patches the standard library
  with gevent when imported; the orchestrator stays a plain process): `--users` students
  browsing métiers and formations, searching with suggestions, using the map, taking the
  orientation test, talking to Charly and building a parcours, plus one editor who publishes a
  new revision of a métier page every `--publish-every` seconds through Django (a persistent
  `manage.py shell`) and then checks that the API no longer serves the cached fiche;
* measures after the ramp-up, then prints throughput, p50/p95/p99 per endpoint (URLs grouped by
  pattern) and every failure: any non-2xx answer, a degraded search or a stale fiche after a
  publish counts as an error.

Every process it starts is stopped, and the database, the Redis database and the indices are
removed at the end, also on failure or Ctrl-C. locust shares the machine's CPUs with the servers:
read the figures as what this machine sustains with its load generator on board.
"""

import argparse
import ipaddress
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import date
from importlib.metadata import version
from pathlib import Path
from urllib.parse import quote, urlparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: bench/ is on the path, not the project
    sys.path.insert(0, str(ROOT))

from bench.api import (  # noqa: E402 (the project root must be on the path first)
    HOST,
    BenchError,
    base_env,
    exit_on_signal,
    get,
    load_average,
    manage,
    start,
    start_gunicorn,
    stop,
    tail,
)

SEARCH_ENGINE_URL = "http://127.0.0.1:9200"
REDIS_PORT = 6380

# What students type in the search box: names, school words, vague wishes, typos, places.
QUERIES = [
    "développeur web", "developpeur", "devlopeur", "cybersécurité", "cyber securite",
    "hacker éthique", "pentest", "data scientist", "data analyst", "intelligence artificielle",
    "ia", "jeux vidéo", "jeu video", "robotique", "robots", "cloud", "réseaux informatiques",
    "administrateur système", "technicien réseau", "designer ux", "web designer", "ux ui",
    "chef de projet informatique", "community manager", "marketing digital", "bts sio",
    "but informatique", "licence informatique", "école d'ingénieur informatique",
    "alternance informatique", "apprentissage", "informatique lyon", "informatique toulouse",
    "école numérique paris", "bordeaux", "lille", "nsi", "maths et informatique",
    "métier sans bac+5", "salaire développeur", "femmes dans le numérique", "programmeur",
    "codeur", "créer des applications", "créer des sites internet", "travailler dans le jeu",
    "protéger les données", "systèmes embarqués", "électronique", "recherche en informatique",
]  # fmt: skip

# What students write to Charly; the quick replies of its answers are chosen too.
CHARLY_TEXTS = [
    "c koi un pentester", "combien gagne un développeur web ?",
    "je sais pas quoi faire après le bac",
    "j'aime les jeux vidéo", "faut-il être fort en maths pour faire de l'informatique ?",
    "c'est quoi le BTS SIO", "je veux travailler dans la cybersécurité",
    "est-ce que les filles peuvent faire de l'info ?", "quelles études pour devenir data scientist",
    "j'aime dessiner et les ordis", "je suis en 3e", "l'alternance c'est quoi ?",
    "je veux créer des applis", "bonjour", "merci !", "c'est quoi un métier du cloud",
    "j'aime aider les gens et l'informatique", "il faut un bac S pour être ingénieur ?",
]  # fmt: skip

# Zoomed-in views of the map, as a student centres it on a city: (lon, lat).
CITIES = [(2.35, 48.86), (4.84, 45.76), (1.44, 43.60), (-0.58, 44.84), (3.06, 50.63),
          (-1.55, 47.22), (7.75, 48.58), (5.37, 43.30), (-1.68, 48.11), (3.88, 43.61)]  # fmt: skip
DOMAINES = ["developpement", "data-ia", "cybersecurite", "infrastructure-cloud", "design-produit",
            "gestion-projet-conseil", "systemes-embarques-robotique", "marketing-digital",
            "recherche"]  # fmt: skip
REGIONS = ["auvergne-rhone-alpes", "bretagne", "grand-est", "hauts-de-france", "ile-de-france",
           "normandie", "nouvelle-aquitaine", "occitanie", "pays-de-la-loire",
           "provence-alpes-cote-d-azur", "la-reunion"]  # fmt: skip
TYPES_FORMATION = ["bts", "but", "licence", "master", "ingenieur", "bachelor"]

# A persistent Django process for the editor: one line in (a métier's slug), one line out.
EDITOR_SCRIPT = r"""
import json, sys, time, traceback
from cms.metiers.models import MetierPage
originals, count = {}, 0
for line in sys.stdin:
    slug = line.strip()
    if not slug:
        continue
    count += 1
    started = time.perf_counter()
    try:
        page = MetierPage.objects.get(slug=slug)
        original = originals.setdefault(slug, page.accroche)
        page.accroche = f"{original[:190]} (mise à jour n°{count})"
        page.save_revision().publish()
        out = {"accroche": page.accroche}
    except Exception:
        out = {"error": traceback.format_exc()}
    out["ms"] = (time.perf_counter() - started) * 1000
    print("EDITOR " + json.dumps(out), flush=True)
"""

# The child process imports locust first (it monkey-patches the standard library with gevent).
CHILD = "import sys, locust; from bench.load import run_locust; run_locust(sys.argv[1])"


# Services and throwaway resources ---------------------------------------------------------------


def ensure_service(stack, name):
    """Start scripts/<name> if it is down, and stop it at the end only if we started it."""
    script = str(ROOT / "scripts" / name)
    if subprocess.run([script, "status"], capture_output=True).returncode == 0:
        return f"{name}: already running, left running"
    print(f"Starting {name}...", flush=True)
    result = subprocess.run([script, "start"], capture_output=True, text=True)
    if result.returncode:
        raise BenchError(f"scripts/{name} start failed:\n{result.stdout}{result.stderr}")
    stack.callback(subprocess.run, [script, "stop"], capture_output=True)
    return f"{name}: started for this run, stopped at the end"


def postgres_database(stack):
    """A new database on the local cluster, dropped (with its connections) at the end."""
    import psycopg

    server = subprocess.run(
        [str(ROOT / "scripts" / "postgres"), "url"], capture_output=True, text=True, check=True
    ).stdout.strip()
    parsed = urlparse(server)
    admin = f"postgresql://{parsed.netloc}/postgres"
    name = f"tdn_load_{secrets.token_hex(4)}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    stack.callback(drop)
    return f"postgres://{parsed.netloc}/{name}"


def redis_database(stack):
    """An empty Redis database of the shared server, flushed at the end.

    A key prefix would be kinder, but django-environ drops KEY_PREFIX from redis:// URLs, so
    the run gets a database of its own, from the top, where nobody else is.
    """
    import redis

    for db in range(15, 1, -1):
        client = redis.Redis(host=HOST, port=REDIS_PORT, db=db)
        if client.dbsize() == 0:
            stack.callback(client.flushdb)
            return f"redis://{HOST}:{REDIS_PORT}/{db}"
    raise BenchError(f"no empty Redis database on {HOST}:{REDIS_PORT}")


def delete_indices(prefix):
    """Every index (and so every alias) of the run's prefix on the search node."""
    import requests

    response = requests.get(f"{SEARCH_ENGINE_URL}/_cat/indices/{prefix}-*?format=json", timeout=30)
    response.raise_for_status()
    for index in response.json():
        requests.delete(f"{SEARCH_ENGINE_URL}/{index['index']}", timeout=30).raise_for_status()


def wait_until_idle(server, threshold=25.0, timeout=180):
    """Wait until gunicorn's processes have trained Charly's models (cms.wsgi does it in a
    thread at start-up), so the warm-up is not measured as load."""
    import psutil

    master = psutil.Process(server.process.pid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        processes = [master, *master.children(recursive=True)]
        for process in processes:
            process.cpu_percent(None)
        time.sleep(2)
        busy = sum(p.cpu_percent(None) for p in processes if p.is_running())
        if busy < threshold:
            return
    print(f"  gunicorn still busy after {timeout}s; starting anyway", flush=True)


def slugs(server, path):
    status, _, body = get(server, f"{path}?page_size=100")
    if status != 200:
        raise BenchError(f"GET {path}: {status}\n{body[:500]!r}\n{tail(server.log, 60)}")
    return [item["slug"] for item in json.loads(body)["results"]]


# The orchestrator ----------------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100, help="concurrent students (100)")
    parser.add_argument("--duration", type=int, default=300, help="measured seconds (300)")
    parser.add_argument("--spawn-rate", type=float, default=5, help="students started per s (5)")
    parser.add_argument("--think-min", type=float, default=1, help="least think time, s (1)")
    parser.add_argument("--think-max", type=float, default=5, help="most think time, s (5)")
    parser.add_argument(
        "--school-share",
        type=float,
        default=0.3,
        help="share of students behind a school's address (0.3)",
    )
    parser.add_argument("--school-size", type=int, default=10, help="students per school (10)")
    parser.add_argument(
        "--publish-every", type=float, default=30, help="seconds between publishes (30)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="gunicorn workers (one per CPU: the database, the engine and Redis share the CPUs)",
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (4)")
    parser.add_argument("--seed", type=int, default=None, help="random seed of the students")
    parser.add_argument("--report", type=Path, help="also write the markdown report here")
    args = parser.parse_args()
    if args.users < 1 or args.duration < 1 or args.think_max < args.think_min:
        parser.error("--users and --duration must be positive, --think-max >= --think-min")
    return args


def main():
    args = parse_args()
    started = time.monotonic()
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tdn-bench-load-")))
        (tmp / "static").mkdir()  # WhiteNoise warns on every request without it
        services = [ensure_service(stack, name) for name in ("postgres", "search-engine", "redis")]
        prefix = f"tdn-load-{secrets.token_hex(4)}"
        cache_url = redis_database(stack)
        env = base_env(tmp, cache_url, cache_seconds=60)  # production's default lifetime
        env.update(
            DATABASE_URL=postgres_database(stack),
            ALLOWED_HOSTS=f"{HOST},localhost",
            SECURE_HSTS_SECONDS="0",
            SEARCH_URL=SEARCH_ENGINE_URL,
            SEARCH_ENGINE="opensearch",
            SEARCH_INDEX_PREFIX=prefix,
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            TRUSTED_PROXIES=HOST,
            GUNICORN_CMD_ARGS="--timeout 60",  # docs/deploy.md
        )
        print("Preparing PostgreSQL database (migrate, load_demo, search_rebuild)...", flush=True)
        manage(env, "migrate", "--no-input", "-v0")
        print(" ", manage(env, "load_demo").splitlines()[-1], flush=True)
        stack.callback(delete_indices, prefix)
        manage(env, "search_rebuild")

        server = start_gunicorn(stack, "load", env, args.workers, args.threads, tmp)
        sync_log = tmp / "search-sync.log"
        start(stack, [sys.executable, "manage.py", "search_sync", "--loop", "5"], sync_log, env)
        print("Waiting for the workers to finish training Charly's models...", flush=True)
        wait_until_idle(server)

        config = {
            "host": f"http://{HOST}:{server.port}",
            "env": env,
            "users": args.users,
            "duration": args.duration,
            "spawn_rate": args.spawn_rate,
            "think": [args.think_min, args.think_max],
            "school_share": args.school_share,
            "school_size": args.school_size,
            "publish_every": args.publish_every,
            "seed": args.seed if args.seed is not None else secrets.randbelow(2**31),
            "metiers": slugs(server, "/api/v1/metiers/"),
            "formations": slugs(server, "/api/v1/formations/"),
            "etablissements": slugs(server, "/api/v1/etablissements/"),
            "results": str(tmp / "results.json"),
        }
        config_path = tmp / "config.json"
        config_path.write_text(json.dumps(config))
        setup_seconds = time.monotonic() - started
        load_before = load_average()
        print(f"Setup took {setup_seconds:.0f}s; {load_before}.", flush=True)

        # Its own session: Ctrl-C reaches the orchestrator, which stops it and cleans up.
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(config_path)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            start_new_session=True,
        )
        stack.callback(stop, child)
        if child.wait():
            raise BenchError(f"the locust process exited with {child.returncode}")
        results = json.loads(Path(config["results"]).read_text())
        results["sync"] = manage(env, "search_sync", "--status").splitlines()[0]
        server_log = server.log.read_text(errors="replace")
        # Django logs every 5xx with its status; engine time-outs are answered (degraded).
        results["server_errors"] = sum(
            server_log.count(f"{words}: /")
            for words in ("Internal Server Error", "Service Unavailable")
        )
        results["engine_timeouts"] = server_log.count("Search engine unavailable")
        results["context"] = {
            "date": date.today().isoformat(),
            "commit": subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
            ).stdout.strip(),
            "cpus": os.cpu_count(),
            "load_start": load_before,
            "load_end": load_average(),
            "gunicorn": f"gunicorn {version('gunicorn')}, {args.workers} workers x "
            f"{args.threads} threads (gthread), --timeout 60",
            "locust": f"locust {version('locust')}",
            "services": services,
            "args": vars(args) | {"report": str(args.report) if args.report else None},
        }
        report = markdown(results)
        print("\n" + report)
        if results["errors"] or results["server_errors"]:
            kept = Path(tempfile.mkdtemp(prefix="tdn-load-logs-"))
            for log in (server.log, sync_log):
                shutil.copy(log, kept)
            print(f"Errors: the server's and the sync worker's logs are kept in {kept}")
        if args.report:
            args.report.write_text(report)
            print(f"Report written to {args.report}")
        print(f"Total {time.monotonic() - started:.0f}s.")
        return 1 if results["errors"] or results["server_errors"] else 0


def markdown(results):
    """The report: context, one row per endpoint, the failures."""
    c = results["context"]
    a = c["args"]
    lines = [
        f"Run of {c['date']} at commit `{c['commit']}`: {a['users']} students + 1 editor, "
        f"{results['measured_seconds']:.0f} s measured after a {results['ramp_seconds']:.0f} s "
        f"ramp-up (spawn rate {a['spawn_rate']}/s), "
        f"think time {a['think_min']}-{a['think_max']} s, "
        f"{a['school_share']:.0%} of the students behind a school address "
        f"({a['school_size']} per school), a publish every {a['publish_every']:.0f} s.",
        "",
        f"Machine: {c['cpus']} CPUs; {c['load_start']} before the load, {c['load_end']} at "
        f"the end. Server: {c['gunicorn']}; "
        f"PostgreSQL, OpenSearch, Redis and {c['locust']} on the same machine.",
        "",
        f"**Throughput: {results['total']['rps']:.1f} requests/s** "
        f"({results['total']['requests']} requests), **errors: {results['errors']}** "
        f"(during the ramp-up: {results['ramp_errors']}); 5xx logged by the server: "
        f"{results['server_errors']}; engine time-outs answered from the database: "
        f"{results['engine_timeouts']}; "
        f"search sync queue at the end: {results['sync']}.",
        "",
        "| endpoint | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in [*results["endpoints"], results["total"]]:
        lines.append(
            f"| {row['endpoint']} | {row['requests']} | {row['rps']:.2f} | {row['p50']:.0f} | "
            f"{row['p95']:.0f} | {row['p99']:.0f} | {row['max']:.0f} | {row['failures']} |"
        )
    if results["failures"]:
        lines += ["", "Failures:", ""]
        for failure in results["failures"]:
            lines.append(
                f"- {failure['endpoint']}: {failure['occurrences']} x {failure['error'][:500]}"
            )
    for exception in results["exceptions"]:
        lines += ["", f"Exception in the load's code, {exception['count']} x:", "", "```"]
        lines += [exception["traceback"].rstrip(), "```"]
    return "\n".join(lines) + "\n"


# The load (in the locust child) ---------------------------------------------------------------


def addresses(count, school_share, school_size, rng):
    """One X-Forwarded-For per student, from the benchmarking range 198.18.0.0/15 (RFC 2544):
    the first students come in schools that share one address, the others are alone."""
    first = ipaddress.ip_address("198.18.0.1")
    in_schools = round(count * school_share)
    result = []
    for i in range(count):
        n = (i // school_size) if i < in_schools else (10_000 + i)
        result.append(str(first + n))
    rng.shuffle(result)
    return result


def user_classes(config, rng):
    """The students and the editor, built here so that only the child imports locust."""
    import gevent
    from gevent import subprocess as gsubprocess
    from locust import FastHttpUser, between, constant_pacing, task

    think = between(*config["think"])
    pool = addresses(config["users"], config["school_share"], config["school_size"], rng)
    metiers, formations = config["metiers"], config["formations"]

    class Client(FastHttpUser):
        abstract = True
        host = config["host"]
        network_timeout = 60.0
        connection_timeout = 60.0
        address = "198.19.255.254"

        def call(self, method, path, name, body=None, check=None):
            """One request; a non-2xx answer, or what `check` objects to, is a failure."""
            # A connection per request, as a reverse proxy opens them by default (nginx proxies
            # in HTTP/1.0): on a kept-alive connection, a POST sent just as gunicorn closes it
            # after its 2 s keep-alive fails, and no client may retry a POST on its own.
            headers = {
                "X-Forwarded-For": self.address,
                "Accept": "application/json",
                "Connection": "close",
            }
            with self.client.request(
                method, path, name=name, json=body, headers=headers, catch_response=True
            ) as response:
                if not 200 <= (response.status_code or 0) < 300:
                    text = (response.text or "")[:300] if response.content else ""
                    response.failure(f"{response.status_code}: {response.error or ''} {text}")
                    return None
                try:
                    data = response.json() if response.content else None
                except ValueError:
                    response.failure("not JSON")
                    return None
                problem = check(data, response) if check else None
                if problem:
                    response.failure(problem)
                    return None
                response.success()
                return data

    class Student(Client):
        wait_time = think

        def on_start(self):
            self.address = (
                pool.pop() if pool else f"198.19.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            )
            self.parcours = None
            self.result_id = None

        def pause(self):
            gevent.sleep(rng.uniform(*config["think"]))

        @task(5)
        def metiers(self):
            variant = rng.choice(["", "", f"?domaine={rng.choice(DOMAINES)}", "?niveau=2",
                                  "?ordering=-salaire", "?riasec=I"])  # fmt: skip
            self.call("GET", f"/api/v1/metiers/{variant}", "/api/v1/metiers/")
            for slug in rng.sample(metiers, rng.randint(1, 2)):
                self.pause()
                self.call("GET", f"/api/v1/metiers/{slug}/", "/api/v1/metiers/{slug}/")

        @task(4)
        def formations(self):
            variant = rng.choice(["", "?alternance=true", f"?metier={rng.choice(metiers)}",
                                  f"?region={rng.choice(REGIONS)}", "?niveau=2,3",
                                  f"?type={rng.choice(TYPES_FORMATION)}", "?page=2"])  # fmt: skip
            self.call("GET", f"/api/v1/formations/{variant}", "/api/v1/formations/")
            self.pause()
            detail = self.call(
                "GET", f"/api/v1/formations/{rng.choice(formations)}/", "/api/v1/formations/{slug}/"
            )
            if detail and detail.get("etablissements") and rng.random() < 0.4:
                self.pause()
                slug = rng.choice(detail["etablissements"])["slug"]
                name = "/api/v1/etablissements/{slug}/"
                self.call("GET", f"/api/v1/etablissements/{slug}/", name)

        @task(6)
        def search(self):
            query = rng.choice(QUERIES)
            for length in range(2, min(len(query), 8) + 1, rng.choice([2, 3])):
                path = f"/api/v1/recherche/suggestions/?q={quote(query[:length])}"
                self.call("GET", path, "/api/v1/recherche/suggestions/")
                gevent.sleep(rng.uniform(0.2, 0.6))  # typing
            extra = rng.choice(["", "", "", "&type=metier", "&type=formation", "&alternance=true"])
            found = self.call(
                "GET", f"/api/v1/recherche/?q={quote(query)}{extra}", "/api/v1/recherche/",
                check=not_degraded,
            )  # fmt: skip
            if not found:
                return
            if found["total"] > 20 and rng.random() < 0.2:
                self.pause()
                path = f"/api/v1/recherche/?q={quote(query)}{extra}&page=2"
                self.call("GET", path, "/api/v1/recherche/", check=not_degraded)
            hits = [h for h in found["results"][:5] if h["type"] in ("metier", "formation")]
            if hits:
                self.pause()
                hit = rng.choice(hits)
                path = f"/api/v1/{hit['type']}s/{hit['slug']}/"
                self.call("GET", path, f"/api/v1/{hit['type']}s/{{slug}}/")

        @task(2)
        def map(self):
            region, formation = rng.choice(REGIONS), rng.choice(formations)
            variant = rng.choice(["", "?zoom=5", f"?region={region}&zoom=7", "?membre=true",
                                  f"?formation={formation}"])  # fmt: skip
            self.call("GET", f"/api/v1/carte/{variant}", "/api/v1/carte/", check=not_degraded)
            self.pause()
            lon, lat = rng.choice(CITIES)
            bbox = f"{lon - 0.4:.2f},{lat - 0.25:.2f},{lon + 0.4:.2f},{lat + 0.25:.2f}"
            zoomed = self.call(
                "GET", f"/api/v1/carte/?bbox={bbox}&zoom=11", "/api/v1/carte/", check=not_degraded
            )
            places = [f for f in (zoomed or {}).get("features", []) if f["properties"]["slug"]]
            if places and rng.random() < 0.5:
                self.pause()
                slug = rng.choice(places)["properties"]["slug"]
                self.call(
                    "GET", f"/api/v1/etablissements/{slug}/", "/api/v1/etablissements/{slug}/"
                )

        @task(2)
        def orientation_test(self):
            audience, level = rng.choice(
                [("college", "college"), ("lycee", "lycee"), ("lycee", "lycee"), ("", "etudiant")]
            )
            query = f"?audience={audience}" if audience else ""
            test = self.call("GET", f"/api/v1/test/{query}", "/api/v1/test/")
            if not test:
                return
            gevent.sleep(rng.uniform(5, 15))  # answering the questions
            answers = {str(q["id"]): rng.randint(0, 4) for q in test["questions"]}
            body = {"answers": answers, "level": level, "version": test["version"]}
            result = self.call("POST", "/api/v1/test/resultats/", "/api/v1/test/resultats/", body)
            if result and result["metiers"]:
                self.result_id = result["id"]
                self.pause()  # reading the result, then the best métier's fiche
                slug = result["metiers"][0]["slug"]
                self.call("GET", f"/api/v1/metiers/{slug}/", "/api/v1/metiers/{slug}/")

        @task(2)
        def charly(self):
            start = "/api/v1/charly/conversations/"
            conversation = self.call("POST", start, start, {})
            if not conversation:
                return
            name = "/api/v1/charly/conversations/{id}/messages/"
            for _ in range(rng.randint(2, 4)):
                self.pause()
                replies = conversation["messages"][-1]["quick_replies"]
                if replies and rng.random() < 0.5:
                    body = {"choice": rng.choice(replies)["value"]}
                else:
                    body = {"text": rng.choice(CHARLY_TEXTS)}
                path = f"{start}{conversation['id']}/messages/"
                conversation = self.call("POST", path, name, body) or conversation

        @task(2)
        def parcours(self):
            if self.parcours is None:
                created = self.call("POST", "/api/v1/parcours/", "/api/v1/parcours/", {})
                if not created:
                    return
                self.parcours = created["token"]
                self.pause()
            items = [{"type": "metier", "ref": rng.choice(metiers)}]
            if rng.random() < 0.6:
                items.append({"type": "formation", "ref": rng.choice(formations)})
            if self.result_id:
                items.append({"type": "resultat", "ref": self.result_id})
            path = f"/api/v1/parcours/{self.parcours}/"
            name = "/api/v1/parcours/{token}/"
            self.call("PATCH", path, name, {"add": items})
            self.pause()
            self.call("GET", path, name)

    class Editor(Client):
        """Publishes a new revision of a métier every `publish_every` seconds, then reads the
        fiche back through the API: it must show the new text at once (cache invalidated)."""

        fixed_count = 1
        wait_time = constant_pacing(config["publish_every"])
        address = "198.18.255.254"  # the association's office

        def on_start(self):
            self.shell = gsubprocess.Popen(
                [sys.executable, "manage.py", "shell", "-c", EDITOR_SCRIPT],
                cwd=ROOT,
                env=config["env"],
                stdin=gsubprocess.PIPE,
                stdout=gsubprocess.PIPE,
                text=True,
            )
            self.turn = 0

        def on_stop(self):
            self.shell.stdin.close()
            try:
                self.shell.wait(timeout=30)
            except gsubprocess.TimeoutExpired:
                self.shell.kill()

        def publish(self, slug):
            self.shell.stdin.write(slug + "\n")
            self.shell.stdin.flush()
            for line in self.shell.stdout:
                if line.startswith("EDITOR "):
                    return json.loads(line[len("EDITOR ") :])
            raise BenchError("the editor's Django shell exited")

        @task
        def publish_a_metier(self):
            slug = metiers[self.turn % len(metiers)]
            self.turn += 1
            path, name = f"/api/v1/metiers/{slug}/", "/api/v1/metiers/{slug}/ (editor)"
            self.call("GET", path, name)  # the fiche is in the cache now
            started = time.perf_counter()
            outcome = self.publish(slug)
            self.environment.events.request.fire(
                request_type="PUBLISH",
                name="métier revision (Django, in a shell)",
                response_time=(time.perf_counter() - started) * 1000,
                response_length=0,
                exception=BenchError(outcome["error"]) if "error" in outcome else None,
                context={},
            )
            if "accroche" in outcome:

                def fresh(data, response):
                    if data["accroche"] != outcome["accroche"]:
                        return (
                            f"stale fiche after publish (X-Cache {response.headers.get('X-Cache')})"
                        )
                    return None

                self.call(
                    "GET", path, "/api/v1/metiers/{slug}/ (editor, after publish)", check=fresh
                )

    return [Student, Editor]


def not_degraded(data, response):
    """A search answered from the database because the engine did not answer is an error here."""
    return "degraded: answered without the search engine" if data.get("degraded") else None


def run_locust(config_path):
    """The child: locust as a library, stats reset once every user runs, results to JSON."""
    import gevent
    from gevent.event import Event
    from locust.env import Environment

    config = json.loads(Path(config_path).read_text())
    rng = random.Random(config["seed"])
    environment = Environment(user_classes=user_classes(config, rng))
    runner = environment.create_local_runner()
    state = {"ramp_errors": 0, "measuring": False}

    def on_request(exception=None, **kwargs):
        if exception and not state["measuring"]:
            state["ramp_errors"] += 1

    environment.events.request.add_listener(on_request)
    spawned = Event()
    environment.events.spawning_complete.add_listener(lambda user_count: spawned.set())

    began = time.monotonic()
    runner.start(config["users"] + 1, spawn_rate=config["spawn_rate"])
    spawned.wait()
    ramp = time.monotonic() - began
    environment.stats.reset_all()
    state["measuring"] = True
    measure_start = time.monotonic()
    print(f"All {config['users']} students and the editor running after {ramp:.0f}s; "
          f"measuring for {config['duration']}s.", flush=True)  # fmt: skip
    while (elapsed := time.monotonic() - measure_start) < config["duration"]:
        gevent.sleep(min(30, config["duration"] - elapsed))
        total = environment.stats.total
        print(f"  {time.monotonic() - measure_start:5.0f}s  {total.num_requests} requests  "
              f"{total.num_requests / (time.monotonic() - measure_start):.1f}/s  "
              f"{total.num_failures} failures", flush=True)  # fmt: skip
    measured = time.monotonic() - measure_start
    # Freeze the figures before the users stop (stopping may cut requests short).
    results = collect(environment.stats, measured, ramp, state["ramp_errors"])
    runner.quit()
    # Exceptions in the students' own code (a response of an unexpected shape) are errors too.
    results["exceptions"] = [
        {"count": e["count"], "traceback": e["traceback"]} for e in runner.exceptions.values()
    ]
    results["errors"] += sum(e["count"] for e in results["exceptions"])
    Path(config["results"]).write_text(json.dumps(results))


def collect(stats, measured, ramp, ramp_errors):
    def row(entry, endpoint):
        return {
            "endpoint": endpoint,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "rps": entry.num_requests / measured,
            "p50": entry.get_response_time_percentile(0.5) or 0,
            "p95": entry.get_response_time_percentile(0.95) or 0,
            "p99": entry.get_response_time_percentile(0.99) or 0,
            "max": entry.max_response_time or 0,
        }

    entries = sorted(stats.entries.values(), key=lambda e: (e.name, e.method))
    failures = [
        {"endpoint": f"{e.method} {e.name}", "error": str(e.error), "occurrences": e.occurrences}
        for e in stats.errors.values()
    ]
    return {
        "endpoints": [row(e, f"{e.method} {e.name}") for e in entries],
        "total": row(stats.total, "**all**"),
        "errors": stats.total.num_failures,
        "failures": failures,
        "measured_seconds": measured,
        "ramp_seconds": ramp,
        "ramp_errors": ramp_errors,
    }


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGTERM, exit_on_signal)
    signal.signal(signal.SIGINT, exit_on_signal)
    try:
        sys.exit(main())
    except BenchError as error:
        sys.exit(f"bench/load.py: {error}")
    except KeyboardInterrupt:
        sys.exit(130)
