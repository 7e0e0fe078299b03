"""`reader quotes T... [--json]` on the bundled seeds: the seven quotations, offsets, errors."""

import json

import pytest

from conftest import FOX, MT


@pytest.fixture
def run(reader_cli):
    return reader_cli


def test_quotes_json_gives_the_seven_seed_quotations_with_offsets_into_show_text(run):
    found = json.loads(run("quotes", FOX, MT, "--json").stdout)
    shown = {a["id"]: a["text"] for a in json.loads(run("show", FOX, MT, "--json").stdout)}
    assert [entry["id"] for entry in found] == [FOX, MT]
    speakers = {}
    for entry in found:
        text = shown[entry["id"]]
        for quote in entry["quotes"]:
            assert {"text", "speaker", "start", "end"} <= set(quote)
            assert text[quote["start"] : quote["end"]] == quote["text"]
        speakers[entry["id"]] = [(q["text"][:25], q["speaker"]) for q in entry["quotes"]]
    assert speakers[FOX] == [
        ("Secretary Rubio and Forei", "a senior White House official"),
        ("President Putin and I wil", "Donald Trump"),
        ("President Zelenskyy and I", "Donald Trump"),
        ("We're working on number n", "Donald Trump"),
    ]
    assert speakers[MT] == [
        ("An additional in-person m", "a Trump administration official"),
        ("productive.", "a Trump administration official"),
        ("precise timeframe", "The Kremlin"),
    ]


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
    from reader.commands.quotes import _as_dict

    old = _as_dict({"text": "We did it", "speaker": None, "start": 3, "end": 12})
    assert old == {
        "text": "We did it",
        "speaker": None,
        "start": 3,
        "end": 12,
        "mention": None,
        "speaker_start": None,
        "speaker_end": None,
    }
