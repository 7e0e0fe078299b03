"""Readable forms of a Comparison: plain/coloured text (the CLI) and Markdown (the export).

    render_text(comparison, colour=False) -> str
    render_markdown(comparison) -> str

Article text is hostile: control characters are removed from everything printed (an escape
sequence must never reach a terminal), and in Markdown every character that could make markup
(links, HTML, emphasis, tables) is backslash-escaped, so a sentence renders as the words it is.
Colour is plain ANSI SGR written here: the core never imports textual or rich.
"""

from __future__ import annotations

import re
from typing import Sequence
from urllib.parse import quote, urlsplit

from reader.analysis.compare import NOT_COMPARED as TOO_LONG, Comparison
from reader.analysis.compare_layout import (
    SAME_TEXTS,
    clean,
    clean_keep,
    kept_run_words,
    kept_runs,
    out_of_order,
    same_text_note,
    sides_named,
)
from reader.analysis.compare_terms import (
    MARKS,
    MOVED,
    NOT_COMPARED,
    NOT_COMPARED_MEANING,
    POSSIBLY_TOLD,
    QUOTE_FLAGS,
    QUOTE_MARKS,
    OUT_OF_ORDER,
    TOLD_ELSEWHERE,
    WEAK_MEANING,
    shares,
    strength,
)
from reader.analysis.figures import FigureDifference
from reader.analysis.headline import NOT_HEADLINES
from reader.analysis.link_evidence import Shared, shared_words
from reader.analysis.names import variant_map, written_as_word
from reader.wording import NO_OUTLET, NOTHING_STRESSED, counted

# Every character that can start markup inside a line (our own prefixes open each line).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")

_RESET = "\x1b[0m"
_STYLES = {
    "heading": "\x1b[1m",
    "dim": "\x1b[2m",
    "left": "\x1b[36m",  # cyan
    "right": "\x1b[35m",  # magenta
    "exact": "\x1b[32m",  # green
    "fragment": "\x1b[34m",  # blue
    "altered": "\x1b[33;1m",  # bold yellow: worth flagging
    "censored": "\x1b[34;9m",  # blue, struck through
    "figure": "\x1b[33m",
    "framing": "\x1b[35;1m",  # bold magenta
    "shared": "\x1b[4m",  # underlined: the words a link's two sentences share
}


def md_escape(text: str | None) -> str:
    return _MD_SPECIAL.sub(r"\\\1", clean(text))


def _md_link(url: str | None) -> str:
    """A web address as a Markdown link, or "" for none. Only http(s) becomes a link (a
    `javascript:` address stays text); the address is percent-encoded so that no character of it
    can end the link or open markup, and its shown text is escaped."""
    url = clean(url)
    if not url:
        return ""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # a malformed address (an unclosed IPv6 bracket): shown, not linked
        scheme = ""
    if scheme not in ("http", "https"):
        return md_escape(url)
    target = quote(url, safe="/:?#&=%+,;@!$~.-_")
    return f"[{md_escape(url)}]({target})"


def _md_side(role: str, name: str, side) -> list[str]:
    """The export's line for one article: outlet, headline, date, id; its address under it."""
    date = f", {md_escape(side.date)}" if getattr(side, "date", None) else ""
    lines = [f"- **{role}:** {md_escape(name)} — {md_escape(side.title)} (`{clean(side.id).replace('`', '')}`{date})"]
    link = _md_link(getattr(side, "url", None))
    if link:
        lines.append(f"  - {link}")
    return lines


def _label(side) -> str:
    """A side's outlet as every command shows it: "(no outlet)" where its metadata names none
    (its id, which follows in brackets, stood there: "RIGHT  b: … [b]")."""
    return clean(side.outlet) or NO_OUTLET


def _names(comparison: Comparison) -> tuple[str, str]:
    return sides_named(_label(comparison.left), _label(comparison.right))


def _by_left(comparison: Comparison) -> list[tuple[int, list[tuple[int, float]]]]:
    """Each linked left sentence with its right partners and scores, in reading order."""
    partners: dict[int, list[tuple[int, float]]] = {}
    for p in comparison.pairs:
        partners.setdefault(p.left, []).append((p.right, p.score))
    return [(i, sorted(partners[i])) for i in sorted(partners)]


