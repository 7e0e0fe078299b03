"""Every key binding of the app, with an id (for the user's keymap), a description and a tooltip.

Users remap keys in their config file (`keymap: {binding-id: "keys"}`); `user_keymap` checks that
mapping and `App.set_keymap` applies it. The help screen is generated from the active bindings.
"""

from __future__ import annotations

from textual.binding import Binding


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
    )


APP_BINDINGS = [
    bind("app.quit", "q", "quit", "Quit", "Leave reader (the terminal is restored)"),
    bind("app.help", "question_mark", "help", "Help", "Every key binding and the search query language", key_display="?"),
    bind("app.palette", "ctrl+p", "command_palette", "Open…", "Open any article, story or comparison by fuzzy title", show=False),
    bind("app.fetch", "R", "fetch_feeds", "Fetch", "Fetch new articles from your subscriptions (reader feed add URL)", key_display="R", show=False),
]

MAIN_BINDINGS = [
    bind("main.search", "slash", "search", "Search", "Search the whole corpus as you type", key_display="/"),
    bind("main.filter", "f", "filter", "Filter", "Filter the source list by title, outlet or story", show=False),
    bind("main.group", "g", "toggle_grouping", "Group", "Group the source list by outlet or by story"),
    bind("main.next_hit", "n", "next_hit", "Next hit", "Jump to the next match of the search in the article", show=False),
    bind("main.prev_hit", "N", "prev_hit", "Prev hit", "Jump to the previous match of the search in the article", key_display="N", show=False),
    bind("main.quotes", "apostrophe", "toggle_quotes", "Quotes", "Show or hide the quotes panel (Enter on a quote jumps to it)", key_display="'"),
    bind("main.compare", "c", "compare", "Compare", "Compare this article with another outlet's version of the story"),
    bind("main.sidebar", "b", "toggle_sidebar", "Sidebar", "Show or hide the source list (more room for reading)", show=False),
    bind("main.back", "escape", "back", "Back", "Leave search or filter and return to the source list", show=False),
]

HELP_BINDINGS = [
    bind("help.close", "escape", "close", "Close", "Close the help screen"),
]


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
        keymap[binding_id.strip()] = keys.strip()
    return keymap, problems
