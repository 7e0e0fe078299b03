"""An article's author where users and scripts read it: `show` (its line and --json), the
comparison's sides, and `author:` in a search query."""

from __future__ import annotations

import json

from conftest import write
from reader.cli import main

BODY = "The council approved the new budget on Tuesday after a long debate about the schools.\n"


def _corpus(tmp_path):
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "given.md").write_text(
        f"---\ntitle: Budget approved\noutlet: BBC\nauthor: Ann Lee\n---\n\n{BODY}", encoding="utf-8"
    )
    (corpus / "byline.md").write_text(
        f"---\ntitle: Vote held\noutlet: CNN\n---\n\nBy Jane Roe, Associated Press\n\n{BODY}", encoding="utf-8"
    )
    (corpus / "nobody.md").write_text(f"---\ntitle: Schools\noutlet: NPR\n---\n\n{BODY}", encoding="utf-8")
    return corpus


def _run(capsys, corpus, *argv):
    code = main(["--corpus", str(corpus), *argv])
    return code, capsys.readouterr().out


def test_show_json_gives_the_author_null_when_unknown_and_says_when_it_was_inferred(tmp_path, capsys, isolated_dirs):
    corpus = _corpus(tmp_path)
    _, out = _run(capsys, corpus, "show", "given", "byline", "nobody", "--json")
    shown = {a["id"]: a for a in json.loads(out)}
    assert shown["given"]["author"] == "Ann Lee" and "author" not in shown["given"]["inferred"]
    assert shown["byline"]["author"] == "Jane Roe" and "author" in shown["byline"]["inferred"]
    assert "author" in shown["nobody"] and shown["nobody"]["author"] is None


def test_show_names_the_author_on_its_line_and_an_inferred_one_as_inferred(tmp_path, capsys, isolated_dirs):
    corpus = _corpus(tmp_path)
    _, out = _run(capsys, corpus, "show", "given")
    assert out.splitlines()[1].endswith(" · by Ann Lee") and "(inferred)" not in out.splitlines()[1]
    _, out = _run(capsys, corpus, "show", "byline")
    assert "by Jane Roe (inferred)" in out.splitlines()[1]


def test_compare_names_each_side_s_author(tmp_path, capsys, isolated_dirs):
    corpus = _corpus(tmp_path)
    _run(capsys, corpus, "index", "--no-prepare", "--json")
    _, out = _run(capsys, corpus, "compare", "given", "byline", "--json")
    compared = json.loads(out)
    assert (compared["left"]["author"], compared["right"]["author"]) == ("Ann Lee", "Jane Roe")


def test_author_is_a_search_field_of_given_and_byline_authors(tmp_path, capsys, isolated_dirs):
    corpus = _corpus(tmp_path)
    for query, found in (("author:lee", {"given"}), ("author:roe", {"byline"}), ('author:"jane roe"', {"byline"})):
        code, out = _run(capsys, corpus, "search", query, "--json")
        assert code == 0 and {h["id"] for h in json.loads(out)} == found, query
    # a bare word does not search authors (a byline is in the text: its own body match)
    code, out = _run(capsys, corpus, "search", "lee", "--json")
    assert code == 1 and json.loads(out) == []


def test_list_and_search_give_the_author_from_the_index(tmp_path, capsys, isolated_dirs):
    corpus = _corpus(tmp_path)
    _, out = _run(capsys, corpus, "list", "--json")
    assert {a["id"]: a["author"] for a in json.loads(out)} == {"given": "Ann Lee", "byline": "Jane Roe", "nobody": None}
    _, out = _run(capsys, corpus, "search", "budget", "--json")
    assert {h["id"]: h["author"] for h in json.loads(out)} == {"given": "Ann Lee", "byline": "Jane Roe", "nobody": None}


def test_a_state_database_an_older_reader_wrote_gets_the_author_column(tmp_path, capsys, isolated_dirs):
    """A state database an older reader wrote (layout 2, index schema 28) has no author column:
    the next update (a rebuild, the schema being older) adds the column and fills it."""
    import sqlite3

    from reader.index import CorpusIndex, statedb

    corpus = _corpus(tmp_path)
    index = CorpusIndex([corpus], tmp_path / "ix")
    index.update()
    index.close()
    with sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME) as con:
        con.execute("ALTER TABLE articles DROP COLUMN author")
        con.execute("UPDATE meta SET value = '28' WHERE key = 'schema'")
        con.execute("UPDATE meta SET value = '2' WHERE key = 'layout'")
    con.close()
    index = CorpusIndex([corpus], tmp_path / "ix")
    (corpus / "later.md").write_text(f"---\ntitle: Later\nauthor: Bo Chen\n---\n\n{BODY}", encoding="utf-8")
    index.update()
    rows = statedb.StateDB(tmp_path / "ix").articles()
    assert rows is not None and rows["later"]["author"] == "Bo Chen" and rows["given"]["author"] == "Ann Lee"
    index.close()


