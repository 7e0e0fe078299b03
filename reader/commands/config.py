"""`reader config`: where the config file is, the settings in effect, and what in it is ignored.

`--path` prints only the file's path; `--example` prints the shipped, commented example
(reader/config.example.yaml) to start from. Problems (unknown keys, keys no terminal can send,
unknown binding ids, an unknown theme) are warnings on stderr, one line each.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reader.commands.common import CommandError, emit_json, print_error, use_colour
from reader.wording import counted, untrusted_shown

EXAMPLE = Path(__file__).resolve().parent.parent / "config.example.yaml"
DEFAULT_THEME = "textual-dark"  # Textual's own default
LABEL_WIDTH = len("prepare_comparisons")  # the longest setting's name: the values line up


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "config",
        help="show the config file's path and the settings in effect",
        description="Print where config.yaml is, the settings in effect (corpus, index, theme, "
        "text_width, prepare_comparisons, grouping, sort, the READER_LOCK_WAIT lock wait, every key "
        "binding) and where each comes from, and where feeds.yaml, the cache and the data folder are. "
        "Unknown keys, keys no terminal can send and unknown binding ids are reported on stderr.",
        epilog="exit status: 0, also when stderr names an unknown key or binding, or a bad value of a setting "
        "only the app reads (its default is used); 2 for a bad option, or when config.yaml "
        "cannot be read (nothing is printed), or a corpus folder or READER_LOCK_WAIT cannot be used (the "
        "settings are printed all the same: `reader config >/dev/null && reader ...` means the config works).",
    )
    show = parser.add_mutually_exclusive_group()
    show.add_argument("--json", action="store_true", help="print JSON")
    show.add_argument("--path", action="store_true", help="print only the config file's path")
    show.add_argument("--example", action="store_true", help="print a commented example config.yaml with every setting")
    parser.set_defaults(run=run)


def effective_settings(args) -> tuple[dict, list[str]]:
    """The settings in effect for these global options, and the problems found in config.yaml."""
    from reader import config
    from reader.config_check import unknown_key_problems
    from reader.tui.keycheck import binding_id_problem, typed_keys
    from reader.tui.keymap import every_binding
    from reader.tui.keymap import user_keymap
    from reader.tui.launch import text_width_setting
    from reader.wording import described

    path = config.config_path()
    try:
        user = config.load_user_config()
    except config.ConfigError as exc:  # nothing to show: the one line says where and why
        raise CommandError(str(exc), code=2) from exc
    # A corpus folder that cannot be used is shown, marked, with everything else: this command is
    # where one comes to find out what is wrong (every other command stops with that one line).
    if args.corpus:
        roots = list(args.corpus)
        corpus_problems = {root: why for root in roots if (why := config.unusable_folder(root))}
        problems = [f"--corpus: {why}" for why in corpus_problems.values()]
    else:
        roots, corpus_problems = config.corpus_roots_and_problems(user)
        problems = [f"{config.corpus_folder_place(user, root)}: {why}" for root, why in corpus_problems.items()]
    problems += unknown_key_problems(user)
    keymap, keymap_problems = user_keymap(user)
    problems += keymap_problems
    bindings = every_binding()
    for binding_id in sorted(set(keymap) - set(bindings)):
        problems.append(
            f"{config.setting_place(user, 'keymap')}: keymap: ignoring {binding_id_problem(binding_id, set(bindings))}"
        )
    theme = user.get("theme")
    from textual.theme import BUILTIN_THEMES

    if theme is not None and not isinstance(theme, str):  # (only the app reads it: no stop)
        problems.append(
            f"{config.setting_place(user, 'theme')}: theme: expected a theme name, not {described(theme)}; using {DEFAULT_THEME}"
        )
    elif theme is not None and theme not in BUILTIN_THEMES:
        import difflib

        close = difflib.get_close_matches(str(theme), sorted(BUILTIN_THEMES), n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"themes: {', '.join(sorted(BUILTIN_THEMES))}"
        problems.append(f"{config.setting_place(user, 'theme')}: unknown theme {str(theme)[:60]!r}; {hint}")
    from reader.library import feeds_file

    feeds = feeds_file()
    problems += feeds["problems"]
    text_width, width_problem = text_width_setting(user)
    if width_problem:
        problems.append(width_problem)
    prepare_problem = config.prepare_comparisons_problem(user)
    if prepare_problem:
        problems.append(prepare_problem)
    grouping, list_order, list_problems = config.list_settings(user)
    problems += list_problems
    # Every other command stops on a bad READER_LOCK_WAIT (exit 2); this one shows it with the rest.
    # None when it is fine, as feeds' `problem` (every other "not there" of the JSON is null, not "").
    lock_wait_problem: str | None = None
    try:
        lock_wait = config.lock_wait()
    except config.ConfigError as exc:
        lock_wait, lock_wait_problem = config.DEFAULT_LOCK_WAIT, str(exc)
        problems.append(lock_wait_problem)
    set_by_env = os.environ.get("READER_LOCK_WAIT", "").strip() and not lock_wait_problem
    lock_wait_from = "READER_LOCK_WAIT" if set_by_env else "default"
    if args.corpus:
        corpus_from = "--corpus"
    elif user.get("corpus"):
        corpus_from = "config"
    else:
        corpus_from = "default"
    settings = {
        "path": str(path),
        "exists": path.is_file(),
        # Absolute, as every other path reader prints (`--corpus news` said "news", the index's full path).
        "corpus": [os.path.abspath(root) for root in roots],
        "corpus_from": corpus_from,
        # Each unusable folder with why (unusable_folder's words); the other commands exit 2 on it.
        "corpus_problems": {os.path.abspath(root): why for root, why in corpus_problems.items()},
        "index": str(args.index or config.default_index_dir(roots)),
        "index_from": "--index" if args.index else "default",
        # What an interrupted first build of this index kept for the next to go on from (resume.py)
        "build_resume": _build_resume(Path(args.index or config.default_index_dir(roots))),
        "feeds": {key: feeds[key] for key in ("path", "exists", "subscriptions", "problem")},
        "config_dir_from": _folder_from("READER_CONFIG_DIR", "XDG_CONFIG_HOME", config.config_dir()),
        "cache_dir": str(config.cache_dir()),
        "cache_dir_from": _folder_from("READER_CACHE_DIR", "XDG_CACHE_HOME", config.cache_dir()),
        "data_dir": str(config.data_dir()),
        "data_dir_from": _folder_from("READER_DATA_DIR", "XDG_DATA_HOME", config.data_dir()),
        "theme": theme if isinstance(theme, str) and theme in BUILTIN_THEMES else DEFAULT_THEME,
        "theme_from": "config" if isinstance(theme, str) and theme in BUILTIN_THEMES else "default",
        "text_width": text_width or 0,  # 0: no limit
        "text_width_from": "config" if "text_width" in user and not width_problem else "default",
        "prepare_comparisons": config.prepare_comparisons(user),
        "prepare_comparisons_from": "config" if "prepare_comparisons" in user and not prepare_problem else "default",
        "grouping": grouping,  # the source list's, g in the app (saved there)
        "grouping_from": "config" if user.get("grouping") == grouping else "default",
        "sort": list_order,  # the source list's, S in the app (saved there)
        "sort_from": "config" if user.get("sort") == list_order else "default",
        "lock_wait": lock_wait,  # seconds an index update waits for another one
        "lock_wait_from": lock_wait_from,
        "lock_wait_problem": lock_wait_problem,
        "keymap": {
            binding_id: {
                # As config.yaml takes them and the footer shows them: "?", not "question_mark".
                "keys": typed_keys(keymap.get(binding_id, binding.key)),
                "from": "config" if binding_id in keymap else "default",
                "description": binding.description or binding.tooltip or "",
            }
            for binding_id, binding in sorted(bindings.items())
        },
    }
    return settings, problems


def _build_resume(index_dir: Path) -> dict | None:
    """{"path", "bytes", "files"} of the index folder's build-resume/, None when there is none."""
    from reader.index import resume

    folder = index_dir / resume.FOLDER_NAME
    if not folder.is_dir():
        return None
    return {"path": str(folder), "bytes": resume.kept_bytes(index_dir), "files": resume.kept_files(index_dir)}


