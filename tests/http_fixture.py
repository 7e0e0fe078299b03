"""A real HTTP server on 127.0.0.1 for the fetch tests: routes with scripted replies, a request log.

server = LocalServer(); server.start()
server.route("/feed.xml", Reply(rss(...), content_type="application/rss+xml"))
server.route("/flaky", Reply(status=500), Reply(b"ok"))   # replies in turn, the last repeats
server.url("/feed.xml"); server.hits("/flaky")
"""

from __future__ import annotations

import gzip
import html
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import urlsplit


@dataclass
class Reply:
    body: bytes | str = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    etag: str | None = None  # answers 304 to a matching If-None-Match
    gzip: bool = False  # send the body gzip-compressed (Content-Encoding: gzip)
    length: bool = True  # send Content-Length
    wire: bytes = field(init=False, repr=False)  # the body as sent

    def __post_init__(self) -> None:
        # Encoded and compressed here, once: in the handler it would eat into the client's timeouts.
        body = self.body.encode("utf-8") if isinstance(self.body, str) else self.body
        self.wire = gzip.compress(body) if self.gzip else body


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up early (reader stops reading a page it refused) is no error of the
    server's: socketserver printed its traceback to stderr, which the captured stderr of a command
    run in the test's process (conftest's reader_in_process) then held, failing the test."""

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, list[Reply | Callable]] = {}
        self.log: list[tuple[str, dict]] = []  # (path with query, request headers)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- set-up ------------------------------------------------------------------------------
    def route(self, path: str, *replies: Reply | Callable) -> None:
        self.routes[path] = list(replies)

    def url(self, path: str = "/") -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for p, _ in self.log if urlsplit(p).path == path)

    def requests(self, path: str) -> list[dict]:
        with self._lock:
            return [h for p, h in self.log if urlsplit(p).path == path]

    # -- the server --------------------------------------------------------------------------
    def _next_reply(self, path: str) -> Reply | None:
        with self._lock:
            replies = self.routes.get(path)
            if not replies:
                return None
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def start(self) -> "LocalServer":
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # The status line and headers go out in one write, the body in another: with Nagle's
            # algorithm the body waited for the client's delayed ACK, 40 ms a request on a kept-alive
            # connection (bench_big_feed's 200 pages took 35 s of wall for 10 s of CPU: the server's).
            disable_nagle_algorithm = True

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                with owner._lock:
                    owner.log.append((self.path, dict(self.headers.items())))
                reply = owner._next_reply(urlsplit(self.path).path)
                if callable(reply):
                    reply = reply(self)
                if reply is None:
                    reply = Reply(b"not found", status=404, content_type="text/plain")
                try:
                    self._send(reply)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, reply: Reply) -> None:
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.wire
                if reply.etag and self.headers.get("If-None-Match") == reply.etag:
                    self.send_response(304)
                    self.send_header("ETag", reply.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(reply.status)
                if reply.content_type:
                    self.send_header("Content-Type", reply.content_type)
                if reply.etag:
                    self.send_header("ETag", reply.etag)
                if reply.gzip:
                    self.send_header("Content-Encoding", "gzip")
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.length:
                    self.send_header("Content-Length", str(len(body)))
                else:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                view = memoryview(body)
                for start in range(0, len(body), 65536):
                    self.wfile.write(view[start : start + 65536])

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def trickle(on_first_bytes: Callable[[], None] | None = None, content_type: str = "application/rss+xml"):
    """A reply that starts and never ends: a body of 100,000 bytes announced, then a space every
    0.2 s (no read_timeout trips) until the client hangs up (or 30 s pass). `on_first_bytes` is
    called once the first bytes are sent."""

    def reply(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            handler.wfile.write(b" ")
            handler.wfile.flush()
            if on_first_bytes is not None:
                on_first_bytes()
            time.sleep(0.2)
        raise ConnectionResetError  # the server ignores a connection's errors: nothing said

    return reply


def page(
    title: str,
    paragraphs: list[str],
    *,
    site: str = "Example News",
    canonical: str | None = None,
    date: str = "2025-10-21",
) -> str:
    """An article page trafilatura extracts (`site` empty: a page that does not name its site)."""
    head = [
        f"<title>{html.escape(title)}</title>",
        f'<meta property="article:published_time" content="{date}">',
    ]
    if site:
        head.append(f'<meta property="og:site_name" content="{html.escape(site)}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{html.escape(canonical)}">')
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head>{''.join(head)}</head><body><nav>Home | World</nav>"
        f"<article><h1>{html.escape(title)}</h1>{body}</article><footer>(c) {html.escape(site)}</footer></body></html>"
    )


def rss(title: str, items: list[dict]) -> str:
    """An RSS 2.0 feed; each item: title, link, and optional description, pubDate, guid."""
    parts = [
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{html.escape(title)}</title>'
        "<link>http://example.invalid/</link><description>test</description>"
    ]
    for item in items:
        parts.append("<item>")
        for key in ("title", "link", "description", "pubDate", "guid"):
            if item.get(key):
                parts.append(f"<{key}>{html.escape(item[key])}</{key}>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts)


# The settings: block of a feeds.yaml for a `reader` command run against this server, as
# quick_settings is for a fetch the test calls: no host delay, no retries, short timeouts.
FAST_SETTINGS = "settings:\n  host_delay: 0\n  read_timeout: 2\n  connect_timeout: 2\n  retries: 0\n  backoff: 0.01\n"


def quick_settings(**overrides):
    """HttpSettings for tests against this server: short timeouts, no retries and no host delay
    unless `overrides` say otherwise."""
    from reader.fetch import HttpSettings

    values = dict(
        connect_timeout=2, read_timeout=0.3, total_timeout=5, retries=0, backoff=0.01, host_delay=0, workers=2
    )
    values.update(overrides)
    return HttpSettings(**values)
