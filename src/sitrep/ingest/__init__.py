"""Sitrep's input layer: read a file, bytes or text and hand back a clean ``Article``.

Plain text keeps its lines; Markdown is unwrapped into paragraphs and its YAML front
matter read for metadata; HTML goes through trafilatura. Every input is checked
(existence, size, binary content, encoding, line length, length, language) and an
unusable one raises :class:`sitrep.errors.InputError` with ``source`` and ``reason``.
"""

from __future__ import annotations

from sitrep.ingest.limits import ENV_VARS, Limits
from sitrep.ingest.reader import read_bytes, read_path, read_stream, read_text

__all__ = ["ENV_VARS", "Limits", "read_bytes", "read_path", "read_stream", "read_text"]
