"""Typesetting a printed document with Typst: the committee paper and the equality report.

A document is a static template (`.typ`) that imports the shared print
layout (`templates/print.typ`) and reads its data, passed as JSON in
`sys.inputs.data`: text is printed as it is written, never read as markup.
The PDF is tagged PDF/UA-1 with its title and language; its creation date is
the release's build time, and its fonts are Debian's Liberation Sans and
DejaVu Sans only (not whatever else the machine has), so a rebuild is
byte-identical.

`typst` is imported only when a PDF is written: a machine without its wheel
can still build every other format.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from scorecards.errors import ScorecardsError

TEMPLATES = Path(__file__).parent / "templates"
LAYOUT = TEMPLATES / "print.typ"
PDF_STANDARD = "ua-1"  # tagged, with the title shown and the language set
FONT_FOLDERS = (
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/dejavu"),
)
PAGE_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b")


class PaperUnavailable(ScorecardsError):
    """Typst cannot be loaded on this machine."""


def typeset(template: Path, data: dict[str, Any], target: Path, created: datetime) -> int:
    """Typeset `template` with `data` to `target` as a PDF/UA-1 document; return its page count."""
    typst = load_typst()
    fonts = [str(folder) for folder in FONT_FOLDERS if folder.is_dir()]
    pdf = typst.compile(
        str(template),
        root=str(Path(os.path.commonpath([template, LAYOUT]))),
        font_paths=fonts,
        ignore_system_fonts=bool(fonts),
        sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
        pdf_standards=[PDF_STANDARD],
        timestamp=created,
        format="pdf",
    )
    target.write_bytes(pdf)
    return page_count(pdf)


def page_count(pdf: bytes) -> int:
    """The page count in the PDF's page tree (Typst writes it uncompressed)."""
    match = PAGE_COUNT.search(pdf)
    return int(match.group(1) or match.group(2)) if match else 0


def load_typst() -> Any:
    try:
        import typst
    except ImportError as exc:
        raise PaperUnavailable(
            f"Typst cannot be loaded ({exc}); install it (pip install typst==0.15.2)"
        ) from None
    return typst
