"""How numbers, differences, counts and targets are put into words.

The seed papers write a difference between two percentages with a per cent
sign ("This is 0.4% below the 2016-17 target of 92%", "a gap of 23%, which is
5% wider than the national figure"), and sometimes in percentage points
("widened to 19 percentage points"). `Wording.points` chooses: `"%"`, the
seeds' usual register and the default, or `"percentage points"`. A relative
change of a count ("a 16% rise") is never generated: a count's change is
given as the difference ("has risen by 4").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from scorecards.framework.formatting import number, published
from scorecards.framework.model import Indicator, Target

SMALL_NUMBERS = ("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ORDINALS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
COMPARATOR_WORDS = {">": "more than", ">=": "at least", "<": "less than", "<=": "at most", "": ""}


@dataclass(frozen=True)
class Wording:
    """Choices of register that differ between councils' papers."""

    points: str = "%"  # a difference of two percentages: "%" or "percentage points"


SEED_WORDING = Wording()
POINTS_WORDING = Wording(points="percentage points")


def count_words(count: int) -> str:
    """How many things there are: words under ten ("seven"), digits from ten ("17")."""
    return SMALL_NUMBERS[count] if 0 <= count < len(SMALL_NUMBERS) else f"{count:,}"


def ordinal(rank: int) -> str:
    """A rank as the seeds write it: "first" … "tenth", then "11th", "21st", "22nd"."""
    if 0 < rank < len(ORDINALS):
        return ORDINALS[rank]
    return f"{rank}{_suffix(rank)}"


def _suffix(number: int) -> str:
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def plural(count: float | Decimal, singular: str, plural_form: str | None = None) -> str:
    """`singular` when `count` is exactly one, else the plural."""
    return singular if count == 1 else (plural_form or singular + "s")


def day_text(day: date) -> str:
    """A publication date as the seeds print it: "28th July 2017"."""
    return f"{day.day}{_suffix(day.day)} {day:%B %Y}"


def amount_text(amount: Decimal, unit: str, decimals: int, wording: Wording = SEED_WORDING) -> str:
    """A difference between two results, without its sign: "0.4%", "4", "19 percentage points"."""
    text = number(float(abs(amount)), decimals)
    if unit != "percent":
        return text
    if wording.points == "%":
        return text + "%"
    return f"{text} {plural(abs(amount), 'percentage point')}"


def difference(later: float, earlier: float, decimals: int) -> Decimal:
    """`later - earlier` as printed: both rounded to `decimals` first, as readers see them."""
    return published(later, decimals) - published(earlier, decimals)


def target_text(target: Target, indicator: Indicator) -> str:
    """A target in words: "92%", "15", "more than 80%", "less than 10%"."""
    suffix = "%" if indicator.unit == "percent" else ""
    words = COMPARATOR_WORDS[target.comparator]
    value = f"{target.value:,g}{suffix}"
    return f"{words} {value}" if words else value


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
