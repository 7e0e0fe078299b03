"""`-` as an article: `reader show -`, `quotes -` and `compare - B` read it from standard input, as
cat and git do, its format told from its content (there is no file name to tell it)."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import plistlib
import subprocess
import sys

import pytest

from conftest import ROOT, run_main, write
from reader.corpus.loader import load_stream, sniff_format

TEXT = "---\ntitle: A piped article\noutlet: Reuters\ndate: 2024-01-02\n---\n\nThe mayor said the bridge would open on Monday.\n"
PAGE = (
    "<!DOCTYPE html><html><head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1>"
    "<p>The mayor said the bridge would open on Monday after two years of repairs to its deck. "
    "Drivers welcomed the news.</p></article></body></html>"
)
FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example News</title>
<item><title>First story</title><description>The mayor said the bridge would open on Monday after two years of repairs.</description></item>
<item><title>Second story</title><description>The bridge will open on Monday, the mayor said, after repairs that took two years.</description></item>
</channel></rss>"""
JSON_LINES = '{"title": "A", "text": "The first line of words."}\n{"title": "B", "text": "The second line of words."}\n'


class _Stdin(io.TextIOWrapper):
    """A standard input holding `data`, a terminal or not."""

    def __init__(self, data: bytes, tty: bool = False):
        super().__init__(io.BytesIO(data), encoding="utf-8")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    write(root / "a.md", "---\ntitle: In the corpus\noutlet: AP\ndate: 2024-01-01\n---\n\nThe bridge opens Monday.\n")
    return root


def run(capsys, monkeypatch, corpus, stdin: bytes | str, *argv, tty: bool = False):
    data = stdin.encode() if isinstance(stdin, str) else stdin
    monkeypatch.setattr(sys, "stdin", _Stdin(data, tty))
    return run_main(capsys, "--corpus", str(corpus), *argv)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (TEXT, "text"),
        ("Just words, a headline\n\nand a body.", "text"),
        ("<p>a fragment</p>", "html"),
        (PAGE, "html"),
        ("\ufeff  " + PAGE, "html"),
        (FEED, "feed"),
        ('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', "feed"),
        ('{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}', "feed"),
        (JSON_LINES, "jsonl"),
        ('{\n  "title": "Pretty",\n  "maintext": "A body."\n}\n', "json"),
        ('[{"title": "A", "text": "a"},\n {"title": "B", "text": "b"}]', "json"),
        ("[1, 2]", "json"),  # (JSON of no articles: skipped saying what it holds, not shown as text)
        ("{not json", "text"),
        ("<3 for everyone", "text"),
    ],
)
def test_the_format_of_piped_bytes_is_told_from_their_content(data, kind):
    assert sniff_format(data.encode()) == kind


def test_a_stream_is_loaded_as_a_file_of_its_format_is():
    result = load_stream(io.BytesIO(FEED.encode()), "-")
    assert [a.id for a in result.articles] == ["-#1", "-#2"]
    assert [a.title for a in result.articles] == ["First story", "Second story"]
    assert all(str(a.path) == "-" for a in result.articles)
    (article,) = load_stream(io.BytesIO(TEXT.encode()), "-").articles
    assert (article.id, article.title, article.outlet, article.date) == (
        "-",
        "A piped article",
        "Reuters",
        "2024-01-02",
    )


def test_a_pretty_printed_json_article_piped_in_is_read_as_one():
    """news-please writes one indented JSON object a file: it was shown as text, `{` its title."""
    data = b'{\n  "title": "Council votes",\n  "maintext": "The council voted on Monday."\n}\n'
    (article,) = load_stream(io.BytesIO(data), "-").articles
    assert (article.id, article.title, article.text) == ("-", "Council votes", "The council voted on Monday.")


def test_one_json_article_on_one_line_piped_in_is_named_dash_as_a_json_file_is_named_by_its_name(tmp_path):
    """`curl …/article.json | reader show - --json` named a one-line JSON article `-#1` (read as
    JSON Lines of one line), the same object over two lines `-`, and the same bytes in a `.json`
    file its file's name: one article, one name, whatever its line breaks."""
    one_line = b'{"title": "Council votes", "text": "The council voted on Monday."}\n'
    (piped,) = load_stream(io.BytesIO(one_line), "-").articles
    assert (piped.id, piped.title, piped.text) == ("-", "Council votes", "The council voted on Monday.")
    write(tmp_path / "article.json", one_line.decode())
    from reader.corpus.loader import load_path

    (in_a_file,) = load_path(tmp_path / "article.json").articles
    assert in_a_file.id == "article"
    # Two lines of objects stay JSON Lines: each numbered.
    assert [a.id for a in load_stream(io.BytesIO(JSON_LINES.encode()), "-").articles] == ["-#1", "-#2"]


