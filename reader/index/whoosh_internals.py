"""The one door to Whoosh's internals: every private Whoosh name reader uses is used here.

Pinned: whoosh-reloaded==2.7.5 (pyproject.toml; the Whoosh 2.7 code base). Whoosh's private
names carry no promise between versions. REQUIRED lists each one, grouped by why we need it;
importing this module (so reader.index) checks them all against the installed Whoosh and fails
with WhooshInternalsMissing naming what is gone: a changed Whoosh must fail loudly, never change
behaviour in silence (a wildcard search ignoring its outlet filter, say). The same check is a
test (tests/test_whoosh_internals.py): run it first when changing the pin.

Why we go inside Whoosh:
- crash-safe parallel updates: spawned workers write whole uncommitted segments
  (SegmentWriter(_lk=False), _finalize_segment); the parent commits its own changes plus theirs
  in one table-of-contents write (_merge_segments, _close_segment, _commit_toc, _finish);
- the committed state without opening the index (TOC._latest_generation, FileIndex._segments,
  _read_toc) and the deletion of files no commit names (clean_files);
- faster writing: FastSegmentWriter adds postings in bulk (the pool's and per-document writer's
  internals) and ReaderCodec inlines rare terms' postings (W3PostingsWriter internals);
- zero-copy reads of compound segments (compound.BufferFile, BufferFile's fields);
- searching: the time-limited collector applies the filter itself (FilterCollector._allow and
  _restrict), wildcard expansion is bounded (MultiTerm._btexts), and a phrase's positions are
  compared as numbers (SpanNear2Matcher._get_spans).
"""

from __future__ import annotations

import inspect
from array import array
from bisect import bisect_left
from typing import Any, Callable, Iterable

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PerDocWriter, W3PostingsWriter, W3TermInfo
from whoosh.collectors import FilterCollector
from whoosh.compat import dumps
from whoosh.filedb import compound, filetables
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile, StructFile
from whoosh.query import MultiTerm, SpanNear2
from whoosh.query.spans import Span
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import PostingPool, SegmentWriter

from reader.index.gcpause import collector_paused
from reader.index.schema import ONE_POSITION, encode_positions
from reader.index.segfile import ViewReader

PINNED = "whoosh-reloaded==2.7.5"


class WhooshInternalsMissing(ImportError):
    """The installed Whoosh lacks a private name reader needs (not the pinned version)."""


