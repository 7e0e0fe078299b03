"""Which indexed articles are older versions of another (no UI imports).

`reader fetch` keeps a page edited upstream as a new file whose front matter names the version it
replaces (`previous:`; ArticleInfo.previous). Both stay in the corpus, readable; wherever one
article must stand for its outlet in a story (coverage, `compare STORY`, the app's `c`), the newest
version does, as a feed reader shows an updated item once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Callable, Container, Iterable, Mapping, Protocol, Sequence, TypeVar, cast

from reader.corpus.decode import outlet_key


class Versioned(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def previous(self) -> str | None: ...


class Members(Protocol):
    @property
    def articles(self) -> list[str]: ...


S = TypeVar("S", bound=Members)
# The keys `reader list --json` gives an article in no chain of versions.
UNVERSIONED = {"version": 1, "previous": None, "replaced_by": None}
# The mark of an article whose `previous` names no article of the corpus (Replacements.missing).
MISSING_MARK = "  (earlier version not found)"
# Replacements.mark's text at the end of a title, which a row cut to its width keeps.
MARK_AT_END = re.compile(r"  \((?:version \d+ of \d+(?:, replaced)?|earlier version not found)\)$")
A = TypeVar("A", bound=Versioned)
# What the index stores of the chains, a row per article (Replacements.rows, statedb's versions table).
ROW_COLUMNS = ("id", "number", "count", "newest", "previous", "missing", "gone", "remembered", "versions")


@dataclass(frozen=True)
class VersionPlace:
    """Where an article stands in its chain of versions: `number` of `count` (1 the oldest), and
    the id of the newest version (itself when it is the newest)."""

    number: int
    count: int
    newest: str

    @property
    def replaced(self) -> bool:
        return self.number < self.count

    def words(self) -> str:
        """How a listing marks it: "version 1 of 2, replaced", "version 2 of 2"."""
        return f"version {self.number} of {self.count}{', replaced' if self.replaced else ''}"


@dataclass
class Replacements:
    """The chains of versions among a set of articles. A `previous` naming no article of the set
    (a version deleted, or outside the corpus) or one of another outlet (front matter written by
    hand: an outlet's version never replaces another outlet's article) links nothing; a loop
    is broken where it closes. Articles in no chain have no place here."""

    places: dict[str, VersionPlace] = field(default_factory=dict)
    # newest id -> its chain's ids, oldest first
    chains: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _previous_of: dict[str, str] = field(default_factory=dict)  # id -> the version it replaces
    # id -> the `previous` it names, when that names no article and none stands in for it (see of())
    missing: dict[str, str] = field(default_factory=dict)
    # id -> the `previous` it names when that names no article, stood in for or not: a version
    # deleted (or renamed) whose read mark and star still count for its newest (versions)
    gone: dict[str, str] = field(default_factory=dict)
    # id -> the id it replaced, as the index last linked them, kept for a version deleted since
    # (and for one whose older version went): how v3 still reaches v1 once v1 and v2 are deleted
    # (v3's `previous:` names v2, whose file, gone, named v1). _remember() makes it.
    remembered: dict[str, str] = field(default_factory=dict)
    # newest id -> every version whose marks count for it, oldest first, itself last (versions())
    marked: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The ids of the articles of() was given (what remembering() counts present beside its own).
    given: frozenset[str] = frozenset()

    @classmethod
    def of(cls, articles: Iterable[Versioned], remembered: Mapping[str, str] | None = None) -> "Replacements":
        """The chains among `articles`. A `previous` naming no article (the older version's file
        renamed or moved: its id changed) is the one article of the same outlet and URL (every
        version of a fetched page keeps its URL) that no other version claims and that is not a
        later version of this one; with none, or several (two versions of a chain renamed), it
        links nothing and is `missing`. `remembered`: the links the index kept before
        (Replacements.remembered), whose versions deleted since still count for the marks."""
        return cls.chains_of(articles).remembering(remembered or {})

    @classmethod
    def chains_of(cls, articles: Iterable[Versioned]) -> "Replacements":
        """The chains among `articles` as of() finds them, nothing counted for the marks yet
        (remembering() does: what an update's grouping needs, the links, without it)."""
        outlet_of: dict[str, str] = {}  # id -> its outlet as --outlet reads it (case aside)
        url_of: dict[str, str] = {}
        date_of: dict[str, str | None] = {}
        named: dict[str, str] = {}  # id -> the id it replaces
        for article in articles:
            outlet_of[article.id] = outlet_key(getattr(article, "outlet", None))
            date_of[article.id] = getattr(article, "date", None)
            previous = getattr(article, "previous", None)  # (a row of another kind names none)
            if previous:
                named[article.id] = previous
            url = getattr(article, "url", None)
            if url:
                url_of[article.id] = url
        later: dict[str, str] = {}  # id -> the one version that replaces it (the first to claim it)
        unfound: dict[str, str] = {}
        for article_id, previous in sorted(named.items()):
            if previous not in outlet_of:
                unfound[article_id] = previous
            elif previous not in later and outlet_of[previous] == outlet_of[article_id]:
                later[previous] = article_id
        missing = _stand_ins(unfound, later, outlet_of, url_of, date_of) if unfound else {}
        places: dict[str, VersionPlace] = {}
        previous_of: dict[str, str] = {}
        chains: dict[str, tuple[str, ...]] = {}
        for oldest in sorted(set(later) - set(later.values())):
            chain, seen = [oldest], {oldest}  # (a set: a chain of 10,000 took a second in a list)
            while chain[-1] in later and later[chain[-1]] not in seen:
                chain.append(later[chain[-1]])
                seen.add(chain[-1])
            for number, article_id in enumerate(chain, 1):
                places[article_id] = VersionPlace(number, len(chain), chain[-1])
            previous_of.update(zip(chain[1:], chain))
            chains[chain[-1]] = tuple(chain)
        return cls(places, chains, previous_of, missing, unfound, given=frozenset(outlet_of))

    def remembering(self, remembered: Mapping[str, str], present: Container[str] | None = None) -> "Replacements":
        """These chains with the links `remembered` as of() takes them: a copy, its `remembered`
        and `marked` made again. `present`: the articles in the corpus of the ids those links
        name (by default those of() was given): an index's save gives the chains its update
        worked out for the grouping (story_groups.version_chains) and looks up only the ids
        the links name, not every article a chain can involve again (statedb._write_versions)."""
        present = self.given if present is None else present
        found = replace(self, remembered={}, marked={})
        found.remembered = _remember(remembered, self._previous_of, self.gone, present)
        found.marked = found._marked_versions(present)
        return found

    def _marked_versions(self, present: Container[str]) -> dict[str, tuple[str, ...]]:
        """{newest id: versions()} of every article that is no older version and has some."""
        remembered = self.remembered

        def gone_before(article_id: str) -> list[str]:
            # The versions gone from the corpus that `article_id` replaced: the one its
            # `previous:` names, the one the index last linked it to, and theirs, as remembered.
            found: list[str] = []
            for start in (self.gone.get(article_id), remembered.get(article_id)):
                step = start
                while step is not None and step not in present and step not in found:
                    found.append(step)
                    step = remembered.get(step)
            return found[::-1]

        marked: dict[str, tuple[str, ...]] = {}
        newest_ids = set(self.chains) | {i for i in set(self.gone) | set(remembered) if i in present}
        for newest in newest_ids:
            if self.is_replaced(newest):
                continue  # an older version shows its own marks
            with_gone: list[str] = []
            for version in self.chains.get(newest, (newest,)):
                with_gone.extend(gone_before(version))
                with_gone.append(version)
            if len(with_gone) > 1:
                marked[newest] = tuple(with_gone)
        return marked

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence]) -> "Replacements":
        """The Replacements the index stored (rows() of one made by of())."""
        found = cls()
        for article_id, number, count, newest, previous, missing, gone, remembered, versions in rows:
            if number is not None:
                found.places[article_id] = VersionPlace(number, count, newest)
            if previous is not None:
                found._previous_of[article_id] = previous
            if missing is not None:
                found.missing[article_id] = missing
            if gone is not None:
                found.gone[article_id] = gone
            if remembered is not None:
                found.remembered[article_id] = remembered
            if versions is not None:
                found.marked[article_id] = tuple(json.loads(versions))
        by_newest: dict[str, list[tuple[int, str]]] = {}
        for article_id, place in found.places.items():
            by_newest.setdefault(place.newest, []).append((place.number, article_id))
        found.chains = {newest: tuple(i for _, i in sorted(members)) for newest, members in by_newest.items()}
        return found

    def rows(self) -> list[tuple]:
        """One row per article this knows something of, in ROW_COLUMNS' order (from_rows reads them)."""
        ids = self.places.keys() | self.missing.keys() | self.gone.keys() | self.remembered.keys() | self.marked.keys()
        out = []
        for article_id in sorted(ids):
            place = self.places.get(article_id)
            versions = self.marked.get(article_id)
            out.append(
                (
                    article_id,
                    place and place.number,
                    place and place.count,
                    place and place.newest,
                    self._previous_of.get(article_id),
                    self.missing.get(article_id),
                    self.gone.get(article_id),
                    self.remembered.get(article_id),
                    None if versions is None else json.dumps(list(versions), ensure_ascii=False),
                )
            )
        return out

    def __bool__(self) -> bool:
        return bool(self.places)

    def links(self) -> dict[str, str]:
        """{id: the id of the version it replaces} along every chain."""
        return dict(self._previous_of)

    def place(self, article_id: str) -> VersionPlace | None:
        return self.places.get(article_id)

    def listed(self, article_id: str) -> dict:
        """The keys `reader list --json` adds for an article: its `version` (1 in no chain),
        the id of the one it replaces (`previous`) and of its newest (`replaced_by`, else null)."""
        found = self.places.get(article_id)
        if found is None:
            return dict(UNVERSIONED)
        return {
            "version": found.number,
            "previous": self._previous_of.get(article_id),
            "replaced_by": found.newest if found.replaced else None,
        }

    def of_one_page(self, left_id: str, right_id: str) -> tuple[VersionPlace, VersionPlace] | None:
        """The places of two articles that are versions of one page (one chain), else None: such
        a pair is an edit and what it changed, whatever days and stories they were given."""
        left, right = self.places.get(left_id), self.places.get(right_id)
        if left is None or right is None or left.newest != right.newest or left_id == right_id:
            return None
        return left, right

    def mark(self, article_id: str) -> str:
        """ "  (version 1 of 2, replaced)" after a listed title, "  (earlier version not found)"
        when its `previous` names no article, or "" in no chain."""
        found = self.places.get(article_id)
        if found is None:
            return MISSING_MARK if article_id in self.missing else ""
        return f"  ({found.words()})"

    def versions(self, article_id: str) -> tuple[str, ...]:
        """The versions whose marks count for `article_id`, oldest first, itself last, when it is
        the newest of a chain or replaced a version gone from the corpus: its chain's, each
        preceded by the ids of the versions it replaced that no file is any more (deleted, or
        renamed since), the one its `previous:` names and, as the index remembered them, theirs
        (reader.state.version_marks reads them so; nothing moves them, so nothing is lost however
        the folder is tidied); () when it is in none, or an older version."""
        return self.marked.get(article_id, ())

    def newest(self, article_id: str) -> str:
        """The newest version of `article_id` (itself when nothing replaces it; a version gone
        from the corpus whose marks count for a newest one, that one)."""
        found = self.places.get(article_id)
        if found is not None:
            return found.newest
        return self._newest_of_gone.get(article_id, article_id)

    @cached_property
    def _newest_of_gone(self) -> dict[str, str]:
        return {older: newest for newest, versions in self.marked.items() for older in versions[:-1]}

    def with_older_marks(self) -> Iterable[str]:
        """The ids whose shown marks may be an older version's (versions() is not ())."""
        return self.marked.keys()

    def is_replaced(self, article_id: str) -> bool:
        found = self.places.get(article_id)
        return found is not None and found.replaced

    def current(self, articles: Sequence[A]) -> list[A]:
        """`articles` without those a newer version of theirs replaces."""
        if not self.places:
            return list(articles)
        return [a for a in articles if not self.is_replaced(a.id)]

    def current_members(self, story: S) -> list[str]:
        """A story's articles without the replaced ones."""
        return [m for m in story.articles if not self.is_replaced(str(m))]

    @cached_property
    def _replaced(self) -> frozenset[str]:
        return frozenset(article_id for article_id, place in self.places.items() if place.replaced)

    def current_stories(self, stories: Sequence[S]) -> list[S]:
        """The stories without their replaced articles: a story holding none is the same object
        (copying all of them took 160 ms at 50,000 articles, a third of coverage's own time)."""
        replaced = self._replaced
        return [
            story
            if replaced.isdisjoint(story.articles)
            else replace(cast(Any, story), articles=[m for m in story.articles if m not in replaced])
            for story in stories
        ]


