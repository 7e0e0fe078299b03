"""Content-Encoding as real servers send it, against a real HTTP server on 127.0.0.1: gzip with
no trailer, several gzip members, damaged checksums, zlib-wrapped and raw deflate, and what
reader asks for (never an encoding it cannot read)."""

from __future__ import annotations

import gzip
import zlib

import pytest

from http_fixture import Reply
from reader.fetch.http import FetchFailed, HttpClient, HttpSettings, _Decoder

CONTENT = (
    "<html><body><article>" + "The council met on the harbour budget. " * 400 + "</article></body></html>"
).encode()


def settings() -> HttpSettings:
    return HttpSettings(
        connect_timeout=2, read_timeout=2, total_timeout=5, retries=0, host_delay=0, max_bytes=1_000_000
    )


def served(server, wire: bytes, encoding: str, *, length: bool = True) -> bytes:
    """The body reader reads from `wire` sent with `Content-Encoding: encoding`."""
    server.route("/page", Reply(wire, headers={"Content-Encoding": encoding}, length=length))
    with HttpClient(settings()) as client:
        return client.get(server.url("/page")).body


def refusal(server, wire: bytes, encoding: str) -> FetchFailed:
    with pytest.raises(FetchFailed) as caught:
        served(server, wire, encoding)
    return caught.value


def raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize("length", [True, False])
def test_gzip_without_its_trailer_is_read_whole(server, length):
    # The deflate data ends properly; only the 8-byte CRC and size are missing. Browsers and
    # curl show the page; reader refused it as cut short.
    assert served(server, gzip.compress(CONTENT)[:-8], "gzip", length=length) == CONTENT


def test_gzip_with_part_of_its_trailer_is_read_whole(server):
    assert served(server, gzip.compress(CONTENT)[:-3], "gzip") == CONTENT


def test_gzip_whose_deflate_data_is_cut_is_still_refused(server):
    whole = gzip.compress(CONTENT)
    failure = refusal(server, whole[: len(whole) - 40], "gzip")
    assert failure.kind == "network" and failure.reason.startswith("the response was cut short: its gzip stream")


def test_several_gzip_members_are_all_read(server):
    # Concatenated members (a proxy compressing chunk by chunk): only the first was kept, a page
    # cut to its first part with nothing said.
    parts = [CONTENT[:5000], CONTENT[5000:9000], CONTENT[9000:]]
    assert served(server, b"".join(gzip.compress(part) for part in parts), "gzip") == CONTENT


def test_a_gzip_member_with_a_name_and_comment_header_is_read(server):
    header = b"\x1f\x8b\x08" + bytes([0x08 | 0x10 | 0x04]) + b"\0\0\0\0\0\xff" + b"\x03\0abc" + b"page.html\0note\0"
    trailer = zlib.crc32(CONTENT).to_bytes(4, "little") + len(CONTENT).to_bytes(4, "little")
    assert served(server, header + raw_deflate(CONTENT) + trailer, "gzip") == CONTENT


def test_zero_padding_after_the_last_gzip_member_is_ignored(server):
    assert served(server, gzip.compress(CONTENT) + b"\0" * 16, "gzip") == CONTENT


def test_a_second_gzip_member_cut_in_its_header_is_refused(server):
    failure = refusal(server, gzip.compress(CONTENT) + gzip.compress(b"more")[:6], "gzip")
    assert failure.kind == "network"


def test_a_damaged_gzip_checksum_is_refused(server):
    whole = bytearray(gzip.compress(CONTENT))
    whole[-8] ^= 0xFF
    failure = refusal(server, bytes(whole), "gzip")
    assert failure.kind == "malformed" and "checksum does not match" in failure.reason


def read_as(server, wire: bytes, encoding: str, *, length: bool = True):
    """The response to `wire` sent with `Content-Encoding: encoding`."""
    server.route("/page", Reply(wire, headers={"Content-Encoding": encoding}, length=length))
    with HttpClient(settings()) as client:
        return client.get(server.url("/page"))


FEED = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
    + "<item><title>The ferry</title><description>The council met on the budget.</description></item>" * 300
    + "</channel></rss>"
).encode()
JSON_FEED = b'\xef\xbb\xbf\n{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": []}'


@pytest.mark.parametrize("encoding", ["gzip", "x-gzip", "deflate"])
@pytest.mark.parametrize("body", [CONTENT, FEED, JSON_FEED], ids=["page", "rss", "json feed"])
@pytest.mark.parametrize("length", [True, False])
def test_a_text_sent_uncompressed_under_a_compression_is_read_as_it_came(server, encoding, body, length):
    # "not a gzip stream (wrong header)", or for deflate "too many length or distance symbols":
    # feedparser reads such a body as it came; the fetch says so in a warning (coding_ignored).
    response = read_as(server, body, encoding, length=length)
    assert (response.body, response.coding_ignored) == (body, encoding)


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_real_compressed_body_is_not_said_to_be_uncompressed(server, encoding):
    wire = gzip.compress(FEED) if encoding == "gzip" else zlib.compress(FEED)
    response = read_as(server, wire, encoding)
    assert (response.body, response.coding_ignored) == (FEED, None)
    assert read_as(server, raw_deflate(FEED), "deflate").coding_ignored is None