# (owner, name, where): `name` is an attribute of `owner` (where=None), a parameter of the
# method `where` ("(...)"), or an attribute that `owner`'s method `where` sets or reads.
REQUIRED = [
    # Committing, cleaning and reading the table of contents (update.py, store.py, checksums.py).
    (whoosh_index.FileIndex, "_segments", None),
    (whoosh_index.FileIndex, "_read_toc", None),
    (whoosh_index.TOC, "_latest_generation", None),
    (whoosh_index, "clean_files", None),
    (SegmentWriter, "_lk", "__init__()"),
    (SegmentWriter, "_added", "__init__"),
    (SegmentWriter, "_finalize_segment", None),
    (SegmentWriter, "_merge_segments", None),
    (SegmentWriter, "_close_segment", None),
    (SegmentWriter, "_commit_toc", None),
    (SegmentWriter, "_finish", None),
    # FastSegmentWriter: bulk postings, lengths kept in memory.
    (SegmentWriter, "_check_state", None),
    (SegmentWriter, "_check_fields", None),
    (SegmentWriter, "_flush_segment", None),
    (SegmentWriter, "perdocwriter", "__init__"),
    (SegmentWriter, "fieldwriter", "__init__"),
    (SegmentWriter, "pool", "__init__"),
    (SegmentWriter, "docnum", "__init__"),
    (W3PerDocWriter, "_docnum", "start_doc"),
    # write_postings: terms written a term at a time (what FieldWriter.add_postings does).
    (W3FieldWriter, "_postwriter", "start_field"),
    (W3FieldWriter, "_fieldid", "start_field"),
    (W3FieldWriter, "_tindex", "finish_term"),
    (W3TermInfo, "_struct", None),
    (W3PostingsWriter, "_blocklimit", "__init__"),
    # _add_terms: the terms table's rows added in one write (what OrderedHashWriter.add does).
    (filetables.OrderedHashWriter, "lastkey", "__init__"),
    (filetables.OrderedHashWriter, "index", "__init__"),
    (filetables.HashWriter, "dbfile", "__init__"),
    (filetables.HashWriter, "hashfn", "__init__"),
    (filetables.HashWriter, "buckets", "__init__"),
    (filetables, "_lengths", None),
    # CompactPostingPool takes the place of the writer's PostingPool: what Whoosh calls on it.
    (PostingPool, "fieldnames", "__init__"),
    (PostingPool, "add", None),
    (PostingPool, "iter_postings", None),
    (PostingPool, "cleanup", None),
    # ReaderCodec: rare terms' postings inlined.
    (W3Codec, "_blocklimit", "__init__"),
    (W3Codec, "_compression", "__init__"),
    (W3Codec, "_inlinelimit", "__init__"),
    (W3PostingsWriter, "_write_block", None),
    (W3PostingsWriter, "_terminfo", "start_postings"),
    (W3PostingsWriter, "_ids", "_new_block"),
    (W3PostingsWriter, "_weights", "_new_block"),
    (W3PostingsWriter, "_values", "_new_block"),
    (W3PostingsWriter, "_minlength", "_new_block"),
    (W3PostingsWriter, "_maxlength", "_new_block"),
    (W3PostingsWriter, "_maxweight", "_new_block"),
    # Zero-copy segment reads.
    (compound, "BufferFile", None),
    (BufferFile, "_buf", "__init__"),
    (StructFile, "_name", "__init__"),
    (StructFile, "file", "__init__"),
    # Searching (search.py).
    (FilterCollector, "_allow", "prepare"),
    (FilterCollector, "_restrict", "prepare"),
    (MultiTerm, "_btexts", None),
    # _PhraseSpansMatcher: SpanNear2's matcher, its words' positions compared as numbers.
    (SpanNear2.SpanNear2Matcher, "_get_spans", None),
    (SpanNear2.SpanNear2Matcher, "ms", "__init__"),
    (SpanNear2.SpanNear2Matcher, "slop", "__init__"),
    (SpanNear2.SpanNear2Matcher, "ordered", "__init__"),
    (SpanNear2.SpanNear2Matcher, "mindist", "__init__"),
]


def _label(owner) -> str:
    return getattr(owner, "__qualname__", None) or owner.__name__


def missing() -> list[str]:
    """The required names the installed Whoosh lacks ("Owner.name"), none when all are there."""
    out = []
    for owner, name, where in REQUIRED:
        if where is None:
            found = hasattr(owner, name)
        elif where.endswith("()"):
            method = getattr(owner, where[:-2], None)
            found = method is not None and name in inspect.signature(method).parameters
        else:
            method = getattr(owner, where, None)
            code = getattr(method, "__code__", None)
            found = code is not None and name in code.co_names
        if not found:
            out.append(f"{_label(owner)}.{name}")
    return out


def check() -> None:
    gone = missing()
    if gone:
        raise WhooshInternalsMissing(
            f"reader needs {PINNED}: the installed Whoosh lacks {', '.join(gone)}; "
            f"reinstall it (pip install '{PINNED}')"
        )


check()


# -- the table of contents --------------------------------------------------------------------


def segments(ix) -> list:
    """The segments of the index's last commit."""
    return ix._segments()


def latest_generation(folder: str, indexname: str) -> int:
    """The generation of the last commit in `folder`, from file names only (-1: none)."""
    return whoosh_index.TOC._latest_generation(FileStorage(folder, readonly=True), indexname)


def clean_uncommitted(ix, indexname: str) -> None:
    """Delete the files of `ix`'s folder that its last commit does not name."""
    toc = ix._read_toc()
    whoosh_index.clean_files(ix.storage, indexname, toc.generation, toc.segments)


