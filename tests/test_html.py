"""HTML extraction: main text, metadata, hostile pages, and the path through the loader."""

from __future__ import annotations

import pytest

from reader.corpus.infer import tidy_author
from reader.corpus.outlets import load_registry
from reader.corpus.html import parse_html

PARAGRAPHS = [
    "The city council voted seven to two on Tuesday to rebuild the old stone bridge over the river, "
    "ending a debate that has divided the town for more than a decade and stalled two earlier plans.",
    '"This bridge carries our history and our commuters," said council member Ana Ruiz, who led the '
    'effort. "We cannot let it fall into the water while we argue about the paint."',
    "Work is expected to begin in the spring and to last about eighteen months, according to the city "
    "engineer, who said traffic would be diverted to the north crossing during the work.",
]


def page(
    *,
    title="Council Votes to Rebuild the Old Bridge",
    site="Riverside Gazette",
    extra="",
    body=None,
    head_extra="",
    author="Jane Doe",
) -> str:
    paragraphs = body if body is not None else PARAGRAPHS
    ps = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head><title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://www.riverside-gazette.example/news/bridge">{head_extra}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sports">Sports</a></li></ul></nav>
<article><h1>{title}</h1>
{ps}
{extra}
</article>
<footer><p>Copyright 2024 Riverside Gazette. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def test_main_text_in_paragraphs_and_metadata():
    text, meta = parse_html(page(), source_name="bridge.html")
    assert text == "\n\n".join(PARAGRAPHS)  # no title line, no navigation, no footer
    assert meta == {
        "title": "Council Votes to Rebuild the Old Bridge",
        "date": "2024-03-05",
        "time": "2024-03-05T10:00:00Z",  # its article:published_time, as written
        "url": "https://www.riverside-gazette.example/news/bridge",
        "author": "Jane Doe",
        "outlet": "Riverside Gazette",
    }


# Words spelled with an invisible joiner: Persian "I want" with its zero-width non-joiner, an
# emoji family (three people joined by ZWJ), a made-up Mongolian word whose final a follows the
# vowel separator.
PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
JOINED_WORDS = f"{PERSIAN} \U0001f468\u200d\U0001f469\u200d\U0001f467 \u1828\u1823\u180e\u1820"


def test_a_page_keeps_the_joiners_its_words_are_spelled_with():
    """trafilatura drops every character Python does not call printable: a page's title, body and
    author lost their joiners (the family read as three emoji, the Persian word as another)."""
    body = [
        f"{PARAGRAPHS[0]} {JOINED_WORDS}.",
        *PARAGRAPHS[1:],
        "Written as references: \u0645\u06cc&zwnj;\u062e\u0648\u0627\u0647\u0645 \u0645\u06cc&#x200C;\u062e\u0648\u0627\u0647\u0645"
        " \u0645\u06cc&#8204;\u062e\u0648\u0627\u0647\u0645 \U0001f468&#8205;\U0001f469 (&#x200CE; an ideograph, no joiner).",
    ]
    text, meta = parse_html(
        page(title=f"Vote {JOINED_WORDS}", author=f"Jane {PERSIAN}", body=body), source_name="a.html"
    )
    assert meta["title"] == f"Vote {JOINED_WORDS}"
    assert meta["author"] == f"Jane {PERSIAN}"
    assert f"{PARAGRAPHS[0]} {JOINED_WORDS}." in text
    assert f"references: {PERSIAN} {PERSIAN} {PERSIAN} \U0001f468\u200d\U0001f469 (\U000200ce an ideograph" in text
    assert meta["url"] == "https://www.riverside-gazette.example/news/bridge"
    assert not any(0x13000 <= ord(ch) <= 0x1342F for ch in text + str(meta))  # no stand-in left


def test_a_page_that_writes_hieroglyphs_keeps_them_beside_its_joiners():
    hieroglyphs = "".join(map(chr, range(0x13000, 0x13004)))
    body = [f"{PARAGRAPHS[0]} {hieroglyphs} {JOINED_WORDS}", *PARAGRAPHS[1:]]
    text, meta = parse_html(page(body=body), source_name="a.html")
    assert f"{hieroglyphs} {JOINED_WORDS}" in text


def test_a_page_that_writes_hieroglyphs_as_references_keeps_them():
    """A hieroglyph written as a reference ("&#x13000;") is none of the stand-ins: it came back a joiner."""
    body = [f"{PARAGRAPHS[0]} glyph &#x13000; and &#77825; {JOINED_WORDS}", *PARAGRAPHS[1:]]
    text, _meta = parse_html(page(body=body), source_name="a.html")
    assert f"glyph \U00013000 and \U00013001 {JOINED_WORDS}" in text


def test_a_line_of_nothing_but_a_joiner_goes_as_before():
    """A CMS's spacer paragraph ("<p>&zwnj;</p>") was an empty line trafilatura dropped: its
    stand-in made it a line of one joiner; a joiner between Latin letters joins nothing."""
    body = [PARAGRAPHS[0], "&zwnj;", "\u200d \u200c", "mi&zwnj;x", *PARAGRAPHS[1:]]
    text, _meta = parse_html(page(body=body), source_name="a.html")
    assert "\u200c" not in text and "\u200d" not in text
    assert f"{PARAGRAPHS[0]}\nmix\n" in text.replace("\n\n", "\n"), text


