"""The user's outlets.yaml stamp (config.user_outlets_stamp), asked at every freshness check: the
file is read and hashed only when its identity, size or times changed since the last time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader import config


@pytest.fixture
def reads(monkeypatch):
    """The outlets.yaml files read, in order."""
    from reader import plain_file

    seen: list[str] = []
    real = plain_file.read_settings_bytes

    def counting(path, *args, **kwargs):
        if Path(path).name == "outlets.yaml":
            seen.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(plain_file, "read_settings_bytes", counting)
    return seen


def test_an_unchanged_outlets_yaml_is_not_read_again(reads):
    path = config.config_dir() / "outlets.yaml"
    path.write_text("outlets: []\n", encoding="utf-8")
    first = config.user_outlets_stamp()
    assert config.user_outlets_stamp() == first
    assert config.user_outlets_stamp() == first
    assert reads == [str(path)]


def test_a_changed_outlets_yaml_is_read_again(reads):
    path = config.config_dir() / "outlets.yaml"
    path.write_text("outlets: []\n", encoding="utf-8")
    first = config.user_outlets_stamp()
    stat = os.stat(path)
    path.write_text("outlets: [x]\n", encoding="utf-8")  # another size
    second = config.user_outlets_stamp()
    assert second is not None and first is not None and second[2] != first[2]
    # The same size and time put back (an edit a clock tick could hide): its inode or ctime tells.
    path.write_text("outlets: [y]\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, os.stat(path).st_mtime_ns))
    third = config.user_outlets_stamp()
    assert third is not None and third[2] != second[2]
    assert len(reads) == 3


def test_a_replaced_outlets_yaml_of_the_same_size_and_time_is_read_again(reads, tmp_path):
    """An editor that saves by renaming a new file over the old one gives it a new inode."""
    path = config.config_dir() / "outlets.yaml"
    path.write_text("outlets: [a]\n", encoding="utf-8")
    first = config.user_outlets_stamp()
    stat = os.stat(path)
    new = tmp_path / "new.yaml"
    new.write_text("outlets: [b]\n", encoding="utf-8")
    os.utime(new, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(new, path)
    second = config.user_outlets_stamp()
    assert first is not None and second is not None
    assert (second[0], second[1]) == (first[0], first[1]) and second[2] != first[2]
    assert len(reads) == 2


def test_no_outlets_yaml_has_no_stamp(reads):
    assert config.user_outlets_stamp() is None
    assert reads == []
