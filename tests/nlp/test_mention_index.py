"""The start-token and character-range indexes answer exactly as a scan of the list would."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sitrep.nlp.mentions import ByStart, CharRanges


@dataclass(frozen=True)
class _Mention:
    start: int
    tag: int


def test_by_start_matches_a_scan_in_list_order() -> None:
    rng = random.Random(7)
    for _ in range(50):
        items = [_Mention(rng.randrange(30), n) for n in range(rng.randrange(12))]  # unsorted, with ties
        index = ByStart(items)
        for lo in range(-1, 32):
            before = [m for m in items if m.start < lo]
            after = [m for m in items if m.start >= lo]
            assert index.last_before(lo) == (before[-1] if before else None)
            assert index.first_from(lo) == (after[0] if after else None)
            for hi in range(lo - 1, 33):
                assert index.between(lo, hi) == [m for m in items if lo <= m.start < hi]


def test_char_ranges_hold_points_like_a_scan() -> None:
    ranges = [(40, 52), (3, 10), (10, 14), (20, 21)]
    index = CharRanges(ranges)
    for char in range(-1, 60):
        assert index.holds(char) == any(s <= char < e for s, e in ranges)
        assert index.holds_inside(char) == any(s < char < e for s, e in ranges)
