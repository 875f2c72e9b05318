"""Mark the first occurrence of each glossary term in a fiche, with a link to its definition
written out below the fiche: readable on a phone and by a screen reader, not hover-only."""

import re

from django.utils.html import escape

_TAG = re.compile(r"(<[^>]+>)")
_OPENS_LINK = re.compile(r"<a[\s>]", re.IGNORECASE)
_CLOSES_LINK = re.compile(r"</a\s*>", re.IGNORECASE)


def anchor(terme):
    return f"glossaire-{terme.slug}"


def term_pattern(termes):
    """One regex for every form of every term, longest first, on word boundaries.

    Acronyms match their case exactly ("BUT" is not "but"); other words ignore the case."""
    forms = sorted(
        ((form, terme) for terme in termes for form in terme.forms),
        key=lambda item: -len(item[0]),
    )
    if not forms:
        return None, {}
    owners = {}
    parts = []
    for form, terme in forms:
        key = form if terme.is_acronym else form.lower()
        if key in owners:
            continue
        owners[key] = terme
        escaped = re.escape(form)
        parts.append(escaped if terme.is_acronym else f"(?i:{escaped})")
    regex = re.compile(r"(?<![\w·-])(?:" + "|".join(parts) + r")(?![\w·-])")
    return regex, owners


class Glosser:
    """Marks terms across the several parts of one fiche: each term once, the first time."""

    def __init__(self, termes):
        self.regex, self.owners = term_pattern(termes)
        self.used = []

    def _owner(self, matched):
        return self.owners.get(matched) or self.owners.get(matched.lower())

    def _mark(self, match):
        terme = self._owner(match.group(0))
        if terme is None or terme in self.used:
            return match.group(0)
        self.used.append(terme)
        text = escape(match.group(0))
        if terme.is_acronym:
            text = f'<abbr title="{escape(terme.definition)}">{text}</abbr>'
        return f'<a class="terme" href="#{anchor(terme)}">{text}</a>'

    def html(self, html):
        """Mark terms in the text of an HTML fragment, never inside a tag or an existing link."""
        if self.regex is None:
            return html
        out, in_link = [], 0
        for chunk in _TAG.split(str(html or "")):
            if chunk.startswith("<"):
                if _OPENS_LINK.match(chunk):
                    in_link += 1
                elif _CLOSES_LINK.match(chunk):
                    in_link = max(0, in_link - 1)
                out.append(chunk)
            elif in_link:
                out.append(chunk)
            else:
                out.append(self.regex.sub(self._mark, chunk))
        return "".join(out)

    def text(self, text):
        return self.html(escape(text or ""))


def found_in(text, termes):
    """The terms a plain text uses (for checks and Charly), in order of first appearance."""
    regex, owners = term_pattern(termes)
    if regex is None:
        return []
    seen = []
    for match in regex.finditer(text):
        terme = owners.get(match.group(0)) or owners.get(match.group(0).lower())
        if terme is not None and terme not in seen:
            seen.append(terme)
    return seen
