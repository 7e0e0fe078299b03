"""A CJK character standing alone (a particle: the と of 東京 と 大阪) counts in a phrase: it is
indexed (terms v22), and the phrase finds it written apart or closed up, never its absence or
another particle; searched alone, or outside a phrase, it is left out as before."""

from __future__ import annotations

import pytest
from search_corpus import ids, indexed

from reader.index import textproc

ARTICLES = {
    "jp/apart": ("a", "会議 東京 と 大阪 開催"),
    "jp/closed": ("b", "会議は東京と大阪で開催"),
    "jp/left": ("c", "会議 東京と 大阪 開催"),
    "jp/right": ("d", "会議 東京 と大阪 開催"),
    "jp/none": ("e", "会議 東京 大阪 開催"),
    "jp/other": ("f", "会議 東京の大阪 開催"),
    "jp/other_apart": ("g", "会議 東京 の 大阪 開催"),
}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    ix = indexed(tmp_path_factory.mktemp("particles"), ARTICLES)
    yield ix
    ix.close()


def test_a_particle_in_a_phrase_counts_apart_or_closed_up(index):
    assert ids(index.search('"東京 と 大阪"')) == ["jp/apart", "jp/closed", "jp/left", "jp/right"]
    assert ids(index.search('"東京 の 大阪"')) == ["jp/other", "jp/other_apart"]


def test_a_phrase_without_the_particle_does_not_find_it_written_apart(index):
    # The particle has its place: "東京 大阪" is no longer 東京 と 大阪.
    assert ids(index.search('"東京 大阪"')) == ["jp/none"]


def test_outside_a_phrase_a_particle_is_left_out(index):
    assert ids(index.search("東京 と 大阪")) == sorted(ARTICLES)
    for query in ("と", '"と"'):
        results = index.search(query)
        assert results.error and "one Chinese, Japanese or Korean character alone" in results.error


def test_the_particle_is_highlighted_with_its_phrase(index):
    text = ARTICLES["jp/closed"][1]
    ranges = index.match_ranges("jp/closed", '"東京 と 大阪"')
    assert [text[a:b] for a, b in ranges] == ["東京と大阪"]
    text = ARTICLES["jp/apart"][1]
    assert [text[a:b] for a, b in index.match_ranges("jp/apart", '"東京 と 大阪"')] == ["東京", "と", "大阪"]


def test_latin_text_keeps_its_terms():
    # One letter alone is no term, in English or in a CJK article: only CJK characters are.
    assert textproc.term_positions("a budget x of 3 y")[0] == {"budget": [1]}
    assert textproc.term_positions("東京 と x 大阪")[0] == {"東京": [0], "と": [1], "大阪": [2]}


def test_an_index_of_the_old_terms_is_rebuilt(tmp_path, monkeypatch):
    """An index built before terms v22 (schema 67: a lone CJK character no term) is rebuilt by
    the next update, and its phrases count the particle."""
    from reader.index import CorpusIndex, layout, state, store

    old = layout.SCHEMA_VERSION - 1
    real_positions = textproc.term_positions

    def v21_positions(text, language=None):
        # v21 dropped a lone character and counted on (東京 と 大阪 was 東京 大阪).
        kept = " ".join(w for w in text.split() if not textproc.is_lone_cjk(w))
        return real_positions(kept, language)

    with monkeypatch.context() as old_code:
        for module in (layout, store, state):
            old_code.setattr(module, "SCHEMA_VERSION", old)
        old_code.setattr(store, "VERSION_FIELD", f"schema_v{old}")
        old_code.setattr(textproc, "term_positions", v21_positions)
        index = indexed(tmp_path, {"jp/apart": ARTICLES["jp/apart"]})
        assert ids(index.search('"東京 大阪"')) == ["jp/apart"]  # the old index, as it was
        index.close()
    index = CorpusIndex([tmp_path / "corpus"], tmp_path / "index")
    try:
        assert "older version" in index.update().notice
        assert ids(index.search('"東京 大阪"')) == []
        assert ids(index.search('"東京 と 大阪"')) == ["jp/apart"]
    finally:
        index.close()
