"""Settings for the deputy-services portal: one module, values from the environment.

Without DATABASE_URL and REDIS_URL the portal runs embedded: SQLite in var/ and Celery on
Kombu's filesystem transport, so a newcomer needs nothing but Python. With them set, the
same code runs on PostgreSQL and Redis (docker-compose.yml, .ci/run).
"""

import datetime as dt
from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from congress.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=True)
# The development key is only accepted while DEBUG is on; production must set SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY") or ("dev-only-insecure-key" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, found by FORM_RENDERER below
    "rest_framework",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "congress",
    "congress.notifications",
    "congress.documents",
    "deputies",
    "liaison_stations",
    "suggestions",
    "motions",
]

# Widgets render through the project's templates, so templates/django/forms/ can override one (the
# empty select option's "---------" reads "请选择…").
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
# A list filter's empty choice means every value.
FILTERS_EMPTY_CHOICE_LABEL = _("All")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "congress.middleware.QueryTimeoutMiddleware",
    "congress.middleware.CalendarRefreshMiddleware",
    # Last: it turns a login the throttle refused into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "congress.urls"
WSGI_APPLICATION = "congress.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "congress.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
REDIS_URL = env_str("REDIS_URL")
# Web processes only (docker-compose.yml sets it on `web`): PostgreSQL cancels any statement
# that runs longer, so one slow page cannot hold every gunicorn worker; the portal answers 503
# (congress.middleware.QueryTimeoutMiddleware). Workers and beat run long sweeps and reports
# and leave it unset. Keep it well under gunicorn's timeout (gunicorn.conf.py).
DB_STATEMENT_TIMEOUT_MS = env_int("DB_STATEMENT_TIMEOUT_MS", 0)
# A streaming replica for the reports' reads (congress.replica); unset, everything reads default.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")


# PostgreSQL's JIT compiles any query its planner costs high, which a filter of ORs over 100,000
# suggestions is: 1.6 s of compiling for a 0.3 s query (issue 15). The portal's queries are
# short; DB_JIT=1 gives it back.
DB_JIT = env_bool("DB_JIT", False)


def _database(url: str) -> dict[str, Any]:
    database: dict[str, Any] = {**dj_database_url.parse(url, conn_max_age=env_int("CONN_MAX_AGE", 60))}
    if database["ENGINE"].endswith("postgresql"):
        # libpq's `options`: set on every new connection, before the first query.
        options = [] if DB_JIT else ["-c jit=off"]
        if DB_STATEMENT_TIMEOUT_MS:
            options.append(f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}")
        if options:
            database["OPTIONS"] = {"options": " ".join(options)}
    return database


