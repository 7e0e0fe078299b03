"""Metadata inference: dates, titles, outlets, and clean_and_infer's contract."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reader.corpus.clean import clean_and_infer, tidy_whitespace
from reader.corpus.infer import (
    author_from_text,
    date_from_path,
    date_from_text,
    date_from_url,
    first_sentence,
    infer_title,
    infer_title_and_source,
    looks_like_headline,
    outlet_from_path,
    parse_date,
    shorten,
    strip_date_prefix,
)
from reader.corpus.outlets import load_registry

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def registry():
    return load_registry(use_user_file=False)


def run(body, meta=None, registry=None):
    return clean_and_infer(body, dict(meta or {}), source_name="story_file.txt", registry=registry)


# -- dates --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-10-21", "2025-10-21"),
        ("2025-10-21T14:03:00Z", "2025-10-21"),
        ("2025-10-21 14:03", "2025-10-21"),
        ("2025/10/21", "2025-10-21"),
        ("20251021", "2025-10-21"),
        ("10/21/2025", "2025-10-21"),
        ("21/10/2025", "2025-10-21"),
        ("05.10.2025", "2025-10-05"),  # dots: day first, as every country writing them does
        ("21.10.2025", "2025-10-21"),
        ("5.1.2025", "2025-01-05"),
        ("10/05/2025", "2025-10-05"),  # slashes, both numbers months: US order
        ("Tue, 21 Oct 2025 10:00:00 GMT", "2025-10-21"),
        ("October 21, 2025", "2025-10-21"),
        ("Tuesday, Oct. 21, 2025", "2025-10-21"),
        ("Sept. 3 2024", "2024-09-03"),
        ("21 October 2025", "2025-10-21"),
        ("3rd of March, 2016", "2016-03-03"),
        (dt.date(2010, 2, 20), "2010-02-20"),
        (dt.datetime(2010, 2, 20, 23, 59), "2010-02-20"),
        ("2025-13-40", None),
        ("February 30, 2024", None),
        ("1799-01-01", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (20251021, None),
        (["2025-10-21"], None),
        ("9" * 500, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        # feeds that write RFC 2822 dates in their own language
        ("Di, 21 Okt 2025 10:00:00 +0200", "2025-10-21"),
        ("mar., 21 févr. 2025 10:00:00 +0100", "2025-02-21"),
        ("Qua, 22 Out 2025 10:00:00 -0300", "2025-10-22"),
        ("вт, 21 окт 2025 10:00:00 +0300", "2025-10-21"),
        ("Mi, 21 Mai 2025 08:15:00 GMT", "2025-05-21"),
        # as front matter and pages write them: case forms, "de", ordinal days, no accents
        ("21. Oktober 2025", "2025-10-21"),
        ("3. März 2025", "2025-03-03"),
        ("mardi 21 octobre 2025", "2025-10-21"),
        ("1er aout 2025", "2025-08-01"),
        ("martes, 21 de octubre de 2025", "2025-10-21"),
        ("1º de outubro de 2025", "2025-10-01"),
        ("21 ottobre 2025", "2025-10-21"),
        ("21 oktober 2025", "2025-10-21"),
        ("21 maart 2025", "2025-03-21"),
        ("21 октября 2025 г.", "2025-10-21"),
        ("1 ИЮНЯ 2025", "2025-06-01"),
        ("21 października 2025", "2025-10-21"),
        ("21. října 2025", "2025-10-21"),
        ("21. lokakuuta 2025", "2025-10-21"),
        ("21 Ekim 2025", "2025-10-21"),
        ("2025. október 21.", "2025-10-21"),
        ("21. studenoga 2025.", "2025-11-21"),
        ("21. 10. 2025", "2025-10-21"),  # figures with spaced dots, as Czech and Slovak write them
        ("Dienstag, 21.10.2025", "2025-10-21"),  # a weekday before figures
        ("Tue 10/21/2025", "2025-10-21"),
        ("Version 1.2.2016", None),
        # "listopad(a)" is November in Polish and Czech, October in Croatian: the weekday says which
        ("wtorek, 21 listopada 2025", "2025-11-21"),
        ("utorak, 21. listopada 2025.", "2025-10-21"),
        ("21. listopadu 2025", "2025-11-21"),
        ("21. listopada 2025", None),
        # Ukrainian, whose Cyrillic "листопад" is November whatever the weekday
        ("21 жовтня 2025 р.", "2025-10-21"),
        ("5 лютого 2025 року", "2025-02-05"),
        ("п’ятниця, 21 листопада 2025", "2025-11-21"),
        ("21 лист. 2025", "2025-11-21"),
        ("нд, 7 груд 2025 10:00:00 +0200", "2025-12-07"),
        # a month name is read only with a day and a year round it
        ("Mai 2025", None),
        ("Im Mai 2025 kamen 21 Gäste", None),
        ("Vimos el mar 21 veces en 2025", None),
        ("21 mar de gente en 2025", None),
        ("2025 mar 21", None),  # year first is Hungarian only
        ("30. Februar 2025", None),
        ("21 Oktober 1799", None),
    ],
)
def test_parse_date_reads_month_names_of_other_languages(value, expected):
    assert parse_date(value) == expected


def test_strip_date_prefix():
    assert strip_date_prefix(" date 2025-10-21 NEW Text") == ("NEW Text", "2025-10-21")
    assert strip_date_prefix("Date: 2024-01-02\nBody") == ("\nBody", "2024-01-02")
    assert strip_date_prefix("The date 2025-10-21 was chosen.") == ("The date 2025-10-21 was chosen.", None)
    assert strip_date_prefix("date 2025-99-99 body") == ("date 2025-99-99 body", None)
    # a time after the date goes with it, not into the text
    assert strip_date_prefix("date 2025-10-21 6:30 PM ET\nBody") == ("\nBody", "2025-10-21")
    assert strip_date_prefix("date 2025-10-21T10:05:00Z NEW Text") == ("NEW Text", "2025-10-21")
    assert strip_date_prefix("date 2025-10-21 10 Things to know") == ("10 Things to know", "2025-10-21")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("By Jane Roe\nPublished October 21, 2025\n\nThe mayor resigned.", "2025-10-21"),
        ("Updated: Oct. 22, 2025 at 9:00 a.m.\nPublished: Oct. 21, 2025\n\nText.", "2025-10-21"),
        ("By Jane Roe\nMarch 3, 2016 10:15 AM EST\n\nThe mayor resigned.", "2016-03-03"),
        ("Posted on 2019-11-19\n\nText.", "2019-11-19"),
        # the time before the date, as CNN writes it
        ("Updated 2:05 PM ET, Tue October 21, 2025\n\nThe mayor resigned.", "2025-10-21"),
        ("The mayor resigned.\n\nUpdated 21 October 2025", "2025-10-21"),
        ("WASHINGTON, Oct. 21, 2025 (Reuters) - The mayor resigned.", "2025-10-21"),
        ("NEW YORK, March 3, 2016 — The mayor resigned.", "2016-03-03"),
        ("KANSAS CITY, Mo., March 3, 2016 (UPI) -- The mayor resigned.", "2016-03-03"),  # the place's state
        ("The law of March 3, 2016 was cited by the mayor in her speech.", None),
        ("In Paris, March 3, 2016 — a date she recalls — was cold.", None),
        ("No date at all.", None),
    ],
)
def test_date_from_text(text, expected):
    assert date_from_text(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Von Hans Muster\nDienstag, 21. Oktober 2025\n\nDer Bürgermeister trat zurück.", "2025-10-21"),
        ("Par Jeanne Roux\nmar. 21 oct. 2025 à 10:00\n\nLe maire a démissionné.", "2025-10-21"),
        ("Von Hans Muster\n21. Oktober 2025 um 10:00 Uhr\n\nText.", "2025-10-21"),
        ("Par Jeanne Roux\nmardi 21 octobre 2025 10:00\n\nLe maire a démissionné.", "2025-10-21"),
        ("PARIS, 21 octobre 2025 (AFP) - Le maire a démissionné.", "2025-10-21"),
        # datelines whose place has capitals outside ASCII, or a region after it
        ("MÜNCHEN, 21. Oktober 2025 (dpa) – Der Bürgermeister trat zurück.", "2025-10-21"),
        ("ZÜRICH, 21.10.2025 (Reuters) - Der Bürgermeister trat zurück.", "2025-10-21"),
        ("SÃO PAULO, 21 de outubro de 2025 — O prefeito renunciou.", "2025-10-21"),
        ("ŁÓDŹ, 21 października 2025 (PAP) - Burmistrz podał się do dymisji.", "2025-10-21"),
        ("КИЇВ, 21 листопада 2025 р. — Мер подав у відставку.", "2025-11-21"),
        ("KYIV, Ukraine, 21 жовтня 2025 р. — Мер подав у відставку.", "2025-10-21"),
        # no year: no date (the year is not guessed)
        ("MÜNCHEN, 21. Oktober (dpa) – Der Bürgermeister trat zurück.", None),
        ("München, 21. Oktober 2025 – ein Datum, das sie nie vergisst, war kalt.", None),
        ("Мэр ушёл в отставку.\n21 октября 2025 г., 10:00\n\nТекст.", "2025-10-21"),
        ("Gradonačelnik je podnio ostavku.\n21. studenoga 2025.\n\nTekst.", "2025-11-21"),
        ("Мэр ушёл в отставку.\n21 октября 2025\n\nТекст.", "2025-10-21"),
        ("Мер подав у відставку.\nвівторок, 21 жовтня 2025 р. о 10:00\n\nТекст.", "2025-10-21"),
        ("El alcalde vio el mar 21 de 2025 veces.", None),
    ],
)
def test_date_from_text_reads_dates_of_other_languages(text, expected):
    assert date_from_text(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Von Hans Muster\nVeröffentlicht am 21.10.2025\n\nDer Bürgermeister trat zurück.", "2025-10-21"),
        ("Par Jeanne Roux\nPublié le 21 octobre 2025 à 10h05\n\nLe maire a démissionné.", "2025-10-21"),
        ("Publicado el 21 de octubre de 2025\n\nEl alcalde dimitió.", "2025-10-21"),
        ("Pubblicato il 21 ottobre 2025 alle 10:05\n\nIl sindaco si è dimesso.", "2025-10-21"),
        ("Gepubliceerd op 21 oktober 2025\n\nDe burgemeester is afgetreden.", "2025-10-21"),
        ("Opublikowano: 21.10.2025, 10:05\n\nBurmistrz podał się do dymisji.", "2025-10-21"),
        ("Publikováno: 21. 10. 2025\n\nStarosta rezignoval.", "2025-10-21"),
        ("Опубликовано 21 октября 2025\n\nМэр ушёл в отставку.", "2025-10-21"),
        ("Опубліковано: 21.10.2025\n\nМер подав у відставку.", "2025-10-21"),
        ("YAYINLANMA: 21.10.2025\n\nBelediye başkanı istifa etti.", "2025-10-21"),
        # the date an article was updated on never outranks the one it was published on...
        ("Aktualisiert am 22.10.2025\nVeröffentlicht am 21.10.2025\n\nText.", "2025-10-21"),
        ("Mis à jour le 22 octobre 2025\n21 octobre 2025\n\nLe maire a démissionné.", "2025-10-21"),
        # ...and is the date when nothing else is
        ("Le maire a démissionné.\n\nMis à jour le 22 octobre 2025", "2025-10-22"),
        ("Stand: 22.10.2025 10:05 Uhr\n\nDer Bürgermeister trat zurück.", "2025-10-22"),
        # after words not in English, a date in figures is day first; after English ones, month first
        ("Publicado em 05/10/2025 às 10h05\n\nO prefeito renunciou.", "2025-10-05"),
        ("Published 05/10/2025\n\nThe mayor resigned.", "2025-05-10"),
        ("Publicado em 10/21/2025\n\nO prefeito renunciou.", "2025-10-21"),
        ("Veröffentlicht: Dienstag, 21.10.2025, 10:05 Uhr\n\nDer Bürgermeister trat zurück.", "2025-10-21"),
        ("Publié à 10h05, le 21 octobre 2025\n\nLe maire a démissionné.", "2025-10-21"),
        ("Aktualisiert: 10:05 Uhr, 22.10.2025\n\nDer Bürgermeister trat zurück.", "2025-10-22"),
        # and on a date line whose time is written so: "às 10h05", "um 10:05 Uhr"
        ("Por Ana Lima\n05/10/2025 às 10h05\n\nO prefeito renunciou.", "2025-10-05"),
        ("Von Hans Muster\n05/10/2025 um 10:05 Uhr\n\nDer Bürgermeister trat zurück.", "2025-10-05"),
        ("By Jane Roe\n05/10/2025 10:05\n\nThe mayor resigned.", "2025-05-10"),
    ],
)
def test_date_from_text_reads_published_and_updated_in_other_languages(text, expected):
    assert date_from_text(text) == expected


@pytest.mark.parametrize(
    "line",
    [
        "21 octobre 2025 à 10h05",
        "mar. 21 oct. 2025 à 10 h 05",
        "21.10.2025, 10:05 Uhr MESZ",
        "21.10.2025 · 10:05 Uhr",
        "21. Oktober 2025, 10.05 Uhr (MEZ)",
        "21 de octubre de 2025 - 10:05 h",
        "21 октября 2025, 10:05 МСК",
        "Oct. 21, 2025 10:05 GMT+2",
        "21 Oct 2025 10:05 +0200",
        # a weekday before a date in figures, a page's <time> as it gives it
        "Dienstag, 21.10.2025",
        "Di 21.10.2025 10:05",
        "2025-10-21T10:05:00+02:00",
        # big outlets' date lines: El País's place before, Folha's month between dots, Der
        # Spiegel's print issue after, Le Monde's
        "Madrid - 21 oct 2025 - 10:05 CEST",
        "Ciudad de México - 21 oct 2025 - 10:05 CST",
        "21.out.2025 às 10h05",
        "21.10.2025, 10.05 Uhr • aus DER SPIEGEL 43/2025",
        "Publié le 21 octobre 2025 à 10h05",
    ],
)
def test_a_date_line_may_end_on_a_time_written_as_its_country_writes_it(line):
    assert date_from_text(f"Von Hans Muster\n{line}\n\nDer Bürgermeister trat zurück.") == "2025-10-21"


@pytest.mark.parametrize(
    "line",
    [
        # a place's shape only: words in small letters, a sentence, figures are no place
        "Madrid, la capital - 21 oct 2025",
        "Der Bürgermeister trat am 21.10.2025 zurück",
        "21.10.2025 • aus der Zeitung",
        "21.abcd.2025 às 10h05",
    ],
)
def test_a_date_line_of_a_big_outlet_is_read_in_its_shape_only(line):
    assert date_from_text(f"Von Hans Muster\n{line}\n\nDer Bürgermeister trat zurück.") is None


@pytest.mark.parametrize(
    "url, expected",
    [
        ("http://www.foxnews.com/politics/2010/02/20/beck-cpac", "2010-02-20"),
        ("https://example.com/news/2019-11-19-story", "2019-11-19"),
        ("https://example.com/2019/13/45/story", None),
        ("https://example.com/story-12345", None),
        (None, None),
        ("https://example.com/2019/11/19", "2019-11-19"),
        ("https://example.com/2019/11/19.html", "2019-11-19"),
        ("https://example.com/2019-11-19/disney-plus", "2019-11-19"),
        ("https://example.com/2019-11-5/", "2019-11-05"),
        # a number opening the slug after a month's folder is no day (it was read as one)
        ("https://example.com/2024/03/5-things-to-know-about-the-budget/", None),
        ("https://example.com/2024/03/30-under-30", None),
        ("https://example.com/2024-3-5-things", None),
        # the Guardian's month in English
        ("https://www.theguardian.com/world/2019/nov/19/some-story", "2019-11-19"),
        ("https://www.theguardian.com/world/2019/nov/31/some-story", None),
        ("https://example.com/2019/nov/5-things", None),
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    "path, date",
    [
        ("text/breitbart_2015-11-11_the-ninth-circle.txt", "2015-11-11"),
        ("nyt_2016_02_01_polls.txt", "2016-02-01"),
        ("reuters_2016.02.01.html", "2016-02-01"),
        ("20160201-story.md", "2016-02-01"),
        ("nytimes/2016/02/01/story.html", "2016-02-01"),
        ("2016/02/01/story.txt", "2016-02-01"),
        ("2016-01-31/later-2016-02-01.txt", "2016-02-01"),  # the file's own name first
        ("000_d35029dd94d24c05.txt", None),  # hex digits are an id
        ("a/20160201123456.txt", None),  # a longer run of digits is a time stamp or an id
        ("2016-13-01_story.txt", None),  # no such month
        ("story.txt", None),
        ("", None),
    ],
)
def test_date_from_path(path, date):
    assert date_from_path(path) == date


@pytest.mark.parametrize(
    "path, outlet",
    [
        ("text/breitbart_2015-11-11_the-ninth-circle.txt", "Breitbart News"),
        ("text/huff-post_2016-02-01_x.txt", "HuffPost"),
        ("2016-02-01_nyt_x.txt", "The New York Times"),  # after a leading date
        ("the_new_york_times_20160201_x.md", "The New York Times"),
        ("nytimes/story.md", "The New York Times"),  # a folder per outlet
        ("Fox News/2016/story.txt", "Fox News"),
        ("reuters_2016.02.01.html", "Reuters"),
        # a known outlet's word elsewhere in a name is the story's
        ("hill_vote_2016-02-01.txt", None),
        ("2016-02-01_capitol_hill_vote.txt", None),
        ("time_line.txt", None),
        ("politics/time/story.txt", "Time"),  # ... but a folder is named on purpose
        ("acme-gazette_2016-02-01_x.txt", None),  # unknown: never taken for an outlet
        ("x.txt", None),
    ],
)
def test_outlet_from_path(path, outlet, registry):
    assert outlet_from_path(path, registry) == outlet


def test_path_gives_outlet_and_date_only_when_nothing_else_does(registry):
    body = "The council voted on Tuesday to rebuild the bridge.\n\nIt opens in May."
    name = "nyt_2016-02-01_bridge.txt"
    _, meta, inferred = clean_and_infer(body, {}, source_name=name, registry=registry, path_hints=True)
    assert (meta["outlet"], meta["date"]) == ("The New York Times", "2016-02-01")
    assert {"outlet", "date"} <= inferred
    # not for an article of a collection (a feed or JSON Lines file named by the day it was saved)
    _, meta, _ = clean_and_infer(body, {}, source_name=name, registry=registry)
    assert (meta["outlet"], meta["date"]) == (None, None)
    # the file's own metadata, its text and its URL come first
    given = {"outlet": "Reuters", "date": "2016-03-05"}
    _, meta, inferred = clean_and_infer(body, given, source_name=name, registry=registry, path_hints=True)
    assert (meta["outlet"], meta["date"]) == ("Reuters", "2016-03-05") and not {"outlet", "date"} & inferred
    # a wire service's credit in the text names who wrote it; the file's name, who published it
    wire = "WASHINGTON (AP) — " + body + "\n\nThe Associated Press contributed to this report."
    _, meta, _ = clean_and_infer(wire, {}, source_name=name, registry=registry, path_hints=True)
    assert meta["outlet"] == "The New York Times"
    _, meta, _ = clean_and_infer(wire, {}, source_name="bridge.txt", registry=registry, path_hints=True)
    assert meta["outlet"] == "Associated Press"
    dated = "Published March 4, 2016\n\n" + body
    url = {"url": "https://www.foxnews.com/politics/2016/03/03/bridge"}
    _, meta, _ = clean_and_infer(dated, url, source_name=name, registry=registry, path_hints=True)
    assert (meta["outlet"], meta["date"]) == ("Fox News", "2016-03-04")
    _, meta, _ = clean_and_infer(body, url, source_name=name, registry=registry, path_hints=True)
    assert meta["date"] == "2016-03-03"


# -- titles -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Council Votes to Rebuild Bridge\n\nThe council voted on Tuesday.", "Council Votes to Rebuild Bridge"),
        (
            "O’Malley campaign to shift staff, resources to Iowa.\n\nThe campaign said.",
            "O’Malley campaign to shift staff, resources to Iowa.",
        ),
        (
            "Republicans Finally Confirmed A Judge. Is This Obama’s Last One?\n\nText.",
            "Republicans Finally Confirmed A Judge. Is This Obama’s Last One?",
        ),
        ("Is the bridge safe?\n\nEngineers disagree.", "Is the bridge safe?"),
        # a headline running on into its subhead: the title without the dangling separator
        (
            "Jobs report gives Democrats a lift; \nSolid upturn could blunt Republican claims.\n\nText.",
            "Jobs report gives Democrats a lift",
        ),
        ("The senator said:\nWe will vote.", "The senator said"),
        (
            "U.S. President Donald Trump has no immediate plans to meet Russian counterpart Vladimir Putin, a U.S. official said Tuesday.\nMore.",
            "U.S. President Donald Trump has no immediate plans to meet Russian counterpart Vladimir Putin…",
        ),
        ("Mr. Smith went to Washington on Monday. He met the senator.", "Mr. Smith went to Washington on Monday."),
        ("\n\n...\n\nShort body line here.", "Short body line here."),
        ("", None),
        ("  \n \n", None),
    ],
)
def test_infer_title(text, expected):
    assert infer_title(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Bridge Plan Approved\n\nThe council met on Tuesday.", "Bridge Plan Approved"),
        ("## Bridge Plan Approved ##\n\nThe council met on Tuesday.", "Bridge Plan Approved"),
        ("   ###\tThe council met on Tuesday to vote. It approved it.", "The council met on Tuesday to vote."),
        ("#\n\n# [bold]Bridge[/bold] in C#\n\nText.", "[bold]Bridge[/bold] in C#"),
        # no heading: no blank after the marks, or more than six
        ("#hashtag news today\n\nText.", "#hashtag news today"),
        ("####### Seven marks\n\nText.", "####### Seven marks"),
    ],
)
def test_a_markdown_headings_marks_are_no_part_of_its_title(text, expected):
    """A Markdown or text file opening with "# Title" was titled "# Title", the marks kept."""
    assert infer_title(text) == expected


def test_a_markdown_file_opening_with_a_heading_is_titled_by_its_text(tmp_path):
    from reader.corpus import load_corpus

    (tmp_path / "plan.md").write_text("# Bridge Plan Approved\n\nThe council met on Tuesday.\n")
    (tmp_path / "vote.txt").write_text("# Council Votes Today\n\nThe council meets on Monday.\n")
    titles = sorted(a.title for a in load_corpus([tmp_path]).articles)
    assert titles == ["Bridge Plan Approved", "Council Votes Today"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("By Jane Roe\nPublished October 21, 2025\n\nThe mayor resigned.", ("The mayor resigned.", "headline")),
        ("Von Max Mustermann\n\nDer Bürgermeister trat zurück.", ("Der Bürgermeister trat zurück.", "headline")),
        ("Par Jean Dupont et Marie Curie, AFP\nLe maire démissionne\n\nTexte.", ("Le maire démissionne", "headline")),
        ("Por Juan Pérez | EFE\n\nEl alcalde dimite\n\nTexto.", ("El alcalde dimite", "headline")),
        (
            "Veröffentlicht am 21.10.2025, 10:05 Uhr\nBürgermeister tritt zurück\n\nText.",
            ("Bürgermeister tritt zurück", "headline"),
        ),
        (
            "Publié le 05/10/2025 à 10h05 | Mis à jour le 06/10/2025 à 08h00\nLe maire démissionne\n\nTexte.",
            ("Le maire démissionne", "headline"),
        ),
        (
            "sexta-feira, 22 de outubro de 2010 às 20:13\n\nPrefeito renuncia\n\nTexto.",
            ("Prefeito renuncia", "headline"),
        ),
        ("Автор: Иван Петров\n\nМэр ушёл в отставку\n\nТекст.", ("Мэр ушёл в отставку", "headline")),
        ("Текст: Иван Петров\n\nМэр ушёл в отставку\n\nТекст.", ("Мэр ушёл в отставку", "headline")),
        (
            "Ein Artikel von Max Mustermann\n\nDer Bürgermeister tritt zurück\n\nText.",
            ("Der Bürgermeister tritt zurück", "headline"),
        ),
        ("Text messages show the plan\n\nText.", ("Text messages show the plan", "headline")),
        # the section's name over the headline; one word over a paragraph is the title still
        ("Politics\n\nSenate passes budget bill\n\nBy Jane Roe\n\nText.", ("Senate passes budget bill", "headline")),
        ("Advertisement\nSenate passes budget bill\n\nText.", ("Senate passes budget bill", "headline")),
        (
            "Brexit\n\nThe UK left the European Union on Friday after a long debate about the deal, aides said.\n",
            ("Brexit", "first_sentence"),
        ),
        # a word over a headline that opens with it is a section's name or a label over it: the
        # headline, which says more, is the title, with or without an article under it
        ("Staðan\n\nStaðan versnar", ("Staðan versnar", "headline")),
        ("STAÐAN\nStaðan versnar", ("Staðan versnar", "headline")),
        ("Sport\n\nSport minister resigns", ("Sport minister resigns", "headline")),
        ("Weather\n\nWeather warning for the north\n", ("Weather warning for the north", "headline")),
        ("Brexit\n\nBrexit talks stall", ("Brexit talks stall", "headline")),
        ("Brexit\n\nBrexit talks stall\n\nThe talks stalled on Monday.", ("Brexit talks stall", "headline")),
        # one word over a text's only other line titles it: that line is its body, no headline
        ("Space\n\ntext four.", ("Space", "first_sentence")),
        ("Space\ntext four.\n", ("Space", "first_sentence")),
        ("Politics\n\nThe Senate passed the budget.\n", ("Politics", "first_sentence")),
        ("Politics\n\nSenate passes budget bill\n", ("Senate passes budget bill", "headline")),
        ("Sport\n\nSport minister resigns.", ("Sport minister resigns.", "headline")),
        # headlines that open with the word a byline opens with stay headlines
        ("Von der Leyen warnt vor Krieg\n\nText.", ("Von der Leyen warnt vor Krieg", "headline")),
        ("By The Numbers: The Vote\n\nText.", ("By The Numbers: The Vote", "first_sentence")),
        ("By Obama's Standards\n\nText.", ("By Obama's Standards", "first_sentence")),
        ("Text: Obama’s Remarks\n\nMore.", ("Text: Obama’s Remarks", "headline")),
        ("Por qué dimitió el alcalde\n\nTexto.", ("Por qué dimitió el alcalde", "headline")),
        # a text of nothing else is titled by its byline still
        ("By Jane Roe", ("By Jane Roe", "first_sentence")),
    ],
)
def test_a_byline_or_a_date_before_the_headline_is_no_title(text, expected):
    assert infer_title_and_source(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Мэр ушёл в отставку. Это стало неожиданностью.", "Мэр ушёл в отставку."),
        ("Der Bürgermeister trat zurück. Überraschend kam das nicht.", "Der Bürgermeister trat zurück."),
        ("El alcalde dimitió. Él lo sabía.", "El alcalde dimitió."),
        ("„Das ist gut.“ Er ging.", "„Das ist gut.“"),
        ("Sie sagte: «Es reicht.» Dann ging sie.", "Sie sagte: «Es reicht.»"),
        # a day before its month is no sentence's end
        ("Am 21. Oktober trat der Bürgermeister zurück. Er ging.", "Am 21. Oktober trat der Bürgermeister zurück."),
        ("Dnia 5. května odstoupil. Pak odešel.", "Dnia 5. května odstoupil."),
        # English as before
        ("He scored 21. October was good.", "He scored 21."),
        ("Mr. Smith went to Washington. He met the senator.", "Mr. Smith went to Washington."),
    ],
)
def test_a_sentence_ends_before_a_capital_of_any_alphabet(text, expected):
    assert first_sentence(text) == expected


_LEAD = "The Senate passed the budget bill on Tuesday after a long debate about roads and bridges, aides said."


@pytest.mark.parametrize(
    "dateline",
    [
        "WASHINGTON (Reuters) - ",
        "WASHINGTON, Oct. 21, 2025 (Reuters) — ",
        "LONDON, Oct 21 (Reuters) - ",
        "BEIJING/WASHINGTON (Reuters) - ",
        "KYIV, Ukraine (AP) — ",
        "NEW YORK (AP) — ",
        "WASHINGTON — ",
        "WASHINGTON -- ",
        "WASHINGTON—",
        "HARTFORD, Conn. — ",
        "Washington (CNN)",
        "Washington (CNN) — ",
    ],
)
def test_a_title_from_the_first_sentence_leaves_its_dateline_out(dateline):
    title, source = infer_title_and_source(f"{dateline}{_LEAD} The House is next.\n\nMore.")
    assert (title, source) == (shorten(_LEAD), "first_sentence")
    # a short lead a headline's length too, where the dateline has its credit or its date
    if "(" in dateline or "Oct" in dateline:
        assert infer_title_and_source(f"{dateline}Stocks fell.\n\nMore.") == ("Stocks fell.", "first_sentence")
    # and in other languages
    assert infer_title_and_source("MÜNCHEN (dpa) – Die Polizei hat einen Mann festgenommen. Mehr.\n\nText.") == (
        "Die Polizei hat einen Mann festgenommen.",
        "first_sentence",
    )


@pytest.mark.parametrize(
    "text",
    [
        "EXCLUSIVE — Senate passes budget bill",  # a headline's label
        "EXCLUSIVE-U.S. weighs new sanctions",
        "EXCLUSIVE – Roger Stone: Don’t Trust the Voting Machines.",
        "BREAKING NEWS — The Senate passed the budget bill on Tuesday after a long debate about roads, aides said.",
        "U.S.-China trade talks resume",
        "NATO - the alliance said on Tuesday it would send more troops to the east after a long debate, aides said.",
        "Sen. Smith (D-Ill.) - who voted no - said he would try again next year after a long debate, aides said.",
        "Washington — The city said on Tuesday it would fix more roads and bridges after a long debate, aides said.",
    ],
)
def test_what_only_looks_like_a_dateline_stays_in_the_title(text):
    assert infer_title(f"{text}\n\nMore.") == shorten(first_sentence(text))


def test_long_first_sentence_is_shortened_at_a_word():
    sentence = "The " + "very " * 40 + "long sentence ends here."
    title = infer_title(sentence + " Another one.")
    assert len(title) <= 100 and title.endswith("…") and title.startswith("The very very")
    assert not title[:-1].endswith(" ")


def test_headline_detection_rules():
    assert looks_like_headline("Trump Meets Putin In Helsinki", followed_by_blank=False)
    assert not looks_like_headline(
        "Trump met Putin in Helsinki on Monday and said the talks went well.", followed_by_blank=True
    )
    assert not looks_like_headline("By Jane Roe", followed_by_blank=True)
    assert not looks_like_headline("Here is what we know:", followed_by_blank=True)
    assert not looks_like_headline("One sentence. Another sentence follows here.", followed_by_blank=True)


def test_first_sentence_and_shorten():
    assert first_sentence('He said "no." Then he left.') == 'He said "no."'
    assert first_sentence("Gov. Smith and Dr. Jones met in Washington, D.C. on Monday. Next.") == (
        "Gov. Smith and Dr. Jones met in Washington, D.C. on Monday."
    )
    assert shorten("short") == "short"
    assert shorten("a " * 100, limit=20).endswith("…")


# -- clean_and_infer ----------------------------------------------------------------------------
def test_given_metadata_wins_and_nothing_is_marked_inferred(registry):
    body = " date 2025-10-21 Council Votes\n\nThe council voted. Fox News Digital asked."
    meta = {
        "title": "  Given  Title ",
        "outlet": "nyt",
        "date": "Oct. 1, 2024",
        "url": "https://x.example/a",
        "author": "Jane Roe",
        "story": "bridge",
    }
    text, out, inferred = run(body, meta, registry)
    assert out == {
        "title": "Given Title",
        "outlet": "The New York Times",
        "date": "2024-10-01",
        "url": "https://x.example/a",
        "author": "Jane Roe",
        "story": "bridge",
        "title_source": "given",
    }
    assert inferred == frozenset()
    assert text.startswith("Council Votes")


def test_everything_inferred_is_marked(registry):
    body = "date 2025-10-21\nCouncil Votes to Rebuild Bridge\n\nThe council voted.\n\nFox News' Jane Roe contributed to this report."
    text, out, inferred = run(body, {}, registry)
    assert text == "Council Votes to Rebuild Bridge\n\nThe council voted."
    assert out["outlet"] == "Fox News" and out["date"] == "2025-10-21"
    assert out["title"] == "Council Votes to Rebuild Bridge"
    assert out["url"] is None and out["author"] is None and out["story"] is None
    assert inferred == {"outlet", "date", "title"}


@pytest.mark.parametrize(
    "body, author",
    [
        ("Council Votes to Rebuild Bridge\nBy Jane Roe\n\nThe council voted.", "Jane Roe"),
        ("By JANE ROE and JOHN DOE, Associated Press\n\nThe council voted.", "JANE ROE and JOHN DOE"),
        ("Stadtrat stimmt ab\n\nVon Max Mustermann | dpa\n\nDer Stadtrat hat abgestimmt.", "Max Mustermann"),
        (
            "Le conseil vote\nPar Jean de La Fontaine et Marie Curie\n\nLe conseil a voté.",
            "Jean de La Fontaine et Marie Curie",
        ),
        ("El concejo vota\nPor Juan Pérez\n\nEl concejo votó.", "Juan Pérez"),
        ("Совет проголосовал\nАвтор: Иван Петров\n\nСовет проголосовал.", "Иван Петров"),
        # no byline: a headline that opens with the word, a byline far down in the text
        ("Von der Leyen warnt vor Krieg\n\nText.", None),
        ("Headline\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nBy Jane Roe", None),
    ],
)
def test_a_byline_gives_the_author_when_none_is_given(registry, body, author):
    _, out, inferred = run(body, {}, registry)
    assert out["author"] == author
    assert ("author" in inferred) == (author is not None)
    _, out, inferred = run(body, {"author": "Given Name"}, registry)
    assert out["author"] == "Given Name" and "author" not in inferred


@pytest.mark.parametrize(
    "body, meta, source_name, title, source",
    [
        ("The council voted on Monday.", {"title": "Given"}, "a.txt", "Given", "given"),
        (
            "Council Votes to Rebuild Bridge\n\nThe council voted.",
            {},
            "a.txt",
            "Council Votes to Rebuild Bridge",
            "headline",
        ),
        ("The council voted on Monday. It was late.", {}, "a.txt", "The council voted on Monday.", "first_sentence"),
        ("—\n\n…", {}, "bridge_vote.txt", "bridge vote", "file_name"),
    ],
)
def test_where_a_title_came_from_is_recorded(registry, body, meta, source_name, title, source):
    # Both a headline line and a first sentence were only "inferred: title": a comparison of
    # headlines could not tell a real headline from the article's first sentence cut short.
    _, out, inferred = clean_and_infer(body, meta, source_name=source_name, registry=registry)
    assert (out["title"], out["title_source"]) == (title, source)
    assert ("title" in inferred) == (source != "given")


def test_outlet_from_url_beats_signatures_and_date_from_url(registry):
    body = "The council voted.\n\nA Message from The Moscow Times:\nPlease give."
    text, out, inferred = run(body, {"url": "http://www.foxnews.com/politics/2010/02/20/vote"}, registry)
    assert out["outlet"] == "Fox News" and out["date"] == "2010-02-20"
    assert {"outlet", "date"} <= inferred
    assert "Please give." in text  # the Moscow Times appeal is not a Fox News rule


def test_unknown_outlet_is_kept_and_unparseable_date_is_inferred(registry):
    body = "Published March 3, 2016\n\nThe council voted."
    text, out, inferred = run(body, {"outlet": "Riverside Gazette", "date": "sometime in spring"}, registry)
    assert out["outlet"] == "Riverside Gazette" and "outlet" not in inferred
    assert out["date"] == "2016-03-03" and "date" in inferred


def test_no_outlet_and_no_date_stay_none(registry):
    _, out, inferred = run("The council voted on a plan.", {}, registry)
    assert out["outlet"] is None and out["date"] is None
    assert inferred == {"title"}


def test_title_falls_back_to_the_file_name_when_the_text_has_no_words(registry):
    _, out, inferred = run("… — …", {}, registry)
    assert out["title"] == "story file" and "title" in inferred


def test_yaml_typed_metadata_is_accepted(registry):
    _, out, _ = run("Text.", {"date": dt.date(2010, 2, 20), "title": 1984, "story": 7}, registry)
    assert out["date"] == "2010-02-20" and out["title"] == "1984" and out["story"] == "7"


def test_seeds_are_inferred_without_metadata(registry):
    fox = (SEEDS / "000_d35029dd94d24c05.txt").read_text(encoding="utf-8")
    mt = (SEEDS / "004_5af44beeb4aa5335.txt").read_text(encoding="utf-8")
    _, fox_meta, fox_inferred = run(fox, {}, registry)
    _, mt_meta, _ = run(mt, {}, registry)
    assert fox_meta["outlet"] == "Fox News" and fox_meta["date"] == "2025-10-21"
    assert fox_meta["title"].startswith("President Donald Trump has no plans to meet")
    assert len(fox_meta["title"]) <= 100
    assert fox_inferred == {"outlet", "date", "title"}
    assert mt_meta["outlet"] == "The Moscow Times"
    assert mt_meta["title"].startswith("U.S. President Donald Trump has no immediate plans")


def test_tidy_whitespace_keeps_every_word_and_line():
    raw = "\r\n  First\u00a0line\t with   spaces  \r\n\r\n\r\n\r\nSecond\u200b line\rThird\n\n"
    assert tidy_whitespace(raw) == "First line with spaces\n\nSecond line\nThird"


def test_tidy_whitespace_shortcuts_give_what_the_full_passes_give():
    # tidy_whitespace skips a pass when a substring test shows nothing to change: the result
    # must be the one of always running every pass.
    import random
    import re

    def every_pass(text):
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
        text = text.replace("\u2029", "\n\n")
        text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
        text = re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text)
        text = re.sub(r" ?\n ?", "\n", text)
        return re.sub(r"\n{3,}", "\n\n", text).strip(" \n")

    rng = random.Random(13)
    alphabet = list("ab. \t\n\r\u00a0\u2003\u200a\u200b\u2028\u2029\ufeff\u3000\u202f“é")
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert tidy_whitespace(text) == every_pass(text), repr(text)


def test_markup_like_text_passes_unchanged(registry):
    body = "The [bold]council[/bold] voted [@click=app.quit]now[/] on $5."
    text, _, _ = run(body, {}, registry)
    assert text == body


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian: part of the spelling
        ("\u0915\u094d\u200d\u0937", "\u0915\u094d\u200d\u0937"),  # Devanagari: after a virama (a mark)
        ("\u0915\u094d\u200c\u0937", "\u0915\u094d\u200c\u0937"),
        ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),  # one family
        ("🏳\ufe0f\u200d🌈", "🏳\ufe0f\u200d🌈"),  # after the presentation selector
        ("👍\U0001f3fd\u200d👍", "👍\U0001f3fd\u200d👍"),  # after a skin tone
        ("Tr\u200dump", "Trump"),  # a Latin name: only there to defeat search
        ("Tr\u200cump", "Trump"),
        ("م\u200cx", "مx"),  # between two scripts
        ("می\u200c\u200cخواهم", "میخواهم"),  # a run is never a spelling
        ("\u200cمی", "می"),
        ("می\u200c", "می"),
        ("👨\u200c👩", "👨👩"),  # the non-joiner joins no emoji
        ("a\u200d👩", "a👩"),
        ("1\u200c 2", "1 2"),
    ],
)
def test_joiners_are_kept_only_inside_a_word_or_an_emoji(raw, kept):
    assert tidy_whitespace(f"x {raw} y") == f"x {kept} y"
    text, meta, _ = clean_and_infer(f"Body {raw}.", {"title": f"T {raw}", "author": raw}, source_name="a.txt")
    assert text == f"Body {kept}."
    assert meta["title"] == f"T {kept}" and meta["author"] == kept


_REPORT = "The Senate passed the bill on a close vote after a long debate about the roads, officials said.\n"


@pytest.mark.parametrize(
    "opening",
    [
        "Senate passes budget bill\n\n",
        "Senate passes budget bill\n",
        "Senate passes budget bill\n\nBy Jane Roe\n\n",
        "Senate passes budget bill\n\nLawmakers worked through the night\n\nBy Jane Roe, Staff Writer\n",
        "Senate passes budget bill\n\nUpdated 5 mins ago\n\n",
    ],
)
def test_a_dateline_after_the_headline_or_the_byline_dates_the_text_as_on_the_first_line(opening):
    assert date_from_text(f"{opening}WASHINGTON, Oct. 21, 2025 (Reuters) - {_REPORT}") == "2025-10-21"
    # its date without the year outranks the "Updated" line that gives the year, as on the first line
    text = f"{opening}WASHINGTON, Oct. 21 (Reuters) - {_REPORT}\nUpdated Oct. 22, 2025\n"
    assert date_from_text(text) == "2025-10-21"


def test_a_dateline_deep_in_the_text_dates_nothing():
    """A roundup's later entry ("LONDON, Oct. 19 (Reuters) -") is no dateline of the article."""
    paragraphs = "".join(f"Paragraph {n} of the reporting goes on.\n\n" for n in range(6))
    assert (
        date_from_text(f"Senate passes budget bill\n\n{paragraphs}LONDON, Oct. 19, 2025 (Reuters) - {_REPORT}") is None
    )
    # nor one after the first paragraph, however near the start
    text = f"Senate passes budget bill\n\n{_REPORT.strip()} {_REPORT}\nLONDON, Oct. 19, 2025 (Reuters) - {_REPORT}"
    assert date_from_text(text) is None


