"""Mails saved from a mail program (.eml, a newsletter): a walk passed them over unread, and one
named on purpose was read as plain text, its headers the article's first lines ("From: Daily
News <news@…>" its title)."""

from __future__ import annotations

import base64

import pytest

from conftest import write
from reader.corpus.discover import discover
from reader.corpus.loader import load_file

PLAIN = (
    b"From: Daily News <news@daily.example>\n"
    b"To: me@example.com\n"
    b"Subject: Morning briefing: council approves budget\n"
    b"Date: Tue, 03 Dec 2024 07:00:00 +0000\n"
    b"MIME-Version: 1.0\n"
    b"Content-Type: text/plain; charset=utf-8\n"
    b"\n"
    b"The council met on Tuesday to vote on the budget for next year.\n"
)

HTML_ONLY = b"""From: =?utf-8?q?Le_Monde_=C3=A9dition?= <lettre@lemonde.example>
Subject: =?utf-8?b?QnVkZ2V0IDogbGUgY29uc2VpbCB2b3Rl?=
Date: Wed, 04 Dec 2024 06:30:00 +0100
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="XX"

--XX
Content-Type: text/html; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

<html><head><title>Newsletter</title></head><body><article><h1>Budget</h1><p>Le conseil a vot=E9 mardi le =
budget de l'ann=E9e prochaine, apr=E8s un long d=E9bat entre les =E9lus de la majorit=E9 et de l'opposition.</p>=
<p>Le maire a salu=E9 un budget responsable et promis de nouveaux investissements dans les =E9coles.</p></article>=
</body></html>
--XX--
"""


def _one(path, root):
    result = load_file(path, root)
    assert result.skipped == []
    (article,) = result.articles
    return article


def test_a_plain_newsletter_is_read_with_its_subject_sender_and_date(tmp_path):
    article = _one(write(tmp_path / "briefing.eml", PLAIN), tmp_path)
    assert (article.title, article.outlet, article.date) == (
        "Morning briefing: council approves budget",
        "Daily News",
        "2024-12-03",
    )
    assert article.text == "The council met on Tuesday to vote on the budget for next year."


def test_an_html_newsletter_is_read_as_its_page_in_its_declared_charset(tmp_path):
    article = _one(write(tmp_path / "lettre.eml", HTML_ONLY), tmp_path)
    assert (article.title, article.outlet, article.date) == (
        "Budget : le conseil vote",
        "Le Monde édition",
        "2024-12-04",
    )
    assert article.text.startswith("Le conseil a voté mardi le budget de l'année prochaine")
    assert "From:" not in article.text and "=E9" not in article.text


def test_a_walk_finds_eml_files(tmp_path):
    write(tmp_path / "corpus" / "briefing.eml", PLAIN)
    found = [item for item in discover(tmp_path / "corpus") if not hasattr(item, "reason")]
    assert [path.name for path in found] == ["briefing.eml"]


def test_escape_sequences_go_and_markup_stays_text(tmp_path):
    data = (
        b"From: Evil Outlet <x@evil.example>\n"
        b"Subject: Hi \x1b]0;owned\x07there [red]x[/red]\n"
        b"Content-Type: text/plain\n\n"
        b"Body \x1b[2J text [bold]here[/bold] that is long enough to read.\n"
    )
    article = _one(write(tmp_path / "evil.eml", data), tmp_path)
    assert article.title == "Hi there [red]x[/red]"
    assert article.text == "Body text [bold]here[/bold] that is long enough to read."
    assert "\x1b" not in article.title + article.text + (article.outlet or "")


def test_a_file_that_has_no_text_is_skipped_with_the_reason(tmp_path):
    write(
        tmp_path / "attached.eml",
        b'From: a@b.example\nSubject: Scan\nContent-Type: multipart/mixed; boundary="B"\n\n'
        b"--B\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n--B--\n",
    )
    assert [s.reason for s in load_file(tmp_path / "attached.eml", tmp_path).skipped] == [
        "email message without a text or HTML part (attachments alone are not read)"
    ]


def test_a_sender_name_the_address_parser_gives_up_on_is_the_outlet_as_written(tmp_path):
    """`Evil [bold]Outlet[/bold] <x@…>` has no phrase the parser reads: the outlet was "Evil"."""
    data = (
        b"From: Evil [bold]Outlet[/bold] <x@evil.example>\n"
        b"Subject: Hi\n\n"
        b"Body text that is long enough to read as an article.\n"
    )
    article = _one(write(tmp_path / "evil.eml", data), tmp_path)
    assert article.outlet == "Evil [bold]Outlet[/bold]"
    encoded = b"From: =?utf-8?q?Caf=C3=A9_[News]?= <n@cafe.example>\nSubject: Hi\n\nBody text long enough.\n"
    assert _one(write(tmp_path / "cafe.eml", encoded), tmp_path).outlet == "Café [News]"
    bare = b"From: news@daily.example\nSubject: Hi\n\nBody text long enough.\n"
    assert _one(write(tmp_path / "bare.eml", bare), tmp_path).outlet == "daily.example"


