"""Feed formats as real outlets serve them, through `reader fetch` against a server on 127.0.0.1
(`articles: false`, so what is stored is the feed's own reading): RSS 2.0 with content:encoded,
RSS 1.0 (RDF), Atom with xhtml and html content under xml:base, JSON Feed 1.1, a byte-order mark,
a feed served as text/html; and how authors, dates and hostile titles are read."""

from __future__ import annotations

import json

import pytest

from http_fixture import Reply, page
from reader import config
from reader.corpus import load_corpus
from reader.corpus.formats import parse_feed
from reader.fetch import HttpSettings, fetch

FILLER = "The council met on Tuesday to discuss the harbour budget and the new railway line to the coast."


def body(n: int) -> str:
    """Text long enough to be kept from the feed, distinct per n (articles are deduplicated by text)."""
    return f"Story {n} opens here. " + " ".join([FILLER] * 6) + f" It closes with point {n * 13}."


def fetched(server, isolated_dirs, feeds: dict[str, Reply]) -> dict[str, object]:
    """Serve each feed at its path, fetch them all with `articles: false`, and the stored articles
    by title."""
    lines = ["feeds:"]
    for path, reply in feeds.items():
        server.route(path, reply)
        lines += [f"  - url: {server.url(path)}", "    articles: false"]
    (isolated_dirs["config"] / "feeds.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = fetch(settings=HttpSettings(host_delay=0, retries=0, connect_timeout=2, read_timeout=2))
    assert [f.reason for f in report.failures if f.url in {server.url(p) for p in feeds}] == []
    return {a.title: a for a in load_corpus([config.fetched_corpus_dir()]).articles}


def test_a_tour_of_the_feed_formats_outlets_serve(server, isolated_dirs):
    rss2 = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Blog &amp; Co</title><link>https://blog.example.com/</link><description>d</description>
<item><title><![CDATA[Tom &amp; Jerry <b>win</b> the "vote"]]></title><link>/p/1</link>
<dc:creator><![CDATA[Jane Doe]]></dc:creator><pubDate>Tue, 21 Oct 2025 22:30:00 EDT</pubDate>
<description><![CDATA[<p>A short teaser.</p>]]></description>
<content:encoded><![CDATA[<p>{body(1)}</p><p>Second paragraph &amp; more.</p>]]></content:encoded></item>
</channel></rss>"""
    rdf = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel rdf:about="https://rdf.example.com/"><title>RDF News</title><link>https://rdf.example.com/</link>
<description>d</description><items><rdf:Seq><rdf:li rdf:resource="https://rdf.example.com/a"/></rdf:Seq></items></channel>
<item rdf:about="https://rdf.example.com/a"><title>An RDF item</title><link>https://rdf.example.com/a</link>
<description>Only the teaser.</description><dc:date>2025-10-20T08:00:00+02:00</dc:date><dc:creator>Hans Meier</dc:creator>
<content:encoded><![CDATA[<p>{body(2)}</p>]]></content:encoded></item></rdf:RDF>"""
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.com/blog/">
<title type="html">Atom &amp;lt;Blog&amp;gt;</title><id>urn:feed</id><updated>2025-10-21T10:00:00Z</updated>
<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <em>xhtml</em> title</div></title>
<link href="2025/post-1.html" rel="alternate"/><id>tag:atom.example.com,2025:1</id>
<published>2025-10-19T10:00:00-04:00</published><updated>2025-10-22T10:00:00Z</updated>
<author><name>Ann Writer</name></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{body(3)}</p><p>Para <a href="two.html">two</a>.</p></div></content></entry>
<entry xml:base="sub/"><title type="html">&lt;b&gt;An html&lt;/b&gt; &amp;amp; title</title>
<link href="post-2.html"/><id>tag:atom.example.com,2025:2</id><updated>2025-10-18</updated>
<content type="html">&lt;p&gt;{body(4)}&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</content></entry>
</feed>"""
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON Blog",
        "home_page_url": "https://json.example.com/",
        "items": [
            {
                "id": "1",
                "url": "/posts/1",
                "title": "A JSON post",
                "content_html": f"<p>{body(5)}</p>",
                "summary": "sum",
                "date_published": "2025-10-17T10:00:00-07:00",
                "authors": [{"name": "Jay Son"}],
            }
        ],
    }
    bom_html = (
        "\ufeff<?xml version='1.0' encoding='windows-1252'?><rss version='2.0'><channel><title>Böm</title>"
        "<link>https://bom.example.com/</link><description>d</description><item><title>Café — déjà vu</title>"
        f"<link>https://bom.example.com/1</link><pubDate>2025-10-16T23:30:00</pubDate><description>{body(6)}"
        "</description></item></channel></rss>"
    ).encode("utf-8")

    articles = fetched(
        server,
        isolated_dirs,
        {
            "/rss2": Reply(rss2, content_type="application/rss+xml"),
            "/rdf": Reply(rdf, content_type="application/rdf+xml"),
            "/atom": Reply(atom, content_type="application/atom+xml"),
            "/json": Reply(json.dumps(json_feed), content_type="application/feed+json"),
            "/bom": Reply(bom_html, content_type="text/html; charset=windows-1252"),
        },
    )

    def seen(title: str) -> tuple:
        a = articles[title]
        return a.url, a.author, a.date, a.text

    assert seen('Tom & Jerry win the "vote"') == (
        server.url("/p/1"),
        "Jane Doe",
        "2025-10-21",
        f"{body(1)}\n\nSecond paragraph & more.",
    )  # content:encoded, not the teaser; the day as written in New York
    assert seen("An RDF item") == ("https://rdf.example.com/a", "Hans Meier", "2025-10-20", body(2))
    assert seen("An xhtml title") == (
        "https://atom.example.com/blog/2025/post-1.html",
        "Ann Writer",
        "2025-10-19",
        f"{body(3)}\n\nPara two.",
    )
    assert seen("An html & title") == ("https://atom.example.com/blog/sub/post-2.html", None, "2025-10-18", body(4))
    assert seen("A JSON post") == (server.url("/posts/1"), "Jay Son", "2025-10-17", body(5))
    assert seen("Café — déjà vu") == ("https://bom.example.com/1", None, "2025-10-16", body(6))
    assert {a.outlet for a in articles.values()} == {"127.0.0.1:" + server.url("/").split(":")[-1].strip("/")}


def rss_items(*items: str) -> bytes:
    return (
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>'
        f"<link>https://t.example.com/</link><description>d</description>{''.join(items)}</channel></rss>"
    ).encode()


@pytest.mark.parametrize("declared", ["utf-16", "UTF-16LE", "utf-32", "ucs-2"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("content_type", [None, "application/rss+xml", "application/rss+xml; charset=utf-8"])
@pytest.mark.parametrize("newline", ["", "\n"])
def test_a_utf8_feed_declaring_utf16_is_read_as_the_utf8_it_is(declared, bom, content_type, newline):
    """A CMS's template declaring encoding="utf-16" over UTF-8 bytes: "malformed feed: not
    well-formed (invalid token) at line 2, column 1" when the bytes were even in number (feedparser
    read them as UTF-16 then; odd, they are none, and it tried UTF-8). A declaration read one byte a
    character is in no wide encoding: read as UTF-8, as browsers read such a page."""
    data = (
        bom
        + f'<?xml version="1.0" encoding="{declared}"?>{newline}'.encode()
        + rss_items("<item><title>Café — déjà vu</title><link>https://t.example.com/1</link></item>")
    )

    assert [meta["title"] for _body, meta in parse_feed(data, content_type=content_type)] == ["Café — déjà vu"]


def authors(data: bytes) -> list:
    return [meta.get("author") for _body, meta in parse_feed(data)]


def test_an_rss_author_is_read_by_name_not_by_the_email_address_rss_asks_for():
    data = rss_items(
        "<item><title>a</title><link>https://t.example.com/1</link><author>jane@t.example.com (Jane Doe)</author></item>",
        "<item><title>b</title><link>https://t.example.com/2</link><author>news@t.example.com</author></item>",
    )
    assert authors(data) == ["Jane Doe", "news@t.example.com"]


def test_every_author_of_an_entry_is_kept_not_only_the_last():
    rss = rss_items(
        "<item><title>a</title><link>https://t.example.com/1</link>"
        "<dc:creator>Ann One</dc:creator><dc:creator>Bob Two</dc:creator></item>"
    )
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>x</id><updated>2025-10-21T10:00:00Z</updated>'
        b'<entry><title>a</title><link href="https://t.example.com/1"/><id>1</id><updated>2025-10-21T10:00:00Z</updated>'
        b"<author><name>Ann One</name></author><author><name>Bob Two</name><email>bob@t.example.com</email></author>"
        b"</entry></feed>"
    )
    assert authors(rss) == authors(atom) == ["Ann One, Bob Two"]


def test_an_atom_entry_without_an_author_has_its_feed_s():
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>x</id><updated>2025-10-21T10:00:00Z</updated>'
        b"<author><name>Feed Author</name></author>"
        b'<entry><title>a</title><link href="https://t.example.com/1"/><id>1</id><updated>2025-10-21T10:00:00Z</updated></entry>'
        b'<entry><title>b</title><link href="https://t.example.com/2"/><id>2</id><updated>2025-10-21T10:00:00Z</updated>'
        b"<author><name>Own Author</name></author></entry></feed>"
    )
    assert authors(atom) == ["Feed Author", "Own Author"]


def test_an_rss_channel_s_managing_editor_is_no_item_s_author():
    data = rss_items("<item><title>a</title><link>https://t.example.com/1</link></item>").replace(
        b"<description>d</description>",
        b"<description>d</description><managingEditor>ed@t.example.com (Ed)</managingEditor>",
    )
    assert authors(data) == [None]


def json_feed(items: list[dict], **feed) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": items, **feed}).encode()


def test_a_json_feed_item_without_authors_has_the_feed_s():
    data = json_feed(
        [
            {"id": "1", "url": "https://j.example.com/1"},
            {"id": "2", "url": "https://j.example.com/2", "authors": [{"name": "Own"}]},
        ],
        authors=[{"name": "Feed One"}, {"name": "Feed Two"}],
    )
    assert authors(data) == ["Feed One, Feed Two", "Own"]


def test_a_json_feed_with_a_number_python_cannot_read_is_still_a_feed():
    """A number of 5,000 digits (or NaN) anywhere made the whole JSON Feed no feed, left unread, as
    a JSON article holding one was before: it is read as the text written, as there."""
    data = json_feed([{"id": "1", "url": "https://j.example.com/1", "authors": [{"name": "Own"}]}])
    data = data.replace(b'"title": "J"', b'"title": "J", "_counter": ' + b"9" * 5000 + b', "_score": NaN')
    assert authors(data) == ["Own"]


def test_a_json_feed_item_with_only_date_modified_is_dated_by_it():
    data = json_feed(
        [
            {"id": "1", "url": "https://j.example.com/1", "date_modified": "2025-10-21T10:00:00Z"},
            {
                "id": "2",
                "url": "https://j.example.com/2",
                "date_published": "soon",
                "date_modified": "2025-10-20T10:00:00Z",
            },
            {
                "id": "3",
                "url": "https://j.example.com/3",
                "date_published": "2025-10-19",
                "date_modified": "2025-10-22",
            },
        ]
    )
    assert [meta.get("date") for _body, meta in parse_feed(data)] == ["2025-10-21", "2025-10-20", "2025-10-19"]


FEED_UTF8 = (
    "<?xml version='1.0' encoding='{declared}'?><rss version='2.0'><channel><title>T</title>"
    "<link>https://t.example.com/</link><description>d</description>"
    "<item><title>Café — déjà vu</title><link>https://t.example.com/1</link></item></channel></rss>"
)


@pytest.mark.parametrize("declared", ["windows-1252", "iso-8859-1", "utf-8"])
def test_a_utf8_byte_order_mark_wins_over_the_encoding_the_xml_declaration_names(declared):
    # "CafÃ© â€” dÃ©jÃ  vu" under encoding="windows-1252": the mark says UTF-8 for sure.
    data = "\ufeff".encode() + FEED_UTF8.format(declared=declared).encode("utf-8")
    assert [meta["title"] for _body, meta in parse_feed(data)] == ["Café — déjà vu"]


def test_a_utf16_feed_with_its_byte_order_mark_is_read_whatever_charset_the_header_gives():
    # A server's default "charset=iso-8859-1" in front of it: refused as not well-formed.
    data = FEED_UTF8.format(declared="utf-16").encode("utf-16")
    assert [meta["title"] for _body, meta in parse_feed(data, content_type="text/xml; charset=iso-8859-1")] == [
        "Café — déjà vu"
    ]


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("Tue, 21 Oct 2025 23:30:00 EDT", "2025-10-21"),  # the day where it was written, not UTC's 22nd
        ("Tue, 21 Oct 2025 23:30:00 PST", "2025-10-21"),
        ("2025-10-21T23:30:00", "2025-10-21"),  # ISO without a zone
        ("Tue, 21 Oct 25 10:00 +0000", "2025-10-21"),  # two-digit year, no seconds
        ("Wed, 1 Oct 2025 9:05:00 +0200", "2025-10-01"),
        ("2025-10-21T10:00:00.000+0000", "2025-10-21"),
        ("yesterday", None),
    ],
)
def test_feed_dates_in_the_forms_outlets_write(written, day):
    data = rss_items(f"<item><title>a</title><link>https://t.example.com/1</link><pubDate>{written}</pubDate></item>")
    [(_body, meta)] = parse_feed(data)
    assert meta.get("date", None) == day or (day is None and meta.get("date") == written)


def test_hostile_titles_and_authors_are_one_line_of_plain_text():
    data = json_feed(
        [
            {
                "id": "1",
                "url": "https://j.example.com/1",
                "title": "Red \u001b[2J\u001b[31malert\u001b[0m [b]not markup[/b]\r\nsecond line\u0007",
                "authors": [{"name": "Eve\u001b]8;;https://evil.example/\u0007 <img src=x>"}],
            }
        ],
        title="Evil\u001b]0;owned\u0007 Feed",
    )
    [(_body, meta)] = parse_feed(data)
    assert meta["title"] == "Red alert [b]not markup[/b] second line"
    assert meta["author"] == "Eve <img src=x>"
    assert meta["_feed_title"] == "Evil Feed"


@pytest.mark.parametrize(
    "media", ["binary/octet-stream", "application/octet-stream", "text/xml", "application/x-rss+xml"]
)
def test_a_feed_is_read_under_the_types_file_hosts_give_it(server, isolated_dirs, media):
    # binary/octet-stream: Amazon S3's type for a file uploaded without one.
    feed = (
        "<rss version='2.0'><channel><title>Hosted</title><link>https://s3.example.com/</link><description>d</description>"
        f"<item><title>Hosted post</title><link>https://s3.example.com/1</link><description>{body(7)}</description>"
        "</item></channel></rss>"
    )
    articles = fetched(server, isolated_dirs, {"/feed.xml": Reply(feed, content_type=media)})
    assert list(articles) == ["Hosted post"]


@pytest.mark.parametrize("media", ["application/feed+json", "application/feed+json; charset=windows-1252"])
def test_a_json_feed_that_is_not_utf8_is_read_in_its_charset(server, isolated_dirs, media):
    # A PHP site's Latin-1 JSON Feed was refused with the XML parser's words: "malformed feed:
    # not well-formed (invalid token)".
    feed = json_feed(
        [{"id": "1", "url": "https://j.example.com/1", "title": "Déjà vu — €5", "content_text": body(8)}],
        title="Café",
    )
    latin = json.dumps(json.loads(feed), ensure_ascii=False).encode("cp1252")
    articles = fetched(server, isolated_dirs, {"/feed.json": Reply(latin, content_type=media)})
    assert list(articles) == ["Déjà vu — €5"]


@pytest.mark.parametrize(
    "written, header, title, text",
    [
        ("cp1251", "windows-1251", "Новости дня", "Президент России заявил журналистам, что встреча не состоится."),
        # cp932's circled digits and ㈱ are in no Shift_JIS: feedparser failed on them and read the
        # whole feed as windows-1252, "‡@“Œ‹ž" for "①東京".
        ("cp932", "Shift_JIS", "①東京のニュース", "㈱ソニーは十五日、新製品を発表した。東京都内の店で売り出す。"),
        # A label browsers know and Python's codecs do not: feedparser read windows-1252.
        ("cp932", "x-sjis", "東京のニュース", "東京都は十五日、新型の感染者が確認されたと発表した。"),
        ("gb18030", "GB2312", "朱镕基的新闻", "据新华社报道，国务院新闻办公室举行发布会，介绍经济运行情况。"),
        ("big5hkscs", "Big5", "台北新聞", "台北市政府今天宣布，將在下個月開始實施新的交通政策。"),
    ],
)
@pytest.mark.parametrize("kind", ["rss", "json"])
def test_a_feed_whose_charset_only_the_http_header_gives_reaches_the_articles_in_it(
    server, isolated_dirs, written, header, title, text, kind
):
    """The charset is in the Content-Type alone (no XML declaration names one), as a superset
    browsers read, or by a label of theirs: what reaches the title, the outlet and the text."""
    text = f"{text} {body(3)}"
    if kind == "json":
        feed = json.loads(
            json_feed([{"id": "1", "url": "https://j.example.com/1", "title": title, "content_text": text}])
        )
        feed["title"] = title
        data = json.dumps(feed, ensure_ascii=False).encode(written)
    else:
        data = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>https://t.example.com/</link>'
            f"<description>d</description><item><title>{title}</title><link>https://t.example.com/1</link>"
            f"<description>{text}</description></item></channel></rss>"
        ).encode(written)
    media = "application/feed+json" if kind == "json" else "application/rss+xml"
    articles = fetched(server, isolated_dirs, {"/feed": Reply(data, content_type=f"{media}; charset={header}")})
    assert list(articles) == [title]
    assert (articles[title].outlet, articles[title].text.strip()) == (title, text)


@pytest.mark.parametrize(
    "footer",
    [
        "The post <a href='https://wp.example.com/1'>A title</a> appeared first on <a href='https://wp.example.com'>WP Site</a>.",
        "Der Beitrag <a href='https://wp.example.com/1'>Ein Titel</a> erschien zuerst auf <a href='https://wp.example.com'>WP</a>.",
        "L’article <a href='https://wp.example.com/1'>Un titre</a> est apparu en premier sur <a href='https://wp.example.com'>WP</a>.",
    ],
)
def test_the_appeared_first_on_line_wordpress_ends_feed_text_with_is_not_the_article_s(footer):
    content = f"<p>{body(9)}</p><p>Last paragraph.</p><p>{footer}</p>"
    data = rss_items(
        f"<item><title>a</title><link>https://wp.example.com/1</link><description><![CDATA[{content}]]></description></item>"
    )
    [(text, _meta)] = parse_feed(data)
    assert text == f"{body(9)}\n\nLast paragraph."


def test_a_paragraph_that_only_looks_like_the_wordpress_line_is_kept():
    content = f"<p>{body(10)}</p><p>The post office appeared first on the map in 1850.</p>"
    data = rss_items(
        f"<item><title>a</title><link>https://wp.example.com/1</link><description><![CDATA[{content}]]></description></item>"
    )
    [(text, _meta)] = parse_feed(data)
    assert text.endswith("\n\nThe post office appeared first on the map in 1850.")


def test_a_feedburner_entry_links_to_its_original_address_not_through_the_dead_proxy():
    data = rss_items(
        "<item><title>a</title><link>http://feedproxy.google.com/~r/Example/~3/abc/</link>"
        '<feedburner:origLink xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">'
        "https://fb.example.com/2025/10/a/</feedburner:origLink></item>",
        "<item><title>b</title><link>https://fb.example.com/2025/10/b/</link></item>",
    )
    assert [meta["url"] for _body, meta in parse_feed(data)] == [
        "https://fb.example.com/2025/10/a/",
        "https://fb.example.com/2025/10/b/",
    ]


@pytest.mark.parametrize("ref", ["&#99999999999;", "&#2147483648;", "&#x110000;", "&#xD800;"])
def test_a_reference_to_no_character_is_a_replacement_character_not_a_lost_feed(ref):
    """feedparser's lenient parser raised on a character reference past Unicode or to a
    surrogate half ("Python int too large to convert to C int"): every entry was lost, the file
    "could not be read"."""
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
        + f"<item><title>Odd {ref} title</title><description>Text {ref} here &#8217; &#65;.</description></item>".encode()
        + b"<item><title>Second</title><description>Another entry.</description></item></channel></rss>"
    )
    entries = parse_feed(data)
    assert [(body, meta["title"]) for body, meta in entries] == [
        ("Text \ufffd here \u2019 A.", "Odd \ufffd title"),
        ("Another entry.", "Second"),
    ]


def test_a_bare_ampersand_is_read_as_one_not_as_a_made_up_reference():
    # "Q&A: M&S" written unescaped (not well-formed XML, and common): feedparser's fallback
    # parser read "Q&A;: M&S;", and the feed's title "AT&T;".
    data = (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>AT&T News</title>'
        b"<link>https://t.example.com/</link><description>d</description>"
        b"<item><title>Q&A: M&S &amp; more</title><link>https://t.example.com/1?x=1&y=2</link>"
        b"<description>Fish & chips &#8217; &nbsp;</description></item>"
        b"<item><title><![CDATA[R&D &amp; co]]></title><link><![CDATA[https://t.example.com/2?a=1&b=2]]></link></item>"
        b"</channel></rss>"
    )
    entries = parse_feed(data)
    assert [(meta["title"], meta["url"], meta["_feed_title"]) for _body, meta in entries] == [
        ("Q&A: M&S & more", "https://t.example.com/1?x=1&y=2", "AT&T News"),
        ("R&D & co", "https://t.example.com/2?a=1&b=2", "AT&T News"),
    ]
    assert entries[0][0] == "Fish & chips ’"


@pytest.mark.parametrize("declared", ["utf-8", "iso-8859-1", None])
@pytest.mark.parametrize("media", [None, "application/rss+xml; charset=utf-8"])
def test_one_stray_byte_does_not_turn_a_utf8_feed_to_mojibake(declared, media):
    # A Latin-1 "ï" pasted into a UTF-8 feed: feedparser read the whole feed as windows-1252,
    # and "Café — déjà" came out "CafÃ© â€” dÃ©jÃ".
    prolog = f'<?xml version="1.0" encoding="{declared}"?>' if declared else '<?xml version="1.0"?>'
    data = prolog.encode() + rss_items(
        "<item><title>Café — déjà vu</title><link>https://t.example.com/1</link>"
        "<description>A naXve reader.</description></item>"
    ).replace(b"naXve", b"na\xefve")
    [(text, meta)] = parse_feed(data, content_type=media)
    assert (meta["title"], text) == ("Café — déjà vu", "A naïve reader.")


def test_a_latin1_feed_with_no_utf8_in_it_is_still_read_as_latin1():
    data = rss_items("<item><title>CafQ naZve</title><link>https://t.example.com/1</link></item>")
    data = data.replace(b"CafQ", b"Caf\xe9").replace(b"naZve", b"na\xefve")
    assert [meta["title"] for _body, meta in parse_feed(data)] == ["Café naïve"]


@pytest.mark.parametrize(
    ("declared", "written", "title"),
    [
        ("Shift_JIS", "cp932", "\u2460東京の天気は晴れです。\u3231"),
        ("Shift_JIS", "shift_jis", "東京の天気は晴れです。〜"),
        ("gb2312", "gbk", "朱镕基说你好"),
        ("EUC-KR", "cp949", "똠방각하 서울"),
        ("Big5", "big5hkscs", "香港嘅天氣好好"),
        ("ISO-8859-1", "cp1252", "\u201cIt\u2019s fine,\u201d she said \u2014 at the caf\u00e9"),
        # labels of browsers' Python knows by no name
        ("iso-8859-8-i", "iso8859-8", "שלום עולם, זה מבחן."),
        ("x-sjis", "cp932", "\u2460東京の天気は晴れです。"),
        ("x-mac-cyrillic", "mac-cyrillic", "Москва - столица."),
    ],
)
def test_a_feed_in_the_superset_browsers_read_for_its_declared_encoding_is_read_in_it(declared, written, title):
    """feedparser followed the XML declaration, failed on a circled digit of a Shift_JIS feed
    (cp932's, as Windows writes it) and read the whole feed as windows-1252: "‡@“Œ‹ž"."""
    prolog = f'<?xml version="1.0" encoding="{declared}"?>'
    item = f"<item><title>{title}</title><link>https://t.example.com/1</link></item>"
    data = prolog.encode("ascii") + rss_items(item).decode("utf-8").encode(written)
    assert [meta["title"] for _body, meta in parse_feed(data)] == [title]


@pytest.mark.parametrize("charset", ["utf-8", "iso-8859-1"])
def test_a_page_and_a_feed_utf8_but_for_a_stray_byte_are_read_as_utf8(server, isolated_dirs, charset):
    # The whole page was read as cp1252 for one stray byte, "Café" stored as "CafÃ©", whatever
    # the header said (a server's default "iso-8859-1" in front of UTF-8 pages is common).
    paragraphs = [body(11) + " Café — déjà vu.", body(12) + " A naXve reader."]
    html = page("Café — déjà vu", paragraphs).encode("utf-8").replace(b"naXve", b"na\xefve")
    server.route("/news/1", Reply(html, content_type=f"text/html; charset={charset}"))
    feed = (
        (
            "<rss version='2.0'><channel><title>Caf\u00e9 Feed</title><link>https://t.example.com/</link>"
            f"<description>d</description><item><title>Café — déjà vu</title><link>{server.url('/news/1')}</link>"
            "<description>Naxve teaser.</description></item></channel></rss>"
        )
        .encode("utf-8")
        .replace(b"Naxve", b"Na\xefve")
    )
    server.route("/feed.xml", Reply(feed, content_type=f"application/rss+xml; charset={charset}"))
    (isolated_dirs["config"] / "feeds.yaml").write_text(
        f"feeds:\n  - url: {server.url('/feed.xml')}\n", encoding="utf-8"
    )

    report = fetch(settings=HttpSettings(host_delay=0, retries=0, connect_timeout=2, read_timeout=2))

    assert report.new == 1, [f.reason for f in report.failures]
    [article] = load_corpus([config.fetched_corpus_dir()]).articles
    assert article.title == "Café — déjà vu"
    assert "Café — déjà vu." in article.text and "A naïve reader." in article.text


def test_a_file_utf8_but_for_a_stray_byte_is_read_as_utf8():
    from reader.corpus.decode import decode_bytes

    assert decode_bytes("Café — déjà vu, naXve.".encode().replace(b"X", b"\xef")) == ("Café — déjà vu, naïve.", "utf-8")
    assert decode_bytes("Café naïve".encode("latin-1")) == ("Café naïve", "cp1252")


@pytest.mark.parametrize(
    "item",
    [
        '<link></link><guid isPermaLink="true">https://g.example.com/a</guid>',
        "<link></link><guid>https://g.example.com/a</guid>",  # RSS 2.0: a permalink unless it says not
        "<link/><guid>https://g.example.com/a</guid>",
        "<link>  </link><guid>https://g.example.com/a</guid>",
        '<guid isPermaLink="true">https://g.example.com/a</guid><link></link>',  # the link after the guid
        "<guid><![CDATA[https://g.example.com/a]]></guid>",
    ],
)
def test_an_entry_with_an_empty_link_is_linked_by_its_permalink_guid(item):
    """An empty <link> hid the guid's address: feedparser keeps the empty link (its `guidislink`
    is false when the item has any <link>), and the entry was kept from its teaser, never fetched."""
    [(_text, meta)] = parse_feed(rss_items(f"<item><title>a</title>{item}<description>Teaser.</description></item>"))
    assert meta["url"] == "https://g.example.com/a"


@pytest.mark.parametrize(
    "item",
    [
        '<link></link><guid isPermaLink="false">https://g.example.com/a</guid>',
        "<link></link><guid isPermaLink='false'>https://g.example.com/a</guid>",
        '<guid isPermaLink="false">https://g.example.com/a</guid>',
        "<link></link><guid>a-1234</guid>",
    ],
)
def test_a_guid_marked_no_permalink_or_no_url_is_never_the_link(item):
    [(_text, meta)] = parse_feed(rss_items(f"<item><title>a</title>{item}<description>Teaser.</description></item>"))
    assert meta.get("url") is None


def test_an_entry_s_own_link_wins_over_its_permalink_guid():
    data = rss_items(
        '<item><title>a</title><link>https://g.example.com/b</link><guid isPermaLink="true">https://g.example.com/a</guid></item>'
    )
    assert [meta["url"] for _body, meta in parse_feed(data)] == ["https://g.example.com/b"]


def test_an_entry_with_an_empty_link_fetches_the_page_its_guid_names(server, isolated_dirs):
    server.route("/story/1", Reply(page("Guid story", [body(30), body(31)]), content_type="text/html"))
    feed = rss_items(
        f"<item><title>Guid story</title><link></link><guid>{server.url('/story/1')}</guid>"
        "<description>A teaser.</description></item>"
    )
    server.route("/feed.xml", Reply(feed, content_type="application/rss+xml"))
    (isolated_dirs["config"] / "feeds.yaml").write_text(
        f"feeds:\n  - url: {server.url('/feed.xml')}\n", encoding="utf-8"
    )

    report = fetch(settings=HttpSettings(host_delay=0, retries=0, connect_timeout=2, read_timeout=2))

    assert (report.new, report.failures) == (1, [])
    [article] = load_corpus([config.fetched_corpus_dir()]).articles
    assert article.url == server.url("/story/1") and body(31) in article.text


@pytest.mark.parametrize(
    ("content", "text"),
    [
        (
            "<p>Flat 2, 10 High Street<br>Bristol BS1 4ST</p><p>Next.</p>",
            "Flat 2, 10 High Street\nBristol BS1 4ST\n\nNext.",
        ),
        (
            "<p>Roses are red,<br />\n  violets are blue</p>",
            "Roses are red,\nviolets are blue",
        ),  # source newlines are spaces
        ("<p>One.<BR>Two.</p>", "One.\nTwo."),
        ("First paragraph.<br><br>Second paragraph.", "First paragraph.\n\nSecond paragraph."),
        ("First paragraph.<br/>\n<br/>\nSecond paragraph.", "First paragraph.\n\nSecond paragraph."),
        ("<p><br>Opening.</p><p>Closing.<br></p>", "Opening.\n\nClosing."),  # a <br> at a paragraph's edge is nothing
        ("<p>a.</p><br><p>b.</p>", "a.\n\nb."),
    ],
)
def test_a_br_is_a_line_break_in_its_paragraph_and_two_are_a_paragraph_break(content, text):
    """One <br> became a blank line, so every address, poem and sign-off line was a paragraph of
    its own and the comparison split a sentence continued after a <br>. Two in a row still part
    paragraphs, as the empty line a browser shows between them reads."""
    from reader.corpus.formats import _tags_stripped, html_fragment_to_text

    assert html_fragment_to_text(content) == text
    assert _tags_stripped(content) == text  # the fallback for fragments lxml cannot read


def test_a_sentence_continued_after_a_br_stays_one_sentence(server, isolated_dirs):
    from reader.analysis.sentences import split_sentences

    content = f"<p>{body(40)}</p><p>The minister said the plan<br>would be ready by spring. It was not.</p>"
    feed = rss_items(
        f"<item><title>Br story</title><link>https://br.example.com/1</link><description><![CDATA[{content}]]></description></item>"
    )
    articles = fetched(server, isolated_dirs, {"/br.xml": Reply(feed, content_type="application/rss+xml")})

    text = articles["Br story"].text
    assert text.endswith("\n\nThe minister said the plan\nwould be ready by spring. It was not.")
    assert "The minister said the plan\nwould be ready by spring." in [s.text for s in split_sentences(text)]


def atom_entry(entry: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/">'
        f'<title>Channel</title><link rel="alternate" href="https://a.example.com/"/><entry>{entry}</entry></feed>'
    ).encode()


@pytest.mark.parametrize(
    ("entry", "url"),
    [
        (  # YouTube's channel feed: the id first, then the watch page
            '<id>yt:video:abc</id><yt:videoId>abc</yt:videoId><title>Video</title><link rel="alternate" '
            'href="https://www.youtube.com/watch?v=abc"/><media:group><media:description>Text.</media:description></media:group>',
            "https://www.youtube.com/watch?v=abc",
        ),
        (  # Blogger: replies, edit and self links around the alternate one
            "<id>tag:blogger.com,1999:blog-1.post-2</id><title>Post</title>"
            "<link rel='replies' type='text/html' href='https://www.blogger.com/comment/fullpage/post/1/2'/>"
            "<link rel='edit' href='https://www.blogger.com/feeds/1/posts/default/2'/>"
            "<link rel='self' href='https://www.blogger.com/feeds/1/posts/default/2'/>"
            "<link rel='alternate' type='text/html' href='https://b.blogspot.com/2025/10/post.html'/>",
            "https://b.blogspot.com/2025/10/post.html",
        ),
        ('<id>urn:uuid:1</id><title>No rel</title><link href="https://a.example.com/1"/>', "https://a.example.com/1"),
        ("<id>https://a.example.com/?p=1</id><title>Only an id</title>", None),  # an Atom id is no link
        ('<id>urn:uuid:2</id><title>Replies only</title><link rel="replies" href="https://a.example.com/c"/>', None),
    ],
)
def test_an_atom_entry_whose_id_comes_first_is_linked_by_its_alternate_link(entry, url):
    """feedparser says `guidislink` of every entry whose id comes before its <link>, as YouTube's,
    Blogger's and most Atom feeds write it: those entries had no link, so nothing was fetched and
    a video or a post was kept from its description, or not at all."""
    [(_text, meta)] = parse_feed(atom_entry(entry))
    assert meta.get("url") == url


def test_an_rss_item_whose_guid_comes_before_its_link_is_linked_by_the_link():
    data = rss_items(
        '<item><title>a</title><guid isPermaLink="false">post-1</guid><link>https://g.example.com/a</link></item>',
        "<item><title>b</title><guid>https://g.example.com/old-b</guid><link>https://g.example.com/b</link></item>",
    )
    assert [meta.get("url") for _body, meta in parse_feed(data)] == [
        "https://g.example.com/a",
        "https://g.example.com/b",
    ]


@pytest.mark.parametrize(
    ("content", "text"),
    [
        (  # Hugo's and Jekyll's full-text feeds: hard-wrapped Markdown, wrapped in the HTML too
            "<p>The minister met with\nPresident Biden on\n  Tuesday. Talks went well.</p>\n<p>Next.</p>",
            "The minister met with President Biden on Tuesday. Talks went well.\n\nNext.",
        ),
        ("Para one.\n\nPara two, <a href='/x'>a link</a>\nand more.", "Para one.\n\nPara two, a link and more."),
        ("<pre>line 1\nline 2</pre><p>after\nwrap</p>", "line 1\nline 2\n\nafter wrap"),
    ],
)
def test_a_line_break_in_the_html_source_is_a_space_as_a_browser_reads_it(content, text):
    """A wrapped line of HTML became a line break of the article, and a line opening with a
    capital a sentence of its own: "met with" / "President Biden on Tuesday." in the comparison."""
    from reader.corpus.formats import html_fragment_to_text

    assert html_fragment_to_text(content) == text


@pytest.mark.parametrize(
    ("content", "text"),
    [
        (
            "<div>The bridge opened.<figure><img src='b.jpg'><figcaption>The new bridge.</figcaption></figure>Traffic flowed.</div>",
            "The bridge opened.\n\nThe new bridge.\n\nTraffic flowed.",
        ),
        (
            "<div>Intro.<aside>Related: the old bridge</aside>After.</div>",
            "Intro.\n\nRelated: the old bridge\n\nAfter.",
        ),
        (
            "<table><tr><th>Name</th><th>Votes</th></tr><tr><td>Smith</td><td>1,024</td></tr></table>",
            "Name Votes\n\nSmith 1,024",
        ),
    ],
)
def test_figures_asides_and_table_cells_stay_apart_from_the_text_around_them(content, text):
    """A caption was glued to the sentences either side ("opened.The new bridge.Traffic"), and
    table cells to each other ("Smith1,024")."""
    from reader.corpus.formats import _tags_stripped, html_fragment_to_text

    assert html_fragment_to_text(content) == text
    assert _tags_stripped(content) == text


@pytest.mark.parametrize(
    "ending",
    [
        ' <a href="https://t.example.com/1">Continue reading...</a></p>',  # the Guardian's
        '</p><p><a href="https://t.example.com/1" class="more-link">Continue reading<span class="screen-reader-text">'
        ' "Storm"</span></a></p>',  # WordPress's
        ' <a href="https://t.example.com/1">Read more &raquo;</a></p>',
        ' [<a href="https://t.example.com/1">Read more...</a>]</p>',
    ],
)
def test_the_continue_reading_link_a_teaser_ends_with_is_no_part_of_its_text(ending):
    content = f"<p>{body(50)}{ending}"
    [(text, _meta)] = parse_feed(
        rss_items(f"<item><title>a</title><description><![CDATA[{content}]]></description></item>")
    )
    assert text == body(50)


@pytest.mark.parametrize(
    "content",
    [
        '<p>She told readers to <a href="x">read more</a> about it.</p>',  # not the end
        '<p>The <a href="x">Continue Reading Club</a></p>',  # not the whole text of the link
    ],
)
def test_read_more_words_in_the_text_stay(content):
    [(text, _meta)] = parse_feed(
        rss_items(f"<item><title>a</title><description><![CDATA[{content}]]></description></item>")
    )
    assert text in {"She told readers to read more about it.", "The Continue Reading Club"}


@pytest.mark.parametrize("kind", ["", ' type="text"'])
def test_html_in_an_atom_summary_typed_as_text_is_read_as_html(kind):
    """Atom's default type is "text", and many generators leave it out before escaped HTML: the
    article showed its tags ("<p>Hello world.</p>")."""
    data = atom_entry(
        f'<id>urn:1</id><title>t</title><link href="https://a.example.com/1"/><summary{kind}>'
        "&lt;p&gt;Hello world.&lt;/p&gt;&lt;p&gt;Second line&lt;br /&gt;goes on.&lt;/p&gt;</summary>"
    )
    [(text, _meta)] = parse_feed(data)
    assert text == "Hello world.\n\nSecond line\ngoes on."


def test_a_plain_text_summary_that_mentions_a_tag_by_name_keeps_its_words():
    data = atom_entry("<id>urn:1</id><title>t</title><summary>Use the &lt;main&gt; element; 3 &lt; 4.</summary>")
    [(text, _meta)] = parse_feed(data)
    assert text == "Use the <main> element; 3 < 4."


def test_a_tour_of_the_platforms_feeds_kept_from_their_own_text(server, isolated_dirs):
    """YouTube, Blogger, Medium and Substack feeds as they are written, read with `articles: false`:
    each entry keeps its own address and its text without the platform's lines."""
    youtube = f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">
 <link rel="self" href="http://www.youtube.com/feeds/videos.xml?channel_id=UC1"/><id>yt:channel:UC1</id><title>Harbour TV</title>
 <link rel="alternate" href="https://www.youtube.com/channel/UC1"/>
 <entry><id>yt:video:abc</id><yt:videoId>abc</yt:videoId><title>Harbour vote explained</title>
  <link rel="alternate" href="https://www.youtube.com/watch?v=abc"/><author><name>Harbour TV</name></author>
  <published>2025-10-20T16:00:06+00:00</published><updated>2025-10-21T01:02:03+00:00</updated>
  <media:group><media:title>Harbour vote explained</media:title><media:description>{body(60)}
{body(61)}</media:description></media:group></entry></feed>"""
    blogger = f"""<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>
<id>tag:blogger.com,1999:blog-1</id><title type='text'>Harbour Blog</title>
<entry><id>tag:blogger.com,1999:blog-1.post-2</id><published>2025-10-21T09:00:00.000-07:00</published>
<title type='text'>Blogger post</title><content type='html'>&lt;div dir="ltr"&gt;{body(62)}&lt;br /&gt;{body(63)}&lt;/div&gt;</content>
<link rel='replies' type='text/html' href='https://www.blogger.com/comment/fullpage/post/1/2' title='0 Comments'/>
<link rel='edit' type='application/atom+xml' href='https://www.blogger.com/feeds/1/posts/default/2'/>
<link rel='alternate' type='text/html' href='https://harbour.blogspot.com/2025/10/post.html' title='Blogger post'/></entry></feed>"""
    medium = f"""<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">
<channel><title><![CDATA[Stories by Jane on Medium]]></title><link>https://medium.com/@jane?source=rss-abc------2</link>
<item><title><![CDATA[Medium post]]></title><link>https://medium.com/@jane/medium-post-1a2b3c?source=rss-abc------2</link>
<guid isPermaLink="false">https://medium.com/p/1a2b3c</guid><dc:creator><![CDATA[Jane]]></dc:creator>
<pubDate>Tue, 21 Oct 2025 12:00:00 GMT</pubDate><content:encoded><![CDATA[<p>{body(64)}</p>
<img src="https://medium.com/_/stat?event=post.clientViewed&referrerSource=full_rss&postId=1a2b3c" width="1" height="1" alt=""><hr>
<p><a href="https://medium.com/@jane/medium-post">Medium post</a> was originally published in <a href="https://medium.com/pub">Pub</a>
on Medium, where people are continuing the conversation by highlighting and responding to this story.</p>]]></content:encoded></item></channel></rss>"""
    substack = f"""<?xml version="1.0" encoding="UTF-8"?><rss xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">
<channel><title><![CDATA[The Letter]]></title><link>https://letter.substack.com</link>
<item><title><![CDATA[Substack post]]></title><description><![CDATA[A subtitle]]></description>
<link>https://letter.substack.com/p/substack-post</link><guid isPermaLink="false">https://letter.substack.com/p/substack-post</guid>
<pubDate>Tue, 21 Oct 2025 13:01:02 GMT</pubDate><content:encoded><![CDATA[<p>{body(65)}</p><div class="subscription-widget-wrap">
<div class="subscription-widget show-subscribe"><div class="preamble"><p class="cta-caption">Thanks for reading The Letter!
Subscribe for free to receive new posts and support my work.</p></div><form class="subscription-widget-subscribe">
<input type="email" class="email-input" name="email" placeholder="Type your email…"><input type="submit" class="button primary" value="Subscribe">
</form></div></div><p class="button-wrapper"><a class="button primary" href="https://letter.substack.com/subscribe?"><span>Subscribe now</span></a></p>
<p>{body(66)}</p>]]></content:encoded></item></channel></rss>"""
    articles = fetched(
        server,
        isolated_dirs,
        {
            "/yt.xml": Reply(youtube, content_type="application/atom+xml"),
            "/blogger.xml": Reply(blogger, content_type="application/atom+xml"),
            "/medium.xml": Reply(medium, content_type="application/rss+xml"),
            "/substack.xml": Reply(substack, content_type="text/xml"),
        },
    )

    seen = {title: (a.url, a.text) for title, a in articles.items()}
    assert seen == {
        "Harbour vote explained": ("https://www.youtube.com/watch?v=abc", f"{body(60)}\n{body(61)}"),
        "Blogger post": ("https://harbour.blogspot.com/2025/10/post.html", f"{body(62)}\n{body(63)}"),
        "Medium post": ("https://medium.com/@jane/medium-post-1a2b3c?source=rss-abc------2", body(64)),
        "Substack post": ("https://letter.substack.com/p/substack-post", f"{body(65)}\n\n{body(66)}"),
    }


def test_an_emoji_drawn_as_a_picture_and_a_q_element_read_as_a_browser_shows_them():
    """WordPress writes each emoji as an <img class="wp-smiley" alt="🎉">, and a <q> shows its
    quotation marks: the text lost both (and the quotation its marks, by which quotes are found)."""
    content = (
        '<p>We did it <img draggable="false" role="img" class="emoji" alt="🎉" src="https://s.w.org/1f389.svg">'
        ' and <img class="wp-smiley" alt="🙂" src="x.png"> <img src="dog.jpg" alt="A photo of a dog">again.'
        " <q>Never again</q>, she said.</p>"
    )
    [(text, _meta)] = parse_feed(
        rss_items(f"<item><title>a</title><description><![CDATA[{content}]]></description></item>")
    )
    assert text == "We did it 🎉 and 🙂 again. “Never again”, she said."


def test_feedparser_does_not_sanitize_or_rewrite_the_html_we_make_text_of(monkeypatch):
    """feedparser's HTML sanitizer and its resolving of the links inside each entry's HTML took
    1.9 of the 2.2 s a 3 MB feed took to parse (bench/bench_feed_parse.py), for HTML that
    html_fragment_to_text makes plain text of anyway. What they removed is removed there too:
    scripts, styles, an applet's fallback text."""
    import feedparser.mixin

    from reader.corpus.formats import describe_feed, parse_feed

    def never(*args, **kwargs):
        raise AssertionError("feedparser rewrote the entry's HTML")

    monkeypatch.setattr(feedparser.mixin, "_sanitize_html", never)
    monkeypatch.setattr(feedparser.mixin, "resolve_relative_uris", never)
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Site &lt;b&gt;News&lt;/b&gt;</title>'
        b"<item><title>One</title><link>/a/1</link><description><![CDATA[<p>Kept words.</p>"
        b'<script>alert("x")</script><style>p {}</style><applet>Get Java</applet>'
        b'<p onclick="x()">More <a href="/rel">words</a>.</p>]]></description></item></channel></rss>'
    )
    [(body, meta)] = parse_feed(feed, base="https://site.example/rss.xml")
    assert body == "Kept words.\n\nMore words."
    assert meta["url"] == "https://site.example/a/1"  # the entry's own link is resolved still
    assert describe_feed(feed) == (True, "Site News")


