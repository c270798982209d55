"""Every role against every kind of object: who reads what, and who may do what.

Ada is an administrator, Alice an analyst, Bob an editor of Early Help and
Family Support, Erin an editor of social care, Priya works for Porchlight
and Sam for Project Salus (both providers), Vera is a viewer, Charlie has an
account and no role, and "public" is anyone not signed in. Something a
person may not see answers 404, as if it did not exist; something they may
see but not do answers 403; a page that needs signing in sends the public
to the sign-in page (302).
"""

from __future__ import annotations

import pytest

from tests.web.world import DRAFT, PUBLISHED, RESTRICTED

EVERYONE = ("ada", "alice", "bob", "erin", "priya", "sam", "vera", "charlie", "public")


def expect(**codes: int) -> list[tuple[str, int]]:
    """Expected status per person; every person must be named."""
    assert set(codes) == set(EVERYONE), set(EVERYONE) ^ set(codes)
    return list(codes.items())


def status(as_person, name: str, url: str, method: str = "get", data: dict | None = None) -> int:  # type: ignore[no-untyped-def]
    client = as_person(name)
    return getattr(client, method)(url, data or {}).status_code


KENT_CYPE = "scorecards/cype-e10000016/"
PORCHLIGHT_PAGE = "scorecards/ehcs-fs-porchlight-fss/"
SALUS_PAGE = "scorecards/ehcs-fs-salus-fss/"

READ_CASES = [
    (
        f"/releases/{PUBLISHED}/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=200, sam=200, vera=200, charlie=200, public=200),
    ),
    (
        f"/releases/{DRAFT}/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=404, charlie=404, public=404),
    ),
    (
        f"/releases/{RESTRICTED}/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=200, sam=200, vera=200, charlie=404, public=404),
    ),
    (
        f"/releases/{PUBLISHED}/{KENT_CYPE}",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=200, charlie=200, public=200),
    ),
    (
        f"/releases/{DRAFT}/{KENT_CYPE}",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=404, charlie=404, public=404),
    ),
    (
        f"/releases/{RESTRICTED}/{KENT_CYPE}",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=200, charlie=404, public=404),
    ),
    (
        f"/releases/{PUBLISHED}/{PORCHLIGHT_PAGE}",
        expect(ada=200, alice=200, bob=200, erin=200, priya=200, sam=404, vera=200, charlie=200, public=200),
    ),
    (
        f"/releases/{PUBLISHED}/{SALUS_PAGE}",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=200, vera=200, charlie=200, public=200),
    ),
    (
        f"/releases/{DRAFT}/{PORCHLIGHT_PAGE}",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=404, charlie=404, public=404),
    ),
    (
        f"/releases/{PUBLISHED}/indicators/SISE34/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=200, charlie=200, public=200),
    ),
    (
        f"/releases/{DRAFT}/indicators/SISE34/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=404, charlie=404, public=404),
    ),
    (
        f"/releases/{PUBLISHED}/indicators/CEH01/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=200, charlie=200, public=200),
    ),
    (
        f"/releases/{PUBLISHED}/districts/E07000105/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=200, charlie=200, public=200),
    ),
    (
        f"/releases/{RESTRICTED}/districts/E07000105/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=200, charlie=404, public=404),
    ),
    (
        f"/releases/{PUBLISHED}/contracts/porchlight-fss/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=200, sam=404, vera=200, charlie=200, public=200),
    ),
    (
        f"/releases/{PUBLISHED}/contracts/salus-fss/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=200, vera=200, charlie=200, public=200),
    ),
    (
        f"/releases/{DRAFT}/contracts/porchlight-fss/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=404, charlie=404, public=404),
    ),
    (
        f"/releases/{PUBLISHED}/downloads/scorecard.xlsx",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=200, charlie=404, public=404),
    ),
    (
        f"/releases/{PUBLISHED}/downloads/release.json",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=200, charlie=404, public=404),
    ),
    (
        f"/releases/{PUBLISHED}/downloads/scorecard.csv",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=200, charlie=200, public=200),
    ),
    (
        f"/releases/{DRAFT}/downloads/scorecard.csv",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=404, vera=404, charlie=404, public=404),
    ),
    (
        "/contracts/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=200, sam=200, vera=200, charlie=403, public=302),
    ),
    (
        "/contracts/porchlight-fss/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=200, sam=404, vera=200, charlie=404, public=302),
    ),
    (
        "/contracts/salus-fss/",
        expect(ada=200, alice=200, bob=200, erin=200, priya=404, sam=200, vera=200, charlie=404, public=302),
    ),
    (
        "/releases/new/",
        expect(ada=200, alice=200, bob=403, erin=403, priya=403, sam=403, vera=403, charlie=403, public=302),
    ),
    (
        "/audit/",
        expect(ada=200, alice=403, bob=403, erin=403, priya=403, sam=403, vera=403, charlie=403, public=302),
    ),
    (
        "/people/",
        expect(ada=200, alice=403, bob=403, erin=403, priya=403, sam=403, vera=403, charlie=403, public=302),
    ),
]


