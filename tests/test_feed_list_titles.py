"""A subscription's outlet (a name to read) and how its last fetch went (a server's words) are
hostile text, shown by `reader feed list` and by the app's list of subscriptions. The CLI wrote a
reason's bidi controls as "\\u202e", as `reader fetch`'s failure lines do, where the app removed
them: both write them visibly now (untrusted_shown), and both remove them from a title
(title_for_terminal)."""

from __future__ import annotations


from reader.corpus.decode import title_for_terminal
from reader.fetch.subscriptions import add_subscription
from reader.tui.screens.subscriptions import subscription_prompt, subscriptions_listed
from reader.tui.safe import one_line
from reader.wording import untrusted_shown
from test_tui_subscriptions import write_fetch_state

HOSTILE_REASON = "HTTP 500 \u202eniamod\u202c gone\x1b[31m red\nnext \u2067line\u2069"
SHOWN_REASON = "HTTP 500 \\u202eniamod\\u202c gone\\x1b[31m red\\nnext \\u2067line\\u2069"


def test_a_hostile_title_is_one_line_without_escapes_controls_or_bidi_controls():
    assert title_for_terminal("Gazette \u202e[b]x[/b]\u202c\x1b[2J\nnews") == "Gazette [b]x[/b] news"
    assert title_for_terminal("Plain title") == "Plain title"
    assert one_line("a\u2067b\x1b]0;t\x07\tc") == title_for_terminal("a\u2067b\x1b]0;t\x07\tc") == "ab c"


def _a_feed_failed_with_a_hostile_reason() -> str:
    url = "https://gazette.example/feed.xml"
    add_subscription(url, outlet="Gazette [b]x[/b]")
    write_fetch_state({url: {"fetched_at": 1_761_040_000.0, "status": "failed", "error": HOSTILE_REASON}})
    return url


def test_feed_list_and_the_app_show_a_servers_reason_alike_its_bidi_controls_visible(isolated_dirs, reader_in_process):
    from reader.fetch import feed_statuses
    from reader.fetch.run import feed_outcome

    url = _a_feed_failed_with_a_hostile_reason()
    (line,) = reader_in_process("feed", "list").stdout.splitlines()
    (row,) = subscriptions_listed(feed_statuses(), feed_outcome)
    app_line = subscription_prompt(row).plain

    assert untrusted_shown(HOSTILE_REASON) == SHOWN_REASON
    assert line.startswith(f"{url}  Gazette [b]x[/b]  0 articles  last ")
    assert line.endswith(f"  failed: {SHOWN_REASON}"), line
    assert app_line.startswith(f"! Gazette [b]x[/b]  {url}\n  last fetched ")
    assert app_line.endswith(f" · 0 articles · failed: {SHOWN_REASON}")  # the same words
    for shown in (line, app_line.split("\n", 1)[1]):
        assert not {"\u202e", "\u202c", "\u2067", "\u2069", "\x1b", "\n"} & set(shown)


def test_feed_list_and_the_app_say_alike_a_feed_is_judged_by_its_dates(isolated_dirs, reader_in_process):
    import time

    from reader.fetch import feed_statuses
    from reader.fetch.run import feed_outcome

    url = "https://gazette.example/feed.xml"
    add_subscription(url, outlet="Gazette")
    now = time.time()  # judged so by this reader (idle_reads: a count per entry of an older one is not kept)
    judged = {"idle_edits": 3, "idle_reads": 3, "idle_since": now, "digests_read_at": now}
    write_fetch_state({url: {"fetched_at": now, "status": "ok", **judged}})
    (line,) = reader_in_process("feed", "list").stdout.splitlines()
    (row,) = subscriptions_listed(feed_statuses(), feed_outcome)
    said = "ok; judged by its dates only (its entries' texts changed in 3 reads in a row while their pages did not; "
    assert f"  {said}" in line and f" · {said}" in subscription_prompt(row).plain
    assert not row.look  # nothing wrong: no "!"


# Each kind of character a line must not show as itself: the bidi overrides and isolates, the
# Arabic letter mark, zero-width space, word joiner, soft hyphen, a deprecated format character,
# an interlinear annotation anchor, a tag character and a byte-order mark.
INVISIBLE_KINDS = "\u202e\u2066\u2067\u2068\u2069\u061c\u200b\u2060\u00ad\u206a\ufff9\U000e0041\ufeff"


def test_a_title_on_a_line_loses_every_invisible_kind_and_keeps_joiners_and_a_flag():
    for char in INVISIBLE_KINDS:
        assert title_for_terminal(f"Daily{char} Gazette") == "Daily Gazette", hex(ord(char))
        assert one_line(f"Da{char}ily") == "Daily", hex(ord(char))
    england = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
    assert title_for_terminal(f"{england} news \u0646\u200c\u0627 \U0001f468\u200d\U0001f469") == (
        f"{england} news \u0646\u200c\u0627 \U0001f468\u200d\U0001f469"
    )


