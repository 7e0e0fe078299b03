"""The network around a fetch: proxies from the environment and TLS failures, on 127.0.0.1 only."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from http_fixture import Reply
from reader.fetch.http import FetchFailed, HttpClient, HttpSettings

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture
def no_proxies(monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


@pytest.fixture
def server(server):
    """conftest's server with a page at /page."""
    server.route("/page", Reply("<p>hello</p>"))
    return server


def settings() -> HttpSettings:
    return HttpSettings(connect_timeout=2, read_timeout=2, retries=0, host_delay=0)


def reason_of(url: str) -> str:
    with HttpClient(settings()) as client:
        with pytest.raises(FetchFailed) as caught:
            client.get(url)
    return caught.value.reason


def test_a_socks_proxy_httpx_cannot_use_is_a_reason_not_a_traceback(no_proxies, server):
    # httpx raised ImportError (no socksio) out of the client's constructor: `reader fetch` crashed.
    no_proxies.setenv("ALL_PROXY", "socks5://user:secret@127.0.0.1:9")

    reason = reason_of(server.url("/page"))

    assert reason.startswith("cannot use the proxy set in ALL_PROXY") or "through the proxy set in ALL_PROXY" in reason
    assert "secret" not in reason  # a proxy URL may carry a password: only the variable is named


def test_a_failing_proxy_is_named_and_no_proxy_is_honoured(no_proxies, server):
    no_proxies.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there

    assert "(through the proxy set in HTTP_PROXY)" in reason_of(server.url("/page"))

    no_proxies.setenv("NO_PROXY", "127.0.0.1")
    with HttpClient(settings()) as client:
        assert client.get(server.url("/page")).body == b"<p>hello</p>"


@pytest.fixture
def tls_server(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert]
        + ["-days", "2", "-subj", "/CN=127.0.0.1"],
        check=True,
        capture_output=True,
    )

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_untrusted_certificate_is_said_in_words(no_proxies, tls_server):
    reason = reason_of(tls_server + "/page")

    # No connection to the site at all: said as it is, not as a robots.txt problem.
    assert reason.startswith("the site's TLS certificate is not trusted: ")
    assert "self-signed" in reason and "_ssl.c" not in reason and "[SSL:" not in reason


class _Proxy:
    """A proxy on 127.0.0.1 that tunnels HTTPS (CONNECT), as a company's does; `refuse`: the
    status it answers CONNECT with instead (407: it wants a password)."""

    def __init__(self) -> None:
        self.asked: list[str] = []  # the CONNECT targets it was asked for
        self.refuse: int | None = None
        proxy = self

        class Tunnel(BaseHTTPRequestHandler):
            def do_CONNECT(self) -> None:
                import select
                import socket

                proxy.asked.append(self.path)
                if proxy.refuse:
                    self.send_response(proxy.refuse)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                host, _, port = self.path.rpartition(":")
                with socket.create_connection((host, int(port)), timeout=5) as site:
                    self.send_response(200, "Connection established")
                    self.end_headers()
                    ends = [self.connection, site]
                    while True:
                        ready, _, _ = select.select(ends, [], [], 5)
                        if not ready:
                            return
                        for end in ready:
                            try:
                                data = end.recv(65536)
                            except OSError:
                                return
                            if not data:
                                return
                            (site if end is self.connection else self.connection).sendall(data)

            def log_message(self, *args) -> None:
                pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:
                pass  # a client that hung up mid-tunnel (the TLS failure under test)

        self.httpd = Server(("127.0.0.1", 0), Tunnel)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def proxy():
    running = _Proxy()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


def test_an_untrusted_certificate_through_a_proxy_says_what_to_check(no_proxies, tls_server, proxy):
    """Through HTTPS_PROXY, an untrusted certificate is most often the proxy's own (one that
    inspects HTTPS): the reason said "the site's", then two remarks in brackets, and nothing of
    how to trust it. The proxy's password is never shown."""
    no_proxies.setenv("HTTPS_PROXY", f"http://reader:s3cret@127.0.0.1:{proxy.port}")

    reason = reason_of(tls_server + "/page")

    assert proxy.asked == [tls_server.removeprefix("https://")]  # it went through the proxy
    assert reason == (
        "the site's TLS certificate through the proxy set in HTTPS_PROXY is not trusted: self-signed "
        "certificate; if the proxy inspects HTTPS, the certificate is its own: trust its CA (SSL_CERT_FILE "
        "names a file of them)"
    )
    assert "s3cret" not in reason and "reader:" not in reason


