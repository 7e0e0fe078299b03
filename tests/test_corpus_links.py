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
    assert found == ["good.txt", "inner/real.txt"]  # alias.txt is inner/real.txt: one article
    got = _skipped(corpus)
    assert got["alias.txt"] == "same file as inner/real.txt, reached by a symbolic link (not read twice)"
    for name in ("shadow.txt", "everything", "private"):
        assert "outside the corpus" in got[name] and "--follow-links" in got[name], got
    assert got["zero.txt"] == "symbolic link to a character device ('/dev/zero'), not a regular file (not read)"
    assert got["pipe.txt"] == "a FIFO (named pipe), not a regular file (not read)"


def test_follow_links_reads_outside_but_never_special_files(corpus):
    (corpus / "everything").unlink()  # following a link to / is the user's explicit choice; not here
    got = _skipped(corpus, follow=True)
    found = {p.relative_to(corpus).as_posix() for p in discover(corpus, True) if not isinstance(p, Skipped)}
    # shadow.txt and private/secret.txt are one file: read once, under the first link by name.
    assert "private/secret.txt" in found and "shadow.txt" not in found
    assert got["shadow.txt"] == "same file as private/secret.txt, reached by a symbolic link (not read twice)"
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
    assert report["indexed"] == 2  # good, inner/real (alias.txt is inner/real.txt)
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
    assert report["indexed"] == 1  # private/secret (shadow.txt is the same file)
    assert "hunter2" in reader_cli("--follow-links", *base, "show", "private/secret").stdout
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


def _ids(root, follow=False):
    return sorted(p.relative_to(root).as_posix() for p in discover(root, follow) if not isinstance(p, Skipped))


def test_a_file_inside_the_corpus_keeps_its_own_path_whatever_links_reach_it(tmp_path):
    """A link walked before the folder it points to (a/ comes before z/) used to give the folder's
    articles ids under the link's path, and a link to a file made a second article of it."""
    root = tmp_path / "corpus"
    write(root / "z" / "real" / "story.txt", BODY)
    write(root / "z" / "one.txt", BODY)
    (root / "a").mkdir()
    (root / "a" / "shortcut").symlink_to("../z/real", target_is_directory=True)
    (root / "a" / "one.txt").symlink_to("../z/one.txt")
    (root / "a" / "one-again.txt").symlink_to("one.txt")  # a link to a link: still the same file
    assert _ids(root) == ["z/one.txt", "z/real/story.txt"]
    got = _skipped(root)
    assert got["a/shortcut"] == "same folder as z/real, reached by a symbolic link (not read twice)"
    assert (
        got["a/one.txt"]
        == got["a/one-again.txt"]
        == ("same file as z/one.txt, reached by a symbolic link (not read twice)")
    )


def test_a_file_outside_reached_by_several_links_is_one_article_under_the_first(tmp_path):
    """With --follow-links: the shallowest link (then the first by path) names what it leads to,
    whichever folder the walk meets first, and a loop back to the root ends there."""
    outside = write(tmp_path / "elsewhere" / "deep" / "far.txt", BODY).parent.parent
    root = tmp_path / "corpus"
    write(root / "a" / "b" / "here.txt", BODY)
    (root / "a" / "b" / "far").symlink_to(outside / "deep", target_is_directory=True)  # deeper
    (root / "m").symlink_to(outside, target_is_directory=True)
    (root / "n.txt").symlink_to(outside / "deep" / "far.txt")
    (root / "a" / "loop").symlink_to(root, target_is_directory=True)
    assert _ids(root, True) == ["a/b/here.txt", "m/deep/far.txt"]
    got = _skipped(root, True)
    assert got["n.txt"] == "same file as m/deep/far.txt, reached by a symbolic link (not read twice)"
    assert got["a/b/far"] == "same folder as m/deep, reached by a symbolic link (not read twice)"
    assert "symbolic link loop" in got["a/loop"]
    # Removing one link gives the file to the next, and leaves every other id as it was.
    (root / "m").unlink()
    assert _ids(root, True) == ["a/b/here.txt", "n.txt"]
    assert _skipped(root, True)["a/b/far/far.txt"] == (
        "same file as n.txt, reached by a symbolic link (not read twice)"
    )


def test_a_path_through_a_followed_link_out_of_the_corpus_is_the_indexed_article(reader_cli, tmp_path):
    """`show PATH` of a file indexed through a link out of the corpus (--follow-links) loaded it
    on the fly as a file outside the corpus (no story), though the index holds it under that path."""
    outside = write(tmp_path / "elsewhere" / "news" / "far.txt", "Far away\n\n" + BODY).parent
    root = tmp_path / "corpus"
    write(root / "good.txt", "Good news\n\n" + BODY)
    (root / "linked").symlink_to(outside, target_is_directory=True)
    base = ("--follow-links", "--corpus", str(root), "--index", str(tmp_path / "index"))
    reader_cli(*base, "index", "--no-prepare")
    [listed] = [a for a in json.loads(reader_cli(*base, "list", "--json").stdout) if a["id"] == "linked/far"]
    [shown] = json.loads(reader_cli(*base, "show", str(root / "linked" / "far.txt"), "--json").stdout)
    assert (shown["id"], shown["story"]) == ("linked/far", listed["story"]) and listed["story"] is not None


def test_without_follow_links_an_id_never_reaches_a_file_out_of_the_corpus(reader_cli, corpus, tmp_path):
    """A whole id is read from its file when the index cannot answer: the file behind a link out
    of the corpus is no corpus file without --follow-links, whatever its name in the corpus."""
    (corpus / "everything").unlink()
    (tmp_path / "not-a-folder").write_text("")  # an index that cannot be built: ids read from files
    base = ("--corpus", str(corpus), "--index", str(tmp_path / "not-a-folder" / "index"))
    for target in ("shadow", "private/secret"):
        shown = reader_cli(*base, "show", target, check=False)
        assert shown.returncode != 0 and "hunter2" not in shown.stdout, shown.stderr
    # Given the file's path, the user has asked for it: read as any file outside the corpus.
    assert "hunter2" in reader_cli(*base, "show", str(corpus / "shadow.txt")).stdout
