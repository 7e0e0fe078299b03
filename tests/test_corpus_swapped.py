"""A corpus file swapped between the update's scan and its read: a link made to lead out of the
corpus, a file replaced by a link out of it, by a FIFO or a device. The scan saw a file inside
the corpus; the read must hold to the same rule (README: links are followed only while they stay
inside the corpus folder, unless --follow-links; FIFOs and devices are never read), never hang,
and say why the file was skipped.

The swap is made by a loader (the index's `loader` hook) as it loads the file before the swapped
one: after the scan, before that file's turn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import cli_env
from test_index_helpers import write_article

from reader.corpus.loader import load_file
from reader.index import CorpusIndex, update

SWAP = "READER_TEST_SWAP"  # what the loader does to b.md: "link:TARGET", "fifo"
SECRET = "Zanzibar wolverine"  # a phrase only the file outside the corpus holds
DATED = ("BBC", "2025-05-05")  # every article's outlet and date


def load_swapping(path, root):
    """load_file, which first swaps b.md (as `SWAP` says) when it loads a.md."""
    path = Path(path)
    if path.name == "a.md":
        what, _, target = os.environ[SWAP].partition(":")
        swapped = path.with_name("b.md")
        swapped.unlink()
        if what == "link":
            swapped.symlink_to(target)
        else:
            os.mkfifo(swapped)
    return load_file(path, root)


@pytest.fixture
def corpus(tmp_path) -> Path:
    root = tmp_path / "corpus"
    write_article(root, "a", "First", *DATED, "A story about otters.")
    write_article(root, "b", "Second", *DATED, "A story about beavers.")
    write_article(tmp_path / "outside", "secret", "Secret", *DATED, f"The {SECRET} ate the plans.")
    return root


def _update(corpus: Path, index_dir: Path, follow_links: bool = False) -> tuple[dict, list[str]]:
    """The update's skipped reasons by file name, and the articles' ids; fails rather than hang."""
    ix = CorpusIndex([corpus], index_dir, follow_links=follow_links, loader="test_corpus_swapped:load_swapping")
    outcome: list = []

    def run() -> None:
        try:
            outcome.append(ix.update())
        except BaseException as exc:  # noqa: BLE001 (handed to the test)
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(120)
    if worker.is_alive():
        if (corpus / "b.md").is_fifo():  # blocked opening it: a writer's open and close let it go
            os.close(os.open(corpus / "b.md", os.O_WRONLY | os.O_NONBLOCK))
            worker.join(60)
        pytest.fail("the update hung on what was put in the place of a corpus file")
    [report] = outcome
    if isinstance(report, BaseException):
        raise report
    try:
        ids = sorted(a.id for a in ix.articles())
    finally:
        ix.close()
    return {Path(s["path"]).name: s["reason"] for s in report.skipped}, ids


UPDATE = """
import json, sys
from pathlib import Path
from reader.index import CorpusIndex

corpus, index_dir, follow_links = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "yes"
ix = CorpusIndex([corpus], index_dir, follow_links=follow_links, loader="test_corpus_swapped:load_swapping")
try:
    report = ix.update()
    ids = sorted(a.id for a in ix.articles())
finally:
    ix.close()
print(json.dumps([{Path(s["path"]).name: s["reason"] for s in report.skipped}, ids]))
"""


def _update_in_a_subprocess(corpus: Path, index_dir: Path, follow_links: bool = False) -> tuple[dict, list[str]]:
    """_update in a process of its own, killed if it hangs: a thread reading a device for good
    could not be stopped, and would hold the index's lock (and a core) to the end of the run."""
    env = cli_env()
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parent), env["PYTHONPATH"]])
    argv = [sys.executable, "-c", UPDATE, str(corpus), str(index_dir), "yes" if follow_links else "no"]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as proc:
        try:
            out, err = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            pytest.fail("the update hung on what was put in the place of a corpus file")
    assert proc.returncode == 0, err
    skipped, ids = json.loads(out)
    return skipped, ids


def test_a_file_swapped_for_a_link_out_of_the_corpus_after_the_scan_is_not_read(corpus, tmp_path, monkeypatch):
    """The scan refuses a link out of the corpus; one put in a file's place after it was read."""
    secret = tmp_path / "outside" / "secret.md"
    monkeypatch.setenv(SWAP, f"link:{secret}")
    skipped, ids = _update(corpus, tmp_path / "index")
    assert ids == ["a"]
    assert skipped == {
        "b.md": f"symbolic link to {str(secret)!r}, outside the corpus "
        "(not followed; --follow-links follows links out of the corpus)"
    }
    ix = CorpusIndex([corpus], tmp_path / "index")
    try:
        assert ix.search("wolverine").hits == []
    finally:
        ix.close()


