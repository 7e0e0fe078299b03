"""One fetch run: due feeds first, then each new entry's page, in a pool of worker threads.

The main thread owns every decision and every write (which entries are new, dedupe, the store,
the state); the workers only download and extract. A failing feed or page is one line in the
report and never stops the others. Transient failures (timeouts, 5xx, 429) are tried again on
the next run; permanent ones (404, robots.txt, wrong content type, no article text) fall back to
the feed's own text when it is long enough, else the page is not asked for again until its feed
entry changes.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import gzip
import hashlib
import queue as _queue
import re
import threading
import time
from collections import Counter, defaultdict, deque
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass, field
from typing import Callable, Collection, Iterable
from urllib.parse import urljoin, urlsplit

from reader.corpus.decode import (
    BinaryFile,
    bom_text,
    with_its_utf16_bom,
    browsers_charset,
    charset_of_label,
    decode_bytes,
    name_match_key,
    sanitize,
    sanitize_line,
    utf8_with_strays,
    read_with_strays,
    strays_said,
)
from reader.corpus.formats import TIME_KEY, FormatError, parse_feed, parse_moment, read_json_feed, readable
from reader.corpus.html import MIN_WORDS, parse_html
from reader.fetch.http import (
    FAILURE_KINDS,
    FEED_TYPES,
    HTML_TYPES,
    FetchCancelled,
    FetchFailed,
    HttpClient,
    HttpSettings,
    Response,
    not_found_hint,
    wait_words,
)
from reader.fetch.reused_ids import (
    another_story_at_one_address,
    gives_no_words,
    note_reused,
    republished,
    reused_ids,
    same_story,
    times_telling_nothing,
    told_again,
    told_time,
)
from reader.fetch.store import (
    BATCH_FILES,
    ENTRY_KEYS,
    ArticleStore,
    Saved,
    digest_of_entry,
    entry_key,
    note_edit_outcome,
    note_read_here,
    text_hash,
    IDLE_EDITS_TRUSTED,
    IDLE_SINCE,
    UNCHECKED,
    judged_by_dates,
    note_page_answered,
    unchecked_keys,
    digests_read_here,
    idle_recheck_due,
    texts_tell_edits,
    not_saved_runs,
)
from reader.fetch.sections import site_of
from reader.fetch.subscriptions import Subscription, subscription_label
from reader.fetch.urls import canonical_url, feed_key, host_key, same_site
from reader.wording import Command, Said, counted, local_time, said, said_joined, shell_word

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# A feed's moment for an entry this near the moment the version kept at its address states is the
# same publication (stamped when it reached the feed); a daily story at one address is a day apart.
SAME_MOMENT_HOURS = 12


def _hours_apart(first: str, second: str) -> float:
    """How many hours apart two moments in UTC (parse_moment's, "…Z") are; infinitely many when
    either is no such moment (a wall-clock time, its zone not known)."""
    if not (first.endswith("Z") and second.endswith("Z")):
        return float("inf")
    try:
        apart = _dt.datetime.fromisoformat(first[:-1]) - _dt.datetime.fromisoformat(second[:-1])
    except ValueError:
        return float("inf")
    return abs(apart.total_seconds()) / 3600


def _days_apart(first: str, second: str) -> float:
    """How many days apart two ISO dates (_date's) are; infinitely many when one is no day (a
    kept file's front matter edited to 2025-02-30)."""
    try:
        return abs((_dt.date.fromisoformat(first) - _dt.date.fromisoformat(second)).days)
    except ValueError:
        return float("inf")


# A request under way this long is said as a wait on the progress line, again each second.
WAITING_SHOWN_AFTER = 2.0
WAITING_SHOWN_EVERY = 1.0
# How long a stop waits at most for the pages whose body came whole to be parsed and kept (those
# still arriving are given up at once: their worker stops at their next bytes).
# A 10 MB page takes a minute to parse on a busy machine: 30 s left ctrl+c (and R) seeming to do
# nothing; past this the page is asked again next run, as one cut off is.
STOP_GRACE = 5.0
STOP_SEEN = 0.3  # the moment given the workers to see the stop, or say their body came whole
# When a feed's move (moved_to) was last answered: a failure since keeps the move (_keep_moved).
MOVED_SEEN_AT = "moved_seen_at"
MAX_BACKOFF = 86400.0  # a feed failing again and again is still tried once a day
PAGE_ATTEMPTS = 5  # runs in a row a page may fail for now before it counts as gone
# A feed or page failing for now (a timeout, a 5xx) is a failure of the run (its exit status 1,
# said by `fetch --quiet`) from this run in a row on: a blip the next run mends mailed cron each time.
COUNTED_FROM = 3


def page_retry_delay(attempts: int, retry_after: float | None = None) -> float:
    """How long a page that failed for now `attempts` runs in a row waits before it is asked
    again: not at all after one failure (the next run asks), then 10 minutes, growing fourfold;
    longer when the server asked for it (Retry-After, a day at most)."""
    delay = 0.0 if attempts < 2 else min(600.0 * 4 ** (attempts - 2), MAX_BACKOFF)
    return max(delay, min(retry_after or 0.0, MAX_BACKOFF))


# A feed failing so is not to blame when every feed's host fails so: the machine is offline.
OFFLINE_KINDS = frozenset({"dns", "network"})


def retry_delay(every: float, failures: int) -> float:
    """How long a feed that failed `failures` times in a row waits before it is asked again: not
    at all after one failure (a passing glitch), then its `every`, doubling up to a day. A failing
    feed was asked on every run. (One that answered 410 Gone is not asked again: GONE_AT.)"""
    if failures < 2:
        return 0.0
    return min(max(every, 60.0) * 2 ** min(failures - 2, 20), MAX_BACKOFF)


def when(stamp: float) -> str:
    """A time for the user: "14:05" today, else "2025-10-21 14:05" (local time; wording.local_time)."""
    return local_time(stamp) or "unknown"


def utc_time(stamp) -> str | None:
    """A moment for scripts (`--json`): ISO 8601 in UTC with its offset, to the second, as an
    article's `fetched` is written ("2025-10-21T14:05:00+00:00"); None for none. `retry_at` was
    seconds since the epoch beside `last_fetched` in this form: a script read them two ways."""
    if not isinstance(stamp, (int, float)) or isinstance(stamp, bool) or not stamp:
        return None
    try:
        return _dt.datetime.fromtimestamp(stamp, _dt.timezone.utc).replace(microsecond=0).isoformat()
    except (OverflowError, OSError, ValueError):  # a damaged state's year 10^9
        return None


def retry_said(reason: str, kind: str, retry_after: float | None, retry_at: float) -> str:
    """A deferral the server said how long to wait for (a robots.txt answering 429), or a failure
    whose server asked to wait (a 429 or 503 with Retry-After), says when it is asked again:
    "robots.txt of example.com: too many requests; will retry after 14:05". A feed answering 429
    said only how long it was asked to wait, not when reader would ask again."""
    if retry_after is None or (kind != "deferred" and retry_after <= 0):
        return reason
    if retry_at <= time.time() + 1:
        return f"{reason}; will retry on the next run"
    return f"{reason}; will retry after {when(retry_at)}{_capped(retry_after)}"


def backoff_said(reason: str, failures: int, retry_at: float) -> str:
    """A feed failing for now (a 5xx, a refused connection, a timeout) that asked for no wait says
    when reader asks it again, as one whose server sent Retry-After does: "HTTP 503 Service
    Unavailable; will retry on the next run", then "…; failed 3 runs in a row, will retry after
    14:05" (retry_delay: the feed's `every`, doubling up to a day)."""
    if retry_at <= time.time() + 1:
        return f"{reason}; will retry on the next run"
    return f"{reason}; failed {failures} runs in a row, will retry after {when(retry_at)}"


def _without_wait_asked(reason: str, retry_after: float) -> Said:
    """`reason` less the "; asked to wait 60 s" the client adds to a 429 or 503 with Retry-After:
    said beside a later time of reader's own backoff, it read as a second time to retry at."""
    asked = f"; asked to wait {wait_words(retry_after)}"
    parts = reason.parts if isinstance(reason, Said) else (reason,)
    return said(*(part.replace(asked, "", 1) if isinstance(part, str) else part for part in parts))


def _capped(retry_after: float) -> str:
    """Said after when a feed is asked again, when the server asked to wait longer than reader
    does: "asked to wait over a year; will retry after 14:05" (the next day) read as a mistake."""
    return f" (reader waits {MAX_BACKOFF / 3600:.0f} h at most)" if retry_after > MAX_BACKOFF else ""


def try_again_said(reason: str, kind: str, retry_after: float | None, now: float | None = None) -> str:
    """What `feed add` says of a deferral (a robots.txt answering 429, a host that asked to wait),
    or of a feed whose server asked to wait (a 429 or 503 with Retry-After): when to try again, the
    server's Retry-After, as `fetch` says when it will retry ("robots.txt of example.com: too many
    requests; try again after 14:05"). No wait said: the reason alone."""
    if not retry_after or retry_after < 0:
        return reason
    # Honoured up to a day, as the fetch run honours it (a Retry-After of 10^23 s would not print).
    at = (time.time() if now is None else now) + min(retry_after, MAX_BACKOFF)
    return f"{reason}; try again after {when(at)}{_capped(retry_after)}"


# The limits that leave pages for later runs, as the summary names them.
_LIMIT_WORDS = {"max_pages": "max_pages per feed", "max_host_pages": "max_host_pages per host"}


@dataclass
class FeedResult:
    url: str
    outlet: str | None
    status: str  # "ok", "not-modified", "failed", "not-due", "not-reached"
    entries: int = 0
    new: int = 0
    updated: int = 0
    error: str | None = None
    kind: str | None = None  # why it failed, one of FAILURE_KINDS (as in `failed`); None unless failed
    failures: int = 0  # failed runs in a row (a failing feed waits longer each time)
    retry_at: float | None = None  # when a failing feed is asked again (not-due: skipped till then)
    moved_to: str | None = None  # moved for good here (a 301/308), answering or not: feeds.yaml is stale
    moved_to_subscribed: bool = False  # ... and that URL is subscribed too: this one is a repeat
    moved_seen_at: float | None = None  # when the move was last answered (a failure since keeps it)
    later: int = 0  # entries whose pages wait for a later run (over max_pages or max_host_pages in this one)
    same_text: int = 0  # entries not stored, their text an article's stored already (FetchReport.same_text)
    # Why the run did not read it (status "not-reached": stopped before it, by ctrl+c or a full disk)
    not_reached: str | None = None
    # Not asked: it answered 410 Gone at its last asking (GONE_AT), asked again only when named
    gone: bool = False
    brief: str | None = None  # `error` without what to do (Failure.brief), for the summary
    # Waiting till retry_at because its server asked it (Retry-After), which --all honours too
    server_wait: bool = False
    # ... till reader's backoff, later than the wait its server asked (SERVER_ASKED): said so
    backoff_held: bool = False

    def to_dict(self) -> dict:
        fields = dict(self.__dict__, retry_at=utc_time(self.retry_at), moved_seen_at=utc_time(self.moved_seen_at))
        for said_otherwise in (
            "gone",
            "brief",
            "server_wait",
            "backoff_held",
        ):  # (`fetch --json` lists its keys: the reason says it)
            del fields[said_otherwise]
        return fields


@dataclass(frozen=True)
class Failure:
    """A feed or page that failed: `reason` for people, `kind` (one of FAILURE_KINDS) and the HTTP
    `status` the server answered (None when it did not answer, or answered fine) for scripts."""

    url: str
    reason: str
    kind: str
    status: int | None = None
    # A failure of the run (exit status 1); False for a feed or page failing for now, asked again
    # on a later run, that has not failed COUNTED_FROM runs in a row yet (or a page not asked).
    counted: bool = True
    # The feed whose entry's page failed (None: the failure is the feed's own): a page's line named
    # only the page ("failed javascript:alert(1): …"), not which of the feeds listed it.
    feed: str | None = None
    # The reason without what to do ("HTTP 404 Not Found"), as `fetch` says a feed's failure on
    # its line: the advice of each, on each, was a screenful for ten feeds gone (None: the reason).
    brief: str | None = None

    @property
    def said_briefly(self) -> str:
        return self.brief or self.reason

    @property
    def named(self) -> str:
        """The URL as a failure line names it: a page with the feed that listed it."""
        return f"{self.url} (an entry of {self.feed})" if self.feed else self.url

    def to_dict(self) -> dict:
        return {
            "url": self.url,
            "reason": self.reason,
            "kind": self.kind,
            "status": self.status,
            "counted": self.counted,
            "feed": self.feed,
        }


def not_found_reason(url: str) -> Said:
    """A feed's HTTP 404, and what to do (the command that finds a moved feed marked: said())."""
    return said("HTTP 404 Not Found: ", not_found_hint(), f"; unsubscribe with: reader feed remove {shell_word(url)}")


@dataclass
class FetchReport:
    feeds: list[FeedResult] = field(default_factory=list)
    articles: list[Saved] = field(default_factory=list)  # new articles and new versions
    failures: list[Failure] = field(default_factory=list)  # feeds and pages
    duplicates: int = 0  # entries already stored under another link or with the same text
    # Of those, entries whose text is an article's stored already (another guid or link, one text):
    # 10,000 such entries stored 1 article, and the run said nothing of the 9,999 others.
    same_text: int = 0
    from_feed: int = 0  # articles kept from the feed's text (page unavailable or not wanted)
    unkept: int = 0  # entries with neither a link nor enough text of their own to keep
    requests: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    # False when stopped (cancelled) before any feed was asked, while it started: nothing done
    started: bool = True
    problems: list[str] = field(default_factory=list)  # in feeds.yaml (bad entries skipped)
    # What was read all the same but not quite as sent: a feed or page in UTF-8 but for stray
    # bytes (read as cp1252), one line each with its URL.
    warnings: list[str] = field(default_factory=list)
    # Which limits left pages for later runs: "max_pages" (per feed), "max_host_pages" (per host).
    limits: set[str] = field(default_factory=set)
    # Stopped (ctrl+c), all asked for again next run: the due feeds not read, the article pages not
    # fetched, and the entries of the feeds read not handled yet (neither stored from the feed's
    # text nor their page asked for: "2934 pages" called them pages, though most needed none).
    stopped_feeds: int = 0
    stopped_pages: int = 0
    stopped_entries: int = 0
    # Of stopped_pages, those under way when the run stopped (asked, their body not whole yet):
    # named in the summary, for the rest were never asked.
    stopped_arriving: list[str] = field(default_factory=list)
    # The feeds and pages that held their host a while, others of it waiting (`fetch --verbose`).
    host_holds: list[HostHeld] = field(default_factory=list)
    # Why the fetch state could not be saved at the run's end (its file and why in words: "the
    # disk is full"), else None: the articles fetched are stored all the same.
    state_not_saved: str | None = None
    # Why an article could not be written (its file and why in words: "the disk is full"), which
    # stopped the run there, else None: the articles listed are those stored before it.
    not_written: str | None = None

    @property
    def write_problem(self) -> str | None:
        """The line saying that an article could not be written, which stopped the run."""
        if self.not_written is None:
            return None
        return (
            f"cannot write the fetched articles: {self.not_written}; the fetch stopped there: the articles "
            "said before this are stored, the rest comes on the next fetch"
        )

    @property
    def state_problem(self) -> str | None:
        """The line saying that the run's last save of the fetch state failed, and what it means;
        None when an article could not be written either: write_problem's line is the one said
        (the state's "the articles fetched are stored all the same" would contradict it)."""
        if self.state_not_saved is None or self.not_written is not None:
            return None
        return (
            f"cannot save the fetch state: {self.state_not_saved}; the articles fetched are stored all the same "
            "(the next fetch may ask for their pages again, and stores none twice)"
        )

    @property
    def new(self) -> int:
        return sum(1 for a in self.articles if a.version == 1)

    @property
    def updated(self) -> int:
        return sum(1 for a in self.articles if a.version > 1)

    @property
    def later(self) -> int:
        return sum(f.later for f in self.feeds)

    @property
    def nothing_due(self) -> bool:
        """Whether every feed was left alone: not due yet, or waiting after failures."""
        return bool(self.feeds) and all(f.status == "not-due" for f in self.feeds) and not self.cancelled

    @property
    def skipped_subscriptions(self) -> list[str]:
        """The problems that are entries of feeds.yaml skipped as unusable."""
        return [p for p in self.problems if p.endswith("; skipped")]

    @property
    def counted_failures(self) -> list[Failure]:
        """The failures that make the run's exit status 1 (Failure.counted)."""
        return [failure for failure in self.failures if failure.counted]

    @property
    def failed_feeds(self) -> list[FeedResult]:
        """The feeds that failed, not counting those not asked (deferred_feeds)."""
        return [f for f in self.feeds if f.status == "failed" and f.kind != "deferred"]

    @property
    def deferred_feeds(self) -> list[FeedResult]:
        """The feeds not asked in this run: their host asked to wait, refused or timed out on the
        requests before them, or their robots.txt answered 429. Nothing of theirs failed: "2 feeds
        failed" counted one the host asked to wait for with the one it answered 429."""
        return [f for f in self.feeds if f.status == "failed" and f.kind == "deferred"]

    def summary(
        self,
        now_hint: str = "--all fetches them now",
        retry_hint: str = "--all or its URL tries now",
        listed_hint: str | Callable[[list[FeedResult]], str] = "each said below",
    ) -> Said:
        """ "12 new from 5 outlets; 1 updated; 1 feed failed: URL: reason" (one line; said(): a
        reason's command is marked). The hints say how to fetch the feeds not due now, and where
        the feeds not asked are each said, where the summary is read (the app has no --all, nor
        a line per failure on stderr): `listed_hint` may be a function of the feeds it is said of."""
        # One outlet with or without an emoji's presentation selector ("Rally ❤️", "Rally ❤")
        outlets = {(name := a.listed_outlet) and name_match_key(name) for a in self.articles if a.version == 1}
        parts: list[str] = [f"{self.new} new" + (f" from {counted(len(outlets), 'outlet')}" if self.new else "")]
        if self.updated:
            parts.append(f"{self.updated} updated")
        fetched = [f for f in self.feeds if f.status != "not-due"]
        waiting = [f for f in self.feeds if f.status == "not-due" and f.failures and f.retry_at]
        # (--all asks no feed gone: "no feed is due (--all fetches them now)" after --all)
        gone = [f for f in self.feeds if f.status == "not-due" and f.gone]
        if not fetched and self.feeds and len(waiting) + len(gone) < len(self.feeds):
            parts.append(f"no feed is due ({now_hint})")
        backing_off = [f for f in waiting if not f.server_wait]
        if backing_off:
            n, soonest = len(backing_off), min(f.retry_at or 0 for f in backing_off)
            parts.append(
                f"{counted(n, 'failing feed')} skipped until {when(soonest)}"
                f"{' at the earliest' if n > 1 else ''} ({retry_hint})"
            )
        held = [f for f in waiting if f.server_wait and not f.backoff_held]
        if held:  # (short: the app's status line is one line, 80 columns at the least)
            n, soonest = len(held), min(f.retry_at or 0 for f in held)
            parts.append(
                f"{counted(n, 'feed')} held till {when(soonest)}{' or later' if n > 1 else ''}"
                f" by {'their' if n > 1 else 'its'} server's Retry-After"
            )
        # Held as long by reader's backoff, later than what the server asked: not its server's wait.
        held = [f for f in waiting if f.server_wait and f.backoff_held]
        if held:
            n, soonest = len(held), min(f.retry_at or 0 for f in held)
            parts.append(
                f"{counted(n, 'failing feed')} held till {when(soonest)}{' or later' if n > 1 else ''}"
                f" by reader's backoff, later than {'their' if n > 1 else 'its'} server's Retry-After (--all waits too)"
            )
        if gone:
            first_gone = gone[0].url
            parts.append(
                said(
                    f"{counted(len(gone), 'feed')} gone (410) not asked: {first_gone} (",
                    Command(f"reader fetch {shell_word(first_gone)}", in_a_shell=True),
                    " asks it again)",
                )
            )
        # (a feed that failed where it moved says so in its failure, with what to do there)
        moved = [f for f in self.feeds if f.moved_to and f.status != "failed"]
        if moved:
            first_moved = moved[0]
            parts.append(
                f"{counted(len(moved), 'feed')} moved for good: {first_moved.url} is now "
                f"{first_moved.moved_to} ({moved_advice(first_moved.moved_to_subscribed)})"
            )
        hint = listed_hint if callable(listed_hint) else lambda _feeds: listed_hint
        failed = self.failed_feeds
        if failed:
            first = failed[0]
            # (said briefly: the failure lines after it say each, `feed list` with what to do)
            # "8 feeds failed: URL: why" read as if the eight were that one URL
            counted_so = (
                "1 feed failed: " if len(failed) == 1 else f"{len(failed)} feeds failed ({hint(failed)}), the first "
            )
            parts.append(said(f"{counted_so}{first.url}: ", first.brief or first.error or ""))
        deferred = self.deferred_feeds
        if deferred:
            not_asked = deferred[0]
            waits = (not_asked.error or "").removeprefix("not asked: ")
            # "3 feeds not asked: URL: why" read as if the three were that one URL
            counted_so = (
                "1 feed not asked: "
                if len(deferred) == 1
                else f"{len(deferred)} feeds not asked ({hint(deferred)}), the first "
            )
            parts.append(said(f"{counted_so}{not_asked.url}: ", waits))
        # A page refused before it was asked (a link into a private network, one robots.txt
        # disallows) did not fail: "3 pages failed" said it of a feed none of whose links was asked.
        pages = len(self.failures) - len(failed) - len(deferred)
        unasked = sum(1 for f in self.failures if f.feed is not None and f.kind in NOT_ASKED_KINDS)
        if pages - unasked:
            parts.append(f"{counted(pages - unasked, 'page')} failed")
        if unasked:
            parts.append(f"{counted(unasked, 'page')} not asked")
        if self.later:
            why = [w for key, w in _LIMIT_WORDS.items() if key in self.limits] or list(_LIMIT_WORDS.values())[:1]
            parts.append(f"{counted(self.later, 'page')} left for the next runs ({' and '.join(why)} per run)")
        unreached = [f for f in self.feeds if f.status == "not-reached"]
        if unreached and not self.cancelled:  # (stopped: counted as feeds not fetched, below)
            more = f" and {len(unreached) - 1} more" if len(unreached) > 1 else ""
            them = "them" if len(unreached) > 1 else "it"
            parts.append(
                f"{counted(len(unreached), 'feed')} not reached (the fetch stopped before {them}; the next fetch asks "
                f"{them}): {unreached[0].url}{more}"
            )
        if self.same_text:
            parts.append(
                f"{counted(self.same_text, 'entry', 'entries')} not stored: the same text as an article stored already"
            )
        if self.unkept:
            n = self.unkept
            parts.append(f"{counted(n, 'entry', 'entries')} with no link and too little text to keep skipped")
        if self.cancelled and not self.started:  # (the app's summary: the CLI says its own line)
            parts.append("stopped before any feed was asked (the fetch state is unchanged)")
        elif self.cancelled:
            unfetched = [
                counted(n, word) for n, word in ((self.stopped_feeds, "feed"), (self.stopped_pages, "page")) if n
            ]
            arriving, cut = self.stopped_arriving, ""
            if arriving and self.stopped_pages:  # which page the stop cut off as it came: named
                more = f" and {len(arriving) - 1} more" if len(arriving) > 1 else ""
                cut = f" ({len(arriving)} cut off as {'they' if more else 'it'} came: {arriving[0]}{more})"
            left = [f"{' and '.join(unfetched)} not fetched{cut}"] if unfetched else []
            if self.stopped_entries:
                left.append(f"{counted(self.stopped_entries, 'feed entry', 'feed entries')} not stored")
            # What was stored is said above ("3 new"); what was not, and that nothing is lost.
            tail = f": {', '.join(left)}, asked for again on the next run" if left else ""
            parts.append(f"stopped before the end{tail}")
        return said_joined("; ", parts)

    def nothing_to_fetch(self) -> Said | None:
        """Why the run fetched nothing at all: no subscription (or none usable in feeds.yaml), and
        how to subscribe (the command marked: said()); None when there was a feed. ("0 new" said
        nothing of the cause.)"""
        if self.feeds or self.cancelled:
            return None
        command = Command("reader feed add URL", in_a_shell=True)
        skipped = self.skipped_subscriptions
        if skipped:  # every entry of feeds.yaml was skipped: fixing it is the first remedy
            return said(
                f"nothing to fetch: no usable subscription in feeds.yaml ({counted(len(skipped), 'entry', 'entries')}"
                " skipped); fix it, or subscribe with ",
                command,
            )
        # Another reader's subscriptions come over at once (`feed import` reads OPML and newsboat's urls).
        added = Command("reader feed add URL")  # "in a shell" said once, after the second
        imported = Command("reader feed import FILE", in_a_shell=True)
        return said(
            "nothing to fetch: no subscriptions yet; subscribe with ", added, ", or bring yours with ", imported
        )

    def article_records(self) -> list[dict]:
        """The articles kept, as `list --json` gives them up to `replaced_by`: the id of the newest
        version this run kept of the page when it kept a later one too, else null (each is the
        newest of its page when kept: it replaces its `previous`, and nothing replaces it)."""
        newer = {a.previous: a.id for a in self.articles if a.previous}
        records = []
        for article in self.articles:
            newest, seen = article.id, {article.id}
            while newest in newer and newer[newest] not in seen:
                newest = newer[newest]
                seen.add(newest)
            records.append({**article.to_dict(), "replaced_by": newest if newest != article.id else None})
        return records

    def to_dict(self) -> dict:
        return {
            "new": self.new,
            "updated": self.updated,
            "duplicates": self.duplicates,
            "same_text": self.same_text,
            "from_feed": self.from_feed,
            "unkept": self.unkept,
            "later": self.later,
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "cancelled": self.cancelled,
            "started": self.started,
            "stopped": {"feeds": self.stopped_feeds, "pages": self.stopped_pages, "entries": self.stopped_entries},
            "feeds": [f.to_dict() for f in self.feeds],
            "articles": self.article_records(),
            "failed": [failure.to_dict() for failure in self.failures],
            "problems": list(self.problems),
            "warnings": list(self.warnings),
            "state_not_saved": self.state_not_saved,
            "not_written": self.not_written,
        }


# A feed of this many entries or more is said while the run goes through them (after its parse),
# which takes seconds: the line said "reading 8,077,954 bytes (17 s)" and stood still meanwhile.
ENTRIES_SAID = 1000


@dataclass(frozen=True)
class _Doing:
    """What a request under way does now, told by its worker for the progress line: "try 2 of 3"
    (and `why`, the failure before it) or "reading 3,000,000 bytes" (a feed being parsed)."""

    url: str
    what: str
    why: str = ""


@dataclass
class _Entry:
    feed: Subscription
    feed_title: str | None  # the title the feed gave in this run
    outlet: str | None
    canonical: str
    url: str
    stamp: str | None
    body: str  # the feed's own text of the entry
    meta: dict
    linkless: bool = False  # no link: kept from its own text, `url` is only its key
    # (the URL its article was kept under, its id, the id's key) of an entry of a feed of titles
    # alone back under its id at a new link, neither its title nor its time the kept one's: its
    # page's text tells whether it is that article moved (_settle_doubtful_move)
    moved_from: tuple[str, str, str] | None = None
    digest: str | None = None  # store.DIGESTS': its title and text as the feed gives them now
    # Its stamp unchanged, its title or text changed: what its page tells is noted of its feed
    # (store.IDLE_EDITS), so a feed whose texts change at every read stops costing a request each.
    edited: bool = False

    @property
    def from_text(self) -> bool:
        """Stored from the feed's own text, no page asked (its feed says articles: false, or no link)."""
        return not self.feed.articles or self.linkless


# Noted on a feed read whole: its body's digest with its options in feeds.yaml (_BodyDigest), and
# how many reads in a row gave it. The same bytes once more after two reads are not parsed again:
# feedparser took 3.3 s of CPU on 20,000 entries every run of a server that sends neither ETag nor
# Last-Modified. Two, as one read of an entry already kept by another feed notes that feed's
# digest of it only on the read after: the first read of new bytes is no fixed point yet.
BODY_DIGEST = "body_digest"
BODY_DIGEST_READS = "body_digest_reads"
# The digest of the feed's body last warned of for its stray bytes (strays_warning): the same
# bytes read again are not warned of again, every run of a cron job saying the same line.
STRAYS_WARNED = "strays_warned"


@functools.cache
def _parsed_by() -> str:
    """Part of each digest: a reader or feedparser of another version may parse the same bytes
    into other entries (a bug fixed), which the body read again gives it."""
    import feedparser

    from reader import __version__

    return f"reader {__version__}, feedparser {feedparser.__version__}"


@dataclass(frozen=True)
class _BodyDigest:
    options: str  # the feed's options in feeds.yaml that change what its entries give
    last: str | None  # the last read's digest, when a body like it may skip the parse

    def of(self, body: bytes) -> str:
        digest = hashlib.sha256(body)
        digest.update(b"\0" + self.options.encode("utf-8", "replace"))
        return digest.hexdigest()


@dataclass
class _FeedPage:
    """A feed as a worker read it: the response (None: not modified) and its entries, parsed in
    the worker, not the main thread (feedparser took 10 s on a feed of 5,000 entries, and the
    progress line stood still meanwhile), or why it gave none."""

    response: Response | None
    parsed: list[tuple[str, dict]] = field(default_factory=list)
    problem: str | None = None  # not a feed, or no usable entry
    problem_kind: str = "not_a_feed"  # or "malformed"
    names: str | None = None  # a web page given as the feed: the feed it names (alternates), if any
    # An XML feed that stops before its root's end tag (a connection dropped with no
    # Content-Length): its entries before the cut are read, its validators are not kept.
    cut_short: bool = False
    digest: str | None = None  # the body's (body_digest), noted once the feed is read whole
    unchanged: bool = False  # byte for byte the body read whole last time: not parsed again
    strays: tuple[int, int] | None = None  # UTF-8 but for stray bytes (decode.read_with_strays)


@dataclass
class _Page:
    """An article page as a worker read it: its text extracted, its raw bytes gzip-compressed as
    they are stored (`response.body` emptied): a page of a site whose outlet waits for a slow feed
    is held until then, and 150 pages of 1 MB held whole took 135 MB more."""

    response: Response | None  # None: not modified
    text: str | None = None
    meta: dict | None = None
    problem: str | None = None  # extraction failed (permanent)
    raw_gz: bytes | None = None  # the page as stored beside its text (.html.gz)
    strays: tuple[int, int] | None = None  # UTF-8 but for stray bytes (decode.read_with_strays)


def outlet_for(
    feed: Subscription,
    url: str | None,
    site_name: str | None = None,
    feed_title: str | None = None,
    siblings: Iterable[tuple[str, str | None, str | None]] = (),
) -> str | None:
    """The subscription's outlet, else the registry's by domain (article, then feed), else the
    outlet of the site's other sections (`siblings`: every subscription's url, outlet given and
    title; sections.shared_outlet: one given to another feed of the site, or the part of the title
    they all share), else the page's own site name, else the site's host when several feeds
    of it share no title, else the feed's title (as `feed add` noted it, else as the feed gives it
    now: `feed_title`; a feed added with --no-check has none noted)."""
    if feed.outlet:
        return feed.outlet
    from reader.corpus.outlets import default_registry
    from reader.fetch.sections import shared_outlet, site_of

    registry = default_registry()
    for candidate in (url, feed.url):
        found = registry.from_url(candidate) if candidate else None
        if found is not None:
            return found.name
    shared = shared_outlet(feed.url, siblings)
    if shared is not None and shared != site_of(feed.url):
        return shared
    return subscription_label(site_name or "") or shared or feed.title or subscription_label(feed_title or "")


def outlet_named_alone(feed: Subscription, subscriptions: Iterable[Subscription]) -> bool:
    """Whether outlet_for names the feed's entries whatever titles the other feeds of its site turn
    out to have: an outlet given to it or to another feed of its site (in feeds.yaml), one the
    registry knows by the feed's domain, or a site that is no one outlet (a platform of many).
    Otherwise the outlet may be the part of the titles the site's feeds share, and waits for them."""
    if feed.outlet:
        return True
    from reader.corpus.outlets import default_registry
    from reader.fetch.sections import is_one_outlet

    site = site_of(feed.url)
    if not is_one_outlet(site) or default_registry().from_url(feed.url) is not None:
        return True
    return any(other.outlet for other in subscriptions if site_of(other.url) == site)


def siblings_of(feeds: Iterable[Subscription], state: dict) -> list[tuple[str, str | None, str | None]]:
    """(url, outlet given, title) of each subscription, for outlet_for: the title as the last
    fetch gave it, else as `feed add` noted it."""
    from reader.fetch.sections import Siblings

    noted = state.get("feeds") or {}
    return Siblings((f.url, f.outlet, noted_title(noted.get(f.url) or {}) or f.title) for f in feeds)


def linkless_key(feed_url: str, ident: str | None, title: str | None, body: str, published: str | None = None) -> str:
    """The stable key of a feed entry without a link: its feed and its own id (an Atom <id>, an
    RSS <guid>), else its title and published date (what an edit of the entry leaves as it was,
    so the edit is a new version, as for a linked entry), else a hash of its title and text.
    Never fetched: it only keys the state."""
    import hashlib

    if ident and ident.strip():
        tail = "id:" + sanitize_line(ident.strip())[:200]
    elif published and published.strip():
        tail = "dated:" + hashlib.sha256(f"{title or ''}\n{published.strip()}".encode("utf-8")).hexdigest()[:16]
    else:
        tail = "text:" + hashlib.sha256(f"{title or ''}\n{text_hash(body)}".encode("utf-8")).hexdigest()[:16]
    return f"{canonical_url(feed_url)}#entry:{tail}"


def _linkless_keys(
    feed_url: str, parsed: list[tuple[str, dict]], own_text: Collection[int] = (), reused: Collection[str] = ()
) -> dict[int, str]:
    """linkless_key of each entry without a link, or kept from its own text (`own_text`), by
    position; an id found `reused` (reused_ids) keys none. Two entries of one feed with the same
    title and date (and no id) are told apart by their text: they are two articles."""
    keys = {
        n: linkless_key(
            feed_url,
            None if meta.get("_id") in reused else meta.get("_id"),
            meta.get("title"),
            body,
            meta.get("_published"),
        )
        for n, (body, meta) in enumerate(parsed)
        if not meta.get("url") or n in own_text
    }
    counts: dict[str, int] = defaultdict(int)
    for key in keys.values():
        counts[key] += 1
    for n, key in keys.items():
        if counts[key] > 1:
            body, meta = parsed[n]
            keys[n] = linkless_key(feed_url, None, meta.get("title"), body)
    return keys


def _canonical_links(parsed: list[tuple[str, dict]]) -> dict[int, tuple[str, str]]:
    """{position: (the entry's link as given, made one line; its canonical URL)} of the entries
    with a link, worked out once a read: each was canonicalised four times (canonical_url is
    ~20 µs, 1.6 s of CPU for a feed of 20,000 entries)."""
    links = {}
    for n, (_body, meta) in enumerate(parsed):
        if meta.get("url"):
            link = sanitize_line(str(meta["url"]))
            links[n] = (link, canonical_url(link))
    return links


def _linking_one_page(parsed: list[tuple[str, dict]], canonical: dict[int, tuple[str, str]]) -> set[int]:
    """The entries (by position) kept from their own text though they have a link: entries of other
    titles and texts that all link to one page (a site's front page, a list of notices) are not
    that page, each carrying its own text. Their page was fetched once and the others' texts were
    dropped as its "duplicates". One story given twice under two titles (the same text) is that
    page's, and an entry too short to keep still has its page fetched. Entries that each link to
    a part of the page (its anchor: a live blog's updates, "/live/storm#update-12") are that
    page's too: one article that changes, kept as its versions, not one article per update."""
    links = {n: link for n, (link, _canonical) in canonical.items()}
    pages = {n: page for n, (_link, page) in canonical.items()}
    titles: dict[str, set[str]] = defaultdict(set)
    texts: dict[str, set[str]] = defaultdict(set)
    unanchored: set[str] = set()  # the pages an entry links to as a whole
    for n, page in pages.items():
        titles[page].add(str(parsed[n][1].get("title") or ""))
        texts[page].add(text_hash(parsed[n][0]))
        if not links[n].partition("#")[2]:
            unanchored.add(page)
    return {
        n
        for n, page in pages.items()
        if len(titles[page]) > 1 and len(texts[page]) > 1 and page in unanchored and _words(parsed[n][0]) >= MIN_WORDS
    }


def _pages_of_several(
    parsed: list[tuple[str, dict]], own_text: set[int], canonical: dict[int, tuple[str, str]]
) -> dict[str, tuple[int, list[int]]]:
    """{canonical URL: (its newest entry, the entries that link to it)}, by position, for each
    page that several entries of a feed link to and are not kept from their own text
    (_linking_one_page): a live blog's updates, each to its anchor ("/live/storm#update-12"), one
    story under two titles. The page is one entry of its feed: handled once, as its newest entry
    (the first of them in the feed when none is later), changed when any of them is."""
    pages: dict[str, list[int]] = defaultdict(list)
    for n, (_link, page) in canonical.items():
        if n not in own_text:
            pages[page].append(n)

    def moment(n: int) -> tuple[str, str]:
        meta = parsed[n][1]
        return Fetcher._date(meta.get("date")) or "", str(meta.get("_time") or "")

    return {page: (max(numbers, key=moment), numbers) for page, numbers in pages.items() if len(numbers) > 1}


def is_subscribed(url: str, feeds: Iterable[Subscription]) -> bool:
    """Whether one of `feeds` is `url`, however spelled."""
    key = feed_key(url)
    return any(feed_key(feed.url) == key for feed in feeds)


def moved_advice(subscribed: bool) -> str:
    """What to do of a feed that moved for good: following "change its url" when the new address
    is subscribed too made feeds.yaml name one feed twice."""
    return "subscribed at its new address too: remove this one" if subscribed else "change its url in feeds.yaml"


def _shared_ids(parsed: list[tuple[str, dict]]) -> set[str]:
    """The ids (Atom <id>, RSS <guid>) that more than one entry of a feed gives: no entry's own."""
    counts: dict[str, int] = defaultdict(int)
    for _body, meta in parsed:
        if isinstance(meta.get("_id"), str):
            counts[meta["_id"]] += 1
    return {ident for ident, count in counts.items() if count > 1}


def _entry_id(ident, shared: set[str], feed_canonical: str) -> str | None:
    """What identifies a linked entry across reads of its feed, whatever its link: its own id (an
    Atom <id>, an RSS <guid>, which RSS 2.0 means to identify the item whether or not it is a
    permalink), a URL one spelled as canonical_url spells it (a guid's tracking parameters are
    no other entry). None for no id, or one several entries of the feed give now (a CMS's one
    guid for every item), or a site's home page or the feed's own address (a "latest story" feed
    of one entry gives it to each day's story): such entries are told apart by their links."""
    if not isinstance(ident, str) or not ident.strip() or ident in shared:
        return None
    ident = sanitize_line(ident.strip())
    if not re.match(r"^https?://", ident, re.I):
        return ident
    ident = canonical_url(ident)
    try:
        home = urlsplit(ident).path in ("", "/")
    except ValueError:
        home = False
    return None if home or ident == feed_canonical else ident


def _kept_after_cut(known: dict, now: dict[str, str]) -> dict:
    """A feed cut short's ENTRY_KEYS: those of the entries before the cut, then those noted before
    of the others, the most recently listed first, up to as many in all as the longer of the two
    reads listed: a feed cut short run after run piled up every id it ever gave."""
    room = max(len(known), len(now)) - len(now)
    earlier = [(key, link) for key, link in known.items() if key not in now][:room]
    return {**now, **dict(earlier)}


def _retry_at(record) -> float:
    """When a page that failed for now may be asked again (at once for a damaged record)."""
    return _noted_time(record, "retry_at")


def _server_pause(record) -> float:
    """Until when the server of a page that failed for now asked to wait (Retry-After): not asked
    before then even by --all (0: it asked for no wait, or a damaged record)."""
    return _noted_time(record, "server_pause")


def _noted_time(record, key: str) -> float:
    at = record.get(key) if isinstance(record, dict) else None
    return at if isinstance(at, (int, float)) else 0.0


# Noted on a feed whose run was stopped before its entries were all stored: it is due again at
# once, while its last fetch stays said (`feed list` said "last never" of a feed with 193 articles).
STOPPED = "stopped"
# A run saves its state as it goes, once its articles are in place (Fetcher._save_progress): at
# most this often (seconds; the articles written are put in place as often, store.BATCH_SECONDS),
# and no sooner than this many times as long as the last save took.
PROGRESS_SECONDS = 2.0
PROGRESS_COST = 50
# Noted beside STOPPED on the feeds a progress save writes: the run's note in the lock file
# ({"pid", "since"}). While that run holds the lock, `feed list` says such a feed is being fetched
# now; once it is gone (killed), the same state reads as stopped before the end.
IN_RUN = "in_run"


def fetching_now(state: dict, running: tuple[float | None, int | None] | None, key: str = IN_RUN) -> bool:
    """Whether the feed whose state is `state` is being fetched by the run holding the fetch lock
    (store.running_fetch's (since, pid); None: no run holds it); `key` QUEUED_IN: whether that run
    has it yet to read."""
    noted = state.get(key)
    if running is None or running[0] is None or not isinstance(noted, dict):
        return False
    return noted.get("since") == running[0] and noted.get("pid") == running[1]


# Noted by the progress saves on the feeds the run is to read and has not read yet: the run's
# note, as IN_RUN. While it runs, `feed list` says so beside the feed's earlier result; a run
# killed before it leaves the note, read by the next as NOT_REACHED (ENDED_BEFORE_IT).
QUEUED_IN = "queued_in"
# Noted on a feed a stopped run never read (ctrl+c, a full disk): why, said by `feed list` beside
# its earlier result until a run reads it (due at once: STOPPED). A feed fetched yesterday read
# "not fetched yet" or "stopped before the end", as if it had been read in part.
NOT_REACHED = "not_reached"
# When a feed answered 410 Gone: it is not asked again (newsboat-like daily asks of a feed the server
# removed for good were a failure a day in cron's mail) until `reader fetch FEED_URL` names it.
GONE_AT = "gone_at"
# Until when a failed feed's server asked it to wait (Retry-After, its own or its host's, capped at
# MAX_BACKOFF): not asked before then, not even by --all or by naming it (server_waits).
SERVER_PAUSE = "server_pause"
# The wait (seconds) the server asked for when reader's backoff was later and made SERVER_PAUSE.
SERVER_ASKED = "server_asked"


def _server_asked(state: dict) -> float | None:
    """The wait its server asked of a feed held longer by reader's backoff (SERVER_ASKED), else None."""
    asked = state.get(SERVER_ASKED)
    return float(asked) if isinstance(asked, (int, float)) and not isinstance(asked, bool) else None


def server_waits(state: dict, now: float) -> bool:
    """Whether a feed's server asked it to wait past `now` at its last failure (SERVER_PAUSE)."""
    pause = state.get(SERVER_PAUSE)
    return (
        state.get("status") == "failed"
        and isinstance(pause, (int, float))
        and not isinstance(pause, bool)
        and now < pause <= now + MAX_BACKOFF
    )


STOPPED_BEFORE_IT = "the fetch was stopped before it"
ENDED_BEFORE_IT = "the fetch ended before it (killed outright)"


def not_reached_words(reason: str) -> str:
    """What `feed list` says of a feed the last run did not read (NOT_REACHED's reason)."""
    return f"not read by the last fetch: {reason}; the next fetch asks it"


# Noted on a feed whose result in a run was lost with the state that run could not save at its
# end, by the next run (_queued_note_left): why (the state's file and the error), kept until a run
# reads the feed. `feed list` said "the fetch ended before it (killed outright)".
LOST_WITH_THE_STATE = "state_not_saved"


def lost_with_the_state(state: dict, not_saved: dict | None) -> str | None:
    """Why the last run's result for the feed whose state is `state` is not known: that run (its
    IN_RUN or QUEUED_IN note) could not save the fetch state at its end (store.run_not_saved's
    `not_saved`), so the state is its last progress save's. None for any other feed."""
    if not_saved is None:
        return None
    runs = not_saved_runs(not_saved)
    for key in (IN_RUN, QUEUED_IN):
        noted = state.get(key)
        if isinstance(noted, dict) and (noted.get("pid"), noted.get("since")) in runs:
            return sanitize_line(not_saved["why"])
    return None


def state_not_saved_words(why: str) -> str:
    """What `feed list` says of a feed whose last result was lost with the fetch state (lost_with_the_state)."""
    return (
        f"what the last fetch did with it is not known: it could not save the fetch state at its end ({why}); "
        "the next fetch reads it in full"
    )


def killed_before(state: dict) -> str | None:
    """ENDED_BEFORE_IT for a feed whose QUEUED_IN note no run holding the lock wrote (the caller
    checked): the run that was to read it is gone."""
    return ENDED_BEFORE_IT if isinstance(state.get(QUEUED_IN), dict) else None


def _queued_note_left(state: dict, not_saved: dict | None = None) -> None:
    """A run killed before it read a feed it was to read left QUEUED_IN: the next run reads it as
    a feed that run did not reach, due at once. A run that could not save the state at its end
    (`not_saved`, store.run_not_saved) left its feeds unknown: noted so (LOST_WITH_THE_STATE)
    until a run reads them, the note in the lock file being gone once this run lets go of it."""
    lost = lost_with_the_state(state, not_saved)
    if lost is not None:
        state.pop(QUEUED_IN, None)
        state[LOST_WITH_THE_STATE] = lost
        state[STOPPED] = True
        return
    if isinstance(state.pop(QUEUED_IN, None), dict) and not state.get(NOT_REACHED):
        state[NOT_REACHED] = ENDED_BEFORE_IT
        state[STOPPED] = True


def _stopped_midway(state: dict) -> None:
    """Read in full and at once next run: without its validators, so that a 304 does not hide the
    entries not stored yet, and due whatever its `every`."""
    state.pop("etag", None)
    state.pop("last_modified", None)
    state[STOPPED] = True


# Noted on a feed whose pages were left for the next run by max_pages or max_host_pages (their
# count): it is due again at once, as the summary's "left for the next runs" promises ("no feed is
# due" answered a fetch run straight after, for its whole `every`). Politeness is the per-host
# delay and the per-run limits', not the feed's `every`: each run asks at most the limits' pages.
PAGES_LEFT = "pages_left"


def noted_pages_left(state: dict) -> int:
    """The pages the per-run limits left for the next run, as noted on the feed (0: none)."""
    left = state.get(PAGES_LEFT)
    return left if isinstance(left, int) and not isinstance(left, bool) and left > 0 else 0


# Noted on a feed whose pages failed, or were not asked, in the last run that had any: {"failed":
# n, "of": pages asked, "reason": the first one's, "not_asked": pages refused before any request,
# "not_asked_reason": the first one's}, kept until a run has its pages again (a page gone is not
# asked again). `feed list` said "ok" of a feed whose every page answered 404, and "all 3 failed"
# of one whose links it never asked (into a private network, disallowed by robots.txt).
PAGES_FAILED = "pages_failed"
# A page failure of these kinds was no request to the page (PageTally): refused before one.
NOT_ASKED_KINDS = frozenset({"private_network", "robots", "deferred", "bad_url"})


@dataclass
class _PagesTally:
    """A feed's pages in one run: how many were asked, how many of those failed, how many were
    not asked (NOT_ASKED_KINDS), and the first reason of each."""

    asked: int = 0
    failed: int = 0
    reason: str = ""
    not_asked: int = 0
    not_asked_reason: str = ""

    def add(self, failures: list[Failure]) -> None:
        if failures and failures[0].kind in NOT_ASKED_KINDS:
            self.not_asked += 1
            self.not_asked_reason = self.not_asked_reason or str(failures[0].reason)
            return
        self.asked += 1
        if failures:
            self.failed += 1
            self.reason = self.reason or str(failures[0].reason)

    def noted(self) -> dict:
        return {
            "failed": self.failed,
            "of": self.asked,
            "reason": self.reason[:300],
            "not_asked": self.not_asked,
            "not_asked_reason": self.not_asked_reason[:300],
        }


def _count(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def noted_pages_failed(state: dict) -> dict | None:
    """PAGES_FAILED as noted on the feed, when it is one (a damaged note is none; one written
    before pages not asked were told apart has none)."""
    noted = state.get(PAGES_FAILED)
    if not isinstance(noted, dict):
        return None
    failed, of, reason = _count(noted.get("failed")), _count(noted.get("of")), noted.get("reason")
    not_asked, not_asked_reason = _count(noted.get("not_asked", 0)), noted.get("not_asked_reason", "")
    if failed is None or of is None or not_asked is None or failed > of or not (failed or not_asked):
        return None
    if not isinstance(reason, str) or not isinstance(not_asked_reason, str):
        return None
    return {
        "failed": failed,
        "of": of,
        "reason": sanitize_line(reason),
        "not_asked": not_asked,
        "not_asked_reason": sanitize_line(not_asked_reason),
    }


def pages_failed_words(noted: dict) -> str:
    """What `feed list` says of a noted_pages_failed: "the last pages asked: all 2 failed (HTTP
    404 …)", "the last pages: 3 not asked (skipped: link points into a private network …)", or
    both ("…: 1 of 2 failed (…), 3 more not asked (…)"): each count true of what happened."""
    failed, of, not_asked = noted["failed"], noted["of"], noted["not_asked"]
    said = []
    if failed:
        share = f"all {of}" if failed == of else f"{failed} of {of}"
        said.append(f"the last pages asked: {share} failed ({noted['reason']})")
    if not_asked:
        more = "more " if failed else ""
        lead = "" if failed else "the last pages: "
        why = noted["not_asked_reason"].removeprefix("not asked: ")
        said.append(f"{lead}{not_asked} {more}not asked ({why})")
    return ", ".join(said)


def feed_outcome(feed: dict) -> str:
    """How a subscription's last fetch went, as `feed_statuses` gives it, in the words `reader feed
    list` and the app's list of subscriptions both say: its status (or failure), then a note of
    each thing the last run left ("stopped before the end", pages left by a limit, pages failed
    or not asked, a permanent move, the feed not asked). Untrusted: it quotes URLs and reasons."""
    return "; ".join(_outcome_notes(feed))


def feed_details(feed: dict) -> list[str]:
    """A subscription's last fetch in full, a line each (the app's details of a feed, Enter in its
    list of subscriptions, where `fetch` said a failure briefly): feed_outcome's status and notes,
    then when a failing feed is asked again and when its move was last answered."""
    lines = _outcome_notes(feed)
    retry_at, failures = feed.get("retry_at"), feed.get("failures") or 0
    if (
        feed.get("status") == "failed"
        and isinstance(retry_at, (int, float))
        and not feed.get("gone_since")
        and "will retry" not in str(feed.get("error"))  # (said so by a failure of this reader's)
    ):
        again = f"asked again after {when(retry_at)}" if retry_at > time.time() else "asked again on the next fetch"
        lines.append(f"{counted(failures, 'failed run')} in a row: {again}")
    seen = feed.get("moved_seen_at")
    if feed.get("moved_to") and isinstance(seen, (int, float)):
        lines.append(f"the move to {feed['moved_to']} was last answered {when(seen)}")
    return lines


def _outcome_notes(feed: dict) -> list[str]:
    """feed_outcome's parts: the status (or failure in full), then each note of the last run."""
    outcome = f"failed: {feed['error']}" if feed.get("error") else feed.get("status") or "not fetched yet"
    notes = [outcome]
    if feed.get("fetching"):
        notes.append("being fetched now (a reader fetch is under way)")
    elif feed.get("queued"):
        notes.append("not read yet by the fetch under way")
    elif feed.get("state_not_saved"):
        notes.append(state_not_saved_words(feed["state_not_saved"]))
    elif feed.get("not_reached"):
        notes.append(not_reached_words(feed["not_reached"]))
    elif feed.get("stopped"):
        notes.append("stopped before the end (the rest comes on the next fetch)")
    if feed.get("pages_left"):
        notes.append(
            f"{counted(feed['pages_left'], 'page')} left by a per-run limit (the next fetch goes on with them)"
        )
    if feed.get("pages_failed"):  # the feed was read, but none or few of its pages came
        notes.append(pages_failed_words(feed["pages_failed"]))
    if feed.get("moved_to") and not str(feed.get("error") or "").startswith(f"moved for good to {feed['moved_to']}"):
        notes.append(f"moved for good to {feed['moved_to']} ({moved_advice(bool(feed.get('moved_to_subscribed')))})")
    if feed.get("not_asked"):  # "not asked: example.com timed out…", or robots.txt's failure
        notes.append(f"not asked in the last run: {feed['not_asked'].removeprefix('not asked: ')}")
    if feed.get("dates_only"):
        notes.append(dates_only_words(feed.get("recheck_at")))
    return notes


def dates_only_words(recheck_at: float | None) -> str:
    """Why a feed's edits are told by its entries' dates alone, and till when (store.IDLE_SINCE)."""
    due = recheck_at if recheck_at and recheck_at > time.time() else None
    when = f"at the first fetch from {local_time(due) or 'later'}" if due else "at the next fetch"
    return (
        f"judged by its dates only (its entries' texts changed in {IDLE_EDITS_TRUSTED} reads in a row while their "
        f"pages did not; the pages of the entries whose texts changed since are asked {when})"
    )


def _asked_now(state: dict) -> None:
    """A feed's state once it was asked in this run: fetched now, no "not asked" note left (nor a
    410 Gone of before: asked again, it is gone only if it answers 410 again)."""
    note_read_here(state)  # fetched_at, and that this reader read it (store.DIGESTS_READ_AT)
    state.pop(GONE_AT, None)
    state.pop(STOPPED, None)
    state.pop(IN_RUN, None)
    state.pop(QUEUED_IN, None)
    state.pop(NOT_REACHED, None)
    state.pop(LOST_WITH_THE_STATE, None)
    state.pop(PAGES_LEFT, None)
    state.pop("not_asked", None)
    state.pop("not_asked_runs", None)


GONE_BRIEF = "HTTP 410 Gone: the feed was removed for good, so it is not asked again"


def gone_reason(url: str) -> str:
    """Why a feed that answered 410 Gone failed, and what to do (its state notes GONE_AT)."""
    return (
        "HTTP 410 Gone: the feed was removed for good, so it is not asked again (ask it again with: "
        f"reader fetch {shell_word(url)}; unsubscribe with: reader feed remove {shell_word(url)})"
    )


def gone_since(state: dict) -> float | None:
    """When the feed answered 410 Gone, if it did at its last asking: it is not asked again till
    named (`reader fetch FEED_URL`); None otherwise (a damaged state's value too)."""
    stamp = state.get(GONE_AT)
    return float(stamp) if isinstance(stamp, (int, float)) and not isinstance(stamp, bool) and stamp > 0 else None


def _ask_order(state: dict) -> tuple[int, bool]:
    """A due feed's place in its host's queue: the fewer failures in a row the sooner, and of as
    many, one not asked in its last run (its host down, or its host left for a sibling's 429 or
    503: `deferred`, a failure noted as the fetch's) before one asked. A section that answers 503
    on every run was asked first among its site's feeds, each left unasked behind it, for good."""
    return _failures(state), not (state.get("not_asked") or state.get("kind") == "deferred")


def host_was_down(state: dict) -> bool:
    """Not asked in its last run, its host down (refused or timed out), and failing for it: its
    last fetch's status stays as it was, and it waits till its retry_at as a failed feed does."""
    return bool(state.get("not_asked")) and _failures(state) > 0 and state.get("status") != "failed"


def _failures(state: dict) -> int:
    """Failed runs in a row noted for a feed (0 in a state written before they were counted)."""
    count = state.get("failures")
    return count if isinstance(count, int) and count > 0 else 0


def noted_kind(state: dict) -> str | None:
    """The kind of a failing feed's last failure (FAILURE_KINDS); "error" in a state written
    before kinds were noted, so that a failed feed always has one."""
    if state.get("status") != "failed":
        return None
    kind = state.get("kind")
    return kind if isinstance(kind, str) and kind in FAILURE_KINDS else "error"


def noted_reason(value) -> str | None:
    """A reason noted in the state as one line (None for none, or a damaged one)."""
    return _one_line(value) if isinstance(value, str) and value.strip() else None


def noted_site(state: dict) -> str | None:
    """The name the feed's own pages gave their site (og:site_name), as its last pages gave it."""
    site = state.get("site_name")
    return subscription_label(site) if isinstance(site, str) else None  # a state written before labels


def noted_title(state: dict) -> str | None:
    """The feed's own title as the last good fetch gave it (None before, or in an older state)."""
    title = state.get("title")
    return subscription_label(title) if isinstance(title, str) else None  # a state written before labels


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:300]


def content_type(response: Response) -> str:
    """The Content-Type to read a feed by: the header's media type and charset, less a one-byte
    charset that the bytes contradict by being valid UTF-8 beyond ASCII, as a page is read
    (_decode): a server whose default says iso-8859-1 in front of a UTF-8 feed made every
    "Ça va — déjà" read "Ã‡a va â€” dÃ©jÃ", and legacy text is almost never valid UTF-8."""
    charset = response.charset
    if charset and not charset.lower().startswith(("utf", "ucs")) and not response.body.isascii():
        try:
            response.body.decode("utf-8")
            charset = None
        except UnicodeDecodeError:
            if utf8_with_strays(response.body) is not None:  # UTF-8 but for a stray byte or two
                charset = None
    return f"{response.content_type}; charset={charset}" if charset else response.content_type


WEB_PAGE_NOT_A_FEED = "a web page, not a feed"
# What a page given as the feed that names none is told (after WEB_PAGE_NOT_A_FEED), FEED quoted.
WEB_PAGE_NAMING_NO_FEED = (
    ' that names none (no <link rel="alternate"> to RSS, Atom or JSON Feed): switch to the site\'s feed'
    " with: reader feed remove {feed}; reader feed add FEED-URL (a page of the site that names it will do)"
)
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def _feed_problem(response: Response) -> tuple[str, str]:
    """Why a body gave no usable entries, as (kind, reason): empty, a web page (and the feed it
    names, if any), the parser's words when the XML is broken ("malformed"). Kind "empty" for a
    whole, well-formed feed that lists no entry now (an alerts feed between alerts, a new site's
    feed): no failure (_unusable_feed)."""
    kind, problem, _names = _feed_problem_named(response)
    return kind, problem


def _feed_problem_named(response: Response) -> tuple[str, str, str | None]:
    """_feed_problem's (kind, reason), and the feed a web page given as the feed names (None:
    not a web page, or one that names none)."""
    import feedparser

    body = response.body
    if not body.strip():
        return "not_a_feed", "the server sent an empty response, not a feed", None
    if _HTML_START.match(body[:4096]) or ("html" in response.content_type and b"<html" in body[:4096].lower()):
        named = alternates(decoded_page(response), response.url)
        hint = f"; the page names its feed: {named[0][:200]}" if named else ""
        return "not_a_feed", f"{WEB_PAGE_NOT_A_FEED}{hint}", named[0][:200] if named else None
    json_feed = read_json_feed(body, content_type(response))
    if json_feed is not None:
        if json_feed.get("items") == []:
            return "empty", "a JSON Feed with no entries now", None
        items = json_feed.get("items")
        if not isinstance(items, list):
            return "not_a_feed", "a JSON Feed with no items list", None
        return "not_a_feed", _no_usable_entry(len(items)), None
    # Only whether and why it parses: no sanitizing of its HTML (most of feedparser's time).
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None:
        detail = getattr(problem, "getMessage", lambda: str(problem))()
        return "malformed", _one_line(f"malformed feed: {str(detail)[:160]}{_where_broken(problem, body)}"), None
    entries = parsed.get("entries") or []
    # A connection dropped before the first entry is no empty feed.
    if not entries and not parsed.get("bozo") and parsed.get("version") and not xml_feed_cut_short(body):
        return "empty", "a feed with no entries now", None
    media = sorted({str(e.get("type") or "a file")[:40] for entry in entries for e in entry.get("enclosures") or []})
    if media:  # a podcast: said as one, not as a feed that lost its links
        return (
            "not_a_feed",
            (f"the feed's entries carry only enclosures ({', '.join(media[:3])}), no article link or text: a podcast?"),
            None,
        )
    if entries:
        return "not_a_feed", _no_usable_entry(len(entries)), None
    return "not_a_feed", "not an RSS, Atom or JSON feed", None


# feedparser's own declaration, which replaces the feed's or goes on a line before the feed
_PARSED_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>"
_XML_DECLARATION = re.compile(r"<\?xml[^>]*?>")


def _where_broken(problem: BaseException, body: bytes) -> str:
    """Where the XML parser stopped in the feed as sent, as an editor counts (" at line 3, column
    18": expat's column is from 0), for the one who writes the feed; "" when the parser said no
    place (an encoding's mismatch). feedparser parses the feed with its own declaration first: a
    line more when the feed had none, a longer first line when it had one. Its declaration is
    looked for in characters, as expat counts columns: a UTF-16 feed's, in its bytes, was never
    found (line 2 said to be line 1, or no place at all)."""
    try:
        line, column = problem.getLineNumber(), problem.getColumnNumber()  # type: ignore[attr-defined]
    except (AttributeError, TypeError):
        return ""
    if not isinstance(line, int) or not isinstance(column, int):
        return ""
    head = body[:4096]  # (a declaration is at the start)
    start = bom_text(with_its_utf16_bom(head))
    declared = _XML_DECLARATION.match(start if start is not None else head.decode("latin-1"))
    if not declared:
        line -= 1
    elif line == 1:
        column += len(declared.group()) - len(_PARSED_DECLARATION)
    if line < 1 or column < 0:
        return ""
    return f" at line {line:,}, column {column + 1:,}"


def _no_usable_entry(entries: int) -> str:
    """Why a feed's entries gave nothing to keep: how many there are, and what each lacks ("no
    entry of the feed links to an article or carries its text" was said of entries that carried a
    line of text, too little to keep)."""
    lacks = f"enough text to keep (at least {MIN_WORDS} words)"
    if entries == 1:
        return f"its one entry neither links to an article nor carries {lacks}"
    return f"none of its {entries:,} entries links to an article or carries {lacks}"


def _unusable_feed(response: Response) -> _FeedPage:
    """A body that gave no usable entries: a feed that lists none now is read, empty (newsboat
    shows it so; failed, every cron run exited 1 and the feed backed off for up to a day, though
    `feed add` had taken it); anything else fails with _feed_problem's reason."""
    kind, problem, names = _feed_problem_named(response)
    if kind == "empty":
        return _FeedPage(response, [])
    return _FeedPage(response, problem=problem, problem_kind=kind, names=names)


_TRAILING = b" \t\r\n\x00"  # after a feed's end: white space, and NULs some servers pad with
_ROOT_END = re.compile(rb"</(?:[\w.-]+:)?(?:rss|feed|rdf)\s*>\Z", re.I)


def _newest_first(entry: _Entry) -> str:
    """An entry's sort key, newest first when reversed: its date as stored ("" when it has none),
    so that an unreadable date ("yesterday", kept as written) or a bogus future one (2099) counts
    as none and goes last; as written, either was asked for before every dated page."""
    return Fetcher._date(entry.meta.get("date")) or ""


def xml_feed_cut_short(body: bytes) -> bool:
    """Whether an RSS, RDF or Atom feed's bytes stop before its root's end tag (comments, white
    space and NUL padding after it are fine). A JSON Feed is never cut short here: its parse
    fails. A UTF-16 feed's end tag is looked for in UTF-16: in its bytes it was never found, and
    such a feed, as one padded with NULs, was read whole every run, never answered 304."""
    if body.lstrip()[:1] in (b"{", b"["):
        return False
    tail = body[-4096:]
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if body.startswith(b"\xff\xfe") else "utf-16-be"
        tail = tail.decode(codec, "replace").encode("utf-8")
    tail = tail.rstrip(_TRAILING)
    while tail.endswith(b"-->") and (start := tail.rfind(b"<!--")) >= 0:  # a generator's comment
        tail = tail[:start].rstrip(_TRAILING)
    return _ROOT_END.search(tail) is None


# The media types a page's <link rel="alternate"> names a feed by (RSS 1.0's RDF, and the x- names
# some generators still write, too), read without parameters ("application/rss+xml; charset=utf-8")
_ALTERNATE_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/x-rss+xml",
    "application/x-atom+xml",
    "application/feed+json",
    "application/json",
)


def alternates(html: bytes | str, base: str) -> list[str]:
    """Feed URLs a page names with <link rel="alternate" type="application/rss+xml" href=...>,
    the site's own feeds before its comment feeds (named_feeds)."""
    return [url for url, _title in named_feeds(html, base)]


_COMMENTS = re.compile(r"comment", re.I)


def named_feeds(html: bytes | str, base: str) -> list[tuple[str, str | None]]:
    """(URL, title as the page gives it) of each feed a page names, in the page's order but its
    comment feeds last: WordPress names "Comments Feed" and each post's "… Comments Feed" beside
    its articles' feed, sometimes first, and `feed add` took whichever came first. `html` is the
    page decoded (decoded_page: its bytes alone were read as Latin-1 when no <meta> named the
    charset the server's header gave, and a UTF-8 title came out as "â€”"), or its bytes."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except ValueError:  # a str with an XML encoding declaration, which lxml refuses: without it
        declaration = re.compile(r"\s*<\?xml[^>]*>")
        if not isinstance(html, str) or not declaration.match(html):
            return []
        return named_feeds(declaration.sub("", html, count=1), base)
    except Exception:  # lxml raises ParserError on empty or hostile documents
        return []
    found: dict[str, str | None] = {}
    # A relative href is resolved as browsers resolve it: against the page's <base href>, if any
    given_base = next((str(b.get("href") or "").strip() for b in root.iter("base") if b.get("href")), "")
    try:
        base = urljoin(base, given_base) if given_base else base
    except ValueError:  # "http://[::1/x": no address; the page's own stands
        pass
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().partition(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in _ALTERNATE_TYPES and href:
            try:
                url = urljoin(base, href)
            except ValueError:  # an href no URL can be made of
                continue
            if re.match(r"^https?://", url, re.I) and url not in found:
                title = sanitize_line(readable(str(link.get("title") or ""))).strip()[:200]
                found[url] = title or None
    named = list(found.items())
    return sorted(named, key=lambda feed: bool(_COMMENTS.search(f"{feed[0]} {feed[1] or ''}")))


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text or ""))


def coding_ignored_warning(url: str, coding: str) -> str:
    """The warning of a feed at `url` whose Content-Encoding named `coding` though it came as it
    was (http._Decoder.as_sent): read all the same; said once a run, not once a chunk or page."""
    return (
        f"{url}: the server said the feed was {coding}-compressed (Content-Encoding: {coding}), "
        "but it came uncompressed: read as it came"
    )


def strays_warning(url: str, strays: tuple[int, int]) -> str:
    """The warning of a feed or page at `url` read as UTF-8 with stray bytes (read_with_strays)."""
    return f"{url}: {strays_said(*strays)}, as the server sent it"


def decoded_page(response: Response) -> str:
    """A page's text: a byte-order mark or bytes that are valid UTF-8 first (a server whose
    default says iso-8859-1 in front of UTF-8 pages is common, and legacy text is almost never
    valid UTF-8), or UTF-8 but for a few stray bytes (utf8_with_strays), then the header's
    charset, then the page's own <meta> and a guess."""
    try:
        response.body.decode("utf-8")
    except UnicodeDecodeError:
        if utf8_with_strays(response.body) is not None:  # UTF-8 but for a stray byte or two
            return decode_bytes(response.body, html=True)[0]
    else:
        return decode_bytes(response.body, html=True)[0]
    # (as browsers read it: a server's default "charset=iso-8859-1" in front of cp1252's curly
    # quotes, C1 control characters read as Latin-1; "x-sjis", a label Python knows by no name)
    declared = charset_of_label(response.charset) if response.charset else None
    if declared:
        try:
            return response.body.decode(browsers_charset(response.body, declared))
        except UnicodeDecodeError:
            pass
    return decode_bytes(response.body, html=True)[0]


