"""The per-folder manifest `corpus.yaml`: metadata for the files of one folder, by file name.

Format (YAML, read with the safe loader; every key is optional)::

    # corpus.yaml — metadata for the articles in this folder
    defaults:                 # applied to every article file in this folder (not in subfolders)
      outlet: Reuters
    files:                    # one entry per file of this folder, by its exact file name
      000_d35029dd94d24c05.txt:
        title: Trump has no plans to meet Putin, White House official says
        outlet: Fox News      # a name or an alias; the outlets registry makes it canonical
        date: 2025-10-21      # ISO YYYY-MM-DD (a YAML date or a string)
        url: https://www.foxnews.com/...
        author: Jane Doe      # a string, or a list of names
        story: putin-summit   # a story id, to group articles by hand

Fields: title, outlet, date, url, author, story. Precedence, lowest first: `defaults`, the file's
own metadata (front matter, HTML meta tags, feed or JSON fields), then the file's entry under
`files` — the manifest is the user's correction, so it wins. For a feed or a JSON Lines file,
the entry applies to every article in it, below each entry's own metadata.

Problems are reported, never fatal: a manifest that is not valid YAML (or not a mapping) is
ignored as a whole; a file named under `files` that does not exist, an entry that is not a
mapping and an unknown field are each reported with the manifest's path and a reason.
The manifest itself is never an article.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path


from reader.corpus.decode import sanitize_line
from reader.corpus.regular_file import LeadsOutside, read_regular
from reader.wording import quoted_key, untrusted_shown

MANIFEST_NAME = "corpus.yaml"
FIELDS = ("title", "outlet", "date", "url", "author", "story")

# Longest metadata value kept (a title is a line, not an article); longer URLs are dropped.
MAX_VALUE_CHARS = 1000
MAX_MANIFEST_BYTES = 10 * 1024 * 1024
_NOT_REGULAR = "not a regular file (put in its place as it was read); the manifest is ignored"
_TOO_LARGE = f"over {MAX_MANIFEST_BYTES // (1024 * 1024)} MB; the manifest is ignored"
MAX_URL_CHARS = 2048


# What a YAML document can raise besides YAMLError (`!!float abc`, `!!int 0xZZ`, deep nesting).
YAML_VALUE_ERRORS = (ValueError, TypeError, OverflowError, RecursionError)


def load_yaml(text: str):
    """Parse YAML with the bounded safe loader (reader.yamlsafe: alias bombs and deep nesting are
    errors), every plain scalar the text written (`title: yes` is "yes", not true; a date is
    judged by whoever reads it); raises yaml.YAMLError or one of YAML_VALUE_ERRORS."""
    from reader import yamlsafe

    return yamlsafe.load(text, scalars_as_text=True)


def _yaml_error() -> type[Exception]:
    """yaml.YAMLError, imported when a manifest is read (a scan of a corpus without one never
    imports YAML)."""
    import yaml

    return yaml.YAMLError


def yaml_problem(exc: BaseException, line_offset: int = 1) -> str:
    """Why YAML did not parse, to append to a phrase: "at line 3: …" or ": nested too deeply"."""
    if isinstance(exc, RecursionError):
        return ": nested too deeply"
    if not isinstance(exc, _yaml_error()):
        return f": invalid value ({exc})"
    from reader import yamlsafe

    said = yamlsafe.describe(exc)
    mark = yamlsafe.error_mark(exc)
    if mark is None:
        return f": {said}"
    # describe() counts lines from 1; front matter starts on the file's second line.
    return f" at line {mark.line + line_offset}: {said.partition(': ')[2]}"


@dataclass(frozen=True)
class Manifest:
    path: Path
    defaults: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)  # file name -> metadata dict
    problems: tuple[str, ...] = ()  # reasons, in words a user reads

    def metadata_for(self, name: str) -> tuple[dict, dict]:
        """(defaults, entry) for a file name: both dicts of the FIELDS given."""
        return self.defaults, self.files.get(name, {})


def metadata_value(key: str, value, problems: list[str] | None = None, written: object = None) -> str | None:
    """One metadata value from YAML/JSON as a clean one-line string (dates as ISO), or None.
    A value of a shape the field cannot take (a list of outlets, a mapping for a title) is said
    in `problems`, with what was made of it, by the key as `written` (an alias, `source:`, when
    it was one) or else the field's name."""
    said = quoted_key(key if written is None else written)
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool):  # (JSON's and TOML's; YAML's is read as the word, below)
        if problems is not None:
            problems.append(f"{said} is {str(value).lower()}, not {_FIELD_KIND[key]}; it is ignored")
        return None
    if isinstance(value, (list, tuple)):
        # Only flat lists, so aliased YAML cannot blow up.
        items = (metadata_value(key, item) for item in value[:50] if not isinstance(item, (list, tuple, dict)))
        parts = [part for part in items if part]
        if key == "author":  # a list of names
            text = ", ".join(parts)
            return _capped(key, text) if text else None
        # One outlet, title, date, URL or story: the first, said.
        if problems is not None and value:
            # shown as the first is by !r: a bidi control in the reason reordered the line it is on
            listed = untrusted_shown(_capped("title", ", ".join(parts)) or "")
            made = f"the first, {parts[0]!r}, is used" if parts else "it is ignored"
            problems.append(f"{said} is a list ({listed}) where one value belongs; {made}")
        return parts[0] if parts else None
    if isinstance(value, dict):
        # An author object such as {"name": "..."}; anything else has no sensible string form.
        name = value.get("name")
        if key != "author" or not isinstance(name, str):
            if problems is not None:
                problems.append(f"{said} is a mapping, not text; it is ignored")
            return None
        return metadata_value(key, name)
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = sanitize_line(value[: MAX_URL_CHARS * 4])
    if key in _NOT_A_WORD_OR_NUMBER and _is_word_or_number(text):
        # `source: true`, `"outlet": 3`: a flag or a count, not a name (the outlet is inferred)
        if problems is not None:
            problems.append(f"{said} is {untrusted_shown(text)}, not {_FIELD_KIND[key]}; it is ignored")
        return None
    return _capped(key, text) if text else None


