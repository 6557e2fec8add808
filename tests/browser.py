"""Headless Chromium driven by Playwright, for tests that interact with a page (type, drop
files, measure the layout). Playwright drives the system's Chromium (`.ci/run` installs it
with apt-get); it downloads no browser of its own. Skipped, with the reason, where either
is missing."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium on this machine (.ci/run installs it with apt-get where the "
                "system's package registry is reachable; here it could not be installed)")


@contextmanager
def browser_page(width: int = 1280, height: int = 800):
    sync_api = pytest.importorskip("playwright.sync_api")
    binary = chromium_binary()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=binary,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-extensions"])
        try:
            context = browser.new_context(viewport={"width": width, "height": height},
                                          accept_downloads=True)
            yield context.new_page()
        finally:
            browser.close()


def overflows(page) -> list[str]:
    """What sticks out sideways, empty when the page needs no horizontal scrolling."""
    return page.evaluate("""() => {
        if (document.documentElement.scrollWidth <= window.innerWidth) return [];
        return Array.from(document.querySelectorAll('body *'))
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .slice(0, 10).map(e => e.tagName.toLowerCase() + '.' + e.className + ' → '
                                 + Math.round(e.getBoundingClientRect().right));
    }""") or (["documentElement"] if page.evaluate(
        "document.documentElement.scrollWidth > window.innerWidth") else [])
