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
# The grouping process's peak, measured by bench/bench_grouping_memory.py (bench/synth.py's corpora):
# 96 MB at 2,000 articles, 144 MB at 4,000 (session 62), ~1,236 MB at 50,000 (docs/scale.md):
# a base of ~48 MB and 24 MB per 1,000.
GROUPING_BASE_MB = 50
GROUPING_MB_PER_THOUSAND = 24
# How much more free memory than at the failure is worth a try of its own (a browser closed).
MORE_FREE = 1.25


def grouping_memory_mb(articles: int) -> int:
    """About how many MB the stories' grouping of `articles` takes at its peak (its process's)."""
    return int(round(GROUPING_BASE_MB + GROUPING_MB_PER_THOUSAND * articles / 1000, -1))


def memory_mb(proc: str = "/proc", cgroups: str = "/sys/fs/cgroup") -> tuple[int, int]:
    """(total, available) MB of the memory this process may use: the machine's (available as Linux
    counts it, what can be had without swapping: MemAvailable; else the free pages), or less
    under a memory limit of its control group (a container's, a systemd slice's: cgroup v2
    memory.max, v1 memory.limit_in_bytes), where the kernel kills the grouping at that limit
    however much the machine has free; (0, 0) when unknown."""
    total, available = _machine_mb(proc)
    limited = _cgroup_mb(proc, cgroups)
    if limited is not None and (not total or limited[0] < total):
        return limited[0], max(0, min(available, limited[1]) if available else limited[1])
    return total, available


def _machine_mb(proc: str) -> tuple[int, int]:
    try:
        with open(os.path.join(proc, "meminfo"), encoding="ascii") as fh:
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


# (limit, usage, memory.stat's reclaimable page cache) files of cgroup v2, then of v1's memory controller
_CGROUP_FILES = (
    ("memory.max", "memory.current", "inactive_file"),
    ("memory.limit_in_bytes", "memory.usage_in_bytes", "total_inactive_file"),
)
_NO_LIMIT = 2**60  # v1's "no limit" is a page-rounded 2**63; v2 says "max"


def _cgroup_mb(proc: str, cgroups: str) -> tuple[int, int] | None:
    """(limit, free under it) MB of the tightest memory limit over this process's control group
    and its parents (usage less the page cache the kernel reclaims first), None without one."""
    try:
        with open(os.path.join(proc, "self", "cgroup"), encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    folders: list[tuple[Path, tuple[str, str, str]]] = []
    for line in lines:
        number, controllers, where = (line.split(":", 2) + ["", ""])[:3]
        if number == "0" and not controllers:  # v2 (unified), mounted at the root or at unified/
            mounts = [Path(cgroups), Path(cgroups) / "unified"]
            files = _CGROUP_FILES[0]
        elif "memory" in controllers.split(","):
            mounts, files = [Path(cgroups) / "memory"], _CGROUP_FILES[1]
        else:
            continue
        for mount in mounts:
            # Its folder and each parent's (a limit set on a parent holds too); a container
            # without its own cgroup namespace names a host path not mounted there: its root.
            folder = mount / where.strip("/")
            folders += [(folder, files)] + [
                (parent, files) for parent in folder.parents if mount in parent.parents or parent == mount
            ]
    limits, frees = [], []
    for folder, (limit_name, usage_name, cache_name) in folders:
        try:
            limit_text = (folder / limit_name).read_text(encoding="ascii").strip()
            if limit_text == "max" or int(limit_text) >= _NO_LIMIT:
                continue
            limit = int(limit_text)
            usage = int((folder / usage_name).read_text(encoding="ascii").strip())
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        usage = max(0, usage - _stat_value(folder / "memory.stat", cache_name))
        limits.append(limit // 2**20)
        frees.append(max(0, limit - usage) // 2**20)
    return (min(limits), min(frees)) if limits else None


def _stat_value(path: Path, name: str) -> int:
    """A field of a cgroup's memory.stat (0 when it cannot be read)."""
    try:
        for line in path.read_text(encoding="ascii").splitlines():
            key, _, value = line.partition(" ")
            if key == name:
                return int(value)
    except (OSError, ValueError, UnicodeDecodeError):
        pass
    return 0


def corpus_size(found: Mapping[str, tuple[str, str, list[int]]]) -> tuple[int, int]:
    """(files, bytes) of a scan's files (update.scan: a signature starts with the file's size)."""
    return len(found), sum(signature[0] for _path, _root, signature in found.values())


def remember(
    index_dir: Path, corpus: tuple[int, int], articles: int, needed_mb: int, memory: tuple[int, int] | None = None
) -> None:
    """Write down the failure (a cache: a folder that cannot be written loses nothing but the memo),
    with `memory` (total, available MB) as the build found it before loading, else as it is now."""
    total, available = memory or memory_mb()
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
