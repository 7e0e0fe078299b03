"""Boilerplate rules: the seeds' exact clean texts, every rule kind, and what must be kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.corpus.boilerplate import MAX_RULE_LINE, strip_boilerplate
from reader.corpus.clean import clean_and_infer
from reader.corpus.outlets import Rules, load_registry

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FOX_SEED = SEEDS / "000_d35029dd94d24c05.txt"
MT_SEED = SEEDS / "004_5af44beeb4aa5335.txt"


@pytest.fixture(autouse=True)
def _no_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "my-config"))


@pytest.fixture(scope="module")
def registry():
    return load_registry(use_user_file=False)


def sentences(text: str) -> list[str]:
    """A plain splitter for the tests: after . ! ? (and a closing quote) before a capital/quote."""
    parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[\"“‘]?[A-Z])|\n+", text)
    return [" ".join(p.split()) for p in parts if p.strip()]


def words(text: str) -> str:
    return " ".join(text.split())


def clean(text: str, outlet: str | None = None, registry=None) -> str:
    return clean_and_infer(text, {"outlet": outlet}, source_name="t.txt", registry=registry)[0]


# -- the seeds ----------------------------------------------------------------------------------
FOX_PREFIX = " date 2025-10-21 NEW You can now listen to Fox News articles!"
FOX_CREDIT = "Fox News' Caitlin McFall contributed to this report."


@pytest.mark.parametrize("meta", [{}, {"outlet": "Fox News", "date": "2025-10-21"}])
def test_fox_seed_loses_exactly_its_boilerplate(meta):
    raw = FOX_SEED.read_text(encoding="utf-8")
    assert raw.startswith(FOX_PREFIX) and raw.endswith(FOX_CREDIT)  # the seed's quirks
    reporting = raw[len(FOX_PREFIX) : -len(FOX_CREDIT)]

    text, out, _ = clean_and_infer(raw, dict(meta), source_name=FOX_SEED.name)

    for gone in ("date 2025-10-21", "NEW You can now listen to Fox News articles!", FOX_CREDIT):
        assert gone not in text
    expected = sentences(reporting)
    assert len(expected) >= 15
    for sentence in expected:
        assert sentence in words(text), sentence
    assert sentences(text) == expected
    assert out["outlet"] == "Fox News" and out["date"] == "2025-10-21"


@pytest.mark.parametrize("meta", [{}, {"outlet": "The Moscow Times"}])
def test_moscow_times_seed_loses_the_appeal_to_the_end(meta):
    raw = MT_SEED.read_text(encoding="utf-8")
    cut = raw.index("A Message from The Moscow Times:")
    assert raw.rstrip().endswith("Remind me later.")
    reporting = raw[:cut]

    text, out, _ = clean_and_infer(raw, dict(meta), source_name=MT_SEED.name)

    for gone in ("A Message from The Moscow Times", "Dear readers", "Remind me later", "$2"):
        assert gone not in text
    expected = sentences(reporting)
    assert len(expected) >= 9
    for sentence in expected:
        assert sentence in words(text), sentence
    assert sentences(text) == expected
    assert out["outlet"] == "The Moscow Times"


# -- rule kinds ---------------------------------------------------------------------------------
def rules(**kinds) -> list[Rules]:
    return [Rules(**{k: [re.compile(p, re.I) for p in v] for k, v in kinds.items()})]


def test_cut_removes_glued_widget_text_and_splits_the_line_there():
    text = "Intro.\nJane DoeWIDGETNext heading\nA sentence.\n WIDGET\nEnd WIDGETWIDGET."
    out = strip_boilerplate(text, rules(cut=["widget"], drop_lines=["end"]))
    assert out.text == "Intro.\nJane Doe\nNext heading\nA sentence.\n."
    assert out.removed == ["WIDGET", "WIDGET", "WIDGET", "WIDGET", "End"]


# A live blog as scraped with its comment widget (Livefyre): the buttons and each post's header
# glued to the byline before them and the heading after them.
LIVE_BLOG = (
    "Follow the debate below:\n\n"
    "12 postsGet LivefyreFAQSign in3 people listening + FollowSharePost comment as...LoadingFollow "
    "LiveblogNewest | OldestJane Roe 5ptsmoderatorFeaturedMarch 3, 2016 9:19PMSanders Takes On Clinton\n"
    "Bernie Sanders said he would share the stage. People like to reply, Flag Day aside.\n"
    "Sam O'NeilFlagShareLikeReplyJane Roe 5ptsmoderatorFeaturedMarch 3, 2016 9:02PMA Photo\n"
    "Candidates on stage in Detroit, Mich.FlagShareLikeReplyAl Smith 12ptsmoderatorFeaturedMarch 3, 2016 8:57PMOpening\n"
    "The debate opened with a question on water.\n"
    " FlagShareLikeReplyShow More Posts."
)


def test_shipped_rules_cut_a_live_blogs_comment_widget_and_keep_its_posts(registry):
    text = clean(LIVE_BLOG, outlet="HuffPost", registry=registry)
    assert text.split("\n") == [
        "Follow the debate below:",
        "",
        "Sanders Takes On Clinton",
        "Bernie Sanders said he would share the stage. People like to reply, Flag Day aside.",
        "Sam O'Neil",
        "A Photo",
        "Candidates on stage in Detroit, Mich.",
        "Opening",
        "The debate opened with a question on water.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell. Like the reply, it was flagged.",
        "The app's LikeShare button is new.",  # two glued words: a product's name, perhaps
        "FlagStaff Reporter Jane Doe wrote it.",
        "The team won by 5pts in March 3, 2016 9:02PM play.",
        "Jane Doe 5 pts moderator.",
    ],
)
def test_shipped_widget_cuts_leave_sentences_alone(registry, line):
    assert clean(f"Intro.\n{line}", registry=registry) == f"Intro.\n{line}"


def test_drop_lines_match_whole_lines_only():
    text = "Intro sentence here.\nSponsored\nThe word Sponsored inside a sentence stays.\n"
    out = strip_boilerplate(text, rules(drop_lines=["sponsored"]))
    assert out.text == "Intro sentence here.\nThe word Sponsored inside a sentence stays.\n"
    assert out.removed == ["Sponsored"]


def test_teaser_goes_only_at_the_start():
    text = "LISTEN NOW Reporting begins here.\n\nLater: LISTEN NOW is a phrase in a sentence."
    out = strip_boilerplate(text, rules(teaser=[r"LISTEN NOW\s*"]))
    assert out.text == "Reporting begins here.\n\nLater: LISTEN NOW is a phrase in a sentence."


def test_appeal_cuts_everything_after_it_but_never_the_first_line():
    text = "Reporting one.\nReporting two.\nPlease donate:\nWe need money.\nThanks."
    assert strip_boilerplate(text, rules(appeal=["please donate:"])).text == "Reporting one.\nReporting two."
    first = "Please donate:\nReporting that follows."
    assert strip_boilerplate(first, rules(appeal=["please donate:"])).text == first
    inside = "Reporting one.\nShe said please donate: to the fund, it is urgent.\nMore reporting."
    assert strip_boilerplate(inside, rules(appeal=["please donate:"])).text == inside


def test_overlong_lines_are_never_matched():
    long_line = "Sponsored " + "word " * (MAX_RULE_LINE // 5)
    out = strip_boilerplate(long_line, rules(drop_lines=[r"sponsored.*"]))
    assert out.text == long_line


def test_patterns_joined_into_one_drop_exactly_the_lines_each_one_drops(registry):
    # strip_boilerplate joins the plain patterns into one alternation; a pattern that would
    # change meaning there (a back-reference, another flag) and a user's timed pattern stay apart.
    from reader.corpus.outlets import UserPattern

    patterns = [
        re.compile(r"(spon)sored(?-i: BY [A-Z]\w+)?", re.I),
        re.compile(r"(ab)\1 widget", re.I),
        re.compile(r"case sensitive"),
        UserPattern(r"promo(?:tion)? code \w+", "test"),
        *registry.generic.drop_lines,
    ]
    lines = [
        "Sponsored BY Acme",
        "sponsored by Acme",
        "abab widget",
        "ab widget",
        "case sensitive",
        "CASE SENSITIVE",
        "Promotion code X1",
        "Sign up for our newsletter",
        "He said: sign up for our newsletter",
        "Follow us on Twitter",
        "follow us on Twitter",
        "Click here to read more",
        "Read more: the budget",
        "Reporting by Jane Doe; Editing by Al",
        "The council met on Monday and said it would sign up for the newsletter scheme.",
    ]
    text = "\n".join(lines)
    out = strip_boilerplate(text, [Rules(drop_lines=patterns)])
    expected = [line for line in lines if not any(p.fullmatch(line) for p in patterns)]
    assert out.text == "\n".join(expected)
    assert out.removed == [line for line in lines if line not in expected]
    assert 3 < len(out.removed) < len(lines) - 3


BODY = "The mayor announced the budget on Monday.\n\nIt passed with a large majority."


@pytest.mark.parametrize(
    "line",
    [
        "The Associated Press contributed to this report.",
        "Fox News' Caitlin McFall and Reuters contributed to this report.",
        "Keith Bradsher contributed reporting from Hong Kong.",
        "(Reporting by Jane Roe in Moscow; Editing by John Smith)",
        "Reporting by Jane Roe in Moscow",
        "Sign up for our Morning Briefing newsletter.",
        "Get our free Politics newsletter delivered to your inbox",
        "CLICK HERE to read more about the budget",
        "Sign up",
        "Remind me later.",
        "Share this article",
        "Share | Tweet | Email | Print",
        "Read more: Budget fight heads to the council",
        "RELATED: Mayor's race tightens",
        "You may also like...",
        "Photo by Jane Roe",
        "(AP Photo/Evan Vucci)",
        "Chip Somodevilla/Getty Images",
        "Image caption, The mayor at the podium",
        "Advertisement",
        "Listen to this article",
        "5 min read",
        "Copyright 2024 Example Media. All rights reserved.",
        "Follow us on Twitter and Facebook",
        "Updated at 1:23 p.m. ET",
        "|---|---|---|",
    ],
)
def test_generic_rules_drop_boilerplate_lines(registry, line):
    text = f"The mayor announced the budget on Monday.\n\n{line}\n\nIt passed with a large majority."
    assert clean(text, registry=registry) == BODY


@pytest.mark.parametrize(
    "line",
    [
        'Mike Wall\'s book, "Out There", is out now. Follow him on Twitter @michaeldwall. Follow us on Twitter @Spacedotcom.',
        "There's plenty more where that came from. Sign up for The Water Coolest to get the free daily newsletter.",
        "Have a tip? Amy Kuperinsky may be reached at akuperinsky@njadvancemedia.com. Follow her on Twitter @AmyKup.",
        "Jane Roe may be reached at jroe@example.com.",
        "Got a tip? Jane Roe can be reached at jroe@example.com or on Signal at 555-0100.",
        "Read her earlier column here. Follow her on Twitter, Facebook and Instagram @janeroe.",
        "More on that soon. Sign up for our newsletter, delivered to your inbox every Friday.",
        # WordPress shortcodes a page printed as text (aeb-dev: morebikes.co.uk)
        "[button link=”http://www.example.co.uk/submit-kit-review/” type=”big” newwindow=”yes”] Send us YOUR kit review[/button]",
        '[gallery ids="1,2,3"]',
        "[contact-form-7 id='12' title='Contact']",
    ],
)
def test_a_closing_line_ending_in_a_call_to_follow_or_subscribe_or_a_tip_address_is_dropped(registry, line):
    # Kept when a sentence came before the call (aeb-dev: space.com, dealbreaker.com, nj.com).
    text = f"The mayor announced the budget on Monday.\n\n{line}\n\nIt passed with a large majority."
    assert clean(text, registry=registry) == BODY


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said three agencies contributed to this report.",
        "She said the AP contributed to this report, which was published Monday.",
        "Reporting by the Times found that the mayor had misled the council.",
        "Writing by hand is slow, the clerk said.",
        "Critics urged residents to sign up for the newsletter, which was launched by the mayor.",
        "He told supporters to click here and there on the map before the vote.",
        "The app asked users whether to remind me later or update now, the report said.",
        "Voters can read more about the plan on the city website, officials said.",
        "Related questions about the budget remain, she said.",
        "Advertisement spending by the campaign doubled in March.",
        "Updated figures show the budget grew by 5% in 2023.",
        "Follow the money, he told reporters, and you will find the truth.",
        "Share prices fell after the announcement.",
        "Sign up for the city newsletter to get alerts, the mayor told residents.",
        "Click here to vote, the campaign's text message said, linking to a fake site.",
        "Follow us on Twitter, the group told its members, or lose access to the updates.",
        "The senator deleted the post. Follow him on Twitter, he said, and you will see why.",
        "The club grew fast. Sign up for the newsletter, its founder told members, and get a discount.",
        "The suspect, who may be reached at jdoe@example.com, according to court filings, fled.",
        # a call to follow, sign up or reach someone that a sentence goes on after (session 62's
        # closing-line rules dropped them, and the sentences before them)
        "The account had grown fast. Follow him on Twitter and you will see the insults pile up.",
        "Ms. Roe left the party in 2019. Follow her on Twitter, where she has 2 million followers.",
        "Smith declined to comment. Follow Smith on Twitter was the campaign's slogan.",
        "The portal opened Monday. Sign up for the newsletter was slow at first.",
        "Voters were angry. Sign up to vote closes Friday; the county's newsletter reminded residents.",
        "Results were delayed. Subscribe now, the paper's newsletter urged, in a headline critics mocked.",
        "Prosecutors believe Doe may be reached at jdoe@example.com by victims seeking restitution.",
        "Anyone with information can be reached at tips@police.gov. The reward is $5,000.",
        "Jane Roe may be reached at jroe@example.com. She was charged with fraud in 2019.",
        # an editor's brackets, not a shortcode
        "[sic]",
        "[Update 3 p.m.: police said two were hurt]",
        "[laughs]",
    ],
)
def test_boilerplate_like_phrases_inside_reporting_sentences_are_kept(registry, sentence):
    text = f"The mayor announced the budget on Monday.\n\n{sentence}\n\nIt passed with a large majority."
    assert clean(text, registry=registry) == text


@pytest.mark.parametrize(
    "line",
    [
        # aeb-dev: morebikes.co.uk, moneycontrol.com
        "Get Motor Cycle Monthly delivered through your letterbox every month. 12 issues for £11.99. Click here for more information.",
        "Get access to India's fastest growing financial subscriptions service Moneycontrol Pro for as little as Rs 599 for"
        ' first year. Use the code "GETPRO". Moneycontrol Pro offers you all the information you need for wealth creation.',
        "Subscribe to Wired for just $5 a year.",
        "Become a subscriber for as little as £1 a month.",
        "Get unlimited access to all our journalism for just $1 a week.",
        "Get 4 weeks of unlimited access for $1.",
        "Start your digital subscription today, then just $4.99/month.",
        "Subscribe today from just €1 for the first 3 months.",
        "Sign up for our newsletter.",
        "Subscribe to our newsletter: https://example.com/news",
        "Sign up for our newsletter and get the best stories delivered to your inbox.",
        # what follows "newsletter" is no call's word, but the line speaks to the reader
        "Sign up for our newsletter (it's free).",
        "Sign up for our newsletter, The Morning, to get the news you need.",
        "Sign up for our newsletter | Follow us on Twitter",
        "Subscribe to the Politics newsletter 👉 https://example.com/a",
        "Get our free newsletter sent straight to your inbox.",
    ],
)
def test_a_line_calling_to_subscribe_at_a_price_or_to_a_newsletter_is_dropped(registry, line):
    text = f"The mayor announced the budget on Monday.\n\n{line}\n\nIt passed with a large majority."
    assert clean(text, registry=registry) == BODY


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for the newsletter was slow at first.",
        "Sign up for the newsletter drive began in May.",
        "Subscribe to the newsletter became a rallying cry.",
        "Register for the newsletter remained open until Friday.",
        "Get the newsletter was the top search on the site.",
        "Get this: the subscription costs $500 a year.",
        "Order restored: the issues for $5 million in damages were settled.",
        "Join talks on access for $50 million in aid.",
        "Subscribers pay from $5 a month for access.",
        "Join the 3,000 members who paid for the stadium at $40 a seat, the club said.",
        # a compound, a lede's set-up before a colon, a price of goods or credit: no reader's rate
        "Buy-side analysts expect the share issue to price at $20 apiece.",
        "Get-out-the-vote groups bought access to voter files for $5,000.",
        "Buy now, pay later services give shoppers access to credit for as little as $50.",
        "Buy American rules cover the bond issue at $500 apiece.",
        "Subscribe and Save orders on Amazon rose, with delivery for $0.99.",
        "Join Together, a charity, gives families access to counselling for $10 a session.",
        "Get this: access to the database was sold at just $5 per record.",
        "Start your engines: Tesla's new subscription for self-driving costs from $199 a month.",
    ],
)
def test_a_sentence_that_opens_as_a_call_to_subscribe_is_kept(registry, line):
    """The newsletter rule ended in any 150 characters: it dropped these whole sentences; the
    price rule, where a call word opened a line naming access or an issue and any price, dropped
    the news of a share issue, of credit, of a voter file."""
    text = f"The mayor announced the budget on Monday.\n\n{line}\n\nIt passed with a large majority."
    assert clean(text, registry=registry) == text


@pytest.mark.parametrize(
    "outlet, line",
    [
        ("Fox News", "DOWNLOAD THE FOX NEWS APP TODAY"),
        ("Fox News", "TRUMP SAYS HE WILL MEET PUTIN IN BUDAPEST"),
        (
            "Associated Press",
            "The Associated Press receives support from several private foundations. The AP is solely responsible for all content.",
        ),
        ("Reuters", "Our Standards: The Thomson Reuters Trust Principles."),
        ("The Wall Street Journal", "Write to Jane Roe at jane.roe@wsj.com"),
        ("The Guardian", "after newsletter promotion"),
        ("Bloomberg", "Most Read from Bloomberg"),
        ("Al Jazeera", "Source: Al Jazeera and news agencies"),
        ("USA Today", "Contributing: Jane Roe, USA TODAY"),
        ("Breitbart News", "Follow Jane Roe on Twitter @janeroe."),
        ("NPR", "Copyright 2024 NPR. To see more, visit https://www.npr.org."),
    ],
)
def test_outlet_rules_apply_to_their_outlet_only(registry, outlet, line):
    text = f"The mayor announced the budget on Monday.\n\n{line}\n\nIt passed with a large majority."
    assert clean(text, outlet=outlet, registry=registry) == BODY
    if outlet != "Breitbart News":  # a "Follow ... on Twitter" line is generic too
        assert line in clean(text, outlet="Some Local Paper", registry=registry)


@pytest.mark.parametrize(
    "outlet, appeal",
    [
        ("The Moscow Times", "A Message from The Moscow Times:"),
        ("HuffPost", "Also on HuffPost"),
        ("The New York Times", "A version of this article appears in print on Oct. 12, 2012, on Page A16."),
        ("Daily Mail", "Share or comment on this article:"),
        ("BBC News", "More on this story"),
    ],
)
def test_outlet_appeals_cut_the_rest(registry, outlet, appeal):
    text = f"{BODY}\n\n{appeal}\nDear readers, please give.\n\nLinks and more links."
    assert clean(text, outlet=outlet, registry=registry) == BODY
    assert "Links and more links." in clean(text, outlet="Some Local Paper", registry=registry)


def test_fox_capitals_rule_keeps_short_capital_lines_and_normal_text(registry):
    text = (
        "WASHINGTON —\n\nThe mayor announced the budget on Monday.\n\nNATO ALLIES MET.\n\n"
        "1. WHAT TRUMP’S IMMIGRATION WAFFLING REFLECTS.\n\nGOING BROKE FOR THE MAYOR OF RIVERSIDE.\n\n"
        "“DIVISIVE, STUPID AND WRONG AND SO ON”"
    )
    assert clean(text, outlet="Fox News", registry=registry) == text


def test_a_long_appeal_paragraph_still_starts_the_appeal(registry):
    appeal = "… we have a small favour to ask. Millions of readers rely on us. " + "Please give. " * 60
    text = f"{BODY}\n\n{appeal}\n\nSupport the Guardian\nMore links."
    assert len(appeal) > MAX_RULE_LINE
    assert clean(text, outlet="The Guardian", registry=registry) == BODY


def test_what_boilerplate_removal_leaves_of_tidy_text_needs_only_blank_runs_and_ends_tidied():
    import random

    from reader.corpus.clean import _tidy_after_removal, tidy_whitespace

    rng = random.Random(3)
    pieces = ["Sponsored", "LISTEN NOW", "Donate:", "word", "  ", " ", "\n", "\n\n", "\t", "\u00a0", "\u2028", "x. "]
    kinds = rules(drop_lines=["sponsored", "x\\."], teaser=["listen now ?", "word "], appeal=["donate:"], cut=["x"])
    for _ in range(5000):
        tidy = tidy_whitespace("".join(rng.choice(pieces) for _ in range(rng.randint(0, 16))))
        rest = tidy[rng.randint(0, len(tidy)) :]  # what a date prefix or a teaser leaves
        left = strip_boilerplate(rest, kinds).text
        assert _tidy_after_removal(left) == tidy_whitespace(left), (tidy, rest)


def test_shipped_rules_drop_a_scraped_stylesheet_and_export_labels(registry):
    """Lines that scrapes and database exports leave in plain text: a page's <style> block, an
    export's section labels, a photo agency or a video player's close button alone."""
    text = (
        "ABSTRACT.\nThe senator spoke.\nFULL TEXT.\nThe senator spoke on Monday in Ohio.\nGetty.\nX.\n"
        ".gmobile {\n   width:100%;\n   border-top:1px solid #cccccc;\n   }\n"
        "@media screen and (max-width: 600px) {\n.bio-text, .twitter-bio {\nheight: 275px !important;\n}.\n}.\n"
        "We Are Sorry,This video is restricted from playing in your locationEcode: 17.\n"
        "Abstract art sold well. X marks the spot.\nUpdate: the vote was close;\nFull text of the speech:\n"
        "Getty Images said it would appeal."
    )
    assert clean(text, registry=registry).split("\n") == [
        "The senator spoke.",
        "The senator spoke on Monday in Ohio.",
        "Abstract art sold well. X marks the spot.",
        "Update: the vote was close;",
        "Full text of the speech:",
        "Getty Images said it would appeal.",
    ]


# -- cut rules on a large text ------------------------------------------------------------------
def test_cut_rules_need_a_literal_so_only_lines_holding_one_are_searched(registry):
    # The shipped cut rules each need a word a plain substring search finds; without one the fast
    # path is off and every line of a 10 MB article is searched by each rule again.
    from reader.corpus.boilerplate import _needs

    for pattern in registry.generic.cut:
        assert _needs(pattern), pattern.pattern
    assert _needs(re.compile(r"a(?:cde|efg)+h?", re.I)) == {("cde", True), ("efg", True)}
    assert _needs(re.compile(r"(?-i:Flag)x", re.I)) == {("Flag", False)}
    assert _needs(re.compile(r"^widget", re.I)) is None  # a line's start is not the text's
    assert _needs(re.compile(r"(?:x|(?<=a$))widget", re.I)) is None
    assert _needs(re.compile(r"[a-z]+\d", re.I)) is None


@pytest.mark.parametrize("outlet", [None, "Fox News"])
def test_cut_on_a_big_text_is_the_same_as_searching_every_line(registry, monkeypatch, outlet):
    import random

    from reader.corpus import boilerplate

    rng = random.Random(5)
    pieces = [
        "Julia CravenFlagShareLikeReplyAni Vrabel 5ptsmoderatorFeaturedFebruary 6, 2016 10:57PMJeb Bush Hits",
        "34 postsGet LivefyreFAQSign in5 people listening Newest | OldestAni Vrabel 5ptsmoderatorFeatured",
        "Joe Smith 12ptsFeatured",
        "ReportQuoteMute Mary Ann Lee 3ptsmoderator",
        "He attempts a reply. The Washington Post reported it; officials Like the plan.",
        "Share this article",
        "A sentence of reporting about the vote, long enough to be a paragraph of its own.",
        "",
    ]
    text = "\n".join(" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 3))) for _ in range(10_000))
    rules = registry.rules_for(outlet)
    fast = strip_boilerplate(text, rules)
    monkeypatch.setattr(boilerplate, "_lines_to_cut", lambda *args: None)  # every line searched
    reference = strip_boilerplate(text, rules)
    assert fast.text == reference.text
    assert fast.removed == reference.removed
    assert "5pts" not in fast.text and "Get Livefyre" not in fast.text


def test_without_the_regex_parser_every_line_is_searched_with_the_same_result(registry, monkeypatch):
    # re._parser is CPython's private module: on a Python without it, cutting still works
    from reader.corpus import boilerplate

    text = "A sentence of reporting.\n34 postsGet LivefyreFAQSign in5 people listening Newest | Oldest\nMore news."
    rules = registry.rules_for("Fox News")
    expected = strip_boilerplate(text, rules)
    monkeypatch.setattr(boilerplate, "sre_parse", None)
    monkeypatch.setattr(boilerplate, "_NEEDS", {})
    assert boilerplate._needs(re.compile("Newest \\| Oldest")) is None
    stripped = strip_boilerplate(text, rules)
    assert (stripped.text, stripped.removed) == (expected.text, expected.removed)
    assert "Livefyre" not in stripped.text


@pytest.mark.parametrize(
    "line",
    [
        "Thanks for reading The Letter! Subscribe for free to receive new posts and support my work.",
        "Thanks for reading Jane’s Notes! This post is public so feel free to share it.",
        "Why things happen was originally published in Better Cities on Medium, where people are continuing"
        " the conversation by highlighting and responding to this story.",
        "View this post on Instagram",
        "A post shared by Jane Mayor (@jane.mayor)",
    ],
)
def test_the_lines_substack_medium_and_instagram_embeds_put_in_posts_go(registry, line):
    """Substack's subscription box and Medium's footer were kept as the last sentences of every
    post of such a feed (the comparison lists them as what one side alone says), and an embedded
    Instagram post's two lines in any article that embeds one."""
    assert clean(f"Reporting one.\n\n{line}\n\nReporting two.", registry=registry) == "Reporting one.\n\nReporting two."


@pytest.mark.parametrize(
    "line",
    [
        "Thanks for reading this far, she wrote to her subscribers.",
        "The report was originally published in March on Medium, the author said.",
        "A post shared by the mayor drew criticism.",
    ],
)
def test_sentences_that_only_resemble_those_lines_stay(registry, line):
    assert clean(f"Reporting one.\n\n{line}", registry=registry) == f"Reporting one.\n\n{line}"
