"""Subscriptions: `feeds.yaml` in the config folder (format in feeds.example.yaml, shipped).

Read with yaml.safe_load; edited (add, remove) with ruamel.yaml's round-trip mode so the user's
comments and layout survive. A bad entry is reported and skipped, never fatal; a file that is not
YAML or not a mapping is a FeedsFileError (one line for the user).
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

import yaml

from reader import config, yamlsafe
from reader.fetch.http import HttpSettings
from reader.fetch.urls import feed_key
from reader.file_lock import wait_for_flock
from reader.plain_file import NotReadFile, read_settings_text
from reader.wording import HIDDEN, quoted_key, secrets_hidden

EXAMPLE = Path(__file__).with_name("feeds.example.yaml")
# A float, as every `every: 30m` parse_duration reads: `feed list --json` gave 900 for the default
# and 1800.0 for a set one (an int for one feed, a float for the next).
DEFAULT_EVERY = 15 * 60.0
ENTRY_KEYS = {"url", "outlet", "title", "every", "articles"}


class FeedsFileError(Exception):
    """A subscription problem, one line for the user. `broken`: feeds.yaml itself cannot be used
    (unreadable, not YAML, the wrong shape): a usage error, as a broken config.yaml is.
    `malformed`: the URL given is no http(s) URL at all: a usage error too (nothing was tried).
    `unknown`: the URL given is none of the subscriptions (`fetch URL`, `feed remove URL`): a name
    typed that names nothing, a usage error as an unknown --outlet or article id is."""

    def __init__(self, message: str, *, broken: bool = False, malformed: bool = False, unknown: bool = False):
        super().__init__(message)
        self.broken = broken
        self.malformed = malformed
        self.unknown = unknown

    @property
    def usage(self) -> bool:
        """Whether this is the user's mistake in what they typed or wrote (exit status 2)."""
        return self.broken or self.malformed or self.unknown


class AlreadySubscribed(FeedsFileError):
    """The feed is a subscription already (however its URL is spelled): `subscription` is the one
    feeds.yaml holds. Nothing was changed: `feed add` takes it as done, as `mkdir -p` does."""

    def __init__(self, subscription: Subscription):
        super().__init__(f"already subscribed: {subscription.url}")
        self.subscription = subscription


@dataclass(frozen=True)
class Subscription:
    url: str
    outlet: str | None = None  # given by the user
    title: str | None = None  # the feed's own title, noted by `feed add`
    every: float = DEFAULT_EVERY  # seconds
    articles: bool = True  # fetch each entry's page (else keep the feed's text)

    def to_dict(self) -> dict:
        return {
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "every": self.every,
            "articles": self.articles,
        }


@dataclass
class Subscriptions:
    feeds: list[Subscription]
    settings: HttpSettings
    problems: list[str]
    path: Path


def feeds_path() -> Path:
    return config.config_dir() / "feeds.yaml"


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNITS = {"": 60, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value) -> float:
    """Seconds from "90s", "30m", "2h", "1d" or a bare number of minutes; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        return float(value) * 60
    match = _DURATION.match(str(value))
    if not match:
        raise ValueError(value)
    return float(match[1]) * _UNITS[match[2].lower()]


def _at(path: Path, line: int | None) -> str:
    """How a problem of feeds.yaml starts: the file's path, and its line when known."""
    return f"{path}: line {line}" if line else str(path)


