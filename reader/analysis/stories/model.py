"""The result of story grouping (`Story`), its knobs (`StoryParams`) and the story id."""

from __future__ import annotations

from dataclasses import dataclass

# The id's width and forms live in reader.analysis.story_ids (read without the grouping).
from reader.analysis.story_ids import STORY_ID_AT_40_BITS, STORY_ID_DIGITS, story_id

__all__ = ["DEFAULT_PARAMS", "STORY_ID_AT_40_BITS", "STORY_ID_DIGITS", "Story", "StoryParams", "story_id"]


@dataclass
class Story:
    id: str
    label: str
    articles: list[str]

    def to_dict(self) -> dict:
        return {"id": self.id, "label": self.label, "articles": list(self.articles)}


@dataclass(frozen=True)
class StoryParams:
    """The few knobs of the method (see the module doc for how the defaults were set)."""

    threshold: float = 0.16  # minimum average link to merge two groups
    text_weight: float = 0.6
    name_weight: float = 0.4
    quote_bonus: float = 0.15  # added once a pair shares >= 2 quotation shingles (not stock phrases)
    grace_days: int = 2  # no date penalty up to this many days apart
    date_scale: float = 3.0  # beyond the grace, similarity / (1 + extra_days / date_scale)
    window_days: int = 30  # pairs further apart (both dated) are never compared
    # A pair with an article of unknown date scores as if 4 days apart (_date_factor), not as if
    # the same day: it could be months apart, and a topic covered all year (an election) then
    # glued its events together (polnear-dev undated: 50 stories of several articles, 39 pairs
    # the dated grouping keeps apart; with 0.6: 9 and 2).
    undated_factor: float = 0.6
    same_outlet_penalty: float = 0.5  # merge score multiplier when the groups share an outlet
    # Candidate pairs in large corpora (see _candidate_pairs); they bound the cost, not the result.
    top_terms: int = 15  # distinctive words per article used to find partners
    top_names: int = 5  # distinctive names per article used to find partners
    local_df_cap: int = 60  # a term in more articles than this within the date window is skipped
    neighbours: int = 20  # partners kept per article


DEFAULT_PARAMS = StoryParams()
