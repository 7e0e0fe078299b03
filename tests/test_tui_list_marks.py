"""Pilot tests of the read marks in the lists, as a newsboat user expects them: each group's
unread count, the marks in the search results, and `u` on a group marking all its articles."""

from __future__ import annotations

from conftest import drive, press_and_settle, screen_text, settle, wait_for
from reader.state.marks import Mark
from reader.tui.app import ReaderApp


def group_labels(app) -> list[str]:
    return [str(node.label) for node in app.screen.source_list.root.children]


def status_text(app) -> str:
    return str(app.screen.query_one("#status-text").render())


def cursor_on_group(app, name: str) -> None:
    tree = app.screen.source_list
    group = next(node for node in tree.root.children if str(node.label).startswith(name))
    tree.move_cursor(group)


async def test_each_group_says_how_many_of_its_articles_are_unread_as_they_are_read(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        assert group_labels(app) == ["Daily Planet (2 •2)", "The Bugle (1 •1)"]
        app.screen.open_article("a1")  # opening it marks it read
        await settle(pilot)
        assert group_labels(app) == ["Daily Planet (2 •1)", "The Bugle (1 •1)"]
        tree = app.screen.source_list
        tree.focus()
        tree.reveal("a2")
        await settle(pilot)
        await press_and_settle(pilot, "u")
        assert group_labels(app)[0] == "Daily Planet (2)"  # all read: no unread count
        await press_and_settle(pilot, "u")
        assert group_labels(app)[0] == "Daily Planet (2 •1)"
        assert "Daily Planet (2 •1)" in screen_text(app)  # the longer label shown whole
        await press_and_settle(pilot, "g")  # by story: the same counts
        assert group_labels(app) == ["Budapest summit (2 •1)", "Reported by one article only (1 •1)"]


async def test_a_group_row_carries_its_name_and_count(library_double):
    """A group's name and total were kept in a dict beside the rows (by key), rebuilt with
    them: the row carries them, as its label shows them, filtered or not."""
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "g")  # by story: a group's key is no name
        tree = app.screen.source_list
        rows = [node.data for node in tree.root.children]
        assert [(row.name, row.total, len(row.items)) for row in rows] == [
            ("Budapest summit", 2, 2),
            ("Reported by one article only", 1, 1),
        ]
        assert rows[0].key != rows[0].name
        cursor_on_group(app, "Budapest summit")
        await press_and_settle(pilot, "u")
        assert status_text(app) == "Marked all 2 articles read: Budapest summit"


async def test_search_results_show_the_read_mark_and_star_and_follow_them(library_double):
    library_double.marks.put({"b1": Mark(read=True, starred=True)})
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash", *"budapest")
        screen = app.screen
        results = screen.search_panel.result_list

        def first_lines() -> dict[str, str]:
            hits = screen.search_panel.results.hits
            return {hit.id: str(results.get_option_at_index(k).prompt).split("\n")[0] for k, hit in enumerate(hits)}

        lines = first_lines()
        assert lines["a1"].startswith(" • Daily Planet"), lines
        assert lines["b1"].startswith("★  The Bugle"), lines
        await press_and_settle(pilot, "down")  # to the results, the cursor on the first
        top = screen.search_panel.highlighted_hit()
        await press_and_settle(pilot, "s")
        assert first_lines()[top][0] == ("★" if top != "b1" else " ")
        await press_and_settle(pilot, "enter")  # opened: read
        await wait_for(pilot, lambda: first_lines()[top][1] == " ")


