"""Pilot tests: an article that stays open has its comparisons prepared in a worker
(Library.prepare_comparisons), after a short delay, and only the last of articles passed by quickly."""

from __future__ import annotations


from conftest import drive, notifications, settle, wait_for
from reader.tui.app import ReaderApp


def shown(app) -> str | None:
    article = app.screen.reader.article
    return article.id if article is not None else None


async def test_an_article_left_open_has_its_comparisons_prepared(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.prepare_delay = 3600.0  # held back until the test lets it go
        screen.open_article("a1")
        await wait_for(pilot, lambda: shown(app) == "a1")
        await settle(pilot)
        assert library_double.prepared == []  # not at once: only once it stayed open
        screen.prepare_delay = 0.05
        screen.open_article("a1")  # shown again: the delay starts again, short this time
        await wait_for(pilot, lambda: library_double.prepared == ["a1"])
        await settle(pilot)
        assert library_double.prepared == ["a1"]


async def test_articles_passed_by_quickly_are_not_prepared(library_double):
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.prepare_delay = 3600.0
        screen.open_article("a2")
        await wait_for(pilot, lambda: shown(app) == "a2")
        screen.open_article("b1")
        await wait_for(pilot, lambda: shown(app) == "b1")
        screen.prepare_comparisons("a2")  # a2's delay ending late: b1 is shown by now
        screen.prepare_delay = 0.05
        screen.open_article("a1")
        await wait_for(pilot, lambda: shown(app) == "a1")
        await wait_for(pilot, lambda: library_double.prepared != [])
        await settle(pilot)
        assert library_double.prepared == ["a1"]


async def test_a_failing_preparation_says_nothing(library_double):
    def broken(article_id, cancel=None):
        library_double.prepared.append(article_id)
        raise RuntimeError("encoder missing")

    library_double.prepare_comparisons = broken
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await settle(pilot)
        app.screen.prepare_delay = 0.01
        app.screen.open_article("a1")
        await wait_for(pilot, lambda: library_double.prepared == ["a1"])
        await settle(pilot)
        assert notifications(app) == []  # an optimisation: never a toast


async def test_every_story_is_prepared_once_the_index_is_up_to_date(library_double):
    app = ReaderApp(library_double, prepare_stories=True)  # as the launcher passes the setting
    async with drive(app, (100, 30)) as pilot:
        await wait_for(pilot, lambda: app.index_ready)
        await wait_for(pilot, lambda: library_double.stories_prepared == 1)
        await settle(pilot)
        assert library_double.stories_prepared == 1


async def test_stories_are_not_prepared_when_the_setting_is_off(library_double):
    app = ReaderApp(library_double)  # prepare_comparisons: false in config.yaml
    async with drive(app, (100, 30)) as pilot:
        await wait_for(pilot, lambda: app.index_ready)
        await settle(pilot)
        assert library_double.stories_prepared == 0


def work_shown(app) -> str:
    return str(app.screen.status.query_one("#status-work").render())


async def test_the_status_bar_shows_how_far_the_pass_is_then_how_it_ended(library_double, monkeypatch):
    import threading

    from reader.analysis.prepare import PrepareReport
    from reader.tui.widgets.status_bar import StatusBar

    shown_texts: list[str] = []
    real_working = StatusBar.working
    monkeypatch.setattr(StatusBar, "working", lambda bar, text: shown_texts.append(text) or real_working(bar, text))
    monkeypatch.setattr("reader.tui.app.WORK_SHOWN_SECONDS", 0.2)
    go_on = threading.Event()

    def prepare_stories(progress=None, cancel=None, *, again=False):
        progress(1, 3, "a1")
        go_on.wait(10)
        progress(3, 3, "")
        return PrepareReport(articles=3, ready=3, encoded=41, left=0, seconds=1.5)

    library_double.prepare_stories = prepare_stories
    app = ReaderApp(library_double, prepare_stories=True)
    async with drive(app, (120, 30)) as pilot:
        await wait_for(pilot, lambda: work_shown(app) == "preparing comparisons 1/3")
        said = str(app.screen.status.query_one("#status-text").render())
        assert said.startswith("Index ready")  # the line the status bar had is left as it was
        go_on.set()
        await wait_for(pilot, lambda: len(shown_texts) == 4)  # the last: cleared after a while
        await settle(pilot)
        assert shown_texts == [
            "preparing comparisons 1/3",
            "preparing comparisons 3/3",
            "comparisons ready: 3 of 3 articles",
            "",
        ]
        assert work_shown(app) == ""


async def test_a_pass_with_nothing_new_or_failing_leaves_the_status_bar_alone(library_double):
    from reader.analysis.prepare import PrepareReport

    calls = []

    def prepare_stories(progress=None, cancel=None, *, again=False):
        calls.append(1)
        if len(calls) == 1:
            return PrepareReport(articles=3, ready=3, encoded=0, left=0, seconds=0.0, current=True)
        raise OSError("disk full")

    library_double.prepare_stories = prepare_stories
    app = ReaderApp(library_double, prepare_stories=True)
    async with drive(app, (120, 30)) as pilot:
        await wait_for(pilot, lambda: calls == [1])
        await settle(pilot)
        assert work_shown(app) == ""
        app.prepare_stories()
        await wait_for(pilot, lambda: calls == [1, 1])
        await settle(pilot)
        assert work_shown(app) == "" and notifications(app) == []


async def test_a_fetch_started_clears_how_the_last_pass_ended_but_not_a_pass_under_way(library_double, monkeypatch):
    """ "comparisons ready: 3 of 3 articles" stayed 8 s at the right of the status bar, and a fetch
    started then had its progress line cut to "Fetching 1/3 feeds (R st…" at 100 columns: a pass
    that ended gives way to the fetch; one under way ("preparing comparisons 1/3") stays."""
    import threading

    from reader.analysis.prepare import PrepareReport
    from reader.fetch.run import FetchReport

    monkeypatch.setattr("reader.tui.app.WORK_SHOWN_SECONDS", 3600.0)  # only the fetch clears it
    go_on, fetched, hold = threading.Event(), threading.Event(), threading.Event()

    def prepare_stories(progress=None, cancel=None, *, again=False):
        if hold.is_set():
            progress(1, 3, "a1")
            go_on.wait(10)
        return PrepareReport(articles=3, ready=3, encoded=41, left=0, seconds=1.5)

    def fetch(*, force=False, only=None, progress=None, cancel=None):
        fetched.wait(10)
        return FetchReport(cancelled=True)

    library_double.prepare_stories = prepare_stories
    library_double.fetch = fetch
    app = ReaderApp(library_double, prepare_stories=True)
    try:
        async with drive(app, (100, 30)) as pilot:
            await wait_for(pilot, lambda: work_shown(app) == "comparisons ready: 3 of 3 articles")
            await pilot.press("R")
            await wait_for(pilot, lambda: app.fetching and work_shown(app) == "")
            fetched.set()
            await wait_for(pilot, lambda: not app.fetching)
            fetched.clear()
            hold.set()
            app.prepare_stories()  # a pass under way when the next fetch starts
            await wait_for(pilot, lambda: work_shown(app) == "preparing comparisons 1/3")
            await pilot.press("R")
            await wait_for(pilot, lambda: app.fetching)
            for _ in range(3):  # the fetch's first messages handled (settle would wait for both workers)
                await pilot.pause()
            assert work_shown(app) == "preparing comparisons 1/3"
    finally:
        go_on.set()
        fetched.set()