# -- what scraped pages open and end with ----------------------------------------------------------
_BODY = (
    "The Senate passed the bill on a close vote after a long debate about the roads, officials said.\n\n"
    "The House is expected to take it up next week, its leaders said in a statement.\n"
)


@pytest.mark.parametrize(
    "opening, date, author, outlet",
    [
        # a byline with its role, its outlet, or its date on the same line
        ("Senate passes budget bill\n\nBy Jane Roe, Staff Writer\n\n", None, "Jane Roe", None),
        ("Senate passes budget bill\n\nBy Jane Roe and John Doe, CNN\n\n", None, "Jane Roe and John Doe", "CNN"),
        ("Senate passes budget bill\n\nBy Jane Roe | Fox News\n\n", None, "Jane Roe", "Fox News"),
        ("Senate passes budget bill\n\nBy JANE ROE Associated Press\n\n", None, "JANE ROE", "Associated Press"),
        ("Senate passes budget bill\n\nJane Roe and John Doe | Reuters\n\n", None, "Jane Roe and John Doe", "Reuters"),
        ("Jane Roe and John Doe | Reuters\n\nSenate passes budget bill\n\n", None, "Jane Roe and John Doe", "Reuters"),
        # one name over its outlet, below the headline (and its subhead)
        ("Senate passes budget bill\n\nJane Roe | Reuters\n\n", None, "Jane Roe", "Reuters"),
        (
            "Senate passes budget bill\nLawmakers worked through the night\nJean-Luc Roe | Reuters\n",
            None,
            "Jean-Luc Roe",
            "Reuters",
        ),
        ("Senate passes budget bill\n\nJane Roe | Associated Press\n\n", None, "Jane Roe", "Associated Press"),
        ("Senate passes budget bill\n\nBy Jane Roe | Oct. 21, 2025\n\n", "2025-10-21", "Jane Roe", None),
        ("By Jane Roe | October 21, 2025 10:05 AM ET\n\nSenate passes budget bill\n\n", "2025-10-21", "Jane Roe", None),
        ("Senate passes budget bill\n\nPosted by Jane Roe on October 21, 2025\n\n", "2025-10-21", "Jane Roe", None),
        ("Senate passes budget bill\n\nWritten by Jane Roe\n\n", None, "Jane Roe", None),
        ("Senate passes budget bill\n\nBy Jane Roe-O’Hara\n\n", None, "Jane Roe-O’Hara", None),
        # a label with its colon (Meduza's "Текст:"), Der Spiegel's "Ein Artikel von"
        ("Senate passes budget bill\n\nText: Jane Roe\n\n", None, "Jane Roe", None),
        ("Senate passes budget bill\n\nТекст: Иван Петров\n\n", None, "Иван Петров", None),
        (
            "Senate passes budget bill\n\nEin Artikel von Max Mustermann und Erika Musterfrau\n\n",
            None,
            "Max Mustermann und Erika Musterfrau",
            None,
        ),
        ("Senate passes budget bill\n\nBy Jane Roe, Contributor\n\n", None, "Jane Roe", None),
        ("Senate passes budget bill\n\nBy Jane Roe, The Washington Post\n\n", None, "Jane Roe", "The Washington Post"),
        ("Senate passes budget bill\n\nOctober 21, 2025 by Jane Roe\n\n", "2025-10-21", "Jane Roe", None),
        (
            "Senate passes budget bill\n\nLast Modified: Tuesday, 21 October 2025 10:05 GMT\n\n",
            "2025-10-21",
            None,
            None,
        ),
        ("Senate passes budget bill\n\nBy Jane Roe\nOctober 21, 2025 · 5 min read\n\n", "2025-10-21", "Jane Roe", None),
        # AP's credit on the line below its byline, an outlet the registry knows
        ("Senate passes budget bill\n\nBy JANE ROE\nAssociated Press\n\n", None, "JANE ROE", "Associated Press"),
        ("Senate passes budget bill\n\nBy Jane Roe\nThe Busy Gazette\n\n", None, "Jane Roe", None),
        # the BBC's buttons between its headline and its byline, no lines the byline must come within
        (
            "Senate passes budget bill\n\nShare\nSave\nListen\nCopy link\n\n"
            "Jane Roe\nBBC News, Washington\n\n21 October 2025\n\n",
            "2025-10-21",
            "Jane Roe",
            None,
        ),
        (
            "Senate passes budget bill\n\nShare | Save\nListen\nPrint\nCopy link\nBy Jane Roe\n\n",
            None,
            "Jane Roe",
            None,
        ),
        # a photo credit between the headline and the byline, not counted among the lines it may follow
        ("Senate passes budget bill\n\nPhoto: John Smith/AP\n\nBy Jane Roe\n\n", None, "Jane Roe", None),
        (
            "Senate passes budget bill\n\nLawmakers worked through the night\n\n(Photo by John Smith/Getty Images)\n\n"
            "Senators leave the chamber.\n\nBy Jane Roe\n\n",
            None,
            "Jane Roe",
            None,
        ),
    ],
)
def test_a_scraped_page_s_byline_and_date_lines_are_read(registry, opening, date, author, outlet):
    _, out, _ = run(opening + _BODY, {}, registry)
    assert (out["title"], out["date"], out["author"], out["outlet"]) == (
        "Senate passes budget bill",
        date,
        author,
        outlet,
    )


