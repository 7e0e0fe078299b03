"""One outlet for the sections of one site: https://example.com/world/rss ("Example News - World")
and https://example.com/politics/rss ("Example News - Politics") are Example News, not two outlets,
when neither the user nor the outlets registry names it. No UI imports."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable
from urllib.parse import urlsplit

# Hosts that serve the feeds of many unrelated outlets or authors: one host is no one outlet there.
SHARED_HOSTS = frozenset(
    """feeds.feedburner.com feedburner.com feedproxy.google.com news.google.com medium.com substack.com
    youtube.com reddit.com tumblr.com wordpress.com blogspot.com rss.app feeds.megaphone.fm anchor.fm
    github.com x.com twitter.com mastodon.social bsky.app""".split()
)
# Prefixes that name a host's feed server, not another site: feeds.example.com is example.com.
_FEED_HOST_PREFIXES = ("www.", "feeds.", "feed.", "rss.", "m.")
# What parts a feed's title into the outlet and the section: "BBC News - World", "World | The
# Guardian", "Example News: Politics", "Le Monde » International".
_SEPARATORS = re.compile(r"\s+[-–—|·•»:]+\s+|\s*[|»•·]\s*|:\s+")


@lru_cache(maxsize=8192)
def site_of(url: str) -> str:
    """The site a feed URL belongs to: its host (and port, when it names one), lower case,
    without www., feeds. and the like ("" when it has none). Cached: shared_outlet asks it of
    every subscription for each feed, and 2,000 feeds made `reader feed list` take two minutes."""
    try:
        parts = urlsplit(url)
        host, port = (parts.hostname or "").lower().rstrip("."), parts.port
    except ValueError:
        return ""
    for prefix in _FEED_HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    return f"{host}:{port}" if host and port else host


def is_one_outlet(site: str) -> bool:
    """Whether the feeds of `site` (as site_of gives it) may be sections of one outlet: not when
    it has no host, nor on a platform of many outlets (feedburner.com, medium.com, …)."""
    return bool(site) and site not in SHARED_HOSTS and not any(site.endswith("." + host) for host in SHARED_HOSTS)


def _parts(title: str) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(title) if part.strip()]


def common_part(titles: list[str]) -> str | None:
    """The part every title has, between its separators ("BBC News" of "BBC News - World" and
    "BBC News - Politics"), the longest when several; None when they share none."""
    if not titles:
        return None
    keyed = [{part.casefold(): part for part in _parts(title)} for title in titles]
    shared = set(keyed[0]).intersection(*keyed[1:])
    if not shared:
        return None
    best = max(shared, key=lambda key: (len(key), key))
    return keyed[0][best]


class Siblings(list):
    """Every subscription's (url, outlet given, title), as shared_outlet reads them, with the
    members of each site found once: shared_outlet went through the whole list for each feed,
    and `reader feed list` of 2,000 feeds spent 2 s there (10,000: 50 s). Not to be changed
    once read (siblings_of makes a new one for each look)."""

    _by_site: dict[str, list[tuple[str, str | None, str | None]]] | None = None

    def of_site(self, site: str) -> list[tuple[str, str | None, str | None]]:
        if self._by_site is None:
            by_site: dict[str, list[tuple[str, str | None, str | None]]] = {}
            for member in self:
                by_site.setdefault(site_of(member[0]), []).append(member)
            self._by_site = by_site
        return self._by_site.get(site, [])


def shared_outlet(feed_url: str, subscriptions: Iterable[tuple[str, str | None, str | None]]) -> str | None:
    """The outlet of the feed at `feed_url` as one of its site's sections, among `subscriptions`
    (url, the outlet the user gave or None, the feed's title or None): the outlet the user gave
    another feed of the site, else the part of the title all the site's feeds share, else the
    site's host. None when no other subscription is on its site (or the site is a platform of
    many outlets, such as feedburner.com)."""
    site = site_of(feed_url)
    if not is_one_outlet(site):
        return None
    if isinstance(subscriptions, Siblings):
        members = subscriptions.of_site(site)
    else:
        members = [(url, outlet, title) for url, outlet, title in subscriptions if site_of(url) == site]
    if len({url for url, _outlet, _title in members} | {feed_url}) < 2:
        return None
    given = next((outlet for _url, outlet, _title in members if outlet), None)
    if given:
        return given
    titles = [title for _url, _outlet, title in members if title]
    found = common_part(titles) if len(titles) >= 2 else None
    if found:
        return found
    # Every title known, and they share nothing ("World", "Politics"): the site is the outlet.
    # A feed whose title is not known yet (added with --no-check, never fetched) leaves the
    # decision to its first fetch.
    return site if len(titles) == len(members) else None
