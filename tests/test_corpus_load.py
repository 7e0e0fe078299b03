"""The corpus loaders: formats, metadata, manifests, ids, encodings, sanitising."""

from __future__ import annotations

import codecs

import unicodedata
import json
import os
import pickle
from pathlib import Path

import pytest

from charset_samples import CJK_TEXTS, LATIN_TEXTS, ONE_BYTE_TEXTS, SPACELESS_TEXTS
from conftest import write

from reader.corpus import (
    SUPPORTED_SUFFIXES,
    discover,
    load_corpus,
    load_file,
    load_path,
)
from reader.corpus import loader as loader_module
from reader.corpus.decode import decode_bytes, pasted_line, sanitize
from reader.corpus.model import Skipped

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

BODY = (
    "The committee voted on Tuesday to approve the measure after a long debate.\n\n"
    "Officials said the vote would be followed by a second reading next month."
)


def by_id(result):
    return {a.id: a for a in result.articles}


# --- the bundled seeds ------------------------------------------------------------------------
def test_seeds_load_with_manifest_metadata():
    result = load_corpus([SEEDS])
    assert result.skipped == []
    articles = by_id(result)
    assert sorted(articles) == ["000_d35029dd94d24c05", "004_5af44beeb4aa5335"]
    fox = articles["000_d35029dd94d24c05"]
    mt = articles["004_5af44beeb4aa5335"]
    assert (fox.outlet, fox.date) == ("Fox News", "2025-10-21")
    assert (mt.outlet, mt.date) == ("The Moscow Times", "2025-10-21")
    assert fox.title and "Putin" in fox.title
    assert mt.title and "Putin" in mt.title
    for article in (fox, mt):
        assert not {"title", "outlet", "date"} & article.inferred
    assert "a senior White House official told Fox News Digital on Tuesday" in fox.text
    assert "Trump hailed the call as progress" in mt.text


# --- plain text and front matter --------------------------------------------------------------
def test_plain_text_id_is_relative_path_without_extension(tmp_path):
    write(tmp_path / "world" / "europe" / "a1.txt", BODY)
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["world/europe/a1"]
    article = result.articles[0]
    assert article.path == tmp_path / "world" / "europe" / "a1.txt"
    assert "second reading next month" in article.text


def test_outlet_and_date_from_a_scraped_files_name(tmp_path):
    """Scraped piles name their files by outlet and day: one article's file gives both, a
    collection's (a JSON Lines dump named by the day it was saved) gives neither."""
    write(tmp_path / "text" / "breitbart_2015-11-11_the-hellish-view.txt", BODY)
    write(tmp_path / "nyt_2016-02-01.jsonl", json.dumps({"title": "JL", "text": BODY}) + "\n")
    articles = {a.id: a for a in load_corpus([tmp_path]).articles}
    one = articles["text/breitbart_2015-11-11_the-hellish-view"]
    assert (one.outlet, one.date) == ("Breitbart News", "2015-11-11")
    assert {"outlet", "date"} <= one.inferred
    (dumped,) = (a for key, a in articles.items() if key.startswith("nyt_2016-02-01"))
    assert (dumped.outlet, dumped.date) == (None, None)


def test_markdown_front_matter_gives_metadata_and_is_not_text(tmp_path):
    write(
        tmp_path / "story.md",
        "---\n"
        "title: Senate passes the budget\n"
        "outlet: Northfield Courier\n"
        "date: 2024-03-05\n"
        "url: https://www.reuters.com/world/budget\n"
        "author: [Ann Lee, Bo Chen]\n"
        "story: budget-2024\n"
        "---\n\n" + BODY,
    )
    article = load_corpus([tmp_path]).articles[0]
    assert article.title == "Senate passes the budget"
    assert article.outlet == "Northfield Courier"
    assert article.date == "2024-03-05"  # a YAML date becomes ISO text
    assert article.url == "https://www.reuters.com/world/budget"
    assert article.author == "Ann Lee, Bo Chen"
    assert article.story == "budget-2024"
    assert "title:" not in article.text and "---" not in article.text
    assert article.text.startswith("The committee voted")


def test_simple_front_matter_is_read_as_yaml_reads_it():
    # Simple `key: value` blocks skip the YAML parser: on every block it accepts, the very
    # mapping YAML gives; it must accept the usual shapes (else it speeds nothing up).
    import random

    from reader.corpus.formats import _simple_front_matter, load_yaml

    keys = ["title", "outlet", "date", "url", "Title", "key_2", "on", "Yes", "null", "n", "a b", "-x", "_k"]
    separators = [": ", ": ", ": ", ":  ", ":", ": \t", " : "]
    values = (
        ["'Quoted title'", "'it''s'", "Plain words here", "The Ashford Ledger", "'2020-06-07'", "2020-06-07"]
        + ["https://x.example/a?b=c&d=1", "O'Neill says", "'a' b", "''", "'", '"double"', "Yes", "no", "No"]
        + ["null", "Null", "~", "True", "off", "a: b", "a #c", "C# and F#", "a#b", "x:", "ends:", "“Curly” words"]
        + ["[list]", "{map}", "&anchor", "*alias", "!tag x", "|", ">", "- item", "x\u2028y", "a\x85b"]
        + ["\ufeffbom", "tab\tin", "Ünïcode İstanbul café", "x  y", "trailing ", " lead", "'  spaced  '"]
        + ["NaN", ".inf", "0x1F", "1e3", "=", "<<", "?x", "%x", "@x", "`x", "x\xa0y", "Plain, with commas"]
        + ["'x' ", "'#not a comment'", "'a: b'", "v\ud800"]
    )
    rng = random.Random(21)
    accepted = 0
    for _ in range(4000):
        lines = []
        for _ in range(rng.randint(1, 5)):
            common = rng.random() < 0.8  # mostly the usual shapes, so that many blocks qualify
            key = rng.choice(keys[:4] if common else keys)
            value = rng.choice(values[:10] if common else values)
            lines.append(key + (": " if common else rng.choice(separators)) + value)
            if rng.random() < 0.03:
                lines.append(rng.choice(["", "  indented: x", "# comment", "---"]))
        block = "\n".join(lines) + "\n"
        simple = _simple_front_matter(block)
        if simple is not None:
            accepted += 1
            assert simple == load_yaml(block), block
            assert list(simple) == list(load_yaml(block)), block
    assert accepted > 300
    usual = "title: 'Of His and With'\noutlet: The Ashford Ledger\ndate: '2020-06-07'\nurl: https://a.example/1\n"
    assert _simple_front_matter(usual) == load_yaml(usual)


def test_text_file_front_matter_with_aliases_and_datetime(tmp_path):
    write(
        tmp_path / "a.txt",
        "---\nheadline: Storm hits coast\nsource: Valley Herald\npublished: 2023-11-02 08:30:00\n"
        "link: https://www.bbc.co.uk/news/x\nunknown_key: whatever\n---\n" + BODY,
    )
    article = load_corpus([tmp_path]).articles[0]
    assert article.title == "Storm hits coast"
    assert article.outlet == "Valley Herald"
    assert article.date == "2023-11-02"
    assert article.url == "https://www.bbc.co.uk/news/x"


def test_multiline_metadata_value_becomes_one_line(tmp_path):
    write(tmp_path / "a.md", '---\ntitle: "Two\\nlines\\tand\\e]0;evil\\aend"\n---\n' + BODY)
    article = load_corpus([tmp_path]).articles[0]
    assert article.title == "Two lines andend"


# --- the manifest -----------------------------------------------------------------------------
def test_manifest_precedence_defaults_then_front_matter_then_entry(tmp_path):
    write(tmp_path / "a.md", "---\ntitle: From front matter\noutlet: Lakeside Post\nauthor: Fm Author\n---\n" + BODY)
    write(tmp_path / "b.md", "---\ntitle: B own title\n---\n" + BODY)
    write(
        tmp_path / "corpus.yaml",
        "defaults:\n  outlet: Default Outlet\n  date: 2020-01-01\nfiles:\n  a.md:\n    title: From the manifest\n",
    )
    articles = by_id(load_corpus([tmp_path]))
    a, b = articles["a"], articles["b"]
    assert a.title == "From the manifest"  # the entry beats the front matter
    assert a.outlet == "Lakeside Post"  # front matter beats defaults
    assert a.author == "Fm Author"
    assert a.date == "2020-01-01"  # defaults fill what is missing
    assert b.title == "B own title"
    assert b.outlet == "Default Outlet"


def test_manifest_is_not_an_article_and_applies_per_folder(tmp_path):
    write(tmp_path / "corpus.yaml", "defaults:\n  outlet: Top\n")
    write(tmp_path / "x.txt", BODY)
    write(tmp_path / "sub" / "y.txt", BODY)
    found = list(discover(tmp_path))
    assert found == [tmp_path / "x.txt", tmp_path / "sub" / "y.txt"]
    articles = by_id(load_corpus([tmp_path]))
    assert articles["x"].outlet == "Top"
    assert articles["sub/y"].outlet != "Top"


