"""The app's status line beside its progress bar: every progress step reads whole at 80 columns
and, narrower, in a shorter wording of its own, never cut mid-word (progress_words), down to 40.
At 60 columns "Indexing: removing outdated entries from the index…" read "Indexing: removing
outdated entr…" and a wait for another process's update "Indexing: waiting for another re…"."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import drive, settle  # noqa: E402

from reader.analysis.prepare import WAITING as WAITING_FOR_COMPARISONS  # noqa: E402
from reader.index import lock, scan, update  # noqa: E402
from reader.progress_words import step_wordings  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402

# Every step the index's update says without a count (update.py, scan.py, the locks), as the
# library's progress passes them to the app.
STEPS = [
    lock.WAITING,
    WAITING_FOR_COMPARISONS,
    scan.SCANNING,
    f"{scan.SCANNING} (12,345 files so far)",
    f"{scan.SCANNING} (12,345 files found)",
    "carrying the index over from news, archive",
    "re-linking renamed files",
    "grouping the stories of 10,000 articles",
    update.GROUPING_NEW,
    update.TAKING_CHANGES,
    "grouping the stories",
    "grouping the stories, pass 2",
    update.GROUPING_AGAIN,
    update.REMOVING,
    update.SAVING,
    update.TIDYING,
]


def shown(app) -> tuple[str, int]:
    """The status line's words and the columns it has for them."""
    line = app.main_screen.status.query_one("#status-text")
    return str(line.render()), line.content_size.width


@pytest.mark.parametrize("width", [80, 60, 50, 40])
async def test_every_uncounted_step_reads_whole_in_a_wording_that_fits(library_double, width):
    from reader.tui.messages import IndexProgress

    app = ReaderApp(library_double)
    async with drive(app, (width, 24)) as pilot:
        await settle(pilot)
        for step in STEPS:
            app.post_message(IndexProgress(0, 0, step))
            await settle(pilot, rounds=1)
            text, room = shown(app)
            wordings = [f"Indexing: {words.rstrip('…')}…" for words in step_wordings(step)]
            assert text in wordings and cell_len(text) <= room, (step, room)
            # the longest that fits: at 80 columns the whole (but for a wait, in 75 columns)
            assert text == next((words for words in wordings if cell_len(words) <= room), wordings[-1]), room
            if width == 80 and not step.startswith("waiting"):
                assert text == wordings[0], room


@pytest.mark.parametrize("width", [120, 80, 60, 40])
async def test_a_counted_step_reads_whole_too(library_double, width):
    """Its count first, then the longest wording that fits after it: "Indexing 1,200/3,000 taking
    the changed articles into the stories" at 120 columns, "… regrouping changed articles" at 80,
    the count alone at 40 (the bar beside it), never a word cut."""
    from reader.tui.messages import IndexProgress

    app = ReaderApp(library_double)
    async with drive(app, (width, 24)) as pilot:
        await settle(pilot)
        app.post_message(IndexProgress(1200, 3000, update.TAKING_CHANGES))
        await settle(pilot, rounds=1)
        text, room = shown(app)
        assert cell_len(text) <= room
        assert text in [
            *(
                f"{start}{words}"
                for start in ("Indexing 1,200/3,000 ", "1,200/3,000 ")
                for words in step_wordings(update.TAKING_CHANGES)
            ),
            "1,200/3,000",
        ]
        if width == 120:
            assert text == f"Indexing 1,200/3,000 {update.TAKING_CHANGES}"
        elif width == 80:
            assert text == "Indexing 1,200/3,000 regrouping changed articles"


@pytest.mark.parametrize(
    ("width", "said"),
    [
        (80, "Fetching your subscriptions… (R stops)"),
        (60, "Fetching your subscriptions… (R stops)"),
        (50, "Fetching feeds… (R stops)"),
        (40, "Fetching feeds… (R stops)"),
    ],
)
async def test_the_fetchs_line_keeps_how_to_stop_it(library_double, width, said):
    """ "Fetching your subscriptions… (R stops)" cut at 50 columns lost how to stop it."""
    app = ReaderApp(library_double)
    async with drive(app, (width, 24)) as pilot:
        await settle(pilot)
        app.main_screen.status.progress(0, 0)
        app.main_screen.status.say_step("Fetching ", "your subscriptions", "… (R stops)")
        await settle(pilot, rounds=1)
        assert shown(app)[0] == said


async def test_a_file_name_being_loaded_follows_the_whole_count_and_is_cut_at_its_end(library_double):
    """A file's name has no shorter wording: "Indexing 1,200/3,000 " and as much of the name as fits."""
    from reader.tui.messages import IndexProgress

    app = ReaderApp(library_double)
    async with drive(app, (60, 24)) as pilot:
        await settle(pilot)
        app.post_message(IndexProgress(1200, 3000, "news/" + "a-very-long-file-name-" * 4 + ".txt"))
        await settle(pilot, rounds=1)
        assert shown(app)[0].startswith("Indexing 1,200/3,000 a-very-long-file-name-")


