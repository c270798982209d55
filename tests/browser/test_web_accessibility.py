"""axe-core finds no WCAG 2.2 AA violation on any page type of the web
application, for the public and for each role that sees a different page."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.test_web_journeys import ARGS, chromium_or_skip
from tests.web import live

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DRAFT = "/releases/2017-06-correction-1"

# (who, path): every page type, as the person who sees its fullest form
PAGES = [
    (None, "/releases/"),
    (None, "/releases/2017-06/"),
    (None, "/releases/2017-06/scorecards/cype-e10000016/"),
    (None, "/releases/2017-06/scorecards/cype-e10000016/?rag=RED&sort=rag"),
    (None, "/releases/2017-06/scorecards/cype-e10000016/?rag=GREEN&service=NEET"),
    (None, "/releases/2017-06/scorecards/scs-e10000016/"),
    (None, "/releases/2017-06/scorecards/ehcs-fs-porchlight-fss-ashford/"),
    (None, "/releases/2017-06/indicators/SISE34/"),
    (None, "/releases/2017-06/indicators/CEH01/"),
    (None, "/releases/2017-06/districts/E07000105/"),
    (None, "/releases/2017-06/contracts/salus-fss/"),
    (None, "/sign-in/"),
    (None, "/no/such/page/"),
    ("alice@kent.example", "/releases/"),
    ("alice@kent.example", "/releases/new/"),
    ("alice@kent.example", f"{DRAFT}/"),
    ("bob@kent.example", f"{DRAFT}/indicators/EH43/"),
    ("bob@kent.example", "/contracts/"),
    ("bob@kent.example", "/contracts/porchlight-fss/notes/2017-07/porchlight-fss-ashford/"),
    ("priya@porchlight.example", "/contracts/porchlight-fss/"),
    ("priya@porchlight.example", "/contracts/porchlight-fss/narrative/2017-07/porchlight-fss-ashford/"),
    ("priya@porchlight.example", "/releases/2017-06/"),
    ("ada@kent.example", "/people/"),
    ("ada@kent.example", "/audit/"),
]


def axe_source() -> str:
    if not AXE.is_file():
        if os.environ.get("SCORECARDS_REQUIRE_BROWSER"):
            pytest.fail(f"{AXE} is missing: run npm ci in tests/browser")
        pytest.skip("axe-core is not installed (npm ci in tests/browser)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def contexts() -> Iterator[dict[str | None, object]]:
    """A browser context per person, signed in once."""
    from playwright.sync_api import sync_playwright

    server = live.shared()
    executable = chromium_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS, headless=True)
        found: dict[str | None, object] = {}
        for who in {who for who, _ in PAGES}:
            context = browser.new_context(base_url=server.url)
            if who:
                page = context.new_page()
                page.goto("/sign-in/")
                page.get_by_label("Email address").fill(who)
                page.get_by_label("Password").fill(live.PASSWORD)
                page.get_by_role("button", name="Sign in").click()
                page.get_by_text(f"Signed in as {who}").wait_for()
                page.close()
            found[who] = context
        yield found
        browser.close()


def violations(page) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    page.evaluate(axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return list(result["violations"])


@pytest.mark.parametrize(("who", "path"), PAGES, ids=[f"{who or 'public'}:{path}" for who, path in PAGES])
def test_no_wcag_22_aa_violation(contexts, who: str | None, path: str) -> None:  # type: ignore[no-untyped-def]
    page = contexts[who].new_page()
    page.goto(path)
    found = violations(page)
    page.close()
    summary = [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}  # type: ignore[index, union-attr]
        for v in found
    ]
    assert not found, json.dumps(summary, indent=1)


def test_a_form_with_errors_has_no_violation(contexts) -> None:  # type: ignore[no-untyped-def]
    page = contexts[None].new_page()
    page.goto("/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("There is a problem").wait_for()
    found = violations(page)
    page.close()
    assert not found, json.dumps([v["id"] for v in found])


def test_the_check_does_find_a_violation_when_there_is_one(contexts) -> None:  # type: ignore[no-untyped-def]
    page = contexts[None].new_page()
    page.set_content('<html lang="en"><title>x</title><main><img src="a.png"><button></button></main></html>')
    found = {v["id"] for v in violations(page)}
    page.close()
    assert {"image-alt", "button-name"} <= found
