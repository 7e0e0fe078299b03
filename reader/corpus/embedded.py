"""The images, fonts and files a saved page embeds in itself as `data:` URIs, cut before it is parsed.

A page saved whole (SingleFile, a browser's "single file" page) writes each image and font into
the HTML as base64: 5 to 30 MB of which the article is a few kilobytes. The text never needs
them, and they made such a page too large to load (over 10 MB) or slow to parse (a 9 MB one: 1.9 s
and 117 MB, 0.8 s and 48 MB without them). Each `data:...;base64,` URI keeps its type and loses
its payload (an empty image), so the page's markup is unchanged around it.
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


def without_embedded(data: bytes) -> bytes:
    """`data` with the payload of each base64 data: URI cut (the same bytes when it has none)."""
    return _EMBEDDED.sub(rb"\1", data)


class TooLarge(Exception):
    """What is left of the page once its embedded files are cut is still over the limit."""


def read_without_embedded(handle: BinaryIO, most: int, read_most: int) -> bytes:
    """The bytes of `handle` to its end, each base64 data: URI's payload cut as they are read, a
    chunk at a time: a 30 MB page is never held whole, nor copied. Raises TooLarge as soon as
    more than `most` bytes are kept, or more than `read_most` read (a file still growing)."""
    kept = bytearray()
    pending = b""  # the end of the last chunk, which may hold the start of a head
    in_payload = False
    read = 0
    while chunk := handle.read(CHUNK_BYTES):
        read += len(chunk)
        if read > read_most:
            raise TooLarge
        buffer = pending + chunk
        pending, in_payload = _cut_into(kept, buffer, in_payload)
        if len(kept) > most:
            raise TooLarge
    kept += pending
    if len(kept) > most:
        raise TooLarge
    return bytes(kept)


def _cut_into(kept: bytearray, buffer: bytes, in_payload: bool) -> tuple[bytes, bool]:
    """Adds to `kept` the bytes of `buffer` outside payloads, up to where a head may begin that
    the next chunk ends; returns that rest, and whether the buffer ends inside a payload."""
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
        pos, in_payload = head.end(), True
