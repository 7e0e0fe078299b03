"""Main text and metadata of an HTML article page, extracted with trafilatura.

trafilatura needs `lxml_html_clean` with current lxml (a dependency of the project). The options
below were chosen on the aeb-dev extraction benchmark (bench/eval_extraction.py). No UI imports.
"""

from __future__ import annotations

import logging
import re
from html import unescape as _unescape
import unicodedata
from typing import Any, Iterator
from urllib.parse import urlsplit

from reader.corpus.decode import INVISIBLE_IN_NAMES, mongolian_placed
from reader.corpus.joiners import drop_stray_joiners
from reader.corpus.infer import BYLINE_LIMIT, author_with_byline, tidy_author
from reader.corpus.outlets import default_registry, host_of, site_name
from reader.wording import counted

# trafilatura and htmldate log their doubts about a page as warnings; without a handler Python
# prints those on stderr, which would mix with --json output and progress.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

MAX_HTML_CHARS = 20_000_000  # the loader refuses bigger files; a guard for direct callers

# The trafilatura options reader uses (see bench/eval_extraction.py for the measurements).
EXTRACT_OPTIONS: dict[str, Any] = dict(
    include_comments=False,
    include_tables=True,
    include_images=False,
    include_links=False,
    favor_precision=True,
    favor_recall=False,
    deduplicate=False,
)

MIN_WORDS = 12  # fewer words than this is a navigation stub or an error page, not an article


def date_options() -> dict[str, Any]:
    """htmldate's options: the page's own date (its metadata and markup, its URL), never the
    extensive search, which guesses from any year in the page ("(c) 2017" in a footer, "since
    1998" in the text, the year of an invalid date) and makes up "YYYY-01-01" from it. No date
    after the clock's next day, as for dates read from text: a page published after midnight in a
    zone ahead of UTC lost its date for an older one of the page, and a clock set back lost all."""
    from reader.corpus.clean import FUTURE_SLACK, clock_day

    return {
        "original_date": True,
        "extensive_search": False,
        "max_date": (clock_day() + FUTURE_SLACK).isoformat(),
    }


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_HTML_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# ANSI/OSC/DCS escape sequences (bounded, so an unterminated one cannot swallow a page)
_ANSI = re.compile(
    r"\x1b(?:\[[0-?]{0,64}[ -/]{0,8}[@-~]?|\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)?"
    r"|[PX^_][^\x1b]{0,512}(?:\x1b\\)?|.?)",
    re.S,
)
# numeric character references: those to C0 controls and DEL make trafilatura give up
_CHAR_REF = re.compile(r"&#(?:([0-9]{1,8})|[xX]([0-9a-fA-F]{1,7}));?")


def _control_ref(match: re.Match) -> str:
    code = int(match[1]) if match[1] else int(match[2], 16)
    if code < 32 and code not in (9, 10, 13) or code == 127:
        return chr(code)  # removed below, together with the escape sequence it may start
    return match[0]


def _sanitise_html(html: str) -> str:
    """The page with escape sequences and control characters removed, including those written
    as character references (&#27;), before anything parses it."""
    html = _CHAR_REF.sub(_control_ref, html)
    html = _ANSI.sub("", html)
    return _HTML_CONTROLS.sub("", html)


# The invisible characters that belong to a word's spelling (the zero-width non-joiner of Persian
# "می‌خواهم", the joiner of an emoji family or of Indic conjuncts, the Mongolian vowel separator
# before a final a or e: the loader keeps them where they join, reader.corpus.joiners and
# decode.mongolian_placed), as characters or character references. trafilatura removes every
# character Python does not call printable from the text and metadata it extracts, and these with
# them: the words read otherwise than written (the emoji family three emoji). They go through it
# as printable stand-ins (_stand_ins) and come back after.
_WORD_JOINERS = "\u200c\u200d\u180e"
# A reference ends where its digits end: "&#x200CE;" is an ideograph (U+200CE), no joiner and "E;".
_WORD_JOINER_REFS = re.compile(
    r"&#(?:0*(8204|8205|6158)(?![0-9])|[xX]0*(200[cCdD]|180[eE])(?![0-9a-fA-F]));?|&(zwn?j);"
)
_JOINER_OF_NAME = {"zwnj": "\u200c", "zwj": "\u200d"}
# Egyptian hieroglyphs: printable letters (\w) no news page writes, unchanged by NFC.
_STAND_INS = range(0x13000, 0x13430)
_NUMERIC_REF = re.compile(r"&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}))")


def _joiner_of_ref(match: re.Match) -> str:
    if match[3]:
        return _JOINER_OF_NAME[match[3]]
    return chr(int(match[1]) if match[1] else int(match[2], 16))


def _referenced(html: str) -> set[int]:
    """The code points the page writes as numeric character references ("&#x13000;")."""
    if "&#" not in html:
        return set()
    return {int(decimal) if decimal else int(hexadecimal, 16) for decimal, hexadecimal in _NUMERIC_REF.findall(html)}


def _stand_ins(html: str) -> tuple[str, dict[int, str]]:
    """`html` with each word joiner (_WORD_JOINERS) in it a printable character the page does not
    hold (as a character or a reference), and the map back ({} when it holds none)."""
    if "&" in html:
        html = _WORD_JOINER_REFS.sub(_joiner_of_ref, html)
    present = [ch for ch in _WORD_JOINERS if ch in html]
    if not present:
        return html, {}
    referenced = _referenced(html)
    free = (chr(code) for code in _STAND_INS if code not in referenced and chr(code) not in html)
    stand_in = dict(zip(present, free))
    if len(stand_in) < len(present):  # (a page of a thousand hieroglyphs: left as trafilatura reads it)
        return html, {}
    for joiner, standing in stand_in.items():
        html = html.replace(joiner, standing)
    return html, {ord(s): j for j, s in stand_in.items()}