async def test_u_on_a_group_marks_every_article_of_it_read_then_unread(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.source_list.focus()
        cursor_on_group(app, "Daily Planet")
        await press_and_settle(pilot, "u")
        marks = screen.source_list.marks
        assert marks["a1"].read and marks["a2"].read and not marks.get("b1", Mark()).read
        assert status_text(app) == "Marked all 2 articles read: Daily Planet"
        assert group_labels(app)[0] == "Daily Planet (2)"
        await app.workers.wait_for_complete()
        assert library_double.marks.get("a1") == Mark(read=True) == library_double.marks.get("a2")
        await press_and_settle(pilot, "u")  # all read: all unread again
        assert not marks["a1"].read and not marks["a2"].read
        assert status_text(app) == "Marked all 2 articles unread: Daily Planet"
        await app.workers.wait_for_complete()
        assert library_double.marks.get("a1") == Mark() == library_double.marks.get("a2")


async def test_u_on_a_filtered_group_marks_only_the_articles_shown(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "f", *"markets", "enter")
        assert screen.focused is screen.source_list
        cursor_on_group(app, "Daily Planet")
        await press_and_settle(pilot, "u")
        marks = screen.source_list.marks
        assert marks["a2"].read and not marks.get("a1", Mark()).read
        assert status_text(app) == "Marked the 1 article shown read: Daily Planet"


async def test_s_on_a_group_stars_what_the_group_shows_and_a_second_s_takes_back_only_that(library_double):
    """`s` on a group's row starred the open article (or said nothing useful): it acts on the row,
    as `u` does, and a second `s` unstars only what the first starred."""
    library_double.marks.put({"a1": Mark(starred=True)})  # a bookmark set one by one
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.open_article("b1")  # an open article the key must leave alone
        await settle(pilot)
        screen.source_list.focus()
        cursor_on_group(app, "Daily Planet")
        await press_and_settle(pilot, "s")
        marks = screen.source_list.marks
        assert marks["a1"].starred and marks["a2"].starred and not marks.get("b1", Mark()).starred
        assert status_text(app) == "Starred the other article (s again takes it back): Daily Planet"
        await app.workers.wait_for_complete()
        assert library_double.marks.get("a2").starred
        await press_and_settle(pilot, "s")  # back: the bookmark set before stays
        assert marks["a1"].starred and not marks["a2"].starred
        assert status_text(app) == "Unstarred the 1 article just starred (1 starred before kept): Daily Planet"
        await app.workers.wait_for_complete()
        assert not library_double.marks.get("a2").starred and library_double.marks.get("a1").starred
        cursor_on_group(app, "The Bugle")  # none starred before: all starred, then all unstarred
        await press_and_settle(pilot, "s")
        assert marks["b1"].starred and status_text(app) == "Starred its article (s again takes it back): The Bugle"
        await press_and_settle(pilot, "s")
        assert not marks["b1"].starred and status_text(app) == "Unstarred its article: The Bugle"


async def test_s_on_a_group_takes_back_its_own_stars_after_s_on_other_groups(library_double):
    """Only the last group's star was remembered: `s` on Daily Planet, on The Bugle, on Daily
    Planet again unstarred a bookmark set by hand. Each group's are remembered, and an article
    starred or unstarred on its own is no group's to take back."""
    library_double.marks.put({"a1": Mark(starred=True)})  # a bookmark set one by one
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        tree = app.screen.source_list
        tree.focus()
        for group in ("Daily Planet", "The Bugle", "Daily Planet"):
            cursor_on_group(app, group)
            await press_and_settle(pilot, "s")
        assert tree.marks["a1"].starred and not tree.marks["a2"].starred and tree.marks["b1"].starred
        assert status_text(app) == "Unstarred the 1 article just starred (1 starred before kept): Daily Planet"
        await app.workers.wait_for_complete()
        assert library_double.marks.get("a1").starred
        await press_and_settle(pilot, "s")  # Daily Planet's a2 starred again by the group
        tree.reveal("a2")
        await settle(pilot)
        await press_and_settle(pilot, "s", "s")  # a2 unstarred, starred again by hand: a bookmark
        cursor_on_group(app, "Daily Planet")
        await press_and_settle(pilot, "s")
        # None of the group's own left: all starred, all unstarred (a2 is not "just starred").
        assert not tree.marks["a1"].starred and not tree.marks["a2"].starred
        assert status_text(app) == "Unstarred all 2 articles: Daily Planet"
        cursor_on_group(app, "The Bugle")
        await press_and_settle(pilot, "s")
        assert not tree.marks["b1"].starred and status_text(app) == "Unstarred its article: The Bugle"


def listed(app) -> list[str]:
    return app.screen.source_list.article_order()


def cursor_key(app) -> str | None:
    node = app.screen.source_list.cursor_node
    return node.data.key if node is not None and node.data is not None else None


async def test_the_unread_filter_follows_articles_read_meanwhile_but_keeps_the_row_under_the_cursor(
    library_double,
):
    """With is:unread on, an article read meanwhile stayed listed: it leaves the list, unless it is
    the row under the cursor (read as it is read), which goes once the cursor leaves it; an
    article marked unread again comes back. The cursor stays on its row throughout."""
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "f", *"is:unread", "enter")
        tree = screen.source_list
        assert screen.focused is tree and listed(app) == ["a1", "a2", "b1"]
        tree.reveal("b1")
        await settle(pilot)
        screen._set_mark("a1", Mark(read=True))  # read elsewhere (another pane, J, a search)
        await settle(pilot)
        assert listed(app) == ["a2", "b1"] and cursor_key(app) == "b1"
        screen._set_mark("a1", Mark())  # unread again: back
        await settle(pilot)
        assert listed(app) == ["a1", "a2", "b1"] and cursor_key(app) == "b1"
        tree.reveal("a2")
        await settle(pilot)
        await press_and_settle(pilot, "u")  # the row under the cursor, read: it stays while there
        assert tree.marks["a2"].read and listed(app) == ["a1", "a2", "b1"] and cursor_key(app) == "a2"
        line = tree.cursor_line - round(tree.scroll_y)
        await press_and_settle(pilot, "down")  # left: it goes, the cursor stays on the row it went to
        await wait_for(pilot, lambda: listed(app) == ["a1", "b1"])
        assert cursor_key(app) == "The Bugle" and tree.cursor_line - round(tree.scroll_y) == line
        # u on a group reads it all: the group stays while the cursor is on it, then goes.
        await press_and_settle(pilot, "u")
        assert listed(app) == ["a1", "b1"] and cursor_key(app) == "The Bugle"
        await press_and_settle(pilot, "up")
        await wait_for(pilot, lambda: listed(app) == ["a1"])
        assert cursor_key(app) is not None


