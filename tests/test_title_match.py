"""The palette's ranking of titles (reader.title_match), core alone."""

from reader.title_match import initials_score, rank, words_score


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
