"""HAProxy spreading readers' requests over the app servers, leaving out any that dies."""

import csv
import os
import shutil
import socket
from string import Template

from newsroom.stack.base import CONFIGURATION, HOST, Service, answers, free_port

# Debian installs it in /usr/sbin, which is on root's PATH only.
EXECUTABLE = shutil.which("haproxy", path=f"{os.environ.get('PATH', '')}:/usr/sbin")


class HAProxy(Service):
    """HAProxy on `port`, round robin over the app servers at `servers` ((host, port)
    pairs), configured from haproxy.cfg. Each server is named by its address in the
    statistics and the log."""

    name = "haproxy"

    def __init__(self, servers, port: int | None = None, site_host: str = HOST, folder=None):
        super().__init__(folder)
        self.servers = {f"{host}:{port}": (host, port) for host, port in servers}
        self.port = port or free_port()
        self.address = (HOST, self.port)
        # The host name the health checks ask for: one of the app servers' ALLOWED_HOSTS.
        self.site_host = site_host
        self.url = f"http://{HOST}:{self.port}"
        self.configuration = self.folder / "haproxy.cfg"
        self.stats_socket = self.folder / "stats.sock"

    def prepare(self) -> None:
        template = Template((CONFIGURATION / "haproxy.cfg").read_text())
        self.configuration.write_text(
            template.substitute(
                stats_socket=self.stats_socket,
                bind=f"{HOST}:{self.port}",
                site_host=self.site_host,
                servers="\n".join(f"    server {address} {address}" for address in self.servers),
            )
        )

    def command(self) -> list[str]:
        # -db: in the foreground, logging to standard output.
        return [EXECUTABLE, "-f", str(self.configuration), "-db"]

    def ready(self) -> bool:
        """Ready once it accepts readers and its checks found every app server up."""
        if not (answers(self.port) and self.stats_socket.exists()):
            return False
        return all(row["status"] == "UP" for row in self.server_stats().values())

    def server_stats(self) -> dict[tuple[str, int], dict[str, str]]:
        """HAProxy's `show stat` row of each app server, by (host, port): its `status`
        (UP, DOWN...), `hrsp_2xx` (the 2xx answers it gave), `wretr` and `wredis` (the
        requests retried on it and sent away from it)..."""
        with socket.socket(socket.AF_UNIX) as stats:
            stats.settimeout(5)
            stats.connect(str(self.stats_socket))
            stats.sendall(b"show stat\n")
            answer = b""
            while chunk := stats.recv(65536):
                answer += chunk
        rows = csv.DictReader(answer.decode().removeprefix("# ").splitlines())
        return {
            self.servers[row["svname"]]: row
            for row in rows
            if row["pxname"] == "app_servers" and row["svname"] in self.servers
        }
