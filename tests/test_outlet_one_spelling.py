"""One site, one outlet: a page of nj.com signs itself "NJ.com" (og:site_name, kept as it writes
it), while an article of a feed or a JSON file of the same site is named by its link alone,
"nj.com". They were two outlets in the lists, coverage, search and `show`; now every article
of the site is shown by the site's own spelling, whatever the source of its name."""

from __future__ import annotations

import json

import pytest

from reader.corpus.decode import outlet_spellings
from reader.library import Library

BODY = " ".join(["The county board voted on the new transit budget after a long public hearing on Tuesday."] * 6)

PAGE = f"""<!doctype html><html><head><title>Transit budget passes | NJ.com</title>
<meta property="og:site_name" content="NJ.com">
<meta property="og:url" content="https://www.nj.com/news/2024/01/transit-budget.html">
<meta property="og:title" content="Transit budget passes"></head>
<body><article><h1>Transit budget passes</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"""

FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title></title><link>https://www.nj.com/</link>
<description>x</description><item><title>Board hears riders</title>
<link>https://www.nj.com/news/2024/01/riders.html</link><description>{BODY}</description>
<pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate></item></channel></rss>"""

FARES = {"title": "Fares to rise", "url": "https://www.nj.com/news/2024/01/fares.html", "text": BODY}


@pytest.fixture
def library(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.html").write_text(PAGE, encoding="utf-8")
    (corpus / "feed.xml").write_text(FEED, encoding="utf-8")
    (corpus / "fares.json").write_text(json.dumps(FARES), encoding="utf-8")
    library = Library([corpus], tmp_path / "index", auto_update=False)
    library.update()
    yield library
    library.close()


def test_an_html_feed_and_json_article_of_one_site_are_one_outlet_by_its_own_spelling(library):
    outlets = {a.id: a.outlet for a in library.articles()}
    assert outlets == {"page": "NJ.com", "feed#1": "NJ.com", "fares": "NJ.com"}
    assert [o.name for o in library.coverage().outlets] == ["NJ.com"]
    hits = library.search("budget").hits
    assert sorted(hit.outlet for hit in hits) == ["NJ.com"] * 3
    (shown,) = library.articles_at("fares")
    assert shown.outlet == "NJ.com"


@pytest.mark.parametrize(
    ("names", "spelled"),
    [
        (["nj.com", "NJ.com", "nj.com"], {"nj.com": "NJ.com"}),  # capitals win over more articles
        (["BBC News", "BBC NEWS", "BBC News"], {"bbc news": "BBC News"}),  # then the most articles
        (["Reuters", "Reuters", None, ""], {}),  # one spelling: nothing to say
        (["AP", "ap", "Ap"], {"ap": "AP"}),  # a tie: the first in order
    ],
)
def test_an_outlet_spelled_several_ways_is_shown_by_one(names, spelled):
    assert outlet_spellings(names) == spelled
