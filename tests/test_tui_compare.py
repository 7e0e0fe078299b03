"""The compare screen: Pilot tests of the whole flow.

Most use `CompareLibrary` (tests/comparison_doubles.py), an in-memory stand-in whose comparison
is written out by hand (so each assertion knows exactly what must be shown, hostile strings
included), shown by `CompareHost` (conftest.py); the seeds tests run the real Library, index and
analysis.
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from textual import events
from textual.widgets import Input, Static
from textual.content import Content
from textual.geometry import Region

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
    wheel,
)
from comparison_doubles import (
    LEFT_TEXT,
    RIGHT_TEXT,
    CompareLibrary,
    Doc,
    EveryFewRowsLibrary,
    sentence_dicts,
    framed_comparison,
    graded_comparison,
    hand_comparison,
    hand_data,
    typed,
)

from reader.analysis.compare_layout import mirror
from reader.analysis.compare_terms import NOT_COMPARED
from reader.tui.screens.compare import CompareScreen
from reader.tui.widgets.compare_dialogs import ExportPrompt, VersionPicker
from reader.tui.widgets.compare_view import BodyNote, CompareCell, CompareRow

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def cell_with(screen, needle: str) -> CompareCell:
    for cell in screen.query(CompareCell):
        if needle in cell.text:
            return cell
    raise AssertionError(f"no cell shows {needle!r}")


def drawn_styles(cell: CompareCell, needle: str) -> set:
    """Styles of the drawn cells of `needle` (one line of the cell)."""
    strips = cell.render_lines(Region(0, 0, cell.size.width, cell.size.height))
    for strip in strips:
        chars = [(ch, seg.style.clear_meta_and_links() if seg.style else None) for seg in strip for ch in seg.text]
        line = "".join(ch for ch, _ in chars)
        at = line.find(needle)
        if at >= 0:
            return {style for _, style in chars[at : at + len(needle)]}
    raise AssertionError(f"{needle!r} is not drawn on one line of the cell")


# -- Pilot: the screen -----------------------------------------------------------------------------


async def test_both_outlets_and_hostile_strings_show_literally():
    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        text = screen_text(app)
        assert "Left [b]Outlet[/b]" in text
        assert "Right Outlet" in text
        title = app.screen.query_one("#compare-title-left").render().plain
        assert "Left title [/x] [@click=app.quit]quit[/]" in title  # literally (cut on screen)
        assert "Officials met in [bold]Budapest[/bold] on Monday." in text
        assert "[/foo]" in text
        only_left = cell_with(app.screen, "A line only the left reports")
        assert "\x1b" not in only_left.text and "\x07" not in only_left.text
        tooltip = only_left.parent.tooltip  # the row's reasons name the outlet: literal Content
        numbers = "L" + str(only_left.indices[0] + 1)  # as reader compare numbers it
        assert isinstance(tooltip, Content) and tooltip.plain == f"{numbers}\nonly in Left [b]Outlet[/b]"
        # a linked row, which has no reason to differ, still says its sentences and its link
        linked = next(row for row in app.screen.query(CompareRow) if row.row.kind == "aligned")
        first_left, first_right = linked.row.left[0] + 1, linked.row.right[0] + 1
        assert linked.tooltip.plain.startswith(f"L{first_left}") and f"↔ R{first_right}" in linked.tooltip.plain
        assert "linked" in linked.tooltip.plain
        assert "Names: Sergey ↔ Sergei" in text
        assert "Figures: Eight ↔ Seven" in text
        # clicking the injected "link" does nothing
        await pilot.click(CompareCell, offset=(5, 0))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, CompareScreen)


async def test_shared_quote_has_the_same_highlight_on_both_sides():
    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        left = cell_with(app.screen, "we will not accept this deal at all")
        right = next(c for c in app.screen.query(CompareCell) if "-right" in c.classes and "accept this deal" in c.text)
        left_styles = drawn_styles(left, "accept")
        right_styles = drawn_styles(right, "accept")
        assert len(left_styles) == 1 and left_styles == right_styles
        plain = drawn_styles(left, "minister")
        assert plain.isdisjoint(left_styles)  # the quote stands out from the sentence
        # an altered quote is marked differently from a fragment, again alike on both sides
        altered_left = drawn_styles(cell_with(app.screen, "The door stays open"), "door")
        altered_right = drawn_styles(cell_with(app.screen, "The door remains open"), "door")
        assert altered_left == altered_right
        assert altered_left.isdisjoint(left_styles)


async def test_only_here_sentences_are_marked_in_the_gutter():
    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        only_right = cell_with(app.screen, "Only the right has this sentence.")
        assert "-only" in only_right.classes
        assert only_right.render().plain.startswith("+ ")
        only_left = cell_with(app.screen, "A line only the left reports")
        assert "-only" in only_left.classes and "-left" in only_left.classes
        aligned = cell_with(app.screen, "Officials met in")
        assert "-only" not in aligned.classes


async def test_next_and_previous_difference():
    app = CompareHost(CompareLibrary())
    async with drive(app, (100, 10)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("right_square_bracket")
        current = [row for row in screen.query(CompareRow) if "-current" in row.classes]
        assert [row.index for row in current] == [1]
        assert "Difference 1/5: only in Right Outlet" in screen_text(app)
        for _ in range(4):
            await pilot.press("right_square_bracket")
        await pilot.pause()
        current = [row for row in screen.query(CompareRow) if "-current" in row.classes]
        assert [row.index for row in current] == [5]
        assert "Difference 5/5: quote altered" in screen_text(app)
        body = screen.body
        assert body.scroll_y > 0
        assert current[0].region.y >= body.region.y  # scrolled into view
        assert current[0].region.y < body.region.bottom
        await pilot.press("right_square_bracket")  # past the last: stays, says so
        assert [r.index for r in screen.query(CompareRow) if "-current" in r.classes] == [5]
        await pilot.press("left_square_bracket")
        assert [r.index for r in screen.query(CompareRow) if "-current" in r.classes] == [4]
        assert "Difference 4/5" in screen_text(app)


async def test_next_and_previous_difference_go_on_from_the_rows_on_screen_once_scrolled():
    """Scrolled down with the wheel before the first ], ] showed the first difference, back at the
    top; scrolled back up from difference 5, [ showed difference 4, down there. They go on from
    the rows on screen now, as n does in an article."""
    app = CompareHost(CompareLibrary())
    async with drive(app, (100, 7)) as pilot:  # a view of a few rows
        await settle(pilot)
        screen, body = app.screen, app.screen.body
        body.scroll_end(animate=False, immediate=True)
        await settle(pilot)
        top = body.rows_in_view()[0]
        assert top > 1  # difference 1 (row 1) is above the view
        await press_and_settle(pilot, "right_square_bracket")
        current = [r.index for r in screen.query(CompareRow) if "-current" in r.classes]
        assert current and current[0] >= top
        body.scroll_home(animate=False, immediate=True)
        await settle(pilot)
        bottom = body.rows_in_view()[1]
        assert current[0] > bottom  # the difference shown is below the view now
        await press_and_settle(pilot, "left_square_bracket")
        shown = [r.index for r in screen.query(CompareRow) if "-current" in r.classes]
        assert shown and shown[0] <= bottom
        assert screen.current == max(i for i, d in enumerate(screen.loaded.model.differences) if d.first <= bottom)


async def test_swap_exchanges_the_sides():
    library = CompareLibrary()
    app = CompareHost(library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        before = screen.query_one("#compare-title-left").render().plain
        assert "Left [b]Outlet[/b]" in before
        await pilot.press("s")
        await pilot.pause()
        assert "Right Outlet" in screen.query_one("#compare-title-left").render().plain
        assert "Left [b]Outlet[/b]" in screen.query_one("#compare-title-right").render().plain
        assert screen.loaded.left.id == "right"
        only_right = cell_with(screen, "Only the right has this sentence.")
        assert "-left" in only_right.classes
        assert "Names: Sergei ↔ Sergey" in screen_text(app)
        assert library.compared == [("left", "right")]  # swapping needs no new comparison


async def test_the_summary_says_when_no_story_groups_the_two_articles():
    # `c` on an article no other outlet told compares it with the best other article it finds;
    # the screen showed that as if it were another version of the story.
    library = CompareLibrary()
    app = CompareHost(library)
    async with drive(app, (160, 40)) as pilot:
        await settle(pilot)
        assert app.screen.loaded.same_story
        assert "Different stories" not in screen_text(app)
        app.screen.start("third", "right")
        await settle(pilot)
        assert app.screen.loaded.left.id == "third" and not app.screen.loaded.same_story
        assert "Different stories: no story groups these two articles" in screen_text(app)
        # swapped, it is still two stories (the swap forgot it: the warning went)
        await press_and_settle(pilot, "s")
        assert app.screen.loaded.right.id == "third" and not app.screen.loaded.same_story
        assert "Different stories: no story groups these two articles" in screen_text(app)


async def test_the_export_of_two_stories_says_so_as_the_summary_does(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # the export is proposed there (no Documents in it)
    app = CompareHost(CompareLibrary(), left_id="third", right_id="right")
    async with drive(app, (160, 40)) as pilot:
        await settle(pilot)
        assert not app.screen.loaded.same_story
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportPrompt)
        await press_and_settle(pilot, "enter")
        target = tmp_path / "compare-third-vs-right.md"
        deadline = time.monotonic() + 10
        while not target.exists() and time.monotonic() < deadline:
            await pilot.pause(0.05)
    assert "- Note: different stories: no story groups these two articles" in target.read_text(encoding="utf-8")


async def test_pick_another_version_for_the_left_side():
    library = CompareLibrary()
    app = CompareHost(library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "o")
        assert isinstance(app.screen, VersionPicker)
        await pilot.press(*"third")
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.loaded.left.id == "third"
        assert app.screen.loaded.right.id == "right"
        assert "Third Outlet" in screen_text(app)
        await press_and_settle(pilot, "O")
        assert isinstance(app.screen, VersionPicker)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.loaded.right.id == "right"


async def test_the_pickers_hint_says_only_what_its_list_shows():
    # "● marks versions of the same story" showed over a list with no ●: the story's only other
    # version was the one already on the other side (not listed again).
    app = CompareHost(CompareLibrary())  # left and right: one story; third: a story of its own
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)

        async def hint_for(key: str) -> str:
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, VersionPicker))
            hint = str(app.screen.query_one("#picker-hint", Static).render())
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
            return hint

        for key, other in (("o", "right"), ("O", "left")):
            hint = await hint_for(key)
            assert "●" not in hint
            assert f"This story's other version is already on the {other}." in hint
        app.screen.start("third", "right")
        await settle(pilot)
        hint = await hint_for("O")  # the right's story has a version listed (left)
        assert "● marks versions of the same story." in hint and "already" not in hint
        hint = await hint_for("o")  # third's story has no other version at all
        assert "●" not in hint and "already" not in hint


async def test_the_dialogs_footers_show_their_own_keys(monkeypatch, tmp_path):
    """The picker and the export dialog are modal: the comparison's footer showed through beneath
    them (] [ Diff, s Swap, m Sync...), keys neither dialog takes. Their help key is shown first,
    as on every other screen, and works: f1, since ? is typed into their box (Textual stops a
    modal's keys at the dialog: the app's help key did nothing there, and no footer showed it)."""
    from textual.widgets._footer import FooterKey

    from reader.tui.keymap import APP_BINDINGS

    class HelpHost(CompareHost):  # the reader app's keys, as it declares them
        BINDINGS = APP_BINDINGS
        helped = 0

        def action_help(self) -> None:
            self.helped += 1

    monkeypatch.setenv("HOME", str(tmp_path))  # the export is proposed there (no Documents in it)
    app = HelpHost(CompareLibrary())
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        for n, (key, dialog) in enumerate((("o", VersionPicker), ("e", ExportPrompt)), 1):
            await press_and_settle(pilot, key)
            assert isinstance(app.screen, dialog)
            shown = [(k.key_display, k.description) for k in app.screen.query(FooterKey)]
            assert shown == [("f1", "Help"), ("esc", "Cancel")], (dialog, shown)
            assert screen_text(app).rstrip().split("\n")[-1].strip() == "f1 Help  esc Cancel"
            await press_and_settle(pilot, "f1")
            assert app.helped == n and isinstance(app.screen, dialog)
            await press_and_settle(pilot, "escape")
            assert isinstance(app.screen, CompareScreen)


async def test_export_writes_markdown_in_the_home_folder_at_first(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # the export is proposed there (no Documents in it)
    written = []

    def fake_markdown(comparison, notes=(), fold_same=False):
        written.append(comparison)
        data = comparison.to_dict()
        return f"# {data['left']['outlet']} vs {data['right']['outlet']}\n"

    monkeypatch.setattr("reader.tui.screens.compare.render_markdown", fake_markdown)
    notes = []
    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append((message, kw)))
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportPrompt)
        await press_and_settle(pilot, "enter")
    target = tmp_path / "compare-left-vs-right.md"
    assert target.read_text(encoding="utf-8") == "# Left [b]Outlet[/b] vs Right Outlet\n"
    message, options = notes[-1]
    assert str(target) in message and options.get("markup") is False


async def test_a_long_export_path_shows_its_end_where_the_cursor_is(tmp_path, monkeypatch):
    # Wider than the box at 80x24, the path showed its start: the cursor (at its end) and the
    # file's name were out of sight, and the first key typed edited what could not be seen.
    folder = tmp_path / ("news-" * 12)
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    app = CompareHost(CompareLibrary())
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "e")
        field = app.screen.query_one("#export-path", Input)
        assert field.cursor_at_end and field.max_scroll_x > 0
        assert field.scroll_offset.x == field.max_scroll_x
        assert "compare-left-vs-right.md" in screen_text(app)
        await press_and_settle(pilot, "backspace", "backspace", "t", "x", "t")
        assert field.value.endswith("compare-left-vs-right.txt") and "left-vs-right.txt" in screen_text(app)


async def test_export_refuses_a_path_inside_the_corpus(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    monkeypatch.chdir(corpus)
    monkeypatch.setattr("reader.tui.screens.compare.render_markdown", lambda c, notes=(), fold_same=False: "x")
    app = CompareHost(CompareLibrary(roots=[corpus]))
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(corpus / "report.md")
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, ExportPrompt)  # still asking
        assert "inside the corpus folder" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
    assert list(corpus.iterdir()) == []


async def test_started_inside_the_corpus_the_export_is_proposed_in_the_home_folder(tmp_path, monkeypatch):
    # `cd ~/news && reader --corpus .`: the dialog proposed ~/news/compare-….md, and Enter got
    # "That is inside the corpus folder": the name offered was one it would refuse.
    corpus, home = tmp_path / "corpus", tmp_path / "home"
    corpus.mkdir()
    home.mkdir()
    monkeypatch.chdir(corpus)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr("reader.tui.screens.compare.render_markdown", lambda c, notes=(), fold_same=False: "# x\n")
    app = CompareHost(CompareLibrary(roots=[corpus]))
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#export-path", Input).value == str(home / "compare-left-vs-right.md")
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, CompareScreen)
    assert (home / "compare-left-vs-right.md").read_text() == "# x\n" and list(corpus.iterdir()) == []


async def test_loading_indicator_while_the_worker_compares():
    gate = threading.Event()
    app = CompareHost(CompareLibrary(gate=gate))
    async with drive(app, (100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.body.loading is True
        assert screen.loaded is None
        gate.set()
        await settle(pilot)
        assert screen.body.loading is False
        assert screen.loaded is not None


async def test_keys_that_need_the_rows_say_so_while_the_comparison_is_computed():
    # They did nothing at all while "Comparing…" (seconds on a long pair), the footer offering them.
    gate = threading.Event()
    app = CompareHost(CompareLibrary(gate=gate))
    async with drive(app, (120, 40)) as pilot:
        await pilot.pause()
        keys = {"right_square_bracket": "]", "left_square_bracket": "[", "p": "p", "t": "t", "s": "s", "m": "m"}
        keys |= {"right_parenthesis": ")"}
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        said = [n for n in notifications(app) if n.startswith("Still comparing")]
        assert said == [f"Still comparing: {shown} works once the comparison shows." for shown in keys.values()]
        gate.set()
        await settle(pilot)
        screen = app.screen
        assert screen.loaded.left.id == "left" and screen.mode == "rows" and screen.current is None  # nothing done


async def test_another_version_is_picked_while_a_long_comparison_is_computed():
    # o / O did nothing until the end of a comparison the user already knew to be the wrong one.
    gate = threading.Event()
    library = CompareLibrary(gate=gate)
    app = CompareHost(library, "left", None)  # `c`: the partner is found first, then compared
    async with drive(app, (120, 40)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: "Right Outlet" in str(screen.query_one("#compare-title-right").render()))
        assert screen.loaded is None
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, VersionPicker))
        await pilot.press(*"third")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and ("third", "right") in library.compared)
        gate.set()
        await settle(pilot)
        assert (screen.loaded.left.id, screen.loaded.right.id) == ("third", "right")
        assert "Third Outlet" in screen_text(app)


async def test_keys_wait_for_a_newly_picked_comparison_not_act_on_the_one_beneath():
    # A version picked over a comparison shown: under the loading indicator, ] s m t p ) and e
    # acted on the old comparison (e exported it, s swapped it, O listed its versions).
    gate = threading.Event()
    gate.set()
    library = CompareLibrary(gate=gate)
    app = CompareHost(library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert (screen.loaded.left.id, screen.loaded.right.id) == ("left", "right")
        gate.clear()
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, VersionPicker))
        await pilot.press(*"third")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and ("third", "right") in library.compared)
        keys = {"right_square_bracket": "]", "s": "s", "m": "m", "t": "t", "p": "p", "right_parenthesis": ")"}
        keys |= {"e": "e"}
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        assert app.screen is screen  # no export dialog over it
        said = [n for n in notifications(app) if n.startswith("Still comparing")]
        assert (
            said[:-1] == [f"Still comparing: {shown} works once the comparison shows." for shown in keys.values()][:-1]
        )
        assert said[-1] == "Still comparing: e exports once the comparison shows."
        await pilot.press("O")  # the versions for the pair being computed: "third" is not offered
        await wait_for(pilot, lambda: isinstance(app.screen, VersionPicker))
        assert [v.id for v in app.screen.versions] == ["left"]  # beside "third", not beside "left"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        gate.set()
        await settle(pilot)
        assert (screen.loaded.left.id, screen.loaded.right.id) == ("third", "right")
        assert screen.mode == "rows" and screen.current is None  # nothing done on the old one meanwhile


async def test_escape_while_a_picked_comparison_is_computed_in_the_sync_view_closes_it():
    # Escape stepped back from the old comparison's sync view, under the loading indicator.
    gate = threading.Event()
    gate.set()
    library = CompareLibrary(gate=gate)
    app = CompareHost(library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "m")
        assert screen.mode == "sync"
        gate.clear()
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, VersionPicker))
        await pilot.press(*"third")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and ("third", "right") in library.compared)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is not screen)
        assert not [n for n in notifications(app) if n.startswith("Still comparing")]
        gate.set()


class SlowLibrary(CompareLibrary):
    """Encodes "30 sentences" before the gate opens, telling `progress` as the Library does."""

    def compare(self, left, right, progress=None, cancel=None):
        for done in range(1, 31):
            if progress is not None:
                progress(done, 30, "sentences encoded")
        return super().compare(left, right)


async def test_a_long_comparison_says_how_far_the_encoding_has_come():
    gate = threading.Event()
    app = CompareHost(SlowLibrary(gate=gate))
    async with drive(app, (100, 30)) as pilot:
        summary = app.screen.query_one("#compare-summary")
        # all encoded: the screen says what it does meanwhile (linking a long pair took minutes
        # under "30 of 30 sentences encoded", as if stuck)
        await wait_for(pilot, lambda: "Comparing… 30 sentences encoded; linking them" in str(summary.render()))
        assert app.screen.body.loading is True
        gate.set()
        await settle(pilot)
        assert app.screen.loaded is not None
        assert "sentences encoded" not in str(summary.render())  # the summary of the comparison now


async def test_escape_closes_the_screen():
    app = CompareHost(CompareLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)


async def test_unknown_article_gives_a_reason_not_a_traceback():
    app = CompareHost(CompareLibrary(), left_id="missing", right_id=None)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        assert app.is_running
        assert "no article with id or path 'missing'" in screen_text(app)


async def test_partner_is_picked_when_no_right_side_is_given():
    app = CompareHost(CompareLibrary(), left_id="left", right_id=None)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.loaded.right.id == "right"


def _library_with_a_reprint() -> CompareLibrary:
    """left, right and "wire" (the left's text word for word, another outlet) tell story s1; the
    reprint comes first among the left's other outlets."""
    library = CompareLibrary()
    library.add(Doc("wire", "Wire Outlet", "Left title reprinted", LEFT_TEXT, story="s1"))
    library.story_list[0] = replace(library.story_list[0], articles=["left", "wire", "right"])
    return library


async def test_c_passes_over_a_word_for_word_copy_and_the_picker_names_it():
    """c from the list compared the article with a wire story reprinted word for word (the first
    other outlet of the story): nothing to compare. A version of its own is shown instead, and the
    picker says which versions of the story are copies of the other side's article."""
    app = CompareHost(_library_with_a_reprint(), left_id="left", right_id=None)
    async with drive(app, (140, 40)) as pilot:
        await settle(pilot)
        assert app.screen.loaded.right.id == "right"
        await pilot.press("O")
        await wait_for(pilot, lambda: isinstance(app.screen, VersionPicker))
        picker = app.screen
        hint = str(picker.query_one("#picker-hint", Static).render())
        assert "(same text) a word-for-word copy of the article on the left" in hint, hint
        options = picker.query_one("#picker-options")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert [v.id for v in picker.shown] == ["wire", "third"]
        assert "(same text) Left title reprinted" in prompts[0] and "same text" not in prompts[1]


async def test_c_finds_the_version_of_its_own_behind_thirteen_reprints_and_the_picker_names_them_all():
    """A wire story reprinted by 13 outlets before the one version of its own: the copy check read
    12 of them, c compared the article with a reprint, and the picker named 12 of 13 as copies."""
    library = CompareLibrary()
    reprints = [f"wire{n:02d}" for n in range(13)]
    for n, name in enumerate(reprints):
        library.add(Doc(name, f"Wire Outlet {n}", f"Reprint {n}", LEFT_TEXT, story="s1"))
    library.story_list[0] = replace(library.story_list[0], articles=["left", *reprints, "right"])
    app = CompareHost(library, left_id="left", right_id=None)
    async with drive(app, (140, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.loaded is not None)
        assert app.screen.loaded.right.id == "right"
        await pilot.press("O")
        # (its list is filled at its mount, which under load comes after the screen is pushed)
        await wait_for(pilot, lambda: isinstance(app.screen, VersionPicker) and len(app.screen.shown) == 14)
        picker = app.screen
        assert [v.id for v in picker.shown][:13] == reprints  # the copies after "right", which is shown
        options = picker.query_one("#picker-options")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert sum("(same text)" in prompt for prompt in prompts) == 13, prompts


async def test_narrow_terminal_stacks_the_sides():
    app = CompareHost(CompareLibrary())
    async with drive(app, (60, 16)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-narrow")
        row = screen.query(CompareRow).first()
        assert row.left_cell.region.y < row.right_cell.region.y  # left above right
        assert row.left_cell.region.width >= 50
        text = screen_text(app)
        assert "Left [b]Outlet[/b]" in text and "Right Outlet" in text
        await pilot.press("right_square_bracket", "s", "right_square_bracket")
        await pilot.pause()
        assert app.is_running


async def test_tiny_terminal_does_not_crash():
    app = CompareHost(CompareLibrary())
    async with drive(app, (40, 12)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "right_square_bracket", "left_square_bracket", "s", "o")
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, CompareScreen)


def test_every_binding_has_an_id_a_description_and_a_tooltip():
    for screen in (CompareScreen, VersionPicker, ExportPrompt):
        for binding in screen.BINDINGS:
            assert binding.id and binding.description and binding.tooltip, binding


# -- the real thing: Library, index and analysis over the seeds --------------------------------

FOX = "000_d35029dd94d24c05"
MOSCOW = "004_5af44beeb4aa5335"


async def test_seeds_compare_flow(seed_library, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # the export is proposed there (no Documents in it)
    app = CompareHost(seed_library, left_id=FOX, right_id=None)  # the partner is found in the story
    async with drive(app, (140, 50)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.loaded is not None
        assert screen.loaded.right.id == MOSCOW
        text = screen_text(app)
        assert "Fox News" in text and "The Moscow Times" in text
        assert "Sergey Lavrov ↔ Sergei Lavrov" in text
        # the summary counts links as the CLI and the export do, and the rows that group them
        links, rows = len(screen.loaded.model.comparison.pairs), screen.loaded.model.aligned_count
        assert links > rows and f" · {links} links ({rows} linked rows) · " in text

        # the official's quote: the same highlight on both sides, unlike the words around it
        left = next(c for c in screen.query(CompareCell) if "-left" in c.classes and "is not necessary" in c.text)
        right = next(c for c in screen.query(CompareCell) if "-right" in c.classes and "is not necessary" in c.text)
        left_styles = drawn_styles(left, "necessary")
        assert len(left_styles) == 1 and left_styles == drawn_styles(right, "necessary")
        assert any(m.kind in ("exact", "fragment", "altered") for _, _, m in left.spans)

        # next difference, then swap
        await pilot.press("right_square_bracket")
        assert any("-current" in row.classes for row in screen.query(CompareRow))
        assert "Difference 1/" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert screen.loaded.left.id == MOSCOW
        assert "The Moscow Times" in screen.query_one("#compare-title-left").render().plain
        assert "Sergei Lavrov ↔ Sergey Lavrov" in screen_text(app)

        # export (the real Markdown report), in the current folder
        await pilot.press("e")
        await pilot.pause()
        await press_and_settle(pilot, "enter")
    exported = list(tmp_path.glob("compare-*.md"))
    assert [p.name for p in exported] == [f"compare-{MOSCOW}-vs-{FOX}.md"]
    markdown = exported[0].read_text(encoding="utf-8")
    assert "The Moscow Times" in markdown and "Fox News" in markdown
    assert not list(SEEDS.glob("*.md"))  # nothing written into the corpus


class HugeLibrary(CompareLibrary):
    """'long' has 1,000 sentences; 'blob' is one 50,000-character sentence."""

    def __post_init__(self):
        super().__post_init__()
        self.docs["long"] = Doc("long", "Long Outlet", "Long", " ".join(f"S{i}." for i in range(1000)))
        self.docs["blob"] = Doc("blob", "Blob Outlet", "Blob", "x" * 50_000)

    def compare(self, left, right, progress=None, cancel=None):
        def side(doc):
            if doc.id == "long":
                sentences = sentence_dicts(doc.text, [f"S{i}." for i in range(1000)])
            else:
                sentences = [{"text": doc.text, "start": 0, "end": len(doc.text)}]
            return {"id": doc.id, "outlet": doc.outlet, "title": doc.title, "sentences": sentences}

        return typed({"left": side(left), "right": side(right)}, left.text, right.text)


async def test_long_comparisons_mount_rows_lazily_and_huge_cells_are_cut(monkeypatch):
    from reader.tui.widgets import compare_view

    monkeypatch.setattr(compare_view, "MAX_ROWS", 150)
    app = CompareHost(HugeLibrary(), left_id="long", right_id="blob")
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert len(screen.loaded.model.rows) == 1000
        assert len(screen.query(CompareRow)) == compare_view.CHUNK
        blob = next(c for c in screen.query(CompareCell) if "-right" in c.classes and c.indices)
        assert len(blob.text) < 5000 and "46,000 more characters" in blob.text
        for _ in range(20):  # scrolled down a screen at a time: more rows mounted, at most MAX_ROWS
            # (a key at a time: five at once mounted rows while the view had not moved yet, and the
            # rows on screen and a view's height about them are never dropped, so the top ones
            # stayed until the next rows were mounted, after a refresh the settling did not wait
            # for: 185 rows, once in a loaded whole-suite run)
            await press_and_settle(pilot, "pagedown")
        await wait_for(pilot, lambda: len(screen.query(CompareRow)) <= 150)
        rows = list(screen.query(CompareRow))
        assert len(rows) == 150 and rows[0].index > 0  # those at the top went
        assert screen.body.rows == rows and screen.body.start == rows[0].index
        shown = screen.body.rows_in_view()
        assert shown is not None and shown[1] > 150  # the view went on past them
        await press_and_settle(pilot, "end")  # the end of the comparison, its last row
        assert screen.body.rows[-1].index == 999 and len(screen.query(CompareRow)) <= 150
        assert not screen.body.query(BodyNote)  # no "more rows not shown": every row can be reached


class SparseLongPairLibrary(EveryFewRowsLibrary):
    """'left' and 'right' of 1,200 sentences each, linked one to one but for every 200th pair,
    from L51 on: a difference (a row each side tells alone) every 200 rows."""

    SIZE = 1200
    EVERY = 200
    FROM = 50


def top_row_in_view(screen) -> int | None:
    shown = screen.body.rows_in_view()
    return shown[0] if shown else None


async def test_the_brackets_visit_every_difference_of_a_long_comparison_past_the_rows_mounted_at_most(monkeypatch):
    """`]` and `[` stopped at the differences of the first MAX_ROWS rows (2,000: the rows the body
    showed): "That was the last difference" with more below. (MAX_ROWS 400 here, for speed.) Each
    difference is shown at the top of the view, as a pager shows a match: one mounted as the last
    row (up to 120 rows past those mounted) was scrolled to the bottom, the rows after it later."""
    from reader.tui.widgets import compare_view

    monkeypatch.setattr(compare_view, "MAX_ROWS", 400)
    app = CompareHost(SparseLongPairLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        differences = screen.loaded.model.differences
        assert len(screen.loaded.model.rows) == 1200
        assert len(differences) == 6 and differences[-1].first > 1000
        for n, difference in enumerate(differences):
            await press_and_settle(pilot, "right_square_bracket")
            assert screen.current == n
            assert screen.body.current == (difference.first, difference.last)
            await wait_for(pilot, lambda: top_row_in_view(screen) == difference.first)
            assert f"Difference {n + 1}/6" in screen_text(app)
        await press_and_settle(pilot, "right_square_bracket")  # past the last: it stays, and says so
        assert screen.current == 5 and "That was the last difference." in notifications(app)
        for n in reversed(range(5)):
            await press_and_settle(pilot, "left_square_bracket")
            assert screen.current == n and screen.body.row_widget(differences[n].first) is not None
            await wait_for(pilot, lambda: top_row_in_view(screen) == differences[n].first)
        assert len(screen.query(CompareRow)) <= 400


def mounted_in_order(body) -> bool:
    """The body's rows are the rows of its children, one after another, in order."""
    children = [child.index for child in body.children if isinstance(child, CompareRow)]
    return children == [row.index for row in body.rows] == list(range(body.start, body.start + len(children)))


async def test_the_brackets_held_down_over_a_long_comparison_leave_the_rows_in_order(monkeypatch):
    """`]` held down (six presses before anything settles), then `[`: the screen's jumps and the
    body's own growing mounted rows at once, one list over the other: rows left in the body out of
    order, beside those it knew of, the difference shown not on screen."""
    from reader.tui.widgets import compare_view

    monkeypatch.setattr(compare_view, "MAX_ROWS", 150)
    pauses = pauses_past_compare_rows(monkeypatch)  # (each pause queued a call to every row mounted)
    handled = {
        "]": handled_calls(monkeypatch, CompareScreen, "action_next_difference"),
        "[": handled_calls(monkeypatch, CompareScreen, "action_previous_difference"),
    }
    app = CompareHost(SparseLongPairLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        differences = screen.loaded.model.differences
        assert len(differences) >= 6
        for key, char, last in (("right_square_bracket", "]", 5), ("left_square_bracket", "[", 0)):
            # All six queued at once, as a key held down sends them (Pilot's press waits for the
            # screen after each, and gives up after 30 s: too short for these on a loaded machine);
            # until the six were handled, not until the difference looked for is reached
            for _ in range(6):
                app.post_message(events.Key(key, char))
            await until(lambda: handled[char][0] == 6)
            await settle(pilot)
            assert screen.current == last and mounted_in_order(screen.body)
            assert screen.body.row_widget(differences[screen.current].first) is not None
        await press_and_settle(pilot, "end")
        end_start = screen.body.start  # the rows around the end only
        await press_and_settle(pilot, *["pageup"] * 30)  # scrolled back up: the rows above come
        assert mounted_in_order(screen.body) and len(screen.body.rows) <= 150
        shown = screen.body.rows_in_view()
        assert shown is not None and shown[0] < end_start
    assert pauses[0], "Pilot's pauses no longer go through Pilot._wait_for_screen: update pauses_past_compare_rows"


async def test_go_to_a_sentence_far_down_a_long_comparison_selects_its_row(monkeypatch):
    """`:` L1051 past the first MAX_ROWS rows said "past the rows shown"; it selects that row."""
    from textual import events

    from reader.tui.widgets import compare_view
    from reader.tui.widgets.compare_dialogs import GoToPrompt

    monkeypatch.setattr(compare_view, "MAX_ROWS", 400)
    app = CompareHost(SparseLongPairLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "colon")
        assert isinstance(app.screen, GoToPrompt)
        app.post_message(events.Paste("L1051"))
        await settle(pilot)
        await press_and_settle(pilot, "enter")
        assert app.screen is screen and screen._clicked_row == 1050
        await wait_for(pilot, lambda: (s := screen.body.rows_in_view()) is not None and s[0] <= 1050 <= s[1])


async def test_a_jump_mounts_the_rows_it_needs():
    app = CompareHost(HugeLibrary(), left_id="long", right_id="blob")
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("left_square_bracket")  # from nowhere: the last difference
        await pilot.pause()
        last = screen.loaded.model.differences[-1]
        assert (last.first, last.last) == (0, 999)  # one long run of sentences only one side has
        rows = list(screen.query(CompareRow))
        assert len(rows) < 1000  # not all mounted at once...
        assert all("-current" in r.classes for r in rows)
        await press_and_settle(pilot, "end")
        more = list(screen.query(CompareRow))
        assert more[-1].index == 999 and len(more) < 1000  # the end: the rows there only
        assert all("-current" in r.classes for r in more)  # ...and those mounted later are marked
        await pilot.press("left_square_bracket")  # before the first: stays
        assert "Difference 1/1" in screen_text(app)


async def test_a_failed_pick_keeps_the_current_comparison():
    library = CompareLibrary()
    app = CompareHost(library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        del library.docs["third"]  # gone from the corpus after the picker listed it
        screen.start("third", "right")
        await settle(pilot)
        assert screen.loaded.left.id == "left"
        assert "Officials met in" in screen_text(app)
        assert app.is_running


async def test_bindings_can_be_remapped_by_id():
    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        app.set_keymap({"compare.swap": "w", "compare.next_difference": "j"})
        await settle(pilot)
        await pilot.press("j")
        assert "Difference 1/5" in screen_text(app)
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.loaded.left.id == "right"


class TwinLibrary(CompareLibrary):
    """'long' (200 sentences) tells what 'short' (100) tells: left 2k is aligned with right k."""

    def __post_init__(self):
        super().__post_init__()
        self.long = [f"Long sentence {i} of the left article, long enough to wrap a little." for i in range(200)]
        self.short = [f"Short {k}." for k in range(100)]
        self.docs["long"] = Doc("long", "Long Outlet", "Long", " ".join(self.long))
        self.docs["short"] = Doc("short", "Short Outlet", "Short", " ".join(self.short))

    def compare(self, left, right, progress=None, cancel=None):
        lt, rt = self.docs["long"].text, self.docs["short"].text
        data = {
            "left": {
                "id": "long",
                "outlet": "Long Outlet",
                "title": "Long",
                "sentences": sentence_dicts(lt, self.long),
            },
            "right": {
                "id": "short",
                "outlet": "Short Outlet",
                "title": "Short",
                "sentences": sentence_dicts(rt, self.short),
            },
            **self.links(),
            "only_right": [],
        }
        comparison = typed(data, lt, rt)
        return comparison if left.id == "long" else mirror(comparison)

    def links(self) -> dict:
        """The pairs and the left's sentences told by it alone."""
        return {
            "pairs": [{"left": 2 * k, "right": k, "score": 0.8} for k in range(len(self.short))],
            "only_left": [2 * k + 1 for k in range(len(self.short))],
        }


class BigTwinLibrary(TwinLibrary):
    """TwinLibrary at 3,000 and 1,500 sentences (the left one past what a pane shows), markup in one."""

    def __post_init__(self):
        super().__post_init__()
        self.long = [f"Long sentence {i} of the left article, long enough to wrap a little." for i in range(3000)]
        self.long[1] = "Markup [b]kept[/b] [@click=app.quit]q[/]."
        self.short = [f"Short {k}." for k in range(1500)]
        self.docs["long"] = Doc("long", "Long Outlet", "Long", " ".join(self.long))
        self.docs["short"] = Doc("short", "Short Outlet", "Short", " ".join(self.short))


async def test_sync_panes_draw_only_the_lines_in_view():
    # Each pane was drawn as one Content of the whole article: switching sync mode on took 4-9 s
    # on a 1,500-sentence pair. Now a pane styles and wraps only the sentences in view.
    app = CompareHost(BigTwinLibrary(), left_id="long", right_id="short")
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "m")
        left, right = screen.sync.panes
        assert left.text.count > 2000 and right.text.count == 1500
        assert 0 < len(left.text._drawn) < 40 and 0 < len(right.text._drawn) < 40
        shown = screen_text(app)
        assert "Markup [b]kept[/b] [@click=app.quit]q[/]." in shown  # literally
        assert "Short 0." in shown
        # The current difference is styled by offsets on the lines drawn, and followed.
        await press_and_settle(pilot, "right_square_bracket")
        assert left.text.current == {1}
        strip = left.text.render_line(left.text.offsets(_sync_width(left))[1])
        current = left.text.get_visual_style("compare--current").rich_style
        assert any(seg.style and current.bgcolor and seg.style.bgcolor == current.bgcolor for seg in strip)
        # The end of the left pane: the note on the sentences cut; the other pane followed.
        left.scroll_end(animate=False, immediate=True)
        await settle(pilot)
        assert "… 85 more sentences; press e to export the whole" in screen_text(app)
        assert right.scroll_y > 0 and len(left.text._drawn) < 80


def _sync_width(pane) -> int:
    from reader.tui.widgets.compare_sync import SyncView

    return SyncView._width(pane)


def _middle_sentence(pane) -> float:
    from reader.tui.widgets.compare_sync import SyncView

    offsets = pane.text.offsets(_sync_width(pane))
    return SyncView._position(offsets, pane.scroll_y + pane.size.height / 2)


async def test_sync_mode_scrolls_both_articles_together():
    app = CompareHost(TwinLibrary(), left_id="long", right_id="short")
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "m")
        assert screen.has_class("-sync")
        assert not screen.body.display and screen.sync.display
        left, right = screen.sync.panes
        assert "Long sentence 0 of the left article" in screen_text(app)
        assert "Short 0." in screen_text(app)
        # one scroll (here: the left pane) moves both; the aligned sentences meet in the middle
        left.scroll_to(y=left.max_scroll_y / 2, animate=False, immediate=True)
        await settle(pilot)
        assert right.scroll_y > 0
        assert abs(_middle_sentence(right) - _middle_sentence(left) / 2) < 2
        # and the other way round
        right.scroll_to(y=right.max_scroll_y / 4, animate=False, immediate=True)
        await settle(pilot)
        assert abs(_middle_sentence(right) - _middle_sentence(left) / 2) < 2
        # a difference jump scrolls to it; m goes back to the rows
        await press_and_settle(pilot, "right_square_bracket", "right_square_bracket", "right_square_bracket")
        assert screen.sync.panes[0].text.current == {5}
        from reader.tui.widgets.compare_sync import SyncView

        assert left.scroll_y == left.text.offsets(SyncView._width(left))[5] - 1  # sentence 5 on top
        await press_and_settle(pilot, "m")
        assert not screen.has_class("-sync") and screen.body.display
        assert [r.index for r in screen.query(CompareRow) if "-current" in r.classes] == [5]


class RunLibrary(TwinLibrary):
    """TwinLibrary with the left's sentences 1 to 3 told by it alone: one difference of three rows."""

    def links(self) -> dict:
        return {
            "pairs": [{"left": 0, "right": 0, "score": 0.8}]
            + [{"left": k + 3, "right": k, "score": 0.8} for k in range(1, len(self.short))],
            "only_left": [1, 2, 3] + list(range(len(self.short) + 3, len(self.long))),
        }


async def test_m_keeps_the_row_selected_in_the_other_layout():
    """A row selected with ) inside a difference of several rows: m showed the difference's first
    row instead (the summary named the difference, the sentence chosen out of view), and back
    with m the same. The sentence stays selected and named, both articles whole and back."""
    app = CompareHost(RunLibrary(), left_id="long", right_id="short")
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, *["right_parenthesis"] * 4)  # rows 0, 1, 2, 3: left sentence 4
        summary = screen.query_one("#compare-summary", Static)
        assert "L4 — only in Long Outlet" in str(summary.render())
        await press_and_settle(pilot, "m")
        left, right = screen.sync.panes
        assert left.text.current == {3} and app.focused is left
        assert "L4 — only in Long Outlet" in str(summary.render())
        await press_and_settle(pilot, "m")
        assert [r.index for r in screen.query(CompareRow) if "-current" in r.classes] == [1, 2, 3]  # its difference
        assert screen._clicked_row == 3 and "L4 — only in Long Outlet" in str(summary.render())
        await press_and_settle(pilot, "right_parenthesis")  # ) goes on from it
        assert "L5" in str(summary.render())


class WideTwinLibrary(TwinLibrary):
    """TwinLibrary with the left's 200 sentences of 300 words each: past what a sync pane draws
    (MAX_SYNC_CHARS) from about its 130th, while the aligned rows show them all."""

    def __post_init__(self):
        super().__post_init__()
        words = " ".join(["word"] * 300)
        self.long = [f"Long sentence {i} {words}." for i in range(200)]
        self.docs["long"] = Doc("long", "Long Outlet", "Long", " ".join(self.long))


async def test_m_on_a_row_past_what_the_sync_pane_draws_says_so_and_stays_up():
    """A row of a long article selected in the aligned rows (`:` L180), then m: scrolling the
    pane to a sentence it does not draw raised IndexError and the app stopped. It says where
    the sentence is instead, and m goes back to the row."""
    from textual import events

    from reader.tui.widgets.compare_dialogs import GoToPrompt

    app = CompareHost(WideTwinLibrary(), left_id="long", right_id="short")
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "colon")
        assert isinstance(app.screen, GoToPrompt)
        app.post_message(events.Paste("L180"))
        await settle(pilot)
        await press_and_settle(pilot, "enter")
        screen = app.screen
        assert screen._clicked_row is not None
        await press_and_settle(pilot, "m")
        assert app.is_running and screen.mode == "sync"
        left, _right = screen.sync.panes
        assert left.text.count < 180
        said = f"L180 is past what this pane shows (its first {left.text.count:,} sentences); m shows the aligned rows."
        await wait_for(pilot, lambda: said in notifications(app))
        # `:` with both articles whole refuses it in the box (the aligned rows reach every row:
        # there it is selected, above), naming what the pane shows and the export
        await press_and_settle(pilot, "colon")
        prompt = app.screen
        assert isinstance(prompt, GoToPrompt)
        app.post_message(events.Paste("L180"))
        await settle(pilot)
        await press_and_settle(pilot, "enter")
        error = prompt.query_one("#go-to-error", Static)
        assert app.screen is prompt and str(error.render()) == (
            f"L180 is past what this pane shows (its first {left.text.count:,} sentences); "
            "e exports the whole comparison."
        )
        await press_and_settle(pilot, "escape", "m")
        assert screen.mode == "rows" and app.is_running


async def test_sync_mode_stacks_in_a_narrow_terminal():
    app = CompareHost(CompareLibrary())
    async with drive(app, (60, 16)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "m", "s", "right_square_bracket")
        left, right = app.screen.sync.panes
        assert left.region.y < right.region.y
        assert app.screen.loaded.left.id == "right"  # swapped while in sync mode
        assert "Only the right has this sentence." in screen_text(app)


async def test_a_click_on_a_sentence_in_sync_mode_selects_it_and_shows_its_counterpart():
    """A click on a sentence of either pane only focused the pane: it selects the sentence, marks
    its counterpart on the other side and scrolls the other pane to it, the clicked pane staying
    put; ] goes on from there."""
    from reader.tui.widgets.compare_sync import SyncView

    app = CompareHost(TwinLibrary(), left_id="long", right_id="short")
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "m")
        left, right = screen.sync.panes
        offsets = left.text.offsets(SyncView._width(left))
        await pilot.click("#sync-left", offset=(4, offsets[4]))  # left 4 tells right 2
        await settle(pilot)
        assert left.text.current == {4} and right.text.current == {2}
        assert app.focused is left and left.scroll_y == 0
        assert screen.current is None  # a link, no difference: ] goes to the next one after it
        await press_and_settle(pilot, "right_square_bracket")
        assert left.text.current == {5}
        # A sentence the other side does not tell: said so, and ] goes on from it.
        await pilot.click("#sync-left", offset=(4, offsets[5] - int(left.scroll_y)))
        await settle(pilot)
        assert left.text.current == {5} and right.text.current == set()
        assert "Only Long Outlet tells this sentence." in notifications(app)
        assert screen.current is not None and "Difference" in screen_text(app)
        await press_and_settle(pilot, "right_square_bracket")
        assert left.text.current == {7}
        # The other pane scrolled away from the counterpart (here without its sync): brought back.
        screen.sync._syncing = True
        right.scroll_end(animate=False, immediate=True)
        screen.sync._syncing = False
        await settle(pilot)
        top = left.scroll_y
        line = next(y for y in range(3) if right.text.sentence_at(int(right.scroll_y) + y) is not None)
        shown = right.text.sentence_at(int(right.scroll_y) + line)
        assert (
            not left.scroll_y <= left.text.offsets(SyncView._width(left))[2 * shown] < left.scroll_y + left.size.height
        )
        await pilot.click("#sync-right", offset=(4, line))  # the pane's line on screen
        await settle(pilot)
        assert right.text.current == {shown}
        assert left.text.current == {2 * shown} and left.scroll_y != top
        left_offsets = left.text.offsets(SyncView._width(left))
        assert left.scroll_y <= left_offsets[2 * shown] < left.scroll_y + left.size.height
        # The blank line between two sentences selects nothing.
        await pilot.click("#sync-left", offset=(4, left_offsets[2 * shown + 1] - 1 - int(left.scroll_y)))
        await settle(pilot)
        assert left.text.current == {2 * shown}


class LimitedGradedLibrary(CompareLibrary):
    """graded_comparison() whose right side compared its first sentence only (a long article)."""

    def compare(self, left, right, progress=None, cancel=None):
        comparison = graded_comparison()
        size = len(comparison.right.sentences)
        comparison.pairs = [pair for pair in comparison.pairs if pair.right < 2]
        comparison.skipped_right.update({k: NOT_COMPARED for k in range(2, size)})
        comparison.limited["right"] = (2, size)
        return comparison


async def test_a_click_on_a_sentence_not_compared_says_so_and_why():
    """A click on a `·` sentence (a caption; past the sentences a long article compared) said
    "Only Right Outlet tells this sentence.": it was never compared, and the notice says why. (The
    sentence beside it in a gap row, L5, is no counterpart: it was marked as one.)"""
    from reader.tui.widgets.compare_sync import SyncView

    for library, index, said in (
        (GradedLibrary(), 1, "Not compared (a photo caption)."),
        (
            LimitedGradedLibrary(),
            4,
            "Not compared (past the first 2 sentences of this article, all that were compared).",
        ),
    ):
        app = CompareHost(library)
        async with drive(app, (160, 40)) as pilot:
            await settle(pilot)
            await press_and_settle(pilot, "m")
            right = app.screen.sync.panes[1]
            offsets = right.text.offsets(SyncView._width(right))
            await pilot.click("#sync-right", offset=(4, offsets[index]))
            await wait_for(pilot, lambda: said in notifications(app))
            left, right = app.screen.sync.panes
            assert right.text.current == {index} and left.text.current == set()
            assert "Only Right Outlet tells this sentence." not in notifications(app)


class SharedGapLibrary(CompareLibrary):
    """graded_comparison() without the link L2-R3: a gap row holds L2 (? its candidate R0) beside
    R3 (told by the right only)."""

    def compare(self, left, right, progress=None, cancel=None):
        from reader.analysis.compare import Possible

        comparison = graded_comparison()
        comparison.pairs = [pair for pair in comparison.pairs if (pair.left, pair.right) != (2, 3)]
        comparison.possibly_left.append(Possible(2, 0, 0.3))
        return comparison


async def test_a_click_on_a_gap_sentence_marks_its_own_counterparts_only():
    """R3 sits in a gap row beside L2, whose possible match is R0 (beside L0): a click on R3
    marked L0 as its counterpart and said nothing. It marks none and says R3 is the right's
    alone; a click on L2 marks R0; a click on a blank line changes nothing and says so."""
    from reader.tui.widgets.compare_sync import SyncView

    app = CompareHost(SharedGapLibrary())
    async with drive(app, (160, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "m")
        left, right = app.screen.sync.panes
        gap = next(r for r in app.screen.loaded.model.rows if 3 in r.right)
        assert gap.left == [2] and gap.kind != "aligned"
        offsets = right.text.offsets(SyncView._width(right))
        await pilot.click("#sync-right", offset=(4, offsets[3]))
        await wait_for(pilot, lambda: "Only Right Outlet tells this sentence." in notifications(app))
        assert right.text.current == {3} and left.text.current == set()
        left_offsets = left.text.offsets(SyncView._width(left))
        await pilot.click("#sync-left", offset=(4, left_offsets[2]))
        await settle(pilot)
        assert left.text.current == {2} and right.text.current == {0}
        await pilot.click("#sync-left", offset=(4, left_offsets[3] - 1))  # the blank line before L3
        await wait_for(pilot, lambda: any(n.startswith("No sentence there") for n in notifications(app)))
        assert left.text.current == {2} and right.text.current == {0}


async def test_a_click_on_a_sentence_whose_counterpart_is_past_the_other_pane_says_where_it_is():
    """Sentence S1499 is linked to L2998, past what the left pane draws (MAX_SYNC_CHARS): the
    click said "Only Short Outlet tells this sentence."; it names the counterpart and the rows."""
    from reader.tui.widgets.compare_sync import SyncView

    app = CompareHost(BigTwinLibrary(), left_id="short", right_id="long")
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "m")
        left, right = app.screen.sync.panes
        left.scroll_end(animate=False, immediate=True)
        await settle(pilot)
        offsets = left.text.offsets(SyncView._width(left))
        await pilot.click("#sync-left", offset=(4, offsets[1499] - int(left.scroll_y)))
        await settle(pilot)
        assert left.text.current == {1499} and right.text.count <= 2998
        said = f"Its counterpart R2999 is past what the other pane shows (its first {right.text.count:,} sentences); m shows the aligned rows."
        await wait_for(pilot, lambda: said in notifications(app))
        assert "Only Short Outlet tells this sentence." not in notifications(app)


async def test_text_selected_in_a_sync_pane_is_what_ctrl_c_copies():
    """A pane draws line by line: Textual's own selection copied the widget's name, "SyncText".
    The text selected is copied, over sentences and the blank lines between them too."""
    app = CompareHost(TwinLibrary(), left_id="long", right_id="short")
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "m")
        await pilot.mouse_down("#sync-left", offset=(3, 0))  # the pane's padding: column 2 of the text
        await pilot.hover("#sync-left", offset=(20, 0))
        await pilot.mouse_up("#sync-left", offset=(20, 0))
        await press_and_settle(pilot, "ctrl+c")
        assert app.clipboard == "ng sentence 0 of t"
        await pilot.mouse_down("#sync-left", offset=(3, 0))
        await pilot.hover("#sync-left", offset=(20, 3))
        await pilot.mouse_up("#sync-left", offset=(20, 3))
        await press_and_settle(pilot, "ctrl+c")
        # a sentence whole, not cut where it wraps; the next on a line of its own, without its mark
        assert app.clipboard == "ng sentence 0 of the left article, long enough to wrap a little.\nLong sentence 1 of"


async def test_a_drag_ending_between_two_sentences_of_a_sync_pane_copies_up_to_there():
    """The blank line between two sentences carried no place for the selection: a drag ended
    there selected (and copied) the rest of the article. It ends after the sentence above."""
    from reader.tui.widgets.compare_sync import SyncView

    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "m")
        left = app.screen.sync.panes[0]
        offsets = left.text.offsets(SyncView._width(left))
        blank = offsets[2] - 1  # the line after sentence 1
        await pilot.mouse_down("#sync-left", offset=(1, 0))
        await pilot.hover("#sync-left", offset=(3, blank))
        await pilot.mouse_up("#sync-left", offset=(3, blank))
        await press_and_settle(pilot, "ctrl+c")
        assert app.clipboard == (
            "Officials met in [bold]Budapest[/bold] on Monday.\n"
            'The minister said "we will not accept this deal at all" after talks.'
        )


async def test_a_selection_in_a_sync_pane_is_not_wrapped_again_at_each_repaint(monkeypatch):
    """The lines selected were styled and wrapped anew at every repaint of the pane (a drag
    repaints at every move): a sentence is wrapped once per width, its selected lines restyled."""
    from reader.tui.widgets.compare_sync import SyncText

    app = CompareHost(TwinLibrary(), left_id="long", right_id="short")
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "m")
        await pilot.mouse_down("#sync-left", offset=(3, 0))
        await pilot.hover("#sync-left", offset=(20, 6))
        await pilot.mouse_up("#sync-left", offset=(20, 6))
        await settle(pilot)
        left = app.screen.sync.panes[0]
        assert left.text.text_selection is not None
        made: list[int] = []
        original = SyncText._sentence

        def counted(self, index):
            made.append(index)
            return original(self, index)

        monkeypatch.setattr(SyncText, "_sentence", counted)
        for _ in range(3):
            left.text.refresh()
            await settle(pilot)
            assert left.text.render_line(1).text  # a selected line, drawn
        assert made == []
        monkeypatch.undo()
        await press_and_settle(pilot, "ctrl+c")
        assert app.clipboard.startswith("ng sentence 0 of the left article")


