"""Charts as inline SVG, drawn on the server: they work on a phone without scripts, in print and in the PDF.

Two shapes only, chosen for legibility: a line for a trend over quarters, horizontal bars for a
breakdown (labels above the bars, so long court names fit a phone screen)."""
from dataclasses import dataclass

from markupsafe import Markup, escape

#: Drawn at phone width, so 12-px text stays about 12 px on a 360-px screen; it scales up in print.
WIDTH = 360
#: Latin fonts first, then Debian's fonts-khmeros and Noto for Khmer; nothing is fetched from elsewhere.
FONT = "font-family=\"system-ui, 'DejaVu Sans', 'Khmer OS', 'Khmer OS System', 'Noto Sans Khmer', sans-serif\""
INK, GRID, LINE, BAR, MUTED = "#1b1f24", "#dadce0", "#0b57d0", "#5b8def", "#5f6368"


@dataclass(frozen=True)
class Point:
    label: str
    value: float | None
    #: What is printed beside the point or bar, e.g. "72%" or "12".
    text: str
    #: A second line under a trend point's label (the year under "Q1").
    below: str = ""


def axis_top(values: list[float], percent: bool) -> float:
    """100 for percentages; otherwise a round number above the largest value."""
    if percent:
        return 100.0
    largest = max(values, default=0) or 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000):
        if largest <= step * 4:
            return step * 4.0
    return float(largest)


def trend_lines(points: list[Point], x, y) -> list[str]:
    """SVG polylines through the points that have a value, broken where one is missing (a quarter
    with nothing to count); `x` and `y` place a point's index and value."""
    lines, segment = [], []
    for index, point in enumerate([*points, Point("", None, "")]):
        if point.value is None:
            if len(segment) > 1:
                lines.append(f'<polyline fill="none" stroke="{LINE}" stroke-width="2.5" points="{" ".join(segment)}"/>')
            segment = []
            continue
        segment.append(f"{x(index):.1f},{y(point.value):.1f}")
    return lines


def trend_chart(title: str, points: list[Point], *, percent: bool, tick_text=None) -> Markup:
    """A line over the periods; a missing value (no data that quarter) breaks the line.
    `tick_text` writes an axis value in the reader's language (default: 50% or 50)."""
    height, left, right, top, bottom = 200, 36, 22, 22, 38
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    known = [p.value for p in points if p.value is not None]
    ceiling = axis_top(known, percent)
    step = plot_w / max(len(points) - 1, 1)

    def x(index: int) -> float:
        return left + index * step

    def y(value: float) -> float:
        return top + plot_h - value / ceiling * plot_h

    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" {FONT} font-size="12">',
             f"<title>{escape(title)}</title>"]
    for tick in range(5):
        value = ceiling * tick / 4
        parts.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="{GRID}"/>')
        label = tick_text(value) if tick_text else (f"{value:g}%" if percent else f"{value:g}")
        parts.append(f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="{MUTED}">{escape(label)}</text>')
    parts.extend(trend_lines(points, x, y))
    for index, point in enumerate(points):
        # "Q1" over "2025": eight labels fit across a phone.
        parts.append(f'<text x="{x(index):.1f}" y="{height - bottom + 15}" text-anchor="middle" fill="{MUTED}"'
                     f' font-size="11"><tspan>{escape(point.label)}</tspan>'
                     f'<tspan x="{x(index):.1f}" dy="13">{escape(point.below)}</tspan></text>')
        if point.value is not None:
            parts.append(f'<circle cx="{x(index):.1f}" cy="{y(point.value):.1f}" r="4" fill="{LINE}"/>')
            parts.append(f'<text x="{x(index):.1f}" y="{y(point.value) - 8:.1f}" text-anchor="middle" fill="{INK}"'
                         f' font-weight="600" font-size="11">{escape(point.text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(title: str, points: list[Point], *, percent: bool) -> Markup:
    """One bar per category, label above, the figure at the end of the bar."""
    row, label_gap, left, right = 40, 16, 2, 130  # room after a full bar for "100.0% (12/12)"
    height = max(len(points), 1) * row + 8
    plot_w = WIDTH - left - right
    ceiling = axis_top([p.value for p in points if p.value is not None], percent)
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" {FONT} font-size="13">',
             f"<title>{escape(title)}</title>"]
    for index, point in enumerate(points):
        top = index * row + 4
        parts.append(f'<text x="{left}" y="{top + 12}" fill="{INK}">{escape(point.label)}</text>')
        length = 0.0 if point.value is None else max(point.value / ceiling * plot_w, 1.0)
        parts.append(f'<rect x="{left}" y="{top + label_gap}" width="{length:.1f}" height="18" rx="3" fill="{BAR}"/>')
        parts.append(f'<text x="{left + length + 6:.1f}" y="{top + label_gap + 14}" fill="{INK}" font-weight="600">'
                     f'{escape(point.text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
