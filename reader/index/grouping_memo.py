"""A build whose stories' grouping died twice for memory (update._group_spilled), remembered in the
index folder (a cache) with the corpus's size and the machine's memory then (no UI imports).

Without it every launch and every reading command loaded the whole corpus again (minutes at
50,000 articles) to die at the same place. The next build of the same corpus on the same machine
says the failure at once instead of trying; it tries again when asked (`reader index`, the app's
index key), or on its own when the corpus's size changed, the machine's memory did, or a quarter
more of it is free than at the failure.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Mapping

MEMO_NAME = "grouping-failed.json"
# How much more free memory than at the failure is worth a try of its own (a browser closed).
MORE_FREE = 1.25


def memory_mb() -> tuple[int, int]:
    """(total, available) MB of this machine's memory; available as Linux counts it (what can be
    had without swapping: MemAvailable), else the free pages; (0, 0) when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            kb = {words[0]: int(words[1]) for words in map(str.split, fh) if len(words) >= 2}
        return kb["MemTotal:"] // 1024, kb["MemAvailable:"] // 1024
    except (OSError, ValueError, KeyError, IndexError):
        pass
    try:
        page = os.sysconf("SC_PAGE_SIZE")
        return (
            os.sysconf("SC_PHYS_PAGES") * page // 2**20,
            os.sysconf("SC_AVPHYS_PAGES") * page // 2**20,
        )
    except (OSError, ValueError, AttributeError):
        return 0, 0


def corpus_size(found: Mapping[str, tuple[str, str, list[int]]]) -> tuple[int, int]:
    """(files, bytes) of a scan's files (update.scan: a signature starts with the file's size)."""
    return len(found), sum(signature[0] for _path, _root, signature in found.values())


def remember(index_dir: Path, corpus: tuple[int, int], articles: int, needed_mb: int) -> None:
    """Write down the failure (a cache: a folder that cannot be written loses nothing but the memo)."""
    total, available = memory_mb()
    memo = {
        "files": corpus[0],
        "bytes": corpus[1],
        "articles": articles,
        "needed_mb": needed_mb,
        "total_mb": total,
        "available_mb": available,
    }
    path = Path(index_dir) / MEMO_NAME
    tmp = path.with_name(f"{MEMO_NAME}.tmp{os.getpid()}")
    try:
        tmp.write_text(json.dumps(memo), encoding="ascii")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


def recalled(index_dir: Path, corpus: tuple[int, int]) -> dict | None:
    """The remembered failure when it still holds for this corpus on this machine as it is now,
    with "available_now_mb" added; None when there is none or it is worth trying again."""
    try:
        memo = json.loads((Path(index_dir) / MEMO_NAME).read_text(encoding="ascii"))
        fields = ("files", "bytes", "articles", "needed_mb", "total_mb", "available_mb")
        if not isinstance(memo, dict) or not all(type(memo.get(name)) is int for name in fields):
            return None
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    total, available = memory_mb()
    if (memo["files"], memo["bytes"]) != tuple(corpus) or memo["total_mb"] != total:
        return None
    if available >= memo["available_mb"] * MORE_FREE:
        return None
    return {**memo, "available_now_mb": available}


def forget(index_dir: Path) -> None:
    """A build that grouped its stories: nothing to remember any more."""
    try:
        (Path(index_dir) / MEMO_NAME).unlink(missing_ok=True)
    except OSError:
        pass