if DATABASE_URL:
    DATABASES = {"default": _database(DATABASE_URL)}
    if DATABASE_REPLICA_URL:
        # Tests point it at the test database itself (Django's MIRROR): nothing to create.
        DATABASES["replica"] = {**_database(DATABASE_REPLICA_URL), "TEST": {"MIRROR": "default"}}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "portal.sqlite3"),
            # The web server, the worker and beat share one file: wait for locks instead of
            # failing, take write locks up front, and let readers run beside a writer.
            "OPTIONS": {
                "timeout": 30,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
        }
    }
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
# The motions list's covering index (INCLUDE columns) is PostgreSQL's; SQLite, the newcomer's
# database, builds the plain index and says so on every start. That is the intended fallback.
SILENCED_SYSTEM_CHECKS = [] if IS_POSTGRES else ["models.W040"]
# Reads go to `replica` only inside congress.replica.reads_from_replica(); everything else,
# writes included, stays on default.
DATABASE_ROUTERS = ["congress.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
# Shared by every process: the calendar's version token lives here (congress.deadlines.calendar).
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# Sessions stay in the database alone: Django's cached_db backend fails every page while
# Redis is down (its cache writes are not guarded), and the portal must keep working then.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Accounts ---------------------------------------------------------------------------
AUTH_USER_MODEL = "congress.User"
# The throttle first: it refuses before any password is checked (congress.accounts).
AUTHENTICATION_BACKENDS = ["congress.accounts.backends.ThrottleBackend", "congress.accounts.backends.Backend"]
# Failed logins are counted per account and address (an office behind one NAT is not locked
# out by one colleague), for a cool-off; a success resets the count.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "congress.accounts.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "congress.accounts.throttle.client_ip"
AXES_VERBOSE = False
# Trusted proxies in front of the portal; 0 means REMOTE_ADDR is the client's address.
LOGIN_PROXY_COUNT = env_int("LOGIN_PROXY_COUNT", 0)
# The optional second factor for staff: the name authenticator apps show for the account.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "人大代表履职服务平台")
# API tokens expire; a new password or "log out everywhere" ends them sooner.
API_TOKEN_LIFETIME = dt.timedelta(days=env_int("API_TOKEN_DAYS", 30))
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time ------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"  # statutory periods end at 24:00 Beijing time (Civil Code art. 203)
USE_TZ = True

# --- Static files -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Official papers (congress.documents): the issuing body printed red at the head and the code
# of its document numbers (发文字号 晋人代工〔2026〕12号, GB/T 9704-2012 §7.2.4).
DOCUMENT_ISSUER = env_str("DOCUMENT_ISSUER", "山西省人大常委会人事代表工作委员会")
DOCUMENT_NUMBER_PREFIX = env_str("DOCUMENT_NUMBER_PREFIX", "晋人代工")
# Uploads on the local disk (MEDIA_ROOT), or with S3_BUCKET set in an S3-compatible bucket,
# private, read back only through the portal's views (congress.storage). S3_ENDPOINT_URL for
# a bucket not at AWS (MinIO, a cloud's object storage); the keys, or boto3's own chain
# (AWS_* variables, an instance role) when unset; path-style addresses unless told otherwise.
S3_BUCKET = env_str("S3_BUCKET")
UPLOADS: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if S3_BUCKET:
    UPLOADS = {
        "BACKEND": "congress.storage.PortalS3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            "region_name": env_str("S3_REGION") or None,
            "addressing_style": env_str("S3_ADDRESSING_STYLE", "path"),
            "location": env_str("S3_PREFIX"),  # a folder of the bucket, when it is shared
        },
    }
