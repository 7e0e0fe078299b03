"""Every key binding of the app, with an id (for the user's keymap), a description and a tooltip.

Users remap keys in their config file (`keymap: {binding-id: "keys"}`); `user_keymap` checks that
mapping and `KeymapApp.set_keymap` applies it. Every screen, dialog and widget takes its bindings
from here (the keymap check and the help screen rely on it).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Iterator, Mapping

from textual.app import App
from textual.binding import Binding, BindingType

from textual.keys import format_key, key_to_character

from reader.analysis.compare_terms import fill_keys, key_ids
from reader.tui.keycheck import key_problem, keys_as_sent, normalize_keys


def bind(
    binding_id: str,
    key: str,
    action: str,
    description: str,
    tooltip: str,
    *,
    show: bool = True,
    key_display: str | None = None,
    priority: bool = False,
    group: Binding.Group | None = None,
) -> Binding:
    return Binding(
        key,
        action,
        description,
        show=show,
        key_display=key_display,
        priority=priority,
        tooltip=tooltip,
        id=binding_id,
        group=group,
    )


# Pairs of keys the compare screen's footer shows as one item ("] [ Diff"), so that every item
# fits in 80 columns.
_DIFFERENCES = Binding.Group("Diff")
_PICKS = Binding.Group("Pick")


APP_BINDINGS: list[BindingType] = [
    bind("app.quit", "q", "quit", "Quit", "Leave reader (the terminal is restored)"),
    # f1 works inside the search and filter boxes too, where ? is typed as text.
    bind(
        "app.help",
        "question_mark,f1",
        "help",
        "Help",
        "Every key binding, the search query language and the config file",
    ),
    bind(
        "app.palette",
        "ctrl+p",
        "command_palette",
        "Open…",
        "Open any article, story or comparison by fuzzy title, or run a command (help, fetch, theme)",
        show=False,
    ),
    bind(
        "app.fetch",
        "R",
        "fetch_feeds",
        "Fetch",
        "Fetch new articles from your subscriptions (reader feed add URL); again while it runs: stop it",
        key_display="R",
        show=False,
    ),
    bind(
        "app.index",
        "I",
        "index_again",
        "Index",
        "Update the index now, as reader index does: a first build whose story grouping ran out of memory is tried again",
        key_display="I",
        show=False,
    ),
]

MAIN_BINDINGS: list[BindingType] = [
    bind("main.search", "slash", "search", "Search", "Search the whole corpus as you type", key_display="/"),
    bind("main.filter", "f", "filter", "Filter", "Filter the source list by title, outlet or story", show=False),
    bind("main.group", "g", "toggle_grouping", "Group", "Group the source list by outlet or by story"),
    bind(
        "main.next_hit", "n", "next_hit", "Next hit", "Jump to the next match of the search in the article", show=False
    ),
    bind(
        "main.prev_hit",
        "N",
        "prev_hit",
        "Prev hit",
        "Jump to the previous match of the search in the article",
        key_display="N",
        show=False,
    ),
    bind(
        "main.quotes",
        "apostrophe",
        "toggle_quotes",
        "Quotes",
        "Go to the quotes panel (from a list, of the article under the cursor); in it, hide it, for the next articles too, until pressed again ({quotes.jump} on a quote jumps to it)",
        key_display="'",
    ),
    bind(
        "main.compare",
        "c",
        "compare",
        "Compare",
        "Compare this article with another outlet's version of the story (an older version: with its newest)",
    ),
    bind(
        "main.sidebar",
        "b",
        "toggle_sidebar",
        "Sidebar",
        "Show or hide the source list (more room for reading)",
        show=False,
    ),
    bind(
        "main.back",
        "escape",
        "back",
        "Back",
        "Back from the article to the results, the coverage view or the source list; leave search, clear the filter",
        show=False,
    ),
    bind(
        "main.next_article",
        "J",
        "step_article(1)",
        "Next article",
        "Open the next article of the list (or of the search results)",
        key_display="J",
        show=False,
    ),
    bind(
        "main.prev_article",
        "K",
        "step_article(-1)",
        "Prev article",
        "Open the previous article of the list (or of the search results)",
        key_display="K",
        show=False,
    ),
    bind(
        "main.toggle_read",
        "u",
        "toggle_read",
        "Read/unread",
        "Mark the article under the cursor (or the open one) read or unread; on a group's row, all its articles",
        show=False,
    ),
    bind(
        "main.toggle_star",
        "s",
        "toggle_star",
        "Star",
        "Star or unstar (bookmark) the article under the cursor (or the open one); on a group's row, all its articles",
        show=False,
    ),
    bind(
        "main.sort",
        "S",
        "cycle_sort",
        "Sort",
        "Sort the list: newest first, oldest first, by outlet",
        key_display="S",
        show=False,
    ),
    bind(
        "main.open_url",
        "o",
        "open_url",
        "Browser",
        "Open the article's web page in your browser ($BROWSER is honoured)",
        show=False,
    ),
    bind(
        "main.copy_url", "y", "copy('url')", "Copy URL", "Copy the article's web address to the clipboard", show=False
    ),
    bind(
        "main.copy_id",
        "Y",
        "copy('id')",
        "Copy id",
        "Copy the article's id (what reader show takes) to the clipboard",
        key_display="Y",
        show=False,
    ),
    bind(
        "main.coverage",
        "v",
        "coverage",
        "Coverage",
        "Which outlets told each story and which left it out (from the story under the cursor)",
        show=False,
    ),
]

# j/k move in every list and scroll the article; one id each, so one keymap entry remaps them all.
LIST_BINDINGS: list[BindingType] = [
    bind("nav.down", "j", "cursor_down", "Down", "Move down (lists) or scroll down (the article)", show=False),
    bind("nav.up", "k", "cursor_up", "Up", "Move up (lists) or scroll up (the article)", show=False),
]

# Escape from the article (or its quotes) goes back to the list: the main screen's Back, shown in
# the footer there, where a click on it is the way back (in a narrow terminal the article takes
# the whole screen). One id with the screen's, so one keymap entry remaps them all.
ARTICLE_BACK_BINDINGS: list[BindingType] = [
    bind(
        "main.back",
        "escape",
        "screen.back",
        "Back",
        "Back from the article to the results, the coverage view or the source list; leave search, clear the filter",
    ),
]

READER_BINDINGS: list[BindingType] = [
    bind("nav.down", "j", "scroll_down", "Down", "Move down (lists) or scroll down (the article)", show=False),
    bind("nav.up", "k", "scroll_up", "Up", "Move up (lists) or scroll up (the article)", show=False),
]

# The search box's keys (shown in the footer while typing: there every letter is text, and the
# screen's keys shown before, / Search or g Group, were typed into the box).
SEARCH_BINDINGS: list[BindingType] = [
    bind(
        "search.open_top",
        "enter",
        "submit",
        "Open",
        "Open the top result (once the search under way answers; with none, search the suggestion)",
    ),
    bind(
        "search.to_results",
        "down",
        "to_results",
        "Results",
        "Move from the search box to the results (Tab does too); after ↑, the next newer search",
    ),
    bind(
        "search.history_older",
        "up",
        "history_older",
        "Earlier",
        "Recall the search before (kept across runs; ↓ comes forward again)",
        show=False,
    ),
]

# The filter box's keys, shown in the footer while typing (only f1 Help was: every letter is
# text there, and nothing said how to get out). Escape is the main screen's Back, one id with it.
FILTER_BINDINGS: list[BindingType] = [
    bind(
        "filter.to_list",
        "enter,down",
        "submit",
        "List",
        "Move from the filter box to the filtered list, the filter kept",
    ),
    bind(
        "main.back",
        "escape",
        "screen.back",
        "Clear",
        "Clear the filter and return to the whole source list (one pane, nothing typed: back to the article "
        "it was opened over)",
    ),
]

# The search results' own key, shown in the footer beside the search's Escape.
RESULTS_BINDINGS: list[BindingType] = [
    bind("results.open", "enter", "select", "Open", "Open the highlighted result (or search the suggestion)"),
]

# Escape leaves the search from its box and its results: the main screen's Back, shown there
# (elsewhere on the main screen Escape clears the filter or does nothing). One id, so one
# keymap entry remaps both.
SEARCH_PANEL_BINDINGS: list[BindingType] = [
    bind(
        "main.back",
        "escape",
        "screen.back",
        "Back",
        "Leave search (one pane: back to the article it was opened over), clear the filter, return to the source list",
    ),
]

# Enter's binding is OptionList's own (select), declared again so that the footer shows it, as the
# results show ⏎ Open: the panel's footer said nothing of what Enter does on a quotation.
QUOTES_BINDINGS: list[BindingType] = [
    bind("quotes.jump", "enter", "select", "Jump", "Jump to the highlighted quotation in the article"),
    bind(
        "quotes.copy",
        "y",
        "copy_quote",
        "Copy quote",
        "Copy the highlighted quotation (the article's own words) to the clipboard",
        show=False,
    ),
]

COVERAGE_BINDINGS: list[BindingType] = [
    bind(
        "coverage.choose",
        "enter",
        "choose",
        "Open or choose",
        "On a story: open its articles; on a mark: choose it (a second mark of the story compares the two)",
        show=False,
    ),
    bind(
        "coverage.back",
        "escape",
        "back",
        "Back",
        "Clear the chosen mark, then the filter, or return to the source list",
    ),
    bind(
        "coverage.sort",
        "s",
        "sort",
        "Sort",
        "Sort the stories by date (newest first) or by breadth (most outlets first)",
    ),
    bind("coverage.filter", "f", "filter", "Filter", "Show all stories, those told by one outlet only, or blindspots"),
    bind(
        "coverage.open", "o", "open", "Open", "Open the article of the outlet under the cursor (or the story's first)"
    ),
    bind(
        "coverage.compare",
        "c",
        "compare",
        "Compare",
        "Compare the article of the outlet under the cursor (or the story's first) with another outlet's version",
    ),
    bind(
        "coverage.mark",
        "space",
        "mark",
        "Mark",
        "Choose the mark under the cursor; a second mark of the story opens the comparison",
        key_display="space",
    ),
]

HELP_BINDINGS: list[BindingType] = [
    # The help is modal: the app's keys do not reach it, so q and the help key close it (they
    # did nothing there, as every key but Escape).
    bind("help.close", "escape,q,question_mark,f1", "close", "Close", "Close the help screen"),
]

COMPARE_BINDINGS: list[BindingType] = [
    bind(
        "compare.close",
        "escape",
        "close",
        "Close",
        "Close the comparison and go back to the article (from both articles whole, back to the aligned rows first)",
    ),
    bind(
        "compare.next_difference",
        "right_square_bracket",
        "next_difference",
        "Next diff",
        "Jump to the next difference (a sentence one outlet alone reports, possibly tells or tells elsewhere, a "
        "shortened, censored or altered quote, a differing figure, different framing), or the next stop "
        "{compare.visit} chose",
        key_display="]",
        group=_DIFFERENCES,
    ),
    bind(
        "compare.previous_difference",
        "left_square_bracket",
        "previous_difference",
        "Prev diff",
        "Jump to the previous difference",
        key_display="[",
        group=_DIFFERENCES,
    ),
    bind(
        "compare.partner",
        "p",
        "partner",
        "Counterpart",
        "Go to where the other side tells this difference's sentences (~ told elsewhere, ? possibly "
        "told by both), or a linked row's sentences linked to other rows too (the row selected with ) or ( "
        "as well): again for the next place, then back to the difference (or the row)",
        group=_DIFFERENCES,
    ),
    bind(
        "compare.visit",
        "t",
        "visit",
        "Visit",
        "Choose what {compare.next_difference} and {compare.previous_difference} visit: every difference, the links (each with the words its two sides "
        "share and its strength), the sentences only one outlet tells (+), those possibly told by both "
        "(?), those told elsewhere (~)",
        group=_DIFFERENCES,
    ),
    bind(
        "compare.next_row",
        "right_parenthesis",
        "step(1)",
        "Next row",
        "Select the next row, as a click on it does (both articles whole: the next sentence of the side "
        "with the focus, its counterpart marked), and name its sentences in the summary bar as reader compare "
        "numbers them",
        key_display=")",
        show=False,
    ),
    bind(
        "compare.previous_row",
        "left_parenthesis",
        "step(-1)",
        "Previous row",
        "Select the previous row (both articles whole: the previous sentence of the side with the focus)",
        key_display="(",
        show=False,
    ),
    bind("compare.swap", "s", "swap", "Swap", "Exchange the left and right sides"),
    bind(
        "compare.pick_left",
        "o",
        "pick('left')",
        "Pick left",
        "Show another outlet's version (or any article) on the left",
        group=_PICKS,
    ),
    bind(
        "compare.pick_right",
        "O",
        "pick('right')",
        "Pick right",
        "Show another outlet's version (or any article) on the right",
        key_display="O",
        group=_PICKS,
    ),
    bind(
        "compare.toggle_mode",
        "m",
        "toggle_mode",
        "Sync",
        "Switch between aligned rows and the two articles whole, scrolled in sync (Escape: back to the rows)",
    ),
    bind(
        "compare.fold",
        "z",
        "fold",
        "Fold",
        "Two versions of one article: show the sentences of the selected row (a click, ) or ( on it) "
        'that the edit kept word for word, folded into one row ("L1–L6 = R1–R6: kept word for word: 6 '
        'sentences"), or fold them again; with no row selected, the first folded row in view',
        show=False,
    ),
    bind(
        "compare.export", "e", "export", "Export", "Write the comparison to a Markdown file (never inside the corpus)"
    ),
    bind(
        "compare.numbers",
        "number_sign",
        "toggle_numbers",
        "Numbers",
        "Show or hide each sentence's number (L12, R3: as reader compare --markdown and --json name them), in "
        "the aligned rows and with both articles whole; kept for the rest of the session",
        key_display="#",
        show=False,
    ),
    bind(
        "compare.go_to",
        "colon",
        "go_to_sentence",
        "Go to",
        "Go to a sentence by its number (L12, R3; a number alone: the left, or the side with the focus with "
        "both articles whole): its row selected and named in the summary bar, as {compare.next_row} does",
        key_display=":",
        show=False,  # in the help: in the footer it pushed out the palette's ^p at 80 columns
    ),
]

# The help key inside the compare screen's dialogs: they are modal, and Textual stops a modal
# screen's keys at the screen, the app's help among them (f1 did nothing there, and the footer
# showed no help key). One id with the app's, so one keymap entry remaps both.
DIALOG_HELP_BINDINGS: list[BindingType] = [
    bind(
        "app.help",
        "question_mark,f1",
        "app.help",
        "Help",
        "Every key binding, the search query language and the config file",
    ),
]

# The compare screen's dialogs: pick the version one side shows, choose where to export.
PICKER_BINDINGS: list[BindingType] = [
    *DIALOG_HELP_BINDINGS,
    bind("compare.picker.cancel", "escape", "cancel", "Cancel", "Close the picker and keep the current version"),
    bind("compare.picker.down", "down", "move(1)", "Next", "Highlight the next version", show=False),
    bind("compare.picker.up", "up", "move(-1)", "Previous", "Highlight the previous version", show=False),
]

EXPORT_BINDINGS: list[BindingType] = [
    *DIALOG_HELP_BINDINGS,
    bind("compare.export.cancel", "escape", "cancel", "Cancel", "Close without exporting"),
]

GO_TO_BINDINGS: list[BindingType] = [
    *DIALOG_HELP_BINDINGS,
    bind("compare.go_to.cancel", "escape", "cancel", "Cancel", "Close without going anywhere"),
]

# Enter on a subscription: OptionList's own (select), declared again so that the footer says what
# it does (it did nothing); the feed's last fetch in full, said briefly by `reader fetch`.
SUBSCRIPTION_LIST_BINDINGS: list[BindingType] = [
    bind("subscriptions.details", "enter", "select", "Details", "Show the highlighted feed's last fetch in full"),
]

# A feed's details, over the list of subscriptions: modal, its help key its own too. q closes it,
# as it closes the help: the app's q does not reach a modal screen, and a dialog with no text box
# has no other use for it (the compare dialogs, which have one, type it).
FEED_DETAILS_BINDINGS: list[BindingType] = [
    *DIALOG_HELP_BINDINGS,
    bind("subscriptions.details.close", "escape,enter,q", "close", "Close", "Close the feed's details"),
]

# The list of subscriptions (the palette's "Subscriptions"): modal, so the help key is its own too.
SUBSCRIPTIONS_BINDINGS: list[BindingType] = [
    *DIALOG_HELP_BINDINGS,
    bind("subscriptions.close", "escape,q", "close", "Close", "Close the list of subscriptions"),
    bind(
        "subscriptions.fetch",
        "r",
        "fetch_selected",
        "Fetch feed",
        "Fetch the feed under the cursor now, due or not ({app.fetch}: every due feed); again while a fetch runs: stop it",
    ),
    # The app's fetch key, which Textual does not read over a modal screen: one id with it.
    bind(
        "app.fetch",
        "R",
        "fetch_all",
        "Fetch all",
        "Fetch every due feed (pressed again when none is due: all of them); again while a fetch runs: stop it",
        key_display="R",
    ),
]

# Bindings active together (those of a focused widget, its screen and the app): a key serves one
# binding at a time in each. (The quotes panel's y over the screen's y is the one default overlap,
# on purpose: it copies the quote.) The main screen's lists, article and search box are apart:
# the search box's ↓ never meets the lists' keys.
BINDING_PLACES: tuple[tuple[str, list[BindingType]], ...] = (
    ("the main screen", APP_BINDINGS + MAIN_BINDINGS + LIST_BINDINGS + QUOTES_BINDINGS),
    ("the main screen", APP_BINDINGS + MAIN_BINDINGS + READER_BINDINGS),
    ("the main screen", APP_BINDINGS + MAIN_BINDINGS + SEARCH_PANEL_BINDINGS + SEARCH_BINDINGS),
    ("the main screen", APP_BINDINGS + MAIN_BINDINGS + FILTER_BINDINGS),
    ("the main screen", APP_BINDINGS + MAIN_BINDINGS + SEARCH_PANEL_BINDINGS + LIST_BINDINGS + RESULTS_BINDINGS),
    ("the coverage view", APP_BINDINGS + COVERAGE_BINDINGS + LIST_BINDINGS),
    ("the comparison", APP_BINDINGS + COMPARE_BINDINGS + READER_BINDINGS),
    ("the version picker", APP_BINDINGS + PICKER_BINDINGS),
    ("the export dialog", APP_BINDINGS + EXPORT_BINDINGS),
    ("the go-to-sentence box", APP_BINDINGS + GO_TO_BINDINGS),
    ("the help screen", APP_BINDINGS + HELP_BINDINGS + READER_BINDINGS),
    ("the list of subscriptions", APP_BINDINGS + SUBSCRIPTIONS_BINDINGS + LIST_BINDINGS + SUBSCRIPTION_LIST_BINDINGS),
    ("a feed's details", APP_BINDINGS + FEED_DETAILS_BINDINGS),
)

# Bindings of a text box (or of a dialog whose box has the focus throughout): a character typed
# there is text, not a key.
TYPED_INTO = {
    "search.": "the search box",
    "filter.": "the filter box",
    "compare.picker.": "the version picker's filter",
    "compare.export.": "the export dialog's file name",
    "compare.go_to.": "the go-to-sentence box",
}

# Keys Textual binds on every screen itself: a binding mapped to one would never fire, or would
# take the key from Textual.
TEXTUAL_KEYS = {
    "tab": "tab moves the focus to the next pane",
    "shift+tab": "shift+tab moves the focus back",
    "ctrl+q": "ctrl+q quits before any other binding sees it",
    "ctrl+c": "ctrl+c copies the selected text",
}


def all_bindings() -> list[Binding]:
    """Every binding of the app, its screens, dialogs and widgets (one per id)."""
    found: dict[str, Binding] = {}
    for binding in (
        APP_BINDINGS
        + MAIN_BINDINGS
        + HELP_BINDINGS
        + LIST_BINDINGS
        + READER_BINDINGS
        + SEARCH_BINDINGS
        + FILTER_BINDINGS
        + RESULTS_BINDINGS
        + QUOTES_BINDINGS
        + COVERAGE_BINDINGS
        + COMPARE_BINDINGS
        + PICKER_BINDINGS
        + EXPORT_BINDINGS
        + GO_TO_BINDINGS
        + SUBSCRIPTIONS_BINDINGS
        + SUBSCRIPTION_LIST_BINDINGS
        + FEED_DETAILS_BINDINGS
    ):
        if isinstance(binding, Binding) and binding.id:
            found.setdefault(binding.id, binding)
    return list(found.values())


def every_binding() -> dict[str, Binding]:
    """Every binding a keymap may name, by id: reader's own and Textual's."""
    found: dict[str, Binding] = {}
    for binding in [*all_bindings(), *App.BINDINGS]:
        if isinstance(binding, Binding) and binding.id:
            found.setdefault(binding.id, binding)
    return found


class KeymapApp(App):
    """An App that keeps the keymap it applies, for hints and the help screen (Textual keeps its
    own copy private)."""

    keymap: Mapping[str, str] = MappingProxyType({})  # binding id -> keys, as the user wrote them

    def set_keymap(self, keymap: Mapping[str, str]) -> None:
        super().set_keymap(dict(keymap))
        self.keymap = MappingProxyType(dict(keymap))


def active_keymap(app: App) -> Mapping[str, str]:
    """The keymap in effect (none for an app that is not a KeymapApp: a test host)."""
    return app.keymap if isinstance(app, KeymapApp) else MappingProxyType({})


def key_hint(app: App, binding_id: str) -> str:
    """How the active keymap spells a binding's first key, for hints and messages ("/", "^f")."""
    binding = next(b for b in all_bindings() if b.id == binding_id)
    keys = active_keymap(app).get(binding_id) or binding.key
    first = keys.split(",")[0].strip()
    if first == binding.key.split(",")[0] and binding.key_display:
        return binding.key_display
    return app.get_key_display(Binding(first, ""))


