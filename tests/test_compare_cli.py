"""`reader compare A B [--json|--markdown]` on the bundled seeds, and the report renderers."""

from __future__ import annotations

import dataclasses
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from reader.analysis.compare import compare
from reader.analysis.compare_terms import strength
from reader.analysis.report import md_escape, render_markdown, render_text
from reader.corpus.model import Article

from conftest import FOX, MT, SEEDS, cli_env


@pytest.fixture
def run(reader_cli):
    return lambda *args, check=True: reader_cli("--corpus", str(SEEDS), *args, check=check)


def test_json_on_the_seeds(run):
    data = json.loads(run("compare", FOX, MT, "--json").stdout)
    assert data["left"]["id"] == FOX and data["right"]["id"] == MT
    assert data["left"]["outlet"] == "Fox News"
    assert data["pairs"] and all({"left", "right", "score"} <= set(p) for p in data["pairs"])
    # what the app's ] and [ visit, with the rows each spans (its summary bar counts both)
    assert data["differences"] and all(set(d) == {"left", "right", "rows", "reasons"} for d in data["differences"])
    assert {q["match"] for q in data["shared_quotes"]} == {"fragment"}
    # Through the index (stored quotes) too: "productive" is a one-word fragment of Fox's quote.
    assert any(q["right"]["text"].strip(' ."”') == "productive" for q in data["shared_quotes"])
    assert {(v["left"], v["right"]) for v in data["name_variants"]} >= {("Sergey", "Sergei"), ("Zelenskyy", "Zelensky")}
    # Offsets refer to the text `reader show` prints.
    shown = {a["id"]: a["text"] for a in json.loads(run("show", FOX, MT, "--json").stdout)}
    for s in data["left"]["sentences"]:
        assert shown[FOX][s["start"] : s["end"]] == s["text"]
    for q in data["shared_quotes"]:
        assert shown[MT][q["right"]["start"] : q["right"]["end"]] == q["right"]["text"]


def test_progress_json_says_the_comparison_s_steps_as_json_lines_on_stderr(run):
    """Off a terminal `reader compare` drew nothing while it read and encoded two long articles:
    `--progress json` gives `reader index`'s JSON lines, stdout's comparison as it was."""
    result = run("compare", FOX, MT, "--json", "--progress", "json")
    assert json.loads(result.stdout)["left"]["id"] == FOX
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert lines and all(set(line) == {"progress", "done", "total", "message"} for line in lines)
    assert {line["progress"] for line in lines} == {"comparing"}
    assert lines[0]["message"] == "reading the articles"
    # Every step, also when no sentence is left to encode (then only "reading the articles" was
    # said, and a long pair linked its sentences for seconds under it).
    steps = [line["message"] for line in lines if not line["total"]]
    assert steps[:3] == ["reading the articles", "finding the quotations", "linking the sentences"]
    again = run("compare", FOX, MT, "--json", "--progress", "json")  # its sentences encoded now
    steps = [json.loads(line)["message"] for line in again.stderr.splitlines() if line.startswith("{")]
    assert steps == ["reading the articles", "finding the quotations", "linking the sentences"]
    plain = run("compare", FOX, MT, "--json")
    assert not [line for line in plain.stderr.splitlines() if line.startswith("{")]


def test_a_path_outside_the_corpus(run, tmp_path):
    other = tmp_path / "wire.txt"
    other.write_text(
        "President Donald Trump has no plans to meet with Russian President Vladimir Putin, "
        "a senior official said on Tuesday.\n",
        encoding="utf-8",
    )
    data = json.loads(run("compare", str(other), FOX, "--json").stdout)
    assert data["left"]["id"] == "wire"
    assert any(p["left"] == 0 and p["right"] == 0 for p in data["pairs"])


def test_readable_form_is_plain_when_piped(run):
    out = run("compare", FOX, MT).stdout
    assert "\x1b" not in out
    for heading in (
        "Aligned sentences",
        "Only in Fox News",
        "Only in The Moscow Times",
        "Shared quotes",
        "Name variants",
        "Differing figures",
    ):
        assert heading in out
    assert "Sergey Lavrov / Sergei Lavrov" in out


def test_markdown_form(run):
    out = run("compare", FOX, MT, "--markdown").stdout
    assert out.startswith("# Comparison: Fox News and The Moscow Times")
    assert "## Shared quotes" in out and "**fragment**" in out


