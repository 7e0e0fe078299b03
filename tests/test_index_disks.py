"""Full and read-only disks under the index (issue 10, items 6 and 7), on a real small filesystem
(a tmpfs this test mounts; skipped with the reason where it cannot be mounted)."""

import json

import pytest

import tmpfs_helpers
from conftest import SEEDS, write

WORDS = "council budget vote mayor city debate approved tuesday heated chamber".split()


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB filesystem; fill() takes every free byte of it."""
    with tmpfs_helpers.small_disk(tmp_path / "disk", "1m") as disk:
        yield disk


def _corpus(tmp_path, count=0):
    corpus = tmp_path / "corpus"
    for name in ("000_d35029dd94d24c05.txt", "004_5af44beeb4aa5335.txt", "corpus.yaml"):
        write(corpus / name, (SEEDS / name).read_bytes())
    for i in range(count):  # articles with many distinct words: a big segment to write
        words = " ".join(f"{WORDS[j % 10]}{i}x{j}" for j in range(300))
        write(corpus / f"new{i}.txt", f"The council met on Tuesday. {words}\n")
    return corpus


def _files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.name != "reader.lock")


def _one_line(stderr):
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def test_full_disk_keeps_the_last_commit_readable_and_leaves_nothing(reader_cli, small_disk, tmp_path):
    corpus = _corpus(tmp_path)
    base = ("--corpus", str(corpus), "--index", str(small_disk.path / "index"))
    reader_cli(*base, "index")
    index = small_disk.path / "index"
    before = _files(index)
    small_disk.fill()
    _corpus(tmp_path, count=2)  # a change the full disk cannot take

    result = reader_cli(*base, "index", check=False)
    assert result.returncode == 1
    assert "No space left on device" in _one_line(result.stderr)
    assert _files(index) == before  # no orphan segment, temp file or Whoosh folder

    for command in (["search", "putin", "--json"], ["list", "--json"]):
        # Reading commands use the last commit as it is, and say the corpus changed since;
        # asked to update first (--update), they say why they cannot and answer all the same.
        result = reader_cli(*base, *command)
        assert "changed since the index was last updated" in _one_line(result.stderr)
        assert len(json.loads(result.stdout)) == 2
        result = reader_cli(*base, *command, "--update")
        line = _one_line(result.stderr)
        assert "cannot update the index (No space left on device)" in line
        assert "using the last committed index" in line
        assert len(json.loads(result.stdout)) == 2

    (small_disk.path / "filler").unlink()  # room again: the update goes through
    assert json.loads(reader_cli(*base, "index", "--json").stdout)["indexed"] == 2


def test_a_first_build_on_a_full_disk_leaves_no_half_built_folder(reader_cli, small_disk, tmp_path):
    corpus = _corpus(tmp_path, count=60)
    index = small_disk.path / "index"
    result = reader_cli("--corpus", str(corpus), "--index", str(index), "index", check=False)
    assert result.returncode == 1
    line = _one_line(result.stderr)  # not "the last committed index is unchanged": there was none
    assert line.startswith("reader: cannot build the index in ") and line.endswith(
        ": No space left on device; nothing was kept; free space on its disk (or give another folder with --index DIR"
        " or READER_CACHE_DIR) and run it again"
    )
    assert not list(index.glob("whoosh*")) and not [p for p in index.rglob("*") if ".tmp" in p.name]


def test_a_read_only_index_is_read_and_only_updating_is_refused(reader_cli, small_disk, tmp_path):
    corpus = _corpus(tmp_path)
    base = ("--corpus", str(corpus), "--index", str(small_disk.path / "index"))
    reader_cli(*base, "index")
    small_disk.remount("ro")
    for command in (["list", "--json"], ["search", "putin", "--json"], ["stories", "--json"]):
        result = reader_cli(*base, *command)  # the corpus did not change: read, nothing to say
        assert result.stderr == "" and json.loads(result.stdout)
        result = reader_cli(*base, *command, "--update")  # up to date: nothing to write, nothing to say
        assert result.stderr == "" and json.loads(result.stdout)
    shown = json.loads(reader_cli(*base, "show", "004_5af44beeb4aa5335", "--json").stdout)
    assert shown[0]["outlet"] == "The Moscow Times"
    # Nothing changed: `reader index` says the index is up to date (it refused, "cannot write the
    # index folder", exit 2, though there was nothing to write).
    result = reader_cli(*base, "index", "--no-prepare")
    assert result.stdout.startswith("0 indexed, 0 updated, 0 removed, 2 unchanged in ") and result.stderr == ""
    write(corpus / "new.txt", "The council met on Tuesday.\n")
    result = reader_cli(*base, "index", "--no-prepare", check=False)
    assert result.returncode == 2
    line = _one_line(result.stderr)
    assert "cannot write the index folder" in line and "Read-only file system" in line
    assert line.endswith("; the index stays as it was, and the reading commands use it")
    result = reader_cli(*base, "list", "--json", "--update")
    assert "Read-only file system" in _one_line(result.stderr) and json.loads(result.stdout)


READING = [["list"], ["list", "--json"], ["search", "putin", "--json"], ["show", "004_5af4"], ["stories"]]


def test_reading_with_no_index_on_a_read_only_disk_says_so_not_an_empty_corpus(reader_cli, small_disk, tmp_path):
    # With nothing committed to fall back on, the reading commands read an empty index: `list`
    # said the folder had no articles (exit 0), `show ID` that there was no such article.
    corpus = _corpus(tmp_path)
    small_disk.remount("ro")
    base = ("--corpus", str(corpus), "--index", str(small_disk.path / "index"))
    for command in READING:
        result = reader_cli(*base, *command, check=False)
        assert result.returncode == 2 and result.stdout == ""
        assert "cannot write the index folder" in _one_line(result.stderr)
        assert "Read-only file system" in result.stderr
    result = reader_cli(*base, "index", "--no-prepare", check=False)
    assert result.returncode == 2 and "cannot write the index folder" in _one_line(result.stderr)
    assert result.stderr.rstrip().endswith("; give a folder you can write with --index DIR or READER_CACHE_DIR")
    # A file's path is still read as it is, as it is without an index anywhere; so is a whole id.
    result = reader_cli(*base, "show", str(corpus / "004_5af44beeb4aa5335.txt"), "--json")
    assert json.loads(result.stdout)[0]["outlet"] == "The Moscow Times" and result.stderr == ""
    result = reader_cli(*base, "show", "004_5af44beeb4aa5335", "--json")
    assert json.loads(result.stdout)[0]["outlet"] == "The Moscow Times" and result.stderr == ""


def test_show_takes_a_file_s_name_without_an_index_as_it_takes_its_id(capsys, tmp_path, monkeypatch):
    """`reader show 004_….txt` (the name `ls` shows, from outside the corpus folder) found its
    file once the index was built, but without one (another process building it, a folder that
    cannot be written) it was "only a whole id finds its file"."""
    from conftest import run_main

    corpus = _corpus(tmp_path)
    write(corpus / "moscow" / "budget vote.md", "---\ntitle: Budget vote\noutlet: Daily\n---\n\nThe vote came.\n")
    write(tmp_path / "a-file", "")
    monkeypatch.chdir(tmp_path)  # no file of that name here: the name is looked up in the corpus
    base = ("--corpus", str(corpus), "--index", str(tmp_path / "a-file" / "index"))
    code, out, err = run_main(capsys, *base, "show", "004_5af44beeb4aa5335.txt", "moscow/budget vote.md", "--json")
    assert code == 0 and err == ""
    assert [a["title"] for a in json.loads(out)][1:] == ["Budget vote"]
    assert json.loads(out)[0]["id"] == "004_5af44beeb4aa5335"
    # a name of no file, or with another extension, is not found: named as before
    code, out, err = run_main(capsys, *base, "show", "004_5af44beeb4aa5335.md", "--json")
    assert code == 2 and "no article with id or path '004_5af44beeb4aa5335.md'" in err


def test_show_a_path_and_ids_without_an_index_gives_what_it_can(capsys, tmp_path):
    """`show PATH ID` with an index that cannot be built stopped at the id (nothing printed,
    not even PATH's article) with a line that named no id. A whole id is read from its file, as
    a path is; the start of an id, which needs the index, is named with why; the rest is shown."""
    from conftest import run_main

    corpus = _corpus(tmp_path)
    write(tmp_path / "a-file", "")
    base = ("--corpus", str(corpus), "--index", str(tmp_path / "a-file" / "index"))
    path = str(corpus / "000_d35029dd94d24c05.txt")
    code, out, err = run_main(capsys, *base, "show", path, "004_5af44beeb4aa5335", "--json")
    assert code == 0 and err == ""
    assert [a["outlet"] for a in json.loads(out)] == ["Fox News", "The Moscow Times"]
    code, out, err = run_main(capsys, *base, "show", path, "004", "--json")
    assert code == 2 and [a["outlet"] for a in json.loads(out)] == ["Fox News"]
    assert _one_line(err) == (
        "reader: no article with id or path '004'; without an index only a whole id, or the file's name, finds its file "
        f"(cannot write the index folder {tmp_path / 'a-file' / 'index'}: Not a directory)"
    )
    code, out, err = run_main(capsys, *base, "quotes", "004", path, "--json")
    assert code == 2 and [q["id"] for q in json.loads(out)] == ["000_d35029dd94d24c05"]
    assert _one_line(err).startswith("reader: no article with id or path '004'; without an index")
    code, out, err = run_main(capsys, *base, "show", str(tmp_path), path, "--json")
    assert code == 2 and _one_line(err) == (
        f"reader: {tmp_path}: is a folder, not an article's id or file "
        f"(`reader --corpus {tmp_path} --index {tmp_path / 'a-file' / 'index'} list` lists its articles)"
    )
    code, out, err = run_main(capsys, *base, "show", "../corpus/000_d35029dd94d24c05", "--json")
    assert code == 2 and json.loads(out)["failed"][0]["status"] == 2  # an id never leads out of its corpus folder


def test_reading_with_no_index_on_a_full_disk_says_so_not_an_empty_corpus(reader_cli, small_disk, tmp_path):
    corpus = _corpus(tmp_path, count=60)
    base = ("--corpus", str(corpus), "--index", str(small_disk.path / "index"))
    for command in READING[:3]:
        result = reader_cli(*base, *command, check=False)
        assert result.returncode == 1 and result.stdout == ""
        line = _one_line(result.stderr)
        assert line.startswith("reader: cannot build the index in ") and "No space left on device" in line


def test_show_while_another_process_builds_the_first_index_reads_files(capsys, tmp_path, monkeypatch):
    """While another process held the lock of a first build, `show PATH` exited 3 without reading
    the file; now paths and whole ids are read, and the start of an id says why it is not."""
    from conftest import run_main
    from reader.index import lock

    corpus = _corpus(tmp_path)
    index = tmp_path / "index"
    monkeypatch.setenv("READER_LOCK_WAIT", "0")
    held = lock.acquire(index, 0)
    try:
        path = str(corpus / "000_d35029dd94d24c05.txt")
        code, out, err = run_main(capsys, "--corpus", str(corpus), "--index", str(index), "show", path, "--json")
        assert code == 0 and err == "" and json.loads(out)[0]["outlet"] == "Fox News"
        argv = ["--corpus", str(corpus), "--index", str(index), "show", "004_5af44beeb4aa5335", "000", "--json"]
        code, out, err = run_main(capsys, *argv)
        assert code == 3 and [a["outlet"] for a in json.loads(out)] == ["The Moscow Times"]
        assert _one_line(err).startswith("reader: no article with id or path '000'; without an index only a whole")
        assert "another reader process is updating the index" in err
    finally:
        lock.release(held)


@pytest.mark.parametrize("command", ["list", "search budget", "stories", "coverage"])
def test_a_reading_command_that_cannot_build_the_index_says_where_to_put_it(capsys, tmp_path, command):
    """`reader index` said what to do of a cache folder it cannot write ("give a folder you can
    write with --index DIR or READER_CACHE_DIR"); `reader list`, a newcomer's first command
    there, stopped at "cannot write the index folder …: Not a directory"."""
    from conftest import run_main

    corpus = _corpus(tmp_path)
    write(tmp_path / "a-file", "")
    index = tmp_path / "a-file" / "index"
    code, out, err = run_main(capsys, "--corpus", str(corpus), "--index", str(index), *command.split())
    assert (code, out) == (2, "")
    assert err == (
        f"reader: cannot write the index folder {index}: Not a directory; "
        "give a folder you can write with --index DIR or READER_CACHE_DIR\n"
    )


@pytest.mark.parametrize(
    ("code", "advice"),
    [
        (
            "ENOSPC",
            "; free space on its disk (or give another folder with --index DIR or READER_CACHE_DIR) and run it again",
        ),
        ("EROFS", "; its disk became read-only: give a folder you can write with --index DIR or READER_CACHE_DIR"),
    ],
)
def test_a_write_failing_mid_update_names_the_folder_and_what_to_do_and_loses_nothing(
    capsys, tmp_path, monkeypatch, code, advice
):
    """A full disk or a cache folder remounted read-only at the index's write (simulated: the
    update's write of the index): one line naming the folder and what to do, the marks in the data
    folder untouched, and the next run, the space back, goes through."""
    import errno

    from conftest import run_main

    from reader.index import update
    from reader.library import Library

    corpus = _corpus(tmp_path)
    index = tmp_path / "index"
    base = ("--corpus", str(corpus), "--index", str(index))
    assert run_main(capsys, *base, "index", "--no-prepare")[0] == 0
    library = Library([corpus], index)
    library.marks.change({"004_5af44beeb4aa5335": {"read": True, "starred": True}})
    library.close()
    data = {p: p.read_bytes() for p in (tmp_path / "data").rglob("*") if p.is_file()}
    write(corpus / "new.txt", "The council met on Tuesday.\n")

    def failing_write(*args, **kwargs):
        raise OSError(getattr(errno, code), os.strerror(getattr(errno, code)))

    import os

    real_write = update.IndexUpdate.write
    monkeypatch.setattr(update.IndexUpdate, "write", failing_write)
    status, out, err = run_main(capsys, *base, "index", "--no-prepare")
    assert status == 1 and out == ""
    said = f"reader: cannot update the index in {index}: {os.strerror(getattr(errno, code))}"
    assert _one_line(err) == f"{said}; the last committed index is unchanged{advice}"
    assert {p: p.read_bytes() for p in (tmp_path / "data").rglob("*") if p.is_file()} == data  # nothing lost
    monkeypatch.setattr(update.IndexUpdate, "write", real_write)  # the space is back
    status, out, err = run_main(capsys, *base, "index", "--no-prepare", "--json")
    assert status == 0 and json.loads(out)["indexed"] == 1
    library = Library([corpus], index)
    assert library.marks.get("004_5af44beeb4aa5335").starred
    library.close()


def test_a_disk_filling_after_the_index_commit_says_the_articles_were_saved(capsys, tmp_path, monkeypatch):
    """The index committed, then its record of the files (the state database) could not be saved
    (a full disk): "the last committed index is unchanged" was said, untrue (the commit landed,
    and the next run said indexed 0 for the new file). Now the line says the articles were saved and
    that the next run makes that record again from the index; a reading command finds them meanwhile."""
    import errno
    import os

    from conftest import run_main

    from reader.index import statedb

    corpus = _corpus(tmp_path)
    index = tmp_path / "index"
    base = ("--corpus", str(corpus), "--index", str(index))
    assert run_main(capsys, *base, "index", "--no-prepare")[0] == 0
    write(corpus / "new.txt", "The okapi council met on Tuesday.\n")
    real_save = statedb.StateDB.save

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(statedb.StateDB, "save", full_disk)
    status, out, err = run_main(capsys, *base, "index", "--no-prepare")
    assert status == 1 and out == ""
    line = _one_line(err)
    assert line.startswith(f"reader: cannot finish the index's update in {index}: No space left on device; ")
    assert "the last committed index is unchanged" not in line
    assert "its new articles were saved" in line and line.endswith(" and run it again")
    monkeypatch.setattr(statedb.StateDB, "save", real_save)  # the space is back
    status, out, _err = run_main(capsys, *base, "search", "okapi", "--json")
    assert status == 0 and [hit["id"] for hit in json.loads(out)] == ["new"]
    status, out, _err = run_main(capsys, *base, "index", "--no-prepare", "--json")
    assert status == 0 and (json.loads(out)["indexed"], json.loads(out)["unchanged"]) == (0, 3)
