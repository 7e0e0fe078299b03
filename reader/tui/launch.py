"""`reader` with no command: build the Library, read the user's config, run the app honestly.

Returns the exit code: 0 on a normal quit, 2 for a missing corpus or an unreadable config, 1 when
the app died with an exception, 128+N when ended by signal N (SIGTERM/SIGHUP restore the terminal).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from reader import config
from reader.config_check import unknown_key_problems
from reader.tui.keymap import user_keymap
from reader.wording import counted


def _say(message: str) -> None:
    print(f"reader: {message}", file=sys.stderr)


def text_width_setting(user_config: dict) -> tuple[int | None, str | None]:
    """`text_width` from the config: columns of article text (None: no limit), and the problem
    with a bad value (the default is used then: only the app reads it, which says so in a notice)."""
    value = user_config.get("text_width", config.DEFAULT_TEXT_WIDTH)
    problem = config.text_width_problem(value)
    if problem:
        return (
            config.DEFAULT_TEXT_WIDTH,
            f"{config.setting_place(user_config, 'text_width')}: text_width: {problem}; using {config.DEFAULT_TEXT_WIDTH}",
        )
    return (value or None), None


def run_app(args) -> int:
    try:
        user_config = config.load_user_config()
        # A file where the data folder should be: said here, as every command says it. With
        # --corpus the app started all the same, its list empty ("cannot read the index" twice).
        config.data_dir()
    except config.ConfigError as exc:
        _say(str(exc))
        return 2
    from reader.library import Library

    roots = list(args.corpus) if args.corpus else None
    try:
        # The app reads the last committed index at once and updates it in a worker.
        library = Library(roots, args.index, auto_update=False, follow_links=args.follow_links)
    except (FileNotFoundError, config.ConfigError) as exc:
        _say(str(exc))
        return 2
    keymap, notices = user_keymap(user_config)
    notices = unknown_key_problems(user_config) + notices
    notices += library.config_problems()
    grouping, list_order, list_problems = config.list_settings(user_config)
    notices += list_problems
    theme = user_config.get("theme")
    if theme is not None and not isinstance(theme, str):
        notices.append(f"{config.setting_place(user_config, 'theme')}: theme: expected a theme name; ignored")
        theme = None
    text_width, width_problem = text_width_setting(user_config)
    if width_problem:  # `text_width: wide`: the article at the default width, and why
        notices.append(width_problem)
    prepare_problem = config.prepare_comparisons_problem(user_config)
    if prepare_problem:
        notices.append(prepare_problem)

    from reader.tui.app import ReaderApp
    from reader.tui.emoji_cells import measures_emoji_apart
    from reader.tui.mark_cells import count_spacing_marks, marks_counted_wanted

    marks_counted, marks_problem = marks_counted_wanted(os.environ, measures_emoji_apart(os.environ))
    if marks_problem:
        notices.append(marks_problem)
    if marks_counted:
        count_spacing_marks()  # Hindi's ा a cell, as tmux draws it: before anything is measured
    app = ReaderApp(
        library,
        theme=theme,
        keymap=keymap,
        notices=notices,
        text_width=text_width,
        config_path=config.config_path(),
        prepare_stories=config.prepare_comparisons(user_config),
        grouping=grouping,
        list_order=list_order,
    )
    had_index = library.has_index()  # a build unfinished at quit is then a rebuild, not a first index
    ended_by: list[int] = []

    def on_signal(signum, _frame) -> None:
        ended_by.append(signum)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            # Wake the event loop from the handler: the app exits and restores the terminal.
            loop.call_soon_threadsafe(app.exit, None, 128 + signum)
        else:
            app.exit(None, 128 + signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            previous[signum] = signal.signal(signum, on_signal)
    try:
        app.run()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        library.close()
    if app.marks_lost_at_exit is not None:  # said in the window; said again where it stays
        count, why = app.marks_lost_at_exit
        _say(f"the read marks or stars of {counted(count, 'article')} set in the window were not saved ({why})")
    kept = library.unfinished_first_build()  # quit while the first index (or a rebuild) was built
    if kept is not None:
        build = "the index's rebuild" if had_index or app.index_lost_this_run else "the first index"
        _say(
            f"{build} was not finished; the {kept[0]:,} files it had loaded were kept "
            f"({kept[1] / 1e6:,.1f} MB), and the next launch or `{library.command_line('index')}` goes on from them"
        )
    if app.return_code:
        return app.return_code
    if ended_by:
        return 128 + ended_by[0]
    return 0
