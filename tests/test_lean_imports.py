"""reader.index imports Whoosh without urllib.request and asyncio (index/lean_imports.py), what
Whoosh uses them for still works, and its download helper refuses."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_whoosh_loads_without_urllib_request_and_asyncio(tmp_path):
    source = tmp_path / "source.txt"
    source.write_text("copied", encoding="utf-8")
    target = tmp_path / "copy.txt"
    got = _run(
        f"""
        import json, sys
        import reader.index.store, reader.index.search
        from reader.index import core
        import whoosh.compat, whoosh.reading
        before = {{name: name in sys.modules for name in ("urllib.request", "asyncio", "http.client", "ssl")}}
        from cached_property import cached_property

        class Thing:
            runs = 0

            @cached_property
            def value(self):
                Thing.runs += 1
                return 42

        thing = Thing()
        cached = [thing.value, thing.value, Thing.runs]
        still_out = "asyncio" in sys.modules
        # What whoosh.compat imported urllib.request for: a download, which reader never makes.
        try:
            whoosh.compat.urlretrieve({source.as_uri()!r}, {str(target)!r})
            refused = ""
        except RuntimeError as exc:
            refused = str(exc)
        import urllib.request
        print(json.dumps({{
            "before": before,
            "cached": cached,
            "asyncio_after_cached_property": still_out,
            "refused": refused,
            "real": urllib.request.urlopen.__module__,
            "attribute": sys.modules["urllib"].request is urllib.request,
        }}))
        """
    )
    assert got["before"] == {"urllib.request": False, "asyncio": False, "http.client": False, "ssl": False}
    assert got["cached"] == [42, 42, 1]
    assert got["asyncio_after_cached_property"] is False
    assert "does not download" in got["refused"] and not target.exists()
    assert got["real"] == "urllib.request" and got["attribute"] is True


def test_coroutine_methods_and_an_asyncio_imported_first_are_the_real_ones():
    got = _run(
        """
        import json, sys
        import reader.index.store
        import cached_property as module
        standin = type(module.asyncio).__name__

        async def coroutine():
            return 1

        def plain():
            return 1

        answers = [module.asyncio.iscoroutinefunction(coroutine), module.asyncio.iscoroutinefunction(plain)]
        print(json.dumps({"standin": standin, "answers": answers}))
        """
    )
    assert got == {"standin": "_Standin", "answers": [True, False]}
    first = _run(
        """
        import asyncio, json
        import reader.index.store
        import cached_property as module
        print(json.dumps({"same": module.asyncio is asyncio}))
        """
    )
    assert first == {"same": True}


def test_a_standin_asked_for_more_while_its_importer_runs_imports_the_real_module():
    got = _run(
        """
        import json, sys
        from reader.index import lean_imports

        standin = lean_imports._standin("urllib.request")
        sys.modules["urllib.request"] = standin  # as while whoosh.compat executes
        opener = standin.build_opener  # not a name the stand-in defines
        real = sys.modules["urllib.request"]
        print(json.dumps({"real": real is not standin, "same": opener is real.build_opener}))
        """
    )
    assert got == {"real": True, "same": True}


def test_whoosh_loads_without_the_english_morphology_until_a_variations_query_asks():
    got = _run(
        """
        import json, sys
        import reader.index.store, reader.index.search
        import whoosh.query.terms
        before = "whoosh.lang.morph_en" in sys.modules
        found = sorted(whoosh.query.terms.variations("rendered"))
        import whoosh.lang.morph_en
        print(json.dumps({
            "before": before,
            "found": found,
            "real": sorted(whoosh.lang.morph_en.variations("rendered")),
            "module": type(sys.modules["whoosh.lang.morph_en"]).__name__,
        }))
        """
    )
    assert got["before"] is False
    assert got["found"] == got["real"] and "render" in got["found"]
    assert got["module"] == "module"
