"""Files renamed or moved inside the corpus, recognised by their contents (no Whoosh import here).

`mv news/fox news/foxnews` gives each of its files a new key and its articles new ids (ids are
paths). The update's scan sees the old keys gone and new ones appear; pairs() matches them by
the content hash the state records for every file, so that
- the articles of a moved file are not read and analysed again when nothing they were made of
  changed (same_inputs: the loader reads the path only for the outlet and the date a folder or
  file name gives, and the file's name for a title): update.py re-keys their stored documents;
- what is kept per article id elsewhere (read marks, stars: reader.state.marks) can follow the
  new ids (IndexReport.renamed).

A match must be one to one: two gone files or two new ones with the same contents (copies) pair
nothing, as nothing can tell which became which.
"""

from __future__ import annotations

import os
from typing import Callable


def pairs(gone: dict[str, dict], new_files: list[tuple], hash_of: Callable[[str], str | None]) -> dict[str, str]:
    """{new file key: gone file key} for the new files (update jobs: (key, path, root, signature,
    hash or None)) whose contents are those of exactly one gone file (a state entry with its
    "hash" and "signature"), and it of no other new file. `hash_of(path)` hashes a new file
    (only those of a size some gone file had)."""
    by_hash: dict[str, list[str]] = {}
    sizes = set()
    for key, entry in gone.items():
        digest, signature = entry.get("hash"), entry.get("signature")
        if isinstance(digest, str) and isinstance(signature, list) and signature and entry.get("ids"):
            by_hash.setdefault(digest, []).append(key)
            sizes.add(signature[0])
    if not by_hash:
        return {}
    found: dict[str, list[str]] = {}
    for key, path, _root, signature, digest in new_files:
        if not signature or signature[0] not in sizes:
            continue
        digest = digest or hash_of(path)
        if digest in by_hash:
            found.setdefault(digest, []).append(key)
    return {
        keys[0]: by_hash[digest][0] for digest, keys in found.items() if len(keys) == 1 and len(by_hash[digest]) == 1
    }


def id_base(rel: str) -> str:
    """The id the loader gives the article of a file at `rel` under its corpus folder (a feed's
    or JSON Lines file's entries are this and "#n"): loader.load_file's rule."""
    from reader.corpus.loader import id_base as loader_id_base

    return loader_id_base(rel)


def new_id(old_id: str, old_rel: str, new_rel: str) -> str | None:
    """The id an article of the file at `old_rel` has once the file is at `new_rel`; None when the
    id is not one the loader gives that file."""
    old_base = id_base(old_rel)
    if old_id == old_base:
        return id_base(new_rel)
    if old_id.startswith(old_base + "#"):
        return id_base(new_rel) + old_id[len(old_base) :]
    return None


def same_inputs(old: tuple[str, str], new: tuple[str, str], articles: list[dict], manifest: bool, registry) -> bool:
    """Whether loading the file now at `new` gives the `articles` it gave at `old` ((absolute path,
    path under its corpus folder) each) but for their ids, its contents and its folder's
    corpus.yaml being the same (the content hash covers both; `manifest`: there is one). The
    loader reads a file's path (clean.clean_and_infer) for its format (the suffix), its entry in
    the corpus.yaml (its name), and, for what the file does not give, the outlet and the date its
    folders or name give and its name as a last resort for the title."""
    from reader.corpus.infer import TITLE_FILE_NAME, date_from_path, outlet_from_path
    from reader.corpus.loader import in_fetch_store

    (old_path, old_rel), (new_path, new_rel) = old, new
    old_name, new_name = os.path.basename(old_rel), os.path.basename(new_rel)
    if os.path.splitext(old_name)[1] != os.path.splitext(new_name)[1]:
        return False
    if old_name != new_name and (manifest or any(a.get("title_source") == TITLE_FILE_NAME for a in articles)):
        return False
    if any(_from_path(a, "outlet") for a in articles) and outlet_from_path(old_rel, registry) != outlet_from_path(
        new_rel, registry
    ):
        return False
    if any(_from_path(a, "date") for a in articles):
        # A page the fetch store keeps gets no date from its name (loader._fetched_undated).
        if in_fetch_store(old_path) != in_fetch_store(new_path):
            return False
        if date_from_path(old_rel) != date_from_path(new_rel):
            return False
    return True


def _from_path(article: dict, field: str) -> bool:
    """Whether the article's `field` may come from its path: the file gave none (it was inferred,
    maybe from the path, or none was found, where another path might give one)."""
    return article.get(field) is None or field in (article.get("inferred") or ())