def test_manifest_changes_are_seen_after_edit(tmp_path):
    write(tmp_path / "a.txt", BODY)
    manifest = write(tmp_path / "corpus.yaml", "files:\n  a.txt:\n    title: First title\n")
    assert load_file(tmp_path / "a.txt", tmp_path).articles[0].title == "First title"
    manifest.write_text("files:\n  a.txt:\n    title: Second title, longer\n", encoding="utf-8")
    st = manifest.stat()
    os.utime(manifest, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert load_file(tmp_path / "a.txt", tmp_path).articles[0].title == "Second title, longer"


def test_manifest_problems_are_reported_and_valid_entries_still_apply(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(
        tmp_path / "corpus.yaml",
        "colour: red\nfiles:\n  a.txt:\n    title: Good\n    titel: typo\n  b.txt: just a string\n"
        "  ../escape.txt:\n    title: no\n",
    )
    result = load_corpus([tmp_path])
    assert result.articles[0].title == "Good"
    reasons = " | ".join(s.reason for s in result.skipped if s.path == "corpus.yaml")
    assert "unknown top-level key 'colour'" in reasons
    assert "unknown field 'titel'" in reasons
    assert "the entry for 'b.txt' is not a mapping" in reasons
    assert "names a path" in reasons


def test_manifest_keys_holding_a_control_are_shown_exactly_escaped(tmp_path):
    # Cleaned, a key holding U+009B (CSI) lost the characters after it: 'a\x9b1;31mbc' showed as
    # 'abc', a key the user could not find. Escaped as config.yaml's warnings show theirs.
    write(tmp_path / "a.txt", BODY)
    write(
        tmp_path / "corpus.yaml",
        '"top\\x9b2Jkey": 1\ndefaults:\n  "a\\x9b1;31mbc": x\nfiles:\n  "f\\x9b0mile.txt": 5\n'
        '  "g\\x9b0m/x": {}\n  a.txt: {"b\\u202eq": 1}\n',
    )
    reasons = [s.reason for s in load_corpus([tmp_path]).skipped if s.path == "corpus.yaml"]
    assert "unknown top-level key 'top\\x9b2Jkey' (ignored; expected 'defaults' and 'files')" in reasons
    assert any(r.startswith("unknown field 'a\\x9b1;31mbc' in 'defaults'") for r in reasons), reasons
    assert "the entry for 'f\\x9b0mile.txt' is not a mapping of fields (ignored)" in reasons
    assert any(r.startswith("entry 'g\\x9b0m/x' names a path") for r in reasons), reasons
    assert any(r.startswith("unknown field 'b\\u202eq' in the entry for 'a.txt'") for r in reasons), reasons
    assert all(r.isprintable() for r in reasons)


# --- HTML, via reader.corpus.html -------------------------------------------------------------
def test_html_goes_through_parse_html(tmp_path, monkeypatch):
    calls = []

    def fake_parse_html(html, *, source_name, url=None):
        calls.append((html, source_name))
        return BODY, {"title": "Page title", "url": "https://example.org/p", "date": "2022-02-02"}

    monkeypatch.setattr(loader_module, "_html_parser", lambda: fake_parse_html)
    write(tmp_path / "pages" / "p.html", "<html><body><p>caf\u00e9</p></body></html>")
    write(tmp_path / "corpus.yaml", "")
    write(tmp_path / "pages" / "corpus.yaml", "files:\n  p.html:\n    outlet: Pine Gazette\n")
    article = load_corpus([tmp_path]).articles[0]
    assert article.id == "pages/p"
    assert (article.title, article.url, article.outlet) == ("Page title", "https://example.org/p", "Pine Gazette")
    assert calls == [("<html><body><p>caf\u00e9</p></body></html>", "pages/p.html")]


def test_real_html_extraction_when_available(tmp_path):
    pytest.importorskip("reader.corpus.html")
    paragraphs = "".join(f"<p>{BODY} Paragraph number {i} adds more detail.</p>" for i in range(6))
    write(
        tmp_path / "page.html",
        f"<html><head><title>Budget vote</title></head><body><article><h1>Budget vote</h1>"
        f"{paragraphs}</article></body></html>",
    )
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["page"], result.skipped
    assert "second reading next month" in result.articles[0].text


# --- clean_and_infer is called with the parsed body and metadata ------------------------------
def test_clean_and_infer_receives_body_and_meta(tmp_path, monkeypatch):
    seen = {}

    def fake_clean(
        body,
        meta,
        *,
        source_name,
        feed_title=None,
        path_hints=False,
        path_date=True,
        saved=None,
        weekdays=True,
        site=None,
    ):
        seen.update(body=body, meta=dict(meta), source=source_name, path_hints=path_hints)
        return body.replace("committee", "panel"), {**meta, "outlet": "AP", "title": "T"}, frozenset({"outlet"})

    monkeypatch.setattr(loader_module, "_cleaner", lambda: fake_clean)
    write(tmp_path / "d" / "a.md", "---\ntitle: Given\n---\n" + BODY)
    article = load_corpus([tmp_path]).articles[0]
    assert seen["body"] == BODY
    assert seen["meta"] == {"title": "Given", "outlet": None, "date": None, "url": None, "author": None, "story": None}
    assert seen["source"] == "d/a.md" and seen["path_hints"] is True  # one article: its path may name it
    assert "The panel voted" in article.text
    assert article.outlet == "AP" and article.inferred == frozenset({"outlet"})


def test_cleaner_output_is_sanitised_again(tmp_path, monkeypatch):
    monkeypatch.setattr(
        loader_module,
        "_cleaner",
        lambda: (
            lambda body, meta, *, source_name, feed_title=None, path_hints=False, path_date=True, saved=None, weekdays=True, site=None: (
                body + "\x1b[2J\x07",
                {**meta, "title": "a\x00b\x85c"},
                frozenset(),
            )
        ),
    )
    write(tmp_path / "a.txt", BODY)
    article = load_corpus([tmp_path]).articles[0]
    assert article.text == BODY
    assert article.title == "ab c"


# --- feeds ------------------------------------------------------------------------------------
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News</title><link>https://news.example.com/</link>
<item><title>First &amp; foremost</title><link>https://news.example.com/1</link>
<pubDate>Tue, 21 Oct 2025 10:00:00 GMT</pubDate><author>desk@example.com (Desk)</author>
<description>&lt;p&gt;Para one of the first story.&lt;/p&gt;&lt;p&gt;Para two &amp;#27;[2J here.&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://news.example.com/2</link>
<description>Plain second story body text.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>
<entry><title>Atom entry</title><link href="https://atom.example.org/a"/>
<updated>2024-06-30T12:00:00Z</updated>
<content type="html">&lt;p&gt;Atom body, first paragraph.&lt;/p&gt;&lt;p&gt;Second paragraph.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_feed_gives_one_article_per_entry(tmp_path):
    write(tmp_path / "feeds" / "news.rss", RSS)
    articles = by_id(load_corpus([tmp_path]))
    assert sorted(articles) == ["feeds/news#1", "feeds/news#2"]
    first = articles["feeds/news#1"]
    assert first.title == "First & foremost"
    assert first.url == "https://news.example.com/1"
    assert first.date == "2025-10-21"
    assert "Para one of the first story." in first.text
    assert "Para two" in first.text and "\x1b" not in first.text
    assert "\n" in first.text  # paragraphs stay apart
    assert "Plain second story body text." in articles["feeds/news#2"].text


def test_atom_feed(tmp_path):
    write(tmp_path / "a.atom", ATOM)
    article = load_corpus([tmp_path]).articles[0]
    assert article.id == "a#1"
    assert article.title == "Atom entry"
    assert article.date == "2024-06-30"
    assert article.url == "https://atom.example.org/a"
    assert "Atom body, first paragraph." in article.text and "Second paragraph." in article.text


# --- JSON Lines -------------------------------------------------------------------------------
def test_json_lines_one_article_per_line(tmp_path):
    lines = [
        {
            "title": "One",
            "outlet": "Northfield Courier",
            "date": "2021-05-06",
            "url": "https://reuters.com/1",
            "text": BODY,
        },
        {
            "headline": "Two",
            "source": "Harbor Ledger",
            "body": "Second body \u001b]0;pwned\u0007 text.",
            "authors": ["X"],
        },
    ]
    write(tmp_path / "dump.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    articles = by_id(load_corpus([tmp_path]))
    assert sorted(articles) == ["dump#1", "dump#2"]
    one, two = articles["dump#1"], articles["dump#2"]
    assert (one.title, one.outlet, one.date, one.url) == (
        "One",
        "Northfield Courier",
        "2021-05-06",
        "https://reuters.com/1",
    )
    assert (two.title, two.outlet, two.author) == ("Two", "Harbor Ledger", "X")
    assert "pwned" not in two.text and "\x1b" not in two.text and "\x07" not in two.text
    assert two.text.startswith("Second body") and two.text.endswith("text.")


def test_json_line_ids_are_line_numbers(tmp_path):
    write(tmp_path / "d.ndjson", "\n" + json.dumps({"text": "alpha body"}) + "\n\n" + json.dumps({"text": "beta body"}))
    assert [a.id for a in load_corpus([tmp_path]).articles] == ["d#2", "d#4"]


# --- encodings and sanitising -----------------------------------------------------------------
@pytest.mark.parametrize(
    "data, expected",
    [
        (b"\xef\xbb\xbfcaf\xc3\xa9 au lait", "café au lait"),
        ("café au lait".encode("utf-16"), "café au lait"),
        ("plain news text".encode("utf-16-le"), "plain news text"),  # no BOM
        ("plain news text".encode("utf-16-be"), "plain news text"),
        (b"\xe2\x80\x9cquoted\xe2\x80\x9d", "\u201cquoted\u201d"),
        (b"\x93quoted\x94 \x96 caf\xe9", "\u201cquoted\u201d \u2013 café"),  # cp1252
        (b"caf\xe9 \x81", "café \x81"),  # not cp1252 either: latin-1 decodes every byte
    ],
)
def test_decoding(data, expected):
    assert decode_bytes(data)[0] == expected


WIDE_TEXTS = [
    "The council approved the new transit plan on Monday.\nSupporters cheered.\n",
    "Москва, 3 декабря. Президент заявил, что бюджет будет принят.\nДепутаты согласились.\n",
    "北京时间今天上午，国家统计局发布了最新的经济数据。\n专家认为，经济增长保持稳定。\n",
    "東京都は3日、新しい対策を発表した。\n",
    "서울 3일 정부는 새로운 정책을 발표했다.\n",
]


@pytest.mark.parametrize("text", WIDE_TEXTS)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_real_wide_text_loads_with_a_bom(text, encoding):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    assert decode_bytes(bom + text.encode(encoding))[0] == text


@pytest.mark.parametrize("text", WIDE_TEXTS)
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_real_wide_text_loads_without_a_bom(tmp_path, text, encoding):
    # Only mostly-ASCII UTF-16 was known without a BOM: Russian or Chinese was a "binary file".
    write(tmp_path / "a.txt", text.encode(encoding))
    result = load_corpus([tmp_path])
    assert result.skipped == []
    [article] = result.articles
    assert text.strip().split("\n")[-1] in article.text


@pytest.mark.parametrize("encoding, text", CJK_TEXTS)
@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_cjk_utf16_without_a_bom_or_ascii_loads(tmp_path, order, encoding, text):
    """CJK UTF-16 with no BOM and no ASCII (no space or line break: no NUL byte, or one only by
    chance, 一 being U+4E00) was cp1252 mojibake, or a "binary file"."""
    del encoding  # the texts' own charsets are not used here
    cjk = "".join(ch for ch in text if not ch.isascii())
    write(tmp_path / "a.txt", cjk.encode(order))
    result = load_corpus([tmp_path])
    assert result.skipped == [] and [article.text for article in result.articles] == [cjk]


@pytest.mark.parametrize(
    "encoding, text",
    [*ONE_BYTE_TEXTS, ("cp1252", "São\ndéjà"), ("cp1252", "is” — €5"), ("cp1252", "rème brûlé")],
)
def test_one_byte_text_is_not_taken_for_utf16(encoding, text):
    # Two bytes at a time, a few words of cp1252 read as ideographs: "São\ndéjà" is 口漊擩櫠.
    for cut in range(len(text)):
        data = text[cut:].encode(encoding)
        assert not decode_bytes(data)[1].startswith("utf-16"), text[cut:]


def test_shift_jis_is_not_taken_for_utf16():
    # Shift_JIS's kanji and kana read as UTF-16 (big-endian) are ideographs too (者が確認 is 軒芪詭鑆):
    # a text fewer than 24 bytes beyond ASCII stays mojibake, but is read as no UTF-16.
    for text in ("者が確認され", "府は対策を急ぐ方", "は十五日に発表"):
        assert not decode_bytes(text.encode("cp932"))[1].startswith("utf-16")


def test_html_meta_charset_is_honoured_when_not_utf8():
    data = '<html><head><meta charset="koi8-r"></head><body>Привет</body></html>'.encode("koi8-r")
    assert "Привет" in decode_bytes(data, html=True)[0]


def test_invalid_utf8_file_loads_with_fallback(tmp_path):
    write(tmp_path / "win.txt", b"The minister said \x93no comment\x94 on Friday \x96 and left.")
    article = load_corpus([tmp_path]).articles[0]
    assert "\u201cno comment\u201d" in article.text and "\u2013" in article.text


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("a\x1b[31mred\x1b[0m b", "ared b"),
        ("title\x1b]0;evil title\x07 ok", "title ok"),
        ("link \x1b]8;;http://x\x1b\\text\x1b]8;;\x1b\\", "link text"),
        ("dcs\x1bPqpayload\x1b\\ end", "dcs end"),
        ("c1\x9b2Jcsi \x9d0;t\x9c!", "c1csi !"),
        ("keep\ttab\nand newline", "keep\ttab\nand newline"),
        ("crlf\r\nline\rmore", "crlf\nline\nmore"),
        ("nul\x00bell\x07del\x7f", "nulbelldel"),
        ("e\u0301", "\u00e9"),  # NFC
        ("\ufeffbom inside\ufeff", "bom inside"),
        ("unterminated \x1b]0;title", "unterminated 0;title"),
    ],
)
def test_sanitize(raw, clean):
    assert sanitize(raw) == clean


@pytest.mark.parametrize(
    "pasted, line",
    [
        ("Putin\nsummit in Budapest\n", "Putin summit in Budapest"),
        ("“no plans for President Trump  \r\n   to meet”", "“no plans for President Trump to meet”"),
        ("a\n\n\nb\tc", "a b c"),
        (" putin", " putin"),  # the blank parts it from a word typed before it
        ("evil\x1b[2J\x1b]0;t\x07 paste", "evil paste"),
    ],
)
def test_pasted_line(pasted, line):
    assert pasted_line(pasted) == line


def test_escape_sequences_never_survive_loading(tmp_path):
    write(tmp_path / "evil.txt", "Start\x1b[2J\x1b]0;owned\x07 of text.\r\nNext\x9b1m line\x85end")
    article = load_corpus([tmp_path]).articles[0]
    assert "Start of text." in article.text and "Next line" in article.text
    assert "owned" not in article.text
    assert not [ch for ch in article.text if ch not in "\n\t" and (ord(ch) < 32 or 127 <= ord(ch) < 160)]


# --- discover ---------------------------------------------------------------------------------
def test_discover_skips_hidden_and_unsupported(tmp_path):
    write(tmp_path / "b.md", BODY)
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / ".git" / "c.txt", BODY)
    write(tmp_path / ".hidden.txt", BODY)
    write(tmp_path / "notes.yaml", "x: 1")
    write(tmp_path / "image.png", b"\x89PNG\r\n")
    write(tmp_path / "stories.json", "{}")  # read (and skipped, with its reason, as JSON of no article)
    write(tmp_path / "z" / "d.html", "<p>x</p>")
    found = [tmp_path / "a.txt", tmp_path / "b.md", tmp_path / "stories.json", tmp_path / "z" / "d.html"]
    assert list(discover(tmp_path)) == found