def test_a_plain_file_s_byline_credit_is_read_by_the_registry_alone(tmp_path, capsys, isolated_dirs):
    """A file without metadata, "By Jane Roe, Mother Jones": nothing in the file tells an outlet
    the registry does not know from a second writer ("By Jane Roe, John Doe"; Mother Jones was a
    person's name too), so both names are the authors. Other files naming Mother Jones in their
    metadata do not change that: a file is read by itself and the registry (its reading may not
    depend on which other files are in the corpus, or on the order they were indexed in). The
    user's outlets.yaml naming the outlet is what makes it the outlet."""
    corpus = tmp_path / "news"
    write(corpus / "plain.txt", f"Vote held\n\nBy Jane Roe, Mother Jones\n\n{BODY}")
    write(corpus / "given.md", f"---\ntitle: Vote held\noutlet: Mother Jones\n---\n\n{BODY}")
    _, out = _run(capsys, corpus, "show", "plain", "--json")
    (shown,) = json.loads(out)
    assert (shown["outlet"], shown["author"]) == (None, "Jane Roe, Mother Jones")
    (isolated_dirs["config"] / "outlets.yaml").write_text("outlets:\n  - name: Mother Jones\n", encoding="utf-8")
    _, out = _run(capsys, corpus, "show", "plain", "--update", "--json")
    (shown,) = json.loads(out)
    assert (shown["outlet"], shown["author"]) == ("Mother Jones", "Jane Roe")


def test_a_byline_crediting_the_article_s_own_outlet_gives_the_writer_alone(tmp_path, capsys, isolated_dirs):
    """An outlet the registry does not know, after a comma in the byline: the file's front matter
    names it, so it is no second author; another file's "Jane Roe, John Doe" are two people."""
    corpus = tmp_path / "news"
    write(corpus / "own.md", f"---\ntitle: Vote held\noutlet: Mother Jones\n---\n\nBy Jane Roe, Mother Jones\n\n{BODY}")
    write(corpus / "two.md", f"---\ntitle: Vote held\noutlet: Mother Jones\n---\n\nBy Jane Roe, John Doe\n\n{BODY}")
    _, out = _run(capsys, corpus, "show", "own", "two", "--json")
    shown = {a["id"]: a for a in json.loads(out)}
    assert (shown["own"]["outlet"], shown["own"]["author"]) == ("Mother Jones", "Jane Roe")
    assert shown["two"]["author"] == "Jane Roe, John Doe"


def test_an_author_written_with_and_without_an_emoji_selector_is_found_by_one_name(tmp_path, capsys, isolated_dirs):
    """ "Roe" with VS16 (U+FE0F) after it, which a keyboard adds or not, was another word than
    Roe: `author:roe` and `author:"jane roe"` missed her article, and "Roe" with VS16 missed the other."""
    corpus = tmp_path / "news"
    write(corpus / "plain.md", f"---\ntitle: Plain\noutlet: BBC\nauthor: Jane Roe\n---\n\n{BODY}")
    write(corpus / "emoji.md", f"---\ntitle: Emoji\noutlet: CNN\nauthor: Jane Roe\ufe0f\n---\n\n{BODY}")
    write(corpus / "text.md", f"---\ntitle: Text\noutlet: NPR\nauthor: Jane Roe\ufe0e\n---\n\n{BODY}")
    for query in ("author:roe", 'author:"jane roe"', "author:roe\ufe0f"):
        code, out = _run(capsys, corpus, "search", query, "--json")
        assert code == 0 and {r["id"] for r in json.loads(out)} == {"plain", "emoji", "text"}, query
    _, out = _run(capsys, corpus, "show", "emoji", "--json")
    assert json.loads(out)[0]["author"] == "Jane Roe\ufe0f"  # shown as written