def test_a_proxy_url_in_https_to_a_proxy_that_speaks_http_is_said_to_be_the_likely_cause(no_proxies, tls_server, proxy):
    no_proxies.setenv("HTTPS_PROXY", f"https://reader:s3cret@127.0.0.1:{proxy.port}")

    reason = reason_of(tls_server + "/page")

    assert reason.startswith("the secure (TLS) connection to the proxy set in HTTPS_PROXY, or to the site ")
    assert "its URL starts with https://, while most proxies take http://" in reason
    assert "s3cret" not in reason and "[SSL:" not in reason


def test_https_through_a_proxy_to_a_port_without_tls_names_the_site_and_the_proxy(no_proxies, server, proxy):
    no_proxies.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")

    reason = reason_of(server.url("/page").replace("http://", "https://"))

    assert reason.startswith("the secure (TLS) connection to 127.0.0.1 through the proxy set in HTTPS_PROXY failed: ")
    assert reason.endswith("check that the site speaks HTTPS at that address, and that the proxy lets HTTPS through")


@pytest.mark.parametrize("status", [407, 403])
def test_a_proxy_refusing_the_tunnel_is_said_as_the_proxy_s_answer(no_proxies, tls_server, proxy, status):
    """ "connection failed: ProxyError: 407 Proxy Authentication Required", and the feed's first
    request being its robots.txt, "could not read the site's robots.txt: ..." of it."""
    no_proxies.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
    proxy.refuse = status

    with HttpClient(settings()) as client:
        with pytest.raises(FetchFailed) as caught:
            client.get(tls_server + "/page")

    failure = caught.value
    assert failure.kind == "proxy" and failure.unreachable  # no connection to the site: not its robots.txt
    if status == 407:
        assert failure.reason == (
            "the proxy set in HTTPS_PROXY asks for a user name and password (407 Proxy Authentication "
            "Required): its URL gives them, as http://USER:PASSWORD@HOST:PORT"
        )
    else:
        assert failure.reason == "the proxy set in HTTPS_PROXY refused to connect to 127.0.0.1: 403 Forbidden"


def test_a_host_that_does_not_exist_or_refuses_is_said_in_words_not_as_a_robots_txt_problem(no_proxies, server):
    """Each read "could not read the site's robots.txt: connection failed: ConnectError: [Errno
    -2] Name or service not known": the first request to a site is its robots.txt, but no
    connection could be made at all, which is what the user needs to hear, in words."""
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert reason_of(f"http://127.0.0.1:{port}/feed.xml") == (
        f"the server refused the connection (nothing answers at 127.0.0.1:{port})"
    )
    # No DNS query from a test: the error as httpx raises it.
    import httpx

    from reader.fetch.http import _transport_words

    lookup = httpx.ConnectError("[Errno -2] Name or service not known")
    assert _transport_words(lookup, "https://no-such-host.example/feed.xml") == (
        "no such host: no-such-host.example (its name could not be found in DNS)"
    )
    # Through a proxy the error is the proxy's: not put on the site's host.
    assert _transport_words(lookup, "").startswith("connection failed: ConnectError: ")


def test_https_to_a_plain_http_server_says_the_secure_connection_failed(no_proxies, server):
    reason = reason_of(server.url("/page").replace("http://", "https://"))

    assert "the secure (TLS) connection failed: " in reason and "[SSL:" not in reason


def test_a_body_shorter_than_its_content_length_is_said_to_be_cut_short(no_proxies, server):
    def short(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "1000")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(b"<p>only a bit</p>")
        handler.close_connection = True

    server.route("/short", short)
    with HttpClient(settings()) as client:
        with pytest.raises(FetchFailed) as caught:
            client.get(server.url("/short"))

    reason = caught.value.reason  # (the fixture may add its own bytes after ours: not exactly 17)
    assert reason.startswith("the response was cut short: ") and reason.endswith(
        " of the 1,000 bytes the server announced came"
    )
    assert caught.value.transient  # asked again next run


def test_a_compression_reader_did_not_ask_for_is_named(no_proxies, server):
    server.route("/br", Reply(b"abcd", headers={"Content-Encoding": "br"}))
    with HttpClient(settings()) as client:
        with pytest.raises(FetchFailed) as caught:
            client.get(server.url("/br"))

    assert caught.value.reason.startswith("the server compressed the response as 'br', which reader cannot read")


