"""A feed entry's link straight into a private, loopback or link-local network (a cloud's metadata
service, the user's router, a service on this machine) is not asked for unless the feed itself is
served from such a network: a hostile feed on the web could otherwise have reader read them and
store the reply as an article. Against a real HTTP server on 127.0.0.1, with a fake resolver (no
network): the feed's server "is on the web" because its connection's address says so."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest

import reader.fetch.http as http
from http_fixture import Reply, page, quick_settings, rss
from reader.fetch import fetch
from reader.fetch.store import ArticleStore
from reader.fetch.subscriptions import add_subscription
from test_fetch_network import fake_resolver

TITLE = "Harbour deal reached after night of talks"
TEXT = ["The council and the port authority agreed on Tuesday to rebuild the harbour wall before the storms."]
LONG_TEXT = " ".join(["The council and the port authority agreed to rebuild the harbour wall."] * 12)
WEB_ADDRESS = "93.184.215.14"  # where the feed's answer "came from": an address on the web


def serve_feed(server, links: list[str], *, description: str = "") -> None:
    items = [{"title": f"{TITLE} {n}", "link": link, "description": description} for n, link in enumerate(links)]
    server.route("/feed.xml", Reply(rss("Harbour News", items), content_type="application/rss+xml"))


@pytest.fixture
def feed_on_the_web(server, monkeypatch):
    """The feed at http://news.example:PORT/feed.xml, its answers coming from an address on the web;
    `evil.example` resolves to this machine; "/secret" is what a private link would read."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    fake_resolver(monkeypatch, {"news.example": ["127.0.0.1"], "evil.example": ["127.0.0.1"]})
    monkeypatch.setattr(http, "_peer_address", lambda response: WEB_ADDRESS)
    server.route("/secret", Reply(page("Instance credentials", ["AccessKeyId and SecretAccessKey of this machine."])))
    port = server.url("/").split(":")[2].rstrip("/")
    return f"http://news.example:{port}/feed.xml", port