def _multipart(parts: list[bytes], boundary: str, top: bytes = b"") -> bytes:
    body = b"".join(b"--" + boundary.encode() + b"\n" + part + b"\n" for part in parts)
    return (
        top
        + f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'.encode()
        + body
        + b"--"
        + boundary.encode()
        + b"--\n"
    )


def test_a_part_bomb_or_parts_nested_without_end_are_skipped_with_the_reason(tmp_path):
    """The email parser took minutes over 200,000 tiny parts, and gave up on parts nested 5,000
    deep with Python's recursion error: the parts are walked as an MHTML file's are, within its
    limits (counted, not timed)."""
    from reader.corpus.mhtml import MAX_DEPTH, MAX_PARTS

    top = b"From: a@b.example\nSubject: Bomb\n"
    tiny = b"Content-Type: application/octet-stream\n\nx"
    text = b"Content-Type: text/plain\n\nThe text at the end of it all."
    write(tmp_path / "many.eml", _multipart([tiny] * (MAX_PARTS + 5) + [text], "B", top))
    nested = text
    for level in range(MAX_DEPTH + 5):
        nested = _multipart([nested], f"level-{level}")
    write(tmp_path / "deep.eml", top + nested)
    assert [s.reason for s in load_file(tmp_path / "many.eml", tmp_path).skipped] == [
        f"no text in the first {MAX_PARTS:,} parts of this email message (not read further)"
    ]
    assert [s.reason for s in load_file(tmp_path / "deep.eml", tmp_path).skipped] == [
        f"email message not read: its parts are nested over {MAX_DEPTH} levels deep"
    ]


def test_the_plain_part_not_attached_is_the_text_else_the_html_one(tmp_path):
    top = b"From: News <n@daily.example>\nSubject: Today\n"
    attached = (
        b"Content-Type: text/plain\nContent-Disposition: attachment; filename=a.txt\n\nAn attached note, not the text."
    )
    page = "The council met on Tuesday to vote on the budget for next year, after a long debate. " * 3
    html = f"Content-Type: text/html\n\n<html><body><article><p>{page}</p></article></body></html>".encode()
    plain = b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + base64.encodebytes(
        "The plain text of the newsletter, café.".encode()
    )
    inner = _multipart([plain, html], "alt").replace(b"multipart/mixed", b"multipart/alternative")
    write(tmp_path / "both.eml", _multipart([attached, inner], "outer", top))
    write(tmp_path / "html.eml", _multipart([attached, html], "outer", top))
    assert _one(tmp_path / "both.eml", tmp_path).text == "The plain text of the newsletter, café."
    assert _one(tmp_path / "html.eml", tmp_path).text == page.strip()


def test_headers_of_8_bit_bytes_are_read_as_a_files_bytes_are(tmp_path):
    """A mail program saves headers as received: UTF-8 (RFC 6532) or a one-byte charset. The email
    parser made each byte beyond ASCII a replacement character ("R\ufffdsum\ufffd"), and the
    outlet read from the raw header two of them for each UTF-8 letter."""
    body = "\n\nThe council met on Tuesday to vote on the budget.\n"
    utf8 = "From: Café Niños <a@b.example>\nSubject: Résumé du jour" + body
    write(tmp_path / "utf8.eml", utf8.encode("utf-8"))
    write(tmp_path / "latin.eml", utf8.encode("latin-1"))
    for name in ("utf8.eml", "latin.eml"):
        article = _one(tmp_path / name, tmp_path)
        assert (article.title, article.outlet) == ("Résumé du jour", "Café Niños")


def test_a_mail_larger_than_an_article_for_its_attachment_is_read(tmp_path, monkeypatch):
    """A report attached makes a mail megabytes over an article's 10 MB: it was refused as "file
    too large"; it is read within a saved page's limit, only its text part bounded as an article
    (here with an article's limit made 2,000 bytes)."""
    from reader.corpus import loader

    monkeypatch.setattr(loader, "MAX_ARTICLE_BYTES", 2000)
    top = b"From: News <n@daily.example>\nSubject: Report\n"
    text = b"Content-Type: text/plain\n\nThe council met on Tuesday to vote on the budget."
    pdf = b"Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n" + base64.encodebytes(bytes(6000))
    write(tmp_path / "report.eml", _multipart([text, pdf], "B", top))
    assert _one(tmp_path / "report.eml", tmp_path).text == "The council met on Tuesday to vote on the budget."
    write(tmp_path / "long.eml", _multipart([text + b" More." * 1000], "B", top))
    assert [s.reason for s in load_file(tmp_path / "long.eml", tmp_path).skipped] == [
        "email message whose text is too large (over 0 MB, an article's limit)"
    ]


