"""JSON saved under a text file's name ("article.txt" holding one JSON article, a list of them, or
JSON Lines) is read as the JSON it is, told by its content and said in a warning; prose that opens
with a brace or a bracket stays text."""

from __future__ import annotations

import json

from conftest import write

from reader.corpus import load_file

BODY = "The council approved the new transit plan on Monday. Supporters said it would cut commuting times."


def _warnings(result) -> list[str]:
    return [s.reason for s in result.skipped if s.warning]


def test_one_json_article_in_a_text_file_is_read_as_json(tmp_path):
    record = {"title": "Transit plan approved", "text": BODY, "source": "AP", "date": "2020-01-02"}
    result = load_file(write(tmp_path / "plan.txt", json.dumps(record) + "\n"), tmp_path)
    [article] = result.articles
    assert (article.id, article.title, article.date) == ("plan", "Transit plan approved", "2020-01-02")
    assert article.text.startswith("The council") and "{" not in article.text
    assert _warnings(result) == ["JSON under a text file's name: read as JSON"]


def test_json_lines_in_a_text_file_are_read_a_line_an_article(tmp_path):
    lines = [json.dumps({"title": f"Story {n}", "text": f"{BODY} Number {n}."}) for n in (1, 2)]
    result = load_file(write(tmp_path / "notes.md", "\n".join(lines) + "\n"), tmp_path)
    assert [(a.id, a.title) for a in result.articles] == [("notes#1", "Story 1"), ("notes#2", "Story 2")]
    assert _warnings(result) == ["JSON Lines under a text file's name: read as JSON Lines"]


def test_a_json_object_that_is_no_article_says_why(tmp_path):
    result = load_file(write(tmp_path / "settings.txt", '{"name": "config", "version": 3}'), tmp_path)
    assert result.articles == []
    [reason] = [s.reason for s in result.skipped if not s.warning]
    assert reason == (
        "a JSON object (its keys 'name', 'version') with no article field (title, text, ...): "
        "a tool's data or settings, not read"
    )
    titled = load_file(write(tmp_path / "titled.txt", '{"title": "A title", "version": 3}'), tmp_path)
    [reason] = [s.reason for s in titled.skipped if not s.warning]
    assert reason.startswith("no article text (expected a non-empty 'text'")  # an article, its text missing


def test_prose_opening_with_a_brace_or_a_bracket_stays_text(tmp_path):
    texts = {
        "note.txt": "{Editor's note: this story was updated.}\n\n" + BODY,
        "update.txt": "[Updated] Transit plan approved\n\n" + BODY,
        "half.txt": '{"title": "Looks like JSON"}\nbut the next line is prose about the plan.\n\n' + BODY,
    }
    for name, text in texts.items():
        result = load_file(write(tmp_path / name, text), tmp_path)
        [article] = result.articles
        assert article.text.startswith(text[:10]), name
        assert _warnings(result) == [], name


def test_json_of_no_articles_named_on_purpose_says_what_it_holds(tmp_path):
    """`reader show numbers.json` printed "[1, 2, 3]" as an article's text."""
    numbers = load_file(write(tmp_path / "numbers.json", "[1, 2, 3]"), tmp_path)
    assert numbers.articles == []
    assert [s.reason for s in numbers.skipped] == [
        "a JSON list of no articles: its item 1 is a number, not an article (an object with a 'text' field)"
    ]
    empty = load_file(write(tmp_path / "empty.json", "[]"), tmp_path)
    assert [s.reason for s in empty.skipped] == ["an empty JSON list: no articles"]


def test_a_json_list_with_a_stray_item_keeps_its_articles(tmp_path):
    listed = json.dumps([{"title": "Plan", "text": BODY}, None])
    result = load_file(write(tmp_path / "two.json", listed), tmp_path)
    assert [a.id for a in result.articles] == ["two#1"]
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("two#2", "item 2: null, not an article (an object with a 'text' field)")
    ]


def test_a_json_feed_in_a_text_file_is_read_as_a_feed_its_escapes_stripped(tmp_path):
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Planet",
        "items": [{"id": "1", "title": "Bridge \x1b[31mreopens", "content_text": BODY}],
    }
    result = load_file(write(tmp_path / "feed.txt", json.dumps(feed)), tmp_path)
    [article] = result.articles
    assert article.title == "Bridge reopens" and article.text.startswith("The council")
    assert _warnings(result) == ["a JSON Feed under a text file's name: read as a JSON Feed"]


