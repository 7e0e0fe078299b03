"""Every key binding of the app, with an id (for the user's keymap), a description and a tooltip.

Users remap keys in their config file (`keymap: {binding-id: "keys"}`); `user_keymap` checks that
mapping and `KeymapApp.set_keymap` applies it. Every screen, dialog and widget takes its bindings
from here (the keymap check and the help screen rely on it).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from textual.app import App
from textual.binding import Binding, BindingType

from reader.tui.keycheck import key_problem


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
        "Open any article, story or comparison by fuzzy title",
        show=False,
    ),
    bind(
        "app.fetch",
        "R",
        "fetch_feeds",
        "Fetch",
        "Fetch new articles from your subscriptions (reader feed add URL)",
        key_display="R",
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
        "Show or hide the quotes panel (Enter on a quote jumps to it)",
        key_display="'",
    ),
    bind("main.compare", "c", "compare", "Compare", "Compare this article with another outlet's version of the story"),
    bind(
        "main.sidebar",
        "b",
        "toggle_sidebar",
        "Sidebar",
        "Show or hide the source list (more room for reading)",
        show=False,
    ),
    bind(
        "main.back", "escape", "back", "Back", "Leave search, clear the filter, return to the source list", show=False
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
        "Mark the article under the cursor (or the open one) read or unread",
        show=False,
    ),
    bind(
        "main.toggle_star",
        "s",
        "toggle_star",
        "Star",
        "Star or unstar (bookmark) the article under the cursor (or the open one)",
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

READER_BINDINGS: list[BindingType] = [
    bind("nav.down", "j", "scroll_down", "Down", "Move down (lists) or scroll down (the article)", show=False),
    bind("nav.up", "k", "scroll_up", "Up", "Move up (lists) or scroll up (the article)", show=False),
]

SEARCH_BINDINGS: list[BindingType] = [
    bind(
        "search.to_results",
        "down",
        "to_results",
        "To results",
        "Move from the search box to the results (Tab does too)",
        show=False,
    ),
]

QUOTES_BINDINGS: list[BindingType] = [
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
    bind("coverage.back", "escape", "back", "Back", "Clear the chosen mark, or return to the source list"),
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
        "coverage.mark",
        "space",
        "mark",
        "Mark",
        "Choose the mark under the cursor; a second mark of the story opens the comparison",
        key_display="space",
    ),
]

HELP_BINDINGS: list[BindingType] = [
    bind("help.close", "escape", "close", "Close", "Close the help screen"),
]

COMPARE_BINDINGS: list[BindingType] = [
    bind("compare.close", "escape", "close", "Close", "Close the comparison and go back to the article"),
    bind(
        "compare.next_difference",
        "right_square_bracket",
        "next_difference",
        "Next diff",
        "Jump to the next difference (a sentence one outlet alone reports, an altered or censored quote, a differing figure, different framing)",
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
        "told): again for the next place, then back to the difference",
        group=_DIFFERENCES,
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
        "Switch between aligned rows and the two articles whole, scrolled in sync",
    ),
    bind(
        "compare.export", "e", "export", "Export", "Write the comparison to a Markdown file (never inside the corpus)"
    ),
]

# The compare screen's dialogs: pick the version one side shows, choose where to export.
PICKER_BINDINGS: list[BindingType] = [
    bind("compare.picker.cancel", "escape", "cancel", "Cancel", "Close the picker and keep the current version"),
    bind("compare.picker.down", "down", "move(1)", "Next", "Highlight the next version", show=False),
    bind("compare.picker.up", "up", "move(-1)", "Previous", "Highlight the previous version", show=False),
]

EXPORT_BINDINGS: list[BindingType] = [
    bind("compare.export.cancel", "escape", "cancel", "Cancel", "Close without exporting"),
]


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
        + QUOTES_BINDINGS
        + COVERAGE_BINDINGS
        + COMPARE_BINDINGS
        + PICKER_BINDINGS
        + EXPORT_BINDINGS
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


def user_keymap(config: dict) -> tuple[dict[str, str], list[str]]:
    """The `keymap` section of the user's config as {binding id: keys}, plus problems found in it.

    Bad entries are skipped with a reason instead of failing the launch.
    """
    raw = config.get("keymap") if isinstance(config, dict) else None
    if raw is None:
        return {}, []
    if not isinstance(raw, dict):
        return {}, ["config: 'keymap' must map binding ids to keys; ignored"]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in raw.items():
        if not isinstance(binding_id, str) or not binding_id.strip():
            problems.append(f"config keymap: ignoring a key that is not a binding id: {binding_id!r}")
            continue
        if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
            keys = ",".join(keys)
        if not isinstance(keys, str) or not keys.strip():
            problems.append(f"config keymap: {binding_id}: keys must be a string like 'ctrl+f'")
            continue
        problem = key_problem(keys.strip())
        if problem:
            problems.append(f"config keymap: ignoring {binding_id}: {problem}")
            continue
        keymap[binding_id.strip()] = keys.strip()
    return keymap, problems
