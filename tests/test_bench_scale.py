"""bench/bench_scale.py's arguments."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import bench_scale  # noqa: E402


@pytest.mark.parametrize("count", ["0", "-5", "many"])
def test_changed_refuses_a_count_below_one(count, capsys):
    """--changed 0 divided by zero after minutes of set-up; --changed -5 changed every file but 5."""
    with pytest.raises(SystemExit):
        bench_scale.arguments().parse_args(["--changed", count])
    assert "--changed" in capsys.readouterr().err


def test_changed_takes_a_count():
    assert bench_scale.arguments().parse_args(["--changed", "500"]).changed == 500
    assert bench_scale.arguments().parse_args([]).changed == 10
