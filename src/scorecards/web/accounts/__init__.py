"""Accounts: people, their roles, signing in (with throttling) and managing users."""