async def test_a_copy_off_the_compare_screen_is_the_articles_words_only():
    """Copying gave the gutter's marks ("+ Only the right...") and the wrapped lines as the
    screen breaks them: a reader pasting a quotation gets the article's words, its paragraphs
    kept (the right article's sentences are paragraphs of their own), in both views."""
    from reader.tui.widgets.compare_sync import SyncView

    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        cell = cell_with(app.screen, "Only the right has this sentence.")
        assert cell.status == "only"
        await pilot.mouse_down(cell, offset=(0, 0))
        await pilot.hover(cell, offset=(cell.size.width - 1, 0))
        await pilot.mouse_up(cell, offset=(cell.size.width - 1, 0))
        await press_and_settle(pilot, "ctrl+c")
        assert app.clipboard == "Only the right has this sentence."
        cell = cell_with(app.screen, "The minister said")
        assert cell.size.height > 1  # wrapped: copied whole all the same, its spaces kept
        await pilot.mouse_down(cell, offset=(0, 0))
        await pilot.hover(cell, offset=(cell.size.width - 1, cell.size.height - 1))
        await pilot.mouse_up(cell, offset=(cell.size.width - 1, cell.size.height - 1))
        await press_and_settle(pilot, "ctrl+c")
        assert app.clipboard == 'The minister said "we will not accept this deal at all" after talks.'
        await press_and_settle(pilot, "m")
        right = app.screen.sync.panes[1]
        offsets = right.text.offsets(SyncView._width(right))
        assert offsets[1] - offsets[0] == 2  # R0 on one line, then a blank one
        await pilot.mouse_down("#sync-right", offset=(1, 0))
        await pilot.hover("#sync-right", offset=(12, offsets[1]))
        await pilot.mouse_up("#sync-right", offset=(12, offsets[1]))
        await press_and_settle(pilot, "ctrl+c")
        assert app.clipboard == "Officials held a meeting in Budapest on Monday.\n\nOnly the r"


