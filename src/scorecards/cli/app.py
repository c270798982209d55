"""The `scorecards` command. Each command is a few lines calling one core
function; errors a user can cause are printed plainly with a non-zero exit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from scorecards import __version__
from scorecards.errors import ScorecardsError
from scorecards.periods import Month

app = typer.Typer(
    help="Scorecards: performance scorecards for children's services, from data to committee paper.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)
out = Console()
WARNING = "Warning: "  # a progress line starting so is a warning (release.build.WARNING, not imported: heavy)


@contextmanager
def reporting() -> Iterator[Callable[[str], None]]:
    """Show progress and keep warnings on screen; turn a ScorecardsError into a message and exit code 1."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("Starting")

        def report(step: str) -> None:
            if step.startswith(WARNING):  # printed above the spinner, where it stays
                progress.console.print(f"[yellow]{escape(step)}[/yellow]", highlight=False, soft_wrap=True)
            else:
                progress.update(task, description=step)

        try:
            yield report
        except ScorecardsError as exc:
            progress.stop()
            console.print(f"[bold red]Error:[/bold red] {exc}", highlight=False, markup=True, soft_wrap=True)
            raise typer.Exit(1) from None


def _show_version(value: bool) -> None:
    if value:
        out.print(f"scorecards {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Scorecards: performance scorecards for children's services, from data to committee paper."""


COMMENTARY_OPTION = Annotated[
    Path | None,
    typer.Option(
        "--commentary",
        help="A commentary CSV (indicator, geography, text; optional group, author, approved_by).",
    ),
]


def _without(paper: bool) -> frozenset[str]:
    return frozenset() if paper else frozenset({"paper.pdf"})


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
def build(
    framework: Annotated[Path, typer.Option(help="The framework folder (framework.yaml, indicators/, …).")],
    period: Annotated[str, typer.Option(help="The data month, YYYY-MM.")],
    out_dir: Annotated[Path, typer.Option("--out", help="The release folder to write.")],
    values: Annotated[list[Path], typer.Option(help="A values file (CSV or XLSX); repeat for more.")] = [],  # noqa: B006
    warehouse: Annotated[
        Path | None, typer.Option(help="A warehouse to compute record-level indicators from.")
    ] = None,
    paper: Annotated[bool, typer.Option(help="Print the committee paper (paper.pdf).")] = True,
    commentary: COMMENTARY_OPTION = None,
) -> None:
    """Build a release folder from a framework, values files and (optionally) a warehouse."""
    from scorecards.outputs import build_release

    month = _month(period)
    with reporting() as progress:
        folder = build_release(
            framework, values, month, out_dir, progress, warehouse, _without(paper), commentary
        )
    out.print(str(folder / "index.html"), highlight=False, soft_wrap=True)


@app.command()
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="The release folder to write.")] = Path("out"),
    from_records: Annotated[
        bool, typer.Option("--from-records", help="Generate, load and compute the synthetic county instead.")
    ] = False,
    paper: Annotated[bool, typer.Option(help="Print the committee paper (paper.pdf).")] = True,
    commentary: COMMENTARY_OPTION = None,
) -> None:
    """Build the example county's July 2017 Release (June 2017 Data)."""
    with reporting() as progress:
        if from_records:
            from scorecards.demo.records import build_records_demo

            folder = build_records_demo(out_dir, progress, _without(paper), commentary)
        else:
            from scorecards.demo.county import build_demo

            folder = build_demo(out_dir, progress, _without(paper), commentary)
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
    if loaded.equality is not None:
        out.print(f"Equality report: {loaded.equality.describe()}", highlight=False, soft_wrap=True)
    if loaded.national is not None:
        out.print(f"National comparisons: {loaded.national.describe()}", highlight=False, soft_wrap=True)


@app.command()
def load(
    kind: Annotated[
        str,
        typer.Argument(help="ssda903, cin-census, annex-a, school-census, pupils, early-help or national"),
    ],
    paths: Annotated[list[Path], typer.Argument(help="Files to load.")],
    warehouse: Annotated[Path, typer.Option(help="The warehouse file.")] = Path("warehouse.duckdb"),
) -> None:
    """Load record-level files into the warehouse; report what was loaded and rejected."""
    from scorecards.cli.load_report import print_report
    from scorecards.warehouse.loaders import loader_for
    from scorecards.warehouse.loading import load_files

    with reporting() as progress:
        report = load_files(warehouse, loader_for(kind), paths, progress)
    print_report(report, out)
    if not report.loaded_anything:
        raise typer.Exit(1)


