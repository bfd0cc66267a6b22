"""Mockloop's settings: one module, every value from the environment (see .env.example).

Without any variable set, Mockloop runs embedded on one machine: SQLite under var/,
the in-memory channel layer, Celery on kombu's filesystem broker, e-mails written to
var/outbox/.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from whitenoise.compress import Compressor

from config import env
from config.static_headers import static_headers

BASE_DIR = Path(__file__).resolve().parent.parent
# Everything an instance keeps on disk: the SQLite database, the secret key, the
# embedded broker's queue, e-mails kept for the outbox page, uploads, static files.
VAR_DIR = env.read_path("DATA_DIR", BASE_DIR / "var")

DEBUG = env.read_bool("DEBUG", default=False)
SECRET_KEY = env.read_secret_key("SECRET_KEY", VAR_DIR / "secret_key")
SITE_URL = env.read_url("SITE_URL", "http://127.0.0.1:8000", {"http", "https"}).rstrip(
    "/"
)
USES_HTTPS = urlsplit(SITE_URL).scheme == "https"
ALLOWED_HOSTS = env.read_list(
    "ALLOWED_HOSTS", [urlsplit(SITE_URL).hostname, "localhost", "127.0.0.1", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.read_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])
TIME_ZONE = env.read_time_zone("TIME_ZONE", "UTC")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "channels",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "axes",
    "csp",
    "users",
    "notifications",
    "questions",
    "interviews",
    "rooms",
    "feedback",
    "practice",
    "backups",
    "mydata",
    "career",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RefuseNulCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "users.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: it turns a lockout found during authentication into
    # an answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "config.context_processors.site",
                "notifications.context_processors.notifications",
            ],
        },
    },
]

# Database ---------------------------------------------------------------------------
DATABASES = {
    "default": env.read_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the Celery worker write to one file: WAL lets readers go on
    # during a write, IMMEDIATE transactions wait for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # Each web process keeps one connection for pages (config.asgi_http runs them on
    # one thread) and one for websocket consumers (database_sync_to_async runs on
    # one thread too); without persistent connections each call would open one.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: channel layer and Celery broker -----------------------------------------------
REDIS_URL = env.read_url("REDIS_URL", None, {"redis", "rediss"})
CELERY_QUEUE_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # Redis Pub/Sub: a group message is one PUBLISH, and each process reads
            # every message for its sockets from one subscription, with no inbox to
            # overflow; the list-based layer pulled one message per round trip and
            # dropped past its capacity (docs/live-room.md, "Pad at scale" in
            # docs/benchmarks.md). At most once, as before: what is lost on the way
            # is noticed by the pad's sockets, and their clients resync.
            # Publishing in pipelines rather than one message per round trip
            # (core.channel_layers, docs/live-room.md); off only to measure it.
            "BACKEND": (
                "core.channel_layers.PipelinedRedisPubSubChannelLayer"
                if env.read_bool("CHANNEL_LAYER_PIPELINED", True)
                else "channels_redis.pubsub.RedisPubSubChannelLayer"
            ),
            "CONFIG": {
                # socket_timeout None: with a timeout, idle subscriptions and
                # consumers are dropped every few seconds (docs/live-room.md).
                # Retries: after Redis restarts, the subscription reconnects and
                # subscribes again instead of failing.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_timeout": None,
                        "max_connections": 1000,
                        "retry": Retry(ExponentialBackoff(cap=2.0, base=0.1), 6),
                        "retry_on_error": [RedisConnectionError],
                    }
                ],
            },
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    # channels' in-memory layer, but a message a full inbox cannot take is logged.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "core.channel_layers.CountingInMemoryChannelLayer",
            "CONFIG": {"capacity": 1000},
        }
    }
    # kombu's filesystem transport needs no server; the folders are made by
    # config.celery because the transport does not create them (docs/facts.md).
    CELERY_BROKER_URL = "filesystem://localhost/"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "processed_folder": str(CELERY_QUEUE_DIR / "processed"),
        "store_processed": False,
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "polling_interval": 0.1,
    }
CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_QUEUE_DIR / "beat-schedule")
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# Periodic work: one dict of idempotent sweepers (STYLE.md).
CELERY_BEAT_SCHEDULE = {
    # Every e-mail and bell entry due, and those whose task got lost.
    "outbox-sweep": {
        "task": "notifications.tasks.outbox_sweep_task",
        "schedule": 60.0,
    },
    # A day after a round, whoever has not written their feedback is reminded.
    "feedback-reminders-sweep": {
        "task": "feedback.tasks.feedback_reminders_sweep_task",
        "schedule": 900.0,
    },
    # The daily digest of due reviews, at each person's hour (once a day at most).
    "practice-digest-sweep": {
        "task": "practice.tasks.practice_digest_sweep_task",
        "schedule": 60.0,
    },
    # Pads' update logs past PAD_RETENTION_DAYS, compacted once a day.
    "pads-retention-sweep": {
        "task": "rooms.tasks.pads_retention_sweep_task",
        "schedule": 24 * 3600.0,
    },
    # The weekly brag document reminder, at each person's day and hour (once a week).
    "career-brag-reminders": {
        "task": "career.tasks.career_brag_reminders_task",
        "schedule": 300.0,
    },
    # Data exports past their day: the archive's file and its row removed.
    "mydata-exports-sweep": {
        "task": "mydata.tasks.exports_sweep_task",
        "schedule": 3600.0,
    },
}

# The live room's budgets --------------------------------------------------------------
# A participant is not trusted: each pad socket may send so many messages a second
# (with a burst) and so many bytes a minute; past either the server asks it to slow
# down and waits, and closes it if the flood goes on. Typing sends 2 messages a
# keystroke (the edit and the cursor); a pasted page or an offline batch is one.
PAD_MESSAGES_PER_SECOND = env.read_int("PAD_MESSAGES_PER_SECOND", 50, low=5, high=10000)
PAD_MESSAGES_BURST = env.read_int("PAD_MESSAGES_BURST", 300, low=10, high=100000)
PAD_BYTES_PER_MINUTE = env.read_int(
    "PAD_BYTES_PER_MINUTE", 4 * 1024 * 1024, low=600 * 1024, high=1024**3
)
# How long a socket may be held back before it is closed as a flood.
PAD_THROTTLE_MAX_SECONDS = env.read_int("PAD_THROTTLE_MAX_SECONDS", 10, low=1, high=600)
# A pad whose update log reaches this size becomes read-only.
PAD_MAX_LOG_BYTES = env.read_int(
    "PAD_MAX_LOG_BYTES", 20 * 1000 * 1000, low=1024 * 1024, high=10 * 1024**3
)
# Pads take edits until their round ended this long ago (edits still in flight).
PAD_EDIT_GRACE_SECONDS = env.read_int("PAD_EDIT_GRACE_SECONDS", 5, low=0, high=3600)
# Days a pad's update log is kept whole after its round; older logs become one
# update of the final state (rooms.services.retention). 0 or unset: forever.
PAD_RETENTION_DAYS = env.read_int("PAD_RETENTION_DAYS", 0, low=0, high=36500)
# A pad's two sockets in one process relay to each other directly, not through the
# channel layer (rooms.local_relay). Off only to test or measure the layer's path.
PAD_RELAY_IN_PROCESS = env.read_bool("PAD_RELAY_IN_PROCESS", True)
# With it, a pad whose sockets all live in one process publishes nothing to the
# channel layer (rooms.local_relay, heard_elsewhere). Off only to measure it.
PAD_PUBLISH_ONLY_WHEN_HEARD = env.read_bool("PAD_PUBLISH_ONLY_WHEN_HEARD", True)
# A keystroke that applies to its socket's copy of the pad is relayed at once,
# before it waits for its batch and the pad's lock (rooms.services.pads,
# pad_update_try_early). Off only to measure the difference.
PAD_RELAY_BEFORE_STORE = env.read_bool("PAD_RELAY_BEFORE_STORE", True)
ROOM_COMMANDS_PER_SECOND = env.read_int(
    "ROOM_COMMANDS_PER_SECOND", 10, low=1, high=1000
)
ROOM_COMMANDS_BURST = env.read_int("ROOM_COMMANDS_BURST", 40, low=5, high=10000)

# E-mail -------------------------------------------------------------------------------
EMAIL_CONFIG = env.read_email("EMAIL_URL")
DEFAULT_FROM_EMAIL = env.read_str("DEFAULT_FROM_EMAIL", "Mockloop <mockloop@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTBOX_DIR = VAR_DIR / "outbox"
if EMAIL_CONFIG:
    EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
    EMAIL_HOST = EMAIL_CONFIG.get("EMAIL_HOST", "")
    EMAIL_PORT = EMAIL_CONFIG.get("EMAIL_PORT") or 25
    EMAIL_HOST_USER = EMAIL_CONFIG.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = EMAIL_CONFIG.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = EMAIL_CONFIG.get("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = EMAIL_CONFIG.get("EMAIL_USE_SSL", False)
else:
    # Written to files and shown on the staff-only outbox page (/outbox/).
    EMAIL_BACKEND = "notifications.mail_files.OutboxEmailBackend"

# Accounts -----------------------------------------------------------------------------
AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "users.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory" if EMAIL_CONFIG else "optional"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Friends sign up to practise together: telling them an address is taken matters more
# here than hiding which addresses have accounts.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(SITE_URL).scheme
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Mockloop] "
# Failed log-ins are limited by django-axes below, the same way for pages and API;
# allauth keeps its limits on sign-up, e-mails and password resets, and on the
# sign-ins one address may make a minute (30 unless set): an office or a classroom
# behind one address signs in more at once.
SIGN_INS_PER_MINUTE = env.read_int("SIGN_INS_PER_MINUTE", 30, low=1, high=100_000)
ACCOUNT_RATE_LIMITS = {"login_failed": False, "login": f"{SIGN_INS_PER_MINUTE}/m/ip"}

# How many reverse proxies in front of Mockloop append to X-Forwarded-For. 0: none,
# the socket's address is the client's, and the header (which anyone can send) is
# ignored. The server (granian) never rewrites the client address from headers, so
# this one number decides it everywhere.
TRUSTED_PROXIES = env.read_int("TRUSTED_PROXIES", 0, low=0, high=5)
ACCOUNT_ADAPTER = "users.security.AccountAdapter"

# Login attempts: django-axes locks an account from one address after repeated failures,
# on the pages and the token API alike.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "users.security.login_attempt_username"
AXES_LOCKOUT_CALLABLE = "users.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "users.security.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "config.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.errors.api_exception_handler",
    # JSON only: bodies hold lists and objects, which forms cannot carry. (The
    # token endpoint keeps DRF's form parsers, as scripts post forms there.)
    "DEFAULT_PARSER_CLASSES": ["core.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # `format` is a domain word here (an interview format), not an output format.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Mockloop API",
    "DESCRIPTION": "Question banks, mock sessions and feedback.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name for a choice set several serializers use (a question's kind, today's
    # set's size and the practice settings' questions a day).
    "ENUM_NAME_OVERRIDES": {
        "RoundKindEnum": "questions.models.RoundKind",
        "SetSizeEnum": [(2, 2), (3, 3)],
    },
}

# Static files -------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# Run's workers get a policy of their own (config/static_headers.py).
WHITENOISE_ADD_HEADERS_FUNCTION = static_headers
# Source maps, most of static/dist's bytes, are read by a developer's tools only:
# not compressed, so collectstatic (make run, every deploy) does not spend its time
# on them.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# Security -----------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        # The pad (CodeMirror) adds its <style> with the page's nonce, and colours
        # each person's cursor in a style attribute: attributes may style, no
        # element may without the nonce, and no script runs inline either way.
        "style-src-elem": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Run's workers, from our static files only (never blob: or data:); what
        # runs inside them is under their own policy (config/static_headers.py).
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = USES_HTTPS
CSRF_COOKIE_SECURE = USES_HTTPS
SECURE_SSL_REDIRECT = USES_HTTPS and env.read_bool("SECURE_SSL_REDIRECT", True)
# Container health checks call the app over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 31_536_000 if USES_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = USES_HTTPS
SECURE_HSTS_PRELOAD = USES_HTTPS
if USES_HTTPS:
    # Behind a TLS-terminating proxy, which says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en-us"
USE_I18N = True
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO" if not DEBUG else "DEBUG"},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