def test_feed_add_list_and_fetch_show_a_feeds_hostile_titles_without_any_invisible_kind(server, reader_in_process):
    """A feed's title, the titles a page gives its other feeds, and an entry's title reach
    `feed add`, `feed list` and `fetch` lines: bidi controls went, zero-width and other format
    characters stayed. `--json` keeps what was given, valid JSON."""
    import json

    from http_fixture import FAST_SETTINGS, Reply, page, rss
    from reader.fetch.subscriptions import feeds_path
    from test_fetch import text_of

    hostile = "".join(f"{char}x" for char in INVISIBLE_KINDS)
    server.route("/news/1", Reply(page(f"Story {hostile}", text_of(1), site="")))
    item = {"title": f"Story {hostile}", "link": server.url("/news/1"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
    server.route("/feed.xml", Reply(rss(f"Gazette {hostile}", [item]), content_type="application/rss+xml"))
    links = "".join(
        f'<link rel="alternate" type="application/rss+xml" href="{path}" title="Feed {hostile}">'
        for path in ("/feed.xml", "/other.xml")
    )
    server.route("/", Reply(f"<html><head>{links}</head><body>Home</body></html>"))

    added = reader_in_process("feed", "add", server.url("/")).stdout
    feeds_path().write_text(feeds_path().read_text(encoding="utf-8") + FAST_SETTINGS, encoding="utf-8")
    fetched = reader_in_process("fetch").stdout
    listed = reader_in_process("feed", "list").stdout

    for said in (added, fetched, listed):
        assert not any(char in said for char in INVISIBLE_KINDS), said
    assert "(Gazette xxxxxxxxxxxxx)" in added and "Feed xxxxxxxxxxxxx" in added
    assert "Story xxxxxxxxxxxxx" in fetched
    json.loads(reader_in_process("feed", "list", "--json").stdout)


# (shown, as a title on a line shows it): each variation selector kept after a character it
# chooses a form of, dropped where it follows none.
SELECTORS_PLACED = [
    ("\u1824\u180b\u1821 news", "\u1824\u180b\u1821 news"),  # Mongolian FVS1 after a letter: its form
    ("\u1828\u180e\u1820", "\u1828\u180e\u1820"),  # the vowel separator between letters: the final a's form
    ("\u1820\u180f", "\u1820\u180f"),  # FVS4
    ("\u1828\u180b\u180e\u1820", "\u1828\u180b\u180e\u1820"),  # a letter's form, then the separator
    ("\u1828\u180e news", "\u1828 news"),  # the vowel separator before no letter: nothing
    ("\u1828\u180e", "\u1828"),
    ("news \u180e\u1820", "news \u1820"),  # after a space
    ("Daily\u180eGazette", "DailyGazette"),  # between Latin letters
    ("\u1828\u180e\u180e\u1820", "\u1828\u180e\u1820"),  # one separator, not two
    ("\u1824\u180b\u180c\u1821", "\u1824\u180b\u1821"),  # a selector after a selector: nothing
    ("Daily\u180b Gazette", "Daily Gazette"),  # after a Latin letter: nothing
    ("\u180c\u180d Gazette", "Gazette"),  # at the start
    ("Rally \u2764\ufe0f", "Rally \u2764\ufe0f"),  # an emoji's presentation
    ("\u2764\ufe0e text heart", "\u2764\ufe0e text heart"),
    ("#\ufe0f\u20e3 keycap", "#\ufe0f\u20e3 keycap"),
    ("\U0001f3f3\ufe0f\u200d\U0001f308 flag", "\U0001f3f3\ufe0f\u200d\U0001f308 flag"),
    ("\u845b\ufe00\u57ce", "\u845b\ufe00\u57ce"),  # a standardized variant of an ideograph
    ("\u845b\U000e0100\u57ce", "\u845b\U000e0100\u57ce"),  # an ideographic variation sequence
    ("\u2269\ufe00 math", "\u2269\ufe00 math"),
    ("Da\ufe0fily", "Daily"),  # VS16 after a letter with no emoji form
    ("Daily\U000e0100 Gazette", "Daily Gazette"),  # VS17 after a Latin letter
    ("\u2764\ufe0f\ufe0f\ufe0e heart", "\u2764\ufe0f heart"),  # a selector after a selector chooses nothing
    ("\ufe0f\ufe00 lead", "lead"),
]


def test_a_title_keeps_each_variation_selector_after_a_character_it_applies_to_and_drops_the_others():
    """Session 57 dropped the Mongolian variation selectors from every shown title: after a
    Mongolian letter they choose how it is drawn, and a title read otherwise than written. A
    selector after a character it chooses no form of (a Latin letter, a space, another selector)
    is invisible and only made two titles that read the same differ: dropped, as the others."""
    for given, shown in SELECTORS_PLACED:
        assert title_for_terminal(given) == shown, given.encode("unicode_escape")
        assert one_line(given) == shown, given.encode("unicode_escape")


def test_fetch_shows_a_mongolian_title_in_its_form_and_drops_stray_selectors(server, reader_in_process):
    from http_fixture import FAST_SETTINGS, Reply, page, rss
    from reader.fetch.subscriptions import feeds_path
    from test_fetch import text_of

    mongolian, stray = "\u1824\u180b\u1821", "Da\ufe0fily\u180b"
    server.route("/news/1", Reply(page(f"Story {mongolian} {stray}", text_of(1), site="")))
    item = {"title": f"Story {mongolian} {stray}", "link": server.url("/news/1")}
    server.route("/feed.xml", Reply(rss(f"Gazette {mongolian} {stray}", [item]), content_type="application/rss+xml"))

    added = reader_in_process("feed", "add", server.url("/feed.xml")).stdout
    feeds_path().write_text(feeds_path().read_text(encoding="utf-8") + FAST_SETTINGS, encoding="utf-8")
    fetched = reader_in_process("fetch").stdout

    assert "Gazette " in added and stray not in added, added  # (an outlet: a name, without any, as the loader reads it)
    assert f"Story {mongolian} Daily" in fetched, fetched
