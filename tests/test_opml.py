"""`reader feed import FILE` and `reader feed export`: subscriptions from and to OPML, the list
newsboat (`newsboat -e`, `newsboat -i`) and other feed readers trade, against a server on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
import yaml

from http_fixture import FAST_SETTINGS, Reply, page, rss

# As newsboat and Feedly write them: folders of outlines, attribute case that varies, a feed named
# twice, an entry that is no http(s) URL, a folder with no xmlUrl.
NEWSBOAT_OPML = """<?xml version="1.0"?>
<opml version="1.0">
  <head><title>newsboat - Exported Feeds</title></head>
  <body>
    <outline title="World">
      <outline type="rss" xmlurl="{world}" htmlUrl="https://example.org/" title="World &amp; Co"/>
      <outline type="rss" xmlUrl="{politics}" text="Politics"/>
    </outline>
    <outline type="rss" xmlUrl="{world}#again" text="World again"/>
    <outline type="rss" xmlUrl="feed://example.com/rss" text="A feed: link"/>
    <outline type="rss" xmlUrl="{untitled}"/>
  </body>
</opml>
"""


def _feeds(path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["feeds"]


def _opml(tmp_path, server, name="subscriptions.opml"):
    path = tmp_path / name
    path.write_text(
        NEWSBOAT_OPML.format(
            world=server.url("/world.xml"), politics=server.url("/politics.xml"), untitled=server.url("/untitled.xml")
        ),
        encoding="utf-8",
    )
    return path


def test_import_subscribes_to_every_feed_of_a_newsboat_export_without_fetching_them(
    reader_in_process, server, isolated_dirs, tmp_path
):
    feeds_file = isolated_dirs["config"] / "feeds.yaml"
    feeds_file.write_text("# my own notes\n" + FAST_SETTINGS, encoding="utf-8")
    opml = _opml(tmp_path, server)

    result = reader_in_process("feed", "import", str(opml))

    assert [(f["url"], f.get("title")) for f in _feeds(feeds_file)] == [
        (server.url("/world.xml"), "World & Co"),
        (server.url("/politics.xml"), "Politics"),
        (server.url("/untitled.xml"), None),
    ]
    assert "# my own notes" in feeds_file.read_text(encoding="utf-8")  # the user's comments stay
    # the feed named again (in another folder, with a fragment) is said, not silently dropped
    assert (
        "3 feeds added, 1 repeat of a feed named before in the file (taken once), 1 skipped; `reader fetch` fetches them"
        in result.stdout
    )
    # The reason names the URL: not said twice ("skipped feed://…: not an http(s) URL: feed://…").
    assert "reader: skipped: not an http(s) URL: feed://example.com/rss" in result.stderr
    assert result.stderr.count("feed://example.com/rss") == 1
    assert "did you mean https://example.com/rss?" in result.stderr
    assert server.log == []  # nothing fetched: `reader fetch` does that


def test_import_twice_adds_nothing_and_says_what_is_followed_already(
    reader_in_process, server, isolated_dirs, tmp_path
):
    opml = _opml(tmp_path, server)
    reader_in_process("feed", "import", str(opml))
    feeds_file = isolated_dirs["config"] / "feeds.yaml"
    before = feeds_file.read_bytes()

    again = json.loads(reader_in_process("feed", "import", str(opml), "--json").stdout)

    assert again["added"] == []
    assert again["already"] == [server.url("/world.xml"), server.url("/politics.xml"), server.url("/untitled.xml")]
    assert again["repeated"] == [{"url": server.url("/world.xml") + "#again", "same_as": server.url("/world.xml")}]
    assert again["skipped"] == [
        {
            "url": "feed://example.com/rss",
            "reason": "not an http(s) URL: feed://example.com/rss (did you mean https://example.com/rss?)",
        }
    ]
    assert feeds_file.read_bytes() == before


def test_imported_feeds_are_fetched_into_the_data_folder(reader_in_process, server, isolated_dirs, tmp_path):
    (isolated_dirs["config"] / "feeds.yaml").write_text(FAST_SETTINGS, encoding="utf-8")
    paragraphs = [
        f"Paragraph {i} says the ministers met at the border to talk about water and trade." for i in range(6)
    ]
    server.route(
        "/world.xml",
        Reply(rss("World", [{"title": "Talks", "link": server.url("/talks")}]), content_type="application/rss+xml"),
    )
    server.route("/talks", Reply(page("Talks at the border", paragraphs)))
    opml = tmp_path / "one.opml"
    opml.write_text(
        f'<opml version="2.0"><body><outline type="rss" xmlUrl="{server.url("/world.xml")}" text="World"/></body></opml>',
        encoding="utf-8",
    )
    reader_in_process("feed", "import", str(opml))

    report = json.loads(reader_in_process("fetch", "--json").stdout)

    assert report["new"] == 1
    stored = list((isolated_dirs["data"] / "fetched").rglob("*.md"))
    assert len(stored) == 1 and "Talks at the border" in stored[0].read_text(encoding="utf-8")


def test_export_gives_an_opml_file_that_imports_to_the_same_subscriptions(
    reader_in_process, server, isolated_dirs, tmp_path, monkeypatch
):
    feeds_file = isolated_dirs["config"] / "feeds.yaml"
    feeds_file.write_text(
        "feeds:\n"
        f'  - url: {server.url("/world.xml")}\n    outlet: Example News\n    title: World <&> "News"\n'
        f"  - url: {server.url('/politics.xml')}\n",
        encoding="utf-8",
    )

    exported = reader_in_process("feed", "export").stdout
    assert exported.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert 'text="Example News" title="World &lt;&amp;&gt; &quot;News&quot;"' in exported
    opml = tmp_path / "exported.opml"
    opml.write_text(exported, encoding="utf-8")
    elsewhere = tmp_path / "other-config"
    elsewhere.mkdir()
    monkeypatch.setenv("READER_CONFIG_DIR", str(elsewhere))
    reader_in_process("feed", "import", str(opml))

    assert [(f["url"], f.get("title")) for f in _feeds(elsewhere / "feeds.yaml")] == [
        (server.url("/world.xml"), 'World <&> "News"'),
        (server.url("/politics.xml"), None),
    ]


def test_export_titles_a_feed_with_none_in_feeds_yaml_as_its_last_fetch_gave_it(
    reader_in_process, server, isolated_dirs, tmp_path, monkeypatch
):
    """A feed from newsboat's urls file (or --no-check) has no title in feeds.yaml: it was exported
    with its URL as its title, and the other reader listed it so, though `reader fetch` knew it."""
    item = {"title": "Talks", "link": server.url("/a/1"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
    server.route("/a/1", Reply(page("Talks", ["Talks at the border " + "word " * 80])))
    server.route("/world.xml", Reply(rss("Harbor Ledger - World", [item]), content_type="application/rss+xml"))
    (isolated_dirs["config"] / "feeds.yaml").write_text(
        f"feeds:\n  - url: {server.url('/world.xml')}\n  - url: {server.url('/never.xml')}\n{FAST_SETTINGS}",
        encoding="utf-8",
    )
    reader_in_process("fetch", "--json", server.url("/world.xml"))

    exported = reader_in_process("feed", "export").stdout

    assert 'text="Harbor Ledger - World" title="Harbor Ledger - World"' in exported
    never = server.url("/never.xml")
    assert f'text="{never}" title="{never}"' in exported  # never fetched: its URL, as before
    opml = tmp_path / "exported.opml"
    opml.write_text(exported, encoding="utf-8")
    elsewhere = tmp_path / "other-config"
    elsewhere.mkdir()
    monkeypatch.setenv("READER_CONFIG_DIR", str(elsewhere))
    reader_in_process("feed", "import", str(opml))
    assert [f.get("title") for f in _feeds(elsewhere / "feeds.yaml")] == ["Harbor Ledger - World", None]


def test_export_into_a_stdout_that_is_not_utf8_imports_back_with_every_character(
    reader_in_process, isolated_dirs, tmp_path, monkeypatch
):
    """In a Latin-1 locale the OPML, which says encoding="UTF-8", went out in Latin-1 ("é" as the
    byte 0xe9, "—" as "?"), and reader's own import refused it: now as character references."""
    import io
    import sys

    from reader.cli import main

    title = "Le Monde \u2014 Actualit\u00e9"
    (isolated_dirs["config"] / "feeds.yaml").write_text(
        f"feeds:\n  - url: https://example.org/une.xml\n    title: {title}\n", encoding="utf-8"
    )
    written = io.BytesIO()
    latin1 = io.TextIOWrapper(written, encoding="iso-8859-1", errors="replace")  # as reader runs there
    with monkeypatch.context() as patched:
        patched.setattr(sys, "stdout", latin1)
        assert main(["feed", "export"]) == 0
    latin1.flush()
    exported = written.getvalue()
    assert exported.isascii() and b"&#8212;" in exported

    opml = tmp_path / "exported.opml"
    opml.write_bytes(exported)
    elsewhere = tmp_path / "other-config"
    elsewhere.mkdir()
    monkeypatch.setenv("READER_CONFIG_DIR", str(elsewhere))
    reader_in_process("feed", "import", str(opml))

    assert [(f["url"], f.get("title")) for f in _feeds(elsewhere / "feeds.yaml")] == [
        ("https://example.org/une.xml", title)
    ]


