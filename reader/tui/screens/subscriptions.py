"""The list of subscriptions (the palette's "Subscriptions"): every feed followed, two lines each
(its outlet and URL; when it was last fetched, the articles kept from it and how that fetch went,
with the notes `reader feed list` adds, in the core's words), those with something to look at
first. It was a notice with room for a few feeds only. A modal screen: Escape closes, ↑ ↓ j k
PgUp PgDn Home End move, Enter shows the feed's last fetch in full (FeedDetailsScreen: `reader
fetch` says a failure briefly), r fetches the feed under the cursor (the app's fetch, FetchAsked: its
worker, lock and politeness; R fetches every due feed), its progress on a line above the list, and
the list is read again when it ends. Every name, URL and reason is untrusted: literal Content, never
markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.focus import focus_now
from reader.tui.keymap import (
    FEED_DETAILS_BINDINGS,
    LIST_BINDINGS,
    SUBSCRIPTION_LIST_BINDINGS,
    SUBSCRIPTIONS_BINDINGS,
    key_hint,
    key_in_words,
)
from reader.tui.legible import DimmedBehind
from reader.tui.notify import NoticesWait
from reader.tui.safe import join, label, one_line
from reader.tui.widgets.following_list import FollowingOptionList
from reader.tui.widgets.footer import ReaderFooter
from reader.wording import counted, fetched_when, outlet_shown, untrusted_shown

NO_SUBSCRIPTIONS = (
    "No subscriptions yet: add one with the command reader feed add URL, or bring those of another feed reader "
    "with reader feed import FILE (its OPML export, or newsboat's urls file)."
)
# Cells each part of a feed's lines is cut to: a 2,000-character URL or outlet name (a feed's own)
# no longer pushes how its last fetch went, the point of the list, off its line.
OUTLET_CELLS, URL_CELLS, OUTCOME_CELLS = 40, 200, 400
LOOK_KEYS = ("error", "stopped", "state_not_saved", "pages_left", "pages_failed", "moved_to", "not_asked")


@dataclass(frozen=True)
class Subscription:
    """One feed as the list shows it; every field but `stored` and `look` is untrusted."""

    outlet: str
    url: str
    stored: int
    last_fetched: str  # "10:00" today, "2025-10-21 10:00" or "never" (fetched_when)
    outcome: str  # feed_outcome: the status, then each note of the last run
    look: bool  # the last fetch left something to say beyond its status: listed first
    details: tuple[str, ...] = ()  # feed_details: the last fetch in full, a line each (Enter)


def subscriptions_listed(
    feeds: list[dict], outcome: Callable[[dict], str], details: Callable[[dict], list[str]] | None = None
) -> list[Subscription]:
    """`feeds` (Library.feeds) as the list's rows, those that need a look first, each group in
    feeds.yaml's order; `outcome`: the core's words for how the last fetch went, `details` for
    it in full (None: the outcome alone)."""
    rows = [
        Subscription(
            outlet=outlet_shown(feed.get("outlet")),
            url=str(feed.get("url") or ""),
            stored=int(feed.get("stored") or 0),
            last_fetched=fetched_when(feed.get("last_fetched")),
            outcome=outcome(feed),
            look=any(feed.get(key) for key in LOOK_KEYS),
            details=tuple(details(feed)) if details else (),
        )
        for feed in feeds
    ]
    return sorted(rows, key=lambda row: not row.look)  # stable


def subscription_prompt(row: Subscription) -> Content:
    """A feed's two lines: outlet and URL; last fetch, articles kept and how it went. A server's
    words are written as `reader feed list` writes them, escapes visible (untrusted_shown)."""
    mark = Content("! " if row.look else "  ").stylize("$text-warning")
    head = join(
        [
            mark,
            label(row.outlet, "bold", limit=OUTLET_CELLS),
            Content("  "),
            label(row.url, limit=URL_CELLS),
        ]
    )
    said = f"  last fetched {row.last_fetched} · {counted(row.stored, 'article')} · "
    how = label(untrusted_shown(row.outcome), "$text-warning" if row.look else "", limit=OUTCOME_CELLS)
    return join([head, Content("\n"), Content(said), how])


@dataclass
class FetchAsked(Message):
    """The screen's fetch keys: fetch `url` now (None: no feed under the cursor), or with `every`
    the due feeds (as the app's R), or stop the fetch that runs. Handled by the app, whose fetch it
    is (one at a time, its status line too)."""

    url: str | None
    every: bool = False


class SubscriptionList(FollowingOptionList):
    """The feeds: j and k move as in every list (one keymap id with them); Enter shows details."""

    BINDINGS = LIST_BINDINGS + SUBSCRIPTION_LIST_BINDINGS


def feed_details_text(row: Subscription) -> Content:
    """A feed's details: its outlet and URL, its last fetch, then each line of feed_details (or
    its outcome), whole and wrapped: literal Content, a server's words with escapes visible."""
    head = join([label(row.outlet, "bold", limit=OUTLET_CELLS), Content("\n"), label(row.url, limit=URL_CELLS)])
    lines = row.details or (row.outcome,)
    said = [f"last fetched {row.last_fetched} · {counted(row.stored, 'article')}", *lines]
    return join([head, Content("\n\n"), Content("\n".join(untrusted_shown(line) for line in said))])


