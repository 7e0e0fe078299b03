"""Values and counts in words, for every message and summary ("1 shared quotation", "10 links", "a mapping")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable
import unicodedata
from reader import lazy_regex


@dataclass(frozen=True)
class Code:
    """Words a message quotes as code, marked where the message is built: the CLI writes them in
    backticks, the app's screen (which renders no Markdown and showed the backticks raw) as they
    are ("its `marks` table": "its marks table")."""

    text: str

    def for_cli(self) -> str:
        return f"`{self.text}`"

    def for_screen(self) -> str:
        return self.text


@dataclass(frozen=True)
class Command(Code):
    """A shell command a message names: "`reader index`" in the CLI, "the command reader index"
    on the screen; `in_a_shell` adds where to run it there (the app has no shell at hand)."""

    in_a_shell: bool = False

    def for_screen(self) -> str:
        return f"the command {self.text}" + (" in a shell" if self.in_a_shell else "")


class Said(str):
    """A message built by said(): as a str, the CLI's wording (each Code in backticks), so every
    CLI line, --json field and stored state is what it always was; on_screen() gives the app's.
    Only the marks said() was given are rewritten there: the user's text in the message (a URL, a
    query, a file name) keeps any backticks of its own, which stripping every backtick would eat.
    Slicing, f-strings and str methods give a plain str (the CLI's words): build with said()."""

    parts: tuple[str | Code, ...]


def said(*parts: object) -> Said:
    """One message of `parts`: text (taken as it is), Code and Command marks, other said()
    messages (their marks kept), exceptions (their message, their marks kept when it was said())."""
    flat: list[str | Code] = []
    for part in parts:
        if isinstance(part, BaseException):
            part = message_of(part)
        if isinstance(part, Said):
            flat.extend(part.parts)
        elif isinstance(part, Code):
            flat.append(part)
        else:
            flat.append(str(part))
    message = Said("".join(p.for_cli() if isinstance(p, Code) else p for p in flat))
    message.parts = tuple(flat)
    return message


def said_joined(separator: str, messages) -> Said:
    """said() messages (or text) joined by `separator`, as str.join does, their marks kept."""
    parts: list[object] = []
    for message in messages:
        parts += [separator, message] if parts else [message]
    return said(*parts)


def message_of(exc: BaseException) -> str:
    """An exception's message, said() as it was raised (its marks kept) when it is its only
    argument, else str(exc)."""
    text = str(exc)
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, Said) and first == text else text


def on_screen(text: object) -> str:
    """A message as the app's screen shows it: a said() one (or an exception raised with one)
    with each mark in words, any other text as it is (None is "")."""
    if isinstance(text, BaseException):
        text = message_of(text)
    if isinstance(text, Said):
        return "".join(p.for_screen() if isinstance(p, Code) else p for p in text.parts)
    return "" if text is None else str(text)


def run_advice(command: str) -> Said:
    """The advice to run `command`: "run `reader index`", on the screen "run the command reader
    index in a shell"."""
    return said("run ", Command(command, in_a_shell=True))


def counted(n: int, one: str, many: str | None = None) -> str:
    """`n` and the noun, singular for one: counted(1, "link") "1 link", counted(3, "link") "3 links"."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


# An article's outlet where its metadata names none, wherever an outlet's name is shown (`list`,
# `search`, `stories`, `fetch`, `compare`, the app): `?` in the CLI and "Unknown outlet" in the app
# said it three ways, the latter as if an outlet were called "Unknown". In parentheses, as no
# outlet's name is written; --json keeps null.
NO_OUTLET = "(no outlet)"
NO_OUTLET_SHORT = "—"  # NO_OUTLET where it does not fit whole

# A framing flag's side that has no such words: what it lacks, by the flag's kind. "(no such
# word)" read as if no article had the word at all.
_FRAMING_ABSENT = {
    "label": "no label",
    "hedge": "no hedge",
    "attribution": "no attribution",
    "loaded": "no loaded word",
}


# A headline none of whose words only it has (the app's summary bar said "—").
NOTHING_STRESSED = "nothing the other lacks"


def framing_absent(kind: str) -> str:
    """What a framing flag shows for the side without its words: "(no hedge)" beside "allegedly"."""
    return f"({_FRAMING_ABSENT.get(kind, 'not in this version')})"


def outlet_shown(outlet: str | None) -> str:
    """An article's outlet as shown: its name, or NO_OUTLET."""
    return outlet or NO_OUTLET


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


