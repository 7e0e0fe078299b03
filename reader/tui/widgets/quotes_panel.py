"""The quotes panel: each quotation of the open article with its speaker; Enter jumps to it."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.safe import join, label


class QuotesPanel(OptionList):
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
        self.quotes: list = []

    def set_quotes(self, quotes) -> None:
        self.quotes = list(quotes)
        speaker_style = Style.from_rich_style(
            self.get_component_rich_style("quotes-panel--speaker", partial=True)
        )
        options = []
        for index, quote in enumerate(self.quotes):
            speaker = getattr(quote, "speaker", None) or "unattributed"
            options.append(
                Option(
                    join(
                        [
                            label(speaker, speaker_style, limit=40),
                            Content(": “"),
                            label(getattr(quote, "text", ""), limit=240),
                            Content("”"),
                        ]
                    ),
                    id=f"quote-{index}",
                )
            )
        self.set_options(options)
        self.border_title = f"Quotes ({len(self.quotes)})"  # our own text only: no untrusted input

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = int((event.option.id or "quote-0")[6:])
        if 0 <= index < len(self.quotes):
            self.post_message(self.JumpToQuote(self.quotes[index].start))
