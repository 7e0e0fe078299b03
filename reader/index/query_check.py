"""One-line hints for malformed queries, found before the parser quietly guesses.

Whoosh's parser accepts unbalanced quotes and parentheses, an empty `title:` and a broken
`date:[2010 TO` without a word, and searches something else than the user meant. These checks
name the problem and how to write it instead, also where it would quietly drop part of the query
(an operator with nothing to join, a field that does not exist, a date range that ends before it
starts). Dates (in `date:` and in --since/--until) must be real calendar dates: YYYY, YYYY-MM or
YYYY-MM-DD.
"""

from __future__ import annotations

import re
from datetime import date

from reader import calendar_dates
from reader.relative_dates import RELATIVE_HELP, absolute

FIELD_NAMES = ("title", "body", "outlet", "author", "quote", "speaker", "story", "date")
FIELDS = frozenset(FIELD_NAMES)
# outlet:X naming one outlet is rewritten to outlet_id:"name" before the check (outlet_terms.py).
_REWRITTEN_FIELDS = frozenset({"outlet_id"})
# A field name: letters at the start or after a space or a bracket, then a colon.
_FIELD = re.compile(r"(?:^|(?<=[\s(]))([A-Za-z_]+):")
# What starts a field's value: a word, a phrase, a group or a range ("Note: x" and "http://" are words).
_VALUE_START = re.compile(r'[\w"(\[{]')
_FIELD_LIST = ", ".join(FIELD_NAMES[:-1]) + " and " + FIELD_NAMES[-1]
# An operator with nothing after it (at the end, or before a ")"), or AND/OR with nothing
# before it: the parser drops it and searches the rest.
_OPERATOR_LAST = re.compile(r"(?:^|(?<=[\s(]))(AND|OR|NOT|ANDNOT|ANDMAYBE)\s*(?=\)|$)")
_OPERATOR_FIRST = re.compile(r"(?:^|\()\s*(AND|OR|ANDNOT|ANDMAYBE)(?=[\s(])")
_RANGE = re.compile(r"\s*[\[{](.*?)[\]}]", re.S)
# Two operators in a row ("budget OR OR vote", "budget NOT OR vote"): the parser takes the second
# for a word that no article has, and the query finds nothing, silently. AND NOT and OR NOT are one.
_OPERATOR_PAIR = re.compile(
    r"(?:^|(?<=[\s(]))(?:(AND|OR|NOT|ANDNOT|ANDMAYBE)\s+(AND|OR|ANDNOT|ANDMAYBE)|(NOT)\s+(NOT))(?=[\s(]|$)"
)


# A word with a minus in front ("budget -vote"), as web search engines leave a word out: the
# parser dropped the minus and searched the very word, finding what it was meant to leave out.
_MINUS_WORD = re.compile(r"(?:^|(?<=[\s(]))-([^\W\d_][\w'’-]*)")
# `budget^abc`: a boost that is no number (whoosh read it as the words budget and abc, side by side).
_WORD_BOOST = re.compile(r"(?<=[^\s(^])\^(\d*[^\W\d_]\w*)")
# `budget~abc`, `budgit~1.5`, `"peace talks"~x`: a ~ whose fuzziness (1 or 2 letters off, or
# Whoosh's ~N/P) or a phrase's slop (a whole number) is not what follows it. Whoosh read the rest
# as another word (budget~ and abc, side by side) or dropped it, without a word why.
_TILDE = re.compile(r"(?<=[^\s(~])~([^\s)]*)")
_FUZZINESS = re.compile(r"[1-9]?(?:/\d+)?(?:\^\d*(?:\.\d+)?)?")
_SLOP = re.compile(r"(?:[1-9]\d*)?(?:\^\d*(?:\.\d+)?)?")


# A quotation mark inside a phrase is written \" (`"he said \"no\""`): a quotation mark of the
# words, which never opens or closes a phrase. As in an article, it is punctuation between words.
ESCAPED_QUOTE = '\\"'


def without_escaped_quotes(text: str) -> str:
    """`text` with each \\" two spaces (as long: offsets stay), as the quotation mark it
    stands for is read, between the words of a phrase or outside one."""
    return text.replace(ESCAPED_QUOTE, "  ") if ESCAPED_QUOTE in text else text


# A word of a quoted phrase with a * after its letters: `"presiden* obama"`.
_PHRASE = re.compile(r'"([^"]*)"')
_STARRED_WORD = re.compile(r"[^\W_][\w'’-]*\*")


