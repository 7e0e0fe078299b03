"""A real wheel, installed into a fresh venv, runs on its bundled seeds (no source tree, no network).

The wheel is built offline from a copy of the project (pip wheel --no-build-isolation, with the
setuptools and wheel of the test extras) and installed with --no-index --no-deps into a venv that
borrows this environment's dependencies through a .pth file — but not this checkout's `reader`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import FOX, MT

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "reader", "seeds"]


def run(argv, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(argv, capture_output=True, text=True, timeout=300, **kwargs)
    assert result.returncode == 0, f"{argv}: {result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin folder of a fresh venv with reader installed from a freshly built wheel."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in PROJECT_FILES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=ignore)
        else:
            shutil.copy2(path, source / name)
    dist = base / "dist"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(dist),
            str(source),
        ]
    )
    [wheel] = dist.glob("reader-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {
        f"reader/seeds/{FOX}.txt",
        f"reader/seeds/{MT}.txt",
        "reader/seeds/corpus.yaml",
        "reader/config.example.yaml",
        "reader/analysis/data/minilm_l6_int8.onnx",
        "reader/analysis/data/token_vectors.npy",
        "reader/analysis/data/LICENSE-Apache-2.0.txt",
        "reader-0.1.0.dist-info/licenses/LICENSE",
        "reader-0.1.0.dist-info/licenses/reader/analysis/data/LICENSE-Apache-2.0.txt",
    } <= names
    # Only the package and its metadata: no tests, benchmarks, caches or compiled files.
    assert all(name.startswith(("reader/", "reader-0.1.0.dist-info/")) for name in names), sorted(names)
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]

    venv = base / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    # This environment's dependencies, appended after the venv's own site-packages. Paths listed
    # in a .pth are not scanned for .pth files, so this checkout's editable install stays out.
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "borrowed_dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-index",
            "--no-deps",
            "--disable-pip-version-check",
            "-q",
            str(wheel),
        ]
    )
    return venv / "bin"


def clean_env(tmp_path: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["READER_CONFIG_DIR"] = str(tmp_path / "config")
    env["READER_CACHE_DIR"] = str(tmp_path / "cache")
    return env


@pytest.mark.slow
def test_the_installed_wheel_runs_on_its_packaged_seeds(installed, tmp_path):
    env = clean_env(tmp_path)
    where = run(
        [str(installed / "python"), "-c", "import reader.config as c; print(c.__file__); print(c.BUNDLED_CORPUS)"],
        env=env,
        cwd=tmp_path,
    ).stdout.split("\n")
    venv = installed.parent.resolve()
    assert Path(where[0]).resolve().is_relative_to(venv), where  # not this checkout
    assert Path(where[1]).resolve().is_relative_to(venv) and Path(where[1]).name == "seeds"

    listing = run([str(installed / "reader"), "list"], env=env, cwd=tmp_path)
    assert "Fox News" in listing.stdout and "The Moscow Times" in listing.stdout
    assert "not found" not in listing.stderr
    ids = {
        a["id"] for a in json.loads(run([str(installed / "reader"), "list", "--json"], env=env, cwd=tmp_path).stdout)
    }
    assert ids == {FOX, MT}
    shown = json.loads(run([str(installed / "reader"), "show", FOX, "--json"], env=env, cwd=tmp_path).stdout)
    assert shown[0]["text"].startswith("President Donald Trump")
    # The comparison's data files (package data) came along: compare works from the wheel.
    compared = json.loads(run([str(installed / "reader"), "compare", FOX, MT, "--json"], env=env, cwd=tmp_path).stdout)
    assert compared["pairs"] and compared["left"]["id"] == FOX
    example = run([str(installed / "reader"), "config", "--example"], env=env, cwd=tmp_path).stdout
    assert "# theme:" in example
    # The index went to the cache dir, never into the installed package.
    assert not any(p.name.startswith("whoosh") for p in Path(where[1]).rglob("*"))
    assert any((tmp_path / "cache").rglob("*"))
