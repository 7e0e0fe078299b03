"""A page saved whole (SingleFile) embeds its images and fonts as base64 data: URIs: 5 to 30 MB of
which the article is a few kilobytes. Such a page over 10 MB was skipped ("file too large"); its
embedded files are now cut as it is read, a chunk at a time, and the rest loaded."""

from __future__ import annotations

import base64
import io
import random
import re
import tracemalloc

import pytest

from conftest import write

from reader.corpus import embedded, load_corpus, load_file
from reader.corpus import loader as loader_module

MIB = 1024 * 1024
TEXT = "".join(
    f"<p>The council met on Tuesday and voted {n} times on the budget, said Mayor Ann Lee.</p>\n" for n in range(6)
)


def saved_whole(payload_bytes: int) -> str:
    """A page as SingleFile saves it: a font in its style, then images, all base64."""
    rng = random.Random(7)

    def data_uri(kind: str, size: int) -> str:
        return f"data:{kind};base64,{base64.b64encode(rng.randbytes(size)).decode()}"

    images = "".join(
        f'<figure><img src="{data_uri("image/jpeg", 1_500_000)}" alt="a photo"></figure>\n'
        for _ in range(payload_bytes // 1_500_000)
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Council backs budget - Daily Bugle</title>'
        f"<style>@font-face{{font-family:F;src:url({data_uri('font/woff2', 300_000)})}}</style></head>"
        f"<body><article><h1>Council backs budget</h1>\n{images}{TEXT}</article></body></html>\n"
    )


def test_a_page_saved_whole_over_the_limit_loads_without_being_held_whole(tmp_path):
    write(tmp_path / "small" / "page.html", saved_whole(0))
    load_corpus([tmp_path / "small"])  # the HTML parsers imported: their modules are not the page's
    page = saved_whole(24 * MIB)
    write(tmp_path / "big" / "page.html", page)
    assert len(page) > 3 * loader_module.MAX_ARTICLE_BYTES
    tracemalloc.start()
    try:
        result = load_corpus([tmp_path / "big"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not result.skipped
    [article] = result.articles
    assert article.title == "Council backs budget"
    assert article.text.count("said Mayor Ann Lee") == 6
    assert peak < len(page) / 4  # read a chunk at a time: never the whole page, nor copies of it (~3 MB)


def test_a_page_over_the_limit_even_without_what_it_embeds_is_skipped_with_why(tmp_path):
    write(tmp_path / "page.html", "<html><body>" + "<p>Words and more words.</p>\n" * 450_000 + "</body></html>")
    [skipped] = load_corpus([tmp_path]).skipped
    assert skipped.reason == "page too large (12.4 MB; over the 10 MB limit without the images and fonts it embeds)"


def test_an_absurd_page_is_not_read_at_all(tmp_path):
    with open(tmp_path / "page.html", "wb") as page:
        page.truncate(loader_module.MAX_PAGE_BYTES + 1)  # sparse: nothing written
    [skipped] = load_corpus([tmp_path]).skipped
    assert skipped.reason == "file too large (256.0 MB; the limit is 256 MB for an HTML page)"


def test_a_page_within_the_limit_is_read_without_what_it_embeds_too(tmp_path):
    # its text, title and date as before; only the payloads go
    page = saved_whole(3_000_000).replace("<article>", '<article><p class="date">March 5, 2024</p>')
    write(tmp_path / "page.html", page)
    [article] = load_corpus([tmp_path]).articles
    assert (article.title, article.date) == ("Council backs budget", "2024-03-05")
    assert embedded.without_embedded(page.encode()).count(b';base64,"') == 2  # two images, emptied


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1000])
def test_reading_a_chunk_at_a_time_cuts_what_cutting_the_whole_does(monkeypatch, chunk):
    """A data: URI's head or payload split between two chunks is cut as when the page is whole,
    and a tag's, a comment's or a style's "<" split from what follows it too."""
    rng = random.Random(chunk)
    pieces = [
        b'<img src="data:image/png;base64,iVBORw0KGgo=">',
        b"url(data:font/woff2;charset=utf-8;base64,d09GMgABAAAAA)",
        b"data:;base64,QUJD",
        b"DATA:IMAGE/GIF;BASE64,R0lGODlh ",
        b"data:image/png,not-base64",
        b"data:text/plain;base64",
        b"<p>data: a word</p>",
        b"<style>",
        b"</style>",
        b"<!-- ",
        b" -->",
        b'<a title="',
        b'">',
        b"a < b ",
        b'<img src="data:image/png;base64,iVBO\nRw0K\n GgoA=\n">',
        b"<img src=data:image/png;base64,iVBO alt=x>",
        b"plain text ",
    ]
    monkeypatch.setattr(embedded, "CHUNK_BYTES", chunk)
    for _ in range(60):
        page = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        cut = embedded.read_without_embedded(io.BytesIO(page), len(page), len(page))
        assert cut == embedded.without_embedded(page)
    assert embedded.without_embedded(pieces[0] + b"<style>" + b" ".join(pieces[1:5]) + b"</style>") == (
        b'<img src="data:image/png;base64,"><style>url(data:font/woff2;charset=utf-8;base64,) data:;base64, '
        b"DATA:IMAGE/GIF;BASE64,  data:image/png,not-base64</style>"
    )


@pytest.mark.parametrize(
    "page",
    [
        b"<p>The phishing page hid in data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg== links.</p>",
        b"<p>If a < b, data:;base64,QUJD is kept</p><style>p{}</style><p>and data:;base64,QUJD</p>",
        b"<title>data:image/png;base64,iVBORw0KGgo</title><pre>\nDATA:IMAGE/GIF;BASE64,R0lGODlh\n</pre>",
    ],
)
def test_a_data_uri_written_in_the_text_is_the_articles_and_kept(page):
    """Only the markup's URIs are cut: the text's (an article quoting one) was cut to its head."""
    assert embedded.without_embedded(page) == page
    assert embedded.read_without_embedded(io.BytesIO(page), len(page), len(page)) == page


def test_what_a_page_quotes_in_its_text_is_in_its_article(tmp_path):
    quoted = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="
    page = saved_whole(0).replace("</article>", f"<p>The phishing links opened {quoted} in the browser.</p></article>")
    write(tmp_path / "page.html", page)
    [article] = load_corpus([tmp_path]).articles
    assert f"The phishing links opened {quoted} in the browser." in article.text


@pytest.mark.parametrize(
    "page",
    [
        b'<img alt="a photo" src="data:image/png;base64,iVBORw0KGgo=" width="2">',
        b"<IMG SRC=DATA:IMAGE/PNG;BASE64,iVBORw0KGgo=>",
        b'<div style="background:url(data:image/png;base64,iVBORw0KGgo=)">',
        b'<img srcset="data:image/png;base64,iVBORw0KGgo= 1x, data:image/png;base64,iVBORw0KGgo= 2x">',
        b"<style>@font-face{src:url('data:font/woff2;base64,d09GMgABAAAAA')}</style>",
        b'<script>var logo = "data:image/png;base64,iVBORw0KGgo=";</script>',
        b"<!-- data:image/png;base64,iVBORw0KGgo= -->",
    ],
)
def test_a_data_uri_in_the_markup_loses_its_payload(page):
    assert b"iVBORw0KGgo" not in embedded.without_embedded(page) and b"d09GMg" not in embedded.without_embedded(page)


def test_a_page_saved_whole_piped_in_or_of_another_suffix_loads_too(tmp_path):
    """`reader show -` and a page of an unknown suffix (page.saved) are told from their content,
    held whole up to a feed's limit: over 10 MB, they were refused as too large."""
    page = saved_whole(12 * MIB).encode()
    [article] = loader_module.load_stream(io.BytesIO(page)).articles
    assert article.title == "Council backs budget"
    write(tmp_path / "page.saved", page.decode())
    [article] = load_file(tmp_path / "page.saved", tmp_path).articles
    assert article.title == "Council backs budget"


def test_a_payload_wrapped_in_lines_in_a_quoted_value_is_cut_whole():
    """base64 wrapped at 76 characters (as email and Python's base64.encodebytes write it) in a
    quoted value was cut to its first line: the rest, megabytes of it, stayed."""
    page = b'<img src="data:image/png;base64,iVBO\nRw0K\n  GgoA=\n" alt="x"><style>a{b:url(\'data:font/woff;base64,d09G\r\nMgAB\')}</style>'
    want = b'<img src="data:image/png;base64," alt="x"><style>a{b:url(\'data:font/woff;base64,\')}</style>'
    assert embedded.without_embedded(page) == want
    assert embedded.read_without_embedded(io.BytesIO(page), len(page), len(page)) == want
    # unquoted, a blank ends the value: what follows is the tag's
    assert (
        embedded.without_embedded(b"<img src=data:image/png;base64,iVBO alt=Mayor>")
        == b"<img src=data:image/png;base64, alt=Mayor>"
    )


def test_a_page_saved_whole_with_wrapped_payloads_over_the_limit_loads(tmp_path):
    page = saved_whole(12 * MIB)
    wrapped = re.sub(
        r"(?<=;base64,)[A-Za-z0-9+/=]+", lambda m: base64.encodebytes(base64.b64decode(m.group())).decode(), page
    )
    assert wrapped.count("\n") > 100_000 and len(wrapped) > loader_module.MAX_ARTICLE_BYTES
    write(tmp_path / "page.html", wrapped)
    result = load_corpus([tmp_path])
    assert not result.skipped
    assert [a.title for a in result.articles] == ["Council backs budget"]
