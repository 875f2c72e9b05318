"""Reading the admin's sidebar menu as an editor's browser receives it (the JSON props that
Wagtail's sidebar script renders), for tests that follow the menu like an editor would."""

import json
import re
from dataclasses import dataclass

PROPS = re.compile(
    r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S
)


@dataclass(frozen=True)
class MenuLink:
    menu: str  # the label of the submenu holding the link, "" at the top level
    label: str
    url: str
    name: str


def _items(node, menu, found):
    if isinstance(node, list):
        for item in node:
            _items(item, menu, found)
        return
    if not isinstance(node, dict):
        return
    args = node.get("_args")
    if isinstance(args, list) and args and isinstance(args[0], dict):
        head = args[0]
        if "url" in head and "label" in head:
            found.append(MenuLink(menu, head["label"], head["url"], head.get("name", "")))
        label = head.get("label", menu) if len(args) > 1 else menu
        for rest in args[1:]:
            _items(rest, label, found)
        return
    for value in node.values():
        _items(value, menu, found)


def menu_links(html):
    """Every link of the sidebar menu in an admin page's HTML."""
    match = PROPS.search(html)
    assert match, "no sidebar in this admin page"
    found = []
    _items(json.loads(match.group(1)), "", found)
    return found
