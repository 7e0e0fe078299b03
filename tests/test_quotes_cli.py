"""`reader quotes T... [--json]` on the bundled seeds: the six quotations (one in two parts), offsets, errors."""

import json

import pytest

from conftest import FOX, MT


@pytest.fixture
def run(reader_cli):
    return reader_cli


def test_quotes_json_gives_the_six_seed_quotations_with_offsets_into_show_text(run):
    found = json.loads(run("quotes", FOX, MT, "--json").stdout)
    shown = {a["id"]: a["text"] for a in json.loads(run("show", FOX, MT, "--json").stdout)}
    assert [entry["id"] for entry in found] == [FOX, MT]
    speakers = {}
    for entry in found:
        text = shown[entry["id"]]
        for quote in entry["quotes"]:
            assert {"text", "speaker", "start", "end", "parts"} <= set(quote)
            parts = quote["parts"]
            assert all(text[part["start"] : part["end"]] == part["text"] for part in parts)
            assert (quote["start"], quote["end"]) == (parts[0]["start"], parts[-1]["end"])
            assert quote["text"] == " … ".join(part["text"] for part in parts)
        speakers[entry["id"]] = [(q["text"][:25], q["speaker"], len(q["parts"])) for q in entry["quotes"]]
    assert speakers[FOX] == [
        ("Secretary Rubio and Forei", "a senior White House official", 1),
        # "President Putin and I will ... to an end," he wrote on X. "President Zelenskyy and I ..."
        ("President Putin and I wil", "Donald Trump", 2),
        ("We're working on number n", "Donald Trump", 1),
    ]
    assert speakers[MT] == [
        ("An additional in-person m", "a Trump administration official", 1),
        ("productive.", "a Trump administration official", 1),
        ("precise timeframe", "The Kremlin", 1),
    ]


def test_an_interrupted_quotation_is_listed_once_with_both_parts(run, tmp_path):
    article = tmp_path / "note.txt"
    article.write_text(
        'The mayor, John Smith, spoke on Monday.\n\n"I trust in God," he said, "but God wants me to be careful."\n',
        encoding="utf-8",
    )
    (entry,) = json.loads(run("quotes", str(article), "--json").stdout)
    text = article.read_text(encoding="utf-8")
    (quote,) = entry["quotes"]
    assert quote["text"] == "I trust in God … but God wants me to be careful."
    assert quote["speaker"] == "John Smith" and quote["mention"] == "he"
    assert [text[p["start"] : p["end"]] for p in quote["parts"]] == [
        "I trust in God",
        "but God wants me to be careful.",
    ]
    out = run("quotes", str(article)).stdout
    assert "(1 quotation)" in out
    assert out.count("— John Smith") == 1
    assert "“I trust in God … but God wants me to be careful.”" in out


def test_quotes_of_a_file_outside_the_corpus(run, tmp_path):
    article = tmp_path / "note.txt"
    article.write_text(
        "Mayor Lena Ortiz spoke on Monday.\n\n“The budget is balanced,” Ortiz said.\n",
        encoding="utf-8",
    )
    (entry,) = json.loads(run("quotes", str(article), "--json").stdout)
    assert [(q["text"], q["speaker"]) for q in entry["quotes"]] == [("The budget is balanced", "Lena Ortiz")]


def test_readable_output_lists_quote_and_speaker_without_escapes(run):
    out = run("quotes", MT).stdout
    assert "“precise timeframe”" in out
    assert "— The Kremlin" in out
    assert "(3 quotations)" in out
    assert "\x1b" not in out  # piped: no colour


def test_hostile_speaker_and_quote_text_cannot_reach_the_terminal(run, tmp_path):
    article = tmp_path / "evil.txt"
    article.write_text(
        "Mayor Evil\x1b]0;pwned\x07 Person spoke.\n\n“We \x1b[2Jwin [/b] today,” Person said.\n",
        encoding="utf-8",
    )
    result = run("quotes", str(article))
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "[/b]" in result.stdout  # shown literally


def test_unknown_article_is_a_one_line_error(run):
    result = run("quotes", "no-such-article", check=False)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no-such-article" in lines[0]
    assert "Traceback" not in result.stderr