def test_import_reads_standard_input(reader_in_process, server, isolated_dirs, tmp_path, monkeypatch):
    import io
    import sys

    opml = _opml(tmp_path, server).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(opml)))

    reader_in_process("feed", "import", "-")

    assert len(_feeds(isolated_dirs["config"] / "feeds.yaml")) == 3


def test_an_import_of_one_feed_says_fetch_fetches_it(reader_in_process, server, isolated_dirs, tmp_path):
    """ "1 feed added; `reader fetch` fetches them" named one feed as many."""
    urls = tmp_path / "urls"
    urls.write_text(server.url("/world.xml") + "\n", encoding="utf-8")
    result = reader_in_process("feed", "import", str(urls))
    assert result.stdout.endswith("1 feed added; `reader fetch` fetches it\n"), result.stdout


def test_import_dash_on_a_terminal_is_a_usage_error_not_a_wait(reader_in_process, isolated_dirs, monkeypatch):
    """`reader feed import -` on a terminal waited, silent, for an OPML file typed in: it looked hung
    (`reader show -` there says how to pipe one in)."""
    import io
    import sys

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(b"")))

    result = reader_in_process("feed", "import", "-", check=False)

    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "reader: '-' reads the OPML file from standard input, which is a terminal here: pipe one in "
        "(reader feed import - < subscriptions.opml)\n"
    )
    assert not (isolated_dirs["config"] / "feeds.yaml").exists()


