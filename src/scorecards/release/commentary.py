"""Commentary files: read (`--commentary FILE`), written (commentary.csv), and
joined with the editors' narrative file.

A commentary file is CSV, UTF-8 with or without a byte-order mark, one row
per indicator × geography (× group):

    indicator,geography,text[,group,author,approved_by]
    EY2,Kent,Take-up rose in every district but Thanet.,,Wendy Murray,Julie Smith

`geography` is a code, a name as printed or an alias, in any case, as in a
values file; `group` defaults to `all`. Every problem is reported together,
with file, line and column, and nothing is built until the file is clean.
The dialect is fixed (comma, double quote, a header row), never sniffed: a
sniffer guesses differently for different texts.

The release writes its commentary back in the same format, geographies as
codes (`write_commentary`), so `commentary.csv` can be given to `--commentary`
again. Commentary entries in `inputs/narrative.json` win over the file's for
the same indicator and geography (`with_editors_commentary`): they are the
later edit, made on the release folder.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from scorecards.errors import Issue, ScorecardsError, ValidationFailed
from scorecards.framework.model import Framework
from scorecards.release.model import Commentary
from scorecards.release.narrative.overrides import Narrative

REQUIRED = ("indicator", "geography", "text")
OPTIONAL = ("group", "author", "approved_by")
COLUMNS = ("indicator", "geography", "group", "text", "author", "approved_by")  # as written
GROUP_NAME = re.compile(r"[a-z0-9][a-z0-9:_\-]*")


class CommentaryDialect(csv.Dialect):
    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL
    strict = True


def read_commentary(path: Path, framework: Framework) -> tuple[Commentary, ...]:
    """The commentary in `path`, geographies resolved to codes, in the framework's
    order; or ValidationFailed with every problem in the file."""
    issues: list[Issue] = []
    entries: dict[tuple[str, str, str], tuple[int, Commentary]] = {}
    for line, row in _records(path, issues):
        entry = _entry(path, line, row, framework, issues)
        if entry is None:
            continue
        if entry.key in entries:
            first = entries[entry.key][0]
            message = f"duplicate of line {first} (same indicator, geography and group)"
            issues.append(Issue(str(path), line, "indicator", message))
        else:
            entries[entry.key] = (line, entry)
    if issues:
        raise ValidationFailed("commentary", issues)
    return in_framework_order((entry for _line, entry in entries.values()), framework)


def _records(path: Path, issues: list[Issue]) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data row as {column: text}, with the line it starts on; problems with the
    file's text, header or shape are added to `issues`."""
    reader = csv.reader(io.StringIO(_text(path), newline=""), dialect=CommentaryDialect)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        issues += _header_issues(path, header)
        start = reader.line_num + 1
        for fields in reader:
            if fields and len(fields) != len(header):
                message = f"{len(fields)} fields, but the header has {len(header)} columns"
                issues.append(Issue(str(path), start, None, message))
            elif fields:
                yield start, dict(zip(header, fields, strict=True))
            start = reader.line_num + 1
    except csv.Error as exc:
        issues.append(Issue(str(path), reader.line_num, None, f"not readable as CSV: {exc}"))


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScorecardsError(f"{path}: no such commentary file") from None
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        issue = Issue(str(path), line, None, f"not UTF-8 text: {exc.reason}")
        raise ValidationFailed("commentary", [issue]) from None


def _header_issues(path: Path, header: list[str]) -> list[Issue]:
    missing = [Issue(str(path), 1, c, "required column is missing") for c in REQUIRED if c not in header]
    unknown = [
        Issue(str(path), 1, name or "(blank)", "unknown column")
        for name in header
        if name not in REQUIRED and name not in OPTIONAL
    ]
    repeated = [
        Issue(str(path), 1, name, "column appears twice") for name in set(header) if header.count(name) > 1
    ]
    return missing + unknown + repeated


def _entry(
    path: Path, line: int, row: dict[str, str], framework: Framework, issues: list[Issue]
) -> Commentary | None:
    """The row as commentary, or None when it has a problem (added to `issues`)."""
    found = [
        _problem("indicator", row, _indicator_problem(row.get("indicator", "").strip(), framework)),
        _problem("geography", row, _geography_problem(row.get("geography", ""), framework)),
        _problem("text", row, "" if row.get("text", "").strip() else "text is empty: write the commentary"),
        _problem("group", row, _group_problem(_group(row))),
    ]
    problems = [(column, message) for column, message in found if message]
    issues += [Issue(str(path), line, column, message) for column, message in problems]
    if problems or any(column not in row for column in REQUIRED):
        return None
    return Commentary(
        indicator=row["indicator"].strip(),
        geography=framework.name_index()[row["geography"].strip().lower()],
        text=row["text"].strip(),
        group=_group(row),
        author=row.get("author", "").strip(),
        approved_by=row.get("approved_by", "").strip(),
    )


def _problem(column: str, row: dict[str, str], message: str) -> tuple[str, str]:
    """No problem to report in a column the file does not have: the header said so once."""
    return (column, message if column in row else "")


def _indicator_problem(code: str, framework: Framework) -> str:
    if not code:
        return "indicator is missing"
    return "" if code in framework.indicators else f"unknown indicator {code} (not in the framework)"


def _geography_problem(label: str, framework: Framework) -> str:
    if not label.strip():
        return "geography is missing"
    if label.strip().lower() in framework.name_index():
        return ""
    return f"unknown geography {label.strip()} (not a code, name or alias in the framework)"


def _group(row: dict[str, str]) -> str:
    return row.get("group", "").strip().lower() or "all"


def _group_problem(group: str) -> str:
    return "" if GROUP_NAME.fullmatch(group) else f"group {group} is not a name such as all, non-uasc or fsm"


def in_framework_order(entries: Iterable[Commentary], framework: Framework) -> tuple[Commentary, ...]:
    indicators = {code: n for n, code in enumerate(framework.indicators)}
    geographies = {code: n for n, code in enumerate(framework.geographies)}
    return tuple(
        sorted(
            entries,
            key=lambda c: (
                indicators.get(c.indicator, len(indicators)),
                c.indicator,
                geographies.get(c.geography, len(geographies)),
                c.geography,
                c.group,
            ),
        )
    )


def write_commentary(entries: Iterable[Commentary], path: Path) -> None:
    """`entries` as a commentary file (a header alone when there are none)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, dialect=CommentaryDialect)
        writer.writerow(COLUMNS)
        writer.writerows(
            (c.indicator, c.geography, c.group, c.text, c.author, c.approved_by) for c in entries
        )


def with_editors_commentary(
    entries: Iterable[Commentary], narrative: Narrative, framework: Framework
) -> tuple[Commentary, ...]:
    """`entries` with the narrative file's commentary entries applied: each replaces the
    commentary on its indicator and geography (group `all`); an empty text removes it."""
    edited = {(e.indicator, e.geography, "all"): e for e in narrative.entries if e.kind == "commentary"}
    kept = [c for c in entries if c.key not in edited]
    added = [
        Commentary(indicator, geography, entry.text, group, author=entry.edited_by)
        for (indicator, geography, group), entry in edited.items()
        if entry.text.strip()
    ]
    return in_framework_order(kept + added, framework)
