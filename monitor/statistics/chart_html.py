"""Charts whose words are HTML beside a drawing: readable at 360 px and at 1280 px, and shaped in the PDF.

WeasyPrint draws SVG text one code point at a time (its issue #2249), so Khmer inside an SVG comes
out as broken clusters; the browser wraps HTML text, never SVG text. Here the SVG draws only lines,
dots and bars (and axis numbers, digits only), and every label and value is HTML:
- a trend: the line over N equal columns, then a row of N cells (value, quarter, year) under it;
- a breakdown: one row per category, its label, a bar (a tiny SVG on a grey track, so no
  inline style is needed under the page's Content-Security-Policy) and its figure.
Styles: `.trend`, `.bars` in app.css and in the newsletter's own stylesheet."""
from markupsafe import Markup, escape

from monitor.statistics.charts import Point, axis_top, trend_lines

#: The drawing's coordinate width; it scales to the width of its box.
WIDTH = 320
LINE, BAR, GRID, MUTED = "#0b57d0", "#5b8def", "#dadce0", "#5f6368"


def trend_figure(title: str, points: list[Point], *, percent: bool, tick_text, caption: str = "") -> Markup:
    """A line over the periods (a missing value breaks it), each period's value and name in HTML below."""
    height, top, bottom = 110, 12, 6
    plot_h = height - top - bottom
    known = [point.value for point in points if point.value is not None]
    ceiling = axis_top(known, percent)
    column = WIDTH / max(len(points), 1)

    def x(index: int) -> float:
        return (index + 0.5) * column

    def y(value: float) -> float:
        return top + plot_h - value / ceiling * plot_h

    parts = [f'<svg class="trend-drawing" viewBox="0 0 {WIDTH} {height}" width="100%" aria-hidden="true" '
             f'font-family="sans-serif" font-size="9">']
    for tick in (0, 2, 4):
        value = ceiling * tick / 4
        parts.append(f'<line x1="0" x2="{WIDTH}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="{GRID}"/>')
        if tick:  # digits only: no shaping needed, whatever the language
            parts.append(f'<text x="1" y="{y(value) - 2:.1f}" fill="{MUTED}">{escape(tick_text(value))}</text>')
    parts.extend(trend_lines(points, x, y))
    for index, point in enumerate(points):
        if point.value is not None:
            parts.append(f'<circle cx="{x(index):.1f}" cy="{y(point.value):.1f}" r="3.5" fill="{LINE}"/>')
    parts.append("</svg>")
    cells = "".join(f'<li><b>{escape(point.text)}</b><span>{escape(point.label)}</span><span>{escape(point.below)}</span></li>'
                    for point in points)
    caption_html = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return Markup(f'<figure class="trend" role="img" aria-label="{escape(title)}">{"".join(parts)}'
                  f'<ol class="trend-axis">{cells}</ol>{caption_html}</figure>')


def bar_figure(title: str, points: list[Point], *, percent: bool, caption: str = "") -> Markup:
    """One row per category: label, bar, figure. Labels wrap between words, never inside a number."""
    ceiling = axis_top([point.value for point in points if point.value is not None], percent)
    rows = []
    for point in points:
        length = 0.0 if point.value is None else max(point.value / ceiling * 100, 0.5)
        rows.append(f'<li><span class="bar-label">{escape(point.label)}</span>'
                    f'<svg class="bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">'
                    f'<rect width="{length:.1f}" height="1" fill="{BAR}"/></svg>'
                    f'<span class="bar-value">{escape(point.text)}</span></li>')
    caption_html = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return Markup(f'<figure class="bars"><figcaption class="bars-title">{escape(title)}</figcaption>'
                  f'<ul>{"".join(rows)}</ul>{caption_html}</figure>')
