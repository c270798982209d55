"""RAG counts per scorecard, as printed under the social-care scorecard
("LATEST PERFORMANCE RAG RATING: GREEN 17, AMBER 19, RED 7")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from scorecards.assess.rag import Rag


def rag_counts(rags: Iterable[Rag | None]) -> dict[Rag, int]:
    counts = Counter(r for r in rags if r is not None)
    return {rag: counts.get(rag, 0) for rag in Rag}
