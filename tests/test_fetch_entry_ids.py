"""A feed entry is known by its id (an Atom <id>, an RSS <guid>) across reads of its feed, whatever
its link: one whose link moves (a new URL, http -> https, AMP -> canonical) is an update of the
article kept, not a second article. Against a real HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from http_fixture import Reply, page, quick_settings, rss
from reader import config
from reader.fetch import fetch
from reader.fetch.store import STATE_VERSION, ArticleStore, entry_key
from reader.fetch.subscriptions import add_subscription

TITLE = "Harbour deal reached after night of talks"
TEXT = [
    "The council and the port authority agreed on Tuesday to rebuild the harbour wall before the winter storms.",
    "The deal, reached after a night of talks, sets aside money for the railway link and the old market hall.",
]
EDITED = [*TEXT, "Update: the minister said on Wednesday that the work would start in the spring."]


def item(server, path: str, guid: str | None, *, title: str = TITLE, stamp: str = "Tue, 21 Oct 2025 10:00:00 GMT"):
    entry = {"title": title, "link": server.url(path), "pubDate": stamp}
    if guid is not None:
        entry["guid"] = guid
    return entry


def serve(server, items: list[dict]) -> None:
    server.route("/feed.xml", Reply(rss("Harbour News", items), content_type="application/rss+xml"))


def stored_files() -> list:
    return sorted(config.fetched_corpus_dir().rglob("*.md"))


@pytest.mark.parametrize("guid", ["harbour-deal-2025-10-21", "tag:harbour.example,2025:7"])
def test_an_entry_whose_link_moves_is_a_new_version_of_its_article(server, guid):
    """The same guid, a new link and an edited text: version 2 of the article kept (its `previous`
    the first, so marks follow), not a second article beside it."""
    server.route("/news/harbour-deal", Reply(page(TITLE, TEXT)))
    serve(server, [item(server, "/news/harbour-deal", guid)])
    add_subscription(server.url("/feed.xml"))
    [first] = fetch(settings=quick_settings()).articles

    server.route("/2025/10/21/harbour-deal-reached", Reply(page(TITLE, EDITED)))
    serve(server, [item(server, "/2025/10/21/harbour-deal-reached", guid)])
    report = fetch(settings=quick_settings(), force=True)

    assert (report.new, report.updated, report.duplicates) == (0, 1, 0)
    [second] = report.articles
    assert (second.version, second.previous) == (2, first.id)
    assert second.url == server.url("/2025/10/21/harbour-deal-reached")
    front = yaml.safe_load(second.path.read_text(encoding="utf-8").split("---")[1])
    assert (front["version"], front["previous"]) == (2, first.id)
    assert first.path.is_file()  # the old version stays, as for any update
    # Read again: nothing new, nothing asked again.
    again = fetch(settings=quick_settings(), force=True)
    assert (again.new, again.updated) == (0, 0)
    assert server.hits("/2025/10/21/harbour-deal-reached") == 1


def test_a_moved_entry_with_the_same_text_and_stamp_writes_nothing_and_is_kept_under_its_new_link(server):
    """http -> https, a tracking hop dropped: the page at the new address is asked once, its text
    is the article's, nothing is written; the article is found by its new link from then on (another
    feed giving that link is no new article)."""
    server.route("/amp/harbour", Reply(page(TITLE, TEXT)))
    serve(server, [item(server, "/amp/harbour", "guid-7")])
    add_subscription(server.url("/feed.xml"))
    [first] = fetch(settings=quick_settings()).articles

    server.route("/harbour", Reply(page(TITLE, TEXT)))
    serve(server, [item(server, "/harbour", "guid-7")])
    report = fetch(settings=quick_settings(), force=True)

    # (not a "duplicate" of itself either, as when its new link was taken for another article's)
    assert (report.new, report.updated, report.duplicates, report.failures) == (0, 0, 0, [])
    assert server.hits("/harbour") == 1 and len(stored_files()) == 1
    record = ArticleStore().record(server.url("/harbour"))
    assert record is not None and record["id"] == first.id


def test_entries_sharing_one_guid_stay_apart_by_their_links(server):
    """A CMS that gives every item the same guid: two articles, as before, and one of them changing
    its link later is no update of the other."""
    other = "Railway link to open next year"
    server.route("/news/harbour", Reply(page(TITLE, TEXT)))
    server.route("/news/railway", Reply(page(other, ["The railway link to the harbour opens next year, " * 4])))
    serve(server, [item(server, "/news/harbour", "1"), item(server, "/news/railway", "1", title=other)])
    add_subscription(server.url("/feed.xml"))

    assert fetch(settings=quick_settings()).new == 2

    server.route("/news/railway-2026", Reply(page(other, ["The railway link to the harbour opens in 2026, " * 4])))
    serve(server, [item(server, "/news/harbour", "1"), item(server, "/news/railway-2026", "1", title=other)])
    report = fetch(settings=quick_settings(), force=True)
    assert (report.new, report.updated) == (1, 0)  # a new link, no id to know it by: a new article, as before


def test_a_guid_that_changes_every_read_makes_no_duplicate_and_is_not_piled_up(server):
    """A feed whose generator makes a new guid each time it is read: the entry is known by its link
    as before (nothing new), and only the ids of the last read are kept."""
    server.route("/news/harbour", Reply(page(TITLE, TEXT)))
    add_subscription(server.url("/feed.xml"))
    for n in range(4):
        serve(server, [item(server, "/news/harbour", f"urn:uuid:{n:08d}-random")])
        report = fetch(settings=quick_settings(), force=True)
        assert (report.new, report.updated, report.duplicates) == ((1 if n == 0 else 0), 0, 0)
    assert len(stored_files()) == 1
    keys = ArticleStore().state["feeds"][server.url("/feed.xml")]["entry_keys"]
    assert keys == {entry_key("urn:uuid:00000003-random"): entry_key(server.url("/news/harbour"))}


def test_a_moved_entry_whose_new_page_fails_for_now_is_asked_again_next_run(server):
    """Its stamp unchanged, the moved entry is still asked at its new link on the next run (not
    left as "seen" because its record was moved), and then kept as the update."""
    server.route("/old", Reply(page(TITLE, TEXT)))
    serve(server, [item(server, "/old", "guid-9")])
    add_subscription(server.url("/feed.xml"))
    [first] = fetch(settings=quick_settings()).articles

    server.route("/new", Reply(status=503))
    serve(server, [item(server, "/new", "guid-9")])
    assert fetch(settings=quick_settings(), force=True).articles == []

    server.route("/new", Reply(page(TITLE, EDITED)))
    report = fetch(settings=quick_settings(), force=True)
    [second] = report.articles
    assert (report.new, second.version, second.previous) == (0, 2, first.id)


def test_a_moved_entry_whose_page_names_another_address_is_still_the_update(server):
    """The entry's new link carries a parameter its page's canonical link drops: the article moves
    on to that address (the record was overwritten by an alias there, and the page stored anew)."""
    from http_fixture import page as article_page

    server.route("/news/harbour", Reply(page(TITLE, TEXT)))
    serve(server, [item(server, "/news/harbour", "guid-3")])
    add_subscription(server.url("/feed.xml"))
    [first] = fetch(settings=quick_settings()).articles

    clean = server.url("/2025/harbour")
    server.route("/2025/harbour", Reply(article_page(TITLE, EDITED, canonical=clean)))
    serve(server, [item(server, "/2025/harbour?session=4f2a", "guid-3")])
    report = fetch(settings=quick_settings(), force=True)

    [second] = report.articles
    assert (report.new, second.version, second.previous, second.url) == (0, 2, first.id, clean)
    assert ArticleStore().record(server.url("/2025/harbour?session=4f2a"))["id"] == second.id


def test_a_feed_cut_short_keeps_the_ids_of_the_entries_after_the_cut(server):
    """A read that stops before the feed's end lists only the entries before the cut: the others'
    ids are kept, so one of them that moves later is still known."""
    other = "Railway link to open next year"
    server.route("/news/harbour", Reply(page(TITLE, TEXT)))
    server.route("/news/railway", Reply(page(other, ["The railway link to the harbour opens next year, " * 4])))
    first, second = item(server, "/news/harbour", "g-1"), item(server, "/news/railway", "g-2", title=other)
    serve(server, [first, second])
    add_subscription(server.url("/feed.xml"))
    stored = {a.title: a for a in fetch(settings=quick_settings()).articles}

    whole = rss("Harbour News", [first, second])
    cut = whole[: whole.index("<item>", whole.index("<item>") + 1)]  # the connection dropped there
    server.route("/feed.xml", Reply(cut, content_type="application/rss+xml"))
    fetch(settings=quick_settings(), force=True)

    server.route("/news/railway-2026", Reply(page(other, ["The railway link to the harbour opens in 2026, " * 4])))
    serve(server, [first, item(server, "/news/railway-2026", "g-2", title=other)])
    report = fetch(settings=quick_settings(), force=True)

    [moved] = report.articles
    assert (report.new, moved.version, moved.previous) == (0, 2, stored[other].id)


def test_a_moved_entry_whose_new_page_is_gone_keeps_its_article(server):
    """The entry's new link answers 404 (a publisher's broken move): the article kept stays known
    under its old link, not left with no record (its old link, listed again, was a new article)."""
    server.route("/old", Reply(page(TITLE, TEXT)))
    serve(server, [item(server, "/old", "guid-5")])
    add_subscription(server.url("/feed.xml"))
    [first] = fetch(settings=quick_settings()).articles

    server.route("/broken", Reply("not here", status=404))
    serve(server, [item(server, "/broken", "guid-5")])
    moved = fetch(settings=quick_settings(), force=True)
    assert [f.url for f in moved.failures] == [server.url("/broken")]
    assert ArticleStore().record(server.url("/old"))["id"] == first.id

    serve(server, [item(server, "/old", "guid-5")])  # the move undone
    report = fetch(settings=quick_settings(), force=True)
    assert (report.new, report.updated, report.duplicates) == (0, 0, 0)
    assert len(stored_files()) == 1


@pytest.mark.parametrize("guid_path", ["/", "/feed.xml"])
def test_a_one_entry_feed_whose_guid_is_its_site_or_its_own_address_keeps_each_article_apart(server, guid_path):
    """A "latest story" feed of one entry whose generator gives the site's home page (or the feed's
    own address) as every entry's guid: each day's new story is a new article, not version 2 of
    yesterday's (which took its marks)."""
    other = "Railway link to open next year"
    server.route("/news/harbour", Reply(page(TITLE, TEXT)))
    server.route("/news/railway", Reply(page(other, ["The railway link to the harbour opens next year, " * 4])))
    serve(server, [item(server, "/news/harbour", server.url(guid_path))])
    add_subscription(server.url("/feed.xml"))
    [first] = fetch(settings=quick_settings()).articles

    serve(server, [item(server, "/news/railway", server.url(guid_path), title=other)])
    report = fetch(settings=quick_settings(), force=True)

    [second] = report.articles
    assert (report.new, report.updated, second.version, second.previous) == (1, 0, 1, None)
    assert ArticleStore().record(server.url("/news/harbour"))["id"] == first.id