# -- writing ----------------------------------------------------------------------------------


@collector_paused  # the pool's 100,000s of lists: every full collection would walk them all
def write_uncommitted_segment(ix, docs: Iterable[dict], later=None, later_fields: Iterable[str] = ()):
    """(segment, document count): `docs` written as one finished segment that no commit names
    yet, by a writer that takes no lock (a worker's: the parent holds it, and commits). With
    `later`, the documents lack some fields (`later_fields`, when known): later() -> more,
    called once every document is indexed, gives them (more(fields) -> the missing fields of
    each document). The postings of the fields sorting before all of `later_fields` are
    written before later() is called (it may wait: see FastSegmentWriter.write_postings_before)."""
    if later is not None:
        return finish_uncommitted_segment(start_uncommitted_segment(ix, docs, later_fields), later())
    writer = FastSegmentWriter(ix, _lk=False)
    # The temp folder (MAIN.tmp) is shared with the parent's writer: never destroy it here.
    try:
        for doc in docs:
            writer.add_document(**doc)
        count = writer.doc_count()
        segment = writer._finalize_segment()
    finally:
        writer.pool.cleanup()
    return segment, count


def start_uncommitted_segment(
    ix, docs: Iterable[dict], later_fields: Iterable[str] = (), progress: Callable[[int], None] | None = None
) -> "FastSegmentWriter":
    """write_uncommitted_segment(ix, docs, later, later_fields) up to the call of later(): a
    writer with every document indexed and the postings before `later_fields` written, for
    finish_uncommitted_segment (a worker may start several before it waits). `progress(done)`:
    how many of the documents' worth of those postings are written, as they are (the bodies'
    postings: seconds at thousands of articles), up to the count of documents."""
    writer = FastSegmentWriter(ix, _lk=False)
    try:
        for doc in docs:
            writer.add_document_first(doc)
        documents = writer.docnum
        first_later = min(later_fields, default=None)
        if first_later is not None:
            terms_progress = None
            if progress is not None:
                terms_progress = lambda done, terms: progress(documents * done // terms)  # noqa: E731
            writer.write_postings_before(first_later, terms_progress)
        if progress is not None:
            progress(documents)  # (a segment of no such postings, too)
    except BaseException:
        writer.pool.cleanup()
        raise
    return writer


def finish_uncommitted_segment(writer: "FastSegmentWriter", more) -> tuple:
    """(segment, document count) of a start_uncommitted_segment() writer, its documents
    finished with more(fields) -> their missing fields."""
    try:
        writer.finish_documents(more)
        count = writer.doc_count()
        segment = writer._finalize_segment()
    finally:
        writer.pool.cleanup()
    return segment, count


def commit_with_segments(writer, segments: list, mergetype) -> None:
    """Commit the writer's own changes (deletions, additions), merged by `mergetype`, plus the
    finished `segments`, in one table-of-contents write (all or nothing)."""
    final = writer._merge_segments(mergetype, None, None)
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    final.extend(segments)
    writer._commit_toc(final)
    writer._finish()


INLINE_LIMIT = 8


class _InliningPostingsWriter(W3PostingsWriter):
    """W3PostingsWriter whose inlining works: Whoosh 2.7's calls a misspelt method
    (set_inline), which its `len < inlinelimit` test with the default limit of 1 never reaches."""

    def add_posting(self, id_, weight, vbytes, length=None):
        # W3PostingsWriter.add_posting without its per-posting type assertions.
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length

    def finish_postings(self):
        terminfo = self._terminfo
        if not self.written() and len(self) < self._inlinelimit:
            terminfo.add_block(self)
            # Formats without values (ID fields) still need one (empty) value per posting:
            # Whoosh's ListMatcher returns '' (str) otherwise, which merging rejects.
            values = self._values or [b""] * len(self._ids)
            terminfo.set_inlined(self._ids, self._weights, values)
            self._terminfo = None
            return terminfo
        return super().finish_postings()


class ReaderCodec(W3Codec):
    """Whoosh's W3 codec with rare terms' postings inlined in the terms table (most terms of a
    news corpus occur in a few articles: no posting block, no seek to read them). Readers read
    inlined postings with Whoosh's own code (ListMatcher).

    Each index's table of contents pickles this class by its path: never rename or move it
    without keeping the old path importable (store.py keeps reader.index.store.ReaderCodec)."""

    def __init__(self):
        super().__init__(blocklimit=128, compression=1, inlinelimit=INLINE_LIMIT)

    def postings_writer(self, dbfile, byteids=False):
        return _InliningPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


def codec():
    return ReaderCodec()


_WEIGHTS = tuple(float(n) for n in range(256))  # shared float objects for common weights
_TERMINFO = W3TermInfo._struct


class CompactPostingPool:
    """Whoosh's PostingPool for one segment, kept as one flat list per term (document number,
    weight, value bytes, then the next posting's) instead of one tuple of five objects per
    posting (~230 bytes; a 5,000-article segment held ~450 MB), and written by
    write_postings() a term at a time. Postings come out in the order Whoosh's sorting pool
    gives: by field, term, then docnum, so the segment written is the same. Nothing spills to
    disk: the writer bounds its segment."""

    def __init__(self) -> None:
        self.fieldnames: set[str] = set()
        # field -> {term bytes, or str for the fields add_positions fills: [doc, weight, value, ...]}
        self._terms: dict[str, dict[Any, list]] = {}
        self._last_doc: dict[str, int] = {}  # per field: fields may be added in separate passes
        self._unordered: set[str] = set()  # fields whose docnums went down: sorted at the end
        self._written: set[str] = set()  # fields written already (take): they take no more postings

    def _field(self, fieldname: str, docnum: int) -> dict[Any, list]:
        terms = self._terms.get(fieldname)
        if terms is None:
            if fieldname in self._written:
                raise ValueError(f"the postings of field {fieldname!r} are written already")
            terms = self._terms[fieldname] = {}
            self.fieldnames.add(fieldname)
        if docnum < self._last_doc.get(fieldname, -1):
            self._unordered.add(fieldname)
        self._last_doc[fieldname] = docnum
        return terms

    def add_positions(self, fieldname: str, docnum: int, positions: dict, boost: float) -> None:
        """One document's terms of a positional text field: {term: [positions]} (what
        textproc.term_positions gives), with the field's boost; the postings Whoosh's
        Positions format would make of them."""
        terms = self._field(fieldname, docnum)
        get = terms.get
        one = ONE_POSITION
        plain = boost == 1.0
        for term, plist in positions.items():
            n = len(plist)
            value = one.get(plist[0]) if n == 1 else None
            if value is None:
                value = encode_positions(plist)
            weight = _WEIGHTS[n] if plain and n < 256 else n * boost
            entry = get(term)
            if entry is None:
                terms[term] = [docnum, weight, value]
            else:
                entry += (docnum, weight, value)

    def add_field_postings(self, fieldname: str, docnum: int, postings) -> int:
        """Add one document's postings of one field: (tbytes, freq, weight, vbytes) as a field's
        index() yields them. Returns the field length (the sum of the frequencies)."""
        terms = self._field(fieldname, docnum)
        length = 0
        for tbytes, freq, weight, vbytes in postings:
            length += freq
            entry = terms.get(tbytes)
            if entry is None:
                terms[tbytes] = [docnum, weight, vbytes]
            else:
                entry += (docnum, weight, vbytes)
        return length

    def add(self, item) -> None:
        """One posting (fieldname, tbytes, docnum, weight, vbytes), as Whoosh's pool takes it
        (documents added by Whoosh's own code, and merged segments)."""
        fieldname, tbytes, docnum, weight, vbytes = item
        if docnum == -1:  # a word for a spelling graph, not a posting (FieldWriter skips them)
            return
        self.add_field_postings(fieldname, docnum, ((tbytes, 0, weight, vbytes),))

    def term_count(self) -> int:
        """The terms of every field (what write_postings writes one at a time)."""
        return sum(len(terms) for terms in self._terms.values())

    def has_terms(self, fieldname: str) -> bool:
        return bool(self._terms.get(fieldname))

    def terms(self, fieldname: str, release: bool = False):
        """(term bytes, docnums, weights, values) of a field, by term, each term's by docnum.
        With `release`, the field's postings leave the pool as they are given (the writer's one
        pass: its memory goes down while the segment is written, instead of peaking)."""
        terms = (self._terms.pop(fieldname, None) if release else self._terms.get(fieldname)) or {}
        keyed: list = [(t.encode("utf-8") if isinstance(t, str) else t, flat) for t, flat in terms.items()]
        if release:
            terms.clear()
        keyed.sort(key=lambda item: item[0])
        unordered = fieldname in self._unordered
        for n in range(len(keyed)):
            tbytes, flat = keyed[n]
            if release:
                keyed[n] = None
            docs, weights, values = flat[0::3], flat[1::3], flat[2::3]
            if unordered:
                order = sorted(range(len(docs)), key=docs.__getitem__)
                docs = [docs[i] for i in order]
                weights = [weights[i] for i in order]
                values = [values[i] for i in order]
            yield tbytes, docs, weights, values

    def take(self, fieldnames: Iterable[str]) -> "CompactPostingPool":
        """A pool of these fields' postings, removed from this one (which refuses any more
        postings of them): they are written apart, before the others."""
        taken = CompactPostingPool()
        for fieldname in fieldnames:
            if fieldname in self._terms:
                taken._terms[fieldname] = self._terms.pop(fieldname)
                taken.fieldnames.add(fieldname)
                self.fieldnames.discard(fieldname)
                if fieldname in self._unordered:
                    taken._unordered.add(fieldname)
            self._written.add(fieldname)
        return taken

    def iter_postings(self):
        for fieldname in sorted(self._terms):
            for tbytes, docs, weights, values in self.terms(fieldname):
                for docnum, weight, value in zip(docs, weights, values):
                    yield fieldname, tbytes, docnum, weight, value

    def cleanup(self) -> None:
        self._terms = {}


def _block_stats(weights: list, lengths: list) -> tuple:
    """(min length or None, max length, max weight) of a block, as W3PostingsWriter.add_posting
    counts them: zero (or unknown) lengths are not lengths, and the maximum weight starts at 0."""
    if len(lengths) == 1:  # most terms of a segment: one posting
        n, w = lengths[0], weights[0]
        return (n or None), (n or 0), (w if w > 0 else 0)  # max(0, w): 0 for 0.0 too
    real = [n for n in lengths if n]
    return (min(real) if real else None), (max(real) if real else 0), max(0, max(weights))


def _inlined_terminfo(docs: list, weights: list, values: list, lengths: list) -> bytes:
    """W3TermInfo.to_bytes() of a term whose postings are inlined: what add_block and
    set_inlined would have filled in, packed the same way."""
    floats = array("f", weights)
    minlength, maxlength, maxweight = _block_stats(weights, lengths)
    info = _TERMINFO.pack(
        True,
        sum(floats),
        len(docs),
        0 if minlength is None else length_to_byte(minlength),
        length_to_byte(maxlength),
        maxweight,
        docs[0],
        docs[-1],
    )
    kept = [v for v in values if v]
    return info + dumps((tuple(docs), tuple(floats), tuple(kept or [b""] * len(docs))), 2)


def _add_terms(tindex, rows: list[tuple[bytes, bytes]]) -> None:
    """tindex.add(key, value) for every row, in order (an OrderedHashWriter: the terms table),
    with one write: the same bytes, hash buckets and key index, without five calls per term."""
    if not rows:
        return
    dbfile = tindex.dbfile
    pos = dbfile.tell()
    lastkey = tindex.lastkey
    hashfn = tindex.hashfn
    buckets = tindex.buckets
    index_append = tindex.index.append
    pack = filetables._lengths.pack
    header = filetables._lengths.size
    parts: list[bytes] = []
    for key, value in rows:
        if key <= lastkey:
            raise ValueError("Keys must increase: %r..%r" % (lastkey, key))
        index_append(pos)
        h = hashfn(key)
        buckets[h & 255].append((h, pos))
        parts += (pack(len(key), len(value)), key, value)
        pos += header + len(key) + len(value)
        lastkey = key
    dbfile.write(b"".join(parts))
    tindex.lastkey = lastkey


def write_postings(
    fieldwriter, schema, pool: CompactPostingPool, lengths: dict, progress: Callable[[int, int], None] | None = None
) -> None:
    """FieldWriter.add_postings(schema, lengths, pool.iter_postings()) a term at a time: the
    same terms table and postings file, without Whoosh's per-posting calls. A term with fewer
    than INLINE_LIMIT postings is inlined (its term info packed as W3TermInfo would pack it), a
    longer one goes to the postings writer in blocks of its block limit. The pool's postings are
    released as they are written. `progress(terms written, terms)` is called as they go (the
    postings of a segment: most of a commit's time)."""
    total = pool.term_count() if progress is not None else 0
    step = max(1, total // 200)
    written = 0
    for fieldname in sorted(pool.fieldnames):
        if not pool.has_terms(fieldname):  # Whoosh starts a field only for its first posting
            continue
        fieldobj = schema[fieldname]
        fieldwriter.start_field(fieldname, fieldobj)
        postwriter = fieldwriter._postwriter
        blocklimit = postwriter._blocklimit
        fmt = fieldobj.format
        rows: list[tuple[bytes, bytes]] = []  # the field's terms table rows, added at its end
        add_term = rows.append
        prefix = pack_ushort(fieldwriter._fieldid)
        length_of = (lengths.get(fieldname) or {}).get
        for tbytes, docs, weights, values in pool.terms(fieldname, release=True):
            if progress is not None:
                written += 1
                if written % step == 0:
                    progress(written, total)
            count = len(docs)
            lens = list(map(length_of, docs))  # None: no length recorded, as 0 for Whoosh
            if count < INLINE_LIMIT:
                add_term((prefix + tbytes, _inlined_terminfo(docs, weights, values, lens)))
                continue
            postwriter.start_postings(fmt, W3TermInfo())
            for start in range(0, count, blocklimit):
                if start:
                    postwriter._write_block()
                end = start + blocklimit
                postwriter._ids = array("I", docs[start:end])
                postwriter._weights = array("f", weights[start:end])
                postwriter._values = [v for v in values[start:end] if v]
                block_stats = _block_stats(weights[start:end], lens[start:end])
                postwriter._minlength, postwriter._maxlength, postwriter._maxweight = block_stats
            add_term((prefix + tbytes, postwriter.finish_postings().to_bytes()))
        _add_terms(fieldwriter._tindex, rows)
        fieldwriter.finish_field()
    if progress is not None and total:
        progress(total, total)


class FastSegmentWriter(SegmentWriter):
    def __init__(self, ix, **kwargs):
        kwargs.setdefault("codec", codec())
        super().__init__(ix, **kwargs)
        self.pool.cleanup()  # Whoosh's pool made no file yet; ours takes its place
        self.pool = CompactPostingPool()
        self._plain: bool | None = None
        self._first_halves: list[tuple[dict, dict[str, int]]] = []  # add_document_first's
        self._written_before: str | None = None  # write_postings_before's field name
        # Field lengths recorded while adding documents ({field: {docnum: length}}, quantised as
        # the column stores them), for the block statistics at flush time (Whoosh reads them
        # back from the column file one posting at a time).
        self._lengths: dict[str, dict[int, int]] = {}
        # progress(terms written, terms) while the segment's postings are written (commit_segments)
        self.flush_progress: Callable[[int, int], None] | None = None
        pdw = self.perdocwriter
        original = pdw.add_field
        lengths = self._lengths

        def add_field(fieldname, fieldobj, value, length):
            if length:
                field_lengths = lengths.get(fieldname)
                if field_lengths is None:
                    field_lengths = lengths[fieldname] = {}
                field_lengths[pdw._docnum] = byte_to_length(length_to_byte(length))
            original(fieldname, fieldobj, value, length)

        pdw.add_field = add_field

    def _fast(self, fields) -> bool:
        schema = self.schema
        if self._plain is None:
            self._plain = any(f.vector or f.separate_spelling() for _, f in schema.items())
        return not self._plain and not any(name.startswith("_") and not name.startswith("_stored_") for name in fields)

    def add_document(self, **fields):
        """SegmentWriter.add_document without its per-posting overhead: postings go to the pool
        in bulk (Whoosh checks types and sizes one posting at a time). Same postings, same
        stored values; schemas with term vectors or spelling fields use Whoosh's own method."""
        if not self._fast(fields):
            return super().add_document(**fields)
        self._check_state()
        docnum = self.docnum
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(self.schema, fieldnames)
        self._store_fields(docnum, fields, fieldnames, self._index_fields(docnum, fields, fieldnames))
        self._added = True
        self.docnum += 1

    def add_document_first(self, fields: dict) -> None:
        """The first half of adding a document whose other fields are known later: its fields'
        postings now; its stored values, and the later fields, in finish_documents(). The
        documents keep their order: the segment is the one add_document() would write."""
        if not self._fast(fields):
            raise ValueError("documents in two halves need this writer's own fast fields")
        self._check_state()
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(self.schema, fieldnames)
        self._first_halves.append((fields, self._index_fields(self.docnum, fields, fieldnames)))
        self.docnum += 1

    def write_postings_before(self, fieldname: str, progress: Callable[[int, int], None] | None = None) -> None:
        """Write now the postings of the fields whose names sort before `fieldname`, while the
        documents add_document_first() took wait for their other fields, which must all sort at
        or after it (finish_documents checks): a segment's postings are written field by field
        in name order, so these come first whatever the others bring, and the segment is the
        one add_document() would write. Their postings leave the pool (its largest part: the
        bodies)."""
        early = sorted(name for name in self.pool.fieldnames if name < fieldname)
        lengths: dict[str, dict[int, int]] = {name: dict(self._lengths.get(name) or {}) for name in early}
        # The lengths _store_fields will record for these documents (add_field's hook).
        for docnum, (_fields, doc_lengths) in enumerate(self._first_halves, self.docnum - len(self._first_halves)):
            for name, length in doc_lengths.items():
                if length and name < fieldname:
                    lengths.setdefault(name, {})[docnum] = byte_to_length(length_to_byte(length))
        write_postings(self.fieldwriter, self.schema, self.pool.take(early), lengths, progress)
        self._written_before = fieldname

    def finish_documents(self, more) -> None:
        """The second half of every document add_document_first() took: more(fields) -> the
        fields it lacked ({} for none), indexed now, then every field stored, in order."""
        halves, self._first_halves = self._first_halves, []
        before = self._written_before
        for docnum, (fields, lengths) in enumerate(halves, self.docnum - len(halves)):
            extra = more(fields)
            if before is not None and any(name < before for name in extra):
                raise ValueError(f"fields given later must sort at or after {before!r}: {sorted(extra)}")
            fields.update(extra)
            fieldnames = sorted(name for name in fields if not name.startswith("_"))
            self._check_fields(self.schema, fieldnames)
            lengths.update(self._index_fields(docnum, extra, sorted(extra)))
            self._store_fields(docnum, fields, fieldnames, lengths)
            self._added = True

    def _index_fields(self, docnum: int, fields: dict, fieldnames: list[str]) -> dict[str, int]:
        """The postings of these fields of a document, into the pool; {field: length to record}."""
        schema = self.schema
        pool = self.pool
        lengths = {}
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]
            if not field.indexed:
                continue
            positions = getattr(field, "term_positions", None)
            if positions is not None:
                terms, length = positions(value)
                pool.add_positions(fieldname, docnum, terms, field.format.field_boost)
            else:
                length = pool.add_field_postings(fieldname, docnum, field.index(value))
            lengths[fieldname] = length if field.scorable else 0
        return lengths

    def _store_fields(self, docnum: int, fields: dict, fieldnames: list[str], lengths: dict[str, int]) -> None:
        """A document's stored values, field lengths and column values."""
        schema = self.schema
        perdocwriter = self.perdocwriter
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                customval = fields.get("_stored_%s" % fieldname, value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, lengths.get(fieldname, 0))
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()

    def _flush_segment(self):
        if not isinstance(self.pool, CompactPostingPool):  # a test's reference: Whoosh's own
            return super()._flush_segment()
        self.perdocwriter.close()
        write_postings(self.fieldwriter, self.schema, self.pool, self._lengths, self.flush_progress)
        self.fieldwriter.close()


# -- reading ------------------------------------------------------------------------------------


class ViewBufferFile(BufferFile):
    """A compound segment's sub-file read in place from the segment's mmap: Whoosh's BufferFile
    wraps it in io.BytesIO, which copies it (see segfile.py)."""

    def __init__(self, buf, name=None, onclose=None):
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = ViewReader(buf)

    def subset(self, position, length, name=None):
        return ViewBufferFile(self._buf[position : position + length], name=name or self._name)


def install_zero_copy_reads() -> None:
    """Make compound segments open their sub-files without copying (idempotent)."""
    compound.BufferFile = ViewBufferFile


# -- searching ----------------------------------------------------------------------------------


def filter_sets(collector) -> tuple:
    """(allowed, restricted) document numbers of a prepared collector: a FilterCollector's
    sets, (None, None) for any other collector (it filters nothing)."""
    if not isinstance(collector, FilterCollector):
        return None, None
    return collector._allow, collector._restrict


def bound_expansion(node, bound) -> None:
    """Make a wildcard/range query node (a MultiTerm; mutated, so pass a copy) expand to the
    words bound(words) yields, `words` being the words it would expand to."""
    expand = type(node)._btexts.__get__(node)
    node._btexts = lambda ixreader: bound(expand(ixreader))


class _PhraseSpansMatcher(SpanNear2.SpanNear2Matcher):
    """SpanNear2's matcher (the one a Phrase runs) with its words' positions compared as numbers:
    Whoosh made a Span of every position of every word in each article holding them all, and
    compared them pair by pair; with common words ("said in a statement") that was most of the
    search's time. The spans found are the same."""

    def _get_spans(self):
        if not self.ordered or self.mindist != 1:
            return super()._get_spans()
        slop, (first, *rest) = self.slop, self.ms
        if slop == 1:
            # Each word right after the one before: the starts of the phrase whose k-th word's
            # position is `start + k`.
            starts = list(dict.fromkeys(first.value_as("positions")))
            for offset, word in enumerate(rest, 1):
                if not starts:
                    return []
                present = set(word.value_as("positions"))
                starts = [start for start in starts if start + offset in present]
            return [Span(start, start + len(rest)) for start in starts]
        spans = [(position, position) for position in first.value_as("positions")]
        for word in rest:
            if not spans:
                return []
            following = word.value_as("positions")
            count = len(following)
            found = set()
            for start, end in spans:
                # The next word right after the span's end, up to `slop` positions after it.
                k = bisect_left(following, end + 1)
                while k < count and following[k] <= end + slop:
                    found.add((start, following[k]))
                    k += 1
            spans = sorted(found)
        return [Span(start, end) for start, end in spans]


class PhraseSpans(SpanNear2):
    """SpanNear2 (words in order, each at most `slop` positions after the one before) matched by
    _PhraseSpansMatcher."""

    SpanNear2Matcher = _PhraseSpansMatcher
