"""What `scorecards load` prints: per file, the records loaded per table,
rejected and loaded with warnings, and where the quarantine file is."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from scorecards.warehouse.loading import LoadReport


def print_report(report: LoadReport, console: Console) -> None:
    table = Table(title=f"{report.kind} → {report.warehouse}", show_lines=False)
    for heading in ("file", "status", "loaded", "rejected", "warnings", "detail"):
        numeric = heading in ("loaded", "rejected", "warnings")
        table.add_column(heading, justify="right" if numeric else "left")
    for file in report.files:
        detail = file.message or ", ".join(f"{name} {count}" for name, count in sorted(file.rows.items()))
        table.add_row(
            file.path.name,
            file.status,
            str(sum(file.rows.values())),
            str(file.rejected),
            str(file.warnings),
            detail,
        )
    console.print(table)
    if report.quarantine is not None:
        console.print(f"Rejected records and warnings: {report.quarantine}", highlight=False, soft_wrap=True)
    if not report.loaded_anything:
        console.print("[bold red]Nothing could be loaded.[/bold red]")
