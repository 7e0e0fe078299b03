"""A newsletter or article saved from a mail program as an .eml file (RFC 5322): its Subject is the
title, its sender's name the outlet (else the domain of the address), its Date the date, and its
text the plain part when it has one, else the HTML part's article text. A mail's headers were the
article's first lines ("From: Daily News <news@…>" its title), and a file a walk found was not
read at all.

Everything in it is hostile: header values become one clean line (encoded words decoded, escape
sequences and controls removed by the loader's metadata cleaning), parts are decoded in the
charset they declare, else as any file is (reader.corpus.decode).
"""

from __future__ import annotations

import email
import email.header
import email.policy
import email.utils
from email.message import EmailMessage, Message

from reader.corpus.decode import BinaryFile, charset_of_label, decode_bytes
from reader.corpus.formats import FormatError, normalise_meta

# The headers that make a file a mail: a text file need not say "From:" to be one, but one that
# has none of these is none.
_MAIL_HEADERS = ("from", "subject", "date", "message-id")


def parse_email(data: bytes) -> tuple[str, dict, bool]:
    """(the text, its metadata as normalise_meta gives it, whether the text is HTML) of a mail's
    bytes. Raises FormatError with a reason a user reads when it is no mail or has no text."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not any(message.get(name) is not None for name in _MAIL_HEADERS):
        raise FormatError("not an email message (no From, Subject or Date header)")
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
    part = _body_part(message)
    if part is None:
        raise FormatError("email message without a text or HTML part (attachments alone are not read)")
    text, html = _part_text(part)
    if not text.strip():
        raise FormatError("email message whose text is empty")
    return text, normalise_meta(raw), html


def _header(message: Message, name: str) -> str | None:
    """A header's value decoded (its encoded words read), or None; a header too broken to parse
    is taken as written."""
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError, LookupError):
        value = None
    if value is None:
        return None
    return " ".join(str(value).split()) or None


def _sender_name(message: Message) -> str | None:
    """The sender's name (else its address's domain) as its From header writes it. The address
    parser gives up on a name it finds no phrase in ("Evil [bold]Outlet[/bold] <x@…>" was the
    outlet "Evil", the name's first word taken for an address): the name is then the raw text
    before the <address>, its encoded words read."""
    raw = next((str(value) for key, value in message.raw_items() if key.lower() == "from"), None)
    if raw is None:
        return None
    try:
        raw = str(email.header.make_header(email.header.decode_header(raw)))
    except (ValueError, LookupError, UnicodeError, TypeError):
        pass  # (encoded words in a charset Python lacks: as written)
    raw = " ".join(raw.split())
    name, address = email.utils.parseaddr(raw)
    if "@" not in address:
        before, bracket, after = raw.rpartition("<")
        name = before.strip().strip('"') if bracket else ""
        address = after.partition(">")[0] if bracket else ""
    return name.strip() or address.rpartition("@")[2].strip() or None


def _body_part(message: Message) -> Message | None:
    if isinstance(message, EmailMessage):
        try:
            found = message.get_body(preferencelist=("plain", "html"))
        except (ValueError, KeyError, LookupError):
            found = None
        if found is not None:
            return found
    if not message.is_multipart() and message.get_content_maintype() == "text":
        return message
    return None


def _part_text(part: Message) -> tuple[str, bool]:
    """(the part's text, not sanitised, whether it is HTML)."""
    html = part.get_content_subtype() == "html"
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = str(part.get_payload()).encode("utf-8", errors="replace")
    declared = charset_of_label(part.get_content_charset() or "")
    if declared is not None and declared != "ascii":
        return payload.decode(declared, errors="replace"), html
    try:
        return decode_bytes(payload, html=html)[0], html
    except BinaryFile as exc:
        raise FormatError(f"email message whose text part is {exc}") from None
