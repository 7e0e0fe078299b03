"""Values and counts in words, for every message and summary ("1 shared quotation", "10 links", "a mapping")."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """`n` and the noun, singular for one: counted(1, "link") "1 link", counted(3, "link") "3 links"."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


KEY_SHOWN = 60  # characters of a key a warning shows


def quoted_key(key) -> str:
    """A settings key as written, for a warning: quoted and escaped as Python writes a string, so
    that a control character in it (U+009B starts an escape sequence) is shown, not obeyed or
    eaten, and at most KEY_SHOWN characters of it."""
    text = str(key)
    return repr(text if len(text) <= KEY_SHOWN else text[: KEY_SHOWN - 1] + "…")


def described(value) -> str:
    """A YAML value in words for an error line: its kind, and a string's start (cleaned: one line, no
    control characters, 40 characters at most; the whole value may be huge)."""
    if value is None:
        return "null (nothing)"
    if isinstance(value, str):
        text = "".join(c if c.isprintable() else " " for c in " ".join(value.split()))
        if not text:
            return "an empty string"
        return f"a string {text[:40] + '…' if len(text) > 40 else text!r}"
    if isinstance(value, list) and not value:
        return "an empty list"
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return names.get(type(value), f"a {type(value).__name__}")


SKIPPED_SHOWN = 3  # skipped files a notice names, with their reasons


def skipped_lines(items, shown: int = SKIPPED_SHOWN) -> list[str]:
    """What a notice says of the files the index skipped (its {"path", "reason"} dicts): the
    count, then each file's name and reason, the first `shown` of them, then how many more (and
    where all are listed). The name alone: the corpus folder is the user's own."""
    items = list(items)
    lines = [f"{counted(len(items), 'file')} skipped:"]
    for item in items[:shown]:
        name = str(item.get("path") or "").replace("\\", "/").rsplit("/", 1)[-1] or "?"
        lines.append(f"{name}: {item.get('reason') or 'unreadable'}")
    more = len(items) - shown
    if more > 0:
        lines.append(f"and {more} more; the command reader index lists them all.")
    return lines
