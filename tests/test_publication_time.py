"""An article's time of day (Article.time): read from the sources that give one, kept in the index,
and used by coverage's "first" and "days late" (moments where both articles have one, days
otherwise). The index kept days only: 21:00 in New York came "a day before" 01:00 in London."""

from __future__ import annotations

import csv
import io
import json
from types import SimpleNamespace as NS

import pytest

from conftest import write
from reader.analysis.coverage import compute_coverage, story_spans
from reader.corpus import load_file
from reader.corpus.infer import parse_moment


@pytest.mark.parametrize(
    "written, moment",
    [
        ("2025-10-05T21:00:00-04:00", "2025-10-06T01:00:00Z"),  # the zone given: in UTC
        ("2025-10-06T01:00:00+01:00", "2025-10-06T00:00:00Z"),
        ("2025-10-06 00:30:00.123Z", "2025-10-06T00:30:00Z"),
        ("2025-10-06T05:30+0530", "2025-10-06T00:00:00Z"),
        ("Sun, 05 Oct 2025 21:00:00 -0400", "2025-10-06T01:00:00Z"),  # RFC 2822, as feeds write it
        ("Mon, 06 Oct 2025 01:00:00 GMT", "2025-10-06T01:00:00Z"),
        ("2025-10-05 21:00:00", "2025-10-05T21:00:00"),  # no zone (news-please): as written
        ("Sun, 05 Oct 2025 21:00:00 -0000", "2025-10-05T21:00:00"),  # -0000: zone not known
        ("2025-10-05", None),  # a day alone
        ("October 5, 2025", None),
        ("2025-10-05T25:00:00Z", None),  # no such hour
        ("1850-10-05T21:00:00Z", None),  # outside the years dates are read in
        (None, None),
        # a leap second is the second before it, not a moment lost
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"),
        ("Sat, 31 Dec 2016 23:59:60 +0000", "2016-12-31T23:59:59Z"),
        # a 12-hour clock: "PM" was read as an unknown zone (11:30, and the offset after it lost)
        ("October 21, 2025 11:30 PM", "2025-10-21T23:30:00"),
        ("June 15, 2015 12:30 AM", "2015-06-15T00:30:00"),
        ("June 15, 2015 12:30 p.m.", "2015-06-15T12:30:00"),
        ("Mon, 15 Jun 2015 6:30:00 PM +0100", "2015-06-15T17:30:00Z"),
        ("June 15, 2015 13:30 PM", None),  # no such hour on a 12-hour clock
        ("2025-10-21T23:30:00+25:00", None),  # no such offset
        ("9999-12-31T23:30:00-01:00", None),  # outside the years dates are read in
        # an ISO date with a 12-hour clock, as scrapers and CMSs write it (no time was read)
        ("2024-03-05 6:30 PM", "2024-03-05T18:30:00"),
        ("2024-03-05, 6:30 p.m. ET", "2024-03-05T18:30:00"),  # ET: EST or EDT, the zone not known
        ("2024-03-05 at 11:30pm", "2024-03-05T23:30:00"),
        ("2024-03-05 12:30 AM", "2024-03-05T00:30:00"),
        ("2024-03-05 06:30:00 PM +01:00", "2024-03-05T17:30:00Z"),
        ("2024-03-05 13:30 PM", None),  # no such hour on a 12-hour clock
        ("2024-03-05 0:30 AM", None),
        ("2024-03-05 6:30 pmx", None),  # not read as 6:30 in a zone "pmx"
        # a zone's name RFC 2822 knows gives the offset, after an ISO date too
        ("2024-03-05 6:30 PM EST", "2024-03-05T23:30:00Z"),
        ("2024-07-05T18:30:00 (EDT)", "2024-07-05T22:30:00Z"),
        ("2024-03-05 18:30 CET", "2024-03-05T18:30:00"),  # a name it does not know: as written
        ("2024-03-05 6:30 PM EST and more", None),
        # RFC 2822 with the offset written as ISO writes it (the offset was lost)
        ("Tue, 05 Mar 2024 18:30:00 +05:30", "2024-03-05T13:00:00Z"),
        # a time after a date written another way, and a feed's date in its own language
        ("Tuesday, March 5, 2024 - 6:30pm", "2024-03-05T18:30:00"),
        ("March 5, 2024 at 6:30 p.m. EST", "2024-03-05T23:30:00Z"),
        ("Di, 05 Mär 2024 18:30:00 +0100", "2024-03-05T17:30:00Z"),
        ("5 de marzo de 2024 a las 18:30", "2024-03-05T18:30:00"),
        ("05.03.2024 um 18:30 Uhr", "2024-03-05T18:30:00"),
        ("2024/03/05 18:30", "2024-03-05T18:30:00"),
        ("March 5, 2024 and then 6:30 PM", None),  # words between: no time of that date
        ("Di, 05 Mär 2024 18:30:00 +2500", None),
        ("March 5, 2024, 13:30 PM", None),
        ("Tue, 05 Mar 2024 24:30:00 GMT", None),
    ],
)
def test_parse_moment(written, moment):
    assert parse_moment(written) == moment


