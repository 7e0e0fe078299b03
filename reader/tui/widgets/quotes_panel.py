"""The quotes panel: each quotation of the open article with its speaker; Enter jumps to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.keymap import LIST_BINDINGS, QUOTES_BINDINGS
from reader.tui.safe import join, label, one_line

if TYPE_CHECKING:
    from reader.analysis.quotes import Quote


# The panel lists this many quotations at most: each option is measured and wrapped on the event
# loop, and 40,000 of them (a 4 MB file) froze the app for seconds. `reader quotes` lists all.
MAX_SHOWN = 1000


class QuotesPanel(OptionList):
    BINDINGS = LIST_BINDINGS + QUOTES_BINDINGS
    HELP_SECTION = "Quotes panel"
    COMPONENT_CLASSES = {"quotes-panel--speaker"}
    DEFAULT_CSS = """
    QuotesPanel > .quotes-panel--speaker { color: $text-accent; text-style: bold; }
    """

    class JumpToQuote(Message):
        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.quotes: list[Quote] = []

    def set_quotes(self, quotes: list[Quote]) -> None:
        self.quotes = list(quotes)
        speaker_style = Style.from_rich_style(self.get_component_rich_style("quotes-panel--speaker", partial=True))
        options = []
        for index, quote in enumerate(self.quotes[:MAX_SHOWN]):
            speaker = quote.speaker or "unattributed"
            options.append(
                Option(
                    join(
                        [
                            label(speaker, speaker_style, limit=40),
                            Content(": “"),
                            label(quote.text, limit=240),
                            Content("”"),
                        ]
                    ),
                    id=f"quote-{index}",
                )
            )
        hidden = len(self.quotes) - MAX_SHOWN
        # On the border, always in sight (a last, disabled option could not be scrolled to).
        self.border_subtitle = (
            f"the first {MAX_SHOWN:,}; the command reader quotes lists all {len(self.quotes):,}" if hidden > 0 else ""
        )
        self.set_options(options)
        if options:
            self.highlighted = 0
        self._show_title(self.has_focus)

    def _show_title(self, focused: bool) -> None:
        """The count; while the user moves through the panel, where the highlight is too
        ("Quotes 12/78"). Our own text only: no untrusted input in a title (it is markup)."""
        index = self.highlighted
        if focused and index is not None and 0 <= index < len(self.quotes):
            self.border_title = f"Quotes {index + 1}/{len(self.quotes)}"
        else:
            self.border_title = f"Quotes ({len(self.quotes)})"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_title(self.has_focus)  # not stopped: the screen may want it too

    def on_focus(self) -> None:
        self._show_title(True)  # explicit: has_focus may not be set yet when this runs

    def on_blur(self) -> None:
        self._show_title(False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int((event.option.id or "quote-0")[6:])
        if 0 <= index < len(self.quotes):
            self.post_message(self.JumpToQuote(self.quotes[index].start))

    def action_copy_quote(self) -> None:
        """The highlighted quotation as the article words it (no speaker we resolved)."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.quotes):
            self.notify("Highlight a quotation first.", markup=False)
            return
        text = self.quotes[index].text
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied the quotation: {one_line(text, 120)}", markup=False)
