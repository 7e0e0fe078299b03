"""The outlets registry: names, aliases, domains, signature phrases and boilerplate rules.

The registry is YAML shipped in the package (outlets.yaml, whose header documents the format),
merged with the user's own <config dir>/outlets.yaml. A broken user file never raises: its
problems are collected in `Registry.problems` (one line each) and the shipped rules are used.
No UI imports here.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import threading
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from typing import TYPE_CHECKING, Any, TypeGuard

from reader import config
from reader.corpus.decode import strip_controls, without_invisible_in_names
from reader.plain_file import NotReadFile, read_settings_text
from reader.safe_write import remove_dead_writers_temps
from reader.wording import described, quoted_key
from reader import lazy_regex
from reader.lazy_regex import LazyPattern

if TYPE_CHECKING:
    import yaml  # imported when a file is parsed (_read_yaml), not by every process

SHIPPED_PATH = Path(__file__).with_name("outlets.yaml")
RULE_KINDS = ("drop_lines", "teaser", "appeal", "cut")
_METACHARS = r"[\\\[\](){}.*+?^$|]"
SIGNATURE_WINDOW = 10_000  # characters searched for signatures at each end of a long text


class RegistryError(Exception):
    """The shipped registry itself is unusable (a packaging bug, not a user error)."""


@dataclass
class Rules:
    """Compiled boilerplate rules of one kind set (the generic ones, or one outlet's)."""

    drop_lines: list[re.Pattern] = field(default_factory=list)
    teaser: list[re.Pattern] = field(default_factory=list)
    appeal: list[re.Pattern] = field(default_factory=list)
    cut: list[re.Pattern] = field(default_factory=list)


@dataclass
class Outlet:
    name: str
    aliases: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    signatures: list[re.Pattern] = field(default_factory=list)
    rules: Rules = field(default_factory=Rules)
    leaning: str | None = None  # the user's own label (left, center, ...); we ship none


@lru_cache(maxsize=4096)  # merging the registry asks for each outlet's keys many times
def name_key(name: str) -> str:
    """A comparison key for outlet names: case, accents, punctuation and a leading "the" ignored."""
    text = unicodedata.normalize("NFKD", without_invisible_in_names(name)).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w]+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    return text.replace(" ", "")


def joined_spellings(name: str, registry: Registry | None = None) -> list[str]:
    """An outlet's name written as one word, as people and addresses write it ("Fox News" is
    foxnews, "The New York Times" newyorktimes, "Al-Jazeera" aljazeera: name_key), and so the
    registry's name and aliases for it: a one-word alias of three letters or more (NYTimes, AJE;
    not a domain such as nytimes.com, nor MT, which "Mt Everest" would find), and an alias of
    several words joined (huffingtonpost, latimes, foxbusiness), each once. A several-word
    alias's own words are not: "business" (Fox Business, an alias of Fox News) names other
    outlets too, and "The Observer" would be "observer"."""
    labels = [name]
    registered = (registry or default_registry()).get(name)
    if registered is not None:
        labels.append(registered.name)
        for alias in registered.aliases:
            several = len(re.findall(r"\w+", re.sub(r"^the\s+", "", alias.casefold()))) > 1
            one_word = len(alias.split()) == 1 and "." not in alias
            # Two letters are a word of text too often: MT (Mt Everest), FT (10 ft), AP, BI.
            if (one_word and len(name_key(alias)) > 2) or (" " in alias.strip() and several):
                labels.append(alias)
    return list(dict.fromkeys(key for key in map(name_key, labels) if key))


def host_of(url: str) -> str | None:
    """The lower-case host name of a URL (a bare "example.com/path" works too), or None."""
    if not url or not isinstance(url, str):
        return None
    text = url.strip()
    if "://" not in text:
        if text.startswith("//"):
            text = "http:" + text
        else:
            text = "http://" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.lower().rstrip(".")


