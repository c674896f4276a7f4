"""Runs without a browser: discovery of one for image export, and the app with none (issue 18)."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import pytest
from component_helpers import layout_ids, live_download_links
from dash import Dash
from flask.testing import FlaskClient

import browser
from app import create_app
from browser import HOW_TO, Browser, BrowserNotFound, find_browser
from callbacks.errors import MESSAGE as CALLBACK_FAILED
from components.layout import NO_IMAGES_NOTE
from data.loading import Tables
from data.state import VIEW_CHOICES
from export import renderer

LINUX_DEBIAN = "/usr/lib/chromium/chromium"


def search(
    env: dict[str, str] | None = None,
    *,
    system: str = "Linux",
    files: Collection[str] = (),
    on_path: dict[str, str] | None = None,
    stubs: Collection[str] = (),
    downloads: list[str] | None = None,
) -> Browser:
    """find_browser on a pretend machine: `files` are the executables, `on_path` name → path."""
    return find_browser(
        env or {},
        system=system,
        which=lambda name: (on_path or {}).get(name),
        is_executable=lambda path: path in files,
        is_snap_stub=lambda path: path in stubs,
        downloads=lambda: downloads or [],
    )


def test_browser_path_comes_first() -> None:
    found = search({"BROWSER_PATH": "/opt/x/chrome"}, files={"/opt/x/chrome", LINUX_DEBIAN})
    assert found == Browser("/opt/x/chrome", "BROWSER_PATH")


def test_a_wrong_browser_path_is_reported_not_skipped() -> None:
    with pytest.raises(BrowserNotFound, match=r"BROWSER_PATH=/nope is not an executable file"):
        search({"BROWSER_PATH": "/nope"}, files={LINUX_DEBIAN})


def test_linux_prefers_debians_real_binary_to_its_launcher_script() -> None:
    found = search(files={LINUX_DEBIAN, "/usr/bin/chromium"}, on_path={"chromium": "/usr/bin/x"})
    assert found == Browser(LINUX_DEBIAN, "usual install place")


def test_linux_finds_google_chrome_and_edge_in_their_install_folders() -> None:
    assert search(files={"/opt/google/chrome/chrome"}).path == "/opt/google/chrome/chrome"
    assert search(files={"/opt/microsoft/msedge/msedge"}).path == "/opt/microsoft/msedge/msedge"


def test_the_path_is_searched_after_the_usual_places() -> None:
    here = "/home/a/bin/chromium"
    found = search(files={here}, on_path={"chromium": here})
    assert found == Browser(here, "PATH (chromium)")


def test_macos_apps_in_applications_and_the_users_own_folder() -> None:
    chrome = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    assert search(system="Darwin", files={chrome}).path == chrome
    edge = "/Users/a/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"
    assert search({"HOME": "/Users/a"}, system="Darwin", files={edge}).path == edge
    # A Linux path means nothing on a Mac.
    with pytest.raises(BrowserNotFound):
        search(system="Darwin", files={LINUX_DEBIAN})


def test_windows_program_files_and_local_app_data() -> None:
    env = {
        "PROGRAMFILES": r"C:\Program Files",
        "PROGRAMFILES(X86)": r"C:\Program Files (x86)",
        "LOCALAPPDATA": r"C:\Users\a\AppData\Local",
    }
    chrome = r"C:\Users\a\AppData\Local\Google\Chrome\Application\chrome.exe"
    edge = r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe"
    assert search(env, system="Windows", files={chrome, edge}).path == chrome
    assert search(env, system="Windows", files={edge}).path == edge


def test_kaleidos_download_is_the_last_resort_and_only_asked_for_then() -> None:
    chrome = "/root/.local/share/choreographer/deps/chrome-linux64/chrome"
    found = search(files={chrome}, downloads=[chrome])
    assert found == Browser(chrome, "Kaleido's Chrome download")

    def never() -> list[str]:
        raise AssertionError("a browser was already found")

    assert find_browser(
        {}, system="Linux", which=lambda _n: None, is_executable=lambda p: True, downloads=never
    ) == Browser(LINUX_DEBIAN, "usual install place")


def test_none_found_says_how_to_enable_image_export_in_one_line() -> None:
    with pytest.raises(BrowserNotFound) as caught:
        search(on_path={"chromium": "/usr/bin/chromium"})  # on the PATH but not runnable
    assert str(caught.value) == HOW_TO
    assert "\n" not in HOW_TO and "BROWSER_PATH" in HOW_TO and "kaleido_get_chrome" in HOW_TO


def test_ubuntus_snap_stub_is_skipped_and_named() -> None:
    stub = "/usr/bin/chromium-browser"
    with pytest.raises(BrowserNotFound, match="chromium-browser is Ubuntu's placeholder"):
        search(files={stub}, stubs={stub})
    snap = "/snap/bin/chromium"
    assert search(files={stub, snap}, stubs={stub}).path == snap


def test_snap_stub_detection_reads_the_file(tmp_path: Path) -> None:
    stub = tmp_path / "chromium-browser"
    stub.write_text(
        '#!/bin/sh\nif ! [ -x /snap/bin/chromium ]; then exit 1; fi\nexec /snap/bin/chromium "$@"\n'
    )
    launcher = tmp_path / "chromium"
    launcher.write_text('#!/bin/sh\nexec /usr/lib/chromium/chromium "$@"\n')
    binary = tmp_path / "chrome"
    binary.write_bytes(b"\x7fELF" + b"/snap/bin/" + bytes(100))
    assert browser.is_snap_stub(str(stub))
    assert not browser.is_snap_stub(str(launcher))
    assert not browser.is_snap_stub(str(binary))
    assert not browser.is_snap_stub(str(tmp_path / "missing"))


def test_kaleido_download_location_is_choreographers() -> None:
    from choreographer.cli.defaults import default_download_path

    paths = browser.kaleido_downloads()
    assert paths and paths[0].startswith(str(default_download_path))
    assert Path(paths[0]).name in ("chrome", "chrome.exe", "Google Chrome for Testing")


def test_the_command_line_check_exit_codes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(browser, "is_executable", lambda path: path == LINUX_DEBIAN)
    monkeypatch.setattr(browser.platform, "system", lambda: "Linux")
    assert browser.main() == 0
    assert LINUX_DEBIAN in capsys.readouterr().out
    monkeypatch.setattr(browser, "is_executable", lambda path: False)
    assert browser.main() == 1
    assert capsys.readouterr().err.strip() == HOW_TO


# The app on a machine with no browser at all.


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No browser anywhere: BROWSER_PATH unset, an empty PATH, no file runnable; a renderer
    that has not started yet (as in a fresh process)."""
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(browser, "is_executable", lambda path: False)
    monkeypatch.setattr(renderer, "_default", None)
    yield
    if renderer._default is not None:
        assert not renderer._default.running


