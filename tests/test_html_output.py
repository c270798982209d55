"""The HTML pages of a release: structure, links, values, and that RAG and
direction of travel are never shown by colour or shape alone.

Built from a small synthetic framework (a county, two districts, three
indicators and a replaced one, one scorecard with two tables), so every
expected value below can be checked by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scorecards.framework.model import Framework, Indicator, RagRule, Target
from scorecards.outputs import build_release
from scorecards.outputs.html_output import rag_rule_text, slug, tolerance_note, unique_slugs
from scorecards.periods import Month

FRAMEWORK_YAML = """\
name: Testshire <Performance> Framework
version: "2.1"
organisation: Testshire County Council
produced_by: Testshire MI
small_denominator: 9
"""

GEOGRAPHIES_YAML = """\
geographies:
  - {code: T01, name: Testshire, level: county}
  - {code: D01, name: North District, level: district, parent: T01}
  - {code: D02, name: South District, level: district, parent: T01}
"""

INDICATORS_YAML = """\
indicators:
  - code: IND1
    title: Percentage of <b>pupils</b> & "friends" attending
    polarity: H
    frequency: M
    unit: percent
    data_period: snapshot
    definition: Pupils attending as a percentage of pupils on roll.
    source: School census
    latest_data: Snapshot as at June 2017
    targets: {"2017-18": 80}
  - code: IND2
    title: Number of permanent exclusions
    polarity: L
    frequency: M
    unit: count
    decimals: 0
    data_period: rolling_12_months
    definition: Permanent exclusions in the last 12 months.
    source: Exclusions database
    latest_data: Rolling 12 months to June 2017
    targets: {"2017-18": 10}
  - code: IND3
    title: Percentage of pupils achieving the expected standard
    polarity: H
    frequency: A
    unit: percent
    data_period: academic_year
    definition: Pupils at the expected standard in reading, writing and mathematics.
    source: Attainment files
    latest_data: 2015-16 published
    status: amended
    history:
      - {period: "2016-09", change: new, replaces: IND0, note: The new curriculum}
    targets: {"2015-16": 72}
  - code: IND0
    title: Percentage of pupils achieving level 4
    polarity: H
    frequency: A
    unit: percent
    data_period: academic_year
    definition: Pupils at level 4 or above.
    status: replaced
    history:
      - {period: "2016-09", change: replaced, replaced_by: IND3, note: Indicator no longer applicable}
"""

SCORECARD_YAML = """\
code: TST
title: Test & <Scorecard>
cadence: monthly
geographies: [county, district]
guidance: |
  POLARITY
  H: the highest is best

  RAG ratings
  GREEN: the target is met
notes:
  - "Note one: <not html>"
tables:
  - title: Monthly indicators
    summary_counts: true
    columns:
      - polarity
      - frequency
      - latest
      - numerator
      - denominator
      - dot
      - previous
      - {show: target, year: "2017-18"}
      - {show: rag, year: "2017-18"}
    sections:
      - {title: Education, indicators: [IND1, IND2]}
  - title: Annual indicators
    columns: [polarity, latest_rag, target, one_year_ago, dot_1y]
    sections:
      - {title: Attainment, indicators: [IND3]}
      - {geography: T01, indicators: [IND3]}
