"""`reader index` and `reader search` on the command line: the JSON contract, errors, plain output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import ARTICLES, make_corpus, write_article  # noqa: E402

from conftest import run_main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


run = run_main  # (exit code, stdout, stderr) of `reader ARGV` in this process


def test_index_json_contract_and_incremental_counts(corpus, tmp_path, capsys):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, err = run(capsys, *base, "index", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"indexed", "updated", "removed", "unchanged", "skipped", "seconds"}
    assert data["indexed"] == len(ARTICLES)
    (corpus / "empty.md").write_text("")
    write_article(corpus, "ap/inflation", "Inflation slows", "Associated Press", "2025-10-20", "Prices fell.")
    code, out, err = run(capsys, *base, "index", "--json")
    data = json.loads(out)
    assert (data["indexed"], data["updated"], data["unchanged"]) == (0, 1, len(ARTICLES) - 1)
    assert any(s["path"].endswith("empty.md") and s["reason"] for s in data["skipped"])
    code, out, err = run(capsys, *base, "index", "--rebuild", "--json")
    data = json.loads(out)
    assert data["indexed"] == len(ARTICLES) and "rebuilt" in data["notice"]


def test_index_plain_output(corpus, tmp_path, capsys):
    code, out, err = run(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index")
    assert code == 0 and f"{len(ARTICLES)} indexed" in out and "\x1b[" not in out


def test_index_rebuild_says_what_it_did_once(corpus, tmp_path, capsys):
    # It printed "reader: index rebuilt from scratch (--rebuild)" on stderr, the flag just typed,
    # beside "N indexed, 0 updated, 0 removed, 0 unchanged": a change that was none.
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index", "--no-prepare"]
    code, out, err = run(capsys, *base)
    assert code == 0 and out.startswith(f"{len(ARTICLES)} indexed, 0 updated")  # a first build is no rebuild
    code, out, err = run(capsys, *base, "--rebuild")
    assert code == 0 and out.startswith(f"rebuilt the index from {len(ARTICLES)} articles in ")
    assert out.rstrip().endswith(" s") and out.count("\n") == 1 and err == ""
    code, out, err = run(capsys, *base, "--rebuild", "--json")
    assert json.loads(out)["notice"] == "index rebuilt on request" and err == ""


def test_first_search_builds_the_index_and_prints_the_contract(corpus, tmp_path, capsys):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, err = run(capsys, *base, "search", "inflation", "--json", "--limit", "2")
    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 2
    for hit in hits:
        assert set(hit) >= {"id", "outlet", "title", "date", "score", "snippets"}
        for snippet in hit["snippets"]:
            assert set(snippet) >= {"text", "matches"}
            for start, end in snippet["matches"]:
                assert snippet["text"][start:end].lower().startswith("inflation")
    code, out, err = run(capsys, *base, "search", "budget", "--outlet", "Reuters", "--json")
    assert [h["id"] for h in json.loads(out)] == ["reuters/budget-vote"]
    code, out, err = run(
        capsys,
        *base,
        "search",
        "inflation",
        "OR",
        "storm",
        "--sort",
        "date",
        "--since",
        "2025-09-01",
        "--until",
        "2025-10-05",
        "--json",
    )
    dates = [h["date"] for h in json.loads(out)]
    assert dates == sorted(dates, reverse=True) and dates


def test_results_by_date_show_no_score(corpus, tmp_path, capsys):
    # Sorted by date nothing is scored: every line said "score 0.00".
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, _ = run(capsys, *base, "search", "inflation OR storm", "--sort", "date")
    assert code == 0 and "  20" in out and "score" not in out
    code, out, _ = run(capsys, *base, "search", "inflation OR storm")
    assert code == 0 and "score " in out
    # Nor does the JSON: null, as for any value not known (0.0 read as a score of nothing).
    code, out, _ = run(capsys, *base, "search", "inflation OR storm", "--sort", "date", "--json")
    assert code == 0 and {hit["score"] for hit in json.loads(out)} == {None}
    code, out, _ = run(capsys, *base, "search", "inflation OR storm", "--json")
    assert all(isinstance(hit["score"], float) and hit["score"] > 0 for hit in json.loads(out))


def test_search_takes_the_list_filters_date_range(corpus, tmp_path, capsys):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix"), "search", "--jsonl", "--limit", "0"]
    code, ranged, err = run(capsys, *base, "budget OR inflation OR storm date:[2025-09 TO 2025-10]")
    assert code == 0 and ranged
    assert run(capsys, *base, "budget OR inflation OR storm date:2025-09..2025-10")[:2] == (0, ranged)
    assert run(capsys, *base, "budget OR inflation OR storm since:2025-09 until:2025-10")[:2] == (0, ranged)


def test_search_errors_and_suggestions(corpus, tmp_path, capsys):
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, err = run(capsys, *base, "search", "*e*", "--json")
    assert code == 2 and out == "" and err.count("\n") == 1 and "wildcard" in err
    code, out, err = run(capsys, *base, "search", "inflaton", "--json")
    assert code == 1 and json.loads(out) == [] and "did you mean: inflation" in err
    code, out, err = run(capsys, *base, "search", "budget", "--since", "soon")
    assert code == 2 and "since" in err
    code, out, err = run(capsys, *base, "search", "budget", "--limit", "-1")
    assert code == 2 and "--limit must be 0 (all the results) or more" in err


def test_limit_0_gives_every_result(corpus, tmp_path, capsys):
    """Like ripgrep's manners: no cap unless asked; `--limit 0` lists every result, past the
    default 20."""
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    many = "the OR a OR budget OR storm OR inflation"
    code, out, err = run(capsys, *base, "search", many, "--limit", "1")
    assert code == 0 and err.rstrip().endswith("results (--limit 0 gives them all)") and "1 of " in err.splitlines()[-1]
    code, out, err = run(capsys, *base, "search", many, "--limit", "0", "--json")
    listed = json.loads(out)
    assert code == 0 and len(listed) > 2 and len({hit["id"] for hit in listed}) == len(listed)
    code, out, err = run(capsys, *base, "search", many, "--limit", "0")
    assert err.splitlines()[-1] == f"reader: {len(listed)} results"


def test_json_cut_by_the_limit_says_so_on_stderr(corpus, tmp_path, capsys):
    """`search --json` gave the first 20 (or --limit's) results with nothing anywhere to say there
    were more: `reader search budget --json | jq length` read 20 as the number of matches. The
    count goes on stderr, as without --json into a pipe; a whole answer says nothing."""
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    many = "the OR a OR budget OR storm OR inflation"
    code, out, err = run(capsys, *base, "search", many, "--limit", "0", "--json")
    total = len(json.loads(out))
    assert code == 0 and total > 1 and "results" not in err
    code, out, err = run(capsys, *base, "search", many, "--limit", "1", "--json")
    assert code == 0 and len(json.loads(out)) == 1
    assert f"reader: 1 of {total} results (--limit 0 gives them all)" in err.splitlines()


def test_a_limit_past_a_thousand_is_honoured(tmp_path, capsys):
    """`--limit 1100` gives 1100 results, not a silent 1000 (the index once capped a page)."""
    corpus = tmp_path / "corpus"
    for number in range(1, 1111):
        write_article(corpus, f"wire/n{number}", f"Note {number}", "Wire", "2025-01-01", f"The budget note {number}.")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, err = run(capsys, *base, "search", "budget", "--limit", "1100", "--json")
    assert code == 0 and len(json.loads(out)) == 1100
    code, out, err = run(capsys, *base, "search", "budget", "--limit", "1100")
    assert err.splitlines()[-1] == "reader: 1100 of 1110 results (--limit 0 gives them all)"  # piped: on stderr


def test_the_count_of_results_is_exact_not_whooshs_estimate(tmp_path, capsys):
    """`reader search budget --limit 1` said "1 of about 6 results" for the 3 articles with the
    word (Whoosh's estimate, an upper bound: 151 for 101 on a real corpus): they are counted."""
    corpus = tmp_path / "corpus"
    for number in range(1, 4):
        write_article(corpus, f"wire/b{number}", f"Budget {number}", "Wire", "2025-01-01", f"The budget vote {number}.")
        write_article(corpus, f"wire/s{number}", f"Storm {number}", "Wire", "2025-01-01", f"The storm hit {number}.")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    code, out, err = run(capsys, *base, "search", "budget", "--limit", "1")
    assert code == 0 and err.splitlines()[-1] == "reader: 1 of 3 results (--limit 0 gives them all)"


def test_search_plain_output_is_verbatim_when_piped(corpus, tmp_path, capsys):
    code, out, err = run(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "search", "storm")
    assert code == 0 and "Storm hits coastal towns" in out and "\x1b[" not in out
    assert "*" not in out  # no *hit* markers in piped output
    code, out, err = run(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "search", "zzzzqqqq")
    assert code == 1 and out == ""  # nothing found: exit 1, nothing printed


def test_snippets_show_a_paragraph_break_as_one_space_with_the_match_on_its_word(tmp_path, capsys):
    """Newlines were spaces one for one (to keep offsets): "2014.  The former" in every output."""
    corpus = tmp_path / "corpus"
    body = "The vote was held in 2014.\n\nThe former minister resigned.\n\n\nHe left the party."
    write_article(corpus, "daily/vote", "Vote", "Daily", "2025-10-20", body)
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix"), "search", "former"]
    code, out, err = run(capsys, *base)
    # the whole article: no "…" after its last word, as if it went on
    assert code == 0 and "     The vote was held in 2014. The former minister resigned. He left the party.\n" in out
    code, out, err = run(capsys, *base, "--color", "always")
    assert "2014. The \x1b[1;33mformer\x1b[0m minister resigned. He left" in out
    code, out, err = run(capsys, *base, "--json")
    ((snippet,),) = [hit["snippets"] for hit in json.loads(out)]
    assert snippet["text"] == "The vote was held in 2014. The former minister resigned. He left the party."
    assert [snippet["text"][a:b] for a, b in snippet["matches"]] == ["former"]
    code, out, err = run(
        capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "show", "daily/vote", "--json"
    )
    (article,) = json.loads(out)
    assert " ".join(article["text"][snippet["start"] : snippet["end"]].split()) == snippet["text"]


def test_search_while_another_process_indexes(corpus, tmp_path):
    """A search during someone else's update answers from the last commit (no waiting error)."""
    import fcntl

    index_dir = tmp_path / "ix"
    env = dict(__import__("os").environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "reader", "--corpus", str(corpus), "--index", str(index_dir)]
    subprocess.run(cmd + ["index"], env=env, check=True, capture_output=True)
    with open(index_dir / "reader.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process's writer, as far as reader can tell
        done = subprocess.run(cmd + ["search", "storm", "--json"], env=env, capture_output=True, text=True)
        busy = subprocess.run(cmd + ["index"], env=dict(env, READER_LOCK_WAIT="0.1"), capture_output=True, text=True)
        listed = subprocess.run(cmd + ["list", "--json"], env=env, capture_output=True, text=True)
        shown = subprocess.run(cmd + ["show", "reuters/storm", "--json"], env=env, capture_output=True, text=True)
    assert listed.returncode == 0 and "reuters/storm" in [a["id"] for a in json.loads(listed.stdout)]
    assert shown.returncode == 0 and "another process" in shown.stderr
    assert done.returncode == 0 and [h["id"] for h in json.loads(done.stdout)] == ["reuters/storm"]
    assert "another process" in done.stderr
    assert busy.returncode == 3 and f"another reader process (pid {os.getpid()}: " in busy.stderr
    assert "Traceback" not in busy.stderr


def test_index_inside_the_corpus_is_refused_with_one_line(corpus, capsys):
    for command in (["index"], ["search", "budget"]):
        code, out, err = run(capsys, "--corpus", str(corpus), "--index", str(corpus / ".idx"), *command)
        assert code == 2 and "inside the corpus" in err and err.count("\n") == 1
    assert not (corpus / ".idx").exists()


def test_hostile_article_text_cannot_reach_the_terminal(tmp_path, capsys):
    root = tmp_path / "hostile"
    write_article(
        root,
        "evil",
        "Evil \x1b]0;pwned\x07 title",
        "BBC",
        "2025-01-01",
        "Budget \x1b[2J news \x9b31m with [bold]markup[/bold] and budget again.",
    )
    code, out, err = run(capsys, "--corpus", str(root), "--index", str(tmp_path / "ix"), "search", "budget")
    assert code == 0 and "budget" in out.lower()
    assert not any(ord(ch) < 32 and ch not in "\n\t" or 127 <= ord(ch) < 160 for ch in out)


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "1e9"])
def test_a_bad_lock_wait_is_a_usage_error(corpus, tmp_path, capsys, monkeypatch, value):
    monkeypatch.setenv("READER_LOCK_WAIT", value)
    code, out, err = run(capsys, "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "READER_LOCK_WAIT: expected seconds from 0 to 86400" in err


def test_ctrl_c_during_the_first_build_says_nothing_was_kept(corpus, tmp_path, capsys, monkeypatch):
    # "the index is as the last update that ran to its end left it" named an update that never was.
    from reader.index import store

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix"), "index", "--no-prepare"]
    with monkeypatch.context() as patched:
        patched.setattr(store, "load_files", interrupted)
        code, out, err = run(capsys, *base)
    assert code == 130 and out == ""
    assert err.splitlines()[-1] == (
        "reader: interrupted before the first index was complete; nothing was kept, and "
        f"`reader --corpus {corpus} --index {tmp_path / 'ix'} index` starts it again"
    )
    assert run(capsys, *base)[0] == 0
    (corpus / "ap" / "inflation.md").write_text("---\ntitle: Changed\n---\n\nPrices rose.\n")
    with monkeypatch.context() as patched:
        patched.setattr(store, "load_files", interrupted)
        code, out, err = run(capsys, *base)
    assert code == 130 and err.splitlines()[-1].endswith("the index is as the last update that ran to its end left it")


def test_the_count_under_the_results_is_exact_and_the_app_s_wording(tmp_path, capsys):
    """It said "2 of about 8 results" for a phrase four articles hold (Whoosh's estimate, an upper
    bound), and the app "2 of 8": both now count, and say "2 of 4 results"."""
    articles = {}
    for number in range(4):
        articles[f"near/{number}"] = (f"Port {number}", "Herald", "2025-03-01", "The harbour crane stood still.")
        articles[f"apart/{number}"] = (
            f"Dock {number}",
            "Herald",
            "2025-03-01",
            "The harbour was calm. A crane was idle.",
        )
    base = ["--corpus", str(make_corpus(tmp_path / "corpus", articles)), "--index", str(tmp_path / "ix")]
    code, out, err = run(capsys, *base, "search", '"harbour crane"', "--limit", "2")
    assert code == 0 and err.splitlines()[-1] == "reader: 2 of 4 results (--limit 0 gives them all)"


def test_the_count_of_results_is_talk_kept_off_a_pipe(tmp_path, capsys, monkeypatch):
    """ "20 of 143 results" went to stdout even when piped: `reader search x | wc -l` counted it
    and `| tail -1` read it as the last result. Piped, stdout holds the results alone and the
    count goes to stderr; on a terminal it stays under the results."""
    from reader.commands import common

    corpus = tmp_path / "corpus"
    for number in range(1, 4):
        write_article(corpus, f"wire/b{number}", f"Budget {number}", "Wire", "2025-01-01", f"The budget vote {number}.")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix"), "search", "budget", "--limit", "2"]
    code, out, err = run(capsys, *base)
    assert code == 0 and "results" not in out and err.endswith("reader: 2 of 3 results (--limit 0 gives them all)\n"), (
        out,
        err,
    )
    assert sum(1 for line in out.splitlines() if line.lstrip()[:2] in ("1.", "2.")) == 2
    monkeypatch.setattr(common, "is_terminal", lambda stream=None: True)
    code, out, err = run(capsys, *base)
    assert code == 0 and out.splitlines()[-1] == "2 of 3 results (--limit 0 gives them all)" and "results" not in err


def test_a_query_copied_from_coloured_output_finds_what_the_index_holds(tmp_path, capsys):
    """The loader removes a title's escape sequences whole ("Evil \\x1b[31mRED\\x1b[0m" is indexed
    as "Evil RED"), but a query kept what followed the ESC: `reader search "$(grep --color=always
    ...)"` searched for "[31mRED" and found nothing (exit 1, not a word said)."""
    corpus = tmp_path / "corpus"
    write_article(corpus, "evil", "Evil RED title", "Reuters", "2025-10-01", "The council met on Tuesday.")
    base = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    for query in ("\x1b[31mRED\x1b[0m", "\x1b]0;title\x07council", "\x9b1mEvil\x9b0m"):
        code, out, err = run(capsys, *base, "search", query, "--json")
        assert code == 0, (query, err)
        assert [hit["id"] for hit in json.loads(out)] == ["evil"], query
