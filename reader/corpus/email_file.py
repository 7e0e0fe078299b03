"""A newsletter or article saved from a mail program as an .eml file (RFC 5322): its Subject is the
title, its sender's name the outlet (else the domain of the address), its Date the date, and its
text the plain part when it has one, else the HTML part's article text (a mail of no text of its
own that forwards a message as an attachment is that message, its headers too). A mail's headers were the
article's first lines ("From: Daily News <news@…>" its title), and a file a walk found was not
read at all.

Everything in it is hostile: header values become one clean line (encoded words decoded, escape
sequences and controls removed by the loader's metadata cleaning), parts are decoded in the
charset they declare, else as any file is (reader.corpus.decode).
"""

from __future__ import annotations

import codecs
import email
import email.errors
import email.header
import email.parser
import email.policy
import email.utils
import re
from email.message import Message

from reader.corpus.decode import BinaryFile, charset_of_label, decode_bytes
from reader.corpus.formats import FormatError, normalise_meta
from reader.corpus.mhtml import MAX_DEPTH, MAX_HEADER_BYTES, MAX_PARTS, headers_of, leaf_parts, transfer_decoded

# The headers that make a file a mail: a text file need not say "From:" to be one, but one that
# has none of these is none. Those of its route and its recipients count too: a mail saved with
# only "To:" and "Received:" was read as text, "To: desk@…" its title and its headers its text.
_MAIL_HEADERS = (
    *("from", "subject", "date", "message-id", "to", "cc", "bcc", "sender", "reply-to"),
    *("received", "return-path", "delivered-to", "in-reply-to", "references", "mime-version"),
)
_NO_MAIL = "not an email message (no From, Subject or Date header)"
_HEADERS_ONLY = "no article text (the email message has headers only)"
# A header's first line ("Subject: Hi", the obsolete "Subject : Hi" too) and a folded one's next.
_HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
_FOLDED_LINE = re.compile(rb"[ \t]")


class NotMail(FormatError):
    """A file named as a mail (.eml) that opens with none of a mail's headers: text, whose first
    line may look like a header of another kind ("Note: …", "Update: …")."""


def parse_email(data: bytes, text_limit: int) -> tuple[str, dict, bool]:
    """(the text, its metadata as normalise_meta gives it, whether the text is HTML) of a mail's
    bytes, its text part of `text_limit` bytes at most (its attachments make a mail large, not
    its text). Raises FormatError with a reason a user reads when it is no mail or has no text."""
    if data.startswith(codecs.BOM_UTF8):  # (an editor's: its headers were no headers, the mail text)
        data = data[len(codecs.BOM_UTF8) :]
    parsed, body_start = headers_of(data, 0, len(data))
    headers_end = _unseparated_headers_end(data)
    if parsed is None:
        body_start = headers_end
        parsed = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(data[:body_start] + b"\n")
    elif headers_end and data[headers_end:body_start].strip():
        # Text under the headers with no blank line between, a blank line further on: the
        # headers end where the text starts (its first paragraph was lost, the second read).
        body_start = headers_end
    message: Message = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(data[:body_start])
    if not any(message.get(name) is not None for name in _MAIL_HEADERS):
        raise NotMail(_NO_MAIL)
    if not data[body_start:].strip():
        raise FormatError(_HEADERS_ONLY)
    found = _body_part(data, parsed, body_start)
    if found is None:
        raise FormatError("email message without a text or HTML part (attachments alone are not read)")
    if found[2] is not None:  # a forwarded message alone: its headers say what the article is
        message = found[2]
    raw: dict = {}
    subject = _header(message, "subject")
    if subject:
        raw["title"] = subject
    outlet = _sender_name(message)
    if outlet:
        raw["outlet"] = outlet
    date = _header(message, "date")
    if date:
        try:
            moment = email.utils.parsedate_to_datetime(date)
        except (TypeError, ValueError, IndexError):
            moment = None
        if moment is not None:
            raw["date"] = moment.isoformat()
    if len(found[0]) > text_limit:
        raise FormatError(f"email message whose text is too large (over {text_limit // 2**20} MB, an article's limit)")
    text, html = _part_text(found[0], found[1])
    if not text.strip():
        raise FormatError("no article text (the email message's text is empty)")
    return text, normalise_meta(raw), html


def _unseparated_headers_end(data: bytes) -> int:
    """Where the headers of a mail no blank line ends stop: the start of its first line that is
    no header (a mail program's draft, a message cut after its headers, text typed under them),
    the end of the file when all are; 0 when the first line is none."""
    at = 0
    while at < min(len(data), MAX_HEADER_BYTES):
        line_end = data.find(b"\n", at)
        line_end = len(data) if line_end < 0 else line_end + 1
        line = data[at:line_end]
        if not (_HEADER_LINE.match(line) or (at and _FOLDED_LINE.match(line))):
            return at
        at = line_end
    return at