"""

VALUES_CSV = """\
indicator,geography,period,value,numerator,denominator,status,note
IND1,T01,2017-05,80,80,100,,
IND1,T01,2017-06,85,85,100,,
IND1,D01,2017-05,80,40,50,,
IND1,D01,2017-06,78,39,50,,
IND1,D02,2017-05,71.4,5,7,,
IND1,D02,2017-06,71.4,5,7,,
IND2,T01,2017-05,16,,,,
IND2,T01,2017-06,12,,,,
IND2,D01,2017-05,8,,,,
IND2,D01,2017-06,8,,,,
IND2,D02,2017-05,4,,,,
IND2,D02,2017-06,,,,not_available,
IND3,T01,2014-15,69,,,,
IND3,T01,2015-16,70.5,,,,
IND3,D01,2014-15,76,,,,
IND3,D01,2015-16,75,,,,
IND3,D02,2015-16,60,,,,
"""

PAGES = (
    "index.html",
    "guidance.html",
    "data-sources.html",
    "definitions.html",
    "scorecards/tst/index.html",
    "scorecards/tst/t01.html",
    "scorecards/tst/d01.html",
    "scorecards/tst/d02.html",
)


def write_synthetic_framework(root: Path) -> tuple[Path, Path]:
    """Write the synthetic framework and values under `root`; return their paths."""
    framework = root / "framework"
    files = {
        "framework.yaml": FRAMEWORK_YAML,
        "geographies/testshire.yaml": GEOGRAPHIES_YAML,
        "indicators/education.yaml": INDICATORS_YAML,
        "scorecards/tst.yaml": SCORECARD_YAML,
    }
    for name, text in files.items():
        (framework / name).parent.mkdir(parents=True, exist_ok=True)
        (framework / name).write_text(text, encoding="utf-8")
    values = root / "values.csv"
    values.write_text(VALUES_CSV, encoding="utf-8")
    return framework, values


def build_synthetic_release(root: Path) -> Path:
    """The synthetic framework's June 2017 release, built into `root/release`."""
    framework, values = write_synthetic_framework(root)
    return build_release(framework, [values], Month(2017, 6), root / "release")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_synthetic_release(tmp_path_factory.mktemp("synthetic"))


# --- a small HTML tree, enough to ask questions of the pages -------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else "\n" if c.tag == "br" else c.text for c in self.children)

    @property
    def words(self) -> str:
        return " ".join(self.text.split())

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)]

    def elements(self) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element)]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(path: Path) -> Element:
    builder = TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    assert builder.stack == [builder.root], f"{path}: unclosed <{builder.stack[-1].tag}>"
    return builder.root


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def table_titled(page: Element, caption: str) -> Element:
    return next(t for t in page.all("table") if t.all("caption")[0].words == caption)


def row_of(table: Element, code: str, section: str | None = None) -> list[Element]:
    """The cells of the row for `code` (in the section titled `section`, if given)."""
    for body in table.all("tbody"):
        headers = [th.words for th in body.all("th") if th.attrs.get("scope") == "rowgroup"]
        if section is not None and headers != [section]:
            continue
        for row in body.all("tr"):
            cells = row.elements()
            if cells[0].words == code:
                return cells
    raise AssertionError(f"no row {code} in section {section}")


# --- the pages -----------------------------------------------------------------------------------


def test_every_page_type_is_written(site: Path) -> None:
    assert {p.relative_to(site).as_posix() for p in html_files(site)} == set(PAGES)


def test_file_names_are_lower_case_slugs(site: Path) -> None:
    for path in html_files(site):
        assert re.fullmatch(r"[a-z0-9/.-]+", path.relative_to(site).as_posix())


def test_every_link_and_stylesheet_resolves_to_a_file_and_anchor(site: Path) -> None:
    assert_links_resolve(site)


def assert_links_resolve(folder: Path) -> None:
    ids: dict[Path, set[str]] = {}
    for path in html_files(folder):
        ids[path.resolve()] = {e.attrs["id"] for e in parse(path).iter() if "id" in e.attrs}
    for path in html_files(folder):
        for element in parse(path).iter():
            reference = element.attrs.get("href") or element.attrs.get("src")
            if reference is None:
                continue
            parts = urlsplit(reference)
            assert not parts.scheme and not parts.netloc, f"{path}: {reference} is not relative"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path.resolve()
            assert target.is_file(), f"{path.relative_to(folder)}: {reference} does not exist"
            assert folder.resolve() in target.parents, f"{path}: {reference} leaves the release"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in ids[target], f"{path.relative_to(folder)}: no #{parts.fragment}"


