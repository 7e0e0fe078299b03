"""The quotes panel: each quotation of the open article with its speaker; Enter jumps to it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, cast

from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.message import Message
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.drawn_style import drawn_rich_style
from reader.tui.keymap import ARTICLE_BACK_BINDINGS, LIST_BINDINGS, QUOTES_BINDINGS
from reader.tui.safe import join, label, one_line
from reader.tui.widgets.following_list import FollowingOptionList

if TYPE_CHECKING:
    from textual.timer import Timer

    from reader.quotations import Quotation


# The panel lists this many quotations at most: each option is measured and wrapped on the event
# loop, and 40,000 of them (a 4 MB file) froze the app for seconds. `reader quotes` lists all.
MAX_SHOWN = 1000
# Beyond the view, options are made and measured (wrapped) MEASURE_STEP at a time for at most
# MEASURE_BUDGET seconds, then the event loop runs MEASURE_PAUSE before the next: a fixed 100 took
# 13-40 ms a step on a busy machine (the time an arrow key waited). bench/bench_tui.py measures it.
MEASURE_STEP = 10
MEASURE_BUDGET = 0.008
MEASURE_PAUSE = 0.01


class QuoteOption(Option):
    """A quotation's line, made when the panel first measures or draws it: 1,000 of them made at
    once held the event loop some 30 ms (100 ms and more on a busy machine) when an article opened."""

    def __init__(self, quote: Quotation, index: int, speaker_style: Style) -> None:
        super().__init__("", id=f"quote-{index}")
        self.quote = quote
        self._speaker_style = speaker_style
        self._made: Content | None = None

    @property
    def prompt(self) -> Content:
        if self._made is None:
            speaker = self.quote.speaker or "unattributed"
            self._made = join(
                [
                    label(speaker, self._speaker_style, limit=40),
                    Content(": “"),
                    label(self.quote.text, limit=240),
                    Content("”"),
                ]
            )
        return self._made

    def restyle(self, speaker_style: Style) -> None:
        """The line made again, with this speaker's style, when it is next read."""
        self._speaker_style = speaker_style
        self._made = None
        self._visual = None  # OptionList's own copy of the line


