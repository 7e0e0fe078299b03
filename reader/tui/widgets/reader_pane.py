"""The reader: metadata line, the clean article, quotes and search matches highlighted.

Long articles are rendered in chunks (a "show more" button, or a jump to a later hit, mounts the
next ones), so a huge article never freezes the screen; a jump far past what is mounted (a search
hit near the end of a 400,000-character article) mounts the paragraphs around its target alone,
with a "show earlier" button above them: mounting and laying out every paragraph before it took
seconds. All text is literal Content.

A speaker the analysis resolved ("the official" -> who) is not the outlet's text: it is drawn in
editorial brackets ⟨…⟩ (which survive NO_COLOR and greyscale) and left out of copied selections.
"""

from __future__ import annotations

import asyncio

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Sequence

from textual import events, on
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.content import Content
from textual.style import Style
from textual.widgets import Button, Static

from reader.caseless import Caseless
from reader.paragraphs import PIECE_CHARS as PIECE_CHARS, Piece, pieces, title_line  # PIECE_CHARS: tests
from reader.tui.copying import selected_words
from reader.tui.drawn_style import drawn_rich_style
from reader.tui.keymap import ARTICLE_BACK_BINDINGS, READER_BINDINGS
from reader.tui.safe import clean, join, label, needs_cleaning, one_line, spans_content
from reader.tui.typed_app import reader_app
from reader.wording import counted, date_shown, fetch_time_shown, outlet_shown

if TYPE_CHECKING:
    from reader.corpus.model import Article
    from reader.quotations import Quotation

CHUNK_CHARS = 30_000  # characters mounted at once
# A jump this many characters past the mounted paragraphs (or any jump before them) mounts the
# paragraphs around its target instead of every one on the way.
FAR_CHARS = 2 * CHUNK_CHARS
# An article opened at a match stays at its top when the match is seen there with this many rows
# below it (its header and the match both in sight); else the match is scrolled to.
ROWS_BELOW_A_MATCH = 2
CLOSING_MARKS = "\"”’'»›"
RESOLVED_OPEN, RESOLVED_CLOSE = "⟨", "⟩"  # around a speaker the text does not name there


def resolved_note(speaker: str) -> str:
    return f" {RESOLVED_OPEN}{speaker}{RESOLVED_CLOSE}"


def _names(mention: str, speaker: str) -> bool:
    """Whether the mention as written names the speaker ("Dr. Lisa Bardack" names Lisa Bardack;
    "he" does not), as whole words, any case."""
    return re.search(rf"(?<!\w){re.escape(speaker.lower())}(?!\w)", mention.lower()) is not None


def _nearest(text: Caseless, needle: str, start: int, end: int, window: int = 250) -> tuple[int, int] | None:
    """The occurrence of `needle` (any case) closest to the span start..end, within `window`, as
    offsets into the text as written."""
    best: tuple[int, int] | None = None
    best_distance = 0
    for found in text.find_all(needle, start - window, end + window):
        pos = found[0]
        if start <= pos < end:
            continue  # inside the quote itself
        distance = start - pos if pos < start else pos - end
        if best is None or distance < best_distance:
            best, best_distance = found, distance
    return best


class Paragraph(Static):
    """A paragraph of the article (or a piece of a long one), its line breaks kept."""

    DEFAULT_CSS = """
    Paragraph { margin: 0 0 1 0; height: auto; }
    Paragraph.-continued { margin: 0; }
    """

    def __init__(
        self, content: Content, inserted: list[tuple[int, int]] | None = None, *, continued: bool = False
    ) -> None:
        super().__init__(content, classes="-continued" if continued else None)
        self.inserted = inserted or []  # ranges of the rendered text that are ours, not the article's

    def show(self, content: Content, inserted: list[tuple[int, int]]) -> None:
        self.inserted = inserted
        self.update(content)

    def get_selection(self, selection):
        """The selected text without our insertions (copying gives the article's own words)."""
        result = super().get_selection(selection)
        if result is None or not self.inserted:
            return result
        return selected_words(selection, str(self._render()), self.inserted), result[1]