def _entity_feed(doctype: str, title: str, items: list[str]) -> bytes:
    head = f'<?xml version="1.0"?><!DOCTYPE rss [{doctype}]><rss version="2.0"><channel><title>{title}</title>'
    return (head + "".join(items) + "</channel></rss>").encode()


_ENTITY_ITEM = "<item><title>{t}</title><link>https://x.example/{n}</link><description>{d}</description></item>"
_BROKEN_ITEM = "<item><title>Broken<link>https://x.example/b</link><description>x</item>"


@pytest.mark.parametrize("broken", [False, True])
def test_a_feeds_doctype_entities_are_read_as_the_text_they_stand_for(broken):
    """A feed title made of entities its doctype declares showed them as written, `&site; News`,
    when the feed was not well-formed XML (feedparser's lenient parser keeps them), and so did its
    entries, each read without the doctype."""
    doctype = (
        '<!ENTITY site "Daily Planet"><!ENTITY full "&site; &amp; <b>Co</b> &#233;">'
        '<!ENTITY ext SYSTEM "file:///etc/passwd"><!ENTITY self "a &self; b"><!ENTITY site "Other">'
    )
    items = [
        _ENTITY_ITEM.format(t="&full; story", n=1, d="Body of &site;, &ext;&self;. <![CDATA[ &site; ]]>"),
        _ENTITY_ITEM.format(t="Two", n=2, d="Second body here."),
    ]
    if broken:
        items.insert(1, _BROKEN_ITEM)
    out = parse_feed(_entity_feed(doctype, "&site; News", items))
    assert [meta.get("title") for _, meta in out if meta.get("title")] == ["Daily Planet & Co é story", "Two"]
    assert {meta["_feed_title"] for _, meta in out} == {"Daily Planet News"}
    assert " ".join(out[0][0].split()) == "Body of Daily Planet, . &site;"  # a CDATA section's, as written
    assert "passwd" not in repr(out) and "root:" not in repr(out)