def starred_words_in_phrases(text: str) -> list[str]:
    """The words of `text`'s quoted phrases written with a * (`presiden*` of `"presiden* obama"`),
    which a phrase searches as their letters, not as a wildcard; `text` with straight quotes."""
    return [
        w.group() for m in _PHRASE.finditer(without_escaped_quotes(text)) for w in _STARRED_WORD.finditer(m.group(1))
    ]


# The operators as other query languages write them (Lucene's && || and ! before a word), and as
# a CJK keyboard types them (full-width ＡＮＤ, ＯＲ, ＮＯＴ, and title：word): `peace && (talks ||
# budget)` searched every word at once, `!vote` the very word, and `title：budget` the word title.
_SYMBOL_OPERATORS = re.compile(
    r"(?:(?<=\s)|^)(?:(&&)|(\|\|))(?=\s|$)"
    r"|(?:(?<=[\s(])|^)(!)(?=[^\W_]|[(])"
    r"|(?<![^\W_])(ＡＮＤ|ＯＲ|ＮＯＴ)(?![^\W_])"
    r"|(?:(?<=[\s(])|^)([A-Za-z_]+)：",
)
_FULL_WIDTH = {"ＡＮＤ": "AND", "ＯＲ": "OR", "ＮＯＴ": "NOT"}


def plain_operators(text: str) -> str:
    """`text` with `&&`, `||`, `!word`, the full-width operators and a field's full-width colon
    (outside "phrases") written as this query language writes them: AND, OR, NOT word, field:."""
    if not any(mark in text for mark in ("&&", "||", "!", "：", "ＡＮＤ", "ＯＲ", "ＮＯＴ")):
        return text
    pieces = text.split('"')
    for k in range(0, len(pieces), 2):  # outside quotation marks
        pieces[k] = _SYMBOL_OPERATORS.sub(_plain_operator, pieces[k])
    return '"'.join(pieces)


def _plain_operator(m: re.Match) -> str:
    if m.group(1):
        return "AND"
    if m.group(2):
        return "OR"
    if m.group(3):
        return "NOT "
    if m.group(4):
        return _FULL_WIDTH[m.group(4)]
    name = m.group(5)
    # A field's (Note：budget, no field, stays words as Note: budget does).
    return name + ":" if name.lower() in FIELDS or name.lower() in _DATE_BOUNDS else m.group()


_LAST_WORD = re.compile(r"\s+\S*$")
_OPEN_RANGE = re.compile(r"\S*[\[{][^\]}]*$")
# (Also as other search boxes and a CJK keyboard write them: plain_operators.)
_DANGLING = re.compile(r"(?:^|\s)(?:AND|OR|NOT|ANDNOT|ANDMAYBE|&&|\|\||ＡＮＤ|ＯＲ|ＮＯＴ|[A-Za-z_]+[:：])$|\($")


