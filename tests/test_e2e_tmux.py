"""End to end, in a real terminal: `reader` on the seeds in tmux, driven by keys, read off the screen.

Search for a word, open the top result with Enter, copy its id to the terminal's clipboard (OSC 52,
read back from tmux's paste buffer), open the comparison, and check that both outlets are named and
that a shared quote is drawn with the same highlight on both sides (from the escape sequences
tmux keeps with `capture-pane -e`). Every wait polls the screen with a deadline.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from e2e_helpers import TMUX, Tmux, strip_escapes, styled_cells

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
WIDTH, HEIGHT = 150, 60

FOX, MOSCOW = "Fox News", "The Moscow Times"
FOX_ID, MOSCOW_ID = "000_d35029dd94d24c05", "004_5af44beeb4aa5335"
# A word inside the official's quote, which both outlets carry, and words outside any quote
# ('..., the official said.' / '..., a Trump administration official said').
QUOTE_WORD = "necessary"
OUTSIDE_WORD = "official said"
# Texts of the main screen: the reader pane before an article is opened; the search box.
PLACEHOLDER = "Choose an article"
SEARCH_BOX = "Search: words"


def reader_command() -> list[str]:
    script = Path(sys.executable).parent / "reader"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "reader"]


def occurrences(screen: str, needle: str) -> list[tuple[int, int]]:
    """(line, column) of every occurrence of `needle` in the captured screen (escapes removed)."""
    found = []
    for number, line in enumerate(screen.splitlines()):
        plain = strip_escapes(line)
        for match in re.finditer(re.escape(needle), plain):
            found.append((number, match.start()))
    return found


def styles_at(screen: str, line: int, column: int, length: int) -> set[tuple[str, ...]]:
    cells = styled_cells(screen.splitlines()[line])
    return {style for _, style in cells[column : column + length]}


def article_open(text: str, placeholder_seen: bool) -> bool:
    """The reader shows an article: its metadata line, or (scrolled to the first hit) at least
    the main screen's "choose an article" text is gone."""
    if re.search(r"[\d,]+ characters, \d+ quotes?", text):
        return True
    return placeholder_seen and PLACEHOLDER not in text


def compare_screen_ready(text: str) -> bool:
    lines = text.splitlines()
    head = "\n".join(lines[:3])
    return "◀" in head and "▶" in head and FOX in head and MOSCOW in head and "shared quote" in text


