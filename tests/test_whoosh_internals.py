"""whoosh_internals: every private Whoosh name reader needs is there on the installed Whoosh,
and a Whoosh without one fails loudly when reader.index is imported (never silently)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from whoosh.collectors import FilterCollector
from whoosh.writing import SegmentWriter

from reader.index import whoosh_internals

ROOT = Path(__file__).resolve().parent.parent


def test_the_installed_whoosh_has_every_name_reader_uses():
    assert whoosh_internals.missing() == []
    whoosh_internals.check()


def test_a_missing_method_or_attribute_is_named(monkeypatch):
    monkeypatch.delattr(SegmentWriter, "_commit_toc")
    monkeypatch.setattr(
        whoosh_internals,
        "REQUIRED",
        whoosh_internals.REQUIRED
        + [
            (FilterCollector, "_allowed_docs", "prepare"),  # an attribute prepare() does not set
            (SegmentWriter, "_no_such_flag", "__init__()"),  # a parameter __init__ does not take
        ],
    )
    assert whoosh_internals.missing() == [
        "SegmentWriter._commit_toc",
        "FilterCollector._allowed_docs",
        "SegmentWriter._no_such_flag",
    ]
    with pytest.raises(whoosh_internals.WhooshInternalsMissing, match="whoosh-reloaded==2.7.5"):
        whoosh_internals.check()


def test_importing_reader_index_fails_loudly_without_a_name():
    # As if a Whoosh upgrade renamed FilterCollector's private sets: the outlet filter of a
    # wildcard search would be ignored in silence; instead the index (CorpusIndex, and every
    # module that uses Whoosh) does not import.
    code = (
        "import whoosh.collectors as c\n"
        "def prepare(self, top_searcher, q, context):\n"
        "    self.child.prepare(top_searcher, q, context)\n"
        "c.FilterCollector.prepare = prepare\n"
        "from reader.index import CorpusIndex\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("reader.index.whoosh_internals.WhooshInternalsMissing: reader needs whoosh-reloaded==2.7.5")
    assert "FilterCollector._allow, FilterCollector._restrict" in last


@pytest.mark.parametrize("module", ["reader.index.store", "reader.index.whoosh_internals"])
def test_segments_pickled_under_either_codec_path_still_load(module):
    # An index's table of contents pickles its segments' codec by class path; indexes written
    # before the codec moved to whoosh_internals name reader.index.store.ReaderCodec.
    import pickle

    loaded = pickle.loads(f"c{module}\nReaderCodec\n.".encode())
    assert loaded is whoosh_internals.ReaderCodec


@pytest.mark.parametrize("name", ["_get_spans", "ms", "slop", "ordered", "mindist"])
def test_a_whoosh_whose_phrase_matcher_differs_is_refused_not_worked_around(monkeypatch, name):
    # search._Phrase's matcher overrides SpanNear2Matcher._get_spans and reads what __init__
    # sets: a Whoosh without one of them fails the import check (no silent fallback).
    from whoosh.query import SpanNear2

    matcher = SpanNear2.SpanNear2Matcher
    if name == "_get_spans":
        monkeypatch.delattr(matcher, name)
    else:
        kept = [n for n in ("ms", "slop", "ordered", "mindist") if n != name]
        source = "def __init__(self, ms, slop=1, ordered=True, mindist=1):\n"
        source += "".join(f"    self.{n} = {n}\n" for n in kept) + f"    self.renamed = {name}\n"
        scope: dict = {}
        exec(source, scope)  # an __init__ that keeps `name` under another one
        monkeypatch.setattr(matcher, "__init__", scope["__init__"])
    assert whoosh_internals.missing() == [f"SpanNear2.SpanNear2Matcher.{name}"]
    with pytest.raises(whoosh_internals.WhooshInternalsMissing, match=f"SpanNear2Matcher.{name}"):
        whoosh_internals.check()