async def test_u_twice_on_a_group_under_the_unread_filter_takes_the_first_back(library_double):
    """The group read left the list and the cursor landed on the next group: the second `u`
    (README: no undo but `u` again) read that other group. The group's row stays, with the
    articles it showed, until the cursor leaves it."""
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "f", *"is:unread", "enter")
        tree = screen.source_list
        tree.focus()
        cursor_on_group(app, "Daily Planet")
        await press_and_settle(pilot, "u")
        assert tree.marks["a1"].read and tree.marks["a2"].read
        assert listed(app) == ["a1", "a2", "b1"] and cursor_key(app) == "Daily Planet"
        await press_and_settle(pilot, "u")
        assert not tree.marks["a1"].read and not tree.marks["a2"].read
        assert not tree.marks.get("b1", Mark()).read, status_text(app)
        assert status_text(app) == "Marked the 2 articles shown unread: Daily Planet"


async def test_s_twice_on_a_group_under_the_starred_filter_leaves_the_next_group_alone(library_double):
    library_double.marks.put({"a1": Mark(starred=True), "a2": Mark(starred=True), "b1": Mark(starred=True)})
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "f", *"is:starred", "enter")
        tree = screen.source_list
        tree.focus()
        cursor_on_group(app, "Daily Planet")
        await press_and_settle(pilot, "s")
        assert not tree.marks["a1"].starred and cursor_key(app) == "Daily Planet"
        await press_and_settle(pilot, "s")  # the group starred again, The Bugle never asked about
        assert tree.marks["a1"].starred and tree.marks["a2"].starred
        await app.workers.wait_for_complete()
        assert library_double.marks.get("b1").starred, status_text(app)
        await press_and_settle(pilot, "down")  # the cursor goes into the group: nothing leaves
        assert listed(app) == ["a1", "a2", "b1"]


