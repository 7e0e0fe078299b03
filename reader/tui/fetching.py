"""Fetch from the app: `R` runs `Library.fetch` in a thread worker, shows progress in the status bar,
then a summary toast; new articles are indexed by the app's own index worker and appear in the
list without a restart (they carry no read mark, so they are unread). The list of subscriptions'
`r` fetches one feed the same way (as `reader fetch URL`), its progress said in that screen too,
which lists the feeds again when the fetch ends.

A mixin of ReaderApp, kept in its own module so the app module stays about routing.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.content import Content
from textual.message import Message
from textual.worker import get_current_worker

from reader.tui.keymap import key_hint
from reader.tui.safe import one_line
from reader.tui.screens.subscriptions import (
    NO_SUBSCRIPTIONS,
    FetchAsked,
    Subscription,
    SubscriptionsScreen,
    subscription_prompt,
    subscriptions_listed,
)
from reader.wording import on_screen, untrusted_shown

if TYPE_CHECKING:
    from reader.fetch import FetchReport
    from reader.fetch.store import Saved
    from reader.library import LibraryAPI
    from reader.tui.screens.main import MainScreen

MAX_FAILURE_LINES = 5  # in the toast; `reader feed list` and `reader fetch` show every one
# Said under a failed feed in the toast: where its failure is said in full, with what to do.
FAILED_FEED_IN_FULL = "Each feed's failure in full: the palette's Subscriptions, Enter on the feed."
UPDATED_LINE_WIDTH = 200  # cells of an "Updated upstream" line, its version said whole


@dataclass
class FetchProgress(Message):
    done: int
    total: int
    current: str = ""  # "feeds URL" or "pages URL" (the URL is untrusted)

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, FetchProgress)


@dataclass
class FetchFinished(Message):
    report: FetchReport
    shown: bool  # whether the fetched folder is part of the app's corpus


@dataclass
class FetchStopped(Message):
    reason: str  # one line for the user
    busy: bool = False  # another reader fetch holds the lock: nothing failed, nothing was fetched


@dataclass
class SubscriptionsListed(Message):
    rows: list[Subscription]  # subscriptions_listed's, one per subscription
    prompts: list[Content]  # subscription_prompt of each row, made in the worker
    problems: list[str]  # what was wrong in feeds.yaml or the fetch state (an entry skipped, a damaged state)
    again: bool = False  # read again after a fetch, for the list open: none is opened when it was closed since


@dataclass
class SubscriptionsFailed(Message):
    reason: str  # feeds.yaml could not be read: one line


def summary_line(report: FetchReport, key: str) -> str:
    """The summary, its hints for the app: the key pressed again fetches every feed now (the
    CLI's --all, which the app has no way to give); in the screen's words (a command named)."""
    return on_screen(
        report.summary(
            now_hint=f"{key} again fetches them now",
            retry_hint=f"{key} again tries now",
            listed_hint="each marked ! in the list of subscriptions",
        )
    )


def summary_text(report: FetchReport, shown: bool, key: str = "R", open_id: str | None = None) -> str:
    """The toast: the summary line, then one line per failure it does not name (URL: reason), capped,
    then the articles fetched as new versions (`open_id`: the article open in the app)."""
    # It quotes a feed's URL and reason: a server's words, escapes visible as on the CLI's lines
    # and the list of subscriptions (untrusted_shown), not a zero-width or format character hidden.
    lines = [one_line(untrusted_shown(summary_line(report, key))) + "."]
    # The summary names the first failed feed and the first not asked, with their reasons: not said twice.
    named = {feeds[0].url for feeds in (report.failed_feeds, report.deferred_feeds) if feeds}
    others = [failure for failure in report.failures if failure.url not in named]
    for failure in others[:MAX_FAILURE_LINES]:
        # In words, not backticks: the toast renders no Markdown.
        lines.append(one_line(untrusted_shown(f"{failure.named}: {on_screen(failure.reason)}"), 200))
    extra = len(others) - MAX_FAILURE_LINES
    if extra > 0:
        lines.append(f"… and {extra:,} more (reader fetch lists them all)")
    if any(feed.brief and feed.brief != feed.error for feed in report.failed_feeds):  # (said briefly)
        lines.append(FAILED_FEED_IN_FULL)
    lines.extend(_problem_lines(report))
    for warning in report.warnings[:MAX_FAILURE_LINES]:  # (a stray byte read as cp1252: said, not hidden)
        lines.append(one_line(untrusted_shown(warning), 200))
    if len(report.warnings) > MAX_FAILURE_LINES:
        lines.append(f"… and {len(report.warnings) - MAX_FAILURE_LINES:,} more warnings (reader fetch lists them all)")
    for problem in (report.write_problem, report.state_problem):
        if problem:
            lines.append(one_line(untrusted_shown(on_screen(problem)), 400))
    lines.extend(_updated_lines(report, open_id))
    if report.articles and not shown:
        lines.append("Not shown here: the app was opened with --corpus; the articles are in the fetched corpus.")
    return "\n".join(lines)


def _updated_lines(report: FetchReport, open_id: str | None) -> list[str]:
    """One line per article edited upstream and fetched as a new version beside the old, capped:
    the summary's "1 updated" named none, so the article open could be the old text, corrected
    since, with nothing to say so (the list shows the two versions as two rows of one title).
    The open article's new version comes first, so the cap never hides it, and a long title is
    cut before the version is, so the note that the open one is older is always read."""
    updated = [article for article in report.articles if article.version > 1]
    updated.sort(key=lambda article: not _replaces(article, open_id))  # stable: the others in order
    lines = []
    for article in updated[:MAX_FAILURE_LINES]:
        outlet = article.listed_outlet
        named = f"{outlet}: {article.title}" if outlet and article.title else article.title or article.id
        open_note = f"; the one open is version {article.version - 1}" if _replaces(article, open_id) else ""
        said = f" (version {article.version}{open_note})"
        lines.append(one_line(f"Updated upstream: {named}", UPDATED_LINE_WIDTH - len(said)) + said)
    extra = len(updated) - MAX_FAILURE_LINES
    if extra > 0:
        lines.append(f"… and {extra:,} more updated")
    return lines


def _replaces(article: Saved, open_id: str | None) -> bool:
    """Whether the fetched `article` is the new version of the article open."""
    return open_id is not None and article.previous == open_id


def _problem_lines(report: FetchReport) -> list[str]:
    """What was wrong in feeds.yaml (an entry skipped) or the fetch state, one line each, capped:
    a skipped subscription is said, never silently missing."""
    # 400: each names feeds.yaml by its whole path, and 200 cut the reason off after a long one.
    lines = [one_line(problem, 400) for problem in report.problems[:MAX_FAILURE_LINES]]
    extra = len(report.problems) - MAX_FAILURE_LINES
    if extra > 0:
        lines.append(f"… and {extra:,} more (reader fetch lists them all)")
    return lines


# The core's count of pages asked while feeds are still read, before the URL: "(3/10 pages) ".
PAGES_MEANWHILE = re.compile(r"\(([\d,]+/[\d,]+ pages)\) ?")


class FetchMixin(App):
    """What ReaderApp needs to fetch; uses self.library, self.main_screen and update_index()."""

    fetching = False
    # The fetch key stopped the running fetch: "Stopping the fetch…" stays until its summary. Textual
    # forgets a cancelled worker at once, but its thread goes on and still sends counts.
    fetch_stopping = False
    # The last fetch found no feed due: the key pressed again fetches them all now (as --all).
    fetch_all_next = False
    # A stopped fetch's line, said again in place of "Index ready (3 indexed)." once the articles
    # it stored are indexed: that line replaced "stopped before the end" on the status line.
    stopped_fetch_line: str | None = None
    if TYPE_CHECKING:  # ReaderApp's
        library: LibraryAPI

        @property
        def main_screen(self) -> MainScreen | None: ...

        def update_index(self, rebuild: bool = False) -> object: ...

        def clear_finished_work(self) -> None: ...

    def action_fetch_feeds(self) -> None:
        self.start_fetch()

    def on_fetch_asked(self, message: FetchAsked) -> None:
        """The list of subscriptions' fetch keys: that feed now, or the due ones (or stop the fetch that runs)."""
        if self.fetching or message.every or message.url is not None:
            self.start_fetch(None if message.every else message.url)
        else:
            self._say_in_subscriptions("No feed to fetch: the list is empty.")

    def start_fetch(self, url: str | None = None) -> None:
        """Fetch the due feeds (all of them when the last fetch found none due), or the feed `url`
        alone, due or not, as `reader fetch URL` does; while a fetch runs, stop it instead."""
        key = key_hint(self, "app.fetch")
        if self.fetching:
            self.stop_fetch()
            return
        self.fetching = True
        self.fetch_stopping = False
        self.clear_finished_work()
        said = f"Fetching {untrusted_shown(url)}…" if url is not None else "Fetching your subscriptions…"
        screen = self.main_screen
        if screen is not None:
            screen.status.progress(0, 0)
            if url is None:  # "Fetching feeds… (R stops)" in a narrow one (progress_words)
                screen.status.say_step("Fetching ", "your subscriptions", f"… ({key} stops)")
            else:
                screen.status.say(f"{said} ({key} stops)")
        self._say_in_subscriptions(f"{said} {self._stops_here()}")
        if url is not None:
            self.fetch_feeds(only=[url])
            return
        force, self.fetch_all_next = self.fetch_all_next, False
        self.fetch_feeds(force)

    def _subscriptions_screen(self) -> SubscriptionsScreen | None:
        """The list of subscriptions, when it is open (on top, or under the help)."""
        if not self.is_running:  # shutting down: its list may be pruned while the screen is attached
            return None
        return next((s for s in reversed(self.screen_stack) if isinstance(s, SubscriptionsScreen)), None)

    def _say_in_subscriptions(self, text: str) -> None:
        listed = self._subscriptions_screen()
        if listed is not None and listed.is_mounted:
            listed.say_fetch(text)

    def _stops_here(self) -> str:
        """How to stop the fetch from the list of subscriptions: either fetch key."""
        return f"({key_hint(self, 'subscriptions.fetch')} or {key_hint(self, 'app.fetch')} stops)"

    def stop_fetch(self) -> None:
        """The fetch key pressed while a fetch runs: stop it (a slow or silent server held the app
        at "Fetching 2/3 feeds" for minutes, with no way out but quitting). What came is kept; the
        summary says what was not fetched, asked for again on the next run."""
        if not self.fetching:  # chosen in the palette as the fetch ended: nothing left to stop
            return
        self.fetch_stopping = True
        self.workers.cancel_group(self, "fetch")
        screen = self.main_screen
        if screen is not None:
            screen.status.say("Stopping the fetch…")
        self._say_in_subscriptions("Stopping the fetch…")

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def fetch_feeds(self, force: bool = False, only: list[str] | None = None) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int, current: str = "") -> None:
            self.post_message(FetchProgress(done, total, str(current)))

        try:
            report = self.library.fetch(force=force, only=only, progress=progress, cancel=lambda: worker.is_cancelled)
        except Exception as exc:  # FeedsFileError, FetchBusy, a full disk: one line, never a crash
            from reader.library import FetchBusy

            busy = isinstance(exc, FetchBusy)
            self.post_message(FetchStopped(one_line(exc, 300) or type(exc).__name__, busy=busy))
            return
        self.post_message(FetchFinished(report, self.library.shows_fetched()))

    def on_fetch_progress(self, message: FetchProgress) -> None:
        if self.fetch_stopping:
            return  # "Stopping the fetch…" stays until the summary
        # "3/10 feeds (R stops) URL", then "5/12 pages (R stops) URL": each count has a known
        # total (the core's); how to stop it before the URL, which is what the line's … cuts.
        kind, _, url = message.current.partition(" ")
        pages = PAGES_MEANWHILE.match(url)
        if pages:  # "feeds (3/10 pages) URL": the pages asked while feeds are read, "1/2 feeds, 3/10 pages"
            kind, url = f"{kind}, {pages[1]}", url[pages.end() :]
        url = untrusted_shown(url)  # as every line names a URL: a bidi or zero-width character visible

        def lines(stops: str) -> tuple[str, ...]:
            """The line's wordings before its URL, longest first: narrower, the URL goes first
            (cut at its end), then the words, never how to stop it."""
            if not message.total:
                return (f"Fetching… {stops}",)
            count = f"{message.done:,}/{message.total:,}"
            return (f"Fetching {count} {kind} {stops}", f"{count} {kind} {stops}", f"{count} {stops}")

        first = lines(self._stops_here())[0]
        self._say_in_subscriptions(f"{first} {url}" if message.total and url else first)
        screen = self.main_screen
        if screen is None:
            return
        screen.status.progress(message.done, message.total)
        screen.status.say_fitted(lines(f"({key_hint(self, 'app.fetch')} stops)"), url if message.total else "")

    def on_fetch_finished(self, message: FetchFinished) -> None:
        self.fetching = False
        report = message.report
        key = key_hint(self, "app.fetch")
        # "No feed is due (--all fetches them now)" named an option the app has none of: the key
        # pressed again is its --all.
        self.fetch_all_next = report.nothing_due
        self._relist_subscriptions(one_line(untrusted_shown(summary_line(report, key)), 300))
        screen = self.main_screen
        if screen is not None:
            screen.status.idle()
            nothing = on_screen(report.nothing_to_fetch())  # no backticks: the status line shows them raw
            if nothing and not report.skipped_subscriptions:
                # No subscription at all: both ways in, first, so that a 60-column line shows them
                # both before it is cut (the toast says them in full).
                screen.status.say(
                    f"No subscriptions: reader feed add URL or feed import FILE in a shell, then press {key} again."
                )
            elif nothing:  # not "0 new": why, and what to do (the toast goes away, this line stays)
                screen.status.say(f"{nothing[0].upper()}{nothing[1:]}, then press {key} again.")
            else:
                screen.status.say(one_line(untrusted_shown(summary_line(report, key)), 300))
        if not report.feeds and not report.cancelled:  # stopped before any feed came: not "none yet"
            problems = _problem_lines(report)  # every entry skipped: say why, not "none yet"
            self.notify(
                "\n".join(["No usable subscription in feeds.yaml:", *problems])
                if problems
                # The toast wraps, so at 60 columns too it says both ways in; the status line cannot.
                else NO_SUBSCRIPTIONS,
                title="Fetch",
                severity="warning",
                markup=False,
                timeout=10,
            )
            return
        shown = screen.reader.article if screen is not None else None
        self.notify(
            summary_text(report, message.shown, key, open_id=shown.id if shown is not None else None),
            title="Fetch",
            severity="warning"
            if report.failures or report.problems or report.state_problem or report.not_written
            else "information",
            markup=False,
            timeout=12,
        )
        if report.articles and message.shown:
            if report.cancelled:
                self.stopped_fetch_line = one_line(untrusted_shown(summary_line(report, key)), 300)
            self.update_index()  # indexes the new files, then reloads the list

    def action_show_subscriptions(self) -> None:
        self.list_subscriptions()

    @work(thread=True, exclusive=True, group="subscriptions", exit_on_error=False)
    def list_subscriptions(self, again: bool = False) -> None:
        """feeds.yaml and the fetch state are read here: a large state takes seconds."""
        problems: list[str] = []
        skipped: list[str] = []  # feeds.yaml's entries it skips (a bad URL), said as `reader feed list` says them
        try:
            feeds = self.library.feeds(problems, skipped)
        except Exception as exc:  # an unreadable feeds.yaml: one line, never a crash
            self.post_message(SubscriptionsFailed(one_line(exc, 400)))
            return
        rows = subscriptions_listed(feeds, self.library.feed_outcome, self.library.feed_details)
        prompts = [subscription_prompt(row) for row in rows]
        self.post_message(SubscriptionsListed(rows, prompts, skipped + problems, again=again))

    def _relist_subscriptions(self, said: str) -> None:
        """A fetch ended with the list of subscriptions open: how it went, and the list read again."""
        if self._subscriptions_screen() is not None:
            self._say_in_subscriptions(said)
            self.list_subscriptions(again=True)

    def on_subscriptions_listed(self, message: SubscriptionsListed) -> None:
        listed = self._subscriptions_screen()
        if listed is not None:  # asked twice, or read again after a fetch: the one open shows it
            listed.show_rows(message.rows, message.problems, message.prompts)
            return
        if message.again:
            return  # closed since the fetch ended
        self.push_screen(SubscriptionsScreen(message.rows, message.problems, message.prompts))

    def on_subscriptions_failed(self, message: SubscriptionsFailed) -> None:
        self.notify(message.reason, title="Subscriptions", severity="error", markup=False, timeout=20)

    def on_fetch_stopped(self, message: FetchStopped) -> None:
        self.fetching = False
        self._relist_subscriptions(f"{'Not fetched' if message.busy else 'Fetch failed'}: {message.reason}")
        screen = self.main_screen
        if screen is not None:
            screen.status.idle()
            # A cron `reader fetch` under way is no failure: "Fetch failed" read as one.
            screen.status.say(f"{'Not fetched' if message.busy else 'Fetch failed'}: {message.reason}")
        self.notify(
            message.reason, title="Fetch", severity="warning" if message.busy else "error", markup=False, timeout=10
        )