@pytest.mark.parametrize(
    "credit, author",
    [
        ("(Reporting by Jane Roe; Editing by Tom Brown)", "Jane Roe"),
        (
            "(Reporting by Jason Lange and Dustin Volz; Additional reporting by Ann Lee in Boston)",
            "Jason Lange and Dustin Volz",
        ),
        (
            "Reporting by Amanda Becker in Washington; Writing by Luciana Lopez; Editing by Matthew Lewis",
            "Amanda Becker",
        ),
        ("Reporting by Jane Roe, Writing by John Doe", "Jane Roe"),
        ("(Writing by Jane Roe; Editing by John Doe)", "Jane Roe"),
        # who wrote it up, after those who helped report it, in the same brackets
        ("(Additional reporting by Ann Lee in Boston; Writing by John Doe; Editing by Tom Brown)", "John Doe"),
        ("(Reporting by Jane Roe; Writing by John Doe; Editing by Tom Brown)", "Jane Roe"),
        # who helped is no author, nor reporting done by an institution
        ("(Additional reporting by Ann Lee; Editing by Tom Brown)", None),
        ("Reporting by the Times found that the bill had been rewritten.", None),
    ],
)
def test_a_wire_story_s_reporting_credit_gives_its_author(registry, credit, author):
    _, out, inferred = run(f"Senate passes budget bill\n\n{_BODY}\n{credit}\n", {}, registry)
    assert out["author"] == author and ("author" in inferred) == (author is not None)


