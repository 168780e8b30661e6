"""Benchmark: weight and first render of the checklist page on a phone (not a test; prints figures).

    python bench/checklist_page.py [--runs 3]

Serves the app with demo courts and accounts on loopback (SQLite in a temporary folder), signs in
as the demo monitor in headless Chromium at 360x740, and measures with the DevTools protocol:
- page weight: bytes on the wire (`encodedDataLength`, i.e. after compression, plus headers) of
  the documents, CSS, JS and JSON fetched to show the first section of the full default
  checklist, on a first visit (empty cache, no service worker) and on a repeat visit;
- first render under slow 3G (400 kbit/s down and up, 400 ms latency) with 4x CPU slowdown, in ms
  from navigation start: first contentful paint; "section on screen", the first frame after the
  whole first section (every question and its Save button) is in the page, and never before first
  contentful paint; for the offline app, "app took over", when its script has taken the screen
  over (answers from then on are kept on the phone).
Both the offline app and the plain server page (no JavaScript needed) are measured."""
import argparse
import logging
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from monitor import create_app  # noqa: E402
from monitor.services import demo  # noqa: E402
from monitor.extensions import db  # noqa: E402
from tests.support.browser import PHONE_VIEWPORT, launch_chromium, phone_context  # noqa: E402
from tests.support.live_server import LiveServer  # noqa: E402
from tests.support.offline_app import sign_in_over_http  # noqa: E402

SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
CPU_SLOWDOWN = 4
KINDS = {"Document": "HTML", "Stylesheet": "CSS", "Script": "JS", "Fetch": "JSON", "XHR": "JSON"}

#: Run in every page before its own scripts (DevTools injects it, so the page's Content-Security-Policy
#: does not apply): notes when the whole section is in the page, the frame after that, and when the
#: offline app marks itself ready.
MARKS = """(() => {
  const marks = window.__bench = {};
  const look = () => {
    if (!marks.sectionInPage && document.querySelector("#section-form .actions button")) {
      marks.sectionInPage = performance.now();
      requestAnimationFrame(() => setTimeout(() => { marks.sectionFrame = performance.now(); }));
    }
    if (!marks.ready && document.querySelector("#app[data-ready]")) marks.ready = performance.now();
  };
  new MutationObserver(look).observe(document, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["data-ready"],
  });
})();"""
PAINT = "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null"


class Transfers:
    """Bytes on the wire per kind, from the page's DevTools Network events."""

    def __init__(self, cdp):
        self.kind_of, self.bytes, self.from_worker = {}, {}, set()
        cdp.on("Network.requestWillBeSent", lambda e: self.kind_of.__setitem__(e["requestId"], KINDS.get(e.get("type"), "other")))
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)

    def _response(self, event):
        if event["response"].get("fromServiceWorker") or event["response"].get("fromDiskCache"):
            self.from_worker.add(event["requestId"])

    def _finished(self, event):
        if event["requestId"] in self.from_worker:
            return
        kind = self.kind_of.get(event["requestId"], "other")
        self.bytes[kind] = self.bytes.get(kind, 0) + int(event["encodedDataLength"])

    def summary(self) -> dict:
        shell = sum(self.bytes.get(k, 0) for k in ("HTML", "CSS", "JS"))
        return {"HTML+CSS+JS": shell, "JSON": self.bytes.get("JSON", 0), "other": self.bytes.get("other", 0)}


def build_app(folder: Path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}", "SECRET_KEY": "bench",
                      "PUBLIC_URL": "https://bench.example"})
    with app.app_context():
        upgrade()
        demo.ensure_courts()
        demo.ensure_accounts()
        db.session.remove()
    return app


def signed_in_context(browser, url, plain=False):
    """A phone signed in through plain HTTP requests, so its browser cache and workers stay empty.
    `plain`: no service worker, as on a phone without JavaScript (the plain pages' own figures)."""
    context = phone_context(browser, url) if not plain else browser.new_context(
        viewport=PHONE_VIEWPORT, device_scale_factor=2, is_mobile=True, has_touch=True, base_url=url, service_workers="block")
    context.add_init_script(MARKS)
    sign_in_over_http(context)
    return context, context.new_page()


def poll(page, expression: str, timeout_s: float = 60):
    """The value of a JavaScript expression once it is truthy (the CSP forbids wait_for_function)."""
    deadline = time.monotonic() + timeout_s
    while not (value := page.evaluate(expression)):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{expression} at {page.url}")
        page.wait_for_timeout(20)
    return value


