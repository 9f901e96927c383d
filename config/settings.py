"""Settings for Inspection Workbench, read from the environment.

Every variable is documented in `.env.example`. The defaults give a laptop set-up that needs
nothing but Python: a SQLite file and Celery's filesystem broker, so a real worker still runs.
Production sets DATABASE_URL (PostgreSQL) and REDIS_URL or CELERY_BROKER_URL (Redis).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WORKBENCH_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    try:
        number = int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    return number


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "Set DJANGO_DEBUG=1 for local development, or provide a secret key."
        )
    # A per-process key is enough for a developer's own machine; sessions end on restart.
    SECRET_KEY = "insecure-debug-only-" + os.urandom(16).hex()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "forces",
    "grading",
    "inspections",
    "moderation",
    "reports",
    # Last: the page cache's receivers (config/apps.py) hear every app's records.
    "config.apps.SiteConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered here, before anything below runs.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.PrivatePagesMiddleware",
    # After authentication, so the refusal page shows the navigation. It reads the body (and
    # refuses it) in its own call, before CSRF's view check or any view parses request.POST.
    "config.middleware.UploadLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication: a signed-in person's POST forgets their remembered task count.
    "config.middleware.InboxCountMiddleware",
    # Any POST, PUT, PATCH or DELETE moves the page cache's data generation on.
    "config.middleware.ChangeRequestsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user on every history row written during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.navigation.service_navigation",
            ],
            # Filters of the `gds` crispy-forms template pack (templates/gds/).
            "libraries": {"gds_forms": "config.gds_forms"},
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# django-axes checks every login against its record of failures before the password is.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (django-axes): a username is locked from one address after this many
# failures in a row; other addresses can still sign in as that user, so a stranger cannot
# lock an inspector out everywhere. An administrator unlocks under Administration > Axes.
AXES_FAILURE_LIMIT = env_int("WORKBENCH_LOGIN_FAILURE_LIMIT", 5, minimum=1)
# 0 keeps the lock until an administrator removes it.
_COOLOFF_MINUTES = env_int("WORKBENCH_LOGIN_COOLOFF_MINUTES", 30)
AXES_COOLOFF_TIME = timedelta(minutes=_COOLOFF_MINUTES) if _COOLOFF_MINUTES else None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.login_throttle.lockout_response"
# Behind proxies every request comes from a proxy's address; the client's is the entry this
# many places from the right of X-Forwarded-For (each trusted proxy appends one).
WORKBENCH_TRUSTED_PROXIES = env_int("WORKBENCH_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "config.login_throttle.client_ip_address"
# No start-up banner: management commands print only what they mean to say.
AXES_VERBOSE = False

# Sessions end after a working day without a request: a request starts the day again (the
# store saves the session anew once it is a few minutes behind, not on every request).
SESSION_ENGINE = "config.sessions"
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_SECONDS", 8 * 3600, minimum=60)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "staticfiles"))
# Uploaded evidence is confidential: it lives outside any web-served folder and is streamed
# by views that check access, never by the web server directly.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "private-media"))
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

# `gds` (templates/gds/) renders GOV.UK Frontend forms: `{{ form|crispy:"gds" }}`, or a helper
# with template_pack = "gds"; it is the default pack, so `{{ form|crispy }}` renders it too.
CRISPY_ALLOWED_TEMPLATE_PACKS = ("gds",)
CRISPY_TEMPLATE_PACK = "gds"

SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS outside debug: plain-HTTP requests are redirected, and browsers are told to use HTTPS
# only. A laptop in debug mode serves plain HTTP.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Asking to be preloaded into browsers is the domain owner's decision, not a default.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients).
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy (django-csp): scripts, styles, fonts and fetches come from this site
# only, and no page may be framed. There is no inline script or style on any page: scripts
# live in static/js/. Views that serve documents of their own (the report preview, the SVG
# chart) set a stricter policy, which the middleware leaves in place.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # GOV.UK/MOJ Frontend draw some icons as data: SVG; report previews inline images.
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Uploads: a request body larger than this is refused with a 413 page before it is read.
# Every upload form has a lower limit of its own (evidence attachments 10 MB, report imports
# 5 MB, indicator CSV 2 MB) and explains it; the margin leaves room for the other fields.
# Days after a national report's publication that responses to its recommendations are due;
# a programme may set its own (Programme.response_days).
RECOMMENDATION_RESPONSE_DAYS = env_int("RECOMMENDATION_RESPONSE_DAYS", 56, minimum=1)

WORKBENCH_MAX_UPLOAD_BYTES = env_int(
    "WORKBENCH_MAX_UPLOAD_BYTES", 11 * 1024 * 1024, minimum=1024 * 1024
)
FILE_UPLOAD_HANDLERS = [
    "config.uploads.BodyLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# E-mail. Notifications print to the console unless EMAIL_HOST names an SMTP server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "workbench@localhost")
# The address links in e-mails start with.
WORKBENCH_SITE_URL = os.environ.get("WORKBENCH_SITE_URL", "http://127.0.0.1:8000")

# Report rendering (task reports.render). After the soft limit the render stops and the run is
# recorded as failed; the hard limit ends the worker process if even that does not stop it.
REPORT_RENDER_SOFT_LIMIT = int(os.environ.get("REPORT_RENDER_SOFT_LIMIT", "240"))
REPORT_RENDER_TIME_LIMIT = int(os.environ.get("REPORT_RENDER_TIME_LIMIT", "300"))
if not 0 < REPORT_RENDER_SOFT_LIMIT < REPORT_RENDER_TIME_LIMIT:
    raise ImproperlyConfigured(
        "REPORT_RENDER_SOFT_LIMIT must be positive and below REPORT_RENDER_TIME_LIMIT."
    )
# A worker rendering a run writes a heartbeat on it every third of REPORT_RUN_STALE_AFTER
# seconds; a running run without one for that long has lost its worker, and the next delivery
# of its message takes it over. Every worker also sweeps for such runs that often, so a run
# whose worker died starts again within twice this time, with or without beat.
REPORT_RUN_STALE_AFTER = int(os.environ.get("REPORT_RUN_STALE_AFTER", "45"))
if REPORT_RUN_STALE_AFTER < 3:
    raise ImproperlyConfigured(
        "REPORT_RUN_STALE_AFTER must be at least 3 seconds (a heartbeat is written every third)."
    )

# Celery. Without a broker URL the filesystem transport is used: it needs no server, and a
# real worker (`celery -A config worker`) consumes from it, so tasks never run inline.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or REDIS_URL or "filesystem://"
CELERY_QUEUE_DIR = VAR_DIR / "celery"
# The cache holds what one request works out for the next (the task count the navigation
# shows, moderation/inbox.py). With Redis every process shares it, so a change made through one
# gunicorn worker is seen by the others; without, each process keeps its own (a laptop's one).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "workbench",
        }
    }
# Pages kept per browser session until data changes (config/page_cache.py): only where every
# process shares the cache, as a change made in one must reach the others' kept pages.
WORKBENCH_PAGE_CACHE = os.environ.get("WORKBENCH_PAGE_CACHE", "1" if REDIS_URL else "0") == "1"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "processed_folder": str(CELERY_QUEUE_DIR / "processed"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = os.environ.get(
        "CELERY_RESULT_BACKEND", f"file://{CELERY_QUEUE_DIR / 'results'}"
    )
else:
    # Redis gives a message a worker took but never acknowledged (the worker died) to another
    # worker after the visibility timeout. It must outlast the longest render, or a healthy
    # render would be delivered again meanwhile (harmless, the claim refuses it, but wasted).
    # The margin covers a message waiting in a worker's prefetch before its render starts.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": REPORT_RENDER_TIME_LIMIT + 300}
    CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "workbench")
CELERY_TASK_ALWAYS_EAGER = False
# A message is acknowledged when its task ends, and put back in the queue when the process
# running it dies, so a killed render is delivered again (and taken over once it is stale).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE

# Beat may run the same sweep every minute as well; every worker already runs it (see above).
CELERY_BEAT_SCHEDULE = {
    "reports-sweep-runs": {"task": "reports.sweep_runs", "schedule": 60.0},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint logs a line per layout step at INFO; its warnings (refused URLs) still show.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        # django-axes logs every successful login at INFO; failures and lockouts still show.
        "axes": {"level": "WARNING"},
        # pypdf warns once per object it repairs in a damaged PDF (an import's upload), which
        # can be thousands of lines for one file; the importer's refusal says what went wrong.
        "pypdf": {"level": "ERROR"},
    },
}