def key_in_words(app: App | None, binding_id: str) -> str:
    """A binding's key for a sentence ("Enter opens…", "^o opens…"): as `key_hint` spells it,
    but Enter in words (the footer's ⏎ read as a symbol in prose); the default key without an app."""
    if app is None:
        binding = next(b for b in all_bindings() if b.id == binding_id)
        hint = binding.key_display or format_key(binding.key.split(",")[0])
    else:
        hint = key_hint(app, binding_id)
    return "Enter" if hint in ("⏎", "enter") else hint


def with_keys(app: App | None, text: str) -> str:
    """`text` (a tooltip, the help's legend) with each `{binding.id}` in it spelled as the key the
    active keymap binds (the default keys without an app)."""
    if "{" not in text:
        return text
    # Only the keys the text names: each key_in_words looks its binding up among all of them.
    named = key_ids(text) & {str(b.id) for b in all_bindings()}
    return fill_keys(text, {binding_id: key_in_words(app, binding_id) for binding_id in named})


def user_keymap(config: dict) -> tuple[dict[str, str], list[str]]:
    """The `keymap` section of the user's config as {binding id: keys}, plus problems found in it.

    Bad entries are skipped with a reason instead of failing the launch.
    """
    from reader.config import setting_place

    raw = config.get("keymap") if isinstance(config, dict) else None
    if raw is None:
        return {}, []
    where = f"{setting_place(config, 'keymap')}: keymap"
    if not isinstance(raw, dict):
        return {}, [f"{where}: must map binding ids to keys; ignored"]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in raw.items():
        if not isinstance(binding_id, str) or not binding_id.strip():
            problems.append(f"{where}: ignoring a key that is not a binding id: {binding_id!r}")
            continue
        if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip():
            problems.append(f"{where}: {binding_id}: keys must be a string like 'ctrl+f'")
            continue
        problem = key_problem(keys.strip())
        if problem:
            problems.append(f"{where}: ignoring {binding_id}: {problem}")
            continue
        keymap[binding_id.strip()] = keys_as_sent(keys.strip())
    keymap, clashes = without_clashes(keymap, where)
    return keymap, problems + clashes