def test_bytes_that_are_neither_gzip_nor_a_text_are_refused(server):
    failure = refusal(server, b"\x00\x01binary junk" * 20, "gzip")
    assert failure.kind == "malformed" and "not a gzip stream" in failure.reason


@pytest.mark.parametrize("wrap", [gzip.compress, zlib.compress], ids=["gzip", "zlib"])
def test_a_compressed_stream_that_breaks_is_refused_not_read_as_text(server, wrap):
    # Once its header proved it compressed, damage is damage: never the raw bytes taken as the feed.
    whole = bytearray(wrap(FEED))
    whole[len(whole) // 2 : len(whole) // 2 + 8] = b"\xff" * 8
    failure = refusal(server, bytes(whole), "gzip" if wrap is gzip.compress else "deflate")
    assert failure.kind in ("malformed", "network")
    cut = refusal(server, wrap(FEED)[:60], "gzip" if wrap is gzip.compress else "deflate")
    assert cut.kind == "network" and cut.reason.startswith("the response was cut short: its ")


@pytest.mark.parametrize("wrap", [zlib.compress, raw_deflate], ids=["zlib", "raw"])
def test_deflate_zlib_wrapped_or_raw_is_read(server, wrap):
    assert served(server, wrap(CONTENT), "deflate") == CONTENT


def two_members(data: bytes) -> bytes:
    return gzip.compress(data[:7000]) + gzip.compress(data[7000:])


@pytest.mark.parametrize(
    ("encoding", "wrap"),
    [("deflate", raw_deflate), ("deflate", zlib.compress), ("gzip", two_members)],
    ids=["raw deflate", "zlib", "gzip members"],
)
def test_compressed_bodies_in_one_byte_chunks_are_read(server, encoding, wrap):
    # Headers, trailers and the zlib-or-raw decision straddle chunks: each is read whatever the
    # chunking.
    def dribble(handler):
        wire = wrap(CONTENT)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Encoding", encoding)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        for start in range(len(wire)):
            handler.wfile.write(b"1\r\n" + wire[start : start + 1] + b"\r\n")
        handler.wfile.write(b"0\r\n\r\n")

    server.route("/page", dribble)
    with HttpClient(settings()) as client:
        assert client.get(server.url("/page")).body == CONTENT


def test_zlib_deflate_without_its_checksum_is_read_whole(server):
    assert served(server, zlib.compress(CONTENT)[:-4], "deflate") == CONTENT


@pytest.mark.parametrize("wrap", [zlib.compress, raw_deflate], ids=["zlib", "raw"])
def test_deflate_cut_short_is_refused(server, wrap):
    whole = wrap(CONTENT)
    failure = refusal(server, whole[: len(whole) - 40], "deflate")
    assert failure.kind == "network" and failure.reason.startswith("the response was cut short: its deflate stream")


def test_a_damaged_zlib_checksum_is_refused(server):
    whole = bytearray(zlib.compress(CONTENT))
    whole[-1] ^= 0xFF
    assert refusal(server, bytes(whole), "deflate").kind == "malformed"


def test_reader_asks_only_for_encodings_it_reads_and_refuses_others_plainly(server):
    server.route("/page", Reply(b"\x0b\x02\x80hello\x03", headers={"Content-Encoding": "br"}))
    with HttpClient(settings()) as client:
        with pytest.raises(FetchFailed) as caught:
            client.get(server.url("/page"))
    assert server.requests("/page")[0]["Accept-Encoding"] == "gzip, deflate"
    assert caught.value.kind == "malformed" and "'br', which reader cannot read" in caught.value.reason


def test_a_gzip_bomb_in_many_members_stops_at_the_size_cap(server):
    bomb = gzip.compress(b"\0" * 600_000) * 4
    failure = refusal(server, bomb, "gzip")
    assert failure.kind == "too_large"


@pytest.mark.parametrize("said", ["UTF-8", "none", "binary", "utf8, identity"])
def test_a_word_that_names_no_compression_is_ignored_as_browsers_ignore_it(server, said):
    # Some servers put a charset or a placeholder in Content-Encoding: such a feed was refused
    # as compressed in a way reader cannot read, though every browser shows it.
    assert served(server, CONTENT, said) == CONTENT


@pytest.mark.parametrize("said", ["GZIP", "identity, gzip", "x-gzip"])
def test_gzip_is_known_however_it_is_written(server, said):
    assert served(server, gzip.compress(CONTENT), said) == CONTENT


@pytest.mark.parametrize(
    ("said", "words"),
    [
        ("zstd", "compressed the response as 'zstd', which reader cannot read"),
        ("gzip, gzip", "compressed the response more than once (gzip, gzip), which reader cannot read"),
    ],
)
def test_a_compression_reader_cannot_read_is_refused_plainly(server, said, words):
    failure = refusal(server, gzip.compress(gzip.compress(CONTENT)), said)
    assert failure.kind == "malformed" and words in failure.reason


@pytest.mark.parametrize("encoding", [None, "gzip"], ids=["undeclared", "twice"])
def test_gzip_bytes_inside_the_content_are_read_through(server, encoding):
    # Compressed ahead and served without Content-Encoding (a static host, an S3 upload), or
    # compressed by the application and again by its server: refused as a feed that is "not
    # well-formed (invalid token)", and a page as no web page.
    wire = gzip.compress(CONTENT)
    headers = {}
    if encoding:
        wire, headers = gzip.compress(wire), {"Content-Encoding": encoding}
    server.route("/page", Reply(wire, headers=headers))
    with HttpClient(settings()) as client:
        assert client.get(server.url("/page")).body == CONTENT


def test_bytes_that_only_begin_like_gzip_stay_as_they_came(server):
    whole = gzip.compress(CONTENT)
    wire = whole[: len(whole) // 2]
    server.route("/page", Reply(wire))
    with HttpClient(settings()) as client:
        assert client.get(server.url("/page")).body == wire


def test_gzip_inside_the_content_stops_at_the_size_cap(server):
    server.route("/page", Reply(gzip.compress(b"\0" * 2_000_000)))
    with HttpClient(settings()) as client:
        with pytest.raises(FetchFailed) as caught:
            client.get(server.url("/page"))
    assert caught.value.kind == "too_large"


def test_the_feeds_a_page_names_are_titled_in_the_charset_its_header_gives(server, reader_in_process):
    """A page with no <meta charset> sent as "text/html; charset=utf-8": the titles of the
    feeds it names were read from its bytes as Latin-1 ("Café" came out as "CafÃ©")."""
    import json

    from http_fixture import Reply, rss

    server.route("/a.xml", Reply(rss("A", []), content_type="application/rss+xml"))
    links = "".join(
        f'<link rel="alternate" type="application/rss+xml" href="/{name}.xml" title="Café — {name}">'
        for name in ("a", "b")
    )
    server.route("/", Reply(f"<html><head>{links}</head><body>Home</body></html>"))

    added = json.loads(reader_in_process("feed", "add", "--json", server.url("/")).stdout)

    assert added["other_feeds"] == [{"url": server.url("/b.xml"), "title": "Café — b"}]


def test_raw_deflate_of_a_feed_with_a_byte_order_mark_cut_short_is_said_cut_short(server):
    # Raw deflate of a short feed that begins with a UTF-8 byte order mark begins with "{" (a
    # fixed-Huffman block): cut short, its compressed bytes were read as the feed "sent uncompressed".
    feed = b'\xef\xbb\xbf<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    feed += b"<item><title>The ferry</title></item>" * 20 + b"</channel></rss>"
    wire = raw_deflate(feed)
    assert wire[:1] == b"{"
    assert read_as(server, wire, "deflate").body == feed
    server.route("/page", Reply(wire[: len(wire) // 2], headers={"Content-Encoding": "deflate"}, length=False))
    with pytest.raises(FetchFailed) as caught, HttpClient(settings()) as client:
        client.get(server.url("/page"))
    assert caught.value.kind == "network" and caught.value.reason.startswith("the response was cut short: its deflate")


def test_a_plain_body_over_max_bytes_under_a_compression_is_refused_as_too_large(server):
    # Read as it came, it is held to max_bytes as any body (1,000,000 here), and not said "after decompression".
    for length in (True, False):
        server.route("/page", Reply(b"<rss>" + b"a" * 3_000_000, headers={"Content-Encoding": "gzip"}, length=length))
        with pytest.raises(FetchFailed) as caught, HttpClient(settings()) as client:
            client.get(server.url("/page"))
        assert caught.value.kind == "too_large"
        assert caught.value.reason == "response too large (over 1,000,000 bytes, the max_bytes)"


def test_bytes_kept_in_case_a_body_came_uncompressed_stop_at_the_size_limit():
    # Raw deflate is never proven compressed; a stream of empty stored blocks (no content, 5 bytes
    # each) was kept whole for as long as the server sent it.
    decoder = _Decoder("deflate")
    for _ in range(10):
        assert decoder.feed(b"\x00\x00\x00\xff\xff" * 200_000, 1_000_001) == b""
    assert len(decoder.sent) <= 1_000_002 and not decoder.as_sent()


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_text_with_control_bytes_under_a_compression_is_not_read_as_it_came(server, encoding):
    # An escape sequence in a body that never was compressed: refused as broken, not smuggled in as text.
    failure = refusal(server, b"<rss><title>\x1b]52;c;aGk=\x07\x1b[2J</title></rss>", encoding)
    assert failure.kind == "malformed"
