"""Names a package exports on first use resolve to the real objects; unknown names fail as usual."""

import pytest

import reader.index
import reader.library
from reader.fetch.store import FetchBusy
from reader.index.state import IndexBusy
from reader.lazy_exports import lazy_exports


def test_packages_resolve_their_lazy_exports():
    assert reader.index.IndexBusy is IndexBusy
    assert reader.library.IndexBusy is IndexBusy
    assert reader.library.FetchBusy is FetchBusy


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="reader.index.*Nope"):
        reader.index.Nope  # noqa: B018
    assert not hasattr(reader.library, "Nope")


def test_lazy_exports_imports_only_what_is_asked():
    getattr_ = lazy_exports("pkg", {"dumps": "json", "missing": "no_such_module_here"})
    import json

    assert getattr_("dumps") is json.dumps
    with pytest.raises(ModuleNotFoundError):
        getattr_("missing")
    with pytest.raises(AttributeError, match="pkg"):
        getattr_("other")
