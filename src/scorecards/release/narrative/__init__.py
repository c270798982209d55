"""Narrative: deterministic sentences written from the numbers.

- `wording`: how numbers, differences, counts and targets are put into words;
- `change`: "has risen to 91.6% from 90.8% in the previous quarter…" for one result;
- `summary`: which changes are notable, and the RAG count sentences of a scorecard;
- `gaps`: the equality report's gap sentences (a group against its peers and the nation);
- `bands`: a RAG rule's bands in words, as an exception page's data notes print them;
- `outlook`: a trajectory's outlook in words ("…: on course for the 2018-19 target of 95%.");
- `overrides`: the sentences and commentary an editor wrote, kept with the release.

Every function takes numbers (or assessments) in and gives sentences out; none
re-applies a RAG or direction-of-travel rule.
"""
