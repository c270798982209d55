"""The release workflow: build a draft (web or command line), write and
approve commentary, publish; a published release never changes; a correction
records what changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecards.demo.county import example_values
from tests.web.world import DRAFT, PUBLISHED


def upload(paths: list[Path]) -> list[object]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return [SimpleUploadedFile(p.name, p.read_bytes(), content_type="text/csv") for p in paths]


class TestBuildingOnTheWeb:
    def test_an_analyst_builds_a_correction_from_uploaded_values(self, as_person, tmp_path) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.releases.models import Release, ReleaseChange

        changed = tmp_path / "directorate.csv"
        source = next(p for p in example_values() if p.name == "directorate.csv")
        changed.write_text(
            source.read_text().replace(
                "SISE34,E10000016,2017-06,91.6,501,", "SISE34,E10000016,2017-06,93.1,509,"
            )
        )
        others = [p for p in example_values() if p.name != "directorate.csv"]
        response = as_person("alice").post(
            "/releases/new/", {"data_month": "2017-06", "values": upload([changed, *others])}
        )
        built = Release.objects.exclude(slug__in=[PUBLISHED, DRAFT]).get(
            data_month="2017-06", restricted=False
        )
        assert response.url == f"/releases/{built.slug}/"  # type: ignore[attr-defined]
        assert built.status == "draft" and built.based_on.is_published  # type: ignore[union-attr]
        change = ReleaseChange.objects.get(release=built, indicator="SISE34", geography="E10000016")
        assert (change.before, change.after) == ("91.6%", "93.1%")
        assert (Path(built.folder) / "inputs" / "directorate.csv").is_file()

    def test_a_bad_values_file_is_reported_with_its_row_and_nothing_is_built(
        self, as_person, tmp_path
    ) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.releases.models import Release

        bad = tmp_path / "bad.csv"
        bad.write_text(
            "indicator,geography,period,value,numerator,denominator,status,note\nSISE34,Atlantis,2017-06,12,,,,\n"
        )
        before = Release.objects.count()
        response = as_person("alice").post(
            "/releases/new/", {"data_month": "2017-06", "values": upload([bad])}
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "bad.csv:2" in page and "Atlantis" in page
        assert "scorecards-upload-" not in page  # the server's temporary folder is not shown
        assert Release.objects.count() == before

    def test_the_month_must_be_written_yyyy_mm(self, as_person) -> None:  # type: ignore[no-untyped-def]
        response = as_person("alice").post(
            "/releases/new/", {"data_month": "June", "values": upload(example_values())}
        )
        assert "Enter the data month as YYYY-MM" in response.content.decode()

    def test_only_csv_or_xlsx_files_are_taken(self, as_person, tmp_path) -> None:  # type: ignore[no-untyped-def]
        other = tmp_path / "notes.txt"
        other.write_text("hello")
        response = as_person("alice").post(
            "/releases/new/", {"data_month": "2017-06", "values": upload([other])}
        )
        assert "must be a CSV or XLSX file" in response.content.decode()


class TestCommentary:
    def test_an_editor_writes_a_draft_and_an_analyst_approves_it(self, as_person) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.releases.models import Commentary

        url = f"/releases/{DRAFT}/indicators/EH43/"
        as_person("bob").post(url + "commentary/", {"geography": "E10000016", "text": "Exclusions rose."})
        note = Commentary.objects.get(release__slug=DRAFT, indicator="EH43")
        assert note.status == "draft" and note.author.email == "bob@kent.example"  # type: ignore[union-attr]
        as_person("alice").post(f"/releases/{DRAFT}/commentary/{note.pk}/approve/")
        note.refresh_from_db()
        assert note.status == "approved" and note.approved_by.email == "alice@kent.example"  # type: ignore[union-attr]

    def test_changing_approved_commentary_returns_it_to_draft(self, as_person) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.releases.models import Commentary

        url = f"/releases/{DRAFT}/indicators/EH43/commentary/"
        as_person("bob").post(url, {"geography": "E10000016", "text": "First."})
        note = Commentary.objects.get(release__slug=DRAFT, indicator="EH43")
        as_person("alice").post(f"/releases/{DRAFT}/commentary/{note.pk}/approve/")
        as_person("bob").post(url, {"geography": "E10000016", "text": "Second."})
        note.refresh_from_db()
        assert (note.text, note.status, note.approved_by) == ("Second.", "draft", None)

    def test_empty_commentary_is_refused(self, as_person) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.releases.models import Commentary

        as_person("bob").post(
            f"/releases/{DRAFT}/indicators/EH43/commentary/", {"geography": "E10000016", "text": " "}
        )
        assert not Commentary.objects.filter(indicator="EH43").exists()

    def test_commentary_for_a_geography_without_a_result_is_refused(self, as_person) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.releases.models import Commentary

        url = f"/releases/{DRAFT}/indicators/EH43/commentary/"
        as_person("bob").post(url, {"geography": "atlantis", "text": "Hello"})
        assert not Commentary.objects.filter(indicator="EH43").exists()

    def test_the_indicator_page_shows_commentary_history_across_releases(self, as_person, people) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.releases.commentary import approve, write
        from scorecards.web.releases.models import Release

        draft = Release.objects.get(slug=DRAFT)
        approve(write(draft, "EH43", "E10000016", "Correction thoughts.", people["bob"]), people["alice"])
        page = as_person("alice").get(f"/releases/{DRAFT}/indicators/EH43/").content.decode()
        assert "Correction thoughts." in page and "approved by alice@kent.example" in page


class TestPublishing:
    def test_publishing_freezes_the_release(self, as_person) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.releases.models import Release

        as_person("alice").post(f"/releases/{DRAFT}/publish/")
        published = Release.objects.get(slug=DRAFT)
        assert published.is_published and published.published_by.email == "alice@kent.example"  # type: ignore[union-attr]

    def test_a_published_release_refuses_every_change(self) -> None:
        from scorecards.web.releases.models import Frozen, Release, ResultRow

        release = Release.objects.get(slug=PUBLISHED)
        row = ResultRow.objects.filter(release=release).first()
        assert row is not None
        row.text = "99%"
        with pytest.raises(Frozen):
            row.save()
        with pytest.raises(Frozen):
            row.delete()
        release.name = "Renamed"
        with pytest.raises(Frozen):
            release.save()
        with pytest.raises(Frozen):
            release.delete()

    def test_commentary_cannot_be_written_into_a_published_release(self, people) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.releases.commentary import write
        from scorecards.web.releases.models import Frozen, Release

        with pytest.raises(Frozen):
            write(Release.objects.get(slug=PUBLISHED), "EH43", "E10000016", "Late", people["bob"])

    def test_publishing_twice_changes_nothing(self, as_person) -> None:  # type: ignore[no-untyped-def]
        from scorecards.web.releases.models import Release

        before = Release.objects.get(slug=PUBLISHED).published_at
        as_person("alice").post(f"/releases/{PUBLISHED}/publish/")
        assert Release.objects.get(slug=PUBLISHED).published_at == before

    def test_the_build_folder_matches_the_manifest_recorded_at_build(self) -> None:
        import hashlib

        from scorecards.web.releases.models import Release

        release = Release.objects.get(slug=PUBLISHED)
        manifest = Path(release.folder) / "release.json"
        assert hashlib.sha256(manifest.read_bytes()).hexdigest() == release.manifest_sha256


def test_an_analyst_builds_a_draft_from_the_command_line(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from scorecards.cli.app import app
    from scorecards.demo.county import example_framework
    from scorecards.web.releases.models import Release

    args = ["draft", "--framework", str(example_framework()), "--period", "2017-06"]
    for path in example_values():
        args += ["--values", str(path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Draft: July 2017 Release (June 2017 Data), correction" in result.output
    assert Release.objects.filter(data_month="2017-06", status="draft").count() == 2