def app_env(tmp_path, **extra: str) -> dict[str, str]:
    """The app's environment: its state in tmp_path, this checkout on the path."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "READER_CACHE_DIR": str(tmp_path / "cache"),
        "READER_CONFIG_DIR": str(tmp_path / "config"),
        "READER_DATA_DIR": str(tmp_path / "data"),
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def start_on_seeds(tmux, tmp_path) -> None:
    """Start the app on the bundled seeds and wait for its list and its index."""
    tmux.start([*reader_command(), "--corpus", str(SEEDS)], app_env(tmp_path))
    tmux.wait_for(lambda s: FOX in s and MOSCOW in s, timeout=60, what="the source list")
    tmux.wait_for(lambda s: "Index ready" in s or "articles." in s, timeout=60, what="the index")


def open_coverage_of_the_stories(tmux, outlet_columns: str) -> str:
    """g groups the list by story, v opens the coverage view: its screen once the outlets'
    columns (a regular expression) are drawn."""
    tmux.send("g")
    tmux.wait_for("Trump has no plans", timeout=15, what="the story-grouped list")
    tmux.send("v")
    return tmux.wait_for(
        lambda s: "Coverage ·" in s and re.search(outlet_columns, s) is not None,
        timeout=30,
        what="the coverage view",
    )


@pytest.fixture
def tmux_session(tmp_path):
    if TMUX is None:
        pytest.skip("tmux is not installed (CI installs it; apt-get install tmux)")
    session = Tmux(tmp_path, WIDTH, HEIGHT)
    yield session
    session.close()


def test_search_open_compare_in_a_real_terminal(tmux_session, tmp_path):
    tmux = tmux_session
    env = app_env(tmp_path, COLORTERM="truecolor")
    tmux.start([*reader_command(), "--corpus", str(SEEDS)], env)

    # The source list names both outlets once the catalog is in.
    first = tmux.wait_for(lambda s: FOX in s and MOSCOW in s, timeout=60, what="the source list")
    placeholder = PLACEHOLDER in first

    # Search as you type: wait for the search box (the effect of /) before typing into it.
    tmux.send("/")
    tmux.wait_for(SEARCH_BOX, timeout=15, what="the search box")
    tmux.send("Budapest", literal=True)
    tmux.wait_for(lambda s: re.search(r"\b\d+ results?\b", s) is not None, timeout=30, what="search results")

    # Enter in the search box opens the top result (as the hint says).
    tmux.send("Enter")
    tmux.wait_for(lambda s: article_open(s, placeholder), timeout=30, what="the article")

    # Y copies the article's id to the clipboard: the terminal (tmux) receives it via OSC 52.
    tmux.send("Y")
    tmux.wait_for_buffer(lambda text: text in (FOX_ID, MOSCOW_ID), what="the copied article id")

    # The comparison with the other outlet's version of the story.
    tmux.send("c")
    # Its first frame already has the footer's keys: they came a second or more after
    # "Comparing…" (Textual's Footer waits for a refresh the busy worker held back).
    first = tmux.wait_for(lambda s: "Comparing" in s or compare_screen_ready(s), timeout=30, what="the compare screen")
    assert "esc Close" in first.rstrip().splitlines()[-1], first
    screen = tmux.wait_for(compare_screen_ready, timeout=30, what="the compare screen")
    screen = tmux.wait_for(
        lambda s: len(occurrences(s, QUOTE_WORD)) >= 2,
        escapes=True,
        timeout=30,
        what=f"{QUOTE_WORD!r} on both sides",
    )

    middle = WIDTH // 2
    quote_left = [(ln, col) for ln, col in occurrences(screen, QUOTE_WORD) if col < middle]
    quote_right = [(ln, col) for ln, col in occurrences(screen, QUOTE_WORD) if col >= middle]
    assert quote_left and quote_right, strip_escapes(screen)
    left_style = styles_at(screen, *quote_left[0], len(QUOTE_WORD))
    right_style = styles_at(screen, *quote_right[0], len(QUOTE_WORD))
    assert len(left_style) == 1, "the quoted word is drawn in one style"
    assert left_style == right_style, "the shared quote looks the same on both sides"

    # ...and it stands out: the words after the quote, in the same sentence, look different.
    outside = occurrences(screen, OUTSIDE_WORD)
    outside_left = [(ln, col) for ln, col in outside if col < middle]
    outside_right = [(ln, col) for ln, col in outside if col >= middle]
    assert outside_left and outside_right, strip_escapes(screen)
    assert styles_at(screen, *outside_left[0], len("official")).isdisjoint(left_style)
    assert styles_at(screen, *outside_right[0], len("official")).isdisjoint(right_style)

    # Escape closes the comparison; wait for that before the next key, then quit cleanly.
    tmux.send("Escape")
    tmux.wait_for(lambda s: not compare_screen_ready(s), timeout=15, what="the main screen")
    tmux.send("q")
    tmux.wait_for("[exited 0]", timeout=15, what="a clean exit")


def test_coverage_view_in_a_real_terminal_at_80x24(tmp_path):
    """g groups the list by story, v opens the coverage view: the story as a row, both outlets as
    abbreviated columns with a ● mark each, inside 80 columns; Enter on the story opens it."""
    if TMUX is None:
        pytest.skip("tmux is not installed (CI installs it; apt-get install tmux)")
    with Tmux(tmp_path, 80, 24) as tmux:
        start_on_seeds(tmux, tmp_path)
        screen = open_coverage_of_the_stories(tmux, r"\bFN +MT\b")
        # The grid's rows open with its focus bar (▌) in this wide layout; the detail line below does not.
        row = next(line for line in screen.splitlines() if line.lstrip(" ▌").startswith("Trump") and "●" in line)
        assert row.count("●") == 2 and "2025-10-21" in row, screen
        assert all(len(line.rstrip()) <= 80 for line in screen.splitlines())
        tmux.send("Enter")
        tmux.wait_for(
            lambda s: "Coverage ·" not in s and re.search(r"[\d,]+ characters, \d+ quotes?", s),
            timeout=30,
            what="the story's article",
        )
        tmux.send("q")
        tmux.wait_for("[exited 0]", timeout=15, what="a clean exit")


def test_stepping_rows_at_80x24_names_them_in_the_summary_bar_not_over_the_right_pane(tmp_path):
    """) three times in the comparison at 80x24: the row is named in the summary bar; no toast
    ("Compare / L5 ↔ R3 …") stacks over the right pane's text, the counterpart being read."""
    if TMUX is None:
        pytest.skip("tmux is not installed (CI installs it; apt-get install tmux)")
    with Tmux(tmp_path, 80, 24) as tmux:
        start_on_seeds(tmux, tmp_path)
        tmux.send("Enter")  # the first outlet's group opens
        tmux.wait_for(lambda s: "Trump has no plans" in s, timeout=15, what="the outlet's article")
        tmux.send("Down")
        tmux.send("c")
        tmux.wait_for(compare_screen_ready, timeout=60, what="the compare screen")
        for _ in range(3):
            tmux.send(")")
        screen = tmux.wait_for(
            lambda s: re.match(r" L\d+ ↔ R\d+ · linked", s.splitlines()[1]) is not None,
            timeout=15,
            what="the row named first in the summary bar",
        )
        assert not any(re.search(r"[▌▕] Compare\s*$", line) for line in screen.splitlines()), screen
        tmux.send("q")
        tmux.wait_for("[exited 0]", timeout=15, what="a clean exit")


