"""Paths to the data bundled with the tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GOLD = DATA / "gold"
SEED = GOLD / "docs" / "us-aid-pause-article.txt"
