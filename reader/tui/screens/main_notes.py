"""What the main screen says in the reader pane before an article is open, and which of an
article's addresses may go to a browser."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from textual.app import App
from textual.content import Content

from reader.tui.keymap import key_hint
from reader.tui.safe import address_to_open, join, label
from reader.wording import counted

WEB_SCHEMES = ("http://", "https://")
# The palette's command that forgets the search box's history, as the help names it.
CLEAR_SEARCH_HISTORY = "Clear the search history"
# The palette's command that repairs a damaged marks file (reader.state.repair), as notices name it.
REPAIR_MARKS = "Repair the marks file"
MARKS_SAVED_AT_LAST = "The read marks and stars kept in this window are saved now."
MARKS_KEPT_UNTIL_REPAIRED = (
    "The marks you set meanwhile are kept in this window and saved once the file is repaired (lost if you quit before)"
)


def welcome(
    app: App, indexing: bool = False, sample_config: Path | None = None, sample_among_others: bool = False
) -> Content:
    """The first text in the reader pane, spelled with the keys of the active keymap. `indexing`:
    the list is empty while the index is built (a folder's first launch), which it says first:
    "Choose an article in the list" beside a list of none left a newcomer looking for one.
    `sample_config`: the config file, when the app shows the bundled sample articles (no corpus
    given nor configured), which it says last with how to open one's own: a first start showed two
    articles with nothing to say whose they were. `sample_among_others`: other folders are read
    with it (the fetched articles, once `reader fetch` has run): "These are the sample articles"
    beside the user's own said they were all samples."""

    def key(binding_id: str) -> str:
        return key_hint(app, binding_id)

    return Content.assemble(
        ("reader", "bold"),
        "\n\nIndexing the corpus folder: its articles appear in the list as they are indexed (the progress is below)."
        if indexing
        else "",
        f"\n\n{'Then c' if indexing else 'C'}hoose an article in the list (Enter or a click), or press {key('main.search')} to search.",
        f"\n\n{key('main.group')} groups the list by story, {key('main.filter')} filters it, "
        f"{key('main.quotes')} shows the quotes, {key('main.compare')} compares outlets, "
        f"{key('app.help')} lists every key, {key('app.palette')} opens anything by title, "
        f"{key('app.quit')} quits.",
        *(
            ()
            if sample_config is None
            else (
                (
                    "\n\nBeside your own articles, the list holds the sample articles that come with reader. "
                    "To read a folder of yours in their place, start it with "
                    if sample_among_others
                    else "\n\nThese are the sample articles that come with reader. To read your own, start it with "
                ),
                "reader --corpus ~/news (your folder of articles), or put corpus: ~/news in ",
                label(str(sample_config), limit=300),
                ".",
            )
        ),
    )


def list_welcome(app: App, sample: bool = False, sample_among_others: bool = False) -> Content:
    """The welcome's first steps under the source list, where one pane shows no reader pane (the
    welcome there waits for an article to be opened: a newcomer never saw it). `sample` and
    `sample_among_others` as welcome's `sample_config`: at 80x24 the note that these are the
    bundled sample articles, and how to read one's own, was only in the hidden reader pane."""

    def key(binding_id: str) -> str:
        return key_hint(app, binding_id)

    steps = (
        f"Choose an article above (Enter or a click), or press {key('main.search')} to search. "
        f"{key('app.help')} lists every key, {key('app.quit')} quits."
    )
    if sample_among_others:
        steps += " Beside your articles are reader's samples (corpus: in config.yaml replaces them)."
    elif sample:
        steps += " These are reader's sample articles: reader --corpus ~/news opens your own folder."
    return Content(steps)


def empty_corpus(
    roots: Iterable[Path], skipped: int, command_line: Callable[[str], str], hidden: str | None = None
) -> Content:
    """What the reader pane says when the index is ready and holds no article. `command_line`
    (Library.command_line) writes a command with the --corpus the app was opened with: a bare
    `reader index` indexes the bundled seeds. `hidden` (hidden_articles_note): that its
    articles are in hidden folders, said in place of adding articles there, which it holds."""
    where = ", ".join(str(r) for r in roots) or "the corpus folder"
    parts = [
        Content("The corpus has no articles.").stylize("bold"),
        Content("\n\nNothing readable was found in "),
        label(where, limit=300),
        label(f": {hidden}.")  # folder names, each control or bidi character escaped (one_line)
        if hidden
        else Content(
            ". Add plain text, Markdown, HTML, RSS/Atom, JSON or JSON Lines files there; they are indexed "
            f"within seconds while the app is open (or by the command {command_line('index')})."
        ),
    ]
    if skipped:
        parts.append(
            Content(
                # `index --verbose`: on a terminal `reader index` names 10 a reason
                f"\n\n{counted(skipped, 'file was', 'files were')} skipped; the command "
                f"{command_line('index --verbose')} lists them with the reasons."
            )
        )
    return join(parts)


# Characters a web address never holds as they are (RFC 3986 has them percent-encoded).
_NOT_IN_URLS = frozenset(' "<>\\^`{|}')


def web_url_problem(url: str) -> str | None:
    """Why `url` does not go to a browser, or None: only plain http(s) addresses do (an
    article's URL is untrusted)."""
    if not url.lower().startswith(WEB_SCHEMES):
        return "only http and https addresses go to a browser"
    if url != address_to_open(url):
        return "a web address holds no line breaks or control characters"
    bad = next((c for c in url if c in _NOT_IN_URLS), None)
    if bad is not None:
        shown = "a space" if bad == " " else repr(bad)
        return f"{shown} is never part of a web address (addresses write it %-encoded)"
    return None