def test_a_mail_of_headers_only_is_a_mail_with_no_text(tmp_path):
    """No blank line after its headers (a draft, a message cut after them): it was "not an
    email message (no From, Subject or Date header)", which it has."""
    headers = b"From: Daily News <news@daily.example>\nSubject: Morning briefing\nDate: Tue, 03 Dec 2024 07:00:00 +0000"
    for name, data in {
        "bare.eml": headers,
        "ended.eml": headers + b"\n",
        "crlf.eml": headers.replace(b"\n", b"\r\n") + b"\r\n",
        "folded.eml": headers + b"\n continued\n",
        "blank.eml": headers + b"\n\n \n",
    }.items():
        result = load_file(write(tmp_path / name, data), tmp_path)
        assert not result.articles
        assert [s.reason for s in result.skipped] == ["no article text (the email message has headers only)"], name


def test_text_under_the_headers_with_no_blank_line_between_is_the_mails_text(tmp_path):
    data = b"From: news@daily.example\nSubject: Council votes\nThe council met on Tuesday to vote on the budget.\n"
    article = _one(write(tmp_path / "typed.eml", data), tmp_path)
    assert article.title == "Council votes"
    assert article.text == "The council met on Tuesday to vote on the budget."
    assert article.outlet == "daily.example"


def test_text_under_the_headers_is_read_whole_when_a_blank_line_comes_later(tmp_path):
    """The blank line after the first paragraph is no end of the headers: that paragraph was
    dropped and the mail read from the second."""
    data = b"From: news@daily.example\nSubject: Council votes\nThe council met on Tuesday.\n\nIt voted on the budget.\n"
    article = _one(write(tmp_path / "typed.eml", data), tmp_path)
    assert article.title == "Council votes"
    assert article.text == "The council met on Tuesday.\n\nIt voted on the budget."


def _forwarding(inner: bytes, own_text: bytes = b"", boundary: bytes = b"b1") -> bytes:
    own = b"--b1\nContent-Type: text/plain\n\n" + own_text + b"\n" if own_text else b""
    return (
        b"From: Jane <jane@home.example>\nSubject: Fwd: Council votes\nDate: Wed, 04 Dec 2024 09:00:00 +0000\n"
        b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n'
        + own
        + b'--b1\nContent-Type: message/rfc822\nContent-Disposition: attachment; filename="fwd.eml"\n\n'
        + inner
        + b"\n--b1--\n"
    ).replace(b"b1", boundary)


_FORWARDED = (
    b"From: Daily News <news@daily.example>\nSubject: Council votes\nDate: Tue, 03 Dec 2024 07:00:00 +0000\n"
    b"Content-Type: text/plain; charset=utf-8\n\nThe council met on Tuesday to vote on the budget.\n"
)


def test_a_message_forwarded_as_a_part_is_read_when_the_mail_has_no_text_of_its_own(tmp_path):
    """ "Forward as attachment" with nothing typed: it was "email message without a text or HTML
    part"; the forwarded message is the article, its headers its title, outlet and date."""
    article = _one(write(tmp_path / "fwd.eml", _forwarding(_FORWARDED)), tmp_path)
    assert (article.title, article.outlet) == ("Council votes", "Daily News")
    assert article.date.startswith("2024-12-03")
    assert article.text == "The council met on Tuesday to vote on the budget."
    typed = _one(write(tmp_path / "note.eml", _forwarding(_FORWARDED, b"Have a look at this.")), tmp_path)
    assert (typed.title, typed.text) == ("Fwd: Council votes", "Have a look at this.")  # its own text first


def test_messages_forwarded_within_forwarded_ones_are_followed_so_deep(tmp_path):
    nested = _FORWARDED
    for level in range(3):
        nested = _forwarding(nested, boundary=b"level%d" % level)
    assert _one(write(tmp_path / "three.eml", nested), tmp_path).title == "Council votes"
    for level in range(3, 40):
        nested = _forwarding(nested, boundary=b"level%d" % level)
    assert [s.reason for s in load_file(write(tmp_path / "deep.eml", nested), tmp_path).skipped] == [
        "email message not read: its forwarded messages are nested over 8 levels deep"
    ]


