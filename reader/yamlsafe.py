"""The one way reader reads YAML (config, outlets, manifests, front matter): the safe loader with
bounds, so a hostile file fails fast with a YAML error instead of hanging or eating memory.

- Aliases: an "alias bomb" (billion laughs) is a few hundred bytes whose aliases expand to
  billions of nodes; the graph is checked after parsing, before anything walks it.
- Depth: libyaml stops at 1000 levels, deep enough to blow Python's recursion in code that walks
  the result; we stop at MAX_DEPTH.
- Values: `!!float abc`, `!!int 0xZZ` and the like are YAML errors too (the safe loader raises
  ValueError); an impossible date (2025-13-45) stays a string for the caller to judge.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

import yaml

MAX_DEPTH = 64
# Aliases may add at most this many nodes (plus as many as the document holds) when expanded.
MAX_ALIAS_NODES = 100_000


class YamlBoundsError(yaml.YAMLError):
    """A document beyond our bounds, or with a value its tag cannot take; `problem` says which."""

    def __init__(self, problem: str, mark=None):
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark

    def __str__(self) -> str:
        return self.problem


def _check(root) -> None:
    """Depth and expanded size of a composed node graph (shared by aliases), in one pass."""
    distinct = 0
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    stack = [(root, False, 1)]
    open_nodes: set[int] = set()
    while stack:
        node, done, level = stack.pop()
        key = id(node)
        if level > MAX_DEPTH:
            raise YamlBoundsError(f"nested too deeply (more than {MAX_DEPTH} levels)", node.start_mark)
        if done:
            open_nodes.discard(key)
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            if depth[key] > MAX_DEPTH:
                raise YamlBoundsError(f"nested too deeply (more than {MAX_DEPTH} levels)", node.start_mark)
            if size[key] > 2 * distinct + MAX_ALIAS_NODES:
                raise YamlBoundsError("aliases expand to too many values (an alias bomb?)", node.start_mark)
            continue
        if key in size:
            continue
        if key in open_nodes:
            raise YamlBoundsError("an alias refers to a node that contains it", node.start_mark)
        open_nodes.add(key)
        distinct += 1
        stack.append((node, True, level))
        stack.extend((kid, False, level + 1) for kid in _children(node) if id(kid) not in size)


def _children(node) -> list:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return []


if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:  # libyaml's loader when PyYAML was built with it
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class BoundedSafeLoader(_SafeLoader):
    """yaml's safe loader (libyaml's when present) with the bounds above."""

    def get_single_data(self):
        node = self.get_single_node()
        if node is None:
            return None
        _check(node)
        try:
            return self.construct_document(node)
        except (ValueError, TypeError, OverflowError) as exc:
            raise YamlBoundsError(f"invalid value ({exc})") from None
        except RecursionError:
            raise YamlBoundsError("nested too deeply") from None

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:  # with the line it happened on
            raise YamlBoundsError(f"invalid value ({exc})", node.start_mark) from None


def _lenient_timestamp(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


BoundedSafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)


class TextScalarLoader(BoundedSafeLoader):
    """BoundedSafeLoader reading every plain scalar as the text written (`title: yes` is "yes",
    `title: 1984` is "1984", `date: 2024-02-30` is "2024-02-30"), but for null (`~`, `null`, an
    empty value) and `<<` merges: metadata is text, and its reader judges it."""


_KEPT_TAGS = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:merge")
TextScalarLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEPT_TAGS]
    for first, resolvers in BoundedSafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str, *, scalars_as_text: bool = False):
    """Parse one YAML document; raises yaml.YAMLError (YamlBoundsError beyond the bounds).
    `scalars_as_text`: plain scalars stay the text written (TextScalarLoader)."""
    return yaml.load(text, Loader=TextScalarLoader if scalars_as_text else BoundedSafeLoader)


# A [, { or quotation mark left open is noticed where the text ends, or at the first line that
# cannot go on inside it: past the mistake, often a line past the end of a one-line file.
_LEFT_OPEN = {
    "while parsing a flow sequence": "a [",
    "while parsing a flow mapping": "a {",
    "while scanning a quoted scalar": "a quotation mark",
}


class _Opened(NamedTuple):
    """Where a [ or { left open is written (line and column from 0, as a yaml Mark's)."""

    line: int
    column: int
    sign: str


def error_mark(exc: BaseException, text: str | None = None):
    """Where to look for the mistake: the line where a [, { or quotation mark left open starts,
    else where the parser noticed the problem (None when it says nowhere). Given the `text`, a [ or
    { left open with nothing after it (`corpus: [`), which the parser notices past the end of the
    file "while parsing a flow node" and names no sign of, is found in it."""
    mark = getattr(exc, "problem_mark", None)
    opened = getattr(exc, "context_mark", None)
    if mark is not None and opened is not None and getattr(exc, "context", None) in _LEFT_OPEN:
        if opened.line < mark.line:
            return opened
    if mark is not None and text is not None and getattr(exc, "context", None) == "while parsing a flow node":
        if not text[mark.index :].strip():  # noticed at the end: something is left open
            return _last_left_open(text) or mark
    return mark


# What ends a line for YAML, whose marks number the lines of every other mistake: a file saved
# with \r alone, or holding a NEL or a line separator, is numbered as the parser numbers it.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _lines(text: str) -> list[str]:
    """`text`'s lines as a yaml Mark's line and column count them: a byte-order mark at the start
    is no column of the first (libyaml skips it)."""
    return _LINE_BREAK.split(text.removeprefix("\ufeff"))


def _last_left_open(text: str) -> _Opened | None:
    """The innermost [ or { of `text` that is not closed, outside quotes and comments."""
    pending: list[_Opened] = []
    for number, line in enumerate(_lines(text)):
        quote = None
        for column, char in enumerate(line):
            if quote:
                quote = None if char == quote else quote
            elif char in "'\"" and (column == 0 or line[column - 1] in " \t[{,:"):
                quote = char
            elif char == "#" and (column == 0 or line[column - 1] in " \t"):
                break
            elif char in "[{":
                pending.append(_Opened(number, column, char))
            elif char in "]}" and pending:
                pending.pop()
    return pending[-1] if pending else None


def describe(exc: BaseException, text: str | None = None) -> str:
    """One line saying why: "line 3: found undefined alias", "line 1: a [ is not closed (...)" or
    "nested too deeply (...)"; given the document's `text`, the character a token cannot start
    with is named (the parser's words do not say it was a tab)."""
    mark = error_mark(exc, text)
    reason = _reason(exc, text)
    return reason if mark is None else f"line {mark.line + 1}: {reason}"


def broken_said(path, exc: BaseException, text: str) -> str:
    """The error line for a settings file that is not YAML: "PATH: line 1, column 9: broken YAML:
    a [ is not closed (...)". Said where the mistake is, not under the key written above it:
    "config.yaml: corpus: not valid YAML" for `corpus: [` read as a bad corpus setting."""
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        # A control character (a binary file, a stray \x07): said where it is, not as the
        # reader's '"<unicode string>", position 0'.
        said = f"broken YAML: a control character ({exc.character:#04x}) cannot be in it"
        # Its first one in the text (where the reader stopped): libyaml's position counts the
        # bytes of the UTF-8 it made of the text, so an "é" before it moved it a column on.
        index = text.find(chr(exc.character), 1 if text.startswith("\ufeff") else 0)
        if index < 0:
            return f"{path}: {said}"
        lines = _lines(text[:index])
        return f"{path}: line {len(lines)}, column {len(lines[-1]) + 1}: {said}"
    mark = error_mark(exc, text)
    where = f"{path}: line {mark.line + 1}, column {mark.column + 1}" if mark is not None else str(path)
    return f"{where}: broken YAML: {_reason(exc, text)}"


def _reason(exc: BaseException, text: str | None) -> str:
    """describe's words without the line."""
    mark = error_mark(exc, text)
    problem = getattr(exc, "problem", None) or " ".join(str(exc).split()) or "invalid YAML"
    if mark is None:
        return problem
    if isinstance(mark, _Opened):
        return f"a {mark.sign} is not closed ({problem})"
    if mark is not getattr(exc, "problem_mark", None):
        return f"{_LEFT_OPEN[getattr(exc, 'context', '')]} is not closed ({problem})"
    return f"{problem}{_bad_start_note(problem, text, mark)}"


def _bad_start_note(problem: str, text: str | None, mark) -> str:
    """ "; a tab: indent with spaces" (or "; '@' cannot start a value: quote it") for "found
    character that cannot start any token", when the character at `mark` can be read."""
    if text is None or not problem.startswith("found character that cannot start any token"):
        return ""
    lines = _lines(text)
    if not 0 <= mark.line < len(lines) or not 0 <= mark.column < len(lines[mark.line]):
        return ""
    char = lines[mark.line][mark.column]
    if char == "\t":
        return "; a tab: indent with spaces"
    if char in "@`":
        return f"; {char!r} cannot start a value: quote it"
    return ""


def key_at(text: str, mark) -> str | None:
    """The top-level key whose value holds the YAML error at `mark` (for the error line)."""
    if mark is None:
        return None
    key = None
    for line in _lines(text)[: mark.line + 1]:
        if line[:1].strip() and not line.startswith(("#", "-", "---")) and ":" in line:
            key = line.split(":", 1)[0].strip()[:60]
    return key


def _top_level(text: str, key: str):
    """(key node, value node) of the top-level `key` of a document that loads, else None; of a
    key written twice, the last, whose value YAML takes (the first was named for the second's)."""
    try:
        node = yaml.compose(text, Loader=BoundedSafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in reversed(node.value):
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def key_line(text: str, key: str) -> int | None:
    """The line (from 1) where the top-level `key` of a document that loads is written, for a
    message about its value ("config.yaml: line 3: theme: ..."); None when it cannot be told."""
    found = _top_level(text, key)
    return found[0].start_mark.line + 1 if found else None


def item_lines(text: str, key: str) -> list[int]:
    """The line (from 1) of each item of the list under the top-level `key` ("feeds.yaml: line 7:
    feed 3: ..."); [] when it cannot be told."""
    found = _top_level(text, key)
    if not found or not isinstance(found[1], yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in found[1].value]


def mapping_lines(text: str, key: str) -> dict[str, int]:
    """The line (from 1) of each key of the mapping under the top-level `key` ("feeds.yaml: line
    9: unknown setting ..."); {} when it cannot be told."""
    found = _top_level(text, key)
    if not found or not isinstance(found[1], yaml.MappingNode):
        return {}
    return {
        item.value: item.start_mark.line + 1 for item, _value in found[1].value if isinstance(item, yaml.ScalarNode)
    }


def composed(text: str) -> yaml.Node | None:
    """The node tree of a YAML document (where each key is written), for lines_of_keys_at; None
    when it cannot be told."""
    try:
        return yaml.compose(text, Loader=BoundedSafeLoader)
    except yaml.YAMLError:
        return None


def lines_of_keys_at(node: yaml.Node | None, where: tuple[str | int, ...]) -> dict[str, int]:
    """The line (from 1) of each key of the mapping `where` leads to from the top of `node` (the
    document, composed()) (a key of a mapping, or an item's index in a list: ("outlets", 2) is
    the third outlet's), for a message about one of its keys ("outlets.yaml: line 9: outlets[2]:
    unknown key ..."); {} when it cannot be told."""
    for step in where:
        if isinstance(step, int) and isinstance(node, yaml.SequenceNode) and 0 <= step < len(node.value):
            node = node.value[step]
        elif isinstance(step, str) and isinstance(node, yaml.MappingNode):
            found = [value for key, value in node.value if isinstance(key, yaml.ScalarNode) and key.value == step]
            if not found:
                return {}
            node = found[-1]  # of a key written twice, the last, whose value YAML takes
        else:
            return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    lines: dict[str, int] = {}
    for key, _value in node.value:
        if isinstance(key, yaml.ScalarNode):
            lines.setdefault(key.value, key.start_mark.line + 1)
    return lines


def repeated_keys(text: str) -> list[tuple[str | None, str, int, int]]:
    """Keys a document that loads sets twice in one mapping, anywhere in it: (the top-level key
    the mapping is under, None for the top level itself; the key; the line of the value ignored;
    the line of the one kept), lines from 1, in the order written. YAML loaders keep the last
    without a word, so an edit made above it did nothing."""
    try:
        root = yaml.compose(text, Loader=BoundedSafeLoader)
    except yaml.YAMLError:
        return []
    repeated: list[tuple[str | None, str, int, int]] = []
    stack: list[tuple[object, str | None]] = [(root, None)]
    seen: set[int] = set()
    while stack:
        node, under = stack.pop()
        if id(node) in seen:  # an alias: its mapping is reported where it is written
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, under) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    line = key.start_mark.line + 1
                    same = (key.tag, key.value)  # `1:` and `"1":` are two keys, an int and a text
                    if same in first:
                        repeated.append((under, key.value, first[same], line))
                    first[same] = line
                    stack.append((value, key.value if node is root else under))
    return sorted(repeated, key=lambda found: found[2])


def repeated_key_said(path, under: str | None, key: str, ignored: int, kept: int) -> str:
    """One line for a key set twice (repeated_keys): "config.yaml: line 3: keymap: 'main.search'
    is set again on line 5, which is in effect"."""
    place = f"{str(under)[:60]}: " if under is not None else ""
    return f"{path}: line {ignored}: {place}{key[:60]!r} is set again on line {kept}, which is in effect"


def unreadable(exc: OSError | UnicodeDecodeError) -> str:
    """Why a YAML file could not be read, in words: "'utf-8' codec can't decode byte 0xff in
    position 0: invalid start byte" becomes "not UTF-8 text (byte 0xff at offset 0)"."""
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
    return exc.strerror or str(exc)
