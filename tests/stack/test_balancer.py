"""HAProxy in front of two app servers sharing one database, Redis and media folder."""

import itertools
import re
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest

from newsroom.stack.base import wait_until

pytestmark = pytest.mark.stack

# Readers at once: more than the two app servers' four workers, so requests also wait in
# the balancer and in the servers' queues when one of them dies.
READERS = 8


@dataclass
class Visit:
    url: str
    started: float
    ended: float
    status: int | None


def get(url: str) -> int | None:
    """The answer's status, or None for a connection refused, reset or timed out."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


class Readers:
    """READERS threads asking for the pages in turn, until stopped, noting each visit."""

    def __init__(self, pages: list[str]):
        self.visits: list[Visit] = []
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self.read, args=(pages[n:] + pages[:n],))
            for n in range(READERS)
        ]

    def read(self, pages):
        for url in itertools.cycle(pages):
            if self.stopping.is_set():
                return
            started = time.monotonic()
            status = get(url)
            self.visits.append(Visit(url, started, time.monotonic(), status))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join()


def served(balancer, server) -> int:
    """How many 2xx answers the balancer got from the app server."""
    return int(balancer.server_stats()[server.address]["hrsp_2xx"])


def test_an_app_server_crashing_under_load_costs_no_reader_a_page(balancer, app_servers):
    """Killed outright (gunicorn and its workers, SIGKILL) in the middle of a load, an app
    server is taken out by the health checks within about a second. Until then the
    requests sent to it are tried again on the other, those it was answering included
    (a GET is safe to replay), so every reader gets the page."""
    doomed, survivor = app_servers
    with urllib.request.urlopen(balancer.url + "/news/", timeout=10) as news:
        stories = sorted(set(re.findall(r'href="(/news/\d[^"]+)"', news.read().decode())))
    assert len(stories) >= 10
    pages = [balancer.url + path for path in ["/", "/news/", "/topics/", *stories[:10]]]

    with Readers(pages) as readers:
        wait_until(lambda: served(balancer, doomed) >= 50, 20, "the doomed server served 50")
        before = served(balancer, survivor)
        doomed.crash()
        crashed = time.monotonic()
        wait_until(
            lambda: balancer.server_stats()[doomed.address]["status"].startswith("DOWN"),
            5,
            "HAProxy did not take the dead server out",
        )
        taken_out = time.monotonic()
        wait_until(
            lambda: sum(v.started > taken_out for v in readers.visits) >= 100,
            20,
            "100 more readers were not served",
        )

    failed = [(v.url, v.status) for v in readers.visits if v.status != 200]
    in_flight = sum(v.started < crashed < v.ended for v in readers.visits)
    after_crash = sum(v.started > crashed for v in readers.visits)
    doomed_row = balancer.server_stats()[doomed.address]
    assert not failed, (
        f"{len(failed)} of {len(readers.visits)} failed, {in_flight} were in flight at the "
        f"crash: {failed[:10]}"
    )
    assert taken_out - crashed < 3
    # The balancer did send readers to the dead server (the crash was not between two
    # bursts) and sent them on to the other, which answered everyone after the crash.
    assert int(doomed_row["wredis"]) > 0, doomed_row
    assert served(balancer, survivor) - before >= after_crash >= 100