class _DaemonPool:
    """Worker threads for downloads, as daemon threads. A stopped run (ctrl+c) does not wait for
    the requests under way, which a slow server can hold for its whole timeout: they are left to
    end on their own, or with the process (ThreadPoolExecutor's threads are joined at exit). The
    workers only download and extract; every write is the main thread's, so nothing is left
    half-written."""

    def __init__(self, workers: int, name: str):
        self._jobs: _queue.SimpleQueue = _queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._work, name=f"{name}-{n}", daemon=True) for n in range(max(1, workers))
        ]
        for thread in self._threads:
            thread.start()

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            future, fn, args, kwargs = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # handed to the main thread with the future
                future.set_exception(exc)
            else:
                future.set_result(result)

    def submit(self, fn, *args, **kwargs) -> Future:
        future: Future = Future()
        self._jobs.put((future, fn, args, kwargs))
        return future

    def shutdown(self, *, wait: bool = True) -> None:
        for _thread in self._threads:
            self._jobs.put(None)
        if wait:
            for thread in self._threads:
                thread.join()


@dataclass
class HostHeld:
    """A feed or page that held its host (per_host) while others of the host waited: why a run
    stood still on one site (`fetch --verbose` says each)."""

    url: str
    host: str
    seconds: float
    waiting: int  # the host's feeds and pages that waited for it when it ended

    def said(self) -> str:
        return (
            f"{self.url} held {self.host} for {self.seconds:.0f} s: "
            f"{counted(self.waiting, 'more request')} to it waited (one at a time a host, per_host)"
        )


