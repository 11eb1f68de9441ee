"""Supervision notices, extensions, reopening and the staff inbox."""