# Characters of a lock holder's command line a message shows: "reader --corpus ~/news index" whole.
COMMAND_SHOWN = 60


def holder_shown(holder: tuple[int, str] | None, *more: str) -> str:
    """ " (pid 4242: reader index)" for a message that a lock is busy, from file_lock.lock_holder's
    (pid, command), and `more` said of it (" (pid 4242: reader fetch, since 03:10)"); "" when
    nothing is known. The command line is another program's text: escapes shown (untrusted_shown),
    at most COMMAND_SHOWN characters."""
    said = list(more)
    if holder is not None:
        pid, command = holder
        text = untrusted_shown(command)
        text = text if len(text) <= COMMAND_SHOWN else text[: COMMAND_SHOWN - 1] + "…"
        said.insert(0, f"pid {pid}: {text}" if text else f"pid {pid}")
    return f" ({', '.join(said)})" if said else ""


# How a process says it waits for another's lock: the index's (index/lock.py) and the comparisons'
# pass (analysis/prepare.py) build their WAITING from it, and the CLI's progress line
# (commands/common.py) says a long wait it recognises by it even when stderr is no terminal.
WAITING_FOR_ANOTHER = "waiting for another reader process"

SKIPPED_SHOWN = 3  # skipped files a notice names, with their reasons


def skipped_lines(items, shown: int = SKIPPED_SHOWN, command: str = "reader index --verbose") -> list[str]:
    """What a notice says of the files the index skipped (its {"path", "reason"} dicts): the
    count, then each file's name and reason, the first `shown` of them, then how many more (and
    where all are listed: `command`, with the corpus options the app was opened with). The name
    alone: the corpus folder is the user's own."""
    items = list(items)
    lines = [f"{counted(len(items), 'file')} skipped:"]
    for item in items[:shown]:
        name = skipped_path(item, name_only=True) or "?"
        lines.append(f"{name}: {item.get('reason') or 'unreadable'}")
    more = len(items) - shown
    if more > 0:
        lines.append(f"and {more} more; the command {command} lists them all.")
    return lines


def commands_named(text: object) -> list[str]:
    """The commands a message names, as the screen shows them (Command.for_screen, and a CLI
    message's "`reader ...`"): what a label cut to its width keeps whole."""
    if isinstance(text, BaseException):
        text = message_of(text)
    named = [p.for_screen() for p in getattr(text, "parts", ()) if isinstance(p, Command)]
    return named + _COMMAND_SPAN.findall(str(text or ""))


_WORD_BREAKS = " -‐–—/"  # a word ends at a space, or after a hyphen, a dash or a slash
_DANGLING = " ,;:-‐–—/·"  # not left before the "…"


