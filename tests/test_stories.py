"""Story grouping (reader.analysis.stories) and `reader stories`."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from reader.analysis.stories import (
    DEFAULT_PARAMS,
    Story,
    average_link,
    group_stories,
    pair_similarities,
    story_id,
)
from reader.corpus.model import Article

ROOT = Path(__file__).resolve().parent.parent


def art(aid, text, title=None, outlet=None, date=None, story=None):
    return Article(id=aid, path=Path(f"{aid}.md"), text=text, title=title, outlet=outlet, date=date, story=story)


# Three outlets report one Senate vote; two report a House vote on the same topic six weeks later;
# one article is about something else entirely.
SENATE_FOX = art(
    "fox-senate",
    "The Senate on Tuesday passed the border security bill by 62 to 38, handing Senator Jane "
    "Holloway of Arizona a victory after months of negotiation. The measure funds 4,000 new "
    'border agents and new surveillance towers along the Arizona and Texas frontier. "This bill '
    'finally secures our southern border," Holloway said after the vote. Democrats Mark Ellison '
    "and Rosa Vidal joined Republicans in support of the Holloway bill.",
    title="Senate passes Holloway border security bill",
    outlet="Fox News",
    date="2024-03-05",
)
SENATE_NYT = art(
    "nyt-senate",
    "Senators approved a sweeping border security measure on Tuesday, 62 to 38, after Senator Jane "
    "Holloway, an Arizona Republican, won over a handful of Democrats including Mark Ellison and "
    'Rosa Vidal. The bill pays for thousands of new border agents and surveillance towers. "This '
    'bill finally secures our southern border," Ms. Holloway told reporters, though immigrant '
    "advocates said the towers would do little.",
    title="Senate Approves Border Measure After Holloway Wins Over Democrats",
    outlet="The New York Times",
    date="2024-03-05",
)
SENATE_HPO = art(
    "hpo-senate",
    "Jane Holloway's border bill cleared the Senate 62-38 with help from Mark Ellison and Rosa "
    "Vidal, funding 4,000 border agents and a wall of surveillance towers in Arizona and Texas. "
    'Holloway claimed the measure "finally secures our southern border", a claim advocates for '
    "immigrants disputed on Wednesday.",
    title="Holloway Border Bill Clears Senate With Democratic Votes",
    outlet="HuffPost",
    date="2024-03-06",
)
HOUSE_FOX = art(
    "fox-house",
    "The House on Thursday took up its own border security bill, led by Representative Carl "
    "Brandt of Texas, after weeks of delay. Brandt wants more border agents than the Senate bill "
    'funds and opposes the surveillance towers. "The towers are a waste of money," Brandt said. '
    "Speaker Nora Pike scheduled a vote for next month.",
    title="House takes up Brandt border bill",
    outlet="Fox News",
    date="2024-04-18",
)
HOUSE_HPO = art(
    "hpo-house",
    "House Republicans led by Carl Brandt unveiled a border security bill on Thursday that drops "
    'the surveillance towers in the Senate version and adds more border agents. "The towers are a '
    'waste of money," said Brandt, whose bill Speaker Nora Pike plans to bring to a vote next month.',
    title="Brandt Unveils House Border Bill Without Towers",
    outlet="HuffPost",
    date="2024-04-18",
)
BAKERY = art(
    "nyt-bakery",
    "A family bakery in Duluth, Minnesota, won the national sourdough championship on Saturday "
    "with a rye loaf baked in a wood-fired oven. Owner Greta Lindqvist said the starter was a "
    "century old and came from her grandmother in Uppsala.",
    title="Duluth Bakery Wins National Sourdough Prize",
    outlet="The New York Times",
    date="2024-03-05",
)
CORPUS = [SENATE_FOX, SENATE_NYT, SENATE_HPO, HOUSE_FOX, HOUSE_HPO, BAKERY]


def groups(stories):
    return sorted(sorted(s.articles) for s in stories)


def test_same_event_by_three_outlets_is_one_story_and_other_days_are_not():
    stories = group_stories(CORPUS)
    assert groups(stories) == [
        ["fox-house", "hpo-house"],
        ["fox-senate", "hpo-senate", "nyt-senate"],
        ["nyt-bakery"],
    ]


def test_every_article_is_in_exactly_one_story():
    stories = group_stories(CORPUS)
    members = [a for s in stories for a in s.articles]
    assert sorted(members) == sorted(a.id for a in CORPUS)


def test_same_topic_weeks_apart_is_kept_apart_by_dates_alone():
    # The same House text dated within a day of the Senate vote would join it; six weeks apart it doesn't.
    close = art("hpo-house-close", HOUSE_HPO.text, HOUSE_HPO.title, "HuffPost", "2024-03-06")
    sims_far = pair_similarities([SENATE_NYT, HOUSE_HPO])
    sims_close = pair_similarities([SENATE_NYT, close])
    assert sims_far.get((0, 1), 0.0) < sims_close.get((0, 1), 0.0)
    assert sims_far.get((0, 1), 0.0) < DEFAULT_PARAMS.threshold


def test_outlets_a_day_apart_are_not_penalised():
    assert pair_similarities([SENATE_FOX, SENATE_HPO])[(0, 1)] >= DEFAULT_PARAMS.threshold


def test_result_is_deterministic_and_independent_of_input_order():
    first = group_stories(CORPUS)
    shuffled = CORPUS[:]
    random.Random(3).shuffle(shuffled)
    second = group_stories(shuffled)
    assert [s.to_dict() for s in first] == [s.to_dict() for s in second]


def test_a_story_is_named_by_its_earliest_article_and_keeps_its_id_when_others_join():
    stories = group_stories(CORPUS)
    for story in stories:
        assert story.id == story_id(story.articles[0])
        assert len(story.id) == 17  # "s" and 16 hex digits
    assert len({s.id for s in stories}) == len(stories)
    senate = next(s for s in stories if "fox-senate" in s.articles)
    assert senate.articles[-1] == "hpo-senate"  # reported a day later: not the story's first

    without_the_latest = group_stories([a for a in CORPUS if a is not SENATE_HPO])
    before = next(s for s in without_the_latest if "fox-senate" in s.articles)
    assert sorted(before.articles) == ["fox-senate", "nyt-senate"]
    assert before.id == senate.id  # an id saved before HuffPost's article came still names the story


def test_labels_are_short_and_come_from_the_story():
    stories = {tuple(sorted(s.articles)): s for s in group_stories(CORPUS)}
    senate = stories[("fox-senate", "hpo-senate", "nyt-senate")]
    assert senate.label in {SENATE_FOX.title, SENATE_NYT.title, SENATE_HPO.title}
    assert stories[("nyt-bakery",)].label == BAKERY.title
    for story in stories.values():
        assert story.label.strip() == story.label and story.label


def test_story_to_dict_shape():
    story = Story(id="s1", label="L", articles=["a", "b"])
    assert story.to_dict() == {"id": "s1", "label": "L", "articles": ["a", "b"]}


def test_no_articles_and_one_article():
    assert group_stories([]) == []
    (only,) = group_stories([BAKERY])
    assert only.articles == ["nyt-bakery"] and only.label == BAKERY.title


def test_empty_texts_are_singletons_with_a_readable_label():
    empty = [art("e1", "", None, "Fox News", "2024-01-01"), art("e2", "   \n", None, "HuffPost", "2024-01-01")]
    stories = group_stories(empty + [BAKERY])
    assert groups(stories) == [["e1"], ["e2"], ["nyt-bakery"]]
    labels = {s.articles[0]: s.label for s in stories}
    assert labels["e1"] == "e1"


def test_identical_articles_are_one_story_even_from_one_outlet():
    copy = art("fox-senate-copy", SENATE_FOX.text, SENATE_FOX.title, "Fox News", "2024-03-05")
    stories = group_stories([SENATE_FOX, copy, BAKERY])
    assert groups(stories) == [["fox-senate", "fox-senate-copy"], ["nyt-bakery"]]


def test_duplicate_ids_are_kept_once():
    stories = group_stories([BAKERY, BAKERY])
    assert groups(stories) == [["nyt-bakery"]]


def test_undated_articles_group_by_text():
    undated = [art(a.id, a.text, a.title, a.outlet, None) for a in CORPUS]
    assert ["fox-senate", "hpo-senate", "nyt-senate"] in groups(group_stories(undated))


@pytest.mark.parametrize("dated", [0, 1])
def test_undated_articles_on_one_topic_weeks_apart_are_not_one_story(dated):
    """The Senate's vote and the House's bill six weeks later are two stories when dated; without
    a date (either or both: a plain text file, a page with no date) they were one, as if the
    same day. An unknown gap may be months: the pair counts as if some days apart."""
    assert groups(group_stories([SENATE_FOX, HOUSE_FOX])) == [["fox-house"], ["fox-senate"]]
    senate = art(SENATE_FOX.id, SENATE_FOX.text, SENATE_FOX.title, SENATE_FOX.outlet, None)
    house = art(HOUSE_FOX.id, HOUSE_FOX.text, HOUSE_FOX.title, HOUSE_FOX.outlet, None)
    pair = [SENATE_FOX if dated else senate, house]
    assert pair_similarities(pair).get((0, 1), 0.0) < DEFAULT_PARAMS.threshold
    assert groups(group_stories(pair)) == [["fox-house"], ["fox-senate"]]
    # one event's articles still find each other without dates
    undated = [art(a.id, a.text, a.title, a.outlet, None) for a in CORPUS]
    assert groups(group_stories(undated)) == groups(group_stories(CORPUS))


def test_malformed_dates_and_odd_metadata_do_not_raise():
    odd = [
        art("x1", SENATE_FOX.text, None, "", "not a date"),
        art("x2", SENATE_NYT.text, "", None, "2024-13-45"),
        art("x3", "[@click=app.quit]Hi[/b] \x1b]0;pwned\x07 " + BAKERY.text, "[/foo]", "  ", "2024"),
    ]
    stories = group_stories(odd)
    assert groups(stories) == [["x1", "x2"], ["x3"]]


def test_a_huge_article_is_read_only_in_part():
    huge = art("huge", ("Senate border bill Holloway towers agents. " * 50_000), "Huge", "Fox News", "2024-03-05")
    stories = group_stories([huge, SENATE_NYT])
    assert sorted(a for s in stories for a in s.articles) == ["huge", "nyt-senate"]


@dataclass
class FakeQuote:
    text: str
    speaker: str | None = None


def test_shared_quotes_raise_similarity_and_accept_objects_or_dicts():
    a = art(
        "qa", "The minister spoke at length about the harvest and the weather in the north.", "A", "X", "2024-05-01"
    )
    b = art(
        "qb",
        "Farmers gathered to hear officials discuss rain and crops across several provinces.",
        "B",
        "Y",
        "2024-05-01",
    )
    quote = "we will not let a single farm fail this year whatever it costs"
    without = pair_similarities([a, b]).get((0, 1), 0.0)
    as_objects = pair_similarities([a, b], {"qa": [FakeQuote(quote)], "qb": [FakeQuote(quote.upper())]})[(0, 1)]
    as_dicts = pair_similarities([a, b], {"qa": [{"text": quote}], "qb": [{"text": quote, "speaker": None}]})[(0, 1)]
    assert as_objects == as_dicts > without


def test_quotation_marks_in_the_text_count_when_no_quotes_are_given():
    quote = '"we will not let a single farm fail this year whatever it costs"'
    a = art("qa", f"The minister spoke about the harvest. {quote} she said.", "A", "X", "2024-05-01")
    b = art("qb", f"Farmers heard officials discuss rain. {quote} the minister said.", "B", "Y", "2024-05-01")
    plain = [art(x.id, x.text.replace(quote, ""), x.title, x.outlet, x.date) for x in (a, b)]
    with_quote = pair_similarities([a, b])[(0, 1)]
    assert with_quote > pair_similarities(plain).get((0, 1), 0.0) + DEFAULT_PARAMS.quote_bonus / 2


STOCK = "the next president of the United States"
FILLER_TOPICS = [
    "harbour dredging contract",
    "orchard frost damage",
    "library roof repair",
    "rail signal upgrade",
    "school lunch menu",
    "river flood barrier",
    "museum ticket prices",
    "airport runway lights",
    "hospital parking fees",
    "bridge paint tender",
    "ferry timetable change",
    "stadium seat colours",
]


def _stock_phrase_corpus():
    """Two articles of different events, a day apart, whose quotations share only a stock
    phrase that a dozen other articles' quotations use too."""
    a = art(
        "vp",
        f'The senator ruled out joining any ticket. "I wanted to be {STOCK} and I will serve out my term '
        'in the Senate," he said in a radio interview about his plans after the primaries.',
        "Senator rules out running mate role",
        "A",
        "2024-04-22",
    )
    b = art(
        "trade",
        f'The candidate backed the trade bloc in a statement. "Whoever becomes {STOCK} must keep our '
        'alliance with Europe strong," her adviser said as ministers met about tariffs and exports.',
        "Candidate backs trade bloc",
        "B",
        "2024-04-23",
    )
    fillers = [
        art(
            f"f{k}",
            f'Officials discussed the {topic} on Monday. "This matters to {STOCK} as much as to anyone '
            f'here," a spokesman said of the {topic}.',
            f"Officials weigh {topic}",
            "C",
            f"2024-04-{10 + k:02d}",
        )
        for k, topic in enumerate(FILLER_TOPICS)
    ]
    return a, b, fillers


