"""Benchmarks on realistic volumes; each prints JSON on its last line (not tests)."""
