"""Where things live: the bundled corpus, the user's config, per-corpus index folders."""

from __future__ import annotations

import errno
import hashlib
import itertools
import os
from pathlib import Path

from reader.wording import described, undecodable_shown

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
    if override:
        return _a_folder(Path(override), "READER_CONFIG_DIR", "settings")
    import platformdirs

    return _a_folder(Path(platformdirs.user_config_dir(APP_NAME)), "READER_CONFIG_DIR", "settings")


def cache_dir() -> Path:
    override = os.environ.get("READER_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME))


def data_dir() -> Path:
    """User state that must survive (read marks, bookmarks, fetched articles): never the cache,
    never a corpus."""
    override = os.environ.get("READER_DATA_DIR")
    if override:
        return _a_folder(Path(override), "READER_DATA_DIR", "read marks and fetched articles")
    import platformdirs

    return _a_folder(Path(platformdirs.user_data_dir(APP_NAME)), "READER_DATA_DIR", "read marks and fetched articles")


def _a_folder(path: Path, variable: str, kept: str) -> Path:
    """`path`, or ConfigError when a file is there or above it, or a link to a folder that is not
    (an unmounted disk): READER_DATA_DIR naming a file counted "0 articles read" (exit 0) and
    saved no mark, and READER_CONFIG_DIR one made `feed add` say "cannot edit …/feeds.yaml: File
    exists". Nothing there is no error: the folder is made when first written."""
    try:
        # The first of it and its parents that is there (XDG_DATA_HOME naming a file, say).
        found = next(folder for folder in (path, *path.parents) if folder.exists() or folder.is_symlink())
        a_file = found.exists() and not found.is_dir()
        gone = None if found.exists() else Path(os.readlink(found))
    except (OSError, ValueError, StopIteration):  # a name too long, a NUL byte: said where it is used
        return path
    named = f"{variable if os.environ.get(variable) else 'the folder'} {_shown_path(path)}:"
    if found != path:
        named += f" {_shown_path(found)}"
    if a_file:
        raise ConfigError(
            f"{named} is a file, not a folder; "
            f"reader keeps its {kept} in a folder there: move the file away, or set {variable} to a folder"
        )
    if gone is not None:
        raise ConfigError(
            f"{named} is a link to {_shown_path(gone)}, which does not exist: "
            f"make that folder, or set {variable} to a folder"
        )
    return path


def user_outlets_stamp() -> list | None:
    """[size, mtime_ns, SHA-256 of its bytes] of the user's outlets.yaml, None without one. Its
    rules clean and name every article, so the index records the stamp it was built with, and a
    change rebuilds it (same_outlets_rules)."""
    path = config_dir() / "outlets.yaml"
    try:
        stat = path.stat()
    except OSError:
        return None
    # Asked at every freshness check (the app asks often): the file is read and hashed again
    # only when its identity, size or times differ from the last time.
    seen = (str(path), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    cached = _outlets_stamps.get(seen[0])
    if cached is not None and cached[0] == seen:
        return list(cached[1])
    from reader.plain_file import read_settings_bytes

    try:
        data = read_settings_bytes(path)  # a FIFO blocked here, /dev/zero ate memory: load_registry says why
    except OSError:
        return None
    stamp = [stat.st_size, stat.st_mtime_ns, hashlib.sha256(data).hexdigest()]
    if len(data) == stat.st_size:  # not changed between the stat and the read (else: read again next time)
        _outlets_stamps[seen[0]] = (seen, tuple(stamp))
    return stamp


# {outlets.yaml's path: (its stat as last seen, its stamp then)} (user_outlets_stamp).
_outlets_stamps: dict[str, tuple[tuple, tuple]] = {}


def same_outlets_rules(recorded, now) -> bool:
    """Whether an index's recorded outlets.yaml stamp names the file as it is now: the same
    bytes, whatever its time (a `touch`, an editor saving the same text or a checkout rebuilt
    every index, minutes at 10,000 articles); an older reader's stamp, [size, mtime_ns], by both."""
    if recorded == now:
        return True
    if not (isinstance(recorded, list) and isinstance(now, list) and len(now) == 3):
        return False
    if len(recorded) == 3:
        return recorded[2] == now[2]
    return len(recorded) == 2 and recorded == now[:2]


DEFAULT_LOCK_WAIT = 3.0
LONGEST_LOCK_WAIT = 86_400  # a day: a longer wait is a hung script, not patience


def lock_wait() -> float:
    """Seconds an index update waits for another process's update to finish before giving up
    (`reader index` then exits 3): READER_LOCK_WAIT, else 3."""
    raw = os.environ.get("READER_LOCK_WAIT", "").strip()
    if not raw:
        return DEFAULT_LOCK_WAIT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= LONGEST_LOCK_WAIT:  # also refuses nan and inf
        raise ConfigError(f"READER_LOCK_WAIT: expected seconds from 0 to {LONGEST_LOCK_WAIT}, not {raw[:40]!r}")
    return seconds


def lock_wait_given() -> str | None:
    """READER_LOCK_WAIT as the user set it (stripped), or None when it is not set: advice to set
    it to wait longer is told what it already was."""
    return os.environ.get("READER_LOCK_WAIT", "").strip() or None


def fetched_corpus_dir() -> Path:
    """The managed corpus folder `reader fetch` writes articles into (part of the default corpus)."""
    return data_dir() / "fetched"


def config_path() -> Path:
    return config_dir() / "config.yaml"


def load_user_config() -> dict:
    """The user's config.yaml (corpus, theme, keymap); {} when absent.

    Anything wrong (bad YAML, an alias bomb, a value of the wrong type for a key the commands read,
    corpus or prepare_comparisons) raises ConfigError with one line naming the file and the key;
    unknown keys and the settings only the app reads (theme, text_width, grouping, sort, keymap)
    are left to their users.
    """
    from reader.plain_file import NotReadFile, read_settings_text

    path = config_path()
    try:
        if not path.exists():
            return {}
        if path.is_dir():  # was skipped as if absent: the settings written there went unread
            raise ConfigError(f"{path}: is a folder, not a file; the settings go in a file of that name")
        text = read_settings_text(path)  # a FIFO there blocked every command, /dev/zero ate memory
    except NotReadFile as exc:
        raise ConfigError(str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        from reader import yamlsafe

        raise ConfigError(f"cannot read {path}: {yamlsafe.unreadable(exc)}") from None
    import yaml  # imported only when there is a config file to read

    from reader import yamlsafe

    try:
        data = yamlsafe.load(text)
    except yaml.YAMLError as exc:
        key = yamlsafe.key_at(text, yamlsafe.error_mark(exc, text))
        # `reader config` shows keys as typed ("?", "]"), which YAML reads as its own signs unquoted.
        hint = '; under keymap, a key such as ? [ ] or \' goes in quotes: main.search: "?"' if key == "keymap" else ""
        raise ConfigError(f"{yamlsafe.broken_said(path, exc, text)}{hint}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level (corpus, theme, keymap)")
    _check_types(data, _Place(path, text))
    return UserConfig(data, repeated=_repeated_key_problems(path, text), place=_Place(path, text))


class UserConfig(dict):
    """config.yaml's settings, with a line for each key it sets twice (`repeated`): the last one
    is in effect, and an edit of the first did nothing (config_check says so with the others)."""

    def __init__(self, data: dict, repeated: list[str], place: _Place | None = None) -> None:
        super().__init__(data)
        self.repeated = repeated
        self.place = place


def setting_place(user_config: dict, key: str) -> str:
    """What opens a warning about config.yaml's `key`: "PATH: line 3" where the file writes it
    (as its errors name it), "PATH" where the line cannot be told, "config" for settings read from
    no file. The warnings said "config:" where the errors named the file."""
    place = getattr(user_config, "place", None)
    return place.line(key) if place is not None else "config"


def _repeated_key_problems(path: Path, text: str) -> list[str]:
    from reader import yamlsafe

    return [yamlsafe.repeated_key_said(path, *found) for found in yamlsafe.repeated_keys(text)]


class ConfigError(Exception):
    pass


# Longest corpus path we accept from the config (Linux allows 4096 bytes in a whole path).
MAX_PATH_CHARS = 4096
# text_width: the widest line of article text the app draws (0: the whole pane).
DEFAULT_TEXT_WIDTH, MIN_TEXT_WIDTH, MAX_TEXT_WIDTH = 100, 20, 1000


class _Place:
    """Where a key of config.yaml is written, for its messages: "PATH: line 3: theme"."""

    def __init__(self, path: Path, text: str):
        self.path, self.text = path, text

    def __call__(self, key: str) -> str:
        from reader import yamlsafe

        line = yamlsafe.key_line(self.text, key)
        return f"{self.path}: line {line}: {key}" if line else f"{self.path}: {key}"

    def line(self, key: str) -> str:
        """ "PATH: line 3" for the top-level `key`, "PATH" when its line cannot be told."""
        from reader import yamlsafe

        line = yamlsafe.key_line(self.text, key)
        return f"{self.path}: line {line}" if line else str(self.path)

    def item(self, key: str, index: int) -> str:
        """Where item `index` (from 0) of the list under `key` is written: a list of folders
        names the line of the bad one, not the key's first line."""
        from reader import yamlsafe

        lines = yamlsafe.item_lines(self.text, key)
        return f"{self.path}: line {lines[index]}: {key}" if index < len(lines) else self(key)


def _check_types(data: dict, where: _Place) -> None:
    corpus = data.get("corpus")
    if corpus is not None:
        items = corpus if isinstance(corpus, list) else [corpus]
        bad = [n for n, item in enumerate(items, 1) if not (isinstance(item, str) and item.strip())]
        if isinstance(corpus, list) and items and bad:
            raise ConfigError(
                f"{where('corpus')}: expected a list of folders, but item {bad[0]} is {described(items[bad[0] - 1])}"
            )
        if not items or bad:
            raise ConfigError(f"{where('corpus')}: expected a folder or a list of folders, not {described(corpus)}")
        if any(len(item) > MAX_PATH_CHARS or "\0" in item for item in items):
            raise ConfigError(f"{where('corpus')}: a folder path is too long or not a path")
    # theme, text_width, grouping, sort, keymap and prepare_comparisons are not checked here: only
    # the app, `reader index` and `reader fetch` read them (and `compare --help` the keymap), which
    # say a bad one once and use the default, as `reader config` does. `text_width: wide` and
    # `prepare_comparisons: maybe` stopped `reader list` with exit 2, a command that never reads
    # them (git too says a bad value only where a command reads it).


# The source list's grouping (g) and order (S), kept from one launch to the next.
GROUPINGS = ("outlet", "story")  # the first is the default
SORTS = ("outlet", "newest", "oldest")  # reader.listing.SORT_ORDERS (a sibling layer: not imported)
_CHOICES = {"grouping": GROUPINGS, "sort": SORTS}


def list_settings(user_config: dict) -> tuple[str, str, list[str]]:
    """config.yaml's `grouping` and `sort` of the source list, and one warning per unknown value
    (the default is used then, as for an unknown theme; so for a value that is not a word)."""
    import difflib

    chosen, problems = [], []
    for key, choices in _CHOICES.items():
        value = user_config.get(key, choices[0])
        if not isinstance(value, str):  # (`sort: [newest]`: only the app reads it, which goes on)
            said = f"{key}: expected a word ({' or '.join(choices)}), not {described(value)}; using {choices[0]}"
            problems.append(f"{setting_place(user_config, key)}: {said}")
            value = choices[0]
        elif value not in choices:
            close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"choose one of: {', '.join(choices)}"
            said = f"unknown {key} {str(value)[:60]!r}, using {choices[0]}; {hint}"
            problems.append(f"{setting_place(user_config, key)}: {said}")
            value = choices[0]
        chosen.append(value)
    return chosen[0], chosen[1], problems


def prepare_comparisons(user_config: dict) -> bool:
    """Whether `reader index` and the app encode ahead the sentences of the stories two or more
    outlets tell (reader/analysis/prepare.py): config.yaml's prepare_comparisons, true by default
    (and when it is not true or false: prepare_comparisons_problem says so)."""
    return user_config.get("prepare_comparisons", True) is not False


def prepare_comparisons_problem(user_config: dict) -> str | None:
    """The warning for a prepare_comparisons that is not true or false (None when it is, or is not
    set): where, what it is, the fix, and that the default is used."""
    if "prepare_comparisons" not in user_config:
        return None
    value = user_config["prepare_comparisons"]
    if isinstance(value, bool):
        return None
    return (
        f"{setting_place(user_config, 'prepare_comparisons')}: prepare_comparisons: expected true or false, "
        f"not {described(value)}; using true until it is set to true or false"
    )


def text_width_problem(value) -> str | None:
    """Why `value` cannot be the text_width setting (None: it can)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not (value == 0 or MIN_TEXT_WIDTH <= value <= MAX_TEXT_WIDTH)
    ):
        return f"expected 0 (no limit) or a number of columns from {MIN_TEXT_WIDTH} to {MAX_TEXT_WIDTH}"
    return None


def _config_place() -> _Place:
    from reader.plain_file import read_settings_text

    path = config_path()
    try:
        text = read_settings_text(path)
    except (OSError, UnicodeDecodeError):
        text = ""
    return _Place(path, text)


def config_key_place(key: str) -> str:
    """ "PATH: line N: KEY" for a key of config.yaml (without the line when it cannot be read)."""
    return _config_place()(key)


def corpus_folder_place(user: dict, root: Path) -> str:
    """ "PATH: line N: corpus" for one of the config's corpus folders: the line of its item when
    `corpus` is a list (a bad third folder was reported on the key's line)."""
    configured = user.get("corpus")
    if isinstance(configured, list):
        for index, item in enumerate(configured):
            if isinstance(item, str) and config_dir() / os.path.expanduser(item) == root:
                return _config_place().item("corpus", index)
    return config_key_place("corpus")


def default_corpus_roots() -> list[Path]:
    """The corpus from the user's config, else the bundled seeds; plus the fetched articles' folder
    once `reader feed add` or `reader fetch` has created it."""
    user = load_user_config()
    roots, problems = corpus_roots_and_problems(user)
    if problems:
        root, why = next(iter(problems.items()))
        raise ConfigError(f"{corpus_folder_place(user, root)}: {why}")
    return roots


def missing_corpus_folder(given: list | None) -> str | None:
    """Why a corpus folder cannot be used, as opening the corpus says it: of those `given`
    (--corpus), else of the config's; None when all can be, or when the config itself cannot be
    read (that is another problem, said as it is)."""
    if given:
        return next((problem for root in given if (problem := unusable_folder(Path(root)))), None)
    try:
        user = load_user_config()
    except ConfigError:
        return None
    _roots, problems = corpus_roots_and_problems(user)
    if not problems:
        return None
    root, why = next(iter(problems.items()))
    return f"{corpus_folder_place(user, root)}: {why}"


def corpus_roots_and_problems(user: dict) -> tuple[list[Path], dict[Path, str]]:
    """default_corpus_roots() for this config without raising: the folders, and for each one the
    config names that cannot be used, why (unusable_folder's line). `reader config`
    shows them all with the problem marked, where every other command stops at the first."""
    configured = user.get("corpus")
    problems: dict[Path, str] = {}
    if configured:
        items = configured if isinstance(configured, list) else [configured]
        # A relative folder is the config file's (as git reads include.path), not the one reader
        # happens to run in: `corpus: news` worked in one folder and was "not found" elsewhere.
        roots = [config_dir() / os.path.expanduser(item) for item in items]
        for root in roots:
            problem = unusable_folder(root)
            if problem:
                problems.setdefault(root, problem)
    else:
        roots = [BUNDLED_CORPUS]
    fetched = fetched_corpus_dir()
    if fetched.is_dir() and fetched not in roots:
        roots.append(fetched)
    return roots, problems


def unusable_folder(root: Path) -> str | None:
    """Why `root` cannot be a corpus folder (missing, a file, a path the system refuses, a name
    that is not UTF-8, a folder that cannot be listed), or None."""
    shown = _shown_path(root)
    try:
        if root.is_dir():
            # The index keeps the folder's path, as written and resolved, as UTF-8 text (the file
            # names under it are checked one by one as the corpus is read).
            if not _utf8_text(str(root)):
                return f"cannot use the folder {shown}: its path is not valid UTF-8; rename it"
            resolved = root.resolve()
            if not _utf8_text(str(resolved)):
                return (
                    f"cannot use the folder {shown}: it leads to {_shown_path(resolved)}, "
                    "a path that is not valid UTF-8; rename it"
                )
            return _unlistable(root, shown)
        exists = root.exists()
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte
        return f"cannot use the folder {shown}: {getattr(exc, 'strerror', None) or exc}"
    if exists:  # `--corpus article.html`: a corpus is a folder, and a file is read by its path
        return f"not a folder: {shown}; a corpus is a folder of articles (`reader show FILE` reads one file)"
    return f"corpus folder not found: {shown}{_broken_link_note(root) or _near_folder_note(root)}"


def _near_folder_note(root: Path) -> str:
    """ "; did you mean …?" naming the folder beside the first missing part of `root` that is
    spelled nearly so (`--corpus ~/nwes` for ~/news, ~/News for ~/news), or "" when none is:
    "not found" alone left a newcomer's typo to be found by eye."""
    import difflib

    missing = root.absolute()  # ".." kept: the system resolves "nwes/../news" through nwes
    while not missing.parent.is_dir() and missing.parent != missing:
        missing = missing.parent
    try:
        with os.scandir(missing.parent) as listing:
            folders = [
                entry.name
                for entry in itertools.islice(listing, 5000)
                if not entry.name.startswith(".") and entry.is_dir()
            ]
    except OSError:
        return ""
    by_lower = {name.lower(): name for name in folders}
    close = difflib.get_close_matches(missing.name.lower(), list(by_lower), n=1, cutoff=0.75)
    if not close:
        return ""
    rest = root.absolute().relative_to(missing)
    near = missing.parent / by_lower[close[0]] / rest
    try:
        if not near.is_dir():
            return ""
    except OSError:  # a folder the user may not enter (Python 3.11 raises on EACCES): no guess
        return ""
    # as it was written (a relative path stays relative), when its parts are plain names
    written = root
    for _ in rest.parts:
        written = written.parent
    if written.name == missing.name:
        near = written.parent / by_lower[close[0]] / rest
    return f"; did you mean {_shown_path(near)}?"


def _broken_link_note(root: Path) -> str:
    """ " is a symbolic link to …, which is not there" (or " is a symbolic link loop") when `root`
    is a link that leads nowhere: "not found" alone contradicted `ls`, which lists the link."""
    try:
        target = os.readlink(root)
    except (OSError, ValueError):  # no link (or nothing) there, a NUL byte
        return ""
    try:
        os.stat(root)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return " is a symbolic link loop"
        return f" is a symbolic link to {_shown_path(Path(target))}, which is not there"
    return ""


def _unlistable(root: Path, shown: str) -> str | None:
    """Why a folder that exists cannot be listed now (chmod 000, a dead network mount), or None:
    an update would read it as a folder with no files and drop every article of it."""
    try:
        with os.scandir(root):
            pass
    except OSError as exc:
        return f"cannot read the folder {shown}: {exc.strerror or exc}"
    if not os.access(root, os.X_OK):  # listed, but no file in it can be opened
        return f"cannot read the folder {shown}: Permission denied"
    return None


def _shown_path(path: Path) -> str:
    """A path as an error line shows it: bytes that are not UTF-8 written "\\xff" (U+FFFD did not
    say which byte: the name could not be typed back), cut after 200."""
    text = undecodable_shown(os.fsdecode(path))
    return text if len(text) <= 200 else text[:200] + "…"


def _utf8_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: an undecodable byte of the name
        return False
    return True


def default_index_dir(roots: list[Path]) -> Path:
    """One index folder per set of corpus roots, in the user cache dir (never inside the corpus)."""
    key = "\n".join(sorted(str(Path(r).resolve()) for r in roots))
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]  # a byte not UTF-8 too
    name = "-".join(Path(r).resolve().name or "root" for r in roots)[:40]
    return cache_dir() / "indexes" / f"{name}-{digest}"
