"""Signed webhooks: editors register URLs in the admin, and each publish, unpublish or deletion
of a page is POSTed to them, signed (see `api.webhooks.signing`) and retried with backoff, without
ever slowing or breaking the publication itself."""