def clipped(text: str, limit: int, crop=None, measure: Callable[[str], int] = len) -> str:
    """`text` in at most `limit` characters (or whatever `crop(text, n)` measures: the longest
    start of `text` that fits in n, and `measure` the width of a text so), cut at a word boundary
    with "…" where it is cut, so no headline ends on half a word ("national infrastructure
    spe…"). A word longer than half the room is cut inside (a run of CJK, a URL): else "A…"
    would stand for a whole headline. The half is of the room's cells when cropped by cells:
    by characters, "Tokyo vote: 東京都知事選挙の…" (two cells a character) was "Tokyo vote…"."""
    crop = crop or (lambda whole, n: whole[:n])
    if limit <= 0:
        return ""
    if crop(text, limit) == text:
        return text
    head = crop(text, limit - 1)
    whole_word = len(head) < len(text) and (text[len(head)] in " " or head[-1:] in _WORD_BREAKS)
    if not whole_word:
        boundary = max(head.rfind(ch) + (ch != " ") for ch in _WORD_BREAKS)
        if boundary > 0 and measure(head[:boundary]) >= max(measure(head) // 2, 1):
            head = head[:boundary]
    return head.rstrip(_DANGLING) + "…" if head.strip(_DANGLING) else "…"


# How much of a user's input an error line quotes: an id, a path or a URL typed or pasted, 5,000
# characters long, was echoed whole (a screenful for one line of error).
# Columns of a story's label in `reader stories` and `reader coverage` text (JSON and CSV give it
# whole: a story's label is its central headline, kept whole in the index)
SHOWN_LABEL_CELLS = 70
WORD_SHOWN = 240  # characters of one word (a run without a space): a deep path stays whole
LINE_SHOWN = 1000  # characters of the whole line


def shortened(text: str, word: int = WORD_SHOWN, line: int = LINE_SHOWN) -> str:
    """`text` (one line) with each word longer than `word` characters cut in the middle, and the
    whole in at most about `line`: the start and the end kept (an id's or a path's end tells it
    apart), "…" and how many characters were left out between."""

    def cut(piece: str, room: int) -> str:
        if len(piece) <= room:
            return piece
        tail = room // 4
        head = room - tail
        return f"{piece[:head]}…({len(piece) - head - tail:,} characters)…{piece[len(piece) - tail :]}"

    def cut_words(piece: str) -> str:
        return " ".join(cut(w, word) for w in piece.split(" ")) if len(piece) > word else piece

    if "`reader " not in text:
        return cut(cut_words(text), line)
    # A command the message names is kept whole, to be pasted (a 300-character --corpus path cut
    # in the middle ran nothing); the words around it are cut as ever.
    pieces = _COMMAND_SPAN.split(text)
    return "".join(piece if i % 2 else cut(cut_words(piece), line) for i, piece in enumerate(pieces))


# A command a CLI message names, in backticks (Command.for_cli): never cut. Up to a length no
# command of ours reaches (two 4,096-byte paths and words): a title or argument holding
# "`reader xxx…`" is still cut as untrusted text.
_COMMAND_SPAN = lazy_regex.compile(r"(`reader [^`]{0,10000}`)")


def char_cells(char: str) -> int:
    """Columns a character takes in a terminal: 2 for wide (CJK, most emoji), 0 for combining
    marks and format characters, else 1."""
    if char.isascii():
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Cf", "Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def crop_cells(text: str, cells: int, measure: Callable[[str], int] = char_cells) -> str:
    """The longest start of `text` that fits in `cells` terminal columns (clipped's crop), each
    character measured by `measure` (the app passes Rich's own)."""
    if text.isascii():
        return text[:cells]
    used = 0
    for end, char in enumerate(text):
        used += measure(char)
        if used > cells:
            return text[: _grapheme_start(text, end)]
    return text


# How far back _grapheme_start looks for where a character's grapheme begins: more than any
# emoji sequence or run of flags a title holds (the segmentation starts again there).
_GRAPHEME_LOOKBACK = 256


def _grapheme_start(text: str, end: int) -> int:
    """Where the grapheme holding `text[end]` starts, so that a cut there leaves no half of it
    (a family emoji's first person and its joiner, one letter of a flag's pair)."""
    import regex  # a dependency; its \X is Unicode's grapheme clusters, which re lacks

    for cluster in regex.finditer(r"\X", text, pos=max(0, end - _GRAPHEME_LOOKBACK), endpos=end + 1):
        if cluster.start() <= end < cluster.end():
            return cluster.start()
    return end


def clipped_cells(text: str, cells: int) -> str:
    """clipped(), measured in terminal columns: a CJK title cut to 20 columns, not 20 characters."""
    return clipped(text, cells, crop_cells, lambda part: sum(char_cells(char) for char in part))


def outlet_clipped_cells(outlet: str, cells: int) -> str:
    """An outlet's name in at most `cells` terminal columns (clipped_cells), but a site named by
    a shared host's path ("sites.google.com/view/riverside-club", outlets._PATH_SITES) keeps its
    path's end, the part that tells it from the host's other sites: "sites…riverside-club", not
    "sites.google.com/…" for every one of them."""
    if outlet == NO_OUTLET and cells < len(NO_OUTLET):
        return NO_OUTLET_SHORT if cells else ""  # "(no…" read as an outlet's name cut short
    path_named = "/" in outlet and not any(char.isspace() for char in outlet)
    if not path_named or cells < 8 or crop_cells(outlet, cells) == outlet:
        return clipped_cells(outlet, cells)
    site = outlet.rstrip("/").rsplit("/", 1)[-1]
    tail = crop_cells(site[::-1], cells - 4)[::-1]  # its end; 3 cells of the host's start stay
    head = crop_cells(outlet, cells - 1 - sum(char_cells(char) for char in tail))
    return head + "…" + tail


def outlets_told_apart(outlets: Iterable[str], cells: int) -> dict[str, str]:
    """{outlet: its name in at most `cells` columns (outlet_clipped_cells)}, but outlets whose
    clipped names are alike (a narrow listing's "The…" for both The New York Times and The
    Moscow Times) shown by their words' initials, a leading "The" left out ("NYT", "MT"), where
    these fit and tell them apart; else clipped still."""
    from collections import Counter

    clipped = {outlet: outlet_clipped_cells(outlet, cells) for outlet in set(outlets)}
    alike = Counter(clipped.values())
    shown = dict(clipped)
    for outlet, name in clipped.items():
        short = _initials(outlet)
        if alike[name] > 1 and short and sum(char_cells(char) for char in short) <= cells:
            shown[outlet] = short
    told = Counter(shown.values())
    return {outlet: name if told[name] == 1 else clipped[outlet] for outlet, name in shown.items()}


def _initials(outlet: str) -> str:
    """The first letters of `outlet`'s words, a leading "The" left out when two words stay ("NYT"
    of The New York Times); "" for a name of one word (its start is what clipping shows)."""
    words = [word for word in outlet.split() if word[:1].isalnum()]
    if len(words) > 2 and words[0].casefold() == "the":
        words = words[1:]
    return "".join(word[0] for word in words) if len(words) > 1 else ""


# A byte of a name that is not UTF-8 (a command-line argument, a file name) reaches Python as a
# lone surrogate U+DC80..U+DCFF (surrogateescape); repr() writes it "\\udcff".
_UNDECODABLE = lazy_regex.compile(r"[\udc80-\udcff]|\\udc([89a-f][0-9a-f])")


def undecodable_shown(text: str) -> str:
    """`text` with each byte that was not UTF-8 written "\\xff", as Python writes a byte: the
    surrogate itself (which a terminal shows as "?" or "\ufffd") and the "\\udcff" repr() makes
    of it, which no user typed."""
    if text.isascii() and "\\udc" not in text:
        return text
    return _UNDECODABLE.sub(lambda m: f"\\x{m.group(1) or format(ord(m.group()) - 0xDC00, '02x')}", text)


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(char: str) -> str:
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code > 0xFFFF:  # a tag character (U+E0041): written as Python and bash's $'…' read it
        return f"\\U{code:08x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# What is never shown as itself: C0/C1 controls and DEL (an escape sequence, a line break),
# format characters (bidi controls reorder the line, zero-width ones hide), line and paragraph
# separators, surrogates (a byte that is not UTF-8) and the tag characters (invisible: a
# server's "HTTP 500" with tags between its words read as it did not say).
_NOT_SHOWN_AS_ITSELF = lazy_regex.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff"
    r"\U000e0000-\U000e007f]"
)