@pytest.fixture
def bare_app(no_browser: None, tables: Tables) -> Dash:
    return create_app(tables)


def _payload(dep: dict, values: dict[tuple[str, str], Any], ids: list) -> dict:
    """A Dash callback request as the page sends it; pattern IDs expand to the layout's."""

    def expand(raw: str, prop: str, value: bool) -> Any:
        def one(cid: Any) -> dict:
            entry = {"id": cid, "property": prop}
            if not value:
                return entry
            return {**entry, "value": cid if prop == "id" else values.get((raw, prop))}

        if not raw.startswith("{"):
            return one(raw)
        pattern = json.loads(raw)  # ALL values are lists; the others must match
        return [
            one(i)
            for i in ids
            if isinstance(i, dict)
            and set(i) == set(pattern)
            and all(isinstance(w, list) or i[k] == w for k, w in pattern.items())
        ]

    pairs = [o.rsplit(".", 1) for o in dep["output"].strip(".").split("...")]
    outputs = [expand(raw, prop, False) for raw, prop in pairs]
    first = dep["inputs"][0]
    return {
        "output": dep["output"],
        "outputs": outputs if dep["output"].startswith("..") else outputs[0],
        "inputs": [expand(i["id"], i["property"], True) for i in dep["inputs"]],
        "state": [expand(s["id"], s["property"], True) for s in dep["state"]],
        "changedPropIds": [f"{first['id']}.{first['property']}"],
    }


def test_with_no_browser_every_view_renders_and_menus_offer_only_data(bare_app: Dash) -> None:
    client = bare_app.server.test_client()
    assert client.get("/").status_code == 200
    layout = client.get("/_dash-layout").get_json()
    text = json.dumps(layout).replace("\\u002f", "/")
    assert not [m for m in ("png", "svg", "pdf") if f'/download/trend.{m}"' in text]
    menus = text.count('"type": "DropdownMenu"')  # every chart card's Download menu
    assert menus >= 6
    assert text.count(NO_IMAGES_NOTE) == menus and text.count(json.dumps(HOW_TO)) == menus
    ids = layout_ids(layout)
    # The live links (assets/download_links.js keeps their href on the view) offer data only.
    assert {fmt for _, fmt in live_download_links(layout)} == {"csv", "xlsx"}

    deps = client.get("/_dash-dependencies").get_json()
    # The clientside callbacks (assets/views.js) run in the browser, not on the server.
    sync, rest = deps[0], [d for d in deps[1:] if not d.get("clientside_function")]
    values: dict[tuple[str, str], Any] = {("app-url", "search"): "?country=KAZ&compare=UZB"}
    answer = client.post("/_dash-update-component", json=_payload(sync, values, ids))
    assert answer.status_code == 200
    stored = answer.get_json()["response"]["app-state"]["data"]
    # Every view's store as if its view were open (the sync fills only the open one's).
    for store in ("app-state", *(f"view-{v}-state" for v in VIEW_CHOICES)):
        values[(store, "data")] = stored
    replies = {}
    for dep in rest:
        answer = client.post("/_dash-update-component", json=_payload(dep, values, ids))
        assert answer.status_code == 200, dep["output"]
        body = answer.get_data(as_text=True)
        assert CALLBACK_FAILED not in body, dep["output"]
        replies[dep["output"]] = answer.get_json()["response"]
    # The Overview (one for every card), map, profile and Sources & method
    assert len(replies) == len(rest) >= 4
    trend = next(v for k, v in replies.items() if k.startswith("..trend-figure.data..."))
    assert trend["trend-figure"]["data"]["figure"]["data"]
    # The two profiles render, their menus with the brief and images disabled, data offered.
    profile = json.dumps(replies["profile-body.children"], ensure_ascii=False).replace(
        "\\u002f", "/"
    )
    assert "Pakistan – Kazakhstan" in profile and "Pakistan – Uzbekistan" in profile
    assert "/download/brief.pdf" not in profile and "/download/profile.png" not in profile
    assert profile.count("Country brief (PDF)") == 2 and profile.count(NO_IMAGES_NOTE) == 2
    assert "/download/data.xlsx?chart=profile&country=KAZ" in profile


