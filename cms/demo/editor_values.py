"""Demo values stored exactly as Wagtail's editor saves them.

The editor (Draftail) turns the stored HTML into its own format and back on every save, and a
multiple choice is saved in the order of its list, not in the order it was picked. Demo values
written by hand differ from that in details a reader never sees, so the first review of a demo
page would list those fields as changed with nothing highlighted. The loader stores the
editor's own output instead: a reviewer then sees only the real change.
"""

import json
from functools import cache

from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.fields import RichTextField, StreamField


@cache
def _converter(editor, features):
    return get_rich_text_editor_widget(editor, features=list(features) if features else None)


def editor_html(html, editor="default", features=None):
    """The HTML as the editor would save it, unchanged."""
    widget = _converter(editor, tuple(features) if features else None)
    return widget.converter.to_database_format(widget.converter.from_database_format(html))


def _block_value(block, value):
    if isinstance(block, blocks.RichTextBlock):
        return editor_html(value, block.editor, block.features)
    if isinstance(block, blocks.StreamBlock):
        return _stream_value(block, value)
    if isinstance(block, blocks.StructBlock):
        return {
            name: _block_value(block.child_blocks[name], item)
            if name in block.child_blocks
            else item
            for name, item in value.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [_list_item(block.child_block, item) for item in value]
    return value


def _list_item(block, item):
    """A list item is either a bare value or, with its id, {"type": "item", "value": ...}."""
    if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
        return {**item, "value": _block_value(block, item["value"])}
    return _block_value(block, item)


def _stream_value(stream_block, items):
    return [
        {**item, "value": _block_value(stream_block.child_blocks[item["type"]], item["value"])}
        for item in items
    ]


def editor_value(field, value):
    """A model field's value as the editor saves it: rich text in Draftail's HTML, multiple
    choices in the order of the list (other values as given)."""
    if isinstance(field, RichTextField) and value:
        return editor_html(value, field.editor, field.features)
    if isinstance(field, ParentalManyToManyField):
        return list(field.related_model._default_manager.filter(pk__in=[v.pk for v in value]))
    if isinstance(field, StreamField) and isinstance(value, str):
        return json.dumps(_stream_value(field.stream_block, json.loads(value)))
    return value


def editor_fields(model, fields):
    """The fields to set on a `model` instance, their rich text as the editor saves it."""
    concrete = {field.name: field for field in model._meta.get_fields()}
    return {
        name: editor_value(concrete[name], value) if name in concrete else value
        for name, value in fields.items()
    }
