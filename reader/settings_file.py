"""Change one top-level setting of the user's config.yaml, keeping everything else as written.

Comments, order and the other keys stay untouched: only the line `key: ...` is replaced (or
appended). The file is replaced atomically, so a crash never leaves half a config; a config.yaml
that is a symbolic link (kept in a dotfiles repository) stays one.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from reader import yamlsafe
from reader.safe_write import replace_file

HEADER = "# reader's settings (see the README's Configuration section)\n"


class SettingNotSaved(OSError):
    """The file cannot take the setting (not UTF-8, not valid YAML): one line, what to do."""


def set_value(path: Path, key: str, value: str | int | bool) -> None:
    """Set `key: value` at the top level of the YAML file at `path` (created when missing).
    OSError when it cannot be read or written; SettingNotSaved (an OSError) when what is in it
    is not UTF-8 or not YAML."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    except UnicodeDecodeError:
        raise SettingNotSaved("the file is not UTF-8 text; fix it, then choose again") from None
    line = yaml.safe_dump({key: value}, default_flow_style=False, allow_unicode=True).strip()
    lines = text.splitlines(keepends=True)
    start = re.compile(rf"{re.escape(key)}\s*:")
    first = next((n for n, old in enumerate(lines) if start.match(old)), None)
    if first is not None:
        # A block value on the following indented (or blank) lines would be left dangling: drop
        # it too. Line by line: a regular expression doing this backtracked exponentially on
        # blank lines followed by a line starting with another kind of space (U+00A0).
        end = first + 1
        while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t"):
            end += 1
        while end > first + 1 and not lines[end - 1].strip():
            end -= 1  # the blank lines after the block separate it from what follows: kept
        lines[first:end] = [line + "\n"]
        text = "".join(lines)
    else:
        if text and not text.endswith("\n"):
            text += "\n"
        text += line + "\n"
    try:
        yamlsafe.load(text)  # never write a file that would not load (bounded: the file may be hostile)
    except yaml.YAMLError as exc:
        raise SettingNotSaved(
            f"the file is not valid YAML ({yamlsafe.describe(exc)}); fix it, then choose again"
        ) from None
    replace_file(path, text.encode("utf-8"))
