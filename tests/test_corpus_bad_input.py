"""Bad input: each case is skipped with a clear reason, every valid article beside it still loads,
nothing raises, and the corpus is never written to."""

from __future__ import annotations

import codecs
import hashlib
import importlib
import io
import json
import os
import random
import re
from pathlib import Path

import pytest

from conftest import run_main, write

from reader.corpus import discover, load_corpus, load_file, load_path
from reader.corpus import loader as loader_module
from reader.corpus.decode import decode_bytes
from reader.corpus.model import Article, Skipped

# `reader.corpus.discover` is also the name of the function the package exports.
discover_module = importlib.import_module("reader.corpus.discover")

GOOD = (
    "The council approved the new transit plan on Monday after months of public hearings.\n\n"
    "Supporters said the plan would cut commuting times across the region."
)


def reasons(result) -> dict[str, str]:
    return {s.path: s.reason for s in result.skipped}


def load_with_good(tmp_path: Path, name: str, content: str | bytes):
    """A corpus of one good article and one bad file: the good one must load."""
    write(tmp_path / "good.txt", GOOD)
    write(tmp_path / name, content)
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["good"], result.skipped
    return result


def test_empty_file(tmp_path):
    assert reasons(load_with_good(tmp_path, "empty.txt", b"")) == {"empty.txt": "empty file"}


def test_whitespace_only_file(tmp_path):
    assert reasons(load_with_good(tmp_path, "blank.md", " \n\t\r\n ")) == {"blank.md": "empty file (only whitespace)"}


def test_front_matter_only(tmp_path):
    result = load_with_good(tmp_path, "meta.md", "---\ntitle: Nothing below\n---\n\n")
    assert reasons(result) == {"meta.md": "no article text (empty after the metadata)"}


def test_binary_file_with_nul_bytes(tmp_path):
    rng = random.Random(7)  # (one generator: a new one for each byte made 4,096 bytes of 0xA5)
    data = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00"
    result = load_with_good(tmp_path, "blob.txt", data)
    assert reasons(result) == {"blob.txt": "binary file (contains NUL bytes, the first on line 1), not text"}


def test_a_nul_byte_in_a_text_file_is_said_with_its_line(tmp_path):
    # "contains NUL bytes" alone sent the user looking through the whole file for the damage.
    result = load_with_good(tmp_path, "notes.txt", b"Title\n\nFirst line.\nSecond\x00line.\n")
    assert reasons(result) == {"notes.txt": "binary file (contains NUL bytes, the first on line 4), not text"}


def test_nul_bytes_past_a_text_files_first_8_kb_are_said_with_their_line(tmp_path):
    """NUL bytes in a text file's first 8 KB make it a binary file; past them they were dropped
    unsaid, the words around them run together: the file loads, with a warning naming the line."""
    text = "Title\n\n" + "The council met on Tuesday and voted on the plan.\n" * 200
    write(tmp_path / "a" / "notes.txt", text.encode() + b"Third\x00\x00line.\n")
    result = load_corpus([tmp_path / "a"])
    assert [a.id for a in result.articles] == ["notes"] and result.articles[0].text.endswith("Thirdline.")
    said = {s.path: s.reason for s in result.skipped if s.warning}
    assert said == {"notes.txt": "NUL bytes left out (the first on line 203): the file may be damaged there"}
    # UTF-16 text's NUL bytes are its characters'.
    write(tmp_path / "b" / "wide.txt", ("\ufeff" + text).encode("utf-16-le"))
    result = load_corpus([tmp_path / "b"])
    assert [a.id for a in result.articles] == ["wide"] and not result.skipped


def test_one_nul_byte_in_a_long_text_s_first_8_kb_is_left_out_and_said(tmp_path):
    """A long article with one damaged spot early on (a NUL byte, or a few) was a "binary file",
    lost; it loads without them, said with their line. NUL bytes at two spots stay binary."""
    text = b"Council votes\n\n" + b"The council met on Tuesday and voted on the plan.\n" * 40
    write(tmp_path / "a" / "notes.txt", text.replace(b"Tuesday", b"Tues\x00day", 1))
    write(tmp_path / "a" / "two.txt", text.replace(b"Tuesday", b"Tues\x00day", 2))
    result = load_corpus([tmp_path / "a"])
    [article] = result.articles
    assert article.id == "notes" and article.text.startswith("Council votes\n\nThe council met on Tuesday and voted")
    assert {s.path: (s.reason, s.warning) for s in result.skipped} == {
        "notes.txt": ("NUL bytes left out (the first on line 3): the file may be damaged there", True),
        "two.txt": ("binary file (contains NUL bytes, the first on line 3), not text", False),
    }


def test_zeros_ending_a_short_text_file_are_left_out_and_said(tmp_path):
    """A crash leaves a file's last blocks zeroed: a short text ending in NUL bytes was a "binary
    file"; it loads without them, said as NUL bytes past the first 8 KB are. In a one-byte charset
    too (the zeros told no charset), and a file of zeros alone stays binary."""
    write(tmp_path / "a" / "notes.txt", b"Council votes\n\nThe council met on Tuesday and voted.\n" + b"\x00" * 4096)
    write(tmp_path / "a" / "cafe.txt", b"Caf\xe9 news\n\nThe caf\xe9 opened on Tuesday.\n\x00\x00")
    write(tmp_path / "a" / "zeros.txt", b"\x00" * 512)
    result = load_corpus([tmp_path / "a"])
    assert {a.id: a.text for a in result.articles} == {
        "notes": "Council votes\n\nThe council met on Tuesday and voted.",
        "cafe": "Café news\n\nThe café opened on Tuesday.",
    }
    assert {s.path: (s.reason, s.warning) for s in result.skipped} == {
        "notes.txt": ("NUL bytes left out (the first on line 4): the file may be damaged there", True),
        "cafe.txt": ("NUL bytes left out (the first on line 4): the file may be damaged there", True),
        "zeros.txt": ("binary file (contains NUL bytes, the first on line 1), not text", False),
    }


