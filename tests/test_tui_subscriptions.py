"""The app's list of subscriptions (the palette's "Subscriptions"): each feed with how its last fetch
went and the notes `reader feed list` adds (pages failed or not asked, a feed not asked), in the
same words, from the core. The app had no way to see them: a feed whose every page was refused
looked fine after `R`. URLs and reasons are the servers': shown literally, never as markup."""

from __future__ import annotations

import contextlib
import json

import pytest

from textual.command import CommandPalette

from conftest import drive, notifications, press_and_settle, screen_text, settle, wait_for
from reader import config
from reader.fetch.subscriptions import add_subscription, load_subscriptions
from reader.tui.app import ReaderApp
from reader.tui.screens.subscriptions import NO_SUBSCRIPTIONS, SubscriptionsScreen
from reader.wording import fetched_when

HOSTILE_URL = "https://news.example/feed.xml?x=[/oops][@click=app.quit]"
PAGES_FAILED = {
    "failed": 1,
    "of": 2,
    "reason": "HTTP 404 Not Found",
    "not_asked": 3,
    "not_asked_reason": "skipped: link points into a private network (http://10.0.0.1/[b]x[/b], an address on a "
    "private network): a feed from outside that network may not send reader there",
}
PAGES_SAID = (
    "the last pages asked: 1 of 2 failed (HTTP 404 Not Found), 3 more not asked (skipped: link points into a "
    "private network (http://10.0.0.1/[b]x[/b], an address on a private network): a feed from outside that "
    "network may not send reader there)"
)


def _a_feed_whose_pages_were_refused() -> str:
    """A subscription whose last run noted pages failed and not asked, and a second one its host
    kept from being asked; the first one's URL."""
    add_subscription(HOSTILE_URL, outlet="Harbour Gazette")
    add_subscription("https://quiet.example/rss", outlet="Quiet Times")
    first, second = (feed.url for feed in load_subscriptions().feeds)
    write_fetch_state(
        {
            first: {"fetched_at": 1_761_040_000.0, "status": "ok", "pages_failed": PAGES_FAILED},
            second: {"not_asked": "not asked: quiet.example timed out on 2 requests in a row in this run"},
        }
    )
    return first


def write_fetch_state(feeds: dict) -> None:
    """The fetch state, as a run would have left it, noting `feeds` (URL -> its state)."""
    state = {"version": 1, "feeds": feeds, "urls": {}, "hashes": {}, "robots": {}, "retries": {}}
    path = config.fetched_corpus_dir().parent / "fetch-state.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state), encoding="utf-8")


@contextlib.asynccontextmanager
async def _the_list_open(size: tuple[int, int] = (100, 30)):
    """The app, its list of subscriptions open (by the palette command's action), and its pilot."""
    from reader.library import Library

    library = Library(auto_update=False)
    app = ReaderApp(library)
    try:
        async with drive(app, size) as pilot:
            await settle(pilot)
            app.action_show_subscriptions()
            await wait_for(pilot, lambda: isinstance(app.screen, SubscriptionsScreen))
            yield app, pilot
    finally:
        library.close()


def _shown(app) -> list[str]:
    """The list of subscriptions' rows as the screen shows them (plain text)."""
    options = app.screen.query_one("#subscriptions-list")
    return [options.get_option_at_index(n).prompt.plain for n in range(options.option_count)]


