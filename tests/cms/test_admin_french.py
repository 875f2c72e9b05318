"""French throughout the admin: a commission member follows every link of the menu, and the
first links of each page it opens (GET only), and never meets one of the English leftovers
editors reported: "Root", "query logs", True/False/None, "Welcome", English relative dates,
Wagtail's English slug help text. And Wagtail's default groups and workflow are gone for good."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Task, Workflow

from cms.home.editorial import COMMISSION_GROUP, REDACTEURS_GROUP
from tests.cms.admin_menu import menu_links

pytestmark = pytest.mark.django_db

FORBIDDEN = {
    "Root": re.compile(r"\bRoot\b"),
    "query log": re.compile(r"query[ _]?logs?\b", re.I),
    ">True<": re.compile(r">\s*True\s*<"),
    ">False<": re.compile(r">\s*False\s*<"),
    ">None<": re.compile(r">\s*None\s*<"),
    "Welcome": re.compile(r"\bWelcome\b"),
    "English relative date": re.compile(r"\b(ago|just now)\b"),
    "English slug help": re.compile(r"The name of the page as it will appear in URLs"),
}
# Links a crawl must not follow: leaving the session, files, the public site's previews.
SKIPPED = re.compile(r"logout|/preview/|export=|\.csv|/documents/\d|/images/\d+/generate_url")
# How many new pages a crawled page may add (an intent list links to 40 intents).
PER_PAGE = 12


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.hrefs.append(href)


def admin_links(html):
    parser = _Links()
    parser.feed(html)
    return [href for href in parser.hrefs if href.startswith("/admin/")]


def leftovers(html):
    # Scripts hold Wagtail's own code and configuration, not words an editor reads.
    text = re.sub(r"<script\b[^>]*src=[^>]*>\s*</script>", "", html)
    return sorted(name for name, pattern in FORBIDDEN.items() if pattern.search(text))


def crawl(client, start_urls):
    seen, found, todo = set(), {}, [(url, 0) for url in start_urls]
    while todo:
        url, depth = todo.pop(0)
        path = urlsplit(url).path
        if path in seen or SKIPPED.search(url):
            continue
        seen.add(path)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if bad := leftovers(html):
            found[url] = bad
        if depth == 0:
            fresh = [
                link for link in dict.fromkeys(admin_links(html)) if urlsplit(link).path not in seen
            ]
            todo += [(link, 1) for link in fresh[:PER_PAGE]]
    return seen, found


@pytest.fixture
def commission(client, django_user_model):
    user = django_user_model.objects.create_user("claire", password="x", first_name="Claire")
    user.groups.add(Group.objects.get(name=COMMISSION_GROUP))
    client.force_login(user)
    return client


def test_the_commissions_admin_speaks_french(commission):
    home = commission.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert leftovers(home.content.decode()) == []
    urls = [link.url for link in menu_links(home.content.decode()) if link.url.startswith("/")]
    assert len(urls) >= 15

    seen, found = crawl(commission, urls)

    assert len(seen) >= 60, sorted(seen)
    assert found == {}


def test_the_explorer_starts_at_the_home_page(commission):
    home_page = Page.objects.get(depth=2)
    links = menu_links(commission.get(reverse("wagtailadmin_home")).content.decode())
    explorer = commission.get(reverse("wagtailadmin_explore_root"), follow=True)
    assert explorer.status_code == 200
    assert explorer.redirect_chain or home_page.title in explorer.content.decode()
    assert "Root" not in explorer.content.decode()
    assert any(link.name == "explorer" for link in links)


def test_wagtails_default_groups_and_workflow_are_gone_even_after_the_demo():
    call_command("load_demo", verbosity=0)
    assert set(Group.objects.values_list("name", flat=True)) >= {
        COMMISSION_GROUP,
        REDACTEURS_GROUP,
    }
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert list(Workflow.objects.values_list("name", flat=True)) == [
        "Validation par la commission communication"
    ]
