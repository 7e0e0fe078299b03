"""Counts in words, for every message and summary ("1 shared quotation", "10 links")."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """`n` and the noun, singular for one: counted(1, "link") "1 link", counted(3, "link") "3 links"."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
