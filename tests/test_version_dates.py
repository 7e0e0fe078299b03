"""A page fetched long after it was written, and a version of a page dated the day it was fetched
again: what `reader show` says of its dates and versions, how lists order it, and `reader compare`
of two versions of one page, which are an edit, not two stories nor a reprint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.wording import date_shown, days_fetched_after, fetch_time_shown, versions_words

TEXT = (
    "The city council approved the harbour budget on Tuesday after a long debate. "
    'Mayor Jane Holt said the vote was "a turning point for the waterfront". '
    "The plan funds a new railway station and repairs to the river bridge. "
    "Opponents argued the cost would raise local taxes next year.\n\n"
    'Council member Tom Reyes said "we cannot afford this plan" before the vote. '
    "The budget passed by seven votes to four."
)
OTHER = "A football match in the park ended in a draw after heavy rain in the second half. " * 4
OLD, NEW = "fox/harbour", "fox/harbour-v2"


def _write(path: Path, front: dict, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(f"{key}: {value}\n" for key, value in front.items())
    path.write_text(f"---\n{lines}---\n\n{text}\n", encoding="utf-8")


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A page fetched in 2019 and again, edited, in 2026 (dated that day: its feed's time never
    moved), and a page written in 2019 but fetched in 2026, beside one of 2020."""
    root = tmp_path / "fetched"
    fox = {"title": "Council approves harbour budget", "outlet": "Fox News", "url": "https://fox.example/a"}
    _write(root / f"{OLD}.md", {**fox, "date": "2019-03-04", "fetched": "2019-03-04T10:00:00Z"}, TEXT)
    edited = TEXT + " Correction: the vote was eight to three."
    front = {**fox, "date": "2026-12-01", "fetched": "2026-12-01T10:05:00Z", "version": 2, "previous": OLD}
    _write(root / f"{NEW}.md", front, edited)
    late = {"title": "Archive piece", "outlet": "Daily Planet", "url": "https://planet.example/old"}
    _write(root / "planet/archive.md", {**late, "date": "2019-03-05", "fetched": "2026-12-01T10:05:00Z"}, OTHER)
    mid = {"title": "Budget of 2020", "outlet": "Daily Planet", "url": "https://planet.example/mid"}
    _write(root / "planet/mid.md", {**mid, "date": "2020-06-01", "fetched": "2020-06-01T09:00:00Z"}, OTHER + " More.")
    return root


# -- the words ------------------------------------------------------------------------------
def test_a_fetch_years_after_the_date_is_told_apart_from_it():
    assert days_fetched_after("2019-03-04", "2026-12-01T10:05:00Z") == 2829
    assert date_shown("2019-03-04", "2026-12-01T10:05:00Z") == "written 2019-03-04"
    assert fetch_time_shown("2026-12-01T10:05:00Z", "2019-03-04") == "fetched 2026-12-01 10:05 UTC, 7 years later"
    assert fetch_time_shown("2026-12-01T10:05:00Z", "2026-09-01") == "fetched 2026-12-01 10:05 UTC, 3 months later"
    assert fetch_time_shown("2026-12-05T10:05:00Z", "2026-12-01") == "fetched 2026-12-05 10:05 UTC, 4 days later"


def test_a_fetch_soon_after_the_date_or_with_no_date_says_nothing_more():
    assert date_shown("2026-12-01", "2026-12-02T01:00:00Z") == "2026-12-01"  # a time zone, a day
    assert fetch_time_shown("2026-12-02T01:00:00Z", "2026-12-01") == "fetched 2026-12-02 01:00 UTC"
    assert date_shown(None, "2026-12-02T01:00:00Z") == "no date"
    assert date_shown("2019-03-04", None) == "2019-03-04"
    assert date_shown("2019-13-45", "2026-12-02T01:00:00Z") == "2019-13-45"  # unreadable: as written
    assert days_fetched_after("2019", "2026-12-02T01:00:00Z") is None


# -- reader show, list, stories ---------------------------------------------------------------
def test_show_says_when_a_page_fetched_years_later_was_written(corpus, reader_in_process):
    shown = reader_in_process("--corpus", str(corpus), "show", "planet/archive").stdout.splitlines()

    assert shown[1] == (
        "Daily Planet · written 2019-03-05 · https://planet.example/old · fetched 2026-12-01 10:05 UTC, 7 years later"
    )