def test_a_link_made_to_lead_out_of_the_corpus_after_the_scan_is_not_read(corpus, tmp_path, monkeypatch):
    """b.md a link to a file inside the corpus at the scan, then to one outside."""
    (corpus / "b.md").rename(corpus / "c.txt.orig")
    (corpus / "b.md").symlink_to(corpus / "c.txt.orig")
    secret = tmp_path / "outside" / "secret.md"
    monkeypatch.setenv(SWAP, f"link:{secret}")
    skipped, ids = _update(corpus, tmp_path / "index")
    assert ids == ["a"]
    assert skipped["b.md"].startswith(f"symbolic link to {str(secret)!r}, outside the corpus")


def test_a_folder_swapped_for_a_link_out_of_the_corpus_after_the_scan_is_not_read(tmp_path, monkeypatch):
    """Not the file but its folder became a link: the file's path is no link, and still leads out."""
    corpus = tmp_path / "corpus"
    write_article(corpus, "a", "First", *DATED, "A story about otters.")
    write_article(corpus, "sub/b", "Second", *DATED, "A story about beavers.")
    outside = tmp_path / "outside"
    write_article(outside, "b", "Secret", *DATED, f"The {SECRET} ate the plans.")

    def swap_the_folder(path, root):
        if Path(path).name == "a.md":
            (corpus / "sub" / "b.md").unlink()
            (corpus / "sub").rmdir()
            (corpus / "sub").symlink_to(outside)
        return load_file(path, root)

    monkeypatch.setattr("test_corpus_swapped.load_swapping", swap_the_folder)
    skipped, ids = _update(corpus, tmp_path / "index")
    assert ids == ["a"]
    assert skipped["b.md"] == (
        f"leads outside the corpus through a symbolic link (to {str(outside / 'b.md')!r}; "
        "not followed; --follow-links follows links out of the corpus)"
    )


def test_with_follow_links_a_link_out_of_the_corpus_is_read_as_the_scan_would(corpus, tmp_path, monkeypatch):
    monkeypatch.setenv(SWAP, f"link:{tmp_path / 'outside' / 'secret.md'}")
    skipped, ids = _update(corpus, tmp_path / "index", follow_links=True)
    assert skipped == {} and ids == ["a", "b"]


def test_a_link_swapped_to_another_file_inside_the_corpus_is_read(corpus, tmp_path, monkeypatch):
    """Inside the corpus, a link is followed at the read as at the scan."""
    write_article(corpus, "notes/c", "Third", *DATED, "A story about herons.")
    monkeypatch.setenv(SWAP, f"link:{corpus / 'notes' / 'c.md'}")
    skipped, ids = _update(corpus, tmp_path / "index")
    assert "b.md" not in skipped
    assert "b" in ids


def test_a_file_swapped_for_a_fifo_after_the_scan_is_skipped_without_hanging(corpus, tmp_path, monkeypatch):
    """The update hashed a new file with a plain open() before loading it: a FIFO put in its place
    blocked `reader index` for good, holding the index's lock."""
    monkeypatch.setenv(SWAP, "fifo")
    skipped, ids = _update(corpus, tmp_path / "index")
    assert ids == ["a"]
    assert skipped == {"b.md": "a FIFO (named pipe), not a regular file (not read)"}


def test_a_changed_file_swapped_for_a_fifo_before_its_hash_is_skipped_without_hanging(corpus, tmp_path, monkeypatch):
    """A file the index has, changed since the last update: the update hashes it before loading
    it (touched, or changed?), and hung there on a FIFO put in its place."""
    index_dir = tmp_path / "index"
    ix = CorpusIndex([corpus], index_dir)
    ix.update()
    ix.close()
    os.utime(corpus / "b.md", ns=(1, 1))  # its signature changed: hashed by the diff
    real_diff = update.IndexUpdate.diff

    def swap_then_diff(found, old_files, **options):
        (corpus / "b.md").unlink()
        os.mkfifo(corpus / "b.md")
        return real_diff(found, old_files, **options)

    monkeypatch.setattr(update.IndexUpdate, "diff", staticmethod(swap_then_diff))
    monkeypatch.setenv(SWAP, "fifo")  # a.md is unchanged: not loaded, b.md not swapped again
    skipped, ids = _update(corpus, index_dir)
    assert skipped == {"b.md": "a FIFO (named pipe), not a regular file (not read)"}
    assert ids == ["a"]


def test_a_file_swapped_for_a_link_to_a_device_is_skipped_even_with_follow_links(corpus, tmp_path, monkeypatch):
    """--follow-links follows a link anywhere, but a device is never read: /dev/zero's bytes
    never end (the hash before the load read them for good)."""
    monkeypatch.setenv(SWAP, "link:/dev/zero")
    skipped, ids = _update_in_a_subprocess(corpus, tmp_path / "index", follow_links=True)
    assert ids == ["a"]
    assert skipped == {"b.md": "a character device, not a regular file (not read)"}
