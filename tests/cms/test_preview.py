"""Every page type previews from a revision, in every preview mode: what editors see with
"Aperçu" and what reviewers open from the moderation e-mail."""

import pytest
from django.test import RequestFactory
from wagtail.models import get_page_models

pytestmark = pytest.mark.django_db
PAGE_TYPES = [model for model in get_page_models() if model._meta.app_label != "wagtailcore"]


def test_every_page_type_is_covered():
    assert len(PAGE_TYPES) >= 12


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_a_revision_previews_in_every_mode(model, admin_user):
    page = model.objects.live().first()
    assert page is not None, f"the demo has no {model.__name__}"
    revision = page.save_revision(user=admin_user)
    draft = revision.as_object()
    for mode, _ in draft.preview_modes:
        request = RequestFactory().get("/", HTTP_HOST="localhost")
        request.user = admin_user
        response = draft.make_preview_request(request, mode)
        assert response.status_code in (200, 302), (type(page).__name__, mode)
        if mode == "":
            assert response.status_code == 200
            assert page.title.split()[0] in response.render().content.decode()