@pytest.mark.parametrize(
    "last_line, author",
    [
        ("The vote was close. (Reporting by Jane Roe in Washington; Editing by Tom Brown.)", "Jane Roe"),
        ("The vote was close. (Additional reporting by Ann Lee; Writing by John Doe)", "John Doe"),
        # the words in a sentence, no credit in brackets
        ("The vote was close. Reporting by Jane Roe was cited.", None),
    ],
)
def test_a_reporting_credit_after_the_last_sentence_on_its_line_gives_its_author(registry, last_line, author):
    _, out, _ = run(f"Senate passes budget bill\n\n{_BODY}\n{last_line}\n", {}, registry)
    assert out["author"] == author


def test_a_byline_outranks_the_reporting_credit():
    text = f"Senate passes budget bill\n\nBy Jane Roe\n\n{_BODY}\n(Reporting by John Doe; Editing by Tom Brown)\n"
    assert author_from_text(text) == "Jane Roe"


@pytest.mark.parametrize(
    "byline, author, outlet",
    [
        # the outlet after the name, then the place: neither is an author
        ("By Jane Roe, BBC News, Washington", "Jane Roe", "BBC News"),
        ("By Jane Roe, BBC News, in Washington", "Jane Roe", "BBC News"),
        ("By Jane Roe, CNN, Washington, DC", "Jane Roe", "CNN"),
        ("By Jane Roe, Associated Press, Washington", "Jane Roe", "Associated Press"),
        ("By Jane Roe, The Guardian", "Jane Roe", "The Guardian"),
        ("By Jane Roe, The Atlantic, Washington", "Jane Roe", "The Atlantic"),
        ("By Jane Roe, Washington", "Jane Roe", None),  # one word after a name: a place, or an outlet
        ("By Jane Roe, Bloomberg", "Jane Roe", "Bloomberg"),
        ("By Martin Luther King, Jr.", "Martin Luther King, Jr.", None),  # a suffix is the name's
        # AP's bylines: the agency, or its initials, is the outlet and no one's name, nor a word alone
        ("By JANE ROE Associated Press", "JANE ROE", "Associated Press"),
        ("By JANE ROE AP", "JANE ROE", "Associated Press"),
        ("By JANE ROE and JOHN DOE Associated Press", "JANE ROE and JOHN DOE", "Associated Press"),
        ("By JANE ROE\nAP", "JANE ROE", "Associated Press"),
        ("By Jane Roe\nBBC News, Washington", "Jane Roe", "BBC News"),
        ("By The Associated Press", None, "Associated Press"),
        ("By AP", None, "Associated Press"),
        ("By ROE AP", None, None),
        ("By ROE", None, None),
        # an outlet in capitals after a name, the outlet one writes for, an outlet the registry knows
        ("By Jane Roe USA TODAY", "Jane Roe", "USA Today"),
        ("By JANE ROE FOR DAILYMAIL.COM", "JANE ROE", "Daily Mail"),
        ("By JANE ROE FOR DAILYMAIL.COM and JOHN DOE", "JANE ROE and JOHN DOE", "Daily Mail"),
        ("By Jane Roe, for the Daily Mail", "Jane Roe", "Daily Mail"),
        ("By Jane Roe For Mailonline", "Jane Roe", "Daily Mail"),
        ("By Jane Roe, Washington Examiner", "Jane Roe", "Washington Examiner"),
        ("By Jane Roe, Texas Tribune", "Jane Roe", None),  # a newspaper's word
        # the Financial Times' way: the names and where they write from
        ("By Jane Roe in London and John Doe in Washington", "Jane Roe and John Doe", None),
        # an outlet the registry knows right after the names, no separator between
        ("By Jane Roe The Washington Post", "Jane Roe", "The Washington Post"),
        ("By Jane Roe and John Doe The New York Times", "Jane Roe and John Doe", "The New York Times"),
        ("By Jane Roe Daily Mail", "Jane Roe", "Daily Mail"),
        ("By Jane Roe Hill", "Jane Roe Hill", None),  # one word may end a name
        # AP's role after the names in capitals or after a comma: the agency is the outlet
        ("By JANE ROE Associated Press Writer", "JANE ROE", "Associated Press"),
        ("By JANE ROE AP Business Writer", "JANE ROE", "Associated Press"),
        ("By JANE ROE Associated Press Medical Writer", "JANE ROE", "Associated Press"),
        ("By JANE ROE and JOHN DOE Associated Press Writers", "JANE ROE and JOHN DOE", "Associated Press"),
        ("By JANE ROE AP Writer", "JANE ROE", "Associated Press"),
        ("By Jane Roe, AP Business Writer", "Jane Roe", "Associated Press"),
        ("By Jane Roe, Fox News Contributor", "Jane Roe", "Fox News"),
        # the outlet after the byline's date, a credit's words: with the date and the author
        ("By Jane Roe | Oct. 21, 2025 | Reuters", "Jane Roe", "Reuters"),
        ("By Jane Roe | Published Oct. 21, 2025 | Fox News", "Jane Roe", "Fox News"),
    ],
)
def test_a_byline_s_outlet_and_place_are_no_author(registry, byline, author, outlet):
    _, out, _ = run(f"Senate passes budget bill\n\n{byline}\n\n{_BODY}", {}, registry)
    assert (out["title"], out["author"], out["outlet"]) == ("Senate passes budget bill", author, outlet)


