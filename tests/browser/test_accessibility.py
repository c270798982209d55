"""Accessibility in a real browser: axe-core's WCAG 2.0, 2.1 and 2.2 A and AA
rules over every page type, the keyboard route past the header, and wide
tables on a narrow screen.

Releases are built (the synthetic framework of test_html_output, and the
example county when it builds), served on 127.0.0.1 by a thread of
http.server and opened in Debian's chromium, never a downloaded browser.
Needs /usr/bin/chromium and axe-core (`npm ci` in tests/browser).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.test_html_output import build_synthetic_release

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_TYPES = ("index", "scorecard index", "scorecard page", "guidance", "data sources", "definitions")
SINGLE_PAGES = {
    "index": "index.html",
    "guidance": "guidance.html",
    "data sources": "data-sources.html",
    "definitions": "definitions.html",
}

# scripts/test (and so CI) sets SCORECARDS_REQUIRE_BROWSER: there a missing
# browser or axe-core is a failure, never a quiet skip.
REQUIRED = os.environ.get("SCORECARDS_REQUIRE_BROWSER") == "1"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.is_file() and not REQUIRED, reason=f"Debian's chromium is not installed at {CHROMIUM}"
    ),
    pytest.mark.skipif(
        not AXE.is_file() and not REQUIRED,
        reason=f"axe-core is not installed ({AXE}): run `npm ci` in tests/browser",
    ),
]


# --- serving a release and driving the browser ---------------------------------------------------


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 from a thread; yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    folder = build_synthetic_release(tmp_path_factory.mktemp("synthetic"))
    with serve(folder) as url:
        yield folder, url


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    from scorecards.demo.county import build_demo

    folder = build_demo(tmp_path_factory.mktemp("demo") / "release")
    with serve(folder) as url:
        yield folder, url


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # bypass_csp: axe is injected as a script, which a content security policy would refuse.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def pages_of_type(folder: Path, page_type: str, *, every_page: bool) -> list[str]:
    """The release's pages of one type; with `every_page` false, one page per scorecard."""
    if page_type in SINGLE_PAGES:
        return [SINGLE_PAGES[page_type]]
    cards = sorted(p for p in (folder / "scorecards").iterdir() if p.is_dir())
    if page_type == "scorecard index":
        return [f"scorecards/{card.name}/index.html" for card in cards]
    found = []
    for card in cards:
        pages = sorted(p for p in card.glob("*.html") if p.name != "index.html")
        found += [f"scorecards/{card.name}/{p.name}" for p in (pages if every_page else pages[:1])]
    return found


# --- axe -----------------------------------------------------------------------------------------


def run_axe(page: Page) -> dict[str, Any]:
    """axe's results for the page as loaded, WCAG 2.0, 2.1 and 2.2 A and AA rules only."""
    page.add_script_tag(path=str(AXE))
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    result: dict[str, Any] = page.evaluate("options => axe.run(document, options)", options)
    return result


def describe(path: str, violations: list[dict[str, Any]]) -> str:
    """Violations as a person reads them: rule, impact, what to fix, where."""
    lines = [f"{path}: {len(violations)} accessibility violation(s)"]
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    - {' '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def assert_no_violations(page: Page, site: tuple[Path, str], page_type: str, *, every_page: bool) -> None:
    folder, url = site
    failures = []
    for path in pages_of_type(folder, page_type, every_page=every_page):
        page.goto(url + path)
        result = run_axe(page)
        violations = result["violations"]
        print(
            f"{path}: {len(violations)} violations, {len(result['passes'])} rules passed, "
            f"{len(result['incomplete'])} to review ({', '.join(r['id'] for r in result['incomplete'])})"
        )
        if violations:
            failures.append(describe(path, violations))
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_synthetic_pages_have_no_wcag_violations(
    page: Page, synthetic: tuple[Path, str], page_type: str
) -> None:
    assert_no_violations(page, synthetic, page_type, every_page=True)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_demo_pages_have_no_wcag_violations(page: Page, demo: tuple[Path, str], page_type: str) -> None:
    assert_no_violations(page, demo, page_type, every_page=False)


def test_axe_reports_the_violations_it_is_given(page: Page) -> None:
    page.set_content('<html><body><img src="chart.png"><a href="#"></a></body></html>')
    found = {v["id"] for v in run_axe(page)["violations"]}
    assert {"html-has-lang", "image-alt", "link-name"} <= found


# --- keyboard, loading and layout ----------------------------------------------------------------


@pytest.mark.parametrize("path", ["index.html", "scorecards/tst/t01.html"])
def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_the_main_content(
    page: Page, synthetic: tuple[Path, str], path: str
) -> None:
    page.goto(synthetic[1] + path)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.textContent.trim()]"
    )
    assert focused == ["govuk-skip-link", "Skip to main content"]
    box = page.locator(".govuk-skip-link").bounding_box()
    assert box is not None and box["width"] > 10 and box["height"] > 10, (
        "the focused skip link is not visible"
    )
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main-content"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


def test_every_page_loads_its_styles_without_errors(page: Page, synthetic: tuple[Path, str]) -> None:
    folder, url = synthetic
    problems: list[str] = []
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 else None)
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
    )
    for path in sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")):
        page.goto(url + path)
        assert page.evaluate("() => document.styleSheets.length") == 2, path
    assert [p for p in problems if not p.endswith("/favicon.ico")] == []


def test_no_text_is_set_in_gds_transport(page: Page, synthetic: tuple[Path, str]) -> None:
    for path in ("index.html", "scorecards/tst/t01.html", "guidance.html"):
        page.goto(synthetic[1] + path)
        fonts = page.evaluate(
            "() => [...new Set([...document.querySelectorAll('body, body *')]"
            ".map(e => getComputedStyle(e).fontFamily))]"
        )
        assert not [f for f in fonts if "GDS Transport" in f], path


def test_pages_are_styled_when_opened_from_the_file_system(page: Page, synthetic: tuple[Path, str]) -> None:
    page.goto((synthetic[0] / "scorecards" / "tst" / "t01.html").as_uri())
    background = page.evaluate(
        "() => getComputedStyle(document.querySelector('.govuk-tag--green')).backgroundColor"
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_a_wide_table_scrolls_in_its_region_on_a_narrow_screen(
    page: Page, synthetic: tuple[Path, str]
) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(synthetic[1] + "scorecards/tst/t01.html")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320, "the page scrolls sideways"
    region = page.locator(".scorecards-table-region").first
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    region.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert region.evaluate("e => e.scrollLeft") > 0, "the focused region does not scroll from the keyboard"