def test_show_says_where_a_version_stands_among_its_pages_versions(corpus, reader_in_process):
    index = ["--corpus", str(corpus)]
    old = reader_in_process(*index, "show", OLD).stdout.splitlines()[1]
    new = reader_in_process(*index, "show", NEW).stdout.splitlines()[1]

    assert old.endswith(f"· version 1, replaced by {NEW}")
    assert new.endswith(f"· version 2, replacing {OLD}")
    archive = reader_in_process(*index, "show", "planet/archive").stdout.splitlines()[1]
    assert "version" not in archive


def test_lists_and_stories_order_a_late_fetched_page_by_its_own_date(corpus, reader_in_process):
    index = ["--corpus", str(corpus)]
    listed = [a["id"] for a in json.loads(reader_in_process(*index, "list", "--json").stdout)]
    assert listed.index("planet/archive") < listed.index("planet/mid")  # 2019 before 2020, as written

    stories = json.loads(reader_in_process(*index, "stories", "--json").stdout)
    (held,) = [s for s in stories if "planet/archive" in s["articles"]]
    assert held["date"] == "2019-03-05"  # its own date, not its fetch's 2026-12-01
    coverage = json.loads(reader_in_process(*index, "coverage", "--json").stdout)
    (covered,) = [s for s in coverage if "planet/archive" in str(s)]
    assert covered["date"] == "2019-03-05"


def test_two_versions_of_a_page_seven_years_apart_are_one_story(corpus, reader_in_process):
    """Version 2, dated seven years after version 1 (the day it was fetched again), was grouped in
    a story apart, of the older version alone: a chain of versions is one story, whatever its dates."""
    index = ["--corpus", str(corpus)]
    stories = json.loads(reader_in_process(*index, "stories", "--json").stdout)
    listed = [m for s in stories for m in s["articles"]]
    assert sorted(listed) == sorted(set(listed)) and {OLD, NEW, "planet/archive", "planet/mid"} <= set(listed)
    (story,) = [s for s in stories if OLD in s["articles"]]
    assert NEW in story["articles"] and story["replaced"] == [OLD]
    assert (story["date"], story["last_date"]) == ("2026-12-01", "2026-12-01")  # its newest stands for Fox
    text = reader_in_process(*index, "stories").stdout
    assert "older version, 1 outlet" not in text.replace("1 article, 1 older version, 1 outlet", "")


def test_a_version_fetched_90_days_after_the_first_joins_its_story_when_the_index_is_updated(
    tmp_path, reader_in_process
):
    """The index holds version 1; version 2, dated 90 days on, comes in an update (the incremental
    grouping): its story is version 1's, as a first build of both makes it."""
    root = tmp_path / "later"
    fox = {"title": "Council approves harbour budget", "outlet": "Fox News", "url": "https://fox.example/a"}
    _write(root / f"{OLD}.md", {**fox, "date": "2026-06-01", "fetched": "2026-06-01T10:00:00Z"}, TEXT)
    for day in range(5):  # other stories between the two
        other = {"title": f"Match {day}", "outlet": "Daily Planet", "date": f"2026-07-{day + 10:02d}"}
        _write(root / f"planet/match{day}.md", other, OTHER.replace("draw", f"draw {day}"))
    index = ["--corpus", str(root)]
    reader_in_process(*index, "index")
    front = {**fox, "date": "2026-08-30", "fetched": "2026-08-30T10:05:00Z", "version": 2, "previous": OLD}
    _write(root / f"{NEW}.md", front, TEXT + " Correction: the vote was eight to three.")
    reader_in_process(*index, "index")
    stories = json.loads(reader_in_process(*index, "stories", "--json").stdout)
    (story,) = [s for s in stories if OLD in s["articles"]]
    assert sorted(story["articles"]) == [OLD, NEW] and story["replaced"] == [OLD]
    assert sum(OLD in s["articles"] or NEW in s["articles"] for s in stories) == 1