def in_chains(articles: Sequence[A], links: Mapping[str, str]) -> list[A]:
    """Those of `articles` a chain of versions can involve (as the index's save picks them:
    statedb._CHAIN_ARTICLES): one naming a `previous`, one named so, one of the same URL as
    one naming a `previous` (it may stand in for it), one a link of `links` names. Replacements.of
    them gives every chain that Replacements.of all of them gives, in a fraction of the time."""
    wanted, urls = {*links, *links.values()}, set()
    for article in articles:
        if article.previous:
            wanted.add(article.previous)
            urls.add(getattr(article, "url", None))
    urls.discard(None)
    return [a for a in articles if a.previous or a.id in wanted or (urls and getattr(a, "url", None) in urls)]


def _remember(
    before: Mapping[str, str], links: dict[str, str], unfound: dict[str, str], present: Container[str]
) -> dict[str, str]:
    """The links to keep ({id: the id it replaced}): every link of the chains now, and of those
    kept `before`, a deleted version's (its file gone, its link is all that tells which version
    it replaced) and a present one's that links nothing now because the version it was linked to
    is gone (v1 renamed, stood in for by its URL, then deleted: v2's `previous:` names v1's old id)."""
    kept = {
        article_id: older
        for article_id, older in before.items()
        if article_id not in present or (article_id in unfound and article_id not in links and older not in present)
    }
    kept.update(links)
    return kept


