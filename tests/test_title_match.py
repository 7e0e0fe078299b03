"""The palette's ranking of titles (reader.title_match), core alone."""

import pytest

from reader.title_match import CHECK_EVERY, Cancelled, Titles, initials_score, rank, words_score


def test_a_word_start_beats_the_same_letters_inside_a_word():
    titles = ["while blumenthal retains support", "hillary clinton on trade"]
    assert [i for i, _ in rank("hil", titles, 10)] == [1, 0]


def test_a_whole_word_beats_a_prefix_and_words_in_order_beat_them_scattered():
    assert words_score(["hill"], "tax deal to hill democrats")[0] > words_score(["hill"], "hillary clinton")[0]
    together = words_score(["tax", "returns"], "releases tax returns")[0]
    apart = words_score(["tax", "returns"], "returns of the tax office")[0]
    assert together > apart


def test_letters_typed_as_word_starts_name_a_title_the_fewer_pieces_the_better():
    assert initials_score("hcl", "hillary clinton") == 0.5  # h + cl
    assert initials_score("hc", "hillary clinton") == 0.5
    assert initials_score("xyz", "hillary clinton") == 0.0
    assert [i for i, _ in rank("hcl", ["house panel", "hillary clinton"], 10)] == [1]


def test_a_typo_still_finds_the_title():
    assert [i for i, _ in rank("hilary", ["hillary clinton", "markets calm"], 10)][0] == 0


def test_the_best_few_are_the_first_of_the_whole_ranking():
    """The initials pass stops once `limit` titles spell the query in the fewest pieces possible."""
    titles = [
        "house panel calls",
        "hillary clinton on trade",
        "harsh critics",
        "the house committee",
        "hc",
        "health care vote",
        "hospital closes",
        "hit by cuts",
    ]
    for query in ("hc", "hcl", "h c", "hil", "hcv", "hilary", "hospital"):
        whole = rank(query, titles, 100)
        for limit in (1, 2, 3):
            assert rank(query, Titles(titles), limit) == whole[:limit], (query, limit)


@pytest.mark.parametrize("query, passes_before", [("title", 0), ("tt", 1), ("zzz", 2)])
def test_a_ranking_stops_once_cancelled(query, passes_before):
    """Each pass (words, word starts, typos) stops within CHECK_EVERY titles of being cancelled."""
    titles = Titles([f"title {n}" for n in range(3 * CHECK_EVERY)])
    asked = []

    def cancelled() -> bool:  # true from the second look of the pass `query` reaches last
        asked.append(1)
        return len(asked) > 3 * passes_before + 1

    with pytest.raises(Cancelled):
        rank(query, titles, 10, cancelled)
    assert len(asked) == 3 * passes_before + 2