def _joiners_back(text: str, joiners: dict[int, str]) -> str:
    """`text` (extracted from a page with _stand_ins' stand-ins) with its joiners back where they
    join (in a word, an emoji, between Mongolian letters); a line of nothing else goes, as
    trafilatura drops a line it leaves empty ("<p>&zwnj;</p>", a CMS's spacer)."""
    if not any(chr(code) in text for code in joiners):
        return text
    lines: list[str] = []
    for line in text.split("\n"):
        if any(chr(code) in line for code in joiners):
            line = mongolian_placed(drop_stray_joiners(line.translate(joiners)))
            if not line.strip():
                if lines and not lines[-1]:  # (the blank line that set it apart goes with it)
                    lines.pop()
                continue
        lines.append(line)
    return "\n".join(lines).strip("\n")


def _safe(value) -> str | None:
    """A metadata or body string with escape sequences and control characters removed, NFC."""
    if value is None:
        return None
    text = str(value)
    text = _ANSI.sub("", text)
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return text


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


# Characters that can stand for a <br> (trafilatura's <lb/>) in its text: the first one the page's
# extracted text does not hold. Printable and no space, as trafilatura keeps only those in a line.
_BREAK_MARKS = ("\u240a", "\u23ce", "\u21b5", "\u2b92", "\u2e3f")


def _text_with_breaks(body) -> tuple[str, str] | None:
    """trafilatura's text of its extracted `body`, each <br> in it written as a mark (returned
    with the text) instead of the line end that made it a paragraph of its own; None when the
    body is not a tree trafilatura gave, or holds no <br> (trafilatura's own text is that text)."""
    from lxml import etree
    from trafilatura.xml import xmltotxt

    if not isinstance(body, etree._Element):
        return None
    breaks = list(body.iter("lb"))
    if not breaks:
        return None
    written = etree.tostring(body, encoding="unicode", method="text")
    mark = next((m for m in _BREAK_MARKS if m not in written), None)
    if mark is None:
        return None
    for lb in breaks:
        parent = lb.getparent()
        if parent is None:
            continue
        after = mark + (lb.tail or "")
        before = lb.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + after
        else:
            parent.text = (parent.text or "") + after
        parent.remove(lb)
    return xmltotxt(body, include_formatting=False), mark


def _lines(block: str) -> str:
    return " ".join(block.split())


def _paragraphs(text: str, title: str | None, mark: str | None = None) -> str:
    """One paragraph per block, separated by blank lines, a <br> (`mark`) a line break in its
    paragraph and two or more in a row a paragraph break, as in a feed; a first block repeating
    the title goes."""
    blocks: list[str] = []
    for line in text.split("\n"):
        if mark is None or mark not in line:
            blocks.append(_lines(line))
            continue
        for part in re.split(rf"{mark}\s*(?:{mark}\s*)+", line):  # two <br> or more: a paragraph
            blocks.append("\n".join(filter(None, (_lines(piece) for piece in part.split(mark)))))
    blocks = [b for b in blocks if b]
    if title and blocks and _key(blocks[0]) == _key(title):
        blocks = blocks[1:]
    return "\n\n".join(blocks)


def _body_text(document, data: dict, title: str | None) -> str:
    """The article's text from trafilatura's document. Its text makes a paragraph of every line a
    <br> ends; its tree still tells them apart, and each <br> stays a line break, as in a feed."""
    found = _text_with_breaks(getattr(document, "body", None))
    if found is None:
        return _paragraphs(_safe(data.get("text") or "") or "", title)
    text, mark = found
    return _paragraphs(_safe(text) or "", title, mark)


# libxml2's limits on the depth of tags: 256 by default, 2,048 with its "huge" option.
_DEPTH_PROBLEM = "Excessive depth"


def _deeply_nested(html: str):
    """None when the page is not nested past the HTML parser's default limit; else its tree read
    with the deeper limit, or (a str) why even that cannot read it."""
    import lxml.html

    def parse(huge: bool):
        parser = lxml.html.HTMLParser(
            encoding="utf-8", huge_tree=huge, collect_ids=False, remove_comments=True, remove_pis=True
        )
        tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
        return tree, any(_DEPTH_PROBLEM in entry.message for entry in parser.error_log)

    try:
        _tree, too_deep = parse(huge=False)
        if not too_deep:
            return None
        tree, too_deep = parse(huge=True)
    except Exception:  # nothing parsable: the first reason stands
        return None
    if too_deep:
        return "its tags are nested more than 2,048 deep, past what the HTML parser reads"
    return tree


# A popup that a page shows over a word when the pointer rests on it (a person's card with their
# photo and latest headlines): its text sits inside the paragraph's markup, and extracted with it
# it glues to the word ("Rep. Ilhan OmarIlhan OmarHillicon Valley: ... (D-Minn.)").
_POPUP_CLASS = re.compile(r"tooltip|popover|pop-?up|hover-?card|rollover", re.IGNORECASE)
_WORDS_OF_A_PARAGRAPH = 8  # words a body part's paragraph has, at least: not a caption or a button


def _drop_popups(tree) -> None:
    """Remove the popup cards (an image or two or more links under a popup's class) inside the
    paragraphs; the deepest first, so the word the card hangs on (often in the popup's own
    wrapper) stays."""
    found = tree.xpath(".//p//*[@class]")
    for element in reversed(found):
        if not _POPUP_CLASS.search(element.get("class") or ""):
            continue
        if element.find(".//img") is not None or len(element.findall(".//a")) >= 2:
            element.drop_tree()  # keeps the tail: the sentence goes on after the card