def test_static_files_include_govuk_frontend_and_its_licence(site: Path) -> None:
    assert (site / "static" / "govuk-frontend" / "govuk-frontend.min.css").is_file()
    assert "MIT License" in (site / "static" / "govuk-frontend" / "LICENSE.txt").read_text()
    assert (site / "static" / "scorecards.css").is_file()
    assert not list(site.rglob("*.woff*")), "the GDS Transport font is for GOV.UK services only"


@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_the_layout_an_assistive_technology_needs(site: Path, name: str) -> None:
    page = parse(site / name)
    html = page.all("html")[0]
    assert html.attrs["lang"] == "en-GB"
    assert len(page.all("h1")) == 1
    assert page.all("title")[0].words
    for landmark in ("header", "nav", "main", "footer"):
        assert page.all(landmark), f"{name}: no <{landmark}>"
    first_link = page.all("a")[0]
    assert "govuk-skip-link" in first_link.classes
    assert first_link.attrs["href"] == "#main-content"
    assert page.all("main")[0].attrs["id"] == "main-content"
    assert "Framework: Testshire <Performance> Framework, version 2.1." in page.all("footer")[0].words


@pytest.mark.parametrize("name", PAGES)
def test_ids_are_unique_on_every_page(site: Path, name: str) -> None:
    ids = [e.attrs["id"] for e in parse(site / name).iter() if "id" in e.attrs]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", PAGES)
def test_no_page_has_inline_scripts_or_styles(site: Path, name: str) -> None:
    page = parse(site / name)
    assert not page.all("script")
    assert not page.all("style")
    assert not [e for e in page.iter() if "style" in e.attrs or any(a.startswith("on") for a in e.attrs)]


def test_breadcrumbs_lead_back_to_the_scorecard_and_the_release(site: Path) -> None:
    crumbs = parse(site / "scorecards/tst/d01.html").all("nav", "govuk-breadcrumbs")[0].all("a")
    assert [(a.words, a.attrs["href"]) for a in crumbs] == [
        ("July 2017 Release (June 2017 Data)", "../../index.html"),
        ("Test & <Scorecard>", "../../scorecards/tst/index.html"),
    ]


# --- scorecard tables ----------------------------------------------------------------------------


def test_tables_have_a_caption_column_headers_and_row_headers(site: Path) -> None:
    page = parse(site / "scorecards/tst/t01.html")
    tables = page.all("table", "govuk-table")
    assert [t.all("caption")[0].words for t in tables] == ["Monthly indicators", "Annual indicators"]
    headings = [th.words for th in tables[0].all("thead")[0].all("th")]
    assert headings[:4] == ["Code", "Indicator", "Polarity", "Frequency"]
    assert all(th.attrs["scope"] == "col" for th in tables[0].all("thead")[0].all("th"))
    row = row_of(tables[0], "IND2")
    assert row[1].tag == "th" and row[1].attrs["scope"] == "row"
    assert row[1].words == "Number of permanent exclusions"


def test_section_titles_are_row_group_headers(site: Path) -> None:
    annual = table_titled(parse(site / "scorecards/tst/d01.html"), "Annual indicators")
    groups = [th for th in annual.all("th") if th.attrs.get("scope") == "rowgroup"]
    # A section pinned to a geography is titled by it when it has no title of its own.
    assert [th.words for th in groups] == ["Attainment", "Testshire"]
    assert groups[0].attrs["colspan"] == str(len(annual.all("thead")[0].all("th")))


def test_wide_tables_are_focusable_named_scroll_regions(site: Path) -> None:
    page = parse(site / "scorecards/tst/t01.html")
    regions = page.all("div", "scorecards-table-region")
    assert len(regions) == 2
    for region in regions:
        assert region.attrs["role"] == "region" and region.attrs["tabindex"] == "0"
        caption = region.all("caption")[0]
        assert region.attrs["aria-labelledby"] == caption.attrs["id"]