STORAGES = {
    "default": UPLOADS,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Email ------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal@localhost")
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: one file per email.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security (production) ----------------------------------------------------------------
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # The load balancer asks /healthz over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response (django-csp): only the portal's own scripts,
# styles, fonts and images, no inline script, no framing. Behaviours come from
# static/js/portal.js, keyed on data attributes; the API docs load their setup script by URL.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SESSION_COOKIE_AGE = 60 * 60 * 12  # one working day

# --- REST API ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "congress.accounts.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "congress.api.filters.FilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "congress.api.pagination.PortalPagination",
    "DEFAULT_PARSER_CLASSES": [
        "congress.api.parsers.FiniteJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "congress.api.exceptions.portal_exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    # Every operation documents its refusals in the one error shape (congress.api.schema).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "congress.api.schema.add_error_responses",
    ],
    "TITLE": "人大代表履职服务平台 API",
    "DESCRIPTION": "Deputy-services portal: motions, suggestions, handling units, liaison stations.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Government networks are often closed: the docs' assets come from our own static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set, so clients see stable enum names.
    "ENUM_NAME_OVERRIDES": {
        "DeputyStatusEnum": "deputies.models.DeputyStatus",
        "OrganisationKindEnum": "congress.models.OrganisationKind",
        "CalendarDayKindEnum": "congress.models.CalendarDay.Kind",
        "CalendarYearStatusEnum": "congress.models.CalendarYear.Status",
        "SuggestionStatusEnum": "suggestions.workflow.Status",
        "SuggestionKindEnum": "suggestions.models.Suggestion.Kind",
        "AssignmentStatusEnum": "suggestions.workflow.AssignmentStatus",
        "UnitRoleEnum": "suggestions.workflow.Role",
        "CoSignerStatusEnum": "suggestions.models.CoSigner.Status",
        "NotAcceptedGroundEnum": "suggestions.models.NotAcceptedGround",
        "ReplyCategoryEnum": "suggestions.models.Reply.Category",
        "ReplyStatusEnum": "suggestions.models.Reply.Status",
        "EvaluationRatingEnum": "suggestions.models.Evaluation.Rating",
        "CommunicationWayEnum": "suggestions.models.Communication.Way",
        "WithheldGroundEnum": "suggestions.models.WithheldGround",
        "KeyGroundEnum": "suggestions.models.KeySuggestion.Ground",
        "MotionStatusEnum": "motions.workflow.Status",
        "InterpellationAnswerFormEnum": "motions.models.InterpellationAnswer.Form",
        "RecallDefenceFormEnum": "motions.models.RecallDefence.Form",
        "MotionKindEnum": "motions.models.Kind",
        "MotionAttachmentKindEnum": "motions.models.Attachment.Kind",
        "MotionHearingKindEnum": "motions.models.Hearing.Kind",
        "MotionRecommendationKindEnum": "motions.models.Recommendation.Kind",
        "PresidiumDecisionKindEnum": "motions.models.PresidiumDecision.Kind",
        "PresidiumDecisionChoiceEnum": "motions.api.DECISION_KINDS",
        "PlenaryOutcomeEnum": "motions.models.PlenaryResult.Outcome",
        "ReconsiderationOutcomeEnum": "motions.models.Reconsideration.Outcome",
        "StationKindEnum": "liaison_stations.models.Station.Kind",
        "ReceptionKindEnum": "liaison_stations.workflow.ReceptionKind",
        "ReceptionStatusEnum": "liaison_stations.workflow.ReceptionStatus",
        "StationOpinionStatusEnum": "liaison_stations.workflow.OpinionStatus",
        "FeedbackWayEnum": "liaison_stations.models.Opinion.FeedbackWay",
        "StationOpinionCategoryEnum": "liaison_stations.workflow.Category",
        "MotionCategoryEnum": "motions.models.Category",
        "DeputyGroundEnum": "deputies.workflow.DeputyGround",
        "SuspensionGroundEnum": "deputies.api.deputies.SUSPENSION_CHOICES",
        "TerminationGroundEnum": "deputies.api.deputies.TERMINATION_CHOICES",
        "LeaveStatusEnum": "deputies.workflow.LeaveStatus",
        "LeaveDecidingBodyEnum": "deputies.workflow.DecidingBody",
        "TrainingStatusEnum": "deputies.workflow.TrainingStatus",
        "TrainingKindEnum": "deputies.workflow.TrainingKind",
        "InspectionStatusEnum": "deputies.workflow.InspectionStatus",
        "InspectionKindEnum": "deputies.workflow.InspectionKind",
        "InspectionFeedbackStatusEnum": "deputies.workflow.FeedbackStatus",
    },
}

# --- Notifications ------------------------------------------------------------------------
# Links in emails and SMS are absolute, and a task has no request to take the host from.
# In production the default is the first named host in ALLOWED_HOSTS, over HTTPS.
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL").rstrip("/")
if not PORTAL_BASE_URL and DEBUG:
    PORTAL_BASE_URL = "http://127.0.0.1:8000"
elif not PORTAL_BASE_URL:
    named_hosts = [host for host in ALLOWED_HOSTS if not host.startswith((".", "*"))]
    if not named_hosts:
        raise RuntimeError("PORTAL_BASE_URL must be set when ALLOWED_HOSTS names no single host")
    PORTAL_BASE_URL = f"https://{named_hosts[0]}"
# Hour of the day (Beijing time) at which the daily email digest goes out.
NOTIFICATIONS_DIGEST_HOUR = env_int("NOTIFICATIONS_DIGEST_HOUR", 17)
# congress.notifications.sms.LoggingSmsBackend only logs; HttpGatewaySmsBackend sends.
SMS_BACKEND = env_str("SMS_BACKEND", "congress.notifications.sms.LoggingSmsBackend")
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL")
SMS_GATEWAY_KEY = env_str("SMS_GATEWAY_KEY")
# JSON body; {key}, {phone} and {text} inside its strings are replaced, JSON-escaped.
SMS_GATEWAY_TEMPLATE = env_str(
    "SMS_GATEWAY_TEMPLATE", '{"key": "{key}", "phone": "{phone}", "text": "{text}"}'
)
SMS_GATEWAY_TIMEOUT = env_int("SMS_GATEWAY_TIMEOUT", 10)