def prune_remembered(remembered: Mapping[str, str], present: Container[str], marked: Container[str]) -> dict[str, str]:
    """`remembered` ({id: the id it replaced}) with only what a mark needs of the versions gone
    from the corpus (`present` holds those that are not): a link to a gone version from which
    no version `marked` (read or starred) is reached down the gone ones is let go (its marks
    would show nowhere: a gone version's own are named by `reader state`, as before); a link
    to a gone version with no mark goes past it, down the gone versions, to the first with a
    mark, and the link of the one passed goes. So a page fetched again and again keeps a link
    or two per marked version, not one per version ever deleted. A link to a present version
    is kept (the corpus's chains hold it); one leading to a marked version, its newest deleted
    too, is kept for the newest's file put back."""

    def unmarked_gone(article_id: str) -> bool:
        return article_id not in present and article_id not in marked

    leads_to_mark: dict[str, bool] = {}

    def reaches_mark(article_id: str) -> bool:
        walked: dict[str, None] = {}  # (a dict: a list took 34 s down a chain of 10,000 gone versions)
        step: str | None = article_id
        found = False
        while step is not None and step not in present and step not in walked:
            if step in leads_to_mark:
                found = leads_to_mark[step]
                break
            if step in marked:
                found = True
                break
            walked[step] = None
            step = remembered.get(step)
        leads_to_mark.update(dict.fromkeys(walked, found))
        return found

    kept = {a: o for a, o in remembered.items() if o in present or reaches_mark(o)}
    looped = _on_loops(kept)
    skips_to: dict[str, str] = {}  # a gone unmarked version -> where a link to it goes instead

    def skipped(article_id: str, older: str) -> str:
        # Where the link article_id -> older goes, past the gone unmarked versions below older.
        # Out of any loop the walk is older's alone, and what it passed goes to the same place:
        # kept, so each version is walked once (walked again from every link above it, a chain
        # of 10,000 gone versions took minutes).
        if article_id in looped:
            return _skipped_in_loop(kept, present, unmarked_gone, article_id, older)
        passed, step = [], older
        while step not in skips_to:
            if step in looped:
                return _skipped_in_loop(kept, present, unmarked_gone, article_id, older)
            if not (unmarked_gone(step) and step in kept and kept[step] not in present):
                break
            passed.append(step)
            step = kept[step]
        else:
            step = skips_to[step]
        skips_to.update(dict.fromkeys(passed, step))
        return step

    shortened = {article_id: skipped(article_id, older) for article_id, older in kept.items()}
    passed = set(kept.values()) - set(shortened.values())  # gone, unmarked, linked to no more
    return {a: o for a, o in shortened.items() if a not in passed}