def test_a_stream_reads_no_corpus_yaml_of_the_current_folder(tmp_path, monkeypatch):
    """Bytes from no file: no folder's corpus.yaml describes them (the current folder's did)."""
    write(tmp_path / "corpus.yaml", "defaults:\n  outlet: Wrong Outlet\n")
    monkeypatch.chdir(tmp_path)
    (article,) = load_stream(io.BytesIO(b"A headline\n\nSome words of a body.\n"), "-").articles
    assert article.outlet is None


@pytest.mark.parametrize(("data", "title"), [(TEXT, "A piped article"), (PAGE, "Bridge opens")])
def test_show_dash_reads_the_article_from_standard_input(capsys, monkeypatch, corpus, data, title):
    code, out, err = run(capsys, monkeypatch, corpus, data, "show", "-", "--json")
    assert code == 0, err
    (shown,) = json.loads(out)
    assert (shown["id"], shown["path"], shown["title"], shown["story"]) == ("-", "-", title, None)
    assert "the bridge would open on Monday" in shown["text"]


def test_show_dash_with_ids_and_paths_around_it(capsys, monkeypatch, corpus):
    code, out, err = run(capsys, monkeypatch, corpus, TEXT, "show", "a", "-", "--json")
    assert code == 0, err
    assert [a["title"] for a in json.loads(out)] == ["In the corpus", "A piped article"]


def test_a_feed_piped_in_gives_each_article_and_dash_n_names_one(capsys, monkeypatch, corpus):
    code, out, _ = run(capsys, monkeypatch, corpus, FEED, "show", "-", "--json")
    assert code == 0 and [a["id"] for a in json.loads(out)] == ["-#1", "-#2"]
    # `-#2` is an argument, not an unknown option (as `-3` is for argparse), without `--` before it.
    code, out, err = run(capsys, monkeypatch, corpus, FEED, "show", "-#2", "--json")
    assert code == 0, err
    assert [a["title"] for a in json.loads(out)] == ["Second story"]
    code, out, err = run(capsys, monkeypatch, corpus, FEED, "show", "-#5")
    assert code == 2 and out == "" and err == "reader: standard input has no article #5 (it has #1, 2)\n"


def test_quotes_dash(capsys, monkeypatch, corpus):
    piped = 'The mayor spoke on Monday. "The bridge is finally open," said Mayor Anna Lee.\n'
    code, out, err = run(capsys, monkeypatch, corpus, piped, "quotes", "-", "--json")
    assert code == 0, err
    (found,) = json.loads(out)
    assert found["id"] == "-" and [q["text"] for q in found["quotes"]] == ["The bridge is finally open"]


def test_compare_dash_with_a_corpus_article_and_two_entries_of_a_piped_feed(capsys, monkeypatch, corpus):
    code, out, err = run(capsys, monkeypatch, corpus, FEED, "compare", "-#1", "-#2", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["left"]["id"], data["right"]["id"]) == ("-#1", "-#2")  # stdin read once, named twice
    code, out, err = run(capsys, monkeypatch, corpus, FEED, "compare", "-", "a")
    assert code == 2 and out == ""
    assert err == "reader: standard input holds 2 articles: compare one of them as -#n (-#1, -#2)\n"


