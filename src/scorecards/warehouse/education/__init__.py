"""Education records: the pupil-level CSV and the school census tables."""
