"""Articles of many items (live blogs, roundups): reader.analysis.stories.items and how the
grouping reads them (by their lead item)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.analysis.stories import cluster_stories, group_stories, pair_similarities, story_features, update_stories
from reader.analysis.stories.items import split_items
from reader.analysis.stories.packed import PackedRecord, pack
from reader.corpus.model import Article


def art(aid, text, title, outlet, date):
    return Article(id=aid, path=Path(f"{aid}.txt"), text=text, title=title, outlet=outlet, date=date)


BRIDGE = (
    "The Millbrook river bridge collapsed on Monday morning after flood water undermined its pylons, "
    "engineer Harriet Quill said. Divers searched the Millbrook river for two trucks that fell with "
    "the span, and the county closed the ferry landing while inspectors examined the cracked pylons."
)
SCHOOL = (
    "The Carlton school board voted to close Westfield elementary and merge its pupils into Oakridge, "
    "chairman Desmond Pike said. Parents in Carlton protested the closure, and the board promised "
    "buses for every pupil moved from Westfield to Oakridge in the autumn term."
)
BUDGET = (
    "Governor Lydia Marsh unveiled a budget that raises the fuel levy and cuts the rail subsidy, "
    "treasurer Olin Grady said. Marsh wants the levy to pay for road repairs, and lawmakers in the "
    "capital will debate the fuel levy and the rail subsidy next week."
)
FIRE = (
    "A warehouse fire in the harbour district burned through the night before crews contained it, "
    "fire chief Nadia Brook said. No one was hurt; the harbour warehouse stored paper and paint."
)


def live_blog(aid, entries, date="2024-05-06", outlet="Wire", series="The Latest", intro=None):
    """An AP-style live blog: headline, introduction, then entries headed by a time, newest first."""
    title = f"{series}: {entries[0][1]}"
    intro = intro or "CAPITAL CITY (AP) — The Latest on the news of the day (all times local):"
    parts = [title, "", intro, ""]
    for stamp, _, body in entries:
        parts += [stamp, "", body, "", "___.", ""]
    return art(aid, "\n".join(parts), title, outlet, date)


BLOG = live_blog(
    "blog",
    [
        ("6:40 p.m.", "Governor unveils budget", BUDGET),
        ("4:15 p.m.", "Bridge collapses", BRIDGE),
        ("2:05 p.m.", "School board votes", SCHOOL),
        ("11:30 a.m.", "Warehouse fire", FIRE),
    ],
)


def groups(stories):
    return sorted(sorted(s.articles) for s in stories)


def test_a_live_blog_is_split_at_its_time_stamps_and_led_by_its_newest_entry():
    lead_end, spans = split_items(BLOG.title, BLOG.text)
    lead = BLOG.text[:lead_end]
    assert "The Latest on the news of the day" in lead and "Lydia Marsh" in lead and "Millbrook" not in lead
    assert len(spans) == 3
    assert "Millbrook" in BLOG.text[slice(*spans[0])] and "Carlton" in BLOG.text[slice(*spans[1])]
    assert spans[-1][1] == len(BLOG.text)


def test_a_roundup_is_split_at_its_headings_in_capitals():
    text = "\n\n".join(
        [
            "Tuesday's Morning Email: The budget.",
            "TOP STORIES.",  # a heading with no text of its own belongs to the item after it
            "GOVERNOR UNVEILS BUDGET " + BUDGET,
            "BRIDGE COLLAPSES IN MILLBROOK - " + BRIDGE,
            "WHAT'S BREWING.",
            SCHOOL,
        ]
    )
    lead_end, spans = split_items("Tuesday's Morning Email: The budget.", text)
    assert "TOP STORIES." in text[:lead_end] and "Lydia Marsh" in text[:lead_end]
    assert [("Millbrook" in text[a:b], "Carlton" in text[a:b]) for a, b in spans] == [(True, False), (False, True)]


def test_a_numbered_list_of_the_day_s_stories_is_split_at_its_numbers():
    """AP's "10 Things to Know for Today": each item a numbered headline in capitals."""
    text = "\n\n".join(
        [
            "10 Things to Know for Today.",
            "Your daily look at late-breaking news:",
            "1. GOVERNOR UNVEILS BUDGET.",
            BUDGET,
            "2. BRIDGE COLLAPSES IN MILLBROOK.",
            BRIDGE,
            "3. CARLTON BOARD CLOSES SCHOOL.",
            SCHOOL,
        ]
    )
    lead_end, spans = split_items("10 Things to Know for Today.", text)
    assert text[:lead_end].rstrip().endswith(BUDGET) and len(spans) == 2


