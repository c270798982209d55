"""Assessment: small pure functions that rate and compare results."""