@pytest.mark.parametrize(("url", "codes"), READ_CASES, ids=[case[0] for case in READ_CASES])
def test_each_person_reads_only_what_their_role_allows(
    as_person, url: str, codes: list[tuple[str, int]]
) -> None:  # type: ignore[no-untyped-def]
    found = {name: status(as_person, name, url) for name, _ in codes}
    assert found == dict(codes)


NARRATIVE = "/contracts/{contract}/narrative/2017-07/{geography}/"
NOTES = "/contracts/{contract}/notes/2017-07/{geography}/"
WRITE_CASES = [
    (
        NARRATIVE.format(contract="porchlight-fss", geography="porchlight-fss-ashford"),
        expect(ada=200, alice=403, bob=403, erin=403, priya=200, sam=404, vera=403, charlie=404, public=302),
    ),
    (
        NARRATIVE.format(contract="salus-fss", geography="salus-fss-dartford"),
        expect(ada=200, alice=403, bob=403, erin=403, priya=404, sam=200, vera=403, charlie=404, public=302),
    ),
    (
        NOTES.format(contract="porchlight-fss", geography="porchlight-fss-ashford"),
        expect(ada=200, alice=200, bob=200, erin=403, priya=403, sam=404, vera=403, charlie=404, public=302),
    ),
]


@pytest.mark.parametrize(("url", "codes"), WRITE_CASES, ids=[case[0] for case in WRITE_CASES])
def test_each_person_opens_only_the_contract_forms_their_role_allows(
    as_person, url: str, codes: list[tuple[str, int]]
) -> None:  # type: ignore[no-untyped-def]
    found = {name: status(as_person, name, url) for name, _ in codes}
    assert found == dict(codes)


