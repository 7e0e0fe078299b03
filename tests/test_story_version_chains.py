"""Versions of one page (front matter `previous:`) are grouped as one article: the chain is one
story whatever its dates, in a full grouping and in an incremental update."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis.stories import StoryStats, cluster_stories, group_stories, story_features, update_stories
from reader.corpus.model import Article


def art(aid, text, title, outlet, date, previous=None):
    return Article(id=aid, path=Path(f"{aid}.md"), text=text, title=title, outlet=outlet, date=date, previous=previous)


SENATE = (
    "The Senate on Tuesday passed the border security bill by 62 to 38, handing Senator Jane "
    "Holloway of Arizona a victory after months of negotiation. The measure funds 4,000 new "
    'border agents and new surveillance towers along the Arizona and Texas frontier. "This bill '
    'finally secures our southern border," Holloway said after the vote. Democrats Mark Ellison '
    "and Rosa Vidal joined Republicans in support of the Holloway bill."
)
FIRST = art("fox/senate", SENATE, "Senate passes Holloway border security bill", "Fox News", "2024-03-05")
NYT = art(
    "nyt/senate",
    "Senators approved a sweeping border security measure on Tuesday, 62 to 38, after Senator Jane "
    "Holloway, an Arizona Republican, won over a handful of Democrats including Mark Ellison and "
    'Rosa Vidal. The bill pays for thousands of new border agents and surveillance towers. "This '
    'bill finally secures our southern border," Ms. Holloway told reporters.',
    "Senate Approves Border Measure After Holloway Wins Over Democrats",
    "The New York Times",
    "2024-03-05",
)
BAKERY = art(
    "nyt/bakery",
    "A family bakery in Duluth, Minnesota, won the national sourdough championship on Saturday "
    "with a rye loaf baked in a wood-fired oven. Owner Greta Lindqvist said the starter was a "
    "century old and came from her grandmother in Uppsala.",
    "Duluth Bakery Wins National Sourdough Prize",
    "The New York Times",
    "2024-03-05",
)
# Version 2 of Fox's page, fetched again 90 days later and dated that day (its feed's fixed time).
EDITED = art(
    "fox/senate-v2",
    SENATE + " Update: the House has not yet scheduled a vote on the Holloway bill.",
    "Senate passes Holloway border security bill",
    "Fox News",
    "2024-06-03",
    previous="fox/senate",
)
# Another outlet's piece of the day version 2 is dated, on the same bill.
LATER_HPO = art(
    "hpo/holloway-house",
    "Jane Holloway's border bill, which cleared the Senate 62-38 with help from Mark Ellison and "
    "Rosa Vidal, still waits for the House, whose leaders have scheduled no vote on its 4,000 "
    "border agents and surveillance towers in Arizona and Texas.",
    "Holloway Border Bill Still Waits For The House",
    "HuffPost",
    "2024-06-03",
)


def story_of(stories, aid):
    (story,) = [s for s in stories if aid in s.articles]
    return sorted(story.articles)


def test_the_record_names_the_version_it_replaces():
    assert story_features(EDITED)["previous"] == "fox/senate"
    assert "previous" not in story_features(FIRST)


def test_two_versions_dated_90_days_apart_are_one_story():
    stories = group_stories([FIRST, NYT, BAKERY, EDITED])
    assert story_of(stories, "fox/senate-v2") == ["fox/senate", "fox/senate-v2", "nyt/senate"]
    assert story_of(stories, "nyt/bakery") == ["nyt/bakery"]
    # the story keeps the id of its earliest article, the first version
    (story,) = [s for s in stories if "fox/senate" in s.articles]
    assert story.articles[0] == "fox/senate"


def test_a_chain_links_to_another_article_by_its_best_version():
    """HuffPost's piece of version 2's day is beyond the date window of version 1: the chain's
    link to it is version 2's, not the average of its versions' (half of it)."""
    stories = group_stories([FIRST, NYT, BAKERY, EDITED, LATER_HPO])
    assert "hpo/holloway-house" in story_of(stories, "fox/senate")
    apart = group_stories([FIRST, NYT, BAKERY, LATER_HPO, art(**{**_fields(EDITED), "previous": None})])
    assert story_of(apart, "fox/senate-v2") == ["fox/senate-v2", "hpo/holloway-house"]


def _fields(article):
    return {
        k: getattr(article, "id" if k == "aid" else k) for k in ("aid", "text", "title", "outlet", "date", "previous")
    }


def test_a_previous_of_another_outlet_or_of_no_article_links_nothing():
    hand_written = art(**{**_fields(EDITED), "outlet": "CNN"})
    stories = group_stories([FIRST, NYT, BAKERY, hand_written])
    assert story_of(stories, "fox/senate-v2") == ["fox/senate-v2"]
    dangling = art(**{**_fields(EDITED), "previous": "fox/deleted"})
    assert story_of(group_stories([FIRST, NYT, dangling]), "fox/senate-v2") == ["fox/senate-v2"]


def test_a_chain_of_three_versions_months_apart_is_one_story():
    third = art(
        "fox/senate-v3",
        EDITED.text + " Later: the vote is set.",
        EDITED.title,
        "Fox News",
        "2024-09-01",
        "fox/senate-v2",
    )
    stories = group_stories([third, BAKERY, EDITED, NYT, FIRST])
    assert story_of(stories, "fox/senate-v3") == ["fox/senate", "fox/senate-v2", "fox/senate-v3", "nyt/senate"]


class _Lazy(dict):
    """The index's records, read on demand: which were read."""

    def __init__(self, *args):
        super().__init__(*args)
        self.read: set[str] = set()

    def __getitem__(self, key):
        self.read.add(key)
        return dict.__getitem__(self, key)


@pytest.mark.parametrize("with_stats", [False, True])
def test_a_newer_version_fetched_90_days_later_joins_its_first_versions_story_in_an_update(with_stats):
    # other stories between them, so that the first version is out of the new one's date window
    filler = [
        art(
            f"cnn/day{k}",
            f"Weather note {k} about rain in Boston harbour and tides number{k}.",
            f"Rain {k}",
            "CNN",
            f"2024-04-{k + 10:02d}",
        )
        for k in range(5)
    ]
    before = {a.id: story_features(a) for a in [FIRST, NYT, BAKERY, *filler]}
    previous = cluster_stories(list(before.values()))
    assert story_of(previous, "fox/senate") == ["fox/senate", "nyt/senate"]
    current = _Lazy({**before, EDITED.id: story_features(EDITED), LATER_HPO.id: story_features(LATER_HPO)})
    stats = StoryStats.from_records(dict.values(current)) if with_stats else None
    dates = {aid: r["date"] for aid, r in dict.items(current)} if with_stats else None
    updated = update_stories(previous, current, [EDITED.id, LATER_HPO.id], stats=stats, dates=dates)
    expected = ["fox/senate", "fox/senate-v2", "hpo/holloway-house", "nyt/senate"]
    assert story_of(updated, "fox/senate-v2") == expected
    assert sorted(map(sorted, (s.articles for s in updated))) == sorted(
        map(sorted, (s.articles for s in cluster_stories(list(dict.values(current)))))
    )
    assert sorted(a for s in updated for a in s.articles) == sorted(current)
