"""httpx, imported without its command-line client.

`import httpx` imports `httpx._main`, its `httpx` command, whenever click, rich and pygments are
installed (Textual brings rich and pygments): a quarter of `reader feed add`'s CPU time, for a
command reader never runs. An empty module stands in for it while httpx is imported (httpx then
defines the stub `main` it has for a missing CLI) and is taken out again, so that importing
`httpx._main` later gets the real one.
"""

from __future__ import annotations

import sys
import types

if "httpx" not in sys.modules:
    _stand_in = types.ModuleType("httpx._main")
    sys.modules.setdefault("httpx._main", _stand_in)
    try:
        import httpx
    finally:
        if sys.modules.get("httpx._main") is _stand_in:
            del sys.modules["httpx._main"]
import httpx as httpx  # noqa: E402 (the one imported above; re-exported)