class QuotesPanel(FollowingOptionList):
    BINDINGS = LIST_BINDINGS + QUOTES_BINDINGS + ARTICLE_BACK_BINDINGS
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
        self.quotes: list[Quotation] = []
        self._measure_to = 0  # options measured at least down to this one (see _update_lines)
        self._measuring: Timer | None = None

    # -- measured as drawn -----------------------------------------------------------------------
    # Textual's OptionList wraps every option to learn its height, on the event loop: 1,000
    # quotations cost ~0.2 s at each set_quotes and again at each resize, and the auto height
    # (for max-height) summed them once more at another width. Here an option is wrapped when
    # the view (or the highlight) reaches it, and the others a hundred at a time between other
    # work (so End, or a page far down, finds them measured); one not wrapped yet counts as one line.

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The options' height, summed only until it fills the container: the panel's max-height
        (30%, or 4 rows) is never taller, so the rest would not change its size."""
        padding = self.get_component_styles("option-list--option").padding.width
        rules = cast(RulesMap, self.styles)
        height = 0
        for option in self.options:
            if height >= container.height:
                break
            height += self._get_visual(option).get_height(rules, width - padding) + option._divider
        return height

    def _update_lines(self) -> None:
        """OptionList's line table, filled only down to two screens below the view and to the
        highlighted option (its own is filled for every option)."""
        region = self.scrollable_content_region
        if not region:
            return
        cache = self._line_cache
        lines = cache.lines
        options = self.options
        next_index = lines[-1][0] + 1 if lines else 0
        width = region.width - self._get_left_gutter_width()
        wanted_lines = self.scroll_offset.y + 2 * max(region.height, 1)
        wanted_index = max(self.highlighted or 0, self._measure_to)
        if next_index < len(options):
            padding = self.get_component_styles("option-list--option").padding.width
            rules = cast(RulesMap, self.styles)
            while next_index < len(options) and (len(lines) < wanted_lines or next_index <= wanted_index):
                option = options[next_index]
                cache.index_to_line[next_index] = len(lines)
                count = self._get_visual(option).get_height(rules, width - padding) + option._divider
                cache.heights[next_index] = count
                lines.extend((next_index, n) for n in range(count))
                next_index += 1
        last_divider = bool(options) and options[-1]._divider
        virtual_size = Size(width, len(lines) + (len(options) - next_index) - (1 if last_divider else 0))
        if virtual_size != self.virtual_size:
            if virtual_size.width == self.virtual_size.width:
                # Only the scrollable height changed (options measured below the view): the
                # panel's own height is summed from its first options (get_content_height), the
                # lines in view are the same, and the scrollbar is redrawn (and a scrollbar
                # shown or hidden asks for a layout) in _scroll_update. A layout of the whole
                # screen at each measuring step (every paragraph of the article laid out again)
                # cost 20-40 ms a step, dozens of times after an article with many quotations
                # opened.
                self.set_reactive(QuotesPanel.virtual_size, virtual_size)
            else:
                self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def _measure_more(self) -> None:
        """Measure the next options for MEASURE_BUDGET seconds, and come back for more until all are."""
        self._measuring = None
        if not self.is_mounted or not self.scrollable_content_region:
            return
        lines = self._line_cache.lines
        started = time.perf_counter()
        while time.perf_counter() - started < MEASURE_BUDGET:
            measured = lines[-1][0] + 1 if lines else 0
            if measured >= self.option_count:
                return
            self._measure_to = measured + MEASURE_STEP
            self._update_lines()
        self._measuring = self.set_timer(MEASURE_PAUSE, self._measure_more)

    def _measure_later(self) -> None:
        self._measure_to = 0
        if self._measuring is None:
            self._measuring = self.set_timer(MEASURE_PAUSE, self._measure_more)

    def on_resize(self) -> None:
        self._measure_later()  # OptionList dropped its line table: the new width's, a step at a time

    def on_mount(self) -> None:
        # The speakers' colour is the theme's when their lines are made: made again when it changes.
        self.app.theme_changed_signal.subscribe(self, self._restyle)

    def _restyle(self, _theme: object = None) -> None:
        speaker_style = Style.from_rich_style(drawn_rich_style(self, "quotes-panel--speaker"))
        for option in self.options:
            if isinstance(option, QuoteOption):
                option.restyle(speaker_style)
        self._option_render_cache.clear()  # the lines' places stay: only their colours changed
        self.refresh()

    def set_quotes(self, quotes: list[Quotation]) -> None:
        self.quotes = list(quotes)
        speaker_style = Style.from_rich_style(drawn_rich_style(self, "quotes-panel--speaker"))
        options = [QuoteOption(quote, index, speaker_style) for index, quote in enumerate(self.quotes[:MAX_SHOWN])]
        hidden = len(self.quotes) - MAX_SHOWN
        # On the border, always in sight (a last, disabled option could not be scrolled to).
        self.border_subtitle = (
            f"the first {MAX_SHOWN:,}; the command reader quotes lists all {len(self.quotes):,}" if hidden > 0 else ""
        )
        # The last article's steps had measured down to its end: set_options would measure (and
        # make) every option of this one at once.
        self._measure_to = 0
        self.set_options(options)
        self._measure_later()
        if options:
            self.highlighted = 0
        self._show_title(self.has_focus)

    def _show_title(self, focused: bool) -> None:
        """The count; while the user moves through the panel, where the highlight is too
        ("Quotes 12/78"). Our own text only: no untrusted input in a title (it is markup)."""
        index = self.highlighted
        if focused and index is not None and 0 <= index < len(self.quotes):
            self.border_title = f"Quotes {index + 1:,}/{len(self.quotes):,}"
        else:
            self.border_title = f"Quotes ({len(self.quotes):,})"

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
