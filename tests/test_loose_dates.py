"""Dates written without a year or relative to when the page was saved (reader/corpus/loose_dates.py):
read only when something settles them, never from a file's modification time."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from reader.corpus import load_corpus
from reader.corpus.infer import date_from_text, infer_title_and_source
from reader.corpus.loose_dates import relative_date, settle_year

SAVED = dt.datetime(2026, 11, 3, 10, 0, tzinfo=dt.timezone.utc)
BODY = "The council approved the budget on a close vote after a long debate about the city's roads.\n"


def _load(tmp_path, text: str, name: str = "a.md"):
    corpus = tmp_path / "news"
    corpus.mkdir(exist_ok=True)
    (corpus / name).write_text(text, encoding="utf-8")
    (article,) = load_corpus([corpus]).articles
    return article


# -- a date without its year ---------------------------------------------------------------------
def test_a_yearless_dateline_takes_its_year_from_the_update_line_and_outranks_it():
    """The wire's "WASHINGTON, Oct. 21 —" is when it was published; the "Updated" line, the only
    full date, said so before (2025-10-22), and without it the article had no year at all."""
    text = "WASHINGTON, Oct. 21 (UPI) — The council met.\n\nUpdated Oct. 22, 2025\n"
    assert date_from_text(text) == "2025-10-21"


def test_a_yearless_date_takes_the_year_that_puts_it_beside_the_full_one():
    """Dec. 30 beside a January stamp is of the year before."""
    assert date_from_text("Dec. 30\n\n" + BODY + "\nUpdated Jan. 2, 2026\n") == "2025-12-30"


def test_a_full_date_of_the_same_rank_beats_a_yearless_one():
    assert date_from_text("Tuesday, March 4\n\n" + BODY + "\nPublished March 5, 2025\n") == "2025-03-05"


def test_a_yearless_date_with_nothing_to_settle_it_gives_no_date():
    assert date_from_text("WASHINGTON, Oct. 21 (UPI) — The council met.\n") is None
    assert date_from_text("Tuesday, March 4\n\n" + BODY) is None


def test_a_weekday_that_does_not_fit_leaves_the_year_unsettled():
    """March 4, 2025 was a Tuesday: beside an update of 2025, "Friday, March 4" is no date (the
    update's stands, as before)."""
    assert date_from_text("Friday, March 4\n\n" + BODY + "\nUpdated March 6, 2025\n") == "2025-03-06"
    assert date_from_text("Tuesday, March 4\n\n" + BODY + "\nUpdated March 6, 2025\n") == "2025-03-04"


def test_settle_year_by_the_weekday_alone_among_nearby_years():
    # Tuesday, March 4: 2025 is the one year of the five before November 2026
    assert settle_year(3, 4, 1, [], SAVED.date()) == 2025
    # no weekday: the page's current year, the date not after the day it was saved
    assert settle_year(3, 4, None, [], SAVED.date()) == 2026
    assert settle_year(12, 30, None, [], dt.date(2026, 1, 2)) == 2025
    # two anchors that disagree settle nothing
    assert settle_year(10, 21, None, [dt.date(2025, 10, 22), dt.date(2019, 10, 22)]) is None


def test_a_yearless_date_far_down_the_text_is_no_date_line():
    """A timeline's "March 4" heading, below the first lines, does not date the article."""
    lines = "\n\n".join(f"Paragraph {n} of the reporting." for n in range(8))
    assert date_from_text(f"Headline\n\n{lines}\n\nMarch 4\n\nUpdated Jan. 2, 2026\n") == "2026-01-02"


def test_a_yearless_date_on_a_page_that_records_when_it_was_saved(tmp_path):
    article = _load(tmp_path, f"---\ntitle: T\nfetched: '2026-11-03T10:00:00+00:00'\n---\nTuesday, March 4\n\n{BODY}")
    assert article.date == "2025-03-04" and "date" in article.inferred


# -- relative dates ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "stamp, day",
    [
        ("2 hours ago", "2026-11-03"),
        ("11 hours ago", "2026-11-02"),  # 10:00 UTC less 11 hours
        ("Yesterday at 5:30 PM", "2026-11-02"),
        ("3 days ago", "2026-10-31"),
        ("Updated 5 mins ago", "2026-11-03"),
        ("Published: an hour ago", "2026-11-03"),
        ("2 weeks ago", None),  # too coarse for a day
        ("5 months ago", None),
    ],
)
def test_a_relative_stamp_is_reckoned_from_when_the_page_was_saved(stamp, day):
    assert relative_date(f"Council passes budget\n\nBy Jane Roe\n{stamp}\n\n{BODY}", SAVED) == day