def test_search_footer_and_narrow_coverage_in_a_real_terminal_at_40x15(tmp_path):
    """At 40x15: typing a query, the footer names the search box's keys (not / Search, which the
    box types) and the results stay in sight under a one-line hint; the coverage view keeps the
    story, its count and whole outlet columns, its footer items whole."""
    if TMUX is None:
        pytest.skip("tmux is not installed (CI installs it; apt-get install tmux)")
    with Tmux(tmp_path, 40, 15) as tmux:
        start_on_seeds(tmux, tmp_path)
        tmux.send("/")
        tmux.wait_for(SEARCH_BOX, timeout=15, what="the search box")
        tmux.send("putin", literal=True)
        # The footer asks the box again once the results are listed: it may follow a frame later.
        screen = tmux.wait_for(
            lambda s: "results." in s and re.search(r"f1 Help +⏎ Open +↓ Results +esc Back", last_line(s)),
            timeout=30,
            what="the results, and the footer naming the box's keys",
        )
        assert "Search" not in last_line(screen), screen
        hint = next(line for line in screen.splitlines() if "results." in line)
        assert hint.rstrip().endswith("…"), screen  # one line
        tmux.send("Escape")
        tmux.wait_for(lambda s: SEARCH_BOX not in s and "putin" not in s, timeout=15, what="the source list")
        screen = open_coverage_of_the_stories(tmux, r"#\s+FN\s+MT\b")
        row = next(line for line in screen.splitlines() if line.lstrip().startswith("Trump"))
        assert row.count("●") == 2 and "2025-10-21" not in row, screen  # the date is under the grid
        assert "2025-10-21" in screen
        footer = screen.rstrip().splitlines()[-1]
        assert re.fullmatch(r" ?\? Help +esc Back +s Sort +f Filter *", footer), screen
        tmux.send("q")
        tmux.wait_for("[exited 0]", timeout=15, what="a clean exit")


# What no Linux console font draws (console-setup's Lat15, Lat2, Uni2, Uni3): block elements and
# box drawing beyond its few lines, and the app's and Textual's other glyphs.
NOT_ON_THE_CONSOLE = re.compile("[\u2500-\u259f⏎⌫↔★☆◉◀▶⟨⟩🔎]")


