"""The métier ↔ formation and formation ↔ établissement relations in the admin (issue 16):
ordered rows chosen with Wagtail's searchable choosers, the formation showing the métiers it
leads to, previews that show a revision's own links, and the data migration that kept the
links and their order."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape
from wagtail.test.utils.form_data import querydict_from_html

from cms.formations.models import Etablissement, FormationPage
from cms.metiers.models import MetierFormation, MetierPage

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(client, page):
    """The edit form's data as the browser posts it (without the rows' empty templates)."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for key in [key for key in data if "__prefix__" in key]:
        del data[key]
    return data


def rows(data, relation, target):
    count = int(data[f"{relation}-TOTAL_FORMS"])
    return [data[f"{relation}-{i}-{target}"] for i in range(count)]


def reorder(data, relation, new_order):
    """Give the existing rows the positions of `new_order` (a permutation of their indexes)."""
    for position, index in enumerate(new_order, start=1):
        data[f"{relation}-{index}-ORDER"] = str(position)


def add_row(data, relation, target, value):
    """A row chosen in the chooser, placed first."""
    index = int(data[f"{relation}-TOTAL_FORMS"])
    data[f"{relation}-TOTAL_FORMS"] = str(index + 1)
    data.update({f"{relation}-{index}-{target}": str(value), f"{relation}-{index}-id": "",
                 f"{relation}-{index}-ORDER": "0", f"{relation}-{index}-DELETE": ""})  # fmt: skip


def publish(client, page, data):
    data["action-publish"] = "action-publish"
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_metier_shows_its_formations_in_order_in_a_multiple_chooser(admin_client_fr):
    page = MetierPage.objects.get(slug="pentester")
    links = list(page.formation_links.select_related("formation"))
    assert len(links) >= 3
    response = admin_client_fr.get(edit_url(page))
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    assert rows(data, "formation_links", "formation") == [str(link.formation_id) for link in links]
    assert "w-multiple-chooser" in html or "MultipleChooserPanel" in html
    for link in links:
        assert escape(link.formation.title) in html, "the chosen formations are visible"


