"""Settings shared by every environment.

Everything that differs between machines comes from the environment (twelve-factor):
``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``EMAIL_URL``, ``OIDC_*`` and so on.
"""

from __future__ import annotations

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    # third party
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    "csp",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rest_framework",
    "rest_framework.authtoken",
    "rules.apps.AutodiscoverRulesConfig",
    "template_partials",
    # Kaiku
    "kaiku.core",
    "kaiku.organisations",
    "kaiku.accounts",
    "kaiku.programme",
    "kaiku.news",
    "kaiku.notifications",
    "kaiku.moderation",
    "kaiku.questions",
    "kaiku.discussions",
    "kaiku.search",
    "kaiku.surveys",
    "kaiku.teams",
    "kaiku.events",
    "kaiku.onboarding",
    # The top floor: the front page and demo data bring the capabilities together.
    "kaiku.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-csp's CSPMiddleware, with the settings' policy built once (site/middleware.py).
    "kaiku.site.middleware.ContentSecurityPolicyMiddleware",
    # Anonymous GETs of public pages, from the cache before the session is read (core/cache.py).
    "kaiku.core.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's AuthenticationMiddleware, the person read by a kept query (accounts/middleware.py).
    "kaiku.accounts.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends a session SESSION_ABSOLUTE_LIFETIME after login (needs auth and messages).
    "kaiku.accounts.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "kaiku.accounts.middleware.RequireMFAMiddleware",
    # A signed-in person's repeat GETs, after their session is checked (core/cache.py).
    "kaiku.core.cache.SignedInPageCacheMiddleware",
    # axes must be last: it turns lockouts into responses
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
SITE_ID = 1

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
                "csp.context_processors.nonce",
                "kaiku.core.context_processors.site",
                "kaiku.notifications.context_processors.unread_count",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
# SQLite by default (zero set-up); PostgreSQL in production and CI via DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions and a busy timeout let the web server and the task worker
    # share the file without "database is locked" errors; WAL lets readers run alongside.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    )
# Persistent connections: a new SQLite connection per request re-runs the PRAGMAs above and
# cost ~0.8 ms of CPU per request in the benchmark (docs/performance.md).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://kaiku")}
# The anonymous page cache (kaiku/core/cache.py, docs/performance.md): files under var/ are
# shared by every gunicorn worker on the host and need no extra service (docs/decisions.md).
CACHES["pages"] = env.cache(
    "PAGE_CACHE_URL", default=f"filecache://{BASE_DIR / 'var' / 'cache' / 'pages'}"
)
CACHES["pages"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 10000)
KAIKU_PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE", default=True)
KAIKU_PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
# Saves and deletes of these apps' models make every cached page out of date.
KAIKU_PAGE_CACHE_CONTENT_APPS = [
    "accounts",
    "organisations",
    "programme",
    "news",
    "moderation",
    "questions",
    "discussions",
    "events",
    "teams",
    "surveys",
]
# Writes that change nothing an anonymous visitor's cached page shows. Live questions and
# votes come many a minute during an event: the live page polls with its own ETag instead.
# Survey answers arrive all the time: a kept results page shows them at most a lifetime
# late (a survey's own changes, its questions and its themes analysis empty the cache).
# Onboarding is not a content app: task completions come many a day.
KAIKU_PAGE_CACHE_IGNORED_MODELS = [
    "accounts.ApiToken",
    "accounts.Invitation",
    "events.LiveQuestion",
    "events.LiveVote",
    "events.CalendarFeed",
    "surveys.Participation",
    "surveys.Draft",
    "surveys.Response",
    "surveys.Answer",
    "surveys.AnswerChoice",
    "surveys.StoredResults",
]
# Only these views' anonymous answers are stored (namespace:name patterns), and the public API.
KAIKU_PAGE_CACHE_VIEWS = [
    "site:home",
    "organisations:list",
    "organisations:detail",
    "organisations:region_detail",
    "programme:list",
    "programme:detail",
    "programme:timeline",
    "programme:meetings_ical",
    "programme:group_detail",
    "programme:group_meetings_ical",
    "news:list",
    "news:detail",
    "news:*feed_rss",
    "news:*feed_atom",
    "questions:list",
    "questions:detail",
    "questions:faq",
    "search:results",
    "discussions:index",
    "discussions:programme",
    "discussions:group",
    "discussions:detail",
    "events:list",
    "events:detail",
    "events:programme_list",
    "events:programme_detail",
    "teams:list",
    "teams:detail",
    "surveys:results",
    "surveys:summary",
]
# A signed-in person's repeat GETs of these (and of the API) are kept for them
# (kaiku/core/cache.py "Signed-in pages"); the front page keeps its panels itself.
KAIKU_SIGNED_IN_PAGE_CACHE_VIEWS = [v for v in KAIKU_PAGE_CACHE_VIEWS if v != "site:home"]
KAIKU_PAGE_CACHE_PATH_PREFIXES = ["/api/v1/"]
KAIKU_PAGE_CACHE_NEGOTIATED_PREFIXES = ["/api/"]

# --- Authentication -----------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "site:home"

