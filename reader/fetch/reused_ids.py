"""Entry ids a feed's CMS gives each new story in turn (no UI imports).

An RSS <guid> or an Atom <id> identifies an entry across reads of its feed: the same id under a
new link, or with a new text, is an update of the article kept (a new version). Some CMSs give
an id that is no entry's own: "latest" or "1" on whatever story leads the feed today. Taken as an
identity, each new story became version 2 of the one before it (and took its marks). Within one
read, an id several entries give is no entry's (run._shared_ids); over time, an id whose entry
comes back as another story (same_story: its text all new and its title rewritten, or the same
title over a text all new published at another time, as a daily briefing's) is taken for reused,
and noted in the feed's state: from then on that feed's entries of that id are known by their
links (or, without a link, by their title and date), as entries without an id are. One address
can be reused too (a daily briefing at "/briefing/today"): its text all new on a later day is
another story (another_story_at_one_address).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from typing import Iterable, Sequence

from rapidfuzz import fuzz

# The feed state's key: ids of the feed found reused, the newest last.
REUSED_IDS = "reused_ids"
REUSED_KEPT = 100  # the reused ids a feed's state keeps (a CMS reuses one or a few)
# Two titles this similar (rapidfuzz's token_set_ratio, 0-100, case aside) are one title edited:
# a word or two changed, added or dropped ("Council approves budget" -> "Council approves
# harbour budget, mayor says" scores 100: every word kept).
TITLE_EDIT = 60
# The characters of each title compared: a headline's (rapidfuzz's time grows with the product of
# the two lengths: two titles of 700 KB, a hostile feed's, took over 3 minutes).
TITLE_CHARS = 500
# Two texts of which the shorter's words (of 4 letters or more) are at least this share the
# other's are the same story told again, edited, cut or grown (a feed's summary of the page kept
# is mostly the page's words; a first report is mostly in the story it grew into).
TEXT_KEPT = 0.5
_LONG_WORD = re.compile(r"\w{4,}")
# A published time written as midnight ("Tue, 21 Oct 2025 00:00:00 GMT", "2025-10-21T00:00:00-05:00"):
# a feed's way of writing the day alone, the same for every story of that day.
_MIDNIGHT = re.compile(r"(?<![\d:+-])00:00(?::00(?:[.,]0+)?)?(?![:.,]?\d)")
# A published time later than now by more than this is no time the entry was published at (a
# placeholder, a template's default): the same on every entry, it tells none apart.
_AHEAD = _dt.timedelta(days=1)


def published_moment(written: object, now: _dt.datetime | None = None) -> str | None:
    """The moment a feed entry's published (or updated) text gives, to the second, as
    formats.parse_moment writes it ("...Z" in UTC where the zone is given): the same moment
    written another way ("+0000" for "GMT", local time with its offset) is the same. None when
    it tells no moment apart from the day's other stories: no time of day, midnight, a date
    that cannot be read ("Invalid Date") or one in the future (a placeholder)."""
    from reader.corpus.formats import parse_moment

    written = _as_text(written)
    if written is None or _MIDNIGHT.search(written):
        return None
    moment = parse_moment(written)
    if moment is None:
        return None
    try:
        parsed = _dt.datetime.fromisoformat(moment.replace("Z", "+00:00"))
    except ValueError:
        return None
    now = now or _dt.datetime.now(_dt.timezone.utc)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_dt.timezone.utc)  # (a wall-clock time: within a day of UTC)
    return None if parsed > now + _AHEAD else moment


def published_day(written: object, now: _dt.datetime | None = None) -> str | None:
    """The calendar day (ISO) a published text gives, as written; None when it gives none that
    can be read, or one later than tomorrow (a placeholder)."""
    from reader.corpus.infer import parse_date

    written = _as_text(written)
    day = parse_date(written) if written is not None else None
    if day is None:
        return None
    now = now or _dt.datetime.now(_dt.timezone.utc)
    return None if day > (now + _AHEAD).date().isoformat() else day


# A moment this many entries of one read of a feed give (or every entry, of two or more) is no
# entry's own: a CMS's one fixed time, or the feed's build time written on every entry.
SHARED_TIME_ENTRIES = 3


def times_telling_nothing(entries_times: Sequence[Iterable[object]]) -> set[str]:
    """The moments (published_moment) that several entries of one read of a feed give among
    their times (`entries_times`: each entry's published and updated times): such a time tells
    no entry's publication apart, and two stories under it were "published at the same time"
    (the next story under a reused id taken for the one before, moved). Compared as if the
    feed gave its day alone (told_time). Several stories of a real feed can share a second (an
    outlet's morning batch at 06:00:00): their day still tells them from another day's."""
    moments: dict[object, str | None] = {}  # each text read once (about 0.2 ms each: 1,000s of entries)

    def moment_of(given: object) -> str | None:
        if given not in moments:
            moments[given] = published_moment(given)
        return moments[given]

    counts = Counter(moment for times in entries_times for moment in {moment_of(given) for given in times} if moment)
    everyone = max(len(entries_times), 2)
    return {moment for moment, count in counts.items() if count >= min(SHARED_TIME_ENTRIES, everyone)}


def told_time(written: object, untelling: set[str]) -> object:
    """A published (or updated) time as compared: a moment of `untelling`
    (times_telling_nothing) as its day alone, which still tells one day's story from another
    day's (a daily briefing under one id in a morning batch, a new story each day); else as
    written."""
    if not untelling:
        return written
    return published_day(written) if published_moment(written) in untelling else written


def _as_text(written: object) -> str | None:
    if isinstance(written, _dt.date):  # (a file's front matter, read by YAML: a date, a datetime)
        return written.isoformat()
    return written if isinstance(written, str) else None


def republished(kept: tuple[object, ...], published: object, stamp: object) -> bool | None:
    """Whether an entry back under an id, published at `published` (its updated time `stamp`),
    was published at another moment than the entry kept under it, whose times are `kept` (the
    fetch state's stamp of it: its updated time, else its published one; and the published
    time its file keeps: an Atom entry edited twice has a new updated time each time, its
    published one kept). Where either side gives no moment (published_moment: a day alone,
    midnight), their days tell: another day is another time (a newsletter dated by its day),
    the same day tells nothing. None when nothing tells: then the title decides, as without
    times."""
    kept_moments = {moment for moment in map(published_moment, kept) if moment is not None}
    given = published_moment(published)
    if kept_moments and given is not None:
        return kept_moments.isdisjoint({given, published_moment(stamp)})
    kept_days = {day for day in map(published_day, kept) if day is not None}
    given_day = published_day(published)
    if not kept_days or given_day is None or not kept_days.isdisjoint({given_day, published_day(stamp)}):
        return None
    return True


def same_story(
    old_title: str | None, old_text: str, new_title: str | None, new_text: str, republished: bool | None = None
) -> bool:
    """Whether an entry that comes back under an id it had is the story kept before (edited: a
    new version of it) rather than another one. The text decides when the feed gives one: the
    shorter of the two texts mostly the other's words is the story told again, whatever its
    title. Else the title: at most edited, the same story; but not the same title over a text
    all new, published at another time than the kept one (`republished`: a daily "Morning
    briefing" under one id is a new story each day, not a version of yesterday's). A feed of
    titles alone gives no text: a title rewritten is the same entry only when published at the
    same time as the kept one (moved, its headline rewritten; a CMS's "latest" id brings each
    new story with its own time). Rewritten and published at another time, nothing the feed
    gives but the id (the thing in doubt) ties it to the kept one: not the same story here (an
    outlet re-publishing its updated story under a new address does that, and so does a "latest"
    id's next story: a fetch asks the page's text, run._settle_doubtful_move). Taken wrongly for
    a version, each next story under a reused id would chain to the one before, the reader's
    marks on stories never read; taken wrongly for another story, a moved one shows once more.
    `republished` None: no times to compare (the title decides). An entry with neither title
    nor text, or nothing kept to compare with, keeps its id."""
    if old_title is None and not old_text.strip():
        return True  # nothing kept to compare with (a file deleted): the id stands, as before
    if not (new_title or "").strip() and not new_text.strip():
        return True  # nor anything given (an entry of a link and an id alone): the same
    text_kept = _text_kept(old_text, new_text)
    if text_kept:
        return True
    if old_title and new_title:
        old_head, new_head = old_title[:TITLE_CHARS].casefold(), new_title[:TITLE_CHARS].casefold()
        if fuzz.token_set_ratio(old_head, new_head) >= TITLE_EDIT:
            return not (text_kept is False and republished)
    return text_kept is None and republished is False


def another_story_at_one_address(old_text: str, old_date: object, new_text: str, new_date: object) -> bool:
    """Whether a page at the address of one kept, its text changed, is another story rather than
    a version of the kept one: its text all new (the shorter's words mostly not the other's)
    and dated a later day (a daily briefing at one URL, "/briefing/today"). As for an entry back
    under its id (same_story), where another time tells the briefing's next issue; but only a
    later day here: one address is a firmer identity than a CMS's id, and a live page or a
    story rewritten in its day is one article, its versions. No date on either side: a version."""
    if _text_kept(old_text, new_text) is not False:
        return False
    old_day, new_day = published_day(old_date), published_day(new_date)
    return old_day is not None and new_day is not None and new_day > old_day


def gives_no_words(text: str) -> bool:
    """Whether `text` has no word the texts are compared by (a feed of titles alone's entry)."""
    return _LONG_WORD.search(text) is None


def told_again(old_text: str, new_text: str) -> bool:
    """Whether `new_text` tells the story of `old_text` again (_text_kept): False when either
    gives no words to tell."""
    return _text_kept(old_text, new_text) is True


def _text_kept(old_text: str, new_text: str) -> bool | None:
    """Whether the shorter text's words (of 4 letters or more) are mostly the other's: a summary
    of the page kept, or a first report the story grew from (a breaking-news stub whose words
    are a fifth of the full story's), is the same story. None when either gives no words."""
    new_words = set(_LONG_WORD.findall(new_text.casefold()))
    old_words = set(_LONG_WORD.findall(old_text.casefold()))
    if not new_words or not old_words:
        return None
    return len(new_words & old_words) / min(len(new_words), len(old_words)) >= TEXT_KEPT


def reused_ids(state: dict) -> list[str]:
    """The ids a feed's state notes as reused, the newest last (none for a state written before
    them, or damaged)."""
    noted = state.get(REUSED_IDS)
    return [ident for ident in noted if isinstance(ident, str)] if isinstance(noted, list) else []


def note_reused(state: dict, ident: str) -> None:
    """Note `ident` reused in the feed's state, the newest last, the oldest let go past REUSED_KEPT."""
    noted = [other for other in reused_ids(state) if other != ident] + [ident]
    state[REUSED_IDS] = noted[-REUSED_KEPT:]