def query_start(text: str, limit: int) -> str:
    """The start of a query too long to search whole, at most `limit` characters, and a query
    that reads well: cut between two words (half a word is another word, and finds nothing), then
    without what the cut left open: a phrase or a date range it cut into, an operator or a field
    with nothing after it; a group it cut into is closed."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    if not text[limit].isspace():
        head = _LAST_WORD.sub("", head) if _LAST_WORD.search(head) else ""
    head = head.rstrip()
    read = without_escaped_quotes(head)
    if read.count('"') % 2:  # a phrase cut open: drop it
        head = head[: read.rindex('"')].rstrip()
    head = _OPEN_RANGE.sub("", head).rstrip()
    while _DANGLING.search(head):
        head = _DANGLING.sub("", head).rstrip()
    depth = 0
    for i, ch in _outside_quotes(head):
        if i >= 0 and ch in "()":
            depth = max(0, depth + (1 if ch == "(" else -1))
    return head + ")" * depth


def valid_date(text: str) -> bool:
    """Whether `text` is YYYY, YYYY-MM or YYYY-MM-DD naming a real day (2010-13-01 is not)."""
    return calendar_dates.span(text) is not None


def _outside_quotes(text: str):
    """(index, character) of the quote marks and of every character outside "phrases"; the
    last item says whether a quote was left open."""
    in_quote = False
    for i, ch in enumerate(text):
        if ch == '"':
            in_quote = not in_quote
            yield i, ch
        elif not in_quote:
            yield i, ch
    yield -1, in_quote


# A phrase's quotation mark never closed: the typist's to close (the CLI says so), but a passage
# pasted whole often holds one (the app searches its words: without_open_quote).
QUOTE_LEFT_OPEN = 'unbalanced quote mark: close the phrase with "'


def without_open_quote(text: str) -> str | None:
    """`text` (its quotation marks straight) with the mark that opens the phrase left open a space,
    the phrases closed before it kept; None when no mark is left open."""
    opening = None
    for i, ch in enumerate(without_escaped_quotes(text)):
        if ch == '"':
            opening = i if opening is None else None
    if opening is None:
        return None
    return text[:opening] + " " + text[opening + 1 :]


def query_problem(text: str) -> str | None:
    """A one-line hint for what is malformed in the query, or None when it reads well."""
    depth = 0
    unquoted = []
    for i, ch in _outside_quotes(text):
        if i < 0:
            if ch:
                return QUOTE_LEFT_OPEN
            break
        unquoted.append(ch)
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return "unbalanced parentheses: a ) has no ( before it"
    if depth > 0:
        return "unbalanced parentheses: add the missing )"
    outside = "".join(unquoted)
    operator = _OPERATOR_LAST.search(outside)
    if operator:
        name = operator.group(1)
        alone = name != "NOT" and not outside[: operator.start()].strip(" \t\n(")
        side = "a word on each side" if alone else "a word after it"
        return f"{name} needs {side}, like budget {name} vote"
    pair = _OPERATOR_PAIR.search(outside)
    if pair:
        first, second = pair.group(1) or pair.group(3), pair.group(2) or pair.group(4)
        return f"{first} {second}: two operators in a row; keep one, as in budget {first} vote"
    operator = _OPERATOR_FIRST.search(outside)
    if operator:
        return f"{operator.group(1)} needs a word before it, like budget {operator.group(1)} vote"
    minus = _MINUS_WORD.search(outside)
    if minus:
        return minus_hint(minus.group(1))
    boost = _WORD_BOOST.search(outside)
    if boost:
        return f"^{boost.group(1)[:40]}: a boost is a number, as in budget^2 (for the words alone, leave out the ^)"
    problem = _tilde_problem(outside)
    if problem:
        return problem
    for m in _FIELD.finditer(outside):
        name = m.group(1)
        rest = outside[m.end() :]
        if name.lower() in _DATE_BOUNDS:  # one filter_dates left: no date, or not one
            value = re.split(r"[\s)]", rest, maxsplit=1)[0]
            if not value:
                return (
                    f"{name}: needs a date right after the colon, like {name.lower()}:2025-10-01 or {name.lower()}:3d"
                )
            return f"not a date: {value[:40]!r} (write {calendar_dates.FORMS}, or {RELATIVE_HELP})"
        if name.lower() not in FIELDS:
            # "Note: ..." pasted from a text is words; "foo:bar" meant a field that is not there.
            if _VALUE_START.match(rest) and name.lower() not in _REWRITTEN_FIELDS:
                return f"there is no field {name}: the fields are {_FIELD_LIST}"
            continue
        if not rest or rest[0].isspace() or rest[0] == ")":
            example = "date:[2025-10-01 TO 2025-10-31]" if name.lower() == "date" else f"{name}:word"
            return f"{name}: needs a value right after the colon, like {example}"
        if name.lower() == "date":
            problem = _date_value_problem(rest)
            if problem:
                return problem
            continue
        minus = _MINUS_WORD.match(rest)
        if minus:  # `title:-obama` searched title:obama, as `-obama` searched obama
            field, value = name.lower(), minus.group(1)[:40]
            return f"{field}:-{value} would search {field}:{value}: to leave it out, write NOT {field}:{value}"
    return None


def _tilde_problem(outside: str) -> str | None:
    """The hint for a ~ (in the query outside "phrases") that takes no number, or None."""
    for m in _TILDE.finditer(outside):
        after = m.group(1)
        if outside[m.start() - 1] == '"':
            if not _SLOP.fullmatch(after):
                return (
                    f'~{after[:40]}: a phrase\'s ~ takes a number of words, as in "peace talks"~3'
                    " (for the phrase alone, leave out the ~)"
                )
        elif not _FUZZINESS.fullmatch(after):
            return f"~{after[:40]}: a word's ~ takes the letters it may be off, 1 or 2, as in budgit~2 (for the words alone, leave out the ~)"
    return None


# A `?` at a word's end (`what?`, `really?!`, `US?`) is the question's punctuation, as a user
# typing a question means it: Whoosh read `budget?` as a wildcard (budget and one letter more,
# never budget itself) and refused `US?` as a wildcard too short. A `?` inside a word (`colo?r`) or
# in a word that has another wildcard mark (`budg*?`, `wh?t?`) stays a wildcard; one in an address
# pasted whole (`example.com/page?id=1`), whose query string it starts, is punctuation too.
_QUESTION_WORD = re.compile(r'[^\s()"]*\?[^\s()"]*')
_CLOSING_PUNCTUATION = re.compile(r"[?!.,;…]+$")


def without_closing_question_marks(text: str) -> str:
    """`text` with each `?` that ends a word (outside "phrases") a space, as long (offsets stay):
    the question's punctuation, not a wildcard."""
    if "?" not in text:
        return text
    pieces = text.split('"')
    for k in range(0, len(pieces), 2):  # outside quotation marks
        if "?" in pieces[k]:
            pieces[k] = _QUESTION_WORD.sub(_closing_question_marks, pieces[k])
    return '"'.join(pieces)


