"""{% glossed_fiche page as fiche %} (a métier) and {% glossed_formation page as fiche %}: the
fiche's texts with their glossary terms marked, and the list of the terms used, for the
definitions shown below the fiche."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from cms.glossaire.markup import Glosser, anchor
from cms.glossaire.models import Terme

register = template.Library()

RICH_FIELDS = ("description", "missions", "competences", "qualites")


@register.simple_tag
def glossed_fiche(page):
    glosser = Glosser(list(Terme.objects.all()))
    fiche = {
        name: mark_safe(glosser.html(expand_db_html(getattr(page, name)))) for name in RICH_FIELDS
    }
    fiche["perspectives"] = mark_safe(glosser.text(page.perspectives))
    fiche["faq"] = [
        {"question": item.question, "reponse": mark_safe(glosser.text(item.reponse))}
        for item in page.faq.all()
    ]
    fiche["termes"] = used_terms(glosser)
    return fiche


@register.simple_tag
def glossed_formation(page):
    glosser = Glosser(list(Terme.objects.all()))
    description = mark_safe(glosser.html(expand_db_html(page.description)))
    return {"description": description, "termes": used_terms(glosser)}


def used_terms(glosser):
    """The terms marked so far, in order, with the anchor their links point to."""
    return [{"terme": t, "anchor": anchor(t)} for t in glosser.used]
