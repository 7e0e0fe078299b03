"""Change one top-level setting of the user's config.yaml, keeping everything else as written.

Comments, order and the other keys stay untouched: only the value of `key` is replaced (or
`key: value` added, inside a `{...}` mapping, before a `...` document end, at the mapping's
indentation). The file is replaced atomically, so a crash never leaves half a config; a config.yaml
that is a symbolic link (kept in a dotfiles repository) stays one.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from reader import yamlsafe
from reader.plain_file import read_settings_text
from reader.safe_write import replace_file
from reader.wording import described

HEADER = "# reader's settings (see the README's Configuration section)\n"


class SettingNotSaved(OSError):
    """The file cannot take the setting (not UTF-8, not valid YAML): one line, what to do."""


def set_value(path: Path, key: str, value: str | int | bool) -> None:
    """Set `key: value` at the top level of the YAML file at `path` (created when missing).
    OSError when it cannot be read or written; SettingNotSaved (an OSError) when what is in it
    is not UTF-8 or not YAML."""
    path = Path(path)
    try:
        # Read as every settings file is: a FIFO or a device there is said, never replaced.
        text = read_settings_text(path)
    except FileNotFoundError:
        text = HEADER
    except UnicodeDecodeError:
        raise SettingNotSaved("the file is not UTF-8 text; fix it, then choose again") from None
    root = _root(text)
    edited = _edit_in_place(text, root, key, value) if root is not None else None
    if edited is None and root is not None and root.flow_style:
        # A line edit would cut the `{...}` mapping: say what to change rather than risk it.
        raise SettingNotSaved(
            f"the settings are one {{...}} mapping whose {key!r} is an alias or carries an anchor or "
            f"tag; set {key}: {_flow(value)} in it yourself"
        )
    edited_text = edited if edited is not None else _edit_lines(text, root, key, value)
    try:
        # Never write a file that would not load, or would not hold the value (bounded: the file
        # may be hostile).
        loaded = yamlsafe.load(edited_text)
    except yaml.YAMLError as exc:
        was = _loaded(text)
        if was is not None and not isinstance(was, dict):
            raise SettingNotSaved(
                f"the file holds {described(was)}, not settings written as 'key: value'; fix it, then choose again"
            ) from None
        if was is not None:
            raise SettingNotSaved(
                f"the file is valid YAML but setting {key} the way it is written would break it "
                f"({yamlsafe.describe(exc)}); set {key}: {_flow(value)} in it yourself"
            ) from None
        raise SettingNotSaved(
            f"the file is not valid YAML ({yamlsafe.describe(exc)}); fix it, then choose again"
        ) from None
    if not isinstance(loaded, dict) or loaded.get(key) != value:
        raise SettingNotSaved(
            f"the file's settings are not written as one mapping this edit can set {key} in; "
            f"set {key}: {_flow(value)} in it yourself"
        )
    replace_file(path, edited_text.encode("utf-8"))


def _loaded(text: str) -> object:
    """What `text` loads as: None when it does not load (or holds nothing)."""
    try:
        return yamlsafe.load(text)
    except yaml.YAMLError:
        return None


def _root(text: str) -> yaml.MappingNode | None:
    """The document's top-level mapping, its nodes carrying their place in `text` (None: not one)."""
    try:
        root = yaml.compose(text, Loader=yamlsafe.BoundedSafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None  # the line edit is tried, and what it writes is checked
    return root if isinstance(root, yaml.MappingNode) else None


def _flow(value: str | int | bool) -> str:
    """`value` as YAML that reads back the same inside a `{...}` mapping or on a `key:` line."""
    return yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=1 << 30).strip()[1:-1]


def _edit_in_place(text: str, root: yaml.MappingNode, key: str, value: str | int | bool) -> str | None:
    """Replace the value of `key` where it stands (a `{...}` mapping, or a one-line value: a
    comment after it stays), or add it to a `{...}` mapping; None: for the line edit."""
    pairs = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.tag.endswith(":str")]
    found = [v for k, v in pairs if k.value == key]
    if any(not _written_after(text, k, v) for k, v in pairs if k.value == key):
        return None  # an alias (its node stands elsewhere), an anchor or a tag: not replaced here
    if found:
        if not root.flow_style and any(
            not isinstance(v, yaml.ScalarNode)
            or v.style in ("|", ">")
            or v.start_mark.line != v.end_mark.line
            or v.start_mark.index == v.end_mark.index
            for v in found
        ):
            return None  # a block value over several lines, or none: replaced line by line
        for k, v in sorted(
            ((k, v) for k, v in pairs if k.value == key), key=lambda pair: pair[1].start_mark.index, reverse=True
        ):
            start, end = v.start_mark.index, v.end_mark.index
            if start == end and ":" not in text[k.end_mark.index : start]:  # `{theme}`: a key alone
                start = end = k.end_mark.index
                text = text[:start] + ": " + _flow(value) + text[end:]
                continue
            gap = " " if start == end and text[start - 1 : start] == ":" else ""
            text = text[:start] + gap + _flow(value) + text[end:]
        return text
    if not root.flow_style:
        return None
    close = root.end_mark.index - 1
    if text[close : close + 1] != "}":
        return None
    item = f"{_flow(key)}: {_flow(value)}"
    if root.value:  # after the last value, before any comma, comment or line break that follows it
        after = root.value[-1][1].end_mark.index
        return text[:after] + ", " + item + text[after:]
    return text[:close] + item + text[close:]


def _written_after(text: str, key: yaml.Node, value: yaml.Node) -> bool:
    """Whether `value` is written right after `key` and its colon (not an alias to a node written
    elsewhere, which replacing would change there; no anchor or tag before it)."""
    between = text[key.end_mark.index : value.start_mark.index]
    return (
        value.start_mark.index >= key.end_mark.index
        and re.fullmatch(r"\s*:?\s*", between) is not None
        and text[value.start_mark.index : value.start_mark.index + 1] not in ("&", "!")
    )


def _edit_lines(text: str, root: yaml.MappingNode | None, key: str, value: str | int | bool) -> str:
    """Replace the line `key: ...` and the block under it, or add the line at the end of the
    mapping (before a `...` document end marker)."""
    line = yaml.safe_dump({key: value}, default_flow_style=False, allow_unicode=True).strip()
    indent = " " * root.value[0][0].start_mark.column if root is not None and root.value else ""
    lines = text.splitlines(keepends=True)
    start = re.compile(rf"{re.escape(indent + key)}\s*:")
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
        lines[first:end] = [indent + line + "\n"]
        return "".join(lines)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    end_marker = re.compile(r"\.\.\.(\s|#|$)")
    at = next((n for n, old in enumerate(lines) if end_marker.match(old)), len(lines))
    lines.insert(at, indent + line + "\n")
    return "".join(lines)