def _possibly(comparison: Comparison):
    """(items, style, prefix, other prefix, sentences) for each side's "possibly told" sentences."""
    return [
        (list(getattr(comparison, "possibly_left", [])), "left", "L", "R", comparison.left.sentences),
        (list(getattr(comparison, "possibly_right", [])), "right", "R", "L", comparison.right.sentences),
    ]


def render_text(
    comparison: Comparison, colour: bool = False, notes: Sequence[str] = (), fold_same: bool = False
) -> str:
    """The comparison as plain text (ANSI colour when `colour`); `notes`: what the caller knows
    and the comparison does not (DIFFERENT_STORIES), said first, each on a "Note:" line.
    `fold_same` (two versions of one article): each run of sentences kept word for word is one
    line (_same_runs), so the edits stand out."""

    def paint(style: str, text: str) -> str:
        return f"{_STYLES[style]}{text}{_RESET}" if colour else text

    left_name, right_name = _names(comparison)
    lines: list[str] = [
        paint("left", f"LEFT   {left_name}: {clean(comparison.left.title)} [{clean(comparison.left.id)}]"),
        paint("right", f"RIGHT  {right_name}: {clean(comparison.right.title)} [{clean(comparison.right.id)}]"),
    ]
    for notice in [*notes, *(comparison.notices() if hasattr(comparison, "notices") else ())]:
        lines.append(paint("heading", f"Note: {clean(notice)}"))
    same = same_text_note(comparison)
    if same:  # `compare A A`, two copies of one file (git diff of a file with itself says nothing)
        lines.append(paint("heading", f"Note: {same}" + (": nothing differs" if same == SAME_TEXTS else "")))
    lines += _text_headline(comparison, paint)
    lines += _text_aligned(comparison, paint, fold_same)
    lines += _text_only(comparison, paint, left_name, right_name)
    lines += _text_possibly(comparison, paint)
    lines += _text_not_compared(comparison, paint)
    lines += _text_quotes_and_names(comparison, paint)
    lines += _text_figures_and_framing(comparison, paint)
    return "\n".join(lines) + "\n"


def _text_headline(comparison: Comparison, paint) -> list[str]:
    headline = getattr(comparison, "headline", None)
    if headline is None:
        return []
    lines = ["", paint("heading", f"Headlines (similarity {headline.similarity:.2f})")]
    for style, prefix, side in (("left", "L", headline.left), ("right", "R", headline.right)):
        stressed = "; ".join(clean(w) for w in side.stressed) or NOTHING_STRESSED
        lines.append("  " + paint(style, prefix) + f" {clean(side.text)}{_no_headline(side)}")
        lines.append(f"    stresses: {stressed}")
        if side.framing:
            lines.append(f"    framing words: {', '.join(clean(w) for w in side.framing)}")
    for f in headline.figures:  # the headlines' own figures, neither headline told in its body
        lines.append(
            f"  figures differ: {clean(f.described)}: {paint('figure', clean(f.left.text))} (L) vs "
            f"{paint('figure', clean(f.right.text))} (R)"
        )
    return lines


def _no_headline(side) -> str:
    """ " (no headline: its first sentence)" after a title the article did not have as a headline."""
    where = NOT_HEADLINES.get(getattr(side, "source", None) or "")
    return f" (no headline: {where})" if where else ""


def pair_evidence(comparison: Comparison) -> dict[tuple[int, int], Shared]:
    """The words each linked pair shares (what a reader can check the link by)."""
    L, R = comparison.left.sentences, comparison.right.sentences
    variants = variant_map(list(comparison.name_variants))
    return {(p.left, p.right): shared_words(L[p.left].text, R[p.right].text, variants) for p in comparison.pairs}


def _also(comparison: Comparison) -> dict[int, list[int]]:
    """Each right sentence linked to several left ones: those left sentences (one-to-many)."""
    lefts: dict[int, list[int]] = {}
    for p in comparison.pairs:
        lefts.setdefault(p.right, []).append(p.left)
    return {j: sorted(found) for j, found in lefts.items() if len(found) > 1}


def _underlined(text: str, spans: list[tuple[int, int]], paint) -> str:
    """A sentence with the given spans painted "shared" (no-op without colour), cleaned."""
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out += [clean_keep(text[pos:start]), paint("shared", clean_keep(text[start:end]))]
        pos = end
    out.append(clean_keep(text[pos:]))
    return " ".join("".join(out).split())


