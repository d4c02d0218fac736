"""A stand-in for the embed providers' oEmbed endpoints: there is no internet here."""

import copy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

# What YouTube and X answer about a post, as they do (X's with its widget script).
ANSWERS = {
    "youtube": {
        "type": "video",
        "version": "1.0",
        "title": "KazanForum opens",
        "author_name": "Newsroom",
        "provider_name": "YouTube",
        "html": '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
    },
    "x": {
        "type": "rich",
        "version": "1.0",
        "author_name": "Russian MFA",
        "provider_name": "Twitter",
        "html": (
            '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Talks in Kazan today'
            ' <a href="https://t.co/abc">pic.twitter.com/abc</a></p>&mdash; Russian MFA'
            ' (@mfa_russia) <a href="https://twitter.com/mfa_russia/status/1">1 March 2024</a>'
            '</blockquote>\n<script async src="https://platform.twitter.com/widgets.js"'
            ' charset="utf-8"></script>'
        ),
    },
}


class FakeProvider:
    """An HTTP server in a thread answering /<provider>/oembed?url=… from ANSWERS, or with
    `status` instead; it records the post addresses it was asked about."""

    def __init__(self):
        self.asked = []
        self.status = 200
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                address = urlsplit(self.path)
                provider.asked.append(parse_qs(address.query)["url"][0])
                answer = ANSWERS.get(address.path.strip("/").split("/")[0])
                status = provider.status if answer else 404
                body = json.dumps(answer).encode() if status == 200 else b"{}"
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def providers(self):
        """The newsroom's providers with their oEmbed endpoints here."""
        providers = copy.deepcopy(settings.NEWSROOM_EMBED_PROVIDERS)
        for key, provider in providers.items():
            if provider["oembed"]:
                provider["oembed"] = f"{self.url}/{key}/oembed"
        return providers

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