def test_every_quote_has_every_key_null_when_not_known():
    """A quote read from an index written before `mention` had no `mention`, `speaker_start` or
    `speaker_end` at all, where others had them as null: one shape for scripts."""
    from reader.analysis.quotes import Quote
    from reader.quotations import quotations

    stored = Quote.from_dict({"text": "We did it", "speaker": None, "start": 3, "end": 12})
    (old,) = quotations('It "We did it" ...', [stored])
    assert old.to_dict() == {  # what reader quotes --json prints
        "text": "We did it",
        "speaker": None,
        "start": 3,
        "end": 12,
        "mention": None,
        "speaker_start": None,
        "speaker_end": None,
        "parts": [{"text": "We did it", "start": 3, "end": 12}],
    }


def test_quotes_chooses_articles_by_outlet_story_and_dates_as_list_does(tmp_path, capsys):
    # `reader quotes --since 2w` and `--outlet fox` were "the following arguments are required:
    # ARTICLE": `list` and `stories` take them, and a reader wants the week's quotations.
    from test_index_helpers import write_article

    from reader.cli import main

    news = tmp_path / "news"
    write_article(news, "a", "Storm", "Daily", "2025-10-01", '"We are ready," the mayor said.')
    write_article(news, "b", "Vote", "Herald", "2025-11-02", '"It passed," the senator said.')
    write_article(news, "c", "Vote two", "Daily", "2025-11-03", '"We lost," the whip said.')
    where = ["--corpus", str(news), "--index", str(tmp_path / "ix")]

    def chosen(*options: str) -> list[tuple[str, list[str]]]:
        assert main([*where, "quotes", "--json", *options]) == 0
        return [(entry["id"], [q["text"] for q in entry["quotes"]]) for entry in json.loads(capsys.readouterr().out)]

    assert chosen("--since", "2025-11") == [("b", ["It passed"]), ("c", ["We lost"])]
    assert chosen("--outlet", "daily") == [("a", ["We are ready"]), ("c", ["We lost"])]
    assert chosen("--outlet", "Daily", "--until", "2025-10-31") == [("a", ["We are ready"])]
    assert chosen("--since", "2030") == []
    story = next(
        entry["story"] for entry in json.loads(_output(main, [*where, "list", "--json"], capsys)) if entry["id"] == "b"
    )
    assert chosen("--story", story) == [("b", ["It passed"])]
    assert capsys.readouterr().err == ""
    assert main([*where, "quotes", "--since", "2030"]) == 0
    assert capsys.readouterr().err == "reader: no article dated 2030 or later\n"
    # naming articles and choosing them: one or the other, a usage error said in one line
    assert main([*where, "quotes", "a", "--since", "2025"]) == 2
    assert (
        capsys.readouterr().err
        == "reader: name articles or choose them with --outlet, --story, --since or --until, not both\n"
    )
    assert main([*where, "quotes"]) == 2
    assert "name an article" in capsys.readouterr().err
    assert main([*where, "quotes", "--outlet", "nosuch"]) == 2
    assert "no outlet matches 'nosuch'" in capsys.readouterr().err
    assert main([*where, "quotes", "--story", "zzz"]) == 2
    assert "no story" in capsys.readouterr().err
    assert main([*where, "quotes", "--until", "2025-13"]) == 2
    assert "--until must be a real date" in capsys.readouterr().err


def _output(main, argv: list[str], capsys) -> str:
    assert main(argv) == 0
    return capsys.readouterr().out


def test_quotes_choosing_from_an_empty_or_unreadable_corpus_says_so_as_list_does(tmp_path, capsys):
    # `quotes --story abc` on an empty folder said "no article of story abc", a mistyped --corpus
    # unsaid; every file skipped is a failure to read (1), as for `list`.
    from reader.cli import main

    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["--corpus", str(empty), "--index", str(tmp_path / "ix1"), "quotes", "--story", "abc", "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "[]" and captured.err.startswith(f"reader: no articles in {empty}")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "x.txt").write_bytes(b"\x00\x01\x02binary")
    assert main(["--corpus", str(broken), "--index", str(tmp_path / "ix2"), "quotes", "--outlet", "fox"]) == 1
    assert capsys.readouterr().err.startswith(f"reader: nothing loaded from {broken}")