def _keys(keys: str) -> list[str]:
    """The keys of a binding as Textual matches them ("/" is "slash", "?" "question_mark")."""
    return [k for k in normalize_keys(keys).split(",") if k]


def without_clashes(keymap: dict[str, str], where: str = "config keymap") -> tuple[dict[str, str], list[str]]:
    """The keymap without the entries that give a key two bindings in one place (or one that
    Textual keeps), and why each was left out.

    Textual lets such a binding take the key silently: `main.search: g` left Group with no key,
    `app.quit: j` quit where j should move down. An entry is left out only when it brings the
    key to the clash (two bindings that swap keys are fine); its binding keeps its default keys.
    """
    keymap = dict(keymap)
    problems: list[str] = []
    while (found := _first_clash(keymap)) is not None:
        dropped, reason = found
        for binding_id in dropped:
            keymap.pop(binding_id, None)
        problems.append(f"{where}: ignoring {' and '.join(dropped)}: {reason}")
    return keymap, problems


def _first_clash(keymap: dict[str, str]) -> tuple[list[str], str] | None:
    """The clash of the entry written first, if any: (the entries to leave out, why)."""
    order = list(keymap)
    return min(_clashes(keymap), key=lambda clash: min(order.index(i) for i in clash[0]), default=None)


def _clashes(keymap: dict[str, str]) -> Iterator[tuple[list[str], str]]:
    for binding_id, keys in keymap.items():
        box = next((box for prefix, box in TYPED_INTO.items() if binding_id.startswith(prefix)), None)
        typed = [key for key in _keys(keys) if (key_to_character(key) or "\n").isprintable()]
        if box and typed:
            yield [binding_id], f"{format_key(typed[0])} would be typed into {box}"
    order = list(keymap)
    for place, bindings in BINDING_PLACES:
        users: dict[str, list[Binding]] = {}  # key -> the bindings of this place it fires
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.id:
                continue
            for key in _keys(keymap.get(binding.id, binding.key)):
                if all(other.id != binding.id for other in users.setdefault(key, [])):
                    users[key].append(binding)
        for key, sharing in users.items():
            # The bindings the keymap brought to this key (it was not one of their own keys).
            moved = sorted(
                (b for b in sharing if b.id in keymap and key not in _keys(b.key)), key=lambda b: order.index(str(b.id))
            )
            shown = format_key(key)  # "/", not "slash"
            if moved and len(sharing) > 1:
                stayed = [b for b in sharing if b not in moved]
                if stayed:
                    other = stayed[0]
                    reason = (
                        f"{shown} is already {other.description} ({other.id}) on {place}; "
                        f"map {other.id} to another key as well to give {shown} to {moved[0].id}"
                    )
                else:
                    every = "both" if len(moved) == 2 else "all"
                    reason = f"{every} mapped to {shown} on {place}, where a key does one thing"
                yield [str(b.id) for b in moved], reason
            elif moved and key in TEXTUAL_KEYS and not (key == "ctrl+q" and moved[0].action == "quit"):
                yield [str(moved[0].id)], f"{TEXTUAL_KEYS[key]} (Textual's own key)"
