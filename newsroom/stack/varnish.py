"""Varnish in front of the site, from the VCL beside this file (varnish.vcl)."""

import shutil
import string
import urllib.error
import urllib.request

from django.conf import settings

from newsroom import routers

from .base import CONFIGURATION, HOST, Service, free_port


class Varnish(Service):
    """varnishd on `port`, caching for the backend at `backend` (host, port), purged by
    the addresses in `purgers`."""

    name = "varnish"

    def __init__(self, backend, *, port=None, purgers=(HOST,), memory="256m", folder=None):
        super().__init__(folder)
        self.backend = backend
        self.port = port or free_port()
        self.purgers = purgers
        self.memory = memory
        self.url = f"http://{HOST}:{self.port}"

    def vcl(self) -> str:
        template = string.Template((CONFIGURATION / "varnish.vcl").read_text())
        return template.substitute(
            backend_host=self.backend[0],
            backend_port=self.backend[1],
            purgers="\n".join(f'    "{address}";' for address in self.purgers),
            admin_path=settings.ADMIN_PATH,
            session_cookie=settings.SESSION_COOKIE_NAME,
            primary_cookie=routers.READ_PRIMARY_COOKIE,
        )

    def prepare(self):
        # varnishd reads the VCL after dropping root for its own user.
        self.folder.chmod(0o755)
        (self.folder / "default.vcl").write_text(self.vcl())

    def command(self):
        return [
            shutil.which("varnishd") or "/usr/sbin/varnishd",
            "-F",  # in the foreground: stopped with its Service
            "-n",
            str(self.folder / "work"),
            "-a",
            f"{HOST}:{self.port}",
            "-f",
            str(self.folder / "default.vcl"),
            "-s",
            f"malloc,{self.memory}",
            "-T",
            "none",  # no management port: nothing here reloads it
        ]

    def ready(self):
        request = urllib.request.Request(self.url + "/", method="PURGE")
        try:
            urllib.request.urlopen(request, timeout=1)
        except urllib.error.HTTPError:
            return True  # it answered (400: no keys given)
        except OSError:
            return False
        return True
