"""Step 4: average-link agglomerative clustering over the sparse similarity graph."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from typing import Mapping, Sequence

from reader.analysis.cancel import Cancel, check

# Merges (or similarities summed) between two asks of `cancel`: each a few microseconds, so a
# stop waits a few milliseconds at most, and asking costs nothing measurable.
_STEPS_PER_CHECK = 1024


def average_link(
    n: int,
    sims: Mapping[tuple[int, int], float],
    threshold: float,
    groups_of: Sequence[str | None] | None = None,
    same_group_penalty: float = 1.0,
    labels_of: Sequence[str | None] | None = None,
    together: Sequence[Sequence[int]] = (),
    cancel: Cancel | None = None,
) -> list[list[int]]:
    """Average-link agglomerative clustering over a sparse similarity graph.

    Missing pairs count as similarity 0. Two clusters merge while the average similarity over
    all cross pairs is >= threshold; when `groups_of` (e.g. outlets) is given and both clusters
    hold an item of the same group, the average is multiplied by `same_group_penalty` first.
    `labels_of` (a story named in an article's metadata, or None) keeps apart two clusters that
    carry different labels, however similar: a cluster carries at most one label (that of its
    labelled items), and items without one join either side. `together`: groups of items that
    start as one cluster each, whatever their similarities (a story given by metadata too large
    to link each pair of).
    Deterministic: ties go to the lowest cluster ids. Returns clusters of item indices.
    `cancel()` is asked every _STEPS_PER_CHECK steps (reader.analysis.cancel: Cancelled).
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    label: dict[int, str | None] = {i: labels_of[i] for i in range(n)} if labels_of is not None else {}

    def apart(a: int, b: int) -> bool:
        label_a, label_b = label.get(a), label.get(b)
        return label_a is not None and label_b is not None and label_a != label_b

    tags: dict[int, Counter] = {}
    if groups_of is not None:
        for i in range(n):  # (a Counter each: 0.1-0.2 s of CPU at 10,000 items, asked along)
            if i % _STEPS_PER_CHECK == 0:
                check(cancel)
            tags[i] = Counter([groups_of[i]] if groups_of[i] is not None else [])
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for step, ((i, j), s) in enumerate(sims.items()):
        if step % _STEPS_PER_CHECK == 0:
            check(cancel)
        if i == j:
            continue
        links[i][j] = links[i].get(j, 0.0) + s
        links[j][i] = links[j].get(i, 0.0) + s

    def score(a: int, b: int, total: float) -> float:
        avg = total / (len(members[a]) * len(members[b]))
        if groups_of is not None and same_group_penalty != 1.0:
            ta, tb = tags[a], tags[b]
            if ta and tb and (ta.keys() & tb.keys()):
                avg *= same_group_penalty
        return avg

    next_id = n

    def merge(a: int, b: int) -> int:
        """Clusters a and b as one (a new id), their links summed."""
        nonlocal next_id
        c = next_id
        next_id += 1
        members[c] = members.pop(a) + members.pop(b)
        if groups_of is not None:
            tags[c] = tags.pop(a) + tags.pop(b)
        if labels_of is not None:
            label_a, label_b = label.pop(a), label.pop(b)
            label[c] = label_a if label_a is not None else label_b
        la = links.pop(a, {})
        lb = links.pop(b, {})
        merged: dict[int, float] = {}
        for k, total in la.items():
            if k != b:
                merged[k] = merged.get(k, 0.0) + total
        for k, total in lb.items():
            if k != a:
                merged[k] = merged.get(k, 0.0) + total
        for k, total in merged.items():
            nk = links[k]
            nk.pop(a, None)
            nk.pop(b, None)
            nk[c] = total
        links[c] = merged
        return c

    for group in together:
        items = iter(sorted(set(group)))
        cluster = next(items, None)
        for item in items:
            cluster = merge(cluster, item)  # type: ignore[arg-type]

    heap: list[tuple[float, int, int]] = []
    for a, nbrs in links.items():
        for b, total in nbrs.items():
            if a < b and not apart(a, b):
                s = score(a, b, total)
                if s >= threshold:
                    heap.append((-s, a, b))
    heapq.heapify(heap)
    popped = 0
    while heap:
        popped += 1
        if popped % _STEPS_PER_CHECK == 0:
            check(cancel)
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # stale: one side was merged already
        c = merge(a, b)
        merged = links[c]
        for k in sorted(merged):
            if apart(c, k):
                continue
            s = score(c, k, merged[k])
            if s >= threshold:
                heapq.heappush(heap, (-s, min(c, k), max(c, k)))
    return [sorted(m) for m in members.values()]
