"""The index only writes into, and deletes from, folders it created (issue 10, item 1)."""

import json

from conftest import SEEDS, write
from reader.index import CorpusIndex
from reader.index.ownership import FORMAT_VERSION, MARKER_NAME


def _user_folder(folder):
    """A user's folder whose entries have the names the index uses."""
    write(folder / "whoosh" / "thesis.txt", "my thesis")
    write(folder / "whoosh-photos" / "cat.jpg", b"\xff\xd8jpeg")
    write(folder / "whoosh-0123456789" / "notes.txt", "notes")
    write(folder / "state.json", '{"mine": true}')
    write(folder / "CURRENT", "whoosh-photos")
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _unchanged(before):
    return {p: p.read_bytes() for p in before} == before and all(p.exists() for p in before)


def test_cli_refuses_a_non_empty_folder_that_is_not_an_index(reader_cli, tmp_path):
    folder = tmp_path / "mine"
    before = _user_folder(folder)
    for command in (["index"], ["index", "--rebuild"], ["list"], ["search", "trump"]):
        result = reader_cli("--corpus", str(SEEDS), "--index", str(folder), *command, check=False)
        assert result.returncode == 2, (command, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "not a reader index folder" in lines[0], result.stderr
        assert "Traceback" not in result.stderr
    assert _unchanged(before)
    assert sorted(p.name for p in folder.iterdir()) == [
        "CURRENT",
        "state.json",
        "whoosh",
        "whoosh-0123456789",
        "whoosh-photos",
    ]


def test_an_empty_or_new_folder_is_claimed_with_a_versioned_marker(tmp_path):
    for folder in (tmp_path / "new" / "index", tmp_path / "empty"):
        if folder.name == "empty":
            folder.mkdir()
        index = CorpusIndex([SEEDS], folder)
        assert index.update().indexed == 2
        marker = json.loads((folder / MARKER_NAME).read_text())
        assert marker["format"] == FORMAT_VERSION
        index.close()


def test_a_new_folder_another_process_is_claiming_is_not_taken_for_a_users(tmp_path):
    """Two processes claiming one new index folder at once: the second saw the first's marker
    half written (its temporary file) and refused the folder as "not a reader index folder"
    (two `reader index` runs on a just-moved corpus, under load)."""
    from reader.index.ownership import claim

    folder = tmp_path / "index"
    folder.mkdir()
    write(folder / f"{MARKER_NAME}.tmp4242", '{"app": "reader", "format": 1}')
    claim(folder)
    assert json.loads((folder / MARKER_NAME).read_text())["format"] == FORMAT_VERSION
    # and once the other's marker is in place beside its lock, the folder is ours as well
    other = tmp_path / "other"
    other.mkdir()
    write(other / MARKER_NAME, json.dumps({"app": "reader", "format": FORMAT_VERSION}))
    write(other / "reader.lock", "")
    claim(other)


def test_unknown_entries_in_our_folder_are_never_removed(tmp_path):
    folder = tmp_path / "index"
    index = CorpusIndex([SEEDS], folder)
    index.update()
    index.close()
    # Things a user (or another tool) put into our folder, some with names like ours.
    extra = [
        write(folder / "whoosh-photos" / "cat.jpg", b"jpeg"),
        write(folder / "whoosh-0123456789" / "notes.txt", "not a Whoosh file"),
        write(folder / "README.txt", "keep me"),
    ]
    for rebuild in (False, True, True):
        index = CorpusIndex([SEEDS], folder)
        index.update(rebuild=rebuild)
        index.close()
    assert all(p.is_file() for p in extra)
    # Our own replaced Whoosh folders did go.
    assert len([p for p in folder.glob("whoosh-*") if (p / "_MAIN_1.toc").exists()]) == 1


def test_an_index_without_marker_from_an_older_reader_is_adopted(tmp_path):
    folder = tmp_path / "index"
    index = CorpusIndex([SEEDS], folder)
    index.update()
    index.close()
    (folder / MARKER_NAME).unlink()
    index = CorpusIndex([SEEDS], folder)
    report = index.update()
    assert report.unchanged == 2 and report.notice is None
    assert (folder / MARKER_NAME).is_file()
    index.close()


def test_an_index_of_a_newer_format_is_left_alone(reader_cli, tmp_path):
    folder = tmp_path / "index"
    write(folder / MARKER_NAME, json.dumps({"app": "reader", "format": FORMAT_VERSION + 1}))
    write(folder / "whoosh-future" / "data", "future")
    result = reader_cli("--corpus", str(SEEDS), "--index", str(folder), "index", check=False)
    assert result.returncode == 2 and "newer version of reader" in result.stderr
    assert (folder / "whoosh-future" / "data").read_text() == "future"


def test_index_path_that_is_a_file_is_refused(reader_cli, tmp_path):
    target = write(tmp_path / "index.txt", "a file")
    result = reader_cli("--corpus", str(SEEDS), "--index", str(target), "index", check=False)
    assert result.returncode == 2 and "is a file, not a folder" in result.stderr
    assert target.read_text() == "a file"


def _segment_left_by_a_killed_build(folder):
    """A Whoosh folder as `kill -9` during `reader index --rebuild` leaves it: a real segment written
    by Whoosh with our schema, not yet made compound (a column file per field:
    MAIN_<id>._body_len.col, MAIN_<id>.date.col ...), and a table of contents being written."""
    from whoosh.writing import SegmentWriter

    from reader.index import store

    ix, name = store.create_fresh(folder)
    writer = SegmentWriter(ix, compound=False)
    article = {"id": "a", "text": "The council met.", "path": "/x/a.md", "title": "T", "date": "2024-01-01"}
    writer.add_document(
        **store.make_document(
            article, [{"text": "hi", "speaker": "Bob"}], "s1", {"key": "k", "signature": [1, 2], "hash": "h"}
        )
    )
    writer.commit()
    write(folder / name / "_MAIN_2.toc.1733065512.4819741", b"half a toc")
    return folder / name


def test_a_whoosh_folder_left_by_a_killed_build_is_removed_by_the_next_update(tmp_path):
    from reader.index.ownership import is_own_whoosh_folder

    folder = tmp_path / "index"
    index = CorpusIndex([SEEDS], folder)
    index.update()
    index.close()
    stray = _segment_left_by_a_killed_build(folder)
    names = sorted(p.name for p in stray.iterdir())
    assert any(n.count(".") == 2 and n.endswith(".col") for n in names), names
    assert is_own_whoosh_folder(stray)
    # The same files beside one Whoosh never writes: not ours, kept.
    foreign = _segment_left_by_a_killed_build(tmp_path / "other")
    write(foreign / "MAIN_k2p2dmv8gdrfm031.holiday.jpg", b"jpeg")
    assert not is_own_whoosh_folder(foreign)
    index = CorpusIndex([SEEDS], folder)
    assert index.update().unchanged == 2
    index.close()
    assert not stray.exists()
    assert len(list(folder.glob("whoosh-*"))) == 1
