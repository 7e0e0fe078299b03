"""The registrable domain of a host, from the Public Suffix List the `tld` package ships:
news.example.co.uk and www.example.co.uk are both example.co.uk (co.uk is a public suffix),
edition.cnn.com is cnn.com, and a blog on a host that gives out names (jane.blogspot.com) is
its own. Offline only: the list is the file installed with `tld`, never fetched (tld would
fetch it when its file cannot be read; ours does not), and without it there is no answer.
"""

from __future__ import annotations

from functools import lru_cache

from tld.utils import BaseMozillaTLDSourceParser, MozillaTLDSourceParser, get_fld


class _ShippedListOnly(BaseMozillaTLDSourceParser):
    """tld's reading of its installed list, with the download it falls back on taken out."""

    uid = "reader_shipped_list_only"
    source_url = ""
    local_path = MozillaTLDSourceParser.local_path

    @classmethod
    def update_tld_names(cls, fail_silently: bool = False) -> bool:
        return False  # never fetched: the installed list or none


# Hosts that give each writer a name of their own, as blogspot.com does, but that the list does
# not name: jane.substack.com and john.substack.com are two newsletters, not one outlet substack.com.
_WRITERS_HOSTS = (
    "substack.com",
    "medium.com",
    "wordpress.com",
    "tumblr.com",
    "ghost.io",
    "beehiiv.com",
    "typepad.com",
    "livejournal.com",
    "weebly.com",
    "squarespace.com",
)


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str | None:
    """The registrable domain of `host` (an ASCII host name, xn-- labels for international ones),
    or None when the list knows no public suffix it ends in (example.test) or cannot be read."""
    try:
        found = get_fld(host, fix_protocol=True, fail_silently=True, parser_class=_ShippedListOnly)
    except Exception:  # a host it cannot take, or the list unreadable (its parser then returns None)
        return None
    if not isinstance(found, str) or not found:
        return None
    found = found.lower()
    if found in _WRITERS_HOSTS:  # the writer's name, the label before the host's
        labels = host.lower().rstrip(".").split(".")
        return ".".join(labels[-found.count(".") - 2 :]) if len(labels) > found.count(".") + 1 else found
    return found