def _link_note(score: float, weak: bool, linked: list[int], left: int, out_of_order: bool = False) -> str:
    """ "0.66, weak; out of order; also linked to L9": a link's strength, whether it leaves the
    reading order (the screen's `~`), with the other left sentences its right one is `linked` to
    (besides `left`), as the text and the Markdown say it."""
    others = ", ".join(f"L{k + 1}" for k in linked if k != left)
    return (
        f"{strength(score)}{', weak' if weak else ''}{'; ' + OUT_OF_ORDER if out_of_order else ''}"
        f"{'; also linked to ' + others if others else ''}"
    )


def _shares(shared: Shared) -> str:
    return shares([clean(w) for w in shared.written()])


# What the marks of each section mean, said under its heading in the text and Markdown forms (as
# the screen's help says it): a reader of a report has no help screen.
LINK_MARKS = (
    "L1, R1…: the sentences of the left and right articles, in reading order; (0.87): how "
    f"surely the two tell the same fact; weak: {WEAK_MEANING}; {OUT_OF_ORDER}: {TOLD_ELSEWHERE}, "
    f"out of step with the order of the other links (the app's {MARKS[MOVED]}); shares: the "
    "words both sentences use, left/right when they write one differently (a link may rest on "
    "meaning more than words)"
)
POSSIBLE_HEADING = f"{POSSIBLY_TOLD.capitalize()} — check"
POSSIBLE_MARKS = (
    "no link, but a sentence of the other side comes close: (closest: R3, 0.58) names it and how "
    "surely it tells the same fact, below the link threshold; read both before trusting an absence"
)


def _folding(comparison: Comparison, fold_same: bool) -> tuple[dict[int, tuple[int, int]], set[int]]:
    """(kept_runs, the left sentences a run's first line stands for beside its own) when
    `fold_same`, else nothing folded."""
    runs = kept_runs(comparison) if fold_same else {}
    return runs, {i + k for i, (_, count) in runs.items() for k in range(1, count)}


def _text_aligned(comparison: Comparison, paint, fold_same: bool = False) -> list[str]:
    L, R = comparison.left.sentences, comparison.right.sentences
    groups = _by_left(comparison)
    runs, folded = _folding(comparison, fold_same)
    weak_pairs = {(p.left, p.right) for p in comparison.pairs if getattr(p, "weak", False)}
    evidence, also, moved = pair_evidence(comparison), _also(comparison), out_of_order(comparison)
    lines = ["", paint("heading", f"Aligned sentences ({counted(len(comparison.pairs), 'link')})")]
    if not groups:
        lines.append("  (none)")
    else:
        lines.append("  " + paint("dim", f"({LINK_MARKS})"))
    for i, partners in groups:
        if i in folded:
            continue
        if i in runs:
            left, right, said = kept_run_words(i, *runs[i])
            lines.append("  " + paint("left", left) + " = " + paint("right", right) + "  " + paint("dim", f"({said})"))
            continue
        spans = sorted({span for j, _ in partners for span in evidence[(i, j)].left})
        lines.append("  " + paint("left", f"L{i + 1:<3}") + " " + _underlined(L[i].text, spans, paint))
        for j, score in partners:
            shared = evidence[(i, j)]
            note = _link_note(score, (i, j) in weak_pairs, also.get(j, []), i, (i, j) in moved)
            lines.append(
                "    "
                + paint("right", f"R{j + 1:<3}")
                + " "
                + _underlined(R[j].text, shared.right, paint)
                + " "
                + paint("dim", f"({note})")
            )
            lines.append("         " + paint("dim", _shares(shared)))
    return lines


def _text_only(comparison: Comparison, paint, left_name: str, right_name: str) -> list[str]:
    lines: list[str] = []
    for name, style, prefix, indices, sentences in (
        (left_name, "left", "L", comparison.only_left, comparison.left.sentences),
        (right_name, "right", "R", comparison.only_right, comparison.right.sentences),
    ):
        lines += ["", paint("heading", f"Only in {name} ({len(indices)})")]
        if not indices:
            lines.append("  (none)")
        for k in indices:
            lines.append("  " + paint(style, f"{prefix}{k + 1:<3}") + " " + clean(sentences[k].text))
    return lines


