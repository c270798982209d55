"""The committee paper: `paper.pdf`, printed from a release.

- `contents`: what the paper holds, in order (the view the template renders);
- `exceptions`: an exception page per indicator rated Red on a county page;
- `render`: the HTML (Jinja2) and the tagged PDF (WeasyPrint, PDF/UA-1);
- `snapshot`: the release's inputs kept in its folder, and the release recomputed from them;
- `writer`: the release output format, and `scorecards paper RELEASE_DIR`.

See docs/paper.md.
"""