def test_feeds_are_not_backed_off_for_runs_made_while_offline(no_proxies, monkeypatch):
    """A night of cron runs on a laptop offline backed every feed off for up to a day: back
    online, `reader fetch` said "2 failing feeds skipped until tomorrow" and fetched nothing."""
    import socket

    from reader.fetch import fetch
    from reader.fetch.subscriptions import add_subscription

    def offline(*_args, **_kwargs):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    for url in ("http://news-a.example/rss", "http://news-b.example/rss"):
        add_subscription(url)
    for _run in range(4):
        report = fetch(settings=settings())
        assert [(f.status, f.kind, f.failures) for f in report.feeds] == [("failed", "dns", 0)] * 2
    assert "could not look up news-a.example: no answer from DNS (offline?)" in report.summary()


def test_a_feed_whose_host_alone_cannot_be_looked_up_still_backs_off(no_proxies, monkeypatch, server):
    import socket

    from http_fixture import rss
    from reader.fetch import fetch
    from reader.fetch.subscriptions import add_subscription

    real = socket.getaddrinfo

    def lookup(host, *args, **kwargs):
        if host == "news-a.example":
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    server.route("/rss", Reply(rss("Feed", []), content_type="application/rss+xml"))
    add_subscription("http://news-a.example/rss")
    add_subscription(server.url("/rss"))
    runs = [{f.url: (f.status, f.failures) for f in fetch(settings=settings(), force=False).feeds} for _ in range(3)]
    assert [run["http://news-a.example/rss"] for run in runs] == [("failed", 1), ("failed", 2), ("not-due", 2)]


@pytest.mark.parametrize("robots_cached", [True, False], ids=["robots-cached", "robots-refused-too"])
def test_a_refused_connection_is_not_tried_again_and_its_host_and_port_are_left_for_the_run(no_proxies, robots_cached):
    """A refused connection was retried `retries` times with backoff (1 + 2 s for each URL of a
    server that is down, "trying again" said twice each): it is a definite answer, which curl's
    --retry and wget do not retry without --retry-connrefused. The host's other URLs are not asked
    in that run: deferred, with no failure of their own. The same when the refusal met is the
    robots.txt's (not cached): each URL of the host failed `refused` then, each a failure counted."""
    import socket
    import time

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        origin = f"http://127.0.0.1:{probe.getsockname()[1]}"
    retried: list[str] = []
    # Read earlier today (no rules), or not read yet: asked first, and refused.
    robots = {origin: {"at": time.time(), "text": None}} if robots_cached else {}
    with HttpClient(
        HttpSettings(connect_timeout=2, retries=2, backoff=0.01, host_delay=0),
        robots_cache=robots,
        on_retry=lambda url, why, attempt, attempts: retried.append(url),
    ) as client:
        with pytest.raises(FetchFailed) as first:
            client.get(origin + "/world.xml")
        with pytest.raises(FetchFailed) as second:
            client.get(origin + "/politics.xml")
        requests = client.requests

    assert (first.value.kind, first.value.asked) == ("refused", True)
    assert (second.value.kind, second.value.asked, second.value.url) == ("deferred", False, origin + "/politics.xml")
    assert second.value.reason == f"not asked: {origin[7:]} refused a connection earlier in this run"
    assert requests == 1 and retried == []


def test_a_refusal_on_one_port_leaves_the_hosts_other_ports_alone(no_proxies, server):
    """http://example.com refused (port 80 closed) says nothing of https://example.com: the
    endpoint refused is its host and port, not its host."""
    import socket
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    robots = {closed: {"at": time.time(), "text": None}, server.url("/")[:-1]: {"at": time.time(), "text": None}}
    with HttpClient(settings(), robots_cache=robots) as client:
        with pytest.raises(FetchFailed):
            client.get(closed + "/feed.xml")
        assert client.get(server.url("/page")).body == b"<p>hello</p>"


# -- redirects to names that resolve into a private network --------------------------------------