@pytest.mark.parametrize(
    "stamp, day",
    [
        ("vor 2 Stunden", "2026-11-03"),
        ("Aktualisiert vor einer Stunde", "2026-11-03"),
        ("vor 3 Tagen", "2026-10-31"),
        ("gestern um 10:05 Uhr", "2026-11-02"),
        ("il y a 3 heures", "2026-11-03"),
        ("Mis à jour il y a 2 jours", "2026-11-01"),
        ("hier à 10h05", "2026-11-02"),
        # Le Monde's, with the time of the same day's update after it
        ("Publié hier à 10h05, modifié à 12h00", "2026-11-02"),
        ("Publié aujourd’hui à 10h05, modifié à 12h00", "2026-11-03"),
        ("hace 2 horas", "2026-11-03"),
        ("Hace una hora", "2026-11-03"),
        ("ayer a las 10:05", "2026-11-02"),
        ("2 ore fa", "2026-11-03"),
        ("un'ora fa", "2026-11-03"),
        ("há 3 horas", "2026-11-03"),
        ("3 horas atrás", "2026-11-03"),
        ("2 uur geleden", "2026-11-03"),
        ("för 2 timmar sedan", "2026-11-03"),
        ("for 3 dage siden", "2026-10-31"),
        ("2 tuntia sitten", "2026-11-03"),
        ("3 napja", "2026-10-31"),
        ("2 godziny temu", "2026-11-03"),
        ("před hodinou", "2026-11-03"),
        ("prije 2 sata", "2026-11-03"),
        ("2 saat önce", "2026-11-03"),
        ("2 jam yang lalu", "2026-11-03"),
        ("2 часа назад", "2026-11-03"),
        ("11 часов назад", "2026-11-02"),
        ("Обновлено 3 дня назад", "2026-10-31"),
        ("вчера в 10:05", "2026-11-02"),
        ("2 години тому", "2026-11-03"),
        # too coarse for a day, as in English
        ("vor 2 Wochen", None),
        ("il y a 3 mois", None),
        ("2 года назад", None),
    ],
)
def test_a_relative_stamp_in_another_language_is_reckoned_as_in_english(stamp, day):
    assert relative_date(f"Council passes budget\n\nBy Jane Roe\n{stamp}\n\n{BODY}", SAVED) == day
    assert infer_title_and_source(f"{stamp}\n\nCouncil passes budget\n\n{BODY}")[0] == "Council passes budget"


@pytest.mark.parametrize(
    "line",
    [
        "für 2 Stunden",  # no "ago"
        "for 2 timer",  # Danish "for" needs its "siden"
        "vor Stunden",  # no count
        "2 Stunden",
        "Hier",  # German and Dutch "here"; French "hier" (yesterday) with its time only
    ],
)
def test_what_only_looks_like_a_relative_stamp_dates_nothing(line):
    assert relative_date(f"Council passes budget\n\n{line}\n\n{BODY}", SAVED) is None


def test_an_updated_relative_stamp_in_another_language_yields_to_another():
    text = f"Council passes budget\n\nAktualisiert vor 2 Stunden\nvor 3 Tagen\n\n{BODY}"
    assert relative_date(text, SAVED) == "2026-10-31"


def test_hours_ago_need_the_time_it_was_saved_not_the_day_alone():
    assert relative_date("Headline\n2 hours ago\n", SAVED.date()) is None
    assert relative_date("Headline\n3 days ago\n", SAVED.date()) == "2026-10-31"


def test_a_relative_date_in_the_reporting_is_no_stamp():
    assert relative_date(f"Headline\n\n{BODY}\nThe mayor spoke 2 hours ago.\n", SAVED) is None
    lines = "\n".join(f"Line {n}." for n in range(8))
    assert relative_date(f"Headline\n{lines}\n2 hours ago\n", SAVED) is None


def test_a_fetched_page_s_relative_date_is_reckoned_from_its_fetch_time(tmp_path):
    """As `reader fetch` stores a page with no date of its own: its `fetched:` time settles "2
    hours ago"; the stamp is no title either."""
    text = (
        "---\noutlet: Example News\nurl: https://example.com/a\nfetched: '2026-11-03T01:30:00+00:00'\n"
        f"feed: https://example.com/feed\n---\n2 hours ago\n\nCouncil passes budget\n\n{BODY}"
    )
    article = _load(tmp_path, text)
    assert article.date == "2026-11-02" and "date" in article.inferred
    assert article.title == "Council passes budget"


def test_a_scraper_s_saved_at_field_counts_as_the_moment_it_was_saved(tmp_path):
    line = '{"text": "3 days ago\\n\\nCouncil passes budget\\n\\n%s", "date_download": "2026-11-03 10:00:00"}\n'
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "dump.jsonl").write_text(line % BODY.strip(), encoding="utf-8")
    (article,) = load_corpus([tmp_path / "news"]).articles
    assert article.date == "2026-10-31"


