"""Command palette provider: open any article, story or comparison by fuzzy title.

The display is built as literal Content with the matched characters styled by offset:
`Matcher.highlight` would parse the (untrusted) titles as markup, so it is never used.
"""

from __future__ import annotations

import asyncio
import threading
from functools import partial
from itertools import combinations
from typing import Callable

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandInput, CommandPalette, DiscoveryHit, Hit, Hits, Provider, SearchIcon
from textual.content import Content
from textual.fuzzy import FuzzySearch
from textual.style import Style
from textual.system_commands import SystemCommandsProvider
from textual.widgets import Input

from reader.caseless import Caseless
from reader.corpus.decode import pasted_line
from reader.title_match import Cancelled, Titles, rank
from reader.tui.legible import DimmedBehind
from reader.tui.safe import one_line
from reader.tui.typed_app import reader_app
from reader.tui.widgets.line_input import MAX_CHARACTERS, fitting_placeholder
from reader.wording import outlet_shown

SHOWN = 40  # best candidates highlighted and listed per keystroke


def candidates(app: App) -> list[tuple[str, str, Callable[[], object]]]:
    """(display text, help, callback) for every article, story and comparison the app knows."""
    items: list[tuple[str, str, Callable[[], object]]] = []
    app = reader_app(app)
    by_id = {a.id: a for a in app.articles}
    for info in by_id.values():
        outlet = one_line(outlet_shown(info.outlet), 40)
        title = one_line(info.title or info.id, 160)
        items.append((f"{outlet} · {title}", "Open this article", partial(app.open_article, info.id)))
    told = [(story, [by_id[i] for i in story.articles if i in by_id]) for story in app.stories]
    # A story of one article is that article: it is listed already. Newest first (by its earliest
    # article, undated last), as the coverage view: the palette's first stories were 2010's.
    told = [(story, members) for story, members in told if len(members) >= 2]
    told.sort(key=lambda item: min((a.date for a in item[1] if a.date), default=""), reverse=True)
    for story, members in told:
        story_label = one_line(story.label or story.id, 160)
        items.append(
            (
                f"Story: {story_label} ({len(members):,} articles)",
                "Show this story",
                partial(app.open_story, str(story.id)),
            )
        )
        seen_pairs = 0
        for left, right in combinations(members, 2):
            if (left.outlet or "") == (right.outlet or ""):
                continue
            text = f"Compare: {story_label} — {one_line(outlet_shown(left.outlet), 30)} vs {one_line(outlet_shown(right.outlet), 30)}"
            items.append((text, "Compare the two versions", partial(app.open_comparison, left.id, right.id)))
            seen_pairs += 1
            if seen_pairs >= 3:
                break
    return items


class ReaderCommands(Provider):
    async def startup(self) -> None:
        self._catalog: tuple[object, object] | None = None
        self._fuzzy = FuzzySearch()
        self._refresh()

    def _refresh(self) -> None:
        """The candidates of the app's catalog as it is now. The app replaces its lists when the
        catalog is (re)loaded: a palette opened before that, as the app starts, found nothing
        for as long as it stayed open."""
        app = reader_app(self.app)
        catalog = (app.articles, app.stories)
        if self._catalog is not None and all(a is b for a, b in zip(catalog, self._catalog)):
            return
        self._catalog = catalog
        self._items = candidates(self.app)
        self._titles = Titles([text.lower() for text, _, _ in self._items])

    def _best(self, query: str, cancelled: Callable[[], bool] | None = None) -> list[tuple[int, float]]:
        """(item index, score 0-1) of the best candidates, word starts first (reader.title_match):
        rapidfuzz's WRatio ranked "While Blumenthal…" level with "Hillary Clinton…" for "hil".
        Cancelled once `cancelled()` is true."""
        return rank(query, self._titles, SHOWN, cancelled)

    def _display(self, text: str, query: str) -> Content:
        """The candidate, literally, with the query's words (else its fuzzy letters) styled."""
        display = Content(text)
        style = self.match_style or Style(bold=True, underline=True)
        # Offsets into the text as written: its lower-cased copy can be longer ("İ" is two).
        caseless = Caseless(text)
        found = False
        for word in set(query.lower().split()):
            for start, end in caseless.find_all(word):
                display = display.stylize(style, start, end)
                found = True
        if found:
            return display
        # The fuzzy matcher's offsets are into the lower-cased text: map them back.
        _score, offsets = self._fuzzy.match(query.lower(), caseless.lower)
        for offset in {caseless.in_text(offset) for offset in offsets}:
            if not text[offset].isspace():
                display = display.stylize(style, offset, offset + 1)
        return display

    async def search(self, query: str) -> Hits:
        query = one_line(query, 200)
        self._refresh()
        if not query or not self._items:
            return
        # Ranking thousands of titles takes a while: off the event loop, so typing stays smooth,
        # and stopped by the next keystroke's search (Textual drops this one's results, but its
        # thread ran on: typing "hcl" fast over 50,000 titles ranked "h", "hc" and "hcl" in full).
        stop = threading.Event()
        try:
            best = await asyncio.to_thread(self._best, query, stop.is_set)
        except Cancelled:
            return
        finally:
            stop.set()  # this search cancelled (the next keystroke's began, the palette closed): its thread stops
        for index, score in best:
            text, help_text, callback = self._items[index]
            yield Hit(score, self._display(text, query), callback, text=text, help=help_text)

    async def discover(self) -> Hits:
        self._refresh()
        stories = [item for item in self._items if item[0].startswith("Story: ")]
        for text, help_text, callback in stories[:20]:
            yield DiscoveryHit(Content(text), callback, text=text, help=help_text)