# A Wayback Machine copy's path: /web/<when>/<the page's own URL>.
_WAYBACK_PATH = lazy_regex.compile(r"/web/[0-9a-z_*]+/(.+)", re.I)
# Hosts that serve other sites' pages (archives, link shorteners, feed and AMP proxies, search
# and social redirects): their name is no outlet's.
_NOT_A_SITE = (
    "archive.org",
    "archive.ph",
    "archive.today",
    "archive.is",
    "archive.li",
    "news.google.com",
    "feedproxy.google.com",
    "feeds.feedburner.com",
    "ampproject.org",
    "t.co",
    "bit.ly",
    "ow.ly",
    "tinyurl.com",
    "lnkd.in",
    "l.facebook.com",
    "out.reddit.com",
)
# Labels that name a version of a site, not another site: www.example.com is example.com.
_VERSION_LABELS = ("www", "m", "amp", "mobile")


# Hosts that keep many sites, each under a path of its own, where the Public Suffix List (which
# names sites by host: jane.blogspot.com) cannot tell them apart: such a site is named by the host
# and the path that makes it ("sites.google.com/view/jane", not "google.com" for every site there).
# The path's pattern, matched from the path's start, without case; a name keeps only the
# characters these platforms allow in one (no escape, no control: a hostile path names the host).
_PATH_SITES = {
    # Google Sites: /view/<site> (new Sites), /site/<site> (classic), /a/<domain>/<site> (classic, a
    # Workspace domain's)
    "sites.google.com": lazy_regex.compile(
        r"/(view/[a-z0-9_-]{1,100}|site/[a-z0-9_-]{1,100}|a/[a-z0-9.-]{1,253}/[a-z0-9_-]{1,100})(?=/|\Z)", re.I
    ),
    # a writer's profile and posts: medium.com/@jane/..., substack.com/@jane/p-123 (a writer's own
    # subdomain, jane.medium.com, is named by registrable.py)
    "medium.com": lazy_regex.compile(r"/(@[a-z0-9_.]{1,100})(?=/|\Z)", re.I),
    "substack.com": lazy_regex.compile(r"/(@[a-z0-9_.-]{1,100})(?=/|\Z)", re.I),
    # a blog's post on Tumblr's own host: www.tumblr.com/<blog>/<post number>
    "tumblr.com": lazy_regex.compile(r"/([a-z0-9-]{1,32})(?=/[0-9]{1,20}(?:/|\Z))", re.I),
}


def page_host(url: str) -> str | None:
    """host_of the page a URL shows: a Wayback Machine copy's is the archived page's
    (web.archive.org/web/2020/https://www.foxnews.com/... is on www.foxnews.com)."""
    archived = _archived_url(url)
    return host_of(archived) if archived else host_of(url)


def _archived_url(url: str) -> str | None:
    """The archived page's URL in a Wayback Machine copy's, else None."""
    if host_of(url) not in ("web.archive.org", "wayback.archive.org"):
        return None
    archived = _WAYBACK_PATH.fullmatch(urlsplit(url.strip() if "://" in url else "http://" + url.strip()).path)
    return archived.group(1) if archived else None


# A scheme before its colon ("javascript:", "mailto:"), not a host's port ("example.com:8080").
_SCHEME = lazy_regex.compile(r"([a-z][a-z0-9+.-]*):(?![0-9])", re.I)
# A host's label as DNS writes it (an underscore is seen in the wild), and a top-level domain:
# letters, never digits alone (0x7f.1 and 192.168.1.20 are addresses, not names).
_LABEL = lazy_regex.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_TOP_LEVEL = lazy_regex.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
# A country's second level that is no site (www.co.uk is not the site "co.uk").
_COUNTRY_SECOND_LEVEL = ("co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go")


