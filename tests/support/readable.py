"""What a reader of figures notices in the browser: a number or word split over two lines (a compound
word may break after its hyphen), chart labels
on top of each other, a chart stretched across a desktop, a page wider than the phone."""
from pathlib import Path

#: Every word (for Khmer, every token with a digit: Khmer wraps between words without spaces) inside
#: tables of figures and charts, split over two lines; plus labels of a trend that overlap.
FIND_BROKEN = """() => {
  for (const details of document.querySelectorAll('details')) details.open = true;
  const khmer = /[\\u1780-\\u17ff]/, broken = [], overlapping = [], wide = [];
  for (const root of document.querySelectorAll('table.figures, .trend-axis, .bars, .headline-figures')) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const word = match[0];
        if (khmer.test(word) && !/\\d/.test(word)) continue;
        // A line may end after the hyphen of a compound word ("ill-|treatment"), never inside a part.
        const parts = [];
        let start = 0;
        for (let i = 1; i < word.length - 1; i++) {
          if (word[i] === '-' && /\\p{L}/u.test(word[i - 1]) && /\\p{L}/u.test(word[i + 1])) { parts.push([start, i + 1]); start = i + 1; }
        }
        parts.push([start, word.length]);
        for (const [from, to] of parts) {
          const range = document.createRange();
          range.setStart(node, match.index + from);
          range.setEnd(node, match.index + to);
          const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
          if (lines.size > 1) broken.push(word);
        }
      }
    }
  }
  for (const axis of document.querySelectorAll('.trend-axis')) {
    const cells = [...axis.querySelectorAll('li > *')].map(e => [e, e.getBoundingClientRect()]);
    for (const [a, ra] of cells) for (const [b, rb] of cells) {
      if (a !== b && a.textContent.trim() && b.textContent.trim() && ra.right > rb.left + 0.5 && rb.right > ra.left + 0.5
          && ra.bottom > rb.top + 0.5 && rb.bottom > ra.top + 0.5) overlapping.push(a.textContent + ' / ' + b.textContent);
    }
  }
  for (const chart of document.querySelectorAll('.trend, .bars')) {
    if (chart.getBoundingClientRect().width > 600) wide.push(chart.getBoundingClientRect().width);
    if (chart.scrollWidth > chart.clientWidth + 1) wide.push('overflows: ' + chart.textContent.slice(0, 40));
  }
  const page = document.documentElement.scrollWidth > window.innerWidth + 1 ? [document.documentElement.scrollWidth] : [];
  return {broken, overlapping: overlapping.slice(0, 10), wide, page};
}"""


def problems(page) -> dict:
    """Open every <details>, then list what is unreadable (all lists empty when all is well)."""
    return page.evaluate(FIND_BROKEN)


def shot(page, name: str, folder: str = "/tmp/issue-18-shots") -> None:
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{folder}/{name}.png", full_page=True)
