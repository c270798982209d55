"""Every change is logged: who, when, and what before and after; administrators read it."""

from __future__ import annotations

from tests.web.world import DRAFT


def entries(action: str):  # type: ignore[no-untyped-def]
    from scorecards.web.audit.models import AuditEntry

    return AuditEntry.objects.filter(action=action)


def test_building_a_release_is_logged(db) -> None:  # type: ignore[no-untyped-def]
    entry = entries("release.build").get(object_repr="July 2017 Release (June 2017 Data), correction 1")
    assert entry.before is None and entry.after["status"] == "draft"  # type: ignore[index]


def test_publishing_is_logged_with_the_status_before_and_after(as_person) -> None:  # type: ignore[no-untyped-def]
    as_person("alice").post(f"/releases/{DRAFT}/publish/")
    entry = entries("release.publish").latest("id")
    assert entry.actor == "alice@kent.example"
    assert (entry.before["status"], entry.after["status"]) == ("draft", "published")  # type: ignore[index]


def test_commentary_edits_keep_the_text_before_and_after(as_person) -> None:  # type: ignore[no-untyped-def]
    url = f"/releases/{DRAFT}/indicators/EH43/commentary/"
    as_person("bob").post(url, {"geography": "E10000016", "text": "One."})
    as_person("bob").post(url, {"geography": "E10000016", "text": "Two."})
    entry = entries("commentary.write").latest("id")
    assert entry.actor == "bob@kent.example"
    assert (entry.before["text"], entry.after["text"]) == ("One.", "Two.")  # type: ignore[index]


def test_approving_commentary_is_logged(as_person) -> None:  # type: ignore[no-untyped-def]
    from scorecards.web.releases.models import Commentary

    as_person("bob").post(
        f"/releases/{DRAFT}/indicators/EH43/commentary/", {"geography": "E10000016", "text": "x"}
    )
    note = Commentary.objects.get(indicator="EH43")
    as_person("alice").post(f"/releases/{DRAFT}/commentary/{note.pk}/approve/")
    entry = entries("commentary.approve").latest("id")
    assert (entry.before["status"], entry.after["status"]) == ("draft", "approved")  # type: ignore[index]


def test_a_narrative_is_logged(as_person) -> None:  # type: ignore[no-untyped-def]
    as_person("priya").post(
        "/contracts/porchlight-fss/narrative/2017-07/porchlight-fss-ashford/", {"text": "N"}
    )
    entry = entries("narrative.write").latest("id")
    assert entry.actor == "priya@porchlight.example" and entry.after["text"] == "N"  # type: ignore[index]


def test_adding_a_person_and_changing_their_role_is_logged(as_person) -> None:  # type: ignore[no-untyped-def]
    client = as_person("ada")
    client.post(
        "/people/", {"email": "dan@kent.example", "role": "viewer", "password": "a good long password 9"}
    )
    client.post("/people/", {"email": "dan@kent.example", "role": "editor", "services": "Youth"})
    entry = entries("person.change").latest("id")
    assert entry.actor == "ada@kent.example"
    assert (entry.before["role"], entry.after["role"]) == ("viewer", "editor")  # type: ignore[index]
    assert entry.after["services"] == ["Youth"]  # type: ignore[index]


def test_administrators_read_the_log_with_before_and_after(as_person) -> None:  # type: ignore[no-untyped-def]
    as_person("bob").post(
        f"/releases/{DRAFT}/indicators/EH43/commentary/", {"geography": "E10000016", "text": "Old"}
    )
    as_person("bob").post(
        f"/releases/{DRAFT}/indicators/EH43/commentary/", {"geography": "E10000016", "text": "New"}
    )
    page = as_person("ada").get("/audit/").content.decode()
    assert "bob@kent.example" in page and "commentary.write" in page
    assert "Old → New" in page