def fake_resolver(monkeypatch, names: dict, asked: list[str] | None = None):
    """socket.getaddrinfo answering `names` (name -> addresses, or a list of answers in turn, or
    an OSError to raise); an address is answered as itself (no network: any other name fails)."""
    import ipaddress
    import socket

    real = socket.getaddrinfo

    def lookup(host, port, *args, **kwargs):
        host = host.decode() if isinstance(host, bytes) else host
        if asked is not None:
            asked.append(host)
        if host in names:
            answer = names[host]
            if isinstance(answer, list) and answer and isinstance(answer[0], list):
                answer = answer.pop(0) if len(answer) > 1 else answer[0]
            if isinstance(answer, OSError):
                raise answer
            return [
                (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port or 0))
                for a in answer
            ]
        ipaddress.ip_address(host)  # a name this test did not expect: never looked up for real
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)


@pytest.mark.parametrize(
    ("addresses", "kind", "shown"),
    [
        (["127.0.0.1"], "loopback", "127.0.0.1"),
        (["169.254.169.254"], "link-local", "169.254.169.254"),
        (["10.0.0.5"], "private", "10.0.0.5"),
        (["93.184.215.14", "169.254.169.254"], "link-local", "169.254.169.254"),  # every address is checked
        (["::1"], "loopback", "::1"),
    ],
)
def test_a_redirect_from_the_web_to_a_name_resolving_into_a_network_is_refused(monkeypatch, addresses, kind, shown):
    """Only an address written as one was refused: `http://evil.example/` resolving to 127.0.0.1 or
    169.254.169.254 (a cloud's metadata service) was followed from any feed on the web."""
    from reader.fetch.http import _check_redirect

    fake_resolver(monkeypatch, {"evil.example": addresses})
    check = _check_redirect("http://feeds.example.com/rss", "http://evil.example/latest", peer="93.184.215.14")
    assert (check.refused, check.address) == (kind, shown)


def test_a_refused_redirect_to_a_name_is_never_asked_and_says_where_it_resolved(no_proxies, server, monkeypatch):
    """The same through a fetch: the feed's server (on the web, as its connection says) sends reader
    to a name resolving to this machine; the reason names the address, and nothing is asked there."""
    import reader.fetch.http as http

    port = server.url("/").split(":")[2].rstrip("/")
    fake_resolver(monkeypatch, {"evil.example": ["127.0.0.1"]})
    monkeypatch.setattr(http, "_peer_address", lambda response: "93.184.215.14")
    server.route("/feed.xml", Reply(status=302, headers={"Location": f"http://evil.example:{port}/secret"}))

    with HttpClient(settings()) as client, pytest.raises(FetchFailed) as caught:
        client.get(server.url("/feed.xml"))

    assert caught.value.kind == "redirects"
    assert caught.value.reason == (
        f"redirected to http://evil.example:{port}/secret, which resolves to 127.0.0.1, "
        "an address of this machine (loopback): another host may not send reader there"
    )
    assert server.hits("/secret") == 0


def test_a_redirect_connects_to_the_address_it_checked_not_to_a_second_lookup(no_proxies, server, monkeypatch):
    """A rebinding DNS answers a public address to the check and 127.0.0.1 (or a router's) to the
    connection: the name is looked up once, and the request goes to the address checked, with the
    name as its Host."""
    port = server.url("/").split(":")[2].rstrip("/")
    looked_up: list[str] = []
    # First the address checked (the test server, this machine, which the test server may send
    # reader to), then an address nothing should ever connect to.
    fake_resolver(monkeypatch, {"moved.example": [["127.0.0.1"], ["10.255.255.1"]]}, looked_up)
    server.route("/feed.xml", Reply(status=301, headers={"Location": f"http://moved.example:{port}/new.xml"}))
    server.route("/new.xml", Reply(b"<rss/>", content_type="application/rss+xml"))

    with HttpClient(settings()) as client:
        response = client.get(server.url("/feed.xml"))

    assert response is not None and response.body == b"<rss/>"
    assert response.url == f"http://moved.example:{port}/new.xml"
    assert response.moved == f"http://moved.example:{port}/new.xml"
    assert looked_up.count("moved.example") == 1
    assert server.requests("/new.xml")[0]["Host"] == f"moved.example:{port}"


def test_requests_pinned_to_checked_addresses_keep_their_connection(no_proxies, server, monkeypatch):
    """A feed that redirected (http -> https, to another name) has its pages asked at the addresses
    checked: on one kept connection, as before pinning, not a new connection (a TLS handshake) each."""
    port = server.url("/").split(":")[2].rstrip("/")
    fake_resolver(monkeypatch, {"moved.example": ["127.0.0.1"]})
    connections: list[tuple] = []

    def article(handler):
        connections.append(handler.client_address)
        return Reply("<p>hello</p>")

    server.route("/feed.xml", Reply(status=301, headers={"Location": f"http://moved.example:{port}/new.xml"}))
    server.route("/new.xml", article)
    server.route("/article", article)

    with HttpClient(settings()) as client:
        client.get(server.url("/feed.xml"))
        for _ in range(3):
            client.get(f"http://moved.example:{port}/article")

    assert len(connections) == 4 and len(set(connections)) == 1


