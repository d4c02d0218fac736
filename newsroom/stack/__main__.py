"""`make stack`: the whole scale-out topology on this machine, with the sample newsroom.

Varnish on PORT (8000) → HAProxy → two app servers (gunicorn) → a PostgreSQL primary and
a streaming replica of it, with Redis (REDIS_URL, database 11 by default) and one media
folder shared, and the task worker beside them (purge retries, webhooks). Everything is
made afresh in temporary folders and removed on Ctrl-C.
"""

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from newsroom.stack.base import HOST, answers


def main() -> None:
    port = int(os.environ.get("PORT", "8000"))
    redis_url = os.environ.get("REDIS_URL", f"redis://{HOST}:6379/11")
    if answers(port):
        sys.exit(f"Port {port} is taken: PORT=8080 make stack")
    if not answers(6379):
        sys.exit("Redis does not answer on 127.0.0.1:6379: start it first (README, Development)")
    folder = Path(tempfile.mkdtemp(prefix="newsroom-stack-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DEBUG="0",
        SECRET_KEY="stack-only-not-a-secret",
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECURE_SSL_REDIRECT="0",
    )
    import django

    django.setup()
    from newsroom.stack.apps import AppServer, production_environment, release
    from newsroom.stack.haproxy import HAProxy
    from newsroom.stack.postgres import Primary, Replica
    from newsroom.stack.varnish import Varnish

    with contextlib.ExitStack() as stack:
        print("Starting PostgreSQL: a primary and a streaming replica of it")
        primary = stack.enter_context(Primary())
        primary.create_database()
        replica = stack.enter_context(Replica(primary))
        environment = production_environment(
            DATABASE_URL=primary.url(),
            DATABASE_REPLICA_URL=replica.url(),
            REDIS_URL=redis_url,
            CACHE_KEY_PREFIX=f"newsroom-stack-{port}",
            MEDIA_ROOT=str(folder / "media"),
            STATIC_ROOT=str(folder / "static"),
            HTTP_CACHE="varnish",
            VARNISH_URLS=f"http://{HOST}:{port}",
            # Varnish and HAProxy each add to X-Forwarded-For.
            API_NUM_PROXIES="2",
            AXES_IPWARE_META_PRECEDENCE_ORDER="HTTP_X_FORWARDED_FOR",
        )
        print("Migrating and loading the sample newsroom")
        release(environment)
        # Under DEBUG, which makes the demo logins; no Varnish to purge yet.
        sample = {**environment, "DEBUG": "1", "HTTP_CACHE": ""}
        subprocess.run(
            [sys.executable, "manage.py", "load_sample_newsroom"],
            env=sample,
            cwd=Path(__file__).resolve().parents[2],
            check=True,
        )
        apps = [stack.enter_context(AppServer(environment)) for _ in range(2)]
        balancer = stack.enter_context(HAProxy([app.address for app in apps]))
        varnish = stack.enter_context(Varnish(balancer.address, port=port))
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload"],
            env=environment,
            cwd=Path(__file__).resolve().parents[2],
        )
        stack.callback(worker.terminate)
        print(
            f"\nThe stack is up:\n"
            f"  readers  {varnish.url}/  (Varnish: X-Cache says HIT or MISS)\n"
            f"  HAProxy  {balancer.url}/  (statistics: echo 'show stat' | socat - "
            f"{balancer.stats_socket})\n"
            + "".join(f"  app      {app.url}/  (gunicorn, logs in {app.log})\n" for app in apps)
            + f"  primary  {primary.url()}\n  replica  {replica.url()}\n"
            f"  editors  {varnish.url}/admin/  (the logins load_sample_newsroom printed)\n"
            "Ctrl-C stops everything and removes its files."
        )
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
        print("Stopping the stack")


if __name__ == "__main__":
    main()