def _text_possibly(comparison: Comparison, paint) -> list[str]:
    possibly = _possibly(comparison)
    total = sum(len(items) for items, *_ in possibly)
    lines: list[str] = []
    if total:
        lines += [
            "",
            paint("heading", f"{POSSIBLE_HEADING} ({total})"),
            "  " + paint("dim", f"({POSSIBLE_MARKS})"),
        ]
    for possible, style, prefix, other, sentences in possibly:
        for p in possible:
            lines.append(
                "  "
                + paint(style, f"{prefix}{p.sentence + 1:<3}")
                + " "
                + clean(sentences[p.sentence].text)
                + " "
                + paint("dim", f"(closest: {other}{p.candidate + 1}, {strength(p.score)})")
            )
    return lines


NOT_COMPARED_HEADING = NOT_COMPARED.capitalize()


def _not_compared(comparison: Comparison):
    """(prefix, index, kind, sentences) for each sentence left out of the comparison (the screen's
    "·"): the L and R numbers skip them, and nothing said where they went."""
    found = []
    for prefix, skipped, side in (
        ("L", getattr(comparison, "skipped_left", {}), comparison.left),
        ("R", getattr(comparison, "skipped_right", {}), comparison.right),
    ):
        # Past the bound of a long side ("not compared (too long)"): thousands, said once by a note.
        found += [
            (prefix, k, kind, side.sentences)
            for k, kind in sorted(skipped.items())
            if k < len(side.sentences) and kind != TOO_LONG
        ]
    return found


def _text_not_compared(comparison: Comparison, paint) -> list[str]:
    found = _not_compared(comparison)
    if not found:
        return []
    lines = [
        "",
        paint("heading", f"{NOT_COMPARED_HEADING} ({len(found)})"),
        "  " + paint("dim", f"({NOT_COMPARED_MEANING})"),
    ]
    for prefix, k, kind, sentences in found:
        style = "left" if prefix == "L" else "right"
        lines.append(
            "  "
            + paint(style, f"{prefix}{k + 1:<3}")
            + " "
            + clean(sentences[k].text)
            + " "
            + paint("dim", f"({clean(kind)})")
        )
    return lines


def _text_quotes_and_names(comparison: Comparison, paint) -> list[str]:
    lines = ["", paint("heading", f"Shared quotes ({len(comparison.shared_quotes)})")]
    if not comparison.shared_quotes:
        lines.append("  (none)")
    else:
        lines.append("  " + paint("dim", f"({QUOTE_MARKS})"))
    for q in comparison.shared_quotes:
        tag = q.match.upper() if q.match == "altered" else q.match
        lines.append("  " + paint(q.match, f"[{tag}]") + QUOTE_FLAGS.get(q.match, ""))
        for side_style, span in (("left", q.left), ("right", q.right)):
            who = f" — {clean(span.speaker)}" if span.speaker else ""
            lines.append(
                "    " + paint(side_style, "L" if side_style == "left" else "R") + f" “{clean(span.text)}”{who}"
            )
    lines += ["", paint("heading", f"Name variants ({len(comparison.name_variants)})")]
    if not comparison.name_variants:
        lines.append("  (none)")
    for v in comparison.name_variants:
        lines.append(
            f"  {paint('left', clean(v.left_name))} / {paint('right', clean(v.right_name))}"
            + paint("dim", _where_named(comparison, v))
        )
    return lines


WHERE_NAMED = 4  # sentences listed for each spelling of a name variant


def _where_named(comparison: Comparison, variant) -> str:
    """ " (L3, L5 / R2)": the sentences where each side writes its spelling, to check them."""
    places = []
    for prefix, word, sentences in (
        ("L", variant.left, comparison.left.sentences),
        ("R", variant.right, comparison.right.sentences),
    ):
        pattern = written_as_word(word or "")
        found = [f"{prefix}{k + 1}" for k, s in enumerate(sentences) if word and pattern.search(s.text)]
        shown = ", ".join(found[:WHERE_NAMED]) + (
            f" and {len(found) - WHERE_NAMED} more" if len(found) > WHERE_NAMED else ""
        )
        places.append(shown or f"{prefix}: not in a sentence")
    return f" ({' / '.join(places)})"


def _told_again(figure: FigureDifference) -> str:
    """The other pairs of sentences a differing figure was seen in: ", also L3 / R1, L3 / R3"."""
    again = [f"L{pair.left_sentence + 1} / R{pair.right_sentence + 1}" for pair in figure.told_again]
    return f", also {', '.join(again)}" if again else ""