def test_saved_web_pages_resource_folders_are_not_walked(tmp_path):
    """A browser's "Save page as" puts "Page_files" (frames, scripts, images) beside "Page.html":
    its frames were skipped one by one ("no article text found") or read as articles."""
    write(tmp_path / "Budget vote - BBC.html", f"<html><body><article><p>{BODY}</p></article></body></html>")
    write(tmp_path / "Budget vote - BBC_files" / "ads.html", "<html><body>banner</body></html>")
    write(tmp_path / "Budget vote - BBC_files" / "frame.htm", f"<html><body><p>{BODY}</p></body></html>")
    write(tmp_path / "Budget vote - BBC_files" / "style.css", "p {}")
    write(tmp_path / "old.HTM", f"<html><body><article><p>{BODY}</p></article></body></html>")
    write(tmp_path / "old_files" / "frame.html", f"<p>{BODY}</p>")
    # a "_files" folder with no page of its name beside it is a folder like any other
    write(tmp_path / "court_files" / "ruling.txt", BODY)
    result = load_corpus([tmp_path])
    assert sorted(a.id for a in result.articles) == ["Budget vote - BBC", "court_files/ruling", "old"]
    assert result.skipped == []


def test_supported_suffixes():
    assert {
        ".txt",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".rss",
        ".atom",
        ".xml",
        ".jsonl",
        ".json",
    } <= SUPPORTED_SUFFIXES
    assert ".yaml" not in SUPPORTED_SUFFIXES


def test_symlinked_folder_is_followed_under_its_link_name(tmp_path):
    outside = tmp_path / "outside"
    write(outside / "o.txt", BODY)
    root = tmp_path / "root"
    write(root / "r.txt", BODY)
    (root / "linked").symlink_to(outside, target_is_directory=True)
    assert sorted(a.id for a in load_corpus([root], follow_links=True).articles) == ["linked/o", "r"]
    result = load_corpus([root])  # by default, links stay inside the corpus
    assert [a.id for a in result.articles] == ["r"]
    assert [(s.path, "outside the corpus" in s.reason) for s in result.skipped] == [("linked", True)]


def test_folder_reached_twice_is_read_once(tmp_path):
    write(tmp_path / "real" / "a.txt", BODY)
    (tmp_path / "alias").symlink_to(tmp_path / "real", target_is_directory=True)
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["real/a"]
    assert any(s.path == "alias" and "same folder as real" in s.reason for s in result.skipped)


# --- load_path, several roots, ids ------------------------------------------------------------
def test_load_path_anywhere(tmp_path):
    path = write(tmp_path / "deep" / "note.article", BODY)  # unknown suffix: read as text
    result = load_path(path)
    assert [a.id for a in result.articles] == ["note"]
    seed = load_path(SEEDS / "000_d35029dd94d24c05.txt").articles[0]
    assert seed.id == "000_d35029dd94d24c05" and seed.outlet == "Fox News"


def test_load_path_tells_a_file_of_an_unknown_suffix_by_its_content(tmp_path):
    """`reader show article.json` showed the raw JSON, its first line the title: a file named on
    purpose is read as its content says, as standard input is."""
    pretty = write(tmp_path / "np.json", '{\n  "title": "Council votes",\n  "maintext": "It voted on Monday."\n}\n')
    (article,) = load_path(pretty).articles
    assert (article.id, article.title, article.text) == ("np", "Council votes", "It voted on Monday.")
    one_line = write(tmp_path / "one.json", json.dumps({"title": "One line", "text": BODY}))
    assert [(a.id, a.title) for a in load_path(one_line).articles] == [("one", "One line")]
    listed = write(tmp_path / "list.json", json.dumps([{"title": "A", "text": BODY}, {"title": "B", "text": BODY}]))
    assert [(a.id, a.title) for a in load_path(listed).articles] == [("list#1", "A"), ("list#2", "B")]
    page = write(
        tmp_path / "story.php",
        "<html><head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1><p>"
        + BODY
        + "</p></article></body></html>",
    )
    (article,) = load_path(page).articles
    assert article.title == "Bridge opens" and "<p>" not in article.text
    other = load_path(write(tmp_path / "package.json", '{"name": "pkg", "version": "1"}'))
    assert not other.articles and "with no article field" in other.skipped[0].reason


def test_a_news_please_article_keeps_its_date_and_outlet(tmp_path):
    """news-please writes `date_publish` (and `maintext`): the article had no date."""
    record = {
        "title": "Council votes",
        "maintext": BODY,
        "date_publish": "2025-01-07 10:00:00",
        "date_download": "2025-01-08 09:00:00",
        "url": "https://www.nytimes.com/nyregion/council.html",
        "authors": ["Jane Roe"],
    }
    (article,) = load_path(write(tmp_path / "np.jsonl", json.dumps(record) + "\n")).articles
    assert (article.date, article.outlet, article.author) == ("2025-01-07", "The New York Times", "Jane Roe")


def test_several_roots_and_duplicate_ids(tmp_path):
    write(tmp_path / "r1" / "a.txt", BODY)
    write(tmp_path / "r1" / "a.md", BODY)
    write(tmp_path / "r2" / "b.txt", BODY)
    result = load_corpus([tmp_path / "r1", tmp_path / "r2"])
    assert [a.id for a in result.articles] == ["a", "b"]
    assert result.articles[0].path.name == "a.md"  # discover order: a.md before a.txt
    assert any("same id 'a'" in s.reason for s in result.skipped)


def test_load_file_results_pickle(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "bad.txt", b"")
    for name in ("a.txt", "bad.txt"):
        result = load_file(tmp_path / name, tmp_path)
        again = pickle.loads(pickle.dumps(result))
        assert again == result
    assert load_file(tmp_path / "bad.txt", tmp_path).skipped == [Skipped("bad.txt", "empty file")]


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("cp1251", "Президент России заявил, что встреча не состоится. «Это неприемлемо», — сказал он."),
        ("koi8-r", "Президент России заявил, что встреча с американским коллегой не состоится."),
        ("cp1252", "The café’s owner said “it’s fine” — a naïve résumé costs €5, and that is all."),
        ("latin-1", "Große Straße, Ökonomie und Übermaß, sagte der Bürgermeister am Dienstag."),
    ],
)
def test_legacy_encodings_without_a_bom_read_correctly(tmp_path, encoding, text):
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    article = load_corpus([tmp_path]).articles[0]
    assert article.text.strip() == text


@pytest.mark.parametrize("encoding, text", CJK_TEXTS)
def test_cjk_text_that_declares_no_charset_is_read_in_its_charset(tmp_path, encoding, text):
    # Read as cp1252 (or Latin-1), a Shift_JIS file was "“Œ‹ž“s‚Í..." for "東京都は...".
    write(tmp_path / "a.txt", text.encode(encoding))
    title = text.split("。")[0][:12].strip()
    item = f"<item><title>{title}</title><link>https://x.example/1</link><description>{text}</description></item>"
    write(
        tmp_path / "f.rss", f'<?xml version="1.0"?><rss version="2.0"><channel>{item}</channel></rss>'.encode(encoding)
    )
    feed, plain = sorted(load_corpus([tmp_path]).articles, key=lambda a: a.path.suffix)
    assert (feed.title, feed.text.strip(), plain.text.strip()) == (title, text, text)
    page = f"<html><head><title>{title}</title></head><body><p>{text}</p></body></html>"
    assert decode_bytes(page.encode(encoding), html=True) == (page, codecs.lookup(encoding).name)