def local_time(stamp: float) -> str | None:
    """A moment for the user, in local time to the minute: "14:05" today, else "2025-10-21 14:05";
    None for one no clock shows (a damaged state's year 10^9). The fetch's messages all say a
    moment so (a retry's, a feed list's last fetch, the run holding the fetch lock)."""
    import time

    try:
        moment = time.localtime(stamp)
    except (OverflowError, OSError, ValueError):
        return None
    day = time.strftime("%Y-%m-%d", moment)
    clock = time.strftime("%H:%M", moment)
    return clock if day == time.strftime("%Y-%m-%d") else f"{day} {clock}"


def fetched_when(timestamp: float | None) -> str:
    """When a subscription was last fetched, as local_time says a moment ("10:00" today, else
    "2025-10-21 10:00"), or "never": as `reader feed list` and the app's list of subscriptions say
    it. It gave the date today too, on the line whose retry said "will retry after 16:00"."""
    if not timestamp:
        return "never"
    try:
        stamp = float(timestamp)
    except (TypeError, ValueError):
        return "unknown"
    return local_time(stamp) or "unknown"  # (a damaged state's year 10^9)


# A fetch this many days or more after the article's own date is told apart from it in its header:
# a page fetched years after it was written (an archive, an old link in a feed) read as news.
FETCHED_LATE_DAYS = 3


