"""Readers of plan documents into one parsed shape. Free of Django: see docs/plans/import.md."""
