"""The production settings, plus the bare baseline view's URL and a switchable cache.

BENCH_CACHE=dummy switches Django's cache off; anything else keeps the configured one.
"""

import os

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# Loopback HTTP: no TLS in front of it.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
if os.environ.get("BENCH_CACHE", "dummy") == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# The figures measure Django, not the writing of log lines.
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
