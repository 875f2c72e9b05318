"""Durable index sync: content changes enqueue updates in the same transaction; a worker applies
them in bulk, with retries and backoff, so an engine outage never loses an update."""

import logging
from datetime import timedelta

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from .backends.database import DatabaseBackend
from .documents import doc_id, doc_type_of, document_for
from .models import IndexUpdate

logger = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 300


def enqueue(doc_type, object_id, action=IndexUpdate.Action.INDEX):
    IndexUpdate.objects.create(doc_type=doc_type, object_id=object_id, action=action)
    transaction.on_commit(_drain_soon)


def enqueue_many(doc_type, object_ids):
    """Many updates in one insert, for content written in bulk (which sends no signals)."""
    IndexUpdate.objects.bulk_create(
        IndexUpdate(doc_type=doc_type, object_id=pk, action=IndexUpdate.Action.INDEX)
        for pk in object_ids
    )
    transaction.on_commit(_drain_soon)


def _drain_soon():
    from .tasks import apply_index_updates

    apply_index_updates.enqueue()


def enqueue_for(instance, action=IndexUpdate.Action.INDEX):
    doc_type = doc_type_of(instance)
    if doc_type:
        enqueue(doc_type, instance.pk, action)
    # A formation's document lists its establishments' cities, régions and locations, and an
    # establishment's document lists its formations: a change to one updates the others.
    if doc_type == "etablissement":
        for formation_id in instance.formations.values_list("pk", flat=True):
            enqueue("formation", formation_id)
    elif doc_type == "formation":
        for etablissement_id in instance.specific.etablissements.values_list("pk", flat=True):
            enqueue("etablissement", etablissement_id)


def on_edition_saved(sender, instance, **kwargs):
    """Publishing or withdrawing a Semaine du numérique edition shows or hides its events."""
    enqueue_many("evenement", instance.evenements.values_list("pk", flat=True))


def on_page_published(sender, instance, **kwargs):
    enqueue_for(instance)


def on_page_unpublished(sender, instance, **kwargs):
    enqueue_for(instance, IndexUpdate.Action.DELETE)


def on_page_moved(sender, instance, **kwargs):
    for page in Page.objects.descendant_of(instance, inclusive=True).live():
        enqueue_for(page)


def on_delete(sender, instance, **kwargs):
    enqueue_for(instance, IndexUpdate.Action.DELETE)


def on_snippet_saved(sender, instance, **kwargs):
    enqueue_for(instance)


def connect_signals():
    from cms.faq.models import QuestionFrequente
    from cms.formations.models import Etablissement
    from cms.glossaire.models import Terme
    from evenements.semaine.models import Edition, Evenement

    page_published.connect(on_page_published, dispatch_uid="search-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search-page-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search-page-moved")
    post_delete.connect(on_delete, sender=Page, dispatch_uid="search-page-deleted")
    post_save.connect(on_snippet_saved, sender=Etablissement, dispatch_uid="search-etab-saved")
    # Before the deletion, while the establishment still knows its formations.
    pre_delete.connect(on_delete, sender=Etablissement, dispatch_uid="search-etab-deleted")
    # Moderated snippets are indexed when published, not when a draft is saved.
    published.connect(on_snippet_saved, sender=QuestionFrequente, dispatch_uid="search-faq-pub")
    unpublished.connect(on_delete, sender=QuestionFrequente, dispatch_uid="search-faq-unpub")
    post_delete.connect(on_delete, sender=QuestionFrequente, dispatch_uid="search-faq-deleted")
    post_save.connect(on_snippet_saved, sender=Evenement, dispatch_uid="search-evt-saved")
    post_delete.connect(on_delete, sender=Evenement, dispatch_uid="search-evt-deleted")
    post_save.connect(on_edition_saved, sender=Edition, dispatch_uid="search-edition-saved")
    post_save.connect(on_snippet_saved, sender=Terme, dispatch_uid="search-terme-saved")
    post_delete.connect(on_delete, sender=Terme, dispatch_uid="search-terme-deleted")


def backoff(attempts):
    return timedelta(seconds=min(2**attempts, MAX_BACKOFF_SECONDS))


def apply_pending(backend, limit=500):
    """Apply up to `limit` due updates in one bulk call; return how many were applied.

    Each document is rebuilt from the current state of the CMS, so applying an update twice,
    or late, is harmless. On failure the updates stay queued with a growing delay.
    """
    now = timezone.now()
    with transaction.atomic():
        due = IndexUpdate.objects.filter(available_at__lte=now).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        rows = list(due[:limit])
        if not rows:
            return 0
        keys = {(row.doc_type, row.object_id) for row in rows}
        documents, deletions = [], []
        for doc_type, object_id in sorted(keys):
            document = document_for(doc_type, object_id)
            if document is None:
                deletions.append(doc_id(doc_type, object_id))
            else:
                documents.append(document)
        try:
            with transaction.atomic():
                for replica in replicas_of(backend):
                    replica.index(documents)
                    replica.delete(deletions)
        except Exception as error:
            logger.warning("Search sync failed, %d updates kept for later: %s", len(rows), error)
            for row in rows:
                row.attempts += 1
                row.available_at = now + backoff(row.attempts)
                row.last_error = str(error)[:1000]
            IndexUpdate.objects.bulk_update(rows, ["attempts", "available_at", "last_error"])
            return 0
        IndexUpdate.objects.filter(pk__in=[row.pk for row in rows]).delete()
        return len(rows)


def replicas_of(backend):
    """The database index first (it answers when the engine is down), then the engine, whose
    versioned indices and aliases are created first if they are missing."""
    from .service import database_backend, synonym_rules

    if isinstance(backend, DatabaseBackend):
        return [backend]
    backend.ensure_indices(synonym_rules())
    return [database_backend(), backend]


def drain(backend, limit=500):
    """Apply due updates until the queue is empty or the backend fails."""
    applied = 0
    while True:
        done = apply_pending(backend, limit)
        applied += done
        if not done:
            return applied


def status():
    pending = IndexUpdate.objects.order_by("id")
    failing = pending.exclude(last_error="").order_by("-id").first()
    oldest = pending.first()
    return {
        "pending": pending.count(),
        "oldest": oldest.created_at if oldest else None,
        "last_error": failing.last_error if failing else "",
        "attempts": failing.attempts if failing else 0,
    }