@pytest.mark.parametrize("broken", [False, True])
def test_a_feeds_entities_named_as_xmls_own_or_read_in_an_attribute_are_read_as_xml_reads_them(broken):
    """A doctype declaring `lt` or `amp` anew changed what every `&lt;` and `&amp;` of the feed
    stood for ("a BOOM b"), where XML keeps them; an entity's quote, referenced in an attribute's
    value, ended that value (a link `href="&u;"` became `href="a" onclick="x"`)."""
    doctype = """<!ENTITY lt "BOOM"><!ENTITY amp "X"><!ENTITY u 'https://x.example/a" b="c'>"""
    doctype += '<!-- <!ENTITY hidden "BOOM"> -->'  # (a declaration in a comment declares nothing)
    items = [
        '<item><title>a &lt; b &amp; c&hidden;</title><link href="&u;">https://x.example/1</link>'
        "<description>First body.</description></item>",
        _ENTITY_ITEM.format(t="Two", n=2, d="Second body here."),
    ]
    if broken:
        items.insert(1, _BROKEN_ITEM)
    out = parse_feed(_entity_feed(doctype, "News &amp; views", items))
    assert out[0][1]["title"] in ("a < b & c", "a < b & c&hidden;")  # (undeclared: as written, as before)
    assert {meta["_feed_title"] for _, meta in out} == {"News & views"}
    assert "BOOM" not in repr(out)
    atom = (
        b"""<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY u 'https://x.example/a"'>]>"""
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>One</title>'
        b'<link href="&u;"/><id>1</id><content>First body words.</content></entry></feed>'
    )
    assert parse_feed(atom)[0][1]["url"] == 'https://x.example/a"'  # (as expat reads it: the quote its own)