@pytest.mark.parametrize("encoding, text", CJK_TEXTS)
@pytest.mark.parametrize("script_kb", [20, 40, 100])
def test_a_cjk_page_whose_text_comes_after_tens_of_kb_of_scripts_is_read_in_its_charset(encoding, text, script_kb):
    """The first 32 KB of a page held its <title> and tens of KB of scripts: too few bytes beyond
    ASCII to tell a CJK charset by (or, with some of its text, too much ASCII for
    charset-normalizer to weigh), and the page was read as cp1252 or Windows-1254."""
    title = text.split("。")[0][:4].strip()
    script = "var seen = window.seen || {}; " * (script_kb * 1024 // 30)
    page = f"<html><head><title>{title}</title><script>{script}</script></head><body><p>{text}</p></body></html>"
    assert decode_bytes(page.encode(encoding), html=True) == (page, codecs.lookup(encoding).name)


@pytest.mark.parametrize("encoding, text", ONE_BYTE_TEXTS)
def test_one_byte_text_is_not_taken_for_cjk(encoding, text):
    for html in (False, True):
        data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode(encoding)
        assert decode_bytes(data, html=html)[1] not in ("cp932", "euc_jp", "gb18030", "big5hkscs", "cp949")
    # Central European text, all-capital Greek with no spaces and ISO-8859-15's š were read as
    # Windows-1252 (or Latin-1), before the CJK guess came and after it: now in their charsets.
    assert decode_bytes(text.encode(encoding))[0] == text


@pytest.mark.parametrize("encoding, text", LATIN_TEXTS)
def test_latin_text_is_read_in_the_charset_whose_letters_fit_its_language(encoding, text, tmp_path):
    """Polish, Czech, Hungarian, Slovak or Croatian in cp1250 were read as cp1252 ("Pøíliš",
    "Za¿ó³æ"), Finnish or French with š, œ and € in ISO-8859-15 too ("¦árka", "c½ur"); Western
    European text in cp1252 stays so, its symbols (¤, m³, ¿Qué?) beside it."""
    for html in (False, True):
        data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode(encoding)
        read, used = decode_bytes(data, html=html)
        assert text in read and used == codecs.lookup(encoding).name
    write(tmp_path / "a.txt", f"{text}\n\n{BODY}".encode(encoding))
    assert text in load_file(tmp_path / "a.txt", tmp_path).articles[0].text


@pytest.mark.parametrize(
    "text",
    [
        "Yesterday Ólafur, Håkon met the press in town and said it was fine.",
        "Yesterday Mañana, Ægir met the press in town and said it was fine.",
        "Yesterday Ibáñez, Škoda, Øresund met the press in town and said it was fine.",
        "Yesterday Œuvre, São, Señora met the press in town and said it was fine.",
    ],
)
def test_english_naming_foreigners_of_several_languages_stays_cp1252(text):
    """Names of several languages in English text, each of one alphabet, were read in cp1250 when
    that reading's letters happened to fit one ("Hĺkon" and "Ólafur" are Slovak's, "Mańana, Ćgir"
    Polish): a reading is taken over cp1252's that has no misfit only when most words it changes are
    not names, begun with a small letter, as Central European prose's are."""
    for html in (False, True):
        data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode("cp1252")
        read, used = decode_bytes(data, html=html)
        assert text in read and used == "cp1252"


def test_all_capital_greek_without_spaces_is_read_as_greek_but_cyrillic_is_not():
    """All-capital Greek written without spaces (a run-together headline) was read as cp1252,
    "ÂÏÕË¹Ó¹ÌÅÑÁÁÈ¹ÍÁ": charset-normalizer passes over it. Cyrillic in cp1251 read as cp1253 is
    Greek letters too: small ones, or with a final sigma inside a word, and so not taken for it."""
    for text in ("ΒΟΥΛΉΣΉΜΕΡΑΑΘΉΝΑ", "ΑΘΗΝΑ", "ΚΥΒΕΡΝΗΣΗΑΝΑΚΟΙΝΩΣΕΣΗΜΕΡΑΝΕΑΜΕΤΡΑ"):
        assert decode_bytes(text.encode("cp1253")) == (text, "cp1253")
    for text in ("Лента", "Привет", "Кремль"):
        assert decode_bytes(text.encode("cp1251"))[1] != "cp1253"


@pytest.mark.parametrize("encoding, text", SPACELESS_TEXTS)
def test_arabic_hebrew_and_greek_written_without_spaces_are_read_in_their_charset(encoding, text):
    """charset-normalizer takes a run of letters with no space for gibberish: cp1256 Arabic so
    written was read as EUC-JP or GBK ideographs (or cp1252), cp1255 Hebrew as cp1252."""
    for html in (False, True):
        data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode(encoding)
        read, used = decode_bytes(data, html=html)
        assert text in read and used == encoding


@pytest.mark.parametrize(
    "encoding, channel, title, text",
    [
        ("cp1251", "Лента", "Новости дня: министр и совет", "Президент России заявил, что встреча не состоится."),
        ("koi8-r", "Лента", "Бюджет на следующий год", "Правительство внесло в Думу проект бюджета с дефицитом."),
        ("cp1253", "Ροή", "Ειδήσεις της ημέρας", "Ο πρωθυπουργός δήλωσε ότι η συνάντηση δεν θα γίνει σήμερα."),
        ("cp1252", "Le Flux", "Café crème à la française", "L’été dernier, le maire a dit « c’est bien » à Orléans."),
        ("cp1250", "Zprávy", "Vláda schválila rozpočet", "Příliš žluťoučký kůň úpěl ďábelské ódy, řekl ministr."),
        ("cp1250", "Wiadomości", "Rząd przyjął budżet", "Premier powiedział, że rząd przyjął projekt ustawy w środę."),
    ],
)
def test_a_feed_in_a_legacy_encoding_declared_nowhere_is_read_in_it(tmp_path, encoding, channel, title, text):
    """No XML declaration's encoding, no BOM: feedparser read the bytes as windows-1252, and a
    cp1251 feed's titles came out "Íîâîñòè äíÿ" (the letters of its tags, all ASCII, hid the
    mojibake from the check that catches it in plain text)."""
    body = " ".join([text] * 3)
    items = "".join(
        f"<item><title>{title} {n}</title><link>https://x.example/{n}</link><description>{body}</description></item>"
        for n in range(3)
    )
    xml = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{channel}</title>{items}</channel></rss>'
    write(tmp_path / "f.rss", xml.encode(encoding))
    articles = load_corpus([tmp_path]).articles
    assert sorted(a.title for a in articles) == [f"{title} {n}" for n in range(3)]
    assert {a.outlet for a in articles} == {channel} and articles[0].text.startswith(text)


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252", "ISO-8859-15"])
def test_a_utf8_feed_that_declares_a_one_byte_encoding_is_read_as_utf8(tmp_path, declared):
    # As a page whose bytes are valid UTF-8 is read whatever its <meta> says: feedparser followed
    # the declaration (a CMS's default) and every entry's title read "Ã‡a va â€“ dÃ©jÃ".
    title, text = "Ça va – déjà l’été", "L’été dernier, le maire a dit « c’est bien » à Orléans."
    item = f"<item><title>{title}</title><link>https://x.example/1</link><description>{text}</description></item>"
    xml = f'<?xml version="1.0" encoding="{declared}"?><rss version="2.0"><channel><title>Café</title>{item}</channel></rss>'
    write(tmp_path / "f.rss", xml.encode("utf-8"))
    [article] = load_corpus([tmp_path]).articles
    assert (article.title, article.outlet, article.text) == (title, "Café", text)


def test_a_front_matter_files_body_is_sanitised_once_and_composed(tmp_path):
    # The whole decoded text is sanitised before the front matter is split off: the body needs
    # only composing (NFC) where it was cut, not its controls stripped again.
    raw = "---\ntitle: T\x1b[31m\n---\n\u0301Cafe\u0301 opened\x07 today.\x1b[2J\r\nIt was busy.\u2028Very busy.\n"
    write(tmp_path / "a.md", raw)
    article = load_corpus([tmp_path]).articles[0]
    assert article.title == "T"
    assert article.text == unicodedata.normalize("NFC", "\u0301Café opened today.\nIt was busy.\nVery busy.")


# --- feeds: dates, titles, links and outlets as every other format reads them -----------------
def test_feed_dates_keep_the_day_as_written_like_every_other_format(tmp_path):
    stamp = "2024-03-06T23:30:00-08:00"  # 2024-03-07 in UTC
    write(
        tmp_path / "r.rss",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>R</title><item><title>RSS</title>'
        "<link>https://x.example/r</link><pubDate>Wed, 06 Mar 2024 23:30:00 -0800</pubDate>"
        f"<description>{BODY}</description></item></channel></rss>",
    )
    write(
        tmp_path / "a.atom",
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id>'
        f'<updated>{stamp}</updated><entry><title>Atom</title><id>urn:1</id><link href="https://x.example/a"/>'
        f'<published>{stamp}</published><updated>2024-03-09T10:00:00Z</updated><content type="text">{BODY}</content>'
        "</entry></feed>",
    )
    write(tmp_path / "f.md", f"---\ntitle: FM\ndate: {stamp}\n---\n\n{BODY}\n")
    write(tmp_path / "j.jsonl", json.dumps({"title": "JL", "date": stamp, "text": BODY}) + "\n")
    articles = by_id(load_corpus([tmp_path]))
    assert {i: a.date for i, a in articles.items()} == dict.fromkeys(["r#1", "a#1", "f", "j#1"], "2024-03-06")


def test_a_feed_date_written_in_another_language_dates_its_entry(tmp_path):
    """Feeds of German, French and Russian outlets write their RFC 2822 dates in their own
    language: the entries were undated, sorted last and missed by `since:`."""
    items = "".join(
        f"<item><title>T{n}</title><link>https://x.example/{n}</link><pubDate>{date}</pubDate>"
        f"<description>{BODY}</description></item>"
        for n, date in enumerate(
            ["Di, 21 Okt 2025 10:00:00 +0200", "mer., 22 oct. 2025 09:00:00 +0200", "чт, 23 окт 2025 08:00:00 +0300"],
            start=1,
        )
    )
    write(
        tmp_path / "r.rss", f'<?xml version="1.0"?><rss version="2.0"><channel><title>R</title>{items}</channel></rss>'
    )
    articles = by_id(load_corpus([tmp_path]))
    assert {i: a.date for i, a in articles.items()} == {"r#1": "2025-10-21", "r#2": "2025-10-22", "r#3": "2025-10-23"}


def test_feed_titles_with_markup_are_plain_text_unescaped_once_as_the_feed_says(tmp_path):
    write(
        tmp_path / "a.atom",
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title><id>urn:a</id>'
        '<entry><title type="html">Storm &lt;em&gt;hits&lt;/em&gt; coast &amp;amp; more</title>'
        f'<link href="https://atom.example.org/1"/><content type="text">{BODY}</content></entry>'
        '<entry><title type="text">Fish &amp;amp; chips &lt;3</title>'
        f'<link href="https://atom.example.org/2"/><content type="text">{BODY}</content></entry>'
        "</feed>",
    )
    write(
        tmp_path / "r.rss",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>R</title>'
        "<item><title><![CDATA[Schools & <b>budget</b> talks]]></title><link>https://x.example/1</link>"
        f"<description>{BODY}</description></item></channel></rss>",
    )
    articles = by_id(load_corpus([tmp_path]))
    assert articles["a#1"].title == "Storm hits coast & more"
    assert articles["a#2"].title == "Fish & chips <3"  # a text title keeps its "<3", and is read once more
    assert articles["r#1"].title == "Schools & budget talks"


# (as the feed writes the title, its Atom type or None for RSS) -> how a reader reads it
ESCAPED_TITLES = [
    ("AT&amp;amp;T wins", None, "AT&T wins"),
    ("Trump&amp;#8217;s plan", None, "Trump’s plan"),
    ("<![CDATA[Tom &amp; Jerry <3]]>", None, "Tom & Jerry <3"),  # feedparser took it for plain text
    ("<![CDATA[Trump&amp;#8217;s plan]]>", None, "Trump’s plan"),
    ("<![CDATA[Use &amp;lt;b&amp;gt; tags]]>", None, "Use <b> tags"),  # read, never taken for a tag
    ("AT&amp;amp;T wins", "text", "AT&T wins"),
    ("Trump&amp;#8217;s plan", "text", "Trump’s plan"),
    ("<![CDATA[Trump&#8217;s plan]]>", "text", "Trump’s plan"),
    ("5 &lt; 6 &amp;&amp; Q&amp;A", "text", "5 < 6 && Q&A"),
    ("AT&amp;amp;amp;T wins", "html", "AT&T wins"),
    ("Use &amp;lt;b&amp;gt; tags", "html", "Use <b> tags"),
    ("<![CDATA[Trump&#8217;s <em>plan</em>]]>", "html", "Trump’s plan"),
    ('<div xmlns="http://www.w3.org/1999/xhtml">AT&amp;amp;T <b>wins</b></div>', "xhtml", "AT&T wins"),
    ("AT&amp;T; R&amp;D&amp;copy", "text", "AT&T; R&D&copy"),  # no whole reference: as written
]


@pytest.mark.parametrize("written, kind, title", ESCAPED_TITLES)
def test_a_feed_title_and_summary_read_as_a_reader_reads_them_whatever_the_escaping(tmp_path, written, kind, title):
    """Titles kept entities ("Trump&#8217;s", "AT&amp;T") or not depending on the feed's format,
    its Atom type and whether feedparser guessed HTML; the page itself reads "Trump’s"."""
    if kind is None:
        write(
            tmp_path / "f.rss",
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{written}</title><item><title>{written}</title>'
            f"<link>https://x.example/1</link><description>{written} {BODY}</description></item></channel></rss>",
        )
    else:
        write(
            tmp_path / "f.atom",
            f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="{kind}">{written}</title>'
            f'<id>urn:a</id><entry><title type="{kind}">{written}</title><link href="https://x.example/1"/>'
            f'<summary type="{kind}">{written} {BODY}</summary></entry></feed>',
        )
    [article] = load_corpus([tmp_path]).articles
    assert (article.title, article.outlet) == (title, title)  # the feed's title is the outlet
    assert " ".join(article.text.split()).startswith(title) or kind is None  # RSS text is HTML
    assert "&#" not in article.text and "&amp;" not in article.text


def test_a_json_feed_s_plain_text_is_read_once_more_when_escaped_twice(tmp_path):
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Json &amp; News",
        "items": [{"id": "1", "url": "https://x.example/1", "title": "Trump&#8217;s plan", "content_text": BODY}],
    }
    write(tmp_path / "f.rss", json.dumps(feed))  # a JSON Feed is read under any feed suffix
    [article] = load_corpus([tmp_path]).articles
    assert (article.title, article.outlet) == ("Trump’s plan", "Json & News")


