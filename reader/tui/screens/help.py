"""Help (`?`): every active key binding, generated from the app and the screen beneath it, and the
search query language. Remapped keys (the user's keymap) show as remapped."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from reader.tui.legible import DimmedBehind
from reader.tui.focus import focus_now
from reader.tui.keymap import HELP_BINDINGS, READER_BINDINGS, active_keymap, key_hint, with_keys
from reader.analysis.compare_terms import LEGEND
from reader.state.search_history import FILE_NAME as SEARCH_HISTORY_FILE
from reader.tui.notify import NoticesWait
from reader.tui.screens.main_notes import CLEAR_SEARCH_HISTORY
from reader.tui.safe import join, label, one_line
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.widgets.hanging_table import Entry, HangingTable

QUERY_LANGUAGE = [
    ("putin budapest", "articles with both words (word forms match: meet, meets, meeting)"),
    ('"foreign minister"', "the exact phrase (its words highlighted where it stands)"),
    (r'"he said \"no\""', 'a quotation mark inside a phrase: \\" (or “no” pasted inside "…")'),
    ("putin OR zelensky", "either word;  AND and NOT work too:  trump NOT putin  (&& || !putin as well)"),
    ("(summit OR meeting) AND budapest", "group with parentheses"),
    ("outlet:reuters", "only one outlet (also title:, body:, author:, story:, quote:, speaker:)"),
    ("date:[2025-10-01 TO 2025-10-31]", "a date range; date:2025-10-21 for one day"),
    ("date:2025-10-01..2025-10-31", "the same range, as the filter writes it; since:3d and until:2025-09 too"),
    (
        "minist*  colo?r",
        "a word prefix, the words as written (citi* finds cities and citing, not city);"
        " ? is one letter inside a word (at a word's end, what?, a question mark)",
    ),
    ("budgit~  budgit~2", "a word one letter off (a typo), or two"),
    ("budget^3  vote", "weigh a word more in the ranking (3 times)"),
    ('"peace talks"~3', "the words in this order, up to 3 words apart"),
    ("US  U.S.", "the country, either way (us in lower case is too common to search)"),
    (
        "1,000  3,5  12.500.000",
        "a number, whatever its separators: 1,000 finds 1000 (not 2,000), 3,5 finds 3.5;"
        " 1000 finds 1.000 in a German, Spanish, Italian, Dutch, Portuguese or Danish article",
    ),
    ("AT&T  C++  F#  .NET", "a name with its symbols (ATT finds AT&T too, net .NET)"),
    ("example.org", "a site, also as www.example.org or news.example.org"),
    (
        "ent Trump said he would me",
        "a passage pasted cut mid-word that finds nothing: searched without its cut first or last word,"
        " where an article writes it as part of a word (President, meet); the note under the box says so",
    ),
]

NAVIGATION = [
    ("↑ ↓  PgUp PgDn  Home End", "move in lists and scroll the article ({nav.down} {nav.up} too, see above)"),
    ("Enter", "open the article, result or quote under the cursor; expand a group"),
    ("Tab  Shift+Tab", "move between the list, the article and the quotes panel (▌ marks the focused one)"),
    (
        "Mouse",
        "click to choose or focus; the wheel scrolls (a list's cursor stays on screen); click a footer key to run it; "
        "drag over text, then ctrl+c copies it (with nothing dragged over, ctrl+c in the article copies its whole text)",
    ),
]


FILTERS = [
    (
        "budapest fox",
        "articles whose title, outlet, date or story holds every word (’ and ', – and - alike; accents as the search: pena, Peña)",
    ),
    ('"hillary clinton"', "the words side by side, as the search writes a phrase"),
    (
        "is:unread  is:read  is:starred",
        (
            "by read mark or star (• unread, ◦ read as an older version: updated since, ★ starred in the list "
            "and the results; a group's •3: 3 unread)"
        ),
    ),
    ("since:2025-10-01  until:2025-10", "by date (a month or a year covers all its days)"),
    ("date:2025-10-01..2025-10-21", "a date range; date:2025-10 for one month"),
    ("since:yesterday  since:3d  since:2w", "relative: today, yesterday, 3 days or 2 weeks ago"),
]

READING = [
    ("⟨name⟩", 'a speaker the app resolved ("the official" -> who): not the outlet\'s words, never copied'),
]


def config_lines(config_path: Path | None, marks_path: Path | None) -> list[Entry]:
    """Where the settings and the user's marks live (untrusted paths: literal Content), as
    HangingTable entries: a long path wraps under itself."""
    from reader import config

    path = config_path or config.config_path()
    state = "" if path.is_file() else "  (not created yet)"
    settings = (
        "corpus, theme (a theme picked with the palette is saved here), text_width, "
        "prepare_comparisons (every story's comparisons made ready after indexing), grouping and sort "
        "(the list's, saved here when g and S change them), keymap"
    )
    entries: list[Entry] = [
        Content("Files").stylize("bold underline"),
        (Content("config"), join([label(str(path), "bold"), Content(state)])),
        (Content(""), Content(settings)),
    ]
    if marks_path is not None:
        entries.append((Content("marks"), label(str(marks_path), "bold")))
    # The search box's ↑ recalls them; said here with how to forget them.
    history = config.data_dir() / SEARCH_HISTORY_FILE
    entries.append((Content("searches"), label(str(history), "bold")))
    entries.append(
        (
            Content(""),
            Content(f'the searches ↑ recalls in the search box; the palette\'s "{CLEAR_SEARCH_HISTORY}" forgets them'),
        )
    )
    return entries


def _section_title(node: DOMNode) -> str:
    section = getattr(node, "HELP_SECTION", None)  # our widgets name their section
    if section:
        return section
    if isinstance(node, App):
        return "Everywhere"
    if isinstance(node, Screen):
        name = type(node).__name__.removesuffix("Screen") or type(node).__name__
        return f"{name} screen"
    return type(node).__name__


def declared_bindings(node: DOMNode) -> BindingsMap:
    """The bindings a node's class and its bases declare (BINDINGS), as Textual merges them."""
    ours: list[BindingsMap] = []
    textuals: list[BindingsMap] = []
    for base in reversed(type(node).__mro__):
        if isinstance(base, type) and issubclass(base, DOMNode) and "BINDINGS" in vars(base):
            # Reader's own keys first: the main screen's section opened with Textual's tab,
            # shift+tab and copy keys, above the keys a newcomer looks for.
            (ours if base.__module__.startswith("reader.") else textuals).append(BindingsMap(vars(base)["BINDINGS"]))
    maps = ours + textuals
    return BindingsMap.merge(maps)