def test_show_says_the_entries_it_skipped_of_a_file_that_loaded(tmp_path, capsys, monkeypatch):
    """`reader show mixed.json` printed the list's article and dropped its null item unsaid."""
    import io
    import sys

    from conftest import run_main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    listed = json.dumps([{"title": "Plan", "text": BODY}, None, *[3] * 11])
    mixed = write(tmp_path / "mixed.json", listed)
    code, out, err = run_main(capsys, "--corpus", str(corpus), "show", str(mixed))
    assert code == 0 and "The council approved" in out
    lines = err.splitlines()
    assert lines[0] == f"reader: skipped {mixed}#2: item 2: null, not an article (an object with a 'text' field)"
    assert lines[1].startswith(f"reader: skipped {mixed}#3: item 3: a number, not an article")
    assert lines[10:] == [f"reader: and 2 more entries of {mixed} skipped"]
    # one entry asked for: the others' problems are not its own
    assert run_main(capsys, "--corpus", str(corpus), "show", f"{mixed}#1")[2] == ""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(listed.encode()), encoding="utf-8"))
    err = run_main(capsys, "--corpus", str(corpus), "show", "-")[2]
    assert err.splitlines()[0] == "reader: skipped -#2: item 2: null, not an article (an object with a 'text' field)"


# --- .json files in a corpus folder ----------------------------------------------------------
def test_a_json_file_in_a_corpus_folder_is_read_as_the_same_bytes_named_txt_are(tmp_path):
    """A .json file was passed over by the corpus (only `reader show x.json` read it) while the
    same bytes named .txt were read: it is read, an article or a list of them, with no warning."""
    from reader.corpus import load_corpus

    record = {"title": "Transit plan approved", "text": BODY, "source": "AP", "date": "2020-01-02"}
    write(tmp_path / "one.json", json.dumps(record, indent=2))
    write(tmp_path / "sub" / "many.JSON", json.dumps([record, {**record, "title": "Second"}]))
    result = load_corpus([tmp_path])
    assert [(a.id, a.title, a.outlet) for a in result.articles] == [
        ("one", "Transit plan approved", "Associated Press"),
        ("sub/many#1", "Transit plan approved", "Associated Press"),
        ("sub/many#2", "Second", "Associated Press"),
    ]
    assert result.skipped == []


def test_a_tool_s_json_in_a_corpus_folder_is_skipped_as_such(tmp_path):
    """package.json, tsconfig.json, a list of settings: no article field anywhere, said so (not
    "no article text", which reads as an article broken)."""
    from reader.corpus import load_corpus

    write(tmp_path / "a.md", f"# Plan\n\n{BODY}\n")
    write(tmp_path / "package.json", '{"name": "site", "dependencies": {"x": "1"}}')
    write(tmp_path / "tsconfig.json", '{"compilerOptions": {"strict": true}}')
    write(tmp_path / "rules.json", '[{"id": 1, "rule": "x"}, {"id": 2}]')
    write(tmp_path / "blank.json", "{}")
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["a"]
    tail = "with no article field (title, text, ...): a tool's data or settings, not read"
    assert {s.path: s.reason for s in result.skipped} == {
        "blank.json": f"a JSON object {tail}",
        "package.json": f"a JSON object (its keys 'name', 'dependencies') {tail}",
        "rules.json": f"a JSON list of objects (its keys 'id', 'rule') {tail}",
        "tsconfig.json": f"a JSON object (its keys 'compilerOptions') {tail}",
    }