def test_the_county_page_shows_each_value_rating_and_direction(site: Path) -> None:
    monthly = table_titled(parse(site / "scorecards/tst/t01.html"), "Monthly indicators")
    cells = [c.words for c in row_of(monthly, "IND1")]
    assert cells == [
        "IND1",
        'Percentage of <b>pupils</b> & "friends" attending',
        "H",
        "M",
        "85.0%",
        "85",
        "100",
        "↑ improved",
        "80.0%",
        "80",
        "GREEN",
    ]
    cells = [c.words for c in row_of(monthly, "IND2")]
    assert cells == [
        "IND2",
        "Number of permanent exclusions",
        "L",
        "M",
        "12",
        "",
        "",
        "↑ improved",
        "16",
        "10",
        "RED",
    ]


def test_a_district_page_shows_its_own_results(site: Path) -> None:
    monthly = table_titled(parse(site / "scorecards/tst/d01.html"), "Monthly indicators")
    assert [c.words for c in row_of(monthly, "IND1")][4:] == [
        "78.0%",
        "39",
        "50",
        "↓ worsened",
        "80.0%",
        "80",
        "AMBER",
    ]
    assert [c.words for c in row_of(monthly, "IND2")][4:] == ["8", "", "", "↔ same", "8", "10", "GREEN"]


def test_a_latest_rag_cell_shows_the_value_and_the_rag_word(site: Path) -> None:
    annual = table_titled(parse(site / "scorecards/tst/t01.html"), "Annual indicators")
    cell = row_of(annual, "IND3", "Attainment")[3]
    assert cell.words == "70.5% AMBER"
    assert [t.words for t in cell.all("strong", "govuk-tag")] == ["AMBER"]
    assert [c.words for c in row_of(annual, "IND3", "Attainment")[4:]] == ["72", "69.0%", "↑ improved"]


@pytest.mark.parametrize("name", [p for p in PAGES if p.startswith("scorecards/tst/") and "index" not in p])
def test_every_rag_tag_spells_out_its_rating(site: Path, name: str) -> None:
    tags = parse(site / name).all("strong", "govuk-tag")
    assert tags
    colours = {"GREEN": "govuk-tag--green", "AMBER": "govuk-tag--yellow", "RED": "govuk-tag--red"}
    for tag in tags:
        assert colours[tag.words] in tag.classes


@pytest.mark.parametrize("name", [p for p in PAGES if p.startswith("scorecards/tst/") and "index" not in p])
def test_every_direction_arrow_has_a_text_alternative(site: Path, name: str) -> None:
    arrows = parse(site / name).all("span", "scorecards-dot")
    assert arrows
    words = {"↑": "improved", "↓": "worsened", "↔": "same"}
    for cell in [td for td in parse(site / name).all("td") if td.all("span", "scorecards-dot")]:
        arrow, hidden = cell.elements()
        assert arrow.attrs["aria-hidden"] == "true"
        assert "govuk-visually-hidden" in hidden.classes
        assert hidden.words == words[arrow.words]
        assert f"scorecards-dot--{hidden.words}" in arrow.classes


def test_rag_counts_are_summarised_under_the_table_that_asks_for_them(site: Path) -> None:
    page = parse(site / "scorecards/tst/t01.html")
    counts = page.all("p", "scorecards-counts")
    assert [c.words for c in counts] == ["RAG ratings in Monthly indicators: GREEN 1, AMBER 0, RED 1"]


def test_small_denominators_are_marked_in_words_not_only_colour(site: Path) -> None:
    page = parse(site / "scorecards/tst/d02.html")
    monthly = table_titled(page, "Monthly indicators")
    denominator = row_of(monthly, "IND1")[6]
    assert "scorecards-small" in denominator.classes
    assert denominator.words == "7 † (small denominator)"
    assert "† A small denominator (1 to 9): treat the result with caution." in page.words
    numerator = row_of(table_titled(parse(site / "scorecards/tst/t01.html"), "Monthly indicators"), "IND1")[6]
    assert "scorecards-small" not in numerator.classes


