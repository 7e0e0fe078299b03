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
_EMBEDDED = re.compile(rb"(" + _HEAD + rb")[A-Za-z0-9+/=]+", re.I)
_HEAD_ONLY = re.compile(_HEAD, re.I)
_PAYLOAD_END = re.compile(rb"[^A-Za-z0-9+/=]")
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

    def cut(uri: re.Match) -> bytes:
        return uri.group(1) if markup.at(data, uri.end(1)) else uri.group()

    return _EMBEDDED.sub(cut, data)


class TooLarge(Exception):
    """What is left of the page once its embedded files are cut is still over the limit."""


def read_without_embedded(handle: BinaryIO, most: int, read_most: int) -> bytes:
    """The bytes of `handle` to its end, each base64 data: URI's payload cut as they are read, a
    chunk at a time: a 30 MB page is never held whole, nor copied. Raises TooLarge as soon as
    more than `most` bytes are kept, or more than `read_most` read (a file still growing)."""
    kept = bytearray()
    markup = _Markup()
    pending = b""  # the end of the last chunk, which may hold the start of a head
    in_payload = False
    read = 0
    while chunk := handle.read(CHUNK_BYTES):
        read += len(chunk)
        if read > read_most:
            raise TooLarge
        buffer = pending + chunk
        pending, in_payload = _cut_into(kept, buffer, in_payload, markup)
        if len(kept) > most:
            raise TooLarge
    kept += pending
    if len(kept) > most:
        raise TooLarge
    return bytes(kept)


def _cut_into(kept: bytearray, buffer: bytes, in_payload: bool, markup: _Markup) -> tuple[bytes, bool]:
    """Adds to `kept` the bytes of `buffer` outside payloads (of URIs in the markup), up to where
    a head may begin that the next chunk ends; returns that rest, and whether the buffer ends
    inside a payload."""
    pos = 0
    while True:
        if in_payload:
            end = _PAYLOAD_END.search(buffer, pos)
            if end is None:
                return b"", True  # the payload goes on into the next chunk
            pos, in_payload = end.start(), False
        head = _HEAD_ONLY.search(buffer, pos)
        if head is None:
            keep_to = max(pos, len(buffer) - _LONGEST_HEAD)
            kept += buffer[pos:keep_to]
            return buffer[keep_to:], False
        kept += buffer[pos : head.end()]
        pos, in_payload = head.end(), markup.at(kept, len(kept))
