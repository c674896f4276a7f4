"""Benchmarks and screenshots: `make bench`, `make screenshots`."""