def test_on_the_linux_console_nothing_its_font_lacks_is_drawn_at_80x24(tmp_path):
    """TERM=linux: the footer spells Enter out, the bars and marks are ASCII, the palette's
    prompt starts with >, in the list, the search, an article and the palette."""
    if TMUX is None:
        pytest.skip("tmux is not installed (CI installs it; apt-get install tmux)")
    with Tmux(tmp_path, 80, 24) as tmux:
        tmux.start([*reader_command(), "--corpus", str(SEEDS)], app_env(tmp_path), term="linux")
        screen = tmux.wait_for(lambda s: FOX in s and MOSCOW in s, timeout=60, what="the source list")
        assert not NOT_ON_THE_CONSOLE.findall(screen), screen
        tmux.send("/")
        tmux.wait_for(SEARCH_BOX, timeout=15, what="the search box")
        tmux.send("putin", literal=True)
        screen = tmux.wait_for(
            lambda s: "results." in s and re.search(r"f1 Help +enter Open +↓ Results +esc Back", last_line(s)),
            timeout=30,
            what="the results, and the footer naming Enter in words",
        )
        assert not NOT_ON_THE_CONSOLE.findall(screen), screen
        tmux.send("Enter")
        # The article settled: its footer, its matches' line (its header may be scrolled to the first match).
        screen = tmux.wait_for(
            lambda s: "matches: n/N to step" in s and "c Compare" in last_line(s), timeout=30, what="the article"
        )
        assert not NOT_ON_THE_CONSOLE.findall(screen), screen
        tmux.send("C-p")
        screen = tmux.wait_for(lambda s: re.search(r"^ *> +\w", s, re.M), timeout=15, what="the palette's prompt")
        assert not NOT_ON_THE_CONSOLE.findall(screen), screen
        tmux.send("Escape")
        tmux.wait_for(lambda s: not re.search(r"^ *> +\w", s, re.M), timeout=15, what="the palette closed")
        tmux.send("q")
        tmux.wait_for("[exited 0]", timeout=15, what="a clean exit")


def last_line(screen: str) -> str:
    return screen.rstrip().splitlines()[-1] if screen.strip() else ""


