"""Which article to show beside another in a comparison: other outlets' versions of the same story
first. Plain data in, plain data out (the Library feeds it the index's articles and stories).

The partner of an article, when none is asked for: another outlet's version of the same story,
else another article of the story, else none: an article of another story would be an unrelated
one (a title search or "any other outlet" opened one, with only a "Different stories" warning),
so the caller lets the user choose among other_versions() instead. A word-for-word copy of the
article (a wire story reprinted: most sentences the same) is passed over for a version that is
not one, when the story has one: side by side, a copy shows nothing to compare.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Protocol, Sequence

from reader.analysis.sentences import split_sentences
from reader.calendar_dates import day_number
from reader.corpus.decode import outlet_key

# Share of sentences (of the longer text) found word for word in the other: a copy, not a version.
NEAR_COPY_SHARE = 0.8
_WORDS = re.compile(r"\w+")


class ArticleMeta(Protocol):
    """What is read of an article here (ArticleInfo, Article, a search Hit all have it)."""

    @property
    def id(self) -> str: ...

    @property
    def outlet(self) -> str | None: ...

    @property
    def title(self) -> str | None: ...


class Dated(ArticleMeta, Protocol):
    @property
    def date(self) -> str | None: ...


class StoryMembers(Protocol):
    @property
    def articles(self) -> list[str]: ...


@dataclass(frozen=True)
class Version:
    """An article one side of a comparison can show (strings are untrusted)."""

    id: str
    outlet: str
    title: str
    date: str
    same_story: bool  # a version of the same story as the article it would replace

    def haystack(self) -> str:
        return f"{self.outlet} {self.title} {self.date} {self.id}".casefold()


def _outlet_key(article: ArticleMeta) -> str:
    return outlet_key(article.outlet)


def story_members(article_id: str, stories: Iterable[StoryMembers]) -> list[str]:
    """The ids of the story `article_id` belongs to (itself included), or [] when in none."""
    for story in stories:
        members = [str(m) for m in story.articles]
        if article_id in members:
            return members
    return []


def other_versions(current_id: str, articles: Sequence[Dated], stories: Iterable[StoryMembers]) -> list[Version]:
    """Every article but `current_id`; versions of the same story as `current_id` first, then the
    others nearest in date to it first (undated ones last; the articles' order among equals): for a
    story one outlet alone tells, the likely candidates are days around it, not the corpus's start."""
    same = set(story_members(current_id, stories))
    current = next((day_number(a.date) for a in articles if a.id == current_id), None)
    found = [
        Version(
            id=str(a.id), outlet=a.outlet or "", title=a.title or "", date=a.date or "", same_story=str(a.id) in same
        )
        for a in articles
        if a.id != current_id
    ]

    def distance(version: Version) -> float:
        day = day_number(version.date)
        return abs(day - current) if day is not None and current is not None else float("inf")

    found.sort(key=lambda v: (not v.same_story, distance(v)))  # stable
    return found


def filter_versions(versions: Sequence[Version], query: str, limit: int) -> list[Version]:
    """Versions whose outlet, title, date or id hold every word of the query (at most `limit`)."""
    words = query.casefold().split()
    return [v for v in versions if all(w in v.haystack() for w in words)][:limit]


def likely_partners(left: ArticleMeta, articles: Sequence[ArticleMeta], stories: Iterable[StoryMembers]) -> list[str]:
    """The ids a comparison of `left` is likely to show beside it, most likely first: the other
    members of its story, other outlets' first (the first is pick_partner's choice but for a copy), or []
    when no other outlet has a version of its story (worth no preparation ahead)."""
    outlet = _outlet_key(left)
    outlet_of = {a.id: _outlet_key(a) for a in articles}
    in_story = [m for m in story_members(left.id, stories) if m != left.id]
    other_outlet = [m for m in in_story if outlet_of.get(m, "") != outlet]
    if not other_outlet:
        return []
    return other_outlet + [m for m in in_story if m not in other_outlet]


class StoryWithId(StoryMembers, Protocol):
    @property
    def id(self) -> str: ...


# A story two or more outlets tell, as the prepare pass orders and keeps it (JSON-ready): [its
# newest date ("" when none is dated), its id, its count of articles and smallest article id (the
# grouping's order of its stories: statedb's `ORDER BY size DESC, first`), its members the index has].
ComparableStory = list


def comparable_stories(articles: Iterable[Dated], stories: Iterable[StoryWithId]) -> list[ComparableStory]:
    """Those of `stories` two or more outlets tell (ComparableStory), the newest first; stories
    of one date keep their order."""
    by_id = {str(a.id): a for a in articles}
    chosen: list[ComparableStory] = []
    for story in stories:
        every = [str(m) for m in story.articles]
        members = [m for m in every if m in by_id]
        if len({_outlet_key(by_id[m]) for m in members}) >= 2:
            newest = max(by_id[m].date or "" for m in members)
            chosen.append([newest, str(story.id), len(every), min(every), members])
    chosen.sort(key=lambda item: item[0], reverse=True)  # stable: equal dates keep the stories' order
    return chosen


def comparable_ids(chosen: Iterable[ComparableStory]) -> list[str]:
    """The articles of comparable_stories(), in order (an article once)."""
    return list(dict.fromkeys(m for story in chosen for m in story[4]))


def restate_comparable(
    kept: Iterable[ComparableStory], changed: Iterable[str], fresh: Iterable[ComparableStory]
) -> list[ComparableStory]:
    """comparable_stories() of the grouping's stories after a change, from those before it
    (`kept`): the stories with a `changed` id left out, `fresh` (comparable_stories() of the
    stories with those ids now) put in, in the order the grouping's stories give (statedb's:
    the most articles first, then the smallest article id; an article is in one story, so no two
    stories tie)."""
    gone = set(changed)
    merged = [story for story in kept if story[1] not in gone] + list(fresh)
    merged.sort(key=lambda story: (-story[2], story[3]))
    merged.sort(key=lambda story: story[0], reverse=True)
    return merged


def pick_partner(
    left: ArticleMeta,
    articles: Sequence[ArticleMeta],
    stories: Iterable[StoryMembers],
    is_copy: Callable[[str], bool] | None = None,
) -> str | None:
    """The id of the article to show beside `left` (see the module docstring for the order), or
    None when no other article tells its story. `is_copy(id)`: whether that article is a copy of
    `left` (asked in order, up to the first that is not); the first that is not is chosen, else
    the first copy."""
    outlet = _outlet_key(left)
    outlet_of = {a.id: _outlet_key(a) for a in articles}
    in_story = [m for m in story_members(left.id, stories) if m != left.id]
    other_outlet = [m for m in in_story if outlet_of.get(m, "") != outlet]
    order = other_outlet + [m for m in in_story if m not in other_outlet]
    if is_copy is not None:
        found = next((candidate for candidate in order if not is_copy(candidate)), None)
        if found is not None:
            return found
    return next(iter(order), None)


class CopyCheck:
    """Whether another text is a word-for-word copy of this one: at least NEAR_COPY_SHARE of the
    longer text's sentences are in the other, the same words in the same order (case, spacing and
    punctuation aside). A version that adds or rewrites a fifth of it is one worth comparing."""

    def __init__(self, text: str) -> None:
        self._sentences = sentence_keys(text)
        self._count = sum(self._sentences.values())

    def copied_by(self, text: str) -> bool:
        return self.copied_by_keys(sentence_keys(text))

    def copied_by_keys(self, other: Counter[str]) -> bool:
        """copied_by() of a text's sentence_keys() (read once for a text checked against several)."""
        if not self._count or not other:
            return False
        shared = sum((self._sentences & other).values())
        return shared >= NEAR_COPY_SHARE * max(self._count, sum(other.values()))


def sentence_keys(text: str) -> Counter[str]:
    """Each sentence's words, lower-cased, joined by a space (an empty one dropped)."""
    keys = (" ".join(_WORDS.findall(sentence.text.casefold())) for sentence in split_sentences(text))
    return Counter(key for key in keys if key)


def pick_pair(
    members: Sequence[str],
    partner_of: Callable[[str], str | None],
    is_copy: Callable[[str, str], bool],
    text_of: Callable[[str], object] | None = None,
    copies_every_other: Callable[[str], bool] | None = None,
) -> tuple[str, str, bool] | None:
    """The two articles to compare of a story's `members` (in its order): the first member and its
    partner (`partner_of`, which passes over copies of it), unless that partner is a copy
    (`is_copy(left, right)`: then every member is a copy of the first); then the next member whose
    partner is not one, as two copies of the first article may differ from each other (each holds
    80% of its sentences, not the same 80%). Every member is tried (with the first 12 only, two
    reprints past them that differ were never found), but a member whose text (`text_of`) was tried
    already is not: a wire story's reprints are mostly one text, and its partner would be found again.
    Nor is one that `copies_every_other` (a cheap test, never a wrong yes: SurelyCopies) says is a
    copy of every other member, once a pair was found: its partner would be a copy too (`partner_of`
    chooses among the members). Looking for each one's partner read every member a time: 200
    reprints, each with its byline, were 40,000 copy checks. The third item: whether the pair is a
    copy (no member tried had a pair that is not), or None when no member has a partner."""
    first: tuple[str, str] | None = None
    tried: set[object] = set()
    for left in members:
        if text_of is not None:
            text = text_of(left)
            if text in tried:
                continue
            tried.add(text)
        if first is not None and copies_every_other is not None and copies_every_other(left):
            continue
        right = partner_of(left)
        if right is None:
            continue
        if not is_copy(left, right):
            return left, right, False
        first = first or (left, right)
    return None if first is None else (*first, True)


class SurelyCopies:
    """Which texts of a story are surely copies (CopyCheck) of every one of its texts, each told in
    the time of one copy check: a bound read from a reference text R, never a wrong yes (a no may
    be wrong: an exact check then decides). Of sentence multisets A, B and R,
    |A & B| >= |A & R| + |B & R| - |R| (each sentence: min(a, b) >= min(a, r) + min(b, r) - r), so
    that A is a copy of every B when that bound, with the least |B & R| and the most a B lacks of
    its share, reaches NEAR_COPY_SHARE of the longer. R: the sentences most texts have (a wire
    story's, without one reprint's byline: the bound is tighter the nearer R is to every text).
    `keys`: each text's sentence_keys(), None for one that cannot be read (then no text is surely a
    copy: that one is not)."""

    def __init__(self, keys: Sequence[Counter[str] | None]) -> None:
        self._usable = bool(keys) and all(keys)  # an empty text is no copy (CopyCheck)
        self._reference = _held_by_most([k for k in keys if k])
        self._size = sum(self._reference.values())
        shared = [(sum((k & self._reference).values()), sum(k.values())) for k in keys if k]
        self._least_shared = min((s for s, _ in shared), default=0)
        # The most a text's share of the reference falls short of NEAR_COPY_SHARE of its own length
        self._most_short = max((NEAR_COPY_SHARE * count - s for s, count in shared), default=0.0)

    def of(self, keys: Counter[str] | None) -> bool:
        """Whether the text of `keys` (one of those given) is surely a copy of every one."""
        if not self._usable or not keys:
            return False
        # Whole numbers against a product of NEAR_COPY_SHARE, as CopyCheck compares them
        above = sum((keys & self._reference).values()) - self._size
        return above + self._least_shared >= NEAR_COPY_SHARE * sum(keys.values()) and above >= self._most_short


def _held_by_most(keys: Sequence[Counter[str]]) -> Counter[str]:
    """Each sentence as many times as at least half of the texts have it."""
    held: Counter[tuple[str, int]] = Counter()
    for text in keys:
        held.update((sentence, n) for sentence, times in text.items() for n in range(1, times + 1))
    found: Counter[str] = Counter()
    for (sentence, n), texts in held.items():
        if 2 * texts >= len(keys):
            found[sentence] = max(found[sentence], n)
    return found


def copies_last(versions: Sequence[Version], copies: set[str]) -> list[Version]:
    """The versions in their order, but the copies after the others of the same story."""
    return sorted(versions, key=lambda v: (not v.same_story, v.id in copies))  # stable
