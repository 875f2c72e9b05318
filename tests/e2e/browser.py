"""What a browser test checks on a page besides its own scenario: no script error, no serious
accessibility violation (axe-core), and screenshots at the two sizes we design for.

Plain functions of a Playwright page, so that a scenario can call them directly; the conftest
hands the same functions out as fixtures.
"""

import email
import os
import re
from email import policy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
# Django's file e-mail backend writes each message followed by a line of 79 dashes.
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"

# axe yields with setTimeout, whose timers never fire in a page without JavaScript: there they
# become microtasks (the page's own scripts never ran, so nothing else sees the change).
TIMERS_AS_MICROTASKS = """() => {
  window.setTimeout = (run, delay, ...args) => { Promise.resolve().then(() => run(...args)); };
  window.clearTimeout = () => {};
}"""

screenshots_taken = []
pages_without_javascript = set()


def screenshots_dir():
    folder = Path(os.environ.get("E2E_SCREENSHOTS_DIR") or ROOT / "build" / "e2e-screenshots")
    return folder.resolve()


class ErrorWatch:
    """The uncaught errors and console errors of one page, less those a test said to expect."""

    def __init__(self, page):
        self.errors = []
        self.expected = []
        page.on("console", self._console)
        page.on("pageerror", self._page_error)

    def _console(self, message):
        if message.type == "error":
            where = message.location or {}
            self.errors.append(
                f"console error: {message.text} ({where.get('url')}:{where.get('lineNumber')})"
            )

    def _page_error(self, error):
        self.errors.append(f"uncaught error: {error.message}\n{error.stack or ''}".rstrip())

    def expect(self, *patterns):
        self.expected.extend(re.compile(pattern) for pattern in patterns)

    def unexpected(self):
        return [e for e in self.errors if not any(p.search(e) for p in self.expected)]


watches = {}


def expect_console_errors(page, *patterns):
    """Let errors matching these regular expressions pass on this page (e.g. the console line
    Chromium writes for an HTTP error a scenario provokes on purpose: "status of 409")."""
    watches[page].expect(*patterns)


def assert_accessible(page, name):
    """Run axe-core (WCAG 2.1 A and AA rules) on the page as it is now; fail listing every
    serious or critical violation."""
    if page in pages_without_javascript:
        page.evaluate(TIMERS_AS_MICROTASKS)
    # Evaluated through the DevTools protocol: no script tag, so a page's CSP cannot block it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: "
        "['violations']})",
        AXE_TAGS,
    )
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe on {name} ({page.url}):\n" + "\n".join(map(describe, blocking))


def describe(violation):
    nodes = "\n".join(
        f"    {' '.join(node['target'])}: {node['html'][:200]}" for node in violation["nodes"]
    )
    return f"  [{violation['impact']}] {violation['id']}: {violation['help']}\n{nodes}"


def screenshot(page, name):
    """Save the whole page at the phone and the desktop sizes (`<name>-390x844.png` and
    `<name>-1280x800.png`), then give the page its own size back; returns the two paths."""
    folder = screenshots_dir()
    folder.mkdir(parents=True, exist_ok=True)
    own_size = page.viewport_size
    paths = []
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        path = folder / f"{name}-{size['width']}x{size['height']}.png"
        page.screenshot(path=path, full_page=True, animations="disabled")
        paths.append(path)
    page.set_viewport_size(own_size)
    screenshots_taken.extend(paths)
    return paths


def read_emails(folder):
    """Every message written by Django's file e-mail backend into `folder`, oldest first."""
    messages = []
    for path in sorted(Path(folder).glob("*.log")):
        for raw in path.read_bytes().split(MAIL_SEPARATOR):
            if raw.strip():
                messages.append(email.message_from_bytes(raw.lstrip(), policy=policy.default))
    return messages