class _HostQueues:
    """Jobs waiting per host, handed to the pool only when their host may take a request (a free
    per-host slot, its delay over) and a worker is free, so no worker sits waiting for one host
    while another host's jobs wait in line."""

    def __init__(self, client: HttpClient, settings: HttpSettings):
        self.client = client
        self.settings = settings
        self.waiting: dict[str, deque] = defaultdict(deque)
        self.running: dict[str, int] = defaultdict(int)
        self.pending: dict[Future, tuple[str, tuple]] = {}
        self.started: dict[Future, float] = {}  # when each job under way was handed to the pool
        self.holds: list[HostHeld] = []  # jobs that held their host a while, others waiting
        self.total = self.done = 0

    def add(self, url: str, tag: tuple, fn, *args, **kwargs) -> None:
        self.waiting[host_key(url)].append((tag, fn, args, kwargs))
        self.total += 1

    def busy(self) -> bool:
        return bool(self.pending) or any(self.waiting.values())

    def drop(self) -> list[tuple]:
        """Forget every job not yet started (cancelling); their tags."""
        dropped = [job[0] for queue in self.waiting.values() for job in queue]
        self.waiting.clear()
        for future, (_host, tag) in list(self.pending.items()):
            if future.cancel():
                dropped.append(tag)
                del self.pending[future]
                self.started.pop(future, None)
        return dropped

    def settle(self, whole: Collection[str], waiting: Callable[[int], None]) -> list[tuple[Future, tuple]]:
        """On a stop: wait for the jobs under way whose body came whole (their URL in `whole`) to
        be parsed (up to STOP_GRACE, were a parse to hang), and return the jobs that ended.
        waiting(n) is told how many it waits for, if any (the progress line says why it waits)."""
        if self.pending:  # a body whose last bytes were coming as the stop came: its worker says so
            wait(self.pending, timeout=STOP_SEEN)
        kept = [f for f, (_host, tag) in self.pending.items() if tag[1].url in whole and not f.done()]
        if kept:
            waiting(len(kept))
            wait(kept, timeout=STOP_GRACE)
        out = []
        for future in [f for f in self.pending if f.done()]:
            host, tag = self.pending.pop(future)
            self.started.pop(future, None)
            self.running[host] -= 1
            out.append((future, tag))
        return out

    def abandon(self) -> list[tuple]:
        """Stop waiting for the jobs under way (cancelling); their tags."""
        abandoned = [tag for _host, tag in self.pending.values()]
        for future in self.pending:
            future.cancel()
        self.pending.clear()
        self.started.clear()
        return abandoned

    def longest(self) -> tuple[str, float]:
        """(URL, seconds under way) of the job under way the longest (("", 0) when none is)."""
        if not self.started:
            return "", 0.0
        future = min(self.started, key=self.started.__getitem__)
        return self.pending[future][1][1].url, time.monotonic() - self.started[future]

    def held_by(self, url: str) -> int:
        """How many jobs wait for the host of `url`, a job under way holding it (per_host)."""
        host = host_key(url)
        return len(self.waiting.get(host, ())) if self.running[host] >= self.settings.per_host else 0

    def current(self) -> str:
        """The URL of the newest job under way ("" when none is): what the progress line names."""
        return next(reversed(self.pending.values()))[1][1].url if self.pending else ""

    def step(self, pool: _DaemonPool, on_start: Callable[[], None]) -> list[tuple[Future, tuple]]:
        """Start what may start (then on_start(), when any did), wait a little, and return the
        jobs that finished."""
        gate = self.client.gate
        started = len(self.pending)
        for host, queue in self.waiting.items():
            while (
                queue
                and len(self.pending) < self.settings.workers
                and self.running[host] < self.settings.per_host
                and gate.ready(host)
            ):
                tag, fn, args, kwargs = queue.popleft()
                future = pool.submit(fn, *args, **kwargs)
                self.pending[future] = (host, tag)
                self.started[future] = time.monotonic()
                self.running[host] += 1
        if len(self.pending) != started:
            on_start()
        if not self.pending:
            time.sleep(0.01)  # every waiting host is in its delay
            return []
        finished, _ = wait(self.pending, timeout=0.05, return_when=FIRST_COMPLETED)
        out = []
        for future in finished:
            host, tag = self.pending.pop(future)
            seconds = time.monotonic() - self.started.pop(future, time.monotonic())
            if self.waiting.get(host) and seconds >= WAITING_SHOWN_AFTER:
                self.holds.append(HostHeld(tag[1].url, host, seconds, len(self.waiting[host])))
            self.running[host] -= 1
            self.done += 1
            out.append((future, tag))
        return out


