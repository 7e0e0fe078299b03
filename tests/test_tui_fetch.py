"""The app's fetch key against a server on 127.0.0.1: progress, a summary toast (literal text, never
markup), new articles in the list without a restart."""

from __future__ import annotations


from conftest import drive, notifications, screen_text, settle, wait_for
from http_fixture import Reply, page, rss
from reader.tui.app import ReaderApp
from reader.tui.fetching import FetchProgress

PARAGRAPHS = [
    "The harbour authority approved the new railway link on Monday after a long council debate "
    "about the budget and the border crossing near the river.",
    "Officials said the museum and the hospital would open next year, and the market would move "
    "to the old factory once the storm damage was repaired.",
]


def feeds_file(isolated_dirs, urls: list[str]) -> None:
    lines = ["feeds:"] + [f"  - url: '{u}'\n    outlet: Harbour Gazette" for u in urls]
    lines.append("settings:\n  host_delay: 0\n  retries: 0\n  read_timeout: 2")
    (isolated_dirs["config"] / "feeds.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def record_fetch_progress(library, record) -> None:
    """Call `record(done, total, current)` with each count the fetch gives the app's worker, as it
    is made: the FetchProgress messages a busy app handles replace the ones still queued
    (can_replace), so a hook on the messages missed counts on a loaded machine."""
    fetch = library.fetch

    def counted_fetch(*args, **kwargs):
        report = kwargs.pop("progress")

        def recorded(done: int, total: int, current: str = "") -> None:
            record(done, total, str(current))
            report(done, total, current)

        return fetch(*args, progress=recorded, **kwargs)

    library.fetch = counted_fetch


async def test_fetch_key_fetches_shows_a_summary_and_lists_the_new_article(server, isolated_dirs):
    from reader.library import Library

    server.route("/news/1", Reply(page("Harbour railway approved", PARAGRAPHS, site="Harbour Gazette")))
    server.route(
        "/rss.xml",
        Reply(
            rss("Gazette", [{"title": "Harbour railway approved", "link": server.url("/news/1")}]),
            content_type="application/rss+xml",
        ),
    )
    broken = server.url("/missing.xml?x=[/oops][@click=app.quit]")
    feeds_file(isolated_dirs, [server.url("/rss.xml"), broken])
    library = Library(auto_update=False)  # the default corpus: the seeds, then the fetched folder
    app = ReaderApp(library)
    progress: list[FetchProgress] = []
    record_fetch_progress(library, lambda done, total, current: progress.append(FetchProgress(done, total, current)))

    try:
        async with drive(app, (120, 36)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: app.index_ready)
            assert len(app.articles) == 2
            await pilot.press("R")
            await wait_for(pilot, lambda: any("new from" in t for t in notifications(app)))
            summary = next(t for t in notifications(app) if "new from" in t)
            assert summary.startswith("1 new from 1 outlet; 1 feed failed: ")
            assert f"{broken}: HTTP 404 Not Found" in summary  # literal: the markup in the URL did nothing
            # Said briefly, as `reader fetch` says it (the list of subscriptions has it in full, Enter on
            # the feed); the toast renders no Markdown, and showed `reader feed add` raw.
            assert "if the site moved its feed" not in summary
            assert "`" not in summary
            await wait_for(pilot, lambda: len(app.articles) == 3)
            new = [a for a in app.articles if a.outlet == "Harbour Gazette"]
            assert len(new) == 1 and new[0].title == "Harbour railway approved"
            assert not library.marks.get(new[0].id).read  # new articles are unread
            assert app.is_running and app.return_code is None
            assert "Harbour Gazette (1 •1)" in screen_text(app)
            # The two feeds (a known total), then the page: a total that never grows.
            counted = [(m.done, m.total, m.current.split(" ")[0]) for m in progress if m.total]
            assert [kind for _d, _t, kind in counted] == sorted(kind for _d, _t, kind in counted)
            assert {t for _d, t, kind in counted if kind == "feeds"} == {2}
            assert progress[-1].done == progress[-1].total == 1 and progress[-1].current.startswith("pages ")
    finally:
        library.close()


async def test_fetch_key_counts_a_feeds_entries_in_the_status_bar_as_they_are_stored(server, isolated_dirs):
    """A feed of thousands of entries without links stood at "Fetching…" for ~20 s: each entry
    kept from its own text is counted now, "Fetching 3/30 entries (R stops) URL"."""
    from reader.library import Library

    items = [{"title": f"Note {n}", "description": f"Note {n}: " + PARAGRAPHS[n % 2]} for n in range(30)]
    server.route("/notes.xml", Reply(rss("Notes", items), content_type="application/rss+xml"))
    feeds_file(isolated_dirs, [server.url("/notes.xml")])
    library = Library(auto_update=False)
    app = ReaderApp(library)
    said: list[tuple[int, int]] = []
    entries = f"entries {server.url('/notes.xml')}"
    record_fetch_progress(library, lambda done, total, current: current == entries and said.append((done, total)))

    try:
        async with drive(app, (120, 36)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: app.index_ready)
            await pilot.press("R")
            await wait_for(pilot, lambda: any("30 new from" in t for t in notifications(app)))
            assert said and {total for _done, total in said} == {30}  # merged as they come (can_replace)
            app.on_fetch_progress(FetchProgress(3, 30, f"entries {server.url('/notes.xml')}"))
            status = app.main_screen.query_one("#status-text")
            assert f"Fetching 3/30 entries (R stops) {server.url('/notes.xml')}" in str(status.render())
    finally:
        library.close()


async def test_fetch_key_without_subscriptions_says_how_to_add_one(seed_library):
    app = ReaderApp(seed_library, index_on_start=False)
    async with drive(app, (110, 32)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await wait_for(pilot, lambda: not app.fetching)
        assert any("reader feed add URL" in t for t in notifications(app))


async def test_fetch_key_with_a_broken_feeds_file_is_one_error_line(seed_library, isolated_dirs):
    (isolated_dirs["config"] / "feeds.yaml").write_text("feeds: [unclosed [b]\n", encoding="utf-8")
    app = ReaderApp(seed_library, index_on_start=False)
    async with drive(app, (110, 32)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await wait_for(pilot, lambda: not app.fetching)
        assert any("feeds.yaml: line 1, column 18: broken YAML: " in t for t in notifications(app))
        assert app.is_running


def test_the_fetch_toast_prints_no_escape_sequence_a_server_sent():
    from reader.fetch.run import Failure, FeedResult, FetchReport
    from reader.tui.fetching import summary_text

    reason = "unexpected content type text/\x1b[31mevil\x1b]0;owned\x07"
    report = FetchReport(feeds=[FeedResult("http://example.org/feed.xml", None, "failed", error=reason)])
    report.failures.append(Failure("http://example.org/feed.xml", reason, "content_type"))
    text = summary_text(report, shown=True)
    assert "1 feed failed: http://example.org/feed.xml: unexpected content type text/" in text
    assert "\x1b" not in text and "\x07" not in text


def test_the_fetch_toast_says_a_failure_once():
    """The summary line names the first failed feed with its reason; the toast then listed it
    again under it, the same URL and reason twice in six lines of a 40-column toast. The lines
    under the summary are the other failures (a second feed, the pages)."""
    from reader.fetch.run import Failure, FeedResult, FetchReport
    from reader.tui.fetching import summary_text

    refused = "the server refused the connection"
    report = FetchReport(
        feeds=[
            FeedResult("http://a.example/feed.xml", None, "failed", error=refused),
            FeedResult("http://b.example/feed.xml", None, "failed", error="timed out"),
        ]
    )
    report.failures.append(Failure("http://a.example/feed.xml", refused, "network"))
    report.failures.append(Failure("http://b.example/feed.xml", "timed out", "timeout"))
    report.failures.append(Failure("http://a.example/page.html", "404 Not Found", "http", 404))
    assert summary_text(report, shown=True).splitlines() == [
        f"0 new; 2 feeds failed (each marked ! in the list of subscriptions), the first http://a.example/feed.xml: "
        f"{refused}; 1 page failed.",
        "http://b.example/feed.xml: timed out",
        "http://a.example/page.html: 404 Not Found",
    ]


def test_the_fetch_toast_of_a_failed_feed_says_where_its_failure_is_said_in_full():
    """The summary says a feed's failure briefly ("HTTP 404 Not Found", not what to do about
    it): the toast says where the whole of it is, the feed's details in the list of subscriptions."""
    from reader.fetch.run import Failure, FeedResult, FetchReport
    from reader.tui.fetching import FAILED_FEED_IN_FULL, summary_text

    full = "HTTP 404 Not Found; check its address, or remove it: reader feed remove http://a.example/feed.xml"
    report = FetchReport(feeds=[FeedResult("http://a.example/feed.xml", None, "failed", error=full)])
    report.feeds[0].brief = "HTTP 404 Not Found"
    report.failures.append(Failure("http://a.example/feed.xml", full, "http", 404, brief="HTTP 404 Not Found"))

    assert summary_text(report, shown=True).splitlines() == [
        "0 new; 1 feed failed: http://a.example/feed.xml: HTTP 404 Not Found.",
        "Each feed's failure in full: the palette's Subscriptions, Enter on the feed.",
    ]
    pages_only = FetchReport(feeds=[FeedResult("http://a.example/feed.xml", None, "ok")])
    pages_only.failures.append(Failure("http://a.example/page.html", "404 Not Found", "http", 404))
    assert FAILED_FEED_IN_FULL not in summary_text(pages_only, shown=True)


def test_the_fetch_toast_names_the_articles_edited_upstream_in_a_few_lines():
    """Each new version is named (its outlet and title, literal), the new articles are not, and
    past five a count says how many more; none is said to be the open one unless it is."""
    from pathlib import Path

    from reader.fetch.run import FetchReport
    from reader.fetch.store import Saved

    from reader.tui.fetching import summary_text

    def saved(n: int, version: int) -> Saved:
        previous = f"gazette/story-{n}" + (f"-v{version - 1}" if version > 2 else "") if version > 1 else None
        suffix = f"-v{version}" if version > 1 else ""
        return Saved(
            f"gazette/story-{n}{suffix}", Path("x.md"), "http://x", f"Story [b]{n}[/b]", "Gazette", version, previous
        )

    report = FetchReport(articles=[saved(0, 1), *(saved(n, 2) for n in range(1, 7)), saved(7, 3)])
    lines = summary_text(report, shown=True, open_id="gazette/story-9").splitlines()
    assert lines[1:] == [
        *(f"Updated upstream: Gazette: Story [b]{n}[/b] (version 2)" for n in range(1, 6)),
        "… and 2 more updated",
    ]
    lines = summary_text(report, shown=True, open_id="gazette/story-2").splitlines()
    assert "Updated upstream: Gazette: Story [b]2[/b] (version 2; the one open is version 1)" in lines


def test_the_fetch_toast_says_the_open_article_was_updated_past_the_cap_and_a_long_title():
    """The open article's update was the seventh of eight, behind "… and 3 more updated", and a
    title of 2,000 characters cut its line before "(version 2; the one open is version 1)": either
    way the reader was not told the text open is the older one. Hostile titles stay literal,
    one line each, bounded."""
    from pathlib import Path

    from rich.cells import cell_len

    from reader.fetch.run import FetchReport
    from reader.fetch.store import Saved

    from reader.tui.fetching import summary_text

    hostile = "[@click=app.quit]Storm[/] \x1b]0;pwned\x07\x1b[2J line\nbreak " + "W" * 2000
    articles = [
        Saved(f"gazette/story-{n}-v2", Path("x.md"), "http://x", hostile, "Gazette", 2, f"gazette/story-{n}")
        for n in range(8)
    ]
    lines = summary_text(FetchReport(articles=articles), shown=True, open_id="gazette/story-6").splitlines()
    assert lines[1].startswith("Updated upstream: Gazette: [@click=app.quit]Storm[/] line break WWW")
    assert lines[1].endswith("… (version 2; the one open is version 1)")
    assert sum("the one open" in line for line in lines) == 1
    assert lines[-1] == "… and 3 more updated"
    assert len(lines) == 7
    assert all(cell_len(line) <= 200 and "\x1b" not in line and "\x07" not in line for line in lines)


async def test_fetch_key_says_which_subscriptions_feeds_yaml_skipped(seed_library, isolated_dirs):
    (isolated_dirs["config"] / "feeds.yaml").write_text("feeds:\n  - url: htps://typo.example/rss\n", encoding="utf-8")
    app = ReaderApp(seed_library, index_on_start=False)
    async with drive(app, (110, 32)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await wait_for(pilot, lambda: not app.fetching)
        [toast] = [t for t in notifications(app) if "feeds.yaml" in t]
        path = isolated_dirs["config"] / "feeds.yaml"
        assert toast == (
            f"No usable subscription in feeds.yaml:\n{path}: line 2: feed 1: 'url' must be an http(s) URL such as https://example.com/feed.xml, not the text "
            "'htps://typo.example/rss'; skipped"
        )
        assert not any("No subscriptions yet" in t for t in notifications(app))
        status = str(app.main_screen.query_one("#status-text").render())
        assert status == (
            "Nothing to fetch: no usable subscription in feeds.yaml (1 entry skipped); fix it, or subscribe "
            "with the command reader feed add URL in a shell, then press R again."
        )


async def test_fetch_key_with_no_subscriptions_says_so_in_the_status_bar_with_the_users_key(
    seed_library, isolated_dirs
):
    # No feeds.yaml at all; the fetch key remapped: the status bar said "0 new", only a toast
    # (gone after 10 s) said why. It now says how to subscribe and the key to press then, the
    # command in words: the status line renders no Markdown, and showed its backticks raw.
    app = ReaderApp(seed_library, index_on_start=False, keymap={"app.fetch": "f5"})
    async with drive(app, (110, 32)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: not app.fetching)
        await settle(pilot)
        status = str(app.main_screen.query_one("#status-text").render())
        assert status == ("No subscriptions: reader feed add URL or feed import FILE in a shell, then press f5 again.")
        assert "`" not in status and not any("`" in t for t in notifications(app))


async def test_fetch_key_with_no_subscriptions_names_feed_import_at_60_columns(seed_library, isolated_dirs):
    """The message "No subscriptions yet" named only `reader feed add URL`, though `reader feed import FILE`
    brings another reader's subscriptions over at once (OPML, newsboat's urls): the toast says
    both, and the status line, one row, shows both before it is cut at 60 columns."""
    app = ReaderApp(seed_library, index_on_start=False)
    async with drive(app, (60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await wait_for(pilot, lambda: not app.fetching)
        await settle(pilot)
        [toast] = [t for t in notifications(app) if t.startswith("No subscriptions yet")]
        assert "reader feed add URL" in toast and "reader feed import FILE" in toast and "OPML" in toast
        [status_row] = [line for line in screen_text(app).splitlines() if "No subscriptions:" in line]
        assert "reader feed add URL or feed import FILE" in status_row


def test_the_fetch_toast_names_the_entries_feeds_yaml_skipped():
    from reader.fetch.run import FeedResult, FetchReport
    from reader.tui.fetching import summary_text

    report = FetchReport(feeds=[FeedResult("http://example.org/feed.xml", None, "ok")])
    report.problems.append("feeds.yaml: feed 2: 'url' must be an http(s) URL; skipped")
    assert summary_text(report, shown=True).splitlines() == [
        "0 new.",
        "feeds.yaml: feed 2: 'url' must be an http(s) URL; skipped",
    ]


async def test_fetch_key_when_no_feed_is_due_says_pressing_it_again_fetches_them_now(server, isolated_dirs):
    """The app said "no feed is due (--all fetches them now)": an option of the command line the
    app has no way to give. It names its own key, and that key pressed again fetches every feed."""
    from reader.library import Library

    server.route("/news/1", Reply(page("Harbour railway approved", PARAGRAPHS, site="Harbour Gazette")))
    server.route(
        "/rss.xml",
        Reply(
            rss("Gazette", [{"title": "Harbour railway approved", "link": server.url("/news/1")}]),
            content_type="application/rss+xml",
        ),
    )
    feeds_file(isolated_dirs, [server.url("/rss.xml")])
    library = Library(auto_update=False)
    app = ReaderApp(library)
    try:
        async with drive(app, (120, 36)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: app.index_ready)
            await pilot.press("R")
            await wait_for(pilot, lambda: any("1 new from" in t for t in notifications(app)))
            await wait_for(pilot, lambda: not app.fetching)
            await pilot.press("R")
            await wait_for(pilot, lambda: any("no feed is due" in t for t in notifications(app)))
            said = next(t for t in notifications(app) if "no feed is due" in t)
            assert "(R again fetches them now)" in said and "--all" not in said
            assert server.hits("/rss.xml") == 1
            await wait_for(pilot, lambda: not app.fetching)
            await pilot.press("R")  # again: every feed now, due or not
            await wait_for(pilot, lambda: server.hits("/rss.xml") == 2)
            await wait_for(pilot, lambda: not app.fetching)
            await pilot.press("R")  # after a fetch that asked them: due or not, as before
            await wait_for(pilot, lambda: sum("no feed is due" in t for t in notifications(app)) == 2)
            assert server.hits("/rss.xml") == 2
    finally:
        library.close()


def test_a_404s_advice_is_in_words_in_the_toast_and_the_feed_urls_own_backticks_stay():
    # The advice's command is put in words for the toast; a backtick the URL itself holds is the
    # user's and stays (stripping every backtick named another URL). The CLI's summary is as before.
    from reader.fetch.run import Failure, FeedResult, FetchReport, not_found_reason
    from reader.tui.fetching import summary_text

    url = "http://example.org/`reader feed add`/feed.xml?q=`x`"
    reason = not_found_reason(url)
    report = FetchReport(feeds=[FeedResult(url, None, "failed", error=reason, kind="http")])
    report.failures.append(Failure(url, reason, "http", 404))
    cli = (
        "HTTP 404 Not Found: check the URL; if the site moved its feed, `reader feed add` with the site's "
        f"page finds it; unsubscribe with: reader feed remove '{url}'"  # quoted: runs as pasted
    )
    assert report.summary() == f"0 new; 1 feed failed: {url}: {cli}"
    assert report.failures[0].to_dict()["reason"] == cli
    shown = cli.replace("`reader feed add` with", "the command reader feed add with")
    # The summary names the one failed feed with its reason: no second line says it again.
    assert summary_text(report, shown=True).splitlines() == [f"0 new; 1 feed failed: {url}: {shown}."]


async def test_a_fetch_that_raises_says_its_command_in_words(seed_library, isolated_dirs):
    # str(exc) gave the CLI's words, the command in backticks, to the status line and the toast.
    from reader.wording import Command, said

    def failing(*args, **kwargs):
        raise OSError(said("cannot fetch into `odd` folder; ", Command("reader fetch", in_a_shell=True), " says why"))

    seed_library.fetch = failing  # type: ignore[method-assign]
    app = ReaderApp(seed_library, index_on_start=False)
    async with drive(app, (150, 32)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await wait_for(pilot, lambda: not app.fetching)
        said_here = "cannot fetch into `odd` folder; the command reader fetch in a shell says why"
        assert str(app.main_screen.query_one("#status-text").render()) == f"Fetch failed: {said_here}"
        assert said_here in notifications(app)


async def test_a_fetch_another_reader_fetch_holds_off_is_not_said_to_have_failed(seed_library, isolated_dirs):
    """A cron `reader fetch` under way made the key say "Fetch failed: another reader fetch … is
    running", in an error toast: nothing failed, and nothing was fetched."""
    from reader.fetch.store import ArticleStore

    feeds_file(isolated_dirs, ["http://127.0.0.1:9/feed.xml"])
    holder = ArticleStore()
    holder.lock()
    try:
        app = ReaderApp(seed_library, index_on_start=False)
        async with drive(app, (150, 32)) as pilot:
            await settle(pilot)
            await pilot.press("R")
            await wait_for(pilot, lambda: not app.fetching)
            said = str(app.main_screen.query_one("#status-text").render())
            assert said.startswith("Not fetched: another reader fetch (pid ") and "is running" in said
            assert [m for m in notifications(app) if "another reader fetch" in m]
    finally:
        holder.unlock()


def silent_feed(server, isolated_dirs, released) -> str:
    """A feeds.yaml with one feed whose server holds the request until `released` is set; its URL."""

    def silent(_server):
        released.wait(60)  # until the test ends: the fetch must not wait for it
        return Reply(rss("Gazette", []), content_type="application/rss+xml")

    server.route("/silent.xml", silent)
    url = server.url("/silent.xml")
    (isolated_dirs["config"] / "feeds.yaml").write_text(
        f"feeds:\n  - url: '{url}'\nsettings:\n  host_delay: 0\n  retries: 0\n  read_timeout: 60\n",
        encoding="utf-8",
    )
    return url


async def start_a_fetch_the_server_holds(pilot, server) -> None:
    app = pilot.app
    await settle(pilot)
    await wait_for(pilot, lambda: app.index_ready)
    await pilot.press("R")
    await wait_for(pilot, lambda: any(path == "/silent.xml" for path, _headers in server.log))
    await wait_for(pilot, lambda: "(R stops)" in str(app.main_screen.query_one("#status-text").render()))


async def test_the_fetch_key_pressed_again_stops_a_fetch_a_silent_server_holds(server, isolated_dirs):
    """A server that never answers held the app at "Fetching 1/1 feeds" for as long as the read
    timeout and its retries allowed (minutes), and R again only said a fetch was running: now it
    stops the fetch, and the summary says what was left for the next run."""
    import threading

    from reader.library import Library

    released = threading.Event()
    silent_feed(server, isolated_dirs, released)
    library = Library(auto_update=False)
    app = ReaderApp(library)
    try:
        async with drive(app, (80, 24)) as pilot:
            await start_a_fetch_the_server_holds(pilot, server)
            await pilot.press("R")
            # Stopped with the server still silent (`released` is set only when the test ends).
            await wait_for(pilot, lambda: not app.fetching)
            assert not any("No subscriptions" in t for t in notifications(app))
            summary = next(t for t in notifications(app) if "stopped before the end" in t)
            assert "1 feed not fetched, asked for again on the next run" in summary
            assert "stopped before the end" in str(app.main_screen.query_one("#status-text").render())
    finally:
        released.set()
        library.close()


async def test_while_a_fetch_runs_the_palette_offers_to_stop_it_not_to_fetch(server, isolated_dirs):
    """The palette's "Fetch" ran the fetch key's action, which stops a fetch that runs: while one
    runs it offers "Stop the fetch", and says so; once it ends, "Fetch" again."""
    import threading

    from reader.library import Library

    released = threading.Event()
    silent_feed(server, isolated_dirs, released)
    library = Library(auto_update=False)
    app = ReaderApp(library)

    def palette() -> dict:
        return {command.title: command for command in app.get_system_commands(app.screen)}

    try:
        async with drive(app, (80, 24)) as pilot:
            assert "Fetch" in palette() and "Stop the fetch" not in palette()
            await start_a_fetch_the_server_holds(pilot, server)
            offered = palette()
            assert "Fetch" not in offered
            assert "Stop" in offered["Stop the fetch"].help and "(R)" in offered["Stop the fetch"].help
            offered["Stop the fetch"].callback()
            assert str(app.main_screen.query_one("#status-text").render()) == "Stopping the fetch…"
            await wait_for(pilot, lambda: not app.fetching)
            assert not released.is_set()  # stopped, not answered
            assert "Fetch" in palette()
    finally:
        released.set()
        library.close()


async def test_stopping_the_fetch_stays_on_the_status_bar_while_the_fetch_still_counts(server, isolated_dirs):
    """Textual forgets a cancelled worker at once, but its thread goes on until the fetch returns, and
    the counts it still sent put "Fetching 1/1 feeds (R stops)" back over "Stopping the fetch…", so
    the user pressed R again: the line stays until the summary."""
    import threading

    from reader.library import Library

    released, finish = threading.Event(), threading.Event()
    url = silent_feed(server, isolated_dirs, released)
    library = Library(auto_update=False)
    fetch = library.fetch

    def fetch_that_counts_after_the_stop(*args, **kwargs):
        report = fetch(*args, **kwargs)
        kwargs["progress"](1, 1, f"feeds {url}?late")  # a late count, as a slow server's thread sends
        finish.wait(60)
        return report

    library.fetch = fetch_that_counts_after_the_stop
    late_counts_handled = []

    def hook(message) -> None:
        if isinstance(message, FetchProgress) and message.current.endswith("?late"):
            late_counts_handled.append(message)

    app = ReaderApp(library)
    try:
        async with drive(app, (80, 24), message_hook=hook) as pilot:
            await start_a_fetch_the_server_holds(pilot, server)
            await pilot.press("R")
            await wait_for(pilot, lambda: bool(late_counts_handled))
            await pilot.pause()  # the hook sees a message just before its handler runs
            assert str(app.main_screen.query_one("#status-text").render()) == "Stopping the fetch…"
            finish.set()
            await wait_for(pilot, lambda: not app.fetching)
            assert "stopped before the end" in str(app.main_screen.query_one("#status-text").render())
    finally:
        released.set()
        finish.set()
        library.close()


async def test_an_article_edited_upstream_is_named_in_the_toast_and_the_open_one_said_to_be_older(
    server, isolated_dirs
):
    """A fact-checker reads an article; the outlet corrects it; `R` fetches the correction as a
    new version beside the old. The toast said "0 new; 1 updated" and named nothing: the article
    open stayed the uncorrected text with no word of it, and the list showed two rows of one title."""
    from reader.library import Library

    server.route("/news/1", Reply(page("Harbour railway approved", PARAGRAPHS, site="Harbour Gazette")))
    feed = rss("Gazette", [{"title": "Harbour railway approved", "link": server.url("/news/1")}])
    server.route("/rss.xml", Reply(feed, content_type="application/rss+xml"))
    feeds_file(isolated_dirs, [server.url("/rss.xml")])
    library = Library(auto_update=False)
    app = ReaderApp(library)
    try:
        async with drive(app, (120, 36)) as pilot:
            await settle(pilot)
            await wait_for(pilot, lambda: app.index_ready)
            await pilot.press("R")
            await wait_for(pilot, lambda: any("1 new from" in t for t in notifications(app)))
            assert not any("Updated upstream" in t for t in notifications(app)), "a new article is no update"
            await wait_for(pilot, lambda: not app.fetching and len(app.articles) == 3)
            [first] = [a for a in app.articles if a.outlet == "Harbour Gazette"]
            app.main_screen.open_article(first.id)
            await wait_for(pilot, lambda: app.main_screen.reader.article is not None)
            assert app.main_screen.reader.article.id == first.id
            corrected = [*PARAGRAPHS, "Correction: the council debate was on Tuesday, not on Monday."]
            server.route("/news/1", Reply(page("Harbour railway approved", corrected, site="Harbour Gazette")))
            edited = {
                "title": "Harbour railway approved",
                "link": server.url("/news/1"),
                "pubDate": "Wed, 22 Oct 2025 16:40:00 GMT",
            }
            server.route("/rss.xml", Reply(rss("Gazette", [edited]), content_type="application/rss+xml"))
            await pilot.press("R")  # no feed is due
            await wait_for(pilot, lambda: any("no feed is due" in t for t in notifications(app)))
            await wait_for(pilot, lambda: not app.fetching)
            await pilot.press("R")  # again: every feed now
            await wait_for(pilot, lambda: any("1 updated" in t for t in notifications(app)))
            toast = next(t for t in notifications(app) if "1 updated" in t)
            assert (
                "Updated upstream: Harbour Gazette: Harbour railway approved (version 2; the one open is version 1)"
                in toast
            )
            await wait_for(pilot, lambda: len(app.articles) == 4)
    finally:
        library.close()


def test_the_fetch_toast_writes_a_servers_invisible_characters_visibly_as_the_cli_does():
    """A failure's reason (a server's words) holding a bidi control, a zero-width or another
    format character: the toast removed the bidi controls only, a zero-width space or a word
    joiner stayed hidden in it. Each is written as `reader fetch` writes it ("\\u200b")."""
    from reader.fetch.run import Failure, FeedResult, FetchReport
    from reader.tui.fetching import summary_text
    from reader.wording import untrusted_shown
    from test_feed_list_titles import INVISIBLE_KINDS

    reason = "bad " + "".join(f"{char}x" for char in INVISIBLE_KINDS)
    urls = [f"http://{name}.example/feed.xml" for name in "ab"]
    report = FetchReport(feeds=[FeedResult(url, None, "failed", error=reason) for url in urls])
    report.failures.extend(Failure(url, reason, "content_type") for url in urls)

    lines = summary_text(report, shown=True).splitlines()

    assert lines[1] == f"{urls[1]}: {untrusted_shown(reason)}" and "\\u200bx\\u2060x" in lines[1]
    assert f"{urls[0]}: {untrusted_shown(reason)}" in lines[0]
    assert not any(char in "\n".join(lines) for char in INVISIBLE_KINDS)


async def test_r_mid_fetch_keeps_what_was_stored_and_says_what_stopped(server, isolated_dirs):
    """R while one feed's server is silent and another's article is stored already: the article is
    kept and listed, and the status line and summary say the fetch stopped and what it left. (The
    silent feed is on another host, `localhost`: one host is asked one request at a time.)"""
    import threading

    from reader.library import Library

    released = threading.Event()
    silent_feed(server, isolated_dirs, released)
    server.route("/news/1", Reply(page("Harbour railway approved", PARAGRAPHS, site="Harbour Gazette")))
    server.route(
        "/rss.xml",
        Reply(
            rss("Gazette", [{"title": "Harbour railway approved", "link": server.url("/news/1")}]),
            content_type="application/rss+xml",
        ),
    )
    feeds_yaml = isolated_dirs["config"] / "feeds.yaml"
    feeds_yaml.write_text(
        feeds_yaml.read_text(encoding="utf-8")
        .replace("127.0.0.1", "localhost")
        .replace("feeds:\n", f"feeds:\n  - url: '{server.url('/rss.xml')}'\n    outlet: Harbour Gazette\n", 1),
        encoding="utf-8",
    )
    library = Library(auto_update=False)
    app = ReaderApp(library)
    try:
        async with drive(app, (100, 24)) as pilot:
            await start_a_fetch_the_server_holds(pilot, server)
            stored = isolated_dirs["data"]
            await wait_for(pilot, lambda: any(stored.rglob("*.md")))  # the article stored
            await pilot.press("R")
            await wait_for(pilot, lambda: not app.fetching)
            summary = next(t for t in notifications(app) if "stopped before the end" in t)
            assert summary.startswith("1 new from 1 outlet"), summary
            assert "1 feed not fetched, asked for again on the next run" in summary
            await wait_for(pilot, lambda: any(a.title == "Harbour railway approved" for a in app.articles))
            # Once the stored article is indexed, the status line says the fetch stopped.
            status = app.main_screen.query_one("#status-text")
            await wait_for(pilot, lambda: "stopped before the end" in str(status.render()))
    finally:
        released.set()
        library.close()
