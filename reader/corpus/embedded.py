"""The images, fonts and files a saved page embeds in itself as `data:` URIs, cut before it is parsed.

A page saved whole (SingleFile, a browser's "single file" page) writes each image and font into
the HTML as base64: 5 to 30 MB of which the article is a few kilobytes. The text never needs
them, and they made such a page too large to load (over 10 MB) or slow to parse (a 9 MB one: 1.9 s
and 117 MB, 0.8 s and 48 MB without them). Each `data:...;base64,` URI keeps its type and loses
its payload (an empty image), so the page's markup is unchanged around it. Only a URI in the
markup is cut (an attribute, a comment, a <style> or <script> element): one written in the text
(an article on a phishing trick quoting "data:text/html;base64,PHNjcmlwdD4=") is the article's.
"""

from __future__ import annotations

import re
from typing import BinaryIO

# The head of a base64 data: URI (a media type, parameters such as charset), its payload after.
# Bounded, so that a head split between two chunks read is found whole in the next.
_HEAD = rb"data:[a-z0-9.+/-]{0,100}(?:;[a-z0-9=._+-]{1,100}){0,5};base64,"
_LONGEST_HEAD = len("data:;base64,") + 100 + 5 * 101
# Where a payload ends: at the first byte that is not base64, or in a quoted value
# ("data:…;base64,iVBO⏎Rw0K"), where a line of base64 may wrap, at the first that is not
# base64 nor a blank (the closing quote). Unquoted, a blank ends the value: what follows stays.
_HEAD_ONLY = re.compile(_HEAD, re.I)
_PAYLOAD_END = re.compile(rb"[^A-Za-z0-9+/=]")
_WRAPPED_PAYLOAD_END = re.compile(rb"[^A-Za-z0-9+/=\t\n\f\r ]")
CHUNK_BYTES = 1024 * 1024
# The last "<" opening a tag, a comment or an end tag (not a "<" in text: "a < b"), and a
# <style> or <script> start tag, whose content is no text either.
_LAST_TAG_OPEN = re.compile(rb".*(<[a-z!/?])", re.I | re.S)
_RAW_TEXT_TAG = re.compile(rb"<(?:style|script)[\s>/]", re.I)


class _Markup:
    """Where a page read from its start stands: in its markup or in its text. Each call reads
    only what came since the last, so that a page of many URIs is read once, not once each."""

    def __init__(self) -> None:
        self.last_open = -1  # where the last tag opened
        self.last_close = -1  # where the last ">" is
        self.raw_text = False  # whether the last tag opened is <style> or <script>
        self.read_to = 0

    def at(self, page: bytes | bytearray, end: int) -> bool:
        """Whether `end` (the end of a data: URI's head; `page` unchanged before it since the
        last call) is in the markup: inside a tag or a comment, or a <style>'s or <script>'s content."""
        start = max(self.read_to - 1, 0)  # a "<" read last time may open a tag only now
        opened = _LAST_TAG_OPEN.match(page, start, end)
        if opened:
            self.last_open = opened.start(1)
            self.raw_text = _RAW_TEXT_TAG.match(page, self.last_open) is not None
        self.last_close = max(self.last_close, page.rfind(b">", start, end))
        self.read_to = end
        return self.last_open > self.last_close or self.raw_text


def without_embedded(data: bytes) -> bytes:
    """`data` with the payload of each base64 data: URI in its markup cut (the same bytes when
    it has none)."""
    markup = _Markup()
    kept = []
    pos = 0
    while head := _HEAD_ONLY.search(data, pos):
        kept.append(data[pos : head.end()])
        pos = head.end()
        if markup.at(data, head.end()):
            payload_end = _WRAPPED_PAYLOAD_END if _quoted(data, head.start()) else _PAYLOAD_END
            end = payload_end.search(data, pos)
            pos = end.start() if end else len(data)
    kept.append(data[pos:])
    return b"".join(kept)


def _quoted(page: bytes | bytearray, head: int) -> bool:
    """Whether the data: URI at `head` opens a quoted value (an attribute's, CSS's url("…"))."""
    return head > 0 and page[head - 1] in b"\"'"


class TooLarge(Exception):
    """What is left of the page once its embedded files are cut is still over the limit."""


def read_without_embedded(handle: BinaryIO, most: int, read_most: int, cut_raw_text: bool = False) -> bytes:
    """The bytes of `handle` to its end, each base64 data: URI's payload (and with `cut_raw_text`
    each huge <script>'s and <style>'s content, reader.corpus.raw_text) cut as they are read, a
    chunk at a time: a 30 MB page is never held whole, nor copied. Raises TooLarge as soon as
    more than `most` bytes are kept, or more than `read_most` read (a file still growing)."""
    from reader.corpus.raw_text import RawTextCutter, Uncut

    kept = bytearray()
    markup = _Markup()
    raw_text = RawTextCutter() if cut_raw_text else Uncut()  # huge <script> and <style> go first
    pending = b""  # the end of the last chunk, which may hold the start of a head
    payload_end: re.Pattern | None = None  # where the payload being cut ends, if one is
    read = 0
    while chunk := handle.read(CHUNK_BYTES):
        read += len(chunk)
        if read > read_most:
            raise TooLarge
        buffer = pending + raw_text.feed(chunk)
        pending, payload_end = _cut_into(kept, buffer, payload_end, markup)
        if len(kept) > most:
            raise TooLarge
    if tail := raw_text.end():  # what the cutter held at the page's end
        pending, payload_end = _cut_into(kept, pending + tail, payload_end, markup)
    kept += pending
    if len(kept) > most:
        raise TooLarge
    return bytes(kept)


def _cut_into(
    kept: bytearray, buffer: bytes, payload_end: re.Pattern | None, markup: _Markup
) -> tuple[bytes, re.Pattern | None]:
    """Adds to `kept` the bytes of `buffer` outside payloads (of URIs in the markup), up to where
    a head may begin that the next chunk ends; returns that rest, and where the payload the
    buffer ends inside ends (None when it ends inside none)."""
    pos = 0
    while True:
        if payload_end is not None:
            end = payload_end.search(buffer, pos)
            if end is None:
                return b"", payload_end  # the payload goes on into the next chunk
            pos, payload_end = end.start(), None
        head = _HEAD_ONLY.search(buffer, pos)
        if head is None:
            keep_to = max(pos, len(buffer) - _LONGEST_HEAD)
            kept += buffer[pos:keep_to]
            return buffer[keep_to:], None
        kept += buffer[pos : head.end()]
        pos = head.end()
        if markup.at(kept, len(kept)):
            quoted = _quoted(kept, len(kept) - len(head.group()))
            payload_end = _WRAPPED_PAYLOAD_END if quoted else _PAYLOAD_END