def test_missing_data_shows_its_status_in_words(site: Path) -> None:
    monthly = table_titled(parse(site / "scorecards/tst/d02.html"), "Monthly indicators")
    latest = row_of(monthly, "IND2")[4]
    assert latest.words == "Data not available"
    assert "scorecards-status" in latest.classes


def test_titles_guidance_and_notes_are_escaped(site: Path) -> None:
    html = (site / "scorecards/tst/t01.html").read_text(encoding="utf-8")
    assert "Percentage of &lt;b&gt;pupils&lt;/b&gt; &amp; &#34;friends&#34; attending" in html
    assert "<b>" not in html
    assert "Test &amp; &lt;Scorecard&gt;" in html
    assert "Note one: &lt;not html&gt;" in html
    assert "Testshire &lt;Performance&gt; Framework" in html


def test_scorecard_pages_show_the_guidance_as_written(site: Path) -> None:
    details = parse(site / "scorecards/tst/t01.html").all("details", "govuk-details")[0]
    paragraphs = details.all("p")
    assert [p.words for p in paragraphs] == [
        "POLARITY H: the highest is best",
        "RAG ratings GREEN: the target is met",
    ]
    assert len(paragraphs[0].all("br")) == 1


def test_scorecard_index_lists_its_geographies_by_level(site: Path) -> None:
    page = parse(site / "scorecards/tst/index.html")
    assert page.all("h1")[0].words == "Test & <Scorecard>"
    assert [h.words for h in page.all("h2")] == ["County", "Districts", "About this release"]
    links = [(a.words, a.attrs["href"]) for a in page.all("main")[0].all("a")]
    assert links == [
        ("Testshire", "../../scorecards/tst/t01.html"),
        ("North District", "../../scorecards/tst/d01.html"),
        ("South District", "../../scorecards/tst/d02.html"),
    ]


# --- index, guidance, data sources, definitions --------------------------------------------------


def test_index_names_the_release_and_links_to_everything(site: Path) -> None:
    page = parse(site / "index.html")
    main = page.all("main")[0]
    assert page.all("h1")[0].words == "July 2017 Release (June 2017 Data)"
    summary = {dt.words: dd.words for dt, dd in zip(main.all("dt"), main.all("dd"), strict=True)}
    assert summary["Organisation"] == "Testshire County Council"
    assert summary["Produced by"] == "Testshire MI"
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", summary["Published"])
    hrefs = {a.attrs["href"] for a in main.all("a")}
    assert {
        "scorecards/tst/index.html",
        "scorecards/tst/t01.html",
        "scorecards/tst/d02.html",
        "guidance.html",
        "data-sources.html",
        "definitions.html",
        "scorecard.csv",
        "scorecard.xlsx",
        "release.json",
    } <= hrefs


def test_the_published_date_is_the_build_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500336000")  # 18 July 2017
    main = parse(build_synthetic_release(tmp_path) / "index.html").all("main")[0]
    published = main.all("time")[0]
    assert (published.words, published.attrs["datetime"]) == ("18 July 2017", "2017-07-18")


def test_a_rebuild_writes_the_same_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500336000")
    first = build_synthetic_release(tmp_path / "one")
    second = build_synthetic_release(tmp_path / "two")
    for path in html_files(first):
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path


def test_guidance_explains_polarity_rag_direction_and_marks(site: Path) -> None:
    words = parse(site / "guidance.html").all("main")[0].words
    for expected in (
        "H Highest is best",
        "L Lowest is best",
        "T Closest to target is best",
        "GREEN The target has been met or exceeded.",
        "↑ Improved",
        "↓ Worsened",
        "↔ Same",
        "Data not available",
        "Data to be supplied",
        "Denominators from 1 to 9 are marked †",
        "For every rated indicator, a tolerance of 3% above or below the target has been applied.",
    ):
        assert expected in words


def indicator(code: str, rule: RagRule, *, targets: bool = True) -> Indicator:
    target = (Target("2017-18", 90.0),) if targets else ()
    return Indicator(code, code, "H", "M", "percent", 1, "snapshot", rule, targets=target)


