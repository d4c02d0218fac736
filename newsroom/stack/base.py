"""What every part of the stack shares: a free port, a wait with a deadline, and a
process with a folder of its own for its configuration and its log."""

import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

HOST = "127.0.0.1"
CONFIGURATION = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_until(condition, seconds: float, what: str) -> None:
    """Return once `condition()` is true; raise TimeoutError naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} within {seconds} seconds")
        time.sleep(0.1)


def answers(port: int, host: str = HOST) -> bool:
    """Whether something accepts connections on the port."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


class Service:
    """One process of the stack, run in the foreground of its own folder, logging there.

    A subclass says how to start it (`command`, after writing any files it needs in
    `prepare`) and when it is ready (`ready`). Used as a context manager it is stopped and
    its folder removed on the way out, unless the folder was given.
    """

    name = "service"
    start_seconds = 30

    def __init__(self, folder: Path | None = None):
        self.own_folder = folder is None
        self.folder = Path(folder or tempfile.mkdtemp(prefix=f"newsroom-{self.name}-"))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.log = self.folder / f"{self.name}.log"
        self.process: subprocess.Popen | None = None

    def prepare(self) -> None:
        """Write what the command reads (configuration files) into the folder."""

    def command(self) -> list[str]:
        raise NotImplementedError

    def environment(self) -> dict[str, str] | None:
        return None

    def ready(self) -> bool:
        raise NotImplementedError

    def start(self) -> None:
        self.prepare()
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=self.folder,
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_until(self._ready_or_dead, self.start_seconds, f"{self.name} did not start")
        except TimeoutError as error:
            self.stop()
            raise RuntimeError(f"{error}; its log:\n{self.tail()}") from None
        if self.process.poll() is not None:
            raise RuntimeError(f"{self.name} exited at start; its log:\n{self.tail()}")

    def _ready_or_dead(self) -> bool:
        return self.process.poll() is not None or self.ready()

    def stop(self, sig=signal.SIGTERM, seconds: float = 30) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        if self.own_folder:
            shutil.rmtree(self.folder, ignore_errors=True)
