"""Launch Debian's chromium through Playwright, and open it as a phone would."""

import shutil

#: The machines have no network: keep chromium from trying to reach Google.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: A small Android phone, the device most monitors carry into court.
PHONE_VIEWPORT = {"width": 360, "height": 740}


def launch_chromium(playwright, **launch_options):
    """Launch the system chromium (not a Playwright-downloaded build) headless."""
    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError(
            "chromium is not installed. Run the tests with scripts/test.sh, which installs it "
            "(apt-get install chromium fonts-khmeros).")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                      **launch_options)


def _phone(base_url: str) -> dict:
    return {"viewport": PHONE_VIEWPORT, "device_scale_factor": 2, "is_mobile": True, "has_touch": True, "base_url": base_url}


def phone_context(browser, base_url: str):
    """A browser context that looks like a phone, with relative URLs resolved against `base_url`."""
    return browser.new_context(**_phone(base_url))


def phone_with_profile(browser, base_url: str, profile_dir):
    """The same phone, as a browser of its own that keeps its data in `profile_dir` (cookies, caches,
    IndexedDB, service worker) when closed: opening it again is the phone's browser restarting."""
    return browser.browser_type.launch_persistent_context(
        str(profile_dir), executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, **_phone(base_url))
