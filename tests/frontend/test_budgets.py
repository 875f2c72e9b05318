"""Each main page of the student site stays light on a phone: its HTML, and the CSS and JavaScript
it loads (followed through the modules' imports), weighed as they travel (gzip), within the
budget that docs/frontend.md states. The budgets are read from that document's table, so the
document and the test cannot disagree. A page that is not built yet fails here, by name."""

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

DOC = Path(__file__).resolve().parents[2] / "docs" / "frontend.md"
KO = 1024
# A budget row of the document: | page | `address` | HTML | CSS + JS | total |
CELL = r"\s*(\d+)\s*\|"
BUDGET_ROW = re.compile(r"^\|\s*([^|]+?)\s*\|\s*`([^`]+)`\s*\|" + CELL * 3)
# The static imports of an ES module: `import x from "./a.js"`, `export … from`, `import "./b.js"`.
IMPORT = re.compile(r"""(?:^|[;\s])(?:import|export)\b[^"'`;]*?["']([^"']+\.m?js)["']""")


def budgets():
    rows = [BUDGET_ROW.match(line) for line in DOC.read_text(encoding="utf-8").splitlines()]
    return [
        pytest.param(m[2], int(m[3]), int(m[4]), int(m[5]), id=m[2]) for m in rows if m is not None
    ]


def gzipped(data):
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def static_file(url):
    """The bytes of a file of this site's static folder, from its URL."""
    path = urlsplit(url).path
    assert path.startswith(settings.STATIC_URL), f"{url} is not served by the site itself"
    found = finders.find(path[len(settings.STATIC_URL) :])
    assert found, f"{url} is referenced but does not exist"
    return Path(found).read_bytes()


def module_graph(url, seen):
    """This module and every module it imports, each once."""
    if url in seen:
        return
    seen[url] = static_file(url)
    for target in IMPORT.findall(seen[url].decode("utf-8")):
        module_graph(urljoin(url, target), seen)


def assets(html):
    """{url: bytes} of the stylesheets and scripts the page loads from the site."""
    page = BeautifulSoup(html, "html.parser")
    styles = {
        link["href"]: static_file(link["href"])
        for link in page.find_all("link", href=True)
        if "stylesheet" in link.get("rel", [])
    }
    scripts = {}
    for script in page.find_all("script", src=True):
        module_graph(urljoin("/", script["src"]), scripts)
    return styles, scripts


def weigh(client, address):
    response = client.get(address)
    assert response.status_code == 200, f"{address} answers {response.status_code}: not built yet?"
    styles, scripts = assets(response.content)
    files = {**styles, **scripts}
    return gzipped(response.content), sum(gzipped(data) for data in files.values()), files


@pytest.mark.parametrize(("address", "html_ko", "assets_ko", "total_ko"), budgets())
def test_page_weight_within_its_budget(client, address, html_ko, assets_ko, total_ko):
    html, loaded, files = weigh(client, address)
    report = f"{address}: HTML {html} o, CSS + JS {loaded} o ({', '.join(sorted(files))})"
    assert html <= html_ko * KO, report
    assert loaded <= assets_ko * KO, report
    assert html + loaded <= total_ko * KO, report


def test_the_document_states_a_budget_for_every_main_page():
    addresses = {param.values[0] for param in budgets()}
    assert {"/", "/metiers/", "/recherche/?q=cyber", "/test/", "/carte/", "/parcours/"} <= addresses
    assert any(a.startswith("/metiers/") and a != "/metiers/" for a in addresses)
    assert any(a.startswith("/formations/") for a in addresses)


def test_scripts_are_followed_through_their_imports(client):
    _, scripts = assets(client.get("/recherche/").content)
    assert {"/static/js/recherche.js", "/static/js/api.js"} <= set(scripts)