@pytest.mark.parametrize(
    "author, expected",
    [
        ("Tom Krisher; AP Auto Writer", "Tom Krisher"),
        ("Phil Helsel is a reporter for NBC News", "Phil Helsel"),
        ("Mike Wuerthele; Malcolm Owen Monday; November", "Mike Wuerthele; Malcolm Owen"),
        ("Theresa May", "Theresa May"),
        # a credit alone stays: it is all the page says
        ("Detroit News wire services Published", "Detroit News wire services"),
        # a label before the name, in the languages read
        ("Текст: Венера Ерофеева", "Венера Ерофеева"),
        ("Texto: Juan Pérez", "Juan Pérez"),
        ("Author: Jane Roe", "Jane Roe"),
        # the site's host name beside the writer, its dot read as a space
        ("Troy Smith | tsmith@cleveland.com", "Troy Smith"),
    ],
)
def test_a_page_s_author_field_keeps_the_names_only(author, expected):
    """As scraped pages' author fields carry them (aeb-dev): a role, a sentence, a date's words."""
    assert parse_html(page(author=author), source_name="bridge.html")[1]["author"] == expected


@pytest.mark.parametrize(
    "author, expected",
    [
        ("Текст Венера Ерофеева", "Венера Ерофеева"),  # the extractor drops the label's colon
        ("Текст: Венера Ерофеева", "Венера Ерофеева"),
        ("Автор: Иван Петров", "Иван Петров"),
        ("Texto: Juan Pérez", "Juan Pérez"),
        ("Texte : Jean Dupont", "Jean Dupont"),
        ("Text: Anna Berg", "Anna Berg"),
        ("Autor: Jan Kowalski", "Jan Kowalski"),
        ("Author: Jane Roe", "Jane Roe"),
        ("Words by Jane Roe", "Jane Roe"),
        ("Von Max Mustermann", "Max Mustermann"),
        ("Par Jean Dupont; Marie Curie", "Jean Dupont; Marie Curie"),
        ("Troy Smith; Troy L Smith; Cleveland com", "Troy L Smith"),
        ("Jane Roe; cleveland.com", "Jane Roe"),
        ("Troy Smith; Tsmith Com", "Troy Smith"),  # as the extractor writes "tsmith@cleveland.com"
        ("Wday.ru", None),  # the site alone names no writer
        ("Admin", None),  # nor its software's account
        ("Jdadmin", None),
        ("Jane Roe; webmaster", "Jane Roe"),
        # names that only look so
        ("Von Miller", "Von Miller"),
        ("Di Maria", "Di Maria"),
        ("Textor Smith", "Textor Smith"),
        ("Jane Com", "Jane Com"),
    ],
)
def test_an_author_field_loses_its_label_and_the_site_s_host_name(author, expected):
    assert tidy_author(author) == expected


@pytest.mark.parametrize(
    "author, expected",
    [
        # one person named twice (the page's byline and its author card): the fuller form, once
        ("Troy Smith; Troy L Smith", "Troy L Smith"),
        ("Troy L. Smith; Troy Smith", "Troy L. Smith"),
        ("Troy Lee Smith; Troy L. Smith", "Troy Lee Smith"),
        ("TROY SMITH; Troy Smith", "Troy Smith"),
        ("Jane Roe; John Doe; Jane Roe", "Jane Roe; John Doe"),
        # two people: other middle initials, another first name, a son
        ("Troy L Smith; Troy M Smith", "Troy L Smith; Troy M Smith"),
        ("Jane Roe; John Roe", "Jane Roe; John Roe"),
        ("Troy Smith; Troy Smith Jr.", "Troy Smith; Troy Smith Jr."),
    ],
)
def test_an_author_field_names_each_person_once(author, expected):
    assert tidy_author(author) == expected


@pytest.mark.parametrize(
    "author, expected",
    [
        # an outlet the registry knows, the page's own site, a publisher beside the writer
        ("Victor Tangermann; Futurism", "Victor Tangermann"),
        ("Jane Roe; Fox News", "Jane Roe"),
        ("Jane Roe; The Busy Gazette", "Jane Roe"),
        ("Condé Nast; Molly Wood", "Molly Wood"),
        # the outlet the extractor ran on after the name, its stop dropped ("Jane Roe. Busy Gazette")
        ("Jane Roe Busy Gazette", "Jane Roe"),
        ("Jane Roe Associated Press", "Jane Roe"),
        ("JANE ROE AP", "JANE ROE"),
        ("Mary Ann Hill", "Mary Ann Hill"),  # a surname that is an outlet's name too ("The Hill")
        ("Mary Ann Busy", "Mary Ann Busy"),
        # a sentence the extractor cut at "and": no one's name
        ("The Russian; Syrian defense ministries", None),
        # names kept: particles, "and" between names, an outlet alone
        ("Jean de La Fontaine; Marie Curie", "Jean de La Fontaine; Marie Curie"),
        ("Jane Roe and John Doe; Fox News", "Jane Roe and John Doe"),
        ("Futurism", "Futurism"),
        # an agency or a desk alone is what the page credits, kept: the article has no other field
        # for it and its outlet is the site that ran it ("by Reuters" on VentureBeat's page)
        ("Reuters", "Reuters"),
        ("REUTERS", "REUTERS"),
        ("Associated Press", "Associated Press"),
        ("Detroit News wire services", "Detroit News wire services"),
        ("Editorial", "Editorial"),
    ],
)
def test_an_author_field_loses_an_outlet_or_words_beside_its_writer(author, expected):
    assert tidy_author(author, sites=["Busy Gazette"], registry=load_registry(use_user_file=False)) == expected


