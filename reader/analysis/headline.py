"""The two headlines compared like a linked sentence pair: what each one stresses.

    headline = compare_headlines(left_title, right_title, left_text, right_text, mapping)

"Texas Rep. Blake Farenthold resigns from Congress" / "Texas Congressman Who Settled Harassment
Case With Taxpayer Funds Resigns": the words both share ("Texas", "Rep." / "Congressman",
"resigns"), and the runs of words only one of them has, in its own order and spelling ("Blake
Farenthold", "from Congress" / "Who Settled Harassment Case With Taxpayer Funds").

A headline that the loader left at the top of the body, which the sentence splitter cuts in two
("Mitt To Akin: Drop Out" ... ), is one headline: `sentences` lists the body sentences it covers,
so a view can show them as one.

No UI imports here: the core never imports textual or rich.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Sequence

from reader.analysis.framing import _BEFORE_A_NOUN, _NOUN_OR_VERB, _QUOTED, KINDS, FramingWords, default_framing_words
from reader.analysis.names import _TITLES, fold_diacritics
from reader.analysis.sentences import dateline_end
from reader.analysis.textstats import STOPWORDS
from reader.analysis.us_states import US_STATES

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*\.?")
# Markup-like tokens in a title are not words ("[b]Markup[/b]" stresses no "b"): closing tags
# ("[/b]", "[/]"), tags with a value ("[link=…]", "[url=…]"), HTML tags and character entities.
_MARKUP = re.compile(
    r"\[/[^\[\]\n]*\]|\[[^\[\]/=\n][^\[\]=\n]*=[^\[\]\n]*\]|</?[A-Za-z][^<>\n]*>|&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z]+\d*);"
)
_OPEN_TAG = re.compile(r"\[([^\[\]/=\n]+)\]")
_CLOSE_TAG = re.compile(r"\[/([^\[\]\n]*)\]")


@dataclass
class Headline:
    text: str
    sentences: list[int] = field(default_factory=list)  # body sentences that are this headline
    stressed: list[str] = field(default_factory=list)  # runs of words only this side has
    # Framing words (framing.yaml: labels, hedges, attribution, loaded) in those runs
    framing: list[str] = field(default_factory=list)
    # Where the title came from (Article.title_source): "first_sentence" or "file_name" when the
    # article had no headline, so a reader weighs its stresses as a lead's, not a headline's.
    source: str | None = None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "sentences": list(self.sentences),
            "stressed": list(self.stressed),
            "framing": list(self.framing),
            "source": self.source,
        }


# Title sources that are no headline: the article had none, its first sentence or file name stands in.
NOT_HEADLINES = {"first_sentence": "its first sentence", "file_name": "its file name"}


@dataclass
class HeadlineComparison:
    left: Headline
    right: Headline
    shared: list[str] = field(default_factory=list)  # content words both have (left spelling)
    similarity: float = 0.0  # share of content words in common (Dice, 0..1)
    # The figures the two headlines tell differently ("3 dead" / "5 dead"), offsets in each
    # headline's text (figures.FigureValues); set by compare.compare when neither headline is
    # told in its body, where the linked sentences' figures already compare them
    figures: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "left": self.left.to_dict(),
            "right": self.right.to_dict(),
            "shared": list(self.shared),
            "similarity": round(self.similarity, 4),
            "figures": [f.to_dict() for f in self.figures],
        }


# A rubric that opens a headline is the outlet's filing label, not a word it chose for the story
# ("The Latest: Sanders wins Minnesota", "AP Explains: ...", "Monday's Morning Email: ..."): read
# on polnear-dev, every AP live blog's "The Latest" was stressed against the other outlet. Only
# before a colon or a bar ("The Latest GOP Debate Kicked Off" keeps its words).
_RUBRIC = re.compile(
    r"\s*(?:AP\s+)?(?:the\s+latest|explains|fact\s+check|news\s+guide|live\s+updates?|live|watch(?:\s+live)?"
    r"|breaking(?:\s+news)?|updated?|developing|just\s+in|analysis|exclusive|opinion"
    r"|(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day['’]s\s+)?morning\s+email)\s*[:|]\s*",
    re.IGNORECASE,
)


def _rubric_end(title: str, from_text: bool = False) -> int:
    """Where the words after a headline's opening rubric start (0 when it has none); for a title
    taken `from_text` (the article's first sentence), after its dateline too ("WASHINGTON —
    Representative Raúl R. Labrador ...", "MOSCOW (Reuters) - ..."): a place, no word the
    headline stresses. (Not in a headline: "U.S. - China talks resume".)"""
    m = _RUBRIC.match(title)
    end = m.end() if m and m.end() < len(title.rstrip()) else 0
    return end + dateline_end(title[end:]) if from_text else end


def _cut_clause_start(title: str) -> int:
    """For a title taken from a long first sentence and cut with "…" (corpus.infer.shorten):
    where its cut clause starts, after the last comma, semicolon, colon or dash ("… Vladimir
    Putin, a senior White…": half a phrase, not what the article stresses), else where its last
    word starts. The whole title when it was not cut (a headline the outlet wrote with "…" is
    not taken from the text)."""
    if not title.endswith("…"):
        return len(title)
    body = title[:-1]
    separator = max(body.rfind(mark) for mark in (",", ";", ":", " —", " –", " - "))
    if separator > 0:
        return separator
    return body.rstrip().rfind(" ") + 1 or len(title)


def _site_start(title: str, outlet: str | None) -> int:
    """Where the outlet's own name signs the end of a headline ("... economy and security | Fox
    News", as a page's <title> carried it), else len(title): the outlet's name is no word it
    stresses."""
    name = (outlet or "").strip()
    if not name:
        return len(title)
    m = re.search(
        rf"\s+[|–—-]\s+(?:the\s+)?{re.escape(name.removeprefix('The ').removeprefix('the '))}\s*$", title, re.I
    )
    return m.start() if m and title[: m.start()].strip() else len(title)


_SHORT_TITLES = {"gov": "governor", "sen": "senator", "rep": "representative", "lt": "lieutenant", "atty": "attorney"}
# One office or party in two names: "Rep. Weiner" is the other headline's "Congressman", "G.O.P."
# its "Republicans".
_SHORT_TITLES |= {"congressman": "representative", "congresswoman": "representative", "gop": "republican"}
_SHORT_TITLES |= {"dem": "democrat", "dems": "democrat", "democratic": "democrat"}  # "Dem running" / "Democratic"

_STATES = US_STATES
_STATE_OF = {short: tuple(name.split()) for name, shorts in _STATES.items() for short in shorts}


def _short_form(word: str, capitals: bool = False) -> tuple[str, ...] | None:
    """The words a state's short form stands for ("N.C." -> north, carolina): an AP abbreviation
    only with its full stop, a two-letter postal code only in capitals ("NJ", not "in" or "me"),
    and not in a headline all in `capitals` ("STORM IN OHIO")."""
    bare = word.replace(".", "")
    folded = fold_diacritics(bare)
    if folded not in _STATE_OF:
        return None
    if len(bare) == 2 and not word.endswith(".") and (capitals or not bare.isupper()):
        return None
    if len(bare) > 2 and not word.endswith("."):
        return None  # "Mass", "Wash", "Ill" are words
    return _STATE_OF[folded]


def _short_forms_shared(words: list[str], other_keys: list[str]) -> tuple[frozenset[int], frozenset[int]]:
    """Indexes of this headline's short forms of a state the other one writes in full, and of the
    other one's words that write it ("N.C. Congressman" / "North Carolina Rep."): the same words."""
    other = [k.casefold() for k in other_keys]
    mine: set[int] = set()
    theirs: set[int] = set()
    capitals = not any(c.islower() for w in words for c in w)
    for n, word in enumerate(words):
        full = _short_form(word, capitals)
        if full is None:
            continue
        for m in range(len(other) - len(full) + 1):
            if tuple(other[m : m + len(full)]) == full:
                mine.add(n)
                theirs.update(range(m, m + len(full)))
    return frozenset(mine), frozenset(theirs)


# The irregular forms of verbs headlines report with: "Clinton wins" / "Clinton Won", one verb.
_VERB_FORMS = {
    form: verb
    for verb, forms in {
        "win": "wins won winning", "lose": "loses lost losing", "say": "says said", "tell": "tells told",
        "lead": "leads led", "seek": "seeks sought", "meet": "meets met", "hold": "holds held",
        "fight": "fights fought", "take": "takes took taken", "beat": "beats beaten", "quit": "quits",
    }.items()
    for form in forms.split()
}  # fmt: skip


def _key(word: str, mapping: dict[str, str]) -> str:
    folded = fold_diacritics(word.replace(".", "").replace("’", "'"))  # N.A.A.C.P. / NAACP
    folded = mapping.get(folded, folded)
    folded = _SHORT_TITLES.get(folded, folded)  # "Arkansas Gov. Signs" / "Arkansas governor seeks"
    folded = _VERB_FORMS.get(folded, folded)
    if folded.endswith("'s"):
        folded = folded[:-2]
    # resigns / resign, Democrats / Democrat: one word for this purpose
    return folded[:-1] if len(folded) > 4 and folded.endswith("s") and not folded.endswith("ss") else folded


def _markup_spans(title: str) -> list[tuple[int, int]]:
    """Where `title` has markup-like tokens, in order. An opening "[b]" or "[bold red]" counts
    only when the title closes it ("[/b]", "[/bold red]", "[/]"): a lone "[VIDEO]" is a word."""
    spans = [m.span() for m in _MARKUP.finditer(title)]
    closed = {m.group(1).strip().casefold() for m in _CLOSE_TAG.finditer(title)}
    for m in _OPEN_TAG.finditer(title):
        name = m.group(1).strip().casefold()
        if name and ("" in closed or name in closed or name.split()[0] in closed):
            spans.append(m.span())
    return sorted(spans)


def _words(title: str) -> tuple[list[re.Match], list[tuple[int, int]]]:
    """The real words of `title` (letters and digits), none inside its markup, with the markup's
    spans (the words keep their offsets in `title`)."""
    spans = _markup_spans(title)
    masked = list(title)
    for start, end in spans:
        masked[start:end] = " " * (end - start)
    return list(_WORD.finditer("".join(masked))), spans


def _without_markup(title: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """title[start:end] as read, its markup left out (a space kept where words would join)."""
    pieces, at = [], start
    for a, b in spans:
        if b <= at or a >= end:
            continue
        pieces.append(title[at:a])
        at = b
    pieces.append(title[at:end])
    text = ""
    for piece in pieces:
        text += " " + piece if text and piece and text[-1].isalnum() and piece[0].isalnum() else piece
    return " ".join(text.split())


def headline_sentences(title: str, text: str, sentences: Sequence) -> list[int]:
    """Indices of the first body sentences that together are the headline (none when the body
    does not open with it)."""
    if not title or not sentences:
        return []
    want = [_key(m.group(), {}) for m in _words(title)[0]]
    got: list[str] = []
    out: list[int] = []
    for index, span in enumerate(sentences[:3]):
        got += [_key(w, {}) for w in _WORD.findall(span.text)]
        out.append(index)
        if got == want:
            return out
        if len(got) >= len(want):
            return []
    return []


def _runs(
    title: str,
    spans: list[tuple[int, int]],
    keys: list[str],
    shared: set[str],
    markup: list[tuple[int, int]],
    same_name: frozenset[int] = frozenset(),
) -> list[str]:
    """The runs of words whose key the other headline lacks, as written in `title` (its markup
    left out); the words at `same_name` count as shared."""
    runs: list[list[int]] = []
    current: list[int] = []
    held: list[int] = []  # small shared words after the run: inside it if it goes on
    for n, key in enumerate(keys):
        if key in shared or n in same_name:
            # "Face To Face" against "Focus Turns to Investigation": a shared "to" alone is no
            # common ground, and cutting there stressed "Face; Face"
            if key in STOPWORDS and any(keys[m] not in STOPWORDS for m in current):
                held.append(n)
                continue
            if current:
                runs.append(current)
            current, held = [], []
        else:
            current += held + [n]
            held = []
    if current:
        runs.append(current)
    # A run of nothing but small words ("to", "of the") stresses nothing.
    return [
        _without_markup(title, *_with_its_quote_marks(title, spans[r[0]][0], spans[r[-1]][1]), markup)
        for r in runs
        if any(keys[n] not in STOPWORDS for n in r)
    ]


# Quotation marks, single and double, each family's opening and closing forms together (a title
# may open with a curly mark and close with a straight one: "‘In God We Trust' Vote").
_MARK_FAMILIES = ("'‘’", '"“”')


def _with_its_quote_marks(title: str, start: int, end: int) -> tuple[int, int]:
    """title[start:end] widened over the quotation mark just outside it that closes (or opens)
    one it holds: "Calls NYT Report 'Outrageous Distortion'", not "…'Outrageous Distortion"."""
    for family in _MARK_FAMILIES:
        opened = closed = 0
        for k in range(start, end):
            if title[k] not in family:
                continue
            before = title[k - 1] if k > start else ""
            after = title[k + 1] if k + 1 < end else ""
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe inside a word: "America's", "Don't"
            if after.isalnum() and not before.isalnum():
                opened += 1
            elif closed < opened:
                opened -= 1
            else:
                closed += 1
        if opened and end < len(title) and title[end] in family:
            end += 1
        if closed and start > 0 and title[start - 1] in family:
            start -= 1
    return start, end


_NAME_SUFFIXES = frozenset(("Jr", "Sr", "II", "III", "IV"))


def _own_first_name(key: str, other_words: list[str], other_keys: list[str], shared: set[str], other_text: str) -> bool:
    """Whether the other headline puts a first name of its own before `key`, one its body writes
    too ("Elizabeth Cheney" against "Mary Cheney": two people of one name)."""
    for m, other in enumerate(other_keys):
        if other != key or m == 0:
            continue
        before = other_words[m - 1]
        name = other_words[m].removesuffix("’s").removesuffix("'s")
        if (
            re.search(rf"(?<![\w.]){re.escape(before)}\s+{re.escape(name)}(?![\w])", other_text)
            and before[:1].isupper()
            and not before.endswith(".")
            and other_keys[m - 1] not in shared
            and other_keys[m - 1].casefold() not in STOPWORDS
            and before.casefold() not in _TITLES
        ):
            return True
    return False


def _rest_of_shared_names(
    words: list[str],
    keys: list[str],
    shared: set[str],
    other_text: str,
    gaps: list[str],
    other_words: list[str],
    other_keys: list[str],
) -> frozenset[int]:
    """Indexes of the words that only complete a name both headlines give: "Bernie Sanders Beats"
    against "Sanders wins" when the other article's body writes "Bernie Sanders", capitalised
    (the same person, named in full on one side, is not something that side stresses; "Senate
    Race" against a body's "Senate race" is no name)."""
    if not other_text:
        return frozenset()
    out: set[int] = set()
    for n, key in enumerate(keys):
        if key not in shared or key in STOPWORDS or not words[n][:1].isupper():
            continue
        # A name: never written in lower case ("the sheriff said": "Arizona Sheriff" is no name),
        # and not the other headline's name for someone else.
        plain = words[n].removesuffix("’s").removesuffix("'s").rstrip(".")
        if re.search(rf"(?<![\w]){re.escape(plain.lower())}(?![\w])", other_text):
            continue
        if _own_first_name(key, other_words, other_keys, shared, other_text):
            continue
        # The capitalised word before the shared one (a first name or a title: "Bernie", "Gov."),
        # and a suffix after it ("Jr."); not a word after it: "Senate Republicans", "Gun
        # Violence" name other things than "Senate" and "Gun".
        suffix = n + 1 < len(words) and words[n + 1].rstrip(".") in _NAME_SUFFIXES
        for first in range(max(0, n - 1), n + 1):
            for last in range(n, n + 2 if suffix else n + 1):
                if first == last or any(
                    not words[k][:1].isupper() or keys[k].casefold() in STOPWORDS for k in range(first, last + 1)
                ):
                    continue
                if any(gaps[k].strip() for k in range(first, last)):
                    continue  # "Rubio: 'You" is no name
                name = [words[k].removesuffix("’s").removesuffix("'s") for k in range(first, last + 1)]
                if last == len(words) - 1 and not re.search(r"\.\w", name[-1]):
                    name[-1] = name[-1].removesuffix(".")  # the title's full stop, not "Jr."
                # as written (a name is capitalised in running text), a middle name or initial
                # allowed: "Paul Ryan" is the body's "Paul D. Ryan", "Hillary Rodham Clinton"
                pattern = r"(?<![\w.])" + r"\s+(?:[A-Z][\w’'-]*\.?\s+)?".join(re.escape(w) for w in name) + r"(?![\w])"
                if re.search(pattern, other_text):
                    out.update(range(first, last + 1))
    return frozenset(out)


_NUMBER_WORDS = {w: str(n) for n, w in enumerate("zero one two three four five six seven eight nine ten".split())}


def _middle_initials(words: list[str], keys: list[str], shared: set[str]) -> frozenset[int]:
    """Indexes of middle initials inside a name both headlines give ("Raúl R. Labrador" against
    "Raul Labrador"): a capital and a full stop between two capitalised shared words."""
    return frozenset(
        n
        for n in range(1, len(words) - 1)
        if re.fullmatch(r"[A-Z]\.", words[n])
        and all(keys[k] in shared and words[k][:1].isupper() for k in (n - 1, n + 1))
    )


def _forms(key: str) -> list[str]:
    """A word's key and, for a hyphenated one, its parts and the parts joined ("1-in-3": 1, in,
    3, 1in3; "E-Mails": e, mail, email), number words as digits."""
    parts = [p for p in key.split("-") if p]
    if len(parts) < 2:
        return [_NUMBER_WORDS.get(key.casefold(), key.casefold())]
    parts = [_NUMBER_WORDS.get(p.casefold(), _key(p.casefold(), {})) for p in parts]
    return [key.casefold(), *parts, _key("".join(parts), {})]


# Endings that make another form of one word: "Indictment" / "Indicted", "Endorses" /
# "Endorsement", "Challenges" / "Challenged". Not a stemmer's: Porter makes "General" and
# "Generous" one word.
_FORM_ENDINGS = ("ments", "ment", "ings", "ing", "ions", "ion", "ed", "es", "s")


def _word_base(key: str) -> str:
    word = key.casefold()
    for ending in _FORM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    return word.rstrip("e")


def _forms_shared(keys: list[str], other: list[str]) -> frozenset[int]:
    """Indexes of the words the other headline writes in another form ("Indictment Expected" /
    "Expected To Be Indicted"): the same word, told as a noun or a verb, stresses nothing."""
    known = {_word_base(k) for k in other if k.casefold() not in STOPWORDS}
    return frozenset(
        n
        for n, k in enumerate(keys)
        if k.casefold() not in STOPWORDS and len(_word_base(k)) >= 4 and _word_base(k) in known
    )


def _hyphen_shared(keys: list[str], other: list[str]) -> frozenset[int]:
    """Indexes of the words the other headline has in another hyphenation: "Double-Dip" /
    "Double Dip", "E-Mails" / "emails", "1-in-3" / "1 In 3" / "One-in-Three", "Biden-Ryan" /
    "Biden, Ryan"."""
    known = {f for k in other for f in _forms(k)}
    out = set()
    for n, key in enumerate(keys):
        forms = _forms(key)
        if len(forms) == 1:
            if forms[0] in known:
                out.add(n)
        elif forms[-1] in known or all(p in known for p in forms[1:-1]):
            out.add(n)
    return frozenset(out)


def compare_headlines(
    left_title: str | None,
    right_title: str | None,
    left_sentences: Sequence = (),
    right_sentences: Sequence = (),
    mapping: dict[str, str] | None = None,
    left_text: str = "",
    right_text: str = "",
    words: FramingWords | None = None,
    left_outlet: str | None = None,
    right_outlet: str | None = None,
    left_from_text: bool = False,
    right_from_text: bool = False,
    left_source: str | None = None,
    right_source: str | None = None,
) -> HeadlineComparison | None:
    """The two headlines compared; None when either article has none. `left_from_text`: the left
    title is the article's first sentence (inferred), not a headline. `left_source`: where the
    left title came from (Article.title_source), kept with it."""
    left_title, right_title = (left_title or "").strip(), (right_title or "").strip()
    if not left_title or not right_title:
        return None
    mapping = {fold_diacritics(k): fold_diacritics(v) for k, v in (mapping or {}).items()}
    (lm, l_markup), (rm, r_markup) = _words(left_title), _words(right_title)
    # A rubric's words and the outlet's signature are neither shared nor stressed.
    l_from, r_from = _rubric_end(left_title, left_from_text), _rubric_end(right_title, right_from_text)
    l_to, r_to = _site_start(left_title, left_outlet), _site_start(right_title, right_outlet)
    l_to = min(l_to, _cut_clause_start(left_title)) if left_from_text else l_to
    r_to = min(r_to, _cut_clause_start(right_title)) if right_from_text else r_to
    lm = [m for m in lm if l_from <= m.start() < l_to]
    rm = [m for m in rm if r_from <= m.start() < r_to]
    lw, rw = [m.group() for m in lm], [m.group() for m in rm]
    ls, rs = [m.span() for m in lm], [m.span() for m in rm]
    lk, rk = [_key(w, {}) for w in lw], [_key(w, mapping) for w in rw]
    shared = set(lk) & set(rk)
    content_l = {k for k in lk if k not in STOPWORDS}
    content_r = {k for k in rk if k not in STOPWORDS}
    common = content_l & content_r
    similarity = 2 * len(common) / (len(content_l) + len(content_r)) if content_l or content_r else 0.0
    # Word order matters for what reads as one phrase: the differing runs come from a diff.
    matcher = difflib.SequenceMatcher(None, lk, rk, autojunk=False)
    in_order = {lk[m.a + n] for m in matcher.get_matching_blocks() for n in range(m.size)}
    shared_words = [w for w, k in zip(lw, lk) if k in common]
    l_gaps = [left_title[ls[n][1] : ls[n + 1][0]] for n in range(len(ls) - 1)] + [""]
    r_gaps = [right_title[rs[n][1] : rs[n + 1][0]] for n in range(len(rs) - 1)] + [""]
    l_names = _rest_of_shared_names(lw, lk, shared, right_text, l_gaps, rw, rk) | _hyphen_shared(lk, rk)
    r_names = _rest_of_shared_names(rw, rk, shared, left_text, r_gaps, lw, lk) | _hyphen_shared(rk, lk)
    l_short, r_full = _short_forms_shared(lw, rk)
    r_short, l_full = _short_forms_shared(rw, lk)
    l_names, r_names = l_names | l_short | l_full, r_names | r_short | r_full
    l_names, r_names = l_names | _middle_initials(lw, lk, shared), r_names | _middle_initials(rw, rk, shared)
    l_names, r_names = l_names | _forms_shared(lk, rk), r_names | _forms_shared(rk, lk)
    result = HeadlineComparison(
        left=Headline(
            left_title,
            headline_sentences(left_title, left_text, left_sentences),
            _runs(left_title, ls, lk, shared | in_order, l_markup, l_names),
            source=left_source,
        ),
        right=Headline(
            right_title,
            headline_sentences(right_title, right_text, right_sentences),
            _runs(right_title, rs, rk, shared | in_order, r_markup, r_names),
            source=right_source,
        ),
        shared=list(dict.fromkeys(shared_words)),
        similarity=similarity,
    )
    lists = (words or default_framing_words()).lists
    phrases = [p for kind in KINDS for p in lists.get(kind, [])]
    labels = frozenset(lists.get("labels", []))
    for headline, text in ((result.left, left_text), (result.right, right_text)):
        headline.framing = _framing_in(headline.stressed, phrases, labels, headline.text, text)
    # a plain label is one only as a label (a user may list "aide" as loaded too)
    plain = frozenset(p for p in labels & _PLAIN_LABELS if not any(p in lists.get(k, []) for k in KINDS[1:]))
    left_found, right_found = result.left.framing, result.right.framing
    result.left.framing = _without_plain_labels(left_found, right_found, labels, plain)
    result.right.framing = _without_plain_labels(right_found, left_found, labels, plain)
    return result


# Listed labels that name a role or a group plainly ("Congressman Breaks His Silence", "GOP
# Staffer Apologizes", "Chick-fil-A Day Brings Out Supporters, Protesters"): the list carries
# them to contrast with charged ones ("leader" / "dictator", "protesters" / "rioters"). On its
# own such a word chooses no side: on basil-dev it was two thirds of the headlines' framing words.
_PLAIN_LABELS = frozenset(
    (w,)
    for w in """leader president government administration activist activists protesters militant militants
    insurgent insurgents rebel rebels fighters migrant migrants immigrant immigrants refugee refugees staffer
    aide lawmaker congressman congresswoman representative rep senator sheriff""".split()
)


def _phrase_key(written: str) -> tuple[str, ...]:
    return tuple(written.casefold().replace("’", "'").split())


def _without_plain_labels(
    found: list[str], other: list[str], labels: frozenset[tuple[str, ...]], plain: frozenset[tuple[str, ...]]
) -> list[str]:
    """`found` less its plain labels, unless the other headline has a charged label (then the
    plain word is one side of the contrast: "Leader" against "Dictator")."""
    charged = any(_phrase_key(w) in labels and _phrase_key(w) not in plain for w in other)
    return [w for w in found if charged or _phrase_key(w) not in plain]


def _framing_in(
    runs: list[str],
    phrases: list[tuple[str, ...]],
    labels: frozenset[tuple[str, ...]] = frozenset(),
    title: str = "",
    text: str = "",
) -> list[str]:
    """The listed framing phrases found in the runs (of `title`), as written, in order, each
    once; none inside quotation marks (someone else's word: "Calls NYT Report 'Outrageous
    Distortion'"); a label (one of `labels`) not where it is a title or an office."""
    found: list[str] = []
    quoted = [m.span() for m in _QUOTED.finditer(title)]  # single marks too: 'Racist Elements'
    at = 0
    for run in runs:
        # Where the run is in the title (a run read across markup is not found: no offsets).
        where = title.find(run, at) if title else -1
        if where >= 0:
            at = where + len(run)
        matches = list(_PLAIN.finditer(run))
        tokens = [(m.group(), m.group().casefold().replace("’", "'")) for m in matches]
        for k in range(len(tokens)):
            word = tokens[k][0]
            start = where + matches[k].start() if where >= 0 else -1
            if start >= 0 and any(a <= start < b for a, b in quoted):
                continue
            abbreviated = len(word) <= 4 and word[:1].isupper() and _before_a_name(word, title or run)
            # "Rep. Akin": an abbreviated title before a name (written capitalised, and a name
            # follows: "a mob." and "Stormed By Mob." end a sentence); "Run for President": the
            # office itself (not "Brands Protesters as Thugs"). Neither is a word chosen to label
            # someone.
            office = tokens[k][1] in _OFFICES and (
                (k > 0 and tokens[k - 1][1] in _OFFICE_BEFORE) or (start >= 0 and _after_office_verb(title[:start]))
            )
            titled = start >= 0 and _title_of_a_name(word, title[start + len(word) :], text)
            not_a_label = abbreviated or office or titled
            after, before = _title_word(title, start, 1), _title_word(title, start, -1)
            for phrase in phrases:
                if not_a_label and phrase in labels:
                    continue
                # "illegal campaign spending" labels no one (unlike "illegal immigrants")
                if (
                    phrase in labels
                    and phrase[0] in _PEOPLE_ADJECTIVES
                    and after is not None
                    and (after,) not in labels
                ):
                    continue
                # "Questions Claims in Sex Bias Suit", "challenge Clinton claims on": the noun
                # reports others' claims (as in the body, framing._used_as_noun); the verb doubts
                if phrase in _NOUN_OR_VERB and (after in _AFTER_A_NOUN or before in _BEFORE_A_NOUN):
                    continue
                if tuple(t for _, t in tokens[k : k + len(phrase)]) == phrase:
                    text_ = " ".join(w for w, _ in tokens[k : k + len(phrase)])
                    if text_ not in found:
                        found.append(text_)
    return found


def _title_word(title: str, start: int, step: int) -> str | None:
    """The word of `title` after (step 1) or before (step -1) the word at `start`, casefolded;
    None at either end or when the word's place is not known."""
    if start < 0:
        return None
    words = [(m.start(), m.group().casefold().replace("’", "'")) for m in _PLAIN.finditer(title)]
    at = next((n for n, (a, _) in enumerate(words) if a == start), None)
    if at is None or not 0 <= at + step < len(words):
        return None
    return words[at + step][1]


_PEOPLE_ADJECTIVES = frozenset(("illegal", "undocumented"))
_AFTER_A_NOUN = frozenset("in on of about over against from by for with to".split())


def _after_office_verb(before: str) -> bool:
    """Whether the title before an office's word ends with "for", "as" or "named", with at most
    two words of an office's name between ("Run for House Majority Leader", "Named Interim
    Senator"; not "Apologizes for Criticizing Iowa Senator", a person)."""
    words = [w.casefold() for w in _PLAIN.findall(before)[-3:]]
    for n in range(len(words) - 1, -1, -1):
        if words[n] in _OFFICE_BEFORE:
            return all(w in _OFFICE_WORDS for w in words[n + 1 :])
    return False


def _title_of_a_name(word: str, after: str, text: str) -> bool:
    """Whether a capitalised label is a title before a name: the article's body writes it before
    the same capitalised word ("President Obama's Last State Of The Union" and "President Obama"
    in the body; not "Congressman Breaks His Silence")."""
    m = re.match(r"[^\S\n]+([A-Z][\w]*)", after)
    if not word[:1].isupper() or not m or not text or m.group(1).casefold() in STOPWORDS:
        return False
    return re.search(rf"(?<!\w){re.escape(word)}[^\S\n]+{re.escape(m.group(1))}(?!\w)", text) is not None


def _before_a_name(word: str, title: str) -> bool:
    """Whether `title` writes `word` with a period and a capitalised word after it ("Rep. Akin"; the
    name may be outside the stressed run, shared by both headlines)."""
    return any(
        m.group(1).casefold() not in STOPWORDS  # "Fires Aide. Then Regrets It": a new sentence
        for m in re.finditer(rf"(?<![\w.]){re.escape(word)}\.[^\S\n]+([A-Z][\w’'-]*)", title)
    )


_OFFICE_BEFORE = frozenset(("for", "as", "named"))
_OFFICE_WORDS = frozenset("house senate majority minority interim acting deputy vice assistant chief state".split())
# the listed labels that name an office one runs for or is named to
_OFFICES = frozenset(("president", "leader", "senator", "representative", "congressman", "congresswoman", "sheriff"))
_PLAIN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
