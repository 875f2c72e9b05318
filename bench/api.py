"""Benchmark: the métiers listing of API v1, cached and uncached, against the Wagtail API v2
listing and the very same JSON bytes served as a static file, under gunicorn and wrk.

    cd /work/main && .venv/bin/python bench/api.py [--duration 10 --connections 16 --rounds 3
        --warmup 2 --timeout 10 --workers N --threads 4 --cache auto|redis|file]

Needs `wrk` (Debian package) and, for the Redis cache, `redis-server` (Debian package) and the
`redis` Python package in the venv; without them it falls back to Django's file-based cache.

In one run it:

* builds a throwaway SQLite database in a temporary directory with the production settings
  (DEBUG off, WhiteNoise), `migrate` and `load_demo`;
* starts two gunicorn servers on loopback with the same code, database and cache kind: one with
  the API cache on, one with `API_CACHE_SECONDS=0` (Django does not store an entry with a
  timeout of 0, so every request is a MISS: the response is computed each time, same bytes);
* copies the exact bytes of `GET /api/v1/metiers/`, as the uncached server sends them, into
  STATIC_ROOT before the cached server starts, which then serves them through WhiteNoise
  (WhiteNoise indexes STATIC_ROOT at start-up, so no collectstatic run is needed for one file);
* runs wrk against the four targets, interleaved (A B C D, then D C B A, ...) after a warm-up,
  with a small Lua script that prints p50 and p95 (wrk's own `--latency` has no p95);
* prints requests/s, p50 and p95 per target and round, the medians and the ratios.

Every request carries `Host: 127.0.0.1`, so the absolute URLs in the payload do not depend on
the port of the server that built it: the three v1 bodies are byte-identical, and this is checked.
wrk runs on the same machine as the servers and shares its CPUs: read the ratios, not the
absolute figures. Every process it starts is stopped and its temporary directory removed at the
end, also on failure or Ctrl-C.
"""

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"

V1_PATH = "/api/v1/metiers/"
# The v2 listing closest to the v1 page: same 20 pages in the same order, the same fields where
# v2 has them (v2 has no `domaine_libelle`, and its `image` is a reference, not renditions).
V2_FIELDS = [
    "accroche",
    "domaine",
    "code_riasec",
    "niveau_acces_min",
    "niveau_acces_usuel",
    "salaire_debutant",
    "image",
]
V2_PATH = (
    f"/api/v2/pages/?type=metiers.MetierPage&fields={','.join(V2_FIELDS)}&order=title&limit=20"
)
STATIC_NAME = "bench/metiers.json"
STATIC_PATH = f"/static/{STATIC_NAME}"

# wrk calls done() once at the end; latencies are in microseconds.
WRK_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d non2xx=%d socket_errors=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""
WRK_LINE = re.compile(r"^BENCH (.*)$", re.MULTILINE)


class BenchError(RuntimeError):
    pass


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    def url(self, path):
        return f"http://{HOST}:{self.port}{path}"


@dataclass
class Target:
    label: str
    server: Server
    path: str
    size: int  # bytes of the response body


@dataclass
class Measure:
    rps: float
    p50_ms: float
    p95_ms: float
    socket_errors: int  # mostly requests slower than wrk's --timeout


# Processes ------------------------------------------------------------------------------------


def free_port():
    """A port nobody listens on now, so that runs never collide with other servers."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=30):
    """Block until something accepts connections on the port, or fail if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"{process.args[0]} exited with {process.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise BenchError(f"nothing answered on port {port} after {timeout}s")


