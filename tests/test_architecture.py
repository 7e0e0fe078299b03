"""The core stays usable without the UI: importing it must not pull in Textual or Rich."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Everything but the two front ends (and the modules that start them) is core. The import
# contracts in pyproject.toml (lint-imports, run by .ci/run) check every import statically; this
# test checks what importing the modules really loads.
FRONT_ENDS = ("reader.tui", "reader.commands", "reader.cli", "reader.console", "reader.__main__")


def core_modules() -> list[str]:
    names = []
    for path in sorted((ROOT / "reader").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if not any(name == front or name.startswith(front + ".") for front in FRONT_ENDS):
            names.append(name)
    return names


def test_every_core_module_is_checked():
    names = core_modules()
    for expected in (
        "reader.corpus.loader",
        "reader.index.search",
        "reader.analysis.figures",
        "reader.analysis.names",
        "reader.analysis.textstats",
        "reader.analysis.quote_speakers",
        "reader.library",
        "reader.fetch.run",
    ):
        assert expected in names
    assert not [name for name in names if name.startswith(FRONT_ENDS)]


def test_core_imports_no_ui_library():
    code = (
        "import sys\n"
        # httpx loads its own command-line tool (Rich, Click) when Click is installed (the test
        # extras bring it): not ours. A None entry makes that one import fail, as without Click.
        "sys.modules['httpx._main'] = None\n"
        + "".join(f"import {name}\n" for name in core_modules())
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"core imported UI modules: {result.stdout.strip()}"


def test_cli_help_imports_no_ui_library():
    """`reader --help` and the plain commands start fast: the TUI is imported only when launched."""
    code = (
        "import sys\n"
        "from reader.cli import build_parser\n"
        "build_parser()\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