def test_moved_records_are_repointed_in_one_pass_not_one_pass_per_move(tmp_path):
    """Each move went over every text hash and record of the store: a site's move to https (a
    feed's 3,000 entries) took 97 s in a store of 100,000 URLs. The moves of a read are settled in
    one pass, and their hashes and aliases lead to the new keys, moved on again or moved back."""

    class CountedPasses(dict):
        passes = 0

        def items(self):
            CountedPasses.passes += 1
            return super().items()

    store = ArticleStore(root=tmp_path / "fetched")
    urls = {f"http://x.example/{n}": {"id": f"x/{n}", "stamp": None, "stamps": {}} for n in range(4)}
    urls["http://x.example/amp/1"] = {"alias": "http://x.example/1"}
    store.state["urls"] = CountedPasses(urls)
    store.state["hashes"] = CountedPasses({f"h{n}": f"http://x.example/{n}" for n in range(4)})

    for n in range(3):
        store.relink(f"http://x.example/{n}", f"https://x.example/{n}")
    store.relink("https://x.example/1", "https://x.example/news/1")  # moved on again
    store.settle_moves()
    assert CountedPasses.passes == 2  # the hashes once, the records once
    store.note_gone("https://x.example/2", "HTTP 404", None)  # moved back: its new link is gone

    assert store.state["hashes"] == {
        "h0": "https://x.example/0",
        "h1": "https://x.example/news/1",
        "h2": "http://x.example/2",
        "h3": "http://x.example/3",
    }
    assert store.record("http://x.example/amp/1")["id"] == "x/1"
    assert store.record("http://x.example/1")["id"] == "x/1"
    assert store.duplicate_of("https://x.example/news/1", "h1") is None  # not a duplicate of itself


# -- an id the CMS gives each new story in turn ("latest", "1") ----------------------------------
RAILWAY = "Railway link to open next year"
RAILWAY_TEXT = ["The railway link to the harbour opens next year, the transport minister told parliament. " * 3]
STORM = "Storm closes schools across the north"
STORM_TEXT = ["Schools across the north stayed shut on Friday as gales brought down trees and power lines. " * 3]