def days_fetched_after(date: str | None, fetched: str | None) -> int | None:
    """How many days after its own date (Article.date, "2019-03-04") an article was fetched
    (Article.fetched), or None when either is unknown or unreadable."""
    import datetime as _dt

    if not date or not fetched:
        return None
    try:
        return (_dt.date.fromisoformat(fetched[:10]) - _dt.date.fromisoformat(date[:10])).days
    except ValueError:
        return None


def _later_words(days: int) -> str:
    if days >= 730:
        return f"{days // 365} years later"
    if days >= 60:
        return f"{days // 30} months later"
    return f"{days} days later"


def date_shown(date: str | None, fetched: str | None = None) -> str:
    """An article's date as its header says it: "2019-03-04", or "written 2019-03-04" when it
    was fetched FETCHED_LATE_DAYS or more after it (its fetch time is said too: fetch_time_shown),
    so neither is taken for the other; "no date" when it has none."""
    if not date:
        return "no date"
    later = days_fetched_after(date, fetched)
    return f"written {date}" if later is not None and later >= FETCHED_LATE_DAYS else date


def fetch_time_shown(fetched: str | None, date: str | None = None) -> str | None:
    """An article's fetch time (Article.fetched, "2026-11-03T10:05:00Z") as its header says it,
    "fetched 2026-11-03 10:05 UTC": labelled, so it is not read as when it was published; with
    how long after its `date` when that is FETCHED_LATE_DAYS or more ("fetched 2026-12-01 10:05
    UTC, 7 years later"). None for an article no fetch stored."""
    if not fetched or len(fetched) < 16:
        return None
    shown = f"fetched {fetched[:10]} {fetched[11:16]} UTC"
    later = days_fetched_after(date, fetched)
    return f"{shown}, {_later_words(later)}" if later is not None and later >= FETCHED_LATE_DAYS else shown


def versions_words(left, right) -> str:
    """What `reader compare` and the compare screen say of two versions of one page `reader fetch`
    kept again (VersionPlaces): an edit, not another story nor a reprint, whatever their days."""
    return (
        f"versions of one article: version {left.number} (left) and version {right.number} (right) of "
        f"{left.count}, its page fetched again when its outlet edited it"
    )


