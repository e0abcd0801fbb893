"""Paths to the data bundled with the tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GOLD = DATA / "gold"
SEED = GOLD / "docs" / "us-aid-pause-article.txt"

# A short wire report of one night's drone attack on Kyiv (launched and shot down), as Markdown.
DRONES_OVER_KYIV = """---
title: Drones over Kyiv
date: 2025-07-08
source_url: https://www.wire-one.test/news/drones
---

Russia launched 40 drones at Kyiv overnight, and Ukraine's air force said 35 drones were shot down.
"""
