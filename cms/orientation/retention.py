"""How long the orientation room keeps what students leave: parcours untouched for 12 months,
anonymous test results older than 24 months, and classes (with their results) past their expiry,
120 days after they were opened, are deleted (daily, by the purge commands)."""

import calendar

from django.utils import timezone

from .models import Classe, Parcours, TestResult


def months_before(moment, months):
    """The same day `months` months earlier (the last day of that month when it is shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def purge_inactive(months=12):
    """Delete the parcours untouched for `months` months; returns how many were deleted."""
    cutoff = months_before(timezone.now(), months)
    _, deleted = Parcours.objects.filter(updated_at__lt=cutoff).delete()
    return deleted.get(Parcours._meta.label, 0)


def purge_results(months=24):
    """Delete anonymous test results older than `months` months: answers are not kept forever."""
    cutoff = months_before(timezone.now(), months).date()
    deleted, _ = TestResult.objects.filter(created_on__lt=cutoff).delete()
    return deleted


def purge_classes():
    """Delete the classes past their expiry, with their results and their teacher's e-mail."""
    expired = Classe.objects.filter(expires_on__lt=timezone.localdate())
    _, deleted = expired.delete()
    return deleted.get(Classe._meta.label, 0)