# --- Celery -----------------------------------------------------------------------------
CELERY_DATA_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Without socket timeouts a publish to a Redis that stopped answering (failover, a
    # firewall dropping the connection) waits forever, and with it the web request that
    # notified someone. With them it fails in seconds and the outbox catches up later.
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"socket_connect_timeout": 2, "socket_timeout": 2}
else:
    # Embedded default: messages are files under var/celery, no Redis needed.
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_DATA_DIR / "queue"),
        "data_folder_out": str(CELERY_DATA_DIR / "queue"),
        "processed_folder": str(CELERY_DATA_DIR / "processed"),
        "control_folder": str(CELERY_DATA_DIR / "control"),
        "store_processed": False,
    }
    for folder in ("queue", "processed", "control"):
        (CELERY_DATA_DIR / folder).mkdir(parents=True, exist_ok=True)
# Tests give each run its own queue, so runs sharing one Redis never take each other's tasks.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "portal")
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
# A publish tries twice, quickly, then gives up: callers never wait on a dead broker.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Schedules are declared here, in code; django-celery-beat copies them into its tables at
# start, where staff can see them in the admin.
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "heartbeat": {"task": "congress.tasks.record_heartbeat", "schedule": 300.0},
    # Reminders and escalations of every statutory deadline; each is sent once however
    # often this runs (congress.deadlines.reminders).
    "deadline-sweep": {"task": "congress.tasks.sweep_deadlines", "schedule": 300.0},
    # Re-sends outbox wake-ups the broker lost or never got.
    "notifications-drain-outbox": {"task": "congress.notifications.tasks.drain_outbox", "schedule": 120.0},
    "notifications-daily-digest": {
        "task": "congress.notifications.tasks.send_daily_digests",
        "schedule": crontab(hour=NOTIFICATIONS_DIGEST_HOUR, minute=0),
    },
}

# --- Logging ----------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs each layout step of every PDF at INFO: noise in the worker's log.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# --- Portal -----------------------------------------------------------------------------
PORTAL_NAME = _("Deputy Services Portal")
CONGRESS_NAME = _("Shanxi Provincial People's Congress")
# What a government site's footer carries: its sponsor (主办单位), how to reach it, and the filing
# numbers (ICP备案号, 公安机关备案号, 政府网站标识码). An empty value hides its line.
SITE_IDENTITY = {
    "sponsor": env_str("SITE_SPONSOR", ""),
    "contact": env_str("SITE_CONTACT", ""),
    "icp": env_str("SITE_ICP", ""),
    "police": env_str("SITE_POLICE_RECORD", ""),
    "site_code": env_str("SITE_CODE", ""),
}
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "demo12345")
# Periods no article fixes, set by the committee (congress.deadlines.statutory.policy_rule).
PORTAL_PERIODS = {
    "evaluation": env_str("EVALUATION_PERIOD", "1m"),
    "station_forward": env_str("STATION_FORWARD_PERIOD", "1m"),
    # S§41: "及时" (promptly) after the reply to a key suggestion; the committee sets the period.
    "key_report": env_str("KEY_REPORT_PERIOD", "1m"),
}
# D§31 "half a working day": half of the statutory 8-hour day, unless the committee sets another.
RECEPTION_MIN_MINUTES = env_int("RECEPTION_MIN_MINUTES", 240)
# The public opinion form and API (D§37), "count/seconds": opinions accepted per address and
# contact, and per address whatever the contact (a community behind one NAT address); look-ups
# of a tracking code per address.
PUBLIC_OPINION_RATE = env_str("PUBLIC_OPINION_RATE", "5/3600")
PUBLIC_OPINION_ADDRESS_RATE = env_str("PUBLIC_OPINION_ADDRESS_RATE", "50/3600")
TRACKING_LOOKUP_RATE = env_str("TRACKING_LOOKUP_RATE", "60/3600")
# Proxies in front of the portal that append to X-Forwarded-For (0: use the peer address).
NUM_PROXIES = env_int("NUM_PROXIES", 0)