@pytest.mark.parametrize(
    "written, moment",
    [
        ("2024-07-05 6:30 PM EST", "2024-07-05T18:30:00"),  # EST in July is Eastern time: not -05:00
        ("July 5, 2024 at 6:30 p.m. EST", "2024-07-05T18:30:00"),
        ("Fri, 05 Jul 2024 18:30:00 PST", "2024-07-05T18:30:00"),
        ("2024-01-05 6:30 PM EDT", "2024-01-05T18:30:00"),  # daylight time in January
        ("2006-04-01 6:30 PM EDT", "2006-04-01T18:30:00"),  # before 2007, daylight time began in April
        ("2024-07-05 6:30 PM EDT", "2024-07-05T22:30:00Z"),  # the season's own name keeps its offset
        ("2024-01-05 6:30 PM EST", "2024-01-05T23:30:00Z"),
        ("2024-03-10 6:30 PM EST", "2024-03-10T23:30:00Z"),  # the day daylight time starts: either name
        ("2024-07-05 6:30 PM MST", "2024-07-06T01:30:00Z"),  # Arizona keeps MST all summer
        ("2024-07-05T18:30:00-05:00", "2024-07-05T23:30:00Z"),  # an offset is an offset
        ("Fri, 05 Jul 2024 18:30:00 -0400 (EST)", "2024-07-05T22:30:00Z"),  # even beside a name
    ],
)
def test_a_zone_name_of_the_other_season_leaves_the_time_as_written(written, moment):
    assert parse_moment(written) == moment


def test_sources_give_the_articles_time_and_a_day_alone_gives_none(tmp_path):
    corpus = tmp_path / "news"
    body = "Floodwaters rose along the Riverton embankment on Monday after three days of rain.\n"
    write(corpus / "ny.md", f"---\ntitle: NY\noutlet: Alpha\ndate: 2025-10-05T21:00:00-04:00\n---\n{body}")
    write(corpus / "day.md", f"---\ntitle: Day\noutlet: Beta\ndate: 2025-10-06\n---\n{body}")
    write(corpus / "np.jsonl", json.dumps({"title": "NP", "date_publish": "2025-10-05 21:00:00", "maintext": body}))
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Gamma</title><link>https://gamma.example/</link>'
        "<item><title>Feed</title><link>https://gamma.example/a</link>"
        f"<pubDate>Mon, 06 Oct 2025 01:00:00 +0100</pubDate><description>{body}</description></item>"
        "</channel></rss>"
    )
    write(corpus / "feed.xml", rss)
    loaded = {}
    for name in ("ny.md", "day.md", "np.jsonl", "feed.xml"):
        for article in load_file(corpus / name, corpus).articles:
            loaded[article.title] = (article.date, article.time)
    assert loaded == {
        "NY": ("2025-10-05", "2025-10-06T01:00:00Z"),  # its own day, and the moment in UTC
        "Day": ("2025-10-06", None),
        "NP": ("2025-10-05", "2025-10-05T21:00:00"),
        "Feed": ("2025-10-06", "2025-10-06T00:00:00Z"),
    }


