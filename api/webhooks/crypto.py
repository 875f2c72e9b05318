"""Webhook secrets encrypted at rest: a database dump or a backup does not give away the keys
receivers trust. Fernet (AES with an HMAC) keyed from WEBHOOK_ENCRYPTION_KEY, or derived from
SECRET_KEY when that is not set (rotating SECRET_KEY then means re-entering the secrets)."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.db import models

PREFIX = "fernet:"


def _fernet():
    key = settings.WEBHOOK_ENCRYPTION_KEY or settings.SECRET_KEY
    digest = hashlib.sha256(f"tdn-webhook-secrets:{key}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(plain):
    return PREFIX + _fernet().encrypt(plain.encode()).decode()


def decrypt(stored):
    if not stored.startswith(PREFIX):
        return stored  # written before encryption: encrypted at the next save
    try:
        return _fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        return ""  # the key changed: the secret must be entered again


class EncryptedSecretField(models.TextField):
    """Plain text in Python, encrypted in the database."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value and not value.startswith(PREFIX) else value