@pytest.mark.parametrize("guid", ["latest", "1"])
def test_a_guid_each_new_story_is_given_in_turn_makes_no_version_of_the_story_before(server, guid):
    """A one-entry "latest story" feed whose CMS gives every story the guid "latest" (or "1"):
    each day's story at its own link was taken for the one before moved there, version 2 of it
    (its marks going to a story never read). Another title and another text: the id is reused,
    noted, and known by nothing from then on (each story is one of its own, as for no guid)."""
    server.route("/news/harbour", Reply(page(TITLE, TEXT)))
    server.route("/news/railway", Reply(page(RAILWAY, RAILWAY_TEXT)))
    server.route("/news/storm", Reply(page(STORM, STORM_TEXT)))
    serve(server, [item(server, "/news/harbour", guid)])
    add_subscription(server.url("/feed.xml"))
    [first] = fetch(settings=quick_settings()).articles

    # Each story published at its own time (a feed of titles alone: the time tells them apart).
    serve(server, [item(server, "/news/railway", guid, title=RAILWAY, stamp="Wed, 22 Oct 2025 10:00:00 GMT")])
    report = fetch(settings=quick_settings(), force=True)

    [second] = report.articles
    assert (report.new, report.updated, second.version, second.previous) == (1, 0, 1, None)
    assert ArticleStore().record(server.url("/news/harbour"))["id"] == first.id
    # (a guid not marked isPermaLink="false" is read as a link, resolved against the feed's address)
    [noted] = ArticleStore().state["feeds"][server.url("/feed.xml")]["reused_ids"]
    assert noted.rsplit("/", 1)[-1] == guid
    # Noted: the next story under it is a new article at once, the one before untouched.
    serve(server, [item(server, "/news/storm", guid, title=STORM, stamp="Thu, 23 Oct 2025 10:00:00 GMT")])
    third = fetch(settings=quick_settings(), force=True)
    assert (third.new, third.updated, [a.previous for a in third.articles]) == (1, 0, [None])
    assert ArticleStore().record(server.url("/news/railway"))["id"] == second.id


@pytest.mark.parametrize(
    ("path", "title"),
    [
        # A title edited (a word added): an update, not a reused id.
        ("/news/harbour-deal-finally", "Harbour deal finally reached after a long night of talks"),
        # A feed of titles alone (no summary): the same guid at a new link under a rewritten
        # headline was taken for another story (the guid noted reused for good, the marks left on
        # the first). Published at the same time as the kept entry, it is that entry moved.
        ("/2025/10/21/port-wall", "Port wall to be rebuilt before winter, council says"),
    ],
    ids=["title-edited", "headline-rewritten"],
)
def test_an_entry_that_moves_with_its_title_edited_or_rewritten_is_a_new_version(server, path, title):
    """The same guid at a new link under another title, published at the same time: an update."""
    server.route("/news/harbour-deal", Reply(page(TITLE, TEXT)))
    serve(server, [item(server, "/news/harbour-deal", "harbour-7")])
    add_subscription(server.url("/feed.xml"))
    [first] = fetch(settings=quick_settings()).articles

    server.route(path, Reply(page(title, EDITED)))
    serve(server, [item(server, path, "harbour-7", title=title)])
    report = fetch(settings=quick_settings(), force=True)

    [second] = report.articles
    assert (report.new, report.updated, second.version, second.previous) == (0, 1, 2, first.id)
    assert "reused_ids" not in ArticleStore().state["feeds"][server.url("/feed.xml")]


@pytest.mark.parametrize(
    "stamp",
    [
        "Tue, 21 Oct 2025 00:00:00 GMT",  # a feed that writes each entry's day alone, as midnight
        "Tue, 21 Oct 2025",  # the day with no time at all
        "Invalid Date",  # a template's broken date, the same on every entry
        "Fri, 31 Dec 9999 23:59:59 GMT",  # a date far in the future, on every entry
        "Mon, 01 Jan 2035 10:00:00 GMT",
    ],
)
def test_a_reused_guid_in_a_feed_whose_times_tell_nothing_still_brings_a_new_story(server, stamp):
    """A titles-only "latest" feed whose every entry has the same published text (a day written
    as midnight, a broken or placeholder date): "the same time" says nothing, and the next story
    was taken for the one before moved, version 2 of it (its read mark on a story never read)."""
    server.route("/news/harbour", Reply(page(TITLE, TEXT)))
    server.route("/news/railway", Reply(page(RAILWAY, RAILWAY_TEXT)))
    serve(server, [item(server, "/news/harbour", "latest", stamp=stamp)])
    add_subscription(server.url("/feed.xml"))
    fetch(settings=quick_settings())

    serve(server, [item(server, "/news/railway", "latest", title=RAILWAY, stamp=stamp)])
    report = fetch(settings=quick_settings(), force=True)

    [second] = report.articles
    assert (report.new, report.updated, second.previous) == (1, 0, None)
    assert ArticleStore().state["feeds"][server.url("/feed.xml")]["reused_ids"]


@pytest.mark.parametrize(
    "moved_stamp", ["Tue, 21 Oct 2025 10:00:00 +0000", "Tue, 21 Oct 2025 12:00:00 +0200", "2025-10-21T10:00:00Z"]
)
def test_a_titles_only_entry_moved_with_its_time_written_another_way_is_a_new_version(server, moved_stamp):
    """The same moment written another way (the CMS's feed now gives +0000, or local time with
    its offset): compared as text, it was "published at another time", and the entry moved
    under a rewritten headline was taken for another story (its guid noted reused for good)."""
    server.route("/news/harbour-deal", Reply(page(TITLE, TEXT)))
    serve(server, [item(server, "/news/harbour-deal", "harbour-7")])
    add_subscription(server.url("/feed.xml"))
    [first] = fetch(settings=quick_settings()).articles

    rewritten = "Port wall to be rebuilt before winter, council says"
    server.route("/2025/10/21/port-wall", Reply(page(rewritten, EDITED)))
    serve(server, [item(server, "/2025/10/21/port-wall", "harbour-7", title=rewritten, stamp=moved_stamp)])
    report = fetch(settings=quick_settings(), force=True)

    [second] = report.articles
    assert (report.new, report.updated, second.previous) == (0, 1, first.id)
    assert "reused_ids" not in ArticleStore().state["feeds"][server.url("/feed.xml")]


REWRITTEN = "Port wall to be rebuilt before winter, council says"
REDATED = "Wed, 22 Oct 2025 08:00:00 GMT"


@pytest.mark.parametrize(
    ("title", "moved_stamp", "text", "a_version"),
    [
        # The headline edited, the date bumped: a version, as the feed tells.
        ("Harbour deal finally reached after a long night of talks", REDATED, EDITED, True),
        # Rewritten and re-dated: nothing in a feed of titles alone ties it to the kept story
        # but the id, the thing in doubt. An outlet re-publishing its updated story under a new
        # address does that; so does a CMS's "latest" id on the next story. The page tells:
        (REWRITTEN, REDATED, EDITED, True),  # the story told again
        (RAILWAY, REDATED, RAILWAY_TEXT, False),  # another story: the id is reused
        # Rewritten, its time kept: the same entry moved (a new story has a time of its own).
        (REWRITTEN, "Tue, 21 Oct 2025 10:00:00 GMT", EDITED, True),
    ],
    ids=["edited-and-redated", "rewritten-and-redated-same-text", "rewritten-and-redated-other-text", "same-time"],
)
def test_a_titles_only_entry_that_moves_under_a_new_headline_and_date_is_told_by_its_page(
    server, title, moved_stamp, text, a_version
):
    server.route("/news/harbour-deal", Reply(page(TITLE, TEXT)))
    serve(server, [item(server, "/news/harbour-deal", "harbour-7")])
    add_subscription(server.url("/feed.xml"))
    [first] = fetch(settings=quick_settings()).articles

    server.route("/2025/10/22/harbour", Reply(page(title, text)))
    serve(server, [item(server, "/2025/10/22/harbour", "harbour-7", title=title, stamp=moved_stamp)])
    report = fetch(settings=quick_settings(), force=True)

    [second] = report.articles
    expected = (0, 1, first.id) if a_version else (1, 0, None)
    assert (report.new, report.updated, second.previous) == expected
    feed_state = ArticleStore().state["feeds"][server.url("/feed.xml")]
    assert ("reused_ids" in feed_state) is not a_version
    # The old link leads to the article kept under it: its new version once moved, else itself.
    assert ArticleStore().record(server.url("/news/harbour-deal"))["id"] == (second.id if a_version else first.id)
    # Read again: nothing new, the page asked once.
    assert fetch(settings=quick_settings(), force=True).articles == []
    assert server.hits("/2025/10/22/harbour") == 1


