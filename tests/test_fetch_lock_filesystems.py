"""The fetch lock's liveness on real file systems whose table of locks (/proc/locks) names files
otherwise than stat() does: btrfs (the file system's device, not the subvolume's), overlay and
tmpfs. The other tests give flock_holders made-up tables; these mount the real thing (root only,
skipped with the reason elsewhere)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

HOLD = """
import sys
from pathlib import Path
from reader.fetch.store import ArticleStore
folder = Path(sys.argv[1])
store = ArticleStore(folder / "fetched", folder / "fetch-state.json")
store.lock()
print("held", flush=True)
sys.stdin.read()
"""


def _mount(args: list[str], folder: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a file system needs root")
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", *args, str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount {args}: {done.stderr.strip()}")


@contextmanager
def mounted(kind: str, tmp_path: Path):
    """A folder on a freshly mounted file system of `kind`, unmounted after the block."""
    top = tmp_path / "mnt"
    if kind == "btrfs" or kind == "btrfs-subvolume":
        if shutil.which("mkfs.btrfs") is None:
            pytest.skip("no mkfs.btrfs here (apt-get install btrfs-progs)")
        image = tmp_path / "btrfs.img"
        with open(image, "wb") as handle:
            handle.truncate(128 * 1024 * 1024)
        made = subprocess.run(["mkfs.btrfs", "-q", str(image)], capture_output=True, text=True)
        if made.returncode != 0:
            pytest.skip(f"mkfs.btrfs failed: {made.stderr.strip()}")
        _mount(["-o", "loop", str(image)], top)
    elif kind == "overlay":
        for name in ("lower", "upper", "work"):
            (tmp_path / name).mkdir()
        layers = f"lowerdir={tmp_path / 'lower'},upperdir={tmp_path / 'upper'},workdir={tmp_path / 'work'}"
        _mount(["-t", "overlay", "overlay", "-o", layers], top)
    else:
        _mount(["-t", "tmpfs", "-o", "size=8m", "tmpfs"], top)
    try:
        folder = top / "data"
        if kind == "btrfs-subvolume":
            subprocess.run(["btrfs", "subvolume", "create", str(top / "sub")], check=True, capture_output=True)
            folder = top / "sub" / "data"
        folder.mkdir(parents=True)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(top)], capture_output=True)


@pytest.mark.parametrize("kind", ["btrfs", "btrfs-subvolume", "overlay", "tmpfs"])
def test_a_run_holding_the_fetch_lock_is_told_and_a_killed_one_is_not(tmp_path, kind):
    from reader.fetch.store import ArticleStore, FetchBusy, running_fetch

    with mounted(kind, tmp_path) as folder:
        assert running_fetch(folder) is None
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline() == "held\n"
            running = running_fetch(folder)
            assert running is not None and running[1] == holder.pid and running[0] is not None
            with pytest.raises(FetchBusy) as busy:
                ArticleStore(folder / "fetched", folder / "fetch-state.json").lock()
            assert f"pid {holder.pid}" in str(busy.value)
        finally:
            holder.kill()  # killed outright: the system lets go of its lock, its note stays
            holder.wait()
        assert running_fetch(folder) is None
        store = ArticleStore(folder / "fetched", folder / "fetch-state.json")
        store.lock()
        store.unlock()
