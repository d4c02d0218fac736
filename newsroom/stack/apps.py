"""The app servers: gunicorn as `make serve` runs it, several sharing one database, one
Redis and one media store."""

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from newsroom.stack.base import CONFIGURATION, HOST, Service, free_port

ROOT = CONFIGURATION.parent.parent
BIN = Path(sys.executable).parent


def production_environment(**settings: str) -> dict[str, str]:
    """This process's environment with production settings (DEBUG off) and `settings`:
    DATABASE_URL, REDIS_URL, MEDIA_ROOT, SECRET_KEY, ALLOWED_HOSTS..."""
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return {**inherited, "DJANGO_SETTINGS_MODULE": "newsroom.settings", "DEBUG": "0", **settings}


def release(environment: dict[str, str], bench_articles: int = 0) -> None:
    """Do once for all the app servers what `make serve` does before gunicorn: migrate
    the shared database and collect the static files; then, for tests and benchmarks, fill
    the empty database with `bench_articles` articles (seed_bench)."""
    steps = [["migrate", "--no-input"], ["collectstatic", "--no-input"]]
    if bench_articles:
        steps.append(["seed_bench", "--articles", str(bench_articles)])
    for step in steps:
        done = subprocess.run(
            [sys.executable, "manage.py", *step, "-v0"],
            env=environment,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {step[0]} failed:\n{done.stderr[-4000:]}")


class AppServer(Service):
    """One gunicorn with `workers` sync workers on its own port, configured by
    gunicorn.conf.py and by `environment` (see `production_environment`)."""

    name = "app"

    def __init__(
        self, environment: dict[str, str], port: int | None = None, workers=2, folder=None
    ):
        super().__init__(folder)
        self.port = port or free_port()
        self.address = (HOST, self.port)
        self.url = f"http://{HOST}:{self.port}"
        self.settings = {
            **environment,
            "HOST": HOST,
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(workers),
        }

    def command(self) -> list[str]:
        config = ROOT / "gunicorn.conf.py"
        return [str(BIN / "gunicorn"), "--config", str(config), "--chdir", str(ROOT)]

    def environment(self) -> dict[str, str]:
        return self.settings

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/health/", timeout=1) as response:
                return response.status == 200
        except OSError:
            return False

    def crash(self) -> None:
        """Kill gunicorn and its workers at once, as a machine dying would: requests they
        hold get no answer, connections waiting to be accepted are reset."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
