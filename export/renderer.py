"""Server-side chart images: one persistent Kaleido on the system Chromium, serialised, bounded."""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import logging
import threading
from pathlib import Path
from typing import Any, Final

import plotly
import plotly.graph_objects as go

from browser import BrowserNotFound, locate_browser
from settings import ASSETS_DIR

log = logging.getLogger(__name__)

FORMATS: Final = ("png", "svg", "pdf")
PLOTLY_JS: Final = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
TOPOJSON_DIR: Final = ASSETS_DIR / "topojson"
# Chromium sends every http(s) request to this dead proxy: a render can never reach the network.
NO_NETWORK_PROXY: Final = "127.0.0.1:9"
START_TIMEOUT: Final = 60.0
CLOSE_TIMEOUT: Final = 10.0


class RenderError(RuntimeError):
    """The renderer could not produce the image."""


class RenderTimeout(RenderError):
    """The render (or the wait for the renderer) took longer than allowed."""


class NoBrowser(RenderError):
    """No browser to render with; the message is one line saying how to enable image export."""


def topojson_url() -> str | None:
    """file:// URL of the vendored topojson folder (maps render offline), None if not vendored."""
    return TOPOJSON_DIR.as_uri() + "/" if TOPOJSON_DIR.is_dir() else None


class ImageRenderer:
    """One Kaleido browser on its own event-loop thread; calls are serialised and time-bounded.

    Kaleido's sync server cannot be interrupted, so a hung render would block it for good; here a
    render that overruns its timeout is abandoned, the browser is closed and the next call starts
    a fresh one.
    """

    def __init__(self, *, start_timeout: float = START_TIMEOUT) -> None:
        """Nothing starts until the first render."""
        self._lock = threading.Lock()
        self._start_timeout = start_timeout
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None
        self.starts = 0
        self.restarts = 0

    @property
    def running(self) -> bool:
        """Whether a browser is up."""
        return self._kaleido is not None

    def render(
        self,
        fig: go.Figure | dict,
        fmt: str,
        width: int,
        height: int,
        scale: float = 1.0,
        timeout: float = 20.0,
    ) -> bytes:
        """Image bytes of a figure; RenderTimeout past `timeout` s, RenderError on failure."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown image format {fmt!r}")
        spec = fig.to_dict() if isinstance(fig, go.Figure) else fig
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        # Waiting behind other renders is bounded too (one hung render and its restart fit in
        # it): a longer queue is an overload, answered 503 rather than held for minutes.
        if not self._lock.acquire(timeout=timeout * 2):
            raise RenderTimeout("the image renderer is busy; try again in a moment")
        try:
            self._ensure_started()
            assert self._loop is not None
            future = asyncio.run_coroutine_threadsafe(self._calc(spec, opts), self._loop)
            try:
                return future.result(timeout=timeout)
            except concurrent.futures.TimeoutError:
                future.cancel()
                log.warning("Image render exceeded %.1f s: restarting the renderer", timeout)
                self.restarts += 1
                self._stop()
                raise RenderTimeout(f"rendering took longer than {timeout:g} s") from None
            except Exception as err:
                log.exception("Image render failed")
                if not _figure_error(err):
                    # The browser itself failed (crashed, closed): start a fresh one next time.
                    self.restarts += 1
                    self._stop()
                raise RenderError(f"rendering failed ({type(err).__name__})") from err
        finally:
            self._lock.release()

    async def _calc(self, spec: dict, opts: dict[str, Any]) -> bytes:
        """The render itself, on the renderer's loop (tests replace it to simulate a hang)."""
        return await self._kaleido.calc_fig(spec, opts=opts, topojson=topojson_url())

    def close(self, wait: float = CLOSE_TIMEOUT) -> None:
        """Stop the browser (the next render starts a new one); gives up after `wait` s."""
        if not self._lock.acquire(timeout=wait):
            log.warning("Renderer busy for %.0f s: not closing it", wait)
            return
        try:
            self._stop()
        finally:
            self._lock.release()

    def _ensure_started(self) -> None:
        if self._kaleido is not None:
            if self._thread is not None and self._thread.is_alive() and self._loop is not None:
                return
            # The loop's thread died under us (a test harness killing threads): start afresh.
            log.warning("Renderer thread is gone: starting a new renderer")
            self.restarts += 1
            self._stop()
        try:
            # Looked for at every start: a browser installed while the app runs is picked up.
            browser = locate_browser()
        except BrowserNotFound as err:
            raise NoBrowser(str(err)) from None
        import kaleido  # imported late: it is heavy and only image exports need it

        loop = asyncio.new_event_loop()
        thread = threading.Thread(
            target=_run_loop, args=(loop,), name="kaleido-renderer", daemon=True
        )
        thread.start()

        async def open_browser() -> Any:
            k = kaleido.Kaleido(
                n=1,
                timeout=None,  # our own timeout covers the whole call
                plotlyjs=str(PLOTLY_JS),
                mathjax=False,
                proxy_server=NO_NETWORK_PROXY,
                path=browser.path,
            )
            await k.open()
            return k

        self._loop, self._thread = loop, thread
        try:
            self._kaleido = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(
                timeout=self._start_timeout
            )
        except Exception as err:
            self._stop()
            raise RenderError(f"could not start the image renderer ({err})") from err
        self.starts += 1
        log.info("Kaleido renderer started on %s (%s)", browser.path, browser.origin)

    def _stop(self) -> None:
        loop, k = self._loop, self._kaleido
        self._loop, self._thread, self._kaleido = None, None, None
        if loop is None:
            return
        if loop.is_closed():
            # Nothing can run on the loop any more: just make sure its browser does not linger.
            with contextlib.suppress(Exception):
                k.subprocess.kill()
            return
        if k is not None:
            try:
                asyncio.run_coroutine_threadsafe(k.close(), loop).result(timeout=CLOSE_TIMEOUT)
            except Exception:
                log.warning("Kaleido did not close cleanly; killing its browser", exc_info=True)
                with contextlib.suppress(Exception):
                    k.subprocess.kill()
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(_cancel_tasks(), loop).result(timeout=CLOSE_TIMEOUT)
        with contextlib.suppress(RuntimeError):  # closed meanwhile
            loop.call_soon_threadsafe(loop.stop)


def _figure_error(err: Exception) -> bool:
    """Whether plotly.js rejected the figure (the browser is fine), not the browser failing."""
    from kaleido.errors import JavascriptError, KaleidoError

    return isinstance(err, KaleidoError | JavascriptError)


async def _cancel_tasks() -> None:
    """Cancel every other task on the running loop and let them finish (a clean loop close)."""
    tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    if tasks:
        await asyncio.wait(tasks, timeout=CLOSE_TIMEOUT / 2)


def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
    """The renderer thread: run the loop until stopped, then close it."""
    asyncio.set_event_loop(loop)
    try:
        loop.run_forever()
    finally:
        loop.close()


_default: ImageRenderer | None = None
_default_lock = threading.Lock()


def default_renderer() -> ImageRenderer:
    """The process-wide renderer, created on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = ImageRenderer()
            # Close the browser at exit: an orphaned Chromium would outlive the worker.
            atexit.register(_default.close)
        return _default