def test_without_a_saved_time_a_relative_date_stays_unknown_whatever_the_file_s_time(tmp_path):
    """The file's modification time is no saving time (a copy, a checkout move it)."""
    article = _load(tmp_path, f"2 hours ago\n\nCouncil passes budget\n\n{BODY}", name="a.txt")
    os.utime(article.path, (SAVED.timestamp(), SAVED.timestamp()))
    again = load_corpus([article.path.parent]).articles[0]
    assert article.date is None and again.date is None
    assert article.title == "Council passes budget"


@pytest.mark.parametrize(
    "stamp",
    ["2 hours ago", "Updated 5 mins ago", "Yesterday at 5:30 PM", "Tuesday, March 4", "2 weeks ago", "a year ago"],
)
def test_a_loose_date_line_before_the_headline_is_no_title(stamp):
    assert infer_title_and_source(f"{stamp}\n\nCouncil passes budget\n\n{BODY}")[0] == "Council passes budget"


# -- a stamp line with a time, or two stamps ------------------------------------------------------
@pytest.mark.parametrize(
    "stamp",
    [
        "Updated Oct. 22 at 10:05",
        "Published: Tuesday, March 4 | Updated 5 mins ago",
        "Last updated: 22 Oct, 10:05 BST",
        "Oct 22, 10:05 AM ET",
        "Published Oct. 21, 2025 | Updated Oct. 22 at 10:05",
        "Posted Oct. 21 · Updated 2 hours ago",
        "Friday, Oct. 21 at 7 p.m.",  # the hour alone
        # the other languages read, without the year as with it
        "Veröffentlicht am 21. Oktober um 10:05 Uhr",
        "Publié le 21 octobre à 10h05 | Mis à jour le 22 octobre",
        "mar. 21 oct. à 10:00",
        "Publicado el 4 de marzo",
        "Di, 21. Okt., 10:05",
    ],
)
def test_a_yearless_stamp_with_its_time_or_a_second_stamp_is_no_title(stamp):
    """Such a line opened the article and was taken for its title: the yearless stamp had to be
    the whole line, while a full date's stamp could have a time or a second stamp after it."""
    assert infer_title_and_source(f"{stamp}\n\nCouncil passes budget\n\n{BODY}") == (
        "Council passes budget",
        "headline",
    )


@pytest.mark.parametrize(
    "line",
    [
        "March 4: Council passes budget",
        "21 people hurt in council fire",
        "4 Mars Street shops close",
        "Oct. 22 is the day the council votes",
        "2 hurt in Oct. 21 council fire",
        "Live updates: Oct. 21, 2025",
        "Today in History: October 21",
        "Updated: Council passes budget",
    ],
)
def test_a_headline_that_opens_with_a_date_is_still_a_title(line):
    assert infer_title_and_source(f"{line}\n\n{BODY}")[0] == line


@pytest.mark.parametrize(
    "stamp, day",
    [
        ("Tuesday, March 4 | Updated 5 mins ago", "2025-03-04"),  # Tuesday: 2025
        ("Veröffentlicht am 21. Oktober um 10:05 Uhr", "2026-10-21"),
        ("mar. 21 oct. à 10:00", "2025-10-21"),  # mardi: Tuesday, 21 October 2025, not March 21
        ("Publicado el 4 de marzo", "2026-03-04"),
    ],
)
def test_a_yearless_stamp_dates_a_saved_page_in_any_language_read(tmp_path, stamp, day):
    text = f"---\nfetched: '2026-11-03T10:00:00+00:00'\n---\n{stamp}\n\nCouncil passes budget\n\n{BODY}"
    article = _load(tmp_path, text)
    assert (article.date, article.title) == (day, "Council passes budget")


def test_a_foreign_yearless_stamp_takes_its_year_from_the_full_date_beside_it():
    text = f"Publié le 30 décembre à 10h05\n\nLe conseil vote\n\n{BODY}\nMis à jour le 2 janvier 2026\n"
    assert date_from_text(text) == "2025-12-30"


def test_thur_is_a_weekday_as_thurs_is():
    """The full dates' pattern knew "Thurs" and "Thu" but not "Thur", which yearless dates knew."""
    assert date_from_text(f"Thur., Oct. 23, 2025\n\nCouncil passes budget\n\n{BODY}") == "2025-10-23"
    assert infer_title_and_source(f"Thur., Oct. 23\n\nCouncil passes budget\n\n{BODY}")[0] == "Council passes budget"


def test_a_date_line_with_the_hour_alone_dates_the_text():
    assert date_from_text(f"Oct. 21, 2025 at 7 p.m. ET\n\nCouncil passes budget\n\n{BODY}") == "2025-10-21"
