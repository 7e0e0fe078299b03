"""The content of a page's huge <script> and <style> elements, cut as the page is read.

A page may carry megabytes of inline script (an app's bundle, its state as JSON) or style: no
text of the article, yet a page over the size limit for it was refused. Such a page (only one
still over the limit without the files it embeds: a page's app state, Next.js's __NEXT_DATA__,
may be where its date is) is read again with each such element over MAX_RAW_TEXT_BYTES keeps its tags and loses its content; a smaller one
is kept whole, as is JSON-LD (<script type="application/ld+json">), where the page's date,
author and title are read from. A "<script>" in a comment, a <title>, a <textarea> or an
attribute's value is text, not an element, and is left alone. Read a chunk at a time (feed, then end): never more than
MAX_RAW_TEXT_BYTES of an element is held.
"""

from __future__ import annotations

import re

MAX_RAW_TEXT_BYTES = 64 * 1024
# What starts an element whose content is not markup: a comment, a raw text element (cut when
# huge), an escapable one (<title>, <textarea>: its "<script>" is text). Then its start tag's end,
# quoted attribute values and all.
_OPENING = re.compile(rb"<!--|<(script|style|title|textarea)(?=[\s/>])", re.I)
_START_TAG_REST = re.compile(rb"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
_JSON_LD = re.compile(rb"""type\s*=\s*["']?application/ld\+json""", re.I)
_CUT_NAMES = (b"script", b"style")
# The end of a raw text is at most this far past where a chunk ends: "</textarea" and a blank.
_TAIL = len(b"</textarea") + 1
# Past this, a start tag is taken as written (it has no ">": the page is broken, nothing is cut).
_LONGEST_START_TAG = 64 * 1024


class RawTextCutter:
    """Feed it a page a chunk at a time; what it gives back, joined, is the page with the content
    of each huge <script> and <style> element cut."""

    def __init__(self) -> None:
        self._pending = b""  # the end of the last chunk, which may hold the start of a tag
        self._closing: re.Pattern | None = None  # the end of the element being read, if one is
        self._cut_it = False  # whether the element being read is cut when it is huge
        self._held = bytearray()  # the content of the element being read, while it may be kept
        self._cutting = False  # it is huge: its content is dropped

    def feed(self, chunk: bytes) -> bytes:
        return self._read(self._pending + chunk, final=False)

    def end(self) -> bytes:
        """What is left at the page's end (an element never closed: its content as read)."""
        out = self._read(self._pending, final=True)
        if self._closing is not None and not self._cutting:
            out += bytes(self._held)
        self._held = bytearray()
        return out

    def _read(self, buffer: bytes, final: bool) -> bytes:
        out = bytearray()
        pos = 0
        self._pending = b""
        while True:
            if self._closing is not None:
                end = self._closing.search(buffer, pos)
                stop = end.start() if end else (len(buffer) if final else max(pos, len(buffer) - _TAIL))
                out += self._kept(buffer[pos:stop])
                if end is None:
                    self._pending = buffer[stop:] if not final else b""
                    return bytes(out)
                if not self._cutting:
                    out += self._held
                self._closing, self._held, self._cutting = None, bytearray(), False
                pos = stop  # its end tag is markup again
            opening = _OPENING.search(buffer, pos)
            if opening is None:
                keep_to = len(buffer) if final else max(pos, len(buffer) - _TAIL)
                out += buffer[pos:keep_to]
                self._pending = buffer[keep_to:]
                return bytes(out)
            name = opening.group(1)
            if name is None:  # a comment, read through to its end
                out += buffer[pos : opening.end()]
                pos = opening.end()
                self._closing, self._cut_it = re.compile(rb"-->"), False
                continue
            if _inside_a_tag(buffer, opening.start()):  # <img alt="<script>">: an attribute's text
                out += buffer[pos : opening.end()]
                pos = opening.end()
                continue
            rest = _START_TAG_REST.match(buffer, opening.end())
            if rest is None and not final and len(buffer) - opening.start() < _LONGEST_START_TAG:
                out += buffer[pos : opening.start()]
                self._pending = buffer[opening.start() :]  # the start tag ends in the next chunk
                return bytes(out)
            tag_end = rest.end() if rest else opening.end()
            out += buffer[pos:tag_end]
            pos = tag_end
            lower = name.lower()
            self._closing = re.compile(rb"</" + lower + rb"(?=[\s/>])", re.I)
            self._cut_it = lower in _CUT_NAMES and not _JSON_LD.search(buffer, opening.end(), tag_end)

    def _kept(self, content: bytes) -> bytes:
        """What of an element's content read is given now: all of one never cut, none of one
        that may be (held until its end tag says whether it is huge)."""
        if not self._cut_it:
            return content
        if not self._cutting:
            self._held += content
            if len(self._held) > MAX_RAW_TEXT_BYTES:
                self._held, self._cutting = bytearray(), True
        return b""


def _inside_a_tag(buffer: bytes, at: int) -> bool:
    """Whether `at` is inside a tag opened before it (in an attribute's value): a "<" and a letter
    came before it, with no ">" since (looked for in the chunks at hand only)."""
    opened = buffer.rfind(b"<", 0, at)
    return opened != -1 and buffer[opened + 1 : opened + 2].isalpha() and buffer.find(b">", opened, at) == -1


class Uncut(RawTextCutter):
    """A cutter that cuts nothing: a page read so keeps its huge scripts."""

    def feed(self, chunk: bytes) -> bytes:
        return chunk

    def end(self) -> bytes:
        return b""


def without_huge_raw_text(data: bytes) -> bytes:
    """`data` (a whole page) with the content of each huge <script> and <style> element cut."""
    cutter = RawTextCutter()
    return cutter.feed(data) + cutter.end()
