"""Django settings, read from the environment (docs/web.md lists every variable).

Production is the default: it refuses to start with debug on or without a
proper secret key. `SCORECARDS_ENV=development` allows both, for working
on Scorecards itself.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from scorecards.web import environment as env

PACKAGE = Path(__file__).resolve().parent
DEVELOPMENT_SECRET = "development-only-secret-key-never-use-in-production-0123456789"  # noqa: S105

ENVIRONMENT = env.string("SCORECARDS_ENV", "production")
if ENVIRONMENT not in ("production", "development"):
    raise ImproperlyConfigured(f"SCORECARDS_ENV={ENVIRONMENT!r}: write production or development")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env.boolean("SCORECARDS_DEBUG", default=False)
SECRET_KEY = env.string("SCORECARDS_SECRET_KEY", "" if PRODUCTION else DEVELOPMENT_SECRET)
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("SCORECARDS_DEBUG is on in production: debug pages leak data; turn it off")
    env.check_secret_key(SECRET_KEY)

DATA_DIR = env.path("SCORECARDS_DATA_DIR", Path.cwd() / "scorecards-data")
RELEASES_DIR = DATA_DIR / "releases"
FRAMEWORK_DIR = env.path("SCORECARDS_FRAMEWORK", PACKAGE.parent / "examples" / "kent" / "framework")

ALLOWED_HOSTS = env.strings("SCORECARDS_ALLOWED_HOSTS", ("127.0.0.1", "localhost", "[::1]"))
CSRF_TRUSTED_ORIGINS = env.strings("SCORECARDS_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "scorecards.web.accounts",
    "scorecards.web.audit",
    "scorecards.web.releases",
    "scorecards.web.contracts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "scorecards.web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "scorecards.web.urls"
WSGI_APPLICATION = "scorecards.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "scorecards.web.accounts.context.role",
            ],
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    ["django.template.loaders.filesystem.Loader"],
                )
            ],
        },
    }
]

DATABASES = {"default": env.database(env.string("DATABASE_URL"), DATA_DIR / "scorecards.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "releases"
LOGIN_FAILURE_LIMIT = env.integer("SCORECARDS_LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_MINUTES = env.integer("SCORECARDS_LOGIN_FAILURE_WINDOW_MINUTES", 15)

# Cookies: secure (HTTPS only; browsers also allow them on http://localhost),
# not readable by scripts, and not sent on cross-site requests.
SESSION_COOKIE_SECURE = env.boolean("SCORECARDS_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_NAME = "scorecards_session"
CSRF_COOKIE_NAME = "scorecards_csrf"

HTTPS = env.boolean("SCORECARDS_HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.boolean("SCORECARDS_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE / "static", ("release", PACKAGE.parent / "outputs" / "static")]
STATIC_ROOT = None  # files are served from the package by WhiteNoise; no collectstatic
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
