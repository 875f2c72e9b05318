"""JSON bodies parsed safely: a body nested thousands of levels deep would exhaust Python's
recursion in the json module (a 500); it is refused as bad input before parsing."""

import codecs
import json

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32
INVALID = "Le corps de la requête n'est pas du JSON valide."


def nesting_depth(text):
    """The deepest nesting of objects and arrays in a JSON text (strings are skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


class SafeJSONParser(JSONParser):
    """DRF's JSON parser, with a nesting limit and an optional hook for duplicate keys."""

    object_pairs_hook = None

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
        except (UnicodeDecodeError, LookupError) as error:
            raise ParseError(INVALID) from error
        if nesting_depth(text) > MAX_DEPTH:
            raise ParseError(f"Le JSON est trop imbriqué ({MAX_DEPTH} niveaux au plus).")
        try:
            return json.loads(text, object_pairs_hook=self.object_pairs_hook)
        except ValueError as error:
            raise ParseError(INVALID) from error