def test_relative_links_in_a_feed_file_resolve_against_the_feed_s_link_or_xml_base(tmp_path):
    write(
        tmp_path / "r.rss",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>R</title><link>https://example.com/news/</link>'
        f"<item><title>One</title><link>/relative/schools</link><description>{BODY}</description></item>"
        f"<item><title>Two</title><link>second</link><description>{BODY}</description></item>"
        f"<item><title>Three</title><link>https://other.example/3</link><description>{BODY}</description></item>"
        "</channel></rss>",
    )
    write(
        tmp_path / "a.atom",
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
        '<link href="https://atom.example.org/"/><id>urn:a</id>'
        f'<entry><title>One</title><link href="second"/><content type="text">{BODY}</content></entry>'
        f'<entry xml:base="https://base.example/x/"><title>Two</title><link href="../y"/><content type="text">{BODY}'
        "</content></entry></feed>",
    )
    articles = by_id(load_corpus([tmp_path]))
    assert {i: a.url for i, a in articles.items()} == {
        "r#1": "https://example.com/relative/schools",
        "r#2": "https://example.com/news/second",
        "r#3": "https://other.example/3",
        "a#1": "https://atom.example.org/second",
        "a#2": "https://base.example/y",
    }


def test_every_entry_of_a_feed_takes_the_feed_s_title_when_no_outlet_is_known(tmp_path):
    items = [
        ("Known", "https://www.reuters.com/world/story"),  # the registry knows the domain
        ("Unknown", "https://unknown.example/story"),
        ("No link", None),
    ]
    parts = "".join(
        f"<item><title>{t}</title>{f'<link>{u}</link>' if u else ''}<description>{BODY}</description></item>"
        for t, u in items
    )
    write(
        tmp_path / "r.rss",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Daily</title>{parts}</channel></rss>',
    )
    write(
        tmp_path / "a.atom",
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Atom &amp;amp; Times</title>'
        f'<id>urn:a</id><entry><title>A</title><link href="https://atom.example.org/a"/><content type="text">{BODY}'
        "</content></entry></feed>",
    )
    write(tmp_path / "m" / "r.rss", (tmp_path / "r.rss").read_text())
    write(tmp_path / "m" / "corpus.yaml", "defaults: {outlet: Harbor Ledger}\n")
    articles = by_id(load_corpus([tmp_path]))
    assert {i: (a.outlet, "outlet" in a.inferred) for i, a in articles.items()} == {
        "r#1": ("Reuters", True),
        "r#2": ("Example Daily", True),
        "r#3": ("Example Daily", True),
        "a#1": ("Atom & Times", True),
        "m/r#1": ("Harbor Ledger", False),  # the manifest's outlet is given: it wins
        "m/r#2": ("Harbor Ledger", False),
        "m/r#3": ("Harbor Ledger", False),
    }


# --- front matter: values as written; a value of the wrong shape is a warning ------------------
@pytest.mark.parametrize(
    "written, title",
    [("yes", "yes"), ("No", "No"), ("1984", "1984"), ("1e3", "1e3"), ("0x10", "0x10"), ("'true'", "true")],
)
def test_front_matter_scalars_are_read_as_the_text_written(tmp_path, written, title):
    write(tmp_path / "a.md", f"---\ntitle: {written}\noutlet: 42\ndate: 2024-03-05\n---\n\n{BODY}\n")
    result = load_corpus([tmp_path])
    [article] = result.articles
    assert (article.title, article.outlet, article.date) == (title, None, "2024-03-05")
    # a bare number is no outlet's name: refused, said (the title keeps it: "1984" is one)
    assert [(s.path, s.reason, s.warning) for s in result.skipped] == [
        ("a.md", "'outlet' is 42, not a name; it is ignored", True)
    ]


@pytest.mark.parametrize("written", ["true", "False", "yes", "off", "'true'", "3", "-2.5", "1e3", ".inf"])
def test_a_flag_or_a_number_is_never_made_an_outlet_author_or_link(tmp_path, written):
    """`source: true` gave the outlet "true" (YAML's scalars are read as written, for titles);
    no outlet, author or link is a flag word or a bare number: each is refused with the reason
    and the outlet inferred (here from the folder). The reason names the key as written
    (`source`, `link`), not the field it is an alias of: no `outlet:` was in the file."""
    text = f"---\ntitle: T\nsource: {written}\nauthor: {written}\nlink: {written}\n---\n\n{BODY}\n"
    write(tmp_path / "Reuters" / "a.md", text)
    result = load_corpus([tmp_path])
    [article] = result.articles
    assert (article.outlet, article.author, article.url) == ("Reuters", None, None)
    assert "outlet" in article.inferred
    shown = written.strip("'")
    assert sorted(s.reason for s in result.skipped) == [
        f"'author' is {shown}, not a name; it is ignored",
        f"'link' is {shown}, not a link; it is ignored",
        f"'source' is {shown}, not a name; it is ignored",
    ]


def test_json_s_true_false_and_numbers_are_refused_as_names_with_a_reason(tmp_path):
    """JSON's true was dropped without a word and its numbers made names ("outlet": 7 was "7")."""
    line = json.dumps({"title": "T", "outlet": True, "author": 7, "url": False, "story": 12, "text": BODY})
    write(tmp_path / "a.jsonl", line + "\n")
    result = load_corpus([tmp_path])
    [article] = result.articles
    assert (article.outlet, article.author, article.url, article.story) == (None, None, None, "12")
    assert sorted(s.reason for s in result.skipped) == [
        "'author' is 7, not a name; it is ignored",
        "'outlet' is true, not a name; it is ignored",
        "'url' is false, not a link; it is ignored",
    ]


def test_a_list_of_outlets_or_an_impossible_date_is_a_warning_not_a_silent_change(tmp_path):
    write(tmp_path / "list.md", f"---\ntitle: L\nauthor: [Ann Lee, Bo Chen]\noutlet: [Reuters, AP]\n---\n\n{BODY}\n")
    write(tmp_path / "feb30.md", f"---\ntitle: F\ndate: 2024-02-30\n---\n\n{BODY}\n")
    write(tmp_path / "year.md", f"---\ntitle: Y\ndate: 2024\n---\n\n{BODY}\n")
    write(tmp_path / "fine.md", f"---\ntitle: OK\nauthor: [Ann Lee, Bo Chen]\ndate: 2024-03-05\n---\n\n{BODY}\n")
    result = load_corpus([tmp_path])
    articles = by_id(result)
    assert sorted(articles) == ["feb30", "fine", "list", "year"]  # every file is still read
    assert (articles["list"].outlet, articles["list"].author) == ("Reuters", "Ann Lee, Bo Chen")
    assert articles["feb30"].date is None and articles["year"].date is None
    warnings = {s.path: s.reason for s in result.skipped}
    assert all(s.warning for s in result.skipped) and sorted(warnings) == ["feb30.md", "list.md", "year.md"]
    assert warnings["list.md"].startswith("'outlet' is a list (Reuters, AP)")  # the path names the file
    assert "'Reuters', is used" in warnings["list.md"]
    assert warnings["feb30.md"] == "the date '2024-02-30' is not a full, valid date; it is ignored"
    assert warnings["year.md"] == "the date '2024' is not a full, valid date; it is ignored"


def test_a_list_of_outlets_is_named_in_its_warning_without_the_controls_it_holds(tmp_path):
    """The first outlet was quoted escaped ('A\\u202e'), but the list before it carried the
    right-to-left override raw into `index --json`'s reason (and reordered the line it was on)."""
    write(tmp_path / "list.md", f'---\ntitle: L\noutlet: ["A\u202e", "B\\e[31m"]\n---\n\n{BODY}\n')
    [warning] = load_corpus([tmp_path]).skipped
    assert warning.reason.startswith("'outlet' is a list (A\\u202e, B) where one value belongs")
    assert "\u202e" not in warning.reason and "\x1b" not in warning.reason


def test_a_date_outside_the_years_read_says_so(tmp_path):
    """An archive's "date: 1850-03-02" was warned about as "not a full, valid date": it is one,
    only outside the years reader reads dates in."""
    write(tmp_path / "old.md", f"---\ntitle: O\ndate: 1850-03-02\n---\n\n{BODY}\n")
    write(tmp_path / "far.md", f"---\ntitle: F\ndate: 'March 2, 2150'\n---\n\n{BODY}\n")
    result = load_corpus([tmp_path])
    assert {a.id: a.date for a in result.articles} == {"far": None, "old": None}
    warnings = {s.path: s.reason for s in result.skipped}
    assert warnings == {
        "old.md": "the date '1850-03-02' is outside the years reader reads dates in (1900 to 2100); it is ignored",
        "far.md": "the date 'March 2, 2150' is outside the years reader reads dates in (1900 to 2100); it is ignored",
    }