PAGE = (
    "<html><head><title>Floods in Riverton</title>{head}</head><body><article><h1>Floods in Riverton</h1>"
    "<p>Floodwaters rose along the Riverton embankment on Monday after three days of rain, and the mayor "
    "ordered the evacuation of the Lakeside district.</p><p>Four thousand residents were moved to higher "
    "ground overnight, officials said, and schools will stay closed until Thursday.</p></article></body></html>"
)


@pytest.mark.parametrize(
    "head, moment",
    [
        ('<meta property="article:published_time" content="2025-10-05T21:00:00-04:00">', "2025-10-06T01:00:00Z"),
        ('<meta itemprop="datePublished" content="2025-10-05T21:00:00.000Z">', "2025-10-05T21:00:00Z"),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-10-05T21:00:00+01:00"}'
            "</script>",
            "2025-10-05T20:00:00Z",
        ),
        ('<meta property="article:published_time" content="2025-10-05T21:00:00">', "2025-10-05T21:00:00"),
        # a day alone, or a stamp of another day than the page's date: no moment
        ('<meta property="article:published_time" content="2025-10-05">', None),
        (
            '<meta name="date" content="2025-10-05"><meta property="article:modified_time" '
            'content="2025-10-07T09:00:00Z">',
            None,
        ),
        # a stamp in UTC of the next day, within a day of the page's date (of its own zone)
        (
            '<meta name="date" content="2025-10-05">'
            '<meta property="article:published_time" content="2025-10-06T01:50:59Z">',
            "2025-10-06T01:50:59Z",
        ),
        # but not one without its zone, nor two days off
        ('<meta name="date" content="2025-10-05"><meta itemprop="datePublished" content="2025-10-06T01:50:59">', None),
        ('<meta name="date" content="2025-10-05"><meta itemprop="datePublished" content="2025-10-07T01:50:59Z">', None),
        # nor one of no zone's 5 October (10:00 UTC the day before is the earliest, UTC+14:00's)
        ('<meta name="date" content="2025-10-05"><meta itemprop="datePublished" content="2025-10-04T09:30:00Z">', None),
        ('<meta name="date" content="2025-10-05"><meta itemprop="datePublished" content="2025-10-06T12:30:00Z">', None),
    ],
)
def test_an_html_page_gives_the_moment_it_states_it_was_published(tmp_path, head, moment):
    """A page's date was a day alone: its article:published_time or datePublished gives the moment."""
    write(tmp_path / "page.html", PAGE.format(head=head))
    [article] = load_file(tmp_path / "page.html", tmp_path).articles
    assert (article.date, article.time) == ("2025-10-05", moment)


def test_a_related_storys_time_of_the_day_before_is_not_the_pages(tmp_path):
    """A <time class="published"> in a list of related stories is no moment of the page, whose
    <meta> gives its day alone: only what the page declares may be in UTC of another day."""
    related = '<aside><a href="/other">Other story</a> <time class="published" datetime="2025-10-04T20:00:00Z">Oct. 4</time></aside>'
    page = PAGE.format(head='<meta property="article:published_time" content="2025-10-05">')
    write(tmp_path / "page.html", page.replace("</body>", f"{related}</body>"))
    [article] = load_file(tmp_path / "page.html", tmp_path).articles
    assert (article.date, article.time) == ("2025-10-05", None)