async def test_a_selection_over_several_rows_copies_one_article_or_both_apart():
    """A drag down the left column over several rows copied the left cell, the right cell, the
    next row's left... the two articles interleaved. Kept to one side, it gives that article's
    words in order (a gap row's empty cell no blank line), and only they are highlighted; from
    one side to the other, both articles, one after the other under their outlets' names."""
    from reader.tui.widgets.compare_view import CompareCell

    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        first = cell_with(screen, "Officials met in")
        last = cell_with(screen, "The door stays open")
        assert "-left" in first.classes and "-left" in last.classes
        await pilot.mouse_down(first, offset=(0, 0))
        await pilot.hover(last, offset=(11, 0))
        await pilot.mouse_up(last, offset=(11, 0))
        await press_and_settle(pilot, "ctrl+c")
        assert app.clipboard == (
            "Officials met in [bold]Budapest[/bold] on Monday.\n"
            'The minister said "we will not accept this deal at all" after talks.\n'
            "Eight people were hurt [@click=app.quit]x[/].\n"
            f"{cell_with(screen, 'A line only the left reports').text}\n"  # its escapes made harmless
            '"The door'
        )
        assert {"-left" in widget.classes for widget in screen.selections if isinstance(widget, CompareCell)} == {True}
        # ended on no article's text (below the rows, under the right column): the side it started on
        await pilot.mouse_down(first, offset=(0, 0))
        await pilot.hover(screen.body, offset=(70, 25))
        await pilot.mouse_up(screen.body, offset=(70, 25))
        await press_and_settle(pilot, "ctrl+c")
        assert app.clipboard.startswith("Officials met in") and app.clipboard.endswith(
            '"The door stays open," an aide said.'
        )
        assert "Only the right" not in app.clipboard
        end = cell_with(screen, "Seven people were hurt.")
        await pilot.mouse_down(first, offset=(0, 0))
        await pilot.hover(end, offset=(7, 0))
        await pilot.mouse_up(end, offset=(7, 0))
        await press_and_settle(pilot, "ctrl+c")
        assert app.clipboard == (
            "Left [b]Outlet[/b]:\n"
            "Officials met in [bold]Budapest[/bold] on Monday.\n"
            'The minister said "we will not accept this deal at all" after talks.\n'
            "Eight people were hurt [@click=app.quit]x[/].\n\n"
            "Right Outlet:\n"
            "Officials held a meeting in Budapest on Monday.\n\n"
            "Only the right has this sentence.\n\n"
            'The minister said "we will not accept this deal" to reporters.\n\n'
            "Seven"
        )


