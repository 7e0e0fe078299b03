"""A figure's context words are found by bisection in the sentence's words (they were read all
per figure: a long sentence of many figures was quadratic): the same words as before."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.analysis.figures import _CONTEXT_AFTER, _CONTEXT_BEFORE, _context_words, _find, _with_context, find_figures

SENTENCES = [
    "About 300 people marched on March 5, and 20 percent of the $5 million went to the 40 families.",
    "5 people",
    "The 2,000 protesters' demands, 3 of them new, 7.5% of votes and 12 senators' votes; 9 a.m.",
    "Mr. Gov. 5 a.m. and 9:30 p.m. $5 million 20 percent of 300 people " * 8,
]


def _with_context_before(figure, words, base):
    """_with_context as it was: every word read per figure."""
    start, end = figure.start - base, figure.end - base
    before = [(w, n, p) for s, e, w, n, p in words if e <= start][-_CONTEXT_BEFORE:]
    after = [(w, n, p) for s, e, w, n, p in words if s >= end][:_CONTEXT_AFTER]
    around = before + after
    return replace(
        figure,
        context=frozenset(w for w, _, _ in around),
        names=frozenset(w for w, n, _ in around if n),
        plurals=frozenset(w for w, _, p in around if p),
    )


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("base", [0, 17])
def test_a_figures_context_is_the_words_read_all_gave(sentence, base):
    figures = _find(sentence, base)
    assert figures
    words = _context_words(sentence)
    for figure in figures:
        assert _with_context(figure, words, base) == _with_context_before(figure, words, base)
    assert len(find_figures(sentence, base)) == len(figures)


def test_a_listing_item_is_the_thing_counted_not_a_verb_nor_a_name() -> None:
    from reader.analysis.figures import differing_figures, find_flag_figures, item_words

    left = "Acme sales rose 5 percent in the quarter, while unemployment rose to 5 percent."
    right = left.replace("5", "3")
    items = [item_words(f, g, left, 0) for f, g in differing_figures(find_flag_figures(left), find_flag_figures(right))]
    assert items == [("Acme", "sales", "quarter"), ("quarter", "unemployment")]
    told = "In the quarter, revenue at Acme Corp increased 5 percent, Smith said."
    [(f, g)] = differing_figures(find_flag_figures(told), find_flag_figures(told.replace("5", "8")))
    words = item_words(f, g, told, 0)
    assert not {"increased", "said", "Smith", "Corp"} & set(words), words


def test_a_sentence_opening_name_is_no_listing_item_where_the_articles_name_it() -> None:
    from reader.analysis.figures import differing_figures, find_flag_figures, item_words

    left = "Apple shipped 3 million phones in the quarter."
    right = left.replace("3", "4")
    [(f, g)] = differing_figures(find_flag_figures(left), find_flag_figures(right))
    texts = (left + " Shares of Apple rose.", right)
    assert item_words(f, g, left, 0, texts=texts) == ("phones", "quarter")
    # a thing opening the sentence, written in lowercase elsewhere, stays an item
    told = "Sales rose 5 percent in the quarter."
    [(f, g)] = differing_figures(find_flag_figures(told), find_flag_figures(told.replace("5", "3")))
    assert item_words(f, g, told, 0, texts=(told + " Its sales fell.", told)) == ("Sales", "quarter")
    # a word the articles write both ways ("Apple" and "apple") is not read as a name
    assert "Apple" in item_words(
        *differing_figures(find_flag_figures(left), find_flag_figures(right))[0],
        left,
        0,
        texts=(left + " Shares of Apple rose, apple growers said.", right),
    )