def site_name(url_or_host: str | None, registry: Registry | None = None) -> str | None:
    """The site a page is on, as a reader names it where the registry names no outlet: its host
    without "www." ("example.com"); None for a host that serves other sites' pages (an archive, a
    link shortener, an AMP cache), an IP address, a name with no dot or that DNS would not take
    (spaces, "%", a backslash, bidi controls), or an address that is no web page's (file:,
    javascript:, mailto:). A subdomain is the site of its registrable domain (news.example.co.uk
    and www.example.co.uk are example.co.uk), but for one `registry` (default: the user's) names
    an outlet by. An international name is shown as written where its letters are
    Latin ("café.fr", whether written so or as xn--caf-dma.fr); else in its ASCII form, which
    a look-alike cannot fake ("exаmple.com" with a Cyrillic "а" is xn--exmple-4nf.com)."""
    if not url_or_host or not _web_address(url_or_host):
        return None
    host = _ascii_host(page_host(url_or_host))
    if host is None or any(host == other or host.endswith("." + other) for other in _NOT_A_SITE):
        return None
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in _VERSION_LABELS and not _country_second_level(labels[1:]):
        labels = labels[1:]
    under_path = _site_under_path(".".join(labels), url_or_host, registry)
    if under_path is not None:
        return under_path
    if len(labels) > 2:  # a subdomain: the site is its registrable domain, unless the registry knows it
        labels = _site_labels(".".join(labels), registry).split(".")
    return ".".join(_readable(label) for label in labels)


def _site_under_path(host: str, url: str, registry: Registry | None) -> str | None:
    """The site a page is on where its host keeps many sites under paths (_PATH_SITES:
    "sites.google.com/view/jane", "medium.com/@jane"), in lower case; None for another host, a
    path that names no site there, or a host the registry names an outlet by."""
    pattern = _PATH_SITES.get(host)
    if pattern is None:
        return None
    found = pattern.match(_page_path(url))
    if found is None or (registry or default_registry()).known_domain(host) is not None:
        return None
    return f"{host}/{found.group(1).lower()}"


def _page_path(url: str) -> str:
    """The path of the page a URL shows (a Wayback Machine copy's: the archived page's), "" for
    a bare host or an address urlsplit cannot take."""
    text = (_archived_url(url) or url).strip()
    if "://" not in text:
        text = ("http:" if text.startswith("//") else "http://") + text
    try:
        return urlsplit(text).path
    except ValueError:
        return ""


def _site_labels(host: str, registry: Registry | None) -> str:
    """The site of a host with a subdomain: its registrable domain (edition.cnn.com is cnn.com,
    news.example.co.uk is example.co.uk), or a longer domain the registry names an outlet by
    (abcnews.go.com, ABC News, not go.com); the host itself when the Public Suffix List knows
    none of its ends (example.test)."""
    from reader.corpus.registrable import registrable_domain

    domain = registrable_domain(host)
    if domain is None:
        return host
    known = (registry or default_registry()).known_domain(host)
    return known if known is not None and len(known) > len(domain) else domain


def _web_address(url_or_host: str) -> bool:
    """Whether a URL (or a bare host) can be a web page's: http(s), or no scheme at all."""
    text = url_or_host.strip()
    scheme = _SCHEME.match(text)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return False
    authority = text.split("//", 1)[1] if "//" in text else text
    return "\\" not in authority.split("/", 1)[0]  # a browser reads "\\" as "/": another host


def _ascii_host(host: str | None) -> str | None:
    """`host` as DNS spells it (IDNA: "café.fr" is xn--caf-dma.fr), or None if it is no name."""
    if not host or len(host) > 253:
        return None
    try:
        spelled = host.encode("idna").decode("ascii").lower()
        for label in spelled.split("."):
            if label.startswith("xn--"):
                label.encode("ascii").decode("idna")  # a label no name encodes to
    except UnicodeError:
        return None
    labels = spelled.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return None
    return spelled if _TOP_LEVEL.fullmatch(labels[-1]) else None


def _country_second_level(labels: list[str]) -> bool:
    return len(labels) == 2 and labels[0] in _COUNTRY_SECOND_LEVEL and len(labels[1]) == 2