def start_in_app(page) -> str:
    """Open a new checklist in the app, with the app installed, and answer one question: the app
    keeps it from then on. Returns the app's address of that first section."""
    page.goto("/app/new")
    page.wait_for_selector("#app[data-ready]")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("navigator.serviceWorker.controller !== null"):  # installed while this page loaded
        page.goto("/app/new")
        page.wait_for_selector("#app[data-ready]")
    page.locator("[data-item=stage] input").first.click()
    poll(page, "location.hash.startsWith('#/c/')", 10)
    return "/app" + page.evaluate("location.hash")


def start_on_server(page) -> str:
    page.goto("/checklists/new")
    page.select_option("#court", index=1)
    page.click("main button[type=submit]")
    page.wait_for_selector("#section-form")
    return page.url


def weigh(browser, url):
    """Bytes for the first section of the checklist: offline app and plain page, first and repeat visit."""
    results = {}
    context, page = signed_in_context(browser, url)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    transfers = Transfers(cdp)
    page.goto("/app/new")
    page.wait_for_selector("#app[data-ready]")
    results["app, first visit (/app/new)"] = transfers.summary()
    section = start_in_app(page)
    page.goto("about:blank")
    transfers = Transfers(cdp)
    page.goto("/app/new")
    page.wait_for_selector("#app[data-ready]")
    results["app, new checklist again"] = transfers.summary()
    page.goto("about:blank")
    transfers = Transfers(cdp)
    page.goto(section)
    page.wait_for_selector("#section-form")
    results["app, a section seen before"] = transfers.summary()
    context.close()

    context, page = signed_in_context(browser, url, plain=True)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    transfers = Transfers(cdp)
    section_url = start_on_server(page)
    results["plain pages, start + first section"] = transfers.summary()
    transfers = Transfers(cdp)
    page.goto(section_url)
    page.wait_for_selector("#section-form")
    results["plain pages, section again"] = transfers.summary()
    context.close()
    return results


#: (label, offline app?, visit): "first" starts from an empty cache and no service worker; "again"
#: opens the same address after a first visit, with the app installed.
FLOWS = [
    ("app, new checklist, first visit", True, "first"),
    ("app, new checklist, again", True, "again"),
    ("app, a section seen before", True, "seen"),
    ("plain page, first visit", False, "first"),
    ("plain page, again", False, "again"),
]


def throttled_render(browser, url, app: bool, visit: str) -> dict:
    """Milliseconds from navigation start under slow 3G and 4x CPU slowdown."""
    context, page = signed_in_context(browser, url, plain=not app)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if app:
        target = "/app/new"
        if visit != "first":
            section = start_in_app(page)
            target = section if visit == "seen" else target
    else:
        target = start_on_server(page)
    page.goto("about:blank")
    if visit == "first":
        cdp.send("Network.clearBrowserCache")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(target, wait_until="commit")
    frame = poll(page, "window.__bench.sectionFrame")
    paint = poll(page, PAINT)
    ready = poll(page, "window.__bench.ready") if app else None
    context.close()
    return {"paint": paint, "section": max(frame, paint), "ready": ready}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per flow; the median is printed")
    runs = parser.parse_args().runs
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    folder = Path(tempfile.mkdtemp(prefix="cm-bench-"))
    try:
        app = build_app(folder)
        with LiveServer(app) as server, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            print(f"Chromium {browser.version}")
            print("\nPage weight (bytes on the wire, compressed):")
            for name, sizes in weigh(browser, server.url).items():
                print(f"  {name:38} HTML+CSS+JS {sizes['HTML+CSS+JS']/1024:6.1f} KB   JSON {sizes['JSON']/1024:6.1f} KB"
                      f"   other {sizes['other']/1024:5.1f} KB")
            print(f"\nFirst render, slow 3G + {CPU_SLOWDOWN}x CPU slowdown (median of {runs}; ms from navigation start):")
            for label, is_app, visit in FLOWS:
                results = [throttled_render(browser, server.url, is_app, visit) for _ in range(runs)]
                median = {key: statistics.median(r[key] for r in results) if is_app or key != "ready" else None
                          for key in ("paint", "section", "ready")}
                took_over = f"   app took over {median['ready']:6.0f}" if is_app else ""
                print(f"  {label:34} first contentful paint {median['paint']:6.0f}"
                      f"   section on screen {median['section']:6.0f}{took_over}"
                      f"   (runs: {', '.join(str(round(r['section'])) for r in results)})")
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
