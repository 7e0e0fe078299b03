"""Two articles opened one after the other, the first one's load finishing last: the app shows the
second, and the first, never shown, is not marked read. The order is forced with gates in a
stand-in for the library's search matches (no sleeps): the first load is held after it last
checked whether it was cancelled, until the second is shown; the test then waits for the message
it posts, and for the app to handle it."""

from __future__ import annotations

import threading

from test_article_versions import CNN, NEW, app_over, write_versions


class _HeldMatches(list):
    """The first article's matches: read after the load's last check for a cancel, they hold it
    there until `go` is set (and note the thread, for the test to wait for its end)."""

    def __init__(self, items, reached: threading.Event, go: threading.Event, threads: list):
        super().__init__(items)
        self._reached, self._go, self._threads = reached, go, threads

    def __iter__(self):
        self._threads.append(threading.current_thread())
        self._reached.set()
        assert self._go.wait(60), "the test never let the first load go on"
        return super().__iter__()


async def test_a_load_finishing_after_a_second_open_does_not_show_its_article(tmp_path):
    from conftest import settle, until, wait_for

    async with app_over(write_versions(tmp_path / "fetched"), tmp_path, 3) as (app, pilot):
        screen = app.screen
        library = app.library
        reached, go, threads = threading.Event(), threading.Event(), []
        real_matches = library.match_ranges

        def match_ranges(article_id: str, query: str):
            found = real_matches(article_id, query)
            return _HeldMatches(found, reached, go, threads) if article_id == NEW else found

        library.match_ranges = match_ranges  # type: ignore[method-assign]
        posted_late: list = []  # what the first load posted, from its thread
        post = screen.post_message

        def noting_post(message):
            if threads and threading.current_thread() is threads[0]:
                posted_late.append(message)
            return post(message)

        screen.post_message = noting_post  # type: ignore[method-assign]
        screen.open_article(NEW, "harbour")
        await until(reached.is_set, 30)  # the first load is past its checks, held
        screen.open_article(CNN, "harbour")  # cancels it
        await wait_for(pilot, lambda: screen.reader.article is not None and screen.reader.article.id == CNN)
        go.set()  # the first load goes on now, after the second was shown
        await until(lambda: bool(posted_late), 30)
        await settle(pilot)
        assert screen.reader.article.id == CNN
        assert not screen.source_list.marks.get(NEW) or not screen.source_list.marks[NEW].read
        assert CNN in screen.status.line or "Harbour" in screen.status.line
