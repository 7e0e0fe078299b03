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
