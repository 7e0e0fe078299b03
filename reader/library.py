"""The one facade the CLI and the TUI use: a corpus, its index, and the analyses over them.

No UI imports here. Every method may be slow (disk, analysis): the TUI calls them from workers.
`LibraryAPI` is what the terminal app uses of it; the in-memory test double implements it too.
The errors the commands handle are importable from here (`from reader.library import IndexBusy`),
so the CLI needs no import past the facade.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Iterable, Protocol, Sequence

from reader import config
from reader.analysis.story_ids import STORY_ID_AT_40_BITS, STORY_ID_WRITTEN
from reader.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from collections import Counter

    from reader.analysis.compare import Comparison
    from reader.analysis.coverage import Coverage, StorySpan
    from reader.analysis.prepare import PrepareReport
    from reader.analysis.quotes import Quote
    from reader.quotations import Quotation
    from reader.analysis.stories import Story
    from reader.analysis.versions import Version
    from reader.corpus.model import Article
    from reader.index.article_versions import Replacements, VersionPlace
    from reader.index.state import Rewritten
    from reader.corpus.outlet_match import NoOutletToMatch, OutletMatch, OutletNotFound  # noqa: F401 (re-exported)
    from reader.fetch import AlreadySubscribed, FeedsFileError, FetchBusy, FetchFailed, FetchReport, Subscription  # noqa: F401
    from reader.fetch.opml import OpmlError  # noqa: F401 (re-exported)
    from reader.index import (  # noqa: F401 (re-exported)
        ArticleInfo,
        CorpusIndex,
        IndexBusy,
        IndexFailure,
        IndexLocationError,
        IndexNotWritable,
        IndexReport,
        SearchResults,
    )
    from reader.index import Hit  # noqa: F401 (re-exported)
    from reader.index.article_versions import MARK_AT_END  # noqa: F401 (re-exported)
    from reader.index.gcpause import collector_off  # noqa: F401 (re-exported)
    from reader.index.layout import FailedAfterCommit, write_failure_line  # noqa: F401 (re-exported)
    from reader.index.problems import not_read  # noqa: F401 (re-exported)
    from reader.index.query_check import query_start  # noqa: F401 (re-exported)
    from reader.index.state import GroupingWorkerDied, IndexMovedAway  # noqa: F401 (re-exported)
    from reader.index.textproc import fold  # noqa: F401 (re-exported)
    from reader.state.marks import Mark, MarkStore, MarksNotSaved, MarksUnreadable  # noqa: F401 (re-exported)
    from reader.state.version_links import KeptVersionLinks
    from reader.state.transfer import BadStateFile  # noqa: F401 (re-exported)

Progress = Callable[[int, int, str], None]

# Errors of the layers below, re-exported (imported on first use: `reader --help` stays fast).
_ERRORS = {
    "Cancelled": "reader.analysis.cancel",
    "IndexBusy": "reader.index",
    "IndexFailure": "reader.index",
    "IndexLocationError": "reader.index",
    "IndexMovedAway": "reader.index.state",
    "GroupingWorkerDied": "reader.index.state",
    "IndexNotWritable": "reader.index",
    "OutletNotFound": "reader.corpus.outlet_match",
    "NoOutletToMatch": "reader.corpus.outlet_match",
    "AlreadySubscribed": "reader.fetch",
    "FeedsFileError": "reader.fetch",
    "FetchBusy": "reader.fetch",
    "FetchFailed": "reader.fetch",
    "OpmlError": "reader.fetch.opml",
    "BadStateFile": "reader.state.transfer",
    "MarksNotSaved": "reader.state.marks",
    "MarksUnreadable": "reader.state.marks",
    "MarksForeign": "reader.state.marks",
    "MarksDamaged": "reader.state.marks",
    "MarksNewer": "reader.state.repair",
}
# The index layer's names the app needs besides the facade (its UI imports no reader.index: the
# import contract in pyproject.toml), re-exported as the errors are.
_INDEX_NAMES = {
    "FailedAfterCommit": "reader.index.layout",
    "write_failure_line": "reader.index.layout",
    "not_read": "reader.index.problems",
    "VersionPlace": "reader.index.article_versions",
    "Replacements": "reader.index.article_versions",
    "MARK_AT_END": "reader.index.article_versions",
    "collector_off": "reader.index.gcpause",
    "fold": "reader.index.textproc",
    "query_start": "reader.index.query_check",
    "ArticleInfo": "reader.index",
    "IndexReport": "reader.index",
    "SearchResults": "reader.index",
    "Hit": "reader.index",
}


__getattr__ = lazy_exports(__name__, {**_ERRORS, **_INDEX_NAMES})


# Likely partners whose sentences prepare_comparisons encodes beside the article's (the
# contextual encoder keeps 512 sentences: about a story's five longest versions).
PREPARE_VERSIONS = 4
# The last comparisons made, kept whole: reopening one (Escape, then c again; the palette) is
# instant instead of linking every sentence again (seconds for a long pair, minutes for a huge one).
COMPARISONS_KEPT = 8
# The steps of compare() that `progress` hears with no count, (0, 0, these words): a long pair whose
# sentences were all encoded before links them for seconds, and no count said so.
FINDING_QUOTES = "finding the quotations"
LINKING = "linking the sentences"


def feeds_file() -> dict:
    """feeds.yaml, for `reader config`: {"path", "exists", "subscriptions" (how many), "problem"
    (why it cannot be read, after its path; None), "problems" (every line to report: that one,
    or the entries it skips)}. Needs no corpus, so no Library."""
    from reader.fetch import FeedsFileError, feeds_path, load_subscriptions

    path = feeds_path()
    found: dict = {"path": str(path), "exists": path.is_file(), "subscriptions": 0, "problem": None, "problems": []}
    try:
        subscriptions = load_subscriptions(path)
    except FeedsFileError as exc:
        found["problem"] = str(exc).removeprefix(f"{path}: ")  # shown after the path
        found["problems"] = [str(exc)]
        return found
    found["subscriptions"] = len(subscriptions.feeds)
    found["problems"] = list(subscriptions.problems)
    return found


def _sentences_on_disk() -> None:
    """Sentences encoded for a comparison are kept in the user cache dir between runs (a new
    `reader compare`, the app started again), not only in this process's memory."""
    from reader.analysis.contextual import keep_on_disk

    keep_on_disk(config.cache_dir() / "sentences")


def _log_skipped(what: str, article_id: str) -> None:
    import logging  # only when something failed: `reader --help` stays fast

    logging.getLogger(__name__).debug("not preparing %s %r", what, article_id, exc_info=True)


def _no_progress(done: int, total: int, message: str) -> None:
    pass


def _same_file(one: Path, other: Path) -> bool:
    try:
        return Path(one).samefile(other)
    except OSError:
        return False


def _entry(target: str) -> tuple[str, str]:
    """(base, n) of a target written `BASE#n` (an entry of a feed or JSON Lines file), else
    (target, "")."""
    base, sep, number = target.rpartition("#")
    return (base, number) if sep and number.isdigit() else (target, "")


def _names_alike(root: Path, typed: str) -> list[Path]:
    """The paths under `root` of `typed` (an id in NFC) with any suffix, each folder and name
    matched as NFC: a folder may hold "café" composed and decomposed alike, both are given."""
    from reader.corpus.decode import nfc

    *folders, name = typed.split("/")
    places = [root]
    for part in folders:
        places = [place / entry for place in places for entry in _entries(place) if nfc(entry) == part]
    return sorted(place / entry for place in places for entry in _entries(place) if nfc(entry).startswith(name + "."))


