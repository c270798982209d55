"""The web application's main journeys in Debian's chromium, against a real
`scorecards serve --demo` on loopback: sign in, read a scorecard, drill into
a district and an indicator, write and approve commentary, publish, a
provider enters its narrative; and one journey by keyboard alone."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from scorecards.demo.county import example_values
from tests.web import live

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_or_skip() -> str:
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("SCORECARDS_REQUIRE_BROWSER"):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium")
    pytest.skip(f"{CHROMIUM} is not installed")


@pytest.fixture(scope="module")
def server() -> live.LiveServer:
    return live.shared()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = chromium_or_skip()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server.url)
    context.set_default_timeout(20000)
    yield context.new_page()
    context.close()


def sign_in(page, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(live.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"Signed in as {email}").wait_for()


def test_the_public_reads_a_scorecard_and_drills_into_a_district_and_an_indicator(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_role("link", name="July 2017 Release (June 2017 Data)").click()
    page.get_by_role("link", name="Ashford", exact=True).first.click()
    assert page.get_by_role("heading", name="Ashford").is_visible()
    page.get_by_label("RAG rating").select_option("RED")
    page.get_by_role("button", name="Apply").click()
    assert "rag=RED" in page.url
    page.get_by_role("link", name="Every indicator for Ashford against the county").click()
    page.get_by_role("heading", name="Ashford against Kent").wait_for()
    page.get_by_role("link", name="SISE34").click()
    page.get_by_role("heading", name="Trend: Ashford").wait_for()
    assert page.locator("svg.scorecards-chart").is_visible()
    assert page.get_by_role("table").filter(has_text="Latest result by district").is_visible()


def test_an_analyst_builds_an_editor_comments_the_analyst_approves_and_publishes(browser, server) -> None:  # type: ignore[no-untyped-def]
    alice = browser.new_context(base_url=server.url).new_page()
    sign_in(alice, "alice@kent.example")
    alice.get_by_role("button", name="Build a draft release").click()
    alice.get_by_label("Data month").fill("2017-06")
    alice.get_by_label("Values files").set_input_files([str(p) for p in example_values()])
    alice.get_by_role("button", name="Build the draft").click()
    alice.get_by_text("has been built as a draft").wait_for(timeout=60000)
    draft_url = alice.url
    assert "correction" in draft_url

    bob = browser.new_context(base_url=server.url).new_page()
    sign_in(bob, "bob@kent.example")
    bob.goto(draft_url)
    bob.get_by_role("link", name="Kent", exact=True).first.click()
    bob.get_by_role("link", name="EH43").click()
    bob.get_by_label("Commentary on Kent for this release").fill("Primary exclusions rose from 16 to 20.")
    bob.get_by_role("button", name="Save commentary").click()
    bob.get_by_text("Commentary on EH43 saved as a draft").wait_for()

    alice.goto(bob.url)
    alice.get_by_role("button", name="Approve commentary on EH43").click()
    alice.get_by_text("Commentary on EH43 approved").wait_for()
    alice.goto(draft_url)
    alice.get_by_role("button", name="Publish this release").click()
    alice.get_by_text("is published").wait_for()
    assert alice.get_by_text("No figure differs from").is_visible()

    public = browser.new_context(base_url=server.url).new_page()
    public.goto(bob.url.split("?")[0])
    assert public.get_by_text("Primary exclusions rose from 16 to 20.").is_visible()
    for context in (alice.context, bob.context, public.context):
        context.close()


def test_a_provider_enters_its_narrative(page) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, "priya@porchlight.example")
    page.get_by_role("link", name="Contracts").click()
    page.get_by_role("link", name="Family Support").click()
    page.get_by_role(
        "link", name="Write narrative for Family Support Service - Porchlight South - Ashford"
    ).first.click()
    page.get_by_role("textbox").fill("CEH06: two allocations were late because of missing consent.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("CEH06: two allocations were late because of missing consent.").wait_for()
    page.goto("/contracts/salus-fss/")
    assert page.get_by_role("heading", name="Page not found").is_visible()


def test_by_keyboard_alone_a_person_signs_in_reads_a_scorecard_and_opens_an_indicator(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/sign-in/")

    def tab_to(predicate: str, limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(predicate):
                return
        raise AssertionError(f"Tab never reached {predicate}")

    tab_to("document.activeElement.id === 'id_email'")
    page.keyboard.type("alice@kent.example")
    page.keyboard.press("Tab")
    page.keyboard.type(live.PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_text("Signed in as alice@kent.example").wait_for()
    tab_to("document.activeElement.textContent.trim() === 'July 2017 Release (June 2017 Data)'")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="July 2017 Release (June 2017 Data)").wait_for()
    tab_to("document.activeElement.getAttribute('href')?.endsWith('/scorecards/cype-e10000016/')", 400)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Kent").wait_for()
    tab_to("document.activeElement.textContent.trim() === 'SISE34'")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Trend: Kent").wait_for()
    assert "/indicators/SISE34/" in page.url
