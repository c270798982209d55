"""The annual equality report as a release output: `equality.html` and `equality.pdf`."""