@pytest.mark.parametrize(
    "byline, expected",
    [
        # the metadata names the first writer alone; the byline shown names them all (CBS News)
        ("By Jane Doe, Kathryn Watson, Grace Segers", "Jane Doe; Kathryn Watson; Grace Segers"),
        ("By Jane Doe and John Roe", "Jane Doe; John Roe"),
        # a byline naming others is another story's (a related link), one name adds nothing
        ("By Kathryn Watson, Grace Segers", "Jane Doe"),
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe, Riverside Gazette Staff", "Jane Doe"),
        ("By Jane Doe, Riverside Gazette", "Jane Doe"),  # the page's own site, no second writer
    ],
)
def test_a_byline_the_page_shows_names_the_writers_its_author_field_leaves_out(byline, expected):
    extra = f'<p class="content__meta content__meta-byline">\n      {byline}\n    </p>'
    html = page(author="Jane Doe").replace("<article><h1>", f"<article>{extra}<h1>")
    assert parse_html(html, source_name="bridge.html")[1]["author"] == expected


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n",
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/b'>About</a></nav></body></html>",
        "<<<>>>&&&",
        "\x00\x01\x02" * 100,
    ],
)
def test_a_page_without_an_article_raises_a_clear_value_error(html):
    with pytest.raises(ValueError, match="no article text found"):
        parse_html(html, source_name="empty.html")


def test_nothing_is_logged_to_stderr_for_a_bad_page(capfd):
    with pytest.raises(ValueError):
        parse_html("<html><body><div></div></body></html>", source_name="x.html")
    assert capfd.readouterr().err == ""


def test_escape_sequences_and_controls_are_removed():
    hostile = PARAGRAPHS[0].replace("Tuesday", "Tuesday&#27;]0;pwned&#7;&#27;[2J&#x9b;31m")
    text, meta = parse_html(page(title="Bridge&#27;[31m Vote", body=[hostile, *PARAGRAPHS[1:]]), source_name="x.html")
    for part in (text, meta["title"]):
        assert "\x1b" not in part and "\x07" not in part and "\x9b" not in part
    assert "pwned" not in text
    assert text.startswith("The city council voted seven to two on Tuesday")
    assert meta["title"] == "Bridge Vote"


def test_markup_like_text_is_kept_literally():
    body = [PARAGRAPHS[0] + " [bold]Not markup[/bold] and [@click=app.quit]x[/].", *PARAGRAPHS[1:]]
    text, _ = parse_html(page(body=body), source_name="x.html")
    assert "[bold]Not markup[/bold] and [@click=app.quit]x[/]." in text


def test_the_loader_cleans_html_with_the_outlet_rules(tmp_path):
    from reader.corpus import load_path

    path = tmp_path / "fox-bridge.html"
    html = page(
        site="FoxNews.com",
        extra="<p>CLICK HERE TO GET THE FOX NEWS APP</p><p>Fox News' Jane Roe contributed to this report.</p>",
    )
    path.write_text(html, encoding="utf-8")
    result = load_path(path)
    assert not result.skipped
    [article] = result.articles
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert article.outlet == "Fox News"
    assert article.title == "Council Votes to Rebuild the Old Bridge"
    assert article.date == "2024-03-05"


def test_the_loader_skips_an_html_page_without_article(tmp_path):
    from reader.corpus import load_path

    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    result = load_path(path)
    assert result.articles == []
    assert "no article text found" in result.skipped[0].reason


