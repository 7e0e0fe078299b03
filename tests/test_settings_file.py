"""Saving one setting into config.yaml keeps the user's comments and other keys."""

from __future__ import annotations

import yaml

from reader.settings_file import set_value


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