OTHER_STORIES = [
    ("/news/ferries", "Ferries delayed by fog in the north"),
    ("/news/schools", "Schools reopen after storm repairs"),
]


@pytest.mark.parametrize("fixed", ["Mon, 06 Oct 2025 08:00:00 GMT", "2025-10-06T08:00:00Z"])
def test_a_time_every_entry_of_a_feed_gives_tells_nothing(server, fixed):
    """A feed whose every entry gives one fixed time (a CMS's default, the feed's build time on
    each entry): the next story under a reused guid was "published at the same time" as the one
    before, so taken for it moved under a rewritten headline (version 2, its marks on a story
    never read). Shared by the feed's entries, the time is compared as no time: the title decides."""
    for path, headline in OTHER_STORIES:
        server.route(path, Reply(page(headline, [f"{headline}, officials said on Monday. " * 4])))
    others = [item(server, path, path, title=headline, stamp=fixed) for path, headline in OTHER_STORIES]
    server.route("/news/harbour", Reply(page(TITLE, TEXT)))
    server.route("/news/railway", Reply(page(RAILWAY, RAILWAY_TEXT)))
    serve(server, [item(server, "/news/harbour", "lead", stamp=fixed), *others])
    add_subscription(server.url("/feed.xml"))
    fetch(settings=quick_settings())

    serve(server, [item(server, "/news/railway", "lead", title=RAILWAY, stamp=fixed), *others])
    report = fetch(settings=quick_settings(), force=True)

    [second] = report.articles
    assert (report.new, report.updated, second.previous) == (1, 0, None)
    assert ArticleStore().state["feeds"][server.url("/feed.xml")]["reused_ids"]


def test_times_telling_nothing_are_those_several_entries_share():
    from reader.fetch.reused_ids import times_telling_nothing

    fixed, own = "Mon, 06 Oct 2025 08:00:00 GMT", "Mon, 06 Oct 2025 09:30:00 GMT"
    # One entry giving one moment twice (its pubDate as its stamp) shares it with no entry.
    assert times_telling_nothing([(own, own)]) == set()
    assert times_telling_nothing([(fixed, None), ("2025-10-06T08:00:00Z", None)]) == {"2025-10-06T08:00:00Z"}
    assert times_telling_nothing([(fixed, None), (fixed, None), (own, None)]) == set()  # two of three: may be
    own_times = [(f"Mon, 06 Oct 2025 1{hour}:00:00 GMT", None) for hour in range(5)]
    assert times_telling_nothing([(fixed, None)] * 3 + own_times) == {"2025-10-06T08:00:00Z"}


BRIEFING = "Morning briefing"
BRIEFINGS = [
    "Council approves the harbour budget after a night of talks; ferries delayed by fog in the north.",
    "Storm warnings issued for the coast; railway strike called off; schools reopen after repairs.",
]


def _briefing(server, text: str, day: int, time: str = " 06:00:00 GMT") -> None:
    """A feed of one entry without a link, its text in the feed: the same guid and title daily."""
    entry = {"title": BRIEFING, "guid": "briefing", "description": text, "pubDate": f"Tue, {day} Oct 2025{time}"}
    xml = rss("Bulletins", [entry]).replace("<guid>", '<guid isPermaLink="false">')
    server.route("/feed.xml", Reply(xml, content_type="application/rss+xml"))


def test_a_daily_briefing_under_one_guid_is_a_new_story_each_day_and_its_edit_a_version(server):
    """The same guid and title every morning over a text all new: each day's briefing was kept as
    a version of yesterday's (yesterday's read mark showing it read, "updated"). Published at
    another time, it is another story; today's edited (its time kept) is a version of today's."""
    add_subscription(server.url("/feed.xml"), outlet="Example News")
    _briefing(server, BRIEFINGS[0], 21)
    [monday] = fetch(settings=quick_settings()).articles

    _briefing(server, BRIEFINGS[1], 22)
    report = fetch(settings=quick_settings(), force=True)
    [tuesday] = report.articles
    assert (report.new, report.updated, tuesday.previous) == (1, 0, None)

    _briefing(server, BRIEFINGS[1] + " Correction: the strike is postponed, not called off.", 22)
    edited = fetch(settings=quick_settings(), force=True)
    assert (edited.new, edited.updated, [a.previous for a in edited.articles]) == (0, 1, [tuesday.id])
    assert monday.path.is_file() and monday.id != tuesday.id


@pytest.mark.parametrize(
    ("text", "date", "a_version"),
    [
        (BRIEFINGS[1], "2025-10-22", False),  # the next day's issue: all new, a later day
        (BRIEFINGS[0] + " Correction: the fog has lifted.", "2025-10-22", True),  # edited, re-dated
        (BRIEFINGS[1], "2025-10-21", True),  # rewritten within its day: one page, its versions
    ],
    ids=["next-day-all-new", "next-day-edited", "same-day-rewritten"],
)
def test_a_daily_briefing_at_one_url_is_a_new_story_each_day_and_its_edit_a_version(server, text, date, a_version):
    """A briefing at one address ("/briefing/today"), a new text every morning: each day's issue
    was kept as a version of yesterday's (yesterday's read mark showing it read, "updated"). As
    for one guid: its text all new on a later day, another story; edited, or within its day, a version."""
    add_subscription(server.url("/feed.xml"))
    server.route("/briefing/today", Reply(page(BRIEFING, [BRIEFINGS[0]], date="2025-10-21")))
    serve(server, [item(server, "/briefing/today", None, title=BRIEFING)])
    [monday] = fetch(settings=quick_settings()).articles

    server.route("/briefing/today", Reply(page(BRIEFING, [text], date=date)))
    stamp = f"{'Wed, 22' if date.endswith('22') else 'Tue, 21'} Oct 2025 06:00:00 GMT"
    serve(server, [item(server, "/briefing/today", None, title=BRIEFING, stamp=stamp)])
    report = fetch(settings=quick_settings(), force=True)

    [today] = report.articles
    expected = (0, 1, 2, monday.id) if a_version else (1, 0, 1, None)
    assert (report.new, report.updated, today.version, today.previous) == expected
    assert monday.path.is_file() and today.path != monday.path
    # Read again: nothing new, and the page is known by its address.
    assert fetch(settings=quick_settings(), force=True).articles == []


