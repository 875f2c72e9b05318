"""Clean first reviews (issue 16, point 5): the demo stores rich text and multiple choices as
Wagtail's editor saves them, so an editor who saves a demo page without touching it creates a
revision that the moderation diff shows as unchanged; a reviewer then sees only the real change.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import get_page_models
from wagtail.test.utils.form_data import querydict_from_html

from cms.home.models import StandardPage

pytestmark = pytest.mark.django_db
PAGE_TYPES = [model for model in get_page_models() if model._meta.app_label != "wagtailcore"]
# Measured on 2 December: their rich text is clean, but these fields are still listed (the
# order of multiple choices on the fiches, the key figures' and calendar StreamFields). Strict:
# the mark must go as soon as they are fixed.
STILL_LISTED = {
    "MetierPage": "Bacs conseillés, Spécialités conseillées, Métiers proches",
    "FormationPage": "Spécialités conseillées",
    "FemmesNumeriquePage": "Contenu",
    "TropheesNsiPage": "Contenu",
}


def page_type_param(model):
    reason = STILL_LISTED.get(model.__name__)
    marks = [pytest.mark.xfail(reason=f"still listed: {reason}", strict=True)] if reason else []
    return pytest.param(model, marks=marks, id=model.__name__)


def block_data(block, value, prefix):
    """A StreamField's POST data as the editor's scripts build it from the stored value."""
    if isinstance(block, blocks.StreamBlock):
        return children_data(value, prefix, lambda child: child.block, type_of=True)
    if isinstance(block, blocks.ListBlock):
        return children_data(value.bound_blocks, prefix, lambda child: block.child_block)
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            data.update(block_data(child_block, value.get(name), f"{prefix}-{name}"))
        return data
    state = block.get_form_state(value)
    if isinstance(state, bool):
        return {prefix: "on"} if state else {}
    if isinstance(state, dict):
        return {prefix: str(state["id"])}
    return {prefix: "" if state is None else state}


def children_data(children, prefix, block_of, type_of=False):
    data = {f"{prefix}-count": str(len(children))}
    for index, child in enumerate(children):
        item = f"{prefix}-{index}"
        data.update({f"{item}-id": child.id or "", f"{item}-deleted": "",
                     f"{item}-order": str(index)})  # fmt: skip
        if type_of:
            data[f"{item}-type"] = child.block_type
        data.update(block_data(block_of(child), child.value, f"{item}-value"))
    return data


def unchanged_form_data(client, page):
    """The edit form as a browser posts it when the editor changes nothing."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    # A checked box without a value attribute is sent as "on" by a browser.
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    for box in form.select("input[type=checkbox][checked]:not([value])"):
        data[box["name"]] = "on"
    streams = [f for f in type(page)._meta.get_fields() if isinstance(f, StreamField)]
    for key in list(data):
        if "__prefix__" in key or any(key.startswith(f"{f.name}-") for f in streams):
            del data[key]
    for field in streams:
        data.update(block_data(field.stream_block, getattr(page, field.name), field.name))
    return data


def test_every_page_type_is_covered():
    assert len(PAGE_TYPES) >= 12


@pytest.mark.parametrize("model", [page_type_param(model) for model in PAGE_TYPES])
def test_saving_a_demo_page_unchanged_shows_no_change_to_review(admin_client_fr, model):
    page = model.objects.live().first()
    assert page is not None, f"the demo has no {model.__name__}"
    previous = page.get_latest_revision()
    response = admin_client_fr.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        unchanged_form_data(admin_client_fr, page),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    latest = model.objects.get(pk=page.pk).get_latest_revision()
    assert latest.pk != previous.pk, "saving creates a revision"

    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[page.pk, previous.pk, latest.pk]
    )
    response = admin_client_fr.get(compare)
    assert response.status_code == 200
    changed = [comparison.field_label() for comparison in response.context["comparison"]]
    assert changed == [], f"{model.__name__}: {changed} listed as changed"


def test_the_comparison_still_shows_a_real_change(admin_client_fr):
    """The same check sees an edit: the test above cannot pass by comparing nothing."""
    page = StandardPage.objects.live().first()
    previous = page.get_latest_revision()
    data = unchanged_form_data(admin_client_fr, page)
    data["introduction"] = "Une introduction réécrite pour la relecture."
    response = admin_client_fr.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    latest = StandardPage.objects.get(pk=page.pk).get_latest_revision()
    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[page.pk, previous.pk, latest.pk]
    )
    changed = [c.field_label() for c in admin_client_fr.get(compare).context["comparison"]]
    assert changed == ["Introduction"]
