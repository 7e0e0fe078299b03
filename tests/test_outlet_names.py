"""Outlet names from hostile feeds and pages: one normalisation (clean.loaded_name), wherever the
name comes from (feeds.yaml, a feed's title, a page's og:site_name, an article's metadata)."""

from __future__ import annotations

import random
import unicodedata

import pytest

from conftest import write
from http_fixture import Reply, page, rss
from reader.corpus import load_corpus
from reader.corpus.clean import loaded_name
from reader.corpus.decode import MARKS_KEPT
from reader.fetch import fetch
from reader.fetch.subscriptions import LABEL_MAX, subscription_label
from test_fetch import article, fast, fetched_files, text_of


def _marks_per_letter(name: str) -> list[int]:
    counts: list[int] = []
    for ch in name:
        if unicodedata.combining(ch):
            counts[-1] += 1
        else:
            counts.append(0)
    return counts


@pytest.mark.parametrize(
    "hostile",
    [
        "Dai\u00adly Gazette",  # a soft hyphen (&shy;)
        "\ufeffDaily Gazette",  # a byte-order mark
        "Daily\u200b Gazette",  # a zero-width space
        "Dai\u2060ly Gaz\u2063ette",  # a word joiner, an invisible separator
        "Daily \u180eGazette\u034f",  # a Mongolian vowel separator, a combining grapheme joiner
        "Daily\u3164 Gazette",  # a Hangul filler, drawn as nothing
        "\u202eDaily Gazette\u2066",  # bidi controls
        "Daily\x1b[31m Gazette\x07",  # an escape sequence and a control
        "Daily\n\tGazette ",  # on one line
    ],
)
def test_an_outlet_name_with_invisible_characters_is_the_name_it_reads_as(hostile):
    assert loaded_name(hostile) == "Daily Gazette"
    assert subscription_label(hostile) == "Daily Gazette"


# Made-up Mongolian names: "ᠮᠣᠩᠭᠣᠯ" with its final a after a vowel separator; a letter with a free
# variation selector (FVS1, FVS4), which chooses the form it is drawn in.
MONGOLIAN_NAMES = [
    "\u182e\u1823\u1829\u182d\u1823\u182f\u180e\u1820 \u1824\u180b\u1821 News",
    "\u1828\u180b\u180e\u1820 Times",  # a letter's form, then the separator
    "\u1820\u180f \u1823\u180d\u1829",
]


@pytest.mark.parametrize("name", MONGOLIAN_NAMES)
def test_a_mongolian_name_keeps_the_selectors_and_separator_that_shape_its_letters(name):
    """The loader dropped every Mongolian variation selector and vowel separator from outlet and
    feed names, so a name read otherwise than written (its letters drawn in other forms)."""
    assert loaded_name(name) == name
    assert subscription_label(name) == name


@pytest.mark.parametrize(
    ("spoofed", "read_as"),
    [
        ("Daily\u180b Gazette", "Daily Gazette"),  # a selector after a Latin letter
        ("\u180c Daily Gazette", "Daily Gazette"),  # a selector alone
        ("Daily \u180eGazette", "Daily Gazette"),  # the separator after a space
        ("Dai\u180ely Gazette", "Daily Gazette"),  # the separator between Latin letters
        ("\u1828\u180e Times", "\u1828 Times"),  # after a Mongolian letter, before no letter
        ("\u1824\u180b\u180c\u1821 News", "\u1824\u180b\u1821 News"),  # a second selector
        ("\u1828\u180e\u180e\u1820 Times", "\u1828\u180e\u1820 Times"),  # a second separator
    ],
)
def test_a_mongolian_selector_or_separator_that_shapes_no_letter_leaves_a_name(spoofed, read_as):
    assert loaded_name(spoofed) == read_as
    assert subscription_label(spoofed) == read_as


