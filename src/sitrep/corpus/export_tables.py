"""What ``sitrep export`` can write: its tables and formats, apart from the export itself so that the command
line names them without loading what the export reads."""

from __future__ import annotations

RAW_TABLES = ("articles", "events", "quantities", "attributions", "signals", "rejects", "duplicates")
TABLES = (*RAW_TABLES, "clusters", "acled", "plover")
FORMATS = ("csv", "jsonl", "parquet")
