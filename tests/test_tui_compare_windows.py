"""The compare screen over a comparison longer than the rows it keeps mounted (compare_view's
MAX_ROWS, made small here): `]` held down, `m` `]` `m`, and PgUp / PgDn across the rows mounted
keep the view where the keys say."""

from __future__ import annotations

import asyncio

import pytest
from textual import events

from comparison_doubles import EveryFewRowsLibrary
from reader.tui.screens.compare import CompareScreen
from reader.tui.widgets.compare_view import CompareRow
from conftest import (
    CompareHost,
    drive,
    handled_calls,
    notifications,
    pauses_past_compare_rows,
    press_and_settle,
    screen_text,
    settle,
    until,
    wait_for,
    while_moving,
)


@pytest.fixture(autouse=True)
def _pauses_past_rows(monkeypatch):
    calls = pauses_past_compare_rows(monkeypatch)  # (each pause queued a call to every row and cell mounted)
    yield
    assert calls[0], "Pilot's pauses no longer go through Pilot._wait_for_screen: update pauses_past_compare_rows"


def in_view(screen, row: int) -> bool:
    shown = screen.body.rows_in_view()
    return shown is not None and shown[0] <= row <= shown[1]


def top_row(screen) -> int | None:
    shown = screen.body.rows_in_view()
    return shown[0] if shown else None


async def test_held_down_right_bracket_ends_on_the_last_difference_in_view(monkeypatch):
    """`]` held down (every press queued before the first is handled) over differences closer
    than the rows mounted at most: it ended with the last difference chosen but the view a
    screen or more above it (the rows' own growing put back a view from before a jump), so the
    next `]` went back to a difference before it, from the view."""
    from reader.tui.widgets import compare_view

    monkeypatch.setattr(compare_view, "MAX_ROWS", 150)
    handled = handled_calls(monkeypatch, CompareScreen, "action_next_difference")
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        differences = screen.loaded.model.differences
        assert len(differences) == 15
        presses = len(differences) + 2
        for _ in range(presses):  # key repeat: faster than the screen handles them
            app.post_message(events.Key("right_square_bracket", "]"))
        # Every press handled, with no pilot (its pause gives up after 30 s, too short for them
        # on a loaded machine); then what they did, at once
        # moving: a press handled, or the rows a jump mounts (one ] took over 60 s at load 50)
        body = screen.body
        await while_moving(lambda: handled[0] == presses, lambda: (handled[0], body.start, len(body.rows)))
        assert "That was the last difference." in notifications(app)
        assert screen.current == len(differences) - 1
        # the last jump's rows mounted and its scroll done (after a refresh: a settle's CPU-idle
        # pauses could end before it on a loaded machine); stuck elsewhere, it fails after a stall
        await while_moving(
            lambda: not body._growing and in_view(screen, differences[-1].first), lambda: top_row(screen)
        )
        await press_and_settle(pilot, "right_square_bracket")  # once more: it stays, and says so
        assert screen.current == len(differences) - 1 and in_view(screen, differences[-1].first)


class CountedLock(asyncio.Lock):
    """An asyncio.Lock that counts the acquires asked for (`async with` asks through acquire()):
    while the test holds it, each is a waiter, counted without asyncio's private _waiters."""

    def __init__(self) -> None:
        super().__init__()
        self.asked = 0

    async def acquire(self) -> bool:
        self.asked += 1
        return await super().acquire()


async def jump_then_growth(app, key: str, scroll_y: float) -> None:
    """`key` (a jump) and the rows' own growing (the view scrolled to `scroll_y`, near an end of
    the rows mounted) both waiting for the rows' lock, the jump's turn first: an order held-down
    ] and [ only sometimes met (asyncio.Lock wakes its waiters first come, first served)."""
    body = app.screen.body
    assert isinstance(body._mounting, asyncio.Lock) and not body._mounting.locked()
    body._mounting = mounting = CountedLock()  # (free: no one holds or waits for the old one)
    async with mounting:
        app.post_message(events.Key(key, None))
        await until(lambda: mounting.asked == 2)  # the test's own, then the jump's
        body.scroll_to(y=scroll_y, animate=False, immediate=True)
        await until(lambda: mounting.asked == 3)  # the growing's