def test_one_outlet_whether_its_mongolian_letters_carry_their_selectors_or_not():
    """Names loaded before kept no Mongolian selector: one outlet with and without them, as an
    emoji with and without its presentation selector is."""
    from reader.corpus.decode import outlet_key

    name = MONGOLIAN_NAMES[0]
    bare = name.replace("\u180b", "").replace("\u180e", "")
    assert outlet_key(name) == outlet_key(bare) and outlet_key(name) != outlet_key("\u1824\u1821 News")


def test_a_feeds_mongolian_title_is_stored_and_listed_with_its_letters_forms(server, isolated_dirs, reader_in_process):
    """A feed's title (the outlet of a feed added with --no-check, kept in the fetch state) lost
    its vowel separator and selectors: `feed list` showed the name in other letter forms."""
    from http_fixture import FAST_SETTINGS
    from reader.fetch.subscriptions import add_subscription, feeds_path

    name = MONGOLIAN_NAMES[0]
    title = "Story \u1828\u180e\u1820 one\u180b"
    server.route("/news/1", Reply(page(title, text_of(1), site="")))
    items = [{"title": title, "link": server.url("/news/1")}]
    server.route("/feed.xml", Reply(rss(f"{name}\u180c\u200e", items), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"))
    feeds_path().write_text(feeds_path().read_text(encoding="utf-8") + FAST_SETTINGS, encoding="utf-8")

    fetched = reader_in_process("fetch").stdout
    listed = reader_in_process("feed", "list").stdout

    assert f"{name} " in listed and f"{name}\u180c" not in listed, listed
    assert "Story \u1828\u180e\u1820 one" in fetched and "one\u180b" not in fetched, fetched


def test_an_outlet_name_under_a_flood_of_combining_marks_keeps_a_few_on_each_letter():
    zalgo = "".join(letter + "".join(chr(0x300 + n) for n in range(40)) for letter in "Zalgo") + " News"
    # marks between soft hyphens and zero-width spaces: none of them hides a mark from the count
    hidden = "".join(letter + "\u0301\u00ad\u0302\u200b" * 20 for letter in "Zalgo")

    for name in (zalgo, hidden):
        label = subscription_label(name)
        assert label is not None and label == loaded_name(name)
        assert max(_marks_per_letter(label)) <= MARKS_KEPT
        assert "\u00ad" not in label and "\u200b" not in label
        assert "".join(ch for ch in unicodedata.normalize("NFD", label) if not unicodedata.combining(ch)).startswith(
            "Zalgo"
        )


@pytest.mark.parametrize(
    "name",
    [
        "ناشر\u200cخبر",  # a Persian word with its zero-width non-joiner
        "हिंदी समाचार",  # Devanagari with its vowel signs
        "東京新聞",
        "Ελληνικά Νέα",
        "קול ישראל",  # Hebrew
        "Rally \u2764\ufe0f",  # an emoji's presentation selector
        "Café Crème",
        "ฟ้าใหม่",  # Thai with its marks
    ],
)
def test_real_letters_of_every_script_are_kept(name):
    assert loaded_name(name) == unicodedata.normalize("NFC", name)
    assert subscription_label(name) == unicodedata.normalize("NFC", name)


def test_an_outlet_written_with_and_without_a_soft_hyphen_loads_as_one(tmp_path):
    for n, outlet in enumerate(("Daily Gazette", "Dai\u00adly Gaz\ufeffette", "Daily\u200b Gazette")):
        text = "The harbour council met on Tuesday to vote on the budget for the new pier. " * 5
        write(tmp_path / f"a{n}.md", f"---\ntitle: Story {n}\noutlet: {outlet}\ndate: 2025-10-21\n---\n{text}\n")

    articles = load_corpus([tmp_path]).articles

    assert sorted(a.outlet for a in articles) == ["Daily Gazette"] * 3


def test_a_fetched_outlet_named_with_a_soft_hyphen_groups_with_the_one_named_without(server):
    """One site's feed titled with a soft hyphen and a BOM, another site's feed titled plainly:
    "2 new from 2 outlets", two outlets in `feed list` and in the articles stored that read the
    same."""
    import yaml

    from reader.fetch import feed_statuses
    from reader.fetch.subscriptions import add_subscription

    server.route("/robots.txt", Reply("User-agent: *\n", content_type="text/plain"))
    for n, (feed, title) in enumerate((("/one.xml", "Dai\u00adly Gazette\ufeff"), ("/two.xml", "Daily Gazette")), 1):
        entry = article(server, f"/news/{n}", n)
        server.route(f"/news/{n}", Reply(page(entry["title"], text_of(n), site="")))  # no og:site_name
        if n == 2:  # another site: no outlet shared by the sections of one
            entry["link"] = entry["link"].replace("127.0.0.1", "localhost")
        server.route(feed, Reply(rss(title, [entry]), content_type="application/rss+xml"))
    add_subscription(server.url("/one.xml"))
    add_subscription(server.url("/two.xml").replace("127.0.0.1", "localhost"))

    report = fetch(settings=fast())

    assert report.new == 2 and "2 new from 1 outlet" in str(report.summary())
    assert {a.outlet for a in report.articles} == {"Daily Gazette"}
    assert {f["outlet"] for f in feed_statuses()} == {"Daily Gazette"}
    stored = [yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]) for path in fetched_files()]
    assert [s["outlet"] for s in stored] == ["Daily Gazette"] * 2