@pytest.mark.parametrize(
    "lines",
    [
        # a transcript: speakers' labels and stage directions open no item
        ["JAKE TAPPER: Take a listen.", "(BEGIN VIDEO CLIP.)", "TRUMP: We will win.", "(END VIDEO CLIP.)"],
        # a dateline with its wire credit, corrections and updates
        ["SALT LAKE CITY (AP) — " + FIRE, "UPDATE: " + BRIDGE, "CORRECTION: " + SCHOOL, "EDITOR'S NOTE: none"],
        # two headed sections are an ordinary article's structure
        ["GOING BROKE FOR RUBIO.", BUDGET, "CARSON CASH CONTINUED.", BRIDGE],
    ],
)
def test_an_ordinary_article_is_read_whole(lines):
    text = "\n\n".join(["A headline", BUDGET, *lines, SCHOOL])
    assert split_items("A headline", text) is None
    record = story_features(art("a", text, "A headline", "X", "2024-05-06"))
    assert "items" not in record and "carlton" in record["words"]


def test_a_live_blog_does_not_glue_the_stories_of_its_entries_together():
    """polnear-dev: AP's "The Latest" live blogs joined a debate story and a primary's results
    (similarities 0.20-0.22), and a blog covering two events put both in one story."""
    bridge = art(
        "bridge",
        BRIDGE + " The Millbrook bridge had failed an inspection in May.",
        "Millbrook bridge collapses",
        "Times",
        "2024-05-06",
    )
    school = art(
        "school",
        SCHOOL + " Oakridge will add four classrooms.",
        "Carlton board closes Westfield school",
        "Post",
        "2024-05-06",
    )
    budget = art(
        "budget",
        BUDGET + " Critics said the fuel levy hurts farmers.",
        "Marsh budget raises fuel levy",
        "Globe",
        "2024-05-06",
    )
    # Read whole (as the same entries without their time stamps are), the blog links to each
    # event's article and glues them into one story...
    whole = art("whole", re.sub(r"\n\d+:\d+ [ap]\.m\.\n", "\n", BLOG.text), BLOG.title, "Wire", "2024-05-06")
    assert split_items(whole.title, whole.text) is None
    sims = pair_similarities([whole, bridge, school])
    assert sims[(0, 1)] > 0.3 and sims[(0, 2)] > 0.3 and (1, 2) not in sims
    assert groups(group_stories([whole, bridge, school])) == [["bridge", "school", "whole"]]
    # ...read by its lead item, it joins the one event its headline names, and no other.
    assert groups(group_stories([BLOG, bridge, school, budget])) == [["blog", "budget"], ["bridge"], ["school"]]
    assert groups(group_stories([BLOG, bridge, school])) == [["blog"], ["bridge"], ["school"]]


def test_two_versions_of_one_live_blog_are_one_story():
    """The newer version leads with a new entry and keeps the older's: one's lead item matches
    an item of the other."""
    newer = live_blog(
        "blog-2",
        [
            ("8:10 p.m.", "Fire crews leave harbour", FIRE.replace("burned", "smouldered")),
            ("6:40 p.m.", "Governor unveils budget", BUDGET),
            ("4:15 p.m.", "Bridge collapses", BRIDGE),
            ("2:05 p.m.", "School board votes", SCHOOL),
        ],
    )
    other = live_blog(
        "blog-other",
        [
            ("9:00 p.m.", "Storm warning", "Forecasters warned of a storm reaching the northern coast tonight."),
            ("7:00 p.m.", "Rail strike", "Rail workers voted to strike over pay, the union said on Monday."),
            ("5:00 p.m.", "Museum opens", "The city museum reopened its west wing after a two-year renovation."),
        ],
        outlet="Courier",
        series="Live",
        intro="HARBOUR TOWN — Updates from the coast as they come in:",
    )
    assert split_items(newer.title, newer.text) is not None
    assert groups(group_stories([BLOG, newer, other])) == [["blog", "blog-2"], ["blog-other"]]


