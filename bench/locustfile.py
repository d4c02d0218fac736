"""Searches at a constant rate, for bench/run.py: `locust --headless -u RATE -r RATE`.

Each simulated reader searches once a second, whatever the answers take (constant
pacing), over the paths listed one per line in the file named by PATHS, in turn.
"""

import itertools
import os
from pathlib import Path

from locust import HttpUser, constant_pacing, task

PATHS = itertools.cycle(Path(os.environ["PATHS"]).read_text().split())


class Reader(HttpUser):
    wait_time = constant_pacing(1)

    @task
    def search(self):
        self.client.get(next(PATHS), name="search")