async def test_rows_grown_above_while_a_jump_scrolls_leave_the_view_on_the_jump():
    """The rows grown above the view after a jump, before its scroll came, kept the view from
    before the jump, undoing its scroll (held-down ] and [ ended a screen or more off the
    difference chosen)."""
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        body = screen.body
        await press_and_settle(pilot, "end")
        await wait_for(pilot, lambda: body.start > 0 and body.start + len(body.rows) == body.limit)
        start = body.start
        await jump_then_growth(app, "left_square_bracket", 2)  # near the top: the rows above grow
        await settle(pilot)
        assert body.start < start  # (they were)
        assert screen.current is not None
        assert in_view(screen, screen._targets()[screen.current].first)


async def test_rows_grown_below_while_a_jump_scrolls_never_drop_the_row_it_shows(monkeypatch):
    """The rows grown below the view after a jump, before its scroll came, dropped those above
    to keep MAX_ROWS, the jump's row among them: its scroll was lost, the view left rows away
    from the difference chosen, not even mounted (held-down [ from the end, 5 runs in 6)."""
    from reader.tui.widgets import compare_view

    monkeypatch.setattr(compare_view, "MAX_ROWS", 100)
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        body = screen.body
        await press_and_settle(pilot, *["right_square_bracket"] * 4)
        await jump_then_growth(app, "left_square_bracket", body.max_scroll_y)  # the rows below grow
        await settle(pilot)
        assert screen.current == 2
        assert in_view(screen, screen._targets()[2].first)


class EveryHundredRowsLibrary(EveryFewRowsLibrary):
    SIZE = 1200
    EVERY = 100