# -- reader compare --------------------------------------------------------------------------
def test_compare_of_two_versions_of_one_page_says_they_are_versions(corpus, reader_in_process):
    """Version 2, dated the day it was fetched again seven years on: compare said "different
    stories" (they were grouped apart) and "word-for-word copies (a story reprinted)" of an edit."""
    index = ["--corpus", str(corpus)]
    said = reader_in_process(*index, "compare", OLD, NEW).stdout

    assert "Note: versions of one article: version 1 (left) and version 2 (right) of 2" in said
    assert "different stories" not in said and "reprinted" not in said
    swapped = reader_in_process(*index, "compare", NEW, OLD).stdout
    assert "version 2 (left) and version 1 (right) of 2" in swapped
    data = json.loads(reader_in_process(*index, "compare", OLD, NEW, "--json").stdout)
    assert data["versions_of_one_article"] is True
    assert (data["left"]["version"], data["right"]["version"]) == (1, 2)
    other = json.loads(reader_in_process(*index, "compare", NEW, "planet/mid", "--json").stdout)
    assert other["versions_of_one_article"] is False


def test_compare_of_an_older_version_alone_says_its_partner_is_its_newer_version(tmp_path, reader_in_process):
    """No other article tells its story: `compare OLD` sets its newer version beside it, which
    stderr called "a word-for-word copy: the story has no version that is not one"."""
    root = tmp_path / "fetched"
    fox = {"title": "Council approves harbour budget", "outlet": "Fox News", "url": "https://fox.example/a"}
    _write(root / f"{OLD}.md", {**fox, "date": "2019-03-04"}, TEXT)
    _write(root / f"{NEW}.md", {**fox, "date": "2026-12-01", "version": 2, "previous": OLD}, TEXT + " Correction.")

    compared = reader_in_process("--corpus", str(root), "compare", OLD)

    assert f"comparing {OLD} (Fox News) with {NEW} (Fox News) (version 2 of 2 of its page: " in compared.stderr
    assert "word-for-word" not in compared.stderr and "versions of one article" in compared.stdout


def test_versions_words_name_each_sides_version():
    from reader.index.article_versions import VersionPlace

    left, right = VersionPlace(3, 3, "x-v3"), VersionPlace(1, 3, "x-v3")
    assert versions_words(left, right) == (
        "versions of one article: version 3 (left) and version 1 (right) of 3, "
        "its page fetched again when its outlet edited it"
    )


# -- the app ---------------------------------------------------------------------------------
async def test_the_app_says_when_written_which_version_and_compares_two_versions_as_versions(corpus, tmp_path):
    from conftest import drive, press_and_settle, settle, wait_for
    from reader.library import Library
    from reader.tui.app import ReaderApp
    from reader.tui.screens.compare import CompareScreen

    Library([corpus], tmp_path / "ix").close()  # indexed, as the app finds it after `reader fetch`
    library = Library([corpus], tmp_path / "ix", auto_update=False)
    try:
        app = ReaderApp(library)
        async with drive(app, (140, 36)) as pilot:
            await settle(pilot)
            app.screen.open_article("planet/archive")
            await settle(pilot)
            meta = str(app.screen.query_one("#reader-meta").render())
            assert "Daily Planet · written 2019-03-05 · " in meta
            assert "fetched 2026-12-01 10:05 UTC, 7 years later" in meta
            app.screen.open_article(OLD)  # an older text: its header says so, as its row does
            await settle(pilot)
            meta = str(app.screen.query_one("#reader-meta").render())
            assert " · version 1 of 2, replaced (c shows what the edit changed) · " in meta
            app.screen.open_article(NEW)
            await settle(pilot)
            assert " · version 2 of 2 · " in str(app.screen.query_one("#reader-meta").render())
            app.push_screen(CompareScreen(library, OLD, NEW))
            await settle(pilot)
            summary = app.screen.query_one("#compare-summary")
            said = "Versions of one article: version 1 (left) and version 2 (right) of 2"
            await wait_for(pilot, lambda: said in str(summary.render()))
            assert "Different stories" not in str(summary.render())
            await press_and_settle(pilot, "s")  # swapped: each side's version with it
            await wait_for(pilot, lambda: "version 2 (left) and version 1 (right)" in str(summary.render()))
    finally:
        library.close()