@pytest.mark.parametrize("blocking", [False, True])
def test_a_stock_phrase_in_many_quotations_earns_no_quote_bonus(monkeypatch, blocking):
    """polnear-dev: a senator's interview and a candidate's Brexit statement were one story
    because both quoted "president of the United States", which 15 other articles quote too."""
    from reader.analysis.stories import similarity

    if blocking:
        monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 0)
    a, b, fillers = _stock_phrase_corpus()
    articles = [a, b, *fillers]
    assert pair_similarities(articles).get((0, 1), 0.0) < DEFAULT_PARAMS.quote_bonus  # words alone
    assert ["trade", "vp"] not in groups(group_stories(articles))
    # Among a few articles the same words are a shared quotation: the bonus stays.
    assert pair_similarities([a, b])[(0, 1)] > DEFAULT_PARAMS.quote_bonus


def test_a_real_shared_quotation_keeps_its_bonus_among_stock_phrases():
    """Beside the stock phrase, words only these two articles quote still count."""
    a, b, fillers = _stock_phrase_corpus()
    shared = "we will not let a single farm fail this year"
    a = art(a.id, f'"{shared}," he added. ' + a.text, a.title, a.outlet, a.date)  # in a's lead part
    b = art(b.id, b.text + f' "{shared}," she added.', b.title, b.outlet, b.date)
    unquoted = [art(x.id, x.text.replace(f'"{shared},"', "so"), x.title, x.outlet, x.date) for x in (a, b)]
    with_quote = pair_similarities([a, b, *fillers])[(0, 1)]
    without = pair_similarities([*unquoted, *fillers]).get((0, 1), 0.0)
    assert with_quote > without + DEFAULT_PARAMS.quote_bonus / 2


