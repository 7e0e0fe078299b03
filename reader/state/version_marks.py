"""The read marks and stars of an article kept in several versions (no UI imports).

`reader fetch` keeps a page its outlet edited as a new file (a new id), and the newest version
stands for the article wherever one does. The marks file keeps each version's own marks, as set;
what a user set on the article before it was updated shows on its newest version:
- a star (bookmark) set on an older version stars the newest too: the bookmark follows the article;
- a read mark on an older version, the newest unread, shows the newest read but `updated` ("updated
  since you read it"): neither unread as if never seen, nor read as if its new text had been;
- a mark set on the newest as shown: read marks it read (no longer updated); unread, or unstarred,
  takes the mark off every version, or an older version's would show through again.
An older version shows its own marks. The chains come from the index (Replacements.versions).

A mark set on an older version keeps the links from it up to its newest in the marks file with
it (links_to_keep): an index update lets go of the links of deleted versions no mark needs, and
a mark set after that (a window still listing the old version) would show on no article.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping, Protocol

from reader.state.marks import UNMARKED, Mark


class Chains(Protocol):
    def versions(self, article_id: str) -> tuple[str, ...]:
        """The versions of the chain `article_id` is the newest of, oldest first; () else."""
        ...


class Newest(Chains, Protocol):
    def newest(self, article_id: str) -> str:
        """The newest version of `article_id` (itself when nothing replaces it)."""
        ...


def shown_mark(article_id: str, marks: Mapping[str, Mark], chains: Chains) -> Mark:
    """The article's mark as the lists show it (`marks`: {id: its own Mark}, unmarked absent)."""
    own = marks.get(article_id, UNMARKED)
    versions = chains.versions(article_id)
    if len(versions) < 2:
        return own
    older = [marks[v] for v in versions[:-1] if v in marks]
    updated = not own.read and any(m.read for m in older)
    starred = own.starred or any(m.starred for m in older)
    if not updated and starred == own.starred:
        return own
    return Mark(read=own.read or updated, starred=starred, updated=updated)


def shown_marks(article_ids: Iterable[str], marks: Mapping[str, Mark], chains: Chains) -> dict[str, Mark]:
    """{id: shown_mark} of those of `article_ids` that show a mark."""
    shown = {}
    for article_id in article_ids:
        mark = shown_mark(article_id, marks, chains)
        if mark != UNMARKED:
            shown[article_id] = mark
    return shown


def marks_to_set(
    article_id: str, field: str, value: bool, marks: Mapping[str, Mark], chains: Chains
) -> dict[str, Mark]:
    """The own marks to store ({id: Mark}, only those that change) for the article to show `field`
    ("read" or "starred") as `value`: False on a newest version takes it off its older ones too."""
    changed: dict[str, Mark] = {}
    own = marks.get(article_id, UNMARKED)
    if getattr(own, field) != value:
        changed[article_id] = replace(own, **{field: value})
    if not value:
        for older in chains.versions(article_id)[:-1]:
            mark = marks.get(older, UNMARKED)
            if getattr(mark, field):
                changed[older] = replace(mark, **{field: False})
    return changed


def links_to_keep(marked: Iterable[str], chains: Newest) -> dict[str, str]:
    """The links ({id: the id of the version it replaced}) from each of `marked` (articles given
    a read mark or a star) up to its newest version, for the marks file to keep with the marks:
    {} for an article that is no older version."""
    # Each chain's places looked up once, and its links taken once from its oldest marked
    # version: marking every version of a chain of 10,000 at once (`u` on its group) took 23 s.
    places: dict[str, dict[str, int]] = {}  # newest -> {version: its place in the chain}
    oldest: dict[str, int] = {}  # newest -> the place of its oldest marked older version
    for article_id in marked:
        newest = chains.newest(article_id)
        if newest not in places:
            places[newest] = {version: place for place, version in enumerate(chains.versions(newest))}
        place = places[newest].get(article_id)
        if place is not None and article_id != newest and place < oldest.get(newest, place + 1):
            oldest[newest] = place
    links: dict[str, str] = {}
    for newest, start in oldest.items():
        versions = chains.versions(newest)
        links.update(zip(versions[start + 1 :], versions[start:]))
    return links