def binding_rows(app: App, screens) -> list[tuple[str, list[tuple[str, Binding]]]]:
    """(section, [(key display, binding)]) for the app, each screen and our widgets on them,
    with the keys of the active keymap. Not the app's over a modal screen (the list of
    subscriptions, a dialog): Textual reads no key of the app there, and the help listed q and R
    "Everywhere" where they did nothing; a key the screen takes too is in its own section."""
    nodes: list[DOMNode] = []
    for screen in screens:
        if type(screen) is not Screen:  # the app's blank default screen
            nodes.append(screen)
        for widget in screen.walk_children(with_self=False):
            # Our widgets that declare keys of their own (scrolling keys are in "Moving around").
            if type(widget).__module__.startswith("reader.") and "BINDINGS" in vars(type(widget)):
                nodes.append(widget)
    if not any(screen.is_modal for screen in screens):
        nodes.append(app)
    keymap = dict(active_keymap(app))
    sections: list[tuple[str, list[tuple[str, Binding]]]] = []
    seen_sections: set[str] = set()
    screen_ids: set[str] = set()  # a widget that shows its screen's key in the footer (the search's
    # Escape) declares it again: listed once, under the screen
    for node in nodes:
        bindings_map = declared_bindings(node)
        if keymap:
            bindings_map.apply_keymap(keymap)
        rows: list[tuple[str, Binding]] = []
        seen: set[tuple[str, str]] = set()
        for key, binding in bindings_map:
            if binding.system or (binding.action, key) in seen:
                continue
            if not isinstance(node, (App, Screen)) and (not binding.id or binding.id in screen_ids):
                continue  # a widget's standard keys (arrows, paging): see "Moving around"
            if isinstance(node, Screen) and binding.id:
                screen_ids.add(binding.id)
            seen.add((binding.action, key))
            rows.append((app.get_key_display(binding), binding))
        title = _section_title(node)
        if rows and title not in seen_sections:
            seen_sections.add(title)
            sections.append((title, rows))
    return sections


