"""Counts and summaries in words (reader/wording.py)."""

from __future__ import annotations

from reader.wording import skipped_lines


def test_a_skipped_file_is_named_with_its_reason():
    items = [{"path": "/news/daily/empty.md", "reason": "no article text (empty after the metadata)"}]
    assert skipped_lines(items) == ["1 file skipped:", "empty.md: no article text (empty after the metadata)"]


def test_many_skipped_files_name_the_first_and_count_the_rest():
    items = [{"path": f"/news/{n}.html", "reason": "binary file"} for n in range(5)]
    assert skipped_lines(items, shown=2) == [
        "5 files skipped:",
        "0.html: binary file",
        "1.html: binary file",
        "and 3 more; the command reader index lists them all.",
    ]


def test_clipped_cells_counts_a_wide_character_as_two_columns():
    from reader.wording import clipped_cells, crop_cells

    assert crop_cells("日本経済", 5) == "日本"  # the third would need columns 5 and 6
    assert clipped_cells("日本経済新聞", 7) == "日本経…"  # 6 columns of text and the "…"
    assert clipped_cells("Deutsche Welle English", 20) == "Deutsche Welle…"  # not "Deutsche Welle Engli"
    assert clipped_cells("short", 20) == "short"
