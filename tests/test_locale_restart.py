"""reader started again in Python's UTF-8 mode in a locale that is not UTF-8 (reader.console):
ids the same in every locale, output in the locale's encoding, the interpreter's flags kept,
never a second restart."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest import cli_env  # noqa: E402
from test_index_helpers import make_corpus, write_article  # noqa: E402

from reader import console  # noqa: E402

LATIN1 = "en_US.ISO-8859-1"


@pytest.fixture(scope="module")
def latin1_locale(tmp_path_factory) -> dict:
    """The environment of a Latin-1 locale, compiled with localedef into a folder of its own
    (LOCPATH): few systems have one installed."""
    localedef = shutil.which("localedef")
    if localedef is None:
        pytest.skip("no localedef to make a Latin-1 locale")
    folder = tmp_path_factory.mktemp("locales")
    done = subprocess.run(
        [localedef, "-i", "en_US", "-f", "ISO-8859-1", str(folder / LATIN1)], capture_output=True, timeout=120
    )
    if not (folder / LATIN1).exists():
        pytest.skip(f"localedef could not make {LATIN1}: {done.stderr[-200:]!r}")
    env = {"LOCPATH": str(folder), "LC_ALL": LATIN1, "LANG": LATIN1}
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.getfilesystemencoding())"],
        capture_output=True,
        text=True,
        env={**os.environ, **env, "PYTHONUTF8": "0"},
        timeout=60,
    )
    if probe.stdout.strip() != "iso8859-1":
        pytest.skip(f"the locale made is not read as Latin-1 here: {probe.stdout!r}")
    return env


def _corpus_with_a_cafe(tmp_path: Path) -> Path:
    corpus = make_corpus(tmp_path / "corpus")
    write_article(corpus, "café", "Café reopens", "Riverside Gazette", "2025-10-01", "The café reopened on Monday.")
    return corpus


def test_ids_are_the_same_in_a_latin1_locale_as_in_a_utf8_one(tmp_path, latin1_locale):
    """Under LANG=en_US.ISO-8859-1 Python read `café.md` (UTF-8 bytes on disk) as `cafÃ©.md`: a
    `reader index` there removed the article `café` a UTF-8 locale had indexed and added `cafÃ©`,
    and a script's ids changed with the locale. It is `café` in both now, written in Latin-1."""
    corpus = _corpus_with_a_cafe(tmp_path)
    base = [sys.executable, "-m", "reader", "--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    utf8 = subprocess.run(
        [*base, "index", "--json", "--no-prepare"],
        capture_output=True,
        env=cli_env(LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8"),
        timeout=120,
    )
    assert utf8.returncode == 0, utf8.stderr
    env = cli_env(**latin1_locale, PYTHONUTF8="0")
    env.pop("PYTHONIOENCODING", None)

    def run(*argv: str | bytes):
        return subprocess.run([*base, *argv], capture_output=True, env=env, timeout=120)

    again = run("index", "--json", "--no-prepare")
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert (report["removed"], report["indexed"], report["skipped"]) == (0, 0, []), report
    listed = run("list", "--json")
    assert "café" in [article["id"] for article in json.loads(listed.stdout)]
    # Typed in a Latin-1 terminal, `café` is the byte 0xe9; shown, it is that byte again.
    shown = run("show", "caf\xe9".encode("latin-1"))
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("Caf\xe9 reopens\n".encode("latin-1")), shown.stdout[:40]


def test_the_restart_keeps_the_interpreters_flags_and_the_locales_output(tmp_path, latin1_locale):
    """`python -I -m reader` (or -E) in a Latin-1 locale: started again with -X utf8, its output was
    UTF-8 (PYTHONIOENCODING, which carried the locale's encoding over, is what -I ignores), and
    a Latin-1 terminal showed `Caf\xc3\xa9`. -I is kept (no PYTHONPATH read) and the output is Latin-1."""
    where = subprocess.run(
        [sys.executable, "-I", "-c", "import reader; print(reader.__file__)"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if where.returncode != 0 or Path(where.stdout.strip()).parent != Path(console.__file__).parent:
        pytest.skip("this checkout is not installed in the interpreter: -I would not find it")
    corpus = _corpus_with_a_cafe(tmp_path)
    # A `reader` that PYTHONPATH would find first: were the flag lost on the restart, it would run.
    impostor = tmp_path / "impostor" / "reader"
    impostor.mkdir(parents=True)
    (impostor / "__init__.py").write_text("", encoding="utf-8")
    (impostor / "__main__.py").write_text("print('impostor')", encoding="utf-8")
    env = {**os.environ, **latin1_locale, "PYTHONPATH": str(impostor.parent)}
    env.pop("PYTHONIOENCODING", None)
    argv = ["-m", "reader", "--corpus", str(corpus), "--index", str(tmp_path / "ix"), "show", "café", "--json"]
    for flag in ("-I", "-E"):
        done = subprocess.run([sys.executable, flag, *argv], capture_output=True, env=env, cwd=tmp_path, timeout=120)
        assert done.returncode == 0 and b"impostor" not in done.stdout, done.stderr
        assert json.loads(done.stdout)[0]["id"] == "café"
        plain = subprocess.run(
            [sys.executable, flag, *argv[:-1]], capture_output=True, env=env, cwd=tmp_path, timeout=120
        )
        assert plain.stdout.startswith("Caf\xe9 reopens\n".encode("latin-1")), plain.stdout[:40]


@pytest.fixture
def ascii_start(monkeypatch):
    """This process as reader's first start sees it under LC_ALL=C with PYTHONUTF8=0; execve recorded."""
    calls: list[tuple] = []
    monkeypatch.setattr(os, "name", "posix")
    flags = {name: getattr(sys.flags, name) for name in dir(sys.flags) if not name.startswith(("_", "n_"))}
    monkeypatch.setattr(sys, "flags", SimpleNamespace(**{**flags, "utf8_mode": 0}))
    monkeypatch.setattr(sys, "getfilesystemencoding", lambda: "ascii")
    monkeypatch.setattr(sys, "orig_argv", ["/usr/bin/python3", "-E", "-m", "reader", "list"])
    monkeypatch.setattr(os, "execve", lambda *args: calls.append(args))
    monkeypatch.delenv(console.RESTARTED, raising=False)
    return calls


def test_the_first_start_in_an_ascii_locale_restarts_with_its_flags(ascii_start):
    console._restart_reading_file_names_as_utf8()
    ((executable, argv, environ),) = ascii_start
    assert argv == [sys.executable, "-X", "utf8", "-E", "-m", "reader", "list"]
    assert json.loads(environ[console.RESTARTED])["streams"]["stdout"][0] == sys.stdout.encoding


def test_the_second_start_never_restarts_whatever_it_finds(ascii_start, monkeypatch):
    """An interpreter that does not take `-X utf8` to heart (an embedding, a wrapper) started
    itself again and again, the arguments growing by `-X utf8` each time."""
    monkeypatch.setenv(console.RESTARTED, json.dumps({"streams": {}}))
    console._restart_reading_file_names_as_utf8()
    assert ascii_start == []
    assert console.RESTARTED not in os.environ  # not handed on to what reader runs


@pytest.mark.parametrize("how", ["frozen", "-X utf8=0", "python -"])
def test_no_restart_where_it_cannot_or_should_not(ascii_start, monkeypatch, how):
    """A frozen program (PyInstaller) takes no -X: `-X utf8` became its first argument, a usage
    error, each start adding one more. `-X utf8=0` is the user saying no. `python - < script.py`
    started again read an empty standard input, and did nothing."""
    if how == "frozen":
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    elif how == "python -":  # the script came on standard input, read by now
        monkeypatch.setattr(sys, "argv", ["-", "list"])
    else:
        monkeypatch.setattr(sys, "_xoptions", {"utf8": "0"})
    console._restart_reading_file_names_as_utf8()
    assert ascii_start == []