class FeedDetailsScreen(DimmedBehind, ModalScreen[None]):
    """One feed's last fetch in full, over the list of subscriptions: Escape, Enter or q closes."""

    BINDINGS = FEED_DETAILS_BINDINGS
    HELP_SECTION = "Subscriptions"
    DEFAULT_CSS = """
    FeedDetailsScreen { align: center middle; }
    FeedDetailsScreen > VerticalScroll {
        width: 90%; max-width: 110; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    FeedDetailsScreen Static { height: auto; }
    """

    def __init__(self, row: Subscription) -> None:
        super().__init__(id="feed-details")
        self.row = row

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(feed_details_text(self.row), id="feed-details-text")
        yield ReaderFooter()

    def on_mount(self) -> None:
        box = self.query_one(VerticalScroll)
        box.border_title = "Feed"
        focus_now(box)

    def action_close(self) -> None:
        self.dismiss(None)


class SubscriptionsScreen(DimmedBehind, NoticesWait, ModalScreen[None]):
    """`rows`: subscriptions_listed's; `problems`: what was wrong reading feeds.yaml or the fetch
    state (an entry skipped, a damaged state), said above the list."""

    BINDINGS = SUBSCRIPTIONS_BINDINGS
    HELP_SECTION = "Subscriptions"
    HELP_NAVIGATION = [  # the help's "Moving around" over this list
        ("↑ ↓  PgUp PgDn  Home End", "move between the feeds ({nav.down} {nav.up} too, see above)"),
        ("Mouse", "the wheel and the scrollbar move the list; click a footer key to run it"),
    ]
    # Under 25 rows (an 80x24 terminal) the list takes the whole screen, without its own border or the line of hints
    # (the footer says Escape): at 40x12 one line of one feed was shown, its last fetch cut off.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (25, "-tall")]
    DEFAULT_CSS = """
    SubscriptionsScreen { align: center middle; }
    SubscriptionsScreen > Vertical {
        width: 90%; max-width: 120; height: 90%; min-height: 8;
        border: round $accent; background: $surface; padding: 0 1;
    }
    SubscriptionsScreen.-short > Vertical { width: 100%; height: 1fr; min-height: 0; padding: 0; }
    SubscriptionsScreen.-short #subscriptions-hint { display: none; }
    SubscriptionsScreen.-short OptionList { border: none; }
    SubscriptionsScreen Static { height: auto; }
    SubscriptionsScreen #subscriptions-problems { color: $text-warning; max-height: 6; }
    SubscriptionsScreen #subscriptions-fetch { display: none; max-height: 3; }
    SubscriptionsScreen #subscriptions-fetch.-said { display: block; }
    SubscriptionsScreen.-short #subscriptions-problems { max-height: 2; }
    SubscriptionsScreen OptionList { height: 1fr; }
    """

    def __init__(
        self, rows: list[Subscription], problems: list[str] | None = None, prompts: list[Content] | None = None
    ) -> None:
        """`prompts`: subscription_prompt of each row, made beforehand in a worker (10,000 feeds
        took 2 s of the screen's mount, the app frozen), else here."""
        super().__init__(id="subscriptions")
        self.rows = rows
        self.problems = problems or []
        self.prompts = prompts

    def head(self) -> str:
        looks = sum(row.look for row in self.rows)
        look = f", {looks:,} with a note from the last fetch (! first)" if looks else ""
        return f"{counted(len(self.rows), 'subscription')}{look}."

    def hint(self) -> str:
        fetch, every = key_hint(self.app, "subscriptions.fetch"), key_hint(self.app, "app.fetch")
        details = key_in_words(self.app, "subscriptions.details")
        return (
            f"{details} shows a feed's last fetch in full, {fetch} fetches the feed under the cursor, {every} every due feed; "
            f"{key_hint(self.app, 'subscriptions.close')} closes; reader feed list lists them in a shell."
        )

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.head()).stylize("bold"), id="subscriptions-head")
            yield Static(Content(self.hint()), id="subscriptions-hint")
            if self.problems:
                yield Static(Content("\n".join(one_line(p, 400) for p in self.problems)), id="subscriptions-problems")
            yield Static(id="subscriptions-fetch")  # the fetch's progress, then its summary (say_fetch)
            yield SubscriptionList(id="subscriptions-list")
        yield ReaderFooter()  # its own keys: the main screen's showed through beneath

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Subscriptions"
        options = self.query_one(SubscriptionList)
        if self.rows:
            prompts = self.prompts if self.prompts is not None else [subscription_prompt(row) for row in self.rows]
            options.add_options([Option(prompt) for prompt in prompts])
            options.highlighted = 0
        else:
            options.add_option(Option(Content(NO_SUBSCRIPTIONS), disabled=True))
        focus_now(options)

    def say_fetch(self, text: str) -> None:
        """The line above the list: the fetch's progress, then how it went (a server's words:
        literal Content, one line)."""
        line = self.query_one("#subscriptions-fetch", Static)
        line.update(Content(one_line(text, OUTCOME_CELLS)))
        line.set_class(bool(text), "-said")

    def show_rows(self, rows: list[Subscription], problems: list[str], prompts: list[Content]) -> None:
        """The list read again (after a fetch): the cursor stays on the feed it was on."""
        options = self.query_one(SubscriptionList)
        on = self.selected_url()
        self.rows, self.problems, self.prompts = rows, problems, prompts
        self.query_one("#subscriptions-head", Static).update(Content(self.head()).stylize("bold"))
        options.clear_options()
        if not rows:
            options.add_option(Option(Content(NO_SUBSCRIPTIONS), disabled=True))
            return
        options.add_options([Option(prompt) for prompt in prompts])
        urls = [row.url for row in rows]
        options.highlighted = urls.index(on) if on in urls else 0

    def selected_url(self) -> str | None:
        """The URL of the feed under the cursor, None when there is none."""
        at = self.query_one(SubscriptionList).highlighted
        return self.rows[at].url if self.rows and at is not None and 0 <= at < len(self.rows) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click) on a feed: its last fetch in full."""
        event.stop()
        at = event.option_index
        if self.rows and 0 <= at < len(self.rows):
            self.app.push_screen(FeedDetailsScreen(self.rows[at]))

    def action_fetch_selected(self) -> None:
        self.post_message(FetchAsked(self.selected_url()))

    def action_fetch_all(self) -> None:
        self.post_message(FetchAsked(None, every=True))

    def action_close(self) -> None:
        self.dismiss(None)