async def test_m_bracket_m_shows_the_difference_at_the_top_of_the_rows(monkeypatch):
    """`m` (both articles whole), `]`, `m` (the rows again): the difference `]` chose is at the top
    of the view, as ] shows one in the rows. Mounting the rows after it dropped those above to
    keep MAX_ROWS, the difference's own row among them: its scroll was lost, the view left a
    screen above it."""
    from reader.tui.widgets import compare_view

    monkeypatch.setattr(compare_view, "MAX_ROWS", 150)
    app = CompareHost(EveryHundredRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        differences = screen.loaded.model.differences
        await press_and_settle(pilot, "right_square_bracket")
        for n in range(1, 4):
            await press_and_settle(pilot, "m")
            assert screen.mode == "sync"
            await press_and_settle(pilot, "right_square_bracket")
            await press_and_settle(pilot, "m")
            assert screen.mode == "rows" and screen.current == n
            await wait_for(pilot, lambda: top_row(screen) == differences[n].first)
            assert screen.body.current == (differences[n].first, differences[n].last)


async def test_m_bracket_m_with_few_rows_kept_shows_each_difference_at_the_top(monkeypatch):
    """m ] m with MAX_ROWS not far above CHUNK and a view: rows added above the difference dropped
    those the view showed, the view so near their end it grew there, dropping the rows it had
    just added, over and over, the view rows away from the difference (a difference every 40
    rows, 100 rows kept)."""
    from reader.tui.widgets import compare_view

    monkeypatch.setattr(compare_view, "MAX_ROWS", 100)
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        differences = screen.loaded.model.differences
        await press_and_settle(pilot, "right_square_bracket")
        for n in range(1, 5):
            await press_and_settle(pilot, "m")
            await press_and_settle(pilot, "right_square_bracket")
            await press_and_settle(pilot, "m")
            assert screen.mode == "rows" and screen.current == n
            await wait_for(pilot, lambda: top_row(screen) == differences[n].first and not screen.body._growing)
            assert top_row(screen) == differences[n].first


async def test_page_keys_held_move_a_whole_page_each_across_the_rows_mounted(monkeypatch):
    """PgDn held down from the top, then PgUp held down from the end: each press a whole page,
    the rows past those mounted loaded first (PgUp at the top of the rows mounted moved less
    than a page, or not at all, until they came)."""
    from reader.tui.widgets import compare_view

    monkeypatch.setattr(compare_view, "MAX_ROWS", 100)
    downs = handled_calls(monkeypatch, compare_view.CompareBody, "action_page_down")
    ups = handled_calls(monkeypatch, compare_view.CompareBody, "action_page_up")
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        body = screen.body
        page = body.scrollable_content_region.height  # rows a line high each: a page is that many rows
        assert top_row(screen) == 0
        presses = 9  # past the CHUNK rows mounted at first, and past MAX_ROWS
        for _ in range(presses):
            app.post_message(events.Key("pagedown", None))
        # each handled and the pages they asked scrolled (those past the rows mounted once the
        # rows came: a settle's pauses, CPU-idle guesses, ended before a loaded machine mounted them)
        await while_moving(lambda: downs[0] == presses and pages_scrolled(body), lambda: (downs[0], top_row(screen)))
        assert top_row(screen) == presses * page
        await pilot.press("end")
        await while_moving(lambda: at_the_end(body), lambda: (top_row(screen), len(body.rows)))
        bottom = top_row(screen)
        assert bottom == body.limit - page
        for _ in range(presses):
            app.post_message(events.Key("pageup", None))
        await while_moving(lambda: ups[0] == presses and pages_scrolled(body), lambda: (ups[0], top_row(screen)))
        assert top_row(screen) == bottom - presses * page


def pages_scrolled(body) -> bool:
    """No page asked is left to scroll, nor rows to mount for one."""
    return not body._pages and not body._growing


def at_the_end(body) -> bool:
    """The last row mounted and the view scrolled to the bottom (End mounts, then scrolls)."""
    return body.start + len(body.rows) == body.limit and body.scroll_y == body.max_scroll_y and pages_scrolled(body)


def record_restyled(app, monkeypatch) -> list:
    """Every node the app's stylesheet restyles from now on, in order (repeats included)."""
    restyled: list = []
    update_nodes = app.stylesheet.update_nodes

    def counted(nodes, animate=False):
        nodes = list(nodes)
        restyled.extend(nodes)
        update_nodes(nodes, animate=animate)

    monkeypatch.setattr(app.stylesheet, "update_nodes", counted)
    return restyled


async def test_the_body_gaining_or_losing_the_focus_restyles_itself_not_every_row(monkeypatch):
    """The focus coming to the rows or going (m, Tab, a click) restyled every row and cell mounted
    (Textual restyles a node's whole subtree; up to MAX_ROWS rows), though no rule styles them by
    it. Only the body is restyled."""
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        body = app.screen.body
        assert len(body.rows) >= 60 and body.has_focus
        restyled = record_restyled(app, monkeypatch)
        body.blur()
        await wait_for(pilot, lambda: not body.has_focus)
        body.focus()
        await wait_for(pilot, lambda: body.has_focus)
        await pilot.pause()
        assert body in restyled and len(restyled) < len(body.rows)


async def test_m_restyles_the_layouts_not_every_row_and_switches_them(monkeypatch):
    """m set the screen's -sync class, and Textual restyled every row and cell mounted (up to
    MAX_ROWS rows) at each press, though only the two layouts' rules read it (with the focus,
    6,733 nodes restyled in m ] m's test, 873 now). Each m still shows one layout, hides the other."""
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert len(screen.body.rows) >= 60
        restyled = record_restyled(app, monkeypatch)
        for mode in ("sync", "rows", "sync", "rows"):
            await press_and_settle(pilot, "m")
            assert screen.mode == mode and screen.has_class("-sync") == (mode == "sync")
            assert screen.body.styles.display == ("none" if mode == "sync" else "block")
            assert screen.sync.styles.display == ("block" if mode == "sync" else "none")
        assert sum(isinstance(node, CompareRow) for node in restyled) < len(screen.body.rows)


async def test_no_rule_styles_a_row_by_the_sync_class_or_the_bodys_focus():
    """m restyles the screen, the rows' body and the sync view only, and the body's focus the body
    only (not every row): a rule that reads -sync or a :focus / :blur through an ancestor (in a
    .tcss file, or a widget's DEFAULT_CSS) would style nodes that are not restyled. Only the two
    layouts' rules read -sync (their targets are restyled); the app's blur is the app's own."""
    import re
    from pathlib import Path

    import reader.tui

    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        sheet = app.stylesheet.copy()
        for path in Path(reader.tui.__file__).parent.glob("*.tcss"):  # app.tcss: the full app's
            sheet.read(path)
        sheet.parse()
        selectors = [selector.css for rule in sheet.rules for selector in rule.selector_set]
    assert "CompareScreen.-sync #compare-sync" in selectors and "CompareBody > .compare--number" in selectors
    for selector in selectors:
        *ancestors, _ = re.split(r"[\s>]+", selector.strip())
        for part in ancestors:
            if re.search(r"\.-sync\b", part):
                assert selector in ("CompareScreen.-sync #compare-sync", "CompareScreen.-sync #compare-body")
            if re.search(r":(focus|blur)\b", part):
                assert part.startswith("App:"), selector


class UnevenRowsLibrary(EveryFewRowsLibrary):
    """Sentences of uneven lengths, longer on one side or the other: rows that wrap anew, to
    other heights, at each width."""

    SIZE = 90
    EVERY = 12

    def compare(self, left, right, progress=None, cancel=None):
        from comparison_doubles import sentence_dicts, typed

        sides = [
            [f"{side}{i} " + " ".join(["word"] * (2 + (i * step) % 45)) + "." for i in range(self.SIZE)]
            for side, step in (("L", 7), ("R", 11))
        ]
        texts = [" ".join(pieces) for pieces in sides]
        unlinked = list(range(self.FROM, self.SIZE, self.EVERY))
        data = {
            "left": {"id": left.id, "outlet": left.outlet, "sentences": sentence_dicts(texts[0], sides[0])},
            "right": {"id": right.id, "outlet": right.outlet, "sentences": sentence_dicts(texts[1], sides[1])},
            "pairs": [{"left": i, "right": i, "score": 0.9} for i in range(self.SIZE) if i not in unlinked],
            "only_left": unlinked,
            "only_right": unlinked,
        }
        return typed(data, *texts)


def laid_out(screen) -> list:
    """Every row's place and height, and its cells' sizes, as the body arranged them."""
    return [
        (row.index, row.virtual_region.y, row.size.height, row.left_cell.size, row.right_cell.size)
        for row in screen.body.rows
    ]


async def rows_laid_out_at(size: tuple[int, int]) -> list:
    app = CompareHost(UnevenRowsLibrary())
    async with drive(app, size) as pilot:
        await settle(pilot)
        await app.screen.body.ensure(UnevenRowsLibrary.SIZE - 1)
        await settle(pilot)
        return laid_out(app.screen)


async def test_a_resize_lays_the_rows_out_as_a_comparison_opened_at_that_size(monkeypatch):
    """A resize re-wraps every row to the new width, side by side and stacked, as opening the
    comparison at that size lays it out; side by side before and after, no row or cell asks for
    a layout pass of its own: the body's arrangement sized them (each row's and cell's new size
    asked Textual for two more passes over every row mounted: half a resize's CPU at 120 rows,
    bench_compare_resize.py). Stacked or back, their styles change, which Textual lays out."""
    from reader.tui.widgets.compare_view import CompareCell

    sizes = [(140, 40), (120, 45), (76, 30), (100, 30)]
    expected = [await rows_laid_out_at(size) for size in sizes]
    asked: list = []
    for widget_class in (CompareRow, CompareCell):
        refresh = widget_class.refresh

        def recorded(self, *regions, _refresh=refresh, **kwargs):
            if kwargs.get("layout"):
                asked.append(self)
            return _refresh(self, *regions, **kwargs)

        monkeypatch.setattr(widget_class, "refresh", recorded)
    app = CompareHost(UnevenRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await screen.body.ensure(UnevenRowsLibrary.SIZE - 1)
        await settle(pilot)
        assert len(screen.body.rows) == UnevenRowsLibrary.SIZE
        before = app.size
        for size, rows in zip(sizes, expected):
            asked.clear()
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert laid_out(screen) == rows, size
            if min(before.width, size[0]) >= 80:  # (under 80 columns the rows are stacked)
                assert asked == [], size
            before = app.size


class TwoThousandRowsLibrary(EveryFewRowsLibrary):
    SIZE = 2000
    EVERY = 100


async def test_a_long_comparison_read_with_the_real_window_of_rows(monkeypatch):
    """2,000 rows with compare_view.MAX_ROWS as shipped (the other tests make it smaller): PgDn held
    down, a resize mid-scroll, `]` from the view, End and Home each leave the view where the key
    says, the rows mounted in order and never more than MAX_ROWS (a resize arranges each one)."""
    from reader.tui.widgets import compare_view

    downs = handled_calls(monkeypatch, compare_view.CompareBody, "action_page_down")
    app = CompareHost(TwoThousandRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        body = screen.body
        differences = screen.loaded.model.differences
        assert body.limit == 2000 and len(differences) == 20
        page = body.scrollable_content_region.height  # rows a line high each
        presses = 3 * compare_view.MAX_ROWS // page  # well past the rows kept mounted at most
        for _ in range(presses):
            app.post_message(events.Key("pagedown", None))
        await while_moving(lambda: downs[0] == presses, lambda: downs[0])
        await settle(pilot)
        # (the last pages wait for the rows past them, mounted after the settling: waited for while they come)
        await while_moving(
            lambda: top_row(screen) == presses * page and not body._pages and not body._growing,
            lambda: (top_row(screen), body.start, len(body.rows), body._pages),
            pilot=pilot,
        )
        assert mounted_in_order(body) and len(body.rows) <= compare_view.MAX_ROWS and body.start > 0
        top = top_row(screen)
        await pilot.resize_terminal(120, 40)  # mid-scroll: the reader's place kept
        await settle(pilot)
        await wait_for(pilot, lambda: top_row(screen) == top)
        assert mounted_in_order(body) and len(body.rows) <= compare_view.MAX_ROWS
        await press_and_settle(pilot, "right_square_bracket")  # the next difference below the view
        n = next(i for i, d in enumerate(differences) if d.first >= top)
        assert screen.current == n
        await wait_for(pilot, lambda: top_row(screen) == differences[n].first)
        assert f"Difference {n + 1}/20" in screen_text(app)
        await press_and_settle(pilot, "end")
        page = body.scrollable_content_region.height
        await wait_for(pilot, lambda: top_row(screen) == body.limit - page)
        assert body.rows[-1].index == 1999 and mounted_in_order(body) and len(body.rows) <= compare_view.MAX_ROWS
        await press_and_settle(pilot, "home")
        await wait_for(pilot, lambda: top_row(screen) == 0)
        assert body.start == 0 and mounted_in_order(body) and len(body.rows) <= compare_view.MAX_ROWS


def mounted_in_order(body) -> bool:
    """The body's rows are the rows of its children, one after another, in order."""
    children = [child.index for child in body.children if isinstance(child, CompareRow)]
    return children == [row.index for row in body.rows] == list(range(body.start, body.start + len(children)))


def position_said(app) -> str:
    """The position label beside the titles, as drawn."""
    from textual.widgets import Static

    return str(app.screen.query_one("#compare-position", Static).render())


def position_of_view(screen) -> str:
    """What the label must say of the rows in view now."""
    first, last = screen.body.rows_in_view()
    return f"rows {first + 1:,}–{last + 1:,} of {screen.body.limit:,}"


async def test_the_position_names_the_rows_in_view_of_the_whole_comparison(monkeypatch):
    """2,000 rows, 180 mounted at most: the scrollbar measures the rows mounted only, so the label
    beside the titles says which rows of the whole comparison are in view, true as the window of
    rows moves (PgDn held down past the rows first mounted, End, Home, a jump), compact below 80
    columns, and gone with both articles whole (m)."""
    from reader.tui.widgets import compare_view

    downs = handled_calls(monkeypatch, compare_view.CompareBody, "action_page_down")
    app = CompareHost(TwoThousandRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        body = screen.body
        page = body.scrollable_content_region.height  # rows a line high each
        await wait_for(pilot, lambda: position_said(app) == f"rows 1–{page} of 2,000")
        presses = 2 * compare_view.MAX_ROWS // page
        for _ in range(presses):
            app.post_message(events.Key("pagedown", None))
        await while_moving(lambda: downs[0] == presses, lambda: downs[0])
        # The pages scroll once the rows past those mounted came: a wait that lasts while they come
        await while_moving(
            lambda: top_row(screen) == presses * page and not body._pages and not body._growing,
            lambda: (top_row(screen), body.start, len(body.rows), body._pages),
            pilot=pilot,
        )
        assert body.start > 0  # the window moved: the rows first mounted are gone
        await wait_for(pilot, lambda: position_said(app) == position_of_view(screen))
        assert position_said(app).startswith(f"rows {presses * page + 1:,}–")
        await press_and_settle(pilot, "end")
        await wait_for(pilot, lambda: position_said(app) == f"rows {2000 - page + 1:,}–2,000 of 2,000")
        await press_and_settle(pilot, "home")
        await wait_for(pilot, lambda: position_said(app) == f"rows 1–{page} of 2,000")
        await screen._go_to("left", 1234)  # `:` L1235: a jump far past the rows mounted
        await settle(pilot)
        row = screen._row_of_sentence("left", 1234)
        await wait_for(pilot, lambda: in_view(screen, row) and position_said(app) == position_of_view(screen))
        assert body.start > 1000
        await pilot.resize_terminal(60, 20)  # stacked: the same place, said short
        await settle(pilot)
        await wait_for(
            pilot, lambda: position_said(app) == "{:,}–{:,}/2,000".format(*(n + 1 for n in body.rows_in_view()))
        )
        await press_and_settle(pilot, "m")
        assert not screen.query_one("#compare-position").display
        assert "/2,000" not in screen_text(app)


@pytest.mark.parametrize("width", [80, 90, 99, 120])
async def test_the_position_leaves_the_titles_their_room_at_80_to_99_columns(width):
    """ "rows 1–22 of 2,000" and its padding took 27 columns beside the titles, ~13 of each
    title's at 80-99 columns (24 of 40 kept at 80). Below 100 columns it says "1–22/2,000", each
    title keeping all but half of that; at 120 the long form, room enough."""
    app = CompareHost(TwoThousandRowsLibrary())
    async with drive(app, (width, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        label = screen.query_one("#compare-position")
        await wait_for(pilot, lambda: position_said(app) != "")
        first, last = (n + 1 for n in screen.body.rows_in_view())
        if width < 100:
            assert position_said(app) == f"{first}–{last}/2,000"
        else:
            assert position_said(app) == f"rows {first}–{last} of 2,000"
        # "1,999–2,000/2,000" or its long form, and the padding
        assert label.display and label.outer_size.width <= (19 if width < 100 else 27)
        for side in ("left", "right"):
            title = screen.query_one(f"#compare-title-{side}")
            assert title.display and title.outer_size.width >= (width - label.outer_size.width) // 2


async def test_no_position_when_every_row_is_in_view():
    class FewRowsLibrary(EveryFewRowsLibrary):
        SIZE = 12

    app = CompareHost(FewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.body.rows_in_view() == (0, 11)
        assert position_said(app) == ""


def left_cell_of(screen, index: int):
    row = screen.body.row_widget(index)
    assert row is not None, f"row {index} is not mounted"
    return row.left_cell


async def drag_over_left_cells(pilot, screen, first: int, last: int) -> None:
    """A mouse drag from the start of row `first`'s left cell to the end of row `last`'s."""
    start, end = left_cell_of(screen, first), left_cell_of(screen, last)
    await pilot.mouse_down(start, offset=(0, 0))
    await pilot.hover(end, offset=(end.size.width - 1, 0))
    await pilot.mouse_up(end, offset=(end.size.width - 1, 0))


@pytest.mark.parametrize("key", ["right_square_bracket", "right_parenthesis"])
async def test_a_key_that_selects_rows_lets_go_of_the_text_dragged_over_before(key):
    """Rows 3-7 dragged over, then ] (or )) selected other rows: ctrl+c, which prefers the
    mouse's selection, copied the old dragged text, not what the key selected (and it stayed
    highlighted). The key lets go of it: ctrl+c copies the sentences the key selected."""
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await drag_over_left_cells(pilot, screen, 2, 6)
        assert screen.selections
        await press_and_settle(pilot, key, "ctrl+c")
        assert not screen.selections
        left, right = screen._chosen_sentences()
        assert left or right
        model = screen.loaded.model
        sides = [(model.left, left), (model.right, right)]
        assert app.clipboard == "\n\n".join(" ".join(s.sentence_text(i) for i in c) for s, c in sides if c)
        assert "S2." not in app.clipboard


async def test_a_click_on_another_row_lets_go_of_a_drag_and_a_drag_in_one_cell_is_copied():
    """Rows 3-7 dragged over, then a click on row 13: ctrl+c copies row 13's sentences (the
    click's), not the old drag. A drag inside one cell ends in a click on its row all the same
    (the mouse let go over the widget it went down on): that drag is what ctrl+c copies."""
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await drag_over_left_cells(pilot, screen, 2, 6)
        assert screen.selections
        await pilot.click(left_cell_of(screen, 12), offset=(2, 0))
        await press_and_settle(pilot, "ctrl+c")
        assert screen._clicked_row == 12 and not screen.selections
        assert app.clipboard == "S12.\n\nS12."  # (the left side's, the right side's)
        cell = left_cell_of(screen, 14)
        await pilot.mouse_down(cell, offset=(0, 0))
        await pilot.hover(cell, offset=(2, 0))
        await pilot.mouse_up(cell, offset=(2, 0))
        await pilot._post_mouse_events([events.Click], cell, offset=(2, 0))  # (the terminal's, after)
        await press_and_settle(pilot, "ctrl+c")
        assert screen._clicked_row == 14 and screen.selections
        assert app.clipboard and "S14.".startswith(app.clipboard) and app.clipboard != "S14."  # the drag's


async def test_numbers_shown_or_hidden_let_go_of_the_text_dragged_over():
    """Rows 3-7 dragged over, then # (sentence numbers before each cell's text, where the
    selection is measured from): ctrl+c copied "S2." to "S5.", the last row's "S6." lost under
    its "L7 ". The numbers let go of the selection, as a key that selects does."""
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await drag_over_left_cells(pilot, screen, 2, 6)
        await press_and_settle(pilot, "ctrl+c")
        assert app.clipboard == "S2.\nS3.\nS4.\nS5.\nS6."
        await press_and_settle(pilot, "number_sign", "ctrl+c")
        assert screen.body.numbers and not screen.selections
        assert app.clipboard != "S2.\nS3.\nS4.\nS5."  # (nothing selected now: nothing copied)


async def test_a_selection_whose_rows_the_window_let_go_is_copied_whole_and_comes_back(monkeypatch):
    """Rows 3-7 selected, then read on 3 x MAX_ROWS rows down: the window of rows mounted let
    them go, and ctrl+c copied nothing (their cells were skipped as gone). It copies them, says
    so, and Home shows them selected again."""
    from reader.tui.widgets import compare_view

    downs = handled_calls(monkeypatch, compare_view.CompareBody, "action_page_down")
    app = CompareHost(TwoThousandRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        body = screen.body
        await drag_over_left_cells(pilot, screen, 2, 6)
        await press_and_settle(pilot, "ctrl+c")
        copied = "S2.\nS3.\nS4.\nS5.\nS6."
        assert app.clipboard == copied
        presses = 3 * compare_view.MAX_ROWS // body.scrollable_content_region.height
        for _ in range(presses):
            app.post_message(events.Key("pagedown", None))
        await while_moving(lambda: downs[0] == presses, lambda: downs[0])
        await settle(pilot)
        # the window gone past the selection (a stall fails, not 30 s of a loaded machine: it
        # failed so in a run at load 25, the rows still mounting)
        await while_moving(
            lambda: body.start > 6 and not body._growing, lambda: (body.start, len(body.rows)), pilot=pilot
        )
        app.copy_to_clipboard("")
        await press_and_settle(pilot, "ctrl+c")
        assert app.clipboard == copied
        assert notifications(app)[-1] == "Copied the selection: rows 3–7, out of view too."
        await press_and_settle(pilot, "home")
        await wait_for(pilot, lambda: top_row(screen) == 0)
        selected = [cell for cell in screen.selections if isinstance(cell, compare_view.CompareCell)]
        assert sorted(cell.row_index for cell in selected) == [2, 3, 4, 5, 6]
        assert all(cell.is_attached for cell in selected)  # the cells mounted now: highlighted
        assert left_cell_of(screen, 4).text_selection is not None


async def test_a_drag_carried_past_the_rows_kept_mounted_keeps_its_start(monkeypatch):
    """A drag started on row 3 and carried (the view scrolled meanwhile) past MAX_ROWS rows: the
    rows it started on were let go as the window moved, and Textual dropped the selection mid-drag
    (its first cell gone). The rows dragged over stay mounted until the drag ends, and a copy
    holds every row from its start to its end."""
    from reader.tui.widgets import compare_view

    app = CompareHost(TwoThousandRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        body = screen.body
        start = left_cell_of(screen, 2)
        await pilot.mouse_down(start, offset=(0, 0))
        await pilot.hover(left_cell_of(screen, 4), offset=(1, 0))  # a drag under way
        target = compare_view.MAX_ROWS + 60
        while top_row(screen) is None or top_row(screen) < target:
            body.scroll_to(y=body.scroll_y + body.scrollable_content_region.height, animate=False, immediate=True)
            await settle(pilot)
        assert body.row_widget(2) is not None and len(body.rows) > compare_view.MAX_ROWS
        end = left_cell_of(screen, top_row(screen) + 1)
        await pilot.hover(end, offset=(end.size.width - 1, 0))
        await pilot.mouse_up(end, offset=(end.size.width - 1, 0))
        await press_and_settle(pilot, "ctrl+c")
        model = screen.loaded.model
        expected = [model.left.sentence_text(i) for r in range(2, end.row_index + 1) for i in model.rows[r].left]
        assert app.clipboard == "\n".join(expected)


async def test_the_position_follows_jumps_to_rows_not_mounted():
    """`]` from difference to difference, 100 rows apart: each jump far past the rows mounted shows
    a new window of rows with its difference at the same place in it, so the view's scroll offset
    did not change, and the label went on naming the rows of the jump before ("rows 211–235" over
    rows 311–335)."""
    app = CompareHost(TwoThousandRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        for n in range(6):
            await press_and_settle(pilot, "right_square_bracket")
            first = screen._targets()[n].first
            await wait_for(pilot, lambda: in_view(screen, first) and not screen.body._growing)
            await wait_for(pilot, lambda: position_said(app) == position_of_view(screen))
        assert screen.body.start > 300  # (the jumps went past the rows first mounted)


async def test_no_position_where_the_titles_need_the_room():
    """40 columns, the titles stacked: "1,995–2,000/2,000" took 19 of the 40 columns beside each
    title, leaving each outlet and title about 17; the label goes where a title would keep fewer
    than TITLE_ROOM_KEPT columns, and comes back when the terminal is wider."""
    app = CompareHost(TwoThousandRowsLibrary())
    async with drive(app, (40, 20)) as pilot:
        await settle(pilot)
        assert position_said(app) == ""
        assert app.screen.query_one("#compare-title-left").size.width >= 37  # (21 beside the label)
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        await wait_for(pilot, lambda: position_said(app).endswith("/2,000"))


async def test_switching_the_layout_lets_go_of_the_text_dragged_over():
    """Rows 3-7 dragged over, then m (both articles whole): the old rows' selection stayed,
    hidden, and ctrl+c in the other layout copied it. m lets go of it both ways, and so does s
    (the panes' sides change) with both articles whole."""
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await drag_over_left_cells(pilot, screen, 2, 6)
        assert screen.selections
        await press_and_settle(pilot, "m", "ctrl+c")
        assert screen.mode == "sync" and not screen.selections
        assert app.clipboard != "S2.\nS3.\nS4.\nS5.\nS6."
        for key, mode in (("s", "sync"), ("m", "rows")):
            await pilot.mouse_down("#sync-left", offset=(3, 0))
            await pilot.hover("#sync-left", offset=(6, 2))
            await pilot.mouse_up("#sync-left", offset=(6, 2))
            await settle(pilot)
            assert screen.selections
            await press_and_settle(pilot, key)
            assert screen.mode == mode and not screen.selections, key


async def test_a_page_asked_as_rows_mount_goes_on_from_the_view_they_are_put_in_place_in(monkeypatch):
    """PgUp handled after a grow mounted the rows above but before the screen laid them out and
    put the view back in place (a loaded machine, PgUp held down): scrolled at once, from the view
    of before the rows came, _keep_in_place then moved it back and the page was lost (held-down
    PgUp ended 34 rows off). Here each grow is followed at once, before any refresh, by a press."""
    from reader.tui.widgets import compare_view

    monkeypatch.setattr(compare_view, "MAX_ROWS", 100)
    grow = compare_view.CompareBody._grow
    pressed_in_grow = [0]

    async def grow_then_press(self, down: bool, *number) -> None:
        await grow(self, down, *number)
        if not down and pressed_in_grow[0] < 2:  # the key handled before the refresh comes
            pressed_in_grow[0] += 1
            self.action_page_up()

    monkeypatch.setattr(compare_view.CompareBody, "_grow", grow_then_press)
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        body = screen.body
        page = body.scrollable_content_region.height
        await pilot.press("end")
        await while_moving(lambda: at_the_end(body), lambda: (top_row(screen), len(body.rows)))
        bottom = top_row(screen)
        presses = 5
        for _ in range(presses):
            app.post_message(events.Key("pageup", None))
        await while_moving(
            lambda: pressed_in_grow[0] == 2 and pages_scrolled(body),
            lambda: (pressed_in_grow[0], top_row(screen), len(body.rows)),
        )
        await settle(pilot)
        assert top_row(screen) == bottom - (presses + 2) * page


async def test_a_grow_whose_refresh_went_with_a_screen_shown_over_it_ends_when_shown_again(monkeypatch):
    """A grow ends in a callback after the refresh that places its rows; Textual hands it to the
    screen on top, and one shown over the comparison meanwhile drops it when it closes: the body
    would then grow no more (PgDn stored, never scrolled). Here the first grow's callback is lost;
    the pages go on once the comparison is shown again."""
    from textual.screen import Screen

    from reader.tui.widgets import compare_view

    monkeypatch.setattr(compare_view, "MAX_ROWS", 100)
    grown = compare_view.CompareBody._grown
    lost = [0]

    def lose_the_first(self, number: int) -> None:
        if not lost[0]:
            lost[0] = 1  # gone with a screen shown over this one
            return
        grown(self, number)

    monkeypatch.setattr(compare_view.CompareBody, "_grown", lose_the_first)
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        body = screen.body
        page = body.scrollable_content_region.height
        presses = 9  # past the rows mounted at first
        for _ in range(presses):
            app.post_message(events.Key("pagedown", None))
        await while_moving(lambda: lost[0] == 1 and not body._mounting.locked(), lambda: top_row(screen))
        await settle(pilot)
        assert body._growing and body._pages, "the lost callback left the grow unfinished"
        await app.push_screen(Screen())
        await settle(pilot)
        app.pop_screen()
        await while_moving(lambda: pages_scrolled(body), lambda: (top_row(screen), len(body.rows)))
        assert top_row(screen) == presses * page
