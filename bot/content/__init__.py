"""Volunteer-maintained content: loading, validation and lookup."""