def _did_you_mean(key: object, known: Iterable[str]) -> str:
    """ " (did you mean 'title'?)" for a key a letter or two off a known one, else ""."""
    import difflib

    close = difflib.get_close_matches(str(key).lower(), sorted(known), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _kind_of(value: object) -> str:
    """What a YAML value is, in words, for "must be a list, not a text"."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return f"the text {str(value)[:60]!r}"


def _settings(raw, problems: list[str], path: Path, text: str = "") -> HttpSettings:
    settings = HttpSettings()
    if raw is None:
        return settings
    if not isinstance(raw, dict):
        line = yamlsafe.key_line(text, "settings")
        problems.append(
            f"{_at(path, line)}: 'settings' must be a mapping (one 'name: value' line each, indented under it), "
            f"not {_kind_of(raw)}; defaults used"
        )
        return settings
    fields = {f.name: f for f in dataclasses.fields(HttpSettings)}
    lines: dict | None = None  # each key's line, read (a second parse) only for a problem's message

    def where(key) -> str:
        nonlocal lines
        if lines is None:
            lines = yamlsafe.mapping_lines(text, "settings")
        return _at(path, lines.get(str(key)))

    for key, value in raw.items():
        field = fields.get(str(key))
        if field is None:
            hint = _did_you_mean(key, fields) or f" (the settings are {', '.join(fields)})"
            problems.append(f"{where(key)}: unknown setting {quoted_key(key)} ignored{hint}")
            continue
        kind = int if field.type in ("int", int) else float
        try:
            if isinstance(value, bool):
                raise ValueError
            number = kind(value)
            if number < 0 or (key in ("per_host", "workers") and number < 1):
                raise ValueError
        except (TypeError, ValueError):
            if key in ("per_host", "workers"):
                least = "a whole number, 1 or more"
            else:
                least = "a number of seconds, 0 or more" if kind is float else "a whole number, 0 or more"
            problems.append(f"{where(key)}: setting {key!r} must be {least}, not {_kind_of(value)}; default used")
            continue
        setattr(settings, key, number)
    return settings


LABEL_MAX = 200  # characters of an outlet name or a feed title kept in feeds.yaml


def subscription_label(value: object) -> str | None:
    """An outlet name or a feed title as feeds.yaml keeps it, read or written, and as a fetch
    stores it (a feed's title, a page's og:site_name): a name as the corpus's loader reads it
    (clean.loaded_name: one line, no control, bidi control, soft hyphen, BOM or other invisible
    character, combining marks capped), since the name is what articles are grouped and
    --outlet matched by: U+202E or a soft hyphen in it made a second outlet that every line shows
    as the first one. None when nothing is left. Read again, a label is the same label: the cut
    at LABEL_MAX may leave a joiner with nothing to join, which the loader would drop."""
    from reader.corpus.clean import loaded_name

    return loaded_name(loaded_name(str(value))[:LABEL_MAX]) or None


def holds_controls(url: str) -> bool:
    """Whether `url` holds a control or format character (an escape sequence, a bidi control):
    never part of a URL (RFC 3986 and 3987 have them percent-encoded), and dropped by every line
    that shows one, so that two subscriptions would look the same."""
    return any(unicodedata.category(char) in ("Cc", "Cf") for char in url)


def _entry(
    raw, number: int, problems: list[str], line: int | None = None, path: Path | None = None
) -> Subscription | None:
    where = f"{_at(path or Path('feeds.yaml'), line)}: feed {number}"
    if isinstance(raw, str):
        raw = {"url": raw}
    if not isinstance(raw, dict):
        problems.append(f"{where}: expected '- url: https://…' (and options), not {_kind_of(raw)}; skipped")
        return None
    url = raw.get("url")
    if not isinstance(url, str) or not re.match(r"^https?://\S+$", url.strip(), re.I):
        if url is None:
            problems.append(f"{where}: has no 'url: https://…'; skipped")
            return None
        problems.append(
            f"{where}: 'url' must be an http(s) URL such as https://example.com/feed.xml, not {_kind_of(url)}; skipped"
        )
        return None
    if holds_controls(url):
        problems.append(f"{where}: 'url' holds control characters; skipped")
        return None
    invalid = _invalid_url(url.strip())
    if invalid:  # `http://[::1/x` was listed, and each fetch failed with "ValueError: Invalid IPv6 URL"
        problems.append(f"{where}: 'url' is not a valid URL ({invalid}); skipped")
        return None
    unknown = [k for k in raw if k not in ENTRY_KEYS]
    if unknown:
        unknown.sort(key=str)
        hints = [_did_you_mean(k, ENTRY_KEYS) for k in unknown]
        shown = ", ".join(quoted_key(k) + hint for k, hint in zip(unknown, hints))
        takes = "" if all(hints) else f" (an entry takes {', '.join(sorted(ENTRY_KEYS))})"
        problems.append(f"{where}: unknown keys ignored: {shown[:160]}{takes}")
    every: float = DEFAULT_EVERY
    if raw.get("every") is not None:
        try:
            every = parse_duration(raw["every"])
        except ValueError:
            problems.append(f"{where}: 'every' must look like 30m, 2h or 1d; 15m used")
    articles = raw.get("articles", True)
    if not isinstance(articles, bool):
        problems.append(f"{where}: 'articles' must be true or false; true used")
        articles = True
    outlet = raw.get("outlet")
    title = raw.get("title")
    return Subscription(
        url=url.strip(),
        outlet=subscription_label(outlet) if outlet is not None else None,
        title=subscription_label(title) if title is not None else None,
        every=every,
        articles=articles,
    )


def _invalid_url(url: str) -> str | None:
    """Why an http(s) URL cannot be asked for (no host, a bad port, an unclosed [), else None."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        if not parts.hostname or parts.port == 0:  # .port raises ValueError for a bad one
            return "no host, or port 0"
    except ValueError as exc:
        return str(exc)[:80]
    return None


def load_subscriptions(path: Path | None = None) -> Subscriptions:
    path = path or feeds_path()
    if path.is_dir():  # not "no subscriptions yet": the file cannot be where the folder is
        raise FeedsFileError(
            f"{path}: is a folder, not a file; subscriptions go in a file of that name: move the folder away",
            broken=True,
        )
    if not path.exists():
        return Subscriptions([], HttpSettings(), [], path)
    try:
        # Checked on the open file: a named pipe (reading it waited forever), a device, a socket
        # or a huge file, even one put there since, is said and not read.
        text = read_settings_text(path)
    except NotReadFile as exc:
        raise FeedsFileError(f"{exc}; move it away", broken=True) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FeedsFileError(f"cannot read {path}: {_unreadable(exc, path)}", broken=True) from None
    return _read(text, path)


def _unreadable(exc: OSError | UnicodeDecodeError, path: Path) -> str:
    """Why feeds.yaml could not be read, and what to do."""
    if isinstance(exc, PermissionError):
        return f"permission denied; let your user read and write it (chmod u+rw {path})"
    return yamlsafe.unreadable(exc)


def _read(text: str, path: Path) -> Subscriptions:
    """load_subscriptions of a text (feeds.yaml's, or what an edit would write into it)."""
    problems: list[str] = []
    try:
        data = yamlsafe.load(text)  # bounded: no alias bombs
    except yaml.YAMLError as exc:
        # As for config.yaml: the line, the column and the parser's reason.
        raise FeedsFileError(
            f"{yamlsafe.broken_said(path, exc, text)}; fix it there (no feed is read until it is)",
            broken=True,
        ) from None
    if data is None:
        data = {}
    # Two `settings:` lines, or an entry's `outlet:` written twice: YAML keeps the last unsaid.
    problems.extend(yamlsafe.repeated_key_said(path, *found) for found in yamlsafe.repeated_keys(text))
    if not isinstance(data, dict):
        raise FeedsFileError(
            f"{_at(path, _first_line(text))}: expected 'feeds:' (and 'settings:') at the top level, not "
            f"{_kind_of(data)}; put the '- url: …' entries under a 'feeds:' line",
            broken=True,
        )
    raw_feeds = data.get("feeds") or []
    if not isinstance(raw_feeds, list):
        raise FeedsFileError(
            f"{_at(path, yamlsafe.key_line(text, 'feeds'))}: 'feeds' must be a list, one '- url: https://…' "
            f"line each, not {_kind_of(raw_feeds)}",
            broken=True,
        )
    feeds: list[Subscription] = []
    seen: dict[str, tuple[int, int | None]] = {}  # canonical URL -> (its feed number, its line)
    # Each entry's line, for its problems: "feed 7" alone left one counting entries by hand.
    lines = yamlsafe.item_lines(text, "feeds") if raw_feeds else []
    for number, raw in enumerate(raw_feeds, 1):
        line = lines[number - 1] if len(lines) == len(raw_feeds) else None
        entry = _entry(raw, number, problems, line, path)
        if entry is None:
            continue
        key = feed_key(entry.url)
        if key in seen:
            first, first_line = seen[key]
            at = f" (line {first_line})" if first_line else ""
            problems.append(
                f"{_at(path, line)}: feed {number} repeats {entry.url[:200]}, feed {first}{at}: "
                "remove one of the two; skipped"
            )
            continue
        seen[key] = (number, line)
        feeds.append(entry)
    unknown = [k for k in data if k not in ("feeds", "settings")]
    for key in sorted(unknown, key=str)[:5]:
        line = yamlsafe.key_line(text, key) if isinstance(key, str) else None
        problems.append(
            f"{_at(path, line)}: unknown top-level key {quoted_key(key)[:120]} ignored"
            f"{_did_you_mean(key, ('feeds', 'settings'))} (the file takes 'feeds' and 'settings')"
        )
    return Subscriptions(feeds, _settings(data.get("settings"), problems, path, text), problems, path)


def _first_line(text: str) -> int | None:
    """The line (from 1) of the first thing a YAML text holds (past comments and blank lines)."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith(("#", "---", "%")):
            return number
    return None


# -- editing ------------------------------------------------------------------------------------
def _round_trip():
    from ruamel.yaml import YAML

    rt = YAML()
    rt.preserve_quotes = True
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.width = 4096
    return rt


def _round_trip_load(rt, text: str, path: Path):
    """feeds.yaml as ruamel reads it for an edit. A key set twice (two `settings:`) is a usage
    error naming both lines: ruamel refuses it, which crashed `feed remove` with a traceback and
    had `feed add` say only "while constructing a mapping"; which of the two to keep is the
    user's to say."""
    repeated = yamlsafe.repeated_keys(text)
    if repeated:
        said = yamlsafe.repeated_key_said(path, *repeated[0])
        raise FeedsFileError(f"{said}; remove one of the two, then try again (nothing was changed)", broken=True)
    return rt.load(text)


def _write_atomically(path: Path, text: str) -> None:
    from reader import plain_file
    from reader.fetch.store import write_atomically

    data = text.encode("utf-8")
    # Never a file every later `feed` and `fetch` refuses ("more than the 8 MiB a settings file
    # may be; move it away"): an import of 100,000 feeds wrote one of 14.7 MB.
    if len(data) > plain_file.MAX_SETTINGS_BYTES:
        raise FeedsFileError(
            f"cannot write {path}: it would be {len(data):,} bytes, more than the "
            f"{plain_file.MAX_SETTINGS_BYTES:,} reader reads back from it; subscribe to fewer feeds"
        )
    write_atomically(path, data)


# How long an edit waits for another process's edit of feeds.yaml (each takes milliseconds).
EDIT_WAIT = 10.0


@contextmanager
def _editing(path: Path) -> Iterator[None]:
    """Hold the edit lock of feeds.yaml (an flock on its folder: no lock file is left in the
    config folder): two `reader feed add` at once each read the file, added their feed and wrote
    it back, and the first one's subscription was lost."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise FeedsFileError(f"cannot edit {path}: {exc.strerror or exc}") from None
    try:
        if not wait_for_flock(fd, EDIT_WAIT, poll=0.02):
            raise FeedsFileError(f"another reader process is editing {path}; try again when it has finished")
        yield
    finally:
        os.close(fd)  # releases the lock


def add_subscription(
    url: str, *, outlet: str | None = None, title: str | None = None, path: Path | None = None
) -> Subscription:
    """Append a feed to feeds.yaml (created from the commented example when absent).
    AlreadySubscribed when it is already there, FeedsFileError when the file cannot be edited."""
    added, already = add_subscriptions([Subscription(url=url, outlet=outlet, title=title)], path=path)
    if already:
        raise AlreadySubscribed(subscribed_as(already[0], load_subscriptions(path).feeds) or Subscription(already[0]))
    return added[0]


def near_twins(url: str, feeds: list[Subscription]) -> list[str]:
    """The subscriptions other than `url` whose address differs from it only by a trailing "/"
    or the letter case of its path ("…/rss" and "…/rss/", "…/RSS"): most often one feed added
    twice, which a server may yet serve apart, so they stay two, and the user is told."""

    def loose(key: str) -> str:
        head, _, query = key.partition("?")
        return f"{head.rstrip('/').lower()}?{query}"

    key = feed_key(url)
    return [feed.url for feed in feeds if (other := feed_key(feed.url)) != key and loose(other) == loose(key)]


def subscribed_as(url: str, feeds: list[Subscription]) -> Subscription | None:
    """The subscription among `feeds` that is the feed of `url` however it is spelled, or None."""
    key = feed_key(url)
    found = next((feed for feed in feeds if feed_key(feed.url) == key), None)
    if found is None:  # as reader prints it, its secrets "***"
        # Two feeds whose tokens alone differ print alike: neither is the one meant.
        alike = printed_alike(url, feeds)
        found = alike[0] if len(alike) == 1 else None
    return found


def printed_alike(url: str, feeds: Iterable[Subscription]) -> list[Subscription]:
    """The subscriptions among `feeds` that reader prints as `url` (its secrets "***"); none when
    `url` hides nothing."""
    if HIDDEN not in url:
        return []
    key = feed_key(url)
    return [feed for feed in feeds if feed_key(secrets_hidden(feed.url)) == key]


def add_subscriptions(wanted: list[Subscription], *, path: Path | None = None) -> tuple[list[Subscription], list[str]]:
    """Append many feeds to feeds.yaml in one edit (an OPML import: one rewrite, not one per feed).
    (the subscriptions added, the subscriptions there before that some of `wanted` repeat); a
    repeat within `wanted` (an OPML file naming a feed in two folders) is added once."""
    path = path or feeds_path()
    labelled = [
        dataclasses.replace(
            feed,
            outlet=subscription_label(feed.outlet) if feed.outlet else None,
            title=subscription_label(feed.title) if feed.title else None,
        )
        for feed in wanted
    ]
    with _editing(path):
        return _add_many(labelled, path)


def _add_many(wanted: list[Subscription], path: Path) -> tuple[list[Subscription], list[str]]:
    current = load_subscriptions(path)
    known = {feed_key(feed.url): feed.url for feed in current.feeds}
    before = set(known)
    added: list[Subscription] = []
    already: list[str] = []
    for feed in wanted:
        key = feed_key(feed.url)
        if key in known:
            if key in before and known[key] not in already:  # a feed an OPML file names twice: once
                already.append(known[key])
            continue
        known[key] = feed.url
        added.append(feed)
    if not added:
        return added, already
    if not path.is_file():
        text = EXAMPLE.read_text(encoding="utf-8") + "\nfeeds:\n"
    else:
        text = read_settings_text(path)
    rt = _round_trip()
    try:
        data = _round_trip_load(rt, text, path)
    except FeedsFileError:
        raise
    except Exception as exc:  # ruamel raises many kinds; safe_load above already vetted the file
        raise FeedsFileError(f"cannot edit {path}: {str(exc).splitlines()[0] if str(exc) else exc}") from None
    if data is None:
        # Nothing but comments (every entry commented out, say): they stay, above the new list.
        data = rt.load(text.rstrip() + "\n\nfeeds:\n")
    if data.get("feeds") is None:
        from ruamel.yaml.comments import CommentedSeq

        data["feeds"] = CommentedSeq()
    for feed in added:
        entry: dict = {"url": feed.url}
        if feed.outlet:
            entry["outlet"] = feed.outlet
        if feed.title:
            entry["title"] = feed.title
        data["feeds"].append(entry)
    out = io.StringIO()
    rt.dump(data, out)
    # ruamel can misplace what sits around a comment: never write a file that reads otherwise.
    written = _loaded(out.getvalue(), path)
    if written is None or [f.url for f in written] != [*(f.url for f in current.feeds), *(f.url for f in added)]:
        what = added[0].url if len(added) == 1 else f"{len(added)} feeds"
        raise FeedsFileError(
            f"cannot add {what} to {path} safely: add {'its entry' if len(added) == 1 else 'their entries'} by hand"
        )
    _write_atomically(path, out.getvalue())
    return added, already


TYPO_LETTERS = 3  # letters added, dropped or changed in a URL mistyped (http for https is 1)


def _letters_changed(matcher) -> int:
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def not_subscribed(url: str, feeds) -> str:
    """'not subscribed: URL', with the one subscription it was probably meant to be (a letter
    off, http for https) as a "did you mean". The likeness of whole URLs is mostly their shared
    site: ".../gone", just removed, was "did you mean .../huge.xml?"; a typo is a few letters."""
    import difflib

    asked = feed_key(url)
    scored = sorted(
        (
            (matcher.ratio(), feed.url)
            for feed in feeds
            if _letters_changed(matcher := difflib.SequenceMatcher(None, asked, feed_key(feed.url))) <= TYPO_LETTERS
        ),
        reverse=True,
    )
    best = scored[0] if scored and scored[0][0] >= 0.8 else None
    if best is not None and len(scored) > 1 and scored[1][0] == best[0]:
        best = None  # two as close: neither is the one meant
    from reader.wording import Command, counted, said, shell_word

    feeds = list(feeds)
    if len(alike := printed_alike(url, feeds)) > 1:  # their tokens alone differ: which one is not known
        return said(
            f"{len(alike)} feeds print as {url}, their tokens hidden: give the one meant by its URL in feeds.yaml"
        )
    if best is not None:
        return said(f"not subscribed: {url}; did you mean {best[1]}?")
    if not feeds:  # "not subscribed" alone left a newcomer to guess how one subscribes
        return said(
            f"not subscribed: {url}; you follow no feed yet: ",
            Command(f"reader feed add {shell_word(url)}"),
            " subscribes",
        )
    return said(f"not subscribed: {url} (", Command("reader feed list"), f" lists your {counted(len(feeds), 'feed')})")


def _loaded(text: str, path: Path) -> list[Subscription] | None:
    """The subscriptions an edited text holds (None when it does not read at all)."""
    try:
        return _read(text, path).feeds
    except FeedsFileError:
        return None


def _entry_url(raw) -> str | None:
    url = raw if isinstance(raw, str) else raw.get("url") if hasattr(raw, "get") else None
    return url.strip() if isinstance(url, str) else None


def _cut_entries(text: str, feeds, positions: list[int]) -> str | None:
    """`text` without the lines of the list entries at `positions` (the comments around them
    stay where they are), or None when an entry is not laid out as a block item ("- url: ...")."""
    lines = text.splitlines(keepends=True)
    cut: set[int] = set()
    for position in positions:
        try:
            first, _column = feeds.lc.item(position)
        except (AttributeError, KeyError, IndexError, TypeError):
            return None
        if first >= len(lines) or not lines[first].lstrip().startswith("- "):
            return None  # a flow list ([a, b]) or a dash on a line of its own
        indent = len(lines[first]) - len(lines[first].lstrip())
        last = first
        for number in range(first + 1, len(lines)):
            content = lines[number].strip()
            if not content or content.startswith("#"):
                continue  # a comment after the entry stays; one inside it goes with it
            if len(lines[number]) - len(lines[number].lstrip()) <= indent:
                break
            last = number
        cut.update(range(first, last + 1))
    return "".join(line for number, line in enumerate(lines) if number not in cut)


def _same_but(text: str, original, positions: list[int]) -> bool:
    """Whether `text` reads as `original` without the feeds at `positions`."""
    try:
        data = yamlsafe.load(text)
    except yaml.YAMLError:
        return False
    expected = dict(original)
    expected["feeds"] = [raw for n, raw in enumerate(original["feeds"]) if n not in positions]
    return isinstance(data, dict) and {**data, "feeds": data.get("feeds") or []} == expected


def remove_subscription(
    url: str, *, path: Path | None = None, before_write: Callable[[Subscription], None] | None = None
) -> Subscription:
    """Remove a feed (matched by its canonical URL; a repeat of it too) from feeds.yaml, cutting
    its lines out of the text so everything else stays as written; FeedsFileError when absent.
    `before_write` is called with the feed once the edit is known to be safe, before feeds.yaml
    is written (what goes with the subscription is dropped first: see fetch.remove_feed)."""
    path = path or feeds_path()
    with _editing(path):
        return _remove(url, path, before_write)


def _remove(url: str, path: Path, before_write: Callable[[Subscription], None] | None = None) -> Subscription:
    current = load_subscriptions(path)
    match = subscribed_as(url, current.feeds)  # as typed, or as reader printed it ("?token=***")
    if match is None:
        raise FeedsFileError(not_subscribed(url, current.feeds), unknown=True)
    key = feed_key(match.url)
    text = read_settings_text(path)
    original = yamlsafe.load(text)
    rt = _round_trip()
    data = _round_trip_load(rt, text, path)
    feeds = data["feeds"]
    positions = [n for n, raw in enumerate(feeds) if (found := _entry_url(raw)) and feed_key(found) == key]
    edited = _cut_entries(text, feeds, positions)
    if edited is None or not _same_but(edited, original, positions):
        # ruamel's own dump (a flow list): it can misplace a comment, so its output is checked too.
        for position in reversed(positions):
            del feeds[position]
        out = io.StringIO()
        rt.dump(data, out)
        edited = out.getvalue()
        if not _same_but(edited, original, positions):
            raise FeedsFileError(f"cannot remove {match.url} from {path} safely: remove its entry by hand")
    if before_write is not None:
        before_write(match)
    _write_atomically(path, edited)
    return match
