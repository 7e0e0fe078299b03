"""Pilot tests of the app: each screen and binding, on the seeds and on an in-memory library."""

from __future__ import annotations

import argparse
import itertools
import os
import re
import signal
import subprocess
import sys
from types import SimpleNamespace
from pathlib import Path

import threading

import pytest
from textual.widgets import Input, Tree

from conftest import SEEDS, Doc, QuoteDouble, drive, notifications, press_and_settle, screen_text, settle, wait_for
from reader.tui.app import ReaderApp
from reader.tui.keymap import APP_BINDINGS, HELP_BINDINGS, MAIN_BINDINGS, user_keymap
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.hanging_table import HangingTable


def article_rows(tree):
    return [leaf for group in tree.root.children for leaf in group.children]


def test_every_binding_has_id_description_and_tooltip():
    for binding in APP_BINDINGS + MAIN_BINDINGS + HELP_BINDINGS:
        assert binding.id and binding.description and binding.tooltip, binding
    ids = [b.id for b in APP_BINDINGS + MAIN_BINDINGS + HELP_BINDINGS]
    assert len(ids) == len(set(ids))


def test_every_screen_dialog_and_widget_takes_its_bindings_from_the_keymap_module():
    import importlib
    import pkgutil

    from textual.binding import Binding
    from textual.command import CommandPalette
    from textual.dom import DOMNode

    import reader.tui
    from reader.tui.app import known_binding_ids
    from reader.tui.keymap import all_bindings

    for module in pkgutil.walk_packages(reader.tui.__path__, "reader.tui."):
        importlib.import_module(module.name)
    classes, pending = set(), [DOMNode]
    while pending:
        for sub in pending.pop().__subclasses__():
            if sub not in classes:
                classes.add(sub)
                pending.append(sub)
    declared = {b.id: b for b in all_bindings()}
    ours = [c for c in classes if c.__module__.startswith("reader.") and "BINDINGS" in vars(c)]
    assert {c.__name__ for c in ours} >= {
        "ReaderApp",
        "MainScreen",
        "CompareScreen",
        "VersionPicker",
        "ExportPrompt",
        "HelpScreen",
        "CoverageScreen",
    }
    palette_keys = {(b.key, b.action) for b in CommandPalette.BINDINGS if isinstance(b, Binding)}
    for cls in ours:
        for binding in cls.BINDINGS:
            if binding in Input.BINDINGS:
                continue  # the search box's editing keys: Textual's, listed after its own keys
            if issubclass(cls, CommandPalette) and (binding.key, binding.action) in palette_keys:
                continue  # Textual's palette keys, escape only relabelled ("Close") for its footer
            assert binding.id in declared and declared[binding.id].key == binding.key, (cls, binding)
    assert {"compare.picker.cancel", "compare.export.cancel", "compare.swap"} <= known_binding_ids()