def test_a_byline_line_is_the_author_and_no_part_of_the_text(tmp_path, capsys, isolated_dirs):
    # A .txt (or Markdown, JSON Lines) article kept its "By Jane Roe" line in its text, compared,
    # searched and counted as its words, where an HTML page's byline element is metadata alone.
    corpus = tmp_path / "news"
    write(corpus / "plain.txt", f"Storm hits the coast\n\nBy Jane Roe\n\n{BODY}\nMore rain is expected.\n")
    write(corpus / "first.md", f"---\ntitle: Vote held\nauthor: Ann Lee\n---\n\nBy Ann Lee | Daily\n{BODY}")
    write(corpus / "lines.jsonl", json.dumps({"title": "Vote", "text": f"Vote held\nBy John Doe\n{BODY}"}) + "\n")
    # not a byline: a sentence that starts with "By", and a byline-like line far down the text
    write(corpus / "sentence.txt", f"By the end of the day the council had voted.\n\n{BODY}")
    late = "\n\n".join(f"Paragraph {n} of the report says little." for n in range(8))
    write(corpus / "late.txt", f"Storm report\n\n{late}\n\nBy Jane Roe\n\n{BODY}")
    _, out = _run(capsys, corpus, "show", "plain", "first", "lines#1", "sentence", "late", "--json")
    shown = {a["id"]: a for a in json.loads(out)}
    assert shown["plain"]["author"] == "Jane Roe"
    assert shown["plain"]["text"] == f"Storm hits the coast\n\n{BODY}\nMore rain is expected."
    assert shown["first"]["author"] == "Ann Lee" and shown["first"]["text"] == BODY.strip()
    lines = next(a for a in shown.values() if a["title"] == "Vote")
    assert lines["author"] == "John Doe" and lines["text"] == f"Vote held\n{BODY.strip()}"
    assert shown["sentence"]["text"].startswith("By the end of the day")
    assert "\n\nBy Jane Roe\n\n" in shown["late"]["text"]
    # its words are no longer searched as the text's: author: finds it
    assert main(["--corpus", str(corpus), "search", "author:roe", "--json"]) == 0
    assert [hit["id"] for hit in json.loads(capsys.readouterr().out)] == ["plain"]


def test_a_byline_line_naming_another_than_the_author_given_stays_in_the_text(tmp_path, capsys, isolated_dirs):
    # The author a record or front matter gives wins; a byline that names someone else was
    # dropped all the same, its names in neither the metadata nor the text.
    corpus = tmp_path / "news"
    record = {"title": "Vote", "author": "Ann Lee", "text": f"Vote held\n\nBy Jane Roe\n\n{BODY}"}
    write(corpus / "given.jsonl", json.dumps(record) + "\n")
    write(corpus / "front.md", f"---\ntitle: Budget\nauthor: Ann Lee\n---\n\nBy Jane Roe and Ann Lee\n\n{BODY}")
    write(corpus / "same.md", f"---\ntitle: Schools\nauthor: JANE ROE\n---\n\nBy Jane Roe\n\n{BODY}")
    _, out = _run(capsys, corpus, "show", "given#1", "front", "same", "--json")
    shown = {a["title"]: a for a in json.loads(out)}
    assert (
        shown["Vote"]["author"] == "Ann Lee" and shown["Vote"]["text"] == f"Vote held\n\nBy Jane Roe\n\n{BODY.strip()}"
    )
    assert shown["Budget"]["text"].startswith("By Jane Roe and Ann Lee\n\n")
    assert shown["Schools"]["text"] == BODY.strip()  # the author given, written in other letters


def test_a_byline_that_ends_the_text_leaves_it_unless_it_is_its_only_line(tmp_path, capsys, isolated_dirs):
    # The last line was kept whatever it was (a guard against a line cut at the 2000 characters
    # looked at), though its names were taken as the author's.
    corpus = tmp_path / "news"
    write(corpus / "head.txt", "Storm hits the coast\n\nBy Jane Roe")
    write(corpus / "alone.txt", "By Jane Roe\n")
    _, out = _run(capsys, corpus, "show", "head", "alone", "--json")
    shown = {a["id"]: a for a in json.loads(out)}
    assert shown["head"]["author"] == "Jane Roe" and shown["head"]["text"] == "Storm hits the coast"
    assert shown["alone"]["author"] == "Jane Roe" and shown["alone"]["text"] == "By Jane Roe"  # no empty article