def _join_split_body(tree) -> None:
    """Join an article body that the page split into several containers of one kind (an ad row
    between them, as Condé Nast's pages do): trafilatura reads the first container its body
    expressions find, so the rest of the article was lost. The later parts are moved, in order,
    to the end of the first one. Only parts of the same tag and class, none inside another,
    each with a paragraph of text, and none in another <article> (a list of posts is not one)."""
    from trafilatura.xpaths import BODY_XPATH

    for expression in BODY_XPATH:
        parts = [e for e in expression(tree) if e is not None]
        if parts:
            break
    else:
        return
    if len(parts) < 2:
        return
    first = parts[0]
    kind = (first.tag, first.get("class"))

    def has_text(element) -> bool:
        return any(len(p.text_content().split()) >= _WORDS_OF_A_PARAGRAPH for p in element.iter("p"))

    def article_of(element):
        return next(element.iterancestors("article"), None)

    same = [e for e in parts if (e.tag, e.get("class")) == kind]
    if len(same) < 2 or not all(has_text(e) for e in same):
        return
    if any(a is not b and (a in b.iterancestors()) for a in same for b in same):
        return
    articles = [article_of(e) for e in same]  # kept alive: lxml gives one node one proxy then
    if any(a is not articles[0] for a in articles):
        return
    for part in same[1:]:
        for child in list(part):
            first.append(child)
        part.getparent().remove(part)


def _keep_double_breaks(tree) -> None:
    """A space after a <br> that another follows at once ("<br><br>"): trafilatura drops a <br>
    with nothing after it, and the paragraph break the two make was one line break."""
    for br in tree.iter("br"):
        following = br.getnext()
        if not (br.tail or "").strip() and following is not None and following.tag == "br":
            br.tail = (br.tail or "") + " "


def _mended(source):
    """The page's tree with the fixes above, for trafilatura; `source` unchanged when it is not
    a page trafilatura can parse (its own error path then stands)."""
    from trafilatura.utils import load_html

    try:
        tree = source if not isinstance(source, str) else load_html(source)
        if tree is None:
            return source
        _drop_popups(tree)
        _join_split_body(tree)
        _keep_double_breaks(tree)
    except Exception:  # a mending problem must never cost the page: trafilatura reads it as it is
        return source
    return tree


