"""notify_once: one toast for a message while it is still on screen, again once it has gone."""

from __future__ import annotations

from reader.tui import notify


class FakeApp:
    NOTIFICATION_TIMEOUT = 5.0

    def __init__(self):
        self.shown: list[tuple[str, dict]] = []

    def notify(self, message, **options):
        self.shown.append((message, options))


def test_a_message_on_screen_is_not_repeated_until_its_timeout(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(notify.time, "monotonic", lambda: clock[0])
    app = FakeApp()
    notify.notify_once(app, "That was the last difference.")
    notify.notify_once(app, "That was the last difference.")
    notify.notify_once(app, "Another message.", timeout=1)
    assert [m for m, _ in app.shown] == ["That was the last difference.", "Another message."]
    assert all(options["markup"] is False for _, options in app.shown)
    clock[0] += 2  # the 1 s toast is gone, the 5 s one is still up
    notify.notify_once(app, "Another message.", timeout=1)
    notify.notify_once(app, "That was the last difference.")
    assert [m for m, _ in app.shown][2:] == ["Another message."]
    clock[0] += 4
    notify.notify_once(app, "That was the last difference.")
    assert app.shown[-1][0] == "That was the last difference."
    assert len(app.shown) == 4


def _notices_that_parse_markup(source: str) -> list[int]:
    """The lines of `notify(...)` calls that leave markup on: neither markup=False nor the options
    of a notice passed on whole (**options, whose sender chose)."""
    import ast

    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "notify"):
            continue
        keywords = {keyword.arg: keyword.value for keyword in node.keywords}
        markup = keywords.get("markup")
        if None not in keywords and not (isinstance(markup, ast.Constant) and markup.value is False):
            lines.append(node.lineno)
    return lines


def test_every_notice_of_the_app_is_shown_as_text_never_as_markup():
    # HeldNotices.notify keeps Textual's markup=True default (Textual's own notices use markup): a
    # notice of ours with an article's title in it must say markup=False, or go through notify_once.
    from pathlib import Path

    import reader.tui

    assert _notices_that_parse_markup("app.notify(f'Opened {title}')\napp.notify(m, markup=False)") == [1]
    root = Path(reader.tui.__file__).parent
    leaving_markup_on = {
        str(path.relative_to(root)): lines
        for path in sorted(root.rglob("*.py"))
        if (lines := _notices_that_parse_markup(path.read_text(encoding="utf-8")))
    }
    assert leaving_markup_on == {}
