"""Why a file that could not be read was skipped, in words the user can act on: each kind of
read error (a folder in its place, a broken link, a file gone, a failing disk, a name the file
system cannot take...) said as what it is, by load_file, `reader index` (and --json) and the
app alike. They said a bare "cannot read: <the system's words>". Made by monkeypatching: CI may
run as root, and no disk fails on request."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from conftest import skipped_notice, write
from reader.corpus import loader
from reader.corpus.loader import load_file

GOOD = "---\ntitle: A story\noutlet: Daily\n---\n\nThe council met on Tuesday to vote on the budget.\n"

KINDS = [
    (IsADirectoryError(errno.EISDIR, "Is a directory"), "it is a folder now, not a file"),
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "file vanished: deleted, renamed"),
    (OSError(errno.EIO, "Input/output error"), "input/output error: the disk or network drive failed"),
    (OSError(errno.EFBIG, "File too large"), "file too large for this system to read"),
    (OSError(errno.ENAMETOOLONG, "File name too long"), "its name or path is too long for this system"),
    (OSError(errno.ESTALE, "Stale file handle"), "stale network file handle"),
    (OSError(errno.ETIMEDOUT, "Connection timed out"), "the network drive did not answer in time"),
    (OSError(errno.EXDEV, "Invalid cross-device link"), "invalid cross-device link (EXDEV)"),
    (UnicodeEncodeError("utf-8", "\ud800.md", 0, 1, "surrogates not allowed"), "its name cannot be written"),
]


def _failing_open(monkeypatch, victim: Path, error: BaseException) -> None:
    real_open = loader.open_regular

    def open_regular(path):
        if Path(path) == victim:
            raise error
        return real_open(path)

    monkeypatch.setattr(loader, "open_regular", open_regular)


@pytest.mark.parametrize(
    ("error", "said"), KINDS, ids=[type(e).__name__ + str(getattr(e, "errno", "")) for e, _ in KINDS]
)
def test_each_read_error_is_said_as_what_it_is(tmp_path, monkeypatch, error, said):
    path = write(tmp_path / "story.md", GOOD)
    _failing_open(monkeypatch, path, error)
    result = load_file(path, tmp_path)
    (skipped,) = result.skipped
    assert said in skipped.reason
    assert not skipped.reason.startswith("cannot read: ")


def test_a_link_broken_after_the_scan_is_said_broken_with_its_target(tmp_path):
    (tmp_path / "story.md").symlink_to("gone.md")
    result = load_file(tmp_path / "story.md", tmp_path)
    assert [s.reason for s in result.skipped] == ["broken symbolic link (its target 'gone.md' does not exist)"]


def test_a_permission_error_is_said_as_before(tmp_path, monkeypatch):
    path = write(tmp_path / "story.md", GOOD)
    _failing_open(monkeypatch, path, PermissionError(errno.EACCES, "Permission denied"))
    assert [s.reason for s in load_file(path, tmp_path).skipped] == ["cannot read this file: permission denied"]


def _failing_os_open(monkeypatch, victim: Path, error: OSError) -> None:
    real_open = os.open

    def guarded_open(file, *args, **kwargs):
        if not isinstance(file, int) and Path(os.fsdecode(file)) == victim:
            raise error
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)


def test_reader_index_json_says_an_io_error_with_what_to_do(tmp_path, monkeypatch, reader_in_process):
    corpus = tmp_path / "corpus"
    write(corpus / "good.md", GOOD)
    bad = write(corpus / "bad.md", GOOD.replace("A story", "Another"))
    _failing_os_open(monkeypatch, bad, OSError(errno.EIO, "Input/output error"))
    result = reader_in_process("--corpus", str(corpus), "--index", str(tmp_path / "index"), "index", "--json")
    report = json.loads(result.stdout)
    reasons = {Path(item["path"]).name: item["reason"] for item in report["skipped"]}
    assert reasons == {
        "bad.md": "cannot read this file: input/output error: the disk or network drive failed to read it"
        " (check the drive, or copy the file)"
    }
    plain = reader_in_process("--corpus", str(corpus), "--index", str(tmp_path / "index2"), "index", "--verbose")
    assert "bad.md" in plain.stdout + plain.stderr
    assert "input/output error: the disk or network drive failed" in plain.stdout + plain.stderr


async def test_the_app_names_a_file_it_could_not_read_with_the_reason(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    write(corpus / "good.md", GOOD)
    bad = write(corpus / "bad.md", GOOD.replace("A story", "Another"))
    _failing_os_open(monkeypatch, bad, OSError(errno.ESTALE, "Stale file handle"))
    notice = await skipped_notice(corpus, tmp_path / "index", (120, 30))
    assert "bad.md: cannot read this file: stale network file handle" in notice


def test_a_socket_named_on_purpose_is_said_a_socket_not_a_drive_gone(tmp_path):
    """Opening a socket fails with ENXIO, which a removed drive gives too: it said "its device is
    gone (a drive removed?)"; it is said as the scan says it."""
    import socket

    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        (skipped,) = load_file(path, tmp_path).skipped
    assert skipped.reason == "a socket, not a regular file (not read)"
