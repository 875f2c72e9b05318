"""How long class registrations are kept: the teachers' names and e-mails are needed until the
edition is over and its follow-up done, then deleted `INSCRIPTIONS_RETENTION_DAYS` days (90 by
default) after the edition's last day, by the daily `purge_expired` (`cms.retention`).

The events keep their `places_prises`: how many students came stays known, not who registered.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import Inscription


def purge_inscriptions(days=None):
    """Delete the registrations of editions that ended more than `days` days ago; returns how
    many were deleted."""
    days = settings.INSCRIPTIONS_RETENTION_DAYS if days is None else days
    cutoff = timezone.localdate() - timedelta(days=days)
    deleted, _ = Inscription.objects.filter(evenement__edition__date_fin__lt=cutoff).delete()
    return deleted
