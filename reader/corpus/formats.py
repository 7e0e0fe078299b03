"""File formats: which suffixes are articles, and the parsers that need no network and no UI.

- Plain text and Markdown (`.txt .text .md .markdown`), optionally opening with YAML front
  matter between two `---` lines (fields title, outlet, date, url, author, story; a few common
  aliases such as `source`, `link`, `published` and `authors` are understood).
- HTML pages (`.html .htm .xhtml`): handed to reader.corpus.html (trafilatura); a page saved as
  one file (`.mhtml .mht`, reader.corpus.mhtml; Safari's `.webarchive`, reader.corpus.webarchive)
  too, the page it holds read as one.
- RSS/Atom feeds (`.rss .atom .xml`, feedparser): one article per entry.
- JSON Lines (`.jsonl .ndjson`): one article object per line, e.g.
  `{"title": "...", "outlet": "...", "date": "2025-10-21", "url": "...", "text": "..."}`
  (the body may also be called `body`, `content` or `article`; `html` is extracted like a page).

Every parser returns raw (body, metadata) pairs; loader.py sanitises and cleans them.
Problems are raised as FormatError with a reason a user reads.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import json
import math
import re
from typing import Callable

from reader import lazy_regex
from reader.corpus.decode import strip_controls
from reader.corpus.loose_dates import SAVED_KEYS, saved_moment
from reader.corpus.manifest import FIELDS, YAML_VALUE_ERRORS, _yaml_error, load_yaml, metadata_value, yaml_problem

from reader.corpus.suffixes import (  # noqa: F401 (named here too)
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    JSONL_SUFFIXES,
    SAVED_PAGE_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
)

# Other names some sources use for our metadata fields.
ALIASES = {
    "headline": "title",
    "source": "outlet",
    "publisher": "outlet",
    "publication": "outlet",
    "site_name": "outlet",
    "sitename": "outlet",
    "published": "date",
    "pubdate": "date",
    "publish_date": "date",
    "date_published": "date",
    "date_publish": "date",  # news-please's (its `maintext` is a body key, `date_download` when it was saved)
    "link": "url",
    "authors": "author",
    "byline": "author",
}
BODY_KEYS = ("text", "body", "content", "article", "maintext")
# A front-matter key `reader fetch` writes: the feed entry's timestamp, in UTC when its zone was
# given ("2025-10-22T06:30:00Z"), beside `date:`, the day as the feed wrote it.
TIME_KEY = "time"
SITE_KEY = "source_domain"  # news-please's host of the page ("www.example.com")
# A front-matter key `reader fetch` writes on a page edited upstream: the id (under the fetched
# folder) of the version this one replaces.
PREVIOUS_KEY = "previous"
# A front-matter key `reader fetch` writes instead of `date:` on a page that states only its last
# edit when its feed entry gives no date: the loader dates the page by it, marked inferred, only
# when nothing else dates it (as it dates such a page in a corpus folder).
EDITED_KEY = "edited"
MAX_PREVIOUS_CHARS = 1000
# The front-matter key `reader fetch` writes on every page it stores: when it fetched it (UTC, to the
# second). Kept as the article's fetch time (Article.fetched), never as its publication time.
FETCHED_KEY = "fetched"


class FormatError(ValueError):
    """The file (or entry) cannot be read as its format; the message is the reason."""


def parse_moment(value) -> str | None:
    """infer.parse_moment, imported on first use (as parse_date is here: infer is slow to import)."""
    from reader.corpus.infer import parse_moment as moment_of

    return moment_of(value)


def fetch_moment(saved) -> str | None:
    """A `fetched:` value as Article.fetched holds it, in UTC to the second and written as an
    article's `time` is ("2026-11-03T10:00:00Z": one article's record in --json gives its moments
    in one form; `reader fetch` writes it "+00:00" in the front matter), from a moment with its
    zone; None for a day alone or a time without a zone (not one reader fetch wrote: no order can
    be told from it)."""
    if not isinstance(saved, _dt.datetime) or saved.utcoffset() is None:
        return None
    try:
        return saved.astimezone(_dt.timezone.utc).replace(tzinfo=None, microsecond=0).isoformat() + "Z"
    except (OverflowError, ValueError):  # year 1 in a zone east of UTC
        return None


def normalise_meta(raw: dict) -> dict:
    """Known fields (and their aliases) from a parsed mapping, as clean one-line strings; a value
    of the wrong shape (a list of outlets) is said in "_problems", which the loader reports."""
    out: dict = {}
    problems: list[str] = []
    for key, value in raw.items():
        name = str(key).strip().lower()
        if name in SAVED_KEYS:
            # when the page was saved (loose_dates): what its relative dates count back from
            saved = saved_moment(value)
            if saved is not None and "_saved" not in out:
                out["_saved"] = saved
            if name == FETCHED_KEY and (fetched := fetch_moment(saved)):  # (after a `saved_at:` too)
                out["_fetched"] = fetched
            continue
        if name == SITE_KEY:  # news-please's: the site, for an outlet nothing else names
            if "_site" not in out and isinstance(value, str) and value.strip():
                out["_site"] = value.strip()[:253]
            continue
        name = ALIASES.get(name, name)
        if name == TIME_KEY:  # the time `reader fetch` stores beside a feed entry's day
            if "_time" not in out and (moment := parse_moment(value)):
                out["_time"] = moment
            continue
        if name == EDITED_KEY:
            if "_edited" not in out and not isinstance(value, (list, tuple, dict)):
                out["_edited"] = metadata_value("date", value)
            continue
        if name == PREVIOUS_KEY:
            if "_previous" not in out and isinstance(value, str) and 0 < len(value) <= MAX_PREVIOUS_CHARS:
                value = strip_controls(value)  # (a YAML "\e[31m" is an escape only once parsed)
                if value and value.isprintable() and value == value.strip():  # an id: one clean line, or none
                    out["_previous"] = value
            continue
        if name not in FIELDS or name in out:
            continue
        text = metadata_value(name, value, problems, written=str(key).strip())  # `source: true`: 'source'
        if text is not None:
            out[name] = text
            if name == "date" and (moment := parse_moment(value)):
                out["_time"] = moment  # the date's time of day (its zone too, when given)
    if problems:
        out["_problems"] = problems
    return out


# --- front matter ----------------------------------------------------------------------------
_OPENING = re.compile(r"---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


# Front matter of `key: value` lines, each value a string that YAML reads as written (a plain
# one opening with a letter, or one in single quotes without a quote inside): what generators
# and most people write. It is read without the YAML parser (~20% of loading a file), giving
# the very mapping YAML gives; any other line sends the whole block to YAML.
_SIMPLE_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): (?:'([^']*)'|([A-Za-z][^#\"\[\]{}]*))")
# Words YAML reads as booleans or null (in any case, to be safe: "yEs" too goes to YAML).
_YAML_WORDS = frozenset({"yes", "no", "y", "n", "true", "false", "on", "off", "null", "~"})


def _simple_front_matter(block: str) -> dict | None:
    """The mapping YAML makes of `block` when every line is a simple `key: value` line, else None."""
    lines = block.split("\n")
    if len(lines) < 2 or lines[-1] != "":
        return None
    data: dict = {}
    for line in lines[:-1]:
        field = _simple_line(line)
        if field is None:
            return None
        data[field[0]] = field[1]
    return data


def _simple_line(line: str) -> tuple[str, str] | None:
    """(key, value) of a line YAML reads as a string written as is, else None."""
    m = _SIMPLE_LINE.fullmatch(line)
    if m is None or not line.isprintable():  # tabs, line separators, control characters
        return None
    key, quoted, plain = m.groups()
    if key.lower() in _YAML_WORDS:
        return None
    if plain is not None:
        if ": " in plain or plain.endswith((":", " ")) or plain.lower() in _YAML_WORDS:
            return None
        return key, plain
    return key, quoted


# A `field: value` line whose value YAML refuses though a person reads it at once: a headline's
# colon (`title: Budget: council says yes`), or a first character YAML keeps for itself (@, `).
# The value is matched whole and its end trimmed in Python: a lazy match before trailing blanks
# took time growing with the square of a run of spaces inside it (80,000 spaces: half a minute).
_FIELD_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?:[ \t]+(.*))?")
# A refused value opening a list, a mapping, a quotation, a tag, an anchor or a block is YAML
# meant as YAML, and broken: not read as written.
_YAML_OPENERS = frozenset("[]{}\"'!&*|>%#")
# What YAML reads as a line break where str.split("\n") does not, and control characters: a line
# holding one is not one plain line. (Not str.isprintable, which refused the no-break space of a
# French headline's colon, "Le budget : oui", and a zero-width space.)
_NOT_ONE_LINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _field_line_value(line: str, key: str, written: str | None) -> tuple[bool, object]:
    """(readable, value) of one `key: value` line: YAML's value where YAML reads the line alone
    (a comment dropped, quotes taken off, `null` no value), else the value as written; not
    readable when YAML refuses a value that opens as YAML does."""
    simple = _simple_line(line)
    if simple is not None:  # what YAML makes of it, without the parser (a block of many lines)
        return True, simple[1]
    try:
        data = load_yaml(line)
    except (_yaml_error(), *YAML_VALUE_ERRORS):
        data = None
    if isinstance(data, dict) and list(data) == [key]:
        return True, data[key]
    written = (written or "").rstrip(" \t")
    return (not written or written[0] not in _YAML_OPENERS), written or None


def _plain_field_lines(block: str) -> dict | None:
    """The fields of front matter that is `field: value` lines only (blank and comment lines
    aside), each value as YAML reads that line alone, or as written where YAML refuses it; a key
    written twice takes its last value, as YAML does. None when any line is more than that."""
    fields: dict = {}
    for line in block.split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        m = _FIELD_LINE.fullmatch(line)
        if m is None or _NOT_ONE_LINE.search(line):
            return None
        key, written = m.groups()
        readable, value = _field_line_value(line, key, written)
        if not readable:
            return None
        fields.pop(key, None)  # the last one written, in its place, as YAML gives it
        fields[key] = value
    return fields


def _read_as_written(said: str) -> str:
    """The warning for front matter _plain_field_lines read: why YAML refused it, and the fix."""
    return (
        f"front matter that is not YAML ({said.strip(' :')}), read as plain 'field: value' lines; quote a value "
        "holding ': ' or starting with a sign such as @ or ` (title: \"Budget: a vote\")"
    )


# A line that opens a YAML field, however spaced or quoted: "title: A", "Title : A", "\ttitle:\tA",
# '"title": A' (a '---' before one, not closed, is broken front matter, no Markdown rule).
_FIELD_OPENING = re.compile(r"""[ \t]*["']?[A-Za-z_][\w-]*["']?[ \t]*:""")


# TOML front matter, as Hugo and Zola write it: between '+++' lines, `key = value` inside.
_TOML_OPENING = re.compile(r"\+\+\+[ \t]*\n")
_TOML_CLOSING = re.compile(r"^\+\+\+[ \t]*$", re.M)
_TOML_FIELD_OPENING = re.compile(r"""[ \t]*["']?[A-Za-z_][\w-]*["']?[ \t]*=""")


def _split_toml_front_matter(text: str) -> tuple[str, dict]:
    """(body, metadata) of a text opening with TOML front matter (a '+++' line); its title and
    date were the article's first line and none. FormatError when broken."""
    import tomllib

    start = text.index("\n") + 1
    closing = _TOML_CLOSING.search(text, start)
    if closing is None:
        if not _TOML_FIELD_OPENING.match(text[start:].lstrip("\n")):
            return text, {}  # a line of plus signs opening the text, no front matter
        raise FormatError("broken front matter: the opening '+++' line has no closing '+++' line")
    body = text[closing.end() :]
    try:
        data = tomllib.loads(text[start : closing.start()])
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        # Line numbers count from the file's first line (the opening '+++').
        where = re.search(r" \(at line (\d+), column \d+\)$", str(exc))
        said = str(exc)[: where.start()] if where else "nested too deep"
        line = f" at line {int(where[1]) + 1}" if where else ""
        raise FormatError(f"broken TOML front matter{line}: {said.lower()}") from None
    return body[1:] if body.startswith("\n") else body, normalise_meta(data)


def split_front_matter(text: str) -> tuple[str, dict]:
    """(body, metadata) of a text that may open with YAML front matter (or TOML's, between '+++'
    lines); FormatError when broken."""
    if _TOML_OPENING.match(text):
        return _split_toml_front_matter(text)
    if not _OPENING.match(text):
        return text, {}
    start = text.index("\n") + 1
    closing = _CLOSING.search(text, start)
    if closing is None:
        if not _FIELD_OPENING.match(text[start:].lstrip("\n")):
            # A Markdown rule opening the text, not front matter: no closing line and no
            # "field:" after it (as pandoc reads a '---' before a blank line); the article was
            # skipped as "broken front matter".
            return text[start:], {}
        raise FormatError("broken front matter: the opening '---' line has no closing '---' line")
    block = text[start : closing.start()]
    body = text[closing.end() :]
    if body.startswith("\n"):
        body = body[1:]
    simple = _simple_front_matter(block)
    if simple is not None:
        return body, normalise_meta(simple)
    try:
        data = load_yaml(block)
    except (_yaml_error(), *YAML_VALUE_ERRORS) as exc:  # the YAML parser is imported only here
        # Line numbers count from the file's first line (the opening '---').
        said = yaml_problem(exc, line_offset=2)
        lines = _plain_field_lines(block)
        if lines is None:
            raise FormatError(f"broken YAML front matter{said}") from None
        meta = normalise_meta(lines)
        meta["_problems"] = [*meta.get("_problems", ()), _read_as_written(said)]
        return body, meta
    if data is None:
        return body, {}
    if not isinstance(data, dict):
        raise FormatError("broken front matter: expected 'field: value' lines between the '---' lines")
    return body, normalise_meta(data)


# --- JSON Lines ------------------------------------------------------------------------------
def _json_kind(value) -> str:
    """What a JSON value is, in JSON's words: "null", "true", "a list", "a string", "a number"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (int, float)):
        return "a number"
    return "something else"


def _json_int(written: str) -> int | str:
    """A JSON integer; one of more digits than Python converts (4,300) stays the text written,
    as a metadata value is read: the whole line was skipped, its article lost, with Python's
    advice to call sys.set_int_max_str_digits() for a reason."""
    try:
        return int(written)
    except ValueError:
        return written


def _json_float(written: str) -> float | str:
    """A JSON number with a fraction or exponent; one past a float's range (1e999) stays the text
    written rather than becoming "inf"."""
    number = float(written)
    return number if math.isfinite(number) else written


def _json_constant(written: str) -> str:
    """NaN, Infinity, -Infinity (which JSON does not have, but Python writes): the text written,
    not a float that reads "nan" or "inf" (`"outlet": Infinity` was the outlet "inf")."""
    return written


def loads_json(text: str | bytes):
    """A JSON document as the corpus reads an article's: a number kept as written when Python
    would refuse or distort it (_json_int, _json_float, _json_constant), control characters
    allowed in strings. ValueError or RecursionError for what is no JSON."""
    return json.loads(text, strict=False, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant)


def parse_json_line(line: str) -> tuple[str, dict, bool]:
    """(body, metadata, body_is_html) of one JSON line; FormatError with the reason otherwise."""
    try:
        data = loads_json(line)
    except RecursionError:
        raise FormatError("invalid JSON: nested too deeply") from None
    except ValueError as exc:
        msg = getattr(exc, "msg", None) or str(exc)
        col = getattr(exc, "colno", None)
        if col:  # some of json's messages end in "at" already ("Unterminated string starting at")
            msg = f"{msg} column {col}" if msg.endswith(" at") else f"{msg} at column {col}"
        raise FormatError(f"invalid JSON ({msg})") from None
    if not isinstance(data, dict):
        # a number kept as written (above) is still a number
        written_number = isinstance(data, str) and not line.lstrip().startswith('"')
        raise FormatError(f"expected a JSON object, found {'a number' if written_number else _json_kind(data)}")
    return parse_json_object(data)


def parse_json_object(data: dict) -> tuple[str, dict, bool]:
    """(body, metadata, body_is_html) of one JSON article object (read by loads_json); FormatError
    when it holds no article text."""
    rendered = {k for k, v in data.items() if isinstance(v, dict) and isinstance(v.get("rendered"), str)}
    if rendered:
        # WordPress's REST API writes its fields as HTML under "rendered" ({"title": {"rendered":
        # "Budget &#8217;24"}, "content": {"rendered": "<p>..."}}): the object was skipped as
        # one with no text. Each is read as a feed entry's HTML is: its text, a title's on one line.
        data = {
            k: (
                html_fragment_to_text(v["rendered"])
                if str(k).strip().lower() in BODY_KEYS
                else _plain_title(v["rendered"], _HTML_TYPE)
            )
            if k in rendered
            else v
            for k, v in data.items()
        }
    lowered = {str(k).strip().lower(): v for k, v in data.items()}
    for key in BODY_KEYS:
        value = lowered.get(key)
        if isinstance(value, str) and value.strip():
            return value, normalise_meta(data), False
    value = lowered.get("html")
    if isinstance(value, str) and value.strip():
        return value, normalise_meta(data), True
    raise FormatError(f"no article text (expected a non-empty {', '.join(repr(k) for k in BODY_KEYS)} field)")


# --- feeds -----------------------------------------------------------------------------------
_BLOCK_TAGS = frozenset(
    """p div li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article header footer pre hr dd dt dl
    figure figcaption aside address details summary caption main nav form fieldset center""".split()
)
# Table cells: a browser lays them out apart, in columns ("Smith" and "1,024" were "Smith1,024").
_CELL_TAGS = frozenset(("td", "th"))


# A <br> while the text is put together (sanitize removed every control character before).
_LINE_BREAK = "\x00"


def html_fragment_to_text(fragment: str) -> str:
    """Readable text of a small HTML fragment (a feed entry's content): paragraphs kept apart
    (a blank line between them), a <br> a line break within its paragraph (see _tidy_fragment)."""
    from reader.corpus.decode import sanitize

    # lxml refuses a string holding a control character (ValueError): the whole text was lost
    # for one stray ESC or BEL. They go here, as the loader would remove them anyway.
    fragment = sanitize(fragment)
    if "<" not in fragment:
        import html as _html

        return _html.unescape(fragment)
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _tags_stripped(fragment)
    parts: list[str] = []

    def walk(el, pre: bool) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "applet"):  # code, and an applet's fallback text (as feedparser's sanitizer did)
            if el.tail:
                parts.append(_flowed(el.tail, pre))
            return
        inside = pre or tag == "pre"
        if tag == "br":
            parts.append(_LINE_BREAK)
        elif tag == "img" and _is_emoji_image(el):
            parts.append(el.get("alt") or "")
        elif tag == "q":
            parts.append("“")
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n\n")
        elif tag in _CELL_TAGS:
            parts.append(" ")
        if el.text and tag:
            parts.append(_flowed(el.text, inside))
        for child in el:
            walk(child, inside)
        if block:
            parts.append("\n\n")
        elif tag == "q":
            parts.append("”")  # a browser shows the marks of a <q>: the quotation is found by them
        if el.tail:
            parts.append(_flowed(el.tail, pre))

    if root.text:
        parts.append(_flowed(root.text, False))
    for child in root:
        walk(child, False)
    text = _tidy_fragment("".join(parts))
    if not text and _TEXT_BETWEEN_TAGS.search(fragment):
        # The parser gave up (tags nested past libxml2's 256 levels: a hostile feed): the text
        # was lost and the entry called empty.
        return _tags_stripped(fragment)
    return text


def _is_emoji_image(img) -> bool:
    """Whether an <img> is an emoji drawn as a picture: WordPress writes every emoji of a post
    as <img class="wp-smiley" alt="🙂">, and the text lost them."""
    classes = (img.get("class") or "").lower().split()
    alt = img.get("alt") or ""
    return bool(alt) and len(alt) <= 8 and any(c in ("emoji", "wp-smiley") for c in classes)


_TEXT_BETWEEN_TAGS = re.compile(r">[^<]*\w")

_OTHER_BLANKS = str.maketrans("\t\r\f\v", "    ")
_SPACES = re.compile("  +")  # a literal start, looked for fast (not tried at every character)
_PARAGRAPH_GAP = re.compile(r"\n{3,}")


def _single_spaces(text: str) -> str:
    """Each run of blanks (spaces, tabs, carriage returns, vertical tabs, form feeds) one space.
    A regex of them all was tried at every character of the text: half of a 3 MB feed's tidying."""
    text = text.translate(_OTHER_BLANKS)
    return _SPACES.sub(" ", text) if "  " in text else text


# A line break in the HTML source, with the blanks around it; a blank line is two or more.
# (Blanks are made single spaces first: a pattern opening with a run of them, tried at each blank
# of a long run, reads the rest of the run each time.)
_SOURCE_BREAK = re.compile(r" ?\n(?: ?\n)* ?")


def _flowed(text: str, pre: bool) -> str:
    """Text of the HTML source as a browser flows it: a line break in it is a space (a feed of
    hard-wrapped Markdown, as Hugo and Jekyll write it, had "met with\nPresident Biden" cut into two
    sentences); a blank line still parts paragraphs (a teaser written as text with a link in it
    means them), and in <pre> every line break stays."""
    if pre or "\n" not in text:
        return text
    text = _single_spaces(text)
    return _SOURCE_BREAK.sub(lambda m: "\n\n" if m.group(0).count("\n") > 1 else " ", text)


_BLOCK_TAG = lazy_regex.compile(r"</?(?:%s)\b[^>]*>" % "|".join(sorted(_BLOCK_TAGS)), re.I)


def _tags_stripped(fragment: str) -> str:
    """The text of a fragment lxml cannot read, its tags taken out (paragraphs kept apart)."""
    import html as _html

    # Scripts and styles out by a scan, not a lazy regex (an unclosed <script> many times over
    # would be scanned to the end each time).
    lowered, kept, at = fragment.lower(), [], 0
    while found := _SCRIPT_START.search(lowered, at):
        kept.append(fragment[at : found.start()])
        close = lowered.find(f"</{found.group(1)}", found.end())
        close = lowered.find(">", close) if close >= 0 else -1
        at = len(fragment) if close < 0 else close + 1
    kept.append(fragment[at:])
    text = _BR_TAG.sub(_LINE_BREAK, _CELL_TAG.sub(" ", _flowed(" ".join(kept), False)))
    text = _BLOCK_TAG.sub("\n\n", text)
    return _tidy_fragment(_html.unescape(re.sub(r"<[^>]*>", "", text)))


_SCRIPT_START = re.compile(r"<(script|style)\b")
_BR_TAG = re.compile(r"<br\b[^>]*>", re.I)
_CELL_TAG = re.compile(r"<t[dh]\b[^>]*>", re.I)
# A <br> with the blanks around it, and one newline either side: the source's line breaks, which
# HTML reads as spaces (a blank line after it still parts paragraphs).
_BREAK_IN_SPACE = re.compile(r" ?\n? ?\x00 ?\n?")  # blanks made single spaces first
_BREAKS = re.compile(r"\x00+")


def _break(match: re.Match) -> str:
    """One <br> ends a line; two or more in a row end the paragraph, as the empty line a browser
    shows between them reads (poems, addresses and sign-offs use one; text without <p> two)."""
    return "\n" if len(match.group(0)) == 1 else "\n\n"


def _tidy_fragment(text: str) -> str:
    text = _single_spaces(text)
    if _LINE_BREAK in text:
        text = _BREAKS.sub(_break, _BREAK_IN_SPACE.sub(_LINE_BREAK, text))
    # No space at either end of a line (a pattern " *\n *" was tried at every space of the text);
    # the text's own two ends are stripped below. Rebuilt only when a line has one (most have none).
    if " \n" in text or "\n " in text:
        text = "\n".join(line.strip(" ") for line in text.split("\n"))
    if "\n\n\n" in text:
        text = _PARAGRAPH_GAP.sub("\n\n", text)
    return text.strip()


def _entry_stamp(entry, url: str | None = None, *, weekdays: bool = True) -> tuple[str | None, str | None, list[str]]:
    """(the entry's day as written: the calendar day of its own timestamp, in the time zone it
    was written in (as front matter, JSON Lines and HTML dates are read), not the UTC day
    feedparser's parsed times give (23:30 at -08:00 is that day, not the next); the stamp it is
    read from, when a written one; the stamps refused). A stamp whose weekday its day does not
    fall on ("Tue, 06 Mar 2024": a Wednesday) is wrong in one or the other, and nothing but the
    entry's `url` (its date) says which: otherwise it is passed over, as an unreadable one is
    (feedparser's parsed time of it too), and the next stamp, or the text, dates the entry.
    Without `weekdays`, the weekdays are not looked at (a feed whose weekdays are all wrong:
    _wrong_weekdays_throughout)."""
    from reader.corpus.infer import contradicted_weekday, date_from_url, parse_date

    refused: list[str] = []
    for key in ("published", "updated", "created"):
        # dict.get: feedparser's own get() maps a missing `updated` to `published`, with a warning
        value = dict.get(entry, key)
        if isinstance(value, str) and (day := parse_date(value)):
            if weekdays and contradicted_weekday(value, day) and day != date_from_url(url):
                refused.append(key)
                continue
            return day, value, refused
    for key in ("published", "updated", "created"):
        value = dict.get(entry, f"{key}_parsed")
        # (the Unix epoch, parse_date's no date, is none of feedparser's either)
        if value and key not in refused and tuple(value[:6]) != (1970, 1, 1, 0, 0, 0):
            try:
                return _dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat(), None, refused
            except (ValueError, AttributeError):
                continue
    for key in ("published", "updated"):
        if dict.get(entry, key) and key not in refused:
            return str(dict.get(entry, key)), None, refused
    return None, None, refused


def _refused_stamp_problem(entry, key: str) -> str:
    """The warning for an entry's stamp _entry_stamp refused for its weekday."""
    from reader.corpus.infer import parse_date, wrong_weekday_reason

    written = " ".join(str(dict.get(entry, key)).split())
    return f"the entry's date {wrong_weekday_reason(written, parse_date(written))}; it is ignored"


def _wrong_weekdays_throughout(read: list[tuple[str | None, str | None, list[str]]]) -> bool:
    """Whether the weekdays of a feed's stamps (_entry_stamp's `read` of each entry) are wrong
    throughout: two entries or more and most of those with a written stamp refused for it. The
    feed's software writes its weekdays wrong (from another day, another zone, a template's typo),
    not each of its dates: refused, every entry of a feed went undated, with a warning each."""
    refused = sum(1 for _day, _stamp, keys in read if keys)
    written = sum(1 for _day, stamp, keys in read if stamp or keys)
    return refused >= 2 and 2 * refused > written


def _weekdays_ignored_problem(entry, key: str, wrong: int, entries: int) -> str:
    """The one warning for a feed whose weekdays are wrong throughout (_wrong_weekdays_throughout)."""
    example = _refused_stamp_problem(entry, key).removeprefix("the entry's date is not on its weekday: ")
    return (
        f"the feed's dates are not on their weekdays ({wrong:,} of {entries:,} entries; "
        f"{example.removesuffix('; it is ignored')}): its weekdays are taken to be wrong, its dates are kept"
    )


_MARKUP_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_HTML_TYPE = {"type": "text/html"}
# An HTML element of those a title's markup holds, its start tag and its end tag, in a title
# said to be text. (Named apart from the body's _MARKUP_IN_TEXT below, which, of one name, was
# what titles were looked at with: a title of a <script> alone kept its code.)
_ELEMENT_IN_TITLE = re.compile(
    r"<(a|abbr|b|big|cite|code|del|em|font|i|ins|mark|q|s|script|small|span|strike|strong|style|sub|sup|u)"
    r"\b[^<>]{0,400}>.{0,2000}?</\1\s*>",
    re.I | re.S,
)
# How much of a title its elements are looked for in (a hostile megabyte of "<b>" each looked
# past for its end tag took minutes).
_MARKUP_LOOKED_AT = 4096

# A character reference written out in full, with its semicolon: "&amp;", "&#8217;", "&#x2019;".
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _reference(match: re.Match) -> str:
    import html
    import html.entities

    written = match.group(0)
    if written[1] != "#" and written[1:] not in html.entities.html5:
        return written  # "&T;" in "AT&T;" is no reference
    return html.unescape(written)


def readable(text: str) -> str:
    """Text a feed gives, already decoded as its type says (XML, then HTML for markup), with the
    character references still in it read: publishers that escape twice are common
    ("AT&amp;amp;T", "Trump&amp;#8217;s" in the XML, or "&#8217;" in a plain-text title), and
    a title read "Trump&#8217;s" where the page itself reads "Trump’s". Only whole references
    (with their semicolon, a name HTML knows) are read, a few rounds at most; what they stand for
    is never read as markup again ("&lt;b&gt;" becomes the text "<b>", not a tag removed)."""
    if "&" not in text:
        return text
    for _round in range(3):
        decoded = _REFERENCE.sub(_reference, text)
        if decoded == text:
            break
        text = decoded
    return text


def _plain_title(value, detail, *, said_text: bool = False) -> str | None:
    """A title as plain text: feedparser hands an HTML or XHTML title (Atom type="html", an RSS
    title with markup) over as markup with its entities once unescaped; its tags go and its
    entities are read once more, as the feed's type says. So is a text title that holds an HTML
    element, its start and end tags (an RSS title in CDATA, "<![CDATA[Mayor <b>resigns</b>]]>",
    which feedparser calls text: the tags, and a script's code, were the title's words), unless
    `said_text` (Atom's and JSON Feed's titles are text unless said otherwise: "Why
    &lt;code&gt;rebase&lt;/code&gt; matters" is about the tags); another keeps what looks like
    markup ("<3", "<b> tags"); in either, a reference left over from escaping twice is read
    (`readable`)."""
    if not isinstance(value, str):
        return None
    kind = (detail or {}).get("type") if isinstance(detail, dict) else None
    in_text = not said_text and _ELEMENT_IN_TITLE.search(value, 0, _MARKUP_LOOKED_AT)
    if kind in _MARKUP_TYPES or in_text:
        value = html_fragment_to_text(value)
    return " ".join(readable(value).split()) or None


def _feed_base(feed) -> str | None:
    """The feed's own web address (its alternate link, else its link), to resolve an entry's
    relative link against when the feed's URL is not known (a feed file in a corpus)."""
    links = feed.get("links") or []
    candidates = [link.get("href") for link in links if isinstance(link, dict) and link.get("rel") == "alternate"]
    candidates.append(feed.get("link"))
    for candidate in candidates:
        if isinstance(candidate, str) and _is_web_url(candidate):
            return candidate.strip()
    return None


def _is_web_url(url: str) -> bool:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _resolved(link, base: str | None):
    """An entry's link made absolute against `base` when it is relative ("/fire.html",
    "second"); feedparser resolves it against xml:base alone. Any link with a scheme is kept."""
    if not isinstance(link, str) or not base:
        return link
    from urllib.parse import urljoin, urlsplit

    text = link.strip()
    try:
        if not text or urlsplit(text).scheme:
            return link
        return urljoin(base, text)
    except ValueError:
        return link


def _entry_link(entry, data: bytes, base: str | None, permalinks: Callable[[], set[str]]):
    """An entry's link, resolved: the address its own <link> element gives (RSS), or its
    alternate <link href> (Atom). Without one feedparser gives the entry's id instead (an Atom
    <id>, an RSS <guid>), which is often no address at all ("urn:uuid:…", "tag:site,2025:5",
    "yt:video:…", "12345"): such an id is no link, so the entry has none (rather than failing as
    "not an http(s) URL"). Only an RSS <guid> written as a whole http(s) URL, and not marked
    isPermaLink="false", is one (RSS 2.0: a guid is a permalink unless it says so): "12345" was
    resolved against the feed's address (by feedparser against xml:base) and each such entry
    fetched http://site/12345, a 404 or the site's home page. Such a guid is also the link of an
    item whose <link> is empty (`<link></link>`, `<link/>`). feedparser's `guidislink` says only
    that the id came before any <link>: an Atom entry (YouTube's, Blogger's) or an RSS item
    writing its id first was taken for one without a link, and never fetched. A FeedBurner feed's
    <feedburner:origLink> is the article's own address: its <link> is a feedproxy.google.com
    redirect, when that still answers at all, and no address of the article (deduplication by URL
    and the outlet named by the article's domain need its own)."""
    original = entry.get("feedburner_origlink")
    if isinstance(original, str) and _is_web_url(original):
        return original.strip()
    link = entry.get("link")
    if isinstance(link, str) and link.strip() and link in _link_elements(entry):
        return _resolved(_as_given(link, data), base)
    guid = dict.get(entry, "id")
    return guid.strip() if isinstance(guid, str) and guid.strip() in permalinks() else None


def _link_elements(entry) -> set[str]:
    """The addresses an entry's own alternate <link> elements give (feedparser lists an RSS
    <link> as one too)."""
    links = entry.get("links")
    return {
        link["href"]
        for link in (links if isinstance(links, list) else [])
        if isinstance(link, dict) and link.get("rel", "alternate") == "alternate" and isinstance(link.get("href"), str)
    }


_GUID = re.compile(rb"<guid\b([^>]*)>\s*(?:<!\[CDATA\[)?\s*(.*?)\s*(?:\]\]>)?\s*</guid>", re.S | re.I)
_NOT_PERMALINK = re.compile(rb"""\bisPermaLink\s*=\s*["']?\s*false""", re.I)


def _written_permalinks(data: bytes) -> set[str]:
    """Every RSS <guid> the feed writes as a whole http(s) URL (entities read) and does not mark
    isPermaLink="false" (RSS 2.0: a guid is a permalink unless it says so): read once per feed,
    not per entry. A URL some item marks "false" is no permalink in any."""
    import html

    permalinks: set[str] = set()
    refused: set[str] = set()
    for attributes, written in _GUID.findall(data):
        guid = html.unescape(written.decode("utf-8", "replace"))
        if not _is_web_url(guid):
            continue
        (refused if _NOT_PERMALINK.search(attributes) else permalinks).add(guid.strip())
    return permalinks - refused


def _as_given(link, data: bytes):
    """An entry's link as the feed gives it: feedparser drops the slashes after "scheme://"
    (file:///etc/passwd comes out as file://etc/passwd), so a link that had them is found
    again in the feed's own bytes; any other link is feedparser's as it is."""
    if not isinstance(link, str) or b":///" not in data:
        return link
    scheme, sep, rest = link.partition("://")
    if not sep or not rest:
        return link
    import html

    for form in dict.fromkeys((rest, html.escape(rest, quote=False))):  # in XML, & is &amp;
        pattern = re.escape(scheme.encode("utf-8")) + rb":///+" + re.escape(form.encode("utf-8"))
        found = re.search(pattern, data, re.IGNORECASE)
        if found:
            return found.group(0).decode("utf-8", "replace").replace(form, rest)
    return link


def _feedparser(data: bytes, content_type: str | None = None, location: str | None = None):
    """feedparser's reading of feed bytes. `content_type` is the HTTP header the bytes came with:
    a charset given only there (no encoding in the XML prolog) is the feed's, as RFC 7303 says.
    `location` is the URL they came from: a relative xml:base is resolved against it (without
    it feedparser dropped an entry's xml:base="2025/" under the feed's xml:base="/blog/", and
    the link went to /blog/post.html, not /blog/2025/post.html)."""
    import feedparser

    headers = {}
    if content_type is not None and _header_charset_holds(data, content_type):
        headers["content-type"] = _header_as_browsers_charset(data, content_type)
    if location and _is_web_url(location):
        headers["content-location"] = location.strip()
    # Bytes, never str: feedparser treats a str as a URL or a file name to open. Its HTML
    # sanitizer and its resolving of the links inside each entry's HTML took 85% of its time (1.9
    # of 2.2 s for a feed of 3 MB) for nothing we use: the HTML is made plain text here
    # (html_fragment_to_text drops scripts and styles; no link inside it is kept), and the
    # entries' own links are resolved either way.
    return feedparser.parse(
        _bare_ampersands_escaped(_char_refs_in_range(data)),
        response_headers=headers or None,
        sanitize_html=False,
        resolve_relative_uris=False,
    )


_HEADER_CHARSET = re.compile(r"""(\bcharset\s*=\s*["']?)([^"';\s]+)""", re.I)


def _header_as_browsers_charset(data: bytes, content_type: str) -> str:
    """A Content-Type header whose charset is named as browsers read it, the superset of it the
    bytes are in (decode.browsers_charset: Shift_JIS as cp932, GB2312 as GB18030, ...) by the
    name Python's codecs know ("x-sjis", "windows-31j"): feedparser followed the header, failed
    on a circled digit or a label it knew by no name, and read the whole feed as windows-1252,
    "‡@“Œ‹ž" for "①東京"."""
    from reader.corpus.decode import browsers_charset, charset_of_label

    match = _HEADER_CHARSET.search(content_type)
    declared = charset_of_label(match.group(2)) if match else None
    if match is None or declared is None:
        return content_type
    return content_type[: match.start(2)] + browsers_charset(data, declared) + content_type[match.end(2) :]


# An "&" that starts no reference: "AT&T", "Q&A" written unescaped, as many feeds write them.
_BARE_AMPERSAND = re.compile(rb"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z_][\w.-]*;)")
_LITERAL_SECTION = re.compile(rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->", re.S)


# A numeric character reference (`&#8220;`, `&#x263A;`), its digits of any length.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def _char_refs_in_range(data: bytes) -> bytes:
    """Feed bytes with each numeric character reference to no character (past U+10FFFF, or a
    surrogate half: `&#99999999999;`, `&#xD800;`) written `&#xFFFD;`, the replacement character
    browsers read it as: feedparser's lenient parser raised on one ("Python int too large to
    convert to C int"), and the whole feed, every entry of it, was "could not be read". Not in
    UTF-16 or UTF-32 bytes (as _bare_ampersands_escaped)."""
    if b"&#" not in data or data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:256]:
        return data

    def in_range(found: re.Match[bytes]) -> bytes:
        digits = found.group(1) or found.group(2)
        if len(digits.lstrip(b"0")) <= 7:
            code = int(digits, 16) if found.group(1) else int(digits)
            if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                return found.group(0)
        return b"&#xFFFD;"

    return _CHAR_REF.sub(in_range, data)


def _bare_ampersands_escaped(data: bytes) -> bytes:
    """Feed bytes with each bare "&" written "&amp;", outside CDATA sections and comments (where
    it is text as it stands). The XML parser refuses a bare one, and feedparser's fallback
    parser then read "Q&A: M&S" as "Q&A;: M&S;" and "AT&T" as "AT&T;". Not in UTF-16 or UTF-32
    bytes, where "&" is no single byte (any other encoding a feed uses keeps ASCII's)."""
    if b"&" not in data or data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:256]:
        return data
    if _BARE_AMPERSAND.search(data) is None:
        return data
    parts = []
    at = 0
    for section in _LITERAL_SECTION.finditer(data):
        parts.append(_BARE_AMPERSAND.sub(b"&amp;", data[at : section.start()]))
        parts.append(section.group(0))
        at = section.end()
    parts.append(_BARE_AMPERSAND.sub(b"&amp;", data[at:]))
    return b"".join(parts)


_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # UTF-8, UTF-16 (and UTF-32) LE, BE


_DECLARED_ENCODING_VALUE = re.compile(r"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*["']?)[^"'\s?>]*""")


# UTF-32's marks first: UTF-32 LE's starts with UTF-16 LE's
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _wide_as_utf8(data: bytes) -> bytes:
    """A UTF-16 feed, with its byte-order mark or without (as its NUL bytes every other byte say),
    or a UTF-32 one with its mark, as UTF-8 with UTF-8's mark and declared so; any other as it is.
    feedparser read one without a mark, and one with it but no encoding declared when HTTP
    headers came with it (RFC 3023's default, UTF-8), as "not well-formed (invalid token)"."""
    from reader.corpus.decode import with_its_utf16_bom

    data = with_its_utf16_bom(data)
    wide = next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)
    if wide is None:
        return data
    text = data.decode(wide, errors="replace")
    return codecs.BOM_UTF8 + _DECLARED_ENCODING_VALUE.sub(r"\1utf-8", text, count=1).encode("utf-8")


def _header_charset_holds(data: bytes, content_type: str | None) -> bool:
    """Whether the HTTP header gives a charset the bytes are read in: not when they open with a
    byte-order mark, which says for sure what they are (RFC 7303 gives it precedence): a UTF-16
    feed behind a server's default "charset=iso-8859-1" was refused as not well-formed."""
    return bool(content_type and "charset=" in content_type.lower()) and not data.startswith(_BOMS)


_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*\bencoding\s*=", re.I)


def _undeclared_as_utf8(data: bytes, content_type: str | None) -> bytes:
    """The feed's bytes declared UTF-8 when they are valid UTF-8 (_prolog_as_utf8), and as UTF-8
    when they are not UTF-8 and nothing says what they are (no BOM,
    no encoding in the XML declaration, no charset in the HTTP header): feedparser then read
    them as windows-1252, and a cp1251 or koi8-r feed came out as "Íîâîñòè". They are decoded
    as any undeclared file is (decode_bytes: cp1252 unless that reading is mojibake outside the
    markup, then charset-normalizer's guess). Any other declaration is left to feedparser. Bytes
    that are UTF-8 but for a few stray ones (utf8_with_strays) are UTF-8 too, unless the header
    names another charset."""
    header = _header_charset_holds(data, content_type)
    if header and not re.search(r"charset=[\"']?utf-?8\b", content_type or "", re.I):
        return data
    try:
        data.decode("utf-8")
        return _prolog_as_utf8(data)
    except UnicodeDecodeError:
        pass
    from reader.corpus.decode import BinaryFile, decode_bytes, utf8_with_strays

    repaired = utf8_with_strays(data)
    if repaired is not None:
        return _prolog_as_utf8(repaired.encode("utf-8"))

    if header or data.startswith(_BOMS):
        return data
    if _DECLARED_ENCODING.match(data[:1024]):
        return _prolog_as_browsers_charset(data)
    try:
        text, _encoding = decode_bytes(data, html=True)
    except BinaryFile:
        return data
    return text.encode("utf-8")


_PROLOG_ENCODING = re.compile(
    rb"""^((?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*["'])([A-Za-z0-9._:-]+)(["'])""", re.I
)


def _prolog_as_browsers_charset(data: bytes) -> bytes:
    """Bytes that are not of the charset their XML declaration names, but of the superset
    browsers read it as (decode.browsers_charset: Shift_JIS as cp932, GB2312 as GB18030, ...),
    or that name it by a label Python's codecs do not know ("x-sjis", "iso-8859-8-i"), declared
    in the charset they are read in: feedparser followed the declaration, failed on a circled
    digit, and read the whole feed as windows-1252, "‡@“Œ‹ž" for "①東京"."""
    import codecs

    from reader.corpus.decode import browsers_charset, charset_of_label

    match = _PROLOG_ENCODING.match(data[:1024])
    label = "" if match is None else match.group(2).decode("ascii", errors="replace")
    declared = charset_of_label(label)
    if match is None or declared is None:
        return data
    used = browsers_charset(data, declared)
    try:
        if used == codecs.lookup(label).name:
            return data
    except LookupError:  # a label of browsers' Python knows by no name ("iso-8859-8-i", "x-sjis")
        pass
    return match.group(1) + used.encode("ascii") + match.group(3) + data[match.end() :]


_WIDE_LABELS = (b"utf-16", b"utf16", b"utf-32", b"utf32", b"ucs-2", b"ucs2", b"ucs-4", b"ucs4", b"iso-10646-ucs")


def _prolog_as_utf8(data: bytes) -> bytes:
    """Valid UTF-8 bytes beyond ASCII whose XML declaration names a one-byte encoding
    (encoding="iso-8859-1", a CMS setting left at its default) declared UTF-8, as a page whose
    bytes are valid UTF-8 is read whatever its <meta> says: feedparser followed the declaration
    and "Ça va – déjà" read "Ã‡a va â€“ dÃ©jÃ". Legacy text is almost never valid UTF-8. A UTF-8
    byte-order mark before the declaration is no exception (it says UTF-8 for sure). So are those
    declaring UTF-16 or UTF-32, ASCII alone too: a declaration read one byte a character is in
    neither (a wide one's mark or NUL bytes are read before, _wide_as_utf8), and feedparser failed
    the feed, "not well-formed (invalid token)"; browsers read such a page's "utf-16" as UTF-8."""
    match = _PROLOG_ENCODING.match(data[:1024])
    if match is None:
        return data
    declared = match.group(2).lower()
    if not declared.startswith(_WIDE_LABELS) and (data.isascii() or declared.startswith((b"utf", b"ucs"))):
        return data
    return match.group(1) + b"utf-8" + match.group(3) + data[match.end() :]


_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[(.*?)\]\s*>", re.S | re.I)
_ENTITY_DECLARATION = re.compile(
    rb"""<!ENTITY\s+([A-Za-z_][\w.:-]*)\s+(?:"([^"]*)"|'([^']*)'|(?:SYSTEM|PUBLIC)\b[^>]*)\s*>"""
)
_ENTITY_REFERENCE = re.compile(rb"&([A-Za-z_][\w.:-]*);")
# Where a reference is no reference: CDATA sections and comments.
_LITERAL_OR_REFERENCE = re.compile(rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->|&([A-Za-z_][\w.:-]*);", re.S)
_XML_PREDEFINED = frozenset((b"lt", b"gt", b"amp", b"quot", b"apos"))
# The most text one entity stands for, the most its references may add to a feed, and the depth of
# entities named in entities: past them the entity stands for nothing ("billion laughs": 10 levels
# of 10 references to the one below are 10^9 words).
_ENTITY_MOST = 4096
_ENTITIES_ADD_MOST = 1 << 20
_ENTITY_DEPTH = 8
_MARKUP = re.compile(rb"<[^>]*>")


class _EntityUnbounded(Exception):
    """An entity past the bounds, or named in its own text."""


def _doctype_entities_expanded(data: bytes) -> bytes:
    """`data`, a feed, with each reference to a general entity its doctype declares (`<!DOCTYPE rss
    [<!ENTITY site "Daily Planet">]>`, `&site;`) replaced by the text the entity stands for, its tags
    dropped (a title is text): feedparser's lenient parser, which reads a feed that is not
    well-formed XML, kept them as written, a feed title `&site; News`, and each entry of a broken
    feed is read without the doctype. An entity past the bounds (_ENTITY_MOST, _ENTITY_DEPTH), one
    defined by itself, or an external one (SYSTEM, PUBLIC: never fetched) stands for nothing."""
    prolog = _PROLOG.match(data[:65536].lstrip(b"\xef\xbb\xbf"))
    subset = _DOCTYPE_SUBSET.search(prolog.group()) if prolog else None
    if subset is None or b"<!ENTITY" not in subset.group(1):
        return data
    declared: dict[bytes, bytes | None] = {}
    # (A declaration in a comment of the subset declares nothing.)
    for found in _ENTITY_DECLARATION.finditer(re.sub(rb"<!--.*?-->", b"", subset.group(1), flags=re.S)):
        value = found.group(2) if found.group(2) is not None else found.group(3)
        if found.group(1) not in _XML_PREDEFINED:  # (`&lt;` stays `<`, as expat keeps it, declared anew or not)
            declared.setdefault(found.group(1), value)  # (the first declaration is binding)
    expanded: dict[bytes, bytes | None] = {}  # (None: past the bounds, or defined by itself)
    being_expanded: set[bytes] = set()

    def expand(name: bytes, depth: int) -> bytes:
        if name in expanded:
            text = expanded[name]
            if text is None:
                raise _EntityUnbounded
            return text
        value = declared[name]
        if value is None:
            return b""
        if name in being_expanded or depth > _ENTITY_DEPTH:
            raise _EntityUnbounded
        being_expanded.add(name)
        try:
            # (Quotes escaped too: a reference in an attribute's value ends not the value.)
            text = _MARKUP.sub(b"", value).replace(b"<", b"&lt;").replace(b'"', b"&quot;").replace(b"'", b"&apos;")
            text = _ENTITY_REFERENCE.sub(lambda m: reference(m, depth + 1), text)
        finally:
            being_expanded.discard(name)
        if len(text) > _ENTITY_MOST:
            expanded[name] = None
            raise _EntityUnbounded
        expanded[name] = text
        return text

    def reference(match: re.Match, depth: int) -> bytes:
        name = match.group(1)
        if name in declared:
            return expand(name, depth)
        return match.group() if name in _XML_PREDEFINED else b""

    added = [0]

    def replaced(match: re.Match) -> bytes:
        name = match.group(1)
        if name is None or name not in declared:
            return match.group()
        try:
            text = expand(name, 0) if added[0] < _ENTITIES_ADD_MOST else b""
        except _EntityUnbounded:
            expanded[name] = None
            return b""
        added[0] += len(text)
        return text

    start = data.find(subset.group()) + len(subset.group())
    return data[:start] + _LITERAL_OR_REFERENCE.sub(replaced, data[start:])


def read_json_feed(data: bytes, content_type: str | None = None) -> dict | None:
    """A JSON Feed (jsonfeed.org, versions 1 and 1.1) as its top-level object, or None when the
    bytes are not one (feedparser reads RSS, RDF and Atom only). `content_type`: the HTTP
    Content-Type they came with (its charset is used when they are not UTF-8)."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{"):
        return None
    text = _json_text(data, content_type)
    try:
        parsed = loads_json(text) if text is not None else None
    except (ValueError, RecursionError):
        return None
    if not isinstance(parsed, dict) or "jsonfeed.org/version/" not in str(parsed.get("version") or ""):
        return None
    return parsed


# The paragraph WordPress (Yoast SEO) ends each entry's feed HTML with, in the languages it is
# most often seen in: "<p>The post <a …>title</a> appeared first on <a …>site</a>.</p>".
_FEED_FOOTER = lazy_regex.compile(
    r"<p>\s*(?:The post|Der Beitrag|L[’']article|La entrada|Het bericht|O post|L[’']articolo)\s+<a\s[^>]*>.{0,500}?</a>"
    r"\s+(?:appeared first on|erschien zuerst auf|est apparu en premier sur|se publicó primero en"
    r"|verscheen eerst op|apareceu primeiro em|sembra essere il primo su)\s+<a\s[^>]*>.{0,300}?</a>\s*\.?\s*</p>\s*\Z",
    re.S | re.I,
)


# The link to the whole article a teaser ends with: the Guardian's "Continue reading...",
# WordPress's "Continue reading <span>"Title"</span>", "Read more »"; only as the last thing of
# the entry, and only a link whose whole text is that.
_READ_MORE_LINK = lazy_regex.compile(
    r"""\s*(?:\[\s*)?<a\s[^>]*>\s*(?:continue reading|read more|keep reading|read the (?:full|rest of the) (?:story|article|post))"""
    r"""(?:\s*(?:<span\b[^>]*>[^<]{0,300}</span>|[.…»→›>]|&[a-z]+;|&#\d+;))*\s*</a>\s*(?:\]\s*)?(?=(?:</p>\s*)?\Z)""",
    re.S | re.I,
)


def without_feed_footer(fragment: str) -> str:
    """A feed entry's HTML without the "appeared first on" paragraph WordPress ends it with, nor
    the "Continue reading..." link a teaser ends with: kept from the feed, every article of such a
    feed ended with words of no article. Only those as the platforms write them, links and all,
    go: no sentence of an article is taken."""
    if "</a>" not in fragment[-1200:]:
        return fragment
    # Looked for in the end alone: tried at every "<p>" or "<a" of a long entry, a pattern could
    # read on to the end from each one.
    cut = max(0, len(fragment) - 4000)
    tail = fragment[cut:]
    # Each pattern only where its words are: tried at every "<p>" and "<a" of the tail, they
    # took a sixth of the time of a 3 MB feed of long entries.
    lowered = tail.lower()
    if any(word in lowered for word in _FOOTER_WORDS):
        tail = _FEED_FOOTER.sub("", tail)
        lowered = tail.lower()
    if any(word in lowered for word in _READ_MORE_WORDS):
        tail = _READ_MORE_LINK.sub("", tail)
    return fragment[:cut] + tail


# A word each pattern above needs (lower case), looked for faster than the pattern fails.
_FOOTER_WORDS = ("appeared", "erschien", "apparu", "public", "verscheen", "apareceu", "sembra")
_READ_MORE_WORDS = ("continue reading", "read more", "keep reading", "read the ")


def _json_text(data: bytes, content_type: str | None) -> str | None:
    """A JSON Feed's text: UTF-8, as JSON must be; else in the charset the HTTP header gives (as
    browsers read it: _header_as_browsers_charset), else read as any undeclared file is. A PHP
    site's Latin-1 feed was refused with the XML parser's words, "malformed feed: not
    well-formed (invalid token)", for a JSON file."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    charset = _HEADER_CHARSET.search(_header_as_browsers_charset(data, content_type or ""))
    if charset:
        try:
            return data.decode(charset.group(2))
        except (LookupError, UnicodeDecodeError):
            pass
    from reader.corpus.decode import BinaryFile, decode_bytes

    try:
        return decode_bytes(data)[0]
    except BinaryFile:
        return None


def describe_feed(data: bytes, content_type: str | None = None) -> tuple[bool, str | None]:
    """(whether the bytes are a feed, the feed's title as one line of plain text or None), read
    as parse_feed reads them: entities decoded once, markup and control characters gone."""
    json_feed = read_json_feed(data, content_type)
    if json_feed is not None:
        return True, metadata_value("outlet", _plain_title(json_feed.get("title"), None, said_text=True))
    parsed = _feedparser(_doctype_entities_expanded(_undeclared_as_utf8(data, content_type)), content_type)
    is_feed = bool(parsed.get("entries")) or bool(parsed.get("version"))
    feed = parsed.get("feed") or {}
    atom = str(parsed.get("version") or "").startswith("atom")
    return is_feed, metadata_value("outlet", _plain_title(feed.get("title"), feed.get("title_detail"), said_text=atom))


def _json_feed_entries(feed: dict, stamps: bool, base: str | None) -> list[tuple[str, dict]]:
    """parse_feed's (body, metadata) pairs of a JSON Feed (its fields are plain text or HTML, as
    their names say; an author is {"name": ...}, `authors` a list of them in version 1.1)."""

    listed = feed.get("items")
    items = [item for item in listed if isinstance(item, dict)] if isinstance(listed, list) else []
    if not items:
        raise FormatError("feed with no entries")
    feed_title = metadata_value("outlet", _plain_title(feed.get("title"), None, said_text=True))
    home = feed.get("home_page_url") or feed.get("feed_url")
    link_base = base if base and _is_web_url(base) else home if isinstance(home, str) and _is_web_url(home) else None
    inherited = _json_feed_authors(feed)  # an item that names none has the feed's (JSON Feed 1.1)
    out = []
    for item in items:
        body = ""
        for key, markup in (("content_html", True), ("content_text", False), ("summary", False)):
            value = item.get(key)
            if isinstance(value, str):
                text = readable(html_fragment_to_text(without_feed_footer(value)) if markup else value)
                if len(text.strip()) > len(body.strip()):
                    body = text
        link = next(
            (item[k] for k in ("url", "external_url") if isinstance(item.get(k), str) and item[k].strip()), None
        )
        if link is None and isinstance(item.get("id"), str) and _is_web_url(item["id"]):
            link = item["id"]  # an id that is the item's address
        authors = _json_feed_authors(item) or inherited
        published = item.get("date_published") if isinstance(item.get("date_published"), str) else None
        meta = normalise_meta(
            {
                "title": _plain_title(item.get("title"), None, said_text=True),
                "url": _resolved(link, link_base),
                "author": authors or None,
                "date": _json_item_date(item),
            }
        )
        if meta.get("date") and (moment := parse_moment(_json_item_stamp(item))):
            meta["_time"] = moment
        meta["_feed_title"] = feed_title
        if stamps:
            stamp = item.get("date_modified") or item.get("date_published")
            meta["_stamp"] = str(stamp)[:100] if isinstance(stamp, str) and stamp else None
            ident = item.get("id")
            meta["_id"] = str(ident)[:300] if isinstance(ident, (str, int)) and str(ident).strip() else None
            meta["_published"] = published[:100] if published else None
        out.append((body, meta))
    return out


def _json_item_date(item: dict) -> str | None:
    """A JSON Feed item's day: its date_published, else (none, or none a date can be read from)
    its date_modified, as an Atom entry's <updated> is its date when it has no <published>."""
    from reader.corpus.infer import parse_date

    written = _json_item_stamp(item)
    return parse_date(written) if written else None


def _json_item_stamp(item: dict) -> str | None:
    """The stamp _json_item_date reads its day from, as written."""
    from reader.corpus.infer import parse_date

    for key in ("date_published", "date_modified"):
        written = item.get(key)
        if isinstance(written, str) and parse_date(written):
            return written
    return None


def _json_feed_authors(item: dict) -> list[str]:
    """The names of a JSON Feed item's (or the feed's) authors: `authors`, a list in version 1.1,
    else `author`, one object in version 1."""
    people = item["authors"] if isinstance(item.get("authors"), list) else [item.get("author")]
    return _names(people)


def _names(people) -> list[str]:
    """Each person's name as plain text (the e-mail address only when no name is given), in
    order, each once."""
    names: dict[str, str] = {}
    for person in people if isinstance(people, list) else []:
        if not isinstance(person, dict):
            continue
        name = person.get("name") or person.get("email")
        if isinstance(name, str) and (text := " ".join(readable(name).split())):
            names.setdefault(text.casefold(), text)
    return list(names.values())


def _entry_authors(entry, inherited: list[str]) -> list[str] | str | None:
    """An RSS/RDF/Atom entry's authors by name: every one it names (feedparser's `author` is the
    last alone, with its e-mail: "B2 (b2@example.com)" of two <author>s or <dc:creator>s), not
    the e-mail address RSS asks for ("jane@example.com (Jane Doe)" is Jane Doe). An Atom entry
    that names none has its feed's authors (RFC 4287 4.2.1)."""
    names = _names(entry.get("authors"))
    if names:
        return names
    author = entry.get("author")
    if isinstance(author, str) and author.strip():
        return readable(author)
    return inherited or None


# HTML in a text that says it is plain: an Atom <summary> or <content> without type="html" (the
# default is "text"), as many generators write them, showed its tags: "<p>Hello world.</p>".
_MARKUP_IN_TEXT = lazy_regex.compile(
    r"</(?:p|div|a|span|em|strong|b|i|li|ul|ol|h[1-6]|blockquote|figure|table)\s*>|<br\s*/?>|<(?:p|img|a\s+href)\b",
    re.I,
)


# The first element's name of an XML document, past its declaration, comments and doctype.
_FIRST_ELEMENT = re.compile(rb"<([A-Za-z_][\w:.-]{0,40})[\s/>]")
# What may come before it (the prolog): a comment (which may quote markup: "<!-- e.g. <setting> -->"),
# a processing instruction or the declaration, a doctype with its internal subset, whitespace.
_PROLOG = re.compile(rb"(?:\s+|<!--.*?-->|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*", re.S | re.I)


def _root_element_note(data: bytes) -> str:
    """ " (its root element is <config>)" for XML that is no feed: a `settings.xml` in a corpus
    was said to be a "feed with no entries", as if it were one. The name is ASCII letters,
    digits and `_:.-` only, so nothing of the file's reaches a terminal but those."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")  # a UTF-8 byte order mark
    prolog = _PROLOG.match(head)  # (it matches the empty prolog too)
    found = _FIRST_ELEMENT.match(head, prolog.end() if prolog else 0)
    return f" (its root element is <{found.group(1).decode('ascii')}>)" if found else ""


# Where an RSS item or an Atom entry starts (not <items>, <entryLink>...).
_ENTRY_START = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?(item|entry)[\s/>]")

# The most entries of a feed that is not well-formed XML read one by one (each, alone, as long as 4
# of a whole feed's: a batch with a broken entry), and past 100 one per so many bytes of the feed at most: a
# reading of feedparser's costs as much as reading 1.5 KB whole (a file of 180 KB, "<item><title>x"
# 9,000 times, was read in 14 s, 1.3 before).
_ONE_BY_ONE_AT_MOST = 10_000
_ONE_BY_ONE_BYTES = 256
# How many entries of such a feed are read together (as XML, when they are well-formed): read one
# at a time, each entry cost expat's failure at its unclosed end and then feedparser's lenient
# parser, four times a whole feed's reading. A batch with a broken entry is read one by one.
_ENTRIES_A_BATCH = 32


def _read_strictly(parsed) -> bool:
    """Whether feedparser read the bytes as well-formed XML (not with its lenient parser, which
    it falls back on when expat fails: a batch holding a broken entry)."""
    from xml.sax import SAXException

    return not isinstance(parsed.get("bozo_exception"), SAXException)


def _entries_past_a_break(data: bytes, content_type: str | None, base: str | None, parsed, entries: list):
    """(the entries, a note that says why they were read one by one or None, and the feed's own
    reading) of a feed that is not well-formed XML, or None when it is read as well whole: when
    feedparser read fewer entries than the feed starts (an entry's tags left open, "<title>A<link>",
    and the entries after it were gone, unsaid, the feed's title the broken entry's text), each
    entry is read on its own, after the start tags of the elements it is in, and the feed's start
    alone gives the feed's title: the rest of the feed loads, the broken entry is said. Past
    10,000 entries, or more than 100 of under 256 bytes each on average (or a start of the feed of
    over 64 KB of tags), the entries stay as feedparser read them; the feed's title is still its
    start's alone."""
    from feedparser import FeedParserDict

    starts = [found.start() for found in _ENTRY_START.finditer(data)]
    if len(starts) <= len(entries):
        return None
    head = data[: starts[0]]
    feed = _feedparser(head, content_type, base)
    opening = _opening_tags(head)
    most = min(_ONE_BY_ONE_AT_MOST, max(100, len(data) // _ONE_BY_ONE_BYTES))
    if len(starts) > most or opening is None:
        return entries, None, feed
    closing = _closing_tags(opening)
    # (The last entry's without the feed's own end tags, which the batch's closing would repeat.)
    spans = list(zip(starts, [*starts[1:], len(_without_end_tags(data, closing))]))
    recovered = []
    for first in range(0, len(spans), _ENTRIES_A_BATCH):
        batch = spans[first : first + _ENTRIES_A_BATCH]
        # The start tags alone, not the whole start: read before each entry, a channel's long
        # description (or a doctype's entities, expanded a million times) took as long each time.
        # Closed, so that expat reads a batch of whole entries at once; where it cannot, each
        # entry of the batch is read on its own, as feedparser's lenient parser reads it.
        together = _feedparser(opening + data[batch[0][0] : batch[-1][1]] + closing, content_type, base)
        if _read_strictly(together) and len(together.get("entries") or []) == len(batch):
            recovered.extend(together["entries"])
            continue
        for start, end in batch:
            alone = _feedparser(opening + data[start:end], content_type, base).get("entries") or []
            recovered.append(alone[0] if alone else FeedParserDict())
    read = sum(1 for entry in recovered if entry)
    if read <= sum(1 for entry in entries if entry):
        return entries, None, feed
    exc = parsed.get("bozo_exception")
    why = f" ({getattr(exc, 'getMessage', lambda: exc)()})" if exc else ""
    if exc is not None and hasattr(exc, "getLineNumber"):
        why = f" (line {exc.getLineNumber()}: {exc.getMessage()})"
    note = f"the feed is not well-formed XML{why}: its {len(starts):,} entries were read one by one"
    return recovered, note, feed


# What the start of a feed holds besides elements: comments, CDATA sections, processing
# instructions, a doctype (with its internal subset).
_NOT_ELEMENTS = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.S | re.I)
_TAG = re.compile(rb"<(/?)([A-Za-z_][\w:.-]*)[^>]*?(/?)>")
_XML_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]{0,500}\?>")


def _opening_tags(head: bytes) -> bytes | None:
    """The XML declaration (its encoding) and the start tags of the elements `head`, a feed up
    to its first entry, leaves open (<rss ...><channel>, <feed xmlns=...>: their namespaces), or
    None when they are over 64 KB."""
    declaration = _XML_DECLARATION.match(head)
    open_tags: list[tuple[bytes, bytes]] = []
    for tag in _TAG.finditer(_NOT_ELEMENTS.sub(b"", head)):
        closing, name, empty = tag.groups()
        if closing:
            names = [open_name for open_name, _ in open_tags]
            if name in names:  # (the elements left open in it are closed with it)
                del open_tags[len(names) - 1 - names[::-1].index(name) :]
        elif not empty:
            open_tags.append((name, tag.group()))
    opening = (declaration.group() if declaration else b"") + b"".join(whole for _, whole in open_tags)
    return opening if len(opening) <= 65536 else None


def _closing_tags(opening: bytes) -> bytes:
    """The end tags of the elements `opening` (_opening_tags) starts, innermost first."""
    names = [tag.group(2) for tag in _TAG.finditer(opening) if not tag.group(1)]
    return b"".join(b"</" + name + b">" for name in reversed(names))


def _without_end_tags(data: bytes, closing: bytes) -> bytes:
    """`data` without the end tags of `closing` (and the blanks around them) it ends with."""
    end = len(data.rstrip())
    for tag in reversed(re.findall(rb"</[^>]+>", closing)):
        if data.endswith(tag, 0, end):
            end = len(data[: end - len(tag)].rstrip())
    return data[:end]


def parse_feed(
    data: bytes, *, stamps: bool = False, base: str | None = None, content_type: str | None = None
) -> list[tuple[str, dict]]:
    """(body, metadata) per entry of an RSS/RDF/Atom feed or a JSON Feed, in file order (bodies
    may be empty).

    A relative link is resolved against `base` (the URL the feed was fetched from), else the
    feed's own link. Metadata has "_feed_title", the feed's title as plain text (or None): the
    outlet of last resort. FormatError when it is not a feed, or a feed with no entries. With
    `stamps`, metadata also has "_stamp": the entry's own updated/published text (or None),
    which changes when the outlet updates the entry (reader.fetch uses it to notice a new version),
    "_id": the entry's own id (an Atom <id>, an RSS <guid>, a JSON Feed id; or None), the key
    of an entry that has no link, and "_published": its published text as written (an RSS
    pubDate, an Atom <published>; or None), which an edit of the entry does not change.
    `content_type`: the HTTP Content-Type the bytes came with (its charset is used).
    """
    json_feed = read_json_feed(data, content_type)
    if json_feed is not None:
        return _json_feed_entries(json_feed, stamps, base)
    data = _doctype_entities_expanded(_undeclared_as_utf8(_wide_as_utf8(data), content_type))
    parsed = _feedparser(data, content_type, base)
    entries = parsed.get("entries") or []
    broken_note = None
    if parsed.get("bozo") and entries:
        recovered = _entries_past_a_break(data, content_type, base, parsed, entries)
        if recovered is not None:  # (the feed's title is its start's: never a broken entry's text)
            entries, broken_note, parsed = recovered
    if not entries:
        if parsed.get("bozo") and not parsed.get("feed"):
            exc = parsed.get("bozo_exception")
            detail = f" ({getattr(exc, 'getMessage', lambda: exc)()})" if exc else ""
            raise FormatError(f"not an RSS or Atom feed{detail}")
        if not parsed.get("version"):  # feedparser knew no feed in it: a settings file, an SVG
            raise FormatError(f"not an RSS or Atom feed{_root_element_note(data)}")
        raise FormatError("feed with no entries")
    feed = parsed.get("feed") or {}
    atom = str(parsed.get("version") or "").startswith("atom")
    feed_title = metadata_value("outlet", _plain_title(feed.get("title"), feed.get("title_detail"), said_text=atom))
    link_base = base if base and _is_web_url(base) else _feed_base(feed)
    # Atom entries inherit the feed's authors; an RSS channel's managingEditor is no item's author.
    inherited = _names(feed.get("authors")) if atom else []
    # Looked for once: asked per entry, it read the whole feed each time (5,000 entries of a
    # 2 MB feed took most of a minute).
    slashed = data if b":///" in data else b""
    written: list[set[str]] = []

    def permalinks() -> set[str]:
        if not written:
            written.append(_written_permalinks(data))
        return written[0]

    links = [_entry_link(entry, slashed, link_base, permalinks) for entry in entries]
    read = [_entry_stamp(entry, link if isinstance(link, str) else None) for entry, link in zip(entries, links)]
    wrong_weekdays = _wrong_weekdays_throughout(read)
    out = []
    for number, (entry, link, (day, stamp, refused)) in enumerate(zip(entries, links, read)):
        body = ""
        contents = entry.get("content") or []
        candidates = [(c.get("value") or "", c.get("type") or "") for c in contents]
        if entry.get("summary"):
            candidates.append((entry.get("summary"), (entry.get("summary_detail") or {}).get("type", "")))
        for value, kind in candidates:
            plain = kind == "text/plain" and not _MARKUP_IN_TEXT.search(value)
            text = readable(value if plain else html_fragment_to_text(without_feed_footer(value)))
            if len(text.strip()) > len(body.strip()):
                body = text
        problems = [_refused_stamp_problem(entry, key) for key in refused]
        if wrong_weekdays and refused:
            day, stamp, _ = _entry_stamp(entry, weekdays=False)
            problems = []
        if wrong_weekdays and number == 0:  # said once, for the whole feed, on its first entry
            wrong = sum(1 for *_, keys in read if keys)
            first = next((entry, keys[0]) for entry, (*_, keys) in zip(entries, read) if keys)
            problems = [_weekdays_ignored_problem(*first, wrong, len(entries))]
        meta = normalise_meta(
            {
                "title": _plain_title(entry.get("title"), entry.get("title_detail"), said_text=atom),
                "url": link,
                "author": _entry_authors(entry, inherited),
                "date": day,
            }
        )
        if meta.get("date") and stamp and (moment := parse_moment(stamp)):
            meta["_time"] = moment
        if broken_note and number == 0:  # said once, for the whole feed, on its first entry
            problems.append(broken_note)
        if problems:
            meta["_problems"] = [*meta.get("_problems", ()), *problems]
        meta["_feed_title"] = feed_title
        if stamps:
            # dict.get: feedparser's own get() warns when it maps a missing `updated` to `published`
            meta["_stamp"] = str(dict.get(entry, "updated") or dict.get(entry, "published") or "")[:100] or None
            ident = dict.get(entry, "id")  # an Atom <id>, an RSS <guid>
            meta["_id"] = str(ident)[:300] if isinstance(ident, str) and ident.strip() else None
            published = dict.get(entry, "published")
            meta["_published"] = str(published)[:100] if isinstance(published, str) and published.strip() else None
        out.append((body, meta))
    return out
