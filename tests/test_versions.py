"""Which article a comparison shows beside another (reader.analysis.versions), and where its
export may be written (reader.export_path): core rules, no UI."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.analysis.versions import (
    CopyCheck,
    SurelyCopies,
    Version,
    copies_last,
    filter_versions,
    likely_partners,
    other_versions,
    pick_pair,
    pick_partner,
    sentence_keys,
)
from reader.export_path import (
    FILE_EXISTS,
    default_export_path,
    export_folder,
    FILE_CHANGED,
    export_refusal,
    file_identity,
    remember_folder,
    remembered_folder,
    slug,
)


@dataclass(frozen=True)
class Meta:
    id: str
    outlet: str | None
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Story:
    articles: list


ARTICLES = [
    Meta("a1", "Daily Planet", "Summit in Budapest", "2025-10-21"),
    Meta("a2", "Daily Planet", "Summit: the details", "2025-10-21"),
    Meta("b1", "The Bugle", "Budapest summit off", "2025-10-22"),
    Meta("c1", "Courier", "Markets calm", "2025-10-20"),
]


def test_partner_is_another_outlets_version_of_the_story():
    stories = [Story(["a1", "a2", "b1"]), Story(["c1"])]
    assert pick_partner(ARTICLES[0], ARTICLES, stories) == "b1"
    # a story told by one outlet only: its other article, same outlet or not
    assert pick_partner(ARTICLES[0], ARTICLES, [Story(["a1", "a2"])]) == "a2"


def test_no_partner_outside_the_story_the_user_chooses():
    # A title search, else any other outlet's article, opened an unrelated article of another
    # story; now there is no partner and the app lets the user choose (other_versions).
    assert pick_partner(ARTICLES[0], ARTICLES, []) is None
    assert pick_partner(ARTICLES[0], ARTICLES, [Story(["a1"]), Story(["b1", "c1"])]) is None
    assert pick_partner(ARTICLES[0], [ARTICLES[0]], []) is None


def test_likely_partners_start_with_the_partner_then_other_outlets():
    stories = [Story(["a2", "a1", "c1", "b1"])]
    found = likely_partners(ARTICLES[0], ARTICLES, stories)
    assert found == ["c1", "b1", "a2"]  # other outlets first, in the story's order; its own outlet last
    assert found[0] == pick_partner(ARTICLES[0], ARTICLES, stories)
    # Nothing to prepare: a story told by one outlet, an article in no story.
    assert likely_partners(ARTICLES[0], ARTICLES, [Story(["a1", "a2"])]) == []
    assert likely_partners(ARTICLES[3], ARTICLES, [Story(["a1", "b1"])]) == []


def test_versions_of_the_same_story_come_first_in_the_corpus_order():
    found = other_versions("b1", ARTICLES, [Story(["a2", "b1"]), Story(["a1", "c1"])])
    assert [(v.id, v.same_story) for v in found] == [("a2", True), ("a1", False), ("c1", False)]
    assert found[0] == Version("a2", "Daily Planet", "Summit: the details", "2025-10-21", True)
    assert [v.id for v in other_versions("b1", ARTICLES, [])] == ["a1", "a2", "c1"]


def test_articles_of_other_stories_come_nearest_in_date_first():
    # A story one outlet alone tells: the picker listed the whole corpus in its order (2010's
    # articles first for a 2015 story), the likely candidates, days around it, pages down.
    corpus = [
        Meta("old", "Fox News", "Glenn Beck at CPAC", "2010-02-20"),
        Meta("undated", "Blog", "No date", None),
        Meta("bad", "Blog", "A date of garbage", "soon"),
        Meta("week", "HuffPost", "A week before", "2015-07-26"),
        Meta("near", "The New York Times", "Two days before", "2015-07-31"),
        Meta("after", "Fox News", "The day after", "2015-08-03T09:30:00"),
        Meta("solo", "Solo Gazette", "Zebra crossing", "2015-08-02"),
        Meta("kin", "Solo Gazette", "Zebra crossing again", "2009-01-01"),
    ]
    found = other_versions("solo", corpus, [Story(["solo", "kin"])])
    assert [v.id for v in found] == ["kin", "after", "near", "week", "old", "undated", "bad"]
    # an article with no date of its own: the corpus order, as before
    assert [v.id for v in other_versions("undated", corpus, [])][:3] == ["old", "bad", "week"]


def test_filter_versions_needs_every_word_and_keeps_the_limit():
    found = other_versions("c1", ARTICLES, [])
    assert [v.id for v in filter_versions(found, "planet SUMMIT", 10)] == ["a1", "a2"]
    assert [v.id for v in filter_versions(found, "2025-10-22", 10)] == ["b1"]
    assert [v.id for v in filter_versions(found, "", 2)] == ["a1", "a2"]


def test_default_export_name_is_safe_and_never_taken(tmp_path):
    assert slug("../../etc/passwd") == "passwd"
    assert slug("[@click=app.quit]\x1b]0;x") == "click-app.quit-0-x"
    assert slug("///") == "article"
    first = default_export_path(tmp_path, "a/b 1", "c")
    assert first == tmp_path / "compare-b-1-vs-c.md"
    first.write_text("", encoding="utf-8")
    assert default_export_path(tmp_path, "a/b 1", "c") == tmp_path / "compare-b-1-vs-c-2.md"


def test_an_export_is_proposed_in_the_last_folder_else_documents_downloads_home_never_a_corpus(tmp_path, monkeypatch):
    corpus, home = tmp_path / "corpus", tmp_path / "home"
    (corpus / "sub").mkdir(parents=True)
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))  # no user-dirs.dirs: ~/Documents
    last = tmp_path / "reports"
    last.mkdir()
    assert export_folder(last, [corpus], home) == last
    assert export_folder(corpus / "sub", [corpus], home) == home  # a corpus folder: never
    assert export_folder(tmp_path / "gone", [corpus], home) == home  # removed since
    (home / "Downloads").mkdir()
    assert export_folder(None, [corpus], home) == home / "Downloads"
    (home / "Documents").mkdir()
    assert export_folder(None, [corpus], home) == home / "Documents"
    assert export_folder(None, [corpus, home], home) == home  # nowhere better: the dialog says why


def test_the_last_export_folder_is_kept_and_a_hostile_file_proposes_nothing(tmp_path):
    state = tmp_path / "data" / "last_export_folder.txt"
    assert remembered_folder(state) is None
    remember_folder(state, tmp_path / "reports")
    assert remembered_folder(state) == tmp_path / "reports"
    for junk in (b"relative/folder\n", b"\xff\xfe", b"/a\n/b\n", b"/a\x00b", b""):
        state.write_bytes(junk)
        assert remembered_folder(state) is None, junk


def test_export_refusals(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (tmp_path / "taken.md").write_text("", encoding="utf-8")
    roots = [corpus]
    assert "inside the corpus folder" in export_refusal(corpus / "sub" / "x.md", roots)
    assert "inside the corpus folder" in export_refusal(corpus, roots)
    assert export_refusal(tmp_path / "sub", roots) is None
    assert export_refusal(tmp_path, roots) == "That is a folder; type a file name."
    assert export_refusal(tmp_path / "taken.md", roots) == FILE_EXISTS
    confirmed = file_identity(tmp_path / "taken.md")
    assert export_refusal(tmp_path / "taken.md", roots, replace=confirmed) is None  # the user said so
    assert export_refusal(tmp_path, roots, replace=confirmed) == "That is a folder; type a file name."
    # another file put in its place since the user said to replace it is not replaced unasked
    (tmp_path / "other.md").write_text("someone else's\n", encoding="utf-8")
    os.replace(tmp_path / "other.md", tmp_path / "taken.md")
    assert export_refusal(tmp_path / "taken.md", roots, replace=confirmed) == FILE_CHANGED
    assert "does not exist" in export_refusal(tmp_path / "nowhere" / "x.md", roots)
    assert export_refusal(tmp_path / "x\x00.md", roots).startswith("Cannot use that path")
    assert export_refusal(tmp_path / "new.md", roots) is None


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_into_the_corpus_is_inside_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (tmp_path / "link").symlink_to(corpus)
    assert "inside the corpus folder" in export_refusal(Path(tmp_path / "link" / "x.md"), [corpus])


def test_the_library_picks_the_seeds_other_outlet_and_lists_its_versions(seed_library):
    from conftest import FOX, MT

    fox = seed_library.article(FOX)
    assert seed_library.partner(fox) == MT
    versions = seed_library.versions(FOX)
    assert [v.id for v in versions] == [MT] and versions[0].same_story and versions[0].outlet == "The Moscow Times"


def test_the_library_says_when_there_is_no_other_article(tmp_path):
    from reader.library import ArticleNotFound, Library

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "only.txt").write_text("Only article\n\nNothing else here.\n", encoding="utf-8")
    library = Library([corpus], tmp_path / "index")
    try:
        with pytest.raises(ArticleNotFound, match="no other article"):
            library.partner(library.article("only"))
        assert library.versions("only") == []
    finally:
        library.close()


def test_the_library_lets_the_user_choose_when_no_other_article_tells_the_story(tmp_path):
    from reader.library import Library, NoOtherVersion

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "rain.txt").write_text("Heavy rain in Lisbon\n\nRain fell all day in Lisbon.\n", encoding="utf-8")
    (corpus / "chess.txt").write_text("Chess final drawn\n\nThe chess final ended in a draw.\n", encoding="utf-8")
    library = Library([corpus], tmp_path / "index")
    try:
        with pytest.raises(NoOtherVersion, match="No other article tells this story"):
            library.partner(library.article("rain"))
        assert [v.id for v in library.versions("rain")] == ["chess"]
    finally:
        library.close()


def test_an_outlet_written_with_and_without_an_emoji_selector_is_no_other_outlet():
    # "Rally ❤️" (VS16) and "Rally ❤" are one outlet: the partner is the other outlet's version
    rally = [Meta("r1", "Rally \u2764\ufe0f", "Summit"), Meta("r2", "Rally \u2764", "Summit again")]
    articles = [*rally, Meta("b1", "The Bugle", "Budapest summit off")]
    assert pick_partner(rally[0], articles, [Story(["r1", "r2", "b1"])]) == "b1"
    assert likely_partners(rally[0], articles, [Story(["r1", "r2", "b1"])])[0] == "b1"
    assert likely_partners(rally[0], articles, [Story(["r1", "r2"])]) == []


WIRE = " ".join(f"Sentence number {n} of the wire story says something new about the summit." for n in range(10))


def test_a_word_for_word_copy_is_told_from_a_version_worth_comparing():
    check = CopyCheck(WIRE)
    assert check.copied_by(WIRE)
    assert check.copied_by(WIRE.upper().replace(" of ", "  of\n").replace(".", "!"))  # case, spacing, marks
    one_changed = WIRE.replace("number 3 of the wire story says", "three, an editor wrote, says")
    assert check.copied_by(one_changed)  # 9 of 10 sentences the same: a reprint
    rewritten = WIRE
    for n in (1, 4, 7):
        rewritten = rewritten.replace(f"number {n} of the wire story", f"{n} of the paper's own reporting")
    assert not check.copied_by(rewritten)  # 7 of 10: a version
    longer = WIRE + " " + " ".join(f"Our reporter adds detail {n} from the ground." for n in range(4))
    assert not check.copied_by(longer)  # 10 of 14: it adds a third
    assert not CopyCheck("").copied_by("") and not check.copied_by("")


def test_the_partner_is_a_version_that_is_not_a_copy_when_the_story_has_one():
    """c picked a wire story reprinted word for word (the first other outlet of the story): it
    compares nothing. A version that is not a copy comes first, else the first copy."""
    articles = [*ARTICLES, Meta("d1", "Dispatch", "Budapest summit off", "2025-10-22")]
    stories = [Story(["a1", "b1", "d1", "a2"])]
    assert pick_partner(articles[0], articles, stories) == "b1"
    assert pick_partner(articles[0], articles, stories, lambda i: i == "b1") == "d1"
    assert pick_partner(articles[0], articles, stories, lambda i: i in ("b1", "d1")) == "a2"  # same outlet
    assert pick_partner(articles[0], articles, stories, lambda i: True) == "b1"


def test_the_partner_is_looked_for_past_the_first_twelve_copies_and_no_further_than_needed():
    """A wire story reprinted by 20 outlets, the 21st's own version: the first 12 checked only, a
    reprint was chosen. Each candidate is read once, up to the first that is no copy."""
    ids = [f"p{n:02d}" for n in range(22)]
    articles = [Meta(i, f"Paper {i}", "Summit", "2025-10-21") for i in ids]
    asked: list[str] = []

    def is_copy(article_id: str) -> bool:
        asked.append(article_id)
        return article_id != "p20"

    assert pick_partner(articles[0], articles, [Story(ids)], is_copy) == "p20"
    assert asked == ids[1:21]  # p21 never read
    assert pick_partner(articles[0], articles, [Story(ids)], lambda i: True) == "p01"  # all copies: the first


def test_the_copies_are_listed_after_the_other_versions_of_the_story():
    versions = [Version(i, "O", "T", "", same) for i, same in (("b1", True), ("d1", True), ("c1", False))]
    assert [v.id for v in copies_last(versions, {"b1"})] == ["d1", "b1", "c1"]


def test_the_library_passes_over_a_copy_for_the_partner_and_names_the_copies(tmp_path):
    from reader.library import Library

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    own = WIRE.replace("wire story", "paper's account").replace("new about", "of its own on")
    for name, outlet, text in (("a-wire", "Agency", WIRE), ("b-reprint", "Bugle", WIRE), ("c-own", "Courier", own)):
        (corpus / f"{name}.md").write_text(
            f"---\ntitle: Summit\noutlet: {outlet}\ndate: 2025-10-21\nstory: summit\n---\n\n{text}\n", encoding="utf-8"
        )
    library = Library([corpus], tmp_path / "index")
    try:
        assert [m for s in library.stories() for m in s.articles] == ["a-wire", "b-reprint", "c-own"]
        assert library.partner(library.article("a-wire")) == "c-own"
        assert library.copies("a-wire", ["b-reprint", "c-own", "missing"]) == {"b-reprint"}
        # past the first 12 too: the picker lists every copy after the others
        many = ["c-own"] * 12 + ["b-reprint"]
        assert library.copies("a-wire", many) == {"b-reprint"}
    finally:
        library.close()


def test_a_story_pair_is_one_of_no_copies_when_the_story_has_one():
    """The first member and its partner, unless that is a copy and a later member's pair is not."""
    partners = {"w": "r1", "r1": "r2", "r2": "r1"}
    copies = {("w", "r1"), ("w", "r2")}
    is_copy = lambda a, b: (a, b) in copies or (b, a) in copies  # noqa: E731
    assert pick_pair(["w", "r1", "r2"], partners.get, is_copy) == ("r1", "r2", False)
    assert pick_pair(["r2", "w"], partners.get, is_copy) == ("r2", "r1", False)
    assert pick_pair(["w", "x"], partners.get, is_copy) == ("w", "r1", True)  # x has no partner
    assert pick_pair(["x"], partners.get, is_copy) is None


