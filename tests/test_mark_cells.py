"""Spacing combining marks measured in a cell each where the terminal draws them so (mark_cells)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from unittest import mock

from rich.cells import cell_len

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reader.tui.mark_cells import count_spacing_marks  # noqa: E402

# Each with the cells the C library's wcwidth gives it (tmux 3.3a, xterm, VTE draw them so).
DRAWN = {
    "भारत में चुनाव": 11,  # Devanagari: the two ा spacing marks, े ं ु non-spacing
    "தமிழ்நாடு": 8,  # Tamil: ி ா ு spacing, ் non-spacing
    "ប្រទេសកម្ពុជា": 10,  # Khmer: េ ា spacing, the coeng (subscript) signs non-spacing
    "ประเทศไทย": 9,  # Thai: no spacing marks
    "东京": 4,
    "plain": 5,
}


def test_spacing_marks_take_a_cell_each_once_counted_and_none_as_rich_measures():
    before = {text: cell_len(text) for text in DRAWN}
    try:
        count_spacing_marks()
        assert {text: cell_len(text) for text in DRAWN} == DRAWN
    finally:
        count_spacing_marks(False)
    assert {text: cell_len(text) for text in DRAWN} == before
    assert before["भारत में चुनाव"] == 9  # what Rich counts: two cells fewer than drawn


def test_the_app_counts_them_in_tmux_only(tmp_path):
    from reader.tui import launch

    calls = []
    for environ, counted in (({"TMUX": "/tmp/t,1,0", "TERM": "tmux-256color"}, True), ({"TERM": "xterm-kitty"}, False)):
        with (
            mock.patch.dict(os.environ, environ, clear=True),
            mock.patch("reader.tui.mark_cells.count_spacing_marks", lambda: calls.append(True)),
            mock.patch("reader.tui.app.ReaderApp", side_effect=RuntimeError("stop")),
        ):
            calls.clear()
            try:
                launch.run_app(mock.Mock(corpus=[tmp_path], index=tmp_path / "index", theme=None))
            except Exception:
                pass
            assert bool(calls) == counted, environ