def test_a_file_that_is_no_opml_is_a_usage_error_naming_it_and_nothing_is_written(
    reader_in_process, isolated_dirs, tmp_path
):
    feeds_file = isolated_dirs["config"] / "feeds.yaml"
    not_opml = tmp_path / "page.xml"
    not_opml.write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    # a newcomer's feed file given for a list of feeds: told how to follow or read one
    a_feed = tmp_path / "feed.xml"
    a_feed.write_text('<rss version="2.0"><channel><title>x</title></channel></rss>', encoding="utf-8")
    atom = tmp_path / "feed.atom"
    atom.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', encoding="utf-8")
    follow = "it is a feed itself, not a list of feeds; follow a feed by its address with `reader feed add URL`"
    external = tmp_path / "entity.opml"
    external.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<opml><body><outline xmlUrl="https://a.example/rss" text="&e;"/></body></opml>',
        encoding="utf-8",
    )

    for path, why in (
        (not_opml, "its root element is not <opml>"),
        (a_feed, follow),
        (atom, follow),
        (external, "the XML does not parse"),
        (tmp_path / "missing.opml", "cannot read"),
    ):
        result = reader_in_process("feed", "import", str(path), check=False)
        assert result.returncode == 2, result.stderr
        assert str(path) in result.stderr and why in result.stderr
    assert not feeds_file.exists()


