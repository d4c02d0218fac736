"""gunicorn settings for `make serve` and production; each one can be set from the environment."""

import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
# Sync workers: one request each. About two per core; WEB_CONCURRENCY is the usual knob.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
wsgi_app = "newsroom.wsgi:application"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Heartbeat files in memory, not on a disk that may be slow or read-only.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Logs to standard output, like Django's.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
# Recycle a worker after this many requests (0: never), a guard against slow leaks.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# The runtime control socket has one default path per user: several servers on one host
# (tests, benchmarks, blue/green) would fight over it, and nothing here uses it.
control_socket_disable = True
