"""Settings shared by every environment.

Everything that differs between machines comes from environment variables, read through the one
typed schema below (django-environ), so that a deployment is configured without editing code.
"""

from pathlib import Path

import environ

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, ""),
    ALLOWED_HOSTS=(list, []),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    DATABASE_CONN_MAX_AGE=(int, 60),
    CACHE_URL=(str, "locmemcache://"),
    MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "staticfiles")),
    MEDIA_URL=(str, "/media/"),
    WAGTAILADMIN_BASE_URL=(str, "http://127.0.0.1:8000"),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "Talents du Numérique <ne-pas-repondre@talentsdunumerique.fr>"),
    LOG_LEVEL=(str, "INFO"),
    SEARCH_URL=(str, ""),
    SEARCH_ENGINE=(str, "opensearch"),
    SEARCH_INDEX_PREFIX=(str, "tdn"),
    SEARCH_TIMEOUT=(int, 5),
    SEARCH_REPLICAS=(int, 0),
    TASKS_BACKEND=(str, "django_tasks.backends.immediate.ImmediateBackend"),
    CORS_ALLOWED_ORIGINS=(list, []),
    API_CACHE_SECONDS=(int, 60),
    TRUSTED_PROXIES=(str, ""),
    API_ADDRESS_WRITE_RATE=(str, "300/minute"),
    API_CONVERSATION_RATE=(str, "20/minute"),
    API_PARCOURS_RATE=(str, "30/minute"),
    API_CLASSES_RATE=(str, "20/hour"),
    API_SEARCH_RATE=(str, "300/minute"),
    API_SUGGEST_RATE=(str, "1200/minute"),
    HEADLESS_PREVIEW_URL=(str, "http://127.0.0.1:3000/preview"),
    API_MAX_BODY_BYTES=(int, 16 * 1024),
    WEBHOOK_TIMEOUT=(int, 5),
    WEBHOOK_MAX_ATTEMPTS=(int, 8),
    WEBHOOK_DEADLINE=(int, 15),
    WEBHOOK_ALLOWED_NETWORKS=(str, ""),
    WEBHOOK_ENCRYPTION_KEY=(str, ""),
    CHARLY_INACTIVITY_MINUTES=(int, 30),
    CHARLY_RETENTION_DAYS=(int, 90),
    SEARCH_LOG_RETENTION_DAYS=(int, 395),
    INSCRIPTIONS_RETENTION_DAYS=(int, 90),
    CHARLY_LINKS_BASE_URL=(str, ""),
    STUDENT_SITE_URL=(str, ""),
    CHARLY_BACKGROUND_TRAINING=(bool, True),
    MAP_TILE_URL=(str, ""),
    MAP_TILE_ATTRIBUTION=(str, ""),
    CHARLY_WIDGET_ORIGINS=(list, ["*"]),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms.metiers",
    "cms.formations",
    "cms.communaute",
    "cms.campagnes",
    "cms.orientation",
    "cms.faq",
    "cms.glossaire",
    "cms.frontend",
    "cms.home",
    "evenements.semaine",
    "evenements.inscriptions",
    "evenements.trophees",
    "search",
    "chatbot",
    "api.webhooks",
    "api",
    "django_tasks",
    "wagtail.api.v2",
    "wagtail_headless_preview",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Public API answers are served from the cache here, before the rest of the stack.
    "api.cache.CachedAnswersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
]

