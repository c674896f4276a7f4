"""Find a Chromium-family browser for image export: BROWSER_PATH, the usual places, Kaleido's own.

Only image, PDF and brief exports need one (Kaleido drives it); the dashboard itself never does.
`find_browser` is pure (the environment and file checks are passed in); `locate_browser` asks
this machine. `python -m browser` prints what was found, or how to get one (exit 1).
"""

from __future__ import annotations

import ntpath
import os
import platform
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

# One line, as the 503 answer and the command-line check print it.
HOW_TO: Final = (
    "Image, PDF and brief exports need Chrome, Chromium or Edge on the server: install one "
    "(`make browser` on Debian/Ubuntu), set BROWSER_PATH to its executable, or run "
    "`kaleido_get_chrome` (Kaleido's own Chrome); then restart the dashboard."
)
SNAP_STUB_HINT: Final = (
    " ({path} is Ubuntu's placeholder for the chromium snap, which is not installed: "
    "`sudo snap install chromium` where snapd runs, or use Google Chrome's .deb.)"
)

# Executable names looked up on the PATH, Chrome first (the browser Kaleido is tested with).
PATH_NAMES: Final = (
    "google-chrome-stable",
    "google-chrome",
    "chrome",
    "chromium",
    "chromium-browser",
    "microsoft-edge-stable",
    "microsoft-edge",
    "msedge",
)
# Real binaries before launcher scripts: Debian's /usr/bin/chromium is a shell script that
# starts /usr/lib/chromium/chromium, and Kaleido should hold the browser process itself.
LINUX_PATHS: Final = (
    "/usr/lib/chromium/chromium",
    "/opt/google/chrome/chrome",
    "/usr/bin/google-chrome-stable",
    "/usr/bin/google-chrome",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/opt/microsoft/msedge/msedge",
    "/usr/bin/microsoft-edge-stable",
    "/usr/bin/microsoft-edge",
)
MAC_APPS: Final = (
    "Google Chrome.app/Contents/MacOS/Google Chrome",
    "Chromium.app/Contents/MacOS/Chromium",
    "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
)
WINDOWS_ROOTS: Final = ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")
WINDOWS_APPS: Final = (
    r"Google\Chrome\Application\chrome.exe",
    r"Chromium\Application\chrome.exe",
    r"Microsoft\Edge\Application\msedge.exe",
)


@dataclass(frozen=True)
class Browser:
    """A browser executable and how it was found."""

    path: str
    origin: str


class BrowserNotFound(LookupError):
    """No usable browser; the message is one line saying how to enable image export."""


def known_paths(system: str, env: Mapping[str, str]) -> list[str]:
    """Where Chrome, Chromium and Edge install themselves on this operating system."""
    if system == "Windows":
        roots = [env[key] for key in WINDOWS_ROOTS if env.get(key)]
        return [ntpath.join(root, app) for app in WINDOWS_APPS for root in roots]
    if system == "Darwin":
        folders = ["/Applications"]
        if env.get("HOME"):
            folders.append(f"{env['HOME']}/Applications")
        return [f"{folder}/{app}" for app in MAC_APPS for folder in folders]
    # Linux, WSL included: a Windows browser under /mnt/c cannot be driven over Kaleido's pipes.
    return list(LINUX_PATHS)


def find_browser(
    env: Mapping[str, str],
    *,
    system: str,
    which: Callable[[str], str | None],
    is_executable: Callable[[str], bool],
    is_snap_stub: Callable[[str], bool] = lambda _path: False,
    downloads: Callable[[], Sequence[str]] = tuple,
) -> Browser:
    """The browser image export should use; BrowserNotFound (with the how-to line) if none.

    Order: BROWSER_PATH (a wrong one is reported, not skipped), the usual install places, the
    PATH, then Chrome that `kaleido_get_chrome` downloaded (`downloads`, asked only when
    nothing else is found: it imports choreographer). Ubuntu's snap stub is skipped: without
    the snap it only prints "requires the chromium snap" and exits.
    """
    chosen = env.get("BROWSER_PATH", "").strip()
    if chosen:
        if is_executable(chosen):
            return Browser(chosen, "BROWSER_PATH")
        raise BrowserNotFound(
            f"BROWSER_PATH={chosen} is not an executable file: point it at Chrome, Chromium or "
            "Edge, or unset it to search the usual places."
        )
    stubs: list[str] = []

    def candidates() -> Iterator[tuple[str, str]]:
        yield from ((p, "usual install place") for p in known_paths(system, env))
        yield from ((p, f"PATH ({name})") for name in PATH_NAMES if (p := which(name)))
        yield from ((p, "Kaleido's Chrome download") for p in downloads())

    for path, origin in candidates():
        if not is_executable(path):
            continue
        if is_snap_stub(path):
            stubs.append(path)
            continue
        return Browser(path, origin)
    hint = SNAP_STUB_HINT.format(path=stubs[0]) if stubs else ""
    raise BrowserNotFound(HOW_TO + hint)


def is_executable(path: str) -> bool:
    """Whether `path` is a file this process may run."""
    return os.path.isfile(path) and os.access(path, os.X_OK)


def is_snap_stub(path: str) -> bool:
    """Whether `path` is a script that only hands over to a snap (Ubuntu's chromium-browser)."""
    try:
        with open(path, "rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    # A real browser is a binary. The stub is a short script naming /snap/bin/chromium: skipped
    # even when the snap is there, which is then found itself (choreographer needs to see the
    # snap's own path to give it a temporary folder it may read).
    return head.startswith(b"#!") and b"/snap/bin/" in head


def kaleido_downloads() -> list[str]:
    """Where `kaleido_get_chrome` (choreographer) puts its Chrome, newest layout first."""
    try:
        # Not public API: if choreographer moves it, this search just finds nothing there.
        from choreographer.cli._cli_utils import (
            get_chrome_download_path,
            get_old_chrome_download_path,
        )

        paths = [get_chrome_download_path(mkdir=False), get_old_chrome_download_path()]
    except Exception:  # any failure only means no downloaded Chrome is found
        return []
    return [str(p) for p in paths if p is not None]


def locate_browser() -> Browser:
    """The browser on this machine (see find_browser); BrowserNotFound if none."""
    return find_browser(
        os.environ,
        system=platform.system(),
        which=shutil.which,
        is_executable=is_executable,
        is_snap_stub=is_snap_stub,
        downloads=kaleido_downloads,
    )


def image_export_problem() -> str | None:
    """None when image export has a browser, else the one line saying how to enable it."""
    try:
        locate_browser()
    except BrowserNotFound as err:
        return str(err)
    return None


def main() -> int:
    """Print the browser image export will use (exit 0), or how to get one (exit 1)."""
    try:
        browser = locate_browser()
    except BrowserNotFound as err:
        print(err, file=sys.stderr)  # noqa: T201
        return 1
    print(f"Image export will use {browser.path} (found via {browser.origin}).")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