def test_same_story_weighs_the_published_time_where_the_text_cannot_tell():
    from reader.fetch.reused_ids import same_story

    text = " ".join(TEXT)
    rewritten = "Port wall to be rebuilt before winter, council says"
    assert same_story(TITLE, text, rewritten, "", republished=False)  # titles alone: moved, retitled
    assert not same_story(TITLE, text, rewritten, "", republished=True)  # a "latest" id's next story
    assert not same_story(TITLE, text, rewritten, "")  # no time to tell: the title decides
    other = " ".join(RAILWAY_TEXT)
    assert not same_story(TITLE, text, TITLE, other, republished=True)  # a daily briefing's next day
    assert same_story(TITLE, text, TITLE, other, republished=False)  # rewritten in place, its time kept
    assert same_story(TITLE, text, TITLE, other)  # no time to tell: the title decides
    assert same_story(TITLE, text, rewritten, text + " Updated.", republished=True)  # the text kept


def _linkless(server, entries: list[tuple[str, str, str]]) -> None:
    """A feed of entries without a link, each (guid, title, text), dated by its title."""
    day = {TITLE: 21, RAILWAY: 22}
    items = [
        {"title": title, "guid": guid, "description": text, "pubDate": f"Tue, {day[title]} Oct 2025 10:00:00 GMT"}
        for guid, title, text in entries
    ]
    xml = rss("Bulletins", items).replace("<guid>", '<guid isPermaLink="false">')
    server.route("/feed.xml", Reply(xml, content_type="application/rss+xml"))


def test_a_linkless_entry_whose_reused_guid_brings_another_story_is_a_new_article(server):
    """Entries without a link are keyed by their guid: a new story under the guid of the one
    before was stored as version 2 of it. The guid found reused, an entry is keyed as one without
    a guid is, by its title and date: its edit is still a version."""
    from reader.fetch.store import _front_and_body

    add_subscription(server.url("/feed.xml"), outlet="Example News")
    _linkless(server, [("latest", TITLE, " ".join(TEXT))])
    [first] = fetch(settings=quick_settings()).articles

    _linkless(server, [("latest", RAILWAY, " ".join(RAILWAY_TEXT))])
    report = fetch(settings=quick_settings(), force=True)

    [second] = report.articles
    assert (report.new, report.updated, second.previous) == (1, 0, None)
    assert _front_and_body(first.path)[0]["title"] == TITLE  # the story before stays as it was
    # The railway story edited, still under "latest": version 2 of it.
    _linkless(server, [("latest", RAILWAY, " ".join(RAILWAY_TEXT) + " Updated.")])
    edited = fetch(settings=quick_settings(), force=True)
    assert (edited.new, edited.updated, [a.previous for a in edited.articles]) == (0, 1, [second.id])
    assert fetch(settings=quick_settings(), force=True).articles == []  # stored once


def test_same_story_tells_an_edit_from_another_story():
    from reader.fetch.reused_ids import same_story

    text = " ".join(TEXT)
    assert same_story(TITLE, text, TITLE + " on Tuesday", "")  # the title edited, no text given
    assert same_story(TITLE, text, "Port and council sign wall rebuild", text + " Updated.")  # text the same
    assert not same_story(TITLE, text, RAILWAY, " ".join(RAILWAY_TEXT))
    assert not same_story(TITLE, text, RAILWAY, "")  # another title and no text to say otherwise
    assert same_story(None, "", RAILWAY, "")  # nothing kept to compare with: the id stands


def test_an_entry_of_a_link_and_a_guid_alone_that_moves_keeps_its_guid():
    """An entry with no title and no text gives nothing to tell another story by: its move was
    taken for a reused guid (a new article, the marks left behind), where before it was an update."""
    from reader.fetch.reused_ids import same_story

    assert same_story(TITLE, " ".join(TEXT), None, "")
    assert same_story(TITLE, " ".join(TEXT), "  ", " \n")


def test_a_story_grown_from_a_short_first_report_is_an_update_not_a_reused_guid():
    """A breaking-news stub expanded into the full story, its headline rewritten: most of the new
    text's words were not in the stub's, and the entry was taken for another story (the guid
    noted reused for good, the update a new article and the marks left on the stub)."""
    from reader.fetch.reused_ids import same_story

    stub = "An explosion has been reported at the city harbour on Tuesday morning. More to follow."
    grown = stub + (
        " Three people were injured when a blast tore through a warehouse beside the ferry terminal,"
        " police said. Witnesses described windows shattering several streets away while firefighters"
        " battled flames through the afternoon. Investigators believe a gas cylinder stored near the"
        " loading bays caught fire shortly before nine o'clock. Ferry services resumed by evening."
    )
    old_title, new_title = "BREAKING: Explosion reported at harbour", "Three injured as blast rocks warehouse"

    assert same_story(old_title, stub, new_title, grown)
    assert same_story(old_title, grown, new_title, stub)  # (cut back to a summary: as before)
    assert not same_story(old_title, stub, RAILWAY, " ".join(RAILWAY_TEXT))