@pytest.mark.parametrize(
    "url, outlet",
    [
        ("https://www.smalltown-news.org/2024/03/05/vote", "smalltown-news.org"),
        ("https://m.smalltown.co.uk/vote", "smalltown.co.uk"),
        # a Wayback Machine copy is of the archived page's site, known to the registry or not
        ("https://web.archive.org/web/20240305/https://www.foxnews.com/politics/vote", "Fox News"),
        ("https://web.archive.org/web/20240305/https://www.smalltown-news.org/vote", "smalltown-news.org"),
        # hosts that serve other sites' pages name no outlet
        ("https://archive.ph/AbCdE", None),
        ("https://news.google.com/rss/articles/CBMi", None),
        ("http://192.168.1.20/vote", None),
    ],
)
def test_a_site_the_registry_does_not_know_is_named_by_its_domain(tmp_path, url, outlet):
    """An article whose URL's site the outlets registry does not know was '(no outlet)' though
    its address names the site; the site is named as a reader names it, marked inferred."""
    write(tmp_path / "a.md", f"---\ntitle: The vote\nurl: {url}\n---\n{BODY}")
    [article] = load_corpus([tmp_path]).articles
    assert article.outlet == outlet
    assert ("outlet" in article.inferred) is (outlet is not None)


def test_a_site_name_comes_after_every_other_source_of_the_outlet(tmp_path):
    # a byline's credit the registry knows, and the outlet given, name it before the domain does
    write(tmp_path / "a.md", f"---\nurl: https://www.mirror-site.org/vote\n---\nBy Jane Roe | Fox News\n\n{BODY}")
    write(tmp_path / "b.md", f"---\noutlet: Smalltown News\nurl: https://www.smalltown-news.org/vote\n---\n{BODY}")
    outlets = {a.id: a.outlet for a in load_corpus([tmp_path]).articles}
    assert outlets == {"a": "Fox News", "b": "Smalltown News"}


def test_news_pleases_source_domain_names_the_site_of_an_article_with_no_url(tmp_path):
    line = {"title": "The vote", "source_domain": "www.smalltown-news.org", "maintext": BODY}
    write(tmp_path / "np.jsonl", json.dumps(line) + "\n" + json.dumps({**line, "source_domain": "t.co"}) + "\n")
    assert [a.outlet for a in load_corpus([tmp_path]).articles] == ["smalltown-news.org", None]


def test_news_pleases_source_domain_of_a_site_the_registry_knows_names_its_outlet(tmp_path):
    """source_domain 'www.nytimes.com' named the outlet 'nytimes.com': coverage and comparisons
    counted it apart from The New York Times its URL's host names. Its URL's outlet comes first."""
    line = {"title": "The vote", "source_domain": "www.nytimes.com", "maintext": BODY}
    lines = [line, {**line, "url": "https://t.co/AbCd"}, {**line, "url": "https://www.foxnews.com/vote"}]
    write(tmp_path / "np.jsonl", "".join(json.dumps(one) + "\n" for one in lines))
    outlets = [a.outlet for a in load_corpus([tmp_path]).articles]
    assert outlets == ["The New York Times", "The New York Times", "Fox News"]


def test_a_url_that_is_no_web_pages_names_no_site(tmp_path):
    write(tmp_path / "a.md", f'---\ntitle: The vote\nurl: "javascript://smalltown-news.org/%0aalert(1)"\n---\n{BODY}')
    [article] = load_corpus([tmp_path]).articles
    assert article.outlet is None


@pytest.mark.parametrize("host", ["m.smalltown-news.org", "WWW.Smalltown-News.org", "xn--caf-dma.fr"])
def test_a_page_and_an_article_of_one_site_the_registry_does_not_know_are_one_outlet(tmp_path, host):
    """A page with no site name of its own was named by its host as written ("m.smalltown-
    news.org") and an article with its URL by the site's name ("smalltown-news.org"): two outlets
    in coverage and comparisons for one site."""
    url = f"https://{host}/2024/03/05/vote"
    page = f'<html><head><title>Vote</title><link rel="canonical" href="{url}"></head><body><article><h1>Vote</h1><p>{BODY}</p></article></body></html>'
    write(tmp_path / "page.html", page)
    write(tmp_path / "article.md", f"---\ntitle: Vote\nurl: {url}\n---\n{BODY}")
    outlets = {a.id: a.outlet for a in load_corpus([tmp_path]).articles}
    assert outlets["page"] == outlets["article"] == ("café.fr" if host.startswith("xn--") else "smalltown-news.org")


def test_a_page_archived_names_no_outlet_by_the_archives_host(tmp_path):
    url = "https://archive.ph/AbCdE"
    page = f'<html><head><title>Vote</title><link rel="canonical" href="{url}"></head><body><article><h1>Vote</h1><p>{BODY}</p></article></body></html>'
    write(tmp_path / "page.html", page)
    [article] = load_corpus([tmp_path]).articles
    assert article.outlet is None


LATIN_PAGE = (
    "<html><head>{meta}<title>Caf\xe9 cr\xe8me</title></head><body><article><h1>Caf\xe9 na\xefve r\xe9sum\xe9</h1><p>"
    + "Le caf\xe9 de la place a ferm\xe9 ses portes hier, a d\xe9clar\xe9 le maire. " * 5
    + "</p></article></body></html>"
)


@pytest.mark.parametrize(
    "meta",
    [
        '<meta charset="utf-8">',
        '<meta charset="shift_jis">',
        '<meta charset="utf-16">',
        '<meta http-equiv="Content-Type" content="text/html; charset=UTF-16LE">',
        '<meta charset="no-such-charset">',
        # read in them, its words mixed Latin letters with others: "Le cafй a fermй"
        '<meta charset="windows-1251">',
        '<meta charset="koi8-r">',
        '<meta charset="iso-8859-7">',
    ],
)
def test_a_latin1_page_whose_meta_charset_is_wrong_is_read_as_latin1(tmp_path, meta):
    """A declared charset that the bytes are not (decoding it replaces many of them) or that no
    page whose <meta> reads as ASCII can be in (UTF-16: the page was read as CJK, "no article
    text found") is passed over, as a missing one is."""
    write(tmp_path / "page.html", LATIN_PAGE.format(meta=meta).encode("latin-1"))
    result = load_corpus([tmp_path])
    assert result.skipped == []
    [article] = result.articles
    assert article.title == "Caf\xe9 na\xefve r\xe9sum\xe9"
    assert "a d\xe9clar\xe9 le maire" in article.text


def test_a_page_in_its_declared_charset_with_a_damaged_byte_is_still_read_in_it():
    text = "東京の天気は晴れです。" * 30
    data = f'<html><head><meta charset="euc-jp"></head><body>{text}</body></html>'.encode("euc-jp")
    damaged = data.replace("晴".encode("euc-jp"), b"\x80\x80", 1)  # (no EUC-JP)
    decoded, encoding = decode_bytes(damaged, html=True)
    assert encoding == "euc_jp" and decoded.count("東京の天気は晴れです。") == 29


@pytest.mark.parametrize(
    ("declared", "written", "text"),
    [
        ("iso-8859-1", "cp1252", "\u201cIt\u2019s fine,\u201d she said \u2014 the caf\u00e9\u2019s owner. "),
        ("us-ascii", "cp1252", "\u201cIt\u2019s fine,\u201d she said \u2014 the caf\u00e9\u2019s owner. "),
        ("iso-8859-9", "cp1254", "\u201c\u0130stanbul\u2019da hava g\u00fczel,\u201d dedi. "),
        ("shift_jis", "cp932", "\u2460東京の天気は晴れです。\u3231の発表。"),
        ("gb2312", "gbk", "朱镕基说：“你好”。北京今天天气晴朗。"),
        ("euc-kr", "cp949", "똠방각하 서울의 날씨는 맑습니다. "),
        ("big5", "big5hkscs", "香港嘅天氣好好。"),
        ("tis-620", "cp874", "\u201cสวัสดี\u201d ชาวโลก "),
    ],
)
def test_a_page_in_the_superset_browsers_read_for_its_declared_charset_is_read_in_it(declared, written, text):
    """Browsers read a page that says ISO-8859-1 as cp1252, one that says Shift_JIS as cp932, ...
    (the WHATWG labels): its curly quotes were C1 control characters, its circled digits and
    GBK, UHC or HKSCS characters replacement characters, and past one in 20 bytes beyond ASCII
    the whole page read as Latin-1."""
    page = f'<html><head><meta charset="{declared}"><title>T</title></head><body><p>{text * 10}</p></body></html>'
    decoded, encoding = decode_bytes(page.encode(written), html=True)
    assert text * 10 in decoded, (encoding, decoded)


@pytest.mark.parametrize(
    ("declared", "text"),
    [
        ("iso-8859-1", "Le caf\u00e9 est ferm\u00e9. "),
        ("shift_jis", "東京の天気は晴れです。〜"),
        ("gb2312", "北京今天天气晴朗。"),
        ("koi8-r", "Москва - столица России. "),
        ("windows-1252", "\u201cIt\u2019s fine,\u201d she said. "),
    ],
)
def test_a_page_all_of_whose_bytes_are_of_its_declared_charset_is_read_in_it(declared, text):
    page = f'<html><head><meta charset="{declared}"><title>T</title></head><body><p>{text * 10}</p></body></html>'
    decoded, encoding = decode_bytes(page.encode(declared), html=True)
    assert text * 10 in decoded
    assert encoding == codecs.lookup(declared).name


@pytest.mark.parametrize(
    ("charset", "text"),
    [
        ("cp1251", "Компания Apple представила iPhone 15 в Москве; Wi-Fi-сети работают. "),
        # no spaces between words: a clause with an "iPhone" in it is one run of letters
        ("shift_jis", "東京のiPhone用ケースはAppleが発表した。新しいCDプレーヤーとTシャツ。"),
        ("gb18030", "北京的iPhone用户很多。Apple公司发布了新款。"),
        ("tis-620", "iPhoneรุ่นใหม่ Appleเปิดตัว ราคาถูกมากสำหรับWindowsผู้ใช้ "),
    ],
)
def test_a_page_with_latin_words_in_it_is_read_in_its_declared_charset(charset, text):
    page = f'<html><head><meta charset="{charset}"></head><body><p>{text * 5}</p></body></html>'
    decoded, encoding = decode_bytes(page.encode(charset), html=True)
    assert (encoding, text * 5 in decoded) == (codecs.lookup(charset).name, True)


