"""A first build whose stories' grouping died twice for memory is not tried again at each launch
(index/grouping_memo.py): the app says so at once, with the key that tries again (I), and that
key runs the update with the new try asked for."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import drive, settle, wait_for  # noqa: E402

from reader.index.state import GroupingFailedBefore  # noqa: E402
from reader.tui.app import ReaderApp  # noqa: E402
from reader.wording import run_advice, said  # noqa: E402

# As the core says it (update._not_failed_before): the command in words on the screen.
SAID = said(
    "not tried again: grouping 50,000 articles died twice at the last build; free memory, then ",
    run_advice("reader index"),
)


async def test_the_index_key_tries_again_a_grouping_that_failed_before(library_double):
    asked: list[bool] = []
    real_update = library_double.update

    def update(progress=None, cancel=None, rebuild=False, retry_grouping=False):
        asked.append(retry_grouping)
        if not retry_grouping:
            raise GroupingFailedBefore(SAID)
        return real_update(progress, cancel, rebuild)

    library_double.update = update
    app = ReaderApp(library_double)
    async with drive(app, (100, 30)) as pilot:
        await wait_for(pilot, lambda: app.index_problem is not None)
        assert asked == [False]  # a launch does not try again
        assert app.index_problem.startswith("not tried again: grouping 50,000 articles")
        assert app.index_problem.endswith("then run the command reader index in a shell (or press I here)")
        await pilot.press("I")
        await wait_for(pilot, lambda: app.index_problem is None and app.index_ready)
        await settle(pilot)
        assert asked == [False, True]