# A URL's password ("https://ann:PASSWORD@host/feed") and the value of a query parameter that
# names a secret ("?token=…", "?api_key=…"): what curl and git hide when they show a URL. A
# subscription keeps them (the feed asks for them); every line that shows one hides them, for
# the lines go to cron's mail, a terminal's scrollback and a screen shared in a meeting.
# A scheme is matched from its first letter only (no scheme letter before it): from every "\b",
# "a.a.a…://" of 20,000 characters took 6 s, a title drawn by the app.
_URL_PASSWORD = lazy_regex.compile(r"(?i)(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*://[^/?#@\s:]*):[^/?#\s]*@")
_SECRET_PARAMETER = lazy_regex.compile(
    r"(?i)([?&;](?:access_token|api[_-]?key|apikey|auth|auth_token|client_secret|key|pass|passwd|"
    r"password|private_token|secret|sig|signature|token)=)[^&#;\s'\"]+"
)
HIDDEN = "***"
# A token in a URL's path, a key of the service rather than a name of a page: the segment after
# one named like a secret parameter ("/api/key/abcd1234/feed") when it has a digit, and a run of
# 32 or more hex digits with a letter and a digit ("/feeds/<40-hex>/rss": MD5, SHA-1, SHA-256).
# Slugs ("/2024/05/some-article-title"), dates, numeric ids and 24-digit object ids stay: they
# say which page, and the user clicks them. A user name with no password that reads as a token
# ("https://ghp_x1y2…@host/feed": 20 or more letters, digits, "_" or "-", a digit among them) is
# hidden too; "ann@" stays. The URL is matched from its scheme's first letter, as _URL_PASSWORD.
_URL_WITH_PATH = lazy_regex.compile(r"(?i)(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*://)([^/?#\s]*)(/[^?#\s'\"<>]*)?")
_SECRET_SEGMENT_NAME = lazy_regex.compile(
    r"(?i)(?:access_token|api[_-]?key|apikey|auth|auth_token|client_secret|key|pass|passwd|"
    r"password|private_token|secret|sig|signature|token)"
)
_HEX_TOKEN = lazy_regex.compile(r"(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{32,}")
_USER_TOKEN = lazy_regex.compile(r"(?=[\w-]*\d)[\w-]{20,}")


def _path_secrets_hidden(match) -> str:
    """One URL of secrets_hidden's with its user-name token and path tokens written ***."""
    scheme, authority, path = match[1], match[2], match[3] or ""
    user, at, host = authority.rpartition("@")
    if at and ":" not in user and _USER_TOKEN.fullmatch(user):
        authority = f"{HIDDEN}@{host}"
    segments = path.split("/")
    for i, segment in enumerate(segments):
        after_name = i > 0 and _SECRET_SEGMENT_NAME.fullmatch(segments[i - 1]) is not None
        word = segment.rstrip(".,;:!)]")  # a URL at the end of a sentence: its stop is no token's
        if (after_name and any(c.isdigit() for c in word)) or _HEX_TOKEN.fullmatch(word.lower()):
            segments[i] = HIDDEN + segment[len(word) :]
    return scheme + authority + "/".join(segments)


def secrets_hidden(text: str) -> str:
    """`text` with each URL's password, secret query value, token in its path and token for a
    user name written *** (a user name, a parameter's name and a slug stay: they say which
    account, which subscription and which page). The one function every shown URL goes through."""
    if "://" not in text:
        return text
    text = _URL_PASSWORD.sub(lambda m: f"{m[1]}:{HIDDEN}@", text)
    text = _URL_WITH_PATH.sub(_path_secrets_hidden, text)
    return _SECRET_PARAMETER.sub(lambda m: f"{m[1]}{HIDDEN}", text)


