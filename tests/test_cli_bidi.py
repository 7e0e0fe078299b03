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
