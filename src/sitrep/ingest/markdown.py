"""Markdown: front matter to metadata, body to plain paragraphs.

Hard-wrapped lines of a paragraph are joined into one line; headings, list items and
table rows stay on lines of their own; paragraphs are separated by a blank line.
Inline markup is removed: links keep their text, images go, emphasis markers go,
backslash escapes are resolved. Struck-through text (``<s>``, ``<del>``, ``~~``) is
dropped: in transcripts it marks words the speaker corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sitrep.ingest.frontmatter import AUTHOR_KEYS, OUTLET_KEYS, URL_KEYS, date_field, host, text_field
from sitrep.ingest.frontmatter import split as split_front_matter
from sitrep.ingest.normalize import one_line
from sitrep.ingest.parsed import Parsed

# Escapes are swapped for private-use characters while markup is removed, so that an
# escaped character is never taken for markup, then swapped back.
_PRIVATE = 0xE000
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ESCAPED = re.compile("[\ue021-\ue07e]")
_HARD_BREAK = re.compile(r"\\$", re.MULTILINE)

_DROPPED_ELEMENTS = re.compile(
    r"<!--.*?-->|<(script|style|figure|s|del|strike)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE
)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"^[ \t]*([-*+\u2022\u2023\u25e6\u25aa\u25cf])[ \t]+(.*)$")
_ORDERED = re.compile(r"^[ \t]*(\d{1,9})([.)])[ \t]+(.*)$")
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:[|+][ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_GRID_BORDER = re.compile(r"^[ \t]*\+[-=+:]+\+[ \t]*$")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]+\S")

_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:[ \t]+(?:\"[^\"]*\"|'[^']*'))?[ \t]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
_STRIKE = re.compile(r"~~.+?~~")
_CODE = re.compile(r"`+")
_STARS = re.compile(r"\*{2,}|(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])")
_UNDERSCORES = re.compile(r"(?<![\w\\])_{1,3}(?=[^\s_])|(?<=[^\s_])_{1,3}(?!\w)")
_SPACE_RUNS = re.compile(r"[ \t]+")


@dataclass
class _Line:
    """One output line: its kind decides whether the next input line joins it."""

    kind: str  # "para", "item", "heading", "row" or "code"
    parts: list[str] = field(default_factory=list)


@dataclass
class _State:
    """Blocks built so far (each a list of output lines) while reading the body."""

    blocks: list[list[_Line]] = field(default_factory=lambda: [[]])
    fenced: bool = False
    table: bool = False
    hard_break: bool = False  # the previous input line ended with a Markdown hard break

    @property
    def block(self) -> list[_Line]:
        """The block being built."""
        return self.blocks[-1]

    def end_block(self) -> None:
        """Close the current block (a blank line in the output), unless it is empty."""
        self.table = False
        if self.block:
            self.blocks.append([])

    def add(self, kind: str, text: str) -> None:
        """Start a new output line of ``kind`` in the current block."""
        self.block.append(_Line(kind, [text]))

    def last_kind(self) -> str | None:
        """The kind of the current block's last line, ``None`` at a block's start."""
        return self.block[-1].kind if self.block else None


def parse_markdown(text: str, source: str) -> Parsed:
    """Markdown with optional YAML front matter, cleaned to plain paragraphs.

    ``text`` must still carry its trailing spaces: two of them mark a hard line break.
    """
    fields, body = split_front_matter(text, source)
    cleaned = clean_body(body)
    title = _title(fields) or _first_heading(body)
    url = text_field(fields, URL_KEYS)
    return Parsed(
        text=cleaned,
        title=title,
        published=date_field(fields, source),
        url=url,
        outlet=_outlet(fields, url),
        author=_metadata_text(fields, AUTHOR_KEYS),
    )


def clean_body(body: str) -> str:
    """The Markdown body as plain text: paragraphs split by blank lines, items on their own lines."""
    body = _protect_escapes(body)
    body = _strip_html(body)
    state = _State()
    lines = body.split("\n")
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        _read_line(state, line.rstrip(), following)
        state.hard_break = line.endswith("  ")
    return _render(state.blocks)


def inline(text: str) -> str:
    """Plain text of one line of Markdown inline markup (escapes resolved)."""
    return _restore_escapes(_strip_inline(_strip_html(_protect_escapes(text))))


def _title(fields: dict[str, Any]) -> str | None:
    """The front matter title with its Markdown markup removed, on one line."""
    return _metadata_text(fields, ("title", "headline"))


def _metadata_text(fields: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """A front matter text field, unescaped and normalised to one line."""
    value = text_field(fields, keys)
    if value is None:
        return None
    return one_line(inline(value)) or None


def _outlet(fields: dict[str, Any], url: str | None) -> str | None:
    """The outlet the front matter names, else the host of its URL."""
    return _metadata_text(fields, OUTLET_KEYS) or host(url)


def _first_heading(body: str) -> str | None:
    """The text of the first ATX heading, when it comes before any other text."""
    for line in body.split("\n"):
        if not line.strip():
            continue
        match = _HEADING.match(line)
        if match is None:
            return None
        return one_line(inline(match.group(1) or "")) or None
    return None


def _protect_escapes(text: str) -> str:
    """Backslash escapes to private-use characters; a trailing backslash becomes two spaces.

    Both a trailing backslash and two trailing spaces mark a hard line break.
    """
    text = _HARD_BREAK.sub("  ", text)
    return _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), text)


def _restore_escapes(text: str) -> str:
    """Private-use placeholders back to the characters they stand for."""
    return _ESCAPED.sub(lambda m: chr(ord(m.group(0)) - _PRIVATE), text)


def _strip_html(text: str) -> str:
    """Drop comments, scripts, figures and struck text; unwrap the other tags."""
    text = _DROPPED_ELEMENTS.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _BREAK_TAG.sub(" ", text)
    return _TAG.sub("", text)


def _read_line(state: _State, line: str, following: str) -> None:
    """Fold one input line into the output blocks."""
    if _FENCE.match(line):
        state.fenced = not state.fenced
        state.end_block()
    elif state.fenced:
        if line.strip():
            state.add("code", line.strip())
    elif not line.strip() or _LINK_DEFINITION.match(line) or _GRID_BORDER.match(line):
        state.end_block()
    else:
        _read_text_line(state, _QUOTE.sub("", line), following)


def _read_text_line(state: _State, line: str, following: str) -> None:
    """Classify a non-blank line: heading, rule, table row, list item or paragraph text."""
    if not line.strip():
        state.end_block()
    elif _SETEXT.match(line) and state.last_kind() == "para":
        state.block[-1].kind = "heading"
        state.end_block()
    elif _RULE.match(line):
        state.end_block()
    elif (heading := _HEADING.match(line)) is not None:
        state.end_block()
        state.add("heading", heading.group(1) or "")
        state.end_block()
    elif _is_row(state, line, following):
        if not _TABLE_SEPARATOR.match(line):
            state.add("row", _row(line))
    else:
        _read_flow_line(state, line)


def _is_row(state: _State, line: str, following: str) -> bool:
    """True for a table row: ``|``-led, or inside a table, or above a separator line."""
    if (
        state.table
        or line.lstrip().startswith("|")
        or ("|" in line and _TABLE_SEPARATOR.match(following) and "-" in following)
    ):
        state.table = True
        return True
    return False


def _row(line: str) -> str:
    """A table row as ``cell | cell``: outer pipes dropped, cells trimmed."""
    cells = line.strip().strip("|").split("|")
    return " | ".join(cell.strip() for cell in cells)


def _read_flow_line(state: _State, line: str) -> None:
    """A list item starts a line; other text continues the open paragraph or item."""
    last = state.last_kind()
    bullet, ordered = _BULLET.match(line), _ORDERED.match(line)
    # As in CommonMark, only "1." may start a numbered list inside a paragraph: a
    # wrapped line that happens to begin with "2022." continues the paragraph.
    if ordered is not None and (last == "item" or last is None or ordered.group(1) == "1"):
        state.add("item", f"{ordered.group(1)}. {ordered.group(3)}")
    elif bullet is not None and bullet.group(2).strip():
        state.add("item", f"- {bullet.group(2)}")
    elif last in ("para", "item") and not _keeps_break(state, line):
        state.block[-1].parts.append(line.strip())
    else:
        state.add("para", line.strip())


def _keeps_break(state: _State, line: str) -> bool:
    """True after a hard break, unless the line goes on in lower case mid-sentence.

    Hard breaks set off datelines and address blocks; the odd one inside a sentence
    ("standing shoulder-to-shoulder with  / our Allies") is joined like a soft wrap.
    """
    return state.hard_break and not line.strip()[:1].islower()


def _render(blocks: list[list[_Line]]) -> str:
    """Output lines joined by newlines, blocks by blank lines; empty lines dropped."""
    rendered = []
    for block in blocks:
        lines = [_render_line(line) for line in block]
        text = "\n".join(line for line in lines if line)
        if text:
            rendered.append(text)
    return "\n\n".join(rendered)


def _render_line(line: _Line) -> str:
    """One output line: parts joined with spaces, inline markup removed."""
    text = " ".join(line.parts)
    if line.kind != "code":
        text = _strip_inline(text)
        if line.kind == "item" and not _has_words(text):
            return ""
    return _restore_escapes(text)


def _has_words(item: str) -> bool:
    """False for a list marker left with nothing after it (an image-only item)."""
    return bool(re.sub(r"^(?:-|\d+\.)\s*", "", item))


def _strip_inline(text: str) -> str:
    """Images and struck text dropped, links to their text, emphasis and code marks gone."""
    text = _IMAGE.sub("", text)
    text = _STRIKE.sub("", text)
    text = _FOOTNOTE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _CODE.sub("", text)
    text = _STARS.sub("", text)
    text = _UNDERSCORES.sub("", text)
    return _SPACE_RUNS.sub(" ", text).strip()