# django-allauth
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_ADAPTER = "kaiku.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "kaiku.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    # Wrong passwords on the account-removal form (kaiku.accounts.services).
    "remove_account": "5/15m/user",
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# Sign-up is open only to invited people or to these email domains (comma separated).
KAIKU_SIGNUP_ALLOWED_DOMAINS = env.list("SIGNUP_ALLOWED_DOMAINS", default=[])
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kaiku"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS: dict = {}
# A generic OpenID Connect provider for single sign-on (Azure AD, Suomi.fi-style identity).
if env("OIDC_CLIENT_ID", default=""):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": env("OIDC_PROVIDER_ID", default="sso"),
                "name": env("OIDC_PROVIDER_NAME", default="Single sign-on"),
                "client_id": env("OIDC_CLIENT_ID"),
                "secret": env("OIDC_CLIENT_SECRET", default=""),
                "settings": {"server_url": env("OIDC_SERVER_URL")},
            }
        ],
    }

# django-axes: lock an account+IP pair after repeated failures, and unlock again.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours; default never unlocks
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "kaiku.accounts.axes.login_identifier"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_VERBOSE = False

# Django's database sessions (same table and rows), read by a kept query.
SESSION_ENGINE = "kaiku.accounts.sessions"
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT", default=60 * 60 * 8)
# The cookie age is an idle timeout: SessionLifetimeMiddleware pushes it forward at most this
# often (a session write per page would cost a database write for every signed-in request).
SESSION_REFRESH_SECONDS = env.int("SESSION_REFRESH_SECONDS", default=5 * 60)
# However active, a session ends this many seconds after login (SessionLifetimeMiddleware).
SESSION_ABSOLUTE_LIFETIME = env.int("SESSION_ABSOLUTE_LIFETIME", default=60 * 60 * 24)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fi", "sv", "en")}

# --- Static and uploaded files ------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
KAIKU_MAX_UPLOAD_MB = env.int("MAX_UPLOAD_MB", default=20)  # group documents (programme)

# --- Email --------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Kaiku <kaiku@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks ---------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Delivery of notification email and recovery of dead workers (docs/notifications.md):
# ``manage.py recover_deliveries`` from cron every 5 minutes uses these. An SMTP call may block
# EMAIL_TIMEOUT seconds, well under the claim timeout, so a live sender is never taken for dead.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# An email claimed this long ago (seconds) and never confirmed is released and sent again.
KAIKU_EMAIL_CLAIM_TIMEOUT = env.int("EMAIL_CLAIM_TIMEOUT", default=15 * 60)
# Failed emails are retried after 5 min, 10, 20, … (at most 6 h apart); given up after 8 tries.
KAIKU_EMAIL_RETRY_DELAY = env.int("EMAIL_RETRY_DELAY", default=5 * 60)
KAIKU_EMAIL_RETRY_MAX_DELAY = env.int("EMAIL_RETRY_MAX_DELAY", default=6 * 60 * 60)
KAIKU_EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=8)
# A task RUNNING this long (seconds) lost its worker: it is marked failed and queued again, at
# most KAIKU_TASK_MAX_RUNS runs in all; tasks listed in KAIKU_TASK_NO_RERUN are only failed.
KAIKU_TASK_STUCK_TIMEOUT = env.int("TASK_STUCK_TIMEOUT", default=60 * 60)
KAIKU_TASK_MAX_RUNS = env.int("TASK_MAX_RUNS", default=3)
KAIKU_TASK_NO_RERUN: list[str] = []

# --- API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # `Authorization: Token <key>`: hashed, expiring tokens under the MFA rule. First, so
        # that refused credentials answer 401 with `WWW-Authenticate: Token`.
        "kaiku.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "kaiku.core.api.pagination.DefaultPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kaiku.core.api.exceptions.exception_handler",
    # Per address for anonymous requests, per person for authenticated ones; over the rate
    # the answer is 429 with Retry-After.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="120/min"),
        "user": env("API_THROTTLE_USER", default="600/min"),
    },
    # The client address is REMOTE_ADDR (as for django-axes): X-Forwarded-For is not trusted,
    # so it cannot be forged to dodge the limit. Behind N trusted proxies set API_NUM_PROXIES.
    "NUM_PROXIES": env.int("API_NUM_PROXIES", default=0),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kaiku API",
    "DESCRIPTION": (
        "Open collaboration platform for public-sector reform. Public content is readable "
        "without authentication; integrations authenticate with a token "
        "(`Authorization: Token <key>`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # public / staff / members wherever content carries it (one enum in the schema).
    "ENUM_NAME_OVERRIDES": {"ContentVisibilityEnum": "kaiku.core.content.Visibility"},
    # Served from our own static files: no external CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        # The {"message", "extra"} error answers (400/401/403/404) of every operation.
        "kaiku.core.api.schema.document_error_responses",
    ],
}

# --- Security headers ---------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Kaiku --------------------------------------------------------------------------------
KAIKU_AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=365 * 2)
# Roles that must use a second factor (TOTP) before they can act.
KAIKU_MFA_REQUIRED_ROLES = ["administrator", "moderator"]
KAIKU_MFA_ENFORCED = env.bool("MFA_ENFORCED", default=True)
# API tokens expire this many days after they are created.
KAIKU_API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=90)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
