"""Read a large CIN census in two halves at once, the second in another process.

A county's census is one file of some 80 MB, and parsing it (one
core) is the longest step of loading it. Cut at a `<Child>` a little past
its middle (the worker, a new Python, starts later), each half is made a
document of its own — the first closed with
`</Children></Message>`, the second opened with the file's XML declaration
and `<Message><Children>` — and the two are read at the same time, each
writing its rows to CSV files that are then staged one after the other.

The halves give exactly the records the whole file gives, or are not used:

- a cut is made only where no comment, CDATA section, processing
  instruction or DOCTYPE could hide markup (the file holds no `<!`, and no
  `<?` after its declaration) and lines end in LF or CRLF;
- each half parses only if the cut falls between two children of
  Message/Children: the first half closes exactly those two elements, the
  second opens exactly them;
- the second half's lines are counted on from the bytes before the cut,
  and its episodes, assessments and plans numbered on from those counted
  there, which must be what the first half read;
- text directly in Message or Children (reported once for the whole file),
  a line shared by records of one table across the cut, or lines the parse
  would renumber (`cin_census.unique_rows`) send the file to the ordinary
  whole-file read, as does anything else going wrong in either half: that
  read then says what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import cast

from scorecards.warehouse.cin_census.tables import HEADER, TABLES
from scorecards.warehouse.cin_census.xml_reader import no_garbage_collection, parse_part
from scorecards.warehouse.staging import write_rows
from scorecards.warehouse.workers import Workers

MIN_SIZE = 16 * 2**20  # below this, starting a process costs more than it saves
FIRST_SHARE = 0.55  # this process's share: the worker's half starts later (a new Python)
COUNTED = {"episode": b"<CINdetails>", "assessment": b"<Assessments>", "plan": b"<ChildProtectionPlans>"}
OPENING, CLOSING = b"<Message><Children>", b"</Children></Message>"
WRAPPERS = ("Message", "Children")


@dataclass(frozen=True)
class Cut:
    """Where a file is cut, and what the second half continues from."""

    at: int
    lines_before: int
    counters: dict[str, int]
    declaration: bytes


@dataclass(frozen=True)
class Half:
    """What one half read (its rows are in CSV files in `folder`)."""

    folder: Path
    unread: dict[str, tuple[int, int]]
    stray: list[tuple[int, str, str]]
    has_header: bool
    children: int
    counters: dict[str, int]
    lines: dict[str, tuple[int, int]]  # table → first and last line of its rows
    unique: bool  # no two rows of a table share a line


def cut(data: bytes) -> Cut | None:
    """Where to cut the file, or None when it is small or cannot safely be cut."""
    if len(data) < MIN_SIZE:
        return None
    declaration = data[: data.find(b"?>") + 2] if data.startswith(b"<?xml") else b""
    body = len(declaration)
    if b"<!" in data or data.find(b"<?", body) >= 0 or b"\n" in declaration:
        return None
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):  # a lone CR ends a line for expat
        return None
    at = data.find(b"<Child>", int(len(data) * FIRST_SHARE))
    if at < 0:
        return None
    counters = {name: data.count(tag, body, at) for name, tag in COUNTED.items()}
    return Cut(at, data.count(b"\n", 0, at), counters, declaration)


def read_half(path: Path, where: Cut, second: bool, folder: Path, data: bytes | None = None) -> Half:
    """Parse one half of `path` and write its rows, a CSV per table, to `folder`."""
    data = path.read_bytes() if data is None else data
    with no_garbage_collection():
        if second:
            document = where.declaration + OPENING + data[where.at :]
            parsed = parse_part(document, path.name, where.lines_before, where.counters)
        else:
            parsed = parse_part(data[: where.at] + CLOSING, path.name, 0, {})
        folder.mkdir(parents=True, exist_ok=True)
        lines: dict[str, tuple[int, int]] = {}
        unique = True
        for spec in TABLES:
            rows = parsed.rows[spec.table]
            write_rows(folder / f"{spec.table}.csv", [f.column for f in spec.fields], rows)
            numbers = cast(list[int], list(map(itemgetter(0), rows)))
            if numbers:
                lines[spec.table] = (min(numbers), max(numbers))
                unique = unique and len(set(numbers)) == len(numbers)
        half = Half(
            folder,
            parsed.unread,
            parsed.stray,
            bool(parsed.rows[HEADER.table]),
            len(parsed.rows["cin_children"]),
            dict(parsed.counters),
            lines,
            unique,
        )
        del parsed
    return half


def read_in_two(path: Path, folder: Path) -> tuple[Half, Half] | None:
    """Both halves of `path`, read at once; None when the file is not cut or
    the halves would not give what the whole file gives."""
    data = path.read_bytes()
    where = cut(data)
    if where is None:
        return None
    with Workers(1) as pool:
        later = pool.submit(read_half, path, where, True, folder / "2")
        try:
            first = read_half(path, where, False, folder / "1", data)
            second = later.result()
        except Exception:
            return None
    return (first, second) if _agree(first, second, where) else None


def _agree(first: Half, second: Half, where: Cut) -> bool:
    """Whether the halves hold exactly what the whole file would give."""
    if not (first.unique and second.unique) or first.children + second.children == 0:
        return False
    if any(first.counters.get(name, 0) != count for name, count in where.counters.items()):
        return False
    if any(tag in WRAPPERS for _, tag, _ in first.stray + second.stray):
        return False
    return all(
        first.lines[table][1] < second.lines[table][0] for table in first.lines.keys() & second.lines.keys()
    )


def joined_unread(first: Half, second: Half) -> dict[str, tuple[int, int]]:
    """Elements not loaded, as the whole file counts them: first line, and how many."""
    joined = dict(first.unread)
    for element, (line, count) in second.unread.items():
        earlier = joined.get(element)
        joined[element] = (earlier[0], earlier[1] + count) if earlier else (line, count)
    return joined
