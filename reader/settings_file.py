"""Change one top-level setting of the user's config.yaml, keeping everything else as written.

Comments, order and the other keys stay untouched: only the line `key: ...` is replaced (or
appended). The file is replaced atomically, so a crash never leaves half a config.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

HEADER = "# reader's settings (see the README's Configuration section)\n"


def set_value(path: Path, key: str, value: str | int | bool) -> None:
    """Set `key: value` at the top level of the YAML file at `path` (created when missing)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    line = yaml.safe_dump({key: value}, default_flow_style=False, allow_unicode=True).strip()
    pattern = re.compile(rf"^{re.escape(key)}\s*:.*$", re.M)
    if pattern.search(text):
        # A block value on the following indented lines would be left dangling: drop it too.
        text = re.sub(
            rf"^{re.escape(key)}\s*:.*\n?(?:[ \t]+.*\n?|\s*\n)*?(?=^\S|\Z)", line + "\n", text, count=1, flags=re.M
        )
    else:
        if text and not text.endswith("\n"):
            text += "\n"
        text += line + "\n"
    yaml.safe_load(text)  # never write a file that would not load
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".config-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