def _entries(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _is_file(target: str | Path) -> bool:
    """Whether `target` is a regular file (or a link to one), False when it cannot be looked at:
    Path.is_file() raises for a name too long or a path through a folder we may not search, and
    a target may be any id or path typed on the command line."""
    import os

    return os.path.isfile(target)


def _alike_shown(ids: list[str]) -> list[str]:
    """`ids` as a message lists them, each that looks like another of them but for composed or
    decomposed accents with its characters beyond ASCII escaped ('caf\\xe9', 'cafe\\u0301'):
    "starts 2 article ids (café, café)" told the user nothing."""
    from collections import Counter

    from reader.corpus.decode import nfc

    forms = Counter(nfc(one) for one in ids)
    return [ascii(one) if forms[nfc(one)] > 1 else one for one in ids]


def _names_a_file(target: str) -> bool:
    """Whether `target` is a path to a file, or to one with `#n` after it."""
    base, number = _entry(target)
    return _is_file(target) or bool(number and _is_file(base))


# The fewest characters of a file's own name (without its extension) that, as the start of only one
# id, name that id (_id_of_a_file_name), and of a typo that names the one id it is close to
# (Library._id_hint): a short name such as "a.txt" starts some id in most corpora without meaning it.
SHORTEST_NAME_START = 6


def _ids_holding(target: str, ids: list[str]) -> list[str]:
    """The ids that hold `target` whatever the case: the one it names typed in capitals
    ("000_D35029…", an id copied from a spreadsheet), without its folder ("budget-vote" for
    "reuters/budget-vote") or its number ("d35029dd94d24c05" for "000_d35029dd94d24c05"), as
    `ls` and a file's own name show them. An entry of another file is none: "feed#2" is held by
    "news/feed#2", not by "news/feed#21"."""
    wanted = target.casefold()
    _name, entry = _entry(wanted)
    return [
        one for one in ids if wanted in (folded := one.casefold()) and (not entry or folded.rpartition("#")[2] == entry)
    ]


def _most_fully_named(target: str, holding: list[str]) -> list[str]:
    """Of the ids that hold `target`, those it names most fully: the id itself in other capitals
    ("REUTERS/BUDGET-VOTE"), else those it ends as a whole name or number ("budget-vote",
    "d35029dd94d24c05"), else all. "reuters/budget-vote-2" beside it made "REUTERS/BUDGET-VOTE"
    name both, and six such ids named none."""
    wanted = target.casefold()
    for fits in (
        lambda folded: folded == wanted,
        lambda folded: folded.endswith(("/" + wanted, "_" + wanted)),
    ):
        named = [one for one in holding if fits(one.casefold())]
        if named:
            return named
    return holding


def _id_of_a_file_name(target: str, ids: list[str]) -> str | None:
    """The one id a file name or path names without its extension ("000_d35….txt", or
    "seeds/000_d35….md" given from outside the corpus folder): the name without its suffix,
    or its end after a folder, as a whole id, or as the start of only one when the file's own
    name has SHORTEST_NAME_START characters or more; "feed.xml#2" names "feed#2"."""
    from reader.corpus.suffixes import article_suffix, without_compression

    name, entry = _entry(target)
    name = without_compression(name)  # "page.html.gz" names "page"
    stem, suffix = os.path.splitext(name)
    if not suffix or article_suffix(name) is None:
        return None
    parts = stem.split("/")
    long_enough = len(parts[-1]) >= SHORTEST_NAME_START
    for start in range(len(parts)):
        tail = "/".join(parts[start:])
        if not tail:
            continue
        whole = f"{tail}#{entry}" if entry else tail
        if whole in ids:
            return whole
        if not long_enough:
            continue
        # With an entry number, the start is of the file's id and the number is whole
        # ("feed.xml#2" names no "feed#21").
        starting = [one for one in ids if one.startswith(tail) and (not entry or one.rpartition("#")[2] == entry)]
        if len(starting) == 1:
            return starting[0]
    return None


def _not_an_article_file(target: str, folder: Callable[[str], ArticleNotFound]) -> ArticleNotFound | None:
    """Why a path that exists is no article (a folder, a link loop, a FIFO...), as the error to
    raise, or None when nothing is there: "no article with id or path" would say it does not
    exist. `folder(target)`: the error for a folder (Library._folder_error)."""
    import errno
    import os
    import stat

    if not target:
        return None
    try:
        os.lstat(target)
    except OSError as exc:
        # Nothing there; but a path through a folder we may not search is there for all we know.
        if exc.errno in (errno.EACCES, errno.EPERM):
            return ArticleNotFound(f"{target}: cannot read it: {(exc.strerror or str(exc)).lower()}")
        return None
    try:
        mode = os.stat(target).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return ArticleNotFound(f"{target}: is a symbolic link loop")
        if exc.errno == errno.ENOENT:
            return ArticleNotFound(f"{target}: is a broken symbolic link (what it points to does not exist)")
        return ArticleNotFound(f"{target}: cannot read it: {(exc.strerror or str(exc)).lower()}")
    if stat.S_ISDIR(mode):  # `reader show ~/news`: what to type to read the folder's articles
        return folder(target)
    from reader.corpus.regular_file import special_kind

    kind = special_kind(mode)
    return ArticleNotFound(f"{target}: is {kind or 'something'}, not a regular file")


ID_CANDIDATES_SHOWN = 5  # ids listed when a prefix fits several


def natural_order(article_id: str) -> list:
    """A sort key reading each run of digits as its number: feed#2 before feed#10."""
    # isdecimal, as \d: "²" is a digit to isdigit() but no number to int()
    return [(0, int(part), "") if part.isdecimal() else (1, 0, part) for part in re.split(r"(\d+)", article_id)]


class ArticleNotFound(LookupError):
    """No article to give: the article is there but could not be read, or has no other version to
    compare it with. A failure: a command exits with `exit_status`."""

    exit_status = 1


class UnknownArticle(ArticleNotFound):
    """The name given is no article's: no id or path is (or starts with) it, several ids start with
    it, or its file has no such #n. A usage error (exit status 2), as ripgrep's for a file that is
    not there, and as every name typed that names nothing is (a --story, an --outlet, a feed you do
    not follow); an ArticleNotFound otherwise (a file that is there but cannot be read) is a failure (1)."""

    exit_status = 2

    def __init__(self, message: str, *, nothing_near: bool = False):
        super().__init__(message)
        self.nothing_near = nothing_near  # no article's id or path is near the name: it may be another kind of id


class FolderNotArticle(UnknownArticle):
    """A folder named where an article goes (`reader show ~/news`): a usage error (exit status 2),
    as a name that names nothing is; its line says what was expected and how to list the folder."""


# The article target that is standard input (`reader show -`, `reader compare - B`), as for cat and git.
STDIN = "-"
# The entries of a file read on the fly that were skipped, said one by one before a count of the rest.
_SAID_SKIPS = 10


def _numbered(articles: list[Article], target: str, number: str) -> Article:
    """Article `number` of the `articles` of one file (`PATH#n`), or ArticleNotFound naming those it has."""
    by_number = {}
    for article in articles:
        tail = article.id.rpartition("#")[2]
        if tail.isdigit():
            by_number[int(tail)] = article
    if int(number) in by_number:  # "#08" is #8
        return by_number[int(number)]
    if not by_number:
        # A plain file (text, Markdown, a page) is one article, not numbered: "it has #" said nothing.
        raise UnknownArticle(f"{target} holds one article, not numbered ones: name it without #{number}")
    numbers = sorted(by_number)
    shown = ", ".join(str(n) for n in numbers[:ID_CANDIDATES_SHOWN])
    more = ", …" if len(numbers) > ID_CANDIDATES_SHOWN else ""
    raise UnknownArticle(f"{target} has no article #{number} (it has #{shown}{more})")


class NoOtherVersion(ArticleNotFound):
    """No other article tells this article's story (Library.partner): the user chooses one."""


class SameArticle(LookupError):
    """Library.compare given one article on both sides (`reader compare X X`, the same file by its
    id and its path): nothing to compare, where every sentence linked to itself at 1.00 looked like
    a finding. Two copies of a text under two ids are compared (a syndicated story is one)."""


def same_article(left: Article, right: Article) -> bool:
    """Whether `left` and `right` are one article as it is now: the same id of the same file with the
    same text (a file edited since it was read, compared with its new text, is two versions)."""
    return (left.id, left.path, left.text) == (right.id, right.path, right.text)


# Why a story id saved earlier may name no story now (stories.story_id), for the messages that say so.
STORY_ID_CHANGES = (
    "a story is named by its earliest article, so its id changes when that article leaves it or an earlier one joins"
)


def story_id_meant(asked: str, ids: list[str]) -> str | None:
    """The one story id `asked` was meant to be, as an article id's hint finds it: typed in
    capitals ("S3F2A…", the start of one too), or a character or two off (a digit mistyped, two
    swapped) from one id only. None when no one id is plainly meant: story ids are hashes, so
    two of them are rarely within two characters of each other, and a short start is no id."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    wanted = asked.casefold()
    if len(wanted) < SHORTEST_NAME_START:
        return None
    held = [one for one in ids if one.casefold().startswith(wanted)]
    if held:
        return held[0] if len(held) == 1 else None
    close = process.extract(wanted, ids, scorer=Levenshtein.distance, score_cutoff=2, limit=2)
    return close[0][0] if len(close) == 1 else None


def has_story_id_form(text: str) -> bool:
    """Whether `text` is written as a story id is ("s6c4e89cf3b"), whether or not one has it."""
    # An id that has this form and names no story was most likely a story's, before an update renamed it.
    return STORY_ID_WRITTEN.fullmatch(text) is not None


@dataclass(frozen=True)
class _Standing:
    """The article standing for another in a story (its newest version), as pick_partner reads it."""

    id: str
    outlet: str | None
    title: str | None


@dataclass
class KnownKeys:
    """The sentence keys (versions.sentence_keys) of the articles read so far, by id and by text:
    a story's members are checked against several of its articles, and a wire story's reprints
    are mostly one text."""

    by_id: dict[str, Counter[str]] = field(default_factory=dict)
    by_text: dict[str, Counter[str]] = field(default_factory=dict)


class StoryNotFound(LookupError):
    """No story has this id (nor, alone, starts with it); the message says so in one line."""


class StoryIdShared(LookupError):
    """Two or more stories have this id (ids are 64-bit hashes of a first article; at 40 bits
    ~0.1% of corpora of 50,000 articles held a pair, which an id saved then still names): the
    message lists them, one line each, and says how to name one by an article instead
    (`stories`: the candidates)."""

    def __init__(self, message: str, stories: list[Story], details: list[str]):
        super().__init__(message)
        self.stories = stories
        self.details = details  # a line for each (print_error says each on its own)


@dataclass(frozen=True)
class Changes:
    """What a watcher of the corpus and the index sees cheaply: file names and folder times,
    no file read (Library.changes)."""

    index_version: object  # differs after any process commits the index (`reader index`, a fetch)
    corpus_changed: bool  # a corpus folder changed since the last update: files added or removed
    updating: bool  # another process is updating the index now
    missing: str | None = None  # a corpus folder went away (why, in one line): nothing is updated
    # The committed index this library had seen is gone (its cache folder deleted): said once per loss
    index_gone: bool = False


class LibraryAPI(Protocol):
    """What the terminal app uses of a Library (see Library for each method)."""

    roots: list[Path]
    follow_links: bool

    @property
    def marks(self) -> MarkStore: ...

    def repair_marks(self) -> dict[str, Any]: ...

    def update(
        self,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
        rebuild: bool = False,
        retry_grouping: bool = False,
    ) -> IndexReport | None: ...

    def articles(self) -> list[ArticleInfo]: ...

    def replacements(self, articles: list[ArticleInfo] | None = None) -> Replacements: ...

    def marks_replacements(self, articles: list[ArticleInfo] | None = None) -> Replacements: ...

    def stories(self) -> list[Story]: ...

    def coverage(
        self, *, active_days: int | None = None, since: str | None = None, until: str | None = None
    ) -> Coverage: ...

    def article(self, target: str) -> Article: ...

    def quotes(self, article: Article) -> list[Quote]: ...

    def quotations(self, article: Article) -> list[Quotation]: ...

    def search(self, query: str, **options: Any) -> SearchResults: ...

    def match_ranges(self, article_id: str, query: str) -> list[tuple[int, int]]: ...

    def compare(
        self,
        left: Article,
        right: Article,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> Comparison: ...

    def partner(self, article: Article, *, edit_first: bool = False) -> str: ...

    def story_comparison(self, story: Story | str) -> tuple[Article, str, bool]: ...

    def versions(self, article_id: str) -> list[Version]: ...

    def versions_of_one_page(self, left_id: str, right_id: str) -> tuple[VersionPlace, VersionPlace] | None: ...

    def copies(self, article_id: str, ids: Sequence[str]) -> set[str]: ...

    def prepare_comparisons(self, article_id: str, cancel: Callable[[], bool] | None = None) -> list[str]: ...

    def prepare_stories(
        self, progress: Progress | None = None, cancel: Callable[[], bool] | None = None, *, again: bool = False
    ) -> PrepareReport: ...

    def fetch(
        self,
        *,
        force: bool = False,
        only: list[str] | None = None,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
        on_started: Callable[[], None] | None = None,
    ) -> FetchReport: ...

    def shows_fetched(self) -> bool: ...

    # Static in the Library: `reader feed` calls them on the class, with no corpus opened.
    @staticmethod
    def feeds(problems: list[str] | None = None, skipped: list[str] | None = None) -> list[dict]: ...

    @staticmethod
    def feed_outcome(feed: dict) -> str: ...

    @staticmethod
    def feed_details(feed: dict) -> list[str]: ...

    def command_line(self, words: str, *, corpus: Iterable[str | Path] | None = None) -> str: ...

    def index_version(self) -> object: ...

    def changes(self) -> Changes: ...

    def close(self) -> None: ...


class Library:
    """`auto_update=True` (the CLI's way) brings the index up to date once, before the first read.
    The TUI passes False: it reads the last committed index at once and updates in a worker.
    """

    def __init__(
        self,
        roots: list[Path] | None = None,
        index_dir: Path | None = None,
        *,
        auto_update: bool = True,
        progress: Progress | None = None,
        on_notice: Callable[[str], None] | None = None,
        follow_links: bool = False,
    ) -> None:
        self._default_roots = not roots and index_dir is None  # follows the fetched corpus when it appears
        self._given_roots = [Path(r) for r in roots or ()]  # --corpus, as the advice retypes it
        self.roots = [Path(r) for r in (roots or config.default_corpus_roots())]
        for root in self.roots:
            problem = config.unusable_folder(root)
            if problem:
                raise FileNotFoundError(problem)
        self.index_dir = Path(index_dir) if index_dir else config.default_index_dir(self.roots)
        self._default_index = index_dir is None
        self.auto_update = auto_update
        self.follow_links = follow_links  # follow symbolic links out of the corpus folders
        self.progress = progress
        self.on_notice = on_notice or (lambda message: None)
        self.last_report: IndexReport | None = None
        self._index: CorpusIndex | None = None
        self._marks: MarkStore | None = None
        self._updated = False
        # Why there is no index to read: the first update failed (a read-only or full cache).
        self._unbuilt: Exception | None = None
        # an article read from its file before any index was built (_read_before_the_first_build):
        # its story and versions are not looked up, which would build the index after all
        self._read_without_index: set[str] = set()  # their ids
        self._files_first = self._say_files_first = False  # open_for_reading's
        self._seen_index = False  # a committed index was seen (index_version): its loss is told (changes)
        self._reading: str | None = None  # set by open_for_reading()
        # What a reading command has to say about the index (out of date, being updated...),
        # held until an answer comes from it: a file read by its path owes the index nothing.
        self._held_notices: list[str] = []
        self._index_doubted = False  # a notice said the index may be out of date
        self._update_lock = threading.Lock()
        from reader.analysis.prepare import ComparisonGate  # light: no analysis imported

        # The comparisons under way: prepare_stories lets them go first.
        self._comparing = ComparisonGate()
        self._comparisons: dict[tuple, tuple[object, Comparison]] = {}  # oldest first
        self._comparisons_lock = threading.Lock()
        self._comparisons_made: dict[tuple, threading.Event] = {}  # those under way, set when done
        self._replacements: tuple[list[ArticleInfo], Replacements] | None = None  # of the articles read last

    def has_index(self) -> bool:
        """Whether the index folder holds a built index (its first build ran to its end)."""
        from reader.index import layout

        return layout.has_index(self.index_dir)

    def unfinished_first_build(self) -> tuple[int, int] | None:
        """(files, bytes) an interrupted first build of this index kept loaded for the next to go on
        from (reader/index/resume.py); None when the index is built or nothing was kept."""
        from reader.index import layout, resume

        if layout.has_index(self.index_dir):
            return None
        files = resume.kept_files(self.index_dir)
        return (files, resume.kept_bytes(self.index_dir)) if files else None

    def command_line(self, words: str, *, corpus: Iterable[str | Path] | None = None) -> str:
        """The shell command that runs `reader WORDS` on this corpus: with the --corpus, --index
        and --follow-links it was opened with. Advice that said `reader index` after `reader
        --corpus ~/news search x` sent a newcomer to index the bundled seeds (or, after
        --follow-links, to drop the linked files). Each path a shell word that a message shows as
        it is (shell_word). `corpus`: other folders in place of its own (`reader show ~/news`
        is told `reader --corpus ~/news list`, with the rest of its options)."""
        from reader.wording import reader_command

        return reader_command(
            words,
            corpus=[str(folder) for folder in (self._given_roots if corpus is None else corpus)],
            index=None if self._default_index else str(self.index_dir),
            follow_links=self.follow_links,
        )

    def _folder_error(self, target: str, ids: list[str] | None = None) -> FolderNotArticle:
        """The error for a folder named where an article goes (`reader show ~/news`): what to
        type to read its articles. One outside the corpus (or a corpus folder itself) is told the
        command that lists it as a corpus, with this library's --index and --follow-links; one in
        the corpus (`reader --corpus news show news/world`) is not: `--corpus news/world` would
        read it anew, under other ids, into an index of its own. Its articles' ids are named
        instead, from `ids` (the index's: None when there is none)."""
        from reader.wording import Command, said

        within = self._corpus_folder_id(target)
        if within is None:
            command = Command(self.command_line("list", corpus=[target]))
            return FolderNotArticle(
                said(f"{target}: is a folder, not an article's id or file (", command, " lists its articles)")
            )
        return self._corpus_folder_error(target, within, ids)

    def _corpus_folder_error(self, target: str, folder: str, ids: list[str] | None) -> FolderNotArticle:
        """`target` names the folder `folder` of the corpus (its path there, as ids start with it):
        the ids of its articles, as for the start of several ids, or where they start."""
        from reader.wording import Command, said

        said_so = f"{target}: is a folder of the corpus, not an article's id or file"
        if ids is None:  # no index to look them up in
            return FolderNotArticle(f"{said_so}: give the id of one of its articles (they start with {folder}/)")
        inside = sorted((one for one in ids if one.startswith(f"{folder}/")), key=natural_order)
        listing = Command(self.command_line("list"))
        if not inside:  # (its files skipped, or come since the last update)
            indexing = Command(self.command_line("index --verbose"))
            return FolderNotArticle(
                said(
                    f"{said_so}, and the index has no article in it (",
                    indexing,
                    " indexes it, naming each file skipped)",
                )
            )
        shown = ", ".join(inside[:ID_CANDIDATES_SHOWN])
        if len(inside) == 1:
            return FolderNotArticle(f"{said_so}: the id of the one article in it is {shown}")
        if len(inside) <= ID_CANDIDATES_SHOWN:
            return FolderNotArticle(f"{said_so}: give the id of one of its {len(inside)} articles ({shown})")
        more = len(inside) - ID_CANDIDATES_SHOWN
        return FolderNotArticle(
            said(
                f"{said_so}: give the id of one of its {len(inside)} articles ({shown} and {more} more; ",
                listing,
                " lists every id)",
            )
        )

    def _corpus_folder_id(self, target: str) -> str | None:
        """The path in the corpus of the folder `target` (its articles' ids start with it and
        a slash), or None when it lies in no corpus folder, or is one of them."""
        real = Path(os.path.realpath(target))
        for root in self.roots:
            try:
                within = real.relative_to(root.resolve())
            except (ValueError, OSError):
                continue
            return within.as_posix() if within.name else None
        return None

    def config_problems(self) -> list[str]:
        """Problems found in the user's outlets.yaml and framing.yaml (the shipped rules and
        word lists are used instead)."""
        # Problems come only from the user's files: without them, nothing is loaded (compiling
        # every shipped rule is a third of a no-op `reader index`).
        folder = config.config_dir()
        problems = []
        if (folder / "outlets.yaml").exists():
            from reader.corpus.outlets import default_registry

            problems += list(default_registry().problems)  # these name their file too
        if (folder / "framing.yaml").exists():
            from reader.analysis.framing import default_framing_words

            problems += list(default_framing_words().problems)  # as these do
        return problems

    # -- the index -------------------------------------------------------------------------
    @property
    def index(self) -> CorpusIndex:
        if self._index is None:
            from reader.index import CorpusIndex

            # The default folder is named after the corpus folder's path: a moved corpus takes
            # over its index from the cache (an --index DIR is the user's, and keeps its index).
            self._index = CorpusIndex(
                self.roots,
                self.index_dir,
                follow_links=self.follow_links,
                carry_over=self._default_index,
                command_line=self.command_line,  # its advice names the --corpus and --index given
                version_links=self._version_links(),
            )
        return self._index

    def _version_links(self) -> KeptVersionLinks:
        """The links of deleted versions kept beside the marks (the index is a cache: deleted,
        they are read back from there; reader.state.version_links)."""
        from reader.state.version_links import KeptVersionLinks

        return KeptVersionLinks(self.marks)

    def update(
        self,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
        rebuild: bool = False,
        retry_grouping: bool = False,
    ) -> IndexReport:
        """Bring the index up to date with the corpus; returns an IndexReport. A corpus folder
        that went away (an unmounted disk, a renamed share) is FileNotFoundError, never read as
        empty: that would remove every article of it from the index. A first build whose stories'
        grouping died twice for memory is said at once, not tried again on the same corpus and
        machine, unless `retry_grouping` (the user asked: `reader index`, the app's key)."""
        self._check_roots()
        with self._update_lock:
            report, prescan = None, None
            if not rebuild:
                # When nothing changed, that is found without opening (or importing) the index.
                from reader.index import noop

                report, prescan = noop.check(
                    self.roots,
                    self.index_dir,
                    self.follow_links,
                    config.lock_wait(),
                    True,
                    progress or _no_progress,
                    self._version_links(),
                    cancel,
                )
            if report is None:
                report = self.index.update(
                    progress=progress,
                    cancel=cancel,
                    rebuild=rebuild,
                    thorough=True,
                    prescan=prescan,
                    retry_grouping=retry_grouping,
                )
            self._marks_follow_renamed(report)
            self._updated = True
            self.last_report = report
            return report

    def _marks_follow_renamed(self, report: IndexReport) -> None:
        """Read marks and stars follow the articles whose files an update found renamed or moved
        (by their contents: IndexReport.renamed), as the index recorded them before its commit
        (pending_renames.py): this update's, and those of an update killed before its marks
        followed. When the marks file cannot be written they stay under the old ids until the
        next update, and the report's notice says why."""
        from reader.index import pending_renames

        if not pending_renames.waiting(self.index_dir):  # the usual case: one stat
            return
        from reader.state.marks import MarksNotSaved, MarksUnreadable
        from reader.wording import said

        try:
            pending_renames.follow(self.index_dir, config.lock_wait(), self.marks.follow_renamed)
        except (MarksNotSaved, MarksUnreadable) as exc:
            why = said("the read marks and stars of renamed articles stay under their old names: ", exc)
            report.notice = said(report.notice, "; ", why) if report.notice else why

    def ensure_index(self) -> IndexReport | None:
        """Update the index once per Library when auto_update is on; cheap when nothing changed.
        After open_for_reading(), decide as it says instead.

        When another process is writing the index, or it cannot be updated (a full disk, a
        read-only folder), carry on with its last committed state after a one-line notice; when
        there is none, raise why it could not be built (IndexNotWritable, IndexFailure).
        """
        if self._reading is not None and not self._updated:
            with self._update_lock:
                if not self._updated:
                    self._prepare_reading()
        elif self.auto_update and not self._updated:
            with self._update_lock:
                if not self._updated:
                    self._update_once()
        if self._unbuilt is not None:
            raise self._unbuilt
        return self.last_report

    def _update_once(self) -> None:
        from reader.index import IndexBusy, IndexFailure, IndexNotWritable
        from reader.index.state import IndexMovedAway

        try:
            self.last_report = self.index.update(progress=self.progress)
        except IndexBusy as exc:
            freshness = self.index.freshness()
            # carried over while this waited (IndexMovedAway): not "another process is updating it"
            if isinstance(exc, IndexMovedAway) or not freshness["indexed"] or freshness["unknown"]:
                # No committed state to fall back on (none, or one an older reader wrote, whose
                # rows are not read): an empty corpus would be a lie ("no articles in …"). ensure_index
                # raises this (once waited for, not again per call); files are still read by path.
                self._unbuilt = exc
            else:
                self._about_the_index("another process is updating the index; using its last committed state")
        except (OSError, IndexFailure, IndexNotWritable) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            if self.index.freshness()["indexed"]:
                self._about_the_index(f"cannot update the index ({reason}); using the last committed index")
            elif isinstance(exc, IndexNotWritable):
                # Nothing committed to fall back on: reading the empty index would say the
                # corpus has no articles (or no such id). ensure_index raises this instead.
                self._unbuilt = exc
            else:
                self._unbuilt = IndexFailure(f"cannot build the index in {self.index_dir}: {reason}")
        else:
            self._marks_follow_renamed(self.last_report)
            if self.last_report.notice:
                self._about_the_index(self.last_report.notice)
        finally:
            if self.progress is not None:
                self.progress(0, 0, "")  # nothing left on screen before the command's output
        self._updated = True

    def open_for_reading(
        self, update: bool = False, *, files_first: bool = False, say_files_first: bool = False
    ) -> None:
        """How the CLI's reading commands work: the first read uses the last committed index at
        once, and says (through on_notice) when the corpus may have changed since; it updates
        first only when asked (`update`) or when there is no usable index yet. The check stats the
        corpus folders, not the files: an edit inside an existing file is found by an update
        (`reader index`). Nothing is read here; commands that never read pay nothing.
        `files_first` (`show`, `quotes`): with no index yet, an article a whole id or path names is
        read from its file, the index left for later (_read_before_the_first_build); with
        `say_files_first` (a person at a terminal), on_notice says so."""
        self._reading = "update" if update else "committed"
        self._files_first = files_first
        self._say_files_first = say_files_first

    def _prepare_reading(self) -> None:
        freshness = self.index.freshness()
        if self._reading == "update" or not freshness["indexed"] or freshness["unknown"]:
            self._update_once()
            return
        self._updated = True  # reads use the committed index as it is
        update = self._update_advice()
        if freshness["updating"]:
            self._about_the_index("another process is updating the index; using its last committed state")
        elif freshness["roots_changed"]:
            self._about_the_index(
                f"the index was last updated for other corpus folders; results may be out of date: {update}"
            )
        elif freshness["links_changed"] is not None:
            # Told as the other folders are: the reading commands never update unasked.
            if freshness["links_changed"]:
                self._about_the_index(
                    "the index was last updated with --follow-links: it holds files from outside "
                    f"the corpus folders; run `{self.command_line('index')}` or add --update to drop them"
                )
            else:
                self._about_the_index(
                    "the index was last updated without --follow-links: it lacks the files linked "
                    f"from outside the corpus folders; run `{self.command_line('index')}` or add --update"
                )
        elif freshness.get("rules_changed"):
            self._about_the_index(
                f"your outlets.yaml changed since the index was last updated; results may be out of date: {update}"
            )
        elif freshness["changed"]:
            count = len(freshness["changed"])
            more = "+" if count >= 20 else ""
            self._about_the_index(
                f"the corpus changed since the index was last updated (files added, removed or renamed "
                f"in {count}{more} folder{'s' if count != 1 else ''}); results may be out of date: {update}"
            )

    def _about_the_index(self, message: str) -> None:
        """A notice about the index itself: a reading command's is held until an answer comes
        from the index (_answered_from_index), others are said at once."""
        self._index_doubted = True
        if self._reading is None:
            self.on_notice(message)
        elif message not in self._held_notices:
            self._held_notices.append(message)

    def _answered_from_index(self) -> None:
        """An answer is about to come from the index: say what was held about it, once."""
        held, self._held_notices = self._held_notices, []
        for message in held:
            self.on_notice(message)

    def _update_advice(self) -> str:
        """What brings the index up to date: `reader index`, unless its folder cannot be written
        (a read-only mount), where that advice only led to "cannot write the index folder"."""
        folder = Path(self.index_dir)
        if folder.is_dir() and not os.access(folder, os.W_OK):
            return f"its folder {folder} is read-only, so it cannot be updated here"
        return f"run `{self.command_line('index')}` or add --update"

    def skipped(self) -> list[dict]:
        """Files that could not be loaded ({"path", "reason"}), from this run's update if there was
        one, else as the last update recorded them."""
        self.ensure_index()
        self._answered_from_index()
        if self.last_report is not None:
            return list(self.last_report.skipped)
        return self.index.skipped()

    def skipped_count(self) -> int:
        """How many of skipped()'s files were not read (those read with a warning left out): the
        count alone, which a command over the whole corpus says, without reading each file's path."""
        self.ensure_index()
        self._answered_from_index()
        if self.last_report is not None:
            from reader.index.problems import not_read

            return not_read(self.last_report.skipped)
        return self.index.skipped_count()

    def articles(self) -> list[ArticleInfo]:
        """Metadata of every indexed article (ArticleInfo list), in a stable order."""
        self.ensure_index()
        self._answered_from_index()
        return self.index.articles()

    def holds_articles(self) -> bool:
        """Whether the index holds any article. Not an answer from the index: the notices held
        about it (out of date) stay unsaid, as for a malformed query that read nothing."""
        self.ensure_index()
        return bool(self.index.articles())

    def replacements(self, articles: list[ArticleInfo] | None = None) -> Replacements:
        """Which articles a newer version of theirs replaces (a page `reader fetch` kept again
        when its outlet edited it), of `articles` (those of articles() when not given)."""
        from reader.index.article_versions import Replacements

        self.ensure_index()
        stored = self.index.replacements()  # as the last update worked them out
        if stored is not None and (articles is None or articles == self.index.articles()):
            self._answered_from_index()
            return stored
        articles = self.articles() if articles is None else articles
        kept = self._replacements
        # Each articles() is a new list of the same rows while the index is unchanged: the lists
        # compare equal by the rows' identity (cheap), and a change of any row recomputes.
        found = kept[1] if kept is not None and kept[0] == articles else Replacements.of(articles)
        # A copy (the caller may change its list), of these rows: the next compare is by identity
        self._replacements = (list(articles), found)
        return found

    def listed_versions(self, article: Article, *, missing: bool = False) -> dict:
        """The keys `list --json` gives an article's place among its versions (`version`,
        `previous`, `replaced_by`; with `missing`, `previous_missing` too: the id its `previous:`
        names when no article is that version), read from the one row the index stored for it
        (reading every chain doubled `show --json` at 50,000 articles); an article outside the
        index is in none."""
        from reader.index import IndexBusy, IndexFailure, IndexLocationError
        from reader.index.article_versions import UNVERSIONED, Replacements

        def fields(found: Replacements | None) -> dict:
            listed = dict(UNVERSIONED) if found is None else found.listed(article.id)
            if missing:
                listed["previous_missing"] = None if found is None else found.missing.get(article.id)
            return listed

        if self._corpus_id(article.path) is None or self._read_before_an_index(article):
            return fields(None)
        rows = self.index.version_rows([article.id])
        if rows is not None:
            return fields(Replacements.from_rows(rows))
        try:
            return fields(self.replacements())
        except (IndexBusy, IndexFailure, IndexLocationError):
            # no index to read (another process builds it, or it cannot be built here): a
            # path or whole id is still shown from its file, in no chain anyone can tell
            return fields(None)

    def current(self, articles: list[ArticleInfo], stories: list[Story]) -> tuple[list[ArticleInfo], list[Story]]:
        """The articles and stories as a comparison of outlets reads them: an article a newer
        version replaces left out (the newest stands for its outlet), from the stories too."""
        replacements = self.replacements(articles)
        if not replacements:
            return articles, stories
        return replacements.current(articles), replacements.current_stories(stories)

    def search(self, query: str, **options: Any) -> SearchResults:
        self.ensure_index()
        options.setdefault("listing", self.command_line("list"))  # what an outlet:zzz hint names
        results = self.index.search(query, **options)
        if (results.damaged or self.index.problem) and self._repair(results.error):
            results = self.index.search(query, **options)
        if results.answered:
            self._answered_from_index()
        if results.hits:
            self._mark_versions(results.hits)
        return results

    def _mark_versions(self, hits: list) -> None:
        """Two versions of an article found are told apart as `reader list` tells them (they
        were two hits of one title, outlet and date, the replaced one unmarked)."""
        replacements = self.replacements()
        if replacements:
            for hit in hits:
                if replacements.place(hit.id):
                    hit.versions, hit.version_mark = replacements.listed(hit.id), replacements.mark(hit.id)

    def _repair(self, reason: str | None) -> bool:
        """When the index turned out damaged on reading (a file does not match its checksum),
        rebuild it with a notice (the CLI's way; the app shows the error instead). True if rebuilt."""
        if not self.auto_update:
            return False
        self.on_notice(f"{(reason or self.index.problem or 'the index is damaged').split(';')[0]}; rebuilding it")
        self.update(rebuild=True)
        return True

    def story_named(self, asked: str, stories: list[Story] | None = None) -> str:
        """The id of the story `asked` names: its id, or the start of one when no other story id
        starts the same way (as article ids). StoryNotFound otherwise: a story is named by its
        earliest article, so an id saved before an update may name no story now. `stories`: those
        of stories() when not given (a caller that has read them already)."""
        stories = self.stories() if stories is None else stories
        ids = [story.id for story in stories]
        if asked in ids:
            if ids.count(asked) > 1:
                raise self._shared_id(asked, [story for story in stories if story.id == asked])
            return asked
        matches = sorted(set(sid for sid in ids if asked and sid.startswith(asked)))
        if len(matches) == 1:
            if ids.count(matches[0]) > 1:
                raise self._shared_id(matches[0], [story for story in stories if story.id == matches[0]])
            return matches[0]
        if len(matches) > 1 and STORY_ID_AT_40_BITS.fullmatch(asked):  # one id at 10 digits, shared then
            raise self._shared_id(asked, [story for story in stories if story.id.startswith(asked)], saved_short=True)
        if len(matches) > 1:
            shown = ", ".join(_alike_shown(matches[:ID_CANDIDATES_SHOWN]))
            more = f" and {len(matches) - ID_CANDIDATES_SHOWN} more" if len(matches) > ID_CANDIDATES_SHOWN else ""
            raise StoryNotFound(f"{asked!r} starts {len(matches)} story ids ({shown}{more}): give more of the id")
        meant = story_id_meant(asked, ids)
        if meant is not None:
            raise StoryNotFound(f"no story with id {asked!r}; did you mean {meant!r}?")
        raise StoryNotFound(
            f"no story with id {asked!r} ({STORY_ID_CHANGES}: `{self.command_line('stories')}` lists them as they are now)"
        )

    def _shared_id(self, story_id: str, stories: list[Story], saved_short: bool = False) -> StoryIdShared:
        """The error for an id several stories have: each on a line of its own (its first
        article, how many, its label), and the command that compares one by its article;
        `saved_short`: an id saved at 10 digits that starts theirs, each line with its whole id."""
        from reader.wording import SHOWN_LABEL_CELLS, clipped_cells

        lines = []
        for story in stories:
            # Escaped where said (print_error), as every name in a message.
            label = clipped_cells(" ".join(str(story.label or "").split()), SHOWN_LABEL_CELLS)
            count = len(story.articles)
            lines.append(
                f"  {f'{story.id} ' if saved_short else ''}{story.articles[0] if story.articles else '-'}"
                f" ({count} article{'s' if count != 1 else ''}): {label}"
            )
        if saved_short:
            message = (
                f"story id {story_id} (saved when ids had 10 digits, which these stories' ids share) names "
                f"{len(stories)} stories now; name one by its whole id or one of its articles:"
            )
        else:
            message = (
                f"story id {story_id} names {len(stories)} stories; name one by one of its articles "
                f"(`{self.command_line('compare ARTICLE')}`):"
            )
        return StoryIdShared(message, stories, lines)

    def match_outlet(self, asked: str) -> OutletMatch:
        """The corpus's outlet that `asked` means (name, alias, unique prefix or word), as an
        OutletMatch; raises OutletNotFound (none, or several) with a one-line reason."""
        from reader.corpus.outlet_match import match_outlet

        return match_outlet(asked, (a.outlet for a in self.articles() if a.outlet), self.command_line("list"))

    def match_ranges(self, article_id: str, query: str) -> list[tuple[int, int]]:
        """Character ranges of the query's matches in the article's clean text: the first
        MAX_HIGHLIGHTS (a `MatchRanges`, `capped` when there are more)."""
        return self.index.match_ranges(article_id, query)

    def stories(self) -> list[Story]:
        self.ensure_index()
        self._answered_from_index()
        return self.index.stories()

    def story_spans(self, stories: list[Story] | None = None) -> dict[str, StorySpan]:
        """Each story's outlets and first and last dates, by story id, as `coverage` counts them
        (reader.analysis.coverage.story_spans); `stories`: those of stories() when not given."""
        from reader.analysis.coverage import story_spans

        return story_spans(*self.current(self.articles(), self.stories() if stories is None else stories))

    def coverage(
        self, *, active_days: int | None = None, since: str | None = None, until: str | None = None
    ) -> Coverage:
        """Which outlets covered each stored story and which did not, with the user's leanings
        (reader.analysis.coverage). Reads the stored grouping: nothing is regrouped."""
        from reader.analysis.coverage import compute_coverage
        from reader.corpus.outlets import default_registry

        registry = default_registry()

        def leaning_of(name: str) -> str | None:
            outlet = registry.get(name)
            return outlet.leaning if outlet is not None else None

        articles, stories = self.current(self.articles(), self.stories())
        return compute_coverage(articles, stories, leaning_of, active_days=active_days, since=since, until=until)

    # -- user state ------------------------------------------------------------------------
    @property
    def marks(self) -> MarkStore:
        """Read marks and bookmarks of this corpus (a MarkStore in the user data dir)."""
        if self._marks is None:
            from reader.state.marks import MarkStore

            self._marks = MarkStore(config.data_dir() / "marks.sqlite3", self.roots)
        return self._marks

    def shown_marks(self, articles: list[ArticleInfo] | None = None) -> dict[str, Mark]:
        """{article id: Mark} of the marked articles as the lists show them: a star or read mark
        set on an older version shows on its newest (read there as `updated` since), as
        reader.state.version_marks says (a version deleted since counts: Replacements.gone).
        MarksUnreadable when the marks file cannot be read; MarksBusy when another process
        kept it locked for LIST_WAIT_SECONDS (a list is not held up 10 s for its marks)."""
        from reader.state.marks import LIST_WAIT_SECONDS
        from reader.state.version_marks import shown_marks

        marks = self.marks.all(wait=LIST_WAIT_SECONDS)
        replacements = self.marks_replacements(articles)
        return shown_marks(marks.keys() | replacements.with_older_marks(), marks, replacements)

    def marks_replacements(self, articles: list[ArticleInfo] | None = None) -> Replacements:
        """replacements(), with the version links kept in the marks file that the index has not
        read yet: those a `state import` brought, or a mark set on an older version kept
        (version_marks.links_to_keep) after an update had let them go. The next index update
        reads them; till then a deleted version's marks still show on its newest (`reader list`
        reads the index as it is). The stored ones when the links add nothing (the usual case)."""
        replacements = self.replacements(articles)
        kept = self._version_links().kept() or {}
        remembered = replacements.remembered
        if all(remembered.get(article) == older for article, older in kept.items()):
            return replacements
        from reader.index.article_versions import Replacements, in_chains

        links = {**kept, **remembered}
        return Replacements.of(in_chains(self.articles() if articles is None else articles, links), links)

    def marks_state(self) -> dict[str, Any]:
        """What `reader state` says of this corpus's marks: how many are read and starred (the
        unattached not counted), and the `unattached` ones ({"id", "read", "starred"}, by id): of
        no article of the corpus, nor of a deleted version whose marks count for its newest
        (Replacements.versions), so no list shows them. They stay in the marks file (and `state export`): its file put back, or a
        renamed version named again, brings them back. MarksUnreadable as shown_marks()."""
        from reader.state.marks import LIST_WAIT_SECONDS

        marks = self.marks.all(wait=LIST_WAIT_SECONDS)
        present = {a.id for a in self.articles()}
        replacements = self.marks_replacements()
        unattached = [
            {"id": article_id, "read": mark.read, "starred": mark.starred}
            for article_id, mark in sorted(marks.items())
            if article_id not in present and replacements.newest(article_id) not in present
        ]
        unattached_ids = {mark["id"] for mark in unattached}
        shown = [mark for article_id, mark in marks.items() if article_id not in unattached_ids]
        return {
            "marks_file": str(self.marks.path),
            "read": sum(mark.read for mark in shown),  # (an unattached mark is of no article of it)
            "starred": sum(mark.starred for mark in shown),
            "unattached": unattached,
        }

    @staticmethod
    def export_state() -> dict[str, Any]:
        """Every read mark and star of every corpus, and the links of older versions, as `reader
        state export` prints it (needs no corpus: a backup of them all)."""
        from reader import __version__
        from reader.state.marks import MarkStore
        from reader.state.transfer import export_document

        store = MarkStore(config.data_dir() / "marks.sqlite3", [config.fetched_corpus_dir()])
        return export_document(store, config.fetched_corpus_dir(), __version__)

    @staticmethod
    def repair_state() -> dict[str, Any]:
        """Repair a damaged marks file (`reader state repair`): set aside beside it, its marks
        salvaged into a new one. RepairReport.to_dict(); MarksUnreadable (MarksForeign,
        MarksNewer, MarksBusy) when it is left as it is. Needs no corpus: the file holds the
        marks of every corpus."""
        from reader.state.repair import repair

        return repair(config.data_dir() / "marks.sqlite3").to_dict()

    def repair_marks(self) -> dict[str, Any]:
        """repair_state() of this Library's marks file (the app's way to it)."""
        from reader.state.repair import repair

        return repair(self.marks.path).to_dict()

    def import_state(self, data: bytes, name: str) -> dict[str, Any]:
        """Merge an export's marks into this machine's (the newer of two wins), each folder's
        under the folder of this corpus that holds its articles: ImportReport.to_dict().
        BadStateFile for a file that is no export; MarksNotSaved when they cannot be written."""
        from reader.state.transfer import import_marks, parse_document

        exported = parse_document(data, name)
        chains = self._committed_chains()
        return import_marks(self.marks, exported, self.roots, config.fetched_corpus_dir(), chains).to_dict()

    def _committed_chains(self) -> Replacements | None:
        """The chains of versions as the index last stored them, without updating it (an import
        is no reason to index the corpus, nor to open it); None when there is no index to read
        them from."""
        from reader.index.article_versions import Replacements
        from reader.index.statedb import committed_versions

        try:
            rows = committed_versions(self.index_dir)
        except OSError:
            return None
        return Replacements.from_rows(rows) if rows is not None else None

    # -- single articles -------------------------------------------------------------------
    def article(self, target: str) -> Article:
        """An article by id, or by a path to a file (in the corpus or not; loaded on the fly)."""
        return self.articles_at(target)[0]

    def articles_at(self, target: str, *, typed: bool = False) -> list[Article]:
        """What `target` names, as article() finds it, except that a path to a feed or a JSON
        Lines file gives every article in it (each under its own id), not only the first;
        `PATH#n` names its article n (the entry's place, a JSON line's number), in the corpus
        or not. `typed`: by a user, who may not know which of two ids written alike but for
        composed or decomposed accents it is (_no_twin_of); an id from a list is exact."""
        if self._outside_the_corpus(target):
            # Read as the file is now: the index is neither built nor brought up to date for it,
            # and what there is to say about the index does not concern this answer.
            return self._articles_named_by_path(target)
        if (first := self._read_before_the_first_build(target)) is not None:
            return first
        try:
            self.ensure_index()
        except Exception:
            # Without an index a file is still read as it is now (`show PATH` on a read-only cache),
            # and so is the file an id names (`show PATH ID` stopped at the id, PATH unprinted).
            if self._unbuilt is None:
                raise
            if not _names_a_file(target):
                return self._articles_by_id_without_index(target, self._unbuilt)
        found = self.index.get(target)
        if found is None and self.index.problem and self._repair(None):
            found = self.index.get(target)
        if found is not None:
            self._answered_from_index()
            if typed:
                self._no_twin_of(target)
            return [found]
        if _names_a_file(target):
            return self._articles_named_by_path(target)
        return [self._by_id_prefix(target)]

    def _read_before_the_first_build(self, target: str) -> list[Article] | None:
        """The articles of the one corpus file a whole id or path names, read from the file, when
        a reading command (the CLI's) would otherwise build the whole index first: the first
        `reader show ID` on a new corpus waited for every article (13.9 s on basil-dev's 180). None when the
        index is there, is asked to be updated, or the target is no one file (an id's start,
        two files of one id) or a version of a page `reader fetch` kept again (its file names a
        `previous:` one, or a file beside it is named as its later version, `ID-v2`): the index
        is built, as before, to look it up or to tell its place among the versions."""
        if not self._files_first or self._reading != "committed" or self._updated or self._unbuilt is not None:
            return None
        if self.index.freshness()["indexed"]:
            return None
        base, number = _entry(target)
        files = self._files_named(base)
        if len(files) != 1:
            return None
        if any(sibling.name.startswith(f"{files[0].name.split('.')[0]}-v") for sibling in files[0].parent.iterdir()):
            return None  # a later version of it, as `reader fetch` names them: only the index tells which
        found = [self._article_of_file(files[0], base, number)] if number else self._articles_of_file(files[0], target)
        if any(article.previous for article in found):
            return None  # a later version of another: its place in the chain is the index's to tell
        if self._say_files_first and not self._read_without_index:  # said once, for the first
            self.on_notice(
                f"no index yet: read {target!r} from its file; the index (story, versions) is built by the"
                f" next command that needs it, or now by `{self.command_line('index')}`"
            )
        self._read_without_index.update(article.id for article in found)
        return found

    def _read_before_an_index(self, article: Article) -> bool:
        """Whether `article` was read from its file before any index was built
        (_read_before_the_first_build) and none has been since: looking up its story or versions
        would build one. A later target of the same command that built it (`reader show fox/a
        cnn/sch`, the start of an id) lets it be looked up after all."""
        return article.id in self._read_without_index and (not self._updated or self._unbuilt is not None)

    def _no_twin_of(self, article_id: str) -> None:
        """Raise UnknownArticle when another article's id is `article_id` but for how its accents
        are written, composed or decomposed (two files "café.md", one written on macOS): the two
        look alike wherever they are shown, and which of them an id typed is no one can see;
        the one it was, exactly, was shown without a word of the other."""
        if article_id.isascii():
            return
        from reader.corpus.decode import nfc

        typed = nfc(article_id)
        twins = sorted({info.id for info in self.index.articles() if nfc(info.id) == typed} | {article_id})
        if len(twins) > 1:
            raise UnknownArticle(
                f"{article_id!r} is the id of {len(twins)} articles, written alike but for how their accents are"
                f" encoded (composed or decomposed, as macOS names files): {', '.join(_alike_shown(twins))};"
                " give the file's path (as the shell's Tab completion writes it)"
            )

    def _outside_the_corpus(self, target: str) -> bool:
        """Whether `target` is the path of a file (or `PATH#n`) outside every corpus folder."""
        if not _names_a_file(target):
            return False
        return self._place(Path(target if _is_file(target) else _entry(target)[0]))[0] is None

    def _articles_named_by_path(self, target: str) -> list[Article]:
        """The articles of the file `target` names (`PATH#n`: its article n)."""
        if _is_file(target):
            return self._articles_of_file(Path(target), target)
        base, number = _entry(target)
        return [self._article_of_file(Path(base), base, number)]

    def _articles_by_id_without_index(self, target: str, unbuilt: Exception) -> list[Article]:
        """The articles of the corpus file an exact id or its file's name names (an id is its file's
        path in a corpus folder without the extension; `ID#n` one of its articles), read as a path is,
        when there is no index to look ids up in. Anything else (the start of an id, an id no
        file has) raises the index's error, naming the target and what to give instead."""
        base, number = _entry(target)
        files = self._files_named(base)
        if len(files) == 1:
            if number:
                return [self._article_of_file(files[0], base, number)]
            return self._articles_of_file(files[0], target)
        if files:
            raise type(unbuilt)(f"{target}: two files have this id ({files[0]}, {files[1]}); give the file's path")
        not_a_file = _not_an_article_file(target, self._folder_error)
        if not_a_file:  # a folder, a FIFO: nothing to do with the index
            raise not_a_file
        locked = self._in_unreadable_folder(target)
        if locked:  # a folder it cannot be found in
            raise ArticleNotFound(locked)
        raise type(unbuilt)(
            f"no article with id or path {target!r}; without an index only a whole id, or the file's name,"
            f" finds its file ({unbuilt})"
        )

    def _files_named(self, name: str) -> list[Path]:
        """The article files in the corpus folders whose id is `name` (_files_of_id), else the
        one whose path in a corpus folder is `name` ("000_d35….txt", "fox/budget.md"): a file's
        name as `ls` shows it, which is no id (ids have no extension)."""
        from reader.corpus.decode import nfc
        from reader.corpus.suffixes import article_stem, article_suffix

        files = self._files_of_id(name)
        if files or article_suffix(name) is None:
            return files
        wanted = nfc(Path(name).name)
        return [path for path in self._files_of_id(article_stem(name)) if nfc(path.name) == wanted]

    def _files_of_id(self, article_id: str) -> list[Path]:
        """The article files in the corpus folders whose id is `article_id`, exactly or but for
        how its accents are written, composed or decomposed (as the index's ids are looked up
        by their start: a name macOS wrote decomposed is found typed composed)."""
        from glob import escape

        from reader.corpus.decode import nfc
        from reader.corpus.suffixes import article_suffix, fetched_pages

        if not article_id or article_id.startswith("/"):
            return []
        typed = nfc(article_id)
        files: list[Path] = []
        for root in self.roots:
            stem = root / article_id
            try:  # glob's own look at the folder raises for a name too long (a typed id)
                if article_id.isascii():
                    candidates = sorted(stem.parent.glob(f"{escape(stem.name)}.*"))
                else:
                    candidates = _names_alike(root, typed)
            except OSError:
                continue
            for folder in {path.parent for path in candidates}:
                within = [path for path in candidates if path.parent == folder]
                pages = fetched_pages(folder, [path.name for path in within])
                files.extend(
                    path
                    for path in within
                    if path.name not in pages
                    and article_suffix(path.name)
                    and _is_file(path)
                    and nfc(self._place(path)[1] or "") == typed
                )
        return sorted(files)

    def in_corpus(self, article: Article) -> bool:
        """Whether `article` is the indexed article of its id (its id names it), not one of a
        file loaded on the fly."""
        if self._corpus_id(article.path) is None:
            return False  # outside the corpus: the index is not read for it
        found = self.index.get(article.id)
        return found is not None and _same_file(found.path, article.path)

    def articles_of_stream(self, stream: BinaryIO, target: str = STDIN) -> list[Article]:
        """The articles piped in on `stream` (standard input, read to its end: `reader show -`),
        read as a file's are, their format told from their content: named `-` (`-#n` in a feed or
        JSON Lines); `target` `-#n` gives article n alone. ArticleNotFound says why there is none
        (nothing piped in, no article text...)."""
        from reader.corpus import load_stream

        base, number = _entry(target)
        if base != STDIN:
            raise ValueError(f"not standard input: {target!r}")
        result = load_stream(stream, STDIN)
        self._say_load_problems(result, "standard input", STDIN, say_skips=not number)
        if not result.articles:
            reason = result.skipped[0].reason if result.skipped else "no article in it"
            raise ArticleNotFound(f"standard input: {reason}")
        return [_numbered(result.articles, "standard input", number)] if number else result.articles

    def _article_of_file(self, path: Path, target: str, number: str) -> Article:
        return _numbered(self._articles_of_file(path, target, say_skips=False), target, number)

    def _articles_of_file(self, path: Path, target: str, *, say_skips: bool = True) -> list[Article]:
        """The articles of the file at `path` as it is now: as indexed when the index holds this
        very file and its bytes (and its folder's corpus.yaml) have not changed since, else
        loaded on the fly. An article loaded on the fly whose id is another file's indexed
        article (another file with the same name, in the corpus or not) gets `target` as its id
        (with its "#n"): the id must not name, nor bring the quotations of, the other article.
        `say_skips`: the entries it skipped are said (not when one entry alone was asked for)."""
        root, corpus_id = self._place(path)
        if corpus_id is not None:
            indexed = [
                found
                for info in self.index.articles()
                if info.id.partition("#")[0] == corpus_id
                and (found := self.index.get(info.id)) is not None
                and _same_file(found.path, path)
            ]
            if indexed and self._unchanged_since_indexed(path, indexed[0].id):
                self._answered_from_index()
                return indexed
        from dataclasses import replace

        from reader.corpus import load_file, load_path

        result = load_path(path) if root is None else load_file(self._within(path, root), root)
        self._say_load_problems(result, target, say_skips=say_skips)
        if not result.articles:
            reason = result.skipped[0].reason if result.skipped else "no article in it"
            raise ArticleNotFound(f"{target}: {reason}")
        out = []
        for article in result.articles:
            if self._names_another_file(article.id, path, root):
                article = replace(article, id=target + article.id[len(article.id.partition("#")[0]) :])
            # A file outside the corpus keeps its path as given; a corpus file's is its indexed
            # article's (edited since the update, `show news/a.md` gave "news/a.md", and
            # "/home/me/news/a.md" once indexed again; through a link, the link's path).
            article = replace(article, path=path if root is None else self._as_indexed(path, root))
            out.append(article)
        return out

    def _say_load_problems(self, result, target: str, entry_base: str | None = None, *, say_skips: bool = True) -> None:
        """What was said of a file loaded on the fly that was read all the same (bytes after its
        compressed data ignored, a date refused), a line each through on_notice, as `reader
        index` says it of a corpus file: it was dropped without a word. So are the entries it
        skipped when others loaded (`reader show mixed.json`, a list's null item; a JSON Lines
        file's bad line), the first _SAID_SKIPS of them and a count of the rest, each named as
        its article would be (`entry_base`, else `target`, with its "#n")."""
        for problem in result.skipped:
            if problem.warning:
                self.on_notice(f"warning: {target}: {problem.reason}")
        if not result.articles or not say_skips:
            return  # (none: the caller says why there is none)
        entries = [problem for problem in result.skipped if not problem.warning]
        base = target if entry_base is None else entry_base
        for problem in entries[:_SAID_SKIPS]:
            number = problem.path.rpartition("#")[2] if "#" in problem.path else ""
            self.on_notice(f"skipped {base}{'#' + number if number else ''}: {problem.reason}")
        if len(entries) > _SAID_SKIPS:
            self.on_notice(f"and {len(entries) - _SAID_SKIPS:,} more entries of {target} skipped")

    def _names_another_file(self, article_id: str, path: Path, root: Path | None) -> bool:
        """Whether `article_id`, of an article of the file at `path` loaded on the fly, names
        another file's article: an indexed one, or for a file outside the corpus a corpus file
        of that id (the index is not opened for it, only asked when it is open already)."""
        if root is None:
            if self._files_of_id(article_id.partition("#")[0]):
                return True
            return self._index is not None and self._index.get(article_id) is not None
        other = self.index.get(article_id)
        return other is not None and not _same_file(other.path, path)

    def _as_indexed(self, path: Path, root: Path) -> Path:
        """The path the index gives the corpus file at `path` under `root` (_place's): its place
        under the corpus folder as given, made absolute, links not resolved (`show link/a.md` of
        the corpus `news` is /home/me/news/a.md, as `list` names it)."""
        within = self._within(path, root)
        given = next((r for r in self.roots if root in (r.resolve(), Path(os.path.abspath(r)))), None)
        if given is None or not within.is_relative_to(root):
            return Path(os.path.abspath(path))
        return Path(os.path.abspath(given)) / within.relative_to(root)

    @staticmethod
    def _within(path: Path, root: Path) -> Path:
        """The path of a file under `root` (_place's): its real path, else the path through the
        link that leads out of the root."""
        resolved = path.resolve()
        return resolved if resolved.is_relative_to(root) else Path(os.path.abspath(path))

    def _unchanged_since_indexed(self, path: Path, article_id: str) -> bool:
        """Whether the file holds what the index read from it (its content hash, with its
        folder's corpus.yaml, is the one recorded for `article_id`'s file)."""
        recorded = self.index.file_hash(article_id)
        if recorded is None:
            return False
        from reader.index.store import content_hash

        try:
            return content_hash(path) == recorded
        except OSError:
            return False

    def story_as_indexed(self, article: Article) -> tuple[bool, str | None]:
        """Whether the index holds `article`, this very file, and the story id it gives it: a
        file read without the index (outside the corpus, standard input, the first `show` before
        any index was built) is not, and its story and version say nothing yet (`--json`'s
        `indexed`: a script tells a null story of an unindexed file from one of no story)."""
        if self._corpus_id(article.path) is None or self._read_before_an_index(article):
            return False, None  # outside the corpus (or standard input): the index is not read for it
        found = self.index.get(article.id)
        if found is None or not _same_file(found.path, article.path):
            return False, None
        self._answered_from_index()
        return True, found.story

    def _by_id_prefix(self, target: str) -> Article:
        """The one article whose id starts with `target` (as git takes a commit's first digits:
        ids are long), or ArticleNotFound naming the candidates when there are several."""
        if not target.strip():  # `reader show "$ID"` with ID unset: "no article with id or path ''" said little
            raise ArticleNotFound("an empty article id or path (is a shell variable unset?)")
        from reader.corpus.decode import nfc

        listed = self.index.articles()
        # Composed or not alike: a name macOS wrote decomposed ("cafe\u0301.md") is the id of the
        # "café" typed composed, which found no article.
        typed = nfc(target)
        infos = [info for info in listed if target and nfc(info.id).startswith(typed)]
        matches = [info.id for info in infos]
        folder = target.rstrip("/")
        if matches and folder and all(one.startswith(f"{folder}/") for one in matches):
            # `show fox` of the folder fox: its one article was shown (and with two, "starts 2 ids")
            # as though the folder's name were the start of that article's id
            self._answered_from_index()
            raise self._corpus_folder_error(target, folder, matches)
        if len(matches) == 1 and (found := self.index.get(matches[0])) is not None:
            self._answered_from_index()
            return found
        if len(matches) > 1:
            self._answered_from_index()
            matches.sort(key=natural_order)  # feed#1, feed#2, ... feed#10: not the index's order
            shown = ", ".join(_alike_shown(matches[:ID_CANDIDATES_SHOWN]))
            more = f" and {len(matches) - ID_CANDIDATES_SHOWN} more" if len(matches) > ID_CANDIDATES_SHOWN else ""
            paths = {info.path for info in infos}
            # `reader show feed`: the ids of one feed's articles, which its path names all at once
            one_file = (
                f"; all are articles of {next(iter(paths))}, named all at once by its path" if len(paths) == 1 else ""
            )
            raise UnknownArticle(
                f"{target!r} starts {len(matches)} article ids ({shown}{more}): give more of the id{one_file}"
            )
        not_a_file = _not_an_article_file(
            target, lambda folder: self._folder_error(folder, [info.id for info in listed])
        )
        if not_a_file:
            raise not_a_file
        named = self._article_of_file_name(target, [info.id for info in listed])
        if named is not None:
            self._answered_from_index()
            return named
        self._answered_from_index()  # none in the index as it is: it may lack a file added since
        skipped = self._skipped_file(target)
        if skipped is not None:  # "no article with id" hid why: the file is there, and was skipped
            raise ArticleNotFound(f"{target!r} is the file {skipped['path']}, skipped: {skipped['reason']}")
        locked = self._in_unreadable_folder(target)
        if locked:
            raise ArticleNotFound(locked)
        hint = self._id_hint(target)
        raise UnknownArticle(
            f"no article with id or path {target!r}{hint or self._ids_pointer()}", nothing_near=not hint
        )

    def _article_of_file_name(self, target: str, ids: list[str]) -> Article | None:
        """The indexed article a corpus file's name with its suffix names, as `ls` shows it
        ("2010-02-20-fox-40b85964.md", "fox/2010-02-20-fox-40b85964.md", "feed.xml#2"), when it
        names one (_id_of_a_file_name) and that article's file has that very name: "did you mean
        '2010-02-20-fox-40b85964'?" asked the reader to type what they had named. A name that is
        only the start of an id, or with another suffix than the file's, stays a hint."""
        article_id = _id_of_a_file_name(target, ids)
        found = self.index.get(article_id) if article_id is not None else None
        if found is None:
            return None
        name = _entry(target)[0]
        written = Path(found.path).as_posix()
        return found if written == name or written.endswith(f"/{name}") else None

    def _in_unreadable_folder(self, target: str) -> str | None:
        """Why an id's article cannot be found, when a folder on its way (`locked` of
        `locked/notes`) cannot be read: "no article with id or path" would say there is none,
        where `reader index` said it skipped the folder."""
        from reader.corpus.discover import unreadable_folder

        parts = Path(_entry(target)[0]).parts[:-1]
        if not parts or os.path.isabs(target) or ".." in parts:
            return None
        for root in self.roots:
            folder = str(root)
            for part in parts:
                folder = os.path.join(folder, part)
                if not os.path.isdir(folder):
                    break  # not this root's
                why = unreadable_folder(folder)
                if why is not None:
                    return f"{folder}: {why} ({target!r} may be in it)"
        return None

    def _skipped_file(self, target: str) -> dict | None:
        """The problem the index recorded for the corpus file whose id is `target` ({"path",
        "reason"}), when that file was skipped."""
        for problem in self.index.skipped():
            path = problem.get("path")
            if path and target in (self._written_id(path), self._corpus_id(Path(path))):
                return problem
        return None

    def _written_id(self, path: str) -> str | None:
        """The id of a corpus file by its path as written, links not followed: a skipped link's
        (one to nothing, a second way to a corpus file), whose real path names another file."""
        written = Path(os.path.abspath(path))
        for root in self.roots:
            try:
                relative = written.relative_to(os.path.abspath(root))
            except ValueError:
                continue
            if relative.name:
                return relative.with_suffix("").as_posix()
        return None

    def _ids_pointer(self) -> str:
        """Where to find the ids, when no id comes near the one typed: "no article with id" alone
        left a newcomer guessing what an id looks like (a file's path in the corpus, no extension).
        None when a notice said the index is out of date: `list` would lack a file added since,
        and that notice already says how to update it; nor in the app (no reading command), which
        lists the articles itself."""
        if self._reading is None or self._index_doubted:
            return ""
        if not self.index.articles():  # "`reader list` lists every id" sent a newcomer to a list of none
            where = " and ".join(str(root) for root in self.roots)
            holds = "holds" if len(self.roots) == 1 else "hold"  # ("news, fetched holds no article")
            return f"; {where} {holds} no article (`{self.command_line('list')}` says why)"
        return f"; `{self.command_line('list')}` lists every id"

    def _id_hint(self, target: str) -> str:
        """'; did you mean ID?' for the one id within two typed characters of `target` (a digit
        off, two swapped): ids of one day and outlet share most of their characters, so a looser
        likeness would name another article."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        from reader.corpus.suffixes import SUPPORTED_SUFFIXES

        ids = [info.id for info in self.index.articles()]
        by_name = _id_of_a_file_name(target, ids)
        if by_name is not None:  # `ls seeds` shows 000_….txt: an id is written without its extension
            return (
                f"; did you mean {by_name!r}? (an article id is its file's path in the corpus, without the extension)"
            )
        if target.startswith("~") and _is_file(os.path.expanduser(target)):
            return f"; did you mean {os.path.expanduser(target)!r}? (a quoted ~ is not your home folder)"
        # A path, no id: say so as cat and rg do. `show` reads a .json file too (by its content), and
        # "x.txt#2" is a path with an entry number (Path's suffix of it is ".txt#2").
        suffix = Path(_entry(target)[0]).suffix.lower()
        if target.startswith(("/", "./", "../", "~")) or suffix in SUPPORTED_SUFFIXES | {".json"}:
            return ": there is no such file"
        if len(target) < SHORTEST_NAME_START:
            return ""
        holding = _most_fully_named(target, _ids_holding(target, ids))
        if len(holding) == 1:
            return f"; did you mean {holding[0]!r}?"
        close = process.extract(target, ids, scorer=Levenshtein.distance, score_cutoff=2, limit=2)
        if len(close) == 1 and close[0][0].partition("#")[0] != target.partition("#")[0]:
            # (not 'feed#1' for 'feed#2', a broken entry: another entry of the file, no typo)
            return f"; did you mean {close[0][0]!r}?"
        if 1 < len(holding) <= ID_CANDIDATES_SHOWN:
            return f"; did you mean one of {', '.join(map(repr, sorted(holding, key=natural_order)))}?"
        return ""

    def _corpus_id(self, path: Path) -> str | None:
        """The id a file has in this corpus, or None when it lies outside every root."""
        return self._place(path)[1]

    def _place(self, path: Path) -> tuple[Path | None, str | None]:
        """(the root a file lies in, its id there), or (None, None) outside every root. A file
        inside a root by its real path is named by that path (links followed); one outside by
        its real path but reached through a link in a root is named by that path with
        --follow-links, as the index names it (without it, such a file is no corpus file)."""
        from reader.corpus.suffixes import is_compressed

        # not path.resolve(): it raises on a symbolic link loop before Python 3.13, and the index
        # records a corpus's loops among its skipped files, whose ids are looked up here
        resolved = Path(os.path.realpath(path))
        for root in self.roots:
            try:
                relative = resolved.relative_to(root.resolve())
            except ValueError:
                continue
            if not relative.name:  # the root itself (`sub/up -> ..`): a folder, no file's id
                return None, None
            stem = relative.with_suffix("")
            if is_compressed(relative.name):  # "page.html.gz" is the article "page"
                stem = stem.with_suffix("")
            return root.resolve(), stem.as_posix()
        if not self.follow_links:
            return None, None
        written = Path(os.path.abspath(path))
        for root in self.roots:
            try:
                relative = written.relative_to(os.path.abspath(root))
            except ValueError:
                continue
            return Path(os.path.abspath(root)), relative.with_suffix("").as_posix()
        return None, None

    def quotes(self, article: Article, cancel: Callable[[], bool] | None = None) -> list[Quote]:
        """Quotations of an article: stored in the index when it is indexed as it is (the same
        text: a file changed since it was indexed is read as it is now), computed otherwise
        (`cancel()` true stops that: Cancelled)."""
        if self._corpus_id(article.path) == article.id.partition("#")[0]:
            indexed = self.index.get(article.id)
            stored = self.index.quotes(article.id) if indexed is not None and indexed.text == article.text else None
            if stored is not None:
                return stored
        from reader.analysis.quotes import find_quotes

        return find_quotes(article.text, cancel=cancel)

    def quotations(self, article: Article, cancel: Callable[[], bool] | None = None) -> list[Quotation]:
        """Quotations of an article as a reader counts them: the parts of an interrupted quotation
        ("I trust in God," he said, "but ...") or of one running over paragraphs joined into one
        (reader.quotations); `quotes` gives the parts, as the comparison uses them."""
        from reader.quotations import quotations

        return quotations(article.text, self.quotes(article, cancel))

    def compare(
        self,
        left: Article,
        right: Article,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> Comparison:
        """The comparison of two articles; `progress` hears each step as (0, 0, its words):
        FINDING_QUOTES, then LINKING; and (done, total, "sentences encoded") while the sentences
        of long articles never compared before go through the encoder (within LINKING).
        `cancel()` true stops it within a fraction of a second (Cancelled, from
        reader.analysis.cancel): nothing is kept of it but whole sentence encodings. SameArticle
        when both sides are one article."""
        from reader.analysis.cancel import check
        from reader.analysis.framing import default_framing_words

        if same_article(left, right):
            raise SameArticle(f"{left.id} is on both sides: a comparison needs two different articles")
        # The same articles as they are now, judged with the same framing lists (reloaded when
        # the user's framing.yaml changes: a new object, so no longer the kept one).
        words = default_framing_words()
        key = tuple((a.id, a.outlet, a.title, a.date, a.text) for a in (left, right))
        while True:
            with self._comparisons_lock:
                kept = self._comparisons.get(key)
                if kept is not None and kept[0] is words:
                    self._comparisons[key] = self._comparisons.pop(key)  # the newest now
                    return kept[1]
                under_way = self._comparisons_made.get(key)
                if under_way is None:
                    done = self._comparisons_made[key] = threading.Event()
                    break
            # The same comparison is being made (the app's, left and opened again): wait for it
            # instead of making it twice at once; if it failed or was cancelled, make it here.
            while not under_way.wait(0.05):
                check(cancel)
        try:
            comparison = self._compare(left, right, progress, cancel)
            with self._comparisons_lock:
                self._comparisons.pop(key, None)
                self._comparisons[key] = (words, comparison)
                while len(self._comparisons) > COMPARISONS_KEPT:
                    del self._comparisons[next(iter(self._comparisons))]
        finally:
            with self._comparisons_lock:
                del self._comparisons_made[key]
            done.set()
        return comparison

    def _compare(
        self, left: Article, right: Article, progress: Progress | None, cancel: Callable[[], bool] | None
    ) -> Comparison:
        from reader.analysis.compare import compare
        from reader.analysis.contextual import ENCODING_PROGRESS

        _sentences_on_disk()
        reporting = ENCODING_PROGRESS.set(
            None if progress is None else (lambda done, total: progress(done, total, "sentences encoded"))
        )
        try:
            with self._comparing:
                # A file outside the corpus has none stored: found here, where Escape must stop it too.
                if progress is not None:
                    progress(0, 0, FINDING_QUOTES)
                quotes = self.quotes(left, cancel), self.quotes(right, cancel)
                if progress is not None:  # sentences already encoded: seconds of linking, said too
                    progress(0, 0, LINKING)
                comparison = compare(left, right, left_quotes=quotes[0], right_quotes=quotes[1], cancel=cancel)
        finally:
            ENCODING_PROGRESS.reset(reporting)
        self._tell_if_sentence_cache_off()
        for notice in comparison.notices():  # said on stderr too: the output may be piped or --json
            self.on_notice(f"warning: {notice}")
        return comparison

    def _tell_if_sentence_cache_off(self) -> None:
        """A sentence cache that went off (its file unreadable, a folder in its place, a
        read-only cache folder) is one warning through on_notice, once a process: the
        comparison went on without it, only slower."""
        from reader.analysis.contextual import encoder

        try:
            disk = encoder().disk  # loaded by now: the comparison or preparation used it
        except Exception:  # no model to load: nothing was kept on disk either
            return
        problem = disk.take_warning() if disk is not None else None
        if problem:
            self.on_notice(f"warning: {problem}; comparisons are made without it (slower)")

    def stories_or_empty(self) -> list[Story]:
        """stories(), or [] when they cannot be read (the grouping is a convenience there)."""
        try:
            return self.stories()
        except Exception:  # the story grouping is a convenience here: go on without it
            return []

    def partner(
        self,
        article: Article,
        stories: list[Story] | None = None,
        articles: list[ArticleInfo] | None = None,
        known: KnownKeys | None = None,
        *,
        edit_first: bool = False,
    ) -> str:
        """The id of the article to show beside `article` in a comparison when none is asked for
        (reader.analysis.versions: another outlet's version of its story first; `edit_first`, an
        article asked for by name: an older version's newest first, what the outlet changed, as
        `reader show` of it suggests, where another outlet's beside a replaced text mostly shows
        what the edit changed since). Raises
        NoOtherVersion when no other article tells its story (versions() lists what the user
        may choose instead), ArticleNotFound when there is no other article at all. `stories`,
        `articles`: those of stories() and articles() when not given (a caller that has read them
        already: each read is a query of the whole index); `known`: the texts' sentence keys read
        so far (_copy_test), for a caller asking of several articles."""
        from reader.analysis.versions import pick_partner

        articles = self.articles() if articles is None else articles
        current, current_stories = self.current(articles, self.stories_or_empty() if stories is None else stories)
        # An older version is in its story as its newest is (which is not its partner: the same outlet)
        newest = self.replacements(articles).newest(article.id)
        if edit_first and newest != article.id:
            return newest
        standing = article if newest == article.id else _Standing(newest, article.outlet, article.title)
        found = pick_partner(standing, current, current_stories, self._copy_test(article, known))
        if found is None and newest != article.id:
            found = newest  # no other outlet tells it: what the outlet changed
        if found is None:
            if any(a.id != article.id for a in articles):
                raise NoOtherVersion("No other article tells this story.")
            if not articles:  # a file outside an empty corpus was "the only article in the corpus"
                why = "the corpus has no article"
            elif self.in_corpus(article):
                why = "it is the only article in the corpus"
            else:
                why = "the corpus has no other article"
            raise ArticleNotFound(f"no other article to compare {article.id} with: {why}")
        return found

    def _copy_test(self, article: Article, known: KnownKeys | None = None) -> Callable[[str], bool]:
        """Whether the article of an id is a word-for-word copy of `article` (one that cannot be
        read is not: the comparison says what is wrong with it). `known`: each id's sentence keys,
        filled as they are read (a story's members are checked against several of its articles)."""
        from reader.analysis.versions import CopyCheck

        check = CopyCheck(article.text)
        keys = KnownKeys() if known is None else known

        def is_copy(article_id: str) -> bool:
            found = self._sentence_keys(article_id, keys)
            return found is not None and check.copied_by_keys(found)

        return is_copy

    def _sentence_keys(
        self, article_id: str, known: KnownKeys, read: Callable[[str], Article] | None = None
    ) -> Counter[str] | None:
        """The sentence keys (versions.sentence_keys) of an article's text, kept in `known`, or
        None when it cannot be read (not known to be a copy of any). `read`: article() unless given."""
        from reader.analysis.versions import sentence_keys

        if article_id not in known.by_id:
            try:
                text = (read or self.article)(article_id).text
            except Exception:
                return None
            # A wire story's reprints are mostly the same text: split into sentences once (the
            # split was two thirds of the time of passing over 100 reprints).
            if text not in known.by_text:
                known.by_text[text] = sentence_keys(text)
            known.by_id[article_id] = known.by_text[text]
        return known.by_id[article_id]

    def story_pair(
        self, members: Sequence[str], stories: list[Story], articles: list[ArticleInfo]
    ) -> tuple[Article, str, bool]:
        """The two articles `reader compare STORY` compares, of the story's `members` (those no
        newer version replaces): its first and the partner c would set beside it, unless that is a
        word-for-word copy and another member has a pair that is not (versions.pick_pair). The
        third item: whether the pair is a copy all the same (every pair checked is one). Raises as
        partner() does for the first member when none has a partner."""
        from reader.analysis.versions import SurelyCopies, pick_pair

        known = KnownKeys()
        read: dict[str, Article] = {}
        replacements = self.replacements(articles)
        current = not any(replacements.is_replaced(m) for m in members)

        def article(article_id: str) -> Article:
            if article_id not in read:
                read[article_id] = self.article(article_id)
            return read[article_id]

        def partner_of(article_id: str) -> str | None:
            try:
                return self.partner(article(article_id), stories, articles, known)
            except (NoOtherVersion, ArticleNotFound):
                return None

        def is_copy(left: str, right: str) -> bool:
            return self._copy_test(article(left), known)(right)

        def text_of(article_id: str) -> object:
            try:
                return article(article_id).text
            except ArticleNotFound:
                return article_id  # unreadable: tried as itself (partner_of says None)

        surely: list[SurelyCopies] = []

        def copies_every_other(article_id: str) -> bool:
            # Read once the first pair is a copy (an ordinary story's first pair differs: its
            # other members are never read). partner() looks among these members: a story of
            # replaced articles only (members, then, are not its current ones) is not told.
            if not current:
                return False
            if not surely:
                surely.append(SurelyCopies([self._sentence_keys(m, known, article) for m in members]))
            return surely[0].of(self._sentence_keys(article_id, known, article))

        found = pick_pair(members, partner_of, is_copy, text_of, copies_every_other)
        if found is None:  # the first member's reason, raised
            first = article(members[0])
            self.partner(first, stories, articles, known)
            raise NoOtherVersion("No other article tells this story.")  # partner() raises before this
        left, right, copy = found
        return article(left), right, copy

    def story_comparison(
        self, story: Story | str, stories: list[Story] | None = None, articles: list[ArticleInfo] | None = None
    ) -> tuple[Article, str, bool]:
        """The pair `reader compare STORY` compares, and the app's `c` on a story's row: story_pair()
        over the story's articles that no newer version replaces (the first article and its partner
        set beside a copy, where two others differ). `story`: a story, or its id (StoryNotFound
        when no story has it now: an index update regrouped them). `stories`, `articles`: as for
        partner(). Raises as story_pair() does."""
        articles = self.articles() if articles is None else articles
        stories = self.stories_or_empty() if stories is None else stories
        if isinstance(story, str):
            found = next((s for s in stories if s.id == story), None)
            if found is None:
                raise StoryNotFound(f"no story with id {story!r} now ({STORY_ID_CHANGES})")
            story = found
        members = self.replacements(articles).current_members(story) or story.articles
        return self.story_pair(members, stories, articles)

    def copies(self, article_id: str, ids: Sequence[str]) -> set[str]:
        """Those of `ids` that are word-for-word copies of `article_id` (a wire story reprinted):
        the version picker says so, and lists them after the others. Empty when it cannot be read."""
        try:
            is_copy = self._copy_test(self.article(article_id))
        except Exception:  # the picker lists the versions all the same
            return set()
        return {other for other in ids if other != article_id and is_copy(other)}

    def versions(self, article_id: str) -> list[Version]:
        """Every other article, as a Version; versions of the same story as `article_id` first;
        one of a chain of versions fetched marked as `reader list` marks it."""
        from dataclasses import replace

        from reader.analysis.versions import other_versions

        articles = self.articles()
        replacements = self.replacements(articles)
        found = other_versions(article_id, articles, self.stories_or_empty())
        if not replacements:
            return found
        return [replace(v, title=v.title + replacements.mark(v.id)) if replacements.place(v.id) else v for v in found]

    def versions_of_one_page(self, left_id: str, right_id: str) -> tuple[VersionPlace, VersionPlace] | None:
        """The places of two articles in their chain when they are versions of one page `reader
        fetch` kept again (Replacements.of_one_page), else None; None too without an index."""
        from reader.index import IndexBusy, IndexFailure, IndexLocationError

        try:
            return self.replacements().of_one_page(left_id, right_id)
        except (IndexBusy, IndexFailure, IndexLocationError):
            return None

    def prepare_comparisons(self, article_id: str, cancel: Callable[[], bool] | None = None) -> list[str]:
        """Encode ahead the sentences the comparisons of `article_id` will read (the article and
        up to PREPARE_VERSIONS of its likely partners, versions.likely_partners), so that comparing
        it then finds them in the contextual encoder's cache. Nothing when no other outlet has a
        version of its story. The ids whose sentences are now encoded, the article first.

        An optimisation in the background: it never raises (an article that fails to load is just
        not prepared); `cancel()` true stops it between articles.
        """
        try:
            from reader.analysis.versions import likely_partners

            article = self.article(article_id)
            partners = likely_partners(article, self.articles(), self.stories_or_empty())[:PREPARE_VERSIONS]
        except Exception:
            _log_skipped("the comparisons of", article_id)
            return []
        if not partners:
            return []
        from reader.analysis.cancel import Cancelled
        from reader.analysis.compare import linker_texts
        from reader.analysis.contextual import CACHE_SENTENCES, encoder

        _sentences_on_disk()

        prepared: list[str] = []
        encoded: set[str] = set()
        budget = CACHE_SENTENCES * 3 // 4  # room left for what is compared meanwhile
        with self._comparing:  # what is being read goes before prepare_stories' pass
            for target in [article_id, *partners]:
                if cancel is not None and cancel():
                    break
                try:
                    found = article if target == article_id else self.article(target)
                    texts = linker_texts(found, self.quotes(found))
                    fresh = set(texts) - encoded
                    if len(encoded) + len(fresh) > budget:
                        continue  # too long to keep beside the others: a shorter one may still fit
                    encoder().encode(texts, cancel)
                except Cancelled:  # what was encoded by then is kept (whole sentences)
                    break
                except Exception:
                    _log_skipped("for comparisons", target)
                    continue
                encoded.update(fresh)
                prepared.append(target)
        if prepared:  # the encoder ran (and so did its cache)
            self._tell_if_sentence_cache_off()
        return prepared

    def prepare_stories(
        self, progress: Progress | None = None, cancel: Callable[[], bool] | None = None, *, again: bool = False
    ) -> PrepareReport:
        """Encode ahead, and keep on disk, the sentences of every article whose story two or
        more outlets tell, the newest story first, up to three quarters of the sentence cache
        (reader/analysis/prepare.py): their comparisons then never wait for the encoder, in this
        process or the next. Sentences already kept are not encoded again; when neither the
        index nor the encoder changed since the last pass that ran to its end, the pass is
        skipped (its report comes back with `current` set), and after a change only the articles
        whose text changed or that are new are looked up (unless `again`: every article is read
        and its sentences looked up). When the change is this Library's own update, made from
        the commit the last pass read, only the articles it wrote are read at all (the others'
        record stands), and the encoder is loaded only for an article whose sentences must be
        stored. Comparisons asked for meanwhile (compare,
        prepare_comparisons) go first; `cancel()` true stops it between articles."""
        from reader import __version__
        from reader.analysis.encoder_file import MODEL_PATH
        from reader.analysis.prepare import PassRecord, model_stamp

        self.ensure_index()
        record = PassRecord(config.cache_dir() / "sentences")
        index_key = str(self.index_dir)
        commit = self.index.commit_stamp()
        model_id = model_stamp(MODEL_PATH, __version__)
        if commit is not None and not again and (last := record.current(index_key, commit, model_id)):
            return last
        import time

        from reader.analysis.prepare import PassLock, PrepareReport

        # Another process making this pass (a second `reader index`, the app): wait as long as
        # for the index's lock, then leave it to that one rather than encode everything twice.
        lock = PassLock(record.folder, index_key)
        started = time.monotonic()
        held = lock.acquire(config.lock_wait(), cancel, progress)
        waited = time.monotonic() - started
        if held is False:
            stopped = cancel is not None and cancel()
            return PrepareReport(0, 0, 0, 0, 0.0, stopped=stopped, busy=True, waited=waited)
        try:
            # It may have just finished this very pass.
            if commit is not None and not again and (last := record.current(index_key, commit, model_id)):
                last.waited = waited
                return last
            report = self._prepare_pass(record, index_key, commit, model_id, progress, cancel, again)
            report.waited = waited
            return report
        finally:
            lock.release()

    def _prepare_pass(
        self, record, index_key: str, commit, model_id: str, progress, cancel, again: bool
    ) -> PrepareReport:
        from reader.analysis.prepare import (
            SENTENCE_CACHE_BYTES,
            SHARE_OF_CACHE,
            LastPass,
            article_digest,
            prepare_articles,
        )
        from reader.analysis.versions import comparable_ids, comparable_stories

        last = LastPass(None, {}, None) if again else record.last_pass(index_key, model_id)
        read_at, known = last.commit, last.ready
        rewritten = self._rewritten_since(read_at, commit)
        order = self._comparable_after(last.order, rewritten, commit) if rewritten is not None else None
        if order is None:
            order = comparable_stories(self.articles(), self.stories_or_empty())
        ids = comparable_ids(order)
        # The encoder (and NumPy, the comparison's modules) only for an article to store: with
        # none in this process yet, the one loaded then keeps the cache's default size.
        contextual = sys.modules.get("reader.analysis.contextual")
        if contextual is None:
            max_bytes: int | None = SENTENCE_CACHE_BYTES
        else:
            _sentences_on_disk()
            max_bytes = contextual.disk_max_bytes()
        budget = int(max_bytes * SHARE_OF_CACHE) if max_bytes is not None else 0
        ready: dict[str, list] = {}  # what this pass made ready, for the record
        loaded: list = []  # the encoder, once an article's sentences are stored

        def prepare_one(article_id: str) -> tuple[int, int] | None:
            was = known.get(article_id)
            if was is not None and rewritten is not None and article_id not in rewritten.ids:
                ready[article_id] = was  # its text is the one the last pass read: not read again
                return was[1], 0
            try:
                article = self.article(article_id)
                digest = article_digest(article.title, article.text)
                if was is not None and was[0] == digest:
                    ready[article_id] = was  # unchanged since the last pass, and still on disk
                    return was[1], 0
                from reader.analysis.compare import linker_texts

                texts = linker_texts(article, self.quotes(article))
            except Exception:
                _log_skipped("for comparisons", article_id)
                raise
            if not loaded:
                from reader.analysis.contextual import encoder

                _sentences_on_disk()
                loaded.append(encoder())
            stored = loaded[0].store(texts, cancel)  # cancel() true: Cancelled, the pass ends
            if stored is not None:
                ready[article_id] = [digest, stored[0]]
            return stored

        report = prepare_articles(ids, prepare_one, budget, progress, cancel, self._comparing)
        disk = loaded[0].disk if loaded else None
        if report.problem is not None and disk is not None and disk.broken:
            report.problem = f"the sentence cache is off: {disk.broken}"
            disk.take_warning()  # the report says it (reader index's warning line): not twice
        if commit is not None and not report.stopped and report.problem is None:
            record.remember(index_key, commit, model_id, report, ready, order)
        return report

    def _rewritten_since(self, read_at: str | None, commit: str | None) -> Rewritten | None:
        """What changed since the index was at commit `read_at`, now that it is at `commit`:
        this Library's last update, when it went from the one to the other (the articles whose
        title or text may differ are its `ids`); None when not known (every article is read)."""
        rewritten = self.last_report.rewritten if self.last_report is not None else None
        if rewritten is None or read_at is None or commit is None:
            return None
        if (rewritten.since, rewritten.commit) != (read_at, commit):
            return None
        return rewritten

    def _comparable_after(self, before: list | None, update: Rewritten, commit: str) -> list | None:
        """versions.comparable_stories() at `commit`, from those of the pass that read the index
        as `update` found it (`before`): only the stories the update wrote or removed are read,
        with their articles (the grouping writes again the story of every article it wrote: an
        outlet or date that changed is in one); None when that cannot be known (the stories
        written whole, a read failed)."""
        if before is None or update.stories is None:
            return None
        from reader.analysis.versions import comparable_stories, restate_comparable

        changed = sorted(update.stories)
        stories = self.index.grouped_stories_of(changed)
        members = sorted({member for story in stories or () for member in story.articles})
        articles = self.index.articles_of(members)
        if stories is None or articles is None or self.index.commit_stamp() != commit:
            return None
        return restate_comparable(before, changed, comparable_stories(articles, stories))

    # -- following outlets (reader.fetch) --------------------------------------------------
    # The subscriptions live in the config and data folders, not in the corpus: static, so that
    # `reader feed` works while the corpus in config.yaml is missing (a moved or unmounted folder).
    @staticmethod
    def feeds(problems: list[str] | None = None, skipped: list[str] | None = None) -> list[dict]:
        """The subscriptions in feeds.yaml, each with its last fetch and outcome; why the fetch
        state could not be read added to `problems`, the entries feeds.yaml skips to `skipped`."""
        from reader.fetch import feed_statuses

        return feed_statuses(problems, skipped)

    @staticmethod
    def feed_outcome(feed: dict) -> str:
        """How a subscription of feeds() last went, with its notes, as `reader feed list` says it."""
        from reader.fetch.run import feed_outcome

        return feed_outcome(feed)

    @staticmethod
    def feed_details(feed: dict) -> list[str]:
        """A subscription of feeds()'s last fetch in full, a line each (the app's details of a feed)."""
        from reader.fetch.run import feed_details

        return feed_details(feed)

    @staticmethod
    def add_feed(
        url: str,
        *,
        outlet: str | None = None,
        check: bool = True,
        progress: Callable[[str], None] | None = None,
        others: list[tuple[str, str | None]] | None = None,
        warnings: list[str] | None = None,
    ) -> Subscription:
        """Subscribe; `others` is given the other feeds a page names (URL, title), to pick from,
        `warnings` what `fetch` warns of the feed's bytes (stray bytes read as cp1252)."""
        from reader.fetch import add_feed

        return add_feed(url, outlet=outlet, check=check, progress=progress, others=others, warnings=warnings)

    @staticmethod
    def remove_feed(
        url: str, progress: Callable[[str], None] | None = None, busy: list[str] | None = None
    ) -> Subscription:
        """Unsubscribe; `progress` hears that it waits for a fetch that is running, when it does,
        and `busy` that one still running fetches the feed to its end (fetch.remove_feed)."""
        from reader.fetch import remove_feed

        return remove_feed(url, progress, busy)

    @staticmethod
    def import_feeds(data: bytes, progress: Callable[[str], None] | None = None) -> dict:
        """Subscribe to the feeds of an OPML file (another feed reader's export), unchecked."""
        from reader.fetch import import_feeds

        return import_feeds(data, progress)

    @staticmethod
    def export_feeds(problems: list[str] | None = None) -> str:
        """The subscriptions as OPML, for another feed reader; `problems` gets the entries
        feeds.yaml skips, from the same read."""
        from reader.fetch import export_feeds

        return export_feeds(problems)

    def fetch(
        self,
        *,
        force: bool = False,
        only: list[str] | None = None,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
        settings: Any = None,
        on_started: Callable[[], None] | None = None,
    ) -> FetchReport:
        """Fetch due feeds into the fetched corpus (a FetchReport). A Library on the default corpus
        takes the fetched folder in when it first appears; the caller then runs update().
        `on_started()` once the fetch has read what it needs and asks its first feed."""
        report = self.fetch_only(
            force=force, only=only, progress=progress, cancel=cancel, settings=settings, on_started=on_started
        )
        fetched = config.fetched_corpus_dir()
        if self._default_roots and fetched.is_dir() and fetched not in self.roots:
            with self._update_lock:
                if self._index is not None:
                    self._index.close()
                    self._index = None
                self.roots = self.roots + [fetched]
                self.index_dir = config.default_index_dir(self.roots)
                self._updated = False
                self._marks = None  # marks are kept per set of corpus folders
        return report

    @staticmethod
    def fetch_only(
        *,
        force: bool = False,
        only: list[str] | None = None,
        progress: Progress | None = None,
        cancel: Callable[[], bool] | None = None,
        settings: Any = None,
        on_started: Callable[[], None] | None = None,
    ) -> FetchReport:
        """fetch() with no corpus opened: fetching reads none (a corpus folder moved or unmounted
        must not stop a cron job's fetch); what it stores is indexed with the corpus later."""
        from reader.fetch import fetch

        return fetch(force=force, only=only, progress=progress, cancel=cancel, settings=settings, on_started=on_started)

    def shows_fetched(self) -> bool:
        """Whether fetched articles are part of this Library's corpus."""
        return config.fetched_corpus_dir() in self.roots

    def index_version(self) -> object:
        """What changes whenever any process commits the index (from file names only), re-links
        it to its corpus's new place (the articles' paths change without a commit), or writes its
        chains of versions again without a commit (the links of versions an update owed)."""
        index = self.index
        committed = index.committed_version()
        if committed is not None:
            self._seen_index = True
        return committed, tuple(sorted(index.root_table().items())), index.versions_stamp()

    def changes(self) -> Changes:
        """The index's version and whether the corpus folders changed, as cheaply as a watcher
        polling every few seconds needs (edits inside an existing file change no folder: an
        update finds those). A corpus folder that went away is `missing`, not a change."""
        missing = self._missing_roots()
        version = self.index_version()
        freshness = self.index.freshness()
        # Gone, not being built by another process: its cache folder was deleted (a cleaner, rm -rf).
        gone = self._seen_index and not freshness["indexed"] and not freshness["updating"] and not missing
        if gone:
            self._seen_index = False  # said once: a rebuild that fails is not tried at every look
        return Changes(
            version,
            not missing and bool(freshness["changed"] or freshness["roots_changed"]),
            bool(freshness["updating"]),
            missing[0] if missing else None,
            gone,
        )

    def _missing_roots(self) -> list[str]:
        """Why each corpus folder that cannot be read now cannot (gone, a file, refused)."""
        return [problem for root in self.roots if (problem := config.unusable_folder(root))]

    def _check_roots(self) -> None:
        missing = self._missing_roots()
        if missing:
            raise FileNotFoundError(missing[0])

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None
