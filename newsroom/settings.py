"""Newsroom settings, read from the environment.

DEBUG is off unless DEBUG=1; `manage.py` turns it on when neither DEBUG nor SECRET_KEY
is set (a checkout), gunicorn and `make serve` never do. With DEBUG off a missing
SECRET_KEY or ALLOWED_HOSTS stops start-up, and cookies, HSTS and the HTTPS redirect
are on. Unset DATABASE_URL means the SQLite file in the project folder; unset REDIS_URL
means a cache local to each process.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.log import DEFAULT_LOGGING
from django_prose_editor.config import html_tags
from js_asset import static_lazy

from articles import embeds, richtext

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    return int(os.environ.get(name, default))


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or DEBUG=1 for development)."
        )
    SECRET_KEY = "django-insecure-development-only-never-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set. Name the site's host names, comma-separated."
        )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin, whose forms it extends with a field per language.
    "modeltranslation",
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "taggit",
    "django_prose_editor",
    "axes",
    # The content API's browsable page: Swagger UI's files, served from here (no CDN).
    "ninja",
    # The task queue's tables and its worker, `manage.py db_worker` (webhook deliveries).
    "django_tasks_db",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.AdminContentSecurityPolicyMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.PrivateUnlessLabelledMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The edition from the address's prefix (i18n_patterns); the admin's language from
    # the editor's browser.
    "newsroom.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # An old address of a story or page that moved: a 301 where no page answers.
    "articles.redirects.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

# The public site renders with Jinja2 from articles/jinja2/ (its environment:
# newsroom/jinja2.py); the admin with Django's engine from templates/ and the apps.
# Jinja2 is asked first, so a public name (404.html, articles/...) is always its own.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "newsroom.jinja2.environment",
            "context_processors": ["django.template.context_processors.csp"],
            # As Django's engine does: an include's final newline (robots.txt's) is kept.
            "keep_trailing_newline": True,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]


def database(url):
    """A DATABASES entry for the URL, with the connection options every alias shares."""
    return dj_database_url.parse(
        url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")), conn_health_checks=True
    )


DATABASES = {
    # An empty DATABASE_URL (`DATABASE_URL= make run`) is unset, as everywhere here.
    "default": database(os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
# A streaming replica of the primary (postgres://...) serves readers' pages; the admin,
# the workflow and everything else read the primary (newsroom.routers has the rule).
if os.environ.get("DATABASE_REPLICA_URL"):
    # Tests have no replica: they read the test database under its name too.
    DATABASES["replica"] = {
        **database(os.environ["DATABASE_REPLICA_URL"]),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["newsroom.routers.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "newsroom.middleware.ReplicaReadMiddleware",
    )
# For this long after a request that may have written (seconds), the reader's pages come
# from the primary, which has their write; longer than the replica normally lags.
DATABASE_REPLICA_LAG = env_int("DATABASE_REPLICA_LAG", 10)

# Public pages are cached (articles.cache): in this process by default, in Redis shared
# by every app server when REDIS_URL is set (redis://host:6379/0).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "newsroom.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one user from one address lock that pair out for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind a load balancer, name the header carrying the client's address (e.g.
# HTTP_X_FORWARDED_FOR) or every reader shares the balancer's address.
if os.environ.get("AXES_IPWARE_META_PRECEDENCE_ORDER"):
    AXES_IPWARE_META_PRECEDENCE_ORDER = env_list("AXES_IPWARE_META_PRECEDENCE_ORDER")

# The editors' workspace lives here; another path keeps it off scanners' default lists.
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Editions (issue 14). SUPPORTED_LANGUAGES are those the schema holds names in (a new one
# needs its columns: see the README); LANGUAGES, from the environment, are the editions
# this site publishes (LANGUAGES=en,ru,ar), and LANGUAGE_CODE the default among them,
# whose pages keep unprefixed addresses. Any other is prefixed: /ru/news/.
SUPPORTED_LANGUAGES = {"en": "English", "ru": "Русский", "ar": "العربية"}


def _editions():
    codes = env_list("LANGUAGES") or ["en", "ru"]
    unknown = [code for code in codes if code not in SUPPORTED_LANGUAGES]
    if unknown:
        raise ImproperlyConfigured(
            f"LANGUAGES names {', '.join(unknown)}; this newsroom supports "
            f"{', '.join(SUPPORTED_LANGUAGES)}."
        )
    return [(code, SUPPORTED_LANGUAGES[code]) for code in dict.fromkeys(codes)]


LANGUAGES = _editions()
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"LANGUAGE_CODE {LANGUAGE_CODE!r} is not one of LANGUAGES ({', '.join(dict(LANGUAGES))})."
    )
# Names, bios and descriptions of people, organisations, events, topics and regions have a
# column per SUPPORTED language (articles/translation.py), not per edition: the schema never
# changes when an edition is switched on. modeltranslation asks for no more than that these
# name languages include its default; Django's LANGUAGES stay the editions. A name missing
# in a language is read in the default one.
MODELTRANSLATION_LANGUAGES = tuple(SUPPORTED_LANGUAGES)
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)
# Slugs are made from the default language's name, whatever the editor's language.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = LANGUAGE_CODE
# A name given without a language (an import, a tag typed in a form) is also the default
# language's: the name every other language falls back to is never empty.
MODELTRANSLATION_AUTO_POPULATE = "default"
LOCALE_PATHS = [BASE_DIR / "locale"]
# Each language's own date formats ("6 марта 2023 г."), English's day first (newsroom/formats).
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Our own extensions of the admin's rich-text editor, loaded where a field enables them:
# names in the body's block-type menu (no HTML of its own, so the sanitiser allows nothing
# more); pull quotes, embeds, pictures and galleries of the library, whose HTML
# articles.richtext allows and checks.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("admin/js/block_type_labels.js")],
        "extensions": {"BlockTypeLabels": html_tags([])},
    },
    {
        "js": [static_lazy("admin/js/body_media.js")],
        "extensions": {
            "PullQuote": richtext.allow_pull_quotes,
            "Embed": richtext.allow_embeds,
            "LibraryImage": richtext.allow_library_images,
            "Gallery": richtext.allow_galleries,
        },
    },
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploads go to a shared object store when several app servers run: name its Django
# storage backend and its options (JSON), e.g. django-storages' S3 backend.
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(os.environ.get("MEDIA_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Tag slugs keep Cyrillic and Arabic letters; URLs use articles.converters.
TAGGIT_CASE_INSENSITIVE = True

# To standard error, where the process manager or container runtime collects it, and
# where it never mixes with what a command prints (`suggest_links --json`, dumpdata).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"django.server": DEFAULT_LOGGING["formatters"]["django.server"]},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"},
        "django.server": DEFAULT_LOGGING["handlers"]["django.server"],
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's default gives "django" a console handler of its own under DEBUG, on top
        # of propagating to the root's: every line twice. Here only the root's prints.
        "django": {"handlers": [], "level": LOG_LEVEL},
        # Configuring "django" resets its children: runserver's request lines keep theirs.
        "django.server": DEFAULT_LOGGING["loggers"]["django.server"],
        # The linker's morphology says where its dictionaries are at every start.
        "pymorphy3": {"level": "WARNING"},
    },
}

NEWSROOM_PAGE_SIZE = 20

# The only providers whose posts the body editor embeds (articles/embeds.py). For each: its
# name, the addresses of its posts (regular expressions; the named groups fill `frame`),
# its oEmbed endpoint (None: the address alone says what to embed; Telegram has none), and
# the frame a post is shown in (None: a quotation with a link, no frame, no script). The
# frames' origins are the only ones the pages may frame (SECURE_CSP's frame-src below), and
# the sanitiser keeps an <iframe> only when its address is one of these frames.
NEWSROOM_EMBED_PROVIDERS = {
    "youtube": {
        "name": "YouTube",
        "urls": [
            r"^https://(?:www\.|m\.)?youtube\.com/watch\?(?:[^#]*&)?v=(?P<id>[\w-]{11})",
            r"^https://(?:www\.)?youtube\.com/(?:shorts|live|embed)/(?P<id>[\w-]{11})",
            r"^https://youtu\.be/(?P<id>[\w-]{11})",
        ],
        "oembed": "https://www.youtube.com/oembed",
        # The privacy-enhanced player: no cookies until the reader plays the video.
        "frame": "https://www.youtube-nocookie.com/embed/{id}",
        "size": (560, 315),
    },
    "telegram": {
        "name": "Telegram",
        "urls": [r"^https://t\.me/(?P<channel>[A-Za-z]\w{3,31})/(?P<id>\d+)/?(?:\?.*)?$"],
        "oembed": None,
        "frame": "https://t.me/{channel}/{id}?embed=1",
        "size": (500, 540),
    },
    "x": {
        "name": "X",
        "urls": [r"^https://(?:www\.)?(?:x|twitter)\.com/(?P<user>\w{1,15})/status/(?P<id>\d+)"],
        "oembed": "https://publish.twitter.com/oembed",
        "frame": None,
    },
}
# How long the admin waits for a provider's oEmbed answer, in seconds.
NEWSROOM_EMBED_TIMEOUT = env_int("NEWSROOM_EMBED_TIMEOUT", 5)

# The content API's rate limits (articles.api.clients): requests per period ("120/min")
# per address without a token, per token with one.
NEWSROOM_API_RATES = {
    "anonymous": os.environ.get("API_RATE_ANONYMOUS", "120/min"),
    "token": os.environ.get("API_RATE_TOKEN", "600/min"),
}
# How many proxies in front of the site add to X-Forwarded-For: the API's limits count
# the address the nearest of them saw. 0 counts REMOTE_ADDR, which a client cannot forge.
NINJA_NUM_PROXIES = env_int("API_NUM_PROXIES", 0)

# Who publishes the site, as search engines read it (articles.structured_data) and shared
# cards name it.
NEWSROOM_PUBLISHER_NAME = os.environ.get("NEWSROOM_PUBLISHER_NAME", "Newsroom")

# Where links in emails point.
NEWSROOM_BASE_URL = os.environ.get("NEWSROOM_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Webhooks (articles/webhooks.py): how many tries a delivery gets, the wait after the
# first failure (multiplied by four after each next one: 30 s, 2 min, 8 min...), and
# how long a receiver has to answer, in seconds.
NEWSROOM_WEBHOOK_ATTEMPTS = env_int("NEWSROOM_WEBHOOK_ATTEMPTS", 6)
NEWSROOM_WEBHOOK_BACKOFF = env_int("NEWSROOM_WEBHOOK_BACKOFF", 30)
NEWSROOM_WEBHOOK_TIMEOUT = env_int("NEWSROOM_WEBHOOK_TIMEOUT", 10)
# Tasks (webhook deliveries) wait in the database for `manage.py db_worker`, which
# `make run` starts beside the site; production runs it as a process of its own.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The HTTP cache in front of the site, purged by surrogate key as soon as a change commits
# (articles.purgers): HTTP_CACHE=varnish (VARNISH_URLS, comma-separated, each Varnish
# server's own address), fastly (FASTLY_SERVICE_ID, FASTLY_API_TOKEN, FASTLY_SOFT_PURGE)
# or cloudflare (CLOUDFLARE_ZONE_ID, CLOUDFLARE_API_TOKEN); unset, nothing is purged. A
# purge the cache did not take is retried by the worker after NEWSROOM_PURGE_BACKOFF
# seconds, four times longer after each next failure, while cached pages may still hold it.
_HTTP_CACHES = {
    "varnish": lambda: {
        "BACKEND": "articles.purgers.Varnish",
        "OPTIONS": {"urls": env_list("VARNISH_URLS") or ["http://127.0.0.1:6081"]},
    },
    "fastly": lambda: {
        "BACKEND": "articles.purgers.Fastly",
        "OPTIONS": {
            "service_id": os.environ["FASTLY_SERVICE_ID"],
            "api_token": os.environ["FASTLY_API_TOKEN"],
            "soft": env_bool("FASTLY_SOFT_PURGE"),
        },
    },
    "cloudflare": lambda: {
        "BACKEND": "articles.purgers.Cloudflare",
        "OPTIONS": {
            "zone_id": os.environ["CLOUDFLARE_ZONE_ID"],
            "api_token": os.environ["CLOUDFLARE_API_TOKEN"],
        },
    },
}
_http_cache = os.environ.get("HTTP_CACHE", "").strip().lower()
if _http_cache and _http_cache not in _HTTP_CACHES:
    raise ImproperlyConfigured(
        f"HTTP_CACHE is {_http_cache!r}; it may be {', '.join(_HTTP_CACHES)}, or unset."
    )
try:
    NEWSROOM_PURGER = _HTTP_CACHES[_http_cache]() if _http_cache else None
except KeyError as missing:
    raise ImproperlyConfigured(f"HTTP_CACHE={_http_cache} needs {missing} set.") from None
NEWSROOM_PURGE_BACKOFF = env_int("NEWSROOM_PURGE_BACKOFF", 5)

# Review notifications: printed to the console in development, sent by SMTP otherwise.
if DEBUG:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")

# Pages load only the site's own scripts, styles and images: never inline script. The one
# exception is a script tag carrying this response's nonce: the admin's rich-text editor
# needs an inline import map, rendered with it by {% csp_nonce_attr media %}. The nonce is
# only made when a template asks for one, so public pages' policy is plain 'self'. The
# admin also allows inline styles (newsroom.middleware.AdminContentSecurityPolicyMiddleware).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *env_list("CSP_IMG_SRC")],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    # This site's own pages (the publish page frames a version's preview) and the embed
    # providers' players, nothing else.
    "frame-src": [CSP.SELF, *embeds.frame_origins(NEWSROOM_EMBED_PROVIDERS)],
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Read by newsroom.middleware.PermissionsPolicyMiddleware: a news site needs none of these.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Behind a proxy that ends TLS: SECURE_PROXY_SSL_HEADER=1 trusts its X-Forwarded-Proto.
    if env_bool("SECURE_PROXY_SSL_HEADER"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