def test_a_quotation_in_a_later_entry_earns_no_shared_quote_bonus():
    quoted = "we will rebuild the Millbrook bridge before the winter floods arrive"
    blog = live_blog(
        "blog",
        [
            ("6:40 p.m.", "Governor unveils budget", BUDGET),
            ("4:15 p.m.", "Bridge collapses", BRIDGE + f' "{quoted}," the mayor said.'),
            ("2:05 p.m.", "School board votes", SCHOOL),
        ],
    )
    other = art(
        "quote", f'The mayor spoke on the radio. "{quoted}," he said of the repairs.', "Mayor", "X", "2024-05-06"
    )
    record = story_features(blog)
    assert not record["shingles"] and record["items"][0]["shingles"]
    assert pair_similarities([blog, other]).get((0, 1), 0.0) < 0.1


def test_quotations_go_to_their_item_by_offset():
    quoted = "the levy pays for every pothole in the state"
    text = BLOG.text.replace(BUDGET, BUDGET + f' "{quoted}," Marsh said.').replace(
        SCHOOL, SCHOOL + f' "{quoted}," a parent mocked.'
    )
    blog = art("blog", text, BLOG.title, "Wire", "2024-05-06")
    second = text.rindex(quoted)
    by_offset = story_features(blog, [{"text": quoted, "start": second}])
    assert not by_offset["shingles"] and by_offset["items"][1]["shingles"]
    by_text = story_features(blog, [{"text": quoted}])  # no offset: the first item holding it
    assert by_text["shingles"] and not any(item["shingles"] for item in by_text["items"])


def test_items_survive_the_packed_record_and_every_grouping_path(monkeypatch):
    from reader.analysis.stories import similarity

    newer = live_blog(
        "blog-2", [("8:10 p.m.", "Fire", FIRE), ("6:40 p.m.", "Budget", BUDGET), ("4:15 p.m.", "Bridge", BRIDGE)]
    )
    bridge = art("bridge", BRIDGE, "Millbrook bridge collapses", "Times", "2024-05-06")
    school = art("school", SCHOOL, "Carlton board closes Westfield school", "Post", "2024-05-07")
    records = {a.id: story_features(a) for a in (BLOG, newer, bridge, school)}
    packed = {aid: PackedRecord(pack(r)) for aid, r in records.items()}
    assert packed["blog"].to_dict() == records["blog"]
    expected = [["blog", "blog-2"], ["bridge"], ["school"]]
    for blocking in (False, True):
        if blocking:
            monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 0)
        assert groups(cluster_stories(list(records.values()))) == expected
        assert groups(cluster_stories(list(packed.values()))) == expected
        # incremental: the blogs arrive after the other articles
        first = cluster_stories([records["bridge"], records["school"]])
        assert groups(update_stories(first, packed, ["blog", "blog-2"])) == expected


def test_document_frequencies_count_every_item_of_an_article():
    """A word of a later entry is a word of the article: another article's lead that uses it
    shares it (a word of one article only is left out of the vectors)."""
    from reader.analysis.stories import StoryStats

    record = story_features(BLOG)
    assert "carlton" not in record["words"] and "carlton" in record["items"][1]["words"]
    stats = StoryStats.from_records([record, story_features(art("s", SCHOOL, "Carlton vote", "Post", "2024-05-06"))])
    assert stats.words["carlton"] == 2 and stats.words["marsh"] == 1 and stats.names["desmond pike"] == 2
    stats.change([record], [])
    assert stats.words["carlton"] == 1 and "marsh" not in stats.words
    assert "carlton" in stats.log[-1][2]  # the change log names it (stored top terms depend on it)
