"""What an event family is, and the decorator that registers one.

A family turns one trigger of its event type into event mentions. Each lives in
its own module of this package, declares its cues as a typed ``@cueset`` class and
registers itself with ``@family(EventType.X)``; the event component
(``nlp/events.py``) builds one of each registered family and hands every selected
trigger to the family of the trigger's type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import ClassVar, TypeVar

from sitrep.eventtypes import EventType
from sitrep.nlp.eventcontext import EventContext
from sitrep.nlp.lexicon import Lexicons
from sitrep.nlp.mentions import EventMention
from sitrep.nlp.triggers import Trigger


class Family:
    """Turns a trigger of ``type`` into event mentions (subclasses implement ``mentions``)."""

    type: ClassVar[EventType]

    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex

    def keeps(self, ctx: EventContext, trig: Trigger, group: list[Trigger]) -> bool:
        """Whether ``trig`` stays among the triggers of its sentence (``group``); by default it does."""
        return True

    def mentions(self, ctx: EventContext, trig: Trigger) -> Iterator[EventMention]:
        """The event mentions that ``trig`` makes (none when it names no event of the type)."""
        raise NotImplementedError


F = TypeVar("F", bound=type[Family])

#: The registered family class of each event type (filled by ``@family``).
REGISTERED: dict[EventType, type[Family]] = {}


def family(type_: EventType) -> Callable[[F], F]:
    """Register a ``Family`` subclass as the family of ``type_`` (one per type)."""

    def register(cls: F) -> F:
        if type_ in REGISTERED:
            raise ValueError(f"two families for {type_}: {REGISTERED[type_].__name__} and {cls.__name__}")
        cls.type = type_
        REGISTERED[type_] = cls
        return cls

    return register


def build_families(lex: Lexicons) -> dict[EventType, Family]:
    """One instance of every registered family, reading its cues from ``lex``."""
    return {type_: cls(lex) for type_, cls in REGISTERED.items()}
