"""What the Semaine du numérique and Trophées NSI pages (Wagtail pages edited by the commission)
show from the events room: this edition's events, and the published palmarès."""

from types import SimpleNamespace

from django import template

from evenements.semaine import queries
from evenements.trophees import services as trophees

register = template.Library()


@register.simple_tag
def evenements_edition():
    """The latest published edition (None if there is none) and its public events, by date."""
    edition = queries.derniere_edition()
    found = queries.filtrer(queries.evenements_publics(), edition=edition) if edition else []
    return SimpleNamespace(edition=edition, evenements=list(found))


@register.simple_tag
def palmares_publies():
    """The Trophées editions whose results are published, latest first, with their laureates."""
    return [edition for edition in trophees.public_editions() if edition.resultats_publies]
