"""The CIN census parse (warehouse/cin_census_xml.py): what is unusual in a file
(text beside elements, repeated or unknown elements, a namespace, old Mac line
ends) is read or reported exactly as in a plain file, with the same lines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scorecards.errors import ScorecardsError
from scorecards.warehouse.cin_census.xml_reader import parse
from scorecards.warehouse.cin_census.xml_rows import Parsed
from tests.warehouse.social_care_samples import CIN

FIXTURES = Path(__file__).parents[1] / "fixtures" / "social_care"
CENSUS = """<Message>
  <Header>
    <CollectionDetails><Collection>CIN</Collection><Year>2017</Year></CollectionDetails>
  </Header>
  <Children>
    <Child>
      <ChildIdentifiers>
        <LAchildID>A1</LAchildID>
        <Sex>F</Sex>
        <GenderCurrent>1</GenderCurrent>
        <UPN> </UPN>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Disabilities><Disability>MOB</Disability><Disability>VIS</Disability></Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2016-05-01</CINreferralDate>
        <CINreferralDate>2016-06-01</CINreferralDate>
        <PreProceedingsandFGDM><PreProceedings>true</PreProceedings></PreProceedingsandFGDM>
        <Assessments>
          <AssessmentActualStartDate>2016-05-02</AssessmentActualStartDate>
          <FactorsIdentifiedAtAssessment><AssessmentFactors>1A</AssessmentFactors></FactorsIdentifiedAtAssessment>
        </Assessments>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers><LAchildID>B2</LAchildID></ChildIdentifiers>
      <CINdetails><CINreferralDate>2017-01-01</CINreferralDate><PreProceedingsandFGDM/></CINdetails>
    </Child>
  </Children>
</Message>
"""


def read(tmp_path: Path, text: str, name: str = "census.xml") -> Parsed:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return parse(path)


def test_the_first_of_each_field_counts_and_unknown_elements_are_counted(tmp_path: Path) -> None:
    parsed = read(tmp_path, CENSUS)
    children = parsed.rows["cin_children"]
    assert [row[:2] for row in children] == [[6, "A1"], [26, "B2"]]
    assert children[0][7] == "F"  # Sex, the first of Sex and GenderCurrent
    assert not children[0][2]  # a blank UPN
    assert [row[:4] for row in parsed.rows["cin_episodes"]] == [
        [16, "A1", 1, "2016-05-01"],
        [28, "B2", 2, "2017-01-01"],
    ]
    assert parsed.rows["cin_disabilities"] == [[14, "A1", "MOB"], [14, "A1", "VIS"]]
    assert parsed.rows["cin_assessment_factors"] == [[22, "A1", 1, 1, "1A"]]
    assert parsed.unread == {"CINdetails/PreProceedingsandFGDM": (19, 2)}
    assert parsed.stray == []


def test_text_beside_elements_is_reported_where_it_is(tmp_path: Path) -> None:
    text = CENSUS.replace("<Sex>", "stray\n        <Sex>").replace("</Children>", "odd<Note/></Children>")
    text = text.replace("<PreProceedings>", "a <PreProceedings>")
    text = text.replace("</PreProceedingsandFGDM>", " b</PreProceedingsandFGDM>")
    parsed = read(tmp_path, text)
    # In order of their end tags; text in Children counts when it holds more than Child elements.
    assert parsed.stray == [
        (7, "ChildIdentifiers", "stray"),
        (20, "PreProceedingsandFGDM", "a  b"),
        (5, "Children", "odd"),
    ]
    plain = read(tmp_path, CENSUS.replace("<Sex>", "\n        <Sex>"), "plain.xml")
    assert (parsed.rows, parsed.unread) == (plain.rows, plain.unread)


@pytest.mark.parametrize(
    ("change", "lines_added"),
    [
        (lambda text: text.replace("<Message>", '<Message xmlns="http://www.dfe.gov.uk/CIN">'), 0),
        (lambda text: text.replace("\n", "\r"), 0),
        (lambda text: text.replace("\n", "\r\n"), 0),
        (
            lambda text: text.replace("<Message>", "<!-- x -->\n<Message>").replace(
                "<Child>", "<?p?><Child><!---->"
            ),
            1,
        ),
    ],
    ids=["namespace", "cr", "crlf", "comments"],
)
def test_a_file_written_otherwise_reads_as_the_plain_file(
    tmp_path: Path, change: Callable[[str], str], lines_added: int
) -> None:
    for fixture in (CIN / "fake_CIN_data.xml", FIXTURES / "cin_plans.xml"):
        text = fixture.read_text(encoding="utf-8").replace("\r\n", "\n")
        plain = read(tmp_path, text, "plain.xml")
        other = read(tmp_path, change(text))
        moved = {
            table: [[row[0] - lines_added, *row[1:]] for row in rows] for table, rows in other.rows.items()
        }
        assert moved == plain.rows
        assert (other.unread, other.stray) == (plain.unread, plain.stray)


def test_lines_are_counted_past_65535(tmp_path: Path) -> None:
    """libxml2 numbers elements' lines only up to 65,535: a longer census is parsed in pieces."""
    child = (
        "  <Child>\n    <ChildIdentifiers>\n      <LAchildID>{}</LAchildID>\n    </ChildIdentifiers>\n"
        "    <CINdetails>\n      <CINreferralDate>2016-05-01</CINreferralDate>\n    </CINdetails>\n  </Child>\n"
    )
    text = (
        "<Message>\n<Children>\n"
        + "".join(child.format(n) for n in range(20000))
        + "</Children>\n</Message>\n"
    )
    lines = text.splitlines()
    parsed = read(tmp_path, text)
    for table, tag in (("cin_children", "<Child>"), ("cin_episodes", "<CINdetails>")):
        expected = [n for n, line in enumerate(lines, start=1) if tag in line]
        assert [row[0] for row in parsed.rows[table]] == expected
    assert parsed.rows["cin_children"][-1][:2] == [len(lines) - 9, "19999"]


def test_malformed_xml_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(ScorecardsError, match=r"^census.xml:4: not well-formed XML"):
        read(tmp_path, "<Message>\n<Children>\n<Child>\n</Children>\n")
    with pytest.raises(ScorecardsError, match="its root is <EXPSSDA903>"):
        read(tmp_path, "<EXPSSDA903><CHILD></EXPSSDA903>")


def test_an_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    census = (
        f'<!DOCTYPE Message [<!ENTITY e SYSTEM "{secret.as_uri()}">]>\n'
        "<Message><Children><Child><ChildIdentifiers><LAchildID>&e;</LAchildID></ChildIdentifiers>"
        "</Child></Children></Message>\n"
    )
    [child] = read(tmp_path, census).rows["cin_children"]
    assert child[:2] == [2, ""]
