"""PostgreSQL clusters of the stack's own: a primary, and a streaming replica of it.

Each is a throwaway cluster in a temporary folder, run by the postgres user (PostgreSQL
refuses root) on a free port of 127.0.0.1, with fsync off: nothing here outlives a test
run or `make stack`. pg_ctl runs a server in the background and waits until it answers,
so a cluster is not a `Service`, whose process runs in the foreground. Used as a context
manager, a cluster is started, then stopped and removed on the way out.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

from newsroom.stack.base import HOST, free_port, wait_until

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


class Cluster:
    """A cluster's folder, port and server; a subclass says how its data is made."""

    name = "postgres"

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix=f"newsroom-{self.name}-"))
        shutil.chown(self.folder, "postgres")
        self.data = self.folder / "data"
        self.log = self.folder / f"{self.name}.log"
        self.port = free_port()
        try:
            self.create()
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def create(self) -> None:
        """Make the data folder."""
        raise NotImplementedError

    def url(self, dbname: str = "newsroom") -> str:
        return f"postgres://postgres@{HOST}:{self.port}/{dbname}"

    def run(self, program: str, *args, check: bool = True) -> None:
        """Run one of PostgreSQL's programs as the postgres user."""
        result = subprocess.run(
            ["runuser", "-u", "postgres", "--", PG_BIN / program, *map(str, args)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if check and result.returncode:
            raise RuntimeError(f"{program} failed: {result.stderr.strip()}")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses={HOST} -c fsync=off"
        self.run("pg_ctl", "-D", self.data, "-o", options, "-l", self.log, "-w", "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        """Stop the server if it runs and delete the cluster, data and log."""
        self.run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def execute(self, sql: str, params=(), dbname: str = "postgres") -> tuple | None:
        """Run one statement outside a transaction; return its first row, if it has rows."""
        with psycopg.connect(self.url(dbname), autocommit=True) as connection:
            cursor = connection.execute(sql, params)
            return cursor.fetchone() if cursor.description else None

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.remove()
            raise
        return self

    def __exit__(self, *exc):
        self.remove()


class Primary(Cluster):
    """A new cluster; initdb's trust lets a replica on this machine stream from it."""

    name = "primary"

    def create(self) -> None:
        self.run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync")

    def create_database(self, dbname: str = "newsroom") -> None:
        self.execute(f'CREATE DATABASE "{dbname}"')


class Replica(Cluster):
    """A hot standby of a running primary: a copy of it that replays its WAL as it comes,
    and answers reads meanwhile."""

    name = "replica"

    def __init__(self, primary: Primary):
        self.primary = primary
        super().__init__()

    def create(self) -> None:
        # -R writes standby.signal and the primary's address: the copy starts as a standby.
        self.run(
            "pg_basebackup",
            *("-h", HOST, "-p", self.primary.port, "-U", "postgres", "-D", self.data),
            *("-R", "--wal-method=stream", "--checkpoint=fast", "--no-sync"),
        )

    def pause(self) -> None:
        """Stop replaying the primary's WAL before its next record: until `resume`, reads
        see only what the replica had replayed."""
        self.execute("SELECT pg_wal_replay_pause()")

    def resume(self) -> None:
        self.execute("SELECT pg_wal_replay_resume()")

    def caught_up(self) -> bool:
        """Whether the replica has replayed everything the primary has written."""
        (written,) = self.primary.execute("SELECT pg_current_wal_lsn()")
        (replayed,) = self.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written])
        return replayed

    def catch_up(self, seconds: float = 30) -> None:
        """Return once the replica has caught up with the primary; TimeoutError if not."""
        wait_until(self.caught_up, seconds, "the replica did not catch up with the primary")