def test_import_reads_newsboats_own_urls_file(reader_in_process, server, isolated_dirs, tmp_path):
    """A newsboat user has ~/.newsboat/urls (a URL a line, its tags, "~Title"), not an OPML file:
    it is read as it is, without `newsboat -e` first; its query: and exec: feeds are said, skipped."""
    urls = tmp_path / "urls"
    urls.write_text(
        "# my newsboat feeds\n"
        f'{server.url("/world.xml")} news "~World News" "far away"\n'
        f"{server.url('/politics.xml')} politics   # a comment\n"
        '"query:Unread Articles:unread = \\"yes\\""\n'
        "exec:~/bin/feed.sh ~Script\n"
        f'{server.url("/broken-quote.xml")} "unclosed\n',
        encoding="utf-8",
    )

    result = reader_in_process("feed", "import", str(urls))

    assert [(f["url"], f.get("title")) for f in _feeds(isolated_dirs["config"] / "feeds.yaml")] == [
        (server.url("/world.xml"), "World News"),
        (server.url("/politics.xml"), None),
        (server.url("/broken-quote.xml"), None),
    ]
    assert "3 feeds added, 2 skipped" in result.stdout
    assert (
        'skipped query:Unread Articles:unread = "yes": newsboat\'s query: feeds are made by newsboat' in result.stderr
    )
    assert "skipped exec:~/bin/feed.sh: newsboat's exec: feeds" in result.stderr