def _on_loops(links: Mapping[str, str]) -> set[str]:
    """The ids of `links` ({id: the id it replaced}) on a loop of them (a -> b -> a)."""
    on_loops: set[str] = set()
    done: set[str] = set()
    for start in links:
        walked: dict[str, int] = {}
        step = start
        while step in links and step not in done and step not in walked:
            walked[step] = len(walked)
            step = links[step]
        if step in walked:
            on_loops.update(list(walked)[walked[step] :])
        done.update(walked)
    return on_loops


def _skipped_in_loop(
    kept: Mapping[str, str],
    present: Container[str],
    unmarked_gone: Callable[[str], bool],
    article_id: str,
    older: str,
) -> str:
    """prune_remembered's walk past the gone unmarked versions below `older`, for a link on or
    into a loop of links: it stops before a version it passed (or `article_id`) comes round."""
    step, seen = older, {article_id, older}
    while unmarked_gone(step) and step in kept and kept[step] not in present and kept[step] not in seen:
        step = kept[step]
        seen.add(step)
    return step


def lost_with_the_corpus(remembered: Mapping[str, str], present: Container[str]) -> dict[str, str]:
    """The links of `remembered` no corpus file can give again: a version of either end gone."""
    return {a: o for a, o in remembered.items() if a not in present or o not in present}


