"""Sitrep's error tree.

::

    SitrepError                 base of every error Sitrep raises on purpose
    ├── InputError              an input cannot be read or is not an article (exit code 2)
    ├── ExtractionError         the pipeline failed on an accepted article (exit code 3)
    ├── StoreError              the database refused an operation (exit code 4)
    └── NotFound                a requested record does not exist (exit code 5)

Each error carries ``source`` (the input or record it concerns) and ``reason``
(one human sentence), so the command line can print ``source: reason`` on one line.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base class: ``source`` names the input or record, ``reason`` says why."""

    exit_code = 1

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[SitrepError], tuple[str, str]]:
        """Pickle as ``(source, reason)`` so errors cross process boundaries (worker pools, Dask)."""
        return type(self), (self.source, self.reason)


class InputError(SitrepError):
    """An input is missing, empty, binary, undecodable, too large, not English or has no article."""

    exit_code = 2


class ExtractionError(SitrepError):
    """The analysis pipeline failed on an input it had accepted."""

    exit_code = 3


class StoreError(SitrepError):
    """The store could not complete an operation."""

    exit_code = 4


class NotFound(SitrepError):
    """A requested record does not exist."""

    exit_code = 5
