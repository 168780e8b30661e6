"""Driving the offline phone app (/app) in a real browser, as a monitor would."""
import random
import re
import time

from sqlalchemy import select

from monitor.extensions import db
from monitor.models import Checklist
from monitor.services.checklists import document_of
from monitor.services.definitions import current_definition

TIMEOUT_MS = 10_000

#: Answer every visible, unanswered question of the section on screen: `overrides` by item key,
#: otherwise an option picked with the given seed; dates, times and text stay empty unless given.
#: Answers go in through clicks and typed values, as a monitor gives them.
FILL_SECTION = """([overrides, seed]) => {
  let state = seed;
  const pick = (n) => { state = (state * 1103515245 + 12345) % 2147483648; return state % n; };
  const entered = {};
  for (let pass = 0; pass < 3; pass++) {
    document.querySelectorAll("#section-form .field:not([hidden])").forEach((field) => {
      const key = field.dataset.item;
      if (key in overrides && overrides[key] === null) return;  // left unanswered on purpose
      if (key in entered || (!(key in overrides) && (field.querySelector("input:checked") || field.querySelector("select")?.value))) return;
      const options = Array.from(field.querySelectorAll("input[type=radio], input[type=checkbox]"));
      const select = field.querySelector("select");
      const input = field.querySelector("input:not([type=radio]):not([type=checkbox]), textarea");
      if (key in overrides) {
        const value = overrides[key];
        if (options.length) options.find((o) => o.value === value).click();
        else if (select) { select.value = value; select.dispatchEvent(new Event("change", { bubbles: true })); }
        else { input.value = String(value); input.dispatchEvent(new Event("input", { bubbles: true }));
               input.dispatchEvent(new Event("change", { bubbles: true })); }
        entered[key] = value;
      } else if (options.length) {
        const option = options[pick(options.length)];
        option.click();
        entered[key] = option.type === "checkbox" ? [option.value] : option.value;
      } else if (select) {
        select.selectedIndex = 1 + pick(select.options.length - 1);
        select.dispatchEvent(new Event("change", { bubbles: true }));
        entered[key] = select.value;
      }
    });
  }
}"""


#: Answers that break one of the definition's checks are marked on the page: try the next option.
REPAIR_SECTION = """() => {
  const changed = {};
  document.querySelectorAll("#section-form .field.has-error:not([hidden])").forEach((field) => {
    const options = Array.from(field.querySelectorAll("input[type=radio]"));
    const next = options[(options.findIndex((o) => o.checked) + 1) % options.length];
    if (next) { next.click(); changed[field.dataset.item] = next.value; }
  });
  return changed;
}"""


#: What the section on screen shows as answered (computed values excepted), as the app stores it.
READ_SECTION = """() => {
  const shown = {};
  document.querySelectorAll("#section-form .field:not([hidden])").forEach((field) => {
    const key = field.dataset.item, type = field.dataset.type;
    const checked = Array.from(field.querySelectorAll("input:checked")).map((o) => o.value);
    const input = field.querySelector("input:not([type=radio]):not([type=checkbox]), select, textarea");
    if (type === "multichoice") { if (checked.length) shown[key] = checked; }
    else if (checked.length) shown[key] = checked[0];
    else if (input && input.value && !input.readOnly) {
      const dayMonthYear = /^(\\d{2})\\/(\\d{2})\\/(\\d{4})$/.exec(input.value);  // dates show as 25/11/2026, stored 2026-11-25
      shown[key] = type === "integer" ? Number(input.value) : type === "date" && dayMonthYear
        ? `${dayMonthYear[3]}-${dayMonthYear[2]}-${dayMonthYear[1]}` : input.value;
    }
  });
  return shown;
}"""



def wait_until(page, expression: str, timeout_ms: int = 10_000) -> None:
    """Poll a JavaScript expression until it is true. Playwright's wait_for_function evaluates its
    predicate with eval inside the page, which the app's Content-Security-Policy forbids."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(50)

def sign_in(page, username="monitor", password="monitor-demo-1"):
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/checklists"))


def sign_in_over_http(context, username="monitor", password="monitor-demo-1"):
    """Sign in with plain HTTP requests, so no page runs and nothing is cached or installed yet:
    the phone's very first visit."""
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', context.request.get("/login").text())
    context.request.post("/login",
                         form={"csrf_token": token.group(1) if token else "", "username": username, "password": password},
                         max_redirects=0)


def open_app(page, hash_path="#/"):
    page.goto("/app" + hash_path)
    page.wait_for_selector("#app[data-ready]", timeout=TIMEOUT_MS)