def _sentences_told_again(figure: FigureDifference, left: Sequence, right: Sequence) -> list[tuple[str, int, str]]:
    """The sentences (side, index, text) the other pairs of a differing figure name that its first
    pair does not, each once, left then right."""
    shown = ({figure.left_sentence}, {figure.right_sentence})
    out: list[tuple[str, int, str]] = []
    for n, (side, sentences) in enumerate((("left", left), ("right", right))):
        for pair in figure.told_again:
            index = pair.right_sentence if n else pair.left_sentence
            if index not in shown[n]:
                shown[n].add(index)
                out.append((side, index, sentences[index].text))
    return out


def _text_figures_and_framing(comparison: Comparison, paint) -> list[str]:
    L, R = comparison.left.sentences, comparison.right.sentences
    lines = ["", paint("heading", f"Differing figures ({len(comparison.figures)})")]
    if not comparison.figures:
        lines.append("  (none)")
    for f in comparison.figures:
        lines.append(
            f"  {clean(f.described)}: {paint('figure', clean(f.left.text))} (L{f.left_sentence + 1}) vs "
            f"{paint('figure', clean(f.right.text))} (R{f.right_sentence + 1}){_told_again(f)}"
        )
        lines.append("    " + paint("left", "L") + " " + clean(L[f.left_sentence].text))
        lines.append("    " + paint("right", "R") + " " + clean(R[f.right_sentence].text))
        for side, number, sentence in _sentences_told_again(f, L, R):
            lines.append("    " + paint(side, f"{side[0].upper()}{number + 1}") + " " + clean(sentence))
    framing = getattr(comparison, "framing", [])
    lines += ["", paint("heading", f"Framing ({len(framing)})")]
    if not framing:
        lines.append("  (none)")
    for flag in framing:
        lines.append(
            f"  {paint('framing', clean(flag.summary()))} (L{flag.left_sentence + 1} / R{flag.right_sentence + 1})"
        )
        lines.append("    " + paint("left", "L") + " " + clean(L[flag.left_sentence].text))
        lines.append("    " + paint("right", "R") + " " + clean(R[flag.right_sentence].text))
    return lines


def render_markdown(comparison: Comparison, notes: Sequence[str] = (), fold_same: bool = False) -> str:
    """The comparison as Markdown; `notes` and `fold_same` as render_text's."""
    left_name, right_name = _names(comparison)
    out: list[str] = [f"# Comparison: {md_escape(left_name)} and {md_escape(right_name)}", ""]
    out += _md_side("Left", left_name, comparison.left)
    out += _md_side("Right", right_name, comparison.right)
    possibly = len(getattr(comparison, "possibly_left", [])) + len(getattr(comparison, "possibly_right", []))
    out.append(
        f"- {counted(len(comparison.pairs), 'link')} between sentences; "
        f"{counted(len(comparison.only_left), 'sentence')} only on the left, "
        f"{len(comparison.only_right)} only on the right; {possibly} {POSSIBLY_TOLD}; "
        f"{counted(len(comparison.shared_quotes), 'shared quote')}"
    )
    for notice in [*notes, *(comparison.notices() if hasattr(comparison, "notices") else ())]:
        out.append(f"- Note: {md_escape(notice)}")
    out += _md_headline(comparison, left_name, right_name)
    out += _md_sentences(comparison, left_name, right_name, fold_same)
    out += _md_quotes_and_names(comparison)
    out += _md_figures_and_framing(comparison)
    return "\n".join(out) + "\n"


def _md_headline(comparison: Comparison, left_name: str, right_name: str) -> list[str]:
    headline = getattr(comparison, "headline", None)
    if headline is None:
        return []
    out = ["", "## Headlines", ""]
    for name, side in ((left_name, headline.left), (right_name, headline.right)):
        stressed = "; ".join(md_escape(w) for w in side.stressed) or NOTHING_STRESSED
        out.append(f"- **{md_escape(name)}:** {md_escape(side.text)}{_no_headline(side)} — stresses: {stressed}")
        if side.framing:
            out.append(f"  - framing words: {', '.join(md_escape(w) for w in side.framing)}")
    for f in headline.figures:
        out.append(
            f"- figures differ: {md_escape(f.described)}: **{md_escape(f.left.text)}** ({md_escape(left_name)}) vs "
            f"**{md_escape(f.right.text)}** ({md_escape(right_name)})"
        )
    out.append(f"- similarity {headline.similarity:.2f}")
    return out