def _moved_by(origin: str) -> str:
    """A folder's origin as its row shows it: the variable that moved it, nothing for the default."""
    return "" if origin == "default" else origin


def _notes(*notes: str) -> str:
    """A row's notes, those that say something, one after the other."""
    return "; ".join(note for note in notes if note)


def _folder_from(variable: str, xdg: str, folder) -> str:
    """Where a folder of reader's comes from: the environment variable that moves it (one set in
    a shell's startup file and forgotten sends marks and settings elsewhere): reader's own, or
    the XDG base directory one the folder is under (platformdirs follows it on Linux), else
    "default"."""
    if os.environ.get(variable):
        return variable
    base = os.environ.get(xdg, "")
    if os.path.isabs(base) and Path(folder).parent == Path(base):
        return xdg
    return "default"


def run(args) -> int:
    from reader import config

    if args.path:
        print(config.config_path())
        return 0
    if args.example:
        sys.stdout.write(EXAMPLE.read_text(encoding="utf-8"))
        return 0
    settings, problems = effective_settings(args)
    for problem in problems:
        print_error(problem)
    # Shown in full, but the exit status still says the corpus cannot be used (as every other
    # command's would): `reader config >/dev/null && reader ...` keeps meaning "the config works".
    code = 2 if settings["corpus_problems"] or settings["lock_wait_problem"] else 0
    if args.json:
        emit_json({**settings, "problems": problems})
        return code
    colour = use_colour()

    def row(label: str, value: str, origin: str = "", problem: str = "") -> None:
        # A folder name is shown as the lines on stderr show it (untrusted_shown: "\x1b" made
        # visible, not removed), so the table and the error name the same folder.
        value = untrusted_shown(value)
        origin = f"  ({origin})" if origin else ""
        problem = f"  <- {untrusted_shown(problem)}" if problem else ""
        if colour:
            marked = f"\x1b[1;31m{problem}\x1b[0m" if problem else ""
            print(f"\x1b[1m{label:<{LABEL_WIDTH}}\x1b[0m {value}\x1b[2m{origin}\x1b[0m{marked}")
        else:
            print(f"{label:<{LABEL_WIDTH}} {value}{origin}{problem}")

    row(
        "config file",
        settings["path"],
        _notes(
            _moved_by(settings["config_dir_from"]),
            "" if settings["exists"] else "not created yet; `reader config --example` prints a commented one",
        ),
    )
    for number, root in enumerate(settings["corpus"]):
        row(
            "corpus" if number == 0 else "",
            root,
            settings["corpus_from"] if number == 0 else "",
            settings["corpus_problems"].get(root, ""),
        )
    kept = settings["build_resume"]
    row(
        "index",
        settings["index"],
        _notes(
            "--index" if settings["index_from"] == "--index" else "",
            ""
            if kept is None
            else f"an interrupted first build kept {counted(kept['files'], 'file')} loaded, "
            f"{kept['bytes'] / 1e6:,.1f} MB in build-resume/: `reader index` goes on from them",
        ),
    )
    feeds = settings["feeds"]
    if not feeds["exists"]:
        feeds_note = "not created yet; `reader feed add URL` writes it"
    else:
        feeds_note = counted(feeds["subscriptions"], "subscription")
    row("feeds", feeds["path"], "" if feeds["problem"] else feeds_note, feeds["problem"] or "")
    row("cache", settings["cache_dir"], _moved_by(settings["cache_dir_from"]))
    row(
        "data",
        settings["data_dir"],
        _notes(_moved_by(settings["data_dir_from"]), "read marks, bookmarks, fetched articles"),
    )
    row("theme", settings["theme"], settings["theme_from"])
    width = settings["text_width"]
    row("text_width", str(width) if width else "0 (the whole pane)", settings["text_width_from"])
    row(
        "prepare_comparisons",
        "true (every story's comparisons made ready after indexing)" if settings["prepare_comparisons"] else "false",
        settings["prepare_comparisons_from"],
    )
    row("grouping", settings["grouping"], settings["grouping_from"])
    row("sort", settings["sort"], settings["sort_from"])
    row(
        "lock_wait",
        f"{settings['lock_wait']:g} s",
        settings["lock_wait_from"],
        settings["lock_wait_problem"] or "",
    )
    print()
    print(
        "\x1b[1mkeymap\x1b[0m (binding id, keys, what it does)" if colour else "keymap (binding id, keys, what it does)"
    )
    id_width = max((len(binding_id) for binding_id in settings["keymap"]), default=0)
    keys_width = max((len(entry["keys"]) for entry in settings["keymap"].values()), default=0)
    for binding_id, entry in settings["keymap"].items():
        mine = "  (config)" if entry["from"] == "config" else ""
        keys = untrusted_shown(entry["keys"])
        print(f"  {binding_id:<{id_width}}  {keys:<{keys_width}}  {entry['description']}{mine}")
    return code