@pytest.mark.parametrize(
    "byline, author, outlet",
    [
        # the place a writer writes from, after a comma, though its first word is no name's
        ("By Jane Roe, Los Angeles", "Jane Roe", None),
        ("By Jane Roe, El Paso, Texas", "Jane Roe", None),
        ("By Jane Roe and John Doe, Las Vegas", "Jane Roe and John Doe", None),
        ("By Jane Roe, Los Angeles Times", "Jane Roe", "Los Angeles Times"),  # a newspaper's word
        # AP's credit after the last of names in capitals between commas
        ("By JANE ROE, JOHN DOE Associated Press Writers", "JANE ROE, JOHN DOE", "Associated Press"),
        ("By JANE ROE, JOHN DOE AP", "JANE ROE, JOHN DOE", "Associated Press"),
        # two names between commas are two people's
        ("By Jane Roe, John Doe", "Jane Roe, John Doe", None),
    ],
)
def test_a_byline_s_place_and_credit_after_commas(registry, byline, author, outlet):
    _, out, _ = run(f"Senate passes budget bill\n\n{byline}\n\n{_BODY}", {}, registry)
    assert (out["title"], out["author"], out["outlet"]) == ("Senate passes budget bill", author, outlet)


@pytest.mark.parametrize(
    "byline, author, outlet",
    [
        # names in capitals joined by "AND" in capitals, as AP and the Daily Mail write them
        ("By JANE ROE AND JOHN DOE", "JANE ROE AND JOHN DOE", None),
        ("By JANE ROE, JOHN DOE AND ANN LEE", "JANE ROE, JOHN DOE AND ANN LEE", None),
        ("By JANE ROE AND JOHN DOE, Associated Press", "JANE ROE AND JOHN DOE", "Associated Press"),
        ("By JANE ROE AND JOHN DOE Associated Press Writers", "JANE ROE AND JOHN DOE", "Associated Press"),
        ("By JANE ROE FOR DAILYMAIL.COM AND JOHN DOE", "JANE ROE AND JOHN DOE", "Daily Mail"),
        # a staff byline names a desk, no person: no author, nor the desk as one
        ("By Staff", None, None),
        ("By Staff Reporter", None, None),
        ("By STAFF WRITER", None, None),
        ("By Times Staff", None, None),
        ("By Staff | Fox News", None, "Fox News"),
    ],
)
def test_a_byline_in_capitals_with_and_names_its_people_and_a_staff_byline_no_one(registry, byline, author, outlet):
    _, out, _ = run(f"Senate passes budget bill\n\n{byline}\n\n{_BODY}", {}, registry)
    assert (out["title"], out["author"], out["outlet"]) == ("Senate passes budget bill", author, outlet)


