"""Local development: the embedded default (SQLite, database search, local memory cache)."""

from .base import *  # noqa: F403
from .base import MIDDLEWARE, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

# The embedded default is one process that serves everything itself, also without DEBUG (under
# gunicorn, as the browser tests run it): static files through WhiteNoise straight from the apps'
# folders (no collectstatic needed), and the media folder.
if not DEBUG:
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
    WHITENOISE_USE_FINDERS = True
SERVE_MEDIA = True
