"""The memory a remembered grouping failure is weighed against (index/grouping_memo.py): the
machine's, or a control group's limit where one is set (a container: the kernel kills the grouping
at its limit however much the machine has free), read from made-up /proc and /sys/fs/cgroup trees."""

from __future__ import annotations

from pathlib import Path

from reader.index import grouping_memo

MB = 2**20


def _machine(root: Path, cgroup_lines: str, total_mb: int = 16000, available_mb: int = 12000) -> tuple[str, str]:
    proc = root / "proc"
    (proc / "self").mkdir(parents=True)
    (proc / "meminfo").write_text(f"MemTotal: {total_mb * 1024} kB\nMemAvailable: {available_mb * 1024} kB\n")
    (proc / "self" / "cgroup").write_text(cgroup_lines)
    (root / "cgroup").mkdir()
    return str(proc), str(root / "cgroup")


def _group(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)


def test_without_a_limit_the_machine_s_memory(tmp_path):
    proc, cgroups = _machine(tmp_path, "0::/\n")
    _group(Path(cgroups), {"memory.max": "max\n", "memory.current": f"{500 * MB}\n"})
    assert grouping_memo.memory_mb(proc, cgroups) == (16000, 12000)


def test_a_cgroup_v2_limit_in_a_container(tmp_path):
    """A container with its own cgroup namespace: its limit at the mount's root; the page cache
    the kernel reclaims first (inactive_file) is not counted as used."""
    proc, cgroups = _machine(tmp_path, "0::/\n")
    _group(
        Path(cgroups),
        {
            "memory.max": f"{2048 * MB}\n",
            "memory.current": f"{900 * MB}\n",
            "memory.stat": f"anon 1\ninactive_file {100 * MB}\n",
        },
    )
    assert grouping_memo.memory_mb(proc, cgroups) == (2048, 1248)


def test_a_cgroup_v2_limit_set_on_a_parent_holds_too(tmp_path):
    proc, cgroups = _machine(tmp_path, "0::/user.slice/reader.scope\n")
    _group(Path(cgroups) / "user.slice", {"memory.max": f"{1000 * MB}\n", "memory.current": f"{600 * MB}\n"})
    _group(Path(cgroups) / "user.slice/reader.scope", {"memory.max": "max\n", "memory.current": f"{50 * MB}\n"})
    assert grouping_memo.memory_mb(proc, cgroups) == (1000, 400)


def test_a_cgroup_v1_limit(tmp_path):
    proc, cgroups = _machine(tmp_path, "4:memory:/docker/abc\n1:cpu:/docker/abc\n")
    _group(Path(cgroups) / "memory", {"memory.limit_in_bytes": "9223372036854771712\n", "memory.usage_in_bytes": "1\n"})
    _group(
        Path(cgroups) / "memory/docker/abc",
        {
            "memory.limit_in_bytes": f"{3000 * MB}\n",
            "memory.usage_in_bytes": f"{1200 * MB}\n",
            "memory.stat": f"cache 5\ntotal_inactive_file {200 * MB}\n",
        },
    )
    assert grouping_memo.memory_mb(proc, cgroups) == (3000, 2000)


def test_a_limit_above_the_machine_s_memory_or_unreadable_leaves_the_machine_s(tmp_path):
    proc, cgroups = _machine(tmp_path, "0::/\n4:memory:/\n")
    _group(Path(cgroups), {"memory.max": f"{64000 * MB}\n", "memory.current": f"{100 * MB}\n"})
    _group(Path(cgroups) / "memory", {"memory.limit_in_bytes": "lots\n", "memory.usage_in_bytes": "1\n"})
    assert grouping_memo.memory_mb(proc, cgroups) == (16000, 12000)


def test_less_free_on_the_machine_than_under_the_limit(tmp_path):
    proc, cgroups = _machine(tmp_path, "0::/\n", available_mb=300)
    _group(Path(cgroups), {"memory.max": f"{2048 * MB}\n", "memory.current": f"{100 * MB}\n"})
    assert grouping_memo.memory_mb(proc, cgroups) == (2048, 300)


def test_a_memo_made_under_a_limit_is_tried_again_when_the_limit_is_raised(tmp_path, monkeypatch):
    """A container given more memory (its limit, not the machine's) is another machine: tried again."""
    proc, cgroups = _machine(tmp_path, "0::/\n")
    _group(Path(cgroups), {"memory.max": f"{1024 * MB}\n", "memory.current": f"{900 * MB}\n"})
    real = grouping_memo.memory_mb
    monkeypatch.setattr(grouping_memo, "memory_mb", lambda: real(proc, cgroups))
    index = tmp_path / "index"
    index.mkdir()
    grouping_memo.remember(index, (30, 9000), 30, 50)
    assert grouping_memo.recalled(index, (30, 9000)) is not None
    (Path(cgroups) / "memory.max").write_text(f"{4096 * MB}\n")
    assert grouping_memo.recalled(index, (30, 9000)) is None