# What each field holds, in a reason for refusing a value ("'outlet' is true, not a name").
_FIELD_KIND = {
    "title": "a title",
    "outlet": "a name",
    "author": "a name",
    "url": "a link",
    "date": "a date",
    "story": "a story id",
}
# The fields whose value is never a YAML flag word or a bare number: a name or a link. (A title
# may be "1984" or "Yes", a story id "42", and a date is judged by the date reader.)
_NOT_A_WORD_OR_NUMBER = frozenset({"outlet", "author", "url"})
# YAML 1.1's booleans and null, as `scalars_as_text` leaves them (and JSON's and TOML's, written).
_FLAG_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "null", "none", "nan", "~"})
_BARE_NUMBER = re.compile(r"[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|[-+]?\.?(?:inf|infinity|nan)", re.I)


def _is_word_or_number(text: str) -> bool:
    return text.lower() in _FLAG_WORDS or _BARE_NUMBER.fullmatch(text) is not None


def _capped(key: str, text: str) -> str | None:
    if key == "url":
        return text if len(text) <= MAX_URL_CHARS else None
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1].rstrip() + "…"


def _clean_fields(raw: dict, where: str, problems: list[str]) -> dict:
    out = {}
    for key, value in raw.items():
        name = str(key).strip().lower()
        if name not in FIELDS:
            problems.append(f"unknown field {quoted_key(key)} in {where} (ignored; known fields: {', '.join(FIELDS)})")
            continue
        found: list[str] = []
        text = metadata_value(name, value, found, written=str(key).strip())
        problems.extend(f"{problem} (in {where})" for problem in found)
        if text is not None:
            out[name] = text
    return out