@pytest.mark.parametrize(
    "path", ["/download/trend.png", "/download/map.svg", "/download/brief.pdf?country=KAZ"]
)
def test_with_no_browser_exports_answer_503_with_the_how_to_line(bare_app: Dash, path: str) -> None:
    client: FlaskClient = bare_app.server.test_client()
    response = client.get(path)
    assert response.status_code == 503 and response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == HOW_TO + "\n"
    assert client.get("/download/data.csv?countries=KAZ").status_code == 200
    assert client.get("/download/data.xlsx?chart=trend").status_code == 200


# `make browser` (scripts/browser.sh) on pretend systems: every command it runs is a stub.

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "browser.sh"
DEBIAN_PACKAGE = "Package: chromium\nDescription: web browser\n"
UBUNTU_PACKAGE = "Package: chromium-browser\nDescription: Transitional package - chromium snap\n"


def make_browser(
    tmp_path: Path,
    *,
    system: str = "Linux",
    uid: int = 0,
    found: bool = False,
    package: str | None = DEBIAN_PACKAGE,
    sudo: bool = True,
    snapd: bool | None = None,
) -> tuple[int, str, list[str]]:
    """Run the script with stub commands; (exit code, what it said, commands it ran)."""
    import shutil
    import subprocess

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"

    def stub(name: str, body: str) -> None:
        path = bin_dir / name
        path.write_text(f'#!/bin/bash\necho "{name} $*" >> {log}\n{body}\n')
        path.chmod(0o755)

    for tool in ("dirname", "grep", "touch"):
        (bin_dir / tool).symlink_to(shutil.which(tool) or f"/usr/bin/{tool}")
    # The app's check: no browser until something was installed (or one was there all along).
    marker = tmp_path / "installed"
    stub("python", f"[ {str(found).lower()} = true ] || [ -e {marker} ]")
    stub("uname", f"echo {system}")
    stub("id", f"echo {uid}")
    stub("apt-get", f'[ "$1" = install ] && touch {marker}; true')
    if package is not None:
        stub("apt-cache", f"printf '{package}'")
    if sudo:
        stub("sudo", '"$@"')
    if snapd is not None:
        stub("snap", f'[ "$1" = install ] && touch {marker}; {"true" if snapd else "false"}')
    result = subprocess.run(
        ["/bin/bash", str(SCRIPT), str(bin_dir / "python")],
        env={"PATH": str(bin_dir)},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    calls = log.read_text().splitlines() if log.exists() else []
    return result.returncode, result.stderr, [c for c in calls if not c.startswith("python")]


def test_make_browser_keeps_a_browser_that_is_there(tmp_path: Path) -> None:
    code, _, calls = make_browser(tmp_path, found=True)
    assert code == 0 and calls == []


def test_make_browser_installs_debians_chromium_with_sudo_when_not_root(tmp_path: Path) -> None:
    code, _, calls = make_browser(tmp_path, uid=1000)
    assert code == 0
    assert "sudo apt-get install -y -qq chromium" in calls and "sudo apt-get update -qq" in calls


def test_make_browser_on_ubuntu_without_snapd_says_what_to_do(tmp_path: Path) -> None:
    code, said, calls = make_browser(tmp_path, package=UBUNTU_PACKAGE, snapd=False)
    assert code == 1
    assert "stub for the chromium snap" in said and "kaleido_get_chrome" in said
    assert not [c for c in calls if "install" in c and "apt-cache" not in c]


def test_make_browser_on_ubuntu_with_snapd_installs_the_snap(tmp_path: Path) -> None:
    code, _, calls = make_browser(tmp_path, uid=1000, package=UBUNTU_PACKAGE, snapd=True)
    assert code == 0 and "sudo snap install chromium" in calls
    assert "apt-get install -y -qq chromium" not in calls


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"system": "Darwin"}, "brew install --cask chromium"),
        ({"uid": 1000, "sudo": False}, "needs root and there is no sudo"),
        ({"package": None}, "no apt-get here"),
    ],
)
def test_make_browser_elsewhere_explains_and_fails(
    tmp_path: Path, kwargs: dict[str, Any], words: str
) -> None:
    code, said, calls = make_browser(tmp_path, **kwargs)
    assert code == 1 and words in said and "kaleido_get_chrome" in said
    assert not [c for c in calls if "install" in c]