def test_two_names_pinned_to_one_address_never_share_a_connection(no_proxies, server, monkeypatch):
    """A CDN's address serves many names: a connection opened for one (its TLS server name) is not
    used for another's requests."""
    port = server.url("/").split(":")[2].rstrip("/")
    fake_resolver(monkeypatch, {"one.example": ["127.0.0.1"], "two.example": ["127.0.0.1"]})
    connections: dict[str, set] = {"one.example": set(), "two.example": set()}

    def article(handler):
        connections[handler.headers["Host"].split(":")[0]].add(handler.client_address)
        return Reply("<p>hello</p>")

    for name in connections:
        server.route(f"/{name}", Reply(status=302, headers={"Location": f"http://{name}:{port}/article"}))
    server.route("/article", article)

    with HttpClient(settings()) as client:
        for _ in range(2):
            for name in connections:
                client.get(server.url(f"/{name}"))

    assert connections["one.example"] and connections["two.example"]
    assert not connections["one.example"] & connections["two.example"]


def test_a_redirect_checks_its_sender_where_it_connected_not_by_a_new_lookup(monkeypatch):
    """The sender's network was its name looked up again: a rebinding DNS answering 10.0.0.5 made a
    feed on the web look like one on the user's network, free to send reader into it."""
    from reader.fetch.http import _check_redirect

    fake_resolver(monkeypatch, {"feeds.example.com": ["10.0.0.5"]})
    assert (
        _check_redirect("http://feeds.example.com/rss", "http://10.0.0.1/", peer="93.184.215.14").refused == "private"
    )
    # ... and a same-host redirect whose name now resolves to this machine
    fake_resolver(monkeypatch, {"feeds.example.com": ["127.0.0.1"]})
    check = _check_redirect("http://feeds.example.com/rss", "http://feeds.example.com:8080/", peer="93.184.215.14")
    assert check.refused == "loopback"


@pytest.mark.parametrize(
    ("peer", "target", "addresses"),
    [
        ("192.168.1.5", "http://nas.lan/feed", ["192.168.1.6"]),  # a LAN feed within the LAN, by name
        ("192.168.1.5", "http://nas.lan/feed", ["127.0.0.1"]),  # ... to this machine
        ("127.0.0.1", "http://nas.lan/feed", ["10.0.0.7", "fd00::7"]),
        ("93.184.215.14", "https://cdn.example.net/feed", ["93.184.215.20", "2606:2800:220:1::20"]),
    ],
)
def test_a_redirect_to_a_name_that_may_be_followed_is_pinned_to_its_addresses(monkeypatch, peer, target, addresses):
    from reader.fetch.http import _check_redirect

    fake_resolver(monkeypatch, {"nas.lan": addresses, "cdn.example.net": addresses})
    check = _check_redirect("http://feeds.example.com/rss", target, peer=peer)
    assert (check.refused, check.pinned) == (None, tuple(addresses))


def test_a_link_local_name_is_refused_even_from_the_users_network(monkeypatch):
    from reader.fetch.http import _check_redirect

    fake_resolver(monkeypatch, {"metadata.internal": ["169.254.169.254"]})
    check = _check_redirect(
        "http://192.168.1.5/feed", "http://metadata.internal/computeMetadata/v1/", peer="192.168.1.5"
    )
    assert check.refused == "link-local"


def test_a_redirect_to_a_name_that_does_not_resolve_says_so(no_proxies, server, monkeypatch):
    import socket

    port = server.url("/").split(":")[2].rstrip("/")
    fake_resolver(monkeypatch, {"gone.example": socket.gaierror(socket.EAI_NONAME, "Name or service not known")})
    server.route("/feed.xml", Reply(status=302, headers={"Location": f"http://gone.example:{port}/x"}))

    with HttpClient(settings()) as client, pytest.raises(FetchFailed) as caught:
        client.get(server.url("/feed.xml"))

    assert (caught.value.kind, caught.value.reason) == (
        "dns",
        "no such host: gone.example (its name could not be found in DNS)",
    )
