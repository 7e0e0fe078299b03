"""bench/bench_rekey_cost.py on a folder with no index, and on a built one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import bench_rekey_cost  # noqa: E402


@pytest.mark.parametrize("made", ["empty", "missing", "empty whoosh folder"])
def test_a_folder_with_no_index_is_one_line(made, tmp_path, monkeypatch):
    """It raised StopIteration (a traceback) on a folder with no whoosh folder in it."""
    folder = tmp_path / "index"
    if made != "missing":
        folder.mkdir()
    if made == "empty whoosh folder":
        (folder / "whoosh").mkdir()
    monkeypatch.setattr(sys, "argv", ["bench_rekey_cost.py", str(folder)])
    with pytest.raises(SystemExit) as exited:
        bench_rekey_cost.main()
    message = str(exited.value.code)
    assert message.startswith(f"bench_rekey_cost: no index in {folder} ") and "\n" not in message
    assert folder.exists() == (made != "missing")  # nothing made


def test_a_built_index_is_measured(tmp_path, isolated_dirs, monkeypatch, capsys):
    from test_index_helpers import make_corpus

    from reader.library import Library

    library = Library([make_corpus(tmp_path / "news")], tmp_path / "index")
    try:
        count = len(library.stories())
    finally:
        library.close()
    assert count
    monkeypatch.setattr(sys, "argv", ["bench_rekey_cost.py", str(tmp_path / "index")])
    bench_rekey_cost.main()
    out = capsys.readouterr().out
    assert " documents in " in out and "\nread " in out and "\nmerge " in out
