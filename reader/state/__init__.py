"""User state kept in the user data dir (read marks, bookmarks); no UI imports."""

from reader.state.marks import Mark, MarkStore, root_key

__all__ = ["Mark", "MarkStore", "root_key"]
