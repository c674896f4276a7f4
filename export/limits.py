"""Limits on server-rendered exports: a per-client rate (429) and a bounded render queue (503)."""

from __future__ import annotations

import logging
import os
import re
import threading
from typing import Final

from flask import Flask, Response, g, request
from flask_limiter import Limiter, RequestLimit
from flask_limiter.util import get_remote_address

log = logging.getLogger(__name__)

RATE_ENV: Final = "PAKCAR_EXPORT_RATE_LIMIT"
STORAGE_ENV: Final = "PAKCAR_RATE_LIMIT_STORAGE"
QUEUE_ENV: Final = "PAKCAR_EXPORT_QUEUE"
# A reader exporting every chart in three formats plus a brief asks for ~25 files in a few
# minutes; a scanner asks for hundreds. Each render costs ~0.2 s of the single Chromium.
DEFAULT_RATE: Final = "30 per minute; 300 per hour"
DEFAULT_STORAGE: Final = "memory://"
# Renders in flight (one drawing, the rest waiting for the renderer's lock) per process. 8 keeps
# the wait under ~2 s warm; past it a request answers 503 at once instead of queueing.
DEFAULT_QUEUE: Final = 8
QUEUE_RETRY_AFTER: Final = 5
# Images and briefs: each one drives Chromium. CSV/XLSX downloads are cheap and not limited.
RENDER_PATH: Final = re.compile(r"^/download/[^/]+\.(png|svg|pdf)$")


def is_render_request() -> bool:
    """Whether this request asks for a server-rendered image or brief."""
    return request.method == "GET" and RENDER_PATH.match(request.path) is not None


def export_rate() -> str | None:
    """The per-client export rate (limits' syntax, e.g. '30 per minute; 300 per hour'); None=off."""
    raw = os.environ.get(RATE_ENV, DEFAULT_RATE).strip()
    return None if raw.lower() in ("", "off", "0", "none") else raw


def queue_size() -> int:
    """How many exports may be in flight per process (PAKCAR_EXPORT_QUEUE, default 8)."""
    return max(1, int(os.environ.get(QUEUE_ENV, DEFAULT_QUEUE)))


def _too_many(limit: RequestLimit) -> Response:
    """The 429 body (Flask-Limiter adds Retry-After and X-RateLimit-* headers)."""
    log.warning("Export rate limit %s reached by %s", limit.limit, request.remote_addr)
    return Response(
        f"Too many exports: the limit is {limit.limit} per client. "
        "Please wait and try again (see Retry-After).\n",
        status=429,
        mimetype="text/plain",
    )


def limit_export_rate(server: Flask) -> Limiter | None:
    """One rate per client over all image and brief exports (storage: memory, Redis, memcached)."""
    rate = export_rate()
    if rate is None:
        return None
    return Limiter(
        get_remote_address,  # the client's address; ProxyFix sets it behind trusted proxies
        app=server,
        application_limits=[rate],
        application_limits_exempt_when=lambda: not is_render_request(),
        storage_uri=os.environ.get(STORAGE_ENV, DEFAULT_STORAGE),
        strategy="moving-window",
        headers_enabled=True,
        on_breach=_too_many,
        key_prefix="pakcar-export",
    )


def bound_render_queue(server: Flask, size: int | None = None) -> None:
    """At most `size` exports in flight per process; one more answers 503 with Retry-After now.

    The renderer draws one image at a time and bounds each wait (export/renderer.py); this turns
    a queue that would wait for tens of seconds into an immediate answer.
    """
    slots = threading.BoundedSemaphore(size or queue_size())

    @server.before_request
    def _take_slot() -> Response | None:
        if not is_render_request():
            return None
        if not slots.acquire(blocking=False):
            log.warning("Export queue full: answering 503 to %s", request.path)
            return Response(
                "The image renderer is busy with other exports. Please try again in a few "
                "seconds.\n",
                status=503,
                mimetype="text/plain",
                headers={"Retry-After": str(QUEUE_RETRY_AFTER)},
            )
        g.pakcar_render_slot = True
        return None

    @server.teardown_request
    def _free_slot(_: BaseException | None) -> None:
        if g.pop("pakcar_render_slot", False):
            slots.release()

    @server.after_request
    def _retry_after(response: Response) -> Response:
        # The renderer's own 503s (timed out, restarting) are worth retrying too.
        if response.status_code == 503 and request.path.startswith("/download/"):
            response.headers.setdefault("Retry-After", str(QUEUE_RETRY_AFTER))
        return response


def register_export_limits(server: Flask) -> None:
    """Rate limit first (a client over its rate takes no slot), then the render queue."""
    limit_export_rate(server)
    bound_render_queue(server)
