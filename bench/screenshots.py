"""Serve the app on a free local port and take headless-Chromium screenshots of key views."""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

VIEWS = {
    "default": "/",
    "kaz-uzb-exports": "/?countries=KAZ,UZB&years=2005-2020&flow=export",
    "fiscal": "/?basis=fiscal&years=2014-2025&flow=export",
    "partner": "/?reporter=partner&years=2000-2020",
}


def free_port() -> int:
    """An unused loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(port: int) -> None:
    """Run the app in a daemon thread (waitress-free: Flask's own server is fine for this)."""
    from app import create_app

    app = create_app()
    thread = threading.Thread(
        target=lambda: app.run(host="127.0.0.1", port=port, debug=False), daemon=True
    )
    thread.start()
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the app did not start")


def screenshot(url: str, out: Path, *, width: int = 1400, height: int = 1000) -> None:
    """One full-window screenshot with the system Chromium, no background networking."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                # Report a mouse (hover-capable pointer) like a desktop browser: plotly then keeps
                # its modebar hidden until hover instead of always showing it, as on touch screens.
                "--blink-settings=primaryHoverType=2,availableHoverTypes=2,"
                "primaryPointerType=4,availablePointerTypes=4",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=15000",
                f"--window-size={width},{height}",
                f"--screenshot={out}",
                url,
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def main(argv: list[str] | None = None) -> int:
    """Take the screenshots into screenshots/ (or --out)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("views", nargs="*", help="view=path pairs (default: a standard set)")
    args = parser.parse_args(argv)
    views = dict(v.split("=", 1) for v in args.views) if args.views else VIEWS
    args.out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    serve(port)
    for name, path in views.items():
        target = args.out / f"{name}.png"
        screenshot(f"http://127.0.0.1:{port}{path}", target, height=args.height)
        print(f"{target}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
