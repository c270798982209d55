"""The `scorecards` command. Each command is a few lines calling one core
function; errors a user can cause are printed plainly with a non-zero exit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from scorecards.errors import ScorecardsError
from scorecards.periods import Month

app = typer.Typer(
    help="Scorecards: performance scorecards for children's services, from data to committee paper.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)
out = Console()


@contextmanager
def reporting() -> Iterator[Callable[[str], None]]:
    """Show progress; turn a ScorecardsError into a message and exit code 1."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("Starting")
        try:
            yield lambda step: progress.update(task, description=step)
        except ScorecardsError as exc:
            progress.stop()
            console.print(f"[bold red]Error:[/bold red] {exc}", highlight=False, markup=True, soft_wrap=True)
            raise typer.Exit(1) from None


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
def build(
    framework: Annotated[Path, typer.Option(help="The framework folder (framework.yaml, indicators/, …).")],
    values: Annotated[list[Path], typer.Option(help="A values file (CSV or XLSX); repeat for more.")],
    period: Annotated[str, typer.Option(help="The data month, YYYY-MM.")],
    out_dir: Annotated[Path, typer.Option("--out", help="The release folder to write.")],
) -> None:
    """Build a release folder from a framework and values files."""
    from scorecards.release.build import build_release

    month = _month(period)
    with reporting() as progress:
        folder = build_release(framework, values, month, out_dir, progress)
    out.print(str(folder / "index.html"), highlight=False, soft_wrap=True)


@app.command()
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="The release folder to write.")] = Path("out"),
) -> None:
    """Build the example county's July 2017 Release (June 2017 Data)."""
    from scorecards.demo import build_demo

    with reporting() as progress:
        folder = build_demo(out_dir, progress)
    out.print(str(folder / "index.html"), highlight=False, soft_wrap=True)


@app.command()
def check(
    framework: Annotated[Path, typer.Argument(help="The framework folder to validate.")],
) -> None:
    """Validate a framework folder and summarise it."""
    from scorecards.framework.load import load_framework

    with reporting():
        loaded = load_framework(framework)
    out.print(
        f"{loaded.name} {loaded.version}: {len(loaded.indicators)} indicators, "
        f"{len(loaded.geographies)} geographies, {len(loaded.scorecards)} scorecards — valid"
    )


@app.command()
def load(
    kind: Annotated[str, typer.Argument(help="ssda903, cin-census, annex-a, school-census, pupils, early-help or national")],
    paths: Annotated[list[Path], typer.Argument(help="Files to load.")],
    warehouse: Annotated[Path, typer.Option(help="The warehouse file.")] = Path("warehouse.duckdb"),
) -> None:
    """Load record-level files into the warehouse; report what was loaded and rejected."""
    from scorecards.warehouse.loaders import loader_for
    from scorecards.warehouse.loading import load_files
    from scorecards.warehouse.report import print_report

    with reporting() as progress:
        report = load_files(warehouse, loader_for(kind), paths, progress)
    print_report(report, out)
    if not report.loaded_anything:
        raise typer.Exit(1)


def main() -> None:  # pragma: no cover - console entry point
    app()
