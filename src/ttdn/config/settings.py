"""Django settings for ttdn. Every value comes from the environment: see docs/configuration.md."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from ttdn.config.env import (
    env_bool,
    env_choice,
    env_database,
    env_email,
    env_int,
    env_list,
    env_networks,
    env_secret,
    env_str,
    env_timezone,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DATA_DIR", str(Path.cwd() / "var"))).resolve()

SECRET_KEY = env_secret("SECRET_KEY")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "ttdn.core",
    "ttdn.orgs",
    "ttdn.plans",
    "ttdn.reporting",
    "ttdn.monitoring",
    "ttdn.notices",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.sites",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_prometheus",
]

MIDDLEWARE = [
    # Serving (docs/operations/serving.md): metrics around everything, then the request id, so
    # every log line of a request carries it; the Content-Security-Policy on every answer.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "ttdn.core.logging.RequestIdMiddleware",
    "ttdn.core.uploads.UploadLimitMiddleware",  # before anything reads the body
    "django.middleware.security.SecurityMiddleware",
    "ttdn.core.csp.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into the lockout page
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "ttdn.config.urls"
WSGI_APPLICATION = "ttdn.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env_database("DATABASE_URL", f"sqlite:///{DATA_DIR / 'ttdn.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked account or address
    "django.contrib.auth.backends.ModelBackend",  # passwords
    "ttdn.orgs.auth.RoleBackend",  # access to the staff UI from memberships
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Vietnamese first, English second; stored in UTC, shown in TIME_ZONE.
LANGUAGE_CODE = "vi"
# The staff UI speaks vi and en (WAGTAILADMIN_PERMITTED_LANGUAGES); the portal's content, five.
LANGUAGES = [
    ("vi", _("Vietnamese")),
    ("en", _("English")),
    ("zh-hans", _("Chinese")),
    ("ko", _("Korean")),
    ("ja", _("Japanese")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_timezone("TIME_ZONE", "Asia/Ho_Chi_Minh")
FORMAT_MODULE_PATH = ["ttdn.config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# E-mail
globals().update(env_email("EMAIL_URL", "console://"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ttdn <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Each wait on the mail server (connect, every command) gives up after this many seconds.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1, maximum=300)
# An e-mail that keeps failing is given up after this many attempts (docs/notices.md).
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 8, minimum=1, maximum=50)

# Background work (django-tasks): "database" for one office box, "immediate" runs in-process.
TASKS_BACKEND = env_choice("TASKS_BACKEND", "database", ("database", "immediate", "dummy"))
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "dummy": "django_tasks.backends.dummy.DummyBackend",
        }[TASKS_BACKEND],
        "QUEUES": ["default"],
    }
}

# Security (docs/operations/serving.md). Outside DEBUG, the site is taken to be served over
# HTTPS: secure cookies, HSTS, a redirect to https. The demo and the tests opt out with
# SECURE_COOKIES=False (plain http on 127.0.0.1).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
SECURE_HSTS_SECONDS = env_int(
    "HSTS_SECONDS", 365 * 24 * 3600 if SESSION_COOKIE_SECURE else 0, maximum=2 * 365 * 24 * 3600
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading commits the whole domain to HTTPS in every browser; an office decides that itself.
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", default=False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=SESSION_COOKIE_SECURE)
# Load balancers and Prometheus probe these over plain http on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
if env_bool("TRUST_X_FORWARDED_PROTO", default=False):
    # Only behind a proxy that sets (never forwards) X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Wagtail's live preview shows the page in a frame of the admin: same origin, never others.
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024  # a form's fields, files not counted

# Uploads (ttdn.core.uploads): the largest file; files are streamed to disk, never held whole.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024, minimum=1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024  # a request up to 1 MB stays in memory
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "ttdn.core.uploads.LimitedUploadHandler",
]

# Sign-in throttling (django-axes, docs/signin.md): failures counted per account and per address;
# either reaching the limit locks signing in for the cool-off. Each event is audited.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100)
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1, maximum=7 * 24 * 60)
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A success does not clear the counts: axes would clear the whole address's, so one valid account
# would let its owner go on guessing others'. Failures older than the cool-off no longer count.
AXES_RESET_ON_SUCCESS = False
AXES_HANDLER = "ttdn.orgs.signin.AuditedAxesHandler"
AXES_LOCKOUT_CALLABLE = "ttdn.orgs.signin.lockout_response"
AXES_ENABLE_ADMIN = False  # no Django admin: unlock with `ttdn manage signin_unlock`
AXES_DISABLE_ACCESS_LOG = True  # sign-ins and sign-outs are in ttdn's audit trail
AXES_VERBOSE = False

SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp; ttdn.core.csp adds what the Wagtail admin needs there).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# `check --deploy` is clean; these two are decisions above (frames for previews, no preload).
SILENCED_SYSTEM_CHECKS = ["security.W019", *([] if SECURE_HSTS_PRELOAD else ["security.W021"])]

# Serving: `ttdn serve` runs gunicorn (gthread workers); health and metrics.
WEB_WORKERS = env_int("WEB_WORKERS", 2, minimum=1, maximum=64)
WEB_THREADS = env_int("WEB_THREADS", 4, minimum=1, maximum=64)
WEB_TIMEOUT = env_int("WEB_TIMEOUT", 60, minimum=5, maximum=3600)
METRICS_ALLOW_NETWORKS = env_networks("METRICS_ALLOW_NETWORKS", ["127.0.0.1/32", "::1/128"])
HEALTH_TASK_MAX_AGE = env_int("HEALTH_TASK_MAX_AGE", 15 * 60, minimum=10)
HEALTH_MONITOR_SLACK = env_int("HEALTH_MONITOR_SLACK", 15 * 60, minimum=0)
HEALTH_CHECKS = [
    "ttdn.core.health.database",
    "ttdn.core.health.task_queue",
    "ttdn.monitoring.health.monitor",
]

# Wagtail: the staff shell
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "ttdn")
WAGTAILADMIN_USER_LOGIN_FORM = "ttdn.core.forms.LoginForm"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("zh-hans", "中文"),
    ("ko", "한국어"),
    ("ja", "日本語"),
]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no calls to outside services (air-gapped offices)

# Logs: JSON lines on stderr, each with the request id of the request it belongs to.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ttdn.core.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "ttdn.core.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": env_choice("LOG_FORMAT", "json", ("json", "text")),
        }
    },
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
    },
    # One line per HTTP request of the press monitor is noise; failures are logged by ttdn.
    "loggers": {"httpx": {"level": "WARNING"}, "httpcore": {"level": "WARNING"}},
}

# Press monitoring (docs/monitoring/pipeline.md)
MONITORING_ALLOW_NETWORKS = env_networks("MONITORING_ALLOW_NETWORKS", [])
MONITORING_TIMEOUT = env_int("MONITORING_TIMEOUT", 20, minimum=1, maximum=300)
MONITORING_MAX_BYTES = env_int("MONITORING_MAX_BYTES", 10 * 1024 * 1024, minimum=10_000)
MONITORING_RETRIES = env_int("MONITORING_RETRIES", 2, maximum=10)
MONITORING_WORKERS = env_int("MONITORING_WORKERS", 4, minimum=1, maximum=32)