def _readable(label: str) -> str:
    """An ASCII label, or an international one as written where each of its letters is a Latin
    letter with or without accents; else its xn-- form, so that no look-alike passes as ASCII."""
    if not label.startswith("xn--"):
        return label
    written = label.encode("ascii").decode("idna")
    latin = all(ch.isascii() or unicodedata.normalize("NFKD", ch)[0] in _ASCII_LETTERS for ch in written)
    return written if latin else label


_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _has_top_level_alternation(pattern: str) -> bool:
    """Whether `pattern` has a "|" outside every group (then no prefix of it is mandatory)."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "|" and depth == 0:
            return True
        i += 1
    return False


class Registry:
    def __init__(self, outlets: list[Outlet], generic: Rules, problems: list[str] | None = None):
        self.outlets = outlets
        self.generic = generic
        self.problems = list(problems or [])
        # Plain-text signatures are counted with a substring search on the case-folded text
        # (many times faster than a case-insensitive regex scan); the others stay regexes.
        self._signature_plan: list[tuple[Outlet, list[str], list[tuple[str, re.Pattern]]]] = []
        for outlet in outlets:
            literals: list[str] = []
            patterns: list[tuple[str, re.Pattern]] = []
            for pattern in outlet.signatures:
                core = re.sub(r"^\\b|\\b$", "", pattern.pattern)
                if core and not re.search(_METACHARS, core):
                    literals.append(core.casefold())
                    continue
                # a pattern's plain prefix must occur for it to match: a cheap test first
                plain = re.match(rf"(?:(?!{_METACHARS}).)*", core)  # matches, if only ""
                prefix = plain.group(0) if plain else ""
                if core[len(prefix) : len(prefix) + 1] in ("*", "?", "{"):
                    prefix = prefix[:-1]
                usable = len(prefix.strip()) >= 4 and not _has_top_level_alternation(core)
                needle = prefix.casefold() if usable else ""
                patterns.append((needle, pattern))
            self._signature_plan.append((outlet, literals, patterns))
        self._by_key: dict[str, Outlet] = {}
        # Each domain's outlet (the first that has it), as _by_key is: a host is looked up by its
        # suffixes, not against every outlet's every domain (a byline's words are looked up so,
        # a dozen a file: a tenth of loading a folder of tiny notes).
        self._by_domain: dict[str, Outlet] = {}
        for outlet in outlets:
            for label in [outlet.name, *outlet.aliases, *outlet.domains]:
                self._by_key.setdefault(name_key(label), outlet)
            for domain in outlet.domains:
                self._by_domain.setdefault(domain, outlet)

    # -- look-ups ---------------------------------------------------------------------------
    def get(self, name: str | None) -> Outlet | None:
        """The outlet called `name` (its name, an alias or a domain, spelled loosely), or None."""
        if not name or not isinstance(name, str):
            return None
        key = name_key(name)
        if key in self._by_key:
            return self._by_key[key]
        host = host_of(name) if "." in name else None
        return self.from_host(host) if host else None

    def canonical(self, name: str | None) -> str | None:
        """The registry's name for `name`; an unknown outlet keeps its own name, tidied."""
        if name is None:
            return None
        tidy = " ".join(without_invisible_in_names(str(name)).split())
        if not tidy:
            return None
        outlet = self.get(tidy)
        return outlet.name if outlet else tidy

    def from_host(self, host: str | None) -> Outlet | None:
        found = self._longest_domain(host)
        return found[1] if found else None

    def known_domain(self, host: str | None) -> str | None:
        """The longest of the registry's domains that `host` is or is under, or None."""
        found = self._longest_domain(host)
        return found[0] if found else None

    def _longest_domain(self, host: str | None) -> tuple[str, Outlet] | None:
        """(the longest of the registry's domains that `host` is or is under, its outlet), or None."""
        if not host:
            return None
        suffix = host
        while True:  # (the host, then what follows each of its dots: the longest first)
            if suffix in self._by_domain:
                return suffix, self._by_domain[suffix]
            dot = suffix.find(".")
            if dot < 0:
                return None
            suffix = suffix[dot + 1 :]

    def from_url(self, url: str | None) -> Outlet | None:
        """The outlet a web page's URL (or bare host) names by its host; None for an address
        that is no web page's (file://nytimes.com/x, javascript://nytimes.com)."""
        return self.from_host(page_host(url)) if url and _web_address(url) else None

    def from_text(self, text: str) -> Outlet | None:
        """The outlet whose own signature phrases occur most often in `text`; None on a tie.

        Signatures sit in an article's first and last lines (datelines, teasers, credits,
        appeals): a long text is searched there only, which keeps a huge file cheap."""
        if len(text) > 2 * SIGNATURE_WINDOW:
            text = text[:SIGNATURE_WINDOW] + "\n" + text[-SIGNATURE_WINDOW:]
        folded = text.casefold()
        counts: list[tuple[int, Outlet]] = []
        for outlet, literals, patterns in self._signature_plan:
            hits = sum(folded.count(literal) for literal in literals)
            hits += sum(len(p.findall(text)) for needle, p in patterns if needle in folded)
            if hits:
                counts.append((hits, outlet))
        if not counts:
            return None
        counts.sort(key=lambda item: -item[0])
        if len(counts) > 1 and counts[0][0] == counts[1][0]:
            return None
        return counts[0][1]

    def rules_for(self, outlet_name: str | None) -> list[Rules]:
        """The generic rules, then the rules of that outlet when it is known."""
        rules = [self.generic]
        outlet = self.get(outlet_name) if outlet_name else None
        if outlet is not None:
            rules.append(outlet.rules)
        return rules


