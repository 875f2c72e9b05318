"""`{% metier_listing as listing %}` and `{% formation_listing as listing %}`: the list pages'
filtered contents, read from the address (see cms.frontend.catalogue)."""

from django import template

from cms.frontend import catalogue

register = template.Library()


@register.simple_tag(takes_context=True)
def metier_listing(context):
    return catalogue.metier_listing(context["page"], context["request"].GET)


@register.simple_tag(takes_context=True)
def formation_listing(context):
    return catalogue.formation_listing(context["page"], context["request"].GET)