@app.command()
def generate(
    scale: Annotated[str, typer.Option(help="county (Westmarch), national or tiny.")] = "county",
    seed: Annotated[int, typer.Option(help="The same seed gives byte-identical files.")] = 1,
    data_month: Annotated[str, typer.Option(help="The last month of activity, YYYY-MM.")] = "2017-06",
    out_dir: Annotated[Path, typer.Option("--out", help="The folder to write.")] = Path("synthetic"),
) -> None:
    """Generate synthetic statutory returns and records for a fictional population."""
    from scorecards.synthetic.generate import FOLDERS
    from scorecards.synthetic.generate import generate as generate_population

    month = _month(data_month)
    with reporting() as progress:
        manifest = generate_population(out_dir, scale, seed, month, progress)
    per_council = "*/" if scale == "national" else ""
    for kind, files in manifest["load"].items():
        records = sum(manifest["rows"][f] for f in files)
        line = f"scorecards load {kind} {out_dir / FOLDERS[kind]}/{per_council}*"
        out.print(f"{line}   # {len(files)} files, {records:,} records", highlight=False, soft_wrap=True)
    out.print(str(out_dir / "MANIFEST.json"), highlight=False, soft_wrap=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port to listen on.")] = 8000,
    demo: Annotated[bool, typer.Option("--demo", help="Load the example county's release.")] = False,
    threads: Annotated[int, typer.Option(help="Worker threads.")] = 8,
) -> None:
    """Start the web application (SQLite in ./scorecards-data unless DATABASE_URL is set)."""
    from scorecards.web import server

    with reporting() as progress:
        progress("Preparing the database")
        server.setup(host)
        admin = server.admin_from_environment()
        if demo:
            progress("Loading the example release")
            server.load_demo()
    if admin:
        console.print(f"Administrator: {admin}")
    console.print(f"Serving on http://{host}:{port}/ (Ctrl+C stops)")
    server.run(host, port, threads)


@app.command()
def createadmin(
    email: Annotated[str, typer.Argument(help="The administrator's email address (their sign-in name).")],
) -> None:
    """Create an administrator (password from SCORECARDS_ADMIN_PASSWORD, or asked for)."""
    import os

    from scorecards.web import server

    password = os.environ.get("SCORECARDS_ADMIN_PASSWORD") or typer.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    with reporting():
        server.setup()
        server.create_person(email, "administrator", password)
    out.print(f"{email} is an administrator")


@app.command()
def adduser(
    email: Annotated[str, typer.Argument(help="Their email address (their sign-in name).")],
    role: Annotated[str, typer.Option(help="administrator, analyst, editor, provider, viewer or none.")],
    service: Annotated[list[str] | None, typer.Option(help="A service an editor writes for; repeat.")] = None,
    provider: Annotated[str | None, typer.Option(help="A provider's name, for the provider role.")] = None,
) -> None:
    """Add a person to the web application (password from SCORECARDS_PASSWORD, or asked for)."""
    import os

    from scorecards.web import server

    password = os.environ.get("SCORECARDS_PASSWORD") or typer.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    with reporting():
        server.setup()
        server.create_person(email, role, password, tuple(service or ()), provider)
    out.print(f"{email}: {role}")


@app.command()
def draft(
    framework: Annotated[Path, typer.Option(help="The framework folder.")],
    values: Annotated[list[Path], typer.Option(help="A values file (CSV or XLSX); repeat for more.")],
    period: Annotated[str, typer.Option(help="The data month, YYYY-MM.")],
    restricted: Annotated[bool, typer.Option(help="Only signed-in staff may read it.")] = False,
) -> None:
    """Build a draft release into the web application, for commentary and publishing."""
    from scorecards.web import server

    month = _month(period)
    with reporting() as progress:
        progress("Building the draft release")
        server.setup()
        name = server.build_draft(framework, values, month, restricted)
    out.print(f"Draft: {name}")


@app.command()
def paper(
    release_dir: Annotated[Path, typer.Argument(help="A release folder written by `scorecards build`.")],
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write the PDF here instead of RELEASE_DIR/paper.pdf.")
    ] = None,
) -> None:
    """Render a release's committee paper (paper.pdf) again, with the editors' narrative kept in it."""
    from scorecards.outputs.paper.writer import paper_from_folder

    with reporting() as progress:
        written = paper_from_folder(release_dir, out_file, progress)
    out.print(str(written), highlight=False, soft_wrap=True)


def main() -> None:  # pragma: no cover - console entry point
    app()
