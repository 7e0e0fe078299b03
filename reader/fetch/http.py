"""Polite HTTP over httpx: conditional GET, bounded size and time, retries, robots.txt, host limits.

Everything a response can do to us is bounded: connect/read timeouts and a total time per
response (a server that trickles bytes), a size cap counted after decompression (a gzip bomb
stops at the cap; we decompress ourselves, in bounded steps), a redirect cap (loops end), the
content type checked before the body is read. Connection failures and 5xx are retried with
exponential backoff (a timeout is not: the next run asks again); 429/503 with `Retry-After` pause
the whole host for that long (when it is short enough); a host timing out on SILENT_HOST_LIMIT
requests in a row is asked nothing more in the run. robots.txt is read once per host and kept a
day (RFC 9309: a 4xx means no rules, a 5xx or an unreachable server means keep out, asked again
next run, once its retries failed as a feed's would, through the same retry path; a 429 defers the
host until its Retry-After); its Crawl-delay raises that host's delay.
"""

from __future__ import annotations

import email.utils
import ipaddress
import math
import re
import socket
import ssl
from http import HTTPStatus
import threading
import time
import zlib
from collections import defaultdict
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from reader import __version__
from reader.fetch.urls import host_key

if TYPE_CHECKING:
    from reader.wording import Said

USER_AGENT = f"reader/{__version__} (terminal news reader; honours robots.txt)"
ROBOTS_AGENT = "reader"  # the token robots.txt rules name
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
MAX_ROBOTS_BYTES = 512_000
MAX_CRAWL_DELAY = 60.0
ROBOTS_MAX_AGE = 24 * 3600  # RFC 9309: a cached robots.txt is used for a day at most
# Requests in a row to one host that time out (no answer between them) before its other URLs are
# left for the next run: a host that hangs on everything cost a timeout per URL, one after another.
SILENT_HOST_LIMIT = 2

# Any octet-stream: "binary/octet-stream" is what Amazon S3 serves a file uploaded without a type,
# and a feed kept there was refused by `fetch` though `feed add` had added it.
FEED_TYPES = ("xml", "rss", "atom", "json", "text/plain", "octet-stream")
HTML_TYPES = ("text/html", "application/xhtml+xml")

_T = TypeVar("_T")


@dataclass
class HttpSettings:
    """Limits, politeness and what is kept; every value can be set in feeds.yaml under `settings:`."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # a whole response, however slowly it trickles in
    max_redirects: int = 5
    max_bytes: int = 10_000_000  # after decompression
    # more attempts after a dropped connection or a 5xx (a timeout or a refused connection waits for the next run)
    retries: int = 2
    # Seconds one URL may take in all: every attempt and the waits between them (0: no limit). A
    # server that trickles its bytes held one feed for 3 x total_timeout, and the run with it.
    overall_timeout: float = 120.0
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_retry_after: float = 120.0  # a longer Retry-After gives up on the host for this run
    host_delay: float = 1.0  # seconds between two requests to one host
    per_host: int = 1  # requests at once to one host
    workers: int = 8  # requests at once in all
    # Article pages asked for per feed per run, the newest first; the others wait for the next runs
    # (a feed of 50,000 entries would otherwise take half a day at host_delay). 0: no limit.
    max_pages: int = 200
    # Article pages asked for per host per run, whichever feeds list them (30 sections of one
    # site would otherwise be 30 x max_pages pages of it in one run), the newest first. 0: no limit.
    max_host_pages: int = 300
    # Days a stored page (the `.html.gz` beside each fetched article, ~85% of the folder's bytes)
    # is kept; older ones are removed, their articles kept. 0: every page is kept.
    keep_pages: int = 0


# What went wrong, for scripts (`reader fetch --json`: each failure's `kind`): a fixed vocabulary, so
# that nobody has to match the words of `reason`, which are for people and may be reworded.
FAILURE_KINDS = (
    "http",  # the server answered an error status (`status` says which)
    "timeout",  # no connection, no answer or no complete response in time
    "dns",  # the host name could not be looked up
    "refused",  # nothing accepts connections at the host's port
    "tls",  # the secure connection failed (an untrusted certificate, ...)
    "network",  # another failed connection: offline, no route, dropped, cut short
    "proxy",  # the proxy set in the environment cannot be used, or refused the tunnel
    # too many redirects, a loop, a redirect with no Location, or one refused (to an address that is
    # not http(s), into a private network, or one its site's robots.txt disallows), or one to a site
    # whose robots.txt could not be read or to a host left for the next run (failed for now)
    "redirects",
    # a feed entry's link into a private, loopback or link-local network from a feed outside it: not asked
    "private_network",
    "robots",  # the site's robots.txt disallows it, or could not be read
    # not asked: its host asked to wait longer than max_retry_after, its robots.txt answered 429, or
    # it timed out on SILENT_HOST_LIMIT requests in a row in this run
    "deferred",
    "bad_url",  # not an http(s) URL, or an invalid one
    "content_type",  # the server sent something else than was asked for
    "too_large",  # over max_bytes
    "malformed",  # a broken compressed response, or a feed that does not parse
    "not_a_feed",  # a web page, an empty response, a feed with no usable entries
    "not_an_article",  # a page that is no web page, or holds no article text
    "no_text",  # the feed carries no text of the entry and its page is not fetched
    "error",  # anything else (a bug, the machine): `reason` says what
)


class FetchFailed(Exception):
    """A request that did not give a usable response; `reason` is one line for the user, `kind`
    one of FAILURE_KINDS for scripts."""

    def __init__(
        self,
        url: str,
        reason: str,
        *,
        kind: str,
        transient: bool = False,
        retry_after: float | None = None,
        status: int | None = None,
        unreachable: bool = False,
        asked: bool = True,
        held_back: bool = False,
        host_down: bool = False,
    ):
        reason = " ".join(str(reason).split())[:300]  # one line, whatever the server or library said
        super().__init__(reason)
        self.url = url
        self.reason = reason
        assert kind in FAILURE_KINDS, kind
        self.kind = kind
        self.transient = transient  # worth trying again later (timeouts, 5xx, 429)
        self.retry_after = retry_after
        # The HTTP status the server answered (None when it did not answer): callers decide on it
        # (410 Gone), never on the words of `reason`.
        self.status = status
        # No connection at all (no such host, refused, a TLS failure): the whole site is out of
        # reach, whatever was asked of it.
        self.unreachable = unreachable
        # False: not asked at all in this run (its host timed out on the requests before it), so
        # no failure of its own: a feed's failures in a row are not counted up for it.
        self.asked = asked
        # True: asked, but what it led to was held back by another host's wait (a redirect to a
        # host left for the next run): no failure of its own, so a page is not counted a run
        # nearer gone for it (a target that kept deferring made it gone after PAGE_ATTEMPTS runs).
        self.held_back = held_back
        # True: not asked because its host is down in this run (it refused a connection, or timed
        # out on SILENT_HOST_LIMIT requests in a row): a feed counts it as a failure of its own,
        # or those not asked first never backed off while the server stayed down.
        self.host_down = host_down
        # Where the URL asked for moved for good (every redirect on the way 301 or 308) before
        # this failure: Http.get sets it, and the failure says so.
        self.moved: str | None = None

    def with_reason(self, reason: str, *, url: str | None = None, retry_after: float | None = None) -> FetchFailed:
        """The same failure in other words (or of another URL, or with the wait it asked for known
        now): kind, status, retry_after and the rest kept, so that rewording one never drops what
        callers decide on."""
        return FetchFailed(
            url or self.url,
            reason,
            kind=self.kind,
            transient=self.transient,
            retry_after=self.retry_after if retry_after is None else retry_after,
            status=self.status,
            unreachable=self.unreachable,
            asked=self.asked,
            held_back=self.held_back,
            host_down=self.host_down,
        )

    def to_dict(self) -> dict:
        """As `reader fetch --json` names a failure (one of its `failed`): what `feed add --json`
        prints when the URL cannot be fetched, so that a script reads both alike (`counted`: the
        command failed with it, exit status 1)."""
        return {
            "url": self.url,
            "reason": self.reason,
            "kind": self.kind,
            "status": self.status,
            "counted": True,
            "feed": None,  # the feed itself failed (`fetch --json` names the feed of a page that did)
        }


def _slow_down_status(exc: FetchFailed) -> int | None:
    """The status by which the server asked to be asked less often (a 429, or a 503 with a
    Retry-After), else None: still asking after every retry, its host is left alone for the rest
    of the run."""
    asks = exc.status == 429 or (exc.status == 503 and exc.retry_after is not None)
    return exc.status if asks else None


def _web_address(url: str) -> bool:
    """Whether `url` is an http(s) URL httpx can ask for (a scheme, a host, a valid port)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises for a port that is no number)
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL):
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


# A part of an IPv4 address as a browser (the URL standard) and the system's resolver read it:
# hex after 0x, octal after a 0, else decimal ("0251.0376.0251.0376" is 169.254.169.254).
_IPV4_PART = re.compile(r"0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*")


def _ipv4_as_browsers_read(host: str) -> ipaddress.IPv4Address | None:
    """The IPv4 address `host` is when written in one of the forms a browser and the resolver
    httpx connects with take (2852039166, 0xa9fea9fe, 169.254.43518, a final dot), else None."""
    parts = host.split(".")
    if len(parts) > 1 and not parts[-1]:
        parts.pop()
    if not 1 <= len(parts) <= 4 or not all(_IPV4_PART.fullmatch(part) for part in parts):
        return None
    numbers = [int(p[2:] or "0", 16) if p[:2].lower() == "0x" else int(p, 8 if p[0] == "0" else 10) for p in parts]
    *leading, last = numbers
    if any(number > 255 for number in leading) or last >= 256 ** (5 - len(numbers)):
        return None
    return ipaddress.IPv4Address(sum(number << (8 * (3 - at)) for at, number in enumerate(leading)) + last)


