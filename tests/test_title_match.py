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


# "zzz": the initials pass looks at no title (none has a word starting with z), the typos pass is next
@pytest.mark.parametrize("query, passes_before", [("title", 0), ("tt", 1), ("zzz", 1)])
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


def test_whole_words_then_word_starts_then_initials_then_letters_inside_a_word_then_typos():
    """ "hc" listed "Lynchcraft…" (the letters inside a word) above "Hillary Clinton…" (the
    letters as word starts): a title holding the query anywhere hid every reading as initials."""
    titles = [
        "lynchcraft in small towns",  # inside a word
        "hospital chiefs meet",  # initials
        "hcs rules change",  # a word start
        "the hc report",  # a whole word
        "hillary clinton on trade",  # initials
    ]
    assert [i for i, _ in rank("hc", titles, 10)] == [3, 2, 1, 4, 0]
    assert [i for i, _ in rank("hc", ["lynchcraft", "hillary clinton"], 10)] == [1, 0]
    scores = [score for _, score in rank("hc", titles, 10)]
    assert scores == sorted(scores, reverse=True) and len(set(scores[2:4])) == 1  # initials level
    typo = rank("hc", ["hx"] + titles, 10)  # no typo reading is listed while words match
    assert 0 not in [i for i, _ in typo]
    assert rank("hilary", ["hillary clinton"], 10)[0][1] < rank("hc", ["lynchcraft"], 10)[0][1]


def test_a_title_is_listed_once_when_its_words_and_its_initials_both_name_it():
    assert [i for i, _ in rank("hil cl", ["hillary clinton", "hill climbers"], 10)] == [0, 1]
    assert len(rank("h c", ["hc", "hillary clinton", "lynchcraft"], 10)) == 3


def test_the_initials_pass_finds_every_title_the_letters_spell_as_word_starts():
    """Only titles with a word starting with the first letter, and whose letters can be word
    starts or follow each other, are read closely (the pass over 50,000 titles read each): none
    that spells the query is left out."""
    import random

    rng = random.Random(3)
    syllables = ["ha", "c", "at", "ion", "li", "nt", "on", "ta", "x", "re", "cl", "in"]
    titles = [
        " ".join("".join(rng.choices(syllables, k=rng.randint(1, 3))) for _ in range(rng.randint(1, 6)))
        for _ in range(600)
    ]
    for query in ("hc", "hcl", "ation", "clinton", "tax re", "ha c", "nt", "ion", "ccc"):
        words = query.split()
        listed = dict(rank(query, titles, len(titles)))
        for index, title in enumerate(titles):
            spelt = initials_score(query, title) > 0
            at_starts = words_score(words, title) is not None and words_score(words, title)[2]
            if spelt and not at_starts:
                assert 0.3 < listed.get(index, 0) <= 0.5, (query, title)
            elif not at_starts:
                assert listed.get(index, 0) <= 0.3, (query, title)


def _reference_words_score(words: list[str], text: str):
    """words_score as it was written first: each place of each word looked at in turn."""
    total, first_at, all_start = 0, len(text), True
    for number, word in enumerate(words):
        best, best_at = 0, -1
        start = text.find(word)
        while start != -1 and best < 3:
            at_start = start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")
            end = start + len(word)
            whole = at_start and (end == len(text) or not (text[end].isalnum() or text[end] == "_"))
            points = 3 if whole else 2 if at_start else 1
            if points > best:
                best, best_at = points, start
            start = text.find(word, start + 1)
        if not best:
            return None
        all_start = all_start and best > 1
        total += best
        if number == 0:
            first_at = best_at
    score = total / (3 * len(words))
    if len(words) > 1 and " ".join(words) in text:
        score += 0.25
    return min(score / 1.25, 1.0), first_at, all_start


def test_the_ranking_is_the_one_of_each_place_looked_at_in_turn():
    # A keystroke over 50,000 titles cost 86 ms ("ation") to 122 ms ("h"): the places of a word
    # are now found by regular expressions, a one-word query's pass is written out and only the
    # best few are sorted. The order is the same, over many queries and titles.
    import random

    import reader.title_match as title_match

    rng = random.Random(4)
    vocabulary = (
        "hillary clinton h c hc health care tax re returns ation nation station u.s. o'neil _x 2024 é ß".split()
    )
    titles = [
        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 8))) + rng.choice(["", ".", ":", " -"])
        for _ in range(3_000)
    ]
    queries = ["h", "hc", "hcl", "hil", "clinton", "ation", "tax re", "re tax", "hilary", "zqx", "u.s", ".", "_", "é"]
    queries += [
        " ".join(rng.choice(vocabulary)[: rng.randint(1, 4)] for _ in range(rng.randint(1, 3))) for _ in range(200)
    ]
    for query in queries:
        words = query.lower().split()
        for text in titles[:300]:
            assert title_match.words_score(words, text) == _reference_words_score(words, text), (query, text)
        assert rank(query, Titles(titles), 40) == _reference_rank(query, Titles(titles), 40), query


def _reference_rank(query: str, titles: Titles, limit: int) -> list[tuple[int, float]]:
    """rank() as it was written first: each title's words_score in turn, all found sorted."""
    import reader.title_match as title_match

    words = query.lower().split()
    at_starts, inside = [], {}
    for index, text in enumerate(titles.lowered):
        scored = _reference_words_score(words, text)
        if scored is not None:
            score, first_at, all_start = scored
            if all_start:
                at_starts.append((0.5 + score / 2, first_at, index))
            else:
                inside[index] = (0.1 + score / 5, first_at)
    above = {index for _score, _first_at, index in at_starts}
    found = at_starts + title_match._by_initials(words, titles, limit - len(at_starts), above, inside, lambda _: None)
    found += [(score, first_at, index) for index, (score, first_at) in inside.items()]
    if not found:  # the typos' pass, unchanged
        return rank(query, titles, limit)
    found.sort(key=lambda item: (-item[0], item[1], item[2]))
    return [(index, score) for score, _first_at, index in found[:limit]]
