"""Retrieval and routing library of the desk (pure Python, no Flask)."""
