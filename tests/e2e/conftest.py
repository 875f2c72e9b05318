"""Browser tests: the student site as a student sees it, in Debian's Chromium driven by
Playwright (never a browser Playwright downloads).

One server for the package: gunicorn running the embedded default (`cms.settings.dev` with DEBUG
off, so WhiteNoise serves the static files and the app its media) on a free port, on a fresh
SQLite file holding the demo content, with the database search backend, a database cache shared
by its two workers (and by `e2e_server.django`), e-mails written to files (`sent_emails`), and
the API's per-address limits raised: the whole session comes from 127.0.0.1. `localhost` on the
same port is another origin the API allows (CORS), for a partner page embedding the widget.

Fixtures (tests/e2e/README of sorts, the contract the scenarios are written against):
- `live_url`: the server's base URL; pages also accept paths relative to it (`page.goto("/")`).
- `page`: a phone (390×844, touch, fr-FR); `desktop_page`: 1280×800; `nojs_page`: a phone with
  JavaScript disabled. A test fails on any uncaught page error or console error, except those
  it declares with `expect_console_errors(page, pattern)`; a failed test leaves a screenshot.
- `assert_accessible(page, name)`, `screenshot(page, name)`: see tests/e2e/browser.py.
- `sent_emails()`: every e-mail the server sent, as `email.message.EmailMessage`s.
- `e2e_server`: the server itself (`url`, `env`, `django(code)` runs Python in its Django).

Without Chromium (or Playwright, or axe-core) these tests are skipped, and fail in CI (CI=true).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.live.conftest import free_port

from . import browser

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    # Nothing outside this machine: a page reaching for a CDN or a tile server fails its test.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
GENEROUS_RATE = "100000/minute"
RATES = ("ADDRESS_WRITE", "CONVERSATION", "PARCOURS", "CLASSES", "SEARCH", "SUGGEST")
# Generous, for a machine shared by several test runs: a first visit renders the images' sizes.
TIMEOUT_MS = 20_000
NAVIGATION_TIMEOUT_MS = 60_000
WATCHES = pytest.StashKey[list]()
CALL_REPORT = pytest.StashKey[pytest.TestReport]()
timings = {}
DATABASE_SETUP = """
import json, time
from django.core.management import call_command
timings = {}
for command, options in (("migrate", {"interactive": False}), ("createcachetable", {}),
                         ("load_demo", {})):
    started = time.monotonic()
    call_command(command, verbosity=0, **options)
    timings[command] = time.monotonic() - started
print(json.dumps(timings))
"""


def require(present, what):
    """Skip without `what` locally; in CI its absence is a failure, never a silent skip."""
    if present:
        return
    message = f"browser tests need {what}"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A page's script errors fail its test, or are shown beside the test's own failure."""
    watches = item.stash.get(WATCHES, [])
    try:
        result = yield
    except BaseException:
        errors = [e for watch in watches for e in watch.unexpected()]
        if errors:
            item.add_report_section("call", "browser errors", "\n".join(errors))
        raise
    errors = [e for watch in watches for e in watch.unexpected()]
    if errors:
        pytest.fail("errors in the page:\n" + "\n".join(errors), pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[CALL_REPORT] = report
    return report


def pytest_terminal_summary(terminalreporter):
    if not timings:
        return
    terminalreporter.write_sep("-", "browser tests")
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items())
    terminalreporter.write_line(f"server set-up: {steps}")
    count = len(set(browser.screenshots_taken))
    terminalreporter.write_line(f"screenshots ({count}): {browser.screenshots_dir()}")


