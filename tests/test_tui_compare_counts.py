"""The compare screen's counts and keys, as a first use reads them: what the summary bar counts
agrees with what `]` / `[` visit and with `reader compare --json`, a link's strength is never
rounded up to 1.00, and every key of the screen can be found at 80x24."""

from __future__ import annotations

from conftest import CompareHost, drive, notifications, screen_text, settle, wait_for
from comparison_doubles import LEFT_TEXT, RIGHT_TEXT, CompareLibrary, hand_data, typed

from reader.analysis.compare_layout import build_model, row_summary
from reader.tui.screens.compare import CompareScreen


def summary_text(app) -> str:
    return str(app.screen.query_one("#compare-summary").render())


def neighbouring_gaps_comparison():
    """The hand comparison with the figures' link (L3 ↔ R4) taken away: L3, R4 and L4 fall
    between two linked rows, two gap rows side by side, one difference of two rows. And a link
    the linker is all but sure of (0.996) between two sentences told in other words."""
    data = hand_data()
    data["pairs"] = [p for p in data["pairs"] if (p["left"], p["right"]) != (2, 3)]
    data["pairs"][0]["score"] = 0.996
    data["only_left"], data["only_right"] = [2, 3], [1, 3]
    return typed(data, LEFT_TEXT, RIGHT_TEXT)


class NeighbouringGapsLibrary(CompareLibrary):
    def compare(self, left, right, progress=None, cancel=None):
        return neighbouring_gaps_comparison()