MARKED_PAGE = (
    "<html><head><title>Floods in Riverton</title></head><body><article><h1>Floods in Riverton</h1>{mark}"
    "<p>Floodwaters rose along the Riverton embankment on Monday after three days of rain, and the mayor "
    "ordered the evacuation of the Lakeside district.</p><p>Four thousand residents were moved to higher "
    "ground overnight, officials said, and schools will stay closed until Thursday.</p></article></body></html>"
)


@pytest.mark.parametrize(
    "mark, moment",
    [
        (
            '<time itemprop="datePublished" datetime="2025-10-05T18:30:00-05:00">Oct. 5, 2025</time>',
            "2025-10-05T23:30:00Z",
        ),
        (
            '<time class="entry-date published" datetime="2025-10-05T18:30:00-05:00">Oct. 5</time>',
            "2025-10-05T23:30:00Z",
        ),
        ('<time pubdate datetime="2025-10-05T22:30:00-05:00"></time>', "2025-10-06T03:30:00Z"),
        ('<time pubdate="pubdate" datetime="2025-10-05 18:30">Oct. 5</time>', "2025-10-05T18:30:00"),
        ('<span itemprop="datePublished" content="2025-10-05T18:30:00Z">Oct. 5</span>', "2025-10-05T18:30:00Z"),
        ('<abbr class="published" title="2025-10-05 18:30:00 GMT">Oct. 5</abbr>', "2025-10-05T18:30:00Z"),
        # an update's time, a <time> that says nothing of what it dates, a day alone: no moment
        ('<time class="article__published-date" datetime="2025-10-05T18:30:00Z">Oct. 5</time>', "2025-10-05T18:30:00Z"),
        ('<time class="updated" datetime="2025-10-05T18:30:00-05:00">Oct. 5</time>', None),
        ('<time class="date-updated-published" datetime="2025-10-05T18:30:00-05:00">Oct. 5</time>', None),
        ('<time datetime="2025-10-05T18:30:00-05:00">Oct. 5</time>', None),
        ('<time itemprop="datePublished" datetime="2025-10-05">Oct. 5</time>', None),
        ('<time data-pubdate="x" datetime="2025-10-05T18:30:00Z">Oct. 5</time>', None),
    ],
)
def test_an_html_page_gives_the_moment_its_markup_marks_as_published(tmp_path, mark, moment):
    """The moment in a <time> element the page marks as its publication's (no <meta> gives it)."""
    write(tmp_path / "page.html", MARKED_PAGE.format(mark=mark))
    [article] = load_file(tmp_path / "page.html", tmp_path).articles
    assert (article.date, article.time) == ("2025-10-05", moment)


@pytest.mark.parametrize(
    "date, moment",
    [
        ('"Tue, 05 Mar 2024 18:30:00 EST"', "2024-03-05T23:30:00Z"),  # its day kept, its time lost
        ('"Tue, 5 Mar 2024 6:30 PM PST"', "2024-03-06T02:30:00Z"),
        ("2024-03-05 6:30 PM", "2024-03-05T18:30:00"),
        ('"2024-03-05, 6:30 p.m. ET"', "2024-03-05T18:30:00"),
    ],
)
def test_a_given_date_in_any_form_gives_its_time(tmp_path, date, moment):
    """A given date not in ISO form kept its day and lost its time (compared as ISO with the time)."""
    body = "The council met on Monday night.\n"
    write(tmp_path / "a.md", f"---\ntitle: A\ndate: {date}\n---\n{body}")
    write(tmp_path / "b.jsonl", json.dumps({"title": "B", "date_publish": date.strip('"'), "maintext": body}))
    loaded = [(a.date, a.time) for name in ("a.md", "b.jsonl") for a in load_file(tmp_path / name, tmp_path).articles]
    assert loaded == [("2024-03-05", moment)] * 2


