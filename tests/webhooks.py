"""What the webhook tests share: a real HTTP receiver on 127.0.0.1, the worker run in the
test's transaction, and the README's own signature check."""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.conf import settings
from django_tasks_db.management.commands import db_worker


class Receiver:
    """An HTTP server in a thread that records every POST and answers each with the next
    of `answers` (then 200); with `hold`, a request waits until `release()`."""

    def __init__(self, answers=(), hold=False):
        self.requests = []
        self.answers = list(answers)
        self.released = threading.Event()
        if not hold:
            self.released.set()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                receiver.released.wait(timeout=30)
                self.send_response(receiver.answers.pop(0) if receiver.answers else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def release(self):
        self.released.set()

    def stop(self):
        self.release()
        self.server.shutdown()
        self.server.server_close()

    def bodies(self):
        return [json.loads(body) for _, body in self.requests]


def run_worker(monkeypatch):
    """Run every task that is due, as `manage.py db_worker --batch` does, then return."""
    # Between tasks the worker drops a connection left inside a transaction: in a test
    # that transaction is the test's own, which must stay.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    ).run()


def readme_verify():
    """The receiver's check the README documents, run as it is printed there."""
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    code = re.search(r"```python\n(# Check a Newsroom webhook.*?)```", readme, re.DOTALL)[1]
    namespace = {}
    exec(code, namespace)
    return namespace["verify"]
