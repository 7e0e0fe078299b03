"""Bidirectional controls in article text never reach plain CLI output (issue 10, item 11);
--json keeps the data as it is."""

import json

from conftest import write

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
TITLE = "Budget vote \u202etxt.exe\u202c passes"
BODY = (
    "The council approved the budget \u2067on Tuesday\u2069 after a long debate, the mayor said. "
    '"We are pleased \u202ewith the result\u202c," she said.\n'
)


def test_bidi_controls_are_dropped_from_plain_output(reader_cli, tmp_path):
    corpus = tmp_path / "corpus"
    write(corpus / "vote.md", f"---\ntitle: {TITLE}\noutlet: Gazette \u202eevil\n---\n{BODY}")
    write(corpus / "other.md", f"---\ntitle: Another {TITLE}\noutlet: Herald\n---\n{BODY}")
    base = ("--corpus", str(corpus), "--index", str(tmp_path / "index"))
    outputs = [reader_cli(*base, "index")]
    for command in (
        ["list"],
        ["show", "vote"],
        ["search", "budget"],
        ["stories"],
        ["quotes", "vote"],
        ["compare", "vote", "other"],
    ):
        outputs.append(reader_cli(*base, *command))
    for result in outputs:
        assert not set(BIDI) & set(result.stdout + result.stderr), result.args
    shown = reader_cli(*base, "show", "vote").stdout
    assert "Budget vote txt.exe passes" in shown and "with the result" in shown
    data = json.loads(reader_cli(*base, "show", "vote", "--json").stdout)[0]
    assert data["title"] == TITLE  # the data itself is unchanged


# Characters json.dumps writes as themselves that a terminal acts on: C1 controls (U+009B is a
# CSI), DEL, bidirectional controls, the line and paragraph separators.
ACTED_ON = set(BIDI) | set(map(chr, range(0x7F, 0xA0))) | {"\u2028", "\u2029"}


def test_json_output_escapes_what_a_terminal_acts_on_and_keeps_the_data(reader_in_process, tmp_path):
    """`reader list --json` on a terminal wrote a title's U+202E as itself, which reversed the
    rest of the line; a file name's U+009B (a CSI) and U+2028 went out raw in `path` too. Each is
    a \\u escape now, and json.loads gives the very characters back."""
    corpus = tmp_path / "corpus"
    write(corpus / "vote.md", f"---\ntitle: {TITLE}\noutlet: Gazette\n---\n{BODY}")
    outside = write(tmp_path / "odd\u009b31m\u2028\u202ename\u007f.txt", f"Odd name\n\n{BODY}")
    base = ("--corpus", str(corpus), "--index", str(tmp_path / "index"))
    listed = reader_in_process(*base, "list", "--json").stdout
    shown = reader_in_process(*base, "show", str(outside), "--json").stdout
    for output in (listed, shown):
        assert not ACTED_ON & set(output), [c for c in output if c in ACTED_ON]
    assert "\\u202e" in listed and "\\u009b" in shown
    assert json.loads(listed)[0]["title"] == TITLE
    assert json.loads(shown)[0]["path"] == str(outside)


def test_list_and_stories_keep_their_columns_with_wide_outlet_names(reader_cli, tmp_path):
    """The outlet column was padded by characters: a CJK name (two columns a character) pushed
    its titles 4-20 columns right of the others."""
    import unicodedata

    from reader.commands.common import column

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)

    corpus = tmp_path / "corpus"
    write(corpus / "cjk.md", f"---\ntitle: 市议会批准新预算\noutlet: 人民日报\n---\n{BODY}")
    write(corpus / "latin.md", f"---\ntitle: Council passes the budget\noutlet: Gazette\n---\n{BODY}")
    write(corpus / "long.md", f"---\ntitle: Another budget\noutlet: 日本経済新聞社会部政治部編集委員会\n---\n{BODY}")
    base = ("--corpus", str(corpus), "--index", str(tmp_path / "index"))
    for command in (["list"], ["stories"]):
        lines = [line for line in reader_cli(*base, *command).stdout.splitlines() if "2" in line[:12] or "--" in line]
        starts = {
            width(line[: line.index(title)])
            for line in lines
            for title in ("市议会", "Council", "Another")
            if title in line
        }
        assert len(starts) == 1, (command, lines)
    assert column("人民日报", 10) == "人民日报  " and column("人民日报", 7) == "人民日…" and column("abc", 2) == "a…"
    # cut between words with "…", as every shortened label is: not "Deutsche Welle Engli"
    assert column("Deutsche Welle English", 20) == "Deutsche Welle…     "


def test_list_and_stories_tell_two_sites_of_a_shared_host_apart_in_the_outlet_column(reader_cli, tmp_path):
    """Two Google Sites (outlets "sites.google.com/view/…") both read "sites.google.com/…" in the
    20 columns `reader list` and `reader stories` give an outlet: the site's end is kept."""
    from reader.commands.common import outlet_column

    corpus = tmp_path / "corpus"
    for site, title in (("riverside-club", "Riverside club meets"), ("harbour-club", "Harbour club meets")):
        write(
            corpus / f"{site}.md", f"---\ntitle: {title}\nurl: https://sites.google.com/view/{site}/news\n---\n{BODY}"
        )
    base = ("--corpus", str(corpus), "--index", str(tmp_path / "index"))
    for command in (["list"], ["stories"]):
        out = reader_cli(*base, *command).stdout
        for site, title in (("riverside-club", "Riverside club"), ("harbour-club", "Harbour club")):
            assert f"…{site}  {title}" in out, (command, out)
    assert outlet_column("sites.google.com/view/riverside-club") == "sites…riverside-club"
    assert outlet_column("medium.com/@averyveryverylongname") == "med…veryverylongname"
    # names with spaces, and short ones, as before
    assert outlet_column("Deutsche Welle English") == "Deutsche Welle…     "
    assert outlet_column("medium.com/@jane") == "medium.com/@jane    "
