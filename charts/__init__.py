"""The chart registry: one spec per chart (see charts/registry.py)."""