def test_a_text_file_with_no_feed_url_is_neither_opml_nor_a_urls_file(reader_in_process, isolated_dirs, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping: milk, bread\n# and eggs\n", encoding="utf-8")

    result = reader_in_process("feed", "import", str(notes), check=False)

    assert result.returncode == 2
    assert result.stderr == (
        f"reader: {notes}: neither an OPML file nor a newsboat urls file: no line of it starts with an http(s) URL\n"
    )
    assert not (isolated_dirs["config"] / "feeds.yaml").exists()


def test_an_import_reads_feeds_yaml_a_few_times_not_once_per_feed(isolated_dirs, monkeypatch):
    """An import of feeds fetched before parsed feeds.yaml once per feed to ask whether each was
    subscribed (500 of them took ~25 s). Fetch state of one that is not subscribed is still forgotten."""
    from reader.fetch import import_feeds
    from reader.fetch import subscriptions
    from reader.fetch.store import ArticleStore

    subscribed = [f"https://news{i}.example/feed.xml" for i in range(30)]
    removed_before = "https://gone.example/feed.xml"
    (isolated_dirs["config"] / "feeds.yaml").write_text(
        "feeds:\n" + "".join(f"  - url: {url}\n" for url in subscribed), encoding="utf-8"
    )
    store = ArticleStore()
    store.lock()
    try:
        for url in [*subscribed, removed_before]:
            store.state["feeds"][url] = {"etag": '"abc"'}
        store.save_state()
    finally:
        store.unlock()
    opml = "".join(f'<outline type="rss" xmlUrl="{url}"/>' for url in [*subscribed, removed_before])
    parses = []
    real_read = subscriptions._read
    monkeypatch.setattr(subscriptions, "_read", lambda *args: parses.append(1) or real_read(*args))

    result = import_feeds(f'<opml version="2.0"><body>{opml}</body></opml>'.encode())

    assert 0 < len(parses) <= 3
    assert [feed["url"] for feed in result["added"]] == [removed_before] and result["already"] == subscribed
    state = ArticleStore().state["feeds"]
    assert removed_before not in state and all(url in state for url in subscribed)


def test_a_hash_inside_a_newsboat_url_is_no_comment():
    """newsboat starts a comment with a "#" only at the start of a word: shlex's comments cut
    `feed#frag` at its "#", and the "~Title" after it was lost."""
    from reader.fetch.opml import Outline, read_newsboat_urls

    urls = (
        b'https://x.example/feed#frag tag "~My Title"\n'
        b'https://y.example/rss news #a comment "~Not the title"\n'
        b"https://z.example/rss#top\n"
    )

    assert read_newsboat_urls(urls) == [
        Outline(url="https://x.example/feed#frag", title="My Title"),
        Outline(url="https://y.example/rss", title=None),
        Outline(url="https://z.example/rss#top", title=None),
    ]


def test_a_quoted_hash_in_a_newsboat_urls_line_is_a_tag_not_a_comment():
    """The "#" check ran after the quotes came off: a tag "#news" cut the line there, and the
    "~Title" after it was lost. newsboat starts a comment only at an unquoted "#" starting a word."""
    from reader.fetch.opml import Outline, read_newsboat_urls

    urls = (
        b'https://x.example/feed "#news" "~My Title"\n'
        b'https://y.example/feed#frag tag "~Other Title" #a comment "~Not the title"\n'
        b'"query:Unread:unread = \\"yes\\" and title =~ \\"#\\"" "~Unread" # mine\n'
    )

    outlines = read_newsboat_urls(urls)
    assert outlines[:2] == [
        Outline(url="https://x.example/feed", title="My Title"),
        Outline(url="https://y.example/feed#frag", title="Other Title"),
    ]
    assert (outlines[2].url, outlines[2].title) == ('query:Unread:unread = "yes" and title =~ "#"', "Unread")


def test_an_opml_text_that_is_its_title_but_for_spacing_is_no_outlet():
    """`text` and `title` were compared as written: text="Foo  Bar" title="Foo Bar" made an outlet
    "Foo Bar", the title again. Nor is a `text` that is the URL, or unlike the title."""
    from reader.fetch.opml import Outline, read_opml

    opml = (
        b'<opml version="2.0"><body>'
        b'<outline text="Foo  Bar" title="Foo Bar" xmlUrl="https://a.example/rss"/>'
        b'<outline text=" https://b.example/rss" title="B" xmlUrl="https://b.example/rss"/>'
        b'<outline text="Paper" title="World" xmlUrl="https://c.example/rss"/>'
        b"</body></opml>"
    )

    assert read_opml(opml) == [
        Outline(url="https://a.example/rss", title="Foo Bar"),
        Outline(url="https://b.example/rss", title="B"),
        Outline(url="https://c.example/rss", title="World", outlet="Paper"),
    ]


def test_an_exported_outlet_comes_back_on_import_and_other_readers_opml_gives_none(
    reader_in_process, isolated_dirs, tmp_path, monkeypatch
):
    """Export writes the outlet as an outline's `text`; import read `title` (else `text`) and lost
    it. Feedly and the others write `text` the same as `title`: no outlet from those."""
    (isolated_dirs["config"] / "feeds.yaml").write_text(
        "feeds:\n"
        "  - url: https://a.example/rss\n    outlet: Example News\n    title: World\n"
        "  - url: https://b.example/rss\n    outlet: Other Paper\n"
        "  - url: https://c.example/rss\n    title: Politics\n"
        "  - url: https://d.example/rss\n",
        encoding="utf-8",
    )
    exported = tmp_path / "exported.opml"
    exported.write_text(reader_in_process("feed", "export").stdout, encoding="utf-8")
    feedly = tmp_path / "feedly.opml"
    feedly.write_text(
        '<opml version="1.0"><body><outline text="Tech" title="Tech">'
        '<outline type="rss" text="The Verge" title="The Verge" xmlUrl="https://e.example/rss"/>'
        "</outline></body></opml>",
        encoding="utf-8",
    )
    elsewhere = tmp_path / "other-config"
    elsewhere.mkdir()
    monkeypatch.setenv("READER_CONFIG_DIR", str(elsewhere))

    reader_in_process("feed", "import", str(exported))
    reader_in_process("feed", "import", str(feedly))

    assert [(f["url"], f.get("outlet"), f.get("title")) for f in _feeds(elsewhere / "feeds.yaml")] == [
        ("https://a.example/rss", "Example News", "World"),
        ("https://b.example/rss", "Other Paper", None),
        ("https://c.example/rss", None, "Politics"),
        ("https://d.example/rss", None, None),
        ("https://e.example/rss", None, "The Verge"),
    ]


def test_an_endless_or_huge_input_is_refused_not_read_into_memory(reader_cli, isolated_dirs, tmp_path):
    """`reader feed import /dev/zero` read until the system killed reader (as `state import`
    already refused it): a file larger than feeds.yaml may be is refused by its size, an endless
    stream once past it; nothing is imported. The bound is feeds.yaml's own (8 MiB, what reader
    reads back): at 64 MB, a 16 MB export of 100,000 feeds took 4.5 minutes to import, said
    "100,000 feeds added" and left a 14.7 MB feeds.yaml every later `feed` and `fetch` refused."""
    import os

    huge = tmp_path / "huge.opml"
    with open(huge, "wb") as handle:
        handle.truncate(9 * 1024 * 1024)  # sparse: nothing written
    for name in (str(huge), os.devnull.replace("null", "zero")):
        result = reader_cli("feed", "import", name, check=False)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr == f"reader: {name}: over 8 MB, more than feeds.yaml may hold (nothing was imported)\n"
    assert not (isolated_dirs["config"] / "feeds.yaml").exists()


def test_subscriptions_that_would_make_feeds_yaml_too_large_to_read_back_are_not_written(isolated_dirs, monkeypatch):
    """feeds.yaml is read only up to 8 MiB (read_settings_text): a list of subscriptions that
    would make it larger is not written, or every later `feed` and `fetch` stopped on it ("move
    it away"). The bound is lowered here: a real 8 MiB list takes minutes to import."""
    from reader import plain_file
    from reader.fetch import FeedsFileError, import_feeds

    path = isolated_dirs["config"] / "feeds.yaml"
    urls = "".join(f"https://site{n}.example.com/feed.xml\n" for n in range(200)).encode()
    monkeypatch.setattr(plain_file, "MAX_SETTINGS_BYTES", 4096)
    with pytest.raises(
        FeedsFileError, match=r"feeds\.yaml: it would be [\d,]+ bytes, more than the 4,096 reader reads back"
    ):
        import_feeds(urls)
    assert not path.exists()


def test_a_big_nested_opml_with_repeats_and_markup_titles_round_trips_through_export(
    isolated_dirs, tmp_path, monkeypatch
):
    """A newsboat user's list: folders in folders, feeds named twice, titles with markup and bidi
    controls. Imported, exported and imported elsewhere, it is the same subscriptions, each once,
    the titles as text (no markup read, no control kept), and a second import adds nothing."""
    from reader.fetch import export_feeds, import_feeds, load_subscriptions

    count = 300
    outlines = [
        f'<outline type="rss" text="Outlet {n} [b]x[/b]" title="Feed {n} &lt;i&gt; [red]r[/red] \u202e"'
        f' xmlUrl="https://host{n % 40}.example.com/feed{n}.xml"/>'
        for n in range(count)
    ]
    repeats = '<outline text="Again"><outline text="Deeper">' + "".join(outlines[:25]) + "</outline></outline>"
    body = '<outline text="World">' + "".join(outlines[:150]) + "</outline>" + "".join(outlines[150:]) + repeats
    document = f'<?xml version="1.0"?><opml version="2.0"><head/><body>{body}</body></opml>'.encode()

    first = import_feeds(document)
    exported = export_feeds()
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "elsewhere"))
    (tmp_path / "elsewhere").mkdir()
    second = import_feeds(exported.encode("utf-8"))
    again = import_feeds(exported.encode("utf-8"))

    assert (len(first["added"]), len(first["repeated"]), first["already"]) == (count, 25, [])
    assert (len(second["added"]), second["repeated"], len(again["already"]), again["added"]) == (count, [], count, [])
    feeds = load_subscriptions().feeds
    assert [feed.url for feed in feeds] == [f"https://host{n % 40}.example.com/feed{n}.xml" for n in range(count)]
    assert (feeds[7].outlet, feeds[7].title) == ("Outlet 7 [b]x[/b]", "Feed 7 <i> [red]r[/red]")


def test_export_reads_feeds_yaml_once_so_its_warnings_are_of_the_file_it_exported(
    reader_in_process, isolated_dirs, monkeypatch
):
    """The document and the warning about the entries it skips came from two reads: feeds.yaml
    edited in between gave a mixed export (a warning of an entry the document never saw)."""
    from reader.fetch import subscriptions

    feeds_file = isolated_dirs["config"] / "feeds.yaml"
    feeds_file.write_text("feeds:\n  - url: https://example.org/a.xml\n  - url: feed://bad\n", encoding="utf-8")
    real_read, reads = subscriptions.read_settings_text, []

    def read_then_edited(path):
        text = real_read(path)
        reads.append(path)
        path.write_text("feeds:\n  - url: https://example.org/b.xml\n", encoding="utf-8")  # edited meanwhile
        return text

    monkeypatch.setattr(subscriptions, "read_settings_text", read_then_edited)
    done = reader_in_process("feed", "export")

    assert len(reads) == 1
    assert "https://example.org/a.xml" in done.stdout and "b.xml" not in done.stdout
    assert "feed://bad" in done.stderr  # the skipped entry of the file exported, said
