"""The app as a newcomer meets it, at the sizes people use: what to press first is on the screen,
and the focus only goes where something is shown and a key does something."""

from __future__ import annotations

from conftest import double_library, drive, press_and_settle, screen_text, settle
from reader.tui.app import ReaderApp
from reader.tui.keymap import user_keymap

FIRST_STEPS = "Choose an article above"


def _one_line(app) -> str:
    """The screen's text with its line breaks as spaces (a hint may wrap anywhere)."""
    return " ".join(screen_text(app).split())


async def test_at_80x24_the_welcome_is_under_the_list_until_an_article_is_opened(library_double):
    """At 80x24 one pane shows the list alone, and the welcome (what to press first) waited in the
    hidden reader pane: a newcomer never saw it. Its first steps sit under the list until an
    article is opened; at 120x40 the reader pane beside the list says them, and the list does not
    say them twice."""
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        text = _one_line(app)
        assert FIRST_STEPS in text and "press / to search" in text and "? lists every key" in text
        hint = app.screen.query_one("#list-hint")
        assert hint.region.height > 0 and hint.region.bottom <= app.screen.query_one("#status").region.y
        await press_and_settle(pilot, "enter", "down", "enter")  # a group, then its first article
        assert app.screen.reader.article is not None
        await press_and_settle(pilot, "escape")  # back to the list: the article is open, the hint has done its work
        assert app.focused is app.screen.source_list
        assert FIRST_STEPS not in _one_line(app)

    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        text = _one_line(app)
        assert "Choose an article in the list" in text  # the reader pane's welcome
        assert FIRST_STEPS not in text
        assert app.screen.query_one("#list-hint").region.height == 0


async def test_below_14_rows_the_first_steps_give_way_to_the_list(library_double):
    """At 30x8 the hint's four lines left the list one row (the second outlet hidden)."""
    app = ReaderApp(library_double)
    async with drive(app, (30, 8)) as pilot:
        await settle(pilot)
        assert FIRST_STEPS not in _one_line(app) and "The Bugle" in _one_line(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert FIRST_STEPS in _one_line(app)


async def test_the_first_steps_under_the_list_name_the_remapped_keys(library_double):
    keymap, problems = user_keymap({"keymap": {"main.search": "ctrl+f", "app.help": "f1", "app.quit": "ctrl+q"}})
    assert not problems
    app = ReaderApp(library_double, keymap=keymap)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        text = _one_line(app)
        assert "press ^f to search" in text and "f1 lists every key" in text and "^q quits" in text, text


async def test_the_first_steps_are_not_offered_over_an_empty_list(library_double):
    """A filter that lets nothing through: the note says how to get the list back, not
    "Choose an article above"."""
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "f", *"zzzz")
        text = _one_line(app)
        assert "No matches" in text and FIRST_STEPS not in text
        await press_and_settle(pilot, "escape")
        assert FIRST_STEPS in _one_line(app)


async def test_tab_with_no_article_open_never_focuses_the_reader_pane(library_double):
    """Tab went to the reader pane while it only showed the welcome (two panes), or while it was
    not even shown (one pane): no key did anything there. With an article open it takes the focus."""
    for size in ((80, 24), (120, 40)):
        app = ReaderApp(library_double)
        async with drive(app, size) as pilot:
            await settle(pilot)
            screen = app.screen
            seen = []
            for _ in range(4):
                await press_and_settle(pilot, "tab")
                seen.append(app.focused)
            assert screen.reader not in seen, (size, seen)
            assert all(w is not None and w.region.width > 0 for w in seen), (size, seen)
            await press_and_settle(pilot, "escape")
            assert app.focused is screen.source_list
            await press_and_settle(pilot, "enter", "down", "enter")
            assert screen.reader.article is not None
            if size == (120, 40):  # two panes: Tab goes from the list to the article
                assert app.focused is screen.source_list
                await press_and_settle(pilot, "tab")
                assert app.focused is screen.reader


async def test_b_with_no_article_open_leaves_no_focus_on_the_hidden_list(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "b")
        assert screen.source_list.region.width == 0
        assert app.focused is None or app.focused.region.width > 0, app.focused
        await press_and_settle(pilot, "escape")
        assert app.focused is screen.source_list and screen.source_list.region.width > 0


