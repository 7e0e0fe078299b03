"""Every message about a broken feeds.yaml names the file by its path, the line when it can be
told, and what to do: "feeds.yaml: feed 3" alone left one looking for the file (READER_CONFIG_DIR,
a dotfiles link) and guessing the fix."""

from __future__ import annotations

import os

import pytest

from reader.fetch.subscriptions import FeedsFileError, load_subscriptions

# (text of feeds.yaml, the line named, words that say what to do)
BROKEN = {
    "bad YAML": ("feeds:\n  - url: https://a.example/rss\n    outlet: [unclosed\n", 3, "fix it there"),
    "a list at the top": ("# mine\n- https://a.example/rss\n", 2, "under a 'feeds:' line"),
    "feeds not a list": ("settings: {}\nfeeds: https://a.example/rss\n", 2, "one '- url: https://…' line each"),
}

# (text, the line named, words that say what to do, what was used instead)
SKIPPED = {
    "a number as an entry": ("feeds:\n  - https://a.example/rss\n  - 7\n", 3, "expected '- url: https://…'"),
    "no url": ("feeds:\n  - outlet: Example\n", 2, "has no 'url: https://…'"),
    "not http": ("feeds:\n  - url: ftp://a.example/rss\n", 2, "such as https://example.com/feed.xml"),
    "an unclosed [": ("feeds:\n  - url: http://[::1/rss\n", 2, "not a valid URL"),
    "duplicate URLs": (
        "feeds:\n  - url: https://a.example/rss\n\n  - url: https://A.example/rss\n",
        4,
        "feed 1 (line 2): remove one of the two",
    ),
    "a typo in a key": ("feeds:\n  - url: https://a.example/rss\n    titel: Mine\n", 2, "did you mean 'title'?"),
    "an unknown key": ("feeds:\n  - url: https://a.example/rss\n    colour: red\n", 2, "an entry takes articles"),
    "a wrong every": ("feeds:\n  - url: https://a.example/rss\n    every: soon\n", 2, "must look like 30m"),
    "a wrong articles": ("feeds:\n  - url: https://a.example/rss\n    articles: maybe\n", 2, "true or false"),
    "settings not a mapping": ("feeds: []\nsettings: 5\n", 2, "one 'name: value' line each"),
    "a setting of the wrong type": ("settings:\n  retries: many\n", 2, "must be a whole number, 0 or more"),
    "a typo in a setting": ("settings:\n  retries: 1\n  retrys: 3\n", 3, "did you mean 'retries'?"),
    "an unknown setting": ("settings:\n  colour: 3\n", 2, "the settings are connect_timeout"),
    "an unknown top-level key": ("feeds: []\nfeed:\n  - https://a.example/rss\n", 2, "did you mean 'feeds'?"),
    # YAML keeps the last of two without a word: the first's edit did nothing.
    "settings twice": (
        "feeds: []\nsettings:\n  host_delay: 2\nsettings:\n  workers: 3\n",
        2,
        "'settings' is set again on line 4, which is in effect",
    ),
    "a key of an entry twice": (
        "feeds:\n  - url: https://a.example/rss\n    outlet: A\n    outlet: B\n",
        3,
        "feeds: 'outlet' is set again on line 4, which is in effect",
    ),
    "a setting twice": ("settings:\n  retries: 1\n  retries: 3\n", 2, "settings: 'retries' is set again on line 3"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_file_that_cannot_be_used_is_named_with_its_line_and_what_to_do(tmp_path, case):
    text, line, advice = BROKEN[case]
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FeedsFileError) as raised:
        load_subscriptions(path)
    message = str(raised.value)
    assert raised.value.broken
    assert message.startswith(f"{path}: ") and f"line {line}" in message and advice in message, message


@pytest.mark.parametrize("case", SKIPPED)
def test_each_problem_of_an_entry_or_a_setting_is_named_with_its_line_and_what_to_do(tmp_path, case):
    text, line, advice = SKIPPED[case]
    path = tmp_path / "feeds.yaml"
    path.write_text(text, encoding="utf-8")
    problems = load_subscriptions(path).problems
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}: line {line}: ") and advice in problems[0], problems[0]


