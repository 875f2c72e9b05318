"""How a webhook request is signed, and how a receiver checks it.

Every delivery is a ``POST`` whose body is compact JSON (UTF-8, sorted keys), sent with:

- ``X-TDN-Event``: ``page.published``, ``page.unpublished`` or ``page.deleted``;
- ``X-TDN-Delivery``: the delivery id, the same on every retry (use it to ignore duplicates);
- ``X-TDN-Timestamp``: when this attempt was signed, in Unix seconds;
- ``X-TDN-Signature``: ``sha256=`` followed by the hex HMAC-SHA256 of
  ``"{timestamp}.{delivery id}.{body}"`` keyed with the endpoint's secret (the id is signed too:
  a captured body cannot be replayed under another delivery id).

A receiver recomputes the signature over the raw body it received (before any JSON parsing) and
rejects a request whose timestamp is too old, so that a captured request cannot be replayed.
This module uses only the standard library: receivers written in Python may copy it as is::

    from signing import verify_signature

    def webhook(request):
        if not verify_signature(
            SECRET,
            request.headers["X-TDN-Timestamp"],
            request.headers["X-TDN-Delivery"],
            request.body,
            request.headers["X-TDN-Signature"],
        ):
            return HttpResponse(status=401)
        ...

Any 2xx answer acknowledges the delivery; anything else (or no answer within a few seconds) makes
the CMS retry later with a growing delay.
"""

import hashlib
import hmac
import time

SCHEME = "sha256="


def sign(secret, timestamp, delivery_id, body):
    """The ``X-TDN-Signature`` value for this timestamp, delivery id and body (bytes or str)."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    message = f"{int(timestamp)}.{delivery_id}.".encode("ascii") + body
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()
    return SCHEME + digest


def verify_signature(secret, timestamp, delivery_id, body, signature_header, tolerance_seconds=300):
    """Whether the request was signed with ``secret`` less than ``tolerance_seconds`` ago.

    ``timestamp``, ``delivery_id`` and ``signature_header`` are the raw header values, ``body``
    the raw request body (bytes or str). The comparison takes constant time.
    """
    try:
        timestamp = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance_seconds:
        return False
    if not isinstance(signature_header, str) or not signature_header.startswith(SCHEME):
        return False
    if not isinstance(delivery_id, str | int) or not str(delivery_id).isdigit():
        return False
    return hmac.compare_digest(sign(secret, timestamp, delivery_id, body), signature_header)