# A field whose value is a date, an id or an outlet's name, no prose: a ? there is the value's,
# as typed (`date:202?` is refused as not a date '202?', not '202'; `outlet:fox?` as before).
_NAMED_VALUE = re.compile(r"(?i)(?:date|since|until|story|outlet)[:：]")


def _closing_question_marks(m: re.Match) -> str:
    word = m.group()
    if _NAMED_VALUE.match(word):
        return word
    if "/" in word or "=" in word:  # an address's (example.com/page?id=1): a wildcard is one word's
        return word.replace("?", " ")
    tail = _CLOSING_PUNCTUATION.search(word)
    if tail is None or "?" not in tail.group():
        return word
    head = word[: tail.start()]
    if "*" in head or "?" in head:  # a wildcard's
        return word
    return head + tail.group().replace("?", " ")


# A name written with symbols between or after its letters that is no word of its own (C+, x#y,
# AT&T&T; AT&T, C++, F# are: textproc._SYMBOL_JOIN): the symbols are no part of a word, and the
# letters left are words too short or too common to be indexed, so such a name alone cannot be
# searched. (Its letters, digits and symbols alone: quoted as '…', it is one word to a shell.)
_SYMBOL_NAME = re.compile(r"(?<![^\W_])[^\W_]+(?:[&+#]+[^\W_]*)+")  # (from a word's start: linear)
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def unsearchable_words_problem(text: str, operators: frozenset[str]) -> str | None:
    """The hint for a query (as parsed: its field names lower-cased) whose words are all too
    common or too short to be indexed (`the`, `it's`, `AT&T`), or None when it has no word."""
    plain = _FIELD.sub(" ", text)  # `title:the`: the field's name is no word searched
    words = [w for w in _WORD.findall(plain) if w not in operators]
    if not words:
        return None
    symbol_name = _SYMBOL_NAME.search(plain)
    if symbol_name:
        # Short: the app's hint under the search box shows three lines of a narrow column.
        name = symbol_name.group()[:40]
        parts = list(dict.fromkeys(_WORD.findall(name)))
        symbols = list(dict.fromkeys(ch for ch in name if ch in "&+#"))
        return (
            f"{name}: {' '.join(symbols)} {'is' if len(symbols) == 1 else 'are'} not searched and {', '.join(parts)} "
            f"{'is' if len(parts) == 1 else 'are'} too short or common to be; the list filter (f) finds it in titles "
            f"(reader list | grep -iF '{name}')"
        )
    shown = ", ".join(dict.fromkeys(words[:5]))
    country = "; US in capitals (or U.S.) is the country" if "us" in (w.lower() for w in words) else ""
    return f"only words too common or too short to be searched ({shown}): add one that says more{country}"


def minus_hint(word: str) -> str | None:
    """The hint for `-word` in a query, or None when `word` is not a word (`-5` is a number)."""
    word = word[:40]
    if not _MINUS_WORD.fullmatch("-" + word):
        return None
    return f"-{word} would search {word}: to leave a word out, write NOT {word}"


def lower_field_names(text: str) -> str:
    """The query with its field names in lower case (`Title:budget` is `title:budget`), outside
    "phrases": the parser knows them only so, and took `Title:budget` for a word no article has
    (nothing found, silently) and `Date:2010` for the word 2010."""
    if ":" not in text:
        return text
    out = list(text)
    inside = {i for i, _ in _outside_quotes(text) if i >= 0}
    for m in _FIELD.finditer(text):
        name = m.group(1)
        if m.start(1) in inside and name != name.lower() and name.lower() in FIELDS:
            out[m.start(1) : m.end(1)] = name.lower()
    return "".join(out)


