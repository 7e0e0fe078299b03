"""An OptionList whose highlight stays on screen when the view is scrolled without it.

Textual's OptionList leaves the highlight where it was when the wheel or the scrollbar moves the
view: the highlighted row was off screen, and the next key (or Enter) acted from there, the view
jumping back. Here the highlight moves the least that keeps it on screen (the first option shown
whole after scrolling down past it, the last after scrolling up), as the coverage grid's cursor
does, so the next key goes on from what is shown.
"""

from __future__ import annotations

from textual.widgets import OptionList


class FollowingOptionList(OptionList):
    _scrolling_to_highlight = False  # the view moving to the highlight: nothing to follow

    def scroll_to_highlight(self, top: bool = False) -> None:
        self._scrolling_to_highlight = True
        try:
            super().scroll_to_highlight(top)  # immediate: done before this returns
        finally:
            self._scrolling_to_highlight = False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._scrolling_to_highlight:
            self.highlight_into_view()

    def highlight_into_view(self) -> None:
        # The line map read here is OptionList's own, not public: should a Textual release change
        # it, the highlight stays where it was (as before this class), never an error.
        try:
            self._follow_the_view()
        except (AttributeError, KeyError, IndexError):
            pass

    def _enabled_from(self, anchor: int, step: int) -> int | None:
        """The first enabled option from `anchor` (itself included) on in the `step` direction."""
        index = anchor
        while 0 <= index < len(self.options):
            if not self.options[index].disabled:
                return index
            index += step
        return None

    def _follow_the_view(self) -> None:
        index = self.highlighted
        height = self.scrollable_content_region.height
        if index is None or height <= 0 or not self.options:
            return
        lines = self._lines
        if not lines:
            return
        top = min(round(self.scroll_y), len(lines) - 1)
        bottom = min(top + height, len(lines)) - 1
        start = self._index_to_line.get(index)
        end = len(lines) if start is None else start + self._heights[index] - 1  # not measured: below the view
        if start is not None and (top <= start and end <= bottom or start < top and end > bottom):
            return  # on screen (whole, or a quotation taller than the view over it)
        if start is not None and start < top:
            first, offset = lines[top]
            shown = first + 1 if offset and first + 1 < len(self.options) else first
            if self._index_to_line.get(shown, bottom + 1) > bottom:
                shown = first  # the option at the top is taller than the view
            target = self._enabled_from(shown, 1)
        else:
            last, offset = lines[bottom]
            shown = last
            if offset + 1 < self._heights[last] and last > 0 and self._index_to_line[last - 1] >= top:
                shown = last - 1  # the option at the bottom is cut: the one above it, whole
            target = self._enabled_from(shown, -1)
        if target is not None and target != index:
            self.highlighted = target