async def test_seeds_list_open_and_quit(seed_library):
    app = ReaderApp(seed_library)
    async with drive(app, (110, 32)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        tree = screen.source_list
        labels = [str(node.label) for node in tree.root.children]
        assert labels == ["Fox News (1 •1)", "The Moscow Times (1 •1)"]
        assert app.focused is tree
        await press_and_settle(pilot, "enter")  # expand Fox News
        await press_and_settle(pilot, "down", "enter")
        reader = screen.reader
        assert reader.article is not None and reader.article.outlet == "Fox News"
        text = screen_text(app)
        assert "Trump has no plans to meet Putin" in text
        assert "Fox News · 2025-10-21" in text
        # Quotes: listed in the panel with their speakers, highlighted in the text.
        assert screen.quotes_panel.display and screen.quotes_panel.option_count == len(reader.quotes) >= 3
        assert "Donald Trump" in text
        await pilot.press("q")
    assert app.return_code == 0


async def test_group_by_story_and_back(seed_library):
    app = ReaderApp(seed_library)
    async with drive(app, (110, 32)) as pilot:
        await settle(pilot)
        tree = app.screen.source_list
        await press_and_settle(pilot, "g")
        assert tree.grouping == "story"
        assert len(tree.root.children) == 1
        story = tree.root.children[0]
        assert str(story.label).endswith("(2 •2)")  # both unread
        story.expand()
        await settle(pilot)
        outlets = sorted(leaf.data.key for leaf in story.children)
        assert outlets == sorted(a.id for a in app.articles)
        await press_and_settle(pilot, "g")
        assert tree.grouping == "outlet" and len(tree.root.children) == 2


async def test_filter_by_typing(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("f")
        assert isinstance(app.focused, Input) and app.focused.id == "filter"
        await press_and_settle(pilot, *"markets")
        tree = screen.source_list
        assert [str(n.label) for n in tree.root.children] == ["Daily Planet (1/2 •1)"]
        assert [str(leaf.label) for leaf in article_rows(tree)] == [" • 2025-10-20  Markets calm"]
        await pilot.press("enter")  # back to the list, cursor on the group
        assert app.focused is tree
        await press_and_settle(pilot, "f", "end", *["backspace"] * len("markets"))
        assert app.focused.value == ""
        assert len(tree.root.children) == 2


@pytest.mark.parametrize(
    ("typed", "outlet"),
    [("dailyplanet", "Daily Planet"), ("aljazeera", "Al Jazeera"), ("al-jazeera", "Al Jazeera"), ("nytimes", "NYT")],
)
async def test_the_filter_finds_an_outlet_by_its_name_written_as_one_word(library_double, typed, outlet):
    # `f` then "aljazeera" hid Al Jazeera's articles: the filter looked for the letters as typed.
    from conftest import Doc

    library_double.add(Doc("j1", "Al Jazeera", "Gaza talks resume", "2025-10-19", "Talks resumed."))
    library_double.add(Doc("n1", "NYT", "Subway fares rise", "2025-10-18", "Fares rose."))
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await press_and_settle(pilot, *typed)
        groups = [str(n.label) for n in app.screen.source_list.root.children]
        assert len(groups) == 1 and groups[0].startswith(outlet + " ("), groups


async def test_quotes_panel_enter_jumps_and_toggle(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_article("a1")
        await settle(pilot)
        panel = screen.quotes_panel
        assert panel.display and panel.option_count == 1
        # The quote is highlighted in the text, and its speaker beside it.
        pane = screen.reader
        first = pane._render_piece(1)
        quote = library_double.quotes_by_id["a1"][0]
        styled = {(span.start, span.end) for span in first.spans}
        start = quote.start - pane._pieces[1][0]
        assert (start, start + len(quote.text)) in styled
        assert app.focused is not panel
        await pilot.press("apostrophe")  # shown already: to it
        assert panel.display and app.focused is panel
        await pilot.press("apostrophe")  # in it: hide
        assert not panel.display and app.focused is not panel
        await pilot.press("apostrophe")  # show and focus
        assert panel.display and app.focused is panel
        # Enter on a quote far down a long article scrolls the text to it (a1 is too short to scroll).
        filler = "\n\n".join(f"Paragraph {n} of the background to the talks." for n in range(60))
        text = f'{filler}\n\n"We leave tomorrow," the minister said.\n\n{filler}'
        start = text.index('"We') + 1
        library_double.add(
            Doc("long", "Daily Planet", "Minister leaves", "2025-10-22", text),
            [QuoteDouble("We leave tomorrow,", start, start + 18, "the minister")],
        )
        screen.open_article("long")
        await settle(pilot)
        pane.focus()  # in the list, ' would open the article under its cursor
        await pilot.press("apostrophe")
        assert app.focused is panel and pane.scroll_y == 0
        await press_and_settle(pilot, "enter")
        quote_row = pane.shown_widget(start).virtual_region.y
        assert pane.scroll_y > 0
        assert pane.scroll_y <= quote_row < pane.scroll_y + pane.scrollable_content_region.height


async def test_quotes_hidden_with_the_key_stay_hidden_for_the_session_until_asked_again(library_double):
    """Hidden with ' in the panel, the quotes stay hidden for the next articles (a reader who put
    them away does not want them back at every article), ' shows them again, and a new launch
    shows them: nothing of it is saved (README: the ' row)."""
    from conftest import Doc, QuoteDouble

    text = 'The mayor said: "We are ready."'
    start = text.index("We")
    quote = QuoteDouble("We are ready.", start, start + len("We are ready."), "the mayor")
    library_double.add(Doc("c1", "The Bugle", "Mayor speaks", "2025-10-22", text), [quote])
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_article("a1")
        await settle(pilot)
        panel = screen.quotes_panel
        await pilot.press("apostrophe", "apostrophe")  # to the panel, then hide it
        assert not panel.display
        screen.open_article("c1")
        await settle(pilot)
        assert screen.reader.article.id == "c1" and panel.quotes and not panel.display
        await pilot.press("apostrophe")
        assert panel.display and app.focused is panel
    app = ReaderApp(library_double)  # launched again
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("c1")
        await settle(pilot)
        assert app.screen.quotes_panel.display


async def test_long_article_renders_in_chunks(library_double):
    from conftest import Doc
    from reader.tui.widgets import reader_pane

    paragraph = "word " * 400 + "\n"
    text = paragraph * 400  # ~800,000 characters
    text += "needle at the very end\n"
    library_double.add(Doc("big", "Daily Planet", "Huge", "2025-10-22", text))
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_article("big")
        await settle(pilot)
        pane = screen.reader
        assert pane.article.id == "big"
        assert 0 < pane.rendered_pieces < pane.total_pieces
        assert pane.rendered_pieces * reader_pane.PIECE_CHARS <= 3 * reader_pane.CHUNK_CHARS
        assert app.screen.query_one("#reader-more")
        # A jump to the end mounts the paragraphs around it, not every one on the way (mounting
        # and laying out 800,000 characters took seconds), and scrolls it into view.
        await pane.jump_to(len(text) - 5)
        await settle(pilot)
        assert pane.first_piece > 0 and pane.first_piece + pane.rendered_pieces == pane.total_pieces
        assert pane.rendered_pieces * reader_pane.PIECE_CHARS <= 3 * reader_pane.CHUNK_CHARS
        assert not app.screen.query("#reader-more")
        end = pane.shown_widget(len(text) - 5)
        assert end is not None and "needle at the very end" in str(end.render())
        assert pane.scroll_y <= end.virtual_region.y < pane.scroll_y + pane.scrollable_content_region.height
        # "Show earlier" mounts the chunk before, the paragraph in view staying where it was.
        first, at = pane.first_piece, end.virtual_region.y - pane.scroll_y
        app.screen.query_one("#reader-earlier").press()
        await settle(pilot)
        assert pane.first_piece < first and pane.first_piece + pane.rendered_pieces == pane.total_pieces
        assert end.virtual_region.y - pane.scroll_y == at
        # A jump back to the start shows the start again.
        await pane.jump_to(0)
        await settle(pilot)
        assert pane.first_piece == 0 and not app.screen.query("#reader-earlier")


async def test_a_search_hit_far_into_a_long_article_opens_with_its_paragraphs_only(library_double):
    # A hit at 390,000 of 400,000 characters mounted every paragraph before it (2.4 s before it
    # showed, and the scroll landed short of it). Its paragraphs come alone, highlighted by offsets.
    from conftest import Doc
    from reader.tui.widgets import reader_pane

    said = '"We will go on," the mayor said.'
    paragraph = "word " * 190 + said + "\n"
    text = paragraph * 400
    hit = len(text) - 10 * len(paragraph) + 5
    text = text[:hit] + "zanzibarite" + text[hit + len("zanzibarite") :]
    quote_at = len(text) - len(paragraph) + paragraph.index(said)
    library_double.add(
        Doc("long", "Daily Planet", "Long", "2025-10-22", text),
        [
            QuoteDouble(
                said[: -len(" the mayor said.")], quote_at, quote_at + len(said) - len(" the mayor said."), "the mayor"
            )
        ],
    )
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_article("long", "zanzibarite")
        await settle(pilot)
        pane = screen.reader
        assert pane.current == 0 and pane.matches == [(hit, hit + len("zanzibarite"))]
        assert pane.first_piece > 0 and pane.rendered_pieces * reader_pane.PIECE_CHARS <= 3 * reader_pane.CHUNK_CHARS
        widget = pane.shown_widget(hit)
        assert widget is not None
        assert pane.scroll_y <= widget.virtual_region.y < pane.scroll_y + pane.scrollable_content_region.height
        index = pane._piece_at(hit)
        start = pane._pieces[index][0]
        current = pane.style_of("reader-pane--current")
        assert any(
            (span.start, span.end) == (hit - start, hit - start + len("zanzibarite")) and span.style == current
            for span in pane._render_piece(index).spans
        )
        last = pane._piece_at(quote_at)
        quote = pane.style_of("reader-pane--quote")
        at = quote_at - pane._pieces[last][0]
        assert pane.shown_widget(quote_at) is not None
        assert any(span.start == at and span.style == quote for span in pane._render_piece(last).spans)


async def test_help_lists_every_binding_and_query_language(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (120, 60)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-bindings").render())
        for binding in APP_BINDINGS + MAIN_BINDINGS:
            assert binding.description in text, binding
            assert f"[{binding.id}]" in text
        queries = str(app.screen.query_one("#help-queries").render())
        for example in ('"foreign minister"', "outlet:", "date:[", "OR", "NOT", "1,000", "AT&T", "example.org"):
            assert example in queries
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_help_on_a_40_column_terminal_wraps_each_meaning_once(library_double):
    """At 40x12 the meanings' column kept its 20-column minimum beside the keys, so every line
    was wider than the help and Textual wrapped it again: "the", "you" alone on lines."""
    from rich.cells import cell_len

    from reader.tui.widgets.hanging_table import HangingTable

    app = ReaderApp(library_double)
    async with drive(app, (40, 12)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "question_mark")
        tables = list(app.screen.query(HangingTable))
        assert tables
        for table in tables:
            width = table.content_size.width
            lines = table.lines(width).plain.split("\n")
            assert all(cell_len(line) <= width for line in lines), (
                width,
                [line for line in lines if cell_len(line) > width],
            )
        text = app.screen.query_one("#help-bindings", HangingTable).lines(30).plain
        # Each meaning under its key, in one piece (read with the lines joined).
        assert "Search the whole corpus as you type" in " ".join(text.split())
        assert "\n    Search" in text
        await pilot.resize_terminal(120, 40)  # wide again: keys and meanings side by side
        await settle(pilot)
        wide = app.screen.query_one("#help-bindings", HangingTable)
        assert any(
            line.startswith("  /") and "Search" in line
            for line in wide.lines(wide.content_size.width).plain.split("\n")
        )


async def test_the_help_s_footer_shows_its_own_keys_and_q_or_the_help_key_closes_it(library_double):
    # The main screen's footer showed through beneath the help: / Search, g Group, q Quit...,
    # none of which the (modal) help takes; q and ? did nothing there, without a word.
    from textual.widgets._footer import FooterKey

    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        for close in ("escape", "q", "question_mark", "f1"):
            await press_and_settle(pilot, "question_mark")
            assert isinstance(app.screen, HelpScreen)
            keys = [(key.key_display, key.description) for key in app.screen.query(FooterKey)]
            assert keys == [("esc", "Close")]
            assert screen_text(app).rstrip().split("\n")[-1].strip() == "esc Close"
            await press_and_settle(pilot, close)
            assert isinstance(app.screen, MainScreen), close
        assert app.is_running


async def test_a_notice_does_not_cover_the_help_it_waits_for_it_to_close(library_double):
    # The skipped files' notice (10 s) covered the help when ? was pressed at start: the notices
    # wait while the help is open, those raised meanwhile too, and are shown when it closes.
    app = ReaderApp(library_double)
    async with drive(app, (80, 24), toasts=True) as pilot:
        await settle(pilot)
        app.notify("Skipped 1 file: broken.json (not JSON)", severity="warning", timeout=10)
        await wait_for(pilot, lambda: "Skipped 1 file" in screen_text(app))
        await press_and_settle(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        app.notify("Fetched 2 new articles")
        await settle(pilot)
        shown = screen_text(app)
        assert "Skipped 1 file" not in shown and "Fetched 2 new" not in shown
        assert "Keys" in shown
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, MainScreen)
        await wait_for(pilot, lambda: "Skipped 1 file" in screen_text(app) and "Fetched 2 new" in screen_text(app))
        # A dialog too: the toasts covered the export prompt's field at 80x24.
        from reader.tui.widgets.compare_dialogs import ExportPrompt

        app.push_screen(ExportPrompt(Path("/tmp/comparison.md"), lambda path: None))
        await settle(pilot)
        assert "Export the comparison" in screen_text(app) and "Skipped 1 file" not in screen_text(app)
        await press_and_settle(pilot, "f1")  # the help over the dialog, then back to it: still held
        assert isinstance(app.screen, HelpScreen)
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, ExportPrompt) and "Skipped 1 file" not in screen_text(app)
        await press_and_settle(pilot, "escape")
        await wait_for(pilot, lambda: "Skipped 1 file" in screen_text(app))


async def test_a_toast_clicked_away_does_not_come_back_when_the_help_closes(library_double):
    # The notices shown when the help opens come back when it closes: one the reader had
    # already clicked away came back with them.
    app = ReaderApp(library_double)
    async with drive(app, (80, 24), toasts=True) as pilot:
        await settle(pilot)
        app.notify("Skipped 1 file: broken.json (not JSON)", severity="warning", timeout=30)
        app.notify("Fetched 2 new articles", timeout=30)
        await wait_for(pilot, lambda: "Skipped 1 file" in screen_text(app) and "Fetched 2 new" in screen_text(app))
        (skipped,) = [toast for toast in app.screen.query("Toast") if "Skipped" in str(toast.render())]
        await pilot.click(skipped)
        await wait_for(pilot, lambda: "Skipped 1 file" not in screen_text(app))
        await press_and_settle(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press_and_settle(pilot, "escape")
        await wait_for(pilot, lambda: "Fetched 2 new" in screen_text(app))  # the one not dismissed
        assert "Skipped 1 file" not in screen_text(app)


async def test_a_notice_sent_just_before_the_help_holds_them_is_held_not_shown_twice(library_double):
    # Its message still on its way when the help opened (the help holds the notices on mount):
    # it was shown over the help, and again when the help closed (two toasts; one clicked away
    # over the help came back).
    app = ReaderApp(library_double)
    async with drive(app, (80, 24), toasts=True) as pilot:
        await settle(pilot)
        app.notify("Skipped 1 file: broken.json (not JSON)", timeout=30)
        app.hold_notices()  # what the help's mount does, before the app has shown the notice
        await settle(pilot)
        assert "Skipped 1 file" not in screen_text(app) and not app.screen.query("Toast")
        app.release_notices()
        await wait_for(pilot, lambda: "Skipped 1 file" in screen_text(app))
        assert len(app.screen.query("Toast")) == 1


def _notices_made_off_the_app_thread_wait(monkeypatch):
    """(making, held): a notice made on another thread sets `making`, then waits for `held`."""
    import threading

    import reader.tui.notify as notify_module

    making, held = threading.Event(), threading.Event()
    made = notify_module.Notification

    def made_meanwhile(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            making.set()
            held.wait(30)
        return made(*args, **kwargs)

    monkeypatch.setattr(notify_module, "Notification", made_meanwhile)
    return making, held


async def test_a_notice_from_a_worker_thread_is_not_lost_when_a_screen_holds_them_meanwhile(
    library_double, monkeypatch
):
    # The list's reader notifies from its thread (the read marks unreadable): the held notices'
    # lists were changed from it while the help's mount held them on the app's thread, and a
    # notice sent across that moment was neither shown nor held. Here the help holds them just
    # as the thread's notice is being made.
    import threading

    app = ReaderApp(library_double)
    making, held = _notices_made_off_the_app_thread_wait(monkeypatch)
    async with drive(app, (80, 24), toasts=True) as pilot:
        await settle(pilot)
        sender = threading.Thread(target=app.notify, args=("cannot read the read marks and stars",))
        sender.start()
        await wait_for(pilot, lambda: making.is_set() or not sender.is_alive())
        app.hold_notices()  # the help's mount, on the app's thread
        held.set()
        await wait_for(pilot, lambda: not sender.is_alive())
        await settle(pilot)
        assert "cannot read the read marks" not in screen_text(app)
        app.release_notices()
        await wait_for(pilot, lambda: "cannot read the read marks" in screen_text(app))


async def test_a_notice_from_a_thread_worker_running_its_own_event_loop_is_not_lost_either(library_double, monkeypatch):
    # An async thread worker (`@work(thread=True)` on a coroutine) runs in asyncio.run on its
    # thread: "is an event loop running here?" said yes, and the held notices' lists were changed
    # from that thread, as above; the notice sent as the help held them was neither shown nor held.
    app = ReaderApp(library_double)

    async def fetch_in_a_loop_of_its_own() -> None:
        app.notify("the feed could not be read")

    making, held = _notices_made_off_the_app_thread_wait(monkeypatch)
    async with drive(app, (80, 24), toasts=True) as pilot:
        await settle(pilot)
        sender = app.run_worker(fetch_in_a_loop_of_its_own, thread=True, exit_on_error=False)
        await wait_for(pilot, lambda: making.is_set() or sender.is_finished)
        app.hold_notices()  # the help's mount, on the app's thread
        held.set()
        await wait_for(pilot, lambda: sender.is_finished)
        await settle(pilot)
        assert sender.error is None
        assert "the feed could not be read" not in screen_text(app)
        app.release_notices()
        await wait_for(pilot, lambda: "the feed could not be read" in screen_text(app), seconds=10)


async def test_a_notice_from_a_thread_keeps_its_markup_off_when_shown_from_the_app_thread(library_double):
    # A worker's notice is sent on to the app's thread (ThreadNotice) and held while the help is
    # open: both ways it keeps the sender's markup=False, so a file name in it is shown as written.
    import threading

    app = ReaderApp(library_double)
    hostile = "cannot read [bold red]x[/] [link=http://evil]here[/link]"
    async with drive(app, (100, 24), toasts=True) as pilot:
        await settle(pilot)
        app.hold_notices()
        sender = threading.Thread(target=app.notify, args=(hostile,), kwargs={"markup": False, "timeout": 30})
        sender.start()
        await wait_for(pilot, lambda: not sender.is_alive())
        await settle(pilot)
        app.release_notices()
        await wait_for(pilot, lambda: "cannot read [bold red]x[/]" in screen_text(app))
        assert "[link=http://evil]here[/link]" in screen_text(app)


async def test_the_help_lists_the_screen_s_own_keys_before_textual_s(library_double):
    # It opened with tab, shift+tab, ^c and super+c (Textual's), the app's keys below them.
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "question_mark")
        lines = app.screen.query_one("#help-bindings", HangingTable).lines(90).plain.split("\n")
        section = lines[lines.index("Main screen") + 1 :]
        keys = [line.split()[0] for line in section if line.startswith("  ") and line[2] != " "]
        assert keys[0] == "/" and keys.index("tab") > keys.index("c"), keys


async def test_j_and_k_scroll_the_help_as_they_scroll_the_article(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 20)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "question_mark")
        body = app.screen.query_one("#help-body")
        assert app.focused is body and body.scroll_y == 0
        await press_and_settle(pilot, "j", "j", "j")
        assert body.scroll_y > 0
        await press_and_settle(pilot, "k", "k", "k")
        assert body.scroll_y == 0


async def test_keymap_from_config_remaps_and_help_shows_it(library_double):
    keymap, problems = user_keymap({"keymap": {"main.search": "ctrl+f", "app.help": "f1", "bad": 3, "no.such": "x"}})
    assert keymap == {"main.search": "ctrl+f", "app.help": "f1", "no.such": "x"}
    assert len(problems) == 1 and "bad" in problems[0]
    app = ReaderApp(library_double, keymap=keymap, notices=problems)
    async with drive(app, (120, 50)) as pilot:
        await settle(pilot)
        assert any("no.such" in m for m in notifications(app))
        await pilot.press("ctrl+f")
        assert app.focused.id == "search-input"
        await pilot.press("escape")
        await pilot.press("slash")  # no longer bound
        assert app.focused.id != "search-input"
        await press_and_settle(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-bindings").render())
        assert "^f" in text or "ctrl+f" in text


async def test_a_clashing_keymap_entry_is_named_and_the_keys_keep_working(library_double):
    # `app.quit: j` quit the app on j in an article too short to scroll; `main.search: g` left
    # Group with no key. Both entries are ignored, with a notice naming the clash.
    keymap, problems = user_keymap({"keymap": {"app.quit": "j", "main.search": "g"}})
    app = ReaderApp(library_double, keymap=keymap, notices=problems)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        shown = " ".join(notifications(app))
        assert "ignoring app.quit: j is already Down (nav.down)" in shown
        assert "ignoring main.search: g is already Group (main.group)" in shown
        app.screen.query_one("#reader").focus()
        await press_and_settle(pilot, "j")
        assert app.is_running
        tree = app.screen.query_one("#tree")
        assert tree.grouping == "outlet"
        await press_and_settle(pilot, "g")
        assert tree.grouping == "story" and app.focused.id != "search-input"


async def test_theme_from_config_and_unknown_theme_notice(library_double):
    app = ReaderApp(library_double, theme="nord")
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
    app = ReaderApp(library_double, theme="no-such-theme")
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        assert app.theme != "no-such-theme"
        assert any("unknown theme" in m for m in notifications(app))


async def test_the_palette_command_the_readme_names_for_the_theme_is_the_palette_s(library_double):
    """README sent users to "Change theme", which Textual 8's palette does not list (it says
    "Theme"): each command the README's ctrl+p row quotes is one the app's palette offers."""
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `ctrl+p` |"))
    named = re.findall(r'"([^"]+)"', row)
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        offered = {command.title for command in app.get_system_commands(app.screen)}
        assert named and set(named) <= offered, f"README names {named}; the palette offers {sorted(offered)}"
        # The one for the theme opens the theme picker, whose choice is saved (watch_theme).
        [theme] = [c for c in app.get_system_commands(app.screen) if c.title in named and c.title == "Theme"]
        assert theme.callback == app.action_change_theme


async def test_no_color_is_honoured(library_double, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp(library_double)
    assert app.no_color
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.source_list.root.children


async def test_index_progress_then_list_fills(library_double):
    app = ReaderApp(library_double)
    progress = []
    async with drive(app, (80, 24), message_hook=lambda m: progress.append(type(m).__name__)) as pilot:
        await settle(pilot)
        assert "IndexProgress" in progress and "IndexFinished" in progress
        assert app.index_ready and len(app.articles) == 3
        assert not app.screen.status.has_class("-busy")


def status_line(app) -> str:
    return str(app.main_screen.status.query_one("#status-text").render())


async def test_the_index_saving_itself_is_said_and_the_bar_keeps_moving(library_double):
    """The first index's last step (its commit, then its state: 2.6 s at 10,000 files) showed
    the bar full or empty and "Indexing 180/180 committing": stuck, to the eye. It says
    "Indexing: saving the index…" and, uncounted, the bar moves to and fro (no total)."""
    from textual.widgets import ProgressBar

    from reader.tui.messages import IndexProgress

    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        bar = app.main_screen.status.query_one("#status-progress", ProgressBar)
        app.post_message(IndexProgress(180, 180, "saving the index"))
        await settle(pilot, rounds=1)
        assert status_line(app) == "Indexing 180/180 saving the index" and bar.percentage == 1
        app.post_message(IndexProgress(0, 0, "saving the index"))
        await settle(pilot, rounds=1)
        assert status_line(app) == "Indexing: saving the index…"
        assert bar.total is None and bar.percentage is None and app.main_screen.status.has_class("-busy")
        app.post_message(IndexProgress(3, 9, "loading articles"))
        await settle(pilot, rounds=1)
        assert bar.total == 9 and bar.progress == 3


async def test_the_scan_and_the_stories_taking_the_changes_are_counted_in_the_status_bar(library_double):
    """A 10,000-article corpus that lost 3,000 files showed "Indexing: scanning the corpus…" and
    "Indexing: grouping the stories of 7,000 articles…" for seconds, the bar going to and fro:
    both steps are counted now (the library's counts: test_index_progress), the bar with them."""
    from textual.widgets import ProgressBar

    from reader.index.scan import SCANNING
    from reader.index.update import TAKING_CHANGES
    from reader.tui.messages import IndexProgress

    app = ReaderApp(library_double)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        bar = app.main_screen.status.query_one("#status-progress", ProgressBar)
        app.post_message(IndexProgress(4200, 10000, SCANNING))
        await settle(pilot, rounds=1)
        assert status_line(app) == "Indexing 4,200/10,000 scanning the corpus" and bar.progress == 4200
        app.post_message(IndexProgress(0, 0, f"{SCANNING} (500 files so far)"))
        await settle(pilot, rounds=1)
        assert status_line(app) == "Indexing: scanning the corpus (500 files so far)…"
        app.post_message(IndexProgress(1200, 3000, TAKING_CHANGES))
        await settle(pilot, rounds=1)
        assert status_line(app) == "Indexing 1,200/3,000 taking the changed articles into the stories"
        assert bar.total == 3000 and bar.progress == 1200


async def test_the_hidden_progress_bar_never_animates_once_the_index_is_ready(library_double):
    """An uncounted step's bar moves to and fro on a timer (15 redraws a second); once the index
    was ready the bar was hidden but its timer ran on, waking an idle app for ever."""
    from textual.widgets import ProgressBar
    from textual.widgets._progress_bar import Bar

    from reader.tui.messages import IndexProgress

    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        status = app.main_screen.status
        bar = status.query_one("#status-progress", ProgressBar).query_one(Bar)
        assert not status.has_class("-busy") and bar.auto_refresh is None
        app.post_message(IndexProgress(0, 0, "saving the index"))
        await settle(pilot, rounds=1)
        assert status.has_class("-busy") and bar.auto_refresh  # it moves while it is shown
        status.idle()
        await settle(pilot, rounds=1)
        assert bar.auto_refresh is None


async def test_index_ready_is_said_once_the_list_shows_the_index(library_double):
    # It was said when the update ended, while the list was still being read (empty on a first
    # launch: a 10,000-article index takes seconds to list).
    import threading

    listed = threading.Event()
    every_article = library_double.articles

    def articles():
        if library_double.commits == 0:
            return []  # a first launch: no index yet
        listed.wait(10)
        return every_article()

    library_double.articles = articles
    app = ReaderApp(library_double, prepare_stories=True)
    async with drive(app, (100, 30)) as pilot:
        await wait_for(pilot, lambda: app.index_ready)
        await pilot.pause()
        assert not app.main_screen.source_list.root.children
        assert status_line(app) == "Index updated; reading the list…"
        assert library_double.stories_prepared == 0  # the pass waits for the list: two cores
        listed.set()
        await wait_for(pilot, lambda: bool(app.main_screen.source_list.root.children))
        assert status_line(app) == "Index ready."
        await wait_for(pilot, lambda: library_double.stories_prepared == 1)


async def test_index_failure_is_one_line_not_a_crash(library_double):
    library_double.update_error = "another process is indexing this corpus"
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        assert app.is_running
        messages = notifications(app)
        assert any("another process is indexing" in m for m in messages)
        # The list still works from what the index answered.
        assert len(app.screen.source_list.root.children) == 2


async def test_open_missing_article_says_why(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        app.screen.open_article("nope")
        await settle(pilot)
        assert "Cannot open nope" in screen_text(app)
        assert app.is_running


async def test_compare_needs_an_article_then_opens(seed_library):
    app = ReaderApp(seed_library)
    async with drive(app, (120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("c")  # the cursor is on an outlet: nothing to compare
        assert any("Open an article or put the cursor on a story first" in m for m in notifications(app))
        app.screen.open_article(app.articles[0].id)
        await settle(pilot)
        main = app.screen
        await press_and_settle(pilot, "c")
        from reader.tui.screens.compare import CompareScreen

        assert isinstance(app.screen, CompareScreen)
        # The help screen lists the compare screen's own bindings too.
        app.action_help()
        await settle(pilot)
        help_text = str(app.screen.query_one("#help-bindings").render())
        for binding in CompareScreen.BINDINGS:
            if getattr(binding, "id", None):
                assert f"[{binding.id}]" in help_text, binding
        assert "[main.search]" not in help_text  # the main screen's keys do nothing here
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, CompareScreen)
        app.pop_screen()
        await settle(pilot)
        assert app.screen is main


async def test_compare_from_a_story_row_or_an_article_row(seed_library):
    """c on a story's row compares its articles; on an article's row, that article, even while
    another one is open."""
    from reader.tui.screens.compare import CompareScreen

    app = ReaderApp(seed_library)
    async with drive(app, (120, 36)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "g")  # by story: the seeds' one story is the first row
        tree = app.screen.source_list
        assert tree.cursor_node.data.kind == "group"
        story_ids = [info.id for info in tree.cursor_node.data.items]
        await press_and_settle(pilot, "c")
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.left_id == story_ids[0]
        app.pop_screen()
        await settle(pilot)
        app.screen.open_article(story_ids[0])
        await settle(pilot)
        tree.focus()
        tree.cursor_node.expand()
        await settle(pilot)
        tree.action_cursor_down()
        tree.action_cursor_down()  # the story's second article
        await settle(pilot)
        assert tree.cursor_article() == story_ids[1]
        await press_and_settle(pilot, "c")
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.left_id == story_ids[1]


async def test_compare_on_a_story_no_other_article_tells_asks_which_article(library_double):
    """`c` on an article alone in its story opened an unrelated article of another story (a title
    search, else any other outlet's) with only a "Different stories" warning; now the version
    picker asks which article to compare it with, and Escape goes back where `c` was pressed."""
    from reader.tui.screens.compare import CompareScreen
    from reader.tui.widgets.compare_dialogs import VersionPicker

    app = ReaderApp(library_double)
    async with drive(app, (120, 36)) as pilot:
        await settle(pilot)
        main = app.screen
        main.open_article("a2")  # story s2: Daily Planet's "Markets calm" alone
        await settle(pilot)
        await press_and_settle(pilot, "c")
        assert isinstance(app.screen, VersionPicker)
        assert "No other article tells this story: choose one to compare it with." in screen_text(app)
        assert [v.id for v in app.screen.shown] == ["a1", "b1"]
        await press_and_settle(pilot, "escape")
        assert app.screen is main
        await press_and_settle(pilot, "c")
        await press_and_settle(pilot, *"bugle", "enter")
        assert isinstance(app.screen, CompareScreen)
        assert (app.screen.loaded.left.id, app.screen.loaded.right.id) == ("a2", "b1")
        assert "Different stories" in screen_text(app)  # chosen, and still said


async def test_mouse_click_opens_article(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        tree = app.screen.source_list
        tree.root.children[0].expand()
        await settle(pilot)
        # Row 0 is the group, row 1 its first article ("Minister visits Budapest").
        await pilot.click(Tree, offset=(8, 1))
        await settle(pilot)
        assert app.screen.reader.article is not None
        assert app.screen.reader.article.id == "a1"


@pytest.mark.parametrize("size", [(60, 16), (40, 12)])
async def test_small_terminals(library_double, size):
    app = ReaderApp(library_double)
    async with drive(app, size) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "enter", "down", "enter")
        assert app.screen.reader.article is not None
        if size == (60, 16):
            # Reading takes the whole width on a narrow screen; b brings the list back.
            assert app.screen.has_class("-no-sidebar")
            await pilot.press("b")
            assert not app.screen.has_class("-no-sidebar")
        await press_and_settle(pilot, "slash", *"budapest")
        await press_and_settle(pilot, "question_mark")
        await press_and_settle(pilot, "escape", "escape")
        assert app.is_running


# -- launch ----------------------------------------------------------------------------------
def test_run_app_missing_corpus_is_one_line_exit_2(tmp_path, capsys):
    from reader.tui.launch import run_app

    args = argparse.Namespace(corpus=[tmp_path / "missing"], index=None, follow_links=False)
    assert run_app(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing" in err


def test_run_app_bad_config_is_one_line_exit_2(isolated_dirs, capsys):
    from reader.tui.launch import run_app

    (isolated_dirs["config"] / "config.yaml").write_text("keymap: [unclosed\n", encoding="utf-8")
    args = argparse.Namespace(corpus=[SEEDS], index=None, follow_links=False)
    assert run_app(args) == 2
    assert "config.yaml" in capsys.readouterr().err


def test_run_app_with_a_file_as_its_data_folder_is_one_line_exit_2(isolated_dirs, tmp_path, capsys, monkeypatch):
    """READER_DATA_DIR naming a file stops every command (exit 2, one line): with --corpus the app
    started all the same, its list empty, and said "cannot read the index: READER_DATA_DIR …"
    twice in notices (the index was fine; the marks file could not be opened)."""
    import reader.tui.app as app_module
    from reader.tui.launch import run_app

    class NotToBeStarted:
        return_code = 0
        marks_lost_at_exit = None

        def __init__(self, library, **options):
            pass

        def run(self):
            pass

    monkeypatch.setattr(app_module, "ReaderApp", NotToBeStarted)
    isolated_dirs["data"].write_text("not a folder\n", encoding="utf-8")
    args = argparse.Namespace(corpus=[SEEDS], index=tmp_path / "ix", follow_links=False)
    assert run_app(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"READER_DATA_DIR {isolated_dirs['data']}: is a file, not a folder" in err


def _options_run_app_passes(config_text, isolated_dirs, tmp_path, monkeypatch, marks_lost=None) -> dict:
    """The options run_app gives the app under this config.yaml (the app itself not run; it
    quits with `marks_lost`, the marks it could not save)."""
    import reader.tui.app as app_module
    from reader.tui.launch import run_app

    seen = {}

    class Recorder:
        return_code = 0
        marks_lost_at_exit = marks_lost

        def __init__(self, library, **options):
            seen.update(options)

        def run(self):
            pass

    monkeypatch.setattr(app_module, "ReaderApp", Recorder)
    (isolated_dirs["config"] / "config.yaml").write_text(config_text, encoding="utf-8")
    args = argparse.Namespace(corpus=[SEEDS], index=tmp_path / "ix", follow_links=False)
    assert run_app(args) == 0
    return seen


@pytest.mark.parametrize("setting, expected", [("", True), ("prepare_comparisons: false\n", False)])
def test_run_app_passes_the_prepare_setting(isolated_dirs, tmp_path, monkeypatch, setting, expected):
    seen = _options_run_app_passes(setting, isolated_dirs, tmp_path, monkeypatch)
    assert seen["prepare_stories"] is expected


def test_run_app_says_a_wrong_prepare_setting_once_and_prepares(isolated_dirs, tmp_path, monkeypatch):
    """`prepare_comparisons: maybe` stopped the app before its first screen (exit 2): now one
    notice, and the comparisons prepared as by default."""
    seen = _options_run_app_passes("prepare_comparisons: maybe\n", isolated_dirs, tmp_path, monkeypatch)
    assert seen["prepare_stories"] is True
    said = [notice for notice in seen["notices"] if "prepare_comparisons" in notice]
    path = isolated_dirs["config"] / "config.yaml"
    assert said == [
        f"{path}: line 1: prepare_comparisons: expected true or false, not a string 'maybe'; "
        "using true until it is set to true or false"
    ]


def test_run_app_passes_the_saved_grouping_and_sort_and_warns_of_an_unknown_one(isolated_dirs, tmp_path, monkeypatch):
    seen = _options_run_app_passes("grouping: stroy\nsort: newest\n", isolated_dirs, tmp_path, monkeypatch)
    assert (seen["grouping"], seen["list_order"]) == ("outlet", "newest")
    path = isolated_dirs["config"] / "config.yaml"
    assert f"{path}: line 1: unknown grouping 'stroy', using outlet; did you mean 'story'?" in seen["notices"]


@pytest.mark.parametrize(
    "setting, option, default, said",
    [
        ("text_width: wide\n", "text_width", 100, "text_width: expected 0 (no limit) or a number of columns"),
        ("text_width: 5\n", "text_width", 100, "from 20 to 1000; using 100"),
        ("theme: [nord]\n", "theme", None, "theme: expected a theme name; ignored"),
        ("sort: [newest]\n", "list_order", "outlet", "sort: expected a word (outlet or newest or oldest), not a list"),
        ("keymap: 3\n", "keymap", {}, "keymap: must map binding ids to keys; ignored"),
    ],
)
def test_run_app_says_a_bad_setting_of_its_own_and_uses_the_default(
    setting, option, default, said, isolated_dirs, tmp_path, monkeypatch
):
    """A setting only the app reads, of the wrong type: the app starts with the default and a
    notice naming the file, line and key (it stopped every command, `reader list` too, with exit
    2; and the app dropped text_width's problem without a word)."""
    seen = _options_run_app_passes(setting, isolated_dirs, tmp_path, monkeypatch)
    path = isolated_dirs["config"] / "config.yaml"
    assert seen[option] == default
    assert any(notice.startswith(f"{path}: line 1: ") and said in notice for notice in seen["notices"]), seen["notices"]


def test_marks_the_app_could_not_save_are_said_once_more_after_it_quits(isolated_dirs, tmp_path, monkeypatch, capsys):
    _options_run_app_passes(
        "", isolated_dirs, tmp_path, monkeypatch, marks_lost=(3, "/data/marks.sqlite3: the disk is full")
    )
    assert capsys.readouterr().err == (
        "reader: the read marks or stars of 3 articles set in the window were not saved "
        "(/data/marks.sqlite3: the disk is full)\n"
    )


LAUNCH_SCRIPT = """
import sys, argparse, signal, os
from pathlib import Path
import reader.tui.app as app_module
from reader.tui.launch import run_app

mode = sys.argv[1]
class Probe(app_module.ReaderApp):
    def run(self, *args, **kwargs):
        return super().run(*args, headless=True, **kwargs)

    def on_ready(self):
        if mode == "crash":
            raise RuntimeError("boom")
        os.kill(os.getpid(), signal.SIGTERM)
app_module.ReaderApp = Probe
args = argparse.Namespace(corpus=[Path(sys.argv[2])], index=Path(sys.argv[3]), follow_links=False)
sys.exit(run_app(args))
"""


@pytest.mark.parametrize("mode, expected", [("term", 128 + signal.SIGTERM), ("crash", 1)])
def test_run_app_exit_codes_are_honest(tmp_path, mode, expected):
    """SIGTERM ends the app through app.exit (terminal restored); an exception exits non-zero."""
    script = tmp_path / "launch_probe.py"
    script.write_text(LAUNCH_SCRIPT, encoding="utf-8")
    env = dict(os.environ)
    root = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = str(root)
    proc = subprocess.run(
        [sys.executable, str(script), mode, str(SEEDS), str(tmp_path / "index")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == expected, proc.stderr[-2000:]


async def test_theme_change_restyles_open_article(library_double):
    app = ReaderApp(library_double, theme="textual-dark")
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("a1")
        await settle(pilot)
        pane = app.screen.reader
        widget = pane._widgets[1]  # the paragraph with the quote
        quote_before = pane.style_of("reader-pane--quote")
        assert any(span.style == quote_before for span in widget.content.spans)
        app.theme = "textual-light"
        await settle(pilot)
        quote_after = pane.style_of("reader-pane--quote")
        assert quote_before != quote_after
        # The paragraph on screen was re-rendered with the new theme's quote style.
        assert any(span.style == quote_after for span in widget.content.spans)


async def test_story_grouping_puts_lone_articles_together_and_filters_by_label(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        tree = app.screen.source_list
        await press_and_settle(pilot, "g")
        assert [str(n.label) for n in tree.root.children] == [
            "Budapest summit (2 •2)",
            "Reported by one article only (1 •1)",
        ]
        # The story's label matches even where an article's own title does not.
        tree.set_filter("summit planet")
        await settle(pilot)
        rows = [str(leaf.label) for leaf in article_rows(tree)]
        assert rows == [" • 2025-10-21  Daily Planet · Minister visits Budapest"]
        # Newest first inside an outlet.
        tree.set_filter("")
        tree.set_grouping("outlet")
        tree.root.children[0].expand()
        await settle(pilot)
        dates = [leaf.label.plain[3:13] for leaf in tree.root.children[0].children]
        assert dates == sorted(dates, reverse=True) and len(dates) == 2


async def test_a_long_story_title_gives_way_to_its_count(library_double):
    library_double.story_list[0].label = "A very long story title " * 6
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "g")
        line = next(row for row in screen_text(app).splitlines() if "A very long story" in row)
        sidebar = line.split("▕")[0].rstrip()
        assert sidebar.endswith("… (2 •2)")


async def test_grouping_keeps_the_cursor_on_its_article(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        tree = app.screen.source_list
        app.screen.open_article("b1")
        await settle(pilot)
        tree.focus()
        await press_and_settle(pilot, "g")
        assert tree.grouping == "story" and tree.cursor_article() == "b1"
        await pilot.press("up")  # a1, the story's other article
        await press_and_settle(pilot, "g")
        assert tree.grouping == "outlet" and tree.cursor_article() == "a1"


async def test_a_failed_worker_is_one_toast_on_the_app_and_on_a_screen(library_double):
    # Each probe fails only once settle waits for it: a probe that failed while settle waited
    # raised WorkerFailed out of settle (under load, when the thread was slower than a pause),
    # where a worker that failed has finished as much as one that returned
    go = threading.Event()

    def boom():
        go.wait()
        raise ValueError("disk says no\n[b]twice[/b]")

    def failing_once_waited_for(worker) -> None:
        waited = worker.wait

        async def wait():
            go.set()
            return await waited()

        worker.wait = wait

    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        failing_once_waited_for(app.run_worker(boom, name="app probe", thread=True, exit_on_error=False))
        failing_once_waited_for(app.screen.run_worker(boom, name="screen probe", thread=True, exit_on_error=False))
        await settle(pilot)
        failed = [m for m in notifications(app) if "probe failed" in m]
        assert sorted(failed) == [
            "app probe failed: disk says no [b]twice[/b]",
            "screen probe failed: disk says no [b]twice[/b]",
        ]
        assert app.is_running


async def test_the_quotes_panel_lists_a_thousand_quotations_and_says_how_many_more(library_double):
    from reader.tui.widgets.quotes_panel import MAX_SHOWN

    text = " ".join(f'"Line {n}," he said.' for n in range(MAX_SHOWN + 5))
    quotes = []
    for n in range(MAX_SHOWN + 5):
        start = text.index(f"Line {n},")
        quotes.append(QuoteDouble(f"Line {n},", start, start + len(f"Line {n},"), "he"))
    library_double.add(Doc("many", "Daily Planet", "Many quotes", "2025-10-22", text), quotes)
    app = ReaderApp(library_double)
    async with drive(app, (120, 36)) as pilot:
        await settle(pilot)
        app.screen.open_article("many")
        await settle(pilot)
        panel = app.screen.quotes_panel
        assert panel.option_count == MAX_SHOWN
        # One number format: the header said "1005 quotes" and the title "Quotes (1005)" beside
        # the subtitle's "1,005".
        assert panel.border_title == f"Quotes ({MAX_SHOWN + 5:,})" == "Quotes (1,005)"
        assert (
            panel.border_subtitle == f"the first {MAX_SHOWN:,}; the command reader quotes lists all {MAX_SHOWN + 5:,}"
        )
        assert "characters, 1,005 quotes" in str(app.screen.query_one("#reader-meta").render())


def many_quotes_article(library_double, count: int) -> None:
    """An article "many" of `count` long quotations (each wraps to a few lines in the panel)."""
    said = "the council will not raise the rates this year whatever the auditors say about it " * 3
    text = " ".join(f'"Line {n}, {said}" he said.' for n in range(count))
    quotes = []
    for n in range(count):
        start = text.index(f"Line {n},")
        quotes.append(QuoteDouble(f"Line {n}, {said}", start, start + len(f"Line {n}, {said}"), "he"))
    library_double.add(Doc("many", "Daily Planet", "Many quotes", "2025-10-22", text), quotes)


async def test_a_thousand_quotations_are_measured_as_they_come_into_view_not_all_at_once(library_double, monkeypatch):
    """Textual's OptionList wrapped every option to lay the panel out (twice: for its height and
    its line table, and again at each resize): 1,000 quotations held the event loop ~0.2-0.7 s when
    an article opened, and at each step of a resize. The panel measures what the view shows; the
    rest later, a step at a time (here never: the steps are put off), and End still reaches the last."""
    from textual.content import Content

    from reader.tui.widgets import quotes_panel

    monkeypatch.setattr(quotes_panel, "MEASURE_PAUSE", 3600.0)  # the background steps never come
    many_quotes_article(library_double, quotes_panel.MAX_SHOWN)
    measured = 0
    get_height = Content.get_height

    def counting(self, rules, width):
        nonlocal measured
        measured += 1
        return get_height(self, rules, width)

    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Content, "get_height", counting)
        app.screen.open_article("many")
        await settle(pilot)
        panel = app.screen.quotes_panel
        assert panel.display and panel.option_count == quotes_panel.MAX_SHOWN
        assert measured < 100, measured
        measured = 0
        await pilot.resize_terminal(110, 40)
        await settle(pilot)
        assert measured < 100, measured
        assert "Line 3," in screen_text(app)
        panel.focus()
        await press_and_settle(pilot, "end")
        assert panel.highlighted == quotes_panel.MAX_SHOWN - 1
        assert f"Line {quotes_panel.MAX_SHOWN - 1}," in screen_text(app)
        await press_and_settle(pilot, "home")
        assert "Line 0," in screen_text(app)


async def test_quotations_are_made_as_they_are_measured_and_the_next_article_starts_afresh(library_double, monkeypatch):
    """set_quotes made the 1,000 lines at once (~30 ms on the event loop when an article opened);
    and once the last article's steps had measured it to its end, the next article's 1,000 were
    all measured at once as well (0.2 s and more)."""
    from conftest import wait_for
    from textual.content import Content

    from reader.tui.widgets import quotes_panel

    many_quotes_article(library_double, quotes_panel.MAX_SHOWN)
    second = library_double.docs["many"]
    library_double.add(
        Doc("many2", "The Bugle", "More quotes", "2025-10-23", second.text), library_double.quotes_by_id["many"]
    )
    made = measured = 0
    join, get_height = quotes_panel.join, Content.get_height

    def counting_join(parts):
        nonlocal made
        made += 1
        return join(parts)

    def counting_height(self, rules, width):
        nonlocal measured
        measured += 1
        return get_height(self, rules, width)

    monkeypatch.setattr(quotes_panel, "join", counting_join)
    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        app.screen.open_article("many")
        await settle(pilot)
        panel = app.screen.quotes_panel
        await wait_for(pilot, lambda: len(panel._line_cache.heights) == quotes_panel.MAX_SHOWN)
        assert made == quotes_panel.MAX_SHOWN  # each made once, in the steps
        monkeypatch.setattr(quotes_panel, "MEASURE_PAUSE", 3600.0)  # the background steps never come
        monkeypatch.setattr(Content, "get_height", counting_height)
        made = 0
        app.screen.open_article("many2")
        await settle(pilot)
        assert app.screen.reader.article.id == "many2" and panel.option_count == quotes_panel.MAX_SHOWN
        assert made < 100 and measured < 100, (made, measured)
        assert "Line 0," in screen_text(app)


async def test_the_quotes_panel_measures_the_rest_in_steps_and_pages_down_to_the_last(library_double):
    from conftest import wait_for
    from reader.tui.widgets import quotes_panel

    many_quotes_article(library_double, 300)
    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        app.screen.open_article("many")
        await settle(pilot)
        panel = app.screen.quotes_panel
        await wait_for(pilot, lambda: len(panel._line_cache.heights) == 300)
        lines = len(panel._line_cache.lines)
        assert panel.virtual_size.height == lines > 300  # each wraps: every line counted, none guessed
        panel.focus()
        for _ in range(200):
            if panel.highlighted == 299:
                break
            await pilot.press("pagedown")
        assert panel.highlighted == 299
        assert "Line 299," in screen_text(app)
        assert quotes_panel.MEASURE_STEP < 300


async def test_measuring_the_quotes_below_the_view_does_not_lay_the_whole_screen_out_again(library_double, monkeypatch):
    """Each background step set the panel's virtual size, a reactive that asks for a layout of
    the whole screen: every paragraph of the article was laid out again at each step, dozens of
    times (~0.5 s of CPU) after an article with many quotations opened. A step that only makes
    the list longer below the view now repaints the panel, its scrollbar updated."""
    from textual.screen import Screen

    from reader.tui.widgets import quotes_panel

    many_quotes_article(library_double, 300)
    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(quotes_panel, "MEASURE_PAUSE", 3600.0)  # the steps run when we say
        app.screen.open_article("many")
        await settle(pilot)
        panel = app.screen.quotes_panel
        # One MEASURE_STEP a step whatever this machine's speed (the budget is time: a fast run
        # measured 300 quotes in 5 steps): a clock that moves one second at each reading.
        clock = itertools.count()
        monkeypatch.setattr(quotes_panel, "time", SimpleNamespace(perf_counter=lambda: float(next(clock))))
        monkeypatch.setattr(quotes_panel, "MEASURE_BUDGET", 1.5)
        layouts = 0
        refresh_layout = Screen._refresh_layout

        def counting(self, *args, **kwargs):
            nonlocal layouts
            layouts += 1
            return refresh_layout(self, *args, **kwargs)

        monkeypatch.setattr(Screen, "_refresh_layout", counting)
        steps = 0
        while len(panel._line_cache.heights) < 300:
            assert steps < 500, "the measuring stopped making progress"  # 30 steps at most: 10 or more quotes each
            panel._measure_more()
            steps += 1
            await pilot.pause()
        assert steps > 5
        assert layouts <= 2, (layouts, steps)
        lines = len(panel._line_cache.lines)
        assert panel.virtual_size.height == lines > 300
        assert panel.vertical_scrollbar.window_virtual_size == lines  # the scrollbar knows the length
        panel.focus()
        await pilot.press("end")
        await settle(pilot)
        assert panel.highlighted == 299 and "Line 299," in screen_text(app)


async def test_the_quotes_panel_title_says_where_the_highlight_is_while_moving_through_it(library_double):
    """The count alone ("Quotes (12)") left the user counting lines in a long list; while they move through it,
    the title says where they are ("Quotes 3/12"), and the count alone once they leave it."""
    text = " ".join(f'"Line {n}," he said.' for n in range(12))
    quotes = []
    for n in range(12):
        start = text.index(f"Line {n},")
        quotes.append(QuoteDouble(f"Line {n},", start, start + len(f"Line {n},"), "he"))
    library_double.add(Doc("twelve", "Daily Planet", "Twelve quotes", "2025-10-22", text), quotes)
    app = ReaderApp(library_double)
    async with drive(app, (120, 36)) as pilot:
        await settle(pilot)
        app.screen.open_article("twelve")
        await settle(pilot)
        panel = app.screen.quotes_panel
        assert panel.border_title == "Quotes (12)"  # not in it: the count
        panel.focus()
        await settle(pilot)
        assert panel.border_title == "Quotes 1/12"
        await press_and_settle(pilot, "j", "j")
        assert panel.border_title == "Quotes 3/12"
        await press_and_settle(pilot, "end")
        assert panel.border_title == "Quotes 12/12"
        await press_and_settle(pilot, "escape")  # back to the source list
        assert app.focused is not panel and panel.border_title == "Quotes (12)"


async def test_a_skipped_file_is_named_with_its_reason(tmp_path):
    # The notice only counted the skipped files and sent the user to `reader index` to learn
    # which and why.
    from conftest import skipped_notice, write

    corpus = tmp_path / "corpus"
    write(corpus / "good.md", "---\ntitle: A story\noutlet: Daily\n---\n\nThe council met on Tuesday.\n")
    write(corpus / "empty.md", "---\ntitle: Nothing\noutlet: Daily\n---\n\n")
    notice = await skipped_notice(corpus, tmp_path / "index")
    assert notice.splitlines() == ["1 file skipped:", "empty.md: no article text (empty after the metadata)"]


async def test_the_notice_names_a_broken_jsonl_line_a_binary_file_and_a_broken_json_file(tmp_path):
    # A broken .json beside the articles was passed over without a word (the corpus read no .json
    # file, good or broken): it is read now, and the notice of the skipped files says why not.
    from conftest import skipped_notice, write

    corpus = tmp_path / "corpus"
    write(corpus / "good.md", "---\ntitle: A story\noutlet: Daily\n---\n\nThe council met on Tuesday.\n")
    write(corpus / "broken.json", '{"title": "Broken", "text": "abc')
    write(corpus / "lines.jsonl", '{"title": "Fine", "outlet": "X", "text": "A good line."}\n{"title": "bad\n')
    (corpus / "binary.txt").write_bytes(b"abc\x00\x00binary")
    notice = await skipped_notice(corpus, tmp_path / "index")
    lines = notice.splitlines()
    assert lines[0] == "3 files skipped:"
    assert lines[1].startswith("binary.txt: binary file")
    assert lines[2] == "broken.json: not valid JSON (Unterminated string starting at line 1, column 29)"
    assert lines[3].startswith("lines.jsonl#2: line 2:") and len(lines) == 4


async def test_the_first_index_names_the_files_of_other_kinds_in_the_corpus(tmp_path):
    # A newcomer opening the app on a folder of articles and PDFs saw the articles and not a word
    # of the PDFs: the first index says what it left and what it reads.
    from conftest import wait_for, write
    from reader.library import Library

    corpus = tmp_path / "corpus"
    write(corpus / "good.md", "---\ntitle: A story\noutlet: Daily\n---\n\nThe council met on Tuesday.\n")
    write(corpus / "report.pdf", "%PDF-1.4")
    write(corpus / "photo.jpg", "\xff\xd8")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (100, 30)) as pilot:
            await wait_for(pilot, lambda: any("not read" in n for n in notifications(app)))
            (notice,) = [n for n in notifications(app) if "not read" in n]
            assert notice == (
                "2 files of other kinds not read (1 .jpg, 1 .pdf): reader reads plain text, Markdown, HTML, "
                "saved pages (.mhtml, .webarchive), RSS/Atom, JSON, JSON Lines and saved mail (.eml) files; pdftotext FILE.pdf "
                "makes a .txt of a PDF"
            )
    finally:
        library.close()


async def test_the_first_index_names_the_files_of_other_kinds_through_a_link_out_with_follow_links(tmp_path):
    # With --follow-links the app reads `corpus/far -> ../away`, but counted the files of other
    # kinds as though the link were not followed: away's PDF went unsaid.
    from conftest import wait_for, write
    from reader.library import Library

    corpus, away = tmp_path / "corpus", tmp_path / "away"
    write(corpus / "good.md", "---\ntitle: A story\noutlet: Daily\n---\n\nThe council met on Tuesday.\n")
    write(away / "report.pdf", "%PDF-1.4")
    (corpus / "far").symlink_to(away, target_is_directory=True)
    library = Library([corpus], tmp_path / "index", auto_update=False, follow_links=True)
    try:
        app = ReaderApp(library)
        async with drive(app, (100, 30)) as pilot:
            await wait_for(pilot, lambda: any("other kinds" in n for n in notifications(app)))
            notices = " ".join(notifications(app))
            assert "1 file of other kinds not read (1 .pdf)" in notices, notices
    finally:
        library.close()


async def test_a_corpus_of_pdfs_alone_names_them_once(tmp_path):
    # A folder of PDFs said "The corpus has no articles" and no more in the app (the CLI named
    # them): the notice names them, once, not at each update of the index.
    from conftest import wait_for, write
    from reader.library import Library

    corpus = tmp_path / "corpus"
    write(corpus / "report.pdf", "%PDF-1.4")
    write(corpus / "memo.docx", "PK")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (100, 30)) as pilot:
            await wait_for(pilot, lambda: any("not read" in n for n in notifications(app)))
            assert [n for n in notifications(app) if "not read" in n] == [
                "2 files of other kinds not read (1 .docx, 1 .pdf): reader reads plain text, Markdown, HTML, "
                "saved pages (.mhtml, .webarchive), RSS/Atom, JSON, JSON Lines and saved mail (.eml) files; pdftotext FILE.pdf "
                "makes a .txt of a PDF"
            ]
            await wait_for(pilot, lambda: "The corpus has no articles." in screen_text(app))
            first = app.index_report
            app.update_index()  # as the watcher does
            await wait_for(pilot, lambda: app.index_report is not first)
            await settle(pilot)
            assert len([n for n in notifications(app) if "not read" in n]) == 1
    finally:
        library.close()


async def test_a_corpus_whose_articles_are_hidden_says_so_in_the_pane(tmp_path):
    # A folder whose articles sit in `.articles/` was told to "Add plain text, Markdown ... files
    # there", which it held: the pane says they are hidden, skipped, and the command that reads them.
    from conftest import wait_for, write
    from reader.library import Library

    corpus = tmp_path / "corpus"
    write(corpus / ".articles" / "a.md", "---\ntitle: Budget\n---\n\nThe budget vote passed on Tuesday.")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (160, 30)) as pilot:

            def pane_text() -> str:  # the screen's words, the panes' borders left out
                return " ".join(re.sub("[▕▌▊▎▏]", " ", screen_text(app)).split())

            await wait_for(pilot, lambda: "reads that folder" in pane_text())
            folder = corpus / ".articles"
            assert f"1 article file is in a hidden folder ({folder}), and reader skips every name" in pane_text()
            assert "Add plain text" not in pane_text()
    finally:
        library.close()


async def test_a_hidden_folder_through_a_link_out_is_named_in_the_pane_as_the_cli_names_it(tmp_path, capsys):
    # A corpus whose one entry is a link out of it (not followed): `reader list` names the hidden
    # folder it leads to (session 55), the app's note named none. Both say the same words now.
    from conftest import run_main, wait_for, write
    from reader.library import Library

    news, away = tmp_path / "news", tmp_path / "away"
    write(away / ".articles" / "c.md", "The vote.")
    news.mkdir()
    (news / "far").symlink_to(away, target_is_directory=True)
    _, _, err = run_main(capsys, "--corpus", str(news), "--index", str(tmp_path / "index"), "list")
    (said,) = [line for line in err.splitlines() if "nothing loaded" in line]
    hidden = said.split("; ", 2)[2]  # after "nothing loaded from …: every file … skipped (…; …)"
    assert hidden.startswith(f"1 article file is in a hidden folder ({news / 'far' / '.articles'})"), said
    library = Library([news], tmp_path / "index", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (160, 30)) as pilot:

            def note() -> str:
                found = app.screen.query("#reader-message")
                return str(found.first().render()) if found else ""

            await wait_for(pilot, lambda: "The corpus has no articles." in note())
            assert f": {hidden}." in " ".join(note().split()), note()
    finally:
        library.close()


async def test_the_skipped_files_notice_names_the_command_for_the_apps_corpus(tmp_path):
    # "the command reader index lists them all" indexed the bundled seeds when the app was
    # opened with --corpus: the command names the corpus and index the app was given.
    from conftest import skipped_notice, write

    corpus = tmp_path / "my news"
    write(corpus / "good.md", "---\ntitle: A story\noutlet: Daily\n---\n\nThe council met on Tuesday.\n")
    for n in range(5):
        write(corpus / f"empty{n}.md", "")
    notice = await skipped_notice(corpus, tmp_path / "index")
    assert notice.splitlines()[-1] == (
        f"and 2 more; the command reader --corpus '{corpus}' --index {tmp_path / 'index'} index --verbose lists them all."
    )


async def test_the_palette_offers_the_newest_stories_first():
    """ctrl+p with nothing typed listed the first 20 stories in the index's order, the oldest
    first (2010's stories on a corpus running to 2015), while the coverage view lists the newest
    first: the palette's stories come newest first too."""
    from conftest import Doc, LibraryDouble, StoryDouble
    from reader.tui.palette import candidates

    lib = LibraryDouble()
    for n, year in enumerate((2010, 2015, 2012)):
        for outlet in ("Daily Planet", "The Bugle"):
            lib.add(Doc(f"{year}{outlet[0]}", outlet, f"Story of {year}", f"{year}-05-0{n + 1}", "Text."))
    lib.story_list = [StoryDouble(f"s{y}", f"Story of {y}", [f"{y}D", f"{y}T"]) for y in (2010, 2015, 2012)]
    app = ReaderApp(lib)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        stories = [text for text, _help, _callback in candidates(app) if text.startswith("Story: ")]
        assert stories == [f"Story: Story of {y} (2 articles)" for y in (2015, 2012, 2010)], stories


async def test_the_status_bar_keeps_what_it_was_told_before_its_lines_were_mounted():
    """An index message could reach the status bar before its lines were mounted: the query for
    them raised NoMatches in the message handler (a flaky start). The bar keeps the line."""
    from textual.app import App

    from reader.tui.widgets.status_bar import StatusBar

    bar = StatusBar()
    bar.say("Indexing 3/9 a.md")
    bar.working("Fetching 1/2")
    bar.progress(3, 9)
    async with App().run_test() as pilot:
        await pilot.app.screen.mount(bar)
        await pilot.pause()
        assert str(bar.query_one("#status-text").render()) == "Indexing 3/9 a.md"
        work = bar.query_one("#status-work")
        assert str(work.render()) == "Fetching 1/2" and work.display
        bar.say("Index updated.")
        assert str(bar.query_one("#status-text").render()) == "Index updated."


async def test_an_article_whose_folder_is_renamed_stays_open_under_the_cursor_and_keeps_its_star(tmp_path):
    """`mv news/reuters news/wires` while the app is open: after the update the open article was
    "no longer in the corpus", the cursor jumped to the top, and a star set on it went to an id
    that no longer exists. It stays open and under the cursor by its new id, and the star follows."""
    from conftest import settle, wait_for
    from test_index_helpers import make_corpus
    from reader.library import Library
    from reader.state.marks import Mark

    corpus = make_corpus(tmp_path / "news")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    library.update()
    library.marks.put({"reuters/storm": Mark(read=True)})
    try:
        app = ReaderApp(library)
        async with drive(app, (120, 30)) as pilot:
            await wait_for(pilot, lambda: app.catalog_ready and app.index_ready)
            await settle(pilot)
            screen = app.screen
            screen.source_list.reveal("reuters/storm")
            screen.open_article("reuters/storm")
            await wait_for(pilot, lambda: screen.reader.article is not None)
            await settle(pilot)
            assert screen.source_list.cursor_article() == "reuters/storm"
            (corpus / "reuters").rename(corpus / "wires")
            app.update_index()
            await wait_for(pilot, lambda: app.in_catalog("wires/storm"))
            await settle(pilot)
            assert screen.reader.article.id == "wires/storm"
            assert str(screen.reader.article.path) == str(corpus / "wires" / "storm.md")
            assert "renamed: it is wires/storm now" in str(screen.query_one("#status-text").render())
            assert screen.source_list.cursor_article() == "wires/storm"
            assert app.marks.get("wires/storm") == Mark(read=True)
            screen.reader.focus()
            await press_and_settle(pilot, "s")
            await wait_for(pilot, lambda: library.marks.get("wires/storm") == Mark(read=True, starred=True))
            assert "reuters/storm" not in library.marks.all()
    finally:
        library.close()


async def _palette_pick(pilot, text: str) -> None:
    """ctrl+p, `text` typed, Enter: the palette's top hit run, as a user picks it."""
    from textual.command import CommandPalette

    await press_and_settle(pilot, "ctrl+p")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await press_and_settle(pilot, *text)
    palette = pilot.app.screen
    await wait_for(pilot, lambda: palette.query_one("CommandList").option_count > 0)
    await press_and_settle(pilot, "enter")


@pytest.mark.parametrize("size", [(120, 30), (80, 24)])
async def test_the_palettes_story_shows_the_story_in_the_list_not_under_the_search(library_double, size):
    """ctrl+p "Show this story" while a search was shown regrouped the list hidden under the
    results, which stayed (the story nowhere to see), the focus left in the search box (j typed
    into it); below 90 columns Escape from the article went back to the results. The list takes
    the search's place, its cursor on the story's article, and the grouping is not saved."""
    app = ReaderApp(library_double)
    async with drive(app, size) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "slash", *"markets")
        await _palette_pick(pilot, "Story: Budapest summit")
        await wait_for(pilot, lambda: screen.reader.article is not None and screen.reader.article.id == "a1")
        assert screen.query_one("#left").current == "sources"
        assert screen.source_list.grouping == "story"
        await wait_for(pilot, lambda: screen.source_list.cursor_article() == "a1")
        assert not isinstance(app.focused, Input)
        await press_and_settle(pilot, "escape")  # one pane: back to the list, at the story
        assert app.focused is screen.source_list and screen.source_list.cursor_article() == "a1"
        assert screen.query_one("#left").current == "sources"
    assert app.config_path is None or not app.config_path.exists()


async def test_an_article_opened_from_the_palette_over_the_search_box_takes_the_focus(library_double):
    """Opened from the palette while the search box had the focus, the article showed and the
    focus stayed in the box: j, meant to scroll it, was typed into the search."""
    app = ReaderApp(library_double)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "slash", *"markets")
        await _palette_pick(pilot, "The Bugle · Budapest summit off")
        await wait_for(pilot, lambda: screen.reader.article is not None and screen.reader.article.id == "b1")
        await wait_for(pilot, lambda: app.focused is screen.reader)
        await press_and_settle(pilot, "j")
        assert screen.search_panel.query_one("#search-input", Input).value == "markets"


async def test_quitting_during_a_first_build_keeps_no_part_of_it_and_the_next_launch_builds_it_all(tmp_path):
    """q while the app builds its first index (counted, in its worker): the build stops, leaves
    no half-made index folder and no index, and the next launch indexes every article. (Checked
    with the real app on 2,000 generated articles: q while grouping or writing ended it in under
    a second; docs/scale.md.)"""
    import threading
    import time

    from conftest import until, write
    from reader.index import layout
    from reader.library import Library

    corpus = tmp_path / "corpus"
    for k in range(6):
        write(corpus / f"a{k}.md", f"---\ntitle: Story {k}\noutlet: Daily\n---\n\nThe council met on day {k}.\n")
    index_dir = tmp_path / "index"
    library = Library([corpus], index_dir, auto_update=False)
    real_update = library.update
    counted, ended = threading.Event(), threading.Event()

    def update(progress=None, cancel=None, rebuild=False):
        def held(done: int, total: int, current: str = "") -> None:
            progress(done, total, current)
            if total and "scanning" not in current and not counted.is_set():
                counted.set()  # the build is under way, its new folder made: held until cancelled
                deadline = time.monotonic() + 60
                while not cancel() and time.monotonic() < deadline:
                    threading.Event().wait(0.02)

        try:
            return real_update(progress=held, cancel=cancel, rebuild=rebuild)
        finally:
            ended.set()

    library.update = update  # type: ignore[method-assign]
    try:
        app = ReaderApp(library)
        async with drive(app, (100, 30)) as pilot:
            await until(counted.is_set, pilot=pilot)
            assert status_line(app).startswith("Indexing ") and "/6 " in status_line(app)
            await pilot.press("q")
        await until(ended.is_set)
        assert not layout.has_index(index_dir)
        assert not [p.name for p in index_dir.iterdir() if p.name.startswith("whoosh")]
    finally:
        library.close()
    again = Library([corpus], index_dir, auto_update=False)
    try:
        report = again.update()
        assert (report.indexed, report.notice) == (6, None)
    finally:
        again.close()


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("o'reilly's", "O\u2019Reilly\u2019s rule"),
        ("o\u2019reilly", "O'Reilly's rule"),
        ('"he said \\"no\\""', "He said \u201cno\u201d"),
        ("2020-21 season", "The 2020\u201321 season"),
        ("2020\u201421", "The 2020-21 season"),
        ('"new york"', "New\u00a0York rally"),
        ("final", "The \ufb01nal word"),
        ("co2", "CO\u2082 levels rise"),
        # Accents, case and letters folded as the search folds them (`pena` hid Peña).
        ("pena", "Pe\u00f1a wins"),
        ("pena", "Pen\u0303a wins"),  # decomposed: n and a combining tilde
        ("istanbul", "\u0130stanbul talks"),
        ("\u0130stanbul", "ISTANBUL TALKS"),
        ("\u0131stanbul", "Istanbul talks"),
        ("strasse", "Die Stra\u00dfe"),
        ("\u03bf\u03b4\u03bf\u03c3", "\u0397 \u039f\u03b4\u03cc\u03c2"),
    ],
)
async def test_the_filter_reads_typographic_variants_alike(library_double, typed, title):
    # The filter matched the text as written: a curly apostrophe in a title hid it from a straight
    # one typed (and back), as did a dash for a hyphen, a no-break space, a ligature or an accent.
    from conftest import Doc

    library_double.add(Doc("t1", "Typeset Times", title, "2025-10-19", "Text."))
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        app.focused.value = typed
        await settle(pilot)
        rows = [str(leaf.label) for leaf in article_rows(app.screen.source_list)]
        # Only the match is folded: the row shows the title as written (ﬁ, CO₂, the curly quotes;
        # a no-break space as a space, as any row shows it).
        assert len(rows) == 1 and " ".join(title.split()) in rows[0], rows


async def test_an_index_carried_over_while_the_app_waited_is_said_in_one_line(library_double, monkeypatch):
    """The app open on a corpus folder since moved: another process carried its index over while
    the app's update waited for the lock (IndexMovedAway). Said as such, whole, not a traceback."""
    from reader.index.lock import MOVED_AWAY
    from reader.index.state import IndexMovedAway

    said = MOVED_AWAY.format(index_dir="/home/me/.cache/reader/indexes/news-1a2b3c")

    def update(progress=None, cancel=None, rebuild=False):
        raise IndexMovedAway(said)

    monkeypatch.setattr(library_double, "update", update)
    app = ReaderApp(library_double)
    async with drive(app, (100, 24)) as pilot:
        await settle(pilot)
        assert app.is_running
        assert any(said in m for m in notifications(app)), notifications(app)
        assert len(app.screen.source_list.root.children) == 2


def _leave_a_cancelled_build(index_dir):
    """What a first build (or a rebuild) cancelled halfway leaves: its journal of 1,200 files, no index."""
    from reader.index import resume

    (index_dir / resume.FOLDER_NAME).mkdir(parents=True)
    (index_dir / resume.FOLDER_NAME / f"{'ab' * 16}-1200{resume.JOURNAL_SUFFIX}").write_bytes(b"x" * 5000)


def _said_at_quit(index_dir, capsys) -> str:
    """What run_app writes on stderr as the shell comes back (the app patched by the caller)."""
    from reader.tui.launch import run_app

    args = argparse.Namespace(corpus=[SEEDS], index=index_dir, follow_links=False)
    assert run_app(args) == 0
    return capsys.readouterr().err


def test_quitting_during_the_first_index_says_what_was_kept_for_the_next_launch(
    isolated_dirs, tmp_path, monkeypatch, capsys
):
    """The app quit while it built its first index kept what it had loaded (resume.py) and said
    nothing: the shell was back with no word of an index left unfinished. One line, as `reader
    index` interrupted says it."""
    import reader.tui.app as app_module

    index_dir = tmp_path / "ix"

    class QuitDuringTheFirstIndex:
        return_code = 0
        marks_lost_at_exit = None
        index_lost_this_run = False

        def __init__(self, library, **options):
            pass

        def run(self):  # what a first build cancelled halfway leaves: its journal, no index
            _leave_a_cancelled_build(index_dir)

    monkeypatch.setattr(app_module, "ReaderApp", QuitDuringTheFirstIndex)
    err = _said_at_quit(index_dir, capsys)
    assert err == (
        "reader: the first index was not finished; the 1,200 files it had loaded were kept (0.0 MB), and the "
        f"next launch or `reader --corpus {SEEDS} --index {index_dir} index` goes on from them\n"
    )


@pytest.mark.parametrize("lost", ["before the launch", "while the app ran"])
def test_quitting_while_a_lost_index_is_rebuilt_says_a_rebuild_not_a_first_index(
    isolated_dirs, tmp_path, monkeypatch, capsys, seed_index_template, lost
):
    """The app quit while it built again an index that was there (deleted under it, or a rebuild
    its version asked for) said "the first index was not finished" of a corpus indexed for years."""
    import shutil

    import reader.tui.app as app_module

    index_dir = tmp_path / "ix"
    if lost == "before the launch":
        shutil.copytree(seed_index_template, index_dir)

    class QuitDuringARebuild:
        return_code = 0
        marks_lost_at_exit = None

        def __init__(self, library, **options):
            self.index_lost_this_run = False

        def run(self):  # the index gone, and its rebuild cancelled halfway
            if lost == "while the app ran":
                self.index_lost_this_run = True
            shutil.rmtree(index_dir, ignore_errors=True)
            _leave_a_cancelled_build(index_dir)

    monkeypatch.setattr(app_module, "ReaderApp", QuitDuringARebuild)
    err = _said_at_quit(index_dir, capsys)
    assert err.startswith("reader: the index's rebuild was not finished; the 1,200 files it had loaded were kept")


async def test_the_grouping_s_second_try_is_said_whole_on_a_60_column_status_line(library_double):
    """The retry of a grouping process that died counts from 0 under its own label; at 60
    columns, beside the progress bar, it was cut ("…(the first one died)" lost: 89 characters)."""
    from reader.index.update import GROUPING_AGAIN
    from reader.tui.messages import IndexProgress

    app = ReaderApp(library_double)
    async with drive(app, (60, 30)) as pilot:
        await settle(pilot)
        app.post_message(IndexProgress(9_999, 10_000, GROUPING_AGAIN))
        await settle(pilot, rounds=1)
        line = app.main_screen.status.query_one("#status-text")
        assert status_line(app) == f"Indexing 9,999/10,000 {GROUPING_AGAIN}"
        assert len(status_line(app)) <= line.content_region.width
