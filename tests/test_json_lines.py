"""`--jsonl`: the records of `--json`, one compact object a line, for scripts that read a line at
a time (grep, head -n, `while read`, pandas' lines=True) and have no jq."""

from __future__ import annotations

import json

import pytest

from reader.cli import main
from reader.corpus import load_file

ARGVS = [
    ["list"],
    ["list", "--outlet", "reuters"],
    ["search", "budget"],
    ["search", "budget", "--sort", "date"],
    ["stories"],
    ["coverage"],
    ["show", "reuters/budget-vote", "ap/budget-vote"],
    ["quotes", "reuters/budget-vote", "ap/budget-vote"],
]


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_jsonl_prints_the_records_of_json_one_a_line(corpus, tmp_path, capsys, argv):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert main([*base, "index", "--no-prepare"]) == 0
    capsys.readouterr()
    code, out, err = _run(capsys, *base, *argv, "--json")
    lines_code, lines_out, lines_err = _run(capsys, *base, *argv, "--jsonl")
    records = json.loads(out)
    assert records, "the corpus gives each command something to print"
    assert lines_out.endswith("\n") and "\n\n" not in lines_out
    assert [json.loads(line) for line in lines_out.splitlines()] == records
    assert (lines_code, lines_err) == (code, err)


def test_jsonl_keeps_a_record_with_line_breaks_in_its_text_on_one_line(tmp_path, capsys):
    corpus = tmp_path / "news"
    corpus.mkdir()
    title = "Vote\u2028passed\u2029late \u202eevil"
    text = "The council approved the budget.\n\nIt was a long night.\u2028More\x85followed\x1c."
    (corpus / "wire.jsonl").write_text(
        json.dumps({"title": title, "outlet": "AP", "text": text}) + "\n", encoding="utf-8"
    )
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, _err = _run(capsys, *base, "show", "wire", "--jsonl")
    assert code == 0
    # One line: a consumer that splits at U+2028 too (JavaScript, str.splitlines) sees one record.
    assert len(out.splitlines()) == 1 and "\u2028" not in out and "\u202e" not in out
    (record,) = [json.loads(line) for line in out.split("\n") if line]
    assert record["title"].startswith("Vote") and "\u202e" in record["title"]
    assert "long night" in record["text"]


def test_jsonl_with_nothing_found_prints_nothing_and_keeps_the_exit_status(corpus, tmp_path, capsys):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert main([*base, "index", "--no-prepare"]) == 0
    capsys.readouterr()
    assert _run(capsys, *base, "search", "zebra", "--jsonl")[:2] == (1, "")  # as grep: no line, exit 1
    assert _run(capsys, *base, "stories", "--min-size", "9", "--jsonl")[:2] == (0, "")


@pytest.mark.parametrize("argv", [["list", "--json", "--jsonl"], ["coverage", "--csv", "--jsonl"]])
def test_jsonl_with_another_output_form_is_a_usage_error(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2 and "not allowed with argument" in capsys.readouterr().err


def test_wordpress_rendered_fields_are_read_as_html(tmp_path):
    """WordPress's REST API writes a post's fields as HTML under "rendered": such a line was
    skipped as one with no article text. Its content is read as a feed entry's HTML is, its
    title as one line of plain text; a post with empty content is still skipped with the reason."""
    post = {
        "title": {"rendered": "Council&#8217;s <em>budget</em> &amp; [b]plan[/b]"},
        "content": {"rendered": "<p>The city council voted on Tuesday.</p><p>It approved the <b>new</b> budget.</p>"},
        "excerpt": {"rendered": "<p>Short</p>"},
        "date": "2024-03-05T10:00:00",
        "link": "https://wp.example/2024/03/05/budget/",
    }
    empty = {"title": {"rendered": "No content"}, "content": {"rendered": "", "protected": True}}
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps(post) + "\n" + json.dumps(empty) + "\n", encoding="utf-8")
    result = load_file(path, tmp_path)
    [article] = result.articles
    assert article.title == "Council’s budget & [b]plan[/b]"
    assert article.text == "The city council voted on Tuesday.\n\nIt approved the new budget."
    assert (article.date, article.url) == ("2024-03-05", "https://wp.example/2024/03/05/budget/")
    assert [(s.path, s.reason) for s in result.skipped] == [
        (
            "posts#2",
            "line 2: no article text (expected a non-empty 'text', 'body', 'content', 'article', 'maintext' field)",
        )
    ]