class Fetcher:
    def __init__(
        self,
        feeds: list[Subscription],
        store: ArticleStore,
        settings: HttpSettings | None = None,
        *,
        progress: Callable[[int, int, str], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        subscriptions: list[Subscription] | None = None,
        conversion_wait: float = 0.0,
        on_started: Callable[[], None] | None = None,
        named: bool = False,
    ):
        self.feeds = feeds
        # `feeds` are those named on the command line (FEED_URL): asked even if gone (410).
        self.named = named
        # Called once the run holds the fetch lock and has read its state, before it asks
        # anything: a stop till then has nothing to let finish (the CLI's ctrl+c raises at once).
        self.on_started = on_started or (lambda: None)
        # How long a run waits for a load that holds the fetch lock to write an old layout
        # converted (ArticleStore.lock): a second or so; a run holding it is never waited for.
        self.conversion_wait = conversion_wait
        # Every subscription (`feeds` may be those named on the command line): a feed's outlet
        # may be the one of its site's other sections.
        self.subscriptions = subscriptions if subscriptions is not None else feeds
        self.store = store
        self.settings = settings or HttpSettings()
        self.progress = progress or (lambda done, total, current: None)
        self.cancel = cancel or (lambda: False)

    def due(self, feed: Subscription, now: float) -> bool:
        state = self.store.state["feeds"].get(feed.url) or {}
        if gone_since(state) is not None:  # removed for good by its server: asked only when named
            return False
        if state.get(STOPPED) is True:  # stopped midway by the user: the rest is wanted now
            return True
        if noted_pages_left(state):  # the limits left pages for the next run: the rest is wanted now
            return True
        if state.get("status") == "failed" or host_was_down(state):
            retry_at = state.get("retry_at", 0)
            return now >= (retry_at if isinstance(retry_at, (int, float)) else 0)
        # A page of it that failed for now is asked again on the next run, not when the feed is
        # next due (its entry is found again by reading the feed in full).
        return now >= state.get("fetched_at", 0) + feed.every or any(
            isinstance(record, dict) and record.get("feed") == feed.url and now >= _retry_at(record)
            for record in self._retries().values()
        )

    def _feed_outlet(self, feed: Subscription, siblings: list[tuple[str, str | None, str | None]]) -> str | None:
        state = self.store.feed_state(feed.url)
        return outlet_for(feed, None, noted_site(state), noted_title(state), siblings)

    def _siblings(self) -> list[tuple[str, str | None, str | None]]:
        return siblings_of(self.subscriptions, self.store.state)

    def _unchanged_if(self, feed: Subscription, state: dict) -> _BodyDigest:
        """What tells the feed's body unchanged since its last reads: its digest then, None (always
        parsed) unless the last two reads gave it (BODY_DIGEST_READS) and the last went through
        whole (nothing stopped, left for later or to try again, nothing an older reader read since,
        no recheck of its texts due), when the parse could only give what that read gave.
        feeds.yaml's options for the feed go into it."""
        options = f"{feed.articles}\0{feed.outlet}\0{_parsed_by()}"
        last, reads = state.get(BODY_DIGEST), state.get(BODY_DIGEST_READS)
        whole = (
            isinstance(last, str)
            and isinstance(reads, int)
            and reads >= 2
            and state.get("status") in ("ok", "not-modified")
            and digests_read_here(state)
            and not any(state.get(key) for key in (STOPPED, NOT_REACHED, LOST_WITH_THE_STATE, "not_asked"))
            and not noted_pages_left(state)
            and not idle_recheck_due(state)
            and not any(isinstance(r, dict) and r.get("feed") == feed.url for r in self._retries().values())
        )
        return _BodyDigest(options, last if whole else None)

    @staticmethod
    def _warn_of_strays(feed: Subscription, read: _FeedPage, state: dict, report: FetchReport) -> None:
        """The feed's stray bytes warned of (report.warnings) when these bytes were not warned of
        before (STRAYS_WARNED): once for each change of the feed."""
        if read.strays is None:
            state.pop(STRAYS_WARNED, None)
            return
        if read.digest is None or read.digest != state.get(STRAYS_WARNED):
            assert read.response is not None
            report.warnings.append(strays_warning(read.response.url or feed.url, read.strays))
        if read.digest is not None:
            state[STRAYS_WARNED] = read.digest

    def _retries(self) -> dict:
        """canonical URL -> {"feed", "attempts", "retry_at", "reason"}: pages that failed for now."""
        return self.store.state.setdefault("retries", {})

    def _page_failed_for_now(
        self,
        entry: _Entry,
        results: dict,
        report: FetchReport,
        reason: str,
        retry_after: float | None,
        *,
        kind: str,
        status: int | None = None,
        held_back: bool = False,
    ) -> None:
        """A page that failed for now: asked again next run, then after a growing pause; after
        PAGE_ATTEMPTS runs in a row, gone (the feed's text is kept when it has enough). `held_back`:
        by another host's wait (FetchFailed.held_back), counted no run, as a deferred page."""
        retries = self._retries()
        known = retries.get(entry.canonical)
        attempts = (known.get("attempts") if isinstance(known, dict) else 0) or 0
        attempts = attempts if isinstance(attempts, int) else 0
        # A deferred page was not asked (its host asked to wait): no run it failed in, so a busy
        # host never makes its pages gone. One asked by --all before its pause ended counts no
        # run either, and keeps its pause (longer if its server now asks to wait longer).
        in_pause = entry.canonical in self._asked_in_pause and isinstance(known, dict)
        not_its_run = kind == "deferred" or held_back
        attempts += 0 if not_its_run or in_pause else 1
        if attempts >= PAGE_ATTEMPTS:
            retries.pop(entry.canonical, None)
            reason = f"{reason} ({counted(attempts, 'run')} in a row; not asked again until its feed entry changes)"
            self._keep_feed_text(entry, results, report, reason=reason, kind=kind, status=status)
            return
        retry_at = time.time() + page_retry_delay(attempts, retry_after)
        server_pause = time.time() + min(retry_after, MAX_BACKOFF) if retry_after else 0.0
        if in_pause:
            retry_at = max(retry_at, _retry_at(known))
            server_pause = max(server_pause, _server_pause(known))
        reason = retry_said(reason, kind, retry_after, retry_at)
        retries[entry.canonical] = {
            "feed": entry.feed.url,
            "attempts": attempts,
            "retry_at": retry_at,
            "reason": reason,
        }
        if server_pause:  # the server asked to wait (Retry-After): not asked before, even by --all
            retries[entry.canonical]["server_pause"] = server_pause
        # A bug ("error") is said at once; a page that was not asked, or asked in its pause, ran no
        # run of its own.
        fails_the_run = kind == "error" or (not not_its_run and not in_pause and attempts >= COUNTED_FROM)
        report.failures.append(Failure(entry.url, reason, kind, status, counted=fails_the_run, feed=entry.feed.url))
        self._incomplete.add(entry.feed.url)

    def run(self, *, force: bool = False) -> FetchReport:
        started = time.perf_counter()
        report = FetchReport()
        try:
            self.store.lock(
                on_wait=lambda words: self.progress(0, 0, words),
                conversion_wait=self.conversion_wait,
                cancel=self.cancel,
            )
        except KeyboardInterrupt:  # ctrl+c raised while it started (on_started): the lock let go
            self.store.unlock()
            raise
        self.on_started()
        if self.cancel():  # stopped while it started (the state's load): nothing asked, nothing saved
            self.store.unlock()
            report.cancelled, report.started = True, False
            return report
        self.store.adopt_moved(f.url for f in self.subscriptions)
        self.store.takes_over_not_saved = True  # noted on the feeds, saved with the state
        for state in self.store.state["feeds"].values():
            if isinstance(state, dict):
                _queued_note_left(state, self.store.left_not_saved)
        self._due: list[Subscription] = []  # the feeds this run is to read (_run)
        self._results: dict[str, FeedResult] = {}  # the feeds asked, as _run reads them
        self.store.batch_files = BATCH_FILES  # synced and renamed in batches, the last one below
        self._progress_not_saved: str | None = None  # why a save of the run's progress failed, the first time
        self._feed_of: dict[str, str] = {}  # the feed of each article stored, by its id
        completed = False
        try:
            self.store.prune_pages(self.settings.keep_pages)
            robots = self.store.state.setdefault("robots", {})
            # What a request under way is doing, told from the worker threads and said on the
            # progress line by the main thread: a retry as it starts (a server that does not answer
            # held the line still for three read_timeouts and their waits), a big feed's parse.
            self._doing: _queue.SimpleQueue[_Doing] = _queue.SimpleQueue()

            def on_retry(url: str, why: str, attempt: int, attempts: int) -> None:
                self._doing.put(_Doing(url, f"try {attempt} of {attempts}", why))

            with HttpClient(self.settings, cancel=self.cancel, robots_cache=robots, on_retry=on_retry) as client:
                self._read: set[str] = set()  # feeds whose new validators are in the state
                # (_save_progress) the first save as late as a save of the state read may cost
                first = max(PROGRESS_SECONDS, PROGRESS_COST * self.store.load_seconds)
                self._progress_due = time.monotonic() + first
                self._unsaved = False  # something came since the last save (_save_progress)
                try:
                    self._run(client, report, force)
                    self.store.flush()  # the last batch of articles, in place before the state
                except BaseException as exc:
                    # Stopped midway (an article could not be written: a full or read-only disk;
                    # a second ctrl+c): the feeds read are read in full and at once next run, else
                    # their 304 would hide the entries not stored for good.
                    try:
                        self.store.flush()  # what was fetched before a second ctrl+c is kept
                    except OSError:
                        pass  # the batch is forgotten: fetched again next run
                    for url in self._read:
                        _stopped_midway(self.store.feed_state(url))
                    if not isinstance(exc, OSError):
                        raise
                    self._not_written(report, exc)
                report.requests = client.requests
            # Said in feeds.yaml's order, each feed's pages after it, not in the order they ended,
            # which differs from run to run
            place = {feed.url: k for k, feed in enumerate(self.feeds)}
            report.failures.sort(key=lambda failure: place.get(failure.feed or failure.url, len(place)))
            completed = True
        finally:
            not_saved = None  # why the last save failed: left in the lock file for `feed list`
            try:
                if completed:
                    self._save_at_end(report)
                    not_saved = report.state_not_saved
                else:  # the error under way is said (a save failing too, for now, in its place)
                    try:
                        self.store.save_state()
                    except OSError as exc:
                        not_saved = self._state_not_written(exc)
                        raise
            finally:
                # a state not saved (a full disk) kept the lock: the app's next fetch was "busy"
                self.store.unlock(not_saved=not_saved)
        report.seconds = time.perf_counter() - started
        return report

    def _save_progress(self) -> None:
        """The state as the run has it so far, saved every PROGRESS_SECONDS or so, once its
        articles are in place: a run killed outright (kill -9, the machine off) saved its state
        only at its end, and `feed list` then said "0 articles, not fetched yet" of feeds whose
        articles were on disk. The feeds read so far are written as a run stopped midway leaves
        them (_stopped_midway: read in full and at once next run, as their entries may not all
        be stored). About 1/PROGRESS_COST of the run's time at most goes to it: a big state takes
        long to write (a second at 50,000 articles), and the next write waits PROGRESS_COST times
        as long as the last (the first, as long as the state's load took). A state that cannot be
        written (a read-only folder, a full disk) is tried again as often (the disk may be freed),
        and said once, by the run's end (_save_at_end): the run goes on."""
        if not self._unsaved or time.monotonic() < self._progress_due:
            return
        self._unsaved = False
        feeds = {}
        for url in self._read | self._incomplete:
            state = dict(self.store.feed_state(url))
            _stopped_midway(state)
            state[IN_RUN] = self.store.lock_note
            feeds[url] = state
        for feed in self._due:  # still to read: `feed list` says so beside its last result
            if feed.url not in feeds and feed.url not in self._results:
                feeds[feed.url] = {**(self.store.state["feeds"].get(feed.url) or {}), QUEUED_IN: self.store.lock_note}
        started = time.monotonic()
        self.store.flush()  # (an article that cannot be written stops the run, as when stored)
        try:
            self.store.save_state(feeds)
        except OSError as exc:
            if self._progress_not_saved is None:
                self._progress_not_saved = self._state_not_written(exc)
        took = time.monotonic() - started
        self._progress_due = time.monotonic() + max(PROGRESS_SECONDS, PROGRESS_COST * took)

    def _save_at_end(self, report: FetchReport) -> None:
        """The run's last save. A state that cannot be written stops nothing: the articles are
        stored, and the report says once that the state was not saved (`state_not_saved`), or
        that the saves during the run failed when this one did not (a kill then would have lost
        what the run noted)."""
        try:
            self.store.save_state()
        except OSError as exc:
            report.state_not_saved = self._state_not_written(exc)
            return
        if self._progress_not_saved is not None:
            report.problems.append(
                f"warning: the fetch state could not be saved during the run ({self._progress_not_saved}); "
                "saved at its end"
            )

    def _not_written(self, report: FetchReport, exc: OSError) -> None:
        """An article that could not be written stopped the run: the report keeps the articles put
        in place before it (a batch not written is forgotten, fetched again next run) and says why
        (`not_written`). It replaced the whole report, though the articles before it were stored."""
        from pathlib import Path

        from reader.safe_write import why_not_written

        results = self._results  # the feeds read: not in report.feeds yet
        listed = {result.url for result in report.feeds}
        report.feeds.extend(result for url, result in results.items() if url not in listed)
        why = f"the fetch stopped before it: an article could not be written ({why_not_written(self.store.root, exc)})"
        self._note_not_reached(report, why)
        kept = []
        for saved in report.articles:
            result = results.get(self._feed_of.get(saved.id, ""))
            if saved.path.is_file():
                kept.append(saved)
            elif result is not None:  # in the batch forgotten: neither stored nor counted
                if saved.version > 1:
                    result.updated -= 1
                else:
                    result.new -= 1
        report.articles = kept
        path = Path(exc.filename) if isinstance(exc.filename, str) else self.store.root
        if path.name.startswith(".") and path.suffix == ".tmp":  # an article's temporary file: its folder
            path = path.parent
        report.not_written = f"{path}: {why_not_written(path, exc)}"

    def _note_not_reached(self, report: FetchReport, why: str) -> int:
        """The feeds this run was to read and did not, stopped before them (`why`): listed in the
        report as "not-reached" (a full disk's report listed only the feeds read), and noted for
        `feed list` and as due at once, their validators kept (nothing of theirs was half read).
        How many."""
        siblings = self._siblings()
        missed = [feed for feed in self._due if feed.url not in self._results]
        for feed in missed:
            state = self.store.feed_state(feed.url)
            state[NOT_REACHED] = why
            state.pop(LOST_WITH_THE_STATE, None)  # (this run's reason is the one to say)
            state[STOPPED] = True
            outlet = self._feed_outlet(feed, siblings)
            report.feeds.append(FeedResult(feed.url, outlet, "not-reached", not_reached=why))
        return len(missed)

    def _state_not_written(self, exc: OSError) -> str:
        """The state file (or the file `exc` names: an article put in place first) and why it
        could not be written, in words."""
        from pathlib import Path

        from reader.safe_write import why_not_written

        named = Path(exc.filename) if isinstance(exc.filename, str) else None
        path = named if named is not None and named.parent != self.store.state_path.parent else self.store.state_path
        return f"{path}: {why_not_written(path, exc)}"

    # -- the run -----------------------------------------------------------------------------
    def _run(self, client: HttpClient, report: FetchReport, force: bool) -> None:
        now = time.time()
        due = []
        not_due_siblings: list | None = None  # made once: nothing changes the titles in this loop
        for feed in self.feeds:
            state = self.store.state["feeds"].get(feed.url) or {}
            # --all asks every feed but those gone (410): naming one asks it again. Neither asks one
            # whose server asked to wait (Retry-After) before that wait is over: asked, it only
            # answers 429 again, and a server asked against its word may block reader for longer.
            forced = force and (self.named or gone_since(state) is None) and not server_waits(state, now)
            if forced or self.due(feed, now):
                due.append(feed)
            else:
                if not_due_siblings is None:
                    not_due_siblings = self._siblings()
                outlet = outlet_for(feed, None, noted_site(state), noted_title(state), not_due_siblings)
                result = FeedResult(feed.url, outlet, "not-due")
                if state.get("status") == "failed":  # waiting after failures in a row: said
                    result.failures, result.retry_at = _failures(state), state.get("retry_at")
                    result.error, result.kind = state.get("error"), noted_kind(state)
                    result.server_wait = server_waits(state, now)
                    result.backoff_held = result.server_wait and _server_asked(state) is not None
                    if gone_since(state) is not None:  # not waiting: not asked again till named
                        result.retry_at, result.gone = None, True
                if force and result.server_wait:  # asked for, and not asked: said as a feed not asked
                    self._server_wait_said(feed, result, report, state)
                report.feeds.append(result)
        results: dict[str, FeedResult] = {}
        self._results = results  # (_not_written: a run stopped by an article not written)
        self._due = due
        queued: set[str] = set()  # canonical URLs asked for in this run
        asked: Counter = Counter()  # pages asked for, per feed (at most max_pages)
        asked_of: Counter = Counter()  # pages asked for, per host (at most max_host_pages)
        self._incomplete: set[str] = set()  # feeds with a page to try again next run
        self._failures_before: dict[str, int] = {}  # a feed that failed: its failures in a row before
        self._asked_in_pause: set[str] = set()  # pages that failed for now, asked before their pause ended
        self._pages_tally: dict[str, _PagesTally] = defaultdict(_PagesTally)  # per feed: its pages in this run
        # Feeds whose pages asked for a changed text alone proved unchanged in this run, and those
        # where one made a version (store.IDLE_EDITS: counted once a read); feeds an older reader
        # read since this one did, whose digests may be stale (store.DIGESTS_READ_AT).
        self._idle_feeds: set[str] = set()
        self._edited_feeds: set[str] = set()
        self._digests_doubted: set[str] = set()
        # Feeds judged by their dates rechecked in this run: their IDLE_SINCE before it
        self._rechecked: dict[str, object] = {}
        # per feed read: the texts of its linkless entries listed now (_renewed_guid)
        self._linkless_now: dict[str, list[str]] = {}
        self._linkless_texts: dict[str, Counter[str]] = {}  # their hashes counted, when first asked
        # per feed read: its response (no body), where its entries' links may lead (HttpClient._check_link)
        self._listed_by: dict[str, Response] = {}
        self._http = client
        self._bodies_whole: set[str] = set()  # pages whose body came whole (set by the workers)
        jobs = _HostQueues(client, self.settings)
        # A host's feeds that failed in the last runs are asked after its others, the most failed
        # last: one that hangs holds them for a read_timeout no more, and a host timing out twice
        # in a row leaves them alone. Those its host left unasked count a failure as well
        # (host_was_down), so of as many failures they go first: the feeds that hung again first
        # left them unasked again, backing off in step with those, never asked.
        for feed in sorted(due, key=lambda f: _ask_order(self.store.state["feeds"].get(f.url) or {})):
            state = self.store.feed_state(feed.url)
            jobs.add(
                feed.url,
                ("feed", feed),
                self._fetch_feed,
                client,
                feed.url,
                state.get("etag"),
                state.get("last_modified"),
                self._doing.put,
                self._unchanged_if(feed, state),
            )
        # Honest progress: the feeds first, whose number is known, then the pages, whose number is
        # known once every feed is read (a single growing total made the bar move backwards).
        count = {"feed": 0, "page": 0}
        pages_total = 0
        # A feed's entries kept from its own text are written here, one file each (5,000 of them
        # took half a minute): counted too, "120/5000 entries URL", so the line never stands still.
        storing: dict = {"done": 0, "total": 0}

        said = {"at": time.monotonic()}
        # URL -> "try 2 of 3" while its server is waited for, "reading 3,000,000 bytes" while its
        # feed is parsed: what the line says of it while it is under way.
        doing: dict[str, str] = {}

        def say(current: str) -> None:
            said["at"] = time.monotonic()
            if count["feed"] < len(due):
                # The pages of the feeds read are asked meanwhile: counted too, or a slow feed
                # held the line at "1/2 feeds" while 200 pages came.
                pages = f" ({count['page']:,}/{pages_total:,} pages)" if pages_total else ""
                self.progress(count["feed"], len(due), f"feeds{pages} {current}".rstrip())
            elif pages_total:
                self.progress(count["page"], pages_total, f"pages {current}".rstrip())
            else:
                self.progress(0, 0, "")

        say("")
        unread: dict[str, list[Subscription]] = defaultdict(list)  # due feeds of each site not read yet
        for feed in due:
            unread[site_of(feed.url)].append(feed)
        held: dict[str, list[_Entry]] = defaultdict(list)  # their sections' entries, meanwhile
        unsettled: set[str] = set()  # sites whose outlet waits for such a feed
        # The pages of those sites that came meanwhile, stored once the outlet is settled.
        downloaded: dict[str, list[tuple[Future, _Entry]]] = defaultdict(list)
        asked_early: dict[str, list[_Entry]] = defaultdict(list)  # their entries whose pages were asked for

        def dispatch(entries: list[_Entry]) -> None:
            """Store the entries kept from their text and ask for the others' pages (the newest
            first when a host's limit bites)."""
            nonlocal pages_total
            if self._host_limit_bites(entries, asked_of):
                # The host's newest pages first, whichever of its feeds lists them (a
                # stable sort: each feed's own order among entries of one date).
                entries.sort(key=_newest_first, reverse=True)
            from_text = sum(1 for e in entries if e.from_text)
            storing.update(done=0, total=from_text if from_text > 1 else 0)
            for n, entry in enumerate(entries):
                if self.cancel():
                    # Not stored: the feeds of this and every later entry (a site's
                    # list mixes several) are read in full next run (no 304 hides them).
                    report.cancelled = True
                    self._incomplete.update(e.feed.url for e in entries[n:])
                    report.stopped_entries += len(entries) - n
                    break
                kept_from_text = entry.from_text
                if kept_from_text and storing["total"]:
                    self.progress(storing["done"], storing["total"], f"entries {entry.feed.url}")
                    storing["done"] += 1
                if entry.canonical in queued:
                    report.duplicates += 1
                    self._page_answered(entry)  # asked in this run, for another feed
                    continue
                queued.add(entry.canonical)
                if kept_from_text:
                    self._page_answered(entry)  # none to ask: its text is kept
                    self._keep_feed_text(entry, results, report, reason=None, kind="no_text")
                    continue
                paused = self._retries().get(entry.canonical)
                in_pause = time.time() < _retry_at(paused)
                if (in_pause and not force) or time.time() < _server_pause(paused):
                    # Failed for now in a recent run and its pause is not over: left for a later
                    # run (which reads the feed in full again). `--all` (or naming its feed) asks
                    # now, as it asks a failing feed now (it said "0 new" and nothing of the
                    # page), unless its server asked to wait (Retry-After): that is honoured.
                    self._incomplete.add(entry.feed.url)
                    continue
                if in_pause:
                    # Not a run of its own: a cron `--all` every few minutes in a short outage
                    # made the page gone in minutes, its article never fetched.
                    self._asked_in_pause.add(entry.canonical)
                limit = self._over_limit(entry, asked, asked_of)
                if limit:
                    # Left for a later run, which reads the feed in full again (no
                    # 304 hides it) and asks for the next newest.
                    queued.discard(entry.canonical)
                    results[entry.feed.url].later += 1
                    report.limits.add(limit)
                    self._incomplete.add(entry.feed.url)
                    continue
                asked[entry.feed.url] += 1
                asked_of[host_key(entry.url)] += 1
                record = self.store.record(entry.canonical) or {}
                pages_total += 1
                jobs.add(
                    entry.url,
                    ("page", entry),
                    self._fetch_page,
                    client,
                    entry.url,
                    record.get("etag"),
                    record.get("last_modified"),
                    self._listed_by.get(entry.feed.url),
                    self._bodies_whole.add,
                )
            storing["total"] = 0

        pool = _DaemonPool(self.settings.workers, "reader-fetch")
        ended = False  # every job done: the workers have nothing left to finish
        try:
            while jobs.busy():
                if self.cancel():
                    report.cancelled = True
                    for kind, item in jobs.drop():
                        if kind == "page":
                            self._incomplete.add(item.feed.url)
                            report.stopped_pages += 1
                    # A page whose body had come whole is kept, not asked again next run; a feed
                    # read meanwhile is not gone through (its entries would ask for pages).
                    for future, (kind, item) in jobs.settle(self._bodies_whole, self._say_keeping):
                        if kind != "page":
                            continue
                        if site_of(item.feed.url) in unsettled and not self._named_alone(item.feed):
                            downloaded[site_of(item.feed.url)].append((future, item))
                        else:
                            self._page_done(future, item, results, report)
                    for kind, item in jobs.abandon():
                        if kind == "page":
                            self._incomplete.add(item.feed.url)
                            report.stopped_pages += 1
                            if item.url not in self._bodies_whole:  # (else came whole, its parse outlasted STOP_GRACE)
                                report.stopped_arriving.append(item.url)
                    break
                finished = jobs.step(pool, lambda: say(jobs.current()))
                while not self._doing.empty():
                    told = self._doing.get()
                    doing[told.url] = told.what
                    say(f"{told.url}: {told.what}" + (f" ({told.why})" if told.why else ""))
                self._say_waiting(jobs, doing, said["at"], say)
                for future, (kind, item) in finished:
                    count[kind] += 1
                    doing.pop(item.url, None)
                    if future.cancelled():
                        continue
                    if kind == "feed":
                        read = None if future.exception() else future.result()
                        if read is not None and len(read.parsed or ()) >= ENTRIES_SAID:
                            say(f"{item.url}: going through {len(read.parsed):,} entries")
                        entries = self._feed_done(future, item, results, report)
                        # A site's entries are stored once no due feed of the site whose title is
                        # not known yet is left to read: their outlet may be the part of the title
                        # all its sections share. Only then: a slow feed of the site held every
                        # other section's pages for its whole overall_timeout, run after run, though
                        # its title was known. Their pages are asked for meanwhile (on a first
                        # fetch of sections with no title noted, the slow feed held the downloads
                        # too); what comes is stored once the outlet is settled.
                        site = site_of(item.url)
                        unread[site].remove(item)
                        if not self._outlets_known(unread[site]) and not self._named_alone(item):
                            pages = [e for e in entries if not e.from_text]
                            held[site].extend(e for e in entries if e.from_text)
                            unsettled.add(site)
                            asked_early[site].extend(pages)
                            dispatch(pages)
                            continue
                        unsettled.discard(site)
                        early = asked_early.pop(site, [])  # their outlet is named again below too
                        entries = held.pop(site, []) + entries
                        siblings = self._siblings()
                        for feed in due:
                            if site_of(feed.url) == site and feed.url in results:
                                results[feed.url].outlet = self._feed_outlet(feed, siblings)
                        for entry in entries + early:
                            entry.outlet = outlet_for(
                                entry.feed,
                                entry.url,
                                noted_site(self.store.feed_state(entry.feed.url)),
                                entry.feed_title,
                                siblings,
                            )
                        dispatch(entries)
                        for done, entry in downloaded.pop(site, []):  # pages that came meanwhile
                            self._page_done(done, entry, results, report)
                    elif site_of(item.feed.url) in unsettled and not self._named_alone(item.feed):
                        downloaded[site_of(item.feed.url)].append((future, item))
                    else:
                        self._page_done(future, item, results, report)
                if finished:
                    # What is being fetched now (a page of the feed that just came, say), else the
                    # page that just finished; never a feed's URL under "pages".
                    last_page = next((tag[1].url for _f, tag in reversed(finished) if tag[0] == "page"), "")
                    say(jobs.current() or last_page)
                    self._unsaved = True
                self._save_progress()  # also while a slow page holds the run, what came before it
            ended = not report.cancelled
            for waiting in held.values():  # stopped before the site's other feeds were read
                self._incomplete.update(entry.feed.url for entry in waiting)
                report.stopped_entries += len(waiting) if report.cancelled else 0
            for came in downloaded.values():  # pages that came, not stored: asked again next run
                self._incomplete.update(entry.feed.url for _future, entry in came)
                report.stopped_pages += len(came) if report.cancelled else 0
        finally:
            pool.shutdown(wait=ended)
            report.host_holds = jobs.holds
        siblings = self._siblings()
        for feed in due:  # as its pages named their site, now that they are read
            if feed.url in results:
                results[feed.url].outlet = self._feed_outlet(feed, siblings)
        report.feeds.extend(results[f.url] for f in due if f.url in results)
        if report.cancelled:
            # Asked for in this run (due, or every feed with --all): the next run asks them, as it
            # asks a feed stopped midway, whatever their `every` (STOPPED), with their validators.
            report.stopped_feeds = self._note_not_reached(report, STOPPED_BEFORE_IT)
        self._not_counted_when_offline(due, results)
        for url in self._incomplete:
            # Without its validators the feed is read in full next run, so the entries whose
            # pages failed for now are seen (and tried) again rather than hidden behind a 304.
            state = self.store.feed_state(url)
            if report.cancelled:
                _stopped_midway(state)  # stopped by the user: due again at once
            else:
                state.pop("etag", None)
                state.pop("last_modified", None)
        for result in results.values():
            if result.later:
                self.store.feed_state(result.url)[PAGES_LEFT] = result.later
        for url in self._idle_feeds - self._edited_feeds - self._digests_doubted:
            note_edit_outcome(self.store.feed_state(url), made_a_version=False)  # one idle read
        for url, since in self._rechecked.items():
            state = self.store.feed_state(url)
            if unchecked_keys(state) and judged_by_dates(state):
                # A page the recheck asked did not answer (max_pages, max_host_pages, a pause, a
                # stop): the recheck goes on at the next run, not a week later.
                if since is None:
                    state.pop(IDLE_SINCE, None)
                else:
                    state[IDLE_SINCE] = since
        for url, tally in self._pages_tally.items():
            if tally.failed or tally.not_asked:
                self.store.feed_state(url)[PAGES_FAILED] = tally.noted()
            else:
                self.store.feed_state(url).pop(PAGES_FAILED, None)

    @staticmethod
    def _say_waiting(jobs: _HostQueues, doing: dict[str, str], said_at: float, say: Callable[[str], None]) -> None:
        """Once a second while nothing else is said: the URL waited for the longest, and for how
        long ("feeds URL: waiting 14 s"), so that a server slow to answer is seen as one, not as
        a fetch that hangs."""
        now = time.monotonic()
        if now - said_at < WAITING_SHOWN_EVERY:
            return
        url, seconds = jobs.longest()
        if not url or seconds < WAITING_SHOWN_AFTER:
            return
        what = doing.get(url, "")
        # Whose wait holds the rest of its site: the count stood still, and nothing said why.
        held = jobs.held_by(url)
        holds = f"; {held} more of {host_key(url)} wait for it" if held else ""
        if what.startswith("reading"):
            say(f"{url}: {what} ({seconds:.0f} s){holds}")
        else:
            say(f"{url}: waiting {seconds:.0f} s" + (f" ({what})" if what else "") + holds)

    def _say_keeping(self, pages: int) -> None:
        """The progress line while a stop waits for the pages whose body came whole."""
        self.progress(0, 0, f"stopping: storing {counted(pages, 'page')} that came whole (ctrl+c again quits at once)")

    def _named_alone(self, feed: Subscription) -> bool:
        """Whether the feed's entries are named by their outlet before its site's other feeds are
        read: an `articles: false` feed with its outlet given waited for an untitled slow section
        of its site, though nothing of its name came from that section's title."""
        return outlet_named_alone(feed, self.subscriptions)

    def _outlets_known(self, unread: list[Subscription]) -> bool:
        """Whether the outlet of a site's sections can be named before `unread`, its due feeds not
        read yet, are: each has its outlet given or its title known (noted by `feed add` or an
        earlier fetch, or set in feeds.yaml), which is what outlet_for names it by."""
        return all(
            feed.outlet or feed.title or noted_title(self.store.state["feeds"].get(feed.url) or {}) for feed in unread
        )

    def _not_counted_when_offline(self, due: list[Subscription], results: dict[str, FeedResult]) -> None:
        """When no due feed's host, of two or more, could be reached at all (no name looked up, no
        route), this machine is offline, not its feeds failing: a night of cron runs on a laptop
        offline backed every feed off for up to a day, and back online `reader fetch` skipped them
        all. Their failures in a row stay as they were, and they are due again on the next run."""
        tried = [results[feed.url] for feed in due if feed.url in results]
        if len({host_key(result.url) for result in tried}) < 2 or any(r.kind not in OFFLINE_KINDS for r in tried):
            return
        for result in tried:
            state = self.store.feed_state(result.url)
            before = self._failures_before.get(result.url, 0)
            result.failures, result.retry_at = before, None
            state.pop("retry_at", None)
            if before:
                state["failures"] = before
            else:
                state.pop("failures", None)

    def _over_limit(self, entry: _Entry, asked: Counter, asked_of: Counter) -> str | None:
        """The limit that leaves the entry's page for a later run ("max_pages": its feed's,
        "max_host_pages": its host's), or None when it may be asked for now."""
        s = self.settings
        if s.max_pages and asked[entry.feed.url] >= s.max_pages:
            return "max_pages"
        if s.max_host_pages and asked_of[host_key(entry.url)] >= s.max_host_pages:
            return "max_host_pages"
        return None

    def _host_limit_bites(self, entries: list[_Entry], asked_of: Counter) -> bool:
        """Whether some host has more pages among `entries` than max_host_pages leaves it."""
        if not self.settings.max_host_pages:
            return False
        wanted = Counter(host_key(e.url) for e in entries if not e.from_text)
        return any(asked_of[host] + n > self.settings.max_host_pages for host, n in wanted.items())

    def _feed_done(self, future: Future, feed: Subscription, results: dict, report: FetchReport) -> list[_Entry]:
        state = self.store.feed_state(feed.url)
        if not digests_read_here(state):
            self._digests_doubted.add(feed.url)
        outlet = outlet_for(feed, None, noted_site(state), noted_title(state), self._siblings())
        result = results[feed.url] = FeedResult(feed.url, outlet, "ok")
        try:
            read: _FeedPage = future.result()
        except FetchCancelled:
            # Its worker saw the stop first: the run was stopped all the same, before it read the
            # feed, which is said "not-reached" as those whose job the stop dropped (_note_not_reached;
            # "failed", kind "cancelled", was said of it, and counted as a feed that failed)
            del results[feed.url]
            report.cancelled = True
            return []
        except FetchFailed as exc:
            if exc.asked:  # one not asked was not fetched: its last fetch stays as it was
                _asked_now(state)
            return self._feed_failed(
                feed,
                result,
                report,
                exc.reason,
                exc.kind,
                exc.retry_after,
                exc.status,
                was_asked=exc.asked,
                for_now=exc.transient,
                moved=exc.moved,
                host_down=exc.host_down,
            )
        except Exception as exc:  # a bug or the machine (memory, disk): this feed only
            _asked_now(state)
            return self._feed_failed(feed, result, report, _one_line(f"{type(exc).__name__}: {exc}"), "error", None)
        _asked_now(state)
        response = read.response
        if response is None:
            result.status = "not-modified"
            self._note_moved(feed, result, state, self._http.moved_unmodified.get(feed.url))
            state.update(status="not-modified", error=None, kind=None)
            fresh_etag, fresh_modified = self._http.validators_unmodified.get(feed.url, (None, None))
            state.update({key: v for key, v in (("etag", fresh_etag), ("last_modified", fresh_modified)) if v})
            state.pop("failures", None)  # it answered: a later failure starts the count afresh
            self._forget_retries(feed.url, keep=set())
            return []
        if read.unchanged:  # as a 304 says it, but the feed's pages to retry were none
            result.status = "not-modified"
            self._note_moved(feed, result, state, response.moved)
            state.update(status="not-modified", error=None, kind=None)
            state.pop("failures", None)
            return []
        if read.problem is not None:
            # The server answered (a 200 with a web page, say): its status is said, as for an error's.
            reason = self._problem_said(feed, read, response)
            moved = response.moved if response.moved and response.moved != feed.url else None
            if moved:  # (else an earlier move is kept: _keep_moved)
                self._note_moved(feed, result, state, moved)
            brief = f"moved for good to {moved}: {read.problem}" if moved else read.problem
            return self._feed_failed(
                feed, result, report, reason, read.problem_kind, None, response.status, brief=brief
            )
        parsed = read.parsed
        self._warn_of_strays(feed, read, state, report)
        if response.coding_ignored:
            report.warnings.append(coding_ignored_warning(response.url or feed.url, response.coding_ignored))
        self._listed_by[feed.url] = dataclasses.replace(response, body=b"")
        # A feed cut short keeps no validators: with them the next run's 304 would leave the
        # entries after the cut unseen until the feed changed.
        validators = (None, None) if read.cut_short else (response.etag, response.last_modified)
        state.update(status="ok", error=None, kind=None, etag=validators[0], last_modified=validators[1])
        state.pop("failures", None)
        if read.digest and not read.cut_short:
            same = read.digest == state.get(BODY_DIGEST)
            reads = state.get(BODY_DIGEST_READS) if same else 0
            state[BODY_DIGEST] = read.digest
            state[BODY_DIGEST_READS] = (reads if isinstance(reads, int) and not isinstance(reads, bool) else 0) + 1
        else:
            state.pop(BODY_DIGEST, None)
            state.pop(BODY_DIGEST_READS, None)
        self._note_moved(feed, result, state, response.moved)
        self._read.add(feed.url)
        result.entries = len(parsed)
        given_title = next((meta["_feed_title"] for _body, meta in parsed if meta.get("_feed_title")), None)
        # Labelled as feeds.yaml labels it: a bidi control kept here made a second outlet that
        # every line shows as the first one.
        feed_title = subscription_label(given_title) if given_title else None
        if feed_title:  # the outlet of a feed added with --no-check, for `feed list` and not-due runs
            state["title"] = feed_title
        siblings = self._siblings()  # with this feed's title as it gives it now
        result.outlet = outlet_for(feed, None, noted_site(state), feed_title, siblings)
        entries = []
        canonical_links = _canonical_links(parsed)
        feed_canonical = canonical_url(feed.url)  # (an entry whose id is the feed's own address has none)
        own_text = _linking_one_page(parsed, canonical_links)
        # An id the feed gave several stories in turn ("latest", "1"), found before: no entry's own.
        reused = set(reused_ids(state))
        keys = _linkless_keys(feed.url, parsed, own_text, reused)
        self._linkless_now[feed.url] = [parsed[n][0] for n in keys]
        self._linkless_texts.pop(feed.url, None)
        shared = _shared_ids(parsed) | reused
        listed = set()  # the canonical URLs the feed gives now
        # {entry key: the key of the canonical URL its article is kept under}, as the last read of
        # the feed gave them: an entry whose link moved is known by its id (ENTRY_KEYS).
        noted_keys = state.get(ENTRY_KEYS)
        known_keys: dict = noted_keys if isinstance(noted_keys, dict) else {}
        keys_now: dict[str, str] = {}
        # A time many entries of this read share (a CMS's fixed time, the build time on every
        # entry) tells no story apart: compared as its day alone (told_time). Found when a time
        # is first compared (most reads compare none: their entries' texts unchanged).
        times = [(meta.get("_published"), meta.get("_stamp")) for _body, meta in parsed]
        untelling = functools.cache(lambda: times_telling_nothing(times))
        # A page several entries link to is handled once, as its newest entry with a digest of
        # them all: each noted its own stamp over the one before's, so the page was asked at
        # every run; an update added anywhere is a change.
        of_several = _pages_of_several(parsed, own_text, canonical_links)
        links_now = {entry_key(page) for number, (_link, page) in canonical_links.items() if number not in own_text}
        # A feed judged by its dates whose recheck is due (store.IDLE_SINCE): every entry whose
        # text changed under an unchanged stamp since its page was last asked (store.UNCHECKED),
        # or changed now, has its page asked; till then each such entry is noted, not asked. One
        # still noted once its texts tell edits again (its page left unasked by a limit) is asked too.
        recheck = idle_recheck_due(state)
        if recheck:
            self._rechecked[feed.url] = state.get(IDLE_SINCE)
        ask_unchecked = recheck or texts_tell_edits(state)
        unchecked = unchecked_keys(state)
        unchecked_now: list[str] = []
        for number, (body, meta) in enumerate(parsed):
            link = None if number in own_text else meta.get("url")
            stamp = meta.pop("_stamp", None)
            ident, published = meta.get("_id"), meta.get("_published")
            for internal in ("_id", "_published", "_feed_title"):
                meta.pop(internal, None)
            linkless = not link
            moved_from = None
            if link:
                link, canonical = canonical_links[number]
                listed.add(canonical)
                if canonical not in self.store.state["urls"] and self._kept_by_id(feed.url, ident, meta, shared):
                    continue
                entry_id = _entry_id(ident, shared, feed_canonical)
                if entry_id is not None:
                    id_key, link_key = entry_key(entry_id), entry_key(canonical)
                    before = known_keys.get(id_key)
                    old_link = None
                    if isinstance(before, str) and before != link_key and before not in links_now:
                        old_link = self.store.url_of_key(before)
                    if old_link is not None:
                        if self._same_story(old_link, meta, body, published, stamp, untelling):
                            # The same entry at a new address (moved, now https, AMP dropped): an
                            # update of the article kept, not a second article.
                            self.store.relink(old_link, canonical)
                        elif feed.articles and gives_no_words(body):
                            # No text in the feed to tell (titles alone): its page will.
                            moved_from = (old_link, str(ident), id_key)
                        else:  # another story under the id of the one before: the id is reused
                            note_reused(state, str(ident))
                            shared.add(str(ident))
                            entry_id = None
                    if moved_from is not None:
                        # Its id still leads to the kept article till its page tells (a page
                        # failing for now is asked again next run, and tells then).
                        keys_now[id_key] = str(before)
                    elif entry_id is not None:
                        keys_now[id_key] = link_key
            elif _words(body) >= MIN_WORDS:
                # No page to fetch, but the entry carries its text (as newsboat shows it): kept
                # from that text, under a key of its own in this feed.
                link = canonical = keys[number]
                if (
                    isinstance(ident, str)
                    and ident not in shared
                    and not self._same_story(canonical, meta, body, published, stamp, untelling)
                ):
                    # Another story under the id of the one kept: the id is reused, and the entry
                    # is keyed as one without an id is (never a new version of the one before).
                    note_reused(state, ident)
                    shared.add(ident)
                    link = canonical = linkless_key(feed.url, None, meta.get("title"), body, published)
            else:
                report.unkept += 1  # said once in the summary, not one failure line each
                continue
            record = self.store.state["urls"].get(canonical)
            # Its title and text as the feed gives them (not sanitized: most entries are skipped
            # unchanged): an edit its stamp does not tell (a CMS keeps an edited item's pubDate)
            # is a change all the same (a linkless entry's text is its article's: below).
            digest = None if linkless else digest_of_entry(meta.get("title"), body)
            if not linkless and canonical in of_several:
                newest, several = of_several[canonical]
                if number != newest:
                    continue  # its page's entry is the newest of them (its link, title and stamp)
                digests = sorted(digest_of_entry(parsed[n][1].get("title"), parsed[n][0]) for n in several)
                digest = entry_key("\n".join(digests))
            edited = False
            if linkless and record is not None:
                # Its text is all there is of it: an edit is a change whatever its stamps say (an
                # RSS item with only a pubDate keeps it when edited).
                kept = self.store.record(canonical) or {}
                if "gone" in kept or kept.get("hash") == text_hash(sanitize(body)):
                    continue
            elif (
                record is not None
                and not self.store.relinked(canonical)
                and not self.store.entry_changed(canonical, feed.url, stamp)
            ):
                edited = digest is not None and self.store.text_changed(canonical, feed.url, digest)
                if not edited and ask_unchecked and unchecked:
                    # Changed since its page was last asked, at a read between two rechecks.
                    edited = digest is not None and entry_key(canonical) in unchecked
                if not edited:
                    continue  # seen (stored, a duplicate or gone), and the feed says it has not changed
                if not texts_tell_edits(state) and not recheck:
                    # Its texts prove nothing, its dates say it has not changed; its digest is
                    # noted, so none is stale when the judgement ends, and it is noted unchecked:
                    # its page is asked at the recheck (an edit hides among counts).
                    self.store.note_digest(canonical, feed.url, digest)
                    unchecked_now.append(entry_key(canonical))
                    continue
            entries.append(
                _Entry(
                    feed,
                    feed_title,
                    outlet_for(feed, link, noted_site(state), feed_title, siblings),
                    canonical,
                    link,
                    stamp,
                    sanitize(body),
                    meta,
                    linkless=linkless,
                    moved_from=moved_from,
                    digest=digest,
                    edited=edited,
                )
            )
        self.store.settle_moves()  # the moved records' hashes and aliases, in one pass
        self._note_unchecked(state, unchecked, unchecked_now, listed, read.cut_short)
        # Only the entries listed now: ids that change every read never pile up. A feed cut short
        # keeps the ids of the entries after the cut, which it did not list this time.
        state[ENTRY_KEYS] = _kept_after_cut(known_keys, keys_now) if read.cut_short else keys_now
        self._forget_retries(feed.url, keep=listed)
        if self.settings.max_pages and feed.articles and len(entries) > self.settings.max_pages:
            # Only max_pages pages are asked for in this run: the newest first (a stable sort, so
            # the feed's own order among entries of one date; undated ones last).
            entries.sort(key=_newest_first, reverse=True)
        return entries

    @staticmethod
    def _note_unchecked(state: dict, before: set[str], now: list[str], listed: set[str], cut_short: bool) -> None:
        """store.UNCHECKED after a read of a feed: those noted before that it still lists (all of
        them when the feed was cut short), and those noted now. Those asked in this run leave it
        as their pages answer (note_page_answered), not here: a page a limit or a stop leaves
        unasked stays noted."""
        still = before if cut_short or not before else before & {entry_key(url) for url in listed}
        kept = sorted(still | set(now))
        if kept:
            state[UNCHECKED] = kept
        else:
            state.pop(UNCHECKED, None)

    def _same_story(
        self,
        canonical: str,
        meta: dict,
        body: str,
        published: object,
        stamp: object,
        untelling: Callable[[], set[str]] = set,
    ) -> bool:
        """Whether the entry (its title in `meta`, its text as the feed gives it, its published
        time and stamp) is the story kept under `canonical` (reused_ids.same_story); True when
        none is kept there, or its text as given (an entry unchanged since: its stored file is
        not read at each read of the feed). `untelling`: the moments of the read that tell
        nothing (reused_ids.told_time)."""
        record = self.store.record(canonical)
        if record is None or (isinstance(record, dict) and record.get("hash") == text_hash(sanitize(body))):
            return True
        title, kept_time, text = self.store.stored_title_time_and_text(canonical)
        new_title = meta.get("title")
        # The kept entry's stamp is its updated time, else its published one (RSS: its pubDate),
        # one for each feed that gives it (fetch-state.json leaves `stamp` out beside `stamps`);
        # its file keeps its published time.
        kept_stamps = _kept_stamps(record) if isinstance(record, dict) else ()
        told_published, told_stamp = (told_time(given, untelling()) for given in (published, stamp))
        at_another_time = republished((*kept_stamps, kept_time), told_published, told_stamp)
        return same_story(
            title, text, str(new_title) if new_title is not None else None, sanitize(body), at_another_time
        )

    def _settle_doubtful_move(self, entry: _Entry, text: str) -> None:
        """An entry of a feed of titles alone back under its id at a new link, its headline
        rewritten and published at another time (`moved_from`): an outlet re-publishing its
        story, updated, under a new address, or a CMS's "latest" id on the next story. Its
        page's text tells: mostly the kept article's words, that article moved (a new version
        of it, its marks follow); else another story, and the id is noted reused."""
        assert entry.moved_from is not None
        old_link, ident, id_key = entry.moved_from
        _title, kept_text = self.store.stored_title_and_text(old_link)
        state = self.store.feed_state(entry.feed.url)
        keys = state.get(ENTRY_KEYS)
        if told_again(kept_text, text) and self.store.relink(old_link, entry.canonical):
            self.store.settle_moves()
            if isinstance(keys, dict):
                keys[id_key] = entry_key(entry.canonical)  # (it led to the old link till now)
            return
        note_reused(state, ident)
        if isinstance(keys, dict):
            keys.pop(id_key, None)

    def _another_story_here(self, entry: _Entry, canonical: str, text: str, meta: dict) -> bool:
        """Whether the page of a linked entry, kept at `canonical` before with another text, is
        a new story there (reused_ids.another_story_at_one_address: a daily briefing at one URL)
        rather than the kept one edited. Not for an entry that moved here (relinked: found the
        same story already) nor one kept from its feed's text (its id or title and date decided)."""
        record = self.store.record(canonical)
        if (
            entry.linkless
            or not isinstance(record, dict)
            or record.get("hash") == text_hash(text)
            or self.store.relinked(canonical)
        ):
            return False
        front, kept_text = self.store.stored_front_and_text(canonical)
        return another_story_at_one_address(kept_text, front.get("date"), text, meta.get("date"))

    def _kept_by_id(self, feed_url: str, ident, meta: dict, shared: set[str]) -> bool:
        """Whether the entry of this id was kept from its own text, without a link: an older reader
        saw none in an Atom entry writing its <id> first (YouTube's, Blogger's) or an RSS item with
        an empty <link>, or the feed gave none then. It is in the corpus already: asked for by
        its link now, each was stored a second time. An id that several entries of the feed give
        (a CMS's one guid for every item), or kept under another title, is no such entry: every
        linked entry sharing the guid of one kept from its text was dropped, without a word."""
        if not isinstance(ident, str) or not ident.strip() or ident in shared:
            return False
        key = linkless_key(feed_url, ident, None, "")
        if key not in self.store.state["urls"]:
            return False
        kept, title = self.store.stored_title(key), meta.get("title")
        return kept is None or not title or kept == sanitize_line(str(title))

    def _forget_retries(self, feed_url: str, keep: set[str]) -> None:
        """Pages of the feed that failed for now and are no longer among its entries (or cannot be
        found again: it answered 304): nothing to try again, and the feed is not due for them."""
        retries = self._retries()
        for canonical in [c for c, r in retries.items() if not isinstance(r, dict) or r.get("feed") == feed_url]:
            if canonical not in keep:
                del retries[canonical]

    def _problem_said(self, feed: Subscription, read: _FeedPage, response: Response) -> str:
        """Why the feed gave nothing, with where it moved for good to (a 301 to a web page was
        said "a web page, not a feed" alone, of a URL that is no page) and, for a page that names
        its feed, the commands that switch the subscription to that feed."""
        reason = read.problem or ""
        moved = response.moved if response.moved and response.moved != feed.url else None
        if moved:
            reason = f"moved for good to {moved}: {reason}"
        named = read.names
        if named and named != feed.url:
            if is_subscribed(named, self.subscriptions):
                reason += f" (subscribed already: unsubscribe this one with: reader feed remove {shell_word(feed.url)})"
            else:
                reason += (
                    f" (switch to it with: reader feed remove {shell_word(feed.url)}; "
                    f"reader feed add {shell_word(named)})"
                )
        elif not named and read.problem_kind == "not_a_feed" and (read.problem or "").startswith(WEB_PAGE_NOT_A_FEED):
            # As `feed add` of such a page says, with the next step: it said what was wrong alone.
            reason += WEB_PAGE_NAMING_NO_FEED.format(feed=shell_word(feed.url))
        return reason

    def _note_moved(self, feed: Subscription, result: FeedResult, state: dict, moved: str | None) -> None:
        """A permanent redirect: followed every run, and said every run until feeds.yaml names the
        new address (a temporary one is not the feed's new home). No redirect, and the feed
        answered at its own address: the move was undone, and is forgotten."""
        result.moved_to = moved if moved and moved != feed.url else None
        if result.moved_to:
            state["moved_to"], state[MOVED_SEEN_AT] = result.moved_to, time.time()
            result.moved_to_subscribed = is_subscribed(result.moved_to, self.subscriptions)
            result.moved_seen_at = state[MOVED_SEEN_AT]
        else:
            state.pop("moved_to", None)
            state.pop(MOVED_SEEN_AT, None)

    def _keep_moved(self, feed: Subscription, result: FeedResult, state: dict) -> None:
        """A failure that brought no redirect (no connection, a 5xx, a 404 or a web page at the old
        address) keeps the move an earlier run was answered: a 301/308 is the server's word for
        good, and a failure says nothing against it (the old address answering the feed itself
        does). `--json` gives it with when it was last answered (`moved_seen_at`)."""
        moved = state.get("moved_to")
        if isinstance(moved, str) and moved != feed.url:
            result.moved_to = moved
            result.moved_to_subscribed = is_subscribed(moved, self.subscriptions)
            seen = state.get(MOVED_SEEN_AT)
            result.moved_seen_at = seen if isinstance(seen, (int, float)) and not isinstance(seen, bool) else None

    def _server_wait_said(self, feed: Subscription, result: FeedResult, report: FetchReport, state: dict) -> None:
        """A feed --all or its URL asked for, not asked because its server asked to wait: said as a
        feed not asked (`deferred`, not counted: the server's word, no failure), its state as it
        was. Skipped without a word, `reader fetch --all` looked as if it had asked it."""
        pause = float(state[SERVER_PAUSE])  # (server_waits checked it)
        reason = f"not asked: its server asked to wait till {when(pause)} (Retry-After)"
        asked = _server_asked(state)
        if asked is not None:
            # Held by reader's backoff, later than the server's wait: "its server asked to wait
            # till 15:05" of a server that asked 60 s credited it with the backoff's hour.
            reason = (
                f"not asked: failed {_failures(state)} runs in a row, will retry after {when(pause)} "
                f"(later than the {wait_words(asked)} its server asked to wait, Retry-After)"
            )
        result.status, result.kind, result.error, result.brief = "failed", "deferred", reason, reason
        result.retry_at = pause
        report.failures.append(Failure(feed.url, reason, "deferred", None, counted=False, brief=reason))

    def _feed_failed(
        self,
        feed,
        result,
        report,
        reason: str,
        kind: str,
        retry_after: float | None,
        status: int | None = None,
        *,
        was_asked: bool = True,
        for_now: bool = False,
        moved: str | None = None,
        brief: str | None = None,
        host_down: bool = False,
    ) -> list:
        """`for_now`: a failure worth trying again (a timeout, a 5xx, no connection), which fails
        the run only from the feed's COUNTED_FROM-th failure in a row. `moved`: where the feed
        moved for good before it failed there, said first. `brief`: the reason without what to do
        (the failure's `brief`), when it says what to do. `host_down`: not asked, its host having
        refused a connection or timed out in this run: a failure of its own all the same."""
        state = self.store.feed_state(feed.url)
        self._failures_before[feed.url] = _failures(state)
        # Not asked (its host asked to wait, its robots.txt unread): no failure of its own, asked
        # again next run. A host that is down is the feed's failure as much as the host's: not
        # counted, only the feed asked first backed off, and the others were asked every run
        # while the server stayed down (which feed is asked first changes from run to run).
        counts = was_asked or host_down
        failures = _failures(state) + (1 if counts else 0)
        gone = status == 410 and was_asked
        if gone:  # the server says the feed will not come back: not asked again till named
            # (newsboat asks it on every reload; asked once a day, cron mailed its failure daily)
            state[GONE_AT] = time.time()
            reason, brief = gone_reason(feed.url), GONE_BRIEF
        elif status == 404:  # "HTTP 404 Not Found" alone left the user to guess what to do
            reason, brief = not_found_reason(feed.url), "HTTP 404 Not Found"
        brief = brief or reason
        if moved and moved != feed.url:
            reason = said(f"moved for good to {moved}: ", reason)
            brief = f"moved for good to {moved}: {brief}"
            if was_asked:  # (--json's moved_to and the state's, as of a moved feed that answers)
                self._note_moved(feed, result, state, moved)
        else:
            self._keep_moved(feed, result, state)
        # A Retry-After is honoured up to a day, the longest a failing feed ever waits: one dated
        # years ahead (a misconfigured server) would silence the feed for good.
        asked = min(retry_after or 0, MAX_BACKOFF)
        backoff = retry_delay(feed.every, failures) if counts else 0.0
        retry_at = time.time() + (max(asked, backoff) if counts else 0.0)
        # One time said of a feed, the one it is asked again at: a 429 after failing runs said
        # "asked to wait 60 s; will retry after 15:05" (its backoff), and `--all` later "till 14:06".
        backoff_wins = retry_after is not None and retry_after > 0 and backoff > asked and for_now
        if backoff_wins:
            reason, brief = (_without_wait_asked(text, retry_after or 0.0) for text in (reason, brief))
        if gone:  # (no retry to say of a feed not asked again)
            pass
        elif (retry_after is None or backoff_wins) and for_now and counts:  # reader's own backoff
            reason, brief = backoff_said(reason, failures, retry_at), backoff_said(brief, failures, retry_at)
        else:
            reason, brief = (
                retry_said(reason, kind, retry_after, retry_at),
                retry_said(brief, kind, retry_after, retry_at),
            )
        result.status, result.error, result.kind = "failed", reason, kind
        result.failures, result.retry_at = failures, retry_at
        if was_asked:
            state.update(status="failed", error=reason, kind=kind, retry_at=retry_at, failures=failures)
            if retry_after and retry_after > 0 and not gone:  # its server's wait, which --all honours
                state[SERVER_PAUSE] = retry_at  # (the later of it and the backoff: the time said)
            else:
                state.pop(SERVER_PAUSE, None)
            if backoff_wins:  # (the pause is reader's backoff: said so, not credited to the server)
                state[SERVER_ASKED] = asked
            else:
                state.pop(SERVER_ASKED, None)
        else:
            # Its last fetch and status stay as they were (`feed list` said "last 21:37 failed:
            # not asked…" of a feed never asked); the deferral is noted beside them.
            state["not_asked"] = reason
            if host_down:
                state.update(retry_at=retry_at, failures=failures)
        counted = not (for_now and counts and failures < COUNTED_FROM)
        if not was_asked and kind == "robots":
            # Its robots.txt unread (a 5xx, no answer): no failure of its own grows, so the runs in
            # a row it was not asked for that are counted, as a blip's. A deferral (its host refused
            # or timed out earlier in the run) is said at once: the feed asked first changes from
            # run to run (those that failed go last), and no count would reach COUNTED_FROM.
            runs = state.get("not_asked_runs")
            runs = (runs if isinstance(runs, int) and not isinstance(runs, bool) else 0) + 1
            state["not_asked_runs"] = runs
            counted = runs >= COUNTED_FROM
        result.brief = brief
        report.failures.append(Failure(feed.url, reason, kind, status, counted=counted, brief=brief))
        return []

    @staticmethod
    def _fetch_feed(
        client: HttpClient,
        url: str,
        etag: str | None,
        last_modified: str | None,
        tell: Callable[[_Doing], None],
        unchanged_if: _BodyDigest | None = None,
    ) -> _FeedPage:
        """Download and parse one feed (in a worker thread); `tell` hears when the download is done
        and the parse starts, which takes seconds for a feed of thousands. A body whose digest is
        `unchanged_if`'s last one is not parsed: a server without ETag or Last-Modified has no 304."""
        # Some servers send a feed as text/html: read it, and say so if it is only a page.
        response = client.get(url, accept=FEED_TYPES + HTML_TYPES, etag=etag, last_modified=last_modified)
        if response is None:
            return _FeedPage(None)
        digest = unchanged_if.of(response.body) if unchanged_if else None
        if unchanged_if and digest == unchanged_if.last:
            return _FeedPage(dataclasses.replace(response, body=b""), digest=digest, unchanged=True)
        tell(_Doing(url, f"reading {len(response.body):,} bytes"))  # downloaded: no more waiting for it
        try:
            parsed = parse_feed(
                response.body, stamps=True, base=response.url or url, content_type=content_type(response)
            )
        except FormatError:
            return _unusable_feed(response)
        except Exception as exc:  # feedparser on hostile bytes: a reason, never a crash
            return _FeedPage(
                response, problem=f"cannot parse the feed ({type(exc).__name__})", problem_kind="malformed"
            )
        if not any(meta.get("url") or _words(body) >= MIN_WORDS for body, meta in parsed):
            return _unusable_feed(response)
        cut_short = xml_feed_cut_short(response.body)
        return _FeedPage(response, parsed, cut_short=cut_short, digest=digest, strays=read_with_strays(response.body))

    @staticmethod
    def _fetch_page(
        client: HttpClient,
        url: str,
        etag: str | None,
        last_modified: str | None,
        listed_by: Response | None,
        on_body: Callable[[str], None],
    ) -> _Page:
        """Download and extract one article page (in a worker thread); `listed_by`, its feed's
        response; on_body(url) once its body came whole (a stop then waits for it to be kept)."""
        response = client.get(
            url,
            accept=HTML_TYPES,
            etag=etag,
            last_modified=last_modified,
            listed_by=listed_by,
            on_whole=functools.partial(on_body, url),
        )
        if response is None:
            return _Page(None)
        # Compressed here, in the worker, as the store writes it (and off the main thread).
        raw_gz = gzip.compress(response.body, mtime=0)
        try:
            text, meta = parse_html(decoded_page(response), source_name=url, url=response.url, host_as_outlet=False)
        except BinaryFile as exc:
            problem: str | None = f"not a web page ({exc})"
            text, meta = None, None
        except ValueError as exc:
            problem, text, meta = _one_line(str(exc)), None, None
        else:
            problem = None
        strays = read_with_strays(response.body)
        return _Page(dataclasses.replace(response, body=b""), text, meta, problem, raw_gz, strays)

    def _page_done(self, future: Future, entry: _Entry, results: dict, report: FetchReport) -> None:
        """A page's outcome, tallied for its feed (`feed list` says when its pages failed)."""
        failures, stopped = len(report.failures), report.stopped_pages
        try:
            self._page_outcome(future, entry, results, report)
        finally:
            if report.stopped_pages == stopped:  # a page stopped by the user was not asked
                self._pages_tally[entry.feed.url].add(report.failures[failures:])

    def _page_outcome(self, future: Future, entry: _Entry, results: dict, report: FetchReport) -> None:
        try:
            page = future.result()
        except FetchCancelled:  # its worker saw the stop first: not fetched, as those dropped
            self._incomplete.add(entry.feed.url)
            report.stopped_pages += 1
            report.stopped_arriving.append(entry.url)
            report.cancelled = True  # were it the last job, the run would end as if not stopped
            return
        except FetchFailed as exc:
            if exc.transient:
                self._page_failed_for_now(
                    entry,
                    results,
                    report,
                    exc.reason,
                    exc.retry_after,
                    kind=exc.kind,
                    status=exc.status,
                    held_back=exc.held_back,
                )
                return
            self._retries().pop(entry.canonical, None)
            self._page_answered(entry)  # for good: its text kept from the feed, or gone
            if exc.kind == "private_network":
                # Said even when the feed's own text is kept: the feed tried to send reader into a
                # network of the user's (a hostile feed, or a site that links to its staging server).
                report.failures.append(Failure(entry.url, exc.reason, exc.kind, feed=entry.feed.url))
                if _words(entry.body) < MIN_WORDS:
                    self.store.note_gone(entry.canonical, exc.reason, entry.stamp, entry.feed.url, entry.digest)
                    return
            self._keep_feed_text(entry, results, report, reason=exc.reason, kind=exc.kind, status=exc.status)
            return
        except Exception as exc:  # a bug or the machine: this page only, tried again next run
            why = _one_line(f"{type(exc).__name__}: {exc}")
            self._page_failed_for_now(entry, results, report, why, None, kind="error")
            return
        self._retries().pop(entry.canonical, None)  # it answered
        self._page_answered(entry)
        if page.response is None:  # 304: the page has not changed since we stored it
            self.store.note_stamp(entry.canonical, entry.feed.url, entry.stamp, entry.digest)
            self._note_edit(entry, made_a_version=False)
            return
        if page.problem:
            self._keep_feed_text(
                entry,
                results,
                report,
                reason=page.problem,
                kind="not_an_article",
                response=page.response,
                raw_gz=page.raw_gz,
            )
            return
        if page.strays is not None:
            report.warnings.append(strays_warning(page.response.url or entry.url, page.strays))
        if entry.moved_from is not None:
            self._settle_doubtful_move(entry, page.text or "")
        meta = dict(page.meta or {})
        page_date, page_time = meta.get("date"), meta.pop("time", None)
        # a page that states only when it was edited: the feed's date for the entry is its publication's
        dated_by_edit = meta.pop("date_is_edit", False)
        page_day, (entry_day, entry_moment) = self._date(page_date), self._entry_day(entry, page.text or "")
        final = page.response.url
        # The page's own canonical link wins, but only on its own site.
        named = meta.get("url")
        url = named if named and named.startswith(("http://", "https://")) and same_site(named, final) else final
        canonical = canonical_url(url)
        meta.update(
            url=url,
            title=meta.get("title") or entry.meta.get("title"),
            author=meta.get("author") or entry.meta.get("author"),
            date=entry_day if dated_by_edit else page_day or entry_day,
            outlet=outlet_for(entry.feed, url, meta.get("outlet"), entry.feed_title, self._siblings()),
        )
        if dated_by_edit and meta["date"] is None:
            # nor does its feed entry: the edit's day is kept apart, and the loader dates the page
            # by it, marked inferred, only when its text or address gives no date (store.save)
            meta["_edited"] = page_day
        # The moment the page states it was published (as the page read from a corpus folder
        # gives it), else the feed's moment for the entry when the page's date is the entry's: an
        # edited entry's feed often dates it by the edit, a day later, or not at all.
        same_day = meta["date"] is not None and meta["date"] == entry_day
        stated = parse_moment(page_time) if page_time and meta["date"] == self._date(page_date) else None
        meta["_time"] = stated or (entry_moment if same_day else None)
        site = page.meta.get("outlet") if page.meta else None
        if site and same_site(final, entry.feed.url):
            # The site's own name for itself (og:site_name): the feed's outlet in `feed list` and
            # for its entries kept from their text, as for its pages ("Example News", not the
            # feed's title "Example News - Local").
            label = subscription_label(site)
            if label:
                self.store.feed_state(entry.feed.url)["site_name"] = label
        if canonical != entry.canonical and not (
            # An article whose entry moved here (relinked) moves on to the address its page names.
            self.store.relinked(entry.canonical) and self.store.relink(entry.canonical, canonical)
        ):
            self.store.note_alias(entry.canonical, canonical, entry.stamp, entry.feed.url, entry.digest)
        self._store(entry, canonical, page.text or "", meta, page.response, results, report, raw_gz=page.raw_gz)

    def _page_answered(self, entry: _Entry) -> None:
        """The entry's page answered: no longer waiting to be asked (store.UNCHECKED)."""
        note_page_answered(self.store.feed_state(entry.feed.url), entry.canonical)

    def _note_edit(self, entry: _Entry, made_a_version: bool) -> None:
        """What the page of an entry asked for its changed text alone proved (store.IDLE_EDITS): a
        version ends the count at once; unchanged pages are one idle read of their feed, noted at
        the run's end (however many entries)."""
        if not entry.edited:
            return
        if made_a_version:
            self._edited_feeds.add(entry.feed.url)
            note_edit_outcome(self.store.feed_state(entry.feed.url), made_a_version=True)
        else:
            self._idle_feeds.add(entry.feed.url)

    def _entry_day(self, entry: _Entry, text: str) -> tuple[str | None, str | None]:
        """(the day of a feed entry, its moment): the day the feed writes its moment on (_date),
        unless the article kept at its address states a moment within SAME_MOMENT_HOURS of it,
        its page's: then that page's day and moment (the page's own time wins); or its page
        stated a day and no moment, within a day of the feed's (a time zone apart): then that
        day, without the feed's moment, as the article kept. A feed
        writes its moments in UTC, more often than not; a page in its outlet's zone: 23:30 in
        New York is the 22nd in the feed and the 21st on the page, and the versions of one story
        were dated the 21st from its page and the 22nd from its feed (its page then giving no
        date, or gone). A new version under the time its feed gave the version kept
        (the text changed, the time never moved: a CMS's fixed time on a one-entry feed) is
        dated the day it is fetched, without that time, which dates nothing new: each day's text
        was dated the day of the first, and the newest listed below the versions it replaced.
        `text`, the entry's new text, all new and the feed's day later than the kept one's, is
        another story at the address (a briefing twice a day): dated by its feed, not as the
        one kept, whose day made it no later one and so a version of it."""
        day, moment = self._date(entry.meta.get("date")), entry.meta.get("_time")
        if entry.stamp is not None and self.store.kept_stamp(entry.canonical, entry.feed.url) == entry.stamp:
            return _dt.datetime.now(_dt.timezone.utc).date().isoformat(), None
        if day is None or not isinstance(moment, str) or not moment.endswith("Z"):
            return day, moment  # (a moment without its zone is no moment to compare)
        front, kept_text = self.store.stored_front_and_text(entry.canonical)
        if another_story_at_one_address(kept_text, front.get("date"), text, day):
            return day, moment
        kept_day, kept_moment = self._date(front.get("date")), front.get(TIME_KEY)
        kept_moment = parse_moment(kept_moment) if kept_moment is not None else None
        if kept_day is not None and kept_moment is not None and _hours_apart(kept_moment, moment) <= SAME_MOMENT_HOURS:
            # The moment the version kept states (its page's) wins over the feed's, minutes or
            # hours off it (when the entry reached the feed): its day and its moment.
            return kept_day, kept_moment
        if kept_day is not None and kept_moment is None and _days_apart(kept_day, day) <= 1:
            # The page stated its day and no moment: the feed's, a time zone from that day, is
            # of it (as the version kept was dated, without a time), not of the feed's UTC day.
            return kept_day, None
        return day, moment

    @staticmethod
    def _date(value) -> str | None:
        """An ISO date, or None for no date or one after tomorrow (UTC): nothing is published
        after it is fetched, and a feed's bogus "2099" would head every newest-first list."""
        text = str(value)[:10] if value else ""
        if not _ISO_DATE.match(text):
            return None
        latest = (_dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(days=1)).date().isoformat()
        return text if text <= latest else None

    def _keep_feed_text(
        self,
        entry: _Entry,
        results: dict,
        report: FetchReport,
        *,
        reason: str | None,
        kind: str,
        status: int | None = None,
        response: Response | None = None,
        raw_gz: bytes | None = None,
    ) -> None:
        """The feed's own text of an entry, when the page is unavailable (or not wanted); a page
        that came but held no article is kept beside it, for a better extractor later."""
        if _words(entry.body) < MIN_WORDS:
            if reason is None:
                reason = "the feed has no text for this entry (set articles: true to fetch its page)"
            if status is None and response is not None:
                status = response.status  # a page that came but held no article: its server answered
            report.failures.append(Failure(entry.url, reason, kind, status, feed=entry.feed.url))
            self.store.note_gone(entry.canonical, reason, entry.stamp, entry.feed.url, entry.digest)
            return
        # A linkless entry has no address: its front matter names only its feed; nor has one whose
        # link is no web address (a javascript: or data: link was stored as the article's url).
        url = None if entry.linkless or not re.match(r"^https?://", entry.url, re.I) else entry.url
        day, moment = self._entry_day(entry, entry.body)
        meta = dict(entry.meta, outlet=entry.outlet, url=url, date=day, _time=moment)
        canonical = entry.canonical
        if entry.linkless:
            # Stored by an older reader under the key of its text (the new key was noted as its
            # duplicate): an edit is a new version of that article, not a new one.
            alias = (self.store.state["urls"].get(canonical) or {}).get("alias")
            if isinstance(alias, str) and alias.startswith(f"{canonical_url(entry.feed.url)}#entry:"):
                canonical = alias
        if self._store(entry, canonical, entry.body, meta, response, results, report, raw_gz=raw_gz):
            # (counted once stored: 50 entries of one text under 50 guids counted 50, 1 stored)
            report.from_feed += 1

    def _renewed_guid(self, entry: _Entry, other: str, text: str) -> bool:
        """Whether a linkless entry whose `text` is that of `other` is the item kept as `other`
        under a new guid (a feed that makes its guid anew at every read): `other` a linkless
        entry of this feed, and no other entry of this read with that text. Two entries of one
        text listed together are two, and are counted. (Their texts are hashed only here: few
        entries are ever a stored text under a new key, and each read's once.)"""
        feed_url = entry.feed.url
        if not entry.linkless or not other.startswith(f"{canonical_url(feed_url)}#entry:"):
            return False
        if feed_url not in self._linkless_texts:
            listed = self._linkless_now.get(feed_url, ())
            self._linkless_texts[feed_url] = Counter(text_hash(sanitize(body)) for body in listed)
        return self._linkless_texts[feed_url][text_hash(text)] <= 1

    def _store(
        self,
        entry: _Entry,
        canonical: str,
        text: str,
        meta: dict,
        response: Response | None,
        results: dict,
        report: FetchReport,
        *,
        raw_gz: bytes | None = None,
    ) -> bool:
        """Store an article: `raw_gz`, its page as fetched, gzip-compressed (none for one kept from
        its feed's text); `response`, for the page's validators. False: not stored (the text of an
        article stored already, or the same text as its last version)."""
        meta = {k: (sanitize_line(str(v)) if v is not None else None) for k, v in meta.items()}
        other = self.store.duplicate_of(canonical, text_hash(text))
        if other is not None and self.store.record(canonical) is None:
            self.store.note_alias(canonical, other, entry.stamp, entry.feed.url, entry.digest)
            report.duplicates += 1
            if self._renewed_guid(entry, other, text):
                return False  # one item, its text known: said "the same text" at every run
            report.same_text += 1
            result = results.get(entry.feed.url)
            if result is not None:
                result.same_text += 1
            return False
        saved = self.store.save(
            canonical=canonical,
            text=text,
            meta=meta,
            raw_gz=raw_gz,
            feed_url=entry.feed.url,
            stamp=entry.stamp,
            entry_digest=entry.digest,
            etag=response.etag if response is not None else None,
            last_modified=response.last_modified if response is not None else None,
            another_story=self._another_story_here(entry, canonical, text, meta),
        )
        self._note_edit(entry, made_a_version=saved is not None)
        if saved is None:
            return False
        report.articles.append(saved)
        self._feed_of[saved.id] = entry.feed.url
        result = results.get(entry.feed.url)
        if result is not None:
            if saved.version > 1:
                result.updated += 1
            else:
                result.new += 1
        return True


def _kept_stamps(record: dict) -> tuple[object, ...]:
    """The stamps a kept record holds: its `stamp` where written, and the one of each feed."""
    stamps = record.get("stamps")
    per_feed = tuple(stamps.values()) if isinstance(stamps, dict) else ()
    return (record.get("stamp"), *per_feed)
