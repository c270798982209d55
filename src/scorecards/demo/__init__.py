"""The examples, built in one command: the county from values, and the synthetic county from records."""