def test_a_date_prefix_gives_its_time_and_leaves_it_out_of_the_text(tmp_path):
    """ "date 2024-03-05 6:30 PM" left "6:30 PM" opening the text, and the article had no time."""
    body = "The council met on Monday night and approved the budget.\n"
    write(tmp_path / "a.txt", f"date 2024-03-05 6:30 PM EST\n{body}")
    write(tmp_path / "b.txt", f"date: 2024-03-05T18:30:00Z\n{body}")
    write(tmp_path / "c.txt", f"date 2024-03-05 6:30 PM\n{body}")
    loaded = [load_file(tmp_path / name, tmp_path).articles[0] for name in ("a.txt", "b.txt", "c.txt")]
    assert [(a.date, a.time) for a in loaded] == [
        ("2024-03-05", "2024-03-05T23:30:00Z"),
        ("2024-03-05", "2024-03-05T18:30:00Z"),
        ("2024-03-05", "2024-03-05T18:30:00"),
    ]
    assert all(a.text == body.strip() for a in loaded)
    # a date given in the metadata is the article's: the prefix's time is of another date
    write(tmp_path / "d.md", f"---\ntitle: D\ndate: 2024-03-09\n---\ndate 2024-03-05 6:30 PM\n{body}")
    [given] = load_file(tmp_path / "d.md", tmp_path).articles
    assert (given.date, given.time) == ("2024-03-09", None)


def test_a_time_key_of_another_day_than_the_date_is_none_of_the_articles(tmp_path):
    """`time:` (what `reader fetch` writes beside `date:`) a year off the date compared a day with
    a moment of another year; within a day of it (UTC beside the day in its own zone) it is kept."""
    corpus = tmp_path / "news"
    body = "The council met on Monday night.\n"
    write(corpus / "off.md", f"---\ntitle: A\ndate: 2025-10-21\ntime: 2019-01-01T00:00:00Z\n---\n{body}")
    write(corpus / "near.md", f"---\ntitle: B\ndate: 2025-10-21\ntime: 2025-10-22T06:30:00Z\n---\n{body}")
    write(corpus / "naive.md", f"---\ntitle: C\ndate: 2025-10-21\ntime: 2025-10-22T06:30:00\n---\n{body}")
    times = {
        a.title: a.time for name in ("off.md", "near.md", "naive.md") for a in load_file(corpus / name, corpus).articles
    }
    assert times == {"A": None, "B": "2025-10-22T06:30:00Z", "C": None}


def test_a_corpus_yaml_date_leaves_the_files_time_out(tmp_path):
    """The manifest's date is the article's: the time written in the file was of another date."""
    corpus = tmp_path / "news"
    write(corpus / "a.md", "---\ntitle: A\ndate: 2025-10-05T21:00:00Z\n---\nThe council met on Monday night.\n")
    write(corpus / "corpus.yaml", "files:\n  a.md:\n    date: 2025-10-09\n")
    [article] = load_file(corpus / "a.md", corpus).articles
    assert (article.date, article.time) == ("2025-10-09", None)


def art(aid, outlet, date, time=None):
    return NS(id=aid, outlet=outlet, date=date, time=time)


def story(*members):
    return NS(id="s", label="s", articles=list(members))


def one_row(articles):
    return compute_coverage(articles, [story(*(a.id for a in articles))]).stories[0]


def test_first_compares_moments_across_time_zones_near_midnight():
    # New York at 21:00 on the 5th is 01:00 UTC on the 6th: an hour after London's 01:00 (+01:00)
    row = one_row(
        [
            art("ny", "New York Daily", "2025-10-05", "2025-10-06T01:00:00Z"),
            art("ldn", "London Post", "2025-10-06", "2025-10-06T00:00:00Z"),
        ]
    )
    assert row.first == ("London Post",)
    # the story broke on London's 6th: New York's own 5th came an hour after it
    assert row.date == "2025-10-06" and row.dates["New York Daily"] == "2025-10-05"
    assert row.time == "2025-10-06T00:00:00Z"
    assert row.days_late("New York Daily") == 0  # an hour, not "+1 day" of the calendar
    assert row.when_told("New York Daily") == "2025-10-06 01:00 UTC (+1 hour)"
    assert row.to_dict()["times"] == {"London Post": "2025-10-06T00:00:00Z", "New York Daily": "2025-10-06T01:00:00Z"}