# -- user patterns: bounded in time ------------------------------------------------------------
# A user's pattern such as (x+x+)+y backtracks for ages on a line of x's: each match gets this
# long (the `regex` module's timeout); a rule that runs out is switched off and reported.
USER_PATTERN_SECONDS = 0.2
_timed_out: list[str] = []


class UserPattern:
    """A user's rule: the `re.Pattern` methods the rules use, each bounded in time."""

    def __init__(self, pattern: str, where: str):
        import regex

        self.pattern = pattern
        self.where = where
        self.off = False
        self._compiled = regex.compile(pattern, regex.IGNORECASE | regex.VERSION0)

    def _run(self, method: str, text: str, empty):
        if self.off:
            return empty
        try:
            return getattr(self._compiled, method)(text, timeout=USER_PATTERN_SECONDS)
        except TimeoutError:
            self.off = True
            _timed_out.append(f"{self.where}: pattern {self.pattern[:80]!r}")
            return empty

    def match(self, text: str):
        return self._run("match", text, None)

    def fullmatch(self, text: str):
        return self._run("fullmatch", text, None)

    def search(self, text: str):
        return self._run("search", text, None)

    def findall(self, text: str):
        return self._run("findall", text, [])


def drain_timeouts() -> list[str]:
    """The user rules that ran out of time in this process since the last call (each once), said
    of the file being read (the warning carries its path): a warning about the rule, not about
    the file (it is read, and kept, without the rule)."""
    found = [
        f"{rule} took over {USER_PATTERN_SECONDS} s on a line of this file and was switched off "
        f"(the file was read without it)"
        for rule in _timed_out
    ]
    _timed_out.clear()
    return found


# -- loading ----------------------------------------------------------------------------------
def _compile(pattern, where: str, problems: list[str], user: bool = False):
    if not isinstance(pattern, str) or not pattern.strip():
        problems.append(f"{where}: a pattern must be a non-empty string, not {pattern!r}")
        return None
    try:
        if user:
            return UserPattern(pattern, where)
        return LazyPattern(pattern, re.IGNORECASE)
    except Exception as exc:  # re.error, regex.error, and whatever a hostile pattern raises
        problems.append(f"{where}: bad pattern {pattern!r}: {exc}")
        return None


def _string_list(value, where: str, problems: list[str]) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return value
    problems.append(f"{where}: expected a list, not {described(value)}")
    return []