def _network_kind(host: str) -> str | None:
    """ "loopback", "link-local" or "private" for a host that is such an address (written in any
    form a browser reads as one, or `localhost`), None for any other: a name is not resolved here."""
    host = host.lower()
    if host.endswith(".") and not host.endswith(".."):  # "localhost." is localhost
        host = host[:-1]
    if host == "localhost" or host.endswith(".localhost"):
        return "loopback"
    address: ipaddress.IPv4Address | ipaddress.IPv6Address | None = _ipv4_as_browsers_read(host)
    if address is None:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return None
    return _address_kind(address)


def _address_kind(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback or address.is_unspecified:  # (0.0.0.0 reaches this machine too)
        return "loopback"
    if address.is_link_local:  # a cloud's metadata service (169.254.169.254) among them
        return "link-local"
    return "private" if not address.is_global else None


def _resolved(host: str) -> list[str]:
    """Every address a name resolves to, in the order a connection tries them (none when it does
    not resolve). OSError from the resolver (no such host, no answer) is the caller's."""
    found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    addresses: list[str] = []
    for _family, _type, _proto, _name, where in found:
        address = str(where[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def _kind_of_address(address: str) -> str | None:
    """_address_kind of an address as the resolver or a socket gives it ("fe80::1%eth0" too)."""
    try:
        return _address_kind(ipaddress.ip_address(address.partition("%")[0]))
    except ValueError:
        return None


# How a refused redirect names where it led (_network_kind).
_NETWORK_WORDS = {
    "loopback": "an address of this machine (loopback)",
    "link-local": "a link-local address (a cloud's metadata service, a device on this link)",
    "private": "an address on a private network",
}
# The user's own networks: this machine and the private ones it is on. A server in one may send
# reader to another (a home server's feed, by its LAN address, moved to localhost); a link-local
# address (a cloud's metadata service) is reached only from another on the same link.
_OWN_NETWORKS = frozenset({"loopback", "private"})


@dataclass(frozen=True)
class RedirectCheck:
    """What _check_redirect found of a redirect's target: `refused`, the kind of network
    (_network_kind) it leads into from a sender not in it (None: it may be followed); `address`,
    the address the target's name resolved to there ("" for an address written as one); `pinned`,
    the addresses its name resolved to, all checked, which the request connects to (and no other:
    a second lookup, a rebinding DNS's, could answer 127.0.0.1); empty when it connects by name (an
    address written as one, or through a proxy, which looks the name up itself)."""

    refused: str | None = None
    address: str = ""
    pinned: tuple[str, ...] = ()

    def words(self, target: str) -> str:
        """Why the redirect to `target` is refused, for the user."""
        assert self.refused is not None
        resolves = f", which resolves to {self.address}," if self.address else ","
        return f"redirected to {target[:200]}{resolves} {_NETWORK_WORDS[self.refused]}: another host may not send reader there"

    def link_words(self, link: str) -> str:
        """Why a feed entry's `link` is not asked for, for the user."""
        assert self.refused is not None
        resolves = f", which resolves to {self.address}," if self.address else ","
        return (
            f"skipped: link points into a private network ({link[:200]}{resolves} {_NETWORK_WORDS[self.refused]}): "
            "a feed from outside that network may not send reader there"
        )


def _may_lead(sender_kind: str | None, kind: str | None) -> bool:
    """Whether a sender in a network of `sender_kind` (None: on the web) may send reader into one
    of `kind`: onto the web always, within its own kind, among the user's own networks."""
    return kind is None or kind == sender_kind or (sender_kind in _OWN_NETWORKS and kind in _OWN_NETWORKS)


def _sender_kind(sender: str, peer: str | None) -> str | None:
    """The kind of network the sender of a redirect is in: that of the address its answer came
    from (`peer`, when reader connected to it itself), else its host as written, else as its name
    resolves now. A name asked through a proxy is not looked up here (the proxy resolved it, and
    a lookup the user's network may not allow would leak it): it counts as on the web."""
    if peer:
        return _kind_of_address(peer)
    try:
        origin = (urlsplit(sender).hostname or "").lower()
    except ValueError:
        return None
    kind = _network_kind(origin)
    if kind is not None or not origin or _is_address(origin) or _proxy_variable(sender):
        return kind
    try:
        return next((k for k in map(_kind_of_address, _resolved(origin)) if k is not None), None)
    except (OSError, UnicodeError):
        return None


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return _ipv4_as_browsers_read(host) is not None
    return True


def _check_redirect(sender: str, target: str, peer: str | None = None, *, by_proxy: bool = False) -> RedirectCheck:
    """Whether a redirect from the URL `sender` (its answer came from the address `peer`) to
    `target` may be followed: a feed on the web (by its address, or a name that resolves onto the
    web) may not send reader to a router or a cloud's metadata address, written as an address or
    as a name that resolves to one (every address it resolves to is checked, and the request then
    connects to those: RedirectCheck.pinned). The user's own networks (_OWN_NETWORKS) among
    themselves are followed, as is the same host (another port) when nothing says where it is.
    OSError when a name reader looks up itself does not resolve. `by_proxy`: the target is asked
    through a proxy, which looks its name up itself: no name is looked up here (the user's network
    may allow no lookup but the proxy's, and one would tell the resolver where reader goes); only
    what is written in the URL (an address, localhost) is checked."""
    try:
        origin, host = (urlsplit(sender).hostname or "").lower(), (urlsplit(target).hostname or "").lower()
    except ValueError:
        return RedirectCheck()
    if host == origin and peer is None and by_proxy:
        return RedirectCheck()  # nothing says where the proxy connected: as the sender
    sender_kind = _sender_kind(sender, peer)
    kind = _network_kind(host)
    if kind is not None or _is_address(host):  # an address, as written (or localhost)
        refused = host != origin and not _may_lead(sender_kind, kind)
        return RedirectCheck(kind if refused else None)
    if by_proxy:
        return RedirectCheck()  # a name: the proxy looks it up (and may be the only one that can)
    addresses = _resolved(host)
    for address in addresses:
        kind = _kind_of_address(address)
        if not _may_lead(sender_kind, kind):
            return RedirectCheck(kind, address.partition("%")[0])
    return RedirectCheck(pinned=tuple(addresses))


def _hostname(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _has_other_scheme(url: str) -> bool:
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return False
    return bool(scheme) and scheme not in ("http", "https")


def _endpoint(url: str) -> str:
    """host:port a URL connects to, its scheme's port when it names none: what a refused
    connection is the answer of (http://example.com may be refused while https://example.com is
    served)."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        return f"{(parts.hostname or '').lower()}:{port}"
    except ValueError:
        return ""


def _origin(url: str) -> str:
    """scheme://host[:port] of a URL, lower-cased: the unit robots.txt rules apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _arrived_whole(declared: str | None, received: int, decoder: _Decoder) -> bool:
    """Whether the body has come to its end: its Content-Length reached, or its compressed
    stream ended (a body with neither is known whole only when its connection says so)."""
    if declared and declared.isdigit():
        return received >= int(declared)
    return decoder.name != "identity" and decoder.complete()


class FetchCancelled(Exception):
    pass


# The moment the response under way in this thread must be complete by (total_timeout): every
# read of its connection waits no longer than that. A read timeout alone is per read, and the
# total was checked only between chunks of the body: a server trickling its headers a byte per
# read_timeout held a request (and its host) for hours.
_DEADLINE = threading.local()


class _DeadlineStream:
    """A connection whose reads end at the thread's _DEADLINE (httpcore's NetworkStream)."""

    def __init__(self, stream):
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        import httpcore

        at = getattr(_DEADLINE, "at", None)
        if at is not None:
            left = at - time.monotonic()
            if left <= 0:
                raise httpcore.ReadTimeout("the total_timeout passed")
            timeout = left if timeout is None else min(timeout, left)
        return self._stream.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, timeout)

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, *args, **kwargs):
        return _DeadlineStream(self._stream.start_tls(*args, **kwargs))

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _DeadlineBackend:
    """httpcore's network backend, its connections' reads bounded by _DEADLINE."""

    def __init__(self, backend):
        self._backend = backend

    def connect_tcp(self, *args, **kwargs):
        return _DeadlineStream(self._backend.connect_tcp(*args, **kwargs))

    def connect_unix_socket(self, *args, **kwargs):
        return _DeadlineStream(self._backend.connect_unix_socket(*args, **kwargs))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _bound_reads(client: httpx.Client) -> None:
    """Every connection pool of `client` (direct, and through each proxy the environment names)
    reads within _DEADLINE. httpx has no public hook for it: where its internals differ, the
    pools are left as they are (the body's total time is still checked between its chunks)."""
    transports = [getattr(client, "_transport", None), *getattr(client, "_mounts", {}).values()]
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and not isinstance(backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]


def _peer_address(response: httpx.Response) -> str | None:
    """The address of the server a response came from, as its connection says (None when not known)."""
    stream = response.extensions.get("network_stream")
    try:
        where = stream.get_extra_info("server_addr") if stream is not None else None
    except Exception:  # a transport that keeps no socket (a test's, another library's)
        return None
    return str(where[0]) if isinstance(where, tuple) and where else None


@dataclass
class Response:
    url: str  # after redirects
    status: int
    body: bytes  # decompressed
    content_type: str  # media type, lower case ("" when the server sent none)
    charset: str | None
    etag: str | None
    last_modified: str | None
    # Where the URL asked for has moved for good: the final URL when every redirect on the way
    # was permanent (301, 308), else None. A feed that moved says so (its subscription is stale).
    moved: str | None = None
    # The address the response came from, when reader connected to the server itself (not through
    # a proxy): where a redirect's sender, or the feed that lists a link, is (_check_redirect), as
    # connected to, not looked up again.
    peer: str | None = None
    # The compression its Content-Encoding named though the body was not compressed ("gzip"):
    # read as it came, as feedparser reads it (browsers and curl refuse it), and warned of.
    coding_ignored: str | None = None


# Where a redirect's Location header is kept aside (see _set_location_aside).
_LOCATION_ASIDE = "x-reader-location"


def _set_location_aside(response: httpx.Response) -> None:
    """httpx builds a redirect's next request even when it does not follow it, and raised on a
    Location it cannot read ("http://[::1/x", a bad port, "javascript:…") before the status was
    seen: a "connection failed" network error, retried as if the server were down. The header is
    set aside here (an event hook, run before that) and _request judges the target itself."""
    if response.status_code in REDIRECTS and "location" in response.headers:
        response.headers[_LOCATION_ASIDE] = response.headers["location"]
        del response.headers["location"]


def _proxy_variable(url: str) -> str | None:
    """The environment variable whose proxy a request to `url` goes through, else None: decided
    by httpx's own rules, which the client follows (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, less
    NO_PROXY as curl reads it). urllib's reading of NO_PROXY differs (`.example.com` exempts
    example.com there, not in httpx; `example.com:8443` exempts nothing there, that port in
    httpx): a host the client asked through the proxy was looked up here, and its requests pinned
    to the addresses found went around the proxy; one it asked directly was not checked as one.
    Only the variable's name is ever shown: a proxy URL may carry a password."""
    import os

    from httpx._utils import URLPattern, get_environment_proxies

    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return None
    mounts = sorted((URLPattern(key), proxy) for key, proxy in get_environment_proxies().items())
    pattern, proxy = next(((p, proxy) for p, proxy in mounts if p.matches(target)), (None, None))
    if pattern is None or proxy is None:
        return None
    scheme = pattern.scheme or "all"
    # The lower-case one first: when both are set, its value is the one used (urllib's rule).
    names = [f"{scheme}_proxy", f"{scheme.upper()}_PROXY"]
    return next((name for name in names if os.environ.get(name)), names[1])


def _proxy_scheme(variable: str) -> str:
    """The scheme of the proxy URL in `variable` ("http", "https", "socks5"...): only that is
    read of it, never shown with the rest (a password)."""
    import os

    value = os.environ.get(variable) or os.environ.get(variable.lower()) or ""
    scheme, found, _rest = value.partition("://")
    return scheme.lower() if found else "http"  # httpx reads "host:port" as http://host:port


# Through a proxy that inspects HTTPS (a company's, an antivirus), the certificate is the
# proxy's own, signed by a CA the system does not trust unless told: what to check.
_INSPECTING_PROXY = (
    "if the proxy inspects HTTPS, the certificate is its own: trust its CA (SSL_CERT_FILE names a file of them)"
)


def _failure_through_proxy(exc: Exception, url: str, variable: str, scheme: str) -> tuple[str, str]:
    """A failed connection through the proxy set in `variable` (its URL's `scheme`) as (kind,
    words): whose TLS failed (the proxy's, with an https:// proxy URL, or the site's through
    the tunnel), what the proxy answered when it refused the tunnel, and what to check. The
    proxy's URL is never shown: it may carry a user name and password."""
    host = _host_of(url)
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, ssl.SSLError):
        cause = cause.__cause__ or cause.__context__
    tunnel = f"through the proxy set in {variable}"
    if isinstance(cause, ssl.SSLCertVerificationError):
        why = (cause.verify_message or "it could not be verified").rstrip(".")
        if scheme == "https":  # the proxy's certificate, or the site's through it: either is told
            shown = f"the TLS certificate of the proxy set in {variable}, or of the site through it,"
        else:
            shown = f"the site's TLS certificate {tunnel}"
        return "tls", f"{shown} is not trusted: {why}; {_INSPECTING_PROXY}"
    if isinstance(cause, ssl.SSLError):
        why = (cause.reason or str(cause)).replace("_", " ").lower()
        if scheme == "https":
            return "tls", (
                f"the secure (TLS) connection to the proxy set in {variable}, or to the site through it, "
                f"failed: {why}; its URL starts with https://, while most proxies take http:// (TLS to the "
                "site still goes through)"
            )
        return "tls", (
            f"the secure (TLS) connection to {host} {tunnel} failed: {why}; check that the site "
            "speaks HTTPS at that address, and that the proxy lets HTTPS through"
        )
    if isinstance(exc, httpx.ProxyError):
        answer = " ".join(str(exc).split())[:120] or type(exc).__name__
        if answer.startswith("407"):
            return "proxy", (
                f"the proxy set in {variable} asks for a user name and password ({answer}): "
                "its URL gives them, as http://USER:PASSWORD@HOST:PORT"
            )
        return "proxy", f"the proxy set in {variable} refused to connect to {host}: {answer}"
    kind, words = _transport_failure(exc, "")  # a socket error here is the proxy's: not put on the site
    return kind, f"{words} ({tunnel})"


def _host_of(url: str) -> str:
    try:
        return urlsplit(url).hostname or "the site"
    except ValueError:
        return "the site"


def _proxy_variables() -> str:
    import urllib.request

    names = sorted(f"{scheme.upper()}_PROXY" for scheme in urllib.request.getproxies_environment() if scheme != "no")
    return ", ".join(names) or "the environment"


# What the system says of a connection that failed, in words ("[Errno -2] Name or service not
# known" told a reader nothing); {host} is the URL's host, {port} its port.
_SOCKET_WORDS = (
    (
        re.compile(r"Name or service not known|nodename nor servname|No address associated|getaddrinfo failed", re.I),
        "no such host: {host} (its name could not be found in DNS)",
        "dns",
    ),
    (
        re.compile(r"Temporary failure in name resolution", re.I),
        "could not look up {host}: no answer from DNS (offline?)",
        "dns",
    ),
    (
        re.compile(r"Connection refused", re.I),
        "the server refused the connection (nothing answers at {host}:{port})",
        "refused",
    ),
    (re.compile(r"Network is unreachable", re.I), "the network is unreachable (offline?)", "network"),
    (re.compile(r"No route to host", re.I), "no route to {host} (offline, or a firewall?)", "network"),
    (re.compile(r"Connection reset by peer", re.I), "the server dropped the connection", "network"),
    (
        re.compile(r"Server disconnected without sending a response", re.I),
        "the server closed the connection without answering",
        "network",
    ),
)


def _transport_words(exc: Exception, url: str = "") -> str:
    return _transport_failure(exc, url)[1]


def _transport_failure(exc: Exception, url: str = "") -> tuple[str, str]:
    """A failed connection as (kind, words): a TLS failure says what is wrong with the certificate (the
    ssl module's "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ... (_ssl.c:1000)"
    told a reader little), a socket error to `url`'s host what it means (none given: through a
    proxy, whose error it is), anything else as the library said it."""
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, ssl.SSLError):
        cause = cause.__cause__ or cause.__context__
    if isinstance(cause, ssl.SSLCertVerificationError):
        why = cause.verify_message or "it could not be verified"
        return (
            "tls",
            f"the site's TLS certificate is not trusted: {why} (a wrong clock or an intercepting proxy can cause this too)",
        )
    if isinstance(cause, ssl.SSLError):
        why = (cause.reason or str(cause)).replace("_", " ").lower()
        return "tls", f"the secure (TLS) connection failed: {why}"
    cut = re.search(r"\(received (\d+) bytes, expected (\d+)\)", str(exc))
    if isinstance(exc, httpx.RemoteProtocolError) and cut:  # a Content-Length the body did not keep
        got, promised = (int(n) for n in cut.groups())
        return "network", f"the response was cut short: {got:,} of the {promised:,} bytes the server announced came"
    for pattern, words, kind in _SOCKET_WORDS if url else ():
        if pattern.search(str(exc)):
            try:
                parts = urlsplit(url)
                host, port = parts.hostname or "the host", parts.port or (443 if parts.scheme == "https" else 80)
            except ValueError:
                host, port = "the host", 0
            return kind, words.format(host=host, port=port)
    return "network", f"connection failed: {type(exc).__name__}: {str(exc)[:120]}"


