"""config.yaml, outlets.yaml and feeds.yaml read as the corpus reads its files: a FIFO there
blocked the command for good, /dev/zero or a huge file ate memory. Each is said, naming the file,
and not read; the rest works. Each read runs in a thread with a deadline: a blocked read fails
the test rather than hanging it."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from reader import config
from reader.plain_file import MAX_SETTINGS_BYTES, NotReadFile, read_settings_bytes

DEADLINE = 20.0  # seconds: a read that blocks never ends, one that works takes milliseconds


def within_deadline(call):
    """call()'s result, or its exception raised; a call still running at the deadline fails."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(DEADLINE)
    assert not thread.is_alive(), "the read blocked"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def huge(path: Path) -> Path:
    """A sparse file over the cap: no disk used, and read whole it was 8 MiB and more in memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.truncate(MAX_SETTINGS_BYTES + 1)
    return path


def test_read_settings_bytes_names_what_it_does_not_read(tmp_path):
    with pytest.raises(NotReadFile) as raised:
        within_deadline(lambda: read_settings_bytes(fifo(tmp_path / "a.yaml")))
    assert str(raised.value) == f"{tmp_path / 'a.yaml'}: a FIFO (named pipe), not a regular file; not read"
    with pytest.raises(NotReadFile, match=r"/dev/zero: a character device, not a regular file; not read"):
        within_deadline(lambda: read_settings_bytes("/dev/zero"))
    with pytest.raises(NotReadFile, match=r"b.yaml: 8,388,609 bytes, more than the 8 MiB a settings file may be"):
        read_settings_bytes(huge(tmp_path / "b.yaml"))
    (tmp_path / "c.yaml").write_bytes(b"x: 1\n")
    assert read_settings_bytes(tmp_path / "c.yaml") == b"x: 1\n"


@pytest.mark.parametrize("make", [fifo, huge], ids=["fifo", "huge"])
def test_config_yaml_that_is_no_settings_file_is_said_naming_it(isolated_dirs, make):
    path = make(config.config_path())
    with pytest.raises(config.ConfigError) as raised:
        within_deadline(config.load_user_config)
    assert str(raised.value).startswith(f"{path}: ") and str(raised.value).endswith("; not read")
    assert within_deadline(lambda: config.config_key_place("theme")) == f"{path}: theme"


@pytest.mark.parametrize("make", [fifo, huge], ids=["fifo", "huge"])
def test_outlets_yaml_that_is_no_settings_file_is_said_and_the_shipped_rules_used(isolated_dirs, make):
    from reader.corpus.outlets import load_registry

    path = make(config.config_dir() / "outlets.yaml")
    assert within_deadline(config.user_outlets_stamp) is None
    registry = within_deadline(load_registry)
    (problem,) = registry.problems
    assert problem.startswith(f"{path}: ") and problem.endswith("; not read; using the shipped outlet rules")
    assert registry.outlets == load_registry(use_user_file=False).outlets  # the rest works
    if make is fifo:
        assert "a FIFO (named pipe), not a regular file" in problem


def test_feeds_yaml_that_is_huge_is_said_naming_it_and_nothing_else_breaks(isolated_dirs, reader_cli):
    from reader.fetch import feeds_path

    path = huge(feeds_path())
    listed = reader_cli("feed", "list", check=False)
    assert listed.returncode == 2
    assert f"{path}: 8,388,609 bytes, more than the 8 MiB a settings file may be; not read; move it away" in (
        listed.stderr
    )
    assert reader_cli("list").stdout  # the corpus still reads


def test_feeds_yaml_that_is_a_fifo_is_said_without_blocking(isolated_dirs, reader_cli):
    from reader.fetch import feeds_path

    path = fifo(feeds_path())
    listed = reader_cli("feed", "list", check=False)
    assert listed.returncode == 2
    assert f"{path}: a FIFO (named pipe), not a regular file; not read; move it away" in listed.stderr


def test_a_theme_chosen_over_a_fifo_config_yaml_is_said_and_the_fifo_stays(tmp_path):
    # The setting's writer read a FIFO as "no file yet" and replaced it with a new config.yaml.
    from reader.settings_file import set_value

    path = fifo(tmp_path / "config.yaml")
    with pytest.raises(NotReadFile, match="FIFO"):
        within_deadline(lambda: set_value(path, "theme", "nord"))
    assert path.is_fifo()