async def test_a_click_on_a_row_selects_it():
    """In the aligned rows, a click on a row selects it (the difference holding it): ] goes on
    from there, and the rows do not move under the pointer."""
    app = CompareHost(TwinLibrary(), left_id="long", right_id="short")
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        rows = list(screen.query(CompareRow))
        third = rows[3]
        await pilot.click(third, offset=(4, 0))
        await settle(pilot)
        assert "-current" in third.classes and screen.body.scroll_y == 0
        assert screen.current is not None
        current = screen._targets()[screen.current]
        assert current.first <= third.index <= current.last
        await press_and_settle(pilot, "right_square_bracket")
        assert screen._targets()[screen.current].first > third.index


def footer_line(app) -> str:
    return screen_text(app).rstrip().split("\n")[-1]


async def test_escape_in_sync_mode_goes_back_to_the_rows_then_closes():
    """Escape in sync mode (m) closed the whole comparison: it goes back one step, to the
    aligned rows and their current difference; Escape there closes the comparison."""
    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "m", "right_square_bracket")
        assert screen.has_class("-sync")
        # The footer says what Escape does there (it said "esc Close", and went back).
        assert "esc Back" in footer_line(app) and "esc Close" not in footer_line(app)
        current = screen.current
        await press_and_settle(pilot, "escape")
        assert app.screen is screen and not screen.has_class("-sync") and screen.body.display
        assert screen.current == current and app.focused is screen.body
        assert "esc Close" in footer_line(app) and "esc Back" not in footer_line(app)
        await press_and_settle(pilot, "escape")
        assert not isinstance(app.screen, CompareScreen)


HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"


async def test_hostile_corpus_through_the_real_library(tmp_path, monkeypatch):
    from reader.library import Library

    monkeypatch.setenv("HOME", str(tmp_path))  # the export is proposed there (no Documents in it)
    library = Library([HOSTILE], tmp_path / "hostile-index")
    try:
        first = library.articles()[0]
        app = CompareHost(library, left_id=first.id, right_id=None)
        async with drive(app, (140, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, CompareScreen) and screen.loaded is not None
            left, right = screen.loaded.left, screen.loaded.right
            for side, article in (("left", left), ("right", right)):
                shown = screen.query_one(f"#compare-title-{side}").render().plain
                assert " ".join((article.outlet or "").split()) in shown  # literally, markup and all
            await pilot.click(CompareCell, offset=(4, 0))
            await pilot.press("right_square_bracket", "s", "e")
            await pilot.pause()
            await press_and_settle(pilot, "enter")
            assert app.is_running
        exported = list(tmp_path.glob("compare-*.md"))
        assert len(exported) == 1 and "[" not in exported[0].name and "@" not in exported[0].name
    finally:
        library.close()


async def test_highlights_differ_without_colour_too():
    """NO_COLOR drops colours: the kinds of marks must still differ by text style."""
    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)

        def attributes(needle: str, word: str) -> tuple:
            (style,) = drawn_styles(cell_with(app.screen, needle), word)
            return (bool(style.bold), bool(style.italic), bool(style.underline), bool(style.reverse))

        plain = attributes('The minister said "we will not accept this deal at all"', "minister")
        fragment = attributes("we will not accept this deal at all", "accept")
        altered = attributes("The door stays open", "door")
        figure = attributes("Eight people were hurt", "Eight")
        assert len({plain, fragment, altered, figure}) == 4


# -- issue 9: headlines, figure kinds and framing in the summary, the rows and the differences ---


class FramedLibrary(CompareLibrary):
    def compare(self, left, right, progress=None, cancel=None):
        comparison = framed_comparison()
        return comparison if left.id == "left" else mirror(comparison)


class LeadAsTitleLibrary(CompareLibrary):
    def compare(self, left, right, progress=None, cancel=None):
        comparison = framed_comparison()
        assert comparison.headline is not None
        comparison.headline.right.source = "first_sentence"
        return comparison if left.id == "left" else mirror(comparison)