# A heading that is the page's masthead: marked so (id or class "site-title", "logo", "brand",
# "masthead") or a link to the site's home page ("<a href="/"><h1>Site</h1></a>"). trafilatura can
# take it for the headline, and the article was listed under its site's name.
_HEADING = re.compile(r"<h[1-3]\b[^>]*>(.{0,400}?)</h[1-3]\s*>", re.IGNORECASE | re.S)
_MASTHEAD_MARK = re.compile(
    r"(?:\b(?:id|class)\s*=\s*[\"'][^\"']*(?:site|logo|brand|masthead)|\bhref\s*=\s*[\"']/[\"'])", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>")
_TITLE_SEPARATOR = re.compile(r"\s+[–•·—|⁄:~«»-]\s+")
_META_TITLE = re.compile(
    r"<meta\b[^>]*\b(?:property|name)\s*=\s*[\"'](?:og:title|twitter:title)[\"'][^>]*>", re.IGNORECASE
)
_CONTENT = re.compile(r"\bcontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_TITLE_ELEMENT = re.compile(r"<title\b[^>]*>(.{0,2000}?)</title\s*>", re.IGNORECASE | re.S)


def _title_element_text(html: str) -> str:
    """The page's <title> as a reader sees it (tags dropped, entities read, spaces folded); ""
    when it has none."""
    element = _TITLE_ELEMENT.search(html)
    return " ".join(_unescape(_TAG.sub(" ", element[1])).split()) if element else ""


def _is_masthead(html: str, heading: re.Match) -> bool:
    """Whether the heading's own tag or content, or a link to the home page wrapping it, marks
    it as the masthead."""
    before = html[max(0, heading.start() - 120) : heading.start()]
    wrapping = re.search(r"<a\b[^>]*>\s*$", before)
    return bool(_MASTHEAD_MARK.search(heading[0]) or (wrapping and _MASTHEAD_MARK.search(wrapping[0])))


def _masthead_title(html: str, title: str | None) -> str | None:
    """The headline of a page whose extracted title is its masthead: the page's og:title,
    twitter:title or <title> (the longest part between separators: the site's name is the
    shorter); None when the title is no masthead or nothing better is there."""
    if not title or not isinstance(html, str):
        return None
    key = _key(title)
    headings = (m for m in _HEADING.finditer(html) if _key(_unescape(_TAG.sub(" ", m[1]))) == key)
    if not any(_is_masthead(html, m) for m in headings):
        return None
    candidates = _social_titles(html)
    whole = _title_element_text(html)
    if whole:
        candidates.append(max(_TITLE_SEPARATOR.split(whole), key=len))
    for candidate in candidates:
        candidate = " ".join(_unescape(candidate).split())
        if candidate and _key(candidate) and _key(candidate) != key:
            return candidate
    return None


_H1 = re.compile(r"<h1\b[^>]{0,500}>(.{0,400}?)</h1\s*>", re.IGNORECASE | re.S)  # bounded: no quadratic scan
# Tags inside a line of text ("the <em>Old</em> Bridge"): dropped without a space, where a block's
# tag is a space.
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|em|i|mark|q|s|small|span|strong|sub|sup|time|u)\b[^>]*>", re.IGNORECASE)


def _heading_text(markup: str) -> str:
    """A heading's text as a reader sees it (tags dropped, entities read, spaces folded)."""
    return " ".join(_unescape(_TAG.sub(" ", _INLINE_TAG.sub("", markup))).split())


def _social_titles(html: str) -> list[str]:
    """The page's og:title and twitter:title, entities read and spaces folded."""
    titles = []
    for tag in _META_TITLE.findall(html):
        content = _CONTENT.search(tag)
        if content:
            titles.append(" ".join(_unescape(content[1] if content[1] is not None else content[2]).split()))
    return titles


def _shown_headline(html: str, title: str | None, site_names: list[str]) -> str | None:
    """The headline the page shows when the extracted title is its og:title or twitter:title and
    that is another headline: the one sites write for links shared on social media ("House
    Hitler was born in to become police station" on a page headed "House Hitler was born in will
    become a police station, Austria says"; trafilatura reads those tags first). Taken from the
    page's <h1> when its <title> names the same headline (whole, or its longest part between
    separators: the site's name is the shorter), so a masthead or a heading of another story is
    never taken. None when the title is no social title, the page agrees on no other headline,
    or the two are one headline with a label ("Opinion | ..." over "...")."""
    if not title or not isinstance(html, str):
        return None
    key = _key(title)
    if key not in {_key(social) for social in _social_titles(html)}:
        return None
    whole = _title_element_text(html)
    if not whole:
        return None
    named = {_key(whole), _key(max(_TITLE_SEPARATOR.split(whole), key=len))}
    sites = {_key(name) for name in site_names if name}
    for heading in _H1.finditer(html):
        text = _heading_text(heading[1])
        shown = _key(text)
        if not shown or shown not in named or shown in sites or _is_masthead(html, heading):
            continue
        if f" {shown} " in f" {key} " or f" {key} " in f" {shown} ":
            return None
        return text
    return None


def _site_name(site: str | None) -> str | None:
    """The site's name without a tagline ("LinkNaija | Nigeria's popular news platform") or the
    underscores of a social handle it was read from ("@Wday_")."""
    if not site:
        return None
    name = site.split(" | ", 1)[0].strip().strip("_").strip()
    return name if len(name) >= 2 else site


_HEAD_SEPARATOR = re.compile(r"\s*[:–•·—|⁄~-]\s+")


def _without_site(title: str | None, names: list[str]) -> str | None:
    """The title without the site's name the page's <title> carries after or before the
    headline ("Clymer workshop manual review | MoreBikes", "LinkNaija | Nigeria's popular news
    platform: BREAKING NEWS: ..."): a part between separators that is one of `names` (the
    site's name as given or cleaned, its host's name) goes; anything else stays ("... |
    Editorial", "Opinion | ...")."""
    if not title:
        return title
    keys = {_key(name) for name in names if name and _key(name)}
    if not keys:
        return title
    for sep in _TITLE_SEPARATOR.finditer(title):  # the leftmost cut keeps the most: "X - Site - Tagline"
        if _key(title[sep.end() :]) in keys and _key(title[: sep.start()]):
            title = title[: sep.start()].rstrip()
            break
    for name in sorted((n for n in names if n), key=len, reverse=True):
        if title[: len(name)].casefold() == name.casefold():
            head = _HEAD_SEPARATOR.match(title, len(name))
            if head and _key(title[head.end() :]):
                return title[head.end() :]
    return title


def _site_in_title_element(html: str, title: str | None) -> str | None:
    """The site's name a page without one in its metadata or address signs its <title> with:
    "<headline> - Entermedia" gives Entermedia when the headline is the page's title (a short
    name, not the rest of a longer headline)."""
    whole = _title_element_text(html) if title else ""
    for sep in _TITLE_SEPARATOR.finditer(whole):
        if _key(whole[: sep.start()]) == _key(title or ""):
            name = whole[sep.end() :].strip()
            if 2 <= len(name) <= 40 and len(name.split()) <= 5 and _key(name):
                return name
    return None


# Where a page states when it was published, with its time of day: Open Graph's
# article:published_time, schema.org's datePublished (a meta's itemprop, or JSON-LD), and the
# names CMSs use (pubdate, publish-date, sailthru.date, dc.date.issued).
_PUBLISHED_META = re.compile(
    r"<meta\b[^>]{0,400}?\b(?:property|name|itemprop)\s*=\s*[\"'](?:[^\"'>]*\s)?(?:article:published_time|"
    r"og:published_time|datePublished|pubdate|publish[-_]?date|sailthru\.date|dc\.date\.issued)(?:\s[^\"'>]*)?[\"']"
    r"[^>]{0,400}>",
    re.IGNORECASE,
)
_JSON_LD_PUBLISHED = re.compile(r"[\"']datePublished[\"']\s*:\s*[\"']([^\"'<>]{10,40})[\"']")
# The element in the page's markup that says when it was published, with the moment in its
# `datetime` (or `content`): `<time itemprop="datePublished" datetime="…">`, WordPress's `<time
# class="entry-date published" datetime="…">`, HTML5's `<time pubdate datetime="…">`; never a
# `<time>` the class calls updated or modified, nor one that is merely a <time> (a comment's, a
# related story's).
_TAG_WITH_ATTRIBUTES = re.compile(r"<(?:time|span|div|p|abbr)\b[^<>]{0,600}>", re.IGNORECASE)
_ITEMPROP_PUBLISHED = re.compile(r"\bitemprop\s*=\s*[\"'](?:[^\"'>]*\s)?datePublished[\s\"']", re.IGNORECASE)
_PUBDATE_ATTRIBUTE = re.compile(r"\spubdate(?=[\s=/>])", re.IGNORECASE)
_CLASS = re.compile(r"(?<![\w-])class\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
# (a class's name that says published, as written with the names of a page's parts: "published",
# "entry-date published", "article__published-date", "pubdate"; not "updated-published-diff")
_PUBLISHED_CLASS = re.compile(r"(?!.*(?:updat|modif|unpublish|republish)).*(?:publish|pubdate).*", re.IGNORECASE)
_DATETIME = re.compile(r"(?<![\w-])(?:datetime|content)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
# hAtom's `<abbr class="published" title="2019-11-18 17:19:53 GMT">`: the stamp in its title
_TITLE_ATTRIBUTE = re.compile(r"(?<![\w-])title\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_PUBLISHED_LOOKED_AT = 20  # stamps read at most (a page of thousands of metas is not read whole)


def _published_time(html: str, date: str | None) -> str | None:
    """The page's publication stamp with its time of day, as written ("2019-11-20T01:50:59-05:00"),
    of the day `date` (the page's date, as htmldate read it): the first stated that parse_moment
    reads and whose own day is that one; None when the page gives none (a day alone)."""
    if not date or not isinstance(html, str):
        return None
    from itertools import islice

    from reader.corpus.infer import moment_fits_day, parse_date, parse_moment

    stamps = [
        (" ".join(_unescape(stamp).split()), declared)
        for stamp, declared in islice(_published_stamps(html), _PUBLISHED_LOOKED_AT)
    ]
    for written, _ in stamps:
        if parse_date(written) == date and parse_moment(written):
            return written
    # else one with its zone that is within a day of it: the page's date is the day in its own
    # zone (of its address: latimes.com/…/2019-11-19/…) of a moment stated in UTC, 01:50Z on the 20th;
    # one the page declares (a <meta>, JSON-LD), not a <time> in its body, which may be a related
    # story's of the day before
    for written, declared in stamps:
        if not declared:
            continue
        moment = parse_moment(written)
        if moment and moment.endswith("Z") and moment_fits_day(moment, date):
            return written
    return None


# Where a page states when it was last edited: Open Graph's article:modified_time and
# og:updated_time, schema.org's dateModified (a meta's itemprop, or JSON-LD), CMSs' last-modified.
_MODIFIED_META = re.compile(
    r"<meta\b[^>]{0,400}?\b(?:property|name|itemprop|http-equiv)\s*=\s*[\"'](?:[^\"'>]*\s)?(?:article:modified_time|"
    r"og:updated_time|dateModified|last[-_]modified|modified)(?:\s[^\"'>]*)?[\"'][^>]{0,400}>",
    re.IGNORECASE,
)
_JSON_LD_MODIFIED = re.compile(r"[\"']dateModified[\"']\s*:\s*[\"']([^\"'<>]{10,40})[\"']")


def _dated_by_its_edit(html: str, date: str | None) -> bool:
    """Whether `date` (htmldate's) is the day the page says it was last edited, and the page
    states no publication date: htmldate falls back on the edit, which a reader must not take for
    the publication."""
    if not date or not isinstance(html, str):
        return False
    from itertools import chain, islice

    from reader.corpus.infer import parse_date

    if next(iter(_published_stamps(html)), None) is not None:
        return False
    edits = (
        content[1] if content[1] is not None else content[2]
        for tag in _MODIFIED_META.finditer(html)
        if (content := _CONTENT.search(tag[0]))
    )
    stamps = islice(chain(edits, (found[1] for found in _JSON_LD_MODIFIED.finditer(html))), _PUBLISHED_LOOKED_AT)
    return any(parse_date(" ".join(_unescape(stamp).split())) == date for stamp in stamps)


def _published_stamps(html: str) -> Iterator[tuple[str, bool]]:
    """(stamp, whether the page declares it: a <meta> or JSON-LD, not an element of its body)."""
    for tag in _PUBLISHED_META.finditer(html):
        content = _CONTENT.search(tag[0])
        if content:
            yield (content[1] if content[1] is not None else content[2]), True
    for found in _JSON_LD_PUBLISHED.finditer(html):
        yield found[1], True
    for tag in _TAG_WITH_ATTRIBUTES.finditer(html):
        if not _says_published(tag[0]):
            continue
        stamp = (_TITLE_ATTRIBUTE if tag[0][1:5].lower() == "abbr" else _DATETIME).search(tag[0])
        if stamp:
            yield (stamp[1] if stamp[1] is not None else stamp[2]), False


def _says_published(tag: str) -> bool:
    """Whether a tag's attributes mark it as the page's publication stamp (_TAG_WITH_ATTRIBUTES)."""
    if _ITEMPROP_PUBLISHED.search(tag):
        return True
    if tag[1:5].lower() == "time" and _PUBDATE_ATTRIBUTE.search(tag):
        return True
    found = _CLASS.search(tag)
    classes = (found[1] if found[1] is not None else found[2]).split() if found else []
    return tag[1:5].lower() in ("time", "abbr") and any(_PUBLISHED_CLASS.fullmatch(name) for name in classes)


def _date_not_of_a_slug(html: str, date: str | None, url: str | None) -> str | None:
    """The page's date as htmldate read it, unless it read it from a number opening the slug of
    its URL (/2024/03/5-things-to-know/ is no page of 5 March, infer.slug_date_in_url): then the
    date the page itself states, read again without its URL (or none)."""
    from reader.corpus.infer import slug_date_in_url

    if date is None or slug_date_in_url(url) != date:
        return date
    from htmldate import find_date

    try:
        # url="" (not None): htmldate would read the page's canonical link in its place
        return _safe(find_date(_mended(html), url="", **date_options()))
    except Exception:  # hostile markup: no date rather than a failed page
        return None


def _same_site(site: str, host: str) -> bool:
    """Whether a page's site name is its host's name, written another way (www., m., case)."""
    if site.lower().removeprefix("www.") == host.lower().removeprefix("www."):
        return True
    name = site_name(site)
    return name is not None and name == site_name(host)


def _domain_as_signed(signed: str | None, host: str) -> str | None:
    """The page's og:site_name when it is its host's site name with capitals ("NJ.com" or
    "www.NJ.com" of www.nj.com: "NJ.com"), else None (the site is then named by its host)."""
    if not signed or signed == signed.lower():
        return None
    name = signed[4:] if signed.lower().startswith("www.") else signed
    return name if name.lower() == site_name(host) else None


_OG_SITE_NAME = re.compile(r"<meta\b[^>]{0,400}?\bproperty\s*=\s*[\"']og:site_name[\"'][^>]{0,400}>", re.IGNORECASE)


def _og_site_name(html: str) -> str | None:
    """The site's name as its og:site_name gives it, entities read and spaces folded."""
    tag = _OG_SITE_NAME.search(html)
    found = _CONTENT.search(tag[0]) if tag else None
    if not found:
        return None
    return " ".join(_unescape(found[1] if found[1] is not None else found[2]).split()) or None


def _as_written(site: str, signed: str, host: str | None) -> str | None:
    """trafilatura's site name `site` with the capitals the page's og:site_name `signed` gives
    it: trafilatura title-cases a name that opens with a small letter ("eNCA" was "Enca",
    "iHeartRadio" "Iheartradio", nj.com's "nj" "Nj"). A name with a capital of its own is kept
    as written; one in small letters alone that is its host's name ("nj" of nj.com) is none, so
    the site is named by its host ("nj.com"), as it names itself; another ("the guardian") keeps
    trafilatura's capitals."""
    written = signed.lstrip("@")
    if site == written or site != written.title():
        return site  # (not trafilatura's casing of og:site_name: its publisher's, another source's)
    if written != written.lower():
        return written
    if host and re.sub(r"[\W_]", "", written) == _host_name(host):
        return None
    return site


def _spells_host(name: str, host: str) -> bool:
    """Whether a site's name is its host's name spelt with spaces ("Deccan Herald",
    www.deccanherald.com); not the host's name as it is ("detroitnews"), which names no one better
    than the publisher the page gives ("The Detroit News")."""
    return " " in name and re.sub(r"[\W_]", "", name.casefold()) == _host_name(host)


def _host_site(host: str | None, page_url: str | None) -> str | None:
    """site_name of the page's host, read from the page's URL where it is on that host (or a
    subdomain of it: trafilatura names sites.google.com's pages' host google.com), as a site
    under a path of a shared host is named by it ("sites.google.com/view/jane")."""
    on_host = host_of(page_url) if page_url else None
    own = host_of(host) if host else None
    if on_host and own and (on_host == own or on_host.endswith("." + own)):
        return site_name(page_url)
    return site_name(host)


def _host_name(host: str | None) -> str | None:
    """The name in a host's address ("www.zdnet.com" -> "zdnet"), as sites sign their titles."""
    if not host:
        return None
    labels = host.lower().removeprefix("www.").split(".")
    return labels[-2] if len(labels) >= 2 else None


# An element the page marks as its byline, its text with no tags inside: CBS News' `<p
# class="content__meta-byline">By Stefan Becket, Kathryn Watson, Grace Segers</p>`.
# Each part stops at the next "<" (and a class at its quote), so a page of unclosed tags is read
# in one pass.
_BYLINE_ELEMENT = re.compile(
    r"""<[a-z][a-z0-9]*\s[^<>]*?class=["']([^"'<>]*)["'][^<>]*>([^<]{3,300})<""", re.IGNORECASE
)


def _author_with_shown_byline(html: str, author: str | None, outlet: str | None) -> str | None:
    """The page's `author` field, or the writers of the byline the page shows when it names that
    writer and others (its metadata may name the first alone; author_with_byline), the page's
    own `outlet` not among them."""
    if not author:
        return author
    for found in _BYLINE_ELEMENT.finditer(html):
        if "byline" not in found[1].lower():
            continue
        line = " ".join(_unescape(found[2]).split())
        if line and len(line) <= BYLINE_LIMIT:
            fuller = author_with_byline(author, line, default_registry(), outlet=outlet)
            if fuller != author:
                return fuller
    return author


_META_TAG = re.compile(r"<meta\b[^>]{0,2000}>", re.I)
_REFRESH = re.compile(r"""http-equiv\s*=\s*["']?\s*refresh\b""", re.I)
_CONTENT = re.compile(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_REFRESH_URL = re.compile(r"""\burl\s*=\s*["']?\s*([^"'\s]+)""", re.I)
_REFRESH_DELAY = re.compile(r"\s*(\d+)")
# A refresh this many seconds on or later is a page kept up to date (a news site's front page
# or live blog, every few minutes), no redirect: a moved article's old address or a link
# shortener's page sends the reader on at once, or after a few seconds.
_AUTO_REFRESH_SECONDS = 60


def _too_few_words(words: int) -> str:
    """Why a page whose text has a few words has no article: a short page's one sentence was
    skipped as "no article text found", which read as though the extractor had missed it."""
    if not words:
        return ""
    return f" (only {counted(words, 'word')}: fewer than {MIN_WORDS} is taken for a menu or an error page)"


def _redirect_note(html: str) -> str:
    """Why a page without article text has none, when it is a redirect (a <meta
    http-equiv="refresh"> that sends the reader to another address at once, as a moved
    article's old address or a link shortener's saved page does): ": a redirect page (to URL)",
    or "" when it is none (no refresh, or one that reloads the page itself or comes after a
    minute or more: a news page kept up to date)."""
    for tag in _META_TAG.finditer(html[:65536]):
        if not _REFRESH.search(tag.group()):
            continue
        content = _CONTENT.search(tag.group())
        value = next(filter(None, content.groups()), "") if content else ""
        delay = _REFRESH_DELAY.match(value)
        target = _REFRESH_URL.search(value)
        if target is None or (delay is not None and int(delay.group(1)[:6]) >= _AUTO_REFRESH_SECONDS):
            return ""
        return f': a redirect page (its <meta http-equiv="refresh"> sends the reader to {_unescape(target.group(1))[:300]})'
    return ""


_BASE_HREF = re.compile(r"""<base\b[^>]{0,400}?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
# (rel="canonical" among other link types too: rel="alternate canonical")
_CANONICAL_LINK = re.compile(
    r"<link\b[^>]{0,400}?\brel\s*=\s*(?:\"[^\">]{0,100}?|'[^'>]{0,100}?)?\bcanonical\b[^>]{0,400}>", re.I
)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
# (og:url as property=, as Open Graph says, or name=, as some sites write it)
_OG_URL = re.compile(r"<meta\b[^>]{0,400}?\b(?:property|name)\s*=\s*[\"']og:url[\"'][^>]{0,400}>", re.I)
_JSON_LD = re.compile(r"<script\b[^>]{0,400}?\btype\s*=\s*[\"']?application/ld\+json\b[^>]{0,400}>", re.I)
_SCRIPT_END = re.compile(r"</script", re.I)
# How much JSON-LD is read (a block, and the page it is looked for in), and how many of its
# objects looked at: a hostile page's megabytes of it are passed over.
_JSON_LD_CHARS = 1 << 17
_JSON_LD_PAGE_CHARS = 1 << 20
_JSON_LD_OBJECTS = 2000
# How much of a page its <base>, canonical link and og:url are looked for in (its head).
_HEAD_CHARS = 1 << 16


def _attribute(pattern: re.Pattern, tag: str) -> str | None:
    found = pattern.search(tag)
    value = next((group for group in found.groups() if group is not None), None) if found else None
    return _unescape(value).strip() or None if value else None


def _web_address(url: str | None) -> bool:
    try:
        parts = urlsplit(url) if url else None
    except ValueError:  # "http://[oops/": a bracket opening no IPv6 address
        return False
    return parts is not None and parts.scheme in ("http", "https") and bool(parts.netloc)


# What a page's written address is read without, as browsers read it: tabs and line breaks, and
# the invisible characters (bidi controls...) that would make one host two outlets.
_NOT_IN_ADDRESS = re.compile(f"[\t\n\r{INVISIBLE_IN_NAMES}]")


def _address_read(against: str | None, written: str) -> str | None:
    """`written` (a page's address as a canonical link, og:url or JSON-LD says it) read against
    `against`, when it is a web address; else None. (A page whose address was "http://[oops/"
    was skipped as "Invalid IPv6 URL", its text lost.)"""
    from urllib.parse import urljoin

    written = _NOT_IN_ADDRESS.sub("", written).strip()
    try:
        own = urljoin(against, written) if against else written
    except ValueError:
        return None
    return own if _web_address(own) else None


def _own_url(html: str, given: str | None) -> tuple[str | None, str | None]:
    """(the page's own address, its canonical link's or og:url, a relative one read against its
    `<base href>` (itself read against `given`, the address the page was fetched from) or, without
    one, `given`; its `<base href>`, or None):
    trafilatura drops a relative canonical link and names a page with a `<base href>` by it,
    so that every page saved from a site whose pages say `<base href="https://news.example/">`
    had its front page's address."""

    head = html[:_HEAD_CHARS]
    tag = _BASE_HREF.search(head)
    base = _attribute(_BASE_HREF, tag.group()) if tag else None
    given = given if _web_address(given) else None
    base = _address_read(given, base) if base else None
    against = base or given
    for pattern, attribute in ((_CANONICAL_LINK, _HREF), (_OG_URL, _CONTENT)):
        tag = pattern.search(head)
        written = _attribute(attribute, tag.group()) if tag else None
        own = _address_read(against, written) if written else None
        if own:
            return own, base
    # A page's JSON-LD articles' addresses, each its url or else its mainEntityOfPage: one only,
    # or none (a front page's list of articles would be named by the first of them).
    found: set[str] = set()
    for addresses in _json_ld_urls(html[:_JSON_LD_PAGE_CHARS]):
        own = next(filter(None, (_address_read(against, address) for address in addresses)), None)
        found |= {own} if own else set()
        if len(found) > 1:
            break
    return (found.pop() if len(found) == 1 else None), base


def _json_ld_urls(html: str) -> Iterator[list[str]]:
    """The addresses the page's JSON-LD gives each article (NewsArticle, BlogPosting...), its
    `url` and its `mainEntityOfPage` (a string, or an object's `@id` or `url`), in its `@graph`
    too; a block that is no JSON is passed over."""
    import json

    at = 0
    # (each block's end looked for once, from its start: a page of unclosed blocks is read once)
    while (opening := _JSON_LD.search(html, at)) is not None:
        end = _SCRIPT_END.search(html, opening.end())
        if end is None:
            return
        at = end.end()
        if end.start() - opening.end() > _JSON_LD_CHARS:
            continue
        try:
            found = json.loads(html[opening.end() : end.start()])
        except (ValueError, RecursionError):
            continue
        pending, seen = [found], 0
        while pending and seen < _JSON_LD_OBJECTS:
            item = pending.pop(0)
            seen += 1
            if isinstance(item, list):
                pending.extend(item)
                continue
            if not isinstance(item, dict):
                continue
            pending.extend(value for key, value in item.items() if key == "@graph")
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if not any(isinstance(kind, str) and kind.endswith(("Article", "Posting")) for kind in kinds):
                continue
            page = item.get("mainEntityOfPage")
            page = (page.get("@id") or page.get("url")) if isinstance(page, dict) else page
            yield [_safe(address) or "" for address in (item.get("url"), page) if isinstance(address, str)]


def parse_html(html: str, *, source_name: str, url: str | None = None, host_as_outlet: bool = True) -> tuple[str, dict]:
    """(main text, metadata) of an HTML page. Metadata keys: title, date, time (the publication
    stamp with its time of day, as written, of that date), date_is_edit (True, only when the
    date is the page's last edit's, as it states no publication date), url, author, outlet
    (the site's name, else its host name, unless `host_as_outlet` is off: a fetch has the
    feed's title to fall back on); values are str or None (date_is_edit True). Raises
    ValueError with a reason a user reads when the page holds no article text."""
    import trafilatura  # imported late: it is slow to import and only HTML needs it

    if not isinstance(html, str) or not html.strip():
        raise ValueError("no article text found (the page is empty)")
    if len(html) > MAX_HTML_CHARS:
        raise ValueError(f"the page is too big to extract ({len(html):,} characters)")
    html, joiners = _stand_ins(_sanitise_html(html))

    def extract(source) -> tuple[dict, str | None, str]:
        try:
            document = trafilatura.bare_extraction(
                _mended(source),
                url=url,
                with_metadata=True,
                output_format="python",
                date_extraction_params=date_options(),
                **EXTRACT_OPTIONS,
            )
        except Exception as exc:  # hostile markup must not crash a corpus load: report it as a reason
            raise ValueError(f"no article text found (the HTML could not be parsed: {type(exc).__name__})") from exc
        data = {} if document is None else document.as_dict() if hasattr(document, "as_dict") else dict(document)
        title = _safe(data.get("title"))
        title = " ".join(title.split()) if title else None
        title = _safe(_masthead_title(source, title)) or title
        site_names = [_safe(data.get("sitename")) or "", _host_name(_safe(data.get("hostname"))) or ""]
        title = _safe(_shown_headline(source, title, site_names)) or title
        return data, title, _body_text(document, data, title)

    data, title, text = extract(html)
    words = len(re.findall(r"\w+", text))
    if words < MIN_WORDS:
        # The HTML parser stops reading at 256 levels of tags (what years of unclosed <font> or
        # <div> tags build): read such a page again with the deeper limit, 2,048.
        deep = _deeply_nested(html)
        if deep is None:
            raise ValueError("no article text found" + (_redirect_note(html) or _too_few_words(words)))
        if isinstance(deep, str):
            raise ValueError(f"no article text found: {deep}")
        data, title, text = extract(deep)
        if len(re.findall(r"\w+", text)) < MIN_WORDS:
            raise ValueError("no article text found")
    signed_as = _safe(data.get("sitename"))
    if signed_as and signed_as.rpartition("@")[2] == _safe(data.get("hostname")):
        data["sitename"] = signed_as.rpartition("@")[2]  # (trafilatura names a site by its address's user too)
    own, base = _own_url(html, url)
    found = _safe(data.get("url"))
    # trafilatura's reading of a page without a <base> is left as it is, but where it found no
    # address: a canonical link among other link types, og:url as name=, JSON-LD's url or
    # mainEntityOfPage were read by it as none
    mended = (base is not None and found in (None, base)) or (found is None and own is not None)
    if mended:
        data["url"] = own  # (a <base href> alone is no page's address; its host still names the site)
    host = (
        (urlsplit(own).netloc.rpartition("@")[2] if mended and own else None)
        or _safe(data.get("hostname"))
        or (urlsplit(url).netloc if url else None)
    )
    site = _safe(data.get("sitename"))
    signed = _og_site_name(html)
    if site and signed:
        site = _as_written(site, signed, host)
    if site and signed and host and _spells_host(signed, host) and not _spells_host(site, host):
        # trafilatura reads JSON-LD's publisher first: a desk's name ("DH News Service") there,
        # the site's own ("Deccan Herald", of deccanherald.com) in og:site_name
        site = signed
    if site and host and _same_site(site, host):
        # trafilatura names a site without a name by its host (m.example.com too); one that signs
        # itself as its domain in capitals of its own keeps them ("NJ.com", was "nj.com")
        site = _domain_as_signed(signed, host)
    # a page's site without a name of its own is named as an article's URL names it (m.example.com
    # is example.com; an archive's host names none), so that the two are one outlet
    outlet = _site_name(site) or (_host_site(host, _safe(data.get("url")) or url) if host_as_outlet else None)
    if outlet is None:
        outlet = _site_in_title_element(html, title)
    title = _without_site(title, [_safe(data.get("sitename")) or "", _site_name(site) or "", _host_name(host) or ""])
    date = _date_not_of_a_slug(html, _safe(data.get("date")), _safe(data.get("url")) or url)
    meta: dict[str, str | bool | None] = {
        "title": title or None,
        "date": date,
        # the moment the page says it was published, of that date (formats.TIME_KEY)
        "time": _published_time(html, date),
        "url": _safe(data.get("url")) or url,
        "author": _author_with_shown_byline(
            html,
            tidy_author(
                _safe(data.get("author")), sites=[_safe(data.get("sitename")), outlet], registry=default_registry()
            ),
            outlet,
        ),
        "outlet": " ".join(outlet.split()) if outlet else None,
    }
    meta = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in meta.items()}
    if _dated_by_its_edit(html, date):
        meta["date_is_edit"] = True
    if joiners:  # each joiner back in its words; an address never held one (_NOT_IN_ADDRESS's rule)
        meta = {
            k: (v.translate(dict.fromkeys(joiners)) if k == "url" else _joiners_back(v, joiners) or None)
            if isinstance(v, str)
            else v
            for k, v in meta.items()
        }
        text = _joiners_back(text, joiners)
    return text, meta
