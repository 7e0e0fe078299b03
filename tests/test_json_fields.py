"""The JSON fields the commands share (docs/design.md): `story` and `path` wherever an article is
printed (list, show, search), and one form for the path of a file the index skipped, whatever folder a command runs in."""

from __future__ import annotations

import json

from reader.cli import main

GOOD = "The council approved the new budget on Tuesday after a long debate about the schools."


def _corpus(tmp_path):
    corpus = tmp_path / "work" / "news"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.md").write_text(f"---\ntitle: Budget approved\noutlet: BBC\n---\n\n{GOOD}\n", encoding="utf-8")
    (corpus / "a.txt").write_text(GOOD + "\n", encoding="utf-8")  # the same id as a.md
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "sub" / "bad.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    lines = [json.dumps({"title": "Wire", "text": GOOD}), "not json", json.dumps({"title": "no text"})]
    (corpus / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


def _json(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr().out
    assert code == 0
    return json.loads(out)


def test_skipped_paths_are_absolute_file_paths_with_n_for_an_entry(tmp_path, monkeypatch, capsys):
    corpus = _corpus(tmp_path)
    monkeypatch.chdir(tmp_path / "work")  # the corpus given relative to where the command runs
    report = _json(capsys, "--corpus", "news", "index", "--no-prepare", "--json")
    expected = sorted(
        [
            str(corpus / "a.txt"),  # the same id as a.md: its file, not the id or a relative path
            str(corpus / "empty.txt"),
            str(corpus / "sub" / "bad.md"),
            f"{corpus / 'wire.jsonl'}#2",  # one entry of a JSON Lines file: its file and #n
            f"{corpus / 'wire.jsonl'}#3",
        ]
    )
    assert sorted(item["path"] for item in report["skipped"]) == expected
    # The same from another folder, by the no-op check and by a full update.
    monkeypatch.chdir(tmp_path)
    again = _json(capsys, "--corpus", str(corpus), "index", "--no-prepare", "--json")
    assert sorted(item["path"] for item in again["skipped"]) == expected
    (corpus / "b.md").write_text(GOOD + " More.\n", encoding="utf-8")
    changed = _json(capsys, "--corpus", str(corpus), "index", "--no-prepare", "--json")
    assert changed["indexed"] == 1 and sorted(item["path"] for item in changed["skipped"]) == expected
    main(["--corpus", str(corpus), "list"])
    err = capsys.readouterr().err
    assert f"skipped {corpus / 'wire.jsonl'}#2: line 2" in err


def test_list_gives_each_articles_path_and_show_its_story(tmp_path, monkeypatch, capsys):
    corpus = _corpus(tmp_path)
    monkeypatch.chdir(tmp_path / "work")
    _json(capsys, "--corpus", "news", "index", "--no-prepare", "--json")
    monkeypatch.chdir(tmp_path)  # paths name the files from any folder
    listed = {a["id"]: a for a in _json(capsys, "--corpus", str(corpus), "list", "--json")}
    assert listed["a"]["path"] == str(corpus / "a.md")
    assert listed["wire#1"]["path"] == str(corpus / "wire.jsonl")
    stories = {s["id"] for s in _json(capsys, "--corpus", str(corpus), "stories", "--json")}
    shown = _json(capsys, "--corpus", str(corpus), "show", "a", str(corpus / "wire.jsonl"), "--json")
    assert [(a["id"], a["story"], a["path"]) for a in shown] == [
        ("a", listed["a"]["story"], str(corpus / "a.md")),
        ("wire#1", listed["wire#1"]["story"], str(corpus / "wire.jsonl")),
    ]
    assert listed["a"]["story"] in stories
    found = {h["id"]: h for h in _json(capsys, "--corpus", str(corpus), "search", "budget", "--json")}
    assert {k: h["path"] for k, h in found.items()} == {k: listed[k]["path"] for k in found} and "a" in found
    outside = tmp_path / "loose.md"
    outside.write_text(GOOD + "\n", encoding="utf-8")
    [loose] = _json(capsys, "--corpus", str(corpus), "show", str(outside), "--json")
    assert loose["story"] is None and loose["path"] == str(outside)  # not indexed: no story


def _article(title: str, said: str) -> str:
    return (
        f"---\ntitle: {title}\noutlet: BBC\ndate: 2024-03-05\n---\n\n{GOOD} "
        f'"{said}," the mayor said. The vote was close and the council will meet again next month.\n'
    )


def test_a_path_is_the_file_as_it_is_now_and_an_id_the_indexed_article(tmp_path, capsys):
    corpus = tmp_path / "news"
    corpus.mkdir()
    path = corpus / "a.md"
    path.write_text(_article("Old title", "We did it"), encoding="utf-8")
    (corpus / "b.md").write_text(_article("Other outlet", "We did it"), encoding="utf-8")
    _json(capsys, "--corpus", str(corpus), "index", "--no-prepare", "--json")
    # Unchanged since indexed: the indexed article, under its id.
    [same] = _json(capsys, "--corpus", str(corpus), "show", str(path), "--json")
    assert (same["id"], same["title"], same["path"]) == ("a", "Old title", str(path))
    path.write_text(_article("New title", "It is a fine day"), encoding="utf-8")
    [by_path] = _json(capsys, "--corpus", str(corpus), "show", str(path), "--json")
    assert (by_path["id"], by_path["title"]) == ("a", "New title")
    assert "It is a fine day" in by_path["text"]
    [by_id] = _json(capsys, "--corpus", str(corpus), "show", "a", "--json")
    assert by_id["title"] == "Old title"  # the index, until `reader index`
    [quoted] = _json(capsys, "--corpus", str(corpus), "quotes", str(path), "--json")
    [quote] = quoted["quotes"]
    assert "fine day" in quote["text"] and "We did it" not in by_path["text"]
    assert by_path["text"][quote["start"] : quote["end"]] == quote["text"]  # offsets into the new text
    compared = _json(capsys, "--corpus", str(corpus), "compare", str(path), str(corpus / "b.md"), "--json")
    assert compared["left"]["title"] == "New title"
    assert any("fine day" in s["text"] for s in compared["left"]["sentences"])


def test_a_story_id_that_names_no_story_is_said_and_its_start_is_enough(tmp_path, capsys):
    corpus = tmp_path / "news"
    corpus.mkdir()
    for name, outlet in (("a", "BBC"), ("b", "CNN"), ("c", "AP")):
        (corpus / f"{name}.md").write_text(
            _article(f"Budget approved ({outlet})", "We did it").replace("BBC", outlet), encoding="utf-8"
        )
    _json(capsys, "--corpus", str(corpus), "index", "--no-prepare", "--json")
    [story] = [s for s in _json(capsys, "--corpus", str(corpus), "stories", "--json") if len(s["articles"]) == 3]
    hits = _json(capsys, "--corpus", str(corpus), "search", "budget", "--story", story["id"][:5], "--json")
    assert sorted(h["id"] for h in hits) == ["a", "b", "c"]  # the start of the id, as for articles
    (corpus / "c.md").unlink()  # a later article leaves: the story keeps its id
    _json(capsys, "--corpus", str(corpus), "index", "--no-prepare", "--json")
    hits = _json(capsys, "--corpus", str(corpus), "search", "budget", "--story", story["id"], "--json")
    assert sorted(h["id"] for h in hits) == ["a", "b"]
    (corpus / "a.md").unlink()  # its first article (undated: by id) leaves, and the id goes with it
    _json(capsys, "--corpus", str(corpus), "index", "--no-prepare", "--json")
    assert main(["--corpus", str(corpus), "search", "budget", "--story", story["id"], "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"no story with id {story['id']!r}" in captured.err
    assert f"`reader --corpus {corpus} stories` lists them" in captured.err  # the stories of this corpus
    assert main(["--corpus", str(corpus), "search", f"story:{story['id']}", "--json"]) == 1
    assert f"no story with id {story['id']!r}" in capsys.readouterr().err
    assert main(["--corpus", str(corpus), "search", "budget", "--story", "", "--json"]) == 2  # an empty variable
    assert "--story needs a story id" in capsys.readouterr().err


def test_a_story_id_in_capitals_or_a_character_off_names_the_story_meant(tmp_path, capsys):
    """A story id typed in capitals (or the start of one), or with a digit off, said only "no
    story with id": the one id meant is named, as for an article id; a short start names none."""
    corpus = tmp_path / "news"
    corpus.mkdir()
    for name, outlet in (("a", "BBC"), ("b", "CNN"), ("c", "AP")):
        (corpus / f"{name}.md").write_text(
            _article(f"Budget approved ({outlet})", "We did it").replace("BBC", outlet), encoding="utf-8"
        )
    _json(capsys, "--corpus", str(corpus), "index", "--no-prepare", "--json")
    [story] = [s for s in _json(capsys, "--corpus", str(corpus), "stories", "--json") if len(s["articles"]) == 3]
    sid = story["id"]
    off = sid[:-1] + ("0" if sid[-1] != "0" else "1")
    for typed in (sid.upper(), sid[:8].upper(), off, sid[:4] + sid[5] + sid[4] + sid[6:]):
        assert main(["--corpus", str(corpus), "search", "budget", "--story", typed, "--json"]) == 2, typed
        assert capsys.readouterr().err == f"reader: no story with id {typed!r}; did you mean {sid!r}?\n", typed
    assert main(["--corpus", str(corpus), "search", f"story:{off}", "--json"]) == 1
    assert f"no story with id {off!r}; did you mean {sid!r}?" in capsys.readouterr().err
    assert main(["--corpus", str(corpus), "search", "budget", "--story", sid[:3].upper(), "--json"]) == 2
    assert "did you mean" not in capsys.readouterr().err  # too short a start to name one


def test_a_warning_names_its_file_as_a_skipped_file_is_named(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "odd.md").write_text(f"---\ntitle: Odd\ndate: 2024-02-30\n---\n\n{GOOD}\n", encoding="utf-8")
    wire = [json.dumps({"title": "Wire", "text": GOOD, "date": "soon"})]
    (corpus / "wire.jsonl").write_text("\n".join(wire) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = _json(capsys, "--corpus", "news", "index", "--no-prepare", "--json")
    warned = {item["path"]: item["reason"] for item in report["skipped"] if item.get("warning")}
    assert warned == {
        str(corpus / "odd.md"): "the date '2024-02-30' is not a full, valid date; it is ignored",
        f"{corpus / 'wire.jsonl'}#1": "the date 'soon' is not a full, valid date; it is ignored",
    }
    assert main(["--corpus", "news", "index", "--no-prepare", "--rebuild"]) == 0
    captured = capsys.readouterr()  # a diagnostic: on stderr, as `list` prints it
    assert f"reader: warning: {corpus / 'odd.md'}: the date '2024-02-30'" in captured.err  # not the bare "odd.md"
    assert "warning" not in captured.out
    main(["--corpus", "news", "list"])
    assert f"reader: warning: {corpus / 'wire.jsonl'}#1: the date 'soon'" in capsys.readouterr().err


def test_reading_commands_rebuild_an_index_another_version_of_reader_wrote(tmp_path, monkeypatch, capsys):
    """After an upgrade that changes the index's format, `list` listed nothing ("no articles in
    ..."): it took the old index for an up-to-date one and read none of it."""
    from reader.index import layout, state, store

    corpus = tmp_path / "news"
    corpus.mkdir()
    for name in ("a", "b"):
        (corpus / f"{name}.md").write_text(f"---\ntitle: {name.upper()}\n---\n\n{GOOD}\n", encoding="utf-8")
    index = tmp_path / "index"
    with monkeypatch.context() as older:  # the index as the previous version of reader wrote it
        for module in (layout, store, state):
            older.setattr(module, "SCHEMA_VERSION", layout.SCHEMA_VERSION - 1)
        older.setattr(store, "VERSION_FIELD", "schema_older")
        _json(capsys, "--corpus", str(corpus), "--index", str(index), "index", "--no-prepare", "--json")
    assert main(["--corpus", str(corpus), "--index", str(index), "list", "--json"]) == 0
    captured = capsys.readouterr()
    assert sorted(a["id"] for a in json.loads(captured.out)) == ["a", "b"]
    assert "older version" in captured.err  # rebuilt, and said so


def test_every_command_names_an_article_with_the_same_keys_and_values(tmp_path, capsys):
    """`compare --json`'s sides lacked the `story` and `path` that `list`, `show` and `search`
    give an article, so a script could not go from a comparison to the file or the story."""
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.md").write_text(_article("Budget approved", "We did it"), encoding="utf-8")
    (corpus / "b.txt").write_text(GOOD + ' "We did it," the mayor said.\n', encoding="utf-8")  # no metadata
    _json(capsys, "--corpus", str(corpus), "index", "--no-prepare", "--json")
    listed = {a["id"]: a for a in _json(capsys, "--corpus", str(corpus), "list", "--json")}
    keys = ("id", "outlet", "title", "date", "url", "story", "path", "author", "time", "fetched")
    shown = {a["id"]: a for a in _json(capsys, "--corpus", str(corpus), "show", "a", "b", "--json")}
    found = {h["id"]: h for h in _json(capsys, "--corpus", str(corpus), "search", "budget", "--json")}
    compared = _json(capsys, "--corpus", str(corpus), "compare", "a", "b", "--json")
    sides = {compared[side]["id"]: compared[side] for side in ("left", "right")}
    for named in (shown, found, sides):
        assert set(named) == {"a", "b"}
        for ident, article in named.items():
            assert {key: article[key] for key in keys} == {key: listed[ident][key] for key in keys}
            # In list's order too: search gave "score" between "date" and "story", "url" after it.
            assert tuple(article)[: len(keys)] == keys == tuple(listed[ident])[: len(keys)]
    # What was worked out rather than given: b.txt states nothing, a.md all but its url.
    assert shown["a"]["inferred"] == [] and sides["a"]["inferred"] == []
    assert set(shown["b"]["inferred"]) >= {"title"} and shown["b"]["date"] is None
    assert sides["b"]["inferred"] == shown["b"]["inferred"]


def test_show_says_which_outlet_and_date_were_inferred(tmp_path, capsys):
    """A wire credit or a date line of a plain text file was shown as if the file stated them."""
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "wire.txt").write_text(f"date 2016-03-02\nWASHINGTON (AP) — {GOOD}\n", encoding="utf-8")
    (corpus / "a.md").write_text(_article("Budget approved", "We did it"), encoding="utf-8")
    assert main(["--corpus", str(corpus), "show", "wire", "a"]) == 0
    out = capsys.readouterr().out
    assert "\nAssociated Press (inferred) · 2016-03-02 (inferred) · title from its first sentence (inferred)\n" in out
    assert "\nBBC News · 2024-03-05\n" in out  # given in its front matter (the registry's name)
    [shown] = _json(capsys, "--corpus", str(corpus), "show", "wire", "--json")
    assert {"outlet", "date"} <= set(shown["inferred"])


def test_show_says_where_each_title_came_from_from_a_file_and_from_the_index(tmp_path, capsys):
    """A title taken from a headline-like first line and one cut from the first sentence were
    both only `inferred: title`: `title_source` says which, the same read from the index as
    from the file, and `reader show` says it in words."""
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "given.md").write_text(_article("Budget approved", "We did it"), encoding="utf-8")
    (corpus / "headline.txt").write_text(f"Council Approves the Budget\n\n{GOOD}\n", encoding="utf-8")
    (corpus / "sentence.txt").write_text(f"{GOOD}\n", encoding="utf-8")
    _json(capsys, "--corpus", str(corpus), "index", "--no-prepare", "--json")
    expected = {"given": "given", "headline": "headline", "sentence": "first_sentence"}
    listed = _json(capsys, "--corpus", str(corpus), "show", *expected, "--json")
    assert {a["id"]: a["title_source"] for a in listed} == expected
    paths = [str(corpus / name) for name in ("given.md", "headline.txt", "sentence.txt")]
    from_files = _json(capsys, "--corpus", str(corpus), "show", *paths, "--json")
    assert [a["title_source"] for a in from_files] == list(expected.values())
    assert main(["--corpus", str(corpus), "show", "headline", "sentence", "given"]) == 0
    out = capsys.readouterr().out
    assert "title from its first line (inferred)" in out and "title from its first sentence (inferred)" in out
    assert out.count("title from") == 2  # a given title is not said to be inferred


def test_stories_give_each_story_its_outlets_and_dates_as_coverage_does(tmp_path, capsys):
    """A script needs no second command (`coverage`) for who told a story and when: the same keys."""
    corpus = tmp_path / "news"
    corpus.mkdir()
    for name, outlet, date in [
        ("a", "Zeta Post", "2024-03-06"),
        ("b", "Alpha Herald", "2024-03-05"),
        ("c", None, "2024-03-09"),
    ]:
        meta = f"outlet: {outlet}\n" if outlet else ""
        (corpus / f"{name}.md").write_text(
            f"---\ntitle: Budget {name}\n{meta}date: {date}\n---\n\n{GOOD}\n", encoding="utf-8"
        )
    stories = _json(capsys, "--corpus", str(corpus), "stories", "--json")
    [told] = [s for s in stories if len(s["articles"]) == 3]
    assert (told["outlets"], told["date"], told["last_date"]) == (
        ["Alpha Herald", "Zeta Post"],
        "2024-03-05",
        "2024-03-09",
    )
    covered = {row["story"]: row for row in _json(capsys, "--corpus", str(corpus), "coverage", "--json")}
    for s in stories:
        row = covered[s["id"]]
        assert (s["outlets"], s["date"], s["last_date"]) == (row["outlets"], row["date"], row["last_date"])


def test_stories_list_the_newest_first_as_coverage_does(tmp_path, capsys):
    """`reader stories` listed the oldest story first while `reader coverage` (and the app's
    coverage view) list the newest first: one order, newest first, undated last."""
    corpus = tmp_path / "news"
    corpus.mkdir()
    texts = {
        "old": "The harbour authority opened a new ferry terminal for the island routes this spring.",
        "new": "Astronomers measured the brightness of a distant comet passing close to the sun.",
        "mid": "The orchestra announced a winter season of rarely played symphonies and concertos.",
        "undated": "Farmers in the valley reported an early harvest of apples after a warm summer.",
    }
    dates = {"old": "2010-02-20", "new": "2024-03-05", "mid": "2015-07-31", "undated": None}
    for name, text in texts.items():
        date = f"date: {dates[name]}\n" if dates[name] else ""
        (corpus / f"{name}.md").write_text(
            f"---\ntitle: {name.title()} news\noutlet: BBC\n{date}---\n\n{text}\n", encoding="utf-8"
        )
    stories = _json(capsys, "--corpus", str(corpus), "stories", "--json")
    assert [s["articles"] for s in stories] == [["new"], ["mid"], ["old"], ["undated"]]
    coverage = _json(capsys, "--corpus", str(corpus), "coverage", "--json")
    assert [row["story"] for row in coverage] == [s["id"] for s in stories]
    assert main(["--corpus", str(corpus), "stories"]) == 0
    out = capsys.readouterr().out
    assert out.index("New news") < out.index("Mid news") < out.index("Old news") < out.index("Undated news")


def test_quotes_names_each_article_as_show_does(tmp_path, capsys):
    # `quotes --json` gave {"id", "quotes"} alone: the outlet and title its plain output heads each
    # article with, and the story and date, had to be looked up with `show --json`.
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.md").write_text(_article("Budget day", "We did it"), encoding="utf-8")
    loose = tmp_path / "loose.md"
    loose.write_text(_article("Café vote", "It is a fine day"), encoding="utf-8")
    shown = _json(capsys, "--corpus", str(corpus), "show", "a", str(loose), "--json")
    quoted = _json(capsys, "--corpus", str(corpus), "quotes", "a", str(loose), "--json")
    for article, with_quotes in zip(shown, quoted, strict=True):
        assert {key: value for key, value in with_quotes.items() if key != "quotes"} == {
            key: value for key, value in article.items() if key not in ("text", "previous_missing")
        }
        assert list(with_quotes)[0] == "id" and with_quotes["quotes"]
    assert quoted[1]["title"] == "Café vote" and quoted[1]["story"] is None


def test_a_corpus_file_named_by_a_relative_path_has_its_absolute_path_edited_or_not(tmp_path, capsys, monkeypatch):
    """README: `path` is the file's absolute path (as given only for a file outside the corpus).
    A corpus file edited since the update and named by a relative path gave "news/a.md", and
    the absolute path once `reader index` had run again: one file, two forms of its path."""
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.md").write_text(_article("Old title", "We did it"), encoding="utf-8")
    outside = tmp_path / "elsewhere.md"
    outside.write_text(_article("Elsewhere", "We did it"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _json(capsys, "--corpus", "news", "index", "--no-prepare", "--json")
    [indexed] = _json(capsys, "--corpus", "news", "show", "news/a.md", "--json")
    (corpus / "a.md").write_text(_article("New title", "It is a fine day"), encoding="utf-8")
    for command in ("show", "quotes"):
        [edited] = _json(capsys, "--corpus", "news", command, "news/./a.md", "--json")
        assert (
            (edited["title"], edited["path"]) == ("New title", indexed["path"]) == ("New title", str(corpus / "a.md"))
        )
    [elsewhere] = _json(capsys, "--corpus", "news", "show", "elsewhere.md", "--json")
    assert elsewhere["path"] == "elsewhere.md"  # outside the corpus: as given


def test_a_corpus_file_edited_and_named_through_a_link_has_its_indexed_path(tmp_path, capsys):
    """An edited corpus file named through a link to its folder (or the corpus given as a link and
    the file by its real path) had the path as typed, made absolute: "/tmp/link/a.md" where `list`
    and the same file unedited say "/tmp/news/a.md". Its path is the indexed one, edited or not."""
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.md").write_text(_article("Old title", "We did it"), encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(corpus, target_is_directory=True)
    for given, typed in ((corpus, link / "a.md"), (link, corpus / "a.md")):
        base = ("--corpus", str(given), "--index", str(tmp_path / f"ix-{given.name}"))
        (corpus / "a.md").write_text(_article("Old title", "We did it"), encoding="utf-8")
        [listed] = _json(capsys, *base, "list", "--json")
        assert listed["path"] == str(given / "a.md")
        (corpus / "a.md").write_text(_article("New title", "It is a fine day"), encoding="utf-8")
        [edited] = _json(capsys, *base, "show", str(typed), "--json")
        assert (edited["title"], edited["path"]) == ("New title", listed["path"])


def test_an_index_reader_53_wrote_reads_a_page_dated_by_its_edit_anew(tmp_path, monkeypatch, capsys):
    """A page stating only its last edit is dated by the edit marked inferred since schema 54; an
    index made before kept the edit's date unmarked, as if the page were published that day."""
    from test_html import PARAGRAPHS, page

    from reader.corpus import html
    from reader.index import layout, state, store

    corpus = tmp_path / "news"
    corpus.mkdir()
    edited = page(body=PARAGRAPHS).replace("article:published_time", "article:modified_time")
    (corpus / "bridge.html").write_text(
        edited.replace("2024-03-05T10:00:00Z", "2024-03-09T08:00:00Z"), encoding="utf-8"
    )
    index = tmp_path / "index"
    with monkeypatch.context() as older:  # reader 53 took the edit for the publication
        for module in (layout, store, state):
            older.setattr(module, "SCHEMA_VERSION", 53)
        older.setattr(store, "VERSION_FIELD", "schema_v53")
        older.setattr(html, "_dated_by_its_edit", lambda *_: False)
        _json(capsys, "--corpus", str(corpus), "--index", str(index), "index", "--no-prepare", "--json")
    [shown] = _json(capsys, "--corpus", str(corpus), "--index", str(index), "show", "bridge", "--json")
    assert (shown["date"], shown["inferred"]) == ("2024-03-09", ["date"])