def test_a_story_pair_is_looked_for_past_the_first_twelve_members_trying_each_text_once():
    """A story whose first 13 members are one wire text, then two copies of it that differ from
    each other: only the first 12 members were tried, and two copies compared. Every member is
    tried now, but a text tried already is not tried again (its partner would be the same)."""
    members = [f"w{n:02d}" for n in range(13)] + ["b", "c"]
    texts = {m: "wire" for m in members[:13]} | {"b": "wire, a fifth changed", "c": "wire, another fifth"}
    differ = {("b", "c"), ("c", "b")}
    is_copy = lambda a, b: (a, b) not in differ  # noqa: E731
    asked: list[str] = []

    def partner_of(article_id: str) -> str:
        asked.append(article_id)
        return next((m for m in members if m != article_id and not is_copy(article_id, m)), "w01")

    assert pick_pair(members, partner_of, is_copy, texts.__getitem__) == ("b", "c", False)
    assert asked == ["w00", "b"]
    asked.clear()
    assert pick_pair(members, partner_of, is_copy) == ("b", "c", False)  # no texts: each member tried
    assert len(asked) == 14
    assert pick_pair(members[:13], partner_of, is_copy, texts.__getitem__) == ("w00", "w01", True)


def test_the_library_pair_of_a_story_passes_over_a_first_article_with_only_copies_beside_it(tmp_path):
    """`reader compare STORY` and the app's `c` on the story's row: the wire story's two reprints
    each edited two sentences of their own (copies of the wire, not of each other): those two."""
    from reader.library import Library, StoryNotFound

    def edited(numbers, by):
        text = WIRE
        for n in numbers:
            text = text.replace(f"number {n} of the wire story", f"{n} of the {by}'s own reporting")
        return text

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, outlet, text in (
        ("a-wire", "Agency", WIRE),
        ("b-reprint", "Bugle", edited((1, 2), "Bugle")),
        ("c-reprint", "Courier", edited((5, 6), "Courier")),
    ):
        (corpus / f"{name}.md").write_text(
            f"---\ntitle: Summit\noutlet: {outlet}\ndate: 2025-10-21\nstory: summit\n---\n\n{text}\n", encoding="utf-8"
        )
    library = Library([corpus], tmp_path / "index")
    try:
        (story,) = library.stories()
        assert story.articles[0] == "a-wire" and library.partner(library.article("a-wire")) == "b-reprint"
        left, right, copy = library.story_comparison(story.id)
        assert (left.id, right, copy) == ("b-reprint", "c-reprint", False)
        with pytest.raises(StoryNotFound):
            library.story_comparison("no-such-story")
    finally:
        library.close()