async def test_g_and_S_over_an_article_in_one_pane_show_the_list_they_changed(library_double):
    """At 80x24 the footer offers g Group over the article: g (and S) changed the hidden list, and
    nothing on the screen moved. The list now takes the article's place, regrouped or sorted, its
    cursor on the open article; Enter opens it again. Two panes keep the article where it is."""
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        for key, said in (("g", "Grouped by story."), ("S", "Sorted")):
            await pilot.press("escape", "enter")  # the open article's row (the first time: a group)
            if screen.reader.article is None:
                await pilot.press("down", "enter")
            await settle(pilot)
            opened = screen.reader.article
            assert opened is not None and screen.source_list.region.width == 0
            await press_and_settle(pilot, key)
            assert app.focused is screen.source_list and screen.source_list.region.width == 80, key
            assert screen.source_list.cursor_article() == opened.id, key
            assert str(screen.query_one("#status-text").render()).startswith(said)
            await press_and_settle(pilot, "enter")
            assert screen.reader.article.id == opened.id and app.focused is screen.reader

    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "enter", "down", "enter", "tab")
        assert app.focused is screen.reader
        await press_and_settle(pilot, "g")
        assert screen.source_list.grouping == "story" and app.focused is screen.reader


async def test_an_article_opened_from_the_search_says_its_matches_first_on_the_status_line(library_double):
    """The status line said outlet · title · "2 matches: n/N to step": at 80 columns a long title
    cut off the keys to step with. The matches come first."""
    from conftest import Doc

    title = "A very long headline about the summit in Budapest that takes most of a narrow terminal"
    library_double.add(Doc("long", "The Herald", title, "2025-10-22", "Budapest again. And Budapest."))
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        app.screen.open_article("long", "budapest")
        await settle(pilot)
        line = str(app.screen.query_one("#status-text").render())
        assert line.startswith("2 matches: n/N to step · The Herald · A very long headline"), line


async def test_escape_on_an_article_opened_from_the_coverage_view_goes_back_to_it(library_double):
    """v, a story, Enter: the article opened, and Escape went to the source list, the coverage
    view two steps back. Escape now goes back to the view, at that story; Escape there back to
    the article, and then to the list. Another article opened since (J) goes to the list."""
    from reader.tui.screens.coverage import CoverageScreen

    for size in ((80, 24), (120, 40)):
        app = ReaderApp(library_double)
        async with drive(app, size) as pilot:
            await settle(pilot)
            screen = app.screen
            await press_and_settle(pilot, "v")
            assert isinstance(app.screen, CoverageScreen)
            await press_and_settle(pilot, "down", "enter")  # the second story: Markets calm
            assert app.screen is screen and screen.reader.article.id == "a2"
            await press_and_settle(pilot, "escape")
            assert isinstance(app.screen, CoverageScreen), size
            row, _ = app.screen._cursor()
            assert row is not None and row.story == "s2"
            await press_and_settle(pilot, "escape")
            assert app.screen is screen and screen.reader.article.id == "a2"
            await press_and_settle(pilot, "escape")
            assert app.screen is screen and app.focused is screen.source_list
            assert screen.source_list.region.width > 0

            await press_and_settle(pilot, "v")
            await press_and_settle(pilot, "up", "enter")  # the first story's first article
            opened = screen.reader.article.id
            await press_and_settle(pilot, "J")  # another article: the way back is the list's
            assert screen.reader.article.id != opened
            await press_and_settle(pilot, "escape")
            assert app.screen is screen and app.focused is screen.source_list, size


async def test_a_corpus_naming_no_outlet_lists_its_articles_not_one_closed_row():
    """A folder of plain .txt files (no front matter, no outlet inferred) was one collapsed
    "(no outlet)" row: a newcomer saw one line and no article. A list of one group opens it; a
    group the user closes stays closed when the list is drawn again."""
    from conftest import Doc, LibraryDouble

    library = LibraryDouble()
    library.add(Doc("notes/budget", None, "Budget passes", "2025-10-21", "The budget passed on Monday."))
    library.add(Doc("notes/strike", None, "Rail strike ends", "2025-10-20", "The strike ended on Sunday."))
    app = ReaderApp(library)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        tree = app.screen.source_list
        assert [node.is_expanded for node in tree.root.children] == [True]
        text = _one_line(app)
        assert "Budget passes" in text and "Rail strike ends" in text
        await press_and_settle(pilot, "enter")  # on the group: closes it
        assert [node.is_expanded for node in tree.root.children] == [False]
        tree.rebuild()  # as a change of marks or of the index does
        await settle(pilot)
        assert [node.is_expanded for node in tree.root.children] == [False]


