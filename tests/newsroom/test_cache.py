import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings

REDIS = ("127.0.0.1", 6379)


def redis_running():
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(REDIS) == 0


def test_redis_url_gives_every_process_one_shared_cache():
    """Two app processes given the same REDIS_URL see each other's cache entries."""
    if not redis_running():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("Redis is not running on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": "a-real-secret",
        "ALLOWED_HOSTS": "news.example.org",
        "REDIS_URL": f"redis://{REDIS[0]}:{REDIS[1]}/15",
        "CACHE_KEY_PREFIX": f"newsroom-test-{os.getpid()}",
    }
    prelude = 'import django; django.setup(); from django.core.cache import caches; cache = caches["default"];'

    def run(code):
        result = subprocess.run(
            [sys.executable, "-c", prelude + code],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    assert run("print(type(cache).__name__)") == "RedisCache"
    run("cache.set('front', 'from the first server', 60); print('ok')")
    assert run("print(cache.get('front')); cache.delete('front')") == "from the first server"
