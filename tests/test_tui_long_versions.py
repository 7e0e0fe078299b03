"""Two versions of one long page (500 sentences) in the compare screen: its folds of the runs kept
word for word, `z`, `:` and `m` on them, and a terminal resized over them (Pilot)."""

from __future__ import annotations

import pytest

from comparison_doubles import EveryFewRowsLibrary
from conftest import CompareHost, pauses_past_compare_rows, press_and_settle, settle, wait_for
from reader.index.article_versions import VersionPlace

WORDS = "the council said on monday that the harbour budget would pass before the winter".split()


@pytest.fixture(autouse=True)
def _pauses_past_rows(monkeypatch):
    pauses_past_compare_rows(monkeypatch)  # (each pause queued a call to every row mounted)


class LongVersions(EveryFewRowsLibrary):
    """'left' and 'right': two versions of one page of SIZE sentences, every EVERY-th from FROM
    edited (a row each side tells alone), the others kept word for word."""

    SIZE = 500
    EVERY = 25
    FROM = 10

    def piece(self, i: int) -> str:
        return f"S{i} " + " ".join(WORDS[(i + k) % len(WORDS)] for k in range(20)) + "."

    def versions_of_one_page(self, left_id, right_id):
        return VersionPlace(1, 2, "right"), VersionPlace(2, 2, "right")


def _selected_text(screen) -> str:
    row = screen.body.row_widget(screen._clicked_row)
    assert row is not None, "the selected row is not mounted"
    return row.left_cell.text


async def test_a_long_pair_of_versions_folds_opens_goes_to_a_sentence_and_keeps_it_through_resizes():
    """500 sentences, 20 of them edited: 21 runs kept word for word, each one row; z opens one and
    folds it again; `:` L250 opens the run that holds it and selects its row, which stays in view
    as the terminal is resized; both articles whole (m) show every sentence and m again the folds."""
    app = CompareHost(LongVersions())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "loaded", None) is not None, 120)
        await settle(pilot)
        screen = app.screen
        model = screen.loaded.model
        assert (
            model.folds
            and len(model.rows) == 41
            and [row.kept for row in model.rows if row.kept] == [10] + [24] * 19 + [14]
        )
        assert screen.body.rows[0].left_cell.text.startswith("⋯ L1–L10 = R1–R10: kept word for word: 10 sentences")

        await press_and_settle(pilot, "z")  # the first folded row in view: its 10 sentences shown
        await wait_for(pilot, lambda: len(screen.loaded.model.rows) == 50)
        await press_and_settle(pilot, "z")
        await wait_for(pilot, lambda: len(screen.loaded.model.rows) == 41)

        await press_and_settle(pilot, ":")
        await pilot.press(*"L250")
        await press_and_settle(pilot, "enter")
        await wait_for(pilot, lambda: screen._clicked_row is not None and "S249 " in _selected_text(screen))
        assert len(screen.loaded.model.rows) == 41 + 23  # the run L237–L260 opened (24 sentences, one row)
        for size in [(80, 24), (160, 50), (70, 20), (120, 40)]:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            shown = screen.body.rows_in_view()
            assert shown is not None and shown[0] <= screen._clicked_row <= shown[1], size
            assert _selected_text(screen).startswith("S249 ")

        await press_and_settle(pilot, "m")
        await wait_for(pilot, lambda: screen.mode == "sync" and not screen.loaded.model.folds)
        await press_and_settle(pilot, "m")
        await wait_for(pilot, lambda: screen.mode == "rows" and screen.loaded.model.folds)
        assert len(screen.loaded.model.rows) == 64  # the run opened is open still
