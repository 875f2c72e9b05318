"""Test settings: fast hashing, isolated media, the database from DATABASE_URL (else SQLite)."""

import tempfile

from .base import *  # noqa: F403
from .base import cache_config

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="tdn-test-media-")
CACHES = {"default": cache_config(default="locmemcache://tests")}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
CHARLY_BACKGROUND_TRAINING = False