def stop(process):
    """SIGTERM (gunicorn then stops its own workers), SIGKILL to the group if it hangs."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def start(stack, args, log, env=None):
    """Start a background process in its own session, stopped when the stack unwinds."""
    with open(log, "wb") as out:
        process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    stack.callback(stop, process)
    return process


def tail(path, lines=30):
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# Environment ----------------------------------------------------------------------------------


def choose_cache(mode, stack, tmp):
    """Two cache URLs (cached and uncached servers) that every gunicorn worker shares.

    Redis is what production uses (CACHE_URL); the file cache is the fallback that is still
    shared across worker processes, which local memory is not. Each server gets its own
    database (or directory): with a timeout of 0 Django deletes the key on set, and the uncached
    server must not evict the cached server's entries.
    """
    redis_ready = shutil.which("redis-server") and find_spec("redis")
    if mode == "redis" or (mode == "auto" and redis_ready):
        if not redis_ready:
            raise BenchError("--cache redis needs redis-server and the `redis` package")
        port = free_port()
        args = ["redis-server", "--bind", HOST, "--port", str(port), "--save", ""]
        args += ["--appendonly", "no", "--dir", str(tmp)]
        process = start(stack, args, tmp / "redis.log")
        wait_for_port(port, process)
        release = subprocess.run(
            ["redis-server", "--version"], capture_output=True, text=True
        ).stdout.split()
        described = next((w for w in release if w.startswith("v=")), "v=?")[2:]
        note = f"Redis {described} on {HOST}:{port}, shared by every worker (as in production)"
        return f"rediscache://{HOST}:{port}/0", f"rediscache://{HOST}:{port}/1", note
    note = (
        "Django file-based cache in the temp dir, shared by every worker through the file "
        "system (Redis unavailable: install redis-server and the `redis` package for it)"
    )
    return f"filecache://{tmp}/cache-on", f"filecache://{tmp}/cache-off", note


def base_env(tmp, cache_url, cache_seconds):
    """Production settings for a local, plain-HTTP run, isolated from the developer's data."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"sqlite:///{tmp}/bench.db",
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        CACHE_URL=cache_url,
        API_CACHE_SECONDS=str(cache_seconds),
        SEARCH_URL="",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args):
    """Run a management command; its output is shown only if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout.strip()


def start_gunicorn(stack, name, env, workers, threads, tmp):
    """gunicorn as deployed: the WSGI app of cms.wsgi, threaded workers, loopback only."""
    port = free_port()
    log = tmp / f"gunicorn-{name}.log"
    args = [str(VENV_BIN / "gunicorn"), "cms.wsgi:application", "--bind", f"{HOST}:{port}"]
    args += ["--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread"]
    # No control socket: its default path is shared, and two servers run side by side.
    args += ["--no-control-socket", "--log-level", "warning"]
    server = Server(name, port, start(stack, args, log, env), log)
    try:
        wait_until_answers(server)
    except BenchError as error:
        raise BenchError(f"gunicorn {name}: {error}\n{tail(log)}") from None
    return server


def wait_until_answers(server, timeout=60):
    """The master listens before its workers have imported Django: wait for an HTTP answer."""
    wait_for_port(server.port, server.process)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            get(server, "/api/")  # any status will do: the application answered
            return
        except OSError:
            if server.process.poll() is not None:
                raise BenchError(f"exited with {server.process.returncode}") from None
            time.sleep(0.5)
    raise BenchError(f"no HTTP answer after {timeout}s")


# HTTP -----------------------------------------------------------------------------------------


def get(server, path):
    """One GET with the benchmark's Host header: (status, headers, body)."""
    conn = http.client.HTTPConnection(HOST, server.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": HOST})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def expect(server, path, x_cache=None):
    """A 200 (and the expected X-Cache), or a failure with the server's log."""
    status, headers, body = get(server, path)
    if status != 200:
        raise BenchError(f"{server.name} GET {path}: {status}\n{body[:500]!r}\n{tail(server.log)}")
    if x_cache and headers.get("X-Cache") != x_cache:
        raise BenchError(
            f"{server.name} GET {path}: X-Cache {headers.get('X-Cache')}, not {x_cache}"
        )
    return body


def check_payloads(cached, uncached):
    """Warm both servers and prove the targets serve what they claim, byte for byte."""
    first = expect(cached, V1_PATH)  # MISS or HIT: it may have been warmed already
    v1 = expect(cached, V1_PATH, x_cache="HIT")
    expect(uncached, V1_PATH, x_cache="MISS")
    v1_uncached = expect(uncached, V1_PATH, x_cache="MISS")
    static = expect(cached, STATIC_PATH)
    v2 = expect(cached, V2_PATH)
    if not first == v1 == v1_uncached == static:
        raise BenchError("the v1 bodies differ between cached, uncached and static")
    return {"v1": len(v1), "v2": len(v2), "static": len(static)}


# wrk ------------------------------------------------------------------------------------------


def run_wrk(target, seconds, args, lua):
    """One wrk run; requests/s and p50/p95 in ms from the Lua summary.

    A non-2xx response aborts the run (the target is broken, its figures would be about error
    pages); socket errors are counted and shown, since a slow target times out under load.
    """
    command = ["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{seconds}s"]
    command += [f"--timeout={args.timeout}s", "-s", str(lua), "-H", f"Host: {HOST}"]
    command.append(target.server.url(target.path))
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    match = WRK_LINE.search(result.stdout)
    if result.returncode or not match:
        raise BenchError(f"wrk failed on {target.label}:\n{result.stdout}{result.stderr}")
    fields = {k: int(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    if fields["non2xx"]:
        raise BenchError(f"wrk saw errors on {target.label}: {fields}\n{tail(target.server.log)}")
    return Measure(
        rps=fields["requests"] / (fields["duration_us"] / 1e6),
        p50_ms=fields["p50_us"] / 1000,
        p95_ms=fields["p95_us"] / 1000,
        socket_errors=fields["socket_errors"],
    )


def measure(targets, args, lua):
    """Warm every target, then interleave them round by round, reversing the order each time,
    so that drift on a shared machine spreads evenly over the targets."""
    for target in targets:
        run_wrk(target, args.warmup, args, lua)
    results = {target.label: [] for target in targets}
    for round_ in range(args.rounds):
        order = targets if round_ % 2 == 0 else targets[::-1]
        for target in order:
            m = run_wrk(target, args.duration, args, lua)
            results[target.label].append(m)
            print(
                f"  round {round_ + 1}  {target.label:<22} {m.rps:9.1f} req/s  "
                f"p50 {m.p50_ms:7.2f} ms  p95 {m.p95_ms:7.2f} ms  socket errors {m.socket_errors}",
                flush=True,
            )
    return results


# Report ---------------------------------------------------------------------------------------


def median(results):
    return Measure(
        rps=statistics.median(m.rps for m in results),
        p50_ms=statistics.median(m.p50_ms for m in results),
        p95_ms=statistics.median(m.p95_ms for m in results),
        socket_errors=sum(m.socket_errors for m in results),
    )


def report(targets, results, args):
    """The medians per target and the ratios that answer the benchmark's questions."""
    medians = {target.label: median(results[target.label]) for target in targets}
    print(f"\nMedian of {args.rounds} round(s) of {args.duration}s each:")
    print(f"  {'target':<22} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>7} errors")
    for target in targets:
        m = medians[target.label]
        print(
            f"  {target.label:<22} {m.rps:9.1f} {m.p50_ms:8.2f} {m.p95_ms:8.2f} "
            f"{target.size:7d} {m.socket_errors:6d}"
        )

    cached, uncached, v2, static = (target.label for target in targets)
    pairs = [
        ("v1 cached / v1 uncached", cached, uncached),
        ("v1 cached / v2", cached, v2),
        ("v1 uncached / v2", uncached, v2),
        ("v1 cached / static", cached, static),
    ]
    print("\nRatios (A/B in req/s; B/A in p50 and p95, so > 1 means A is faster):")
    print(f"  {'A / B':<24} {'req/s':>7} {'p50':>7} {'p95':>7}   of the medians")
    for name, a, b in pairs:
        print(f"  {name:<24} {ratios(medians[a], medians[b])}")
    # A round measures the targets back to back: its own ratio is the least exposed to the
    # machine's drift between rounds.
    print(f"  {'A / B':<24} {'req/s':>7} {'p50':>7} {'p95':>7}   median of the rounds' ratios")
    for name, a, b in pairs:
        per_round = [ratios(*pair, text=False) for pair in zip(results[a], results[b], strict=True)]
        columns = [statistics.median(column) for column in zip(*per_round, strict=True)]
        print(f"  {name:<24} " + " ".join(f"{value:7.2f}" for value in columns))


def ratios(a, b, text=True):
    """A against B: throughput ratio, and latency ratios oriented so that > 1 means A is faster."""
    values = (a.rps / b.rps, b.p50_ms / a.p50_ms, b.p95_ms / a.p95_ms)
    return " ".join(f"{value:7.2f}" for value in values) if text else values


def load_average():
    """Other work on the machine skews everything: say how busy it was."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min) {five:.1f} (5 min)"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (10)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per target (2)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (3)")
    parser.add_argument("--timeout", type=int, default=10, help="wrk request timeout, s (10)")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="gunicorn workers (CPU count)"
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (4)")
    parser.add_argument(
        "--cache",
        choices=["auto", "redis", "file"],
        default="auto",
        help="shared cache for the workers: Redis when available (auto)",
    )
    parser.add_argument(
        "--settle", type=int, default=60, help="seconds between the servers' start and measuring"
    )
    args = parser.parse_args()
    if args.connections < args.wrk_threads:
        parser.error("--connections must be at least --wrk-threads")
    return args


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        raise BenchError("wrk is not installed (Debian: apt-get install wrk)")
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tdn-bench-api-")))
        lua = tmp / "summary.lua"
        lua.write_text(WRK_LUA)
        cache_on, cache_off, cache_note = choose_cache(args.cache, stack, tmp)
        # An hour, so that no entry expires within the run (production's 60 s would only add
        # one MISS per minute).
        env_on = base_env(tmp, cache_on, cache_seconds=3600)
        env_off = {**env_on, "CACHE_URL": cache_off, "API_CACHE_SECONDS": "0"}

        started = time.monotonic()
        print("Preparing a throwaway SQLite database (migrate, load_demo)...", flush=True)
        manage(env_on, "migrate", "--no-input", "-v0")
        print(" ", manage(env_on, "load_demo"), flush=True)

        # The static copy must exist before the cached server starts, as WhiteNoise indexes
        # STATIC_ROOT then: take its bytes from the uncached server, started first.
        uncached = start_gunicorn(stack, "uncached", env_off, args.workers, args.threads, tmp)
        static_file = tmp / "static" / STATIC_NAME
        static_file.parent.mkdir(parents=True)
        static_file.write_bytes(expect(uncached, V1_PATH))
        cached = start_gunicorn(stack, "cached", env_on, args.workers, args.threads, tmp)
        sizes = check_payloads(cached, uncached)
        # Each worker trains Charly's models in a thread as it starts (cms.wsgi): measured during
        # that training, requests wait for the interpreter lock. Measure the steady state.
        print(f"Letting the workers finish their start-up work ({args.settle} s)...", flush=True)
        time.sleep(args.settle)

        wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
        print(
            f"\nMachine: {os.cpu_count()} CPUs, {load_average()}, Python {sys.version.split()[0]}"
        )
        print(
            f"gunicorn {version('gunicorn')}: 2 servers, {args.workers} workers x "
            f"{args.threads} threads (gthread) each, production settings, DEBUG off"
        )
        print(
            f"Load: {wrk_version.split()[1]} -t{args.wrk_threads} -c{args.connections} "
            f"-d{args.duration}s --timeout={args.timeout}s, {args.warmup}s warm-up per target, "
            f"{args.rounds} rounds, on the same machine (loopback)"
        )
        print(f"Cache: {cache_note}")
        print(f"Setup took {time.monotonic() - started:.0f}s. Targets:")
        targets = [
            Target("v1 cached (HIT)", cached, V1_PATH, sizes["v1"]),
            Target("v1 uncached (MISS)", uncached, V1_PATH, sizes["v1"]),
            Target("v2 listing", cached, V2_PATH, sizes["v2"]),
            Target("static file", cached, STATIC_PATH, sizes["static"]),
        ]
        for target in targets:
            print(f"  {target.label:<22} {target.server.url(target.path)}")
        print(flush=True)

        results = measure(targets, args, lua)
        # Still cached at the end: the cached figures were HITs throughout.
        expect(cached, V1_PATH, x_cache="HIT")
        report(targets, results, args)
        print(f"\nTotal {time.monotonic() - started:.0f}s; {load_average()} at the end.")


def exit_on_signal(signum, frame):
    """SIGTERM (and SIGINT, even if the parent shell ignores it) unwind the stack: cleanup runs."""
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, exit_on_signal)
    signal.signal(signal.SIGINT, exit_on_signal)
    try:
        main()
    except BenchError as error:
        sys.exit(f"bench/api.py: {error}")
    except KeyboardInterrupt:
        sys.exit(130)
