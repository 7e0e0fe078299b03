"""The update's story step: group the articles of the corpus as it will be after an update.

An ordinary update re-clusters only the stories its changes touch (stories_incrementally), from
the stored stories, the corpus statistics in stories.json and the articles' stored story records;
when any of those cannot be trusted, every article is grouped again (cluster_records), from the
records read back from the index (no text is analysed again).
"""

from __future__ import annotations

import json
import marshal
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from reader.index import statedb, store
from reader.index.gcpause import collector_paused
from reader.index.state import STORIES_JSON_NAME, STORIES_NAME

if TYPE_CHECKING:
    from reader.index.article_versions import Replacements


def story_dict(story: Any) -> dict:
    if type(story) is _story_class():  # the grouping's own (10,000s per update): one copy
        return {
            "id": str(story.id),
            "label": str(story.label or ""),
            "articles": [a if isinstance(a, str) else a.id for a in story.articles],
        }
    if hasattr(story, "to_dict"):
        data = dict(story.to_dict())
    else:
        data = {"id": story.id, "label": story.label, "articles": story.articles}
    data["articles"] = [a if isinstance(a, str) else a.id for a in data.get("articles", [])]
    data["id"] = str(data["id"])
    data["label"] = str(data.get("label") or "")
    return data


# Stale articles whose old story records are read at once to tell the renamed ones carried
# (stories_incrementally): those carried are dropped before the next chunk is read.
CARRIED_CHUNK = 1000
TOPS_PER_CHECK = 1024  # articles' top terms encoded between two asks of cancel() (cluster_records)
CHANGE_STEPS = 100  # at most this many counts of the records gone and come (stories_incrementally)


def _story_class() -> Any:
    from reader.analysis.stories import Story

    return Story


def as_record(record: dict | str | bytes) -> dict:
    """A story record, from its JSON text (as workers send them: a tenth of the memory of the
    dict, and the form the index stores), its packed bytes (a large load's) or as it is."""
    if isinstance(record, bytes):
        from reader.analysis.stories.packed import PackedRecord

        return PackedRecord(record).to_dict()
    return json.loads(record) if isinstance(record, str) else record


def as_json(record: dict | str | bytes) -> str:
    if isinstance(record, str):
        return record
    return json.dumps(as_record(record), ensure_ascii=False, separators=(",", ":"))