def secrets_hidden_in(data):
    """JSON-ready `data` (dicts, lists, strings) with secrets_hidden applied to each string: what
    `reader feed list --json` and `reader fetch --json` print (feeds.yaml keeps them)."""
    if isinstance(data, str):
        return secrets_hidden(data)
    if isinstance(data, dict):
        return {key: secrets_hidden_in(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [secrets_hidden_in(value) for value in data]
    return data


def untrusted_shown(text: str) -> str:
    """A name from outside (a file name, a config key, an argument) as every message shows it: each
    character a terminal would obey or hide written as Python writes it in a string, "\\x1b",
    "\\n", "\\u202e", and a byte that is not UTF-8 "\\xff". Made visible rather than removed
    (the escape sequence went, and "bad.txt" named no file there was) or replaced by "?" (which
    could not be typed back): `ls $'bad\\x1b[31m.txt'` finds the file, and bash, zsh and Python
    all read these escapes. The one rule for the CLI's messages (error_text) and the app's."""
    text = undecodable_shown(text)  # repr()'s "\\udcff" in a message, as the byte it was
    text = secrets_hidden(text)
    if not _NOT_SHOWN_AS_ITSELF.search(text):
        return text
    return _NOT_SHOWN_AS_ITSELF.sub(lambda m: _escaped(m.group()), text)


def shell_word(text: str) -> str:
    """`text` as one word of a bash or zsh command line that a message can name whole: quoted as
    shlex.quote does, or, when a message would show it otherwise (a line break, a bidi control, a
    byte that is not UTF-8: untrusted_shown writes them "\\n" and the like, which bash reads literally
    inside '...'), as $'...' with those escapes, which both shells read back to the same bytes."""
    import shlex

    text = secrets_hidden(text)  # a command said to cron's mail names no password (feed_key ignores it)
    if untrusted_shown(text) == text:
        return shlex.quote(text)
    out = []
    for i, char in enumerate(text):
        if char == "\\":  # "\\udc80" would be read back by undecodable_shown as a byte
            out.append("\\x5c" if text.startswith("udc", i + 1) else "\\\\")
        elif char == "'":
            out.append("\\'")
        elif _NOT_SHOWN_AS_ITSELF.match(char):  # a C1 control as its character, not its byte
            out.append(f"\\u{ord(char):04x}" if 0x80 <= ord(char) <= 0xFF else _escaped(char))
        else:
            out.append(char)
    return "$'" + "".join(out) + "'"


def reader_command(
    words: str, *, corpus: Iterable[str] = (), index: str | None = None, follow_links: bool = False
) -> str:
    """`reader [--corpus DIR]... [--index DIR] [--follow-links] WORDS`: the one builder of every
    command line a message tells the user to type (Library.command_line gives it the options a
    library was opened with), each path a shell word as shell_option writes it. `words` are the
    command and its arguments, already shell words."""
    options = [shell_option("--corpus", str(folder)) for folder in corpus]
    if index is not None:
        options.append(shell_option("--index", str(index)))
    if follow_links:
        options.append("--follow-links")
    return " ".join(["reader", *options, *([words] if words else [])])


def shell_option(option: str, value: str) -> str:
    """`--corpus PATH` for a command line a message names, or `--corpus=-news` when the value
    starts with "-": argparse read `--corpus -news` as an option with no value."""
    word = shell_word(value)  # "-x'y" quoted no longer starts with "-", but argparse sees the value
    return f"{option}={word}" if value.startswith("-") else f"{option} {word}"


def skipped_path(item, *, name_only: bool = False) -> str:
    """A skipped file's path for people ({"path"[, "path_bytes"]} as the index records it), or
    its name alone, as untrusted_shown writes it (the recorded `path` has U+FFFD for a byte that
    is not UTF-8, which names no byte, and "?" for a control character)."""
    path = str(item.get("path") or "")
    raw = item.get("path_bytes")
    if isinstance(raw, str):
        try:
            path = bytes.fromhex(raw).decode("utf-8", "surrogateescape")
        except ValueError:
            pass
    if name_only:
        path = path.replace("\\", "/").rsplit("/", 1)[-1]
    return untrusted_shown(path)


# How a list marks an article read only as an older version of it (`reader list`, and `reader fetch`
# of the new version it fetched): the read mark follows the page to its newest, unread there.
UPDATED_SINCE_READ = "  (updated since you read it)"
