"""What an ordinary (non-editable) install carries: every data file the package reads is declared
as package data in pyproject.toml, the licences of what ships are declared and present, and every
module compiles on each Python the package claims (requires-python).

tests/test_wheel_install.py proves the same on a real wheel, slowly; these run with the core tests.
"""

from __future__ import annotations

import ast
import glob
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reader"


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def data_files_on_disk() -> set[str]:
    """The package's files that are not Python source, relative to reader/ (caches and hidden files aside)."""
    found = set()
    for path in PACKAGE.rglob("*"):
        relative = path.relative_to(PACKAGE)
        if not path.is_file() or path.suffix in {".py", ".pyc"}:
            continue
        if any(part == "__pycache__" or part.startswith(".") for part in relative.parts):
            continue
        found.add(relative.as_posix())
    return found


def declared_package_data() -> set[str]:
    """The files that setuptools' package-data globs for `reader` select (it globs them the same way)."""
    patterns = pyproject()["tool"]["setuptools"]["package-data"]["reader"]
    declared = set()
    for pattern in patterns:
        declared.update(glob.glob(pattern, root_dir=PACKAGE, recursive=True))
    return {Path(name).as_posix() for name in declared}


def test_every_data_file_of_the_package_is_declared_as_package_data():
    # A data file left out of the globs is missing from every wheel and `pip install .`, while an
    # editable install and the tests, which read the source tree, never notice.
    on_disk = data_files_on_disk()
    assert {"analysis/data/minilm_l6_int8.onnx", "analysis/data/link_model.json", "tui/app.tcss"} <= on_disk
    assert on_disk - declared_package_data() == set()


def test_the_licences_of_what_ships_are_declared_and_present():
    project = pyproject()["project"]
    # The code's licence and the one of the model files derived from Apache-2.0 weights.
    assert project["license"] == "MIT AND Apache-2.0"
    files = project["license-files"]
    assert all((ROOT / name).is_file() for name in files), files
    texts = {name: (ROOT / name).read_text(encoding="utf-8") for name in files}
    assert any(text.startswith("MIT License") for text in texts.values())
    apache = [name for name, text in texts.items() if "Apache License" in text and "Version 2.0, January 2004" in text]
    # Beside the model files it covers, as package data: an installed copy carries it there too.
    assert apache and Path(apache[0]).parent == Path("reader/analysis/data")
    assert Path(apache[0]).relative_to("reader").as_posix() in declared_package_data()
    assert apache[0].rsplit("/", 1)[-1] in (PACKAGE / "analysis" / "data" / "README.md").read_text(encoding="utf-8")


def docstrings(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            text = ast.get_docstring(node, clean=False)
            if text is not None:
                yield node, text


def test_no_docstring_holds_a_lone_surrogate():
    # Python 3.13 strips docstrings' indentation at compile time, through UTF-8: a lone surrogate
    # there (an escape such as \udcff written unescaped) fails the module's import on 3.13 alone,
    # while 3.11, which runs the tests here, compiles it.
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node, text in docstrings(ast.parse(path.read_text(encoding="utf-8"))):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                bad.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 1)}")
    assert bad == []