class Server:
    """gunicorn on the embedded default, in a temporary folder of its own."""

    def __init__(self, tmp):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tmp = tmp
        self.mail = tmp / "mail"
        (tmp / "static").mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.dev",
            DEBUG="false",
            DATABASE_URL=f"sqlite:///{tmp}/e2e.sqlite3",
            CACHE_URL="dbcache://e2e_cache",
            MEDIA_ROOT=str(tmp / "media"),
            STATIC_ROOT=str(tmp / "static"),
            SEARCH_URL="",
            EMAIL_URL=f"filemail:///{self.mail}",
            WAGTAILADMIN_BASE_URL=self.url,
            CORS_ALLOWED_ORIGINS=f"http://localhost:{self.port}",
            LOG_LEVEL="WARNING",
            **{f"API_{name}_RATE": GENEROUS_RATE for name in RATES},
        )
        self.env = env

    def manage(self, *args):
        """Run a management command against the server's database; returns what it printed."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=browser.ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def django(self, code):
        """Run Python in the server's Django (its database and cache); returns what it printed."""
        return self.manage("shell", "--verbosity", "0", "-c", code)

    def start(self):
        # One process for the three commands: Django starts once.
        timings.update(json.loads(self.django(DATABASE_SETUP).splitlines()[-1]))
        started = time.monotonic()
        self.log_path = self.tmp / "gunicorn.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 (a pipe nobody reads would block it)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cms.wsgi", "--workers", "2", "--threads", "4",
             "--bind", f"127.0.0.1:{self.port}", "--timeout", "120", "--no-control-socket"],
            cwd=browser.ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self._wait_ready()
        timings["gunicorn"] = time.monotonic() - started

    def _wait_ready(self):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if requests.get(f"{self.url}/healthz", timeout=10).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not start:\n{self.log_path.read_text()[-4000:]}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


@pytest.fixture(scope="package")
def chromium():
    """Debian's Chromium, headless, for the whole package (closed before the rest of the suite,
    whose database access must not run beside Playwright's event loop)."""
    require(os.access(CHROMIUM, os.X_OK), f"Chromium at {CHROMIUM} (apt-get install chromium)")
    require(browser.AXE.is_file(), f"axe-core at {browser.AXE} (make install)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        require(False, "Playwright for Python (make install)")
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture(scope="package")
def e2e_server(chromium, tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("e2e"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="package")
def live_url(e2e_server):
    return e2e_server.url


def open_page(request, chromium, live_url, **options):
    """A fresh context and page, watched for errors, screenshotted if the test fails."""
    context = chromium.new_context(
        base_url=live_url, locale="fr-FR", timezone_id="Europe/Paris", **options
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    watch = browser.ErrorWatch(page)
    browser.watches[page] = watch
    request.node.stash.setdefault(WATCHES, []).append(watch)
    yield page
    report = request.node.stash.get(CALL_REPORT, None)
    if report is not None and report.failed:
        folder = browser.screenshots_dir()
        folder.mkdir(parents=True, exist_ok=True)
        name = request.node.nodeid.replace("/", "_").replace("::", "-")
        page.screenshot(path=folder / f"FAILED-{name}-{request.fixturename}.png", full_page=True)
    del browser.watches[page]
    context.close()


@pytest.fixture
def page(request, chromium, live_url):
    yield from open_page(request, chromium, live_url, viewport=browser.PHONE, is_mobile=True,
                         has_touch=True)  # fmt: skip


@pytest.fixture
def desktop_page(request, chromium, live_url):
    yield from open_page(request, chromium, live_url, viewport=browser.DESKTOP)


@pytest.fixture
def nojs_page(request, chromium, live_url):
    for page in open_page(request, chromium, live_url, viewport=browser.PHONE, is_mobile=True,
                          has_touch=True, java_script_enabled=False):  # fmt: skip
        browser.pages_without_javascript.add(page)
        yield page
        browser.pages_without_javascript.discard(page)


@pytest.fixture
def assert_accessible():
    return browser.assert_accessible


@pytest.fixture
def screenshot():
    return browser.screenshot


@pytest.fixture
def expect_console_errors():
    return browser.expect_console_errors


@pytest.fixture
def sent_emails(e2e_server):
    return lambda: browser.read_emails(e2e_server.mail)
