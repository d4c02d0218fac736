"""The bench's constant-rate row: an open loop, so an answer's wait in the queue counts."""

import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from bench import run


class Slow(BaseHTTPRequestHandler):
    """Answers one request at a time, each taking 50 ms: five a second less than asked."""

    def do_GET(self):
        time.sleep(0.05)
        self.send_response(200 if self.path == "/found" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_server():
    server = HTTPServer((run.HOST, 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_requests_go_out_on_schedule_and_each_counts_its_wait(slow_server, monkeypatch):
    monkeypatch.setattr(run, "SEARCH_RATE", 25)
    row = run.at_a_constant_rate(slow_server, ["/found"], 2)
    assert row["requests"] == 50 and row["failed"] == 0
    # 50 answers of 50 ms take 2.5 s: the last one was due at 1.96 s, so it waited about
    # half a second. A closed loop would report every answer as 50 ms.
    assert row["p50"] > 100
    assert row["p99"] > 400
    assert row["rps"] < 25


def test_an_answer_other_than_200_is_a_failure(slow_server, monkeypatch):
    monkeypatch.setattr(run, "SEARCH_RATE", 5)
    row = run.at_a_constant_rate(slow_server, ["/found", "/missing"], 1)
    assert (row["requests"], row["failed"]) == (5, 2)