def _media_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for part in parts[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return parts[0].lower(), charset


def not_found_hint() -> Said:
    """What to do about a URL that answers 404, in the words of every message that says so
    (`fetch`'s failure, `feed add`'s refusal): "HTTP 404 Not Found" alone left the user to guess."""
    from reader.wording import Command, said

    return said(
        "check the URL; if the site moved its feed, ", Command("reader feed add"), " with the site's page finds it"
    )


def _status_line(status: int) -> str:
    """ "HTTP 404 Not Found": the code with its standard phrase (the server's own words are not
    trusted, nor needed), the code alone when it has none."""
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _robots_deferred(origin: str, refused: FetchFailed) -> FetchFailed:
    """How the URLs of a host whose robots.txt answered 429 (or 503 with a Retry-After) after
    every retry fail: deferred, not "no rules" (it is no 4xx that says so) and not a failure of
    theirs, with the wait the server asked for (0: none said), which the run turns into when it
    asks again."""
    busy = "too many requests" if refused.status == 429 else "the server is unavailable"
    return FetchFailed(
        origin + "/robots.txt",
        f"robots.txt of {host_key(origin)}: {busy}",
        kind="deferred",
        transient=True,
        retry_after=refused.retry_after or 0.0,
    )


def wait_words(seconds: float) -> str:
    """A wait for the user: "3600 s", but "73 days" for a Retry-After date weeks ahead (its
    2300068431 s said nothing), "over a year" beyond (a Retry-After of 10^23 s read
    "1,157,407,407,407,407,360 days")."""
    if seconds >= 365 * 86400:
        return "over a year"
    return f"{seconds:.0f} s" if seconds < 2 * 86400 else f"{seconds / 86400:,.0f} days"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


# Content codings that compress (the IANA registry's): one reader cannot read is refused, never
# passed on as the content.
_UNREAD_COMPRESSIONS = frozenset(
    {"br", "zstd", "compress", "x-compress", "bzip2", "x-bzip2", "lzma", "xz", "exi", "pack200-gzip", "dcb", "dcz"}
)
_READ_COMPRESSIONS = frozenset({"gzip", "x-gzip", "deflate"})


def _content_coding(header: str | None) -> str:
    """The compression a Content-Encoding header names, "identity" for none. A word that names no
    compression ("UTF-8", "none", "binary": a charset or a placeholder some servers send there)
    is ignored, as browsers ignore it: such a feed was refused, though every browser shows it.
    ValueError for a compression reader cannot read, or for two."""
    tokens = [token.strip().lower() for token in (header or "").split(",")]
    codings = [token for token in tokens if token in _READ_COMPRESSIONS or token in _UNREAD_COMPRESSIONS]
    if len(codings) > 1:
        raise ValueError(
            f"the server compressed the response more than once ({', '.join(codings)[:60]}), which reader cannot read"
        )
    if codings and codings[0] in _UNREAD_COMPRESSIONS:
        raise ValueError(
            f"the server compressed the response as {codings[0]!r}, which reader cannot read "
            "(it asks for gzip or deflate only)"
        )
    return codings[0] if codings else "identity"


class _Decoder:
    """Content-Encoding removed in bounded steps: never more than `limit` bytes out per call.

    A body its header says is compressed but that is a text as it came (a server or proxy that
    names gzip and sends plain XML) is read as sent (as_sent), as feedparser reads it: browsers
    and `curl --compressed` refuse it ("Content Encoding Error"), and the feed failed "not a gzip
    stream". Only while no compressed data has proved the header right: bytes that begin as
    gzip or as zlib-wrapped deflate and then break are damaged, said so, never taken as text."""

    def __init__(self, encoding: str | None):
        self.name = _content_coding(encoding)
        self.ignored: str | None = None  # the compression named in vain, once read as sent
        self._stream: _Wrapped | None
        if self.name == "identity":
            self._stream = None
        elif self.name in ("gzip", "x-gzip"):
            self._stream = _Gzip()
        else:
            self._stream = _Deflate()
        self.sent = bytearray()  # the bytes as they came, kept while the header may be wrong
        self._limit = 0

    def feed(self, data: bytes, limit: int) -> bytes:
        if self._stream is None:
            return data
        if not self._stream.proven:
            # Kept to one byte over the size limit, which as_sent refuses: raw deflate is never
            # proven, and a stream of empty blocks (5 bytes each, no content) grew it unbounded.
            self._limit = max(self._limit, limit)
            self.sent += data[: max(0, self._limit + 1 - len(self.sent))]
        return self._stream.feed(data, limit)

    def as_sent(self) -> bool:
        """Whether the body is to be read as the bytes sent (`sent`): compressed data never proved
        the header right, and they begin as a feed or page does. From then on, bytes pass as they come."""
        if self._stream is None or self._stream.proven or not _looks_like_text(self.sent):
            return False
        if len(self.sent) > self._limit:  # kept no further than the size limit: too large
            return False
        self.ignored, self.name, self._stream = self.name, "identity", None
        return True

    def over_limit(self) -> bool:
        return self._stream is not None and self._stream.held_back

    def complete(self) -> bool:
        """Whether the compressed stream came to its end (an empty body is complete too): one cut
        short decompresses to the part that came, which read as a whole page, half an article."""
        return self._stream is None or self._stream.complete()


class _Wrapped:
    """Deflate data between a header and a checksum trailer, read as browsers and curl read it:
    the end of the deflate data is the end of the content, so a trailer that never came is no
    loss (zlib's own gzip reading waited for it, and such a whole page was refused as cut short);
    a trailer that came is checked. Bytes after the end that begin no further member are ignored."""

    TRAILER = 0

    def __init__(self) -> None:
        self._pending = b""  # compressed bytes not yet used
        self._inflate: Any = None  # a zlib decompressobj while in a member's deflate data
        self._trailer_due = False  # the deflate data ended, its trailer not yet read
        self._members = 0  # members read to their end
        self._ignoring = False  # the bytes left begin no member
        self._seen = False
        self.held_back = False  # stopped at `limit` with compressed bytes left

    def feed(self, data: bytes, limit: int) -> bytes:
        self._seen = self._seen or bool(data)
        if self._ignoring:
            return b""
        self._pending += data
        out = bytearray()
        while self._pending and not self._ignoring:
            if self._inflate is not None:
                room = limit - len(out)
                if room <= 0:  # 0 would mean "no limit" to zlib
                    self.held_back = True
                    break
                chunk = self._inflate.decompress(self._pending, room)
                self._pending = self._inflate.unconsumed_tail
                self._count(chunk)
                out += chunk
                if self._inflate.eof:
                    self._pending = self._inflate.unused_data + self._pending
                    self._inflate = None
                    self._trailer_due = True
                elif self._pending:
                    self.held_back = True
                    break
            elif self._trailer_due:
                if len(self._pending) < self.TRAILER:
                    break
                self._check(self._pending[: self.TRAILER])
                self._pending = self._pending[self.TRAILER :]
                self._trailer_due = False
                self._members += 1
            elif not self._start():
                break
        if self._ignoring:
            self._pending = b""
        return bytes(out)

    def complete(self) -> bool:
        if not self._seen or self._trailer_due:
            return True
        return self._inflate is None and not self._pending and self._members > 0

    @property
    def proven(self) -> bool:
        """Whether the bytes are this compression for sure: a header of it, or a member read."""
        return self._members > 0

    def _start(self) -> bool:
        """Read the header at the start of `_pending` and begin its deflate data; False: it has
        not all come yet. Sets `_ignoring` when the bytes begin no member."""
        raise NotImplementedError

    def _count(self, chunk: bytes) -> None:
        raise NotImplementedError

    def _check(self, trailer: bytes) -> None:
        raise NotImplementedError


_GZIP_MAGIC = b"\x1f\x8b\x08"


class _Gzip(_Wrapped):
    """gzip (RFC 1952), every member: a body of several gzip members one after the other (some
    servers and proxies send it so) is their contents in turn, not the first member's alone."""

    TRAILER = 8  # CRC-32 and size of the member's content, little-endian
    _header_seen = False

    @property
    def proven(self) -> bool:
        return self._header_seen  # no text begins with gzip's magic bytes

    def _start(self) -> bool:
        data = self._pending
        if not _GZIP_MAGIC.startswith(data[:3]):
            if not self._members:
                raise zlib.error("not a gzip stream (wrong header)")
            self._ignoring = True  # padding after the last member (zeros, a proxy's junk)
            return False
        size = _gzip_header_size(data)
        if size is None:
            return False
        self._header_seen = True
        self._pending = data[size:]
        self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
        self._crc = 0
        self._size = 0
        return True

    def _count(self, chunk: bytes) -> None:
        self._crc = zlib.crc32(chunk, self._crc)
        self._size += len(chunk)

    def _check(self, trailer: bytes) -> None:
        crc, size = int.from_bytes(trailer[:4], "little"), int.from_bytes(trailer[4:], "little")
        if crc != self._crc or size != self._size & 0xFFFFFFFF:
            raise zlib.error("its gzip checksum does not match its content: damaged on the way")


# What follows the first "<" or "{" of a feed or page: a tag's name, "?xml", "!doctype", "!--",
# a closing tag; a JSON object's first key or its end.
_TEXT_START = re.compile(rb"<[A-Za-z?!/]|\{\s*[\"}]")
# Bytes no feed or page sent as text holds (C0 controls but tab, line feed, form feed, carriage
# return; DEL) and compressed bytes are full of: 27 of 256 values.
_NOT_IN_TEXT = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _looks_like_text(data: bytes | bytearray) -> bool:
    """Whether `data` begins as a feed or a web page does: "<" (XML, HTML) or "{" (JSON Feed),
    after a byte order mark and white space, then a tag's name or a key, and no control bytes in
    its first 1024. What a body sent uncompressed under a Content-Encoding begins with. The first
    byte alone did not tell: raw deflate of a short feed that begins with a UTF-8 byte order mark
    begins with "{" too, and such a stream cut short was read as its compressed bytes."""
    start = bytes(data[:1024])
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if start.startswith(bom):
            start = start[len(bom) :].replace(b"\0", b"")  # (UTF-16: every other byte 0)
            break
    start = start.lstrip(b" \t\r\n")
    return _TEXT_START.match(start) is not None and _NOT_IN_TEXT.search(start) is None


def _gzip_inside(body: bytes, url: str, max_bytes: int) -> bytes:
    """The content of a body that is itself whole gzip bytes: a file compressed ahead and served
    without `Content-Encoding: gzip` (a static host, an S3 upload), or compressed twice (by the
    application and again by its server). Neither is any use as gzip bytes, and such a feed was
    refused as "not well-formed (invalid token)". Bytes that do not decompress whole stay as
    they came."""
    stream = _Gzip()
    try:
        content = stream.feed(body, max_bytes + 1)
    except zlib.error:
        return body
    if len(content) > max_bytes or stream.held_back:
        raise FetchFailed(
            url, f"response too large after decompression (over {max_bytes:,} bytes, the max_bytes)", kind="too_large"
        )
    return content if stream.complete() else body


def _gzip_header_size(data: bytes) -> int | None:
    """The length of the gzip member header `data` starts with (RFC 1952 2.3), or None when it
    has not all come yet."""
    if len(data) < 10:
        return None
    flags = data[3]
    if flags & 0xE0:
        raise zlib.error("not a gzip stream (reserved header flags set)")
    at = 10
    if flags & 0x04:  # FEXTRA: a length, then that many bytes
        if len(data) < at + 2:
            return None
        at += 2 + int.from_bytes(data[at : at + 2], "little")
    for flag in (0x08, 0x10):  # FNAME, FCOMMENT: zero-terminated
        if flags & flag:
            end = data.find(b"\0", at)
            if end < 0:
                return None
            at = end + 1
    if flags & 0x02:  # FHCRC
        at += 2
    return at if len(data) >= at else None


class _Deflate(_Wrapped):
    """Content-Encoding: deflate is zlib-wrapped deflate (RFC 9110), but some servers send raw
    deflate under that name: told apart by the zlib header, as browsers do. One stream only."""

    TRAILER = 4  # Adler-32 of the content, big-endian (zlib-wrapped only)
    _zlib_header = False

    @property
    def proven(self) -> bool:
        # A zlib header. Raw deflate has none, and a text's bytes may read as the start of it,
        # even to an end, of bytes that are no text (_read): it proves nothing.
        return self._zlib_header

    def _start(self) -> bool:
        data = self._pending
        if self._members:
            self._ignoring = True
            return False
        if len(data) < 2:
            return False
        if data[0] & 0x0F == 8 and data[0] >> 4 <= 7 and not data[1] & 0x20 and (data[0] << 8 | data[1]) % 31 == 0:
            self._pending = data[2:]
            self._raw = False
            self._zlib_header = True
        else:
            self._raw = True
            self.TRAILER = 0
        self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
        self._adler = 1
        return True

    def _count(self, chunk: bytes) -> None:
        if not self._raw:
            self._adler = zlib.adler32(chunk, self._adler)

    def _check(self, trailer: bytes) -> None:
        if trailer and int.from_bytes(trailer, "big") != self._adler:
            raise zlib.error("its zlib checksum does not match its content: damaged on the way")


class HostGate:
    """At most `per_host` requests at once per host, started at least `delay` seconds apart."""

    def __init__(self, per_host: int, delay: float, cancel: Callable[[], bool] | None = None):
        self.per_host = max(1, per_host)
        self.delay = max(0.0, delay)
        self.cancel = cancel or (lambda: False)
        self._cond = threading.Condition()
        self._busy: dict[str, int] = defaultdict(int)
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, delay: float) -> None:
        with self._cond:
            self._delays[host] = max(self.delay, min(delay, MAX_CRAWL_DELAY))

    def ready(self, host: str) -> bool:
        """Whether a request to `host` could start now."""
        with self._cond:
            return self._busy[host] < self.per_host and self._next.get(host, 0.0) <= time.monotonic()

    def pause(self, host: str, seconds: float) -> None:
        """No request to `host` for `seconds` (Retry-After, backoff)."""
        with self._cond:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)

    @contextmanager
    def slot(self, host: str):
        with self._cond:
            while True:
                if self.cancel():
                    raise FetchCancelled()
                now = time.monotonic()
                wait = self._next.get(host, 0.0) - now
                if wait <= 0 and self._busy[host] < self.per_host:
                    self._busy[host] += 1
                    self._next[host] = now + self._delays.get(host, self.delay)
                    break
                self._cond.wait(timeout=min(wait, 0.25) if wait > 0 else 0.25)
        try:
            yield
        finally:
            with self._cond:
                self._busy[host] -= 1
                self._cond.notify_all()


