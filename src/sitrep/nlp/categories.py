"""Groups of the fact vocabulary's categories (``shared/spec/facts.md``) that the rules use."""

from __future__ import annotations

PEOPLE = frozenset({"civilian", "child", "military", "person"})
"""Categories that count people (killed, injured, captured), never items given as aid."""

# Groups of the contract's categories (shared/spec/facts.md), fixed by the contract, not by a lexicon.
MUNITIONS = frozenset(
    {
        "drone",
        "missile",
        "cruise_missile",
        "ballistic_missile",
        "glide_bomb",
        "bomb",
        "rocket",
        "guided_rocket",
        "air_to_surface_missile",
        "anti_ship_missile",
    }
)
"""Categories of things launched at a target (and shot down), as opposed to equipment that is lost."""
