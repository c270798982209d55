"""The world the web tests read: the example county's release (published),
a draft correction of it, a restricted published release, the contracts,
and one named person per role.

Built once per test database; every test runs in a transaction that is
rolled back, so each starts from this world.
"""

from __future__ import annotations

import shutil

from django.conf import settings

from scorecards.demo.county import DATA_MONTH, EXAMPLE, example_framework, example_values
from scorecards.outputs import FORMATS
from scorecards.release.build import compute_release
from scorecards.release.publish import publish_atomically
from scorecards.web.accounts.people import save_person
from scorecards.web.contracts.loading import load_contracts
from scorecards.web.contracts.models import Provider
from scorecards.web.releases.building import publish
from scorecards.web.releases.importing import import_release
from scorecards.web.releases.models import Release
from scorecards.web.releases.storage import release_folder

PASSWORD = "a long test password 1"
PUBLISHED = "2017-06"
DRAFT = "2017-06-correction-1"
RESTRICTED = "2017-05-restricted"

# name → (email, role, services, provider)
PEOPLE = {
    "ada": ("ada@kent.example", "administrator", (), None),
    "alice": ("alice@kent.example", "analyst", (), None),
    "bob": ("bob@kent.example", "editor", ("EH", "Family Support"), None),
    "erin": ("erin@kent.example", "editor", ("Specialist Children's Services",), None),
    "priya": ("priya@porchlight.example", "provider", (), "Porchlight"),
    "sam": ("sam@salus.example", "provider", (), "Project Salus"),
    "vera": ("vera@kent.example", "viewer", (), None),
    "charlie": ("charlie@kent.example", "none", (), None),
}


def build_world() -> None:
    core = compute_release(example_framework(), example_values(), DATA_MONTH)
    load_contracts(EXAMPLE / "contracts.yaml", core.framework, DATA_MONTH)

    def write(folder: object) -> None:
        for _name, writer in FORMATS:
            writer(core, folder)  # type: ignore[arg-type]

    folder = publish_atomically(release_folder(PUBLISHED), write)
    published = import_release(core, folder, slug=PUBLISHED, name=core.name, user=None)
    publish(published, None)
    for slug in (DRAFT, RESTRICTED):
        copy = release_folder(slug)
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(folder, copy)
    based_on = Release.objects.get(slug=PUBLISHED)
    import_release(
        core,
        release_folder(DRAFT),
        slug=DRAFT,
        name=f"{core.name}, correction 1",
        user=None,
        based_on=based_on,
    )
    restricted = import_release(
        core,
        release_folder(RESTRICTED),
        slug=RESTRICTED,
        name="Restricted release",
        user=None,
        restricted=True,
    )
    publish(restricted, None)
    for email, role, services, provider in PEOPLE.values():
        found = Provider.objects.get(name=provider) if provider else None
        save_person(email, role, password=PASSWORD, services=services, provider=found, check_password=False)


def data_dir() -> str:
    return str(settings.DATA_DIR)