async def test_the_palettes_subscriptions_say_what_feed_list_says_of_each_feed(isolated_dirs, reader_in_process):
    from reader.library import Library

    url = _a_feed_whose_pages_were_refused()
    listed = reader_in_process("feed", "list").stdout.splitlines()
    library = Library(auto_update=False)
    app = ReaderApp(library)
    try:
        async with drive(app, (120, 36)) as pilot:
            await settle(pilot)
            await press_and_settle(pilot, "ctrl+p")
            await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
            await press_and_settle(pilot, *"subscriptions", "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, SubscriptionsScreen))
            said = _shown(app)
            head = app.screen.query_one("#subscriptions-head").render()
            hint = app.screen.query_one("#subscriptions-hint").render()
            assert app.is_running and app.return_code is None  # [@click=app.quit] did nothing
    finally:
        library.close()

    when = fetched_when(1_761_040_000.0)
    assert said == [
        f"! Harbour Gazette  {url}\n  last fetched {when} · 0 articles · ok; {PAGES_SAID}",
        "! Quiet Times  https://quiet.example/rss\n  last fetched never · 0 articles · not fetched yet; not asked in "
        "the last run: quiet.example timed out on 2 requests in a row in this run",
    ]
    assert str(head) == "2 subscriptions, 2 with a note from the last fetch (! first)."
    assert str(hint) == (
        "Enter shows a feed's last fetch in full, r fetches the feed under the cursor, R every due feed; esc closes; "
        "reader feed list lists them in a shell."
    )
    # The same words as `reader feed list` prints after its columns (the one wording, the core's).
    assert listed[0].endswith(f"  ok; {PAGES_SAID}") and listed[0].startswith(url)
    assert listed[1].endswith(said[1].split(" · 0 articles · ", 1)[1])


async def test_the_subscriptions_of_an_unreadable_feeds_file_are_one_error_line(isolated_dirs):
    from reader.library import Library

    (isolated_dirs["config"] / "feeds.yaml").write_text("feeds: [unclosed\n", encoding="utf-8")
    library = Library(auto_update=False)
    app = ReaderApp(library)
    try:
        async with drive(app, (120, 36)) as pilot:
            await settle(pilot)
            app.action_show_subscriptions()
            await wait_for(pilot, lambda: any("feeds.yaml" in t for t in notifications(app)))
            assert app.is_running
    finally:
        library.close()


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 36)])
async def test_every_subscription_is_in_a_list_that_scrolls_by_keys_those_needing_a_look_first(isolated_dirs, size):
    """A notice had room for a few feeds ("… and 95 more"): the list holds all 101 and scrolls, the
    feed with something to say first. A feed's 2,000-character URL (or outlet name) is cut on its
    own, and its outlet's markup and bidi controls are text, never obeyed."""

    for number in range(100):
        add_subscription(f"https://n{number}.example/feed.xml", outlet=f"Outlet {number}")
    add_subscription("https://long.example/" + "a/" * 1000 + "feed.xml", outlet="\u202eEvil [b]Outlet[/b] " * 30)
    *quiet, refused = (feed.url for feed in load_subscriptions().feeds)
    feeds = {url: {"fetched_at": 1_761_040_000.0, "status": "ok"} for url in quiet}
    feeds[refused] = {"fetched_at": 1_761_040_000.0, "status": "ok", "not_asked": "not asked: long.example timed out"}
    write_fetch_state(feeds)
    async with _the_list_open(size) as (app, pilot):
        await settle(pilot)
        said = _shown(app)
        made_by_the_worker = app.screen.prompts  # not in its mount: 10,000 feeds froze the app 2 s
        options = app.screen.query_one("#subscriptions-list")
        moves = []
        for key in ("j", "j", "down", "k", "end", "up", "home"):
            await press_and_settle(pilot, key)
            moves.append(options.highlighted)
        await press_and_settle(pilot, "end")
        scrolled = options.scroll_y
        await press_and_settle(pilot, "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, SubscriptionsScreen))
        assert app.is_running

    assert len(said) == 101 and [prompt.plain for prompt in made_by_the_worker] == said
    first, rest = said[0], said[1:]
    assert first.startswith("! Evil [b]Outlet[/b] Evil") and "\u202e" not in first
    assert first.endswith("· 0 articles · ok; not asked in the last run: long.example timed out")
    assert len(first.split("\n")[0]) < 260  # the outlet and URL cut, each on its own
    assert [line.split("  ", 2)[1] for line in rest] == [f"Outlet {n}" for n in range(100)]
    assert moves == [1, 2, 3, 2, 100, 99, 0]
    assert scrolled > 0  # the last feed was scrolled to


async def test_a_damaged_fetch_state_is_said_above_the_list(isolated_dirs):
    add_subscription("https://quiet.example/rss", outlet="Quiet Times")
    path = config.fetched_corpus_dir().parent / "fetch-state.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    async with _the_list_open() as (app, pilot):
        problems = str(app.screen.query_one("#subscriptions-problems").render())
        said = _shown(app)

    assert "fetch-state.json" in problems
    assert said == ["  Quiet Times  https://quiet.example/rss\n  last fetched never · 0 articles · not fetched yet"]


async def test_with_no_subscription_the_list_says_how_to_add_one(isolated_dirs):
    async with _the_list_open() as (app, pilot):
        said = _shown(app)

    assert said == [NO_SUBSCRIPTIONS]


async def test_the_help_over_the_list_names_its_keys(isolated_dirs):
    from reader.tui.screens.help import HelpScreen

    add_subscription("https://quiet.example/rss", outlet="Quiet Times")
    async with _the_list_open() as (app, pilot):
        await press_and_settle(pilot, "question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        keys = str(app.screen.query_one("#help-bindings").render())
        moving = str(app.screen.query_one("#help-navigation").render())
        await press_and_settle(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SubscriptionsScreen))

    assert "Subscriptions" in keys and "Close the list of subscriptions" in keys
    unwrapped = " ".join(keys.split())
    assert "r Fetch feed — Fetch the feed under the cursor now, due or not (R: every due feed)" in unwrapped
    assert "R Fetch all — Fetch every due feed" in unwrapped
    assert "move between the feeds" in moving
    # Textual reads no key of the app over a modal screen: q, listed "Everywhere", did nothing
    assert "Everywhere" not in keys and "[app.quit]" not in keys


async def test_q_closes_the_list_as_it_closes_the_help_and_quits_only_over_the_app(isolated_dirs):
    """q over the list (a modal screen, which the app's q does not reach) did nothing: it closes it,
    as Escape does and as q closes the help; then q quits. (R is the list's own too.)"""
    add_subscription("https://quiet.example/rss", outlet="Quiet Times")
    async with _the_list_open() as (app, pilot):
        await press_and_settle(pilot, "q")
        await wait_for(pilot, lambda: not isinstance(app.screen, SubscriptionsScreen))
        over_the_app = (app.fetching, app.is_running)
        await press_and_settle(pilot, "q")
        await wait_for(pilot, lambda: not app.is_running)

    assert over_the_app == (False, True)


async def test_an_entry_feeds_yaml_skips_is_said_above_the_list(isolated_dirs):
    """As `reader feed list` says it on standard error: the list said nothing of it."""
    (isolated_dirs["config"] / "feeds.yaml").write_text(
        'feeds:\n  - url: "https://b.example/\\x1b[31m"\n  - url: https://c.example/rss\n', encoding="utf-8"
    )
    async with _the_list_open() as (app, pilot):
        problems = str(app.screen.query_one("#subscriptions-problems").render())
        said = _shown(app)

    assert problems.endswith("feeds.yaml: line 2: feed 1: 'url' holds control characters; skipped")
    assert [row.split("\n")[0] for row in said] == ["  (no outlet)  https://c.example/rss"]


async def test_on_a_40x12_screen_the_list_fills_it_and_shows_hostile_names_as_text(
    isolated_dirs,
):
    """At 40x12 the list, inside its own border under a line of hints in a box of 90% of the
    screen, showed one line of one feed: its last fetch, the point, was cut off. Under 25 rows it
    takes the screen. Markup, bidi controls and wide letters are text."""
    (isolated_dirs["config"] / "feeds.yaml").write_text(
        "feeds:\n"
        "  - url: 'https://a.example/feed.xml?x=[/oops][@click=app.quit]'\n"
        "    outlet: '[bold red]Markup[/] \u202eEvil'\n"
        "  - url: https://c.example/rss\n"
        "    outlet: 日本経済新聞\n",
        encoding="utf-8",
    )
    hostile, wide = (feed.url for feed in load_subscriptions().feeds)
    write_fetch_state({hostile: {"fetched_at": 1_761_040_000.0, "status": "failed", "error": "HTTP 500 [b]x[/b]"}})
    async with _the_list_open((40, 12)) as (app, pilot):
        await settle(pilot)
        shown = screen_text(app)
        said = _shown(app)
        await press_and_settle(pilot, "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, SubscriptionsScreen))
        assert app.is_running

    assert said[0].startswith("! [bold red]Markup[/] Evil  https://a.example/") and "\u202e" not in said[0]
    assert said[1].startswith("  日本経済新聞  https://c.example/rss")
    assert "last fetched " in shown and "0 articles · failed: HTTP 500" in shown


def test_a_feed_whose_last_result_was_lost_with_the_state_needs_a_look_and_says_why():
    """A last save of the fetch state that failed left the feeds of that run unknown: marked `!`
    and listed first, in feed list's words, as a stopped one is."""
    from reader.fetch.run import feed_outcome
    from reader.tui.screens.subscriptions import subscriptions_listed

    why = "/data/fetch-state.json: the disk is full"
    feeds = [
        {"url": "https://a.example/feed", "outlet": "A", "status": "ok", "state_not_saved": None},
        {"url": "https://b.example/feed", "outlet": "B", "status": "ok", "state_not_saved": why},
    ]

    rows = subscriptions_listed(feeds, feed_outcome)

    assert [(row.url, row.look) for row in rows] == [
        ("https://b.example/feed", True),
        ("https://a.example/feed", False),
    ]
    assert rows[0].outcome == (
        f"ok; what the last fetch did with it is not known: it could not save the fetch state at its end ({why}); "
        "the next fetch reads it in full"
    )


def test_a_feed_gone_410_is_listed_first_saying_it_is_not_asked_again_and_how_to_ask_it(isolated_dirs):
    """A feed that answered 410 Gone is not asked again: the list says so, with the command
    that asks it again, as `reader feed list` does, and marks it `!`."""
    from reader.fetch import feed_statuses
    from reader.fetch.run import GONE_AT, feed_outcome, gone_reason
    from reader.fetch.subscriptions import add_subscription
    from reader.tui.screens.subscriptions import subscription_prompt, subscriptions_listed

    gone, fine = "https://gone.example/feed.xml", "https://fine.example/feed.xml"
    add_subscription(fine, outlet="Fine")
    add_subscription(gone, outlet="Gone")
    at = 1_761_040_000.0
    write_fetch_state(
        {
            fine: {"fetched_at": at, "status": "ok"},
            gone: {"fetched_at": at, "status": "failed", "error": gone_reason(gone), "failures": 1, GONE_AT: at},
        }
    )

    rows = subscriptions_listed(feed_statuses(), feed_outcome)

    assert [(row.url, row.look) for row in rows] == [(gone, True), (fine, False)]
    assert rows[0].outcome == f"failed: {gone_reason(gone)}"
    assert f"ask it again with: reader fetch {gone}" in subscription_prompt(rows[0]).plain


def _two_feeds_served(server, isolated_dirs) -> tuple[str, str]:
    """Two feeds of one article each on the test's server, subscribed: their URLs."""
    from http_fixture import Reply, page, rss

    paragraph = (
        "The harbour authority approved the new railway link on Monday after a long council debate "
        "about the budget and the border crossing near the river."
    )
    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    for name in ("first", "second"):
        told = [f"{paragraph} The {name} council met again.", f"The {name} ferry strike ended. {paragraph}"]
        server.route(f"/{name}/1", Reply(page(f"The {name} story", told, site="Harbour Gazette")))
        items = [{"title": f"The {name} story", "link": server.url(f"/{name}/1")}]
        server.route(f"/{name}.xml", Reply(rss(name, items), content_type="application/rss+xml"))
    urls = server.url("/first.xml"), server.url("/second.xml")
    lines = ["feeds:"] + [f"  - url: '{url}'\n    outlet: Harbour Gazette" for url in urls]
    lines.append("settings:\n  host_delay: 0\n  retries: 0\n  read_timeout: 60")
    (isolated_dirs["config"] / "feeds.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return urls


def _fetch_line(app) -> str:
    return str(app.screen.query_one("#subscriptions-fetch").render())


async def test_r_in_the_list_fetches_the_feed_under_the_cursor_and_lists_it_again(server, isolated_dirs):
    """newsboat's r: the feed under the cursor alone, due or not, as `reader fetch URL` (its lock,
    robots.txt and politeness: the app's fetch); its progress and summary on the list's own line
    and the app's status line; the list read again once it ends, the cursor kept on the feed."""
    first, second = _two_feeds_served(server, isolated_dirs)
    async with _the_list_open() as (app, pilot):
        await press_and_settle(pilot, "down")
        await pilot.press("r")
        await wait_for(pilot, lambda: "1 new from 1 outlet" in _fetch_line(app))
        await wait_for(pilot, lambda: "1 article" in _shown(app)[1])
        rows, line = _shown(app), _fetch_line(app)
        cursor = app.screen.query_one("#subscriptions-list").highlighted
        assert isinstance(app.screen, SubscriptionsScreen)

    asked = [path for path, _headers in server.log]
    assert "/second.xml" in asked and "/second/1" in asked and "/first.xml" not in asked
    assert asked[0] == "/robots.txt"  # politeness as the CLI's: its robots.txt first
    assert rows[0].endswith("· 0 articles · not fetched yet") and rows[1].startswith("  Harbour Gazette  " + second)
    assert "· 1 article · ok" in rows[1] and cursor == 1
    assert line.startswith("1 new from 1 outlet")


async def test_r_on_a_feed_whose_server_asked_to_wait_asks_nothing_and_says_so(server, isolated_dirs):
    """As `reader fetch URL` and --all: a server's Retry-After is kept even for the feed asked for
    by name (r), and the list's line says why nothing was asked, as the CLI's summary does."""
    from http_fixture import Reply

    first, _second = _two_feeds_served(server, isolated_dirs)
    server.route(
        "/first.xml", Reply("slow down", status=429, headers={"Retry-After": "3600"}, content_type="text/plain")
    )
    async with _the_list_open() as (app, pilot):
        await pilot.press("r")  # the first feed: 429, the host left for the hour
        await wait_for(pilot, lambda: "429" in _fetch_line(app))
        asked = len(server.log)
        await pilot.press("r")
        await wait_for(pilot, lambda: "1 feed not asked" in _fetch_line(app))
        line = " ".join(_fetch_line(app).split())

    assert len(server.log) == asked  # nothing asked the second time
    assert f"1 feed not asked: {first}: its server asked to wait till " in line
    assert line.endswith(" (Retry-After)")


async def test_r_again_stops_the_fetch_a_silent_server_holds_and_the_list_says_so(server, isolated_dirs):
    import threading

    from test_tui_fetch import silent_feed

    released = threading.Event()
    url = silent_feed(server, isolated_dirs, released)  # the stop must not wait for it
    try:
        async with _the_list_open() as (app, pilot):
            await pilot.press("r")
            await wait_for(pilot, lambda: any(path == "/silent.xml" for path, _headers in server.log))
            await wait_for(pilot, lambda: "(r or R stops)" in _fetch_line(app))
            status = str(app.main_screen.query_one("#status-text").render())  # the app's, under the list
            assert status.startswith(f"Fetching 0/1 feeds (R stops) {url}") or "Fetching http" in status, status
            await pilot.press("r")
            await wait_for(pilot, lambda: not app.fetching)
            await wait_for(pilot, lambda: "stopped before the end" in _fetch_line(app))
            await wait_for(
                pilot, lambda: "not read by the last fetch: the fetch was stopped before it" in _shown(app)[0]
            )
            assert not released.is_set()  # stopped, not answered
    finally:
        released.set()


async def test_r_while_another_reader_fetch_holds_the_lock_fetches_nothing_and_says_so(server, isolated_dirs):
    from reader.fetch.store import ArticleStore

    _two_feeds_served(server, isolated_dirs)
    holder = ArticleStore()  # another run's lock, held by the test
    holder.lock()
    try:
        async with _the_list_open() as (app, pilot):
            await pilot.press("r")
            await wait_for(pilot, lambda: not app.fetching and "Not fetched" in _fetch_line(app))
            line = _fetch_line(app)
    finally:
        holder.unlock()

    assert "another reader fetch" in line and "is running" in line
    assert not [path for path, _headers in server.log if path.endswith(".xml")]


async def test_capital_r_in_the_list_fetches_every_due_feed(server, isolated_dirs):
    _two_feeds_served(server, isolated_dirs)
    async with _the_list_open() as (app, pilot):
        await pilot.press("R")
        await wait_for(pilot, lambda: "2 new from 1 outlet" in _fetch_line(app))
        await wait_for(pilot, lambda: all("· 1 article · ok" in row for row in _shown(app)))


async def test_r_on_a_feed_whose_url_and_reply_are_markup_shows_them_as_text(server, isolated_dirs):
    """The fetch line above the list is a server's words and a feed's URL: literal text, never
    markup ("[@click=app.quit]" in a URL's query is no click, "[b]" no bold)."""
    from http_fixture import Reply

    hostile = server.url("/x.xml?q=[@click=app.quit]go[/]&b=[b]bold[/b]")
    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    server.route("/x.xml", Reply("<html><body>[b]not a feed[/b]</body></html>"))
    settings = "settings:\n  host_delay: 0\n  retries: 0\n"
    (isolated_dirs["config"] / "feeds.yaml").write_text(f"feeds:\n  - url: '{hostile}'\n{settings}", encoding="utf-8")
    async with _the_list_open(size=(400, 30)) as (app, pilot):
        await pilot.press("r")
        await wait_for(pilot, lambda: not app.fetching and "failed" in _fetch_line(app))
        line = _fetch_line(app)
        assert app.is_running and isinstance(app.screen, SubscriptionsScreen)
    assert hostile in line and "a web page, not a feed" in line, line


async def test_r_on_a_feed_with_a_password_and_token_shows_them_nowhere_in_the_app(server, isolated_dirs):
    """The list's fetch line, its rows and the app's status line named the feed with its password
    and token: *** there, as `reader fetch` writes them; the feed is asked with them all the same."""
    from http_fixture import Reply

    url = server.url("/x.xml?token=tok123").replace("://", "://ann:hunter2@")
    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    server.route("/x.xml", Reply("<html><body>not a feed</body></html>"))
    settings = "settings:\n  host_delay: 0\n  retries: 0\n"
    (isolated_dirs["config"] / "feeds.yaml").write_text(f"feeds:\n  - url: '{url}'\n{settings}", encoding="utf-8")
    async with _the_list_open(size=(400, 30)) as (app, pilot):
        await pilot.press("r")
        await wait_for(pilot, lambda: not app.fetching and "failed" in _fetch_line(app))
        shown = [_fetch_line(app), *_shown(app), screen_text(app)]
    assert any("http://ann:***@" in line and "token=***" in line for line in shown), shown
    assert not any("hunter2" in line or "tok123" in line for line in shown), shown
    assert [path for path, _headers in server.log if path.startswith("/x.xml")] == ["/x.xml?token=tok123"]


async def test_quitting_while_r_fetches_lets_go_of_the_fetch_lock_and_the_feed_is_asked_next_run(server, isolated_dirs):
    """The list closed, then the app quit while the list's fetch is held by a silent server: the
    fetch stops (Textual cancels its worker at exit), lets go of the lock for the next run, and its
    feed is said not read by it (not "too slow" once the server's minute ran out)."""
    import threading

    from reader.fetch.store import ArticleStore, running_fetch
    from test_tui_fetch import silent_feed

    released = threading.Event()
    url = silent_feed(server, isolated_dirs, released)
    try:
        async with _the_list_open() as (app, pilot):
            await pilot.press("r")
            await wait_for(pilot, lambda: any(path == "/silent.xml" for path, _headers in server.log))
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, SubscriptionsScreen))
            assert app.fetching
            await pilot.press("q")
            await wait_for(pilot, lambda: app._exiting)
        store = ArticleStore()
        deadline = 600
        while running_fetch(store.state_path.parent) is not None and deadline:  # its thread ends
            released.wait(0.1)
            deadline -= 1
        store.lock()  # no FetchBusy: let go of
        store.unlock()
        assert app.return_code in (0, None)
    finally:
        released.set()
    from reader.fetch import feed_statuses

    said = {row["url"]: row for row in feed_statuses()}[url]
    assert said["not_reached"] or said["stopped"], said


async def test_enter_on_a_feed_shows_its_last_fetch_in_full_and_the_footer_says_so(isolated_dirs):
    """Enter did nothing in the list, and `reader fetch` now says a failure briefly ("HTTP 404 Not
    Found"): Enter shows the feed's last fetch in full (what to do, when it is asked again, where it
    moved and when that was last answered), the server's words as text; Escape goes back."""
    from reader.tui.screens.subscriptions import FeedDetailsScreen

    add_subscription(HOSTILE_URL, outlet="Harbour Gazette")
    error = (
        "HTTP 404 Not Found: check the URL; if the site moved its feed, `reader feed add` with the site's page finds "
        "it; unsubscribe with: reader feed remove 'https://news.example/[b]x[/b]'"
    )
    write_fetch_state(
        {
            HOSTILE_URL: {
                "fetched_at": 1_761_040_000.0,
                "status": "failed",
                "error": error,
                "kind": "http",
                "failures": 3,
                "retry_at": 4_102_444_800.0,  # 2100: asked again then
                "moved_to": "https://news.example/[i]new[/i].xml",
                "moved_seen_at": 1_761_000_000.0,
            }
        }
    )
    async with _the_list_open((100, 30)) as (app, pilot):
        footer = screen_text(app)
        await press_and_settle(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FeedDetailsScreen))
        shown = str(app.screen.query_one("#feed-details-text").render())
        await press_and_settle(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SubscriptionsScreen))
        assert app.is_running

    assert "Details" in footer, footer
    unwrapped = " ".join(shown.split())
    assert f"failed: {error}" in unwrapped
    assert "3 failed runs in a row: asked again after 2100-01-01" in unwrapped
    assert f"the move to https://news.example/[i]new[/i].xml was last answered {fetched_when(1_761_000_000.0)}" in (
        unwrapped
    )
    assert HOSTILE_URL in unwrapped  # as text: [@click=app.quit] did nothing


