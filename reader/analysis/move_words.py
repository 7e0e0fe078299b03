"""The words a market move is told with, in one table every figure rule reads.

Each row is one verb (or adverb) of a move: its direction, the stems a figure's context words
are matched on, the forms that read as a verb rather than the thing counted ("sales rose"),
the past form a share's trading is told with ("fell 2 percent in London"), and the forms told
right before a move's amount ("fell $2"). A rule that needs a new move word gets it here, so
the rules cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

FALL, RISE, NEITHER = -1, 1, 0


@dataclass(frozen=True)
class MoveWord:
    direction: int
    stems: tuple[str, ...] = ()  # stems of context words telling the direction ("dropp", "ralli")
    verb_forms: tuple[str, ...] = ()  # forms read as a verb of the figure, not its item
    traded: str = ""  # the past told of a share's trading ("fell", "closed")
    before_amount: tuple[str, ...] = ()  # forms told right before a move's amount ("fell $2")
    adverb: bool = False  # "up", "lower": told of a move, never its verb


def _row(direction: int, stems: str = "", forms: str = "", traded: str = "", before: str = "") -> MoveWord:
    return MoveWord(direction, tuple(stems.split()), tuple(forms.split()), traded, tuple(before.split()))


def _adverb(word: str, direction: int, traded: bool = False, before: bool = False) -> MoveWord:
    """A move's adverb ("up 5 percent", "closed lower"): its own stem, told of trading or right
    before an amount as `traded` and `before` say."""
    return MoveWord(direction, (word,), (), word if traded else "", (word,) if before else (), adverb=True)


MOVE_WORDS: dict[str, MoveWord] = {
    # falls
    "fall": _row(FALL, "fell fall", "fall falls falling fell fallen", "fell", "fell fall falls fallen falling"),
    "drop": _row(FALL, "dropp drop", "drop drops", "dropped", "drops dropped dropping"),
    "lose": _row(FALL, "lost lose", "lose loses losing lost", "lost", "lost loses losing"),
    "decrease": _row(FALL, "decreas", "decrease decreases", "", "decrease decreases decreased decreasing"),
    "decline": _row(FALL, "declin", "decline declines", "declined", "decline declines declined declining"),
    "slip": _row(FALL, "slipp slip", "slip slips", "slipped", "slip slips slipped slipping"),
    "slide": _row(FALL, "slid slide", "slide slides slid", "slid", "slid slides sliding"),
    "ease": _row(FALL, "eas", "ease eases", "eased", "eased easing"),
    "shed": _row(FALL, "shed", "shed sheds", "shed", "shed sheds shedding"),
    "tumble": _row(FALL, "tumbl", "tumble tumbles", "tumbled", "tumble tumbles tumbled tumbling"),
    "plunge": _row(FALL, "plung", "plunge plunges", "plunged", "plunge plunges plunged plunging"),
    "sink": _row(FALL, "sank sink", "sink sinks sank sunk", "sank", "sank sunk"),
    "dip": _row(FALL, "dipp dip", "dip dips", "", "dip dips dipped dipping"),
    "retreat": _row(FALL, "", "", "", "retreat retreats retreated retreating"),
    "lower": _adverb("lower", FALL, traded=True),
    "down": _adverb("down", FALL, traded=True, before=True),
    "off": _adverb("off", FALL, before=True),
    "weaker": _adverb("weaker", FALL),
    # rises
    "rise": _row(RISE, "rose rise risen", "rise rises rising rose risen", "rose", "rose rise rises risen rising"),
    "gain": _row(RISE, "gain", "gain gains", "gained", "gain gains gained gaining"),
    "climb": _row(RISE, "climb", "climb climbs", "climbed", "climb climbs climbed climbing"),
    "jump": _row(RISE, "jump", "jump jumps", "jumped", "jump jumps jumped jumping"),
    "add": _row(RISE, "add", "add adds", "added", "adds added adding"),
    "advance": _row(RISE, "advanc", "advance advances", "advanced", "advance advances advanced advancing"),
    "rally": _row(RISE, "ralli", "rally rallies", "rallied", "rally rallies rallied rallying"),
    "soar": _row(RISE, "soar", "soar soars", "soared", "soar soars soared soaring"),
    "surge": _row(RISE, "surg", "surge surges", "", "surge surges surged surging"),
    "increase": _row(RISE, "increas", "increase increases", "", "increase increases increased increasing"),
    "higher": _adverb("higher", RISE, traded=True),
    "up": _adverb("up", RISE, traded=True, before=True),
    "firmer": _adverb("firmer", RISE),
    # moves of no direction of their own, and the day's close and open
    "grow": _row(NEITHER, "", "grow grows grew grown"),
    "edge": _row(NEITHER, "", "edge edges"),
    "reach": _row(NEITHER, "", "reach reaches"),
    "hit": _row(NEITHER, "", "hit hits"),
    "top": _row(NEITHER, "", "top tops"),
    "stand": _row(NEITHER, "", "stand stands stood standing"),
    "close": _row(NEITHER, "", "", "closed"),
    "end": _row(NEITHER, "", "", "ended"),
    "finish": _row(NEITHER, "", "", "finished"),
}

FALL_STEMS = frozenset(s for w in MOVE_WORDS.values() if w.direction == FALL for s in w.stems)
RISE_STEMS = frozenset(s for w in MOVE_WORDS.values() if w.direction == RISE for s in w.stems)
# Forms of "be" and "have" a figure is told with ("sales were $5 million"): verbs, not items
LINKING_VERBS = frozenset("was were is are be been being had has have".split())
MOVE_VERB_FORMS = frozenset(f for w in MOVE_WORDS.values() for f in w.verb_forms) | LINKING_VERBS
TRADED_PAST = tuple(w.traded for w in MOVE_WORDS.values() if w.traded)  # "fell", "closed", "down"
TRADED_VERBS = tuple(w.traded for w in MOVE_WORDS.values() if w.traded and not w.adverb)  # "fell", "closed"
BEFORE_AMOUNT = tuple(f for w in MOVE_WORDS.values() for f in w.before_amount)
