"""A file of a kind the corpus does not read (notes.pdf, a hidden file, an editor's backup) added
to or removed from a corpus folder is no change to the corpus: no "corpus changed" notice, and
the app's watcher does not update the index for it. Anything the walk reads still counts."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import write_article  # noqa: E402

from conftest import run_main  # noqa: E402

from reader.library import Library  # noqa: E402

STALE = "changed since the index was last updated"


@pytest.fixture
def indexed(corpus, tmp_path, capsys) -> list[str]:
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    assert run_main(capsys, *where, "index", "--no-prepare")[0] == 0
    return where


def _says_stale(capsys, where) -> bool:
    code, _out, err = run_main(capsys, *where, "show", "reuters/budget-vote")
    assert code == 0
    return STALE in err


def _changed(corpus: Path, tmp_path: Path) -> bool:
    library = Library([corpus], tmp_path / "ix", auto_update=False)
    try:
        return library.changes().corpus_changed
    finally:
        library.close()


def test_files_the_corpus_does_not_read_are_no_change(indexed, corpus, tmp_path, capsys):
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    (corpus / "bbc" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (corpus / "bbc" / ".football.md.swp").write_bytes(b"swap")
    (corpus / "bbc" / "football.md~").write_text("a backup")
    (corpus / "reuters" / "README").write_text("what this folder is")
    assert not _says_stale(capsys, indexed)
    assert not _changed(corpus, tmp_path)
    (corpus / "notes.pdf").unlink()
    assert not _says_stale(capsys, indexed) and not _changed(corpus, tmp_path)


def test_what_the_walk_reads_still_counts(indexed, corpus, tmp_path, capsys):
    write_article(corpus, "bbc/zeppelin", "Zeppelin lands", "BBC", "2025-11-02", "A zeppelin landed.")
    assert _says_stale(capsys, indexed) and _changed(corpus, tmp_path)


def test_an_article_renamed_to_another_kind_is_a_change(indexed, corpus, tmp_path, capsys):
    os.rename(corpus / "bbc" / "football.md", corpus / "bbc" / "football.pdf")
    assert _says_stale(capsys, indexed) and _changed(corpus, tmp_path)


def test_a_new_folder_is_a_change(indexed, corpus, tmp_path, capsys):
    (corpus / "scans").mkdir()
    assert _says_stale(capsys, indexed)


def test_an_article_saved_over_by_a_rename_is_a_change(indexed, corpus, tmp_path, capsys):
    # An editor's atomic save: a new file renamed over the old one (a new inode, the same name).
    article = corpus / "bbc" / "football.md"
    (corpus / "bbc" / "football.md.new").write_text(article.read_text().replace("football", "rugby"))
    os.replace(corpus / "bbc" / "football.md.new", article)
    assert _says_stale(capsys, indexed) and _changed(corpus, tmp_path)


def test_a_folder_with_a_corpus_yaml_counts_every_file(indexed, corpus, tmp_path, capsys):
    # Its corpus.yaml may list a file of any kind (a notes.pdf listed is reported as not read).
    (corpus / "bbc" / "corpus.yaml").write_text("files: {}\n")
    assert run_main(capsys, *indexed, "index", "--no-prepare")[0] == 0
    assert not _says_stale(capsys, indexed)
    (corpus / "bbc" / "notes.pdf").write_bytes(b"%PDF-1.4")
    assert _says_stale(capsys, indexed)