class HelpBody(VerticalScroll):
    """The help's text: j and k scroll it, as they scroll the article (its "Moving around" says so)."""

    BINDINGS = READER_BINDINGS


class HelpScreen(DimmedBehind, NoticesWait, ModalScreen):
    """`config_path`, `marks_path`: the files named at the end (the defaults and none without)."""

    BINDINGS = HELP_BINDINGS
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    HelpScreen .help-section { margin: 1 0 0 0; }
    """

    def __init__(self, config_path: Path | None = None, marks_path: Path | None = None) -> None:
        super().__init__()
        self.config_path = config_path
        self.marks_path = marks_path

    def compose(self) -> ComposeResult:
        with HelpBody(id="help-body"):
            yield self._bindings_table()
            yield from self._topic_tables()
            yield self._table("Moving around", self._navigation(), id="help-navigation")
            yield Static(
                Content(
                    "Keys can be remapped in config.yaml (keymap: {binding-id: keys}); "
                    f"the ids are shown in brackets. {key_hint(self.app, 'help.close')} closes this screen."
                ),
                classes="help-section",
            )
            yield HangingTable(
                config_lines(self.config_path, self.marks_path), id="help-config", classes="help-section"
            )
        # Its own keys: the main screen's footer showed through beneath, with keys the help does not take.
        yield ReaderFooter(help_key=False)

    def _topic_tables(self) -> list[HangingTable]:
        """The tables after the keys, those the screen beneath names in HELP_FIRST first: on the
        comparison, its marks came after the search's query language and the list's filters, six
        pages down at 100x30."""
        topics = [
            ("help-queries", "Search query language", QUERY_LANGUAGE),
            ("help-filters", "Filtering the list", FILTERS),
            ("help-reading", "Reading", READING),
            ("help-compare-marks", "Comparison marks (gutter)", LEGEND),
        ]
        screens = [s for s in self.app.screen_stack if not isinstance(s, HelpScreen)]
        first = getattr(screens[-1], "HELP_FIRST", ()) if screens else ()
        topics.sort(key=lambda topic: topic[0] not in first)  # stable: the others keep their order
        return [self._table(title, rows, id=topic_id) for topic_id, title, rows in topics]

    def on_mount(self) -> None:
        self.query_one("#help-body").border_title = "Help"
        focus_now(self.query_one("#help-body"))

    def _bindings_table(self) -> HangingTable:
        screens = [s for s in self.app.screen_stack if not isinstance(s, HelpScreen)]
        # The screen the user came from, and the app: the screens beneath it take no keys (the
        # main screen's / or f do nothing on the compare screen).
        entries: list[Entry] = [Content("Keys").stylize("bold underline")]
        for title, rows in binding_rows(self.app, screens[-1:]):
            entries += [Content(""), Content(title).stylize("bold")]
            for key, binding in rows:
                line = [label(binding.description or binding.action)]
                if binding.tooltip:
                    line += [Content(" — "), label(with_keys(self.app, binding.tooltip), "$text-muted")]
                if binding.id:
                    line += [Content(" "), label(f"[{binding.id}]", "dim")]
                entries.append((Content(one_line(key)).stylize("bold $accent"), join(line)))
        return HangingTable(entries, id="help-bindings", classes="help-section")

    def _navigation(self) -> list[tuple[str, str]]:
        """How to move on the screen the help was opened from (a screen may name its own: the
        main screen's "the list, the article and the quotes panel" said nothing true of the
        coverage grid or the comparison, and left out the grid's ← →)."""
        screens = [s for s in self.app.screen_stack if not isinstance(s, HelpScreen)]
        return list(getattr(screens[-1], "HELP_NAVIGATION", NAVIGATION)) if screens else NAVIGATION

    def _table(self, title: str, rows: list[tuple[str, str]], id: str | None = None) -> HangingTable:
        """A titled table; `{binding.id}` in a meaning names the key bound to it."""
        entries: list[Entry] = [Content(title).stylize("bold underline")]
        entries += [
            (Content(example).stylize("bold"), Content(with_keys(self.app, meaning))) for example, meaning in rows
        ]
        return HangingTable(entries, id=id, classes="help-section")

    def action_close(self) -> None:
        self.dismiss()
