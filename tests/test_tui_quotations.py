"""The quotes panel and the article's highlights show a quotation in parts as one quotation."""

from __future__ import annotations

from conftest import Doc, LibraryDouble, drive, press_and_settle, settle
from reader.analysis.quotes import find_quotes
from reader.tui.app import ReaderApp

INTERRUPTED = 'The mayor, John Smith, spoke on Monday.\n\n"I trust in God," he said, "but God wants me to be careful."'
OVER_PARAGRAPHS = (
    "Ann Lee spoke to the council.\n\n"
    '"The first paragraph of what I want to say runs on here.\n\n'
    '"The second paragraph goes on with more of it," said Ann Lee.'
)


def library_of(text: str) -> LibraryDouble:
    library = LibraryDouble()
    library.add(Doc("q1", "Daily Planet", "Careful", "2025-10-21", text), find_quotes(text))
    return library


def styled(pane, piece: int) -> set[str]:
    """The words styled in a paragraph (its quotations, speakers and our notes)."""
    content = pane._render_piece(piece)
    return {content.plain[span.start : span.end] for span in content.spans}


async def test_an_interrupted_quotation_is_one_entry_attributed_once_with_both_parts_highlighted():
    library = library_of(INTERRUPTED)
    first, second = library.quotes_by_id["q1"]  # the detector's two parts (the comparison's quotes)
    app = ReaderApp(library)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("q1")
        await settle(pilot)
        panel = app.screen.quotes_panel
        assert panel.option_count == 1 and panel.border_title == "Quotes (1)"
        prompt = str(panel.get_option_at_index(0).prompt)
        assert prompt == "John Smith: “I trust in God … but God wants me to be careful.”"
        pane = app.screen.reader
        spans = styled(pane, 1)
        assert {first.text, second.text} <= spans
        # The mention both parts share is marked once, the resolved speaker named once.
        rendered = str(pane._widgets[1].render())
        assert rendered.count("⟨John Smith⟩") == 1
        assert "1 quote" in str(app.screen.query_one("#reader-meta").render())
        panel.focus()
        await press_and_settle(pilot, "y")
        assert app.clipboard == "I trust in God … but God wants me to be careful."


async def test_a_quotation_over_paragraphs_is_one_entry_highlighted_in_each():
    library = library_of(OVER_PARAGRAPHS)
    first, second = library.quotes_by_id["q1"]
    app = ReaderApp(library)
    async with drive(app, (120, 30)) as pilot:
        await settle(pilot)
        app.screen.open_article("q1")
        await settle(pilot)
        panel = app.screen.quotes_panel
        assert panel.option_count == 1
        assert str(panel.get_option_at_index(0).prompt).startswith("Ann Lee: “The first paragraph")
        pane = app.screen.reader
        assert first.text in styled(pane, 1)
        assert second.text in styled(pane, 2)
