"""Symbolic links and special files in a corpus (issue 10, item 2): nothing outside the corpus is
read unless asked, and nothing that is not a regular file is read at all."""

import json
import os
import threading

import pytest

from conftest import write
from reader.corpus import discover, load_file
from reader.corpus.model import Skipped

BODY = "The council met on Tuesday and approved the budget after a long debate.\n" * 3
SECRET = "TOP-SECRET-CONTENT the password is hunter2 and nobody may read it here.\n" * 3


@pytest.fixture
def corpus(tmp_path):
    outside = write(tmp_path / "private" / "secret.txt", SECRET)
    root = tmp_path / "corpus"
    write(root / "good.txt", BODY)
    write(root / "inner" / "real.txt", BODY)
    (root / "shadow.txt").symlink_to(outside)  # a file outside
    (root / "everything").symlink_to("/", target_is_directory=True)  # the whole filesystem
    (root / "private").symlink_to(outside.parent, target_is_directory=True)
    (root / "alias.txt").symlink_to("inner/real.txt")  # inside: followed
    (root / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(root / "pipe.txt")
    return root


def _skipped(root, follow=False):
    return {item.path: item.reason for item in discover(root, follow) if isinstance(item, Skipped)}


def test_links_out_of_the_corpus_are_reported_not_followed(corpus):
    found = sorted(p.relative_to(corpus).as_posix() for p in discover(corpus) if not isinstance(p, Skipped))
    assert found == ["alias.txt", "good.txt", "inner/real.txt"]
    got = _skipped(corpus)
    for name in ("shadow.txt", "everything", "private"):
        assert "outside the corpus" in got[name] and "--follow-links" in got[name], got
    assert got["zero.txt"] == "symbolic link to a character device ('/dev/zero'), not a regular file (not read)"
    assert got["pipe.txt"] == "a FIFO (named pipe), not a regular file (not read)"


def test_follow_links_reads_outside_but_never_special_files(corpus):
    (corpus / "everything").unlink()  # following a link to / is the user's explicit choice; not here
    got = _skipped(corpus, follow=True)
    found = {p.relative_to(corpus).as_posix() for p in discover(corpus, True) if not isinstance(p, Skipped)}
    assert {"shadow.txt", "private/secret.txt"} <= found
    assert "zero.txt" in got and "character device" in got["zero.txt"]
    assert "pipe.txt" in got and "FIFO" in got["pipe.txt"]


def test_loading_a_fifo_or_device_never_blocks(corpus, tmp_path):
    """A FIFO put where a file was (after discovery) is refused at open, not read."""
    results = {}

    def load():
        results["pipe"] = load_file(corpus / "pipe.txt", corpus)
        results["zero"] = load_file(corpus / "zero.txt", corpus)

    thread = threading.Thread(target=load, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "load_file blocked on a FIFO or a device"
    assert results["pipe"].skipped == [Skipped("pipe.txt", "a FIFO (named pipe), not a regular file (not read)")]
    assert results["zero"].skipped == [Skipped("zero.txt", "a character device, not a regular file (not read)")]


def test_cli_keeps_outside_content_out_of_index_and_show(reader_cli, corpus, tmp_path):
    index = tmp_path / "index"
    base = ("--corpus", str(corpus), "--index", str(index))
    report = json.loads(reader_cli(*base, "index", "--json").stdout)
    assert report["indexed"] == 3  # good, alias, inner/real
    # Each under the file's absolute path (the folder as given, made absolute).
    reasons = {item["path"].removeprefix(f"{corpus}/"): item["reason"] for item in report["skipped"]}
    assert "outside the corpus" in reasons["shadow.txt"]
    assert "FIFO" in reasons["pipe.txt"] and "character device" in reasons["zero.txt"]
    listed = reader_cli(*base, "list", "--json").stdout
    assert "shadow" not in listed and "secret" not in listed
    found = reader_cli(*base, "search", "hunter2", "--json", check=False)
    assert found.returncode == 1 and "hunter2" not in found.stdout  # 1: nothing found
    assert reader_cli(*base, "show", "shadow", check=False).returncode != 0

    # Asked explicitly, the outside file is read; the special files still are not.
    (corpus / "everything").unlink()
    report = json.loads(reader_cli("--follow-links", *base, "index", "--json").stdout)
    assert report["indexed"] == 2  # shadow and private/secret
    assert "hunter2" in reader_cli("--follow-links", *base, "show", "shadow").stdout
    reasons = {item["path"].removeprefix(f"{corpus}/"): item["reason"] for item in report["skipped"]}
    assert "FIFO" in reasons["pipe.txt"]


def test_a_manifest_linked_from_elsewhere_is_not_read(tmp_path):
    secret = write(tmp_path / "private" / "secrets.yaml", "defaults: {title: TOP-SECRET hunter2}\n")
    root = tmp_path / "corpus"
    write(root / "good.txt", BODY)
    (root / "corpus.yaml").symlink_to(secret)
    found = list(discover(root))
    [problem] = [item for item in found if isinstance(item, Skipped)]
    assert problem.path == "corpus.yaml" and "out of its folder; the manifest is ignored" in problem.reason
    [article] = load_file(root / "good.txt", root).articles
    assert "hunter2" not in (article.title or "")