def test_binary_file_with_known_signature(tmp_path):
    result = load_with_good(tmp_path, "report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert reasons(result) == {"report.txt": "binary file (a PDF document), not text"}


def test_binary_junk_without_nul_bytes(tmp_path):
    rng = random.Random(11)
    data = bytes(rng.choice(list(range(1, 9)) + list(range(14, 32)) + [65, 66]) for _ in range(3000))
    result = load_with_good(tmp_path, "junk.md", data)
    assert reasons(result) == {"junk.md": "binary file (mostly control characters), not text"}


def test_garbage_behind_a_utf16_bom_is_not_an_article(tmp_path):
    # It was read as UTF-16 and listed as an article titled "最牡慢敧Ā" under "Unknown outlet".
    result = load_with_good(tmp_path, "blob.txt", b"\xff\xfe\x00garbage\x00\x01")
    assert reasons(result) == {
        "blob.txt": "not text: it starts with a UTF-16 byte-order mark, but what follows is single-byte text"
        " or data read two bytes at a time"
    }


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"])
@pytest.mark.parametrize("size", [16, 40, 400, 4000])
def test_random_bytes_behind_a_wide_bom_are_not_text(tmp_path, bom, size):
    data = bom + bytes(random.Random(size).randrange(256) for _ in range(size))
    result = load_with_good(tmp_path, "blob.txt", data)
    assert reasons(result)["blob.txt"].startswith("not text: it starts with a UTF-"), reasons(result)


def test_ideographs_hangul_and_yi_mixed_behind_a_bom_are_not_text(tmp_path):
    mix = "".join(chr(0x4E00 + 37 * n) + chr(0xAC00 + 53 * n) + chr(0xA000 + 11 * n) for n in range(20)) + "\n"
    result = load_with_good(tmp_path, "mix.txt", mix.encode("utf-16"))
    assert reasons(result) == {
        "mix.txt": "not text: it starts with a UTF-16 byte-order mark, but what follows mixes scripts no text mixes"
        " (CJK, Hangul, Yi)"
    }


def test_korean_with_its_hanja_behind_a_bom_is_text(tmp_path):
    text = "大韓民國 정부는 오늘 新政策을 發表했다. 國會는 來日 審議한다.\n"
    write(tmp_path / "ko.txt", text.encode("utf-16"))
    [article] = load_corpus([tmp_path]).articles
    assert "新政策" in article.title + article.text


def test_private_use_characters_behind_a_bom_are_not_text(tmp_path):
    junk = "".join(chr(0xE000 + 7 * n) for n in range(40)) + " x\n"
    result = load_with_good(tmp_path, "pua.txt", junk.encode("utf-16"))
    assert reasons(result)["pua.txt"].startswith(
        "not text: it starts with a UTF-16 byte-order mark, but 93% of what follows"
    )


def test_fifty_megabyte_file_is_refused_by_size(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    with open(tmp_path / "huge.txt", "wb") as handle:  # sparse: quick to make, 50 MB to stat
        handle.truncate(50 * 1024 * 1024)
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    assert reasons(result) == {"huge.txt": "file too large (50.0 MB; the limit is 10 MB)"}


def test_fifty_megabyte_json_lines_file_is_refused_too(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    with open(tmp_path / "dump.jsonl", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    assert reasons(result) == {"dump.jsonl": "file too large (50.0 MB; the limit is 40 MB)"}


def test_invalid_utf8_falls_back_and_loads(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    write(tmp_path / "latin.txt", "Le ministre a dit \u00ab non \u00bb \u00e0 la r\u00e9forme.".encode("latin-1"))
    result = load_corpus([tmp_path])
    assert result.skipped == []
    text = {a.id: a.text for a in result.articles}["latin"]
    assert "\u00ab non \u00bb \u00e0 la r\u00e9forme" in text


@pytest.mark.parametrize(
    "content, expected",
    [
        # The line the [ or quotation mark is left open on, not the one where the parser noticed.
        ("---\ntitle: [unclosed\n---\nBody text here.", "broken YAML front matter at line 2: a [ is not closed"),
        (
            '---\ntitle: "unclosed\ndate: 2020-01-01\n---\nBody text here.',
            "broken YAML front matter at line 2: a quotation mark is not closed",
        ),
        ("---\ntitle: a\n  bad: indent: here\n---\nBody text here.", "broken YAML front matter at line 3"),
        ("---\ntitle: no closing line\nBody text here.", "the opening '---' line has no closing '---' line"),
        ("---\n- a list\n- not fields\n---\nBody text here.", "expected 'field: value' lines"),
        ("---\n" + "[" * 5000 + "\n---\nBody text here.", "broken YAML front matter"),
        ("---\nscore: !!float abc\n---\nBody text here.", "broken YAML front matter at line 2: invalid value"),
        ("---\nx: !!python/object/apply:os.system [echo hi]\n---\nBody.", "broken YAML front matter at line 2"),
    ],
    ids=[
        "unclosed-list",
        "unclosed-quote",
        "bad-indent",
        "no-closing-line",
        "not-a-mapping",
        "deep-nesting",
        "bad-value",
        "unsafe-tag",
    ],
)
def test_broken_front_matter(tmp_path, content, expected):
    result = load_with_good(tmp_path, "broken.md", content)
    assert list(reasons(result)) == ["broken.md"]
    assert expected in reasons(result)["broken.md"]


@pytest.mark.parametrize(
    "line, title",
    [
        ("title: Budget: council says yes", "Budget: council says yes"),  # a headline's colon
        ("title: @mayor says yes", "@mayor says yes"),  # a character YAML keeps for itself
        ("title: `Yes`, says the council", "`Yes`, says the council"),
        # French typography's no-break space before the colon, a zero-width space: refused as
        # "not printable", which skipped the article
        ("title: Le budget\u00a0: le conseil dit oui", "Le budget : le conseil dit oui"),
        ("title: Budget: council\u200b says yes", "Budget: council says yes"),
        ("title:\tBudget: council says yes", "Budget: council says yes"),  # a tab after the colon
    ],
)
def test_front_matter_of_plain_field_lines_that_yaml_refuses_is_read_as_written(tmp_path, line, title):
    """`title: Budget: council says yes`, as a headline is written, is not YAML ("mapping values
    are not allowed"): the whole article was skipped. Front matter of plain `field: value` lines
    is read as written, with a warning that says how to quote the value."""
    write(
        tmp_path / "a.md", f"---\n{line}\noutlet: Daily Bugle\n# a comment\n\ndate: 2024-03-05\n---\nThe council met.\n"
    )
    result = load_corpus([tmp_path])
    [article] = result.articles
    assert (article.title, article.outlet, article.date) == (title, "Daily Bugle", "2024-03-05")
    assert article.text == "The council met."
    [warning] = result.skipped
    assert warning.warning and warning.path == "a.md"
    assert warning.reason.startswith("front matter that is not YAML (at line 2: ")
    assert warning.reason.endswith(
        "), read as plain 'field: value' lines; quote a value holding ': ' or starting with a sign "
        'such as @ or ` (title: "Budget: a vote")'
    )


@pytest.mark.parametrize(
    "lines, fields",
    [
        # a line YAML reads alone means what YAML says: its comment dropped, `null` no value
        ("author: Ann Lee # from the byline\nurl: null", ("Ann Lee", None)),
        # a value quoted as it should be is read unquoted beside one that is not
        ('author: "Lee: Ann"\nurl: ~', ("Lee: Ann", None)),
        # a key written twice takes its last value, as YAML does
        ("author: Bob\nauthor: Ann Lee\nurl: ~", ("Ann Lee", None)),
    ],
    ids=["comment-and-null", "quoted-beside", "last-of-two"],
)
def test_front_matter_read_as_written_gives_each_line_yaml_reads_its_yaml_value(tmp_path, lines, fields):
    """The fallback read every value as written: an author's trailing `# comment`, `null` and `~`
    became text, a quoted value beside an unquoted one skipped the article, and a key written
    twice took its first value where YAML takes the last."""
    write(tmp_path / "a.md", f"---\ntitle: Budget: council says yes\n{lines}\n---\nThe council met.\n")
    result = load_corpus([tmp_path])
    [article] = result.articles
    assert article.title == "Budget: council says yes"
    assert (article.author, article.url) == fields
    [warning] = result.skipped
    assert warning.warning and warning.reason.startswith("front matter that is not YAML (at line 2: ")


@pytest.mark.parametrize(
    "lines",
    [
        "tags:\n  - budget",  # a block list
        "author:\n  name: Ann Lee",  # a mapping
        "title: Budget: yes\n  and more",  # a continued value
        "author: *byline",  # an alias
        'author: "Ann Lee',  # a quotation left open
        "author: [Ann, Lee",  # a list left open
    ],
    ids=["block-list", "mapping", "continued", "alias", "open-quote", "open-list"],
)
def test_front_matter_of_more_than_plain_field_lines_is_not_read_as_written(tmp_path, lines):
    """YAML meant as YAML, and broken, is not guessed at: the article is skipped, with the reason."""
    result = load_with_good(tmp_path, "broken.md", f"---\ntitle: Budget: yes\n{lines}\n---\nBody text here.")
    assert reasons(result)["broken.md"].startswith("broken YAML front matter")


def test_front_matter_read_as_written_is_not_slow_on_a_long_run_of_spaces(tmp_path):
    """A value's trailing blanks were matched lazily, in time growing with the square of a run of
    spaces inside it: this one took hours (pytest-timeout fails it)."""
    write(tmp_path / "a.md", "---\ntitle: Budget: a" + " " * 400_000 + "vote\n---\nThe council met.\n")
    [article] = load_corpus([tmp_path]).articles
    assert article.title.startswith("Budget: a")


@pytest.mark.parametrize("big", [False, True], ids=["read-whole", "streamed"])
def test_a_json_lines_file_opening_with_a_byte_order_mark_keeps_its_first_line(tmp_path, monkeypatch, big):
    """A JSON Lines file saved by a Windows tool (PowerShell's Out-File, Notepad) opens with a
    UTF-8 byte-order mark: its first line was skipped as "invalid JSON (Unexpected UTF-8 BOM)"."""
    line = '{"title": "%s", "outlet": "Daily Bugle", "text": "The council met on Tuesday."}'
    path = write(tmp_path / "a.jsonl", ("\ufeff" + line % "One" + "\r\n" + line % "Two" + "\r\n").encode("utf-8"))
    if big:  # read a line at a time from the disk, as the index reads a file over the whole-read limit
        monkeypatch.setattr(loader_module, "MAX_COLLECTION_BYTES", 10)
        items = list(loader_module.iter_file(path, tmp_path, any_size_jsonl=True))
        articles = [item for item in items if not isinstance(item, loader_module.Skipped)]
        skipped = [item for item in items if isinstance(item, loader_module.Skipped)]
    else:
        result = load_corpus([tmp_path])
        articles, skipped = result.articles, result.skipped
    assert skipped == []
    assert [(a.id, a.title) for a in articles] == [("a#1", "One"), ("a#2", "Two")]


def test_manifest_naming_missing_files(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    write(tmp_path / "sub" / "x.txt", GOOD)
    write(
        tmp_path / "sub" / "corpus.yaml",
        "files:\n  x.txt:\n    title: Present\n  gone.txt:\n    title: Missing\n  also-gone.md: {}\n",
    )
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["good", "sub/x"]
    assert result.articles[1].title == "Present"
    assert reasons(result) == {
        "sub/also-gone.md": "listed in sub/corpus.yaml but the file does not exist",
        "sub/gone.txt": "listed in sub/corpus.yaml but the file does not exist",
    }


def test_a_missing_file_corpus_yaml_names_with_a_control_character_is_named_escaped(tmp_path, capsys):
    """A name corpus.yaml lists with an escape sequence in it was '?[31m' in every message, with no
    `path_bytes`: the rule for names from outside is `\\x1b[31m`, as for a file on disk."""
    from conftest import run_main

    corpus = tmp_path / "news"
    write(corpus / "good.txt", GOOD)
    write(corpus / "corpus.yaml", 'files:\n  "esc\\e[31m.txt": {title: Gone}\n')
    args = ("--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index")
    code, out, err = run_main(capsys, *args, "--verbose")
    assert code == 0 and "esc\\x1b[31m.txt: listed in corpus.yaml but the file does not exist" in err, err
    code, out, err = run_main(capsys, *args, "--json")
    [item] = json.loads(out)["skipped"]
    assert bytes.fromhex(item["path_bytes"]) == os.fsencode(corpus / "esc\x1b[31m.txt"), item


def test_broken_manifest_is_reported_and_files_still_load(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    write(tmp_path / "corpus.yaml", "files:\n  good.txt: [unclosed\n")
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    assert list(reasons(result)) == ["corpus.yaml"]
    assert "invalid YAML" in reasons(result)["corpus.yaml"]
    assert "ignored" in reasons(result)["corpus.yaml"]


def test_html_with_no_article(tmp_path, monkeypatch):
    def no_article(html, *, source_name, url=None):
        raise ValueError("no article text found")

    monkeypatch.setattr(loader_module, "_html_parser", lambda: no_article)
    result = load_with_good(tmp_path, "nav.html", "<html><body><nav>Home | About</nav></body></html>")
    assert reasons(result) == {"nav.html": "no article text found"}


def test_html_extractor_crash_is_a_reason(tmp_path, monkeypatch):
    def crash(html, *, source_name, url=None):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(loader_module, "_html_parser", lambda: crash)
    result = load_with_good(tmp_path, "odd.htm", "<html><body><p>x</p></body></html>")
    assert reasons(result) == {"odd.htm": "could not extract the article (RuntimeError: parser exploded)"}


def test_real_html_with_no_article(tmp_path):
    pytest.importorskip("reader.corpus.html")
    result = load_with_good(tmp_path, "empty.html", "<html><head><title>x</title></head><body></body></html>")
    assert list(reasons(result)) == ["empty.html"]


def test_feed_with_no_entries(tmp_path):
    feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert reasons(load_with_good(tmp_path, "quiet.rss", feed)) == {"quiet.rss": "feed with no entries"}


def test_xml_that_is_not_a_feed(tmp_path):
    result = load_with_good(tmp_path, "config.xml", "<?xml version='1.0'?><settings><a>1</a></settings>")
    assert list(reasons(result)) == ["config.xml"]
    # not "feed with no entries", as if it were a feed
    assert reasons(result)["config.xml"] == "not an RSS or Atom feed (its root element is <settings>)"
    svg = '<?xml version="1.0"?><!-- a logo --><svg xmlns="http://www.w3.org/2000/svg"><title>Logo</title></svg>'
    assert reasons(load_with_good(tmp_path / "svg", "logo.xml", svg)) == {
        "logo.xml": "not an RSS or Atom feed (its root element is <svg>)"
    }


@pytest.mark.parametrize(
    "prolog",
    [
        '<!-- Example: <setting name="x">1</setting> -->',
        "<!DOCTYPE config [\n<!ELEMENT config ANY>\n<!-- <setting> -->\n]>",
        '<?xml-stylesheet href="<setting>"?>',
    ],
)
def test_the_root_element_is_never_a_tag_quoted_in_the_prolog(tmp_path, prolog):
    # A comment's example markup was named the root: "its root element is <setting>".
    from reader.corpus.formats import _root_element_note

    xml = f'<?xml version="1.0"?>\n{prolog}\n<config><a>1</a></config>'
    assert _root_element_note(xml.encode()) == " (its root element is <config>)"
    if prolog.startswith("<!--"):  # (a file with a DOCTYPE is refused before: "syntax error")
        assert reasons(load_with_good(tmp_path, "config.xml", xml)) == {
            "config.xml": "not an RSS or Atom feed (its root element is <config>)"
        }


def test_feed_entry_without_text(tmp_path):
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>Empty</title><link>https://e.org/1</link></item>"
        "<item><title>Full</title><link>https://e.org/2</link><description>Real body text.</description></item>"
        "</channel></rss>"
    )
    write(tmp_path / "f.rss", feed)
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["f#2"]
    assert reasons(result) == {"f#1": "feed entry without text"}


def test_a_feed_entry_whose_tags_nest_past_the_parser_s_depth_keeps_its_text(tmp_path):
    """Past libxml2's 256 levels the fragment parser gave up and the entry's text was lost: the
    entry was "without text", and a fetched feed of such entries "carries no text"."""
    deep = "<div>" * 300 + "Deep &amp; low. " + "</div>" * 300
    content = f"{deep}<p>{GOOD}</p><script>alert(1)</script><p>The end.</p>"
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>Deep</title><link>https://e.org/1</link><description><![CDATA[{content}]]></description></item>"
        "</channel></rss>"
    )
    write(tmp_path / "f.rss", feed)
    result = load_corpus([tmp_path])
    [article] = result.articles
    assert result.skipped == []
    assert article.text.startswith("Deep & low.") and GOOD.split("\n")[0] in article.text
    assert article.text.endswith("The end.") and "alert" not in article.text


def test_bad_json_lines_are_skipped_per_line(tmp_path):
    lines = [
        json.dumps({"title": "First", "text": GOOD}),
        '{"title": "broken", "text": ',
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no body"}),
        "[" * 100_000,
        json.dumps({"title": "Last", "body": GOOD}),
    ]
    write(tmp_path / "lines.jsonl", "\n".join(lines))
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["lines#1", "lines#6"]
    got = reasons(result)
    assert set(got) == {"lines#2", "lines#3", "lines#4", "lines#5"}
    assert got["lines#2"].startswith("line 2: invalid JSON")
    assert got["lines#3"] == "line 3: expected a JSON object, found a list"
    assert got["lines#4"].startswith("line 4: no article text")
    assert got["lines#5"].startswith("line 5: invalid JSON")


def test_a_json_line_with_nul_bytes_is_skipped_alone(tmp_path):
    # One record damaged on disk (or zeros a crash left at the end) made the whole file
    # "binary": every other record was lost with no word of which line was at fault.
    lines = [
        json.dumps({"title": "First", "text": GOOD}).encode(),
        b'{"title": "Dam\x00aged", "text": ' + json.dumps(GOOD).encode() + b"}",
        json.dumps({"title": "Last", "text": GOOD}).encode(),
        b"\x00" * 40,
    ]
    write(tmp_path / "lines.jsonl", b"\n".join(lines))
    result = load_corpus([tmp_path])
    assert [a.title for a in result.articles] == ["First", "Last"]
    assert reasons(result) == {
        "lines#2": "line 2: binary data (NUL bytes) in this line, not text; the other lines are read",
        "lines#4": "line 4: binary data (NUL bytes) in this line, not text; the other lines are read",
    }


def test_a_feed_with_a_nul_byte_keeps_its_entries_with_a_warning(tmp_path):
    # The feed parser reads such a feed well; the "binary file" check before it lost every entry.
    items = "".join(
        f"<item><title>{t}</title><link>http://x.test/{n}</link><description>{GOOD}</description></item>\n"
        for n, t in enumerate(("One", "Two", "Three"))
    )
    feed = (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>T</title>\n{items}</channel></rss>'
    )
    data = feed.encode().replace(b"<title>Two", b"<title>Tw\x00o")
    write(tmp_path / "feed.xml", data)
    result = load_corpus([tmp_path])
    assert [a.title for a in result.articles] == ["One", "Two", "Three"]
    assert reasons(result) == {"feed.xml": "NUL bytes removed (the first on line 6); the feed was read without them"}
    assert [s.warning for s in result.skipped] == [True]


def test_a_binary_file_named_xml_is_still_a_binary_file(tmp_path):
    data = bytes(random.Random(5).randrange(256) for _ in range(4096)) + b"\x00"
    result = load_with_good(tmp_path, "blob.xml", data)
    assert list(reasons(result).values())[0].startswith("binary file (contains NUL bytes, the first on line")


def test_a_json_line_of_control_junk_is_skipped_alone(tmp_path):
    junk = bytes(range(1, 9)) * 20
    lines = [json.dumps({"title": "First", "text": GOOD}).encode(), junk, json.dumps({"text": GOOD}).encode()]
    write(tmp_path / "lines.jsonl", b"\n".join(lines))
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["lines#1", "lines#3"]
    assert reasons(result) == {
        "lines#2": "line 2: binary data (mostly control characters) in this line, not text; the other lines are read"
    }


def test_a_short_json_line_with_a_stray_control_character_is_read(tmp_path):
    # Two BELs in a short record are over 5% of its characters, but no sign of binary junk.
    write(tmp_path / "lines.jsonl", b'{"text": "Short\x07 one\x07."}\n' + json.dumps({"text": GOOD}).encode())
    result = load_corpus([tmp_path])
    assert [a.text for a in result.articles] == ["Short one.", GOOD] and result.skipped == []


def test_a_binary_file_named_jsonl_is_one_reason_not_one_per_line(tmp_path):
    data = b"\n".join(bytes(random.Random(n).randrange(256) for _ in range(200)) + b"\x00" for n in range(50))
    result = load_with_good(tmp_path, "blob.jsonl", data)
    assert reasons(result) == {"blob.jsonl": "binary file (most lines hold NUL bytes or controls), not text"}


def test_one_json_line_not_in_utf8_does_not_turn_the_others_to_mojibake(tmp_path):
    # One line in cp1252 made the whole file decode as cp1252: every UTF-8 "café" read "cafÃ©".
    good = json.dumps({"title": "Un café à Zürich", "text": GOOD}, ensure_ascii=False).encode("utf-8")
    legacy = json.dumps({"title": "Crème brûlée", "text": GOOD}, ensure_ascii=False).encode("cp1252")
    write(tmp_path / "lines.jsonl", good + b"\n" + legacy + b"\n")
    result = load_corpus([tmp_path])
    assert [a.title for a in result.articles] == ["Un café à Zürich", "Crème brûlée"]
    assert reasons(result) == {"lines#2": "line 2: not valid UTF-8 unlike the other lines; read as cp1252"}
    assert [s.warning for s in result.skipped] == [True]


def test_a_json_line_utf8_but_for_a_stray_byte_keeps_its_utf8(tmp_path):
    # Read whole as cp1252 for one Latin-1 byte pasted in: "Café" read "CafÃ©".
    good = json.dumps({"title": "Un café à Zürich", "text": GOOD}, ensure_ascii=False).encode("utf-8")
    mixed = json.dumps({"title": "Café naXve", "text": GOOD}, ensure_ascii=False).encode("utf-8").replace(b"X", b"\xef")
    write(tmp_path / "lines.jsonl", good + b"\n" + mixed + b"\n")
    result = load_corpus([tmp_path])
    assert [a.title for a in result.articles] == ["Un café à Zürich", "Café naïve"]
    assert reasons(result) == {
        "lines#2": "line 2: not valid UTF-8 unlike the other lines; read as UTF-8 but for its stray bytes, read as cp1252"
    }


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_utf8_with_a_paragraph_of_cp1252_keeps_its_utf8_and_says_so(tmp_path, suffix):
    # More stray bytes than UTF-8 letters had the whole file read as cp1252: "Straße" read "StraÃŸe".
    head = "Straße in München\n\n".encode()
    pasted = "Björk – café naïve garçon, crème brûlée, “déjà vu”, à bientôt.\n".encode("cp1252")
    data = head + pasted + GOOD.encode()
    if suffix == ".html":
        data = b"<html><body><h1>" + head.strip() + b"</h1><p>" + pasted + GOOD.encode() + b"</p></body></html>"
    write(tmp_path / f"mixed{suffix}", data)
    result = load_corpus([tmp_path])
    [article] = result.articles
    assert article.title == "Straße in München"
    assert "Björk – café naïve garçon, crème brûlée, “déjà vu”, à bientôt." in article.text
    line = 1 if suffix == ".html" else 3
    assert reasons(result) == {
        f"mixed{suffix}": f"14 bytes not valid UTF-8 (the first on line {line}): read as cp1252, the rest as UTF-8;"
        " if a letter there reads wrong, save the file as UTF-8"
    }
    assert [s.warning for s in result.skipped] == [True]


def test_cp1252_text_whose_bytes_read_as_a_letter_of_utf8_by_chance_stays_cp1252(tmp_path):
    # "ß”" is the bytes of NKo's U+07D4 in UTF-8, "É”" IPA's ɔ: a lone letter of another script.
    text = "Er sagte: „Der Fuß“. Straße, groß” und süß. MONTRÉAL” à\xa0» dit-il."
    write(tmp_path / "old.txt", (text + "\n\n" + GOOD).encode("cp1252"))
    result = load_corpus([tmp_path])
    assert result.articles[0].title.startswith("Er sagte: „Der Fuß“.") and result.skipped == []


def test_utf8_holding_a_byte_cp1252_lacks_with_a_paragraph_of_cp1252_keeps_its_utf8():
    # UTF-8's ” (E2 80 9D), Ł (C5 81), Á (C3 81) hold bytes cp1252 has no character for: the text
    # was read as Latin-1 whole, "„Wir öffnen“" as "â\x80\x9eWir Ã¶ffnen".
    head = "Der Bürgermeister sagte: „Wir öffnen die Straße.” Łódź, Ángel.\n\n"
    pasted = "Björk – café naïve garçon, crème brûlée, “déjà vu”, à bientôt, encore une fois. " * 4
    assert decode_bytes(head.encode() + pasted.encode("cp1252")) == (head + pasted, "utf-8")


def test_utf8_capitals_ending_a_word_beside_utf8_in_words_are_read_as_utf8():
    # A capital ending a word before a quote is what cp1252's own bytes make by chance (below),
    # but not beside UTF-8 letters inside words: the UTF-8 paragraph's "ANUNCIÓ" is "ANUNCIÓ".
    head = "EL GOBIERNO ANUNCIÓ “PAZ” y anunció la paz.\n\n"
    pasted = "Björk – café naïve garçon, crème brûlée, “déjà vu”, à bientôt, encore une fois. " * 4
    assert decode_bytes(head.encode() + pasted.encode("cp1252")) == (head + pasted, "utf-8")


@pytest.mark.parametrize(
    "quoted",
    [
        "Sanoi “SKÅ” ja “HÄÄ”.",
        "Disse: COSÌ… e basta.",
        "»KÄ» und SKÅ— sagte er",
        "Lá: “IRMÂ’S” bar",
        "Ela disse “IRMÃ” e saiu",
    ],
)
def test_cp1252_capitals_ending_a_word_before_a_quote_are_not_read_as_utf8(quoted):
    # "Å”" and "Ì…" are the bytes of UTF-8's "Ŕ" and a combining overline: read as UTF-8 they
    # made "“SKŔ", "COS\u0305" of cp1252 text whole cp1252 read right.
    text = f"{quoted} Über die Straße, groß und süß, sagte sie."
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


def test_a_json_lines_file_all_in_cp1252_is_read_without_a_warning_per_line(tmp_path):
    lines = [json.dumps({"title": t, "text": GOOD}, ensure_ascii=False).encode("cp1252") for t in ("Café", "Noël")]
    write(tmp_path / "lines.jsonl", b"\n".join(lines))
    result = load_corpus([tmp_path])
    assert [a.title for a in result.articles] == ["Café", "Noël"] and result.skipped == []


def test_a_json_lines_file_in_utf16_is_still_read_whole(tmp_path):
    text = json.dumps({"title": "Wide", "text": GOOD}) + "\n" + json.dumps({"title": "Too", "text": GOOD})
    write(tmp_path / "lines.jsonl", text.encode("utf-16"))
    result = load_corpus([tmp_path])
    assert [a.title for a in result.articles] == ["Wide", "Too"] and result.skipped == []


@pytest.mark.parametrize(
    "line, reason",
    [
        ("null", "expected a JSON object, found null"),
        ('"just a string"', "expected a JSON object, found a string"),
        ("42", "expected a JSON object, found a number"),
        ("true", "expected a JSON object, found true"),
        pytest.param("9" * 5000, "expected a JSON object, found a number", id="5000-digits"),
        ("NaN", "expected a JSON object, found a number"),
        ('{"title": "x', "invalid JSON (Unterminated string starting at column 11)"),
        ('{"title": "x"} 1', "invalid JSON (Extra data at column 16)"),
    ],
)
def test_json_line_problems_are_said_in_json_s_words_once(tmp_path, line, reason):
    write(tmp_path / "lines.jsonl", line + "\n")
    assert reasons(load_corpus([tmp_path])) == {"lines#1": f"line 1: {reason}"}


def test_a_json_line_with_a_number_python_cannot_read_still_loads_its_article(tmp_path):
    """A 5,000-digit number (a scraper's id) skipped the whole line with Python's advice to call
    sys.set_int_max_str_digits(); NaN and Infinity, which JSON lacks, and 1e999 made the outlet
    "inf" and the date "nan". Each is read as the text written, as a metadata value is (and
    refused as a name: a number is no outlet's nor author's)."""
    lines = [
        json.dumps({"title": "Huge id", "text": GOOD})[:-1] + ', "id": ' + "9" * 5000 + "}",
        json.dumps({"title": "Constants", "text": GOOD})[:-1] + ', "outlet": Infinity, "date": NaN}',
        json.dumps({"title": "Far float", "text": GOOD})[:-1] + ', "outlet": 1e999, "author": 1.5}',
    ]
    write(tmp_path / "lines.jsonl", "\n".join(lines) + "\n")
    result = load_corpus([tmp_path])
    assert all(s.warning for s in result.skipped), result.skipped
    loaded = {a.title: a for a in result.articles}
    assert set(loaded) == {"Huge id", "Constants", "Far float"}
    assert loaded["Constants"].outlet is None and loaded["Constants"].date is None
    assert loaded["Far float"].outlet is None and loaded["Far float"].author is None
    assert sorted((s.path, s.reason) for s in result.skipped) == [
        ("lines#2", "'outlet' is Infinity, not a name; it is ignored"),
        ("lines#2", "the date 'NaN' is not a full, valid date; it is ignored"),
        ("lines#3", "'author' is 1.5, not a name; it is ignored"),
        ("lines#3", "'outlet' is 1e999, not a name; it is ignored"),
    ]


def test_a_json_document_with_a_number_python_cannot_read_still_loads_its_articles(tmp_path):
    """A .json article (or list of them) read its JSON without the JSON Lines hooks: a 5,000-digit
    number made the document no JSON, and `reader show story.json` showed its raw text; a JSON
    Lines stream whose first line held one was told "text". Each number is read as written."""
    huge = "9" * 5000
    pretty = write(
        tmp_path / "story.json",
        f'{{\n  "title": "Huge id",\n  "maintext": "{GOOD}",\n  "id": {huge},\n  "outlet": 1e999\n}}\n',
    )
    (article,) = load_path(pretty).articles
    assert (article.id, article.title, article.outlet) == ("story", "Huge id", None)
    listed = [json.dumps({"title": t, "text": GOOD})[:-1] + f', "id": {huge}}}' for t in ("A", "B")]
    result = load_path(write(tmp_path / "list.json", "[" + ",\n".join(listed) + "]"))
    assert [(a.id, a.title) for a in result.articles] == [("list#1", "A"), ("list#2", "B")]
    streamed = loader_module.load_stream(io.BytesIO("\n".join(listed).encode()), "-")
    assert [(a.id, a.title) for a in streamed.articles] == [("-#1", "A"), ("-#2", "B")]


def test_symlink_loop_of_folders(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    write(tmp_path / "a" / "inner.txt", GOOD)
    (tmp_path / "a" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "a" / "self").symlink_to(tmp_path / "a", target_is_directory=True)
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["a/inner", "good"]
    got = reasons(result)
    assert set(got) == {"a/back", "a/self"}
    assert "symbolic link loop" in got["a/back"] and "the corpus root" in got["a/back"]
    assert "symbolic link loop" in got["a/self"] and "leads back to a" in got["a/self"]


def test_symlink_loop_of_files_and_broken_links(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    os.symlink("loop1.txt", tmp_path / "loop2.txt")
    os.symlink("loop2.txt", tmp_path / "loop1.txt")
    os.symlink("nowhere.txt", tmp_path / "dangling.md")
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    got = reasons(result)
    assert got["loop1.txt"].startswith("symbolic link loop")
    assert got["loop2.txt"].startswith("symbolic link loop")
    assert got["dangling.md"] == "broken symbolic link (its target 'nowhere.txt' does not exist)"


def test_unreadable_file_reported_by_discover(tmp_path, monkeypatch):
    write(tmp_path / "good.txt", GOOD)
    secret = write(tmp_path / "secret.txt", GOOD)
    real_access = os.access
    monkeypatch.setattr(
        discover_module.os, "access", lambda p, mode: False if Path(p) == secret else real_access(p, mode)
    )
    # As another user (the owner's read bit answers for the owner without asking os.access).
    monkeypatch.setattr(discover_module, "_UID", os.getuid() + 1)
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    assert reasons(result) == {"secret.txt": "cannot read this file: permission denied"}


def test_unreadable_file_in_load_file(tmp_path, monkeypatch):
    secret = write(tmp_path / "secret.txt", GOOD)
    real_open = os.open

    def guarded_open(file, *args, **kwargs):
        if Path(file) == secret:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)  # root could read it otherwise
    result = load_file(secret, tmp_path)
    assert result.articles == []
    assert result.skipped == [Skipped("secret.txt", "cannot read this file: permission denied")]


def test_unreadable_file_for_real(tmp_path, as_a_user):
    write(tmp_path / "good.txt", GOOD)
    secret = write(tmp_path / "secret.txt", GOOD)
    secret.chmod(0)
    try:
        result = as_a_user(load_corpus, [tmp_path])
    finally:
        secret.chmod(0o644)
    assert [a.id for a in result.articles] == ["good"]
    assert "secret.txt" in reasons(result)


def test_unreadable_folder(tmp_path, monkeypatch):
    write(tmp_path / "good.txt", GOOD)
    locked = tmp_path / "locked"
    write(locked / "x.txt", GOOD)
    real_scandir = os.scandir

    def guarded(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(discover_module.os, "scandir", guarded)
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    assert reasons(result) == {"locked": "cannot read this folder: permission denied"}


def test_missing_corpus_root(tmp_path):
    items = list(discover(tmp_path / "nope"))
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert "cannot open the corpus folder" in items[0].reason


def test_load_path_of_a_bad_file_gives_a_reason(tmp_path):
    result = load_path(write(tmp_path / "x.txt", b"\x00\x01\x02"))
    assert result.articles == [] and result.skipped[0].reason.startswith("binary file")


def test_cleaner_crash_skips_only_that_article(tmp_path, monkeypatch):
    def picky(
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
        if "explode" in body:
            raise KeyError("boom")
        return body, dict(meta), frozenset()

    monkeypatch.setattr(loader_module, "_cleaner", lambda: picky)
    result = load_with_good(tmp_path, "bad.txt", "please explode now")
    assert reasons(result) == {"bad.txt": "could not be processed (KeyError: 'boom')"}


# --- never a traceback, whatever the bytes ----------------------------------------------------
SUFFIXES = [".txt", ".md", ".html", ".rss", ".xml", ".jsonl"]
SEEDS_OF_TROUBLE = [
    b"---\n",
    b"---\n---\n",
    b"<?xml version='1.0'?><rss><channel><item>",
    b'{"text": "\\ud800"}\n',
    b"\xef\xbb\xbf---\ntitle: !!python/object:os.system x\n---\nbody",
    b"\xff\xfe\x00\xd8",
    b"\x1b]0;" * 2000,
    b"<html><body>" + b"<div>" * 300 + b"text",
    "\u202etext\u2066 \U0001f600 \u0301".encode("utf-8"),
]


def test_hostile_bytes_never_raise(tmp_path):
    rng = random.Random(2026)
    n = 0
    for seed in SEEDS_OF_TROUBLE:
        for suffix in SUFFIXES:
            for _ in range(2):
                data = bytearray(seed)
                for _ in range(rng.randrange(0, 8)):
                    pos = rng.randrange(len(data) + 1)
                    data[pos:pos] = bytes([rng.randrange(256)])
                n += 1
                path = write(tmp_path / f"f{n}{suffix}", bytes(data))
                result = load_file(path, tmp_path)
                assert isinstance(result.articles, list)
                for item in result.articles:
                    assert isinstance(item, Article)
                    assert not [c for c in item.text if c not in "\n\t" and (ord(c) < 32 or 127 <= ord(c) < 160)]
                for item in result.skipped:
                    assert isinstance(item.reason, str) and item.reason and "\n" not in item.reason
                assert result.articles or result.skipped


# --- the corpus is never written to -----------------------------------------------------------
def snapshot(root: Path) -> dict:
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            st = path.lstat()
            if path.is_symlink():
                state[str(path)] = ("link", os.readlink(path), st.st_mtime_ns)
            elif path.is_file():
                state[str(path)] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_mode)
            else:
                state[str(path)] = ("dir", st.st_mtime_ns, st.st_mode)
    return state


def test_corpus_is_byte_identical_after_loading(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    write(root / "good.txt", GOOD)
    write(root / "fm.md", "---\ntitle: T\ndate: 2020-02-02\n---\n" + GOOD)
    write(root / "broken.md", "---\ntitle: [x\n---\n" + GOOD)
    write(root / "empty.txt", b"")
    write(root / "bin.txt", b"\x00\x01")
    write(root / "lines.jsonl", json.dumps({"text": GOOD}) + "\n{bad\n")
    write(root / "feed.rss", '<rss version="2.0"><channel><title>x</title></channel></rss>')
    write(root / "page.html", "<html><body><article><p>" + GOOD + "</p></article></body></html>")
    write(root / "sub" / "corpus.yaml", "files:\n  missing.txt: {}\n  w.txt:\n    title: W\n")
    write(root / "sub" / "w.txt", "cp1252 \x93quoted\x94".encode("latin-1"))
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    before = snapshot(root)
    result = load_corpus([root])
    assert {a.id for a in result.articles} >= {"good", "fm", "lines#1", "sub/w"}
    assert snapshot(root) == before
    assert sorted(p.name for p in root.iterdir()) == sorted(Path(p).name for p in before if Path(p).parent == root)


def test_file_names_that_cannot_be_ids(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    write(tmp_path / "evil\x1b]0;x\x07.txt", GOOD)
    write(tmp_path / "line\nbreak.md", GOOD)
    bad_bytes = os.fsencode(tmp_path) + b"/caf\xe9.txt"  # latin-1 name, not UTF-8
    with open(bad_bytes, "wb") as handle:
        handle.write(GOOD.encode())
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    got = reasons(result)
    assert got == {
        "evil?]0;x?.txt": "the name contains control characters; rename it to load it",
        "line?break.md": "the name contains control characters; rename it to load it",
        "caf\ufffd.txt": "the name is not valid UTF-8; rename it to load it",
    }


def test_load_path_with_control_characters_in_its_name(tmp_path):
    result = load_path(write(tmp_path / "x\x1b[2Jy.txt", GOOD))
    assert [a.id for a in result.articles] == ["x?[2Jy"]


def test_impossible_date_in_front_matter_still_loads(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    write(tmp_path / "d.md", "---\ntitle: Odd date\ndate: 2025-13-45\n---\n" + GOOD)
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["d", "good"]
    assert result.articles[0].title == "Odd date"
    assert result.articles[0].date is None  # not a date: dates are ISO or null


def test_yaml_alias_bomb_and_huge_values_stay_small(tmp_path):
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for name, prev in zip("bcdefgh", "abcdefg"):
        bomb += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    bomb += "author: *h\n---\n" + GOOD
    write(tmp_path / "bomb.md", bomb)
    nested = "---\nauthor: [[a, b], [c]]\ntitle: " + "T" * 50_000 + "\nurl: https://x.org/" + "p" * 5000
    write(tmp_path / "huge.md", nested + "\n---\n" + GOOD)
    result = load_corpus([tmp_path])
    assert "aliases expand to too many values" in reasons(result)["bomb.md"]  # refused, not expanded
    article = result.articles[0]
    assert article.author is None  # nested lists are not names
    assert len(article.title) == 1000 and article.title.endswith("\u2026")
    assert article.url is None  # an absurd URL is dropped, not cut


def test_manifest_naming_a_file_that_is_not_an_article(tmp_path):
    write(tmp_path / "good.txt", GOOD)
    write(tmp_path / "scan.pdf", b"%PDF-1.4")
    write(tmp_path / "corpus.yaml", "files:\n  scan.pdf:\n    title: A scan\n  good.txt:\n    title: Good\n")
    result = load_corpus([tmp_path])
    assert [(a.id, a.title) for a in result.articles] == [("good", "Good")]
    assert reasons(result) == {
        "scan.pdf": "listed in corpus.yaml but not read: hidden files and files of this kind are not articles"
    }


@pytest.mark.parametrize("control", list("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
def test_every_bidi_control_is_removed_or_blanked_and_plain_text_is_returned_as_is(control):
    """without_bidi_controls skips translate() when no control is there (a dict translate costs
    ~15 us a title: 10,000 rows of the source list): every control is still found."""
    from reader.corpus.decode import without_bidi_controls

    text = f"Überschrift — {control}evil\u202c title"
    assert without_bidi_controls(text) == "Überschrift — evil title"
    assert without_bidi_controls(text, keep_offsets=True) == "Überschrift — \u200bevil\u200b title"
    plain = "Überschrift — ordinary title"
    assert without_bidi_controls(plain) is plain


# Characters a terminal draws as nothing: a bidi mark, an isolate, the combining grapheme joiner,
# Hangul fillers (letters no font draws), a tag character, a zero-width space.
INVISIBLE_IN_NAMES = ["\u200e", "\u2066", "\u034f", "\u3164", "\u115f", "\U000e0041", "\u200b"]


@pytest.mark.parametrize("invisible", INVISIBLE_IN_NAMES)
def test_an_invisible_character_in_an_outlet_author_or_story_makes_no_second_one(tmp_path, invisible):
    """ "Daily Gazette" with a left-to-right mark after it was a second outlet, shown as "Daily
    Gazette" beside the first (the display drops the mark), and coverage called the one "missing"
    from the other's stories; a story name with one was another story, never grouped with its
    own; "Reu<Hangul filler>ters" was not Reuters. The title keeps what it was given."""
    fields = f"outlet: Daily Ga{invisible}zette\nauthor: Jane{invisible} Roe\nstory: bud{invisible}get\n"
    write(tmp_path / "plain.md", "---\noutlet: Daily Gazette\nauthor: Jane Roe\nstory: budget\n---\n" + GOOD)
    write(tmp_path / "hidden.md", f"---\ntitle: Vote{invisible}\n{fields}---\n" + GOOD)
    write(tmp_path / "known.md", f"---\noutlet: Reu{invisible}ters\n---\n" + GOOD)
    result = load_corpus([tmp_path])
    assert not result.skipped
    loaded = {a.id: a for a in result.articles}
    assert {(a.outlet, a.author, a.story) for a in (loaded["plain"], loaded["hidden"])} == {
        ("Daily Gazette", "Jane Roe", "budget")
    }
    assert loaded["known"].outlet == "Reuters"
    assert loaded["hidden"].title == f"Vote{invisible}".replace("\u200b", "")  # the loader's own rule
    from reader.corpus.decode import without_invisible_in_names

    england = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"  # a flag of tags
    assert without_invisible_in_names(f"Fans {england} \u2764\ufe0f\u200e") == f"Fans {england} \u2764\ufe0f"


# "❤️" is "❤" with VS16 (an emoji's presentation), which a keyboard adds or not; VS15 asks for text.
RALLY_NAMES = ("Rally \u2764\ufe0f News", "Rally \u2764 News", "rally \u2764\ufe0e news")


def test_an_outlet_written_with_and_without_an_emoji_selector_is_one_outlet(tmp_path, capsys):
    """An unknown outlet named with and without VS16 was two outlets: `--outlet` took one of
    them and left the other's articles out. The three are shown by one spelling of them too
    (decode.outlet_spellings: the one outlet was three rows of the outlet lists and coverage)."""
    for n, name in enumerate(RALLY_NAMES):
        write(tmp_path / "c" / f"rally{n}.md", f"---\ntitle: Rally {n}\noutlet: {name}\n---\n" + GOOD)
    write(tmp_path / "c" / "other.md", "---\ntitle: Other\noutlet: Daily Gazette\n---\n" + GOOD)
    where = ("--corpus", str(tmp_path / "c"), "--index", str(tmp_path / "ix"))
    for asked in RALLY_NAMES:
        code, out, err = run_main(capsys, *where, "list", "--outlet", asked, "--json")
        assert code == 0, err
        assert sorted((a["id"], a["outlet"]) for a in json.loads(out)) == [
            (f"rally{n}", "Rally \u2764 News") for n in range(len(RALLY_NAMES))
        ]
        code, out, err = run_main(capsys, *where, "search", "council", "--outlet", asked, "--json")
        assert code == 0, err
        assert sorted(r["id"] for r in json.loads(out)) == ["rally0", "rally1", "rally2"]


def test_outlet_key_ignores_case_and_an_emoji_selector_only():
    from reader.corpus.decode import outlet_key

    assert {outlet_key(name) for name in RALLY_NAMES} == {"rally \u2764 news"}
    assert outlet_key("Rally \u2764 News") != outlet_key("Rally \u2763 News")
    assert outlet_key("葛\U000e0100城") != outlet_key("葛城")  # an ideograph's own glyph stays
    assert outlet_key(None) == outlet_key("") == ""


def test_an_ideographic_variation_selector_stays_in_a_name():
    """U+E0100-E01EF choose an ideograph's glyph, as U+FE0F chooses an emoji's: "葛\U000e0100城"
    lost its selector with the tag characters and the unassigned code points around them."""
    from reader.corpus.decode import without_invisible_in_names

    for selector in ("\U000e0100", "\U000e01ef"):
        assert without_invisible_in_names(f"葛{selector}城") == f"葛{selector}城"
    assert without_invisible_in_names("葛\U000e00ff\U000e01f0城") == "葛城"  # the unassigned around them


def test_index_json_gives_the_bytes_of_a_name_it_had_to_change(tmp_path, capsys):
    """`index --json` named a file whose name is not UTF-8 or holds a control character with '?'
    or U+FFFD in `path`: a script could not open or rename it. `path_bytes` gives its bytes."""
    import json

    from conftest import run_main

    corpus = tmp_path / "news"
    write(corpus / "good.txt", GOOD)
    write(corpus / "line\nbreak.md", GOOD)
    with open(os.fsencode(corpus) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(GOOD.encode())
    code, out, err = run_main(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index", "--json")
    skipped = json.loads(out)["skipped"]
    assert code == 0 and len(skipped) == 2, skipped
    for item in skipped:
        raw = bytes.fromhex(item["path_bytes"])
        assert os.path.isfile(raw) and os.path.isabs(raw), item
        assert os.path.basename(raw) in (b"line\nbreak.md", b"caf\xe9.txt")
        assert os.fsencode(item["path"]) == raw  # `path` too: the name itself, a byte as \udce9


def test_folders_nested_a_thousand_deep_load_without_overflowing_the_stack(tmp_path):
    """The walk recursed once a folder (two frames a level): a corpus nested some 500 folders
    deep ended `reader index` with a RecursionError traceback."""
    write(tmp_path / "good.txt", GOOD)
    folder = str(tmp_path)
    for _ in range(1200):  # 2,400 characters of path: well within PATH_MAX
        folder = os.path.join(folder, "d")
        os.mkdir(folder)
    write(Path(folder) / "deep.txt", GOOD)
    try:
        result = load_corpus([tmp_path])
        assert [a.id for a in result.articles] == ["d/" * 1200 + "deep", "good"]
        assert result.skipped == []
    finally:  # pytest's own clean-up (shutil.rmtree) recurses once a level too
        os.unlink(Path(folder) / "deep.txt")
        while folder != str(tmp_path):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"])
@pytest.mark.parametrize("size", range(5, 16))
def test_a_few_random_bytes_behind_a_wide_bom_are_not_text(tmp_path, bom, size):
    # Under 16 bytes every test had too little to go on: a third of such files was an article,
    # titled with a few ideographs, Hangul or symbols.
    rng = random.Random(size)
    data = bom + bytes(rng.randrange(256) for _ in range(size))
    result = load_with_good(tmp_path, "blob.txt", data)
    assert reasons(result)["blob.txt"].startswith("not text: it starts with a UTF-"), reasons(result)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize(
    "line", ["今天天气很好我们去公园", "東京都は新しい対策を発表した", "서울정부는새로운정책을발표했다", "新闻"]
)
def test_a_short_wide_line_without_punctuation_is_text(tmp_path, encoding, line):
    # "not text: ... what follows has no spaces, line breaks, digits or punctuation": a title
    # saved by Notepad as "Unicode" has none of them.
    bom = codecs.BOM_UTF16_BE if encoding == "utf-16-be" else b""
    write(tmp_path / "short.txt", bom + line.encode(encoding))
    result = load_corpus([tmp_path])
    assert result.skipped == []
    [article] = result.articles
    assert line in article.title + article.text


def test_symbols_behind_a_bom_are_not_text(tmp_path):
    result = load_with_good(tmp_path, "signs.txt", "☀☁☂☃☄★☆☇☈☉☊☋".encode("utf-16"))
    assert reasons(result) == {
        "signs.txt": "not text: it starts with a UTF-16 byte-order mark, but 100% of what follows are symbols,"
        " rare ideographs or letters of another script"
    }


def test_a_folder_without_execute_permission_is_said_once(tmp_path, monkeypatch):
    # Each file in it was "cannot read this file: permission denied": the user made the files
    # readable, and they still were not.
    write(tmp_path / "good.txt", GOOD)
    locked = tmp_path / "locked"
    write(locked / "x.txt", GOOD)
    write(locked / "y.txt", GOOD)
    real_access = os.access

    def access(path, mode, **kwargs):
        if Path(path) == locked and mode == os.X_OK:
            return False  # as chmod a-x (root may enter any folder)
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(discover_module.os, "access", access)
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    assert reasons(result) == {
        "locked": "cannot open what is in this folder: permission denied (it lacks execute permission)"
    }


def test_a_folder_without_execute_permission_for_real(tmp_path, as_a_user):
    write(tmp_path / "good.txt", GOOD)
    locked = tmp_path / "locked"
    write(locked / "x.txt", GOOD)
    locked.chmod(0o600)
    try:
        result = as_a_user(load_corpus, [tmp_path])
    finally:
        locked.chmod(0o755)
    assert [a.id for a in result.articles] == ["good"]
    assert reasons(result) == {
        "locked": "cannot open what is in this folder: permission denied (it lacks execute permission)"
    }


def test_a_manifest_swapped_for_a_fifo_as_it_is_read_does_not_block(tmp_path, monkeypatch):
    # Between the stat that found a file and the read, a FIFO in its place blocked the scan for good.
    import threading

    from reader.corpus import manifest as manifest_module

    folder = tmp_path / "news"
    folder.mkdir()
    os.mkfifo(folder / "corpus.yaml")
    real_stat = os.stat

    def stat_of_a_file(path, *args, **kwargs):
        if str(path).endswith("corpus.yaml"):
            return os.stat_result((0o100644, *real_stat(path)[1:]))  # as the file it was
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(manifest_module.os, "stat", stat_of_a_file)
    found = []
    reading = threading.Thread(target=lambda: found.append(manifest_module.manifest_for(folder)), daemon=True)
    reading.start()
    reading.join(timeout=30)
    if reading.is_alive():  # unblock the reader so the test run goes on
        with open(os.open(folder / "corpus.yaml", os.O_WRONLY | os.O_NONBLOCK), "wb"):
            pass
    assert found and found[0].problems == (
        "not a regular file (put in its place as it was read); the manifest is ignored",
    )


def test_reader_index_over_a_hostile_corpus_says_why_each_is_skipped_and_loads_the_rest(tmp_path, reader_cli):
    """A symlink loop, links out of the corpus, a FIFO, a socket, a 200 MB file, an empty one,
    binary junk and names no terminal should print: each skipped with its reason on stderr;
    nothing blocks; the rest loads (UTF-16 with a byte-order mark, a Latin-1 page whose <meta>
    says UTF-16)."""
    import socket

    corpus = tmp_path / "news"
    write(corpus / "good.txt", GOOD)
    outside = tmp_path / "outside"
    write(outside / "secret.txt", GOOD)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "loop").symlink_to("..")
    (corpus / "loopa.txt").symlink_to("loopb.txt")
    (corpus / "loopb.txt").symlink_to("loopa.txt")
    (corpus / "out").symlink_to(outside)
    (corpus / "secret.txt").symlink_to(outside / "secret.txt")
    os.mkfifo(corpus / "fifo.txt")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(corpus / "sock.txt"))
    except OSError:  # a path too long for a socket's address (a deep temporary folder)
        server.close()
        server = None
    with open(corpus / "huge.txt", "wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    write(corpus / "new\nline.txt", GOOD)
    write(corpus / "esc\x1b[2Jape.txt", GOOD)
    write(Path(os.fsdecode(os.fsencode(corpus) + b"/bad\xffname.txt")), GOOD)
    write(corpus / "empty.txt", b"")
    write(corpus / "junk.txt", bytes(range(256)) * 20)
    write(corpus / "wide.txt", codecs.BOM_UTF16_LE + GOOD.replace("council", "Stadtrat für Köln").encode("utf-16-le"))
    page = f'<html><head><meta charset="utf-16"><title>Caf\xe9</title></head><body><p>{GOOD}</p></body></html>'
    write(corpus / "latin.html", page.replace("plan", "r\xe9seau").encode("latin-1"))
    try:
        result = reader_cli("--corpus", str(corpus), "index", "--no-prepare")
    finally:
        if server is not None:
            server.close()
    assert result.stdout.startswith("3 indexed, ")
    said = dict(line.removeprefix("reader: skipped ").split(": ", 1) for line in result.stderr.splitlines())
    at = f"{corpus}/"
    expected = {
        at + "empty.txt": "empty file",
        at + "junk.txt": "binary file (contains NUL bytes, the first on line 1), not text",
        at + "sub/loop": "symbolic link loop: '..' leads back to the corpus root (not followed)",
        at + "loopa.txt": "symbolic link loop (points to 'loopb.txt')",
        at + "loopb.txt": "symbolic link loop (points to 'loopa.txt')",
        at + "fifo.txt": "a FIFO (named pipe), not a regular file (not read)",
        at + "huge.txt": "file too large (200.0 MB; the limit is 10 MB)",
        at + "new\\nline.txt": "the name contains control characters; rename it to load it",
        at + "esc\\x1b[2Jape.txt": "the name contains control characters; rename it to load it",
        at + "bad\\xffname.txt": "the name is not valid UTF-8; rename it to load it",
    }
    if server is not None:
        expected[at + "sock.txt"] = "a socket, not a regular file (not read)"
    for name in ("out", "secret.txt"):
        assert said.pop(at + name).startswith("symbolic link to "), name
    assert said == expected


def _bytes_read_by_this_process() -> int:
    with open("/proc/self/io") as handle:
        return int(next(line for line in handle if line.startswith("rchar:")).split()[1])


@pytest.mark.skipif(not os.path.exists("/proc/self/io"), reason="needs Linux's /proc/self/io")
def test_a_file_over_what_is_hashed_whole_is_not_read_whole_before_it_is_refused(tmp_path, monkeypatch):
    """Every file is hashed before it is loaded: a 20 GB file (a disk image named .txt) was read
    whole, 3.5 minutes, only to be refused by its size. Over MOST_HASHED its size, time, ends and a few blocks
    are hashed: a change of its time or ends tells it changed, a rename does not."""
    from reader.corpus import regular_file
    from reader.index.store import file_hash

    monkeypatch.setattr(regular_file, "MOST_HASHED", 4 * 1024 * 1024, raising=False)
    huge = tmp_path / "image.txt"
    with open(huge, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)
    os.utime(huge, ns=(1_700_000_000_000_000_000,) * 2)
    before = _bytes_read_by_this_process()
    digest = file_hash(huge)
    assert _bytes_read_by_this_process() - before < 4 * 1024 * 1024
    renamed = huge.rename(tmp_path / "renamed.txt")
    assert file_hash(renamed) == digest
    os.utime(renamed, ns=(1_700_000_000_000_000_001,) * 2)
    assert file_hash(renamed) != digest
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * (3 * 1024 * 1024))
    assert file_hash(small) == hashlib.blake2b(small.read_bytes(), digest_size=16).hexdigest()


def test_a_pile_of_odd_files_each_loads_or_is_skipped_with_its_reason(tmp_path):
    """What a user's folder really holds beside articles: every file is an article or is
    skipped with its reason, none left out unsaid (a JSON Lines file of a byte-order mark alone
    said nothing, a .md or .txt of one was "empty after the metadata", which it has none of)."""
    import gzip

    body = "The committee voted on Tuesday to approve the measure after a long debate.\n"
    bom, bom16 = codecs.BOM_UTF8, codecs.BOM_UTF16_LE
    files = {
        "good.md": b"# Good\n\n" + body.encode(),
        "bom_front_matter.md": bom + b"---\ntitle: With a BOM\n---\n\n" + body.encode(),
        "crlf_front_matter.md": b"---\r\ntitle: CRLF\r\n---\r\n\r\n" + body.replace("\n", "\r\n").encode(),
        "utf16.md": bom16 + f"---\r\ntitle: UTF-16\r\n---\r\n\r\n{body}".encode("utf-16-le"),
        "utf16_without_bom.txt": f"UTF-16 without a BOM\n\n{body}".encode("utf-16-le"),
        # a byte short: a download stopped (was "binary file (contains NUL bytes ...)")
        "utf16_cut_short.txt": f"UTF-16 cut short\n\n{body}".encode("utf-16-le")[:-1],
        "cafe\u0301 decomposed.md": b"# Decomposed\n\n" + body.encode(),
        "emoji \U0001f600.md": b"# Emoji\n\n" + body.encode(),
        "empty.md": b"",
        "empty.html": b"",
        "empty.jsonl": b"",
        "blank.txt": b"\r\n\r\n  \n",
        "only_front_matter.md": b"---\ntitle: Nothing else\n---\n",
        "bom_only.md": bom,
        "bom_only.txt": bom16,
        "bom_only.jsonl": bom,
        "bom_blank_lines.jsonl": bom + b"\n\n",
        "bom_and_blanks.html": bom + b"  \r\n",
        "bom_only.md.gz": gzip.compress(bom),
        "zero_bytes.md.gz": b"",
        "new\nline.md": b"# Odd name\n\n" + body.encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    os.mkfifo(tmp_path / "fifo.md")
    os.symlink("loop_b.md", tmp_path / "loop_a.md")
    os.symlink("loop_a.md", tmp_path / "loop_b.md")
    os.symlink(".", tmp_path / "here")
    result = load_corpus([tmp_path])
    loaded = {article.path.name: article.title for article in result.articles}
    assert loaded == {
        "good.md": "Good",
        "bom_front_matter.md": "With a BOM",
        "crlf_front_matter.md": "CRLF",
        "utf16.md": "UTF-16",
        "utf16_without_bom.txt": "UTF-16 without a BOM",
        "utf16_cut_short.txt": "UTF-16 cut short",
        "cafe\u0301 decomposed.md": "Decomposed",
        "emoji \U0001f600.md": "Emoji",
    }
    skipped = {item.path: item.reason for item in result.skipped}
    assert skipped == {
        "empty.md": "empty file",
        "empty.html": "empty file",
        "empty.jsonl": "empty file",
        "blank.txt": "empty file (only whitespace)",
        "only_front_matter.md": "no article text (empty after the metadata)",
        "bom_only.md": "empty file (only a byte-order mark)",
        "bom_only.txt": "empty file (only a byte-order mark)",
        "bom_only.jsonl": "empty file (no JSON lines)",
        "bom_blank_lines.jsonl": "empty file (no JSON lines)",
        "bom_and_blanks.html": "empty file (only a byte-order mark and whitespace)",
        "bom_only.md.gz": "empty file (only a byte-order mark), once decompressed",
        "zero_bytes.md.gz": "empty file (once decompressed)",
        "new?line.md": "the name contains control characters; rename it to load it",
        "fifo.md": "a FIFO (named pipe), not a regular file (not read)",
        "loop_a.md": "symbolic link loop (points to 'loop_b.md')",
        "loop_b.md": "symbolic link loop (points to 'loop_a.md')",
        "here": "symbolic link loop: '.' leads back to the corpus root (not followed)",
    }


def _sparse_file(path, size: int, mtime_ns: int, *, differs_at: int | None = None):
    """A file of `size` zero bytes (a hole: no disk space) but, at `differs_at`, a block of ones."""
    with open(path, "wb") as handle:
        handle.truncate(size)
        if differs_at is not None:
            handle.seek(differs_at)
            handle.write(b"\x01" * 4096)
    if os.stat(path).st_blocks * 512 > 64 * 1024 * 1024:
        pytest.skip("this file system writes no sparse files")
    os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


@pytest.mark.parametrize("block", [0, 8, 15])
def test_files_over_what_is_hashed_whole_alike_in_size_time_and_ends_are_no_rename_of_each_other(tmp_path, block):
    """Over MOST_HASHED a file's hash is of its size, time and ends, and of SAMPLED_BLOCKS
    blocks between them: a file of the same size, time and ends that differs in them (one of a
    tool's shards of one size and time, a preallocated file) put in place of another, deleted,
    was paired with it as renamed, its articles re-keyed, never read. A file renamed still is."""
    from reader.corpus.regular_file import MOST_HASHED, SAMPLED_BLOCK, SAMPLED_BLOCKS, sampled_offsets
    from reader.index.renamed import pairs
    from reader.index.store import file_hash

    size, mtime = MOST_HASHED + 512 * 1024 * 1024, 1_700_000_000_000_000_000
    offsets = sampled_offsets(size)
    assert len(offsets) == SAMPLED_BLOCKS and offsets[0] > 1 << 20 and offsets[-1] + SAMPLED_BLOCK < size - (1 << 20)
    old = _sparse_file(tmp_path / "old.jsonl.gz", size, mtime)
    gone = {"old.jsonl.gz": {"hash": file_hash(old), "signature": [size, mtime], "ids": ["old"]}}
    other = _sparse_file(tmp_path / "other.jsonl.gz", size, mtime, differs_at=offsets[block] + SAMPLED_BLOCK // 2)
    before = _bytes_read_by_this_process() if os.path.exists("/proc/self/io") else 0
    assert file_hash(other) != gone["old.jsonl.gz"]["hash"]
    if before:
        assert _bytes_read_by_this_process() - before < 4 * 1024 * 1024  # ends and samples, not 1.5 GB
    old.unlink()
    new_files = [("other.jsonl.gz", other, tmp_path, [size, mtime], None)]
    assert pairs(gone, new_files, file_hash) == {}
    renamed = _sparse_file(tmp_path / "renamed.jsonl.gz", size, mtime)
    new_files.append(("renamed.jsonl.gz", renamed, tmp_path, [size, mtime], None))
    assert pairs(gone, new_files, file_hash) == {"renamed.jsonl.gz": "old.jsonl.gz"}


# -- a flood of combining marks ("Zalgo" text) --------------------------------------------------

FLOOD = "\u0301" * 10_000
ZALGO = "Vote" + FLOOD + " passes"


def _longest_mark_run(text: str) -> int:
    import unicodedata

    longest = run = 0
    for ch in text:
        run = run + 1 if unicodedata.category(ch).startswith("M") or ch in "\u200c\u200d\u200e\u2063" else 0
        longest = max(longest, run)
    return longest


@pytest.mark.parametrize(
    "name, content",
    [
        ("front.md", f"---\ntitle: {ZALGO}\nauthor: Jane{FLOOD} Roe\n---\n\nThe Senate {ZALGO} on Friday.\n"),
        ("plain.txt", f"{ZALGO}\n\nThe Senate passed the budget{FLOOD} on Friday.\n"),
        ("hidden.txt", "Vote" + "\u0301\u2063\u200e" * 3_000 + f" passes\n\nThe Senate passed the budget{FLOOD}.\n"),
        (
            "page.html",
            f"<html><head><title>{ZALGO}</title></head><body><h1>{ZALGO}</h1>"
            f"<p>The Senate passed the budget{FLOOD} on Friday, after a long night of debate in the chamber.</p>"
            "<p>Lawmakers argued over spending until dawn, and the vote was close.</p></body></html>",
        ),
        (
            "entries.jsonl",
            json.dumps({"title": ZALGO, "text": f"The Senate passed the budget{FLOOD} on Friday."}) + "\n",
        ),
        ("escaped.jsonl", json.dumps({"title": ZALGO, "text": f"The Senate {ZALGO}."}, ensure_ascii=True) + "\n"),
        (
            "feed.rss",
            "<rss><channel><title>Feed</title><item><title>Vote"
            + "&#x301;" * 10_000
            + " passes</title><description>The Senate passed the budget"
            + "&#769;" * 10_000
            + " on Friday.</description></item></channel></rss>",
        ),
    ],
    ids=lambda value: value if len(value) < 20 else "",
)
def test_a_flood_of_combining_marks_is_cut_at_load(tmp_path, name, content):
    """One letter under 10,000 accents was printed whole by `list`, `show` and the app, a
    column of marks down the screen (or 20 KB on one row): a character keeps its first few."""
    write(tmp_path / name, content)
    result = load_corpus([tmp_path])
    assert not [s for s in result.skipped if not s.warning], result.skipped
    (article,) = result.articles
    for field in (article.title, article.text, article.author or ""):
        assert _longest_mark_run(field) <= 8, (name, len(field))
    assert article.title.startswith("Vot") and "\u0301" in article.title and len(article.title) < 40
    assert "Senate" in article.text and len(article.text) < 2_000


def test_marks_that_spell_a_word_are_kept_and_a_flood_is_cut_after_the_first_ones():
    from reader.corpus.decode import MARKS_KEPT, cap_marks, sanitize

    words = "שָׁלוֹם מְּבַשֵּׂר مُحَمَّد हिन्दी Nguyễn གསྐྱེད 👩\u200d👩\u200d👧\u200d👦 ❤\ufe0f 🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    assert cap_marks(words) is words and sanitize(words) == words
    assert cap_marks("🔥" * 20) == "🔥" * 20  # supplementary characters that are no marks
    assert cap_marks("e" + "\u0301\u0302" * 20 + "!") == "e" + "\u0301\u0302" * (MARKS_KEPT // 2) + "!"
    # Hidden between joiners, or beyond the Basic Multilingual Plane, a flood is still one.
    assert cap_marks("e" + "\u0301\u200d" * 50) == "e" + "\u0301\u200d" * (MARKS_KEPT // 2)
    assert cap_marks("e" + "\u0301\u200e" * 50) == "e" + "\u0301\u200e" * (MARKS_KEPT // 2)
    assert cap_marks("e" + "\u0301\u2063" * 50) == "e" + "\u0301\u2063" * (MARKS_KEPT // 2)
    assert cap_marks("x" + "\U0001d167" * 50) == "x" + "\U0001d167" * MARKS_KEPT
    assert cap_marks("x" + "\u0301\U0001d167" * 50) == "x" + "\u0301\U0001d167" * (MARKS_KEPT // 2)


# Characters no one sees that may stand in a run of marks: a Mongolian vowel separator, an
# interlinear annotation anchor, a Hangul filler, a tag character, a musical beam control.
HIDING_IN_MARKS = ["\u180e", "\ufff9", "\u3164", "\U000e0041", "\U0001d173", "\U0001bca0"]


@pytest.mark.parametrize("hidden", HIDING_IN_MARKS)
@pytest.mark.parametrize("mark", ["\u0301", "\U0001d165", "\U0001e8d0", "\U000101fd"])
def test_marks_between_invisible_characters_are_capped_as_any_run_of_marks(mark, hidden):
    """A letter under 8 marks, an invisible character, 8 marks, another... was kept whole (8
    marks between two of them, however many in all): astral marks between tag characters or a
    beam control, and any marks between an invisible character the scan did not know."""
    from reader.corpus.decode import MARKS_KEPT, cap_marks, sanitize

    flood = "x" + (mark * MARKS_KEPT + hidden) * 50 + " end"
    assert cap_marks(flood) == "x" + mark * MARKS_KEPT + " end"
    assert len(sanitize(flood)) == 1 + MARKS_KEPT + 4
    # ... and the invisible characters count with the marks, as the joiners do
    assert cap_marks("x" + (mark + hidden) * 50) == "x" + (mark + hidden) * (MARKS_KEPT // 2)


def test_a_flag_of_tags_and_an_emoji_with_its_selector_stay_whole():
    from reader.corpus.decode import cap_marks

    england = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    text = f"Fans {england * 20} \u2764\ufe0f\u2764\ufe0f \U0001f44d\U0001f3fd"
    assert cap_marks(text) == text


def test_the_scan_for_a_run_of_marks_knows_every_invisible_character_of_the_basic_plane():
    from reader.corpus import decode

    invisible = [chr(c) for c in range(0x80, 0x10000) if decode._INVISIBLE_INSIDE.match(chr(c))]
    listed = re.compile(f"[{decode._INVISIBLE_INSIDE_MARKS}{''.join(decode._INSIDE_MARKS)}]")
    assert [ch for ch in invisible if not listed.match(ch)] == []


def test_show_and_list_print_a_flooded_title_as_a_short_line(tmp_path, capsys):
    from conftest import run_main

    corpus = tmp_path / "corpus"
    write(corpus / "zalgo.md", f"---\ntitle: {ZALGO}\noutlet: Daily Gazette\n---\n\n{GOOD}\n")
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, _err = run_main(capsys, *where, "show", str(corpus / "zalgo.md"))
    assert code == 0 and "council approved" in out and out.count("\u0301") <= 8
    code, out, _err = run_main(capsys, *where, "list", "--update")
    assert code == 0 and "Vot" in out and out.count("\u0301") <= 8


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_feed_with_a_broken_entry_loads_the_entries_after_it(tmp_path, kind):
    """An entry whose <title> and <description> were left open made the feed ill-formed:
    feedparser read on as far as that entry, "feed entry without text", and every entry after
    it was gone, unsaid."""
    if kind == "rss":
        item = "<item><title>{title}</title><link>https://x.example/{n}</link><description>{text}</description></item>"
        broken = "<item><title>Broken<link>https://x.example/2</link><description>{text}</item>"
        shell = '<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>{}</channel></rss>'
    else:
        item = '<entry><title>{title}</title><link href="https://x.example/{n}"/><content>{text}</content></entry>'
        broken = '<entry><title>Broken<link href="https://x.example/2"/><content>{text}</entry>'
        shell = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Daily</title>{}</feed>'
    entries = [item.format(title="One", n=1, text=GOOD), broken.format(text=GOOD)]
    entries += [item.format(title=title, n=n, text=GOOD) for n, title in ((3, "Three"), (4, "Four"))]
    write(tmp_path / "f.xml", shell.format("\n".join(entries)))
    result = load_corpus([tmp_path])
    assert {a.id: a.title for a in result.articles} == {"f#1": "One", "f#3": "Three", "f#4": "Four"}
    assert {a.outlet for a in result.articles} == {"Daily"}
    said = reasons(result)
    assert said["f#2"] == "feed entry without text"
    assert said["f#1"].startswith("the feed is not well-formed XML (line ")
    assert said["f#1"].endswith("its 4 entries were read one by one")


def test_a_broken_feed_read_one_by_one_reads_its_start_once(tmp_path, monkeypatch):
    """Each entry was read after the whole start of the feed: a channel's description of 1 MB
    was read again for each of 3,000 entries (five minutes), and a doctype's entities, a million
    times expanded in the channel's title, as often."""
    from reader.corpus import formats

    read = []
    real = formats._feedparser
    monkeypatch.setattr(formats, "_feedparser", lambda data, *args: read.append(data) or real(data, *args))
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10 if n else "lol"}">' for n in range(4))
    long = "long channel description " * 4000
    items = [f"<item><title>T{n}</title><description>{GOOD}</description></item>" for n in range(6)]
    items[1] = f"<item><title>Broken<description>{GOOD}</item>"
    data = f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}]><rss version="2.0"><channel><title>Daily &l3;</title>'
    data += f"<description>{long}</description>{''.join(items)}</channel></rss>"
    write(tmp_path / "f.rss", data)
    result = load_corpus([tmp_path])
    assert {a.id for a in result.articles} == {f"f#{n}" for n in (1, 3, 4, 5, 6)}
    assert all(a.outlet.startswith("Daily ") for a in result.articles)
    assert sum(1 for chunk in read if long.encode() in chunk or b"ENTITY" in chunk) == 2  # the whole, its start


def test_a_broken_feed_reads_its_whole_entries_in_batches(tmp_path, monkeypatch):
    """Each entry of a feed that is not well-formed XML was read on its own (and twice: expat
    failed at its unclosed end, then feedparser's lenient parser read it): 10,000 entries took
    20 s. Whole entries are read 32 at a time; a batch holding a broken entry (or one expat
    refuses, an HTML entity undeclared in XML) is read one by one, and nothing is lost."""
    from reader.corpus import formats

    read = []
    real = formats._feedparser
    monkeypatch.setattr(formats, "_feedparser", lambda data, *args: read.append(data) or real(data, *args))
    items = [
        f"<item><title>T{n}</title><link>https://x.example/{n}</link><description>{GOOD}</description></item>"
        for n in range(100)
    ]
    items[40] = f"<item><title>Broken<link>https://x.example/40</link><description>{GOOD}</item>"
    items[70] = items[70].replace("T70", "T&nbsp;70")
    write(
        tmp_path / "f.rss",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>{"".join(items)}</channel></rss>\n',
    )
    result = load_corpus([tmp_path])
    titles = {a.id: a.title for a in result.articles}
    assert len(titles) == 99 and "f#41" not in titles
    assert titles["f#1"] == "T0" and titles["f#71"] == "T 70" and titles["f#100"] == "T99"
    assert {a.outlet for a in result.articles} == {"Daily"}
    # The whole feed, its start, 4 batches and the 2 x 32 entries of the two batches not well-formed.
    assert len(read) == 2 + 4 + 64


def test_a_broken_feed_too_long_to_read_one_by_one_has_no_broken_entry_for_title(tmp_path, monkeypatch):
    # Past the entries read one by one, feedparser's reading is kept, but not its feed title: the
    # broken entry's text ("Brokenhttps://x.example/2...") was the outlet of every entry.
    from reader.corpus import formats

    monkeypatch.setattr(formats, "_ONE_BY_ONE_AT_MOST", 2)
    items = [
        f"<item><title>T{n}</title><link>https://x.example/{n}</link><description>{GOOD}</description></item>"
        for n in range(4)
    ]
    items[1] = f"<item><title>Broken<link>https://x.example/1</link><description>{GOOD}</item>"
    write(
        tmp_path / "f.rss",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>{"".join(items)}</channel></rss>',
    )
    result = load_corpus([tmp_path])
    assert result.articles and {a.outlet for a in result.articles} == {"Daily"}


def test_a_small_feed_of_many_broken_entries_is_not_read_one_by_one(tmp_path, monkeypatch):
    # Each reading of feedparser's costs as much as 1.5 KB read whole: a file of 180 KB,
    # "<item><title>x<link>" 9,000 times, was read 9,000 times (14 s, against 1.3).
    from reader.corpus import formats

    calls = []
    real = formats._feedparser
    monkeypatch.setattr(formats, "_feedparser", lambda *args: calls.append(1) or real(*args))
    broken = "<item><title>x<link>" * 300
    write(
        tmp_path / "f.rss",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>{broken}</channel></rss>',
    )
    load_corpus([tmp_path])
    assert len(calls) == 2  # the whole feed, its start


def test_a_well_formed_feed_is_read_whole_not_entry_by_entry(tmp_path, monkeypatch):
    from reader.corpus import formats

    calls = []
    real = formats._feedparser
    monkeypatch.setattr(formats, "_feedparser", lambda *args: calls.append(1) or real(*args))
    items = "".join(f"<item><title>T{n}</title><description>{GOOD}</description></item>" for n in range(3))
    write(tmp_path / "f.rss", f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>')
    assert len(load_corpus([tmp_path]).articles) == 3 and len(calls) == 1


@pytest.mark.parametrize(
    "meta, said",
    [
        (
            '<meta http-equiv="refresh" content="0; url=https://x.example/real?a=1&amp;b=2">',
            ': a redirect page (its <meta http-equiv="refresh"> sends the reader to https://x.example/real?a=1&b=2)',
        ),
        (
            "<META HTTP-EQUIV=Refresh CONTENT='5;URL=/[bold]moved'>",
            ': a redirect page (its <meta http-equiv="refresh"> sends the reader to /[bold]moved)',
        ),
        # A page that reloads itself, or sends the reader on after minutes (a news page kept up to
        # date, at its own address), is no redirect.
        ('<meta content="0" http-equiv="refresh">', ""),
        ('<meta http-equiv="refresh" content="300; url=https://x.example/live">', ""),
    ],
)
def test_a_redirect_page_is_said_to_be_one(tmp_path, meta, said):
    # A moved article's old address saved, a link shortener's page: "no article text found" said
    # nothing of where the article went.
    result = load_with_good(tmp_path, "moved.html", f"<html><head>{meta}</head><body></body></html>")
    assert reasons(result) == {"moved.html": "no article text found" + said}


@pytest.mark.parametrize("content", ["300", "300; url=https://x.example/live", "0; url=https://x.example/amp"])
def test_a_page_with_its_article_and_a_refresh_loads(tmp_path, content):
    # A news site's page refreshes itself every few minutes; an article's page may also send
    # the reader on to another version of it: it has its article, it loads.
    page = f'<html><head><meta http-equiv="refresh" content="{content}"><title>T</title></head><body><article><p>{GOOD}</p></article></body></html>'
    write(tmp_path / "live.html", page)
    [article] = load_corpus([tmp_path]).articles
    assert "transit plan" in article.text


def test_a_redirect_pages_target_is_shown_as_text(tmp_path, capsys):
    # The address is the file's text: an escape sequence, a bidi control, a line break or markup
    # in it reaches no terminal and parses as no markup.
    from conftest import run_main

    corpus = tmp_path / "corpus"
    target = "https://x.example/&#27;[31mred&#x202E;txt.exe[bold]b&#10;reader: skipped"
    write(corpus / "moved.html", f'<html><head><meta http-equiv="refresh" content="0; url={target}"></head></html>')
    write(corpus / "good.md", GOOD)
    code, out, err = run_main(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "list", "--update")
    [said] = [line for line in err.splitlines() if "moved.html" in line]
    assert code == 0 and "council approved" in out
    assert "sends the reader to https://x.example/" in said and "[bold]b" in said
    assert not set(said + out) & {"\x1b", "\u202e"} and err.count("reader: skipped") == 1


@pytest.mark.parametrize("opening", ["---\n\n", "---\n", "--- \n\n\n"])
def test_a_markdown_rule_opening_an_article_is_no_front_matter(tmp_path, opening):
    # A horizontal rule at the top, never closed, no "field:" after it: the article was skipped as
    # "broken front matter: the opening '---' line has no closing '---' line".
    write(tmp_path / "ruled.md", opening + GOOD)
    [article] = load_corpus([tmp_path]).articles
    assert article.text == GOOD


@pytest.mark.parametrize(
    "field",
    [
        "title: Budget vote",
        "title : Budget vote",
        "Title: Budget vote",
        "\ttitle:\tBudget vote",
        "title\t: Budget vote",
        '"title": Budget vote',
        "  title: Budget vote",
        "TITLE:Budget vote",
    ],
)
def test_front_matter_not_closed_is_said_broken_however_its_field_is_spaced(tmp_path, field):
    # "title : A", an indented or a quoted key was taken for a Markdown rule's text: the article
    # loaded with its front matter's line as its first paragraph, the title not read, nothing said.
    result = load_with_good(tmp_path, "unclosed.md", f"---\n{field}\n\n{GOOD}\n")
    assert reasons(result) == {"unclosed.md": "broken front matter: the opening '---' line has no closing '---' line"}


def _an_index_of(corpus: Path, tmp_path: Path):
    from reader.index import CorpusIndex

    index = CorpusIndex([corpus], tmp_path / "index")
    try:
        report = index.update().to_dict()
        ids = sorted(article.id for article in index.articles())
    finally:
        index.close()
    return ids, {Path(item["path"]).name: item["reason"] for item in report["skipped"]}


def test_files_the_index_may_not_read_are_skipped_with_the_reason_and_the_rest_indexed(tmp_path, monkeypatch):
    """A file found readable when listed (an ACL, a security module, a mode changed since) whose
    open is refused was "cannot read: Permission denied" in `reader index`, unlike the scan's
    words for a file of the wrong mode; a folder that cannot be listed is said too."""
    corpus = tmp_path / "corpus"
    write(corpus / "good.txt", GOOD)
    secret = write(corpus / "secret.txt", GOOD)
    lines = write(corpus / "lines.jsonl", json.dumps({"title": "A line", "text": GOOD}) + "\n")
    locked = corpus / "locked"
    write(locked / "x.txt", GOOD)
    real_open, real_scandir = os.open, os.scandir

    def guarded_open(file, *args, **kwargs):
        if not isinstance(file, int) and Path(os.fsdecode(file)) in (secret, lines):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    def guarded_scandir(path="."):
        if not isinstance(path, int) and Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "open", guarded_open)  # root could read them otherwise
    monkeypatch.setattr(os, "scandir", guarded_scandir)
    ids, skipped = _an_index_of(corpus, tmp_path)
    assert ids == ["good"]
    assert skipped == {
        "secret.txt": "cannot read this file: permission denied",
        "lines.jsonl": "cannot read this file: permission denied",
        "locked": "cannot read this folder: permission denied",
    }


def test_files_and_folders_the_index_may_not_read_for_real(tmp_path, as_a_user):
    corpus = tmp_path / "corpus"
    write(corpus / "good.txt", GOOD)
    secret = write(corpus / "secret.txt", GOOD)
    locked = corpus / "locked"
    write(locked / "x.txt", GOOD)
    secret.chmod(0)
    locked.chmod(0o600)
    try:
        ids, skipped = as_a_user(_an_index_of, corpus, tmp_path)
    finally:
        secret.chmod(0o644)
        locked.chmod(0o755)
    assert ids == ["good"]
    assert skipped == {
        "secret.txt": "cannot read this file: permission denied",
        "locked": "cannot open what is in this folder: permission denied (it lacks execute permission)",
    }


def test_a_whole_web_page_named_as_text_is_read_as_the_page_it_is(tmp_path):
    """A page saved as "page.txt" was read as text: its markup was the article, "<html><head>…"
    its title. Markdown's own HTML ("<div>" opening a .md file) is text still."""
    page = b"<!DOCTYPE html><html><head><title>Bridge reopens</title></head><body><article><p>" + GOOD.encode()
    result = load_file(write(tmp_path / "page.txt", page + b"</p></article></body></html>"), tmp_path)
    [article] = result.articles
    assert article.title == "Bridge reopens" and "<" not in article.text
    assert [(s.reason, s.warning) for s in result.skipped] == [
        ("an HTML page under a text file's name: read as a page", True)
    ]
    markdown = load_file(write(tmp_path / "note.md", "<div>Aside</div>\n\n" + GOOD), tmp_path)
    assert markdown.articles[0].text.startswith("<div>Aside</div>") and markdown.skipped == []


def test_a_page_with_no_markup_at_all_is_read_as_text(tmp_path):
    """A text file named "story.html" was skipped ("no article text found"), its article lost."""
    result = load_file(write(tmp_path / "story.html", "Transit plan approved\n\n" + GOOD), tmp_path)
    [article] = result.articles
    assert article.title == "Transit plan approved" and article.text.endswith(GOOD)
    assert [(s.reason, s.warning) for s in result.skipped] == [("no markup in this page: read as plain text", True)]


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html> is the first line of every page.\n\n" + GOOD,
        "<html> is the root element of a page.\n\n" + GOOD,
        "```html\n<html>\n<head></head>\n</html>\n```\n\n" + GOOD,
    ],
)
def test_text_that_names_a_page_s_first_tag_is_text(tmp_path, text):
    """A .txt or .md opening with "<!DOCTYPE html>" or "<html>" in its prose was read as a page:
    its first words went (the markup's), with a warning."""
    for name in ("guide.txt", "guide.md"):
        result = load_file(write(tmp_path / name, text), tmp_path)
        assert [a.text for a in result.articles] == [text.strip()] and result.skipped == []


def test_a_page_saved_with_a_comment_before_its_markup_named_as_text_is_the_page(tmp_path):
    """Internet Explorer's "<!-- saved from url=… -->" before <html>: the page was its markup."""
    page = b"<!-- saved from url=(0030)https://news.example/story -->\r\n<html><head><title>Bridge reopens</title>"
    page += b"</head><body><article><p>" + GOOD.encode() + b"</p></article></body></html>"
    [article] = load_file(write(tmp_path / "page.txt", page), tmp_path).articles
    assert article.title == "Bridge reopens" and "<" not in article.text


def test_a_hostile_page_named_as_text_loses_its_escapes_as_a_page_does(tmp_path):
    page = "<!DOCTYPE html>\n<html><head><title>[bold red]Evil\x1b[31m</title><script>alert(1)</script></head>"
    page += f"<body><article><p>\x1b]8;;http://x.example\x07{GOOD}\x1b]8;;\x07</p></article></body></html>"
    [article] = load_file(write(tmp_path / "page.txt", page), tmp_path).articles
    assert article.title == "[bold red]Evil" and article.text.startswith(GOOD.split("\n")[0])
    assert "\x1b" not in article.title + article.text and "alert" not in article.text


def _with_a_stray_byte(kind: str) -> bytes:
    """An article of `kind` in UTF-8 but for one Latin-1 ï ("naXve"), on its second line."""
    title, text = "Café naXve", "Un café à Zürich. " + GOOD
    if kind == "json":
        return json.dumps({"title": title, "text": text}, ensure_ascii=False, indent=1).encode().replace(b"X", b"\xef")
    if kind == "jsonl":
        line = json.dumps({"title": title, "text": text}, ensure_ascii=False).encode().replace(b"X", b"\xef")
        plain = json.dumps({"title": "Plain", "text": GOOD}).encode()
        return plain + b"\n" + line + b"\n"
    item = f"<item><title>{title}</title><description>{text}</description></item>"
    feed = f'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Planet</title>{item}</channel></rss>'
    return feed.encode().replace(b"X", b"\xef")


STRAY_WARNING = (
    "1 byte not valid UTF-8 (the first on line 2): read as cp1252, the rest as UTF-8;"
    " if a letter there reads wrong, save the file as UTF-8"
)


@pytest.mark.parametrize(
    "kind, suffix", [("jsonl", ".jsonl"), ("jsonl", ".jsonl.gz"), ("json", ".json"), ("feed", ".rss")]
)
def test_json_jsonl_and_feeds_utf8_but_for_a_stray_byte_say_so_as_plain_files_do(tmp_path, kind, suffix):
    # Read right (its stray byte as cp1252), but said for plain files and pages alone: the user of
    # a .json, a .jsonl whose every UTF-8 line has the byte, or a feed was not told why "ï" read so.
    import gzip

    data = _with_a_stray_byte(kind)
    path = tmp_path / f"planet{suffix}"
    write(path, gzip.compress(data) if suffix.endswith(".gz") else data)
    result = load_path(path) if kind == "json" else load_corpus([tmp_path])
    assert "Café naïve" in [a.title for a in result.articles]
    assert [(s.warning, s.reason) for s in result.skipped] == [(True, STRAY_WARNING)]


def test_a_text_of_invisible_characters_alone_is_skipped_as_such(tmp_path):
    # It was "no article text left after removing boilerplate": there was none to remove.
    write(tmp_path / "blank.txt", "\u200b\u200d\u2060\ufeff \u200e\n" * 40)
    write(tmp_path / "ok.txt", "Family \U0001f468\u200d\U0001f469\u200d\U0001f467 day\n\n" + GOOD)
    result = load_corpus([tmp_path])
    assert [a.title for a in result.articles] == ["Family \U0001f468\u200d\U0001f469\u200d\U0001f467 day"]
    assert reasons(result) == {
        "blank.txt": "no article text (only invisible characters: zero-width spaces, joiners and the like)"
    }
