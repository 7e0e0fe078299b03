"""Canonical article URLs: the key that finds the same article behind different links."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

# Query parameters that only say where a click came from; dropping them never changes the page.
TRACKING_PARAMS = frozenset(
    """fbclid gclid dclid gbraid wbraid msclkid yclid igshid mc_cid mc_eid _ga _gl _hsenc _hsmi
    ocid cmpid smid smtyp ref ref_src ref_url src_trk rss ito itm_source itm_medium itm_campaign
    itm_content at_medium at_campaign at_custom1 at_custom2 at_custom3 at_custom4 guccounter
    guce_referrer guce_referrer_sig mkt_tok vero_id oly_enc_id oly_anon_id wt_mc __twitter_impression
    share spm cid_source sr_share""".split()
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_", "itm_", "hsa_")


def is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def _from_feed(name: str, value: str) -> bool:
    """A parameter that names the feed a link came from: Medium's "?source=rss-…", a different
    one in a writer's feed and in each publication's, so one post was two articles. "source"
    with any other value may choose what the page shows, and stays."""
    return name.lower() == "source" and value.lower().startswith("rss")


def canonical_url(url: str) -> str:
    """The URL with the scheme and host lower-cased (a name beyond ASCII in its IDNA form), the
    default port, the fragment and tracking parameters dropped, the remaining query parameters
    sorted, each escaped as urlencode does, and the path as a server reads it ("%7E" is "~",
    "%e9" is "%E9", "é" is "%C3%A9"): one article behind any spelling of its link. A query's
    escape that is no UTF-8 stays the byte it is: a Latin-1 site's "?id=%E9" and "?id=%E8" were
    both "?id=%EF%BF%BD", one key for two articles, and the second was dropped as a duplicate.
    Unparseable URLs come back as they were (stripped)."""
    key = _canonical(url, "surrogateescape")
    try:
        parts = urlsplit(key)
    except ValueError:
        return key
    return urlunsplit(parts._replace(netloc=_ascii_host(parts.netloc), path=_normal_path(parts.path)))


# What canonical_url spells otherwise before a query: a character it escapes (one beyond ASCII
# too), an escape in small letters, an escaped letter, digit, "-", ".", "_" or "~".
_RESPELLED = re.compile(
    r"[^A-Za-z0-9/%!$&'()*+,;=:@._~-]|%(?:[0-9A-Fa-f][a-f]|[a-f][0-9A-F]|2[DE]|3[0-9]|[46][1-9A-F]|[57][0-9A]|5F|7E)"
)


def spelled_apart(key: str) -> bool:
    """Whether canonical_url spells a key lossy_canonical_url made otherwise (its host or path):
    a cheap test, for every key of a state at each load."""
    host, _slash, path = key.partition("?")[0].partition("://")[2].partition("/")
    return not host.isascii() or _RESPELLED.search(path) is not None


def lossy_canonical_url(url: str) -> str:
    """canonical_url as readers before it kept bytes made it, each escape that is no UTF-8 read
    as U+FFFD ("%EF%BF%BD"): the keys their fetch states hold, which store.py migrates."""
    return _canonical(url, "replace")


# What lossy_canonical_url made of a query's escape that is no UTF-8.
LOST_BYTE = "%EF%BF%BD"


def _canonical(url: str, undecodable: str) -> str:
    """canonical_url's work; `undecodable`: what becomes of a query's escape that is no UTF-8
    ("surrogateescape": its own byte, kept; "replace": U+FFFD, the keys of older readers)."""
    text = (url or "").strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if port and not (scheme == "http" and port == 80 or scheme == "https" and port == 443):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True, errors=undecodable)
        if not is_tracking(k) and not _from_feed(k, v)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(sorted(query), errors=undecodable), ""))


_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")


def _normal_path(path: str) -> str:
    """The path as RFC 3986 compares it: an escaped unreserved character unescaped ("%7E" is "~"),
    the other escapes in capitals, a character beyond ASCII escaped as UTF-8 ("é" is "%C3%A9", as
    it is sent). An escaped "/" or "?" stays escaped: it means something else."""

    def unescape(match: re.Match) -> str:
        char = chr(int(match[1], 16))
        return char if char in _UNRESERVED else f"%{match[1].upper()}"

    return quote(_ESCAPE.sub(unescape, path), safe="/%!$&'()*+,;=:@-._~")


def feed_key(url: str) -> str:
    """What tells two subscriptions apart: the canonical URL, its path compared as a server reads
    it (https://example.com/caf%C3%A9 and https://example.com/café were two subscriptions of one
    feed). A query's escape that is no UTF-8 stays the byte it is: "?cat=%E9" and "?cat=%E8"
    (Latin-1 "é" and "è", an older site's categories) were both "?cat=%EF%BF%BD", one
    subscription of two feeds."""
    return canonical_url(url)


def _ascii_host(netloc: str) -> str:
    """The host as it is looked up: a name beyond ASCII in its IDNA form ("café.example" is
    "xn--caf-dma.example", two subscriptions of one feed); as it was when it has none."""
    if netloc.isascii():
        return netloc
    host, colon, port = netloc.rpartition(":") if netloc.rpartition(":")[2].isdigit() else (netloc, "", "")
    try:
        ascii_host = host.encode("idna").decode("ascii")
        # Python's IDNA is 2003's, which maps "straße" to "strasse", another domain under IDNA
        # 2008: only a name that comes back from its ASCII form is one with it.
        same = ascii_host.encode("ascii").decode("idna") == host
    except UnicodeError:  # a label too long, or empty: no name a server answers to
        return netloc
    return ascii_host + colon + port if same else netloc


def host_key(url: str) -> str:
    """What politeness limits count by: the host and port of a URL ("" when it has none)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        return f"{host}:{parts.port}" if parts.port else host
    except ValueError:
        return ""


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on the same site (equal hosts, or one a subdomain of the other, "www."
    ignored): a page may name its canonical URL only on its own site."""
    try:
        ha, hb = ((urlsplit(u).hostname or "").removeprefix("www.") for u in (a, b))
    except ValueError:
        return False
    if not ha or not hb:
        return False
    return ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha)
