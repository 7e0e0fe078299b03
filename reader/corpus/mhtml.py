"""A page saved as one MHTML file (.mhtml, .mht: Chrome's and Edge's "Save as… Webpage, Single
File"): its HTML part and the address it was saved from.

An MHTML file is a MIME message (RFC 2557): headers, then a multipart/related body whose first
text/html part is the page (quoted-printable or base64, its charset in the part's header) and
whose other parts are its images, styles and frames. Headers are read with the stdlib `email`
package; the body is not handed to it whole: a page saved with its images is tens of megabytes of
base64 the email parser would copy line by line. The parts are found by their boundary with
`bytes.find` instead, and only the page's part is decoded (base64 decodes to less than it is,
quoted-printable to no more: no part decodes to more than the file holds).
"""

from __future__ import annotations

import binascii
import codecs
import email.parser
import email.policy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message

from reader.corpus.formats import FormatError

# A file of a million tiny parts before its page (a "part bomb") is not walked through.
MAX_PARTS = 10_000
# Multiparts within multiparts: Chrome writes one level; a deeper nesting is no saved page.
MAX_DEPTH = 8
# The headers of the file or of one part: a few hundred bytes in every saved page seen.
MAX_HEADER_BYTES = 64 * 1024
MAX_URL_CHARS = 2048
PAGE_TYPES = ("text/html", "application/xhtml+xml")
# (not r"\r?\n\r?\n": its optional start is tried at every byte, 6 s over 100 MB of header lines)
_HEADERS_END = re.compile(rb"\n\r?\n")
_WEB_URL = re.compile(r"https?://[^\s<>\"]+", re.I)


@dataclass(frozen=True)
class SavedPage:
    """The page of a file that saved it (MHTML, a web archive): its HTML (as UTF-8 when the file
    named a charset Python knows, else as written, for the page's own <meta charset> to tell),
    and the address it was saved from."""

    html: bytes
    url: str | None
    # The file held no page, only text (an MHTML file of one text/plain part): `html` is that text.
    plain: bool = False


def saved_page(data: bytes) -> SavedPage:
    """The page an MHTML file's bytes hold. Raises FormatError with the reason a user reads."""
    headers, body_start = headers_of(data, 0, len(data))
    if headers is None:
        raise FormatError("not an MHTML page archive: it does not start with MIME headers")
    snapshot_url = web_url(headers.get("Snapshot-Content-Location"))
    found = _page_in(data, headers, body_start, len(data), depth=0, counted=[0])
    if found is None:
        raise FormatError("no web page in this MHTML file: none of its parts is HTML (text/html) or text (text/plain)")
    page, part_headers = found
    return SavedPage(
        html=page,
        url=snapshot_url or web_url(part_headers.get("Content-Location")),
        plain=part_headers.get_content_type() == "text/plain",
    )


def _page_in(data: bytes, headers: Message, start: int, end: int, *, depth: int, counted: list[int]):
    """(the decoded HTML, its part's headers) of the first HTML part in data[start:end], whose
    headers are `headers`; else of its first plain text part not attached (a text file saved
    so, a browser's "Save as" of a .txt page); None when there is neither."""
    parts = leaf_parts(
        data,
        headers,
        start,
        end,
        refused="not an MHTML page archive",
        too_many=f"no web page in the first {MAX_PARTS:,} parts of this MHTML file (not read further)",
        depth=depth,
        counted=counted,
    )
    text = None
    for part_headers, part_start, part_end in parts:
        if part_headers.get_content_type() in PAGE_TYPES:
            return _decoded(data[part_start:part_end], part_headers), part_headers
        plain = part_headers.get_content_type() == "text/plain"
        if plain and text is None and part_headers.get_content_disposition() != "attachment":
            text = part_headers, part_start, part_end
    if text is None:
        return None
    part_headers, part_start, part_end = text
    return _decoded(data[part_start:part_end], part_headers), part_headers


def leaf_parts(
    data: bytes,
    headers: Message,
    start: int,
    end: int,
    *,
    refused: str,
    too_many: str,
    depth: int = 0,
    counted: list[int] | None = None,
) -> Iterator[tuple[Message, int, int]]:
    """(headers, body start, body end) of each part of data[start:end] that holds no parts, in
    order: the whole when `headers` say no multipart. Walks MIME as an MHTML file or a mail
    (email_file) holds it, found by boundary with `bytes.find`, lazily: a caller that has its
    part stops it. Raises FormatError, "`refused`: …" for a multipart without a boundary or
    nested over MAX_DEPTH, `too_many` past MAX_PARTS parts (a "part bomb")."""
    counted = [0] if counted is None else counted
    if not headers.get_content_type().startswith("multipart/"):
        yield headers, start, end
        return
    boundary = headers.get_boundary()  # (an RFC 2231 value, boundary*=, read too)
    if not isinstance(boundary, str) or not boundary or len(boundary) > 200:
        raise FormatError(f"{refused}: its multipart header names no boundary between the parts")
    if depth >= MAX_DEPTH:
        raise FormatError(f"{refused}: its parts are nested over {MAX_DEPTH} levels deep")
    for part_start, part_end in _part_spans(data, start, end, boundary.encode("latin-1", "replace")):
        counted[0] += 1
        if counted[0] > MAX_PARTS:
            raise FormatError(too_many)
        part_headers, part_body = headers_of(data, part_start, part_end)
        if part_headers is None:
            continue
        yield from leaf_parts(
            data,
            part_headers,
            part_body,
            part_end,
            refused=refused,
            too_many=too_many,
            depth=depth + 1,
            counted=counted,
        )