@pytest.mark.parametrize(
    "byline, author, outlet",
    [
        # an agency joined to the names as one more writer: the writer, and the agency as the
        # source ("By JANE ROE AND ASSOCIATED PRESS" gave no author, all of it a credit)
        ("By Jane Roe and Associated Press", "Jane Roe", "Associated Press"),
        ("By JANE ROE AND ASSOCIATED PRESS", "JANE ROE", "Associated Press"),
        ("By Jane Roe and John Doe and Reuters", "Jane Roe and John Doe", "Reuters"),
        ("By Jane Roe, John Doe and Associated Press", "Jane Roe, John Doe", "Associated Press"),
        ("By Jane Roe and AP", "Jane Roe", "Associated Press"),  # was "Jane Roe and"
        # AP's initials after names in capitals (was no author and no source)
        ("By JANE ROE AND AP", "JANE ROE", "Associated Press"),
        ("By JANE ROE AND JOHN DOE AND AP", "JANE ROE AND JOHN DOE", "Associated Press"),
        # the staff joined to the agency or named with it: no author, the agency the source
        # (was no source: "Staff and Associated Press" as the credit, no outlet's name)
        ("By Staff and Associated Press", None, "Associated Press"),
        ("By Staff and AP", None, "Associated Press"),
        ("By STAFF AND AP", None, "Associated Press"),
        ("By AP Staff", None, "Associated Press"),
        ("By Reuters Staff", None, "Reuters"),
    ],
)
def test_an_agency_joined_to_a_byline_s_names_is_its_source_and_no_author(registry, byline, author, outlet):
    _, out, _ = run(f"Senate passes budget bill\n\n{byline}\n\n{_BODY}", {}, registry)
    assert (out["title"], out["author"], out["outlet"]) == ("Senate passes budget bill", author, outlet)


