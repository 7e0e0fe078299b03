"""An article whose first line is its title shows it once: as the header's title, with the
highlights of that line (a quotation, a search hit) on the right characters, and those after it on
theirs in the body."""

from __future__ import annotations

from textual.widgets import Static

from conftest import Doc, LibraryDouble, drive, settle
from reader.analysis.quotes import find_quotes
from reader.paragraphs import title_line
from reader.tui.app import ReaderApp

TITLE = 'Mayor says "no more budget cuts" after vote'
TEXT = f'{TITLE}\n\nThe budget vote ended late.\n\n"We will protect the budget," the mayor said on Monday.'


def styled_words(content) -> list[str]:
    return [content.plain[span.start : span.end] for span in content.spans]


def test_the_first_line_is_the_title_in_any_case_spacing_or_heading_marks():
    assert title_line(TEXT, TITLE) == (0, len(TITLE))
    assert title_line(f"  ## {TITLE.upper()} ##\n\nBody.", " ".join(TITLE.split(" "))) == (5, 5 + len(TITLE))
    assert title_line("The first sentence. And more.\n\nBody.", "The first sentence.") is None
    assert title_line(TEXT, None) is None
    # The line with its outlet's signature, which the title left out, is the title's line still:
    # it was shown under a header of the title without it.
    for signed in (" | Daily Planet", " - Daily Planet", " (Daily Planet)"):
        assert title_line(f"{TITLE}{signed}\n\nBody.", TITLE) == (0, len(TITLE + signed))
    assert title_line(f"{TITLE} and more words.\n\nBody.", TITLE) is None
    assert title_line(f"{TITLE} (a, b) and more.\n\nBody.", TITLE) is None


async def test_a_title_line_is_shown_once_with_its_quote_and_hit_on_the_right_characters():
    library = LibraryDouble()
    library.add(Doc("t1", "Daily Planet", TITLE, "2025-10-21", TEXT), find_quotes(TEXT))
    app = ReaderApp(library)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("t1", "budget")
        await settle(pilot)
        pane = app.screen.reader
        shown = [str(widget.render()) for widget in pane._widgets]
        assert shown[0] == "The budget vote ended late."  # not the title again
        assert not any(TITLE in text for text in shown)
        header = pane.query_one("#reader-meta", Static)
        assert str(header.render()).count(TITLE) == 1
        title = pane._title(pane.article)
        assert title.plain == TITLE
        # The title's own quote and search hit, on their characters in the header.
        assert {"no more budget cuts", "Mayor", "budget"} <= set(styled_words(title))
        # ... and those after it, on theirs in the body.
        assert "budget" in styled_words(pane._render_piece(0))
        assert any("We will protect the budget" in word for word in styled_words(pane._render_piece(1)))
        assert len(pane.matches) == 3
        # The first hit is the title's: stepping to it marks it in the header; the next, the body's.
        pane.current = None
        await pane.step_hit(+1)
        await settle(pilot)
        current = pane.style_of("reader-pane--current")
        title = pane._title(pane.article)
        assert [title.plain[s.start : s.end] for s in title.spans if s.style == current] == ["budget"]
        assert pane.scroll_y == 0
        await pane.step_hit(+1)
        await settle(pilot)
        title = pane._title(pane.article)
        assert not [s for s in title.spans if s.style == current]
        body = pane._render_piece(0)
        assert [body.plain[s.start : s.end] for s in body.spans if s.style == current] == ["budget"]


async def test_an_article_of_its_title_alone_says_so():
    library = LibraryDouble()
    library.add(Doc("t2", "Daily Planet", "Only a headline", "2025-10-21", "Only a headline\n"))
    app = ReaderApp(library)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("t2")
        await settle(pilot)
        pane = app.screen.reader
        assert "no text but its title" in str(pane.query_one("#reader-message", Static).render())
        assert str(pane.query_one("#reader-meta", Static).render()).count("Only a headline") == 1


def test_hostile_titles_are_the_title_line_only_when_they_are_the_first_line():
    hostile = "[bold]Stra\u00dfe[/bold] \u202ecuts"
    assert title_line(f"{hostile}\n\nBody.", hostile) == (0, len(hostile))
    assert title_line("STRASSE news\n\nBody.", "stra\u00dfe NEWS") == (0, len("STRASSE news"))  # after folding
    assert title_line("Mayor says\n\nBody.", "Mayor says no") is None  # a first line the title's prefix
    long = "word " * 400
    assert title_line(f"{long}\n\nBody.", long) is None  # 2,000 characters: body text


async def test_a_hostile_title_line_is_drawn_literally_once_and_the_copy_keeps_it():
    title = "[bold]Big[/bold] \u202eleak of the budget"
    text = f"{title}\n\nThe budget is out.\n\nMore on the budget."
    library = LibraryDouble()
    library.add(Doc("t3", "Daily Planet", title, "2025-10-21", text))
    app = ReaderApp(library)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("t3", "budget")
        await settle(pilot)
        pane = app.screen.reader
        header = pane._title(pane.article)
        assert header.plain.startswith("[bold]Big[/bold] ") and "\u202e" not in header.plain
        hits = (pane.style_of("reader-pane--match"), pane.style_of("reader-pane--current"))
        assert [header.plain[s.start : s.end] for s in header.spans if s.style in hits] == ["budget"]
        assert header.plain.index("budget") == title.index("budget")  # on its characters
        assert [str(w.render()) for w in pane._widgets] == ["The budget is out.", "More on the budget."]
        pane.current = None
        current = pane.style_of("reader-pane--current")
        for step, where in ((+1, "title"), (+1, 0), (+1, 1), (-1, 0), (-1, "title")):
            await pane.step_hit(step)
            await settle(pilot)
            shown = pane._title(pane.article) if where == "title" else pane._render_piece(where)
            assert [shown.plain[s.start : s.end] for s in shown.spans if s.style == current] == ["budget"], where
        pane.focus()
        await pilot.press("ctrl+c")
        assert app.clipboard == text  # the whole text, title line and all
