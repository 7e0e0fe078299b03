"""A hostile or broken user outlets.yaml (issue 10, item 4): reported once, the shipped rules used,
and a user's pattern never hangs the indexer."""

import json

import pytest

from conftest import FOX, SEEDS, write
from reader import yamlsafe

BILLION_LAUGHS = "\n".join(
    ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    + ["outlets: [{name: Bomb, aliases: *a9}]"]
)

BAD_FILES = {
    "wrong type": ("outlets:\n  - name: !!float abc\n", "invalid value"),
    "deep nesting": ("outlets: " + "[" * 50_000 + "]" * 50_000 + "\n", "nesting depth"),
    "deep block nesting": ("".join("  " * i + "k:\n" for i in range(200)) + "  " * 200 + "v\n", "nested too deeply"),
    "alias bomb": (BILLION_LAUGHS, "alias bomb"),
    "recursive alias": ("outlets: &x [{name: Loop, aliases: *x}]\n", "refers to a node that contains it"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_user_file_is_reported_and_the_shipped_rules_apply(case, reader_cli, isolated_dirs, tmp_path):
    text, why = BAD_FILES[case]
    write(isolated_dirs["config"] / "outlets.yaml", text)
    base = ("--corpus", str(SEEDS), "--index", str(tmp_path / "index"))
    result = reader_cli(*base, "index", "--json")
    assert json.loads(result.stdout)["indexed"] == 2
    problems = [line for line in result.stderr.splitlines() if "outlets.yaml" in line]
    assert len(problems) == 1 and why in problems[0] and "using the shipped outlet rules" in problems[0]
    assert "Traceback" not in result.stderr
    fox = json.loads(reader_cli(*base, "show", FOX, "--json").stdout)[0]
    assert fox["outlet"] == "Fox News"
    assert "You can now listen to Fox News articles!" not in fox["text"]  # shipped teaser rule


def test_an_invalid_date_in_the_user_file_is_a_plain_string(reader_cli, isolated_dirs, tmp_path):
    write(isolated_dirs["config"] / "outlets.yaml", "outlets:\n  - name: Fox News\n    aliases: [2025-13-45]\n")
    result = reader_cli("--corpus", str(SEEDS), "--index", str(tmp_path / "index"), "index", "--json")
    assert json.loads(result.stdout)["indexed"] == 2 and result.stderr == ""


def test_a_catastrophic_user_pattern_is_bounded_and_reported(reader_cli, isolated_dirs, tmp_path):
    write(isolated_dirs["config"] / "outlets.yaml", "generic:\n  drop_lines: ['(a|aa)+$', '(x+x+)+y']\n")
    corpus = tmp_path / "corpus"
    body = "The council approved the budget on Tuesday after a long debate.\n"
    write(corpus / "evil.txt", body + "a" * 60 + "b\n" + "x" * 400 + "\n" + body)
    write(corpus / "other.txt", body + "The mayor said the vote was close.\n")
    result = reader_cli("--corpus", str(corpus), "--index", str(tmp_path / "index"), "index", "--json")
    report = json.loads(result.stdout)
    assert report["indexed"] == 2
    [timed_out] = [s for s in report["skipped"] if "switched off" in s["reason"]]
    assert timed_out["path"] == str(corpus / "evil.txt") and "'(a|aa)+$'" in timed_out["reason"]
    assert "generic.drop_lines" in timed_out["reason"]
    # A warning about the pattern, naming the file; the file itself was indexed, not skipped.
    assert timed_out["warning"] is True and "on a line of this file" in timed_out["reason"]
    listed = reader_cli("--corpus", str(corpus), "--index", str(tmp_path / "index"), "list")
    [warned] = [line for line in listed.stderr.splitlines() if "evil.txt" in line]
    assert warned.startswith(f"reader: warning: {corpus / 'evil.txt'}: ")  # named as skipped files are
    assert "skipped" not in listed.stderr  # never "skipped evil.txt"
    assert any(line.endswith("  evil") for line in listed.stdout.splitlines())


def test_every_yaml_reader_uses_the_bounds():
    with pytest.raises(yamlsafe.YamlBoundsError, match="alias bomb"):
        yamlsafe.load(BILLION_LAUGHS)
    assert yamlsafe.load("a: &b {x: 1}\nc: {<<: *b, y: 2}") == {"a": {"x": 1}, "c": {"x": 1, "y": 2}}
    assert yamlsafe.load("d: 2025-13-45") == {"d": "2025-13-45"}


def test_an_unknown_key_is_quoted_whole(tmp_path):
    """A key holding an escape sequence was printed raw: stripped for the terminal, the C1 CSI in
    it ate the rest of the line ("unknown top-level key(s) badgnored")."""
    from reader.corpus.outlets import load_registry

    path = tmp_path / "outlets.yaml"
    path.write_text('"bad\\e]0;x\\a\\x9b": 1\noutlets:\n  - name: X\n', encoding="utf-8")
    [problem] = load_registry(path).problems
    assert problem.endswith("unknown top-level key(s) 'bad\\x1b]0;x\\x07\\x9b' ignored"), problem