def test_days_late_is_counted_in_time_between_moments():
    row = one_row(
        [
            art("a", "Alpha", "2025-10-05", "2025-10-05T23:00:00Z"),
            art("b", "Beta", "2025-10-06", "2025-10-06T22:59:00Z"),  # 23 h 59 min later
            art("c", "Gamma", "2025-10-07", "2025-10-07T23:30:00Z"),  # 48 h 30 min later
        ]
    )
    assert [row.days_late(name) for name in ("Alpha", "Beta", "Gamma")] == [0, 0, 2]
    assert row.when_told("Beta") == "2025-10-06 22:59 UTC (+23 hours)"
    assert row.when_told("Gamma") == "2025-10-07 23:30 UTC (+2 days)"


def test_a_date_alone_is_the_same_day_as_a_moment_of_its_day():
    """A date alone says nothing of the hour: on the day of another's moment, neither can be
    called first, and the text says why both are."""
    row = one_row(
        [
            art("a", "Alpha", "2025-10-06", "2025-10-06T09:00:00Z"),
            art("b", "Beta", "2025-10-06"),
            art("c", "Gamma", "2025-10-06", "2025-10-06T12:00:00Z"),
            art("d", "Delta", "2025-10-07"),
        ]
    )
    assert row.first == ("Alpha", "Beta") and row.same_day_undecided() == ("Beta",)
    assert [row.days_late(n) for n in ("Alpha", "Beta", "Gamma", "Delta")] == [0, 0, 0, 1]
    # a date alone of an earlier day came before every moment of a later one
    earlier = one_row([art("a", "Alpha", "2025-10-06", "2025-10-06T00:05:00Z"), art("b", "Beta", "2025-10-05")])
    assert earlier.first == ("Beta",) and earlier.time is None and earlier.days_late("Alpha") == 1


def test_a_date_alone_of_the_first_moments_day_is_not_after_it_for_an_earlier_day_elsewhere():
    """New York's 21:00 on the 5th (01:00 UTC on the 6th) came after London's 01:00 on the 6th
    (00:00 UTC): the story broke on the 6th, and a date alone of the 6th is that day, not "+1 day"
    after New York's own 5th, nor after New York, which came after London."""
    articles = [
        art("ny", "New York Daily", "2025-10-05", "2025-10-06T01:00:00Z"),
        art("ldn", "London Post", "2025-10-06", "2025-10-06T00:00:00Z"),
        art("day", "Daily Gazette", "2025-10-06"),
    ]
    row = one_row(articles)
    assert row.date == "2025-10-06" and row.last_date == "2025-10-06"
    assert row.first == ("Daily Gazette", "London Post") and row.same_day_undecided() == ("Daily Gazette",)
    assert [row.days_late(n) for n in ("Daily Gazette", "London Post", "New York Daily")] == [0, 0, 0]
    assert row.when_told("Daily Gazette") == "2025-10-06"
    # `stories` gives the story the same day
    assert story_spans(articles, [story("ny", "ldn", "day")])["s"].date == "2025-10-06"


def test_days_late_is_never_negative():
    """A date alone of the 5th came before the first moment (of the 6th, in its own zone +14:00),
    and a moment of New York's 4th (-12:00) came after that: its day is before the story's, its
    delay still none, not -1."""
    row = one_row(
        [
            art("kir", "Kiribati Times", "2025-10-06", "2025-10-05T11:00:00Z"),
            art("day", "Daily Gazette", "2025-10-05"),
            art("bak", "Baker Post", "2025-10-04", "2025-10-05T11:30:00Z"),
        ]
    )
    assert row.date == "2025-10-05" and row.time is None and row.first == ("Daily Gazette",)
    assert [row.days_late(n) for n in ("Baker Post", "Daily Gazette", "Kiribati Times")] == [0, 0, 1]


