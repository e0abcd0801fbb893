"""Hand-written SVG charts (no JavaScript, no CDN): horizontal stacked bars and vertical grouped bars.

Every chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>``; the page shows
the same numbers in a table below it, which is what screen readers should read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from markupsafe import Markup, escape

#: Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

#: The narrowest a chart with many bars is drawn (``.chart-legible`` in static/style.css).
LEGIBLE_WIDTH = 640

Group = tuple[str, dict[str, float]]


def colour(series: Sequence[str], name: str) -> str:
    return PALETTE[list(series).index(name) % len(PALETTE)]


def _fmt(value: float) -> str:
    if value >= 1e9:
        return f"{value / 1e9:.1f}B"
    if value >= 1e6:
        return f"{value / 1e6:.1f}M"
    if value >= 1e4:
        return f"{value / 1e3:.0f}k"
    return f"{value:,.0f}" if float(value).is_integer() or value >= 10 else f"{value:.1f}"


def swatch_class(series: Sequence[str], name: str) -> str:
    """The stylesheet class (``swatch-0`` … ``swatch-7``) that paints a legend swatch in ``colour(series, name)``.

    A class and not a ``style`` attribute: the Content-Security-Policy allows no inline style.
    """
    return f"swatch-{list(series).index(name) % len(PALETTE)}"


def legend(series: Sequence[str]) -> Markup:
    """An HTML legend for a chart's series."""
    items = "".join(f'<li><span class="swatch {swatch_class(series, s)}"></span>{escape(s)}</li>' for s in series)
    return Markup(f'<ul class="chart-legend">{items}</ul>')


def hbars(groups: Sequence[Group], series: Sequence[str], title: str) -> Markup:
    """One horizontal bar per group, stacked by series, with the total at its end."""
    if not groups:
        return Markup("")
    row, label_w, width = 28, 110, 640
    top = max((sum(v.values()) for _, v in groups), default=0) or 1
    scale = (width - label_w - 70) / top
    parts = []
    for i, (label, values) in enumerate(groups):
        y, x = 10 + i * row, float(label_w)
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        for _, name, w, tip in _segments(label, values, series, scale):
            parts.append(_rect(x, y, max(w, 1.0), row - 8, colour(series, name), tip))
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{_fmt(sum(values.values()))}</text>')
    height = 20 + len(groups) * row
    return _svg(width, height, title, "".join(parts))


def vbars(groups: Sequence[Group], series: Sequence[str], title: str) -> Markup:
    """For each group (a day, a month) one bar per series, side by side, on a shared axis."""
    if not groups:
        return Markup("")
    height, bottom, left = 260, 40, 48
    slot = max(24, min(80, 900 // max(len(groups), 1)))
    width = left + slot * len(groups) + 10
    top = max((v for _, values in groups for v in values.values()), default=0) or 1
    scale = (height - bottom - 20) / top
    bar = (slot - 8) / max(len(series), 1)
    parts = [_axis(left, height - bottom, width, top, scale)]
    every = -(-48 // slot)  # label every n-th group so labels never overlap
    for i, (label, values) in enumerate(groups):
        x0 = left + i * slot + 4
        for j, name, h, tip in _segments(label, values, series, scale):
            parts.append(_rect(x0 + j * bar, height - bottom - h, max(bar - 1, 1.0), h, colour(series, name), tip))
        if i % every == 0:
            parts.append(
                f'<text x="{x0 + (slot - 8) / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                f'class="tick">{escape(_short(label))}</text>'
            )
    return _svg(width, height, title, "".join(parts), legible=True)


def _segments(
    label: str, values: dict[str, float], series: Sequence[str], scale: float
) -> Iterator[tuple[int, str, float, str]]:
    """Each series drawn for one group: its index, name, length in pixels and tooltip (none for 0)."""
    for index, name in enumerate(series):
        length = values.get(name, 0.0) * scale
        if length > 0:
            yield index, name, length, f"{label} · {name}: {values[name]:,.0f}"


def _rect(x: float, y: float, width: float, height: float, fill: str, tip: str) -> str:
    """One bar (or stacked segment) with its tooltip."""
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'fill="{fill}"><title>{escape(tip)}</title></rect>'
    )


def _short(label: str) -> str:
    return label[5:] if len(label) == 10 and label[4] == "-" else label


def _axis(left: int, base: int, width: int, top: float, scale: float) -> str:
    lines = [f'<line x1="{left}" y1="{base}" x2="{width}" y2="{base}" class="axis"/>']
    for step in (0.5, 1.0):
        y = base - top * step * scale
        lines.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" class="grid"/>')
        lines.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" class="tick">{_fmt(top * step)}</text>')
    return "".join(lines)


def _svg(width: float, height: float, title: str, body: str, legible: bool = False) -> Markup:
    """The chart, drawn at its own width or narrower to fit its figure.

    ``legible`` stops it shrinking below 640 pixels (or its own width, when narrower) so it
    stays legible on a phone: its figure scrolls sideways instead. Sizes are attributes and
    stylesheet classes, never a ``style`` attribute (the Content-Security-Policy allows none).
    """
    t = escape(title)
    keep = (" chart-fixed" if width <= LEGIBLE_WIDTH else " chart-legible") if legible else ""
    return Markup(
        f'<svg class="chart{keep}" width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-label="{t}" preserveAspectRatio="xMinYMin meet"><title>{t}</title>{body}</svg>'
    )