def test_dash_on_a_terminal_is_a_usage_error_not_a_wait(capsys, monkeypatch, corpus):
    """As cat does, `reader show -` on a terminal waited for an article typed in: it looked hung."""
    for argv, example in (
        (["show", "-"], "reader show - < page.html"),
        (["quotes", "-"], "reader quotes - < page.html"),
        (["compare", "-", "a"], "reader compare - B < page.html"),  # it takes two: `compare -` was the hint
    ):
        code, out, err = run(capsys, monkeypatch, corpus, "", *argv, tty=True)
        assert code == 2 and out == "", argv
        assert err.startswith("reader: '-' reads the article from standard input, which is a terminal here")
        assert err.count("\n") == 1 and example in err
    # The other articles named are still shown, as for an id not found.
    code, out, err = run(capsys, monkeypatch, corpus, "", "show", "-", "a", tty=True)
    assert code == 2 and "In the corpus" in out and "is a terminal" in err


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_nothing_piped_in_says_so(capsys, monkeypatch, corpus, data):
    code, out, err = run(capsys, monkeypatch, corpus, data, "show", "-")
    assert code == 1 and out == ""
    assert err == "reader: standard input: nothing was piped in (empty input)\n"


def test_a_real_pipe_into_a_real_process(tmp_path, corpus):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_CACHE_DIR": str(tmp_path / "cache")}
    env["READER_CONFIG_DIR"] = str(tmp_path / "config")
    env["READER_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--corpus", str(corpus), "show", "-"],
        input=PAGE.encode(),
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("Bridge opens\n")


def _saved_pages() -> dict[str, bytes]:
    from test_saved_pages import CHROME_PAGE, page_html, webarchive

    return {
        "mhtml": CHROME_PAGE.read_bytes(),
        "webarchive": webarchive(page_html().encode()),
        "xml webarchive": plistlib.dumps(plistlib.loads(webarchive(page_html().encode()))),  # older Safaris
    }


SAVED_TITLES = {
    "mhtml": "Council approves transport budget",
    "webarchive": "Ferry terminal delayed again",
    "xml webarchive": "Ferry terminal delayed again",
}
COMPRESSIONS = {"plain": lambda data: data, "gzip": gzip.compress, "bzip2": bz2.compress, "xz": lzma.compress}


@pytest.mark.parametrize("compression", sorted(COMPRESSIONS))
@pytest.mark.parametrize("saved", sorted(SAVED_TITLES))
def test_a_saved_page_piped_in_is_read_as_the_page_it_holds(capsys, monkeypatch, corpus, saved, compression):
    """`reader show - < page.mhtml` printed the raw MIME message (a .webarchive, the property
    list's bytes): standard input was read as plain text. Saved pages, and any piped bytes
    compressed with gzip, bzip2 or xz, are told from their content as a file's suffix tells it."""
    data = COMPRESSIONS[compression](_saved_pages()[saved])
    code, out, err = run(capsys, monkeypatch, corpus, data, "show", "-", "--json")
    assert code == 0, err
    (shown,) = json.loads(out)
    assert (shown["id"], shown["title"]) == ("-", SAVED_TITLES[saved])
    assert "MIME-Version" not in shown["text"] and "WebMainResource" not in shown["text"]
    assert "Content-Transfer-Encoding" not in shown["text"] and "bplist" not in shown["text"]


def test_compare_dash_with_a_piped_mhtml_and_a_file(capsys, monkeypatch, corpus, tmp_path):
    from test_saved_pages import CHROME_PAGE

    other = write(tmp_path / "other.txt", "Council backs budget\n\nThe council approved the transport budget.\n")
    code, out, err = run(capsys, monkeypatch, corpus, CHROME_PAGE.read_bytes(), "compare", "-", str(other), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["left"]["id"], data["left"]["title"]) == ("-", "Council approves transport budget")


