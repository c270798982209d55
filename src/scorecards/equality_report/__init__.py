"""The annual equality report: `equality.html` and `equality.pdf` in a release built
from record-level data.

- `spec`: the framework's `equality.yaml` (measures, groups, names), checked on load;
- `model`: the report as data (`EqualityReport`), kept on the release;
- `build`: the report from the release's store, after disclosure control;
- `sentences`: the paragraphs, from `scorecards.narrative.gaps`;
- `tables`: the tables as text, shared by both formats;
- `guide`: how to read the tables, in the same words on the page and in the PDF;
- `writer`: the output format (Jinja2 for the page, Typst for the PDF; templates in `templates/`).

Nothing is imported here: `scorecards.release.model` imports `model`, and the
writer imports the release.
"""
