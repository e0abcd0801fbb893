"""Sides named by reference: "the enemy", "the occupiers" (``refers: enemy``) and "our country" (``self``).

Part of the entity component. Which side such a phrase means depends on who
publishes the text, so the lexicon row only says what it refers to and this
module resolves it per document:

- an "enemy" phrase the text qualifies ("Russian occupiers", "the aggressor state
  Russia") is that side;
- otherwise it is the opponent of the publishing side (``Findings.home``) in a war
  listed in ``conflicts.jsonl``; a bare "the occupiers" in a text of unknown origin
  stays unresolved (another "Russian occupiers" in the text is not taken as proof);
- a "self" phrase is the publishing side, else the side of the person the sentence
  has as subject ("Zelenskyy expects support for our country"; "I thanked von der
  Leyen for aid to our country" has none).

A phrase that nothing resolves is dropped, as before this module existed.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from sitrep.nlp.mentions import ActorMention, Findings, PersonMention

# Actor kinds and the closed-class words skipped before "state"/"country": grammar, not vocabulary.
QUALIFIER_KINDS = ("state", "demonym")
SKIP = {"the", "'s", "’s", ",", "state", "country"}


def resolve(doc: Doc, found: Findings, refers: dict[int, str], opponents: dict[str, tuple[str, ...]]) -> None:
    """Give every reference mention in ``found.actors`` (start -> ``refers``) its side, or drop it."""
    if not refers:
        return
    actor_at = {i: a for a in found.actors if a.kind in QUALIFIER_KINDS for i in range(a.start, a.end)}
    own = {start: _qualifier(doc, found.actors, start, actor_at) for start in refers}
    enemy = _enemy(found.home, opponents)
    out: list[ActorMention] = []
    for actor in found.actors:
        kind = refers.get(actor.start) if actor.kind == "reference" else None
        if kind is None:
            out.append(actor)
            continue
        code = own[actor.start] if kind == "enemy" else None
        code = code or (enemy if kind == "enemy" else _self(doc, found, actor))
        if code:
            out.append(replace(actor, code=code))
    found.actors = out


def _single(codes: tuple[str, ...] | list[str]) -> str | None:
    return codes[0] if len(set(codes)) == 1 else None


def _enemy(home: str | None, opponents: dict[str, tuple[str, ...]]) -> str | None:
    return _single(opponents.get(home, ())) if home else None


def _qualifier(doc: Doc, actors: list[ActorMention], start: int, actor_at: dict[int, ActorMention]) -> str | None:
    """The side written right with a reference: "Russian occupiers", "the aggressor state, Russia"."""
    mention = next(a for a in actors if a.start == start)
    i = mention.start - 1
    while i >= 0 and doc[i].lower_ in ("the", "'s", "’s"):
        i -= 1
    if i >= 0 and i in actor_at and actor_at[i].code:
        return actor_at[i].code
    j = mention.end
    while j < len(doc) and j - mention.end < 3 and doc[j].lower_ in SKIP:
        j += 1
    after = actor_at.get(j)
    return after.code if after is not None and after.kind == "state" else None


def _self(doc: Doc, found: Findings, actor: ActorMention) -> str | None:
    if found.home:
        return found.home
    sent = doc[actor.start].sent
    subject = next((p for p in found.persons if sent.start <= p.start < sent.end and _is_subject(doc, p)), None)
    return subject.code if subject is not None else None


def _is_subject(doc: Doc, person: PersonMention) -> bool:
    return any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(person.start, person.end))