def test_a_time_without_its_zone_compares_as_its_day():
    row = one_row(
        [art("a", "Alpha", "2025-10-06", "2025-10-06T09:00:00"), art("b", "Beta", "2025-10-06", "2025-10-06T23:00:00Z")]
    )
    assert row.first == ("Alpha", "Beta") and row.to_dict()["times"] == {"Alpha": None, "Beta": "2025-10-06T23:00:00Z"}


def test_a_time_without_its_zone_takes_no_zone_from_its_outlets_other_articles():
    """The rule (README, Who was first): Alpha's zoned article says nothing of the zone of its
    zone-less one, which stays a day: beside Beta's moment of that day, neither is first alone."""
    row = one_row(
        [
            art("a1", "Alpha", "2025-10-06", "2025-10-06T09:00:00"),  # no zone
            art("a0", "Alpha", "2025-10-07", "2025-10-07T02:00:00Z"),  # zoned, a later story day
            art("b", "Beta", "2025-10-06", "2025-10-06T10:00:00Z"),
        ]
    )
    assert row.first == ("Alpha", "Beta") and row.times["Alpha"] is None
    assert row.same_day_undecided() == ("Alpha",)


def test_cli_coverage_and_list_give_the_moments(tmp_path, reader_in_process):
    corpus = tmp_path / "news"
    body = (
        "Floodwaters rose along the Riverton embankment on Monday after three days of rain. Mayor Elena "
        'Vasquez ordered the evacuation of the Lakeside district. "We are moving four thousand residents '
        'to higher ground tonight," Vasquez said.\n'
    )
    for name, outlet, date in (
        ("ny", "New York Daily", "2025-10-05T21:00:00-04:00"),
        ("ldn", "London Post", "2025-10-06T01:00:00+01:00"),
        ("day", "Daily Gazette", "2025-10-06"),
    ):
        write(corpus / f"{name}.md", f"---\ntitle: Floods in Riverton\noutlet: {outlet}\ndate: {date}\n---\n{body}")
    listed = json.loads(reader_in_process("--corpus", str(corpus), "list", "--json").stdout)
    assert {a["id"]: a["time"] for a in listed} == {
        "ny": "2025-10-06T01:00:00Z",
        "ldn": "2025-10-06T00:00:00Z",
        "day": None,
    }
    [row] = json.loads(reader_in_process("--corpus", str(corpus), "coverage", "--json").stdout)
    # the Gazette's date alone is London's day, the story's first moment's: which came first is not
    # known (New York's own 5th, at 01:00 UTC on the 6th, came after London's 00:00)
    assert row["first"] == ["Daily Gazette", "London Post"] and row["time"] == "2025-10-06T00:00:00Z"
    assert row["date"] == "2025-10-06"
    text = reader_in_process("--corpus", str(corpus), "coverage").stdout
    assert (
        "  covered   London Post 2025-10-06 00:00 UTC, New York Daily 2025-10-06 01:00 UTC (+1 hour), "
        "Daily Gazette 2025-10-06\n"
        "  first     Daily Gazette, London Post (the same day: Daily Gazette gave no time of day)\n" in text
    )
    table = list(csv.DictReader(io.StringIO(reader_in_process("--corpus", str(corpus), "coverage", "--csv").stdout)))
    assert [(r["outlet"], r["first_date"], r["first_time"], r["days_late"], r["first"]) for r in table] == [
        ("Daily Gazette", "2025-10-06", "", "0", "true"),
        ("London Post", "2025-10-06", "2025-10-06T00:00:00Z", "0", "true"),
        ("New York Daily", "2025-10-05", "2025-10-06T01:00:00Z", "0", "false"),
    ]
    # a date alone on the day of the first moment: "the same day", both first
    write(
        corpus / "ny.md",
        f"---\ntitle: Floods in Riverton\noutlet: New York Daily\ndate: 2025-10-06T21:00:00-04:00\n---\n{body}",
    )
    text = reader_in_process("--corpus", str(corpus), "coverage", "--update").stdout
    assert "  first     Daily Gazette, London Post (the same day: Daily Gazette gave no time of day)\n" in text


