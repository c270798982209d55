"""The equality report's page in a real browser: axe-core's WCAG 2.0, 2.1 and 2.2
A and AA rules, on a release built from the synthetic tiny county (so with
suppressed cells), and its wide tables on a narrow screen. Needs Debian's
chromium and axe-core, and skips or fails as test_accessibility does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.test_accessibility import (  # noqa: F401 - pytestmark: the same markers and skips
    CHROMIUM,
    CHROMIUM_ARGS,
    describe,
    pytestmark,
    run_axe,
    serve,
)
from tests.test_equality_report import tiny_release, write_release


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    release = tiny_release(tmp_path_factory.mktemp("tiny"))
    folder = write_release(release, tmp_path_factory.mktemp("release"))
    with serve(folder) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tab(chromium: Browser) -> Iterator[Page]:
    # bypass_csp: axe is injected as a script, which a content security policy would refuse.
    context = chromium.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ["equality.html", "index.html"])
def test_the_equality_report_has_no_wcag_violations(tab: Page, site: str, path: str) -> None:
    tab.goto(site + path)
    violations = run_axe(tab)["violations"]
    assert not violations, describe(path, violations)


def test_the_report_s_tables_scroll_in_their_regions_on_a_narrow_screen(tab: Page, site: str) -> None:
    tab.set_viewport_size({"width": 320, "height": 640})
    tab.goto(site + "equality.html")
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= 320, "the page scrolls sideways"
    assert tab.locator(".scorecards-table-region").count() == 6


def test_a_suppressed_group_s_row_reads_suppressed(tab: Page, site: str) -> None:
    tab.goto(site + "equality.html")
    row = tab.locator("tr", has=tab.get_by_role("rowheader", name="Children in Care", exact=True)).first
    assert row.inner_text().count("Suppressed") >= 5