@functools.lru_cache(maxsize=None)
def _keys(text: str):
    return sentence_keys(text)  # the made-up stories' texts are split once


def _made_up_story(rng, size: int) -> tuple[list[Meta], dict[str, str | None]]:
    """A story of `size` articles of one wire text: word-for-word reprints, some under a byline,
    some with sentences rewritten or added, a few texts of their own, empty or unreadable (None),
    some outlets printing two; in a random order. Most are under a byline (a wire story's
    reprints: its first pairs are copies), with one other kind of near copy, and in a third of
    the stories one kind that is no copy."""
    wire = [f"Sentence {n} of the wire story {rng.randrange(3)} says what happened." for n in range(rng.randint(1, 15))]
    kinds = ["byline"] * 6 + rng.sample(["copy", "edited", "added", "same"], 1)
    if rng.random() < 0.3:
        kinds += rng.sample(["own", "empty", "unreadable"], 1)
    metas, texts = [], {}
    for n in range(size):
        kind = rng.choice(kinds)
        sentences = list(wire)
        if kind == "byline":
            sentences.insert(0, f"By reporter {rng.randrange(size)}.")
        elif kind == "edited":
            for at in rng.sample(range(len(sentences)), rng.randint(1, max(1, len(sentences) // 3))):
                sentences[at] = f"Paper {n} rewrote point {at} its own way."
        elif kind == "added":
            sentences += [f"Paper {n} adds detail {k}." for k in range(rng.randint(1, 4))]
        elif kind == "own":
            sentences = [f"Paper {n} tells it in words of its own, part {k}." for k in range(rng.randint(1, 8))]
        article_id = f"m{n:03d}"
        texts[article_id] = {"empty": "", "unreadable": None}.get(kind, " ".join(sentences))
        if kind == "same" and n:
            texts[article_id] = texts[f"m{rng.randrange(n):03d}"]
        metas.append(Meta(article_id, f"Outlet {rng.randrange(max(2, size // 2))}", "Summit", "2025-10-21"))
    rng.shuffle(metas)
    return metas, texts


def _story_pair_of(metas: list[Meta], texts: dict[str, str | None], bound: bool, checks: list | None = None):
    """pick_pair as the Library calls it, over made-up texts: each id's text (None: unreadable,
    no copy of any and tried as itself), the partner as pick_partner chooses it."""
    members = [m.id for m in metas]
    stories = [Story(members)]
    keys = {i: None if text is None else _keys(text) for i, text in texts.items()}
    copy_checks = {i: CopyCheck(text) for i, text in texts.items() if text is not None}
    by_id = {m.id: m for m in metas}

    def is_copy(left: str, right: str) -> bool:
        if checks is not None:
            checks.append((left, right))
        other = keys[right]
        return left in copy_checks and other is not None and copy_checks[left].copied_by_keys(other)

    def partner_of(left: str) -> str | None:
        return None if texts[left] is None else pick_partner(by_id[left], metas, stories, lambda r: is_copy(left, r))

    surely = SurelyCopies([keys[m] for m in members])
    return pick_pair(
        members,
        partner_of,
        is_copy,
        lambda i: i if texts[i] is None else texts[i],
        (lambda i: surely.of(keys[i])) if bound else None,
    )


def test_the_story_pair_is_chosen_as_before_on_varied_made_up_stories():
    """The bound (SurelyCopies) skips members only: the pair chosen is the one each member's
    partner, looked for in turn, gave (today's way, pick_pair with no bound), on 300 stories of
    reprints, bylines, rewrites, additions, own versions, empty and unreadable texts."""
    import random

    rng = random.Random(54)
    skipped = 0
    for _ in range(300):
        metas, texts = _made_up_story(rng, rng.randint(1, 25))
        with_bound, without = [], []
        assert _story_pair_of(metas, texts, True, with_bound) == _story_pair_of(metas, texts, False, without)
        skipped += len(with_bound) < len(without)
    assert skipped > 80  # the bound did skip members in many of them


def test_a_text_surely_a_copy_of_every_other_is_one():
    """SurelyCopies never says yes of a text that is not a copy of every text given (a no may be
    wrong): made-up stories' texts, each checked against every other."""
    import random

    rng = random.Random(7)
    said_yes = 0
    for _ in range(200):
        metas, texts = _made_up_story(rng, rng.randint(1, 12))
        keys = [None if t is None else _keys(t) for t in texts.values()]
        surely = SurelyCopies(keys)
        for text, own in zip(texts.values(), keys):
            if surely.of(own):
                said_yes += 1
                assert all(other is not None and CopyCheck(text or "").copied_by_keys(other) for other in keys)
    assert said_yes > 50
    assert not SurelyCopies([]).of(sentence_keys(WIRE))
    assert not SurelyCopies([sentence_keys(WIRE), sentence_keys("")]).of(sentence_keys(WIRE))  # an empty text


def test_a_story_of_near_copies_is_paired_in_checks_growing_with_its_size_not_its_square():
    """200 reprints of a wire story, each under its own byline (every text differs, each a copy
    of every other): each member's partner was looked for against every other, 40,000 copy
    checks (0.63 s). Now the first pair only: a few checks a member."""
    wire = " ".join(f"Sentence {n} of the wire story says what happened." for n in range(30))
    metas = [Meta(f"m{n:03d}", f"Paper {n}", "Summit", "2025-10-21") for n in range(200)]
    texts: dict[str, str | None] = {m.id: f"By reporter {n}. {wire}" for n, m in enumerate(metas)}
    checks: list = []
    assert _story_pair_of(metas, texts, True, checks) == ("m000", "m001", True)
    assert len(checks) < 3 * len(metas)
    texts["m199"] = " ".join(f"Paper 199 tells it its own way, part {n}." for n in range(30))
    checks.clear()
    assert _story_pair_of(metas, texts, True, checks) == ("m000", "m199", False)  # found past every copy
    assert len(checks) < 3 * len(metas)


def test_the_library_pairs_a_story_of_reprints_under_bylines_without_checking_each_against_each(tmp_path, monkeypatch):
    """reader compare STORY and `c` on its row (Library.story_pair): 40 reprints of a wire story,
    each under its byline, the last two rewriting three sentences each (copies of the wire, not of
    each other): those two, found in a few copy checks a member (each against each: 1,600)."""
    from reader.analysis.stories.model import Story as LibraryStory
    from reader.library import Library

    wire = [f"Sentence number {n} of the wire story says something new about the summit." for n in range(20)]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    members = [f"r{n:02d}" for n in range(40)] + ["s-bugle", "t-courier"]
    for n, name in enumerate(members):
        sentences = [f"By reporter {n}.", *wire]
        for at in {"s-bugle": (1, 2, 3), "t-courier": (7, 8, 9)}.get(name, ()):
            sentences[at] = f"The {name} paper reports point {at} its own way."
        (corpus / f"{name}.md").write_text(
            f"---\ntitle: Summit\noutlet: Paper {n}\ndate: 2025-10-21\n---\n\n{' '.join(sentences)}\n", encoding="utf-8"
        )
    checks = []
    copied_by_keys = CopyCheck.copied_by_keys
    monkeypatch.setattr(
        CopyCheck, "copied_by_keys", lambda self, other: checks.append(1) or copied_by_keys(self, other)
    )
    library = Library([corpus], tmp_path / "index")
    try:
        stories = [LibraryStory(id="s-summit", label="Summit", articles=members)]
        left, right, copy = library.story_pair(members, stories, library.articles())
        assert (left.id, right, copy) == ("s-bugle", "t-courier", False)
        assert len(checks) < 3 * len(members)
    finally:
        library.close()