def test_a_provider_asking_for_another_providers_contract_by_url_finds_nothing(as_person) -> None:  # type: ignore[no-untyped-def]
    client = as_person("priya")
    for url in (
        "/contracts/salus-fss/",
        f"/releases/{PUBLISHED}/contracts/salus-fss/",
        f"/releases/{PUBLISHED}/{SALUS_PAGE}",
        f"/releases/{PUBLISHED}/scorecards/ehcs-fs-salus-fss-dartford/",
        NARRATIVE.format(contract="salus-fss", geography="salus-fss-dartford"),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Project Salus" not in response.content


def test_a_provider_posting_a_narrative_to_another_providers_contract_changes_nothing(as_person) -> None:  # type: ignore[no-untyped-def]
    from scorecards.web.contracts.models import Narrative

    response = as_person("priya").post(
        NARRATIVE.format(contract="salus-fss", geography="salus-fss-dartford"), {"text": "Not ours"}
    )
    assert response.status_code == 404
    assert not Narrative.objects.filter(text="Not ours").exists()


def test_a_provider_sees_only_its_own_contracts_listed(as_person) -> None:  # type: ignore[no-untyped-def]
    page = as_person("priya").get("/contracts/").content.decode()
    assert "Porchlight" in page
    assert "Project Salus" not in page and "Imago" not in page


def test_a_provider_sees_only_its_own_scorecards_in_a_release(as_person) -> None:  # type: ignore[no-untyped-def]
    page = as_person("priya").get(f"/releases/{PUBLISHED}/").content.decode()
    assert "Porchlight" in page
    assert "Project Salus" not in page
    assert "Children, Young People and Education Directorate Scorecard" not in page
    assert "Downloads" not in page


def test_the_release_list_shows_drafts_only_to_those_who_work_on_them(as_person) -> None:  # type: ignore[no-untyped-def]
    for name, sees in (("alice", True), ("bob", True), ("vera", False), ("public", False), ("priya", False)):
        page = as_person(name).get("/releases/").content.decode()
        assert ("correction 1" in page) is sees, name
    assert "Restricted release" not in as_person("public").get("/releases/").content.decode()
    assert "Restricted release" in as_person("vera").get("/releases/").content.decode()


COMMENTARY = f"/releases/{DRAFT}/indicators/{{code}}/commentary/"


@pytest.mark.parametrize(
    ("code", "codes"),
    [
        (
            "EH43",
            expect(
                ada=302, alice=302, bob=302, erin=403, priya=404, sam=404, vera=404, charlie=404, public=302
            ),
        ),
        (
            "CEH01",
            expect(
                ada=302, alice=302, bob=302, erin=403, priya=404, sam=404, vera=404, charlie=404, public=302
            ),
        ),
        (
            "RA01",
            expect(
                ada=302, alice=302, bob=403, erin=302, priya=404, sam=404, vera=404, charlie=404, public=302
            ),
        ),
    ],
)
def test_only_editors_of_the_indicators_service_and_analysts_write_commentary(
    as_person, code: str, codes
) -> None:  # type: ignore[no-untyped-def]
    url = COMMENTARY.format(code=code)
    found = {
        n: status(as_person, n, url, "post", {"geography": "E10000016", "text": f"by {n}"}) for n, _ in codes
    }
    assert found == dict(codes)


def test_nobody_writes_commentary_on_a_published_release(as_person) -> None:  # type: ignore[no-untyped-def]
    for name in ("ada", "alice", "bob"):
        url = f"/releases/{PUBLISHED}/indicators/EH43/commentary/"
        assert status(as_person, name, url, "post", {"geography": "E10000016", "text": "late"}) == 403


def test_only_analysts_and_administrators_approve_commentary(as_person, people) -> None:  # type: ignore[no-untyped-def]
    from scorecards.web.releases.commentary import write
    from scorecards.web.releases.models import Commentary, Release

    draft = Release.objects.get(slug=DRAFT)
    note = write(draft, "EH43", "E10000016", "Exclusions rose in June.", people["bob"])
    url = f"/releases/{DRAFT}/commentary/{note.pk}/approve/"
    codes = {"bob": 403, "erin": 403, "vera": 404, "priya": 404, "charlie": 404, "public": 302}
    assert {n: status(as_person, n, url, "post") for n in codes} == codes
    assert Commentary.objects.get(pk=note.pk).status == "draft"
    assert status(as_person, "alice", url, "post") == 302
    assert Commentary.objects.get(pk=note.pk).status == "approved"


def test_only_analysts_and_administrators_publish(as_person) -> None:  # type: ignore[no-untyped-def]
    from scorecards.web.releases.models import Release

    url = f"/releases/{DRAFT}/publish/"
    codes = {"bob": 403, "erin": 403, "vera": 404, "priya": 404, "sam": 404, "charlie": 404, "public": 302}
    assert {n: status(as_person, n, url, "post") for n in codes} == codes
    assert not Release.objects.get(slug=DRAFT).is_published
    assert status(as_person, "alice", url, "post") == 302
    assert Release.objects.get(slug=DRAFT).is_published


def test_draft_commentary_is_hidden_from_readers_of_the_published_release(as_person, people) -> None:  # type: ignore[no-untyped-def]
    from scorecards.web.releases.commentary import approve, write
    from scorecards.web.releases.models import Release

    draft = Release.objects.get(slug=DRAFT)
    write(draft, "SISE34", "E10000016", "A draft thought.", people["bob"])
    approve(write(draft, "EH43", "E10000016", "An approved view.", people["bob"]), people["alice"])
    assert (
        "A draft thought." in as_person("bob").get(f"/releases/{DRAFT}/indicators/SISE34/").content.decode()
    )
    Release.objects.filter(slug=DRAFT).update(status="published")
    assert (
        "A draft thought."
        not in as_person("vera").get(f"/releases/{DRAFT}/indicators/SISE34/").content.decode()
    )
    assert (
        "An approved view." in as_person("public").get(f"/releases/{DRAFT}/indicators/EH43/").content.decode()
    )


def test_only_administrators_stop_a_person_signing_in(as_person, people) -> None:  # type: ignore[no-untyped-def]
    url = f"/people/{people['vera'].pk}/deactivate/"
    codes = {"alice": 403, "bob": 403, "priya": 403, "vera": 403, "charlie": 403, "public": 302}
    assert {n: status(as_person, n, url, "post") for n in codes} == codes
    people["vera"].refresh_from_db()
    assert people["vera"].is_active
    assert status(as_person, "ada", url, "post") == 302
    people["vera"].refresh_from_db()
    assert not people["vera"].is_active
