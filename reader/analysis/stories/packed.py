"""A story record (`story_features`) in a compact binary form, read back without JSON.

An incremental regrouping reads the records of a whole date window (~1,700 at 10,000 articles)
to find their top terms: parsed from JSON, their ~400,000 word counts were a third of an
update's time. Packed, a record's words are one UTF-8 text (joined by newlines) and one byte
per count, its names the same (as written, for labels, and folded, for the vectors, so the
window needs no case folding), its quotation shingles an array of 64-bit integers, and the few
other keys a small JSON object; each part is decoded when first read.

`pack(record)` gives None when a record does not fit the form (a term with a newline, a count
that is not a small integer...): such a record is kept as JSON by the caller. `PackedRecord`
reads a packed record as the record it was made from (`to_dict()` gives it back, equal and in
the same key order) and is what the grouping reads (`folded_names()` saves the folding).
"""

from __future__ import annotations

import json
import struct
import zlib
from array import array
from collections.abc import Collection, Mapping
from sys import byteorder
from typing import Any, Iterator

from reader.analysis.stories.features import _folded

MAGIC = b"SF\x01"
# The CRC-32 of what follows it, then the lengths: meta, words, word n, names, name n, folded,
# folded n, shingle n (a damaged row is found here, as zlib found it in the JSON rows before).
_HEAD = struct.Struct("<9I")
_VECTOR_KEYS = ("words", "names", "shingles")
_SEP = "\n"
_SWAP = byteorder != "little"  # the arrays are stored little-endian


def _terms_counts(counts: Any, wide: bool) -> tuple[bytes, bytes, int] | None:
    """(joined terms, their counts, how many) of a {term: count} mapping, or None when it does
    not fit (each check made in C: the loading workers pack every record)."""
    if not isinstance(counts, dict):
        return None
    if not counts:
        return b"", b"", 0
    try:
        text = _SEP.join(counts)  # TypeError: a term that is not a string
    except TypeError:
        return None
    if text.count(_SEP) != len(counts) - 1 or set(map(type, counts.values())) != {int}:
        return None  # a term with the separator in it; a count that is not an int (a bool)
    try:
        numbers = array("I", counts.values()) if wide else None  # 0..2**32-1
        packed = bytes(counts.values()) if numbers is None else bytes(numbers)  # 0..255
        encoded = text.encode("utf-8")
    except (ValueError, OverflowError, UnicodeEncodeError):  # out of range; a lone surrogate
        return None
    if numbers is not None and _SWAP:
        numbers.byteswap()
        packed = bytes(numbers)
    return encoded, packed, len(counts)


def pack(record: Mapping) -> bytes | None:
    """The packed form of a story record, or None when it does not fit it (kept as JSON then)."""
    if not isinstance(record, dict) or not isinstance(record.get("id"), str):
        return None
    words = _terms_counts(record.get("words", {}), wide=False)
    names = _terms_counts(record.get("names", {}), wide=False)
    if words is None or names is None:
        return None
    folded = _terms_counts(dict(_folded(record.get("names") or {})), wide=True)
    shingles = record.get("shingles", [])
    if folded is None or not isinstance(shingles, list) or (shingles and set(map(type, shingles)) != {int}):
        return None
    meta = {key: (None if key in _VECTOR_KEYS else value) for key, value in record.items()}
    try:
        meta_text = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        shingle_array = array("Q", shingles)  # 0..2**64-1
    except (TypeError, ValueError, OverflowError, UnicodeEncodeError):
        return None
    if _SWAP:
        shingle_array.byteswap()
    lengths = (len(meta_text), len(words[0]), words[2], len(names[0]), names[2], len(folded[0]), folded[2])
    body = b"".join((meta_text, words[0], words[1], names[0], names[1], folded[0], folded[1], bytes(shingle_array)))
    return MAGIC + _HEAD.pack(zlib.crc32(body), *lengths, len(shingles)) + body


