"""The committee paper: `paper.pdf`, printed from a release.

- `contents`: what the paper holds, in order (the view the template prints);
- `exceptions`: an exception page per indicator rated Red on a county page;
- `render`, `exception_data`: the paper as the data its Typst template (`templates/paper.typ`) prints;
- `typeset`: Typst, the print layout shared with the equality report (`templates/print.typ`), PDF/UA-1;
- `snapshot`: the release's inputs kept in its folder, and the release recomputed from them;
- `writer`: the release output format, and `scorecards paper RELEASE_DIR`.

See docs/paper.md.
"""