def _header(message: Message, name: str) -> str | None:
    """A header's value decoded (its encoded words read), or None. A header of 8-bit bytes (UTF-8
    as RFC 6532 allows, or a mail program's charset) is read as a file's bytes are: the email
    parser made each byte beyond ASCII a replacement character ("R\ufffdsum\ufffd")."""
    raw = _raw_header(message, name)
    if raw is None:
        return None
    if raw.isascii():
        try:
            raw = str(message.get(name))
        except (ValueError, IndexError, TypeError, LookupError, email.errors.MessageError):
            pass  # (too broken to parse: as written)
    return " ".join(raw.split()) or None


def _raw_header(message: Message, name: str) -> str | None:
    """A header as written, its 8-bit bytes (which the parser keeps as surrogate escapes) read as
    a file's bytes are (decode_bytes: UTF-8, else the likeliest one-byte charset)."""
    raw = next((str(value) for key, value in message.raw_items() if key.lower() == name), None)
    if raw is None or raw.isascii():
        return raw
    data = raw.encode("utf-8", "surrogateescape")
    try:
        return decode_bytes(data)[0]
    except BinaryFile:
        return data.decode("utf-8", errors="replace")


def _sender_name(message: Message) -> str | None:
    """The sender's name (else its address's domain) as its From header writes it. The address
    parser gives up on a name it finds no phrase in ("Evil [bold]Outlet[/bold] <x@…>" was the
    outlet "Evil", the name's first word taken for an address): the name is then the raw text
    before the <address>, its encoded words read."""
    raw = _raw_header(message, "from")
    if raw is None:
        return None
    if raw.isascii():
        try:
            raw = str(email.header.make_header(email.header.decode_header(raw)))
        except (ValueError, LookupError, UnicodeError, TypeError, email.errors.MessageError):
            pass  # (encoded words in a charset Python lacks, or broken: as written)
    raw = " ".join(raw.split())
    name, address = email.utils.parseaddr(raw)
    if "@" not in address:
        before, bracket, after = raw.rpartition("<")
        name = before.strip().strip('"') if bracket else ""
        address = after.partition(">")[0] if bracket else ""
    return name.strip() or address.rpartition("@")[2].strip() or None


def _body_part(data: bytes, headers: Message, body_start: int) -> tuple[bytes, Message, Message | None] | None:
    """(the bytes, the headers) of the mail's text: its first plain part not attached, else its
    first HTML one; else, a mail that forwards a message as a part of its own (message/rfc822,
    "Forward as attachment") and has no text, that message's, with its headers (None for the
    mail's own text). Its parts are walked as an MHTML file's are (mhtml.leaf_parts), not by the
    email parser, which took minutes over 200,000 tiny parts and hit Python's recursion limit
    (after 14 s) on parts nested 5,000 deep; forwarded messages within forwarded ones are
    followed MAX_DEPTH deep, their parts counted with the mail's."""
    counted = [0]
    forwarded = None
    for _level in range(MAX_DEPTH + 1):
        html = None
        inner = None
        parts = leaf_parts(
            data,
            headers,
            body_start,
            len(data) if forwarded is None else forwarded[1],
            refused="email message not read",
            too_many=f"no text in the first {MAX_PARTS:,} parts of this email message (not read further)",
            counted=counted,
        )
        for part_headers, start, end in parts:
            if part_headers.get_content_type() == "message/rfc822" and inner is None:
                inner = start, end, part_headers
            if part_headers.get_content_maintype() != "text" or part_headers.get_content_disposition() == "attachment":
                continue
            kind = part_headers.get_content_subtype()
            if kind == "plain":
                return data[start:end], part_headers, forwarded[0] if forwarded else None
            if kind == "html" and html is None:
                html = data[start:end], part_headers, forwarded[0] if forwarded else None
        if html is not None or inner is None:
            return html
        start, end, part_headers = inner
        if str(part_headers.get("Content-Transfer-Encoding") or "").strip().lower() in ("base64", "quoted-printable"):
            # A message forwarded encoded (base64, as some mail programs attach one): walked in
            # its decoded bytes, no larger than the encoded ones.
            data = transfer_decoded(data[start:end], part_headers, "the forwarded message in this email")
            start, end = 0, len(data)
        inner_headers, body_start = headers_of(data, start, end)
        if inner_headers is None:
            return None
        headers = inner_headers
        forwarded = (
            email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(data[start:body_start]),
            end,
        )
    raise FormatError(f"email message not read: its forwarded messages are nested over {MAX_DEPTH} levels deep")


def _part_text(raw: bytes, part: Message) -> tuple[str, bool]:
    """(the part's text, not sanitised, whether it is HTML)."""
    html = part.get_content_subtype() == "html"
    payload = transfer_decoded(raw, part, "the text of this email message")
    declared = charset_of_label(part.get_content_charset() or "")
    if declared is not None and declared != "ascii":
        return payload.decode(declared, errors="replace"), html
    try:
        return decode_bytes(payload, html=html)[0], html
    except BinaryFile as exc:
        raise FormatError(f"email message whose text part is {exc}") from None
