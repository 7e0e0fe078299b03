"""An index built before a change of how words are read (a file's charset, an article's language)
is rebuilt by the next update, so that it keeps none of the old readings."""

from __future__ import annotations

import re

from reader.corpus import decode
from reader.index import CorpusIndex, layout, state, store

# The schema version of the indexes built before session 60's readings (short Icelandic was read
# as Turkish: cp1254's "Stağan" for cp1252's "Staðan").
BEFORE_THESE_READINGS = 73


def test_an_index_built_with_the_old_readings_is_rebuilt_with_the_new(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "stadan.txt").write_bytes("Staðan\n\nStaðan versnar\n".encode("cp1252"))
    (corpus / "council.txt").write_text("Council votes\n\nThe council voted on the budget on Tuesday.\n")
    with monkeypatch.context() as old:  # the reader of before: its schema, its Turkish reading
        old.setattr(store, "VERSION_FIELD", f"schema_v{BEFORE_THESE_READINGS}")
        for module in (store, state, layout):
            old.setattr(module, "SCHEMA_VERSION", BEFORE_THESE_READINGS)
        old.setattr(decode, "_ICELANDIC_WORD_SHAPE", re.compile(r"(?!)"))
        old.setattr(decode, "_ICELANDIC_WORDS", re.compile(r"(?!)"))
        built = CorpusIndex([corpus], tmp_path / "index")
        assert built.update().indexed == 2
        assert [hit.id for hit in built.search("Stağan").hits] == ["stadan"]
        built.close()
    index = CorpusIndex([corpus], tmp_path / "index")
    report = index.update()
    assert report.notice == "index rebuilt: the index was built by an older version of reader"
    assert report.indexed == 2
    assert [hit.id for hit in index.search("Staðan").hits] == ["stadan"]
    assert index.search("Stağan").hits == []
    index.close()


# The schema version of the indexes built before session 61's readings (Turkish whose one Turkish
# letter is ı was read as cp1252, a UTF-8 file with a paragraph of cp1252 as cp1252 whole).
BEFORE_SESSION_61 = 74


def test_an_index_built_before_the_dotless_i_and_utf8_readings_is_rebuilt(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kadikoy.txt").write_bytes("Kadıköy\n\nKadıköy iskelesi kapandı.\n".encode("cp1254"))
    pasted = "Björk – café naïve garçon, crème brûlée, à bientôt.\n".encode("cp1252")
    (corpus / "mixed.txt").write_bytes("Straße in München\n\n".encode() + pasted)
    with monkeypatch.context() as old:  # the reader of before: its schema, its cp1252 readings
        old.setattr(store, "VERSION_FIELD", f"schema_v{BEFORE_SESSION_61}")
        for module in (store, state, layout):
            old.setattr(module, "SCHEMA_VERSION", BEFORE_SESSION_61)
        old.setattr(
            decode, "_TURKISH_I_WORD", re.compile(r"[^\W\d_]*(?:ý[^\W\d_]*ý|ý[^\W\d_]*[çüÇÜ]|[çüÇÜ][^\W\d_]*ý)")
        )
        old.setattr(decode, "_chance_utf8", lambda text: True)
        built = CorpusIndex([corpus], tmp_path / "index")
        assert built.update().indexed == 2
        assert [hit.id for hit in built.search("Kadýköy").hits] == ["kadikoy"]
        assert [hit.id for hit in built.search("StraÃŸe").hits] == ["mixed"]
        built.close()
    index = CorpusIndex([corpus], tmp_path / "index")
    report = index.update()
    assert report.notice == "index rebuilt: the index was built by an older version of reader"
    assert [hit.id for hit in index.search("Kadıköy").hits] == ["kadikoy"]
    assert [hit.id for hit in index.search("Straße").hits] == ["mixed"]
    assert index.search("Kadýköy").hits == [] and index.search("StraÃŸe").hits == []
    index.close()


# The schema version of the indexes built before session 62's readings (Icelandic's "Ýta" was
# Turkish's "İta", Turkish's "Yukarı" cp1252's "Yukarý").
BEFORE_SESSION_62 = 75


def test_an_index_built_before_the_capital_y_acute_and_dotless_i_readings_is_rebuilt(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "yta.txt").write_bytes("Ýta\n\nÝtarleg\n".encode("cp1252"))
    (corpus / "yukari.txt").write_bytes("Yukarı\n\nYukarı\n".encode("cp1254"))
    old_readings = {
        "_ICELANDIC_WORDS": re.compile(r"(?i)(?<![^\W\d_])(?:það)(?![^\W\d_])"),
        "_TURKISH_I_WORD": re.compile(r"[^\W\d_]*(?:ý[^\W\d_]*ý)"),
        "_ICELANDIC_CAPITAL_Y_ACUTE": re.compile(r"(?!)"),
    }
    _build_with_older_readings(corpus, tmp_path / "index", monkeypatch, BEFORE_SESSION_62, old_readings, "İta", "yta")
    index = CorpusIndex([corpus], tmp_path / "index")
    report = index.update()
    assert report.notice == "index rebuilt: the index was built by an older version of reader"
    assert report.indexed == 2
    assert [hit.id for hit in index.search("Ýtarleg").hits] == ["yta"]
    assert [hit.id for hit in index.search("Yukarı").hits] == ["yukari"]
    index.close()


def _build_with_older_readings(corpus, index_dir, monkeypatch, schema: int, readings: dict, term: str, found: str):
    """An index of `corpus` as the reader of `schema` built it, decode's `readings` its own; its
    search for `term` finds `found` (the old reading)."""
    with monkeypatch.context() as old:
        old.setattr(store, "VERSION_FIELD", f"schema_v{schema}")
        for module in (store, state, layout):
            old.setattr(module, "SCHEMA_VERSION", schema)
        for name, value in readings.items():
            old.setattr(decode, name, value)
        built = CorpusIndex([corpus], index_dir)
        assert built.update().indexed == 2
        assert [hit.id for hit in built.search(term).hits] == [found]
        built.close()
