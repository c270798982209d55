"""What editors wrote, kept with the release: summary sentences and commentary.

The file is `inputs/narrative.json` in the release folder (`NARRATIVE_FILE`);
the web application writes it, `scorecards paper RELEASE_DIR` reads it:

    {
      "format": 1,
      "entries": [
        {
          "scorecard": "CYPE", "geography": "E10000016", "indicator": "EH44",
          "kind": "summary",
          "text": "The number of secondary school age permanent exclusions has increased …",
          "replaces": "The number of secondary school age permanent exclusions has risen by 8 …",
          "edited_by": "Wendy Murray", "edited_at": "2017-07-21T10:15:00+01:00"
        }
      ]
    }

- `scorecard`, `geography`, `indicator`: codes, as in the framework.
- `kind`: `summary` replaces the generated summary sentence for that
  indicator on that scorecard page (added after the generated ones when the
  indicator has none; an empty `text` removes the sentence); `commentary`
  is the commentary on the indicator's exception page.
- `replaces` (optional): the generated sentence the editor saw. When the
  numbers now give a different sentence, the edit is kept but marked stale.
- `edited_by`, `edited_at` (optional): shown with the edit mark.

Unknown keys are errors, and each scorecard, geography, indicator and kind
appears at most once.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from scorecards.errors import Issue, ValidationFailed
from scorecards.release.narrative.summary import Sentence

NARRATIVE_FILE = Path("inputs") / "narrative.json"

Kind = Literal["summary", "commentary"]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    scorecard: str
    geography: str
    indicator: str
    kind: Kind
    text: str
    replaces: str | None = None
    edited_by: str = ""
    edited_at: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.scorecard, self.geography, self.indicator, self.kind)


class Narrative(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1] = 1
    entries: tuple[Entry, ...] = ()

    def find(self, scorecard: str, geography: str, indicator: str, kind: Kind) -> Entry | None:
        return next((e for e in self.entries if e.key == (scorecard, geography, indicator, kind)), None)


def load_narrative(path: Path) -> Narrative:
    """The editors' entries in `path`; none when there is no file."""
    if not path.is_file():
        return Narrative()
    try:
        narrative = Narrative.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        issues = [Issue(str(path), None, _where(e["loc"]), e["msg"]) for e in exc.errors()]
        raise ValidationFailed("narrative", issues) from None
    _check_unique(path, narrative)
    return narrative


def save_narrative(path: Path, narrative: Narrative) -> None:
    """Write `narrative` to `path` whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = sorted(narrative.entries, key=lambda e: e.key)
    data = {"format": narrative.format, "entries": [e.model_dump(exclude_defaults=True) for e in entries]}
    handle, staging = tempfile.mkstemp(prefix=".narrative-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    os.replace(staging, path)


def with_entry(narrative: Narrative, entry: Entry) -> Narrative:
    """`narrative` with `entry` added, replacing any entry for the same key and kind."""
    kept = tuple(e for e in narrative.entries if e.key != entry.key)
    return narrative.model_copy(update={"entries": (*kept, entry)})


def apply_narrative(
    sentences: Sequence[Sentence], narrative: Narrative, scorecard: str, geography: str
) -> list[Sentence]:
    """The generated summary of one page (`scorecard`, `geography`) with the editors'
    summary entries applied: sentences replaced, removed (empty text) or added."""
    entries = [e for e in narrative.entries if e.kind == "summary" and e.key[:2] == (scorecard, geography)]
    by_indicator = {e.indicator: e for e in entries}
    result = [_edited(s, by_indicator.get(s.indicator)) for s in sentences]
    generated = {s.indicator for s in sentences}
    added = [_added(e) for e in entries if e.indicator not in generated]
    return [s for s in result + added if s.text]


def _edited(sentence: Sentence, entry: Entry | None) -> Sentence:
    if entry is None:
        return sentence
    stale = entry.replaces is not None and entry.replaces != sentence.generated
    return replace(sentence, text=entry.text, edited=True, edited_by=entry.edited_by, stale=stale)


def _added(entry: Entry) -> Sentence:
    return Sentence(
        entry.scorecard,
        entry.geography,
        entry.indicator,
        text=entry.text,
        generated="",
        edited=True,
        edited_by=entry.edited_by,
        stale=entry.replaces is not None,
    )


def _check_unique(path: Path, narrative: Narrative) -> None:
    seen: set[tuple[str, str, str, str]] = set()
    issues = []
    for index, entry in enumerate(narrative.entries):
        if entry.key in seen:
            message = f"a second {entry.kind} entry for {'/'.join(entry.key[:3])}: keep one"
            issues.append(Issue(str(path), None, f"entries[{index}]", message))
        seen.add(entry.key)
    if issues:
        raise ValidationFailed("narrative", issues)


def _where(location: tuple[int | str, ...]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