def test_q_while_a_feed_hangs_quits_at_once_and_keeps_what_was_stored(tmp_path):
    """`q` during a fetch once took 28 s to quit: the process waited for the request under way.
    A feed that hangs (the server accepted the connection and never answers, read_timeout 120 s)
    while another feed's entries are stored: the app exits as soon as q is pressed, with the
    entries stored, the fetch state naming them, and the fetch lock free."""
    if TMUX is None:
        pytest.skip("tmux is not installed (CI installs it; apt-get install tmux)")
    import fcntl
    import json
    import threading

    from http_fixture import LocalServer, Reply, rss

    released = threading.Event()
    hanging, answering = LocalServer().start(), LocalServer().start()
    notes = {answering.url(f"/n/{n}") for n in range(3)}

    def hang(_handler):
        released.wait(300)
        return Reply("late")

    hanging.route("/feed.xml", hang)
    items = [
        {"title": f"Note {n}", "link": answering.url(f"/n/{n}"), "description": f"Note {n}: " + "word " * 80}
        for n in range(3)
    ]
    answering.route("/feed.xml", Reply(rss("Notes", items), content_type="application/rss+xml"))
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "feeds.yaml").write_text(
        f"feeds:\n  - url: {hanging.url('/feed.xml')}\n  - url: {answering.url('/feed.xml')}\n"
        "    articles: false\nsettings:\n  host_delay: 0\n  read_timeout: 120\n  overall_timeout: 0\n",
        encoding="utf-8",
    )
    try:
        with Tmux(tmp_path, 120, 30) as tmux:
            start_on_seeds(tmux, tmp_path)
            tmux.send("R")
            tmux.wait_for(lambda s: "waiting" in s and "1/2 feeds" in s, timeout=30, what="the hanging feed waited for")
            tmux.send("q")
            tmux.wait_for("[exited 0]", timeout=10, what="the app to quit")
    finally:
        released.set()
        hanging.stop()
        answering.stop()
    data = tmp_path / "data"
    stored = sorted(p.name for p in (data / "fetched").rglob("*.md"))
    assert len(stored) == 3, stored
    state = json.loads((data / "fetch-state.json").read_text(encoding="utf-8"))
    assert notes <= set(state["urls"])
    with open(data / "fetch.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises while a fetch still holds it


def tmux_cells(text: str) -> int:
    """The cells tmux 3.3a gives `text`: the C library's wcwidth of each character."""
    import ctypes
    import ctypes.util
    import locale

    locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.wcwidth.argtypes = [ctypes.c_wchar]
    return sum(max(libc.wcwidth(char), 0) for char in text)


def open_the_one_result_in_tmux(tmux, corpus: Path, tmp_path, word: str) -> str:
    """Start the app on `corpus` in tmux (TERM=tmux-256color, as inside its panes), search for
    `word` and open its one result: the screen then, the results beside the article."""
    tmux.start([*reader_command(), "--corpus", str(corpus)], app_env(tmp_path), term="tmux-256color")
    tmux.wait_for("Daily News", timeout=60, what="the source list")
    tmux.send("/")
    tmux.wait_for(SEARCH_BOX, timeout=15, what="the search box")
    tmux.send(word, literal=True)
    tmux.wait_for(lambda s: re.search(r"\b1 result\b", s) is not None, timeout=30, what="the result")
    tmux.send("Enter")
    return tmux.wait_for("matches: n/N to step", timeout=30, what="the article")


def test_emoji_titles_keep_their_rows_in_line_in_tmux(tmp_path):
    """In tmux (TERM=tmux-256color, as inside its panes), an article whose title carries emoji
    sequences (❤️, a skin tone, a flag and a family joined with zero-width joiners) is drawn in
    the cells the layout counts: tmux 3.3a measured the sequences otherwise (a skin tone 4
    cells, the family 6), and the rows carrying the title had the panes' divider 4 cells to the
    right of the others'."""
    if TMUX is None:
        pytest.skip("tmux is not installed (CI installs it; apt-get install tmux)")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    title = "Vote ❤️ 👍🏽 ℹ️ 🏳️\u200d🌈 👨\u200d👩\u200d👧 today"
    (corpus / "emoji.md").write_text(
        f"---\ntitle: '{title}'\noutlet: Daily News\ndate: '2025-10-22'\n---\n\n{title}. The vote was held.\n"
    )
    tmux = Tmux(tmp_path, 110, 20)
    try:
        screen = open_the_one_result_in_tmux(tmux, corpus, tmp_path, "vote")
        # Each row of the results beside the article goes on past the divider to the reading pane.
        # The results' divider in one column on every row, as tmux places it (its cells counted
        # as tmux counts them: the C library's wcwidth, character by character). Drawn whole,
        # the rows with the title had it 4 cells to the right.
        columns = {tmux_cells(row[: row.index("▎")]) for row in screen.splitlines() if "▎" in row}
        assert len(columns) == 1, (columns, screen)
        tmux.send("q")
        tmux.wait_for("[exited 0]", timeout=15, what="a clean exit")
    finally:
        tmux.close()


def test_snippets_and_the_article_with_spacing_marks_keep_their_rows_in_line_in_tmux(tmp_path):
    """Hindi, Tamil and Khmer write vowels as spacing combining marks (ा, ா, ា), which Rich
    counts as no cell and tmux draws in a cell each: a search's snippet rows of such text ran past
    the results' divider by as many cells as they had marks, and the article's rows past the
    terminal's edge, their last word cut. Thai, Lao and Chinese beside them
    (non-spacing marks, wide characters) were measured alike already."""
    if TMUX is None:
        pytest.skip("tmux is not installed (CI installs it; apt-get install tmux)")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = (
        "चुनाव भारत में चुनाव आयोग ने मतदान की तारीख घोषित की। தமிழ்நாடு தேர்தல் ஆணையம் அறிவித்தது. "
        "ការបោះឆ្នោត ប្រទេសកម្ពុជា ประเทศไทยจัดการเลือกตั้ง ການເລືອກຕັ້ງ 东京都知事選挙 "
    ) * 3
    (corpus / "marks.md").write_text(
        f"---\ntitle: Elections\noutlet: Daily News\ndate: '2025-10-22'\n---\n\n{body}\n", encoding="utf-8"
    )
    tmux = Tmux(tmp_path, 100, 30)
    try:
        screen = open_the_one_result_in_tmux(tmux, corpus, tmp_path, "चुनाव")
        # The results' divider in one column on every row, its cells counted as tmux counts them.
        rows = [row for row in screen.splitlines() if "▎" in row]
        assert any("த" in row for row in rows), screen  # a snippet row of Tamil beside the article
        columns = {tmux_cells(row[: row.index("▎")]) for row in rows}
        assert len(columns) == 1, (columns, screen)
        # The article's rows beside them end at the terminal's edge whole: a row measured short
        # ran past it, and tmux cut its last word (the next row drawn over the rest).
        article = [row[row.index("▎") + 1 :].lstrip("▕▌") for row in rows]
        marked = [part for part in article if re.search("[\u0900-\u097f\u0b80-\u0bff\u1780-\u17ff]", part)]
        assert marked, screen
        written = set(body.split())
        assert all(set(part.split()) <= written for part in marked), screen
        tmux.send("q")
        tmux.wait_for("[exited 0]", timeout=15, what="a clean exit")
    finally:
        tmux.close()