def _compile_rules(data: dict, where: str, problems: list[str], user: bool) -> dict[str, list]:
    out: dict[str, list] = {}
    for kind in RULE_KINDS:
        if kind in data:
            items = _string_list(data.get(kind), f"{where}.{kind}", problems)
            compiled = [_compile(p, f"{where}.{kind}", problems, user) for p in items]
            out[kind] = [c for c in compiled if c is not None]
    return out


GENERIC_KEYS = ("replace", *RULE_KINDS)
OUTLET_KEYS = ("name", "aliases", "domains", "leaning", "signatures", "replace", *RULE_KINDS)


class _KeyLines:
    """Where the keys of a user's file are written, for a warning about one ("line 9"): the file
    is read again and composed once, only when a warning needs it (the parsed YAML may come from
    the cache dir's copy, without its text)."""

    def __init__(self, path: Path | None):
        self.path = path
        self._document: Any = None  # the file's nodes (yaml.Node), composed at the first warning
        self._composed = False
        self._lines: dict[tuple, dict[str, int]] = {}  # by the mapping's place

    def line(self, where: tuple[str | int, ...], key) -> int | None:
        if self.path is None:
            return None
        from reader import yamlsafe

        if not self._composed:
            self._composed = True
            try:
                self._document = yamlsafe.composed(read_settings_text(self.path))
            except (NotReadFile, OSError, UnicodeDecodeError):  # changed since it was parsed
                self.path = None
                return None
        if where not in self._lines:
            self._lines[where] = yamlsafe.lines_of_keys_at(self._document, where)
        return self._lines[where].get(str(key))


def _at_line(source: str, line: int | None) -> str:
    return f"{source}: line {line}" if line else source


def _note_unknown_keys(
    data: dict, known: tuple[str, ...], source: str, place: str, problems: list[str], lines: _KeyLines, where: tuple
) -> None:
    """One problem per key of `data` not in `known`, with the line it is on: `drop_line:` was
    passed over without a word, its rules never used."""
    import difflib

    for key in data:
        if str(key) in known:
            continue
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(known)}"
        problems.append(
            f"{_at_line(source, lines.line(where, key))}: {place}: unknown key {quoted_key(key)} ignored; {hint}"
        )


def _parse(
    data, source: str, problems: list[str], user: bool = False, path: Path | None = None
) -> tuple[dict, list[dict]]:
    """Validate one registry document; returns (generic rules, outlet entries) in compiled form.
    `path`: the file, read again for the line of an unknown key."""
    lines = _KeyLines(path)
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        problems.append(f"{source}: expected a mapping with 'generic' and/or 'outlets'")
        return {}, []
    unknown = [key for key in data if str(key) not in ("generic", "outlets")]
    if unknown:
        named = ", ".join(sorted(quoted_key(key) for key in set(map(str, unknown))))
        first = min((n for key in unknown if (n := lines.line((), key))), default=None)
        problems.append(f"{_at_line(source, first)}: unknown top-level key(s) {named} ignored")
    generic_data = data.get("generic") or {}
    if not isinstance(generic_data, dict):
        problems.append(f"{source}: 'generic' must be a mapping")
        generic_data = {}
    _note_unknown_keys(generic_data, GENERIC_KEYS, source, "generic", problems, lines, ("generic",))
    generic: dict[str, Any] = _compile_rules(generic_data, f"{source}: generic", problems, user)
    generic["replace"] = bool(generic_data.get("replace", False))
    entries: list[dict] = []
    for i, item in enumerate(_string_list(data.get("outlets"), f"{source}: outlets", problems)):
        where = f"{source}: outlets[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            problems.append(f"{where}: each outlet needs a 'name' string")
            continue
        _note_unknown_keys(item, OUTLET_KEYS, source, f"outlets[{i}]", problems, lines, ("outlets", i))
        entry: dict = {"name": " ".join(item["name"].split()), "replace": bool(item.get("replace", False))}
        for key in ("aliases", "domains"):
            if key in item:
                values = _string_list(item.get(key), f"{where}.{key}", problems)
                entry[key] = [" ".join(str(v).split()) for v in values if str(v).strip()]
        if "domains" in entry:
            entry["domains"] = [
                ((host_of(d) or "") if "/" in d else d.lower()).removeprefix("www.").strip(".")
                for d in entry["domains"]
                if host_of(d) or "/" not in d
            ]
        if "leaning" in item:
            leaning = _leaning(item.get("leaning"), f"{where}.leaning", problems)
            if leaning is not None:
                entry["leaning"] = leaning
        if "signatures" in item:
            items = _string_list(item.get("signatures"), f"{where}.signatures", problems)
            compiled = [_compile(p, f"{where}.signatures", problems, user) for p in items]
            entry["signatures"] = [c for c in compiled if c is not None]
        entry.update(_compile_rules(item, where, problems, user))
        entries.append(entry)
    return generic, entries