def test_an_unchanged_linkless_entry_is_not_compared_with_its_stored_file_at_each_read(server, monkeypatch):
    """Every read of a feed of entries without links opened and parsed each entry's stored file
    to tell a reused guid, the entry unchanged (400 entries: 0.65 s a read, then 1.5 s)."""
    from reader.fetch import store as store_module

    bodies = [" ".join(TEXT) + f" Item {n}." for n in range(3)]
    items = [
        {"title": f"{TITLE} {n}", "guid": f"g-{n}", "description": body, "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
        for n, body in enumerate(bodies)
    ]
    xml = rss("Bulletins", items).replace("<guid>", '<guid isPermaLink="false">')
    server.route("/feed.xml", Reply(xml, content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"), outlet="Example News")
    assert len(fetch(settings=quick_settings()).articles) == 3
    opened = []
    real = store_module._front_and_body
    monkeypatch.setattr(store_module, "_front_and_body", lambda path: opened.append(path) or real(path))

    assert fetch(settings=quick_settings(), force=True).articles == []

    assert opened == []


def test_titles_of_a_hostile_length_are_compared_by_their_heads_only(monkeypatch):
    """Two titles of 700 KB under one guid (a hostile feed: titles have no limit) held a fetch
    over 3 minutes in the title comparison, whose time grows with the product of the lengths."""
    from reader.fetch import reused_ids

    compared = []
    real = reused_ids.fuzz.token_set_ratio
    monkeypatch.setattr(
        reused_ids.fuzz, "token_set_ratio", lambda a, b: compared.append((len(a), len(b))) or real(a, b)
    )
    huge_old, huge_new = "harbour " * 2_000, "railway " * 2_000  # (16 KB: quick to fail without the cut)

    assert not reused_ids.same_story(huge_old, "", huge_new, "")
    assert reused_ids.same_story(huge_old, "", huge_old + "edited", "")

    assert compared and all(max(lengths) <= reused_ids.TITLE_CHARS for lengths in compared)


FIXTURE = Path(__file__).parent / "fixtures" / "fetch_state_2025"


def test_a_fetch_state_written_before_entry_keys_still_knows_its_entries(server):
    """The data folder a fetch of the reader before ENTRY_KEYS left (its fetch-state.json holds
    each entry's id and URL): its entries are known still, by id. A moved one is a new version of
    its article; an unchanged one is not asked again; the state is saved compact."""
    port = server.url("/").split(":")[2].rstrip("/")
    data = config.fetched_corpus_dir().parent
    for path in FIXTURE.rglob("*"):
        if path.is_file():
            target = data / path.relative_to(FIXTURE)
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix in (".json", ".md"):
                target.write_text(path.read_text(encoding="utf-8").replace("127.0.0.1:PORT", f"127.0.0.1:{port}"))
            else:
                target.write_bytes(path.read_bytes())
    old_id = ArticleStore().record(server.url("/news/harbour-deal"))["id"]
    server.route("/2025/10/21/harbour-deal-reached", Reply(page(TITLE, EDITED)))
    server.route("/news/railway", Reply(page("Railway link to open next year", TEXT)))
    moved = item(server, "/2025/10/21/harbour-deal-reached", "tag:harbour.example,2025:7")
    railway = item(
        server, "/news/railway", "https://harbour.example/2025/10/railway-link", title="Railway link to open next year"
    )
    railway["pubDate"] = "Mon, 20 Oct 2025 09:00:00 GMT"
    serve(server, [moved, railway])
    add_subscription(server.url("/feed.xml"))

    report = fetch(settings=quick_settings(), force=True)

    assert (report.new, report.updated, report.duplicates, report.failures) == (0, 1, 0, [])
    assert (report.articles[0].version, report.articles[0].previous) == (2, old_id)
    assert server.hits("/news/railway") == 0
    saved = json.loads((data / "fetch-state.json").read_text(encoding="utf-8"))["feeds"][server.url("/feed.xml")]
    assert "entry_ids" not in saved
    assert saved["entry_keys"] == {
        entry_key("tag:harbour.example,2025:7"): entry_key(server.url("/2025/10/21/harbour-deal-reached")),
        entry_key("https://harbour.example/2025/10/railway-link"): entry_key(server.url("/news/railway")),
    }


def test_a_feed_cut_short_every_run_keeps_no_more_ids_than_it_lists():
    """Cut short, a feed keeps the ids of the entries after the cut (it did not list them): run
    after run, with new entries each time, they piled up without end."""
    from reader.fetch.run import _kept_after_cut

    listed = {entry_key(f"id-{n}"): entry_key(f"url-{n}") for n in range(500)}
    kept = listed
    for run in range(20):  # each run cut after 10 new entries
        now = {entry_key(f"new-{run}-{n}"): entry_key(f"new-url-{run}-{n}") for n in range(10)}
        kept = _kept_after_cut(kept, now)
        assert len(kept) == 500 and list(kept)[:10] == list(now)
    # The most recently listed of the earlier ones stay: the first 300 of the full read.
    assert list(kept)[200:] == list(listed)[:300]


def test_moved_entries_key_each_url_of_the_state_once(tmp_path, monkeypatch):
    """An entry whose link moved finds its article's URL by its key (url_of_key). Each entry whose
    old link was never stored, after another was relinked (a URL added), keyed every URL of the
    state again: 100 such entries took 41 s in a state of 100,000 URLs."""
    import reader.fetch.store as store_module

    store = ArticleStore(tmp_path / "fetched", tmp_path / "fetch-state.json")
    urls = store.state["urls"]
    for n in range(1000):
        urls[f"https://x.example/{n}"] = {"id": f"x/{n}", "hash": f"h{n}"}
    keyed: list[str] = []
    real_key = store_module.entry_key
    monkeypatch.setattr(store_module, "entry_key", lambda text: keyed.append(text) or real_key(text))

    assert store.url_of_key(real_key("https://x.example/7")) == "https://x.example/7"
    for n in range(50):  # an entry relinked (its new URL added), then one whose old link was never stored
        urls[f"https://x.example/moved/{n}"] = {"id": f"x/m{n}", "hash": f"m{n}"}
        assert store.url_of_key(real_key(f"https://x.example/never/{n}")) is None
    assert store.url_of_key(real_key("https://x.example/moved/3")) == "https://x.example/moved/3"
    assert len(keyed) == len(urls)


def test_entry_ids_an_older_reader_wrote_after_entry_keys_are_the_ones_kept(tmp_path):
    """A data folder used by this reader, then by an older one (which wrote `entry_ids` and left
    `entry_keys` as they were), then by this one again: what the older one noted last is known,
    not the keys it never updated (an entry it saw move read as still at its old link)."""
    feed = "https://harbour.example/feed.xml"
    stale = {entry_key("tag:7"): entry_key("https://harbour.example/old"), entry_key("tag:gone"): entry_key("x")}
    state = {
        "version": STATE_VERSION,
        "feeds": {feed: {"entry_keys": stale, "entry_ids": {"tag:7": "https://harbour.example/new"}}},
    }
    path = tmp_path / "fetch-state.json"
    path.write_text(json.dumps(state), encoding="utf-8")

    keys = ArticleStore(tmp_path / "fetched", path).state["feeds"][feed]["entry_keys"]

    assert keys == {entry_key("tag:7"): entry_key("https://harbour.example/new")}


def test_published_moments_are_compared_as_moments_and_only_where_they_tell_a_time():
    import datetime as dt

    from reader.fetch.reused_ids import published_moment, republished

    now = dt.datetime(2025, 10, 22, tzinfo=dt.timezone.utc)
    ten = "2025-10-21T10:00:00Z"
    for written in ("Tue, 21 Oct 2025 10:00:00 GMT", "Tue, 21 Oct 2025 12:00:00 +0200", "2025-10-21T10:00:00.000Z"):
        assert published_moment(written, now) == ten
    assert published_moment("Tue, 21 Oct 2025 10:00:00 GMT", now - dt.timedelta(days=2)) is None  # ahead
    for written in (
        "2025-10-21T00:00:00-05:00",
        "Tue, 21 Oct 2025 00:00 GMT",
        "2025-10-21T00:00:00.000Z",
        "2025-10-21",
    ):
        assert published_moment(written, now) is None, written
    for hostile in (None, 7, "", "Invalid Date", "\u202e2025-10-21T10:00:00Z", "9" * 100, "10:00:00 " * 50):
        assert published_moment(hostile, now) is None, hostile
    assert published_moment("Tue, 21 Oct 2025 10:00:00 GMT") == ten  # the clock's now
    assert published_moment(dt.datetime(2025, 10, 21, 10, tzinfo=dt.timezone.utc), now) == ten  # (YAML's)
    assert republished(("Tue, 21 Oct 2025 10:00:00 GMT",), "2025-10-21T10:00:00+00:00", None) is False
    assert republished(("Tue, 21 Oct 2025 10:00:00 GMT", None), "Wed, 22 Oct 2025 06:00:00 GMT", None) is True
    # An RSS item edited: its pubDate kept, the kept stamp its pubDate; an Atom entry's kept
    # stamp its updated time, given again as `stamp` while it is not edited.
    assert republished(("2025-10-21T11:00:00Z",), "2025-10-21T09:00:00Z", "2025-10-21T11:00:00Z") is False
    assert republished((None, "Invalid Date"), "Tue, 21 Oct 2025 10:00:00 GMT", None) is None
    # Dated by the day alone: another day tells, the same day does not (nor a placeholder's).
    assert republished(("Tue, 21 Oct 2025 00:00:00 GMT",), "Wed, 22 Oct 2025 00:00:00 GMT", None) is True
    assert republished(("Tue, 21 Oct 2025",), "Tue, 21 Oct 2025 10:00:00 GMT", None) is None
    assert republished(("Mon, 01 Jan 2035",), "Tue, 21 Oct 2025", None) is None


def test_a_linkless_entry_edited_with_its_pubdate_moved_by_the_cms_is_still_a_version(server):
    """Many CMSs move an item's pubDate when it is edited: the text, mostly kept, decides."""
    add_subscription(server.url("/feed.xml"), outlet="Example News")
    _briefing(server, BRIEFINGS[1], 22)
    [first] = fetch(settings=quick_settings()).articles

    _briefing(server, BRIEFINGS[1] + " Correction: the strike is postponed, not called off.", 23)
    edited = fetch(settings=quick_settings(), force=True)
    assert (edited.new, edited.updated, [a.previous for a in edited.articles]) == (0, 1, [first.id])


def _atom(server, path: str, title: str, updated: str) -> None:
    """A titles-only Atom feed of one entry, published at 09:00, its <updated> as given."""
    xml = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour News</title><id>urn:harbour</id>
<updated>{updated}</updated><entry><title>{title}</title><id>tag:harbour.example,2025:7</id>
<link href="{server.url(path)}"/><published>2025-10-21T09:00:00Z</published><updated>{updated}</updated>
</entry></feed>"""
    server.route("/feed.xml", Reply(xml, content_type="application/atom+xml"))


def test_an_atom_entry_moved_twice_under_new_headlines_its_published_time_kept_stays_one_article(server):
    """An Atom entry gives its <published> time and a new <updated> one at each edit: compared
    with the kept entry's updated time alone, its second move was "published at another time",
    another story (its guid noted reused, the marks left behind). The kept file's published
    time is the one it keeps."""
    add_subscription(server.url("/feed.xml"))
    headlines = [TITLE, "Port wall to be rebuilt before winter, council says", "Winter works on the sea wall approved"]
    previous = None
    for number, (headline, updated) in enumerate(
        zip(headlines, ["2025-10-21T09:00:00Z", "2025-10-21T11:00:00Z", "2025-10-21T15:00:00Z"])
    ):
        path = f"/news/harbour-{number}"
        server.route(
            path,
            Reply(page(headline, [*TEXT, *[f"Update {n}: the work starts in the spring." for n in range(number)]])),
        )
        _atom(server, path, headline, updated)
        report = fetch(settings=quick_settings(), force=True)
        [article] = report.articles
        assert (article.previous, article.version) == (previous, number + 1)
        previous = article.id
    assert "reused_ids" not in ArticleStore().state["feeds"][server.url("/feed.xml")]


@pytest.mark.parametrize("time", [" 00:00:00 GMT", ""])
def test_a_daily_briefing_dated_by_its_day_alone_is_a_new_story_each_day(server, time):
    """A newsletter's feed often dates each issue by its day (midnight, or no time): no moment
    to compare, but another day all the same; the same day tells nothing (the title decides)."""
    add_subscription(server.url("/feed.xml"), outlet="Example News")
    _briefing(server, BRIEFINGS[0], 21, time)
    fetch(settings=quick_settings())

    _briefing(server, BRIEFINGS[1], 22, time)
    report = fetch(settings=quick_settings(), force=True)
    assert (report.new, report.updated, [a.previous for a in report.articles]) == (1, 0, [None])


def _old_layout_state(path: Path) -> str:
    """A fetch-state.json as the reader before entry_keys wrote it; its feed's URL."""
    feed = "https://harbour.example/feed.xml"
    state = {"version": STATE_VERSION, "feeds": {feed: {"entry_ids": {"tag:7": "https://harbour.example/new"}}}}
    path.write_text(json.dumps(state), encoding="utf-8")
    return feed


def test_an_old_layout_state_is_written_converted_once_at_its_first_load(tmp_path, monkeypatch):
    """Converted at every load until the next fetch saved it (~4.7 s at 200 feeds of 500 entries,
    paid by each `reader feed list`): now the first load writes the converted form."""
    import reader.fetch.store as store_module

    path = tmp_path / "fetch-state.json"
    feed = _old_layout_state(path)

    ArticleStore(tmp_path / "fetched", path)
    converted = []
    real = store_module._compact_entry_ids
    monkeypatch.setattr(store_module, "_compact_entry_ids", lambda state: converted.append(1) or real(state))
    keys = ArticleStore(tmp_path / "fetched", path).state["feeds"][feed]["entry_keys"]

    saved = json.loads(path.read_text(encoding="utf-8"))["feeds"][feed]
    assert "entry_ids" not in saved and saved["entry_keys"] == keys
    assert keys == {entry_key("tag:7"): entry_key("https://harbour.example/new")}
    assert converted == [1] and not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_an_old_layout_state_is_not_written_while_a_fetch_holds_the_lock(tmp_path):
    """A fetch that runs saves the state itself: the load converts it in memory and writes nothing
    (waiting for the lock would stall `feed list` for the length of a fetch)."""
    path = tmp_path / "fetch-state.json"
    _old_layout_state(path)
    before = path.read_bytes()
    fetching = ArticleStore(tmp_path / "fetched", tmp_path / "other-state.json")
    fetching.state_path = path
    fetching.lock()
    try:
        store = ArticleStore(tmp_path / "fetched", path)
    finally:
        fetching.unlock()

    assert path.read_bytes() == before
    assert "entry_keys" in next(iter(store.state["feeds"].values()))


def test_an_old_layout_state_another_run_replaced_meanwhile_is_not_overwritten(tmp_path, monkeypatch):
    """A run that saved between this load's read and its write: its state stays (nothing undone)."""
    import reader.fetch.store as store_module

    path = tmp_path / "fetch-state.json"
    _old_layout_state(path)
    newer = json.dumps({"version": STATE_VERSION, "feeds": {}, "urls": {"https://harbour.example/x": {}}})
    real = store_module._compact_entry_ids

    def convert_while_another_run_saves(state: dict) -> bool:
        store_module.write_atomically(path, newer.encode("utf-8"))
        return real(state)

    monkeypatch.setattr(store_module, "_compact_entry_ids", convert_while_another_run_saves)
    ArticleStore(tmp_path / "fetched", path)

    assert path.read_text(encoding="utf-8") == newer


def test_an_old_layout_state_that_cannot_be_written_still_loads(tmp_path, monkeypatch):
    """A read-only data folder, a full disk: the state is converted in memory, as before."""
    import reader.fetch.store as store_module

    path = tmp_path / "fetch-state.json"
    feed = _old_layout_state(path)
    before = path.read_bytes()

    def full_disk(target, data) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module, "write_atomically", full_disk)
    store = ArticleStore(tmp_path / "fetched", path)

    assert path.read_bytes() == before and store.problem is None
    assert store.state["feeds"][feed]["entry_keys"] == {entry_key("tag:7"): entry_key("https://harbour.example/new")}


def test_an_old_layout_states_bytes_are_made_before_the_fetch_lock_is_taken(tmp_path, monkeypatch):
    """The JSON of a large state takes seconds (4.4 s at 66 MB, the write after it 0.9 s): made
    under the lock, a `reader fetch` starting meanwhile found it busy and stopped (exit 3)."""
    import fcntl

    path = tmp_path / "fetch-state.json"
    _old_layout_state(path)
    real = ArticleStore._state_bytes
    lock_free_then: list[bool] = []

    def state_bytes(self) -> bytes:
        with open(tmp_path / "fetch.lock", "a+") as other:
            try:
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                lock_free_then.append(False)
            else:
                lock_free_then.append(True)
                fcntl.flock(other, fcntl.LOCK_UN)
        return real(self)

    monkeypatch.setattr(ArticleStore, "_state_bytes", state_bytes)
    ArticleStore(tmp_path / "fetched", path)

    assert lock_free_then == [True]
    assert "entry_keys" in json.loads(path.read_text(encoding="utf-8"))["feeds"]["https://harbour.example/feed.xml"]


def test_a_state_file_a_killed_process_left_half_written_is_removed_by_the_next_fetch(tmp_path):
    """kill -9 while the state was written (a fetch's save, a `feed list` writing an old layout
    converted) left its hidden temporary file beside it, as large as the state, for good."""
    path = tmp_path / "fetch-state.json"
    _old_layout_state(path)
    leftover = tmp_path / ".fetch-state.json.k1ll3d.tmp"
    leftover.write_bytes(b'{"version":1,"feeds":{"https://harbour')
    other = tmp_path / ".marks.db.k1ll3d.tmp"  # not the state's: not this store's to remove
    other.write_bytes(b"")

    store = ArticleStore(tmp_path / "fetched", path)
    store.lock()
    store.unlock()

    assert not leftover.exists() and other.exists()
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


def _morning_batch(server, text: str, day: int) -> None:
    """The briefing and two other stories of the morning, all three published at 06:00:00 (an
    outlet's batch)."""
    entries = [
        {"title": BRIEFING, "guid": "briefing", "description": text},
        {"title": f"Ferries delayed by fog, {day} October", "guid": f"ferries-{day}", "description": "Ferries wait."},
        {"title": f"Schools reopen, {day} October", "guid": f"schools-{day}", "description": "Schools reopen."},
    ]
    for entry in entries:
        entry["pubDate"] = f"Tue, {day} Oct 2025 06:00:00 GMT"
    xml = rss("Bulletins", entries).replace("<guid>", '<guid isPermaLink="false">')
    server.route("/feed.xml", Reply(xml, content_type="application/rss+xml"))


def test_a_daily_briefing_published_in_a_morning_batch_is_still_a_new_story_each_day(server):
    """Several stories of a real feed published at one moment (a morning batch at 06:00:00): the
    moment is taken for one telling nothing (a CMS's fixed time), but its day still tells: the
    briefing under one guid, all new the next day, is a new story, not a version of yesterday's
    (yesterday's read mark on a briefing never read)."""
    add_subscription(server.url("/feed.xml"), outlet="Example News")
    _morning_batch(server, BRIEFINGS[0], 21)
    monday = next(a for a in fetch(settings=quick_settings()).articles if a.title == BRIEFING)

    _morning_batch(server, BRIEFINGS[1], 22)
    report = fetch(settings=quick_settings(), force=True)
    tuesday = next(a for a in report.articles if a.title == BRIEFING)
    assert (tuesday.version, tuesday.previous) == (1, None)
    assert monday.path.is_file() and monday.id != tuesday.id


def test_a_read_that_compares_no_time_reads_no_entry_time_to_find_those_telling_nothing(server, monkeypatch):
    """Finding the times several entries share reads every entry's times (0.2 ms each: 0.9 s a
    read of a feed of 1,000 entries, half its parse again): done only when a time is compared,
    never on a read whose entries are unchanged (most reads)."""
    from reader.fetch import run

    for path, headline in OTHER_STORIES:
        server.route(path, Reply(page(headline, [f"{headline}, officials said on Monday. " * 4])))
    serve(server, [item(server, path, path, title=headline) for path, headline in OTHER_STORIES])
    add_subscription(server.url("/feed.xml"))
    fetch(settings=quick_settings())
    found = []
    real = run.times_telling_nothing
    monkeypatch.setattr(run, "times_telling_nothing", lambda times: found.append(times) or real(times))

    assert fetch(settings=quick_settings(), force=True).articles == []
    assert found == []


def test_a_titles_only_entry_moved_under_a_new_headline_whose_page_fails_for_now_is_told_next_run(server):
    """Rewritten, re-dated and moved, the entry's page tells whether it is the kept article: when
    that page fails for now (503), the next run asks it again and it still tells (the update,
    the marks following), not a new article taken for good because the id now led to its link."""
    server.route("/news/harbour-deal", Reply(page(TITLE, TEXT)))
    serve(server, [item(server, "/news/harbour-deal", "harbour-7")])
    add_subscription(server.url("/feed.xml"))
    [first] = fetch(settings=quick_settings()).articles

    server.route("/2025/10/22/harbour", Reply(status=503))
    serve(server, [item(server, "/2025/10/22/harbour", "harbour-7", title=REWRITTEN, stamp=REDATED)])
    assert fetch(settings=quick_settings(), force=True).articles == []

    server.route("/2025/10/22/harbour", Reply(page(REWRITTEN, EDITED)))
    report = fetch(settings=quick_settings(), force=True)
    [second] = report.articles
    assert (report.new, report.updated, second.previous) == (0, 1, first.id)
    assert fetch(settings=quick_settings(), force=True).articles == []


def test_a_feed_whose_entries_all_lack_links_and_dates_is_kept_from_its_text_once(server):
    """newsboat shows such a feed (a notice board, a changelog); each entry is kept from the feed's
    own text, undated, and fetched again (no validators) none is kept twice, nor any page asked."""
    from http_fixture import Reply, rss
    from reader.fetch import fetch
    from reader.fetch.subscriptions import add_subscription
    from test_fetch import fast, fetched_files

    body = " ".join(["The harbour ferry timetable changes again after the council vote on the strike."] * 4)
    items = [{"title": f"Notice {n}", "description": f"{body} Notice number {n}."} for n in range(3)]
    server.route("/board.xml", Reply(rss("Board", items), content_type="application/rss+xml"))
    add_subscription(server.url("/board.xml"), outlet="Board")

    first = fetch(settings=fast())
    again = fetch(settings=fast(), force=True)

    assert first.new == 3 and [saved.date for saved in first.articles] == [None, None, None]
    assert all(path.name.startswith("undated-notice-") for path in fetched_files())
    assert again.new == 0 and again.updated == 0 and len(fetched_files()) == 3
    assert [path for path, _headers in server.log if path != "/robots.txt"] == ["/board.xml", "/board.xml"]
