"""OPML, the subscription list other feed readers (newsboat, Feedly, NetNewsWire, Thunderbird)
import and export: `reader feed import FILE` reads one, `reader feed export` writes one. Import
also reads newsboat's own `urls` file (a URL a line, then its tags), so a newsboat user need not
export first.

An OPML file is untrusted: parsed without DTDs, entities or network access, and its titles are
read as plain one-line text, as a feed's are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from reader.fetch.subscriptions import Subscription, subscription_label


class OpmlError(Exception):
    """A file that is no OPML at all (not XML, no <opml> root, no <body>), nor a newsboat urls
    file: one line for the user."""


@dataclass(frozen=True)
class Outline:
    """One feed an OPML file names: its xmlUrl, its title and the outlet a user named it by."""

    url: str
    title: str | None
    problem: str | None = None  # why reader cannot follow it (newsboat's query: feeds), if so
    outlet: str | None = None  # an outline's `text` that is not its title (reader's export writes the outlet there)


def read_subscription_list(data: bytes) -> list[Outline]:
    """The feeds of an OPML document, or of a newsboat urls file (told apart by the first thing
    in it: XML starts with "<"). OpmlError when it is neither."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return read_opml(data)
    return read_newsboat_urls(data)


# newsboat's feeds that are no URL: a query over the others, a command's output, a filter's.
NEWSBOAT_VIRTUAL = ("query:", "exec:", "filter:")


def read_newsboat_urls(data: bytes) -> list[Outline]:
    """The feeds of newsboat's urls file: `URL tag "a tag" ~Title` a line, # comments. Its
    query:, exec: and filter: lines are listed with their problem (nothing reader can fetch).
    OpmlError when no line is a feed at all (a file that is neither OPML nor a urls file)."""
    from reader.corpus.decode import BinaryFile, decode_bytes

    try:
        text, _encoding = decode_bytes(data)
    except BinaryFile:
        raise OpmlError("neither an OPML file nor a newsboat urls file: it is not text") from None
    found: list[Outline] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        words = _newsboat_words(line)
        if not words:
            continue
        url = words[0]
        title = next((word[1:] for word in words[1:] if word.startswith("~") and len(word) > 1), None)
        problem = None
        if url.lower().startswith(NEWSBOAT_VIRTUAL):
            problem = f"newsboat's {url.split(':', 1)[0]}: feeds are made by newsboat, with no URL to fetch"
        found.append(Outline(url=url, title=subscription_label(title) if title else None, problem=problem))
    if not any(outline.url.lower().startswith(("http://", "https://")) for outline in found):
        raise OpmlError("neither an OPML file nor a newsboat urls file: no line of it starts with an http(s) URL")
    return found


# A urls line up to its comment: quoted strings (with their \" escapes) and words that do not
# start with a "#"; an unquoted "#" starting a word ends it, as newsboat reads it.
_BEFORE_COMMENT = re.compile(r'(?:"(?:\\.|[^"\\])*"|[^\s"#]\S*|\s+)*')


def _newsboat_words(line: str) -> list[str]:
    """A urls line's words, quotes taken off, up to a comment: as newsboat reads it, a "#" starts
    one only at the start of an unquoted word. The comment is cut before the quotes come off (a
    tag "#news" is a word, and the "~Title" after it kept), and not by shlex, whose comments cut
    `https://x.com/feed#frag` at its "#"."""
    import shlex

    line = _BEFORE_COMMENT.match(line).group()  # type: ignore[union-attr]  # matches "" at worst
    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        return list(lexer)
    except ValueError:  # an unclosed quote: the URL is still the first word
        return line.split()


def read_opml(data: bytes) -> list[Outline]:
    """The feeds (outlines with an xmlUrl) of an OPML document, in order, folders flattened.
    OpmlError when it is not an OPML document."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"not an OPML file: the XML does not parse ({getattr(exc, 'msg', None) or exc})") from None
    except ValueError as exc:  # lxml refuses some inputs (a str with an encoding declaration)
        raise OpmlError(f"not an OPML file: {exc}") from None
    root_name = etree.QName(root).localname.lower() if isinstance(root.tag, str) else ""
    if root_name in ("rss", "feed", "rdf"):  # `feed import news.rss`: a feed, not a list of feeds
        raise OpmlError(
            "not an OPML file: it is a feed itself, not a list of feeds; follow a feed by its address "
            "with `reader feed add URL`, or put the file in your corpus folder to read its articles"
        )
    if root_name != "opml":
        raise OpmlError("not an OPML file: its root element is not <opml>")
    body = next((child for child in root if _named(child, "body")), None)
    if body is None:
        raise OpmlError("not an OPML file: it has no <body>")
    found: list[Outline] = []
    _walk(body, found)
    return found


def _named(element, name: str) -> bool:
    return isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1].lower() == name


def _attribute(element, *names: str) -> str | None:
    """The first of the attributes that holds some text, as one line (OPML writers differ in case:
    xmlUrl, xmlurl, XMLURL)."""
    by_lower = {key.lower(): value for key, value in element.attrib.items()}
    for name in names:
        value = by_lower.get(name.lower())
        if value and value.strip():
            return value.strip()
    return None


def _walk(parent, found: list[Outline]) -> None:
    for outline in parent:
        if not _named(outline, "outline"):
            continue
        url = _attribute(outline, "xmlUrl")
        if url is not None:
            text = _attribute(outline, "text")
            title = _attribute(outline, "title") or text
            # Most writers (newsboat, Feedly) repeat the title in `text`; reader's export writes
            # the outlet you gave there, which an import keeps. Compared as labels, as kept:
            # "Foo  Bar" and "Foo Bar" are one name, no outlet.
            label = subscription_label(title) if title else None
            outlet = subscription_label(text) if text else None
            if outlet in (label, subscription_label(url)):
                outlet = None
            if title == url:  # a writer with no title repeats the URL (reader's export does)
                label = None
            found.append(Outline(url=url, title=label, outlet=outlet))
        # A folder's outlines are feeds too (and a feed's children, which some writers nest).
        _walk(outline, found)


def write_opml(feeds: list[Subscription]) -> str:
    """An OPML 2.0 document of the subscriptions: each an outline with its xmlUrl, its `text` the
    outlet you gave it, else its noted title, else its URL, and its `title` the feed's noted title,
    else its URL (a `text` unlike the `title` is the outlet, for read_opml)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        "    <title>reader subscriptions</title>",
        "  </head>",
        "  <body>",
    ]
    for feed in feeds:
        text = _attr(feed.outlet or feed.title or feed.url)
        title = _attr(feed.title or feed.url)
        lines.append(f'    <outline type="rss" text={text} title={title} xmlUrl={_attr(feed.url)}/>')
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _attr(value: str) -> str:
    """An attribute value, quoted and escaped, always in double quotes."""
    return quoteattr(value, {'"': "&quot;"})
