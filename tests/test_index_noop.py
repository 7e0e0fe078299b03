"""`reader index` when nothing changed: found without opening the index (reader/index/noop.py),
with the report the full update gives; anything else goes to the full update."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_index_helpers import ARTICLES, write_article  # noqa: E402
from test_index_state import without_signature_column  # noqa: E402

from reader.corpus.discover import discover  # noqa: E402
from reader.index import CorpusIndex, checksums, layout, noop, roots, statedb, update  # noqa: E402
from reader.index.scan import scan  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def full_updates(monkeypatch):
    """How many updates went past the no-op check (into update.py)."""
    calls = []
    real_run = update.IndexUpdate.run

    def run(self, *args, **kwargs):
        calls.append(1)
        return real_run(self, *args, **kwargs)

    monkeypatch.setattr(update.IndexUpdate, "run", run)
    return calls


def fresh_update(corpus: Path, index_dir: Path, thorough: bool = True):
    index = CorpusIndex([corpus], index_dir)
    try:
        return index.update(thorough=thorough)
    finally:
        index.close()


def report_of(report) -> dict:
    data = report.to_dict()
    del data["seconds"]
    return data


def test_nothing_changed_is_found_without_whoosh(corpus, tmp_path):
    fresh_update(corpus, tmp_path / "ix")
    probe = textwrap.dedent(
        """
        import json, sys
        from pathlib import Path
        from reader.library import Library
        library = Library([Path(sys.argv[1])], Path(sys.argv[2]))
        report = library.update()
        print(json.dumps({"report": report.to_dict(), "whoosh": sorted(m for m in sys.modules if "whoosh" in m)}))
        """
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", probe, str(corpus), str(tmp_path / "ix")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data = json.loads(out)
    assert data["whoosh"] == []  # neither Whoosh nor the modules that use it were imported
    assert data["report"]["unchanged"] == len(ARTICLES) and not data["report"]["updated"]


def test_the_no_op_report_is_the_full_updates(corpus, tmp_path, full_updates, monkeypatch):
    # Problems of every kind the report lists: the walk's, a file's, and a stat that fails.
    (corpus / "bbc" / "corpus.yaml").write_text("files:\n  gone.md: {title: Gone}\n", encoding="utf-8")
    (corpus / "reuters" / "empty.md").write_text("", encoding="utf-8")
    fresh_update(corpus, tmp_path / "ix")
    assert len(full_updates) == 1
    quick = fresh_update(corpus, tmp_path / "ix")
    assert len(full_updates) == 1  # answered by the no-op check
    monkeypatch.setattr(noop, "_unchanged", lambda *args: None)
    full = fresh_update(corpus, tmp_path / "ix")
    assert len(full_updates) == 2
    assert report_of(quick) == report_of(full)
    reasons = [item["path"] for item in quick.skipped]
    assert str(corpus / "bbc/gone.md") in reasons and str(corpus / "reuters/empty.md") in reasons
    assert quick.unchanged == len(ARTICLES) and not quick.changed


def _edit_in_place(corpus, index_dir):
    path = corpus / "ap" / "inflation.md"
    path.write_text(path.read_text(encoding="utf-8").replace("third", "fourth"), encoding="utf-8")
    return {"updated": 1}


def _touch(corpus, index_dir):
    path = corpus / "ap" / "inflation.md"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    return {}


def _add(corpus, index_dir):
    write_article(corpus, "bbc/okapi", "Okapi", "BBC", "2025-12-01", "An okapi was born at the zoo.")
    return {"indexed": 1}


def _remove(corpus, index_dir):
    (corpus / "bbc" / "football.md").unlink()
    return {"removed": 1}


def _manifest(corpus, index_dir):
    (corpus / "ap" / "corpus.yaml").write_text("defaults:\n  outlet: AP\n", encoding="utf-8")
    return {"updated": 2}


def _no_checksums(corpus, index_dir):
    (index_dir / checksums.CHECKSUMS_NAME).unlink()
    return {}


def _left_by_a_rebuild(corpus, index_dir):
    active = index_dir / layout.current_name(index_dir)
    shutil.copytree(active, index_dir / "whoosh-0123456789")
    return {}


def _state_of_another_commit(corpus, index_dir):
    with statedb.StateDB(index_dir)._connect(write=True) as con:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'generation'")
    return {}


def _older_database(corpus, index_dir):
    without_signature_column(index_dir / statedb.DB_NAME)
    return {}


def _damaged(corpus, index_dir):
    wdir = index_dir / layout.current_name(index_dir)
    segment = max((p for p in wdir.iterdir() if p.suffix == ".seg"), key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0xFF
    segment.write_bytes(bytes(data))
    return {"notice": "index rebuilt"}


@pytest.mark.parametrize(
    "change",
    [
        _edit_in_place,
        _touch,
        _add,
        _remove,
        _manifest,
        _no_checksums,
        _left_by_a_rebuild,
        _state_of_another_commit,
        _older_database,
        _damaged,
    ],
)
def test_anything_else_goes_to_the_full_update_once(corpus, tmp_path, full_updates, change):
    index_dir = tmp_path / "ix"
    fresh_update(corpus, index_dir)
    expected = change(corpus, index_dir)
    report = fresh_update(corpus, index_dir)
    assert len(full_updates) == 2, "the no-op check missed a change"
    for key, value in expected.items():
        if key == "notice":
            assert value in (report.notice or "")
        else:
            assert getattr(report, key) == value, report
    # What the full update found and wrote makes the next update a no-op again.
    again = fresh_update(corpus, index_dir)
    assert len(full_updates) == 2 and not again.changed
    assert not (index_dir / "whoosh-0123456789").exists()


def test_an_update_that_is_not_thorough_is_a_no_op_too(corpus, tmp_path, full_updates):
    """Without `thorough` (the library's updates are thorough) the check samples, as opening does."""
    index_dir = tmp_path / "ix"
    fresh_update(corpus, index_dir, thorough=False)
    assert fresh_update(corpus, index_dir, thorough=False).unchanged == len(ARTICLES)
    assert len(full_updates) == 1


def test_the_scan_keys_are_the_root_s_token_and_the_paths_under_it_of_what_discover_finds(
    corpus, tmp_path, monkeypatch
):
    monkeypatch.chdir(corpus.parent)
    for root in (Path("corpus"), Path("corpus/"), Path("./corpus"), corpus, Path(".")):
        top = os.path.abspath(root)
        found = scan([root], False, {"3": top}).found
        paths = [os.fspath(p) for p in discover(root)]
        assert [path for path, _, _ in found.values()] == paths
        assert list(found) == ["3:" + os.path.relpath(os.path.abspath(p), top) for p in paths]
        assert [roots.resolve(key, {"3": top}) for key in found] == [os.path.abspath(p) for p in paths]
        for key, (_, _, signature) in found.items():
            st = os.stat(roots.resolve(key, {"3": top}))
            assert signature[:2] == [st.st_size, st.st_mtime_ns]


def test_the_walks_short_cut_agrees_with_the_full_look_at_each_entry(hostile_corpus, tmp_path):
    """discover._plain_article() answers True only where _entry() would (on links, odd names,
    manifests, folders, special files and files of other suffixes)."""
    discover_module = importlib.import_module("reader.corpus.discover")
    root = hostile_corpus
    (root / "corpus.yaml").write_text("defaults: {outlet: X}\n", encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF")
    (root / "sub").mkdir()
    (root / "link.md").symlink_to(root / "escapes.md")
    os.mkfifo(root / "pipe.md")
    seen, odd = 0, {"corpus.yaml", "notes.pdf", "sub", "link.md", "pipe.md"}
    for folder, _, _ in os.walk(root):
        with os.scandir(folder) as entries:
            for entry in entries:
                if discover_module._plain_article(entry, entry.name):
                    seen += 1
                    assert discover_module._entry(entry, entry.path, entry.name, str(root)) is True, entry.name
                else:
                    assert entry.name != "escapes.md"
                    odd.discard(entry.name)
    assert seen >= 2 and not odd  # each odd entry met and not taken for a plain article


def test_an_index_that_keeps_no_version_of_its_large_files_hashes_is_updated_once(corpus, tmp_path, full_updates):
    """An index an older reader wrote keeps no version of how its files over 1 GB were hashed
    (layout.LARGE_FILE_HASHES): the next update goes past the no-op check to hash them again, and
    records the version, so that the one after it is a no-op again (with no such file too)."""
    fresh_update(corpus, tmp_path / "ix")
    con = sqlite3.connect(tmp_path / "ix" / statedb.DB_NAME)
    with con:
        con.execute("DELETE FROM meta WHERE key = 'large_hashes'")
    con.close()
    fresh_update(corpus, tmp_path / "ix")
    assert len(full_updates) == 2
    fresh_update(corpus, tmp_path / "ix")
    assert len(full_updates) == 2