def test_the_extraction_evaluation_scores_reader_against_trafilatura(tmp_path, capsys):
    import importlib.util
    import json
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "bench" / "eval_extraction.py"
    spec = importlib.util.spec_from_file_location("eval_extraction", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html").write_text(page(), encoding="utf-8")
    truth = {"p1": {"articleBody": "\n\n".join(PARAGRAPHS), "url": "https://x.example/p1"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")

    assert module.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    rows = {
        line[:34].strip(): line[34:].split() for line in out.splitlines() if line.startswith(("reader", "trafilatura"))
    }
    ours = rows["reader (load_path)"]
    assert [float(x) for x in ours[:6]] == [1.0] * 6  # a clean page is extracted exactly
    assert "trafilatura.extract (defaults)" in rows

    assert module.main([str(tmp_path / "missing")]) == 2
    assert "cannot read" in capsys.readouterr().err


def _undated(head_extra: str = "", extra: str = "", footer: str = "© 2017 Riverside Gazette") -> str:
    """A page that states no publication date, with only years in its text and footer."""
    ps = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html><head><title>Council Votes to Rebuild the Old Bridge</title>
<meta property="og:site_name" content="Riverside Gazette">{head_extra}</head><body>
<article><h1>Council Votes to Rebuild the Old Bridge</h1>{ps}{extra}</article>
<footer><p>{footer}</p></footer></body></html>"""


@pytest.mark.parametrize(
    "html",
    [
        _undated(),  # a copyright year in the footer
        _undated(extra="<p>The bakery on the corner has served the town since 1998, its owner said.</p>"),
        _undated(head_extra='<meta property="article:published_time" content="2019-13-45">'),  # invalid
    ],
    ids=["copyright-year", "year-in-text", "invalid-meta-date"],
)
def test_a_page_without_a_stated_date_has_no_date_rather_than_a_made_up_new_year(html):
    _, meta = parse_html(html, source_name="x.html")
    assert meta["date"] is None  # not "2017-01-01", "1998-01-01" or "2019-01-01"


def test_a_date_the_page_states_in_its_metadata_or_markup_is_kept():
    _, meta = parse_html(
        _undated(head_extra='<meta property="article:published_time" content="2021-06-09T08:00:00+02:00">'),
        source_name="x.html",
    )
    assert meta["date"] == "2021-06-09"
    _, meta = parse_html(_undated(extra='<p><time datetime="2020-02-03">3 February</time></p>'), source_name="x.html")
    assert meta["date"] == "2020-02-03"


def _nested(depth: int, tag: str = "font") -> str:
    story = "<p>" + "The minister said the plan would go ahead after a long debate in parliament on Tuesday. " * 3
    return (
        '<html><head><meta charset="iso-8859-1"><title>Deep page</title></head><body>'
        + f"<{tag}>" * depth
        + story
        + "Zoë agreed.</p>"
        + f"</{tag}>" * depth
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [300, 2000])
def test_a_page_nested_past_256_tags_is_read(depth):
    """The HTML parser stops at 256 levels of tags (years of unclosed <font> tags build more):
    the page's text was dropped, and the file skipped as "no article text found"."""
    text, meta = parse_html(_nested(depth), source_name="deep.html")
    assert "The minister said the plan would go ahead" in text and "Zoë agreed." in text
    assert meta["title"] == "Deep page"


def test_a_page_nested_past_what_the_parser_reads_says_so(tmp_path):
    from reader.corpus.loader import load_file

    (tmp_path / "deeper.html").write_text(_nested(3000, "div"), encoding="utf-8")
    result = load_file(tmp_path / "deeper.html", tmp_path)
    assert result.articles == []
    [skipped] = result.skipped
    assert skipped.reason == (
        "no article text found: its tags are nested more than 2,048 deep, past what the HTML parser reads"
    )


def _split_body_page(second_wrapper: str = "div") -> str:
    last = (
        "The council will meet again next month to choose a builder from the four firms that have "
        "bid for the work, the mayor said after the vote on Tuesday evening."
    )
    first, second = PARAGRAPHS[:2], [*PARAGRAPHS[2:], last]
    part = '<div class="body body__container article__body">{}</div>'
    return f"""<!DOCTYPE html><html><head><title>Council Votes to Rebuild the Old Bridge</title></head><body>
<{second_wrapper} class="grid">{part.format("".join(f"<p>{p}</p>" for p in first))}
<div class="aside"><a href="/a">Most popular</a></div></{second_wrapper}>
<div class="row full-bleed-ad"><span class="ad-label">Advertisement</span></div>
<{second_wrapper} class="grid">{part.format("".join(f"<p>{p}</p>" for p in second))}</{second_wrapper}>
<footer><p>Copyright 2024 Riverside Gazette. All rights reserved.</p></footer></body></html>"""


def test_an_article_body_split_around_an_ad_is_read_whole():
    """The body in two containers of one kind with an ad row between them (as Wired's pages are):
    trafilatura read only the first, and the rest of the article was lost."""
    text, _ = parse_html(_split_body_page(), source_name="bridge.html")
    assert text.split("\n\n")[:2] == PARAGRAPHS[:2]
    assert PARAGRAPHS[2] in text and "choose a builder from the four firms" in text
    assert "Advertisement" not in text and "Most popular" not in text


def test_bodies_of_separate_posts_are_not_joined():
    """A page listing posts, each an <article> with its own body: not one article."""
    text, _ = parse_html(_split_body_page(second_wrapper="article"), source_name="posts.html")
    assert PARAGRAPHS[0] in text and "choose a builder" not in text


def test_a_popup_card_inside_a_paragraph_is_not_glued_to_its_word():
    """A person's hover card (photo, name, latest headlines) in the paragraph's markup: its text
    came out glued to the name ("Rep. Ana RuizAna RuizBridge vote..."). The name stays."""
    card = (
        '<span class="rollover-people"><a class="rollover-people-link" href="/people/ana-ruiz">Ana Ruiz</a>'
        '<span class="rollover-people-block"><span class="rollover-block"><img src="/ruiz.jpg" alt="">'
        '<a class="name" href="/people/ana-ruiz">Ana Ruiz</a><a href="/news/1">Bridge vote splits the town</a> '
        '<a href="/news/2">Ruiz asks for a new budget</a><a class="more" href="/people/ana-ruiz">MORE</a>'
        "</span></span></span>"
    )
    sentence = "The plan was put forward by council member {} (D-Riverside), the clerk's office announced on Monday."
    text, _ = parse_html(page(body=[sentence.format(card), *PARAGRAPHS[1:]]), source_name="bridge.html")
    assert text.split("\n\n")[0] == sentence.format("Ana Ruiz")
    tooltip = 'A <span class="tooltip">bond<span class="tooltiptext">a loan</span></span> measure passed.'
    text, _ = parse_html(page(body=[*PARAGRAPHS, tooltip]), source_name="bridge.html")
    assert text.endswith("A bonda loan measure passed.")  # a plain tooltip (no card) is as it was


MASTHEAD_PAGE = """<!DOCTYPE html><html><head><title>{title} - Gazette</title>
</head><body>
<div id="menu">{heading}<ul><li><a href="/news">News</a></li></ul></div>
<div class="story">{paragraphs}</div>
</body></html>"""
BODY = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def test_a_masthead_heading_is_not_taken_for_the_headline():
    """A page whose only heading is its masthead (a link to the home page) was listed under its
    site's name: the headline is the page's title without the site."""
    heading = '<a href="/"><h1>Riverside Gazette</h1></a>'
    html = MASTHEAD_PAGE.format(title="Council Votes to Rebuild the Old Bridge", heading=heading, paragraphs=BODY)
    text, meta = parse_html(html, source_name="bridge.html")
    assert meta["title"] == "Council Votes to Rebuild the Old Bridge"
    assert text.startswith(PARAGRAPHS[0][:40])


def test_an_article_heading_next_to_a_home_link_stays_the_headline():
    heading = '<a href="/">Home</a> <h1>Bridge Vote Splits Council</h1>'
    html = MASTHEAD_PAGE.format(title="Other Words Entirely", heading=heading, paragraphs=BODY)
    _, meta = parse_html(html, source_name="b.html")
    assert meta["title"] == "Bridge Vote Splits Council"


SOCIAL_PAGE = """<!DOCTYPE html><html><head><title>{title_element}</title>
<meta property="og:title" content="{social}"><meta name="twitter:title" content="{social}">
<meta property="og:site_name" content="Riverside Gazette"></head><body>
{heading}<div class="story">{paragraphs}</div></body></html>"""


def test_the_headline_the_page_shows_wins_over_its_social_media_title():
    """An NBC News page was listed as 'House Hitler was born in to become police station', its
    og:title (the headline written for shared links), where its <h1> and <title> both read 'House
    Hitler was born in will become a police station, Austria says'."""
    html = SOCIAL_PAGE.format(
        title_element="Council Votes &amp; Rebuilds the Old Bridge, Mayor Says - Riverside Gazette",
        social="Council to rebuild bridge",
        heading='<h1 class="headline">Council Votes &amp; Rebuilds <em>the Old Bridge</em>, Mayor Says</h1>',
        paragraphs=BODY,
    )
    text, meta = parse_html(html, source_name="bridge.html")
    assert meta["title"] == "Council Votes & Rebuilds the Old Bridge, Mayor Says"
    assert text == "\n\n".join(PARAGRAPHS)


@pytest.mark.parametrize(
    "title_element,social,heading",
    [
        # The <h1> is the masthead, and the <title> the site's name alone.
        ("Riverside Gazette", "Council to rebuild bridge", '<a href="/"><h1>Riverside Gazette</h1></a>'),
        ("Riverside Gazette", "Council to rebuild bridge", "<h1>Riverside Gazette</h1>"),
        # The <h1> is the site's name, the shorter part of the <title>.
        ("Council to rebuild bridge | Riverside Gazette", "Council to rebuild bridge", "<h1>Riverside Gazette</h1>"),
        # The <h1> is another story's, which the <title> does not name.
        ("Council to rebuild bridge", "Council to rebuild bridge", "<h1>Floods close the north road</h1>"),
        # One headline with a label: the label stays, as ever.
        (
            "Bridge Vote Splits Council - Riverside Gazette",
            "Opinion | Bridge Vote Splits Council",
            "<h1>Bridge Vote Splits Council</h1>",
        ),
    ],
)
def test_a_social_media_title_stays_when_the_page_names_no_other_headline(title_element, social, heading):
    html = SOCIAL_PAGE.format(title_element=title_element, social=social, heading=heading, paragraphs=BODY)
    _, meta = parse_html(html, source_name="bridge.html")
    assert meta["title"] == social


@pytest.mark.parametrize(
    "site,outlet",
    [
        ("LinkNaija | Nigeria's popular news platform", "LinkNaija"),
        ("Autoracing | F1 | Indy | MotoGP | StockCar", "Autoracing"),
        ("Wday_", "Wday"),
        ("AT&T Newsroom", "AT&T Newsroom"),
    ],
)
def test_the_outlet_is_the_site_name_without_its_tagline(site, outlet):
    _, meta = parse_html(page(site=site), source_name="bridge.html")
    assert meta["outlet"] == outlet


@pytest.mark.parametrize(
    "title,site,host,expected",
    [
        ("Clymer workshop manual review | MoreBikes", "MoreBikes", "morebikes.co.uk", "Clymer workshop manual review"),
        ("Best tech gadgets of 2019 | ZDNet", None, "www.zdnet.com", "Best tech gadgets of 2019"),
        ("Uma loja incrível - Como Educar Seus Filhos", "Como Educar Seus Filhos", None, "Uma loja incrível"),
        (
            "Black Friday: le occasioni - Remember 80/90 - Memorabilia anni 80/90",
            "Remember 80/90 - Memorabilia anni 80/90",
            None,
            "Black Friday: le occasioni",
        ),
        ("The Light Festival | Inexhibit", "Inexhibit magazine", "www.inexhibit.com", "The Light Festival"),
        (
            "LinkNaija | Nigeria's popular news platform: BREAKING NEWS: Chelsea sign Kepa",
            "LinkNaija | Nigeria's popular news platform",
            None,
            "BREAKING NEWS: Chelsea sign Kepa",
        ),
        # not the site: kept
        ("The Guardian view on Hong Kong: a city on the brink | Editorial", "The Guardian", "theguardian.com", None),
        ("Opinion | Republicans Are Following Trump to Nowhere", "The New York Times", "nytimes.com", None),
        ("MoreBikes", "MoreBikes", None, None),
    ],
)
def test_the_title_drops_the_site_name_it_carries(title, site, host, expected):
    """The list showed 'Clymer workshop manual review | MoreBikes' beside the outlet MoreBikes,
    and 'LinkNaija | Nigeria's popular news platform: ...' for every LinkNaija story."""
    site_meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    url = f"https://{host}/news/story" if host else None
    html = f"""<!DOCTYPE html><html><head><title>{title}</title>{site_meta}
<meta property="og:title" content="{title}"></head><body>
<div class="story">{BODY}</div></body></html>"""
    _, meta = parse_html(html, source_name="story.html", url=url)
    assert meta["title"] == (expected or title)


@pytest.mark.parametrize(
    "title_element,outlet",
    [
        ("엘제이-류화영 진흙탕 싸움, 공적인 사안으로 봐야하는 이유 - Entermedia", "Entermedia"),
        ("Council Votes to Rebuild the Old Bridge", None),  # nothing after the headline
    ],
)
def test_a_page_with_no_site_name_takes_the_one_its_title_signs_with(title_element, outlet):
    """A Korean page with no site name in its metadata and no address was 'Unknown outlet',
    though its <title> ended with '- Entermedia'."""
    headline = title_element.split(" - ")[0]
    html = f"""<!DOCTYPE html><html><head><title>{title_element}</title></head><body>
<article><h1>{headline}</h1>{BODY}</article></body></html>"""
    _, meta = parse_html(html, source_name="story.html")
    assert (meta["title"], meta["outlet"]) == (headline, outlet)


def test_a_br_is_a_line_break_in_its_paragraph_and_two_part_paragraphs_as_in_a_feed():
    poem = "Roses are red,<br>violets are blue,<br/>sugar is sweet<BR>and so are you."
    address = "Write to the council at<br>1 Bridge Street<br><br>Riverside RS1 2AB"
    text, _ = parse_html(page(body=[PARAGRAPHS[0], poem, address, PARAGRAPHS[2]]), source_name="p.html")
    # Each line a <br> ended was a paragraph of its own.
    assert text.split("\n\n") == [
        PARAGRAPHS[0],
        "Roses are red,\nviolets are blue,\nsugar is sweet\nand so are you.",
        "Write to the council at\n1 Bridge Street",
        "Riverside RS1 2AB",
        PARAGRAPHS[2],
    ]


def test_a_page_writing_the_break_mark_itself_keeps_it_as_text():
    from reader.corpus.html import _BREAK_MARKS

    marks = "".join(_BREAK_MARKS[:2])
    text, _ = parse_html(page(body=[f"Signs {marks} in a line,<br>and the next.", *PARAGRAPHS]), source_name="p.html")
    assert f"Signs {marks} in a line,\nand the next." in text.split("\n\n")
    every = "".join(_BREAK_MARKS)  # every mark taken: the lines are paragraphs, as before, and nothing is lost
    text, _ = parse_html(page(body=[f"Signs {every} in a line,<br>and the next.", *PARAGRAPHS]), source_name="p.html")
    assert f"Signs {every} in a line,\n\nand the next." in text


_PUBLISHED = '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
_EDITED = '<meta property="article:modified_time" content="2024-03-09T08:00:00Z">'


def _load_page(tmp_path, html: str):
    from reader.corpus import load_path

    path = tmp_path / "bridge.html"
    path.write_text(html, encoding="utf-8")
    return load_path(path).articles[0]


def test_a_page_that_states_only_its_edit_is_dated_by_it_as_inferred(tmp_path):
    """The page's last edit was its date as if it were published that day."""
    article = _load_page(tmp_path, page().replace(_PUBLISHED, _EDITED))
    assert (article.date, article.time) == ("2024-03-09", None)
    assert "date" in article.inferred  # `reader show` says "(inferred)"
    assert parse_html(page().replace(_PUBLISHED, _EDITED), source_name="p.html")[1]["date_is_edit"] is True


def test_a_page_dated_by_its_edit_takes_the_date_its_text_states(tmp_path):
    html = page(body=["March 5, 2024", *PARAGRAPHS]).replace(_PUBLISHED, _EDITED)
    assert _load_page(tmp_path, html).date == "2024-03-05"


def test_a_page_that_states_its_publication_is_dated_by_it_whatever_its_edit(tmp_path):
    article = _load_page(tmp_path, page().replace(_PUBLISHED, _PUBLISHED + _EDITED))
    assert (article.date, article.inferred) == ("2024-03-05", frozenset())
    assert "date_is_edit" not in parse_html(page(), source_name="p.html")[1]


def test_the_site_s_own_name_wins_over_a_desk_named_as_publisher():
    """JSON-LD's publisher named a news desk ("GH News Service") and trafilatura took it for the
    outlet; the page's og:site_name spells its host (gazette-herald.example)."""
    desk = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Council Votes to Rebuild the Old Bridge", '
        '"publisher": {"@type": "Organization", "name": "GH News Service"}}</script>'
        '<link rel="canonical" href="https://www.gazetteherald.example/news/bridge">'
    )
    html = page(site="Gazette Herald", head_extra=desk).replace(
        "https://www.riverside-gazette.example/news/bridge", "https://www.gazetteherald.example/news/bridge"
    )
    assert parse_html(html, source_name="p.html")[1]["outlet"] == "Gazette Herald"
    # a desk's name the host does not spell either stays
    assert parse_html(page(site="Other Name", head_extra=desk), source_name="p.html")[1]["outlet"] != "Other Name"


def test_a_page_of_a_site_under_a_path_of_a_shared_host_is_named_by_it():
    # a Google Site with no site name of its own was the outlet "google.com", as every other one
    html = f"<!DOCTYPE html><html><head><title>Club news</title></head><body><article><h1>Club news</h1>{BODY}</article></body></html>"
    url = "https://sites.google.com/view/riverside-club/news"
    assert parse_html(html, source_name="news.html", url=url)[1]["outlet"] == "sites.google.com/view/riverside-club"
    assert parse_html(html, source_name="news.html", url="https://sites.google.com/")[1]["outlet"] == "google.com"


@pytest.mark.parametrize(
    "head, given, expected",
    [
        # A relative canonical link, read against the page's <base href>: trafilatura dropped it.
        (
            '<base href="https://news.example/2024/"><link rel="canonical" href="story.html">',
            None,
            "https://news.example/2024/story.html",
        ),
        (
            '<base href="https://news.example/"><meta property="og:url" content="/2024/og.html">',
            None,
            "https://news.example/2024/og.html",
        ),
        # A <base href> alone is no page's address (every page of the site was its front page's).
        ('<base href="https://news.example/">', None, None),
        ('<base href="https://news.example/">', "https://news.example/a/b.html", "https://news.example/a/b.html"),
        # An address that is no web page's is none.
        ('<base href="javascript:alert(1)"><link rel="canonical" href="x.html">', None, None),
        (
            '<link rel="canonical" href="https://news.example/2024/story.html">',
            None,
            "https://news.example/2024/story.html",
        ),
    ],
)
def test_a_pages_own_address_is_its_canonical_link_read_against_its_base(head, given, expected):
    html = f"<html><head><title>Transit plan</title>{head}</head><body><article>{BODY}</article></body></html>"
    meta = parse_html(html, source_name="x", url=given)[1]
    assert meta["url"] == expected
    if expected is None:
        assert meta["outlet"] in (None, "news.example")


@pytest.mark.parametrize("base", ['<base href="https://news.example/">', ""])
def test_a_pages_address_with_a_user_and_password_names_no_user_as_its_site(base):
    """A canonical link with a user and password (`https://user:pw@news.example/p`) named the outlet
    `user:pw@news.example` (trafilatura's host name of the page)."""
    head = f'{base}<link rel="canonical" href="https://user:pw@news.example/p">'
    html = f"<html><head><title>Transit plan</title>{head}</head><body><article>{BODY}</article></body></html>"
    assert parse_html(html, source_name="x")[1]["outlet"] == "news.example"


_ARTICLE_LD = '<script type="application/ld+json">{"@context": "https://schema.org", %s}</script>'


@pytest.mark.parametrize(
    "head",
    [
        '<link rel="alternate canonical" href="https://news.example/2024/story.html">',
        "<link rel='canonical alternate' href='https://news.example/2024/story.html'>",
        '<meta name="og:url" content="https://news.example/2024/story.html">',
        _ARTICLE_LD % '"@type": "NewsArticle", "url": "https://news.example/2024/story.html"',
        _ARTICLE_LD % '"@type": "BlogPosting", "mainEntityOfPage": "https://news.example/2024/story.html"',
        _ARTICLE_LD
        % '"@type": ["NewsArticle"], "mainEntityOfPage": {"@type": "WebPage", "@id": "https://news.example/2024/story.html"}',
        _ARTICLE_LD
        % '"@graph": [{"@type": "WebSite", "url": "https://news.example/"}, {"@type": "Article", "url": "https://news.example/2024/story.html"}]',
        # read against the <base href> when relative
        '<base href="https://news.example/"><script type="application/ld+json">'
        '{"@type": "NewsArticle", "url": "/2024/story.html"}</script>',
    ],
)
def test_a_pages_declared_address_trafilatura_misses_is_its_own(head):
    """trafilatura found no address for a page whose canonical link has other link types beside it,
    whose og:url is a name= meta, or whose address only its JSON-LD article gives (url,
    mainEntityOfPage as a string or an object's @id, in an @graph): the page had no URL and no outlet."""
    html = f"<html><head><title>Transit plan</title>{head}</head><body><article>{BODY}</article></body></html>"
    meta = parse_html(html, source_name="x")[1]
    assert meta["url"] == "https://news.example/2024/story.html" and meta["outlet"] == "news.example"


@pytest.mark.parametrize(
    "head",
    [
        _ARTICLE_LD % '"@type": "WebSite", "url": "https://news.example/"',  # a site's address is no article's
        _ARTICLE_LD % '"@type": "NewsArticle", "url": "javascript:alert(1)"',
        _ARTICLE_LD % '"@type": "NewsArticle", "url": [[[[',  # no JSON
        _ARTICLE_LD % ('"@type": "NewsArticle", "url": ' + "[" * 5000 + "]" * 5000),  # too deep to read
        '<link rel="canonical" href="/2024/story.html">',  # relative, with nothing to read it against
    ],
)
def test_a_page_whose_declared_address_is_none_or_unreadable_has_no_url(head):
    html = f"<html><head><title>Transit plan</title>{head}</head><body><article>{BODY}</article></body></html>"
    text, meta = parse_html(html, source_name="x")
    assert meta["url"] is None and "stone bridge" in text


@pytest.mark.parametrize(
    "head",
    [
        _ARTICLE_LD % '"@type": "NewsArticle", "url": "http://[oops/2024/story.html"',
        '<link rel="canonical" href="http://[oops/2024/story.html">',
        '<meta property="og:url" content="https://[::1">',
        '<base href="http://[oops/"><link rel="canonical" href="/2024/story.html">',
    ],
)
def test_a_page_whose_declared_address_is_no_url_is_read_without_one(head):
    """An address with a bracket opening no IPv6 address made urlsplit raise: the page was skipped
    as "Invalid IPv6 URL", its text lost."""
    html = f"<html><head><title>Transit plan</title>{head}</head><body><article>{BODY}</article></body></html>"
    text, meta = parse_html(html, source_name="x")
    assert meta["url"] is None and "stone bridge" in text


def test_a_json_ld_address_is_read_without_invisible_characters_and_line_breaks():
    """trafilatura reads a canonical link without them; the JSON-LD address kept a right-to-left
    override inside its host (shown reversed, and no outlet named) and a line break."""
    head = _ARTICLE_LD % '"@type": "NewsArticle", "url": "https://news.exa\\u202emple/2024/\\nstory.html\\u200f"'
    html = f"<html><head><title>Transit plan</title>{head}</head><body><article>{BODY}</article></body></html>"
    meta = parse_html(html, source_name="x")[1]
    assert meta["url"] == "https://news.example/2024/story.html" and meta["outlet"] == "news.example"


@pytest.mark.parametrize(
    "head, url",
    [
        # a front page's articles: none of theirs is the page's address
        (
            _ARTICLE_LD % '"@graph": [{"@type": "NewsArticle", "url": "https://news.example/2024/one.html"},'
            ' {"@type": "NewsArticle", "url": "https://news.example/2024/two.html"}]',
            None,
        ),
        # one article said twice, or its url and its mainEntityOfPage: its address
        (
            _ARTICLE_LD % '"@type": "NewsArticle", "url": "https://news.example/2024/story.html"'
            + _ARTICLE_LD % '"@type": "Article", "mainEntityOfPage": "https://news.example/2024/story.html"',
            "https://news.example/2024/story.html",
        ),
        (
            _ARTICLE_LD
            % '"@type": "NewsArticle", "url": "https://news.example/2024/story.html", "mainEntityOfPage": "https://news.example/"',
            "https://news.example/2024/story.html",
        ),
    ],
)
def test_a_page_whose_json_ld_names_several_articles_has_none_of_their_addresses(head, url):
    """The first JSON-LD article's address was taken: a front page listing its articles was named
    by the first of them, as if it were that article."""
    html = f"<html><head><title>Transit plan</title>{head}</head><body><article>{BODY}</article></body></html>"
    assert parse_html(html, source_name="x")[1]["url"] == url


def test_a_page_of_too_few_words_says_how_many_it_has():
    """A short page's one sentence was skipped as "no article text found", as though the
    extractor had missed it: the reason says the page had too few words to be an article."""
    html = (
        "<html><head><title>Page</title></head><body><article><p>The council voted on Monday to approve"
        " the budget, officials said.</p></article></body></html>"
    )
    with pytest.raises(ValueError) as raised:
        parse_html(html, source_name="short.html")
    assert str(raised.value) == (
        "no article text found (only 11 words: fewer than 12 is taken for a menu or an error page)"
    )


@pytest.mark.parametrize(
    ("site", "host", "outlet"),
    [
        ("eNCA", "www.enca.com", "eNCA"),
        ("iHeartRadio", "www.iheart.com", "iHeartRadio"),
        ("nj", "www.nj.com", "nj.com"),  # its host's name in small letters: the site by its host
        ("cleveland", "www.cleveland.com", "cleveland.com"),
        # its domain in capitals of its own: as it writes it (was "nj.com"); not another site's
        ("NJ.com", "www.nj.com", "NJ.com"),
        ("www.NJ.com", "www.nj.com", "NJ.com"),
        ("nj.com", "www.nj.com", "nj.com"),
        ("Cleveland.com", "www.cleveland.com", "Cleveland.com"),
        ("NJ.com", "www.cleveland.com", "NJ.com"),
        ("@eNCA", "www.enca.com", "eNCA"),
        ("the riverside gazette", "www.riverside-gazette.example", "The Riverside Gazette"),
        ("Riverside Gazette", "www.riverside-gazette.example", "Riverside Gazette"),
    ],
)
def test_a_site_name_keeps_the_capitals_the_page_gives_it(site, host, outlet):
    """trafilatura title-cases a site name that opens with a small letter: the outlet eNCA was
    "Enca", iHeartRadio "Iheartradio", and nj.com (og:site_name "nj") "Nj"."""
    html = f"""<!DOCTYPE html><html><head><title>Council Votes to Rebuild the Old Bridge</title>
<meta property="og:site_name" content="{site}"></head><body>
<article><h1>Council Votes to Rebuild the Old Bridge</h1>{BODY}</article></body></html>"""
    _, meta = parse_html(html, source_name="story.html", url=f"https://{host}/news/story")
    assert meta["outlet"] == outlet