def test_a_feeds_entity_bomb_stands_for_nothing():
    """ "Billion laughs": ten levels of ten references each; expanded, 10^9 words in the title."""
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10 if n else "lol"}">' for n in range(10))
    items = [_ENTITY_ITEM.format(t=f"T{n} &l2;", n=n, d="Body &l9; text.") for n in range(3)]
    items.insert(1, _BROKEN_ITEM)
    out = parse_feed(_entity_feed(laughs, "Daily &l9;", items))
    assert {meta["_feed_title"] for _, meta in out} == {"Daily"}
    assert out[0][1]["title"] == "T0 " + "lol" * 100 and out[0][0].split() == ["Body", "text."]


def _rss_titled(*titles: str) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>https://planet.example/{n}</link><description>The council voted"
        f" on Tuesday to approve the budget.</description></item>"
        for n, title in enumerate(titles)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Planet</title>{items}</channel></rss>'.encode()


def test_html_in_an_rss_title_in_cdata_is_read_as_html():
    """feedparser calls an RSS title in CDATA text: its tags, and a script's code, were the title's
    words ("Mayor <b>resigns</b> & leaves <script>alert(1)</script>"). A title with no element
    keeps what looks like markup."""
    data = _rss_titled(
        "<![CDATA[Mayor <b>resigns</b> &amp; leaves <script>alert(1)</script>]]>",
        '<![CDATA[<span class="x">Budget</span> <EM>passes</EM>]]>',
        "<![CDATA[I <3 Paris, and <b> tags matter]]>",
        "Council &lt;em&gt;approves&lt;/em&gt; budget",
        "[bold]Not markup[/bold] here",
    )
    assert [meta["title"] for _body, meta in parse_feed(data)] == [
        "Mayor resigns & leaves",
        "Budget passes",
        "I <3 Paris, and <b> tags matter",
        "Council approves budget",
        "[bold]Not markup[/bold] here",
    ]


