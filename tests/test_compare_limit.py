"""A side too long to compare whole (reader.analysis.compare.MAX_SENTENCES): the bound only
applies far above article sizes, leaves normal comparisons exactly as they were, and says so."""

from __future__ import annotations

from pathlib import Path

import pytest

import reader.analysis.compare as compare_module
from reader.analysis.compare import NOT_COMPARED, compare
from reader.analysis.report import render_markdown, render_text
from reader.corpus import load_corpus
from reader.corpus.model import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

STORY = [
    "The city council approved the new budget on Tuesday after a long debate.",
    "Mayor Alice Brown said the plan would fund 12 new schools.",
    "Critics argued the spending was too high for a small city.",
    "The vote passed by seven votes to four.",
    '"This is a good day for our children," Brown said.',
    "Construction of the first school will begin in March.",
    "The budget also raises the pay of city workers by 3 percent.",
    "Opponents said they would challenge the plan in court.",
]


def art(sentences: list[str], id: str, outlet: str) -> Article:
    return Article(id=id, path=Path(f"{id}.txt"), text=" ".join(sentences), outlet=outlet, title=f"title {id}")


@pytest.fixture(scope="module")
def seed_pair() -> tuple[Article, Article]:
    by_outlet = {a.outlet: a for a in load_corpus([SEEDS]).articles}
    return by_outlet["Fox News"], by_outlet["The Moscow Times"]


def test_a_normal_comparison_is_unchanged_by_the_bound(seed_pair, monkeypatch):
    left, right = seed_pair
    bounded = compare(left, right)
    assert bounded.limited == {} and "limited" not in bounded.to_dict()
    assert bounded.limit_notice() is None
    monkeypatch.setattr(compare_module, "MAX_SENTENCES", 10**9)
    unbounded = compare(left, right)
    assert bounded.to_dict() == unbounded.to_dict()
    assert render_text(bounded) == render_text(unbounded)
    assert render_markdown(bounded) == render_markdown(unbounded)


def test_the_bound_is_far_above_article_sizes(seed_pair):
    assert compare_module.MAX_SENTENCES >= 500
    assert all(len(compare(*seed_pair).__getattribute__(side).sentences) < 100 for side in ("left", "right"))


def test_a_side_beyond_the_bound_is_compared_on_its_first_sentences(monkeypatch):
    monkeypatch.setattr(compare_module, "MAX_SENTENCES", 5)
    right = art(STORY[:4], "r", "Right Times")
    long_left = art(STORY + STORY[:3], "l", "Left Daily")
    limited = compare(long_left, right)
    monkeypatch.setattr(compare_module, "MAX_SENTENCES", 10**9)
    head = compare(art(STORY[:5], "l", "Left Daily"), right)

    assert limited.limited == {"left": (5, 11)}
    # The compared part links exactly as an article made of it alone.
    assert [(p.left, p.right, p.score) for p in limited.pairs] == [(p.left, p.right, p.score) for p in head.pairs]
    assert limited.only_left == head.only_left and limited.only_right == head.only_right
    # The whole side is shown; its tail is marked, never "only on the left".
    assert len(limited.left.sentences) == 11 and limited.left.text == long_left.text
    assert {k: v for k, v in limited.skipped_left.items() if v == NOT_COMPARED} == {
        k: NOT_COMPARED for k in range(5, 11)
    }
    assert all(k < 5 for k in limited.only_left)
    assert not any(p.left >= 5 for p in limited.pairs)


def test_a_limited_comparison_says_so_everywhere(monkeypatch):
    monkeypatch.setattr(compare_module, "MAX_SENTENCES", 5)
    comparison = compare(art(STORY, "l", "Left Daily"), art(STORY * 2, "r", "Right Times"))
    assert comparison.limited == {"left": (5, 8), "right": (5, 16)}
    assert comparison.to_dict()["limited"] == {
        "left": {"compared": 5, "sentences": 8},
        "right": {"compared": 5, "sentences": 16},
    }
    notice = comparison.limit_notice()
    assert notice is not None and "first 5 of 16 sentences" in notice
    assert notice in render_text(comparison)
    assert "first 5 of 8 sentences" in render_markdown(comparison)


def test_quotations_after_the_compared_part_are_not_matched(monkeypatch):
    monkeypatch.setattr(compare_module, "MAX_SENTENCES", 4)
    quoted = '"We will build them all," Brown said.'
    comparison = compare(art(STORY[:4] + [quoted], "l", "Left Daily"), art(STORY[:4] + [quoted], "r", "Right Times"))
    assert comparison.shared_quotes == []
    monkeypatch.setattr(compare_module, "MAX_SENTENCES", 10**9)
    whole = compare(art(STORY[:4] + [quoted], "l", "Left Daily"), art(STORY[:4] + [quoted], "r", "Right Times"))
    assert whole.shared_quotes
