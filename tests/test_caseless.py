"""Case-insensitive finding with offsets into the text as written (reader/caseless.py)."""

from __future__ import annotations

from reader.caseless import Caseless, find_all


def test_offsets_stay_on_the_text_when_lower_case_is_longer():
    # "İ".lower() is "i" + U+0307: a lower-cased copy is one character longer per İ.
    text = "İİ İstanbul summit"
    assert len(text.lower()) == len(text) + 3
    ((start, end),) = find_all(text, "summit")
    assert text[start:end] == "summit"
    assert [text[s:e] for s, e in find_all(text, "istanbul")] == []  # "i̇stanbul" is not "istanbul"
    assert [text[s:e] for s, e in find_all(text, "İSTANBUL")] == ["İstanbul"]
    assert [text[s:e] for s, e in find_all(text, "i")] == ["İ", "İ", "İ", "i"]  # the whole İ


def test_a_range_is_read_in_the_texts_offsets():
    text = "İ a b a İ a"
    found = Caseless(text).find_all("A", 3, 9)
    assert [(s, text[s:e]) for s, e in found] == [(6, "a")]
    assert Caseless("Plain Text").find_all("text", 0, 100) == [(6, 10)]
    assert Caseless("x").find_all("") == []
