"""The footer: the keys that work where the focus is (the search box, the search results), never a
key the focused box types as text, and at every width only whole items, the help key first."""

from __future__ import annotations

import pytest
from textual.reactive import Reactive
from textual.widgets import Footer

from conftest import drive, press_and_settle, screen_text, settle
from reader.tui.app import ReaderApp
from reader.tui.keycheck import typed_character
from reader.tui.screens.coverage import CoverageScreen
from reader.tui.widgets.footer import ReaderFooter, footer_key
from test_tui_coverage import LEANINGS, wide_library


def test_the_private_textual_names_the_footer_uses_are_still_there():
    """ReaderFooter builds Textual's footer item (its class is not exported) and sets the Footer's
    private `_bindings_ready`: if Textual renames either, this fails first."""
    assert isinstance(vars(Footer).get("_bindings_ready"), Reactive)
    item = footer_key("f1", "f1", "Help", "help", disabled=True, tooltip="Every key")
    assert (item.key, item.key_display, item.description, item.action) == ("f1", "f1", "Help", "help")
    assert item.has_class("-disabled") and item.tooltip == "Every key"


def test_punctuation_keys_type_their_character():
    # Textual's key_to_character("slash") is None (it knows "/" as "solidus"): / Search was shown
    # in the footer while / was typed into the search box.
    assert typed_character("slash") == "/"
    assert typed_character("question_mark") == "?"
    assert typed_character("enter") is None and typed_character("f1") is None


def footer_items(app) -> list[tuple[str, bool]]:
    """(text, shown) of each footer item, left to right (the palette key last)."""
    footer = app.screen.query_one(ReaderFooter)
    items = []
    for child in footer.children:
        text = f"{child.key_display} {child.description}".strip() if hasattr(child, "key_display") else str(child)
        items.append((text, bool(child.display)))
    return items


def shown(app) -> list[str]:
    return [text for text, displayed in footer_items(app) if displayed]


def assert_whole_items(app, width: int) -> None:
    """Every item shown lies within the terminal, in the footer line whole; those left out are the
    last ones (the palette key apart); the help key first."""
    footer = app.screen.query_one(ReaderFooter)
    line = screen_text(app).splitlines()[-1]
    keys = [c for c in footer.children if not c.has_class("-command-palette")]
    displayed = [bool(c.display) for c in keys]
    assert displayed == sorted(displayed, reverse=True), footer_items(app)  # a prefix is shown
    palette = [c for c in footer.children if c.has_class("-command-palette") and c.display]
    limit = palette[0].region.x if palette else width
    for child in keys:
        if child.display:
            assert child.region.right <= limit, (child, child.region, limit, line)
    for text in shown(app):
        assert " ".join(text.split()) in " ".join(line.split()), (text, line)
    if keys and getattr(keys[0], "action", None) != "help":
        pytest.fail(f"the help key is not first: {footer_items(app)}")


SIZES = [(40, 20), (50, 20), (59, 24), (80, 24), (80, 12)]


@pytest.mark.parametrize("size", SIZES)
async def test_typing_a_query_the_footer_shows_the_search_box_s_keys(size):
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, size) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"summit")
        items = shown(app)
        # Before: "f1 Help  / Search", / being typed into the box, and nothing on Enter or ↓.
        assert items[:4] == ["f1 Help", "⏎ Open", "↓ Results", "esc Back"], items
        assert "/ Search" not in [text for text, _ in footer_items(app)]
        assert_whole_items(app, size[0])


@pytest.mark.parametrize("size", SIZES)
async def test_in_the_results_the_footer_shows_open_and_back_and_no_g_for_a_hidden_list(size):
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, size) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"summit", "down")
        screen = app.screen
        assert app.focused is screen.search_panel.result_list
        items = shown(app)
        assert items[:3] == ["? Help", "⏎ Open", "esc Back"], items
        assert "g Group" not in [text for text, _ in footer_items(app)]  # it grouped the list hidden behind
        assert_whole_items(app, size[0])
        grouping = screen.source_list.grouping
        await press_and_settle(pilot, "g")
        assert screen.source_list.grouping == grouping
        await press_and_settle(pilot, "escape")  # back to the source list: g is its key again
        assert app.focused is screen.source_list
        assert "g Group" in [text for text, _ in footer_items(app)]


async def test_the_footer_s_open_key_opens_the_top_result_and_its_back_key_leaves():
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "slash", *"chess")
        footer = screen.query_one(ReaderFooter)
        open_key = next(c for c in footer.children if getattr(c, "description", "") == "Open")
        await pilot.click(open_key)
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == "c0"
        await press_and_settle(pilot, "slash")
        back_key = next(c for c in footer.children if getattr(c, "description", "") == "Back")
        await pilot.click(back_key)
        await settle(pilot)
        # One pane: Back from a search opened over the article returns to that article.
        assert app.focused is screen.reader
        assert screen.reader.article is not None and screen.reader.article.id == "c0"