PRIVATE_LINKS = [
    ("http://127.0.0.1:{port}/secret", "127.0.0.1"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://evil.example:{port}/secret", "which resolves to 127.0.0.1"),
    ("http://localhost.:{port}/secret", "loopback"),
    ("http://2130706433:{port}/secret", "loopback"),  # 127.0.0.1 in decimal
    ("http://0x7f.1:{port}/secret", "loopback"),  # in hex, two parts
    ("http://0177.0.0.1:{port}/secret", "loopback"),  # in octal
    ("http://0.0.0.0:{port}/secret", "loopback"),
    ("http://[::1]:{port}/secret", "loopback"),
    ("http://[::ffff:127.0.0.1]:{port}/secret", "loopback"),
    ("http://[fe80::1]:{port}/secret", "link-local"),
    ("http://[fd00::1]:{port}/secret", "private network"),
    ("http://10.0.0.1/admin", "private network"),
]


@pytest.mark.parametrize(("link", "said"), PRIVATE_LINKS)
def test_a_feed_on_the_web_linking_into_a_private_network_is_not_followed(server, feed_on_the_web, link, said):
    feed_url, port = feed_on_the_web
    link = link.format(port=port)
    serve_feed(server, [link])
    add_subscription(feed_url)

    report = fetch(settings=quick_settings())

    assert server.hits("/secret") == 0 and report.articles == []
    [failure] = report.failures
    assert (failure.url, failure.feed, failure.kind, failure.status) == (link, feed_url, "private_network", None)
    assert failure.reason.startswith(f"skipped: link points into a private network ({link}")
    assert said in failure.reason
    # Not asked again on the next run (the entry is noted as gone until it changes).
    assert fetch(settings=quick_settings(), force=True).failures == []
    assert server.hits("/secret") == 0


def test_a_private_link_whose_feed_carries_the_text_keeps_that_text_and_says_why(server, feed_on_the_web):
    feed_url, port = feed_on_the_web
    serve_feed(server, [f"http://127.0.0.1:{port}/secret"], description=LONG_TEXT)
    add_subscription(feed_url)

    report = fetch(settings=quick_settings())

    assert server.hits("/secret") == 0
    [article] = report.articles
    assert "harbour wall" in article.path.read_text(encoding="utf-8")
    assert [f.kind for f in report.failures] == ["private_network"]


def test_the_skipped_link_is_said_on_the_command_line_and_in_json(server, feed_on_the_web, reader_in_process):
    feed_url, port = feed_on_the_web
    link = f"http://[::ffff:127.0.0.1]:{port}/secret"
    serve_feed(server, [link])
    reader_in_process("feed", "add", feed_url, "--no-check", "--outlet", "Harbour News")

    done = reader_in_process("fetch", check=False)
    assert f"skipped {link} (an entry of {feed_url}): link points into a private network" in done.stderr
    assert "failed" not in done.stderr

    serve_feed(server, [link.replace("/secret", "/secret?again")])
    listed = json.loads(reader_in_process("fetch", "--all", "--json", check=False).stdout)
    [failure] = listed["failed"]
    assert (failure["kind"], failure["feed"]) == ("private_network", feed_url)
    assert failure["reason"].startswith("skipped: link points into a private network")
    assert server.hits("/secret") == 0


def test_a_feed_on_the_users_own_network_has_its_pages_there_fetched(server, monkeypatch):
    """A home server's feed (by its address, here this machine's) lists pages on this machine, by
    address, as localhost or by a name resolving there: all fetched, as before."""
    fake_resolver(monkeypatch, {"localhost": ["127.0.0.1"], "nas.lan": ["127.0.0.1"]})
    port = server.url("/").split(":")[2].rstrip("/")
    links = [f"http://{host}:{port}/news/{n}" for n, host in enumerate(["127.0.0.1", "localhost", "nas.lan"])]
    for n in range(3):
        server.route(f"/news/{n}", Reply(page(f"{TITLE} {n}", [f"{TEXT[0]} Part {n}."])))
    serve_feed(server, links)
    add_subscription(server.url("/feed.xml"))

    report = fetch(settings=quick_settings())

    assert report.failures == [] and len(report.articles) == 3
    assert [server.hits(f"/news/{n}") for n in range(3)] == [1, 1, 1]


def test_a_link_to_a_name_is_asked_at_the_address_checked_not_at_a_second_lookup(server, monkeypatch):
    """A rebinding DNS answers the check with one address and the connection with another: the
    link's name is looked up once, and the request goes to the address checked."""
    looked_up: list[str] = []
    # The address checked (this machine, where the feed is too), then one nothing may connect to.
    fake_resolver(monkeypatch, {"nas.lan": [["127.0.0.1"], ["10.255.255.1"]]}, looked_up)
    port = server.url("/").split(":")[2].rstrip("/")
    server.route("/news/0", Reply(page(TITLE, TEXT)))
    serve_feed(server, [f"http://nas.lan:{port}/news/0"])
    add_subscription(server.url("/feed.xml"))

    report = fetch(settings=quick_settings())

    assert report.failures == [] and len(report.articles) == 1
    assert looked_up.count("nas.lan") == 1
    assert server.requests("/news/0")[0]["Host"] == f"nas.lan:{port}"
    assert ArticleStore().record(f"http://nas.lan:{port}/news/0") is not None


def test_a_link_local_feed_may_not_send_reader_onto_the_users_private_network(monkeypatch):
    """Only a link-local sender may lead to a link-local address, and only the user's own networks
    (this machine, a private one) among themselves: a device on the link is no part of them."""
    from reader.fetch.http import HttpClient, Response

    feed = Response("http://[fe80::5]/feed.xml", 200, b"", "", None, None, None, peer="fe80::5")
    with HttpClient(quick_settings()) as client, pytest.raises(http.FetchFailed) as caught:
        client.get("http://10.0.0.1/page", listed_by=feed)
    assert caught.value.kind == "private_network"


def test_feed_add_reads_no_site_name_from_a_private_link(server, feed_on_the_web, monkeypatch):
    """`feed add` reads the site's name from its first entry's page on its site: a name of the
    site that resolves to this machine is not asked either."""
    from reader.fetch import add_feed

    feed_url, port = feed_on_the_web
    fake_resolver(monkeypatch, {"news.example": ["127.0.0.1"], "intranet.news.example": ["127.0.0.1"]})
    serve_feed(server, [f"http://intranet.news.example:{port}/secret"])

    add_feed(feed_url)

    assert server.hits("/feed.xml") == 1 and server.hits("/secret") == 0


def _names_only(looked_up: list[str]) -> list[str]:
    """The names among what was looked up (an address, as the proxy's, is not a lookup)."""
    import ipaddress

    def is_address(host: str) -> bool:
        try:
            ipaddress.ip_address(host)
        except ValueError:
            return False
        return True

    return [host for host in looked_up if not is_address(host)]


def test_through_a_proxy_no_name_is_looked_up_and_written_addresses_are_still_refused(monkeypatch):
    """Behind a proxy, each page of a feed looked its feed's name and its own up on this machine:
    a lookup the user's network may not allow (only the proxy resolves names), and a leak of where
    reader goes. Now no name is; a link whose URL is a private address is still refused."""
    from reader.fetch.http import HttpClient, Response

    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # never asked: only the checks run
    looked_up: list[str] = []
    fake_resolver(monkeypatch, {}, looked_up)  # any name fails, and is recorded
    feed = Response("http://news.example/feed.xml", 200, b"", "", None, None, None, peer=None)

    with HttpClient(quick_settings()) as client:
        for n in range(3):
            client._check_link(feed, f"http://cdn.example/news/{n}")
            client._check_link(feed, f"http://evil.example/secret/{n}")  # the proxy's to resolve
        for link in ("http://127.0.0.1/secret", "http://169.254.169.254/latest/", "http://localhost/", "http://[::1]/"):
            with pytest.raises(http.FetchFailed) as caught:
                client._check_link(feed, link)
            assert caught.value.kind == "private_network"
        redirect = client._redirect_check("http://news.example/a", "http://elsewhere.example/b", None)

    assert not redirect.refused and not redirect.pinned
    assert looked_up == []


def test_a_feed_fetched_through_a_proxy_looks_no_name_up_here(server, monkeypatch):
    """End to end through a local forward proxy that resolves every name itself (to 127.0.0.1):
    the feed and its pages come through it, no name is looked up on this machine, and a link to
    a loopback address as written is skipped all the same."""
    import threading
    import urllib.request
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import urlsplit

    asked: list[str] = []

    class Forward(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            parts = urlsplit(self.path)
            direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            try:
                with direct.open(f"http://127.0.0.1:{parts.port}{parts.path}", timeout=5) as answer:
                    status, body, kind = answer.status, answer.read(), answer.headers.get("Content-Type", "")
            except urllib.error.HTTPError as refused:
                status, body, kind = refused.code, b"", "text/plain"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    proxy = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
            monkeypatch.delenv(name, raising=False)
            monkeypatch.delenv(name.lower(), raising=False)
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.server_address[1]}")
        looked_up: list[str] = []
        fake_resolver(monkeypatch, {}, looked_up)
        port = server.url("/").split(":")[2].rstrip("/")
        server.route("/news/1", Reply(page(TITLE, [LONG_TEXT])))
        server.route("/secret", Reply(page("Instance credentials", ["AccessKeyId of this machine."])))
        serve_feed(server, [f"http://cdn.example:{port}/news/1", f"http://127.0.0.1:{port}/secret"])
        add_subscription(f"http://news.example:{port}/feed.xml")

        report = fetch(settings=quick_settings())
    finally:
        proxy.shutdown()
        proxy.server_close()

    assert _names_only(looked_up) == []
    assert len(report.articles) == 1 and f"http://cdn.example:{port}/news/1" in asked
    assert [failure.kind for failure in report.failures] == ["private_network"]
    assert server.hits("/secret") == 0


def test_the_pages_of_many_hosts_share_one_tls_setup(server, monkeypatch):
    """Every page's host is asked at the addresses checked, each name with a client of its own:
    each built its own TLS context (the system's certificates read again, ~85 ms and ~850 KB a
    host, while every other request waited on the lock it was built under)."""
    names = [f"news{n}.lan" for n in range(3)]
    fake_resolver(monkeypatch, dict.fromkeys(names, ["127.0.0.1"]))
    built = []
    real_context = http.httpx.create_ssl_context
    monkeypatch.setattr(http.httpx, "create_ssl_context", lambda **kw: built.append(kw) or real_context(**kw))
    port = server.url("/").split(":")[2].rstrip("/")
    for n in range(3):
        server.route(f"/news/{n}", Reply(page(f"{TITLE} {n}", [f"{TEXT[0]} Part {n}."])))
    serve_feed(server, [f"http://{name}:{port}/news/{n}" for n, name in enumerate(names)])
    add_subscription(server.url("/feed.xml"))

    report = fetch(settings=quick_settings())

    assert report.failures == [] and len(report.articles) == 3
    assert len(built) == 1


def test_through_a_proxy_links_to_the_feeds_own_host_look_no_name_up(monkeypatch):
    """Through a proxy, which looks names up itself, a feed's pages on its own host are asked as
    the feed was: no name is looked up here (each feed looked its own name up, unused, and where
    only the proxy resolves names, waited for the resolver to give up)."""
    from reader.fetch.http import HttpClient, Response

    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # never asked: only the checks run
    looked_up: list[str] = []
    fake_resolver(monkeypatch, {"news.example": OSError("no answer")}, looked_up)
    feed = Response("http://news.example/feed.xml", 200, b"", "", None, None, None, peer=None)

    with HttpClient(quick_settings()) as client:
        client._check_link(feed, "http://news.example/news/1")

    assert looked_up == []


def test_feed_add_follows_no_feed_link_of_a_page_on_the_web_into_a_private_network(server, feed_on_the_web):
    """`feed add PAGE` follows the feed links the page names: a page on the web naming its feed at
    169.254.169.254 or 127.0.0.1 had reader ask there (and subscribe to what answered as a feed)."""
    from reader.fetch import FetchFailed, add_feed

    _feed_url, port = feed_on_the_web
    server.route("/secret-feed.xml", Reply(rss("Instance credentials", []), content_type="application/rss+xml"))
    alternate = f'<link rel="alternate" type="application/rss+xml" href="http://127.0.0.1:{port}/secret-feed.xml">'
    server.route("/home", Reply(f"<html><head>{alternate}</head><body><p>Harbour News</p></body></html>"))

    with pytest.raises(FetchFailed) as caught:
        add_feed(f"http://news.example:{port}/home")

    assert caught.value.kind == "private_network"
    assert caught.value.reason.startswith("the feed the page names is not asked: link points into a private network")
    assert server.hits("/home") == 1 and server.hits("/secret-feed.xml") == 0


def test_pages_never_asked_are_said_as_not_asked_not_as_failed(server, feed_on_the_web, reader_in_process, monkeypatch):
    """`feed list` said "the last pages asked: all 2 failed" of a feed whose links into a private
    network were never asked, and `fetch` "2 pages failed": each count now says what happened."""
    feed_url, port = feed_on_the_web
    private = [f"http://127.0.0.1:{port}/secret", "http://169.254.169.254/latest/meta-data/"]
    serve_feed(server, private)
    reader_in_process("feed", "add", feed_url, "--no-check", "--outlet", "Harbour News")

    done = reader_in_process("fetch", check=False)

    assert "2 pages not asked" in done.stdout and "failed" not in done.stdout
    line = reader_in_process("feed", "list").stdout
    assert "ok; the last pages: 2 not asked (skipped: link points into a private network" in line
    assert "failed" not in line
    [listed] = json.loads(reader_in_process("feed", "list", "--json").stdout)
    noted = listed["pages_failed"]
    assert (noted["failed"], noted["of"], noted["not_asked"]) == (0, 0, 2)
    assert noted["not_asked_reason"].startswith("skipped: link points into a private network")

    # One page asked that failed beside them (its host's name has no address): both said, each true.
    fake_resolver(monkeypatch, {"news.example": ["127.0.0.1"], "gone.example": OSError("Name or service not known")})
    serve_feed(server, [*private, "http://gone.example/news/1", "http://10.0.0.1/admin"])
    done = reader_in_process("fetch", "--all", check=False)
    line = reader_in_process("feed", "list").stdout

    assert "1 page failed; 1 page not asked" in done.stdout
    assert "the last pages asked: all 1 failed (" in line
    assert "), 1 more not asked (skipped: link points into a private network (http://10.0.0.1/admin" in line


def test_each_pages_note_is_said_as_what_happened():
    """The note of each case, as `feed list` words it: pages asked that failed, pages refused
    before any request (robots.txt, a host that stopped answering: the rest of its pages cut
    short), both, and a note written before pages not asked were told apart."""
    from reader.fetch.run import Failure, _PagesTally, noted_pages_failed, pages_failed_words

    def said(*kinds_and_reasons: tuple[str, str] | None) -> str:
        tally = _PagesTally()
        for failure in kinds_and_reasons:
            tally.add([Failure("http://x.example/1", failure[1], failure[0])] if failure else [])
        noted = noted_pages_failed({"pages_failed": tally.noted()})
        assert noted is not None
        return pages_failed_words(noted)

    gone = ("http", "HTTP 404 Not Found")
    cut = ("deferred", "not asked: x.example timed out on 3 requests in a row in this run")
    robots = ("robots", "disallowed by the site's robots.txt")
    assert said(gone, gone) == "the last pages asked: all 2 failed (HTTP 404 Not Found)"
    assert said(gone, None) == "the last pages asked: 1 of 2 failed (HTTP 404 Not Found)"
    assert said(cut, cut) == "the last pages: 2 not asked (x.example timed out on 3 requests in a row in this run)"
    assert said(None, robots) == "the last pages: 1 not asked (disallowed by the site's robots.txt)"
    assert said(gone, robots) == (
        "the last pages asked: all 1 failed (HTTP 404 Not Found), 1 more not asked (disallowed by the site's robots.txt)"
    )
    older = {"pages_failed": {"failed": 2, "of": 3, "reason": "HTTP 404 Not Found"}}
    assert pages_failed_words(noted_pages_failed(older)) == "the last pages asked: 2 of 3 failed (HTTP 404 Not Found)"
    for damaged in ({"failed": 0, "of": 3, "reason": ""}, {"failed": 1, "of": 3, "reason": "x", "not_asked": -1}):
        assert noted_pages_failed({"pages_failed": damaged}) is None


def _proxy_environment(monkeypatch, **variables: str) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)