@pytest.mark.parametrize(
    "head, date",
    [
        ("", None),  # the slug's number was read as the day: 5 March 2024
        ('<meta property="article:published_time" content="2024-02-27T10:00:00Z">', "2024-02-27"),
    ],
)
def test_an_html_page_is_not_dated_by_a_number_opening_its_slug(tmp_path, head, date):
    """/2024/03/5-things-to-know/ names a post of March 2024 (WordPress's month permalinks), not of the 5th."""
    link = '<link rel="canonical" href="https://example.com/2024/03/5-things-to-know/">'
    write(tmp_path / "page.html", PAGE.format(head=link + head))
    [article] = load_file(tmp_path / "page.html", tmp_path).articles
    assert article.date == date
    # a day in its own folder still dates the page
    write(tmp_path / "day.html", PAGE.format(head='<link rel="canonical" href="https://example.com/2024/03/05/x/">'))
    [dated] = load_file(tmp_path / "day.html", tmp_path).articles
    assert dated.date == "2024-03-05"


@pytest.mark.parametrize(
    "stamp, date, moment",
    [
        ("Published 2024-03-05 6:30 PM", "2024-03-05", "2024-03-05T18:30:00"),
        ("March 5, 2024 at 6:30 p.m. EST", "2024-03-05", "2024-03-05T23:30:00Z"),
        ("By Jane Roe | March 5, 2024, 6:30 PM EST", "2024-03-05", "2024-03-05T23:30:00Z"),
        # an update's time is not the publication's, unless the update alone dates the text
        ("Published March 5, 2024 | Updated March 5, 2024 at 9:00 PM EST", "2024-03-05", None),
        ("Updated March 6, 2024 at 9:00 PM EST", "2024-03-06", "2024-03-07T02:00:00Z"),
        ("Published March 5, 2024", "2024-03-05", None),
    ],
)
def test_a_stamp_line_gives_the_time_written_after_its_date(tmp_path, stamp, date, moment):
    """A date read from the text had no time, whatever the line wrote after it."""
    body = "The council met on Monday night and approved the budget after a long debate.\n"
    write(tmp_path / "a.txt", f"Council passes budget\n\n{stamp}\n\n{body}")
    [article] = load_file(tmp_path / "a.txt", tmp_path).articles
    assert (article.date, article.time) == (date, moment)


def test_a_stamp_line_gives_no_time_to_a_date_given_in_the_metadata(tmp_path):
    body = "The council met on Monday night and approved the budget after a long debate.\n"
    write(tmp_path / "a.md", f"---\ntitle: A\ndate: 2024-03-09\n---\nPublished March 5, 2024 at 6:30 PM\n\n{body}")
    write(tmp_path / "b.md", f"---\ntitle: B\ndate: 2024-03-05\n---\nPublished March 5, 2024 at 6:30 PM\n\n{body}")
    loaded = [(a.date, a.time) for name in ("a.md", "b.md") for a in load_file(tmp_path / name, tmp_path).articles]
    assert loaded == [("2024-03-09", None), ("2024-03-05", None)]


def test_a_given_date_that_is_none_leaves_the_text_to_date_and_time_the_article(tmp_path):
    """`date: 2024-02-30` is ignored (with a warning), as if none were given: the text dates it."""
    body = "The council met on Monday night and approved the budget after a long debate.\n"
    write(tmp_path / "a.md", f"---\ntitle: A\ndate: 2024-02-30\n---\nPublished March 5, 2024 at 6:30 PM EST\n\n{body}")
    [article] = load_file(tmp_path / "a.md", tmp_path).articles
    assert (article.date, article.time) == ("2024-03-05", "2024-03-05T23:30:00Z")
