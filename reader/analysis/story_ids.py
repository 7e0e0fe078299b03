"""The story id's width and forms, in one place (a leaf module: reading them imports no grouping).

A story is named "s" and STORY_ID_DIGITS hex digits of a hash of its first article
(stories.story_id). 64 bits: two stories of 50,000 shared an id once in ~900 corpora at 40 bits
(10 digits), and a shared id merges them where a story is looked up by id. An id saved at 10
digits (before index schema 64) is the start of its story's id now, and still names it
(Library.story_named, `search --story`, `story:` in a query)."""

from __future__ import annotations

import hashlib
import re

STORY_ID_DIGITS = 16
STORY_ID_DIGITS_AT_40_BITS = 10

# What story_id makes now.
STORY_ID = re.compile(f"s[0-9a-f]{{{STORY_ID_DIGITS}}}")
# What it made before schema 64: the start of its story's id now.
STORY_ID_AT_40_BITS = re.compile(f"s[0-9a-f]{{{STORY_ID_DIGITS_AT_40_BITS}}}")
# The start of one as a narrow listing shows it (SHORTEST_NAME_START characters at least, `reader
# stories` at 60 columns) or as saved at 10 digits: `story:` in a query finds the stories so begun.
STORY_ID_START = re.compile(f"s[0-9a-f]{{5,{STORY_ID_DIGITS - 1}}}")
# Either, as a user may type it (any case).
STORY_ID_WRITTEN = re.compile(f"[sS](?:[0-9a-fA-F]{{{STORY_ID_DIGITS_AT_40_BITS}}}|[0-9a-fA-F]{{{STORY_ID_DIGITS}}})")


def story_id(first_article: str) -> str:
    """A short id for the story whose earliest article (by date, then id) is `first_article`:
    "s" + STORY_ID_DIGITS hex digits of a hash. It names the story for as long as that article
    stays in it, so the id a user saved still finds the story after later articles join it or
    others leave (an id hashed from the whole membership changed with every new article)."""
    return "s" + hashlib.sha1(first_article.encode("utf-8", "surrogatepass")).hexdigest()[:STORY_ID_DIGITS]