def cluster_records(
    records: Iterable[dict | str | bytes],
    on_read: Callable[[], None] | None = None,
    on_compared: Callable[[int], None] | None = None,
    on_searched: Callable[[int], None] | None = None,
    links: Mapping[str, str] | None = None,
    cancel: Callable[[], bool] | None = None,
):
    """(stories, corpus statistics, stored top terms) of every article's story record (dicts or
    JSON texts, one per article): the full grouping. Each record is parsed when it is read and
    not kept, so the memory is that of the articles' vectors, not of every record at once. The
    top terms (id -> bytes, topcache.py) are those the grouping found partners by, if it did.
    `records` is read twice (a list, or re-readable); `on_read()` is called after each record
    read, for progress (the two readings are half the grouping's time, or more), `on_searched(k)`
    as the partners of k articles were looked for (the pairs worth scoring: seconds at 10,000
    articles, after the readings), and `on_compared(k)` as the first k articles have every pair
    scored (most of the rest). Every article's partners are looked for before any pair is scored:
    on_searched(all of them) comes before on_compared, also when no search was needed.
    `links`: the index's links of versions (version_links), as cluster_stories takes them.
    `cancel()` is asked along the clustering after the last count, where no callback comes
    (seconds at 10,000 articles): a true answer raises reader.analysis.cancel.Cancelled."""
    from reader.analysis.stories import StoryStats, cluster_stories

    def parsed() -> Iterator[Mapping]:
        for record in records:
            yield as_record(record)
            if on_read is not None:
                on_read()

    stats = StoryStats()
    count = 0
    for record in parsed():
        stats.add(record)
        count += 1
    rows: dict[str, bytes] = {}

    def keep(ids: list[str], tops: list) -> None:
        from reader.analysis.cancel import check

        # Asked along: encoding every article's top terms is the longest stretch after the last
        # count (~0.1 s of CPU at 10,000 articles).
        for start in range(0, len(ids), TOPS_PER_CHECK):
            check(cancel)
            end = start + TOPS_PER_CHECK
            rows.update(tops_rows(stats, zip(ids[start:end], tops[start:end])))

    searched = None if on_searched is None else (lambda done, of: on_searched(count * done // max(1, of)))

    def compared(done: int) -> None:
        if on_searched is not None:
            on_searched(count)  # (a small corpus pairs every article: no search, none counted)
        if on_compared is not None:
            on_compared(done)

    stories = cluster_stories(
        parsed(), stats=stats, on_tops=keep, on_compared=compared, on_searched=searched, links=links, cancel=cancel
    )
    return _story_dicts(stories, cancel), stats, rows


def _story_dicts(stories: list, cancel: Callable[[], bool] | None) -> list[dict]:
    """story_dict of each story, `cancel()` asked along (0.4 s at 10,000 articles)."""
    from reader.analysis.cancel import STORIES_PER_CHECK, check

    dicts = []
    for count, story in enumerate(stories):
        if count % STORIES_PER_CHECK == 0:
            check(cancel)
        dicts.append(story_dict(story))
    return dicts


def tops_rows(stats, tops: Iterable[tuple[str, list]]) -> dict[str, bytes]:
    """Top terms as the state database stores them, for the statistics as they are now."""
    from reader.analysis.stories import DEFAULT_PARAMS
    from reader.analysis.stories.topcache import encode

    return {aid: encode(stats.epoch, stats.seq, DEFAULT_PARAMS, top) for aid, top in tops}


class _LazyRecords(Mapping):
    """Every current article's story record; unchanged ones read from the index on demand
    (`preload` reads many at once, ahead of their use)."""

    def __init__(self, unchanged: list[str], new: dict, new_ids: list[str], read, read_many=None, forget=None):
        self._ids = list(unchanged) + list(new_ids)
        self._new = new
        self._read = read
        self._read_many = read_many
        self._forget = forget

    def preload(self, ids: list[str]) -> None:
        if self._read_many is not None:
            self._read_many([aid for aid in ids if aid not in self._new])

    def forget(self, ids: list[str]) -> None:
        """Drop the records read of these articles (the grouping is done with them for now)."""
        if self._forget is not None:
            self._forget(ids)

    def __getitem__(self, aid: str) -> Mapping:
        hit = self._new.get(aid)
        if hit is not None:
            return hit
        return self._read(aid)

    def __iter__(self):
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def _parse_features(text: str | bytes | None, aid: str) -> Mapping | None:
    """A stored feature record (packed, or JSON) when it is this article's, else None."""
    if not text:
        return None
    if isinstance(text, bytes):
        from reader.analysis.stories.packed import PackedRecord

        try:
            packed = PackedRecord(text)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None
        return packed if packed.get("id") == aid else None
    try:
        record = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return record if isinstance(record, dict) and record.get("id") == aid else None


def metadata_stories(arts: list) -> list[dict]:
    """The story given by metadata, else one story per article (no clustering)."""
    from reader.corpus.decode import name_match_key

    groups: dict[str, list] = {}
    for art in arts:  # a story's name as names are matched: "Rally ❤️" and "Rally ❤" are one
        groups.setdefault(name_match_key(art.story) if art.story else art.id, []).append(art)
    return [
        {
            "id": (key := members[0].story or members[0].id),
            "label": members[0].title or key,
            "articles": [m.id for m in members],
        }
        for members in groups.values()
    ]


def features_here(art: dict, quotes: list) -> dict:
    """An article's story record computed in this process (a worker could not)."""
    try:
        record = store.story_features_dict(art, quotes)
    except Exception:
        record = None
    if record is None:  # an empty record: the article stays a story of its own
        record = {
            "id": art["id"],
            "outlet": None,
            "date": None,
            "title": art.get("title") or "",
            "story": None,
            "words": {},
            "names": {},
            "shingles": [],
            "lead": art["id"],
        }
    return record


def stored_features(stored: dict) -> dict:
    """The stored story record of a document (recomputed from its text when missing)."""
    try:
        record = json.loads(stored.get("story_features") or "null")
    except ValueError:
        record = None
    if isinstance(record, dict) and record.get("id") == stored["id"]:
        return record
    art = {**store.article_from_stored(stored), "story": None}
    return store.story_features_dict(art, json.loads(stored.get("quotes_json") or "[]")) or {
        "id": stored["id"],
        "words": {},
        "names": {},
        "shingles": [],
    }


# How the index groups its stories, beside the features: the stored statistics of another are not
# trusted, so the next update that changes anything groups every article again (from the stored
# records: no text is read again, as a schema change would). 2: the index's links of versions
# (an older version renamed, found by its URL) are given to the grouping.
STORY_GROUPING = 2


def read_story_stats(index_dir: Path, state: dict, grouped_alike: Callable[[], bool] | None = None) -> dict | None:
    """The stored statistics when they describe exactly this state's commit, else None.
    `grouped_alike()`: whether an index grouped before STORY_GROUPING 2 grouped as it would now
    (no version linked by its URL alone): its statistics then hold (asked only of such an index)."""
    data = _read_stats_file(Path(index_dir))
    from reader.analysis.stories import FEATURES_VERSION

    if (
        not isinstance(data, dict)
        or data.get("features") != FEATURES_VERSION
        or (
            data.get("grouping", 1) != STORY_GROUPING
            and not (data.get("grouping", 1) == 1 and grouped_alike is not None and grouped_alike())
        )
        or data.get("schema") != store.SCHEMA_VERSION
        or data.get("generation") != state.get("generation")
        or data.get("dir") != state.get("dir")
        or not isinstance(data.get("stats"), dict)
        or not all(isinstance(data["stats"].get(key), dict) for key in ("words", "names"))
    ):
        return None
    return data["stats"]


def _read_stats_file(index_dir: Path):
    """stories.bin: marshal, which reads and writes the 100,000 terms of a 10k corpus in a tenth
    of JSON's time (it is a cache of this machine's Python, checked by version); stories.json
    of an older reader otherwise."""
    try:
        with open(index_dir / STORIES_NAME, "rb") as fh:
            data = marshal.loads(fh.read())  # marshal.load(fh) reads piece by piece: 5x slower
        if isinstance(data, dict) and data.get("python") == list(sys.version_info[:2]):
            return data
        return None
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError):
        return None
    try:
        with open(index_dir / STORIES_JSON_NAME, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError, RecursionError):
        return None


def write_story_stats(index_dir: Path, stats, state: dict) -> None:
    """Written after the state database, for the same commit (read_story_stats checks that)."""
    from reader.analysis.stories import FEATURES_VERSION

    path = Path(index_dir) / STORIES_NAME
    data = {
        "python": list(sys.version_info[:2]),
        "features": FEATURES_VERSION,
        "grouping": STORY_GROUPING,
        "schema": store.SCHEMA_VERSION,
        "generation": state["generation"],
        "dir": state["dir"],
        "stats": stats.to_dict(),
    }
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(marshal.dumps(data))
        os.replace(tmp, path)
    finally:  # a full disk: leave no temp file behind
        tmp.unlink(missing_ok=True)
    (Path(index_dir) / STORIES_JSON_NAME).unlink(missing_ok=True)


def _trusted_stats(index_dir: Path, state: dict, count: int, db: statedb.StateDB):
    """The stored corpus statistics when the incremental grouping may start from them (`count`:
    the articles the state holds)."""
    from reader.analysis.stories import StoryStats

    if state.get("from_index") or not count:
        return None
    if not (state["stories"] if "stories" in state else db.has_stories()):  # not read whole for this
        return None
    data = read_story_stats(index_dir, state, lambda: _no_link_by_url_alone(db))
    if data is None:
        return None
    try:
        stats = StoryStats.from_dict(data)
    except (KeyError, TypeError, ValueError):
        return None
    return stats if stats.n_docs == count else None


@collector_paused  # it makes no reference cycles (gcpause.py)
def stories_incrementally(
    ix,
    db: statedb.StateDB,
    index_dir: Path,
    state: dict,
    before: Mapping[str, tuple[str | None, str | None]],
    stale_ids: set[str],
    new_articles: list[dict],
    new_features: dict,
    progress: Callable[[int, int, int], None] | None = None,
    renamed: Mapping[str, str] | None = None,
    on_changes: Callable[[int, int], None] | None = None,
    links: Mapping[str, str] | None = None,
):
    """(stories, stats, read_back, top-term rows, stories dissolved) from the stored stories,
    corpus statistics, records and top terms, re-clustering only the region the change touches;
    None when the stored state cannot be trusted for that (first build, an older or interrupted
    index): then group everything. The stories are read by key: those of the region's articles
    (`before`'s story column finds them); the result's are statedb.StoryChanges (and the rows of
    the stories dissolved, for keep_story_ids), or every story (a list, and None) when the region
    grew until everything was grouped again. `before`: {id: (date, story)} of every article the
    state holds, in its order (statedb.article_dates). `progress(done, total, round)`: articles
    compared (update_stories). `renamed`: {old id: new id} of the articles whose file moved; one
    whose story record is the same but for its id keeps its place in its story, not grouped again
    (a corpus copied to another layout renames every file). `on_changes(done, total)`: the
    records of the articles gone and come (the old ones read back, then all taken out of the
    statistics or put in), counted before the regrouping (3,000 files deleted of 10,000: seconds).
    `links`: {id: the id of the version it replaces} of the corpus after the update (version_links)."""
    if on_changes is not None:  # (the imports below alone are ~0.4 s)
        on_changes(0, len(stale_ids) + len(new_articles))
    from reader.analysis.stories import DEFAULT_PARAMS, Story, regroup_by_key, story_id, story_order
    from reader.analysis.stories.features import _parse_date as parse_date
    from reader.analysis.stories.topcache import TopsCache

    stats = _trusted_stats(index_dir, state, len(before), db)
    if stats is None:
        return None
    searcher = ix.searcher()
    lookup, lookup_many, lookup_tops, close_lookup = db.feature_lookup()
    try:
        reader = searcher.reader()

        def stored(aid: str) -> dict | None:
            # The id's live document (a deleted older version is skipped by first_id).
            try:
                return reader.stored_fields(reader.first_id("id", aid))
            except Exception:
                return None

        cache: dict[str, Mapping] = {}

        def record(aid: str) -> Mapping:
            hit = cache.get(aid)
            if hit is None:
                hit = _parse_features(lookup(aid), aid)  # the state database's row, if any
            if hit is None:
                doc = stored(aid)
                if doc is None:
                    raise KeyError(aid)
                hit = stored_features(doc)
            cache[aid] = hit
            return hit

        def read_many(ids: list[str]) -> None:
            """The state database's rows of these articles into the cache, in a few queries
            (one missing or unusable is read by record() when asked for)."""
            for aid, text in lookup_many([aid for aid in ids if aid not in cache]).items():
                hit = _parse_features(text, aid)
                if hit is not None:
                    cache[aid] = hit

        now_ids = [a["id"] for a in new_articles]
        new_features = {aid: as_record(new_features[aid]) for aid in now_ids}
        # The old versions leave the statistics, but for those carried: the same record under
        # another id, no change. Read a chunk at a time, the carried ones dropped as they are
        # found: a copied corpus renames every file, and each old record was held beside its new one.
        renamed = renamed or {}
        taken = set(renamed.values())
        old_records: dict[str, Mapping] = {}
        found: set[str] = set()
        stale_order = list(stale_ids)
        # Counted a third as the old records are read, two thirds as the statistics change.
        changes = len(stale_order) + len(now_ids)
        count_change = _changes_counter(on_changes, changes, len(stale_order))
        for start in range(0, len(stale_order), CARRIED_CHUNK):
            chunk = stale_order[start : start + CARRIED_CHUNK]
            read_many(sorted(chunk))  # in a few queries
            part: dict[str, Mapping] = {}
            try:
                for done, aid in enumerate(chunk, start + 1):
                    part[aid] = record(aid)
                    count_change(done, None)
            except KeyError:
                return None
            cache.clear()
            chunk_renames = {old_id: renamed[old_id] for old_id in chunk if old_id in renamed}
            found.update(_carried(chunk_renames, before, part, new_features, taken).values())
            old_records.update((aid, rec) for aid, rec in part.items() if aid not in found)
        carried = {new_id: old_id for old_id, new_id in renamed.items() if old_id in found}  # {new id: old id}
        stats.change(
            list(old_records.values()),
            [new_features[aid] for aid in now_ids if aid not in carried],
            None if on_changes is None else count_change,
        )
        if on_changes is not None:
            on_changes(changes, changes)
        del old_records
        tops = TopsCache(stats, DEFAULT_PARAMS, lookup_tops, fresh=set(stale_ids) | set(now_ids))
        unchanged = [aid for aid in before if aid not in stale_ids]
        dates = {aid: before[aid][0] for aid in unchanged}
        dates.update((aid, new_features[aid].get("date")) for aid in now_ids)

        def forget(ids: list[str]) -> None:
            for aid in ids:
                cache.pop(aid, None)

        records = _LazyRecords(unchanged, new_features, now_ids, record, read_many, forget)
        dissolved_rows: list[dict] = []

        new_id_of = {old_id: new_id for new_id, old_id in carried.items()}

        def member_order(aid: str) -> tuple[bool, int, str]:  # as the grouping sorts a story's members
            day = parse_date(dates.get(aid))
            return day is None, day or 0, aid

        def rows_of(ids: list[str]) -> list[dict]:
            rows = db.grouped_stories_of(ids)
            if rows is None:
                raise KeyError("the state database's stories cannot be read by id")
            dissolved_rows.extend(rows)
            return rows

        def stories_of(ids: list[str]) -> dict[str, list[str]]:
            members: dict[str, list[str]] = {}
            for row in rows_of(ids):
                members.setdefault(row["id"], []).extend(new_id_of.get(a, a) for a in row["articles"])
            return members

        try:
            dissolved, grouped = regroup_by_key(
                _StoryBefore(before, carried),
                stories_of,
                records,
                [aid for aid in now_ids if aid not in carried],
                stale_ids - set(now_ids) - set(new_id_of),
                stats=stats,
                dates=dates,
                tops=tops,
                progress=progress,
                links=links,
            )
            if dissolved is not None and carried:
                # The stories kept that hold a renamed article are written again under its new id.
                holding = {str(before[old_id][1]) for old_id in carried.values()} - dissolved
                for row in rows_of(sorted(holding)):
                    members = sorted((new_id_of.get(a, a) for a in row["articles"]), key=member_order)
                    # Named by its first article, as grouped: keep_story_ids gives back the id it had.
                    grouped.append(Story(story_id(members[0]), row["label"], members))
                dissolved |= holding
        except KeyError:  # a document the state names is not in the index, a story row unread
            return None
        stories = [story_dict(st) for st in grouped]
        del grouped
        stories.sort(key=lambda st: story_order(st["articles"]))
        story_of = {aid: st["id"] for st in stories for aid in st["articles"]}
        if dissolved is None:  # every article grouped again
            moved_ids = [aid for aid in unchanged if before[aid][1] != story_of.get(aid)]
            result: list[dict] | statedb.StoryChanges = stories
        else:
            # An unchanged article of a story dissolved is in one made now (else the story rows
            # did not hold every article that names them: group everything).
            moved_ids = []
            for aid in unchanged:
                was = before[aid][1]
                if not was or was in dissolved:
                    if aid not in story_of:
                        return None
                    if story_of[aid] != was:
                        moved_ids.append(aid)
            result = statedb.StoryChanges(sorted(dissolved), stories)
        # The unchanged articles whose story changed are rewritten: read them now.
        moved = [stored(aid) for aid in moved_ids]
        rows: dict[str, bytes] = {}
        if not stats.count_changed():
            # An update that adds or removes articles moves every idf: the next one that does so
            # too (a fetch, then another) could use none of the lists, so none is stored (~0.03 s
            # for a date window of 1,700 at 10k); the next edit makes and stores them.
            rows = tops_rows(stats, [*tops.computed.items(), *tops.confirmed.items()])
        read_back = [doc for doc in moved if doc is not None]
        return result, stats, read_back, rows, None if dissolved is None else dissolved_rows
    finally:
        close_lookup()
        searcher.close()


def _changes_counter(
    on_changes: Callable[[int, int], None] | None, changes: int, stale: int
) -> Callable[[int, int | None], None]:
    """count(done, of) for stories_incrementally's changes, passed on as on_changes(done, changes)
    at most CHANGE_STEPS times: the old records read (of None: `done` of the `stale` ones) count
    the first third, the statistics' change (`done` of `of`) the rest."""
    if on_changes is None:
        return lambda done, of: None
    shown = [-1]
    step = max(1, changes // CHANGE_STEPS)

    def count(done: int, of: int | None) -> None:
        if of is None:
            counted = changes * done // max(1, stale) // 3
        else:
            counted = changes // 3 + (changes - changes // 3) * done // max(1, of)
        if counted - shown[0] >= step:
            shown[0] = counted
            on_changes(counted, changes)

    return count


def _carried(
    renamed: Mapping[str, str],
    before: Mapping[str, tuple[str | None, str | None]],
    old_records: Mapping[str, Mapping],
    new_records: Mapping[str, Mapping],
    taken: set[str] | None = None,
) -> dict[str, str]:
    """{new id: old id} of the renamed articles whose story record is the old one's but for its
    id, and whose old one was in a story (their place in it is kept). Not one whose new id an
    article had before, nor whose old id another takes (two files that swapped contents): its
    old story and the one it takes over would both hold it; those are grouped again. `taken`:
    every new id of the update's renames (`renamed` may be some of them), when not all here."""
    carried: dict[str, str] = {}
    taken = set(renamed.values()) if taken is None else taken
    for old_id, new_id in renamed.items():
        if new_id in before or old_id in taken:
            continue
        old, new = old_records.get(old_id), new_records.get(new_id)
        if old is None or new is None or not (before.get(old_id) or (None, None))[1]:
            continue
        old_dict = old.to_dict() if hasattr(old, "to_dict") else dict(old)
        new_dict = new.to_dict() if hasattr(new, "to_dict") else dict(new)
        if {**old_dict, "id": new_id} == new_dict:
            carried[new_id] = old_id
    return carried


class _StoryBefore(Mapping):
    """{article id: its story id} of the articles a story held before, from statedb.article_dates'
    {id: (date, story)} (a view: no copy of 10,000s of entries); a renamed article carried
    (`carried`: {new id: old id}) is in its old one's story under its new id."""

    def __init__(self, before: Mapping[str, tuple[str | None, str | None]], carried: Mapping[str, str] | None = None):
        self._before = before
        self._carried = carried or {}
        self._new_id_of = {old_id: new_id for new_id, old_id in self._carried.items()}

    def _row(self, aid: object):
        if aid in self._new_id_of:  # its old id: gone
            return None
        return self._before.get(self._carried.get(aid, aid))  # type: ignore[call-overload]

    def __getitem__(self, aid: str) -> str:
        found = self._row(aid)
        if found is None or not found[1]:
            raise KeyError(aid)
        return found[1]

    def __contains__(self, aid: object) -> bool:
        found = self._row(aid)
        return found is not None and bool(found[1])

    def get(self, aid, default=None):
        found = self._row(aid)
        return default if found is None or not found[1] else found[1]

    def __iter__(self):
        new_id_of = self._new_id_of
        return (new_id_of.get(aid, aid) for aid, (_, story) in self._before.items() if story)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def version_links(articles: Iterable[Mapping]) -> dict[str, str]:
    """{id: the id of the version it replaces} of every chain of versions among `articles` (rows
    with id, outlet, url, previous, date), as the lists link them (article_versions.Replacements):
    an older version renamed, which the newer one's `previous:` no longer names, is found by its
    URL. The grouping takes each chain as one article, so the lists and the stories agree."""
    return version_chains(articles).links()


def version_chains(articles: Iterable[Mapping]) -> Replacements:
    """The chains of versions among `articles` (version_links), of the articles a chain can
    involve (article_versions.in_chains): given the whole corpus after an update, the chains
    its save writes (statedb._write_versions takes them instead of working them out again)."""
    from types import SimpleNamespace

    from reader.index.article_versions import Replacements, in_chains

    rows = [SimpleNamespace(**{key: row.get(key) for key in CHAIN_KEYS}) for row in articles]
    return Replacements.chains_of(in_chains(rows, {}))


def _no_link_by_url_alone(db: statedb.StateDB) -> bool:
    """Whether every link of versions the stored articles give is one a `previous:` names (so a
    grouping before the links were given, STORY_GROUPING 1, made the stories it makes now: an
    index of no renamed older version is not grouped again for nothing)."""
    rows = db.chain_rows([], [])
    if rows is None:
        return False
    named = {row["id"]: row["previous"] for row in rows}
    return all(named.get(newer) == older for newer, older in version_links(rows).items())


# What version_links reads of an article.
CHAIN_KEYS = ("id", "outlet", "url", "previous", "date")


def unchanged_documents(ix, stale_keys: set[str]) -> list[dict]:
    """The stored fields of every document whose file is not among `stale_keys`."""
    out = []
    with ix.searcher() as s:
        reader = s.reader()
        for docnum in reader.all_doc_ids():
            stored = reader.stored_fields(docnum)
            if stored.get("file") not in stale_keys:
                out.append(stored)
    return out