def test_an_invalid_url_is_skipped_not_listed_and_fetched_to_a_traceback_like_error(tmp_path):
    """`http://[::1/rss` passed as a URL: `feed list` showed it and each fetch failed with
    "ValueError: Invalid IPv6 URL"."""
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds:\n  - url: http://[::1/rss\n  - url: https://a.example/rss\n", encoding="utf-8")
    assert [feed.url for feed in load_subscriptions(path).feeds] == ["https://a.example/rss"]


def test_a_folder_unreadable_file_or_pipe_in_place_of_the_file_says_what_to_do(tmp_path, monkeypatch):
    folder = tmp_path / "folder" / "feeds.yaml"
    folder.mkdir(parents=True)
    with pytest.raises(FeedsFileError, match="is a folder, not a file; .*move the folder away") as raised:
        load_subscriptions(folder)
    assert str(raised.value).startswith(str(folder)) and raised.value.broken

    pipe = tmp_path / "feeds.yaml"
    os.mkfifo(pipe)  # read as "no subscriptions", and `feed add` replaced it
    with pytest.raises(FeedsFileError) as raised:
        load_subscriptions(pipe)
    assert str(raised.value) == f"{pipe}: a FIFO (named pipe), not a regular file; not read; move it away"
    pipe.unlink()

    # Tests may run as root, whom chmod does not stop: the error the system gives is made here.
    pipe.write_text("feeds: []\n", encoding="utf-8")

    def denied(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("reader.fetch.subscriptions.read_settings_text", denied)
    with pytest.raises(FeedsFileError) as raised:
        load_subscriptions(pipe)
    assert (
        str(raised.value)
        == f"cannot read {pipe}: permission denied; let your user read and write it (chmod u+rw {pipe})"
    )


def test_feeds_yaml_that_cannot_be_written_names_it_says_why_and_that_nothing_changed(
    capsys, isolated_dirs, monkeypatch
):
    """`feed add` in a read-only config folder said "cannot write feeds.yaml: [Errno 13]
    Permission denied: '…/feeds.yaml.tmp-…'": a temporary file, and no word of what happened."""
    from conftest import run_main
    from reader.fetch import store

    path = isolated_dirs["config"] / "feeds.yaml"
    path.write_text("feeds:\n  - https://a.example/rss\n", encoding="utf-8")

    def denied(target, data, *args, **kwargs):
        raise PermissionError(13, "Permission denied", f"{target}.tmp-1")

    monkeypatch.setattr(store, "write_atomically", denied)
    monkeypatch.setattr("reader.safe_write.os.access", lambda place, mode: mode != os.W_OK)
    for argv, outcome in (
        (["feed", "add", "--no-check", "https://b.example/rss"], "nothing was added"),
        (["feed", "remove", "https://a.example/rss"], "nothing was removed"),
    ):
        code, out, err = run_main(capsys, *argv)
        assert code == 1 and out == ""
        assert err == f"reader: cannot write {path}: the file is not writable; {outcome}\n", argv
    assert path.read_text(encoding="utf-8") == "feeds:\n  - https://a.example/rss\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["feed", "add", "--no-check", "https://b.example/rss"],
        ["feed", "remove", "https://a.example/rss"],
    ],
)
def test_editing_feeds_yaml_that_sets_a_key_twice_names_both_lines_and_changes_nothing(capsys, isolated_dirs, argv):
    """The editor (ruamel) refuses a key set twice: `feed remove` crashed with its traceback and
    `feed add` said "cannot edit …: while constructing a mapping"."""
    from conftest import run_main

    path = isolated_dirs["config"] / "feeds.yaml"
    text = "feeds:\n  - url: https://a.example/rss\nsettings:\n  workers: 2\nsettings:\n  workers: 3\n"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_main(capsys, *argv)
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.endswith(
        f"reader: {path}: line 3: 'settings' is set again on line 5, which is in effect; "
        "remove one of the two, then try again (nothing was changed)\n"
    ), err
    assert path.read_text(encoding="utf-8") == text
