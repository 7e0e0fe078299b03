"""Saving one setting into config.yaml keeps the user's comments and other keys."""

from __future__ import annotations

import re

import pytest
import yaml

from reader.settings_file import SettingNotSaved, set_value


def test_replaces_the_line_and_keeps_comments(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(
        "# my settings\ncorpus: ~/news   # my folder\ntheme: nord\nkeymap:\n  main.search: ctrl+f\n",
        encoding="utf-8",
    )
    set_value(path, "theme", "gruvbox")
    text = path.read_text(encoding="utf-8")
    assert "# my settings" in text and "# my folder" in text
    assert yaml.safe_load(text) == {"corpus": "~/news", "theme": "gruvbox", "keymap": {"main.search": "ctrl+f"}}
    assert text.count("theme:") == 1


def test_creates_or_appends(tmp_path):
    path = tmp_path / "sub" / "config.yaml"
    set_value(path, "theme", "nord")
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {"theme": "nord"}
    path.write_text("corpus: x", encoding="utf-8")  # no newline at the end
    set_value(path, "theme", "dracula")
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {"corpus": "x", "theme": "dracula"}
    assert [p.name for p in path.parent.iterdir()] == ["config.yaml"], "no temporary file is left"


def test_block_value_is_replaced_whole(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("theme:\n  - odd\n  - list\ncorpus: x\n", encoding="utf-8")
    set_value(path, "theme", "nord")
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {"theme": "nord", "corpus": "x"}


def test_blank_lines_before_an_odd_space_do_not_hang(tmp_path):
    """The block after `theme:` was found by a regular expression that backtracked exponentially
    when blank lines were followed by a line starting with a space of another kind (U+00A0): the
    app hung on choosing a theme."""
    path = tmp_path / "config.yaml"
    path.write_text("theme: nord\n" + "\n" * 40 + "\u00a0odd: 1\n", encoding="utf-8")
    set_value(path, "theme", "dracula")
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {"theme": "dracula", "\u00a0odd": 1}


def test_blank_lines_after_the_key_stay(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("theme:\n  - odd\n\n# the corpus\ncorpus: x\n", encoding="utf-8")
    set_value(path, "theme", "nord")
    assert path.read_text(encoding="utf-8") == "theme: nord\n\n# the corpus\ncorpus: x\n"


def test_a_config_kept_behind_a_symbolic_link_stays_a_link(tmp_path):
    """A config.yaml linked from a dotfiles repository: saving the theme replaced the link by a
    plain file (the repository's copy silently stopped changing), with mkstemp's 0600 mode."""
    dotfiles = tmp_path / "dotfiles" / "reader.yaml"
    dotfiles.parent.mkdir()
    dotfiles.write_text("# mine\ncorpus: x\n", encoding="utf-8")
    dotfiles.chmod(0o644)
    link = tmp_path / "settings" / "config.yaml"
    link.parent.mkdir()
    link.symlink_to(dotfiles)
    set_value(link, "theme", "nord")
    assert link.is_symlink()
    assert dotfiles.read_text(encoding="utf-8") == "# mine\ncorpus: x\ntheme: nord\n"
    assert dotfiles.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in dotfiles.parent.iterdir()) == ["reader.yaml"], "no temporary file is left"


def test_a_hostile_config_is_not_expanded(tmp_path):
    import pytest

    laughs = "\n".join(
        ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    )
    path = tmp_path / "config.yaml"
    path.write_text(laughs + "\n", encoding="utf-8")
    with pytest.raises(OSError, match="the file is not valid YAML .*alias bomb"):
        set_value(path, "theme", "nord")
    assert path.read_text(encoding="utf-8") == laughs + "\n"


def test_a_broken_config_is_an_oserror_that_says_what_to_do(tmp_path):
    """The app catches OSError when saving the theme: a config edited into invalid YAML (or not
    UTF-8) raised YAMLError / UnicodeDecodeError, reported as a crash of the worker."""
    import pytest

    path = tmp_path / "config.yaml"
    path.write_text("corpus: [unclosed\n", encoding="utf-8")
    with pytest.raises(OSError, match="not valid YAML .*; fix it, then choose again"):
        set_value(path, "theme", "nord")
    path.write_bytes(b"corpus: caf\xe9\n")
    with pytest.raises(OSError, match="not UTF-8"):
        set_value(path, "theme", "nord")
    assert path.read_bytes() == b"corpus: caf\xe9\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # A config written in inline form was refused as "not valid YAML" (the line was appended).
        ("{corpus: x, theme: dark}\n", "{corpus: x, theme: nord}\n"),
        ("{corpus: x}\n", "{corpus: x, theme: nord}\n"),
        ("{}\n", "{theme: nord}\n"),
        ("{corpus: x,\n}\n", "{corpus: x, theme: nord,\n}\n"),
        (
            "# mine\n{\n  # the folder\n  corpus: x,  # here\n  theme: dark  # old\n}\n# end\n",
            "# mine\n{\n  # the folder\n  corpus: x,  # here\n  theme: nord  # old\n}\n# end\n",
        ),
        ("--- {corpus: x}\n", "--- {corpus: x, theme: nord}\n"),
        # Document markers: the line was appended after `...`, starting a second document.
        ("---\ncorpus: x\n...\n", "---\ncorpus: x\ntheme: nord\n...\n"),
        ("--- # mine\ncorpus: x\n... # end\n# tail\n", "--- # mine\ncorpus: x\ntheme: nord\n... # end\n# tail\n"),
        ("---\ntheme: dark\n...\n", "---\ntheme: nord\n...\n"),
        # An indented mapping, and a comment after the value, are kept.
        ("  corpus: x\n", "  corpus: x\n  theme: nord\n"),
        ("theme: dark  # my favourite\n", "theme: nord  # my favourite\n"),
    ],
)
def test_inline_mappings_and_document_markers_are_edited_in_place(tmp_path, before, after):
    path = tmp_path / "config.yaml"
    path.write_text(before, encoding="utf-8")
    set_value(path, "theme", "nord")
    assert path.read_text(encoding="utf-8") == after


@pytest.mark.parametrize(
    ("before", "reason"),
    [
        ("{corpus: &a dark, theme: *a}\n", "is an alias or carries an anchor or tag; set theme: nord in it yourself"),
        ("theme: &a dark\ncorpus: *a\n", "would break it (line 2: found undefined alias); set theme: nord"),
        ("- a\n", "the file holds a list, not settings written as 'key: value'"),
    ],
)
def test_what_cannot_be_edited_in_place_is_left_alone_and_said(tmp_path, before, reason):
    path = tmp_path / "config.yaml"
    path.write_text(before, encoding="utf-8")
    with pytest.raises(SettingNotSaved, match=re.escape(reason)):
        set_value(path, "theme", "nord")
    assert path.read_text(encoding="utf-8") == before