def parse_manifest(path: Path, text: str) -> Manifest:
    """Parse the text of a corpus.yaml; problems are collected, never raised."""
    try:
        data = load_yaml(text)
    except (_yaml_error(), *YAML_VALUE_ERRORS) as exc:
        return Manifest(path, problems=(f"invalid YAML{yaml_problem(exc)}; the manifest is ignored",))
    if data is None:
        return Manifest(path)
    if not isinstance(data, dict):
        return Manifest(path, problems=("expected a mapping with 'defaults' and 'files'; the manifest is ignored",))
    problems: list[str] = []
    for key in data:
        if key not in ("defaults", "files"):
            problems.append(f"unknown top-level key {quoted_key(key)} (ignored; expected 'defaults' and 'files')")
    defaults: dict = {}
    raw_defaults = data.get("defaults")
    if isinstance(raw_defaults, dict):
        defaults = _clean_fields(raw_defaults, "'defaults'", problems)
    elif raw_defaults is not None:
        problems.append("'defaults' is not a mapping of fields (ignored)")
    files: dict = {}
    raw_files = data.get("files")
    if isinstance(raw_files, dict):
        for name, entry in raw_files.items():
            name = str(name)
            label = quoted_key(name)
            if "/" in name or "\\" in name or name in (".", ".."):
                problems.append(
                    f"entry {label} names a path, not a file of this folder (ignored; "
                    "put a corpus.yaml in that folder instead)"
                )
                continue
            if entry is None:
                files[name] = {}
            elif isinstance(entry, dict):
                files[name] = _clean_fields(entry, f"the entry for {label}", problems)
            else:
                problems.append(f"the entry for {label} is not a mapping of fields (ignored)")
    elif raw_files is not None:
        problems.append("'files' is not a mapping of file names to fields (ignored)")
    return Manifest(path, defaults, files, tuple(problems))


@functools.lru_cache(maxsize=256)
def _read_manifest(path: str, mtime_ns: int, size: int) -> Manifest:
    from reader.corpus.decode import BinaryFile, decode_bytes, sanitize

    try:
        st, data = read_regular(path, MAX_MANIFEST_BYTES)  # a FIFO put in its place: not read
    except OSError as exc:
        return Manifest(Path(path), problems=(f"cannot read: {exc.strerror or exc}; the manifest is ignored",))
    if not stat.S_ISREG(st.st_mode):
        return Manifest(Path(path), problems=(_NOT_REGULAR,))
    if data is None or len(data) > MAX_MANIFEST_BYTES:
        return Manifest(Path(path), problems=(_TOO_LARGE,))
    try:
        text, _ = decode_bytes(data)
    except BinaryFile as exc:
        return Manifest(Path(path), problems=(f"{exc}; the manifest is ignored",))
    return parse_manifest(Path(path), sanitize(text))


def manifest_for(folder: Path) -> Manifest | None:
    """The manifest of a folder (cached by path and modification time), or None when it has none."""
    path = os.path.join(folder, MANIFEST_NAME)
    try:
        st = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None  # a folder; a FIFO or a socket discover() reports (reading a FIFO would block)
    if os.path.islink(path) and os.path.dirname(os.path.realpath(path)) != os.path.realpath(folder):
        # Like article links: a manifest never pulls in a file from elsewhere (~/.ssh, /etc).
        return Manifest(
            Path(path),
            problems=(f"a symbolic link to {os.readlink(path)!r}, out of its folder; the manifest is ignored",),
        )
    if st.st_size > MAX_MANIFEST_BYTES:
        return Manifest(Path(path), problems=(_TOO_LARGE,))
    try:
        return _read_manifest(path, st.st_mtime_ns, st.st_size)
    except LeadsOutside as exc:  # its folder made a link out of the corpus since the scan
        return Manifest(Path(path), problems=(f"leads to {exc.real!r}, out of the corpus; the manifest is ignored",))