async def test_summary_bar_says_which_title_is_a_first_sentence_not_a_headline():
    # An article without a headline is titled by its first sentence: its "stresses" are a lead's.
    app = CompareHost(LeadAsTitleLibrary())
    async with drive(app, (160, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert (
            "Left [b]Outlet[/b]: [@click=app.quit]quit[/] · Right Outlet (no headline: its first sentence): Right"
            in text
        )


class HeadlineFiguresLibrary(CompareLibrary):
    def compare(self, left, right, progress=None, cancel=None):
        data = framed_comparison().to_dict()
        # hostile headline figures: markup in a title is shown as written, never parsed
        data["headline"]["figures"] = [
            {"left": {"text": "[b]3[/b] dead", "start": 0, "end": 13}, "right": {"text": "five", "start": 0, "end": 4}}
        ]
        comparison = typed(data, LEFT_TEXT, RIGHT_TEXT)
        return comparison if left.id == "left" else mirror(comparison)


async def test_summary_bar_shows_the_figures_the_headlines_tell_differently():
    app = CompareHost(HeadlineFiguresLibrary())
    async with drive(app, (160, 40)) as pilot:
        await settle(pilot)
        assert "figures differ: [b]3[/b] dead ↔ five" in screen_text(app)


async def test_summary_bar_shows_headlines_figure_kinds_and_framing():
    app = CompareHost(FramedLibrary())
    async with drive(app, (140, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Headlines stress: Left [b]Outlet[/b]: [@click=app.quit]quit[/]" in text
        assert "Figures: count of people: Eight ↔ Seven" in text
        assert "Framing: loaded: met ↔ held a meeting" in text
        left = cell_with(app.screen, "Officials met in")
        right = cell_with(app.screen, "Officials held a meeting")
        assert drawn_styles(left, "met") == drawn_styles(right, "held a meeting")
        assert drawn_styles(left, "met").isdisjoint(drawn_styles(left, "Officials"))
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Difference 1/6: framed differently" in screen_text(app)


# -- graded marks (issue 8): weak links, "possibly told", not-compared pieces -------------------


class GradedLibrary(CompareLibrary):
    def compare(self, left, right, progress=None, cancel=None):
        return graded_comparison()


async def test_graded_marks_show_in_the_gutter_and_summary():
    app = CompareHost(GradedLibrary())
    async with drive(app, (140, 40)) as pilot:
        await settle(pilot)
        possible = cell_with(app.screen, "A line only the left reports")
        assert "-possible" in possible.classes and possible.render().plain.startswith("? ")
        caption = cell_with(app.screen, "Only the right has this sentence.")
        assert "-skipped" in caption.classes and caption.render().plain.startswith("· ")
        weak = cell_with(app.screen, "The door stays open")
        assert "-weak" in weak.classes and weak.render().plain.startswith("≈ ")
        strong = cell_with(app.screen, "Officials met in")
        assert not strong.render().plain.startswith(("≈", "?", "+", "·"))
        summary = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "1 possibly told by both (?)" in summary


async def test_help_screen_explains_the_compare_marks():
    from reader.tui.screens.help import HelpScreen

    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 60)) as pilot:
        await settle(pilot)
        app.push_screen(HelpScreen())
        await pilot.pause()
        text = str(app.screen.query_one("#help-compare-marks").render())
        for mark, words in (
            ("+", "only this outlet"),
            ("?", "possibly told"),
            ("≈", "weak link"),
            ("~", "told elsewhere"),
            ("·", "not compared"),
        ):
            assert mark in text and words in text
        # Right after the compare keys: they came after the search's query language and the
        # list's filters, which say nothing of the comparison.
        order = [child.id for child in app.screen.query_one("#help-body").children if child.id]
        assert order == [
            "help-bindings",
            "help-compare-marks",
            "help-queries",
            "help-filters",
            "help-reading",
            "help-navigation",
            "help-config",
        ]


async def test_help_key_in_a_comparison_names_every_gutter_mark_and_escape_comes_back_to_it():
    """`?` over the compare screen (in the reader app, whose key it is) opens the help, its marks'
    table naming each of the gutter's marks with its meaning; Escape closes the help only: the
    comparison is back as it was (the difference chosen, the rows in view, the focus), in each
    layout."""
    from comparison_doubles import EveryFewRowsLibrary

    from reader.analysis.compare_terms import LEGEND, MARKS
    from reader.tui.app import ReaderApp
    from reader.tui.screens.help import HelpScreen

    app = ReaderApp(EveryFewRowsLibrary())
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        app.open_comparison("left", "right")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.loaded is not None)
        await settle(pilot)
        compare = app.screen
        await press_and_settle(pilot, *["right_square_bracket"] * 3)
        for mode in ("rows", "sync"):
            if compare.mode != mode:
                await press_and_settle(pilot, "m")
            place = (compare.mode, compare.current, compare.body.rows_in_view(), app.focused)
            if mode == "sync":
                place += (tuple(pane.text.scroll_y for pane in compare.sync.panes),)
            await press_and_settle(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            marks = " ".join(str(app.screen.query_one("#help-compare-marks").render()).split())
            for mark in MARKS.values():  # its line: the mark, then what it means
                meaning = next(words for shown, words in LEGEND if shown == mark)
                assert f" {mark} {meaning[:25]}" in marks
            await press_and_settle(pilot, "escape")
            assert app.screen is compare
            now = (compare.mode, compare.current, compare.body.rows_in_view(), app.focused)
            if mode == "sync":
                now += (tuple(pane.text.scroll_y for pane in compare.sync.panes),)
            assert now == place


async def test_compare_hints_follow_the_keymap():
    app = CompareHost(CompareLibrary())
    async with drive(app, (140, 40)) as pilot:
        app.set_keymap({"compare.next_difference": "n", "compare.previous_difference": "p"})
        await settle(pilot)
        app.screen._update_summary()
        await pilot.pause()
        assert "(n next, p previous)" in screen_text(app)
        from reader.tui.widgets.compare_view import export_hint

        app.set_keymap({"compare.export": "x"})
        assert export_hint(app) == "x"


async def test_help_key_stays_visible_in_a_small_compare_footer():
    from textual.binding import Binding

    class HelpHost(CompareHost):  # the reader app's help binding, as the real app declares it
        BINDINGS = [Binding("question_mark", "help", "Help")]

        def action_help(self) -> None:
            pass

    app = HelpHost(CompareLibrary())
    async with drive(app, (60, 16)) as pilot:
        await settle(pilot)
        keys = list(app.screen.query("FooterKey"))  # by type name: Textual does not export the class
        assert keys and keys[0].action == "help"  # first, so a narrow footer never cuts it
        assert keys[0].region.right <= 60


async def test_every_compare_key_fits_an_80_column_footer():
    from textual.binding import Binding

    class ReaderLikeHost(CompareHost):  # the reader app's own footer keys, as it declares them
        BINDINGS = [Binding("question_mark", "help", "Help"), Binding("q", "quit", "Quit")]

        def action_help(self) -> None:
            pass

    app = ReaderLikeHost(CompareLibrary())
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        # ] and [ share one item, o and O another: nine items cut the last ones off at 80 columns
        for item in ("? Keys", "esc Close", "] [ p t Diff", "s Swap", "o O Pick", "m Sync", "e Export", "q Quit"):
            assert item in footer, footer


def test_a_difference_s_reasons_take_at_most_two_lines_of_the_summary():
    from comparison_doubles import graded_comparison

    from reader.analysis.compare_layout import build_model
    from reader.tui.widgets.compare_view import REASONS_CHARS, summary_content

    model = build_model(graded_comparison())
    model.differences[0].reasons = [f"reason number {n} about something" for n in range(20)]
    first_line = summary_content(model, 0).plain.split("\n")[0]
    reasons = first_line.removeprefix(f"Difference 1/{len(model.differences)}: ").split(" · ")[0]
    assert len(reasons) <= REASONS_CHARS and reasons.endswith("…")


def test_the_summary_bar_says_a_figure_is_approximate_however_long_what_it_counts():
    # "some 16 House-passed measures": what the figures count is cut to fit, "(approximate)" never
    from reader.analysis.compare import compare
    from reader.analysis.compare_layout import build_model
    from reader.corpus import Article
    from reader.tui.widgets.compare_view import summary_content

    lt = "House leaders said the Senate should take up some 16 measures passed this year."
    rt = "House leaders said the Senate should take up 40 measures passed this year."
    a = Article(id="a", path=Path("a.txt"), text=lt, outlet="Left Daily", title="t")
    b = Article(id="b", path=Path("b.txt"), text=rt, outlet="Right Herald", title="u")
    assert "Figures: count of measures (approximate): some 16 ↔ 40" in summary_content(build_model(compare(a, b))).plain


async def test_the_difference_shown_stays_in_sight_when_the_terminal_is_resized():
    app = CompareHost(TwinLibrary(), left_id="long", right_id="short")
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        for _ in range(30):  # well down the comparison
            await pilot.press("right_square_bracket")
        await settle(pilot)
        first = screen.loaded.model.differences[screen.current].first
        for size in ((200, 60), (90, 20)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            row = screen.body.rows[first].region
            assert screen.body.region.y <= row.y < screen.body.region.bottom, size


async def test_j_and_k_scroll_the_comparison_as_they_scroll_the_article():
    # The help says j / k scroll what is read; the compare body and the sync panes ignored them.
    app = CompareHost(TwinLibrary(), left_id="long", right_id="short")
    async with drive(app, (100, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.focused is screen.body
        await pilot.press("j", "j", "j")
        await wait_for(pilot, lambda: screen.body.scroll_y >= 3)
        await pilot.press("k", "k", "k")
        await wait_for(pilot, lambda: screen.body.scroll_y == 0)
        await press_and_settle(pilot, "m")
        left, right = screen.sync.panes
        assert screen.focused is left
        await pilot.press(*"j" * 40)
        await wait_for(pilot, lambda: left.scroll_y >= 40 and right.scroll_y > 0)  # the other follows


async def test_export_writes_the_comparison_shown_without_comparing_again(tmp_path, monkeypatch):
    # The export compared the two articles again (as long as opening a long pair took, with no
    # sign of it) instead of writing what the screen shows.
    monkeypatch.setenv("HOME", str(tmp_path))  # the export is proposed there (no Documents in it)
    monkeypatch.setattr(
        "reader.tui.screens.compare.render_markdown",
        lambda c, notes=(), fold_same=False: f"{c.left.outlet} | {c.right.outlet}\n",
    )
    library = CompareLibrary()
    app = CompareHost(library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "s")  # swapped: the export follows the screen
        before = list(library.compared)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportPrompt)
        await press_and_settle(pilot, "enter")
        assert library.compared == before
    assert (tmp_path / "compare-right-vs-left.md").read_text(encoding="utf-8") == "Right Outlet | Left [b]Outlet[/b]\n"


def _contrast(fg, bg) -> float:
    """WCAG contrast ratio of two rich colours."""

    def luminance(color) -> float:
        def channel(c: int) -> float:
            c = c / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = color.get_truecolor()
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_every_gutter_mark_is_legible_in_colour_and_without():
    # "?" (check before trusting an absence) was drawn in the theme's secondary colour: dark navy
    # on near-black (1.9:1), and under NO_COLOR a grey hardly lighter than the background.
    from textual.filter import Monochrome

    from comparison_doubles import LEFT_TEXT, RIGHT_TEXT, hand_comparison, hand_data

    moved = hand_data()
    moved["only_left"], moved["only_right"] = [], []
    moved["pairs"].append({"left": 3, "right": 1, "score": 0.7})  # out of order: "~" on both sides
    seen = set()
    for comparison in (graded_comparison(), hand_comparison(), typed(moved, LEFT_TEXT, RIGHT_TEXT)):

        class Marked(CompareLibrary):
            def compare(self, left, right, progress=None, cancel=None, comparison=comparison):
                return comparison

        app = CompareHost(Marked())
        async with drive(app, (140, 40)) as pilot:
            await settle(pilot)
            for cell in app.screen.query(CompareCell):
                mark = {"possible": "?", "weak": "≈", "skipped": "·", "only": "+", "moved": "~"}.get(cell.status)
                if mark is None:
                    continue
                strip = cell.render_lines(Region(0, 0, cell.size.width, 1))[0]
                (segment,) = [s for s in strip if s.text.startswith(mark)]
                (grey,) = Monochrome().apply([segment], None)
                for drawn in (segment, grey):
                    assert _contrast(drawn.style.color, drawn.style.bgcolor) >= 3, (cell.status, drawn.style)
                seen.add(cell.status)
    assert seen == {"possible", "weak", "skipped", "only", "moved"}


async def test_p_goes_to_where_the_other_side_tells_a_difference_and_back():
    # "? possibly told by" and "~ told elsewhere" named no place to look: p goes there, then back.
    from conftest import notifications

    app = CompareHost(GradedLibrary())
    async with drive(app, (140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("p")
        await pilot.pause()
        assert (
            "Choose a difference with ] or a row with ) first; p then shows where the other side tells it."
            in notifications(app)
        )
        await press_and_settle(pilot, "t", "p")  # visiting linked rows: ] stops at those
        assert (
            "Choose a linked row with ] or a row with ) first; p then shows where the other side tells it."
            in notifications(app)
        )
        await press_and_settle(pilot, "t", "t", "t", "t")  # back to the differences
        assert screen.visit == "differences"
        model = screen.loaded.model
        (possible,) = [r for r, row in enumerate(model.rows) if row.left_status == "possible"]
        (candidate,) = [r for r, row in enumerate(model.rows) if 1 in row.right]
        while screen.current is None or model.differences[screen.current].first != possible:
            await pilot.press("right_square_bracket")
            await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        partners = [row.index for row in screen.query(CompareRow) if "-partner" in row.classes]
        assert partners == [candidate]
        assert [row.index for row in screen.query(CompareRow) if "-current" in row.classes] == [possible]
        assert "told on the other side here (1/1; p: back to the difference)" in screen_text(app)
        await pilot.press("p")  # back
        await pilot.pause()
        assert not [row for row in screen.query(CompareRow) if "-partner" in row.classes]
        assert "told on the other side" not in screen_text(app)
        await press_and_settle(pilot, "m", "p")  # the sync layout marks the counterpart's sentence
        assert screen.sync.panes[1].text.current == {1}
        await press_and_settle(pilot, "p")
        assert screen.sync.panes[0].text.current == {3}  # back to the "?" sentence


class LongPairLibrary(CompareLibrary):
    """'a' and 'b': 1,500 sentences each, every fifth told by one side only (300 differences)."""

    N = 1500

    def __post_init__(self):
        super().__post_init__()
        self.sentences = {
            side: [f"{side} sentence {i} tells of budgets and buses." for i in range(self.N)] for side in "ab"
        }
        for side in "ab":
            self.docs[side] = Doc(side, side.upper(), side.upper(), " ".join(self.sentences[side]))

    def compare(self, left, right, progress=None, cancel=None):
        def side(name):
            text = " ".join(self.sentences[name])
            return {
                "id": name,
                "outlet": name.upper(),
                "title": name,
                "sentences": sentence_dicts(text, self.sentences[name]),
            }

        alone = [i for i in range(self.N) if not i % 5]
        data = {
            "left": side("a"),
            "right": side("b"),
            "pairs": [{"left": i, "right": i, "score": 0.8} for i in range(self.N) if i % 5],
            "only_left": alone,
            "only_right": alone,
        }
        return typed(data, self.docs["a"].text, self.docs["b"].text)


async def test_a_far_jump_in_a_long_comparison_mounts_only_the_rows_around_it():
    # [ from the top of a 1,500-row comparison mounted every row before the last difference at
    # once: the screen froze for 15-20 s. Now the rows around it come, and the rest when scrolled to.
    from reader.tui.widgets.compare_view import CHUNK

    app = CompareHost(LongPairLibrary(), left_id="a", right_id="b")
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen, body = app.screen, app.screen.body
        await press_and_settle(pilot, "left_square_bracket")  # the last difference, far below
        last = screen.loaded.model.differences[-1].first
        assert len(body.rows) <= 3 * CHUNK and body.start > 0
        row = body.row_widget(last)
        assert row is not None and "-current" in row.classes
        assert body.region.y <= row.region.y < body.region.bottom
        # scrolling up from the top of what is shown brings the rows above, the view in place
        top = body.rows[0]
        body.scroll_to(y=0, animate=False, immediate=True)
        await settle(pilot)
        assert body.rows[0].index < top.index and top.region.y >= body.region.y
        await press_and_settle(pilot, "home")
        assert body.start == 0 and body.scroll_y == 0 and body.rows[0].region.y == body.region.y
        await press_and_settle(pilot, "end")
        assert body.rows[-1].index == 1499 and body.scroll_y == body.max_scroll_y
        assert body.rows[-1].region.bottom <= body.region.bottom
        await press_and_settle(pilot, "left_square_bracket")  # a near jump after all that
        row = body.row_widget(screen.loaded.model.differences[298].first)
        assert screen.current == 298 and row is not None and body.region.y <= row.region.y < body.region.bottom


SAME_TEXT = "The very same sentence in both."


class SameTextLibrary(CompareLibrary):
    """Two outlets printing the very same article: every sentence linked, no difference."""

    def compare(self, left, right, progress=None, cancel=None):
        def side(doc) -> dict:
            return {
                "id": doc.id,
                "outlet": doc.outlet,
                "title": doc.title,
                "sentences": sentence_dicts(SAME_TEXT, [SAME_TEXT]),
            }

        data = {"left": side(left), "right": side(right), "pairs": [{"left": 0, "right": 0, "score": 0.99}]}
        return typed(data, SAME_TEXT, SAME_TEXT)


async def test_p_on_identical_articles_says_there_is_no_difference():
    # p told the user to choose a difference with ] first, when ] had none to choose.
    from conftest import notifications

    app = CompareHost(SameTextLibrary())
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        assert app.screen.loaded is not None and not app.screen.loaded.model.differences
        await pilot.press("p")
        await pilot.pause()
        assert notifications(app) == ["No differences between these versions."]


async def test_help_names_every_section_of_the_compare_screen_in_words():
    # The help on the compare screen headed j and k "CompareBody" and again "SyncPane" (class
    # names), and the version picker's keys "VersionPicker screen".
    import re

    from reader.tui.screens.help import binding_rows

    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        titles = [title for title, _ in binding_rows(app, [app.screen])]
        assert titles == ["Compare screen", "Comparison", "Everywhere"]
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, VersionPicker))
        titles = [title for title, _ in binding_rows(app, [app.screen])]
        assert titles[0] == "Version picker"
        export = ExportPrompt(Path("comparison.md"), lambda path: None)
        assert not [t for t in (title for title, _ in binding_rows(app, [export])) if re.search(r"[a-z][A-Z]", t)]


async def test_every_bar_beside_a_sentence_is_explained_in_the_help_and_the_readme():
    # The bars at a sentence's left (solid: only here; dashed: told elsewhere; stacked: which
    # side) were in neither the help's legend nor the README, and the bar meant to mark the row
    # p went to was drawn under the cells, never seen.
    from comparison_doubles import LEFT_TEXT, RIGHT_TEXT, hand_data

    from reader.analysis.compare_terms import LEGEND

    moved = hand_data()
    moved["only_left"], moved["only_right"] = [], []
    moved["pairs"].append({"left": 3, "right": 1, "score": 0.7})  # out of order: "~" on both sides
    bars: set[str] = set()
    for width in (140, 70):  # side by side, then stacked
        for comparison in (graded_comparison(), typed(moved, LEFT_TEXT, RIGHT_TEXT)):

            class Marked(CompareLibrary):
                def compare(self, left, right, progress=None, cancel=None, comparison=comparison):
                    return comparison

            app = CompareHost(Marked())
            async with drive(app, (width, 40)) as pilot:
                await settle(pilot)
                screen = app.screen
                for _ in range(len(screen.loaded.model.differences) + 1):
                    await pilot.press("right_square_bracket", "p")
                    await pilot.pause()
                    for cell in screen.query(CompareCell):
                        lines = cell.render_lines(Region(0, 0, cell.size.width, cell.size.height))
                        bars |= {line.text[0] for line in lines if line.text[:1].strip()}
                        bars |= {line.text[-1] for line in lines if line.text[-1:] == "║"}
                        if width < 80 and cell.display:  # stacked: the bar at the left says which side
                            side = "▌" if "-left" in cell.classes else "╏"
                            assert {line.text[0] for line in lines} == {side}, cell.text
    assert {"▌", "╏", "║"} <= bars  # only here / told elsewhere (or the sides, stacked) / p's row
    legend = {mark for mark, _ in LEGEND}
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for bar in bars:
        assert bar in legend, f"the help's legend does not explain {bar}"
        assert f"`{bar}`" in readme, f"README does not explain {bar}"


async def test_the_sync_pane_with_the_focus_shows_it():
    # j and k scroll the focused pane (the other follows): which one that is did not show.
    def background(widget) -> set:
        strip = widget.render_lines(Region(0, 0, widget.size.width, 1))[0]
        return {seg.style.bgcolor for seg in strip if seg.style and seg.style.bgcolor}

    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "m")
        left, right = app.screen.sync.panes
        left.focus()
        await settle(pilot)
        assert background(left) != background(right)
        right.focus()
        await settle(pilot)
        assert background(left) != background(right)


async def test_the_titles_name_the_two_articles_while_they_are_compared():
    # The titles read "Left" and "Right" until the comparison was ready (seconds on a long
    # pair), and under the picker of an article no other one tells.
    from comparison_doubles import LEFT_OUTLET

    def titles(screen) -> tuple[str, str]:
        left, right = (str(screen.query_one(f"#compare-title-{side}").render()) for side in ("left", "right"))
        return left, right

    gate = threading.Event()
    app = CompareHost(CompareLibrary(gate=gate))
    async with drive(app, (100, 30)) as pilot:
        await wait_for(pilot, lambda: "Right Outlet" in titles(app.screen)[1])
        assert app.screen.loaded is None and LEFT_OUTLET in titles(app.screen)[0]
        gate.set()
        await settle(pilot)
    app = CompareHost(CompareLibrary(), "third", None)  # alone in its story: the picker opens
    async with drive(app, (100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, VersionPicker))
        screen = app.screen_stack[-2]
        assert titles(screen) == ("◀ Third Outlet — A third paper", "▶ (choose an article)")


# -- stopping a long comparison: Escape, another comparison, quitting --------------------------------
class HeldEncoder:
    """The real encoder, made slow and observable: its first sentence waits for `release`
    (set by the test once it has pressed its key), and every sentence encoded is counted."""

    def __init__(self, monkeypatch):
        from reader.analysis.contextual import encoder

        model = encoder()
        model._cache.clear()  # the test's sentences go through the model
        monkeypatch.setattr(model, "disk", None)
        monkeypatch.setattr(model, "threads", 1)  # one sentence at a time: the count below is exact
        self.started, self.release = threading.Event(), threading.Event()
        self.encoded: list[str] = []
        encode_one = model._encode_one

        def held(text):
            self.started.set()
            self.release.wait(30)
            self.encoded.append(text)
            return encode_one(text)

        monkeypatch.setattr(model, "_encode_one", held)


class RealComparisons(CompareLibrary):
    """The hand-written articles compared by the real core; `ended` says how each call ended."""

    ended: list
    finished: threading.Event  # set once the call has ended, however
    cancel = None  # the last call's cancel()

    def compare(self, left, right, progress=None, cancel=None):
        from reader.analysis.compare import compare

        self.cancel = cancel  # what the worker is asked: the quit test waits for it to say stop
        try:
            comparison = compare(left, right, cancel=cancel)
        except BaseException as exc:
            self.ended.append(type(exc).__name__)
            raise
        finally:
            self.finished.set()
        self.ended.append("done")
        return comparison


async def test_escape_on_a_slow_comparison_stops_its_worker(monkeypatch):
    # Escape closed the screen, but the worker ran the comparison to its end (25 s of both
    # cores on a book-length pair), and the next comparison waited behind it.
    held = HeldEncoder(monkeypatch)
    library = RealComparisons()
    library.ended, library.finished = [], threading.Event()
    app = CompareHost(library)
    async with drive(app, (100, 30)) as pilot:
        await wait_for(pilot, held.started.is_set)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, CompareScreen))
        await wait_for(pilot, lambda: library.cancel is not None and library.cancel())  # told to stop
        held.release.set()
        await wait_for(pilot, lambda: library.ended)
        assert library.ended == ["Cancelled"]
        assert len(held.encoded) == 1  # the sentence under way, then no other
        assert app.is_running and not app.query("Toast")  # quietly: no error shown


def release_once_cancelled(library, held, deadline: float = 30.0) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end and not (library.cancel and library.cancel()):
        time.sleep(0.01)
    held.release.set()


async def test_quitting_during_a_slow_comparison_stops_its_worker(monkeypatch):
    held = HeldEncoder(monkeypatch)
    library = RealComparisons()
    library.ended, library.finished = [], threading.Event()
    app = CompareHost(library)
    async with drive(app, (100, 30)) as pilot:
        await wait_for(pilot, held.started.is_set)
        app.exit()
        # The first sentence goes on once the app has told the worker to stop (released at once,
        # the worker could take the next sentence before the app's shutdown reaches it).
        threading.Thread(target=release_once_cancelled, args=(library, held), daemon=True).start()
    # The test's app may return before the worker's thread has ended (the real app's run waits
    # for it): wait for the call's end, with a deadline.
    assert library.finished.wait(30)
    assert library.ended == ["Cancelled"] and len(held.encoded) == 1


async def test_another_comparison_opened_over_a_slow_one_stops_it_and_it_starts_again_when_shown(
    monkeypatch, library_double
):
    from reader.tui.app import ReaderApp

    held = HeldEncoder(monkeypatch)
    ended: list[str] = []
    compare = library_double.compare

    def recorded(left, right, progress=None, cancel=None):
        cancels.append(cancel)
        try:
            comparison = compare(left, right, progress, cancel)
        except BaseException as exc:
            ended.append(f"{left.id} {type(exc).__name__}")
            raise
        ended.append(f"{left.id} done")
        return comparison

    cancels: list = []
    monkeypatch.setattr(library_double, "compare", recorded)
    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        app.open_comparison("a1", "b1")
        await wait_for(pilot, held.started.is_set)
        first = app.screen
        app.open_comparison("b1", "a1")  # from the palette, over the first
        await wait_for(pilot, lambda: app.screen is not first and isinstance(app.screen, CompareScreen))
        await wait_for(pilot, lambda: cancels[0] is not None and cancels[0]())  # the first told to stop
        held.release.set()
        await wait_for(pilot, lambda: app.screen.loaded is not None)
        assert ended[0] == "a1 Cancelled" and ended[1:] == ["b1 done"]
        await pilot.press("escape")  # back to the first: computed again now
        await wait_for(pilot, lambda: app.screen is first and first.loaded is not None)
        assert ended[2:] == ["a1 done"]


async def test_help_on_the_comparison_says_how_to_move_in_it(library_double):
    from reader.tui.app import ReaderApp
    from reader.tui.screens.help import HelpScreen

    app = ReaderApp(library_double)
    async with drive(app, (100, 60)) as pilot:
        await settle(pilot)
        app.open_comparison("a1", "b1")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        await press_and_settle(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        moving = " ".join(str(app.screen.query_one("#help-navigation").render()).split())
        assert "both sides move together" in moving and "quotes panel" not in moving


async def test_a_comparison_not_in_english_says_so():
    import dataclasses

    from conftest import notifications

    library = CompareLibrary()
    compared = library.compare

    def compare(left, right, progress=None, cancel=None):
        return dataclasses.replace(compared(left, right, progress, cancel), languages={"left": "pt"})

    library.compare = compare  # type: ignore[method-assign]
    app = CompareHost(library)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        shown = notifications(app)
        assert any(m.startswith("The left side reads as Portuguese") for m in shown), shown


async def test_the_footer_has_its_keys_in_the_compare_screens_first_frame():
    """In a real terminal the footer stayed empty for the first second or more of "Comparing…":
    Textual's Footer composes its keys only after the screen's first "bindings changed" signal and
    a refresh after it, and the comparison's worker (busy on both cores) held that back. Pilot
    settles before looking, so it always saw them. The keys are there when the screen is mounted,
    before anything waits on a refresh, spaced as the compact footer spaces them."""
    from textual.binding import Binding

    seen: list[list[str]] = []

    class Watched(CompareScreen):
        def on_mount(self) -> None:
            seen.append([key.key_display for key in self.query("FooterKey")])
            super().on_mount()

    class Host(CompareHost):
        BINDINGS = [Binding("question_mark", "help", "Help"), Binding("q", "quit", "Quit")]

        def action_help(self) -> None:
            pass

        def on_mount(self) -> None:
            self.push_screen(Watched(self.library, self.left_id, self.right_id))

    app = Host(CompareLibrary())
    async with drive(app, (80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(seen))
        assert seen[0][:2] == ["?", "esc"], seen
        await settle(pilot)
        footer = screen_text(app).rstrip().split("\n")[-1]
        assert footer.startswith("? Keys esc Close  ] [ p t Diff s Swap  o O Pick m Sync"), footer


def current_rows(screen) -> list[int]:
    return [row.index for row in screen.query(CompareRow) if "-current" in row.classes]


async def test_the_visit_key_steps_through_the_links_showing_why_each_is_one():
    """A fact-checker asks why two sentences are linked: t makes ] and [ visit the linked rows,
    the summary gives each one's strength and shared words, and those words stand out on both
    sides (on that row only)."""
    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("t")
        assert (
            "Visiting linked rows: 4 (] next, [ previous; t: rows with a sentence only one outlet tells (+))"
            in screen_text(app)
        )
        await pilot.press("right_square_bracket")
        assert current_rows(screen) == [0]
        assert "Linked row 1/4: linked 0.80 · shares: Officials, Budapest" in screen_text(app)
        left, right = cell_with(screen, "Officials met in"), cell_with(screen, "Officials held a meeting")
        shared = drawn_styles(left, "Officials")
        assert shared == drawn_styles(right, "Officials") == drawn_styles(right, "Budapest")
        assert shared.isdisjoint(drawn_styles(left, "met")) and shared.isdisjoint(drawn_styles(right, "held"))
        await pilot.press("right_square_bracket")
        assert current_rows(screen) == [2]
        assert "Linked row 2/4: linked 0.70 · shares: minister" in screen_text(app)
        assert not any(m.kind == "shared" for _, _, m in left.spans)  # the row left: its words plain again
        for _ in range(3):
            await pilot.press("right_square_bracket")
        assert current_rows(screen) == [5]  # the last link, and no further


async def test_the_visit_key_steps_through_only_the_sentences_one_outlet_tells():
    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("t", "t")
        assert "Visiting rows with a sentence only one outlet tells (+): 2" in screen_text(app)
        await pilot.press("right_square_bracket")
        assert current_rows(screen) == [1]
        assert "Only here 1/2: only in Right Outlet" in screen_text(app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert current_rows(screen) == [4]
        await pilot.press("left_square_bracket")
        assert current_rows(screen) == [1]
        for _ in range(3):  # on through ? and ~ (none here), back to every difference
            await pilot.press("t")
        assert "5 differences (] next, [ previous)" in screen_text(app)


async def test_the_possibly_told_sentences_have_their_own_visit_and_p_goes_to_the_candidate():
    app = CompareHost(GradedLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("t", "t", "t")
        assert "Visiting rows with a sentence possibly told by both (?): 1" in screen_text(app)
        await pilot.press("right_square_bracket")
        assert current_rows(screen) == [4]
        await pilot.press("p")
        assert screen.body.partner == 1  # the row of its closest sentence on the other side
        await pilot.press("p")
        assert screen.body.partner == -1 and current_rows(screen) == [4]  # and back


async def test_two_copies_of_one_text_are_said_to_be_the_same_first():
    class SameLibrary(CompareLibrary):
        def compare(self, left, right, progress=None, cancel=None):
            data = hand_data()
            data["right"] = dict(data["left"], id="right")
            data["pairs"] = [{"left": k, "right": k, "score": 1.0} for k in range(len(data["left"]["sentences"]))]
            data.update(only_left=[], only_right=[], shared_quotes=[], name_variants=[], figures=[])
            return typed(data, LEFT_TEXT, LEFT_TEXT)

    app = CompareHost(SameLibrary())
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        assert "The two texts are the same, word for word · No differences" in screen_text(app)


async def test_both_articles_whole_show_the_shared_words_of_the_link_shown_too():
    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "t", "right_square_bracket", "m")
        left = app.screen.sync.panes[0].text
        assert [LEFT_TEXT[m.start : m.end] for m in left.shared] == ["Officials", "Budapest"]
        drawn = left._sentence(0)
        assert "Officials" in {drawn.plain[span.start : span.end] for span in drawn.spans}


async def test_shared_words_keep_the_background_of_the_row_shown():
    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t", "right_square_bracket")
        cell = cell_with(app.screen, "Officials met in")
        (shared,) = drawn_styles(cell, "Officials")
        (plain,) = drawn_styles(cell, "met")
        assert shared.bgcolor == plain.bgcolor and shared.underline and not plain.underline


async def test_at_80x24_the_summary_bar_is_compact_and_leaves_the_panes_their_room():
    """At 80x24 the summary's parts flow on (sides named ◀ and ▶, as the titles) in at most four
    lines above the panes, where a line each took five: counts, headlines, figures and framing all
    still there; a taller terminal keeps a line each, with the outlets' names."""
    from reader.tui.widgets.compare_view import SHORT_SUMMARY_LINES

    app = CompareHost(FramedLibrary())
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        summary = screen.query_one("#compare-summary")
        assert summary.region.height <= SHORT_SUMMARY_LINES
        assert summary.region.bottom <= screen.body.region.y  # nothing under the bar
        shown = " ".join(screen_text(app).splitlines()[summary.region.y : summary.region.bottom])
        for part in ("6 differences", "only in ◀", "only in ▶", "Headlines stress: ◀", "Figures:", "Framing:"):
            assert part in shown, part
        await press_and_settle(pilot, "right_square_bracket")
        assert summary.region.height <= SHORT_SUMMARY_LINES and summary.region.bottom <= screen.body.region.y
        await pilot.resize_terminal(140, 40)
        await settle(pilot)
        assert "Headlines stress: Left [b]Outlet[/b]:" in screen_text(app)


def test_a_summary_too_long_for_its_lines_ends_in_an_ellipsis():
    from textual.content import Content

    from reader.tui.widgets.compare_view import fit_lines

    long = Content("word " * 100)
    fitted = fit_lines(long, 20, 3).plain.split("\n")
    assert len(fitted) == 3 and fitted[-1].endswith("…") and all(len(line) <= 20 for line in fitted)
    assert fit_lines(Content("short"), 20, 3).plain == "short"


async def test_stacked_the_summary_bar_is_compact_and_says_when_it_is_cut():
    """Under 80 columns the bar is compact and, at 24 rows, two lines: the rest is cut with "…",
    never silently at the bar's edge; a taller stacked screen gives it four lines."""
    app = CompareHost(FramedLibrary())
    async with drive(app, (60, 24)) as pilot:
        await settle(pilot)
        summary = app.screen.query_one("#compare-summary")
        lines = screen_text(app).splitlines()[summary.region.y : summary.region.bottom]
        assert len(lines) == 2 and lines[-1].endswith("…") and "only in ◀" in " ".join(lines)
        await pilot.resize_terminal(60, 40)
        await settle(pilot)
        assert summary.region.height > 2


async def test_a_remapped_config_s_keys_are_the_ones_the_comparison_s_help_and_hints_name(
    isolated_dirs, library_double
):
    """The help's legend ("by ]/[; p goes there"), its "Moving around" ("j k too", "(m)") and
    the tooltips of ] and t (in the help and on the footer's keys) wrote the default keys: with
    them remapped in config.yaml they named keys that do nothing."""
    from textual.widgets._footer import FooterKey

    from reader import config
    from reader.tui.app import ReaderApp
    from reader.tui.keymap import user_keymap
    from reader.tui.screens.help import HelpScreen

    (isolated_dirs["config"] / "config.yaml").write_text(
        "keymap:\n"
        "  compare.next_difference: n\n"
        "  compare.previous_difference: N\n"
        "  compare.partner: g\n"
        "  compare.visit: v\n"
        "  compare.toggle_mode: x\n"
        "  nav.down: ctrl+n\n"
        "  nav.up: ctrl+b\n",
        encoding="utf-8",
    )
    keymap, problems = user_keymap(config.load_user_config())
    assert not problems and len(keymap) == 7
    app = ReaderApp(library_double, keymap=keymap)
    async with drive(app, (120, 60)) as pilot:
        await settle(pilot)
        app.open_comparison("a1", "b1")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.loaded is not None)
        tooltips = {key.action: str(key.tooltip) for key in app.screen.query(FooterKey)}
        assert "the next stop v chose" in tooltips["next_difference"]
        assert tooltips["visit"].startswith("Choose what n and N visit")
        await press_and_settle(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = {
            part: " ".join(str(app.screen.query_one(f"#help-{part}").render()).split())
            for part in ("bindings", "compare-marks", "navigation")
        }
        assert "by n/N and the row's tooltip; g goes there" in help_text["compare-marks"]
        assert "the row g went to" in help_text["compare-marks"]
        assert "on the row n or N shows" in help_text["compare-marks"]
        assert "(^n ^b too, see above)" in help_text["navigation"]
        assert "with both articles whole (x)" in help_text["navigation"]
        assert "Choose what n and N visit" in help_text["bindings"]
        for text in help_text.values():
            assert "{" not in text and "p goes" not in text and "j k" not in text and "]/[" not in text


async def test_parentheses_select_rows_and_sentences_from_the_keys_and_name_them():
    # A click was the only way to select any row (or, both articles whole, any sentence), and the
    # pointer resting on a row the only way to learn its sentences' numbers.
    from comparison_doubles import CompareLibrary

    from conftest import CompareHost, drive, notifications, press_and_settle, settle

    app = CompareHost(CompareLibrary())
    async with drive(app, (140, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        summary = screen.query_one("#compare-summary", Static)
        await press_and_settle(pilot, "right_parenthesis")
        assert screen._clicked_row == 0 and str(summary.render()).startswith("L1 ↔ R1 · linked 0.80 · ")
        await press_and_settle(pilot, "right_parenthesis", "right_parenthesis")
        assert screen._clicked_row == 2 and screen.body.current == (2, 2)
        assert str(summary.render()).startswith("L2 ↔ R3 · linked 0.70 — quote shortened (difference 2/5) · ")
        await press_and_settle(pilot, "left_parenthesis")
        assert screen._clicked_row == 1 and str(summary.render()).startswith(
            "R2 — only in Right Outlet (difference 1/5)"
        )

        await press_and_settle(pilot, "m")  # R2 stays selected, in its pane
        left, right = screen.sync.panes
        assert app.focused is right and right.text.current == {1}
        assert str(summary.render()).startswith("R2 — only in Right Outlet")
        await press_and_settle(pilot, "right_parenthesis")  # the right side's next sentence
        assert right.text.current == {2} and left.text.current == {1}
        await press_and_settle(pilot, "right_parenthesis")
        assert right.text.current == {3} and left.text.current == {2}
        assert str(summary.render()).startswith("L3 ↔ R4 · linked 0.60 — figures differ")
        await press_and_settle(pilot, "right_square_bracket")  # ] shows a difference: its own words again
        assert str(summary.render()).startswith("Difference ")
        assert not any("↔" in said for said in notifications(app))  # named in the bar, not in toasts


async def test_stepping_rows_at_80x24_names_them_in_the_summary_bar_not_in_toasts_over_the_other_side():
    # ) pressed four times at 80x24 stacked four toasts ("L7 · R7 — only in …") down the right
    # pane, over the very sentences the user stepped there to compare.
    from comparison_doubles import CompareLibrary

    app = CompareHost(CompareLibrary())
    async with drive(app, (80, 24), toasts=True) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, *["right_parenthesis"] * 4)
        assert app.screen._clicked_row == 3
        assert not app.screen.query("Toast") and not notifications(app)
        assert "L3 ↔ R4 · linked 0.60" in screen_text(app)


async def test_a_chosen_row_s_long_name_leaves_the_counts_in_the_compact_summary_bar(monkeypatch):
    # Compact, a row's name took up to 140 cells: at 80x24 a long one (many reasons, "also
    # linked: ...") pushed the counts out of the bar ("(difference 2/5) · 4 li…"). The name is cut
    # instead, as far as the counts need; at 40x24 (two lines) the counts as far as they fit.
    from comparison_doubles import CompareLibrary

    import reader.tui.screens.compare as compare_screen

    named = compare_screen.row_name
    reasons = "; ".join(f"reason number {i} told at length" for i in range(9))
    monkeypatch.setattr(compare_screen, "row_name", lambda model, row: f"{named(model, row)} — {reasons}")
    counts = "4 links · 1 only in ◀ · 1 only in ▶ · 2 shared quotes (1 fragment, 1 altered)"
    for size, said in (((40, 40), counts), ((80, 24), counts), ((200, 24), counts), ((40, 24), "1 only in ▶")):
        app = CompareHost(CompareLibrary())
        async with drive(app, size) as pilot:
            await settle(pilot)
            await press_and_settle(pilot, *["right_parenthesis"] * 3)  # L2 ↔ R3, difference 2/5
            bar = app.screen.query_one("#compare-summary", Static).render()
            lines = bar.plain.split("\n")
            assert lines[0].startswith("L2 ↔ R3") and len(lines) <= 4, (size, lines)
            flowed = " ".join(line.rstrip() for line in lines)
            assert "(difference 2/5) · " in flowed and said in flowed, (size, lines)


async def test_ctrl_c_with_nothing_dragged_copies_the_sentences_selected_from_the_keys():
    # Copying was the mouse's alone (drag, then ctrl+c): with nothing dragged, ctrl+c did nothing.
    from comparison_doubles import CompareLibrary

    from conftest import CompareHost, drive, notifications, press_and_settle, settle

    app = CompareHost(CompareLibrary())
    async with drive(app, (140, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "ctrl+c")
        assert app.clipboard == "" and notifications(app)[-1].startswith("Nothing to copy: select a row with )")
        await press_and_settle(pilot, *["right_parenthesis"] * 3, "ctrl+c")  # L2 ↔ R3
        model = screen.loaded.model
        assert app.clipboard == f"{model.left.sentence_text(1)}\n\n{model.right.sentence_text(2)}"
        assert notifications(app)[-1] == "Copied L2 · R3."
        await press_and_settle(pilot, "m", "right_parenthesis", "ctrl+c")  # both whole: the next sentence on
        left, right = screen.sync.panes
        [i], [j] = left.text.current, right.text.current
        assert i > 1 and app.clipboard == f"{model.left.sentence_text(i)}\n\n{model.right.sentence_text(j)}"


async def test_the_visit_key_is_said_by_the_summary_bar_not_by_toasts_piling_up():
    # t pressed thrice to reach the ? marks stacked three toasts over the right side's text at 80
    # columns, each saying what the summary bar says.
    app = CompareHost(GradedLibrary())
    async with drive(app, (80, 24), toasts=True) as pilot:
        await settle(pilot)
        await pilot.press("t", "t", "t")
        await pilot.pause()
        assert "Visiting rows with a sentence possibly told by both (?): 1" in screen_text(app)
        assert not app.screen.query("Toast") and not notifications(app)


class AlsoLinkedLibrary(CompareLibrary):
    """L1 beside R1 in a row of no difference, and linked to R3 (in another row) too."""

    def compare(self, left, right, progress=None, cancel=None):
        from comparison_doubles import LEFT_TEXT, RIGHT_TEXT, hand_data, typed

        data = hand_data()
        data["pairs"].insert(1, {"left": 0, "right": 2, "score": 0.95})
        return typed(data, LEFT_TEXT, RIGHT_TEXT)


async def test_p_from_a_row_selected_outside_any_difference_goes_to_its_other_counterparts_and_back():
    # L1 sits beside R1 and is linked to R3 too (the strongest link, in another row): with L1's
    # row selected ( ) or a click), p said "Choose a difference with ] first", the counterpart out
    # of reach from the sentence.
    app = CompareHost(AlsoLinkedLibrary())
    async with drive(app, (80, 24), toasts=True) as pilot:
        await settle(pilot)
        screen = app.screen
        summary = screen.query_one("#compare-summary", Static)
        await press_and_settle(pilot, "right_parenthesis")
        assert screen._clicked_row == 0 and screen.current is None
        # The row says its sentence is linked elsewhere too (and how surely), in the bar and its tooltip.
        also = "L1 ↔ R1 · linked 0.80 · also linked: L1 ↔ R3 0.95"
        assert str(summary.render()).startswith(f"{also} · ")
        assert screen.body.row_widget(0).tooltip.plain == also
        assert (
            screen.body.row_widget(2).tooltip.plain
            == "L2 ↔ R3 · linked 0.70 · also linked: L1 ↔ R3 0.95\nquote shortened"
        )
        await press_and_settle(pilot, "p")
        assert screen.partner == 0 and screen.body.partner == 2  # R3's row, marked ║
        # the bar as tall as before the row was chosen: its lines cut where they wrap
        said = str(summary.render()).replace("\n", " ")
        assert said.startswith(f"{also} — told on the other side here (1/1; p: back to the row)")
        assert not notifications(app)
        await press_and_settle(pilot, "p")  # back to the row
        assert screen.partner is None and screen.body.partner == -1 and screen.body.current == (0, 0)
        assert str(summary.render()).startswith(f"{also} · ")

        await press_and_settle(pilot, "m")  # both articles whole: the same from the sentence selected
        left, right = screen.sync.panes  # (m keeps L1 selected)
        assert left.text.current == {0} and right.text.current == {0, 2}  # L1 and its counterparts
        await press_and_settle(pilot, "p")
        assert left.text.current == {1} and right.text.current == {2}  # L2 ↔ R3, R3 being also L1's
        await press_and_settle(pilot, "p")  # back to L1 as it was selected, R3 marked too
        assert left.text.current == {0} and right.text.current == {0, 2}


async def test_p_from_a_sentence_selected_both_articles_whole_visits_its_own_counterparts_only():
    # Both articles whole, R1 selected with ) (its counterpart L1, linked to R3 too): p went to
    # R3, on R1's own side, L1's counterpart and not R1's, the bar saying R1 was "told on the
    # other side here".
    app = CompareHost(AlsoLinkedLibrary())
    async with drive(app, (140, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "m")
        left, right = screen.sync.panes
        await press_and_settle(pilot, "tab", "right_parenthesis")
        assert right.text.current == {0} and left.text.current == {0} and screen.current is None
        await press_and_settle(pilot, "p")
        assert screen.partner is None and right.text.current == {0}
        assert "The other side tells this sentence nowhere else." in notifications(app)
        # L1 selected: p goes to R3, its other counterpart, then back to L1.
        await press_and_settle(pilot, "shift+tab", "right_parenthesis", "left_parenthesis")
        assert left.text.current == {0}
        await press_and_settle(pilot, "p")
        assert screen.partner == 0 and right.text.current == {2}


async def test_swapping_sides_keeps_the_row_selected_with_the_keys():
    # ) selected L1 ↔ R1 (no difference holds it); s swapped the sides and forgot it: nothing
    # marked, the bar's name gone, and ) started again from the top.
    app = CompareHost(CompareLibrary())
    async with drive(app, (140, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        summary = screen.query_one("#compare-summary", Static)
        await press_and_settle(pilot, "right_parenthesis")
        assert screen._clicked_row == 0 and screen.current is None
        await press_and_settle(pilot, "s")
        assert screen.loaded.model.left.outlet == "Right Outlet"
        assert screen._clicked_row == 0 and screen.body.current == (0, 0)
        assert str(summary.render()).startswith("L1 ↔ R1 · linked 0.80 · ")
        await press_and_settle(pilot, "right_parenthesis")  # on from it: L2, only the right tells it now
        assert screen._clicked_row == 1 and str(summary.render()).startswith("L2 — only in Right Outlet")
        # ] went elsewhere since: the difference it shows stays, not the row ) selected before.
        await press_and_settle(pilot, "right_square_bracket", "right_square_bracket")
        shown = screen.current
        assert shown is not None and screen.loaded.model.differences[shown].first > 1
        await press_and_settle(pilot, "s")
        assert screen.current == shown and str(summary.render()).startswith(f"Difference {shown + 1}/")


async def test_stepping_onto_a_sentence_only_one_side_tells_names_it_in_the_bar_not_in_a_toast():
    # Both articles whole, ) onto L4 (only the left tells it) said so in a toast over the right
    # pane, one more each time, while the summary bar named it already.
    app = CompareHost(CompareLibrary())
    async with drive(app, (80, 24), toasts=True) as pilot:
        await settle(pilot)
        screen = app.screen
        summary = screen.query_one("#compare-summary", Static)
        await press_and_settle(pilot, "m", *["right_parenthesis"] * 4)
        left, right = screen.sync.panes
        assert left.text.current == {3} and right.text.current == set()
        assert str(summary.render()).startswith("L4 — only in Left [b]Outlet[/b]")
        assert not any("tells this sentence" in said for said in notifications(app))


class FarLinkLibrary(TwinLibrary):
    """TwinLibrary, L1 linked to R61 too (in L121 ↔ R61's row, far down)."""

    def compare(self, left, right, progress=None, cancel=None):
        comparison = super().compare(left, right, progress, cancel)
        return replace(comparison, pairs=[*comparison.pairs, replace(comparison.pairs[0], right=60, score=0.5)])


async def test_the_place_p_shows_from_a_row_stays_in_sight_when_the_terminal_is_resized():
    # ) on L1 ↔ R1, p to R61's row far down: a resize re-wrapped the rows and left it out of
    # sight (a difference's places were kept at the top; a row's were not).
    app = CompareHost(FarLinkLibrary(), left_id="long", right_id="short")
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "right_parenthesis", "p")
        assert screen.current is None and screen.partner == 0
        place = screen.body.partner
        assert place > 100
        for size in ((200, 60), (90, 20)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            row = screen.body.row_widget(place).region
            assert screen.body.region.y <= row.y < screen.body.region.bottom, size


async def test_swapping_sides_with_both_articles_whole_keeps_the_sentence_selected():
    # m, then ) onto L4 (only the left tells it): s swapped the sides and forgot it, nothing
    # marked on either side and ) starting again from the top, as it did not outside m.
    app = CompareHost(CompareLibrary())
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        summary = screen.query_one("#compare-summary", Static)
        await press_and_settle(pilot, "m", *["right_parenthesis"] * 4)
        left, right = screen.sync.panes
        assert left.text.current == {3} and right.text.current == set()
        await press_and_settle(pilot, "s")
        assert screen.loaded.model.left.outlet == "Right Outlet"
        left, right = screen.sync.panes
        assert right.text.current == {3} and left.text.current == set()
        assert str(summary.render()).startswith("R4 — only in Left [b]Outlet[/b]")
        # The focus went with it: ) goes on from R4, on its new side.
        assert app.focused is right
        await press_and_settle(pilot, "left_parenthesis")
        assert right.text.current == {2}
        # Swapped back: the sentence selected now (R3) is L3 again, with its counterparts.
        selected = screen._clicked_row
        counterpart = set(screen.loaded.model.rows[selected].left)
        await press_and_settle(pilot, "s")
        left, right = screen.sync.panes
        assert left.text.current == {2} and right.text.current == counterpart
        assert app.focused is left


def test_the_summary_bar_says_a_headline_stresses_nothing_as_reader_compare_does():
    """A headline with no words of its own showed "—" in the bar (a gap, or a dash of the text):
    the bar says it as `reader compare` does."""
    from comparison_doubles import framed_comparison

    from reader.analysis.compare_layout import build_model
    from reader.tui.widgets.compare_view import summary_content

    model = build_model(framed_comparison())
    model.headline = ([], ["Right"])
    text = summary_content(model).plain
    assert "—" not in text.split("Headlines stress:")[1].split("Names:")[0].split("Figures:")[0]
    assert "Headlines stress: Left [b]Outlet[/b]: nothing the other lacks" in text, text


async def test_a_view_wheeled_away_from_the_difference_stays_where_the_reader_left_it_when_resized():
    # ] to a difference, the wheel well past it, then a resize: the view jumped back to the
    # difference (kept at the top whether or not it was in sight); the reader pane keeps the
    # reader's own place, and so does the comparison now: the row at the top stays in sight.
    app = CompareHost(EveryFewRowsLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, *["right_square_bracket"] * 3)
        difference = screen.loaded.model.differences[screen.current]
        await wheel(pilot, screen.body, 15)
        await settle(pilot)
        top, _bottom = screen.body.rows_in_view()
        assert top > difference.last  # scrolled past the difference
        for size in ((70, 20), (120, 40)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            first, last = screen.body.rows_in_view()
            assert first <= top <= last, size
            assert not first <= difference.first <= last, size


# -- one differing figure told in headline and lead: marked in every sentence it was seen in -------

JOBS = (
    "Acme cuts 310 jobs at Ohio plant\n\nAcme cut 310 jobs at its Ohio plant, the company said on Friday. "
    "The plant makes parts for trucks and buses."
)


class ToldAgainLibrary(CompareLibrary):
    def __post_init__(self):
        super().__post_init__()
        self.add(Doc("jobs-l", "Left Outlet", "Acme cuts 310 jobs", JOBS, story="s3"))
        self.add(Doc("jobs-r", "Right Outlet", "Acme cuts 240 jobs", JOBS.replace("310", "240"), story="s3"))

    def compare(self, left, right, progress=None, cancel=None):
        from reader.analysis.compare import compare

        return compare(left, right, [], [])


async def test_a_figure_told_in_headline_and_lead_is_marked_in_both():
    app = CompareHost(ToldAgainLibrary(), left_id="jobs-l", right_id="jobs-r")
    async with drive(app, (140, 40)) as pilot:
        await settle(pilot)
        assert screen_text(app).count("310 ↔ 240") == 1  # listed once
        for needle in ("Acme cuts 310", "Acme cut 310", "Acme cuts 240", "Acme cut 240"):
            cell = cell_with(app.screen, needle)
            number, plain = drawn_within(cell, needle, len(needle) - 3, 3), drawn_within(cell, needle, 0, 4)
            assert len(number) == 1 and number != plain, needle


def drawn_within(cell: CompareCell, needle: str, start: int, width: int) -> set:
    """Styles of the drawn cells `start` to `start + width` of `needle` (one line of the cell)."""
    for strip in cell.render_lines(Region(0, 0, cell.size.width, cell.size.height)):
        chars = [(ch, seg.style.clear_meta_and_links() if seg.style else None) for seg in strip for ch in seg.text]
        at = "".join(ch for ch, _ in chars).find(needle)
        if at >= 0:
            return {style for _, style in chars[at + start : at + start + width]}
    raise AssertionError(f"{needle!r} is not drawn on one line of the cell")


async def test_one_body_under_two_headlines_says_the_headlines_differ_not_nothing():
    from reader.analysis.compare import compare
    from reader.corpus.model import Article

    body = "Officials said the storm hit the coast on Monday. Power was cut to homes across the region."
    a = Article(id="left", path=Path("a.txt"), text=body, outlet="Fox News", title="Storm Kills 3 in Texas")
    b = replace(a, id="right", path=Path("b.txt"), outlet="CNN", title="Storm Kills 5 in Texas")

    class ReprintLibrary(CompareLibrary):
        def compare(self, left, right, progress=None, cancel=None):
            return compare(a, b)

    app = CompareHost(ReprintLibrary())
    async with drive(app, (160, 40)) as pilot:
        await settle(pilot)
        shown = " ".join(screen_text(app).split())
        assert "The two bodies are the same, word for word: only the headlines differ" in shown
        assert "No differences in the bodies" in shown and "nothing differs" not in shown
        assert "figures differ: count: 3 ↔ 5" in shown


async def test_what_a_figure_counts_fits_the_summary_bar_width():
    """The listing's item was cut at 30 columns whatever the pane's width: a wide pane shows it
    whole, a narrow one cuts it (with "…") so the values after it stay in sight."""
    from reader.analysis.compare import compare
    from reader.corpus.model import Article

    lt = (
        "Quarterly subscription revenue at the broadcasting division climbed 5 percent. "
        "Regional unemployment among manufacturing apprentices reached 5 percent."
    )
    a = Article(id="left", path=Path("a.txt"), text=lt, outlet="Fox News", title="Revenue")
    b = replace(a, id="right", path=Path("b.txt"), text=lt.replace("5 percent", "3 percent"), outlet="CNN")

    class ItemLibrary(CompareLibrary):
        def compare(self, left, right, progress=None, cancel=None):
            return compare(a, b)

    whole = "percentage (broadcasting, division): 5 percent ↔ 3 percent"
    for size, shown in (((160, 40), True), ((80, 40), False)):
        app = CompareHost(ItemLibrary())
        async with drive(app, size) as pilot:
            await settle(pilot)
            bar = str(app.screen.query_one("#compare-summary").render())
            assert (whole in bar) is shown, (size, bar)
            assert "percentage (broadcasting" in bar and "5 percent ↔ 3 percent" in bar, (size, bar)


async def test_choosing_a_difference_does_not_grow_the_summary_bar():
    """At a width where the counts fill the bar's first line (at 200 columns, 62 of 99
    basil-dev differences), "Difference 4/5: only in Left Outlet" in place of "5 differences (]
    next, [ previous)" wrapped it to a second line: the bar grew, every row below jumped down (and
    back up at a shorter stop). The counts after the reasons are cut instead."""
    from reader.tui.widgets.compare_view import summary_content

    app = CompareHost(CompareLibrary())
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        counts = summary_content(app.screen.loaded.model).plain.split("\n")[0]
    width = len(counts) + 3  # the first line fits, with the bar's padding, before ] is pressed
    app = CompareHost(CompareLibrary())
    async with drive(app, (width, 40)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one("#compare-summary")
        before = bar.size.height
        for _ in app.screen._targets():
            await press_and_settle(pilot, "right_square_bracket")
            said = bar.render().plain.split("\n")
            assert bar.size.height == before, said
            assert said[0].startswith(f"Difference {app.screen.current + 1}/5: ")


def test_the_summary_bar_is_as_tall_at_every_stop_as_with_none():
    """Neither taller (a long stop's reasons wrapped the counts onto one more line) nor shorter
    (a stop shorter than "6 differences (] next, [ previous)" took the counts up a line): the
    rows below stayed put only at some stops. Every stop of three comparisons, at every width,
    compact or a part a line."""
    from functools import partial

    from reader.analysis.compare_layout import build_model
    from reader.tui.widgets.compare_view import as_tall_as_unchosen, fit_lines, summary_content

    moved = []
    for comparison in (hand_comparison(), framed_comparison(), graded_comparison()):
        model = build_model(comparison)
        for compact in (False, True):
            summary = partial(summary_content, model, compact=compact)
            for width, lines in itertools.product(range(30, 230), (2, 4, 6)):
                tall = len(fit_lines(summary(None), width, lines).wrap(width))
                for stop in range(len(model.differences)):
                    bar = as_tall_as_unchosen(summary, stop, None, width, lines, compact)
                    if len(bar.wrap(width)) != tall:
                        moved.append((width, lines, compact, stop, bar.plain))
    assert not moved, moved[:3]


def test_a_long_row_name_leaves_its_stop_said_on_the_first_line():
    """A part a line, a row's name took the whole first line: "(difference 2/5)" after it was cut
    off and the bar's "…" followed the name's own ("……")."""
    from functools import partial

    from reader.analysis.compare_layout import build_model
    from reader.tui.widgets.compare_view import as_tall_as_unchosen, summary_content

    model = build_model(hand_comparison())
    name = "L2 ↔ R3 · linked 0.70 — " + "; ".join(f"reason number {i} told at length" for i in range(20))
    for width in (60, 120, 198):
        bar = as_tall_as_unchosen(partial(summary_content, model), 1, name, width, 6, False).plain
        first = bar.split("\nNames: ")[0]
        assert "(difference 2/5) · " in first and "……" not in first, (width, bar)


def test_a_long_reason_takes_the_room_the_bar_has():
    """At 200 columns a stop's reasons were cut to 60 characters beside a line of room: they take
    the line the counts took before the stop was chosen, the counts after them as far as they fit."""
    from functools import partial

    from reader.analysis.compare_layout import build_model
    from reader.tui.widgets.compare_view import as_tall_as_unchosen, summary_content

    model = build_model(graded_comparison())
    long = next(i for i, d in enumerate(model.differences) if len("; ".join(d.reasons)) > 80)
    summary = partial(summary_content, model)
    bar = as_tall_as_unchosen(summary, long, None, 198, 6, False).plain.split("\n")
    assert bar[0].startswith(
        f"Difference {long + 1}/{len(model.differences)}: {'; '.join(model.differences[long].reasons)} · "
    )
    assert bar[0].endswith("…") and len(bar[0]) <= 198


# -- the split pane marks a figure where the two may be told of one day (session 64's days) ----------

CASES_LEFT = "Yesterday, the state reported 65 new cases, officials said. Schools stay shut."
CASES_RIGHT = "The state reported 55 new cases on Thursday, officials said. Schools stay shut."


@pytest.mark.parametrize(
    ("left_time", "marked"),
    [
        ("2020-04-11T12:00:00Z", False),  # Saturday's "yesterday" is Friday, not Thursday
        ("2020-04-11T07:00:00Z", True),  # Friday evening in Los Angeles: may be Thursday
    ],
)
async def test_the_split_pane_marks_an_opening_yesterday_where_its_day_may_be_the_others(left_time, marked):
    from reader.analysis.compare import compare
    from reader.corpus.model import Article

    a = Article(
        id="left", path=Path("a.txt"), text=CASES_LEFT, outlet="A", title="Cases", date="2020-04-11", time=left_time
    )
    b = replace(a, id="right", path=Path("b.txt"), text=CASES_RIGHT, outlet="B", time=None)

    class CasesLibrary(CompareLibrary):
        def compare(self, left, right, progress=None, cancel=None):
            return compare(a, b)

    app = CompareHost(CasesLibrary())
    async with drive(app, (160, 40)) as pilot:
        await settle(pilot)
        assert ("65 ↔ 55" in screen_text(app)) is marked
        for needle in ("reported 65 new", "reported 55 new"):
            cell = cell_with(app.screen, needle)
            number, plain = drawn_within(cell, needle, 9, 2), drawn_within(cell, needle, 0, 8)
            assert (number != plain) is marked, needle