# The list filter's date forms (`f` in the app), which a user carries over into a search:
# date:2010..2011 (either end may be left out), since:D and until:D, D a calendar date or a
# relative one (3d, yesterday). The search's parser knows only date:[2010 TO 2011]: it said
# "not a date: '2010..2011'" and "there is no field since".
_VALUE = r"[^\s()\[\]{}\"]"
_FILTER_DATE = re.compile(
    rf"(?:^|(?<=[\s(]))(?:(?i:date):({_VALUE}*?)\.\.({_VALUE}*)|((?i:since|until)):({_VALUE}+)|(?i:date):({_VALUE}+))"
    r"(?=$|[\s)])"
)
# since: and until: that filter_dates left (no date after them, or one that is not a date).
_DATE_BOUNDS = frozenset({"since", "until"})


def filter_dates(text: str, today: date | None = None) -> str:
    """The query with the list filter's date forms (outside "phrases") as the date ranges the
    search reads: `date:2010..2011` is `date:[2010 TO 2011]`, `since:3d` `date:[<3 days ago> TO]`,
    `until:2012` `date:[TO 2012]`, `date:today` that day; `date:..` and a since: or until: without
    a date are left for the check to refuse."""
    if ":" not in text:
        return text
    inside = {i for i, _ in _outside_quotes(text) if i >= 0}

    def as_range(m: re.Match) -> str:
        if m.start() not in inside:
            return m.group()
        if m.group(5) is not None:  # date:today, as the filter takes it: that one day
            day = absolute(m.group(5), today)
            return m.group() if day == m.group(5) else f"date:{day}"
        if m.group(3) is None:
            first, last = m.group(1), m.group(2)
            if not (first or last):
                return m.group()
        elif not valid_date(absolute(m.group(4), today) or ""):
            return m.group()  # for query_problem to say what a date is, relative ones too
        elif m.group(3).lower() == "since":
            first, last = m.group(4), ""
        else:
            first, last = "", m.group(4)
        first = absolute(first, today) if first else ""
        last = absolute(last, today) if last else ""
        return "date:[" + (f"{first} " if first else "") + "TO" + (f" {last}" if last else "") + "]"

    return _FILTER_DATE.sub(as_range, text)


def _date_value_problem(rest: str) -> str | None:
    if rest[0] in "[{":
        m = _RANGE.match(rest)
        if not m:
            return "unclosed date range: write date:[2025-10-01 TO 2025-10-31]"
        parts = re.split(r"\s+TO\s+|^TO\s+|\s+TO$|^TO$", m.group(1).strip())
        if len(parts) != 2:
            return "a date range needs TO: write date:[2025-10-01 TO 2025-10-31]"
        start, end = (part.strip() for part in parts)
        for part in (start, end):
            if part == "*":  # Lucene's and Elasticsearch's open end: here it is left empty
                return "a date range's open end is left empty: date:[TO 2010] or date:[2010 TO]"
            if part and not valid_date(part):
                return f"not a date: {part[:40]!r} (write {calendar_dates.FORMS})"
        if calendar_dates.empty_range(start, end):
            return f"the date range is empty: {start} is after {end}"
        return None
    value = re.split(r"[\s)]", rest, maxsplit=1)[0]
    comparison = re.match(r"([<>]=?)(.*)", value)
    if comparison and valid_date(absolute(comparison.group(2)) or ""):  # date:>2024, as other search boxes write it
        day = comparison.group(2)[:40]
        return f"date:{value[:40]}: write since:{day} for the dates from it on, until:{day} for those up to it"
    if not valid_date(value.rstrip("*")):
        return _date_form_hint(value) or f"not a date: {value[:40]!r} (write {calendar_dates.FORMS})"
    return None


# A date written as other search boxes or other countries' habits write it: `date:=2024` (an
# equality), `date:2024/05/31` or `date:2024.05` (another separator). "not a date: '=2024'"
# left the user to guess what was wrong with 2024.
_EQUALS_DATE = re.compile(r"=+(.+)")
_SEPARATED_DATE = re.compile(r"\d{4}(?:[/.]\d{2}){1,2}")


def _date_form_hint(value: str) -> str | None:
    """The hint for a date: value that is a date written another way, naming the form to write."""
    equals = _EQUALS_DATE.fullmatch(value)
    if equals and valid_date(absolute(equals.group(1)) or ""):
        day = equals.group(1)[:40]
        return f"date:{value[:40]}: write date:{day} (no =), since:{day} or until:{day}"
    if _SEPARATED_DATE.fullmatch(value):
        dashed = re.sub(r"[/.]", "-", value)
        if valid_date(dashed):
            return f"date:{value}: write date:{dashed} (dates are {calendar_dates.FORMS})"
    return None