RECALLED = "Russia, if you are listening, I hope you are able to find the thirty thousand emails"


def _recalling(aid, lead, body, recall, title, outlet, date, quote_first=False):
    """An article whose lead reports its own event and whose body recalls an older remark."""
    recalled = f'{recall} "{RECALLED}."'
    text = f"{recalled} {lead} {body}" if quote_first else f"{lead} {body} {recalled}"
    return art(aid, text, title, outlet, date)


def _recalling_pair(quote_first=False):
    a = _recalling(
        "speech",
        "The president will address the convention on Wednesday and make the case that his former "
        "rival is ready to lead the armed forces, according to excerpts released by the White House. "
        "He will praise her years as the nation's top diplomat.",
        "Aides said the address had been drafted over several weeks and would close with a plea "
        "for unity among delegates still loyal to the senator from Vermont.",
        "Critics of the nominee pointed to his remark that morning:",
        "President to frame election as a test of command",
        "AFP",
        "2016-07-27",
    )
    b = _recalling(
        "interview",
        "The candidate said in a television interview on Sunday that foreign intelligence services "
        "broke into the party's computers and released its messages. She called her opponent's "
        "praise of a foreign leader troubling.",
        "Cyber security experts believe the messages were leaked to influence the vote in November, "
        "though officials have made no public accusation.",
        "Her opponent had invited the hackers to search for her correspondence days before:",
        "Candidate says hackers broke into party computers",
        "Reuters",
        "2016-07-28",
        quote_first,
    )
    return a, b


def test_a_quotation_two_articles_recall_in_their_bodies_earns_no_quote_bonus():
    """polnear-dev: an AFP preview of Obama's convention speech and a Reuters interview with
    Clinton were one story because both recalled Trump's "Russia, if you're listening" as
    background. A quotation earns the bonus only from the lead part of one of the articles."""
    no_bonus = replace(DEFAULT_PARAMS, quote_bonus=0.0)
    a, b = _recalling_pair()
    assert pair_similarities([a, b]) == pair_similarities([a, b], params=no_bonus)
    assert groups(group_stories([a, b])) == [["interview"], ["speech"]]
    # The same words in the lead of one of them (its own event: the remark itself) still count.
    a, b = _recalling_pair(quote_first=True)
    without = pair_similarities([a, b], params=no_bonus)[(0, 1)]
    assert pair_similarities([a, b])[(0, 1)] == pytest.approx(without + DEFAULT_PARAMS.quote_bonus)
    assert groups(group_stories([a, b])) == [["interview", "speech"]]


