"""The core stays usable without the UI: importing it must not pull in Textual or Rich."""

import subprocess
import sys

CORE_MODULES = [
    "reader.corpus",
    "reader.index",
    "reader.analysis.sentences",
    "reader.analysis.quotes",
    "reader.analysis.stories",
    "reader.analysis.compare",
    "reader.analysis.report",
    "reader.analysis.compare_layout",
    "reader.analysis.versions",
    "reader.export_path",
    "reader.library",
    "reader.config",
    "reader.state",
    "reader.fetch",
    "reader.listing",
    "reader.settings_file",
]


def test_core_imports_no_ui_library():
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE_MODULES)
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
