"""Fixtures of the campaign tests: the demo's campaigns, and a fresh one a test can count on."""

from datetime import date

import pytest

from cms.campagnes.models import CampagneIndexPage, CampagnePage, LienCourt

USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


@pytest.fixture
def browser(client):
    """A client that presents itself as a phone's browser, as a student's would."""
    client.defaults["HTTP_USER_AGENT"] = USER_AGENT
    return client


@pytest.fixture
def campagne(db):
    """A live campaign of its own, with one short link, so counts start from zero."""
    index = CampagneIndexPage.objects.get()
    page = CampagnePage(
        title="Campagne de test",
        slug="campagne-de-test",
        influenceur_nom="Alex (fictif)",
        influenceur_compte="@alex.test",
        plateforme="tiktok",
        theme="orientation",
        debut=date(2026, 1, 1),
        fin=date(2026, 12, 31),
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    LienCourt.objects.create(code="tiktok-alex-test", campagne=page)
    return page
