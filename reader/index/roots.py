"""How the index names a file: by its corpus folder's token and its path under that folder
("0:nyt/2016/a.txt"), never by its absolute path (no Whoosh import here).

The index folder's roots.json maps each token to the folder's absolute path, once. A corpus
folder that moved, was copied or lives under a renamed home folder is re-linked by changing its
entry there (update.py: IndexUpdate._reroot): no stored document, file entry or article row names
the old place, so none is rewritten. A token is never reused while the index holds files under
it; a new corpus folder takes the next number. The update writes the table before it commits
documents that use it, and only adds a token or moves one until its end: a process killed in
between leaves a table that names every token of the committed index. Readers turn keys back
into absolute paths with it (CorpusIndex.resolve). It is a file of its own, not a row of the
state database, so that a lost or damaged database (rebuilt from the stored documents) does not
lose the paths with it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

TABLE_NAME = "roots.json"

SEP = ":"  # after the token; an absolute path (an older index's key) starts with "/"


def make_key(token: str, rel: str) -> str:
    return f"{token}{SEP}{rel}"


def split_key(key: str) -> tuple[str, str] | None:
    """(token, path under the root), or None for a key that is not in this form."""
    token, sep, rel = key.partition(SEP)
    if not sep or not token.isdigit():
        return None
    return token, rel


def all_known(keys, table: dict[str, str]) -> bool:
    """Whether every key names its root by a token of `table`."""
    for key in keys:
        parts = split_key(key)
        if parts is None or parts[0] not in table:
            return False
    return True


def resolve(key: str, table: dict[str, str]) -> str:
    """The absolute path a key names under `table`; a key whose token the table does not know is
    given as it is (it names no file this index can find)."""
    parts = split_key(key)
    if parts is None:
        return key
    root = table.get(parts[0])
    if root is None:
        return key
    return os.path.join(root, parts[1]) if parts[1] else root


def read_table(index_dir: Path) -> dict[str, str]:
    """The root table of an index folder ({} when there is none, or it cannot be read)."""
    try:
        table = json.loads((Path(index_dir) / TABLE_NAME).read_text(encoding="utf-8", errors="surrogateescape"))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(table, dict):
        return {}
    return {t: r for t, r in table.items() if isinstance(t, str) and t.isdigit() and isinstance(r, str)}


def write_table(index_dir: Path, table: dict[str, str]) -> None:
    """Replace the root table, all or nothing (a folder's name may hold any bytes: kept as they are)."""
    from reader.safe_write import replace_file

    text = json.dumps(table, ensure_ascii=False, sort_keys=True)
    replace_file(Path(index_dir) / TABLE_NAME, text.encode("utf-8", "surrogateescape"))


def assign(recorded: dict[str, str], roots: list[str], moves: dict[str, str] | None = None) -> dict[str, str]:
    """The table for an update over `roots` (absolute): the recorded tokens kept (a moved root's
    token now names its new place), a new token for each root the index did not know. Tokens of
    roots no longer given stay (the index still holds their files until the update removes them:
    see current())."""
    table = dict(recorded)
    for old, new in (moves or {}).items():
        for token, root in recorded.items():
            if root == old:
                table[token] = new
    known = set(table.values())
    following = max((int(t) for t in table), default=-1) + 1
    for root in roots:
        if root not in known:
            table[str(following)] = root
            known.add(root)
            following += 1
    return table


def current(table: dict[str, str], roots: list[str]) -> dict[str, str]:
    """The rows of `table` for these roots (what an update that ran to its end records)."""
    return {t: r for t, r in table.items() if r in roots}


def tokens(table: dict[str, str]) -> dict[str, str]:
    """{absolute root: token} (the scan's lookup)."""
    return {root: token for token, root in table.items()}