def test_the_record_puts_its_lead_quotations_shingles_first():
    from reader.analysis.stories import story_features
    from reader.analysis.stories.packed import PackedRecord, pack
    from reader.analysis.stories.stats import _shingle_set

    _, b = _recalling_pair()
    record = story_features(b)  # quotations by their marks
    assert record["lead_shingles"] == 0 and record["shingles"]
    _, b = _recalling_pair(quote_first=True)
    record = story_features(b)
    assert 0 < record["lead_shingles"] == len(record["shingles"])
    # by the quotations' offsets: the same quotation given later in the text is body
    start = b.text.index(RECALLED)
    late = story_features(b, [{"text": RECALLED, "start": start + len(b.text) // 2}])
    assert late["lead_shingles"] == 0 and set(late["shingles"]) == set(record["shingles"])
    packed = PackedRecord(pack(record))  # type: ignore[arg-type]
    assert packed["shingles"] == record["shingles"] and packed["lead_shingles"] == record["lead_shingles"]
    assert _shingle_set(packed).lead is None and _shingle_set(late).lead == frozenset()
    older = {key: value for key, value in late.items() if key != "lead_shingles"}
    assert _shingle_set(older).lead is None  # a record of features v2: all its shingles count


def test_one_shared_name_does_not_make_a_story():
    """aeb-dev: a piece on Alibaba's listing in Hong Kong joined two on the Hong Kong protests,
    70% of its similarity to them "Hong Kong" (the name and its words). A place or a company is a
    setting, not an event: one shared name may make at most half of a pair's score."""
    listing = art(
        "listing",
        "Alibaba will raise up to 12.9 billion dollars from its second listing in Hong Kong, pricing its "
        "shares at a small discount. The listing is the largest in Hong Kong this year and a boost for the "
        "Hong Kong exchange after months of unrest. Investors in Hong Kong snapped up the shares, bankers said.",
        "Alibaba to raise billions in landmark Hong Kong listing",
        "CityAM",
        "2019-11-20",
    )
    protest = art(
        "protest",
        "Police in Hong Kong surrounded the Polytechnic University, where hundreds of protesters remain, and "
        "warned that surrender was the only option. Beijing has stationed troops of the People's Liberation "
        "Army in Hong Kong, and Carrie Lam said the siege would end peacefully. Hong Kong has seen months of "
        "unrest.",
        "Hong Kong police besiege Polytechnic University",
        "Express",
        "2019-11-19",
    )
    siege = art(
        "siege",
        "Hundreds of protesters are still inside Hong Kong's Polytechnic University as police tighten the "
        "siege. Carrie Lam urged them to surrender peacefully, and the People's Liberation Army troops in "
        "Hong Kong stayed in their barracks, officials in Beijing said.",
        "Siege of Polytechnic University goes on",
        "Guardian",
        "2019-11-18",
    )
    articles = [listing, protest, siege, BAKERY, SENATE_FOX, HOUSE_FOX]
    sims = pair_similarities(articles)
    assert sims.get((0, 1), 0.0) < DEFAULT_PARAMS.threshold and sims.get((0, 2), 0.0) < DEFAULT_PARAMS.threshold
    assert ["protest", "siege"] in groups(group_stories(articles))
    assert ["listing"] in groups(group_stories(articles))


def test_story_given_by_metadata_links_articles():
    a = art("m1", BAKERY.text, "Bakery", "NYT", "2024-03-05", story="given-1")
    b = art("m2", HOUSE_FOX.text, "House", "Fox", "2024-09-05", story="given-1")
    assert groups(group_stories([a, b])) == [["m1", "m2"]]


def test_a_story_name_with_and_without_an_emoji_selector_is_one_story():
    # "❤️" is "❤" with VS16 (emoji presentation): a keyboard adds it or not; the name reads the same.
    a = art("m1", BAKERY.text, "Bakery", "NYT", "2024-03-05", story="Rally \u2764\ufe0f")
    b = art("m2", HOUSE_FOX.text, "House", "Fox", "2024-09-05", story="Rally \u2764")
    c = art("m3", SENATE_FOX.text, "Senate", "AP", "2024-09-05", story="Rally \u2764\ufe0e")
    assert groups(group_stories([a, b, c])) == [["m1", "m2", "m3"]]
    # Nor are the same texts kept apart as differently named stories.
    d = art("m4", SENATE_FOX.text, "Senate", "BBC", "2024-09-05", story="Rally \u2764")
    assert groups(group_stories([c, d])) == [["m3", "m4"]]


def test_metadata_stories_match_names_as_names_are_matched_and_show_them_as_written():
    from reader.index.story_groups import metadata_stories

    a = art("m1", BAKERY.text, "Bakery", "NYT", "2024-03-05", story="Rally \u2764\ufe0f")
    b = art("m2", HOUSE_FOX.text, "House", "Fox", "2024-09-05", story="Rally \u2764")
    c = art("m3", HOUSE_FOX.text, "House", "Fox", "2024-09-05")
    assert metadata_stories([a, b, c]) == [
        {"id": "Rally \u2764\ufe0f", "label": "Bakery", "articles": ["m1", "m2"]},
        {"id": "m3", "label": "House", "articles": ["m3"]},
    ]


def test_different_stories_given_by_metadata_keep_articles_apart():
    # The same text under two labels the user wrote: two stories, each with its own label's
    # articles (an unrelated article under one label joins it); an unlabelled copy joins one side.
    water = art("a", SENATE_FOX.text, "Water bill signed", "Reuters", "2024-03-05", story="water")
    stadium = art("b", BAKERY.text, "Stadium plan rejected", "AP", "2024-03-05", story="water")
    other = art("c", SENATE_FOX.text, "Water bill signed into law", "BBC", "2024-03-05", story="other")
    plain = art("d", SENATE_FOX.text, "Water law", "CNN", "2024-03-05")
    grouped = groups(group_stories([water, stadium, other, plain]))
    assert ["a", "b"] in grouped or ["a", "b", "d"] in grouped
    assert ["c"] in grouped or ["c", "d"] in grouped
    assert sorted(a for g in grouped for a in g) == ["a", "b", "c", "d"]


def test_average_link_keeps_clusters_of_different_labels_apart():
    sims = {(0, 1): 0.9, (1, 2): 0.9, (0, 2): 0.9}
    assert sorted(average_link(3, sims, 0.5, labels_of=["x", "y", None])) in ([[0, 2], [1]], [[0], [1, 2]])
    assert sorted(average_link(3, sims, 0.5, labels_of=["x", "x", None])) == [[0, 1, 2]]


def test_average_link_does_not_chain():
    # 0~1 and 1~2 are close but 0 and 2 share nothing: the average keeps 2 out.
    clusters = average_link(3, {(0, 1): 0.9, (1, 2): 0.8}, threshold=0.5)
    assert sorted(clusters) == [[0, 1], [2]]
    # Single link would have chained them; with a low enough threshold average link merges too.
    assert sorted(average_link(3, {(0, 1): 0.9, (1, 2): 0.8}, threshold=0.3)) == [[0, 1, 2]]


def test_average_link_same_outlet_is_a_soft_penalty():
    sims = {(0, 1): 0.6, (0, 2): 0.3}
    outlets = ["fox", "fox", "nyt"]
    penalised = average_link(3, sims, 0.25, groups_of=outlets, same_group_penalty=0.4)
    assert sorted(penalised) == [[0, 1], [2]] or sorted(penalised) == [[0, 2], [1]]
    assert [0, 2] in penalised  # 0.6 * 0.4 = 0.24 < 0.25: the same-outlet pair stays apart
    assert sorted(average_link(3, {(0, 1): 0.9}, 0.25, groups_of=outlets, same_group_penalty=0.4)) == [[0, 1], [2]]


def _synthetic_events(n_events: int, seed: int = 5):
    """Articles of n_events events x 3 outlets with disjoint event vocabularies and shared filler."""
    rng = random.Random(seed)
    filler = [f"common{k}" for k in range(40)]
    articles, truth = [], {}
    for e in range(n_events):
        own = [f"ev{e}w{k}" for k in range(12)]
        day = 1 + (e * 3) % 27
        for o, outlet in enumerate(["Fox News", "HuffPost", "The New York Times"]):
            words = rng.sample(own, 9) + rng.sample(filler, 25)
            rng.shuffle(words)
            aid = f"e{e:03d}-{o}"
            articles.append(art(aid, " ".join(words), None, outlet, f"2024-{1 + e % 12:02d}-{day:02d}"))
            truth[aid] = e
    return articles, truth


def test_blocking_path_on_many_articles_finds_the_events():
    # Over 400 articles the candidate pairs come from an inverted index instead of all pairs.
    articles, truth = _synthetic_events(150)
    stories = group_stories(articles)
    assert len(articles) > 400
    for story in stories:
        assert len({truth[a] for a in story.articles}) == 1
    assert len(stories) == 150


def _write_corpus(root: Path) -> None:
    for a in CORPUS:
        front = f"---\ntitle: {json.dumps(a.title)}\noutlet: {json.dumps(a.outlet)}\ndate: '{a.date}'\n---\n\n"
        (root / f"{a.id}.md").write_text(front + a.text + "\n", encoding="utf-8")


def _run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/bin:/bin",
        "READER_CONFIG_DIR": str(tmp_path / "config"),
        "READER_CACHE_DIR": str(tmp_path / "cache"),
        "HOME": str(tmp_path),
    }
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "reader",
            "--corpus",
            str(tmp_path / "corpus"),
            "--index",
            str(tmp_path / "index"),
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


@pytest.fixture
def corpus_dir(tmp_path):
    (tmp_path / "corpus").mkdir()
    _write_corpus(tmp_path / "corpus")
    return tmp_path


def test_cli_stories_json(corpus_dir):
    done = _run_cli(corpus_dir, "stories", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert sorted(sorted(s["articles"]) for s in data) == [
        ["fox-house", "hpo-house"],
        ["fox-senate", "hpo-senate", "nyt-senate"],
        ["nyt-bakery"],
    ]
    for story in data:
        assert set(story) >= {"id", "label", "articles"} and story["label"]


def test_cli_stories_readable_and_min_size(corpus_dir):
    done = _run_cli(corpus_dir, "stories", "--min-size", "2")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any("2024-03-05" in line and "Fox News" in line and SENATE_FOX.title in line for line in lines)
    assert "nyt-bakery" not in done.stdout
    bad = _run_cli(corpus_dir, "stories", "--min-size", "0")
    assert bad.returncode != 0 and "min-size" in bad.stderr and "Traceback" not in bad.stderr


def test_cached_terms_give_the_same_result_as_fresh_ones():
    from reader.analysis.stories import features as features_module

    features_module._CACHE.clear()
    fresh = [s.to_dict() for s in group_stories(CORPUS)]
    assert features_module._CACHE  # the second call is served from the cache
    warm = [s.to_dict() for s in group_stories(CORPUS)]
    assert fresh == warm
    changed = art(SENATE_FOX.id, BAKERY.text, BAKERY.title, "Fox News", "2024-03-05")
    regrouped = groups(group_stories([changed] + CORPUS[1:]))
    assert ["fox-senate", "nyt-bakery"] in regrouped  # a changed text is not served stale


def test_untitled_story_is_labelled_by_its_shared_names():
    untitled = [art(a.id, a.text, None, a.outlet, a.date) for a in (SENATE_FOX, SENATE_NYT, SENATE_HPO)]
    (story,) = group_stories(untitled)
    assert "Jane Holloway" in story.label.split(", ")
    assert "Holloway" not in story.label.replace("Jane Holloway", "")  # no repeat of a shorter form
    (lone,) = group_stories([art("u1", "a plain lower-case note about nothing much at all", None)])
    assert lone.label == "a plain lower-case note about nothing much at all"


# -- feature records and incremental updates ------------------------------------------------------

from reader.analysis.stories import (  # noqa: E402
    StoryStats,
    cluster_stories,
    story_features,
    update_stories,
)

_PLACES = ["Arbor", "Belmont", "Corvale", "Dunmore", "Eastwick", "Fenwick", "Glenrock", "Harwood"]
_PEOPLE = [
    "Ada Brenner",
    "Boris Calder",
    "Celia Dorn",
    "Dmitri Ekland",
    "Edna Farrow",
    "Felix Garner",
    "Gita Hollis",
    "Hector Imre",
    "Iris Jansen",
    "Jonah Kettle",
    "Kira Lund",
    "Leo Marsh",
]


def _event_articles(n_events: int, seed: int, versions: int = 1):
    """Hand-made events: each has its own words, person and place, reported by 2-3 outlets within
    a day; shared filler words and first names; two events every three days."""
    from datetime import date, timedelta

    rng = random.Random(seed)
    filler = [f"filler{k}" for k in range(400)]
    outlets = ["Fox News", "HuffPost", "The New York Times"]
    out = []
    for e in range(n_events):
        own = [f"ev{seed}x{e}w{k}" for k in range(14)]
        person = f"{_PEOPLE[e % len(_PEOPLE)].split()[0]} Surname{chr(65 + e % 26)}{chr(65 + e // 26 % 26)}"
        place = f"{_PLACES[e % len(_PLACES)]}ville{chr(97 + e % 26)}{chr(97 + e // 26 % 26)}"
        day = date(2024, 1, 1) + timedelta(days=(e * 3) // 2)
        for o in range(rng.choice((2, 3, 3))):
            words = rng.sample(own, 10) + rng.sample(filler, 12)
            rng.shuffle(words)
            text = (
                f"{person} spoke in {place} on the matter. " + " ".join(words) + ". "
                f'"Our {own[0]} {own[1]} {own[4]} {own[5]} {own[6]} stays," {person} said.'
            )
            title = f"{person.split()[0]} in {place}: {own[2]} {own[3]}"
            out.append(art(f"e{seed}-{e:03d}-{o}", text, title, outlets[o], (day + timedelta(days=o % 2)).isoformat()))
    return out


def _features_of(articles):
    return {a.id: story_features(a) for a in articles}


def _scenario(seed: int, n_events: int):
    rng = random.Random(seed)
    pool = _event_articles(n_events, seed)
    start = [a for a in pool if rng.random() < 0.8]
    later = [a for a in pool if a not in start]
    before = _features_of(start)
    previous = cluster_stories(list(before.values()))
    # Mark every story's label: a story update_stories keeps keeps its marked label.
    previous = [Story(s.id, "KEPT " + s.label, list(s.articles)) for s in previous]
    current = dict(before)
    changed, removed = set(), set()
    for a in rng.sample(later, min(len(later), rng.randint(1, 6))):  # new articles
        current[a.id] = story_features(a)
        changed.add(a.id)
    for aid in rng.sample(sorted(before), rng.randint(1, 4)):  # removed articles
        current.pop(aid, None)
        removed.add(aid)
    for aid in rng.sample(sorted(set(current) - changed), rng.randint(1, 4)):  # changed ones
        other = rng.choice(pool)  # its text becomes another event's (or a new one)
        source = next(a for a in pool if a.id == aid)
        text = other.text if rng.random() < 0.5 else "A quiet unrelated note about gardening and tulips."
        current[aid] = story_features(art(aid, text, other.title, source.outlet, source.date))
        changed.add(aid)
    return previous, current, changed, removed


@pytest.mark.parametrize("seed", range(8))
def test_update_stories_gives_the_grouping_of_a_full_regrouping(seed):
    previous, current, changed, removed = _scenario(seed, n_events=12 + seed * 3)
    updated = update_stories(previous, current, changed, removed)
    full = cluster_stories(list(current.values()))
    assert groups(updated) == groups(full)
    assert sorted(a for s in updated for a in s.articles) == sorted(current)
    # Stories without a changed or removed member, and no neighbour that changed, are kept as they
    # were (marked label, same id); the re-clustered ones get fresh labels.
    touched = changed | removed
    kept = [s for s in updated if s.label.startswith("KEPT ")]
    assert kept, "some stories must be left alone"
    previous_by_id = {s.id: s for s in previous}
    for story in kept:
        assert story.id in previous_by_id and not touched & set(story.articles)
        assert previous_by_id[story.id].articles == story.articles
    for story in updated:
        if touched & set(story.articles):
            assert not story.label.startswith("KEPT ")


def test_update_stories_with_stats_and_dates_reads_only_the_window():
    articles = _event_articles(120, seed=4)  # 180 days of events
    before = _features_of(articles)
    previous = cluster_stories(list(before.values()))
    current = dict(before)
    last = articles[-1]
    current[last.id] = story_features(art(last.id, articles[0].text, articles[0].title, last.outlet, last.date))
    current.pop(articles[-2].id)
    stats = StoryStats.from_records(current.values())
    dates = {aid: r["date"] for aid, r in current.items()}

    class Lazy(dict):
        read: set = set()

        def __getitem__(self, key):
            self.read.add(key)
            return dict.__getitem__(self, key)

    updated = update_stories(previous, Lazy(current), [last.id], [articles[-2].id], stats=stats, dates=dates)
    assert groups(updated) == groups(cluster_stories(list(current.values())))
    assert 0 < len(Lazy.read) < len(current) / 3


def test_update_stories_on_the_blocking_path_matches_a_full_regrouping():
    previous, current, changed, removed = _scenario(11, n_events=200)
    assert len(current) > 400
    updated = update_stories(previous, current, changed, removed)
    assert groups(updated) == groups(cluster_stories(list(current.values())))


@pytest.mark.parametrize("seed", [2, 5])
def test_update_stories_counts_each_round_within_its_articles(seed, monkeypatch):
    # `reader index` showed one line for seconds while a small update grouped the stories; the
    # count that replaced it went on over the rounds past the corpus's size ("8994/9080" of 4,105).
    from reader.analysis.stories import similarity

    monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 10)  # the blocking path, where partners are searched
    previous, current, changed, removed = _scenario(seed, n_events=40)
    heard: list[tuple[int, int, int]] = []
    searching = similarity._candidate_pairs
    heard_before_search: list[int] = []

    def candidate_pairs(*args, **kwargs):
        heard_before_search.append(len(heard))
        return searching(*args, **kwargs)

    monkeypatch.setattr(similarity, "_candidate_pairs", candidate_pairs)
    counted = update_stories(previous, current, changed, removed, progress=lambda *call: heard.append(call))
    assert heard_before_search[0] > 1  # the first round's top terms, made before its search, count too
    assert counted == update_stories(previous, current, changed, removed)  # counting changes nothing
    rounds = sorted({r for _, _, r in heard})
    assert heard and rounds == list(range(1, len(rounds) + 1))
    for r in rounds:
        counts = [(done, total) for done, total, n in heard if n == r]
        total = counts[0][1]
        assert 0 < total <= len(current) and all(t == total for _, t in counts)
        assert [d for d, _ in counts] == sorted(d for d, _ in counts) and counts[-1][0] == total
        assert any(0 < d < total // 2 for d, _ in counts)  # the search for partners counts too


def test_stats_kept_up_to_date_equal_stats_from_scratch():
    records = list(_features_of(CORPUS).values())
    stats = StoryStats.from_records(records[:4])
    stats.add(records[4])
    stats.add(records[5])
    stats.remove(records[0])
    again = StoryStats.from_records(records[1:])
    assert stats.frequencies() == again.frequencies()
    assert StoryStats.from_dict(json.loads(json.dumps(stats.to_dict()))).to_dict() == stats.to_dict()


def test_feature_records_are_json_and_give_the_same_stories():
    records = [json.loads(json.dumps(story_features(a))) for a in CORPUS]
    assert [s.to_dict() for s in cluster_stories(records)] == [s.to_dict() for s in group_stories(CORPUS)]
    assert update_stories([], {r["id"]: r for r in records}, [r["id"] for r in records]) == group_stories(CORPUS)
    assert update_stories(group_stories(CORPUS), {r["id"]: r for r in records}, []) == group_stories(CORPUS)


@pytest.mark.parametrize("n_events", [20, 160])  # all pairs, and the blocking path (> 400)
def test_clustering_records_one_at_a_time_with_given_stats_is_the_full_clustering(n_events):
    # The index's first grouping reads stored records one by one (each parsed when it comes,
    # none kept): with the corpus statistics given, the stories are the same, labels included.
    articles = (
        _event_articles(n_events, seed=3)
        + CORPUS
        + [
            art("untitled-a", "Jonah Kettle and Kira Lund met in Arbor."),
            art("untitled-b", "Kira Lund and Jonah Kettle met again in Arbor today."),
        ]
    )
    records = [story_features(a) for a in articles]
    texts = [json.dumps(r) for r in records] + [json.dumps(records[0])]  # a repeated id, once
    parsed = []

    def one_by_one():
        for text in texts:
            parsed.append(1)
            yield json.loads(text)

    expected = [s.to_dict() for s in cluster_stories(records)]
    got = [s.to_dict() for s in cluster_stories(one_by_one(), stats=StoryStats.from_records(records))]
    assert got == expected
    assert len(parsed) == len(texts)  # each read once
    assert any(len(s["articles"]) > 1 for s in expected) and any(len(s["articles"]) == 1 for s in expected)


def test_a_story_whose_only_article_is_removed_goes():
    articles = CORPUS
    records = {a.id: story_features(a) for a in articles}
    before = cluster_stories(list(records.values()))
    gone = next(s.articles[0] for s in before if len(s.articles) == 1)
    del records[gone]
    after = update_stories(before, records, [], [gone])
    assert all(gone not in s.articles for s in after)
    assert sorted(a for s in after for a in s.articles) == sorted(records)


def test_the_fast_rounding_of_weights_is_round_to_4_digits():
    """Vectors round their weights as k / 10**4 (stats._round4), which must be round(x, 4) for
    every weight, the values next to a tie included (ties go to round() itself)."""
    import math

    from reader.analysis.stories import stats as stats_module

    rng = random.Random(13)
    values = [rng.random() for _ in range(200_000)] + [0.0, 1.0, 1 / 32, 0.03125, 0.00005, 0.12345]
    for k in range(0, 10001, 7):  # the half-integers of x * 10**4 and their neighbours
        tie = (k + 0.5) / 10000.0
        values += [tie, math.nextafter(tie, 0.0), math.nextafter(tie, 1.0)]
    for x in values:
        assert stats_module._round4(x) == round(x, 4), x


def test_shared_vectors_are_the_rounded_unit_weights_of_the_shared_terms():
    """shared_vector() (both forms) against the reference: TF-IDF weights over every term,
    normalised, the terms of one article dropped, rounded with round(w, 4)."""
    import math

    from reader.analysis.stories.stats import StoryStats

    records = list(_features_of(CORPUS).values())
    text_model, _ = StoryStats.from_records(records).models()
    n = text_model.n_docs

    def idf(term):  # TfidfModel's smooth idf
        c = text_model.df.get(term, 0)
        return math.log((1 + n) / (1 + c)) + 1.0 if c > 0 else math.log(1 + n) + 1.0

    for record in records:
        counts = record.get("words") or {}
        weights = [(1.0 + math.log(c)) * idf(t) for t, c in counts.items()]
        assert [text_model.idf(t) for t in counts] == [idf(t) for t in counts]
        norm = math.sqrt(sum([w * w for w in weights]))
        expected = {t: round(w / norm, 4) for t, w in zip(counts, weights) if text_model.df.get(t, 0) > 1}
        assert text_model.shared_vector(counts) == expected
        assert list(text_model.shared_vector(counts, compact=True).items()) == list(expected.items())


def test_top_terms_without_the_vector_are_those_of_the_vector():
    """shared_top(counts, k) == _best(shared_vector(counts), k): the same terms, weights and order,
    with weights that tie after rounding and terms of one article only (not in the vector)."""
    from reader.analysis.stories.stats import _best, _StatsModel

    rng = random.Random(7)
    for trial in range(1500):
        vocab = [f"t{i}" for i in range(rng.randint(0, 70))]
        counts = {t: rng.choice([1, 1, 1, 2, 3, 300]) for t in vocab}
        df = {t: rng.choice([0, 1, 2, 2, 5, 5, 5, 50]) for t in vocab}
        model = _StatsModel(rng.choice([10, 100, 1000]), df)
        for k in (0, 1, 3, 5, 15, 100):
            assert model.shared_top(counts, k) == _best(model.shared_vector(counts), k), (trial, k)
    records = _features_of(_event_articles(40, seed=3)).values()
    stats = StoryStats.from_records(records)
    text_model, _ = stats.models()
    for record in records:
        assert text_model.shared_top(record["words"], 15) == _best(text_model.shared_vector(record["words"]), 15)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_the_blocking_path_makes_few_word_vectors_and_the_same_stories(seed, monkeypatch):
    """Beyond EXHAUSTIVE_MAX an update makes the word and name vectors of the articles it scores
    only (the others' top terms come without them): the stories, ids and labels are those made with every
    vector, and those of a full regrouping."""
    from reader.analysis.stories import incremental
    from reader.analysis.stories.stats import _StatsModel

    previous, current, changed, removed = _scenario(seed, n_events=200)
    assert len(current) > 400
    made = []
    real = _StatsModel.shared_vector
    monkeypatch.setattr(_StatsModel, "shared_vector", lambda self, *a, **k: made.append(1) or real(self, *a, **k))
    lazy = update_stories(previous, current, changed, removed)
    vectors_made = len(made)

    real_init = incremental._Pool.__init__

    def eager(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        self.lazy = None  # every vector made, as before

    monkeypatch.setattr(incremental._Pool, "__init__", eager)
    made.clear()
    every = update_stories(previous, current, changed, removed)
    assert [s.to_dict() for s in lazy] == [s.to_dict() for s in every]
    assert groups(lazy) == groups(cluster_stories(list(current.values())))
    # Word and name vectors are made for the articles of the pairs scored, not the whole window.
    assert vectors_made < 0.35 * len(made)


def test_a_lowered_exhaustive_max_takes_the_blocking_path_in_updates_too(monkeypatch):
    """bench/eval_stories.py --force-blocking lowers similarity.EXHAUSTIVE_MAX for a run: the
    incremental grouping reads it when it starts (as _candidate_pairs does), so a small corpus
    then takes the blocking path in both, and the update still equals a full regrouping."""
    from reader.analysis.stories import incremental, similarity
    from reader.analysis.stories.stats import _StatsModel

    calls = []
    real = _StatsModel.top_of
    monkeypatch.setattr(_StatsModel, "top_of", lambda self, *a: calls.append(1) or real(self, *a))
    previous, current, changed, removed = _scenario(21, n_events=12)
    assert len(current) <= similarity.EXHAUSTIVE_MAX
    update_stories(previous, current, changed, removed)
    assert not calls  # every pair compared: no top terms looked for
    monkeypatch.setattr(similarity, "EXHAUSTIVE_MAX", 0)
    pools = []
    real_init = incremental._Pool.__init__
    monkeypatch.setattr(
        incremental._Pool, "__init__", lambda self, *a, **k: real_init(self, *a, **k) or pools.append(self.blocking)
    )
    previous, current, changed, removed = _scenario(21, n_events=12)  # grouped by blocking too
    updated = update_stories(previous, current, changed, removed)
    assert pools and all(pools) and calls
    assert groups(updated) == groups(cluster_stories(list(current.values())))


def test_an_update_whose_region_grows_scores_each_pair_once(monkeypatch):
    """Each round of a growing region scores the pairs of the rounds before again: the update
    keeps their scores (same statistics, same ids), so a pair is scored once and the stories are
    those of a full regrouping."""
    from reader.analysis.stories import incremental, similarity

    rounds, scored = [], []
    real_score, real_sims = similarity._pair_parts, incremental._similarities
    monkeypatch.setattr(
        similarity, "_pair_parts", lambda f, i, j, p: scored.append((f.ids[i], f.ids[j])) or real_score(f, i, j, p)
    )
    monkeypatch.setattr(incremental, "_similarities", lambda *a, **k: rounds.append(1) or real_sims(*a, **k))
    for seed in range(8):
        previous, current, changed, removed = _scenario(seed, n_events=12 + seed * 3)
        scored.clear()
        updated = update_stories(previous, current, changed, removed)
        assert scored and len(scored) == len(set(scored))
        assert groups(updated) == groups(cluster_stories(list(current.values())))
    assert len(rounds) > 8  # some region grew past its first round


def test_unit_cosine_sums_as_the_generator_did():
    """unit_cosine's map form adds the same products in the same order: bit-identical scores."""
    from reader.analysis.textstats import unit_cosine

    rng = random.Random(3)
    for _ in range(200):
        a = {f"t{k}": rng.random() / 9 for k in rng.sample(range(300), rng.randint(0, 60))}
        b = {f"t{k}": rng.random() / 9 for k in rng.sample(range(300), rng.randint(0, 60))}
        small, big = (a, b) if len(a) <= len(b) else (b, a)
        assert unit_cosine(a, b) == min(1.0, sum(w * big.get(t, 0.0) for t, w in small.items()))


def test_a_long_label_is_cut_between_words_with_an_ellipsis():
    """As `reader stories` and `coverage` show a label (the index keeps it whole)."""
    from reader.wording import SHOWN_LABEL_CELLS, clipped

    def _shorten(text):
        return clipped(text, SHOWN_LABEL_CELLS)

    hyphenated = "Government-announces-sweeping-overhaul-of-national-infrastructure-spending-programme"
    assert _shorten(hyphenated) == "Government-announces-sweeping-overhaul-of-national-infrastructure…"
    # a cut that falls where a word ends keeps that word
    exact = "Word " * 13 + "abc" + " jj" * 5
    assert _shorten(exact) == "Word " * 13 + "abc…"
    # a word longer than half the room is cut inside (else "A…" would be the whole label)
    assert _shorten("A " + "x" * 100) == "A " + "x" * 67 + "…"
    assert len(_shorten("東京" * 60)) == 70  # no spaces in the script: cut by characters
    assert _shorten("Short one") == "Short one"
    assert clipped("Summit, talks, and more", 16) == "Summit, talks…"  # no comma left before "…"


def test_an_outlet_written_with_and_without_an_emoji_selector_is_one_outlet_to_the_same_outlet_penalty():
    from reader.analysis.stories.stats import _outlets_of

    records = [{"outlet": "Rally \u2764\ufe0f"}, {"outlet": "Rally \u2764"}, {"outlet": "Beta"}, {"outlet": None}]
    found = _outlets_of(records)
    assert found[0] == found[1] != found[2] and found[3] is None


def test_a_given_name_that_is_also_a_grammar_word_stays_in_the_story_features_names():
    # "actor Will Smith" recorded "Smith", the name of any other Smith in the news
    text = "The actor Will Smith spoke on Sunday. critics said Smith will return. Sen. Will Hurd agreed."
    names = story_features(art("w1", text, "Oscars: the actor Will Smith speaks"))["names"]
    assert names == {"Will Smith": 2, "Oscars": 1, "Smith": 1, "Will Hurd": 1}


def test_a_surname_that_is_also_a_grammar_word_stays_in_the_story_features_names():
    # "Theresa May said" recorded "Theresa", the name of any other Theresa in the news
    text = "Theresa May said on Sunday that Brexit may wait. Mrs. May met George Will in May."
    names = story_features(art("m1", text, "Brexit: Theresa May speaks"))["names"]
    assert names == {"Theresa May": 2, "Brexit": 2, "May": 1, "George Will": 1}


def test_an_office_inside_a_name_is_no_part_of_the_story_features_names():
    # "Israeli Prime Minister Benjamin Netanyahu" was a name apart from "Benjamin Netanyahu"
    text = "Israeli Prime Minister Benjamin Netanyahu spoke. critics said Benjamin Netanyahu erred."
    names = story_features(art("n1", text, "TRUMP SAYS HE WILL WIN"))["names"]
    assert names == {"Benjamin Netanyahu": 2}


def test_a_records_names_are_read_from_headlines_as_the_text_writes_them():
    # "SECRETARY OF STATE JOHN KERRY SPEAKS" was the name "STATE JOHN KERRY SPEAKS", and a title in
    # title case one name of all its words ("Fort Worth May Dry Human Waste")
    from reader.analysis.stories import story_features

    article = art(
        "kerry",
        "SECRETARY OF STATE JOHN KERRY SPEAKS\nSecretary of State John Kerry spoke in Fort Worth on Monday. "
        "The city may dry its waste.",
        title="Fort Worth May Dry Human Waste, Kerry Says",
    )
    assert story_features(article)["names"] == {"Fort Worth": 2, "Kerry": 1, "John Kerry": 2}


# Two article ids whose stories shared an id at 40 bits ("sa189cb365c"): found by hashing
# "wires/story-N" until two of the first 10 hex digits met (1.3 million ids).
SHARED_AT_40_BITS = ("wires/story-971076", "wires/story-1302123")


def test_two_stories_whose_ids_met_at_40_bits_are_told_apart(tmp_path, isolated_dirs):
    """A ~0.1% chance at 50,000 stories: a story id two stories shared merged them where a story
    is looked up by its id (`reader stories` gave both the span of one, the app's group of one was
    counted as the other's). Ids are 64 bits: each story its own id, span, and name."""
    from test_index_helpers import write_article

    from reader.library import Library

    assert story_id(SHARED_AT_40_BITS[0])[:11] == story_id(SHARED_AT_40_BITS[1])[:11] == "sa189cb365c"
    assert story_id(SHARED_AT_40_BITS[0]) != story_id(SHARED_AT_40_BITS[1])
    corpus = tmp_path / "news"
    write_article(
        corpus, SHARED_AT_40_BITS[0], "Storm floods the coast", "Reuters", "2025-09-15", "A storm flooded towns."
    )
    write_article(
        corpus, SHARED_AT_40_BITS[1], "Cup final ends in a draw", "BBC", "2025-11-20", "The final was a draw."
    )
    library = Library([corpus], tmp_path / "index")
    try:
        stories = library.stories()
        assert sorted(s.articles[0] for s in stories) == sorted(SHARED_AT_40_BITS)
        assert len({s.id for s in stories}) == 2
        spans = library.story_spans(stories)
        assert sorted(span.outlets for span in spans.values()) == [("BBC News",), ("Reuters",)]
        for story in stories:
            assert library.story_named(story.id) == story.id
    finally:
        library.close()


def test_a_story_id_saved_at_40_bits_still_names_its_story(tmp_path, isolated_dirs):
    """Ids were "s" and 10 hex digits: a saved one (`reader compare ID`, `search --story ID`) is the
    start of its story's id now, which names the story as any unique start does."""
    from test_index_helpers import make_corpus

    from reader.library import Library, has_story_id_form

    library = Library([make_corpus(tmp_path / "news")], tmp_path / "index")
    try:
        for story in library.stories():
            saved = story.id[:11]
            assert has_story_id_form(saved) and has_story_id_form(story.id)
            assert library.story_named(saved) == story.id
    finally:
        library.close()


def test_a_story_id_saved_at_40_bits_in_a_query_still_finds_its_story(tmp_path, isolated_dirs, capsys):
    """`story:ID` in a saved query (a script's, the search history's) with a 10-digit id found
    nothing after ids grew, and said "no story with id": it finds the stories whose ids start so,
    and an id that starts two now says so."""
    from test_index_helpers import write_article

    from reader.cli import main

    corpus = tmp_path / "news"
    write_article(
        corpus, SHARED_AT_40_BITS[0], "Storm floods the coast", "Reuters", "2025-09-15", "A storm flooded towns."
    )
    write_article(
        corpus, SHARED_AT_40_BITS[1], "Cup final ends in a draw", "BBC", "2025-11-20", "The final was a draw."
    )
    write_article(corpus, "ap/budget", "Budget bill clears Senate", "AP", "2025-10-03", "Lawmakers approved it.")
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    saved = story_id("ap/budget")[:11]
    assert main([*where, "search", "--json", f"story:{saved}"]) == 0
    captured = capsys.readouterr()
    assert [found["id"] for found in json.loads(captured.out)] == ["ap/budget"]
    assert "no story" not in captured.err

    assert main([*where, "search", "--json", "story:sa189cb365c"]) == 0
    captured = capsys.readouterr()
    assert sorted(found["id"] for found in json.loads(captured.out)) == sorted(SHARED_AT_40_BITS)
    warned = [line for line in captured.err.splitlines() if "sa189cb365c" in line]
    assert len(warned) == 1 and "starts 2 story ids now" in warned[0]
    assert all(story_id(article) in warned[0] for article in SHARED_AT_40_BITS)


def test_a_story_id_saved_at_40_bits_that_two_stories_shared_names_both(tmp_path, isolated_dirs, capsys):
    """The id two stories shared at 10 digits starts both ids now: `compare`/`show` said "no
    article or story with id ... (its id changes when that article leaves it)", which is not
    what happened. They list both stories with their whole ids, exit 2; `search --story` finds
    the articles of each, as it did when they shared it."""
    from test_index_helpers import write_article

    from reader.cli import main

    corpus = tmp_path / "news"
    write_article(
        corpus, SHARED_AT_40_BITS[0], "Storm floods the coast", "Reuters", "2025-09-15", "A storm flooded towns."
    )
    write_article(
        corpus, SHARED_AT_40_BITS[1], "Cup final ends in a draw", "BBC", "2025-11-20", "The final was a draw."
    )
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    for command in ("compare", "show"):
        assert main([*where, command, "sa189cb365c"]) == 2
        err = capsys.readouterr().err
        assert "sa189cb365c (saved when ids had 10 digits" in err and "names 2 stories now" in err
        assert "changes when" not in err
        for article in SHARED_AT_40_BITS:
            assert f"{story_id(article)} {article} (1 article)" in err
    assert main([*where, "search", "--json", "--story", "sa189cb365c", "storm OR final"]) == 0
    assert sorted(found["id"] for found in json.loads(capsys.readouterr().out)) == sorted(SHARED_AT_40_BITS)


def test_the_story_id_forms_follow_its_width():
    """The id's forms (what an update keeps across a rename, what a user may type, an id saved at
    10 digits) are derived from STORY_ID_DIGITS, in reader.analysis.story_ids alone: at another
    width every form follows, and the 10-digit start still has its own form."""
    from pathlib import Path

    import reader.analysis.story_ids as story_ids
    from reader.index import update
    from reader.library import has_story_id_form

    for article in ["bbc/a.txt", "reuters/ü.html", "x" * 300]:
        sid = story_ids.story_id(article)
        assert len(sid) == 1 + story_ids.STORY_ID_DIGITS and story_ids.STORY_ID.fullmatch(sid)
        assert story_ids.STORY_ID_AT_40_BITS.fullmatch(sid[: 1 + story_ids.STORY_ID_DIGITS_AT_40_BITS])
        assert has_story_id_form(sid) and has_story_id_form(sid.upper())
        assert has_story_id_form(sid[:11]) and not has_story_id_form(sid[:13]) and not has_story_id_form(sid + "0")
    assert update.STORY_ID is story_ids.STORY_ID  # what keep_story_ids keeps

    source = Path(story_ids.__file__).read_text(encoding="utf-8")
    assert source.count("STORY_ID_DIGITS = 16\n") == 1
    wider: dict = {}
    exec(compile(source.replace("STORY_ID_DIGITS = 16\n", "STORY_ID_DIGITS = 20\n"), story_ids.__file__, "exec"), wider)
    sid = wider["story_id"]("bbc/a.txt")
    assert len(sid) == 21 and wider["STORY_ID"].fullmatch(sid) and not wider["STORY_ID"].fullmatch(sid[:17])
    assert wider["STORY_ID_WRITTEN"].fullmatch(sid) and wider["STORY_ID_WRITTEN"].fullmatch(sid[:11])
    assert not wider["STORY_ID_WRITTEN"].fullmatch(sid[:17])


def test_keep_story_ids_keeps_only_a_grouping_id():
    """A story given by metadata is named by its label: an update does not carry that over a
    rename of its first article as it carries a grouping's id (story_ids.STORY_ID)."""
    from reader.analysis.story_ids import story_id
    from reader.index import update

    before = [
        {"id": story_id("a"), "label": "A", "articles": ["a", "b"]},
        {"id": "my-story", "label": "my-story", "articles": ["c", "d"]},
    ]
    stories = [
        {"id": story_id("a2"), "label": "A", "articles": ["a2", "b"]},
        {"id": story_id("c2"), "label": "C", "articles": ["c2", "d"]},
    ]
    update.keep_story_ids(stories, before, {"a": "a2", "c": "c2"})
    assert [s["id"] for s in stories] == [story_id("a"), story_id("c2")]


def test_a_story_given_by_metadata_to_more_articles_than_are_linked_pair_by_pair_stays_one():
    # A given story's articles are linked pair by pair up to similarity._GIVEN_STORY_MAX; past it
    # they were not, and articles that tell the story differently (or a corpus past
    # EXHAUSTIVE_MAX, whose terms every article holds were passed over) each came out alone.
    texts = [BAKERY.text, HOUSE_FOX.text, SENATE_FOX.text]
    big = [art(f"g{k:03d}", texts[k % 3], f"Title {k}", f"Outlet {k}", "2024-03-05", story="big") for k in range(60)]
    other = art("o", BAKERY.text, "Bakery", "Other outlet", "2024-03-05", story="other")
    grouped = groups(group_stories([*big, other]))
    assert [a.id for a in big] in grouped and ["o"] in grouped


def test_a_wire_story_of_500_near_copies_given_by_metadata_is_one_story():
    # 250 to 300 such reprints came out as one story, 500 as 500 stories of one article.
    wire = " ".join(f"Sentence {k} of the wire story says something new about the summit." for k in range(10))
    reprints = [
        art(f"a{k:04d}", f"By Reporter {k}. {wire}", "Summit", f"Outlet {k}", "2025-10-21", story="wire")
        for k in range(500)
    ]
    assert groups(group_stories(reprints)) == [[a.id for a in reprints]]
