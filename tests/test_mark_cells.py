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
    "말〮": 4,  # Hangul's single-dot tone mark: a wide spacing mark
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


def test_a_rich_whose_table_is_not_as_known_keeps_its_own_measures(monkeypatch):
    from rich import cells

    from reader.tui import mark_cells

    before = cell_len("भारत")
    lookup = cells.load_cell_table
    # A table of another shape (a Rich upgrade): nothing changes, nothing raises.
    monkeypatch.setattr(mark_cells, "_ORIGINAL_TABLE", lambda unicode_version="auto": object())
    assert count_spacing_marks() is False
    assert cells.load_cell_table is lookup and cell_len("भारत") == before
    # No table under that name at all.
    monkeypatch.setattr(mark_cells, "_ORIGINAL_TABLE", None)
    assert count_spacing_marks() is False
    assert cells.load_cell_table is lookup
    # A Rich that measures without looking the table up by that name: the patch is taken back.
    monkeypatch.undo()
    monkeypatch.setattr(cells, "cached_cell_len", lambda text, unicode_version="auto": 0)
    assert count_spacing_marks() is False
    assert cells.load_cell_table is lookup


def test_reader_marks_overrides_the_terminal_guess():
    from reader.tui.mark_cells import marks_counted_wanted

    assert marks_counted_wanted({"READER_MARKS": "none"}, True) == (False, None)
    assert marks_counted_wanted({"READER_MARKS": " Cell "}, False) == (True, None)
    assert marks_counted_wanted({}, True) == (True, None)
    assert marks_counted_wanted({"READER_MARKS": ""}, False) == (False, None)
    counted, problem = marks_counted_wanted({"READER_MARKS": "[b]x\x1b"}, True)
    assert counted and problem == "READER_MARKS: expected cell or none, not '[b]x\\x1b'; going by the terminal"


def test_the_app_counts_them_in_tmux_only(tmp_path):
    from reader.tui import launch

    calls = []
    cases = (
        ({"TMUX": "/tmp/t,1,0", "TERM": "tmux-256color"}, True),
        ({"TERM": "xterm-kitty"}, False),
        ({"TMUX": "/tmp/t,1,0", "TERM": "tmux-256color", "READER_MARKS": "none"}, False),
        ({"TERM": "xterm-kitty", "READER_MARKS": "cell"}, True),
        ({"TERM": "xterm-kitty", "READER_MARKS": "wide"}, False),
    )
    for environ, counted in cases:
        app = mock.Mock(side_effect=RuntimeError("stop"))
        with (
            mock.patch.dict(os.environ, environ, clear=True),
            mock.patch("reader.tui.mark_cells.count_spacing_marks", lambda: calls.append(True)),
            mock.patch("reader.tui.app.ReaderApp", app),
        ):
            calls.clear()
            try:
                launch.run_app(mock.Mock(corpus=[tmp_path], index=tmp_path / "index", theme=None))
            except RuntimeError:
                pass
            assert bool(calls) == counted, environ
            notices = app.call_args.kwargs["notices"]
            assert any("READER_MARKS: expected cell or none, not 'wide'" in n for n in notices) == (
                environ.get("READER_MARKS") == "wide"
            )


def test_a_search_result_s_wrapped_row_never_starts_with_a_mark():
    """A snippet's word wider than the row is folded between characters: once a spacing mark
    takes a cell, ा was put alone at a row's start (drawn on nothing), its letter at the end of
    the row above. Every row keeps its width, and the text is all there, in order."""
    import unicodedata

    from textual.content import Content

    from reader.tui.widgets.search_panel import HangingContent

    words = "चुनावआयोगनेघोषणाकीहैकिमतदानसातचरणोंमेंहोगा भारत में चुनाव தமிழ்நாடுதமிழ்நாடு"
    try:
        count_spacing_marks()
        for width in range(4, 30):
            rows = HangingContent([(Content("  "), Content(words))])._rows(width + 2)
            assert all(row.cell_length <= width + 2 for row in rows), width
            starts = [row.plain.lstrip(" ")[:1] or "a" for row in rows]
            assert not [s for s in starts if unicodedata.category(s).startswith("M")], width
            assert "".join(row.plain for row in rows).replace(" ", "") == words.replace(" ", "")
    finally:
        count_spacing_marks(False)


def test_a_rich_without_its_private_line_divider_wraps_results_as_textual_does():
    """wrapped_whole borrows Rich's private `rich._wrap.divide_line`: a Rich that drops it must
    leave the results wrapped as Content.wrap wraps them, not break the search pane."""
    from textual.content import Content

    from reader.tui.mark_cells import wrapped_whole

    text = Content("Budapest summit plans were put on hold after a call between the two ministers")
    with mock.patch.dict(sys.modules, {"rich._wrap": None}):  # None: its import raises ImportError
        rows = wrapped_whole(text, 17)
    assert [row.plain for row in rows] == [row.plain for row in text.wrap(17)]
    assert len(rows) > 1
