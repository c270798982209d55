"""Commissioned contracts: providers, contracts, KPIs, provider narratives and
monitoring-meeting notes, and the contract scorecard."""
