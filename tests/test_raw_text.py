"""A page's huge inline <script> and <style> blocks (an app's bundle, its state as JSON) were read
and parsed whole, and a page over 10 MB of them was refused: their content is now cut as the page
is read, the article's text, title and date unchanged."""

from __future__ import annotations

import random

import pytest

from reader.corpus import load_file
from reader.corpus.raw_text import MAX_RAW_TEXT_BYTES, RawTextCutter, without_huge_raw_text

MIB = 1024 * 1024
TEXT = "".join(
    f"<p>The council met on Tuesday and voted {n} times on the budget, said Mayor Ann Lee.</p>\n" for n in range(6)
)
JSON_LD = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-10-21"%s}</script>'


def page(head: str = "", body_end: str = "") -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Council backs budget</title>{head}</head>'
        f"<body><article><h1>Council backs budget</h1>\n{TEXT}</article>{body_end}</body></html>\n"
    )


def bundle(size: int) -> str:
    rng = random.Random(3)
    return "".join(rng.choice("abcdefghij{}();=+ \n") for _ in range(size))


def seen(path, root):
    result = load_file(path, root)
    assert result.skipped == []
    [article] = result.articles
    return article.text, article.title, article.date


def test_a_page_over_the_limit_of_inline_script_loads_as_the_page_without_it(tmp_path):
    script = "<script>" + bundle(1 * MIB) * 12 + "</script>"  # 12 MB
    (tmp_path / "heavy.html").write_text(page(f"<style>{'a{color:red}' * 200_000}</style>", script), "utf-8")
    (tmp_path / "light.html").write_text(page(), "utf-8")
    assert seen(tmp_path / "heavy.html", tmp_path) == seen(tmp_path / "light.html", tmp_path)


def test_a_huge_script_is_cut_but_json_ld_and_small_scripts_are_kept(tmp_path):
    padding = ', "x": "' + "y" * (2 * MAX_RAW_TEXT_BYTES) + '"'
    heavy = page(JSON_LD % padding + "<script>var small = 1;</script>", f"<script>{bundle(MIB)}</script>")
    (tmp_path / "heavy.html").write_text(heavy, "utf-8")
    assert seen(tmp_path / "heavy.html", tmp_path)[2] == "2025-10-21"  # from the JSON-LD, over 64 KB
    cut = without_huge_raw_text(heavy.encode())
    assert b"var small = 1;" in cut and b"datePublished" in cut
    assert b"<script></script></body>" in cut and len(cut) < len(heavy) - MIB + 1000


@pytest.mark.parametrize(
    "opening",
    [
        "<!-- an old <script> tag -->",
        "<textarea><script></textarea>",
        "<img alt='<script>'>",
        '<p title="a <style> tag">',
    ],
)
def test_a_script_tag_that_is_text_keeps_what_follows(opening):
    """A "<script>" in a comment, a textarea or an attribute is text: what follows it, however
    long, is kept, up to a real script's end."""
    rest = "<p>" + "Kept text. " * 20_000 + "</p><script>end()</script></style>"
    html = f"<html><body>{opening}{rest}</body></html>".encode()
    assert without_huge_raw_text(html) == html


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_cut_a_chunk_at_a_time_as_whole(chunk):
    html = page(
        JSON_LD % "" + "<STYLE media='x>y'>" + "b{}" * 30_000 + "</STYLE >",
        "<!-- <script> -->" + f"<script>{bundle(100_000)}</script>" + "<script>tiny()</script>",
    ).encode()
    cutter = RawTextCutter()
    parts = [cutter.feed(html[i : i + chunk]) for i in range(0, len(html), chunk)]
    whole = without_huge_raw_text(html)
    assert b"".join(parts) + cutter.end() == whole
    assert b"<STYLE media='x>y'></STYLE >" in whole and b"<script></script><script>tiny()</script>" in whole


def test_a_page_under_the_limit_keeps_the_date_only_its_huge_app_state_gives(tmp_path):
    """A Next.js page's only date is in its `__NEXT_DATA__` (hundreds of KB of JSON): cutting
    every page's huge scripts lost it, for no speed. Only a page over the limit is cut."""
    state = '{"props": {"article": {"datePublished": "2024-03-05T18:30:00Z", "body": "%s"}}}' % ("x" * 200_000)
    (tmp_path / "next.html").write_text(page(f'<script id="__NEXT_DATA__" type="application/json">{state}</script>'))
    article = load_file(tmp_path / "next.html", tmp_path).articles[0]
    assert (article.date, article.time) == ("2024-03-05", "2024-03-05T18:30:00Z")


def test_a_page_over_the_limit_is_cut_only_as_far_as_it_must_be(tmp_path):
    """A page over the limit only by the files it embeds keeps its huge scripts (and the date one
    gives); one still over the limit without them loses their content too, and loads."""
    state = '{"props": {"article": {"datePublished": "2024-03-05T18:30:00Z", "body": "%s"}}}' % ("x" * 200_000)
    script = f'<script id="__NEXT_DATA__" type="application/json">{state}</script>'
    image = '<img src="data:image/png;base64,' + "QUFB" * (3 * MIB) + '">'  # 12 MB embedded
    (tmp_path / "saved.html").write_text(page(script, image))
    assert load_file(tmp_path / "saved.html", tmp_path).articles[0].date == "2024-03-05"
    bundled = page(script, f"<script>{bundle(MIB) * 11}</script>")  # 11 MB of script
    (tmp_path / "bundled.html").write_text(bundled)
    assert seen(tmp_path / "bundled.html", tmp_path)[0] == seen_light(tmp_path)


def seen_light(tmp_path):
    (tmp_path / "light.html").write_text(page(), "utf-8")
    return seen(tmp_path / "light.html", tmp_path)[0]
