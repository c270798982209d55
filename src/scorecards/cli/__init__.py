"""The command line (Typer + Rich): the only place that prints."""
