"""Pages a newcomer saved from a browser: MHTML (.mhtml, .mht: Chrome's and Edge's "Webpage,
Single File"), read as the saved page they hold, and the hostile files of that kind."""

from __future__ import annotations

import base64
import gzip
import json
import plistlib
import quopri
from pathlib import Path

from reader.corpus import load_corpus, load_file
from reader.corpus.mhtml import MAX_DEPTH, MAX_PARTS

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "saved_pages"
CHROME_PAGE = FIXTURES / "Council approves transport budget.mhtml"
ARTICLE_URL = "https://www.riverside-ledger.example/news/2025/03/04/council-approves-transport-budget"

PARAGRAPHS = (
    "The harbour authority said on Monday that the new ferry terminal would open in the spring, "
    "two years later than planned and at twice the cost first announced.",
    "Engineers found that the old pier could not carry the weight of the new cranes, the "
    "authority's director told reporters, and the foundations had to be rebuilt from the seabed.",
    "Ferry passengers will keep using the temporary terminal on the north quay until then.",
)


def page_html(title: str = "Ferry terminal delayed again", extra: str = "") -> str:
    paragraphs = "".join(f"<p>{p}{extra}</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        f"<article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def mhtml(parts: list[tuple[str, bytes]], *, boundary: str = "----=_NextPart_000_0000_01D9", top: str = "") -> bytes:
    """An MHTML file of `parts` (their headers, their body as written), CRLF line ends."""
    lines = [f"MIME-Version: 1.0{top}", f'Content-Type: multipart/related; type="text/html"; boundary="{boundary}"', ""]
    out = "\r\n".join(lines).encode() + b"\r\n"
    for headers, body in parts:
        out += f"--{boundary}\r\n{headers.strip()}\r\n\r\n".encode().replace(b"\n", b"\r\n").replace(b"\r\r", b"\r")
        out += body + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


def qp_html(html: str, charset: str = "utf-8") -> bytes:
    return quopri.encodestring(html.encode(charset))


def test_a_chrome_mhtml_is_read_as_the_page_it_saved(reader_in_process, tmp_path):
    """Chrome's "Save as… Webpage, Single File": a MIME multipart whose HTML part is
    quoted-printable; its Snapshot-Content-Location is the article's address, which dates it and
    names its outlet as a saved .html page's canonical link does. It was read as plain text: the
    MIME headers and "=3D" codes were the article."""
    shown = json.loads(reader_in_process("show", str(CHROME_PAGE), "--json").stdout)
    [article] = shown
    assert article["title"] == "Council approves transport budget"
    assert article["outlet"] == "Riverside Ledger"
    assert article["url"] == ARTICLE_URL
    assert article["date"] == "2025-03-04"
    assert article["author"] == "Sam Ortega"
    assert "“This is the budget our riders have been asking for,” said council member Ana López" in article["text"]
    assert "=3D" not in article["text"] and "Content-Type" not in article["text"]


def test_mhtml_files_are_articles_of_a_corpus(tmp_path):
    """A folder of .mhtml and .mht files is read: `reader index` found none of them (their
    kinds were named among the "files of other kinds not read")."""
    (tmp_path / "budget.mhtml").write_bytes(CHROME_PAGE.read_bytes())
    # Internet Explorer's and old Edge's .mht: the page in base64, its charset in the part's
    # header (windows-1252, which its own markup does not name), its address in Content-Location
    html = page_html("Café owners protest the new terrace fees").encode("cp1252")
    (tmp_path / "cafe.MHT").write_bytes(
        mhtml(
            [
                (
                    'Content-Type: text/html;\r\n\tcharset="windows-1252"\r\nContent-Transfer-Encoding: base64\r\n'
                    "Content-Location: https://www.harbour-times.example/2024/11/20/cafe-fees.html",
                    base64.encodebytes(html),
                )
            ]
        )
    )
    result = load_corpus([tmp_path])
    assert result.skipped == []
    articles = {article.id: article for article in result.articles}
    assert set(articles) == {"budget", "cafe"}
    assert articles["cafe"].title == "Café owners protest the new terrace fees"
    assert articles["cafe"].url == "https://www.harbour-times.example/2024/11/20/cafe-fees.html"
    assert articles["cafe"].date == "2024-11-20"
    assert articles["budget"].outlet == "Riverside Ledger"


def load_one(tmp_path: Path, data: bytes, name: str = "page.mhtml"):
    path = tmp_path / name
    path.write_bytes(data)
    return load_file(path, tmp_path)


def test_a_page_within_nested_multiparts_is_found(tmp_path):
    """A multipart/alternative within the multipart/related (a mail client's "save as"), the
    page after a plain-text copy."""
    inner = mhtml(
        [
            ("Content-Type: text/plain", b"A plain copy, not the page."),
            (
                "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable",
                qp_html(page_html()),
            ),
        ],
        boundary="inner-boundary",
    )
    inner_headers, inner_body = inner.split(b"\r\n\r\n", 1)
    outer = mhtml([(inner_headers.decode().replace("MIME-Version: 1.0\r\n", ""), inner_body)], boundary="outer")
    result = load_one(tmp_path, outer)
    assert [a.title for a in result.articles] == ["Ferry terminal delayed again"], result.skipped


def test_an_mhtml_file_without_a_page_is_skipped_with_its_reason(tmp_path):
    result = load_one(
        tmp_path, mhtml([("Content-Type: image/png\r\nContent-Transfer-Encoding: base64", b"iVBORw0KGgo=")])
    )
    assert result.articles == []
    [skipped] = result.skipped
    assert (
        skipped.reason == "no web page in this MHTML file: none of its parts is HTML (text/html) or text (text/plain)"
    )


def test_an_mhtml_file_of_plain_text_alone_is_read_as_that_text(tmp_path):
    """A text page saved as MHTML (one text/plain part, base64, its address beside it) was
    refused: "none of its parts is HTML". Its text is the article, its address the article's."""
    text = "\n\n".join(PARAGRAPHS)
    part = f"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\nContent-Location: {ARTICLE_URL}"
    attached = "Content-Type: text/plain\r\nContent-Disposition: attachment; filename=notes.txt"
    result = load_one(tmp_path, mhtml([(part, base64.encodebytes(text.encode())), (attached, b"not this")]))
    [article] = result.articles
    assert article.text == text and article.url == ARTICLE_URL


def test_mhtml_that_is_no_mime_message_is_skipped_with_its_reason(tmp_path):
    result = load_one(tmp_path, b"just some words in a file named .mht\n" * 3, "notes.mht")
    [skipped] = result.skipped
    assert skipped.reason == "not an MHTML page archive: it does not start with MIME headers"
    result = load_one(tmp_path, b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\nno parts\r\n")
    [skipped] = result.skipped
    assert "names no boundary" in skipped.reason


def test_a_bad_charset_leaves_the_page_to_name_its_own(tmp_path):
    """An unknown charset, and a codec that is no charset ("base64", "rot13": Python's codecs
    turn bytes into other bytes), are not used: the page's own <meta charset> tells."""
    html = page_html("Čeští hokejisté vyhráli", extra=" Žluťoučký kůň.").replace(
        "<head>", '<head><meta charset="utf-8">'
    )
    for charset in ("x-no-such-charset", "rot13", "base64", "utf-8\x00evil"):
        headers = f'Content-Type: text/html; charset="{charset}"\r\nContent-Transfer-Encoding: quoted-printable'
        result = load_one(tmp_path, mhtml([(headers, qp_html(html))]))
        assert [a.title for a in result.articles] == ["Čeští hokejisté vyhráli"], (charset, result.skipped)
        assert "Žluťoučký kůň" in result.articles[0].text


def test_a_part_bomb_is_not_walked_through(tmp_path):
    """Over MAX_PARTS tiny parts before the page: skipped with its reason, in well under the time
    the walk through a million parts would take (counted, not timed: the parts read stop)."""
    parts = [("Content-Type: text/plain", b"x")] * (MAX_PARTS + 5) + [("Content-Type: text/html", page_html().encode())]
    result = load_one(tmp_path, mhtml(parts))
    assert result.articles == []
    [skipped] = result.skipped
    assert skipped.reason == f"no web page in the first {MAX_PARTS:,} parts of this MHTML file (not read further)"


def test_a_page_saved_with_large_images_is_read(tmp_path):
    """A page saved with its images is tens of megabytes: over a .html file's 10 MB, it is read
    (only its HTML part is decoded), whichever part comes first."""
    image = base64.encodebytes(b"\x89PNG" + bytes(12 * 1024 * 1024))
    data = mhtml(
        [
            ("Content-Type: image/png\r\nContent-Transfer-Encoding: base64", image),
            ("Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable", qp_html(page_html())),
        ]
    )
    assert len(data) > 16 * 1024 * 1024
    result = load_one(tmp_path, data)
    assert [a.title for a in result.articles] == ["Ferry terminal delayed again"], result.skipped


def test_hostile_text_in_an_mhtml_page_is_stripped(tmp_path):
    """Escape sequences in the page's title and text (quoted-printable hides them as =1B) are
    stripped as a .html file's are; an address that is no web page's is not the article's."""
    html = page_html("Ferry \x1b]0;owned\x07terminal \x1b[31mdelayed")
    headers = "Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: javascript:alert(1)"
    result = load_one(tmp_path, mhtml([(headers, qp_html(html))]))
    [article] = result.articles
    assert "\x1b" not in article.title and "\x07" not in article.title
    assert article.url is None


def test_a_renamed_html_file_is_read_as_html(tmp_path):
    result = load_one(tmp_path, page_html().encode(), "page.mht")
    assert [a.title for a in result.articles] == ["Ferry terminal delayed again"]


def test_fifty_megabytes_of_mhtml_read_in_one_pass(tmp_path):
    """A 50 MB page of images (the HTML part first, as Chrome writes it): read, its HTML part
    found by the boundary, the images never decoded."""
    image = base64.encodebytes(bytes(range(256)) * (4 * 1024 * 36))  # ~48 MB of base64
    data = mhtml(
        [
            ("Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable", qp_html(page_html())),
            ("Content-Type: image/jpeg\r\nContent-Transfer-Encoding: base64", image),
        ]
    )
    assert len(data) > 45 * 1024 * 1024
    result = load_one(tmp_path, data)
    assert [a.title for a in result.articles] == ["Ferry terminal delayed again"], result.skipped


def webarchive(html: bytes, **main) -> bytes:
    """A Safari web archive (a binary property list) of a page and one image."""
    resource = {
        "WebResourceData": html,
        "WebResourceMIMEType": "text/html",
        "WebResourceTextEncodingName": "UTF-8",
        "WebResourceURL": "https://www.harbour-times.example/2024/11/21/ferry-terminal-delayed",
        "WebResourceFrameName": "",
        **main,
    }
    image = {
        "WebResourceData": b"\x89PNG" + bytes(64),
        "WebResourceMIMEType": "image/png",
        "WebResourceURL": "https://x/a.png",
    }
    return plistlib.dumps({"WebMainResource": resource, "WebSubresources": [image]}, fmt=plistlib.FMT_BINARY)


def test_a_safari_web_archive_is_read_as_the_page_it_saved(tmp_path):
    """Safari's "Save As… Web Archive": its main resource's HTML, charset and address (which
    dates the article). It was one of the "files of other kinds not read"."""
    html = page_html("Ferry terminal delayed, café closes").encode("cp1252")
    result = load_one(tmp_path, webarchive(html, WebResourceTextEncodingName="windows-1252"), "Ferry.webarchive")
    [article] = result.articles
    assert article.id == "Ferry"
    assert article.title == "Ferry terminal delayed, café closes"
    assert article.url == "https://www.harbour-times.example/2024/11/21/ferry-terminal-delayed"
    assert article.date == "2024-11-21"
    assert PARAGRAPHS[0] in article.text


def test_web_archives_that_hold_no_page_are_skipped_with_their_reason(tmp_path):
    cases = {
        b"bplist00 but nothing a property list holds": "not a Safari web archive: it cannot be read as a property list",
        plistlib.dumps({"Other": 1}, fmt=plistlib.FMT_BINARY): "not a Safari web archive: it has no main page",
        plistlib.dumps([1, 2], fmt=plistlib.FMT_XML): "not a Safari web archive: it has no main page",
        webarchive(
            b"\x89PNG", WebResourceMIMEType="image/png"
        ): "no web page in this web archive: its main resource is 'image/png'",
        # It said "its main resource is 'text/html', not HTML" of a page without its data.
        plistlib.dumps(
            {"WebMainResource": {"WebResourceMIMEType": "text/html", "WebResourceURL": "https://x.example/a"}}
        ): "no web page in this web archive: its main resource holds no data (WebResourceData)",
    }
    for data, reason in cases.items():
        result = load_one(tmp_path, data, "page.webarchive")
        assert result.articles == []
        [skipped] = result.skipped
        assert skipped.reason.startswith(reason), skipped.reason


def test_multiparts_nested_without_end_are_skipped_with_their_reason(tmp_path):
    """Multiparts within multiparts, 50 deep (a crafted file: Chrome writes one level), the page
    at the bottom: refused past MAX_DEPTH levels rather than walked down."""
    data = page_html().encode()
    headers = "Content-Type: text/html"
    for level in range(50):
        nested = mhtml([(headers, data)], boundary=f"level-{level}")
        head, data = nested.split(b"\r\n\r\n", 1)
        headers = head.decode().replace("MIME-Version: 1.0\r\n", "")
    result = load_one(tmp_path, head + b"\r\n\r\n" + data)
    [skipped] = result.skipped
    assert skipped.reason == f"not an MHTML page archive: its parts are nested over {MAX_DEPTH} levels deep"


def test_lines_that_only_start_like_the_boundary_stay_in_the_page(tmp_path):
    """A delimiter is a line of the boundary alone (blanks or "--" after it): lines of the page
    that start with it and go on stay in the page, LF or CRLF line ends alike (the delimiter's
    search became one regular expression: a find per such line took 7 s over a million)."""
    boundary = "----MultipartBoundary--Qx7m----"
    lookalike = f"--{boundary}X marks the spot"
    html = page_html().replace("</article>", f"<pre>\n{lookalike}\n--{boundary}-not-the-end\n</pre></article>")
    parts = [("Content-Type: text/html; charset=utf-8", html.encode()), ("Content-Type: image/png", b"PNG")]
    for data in (mhtml(parts, boundary=boundary), mhtml(parts, boundary=boundary).replace(b"\r\n", b"\n")):
        result = load_one(tmp_path, data)
        [article] = result.articles
        assert article.title == "Ferry terminal delayed again"
        assert lookalike in article.text and "not-the-end" in article.text and "PNG" not in article.text


def test_a_compressed_saved_page_is_read_and_the_help_and_readme_say_so(reader_in_process, tmp_path):
    """A page.mhtml.gz (or .bz2, .xz: a folder archived to save room) was among the files of
    other kinds, and --corpus's help and the README said so; it is read as the page it holds."""
    import bz2
    import lzma

    saved = CHROME_PAGE.read_bytes()
    (tmp_path / "gz.mhtml.gz").write_bytes(gzip.compress(saved))
    (tmp_path / "bz.mhtml.bz2").write_bytes(bz2.compress(saved))
    (tmp_path / "xz.webarchive.xz").write_bytes(lzma.compress(webarchive(page_html().encode())))
    result = load_corpus([tmp_path])
    assert result.skipped == []
    assert [(a.id, a.title) for a in result.articles] == [
        ("bz", "Council approves transport budget"),
        ("gz", "Council approves transport budget"),
        ("xz", "Ferry terminal delayed again"),
    ]
    assert result.articles[0].url == load_file(CHROME_PAGE, FIXTURES).articles[0].url == ARTICLE_URL
    shown = " ".join(reader_in_process("--help").stdout.split())
    assert "these but *.xml compressed with gzip, bzip2 or xz (*.html.gz, *.mhtml.bz2, *.md.xz)" in shown
    readme = " ".join((Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8").split())
    assert "any of these but `.xml` (a sitemap more often than a feed) also compressed with gzip, bzip2 or xz" in readme
