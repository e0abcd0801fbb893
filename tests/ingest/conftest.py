"""Fixtures for the input-layer tests: the shared sample files and a writer for tmp files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIDEN_MD = (
    "corpus/whitehouse/docs/speeches-remarks/2023-01/"
    "2023-01-25-remarks-by-president-biden-on-continued-support-for-ukraine.md"
)


def _shared_dir() -> Path | None:
    """``shared/`` inside the repository or beside it (``../shared``), whichever exists."""
    for candidate in (REPO / "shared", REPO.parent / "shared"):
        if (candidate / "corpus").is_dir():
            return candidate
    return None


@pytest.fixture
def shared() -> Path:
    """The shared data folder; tests that need it skip when it is absent."""
    folder = _shared_dir()
    if folder is None:
        pytest.skip("shared/ sample data not found beside the repository")
    return folder


@pytest.fixture
def biden_md(shared: Path) -> Path:
    """The White House transcript of 2023-01-25 on tanks for Ukraine (Markdown)."""
    return shared / BIDEN_MD


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text (UTF-8) or bytes to ``tmp_path / name`` and return the path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        return path

    return _write
