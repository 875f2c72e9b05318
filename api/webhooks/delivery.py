"""Sending deliveries: signed POSTs, retried with exponential backoff, never inside the request
that changed the content.

After the commit, `schedule()` hands the work to the task worker when there is one. With the
in-process ImmediateBackend (the embedded default) a task would run inside the request, so the
work goes to a small thread pool instead. `manage.py deliver_webhooks` does the same work for cron.
Before each attempt a runner claims the row with a conditional UPDATE that pushes its next
attempt past a lease: concurrent runners never send the same attempt twice, and an attempt whose
runner died is simply due again when the lease ends.
"""

import json
import logging
import threading
import time
import weakref
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks.backends.immediate import ImmediateBackend

from . import network
from .models import WebhookDelivery
from .signing import sign

logger = logging.getLogger(__name__)
Status = WebhookDelivery.Status

FIRST_RETRY_SECONDS = 30
MAX_BACKOFF_SECONDS = 3600
BATCH_SIZE = 100
USER_AGENT = "TalentsDuNumerique-Webhooks/1.0"

# In-process runner, used only with the ImmediateBackend. Two workers: one hanging receiver
# (bounded by the timeout) cannot hold up every other delivery.
_executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="webhooks")
_runs = weakref.WeakSet()
_lock = threading.Lock()
_run_queued = False  # a queued run that has not started yet will see every new row anyway
_retry_timer = None
_retry_at = None


def timeout_seconds():
    return settings.WEBHOOK_TIMEOUT


def max_attempts():
    return settings.WEBHOOK_MAX_ATTEMPTS


def backoff(attempts):
    """30 s after the first failure, doubling up to an hour: about an hour of retries in all."""
    return timedelta(seconds=min(FIRST_RETRY_SECONDS * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS))


def body_of(delivery):
    """The exact bytes that are signed and sent: compact UTF-8 JSON with sorted keys."""
    text = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.encode("utf-8")


def claim(pk):
    """The delivery, taken for one attempt; None if it is not due or another runner has it."""
    now = timezone.now()
    # Longer than an attempt can last (its deadline): a live attempt is never taken twice.
    lease_end = now + timedelta(seconds=2 * settings.WEBHOOK_DEADLINE + 60)
    taken = WebhookDelivery.objects.filter(
        pk=pk, status=Status.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=lease_end)
    return WebhookDelivery.objects.select_related("endpoint").get(pk=pk) if taken else None


def attempt(delivery):
    """POST the delivery once and record the outcome; return its new status."""
    endpoint = delivery.endpoint
    if not endpoint.active:
        delivery.status = Status.FAILED
        delivery.last_error = "Endpoint deactivated before delivery."
        delivery.save(update_fields=["status", "last_error"])
        return delivery.status
    body = body_of(delivery)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-TDN-Event": delivery.event,
        "X-TDN-Delivery": str(delivery.pk),
        "X-TDN-Timestamp": str(timestamp),
        "X-TDN-Signature": sign(endpoint.secret, timestamp, delivery.pk, body),
    }
    try:
        status_code = network.post(
            endpoint.url, body, headers, timeout_seconds(), settings.WEBHOOK_DEADLINE
        )
    except network.UnsafeDestination:
        return record_failure(delivery, None, network.GENERIC_FAILURE, final=True)
    except network.DeliveryFailed as failure:
        return record_failure(delivery, None, str(failure))
    if 200 <= status_code < 300:
        return record_success(delivery, status_code)
    return record_failure(delivery, status_code, f"HTTP {status_code}")


def record_success(delivery, status_code):
    delivery.attempts += 1
    delivery.status = Status.DELIVERED
    delivery.last_status_code = status_code
    delivery.last_error = ""
    delivery.delivered_at = timezone.now()
    delivery.save(
        update_fields=["attempts", "status", "last_status_code", "last_error", "delivered_at"]
    )
    return delivery.status


def record_failure(delivery, status_code, error, final=False):
    delivery.attempts += 1
    delivery.last_status_code = status_code
    delivery.last_error = error[:1000]
    if final or delivery.attempts >= max_attempts():
        delivery.status = Status.FAILED
    else:
        delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
    delivery.save(
        update_fields=["attempts", "status", "last_status_code", "last_error", "next_attempt_at"]
    )
    logger.warning(
        "Webhook delivery %s to %r failed (attempt %d): %s",
        delivery.pk,
        delivery.endpoint.name,
        delivery.attempts,
        error,
    )
    return delivery.status


def deliver_due():
    """Attempt every due delivery once; return how many ended in each status."""
    outcomes = Counter()
    while True:
        due = list(
            WebhookDelivery.objects.filter(
                status=Status.PENDING, next_attempt_at__lte=timezone.now()
            )
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:BATCH_SIZE]
        )
        if not due:
            return outcomes
        for pk in due:
            delivery = claim(pk)
            if delivery is not None:
                outcomes[attempt(delivery)] += 1


def run():
    """One background run: deliver what is due, then make sure the retries left get a run.

    A run that attempted nothing changed nothing, so it plans nothing: whichever run left the
    retries has planned for them, and idle runs do not multiply.
    """
    outcomes = deliver_due()
    if outcomes:
        plan_next_run()
    return outcomes


def plan_next_run():
    from .tasks import deliver_due_webhooks

    next_at = (
        WebhookDelivery.objects.filter(status=Status.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if next_at is None:
        return
    backend = deliver_due_webhooks.get_backend()
    if isinstance(backend, ImmediateBackend):
        _arm_retry_timer(next_at)
    elif backend.supports_defer:
        deliver_due_webhooks.using(run_after=next_at).enqueue()
    # Otherwise the worker's cron (`manage.py deliver_webhooks`) picks the retries up.


def schedule():
    """Send the due deliveries soon, outside the current request and transaction."""
    from .tasks import deliver_due_webhooks

    if isinstance(deliver_due_webhooks.get_backend(), ImmediateBackend):
        _submit()
    else:
        deliver_due_webhooks.enqueue()


def wait_for_background(timeout=None):
    """Wait for the in-process runs submitted so far (tests, graceful shutdown); True if done."""
    with _lock:
        runs = list(_runs)
    return not wait(runs, timeout).not_done


def _submit():
    global _run_queued
    with _lock:
        if _run_queued:
            return
        _runs.add(_executor.submit(_run_in_thread))
        _run_queued = True  # only once submitted: a refused submit must not block later runs


def _run_in_thread():
    global _run_queued
    with _lock:
        _run_queued = False
    try:
        run()
    except Exception:
        logger.exception("Webhook delivery run failed; pending deliveries stay queued")
    finally:
        connection.close()  # this pool thread's own connection, not the request's


def _arm_retry_timer(when):
    """One timer per process, for the earliest retry; a later one never delays an earlier one."""
    global _retry_timer, _retry_at
    with _lock:
        if _retry_timer is not None and _retry_timer.is_alive():
            if _retry_at <= when:
                return
            _retry_timer.cancel()
        delay = max((when - timezone.now()).total_seconds(), 0)
        _retry_timer = threading.Timer(delay, _submit)
        _retry_timer.daemon = True
        _retry_at = when
        _retry_timer.start()
