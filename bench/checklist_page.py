"""Benchmark: weight and first render of the checklist page on a phone (not a test; prints figures).

    python bench/checklist_page.py

Serves the app with demo courts and accounts on loopback (SQLite in a temporary folder), signs in
as the demo monitor in headless Chromium at 360x740, and measures with the DevTools protocol:
- page weight: bytes on the wire (`encodedDataLength`, i.e. after gzip/brotli, plus headers) of
  the documents, CSS, JS and JSON fetched to show the first section of the full default
  checklist, on a first visit (empty cache, no service worker) and on a repeat visit;
- first render under slow 3G (400 kbit/s down and up, 400 ms latency) with 4x CPU slowdown:
  first contentful paint and the moment the checklist section is on screen.
Both the offline app (/app) and the plain server page (no JavaScript needed) are measured."""
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from monitor import create_app, demo  # noqa: E402
from monitor.extensions import db  # noqa: E402
from tests.support.browser import PHONE_VIEWPORT, launch_chromium, phone_context  # noqa: E402
from tests.support.live_server import LiveServer  # noqa: E402

SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
CPU_SLOWDOWN = 4
RUNS = 3
KINDS = {"Document": "HTML", "Stylesheet": "CSS", "Script": "JS", "Fetch": "JSON", "XHR": "JSON"}


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
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite'}", "SECRET_KEY": "bench"})
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
    form = context.request.get("/login").text()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    context.request.post("/login", form={"csrf_token": token, "username": "monitor", "password": "monitor-demo-1"},
                         max_redirects=0)
    return context, context.new_page()


def start_in_app(page) -> str:
    page.goto("/app#/new")
    page.wait_for_selector("#app[data-ready]")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#section-form")
    return page.evaluate("location.hash")


def start_on_server(page) -> str:
    page.goto("/checklists/new")
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
    section = start_in_app(page)
    page.evaluate("navigator.serviceWorker.ready")
    results["app, first visit"] = transfers.summary()
    page.goto("about:blank")
    transfers = Transfers(cdp)
    page.goto("/app" + section)
    page.wait_for_selector("#section-form")
    results["app, repeat visit"] = transfers.summary()
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


PAINT = "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime"


def throttled_render(browser, url, repeat: bool, server_page: bool):
    """(first contentful paint, checklist section shown) in ms from navigation start, under slow 3G
    and 4x CPU slowdown. A first visit starts from an empty browser cache (and, for the app, no
    service worker: it opens /app#/new and taps Start); a repeat visit reopens a section seen before."""
    context, page = signed_in_context(browser, url, plain=server_page)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    target = start_on_server(page) if server_page or repeat else None
    if repeat and not server_page:
        target = "/app" + start_in_app(page)
        page.evaluate("navigator.serviceWorker.ready")
    page.goto("about:blank")
    if not repeat:
        cdp.send("Network.clearBrowserCache")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    if target:
        page.goto(target, wait_until="commit")
    else:
        page.goto("/app#/new", wait_until="commit")
        page.wait_for_selector("#app[data-ready]", timeout=60_000)
        page.click("main form button[type=submit]")
    page.wait_for_selector("#section-form", timeout=60_000)
    shown = page.evaluate("performance.now()")
    page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0", timeout=60_000)
    paint = page.evaluate(PAINT)
    context.close()
    return paint, shown


def main():
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
            print(f"\nFirst render, slow 3G + {CPU_SLOWDOWN}x CPU slowdown (median of {RUNS}; ms):")
            for label, repeat, server_page in [("app, first visit", False, False), ("app, repeat visit", True, False),
                                               ("plain page, first visit", False, True), ("plain page, repeat visit", True, True)]:
                runs = [throttled_render(browser, server.url, repeat, server_page) for _ in range(RUNS)]
                paint = statistics.median(r[0] for r in runs)
                shown = statistics.median(r[1] for r in runs)
                print(f"  {label:26} first contentful paint {paint:7.0f}   section on screen {shown:7.0f}")
            browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