def test_hostile_json_files_are_skipped_each_with_a_clear_reason(tmp_path, monkeypatch):
    from reader.corpus import load_corpus
    from reader.corpus import loader

    monkeypatch.setattr(loader, "MAX_COLLECTION_BYTES", 300_000)
    write(tmp_path / "huge.json", json.dumps([{"title": "T", "text": BODY}] * 3000))
    write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    write(tmp_path / "invalid.json", '{"title": "T",\n "text": "abc"')
    write(tmp_path / "escaped.json", '{"\\u001b[31mkey": 1}')
    (tmp_path / "binary.json").write_bytes(b"\x00\x01\x02" * 100)
    write(tmp_path / "null.json", "null")
    write(tmp_path / "text.json", '"just a string"')
    result = load_corpus([tmp_path])
    assert result.articles == []
    reasons = {s.path: s.reason for s in result.skipped}
    assert reasons["huge.json"].startswith("file too large (")
    assert reasons["deep.json"] == "not valid JSON: nested too deeply"
    assert reasons["invalid.json"] == "not valid JSON (Expecting ',' delimiter at line 2, column 15)"
    assert reasons["escaped.json"].startswith("a JSON object (its keys '\\x1b[31mkey')")
    assert "\x1b" not in reasons["escaped.json"]
    assert reasons["binary.json"].startswith("binary file")
    # valid JSON of one value: no article, not "not valid JSON"
    assert reasons["null.json"] == "JSON null, not an article (an object with a 'text' field)"
    assert reasons["text.json"] == "JSON text, not an article (an object with a 'text' field)"


def test_a_compressed_json_file_is_read_as_json_without_a_warning(tmp_path):
    import gzip

    from reader.corpus import load_corpus

    (tmp_path / "story.json.gz").write_bytes(gzip.compress(json.dumps({"title": "Zipped", "text": BODY}).encode()))
    result = load_corpus([tmp_path])
    assert [(a.id, a.title) for a in result.articles] == [("story", "Zipped")]
    assert result.skipped == []


def test_a_reader_index_folder_in_the_corpus_is_not_read(tmp_path):
    """Its .json files are the index's own (a --corpus of one's home holds the cache on macOS)."""
    from reader.corpus import load_corpus
    from reader.corpus.discover import INDEX_MARKER_NAME

    write(tmp_path / "a.md", f"# Plan\n\n{BODY}\n")
    write(tmp_path / "cache" / INDEX_MARKER_NAME, '{"format": 1}')
    write(tmp_path / "cache" / "roots.json", '{"title": "Roots", "text": "' + BODY + '"}')
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["a"] and result.skipped == []


def test_a_json_feed_named_json_in_a_corpus_folder_is_read_as_a_feed(tmp_path):
    """feed.json is a JSON Feed's usual name: read as the .json article it is not, it was skipped
    as an article with no text (its "title" the feed's)."""
    from reader.corpus import load_corpus

    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Harbor Ledger",
        "items": [{"id": "1", "title": "Plan", "content_text": BODY, "url": "https://ledger.example/plan"}],
    }
    write(tmp_path / "feed.json", json.dumps(feed))
    result = load_corpus([tmp_path])
    assert [(a.id, a.title, a.outlet) for a in result.articles] == [("feed#1", "Plan", "Harbor Ledger")]
    assert result.skipped == []


def test_a_settings_object_in_a_list_of_articles_is_said_as_no_article(tmp_path):
    """A list mixing articles and a settings object said "no article text" of the settings, as
    of an article broken; it names the object's keys, as a tool's whole JSON file is named."""
    from reader.corpus import load_corpus

    record = {"title": "Library opens", "text": BODY}
    write(
        tmp_path / "mixed.json", json.dumps([record, {"name": "my-app", "version": "1.0"}, {"title": "Only a title"}])
    )
    result = load_corpus([tmp_path])
    assert [a.id for a in result.articles] == ["mixed#1"]
    reasons = {s.path: s.reason for s in result.skipped}
    assert reasons["mixed#2"] == (
        "item 2: an object (its keys 'name', 'version') with no article field (title, text, ...), not an article"
    )
    assert reasons["mixed#3"].startswith("item 3: no article text")  # an article, its text missing


def test_json_lines_named_json_are_read_a_line_an_article(tmp_path):
    """Many tools write JSON Lines as "x.json": read as one JSON value it was "not valid JSON
    (Extra data: line 2)"; two objects a line each are JSON Lines, one object on one line one article."""
    lines = [json.dumps({"title": f"Story {n}", "text": f"{BODY} Number {n}."}) for n in (1, 2)]
    result = load_file(write(tmp_path / "dump.json", "\n".join(lines) + "\n"), tmp_path)
    assert [(a.id, a.title) for a in result.articles] == [("dump#1", "Story 1"), ("dump#2", "Story 2")]
    assert result.skipped == []
    one = load_file(write(tmp_path / "one.json", lines[0] + "\n"), tmp_path)
    assert [(a.id, a.title) for a in one.articles] == [("one", "Story 1")]
