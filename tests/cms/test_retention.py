"""Nothing personal outlives its retention period: one command applies them all."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from chatbot import service as charly
from chatbot.models import Conversation
from cms.home.tasks import purge_expired_daily, schedule_purge
from cms.orientation import parcours as parcours_service
from cms.orientation.models import Parcours, TestResult
from search import service as search
from search.models import QueryLog

pytestmark = pytest.mark.django_db


def test_purge_expired_applies_every_retention_period(capsys):
    old, recent = charly.start_conversation()["id"], charly.start_conversation()["id"]
    Conversation.objects.filter(pk=old).update(last_activity_at=timezone.now() - timedelta(days=91))
    _, _, stale = parcours_service.create_parcours()
    Parcours.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(days=400))
    search.search("dev")
    QueryLog.objects.create(query="ancienne", day=timezone.localdate() - timedelta(days=400))

    call_command("purge_expired")

    output = capsys.readouterr().out
    assert "conversations de Charly : 1 supprimé(s)" in output
    assert "parcours : 1 supprimé(s)" in output
    assert "recherches (agrégats par jour) : 1 supprimé(s)" in output
    assert list(Conversation.objects.values_list("pk", flat=True)) == [
        Conversation.objects.get(pk=recent).pk
    ]
    assert not Parcours.objects.filter(pk=stale.pk).exists()
    assert list(QueryLog.objects.values_list("query", flat=True)) == ["dev"]
    assert (
        TestResult.objects.filter(created_on__lt=timezone.localdate() - timedelta(days=731)).count()
        == 0
    )


def test_the_worker_runs_the_purge_daily(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    now = timezone.now()
    assert schedule_purge(now)
    [queued] = default_task_backend.results
    assert queued.task.func is purge_expired_daily.func
    assert queued.task.run_after == now
    purge_expired_daily.call()
    follow_up = default_task_backend.results[-1]
    assert follow_up.task.run_after - now >= timedelta(hours=23)


def test_without_a_deferring_worker_the_command_says_to_use_cron():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="cron"):
        call_command("purge_expired", schedule=True)
