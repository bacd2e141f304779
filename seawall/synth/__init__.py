"""Synthetic data for demos, tests and benchmarks: deterministic by seed, never real people."""
