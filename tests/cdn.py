"""Local fakes of the HTTP caches' purge APIs (Fastly, Cloudflare) and of a Varnish taking
PURGE requests: real HTTP servers on 127.0.0.1, each in a thread, which check a request as
the engine does, record what they purged and answer in the engine's own shape.

Fastly: https://www.fastly.com/documentation/reference/api/purging/ (bulk purge by key)
Cloudflare: https://developers.cloudflare.com/api/resources/cache/methods/purge/
"""

import itertools
import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeServer:
    """An HTTP server in a thread that records every request and answers it through
    `answer(method, path, headers, body)`; it can be told to fail the next requests
    with a 5xx, redirect them, or hold them until `release()`."""

    def __init__(self):
        self.requests = []
        self.failures = []
        self.redirects = []
        self.released = threading.Event()
        self.released.set()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                fake.requests.append((self.command, self.path, dict(self.headers), body))
                fake.released.wait(timeout=30)
                if fake.redirects:
                    status, headers, answer = 302, {"Location": fake.redirects.pop(0)}, b""
                elif fake.failures:
                    status, headers, answer = fake.failures.pop(0), {}, b"upstream failure"
                else:
                    status, headers, answer = fake.answer(
                        self.command, self.path, self.headers, body
                    )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            do_POST = do_PURGE = do_GET = handle_any

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self.thread.start()

    def answer(self, method, path, headers, body):
        raise NotImplementedError

    def fail(self, times=1, status=503):
        """Answer the next `times` requests with `status`, as an engine having trouble."""
        self.failures += [status] * times

    def redirect(self, url):
        """Answer the next request with a redirect to `url`."""
        self.redirects.append(url)

    def hold(self):
        """Keep every request waiting until `release()`."""
        self.released.clear()

    def release(self):
        self.released.set()

    def stop(self):
        self.release()
        self.server.shutdown()
        self.server.server_close()


def _json(status, data):
    return status, {"Content-Type": "application/json"}, json.dumps(data).encode()


class FakeFastly(FakeServer):
    """Fastly's bulk purge: `POST /service/{service_id}/purge`, the token in Fastly-Key,
    `{"surrogate_keys": [...]}` (at most 256, each at most 1024 bytes); answers a purge id
    for each key, `{"key": "108-1391560174-974124", ...}`."""

    limit = 256

    def __init__(self, service_id="SU1Z0isxPaozGVKXdv0eY", api_token="fastly-token"):
        self.service_id = service_id
        self.api_token = api_token
        # What each accepted request purged: (keys, soft).
        self.purges = []
        self.ids = itertools.count(1)
        super().__init__()

    def answer(self, method, path, headers, body):
        parts = path.split("/")
        if method != "POST" or len(parts) != 4 or parts[1] != "service" or parts[3] != "purge":
            return _json(404, {"msg": "Record not found", "detail": "Cannot find route"})
        if headers.get("Fastly-Key") != self.api_token:
            return _json(401, {"msg": "Provided credentials are missing or invalid"})
        if parts[2] != self.service_id:
            return _json(404, {"msg": "Record not found", "detail": "Cannot find 'service'"})
        try:
            keys = json.loads(body)["surrogate_keys"]
        except (ValueError, TypeError, KeyError):
            return _json(400, {"msg": "Bad request", "detail": "Invalid JSON body"})
        if (
            not isinstance(keys, list)
            or not 0 < len(keys) <= self.limit
            or not all(isinstance(key, str) and 0 < len(key.encode()) <= 1024 for key in keys)
        ):
            return _json(400, {"msg": "Bad request", "detail": "Invalid surrogate_keys"})
        self.purges.append((keys, "Fastly-Soft-Purge" in headers))
        return _json(200, {key: f"108-1391560174-{next(self.ids)}" for key in keys})

    def purged(self):
        """How many times each key was purged."""
        return Counter(key for keys, _ in self.purges for key in keys)


class FakeCloudflare(FakeServer):
    """Cloudflare's purge by tag: `POST /client/v4/zones/{zone_id}/purge_cache`,
    `Authorization: Bearer <token>`, `{"tags": [...]}` (at most 100); answers
    `{"success": true, "errors": [], "messages": [], "result": {"id": "<zone>"}}`.

    Error codes as users of the API report them (10000, 1014, 1016, 1100, 1315); the
    message for too many tags is paraphrased."""

    limit = 100

    def __init__(self, zone_id="023e105f4ecef8ad9ca31a8372d0c353", api_token="cf-token"):
        self.zone_id = zone_id
        self.api_token = api_token
        self.purges = []
        self.refusals = []
        super().__init__()

    def refuse(self, code=1016, message="One or more cache purge errors"):
        """Answer the next request 200 with `"success": false`, as Cloudflare does when it
        could not purge (a tag too long: 1100, a non-printable one: 1315, both with 1016)."""
        self.refusals.append({"code": code, "message": message})

    @staticmethod
    def outcome(status, errors=(), result=None):
        return _json(
            status,
            {"success": not errors, "errors": list(errors), "messages": [], "result": result},
        )

    def answer(self, method, path, headers, body):
        parts = path.split("/")
        if (
            method != "POST"
            or len(parts) != 6
            or parts[1:4] != ["client", "v4", "zones"]
            or parts[5] != "purge_cache"
        ):
            return self.outcome(404, [{"code": 7000, "message": "No route for that URI"}])
        if headers.get("Authorization") != f"Bearer {self.api_token}":
            return self.outcome(403, [{"code": 10000, "message": "Authentication error"}])
        if parts[4] != self.zone_id:
            return self.outcome(
                404,
                [
                    {
                        "code": 7003,
                        "message": f"Could not route to {path}, perhaps your "
                        "object identifier is invalid?",
                    }
                ],
            )
        try:
            tags = json.loads(body)["tags"]
        except (ValueError, TypeError, KeyError):
            tags = None
        if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
            return self.outcome(
                400, [{"code": 1014, "message": '"files", "tags", or "hosts" must be an array'}]
            )
        if len(tags) > self.limit:
            return self.outcome(
                400,
                [{"code": 1016, "message": f"You cannot purge more than {self.limit} items"}],
            )
        if self.refusals:
            return self.outcome(200, [self.refusals.pop(0)])
        self.purges.append(tags)
        return self.outcome(200, result={"id": self.zone_id})

    def purged(self):
        return Counter(tag for tags in self.purges for tag in tags)


class FakeVarnish(FakeServer):
    """A Varnish with xkey that takes every PURGE and answers 200, recording the keys of
    each request's `xkey-purge` header."""

    def __init__(self):
        self.purges = []
        super().__init__()

    def answer(self, method, path, headers, body):
        if method != "PURGE":
            return 405, {}, b""
        self.purges.append(headers.get("xkey-purge", "").split())
        return 200, {}, b"Purged"

    def purged(self):
        return Counter(key for keys in self.purges for key in keys)