def with_id(blob: bytes, new_id: str) -> bytes:
    """The packed record `blob` under another article id (a renamed file's article): only its
    small JSON part is made again, not its vectors. ValueError when `blob` is no whole record."""
    record = PackedRecord(blob)
    meta_text = json.dumps(dict(record.meta, id=new_id), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    _, end = record._parts[0]
    body = meta_text + record._blob[end:]
    lengths = _HEAD.unpack_from(record._blob, 3)[2:]
    return MAGIC + _HEAD.pack(zlib.crc32(body), len(meta_text), *lengths) + body


def _split(text: bytes, n: int) -> list[str]:
    if n == 0:
        if text:
            raise ValueError("terms without counts")
        return []
    terms = text.decode("utf-8").split(_SEP)
    if len(terms) != n:
        raise ValueError("terms and counts differ in number")
    return terms


def _wide(data: bytes) -> array:
    values = array("I")
    values.frombytes(data)
    if _SWAP:
        values.byteswap()
    return values


def needles(terms: Collection[str]) -> list[bytes]:
    """Terms as has_any() looks for them (encoded once for many records)."""
    return [term.encode("utf-8", "surrogatepass") for term in terms]


def _has_line(blob: bytes, start: int, end: int, needles: list[bytes]) -> bool:
    """Whether one of `needles` is a whole line of blob[start:end] (terms joined by _SEP),
    searched in place. A term holding the separator may be found across two (a "yes" only
    costs the caller a recomputation)."""
    if start == end:
        return False
    sep = ord(_SEP)
    find = blob.find
    for needle in needles:
        at = find(needle, start, end)
        while at >= 0:
            stop = at + len(needle)
            if (at == start or blob[at - 1] == sep) and (stop == end or blob[stop] == sep):
                return True
            at = find(needle, at + 1, end)
    return False


class PackedRecord(Mapping):
    """A packed story record read as the record (a read-only Mapping); parts decoded on first use.
    Raises ValueError when the bytes are not a whole packed record."""

    __slots__ = ("_blob", "_parts", "meta", "_words", "_names", "_folded", "_shingles")

    def __init__(self, blob: bytes):
        blob = bytes(blob)
        if blob[:3] != MAGIC or len(blob) < 3 + _HEAD.size:
            raise ValueError("not a packed story record")
        crc, m, w, wn, n, nn, f, fn, sn = _HEAD.unpack_from(blob, 3)
        sizes = (m, w, wn, n, nn, f, 4 * fn, 8 * sn)
        if 3 + _HEAD.size + sum(sizes) != len(blob) or zlib.crc32(memoryview(blob)[3 + _HEAD.size :]) != crc:
            raise ValueError("a damaged packed story record")
        parts = []
        at = 3 + _HEAD.size
        for size in sizes:
            parts.append((at, at + size))
            at += size
        self._blob = blob
        self._parts = parts
        self._words: dict[str, int] | None = None
        self._names: dict[str, int] | None = None
        self._folded: dict[str, int] | None = None
        self._shingles: list[int] | None = None
        meta = json.loads(self._part(0).decode("utf-8"))
        if not isinstance(meta, dict):
            raise ValueError("a packed story record without its keys")
        self.meta: dict = meta

    def _part(self, k: int) -> bytes:
        start, end = self._parts[k]
        return self._blob[start:end]

    def word_columns(self) -> tuple[list[str], bytes]:
        """(the words, their counts) in the record's order, without the mapping."""
        counts = self._part(2)
        return _split(self._part(1), len(counts)), counts

    def folded_columns(self) -> tuple[list[str], array]:
        """(the folded names, their counts) in the order of folded_names()."""
        counts = _wide(self._part(6))
        return _split(self._part(5), len(counts)), counts

    def has_any(self, words: list[bytes], names: list[bytes]) -> bool:
        """Whether the record counts one of these words or folded names (`needles()`: encoded),
        looked for in the stored text (nothing is decoded): for a few terms."""
        blob, parts = self._blob, self._parts
        return _has_line(blob, *parts[1], words) or _has_line(blob, *parts[5], names)

    def counts_any(self, words: set[str], names: set[str]) -> bool:
        """has_any() for many terms: the record's terms read once."""
        return bool(
            (words and not words.isdisjoint(self.word_columns()[0]))
            or (names and not names.isdisjoint(self.folded_columns()[0]))
        )

    def words(self) -> dict[str, int]:
        if self._words is None:
            self._words = dict(zip(*self.word_columns()))
        return self._words

    def names(self) -> dict[str, int]:
        if self._names is None:
            counts = self._part(4)
            self._names = dict(zip(_split(self._part(3), len(counts)), counts))
        return self._names

    def folded_names(self) -> dict[str, int]:
        """_folded(self["names"]): the same names, counts and order, stored folded."""
        if self._folded is None:
            self._folded = dict(zip(*self.folded_columns()))
        return self._folded

    def shingles(self) -> list[int]:
        if self._shingles is None:
            self._shingles = self._shingle_array().tolist()
        return self._shingles

    def shingle_values(self) -> list[int] | array[int]:
        """The shingles without keeping them on the record (a pass over a whole date window's
        records reads each once)."""
        return self._shingles if self._shingles is not None else self._shingle_array()

    def _shingle_array(self) -> array[int]:
        values = array("Q")
        values.frombytes(self._part(7))
        if _SWAP:
            values.byteswap()
        return values

    def __getitem__(self, key: str):
        value = self.meta[key]
        if key in _VECTOR_KEYS:
            if key == "words":
                return self.words()
            return self.names() if key == "names" else self.shingles()
        return value

    def get(self, key: str, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return iter(self.meta)

    def __len__(self) -> int:
        return len(self.meta)

    def to_dict(self) -> dict:
        """The record this was packed from (equal, keys in the same order)."""
        return {key: self[key] for key in self.meta}


def folded_names(record: Mapping) -> Mapping[str, int]:
    """A record's name counts folded (features._folded), read as stored when it is packed."""
    if isinstance(record, PackedRecord):
        return record.folded_names()
    return _folded(record.get("names") or {})
