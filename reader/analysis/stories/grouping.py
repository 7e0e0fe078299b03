"""The full grouping: every record clustered at once (`cluster_stories`, `group_stories`)."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Sequence

from reader.analysis.cancel import STORIES_PER_CHECK, Cancel, check
from reader.analysis.stories.clustering import average_link
from reader.analysis.stories.features import _quote_list, story_features
from reader.analysis.stories.labels import _label
from reader.analysis.stories.model import DEFAULT_PARAMS, Story, StoryParams, story_id
from reader.analysis.stories.similarity import _GIVEN_STORY_MAX, _similarities
from reader.analysis.stories.stats import StoryStats, _Features, _from_records

_PAIRS_PER_CHECK = 1024  # similarities copied between two asks of cancel() (_group, over chains)


def group_stories(
    articles: Sequence[Any],
    quotes: Mapping[str, Sequence[Any]] | None = None,
    params: StoryParams = DEFAULT_PARAMS,
) -> list[Story]:
    """Group articles (objects with id, outlet, date, title, text) into stories.

    Every article is in exactly one story. Stories come largest first, then by earliest member id;
    members are sorted by (date, id). Duplicate ids are kept once (the first occurrence).
    The same as `cluster_stories` over the articles' `story_features`.
    """
    seen: set[str] = set()
    unique = []
    for art in articles:
        key = str(art.id)
        if key not in seen:
            seen.add(key)
            unique.append(art)
    return cluster_stories([story_features(a, _quote_list(quotes, str(a.id))) for a in unique], params)


def cluster_stories(
    records: Iterable[Mapping],
    params: StoryParams = DEFAULT_PARAMS,
    *,
    stats: StoryStats | None = None,
    on_tops: Callable[[list[str], list], None] | None = None,
    on_compared: Callable[[int], None] | None = None,
    on_searched: Callable[[int, int], None] | None = None,
    links: Mapping[str, str] | None = None,
    cancel: Cancel | None = None,
) -> list[Story]:
    """Group feature records (from `story_features`) into stories: the whole clustering, no text.

    With `stats` (the corpus statistics of exactly these records, repeated ids counted once),
    `records` is read once, record by record, and only each article's vectors are kept: it may
    be an iterable that parses stored records as it goes. The result is the same.
    `on_tops(ids, tops)` (with `stats`) is given every article's top terms when the grouping
    found candidate pairs by them (beyond EXHAUSTIVE_MAX; topcache.py stores them).
    `on_compared(k)`: the first k articles have every pair scored, for progress, as
    `on_searched(k, of)` before it: k of `of` parts of the search for partners are done.
    `links`: {id: the id of the version it replaces} the index found beyond the records'
    `previous` (an older version renamed, found by its URL: story_groups.version_links)."""
    if stats is not None:
        f = _from_records(records, stats.models(), slim=True)
        if not f.ids:
            return []
        sims = _similarities(f, params, on_compared=on_compared, on_searched=on_searched, cancel=cancel)
        if on_tops is not None and f.tops is not None:
            on_tops(f.ids, f.tops)
        f.tops = None  # not kept through the clustering (the peak of a build's memory)
        return _sort_stories(_group(f, sims, params, links=links, cancel=cancel))
    seen: set[str] = set()
    unique = []
    for record in records:
        if record["id"] not in seen:
            seen.add(record["id"])
            unique.append(record)
    if not unique:
        return []
    f = _from_records(unique)
    sims = _similarities(f, params, on_compared=on_compared, on_searched=on_searched, cancel=cancel)
    f.tops = None
    return _sort_stories(_group(f, sims, params, links=links, cancel=cancel))


def _group(
    f: _Features,
    sims: Mapping[tuple[int, int], float],
    params: StoryParams,
    subset: Sequence[int] | None = None,
    links: Mapping[str, str] | None = None,
    cancel: Cancel | None = None,
) -> list[Story]:
    """Cluster the articles `subset` (all by default) of f, with sims keyed by f's indices;
    `links` ({id: the version it replaces}) link versions beside the records' `previous`;
    `cancel()` asked along the way (Cancelled)."""
    index = list(range(len(f.ids))) if subset is None else list(subset)
    # Every article (the full grouping): sims are keyed by these positions already, each pair
    # (i < j) once, and the clustering only reads them: no copy of the whole graph beside it and
    # average_link's links at the clustering's peak (bench/bench_grouping_memory.py).
    local_sims = sims if subset is None else _subset_sims(sims, index, cancel)
    outlets = [f.outlets[g] for g in index]
    given = [f.given[g] for g in index] if f.given else []
    ids = [f.ids[g] for g in index]
    previous = [f.previous[g] for g in index] if f.previous else [None] * len(index)
    if links:
        previous = [links.get(aid) or older for aid, older in zip(ids, previous)]
    chains = _version_chains(ids, previous, outlets)
    if chains:
        clusters = _average_link_over_chains(chains, local_sims, params, outlets, given, cancel)
    else:
        clusters = average_link(
            len(index),
            local_sims,
            params.threshold,
            groups_of=outlets,
            same_group_penalty=params.same_outlet_penalty,
            labels_of=given or None,
            together=_large_given_stories(given),
            cancel=cancel,
        )
    stories = []
    for count, member in enumerate(clusters):
        if count % STORIES_PER_CHECK == 0:
            check(cancel)
        member = sorted((index[k] for k in member), key=lambda i: (f.days[i] is None, f.days[i] or 0, f.ids[i]))
        ids = [f.ids[i] for i in member]
        stories.append(Story(id=story_id(ids[0]), label=_label(f, member, sims), articles=ids))
    return stories


def _subset_sims(
    sims: Mapping[tuple[int, int], float], index: Sequence[int], cancel: Cancel | None
) -> dict[tuple[int, int], float]:
    """The pairs of sims between articles of `index`, keyed by their positions in it (a < b)."""
    local = {g: k for k, g in enumerate(index)}
    local_sims = {}
    for step, ((i, j), s) in enumerate(sims.items()):
        if step % _PAIRS_PER_CHECK == 0:  # (0.05-0.1 s at 10,000 articles, as the chains' copy below)
            check(cancel)
        a, b = local.get(i), local.get(j)
        if a is not None and b is not None:
            local_sims[(a, b) if a < b else (b, a)] = s
    return local_sims


def _version_chains(
    ids: Sequence[str], previous: Sequence[str | None], outlets: Sequence[str | None]
) -> list[list[int]]:
    """The chains of versions of one page among these articles, by position, each of two or more:
    an article is linked to the one its record names `previous` when that is here and of the same
    outlet (an outlet's version never replaces another outlet's article)."""
    at = {aid: k for k, aid in enumerate(ids)}
    parent: dict[int, int] = {}

    def root(k: int) -> int:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for k, older in enumerate(previous):
        j = at.get(older) if older is not None else None
        if j is None or j == k or outlets[j] != outlets[k]:
            continue
        a, b = root(k), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    if not parent:
        return []
    chains: dict[int, list[int]] = {}
    for k in range(len(ids)):
        chains.setdefault(root(k), []).append(k)
    return [members for members in chains.values() if len(members) > 1]


def _average_link_over_chains(
    chains: list[list[int]],
    sims: Mapping[tuple[int, int], float],
    params: StoryParams,
    outlets: Sequence[str | None],
    given: Sequence[str | None],
    cancel: Cancel | None = None,
) -> list[list[int]]:
    """average_link with each chain of versions as one article: its link to another article is
    its best version's (an edit dated the day it was fetched, weeks after the first, is still
    that page: its story is the first's), and the chain is returned whole in one cluster."""
    node_of = list(range(len(outlets)))
    for members in chains:
        for k in members:
            node_of[k] = members[0]
    nodes = sorted(set(node_of))
    position = {k: n for n, k in enumerate(nodes)}
    node_sims: dict[tuple[int, int], float] = {}
    for step, ((i, j), s) in enumerate(sims.items()):
        if step % _PAIRS_PER_CHECK == 0:
            check(cancel)
        a, b = position[node_of[i]], position[node_of[j]]
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        if s > node_sims.get(key, 0.0):
            node_sims[key] = s
    members_of: dict[int, list[int]] = {n: [] for n in range(len(nodes))}
    for k, node in enumerate(node_of):
        members_of[position[node]].append(k)
    node_given: list[str | None] = []
    for n in range(len(nodes)):
        labels = [given[k] for k in members_of[n] if given and given[k] is not None]
        node_given.append(labels[0] if labels else None)
    large = _large_given_stories(given)
    clusters = average_link(
        len(nodes),
        node_sims,
        params.threshold,
        groups_of=[outlets[nodes[n]] for n in range(len(nodes))],
        same_group_penalty=params.same_outlet_penalty,
        labels_of=node_given if given else None,
        together=_joined_nodes([[position[node_of[k]] for k in group] for group in large]),
        cancel=cancel,
    )
    return [sorted(k for n in cluster for k in members_of[n]) for cluster in clusters]


def _joined_nodes(groups: list[list[int]]) -> list[list[int]]:
    """Groups that share a node joined (average_link's `together` groups are disjoint)."""
    out: list[set[int]] = []
    for group in groups:
        joined = set(group)
        for other in [o for o in out if o & joined]:
            joined |= other
            out.remove(other)
        out.append(joined)
    return [sorted(g) for g in out]


def _large_given_stories(given: Sequence[str | None]) -> list[list[int]]:
    """The articles (by position) of each story given by metadata to more than
    similarity._GIVEN_STORY_MAX of them: too many to link each pair at full strength (as smaller
    ones are), they start the clustering as one story, which they stay."""
    by_story: dict[str, list[int]] = {}
    for k, story in enumerate(given):
        if story is not None:
            by_story.setdefault(story, []).append(k)
    return [members for members in by_story.values() if len(members) > _GIVEN_STORY_MAX]


def _sort_stories(stories: list[Story]) -> list[Story]:
    stories.sort(key=lambda s: story_order(s.articles))
    return stories


def story_order(members: Sequence[str]) -> tuple[int, str]:
    """The sort key of a story by its members: the largest first, then by their smallest id."""
    return -len(members), min(members)
