"""bench/compare_runs.py: two eval_comparison.py runs compared pair by pair."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import compare_runs  # noqa: E402


def _row(tp: int, fp: int, links: int = 10, only: int = 4, only_ok: int = 4) -> dict:
    return {"tp": tp, "fp": fp, "links": links, "only": only, "only_ok": only_ok}


def _write(path: Path, run: dict) -> Path:
    path.write_text(json.dumps(run), encoding="utf-8")
    return path


def test_each_shared_set_is_compared_and_the_scored_on_pairs_split_by_labeller(tmp_path, capsys):
    a = {
        "held out": {f"p{k}": _row(5, 5) for k in range(6)},
        "scored on": {"x__y": _row(5, 5), "u__v": _row(5, 5)},
    }
    b = {
        "held out": {f"p{k}": _row(8, 2) for k in range(6)},
        "scored on": {"x__y": _row(8, 2), "u__v": _row(2, 8, only_ok=2)},
        "by outlets": {"p0": _row(1, 1)},  # only in one run: not compared
    }
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        '{"left_id": "x", "right_id": "y", "labeller": "clean, labeller 1"}\n{"left_id": "u", "right_id": "v", "labeller": "trained, labeller 2"}\n',
        encoding="utf-8",
    )
    argv = [
        str(_write(tmp_path / "a.json", a)),
        str(_write(tmp_path / "b.json", b)),
        "--labels",
        str(labels),
        "--apart",
        "clean",
    ]
    assert compare_runs.main(argv) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    assert [line.split(" (")[0] for line in lines] == [
        "held out",
        "scored on",
        "scored on, labelled by clean",
        "scored on, the others",
    ]
    assert "F1 0.500 -> 0.800, B-A +0.300 [+0.300, +0.300], B better in 100% of draws; pairs +6/-0" in lines[0]
    assert "F1 0.500 -> 0.500" in lines[1] and "pairs +1/-1" in lines[1]
    assert "F1 0.500 -> 0.200" in lines[3] and "only here 1.000 -> 0.500" in lines[3]


def test_runs_with_no_set_in_common_are_refused(tmp_path, capsys):
    a = _write(tmp_path / "a.json", {"held out": {"p": _row(1, 1)}})
    b = _write(tmp_path / "b.json", {"scored on": {"p": _row(1, 1)}})
    assert compare_runs.main([str(a), str(b)]) == 2
    assert "share no scored set" in capsys.readouterr().err
