"""reader.paragraphs: an article's text in paragraphs and lines, as offsets."""

from __future__ import annotations

from reader.paragraphs import Piece, pieces


def shown(text: str, limit: int = 3_000) -> list[str]:
    return [text[p.start : p.end] for p in pieces(text, limit)]


def test_a_single_newline_is_a_line_break_and_a_blank_line_parts_paragraphs():
    text = "A poem:\n\nRoses are red,\nViolets are blue.\n\n  \n221B Baker Street\nLondon\n\nThe end."
    assert shown(text) == ["A poem:", "Roses are red,\nViolets are blue.", "221B Baker Street\nLondon", "The end."]


def test_a_text_with_no_blank_line_has_a_paragraph_a_line():
    # Many plain-text files write one paragraph a line: shown as one block, they were a wall of text.
    text = "First paragraph, a long one.\nSecond paragraph.\nThird.\n"
    assert shown(text) == ["First paragraph, a long one.", "Second paragraph.", "Third."]


def test_offsets_are_the_text_s_and_ends_are_trimmed():
    text = "  \n\n \tOne line \nand the next\t\n\n\nLast  "
    for piece in pieces(text):
        assert text[piece.start : piece.end] == text[piece.start : piece.end].strip()
    assert shown(text) == ["One line \nand the next", "Last"]


def test_a_long_paragraph_is_cut_at_a_line_break_else_at_a_space_and_says_it_goes_on():
    lines = "\n".join(f"line {i:02d} of the poem" for i in range(10))  # 19 characters a line
    text = f"Intro.\n\n{lines}\n\n{'word ' * 20}end"
    cut = pieces(text, limit=50)
    parts = [text[p.start : p.end] for p in cut]
    assert parts[0] == "Intro."
    poem = [p for p in cut if "poem" in text[p.start : p.end]]
    assert all(text[p.start : p.end].count("\n") <= 1 for p in poem)  # cut between lines, never inside one
    assert "\n".join(text[p.start : p.end] for p in poem) == lines
    assert [p.continued for p in poem] == [True] * (len(poem) - 1) + [False]
    words = cut[1 + len(poem) :]
    assert " ".join(text[p.start : p.end] for p in words) == f"{'word ' * 20}end"
    assert words[-1] == Piece(words[-1].start, len(text), False)


def test_no_text_has_no_paragraphs():
    assert pieces("") == [] and pieces(" \n\n \n") == []