class ReaderSystemCommands(SystemCommandsProvider):
    """reader's commands (App.get_system_commands), ranked as the titles are: Textual's matcher
    scores are not on their 0-1 scale, so "hc" listed "Clear the searcH History" (a scattered
    match) above "Hillary Clinton…"."""

    async def search(self, query: str) -> Hits:
        query = one_line(query, 200)
        commands = list(self.app.get_system_commands(self.screen))
        if not query or not commands:
            return
        style = self.match_style or Style(bold=True, underline=True)
        for index, score in rank(query, [command.title.lower() for command in commands], SHOWN):
            title, help_text, callback, *_ = commands[index]
            display = Content(title)
            for word in set(query.lower().split()):
                for start, end in Caseless(title).find_all(word):
                    display = display.stylize(style, start, end)
            yield Hit(score, display, callback, text=title, help=help_text)


# The palette's prompt, the longest first: the longest that fits the box is shown (at 60 columns
# the first was cut mid-sentence, "…, or run a").
PALETTE_PROMPTS = (
    "Open an article or a story by its title, or run a command…",
    "Open an article or story by title, or run a command…",
    "An article's or story's title, or a command…",
    "A title or a command…",
)


class ReaderPalette(DimmedBehind, CommandPalette):
    """Textual's command palette with a prompt that fits its box, and a footer of its own keys.

    Through public API only: the palette's `placeholder`, then its CommandInput's (a reactive)
    refitted after each layout that can change the box's width (the palette mounted, the terminal
    resized). It replaced the text box yielded by `CommandPalette.compose` with a subclass, which
    relied on how that undocumented method nests its widgets; the footer is yielded after all
    that method yields, whatever its nesting."""

    # Escape named as on the help screen's footer ("esc Close"), not "Exit the command palette".
    BINDINGS = [
        Binding("escape", "escape", "Close") if isinstance(b, Binding) and b.key == "escape" else b
        for b in CommandPalette.BINDINGS
    ]

    def __init__(self, *, ascii_icon: bool = False, **kwargs) -> None:
        """`ascii_icon`: the prompt's icon as `>` (the Linux console, READER_GLYPHS=ascii): its
        font has no 🔎, drawn as a diamond or a blank."""
        super().__init__(placeholder=PALETTE_PROMPTS[0], **kwargs)
        self.ascii_icon = ascii_icon

    def on_mount(self) -> None:
        # As much as the app's other boxes (a paste is fitted to it, ReaderApp.on_event): 100 KB
        # pasted was matched against every title for a second a key.
        self.query_one(CommandInput).max_length = MAX_CHARACTERS
        if self.ascii_icon:
            self.query_one(SearchIcon).icon = ">"
        self.call_after_refresh(self.fit_prompt)

    def on_resize(self) -> None:
        self.call_after_refresh(self.fit_prompt)

    def fit_prompt(self) -> None:
        """The longest wording of the prompt that fits the text box as it is laid out now."""
        width = self.query_one(CommandInput).content_size.width
        if width:
            self.query_one(CommandInput).placeholder = fitting_placeholder(PALETTE_PROMPTS, width)

    @on(Input.Changed)
    def _cleaned(self, event: Input.Changed) -> None:
        """The palette's box holds what the app's other boxes do (LineInput): one line, no
        control or invisible character (a pasted U+202E showed the query reversed). A paste
        comes cleaned (ReaderApp.on_event); this cleans what is typed."""
        clean = pasted_line(event.value)
        if clean == event.value:
            return
        event.prevent_default()  # Textual's palette does not search the raw text: the clean one, next
        event.stop()
        event.input.value = clean
        event.input.cursor_position = len(clean)

    def compose(self) -> ComposeResult:
        from reader.tui.widgets.footer import ReaderFooter

        yield from super().compose()
        # Its own keys: the screen's footer showed through beneath, "? Help  / Search  q Quit",
        # keys that are typed into the palette's box here (as the help's footer, screens/help.py).
        yield ReaderFooter(help_key=False)