LEANING_MAX = 40  # characters: a short label, shown in column heads and counts


def _leaning(value, where: str, problems: list[str]) -> str | None:
    """A user's leaning label, tidied (one line, lower case), or None with a problem noted."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        problems.append(f"{where}: a leaning is a short label such as 'left', not {described(value)}")
        return None
    text = " ".join(strip_controls(str(value)).split()).casefold()
    if not text:
        return None
    if len(text) > LEANING_MAX:
        problems.append(f"{where}: a leaning is a short label (at most {LEANING_MAX} characters)")
        return None
    return text


def _merge_rules(rules: Rules, data: dict, replace: bool) -> None:
    for kind in RULE_KINDS:
        if kind in data:
            if replace:
                setattr(rules, kind, list(data[kind]))
            else:
                getattr(rules, kind).extend(data[kind])


def _apply(outlets: list[Outlet], generic: Rules, parsed_generic: dict, entries: list[dict]) -> None:
    _merge_rules(generic, parsed_generic, parsed_generic.get("replace", False))
    for entry in entries:
        keys = {name_key(entry["name"]), *(name_key(a) for a in entry.get("aliases", []))}
        target = next(
            (o for o in outlets if keys & {name_key(o.name), *(name_key(a) for a in o.aliases)}),
            None,
        )
        if target is None:
            target = Outlet(name=entry["name"])
            outlets.append(target)
        replace = entry.get("replace", False)
        for key in ("aliases", "domains", "signatures"):
            if key in entry:
                if replace:
                    setattr(target, key, list(entry[key]))
                else:
                    current = getattr(target, key)
                    current.extend(v for v in entry[key] if v not in current)
        _merge_rules(target.rules, entry, replace)
        if "leaning" in entry:
            target.leaning = entry["leaning"]


def load_registry(user_path: Path | None = None, *, use_user_file: bool = True) -> Registry:
    """The shipped registry merged with the user's file (default: <config dir>/outlets.yaml)."""
    problems: list[str] = []
    try:
        shipped = _read_yaml(SHIPPED_PATH, "shipped")
    except Exception as exc:  # pragma: no cover - a packaging error
        if not isinstance(exc, OSError) and not _is_yaml_error(exc):
            raise
        raise RegistryError(f"cannot read the shipped outlets registry {SHIPPED_PATH}: {exc}") from exc
    shipped_problems: list[str] = []
    generic_data, entries = _parse(shipped, str(SHIPPED_PATH), shipped_problems)
    if shipped_problems:  # pragma: no cover - caught by the tests
        raise RegistryError("; ".join(shipped_problems))
    outlets: list[Outlet] = []
    generic = Rules()
    _apply(outlets, generic, generic_data, entries)

    if use_user_file:
        path = Path(user_path) if user_path is not None else config.config_dir() / "outlets.yaml"
        # Not only a regular file: a FIFO or a device there was skipped unsaid, its rules unused.
        if path.exists() and not path.is_dir():
            try:
                user_data = _read_yaml(path, "user")
            except NotReadFile as exc:
                problems.append(f"{exc}; using the shipped outlet rules")
            except (OSError, UnicodeDecodeError) as exc:
                from reader import yamlsafe

                problems.append(f"{path}: cannot read it ({yamlsafe.unreadable(exc)}); using the shipped outlet rules")
            except Exception as exc:
                if not _is_yaml_error(exc):
                    raise
                from reader import yamlsafe

                problems.append(f"{path}: not valid YAML ({yamlsafe.describe(exc)}); using the shipped outlet rules")
            else:
                try:
                    user_generic, user_entries = _parse(user_data, str(path), problems, user=True, path=path)
                    _apply(outlets, generic, user_generic, user_entries)
                except Exception as exc:  # a shape _parse did not foresee: never lose the shipped rules
                    shipped_only = load_registry(use_user_file=False)
                    problems.append(
                        f"{path}: cannot be used ({type(exc).__name__}: {exc}); using the shipped outlet rules"
                    )
                    return Registry(shipped_only.outlets, shipped_only.generic, problems)
    return Registry(outlets, generic, problems)


