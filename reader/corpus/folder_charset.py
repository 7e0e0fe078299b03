"""Which script, Cyrillic or Greek, a file's own name or its folder's other files say its text is in,
for a text whose bytes read as Russian and as Greek alike (decode.script_hint): KOI8-R's small
letters are cp1253's capitals, and a word or two of either was told by its letters alone
(`столица` in KOI8-R read as `ΣΤΟΜΙΓΑ`). An outlet's folder is written in one charset as a rule.

Asked only for such a text, so a corpus without one never lists a folder for it. The answer is not
part of the file's signature: the index keeps, for a file whose decoding asked its folder, the
answer it got (ScriptHint.folder_answer), and reads the file again when its folder answers
otherwise (folder_answer_now), as a fresh build would read it.
"""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

from reader.corpus.decode import BinaryFile, decode_bytes, script_hint
from reader.corpus.suffixes import HTML_SUFFIXES, article_suffix
from reader.plain_file import open_without_blocking

# The charsets whose text is of one script (what decode_bytes names them).
_CHARSET_SCRIPTS = {
    "koi8-r": "Cyrillic",
    "koi8_r": "Cyrillic",
    "koi8-u": "Cyrillic",
    "koi8_u": "Cyrillic",
    "cp1251": "Cyrillic",
    "iso8859-5": "Cyrillic",
    "iso8859_5": "Cyrillic",
    "mac-cyrillic": "Cyrillic",
    "mac_cyrillic": "Cyrillic",
    "cp1253": "Greek",
    "iso8859-7": "Greek",
    "iso8859_7": "Greek",
}
# How many of the folder's other article files are read (the first by name), and how much of each.
NEIGHBOURS_READ = 8
_NEIGHBOUR_BYTES = 32 * 1024


class ScriptHint:
    """What decode.script_hint asks while `path` is decoded: the script of the letters of its
    name beyond ASCII, when they are all Cyrillic or all Greek (`новости.txt`); else the one its
    folder's other files are read in, when most of those in a Cyrillic or Greek charset are in
    one script; else None. `folder_answer`: what the folder answered ("" for nothing), once it
    was asked; None while it was not (the file's reading owes its folder nothing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder_answer: str | None = None
        self._asked = False
        self._script: str | None = None

    def __call__(self) -> str | None:
        if not self._asked:
            self._asked = True
            self._script = _name_script(self.path.name)
            if self._script is None:
                self._script = _folder_script(str(self.path.parent), self.path.name)
                self.folder_answer = self._script or ""
        return self._script


def script_hint_for(path: Path) -> ScriptHint:
    return ScriptHint(path)


def folder_answer_now(path: str) -> str:
    """What the folder of `path` answers its hint now, as ScriptHint.folder_answer gives it."""
    where = Path(path)
    return _folder_script(str(where.parent), where.name) or ""


def forget() -> None:
    """Read each folder's neighbours afresh from now on, as a new process would: a neighbour
    rewritten in place leaves its folder's time as it was (the index's update, in a long-running
    app, calls it as it starts)."""
    _neighbour_scripts.cache_clear()


def _name_script(name: str) -> str | None:
    scripts = {_letter_script(ch) for ch in name if ch.isalpha() and not ch.isascii()}
    return scripts.pop() if len(scripts) == 1 and None not in scripts else None


def _letter_script(ch: str) -> str | None:
    code = ord(ch)
    if 0x0400 <= code <= 0x052F:
        return "Cyrillic"
    if 0x0370 <= code <= 0x03FF or 0x1F00 <= code <= 0x1FFF:
        return "Greek"
    return None


def _folder_script(folder: str, own: str) -> str | None:
    try:
        mtime = os.stat(folder).st_mtime_ns
    except OSError:
        return None
    others = [script for name, script in _neighbour_scripts(folder, mtime) if name != own][:NEIGHBOURS_READ]
    cyrillic, greek = others.count("Cyrillic"), others.count("Greek")
    if cyrillic > greek * 2:
        return "Cyrillic"
    if greek > cyrillic * 2:
        return "Greek"
    return None


@functools.lru_cache(maxsize=64)
def _neighbour_scripts(folder: str, mtime: int) -> tuple[tuple[str, str | None], ...]:
    """(name, script) of the first NEIGHBOURS_READ + 1 article files of `folder` by name (the file
    asking is one of them or not): the script of the charset each is read in, when that is a
    Cyrillic or Greek one its own bytes told (not itself alike in both: it would only repeat the
    letters' guess), else None. `mtime`: the folder's, so that a file added or renamed is seen;
    the files of one folder read their neighbours once."""
    try:
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it if _a_neighbour(e))
    except OSError:
        return ()
    found: list[tuple[str, str | None]] = []
    for name in names[: NEIGHBOURS_READ + 1]:
        data = _head_of(os.path.join(folder, name))
        script = None
        asked: list[bool] = []
        # A neighbour alike in both scripts asks this hint too: recorded, and its vote not counted.
        with script_hint(lambda: asked.append(True)):
            try:
                _text, encoding = decode_bytes(data, html=article_suffix(name) in HTML_SUFFIXES) if data else ("", "")
            except BinaryFile:
                encoding = ""
        if not asked:
            script = _CHARSET_SCRIPTS.get(encoding)
        found.append((name, script))
    return tuple(found)


def _a_neighbour(entry: os.DirEntry) -> bool:
    """An article file of the folder's own (a link may lead out of the corpus: not read)."""
    try:
        return not entry.name.startswith(".") and bool(article_suffix(entry.name)) and not entry.is_symlink()
    except OSError:
        return False


def _head_of(path: str) -> bytes | None:
    """The first bytes of a regular file (never a FIFO's or a device's), or None."""
    try:
        fd = open_without_blocking(path)
    except OSError:
        return None
    with open(fd, "rb") as handle:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            return handle.read(_NEIGHBOUR_BYTES)
        except OSError:
            return None