async def test_the_differences_counted_are_the_stops_of_the_brackets_and_their_rows():
    app = CompareHost(NeighbouringGapsLibrary())
    async with drive(app, (140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.loaded is not None
        flagged = [r for r, row in enumerate(screen.loaded.model.rows) if row.reasons]
        assert flagged == [1, 2, 3, 4, 5]  # rows 3 and 4 are neighbouring gap rows: one difference
        assert summary_text(app).startswith("4 differences in 5 rows (] next, [ previous)")
        stops = []
        for _ in range(6):  # past the last: it stays
            await pilot.press("right_square_bracket")
            stops.append(screen.current)
        assert stops == [0, 1, 2, 3, 3, 3]  # 4 stops, as counted
        assert summary_text(app).startswith("Difference 4/4:")


def test_reader_compare_json_lists_the_differences_the_screen_counts():
    from reader.commands.compare import _with_differences

    comparison = neighbouring_gaps_comparison()
    data: dict = {}
    _with_differences(comparison, data)
    model = build_model(comparison)
    assert len(data["differences"]) == len(model.differences) == 4
    assert sum(d["rows"] for d in data["differences"]) == 5
    hunk = data["differences"][2]  # the two gap rows: every sentence of both
    assert (hunk["left"], hunk["right"], hunk["rows"]) == ([2, 3], [3], 2)
    assert "only in Right Outlet" in hunk["reasons"]


class TwoLinksInARow(CompareLibrary):
    """The hand-made comparison with R2 joining L2's row: 5 links in 4 linked rows."""

    def compare(self, left, right, progress=None, cancel=None):
        data = hand_data()
        data["pairs"].append({"left": 1, "right": 1, "score": 0.65})
        data["only_right"] = []
        return typed(data, LEFT_TEXT, RIGHT_TEXT)


async def test_the_links_counted_beside_the_linked_rows_visited_are_both_true():
    """A row holding two links: "5 links" beside "Visiting linked rows: 4" read as one lost."""
    app = CompareHost(TwoLinksInARow())
    async with drive(app, (140, 40)) as pilot:
        await settle(pilot)
        assert "· 5 links (4 linked rows) ·" in summary_text(app)
        await pilot.press("t")
        assert summary_text(app).startswith("Visiting linked rows: 4")
    app = CompareHost(CompareLibrary())  # one link a row: no rows counted beside them
    async with drive(app, (140, 40)) as pilot:
        await settle(pilot)
        assert "· 4 links · " in summary_text(app)


async def test_at_80x24_the_linked_rows_are_counted_beside_the_links_only_while_t_visits_them():
    """The compact bar (80x24) holds four lines: "(4 linked rows)" always in it pushed the headline
    stress, names or framing past its end (5 of 60 basil-dev stories, none before); the rows are
    counted where they are read beside the links, while `t` visits the linked rows."""
    app = CompareHost(TwoLinksInARow())
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        assert "5 links · " in summary_text(app) and "linked rows" not in summary_text(app)
        await pilot.press("t")
        text = summary_text(app)
        assert text.startswith("Visiting linked rows: 4") and "5 links (4 linked rows)" in text


async def test_a_link_all_but_certain_is_never_shown_as_1_00():
    comparison = neighbouring_gaps_comparison()
    first = build_model(comparison).rows[0]
    assert row_summary(first) == "L1 ↔ R1 · linked 0.99"
    app = CompareHost(NeighbouringGapsLibrary())
    async with drive(app, (140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t", "right_square_bracket")
        text = screen_text(app)
        assert "Linked row 1/3: linked 0.99" in text and "1.00" not in text


class UnscoredLinkLibrary(CompareLibrary):
    """The hand comparison with its first link's score NaN (a linker that failed on it)."""

    def compare(self, left, right, progress=None, cancel=None):
        data = hand_data()
        data["pairs"][0]["score"] = float("nan")
        return typed(data, LEFT_TEXT, RIGHT_TEXT)


async def test_a_link_whose_score_is_no_number_shows_no_strength():
    """A NaN score read "linked 1.00" (NaN < 1 is false): the bar says "?" instead."""
    app = CompareHost(UnscoredLinkLibrary())
    async with drive(app, (140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t", "right_square_bracket")
        text = screen_text(app)
        assert "Linked row 1/4: linked ? ·" in text and "1.00" not in text and "nan" not in text


def marked(screen) -> tuple[list[int], list[int]]:
    """The sentences marked on each side, both articles whole."""
    left, right = screen.sync.panes
    return sorted(left.text.current), sorted(right.text.current)


async def test_m_after_the_brackets_shows_the_stop_not_a_row_selected_before():
    """A row selected in a stop (rows 3-4: L3, L4 beside R4), `]` then `[` back to that stop: `m`
    shows the stop as `[` did, not the old row alone."""
    app = CompareHost(NeighbouringGapsLibrary())
    async with drive(app, (140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await screen._reselect_row(4, named=True)  # as `)` does
        await pilot.press("right_square_bracket", "left_square_bracket")
        assert screen.current == 2 and screen.body.current == (3, 4)
        await pilot.press("m")
        await settle(pilot)
        assert marked(screen) == ([2, 3], [3])  # the whole stop, as `[` showed it (not L4 alone)
        await pilot.press("m")
        await settle(pilot)
        assert screen.body.current == (3, 4) and screen._named_row is None


async def test_a_second_export_key_while_the_folder_is_read_says_so_again(monkeypatch):
    """The export folder takes a while to read (a slow home disk): `e` says so, and `e` pressed
    again once that toast went (its 2 s) says so again, not nothing; the dialog opens once found."""
    import threading
    from types import SimpleNamespace

    from reader.tui import notify
    from reader.tui.screens import compare as compare_screen
    from reader.tui.widgets.compare_dialogs import ExportPrompt

    clock = [1000.0]
    monkeypatch.setattr(notify, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    gate = threading.Event()
    read = compare_screen.remembered_folder

    def slow(path):
        gate.wait(10)
        return read(path)

    monkeypatch.setattr(compare_screen, "remembered_folder", slow)
    app = CompareHost(CompareLibrary())
    finding = "Finding the folder to export to… (the dialog opens once it is found)"
    async with drive(app, (140, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.loaded is not None)
        await pilot.press("e", "e")
        assert notifications(app).count(finding) == 1  # twice at once: one toast
        clock[0] += 3  # the toast is gone
        await pilot.press("e")
        assert notifications(app).count(finding) == 2
        gate.set()
        await settle(pilot)
        assert isinstance(app.screen, ExportPrompt)


async def test_at_80x24_the_footer_says_where_the_keys_it_has_no_room_for_are():
    """`)`, `(`, `#` and `:` are in no 80-column footer: its first key says "Keys", and the help
    it opens lists every key of the comparison, those among them."""
    from textual.binding import Binding
    from textual.widgets._footer import FooterKey

    from conftest import press_and_settle
    from reader.tui.app import ReaderApp
    from reader.tui.keymap import COMPARE_BINDINGS

    app = ReaderApp(CompareLibrary())
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        app.open_comparison("left", "right")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        footer = screen_text(app).splitlines()[-1]
        assert footer.startswith("? Keys ")
        shown = {key.action for key in app.screen.query(FooterKey) if key.display}
        bindings = [b for b in COMPARE_BINDINGS if isinstance(b, Binding)]
        hidden = [b for b in bindings if b.action not in shown]
        assert {b.key_display for b in hidden} >= {")", "(", "#", ":"}
        await press_and_settle(pilot, "question_mark")
        listed = str(app.screen.query_one("#help-bindings").render())
        for binding in hidden:
            assert f"[{binding.id}]" in listed, binding


WIRE = " ".join(f"Sentence number {n} of the wire story says something new about the summit." for n in range(10))


def reprint(numbers: tuple[int, ...], by: str) -> str:
    """The wire story with a few sentences of `by`'s own: a copy of it, not of another reprint."""
    text = WIRE
    for n in numbers:
        text = text.replace(f"number {n} of the wire story", f"{n} of the {by}'s own reporting")
    return text


async def test_c_on_a_story_row_compares_the_pair_reader_compare_story_does():
    """The story's first article has only copies beside it; two of them differ from each other:
    `c` on the story's row compares those two (Library.story_comparison), as `reader compare
    STORY` does, not the first article with a copy of it."""
    from comparison_doubles import Doc
    from conftest import StoryDouble, press_and_settle
    from reader.tui.app import ReaderApp

    library = CompareLibrary()
    library.add(Doc("w", "Agency", "Summit", WIRE, story="wire"))
    library.add(Doc("r1", "Bugle", "Summit", reprint((1, 2), "Bugle"), story="wire"))
    library.add(Doc("r2", "Courier", "Summit", reprint((5, 6), "Courier"), story="wire"))
    library.story_list.insert(0, StoryDouble("wire", "Summit", ["w", "r1", "r2"]))
    assert library.partner(library.article("w")) == "r1"  # the first article's partner: a copy
    app = ReaderApp(library)
    async with drive(app, (120, 36)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "g")  # by story: the largest, the wire story, first
        tree = app.screen.source_list
        assert tree.cursor_node.data.key == "wire"
        await press_and_settle(pilot, "c")
        assert isinstance(app.screen, CompareScreen) and app.screen.loaded is not None
        assert (app.screen.loaded.left.id, app.screen.loaded.right.id) == ("r1", "r2")
        assert library.compared == [("r1", "r2")]
