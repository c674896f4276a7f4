"""gunicorn's settings for `make serve` and the load benchmark:
`gunicorn --config python:gunicorn_conf app:server` (a module, so `pip install` ships it)."""

from __future__ import annotations

import os

workers = 2
threads = 4  # gthread: a slow callback or export holds one thread, not the worker
# The app is built and warmed (app.warm) once in the master, before the workers fork: they share
# the tables and the warmed chart cache instead of each building its own on first requests.
preload_app = True
# Longer than a reader's pause between two changes (and the load test's 1-3 s think time): with
# gunicorn's default of 2 s, a client reusing a connection the server had just closed got a
# reset ("connection failures" under load).
keepalive = 10
timeout = 120  # an image export may wait for the renderer

# Image exports a worker takes at once (export/limits.py; the rest are answered 503 with
# Retry-After at once). Fewer than `threads`: renders queue on the one renderer anyway, so
# more in flight only hold threads the callbacks need (a flood of exports starved them).
os.environ.setdefault("PAKCAR_EXPORT_QUEUE", "2")