@pytest.mark.parametrize(
    ("label", "written", "text"),
    [
        ("iso-8859-8-i", "iso8859-8", "שלום עולם, זה מבחן. "),
        ("windows-874", "cp874", "\u201cสวัสดี\u201d ชาวโลก "),
        ("x-sjis", "cp932", "\u2460東京の天気は晴れです。"),
        ("windows-949", "cp949", "똠방각하 서울의 날씨는 맑습니다. "),
        ("x-mac-cyrillic", "mac-cyrillic", "Москва - столица России. "),
    ],
)
def test_a_page_declaring_a_browsers_label_python_knows_by_no_name_is_read_in_it(label, written, text):
    """A Hebrew page's "iso-8859-8-i" (as browsers label it) was no charset: read as cp1252."""
    page = f'<html><head><meta charset="{label}"><title>T</title></head><body><p>{text * 10}</p></body></html>'
    decoded, _encoding = decode_bytes(page.encode(written), html=True)
    assert text * 10 in decoded


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("koi8-r", "листопад"),
        ("koi8-r", "Погода испортилась"),
        ("koi8-r", "ТАСС сообщает"),
        ("koi8-r", "министр обороны"),
        ("cp1251", "Лента"),
        ("cp1251", "МОСКВА готовится"),
        ("cp1253", "Η κυβέρνηση ανακοίνωσε"),
        ("cp1253", "ΑΘΗΝΑ"),
    ],
)
def test_a_short_cyrillic_or_greek_text_is_read_in_its_charset(encoding, text):
    """A few words of Russian or Greek, fewer letters than charset-normalizer weighs, stayed cp1252
    mojibake, and KOI8-R's small letters were read as Greek capitals ("листопад" as "ΜΙΣΤΟΠΑΔ"):
    the readings are weighed by their letters' frequencies in Russian and Greek."""
    for html in (False, True):
        data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode(encoding)
        read, used = decode_bytes(data, html=html)
        assert text in read and used == codecs.lookup(encoding).name


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
@pytest.mark.parametrize("text", ["Итоги 2024-го года", "Москва-2024", "Северо-Запад", "Новости №5"])
def test_a_short_russian_title_with_a_hyphen_or_figures_is_read_in_its_charset(encoding, text):
    """A word was what spaces part: "Северо-Запад" and "2024-го" mixed Cyrillic letters with
    other characters, so the reading was no Russian and the title stayed cp1252 mojibake."""
    if encoding == "koi8-r" and "№" in text:
        text = text.replace("№", "N")  # (KOI8-R has no №)
    assert decode_bytes(text.encode(encoding)) == (text, codecs.lookup(encoding).name)


@pytest.mark.parametrize(
    "text", ["Київ, вівторок", "Україна", "Мінск і Гомель", "Ђорђе Балашевић", "Љубав и њега", "Скопје", "Ћирилица"]
)
def test_a_short_ukrainian_belarusian_or_serbian_text_is_read_as_cp1251(text):
    """Their letters Russian lacks (і, ї, є, ў, ј, љ, њ, ђ, ћ, џ) were scored as rarer than any:
    a title in them stayed cp1252 mojibake ("Êè¿â, â³âòîðîê") or Latin-1. Western text whose
    bytes cp1251 reads as them ("¿Qué?", "3º", "Škoda") stays cp1252."""
    assert decode_bytes(text.encode("cp1251")) == (text, "cp1251")
    for western in ("¿Qué pasa?", "El 3º lugar", "Škoda y Œuvre", "½ kg"):
        assert decode_bytes(western.encode("cp1252")) == (western, "cp1252")


@pytest.mark.parametrize(
    "text", ["ΚΟΣΜΟΣ", "ΠΟΛΙΤΙΚΗ", "ΟΙΚΟΝΟΜΙΑ", "ΕΙΔΗΣΕΙΣ", "ΑΘΛΗΤΙΣΜΟΣ", "ΝΕΑ ΔΗΜΟΚΡΑΤΙΑ", "ΣΕΙΣΜΟΣ ΣΤΗΝ ΚΡΗΤΗ"]
)
def test_a_greek_heading_in_capitals_is_not_read_as_small_russian_letters(text):
    """cp1253's Greek capitals are KOI8-R's small letters ("ΚΟΣΜΟΣ" is "йослос"): a Cyrillic
    reading's й was scored as и, Russian's commonest letter but three (its breve split off), so
    Greek headings in capitals were read as Russian."""
    for html in (False, True):
        data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode("cp1253")
        read, used = decode_bytes(data, html=html)
        assert text in read and used == "cp1253"


@pytest.mark.parametrize(
    "text",
    [
        "Vlada je objavila proračun",
        "Čovjek je rekao",
        "član uprave",
    ],
)
def test_a_croatian_line_with_one_c_caron_is_read_as_cp1250(text):
    """cp1252 reads cp1250's č as è, a letter French and Italian have: a line whose only such
    letter it was stayed cp1252 ("proraèun"). An è before a vowel or beginning a word is no
    Western language's; French and Italian è ("Très chère", "è caduto", "Genève") stay cp1252."""
    assert decode_bytes(text.encode("cp1250")) == (text, "cp1250")
    for western in ("Très chère mère", "Il governo è caduto", "met in Genève", "poème, problème"):
        assert decode_bytes(western.encode("cp1252")) == (western, "cp1252")


@pytest.mark.parametrize("text", ["Un gran èxit", "L'època daurada", "Èxit total a Barcelona", "un conflicte ètnic"])
def test_catalan_words_begun_with_e_grave_stay_cp1252(text):
    """Catalan begins words with è ("èxit", "època"): an è beginning any word was a misfit, and
    such a line was read in cp1250, "čxit", "čpoca"; only as "èl", "èv", "ètv", "èty" begin
    ("član", "čvrst", "čtvrtek") is it one."""
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")
    assert decode_bytes("Čtvrtek, čvrst stav".encode("cp1250")) == ("Čtvrtek, čvrst stav", "cp1250")


def test_toml_front_matter_is_read_as_yaml_front_matter_is(tmp_path):
    """Hugo's and Zola's TOML front matter, between '+++' lines: its title was the article's
    title line ('title = "..."') and its date none. A broken block is skipped with the reason and
    its line; a line of plus signs that opens no front matter is text."""
    body = "The city council voted on Tuesday to approve the new budget for the coming year."
    write(
        tmp_path / "hugo.md",
        f'+++\ntitle = "Council passes [b]budget[/b]"\ndate = 2024-03-05T23:30:00-05:00\n'
        f'author = "Jane Roe"\ntags = ["city"]\n+++\n\n{body}\n',
    )
    write(tmp_path / "local.md", f'+++\ntitle = "Local day"\ndate = 2024-03-05\n+++\n{body}\n')
    write(tmp_path / "broken.md", f'+++\ntitle = "ok"\ndate = \n+++\n\n{body}\n')
    write(tmp_path / "plus.md", f"+++\nPlus signs opening a note.\n\n{body}\n")
    result = load_corpus([tmp_path])
    articles = {article.id: article for article in result.articles}
    hugo = articles["hugo"]
    assert (hugo.title, hugo.date, hugo.author, hugo.text) == (
        "Council passes [b]budget[/b]",
        "2024-03-05",
        "Jane Roe",
        body,
    )
    assert articles["local"].title == "Local day" and articles["local"].date == "2024-03-05"
    assert articles["plus"].text.endswith(body)
    assert {skipped.path: skipped.reason for skipped in result.skipped} == {
        "broken.md": "broken TOML front matter at line 3: invalid value"
    }


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1253", "ΠΟΛΙΤΙΚΗ ΟΙΚΟΝΟΜΙΑ ΚΟΣΜΟΣ ΑΘΛΗΤΙΣΜΟΣ ΠΟΛΙΤΙΣΜΟΣ"),
        ("cp1253", "ΠΟΛΙΤΙΚΗ ΟΙΚΟΝΟΜΙΑ ΚΟΣΜΟΣ ΑΘΛΗΤΙΣΜΟΣ ΠΟΛΙΤΙΣΜΟΣ ΤΕΧΝΟΛΟΓΙΑ ΥΓΕΙΑ ΠΕΡΙΒΑΛΛΟΝ ΚΑΙΡΟΣ"),
        ("iso8859-7", "ΠΟΛΙΤΙΚΗ ΟΙΚΟΝΟΜΙΑ ΚΟΣΜΟΣ ΑΘΛΗΤΙΣΜΟΣ ΠΟΛΙΤΙΣΜΟΣ ΤΕΧΝΟΛΟΓΙΑ"),
    ],
)
def test_a_long_line_of_greek_capitals_is_not_read_as_koi8_r(encoding, text):
    """charset-normalizer read a line of Greek capitals long enough for it as KOI8-R's small
    letters ("покитийг оийомолиа йослос"); longer Russian text in KOI8-R, and Greek capitals
    with ordinary Greek after them, are read as before."""
    for html in (False, True):
        data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode(encoding)
        read, _used = decode_bytes(data, html=html)
        assert text in read
    for russian in (
        "правительство одобрило бюджет на следующий год, сообщили в министерстве финансов",
        "Президент России заявил, что встреча с американским коллегой не состоится.",
        "ТАСС: ПРЕЗИДЕНТ РОССИИ ЗАЯВИЛ, ЧТО ВСТРЕЧА НЕ СОСТОИТСЯ",
    ):
        assert decode_bytes(russian.encode("koi8-r")) == (russian, "koi8_r")
    mixed = "ΑΘΗΝΑ ΣΗΜΕΡΑ\nΗ κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία και την ανάπτυξη."
    assert decode_bytes(mixed.encode("cp1253"))[0] == mixed


@pytest.mark.parametrize(
    "text",
    [
        "Başbakan",
        "İstanbul'da yağmur",
        "Ağrı Dağı",
        "yılı",
        "Hükümet yeni vergi düzenlemesini açıkladı",
        "Şehir merkezinde trafik sıkışıklığı yaşandı",
        "Cumhurbaşkanı Erdoğan Ankara'da konuştu",
        "Uğur Mumcu",
        "Şu anda ağ bağlantısı yok",
        "Doğu Karadeniz",
    ],
)
def test_short_turkish_in_cp1254_is_read_as_turkish(text):
    """cp1254 puts ş, ğ, ı, Ş, Ğ, İ where cp1252 has Icelandic's þ, ð, ý and their capitals:
    short Turkish was read as cp1252 ("Baþbakan", "Ýstanbul'da yaðmur")."""
    for html in (False, True):
        data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode("cp1254")
        read, used = decode_bytes(data, html=html)
        assert text in read and used == "cp1254"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Alþingi samþykkti lögin"),
        ("cp1252", "Það er gott veður á Íslandi"),
        ("cp1252", "sagði ráðherra"),
        ("cp1252", "Þórður Guðmundsson"),
        ("cp1252", "Zoë Müller and José Sánchez"),
        ("cp1250", "nový zákon"),
        ("cp1250", "dobrý den"),
    ],
)
def test_icelandic_and_a_czech_y_acute_are_not_read_as_turkish(encoding, text):
    """Icelandic has the letters cp1254 reads as Turkish's, with á, í, ó, ú, æ that Turkish
    lacks, or ð after a consonant ("sagði"), where no ğ stands; a Czech word's lone ý is no ı."""
    read, used = decode_bytes(text.encode(encoding))
    assert read == text and used != "cp1254"