@pytest.mark.parametrize("width", [40, 50, 59, 80, 120])
async def test_every_screen_s_footer_shows_whole_items_at_every_width(width):
    """At 40 columns the footer ran under the palette key: "? Help  esc Back  s Sort  f F▏^p Open…"."""
    app = ReaderApp(wide_library(LEANINGS), index_on_start=False)
    async with drive(app, (width, 20)) as pilot:
        await settle(pilot)
        assert_whole_items(app, width)  # the source list
        everything = [text for text, _ in footer_items(app)]
        if width <= 50:
            assert len(shown(app)) < len(everything)  # fewer items rather than cut ones
        await press_and_settle(pilot, "v")
        assert isinstance(app.screen, CoverageScreen)
        assert_whole_items(app, width)
        assert shown(app)[:2] == ["? Help", "esc Back"]
        await pilot.resize_terminal(width + 37, 20)  # wider: the items left out come back
        await settle(pilot)
        assert_whole_items(app, width + 37)
        assert len(shown(app)) >= len([t for t, _ in footer_items(app)]) - 1


async def test_the_help_lists_the_search_s_keys_and_escape_once():
    """The search box's and the results' keys have their sections; Escape, declared again by the
    search so that its footer shows it, stays under the main screen alone."""
    from reader.tui.screens.help import binding_rows

    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        sections = dict(binding_rows(app, [app.screen]))
        ids = [binding.id for rows in sections.values() for _key, binding in rows]
        assert ids.count("main.back") == 1
        assert [b.id for _k, b in sections["Search box"]] == [
            "search.open_top",
            "search.to_results",
            "search.history_older",
        ]
        assert "results.open" in [b.id for _k, b in sections["Search results"]]


@pytest.mark.parametrize("size", [(80, 24), (120, 30)])
async def test_the_article_s_footer_has_a_back_key_a_click_on_it_goes_back_to_the_list(size):
    """Below 90 columns the article takes the whole screen: with the mouse alone there was no way
    back to the list (Escape was in no footer)."""
    from test_tui_coverage import wide_library as library

    app = ReaderApp(library(), index_on_start=False)
    async with drive(app, size) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_article("ab0")
        await settle(pilot)
        screen.reader.focus()
        await settle(pilot)
        assert shown(app)[:2] == ["? Help", "esc Back"], shown(app)
        assert_whole_items(app, size[0])
        footer = screen.query_one(ReaderFooter)
        back_key = next(c for c in footer.children if getattr(c, "description", "") == "Back")
        await pilot.click(back_key)
        await settle(pilot)
        assert app.focused is screen.source_list and screen.source_list.region.width > 0
        assert "esc Back" not in shown(app)  # on the list Escape has nothing to go back to


@pytest.mark.parametrize("size", [(40, 20), (80, 24), (120, 40)])
async def test_typing_a_filter_the_footer_shows_how_to_reach_the_list_and_clear_it(size):
    """In the filter box the footer showed f1 Help alone: every letter is text there, and nothing
    said that Enter goes to the filtered list or Escape clears the filter."""
    from reader.tui.screens.help import binding_rows

    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, size) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "f", *"summit")
        assert shown(app)[:3] == ["f1 Help", "⏎ List", "esc Clear"], footer_items(app)
        assert_whole_items(app, size[0])
        await press_and_settle(pilot, "down")  # as in the search box: down to the list, the filter kept
        assert app.focused is screen.source_list and screen.source_list.filter_spec.active
        await press_and_settle(pilot, "f")
        footer = screen.query_one(ReaderFooter)
        clear_key = next(c for c in footer.children if getattr(c, "description", "") == "Clear")
        await pilot.click(clear_key)
        await settle(pilot)
        assert app.focused is screen.source_list and not screen.source_list.filter_spec.active
        sections = dict(binding_rows(app, [app.screen]))
        rows = sections["Filter box"]
        assert [(key, b.id) for key, b in rows] == [
            ("⏎", "filter.to_list"),
            ("↓", "filter.to_list"),
        ]  # esc: the screen's


@pytest.mark.parametrize("size", [(80, 24), (120, 30)])
async def test_the_quotes_panel_s_footer_says_what_enter_does_on_a_quotation(size):
    """The panel's footer said nothing of Enter (the results' shows ⏎ Open); now ⏎ Jump, first."""
    from conftest import double_library

    from reader.tui.widgets.quotes_panel import QuotesPanel

    jumps: list[int] = []

    def hook(message) -> None:
        if isinstance(message, QuotesPanel.JumpToQuote):
            jumps.append(message.offset)

    library = double_library()
    app = ReaderApp(library, index_on_start=False)
    async with drive(app, size, message_hook=hook) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_article("a1")
        await settle(pilot)
        screen.quotes_panel.focus()
        await settle(pilot)
        assert shown(app)[:3] == ["? Help", "⏎ Jump", "esc Back"], footer_items(app)
        assert_whole_items(app, size[0])
        footer = screen.query_one(ReaderFooter)
        jump_key = next(c for c in footer.children if getattr(c, "description", "") == "Jump")
        await pilot.click(jump_key)  # what Enter does: the article shows the quotation
        await settle(pilot)
        assert set(jumps) == {library.quotes_by_id["a1"][0].start}  # seen at each node it bubbles through