def test_unknown_article_is_a_one_line_error(run):
    result = run("compare", FOX, "no-such-article", check=False)
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "no-such-article" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_and_markdown_are_exclusive(run):
    result = run("compare", FOX, MT, "--json", "--markdown", check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr


# -- renderers on hostile text -------------------------------------------------------------------
EVIL = (
    'Officials said "[click me](javascript:alert(1)) <script>x</script> **bold**" today. '
    "\x1b]0;pwned\x07The vote \x9b2J was held [/foo] on Friday."
)


def _evil_comparison():
    a = Article(id="a", path=Path("a.txt"), text=EVIL, outlet="Evil [b]Times[/b]\x1b[31m", title="t")
    b = Article(id="b", path=Path("b.txt"), text=EVIL, outlet="Other", title="u")
    return compare(a, b)


def test_text_report_carries_no_control_characters():
    out = render_text(_evil_comparison(), colour=False)
    assert not any(ord(ch) < 32 and ch != "\n" or 127 <= ord(ch) < 160 for ch in out)
    assert "[/foo]" in out  # literal, not interpreted


def test_coloured_report_only_adds_sgr_codes():
    out = render_text(_evil_comparison(), colour=True)
    import re

    stripped = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "\x1b" not in stripped
    assert stripped == render_text(_evil_comparison(), colour=False)


def test_an_article_with_no_outlet_is_said_to_have_none_not_named_by_its_id():
    """The report's sides were labelled by the id where the metadata names no outlet ("RIGHT  b:
    … [b]", "Only in b"), though every command shows "(no outlet)"."""
    text = "The council met on Tuesday. It approved the budget."
    a = Article(id="a", path=Path("a.txt"), text=text, outlet="Daily Bugle", title="t")
    b = Article(id="b", path=Path("b.txt"), text=text, outlet=None, title="u")
    lines = render_text(compare(a, b)).splitlines()
    assert lines[:2] == ["LEFT   Daily Bugle: t [a]", "RIGHT  (no outlet): u [b]"]
    assert render_markdown(compare(a, b)).startswith("# Comparison: Daily Bugle and (no outlet)\n")
    c = dataclasses.replace(a, id="c", outlet=None)
    assert render_text(compare(c, b)).splitlines()[:2] == [
        "LEFT   (no outlet) (left): t [c]",
        "RIGHT  (no outlet) (right): u [b]",
    ]


def test_markdown_escapes_links_html_and_emphasis():
    out = render_markdown(_evil_comparison())
    assert "\x1b" not in out and "\x07" not in out
    assert "](javascript" not in out.replace("\\](javascript", "")
    assert "<script>" not in out
    assert md_escape("**bold**") == "\\*\\*bold\\*\\*"
    assert md_escape("a <b> [c](d)") == "a \\<b\\> \\[c\\](d)"


def test_reports_show_figures_and_flag_altered_quotes():
    lt = '"We will never negotiate with terrorists," Smith said. He had ended eight wars since taking office.'
    rt = '"We will never talk with terrorists," Smith said. He had ended seven wars since taking office.'
    lq = [{"text": lt[1 : lt.index(',"') + 1], "start": 1, "end": lt.index(',"') + 1, "speaker": "Smith"}]
    rq = [{"text": rt[1 : rt.index(',"') + 1], "start": 1, "end": rt.index(',"') + 1, "speaker": "Smith"}]
    a = Article(id="a", path=Path("a.txt"), text=lt, outlet="Left Daily", title="t")
    b = Article(id="b", path=Path("b.txt"), text=rt, outlet="Right Herald", title="u")
    c = compare(a, b, lq, rq)
    text = render_text(c)
    assert "[ALTERED]" in text
    assert "count of wars: eight (L2) vs seven (R2)" in text
    md = render_markdown(c)
    assert "**altered** ⚠ words changed" in md
    assert "count of wars: **eight** (L2) vs **seven** (R2)" in md
    assert c.to_dict()["figures"][0]["kind"] == "count"


def test_reports_say_a_differing_figure_is_approximate():
    lt = "The letter was signed by about 50 faculty members at the university on Tuesday."
    rt = "The letter was signed by 120 faculty members at the university on Tuesday."
    a = Article(id="a", path=Path("a.txt"), text=lt, outlet="Left Daily", title="t")
    b = Article(id="b", path=Path("b.txt"), text=rt, outlet="Right Herald", title="u")
    c = compare(a, b)
    assert "count of members (approximate): about 50 (L1) vs 120 (R1)" in render_text(c)
    assert "count of members (approximate): **about 50** (L1) vs **120** (R1)" in render_markdown(c)
    # --json says it in a key of its own: "what" keeps its meaning (scripts group flags by it)
    figure = c.to_dict()["figures"][0]
    assert (figure["what"], figure["approximate"]) == ("count of members", ["left"])


def test_reports_show_a_censored_quote_as_censored():
    lt = 'Smith said: "This is a f***ing disgrace." He left.'
    rt = 'Smith said: "This is a fucking disgrace." He left.'
    a = Article(id="a", path=Path("a.txt"), text=lt, outlet="Left Daily", title="t")
    b = Article(id="b", path=Path("b.txt"), text=rt, outlet="Right Herald", title="u")
    c = compare(a, b)
    assert [q.match for q in c.shared_quotes] == ["censored"]
    assert "[censored]" in render_text(c)
    assert "**censored** (a word starred out)" in render_markdown(c)
    assert c.to_dict()["shared_quotes"][0]["match"] == "censored"


def test_reports_show_headlines_and_framing():
    a = Article(
        id="a",
        path=Path("a.txt"),
        outlet="Left Daily",
        title="Dictator [Kim](javascript:x) fires missile",
        text="North Korean dictator Kim Jong-un fired a missile over Japan on Sunday.",
    )
    b = Article(
        id="b",
        path=Path("b.txt"),
        outlet="Right Herald",
        title="Kim fires missile over Japan",
        text="North Korean leader Kim Jong Un fired a missile over Japan on Sunday.",
    )
    c = compare(a, b)
    text = render_text(c)
    assert "Headlines (similarity" in text and "stresses: Dictator; javascript:x" in text
    assert "label: “dictator” vs “leader” (Kim Jong-un) (L1 / R1)" in text
    md = render_markdown(c)
    assert "## Headlines" in md and "## Framing" in md
    assert "](javascript" not in md.replace("\\](javascript", "")
    assert "- label: “dictator” vs “leader” (Kim Jong-un) (L1 / R1)" in md


def test_a_title_that_is_the_first_sentence_is_said_to_be_no_headline():
    # A plain text with no headline line is titled by its first sentence: the report compared it
    # as if the outlet had written it as a headline.
    lead = "WASHINGTON — North Korea fired a missile over Japan on Sunday, officials said."
    a = Article(
        id="a",
        path=Path("a.txt"),
        outlet="Left Daily",
        title=lead,
        text=lead,
        inferred=frozenset({"title"}),
        title_source="first_sentence",
    )
    b = Article(
        id="b",
        path=Path("b.txt"),
        outlet="Right Herald",
        title="Kim fires missile over Japan",
        text="North Korean leader Kim Jong Un fired a missile over Japan on Sunday.",
    )
    c = compare(a, b)
    assert c.to_dict()["headline"]["left"]["source"] == "first_sentence"
    assert c.to_dict()["headline"]["right"]["source"] is None
    assert f"L {lead} (no headline: its first sentence)" in render_text(c)
    assert "(no headline: its first sentence) — stresses:" in render_markdown(c)
    assert "WASHINGTON" not in c.headline.left.stressed[0]  # a lead's dateline is no headline word
    # A headline read from the text's first line is a headline: its words are all stressed.
    line = Article(
        id="c",
        path=Path("c.txt"),
        outlet="Left Daily",
        title="WASHINGTON Rejects Talks",
        text=lead,
        inferred=frozenset({"title"}),
        title_source="headline",
    )
    c = compare(line, b)
    assert "(no headline" not in render_text(c) and c.headline.left.source == "headline"


def test_an_unusable_sentence_cache_is_one_warning_line(run, isolated_dirs):
    """A comparison goes on without its sentence cache and says so once, in reader's own words
    (a bare logging line "sentence cache off for this run: ..." came out beside it)."""
    (isolated_dirs["cache"] / "sentences").write_text("a file where the cache folder should be")
    done = run("compare", FOX, MT, "--json")
    assert json.loads(done.stdout)["pairs"]
    (line,) = done.stderr.splitlines()
    assert line.startswith("reader: warning: the sentence cache is off for this run: ")
    assert line.endswith(": its folder is a file, not a folder; comparisons are made without it (slower)")


def test_a_broken_onnx_runtime_is_one_line_naming_the_fix(tmp_path, isolated_dirs):
    """An ONNX Runtime that cannot load (a shared library missing, a broken upgrade) ended `compare`
    in a traceback; it is one line saying what failed and how to reinstall it, exit status 1."""
    broken = tmp_path / "broken-site"
    (broken / "onnxruntime").mkdir(parents=True)
    (broken / "onnxruntime" / "__init__.py").write_text(
        'raise ImportError("libonnxruntime.so.1: cannot open shared object file")\n'
    )
    env = cli_env()
    env["PYTHONPATH"] = os.pathsep.join([env["PYTHONPATH"], str(broken)])  # after this checkout, before site-packages
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--corpus", str(SEEDS), "compare", FOX, MT, "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 1 and done.stdout == "" and "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("reader: the comparison's sentence encoder could not be loaded (ImportError: libonnxruntime")
    assert line.endswith("reinstall ONNX Runtime: pip install --force-reinstall 'onnxruntime>=1.30'")


def test_the_app_says_a_broken_encoder_in_its_own_words():
    from reader.analysis.contextual import EncoderUnavailable
    from reader.tui.screens.compare import _reason

    said = _reason(EncoderUnavailable("the comparison's sentence encoder could not be loaded (...)"), "Compare failed")
    assert said == "the comparison's sentence encoder could not be loaded (...)"


def test_markdown_export_gives_each_version_its_date_and_link():
    a = Article(
        id="a",
        path=Path("a.txt"),
        text=EVIL,
        outlet="Left Daily",
        title="t",
        date="2025-10-21",
        url="https://example.com/a?x=1|2&y=<b>(c)",
    )
    b = Article(id="b", path=Path("b.txt"), text=EVIL, outlet="Right", title="u", url="javascript:alert(1)")
    c = compare(a, b)
    md = render_markdown(c)
    assert "(`a`, 2025-10-21)" in md and "(`b`)" in md
    # The address links, percent-encoded so that nothing in it ends the link or opens markup.
    assert "](https://example.com/a?x=1%7C2&y=%3Cb%3E%28c%29)" in md
    assert "](javascript" not in md.replace("\\](javascript", "")  # shown, never linked
    assert "javascript:alert(1)" in md
    assert c.to_dict()["left"]["date"] == "2025-10-21" and c.to_dict()["right"]["url"] == "javascript:alert(1)"


def test_markdown_export_says_what_marks_mean_and_which_links_are_weak():
    c = _evil_comparison()
    assert c.pairs
    c.pairs[0] = dataclasses.replace(c.pairs[0], weak=True)
    md = render_markdown(c)
    assert "weak: linked with little to spare" in md
    assert f"_({strength(c.pairs[0].score)}, weak)_" in md
    # The text said "(0.66 weak)" where the Markdown says "(0.66, weak)": one form.
    assert f"({strength(c.pairs[0].score)}, weak" in render_text(c)


def test_reports_drop_bidi_controls_the_export_file_would_keep():
    # The TUI writes the Markdown to a file that no terminal filter sees: an unclosed
    # right-to-left override there reverses the rest of a line in a viewer.
    a = Article(id="a", path=Path("a.txt"), text=EVIL, outlet="Left\u202e Daily", title="Ctrl \u202ertl\u2066 x")
    b = Article(id="b", path=Path("b.txt"), text=EVIL, outlet="Right", title="u")
    c = compare(a, b)
    for out in (render_markdown(c), render_text(c)):
        assert not set(out) & set("\u202e\u2066"), out
    assert "Ctrl rtl x" in render_markdown(c)


def test_a_side_too_long_to_compare_whole_is_said_on_stderr_and_in_the_json(run, tmp_path):
    from reader.analysis.compare import MAX_SENTENCES

    long = tmp_path / "long.txt"
    long.write_text("The vote passed by seven votes to four. " * (MAX_SENTENCES + 10), encoding="utf-8")
    result = run("compare", FOX, str(long), "--json")
    data = json.loads(result.stdout)  # the warning never reaches stdout
    assert data["limited"] == {"right": {"compared": MAX_SENTENCES, "sentences": MAX_SENTENCES + 10}}
    assert f"first {MAX_SENTENCES} of {MAX_SENTENCES + 10} sentences" in result.stderr
    assert "limited" not in json.loads(run("compare", FOX, MT, "--json").stdout)


def test_an_article_compared_with_itself_says_so_first():
    """`compare A A` (now refused by the Library, see below) and two copies of one text listed every
    sentence linked to itself, and the reader had to work out that nothing differs."""
    text = '"We will never negotiate," Smith said. He had ended eight wars since taking office.'
    a = Article(id="a", path=Path("a.txt"), text=text, outlet="Fox News", title="Wars")
    copy = dataclasses.replace(a, id="copy", path=Path("copy.txt"))
    same = "Note: the two texts are the same, word for word: nothing differs"
    assert same in render_text(compare(a, a)).splitlines()[2]
    assert same in render_text(compare(a, copy))
    other = dataclasses.replace(copy, text=text.replace("eight", "seven"))
    assert same not in render_text(compare(a, other))


def test_articles_not_in_english_are_compared_with_a_caveat_on_every_output(run, tmp_path):
    from test_language import GERMAN, PORTUGUESE

    left, right = tmp_path / "ponte.txt", tmp_path / "bruecke.txt"
    left.write_text(PORTUGUESE + "\n", encoding="utf-8")
    right.write_text(GERMAN + "\n", encoding="utf-8")
    done = run("compare", str(left), str(right))
    said = "the left side reads as Portuguese and the right side reads as German"
    assert said in done.stderr and f"Note: {said}" in done.stdout
    assert said in run("compare", str(left), str(right), "--markdown").stdout
    data = json.loads(run("compare", str(left), str(right), "--json").stdout)
    assert data["languages"] == {"left": "pt", "right": "de"}


def test_json_pairs_say_which_words_they_share_and_where(run):
    """A fact-checker sees why two sentences are linked: each pair carries the words both use,
    at offsets into `show`'s text on each side (a name variant's two spellings count as one)."""
    data = json.loads(run("compare", FOX, MT, "--json").stdout)
    shown = {a["id"]: a["text"] for a in json.loads(run("show", FOX, MT, "--json").stdout)}
    rubio = next(p for p in data["pairs"] if p["left"] == 2 and p["right"] == 1)
    assert {"Rubio", "Lavrov", "Sergey"} <= set(rubio["shared"]["words"])
    left_words = {shown[FOX][s:e] for s, e in rubio["shared"]["left"]}
    right_words = {shown[MT][s:e] for s, e in rubio["shared"]["right"]}
    assert {"Rubio", "Sergey"} <= left_words and {"Rubio", "Sergei"} <= right_words
    for pair in data["pairs"]:
        sentence = data["left"]["sentences"][pair["left"]]
        assert all(sentence["start"] <= s < e <= sentence["end"] for s, e in pair["shared"]["left"])


def test_text_and_markdown_say_what_each_link_shares_and_its_other_partners(run):
    text = run("compare", FOX, MT).stdout
    assert "shares: meeting, Secretary, State, Marco, Rubio" in text
    # One right sentence linked to two left ones: each entry names the other (one-to-many).
    # (a link all but certain: 0.99, never rounded up to 1.00 as if the two said the same words)
    assert "(0.99; also linked to L2)" in text and "also linked to L1)" in text and "1.00" not in text
    markdown = run("compare", FOX, MT, "--markdown").stdout
    assert "- shares: meeting, Secretary, State, Marco, Rubio" in markdown
    assert "also linked to L1" in markdown


def test_coloured_text_underlines_the_shared_words_on_both_sides(run):
    text = run("compare", FOX, MT, "--color", "always").stdout
    assert "\x1b[4mRubio\x1b[0m" in text and "\x1b[4mSergei\x1b[0m" in text


def test_one_article_is_compared_with_another_outlets_version(run):
    done = run("compare", FOX)
    assert done.stdout.startswith("LEFT   Fox News") and MT in done.stdout.splitlines()[1]
    assert f"comparing {FOX} (Fox News) with {MT} (The Moscow Times)" in done.stderr


def test_a_story_id_compares_two_of_its_outlets_and_says_how_to_pick(run):
    story = next(s["id"] for s in json.loads(run("stories", "--json").stdout) if FOX in s["articles"])
    data = json.loads(run("compare", story[:6], "--json").stdout)
    assert {data["left"]["id"], data["right"]["id"]} == {FOX, MT}
    refused = run("compare", story, MT, check=False)
    assert refused.returncode == 2  # a story where an article goes: a usage error
    # the command carries the --corpus the command ran with (a bare one compared on the seeds)
    assert f"{story} is a story, not an article: `reader --corpus {shlex.quote(str(SEEDS))} compare {story}`" in (
        refused.stderr
    )
    assert FOX in refused.stderr


def test_a_story_id_mistyped_or_out_of_date_is_said_alike_for_a_and_b(run):
    # A or B meant as a story said only "no article with id or path …", where `search --story`
    # says what became of the story: A alone, A beside B and B now all say it, in one line.
    story = next(s["id"] for s in json.loads(run("stories", "--json").stdout) if FOX in s["articles"])
    typo = story[:-1] + ("0" if story[-1] != "0" else "1")
    gone = "s0123456789" if story != "s0123456789" else "s9876543210"
    for name, said in (
        (
            story.upper(),
            f"did you mean the story {story!r}? (`reader --corpus {shlex.quote(str(SEEDS))} compare {story}`",
        ),
        (typo, f"did you mean the story {story!r}?"),
        (gone, "its id changes when that article leaves it or an earlier one joins: `reader --corpus"),
    ):
        for argv in ([name], [name, MT], [FOX, name]):
            refused = run("compare", *argv, check=False)
            assert (refused.returncode, refused.stdout) == (2, ""), argv
            assert refused.stderr.startswith(f"reader: no article or story with id {name!r}")
            assert said in refused.stderr and refused.stderr.count("\n") == 1, (argv, refused.stderr)
    # A name of no story's form, near no story id, keeps the article's line
    refused = run("compare", FOX, "nope", check=False)
    assert refused.returncode == 2 and refused.stderr.startswith("reader: no article with id or path 'nope'")


@pytest.mark.parametrize("command", ["show", "quotes"])
def test_show_and_quotes_given_a_story_say_how_to_reach_its_articles(run, command):
    # `reader show s6c4e89cf3b` said "no article with id or path", where compare names the story.
    story = next(s["id"] for s in json.loads(run("stories", "--json").stdout) if FOX in s["articles"])
    articles = f"`reader --corpus {shlex.quote(str(SEEDS))} {command} {FOX} {MT}`"
    for name, said in (
        (story, f"reader: {story} is a story, not an article: {articles}"),
        (story[:7], f"reader: {story} is a story, not an article: {articles}"),
        (
            story.upper(),
            f"reader: no article or story with id {story.upper()!r}; did you mean the story {story!r}? ({articles}",
        ),
        ("s0123456789", "reader: no article or story with id 's0123456789' (a story is named by its earliest article"),
    ):
        refused = run(command, name, FOX, "--json", check=False)
        assert refused.returncode == 2 and refused.stderr.startswith(said), refused.stderr
        assert refused.stderr.count("\n") == 1
        assert [a["id"] for a in json.loads(refused.stdout)] == [FOX]  # the others are still given
    refused = run(command, "s", check=False)  # a short name is no story's start here
    assert refused.stderr.startswith("reader: no article with id or path 's'")


def test_name_variants_say_which_sentences_write_each_spelling(run):
    text = run("compare", FOX, MT).stdout
    assert "Sergey Lavrov / Sergei Lavrov (L3 / R2)" in text
    assert "- Sergey Lavrov / Sergei Lavrov (L3 / R2)" in run("compare", FOX, MT, "--markdown").stdout


@pytest.mark.parametrize("named", ["story", "article"])
def test_compare_with_one_name_reads_the_stories_and_articles_once(seed_library, monkeypatch, capsys, named):
    """`reader compare A` looks A's story and partner up from one read of the stories and one of
    the articles: each read is a query of the whole index, repeated five times before."""
    from reader.commands import compare as compare_command
    from reader.commands.common import Articles

    story = next(s.id for s in seed_library.stories() if FOX in s.articles)
    reads = {"stories": 0, "articles": 0}
    for name in reads:
        read = getattr(seed_library, name)

        def counted(read=read, name=name):
            reads[name] += 1
            return read()

        monkeypatch.setattr(seed_library, name, counted)
    left, right, _copy = compare_command._with_partner(
        seed_library, Articles(seed_library, "compare"), story if named == "story" else FOX
    )
    assert {left.id, right.id} == {FOX, MT}
    assert reads == {"stories": 1, "articles": 1}
    assert f"comparing {left.id}" in capsys.readouterr().err


def test_text_form_says_what_its_marks_mean(run):
    """A reader of the text report has no help screen: the scores, "weak", "shares", "closest" and
    the quote kinds are explained under their headings, as the Markdown export does."""
    text = run("compare", FOX, MT).stdout
    assert "(0.87): how surely the two tell the same fact; weak: linked with little to spare" in text
    assert "left/right when they write one differently" in text
    assert "(closest: R3, 0.58) names it" in text
    assert "fragment: one side quotes part of the other's" in text


def test_the_reports_list_the_sentences_left_out_of_the_comparison():
    """The screen marks a caption or a credit "· not compared"; the text and Markdown skipped its
    number (R1, R3) and said nothing of it."""
    from comparison_doubles import graded_comparison

    comparison = graded_comparison()
    text, md = render_text(comparison), render_markdown(comparison)
    assert "\nNot compared (1)\n" in text and "  R2   Only the right has this sentence. (caption)" in text
    assert "## Not compared" in md and "- **R2** Only the right has this sentence. _(caption)_" in md
    # Past a long side's bound they are thousands: the note says so once, the list leaves them out.
    from reader.analysis.compare import NOT_COMPARED

    comparison.skipped_left = {k: NOT_COMPARED for k in range(len(comparison.left.sentences))}
    assert "\nNot compared (1)\n" in render_text(comparison)


def test_the_links_told_out_of_order_are_in_the_json_and_the_text(run):
    # The screen marks "~" the linked sentences out of the reading order; the JSON and the text
    # said nothing of it (a script had to redo the screen's row layout).
    data = json.loads(run("compare", FOX, MT, "--json").stdout)
    linked = {(p["left"], p["right"]) for p in data["pairs"]}
    moved = {side: data[f"told_elsewhere_{side}"] for side in ("left", "right")}
    assert moved["left"] and moved["right"]  # the seeds tell a few facts in another order
    for side, entries in moved.items():
        for entry in entries:
            assert entry["partners"]
            for partner in entry["partners"]:
                pair = (entry["sentence"], partner) if side == "left" else (partner, entry["sentence"])
                assert pair in linked
    out_of_order = {(e["sentence"], j) for e in moved["left"] for j in e["partners"]}
    out_of_order |= {(i, e["sentence"]) for e in moved["right"] for i in e["partners"]}
    text = run("compare", FOX, MT).stdout
    noted = set()
    left = None
    for line in text.splitlines():
        if line.startswith("  L") and line[3].isdigit():
            left = int(line[3:].split()[0]) - 1
        elif line.startswith("    R") and "out of order" in line.rsplit("(", 1)[-1]:
            noted.add((left, int(line[5:].split()[0]) - 1))
    assert noted == out_of_order
    assert "out of order: told elsewhere" in text  # the legend says what the note means
    markdown = run("compare", FOX, MT, "--markdown").stdout
    noted_md = [line for line in markdown.splitlines() if line.startswith("  - **R") and "; out of order" in line]
    assert len(noted_md) == len(out_of_order)


def test_two_articles_no_story_groups_are_said_to_be_two_stories(reader_cli, tmp_path):
    # The app's summary warned "Different stories"; `reader compare A B` of two unrelated
    # articles printed their "only in" lists as if each left the other's facts out.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "rain.txt").write_text("Heavy rain in Lisbon\n\nRain fell all day in Lisbon.\n", encoding="utf-8")
    (corpus / "chess.txt").write_text("Chess final drawn\n\nThe chess final ended in a draw.\n", encoding="utf-8")

    def run(*args):
        return reader_cli("--corpus", str(corpus), "compare", *args).stdout

    note = "different stories: no story groups these two articles"
    assert json.loads(run("rain", "chess", "--json"))["same_story"] is False
    assert f"\nNote: {note}\n" in run("rain", "chess")
    assert f"\n- Note: {note}\n" in run("rain", "chess", "--markdown")
    # One article by its id and its path: no comparison at all (it was "same_story": true).
    assert reader_cli("--corpus", str(corpus), "compare", "rain", str(corpus / "rain.txt"), check=False).returncode == 2
    outside = tmp_path / "wire.txt"
    outside.write_text("Rain in Lisbon\n\nRain fell all day in Lisbon.\n", encoding="utf-8")
    assert json.loads(run("rain", str(outside), "--json"))["same_story"] is None  # not indexed: unknown
    assert note not in run("rain", str(outside))


def test_compare_a_with_no_other_version_gives_the_line_to_type_for_its_corpus(tmp_path, capsys):
    # It said "(reader compare ID B)": without the --corpus it ran with, that line compared in the
    # bundled seeds; and an id with a space was two words.
    from conftest import run_main
    from test_index_helpers import make_corpus

    news = make_corpus(
        tmp_path / "my news",
        {
            "lone story": ("Storm", "Reuters", "2025-10-01", "A storm hit the coast on Monday."),
            "other": ("Budget vote", "AP", "2024-03-02", "The council voted on the school budget."),
        },
    )
    code, out, err = run_main(capsys, "--corpus", str(news), "compare", "lone")
    assert code == 1 and out == ""
    assert err.strip().endswith(f"(`reader --corpus '{news}' compare 'lone story' B`)"), err


def test_compare_given_a_file_of_several_lists_their_ids_in_number_order(tmp_path, capsys):
    # "compare two by id (feed#2, feed#5, feed#3, ...)": the index's order, by outlet.
    import json

    from conftest import run_main

    news = tmp_path / "news"
    news.mkdir()
    rows = [{"title": f"Story {n}", "outlet": "AP" if n % 2 else "Zeit", "text": f"Text {n}."} for n in range(1, 8)]
    (news / "feed.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    code, out, err = run_main(capsys, "--corpus", str(news), "compare", str(news / "feed.jsonl"))
    assert code == 2 and out == ""
    assert err.strip().endswith("compare two by id (feed#1, feed#2, feed#3, feed#4, feed#5 and 2 more)"), err


def test_one_article_named_as_both_sides_is_a_usage_error(run):
    """`reader compare X X` (or X by its id and by its path) printed a comparison of every sentence
    linked to itself at 1.00, 9 "shared quotations" and same_story true: a finding of nothing. It
    says the article is on both sides and how to set another beside it (exit 2, stdout empty)."""
    path = str(next(SEEDS.glob(f"{FOX}.*")))
    for right in (FOX, path):
        for form in ([], ["--json"]):
            result = run("compare", FOX, right, *form, check=False)
            assert (result.returncode, result.stdout) == (2, ""), result.stderr
            assert f"reader: {FOX} is on both sides: a comparison needs two different articles" in result.stderr
            assert f"compare {FOX}` sets another outlet's version of its story beside it" in result.stderr


def test_the_library_refuses_one_article_on_both_sides_but_compares_two_copies(tmp_path, isolated_dirs):
    """The facade decides, for the app as for the command: two copies of one text under two ids
    (a syndicated story) are still compared, and said to be the same word for word."""
    from reader.library import Library, SameArticle

    text = '"We will never negotiate," Smith said. He had ended eight wars since taking office.'
    a = Article(id="a", path=tmp_path / "a.txt", text=text, outlet="Fox News", title="Wars")
    (tmp_path / "news").mkdir()
    library = Library([tmp_path / "news"], tmp_path / "ix", auto_update=False)
    try:
        with pytest.raises(SameArticle, match="^a is on both sides"):
            library.compare(a, dataclasses.replace(a))
        copy = dataclasses.replace(a, id="copy", path=tmp_path / "copy.txt")
        assert len(library.compare(a, copy).pairs) == 2
        edited = dataclasses.replace(a, text=text.replace("eight", "seven"))  # the file's new text
        assert library.compare(a, edited).pairs
    finally:
        library.close()


def test_a_story_id_two_stories_share_is_an_error_listing_both(seed_library, monkeypatch, capsys):
    """Story ids are 40-bit hashes: two stories may share one (~0.1% of corpora of 50,000). `reader
    compare ID` then compared one of them, picked silently; now it is an error naming each, one
    line each, and how to name one by its article."""
    from reader.commands import compare as compare_command
    from reader.commands.common import Articles, CommandError, print_error
    from reader.analysis.stories import Story
    from reader.library import StoryIdShared

    story = next(s for s in seed_library.stories() if FOX in s.articles)
    rest = [a for a in story.articles if a != FOX]
    fox_story = Story(story.id, story.label, [FOX])
    other = Story(story.id, "A \x1b[31mtwin\x1b[0m story", rest)  # the seeds' story, split in two
    shared = [fox_story, other]
    monkeypatch.setattr(seed_library, "stories", lambda: shared)
    for asked in (fox_story.id, fox_story.id[:7]):  # the id, or its start
        with pytest.raises(StoryIdShared) as raised:
            seed_library.story_named(asked)
        assert sorted(s.articles[0] for s in raised.value.stories) == sorted([fox_story.articles[0], other.articles[0]])
    with pytest.raises(CommandError) as refused:
        compare_command._with_partner(seed_library, Articles(seed_library, "compare"), fox_story.id)
    assert refused.value.code == 2
    print_error(refused.value)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(f"reader: story id {fox_story.id} names 2 stories; name one by one of its articles")
    assert "compare ARTICLE" in lines[0]
    assert sorted(line.split()[1] for line in lines[1:]) == sorted([fox_story.articles[0], other.articles[0]])
    assert f"({len(other.articles)} article" in next(line for line in lines if other.articles[0] in line)
    assert "\x1b" not in "".join(lines)
    assert "\\x1b[31mtwin" in next(line for line in lines if other.articles[0] in line)


def _wire_story(corpus: Path, texts: dict[str, tuple[str, str]]) -> None:
    """Markdown files of one story (`story: wire`), each {name: (outlet, text)}, in name order."""
    corpus.mkdir()
    for name, (outlet, text) in texts.items():
        (corpus / f"{name}.md").write_text(
            f"---\ntitle: Summit\noutlet: {outlet}\ndate: 2025-10-21\nstory: wire\n---\n\n{text}\n", encoding="utf-8"
        )


WIRE_SENTENCES = [f"Sentence {n} of the wire story says something new about the summit." for n in range(10)]


def _edited(*changed: int) -> str:
    """The wire story with the sentences numbered `changed` rewritten by a paper of its own."""
    return " ".join(
        f"The paper's reporter saw event {n} at the summit." if n in changed else s
        for n, s in enumerate(WIRE_SENTENCES)
    )


def test_a_story_id_passes_over_a_pair_of_copies_for_two_versions_that_differ(run_main_in, tmp_path):
    """The story's first article is the wire story, and each other outlet reprinted it with a fifth
    changed (a copy of it, 8 of 10 sentences), each a different fifth: `reader compare STORY`
    compared the wire story with a reprint, which shows nothing. The two reprints differ from
    each other by two fifths: they are the pair compared, as `reader compare` of one of them does."""
    corpus = tmp_path / "news"
    _wire_story(
        corpus,
        {"a-wire": ("Agency", _edited()), "b-bugle": ("Bugle", _edited(0, 1)), "c-courier": ("Courier", _edited(8, 9))},
    )
    (story,) = json.loads(run_main_in(corpus, "stories", "--json")[1])
    code, out, err = run_main_in(corpus, "compare", story["id"], "--json")
    data = json.loads(out)
    assert (data["left"]["id"], data["right"]["id"]) == ("b-bugle", "c-courier"), err
    assert data["word_for_word_copy"] is False
    assert "comparing b-bugle (Bugle) with c-courier (Courier); the story's others: a-wire" in err


def test_a_pair_of_copies_is_said_to_be_one_when_the_story_has_nothing_else(run_main_in, tmp_path):
    corpus = tmp_path / "news"
    _wire_story(corpus, {"a-wire": ("Agency", _edited()), "b-bugle": ("Bugle", _edited(0))})
    (story,) = json.loads(run_main_in(corpus, "stories", "--json")[1])
    for target in (story["id"], "a-wire"):  # a story id, an article
        code, out, err = run_main_in(corpus, "compare", target, "--json")
        assert json.loads(out)["word_for_word_copy"] is True
        assert (
            "comparing a-wire (Agency) with b-bugle (Bugle) (a word-for-word copy: the story has no version "
            "that is not one); name two articles" in err
        )
    note = "word-for-word copies: most sentences are the same in both (a story reprinted)"
    assert f"\nNote: {note}\n" in run_main_in(corpus, "compare", "a-wire", "b-bugle")[1]
    assert f"\n- Note: {note}\n" in run_main_in(corpus, "compare", "b-bugle", "a-wire", "--markdown")[1]


def test_a_wire_story_reprinted_by_13_outlets_is_compared_with_the_14th_outlets_own_version(run_main_in, tmp_path):
    """A wire story reprinted by 13 outlets, its 14th article a version of its own: the copy check
    read 12 articles beside each and compared two reprints ("a word-for-word copy"); the partner is
    looked for past them, up to the first that is no copy."""
    corpus = tmp_path / "news"
    reprints = {f"a{n:02d}-wire": (f"Paper {n}", _edited()) for n in range(13)}
    _wire_story(corpus, {**reprints, "z-own": ("Own", _edited(0, 1, 2, 3, 4, 5))})
    (story,) = json.loads(run_main_in(corpus, "stories", "--json")[1])
    assert len(story["articles"]) == 14
    for target in (story["id"], "a00-wire"):  # the story's pair, and c's partner of its first article
        code, out, err = run_main_in(corpus, "compare", target, "--json")
        data = json.loads(out)
        assert (data["left"]["id"], data["right"]["id"], data["word_for_word_copy"]) == ("a00-wire", "z-own", False)
        assert "word-for-word" not in err


def test_a_wire_story_whose_first_13_articles_are_copies_is_compared_as_the_two_that_differ(run_main_in, tmp_path):
    """Every article a copy of the first, the last two copies of the wire story but not of each
    other (each changed a different fifth), after 12 reprints: only the story's first 12 articles
    were tried as the left side of its pair, so it compared two copies ("the story's first 12
    articles of 14 have no version that is not one"). Every article is tried: the two that differ."""
    corpus = tmp_path / "news"
    reprints = {f"a{n:02d}-wire": (f"Paper {n}", _edited()) for n in range(13)}
    _wire_story(corpus, {**reprints, "y-bugle": ("Bugle", _edited(0, 1)), "z-courier": ("Courier", _edited(8, 9))})
    (story,) = json.loads(run_main_in(corpus, "stories", "--json")[1])
    assert len(story["articles"]) == 15
    code, out, err = run_main_in(corpus, "compare", story["id"], "--json")
    data = json.loads(out)
    assert (data["left"]["id"], data["right"]["id"], data["word_for_word_copy"]) == ("y-bugle", "z-courier", False)
    assert "word-for-word" not in err


def test_a_wire_story_of_copies_only_says_it_has_no_other_version(run_main_in, tmp_path):
    corpus = tmp_path / "news"
    _wire_story(corpus, {f"a{n:02d}-wire": (f"Paper {n}", _edited()) for n in range(14)})
    (story,) = json.loads(run_main_in(corpus, "stories", "--json")[1])
    code, out, err = run_main_in(corpus, "compare", story["id"], "--json")
    assert json.loads(out)["word_for_word_copy"] is True
    assert "(a word-for-word copy: the story has no version that is not one)" in err


def test_json_says_two_versions_are_no_copies(run):
    assert json.loads(run("compare", FOX, MT, "--json").stdout)["word_for_word_copy"] is False


@pytest.fixture
def run_main_in(capsys, isolated_dirs):
    """`reader --corpus DIR ARGS` in this process -> (exit code, stdout, stderr); exit 0 asserted."""
    from conftest import run_main

    def invoke(corpus: Path, *args: str):
        code, out, err = run_main(capsys, "--corpus", str(corpus), *args)
        assert code == 0, err
        return code, out, err

    return invoke


def test_one_body_under_two_headlines_says_the_headlines_figures_differ():
    """A story reprinted word for word under another headline: "nothing differs" hid the
    headlines' "3" / "5"; the note, the headline section and --json's headline say it."""
    body = "Officials said the storm hit the coast on Monday. Power was cut to homes across the region."
    a = Article(id="a", path=Path("a.txt"), text=body, outlet="Fox News", title="Storm Kills 3 in Texas")
    b = dataclasses.replace(a, id="b", path=Path("b.txt"), outlet="CNN", title="Storm Kills 5 in Texas")
    text = render_text(compare(a, b))
    assert "nothing differs" not in text
    assert "Note: the two bodies are the same, word for word: only the headlines differ" in text
    assert "count: 3 (L) vs 5 (R)" in text
    assert [(f["left"]["text"], f["right"]["text"]) for f in compare(a, b).to_dict()["headline"]["figures"]] == [
        ("3", "5")
    ]
    # headlines that differ in words alone: said, with no figures
    c = dataclasses.replace(b, title="Deadly Storm Hits Texas")
    assert "only the headlines differ\n" in render_text(compare(a, c))


def test_a_headline_atop_its_body_is_read_as_a_headline_not_as_names():
    """A title on the body's first line capitalises every word: its "Kills 3" is no name such as
    "Apollo 11", so the linked headlines' counts differ (they were read as names and dropped)."""
    body = "\n\nOfficials said the storm hit the coast on Monday. Power was cut to homes across the region."
    a = Article(id="a", path=Path("a.txt"), text="Storm Kills 3 in Texas" + body, outlet="Fox News", title="x")
    b = dataclasses.replace(a, id="b", path=Path("b.txt"), text="Storm Kills 5 in Texas" + body, outlet="CNN")
    assert [(f.left.text, f.right.text) for f in compare(a, b).figures] == [("3", "5")]
    # a name told in the body still names: "Flight 370" is no count
    named = "Flight 370 Search Resumes\n\nThe search for Flight 370 went on. Crews flew again."
    c = dataclasses.replace(a, text=named)
    d = dataclasses.replace(b, text=named.replace("Resumes", "Goes On"))
    assert compare(c, d).figures == []