def test_a_formation_shows_its_etablissements_and_the_metiers_it_leads_to(admin_client_fr):
    formation = FormationPage.objects.get(slug="master-cybersecurite")
    metiers = list(formation.debouches.all())
    assert metiers
    html = admin_client_fr.get(edit_url(formation)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    assert rows(data, "etablissement_links", "etablissement") == [
        str(e.pk) for e in formation.linked_etablissements
    ]
    for etablissement in formation.linked_etablissements:
        assert escape(str(etablissement)) in html
    assert "Métiers auxquels elle mène" in html
    for metier in metiers:
        assert escape(metier.title) in html
        assert edit_url(metier) in html, "one click opens the métier to link from there"


def test_the_formation_chooser_searches_and_marks_drafts(admin_client_fr):
    FormationPage.objects.get(slug="bachelor-ux-ui-design").unpublish()
    response = admin_client_fr.get(
        reverse("wagtailadmin_choose_page_search"),
        {"q": "design", "page_type": "formations.formationpage"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bachelor" in html
    assert "game design" in html.lower()
    assert "Brouillon" in html or "brouillon" in html, "a draft is marked as such"
    assert "Développeur" not in html, "only formations are offered"


def test_the_etablissement_chooser_searches(admin_client_fr):
    response = admin_client_fr.get(
        reverse("wagtailsnippetchoosers_formations_etablissement:choose_results"),
        {"q": "Lyon"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    lyon = Etablissement.objects.filter(ville__icontains="lyon")
    assert lyon
    assert any(escape(e.nom) in html for e in lyon)
    others = Etablissement.objects.exclude(ville__icontains="lyon").exclude(nom__icontains="lyon")
    assert not any(f">{escape(e.nom)}<" in html for e in others[:20])


def test_metier_links_reordered_and_added_in_the_admin_are_published_in_order(
    admin_client_fr, client
):
    page = MetierPage.objects.get(slug="pentester")
    before = [link.formation.slug for link in page.formation_links.all()]
    added = FormationPage.objects.get(slug="bts-ciel")
    assert added.slug not in before
    data = edit_form(admin_client_fr, page)
    reorder(data, "formation_links", reversed(range(len(before))))
    add_row(data, "formation_links", "formation", added.pk)
    publish(admin_client_fr, page, data)

    expected = [added.slug, *reversed(before)]
    assert [link.formation.slug for link in page.formation_links.all()] == expected
    body = client.get("/api/v1/metiers/pentester/", HTTP_HOST="localhost").json()
    assert [f["slug"] for f in body["formations"]] == expected
    assert page in added.debouches.all(), "the formation now leads to the métier"
    formation_html = admin_client_fr.get(edit_url(added)).content.decode()
    assert escape(page.title) in formation_html


def test_a_link_removed_in_the_admin_disappears_from_both_sides(admin_client_fr):
    page = MetierPage.objects.get(slug="pentester")
    first = page.formation_links.first().formation
    data = edit_form(admin_client_fr, page)
    data["formation_links-0-DELETE"] = "on"
    publish(admin_client_fr, page, data)
    assert first not in page.formations.all()
    assert page not in first.debouches.all()


def test_etablissements_reordered_in_the_admin_are_published_in_order(admin_client_fr, client):
    formation = FormationPage.objects.get(slug="but-informatique")
    before = [e.slug for e in formation.linked_etablissements]
    assert len(before) >= 2
    data = edit_form(admin_client_fr, formation)
    reorder(data, "etablissement_links", reversed(range(len(before))))
    publish(admin_client_fr, formation, data)
    body = client.get("/api/v1/formations/but-informatique/", HTTP_HOST="localhost").json()
    assert [e["slug"] for e in body["etablissements"]] == list(reversed(before))


def test_a_duplicate_row_is_refused_in_french_and_nothing_changes(admin_client_fr):
    page = MetierPage.objects.get(slug="pentester")
    before = list(page.formation_links.values_list("pk", "formation_id", "sort_order"))
    data = edit_form(admin_client_fr, page)
    add_row(data, "formation_links", "formation", before[0][1])
    data["action-publish"] = "action-publish"
    response = admin_client_fr.post(edit_url(page), data)
    assert response.status_code == 200, "the form is shown again with the error"
    assert list(page.formation_links.values_list("pk", "formation_id", "sort_order")) == before


def test_a_preview_shows_the_links_of_its_revision_not_the_live_ones(admin_user):
    page = MetierPage.objects.get(slug="pentester")
    added = FormationPage.objects.get(slug="bts-ciel")
    page.formation_links.add(MetierFormation(formation=added, sort_order=0))
    draft = page.save_revision(user=admin_user).as_object()
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    request.user = admin_user
    response = draft.make_preview_request(request, "")
    assert response.status_code == 200
    assert escape(added.title) in response.render().content.decode()
    assert not MetierFormation.objects.filter(page=page, formation=added).exists(), (
        "a draft's links wait for publication"
    )


# The data migration, run on a throwaway database migrated up to the old fields.

MIGRATION_SCRIPT = """
import json
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

before = [("metiers", "0003_sources"), ("formations", "0001_initial")]
# Without the migrate command's post_migrate handlers, which expect every app migrated.
executor = MigrationExecutor(connection)
executor.migrate(before)
apps = executor.loader.project_state(before).apps
ContentType = apps.get_model("contenttypes", "ContentType")
Locale = apps.get_model("wagtailcore", "Locale")
Revision = apps.get_model("wagtailcore", "Revision")
locale = Locale.objects.first()
page_type = ContentType.objects.get(app_label="wagtailcore", model="page")


def page(label, number, **fields):
    model = apps.get_model(*label.split("."))
    kind, _ = ContentType.objects.get_or_create(
        app_label=model._meta.app_label, model=model._meta.model_name
    )
    return model.objects.create(
        title=f"{label} {number}", draft_title=f"{label} {number}", slug=f"p{number}",
        path=f"00019{number:03d}", depth=2, numchild=0, url_path=f"/p{number}/",
        content_type=kind, locale=locale, live=True, **fields,
    )


formations = [page("formations.FormationPage", n, niveau_sortie=2) for n in range(1, 4)]
metier = page("metiers.MetierPage", 4, niveau_acces_min=2, niveau_acces_usuel=2)
Etablissement = apps.get_model("formations", "Etablissement")
schools = [
    Etablissement.objects.create(nom=f"Lycée {n}", slug=f"lycee-{n}", type="lycee",
        statut="public", code_postal="69001", ville="Lyon", region="auvergne-rhone-alpes",
        latitude=45.76, longitude=4.83)
    for n in range(3)
]
# Added in this order: the order the old multi-select showed.
def old_rows(label, field):
    return apps.get_model(*label.split("."))._meta.get_field(field).remote_field.through


metier_rows = old_rows("metiers.MetierPage", "formations")
for formation in (formations[2], formations[0], formations[1]):
    metier_rows.objects.create(metierpage_id=metier.pk, formationpage_id=formation.pk)
formation_rows = old_rows("formations.FormationPage", "etablissements")
for school in (schools[1], schools[2], schools[0]):
    formation_rows.objects.create(formationpage_id=formations[0].pk, etablissement_id=school.pk)
metier_type = ContentType.objects.get(app_label="metiers", model="metierpage")
Revision.objects.create(
    content_type=metier_type, base_content_type=page_type, object_id=str(metier.pk),
    object_str="draft", created_at=timezone.now(), content={"pk": metier.pk, "title": "draft",
    "formations": [formations[1].pk, formations[2].pk]},
)

after = [("metiers", "0004_metierformation"), ("formations", "0002_formationetablissement")]
executor = MigrationExecutor(connection)
executor.migrate(after)
apps = executor.loader.project_state(after).apps


def linked(label, page, target):
    links = apps.get_model(*label.split(".")).objects.filter(page_id=page.pk).order_by("sort_order")
    return [(getattr(link, f"{target}_id"), link.sort_order) for link in links]


draft = Revision.objects.get(object_id=str(metier.pk))
draft.refresh_from_db()
print(json.dumps({
    "expected_metier": [[formations[i].pk, position] for position, i in enumerate((2, 0, 1))],
    "metier": linked("metiers.MetierFormation", metier, "formation"),
    "expected_formation": [[schools[i].pk, position] for position, i in enumerate((1, 2, 0))],
    "formation": linked("formations.FormationEtablissement", formations[0], "etablissement"),
    "expected_draft": [formations[1].pk, formations[2].pk],
    "draft": [row["formation"] for row in draft.content["formation_links"]],
    "draft_keys": sorted(draft.content),
}))
"""


def test_the_data_migration_keeps_the_links_their_order_and_the_drafts_choices(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'migration.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", MIGRATION_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["metier"] == found["expected_metier"]
    assert found["formation"] == found["expected_formation"]
    assert found["draft"] == found["expected_draft"], "a draft keeps the formations it chose"
    assert "formations" not in found["draft_keys"]
