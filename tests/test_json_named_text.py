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
    assert reason.startswith("no article text (expected a non-empty 'text'")


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