async def test_the_footer_is_rebuilt_only_when_the_keys_it_shows_change(library_double, monkeypatch):
    """Textual rebuilt the footer at every "bindings changed" signal, several for one key press:
    opening an article on the 180-article corpus made the same keys six times over, on the event
    loop (most of the time of J or Enter on a loaded machine). The same bindings keep the keys."""
    from textual.widgets._footer import FooterKey

    rebuilt = []
    textual_recompose = Footer.recompose

    async def counted(self):
        rebuilt.append(self)
        await textual_recompose(self)

    monkeypatch.setattr(Footer, "recompose", counted)
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        footer = screen.query_one(ReaderFooter)
        rebuilt.clear()
        for _ in range(3):
            screen.refresh_bindings()  # nothing changed
        await settle(pilot)
        assert rebuilt == []
        screen.open_article("a1")  # the article's keys: esc Back comes
        await settle(pilot)
        assert len(rebuilt) == 1
        assert "escape" in [item.key for item in footer.query(FooterKey) if item.display]


async def test_footer_keys_are_not_restyled_as_they_mount(monkeypatch):
    """Textual's footer key starts compact and takes the footer's value once mounted: each key of
    a footer that is not compact had its styles worked out twice more (the class "-compact" added,
    then taken away), a third of the CPU of opening the coverage view. They come made as their
    footer is: not compact here, compact on the compare screen."""
    from textual.dom import DOMNode

    item_class = type(footer_key("f1", "f1", "Help", "help", disabled=False, tooltip=""))
    restyled: list[str] = []
    original = DOMNode.update_node_styles

    def counting(node, animate: bool = True) -> None:
        if isinstance(node, item_class) and not node.has_class("-command-palette"):  # Textual's, unbound
            restyled.append(node.description)
        original(node, animate)

    app = ReaderApp(wide_library(LEANINGS), index_on_start=False)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(DOMNode, "update_node_styles", counting)
        await press_and_settle(pilot, "v")
        assert isinstance(app.screen, CoverageScreen)
        keys = list(app.screen.query(item_class).exclude(".-command-palette"))
        assert keys and restyled == []
        assert not any(key.has_class("-compact") for key in keys)
        compact = ReaderFooter(compact=True)
        await app.screen.mount(compact)
        await settle(pilot)
        assert compact.children and all(key.has_class("-compact") for key in compact.query(item_class))
        assert restyled == []
        keys[0].add_class("-compact")  # a restyle the count must see, or its empty lists say nothing
        assert restyled == [keys[0].description]


async def test_the_palettes_footer_shows_its_own_keys_and_its_escape_closes_it(library_double):
    """Under the palette the main screen's footer showed through, "? Help  / Search  q Quit":
    keys that are typed into the palette's box there. It has its own footer, "esc Close", which
    a click runs as any footer key."""
    from textual.command import CommandPalette

    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        last = screen_text(app).splitlines()[-1]
        assert "esc Close" in last and "Search" not in last and "Quit" not in last
        footer = app.screen.query_one(ReaderFooter)
        close = next(key for key in footer.query("FooterKey") if key.action == "escape")
        await pilot.click(close)
        await settle(pilot)
        assert not isinstance(app.screen, CommandPalette)


async def test_the_empty_search_box_shows_only_the_keys_that_act():
    """With nothing typed, "⏎ Open ↓ Results" were shown and did nothing: Enter and ↓ come with a
    query (Enter) and with results to move to (↓), and go again with a query that finds nothing."""
    app = ReaderApp(wide_library(), index_on_start=False)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash")
        items = [text for text, _ in footer_items(app)]
        assert "⏎ Open" not in items and "↓ Results" not in items, items
        assert shown(app)[:2] == ["f1 Help", "esc Back"], footer_items(app)
        await press_and_settle(pilot, "enter", "down")  # nothing to act on: still in the box
        assert app.focused is app.screen.search_panel.input
        await press_and_settle(pilot, *"summit")
        assert shown(app)[:4] == ["f1 Help", "⏎ Open", "↓ Results", "esc Back"], footer_items(app)
        await press_and_settle(pilot, *"qqqzz")  # no matches, no suggestion
        assert app.screen.search_panel.result_list.option_count == 0
        items = [text for text, _ in footer_items(app)]
        assert "⏎ Open" not in items and "↓ Results" not in items, items
        await press_and_settle(pilot, *["backspace"] * len("summitqqqzz"))
        assert "⏎ Open" not in [text for text, _ in footer_items(app)]