# Characters that interact in the loader's steps: controls and escape sequences beside joiners,
# marks of scripts that use joiners, invisible characters, emoji a joiner may join, whitespace.
_TANGLED = [
    *"a [m\t\n\r\x00\x07\x1b\x7f\x85\x9b\u2028\u00a0",
    *"\u200c\u200d\u00ad\u200b\ufeff\u202e\u034f\u180e\U000e0041\ud800",
    *"\u0301\u064e\u093c\u094dبकन\U0001f468\u2764\ufe0f",
    *"\u1820\u1828\u180b\u180c\u180f",  # Mongolian letters and their selectors (the separator above)
]


def _tangled_names(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_TANGLED) for _ in range(rng.randint(0, 12))) for _ in range(count)]


@pytest.mark.parametrize(
    "garbage",
    [
        "\u0300\x1b\x00\u064e\u200c\u064e",  # a control gone from beside a non-joiner between two marks
        "\u2028\u200b\u0915\u0301\u2066\u180e\u094d\u200d\u0915",  # a bidi control and a vowel separator
    ],
)
def test_a_loaded_name_loaded_again_is_the_same_name(garbage):
    once = loaded_name(garbage)
    assert loaded_name(once) == once


def test_loading_a_name_twice_changes_nothing_whatever_the_name():
    """Idempotent for any input (a name read back from feeds.yaml or a stored article must stay
    the outlet it was); a single pass of the loader's steps was not for 1 name in 5,000 of these."""
    from reader.corpus.clean import _name_pass

    for name in _tangled_names(50_000, seed=54):
        once = loaded_name(name)
        assert loaded_name(once) == once, ascii(name)
        one_pass = _name_pass(name)
        if _name_pass(one_pass) == one_pass:  # the names one pass loaded for good load as before
            assert once == one_pass, ascii(name)


def test_a_label_cut_to_its_length_read_again_is_the_same_label():
    """feeds.yaml keeps LABEL_MAX characters: a cut just after a joiner left it with nothing to
    join, so the outlet stored and the one the corpus loaded were two outlets."""
    persian = "\u0646" * (LABEL_MAX - 1) + "\u200c\u062e\u0628\u0631"
    label = subscription_label(persian)
    assert label is not None and len(label) <= LABEL_MAX
    assert subscription_label(label) == label == loaded_name(label)
    for name in _tangled_names(5_000, seed=7):
        label = subscription_label(name * 20)
        assert label is None or subscription_label(label) == label == loaded_name(label), ascii(name)