def test_piped_compressed_text_and_its_bad_forms(capsys, monkeypatch, corpus):
    code, out, err = run(capsys, monkeypatch, corpus, bz2.compress(TEXT.encode()), "show", "-", "--json")
    assert code == 0 and json.loads(out)[0]["title"] == "A piped article", err
    whole = gzip.compress(TEXT.encode() * 50)
    for data, said in (
        (whole[: len(whole) // 2], "its gzip data is cut short (an unfinished download or copy?)"),
        (gzip.compress(b" \n"), "empty input, once decompressed"),
        (_gzip_bomb(), "input too large (over 10 MB, the limit, once decompressed)"),
    ):
        code, out, err = run(capsys, monkeypatch, corpus, data, "show", "-")
        assert (code, out, err) == (1, "", f"reader: standard input: {said}\n")


def _gzip_bomb() -> bytes:
    """1 GB of zeros, a megabyte of gzip: refused after a feed's limit is decompressed."""
    return gzip.compress(bytes(16 * 1024 * 1024), compresslevel=9) * 64


def test_a_real_pipe_of_an_mhtml_file_into_a_real_process(tmp_path, corpus):
    from test_saved_pages import CHROME_PAGE

    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_CACHE_DIR": str(tmp_path / "cache")}
    env["READER_CONFIG_DIR"] = str(tmp_path / "config")
    env["READER_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--corpus", str(corpus), "show", "-"],
        input=gzip.compress(CHROME_PAGE.read_bytes()),
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("Council approves transport budget\n")
    assert "MIME-Version" not in done.stdout.decode()


def test_hostile_text_in_a_piped_compressed_mhtml_page_is_stripped(capsys, monkeypatch, corpus):
    from test_saved_pages import mhtml, page_html, qp_html

    html = page_html("Ferry \x1b]0;owned\x07terminal \x1b[31mdelayed [bold]x[/bold]")
    headers = "Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: javascript:alert(1)"
    data = lzma.compress(mhtml([(headers, qp_html(html))]))
    code, out, err = run(capsys, monkeypatch, corpus, data, "show", "-", "--json")
    assert code == 0, err
    (shown,) = json.loads(out)
    assert shown["title"] == "Ferry terminal delayed [bold]x[/bold]" and shown["url"] is None


def test_a_piped_xml_of_many_plist_tags_is_told_from_a_web_archive_at_once(monkeypatch):
    """Telling a piped XML property list (an older Safari's web archive) by a pattern from each
    "<plist" to a WebMainResource key after it went over the first 64 KB once per "<plist": 0.4-1.9 s
    for 64 KB of "<plist>" on a busy machine (quadratic). Now the first "<plist" is found, and the
    key looked for once after it (each search linear): counted, not timed."""
    from reader.corpus import loader

    class CountedSearches:
        def __init__(self, pattern):
            self.pattern, self.calls = pattern, 0

        def search(self, *args):
            self.calls += 1
            return self.pattern.search(*args)

    plist, key = CountedSearches(loader._PLIST), CountedSearches(loader._WEB_MAIN_RESOURCE_KEY)
    monkeypatch.setattr(loader, "_PLIST", plist)
    monkeypatch.setattr(loader, "_WEB_MAIN_RESOURCE_KEY", key)
    hostile = b"<?xml version='1.0'?>" + b"<plist>" * 9000
    assert loader._saved_page_suffix(hostile) is None
    assert (plist.calls, key.calls) == (1, 1)
    older_safari = plistlib.dumps(plistlib.loads(_saved_pages()["webarchive"]))
    assert loader._saved_page_suffix(older_safari) == ".webarchive"


def test_piped_text_that_starts_with_bzh_is_text_not_bzip2(capsys, monkeypatch, corpus):
    """bzip2 data was told by "BZh" alone: a text opening with those letters, piped in, was said
    to be damaged bzip2 data (and, in a file, a bzip2-compressed binary file). Its block size
    and the magic number after them tell it now; bzip2 data, even of nothing, is still read."""
    text = b"BZh9 phones go on sale\n\nThe BZh9 phone goes on sale on Monday, its maker said.\n"
    code, out, err = run(capsys, monkeypatch, corpus, text, "show", "-", "--json")
    assert code == 0, err
    assert json.loads(out)[0]["title"] == "BZh9 phones go on sale"
    code, out, err = run(capsys, monkeypatch, corpus, bz2.compress(text), "show", "-", "--json")
    assert code == 0 and json.loads(out)[0]["title"] == "BZh9 phones go on sale", err
    code, out, err = run(capsys, monkeypatch, corpus, bz2.compress(b""), "show", "-")
    assert (code, err) == (1, "reader: standard input: empty input, once decompressed\n")


FILE_CASES = {
    "feed.xml.gz": gzip.compress(FEED.encode()),
    "feed.rss.bz2": bz2.compress(FEED.encode()),
    "feed.atom.xz": lzma.compress(FEED.encode()),
    "lines.json.gz": gzip.compress(JSON_LINES.encode()),
    "page.gz": gzip.compress(PAGE.encode()),
    "saved.bin.xz": None,  # an MHTML page compressed, under a name of no format (filled in below)
    "saved.dat": None,  # the same uncompressed
}


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_a_file_named_on_the_command_line_reads_what_the_same_bytes_piped_in_read(
    capsys, monkeypatch, corpus, tmp_path, name
):
    """`reader show feed.xml.gz` was refused ("binary file (a gzip-compressed file), not text")
    though `reader show - < feed.xml.gz` read it, and a saved page under a name of no format was
    shown as its raw MIME message: a file argument reads every format standard input reads, by
    one path, its id its name without the suffixes."""
    from test_saved_pages import CHROME_PAGE

    data = FILE_CASES[name] or (
        lzma.compress(CHROME_PAGE.read_bytes()) if name.endswith(".xz") else CHROME_PAGE.read_bytes()
    )
    path = write(tmp_path / name, data)
    code, out, err = run(capsys, monkeypatch, corpus, data, "show", "-", "--json")
    assert code == 0, err
    piped = json.loads(out)
    code, out, err = run(capsys, monkeypatch, corpus, b"", "show", str(path), "--json")
    assert (code, err) == (0, "")
    named = json.loads(out)
    stem = name.split(".")[0]
    assert [a["id"] for a in named] == [a["id"].replace("-", stem, 1) for a in piped]
    assert [(a["title"], a["text"]) for a in named] == [(a["title"], a["text"]) for a in piped]


def test_a_named_compressed_file_of_no_format_says_what_is_wrong_with_it(capsys, monkeypatch, corpus, tmp_path):
    """Its bad forms are told as piped ones are, naming the file; bytes after its data are said
    ignored on one line, and the article is shown."""
    whole = gzip.compress(TEXT.encode() * 50)
    cut = write(tmp_path / "cut.gz", whole[: len(whole) // 2])
    code, out, err = run(capsys, monkeypatch, corpus, b"", "show", str(cut))
    assert (code, out) == (1, "") and err.endswith(": its gzip data is cut short (an unfinished download or copy?)\n")
    tail = write(tmp_path / "tail.txt.xz", lzma.compress(TEXT.encode()) + b"junk")
    code, out, err = run(capsys, monkeypatch, corpus, b"", "show", str(tail))
    assert code == 0 and out.startswith("A piped article\n")
    assert err.count("\n") == 1 and "4 bytes after the end of its xz data were ignored" in err


def test_a_headline_taken_as_the_title_is_printed_once(capsys, monkeypatch, corpus):
    """`printf 'A Title\\n\\ntext' | reader show -` printed the title, then "A Title" again as the
    body's first line: the body starts below the headline the title was taken from. --json's
    `text` keeps it (quotes' and search's offsets count from it)."""
    piped = "Council votes on budget\n\nThe council met on Tuesday. It voted for the budget.\n"
    code, out, _err = run(capsys, monkeypatch, corpus, piped, "show", "-")
    assert code == 0 and out.count("Council votes on budget") == 1, out
    assert out.rstrip().endswith("The council met on Tuesday. It voted for the budget.")
    code, out, _err = run(capsys, monkeypatch, corpus, piped, "show", "-", "--json")
    (article,) = json.loads(out)
    assert article["title_source"] == "headline" and article["text"].startswith("Council votes on budget\n")
    given = "---\ntitle: Council votes on budget\n---\n\nCouncil votes on budget\n\nThe council met.\n"
    code, out, _err = run(capsys, monkeypatch, corpus, given, "show", "-")  # a title given: the body as written
    assert code == 0 and out.count("Council votes on budget") == 2, out


def test_an_articles_secret_url_is_starred_by_show_and_whole_in_its_json(capsys, monkeypatch, corpus):
    """A newsletter's link logs its reader in ("?token=…"): `show` printed it whole for the eye
    (a feed's token was hidden, an article's not), and is written *** as every URL reader prints;
    `show --json` gives it whole, the article's own data a script opens (`jq .url`)."""
    url = "https://news.example/issue/12?token=s3cr3tT0k"
    data = json.dumps({"title": "This week", "url": url, "maintext": "The council voted."})
    code, out, err = run(capsys, monkeypatch, corpus, data, "show", "-", "--json")
    assert code == 0, err
    (shown,) = json.loads(out)
    assert shown["url"] == url
    code, out, err = run(capsys, monkeypatch, corpus, data, "show", "-")
    assert code == 0 and "https://news.example/issue/12?token=***" in out and "s3cr3tT0k" not in out + err
