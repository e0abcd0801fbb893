"""Renderers of a ``Report``: terminal text, full JSON, and JSON Lines facts."""

from __future__ import annotations

from sitrep.render.jsonout import facts_lines, report_dict, report_json
from sitrep.render.text import render_text

__all__ = ["facts_lines", "render_text", "report_dict", "report_json"]