def test_an_atom_or_json_feed_title_said_to_be_text_keeps_its_tags():
    """Atom's titles are text unless typed html, JSON Feed's always: one about markup, "Why
    <code>rebase</code> matters", lost its tags as an RSS title in CDATA does; one typed html
    still loses them."""
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Planet &lt;b&gt;dev&lt;/b&gt;</title>'
        "<entry><title>Why &lt;code&gt;rebase&lt;/code&gt; matters</title><id>1</id>"
        "<link href='https://planet.example/1'/><content>The council voted on Tuesday.</content></entry>"
        '<entry><title type="html">Mayor &lt;b&gt;resigns&lt;/b&gt;</title><id>2</id>'
        "<link href='https://planet.example/2'/><content>The council voted on Tuesday.</content></entry></feed>"
    ).encode()
    out = parse_feed(atom)
    assert [meta["title"] for _body, meta in out] == ["Why <code>rebase</code> matters", "Mayor resigns"]
    assert out[0][1]["_feed_title"] == "Planet <b>dev</b>"
    json_feed = (
        '{"version": "https://jsonfeed.org/version/1.1", "title": "Planet", "items": [{"id": "1",'
        ' "title": "Why <code>rebase</code> matters", "content_text": "The council voted on Tuesday."}]}'
    ).encode()
    assert [meta["title"] for _body, meta in parse_feed(json_feed)] == ["Why <code>rebase</code> matters"]


def test_an_rss_title_in_cdata_of_a_script_or_code_alone_is_read_as_html():
    """The title's element pattern was shadowed by the body's of the same name, which knows no
    <script>, <code> or <q>: such a title kept its tags, and a script's code as its words (a <q> is
    read as quotes, as in a body)."""
    data = _rss_titled(
        "<![CDATA[<script>alert(1)</script>Breaking news]]>",
        "<![CDATA[Why <code>rebase</code> matters]]>",
        "<![CDATA[She said <q>no</q> twice]]>",
    )
    assert [meta["title"] for _body, meta in parse_feed(data)] == [
        "Breaking news",
        "Why rebase matters",
        "She said “no” twice",
    ]