def test_the_tolerance_note_names_the_most_common_rule_and_how_many_follow_it() -> None:
    indicators = [
        indicator("A", RagRule()),
        indicator("B", RagRule()),
        indicator("C", RagRule(floor=85.0)),
        indicator("D", RagRule(tolerance=2.0, relative=False, min_denominator=5)),
        indicator("E", RagRule(), targets=False),
    ]
    framework = Framework("F", "1", "Org", "MI", Path("."), {}, {i.code: i for i in indicators}, {})
    assert tolerance_note(framework) == (
        "For 2 of the 4 rated indicators, a tolerance of 3% above or below the target has been applied; "
        "the definitions page gives each indicator's rule."
    )
    assert [rag_rule_text(i) for i in indicators] == [
        "Tolerance 3% of the target",
        "Tolerance 3% of the target",
        "Floor 85",
        "Tolerance 2 of the target; no RAG when the denominator is below 5",
        "No target: not RAG rated",
    ]


def test_data_sources_list_each_indicator_source_and_latest_period(site: Path) -> None:
    table = parse(site / "data-sources.html").all("table")[0]
    rows = {r.elements()[0].words: [c.words for c in r.elements()] for r in table.all("tbody")[0].all("tr")}
    assert rows["IND2"] == [
        "IND2",
        "Number of permanent exclusions",
        "Exclusions database",
        "Rolling 12 months to June 2017",
        "June 2017",
    ]
    assert rows["IND3"][4] == "2015-16"
    assert rows["IND0"][4] == ""


def test_definitions_show_polarity_frequency_unit_status_and_history(site: Path) -> None:
    table = parse(site / "definitions.html").all("table")[0]
    rows = {r.attrs["id"]: r for r in table.all("tbody")[0].all("tr")}
    replaced = [c.words for c in rows["indicator-IND0"].elements()]
    assert replaced[3:6] == ["H: Highest is best", "Annual", "Percentage"]
    assert replaced[7] == "Replaced Replaced by IND3 (September 2016): Indicator no longer applicable"
    link = rows["indicator-IND0"].all("a")[0]
    assert (link.words, link.attrs["href"]) == ("IND3", "#indicator-IND3")
    assert [c.words for c in rows["indicator-IND2"].elements()][4:7] == [
        "Monthly",
        "Number",
        "Tolerance 3% of the target",
    ]


def test_indicator_codes_link_to_their_definitions(site: Path) -> None:
    monthly = table_titled(parse(site / "scorecards/tst/t01.html"), "Monthly indicators")
    link = row_of(monthly, "IND1")[0].all("a")[0]
    assert link.attrs["href"] == "../../definitions.html#indicator-IND1"


# --- file names ----------------------------------------------------------------------------------


def test_slugs_are_lower_case_letters_digits_and_hyphens() -> None:
    assert slug("E10000016") == "e10000016"
    assert slug("Thanet Margate CSWT") == "thanet-margate-cswt"
    assert slug("east-kent (can/swa)") == "east-kent-can-swa"


def test_slugs_stay_unique_and_avoid_reserved_names() -> None:
    assert unique_slugs(["A.B", "a-b", "INDEX"], reserved={"index"}) == {
        "A.B": "a-b",
        "a-b": "a-b-2",
        "INDEX": "index-2",
    }


# --- the example county ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from scorecards.demo.county import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "release")


def test_the_demo_release_pages_link_up(demo_site: Path) -> None:
    assert (demo_site / "scorecards/cype/e10000016.html").is_file()
    assert_links_resolve(demo_site)


def test_every_demo_page_has_one_h1_and_no_inline_script_or_style(demo_site: Path) -> None:
    for path in html_files(demo_site):
        page = parse(path)
        assert len(page.all("h1")) == 1, path
        assert not page.all("script") and not [e for e in page.iter() if "style" in e.attrs], path