async def test_a_feed_s_details_of_hostile_server_words_scroll_and_close_with_its_keys(isolated_dirs):
    """A server's reason of escapes, markup, right-to-left text and 10 KB, in a narrow terminal
    (40 x 12): shown as text with no escape left, scrolled with the keys, closed by Enter, Escape or q
    (q did nothing there), as the list is by q."""
    from reader.tui.screens.subscriptions import FeedDetailsScreen

    add_subscription(HOSTILE_URL, outlet="\u202eHarbour\x1b[31m Gazette")
    error = "HTTP 500 \x1b]0;owned\x07[bold]x[/bold] \u05e9\u05dc\u05d5\u05dd \u202e" + "word " * 2000
    write_fetch_state({HOSTILE_URL: {"fetched_at": 1_761_040_000.0, "status": "failed", "error": error}})
    async with _the_list_open((40, 12)) as (app, pilot):
        for close in ("enter", "escape", "q"):
            await press_and_settle(pilot, "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, FeedDetailsScreen))
            shown = str(app.screen.query_one("#feed-details-text").render())
            box = app.screen.query_one("VerticalScroll")
            await press_and_settle(pilot, "end")
            await wait_for(pilot, lambda: box.scroll_y > 0)
            await press_and_settle(pilot, "tab")
            assert isinstance(app.screen, FeedDetailsScreen)
            await press_and_settle(pilot, close)
            await wait_for(pilot, lambda: isinstance(app.screen, SubscriptionsScreen))
            assert "\x1b" not in shown and "\x07" not in shown and "[bold]x[/bold]" in shown
            assert shown.count("word") == 2000
        assert app.is_running
        # q closes the list too, as it closes the help: the app goes on (its q quits only there)
        await press_and_settle(pilot, "q")
        await wait_for(pilot, lambda: not isinstance(app.screen, SubscriptionsScreen))
        assert app.is_running


def test_the_list_and_a_feeds_details_hide_its_urls_password_and_token():
    """`https://ann:PASSWORD@host/feed?token=…` was shown whole in the list of subscriptions (a
    screen shared in a meeting): its password and token written ***, the row keeps them (R asks
    the feed with them)."""
    from reader.fetch.run import feed_outcome
    from reader.tui.screens.subscriptions import feed_details_text, subscription_prompt, subscriptions_listed

    url = "https://ann:hunter2@a.example/feed?token=tok123"
    (row,) = subscriptions_listed([{"url": url, "outlet": "A", "status": "ok"}], feed_outcome)

    for shown in (subscription_prompt(row).plain, feed_details_text(row).plain):
        assert "https://ann:***@a.example/feed?token=***" in shown
        assert "hunter2" not in shown and "tok123" not in shown
    assert row.url == url