def _part_spans(data: bytes, start: int, end: int, boundary: bytes):
    """(start, end) of each part between the `--boundary` lines of data[start:end]."""
    delimiter = b"--" + boundary
    # A line that starts with the delimiter and has nothing but blanks or "--" after it (a regular
    # expression: a bytes.find per line that only starts like one took 7 s over a million of them).
    delimiter_line = re.compile(rb"\n" + re.escape(delimiter) + rb"(?=--|[ \t\r\n]|\Z)")
    at = _delimiter_at(data, delimiter_line, start, end)
    while at != -1:
        after = at + len(delimiter)
        if data[after : after + 2] == b"--":  # the close delimiter: the last part has ended
            return
        line_end = data.find(b"\n", after, end)
        if line_end == -1:
            return
        next_at = _delimiter_at(data, delimiter_line, line_end + 1, end)
        part_end = end if next_at == -1 else next_at
        # the line break before a delimiter is the delimiter's, not the part's
        if data[part_end - 2 : part_end] == b"\r\n":
            part_end -= 2
        elif data[part_end - 1 : part_end] == b"\n":
            part_end -= 1
        yield line_end + 1, max(part_end, line_end + 1)
        at = next_at


def _delimiter_at(data: bytes, delimiter_line: re.Pattern[bytes], start: int, end: int) -> int:
    """Where the next delimiter line (`delimiter_line`, its line break before it) starts in
    data[start:end], `start` being just after a line break; or -1."""
    found = delimiter_line.search(data, start - 1, end)
    return -1 if found is None else found.start() + 1


def headers_of(data: bytes, start: int, end: int) -> tuple[Message | None, int]:
    """The headers of data[start:end] (a file or a part) and where its body starts; None when
    no blank line ends them within MAX_HEADER_BYTES."""
    match = _HEADERS_END.search(data, start, min(end, start + MAX_HEADER_BYTES))
    if match is None:
        return None, end
    head = data[start : match.start()]
    parsed = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(head + b"\n")
    if not parsed.keys():
        return None, end
    return parsed, match.end()


def _decoded(raw: bytes, headers: Message) -> bytes:
    """The bytes of a part undone of its transfer encoding, as UTF-8 when it names a charset
    Python knows (as_utf8)."""
    return as_utf8(transfer_decoded(raw, headers, "the page in this MHTML file"), headers.get_content_charset())


def transfer_decoded(raw: bytes, headers: Message, what: str) -> bytes:
    """The bytes of a part undone of its transfer encoding (base64, quoted-printable); FormatError
    "`what` cannot be decoded" when they are broken."""
    encoding = str(headers.get("Content-Transfer-Encoding") or "").strip().lower()
    try:
        if encoding == "base64":
            raw = binascii.a2b_base64(raw)
        elif encoding == "quoted-printable":
            raw = binascii.a2b_qp(raw)
    except (binascii.Error, ValueError) as exc:
        raise FormatError(f"{what} cannot be decoded ({encoding}: {exc})") from None
    return raw


def as_utf8(html: bytes, charset: object) -> bytes:
    """A page's bytes as UTF-8 when `charset` names a charset of text Python knows; else as
    written, for the page's own <meta charset> to tell."""
    if not isinstance(charset, str) or not charset:
        return html
    try:
        codec = codecs.lookup(charset.strip())
    except (LookupError, ValueError):
        return html
    if not getattr(codec, "_is_text_encoding", True):  # "base64", "rot13": codecs, not charsets
        return html
    try:
        return html.decode(codec.name, errors="replace").encode("utf-8", errors="replace")
    except Exception:  # a codec that fails on hostile bytes: the page's own charset then
        return html


def web_url(value) -> str | None:
    """The address a header gives, when it is a web page's (not "cid:…" nor "about:blank")."""
    if value is None:
        return None
    text = "".join(str(value).split())[:MAX_URL_CHARS]
    return text if _WEB_URL.fullmatch(text) else None