# The parsed YAML of the registry files is kept in the cache dir, by each file's path, time and
# size (and this module's, which reads it): importing and running the YAML parser was ~15 ms of
# every process that loads articles (a 10-file update's ~0.5 s). Bump when the kept form changes.
_YAML_CACHE_VERSION = 1
# The temp file of a kept copy (below), named by its writer's pid: one killed before renaming it
# leaves it, and the next writer removes it.
_KEPT_YAML_TEMP = lazy_regex.compile(r"outlets-[a-z]+\.bin\.tmp(?P<pid>\d{1,10})")


def _is_yaml_error(exc: BaseException) -> TypeGuard[yaml.YAMLError]:
    import yaml

    return isinstance(exc, yaml.YAMLError)


def _read_yaml(path: Path, kind: str):
    """yamlsafe.load of the file, from the copy kept in the cache dir while the file (and this
    module) is unchanged; the copy is written when it is missing or stale, and anything wrong
    with it (unreadable, damaged, not writable) only means parsing the YAML."""
    stat = path.stat()
    here = os.stat(__file__)
    key = [
        _YAML_CACHE_VERSION,
        list(sys.version_info[:2]),  # marshal's format is this Python's
        str(path),
        stat.st_mtime_ns,
        stat.st_size,
        here.st_mtime_ns,
        here.st_size,
    ]
    kept = config.cache_dir() / f"outlets-{kind}.bin"
    try:
        stored_key, data = marshal.loads(kept.read_bytes())
        if stored_key == key:
            return data
    except Exception:  # missing, damaged, another version's: parse the YAML
        pass
    from reader import yamlsafe

    data = yamlsafe.load(read_settings_text(path))  # a FIFO, /dev/zero, a huge file: NotReadFile
    try:
        blob = marshal.dumps((key, data))  # ValueError: a value marshal cannot keep (a date)
        kept.parent.mkdir(parents=True, exist_ok=True)
        remove_dead_writers_temps(kept.parent, _KEPT_YAML_TEMP)
        tmp = kept.with_name(f"{kept.name}.tmp{os.getpid()}")
        try:
            tmp.write_bytes(blob)
            os.replace(tmp, kept)
        finally:
            tmp.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
    return data


_cache: dict[tuple, Registry] = {}
_held = threading.local()  # registry_held()'s registry, per thread


@contextmanager
def registry_held():
    """For the duration, default_registry() in this thread gives the registry of the moment
    without looking at the user's file again: a batch of files loaded at once (a worker's)
    then pays one config lookup and stat, not one per file."""
    previous = getattr(_held, "registry", None)
    _held.registry = default_registry()
    try:
        yield _held.registry
    finally:
        _held.registry = previous


def default_registry() -> Registry:
    """The registry for the current config dir, reloaded when the user's file changes (not
    while registry_held() holds one)."""
    held = getattr(_held, "registry", None)
    if held is not None:
        return held
    path = config.config_dir() / "outlets.yaml"
    try:
        stat = path.stat()
        stamp: tuple = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (str(path), None, None)
    registry = _cache.get(stamp)
    if registry is None:
        _cache.clear()
        registry = load_registry(path)
        _cache[stamp] = registry
    return registry
