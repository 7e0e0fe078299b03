"""Module attributes imported on first use (a module-level __getattr__, PEP 562): a package can
name what it exports without importing the modules that hold them until one is asked for."""

from __future__ import annotations

import importlib
from typing import Any, Callable


def lazy_exports(module: str, where: dict[str, str]) -> Callable[[str], Any]:
    """The __getattr__ of `module`: each name of `where` is imported from the module it maps to."""

    def __getattr__(name: str) -> Any:
        if name in where:
            return getattr(importlib.import_module(where[name]), name)
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