# The day `reader fetch` starts the name of an article's file with (its date: fetch.store.save).
_FETCHED_NAME_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})-")


def _named_day(article_id: str) -> str | None:
    """The date an id's file name starts with, as `reader fetch` names its files, else None."""
    found = _FETCHED_NAME_DAY.match(article_id.rsplit("/", 1)[-1])
    return found.group(1) if found else None


def _day(date: str | None) -> str | None:
    return date[:10] if date else None


def _stand_ins(
    unfound: dict[str, str],
    later: dict[str, str],
    outlet_of: dict[str, str],
    url_of: dict[str, str],
    date_of: Mapping[str, str | None] | None = None,
) -> dict[str, str]:
    """Links in `later` the article each `previous` of `unfound` ({id: the id it names, no
    article's}) stands for, when one alone can: of the same outlet and URL, replaced by no
    version, and not a later version of the article itself; and only when no other article of
    the page names an article that is gone too: of two such, which is the older cannot be told
    (version 1 deleted and version 2 renamed, the one whose id sorted first took the newest for
    its older version, hiding it from every comparison). Nor is one dated another day than the
    date the gone id's name starts with (`date_of`): a file renamed keeps its date, and another
    day's article at the address is another story (yesterday's daily briefing, whose marks
    showed on today's once today's first version was deleted); nor, when the gone id's name
    starts with no day (an undated page's, a file named by hand), one dated another day than the
    version naming it, or dated when that one is not. An undated one can be any day's. Returns
    those left unfound."""
    date_of = date_of or {}
    by_page: dict[tuple[str, str], list[str]] = {}
    for article_id, url in url_of.items():
        by_page.setdefault((outlet_of[article_id], url), []).append(article_id)
    unfound_on_page: dict[tuple[str, str], int] = {}
    for article_id in unfound:
        if article_id in url_of:
            key = (outlet_of[article_id], url_of[article_id])
            unfound_on_page[key] = unfound_on_page.get(key, 0) + 1
    left: dict[str, str] = {}
    for article_id, previous in sorted(unfound.items()):
        page_key = (outlet_of[article_id], url_of.get(article_id, ""))
        page = by_page.get(page_key, [])
        if len(page) < 2 or unfound_on_page[page_key] > 1:
            left[article_id] = previous
            continue
        newer, step = {article_id}, article_id
        while step in later and later[step] not in newer:
            step = later[step]
            newer.add(step)
        # The gone version's day: the one its name starts with, else (an undated page's name, a
        # file named by hand) its newer version's, undated with it: nothing else tells it. An
        # undated article is of no other day.
        day = _named_day(previous)
        wanted = day if day is not None else _day(date_of.get(article_id))
        candidates = [
            other
            for other in page
            if other not in newer and other not in later and _day(date_of.get(other)) in (None, wanted)
        ]
        if len(candidates) == 1:
            later[candidates[0]] = article_id
        else:
            left[article_id] = previous
    return left
