"""reader.lazy_regex: a pattern compiled when first used gives what re.compile's gives."""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import sys

from reader import lazy_regex


def test_a_deferred_pattern_matches_as_the_compiled_one_and_compiles_once():
    deferred = lazy_regex.compile(r"(?P<word>\w+)-(\d+)", re.IGNORECASE)
    compiled = re.compile(r"(?P<word>\w+)-(\d+)", re.IGNORECASE)
    text = "Walrus-12 and seal-7"
    assert [m.groups() for m in deferred.finditer(text)] == [m.groups() for m in compiled.finditer(text)]
    assert deferred.sub(r"\2", text) == compiled.sub(r"\2", text)
    assert deferred.split(text) == compiled.split(text)
    assert (deferred.pattern, deferred.flags, deferred.groups, deferred.groupindex) == (
        compiled.pattern,
        compiled.flags,
        compiled.groups,
        compiled.groupindex,
    )
    assert "search" in vars(deferred)  # the compiled pattern's methods are its own now: no lookup each call


def test_a_deferred_pattern_pickles_and_copies_before_and_after_its_first_use():
    """Once used, its dict held the compiled pattern's groupindex (a mappingproxy): pickling it
    (to a worker) or deep-copying what holds it raised TypeError."""
    deferred = lazy_regex.compile(r"(?P<word>\w+)", re.IGNORECASE)
    for _ in ("before", "after"):
        for copied in (pickle.loads(pickle.dumps(deferred)), copy.deepcopy(deferred), copy.copy(deferred)):
            assert copied.search("Walrus").group("word") == "Walrus"
            assert (copied.pattern, copied.flags) == (deferred.pattern, deferred.flags)
        assert deferred.search("Seal")  # (its first use, the second time round)


def test_importing_the_index_and_corpus_modules_compiles_none_of_their_patterns():
    """A small update that loads nothing (files deleted) paid ~0.25 s of patterns at import:
    those modules' patterns are compiled when first used."""
    modules = (
        "reader.corpus.infer reader.index.textproc reader.analysis.sentences reader.analysis.textstats "
        "reader.index.spill reader.wording reader.corpus.date_words reader.corpus.outlets"
    ).split()
    code = (
        "import importlib, re, sys\n"
        f"modules = [importlib.import_module(name) for name in {modules!r}]\n"
        "compiled = [f'{m.__name__}.{k}' for m in modules for k, v in vars(m).items() if isinstance(v, re.Pattern)]\n"
        "waiting = [k for m in modules for k, v in vars(m).items() if type(v).__name__ == 'LazyPattern' and 'search' not in vars(v)]\n"
        "print(compiled, len(waiting))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    compiled, waiting = out.strip().rsplit(" ", 1)
    assert compiled == "[]" and int(waiting) > 80, out


def test_the_costly_patterns_of_an_index_workers_other_imports_are_compiled_when_first_used():
    """Decoding, formats, loose dates, quotes and their speakers compiled ~170 patterns at import
    (~30 ms): those over ~0.2 ms each wait; the cheap ones, some on every line, stay compiled."""
    costly = {
        "reader.analysis.speaker_resolver": ["_NAME", "_PARTICLE_NAME", "_LOWER_WORD", "_CAPITALISED"],
        "reader.analysis.quotes": ["_WORD", "_HEADLINE_LEAD", "_QUOTATIVE"],
        "reader.analysis.quote_speakers": ["_LEADING_TIME"],
        "reader.analysis.quote_marks": ["_SINGLE_QUOTE"],
        "reader.corpus.loose_dates": ["_PARTS"],
        "reader.corpus.decode": ["_TOO_MANY_MARKS", "_MARKS_RUN"],
        "reader.corpus.formats": ["_FEED_FOOTER", "_READ_MORE_LINK", "_BLOCK_TAG"],
    }
    code = (
        "import importlib, json\n"
        "from reader.lazy_regex import LazyPattern\n"
        f"costly = {costly!r}\n"
        "importlib.import_module('reader.corpus.loader'), importlib.import_module('reader.analysis.quotes')\n"
        "print(json.dumps([f'{m}.{n}' for m, names in costly.items() for n in names"
        " if not (type(v := getattr(importlib.import_module(m), n)) is LazyPattern and 'search' not in vars(v))]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]", out


def test_pattern_and_flags_read_as_the_compiled_ones_without_compiling():
    """One stand-in serves the outlets registry (whose boilerplate joins patterns by their
    flags) and the modules' own patterns: pattern and flags are read without compiling."""
    cases = [
        (r"\w+", 0),
        (r"\w+", re.IGNORECASE),
        (r"(?i)walrus", 0),
        (r"(?im)(?s)^walrus.", re.ASCII),
        (r"(?x) walrus # a comment", 0),
        ("(?x) # a comment\n (?i)walrus", 0),
        ("(?x)\n(?s)(?m) walrus", 0),
        (r"(?a)\w", 0),
        (r"(?:walrus)(?i:seal)", 0),
        (r"(?P<walrus>x)(?=y)", re.MULTILINE),
        (r"(?", 0),  # (bad: its flags are what was given)
        (b"(?i)walrus", 0),
        (b"\\w", re.LOCALE),
    ]
    for pattern, flags in cases:
        deferred = lazy_regex.LazyPattern(pattern, flags)
        assert deferred.pattern == pattern
        flags_before = deferred.flags
        assert "search" not in vars(deferred), pattern
        if pattern == r"(?":
            assert flags_before == re.UNICODE
            continue
        assert flags_before == re.compile(pattern, flags).flags == deferred.compiled().flags, pattern


def test_every_module_pattern_reports_its_compiled_flags_before_compiling():
    """Every stand-in the loading, index and analysis modules hold compiles (a bad one raises only
    when first used) and read its flags right before it did."""
    import importlib

    for name in ("reader.corpus.loader", "reader.index.store", "reader.analysis.quotes", "reader.corpus.outlets"):
        importlib.import_module(name)
    seen = 0
    for module in [m for n, m in sys.modules.items() if n.startswith("reader.")]:
        for value in vars(module).values():
            if isinstance(value, lazy_regex.LazyPattern):
                flags = value.flags
                assert value.compiled().flags == flags, (module.__name__, value)
                seen += 1
    assert seen > 80


def test_stand_ins_compare_as_compiled_patterns_do():
    """Outlets' signatures are merged without repeats: equal pattern and flags, equal stand-ins."""
    one, same = lazy_regex.LazyPattern("walrus", re.IGNORECASE), lazy_regex.LazyPattern("walrus", re.IGNORECASE)
    assert one == same and hash(one) == hash(same) and len({one, same}) == 1
    assert one != lazy_regex.LazyPattern("walrus") and one != lazy_regex.LazyPattern("seal", re.IGNORECASE)
    one.search("walrus")  # compiled now, the other not: still equal
    assert one == same and pickle.loads(pickle.dumps(one)) == same