def test_a_line_that_is_only_the_articles_date_leaves_the_text(tmp_path, capsys, isolated_dirs):
    # A .txt's date line under its headline dated the article and stayed in its text, compared,
    # searched and quoted as its words.
    corpus = tmp_path / "news"
    write(corpus / "iso.txt", f"Storm hits the coast\n2025-10-10\n\n{BODY}")
    write(corpus / "weekday.txt", f"Storm hits the coast\n\nFriday, October 10, 2025\n\nBy Jane Roe\n\n{BODY}")
    # a sentence that opens with a date, a date line the metadata did not take, a date alone
    write(corpus / "sentence.txt", f"Storm hits the coast\n\nBy Monday, October 13, 2025 the crews had left.\n\n{BODY}")
    write(corpus / "given.md", f"---\ndate: 2025-10-11\n---\nStorm hits the coast\n2025-10-10\n\n{BODY}")
    write(corpus / "alone.txt", "2025-10-10\n")
    _, out = _run(capsys, corpus, "show", "iso", "weekday", "sentence", "given", "alone", "--json")
    shown = {a["id"]: a for a in json.loads(out)}
    assert shown["iso"]["date"] == "2025-10-10" and shown["iso"]["text"] == f"Storm hits the coast\n\n{BODY.strip()}"
    assert shown["weekday"]["text"] == f"Storm hits the coast\n\n{BODY.strip()}"
    assert shown["weekday"]["date"] == "2025-10-10" and shown["weekday"]["author"] == "Jane Roe"
    assert "\n\nBy Monday, October 13, 2025 the crews had left.\n\n" in shown["sentence"]["text"]
    assert shown["given"]["date"] == "2025-10-11" and "\n2025-10-10\n" in shown["given"]["text"]
    assert shown["alone"]["text"] == "2025-10-10"


def test_an_index_of_schema_71_is_read_again_with_progress_and_loses_the_byline_and_date_lines(
    tmp_path, monkeypatch, capsys, isolated_dirs
):
    # Schema 72 leaves a text's byline and date lines out: an index built before kept them in its
    # texts until the folder was read again, as the next update does, saying so and counting.
    from reader.corpus import clean
    from reader.index import layout, state, store

    corpus = tmp_path / "news"
    write(corpus / "storm.txt", f"Storm hits the coast\n2025-10-10\n\nBy Jane Roe\n\n{BODY}")
    index = tmp_path / "index"
    argv = ["--corpus", str(corpus), "--index", str(index)]
    with monkeypatch.context() as older:
        for module in (layout, store, state):
            older.setattr(module, "SCHEMA_VERSION", 71)
        older.setattr(store, "VERSION_FIELD", "schema_v71")
        older.setattr(clean, "without_byline_line", lambda text, *args, **kwargs: text)
        older.setattr(clean, "without_date_line", lambda text, date: text)
        assert main([*argv, "index", "--no-prepare"]) == 0
        capsys.readouterr()
        assert main([*argv, "show", "storm", "--json"]) == 0
        assert "By Jane Roe" in json.loads(capsys.readouterr().out)[0]["text"]  # the old index's text
    assert main([*argv, "index", "--no-prepare", "--progress", "json"]) == 0
    captured = capsys.readouterr()
    assert "older version" in captured.err
    loaded = [json.loads(line) for line in captured.err.splitlines() if '"loading articles"' in line]
    assert loaded[-1]["done"] == loaded[-1]["total"] == 1  # the file read again, counted
    capsys.readouterr()
    assert main([*argv, "show", "storm", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["text"] == f"Storm hits the coast\n\n{BODY.strip()}"


def test_a_byline_credit_names_the_outlet_only_once_outlets_yaml_names_it(tmp_path, capsys, isolated_dirs):
    # "By Lee Park | Coast Times" gives no outlet on a made-up pile: the credit after the bar is as
    # often a role or a place, so a name no outlet of the registry has names none; the user's
    # outlets.yaml naming it does, and the title's "(Coast Times)" signature then goes too.
    corpus = tmp_path / "news"
    write(corpus / "credit.txt", f"Bridge to reopen (Coast Times)\n\nBy Lee Park | Coast Times\n\n{BODY}")
    write(corpus / "role.txt", f"Bridge to reopen\n\nBy Lee Park | Staff Writer\n\n{BODY}")
    _, out = _run(capsys, corpus, "show", "credit", "role", "--json")
    shown = {a["id"]: a for a in json.loads(out)}
    assert (shown["credit"]["outlet"], shown["credit"]["title"]) == (None, "Bridge to reopen (Coast Times)")
    assert (shown["role"]["outlet"], shown["role"]["author"]) == (None, "Lee Park")
    (isolated_dirs["config"] / "outlets.yaml").write_text("outlets:\n  - name: Coast Times\n", encoding="utf-8")
    _, out = _run(capsys, corpus, "show", "credit", "role", "--update", "--json")
    shown = {a["id"]: a for a in json.loads(out)}
    assert (shown["credit"]["outlet"], shown["credit"]["title"]) == ("Coast Times", "Bridge to reopen")
    assert shown["credit"]["author"] == "Lee Park" and shown["role"]["outlet"] is None