def test_the_text_of_a_mail_starts_after_its_blank_line():
    from reader.corpus.email_file import parse_email

    assert parse_email(b"From: a@b.example\r\nSubject: S\r\n\r\nBody\r\n", 2**20)[0] == "Body\r\n"


@pytest.mark.parametrize(
    "data",
    [
        b"just some text without headers\n\nmore text\n",
        b"Note: this draft was written on the train.\n\nThe council voted on Tuesday.\n",
        b"Update: the vote was moved.\nThe council voted on Tuesday.\n",
    ],
)
def test_an_eml_file_with_no_mail_headers_is_read_as_its_text_with_a_warning(tmp_path, data):
    """A file named .eml that opens with none of a mail's headers was skipped ("not an email
    message"), its article lost; a first line like a header of another kind ("Note: …") was taken
    for one. It is read as the plain text it is, first line and all, and says so."""
    result = load_file(write(tmp_path / "notes.eml", data), tmp_path)
    [article] = result.articles
    assert article.text == data.decode().strip()
    assert [(s.reason, s.warning) for s in result.skipped] == [
        ("not an email message (no From, Subject or Date header): read as plain text", True)
    ]


def test_a_subject_line_then_a_blank_line_is_a_mail_of_that_subject(tmp_path):
    """Decided: "Subject: …" is a mail's header, whatever follows, so a file opening with it and a
    blank line is a mail: its subject is the title, not a line of the text."""
    data = b"Subject: Council votes on budget\n\nThe council voted on Tuesday to pass the budget.\n"
    article = _one(write(tmp_path / "draft.eml", data), tmp_path)
    assert (article.title, article.text) == (
        "Council votes on budget",
        "The council voted on Tuesday to pass the budget.",
    )


@pytest.mark.parametrize("encoding", ["base64", "quoted-printable"])
def test_a_message_forwarded_encoded_is_read(tmp_path, encoding):
    """A forwarded message/rfc822 part with a Content-Transfer-Encoding of base64 was walked as
    its encoded letters: "email message without a text or HTML part"."""
    import quopri

    body = base64.encodebytes(_FORWARDED) if encoding == "base64" else quopri.encodestring(_FORWARDED)
    data = _forwarding(body).replace(
        b"Content-Type: message/rfc822\n",
        f"Content-Type: message/rfc822\nContent-Transfer-Encoding: {encoding}\n".encode(),
    )
    article = _one(write(tmp_path / "fwd.eml", data), tmp_path)
    assert (article.title, article.outlet) == ("Council votes", "Daily News")
    assert article.text == "The council met on Tuesday to vote on the budget."


def test_a_mail_saved_with_a_byte_order_mark_is_a_mail(tmp_path):
    """An editor's UTF-8 byte-order mark before "From:" made its headers none: the mail was
    refused, then read as text, "From: Daily <…>" its title."""
    data = b"\xef\xbb\xbfFrom: Daily <d@daily.example>\nSubject: Council votes\n\nThe council voted on Tuesday.\n"
    result = load_file(write(tmp_path / "bom.eml", data), tmp_path)
    [article] = result.articles
    assert (article.title, article.outlet, article.text) == ("Council votes", "Daily", "The council voted on Tuesday.")
    assert result.skipped == []


def test_a_mail_of_only_its_route_and_recipient_headers_is_a_mail(tmp_path):
    """A mail saved with "To:" and "Received:" alone (no From, Subject or Date) was read as plain
    text: "To: desk@…" its title, its headers its text's first lines."""
    data = (
        b"To: desk@paper.example\nReceived: from mx.example by mail.example; Mon, 1 Jan 2024 10:00:00 +0000\n"
        b"\nThe council voted on Tuesday to pass the budget.\n"
    )
    result = load_file(write(tmp_path / "route.eml", data), tmp_path)
    [article] = result.articles
    assert article.text == "The council voted on Tuesday to pass the budget." and result.skipped == []


@pytest.mark.parametrize(
    "first_lines",
    [
        b"SUBJECT: Council votes\nFROM: Daily <d@daily.example>\n",  # headers' names in capitals
        b"From alice@example.com Mon Jan  1 00:00:00 2024\nFrom: Daily <d@daily.example>\nSubject: Council votes\n",
    ],
)
def test_headers_in_capitals_or_after_an_mbox_from_line_are_a_mails(tmp_path, first_lines):
    article = _one(write(tmp_path / "mail.eml", first_lines + b"\nThe council voted on Tuesday.\n"), tmp_path)
    assert (article.title, article.outlet, article.text) == ("Council votes", "Daily", "The council voted on Tuesday.")
