"""Each article's top terms, kept between updates while they still hold (`TopsCache`).

An incremental regrouping needs the top terms (`similarity._tops`) of every article in the
date window of the changed ones (~1,700 at 10,000 articles): weighing their ~400,000 word
counts with the corpus statistics was the largest part of a small update. An article's top
terms depend only on its record, the number of articles and the document frequencies of its
own terms; so a stored list stays exact until one of those changes. Each list is stored with
the statistics' `epoch` and change number (`StoryStats.seq`); it is used again only when the
statistics' log (`StoryStats.changed_since`) shows no change of the article count since, and
none of the article's words and names among the terms whose document frequency changed.
Anything else (an older list, a damaged one, other parameters) is computed again, as before.
The caller stores a record's list beside it and drops it whenever the record changes.
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Callable, Collection, Mapping

from reader.analysis.stories.model import StoryParams
from reader.analysis.stories.packed import PackedRecord, folded_names, needles
from reader.analysis.stories.stats import StoryStats

Tops = list[tuple[str, float]]  # an article's top words, then its top names ("\x00" + name)

_MAGIC = b"TT\x01"


def encode(epoch: str, seq: int, params: StoryParams, tops: Tops) -> bytes:
    """A list of top terms as stored: under a CRC-32, marshal (this Python's own; the statistics
    file that names the epoch is checked against the Python version)."""
    body = marshal.dumps((epoch, seq, params.top_terms, params.top_names, tops))
    return _MAGIC + zlib.crc32(body).to_bytes(4, "little") + body


def decode(blob: bytes) -> tuple[str, int, int, int, Tops] | None:
    """(epoch, seq, top_terms, top_names, tops) of a stored list, or None if it is damaged."""
    if not isinstance(blob, bytes) or blob[:3] != _MAGIC:
        return None
    body = memoryview(blob)[7:]
    if zlib.crc32(body) != int.from_bytes(blob[3:7], "little"):
        return None
    try:
        value = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    if not (isinstance(value, tuple) and len(value) == 5 and isinstance(value[4], list)):
        return None
    return value


class TopsCache:
    """The stored top terms the incremental grouping may use (`known`), and those it computes
    (`computed`: article id -> tops, to be stored by the caller with `stats.seq`).

    `lookup(ids)` -> {id: stored bytes} of those stored; `fresh`: articles whose record changed
    in this update (their stored lists, if any, are of their old record)."""

    def __init__(
        self,
        stats: StoryStats,
        params: StoryParams,
        lookup: Callable[[list[str]], Mapping[str, bytes]],
        fresh: Collection[str] = (),
    ):
        self.stats = stats
        self.params = params
        self.lookup = lookup
        self.fresh = set(fresh)
        self.computed: dict[str, Tops] = {}
        # Stored lists found to hold after many changes: stored again with the current change
        # number, so that the next update checks them against its own changes only.
        self.confirmed: dict[str, Tops] = {}
        self.reused = 0  # how many stored lists were used (for tests and measurements)

    def known(self, ids: list[str], records: Mapping[str, Mapping]) -> dict[str, Tops]:
        """The stored tops of these articles that still hold, by id."""
        stats, params = self.stats, self.params
        found = self.lookup([aid for aid in ids if aid not in self.fresh])
        changes: dict[int, _Changes | None] = {}
        out: dict[str, Tops] = {}
        for aid, blob in found.items():
            value = decode(blob)
            if value is None:
                continue
            epoch, seq, top_terms, top_names, tops = value
            if epoch != stats.epoch or top_terms != params.top_terms or top_names != params.top_names:
                continue
            if seq not in changes:
                changes[seq] = _changes(stats, seq)
            changed = changes[seq]
            if changed is None:
                continue
            if changed.words or changed.names:
                if changed.uses_any(records[aid]):
                    continue
                if changed.many:
                    self.confirmed[aid] = tops
            out[aid] = tops
        self.reused += len(out)
        return out


# Beyond this many changed terms an article's own terms are read once (a set), instead of each
# changed term being looked for in its stored text; a list that then still holds is stored again.
_FEW_TERMS = 16


class _Changes:
    """The words and names whose document frequency changed since a change number, without
    those no article counts any more."""

    def __init__(self, stats: StoryStats, words: set[str], names: set[str]):
        self.words = {t for t in words if stats.words.get(t, 0) > 0}
        self.names = {t for t in names if stats.names.get(t, 0) > 0}
        self.many = len(self.words) + len(self.names) > _FEW_TERMS
        self.word_needles = needles(self.words)
        self.name_needles = needles(self.names)

    def uses_any(self, record: Mapping) -> bool:
        """Whether the record counts one of them."""
        if isinstance(record, PackedRecord):
            if self.many:
                return record.counts_any(self.words, self.names)
            return record.has_any(self.word_needles, self.name_needles)
        return not self.words.isdisjoint(record.get("words") or {}) or not self.names.isdisjoint(folded_names(record))


def _changes(stats: StoryStats, seq) -> _Changes | None:
    """What changed since change `seq` (None: not known, or the article count changed)."""
    changed = stats.changed_since(seq) if isinstance(seq, int) else None
    return None if changed is None else _Changes(stats, *changed)
