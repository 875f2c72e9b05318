"""Who may publish, the moderation workflow, and scheduled publishing."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data

from cms.home.editorial import COMMISSION_GROUP, REDACTEURS_GROUP
from cms.home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return StandardPage.objects.get(slug="a-propos")


def member_of(django_user_model, client, group_name):
    user = django_user_model.objects.create_user(slugify(group_name), password="x")
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return client


def edit(client, page, title, action):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "introduction": page.introduction,
            "body": {"count": "0"},
        }
    )
    data[action] = action
    return client.post(url, data)


def test_redacteur_can_edit_but_not_publish(client, django_user_model, page):
    member_of(django_user_model, client, REDACTEURS_GROUP)
    response = edit(client, page, "À propos (brouillon)", "action-publish")
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.title != "À propos (brouillon)", "a rédacteur must not publish"
    assert page.get_latest_revision().content["title"] == "À propos (brouillon)"


def test_redacteur_submits_to_the_commission(client, django_user_model, page):
    member_of(django_user_model, client, REDACTEURS_GROUP)
    response = edit(client, page, "À propos (à relire)", "action-submit")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title != "À propos (à relire)", "submitting does not publish"
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name.startswith("Relecture par la commission")


def test_commission_member_publishes(client, django_user_model, page):
    member_of(django_user_model, client, COMMISSION_GROUP)
    response = edit(client, page, "À propos de nous", "action-publish")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.title == "À propos de nous"


def schedule(title, go_live_at):
    home = HomePage.objects.get()
    page = StandardPage(title=title, live=False)
    home.add_child(instance=page)
    page.go_live_at = go_live_at
    page.body = "[]"
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live, "a future go-live date schedules the page instead of publishing it"
    return page, revision


def test_publish_scheduled_publishes_due_pages_only():
    due, due_revision = schedule("Bientôt en ligne", timezone.now() + timedelta(hours=1))
    future, _ = schedule("Plus tard", timezone.now() + timedelta(days=30))
    # Time passes for the first page only: its go-live moment is now in the past.
    past = timezone.now() - timedelta(minutes=1)
    due_revision.approved_go_live_at = past
    due_revision.content["go_live_at"] = past.isoformat()
    due_revision.save()
    call_command("publish_scheduled")
    assert Page.objects.get(pk=due.pk).live
    assert not Page.objects.get(pk=future.pk).live


def test_expired_page_is_unpublished():
    page = StandardPage.objects.get(slug="stage-de-3e")
    page.expire_at = timezone.now() - timedelta(minutes=1)
    page.save()
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    assert page.expired


def test_commission_approves_a_submission_which_gets_published(client, django_user_model, page):
    member_of(django_user_model, client, REDACTEURS_GROUP)
    edit(client, page, "À propos, relu", "action-submit")
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    member_of(django_user_model, client, COMMISSION_GROUP)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "Parfait, merci !"})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert page.title == "À propos, relu"
