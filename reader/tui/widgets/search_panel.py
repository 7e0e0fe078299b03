"""Search as you type: an input, a one-line hint, and the ranked results with highlighted snippets."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.color import Color
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.worker import get_current_worker

from textual.binding import Binding
from textual.keys import format_key

from reader.library import query_start
from reader.state.marks import UNMARKED, Mark
from reader.state.search_history import Recall
from reader.state.version_marks import shown_mark
from reader.tui.focus import focus_now
from reader.tui.mark_cells import wrapped_whole
from reader.tui.keymap import (
    LIST_BINDINGS,
    RESULTS_BINDINGS,
    SEARCH_BINDINGS,
    SEARCH_PANEL_BINDINGS,
    active_keymap,
    key_hint,
    key_in_words,
)
from reader.tui.messages import MoreResultsFinished, OpenArticle, SearchFailed, SearchFinished
from reader.tui.safe import clean, join, label, needs_cleaning, one_line, spans_content
from reader.tui.typed_app import reader_app
from reader.tui.widgets.clamped import Clamped
from reader.tui.widgets.following_list import FollowingOptionList
from reader.tui.widgets.line_input import FittedInput
from reader.tui.widgets.source_list import STAR, UNREAD, UPDATED
from reader.wording import counted, outlet_shown, said

if TYPE_CHECKING:
    from reader.library import Hit, SearchResults
    from reader.library import LibraryAPI

RESULT_LIMIT = 50  # results asked for at a time: the first page, then each page more
MORE_AHEAD = 3  # the next page is asked for when the cursor comes this close to the list's end
MAX_QUERY = 500  # characters sent to the index; longer input is cut with a notice
SUGGESTION_ID = "suggestion"


class ResultList(FollowingOptionList):
    BINDINGS = LIST_BINDINGS + RESULTS_BINDINGS
    HELP_SECTION = "Search results"
    COMPONENT_CLASSES = {
        "result-list--match",
        "result-list--meta",
        "result-list--star",
        "result-list--suggestion",
        "result-list--unread",
    }
    DEFAULT_CSS = """
    ResultList > .result-list--match { text-style: bold reverse; color: $text-warning; background: $surface; }
    /* Outlet and date: the text colour that reads best on the row, the list's or the cursor's
       ($text-muted, one colour for both, came out white: on a light theme's rows 1.3:1, on the
       cursor's accent in most dark themes 1.5-2.8:1; no muted shade reads on both). */
    ResultList > .result-list--meta { color: auto 100%; }
    ResultList > .result-list--star { color: $text-warning; }
    ResultList > .result-list--suggestion { text-style: italic; color: $text-accent; }
    ResultList > .result-list--unread { color: $text-accent; text-style: bold; }
    """

    class EndInSight(Message):
        """The list was scrolled (wheel, scrollbar, page keys) to within a screenful of its end."""

    def allow_focus(self) -> bool:
        """Only a list with results takes the focus: Tab from the empty box went to the empty
        list, where the footer offered "⏎ Open" and no key did anything."""
        return self.option_count > 0

    def style_of(self, name: str) -> Style:
        """A component class's partial style; an `auto` colour stays auto, worked out against
        the row it is drawn on (resolved here, it came out white whatever the row)."""
        style = Style.from_rich_style(self.get_component_rich_style(name, partial=True))
        styles = self.get_component_styles(name)
        if styles.auto_color:
            style = replace(style, foreground=Color(0, 0, 0, styles.color.a, auto=True))
        return style

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value > old_value:
            self.check_end_in_sight()

    def on_resize(self) -> None:
        # A taller terminal can bring the end in sight with nothing scrolled.
        self.call_after_refresh(self.check_end_in_sight)

    def check_end_in_sight(self) -> None:
        """Say so when the end of the list is less than a screenful below what is shown (the
        cursor's own way there is OptionHighlighted; the wheel and the scrollbar move no cursor)."""
        if self.option_count and self.max_scroll_y - self.scroll_y <= self.scrollable_content_region.height:
            self.post_message(self.EndInSight())


def help_key_in_a_box(app) -> str:
    """A key of the help binding that works while typing (? types a ?), e.g. "f1"."""
    keys = active_keymap(app).get("app.help") or "question_mark,f1"
    for key in (k.strip() for k in keys.split(",")):
        modifiers, name = Binding(key, "").parse_key()
        if set(modifiers) - {"shift"} or len(format_key(name)) > 1:
            return app.get_key_display(Binding(key, ""))
    return f"{app.get_key_display(Binding('escape', ''))} then {key_hint(app, 'app.help')}"


# A result's lines hang after its marks' cells (the star, the unread mark and a space), as the
# source list's text does; with less room than this they wrap whole.
MIN_HANGING_ROOM = 12


class HangingContent(Content):
    """Lines, each a prefix and a body that wraps under itself (not under the prefix): a search
    result's title and snippets stay right of its marks, as the source list's rows do, and the
    marks make a column of their own. `plain` and `spans` are those of the lines joined (each
    prefix included), as a plain Content of them would have."""

    def __init__(self, lines: list[tuple[Content, Content]]) -> None:
        whole = Content("\n").join([prefix + body for prefix, body in lines])
        super().__init__(whole.plain, list(whole.spans))
        self._hanging = lines
        self._rows_at: tuple[int, list[Content]] = (-1, [])

    def _rows(self, width: int) -> list[Content]:
        if self._rows_at[0] == width:
            return self._rows_at[1]
        rows: list[Content] = []
        for prefix, body in self._hanging:
            indent = prefix.cell_length
            if width - indent < MIN_HANGING_ROOM:
                rows.extend(wrapped_whole(prefix + body, width) or [Content("")])
                continue
            pad = Content(" " * indent)
            wrapped = wrapped_whole(body, width - indent) or [Content("")]
            rows.extend((prefix if k == 0 else pad) + row for k, row in enumerate(wrapped))
        self._rows_at = (width, rows)
        return rows

    def render_strips(self, width: int, height: int | None, style, options) -> list:
        if not width:
            return []
        strips = []
        for row in self._rows(width):
            strips.extend(Content.render_strips(row, width, None, style, options))
        return strips if height is None else strips[:height]

    def get_height(self, rules, width: int) -> int:
        return len(self._rows(width))


def render_hit(
    hit: Hit, match_style: Style, meta_style: Style, mark: Mark | None = None, mark_styles: tuple = ("", "")
) -> Content:
    """outlet · date · title, then each snippet with its matched words styled (all literal).
    With `mark`, the article's star and unread mark first, as the source list shows them
    (`mark_styles`: the star's and the unread mark's), the lines below hanging right of them."""
    marks = Content("")
    if mark is not None:
        star_style, unread_style = mark_styles
        marks = join(
            [
                Content(STAR if mark.starred else " ").stylize(star_style),
                Content(UPDATED if mark.updated else " " if mark.read else UNREAD).stylize(unread_style),
                Content(" "),
            ]
        )
    indent = Content(" " * marks.cell_length)
    head = join(
        [
            label(outlet_shown(hit.outlet), meta_style, limit=30),
            Content(" · ").stylize(meta_style),
            label(hit.date or "no date", meta_style),
        ]
    )
    title = label(hit.title or hit.id, "bold", limit=160)
    if hit.version_mark:  # "(version 1 of 2, replaced)", as the list marks it
        title = join([title, Content(hit.version_mark)])
    lines = [(marks, head), (indent, title)]
    for snippet in hit.snippets[:3]:
        text, matches = snippet.text, snippet.matches
        # Snippet offsets refer to the snippet text; a snippet with controls (none expected,
        # the core strips them) is shown cleaned without highlights rather than misaligned.
        cleaned = clean(text)
        flat = cleaned.replace("\n", " ").replace("\t", " ")
        before, after = ("…" if snippet.cut_before else ""), ("…" if snippet.cut_after else "")
        spans = [] if needs_cleaning(text) else [(s + len(before), e + len(before), match_style) for s, e in matches]
        lines.append((indent + Content("  "), spans_content(f"{before}{flat}{after}", spans)))
    return HangingContent(lines)


HINT_LINES = 3  # the hint under the search box takes no more rows than this, but an error's
# An error's hint (a malformed query's: nothing is listed under it) is all there is to read: in a
# narrow panel three rows cut it before its example ("~abc: a word's ~ takes ... (for the words
# alone, leave out the…" in 39 columns), and the example is what says what to type.
ERROR_HINT_LINES = 8
# In a short terminal it takes the rows the empty results leave, all but these (the search box,
# the results' frame, the status line, the footer and one spare): at 40x10 one line cut
# `budget~abc`'s hint to "~abc: a word's ~ takes the letters it…", above five empty rows.
ERROR_HINT_KEEPS = 6
# In a terminal shorter than this the hint takes one line (the keys are in the footer); in one
# shorter than HINT_HIDDEN_BELOW none while results are listed: at 80x12 its two lines left
# the results one hit and a half.
HINT_ONE_LINE_BELOW = 22
HINT_HIDDEN_BELOW = 14


# The search box's placeholder, the longest that fits the box (FittedInput).
SEARCH_PLACEHOLDERS = (
    'Search: words, "phrases", outlet:…, date:[… TO …]',
    'Search: words, "phrases", outlet:…',
    "Search",
)


# What the box holds after Enter, for the article it opens: keys, and pastes in their place.
HeldInput = events.Key | events.Paste
QUIT_ACTIONS = ("quit", "app.quit")


class SearchInput(FittedInput, inherit_bindings=False):
    """The search box: Enter and ↓ are its own bindings, declared first, so that the footer shows
    them while typing, Enter first. (Inherited, ↓ kept the place of the scrolling keys Textual's
    Input inherits, ahead of Enter; a one-line box has nothing to scroll.)"""

    BINDINGS = SEARCH_BINDINGS + [
        binding for binding in Input.BINDINGS if isinstance(binding, Binding) and binding.key not in ("enter", "down")
    ]
    HELP_SECTION = "Search box"

    # Looked at this often: an Enter that opened nothing by a way not foreseen gives them back to
    # the box (an article still opening keeps them).
    HOLD_SECONDS = 3.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[HeldInput] | None = None  # typed after Enter, for the article
        self._hold_timer: Timer | None = None

    async def action_submit(self) -> None:
        """Enter opening the top result listed: the keys typed before the article takes the focus
        are for it, not more of the query ("walrus⏎n" typed quickly searched "walrusn", the n in
        the box the moment before the article took the focus). Enter while the search still runs
        keeps them in the box: typing on there takes that Enter back."""
        panel = self._panel()
        if panel is not None and panel.opens_on_enter(self.value) and self._held is None:
            self._held = []
            self._hold_timer = self.set_timer(self.HOLD_SECONDS, self._hold_ends)
        await super().action_submit()

    def _hold_ends(self) -> None:
        """HOLD_SECONDS on: held on while the article still opens (a long one's quotes take a
        while: the keys went into the box, "walrusn" searched under the article then shown),
        else given back to the box."""
        screen = reader_app(self.app).main_screen
        if self._held is not None and screen is not None and screen.opening_for_the_box:
            self._hold_timer = self.set_timer(self.HOLD_SECONDS, self._hold_ends)
            return
        self.release_keys()

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """While held, every key comes to the box (the app runs a key's binding as it arrives
        unless the focused widget takes the key: Escape left the search under the article),
        but ctrl+q: it quits at once, as everywhere (it quit once the article showed, or 3 s on)."""
        if self._held is not None:
            return not self._quits_at_once(key)
        return super().check_consume_key(key, character)

    def _quits_at_once(self, key: str) -> bool:
        # The app's priority bindings (Textual's ctrl+q), which no widget holds back.
        bound = self.app._bindings.key_to_bindings.get(key, ())
        return any(binding.priority and binding.action in QUIT_ACTIONS for binding in bound)

    async def _on_key(self, event: events.Key) -> None:
        if self._held is not None:
            event.stop()
            event.prevent_default()  # neither typed into the box nor a binding of it
            self._held.append(event)

    def _on_paste(self, event: events.Paste) -> None:
        if self._held is None:
            super()._on_paste(event)
            return
        # Pasted after Enter: in its place among the keys (it landed in the box before them).
        event.stop()
        event.prevent_default()
        self._held.append(event)

    def take_held_keys(self) -> list[HeldInput]:
        """The keys held since Enter, no longer held."""
        held, self._held = self._held, None
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        return held or []

    def replay_held_keys(self) -> None:
        """The article opened from the box is shown and focused: the keys held since Enter are
        pressed again, in order, there. Only while this screen is the one shown: a dialog opened
        meanwhile (a click) would take them (Escape closed it); and a key that quits the app is not
        replayed: pressed before the article showed, it was pressed in the box (said, not done)."""
        held = self.take_held_keys()
        if not self._on_shown_screen():
            return
        bindings = self.app.active_bindings
        for event in held:
            bound = bindings.get(event.key) if isinstance(event, events.Key) else None
            if bound is not None and bound.binding.action in QUIT_ACTIONS:
                key = self.app.get_key_display(bound.binding)
                self.notify(f"{key} was typed before the article showed: press it again to quit.", markup=False)
                continue
            self._send(event)

    def drop_held_keys(self) -> None:
        """A click while held: the keys typed since Enter were for the article it opens, and the
        click has gone elsewhere; dropped at once (held on, they took the keys typed in the box
        after a click back into it, and typed them all there seconds later)."""
        self.take_held_keys()

    def release_keys(self) -> None:
        """Enter opened nothing (or nothing within HOLD_SECONDS): the keys held since then are
        typed on in the box, in order, as they would have been; dropped if a dialog is open or
        the focus has left the box since (a click): they were not typed for where it is now."""
        held = self.take_held_keys()
        if self._on_shown_screen() and self.app.focused is self:
            for event in held:
                self._send(event)

    def _on_shown_screen(self) -> bool:
        return self.is_attached and self.screen is self.app.screen and not reader_app(self.app)._exiting

    def _send(self, event: HeldInput) -> None:
        # Sent as the terminal's are, from the app: a key made here has the screen handling the
        # article's arrival as its sender, and Textual stops a message at its sender; sent on to
        # the widget (a paste before it not handled yet), it never got back up to the app, which
        # runs the screen's bindings: "⏎, a paste, n" did not step to the next match.
        copy = events.Paste(event.text) if isinstance(event, events.Paste) else events.Key(event.key, event.character)
        self.app.post_message(copy.set_sender(self.app))

    def action_to_results(self) -> None:
        panel = self._panel()
        if panel is not None:
            panel.action_to_results()

    def action_history_older(self) -> None:
        panel = self._panel()
        if panel is not None:
            panel.recall_older()

    def _panel(self) -> SearchPanel | None:
        return next((node for node in self.ancestors if isinstance(node, SearchPanel)), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter and ↓ only while they act (the footer shows only those): with the box empty,
        "⏎ Open ↓ Results" were shown and did nothing."""
        panel = self._panel()
        if panel is None:
            return True
        if action == "submit":
            return panel.can_open_top()
        if action == "to_results":
            return panel.result_list.option_count > 0 or panel.recalling
        return True


def one_key_apart(now: str, before: str) -> bool:
    """Whether `now` is `before` with one character typed or rubbed out, anywhere in it."""
    shorter, longer = sorted((now, before), key=len)
    if len(longer) != len(shorter) + 1:
        return False
    at = next((i for i, (a, b) in enumerate(zip(shorter, longer)) if a != b), len(shorter))
    return longer[:at] + longer[at + 1 :] == shorter


def begun_label(begun: str) -> str:
    """What a search's results are of when its last word, being typed, was read as the words it
    begins (SearchResults.begun, `obam*`): "words beginning with “obam”: ", else ""."""
    word = begun.split()[-1].rstrip("*") if begun.strip() else ""
    return f"words beginning with “{one_line(word, 40)}”: " if word else ""


def upper_first(note: str) -> str:
    """`note` with its first letter a capital, the words it quotes as typed."""
    return note[:1].upper() + note[1:]


class SearchPanel(Vertical):
    """`/` opens it. Each keystroke starts an exclusive search worker; stale answers are dropped.

    Enter in the box opens the top result (once the search under way answers); Down or Tab move
    to the results.
    """

    BINDINGS = SEARCH_PANEL_BINDINGS
    HELP_SECTION = "Search"

    class Said(Message):
        """What the search is doing now, for the status line ("" when nothing is searched): a line
        left there by an earlier action read as if it were about the query being typed."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    DEFAULT_CSS = """
    SearchPanel { height: 1fr; }
    SearchPanel > #search-hint { height: auto; color: $text-muted; padding: 0 1; }
    SearchPanel > #search-hint.-error { color: $text-error; }
    SearchPanel > ResultList { height: 1fr; }
    """

    def __init__(self, library: LibraryAPI, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.current_query = ""
        self.results: SearchResults | None = None
        self.shown_query = ""  # the query whose results (or hint) are on screen
        self.cut = False  # the typed query was longer than MAX_QUERY
        self.started_at: float | None = None
        self.last_latency: float | None = None  # keystroke-to-results, seconds
        self.open_when_ready = False  # Enter was pressed before the results arrived
        # The search for current_query read its last word as still being typed (no space after
        # it yet, no Enter): no did-you-mean for that word while indexed words begin with it.
        self.unfinished = False
        self.finishing_suggests = False  # ... and that word, finished, has a did-you-mean
        # ... and it was typed key by key (not pasted): a passage cut mid-word is looked for once
        # the word is finished (the trimmed searches cost 30-70 ms a key on a large corpus).
        self.typing = False
        self._typed_before = ""  # the box's text at the change before (a key typed adds one)
        self.loading_more = False  # the next page of results is being asked for
        # One search of the box at a time: a search replaced by a newer one runs to its end (the
        # core cannot stop it), and ten keys typed fast started ten, all at once on the worker
        # threads, the last one's answer waiting for them all (or for threads to free).
        self._searching = threading.Lock()
        self._hint: tuple[Content, bool] = (Content(""), False)  # the hint's text, and whether an error
        self._recall: Recall | None = None  # stepping through earlier searches (↑/↓)
        self._recalled: str | None = None  # the search ↑/↓ put in the box last
        self._wrapped_at: int | None = None  # the width the list last wrapped a hit's lines at

    def compose(self) -> ComposeResult:
        yield SearchInput(SEARCH_PLACEHOLDERS, id="search-input")
        yield Static(Content(""), id="search-hint")
        yield ResultList(id="search-results")

    def on_mount(self) -> None:
        self.set_hint(self.idle_hint())
        self.app.theme_changed_signal.subscribe(self, self._restyle)

    def idle_hint(self) -> str:
        return (
            f"Type to search the corpus. {self._open_key()} opens the top result, {self._to_list_keys()} moves "
            f"to the results, {help_key_in_a_box(self.app)} shows the query language."
        )

    def _open_key(self) -> str:
        """The key that opens the top result ("Enter" unless the keymap moved it)."""
        return key_in_words(self.app, "search.open_top")

    def _to_list_keys(self) -> str:
        return f"{key_hint(self.app, 'search.to_results')} or tab"

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    def opened_nothing(self) -> None:
        """Enter opened no article: the keys typed after it belong to the box again."""
        box = self.input
        if isinstance(box, SearchInput):
            box.release_keys()

    def drop_held_keys(self) -> None:
        """A click after Enter: the keys held for the article it opens are dropped."""
        box = self.input
        if isinstance(box, SearchInput):
            box.drop_held_keys()

    def replay_held_keys(self) -> None:
        """The article Enter opened is shown: the keys typed after Enter are pressed there."""
        box = self.input
        if isinstance(box, SearchInput):
            box.replay_held_keys()

    @property
    def result_list(self) -> ResultList:
        return self.query_one(ResultList)

    def focus_input(self) -> None:
        focus_now(self.input)

    def set_hint(self, text: Content | str, error: bool = False) -> None:
        self._hint = (text if isinstance(text, Content) else Content(one_line(text)), error)
        self._show_hint()

    def hint_lines(self, error: bool) -> int:
        """How many rows the hint may take in this terminal: fewer in a short one, so that the
        results stay in sight; a hint that is all there is to see (an error, no matches, the
        idle advice) keeps one, and an error's with nothing listed takes what it needs, up to
        ERROR_HINT_LINES, in a short terminal the rows the empty results leave (ERROR_HINT_KEEPS)."""
        height = self.app.size.height
        listed = self.results is not None and bool(self.results.hits) and self.current_query
        if error and not listed:
            return max(1, min(ERROR_HINT_LINES, height - ERROR_HINT_KEEPS))
        if height >= HINT_ONE_LINE_BELOW:
            return HINT_LINES
        if height < HINT_HIDDEN_BELOW and listed and not error:
            return 0
        return 1

    def _show_hint(self) -> None:
        text, error = self._hint
        hint = self.query_one("#search-hint", Static)
        lines = self.hint_lines(error)
        hint.update(Clamped(text, max(lines, 1)))
        hint.set_class(error, "-error")
        hint.display = lines > 0

    def on_resize(self) -> None:
        self._show_hint()

    # -- searching ---------------------------------------------------------------------------
    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self._recalled:
            self._recall = None  # typed on: ↑ starts again from what is in the box
        self.run_query(event.value)

    # -- earlier searches (↑/↓, as a shell's) ----------------------------------------------
    @property
    def recalling(self) -> bool:
        """↑ has recalled an earlier search, and ↓ steps forward to what was typed."""
        return self._recall is not None and self._recall.browsing

    def recall_older(self) -> None:
        history = reader_app(self.app).search_history
        if self._recall is None:
            self._recall = Recall(history.searches, self.input.value)
        self._show_recalled(self._recall.older())

    def _recall_newer(self) -> None:
        assert self._recall is not None
        self._show_recalled(self._recall.newer())

    def _show_recalled(self, query: str | None) -> None:
        if query is None:
            return
        self._recalled = query
        self.input.value = query
        self.input.cursor_position = len(query)

    def remember_search(self) -> None:
        """The query shown is one the user acted on (opened a result of): kept for ↑."""
        if self.current_query:
            reader_app(self.app).remember_search(self.current_query)

    def run_query(self, raw: str) -> None:
        typed_before, self._typed_before = self._typed_before, raw
        query = one_line(raw)
        was_cut, self.cut = self.cut, len(query) > MAX_QUERY
        if self.cut:  # between two words, with nothing left open (the core decides how)
            query = query_start(query, MAX_QUERY)
        # No space after the last word: it may be typed on (a query cut short ends between words).
        # Typed inside the query (the cursor before its last word's end), the words are searched
        # as typed: the last one is done, and the one the cursor is in is no prefix to guess at.
        # The cursor is read only for the text in the box: a change read after the keys that
        # followed it (backspace held at the end) has no cursor of its own, and was read as typed
        # inside (the box's cursor left of its end), each such search a did-you-mean's.
        inside = raw == self.input.value and self.input.cursor_position < len(raw.rstrip())
        unfinished = not raw[-1:].isspace() and not self.cut and not inside
        same = query and query == self.current_query == self.shown_query and self.cut == was_cut
        if same and self.results is not None:  # (a search that failed is run again)
            if not unfinished and self.finishing_tells():
                self.finish_query()  # a space after the last word: it is finished, say its did-you-mean
            return  # typed past what is searched (or a blank): the same search, its answer shown
        if query != self.current_query:
            self.open_when_ready = False  # Enter was for the query before: typing on takes it back
        self.current_query = query
        self.workers.cancel_group(self, "search-more")
        self.loading_more = False
        if not query:
            self.workers.cancel_group(self, "search")
            self.results = None
            self.shown_query = ""
            self.result_list.clear_options()
            self.set_hint(self.idle_hint())
            self.post_message(self.Said(""))
            self._keys_changed()
            return
        self._keys_changed()
        self.started_at = time.perf_counter()
        self.post_message(self.Said(f"Searching for “{one_line(query, 80)}”…"))
        self.unfinished = unfinished
        # (a key typed or rubbed out at the end, or inside the query; a paste, or a word put back
        # from history, is no typing: its passage cut mid-word is tried at once)
        self.typing = (unfinished or inside) and one_key_apart(raw, typed_before)
        self._search(query, unfinished=unfinished, prompts=self._prompt_maker(), typing=self.typing)

    def _prompt_maker(self):
        """A maker of the hits' lines as listed (for the search's worker: the styles and marks
        are read here, on the event loop), each wrapped at the width the list last wrapped one."""
        results_list = self.result_list
        match_style = results_list.style_of("result-list--match")
        meta_style = results_list.style_of("result-list--meta")
        styles = (results_list.style_of("result-list--star"), results_list.style_of("result-list--unread"))
        marks = reader_app(self.app).marks  # read in the worker (looked up, never iterated)
        source_list = getattr(self.screen, "source_list", None)
        versions = source_list.versions if source_list is not None else None
        width = self._wrapped_at

        def make(hit: Hit) -> Content:
            mark = shown_mark(hit.id, marks, versions) if versions is not None else marks.get(hit.id, UNMARKED)
            prompt = render_hit(hit, match_style, meta_style, mark, styles)
            if width and isinstance(prompt, HangingContent):
                prompt.get_height(None, width)  # wrapped now: the list's measuring finds it done
            return prompt

        return make

    def refresh_results(self) -> None:
        """The index changed (its first build done, files added or removed): search again for
        the query on screen, so that no result names an article that is gone, none that arrived
        is missing, and no hint still says there is no index."""
        if self.current_query and self.shown_query == self.current_query:
            # As many as were loaded, so that the list does not shrink under the cursor.
            loaded = len(self.results.hits) if self.results is not None else 0
            self._search(self.current_query, max(RESULT_LIMIT, loaded), self.unfinished, typing=self.typing)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(
        self, query: str, limit: int = RESULT_LIMIT, unfinished: bool = False, prompts=None, typing: bool = False
    ) -> None:
        worker = get_current_worker()
        try:
            with self._searching:
                if worker.is_cancelled:
                    return  # typed on while the search before ran: this one is stale already
                # A passage pasted with a quotation mark left open: its words, with a note.
                # Typed key by key, the passage cut mid-word is tried once the word is finished.
                results = self.library.search(
                    query, limit=limit, unfinished=unfinished, open_quote_as_words=True, cut_passages=not typing
                )
                # Nothing found nor suggested while the word is typed: whether Enter (the word
                # finished) would suggest one decides whether the footer offers Enter at all.
                finishing_suggests = (
                    unfinished
                    and not (results.hits or results.corrected or results.error)
                    and not worker.is_cancelled
                    and bool(
                        self.library.search(query, limit=1, open_quote_as_words=True, cut_passages=not typing).corrected
                    )
                )
        except Exception as exc:  # reported to the user as one line, never a traceback
            if not worker.is_cancelled:
                self.post_message(SearchFailed(query, said(f"{type(exc).__name__}: ", exc)))
            return
        made = None
        if prompts is not None and not worker.is_cancelled:
            try:
                made = [prompts(hit) for hit in results.hits]
            except Exception:  # made again on the event loop, as without a maker
                made = None
        if not worker.is_cancelled:
            self.post_message(SearchFinished(query, results, finishing_suggests, made))

    def on_search_finished(self, message: SearchFinished) -> None:
        message.stop()
        if message.query != self.current_query:
            return  # stale: the user typed on
        results = message.results
        self.finishing_suggests = message.finishing_suggests
        again = message.query == self.shown_query  # the same search again (the index changed)
        keep = self.highlighted_hit() if again else None
        self.results = results
        if self.started_at is not None and not again:
            self.last_latency = time.perf_counter() - self.started_at
        results_list = self.result_list
        match_style = results_list.style_of("result-list--match")
        meta_style = results_list.style_of("result-list--meta")
        options: list[Option | None] = []
        corrected = results.corrected
        if corrected:
            options.append(Option(self._suggestion_prompt(corrected), id=SUGGESTION_ID))
        hits = results.hits
        prompts = message.prompts if message.prompts is not None and len(message.prompts) == len(hits) else None
        for index, hit in enumerate(hits):
            prompt = prompts[index] if prompts is not None else self._hit_prompt(hit, match_style, meta_style)
            options.append(Option(prompt, id=f"hit-{index}"))
        results_list.set_options(options)
        listed = [option.prompt for option in options if option is not None]
        wrapped = next((p._rows_at[0] for p in reversed(listed) if isinstance(p, HangingContent)), -1)
        if wrapped > 0:
            self._wrapped_at = wrapped  # the width the next search's worker wraps its lines at
        self.loading_more = False  # a page asked for before belongs to the list just replaced
        results_list.call_after_refresh(results_list.check_end_in_sight)  # a list all in sight
        self.show_results_hint(message.query, say=not again)
        if options:
            # A search run again keeps the cursor on the result it was on, while that is listed.
            ids = [hit.id for hit in hits]
            offset = 1 if corrected else 0
            results_list.highlighted = ids.index(keep) + offset if keep in ids else 0
        self.shown_query = message.query
        self._keys_changed()
        if self.open_when_ready:
            self.open_when_ready = False
            # Not once the search was left (Escape, f): the article would open, and take the
            # focus, under a user who went on to something else.
            if self.display:
                self.open_top()

    def show_results_hint(self, query: str, problem: str | None = None, say: bool = True) -> None:
        """The hint for the results listed: how many of how many, or why none (for which query);
        the status line too, unless `say` is False (the same search again: the line the index's
        change put there stays)."""
        results = self.results
        if results is None:
            return
        if say:
            self.post_message(self.Said(self.status_line(query, problem)))
        hits, total = results.hits, results.total
        # A query cut to MAX_QUERY says so first, and still says what the search found.
        cut = f"Only the first {MAX_QUERY} characters of the query were searched. " if self.cut else ""
        if results.no_index and reader_app(self.app).indexing:
            # The app builds it now (the core's advice to run `reader index` is for the shell).
            self.set_hint(cut + "The corpus is being indexed: the results appear here when it is ready.")
        elif results.error:
            # one_line: a command in words, not backticks (the hint renders no Markdown).
            self.set_hint(cut + one_line(results.error), error=True)
        elif not hits:
            self.set_hint(self.no_matches_hint(cut, query), error=bool(cut))
        else:
            shown = f"{len(hits):,} of {total:,}" if total and total > len(hits) else f"{len(hits):,}"
            more = " (more load as the list nears its end)" if self.more_to_load() else ""
            said = f" More could not be loaded: {one_line(problem, 120)}." if problem else ""
            # What the core read otherwise than typed (a quotation mark left open, an outlet:'s name).
            # (its first letter made a capital, the rest as said: capitalize() made “REP” “rep”)
            said += "".join(f" {upper_first(one_line(note, 160).rstrip('.'))}." for note in results.notes)
            steps = f"{key_hint(self.app, 'main.next_hit')}/{key_hint(self.app, 'main.prev_hit')}"
            begun = begun_label(results.begun)
            typed = " (a space searches the word as typed)" if begun else ""
            self.set_hint(
                f"{cut}{begun}{shown} result{'s' if len(hits) != 1 else ''}{more}{typed}.{said} "
                f"{self._open_key()} opens the top one, "
                f"{self._to_list_keys()} moves to the list; in the article {steps} step through the matches.",
                error=bool(cut or problem),
            )

    def status_line(self, query: str, problem: str | None = None) -> str:
        """The status line for the results listed: "“walrus”: 50 of 121 results", or why none."""
        results = self.results
        quoted = f"“{one_line(query, 80)}”"
        if results is None:
            return ""
        if results.no_index and reader_app(self.app).indexing:
            return f"{quoted}: waiting for the index."
        if results.error and not results.hits:
            return f"{quoted}: no results (the hint under the box says why)."
        hits, total = len(results.hits), results.total
        if not hits:
            return f"No matches for {quoted}."
        shown = f"{hits:,} of {total:,} results" if total > hits else counted(hits, "result")
        said = " (see the hint under the box)" if problem or results.error else ""
        return f"{quoted}: {begun_label(results.begun)}{shown}{said}."

    def no_matches_hint(self, cut: str, query: str) -> Content:
        """The hint "No matches for “query”." (the query literal, never markup), then the core's notes
        (an outlet: that names no outlet) or the did-you-mean the Enter key searches for."""
        parts = [Content(cut + "No matches for “"), label(query, limit=80), Content("”.")]
        results = self.results
        for note in results.notes if results is not None else []:
            parts.append(Content(" " + one_line(note, 160).rstrip(".") + "."))
        corrected = results.corrected if results is not None else None
        if corrected:
            parts += [
                Content(" Enter searches for “"),
                label(corrected, limit=80),
                Content("” instead (the suggestion below)."),
            ]
        elif results is not None and results.cut_untried:  # (typed key by key: tried once finished)
            keys = "A space or Enter" if self.unfinished else "Enter"  # (a space typed inside is typing on)
            parts.append(Content(f" {keys} also searches it without a word cut at its start or end."))
        return join(parts)

    # -- more results ------------------------------------------------------------------------
    def more_to_load(self) -> bool:
        """Whether the index holds more results for the query on screen than are listed."""
        results = self.results
        return (
            results is not None
            and not results.error
            and bool(results.hits)
            and results.total > len(results.hits)
            and self.shown_query == self.current_query
        )

    @on(OptionList.OptionHighlighted, "#search-results")
    def _near_the_end(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index >= self.result_list.option_count - MORE_AHEAD:
            self.load_more()

    @on(ResultList.EndInSight)
    def _scrolled_near_the_end(self, event: ResultList.EndInSight) -> None:
        event.stop()
        self.load_more()

    def load_more(self) -> None:
        """Ask for the next page of results (once at a time), to be added under the ones listed."""
        if self.loading_more or not self.more_to_load() or self.results is None:
            return
        self.loading_more = True
        self._search_more(self.current_query, len(self.results.hits), *self.results.next_page())

    @work(thread=True, exclusive=True, group="search-more", exit_on_error=False)
    def _search_more(self, query: str, offset: int, searched: str, how: dict) -> None:
        worker = get_current_worker()
        try:
            results = self.library.search(searched, limit=RESULT_LIMIT, offset=offset, open_quote_as_words=True, **how)
        except Exception as exc:  # said in the hint; the results listed stay
            from reader.library import SearchResults

            results = SearchResults(query, error=said(f"{type(exc).__name__}: ", exc))
        if not worker.is_cancelled:
            self.post_message(MoreResultsFinished(query, offset, results))

    def on_more_results_finished(self, message: MoreResultsFinished) -> None:
        message.stop()
        listed = self.results
        if listed is None or message.query != self.current_query or message.offset != len(listed.hits):
            return  # stale: another query, or the list was replaced meanwhile
        self.loading_more = False
        more = message.results
        if more.error or not more.hits:
            listed.total = len(listed.hits)  # nothing more to ask for: do not ask again and again
            self.show_results_hint(message.query, problem=more.error)
            return
        results_list = self.result_list
        match_style = results_list.style_of("result-list--match")
        meta_style = results_list.style_of("result-list--meta")
        start = len(listed.hits)
        listed.hits.extend(more.hits)
        listed.total = max(more.total, len(listed.hits))
        results_list.add_options(
            Option(self._hit_prompt(hit, match_style, meta_style), id=f"hit-{start + index}")
            for index, hit in enumerate(more.hits)
        )
        self.show_results_hint(message.query)

    def _suggestion_prompt(self, corrected: str) -> Content:
        suggestion = self.result_list.style_of("result-list--suggestion")
        return join([Content("Did you mean: "), label(corrected, "bold"), Content(" ?")]).stylize(suggestion)

    def _restyle(self, _theme: object = None) -> None:
        """The results' lines made again in the theme's colours (they kept the old theme's)."""
        if self.results is None:
            return
        if self.results.corrected:
            try:
                self.result_list.replace_option_prompt(SUGGESTION_ID, self._suggestion_prompt(self.results.corrected))
            except OptionDoesNotExist:
                pass
        self.show_marks({hit.id for hit in self.results.hits})

    def _hit_prompt(self, hit: Hit, match_style: Style, meta_style: Style) -> Content:
        """A result as listed: its marks as they are now, then render_hit's lines."""
        results_list = self.result_list
        marks = reader_app(self.app).marks
        source_list = getattr(self.screen, "source_list", None)  # its chains: a version's marks show on the newest
        mark = (
            shown_mark(hit.id, marks, source_list.versions) if source_list is not None else marks.get(hit.id, UNMARKED)
        )
        styles = (results_list.style_of("result-list--star"), results_list.style_of("result-list--unread"))
        return render_hit(hit, match_style, meta_style, mark, styles)

    def show_marks(self, article_ids: set) -> None:
        """Redraw the results of these articles: their read marks or stars changed."""
        if self.results is None:
            return
        results_list = self.result_list
        match_style = results_list.style_of("result-list--match")
        meta_style = results_list.style_of("result-list--meta")
        for index, hit in enumerate(self.results.hits):
            if hit.id in article_ids:
                option_id = f"hit-{index}"
                try:
                    results_list.replace_option_prompt(option_id, self._hit_prompt(hit, match_style, meta_style))
                except OptionDoesNotExist:  # the list was replaced meanwhile
                    continue

    def highlighted_hit(self) -> str | None:
        """The id of the result under the cursor of the list, if any."""
        highlighted = self.result_list.highlighted
        if self.results is None or highlighted is None:
            return None
        option_id = self.result_list.get_option_at_index(highlighted).id or ""
        if not option_id.startswith("hit-"):
            return None
        index = int(option_id[4:])
        return self.results.hits[index].id if index < len(self.results.hits) else None

    def on_search_failed(self, message: SearchFailed) -> None:
        message.stop()
        if message.query != self.current_query:
            return
        self.result_list.clear_options()
        self.results = None  # Enter opened the top result of the search before
        self.set_hint(f"Search failed: {one_line(message.reason, 200)}", error=True)
        self.post_message(self.Said(f"The search for “{one_line(message.query, 80)}” failed."))
        self.shown_query = message.query
        self._keys_changed()

    # -- choosing ----------------------------------------------------------------------------
    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.current_query:
            self.opened_nothing()
            return
        if self.shown_query != self.current_query:
            self.open_when_ready = True  # the search for what was typed is still running
            return
        self.open_top()

    def opens_on_enter(self, typed: str) -> bool:
        """Whether Enter in the box, with `typed` in it, opens the top result at once."""
        results = self.results
        query = one_line(typed)
        return bool(query) and query == self.current_query == self.shown_query and bool(results and results.hits)

    def can_open_top(self) -> bool:
        """Whether Enter in the box acts: a query typed whose search runs still, or whose
        results (or did-you-mean) are listed."""
        if not self.current_query:
            return False
        if self.shown_query != self.current_query:
            return True
        results = self.results
        return (results is not None and bool(results.hits or results.corrected)) or self.finishing_tells()

    def searched_query(self) -> str:
        """The query whose results are listed: the one typed, or the prefix its last word was
        read as while typed (`obam*` for obam), or the pasted passage without the word it was cut
        in (SearchResults.trimmed), which the article's highlights and the next pages are of."""
        results = self.results
        return (results.begun or results.trimmed if results is not None else "") or self.current_query

    def finishing_tells(self) -> bool:
        """Whether the search shown, which read its last word as still being typed, listed only
        what the words it begins find (the word finished is searched as typed), or found nothing
        and suggested nothing, and the word finished (Enter, a space) has a did-you-mean."""
        results = self.results
        if results is None or self.shown_query != self.current_query:
            return False
        if results.cut_untried:  # (typed key by key at the end or inside the query)
            return True
        return self.unfinished and (
            bool(results.begun)
            or (self.finishing_suggests and not (results.hits or results.corrected or results.error))
        )

    def finish_query(self) -> None:
        """Search again for the query, its last word finished: a mature search box completes the
        word being typed ("hil" on the way to "hillary") and says "did you mean" only for words
        done, where this one said "his" at the third letter."""
        self.unfinished = self.typing = False
        self.shown_query = ""  # a search of its own, not the same one again
        self.started_at = time.perf_counter()
        self._keys_changed()
        self._search(self.current_query)

    def _keys_changed(self) -> None:
        """What Enter and ↓ do in the box may have changed: the footer asks again."""
        self.input.refresh_bindings()

    def open_top(self) -> None:
        """Open the top result; with none but a did-you-mean, search for the suggestion."""
        if self.results is None:
            self.opened_nothing()
            return
        if self.results.hits:
            self.remember_search()
            self.post_message(OpenArticle(self.results.hits[0].id, query=self.searched_query(), focus=True))
            return
        self.opened_nothing()
        if self.finishing_tells():
            self.finish_query()  # Enter ends the word typed: its did-you-mean, if any, is listed
            return
        corrected = self.results.corrected
        if corrected:
            self.input.value = one_line(corrected)
            self.input.cursor_position = len(self.input.value)

    def action_to_results(self) -> None:
        if self.recalling:
            self._recall_newer()
            return
        if self.result_list.option_count:
            focus_now(self.result_list)

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id == SUGGESTION_ID:
            corrected = self.results.corrected if self.results is not None else None
            if corrected:
                self.input.value = one_line(corrected)
                focus_now(self.input)
            return
        if option_id.startswith("hit-") and self.results is not None:
            hit = self.results.hits[int(option_id[4:])]
            self.remember_search()
            self.post_message(OpenArticle(hit.id, query=self.searched_query()))