def wait_for_offline_app(page):
    """Wait until the service worker controls the page, so the app opens without a connection."""
    page.evaluate("navigator.serviceWorker.ready")
    wait_until(page, "navigator.serviceWorker.controller !== null", TIMEOUT_MS)


def install_app(page, username="monitor", password="monitor-demo-1"):
    """Sign in and open the app once with a connection, as a monitor does before going to court."""
    sign_in(page, username, password)
    open_app(page)
    wait_for_offline_app(page)


def current_route(page) -> list[str]:
    return [part for part in page.evaluate("location.hash").lstrip("#/").split("/") if part]


def start_checklist(page, court_index: int = 1):
    """Tap "Start a checklist": the first section opens at once, below the court, which the
    monitor chooses (`court_index` in the list, 1 the first court; 0 leaves it unchosen)."""
    page.click("a:has-text('Start a checklist')")
    page.wait_for_selector("#section-form [data-item]")
    assert current_route(page) == ["new"]
    if court_index:
        page.select_option("#court", index=court_index)


def fill_checklist(page, rng: random.Random, accused_overrides: list[dict],
                   before_filling: str | None = None, hearing_overrides: dict | None = None) -> tuple[str, dict]:
    """Start a checklist, answer every section, add the accused, submit. Returns (uuid, entered).
    `before_filling`: a script run on the first section before it is answered."""
    start_checklist(page)
    if before_filling:
        page.evaluate(before_filling)
    entered = {"hearing": {}, "accused": []}
    _fill_until_overview(page, rng, entered, hearing_overrides or {})
    uuid = current_route(page)[1]
    for number, overrides in enumerate(accused_overrides, start=1):
        entered["accused"].append({})
        page.click("button:has-text('Add an accused')")
        wait_until(page, f"location.hash.includes('/accused/{number}/')")
        _fill_until_overview(page, rng, entered, overrides)
    page.click("[data-submit]")
    page.wait_for_selector("[data-group]")
    return uuid, entered


def _fill_until_overview(page, rng, entered, overrides):
    """Answer each section and tap "Save and continue" until the checklist's overview shows."""
    while (route := current_route(page)) == ["new"] or len(route) > 2:
        page.wait_for_selector("#section-form")
        page.evaluate(FILL_SECTION, [overrides, rng.randrange(1, 2**31)])
        for _ in range(4):
            before = page.evaluate("location.hash")  # a new checklist's address changes with its first answer
            answers = page.evaluate(READ_SECTION)
            page.click("#section-form button[type=submit]")
            if page.evaluate("location.hash") != before:
                break
            page.evaluate(REPAIR_SECTION)
            page.evaluate(FILL_SECTION, [overrides, rng.randrange(1, 2**31)])
        else:
            raise AssertionError(f"could not complete {before}: {page.inner_text('main')}")
        if route == ["new"] or route[2] == "hearing":
            entered["hearing"].update(answers)
        elif route[2] == "accused":
            entered["accused"][int(route[3]) - 1].update(answers)
        else:
            entered["accused"][int(route[3]) - 1].setdefault("juvenile", {}).update(answers)
    page.wait_for_selector(".steps")


def wait_until_all_sent(page, timeout_ms=30_000):
    page.wait_for_selector("[data-outbox='0']", timeout=timeout_ms)


def computed_keys(app) -> set[str]:
    """Items whose value is worked out from dates, so the server stores them without the monitor typing them."""
    with app.app_context():
        definition = current_definition()
        return {item.key for block in definition.blocks for item in block.items if item.compute}


def assert_answers_intact(stored: dict, entered: dict, computed: set[str]):
    """Every answer the monitor gave is stored as given; the only extra answers are computed ones."""
    assert len(stored["accused"]) == len(entered["accused"])
    pairs = [(stored["hearing"], entered["hearing"])]
    for stored_accused, entered_accused in zip(stored["accused"], entered["accused"]):
        pairs.append(({k: v for k, v in stored_accused.items() if k != "juvenile"},
                      {k: v for k, v in entered_accused.items() if k != "juvenile"}))
        assert ("juvenile" in stored_accused) == ("juvenile" in entered_accused)
        if "juvenile" in entered_accused:
            pairs.append((stored_accused["juvenile"], entered_accused["juvenile"]))
    for stored_block, entered_block in pairs:
        assert {k: stored_block.get(k) for k in entered_block} == entered_block
        extra = set(stored_block) - set(entered_block)
        assert extra <= computed, extra


def stored_checklists(app) -> dict[str, tuple[str, str, dict]]:
    """Every checklist on the server by uuid: (status, monitor's username, answers)."""
    with app.app_context():
        rows = db.session.scalars(select(Checklist)).all()
        result = {row.uuid: (row.status, row.monitor.username, document_of(row)) for row in rows}
        db.session.remove()
    return result