def _after_title(found: list[Piece], text: str, title: tuple[int, int] | None) -> list[Piece]:
    """The paragraphs `found` without the title line (a paragraph it opened starts after it)."""
    if title is None:
        return found
    out: list[Piece] = []
    for piece in found:
        if piece.end <= title[1]:
            continue
        start = max(piece.start, title[1])
        while start < piece.end and text[start] in " \t\r\n":
            start += 1
        out.append(piece._replace(start=start))
    return out


def _bottom(widget: Paragraph) -> int:
    """The row below `widget` in its container (0 before it is laid out)."""
    return widget.virtual_region.y + widget.outer_size.height


class ReaderPane(VerticalScroll):
    BINDINGS = READER_BINDINGS + ARTICLE_BACK_BINDINGS
    HELP_SECTION = "Article"
    COMPONENT_CLASSES = {
        "reader-pane--resolved",
        "reader-pane--quote",
        "reader-pane--speaker",
        "reader-pane--match",
        "reader-pane--current",
        "reader-pane--meta",
        "reader-pane--title",
    }
    DEFAULT_CSS = """
    /* The left padding's column carries the focus bar (see app.tcss): the text stays in place. */
    ReaderPane { padding: 0 1 0 0; border-left: blank; }
    ReaderPane:focus { background: $foreground 4%; }
    ReaderPane > .reader-pane--quote { color: $text-success; text-style: italic; }
    ReaderPane > .reader-pane--speaker { color: $text-accent; text-style: bold; }
    ReaderPane > .reader-pane--resolved { color: $text-muted; text-style: italic; }
    ReaderPane > .reader-pane--match { text-style: bold underline; color: $foreground; background: $warning 30%; }
    ReaderPane > .reader-pane--current { text-style: bold reverse; color: $text-warning; }
    ReaderPane > .reader-pane--meta { color: $text-muted; }
    ReaderPane > .reader-pane--title { text-style: bold; }
    ReaderPane > #reader-meta { margin: 0 0 1 0; }
    /* The article's title, outlet and date on one line, pinned at the top while its header is
       scrolled out of view (a jump to a search's first match hid it at 80x24). */
    ReaderPane > #reader-pinned {
        dock: top; height: 1; text-wrap: nowrap; text-overflow: ellipsis; background: $panel;
        display: none;
    }
    ReaderPane > #reader-pinned.-shown { display: block; }
    ReaderPane > #reader-more, ReaderPane > #reader-earlier { width: 100%; margin: 0 0 1 0; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.text = ""
        self._version: str | None = None  # its place among its page's versions, as listed
        self.quotes: list[Quotation] = []  # as a reader counts them: the parts of one joined
        self.matches: list[tuple[int, int]] = []
        self.current: int | None = None
        self._jumps_pending = 0  # jumps whose scroll waits for the next refresh (n pressed fast)
        self._pieces: list[Piece] = []
        # The text's first line when it is the title again: drawn as the header's title (its
        # highlights on it), not a second time as the first paragraph.
        self._title_span: tuple[int, int] | None = None
        self._quotes_in: list[list[tuple[int, int]]] = []  # per paragraph: its quotations' spans
        self._speakers_in: list[list[tuple[int, int]]] = []  # ... and its speakers' spans
        self._starts: list[int] = []
        self._widgets: list[Paragraph] = []  # the mounted paragraphs: pieces _first, _first + 1, ...
        self._first = 0
        self._annotations: dict[int, str] = {}  # offset after a quote -> its speaker
        self._speaker_spans: list[tuple[int, int]] = []  # speakers named beside their quotes
        self._view_offset: int | None = None  # offset_in_view
        self._view_end: int | None = None  # the character at the view's last row, roughly
        self._wrapped_at: int | None = None  # the width the text was last laid out at (on_resize)
        self._rewrapping = False  # laid out at another width, the view not yet put back
        # One note or article shown at a time: two notes on their way at once (each in its worker)
        # both emptied the pane, then both mounted #reader-message, and the second crashed the app
        # (DuplicateIds); a note's worker running while an article was mounted (or the other way
        # round) emptied the article's lists under it, or left the note below the article.
        self._showing = asyncio.Lock()

    def allow_focus(self) -> bool:
        """Only an open article takes the focus: Tab from the list went to the welcome (or a
        note), where no key does anything, and in one pane to a pane not even shown."""
        return self.article is not None

    def on_mount(self) -> None:
        # Highlight styles come from the theme: re-render what is shown when it changes.
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme) -> None:
        if self.article is None:
            return
        for index in range(self._first, self._first + len(self._widgets)):
            self._refresh_piece(index)
        meta = self.query("#reader-meta")
        if meta:
            meta.first(Static).update(self._meta(self.article))
        pinned = self.query("#reader-pinned")
        if pinned:
            pinned.first(Static).update(self._pinned(self.article))

    def style_of(self, name: str) -> Style:
        return Style.from_rich_style(drawn_rich_style(self, name))

    # -- showing -----------------------------------------------------------------------------
    async def show_message(self, message: Content | str, unless_article: bool = False) -> None:
        """The note in place of an article; the last of several on their way at once stays.
        `unless_article`: a note for an empty pane (the welcome), not shown over an article opened
        while it was on its way (a worker's note came after the article and replaced it)."""
        async with self._showing:
            if not self.is_attached:
                return  # the app is closing (a SIGTERM while a note was on its way): nothing to show
            if unless_article and self.article is not None:
                return
            self.article = None
            self._view_offset = self._view_end = None
            self.quotes, self.matches, self.current = [], [], None
            self._pieces, self._starts, self._widgets, self._first = [], [], [], 0
            self._quotes_in, self._speakers_in, self._title_span = [], [], None
            await self.remove_children()
            if not self.is_attached:
                return
            body = message if isinstance(message, Content) else Content(one_line(message))
            # as wide as an article's text at most: at 300 columns the welcome ran on lines of 200
            await self.mount(self._capped(Static(body, id="reader-message")))

    async def show_article(
        self,
        article: Article,
        quotes: Sequence[Quotation] = (),
        matches: Sequence[tuple[int, int]] = (),
        jump: int | None = None,
        version: str | None = None,
    ) -> None:
        """`version`: its place among the versions of its page, as the list marks it ("version 1
        of 2, replaced"), said in its header; None in no chain."""
        async with self._showing:
            await self._show_article(article, quotes, matches, jump, version)

    async def _show_article(
        self,
        article: Article,
        quotes: Sequence[Quotation],
        matches: Sequence[tuple[int, int]],
        jump: int | None,
        version: str | None,
    ) -> None:
        text = article.text or ""
        if needs_cleaning(text):
            # The core strips controls at load time; should any reach us anyway, show the text
            # cleaned and drop the offsets that referred to the raw text.
            text, quotes, matches = clean(text), (), ()
        self.text = text
        self.article = article
        self._version = version
        self._view_offset = self._view_end = None
        self.quotes = [q for q in quotes if all(0 <= p.start < p.end <= len(text) for p in q.parts)]
        self.matches = sorted((int(s), int(e)) for s, e in matches if 0 <= int(s) < int(e) <= len(text))
        self.current = None
        self._annotations = {}
        self._speaker_spans = []
        caseless = Caseless(text)
        for quotation in self.quotes:
            self._attribute(text, caseless, quotation)
        self._title_span = title_line(text, article.title)
        self._pieces = _after_title(pieces(text), text, self._title_span)
        self._starts = [piece.start for piece in self._pieces]
        # Each paragraph's quotations and speakers, found once: a paragraph drawn looks at its
        # own, not at all of them (40,000 quotes in a 4 MB file took seconds to draw).
        self._quotes_in = self._by_piece([(p.start, p.end) for q in self.quotes for p in q.parts])
        self._speakers_in = self._by_piece(self._speaker_spans)
        self._widgets, self._first = [], 0
        await self.remove_children()
        await self.mount(Static(self._pinned(article), id="reader-pinned"))
        await self.mount(self._capped(Static(self._meta(article), id="reader-meta")))
        if not self._pieces:
            note = "(This article has no text but its title.)" if self._title_span else "(This article has no text.)"
            await self.mount(Static(Content(note), id="reader-message"))
        if jump is not None and self._pieces and self._starts[self._piece_at(jump)] > FAR_CHARS:
            await self._window(self._piece_at(jump))  # not the start first: it would be unmounted at once
        else:
            await self._mount_until(0)
        self.scroll_home(animate=False)
        if jump is not None:
            await self.jump_to(jump, keep_top=True)

    def _attribute(self, text: str, caseless: Caseless, quotation: Quotation) -> None:
        """Mark who speaks a quotation, once: the mentions beside its parts ("he", "the
        official") highlighted, the resolved speaker named after a mention that says less."""
        speaker = one_line(quotation.speaker or "", 80)
        if not speaker:
            return
        mentions = sorted(
            {
                (p.speaker_start, p.speaker_end)
                for p in quotation.parts
                if p.speaker_start is not None
                and p.speaker_end is not None
                and 0 <= p.speaker_start < p.speaker_end <= len(text)
            }
        )
        for s_start, s_end in mentions:
            # The core located the mention: highlight it, and name the resolved speaker after
            # it when the mention says less.
            self._speaker_spans.append((s_start, s_end))
            if not _names(" ".join(text[s_start:s_end].split()), speaker):
                self._annotations[s_end] = resolved_note(speaker)
        if mentions:
            return
        # The speaker named next to the quotation is highlighted where it stands; a speaker the
        # text does not name there (a resolved pronoun, say) is written after the quotation.
        found = _nearest(caseless, speaker, quotation.start, quotation.end)
        if found is not None:
            self._speaker_spans.append(found)
            return
        end = quotation.end
        while end < len(text) and text[end] in CLOSING_MARKS:
            end += 1
        self._annotations[end] = resolved_note(speaker)

    def _meta(self, article) -> Content:
        meta = self.style_of("reader-pane--meta")
        parts: list[Content] = [self._title(article), Content("\n")]
        fields = [
            outlet_shown(article.outlet),
            date_shown(article.date, article.fetched),  # "written 2019-03-04" when fetched years later
        ]
        if article.author:
            fields.append(f"by {article.author}")
        if article.url:
            fields.append(article.url)
        if fetched := fetch_time_shown(article.fetched, article.date):  # labelled: no publication time
            fields.append(fetched)
        if self._version:  # an older text is known for one (the list marks it; the header did not)
            fields.append(self._version)
        fields.append(f"{len(self.text):,} characters, {counted(len(self.quotes), 'quote')}")
        parts.append(label(" · ".join(one_line(f, 200) for f in fields), meta))
        return join(parts)

    def _title(self, article) -> Content:
        """The header's title: the text's first line with its highlights when it is the title."""
        title_style = self.style_of("reader-pane--title")
        if self._title_span is None:
            return label(article.title or article.id, title_style, limit=300)
        start, end = self._title_span
        quotes = [(s, e) for q in self.quotes for p in q.parts if (s := p.start) < end and (e := p.end) > start]
        speakers = [(s, e) for s, e in self._speaker_spans if s < end and e > start]
        content, _ = self._render_range(start, end, quotes, speakers)
        return content.stylize_before(title_style)

    def _pinned(self, article) -> Content:
        """The one line pinned over the article while its header is out of view: which article
        this is, outlet and date first (a long title is cut at the pane's edge, they are not)."""
        meta = self.style_of("reader-pane--meta")
        return join(
            [
                label(f"{one_line(outlet_shown(article.outlet), 40)} · {article.date or 'no date'}", meta),
                Content(" · ").stylize(meta),
                label(article.title or article.id, self.style_of("reader-pane--title"), limit=300),
            ]
        )

    def _pin_header(self) -> None:
        """The pinned line shows while the header's first row (the title) is out of view."""
        # A child looked up by id, at each scroll step: query() walked every paragraph mounted
        # (3 ms of each j's 45 in an article of a few thousand lines).
        try:
            pinned = self.get_child_by_id("reader-pinned")
        except NoMatches:
            return
        pinned.set_class(self.article is not None and self.scroll_y >= 1, "-shown")

    # -- lazy mounting -----------------------------------------------------------------------
    async def _mount_until(self, offset: int) -> None:
        """Mount chunks of paragraphs until the one holding `offset` (at least one chunk); one far
        from those mounted gets the paragraphs around it instead (FAR_CHARS)."""
        target = self._piece_at(offset)
        end = self._first + len(self._widgets)
        if self._widgets and self._first <= target < end:
            return
        if self._widgets and (target < self._first or self._starts[target] - self._pieces[end - 1][1] > FAR_CHARS):
            await self._window(target)
            return
        new: list[Paragraph] = []
        budget = CHUNK_CHARS
        index = end
        while index < len(self._pieces) and (budget > 0 or index <= target):
            start, stop, _ = self._pieces[index]
            new.append(self._paragraph(index))
            budget -= stop - start
            index += 1
        if new:
            self._widgets.extend(new)
            more = self.query("#reader-more")
            if more:
                await self.mount_all(new, before=more.first())
            else:
                await self.mount_all(new)
        await self._update_buttons()

    async def _window(self, target: int) -> None:
        """Mount the paragraphs from about half a chunk before piece `target` to a chunk after
        it, in place of those mounted."""
        first = target
        budget = CHUNK_CHARS // 2
        while first > 0 and budget > 0:
            first -= 1
            budget -= self._pieces[first][1] - self._pieces[first][0]
        await self.query(Paragraph).remove()
        self._widgets, self._first = [], first
        await self._update_buttons()
        await self._mount_until(self._starts[target])

    async def _update_buttons(self) -> None:
        await self._update_more_button()
        existing = self.query("#reader-earlier")
        if self._first <= 0:
            await existing.remove()
            return
        chars = sum(p.end - p.start for p in self._pieces[: self._first])
        text = Content(f"Show earlier ({chars:,} characters before)")
        if existing:
            existing.first(Button).label = text
        else:
            await self.mount(Button(text, id="reader-earlier"), after=self.query_one("#reader-meta"))

    async def _update_more_button(self) -> None:
        left = len(self._pieces) - self._first - len(self._widgets)
        existing = self.query("#reader-more")
        if left <= 0:
            await existing.remove()
            return
        chars = sum(p.end - p.start for p in self._pieces[self._first + len(self._widgets) :])
        text = f"Show more ({chars:,} more characters)"
        if existing:
            existing.first(Button).label = Content(text)
        else:
            await self.mount(Button(Content(text), id="reader-more"))

    @on(Button.Pressed, "#reader-more")
    async def _more(self, event: Button.Pressed) -> None:
        event.stop()
        end = self._first + len(self._widgets)
        if self._widgets and end < len(self._pieces):
            await self._mount_until(self._pieces[end][0])

    @on(Button.Pressed, "#reader-earlier")
    async def _earlier(self, event: Button.Pressed) -> None:
        """Mount the chunk before the first paragraph mounted, the view kept where it was."""
        event.stop()
        if not self._widgets or self._first <= 0:
            return
        anchor = self._widgets[0]
        offset = anchor.virtual_region.y - self.scroll_y
        new: list[Paragraph] = []
        budget = CHUNK_CHARS
        index = self._first
        while index > 0 and budget > 0:
            index -= 1
            new.append(self._paragraph(index))
            budget -= self._pieces[index][1] - self._pieces[index][0]
        new.reverse()
        self._widgets[:0] = new
        self._first = index
        await self.mount_all(new, before=anchor)
        await self._update_buttons()

        def keep_in_place() -> None:
            self.scroll_to(y=max(0, anchor.virtual_region.y - offset), animate=False, immediate=True)

        self.call_after_refresh(keep_in_place)

    def _paragraph(self, index: int) -> Paragraph:
        content, inserted = self._render_piece_parts(index)
        return self._capped(Paragraph(content, inserted, continued=self._pieces[index].continued))

    def _piece_at(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def _capped(self, widget):
        """At most `text_width` columns of text (the app's setting), however wide the terminal."""
        width = reader_app(self.app).text_width
        if width:
            widget.styles.max_width = width
        return widget

    def _by_piece(self, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """`spans` (start, end) sorted into the paragraphs they overlap."""
        out: list[list[tuple[int, int]]] = [[] for _ in self._pieces]
        for s, e in spans:
            index = max(0, bisect_right(self._starts, s) - 1)
            while index < len(self._pieces) and self._pieces[index][0] < e:
                if self._pieces[index][1] > s:
                    out[index].append((s, e))
                index += 1
        return out

    def _render_piece(self, index: int) -> Content:
        return self._render_piece_parts(index)[0]

    def _render_piece_parts(self, index: int) -> tuple[Content, list[tuple[int, int]]]:
        """A paragraph's Content, and the ranges in it of the speaker notes we inserted."""
        start, end, _ = self._pieces[index]
        return self._render_range(start, end, self._quotes_in[index], self._speakers_in[index])

    def _render_range(
        self, start: int, end: int, quotes: list[tuple[int, int]], speakers: list[tuple[int, int]]
    ) -> tuple[Content, list[tuple[int, int]]]:
        """`text[start:end]` highlighted (its `quotes`, `speakers`, matches and our notes), and
        the ranges in it of the speaker notes we inserted."""
        text = self.text
        spans: list[tuple[int, int, Style]] = []
        quote_style = self.style_of("reader-pane--quote")
        for s, e in quotes:
            spans.append((s - start, e - start, quote_style))
        speaker_style = self.style_of("reader-pane--speaker")
        for s, e in speakers:
            spans.append((s - start, e - start, speaker_style))
        match_style = self.style_of("reader-pane--match")
        current_style = self.style_of("reader-pane--current")
        first = bisect_right(self.matches, (start, -1))
        for i in range(max(0, first - 1), len(self.matches)):
            s, e = self.matches[i]
            if s >= end:
                break
            if e > start:
                style = current_style if i == self.current else match_style
                spans.append((s - start, e - start, style))
        body = spans_content(text[start:end], spans)
        inserts = sorted(pos for pos in self._annotations if start < pos <= end)
        if not inserts:
            return body, []
        pieces = body.divide([pos - start for pos in inserts])  # len(inserts) + 1 pieces
        resolved_style = self.style_of("reader-pane--resolved")
        out: list[Content] = [pieces[0]]
        inserted: list[tuple[int, int]] = []
        position = len(pieces[0].plain)
        for pos, piece in zip(inserts, pieces[1:]):
            note = Content(clean(self._annotations[pos])).stylize(resolved_style)
            inserted.append((position, position + len(note.plain)))
            position += len(note.plain) + len(piece.plain)
            out += [note, piece]
        return join(out), inserted

    def _refresh_piece(self, index: int) -> None:
        if 0 <= index - self._first < len(self._widgets):
            self._widgets[index - self._first].show(*self._render_piece_parts(index))

    def _in_title(self, offset: int) -> bool:
        return self._title_span is not None and offset < self._title_span[1]

    def _refresh_at(self, offset: int) -> None:
        """Draw again what shows the character at `offset`: the header's title or a paragraph."""
        if not self._in_title(offset):
            self._refresh_piece(self._piece_at(offset))
        elif self.article is not None and (meta := self.query("#reader-meta")):
            meta.first(Static).update(self._meta(self.article))

    # -- moving ------------------------------------------------------------------------------
    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._pin_header()
        self._note_place()

    def _note_place(self) -> None:
        """The characters at the view's top and bottom, for offset_in_view and on_resize."""
        height = self.scrollable_content_region.height
        if height and self._wrapped_as_seen():  # hidden (one pane, the list shown), it reads 0
            self._view_offset = self._offset_at_view()
            end = self._offset_at_row(int(self.scroll_y) + height - 1)
            if end is None and self._widgets:  # the view reaches past the last paragraph
                end = self._pieces[self._first + len(self._widgets) - 1][1]
            self._view_end = end

    def _wrapped_as_seen(self) -> bool:
        """Laid out at the width the reader's place was taken at: a scroll clamped to the length
        the text has at a new width (before on_resize) is not the reader's place."""
        return not self._rewrapping and self._wrapped_at in (None, self.size.width)

    def on_resize(self, event: events.Resize) -> None:
        """Another width wraps the text anew: the view is put back at the character it showed
        (left at the same row, it showed another part of the article: the match stepped to,
        in sight at 80x24, was out of sight at 40x12, or at 80x24 again)."""
        if not self.size.width:  # hidden (one pane, the list shown): not laid out, nothing moved
            return
        width, self._wrapped_at = self._wrapped_at, self.size.width
        if width in (None, self.size.width) or self.article is None:
            return
        place, match = self._view_offset, self._current_match_seen()
        if place is None and match is None:
            return  # at the top, as it stays
        self._rewrapping = True
        article = self.article

        async def put_back() -> None:
            self._rewrapping = False
            if self.article is not article:  # another shown meanwhile, at its own place
                return
            if match is not None:  # the match stepped to stays in sight: the reader is at it
                await self.jump_to(match, keep_top=place is None)
            elif place is not None:
                await self.jump_to(place)

        self.call_after_refresh(put_back)

    def offset_in_view(self) -> int | None:
        """The character `jump_to` brings back to where the view was when last shown (None: at
        the top), so an article shown again can be put back as the reader left it."""
        return self._view_offset

    def _current_match_seen(self) -> int | None:
        """Where the current match starts, if the view (as last laid out) showed it."""
        if self.current is None or self._view_end is None:
            return None
        start = self.matches[self.current][0]
        return start if (self._view_offset or 0) <= start <= self._view_end else None

    def _offset_at_view(self) -> int | None:
        if self.article is None or self.scroll_y <= 0:
            return None
        return self._offset_at_row(int(self.scroll_y) + 2)  # jump_to leaves two rows above its offset

    def _offset_at_row(self, row: int) -> int | None:
        """The character laid out at the article's `row`, roughly (None: past what is mounted)."""
        if self.article is None:
            return None
        # The first paragraph reaching below `row`, by bisection: this runs at every scroll step,
        # and the paragraphs are stacked in order. Those mounted but not laid out yet read a
        # bottom of 0, at either end: the bisection finds the first one below `row` or none, and
        # when none, the walk decides.
        widgets = self._widgets
        index: int | None = bisect_right(widgets, row, key=_bottom)
        if index == len(widgets):
            index = next((i for i, widget in enumerate(widgets) if _bottom(widget) > row), None)
        if index is None:
            return None
        widget = widgets[index]
        top, height = widget.virtual_region.y, widget.outer_size.height
        start, end, _ = self._pieces[self._first + index]
        fraction = max(0, row - top) / max(1, height)
        return start + int(fraction * (end - start))

    async def jump_to(self, offset: int, keep_top: bool = False) -> None:
        """Scroll so that the character at `offset` is in view (mounting chunks as needed);
        `keep_top`: not at all when it is in view, with rows to spare, at the article's top (an
        article opened at its first match keeps its header in sight when it can)."""
        if self.article is None:
            return
        if self._in_title(offset) or not self._pieces:  # in the header: the article's top
            self._jumps_pending += 1
            self.call_after_refresh(self._scroll_home_after_jump)
            return
        await self._mount_until(offset)
        index = self._piece_at(offset)
        start, end, _ = self._pieces[index]
        widget = self._widgets[index - self._first]

        def scroll() -> None:
            self._jumps_pending = max(0, self._jumps_pending - 1)
            fraction = (offset - start) / max(1, end - start)
            y = widget.virtual_region.y + int(fraction * widget.outer_size.height)
            if keep_top and y < self.scrollable_content_region.height - ROWS_BELOW_A_MATCH:
                y = 0
            self.scroll_to(y=max(0, y - 2), animate=False)
            self._note_place()  # the view may not have moved (at the top, kept there)

        self._jumps_pending += 1
        self.call_after_refresh(scroll)

    def _scroll_home_after_jump(self) -> None:
        self._jumps_pending = max(0, self._jumps_pending - 1)
        self.scroll_home(animate=False)
        self._note_place()

    async def step_hit(self, step: int, keep_top: bool = False) -> bool:
        """Move to the next (+1) or previous (-1) match; False when there is none. `keep_top`:
        see jump_to."""
        if not self.matches:
            return False
        old = self.current
        if old is None:
            self.current = 0 if step > 0 else len(self.matches) - 1
        elif not self._jumps_pending and not self._in_view(old):
            # Scrolled away from the current match (wheel, scrollbar, keys): on from what is on
            # screen, as `less` does, not from where the last n left the view.
            found = self._match_in_view(step)
            self.current = found if found is not None else (0 if step > 0 else len(self.matches) - 1)
        else:
            self.current = (old + step) % len(self.matches)
        start = self.matches[self.current][0]
        await self._mount_until(start)
        if old is not None:
            self._refresh_at(self.matches[old][0])
        self._refresh_at(start)
        await self.jump_to(start, keep_top)
        return True

    def _match_row(self, index: int) -> float:
        """About where match `index` is, in rows from the top of the pane's content (-inf or
        inf: in a paragraph not mounted, above or below those that are)."""
        offset = self.matches[index][0]
        if self._in_title(offset):
            return 0.0  # the header's first row
        piece = self._piece_at(offset)
        if piece < self._first:
            return float("-inf")
        if piece >= self._first + len(self._widgets):
            return float("inf")
        start, end, _ = self._pieces[piece]
        widget = self._widgets[piece - self._first]
        return widget.virtual_region.y + (offset - start) / max(1, end - start) * widget.outer_size.height

    def _in_view(self, index: int) -> bool:
        return self.scroll_y <= self._match_row(index) < self.scroll_y + self.scrollable_content_region.height

    def _match_in_view(self, step: int) -> int | None:
        """The first match from the top of the view on (step > 0), or the last one above its
        bottom (step < 0); None when there is none that way."""
        rows = [self._match_row(i) for i in range(len(self.matches))]
        if step > 0:
            return next((i for i, row in enumerate(rows) if row >= self.scroll_y), None)
        bottom = self.scroll_y + self.scrollable_content_region.height
        return next((i for i in reversed(range(len(rows))) if rows[i] < bottom), None)

    def shown_widget(self, offset: int) -> Paragraph | None:
        """The mounted paragraph holding the character at `offset`, if any."""
        if not self._pieces:
            return None
        index = self._piece_at(offset) - self._first
        return self._widgets[index] if 0 <= index < len(self._widgets) else None

    @property
    def rendered_pieces(self) -> int:
        """How many paragraphs are mounted (from `first_piece` on)."""
        return len(self._widgets)

    @property
    def first_piece(self) -> int:
        return self._first

    @property
    def total_pieces(self) -> int:
        return len(self._pieces)