@pytest.mark.parametrize(
    ("variables", "url"),
    [
        ({"HTTPS_PROXY": "http://user:secret@127.0.0.1:9", "NO_PROXY": ".example.com"}, "https://example.com/a"),
        ({"HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ".example.com"}, "https://www.example.com/a"),
        ({"HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "example.com:8443"}, "https://example.com:8443/a"),
        ({"HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "example.com:8443"}, "https://example.com/a"),
        ({"https_proxy": "http://127.0.0.1:9", "no_proxy": "*.example.com"}, "https://www.example.com/a"),
        ({"ALL_PROXY": "socks5://127.0.0.1:9", "NO_PROXY": "localhost"}, "http://news.example/a"),
        ({"HTTP_PROXY": "http://127.0.0.1:9", "NO_PROXY": "*"}, "http://news.example/a"),
        ({"HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "10.0.0.0/8"}, "https://10.1.2.3/a"),
    ],
)
def test_a_url_counts_as_proxied_exactly_when_the_client_sends_it_through_the_proxy(monkeypatch, variables, url):
    """urllib's reading of NO_PROXY is not httpx's: `.example.com` exempted example.com for reader
    (its name looked up here, its pinned requests sent around the proxy) while the client asked it
    through the proxy; `example.com:8443` exempted nothing for reader while the client asked that
    port directly (a name there resolving to 127.0.0.1 not checked)."""
    import httpx

    _proxy_environment(monkeypatch, **variables)
    try:
        client = httpx.Client()
    except ImportError:  # a SOCKS proxy without socksio: as the client would take it
        client = None
    if client is not None:
        with client:
            through_proxy = client._transport_for_url(httpx.URL(url)) is not client._transport
        assert (http._proxy_variable(url) is not None) == through_proxy
    variable = http._proxy_variable(url)
    assert variable is None or "secret" not in variable


def test_both_cases_of_a_proxy_variable_set_name_the_one_used(monkeypatch):
    """With https_proxy and HTTPS_PROXY both set, the lower-case one is used (urllib's rule, which
    httpx follows): a failure through it named the other, and read the other's scheme."""
    _proxy_environment(monkeypatch, https_proxy="http://127.0.0.1:9", HTTPS_PROXY="socks5://127.0.0.1:9")

    assert http._proxy_variable("https://news.example/a") == "https_proxy"


def test_a_host_pinned_when_asked_directly_is_asked_through_the_proxy_over_https(monkeypatch):
    """Only HTTPS_PROXY set: an http:// link is asked directly, its name checked and pinned; the
    same host's https:// page (the site's redirect to https) then went to the pinned address
    directly, around the proxy the user set."""
    from reader.fetch.http import HttpClient, Response

    _proxy_environment(monkeypatch, HTTPS_PROXY="http://127.0.0.1:9")
    fake_resolver(monkeypatch, {"news.example": [WEB_ADDRESS], "cdn.example": [WEB_ADDRESS]})
    feed = Response("http://news.example/feed.xml", 200, b"", "", None, None, None, peer=WEB_ADDRESS)
    asked: list[tuple[str, tuple[str, ...]]] = []

    @contextmanager
    def stream(self, url, headers, pinned):
        asked.append((url, pinned))
        raise http.httpx.ConnectError("not sent in this test")
        yield  # pragma: no cover

    monkeypatch.setattr(HttpClient, "_stream", stream)
    with HttpClient(quick_settings()) as client:
        client._check_link(feed, "http://cdn.example/news/1")
        with pytest.raises(http.FetchFailed):
            client._request("https://cdn.example/news/1", {}, (), 1000, None)
        with pytest.raises(http.FetchFailed):
            client._request("http://cdn.example/news/1", {}, (), 1000, None)

    assert asked == [("https://cdn.example/news/1", ()), ("http://cdn.example/news/1", (WEB_ADDRESS,))]


def test_a_proxy_url_the_client_cannot_use_is_not_quoted(monkeypatch):
    """httpx's reason quoted the proxy URL, its user name in it (the password masked)."""
    from reader.fetch.http import HttpClient

    _proxy_environment(monkeypatch, HTTPS_PROXY="ftp://ann.lee:secret@127.0.0.1:9")

    with HttpClient(quick_settings()) as client, pytest.raises(http.FetchFailed) as caught:
        client.get("https://news.example/feed.xml")

    assert caught.value.kind == "proxy" and "HTTPS_PROXY" in caught.value.reason
    assert "ann.lee" not in caught.value.reason and "secret" not in caught.value.reason
