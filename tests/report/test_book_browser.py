"""The book in a real browser: headless Chromium loads it with no console errors, KaTeX typesets,
figures load, the search finds a claim; screenshots of the front page and a section page are kept."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (Debian package 'chromium')"),
    pytest.mark.skipif(not DRIVER.exists(), reason="/usr/bin/chromedriver is absent (Debian 'chromium-driver')"),
]

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium (the test extra 'browser') is absent")

from test_book import registry_doc, small_doc  # noqa: E402

from theorems.report.book import build_book  # noqa: E402
from theorems.report.figures import figures_available  # noqa: E402


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    out = tmp_path_factory.mktemp("book")
    doc = registry_doc()  # every claim's formula, so every formula is typeset once
    extra = {r["id"]: r for r in small_doc()["results"]}
    doc["results"] = [extra.get(r["id"], r) for r in doc["results"]]
    files = build_book(doc, out)
    return out, files


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1200,1400", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def _settled(driver):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-katex-failures')") is not None)


def test_every_page_loads_without_console_errors_and_typesets_its_formulas(book, browser):
    out, files = book
    failures = {}
    for page in files.pages:
        browser.get(page.resolve().as_uri())
        _settled(browser)
        assert _errors(browser) == [], page.name
        failures[page.name] = int(browser.execute_script("return document.body.getAttribute('data-katex-failures')"))
        if page.name not in ("index.html", "summary.html"):
            n = browser.execute_script("return document.querySelectorAll('.card .katex').length")
            assert n >= 1, f".katex nodes={n}, but should be >= 1 [{page.name}]"
    assert sum(failures.values()) == 0, failures


@pytest.mark.skipif(not figures_available(), reason="matplotlib (the optional extra 'figures') is not installed")
def test_figures_load_and_have_alt_text(book, browser):
    out, files = book
    browser.get((out / "approximation_rates.html").resolve().as_uri())
    _settled(browser)
    imgs = browser.execute_script(
        "return Array.from(document.querySelectorAll('figure img')).map(i => [i.complete && i.naturalWidth, i.alt])")
    assert imgs and all(w and w > 100 and len(alt) > 20 for w, alt in imgs), imgs


def test_the_search_box_finds_a_claim_and_screenshots_are_written(book, browser):
    from selenium.webdriver.common.by import By

    out, _ = book
    browser.get((out / "index.html").resolve().as_uri())
    _settled(browser)
    browser.save_screenshot(str(out / "screenshot-front.png"))
    box = browser.find_element(By.ID, "search")
    box.send_keys("yarotsky_sq")
    hits = [a.get_attribute("data-id") for a in browser.find_elements(By.CSS_SELECTOR, "#search-results a.hit")]
    assert "yarotsky_square" in hits, hits
    browser.find_element(By.CSS_SELECTOR, '#search-results a.hit[data-id="yarotsky_square"]').click()
    _settled(browser)
    assert browser.current_url.endswith("approximation_rates.html#yarotsky_square")
    browser.execute_script("document.getElementById('yarotsky_square').scrollIntoView()")
    browser.save_screenshot(str(out / "screenshot-section.png"))
    for name in ("screenshot-front.png", "screenshot-section.png"):
        assert (out / name).read_bytes().startswith(b"\x89PNG")
    keep = os.environ.get("BOOK_SCREENSHOTS")  # a folder to copy the screenshots to (docs/ when refreshed)
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for name in ("screenshot-front.png", "screenshot-section.png"):
            shutil.copy(out / name, Path(keep) / name)
