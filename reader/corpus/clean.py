"""Cleaning and metadata completion for one decoded article body.

`clean_and_infer` is what every loader calls once the file format is parsed: it removes the
"date YYYY-MM-DD" prefix and the boilerplate (by the outlets registry), tidies whitespace while
keeping every sentence of the reporting, and completes the metadata, recording which fields were
inferred. No UI imports here.
"""

from __future__ import annotations

import re

from reader.corpus.boilerplate import strip_boilerplate
from reader.corpus.infer import (
    date_from_text,
    date_from_url,
    infer_outlet,
    infer_title,
    parse_date,
    strip_date_prefix,
)
from reader.corpus.outlets import Registry, default_registry

META_KEYS = ("title", "outlet", "date", "url", "author", "story")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_LINE_EDGES = re.compile(r" ?\n ?")  # spaces are single by then
_BLANK_RUNS = re.compile(r"\n{3,}")


def tidy_whitespace(text: str) -> str:
    """Uniform newlines, single spaces inside lines, no trailing spaces, at most one blank line
    between paragraphs, nothing blank at either end. Line structure and words are unchanged."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _LINE_EDGES.sub("\n", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip(" \n")


def _given(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        return value  # dates parsed by YAML, numbers: parse_date / str() deal with them
    value = " ".join(value.split())
    return value or None


def clean_and_infer(
    body: str, meta: dict, *, source_name: str, registry: Registry | None = None
) -> tuple[str, dict, frozenset[str]]:
    """Clean `body` and complete `meta` (keys title/outlet/date/url/author/story).

    Returns (clean text, metadata with every key present, names of the fields that were inferred).
    The outlet is canonicalised to the registry's name (by name, alias or domain); the date is ISO
    YYYY-MM-DD or None; a title is always found when the text has any words. `source_name` (the
    file's name) is only used as a last resort for the title.
    """
    registry = registry or default_registry()
    meta = meta or {}
    inferred: set[str] = set()
    out: dict = {key: _given(meta, key) for key in META_KEYS}
    for key in ("url", "author", "story"):
        if out[key] is not None and not isinstance(out[key], str):
            out[key] = str(out[key])

    text = tidy_whitespace(body or "")
    text, prefix_date = strip_date_prefix(text)
    before_rules = text

    # outlet: given (canonicalised), else the URL's domain, else the outlet's signatures
    given_outlet = out["outlet"]
    if given_outlet is not None and not isinstance(given_outlet, str):
        given_outlet = str(given_outlet)
    outlet = registry.canonical(given_outlet) if given_outlet else None
    if outlet is None:
        outlet = infer_outlet(text, out["url"], registry)
        if outlet is not None:
            inferred.add("outlet")
    out["outlet"] = outlet

    text = strip_boilerplate(text, registry.rules_for(outlet)).text
    text = tidy_whitespace(text)

    # date: given, else the "date" prefix, else the text (before the boilerplate went), else the URL
    date = parse_date(out["date"])
    if date is None:
        date = prefix_date or date_from_text(before_rules) or date_from_url(out["url"])
        if date is not None:
            inferred.add("date")
    out["date"] = date

    # title: given, else a headline-like first line, else the first sentence
    title = out["title"] if isinstance(out["title"], str) else None
    if title is None and out["title"] is not None:
        title = " ".join(str(out["title"]).split()) or None
    if title is None:
        title = infer_title(text)
        if title is None and source_name:
            stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", str(source_name))
            title = " ".join(re.sub(r"[_-]+", " ", stem).split()) or None
        if title is not None:
            inferred.add("title")
    out["title"] = title
    return text, out, frozenset(inferred)