def _md_sentences(comparison: Comparison, left_name: str, right_name: str, fold_same: bool = False) -> list[str]:
    """Aligned sentences, those only in one outlet, those possibly told by both."""
    L, R = comparison.left.sentences, comparison.right.sentences
    runs, folded = _folding(comparison, fold_same)
    out = ["", "## Aligned sentences", ""]
    groups = _by_left(comparison)
    weak_pairs = {(p.left, p.right) for p in comparison.pairs if getattr(p, "weak", False)}
    if not groups:
        out.append("_None._")
    else:  # what the marks mean, as the screen's help says it
        out += [f"_{LINK_MARKS}._", ""]
    evidence, also, moved = pair_evidence(comparison), _also(comparison), out_of_order(comparison)
    for i, partners in groups:
        if i in folded:
            continue
        if i in runs:
            left, right, said = kept_run_words(i, *runs[i])
            out.append(f"- **{left}** = **{right}** _({said})_")
            continue
        out.append(f"- **L{i + 1}** {md_escape(L[i].text)}")
        for j, score in partners:
            note = _link_note(score, (i, j) in weak_pairs, also.get(j, []), i, (i, j) in moved)
            out.append(f"  - **R{j + 1}** {md_escape(R[j].text)} _({note})_")
            out.append(f"    - {md_escape(_shares(evidence[(i, j)]))}")
    for name, prefix, indices, sentences in (
        (left_name, "L", comparison.only_left, L),
        (right_name, "R", comparison.only_right, R),
    ):
        out += ["", f"## Only in {md_escape(name)}", ""]
        if not indices:
            out.append("_None._")
        for k in indices:
            out.append(f"- **{prefix}{k + 1}** {md_escape(sentences[k].text)}")
    possibly = _possibly(comparison)
    if any(items for items, *_ in possibly):
        out += ["", f"## {POSSIBLE_HEADING}", "", f"_{md_escape(POSSIBLE_MARKS)}._", ""]
        for items, _, prefix, other, sentences in possibly:
            for p in items:
                out.append(
                    f"- **{prefix}{p.sentence + 1}** {md_escape(sentences[p.sentence].text)} "
                    f"_(closest: {other}{p.candidate + 1}, {strength(p.score)})_"
                )
    found = _not_compared(comparison)
    if found:
        out += ["", f"## {NOT_COMPARED_HEADING}", "", f"_{md_escape(NOT_COMPARED_MEANING)}._", ""]
        for prefix, k, kind, sentences in found:
            out.append(f"- **{prefix}{k + 1}** {md_escape(sentences[k].text)} _({md_escape(kind)})_")
    return out


def _md_quotes_and_names(comparison: Comparison) -> list[str]:
    out = ["", "## Shared quotes", ""]
    if not comparison.shared_quotes:
        out.append("_None._")
    else:
        out += [f"_{QUOTE_MARKS}._", ""]
    for q in comparison.shared_quotes:
        out.append(f"- **{q.match}**{QUOTE_FLAGS.get(q.match, '')}")
        for prefix, span in (("L", q.left), ("R", q.right)):
            who = f" — {md_escape(span.speaker)}" if span.speaker else ""
            out.append(f"  - {prefix}: “{md_escape(span.text)}”{who}")
    out += ["", "## Name variants", ""]
    if not comparison.name_variants:
        out.append("_None._")
    for v in comparison.name_variants:
        out.append(f"- {md_escape(v.left_name)} / {md_escape(v.right_name)} {md_escape(_where_named(comparison, v))}")
    return out


def _md_figures_and_framing(comparison: Comparison) -> list[str]:
    out = ["", "## Differing figures", ""]
    if not comparison.figures:
        out.append("_None._")
    for f in comparison.figures:
        out.append(
            f"- {md_escape(f.described)}: **{md_escape(f.left.text)}** (L{f.left_sentence + 1}) vs "
            f"**{md_escape(f.right.text)}** (R{f.right_sentence + 1}){_told_again(f)}"
        )
    framing = getattr(comparison, "framing", [])
    out += ["", "## Framing", ""]
    if not framing:
        out.append("_None._")
    for flag in framing:
        out.append(f"- {md_escape(flag.summary())} (L{flag.left_sentence + 1} / R{flag.right_sentence + 1})")
    return out