async def test_a_list_of_several_outlets_opens_none_of_them(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        assert [node.is_expanded for node in app.screen.source_list.root.children] == [False, False]


async def test_the_first_index_says_it_is_under_way_not_choose_an_article_in_an_empty_list():
    """A folder's first launch: while the index was built the list was empty and the reader
    pane said "Choose an article in the list". It says the index is being built, then (the
    articles there) the usual welcome."""
    import threading

    from conftest import LibraryDouble, wait_for

    class FirstIndex(LibraryDouble):  # no article listed before the index is built, as the core
        def articles(self):
            return [] if self.unindexed else super().articles()

    library = FirstIndex()
    for doc in double_library().docs.values():
        library.add(doc)
    library.unindexed = True
    library.update_gate = threading.Event()
    app = ReaderApp(library)
    async with drive(app, (120, 40)) as pilot:
        await wait_for(pilot, lambda: "Indexing the corpus folder" in _one_line(app))
        assert "Then choose an article in the list" in _one_line(app)
        library.update_gate.set()  # the index is built
        await wait_for(pilot, lambda: "Minister visits Budapest" in _one_line(app) or "Daily Planet" in _one_line(app))
        await settle(pilot)
        text = _one_line(app)
        assert "Indexing the corpus folder" not in text and "Choose an article in the list" in text


async def test_the_bundled_sample_says_whose_articles_they_are_and_how_to_open_yours(
    library_double, tmp_path, monkeypatch
):
    """A first start with no corpus configured showed the two bundled articles with nothing to say
    they were a sample: the welcome says so, and where `corpus:` goes; on the user's own folder
    it says nothing of the kind."""
    from reader import config

    app = ReaderApp(library_double)
    async with drive(app, (120, 40)) as pilot:
        await settle(pilot)
        assert "sample articles" not in _one_line(app)
    library_double.roots = [config.BUNDLED_CORPUS]
    app = ReaderApp(library_double)
    async with drive(app, (160, 40)) as pilot:
        await settle(pilot)
        text = _one_line(app)
        assert "These are the sample articles that come with reader." in text, text
        # (wrapped beside the list: its lines come between the words)
        assert "--corpus ~/news" in text and f"{config.config_path()}." in text, text
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "[b]conf\x1b[2J"))  # shown as it is, no markup
    app = ReaderApp(library_double)
    async with drive(app, (160, 40)) as pilot:
        await settle(pilot)
        text = _one_line(app)
        assert "[b]conf" in text and "\x1b" not in text, text


async def test_the_bundled_sample_beside_fetched_articles_is_not_called_all_there_is(library_double, tmp_path):
    """After `reader fetch` with no corpus configured, the fetched articles' folder is read beside
    the bundled sample: "These are the sample articles that come with reader" called the user's
    own fetched articles samples."""
    from reader import config

    library_double.roots = [config.BUNDLED_CORPUS, tmp_path / "fetched"]
    app = ReaderApp(library_double)
    async with drive(app, (160, 40)) as pilot:
        await settle(pilot)
        text = _one_line(app)
        assert "These are the sample articles" not in text, text
        assert "Beside your own articles, the list holds the sample articles that come with reader." in text, text
        assert "--corpus ~/news" in text and f"{config.config_path()}." in text, text


async def test_at_80x24_the_list_hint_says_these_are_the_sample_articles(seed_library):
    """The note that the list holds the sample articles that come with reader, and how to read
    one's own, was only in the reader pane's welcome, which one pane at 80x24 hides: a newcomer
    took the two seed articles for their own corpus."""
    app = ReaderApp(seed_library, index_on_start=False)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        hint = app.screen.query_one("#list-hint")
        assert hint.region.height > 0 and hint.region.bottom <= app.screen.query_one("#status").region.y
        text = _one_line(app)
        assert FIRST_STEPS in text
        assert "These are reader's sample articles: reader --corpus ~/news opens your own folder." in text
        assert "Fox News" in text  # the list keeps its rows


async def test_the_list_hint_names_no_sample_for_a_corpus_of_ones_own(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        text = _one_line(app)
        assert FIRST_STEPS in text and "sample" not in text


async def test_the_welcome_on_a_wide_terminal_is_as_wide_as_an_article_s_text(library_double):
    """At 300 columns the welcome in the reader pane ran on lines of 200 characters, though an
    article beside it is laid out at `text_width` (100): the welcome is too, and fills the pane
    when the setting is none."""
    for setting in (100, None):
        app = ReaderApp(library_double, text_width=setting)
        async with drive(app, (300, 40)) as pilot:
            await settle(pilot)
            message = app.screen.query_one("#reader-message")
            assert "Choose an article in the list" in _one_line(app)
            if setting:
                assert message.size.width == setting
            else:
                assert message.size.width > 150
