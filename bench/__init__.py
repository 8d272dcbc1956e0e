"""Benchmarks: figures, not tests. Run with `make bench` or `python -m bench.<name>`."""