@pytest.mark.parametrize(
    "byline, author",
    [
        # the joiners of German, French and Spanish bylines, in small letters and, between
        # names in capitals, in capitals (those were one name too long: no author)
        ("Von Hans Meier und Eva Roth", "Hans Meier und Eva Roth"),
        ("Von HANS MEIER UND EVA ROTH", "HANS MEIER UND EVA ROTH"),
        ("Par Jean Dupont et Marie Curie", "Jean Dupont et Marie Curie"),
        ("Par JEAN DUPONT ET MARIE CURIE", "JEAN DUPONT ET MARIE CURIE"),
        ("Por Ana López y Juan Pérez", "Ana López y Juan Pérez"),
        ("Por ANA LÓPEZ Y JUAN PÉREZ", "ANA LÓPEZ Y JUAN PÉREZ"),
        ("Von HANS MEIER UND EVA ROTH, dpa", "HANS MEIER UND EVA ROTH"),
    ],
)
def test_a_byline_s_names_joined_by_und_et_or_y_are_its_authors(registry, byline, author):
    _, out, _ = run(f"Senate passes budget bill\n\n{byline}\n\n{_BODY}", {}, registry)
    assert (out["title"], out["author"]) == ("Senate passes budget bill", author)


@pytest.mark.parametrize(
    "line", ["VON KINDERN UND ELTERN", "Par Amour et Devoir", "POR ESPAÑA Y EUROPA", "By ROMEO Y JULIETA"]
)
def test_single_words_joined_after_von_par_or_por_are_a_headline_no_author(registry, line):
    # a headline's words after "Von", "Par", "Por" were taken for a byline's names: the line was
    # no title and its words the author
    _, out, _ = run(f"{line}\n\n{_BODY}", {}, registry)
    assert (out["title"], out.get("author")) == (line, None)


@pytest.mark.parametrize(
    "byline, author",
    [
        ("By Reuters and AFP", None),
        ("By Jane Roe, Reuters and AFP", "Jane Roe"),
        ("By Jane and John Doe", "Jane and John Doe"),
    ],
)
def test_agencies_joined_by_and_are_no_author(registry, byline, author):
    # "By Reuters and AFP" gave the author "Reuters and"
    _, out, _ = run(f"Senate passes budget bill\n\n{byline}\n\n{_BODY}", {}, registry)
    assert (out["title"], out.get("author")) == ("Senate passes budget bill", author)


@pytest.mark.parametrize("headline", ["BY LAND AND SEA", "By Land And Sea", "By MARY AND JOHN"])
def test_a_headline_in_capitals_with_and_is_no_byline(registry, headline):
    _, out, _ = run(f"{headline}\n\n{_BODY}", {}, registry)
    assert (out["title"], out["author"]) == (headline, None)


_PARTY_BODY = (
    "Party leaders met state officials on Monday to settle the budget, the state's party chair said.\n\n"
    "The House is expected to take it up next week, its leaders said in a statement.\n"
)


@pytest.mark.parametrize("headline", ["BY PARTY LEADERS AND STATE OFFICIALS", "By PARTY LEADERS AND STATE OFFICIALS"])
def test_a_headline_in_capitals_whose_words_the_text_writes_in_small_letters_is_no_byline(registry, headline):
    # "PARTY LEADERS" and "STATE OFFICIALS" read as two names in capitals joined by AND: the text
    # writes "party leaders" and "state officials", words no one's name is
    text, out, _ = run(f"{headline}\n\n{_PARTY_BODY}", {}, registry)
    assert (out["title"], out["author"]) == (headline, None)
    text, out, _ = run(f"Senate passes budget bill\n\n{headline}\n\n{_PARTY_BODY}", {}, registry)
    assert (out["title"], out["author"]) == ("Senate passes budget bill", None) and headline in text


@pytest.mark.parametrize("headline", ["BY PARTY LEADERS AND STATE OFFICIALS", "BY NEW RULES AND OLD HABITS"])
def test_a_line_all_in_capitals_with_and_is_a_headline_whatever_its_text(registry, headline):
    # "BY" in capitals too: the headline's, where AP writes "By JANE ROE AND JOHN DOE"
    _, out, _ = run(f"{headline}\n\n{_BODY}", {}, registry)
    assert (out["title"], out["author"]) == (headline, None)


@pytest.mark.parametrize("byline", ["By JANE ROE AND JOHN YOUNG", "By MARK STATE AND JOHN DOE"])
def test_names_in_capitals_with_a_word_the_text_writes_in_small_letters_are_still_names(registry, byline):
    # "young", "state" are in the text, but "john" and "mark" are not both a name's words there
    text, out, _ = run(f"Senate passes budget bill\n\n{byline}\n\n{_PARTY_BODY}", {}, registry)
    assert out["author"] == byline.removeprefix("By ") and "JOHN" not in text


@pytest.mark.parametrize(
    "byline",
    [
        "By \u200fJane Roe\u200f",  # a right-to-left page's marks round the name
        "\u202bBy Jane Roe\u202c",  # an embedding round the line
        "By \u2067Jane Roe\u2069",  # an isolate
        "By Jane\u200e Roe",
        "By \u202eJane Roe",  # an override: shown as nothing, kept from the author
    ],
)
def test_a_byline_with_bidi_controls_names_its_author_without_them(registry, byline):
    text, out, _ = run(f"Senate passes budget bill\n\n{byline}\n\n{_BODY}", {}, registry)
    assert (out["title"], out["author"]) == ("Senate passes budget bill", "Jane Roe")
    assert "Jane" not in text  # the byline line is the author's, no part of the text


@pytest.mark.parametrize(
    "byline", ["Jane Roe\u200f | Reuters", "\u2067Jane Roe\u2069 in Washington", "Jane Roe\u200e\nUSA TODAY"]
)
def test_a_byline_without_its_word_names_its_author_without_bidi_controls(registry, byline):
    # "Jane Roe\u200e" over "USA TODAY" was the author with its mark: two authors that read the same
    _, out, _ = run(f"Council passes the budget\n\n{byline}\n\n{_BODY}", {}, registry)
    assert out["author"] == "Jane Roe"


def test_a_headline_opening_with_by_and_a_small_word_is_no_byline(registry):
    _, out, _ = run(f"By Land, By Sea\n\n{_BODY}", {}, registry)
    assert (out["title"], out["author"]) == ("By Land, By Sea", None)


@pytest.mark.parametrize(
    "byline, outlet, author",
    [
        # an outlet the registry does not know, named by the article's own metadata
        ("By Jane Roe, Mother Jones", "Mother Jones", "Jane Roe"),
        ("By Jane Roe and John Doe, Mother Jones, Washington", "Mother Jones", "Jane Roe and John Doe"),
        ("By Jane Roe, The Mother Jones", "Mother Jones", "Jane Roe"),
        # another outlet's name, or no outlet, and the names are two people's
        ("By Jane Roe, Mother Jones", "The Nation", "Jane Roe, Mother Jones"),
        ("By Jane Roe, John Doe", "Mother Jones", "Jane Roe, John Doe"),
    ],
)
def test_the_article_s_own_outlet_after_a_name_is_no_author(registry, byline, outlet, author):
    _, out, _ = run(f"Senate passes budget bill\n\n{byline}\n\n{_BODY}", {"outlet": outlet}, registry)
    assert (out["outlet"], out["author"]) == (outlet, author)


@pytest.mark.parametrize(
    "byline, author",
    [
        ("By bell hooks and Jane Roe", "bell hooks and Jane Roe"),
        ("By Jane Roe, bell hooks and John Doe", "Jane Roe, bell hooks and John Doe"),
        ("Von max mustermann und Erika Muster", "max mustermann und Erika Muster"),
        # words in small letters that are no one's name
        ("By staff and wire reports", None),
        ("By Jane Roe and staff reports", None),
        ("By Jane Roe and the senate", None),  # "senate" is in the text
        ("By the way Jane Roe", None),
    ],
)
def test_a_name_in_small_letters_in_a_byline_is_a_name(registry, byline, author):
    _, out, _ = run(f"Senate passes budget bill\n\n{byline}\n\n{_BODY}", {}, registry)
    assert out["author"] == author


@pytest.mark.parametrize(
    "headline",
    [
        "Senate Passes Budget Bill | Reuters",  # one "name": a headline's words as often
        "By The Numbers | Reuters",
    ],
)
def test_a_headline_with_its_site_s_name_is_no_byline(registry, headline):
    _, out, _ = run(f"{headline}\n\n{_BODY}", {}, registry)
    assert out["title"] == headline and out["author"] is None


def test_a_name_over_the_date_needs_a_headline_of_three_words_above(registry):
    assert author_from_text("Budget passes\n\nJane Roe\n\n21 Oct 2025\n\nThe Senate voted.", registry=registry) is None
    assert author_from_text(
        "Budget bill passes\n\nJane Roe\n\n21 Oct 2025\n\nThe Senate voted.", registry=registry
    ) == ("Jane Roe")


@pytest.mark.parametrize(
    "opening",
    [
        # a headline's words the text writes in small letters, in some form ("voted")
        "Senate passes budget bill\n\nSenate Votes | Reuters\n\n",
        "Senate passes budget bill\n\nHouse Leaders | Reuters\n\n",
        # below a section's name, not a headline; below a headline with its site's name
        "Politics\n\nJane Roe | Reuters\n\n",
        "Senate passes budget bill | Reuters\n\nJane Roe | Reuters\n\n",
        # an outlet the registry does not know, words no name has
        "Senate passes budget bill\n\nJane Roe | Riverside Gazette\n\n",
        "Senate passes budget bill\n\nThe Senate | Reuters\n\n",
        "Senate passes budget bill\n\nBudget Talks Resume In Senate | Reuters\n\n",
    ],
)
def test_one_name_over_an_outlet_is_read_only_where_no_headline_may_be(registry, opening):
    """ "Jane Roe | Reuters" is a headline's shape too: below the headline only, and no words of
    the text's in it."""
    _, out, _ = run(f"{opening}{_BODY}", {}, registry)
    assert out["author"] is None and out["outlet"] is None


