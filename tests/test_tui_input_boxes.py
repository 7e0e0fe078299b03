"""The app's text boxes (search, filter, the version picker, the export path): what a paste or a
key may put in them, and how much."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from conftest import drive, notifications, press_and_settle, settle
from reader.tui.app import ReaderApp
from reader.tui.widgets.line_input import MAX_CHARACTERS


async def test_a_huge_paste_is_cut_with_a_note_and_keys_stay_light(library_double):
    # 1 MB pasted into the search box stayed whole: each later key measured and drew the whole
    # value and searched again (~190 ms a key; the filter's ~300 ms, bench/bench_tui_keys.py).
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        box = app.screen.query_one("#search-input", Input)
        app.post_message(events.Paste("budapest " * 120_000))
        await settle(pilot)
        assert len(box.value) == MAX_CHARACTERS
        assert any(f"cut to its first {MAX_CHARACTERS:,} characters" in n for n in notifications(app))
        searched = len(library_double.searches)
        # Typed past the 500 characters searched: the same query, not searched again.
        await press_and_settle(pilot, "backspace", "x")
        assert len(library_double.searches) == searched
        await press_and_settle(pilot, "y")  # a full box takes no more (Textual rings the bell)
        assert len(box.value) == MAX_CHARACTERS and box.value.endswith("x")
        # Pasted into the full box: nothing, and a note saying why.
        app.post_message(events.Paste("more"))
        await settle(pilot)
        assert len(box.value) == MAX_CHARACTERS
        assert notifications(app)[-1].startswith("Nothing pasted")
        # The filter box holds as much, no more.
        await pilot.press("escape", "escape")
        await pilot.press("f")
        filter_box = app.screen.query_one("#filter", Input)
        app.post_message(events.Paste("x" * (MAX_CHARACTERS + 10)))
        await settle(pilot)
        assert app.focused is filter_box and len(filter_box.value) == MAX_CHARACTERS


async def test_a_paste_into_a_selection_has_the_selection_s_room(library_double):
    from textual.widgets.input import Selection

    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        box = app.screen.query_one("#filter", Input)
        box.value = "a" * (MAX_CHARACTERS - 5) + "bbbbb"
        box.selection = Selection(MAX_CHARACTERS - 5, MAX_CHARACTERS)
        app.post_message(events.Paste("ccccc"))
        await settle(pilot)
        assert box.value.endswith("ccccc") and len(box.value) == MAX_CHARACTERS
        assert not any("cut" in n for n in notifications(app))


async def test_bidi_and_control_characters_never_reach_a_box(library_double):
    # A pasted U+202E stayed in the box's value: the box showed the text reversed, and the query
    # (the status line's, the article's n/N) held characters nobody could see.
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        box = app.screen.query_one("#search-input", Input)
        app.post_message(events.Paste("bud\u202eapest\u2066 \x1b[31mtalks\u200f\x07"))
        await settle(pilot)
        assert box.value == "budapest talks"
        assert app.screen.search_panel.current_query == "budapest talks"
        # ctrl+v pastes the app's own clipboard: cleaned the same way.
        box.value = ""
        app.copy_to_clipboard("peace\u202e\nsummit\u2069")
        await press_and_settle(pilot, "ctrl+v")
        assert box.value == "peace summit"
        # A key carrying a control, or an invisible mark, types nothing.
        await press_and_settle(pilot, "end")
        box.insert_text_at_cursor("\u202e")
        box.insert_text_at_cursor("\u034f")
        assert box.value == "peace summit"
        await pilot.press("escape", "escape")
        await pilot.press("f")
        filter_box = app.screen.query_one("#filter", Input)
        app.post_message(events.Paste("\u202dfox\u202c news"))
        await settle(pilot)
        assert filter_box.value == "fox news"


async def test_the_palette_s_box_is_cleaned_and_bounded_as_the_others(library_double):
    # The command palette's box (Textual's) kept a pasted U+202E, and took 100 KB, which it
    # matched against every title for a second a key; then it refused a paste over 500
    # characters with a bell alone, and the user did not know why.
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "ctrl+p")
        box = app.focused
        assert isinstance(box, Input)
        app.post_message(events.Paste("bud\u202eapest\u2066\nsummit"))
        await settle(pilot)
        assert box.value == "budapest summit"  # all of it, on one line, as the other boxes
        box.value = ""
        app.post_message(events.Paste("walrus " * 20_000))
        await settle(pilot)
        assert len(box.value) == MAX_CHARACTERS and box.value.startswith("walrus walrus")
        assert notifications(app)[-1] == (
            f"The paste was cut to its first {MAX_CHARACTERS:,} characters: a box holds at most {MAX_CHARACTERS:,} characters."
        )
        # ctrl+v pastes the app's clipboard (an article copied whole, say): fitted the same way.
        box.value = ""
        app.copy_to_clipboard("peace\u202e\nsummit " + "x" * 5000)
        await press_and_settle(pilot, "ctrl+v")
        assert len(box.value) == MAX_CHARACTERS and box.value.startswith("peace summit x")
        assert notifications(app)[-1].startswith(f"The paste was cut to its first {MAX_CHARACTERS:,} characters")
        # A key typed in a text box of the palette is a letter, not one of the app's keys.
        box.value = ""
        await press_and_settle(pilot, "q", "u")
        assert box.value == "qu" and app.is_running


async def test_a_huge_paste_is_cleaned_only_as_far_as_the_box_has_room(library_double, monkeypatch):
    # All of a paste was cleaned before it was cut to the box: 10 MB of Cyrillic text held the
    # app 11 s (1 MB, 1.2 s) for the 4,096 characters kept.
    from reader.tui.widgets import line_input

    cleaned: list[int] = []

    def measured(text: str) -> str:
        cleaned.append(len(text))
        return line_input_cleaning(text)

    line_input_cleaning = line_input.pasted_line
    monkeypatch.setattr(line_input, "pasted_line", measured)
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        box = app.screen.query_one("#filter", Input)
        app.post_message(events.Paste("морж\u202e " * 300_000))
        await settle(pilot)
        assert len(box.value) == MAX_CHARACTERS and "\u202e" not in box.value
        assert max(cleaned) <= 2 * MAX_CHARACTERS
        assert notifications(app)[-1] == (
            f"The paste was cut to its first {MAX_CHARACTERS:,} characters: a box holds at most {MAX_CHARACTERS:,} characters."
        )
        # Mostly invisible characters: what is kept of the part read, and a note saying so.
        box.value = ""
        app.post_message(events.Paste("\u200f" * 3 * MAX_CHARACTERS + "words"))
        await settle(pilot)
        assert box.value == ""
        assert notifications(app)[-1].startswith("Nothing pasted")
        app.post_message(events.Paste("ab" + "\u200f" * 3 * MAX_CHARACTERS + "words"))
        await settle(pilot)
        assert box.value == "ab"
        assert notifications(app)[-1].startswith("The paste was cut to its first 2 characters")