# Brute-force protection of the admin login (django-axes): after 5 failures, the account and the
# address are each locked for an hour; the address is the client's (api.clients).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "api.clients.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "cms.home.views.locked_out"

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env("DATABASE_CONN_MAX_AGE")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"].get("ENGINE") == "django.db.backends.sqlite3":
    # The embedded default serves a whole classroom at once: readers never wait for writers
    # (WAL), and a write transaction takes its lock when it starts (IMMEDIATE) and waits for it,
    # instead of failing half-way with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_config(**kwargs):
    """CACHE_URL as django-environ reads it, with Redis served by `cms.redis_cache`."""
    config = env.cache("CACHE_URL", **kwargs)
    if config["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        config["BACKEND"] = "cms.redis_cache.RedisCache"
    return config


CACHES = {"default": cache_config()}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Served by the project itself (no CDN): the map's library, from node_modules (make install).
    ("vendor/leaflet", BASE_DIR / "node_modules/leaflet/dist"),
]
STATIC_ROOT = env("STATIC_ROOT")
STATIC_URL = "/static/"
MEDIA_ROOT = env("MEDIA_ROOT")
MEDIA_URL = env("MEDIA_URL")
# The app serves MEDIA_ROOT itself with DEBUG, or when this says so (the embedded default);
# production serves media from S3 or the proxy.
SERVE_MEDIA = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Parcours tokens and conversation ids never reach a log line (cms.privacy).
    "filters": {"redact_secrets": {"()": "cms.privacy.RedactSecretsFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    # Per-task and per-page lines are noise at INFO; warnings and errors still show.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        "urllib3": {"level": "ERROR"},
        # Django's own request and dev-server loggers, redacted like the rest.
        "django.request": {"handlers": ["console"], "propagate": False},
        "django.server": {"handlers": ["console"], "propagate": False},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "Talents du Numérique"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
WAGTAIL_I18N_ENABLED = False
# The admin is in French for everyone (no per-user English that would mix the two).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
# Addresses stay ASCII (« cybersécurité » gives cybersecurite), as the slug auto-fill shows.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Search: the engine when SEARCH_URL is set (OpenSearch 2/3 or Elasticsearch 8/9), the database
# otherwise; Wagtail's admin search uses the same choice.
SEARCH_URL = env("SEARCH_URL")
SEARCH_ENGINE = env("SEARCH_ENGINE")
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX")
SEARCH_TIMEOUT = env("SEARCH_TIMEOUT")
SEARCH_REPLICAS = env("SEARCH_REPLICAS")
WAGTAIL_SEARCH_ENGINE_BACKENDS = {
    "opensearch": "wagtail.search.backends.opensearch2",
    "elasticsearch": "wagtail.search.backends.elasticsearch8",
}
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": WAGTAIL_SEARCH_ENGINE_BACKENDS[SEARCH_ENGINE],
            "URLS": [SEARCH_URL],
            "INDEX": f"{SEARCH_INDEX_PREFIX}-wagtail",
            "TIMEOUT": SEARCH_TIMEOUT,
            "OPTIONS": {},
            "INDEX_SETTINGS": {"settings": {"index": {"number_of_replicas": SEARCH_REPLICAS}}},
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Background work (search sync, webhooks, Wagtail's own tasks): in-process by default; in
# production "django_tasks_db.DatabaseBackend" with workers running `manage.py db_worker`.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND")}}
if TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
    INSTALLED_APPS.append("django_tasks_db")

# API v1 (DRF): one JSON error shape, page-number pagination, OpenAPI schema by drf-spectacular.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.SafeJSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}
# Who the client is, and the anonymous limits (api.clients, api.throttles; README explains
# how they fit a classroom behind one address).
TRUSTED_PROXIES = env("TRUSTED_PROXIES")
API_RATES = {
    "address_writes": env("API_ADDRESS_WRITE_RATE"),
    "conversation": env("API_CONVERSATION_RATE"),
    "parcours": env("API_PARCOURS_RATE"),
    "classes": env("API_CLASSES_RATE"),
    "search": env("API_SEARCH_RATE"),
    "suggest": env("API_SUGGEST_RATE"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Talents du Numérique",
    "DESCRIPTION": (
        "Métiers et formations du numérique, établissements, carte, recherche, test "
        "d'orientation, parcours et Charly. Les données sont en français ; le nom à afficher de "
        "tout objet (métier, formation, bac, spécialité, établissement, carte, résultat) est "
        "toujours `title`, et une référence à un autre contenu a la forme "
        '{"slug", "title", "url"}. Les filtres à plusieurs valeurs se séparent par des virgules, '
        'les booléens valent "true" ou "false", un point s\'écrit "latitude,longitude". Les '
        'erreurs ont toujours la forme {"error": {"code", "message", "fields"}}. Les paramètres '
        "de requête inconnus sont refusés (400)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "OAS_VERSION": "3.1.0",
    "PREPROCESSING_HOOKS": ["api.schema.only_v1"],
    "ENUM_NAME_OVERRIDES": {
        "TypeFormationEnum": "cms.formations.choices.TypeFormation",
        "TypeEtablissementEnum": "cms.formations.choices.TypeEtablissement",
        "TypeBacEnum": "cms.formations.choices.TypeBac",
        "NiveauFormationEnum": "cms.formations.choices.Niveau",
        "NiveauPublicEnum": "evenements.semaine.models.NiveauPublic",
        "NiveauClasseEnum": "evenements.inscriptions.models.NiveauClasse",
        "NiveauTropheesEnum": "evenements.trophees.models.Niveau",
        "StatutEtablissementEnum": "cms.formations.choices.Statut",
        "StatutInscriptionEnum": "evenements.inscriptions.models.Statut",
        "DocumentTypeEnum": ["metier", "formation", "etablissement", "page"],
    },
}
API_CACHE_SECONDS = env("API_CACHE_SECONDS")

# Any frontend on the allow-list may call the API from a browser.
CORS_ALLOWED_ORIGINS = env("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
# Charly's widget is pasted into partner sites: its endpoints (anonymous, no cookies) answer
# these origins, "*" meaning any (cms.frontend.charly; docs/charly-widget.md).
CHARLY_WIDGET_ORIGINS = env("CHARLY_WIDGET_ORIGINS")
# The map draws France's régions from a packaged GeoJSON; in production it may lay them over
# tiles: an {z}/{x}/{y} URL and the attribution its licence requires (empty: régions only).
MAP_TILE_URL = env("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION")

WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

# Headless preview: an editor's "preview" opens the external frontend with a token.
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": env("HEADLESS_PREVIEW_URL")},
    "SERVE_BASE_URL": None,
    "REDIRECT_ON_PREVIEW": False,
    "ENFORCE_TRAILING_SLASH": True,
}

# Limits and Charly's behaviour (documented in the README's table).
API_MAX_BODY_BYTES = env("API_MAX_BODY_BYTES")
WEBHOOK_TIMEOUT = env("WEBHOOK_TIMEOUT")
WEBHOOK_MAX_ATTEMPTS = env("WEBHOOK_MAX_ATTEMPTS")
# A whole attempt, however slowly the receiver answers (each read is bounded by WEBHOOK_TIMEOUT).
WEBHOOK_DEADLINE = env("WEBHOOK_DEADLINE")
# Webhooks reach public addresses only; CIDRs listed here are allowed too (an internal receiver
# on purpose). Secrets are encrypted with this key (derived from SECRET_KEY when empty).
WEBHOOK_ALLOWED_NETWORKS = env("WEBHOOK_ALLOWED_NETWORKS")
WEBHOOK_ENCRYPTION_KEY = env("WEBHOOK_ENCRYPTION_KEY")
CHARLY_INACTIVITY_MINUTES = env("CHARLY_INACTIVITY_MINUTES")
CHARLY_RETENTION_DAYS = env("CHARLY_RETENTION_DAYS")
# Daily aggregates of searches are kept 13 months (a year to compare with), then purged.
SEARCH_LOG_RETENTION_DAYS = env("SEARCH_LOG_RETENTION_DAYS")
# Class registrations (teachers' names and e-mails) are deleted this many days after the
# last day of their Semaine du numérique edition.
INSCRIPTIONS_RETENTION_DAYS = env("INSCRIPTIONS_RETENTION_DAYS")
# Where Charly's links to the test, the search and the map point: this site by default, or a
# separate frontend.
CHARLY_LINKS_BASE_URL = env("CHARLY_LINKS_BASE_URL")
# The student site's address for links sent by e-mail (a class's private link); the CMS's own
# address (WAGTAILADMIN_BASE_URL) when empty.
STUDENT_SITE_URL = env("STUDENT_SITE_URL")
# Retrain Charly's models in a background thread when editors change examples (the current
# model keeps answering); tests train in the foreground to stay deterministic.
CHARLY_BACKGROUND_TRAINING = env("CHARLY_BACKGROUND_TRAINING")