def _assert_cp1252_not_turkish(text):
    """`text` in cp1252, as a file and in a page, is read right, not as cp1254."""
    for html in (False, True):
        data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode("cp1252")
        read, used = decode_bytes(data, html=html)
        assert text in read and used != "cp1254"


@pytest.mark.parametrize(
    "text", ["Það", "Það er gott veður", "Þetta er það sem þeir", "Veður fer", "Ýmislegt", "Hvað segir"]
)
def test_a_few_icelandic_words_of_thorn_and_eth_alone_are_not_read_as_turkish(text):
    """Without an á, í, ó, ú or æ, Icelandic's commonest words ("Það", "Þetta", "Hvað") or one
    ending in "aður"/"eður" tell it: they read "Şağ er gott veğur", "İmislegt" in cp1254."""
    _assert_cp1252_not_turkish(text)


@pytest.mark.parametrize(
    "text",
    ["Veðrið", "Þingið kemur", "Leikurinn endaði", "Heiðar", "Eiður", "Leiðin heim", "Liðið", "Þyrla", "Breiðablik"]
    + ["Aðstoð", "Landsstýrið hevur", "Skipið sigldi"],
)
def test_icelandic_and_faroese_tell_themselves_by_where_eth_and_thorn_stand(text):
    """Turkish puts ğ after one vowel, between vowels of one kind and before few consonants, ends
    few words in it and starts none with ş and a consonant: Icelandic's "-ið", "-aði", "eið",
    "ðv" and "Þy" read "Veğriğ", "endaği", "Heiğar", "Şyrla" in cp1254, and were read so."""
    _assert_cp1252_not_turkish(text)


@pytest.mark.parametrize(
    "text",
    ["Guðmundur", "Guðs", "Þing", "Þingi", "Blað", "staðan", "Staðurinn", "Miðvikudag", "Miðvikudagur"]
    + ["Miðborg", "Þinn", "Þorsteinn", "Þekktur", "Þegn", "Suðurland", "Ðu", "Tað regnar"],
)
def test_short_icelandic_words_shaped_as_no_turkish_word_are_not_read_as_turkish(text):
    """Single Icelandic words and titles whose cp1254 reading no Turkish word is shaped like
    ("Blağ", "stağan": two consonants before a ğ; "Şinn", "Miğborg", "Şing": their ends;
    "Miğvikudag": a g between vowels beside a ğ) or of its commonest stems ("Guð-", "Þing-",
    Faroese "Tað") were read as Turkish."""
    _assert_cp1252_not_turkish(text)


@pytest.mark.parametrize("text", ["Þurfa", "þurfti", "Suður", "Suðurnes", "suðvestur", "Þungur", "Þungt"])
def test_icelandic_words_of_common_stems_the_word_shapes_miss_are_not_read_as_turkish(text):
    """ "Şurfa", "Suğur", "Şungur" are shaped as Turkish words could be (one vowel kind, no
    consonant pair first) but are none: Icelandic's stems þurf-, suð-, þung- tell them."""
    _assert_cp1252_not_turkish(text)


@pytest.mark.parametrize(
    "text",
    ["ırmak", "ıslak zemin", "Ilık bir gün", "Kadıköy", "hakkında", "Fransızca kurs", "Yapıyor", "ıstanbul"]
    + ["Bakırköy", "yanında", "tarafından", "yakındaki", "ızgara"],
)
def test_turkish_whose_only_turkish_letter_is_dotless_i_is_read_as_turkish(text):
    """A cp1252 reading's lone ý starting a word, with ö, ending one in "ýk" or before a Turkish
    suffix ("-ında", "-ıyor", "-ızca") is Turkish's ı: such text was read as cp1252 ("Kadýköy")."""
    read, used = decode_bytes(text.encode("cp1254"))
    assert read == text and used == "cp1254"


@pytest.mark.parametrize(
    "text",
    ["nový", "Dobrý den", "výbor", "výzkum", "mlýn", "Týn", "Malý princ", "nýtt", "Zlatý býk"]
    # Icelandic: ý with ö in a word, starting a word, before "nda"
    + ["Nýsköpun", "nýsköpunar", "Nýjöfnun", "ýmsu", "ýta", "ýkjur", "Sýndarveruleiki", "Týnda"],
)
def test_a_czech_or_icelandic_y_acute_alone_stays_y_acute(text):
    """Czech and Slovak put ý last in a word or in a stem ("výbor", "mlýn"), Icelandic too ("nýtt",
    "Nýsköpun"): what tells Turkish's ı (above) does not read these as "nový", "mlın", "Nısköpun"."""
    read, used = decode_bytes(text.encode("cp1250"))
    assert read == text and used != "cp1254"


@pytest.mark.parametrize("text", ["Yıl", "yılmaz", "Yıkım başladı", "Yukarı", "yukarı çıkın", "Onları", "kararları"])
def test_turkish_dotless_i_after_y_or_in_a_plural_ending_is_read_as_turkish(text):
    """An ı after a y ("Yıl") or in "-arı" ending a word ("Yukarı", "kararları") is Turkish's: no
    Czech, Slovak or Icelandic word writes "yý", and their "-arý" is "starý". They read "Yýl", "Yukarý"."""
    read, used = decode_bytes(text.encode("cp1254"))
    assert read == text and used == "cp1254"


@pytest.mark.parametrize("text", ["Starý", "prastarý hrad", "Dobrý"])
def test_czech_stary_stays_y_acute(text):
    """Czech's "starý" ends in "-arý" too: it is not read as Turkish "starı"."""
    read, used = decode_bytes(text.encode("cp1250"))
    assert read == text and used != "cp1254"


@pytest.mark.parametrize("text", ["Ýta", "Ýkjur", "Ýtarleg umfjöllun", "Ýtti", "Ýkt"])
def test_icelandic_words_starting_with_a_capital_y_acute_are_not_read_as_turkish(text):
    """A capital Ý starting an Icelandic word ("Ýta", "Ýkjur") is cp1254's İ: it was read "İta", "İkjur"
    whatever followed, where a small ý starting a word is Turkish only before h, l, r, z or s and
    a consonant."""
    read, used = decode_bytes(text.encode("cp1252"))
    assert read == text and used != "cp1254"


@pytest.mark.parametrize(
    "text",
    [
        "Hz. İsa'nın doğum günü olarak kutlanan Noel, dünyanın birçok ülkesinde coşkuyla kutlandı.",
        "İsa Yılmaz dün İstanbul'da konuştu.",
        "Futbolcu İsa ve Ahmet bugün antrenmana çıktı.",
        "Hz. İsa'nın",
        "Ankara'yı",
    ],
)
def test_turkish_text_naming_isa_stays_turkish(text):
    """Turkish's "İsa" has the bytes of Icelandic's "Ýsa": that word alone tells nothing, and a
    Turkish text naming him was read as cp1252 whole ("Ýsa'nýn doðum"). An ı in a suffix after an
    apostrophe ("İsa'nın", "Ankara'yı") is Turkish's."""
    read, used = decode_bytes(text.encode("cp1254"))
    assert read == text and used == "cp1254"


@pytest.mark.parametrize(
    "text",
    ["İsa", "İsa and the team", "İsa Ali", "Ali'nin kitabı", "Ahmet'ten kitabı", "Ayşe'ye", "AB'nin kararı", "İzmir"],
)
def test_a_capital_dotted_i_or_a_suffix_after_an_apostrophe_is_turkish(text):
    """Turkish's İ (its i, 8.6 % of its letters) starts words far more often than Icelandic's Ý
    (ý, 0.2 %): "İsa" alone or among ASCII words was read "Ýsa". A suffix after an apostrophe
    ("Ali'nin") is how Turkish ends a name: "Ali'nin kitabı" was read "kitabý"."""
    for html in (False, True):
        data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode("cp1254")
        read, used = decode_bytes(data, html=html)
        assert text in read and used == "cp1254"


@pytest.mark.parametrize(
    "text", ["Nový film: l'un des meilleurs", "Nový film: L'un des meilleurs", "Nový: Qu'un jour", "Nový dell'un"]
)
def test_an_elided_article_before_turkish_suffix_letters_keeps_a_czech_y_acute(text):
    """French and Italian elide an article or "que" before "un" ("l'un", "Qu'un", "dell'un"), the
    letters of a Turkish suffix after a name ("Ali'nin"): "Nový film: l'un des meilleurs" was read
    "Novı". A Turkish suffix counts after a name alone, two letters or more, a capital first."""
    for html in (False, True):
        data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode("cp1252")
        read, used = decode_bytes(data, html=html)
        assert text in read and used != "cp1254"


@pytest.mark.parametrize("text", ["Þoka yfir", "Þoka yfir borginni", "Bað og sturta", "Ýsa fyrir alla"])
def test_icelandic_words_of_ascii_beside_a_thorn_or_eth_keep_it_icelandic(text):
    """Alone, "Þoka" and "Bað" are the bytes of Turkish's "şoka", "Bağ"; "yfir", "og", "fyrir" are
    Icelandic's commonest words and no Turkish ones."""
    read, used = decode_bytes(text.encode("cp1252"))
    assert read == text and used != "cp1254"


def test_a_quoted_icelandic_word_leaves_a_turkish_line_turkish():
    text = "Başbakan ve Cumhurbaşkanı Ankara'da, Oslo og Bergen"
    assert decode_bytes(text.encode("cp1254")) == (text, "cp1254")


@pytest.mark.parametrize(
    "text",
    ["Diğer ülkeler", "Boğaziçi", "Yağız Sabuncuoğlu", "Çiğ köfte", "Dağ yolunda", "Tuğba Ekinci", "Ağzı açık"]
    + ["Akşam haberleri", "İnşaat durdu", "Tuğgeneral Bağış"]
    + ["Yağsın", "Yağsa da maç oynanacak", "Doğsun", "Dağhan Küçük", "Doğtaş", "Ağva", "Gülşen konser verdi"]
    + ["Şans", "Köşk", "Flaş haber", "Şampuan", "Yağmurlu", "Doğruluğu", "Bağ", "Uğur"]
    + ["Trafiğe kapatıldı", "Birleşik Krallığı", "Bloğu yıkıldı", "Profesörlüğü iptal edildi", "Grafiği"]
    + ["Stoğu tükendi", "Ulusal egemenliğimiz", "Egemenliğe", "Sigortacılığı", "Pedagoğu konuştu", "Klasikliği"],
)
def test_turkish_whose_letters_stand_where_icelandic_puts_its_own_stays_turkish(text):
    """ğ between vowels of one kind, a surname's -oğlu after a vowel, "çiğ", "ğb", "ğz", ş after
    k or n ("akşam", "inşaat": a þ after a consonant had them read as cp1252), and ğ before h, s,
    t or v and a vowel (a verb's "yağsın", "doğsa"; "Dağhan", "Doğtaş", "Ağva": Icelandic's
    "aðstoð" has a consonant next). A loan starting with two consonants whose k a suffix makes ğ
    ("Trafiğe", "Krallığı", "Bloğu"), and a g before a ğ ("egemenliği", "pedagoğu"), were read as
    cp1252 by session 60's word shapes at first."""
    read, used = decode_bytes(text.encode("cp1254"))
    assert read == text and used == "cp1254"
