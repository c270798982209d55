"""The warehouse: record-level data from statutory returns in an embedded
DuckDB file, loaded atomically, with provenance and a quarantine for every
rejected record."""
