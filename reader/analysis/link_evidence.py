"""What two linked sentences visibly share: the words a reader can check the link by.

    shared_words(left_text, right_text, variants) -> Shared

Presentation only: the link itself is decided by reader.analysis.align from many signals (meaning
too), and nothing here changes it. The words are those the linker itself compares: the content
words of both sentences that have the same stem (reader.analysis.stems: "voted" and "votes", a
name variant's two spellings counted as one), so the words shown are the words the link counted.
Each is given as each sentence writes it, with its offsets in both sentences, so both sides can
highlight the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.analysis.stems import stem_spans, without_possessive


@dataclass
class Shared:
    """Shared words of a pair, in the left sentence's order: `words` as the left sentence writes
    each (its first place), `right_words` as the right one does, and every place each occurs, as
    (start, end) offsets into each sentence's text."""

    words: list[str] = field(default_factory=list)
    right_words: list[str] = field(default_factory=list)
    left: list[tuple[int, int]] = field(default_factory=list)
    right: list[tuple[int, int]] = field(default_factory=list)

    def written(self) -> list[str]:
        """Each shared word as both sentences write it: "voted/votes" (left first) when they write
        it differently, the left's spelling alone when they differ only in capitals, the
        apostrophe or a possessive ("Clinton", "Clinton's": the same word to a reader)."""
        return [w if _plain(w) == _plain(r) else f"{w}/{r}" for w, r in zip(self.words, self.right_words)]


def _plain(word: str) -> str:
    return without_possessive(word.replace("’", "'").casefold())  # as tokenize reads the word


def shared_words(left_text: str, right_text: str, variants: dict[str, str] | None = None) -> Shared:
    """The content words both sentences use, by the linker's stems. `variants` maps a right-hand
    spelling (casefolded) to the left's, as names.variant_map gives it (and compare hands the
    linker), so "Sergei" on the right meets "Sergey"."""
    left = stem_spans(left_text or "", {})
    right = stem_spans(right_text or "", variants or {})
    common = {key for *_, key in left} & {key for *_, key in right}
    right_first: dict[str, str] = {}
    for start, end, key in right:
        if key in common:
            right_first.setdefault(key, right_text[start:end])
    shared = Shared()
    for start, end, key in left:
        if key in common:
            shared.left.append((start, end))
            if key in right_first:
                shared.words.append(left_text[start:end])
                shared.right_words.append(right_first.pop(key))
    shared.right = [(start, end) for start, end, key in right if key in common]
    return shared
