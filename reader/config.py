"""Where things live: the bundled corpus, the user's config, per-corpus index folders."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs
import yaml

APP_NAME = "reader"
PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled_corpus() -> Path:
    """The seeds: package data in an installed wheel (setup.py puts them there), else the
    top-level seeds/ folder of a source checkout or editable install."""
    packaged = PACKAGE_DIR / "seeds"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "seeds"


BUNDLED_CORPUS = _bundled_corpus()


def config_dir() -> Path:
    override = os.environ.get("READER_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def cache_dir() -> Path:
    override = os.environ.get("READER_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


def data_dir() -> Path:
    """User state that must survive (read marks, bookmarks, fetched articles): never the cache,
    never a corpus."""
    override = os.environ.get("READER_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def fetched_corpus_dir() -> Path:
    """The managed corpus folder `reader fetch` writes articles into (part of the default corpus)."""
    return data_dir() / "fetched"


def load_user_config() -> dict:
    """The user's config.yaml (corpus, theme, keymap); {} when absent. Bad YAML raises ConfigError."""
    path = config_dir() / "config.yaml"
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


class ConfigError(Exception):
    pass


def default_corpus_roots() -> list[Path]:
    """The corpus from the user's config, else the bundled seeds; plus the fetched articles' folder
    once `reader feed add` or `reader fetch` has created it."""
    configured = load_user_config().get("corpus")
    if configured:
        items = configured if isinstance(configured, list) else [configured]
        roots = [Path(os.path.expanduser(str(item))) for item in items]
    else:
        roots = [BUNDLED_CORPUS]
    fetched = fetched_corpus_dir()
    if fetched.is_dir() and fetched not in roots:
        roots.append(fetched)
    return roots


def default_index_dir(roots: list[Path]) -> Path:
    """One index folder per set of corpus roots, in the user cache dir (never inside the corpus)."""
    key = "\n".join(sorted(str(Path(r).resolve()) for r in roots))
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    name = "-".join(Path(r).resolve().name or "root" for r in roots)[:40]
    return cache_dir() / "indexes" / f"{name}-{digest}"