async def test_search_results_marks_make_a_column_as_in_the_source_list(library_double):
    """A result's title and snippets ran under its marks, back to the left edge: its lines hang
    right of them, at the column where the source list's rows put their text."""
    library_double.marks.put({"b1": Mark(read=True, starred=True)})
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        app.screen.source_list.root.expand_all()
        await settle(pilot)
        row = next(line for line in screen_text(app).split("\n") if "Markets calm" in line)
        unread_column, text_column = row.index("•"), row.index("2025-10-20")
        await press_and_settle(pilot, "slash", *"budapest")
        lines = screen_text(app).split("\n")
        first = next(k for k, line in enumerate(lines) if "Daily Planet · " in line)
        second = next(k for k, line in enumerate(lines) if "The Bugle · " in line)
        assert lines[first].index("•") == unread_column and lines[first].index("Daily") == text_column
        assert lines[second].index("★") == unread_column - 1
        assert lines[first + 1].index("Minister visits Budapest") == text_column
        for line in lines[first + 1 : second] + lines[second + 1 : second + 3]:
            assert line[:text_column].strip("▊ ") == "", line  # nothing under the marks, wrapped lines too
            assert line[text_column:].strip(), line


async def test_j_steps_through_the_unread_filter_as_each_article_is_read(library_double):
    """Opening an article reads it: with is:unread on, it stays listed (under the cursor) while it
    is read, so J goes on to the next unread one, and the one left goes."""
    app = ReaderApp(library_double)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await press_and_settle(pilot, "f", *"is:unread", "enter")
        assert listed(app) == ["a1", "a2", "b1"]
        await press_and_settle(pilot, "down", "enter")  # the first group's first article
        await wait_for(pilot, lambda: screen.reader.article is not None)
        assert screen.reader.article.id == "a1" and screen.source_list.marks["a1"].read
        assert listed(app) == ["a1", "a2", "b1"] and cursor_key(app) == "a1"
        screen.reader.focus()
        await press_and_settle(pilot, "J")
        await wait_for(pilot, lambda: screen.reader.article.id == "a2" and listed(app) == ["a2", "b1"])
        assert cursor_key(app) == "a2"
        await press_and_settle(pilot, "J")
        await wait_for(pilot, lambda: screen.reader.article.id == "b1" and listed(app) == ["b1"])


async def test_read_marks_and_stars_set_in_the_lists_are_there_in_the_next_session(tmp_path):
    """u and s pressed in the source list are kept in the user data dir: the next run of the
    app (a new Library on the same dirs) shows the article read and starred, the group's unread
    count as the last run left it."""
    from test_index_helpers import make_corpus

    from reader.library import Library

    corpus = make_corpus(tmp_path / "news")
    seen = []
    for session in ("first", "next"):
        library = Library([corpus], tmp_path / "index", auto_update=False)
        try:
            app = ReaderApp(library)
            async with drive(app, (120, 30)) as pilot:
                await wait_for(pilot, lambda: app.catalog_ready and app.index_ready)
                await settle(pilot)
                tree = app.screen.source_list
                if session == "first":
                    before = group_labels(app)
                    tree.focus()
                    tree.reveal("reuters/storm")
                    await settle(pilot)
                    assert tree.cursor_article() == "reuters/storm"
                    await press_and_settle(pilot, "u", "s")
                    await wait_for(pilot, lambda: app.marks.get("reuters/storm") == Mark(read=True, starred=True))
                    assert group_labels(app) != before  # (one unread fewer)
                seen.append((group_labels(app), app.marks.get("reuters/storm")))
        finally:
            library.close()
    assert seen[1] == seen[0]
    assert seen[1][1] == Mark(read=True, starred=True)