def working(app) -> tuple[str, int]:
    """The background line's words (at the status bar's right) and the columns it may take."""
    bar = app.main_screen.status
    return str(bar.query_one("#status-work").render()), bar.content_size.width * 60 // 100 - 2


@pytest.mark.parametrize("width", [80, 60, 40])
async def test_the_comparisons_pass_reads_whole_in_a_wording_that_fits(library_double, width):
    """ "preparing comparisons 1,234/10,000" was cut to "preparing comparisons…" at 40 columns,
    its count lost: a shorter wording keeps it; its summaries likewise."""
    from reader.tui.messages import ComparisonsPrepared, ComparisonsProgress

    app = ReaderApp(library_double)
    async with drive(app, (width, 24)) as pilot:
        await settle(pilot)
        app.post_message(ComparisonsProgress(1234, 10000))
        await settle(pilot, rounds=1)
        text, room = working(app)
        wordings = step_wordings("preparing comparisons 1,234/10,000")
        assert text == next(words for words in wordings if cell_len(words) <= room), room
        assert "1,234/10,000" in text
        if width == 80:
            assert text == "preparing comparisons 1,234/10,000"
        for summary in (
            "comparisons ready: 1234 of 10000 articles, 12 unreadable",
            "comparisons: being prepared by another reader process",
            "comparisons: no story is told by two outlets yet",
        ):
            app.post_message(ComparisonsPrepared(summary))
            await settle(pilot, rounds=1)
            text, room = working(app)
            assert text in step_wordings(summary) and cell_len(text) <= room, (summary, room)


@pytest.mark.parametrize(
    ("width", "said"),
    [
        (80, "Fetching 12/340 feeds (R stops) https://news.example.org/feeds/world.xml"),
        (60, "Fetching 12/340 feeds (R stops) https://news.example.org/feeds/world.xml"),
        (40, "12/340 (R stops)"),
    ],
)
async def test_a_fetchs_count_keeps_how_to_stop_it_and_loses_its_url_first(library_double, width, said):
    """ "Fetching 12/340 feeds (R stops) URL" was cut at 40 columns to "Fetching 12/340 fe…": how
    to stop it went first; now the URL is cut (at its end) or goes, then the words, never the key."""
    from reader.tui.fetching import FetchProgress

    app = ReaderApp(library_double, index_on_start=False)
    async with drive(app, (width, 24)) as pilot:
        await settle(pilot)
        app.on_fetch_progress(FetchProgress(12, 340, "feeds https://news.example.org/feeds/world.xml"))
        await settle(pilot, rounds=1)
        text, room = shown(app)
        assert text == said, room
        assert cell_len(text.partition(" https:")[0]) <= room, room  # how to stop it whole: the URL cut at its end
        assert app.main_screen.status.line.startswith("Fetching 12/340 feeds (R stops) https://")  # (its whole)


async def test_the_background_line_is_fitted_to_the_room_its_style_gives_it(library_double):
    """Its room was worked out from a copy of DEFAULT_CSS's 60% in Python: a stylesheet giving it
    less had Textual cut the wording chosen for 60% with "…", its count lost."""
    from reader.tui.messages import ComparisonsProgress

    class NarrowWork(ReaderApp):
        CSS = "StatusBar > #status-work { max-width: 30%; }"

    app = NarrowWork(library_double)
    async with drive(app, (80, 24)) as pilot:
        await settle(pilot)
        app.post_message(ComparisonsProgress(1234, 10000))
        await settle(pilot, rounds=1)
        bar = app.main_screen.status
        text = str(bar.query_one("#status-work").render())
        room = bar.content_size.width * 30 // 100 - 2
        wordings = step_wordings("preparing comparisons 1,234/10,000")
        assert text == next(words for words in wordings if cell_len(words) <= room), room
        assert "1,234/10,000" in text and "…" not in text


async def test_the_fetch_line_counts_the_pages_asked_while_feeds_are_read_and_the_feed_holding_a_host(library_double):
    """The core counts the pages asked while feeds are still read ("feeds (7/30 pages) URL"): the
    line read "Fetching 1/2 feeds (R stops) (7/30 pages) URL". A feed holding its host says so."""
    from reader.tui.fetching import FetchProgress

    url = "https://slow.example.org/rss"
    app = ReaderApp(library_double, index_on_start=False)
    async with drive(app, (160, 24)) as pilot:
        await settle(pilot)
        app.on_fetch_progress(
            FetchProgress(1, 2, f"feeds (7/30 pages) {url}: waiting 14 s; 3 more of slow.example.org wait for it")
        )
        await settle(pilot, rounds=1)
        assert app.main_screen.status.line == (
            f"Fetching 1/2 feeds, 7/30 pages (R stops) {url}: waiting 14 s; 3 more of slow.example.org wait for it"
        )