class HttpClient:
    """One client for a fetch run (thread-safe; share it between the worker threads)."""

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        cancel: Callable[[], bool] | None = None,
        robots_cache: dict | None = None,
        on_retry: Callable[[str, str, int, int], None] | None = None,
    ):
        self.settings = s = settings or HttpSettings()
        # (url, why, attempt about to start, attempts in all): `feed add` of a server that does not
        # answer said "fetching URL" for a minute, three read_timeouts, and nothing of the retries.
        self.on_retry = on_retry
        # origin -> {"at": time, "text": robots.txt or None (no rules)}; kept in the fetch state
        self.robots_cache = robots_cache if robots_cache is not None else {}
        self.cancel = cancel or (lambda: False)
        self.gate = HostGate(s.per_host, s.host_delay, self.cancel)
        self._thread = threading.local()  # what the request under way in each worker wants (get)
        self.requests = 0  # every request sent, robots.txt included (for reports and tests)
        self._count_lock = threading.Lock()
        self._robots: dict[str, RobotFileParser | str] = {}
        # origin -> the failure its URLs fail with, its robots.txt unread or deferred (so the host
        # is kept out this run only)
        self._robots_unread: dict[str, FetchFailed] = {}
        # origin -> what its robots.txt answered, when that (a 5xx, a 429) and not the connection
        # kept it unread: how a redirect there fails (_follow)
        self._robots_answered: dict[str, str] = {}
        self._robots_locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        # host -> the failure its URLs fail with unasked: it asked to wait longer than
        # max_retry_after, or still refused after every retry
        self._left: dict[str, FetchFailed] = {}
        # host -> requests in a row that timed out (SILENT_HOST_LIMIT of them leave the host alone)
        self._silent: dict[str, int] = defaultdict(int)
        # hosts whose requests timing out in a row are not all of its robots.txt: down, as a
        # refused one is (only its robots.txt slow, its feeds count no failure: they were not asked)
        self._silent_pages: set[str] = set()
        # host:port -> the failure its URLs fail with unasked: it refused a connection in this run
        self._refused: dict[str, FetchFailed] = {}
        self._refusal_told: set[str] = set()  # host:port whose robots.txt's refusal a URL failed with
        # URL asked for -> where it moved for good, when the answer there was 304 Not Modified
        # (get() gives None then: no Response to carry `moved`)
        self.moved_unmodified: dict[str, str] = {}
        # URL asked for -> the validators (ETag, Last-Modified) a 304 Not Modified gave, when it
        # gave any: they replace those sent (RFC 9110 15.4.5), or every later request sent a stale
        # ETag a server that changed its validators answered with the whole feed again
        self.validators_unmodified: dict[str, tuple[str | None, str | None]] = {}
        options: dict = dict(
            timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout),
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            event_hooks={"response": [_set_location_aside]},
        )
        self._options = options  # for the client of requests pinned to an address (_stream)
        # host name -> the client of its requests pinned to its checked addresses (_stream)
        self._pinned: dict[str, httpx.Client] = {}
        # The certificates the environment names (SSL_CERT_FILE), read once for all those clients:
        # every page's host has one, and each reading took ~85 ms and ~850 KB.
        self._pinned_tls: ssl.SSLContext | None = None
        # host name -> the addresses a redirect's check found for it (RedirectCheck.pinned): the
        # only ones it is asked at for the rest of the run, no second lookup
        self._pins: dict[str, tuple[str, ...]] = {}
        limits = httpx.Limits(max_connections=max(4, s.workers * 2), max_keepalive_connections=s.workers)
        # A proxy the environment names that httpx cannot use (a SOCKS one without socksio, a
        # malformed URL) raised out of here: a traceback for `reader fetch`. Each request fails
        # with the reason instead; the proxy is never silently bypassed.
        self._unusable_proxy: str | None = None
        try:
            self._client = httpx.Client(**options, limits=limits)
        except (ImportError, ValueError) as exc:
            # httpx quotes the URL ("Unknown scheme for proxy URL URL('ftp://ann:[secure]@…')"):
            # its password masked, its user name not
            why = re.sub(r"URL\('[^']*'\)", "its URL", str(exc))
            self._unusable_proxy = f"cannot use the proxy set in {_proxy_variables()}: {why}"
            self._client = httpx.Client(**options, limits=limits, trust_env=False)  # never sends a request
        _bound_reads(self._client)

    def close(self) -> None:
        self._client.close()
        for client in self._pinned.values():
            client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the public call -------------------------------------------------------------------
    def get(
        self,
        url: str,
        *,
        accept: tuple[str, ...] = (),
        etag: str | None = None,
        last_modified: str | None = None,
        listed_by: Response | None = None,
        on_whole: Callable[[], None] | None = None,
    ) -> Response | None:
        """The response for `url` after redirects, or None when the server says it has not changed
        (304). Raises FetchFailed with the reason; transient failures are retried first.
        `listed_by`: the feed's response that links to `url` (an entry's page), which may send
        reader where a redirect from it may go, and nowhere else (_check_link). `on_whole`: a stop
        (cancel) that comes as the body's last bytes do keeps it, and on_whole() is called once it
        came whole (an article page: kept, not asked again); without it the stop gives the body up
        (a feed: its entries would ask for pages)."""
        if self._unusable_proxy:
            raise FetchFailed(url, self._unusable_proxy, kind="proxy", transient=True)
        self._thread.on_whole = on_whole

        def attempt(give_up: float | None) -> Response | None:
            if listed_by is not None:
                self._check_link(listed_by, url)
            return self._follow(url, accept, etag, last_modified, give_up)

        return self._retried(url, attempt)

    def _check_link(self, feed: Response, link: str) -> None:
        """A hostile feed on the web lists a link to 169.254.169.254 (a cloud's metadata service),
        to 127.0.0.1 or a name resolving there (checked when reader looks names up itself, not
        through a proxy): its answer would be stored as an article, and the
        request alone may act. Such a link is refused (FetchFailed, `private_network`) as a redirect
        from the feed to it would be; one that may be asked is connected to at the addresses
        checked (pinned, as a redirect's target is). A name pinned already is not looked up again."""
        if not _web_address(link) and (_has_other_scheme(link) or _network_kind(_hostname(link)) is None):
            # Not asked at all (_follow says why), unless its host is written as a private address
            # httpx would refuse ("0177.0.0.1"): that is what the feed tried, and it is said.
            return
        sender, peer = feed.url, feed.peer
        pinned = self._pins.get(_hostname(link))
        if pinned:
            sender_kind = _sender_kind(sender, peer)
            refused = next((a for a in pinned if not _may_lead(sender_kind, _kind_of_address(a))), None)
            check = RedirectCheck(_kind_of_address(refused), refused.partition("%")[0]) if refused else RedirectCheck()
        else:  # (through a proxy nothing is looked up, nor pinned: _check_redirect)
            check = self._redirect_check(sender, link, peer)
        if check.refused:
            raise FetchFailed(link, check.link_words(link), kind="private_network")

    def _retried(
        self, url: str, attempt: Callable[[float | None], _T], *, say_tries: bool = False, small: bool = False
    ) -> _T:
        """`attempt(give_up)` until it answers, the one retry path of every request (a feed, a
        page, a robots.txt): transient failures tried again (`retries`, `backoff`, a Retry-After
        up to max_retry_after, the whole host paused meanwhile) within the URL's overall_timeout,
        which `give_up` is the end of. The last failure is raised; `say_tries`: its reason says
        how many tries it took ("; tried 3 times"). `small`: one small file (a robots.txt) whose
        timeout is tried once more, since the whole site waits on it."""
        s = self.settings
        tries = 0
        # The moment this URL is given up at, however its attempts go (overall_timeout).
        give_up = time.monotonic() + s.overall_timeout if s.overall_timeout else None
        while True:
            left = self._left.get(host_key(url))
            if left is not None:
                raise left.with_reason(left.reason, url=url)
            try:
                return attempt(give_up)
            except FetchFailed as exc:
                if exc.kind == "timeout" and give_up is not None and time.monotonic() >= give_up - 0.05:
                    raise self._given_up(exc, tries) from None
                if exc.kind == "timeout" and small and not tries and s.retries:
                    # One slow answer to a robots.txt kept the site's every feed out for the run
                    # (tried once more; `retries: 0` says never ask twice).
                    tries += 1
                    if self.on_retry is not None:
                        self.on_retry(url, exc.reason, tries + 1, 2)
                    continue
                if exc.kind == "timeout":
                    if say_tries and tries:
                        exc = exc.with_reason(f"{exc.reason}; tried {tries + 1} times")
                    # Not tried again in this run (the next run asks again): a server that
                    # accepted and never answered held its host's other feeds through three
                    # read_timeouts and their waits, a minute, each try as silent as the first.
                    raise exc from None
                # A robots.txt that did not answer keeps its host out for the whole run (it was
                # tried again already): asking it again is not waited for. A refused connection
                # is a definite answer, not tried again in the run (as curl --retry and wget do
                # without --retry-connrefused): a server that is down cost 1 + 2 s of backoff
                # per URL, each one said twice as "trying again".
                robots_unread = _origin(exc.url) in self._robots_unread
                # refused, now or earlier in the run; or a redirect not followed (its target's host
                # or robots.txt said so for the run: the wait it asked for is the target's, and
                # tried again it put off the sender's whole host)
                definite = exc.kind in ("refused", "redirects") or not exc.asked
                if not exc.transient or tries >= s.retries or robots_unread or definite:
                    slow_down = _slow_down_status(exc)
                    if slow_down is not None:
                        # Still asking to slow down after every retry: the host is left alone for
                        # the rest of the run (its 200 other pages were each asked for, 3 times).
                        self._left.setdefault(
                            host_key(exc.url),
                            FetchFailed(
                                exc.url,
                                f"not asked: the host answered {_status_line(slow_down)} even after waiting",
                                kind="deferred",
                                transient=True,
                                # the wait it asked for last (0: none said), which the run turns
                                # into when these URLs are asked again, as for a robots.txt
                                retry_after=exc.retry_after or 0.0,
                            ),
                        )
                    if exc.status in (429, 503) and exc.retry_after is not None:
                        # How long the server asked to wait is said (it was only when over
                        # max_retry_after): `feed add` is worth trying again after that.
                        exc = exc.with_reason(f"{exc.reason}; asked to wait {wait_words(exc.retry_after)}")
                    if say_tries and tries and exc.transient:
                        exc = exc.with_reason(f"{exc.reason}; tried {tries + 1} times")
                    raise exc from None
                wait = exc.retry_after if exc.retry_after is not None else s.backoff * (2**tries)
                if wait > s.max_retry_after:
                    # Too long to wait in this run: leave the host alone until the next one.
                    asked = wait_words(wait)
                    self._left[host_key(exc.url)] = FetchFailed(
                        exc.url,
                        f"not asked: the host asked to wait {asked}",
                        kind="deferred",
                        transient=True,
                        retry_after=wait,  # its URLs are asked again once that is over, and say when
                    )
                    raise exc.with_reason(
                        f"{exc.reason}; asked to wait {asked}, more than the max_retry_after of {s.max_retry_after:g} s",
                        url=url,
                        retry_after=wait,
                    ) from None
                if give_up is not None and time.monotonic() + wait >= give_up:
                    raise self._given_up(exc, tries, wait, give_up - time.monotonic()) from None
                # The whole host waits, not only this request: that is what Retry-After asks.
                self.gate.pause(host_key(exc.url), wait)
                tries += 1
                if self.on_retry is not None:
                    self.on_retry(url, exc.reason, tries + 1, s.retries + 1)

    def _given_up(self, exc: FetchFailed, attempt: int, wait: float | None = None, left: float = 0.0) -> FetchFailed:
        """The failure that ends a URL at its overall_timeout: the last attempt's, and why no
        more were made (`wait`: the pause before the next one, which would pass it; `left`: the
        seconds of it left then)."""
        limit = self.settings.overall_timeout
        if wait is None:
            tried = f"{attempt + 1} attempts" if attempt else "1 attempt"
            return exc.with_reason(f"{exc.reason}; gave up after {tried} in {limit:g} s, the overall_timeout")
        # Said plainly: "waiting 120 s more would pass 120 s, the overall_timeout" read as a riddle.
        left = max(left, 0.0)
        if wait >= limit:
            asked = f"{wait:.0f} s"
            same = f"{wait:.0f}" == f"{limit:.0f}"  # "asks to wait 120 s, as long as the overall_timeout of 120 s"
            over = f"{'as long as' if same else 'longer than'} the overall_timeout of {limit:g} s"
        else:
            # Whole seconds, the wait up and what is left down: rounded alike, 5.04 and 5.0 both
            # read "5.0" ("wait 5.0 s, longer than the 5.0 s left").
            asked = f"{math.ceil(wait)} s"
            over = f"longer than the {math.floor(left)} s left of its overall_timeout of {limit:g} s"
        pause = f"the server asks to wait {asked}" if exc.retry_after is not None else f"the next try is in {asked}"
        return exc.with_reason(f"{exc.reason}; not tried again in this run: {pause}, {over}")

    # -- redirects, robots, one request ----------------------------------------------------
    def _follow(self, url, accept, etag, last_modified, give_up: float | None = None) -> Response | None:
        current = url
        permanent = True  # every redirect so far was a 301 or a 308
        visited = [url]  # to tell a loop from a long chain when the cap is reached
        sender = url  # the address whose answer redirected to `current` (_check_redirect)
        peer: str | None = None  # the address that answer came from
        for _hop in range(self.settings.max_redirects + 1):
            if current != url and not _web_address(current):
                # Where a redirect leads is said as such: "not an http(s) URL: file:///etc/passwd"
                # read as if the feed had named that file.
                what = "not an http(s) URL" if _has_other_scheme(current) else "not a valid address"
                raise FetchFailed(url, f"redirected to {current[:200]}, {what}", kind="redirects")
            if current != url:
                # Asked for, its answer would be stored as the feed's or the article's, and the
                # request alone may act (a router's GET-driven settings).
                check = self._redirect_check(sender, current, peer)
                if check.refused:
                    raise FetchFailed(url, check.words(current), kind="redirects")
            scheme = urlsplit(current).scheme.lower()
            if scheme not in ("http", "https"):
                # The URL asked for (a redirect's target is said above): the failure names it
                # already ("failed javascript:alert(1): not an http(s) URL: javascript:alert(1)").
                link = f" (a {scheme[:20]}: link)" if scheme else ""
                raise FetchFailed(url, f"not an http(s) URL{link}", kind="bad_url")
            if current != url:
                self._check_redirect_deferred(url, current)
            if not self.allowed(current):
                unread = self._robots_unread.get(_origin(current))
                answered = self._robots_answered.get(_origin(current))
                if unread is not None and current != url and answered is not None:
                    # The URL asked for was asked (it answered with the redirect): said of it, as a
                    # redirect its target's robots.txt disallows is, and tried again next run, or
                    # once the wait a 429 asked for is over (RFC 9309: an unreadable robots.txt
                    # keeps out for now). "not asked: could not read the site's robots.txt" said no
                    # request was made, of a site whose robots.txt was fine.
                    where = f"redirected to {current[:200]}, whose site's robots.txt could not be read: {answered}"
                    raise FetchFailed(url, where, kind="redirects", transient=True, retry_after=unread.retry_after)
                if unread is not None:
                    # Not the site's rule: its robots.txt did not answer, or asked to wait (RFC
                    # 9309: keep out for now). Worth trying again, and said as it happened.
                    raise self._refusal_told_once(unread, current)
                if current != url:
                    # Said of the URL asked for: "disallowed by the site's robots.txt" sent the
                    # user to a robots.txt that allows it, its redirect's target's being the one.
                    # A redirect refused, as one into a private network: the URL itself was asked
                    # (counted failed, not "not asked", which says no request was made).
                    where = f"redirected to {current[:200]}, which its site's robots.txt disallows"
                    raise FetchFailed(url, where, kind="redirects")
                raise FetchFailed(current, "disallowed by the site's robots.txt", kind="robots")
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            try:
                response = self._request(current, headers, accept, self.settings.max_bytes, give_up)
            except FetchFailed as exc:
                if permanent and current != url:
                    exc.moved = current  # a 301 to a 404 said "HTTP 404" alone, of a URL that is no 404
                raise
            if response.status in REDIRECTS:
                if not response.url:
                    raise FetchFailed(current, f"HTTP {response.status} redirect without a Location", kind="redirects")
                permanent = permanent and response.status in PERMANENT_REDIRECTS
                sender, current, peer = current, response.url, response.peer
                visited.append(current)
                continue
            moved = current if permanent and current != url else None
            if response.status == 304 and not (etag or last_modified):
                # "Not modified" since nothing: a first fetch read it as "no change" and kept
                # nothing, run after run, without a word.
                raise FetchFailed(
                    url,
                    "HTTP 304 Not Modified to a request with nothing to compare (no content sent)",
                    kind="http",
                    status=304,
                )
            if response.status == 304:
                if moved:
                    self.moved_unmodified[url] = moved
                if response.etag or response.last_modified:
                    self.validators_unmodified[url] = (response.etag, response.last_modified)
                return None
            response.moved = moved
            return response
        cap = self.settings.max_redirects
        for start, hop in enumerate(visited):
            if hop in visited[start + 1 :]:
                # The same address again: a loop (a cookie wall, a bad rewrite rule), said as one.
                circle = visited[start : visited.index(hop, start + 1) + 1]
                shown = " -> ".join(circle) if len(circle) <= 4 else f"{circle[0]} -> … -> {circle[-1]}"
                # The count is of every redirect followed, round the loop: "a -> b -> a (gave up
                # after 5 redirects)" showed 2 and said 5.
                round_it = f"followed round it to {cap} redirects, the max_redirects"
                raise FetchFailed(url, f"a redirect loop: {shown} ({round_it})", kind="redirects")
        raise FetchFailed(url, f"too many redirects (more than {cap}, the max_redirects)", kind="redirects")

    def _request(
        self, url: str, headers: dict, accept: tuple[str, ...], max_bytes: int, give_up: float | None = None
    ) -> Response:
        """One GET through the host gate. A redirect comes back with its target as `url`.
        `give_up`: the moment the URL's overall_timeout ends, which this request ends by too. A
        host a redirect's check looked up is connected to at the addresses checked (_pins)."""
        self._check_refused(url)
        # A request through a proxy goes to no address found here (the proxy resolves the name):
        # the pins of the host asked directly (an http:// link where only HTTPS_PROXY is set) would
        # take it around the proxy.
        pinned = () if _proxy_variable(url) else self._pins.get(_hostname(url), ())
        with self.gate.slot(host_key(url)):
            self._check_refused(url)  # refused while this request waited for its turn
            with self._count_lock:
                self.requests += 1
            started = time.monotonic()
            _DEADLINE.at = started + self.settings.total_timeout
            cut_by_give_up = give_up is not None and give_up < _DEADLINE.at
            if give_up is not None:
                _DEADLINE.at = min(_DEADLINE.at, give_up)
            answered = False  # the status line came: a timeout after it is a stalled response
            try:
                with self._stream(url, headers, pinned) as r:
                    answered = True
                    self._silent.pop(host_key(url), None)
                    self._silent_pages.discard(host_key(url))
                    status = r.status_code
                    if status in REDIRECTS:
                        location = (r.headers.get(_LOCATION_ASIDE) or "").strip()
                        try:
                            target = urljoin(url, location) if location else ""
                        except ValueError:  # "http://[::1/x": no address at all
                            target = location
                        # Where the sender of a redirect is: the address it answered from.
                        peer = None if _proxy_variable(url) else _peer_address(r)
                        return Response(target, status, b"", "", None, None, None, peer=peer)
                    if status == 304:  # its validators, which may have changed (RFC 9110 15.4.5)
                        return Response(
                            url, status, b"", "", None, r.headers.get("etag"), r.headers.get("last-modified")
                        )
                    if status == 429 or status >= 500:
                        wait = _retry_after(r.headers.get("retry-after"))
                        raise FetchFailed(
                            url, _status_line(status), kind="http", transient=True, retry_after=wait, status=status
                        )
                    # 1xx are handled by the client; other 2xx bodies are read like 200.
                    if status >= 300:
                        raise FetchFailed(url, _status_line(status), kind="http", status=status)
                    media, charset = _media_type(r.headers.get("content-type"))
                    if accept and media and not any(kind in media for kind in accept):
                        raise FetchFailed(
                            url, f"unexpected content type {media[:80]}", kind="content_type", status=status
                        )
                    try:
                        body, coding_ignored = self._read(r, url, max_bytes, started)
                    except FetchFailed as exc:
                        exc.status = status  # the server answered (too large, cut short): said, for scripts
                        raise
                    return Response(
                        str(httpx.URL(url)) if pinned else str(r.url),
                        status,
                        body,
                        media,
                        charset,
                        r.headers.get("etag"),
                        r.headers.get("last-modified"),
                        peer=None if _proxy_variable(url) else _peer_address(r),
                        coding_ignored=coding_ignored,
                    )
            except httpx.TimeoutException as exc:
                self._timed_out(host_key(url), robots=urlsplit(url).path == "/robots.txt")
                # How long was waited, in words: "timed out" alone did not say a slow server from
                # a dead one, nor which setting to raise.
                s = self.settings
                if not isinstance(exc, httpx.ConnectTimeout) and time.monotonic() >= _DEADLINE.at - 0.05:
                    reason = (
                        "too slow (no complete response yet)"  # get() says it was the overall_timeout
                        if cut_by_give_up
                        else f"too slow (no complete response in {s.total_timeout:g} s, the total_timeout)"
                    )
                    raise FetchFailed(url, reason, kind="timeout", transient=True) from None
                if isinstance(exc, httpx.ConnectTimeout):
                    reason = f"timed out after {s.connect_timeout:g} s connecting (the connect_timeout)"
                elif answered:
                    reason = f"timed out after {s.read_timeout:g} s: the response stalled (the read_timeout)"
                else:
                    reason = f"timed out after {s.read_timeout:g} s: the server sent no answer (the read_timeout)"
                unreachable = isinstance(exc, httpx.ConnectTimeout)
                raise FetchFailed(url, reason, kind="timeout", transient=True, unreachable=unreachable) from None
            except httpx.TooManyRedirects:
                raise FetchFailed(url, "too many redirects", kind="redirects") from None
            except (httpx.TransportError, httpx.DecodingError) as exc:
                proxy = _proxy_variable(url) if isinstance(exc, httpx.TransportError) else None
                # The proxy refusing the tunnel (httpx.ProxyError) is no connection to the site either.
                unreachable = isinstance(exc, (httpx.ConnectError, httpx.ProxyError))
                if proxy:
                    kind, words = _failure_through_proxy(exc, url, proxy, _proxy_scheme(proxy))
                else:
                    kind, words = _transport_failure(exc, url)
                if isinstance(exc, httpx.DecodingError):
                    kind = "malformed"  # the server's bytes, not the connection
                if kind == "refused":
                    self._refuse(url)
                raise FetchFailed(url, words, kind=kind, transient=True, unreachable=unreachable) from None
            except httpx.InvalidURL as exc:
                raise FetchFailed(url, f"invalid URL: {exc}", kind="bad_url") from None
            finally:
                _DEADLINE.at = None

    @contextmanager
    def _stream(self, url: str, headers: dict, pinned: tuple[str, ...]) -> Iterator[httpx.Response]:
        """The response to a GET of `url`; with `pinned` addresses, connected to the first of them
        that takes the connection (as a connection by name tries each address the name has), the
        name sent as the Host and the TLS server name, so the certificate is still checked for it.
        Such requests have a client for their name alone, which keeps its connections (a feed that
        redirected http -> https has its pages asked on one): a connection kept to the address for
        another name (a CDN's) would carry it under that name's TLS session."""
        if not pinned:
            with self._client.stream("GET", url, headers=headers) as response:
                yield response
            return
        parts = httpx.URL(url)
        client = self._pinned_client(_hostname(url))
        with ExitStack() as stack:
            for n, address in enumerate(pinned):
                at = parts.copy_with(host=address.partition("%")[0])
                asked = {**headers, "Host": parts.netloc.decode("ascii")}
                try:
                    response = stack.enter_context(
                        client.stream(
                            "GET", at, headers=asked, extensions={"sni_hostname": parts.raw_host.decode("ascii")}
                        )
                    )
                except (httpx.ConnectError, httpx.ConnectTimeout):
                    if n == len(pinned) - 1:
                        raise
                    continue
                yield response
                return

    def _pinned_client(self, host: str) -> httpx.Client:
        per_host = self.settings.per_host
        with self._count_lock:
            if host not in self._pinned:
                # No proxy (a proxied request is never pinned), but the certificates the
                # environment names (SSL_CERT_FILE), as the other client reads them.
                if self._pinned_tls is None:
                    self._pinned_tls = httpx.create_ssl_context(trust_env=True)
                self._pinned[host] = httpx.Client(
                    **self._options,
                    limits=httpx.Limits(max_connections=max(4, per_host * 2), max_keepalive_connections=per_host),
                    trust_env=False,
                    verify=self._pinned_tls,
                )
                _bound_reads(self._pinned[host])
            return self._pinned[host]

    def _check_redirect_deferred(self, url: str, target: str) -> None:
        """A redirect from `url` to a host left for the next run earlier in this run (it asked to
        wait, refused a connection, timed out): its target is not asked, and `url`, which was asked
        (it answered with the redirect), fails as a redirect saying why, for now, waiting as the
        host asked, as a redirect to a site whose robots.txt answered 429 does. The target was
        asked all the same when its robots.txt had been read, and a refused one said "not asked:
        … refused a connection" of the target, though `url` was asked."""
        if _origin(target) in self._robots_answered:
            return  # said as what its robots.txt answered (_follow)
        with self._count_lock:
            left = self._left.get(host_key(target)) or self._refused.get(_endpoint(target))
        if left is None:
            return
        why = left.reason.removeprefix("not asked: ")
        where = f"redirected to {target[:200]}, not followed in this run: {why}"
        raise FetchFailed(url, where, kind="redirects", transient=True, retry_after=left.retry_after, held_back=True)

    def _refusal_told_once(self, unread: FetchFailed, url: str) -> FetchFailed:
        """How `url` fails, its site's robots.txt unread because of `unread`. A refused connection
        is the failure of one URL, the first to meet it; the host and port's other URLs are
        deferred (_refuse), as when the robots.txt was cached and the URL itself was refused:
        each of them failed `refused` and counted a failure of its own."""
        if unread.kind == "refused":
            with self._count_lock:
                told = _endpoint(url) in self._refusal_told
                self._refusal_told.add(_endpoint(url))
            if told:
                self._check_refused(url)
        return unread.with_reason(unread.reason, url=url)

    def _check_refused(self, url: str) -> None:
        refused = self._refused.get(_endpoint(url))
        if refused is not None:
            raise refused.with_reason(refused.reason, url=url)

    def _refuse(self, url: str) -> None:
        """The server at `url`'s host and port refused a connection: its other URLs are not asked
        in this run (deferred, `host_down`: a feed counts it a failure of its own, a page does not),
        as a host that timed out on SILENT_HOST_LIMIT requests is. One refusal is enough: it is the answer of the
        host and port, not of one slow URL, and it stays the answer while the server is down."""
        endpoint = _endpoint(url)
        with self._count_lock:
            self._refused.setdefault(
                endpoint,
                FetchFailed(
                    url,
                    f"not asked: {endpoint} refused a connection earlier in this run",
                    kind="deferred",
                    transient=True,
                    asked=False,
                    host_down=True,
                ),
            )

    def _timed_out(self, host: str, *, robots: bool = False) -> None:
        """One more request of `host` timed out (`robots`: its robots.txt): at SILENT_HOST_LIMIT in
        a row, its URLs not asked yet are left for the next run (deferred, as a host that asked to
        wait is; `host_down`, as a refused one's, unless only its robots.txt was asked)."""
        with self._count_lock:
            self._silent[host] += 1
            if not robots:
                self._silent_pages.add(host)
            if self._silent[host] >= SILENT_HOST_LIMIT and host not in self._left:
                self._left[host] = FetchFailed(
                    host,
                    f"not asked: {host} timed out on {SILENT_HOST_LIMIT} requests in a row in this run",
                    kind="deferred",
                    transient=True,
                    asked=False,
                    host_down=host in self._silent_pages,
                )

    def _read(self, r: httpx.Response, url: str, max_bytes: int, started: float) -> tuple[bytes, str | None]:
        """The body, decompressed, and the compression its Content-Encoding named in vain (a
        body sent as it was: _Decoder.as_sent), else None."""
        s = self.settings
        declared = r.headers.get("content-length")
        try:
            decoder = _Decoder(r.headers.get("content-encoding"))
        except ValueError as exc:
            raise FetchFailed(url, str(exc), kind="malformed") from None
        compressed = decoder.name != "identity"
        if declared and declared.isdigit() and not compressed and int(declared) > max_bytes:
            raise FetchFailed(
                url, f"response too large ({int(declared):,} bytes; the max_bytes is {max_bytes:,})", kind="too_large"
            )
        out = bytearray()
        received = 0  # bytes as sent
        try:
            for chunk in r.iter_raw():
                received += len(chunk)
                if time.monotonic() - started > s.total_timeout:
                    raise FetchFailed(
                        url,
                        f"too slow (no complete response in {s.total_timeout:g} s, the total_timeout)",
                        kind="timeout",
                        transient=True,
                    )
                try:
                    out += decoder.feed(chunk, max_bytes - len(out) + 1)
                except zlib.error:
                    if not decoder.as_sent():
                        raise
                    out = bytearray(decoder.sent)
                if len(out) > max_bytes or decoder.over_limit():
                    what = "after decompression " if decoder.name != "identity" else ""
                    raise FetchFailed(
                        url, f"response too large {what}(over {max_bytes:,} bytes, the max_bytes)", kind="too_large"
                    )
                # Stopped: a body whose last bytes are in hand is kept (R in the app dropped it
                # and asked it again next run); one still arriving is given up.
                on_whole = getattr(self._thread, "on_whole", None)
                if self.cancel() and not (on_whole and _arrived_whole(declared, received, decoder)):
                    raise FetchCancelled()
        except zlib.error as exc:
            raise FetchFailed(url, f"broken compressed response ({exc})", kind="malformed") from None
        if getattr(self._thread, "on_whole", None) is not None:
            self._thread.on_whole()
        if decoder.name == "deflate" and not _looks_like_text(out) and decoder.as_sent():
            out = bytearray(decoder.sent)  # raw deflate of a text's bytes gave bytes that are none
        if not decoder.complete() and decoder.as_sent():
            out = bytearray(decoder.sent)
        if not decoder.complete():
            # No Content-Length to check it by (or one the cut body kept): the stream's own end.
            raise FetchFailed(
                url,
                f"the response was cut short: its {decoder.name} stream stops before its end "
                f"(after {len(out):,} bytes of content)",
                kind="network",
                transient=True,
            )
        if out.startswith(_GZIP_MAGIC):
            return _gzip_inside(bytes(out), url, max_bytes), decoder.ignored
        return bytes(out), decoder.ignored

    # -- robots.txt ------------------------------------------------------------------------
    def allowed(self, url: str) -> bool:
        origin = _origin(url)
        with self._robots_locks[origin]:
            rules = self._robots.get(origin)
            if rules is None:
                rules = self._robots[origin] = self._robots_rules(origin)
        if isinstance(rules, str):  # "allow" or "deny" for the whole host
            return rules == "allow"
        return rules.can_fetch(ROBOTS_AGENT, url)

    def _robots_rules(self, origin: str) -> RobotFileParser | str:
        """The host's rules: from the cache when younger than a day (RFC 9309), else fetched."""
        cached = self.robots_cache.get(origin)
        if isinstance(cached, dict) and time.time() - cached.get("at", 0) < ROBOTS_MAX_AGE:
            text = cached.get("text")
            return self._parse_robots(origin, text) if isinstance(text, str) else "allow"
        rules, text = self._load_robots(origin)
        if rules != "deny":  # an unreachable robots.txt is asked again next run
            self.robots_cache[origin] = {"at": time.time(), "text": text}
        return rules

    def _load_robots(self, origin: str) -> tuple[RobotFileParser | str, str | None]:
        """RFC 9309: a 4xx means no rules; a 5xx or no answer means keep out (for this run: it is
        asked again next run). It is asked as a feed is, through the one retry path (`retries`,
        `backoff`, Retry-After, within `overall_timeout`): one dropped connection kept a site's
        every feed out. A timeout is tried once more (one small file; any other URL's is not);
        a second keeps the site out for this run, its feeds not asked (no failure counted).
        A 429 (or a 503 with a Retry-After) still refusing after that is no "no rules": the host
        is deferred, its URLs not asked, and said so (_robots_deferred)."""
        url = origin + "/robots.txt"
        try:
            response = self._retried(
                url, lambda give_up: self._robots_response(origin, give_up), say_tries=True, small=True
            )
        except FetchFailed as exc:
            slow_down = _slow_down_status(exc)
            if slow_down is not None:  # _retried deferred the host: said as robots.txt's
                self._robots_unread[origin] = self._left[host_key(origin)] = _robots_deferred(origin, exc)
                self._robots_answered[origin] = _status_line(slow_down)
                return "deny", None
            if not exc.transient:
                return "allow", None  # 4xx: no rules
            if exc.unreachable or exc.kind == "deferred":
                # No connection to the site at all (or its host asked to wait already): that is
                # the reason, not its robots.txt ("could not read the site's robots.txt: no such
                # host" sent users to robots.txt).
                self._robots_unread[origin] = exc
            else:
                self._robots_answered[origin] = exc.reason
                why = f"could not read the site's robots.txt: {exc.reason}"
                # Its feeds were not asked: no failure of their own (counted, one slow robots.txt
                # backed off every feed of the site after two runs).
                self._robots_unread[origin] = FetchFailed(url, why, kind="robots", transient=True, asked=False)
            return "deny", None  # unreachable or 5xx: assume complete disallow
        if response is None:
            return "allow", None  # RFC 9309: more than five redirects (or a refused one), treat as unavailable
        text = response.body.decode("utf-8", errors="replace")
        return self._parse_robots(origin, text), text

    def _robots_response(self, origin: str, give_up: float | None) -> Response | None:
        """The robots.txt of `origin` after redirects; None after too many of them, or one into
        a network its sender is not in (_check_redirect: not asked, as a feed's is not)."""
        url = origin + "/robots.txt"
        for _hop in range(self.settings.max_redirects + 1):
            response = self._request(url, {}, (), MAX_ROBOTS_BYTES, give_up)
            if response.status not in REDIRECTS:
                return response
            if not response.url:
                return None
            check = self._redirect_check(url, response.url, response.peer)
            if check.refused:
                return None
            url = response.url
        return None

    def _redirect_check(self, sender: str, target: str, peer: str | None) -> RedirectCheck:
        """_check_redirect; the addresses checked are the only ones the target's host is asked at
        in this run (its robots.txt, asked first, too). A target whose name reader cannot look up
        fails as a connection to it would (FetchFailed, `dns`)."""
        try:
            check = _check_redirect(sender, target, peer, by_proxy=_proxy_variable(target) is not None)
        except (OSError, UnicodeError) as exc:
            kind, words = _transport_failure(httpx.ConnectError(str(exc)), target)
            raise FetchFailed(target, words, kind=kind, transient=True, unreachable=True) from None
        if check.pinned:
            with self._count_lock:
                self._pins[_hostname(target)] = check.pinned
        return check

    def _parse_robots(self, origin: str, text: str) -> RobotFileParser:
        parser = RobotFileParser(origin + "/robots.txt")
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(ROBOTS_AGENT)
        if delay:
            try:
                self.gate.set_delay(host_key(origin), float(delay))
            except (TypeError, ValueError):
                pass
        return parser