@pytest.mark.parametrize(
    "body, author",
    [
        # the Guardian's byline: names, "in", a place
        ("Senate passes budget bill\nJane Roe in Washington\n\nThe Senate voted late.", "Jane Roe"),
        (
            "Senate passes budget bill\n\nJane Roe and John Doe in New York\n\nThe Senate voted.",
            "Jane Roe and John Doe",
        ),
        # hyphenated first names
        ("Senate passes budget bill\nJean-Luc Roe in Paris\n\nThe Senate voted late.", "Jean-Luc Roe"),
        (
            "Senate passes budget bill\nMary-Ann Doe and John Doe in Kyiv\n\nThe Senate voted.",
            "Mary-Ann Doe and John Doe",
        ),
        ("Senate passes budget bill\nBy Jean-Luc Roe\n\nThe Senate voted late.", "Jean-Luc Roe"),
        # a name alone over an outlet's name the registry knows
        ("Senate passes budget bill\nJane Roe\nUSA TODAY\n\nThe Senate voted late.", "Jane Roe"),
        # the Guardian's with several places, or with agencies
        (
            "Senate passes budget bill\nJane Roe in Paris and John Doe in Kyiv\n\nThe Senate voted.",
            "Jane Roe and John Doe",
        ),
        (
            "Senate passes budget bill\nJane Roe and John Doe in Paris and Kyiv\n\nThe Senate voted.",
            "Jane Roe and John Doe",
        ),
        (
            "Senate passes budget bill\nJane Roe, John Doe and Ann Lee in Washington\n\nThe Senate voted.",
            "Jane Roe, John Doe and Ann Lee",
        ),
        ("Senate passes budget bill\nJane Roe in Washington and agencies\n\nThe Senate voted.", "Jane Roe"),
        ("Senate passes budget bill\nJane Roe and agencies\n\nThe Senate voted.", "Jane Roe"),
        ("Senate passes budget bill\nGuardian staff and agencies\n\nThe Senate voted.", None),
        ("Senate passes budget bill\nObama Speaks in Ohio and Iowa\n\nThe Senate voted.", None),
        # the BBC's: the name over its outlet and place, or role and outlet
        (
            "Senate passes budget bill\n\n21 October 2025\n\nJane Roe\n\nBBC News, Washington\n\nThe Senate voted.",
            "Jane Roe",
        ),
        ("Senate passes budget bill\nJane Roe\nBusiness reporter, BBC News\n\nThe Senate voted late.", "Jane Roe"),
        ("Senate passes budget bill\nJane Roe\nRiverside Gazette, Washington\n\nThe Senate voted late.", None),
        # a name alone over the date line (the Guardian's opinion pages, Breitbart's)
        ("Senate passes budget bill\n\nJane Roe\n\nTue 21 Oct 2025 10.05 BST\n\nThe Senate voted late.", "Jane Roe"),
        ("Senate passes budget bill\n\nJane Roe\n\n2 hours ago\n\nThe Senate voted late.", "Jane Roe"),
        # not a subheading, a topic the report is about, under a short headline
        ("Senate passes budget bill\n\nSenate Votes\n\n21 Oct 2025\n\nThe Senate voted late.", None),
        ("Senate passes budget bill\n\nDonald Trump\n\n21 Oct 2025\n\nThe Senate voted as Trump asked.", None),
        ("Senate passes budget bill\n\nWhite House\n\n21 Oct 2025\n\nThe Senate voted as the House asked.", None),
        ("Senate passes budget bill\n\nLive Updates\n\n21 Oct 2025\n\nThe Senate voted; updates follow.", None),
        # no author: an unknown outlet under the name, an outlet over one, a title-case subheading
        ("Senate passes budget bill\nJane Roe\nRiverside Gazette\n\nThe Senate voted.", None),
        ("Senate passes budget bill\nFox News\nUSA TODAY\n\nThe Senate voted.", None),
        ("Senate Passes Budget Bill\nProtests Spread in Ferguson\n\nThe protests spread on Monday.", None),
    ],
)
def test_a_byline_without_its_word_below_the_headline_gives_the_author(registry, body, author):
    _, out, _ = run(body, {}, registry)
    assert out["author"] == author
    assert out["title"] == "Senate passes budget bill" or out["title"] == "Senate Passes Budget Bill"


@pytest.mark.parametrize(
    "headline",
    ["Jane Roe in Washington", "Obama Speaks in Ohio", "Jane Roe"],
)
def test_a_headline_that_reads_as_a_byline_stays_the_title(registry, headline):
    _, out, _ = run(f"{headline}\nUSA TODAY\n\n{_BODY}", {}, registry)
    assert out["title"] == headline and out["author"] is None


def test_a_byline_before_its_outlet_opening_the_text_is_no_title(registry):
    _, out, _ = run(f"By Jane Roe The Washington Post\n\nSenate passes budget bill\n\n{_BODY}", {}, registry)
    assert (out["title"], out["author"], out["outlet"]) == (
        "Senate passes budget bill",
        "Jane Roe",
        "The Washington Post",
    )


@pytest.mark.parametrize(
    "headline",
    [
        "By The Numbers The Washington Post",  # no name has "The"
        "By Late Monday The New York Times",  # nor a day's name
        "BY THE NUMBERS Staff Writer Says",
    ],
)
def test_a_headline_before_an_outlet_s_name_is_no_byline(registry, headline):
    _, out, _ = run(f"{headline}\n\n{_BODY}", {}, registry)
    assert (out["title"], out["author"], out["outlet"]) == (headline, None, None)


def test_a_section_after_the_byline_s_date_is_no_outlet(registry):
    """After the date, a credit's words only: "Politics" may be the page's section (the line is
    left alone, as before)."""
    _, out, _ = run(f"Senate passes budget bill\n\nBy Jane Roe | Oct. 21, 2025 | Politics\n\n{_BODY}", {}, registry)
    assert (out["author"], out["outlet"]) == (None, None)


@pytest.mark.parametrize("headline", ["By Popular Demand For Now", "By Popular Demand For The Ages"])
def test_a_title_case_headline_with_for_is_no_daily_mail_byline(registry, headline):
    _, out, _ = run(f"{headline}\n\n{_BODY}", {}, registry)
    assert out["title"] == headline and out["author"] is None


@pytest.mark.parametrize("byline", ["By Jane Roe | Reuters", "By Jane Roe | Oct. 21, 2025 | Reuters"])
def test_a_byline_s_credit_after_a_separator_is_the_outlet_alone(registry, byline):
    # The rule for an outlet right after the names read "| Reuters" as a two-word outlet.
    from reader.corpus.infer import byline_credit

    assert byline_credit(f"{byline}\n\n{_BODY}", registry) == "Reuters"


BODY = "Home Depot missed Wall Street's sales forecast on Tuesday, and its shares fell.\n"


@pytest.mark.parametrize(
    "title, meta, expected",
    [
        # the outlet's own name signing the title goes, by its name, an alias or a domain
        ("Home Depot sales miss, shares plunge | Fox News", {}, "Home Depot sales miss, shares plunge"),
        ("Trump's Made-for-TV Trade War - The New York Times", {"outlet": "nyt"}, "Trump's Made-for-TV Trade War"),
        (
            "Trump's Made-for-TV Trade War — NYTimes.com",
            {"outlet": "The New York Times"},
            "Trump's Made-for-TV Trade War",
        ),
        ("Clymer workshop manual review | HuffPost", {"outlet": "Huffington Post"}, "Clymer workshop manual review"),
        ("A town votes - Riverton Gazette", {"outlet": "Riverton Gazette"}, "A town votes"),  # unknown outlets too
        ("Section | Home Depot sales miss | Fox News", {}, "Section | Home Depot sales miss"),
        # or in parentheses at its end, a separator's wanting (kept: "(Daily Planet)" of a .txt)
        ("A town votes (Riverton Gazette)", {"outlet": "Riverton Gazette"}, "A town votes"),
        ("Home Depot sales miss (Fox News)", {}, "Home Depot sales miss"),
        # kept: a name that is no signature, or not this outlet's, or all that would be left
        ("Trump's feud with Fox News", {}, "Trump's feud with Fox News"),
        ("Trump's feud with the media: Fox News", {}, "Trump's feud with the media: Fox News"),
        ("Home Depot sales miss | CNN", {}, "Home Depot sales miss | CNN"),  # another outlet's
        ("Home Depot sales miss (CNN)", {}, "Home Depot sales miss (CNN)"),
        ("Home Depot sales miss (Video)", {}, "Home Depot sales miss (Video)"),
        ("Watch (Fox News)", {}, "Watch (Fox News)"),
        ("Opinion | Fox News", {}, "Opinion | Fox News"),
        ("Fox News | Home Depot sales miss", {}, "Fox News | Home Depot sales miss"),
    ],
)
def test_the_outlets_own_name_signing_a_title_is_dropped(registry, title, meta, expected):
    _, out, _ = clean_and_infer(
        BODY, {"title": title, "outlet": "Fox News", **meta}, source_name="a.md", registry=registry
    )
    assert out["title"] == expected


def test_a_feeds_title_signing_its_entries_titles_is_dropped(registry):
    """A feed's entry (Google News' "Headline - Outlet") names its outlet by the feed's title."""
    _, out, _ = clean_and_infer(
        BODY,
        {"title": "A town votes - Riverton Gazette"},
        source_name="feed.xml",
        feed_title="Riverton Gazette",
        registry=registry,
    )
    assert (out["outlet"], out["title"]) == ("Riverton Gazette", "A town votes")
