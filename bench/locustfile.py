"""Locust users of the dashboard: filter changes, profiles, page loads, a data download, an image.

Run by bench/load.py (`make load`), which first captures real /_dash-update-component requests
from the page in Chromium and names the file in BENCH_PAYLOADS. Each callback task replays the
requests of one captured user action (a year, flow or country change, or opening a profile) in
the order the page sent them.
"""

from __future__ import annotations

import json
import os
import random
from typing import Any

from locust import HttpUser, between, task

ACTIONS: dict[str, list[list[dict[str, Any]]]] = json.loads(
    open(os.environ["BENCH_PAYLOADS"], encoding="utf-8").read()  # noqa: SIM115
)
STATES = [
    "countries=KAZ,UZB&years=2005-2020&flow=export",
    "countries=KAZ,KGZ,TJK,TKM,UZB&years=2000-2020&flow=import",
    "countries=AZE,KAZ,KGZ,TJK,TKM,UZB&years=1995-2020&flow=balance",
    "countries=UZB&years=2010-2020&flow=turnover",
    "countries=TJK,TKM&years=2000-2015&flow=export&basis=fiscal",
]
IMAGE_CHARTS = ["trend", "balance", "share", "mirror", "map"]


class DashboardUser(HttpUser):
    """An analyst: mostly filter changes, sometimes a profile, a download or an image."""

    wait_time = between(1, 3)

    def _replay(self, kind: str) -> None:
        for body in random.choice(ACTIONS[kind]):
            name = f"callback {kind}: {body['output'][:40]}"
            with self.client.post(
                body["url"],
                data=body["body"],
                headers=body["headers"],
                name=name,
                catch_response=True,
            ) as response:
                if response.status_code in (200, 204):
                    response.success()
                else:
                    response.failure(f"HTTP {response.status_code}")

    @task(6)
    def year_change(self) -> None:
        """The callbacks of a year change."""
        self._replay("year")

    @task(4)
    def flow_change(self) -> None:
        """The callbacks of a flow change."""
        self._replay("flow")

    @task(2)
    def profile(self) -> None:
        """Opening a country profile (its callbacks)."""
        self._replay("profile")

    @task(2)
    def page(self) -> None:
        """A page load: the HTML, the layout and the callback graph."""
        self.client.get(f"/?{random.choice(STATES)}", name="page: /")
        self.client.get("/_dash-layout", name="page: /_dash-layout")
        self.client.get("/_dash-dependencies", name="page: /_dash-dependencies")

    @task(1)
    def data_download(self) -> None:
        """The data behind a view as CSV."""
        self.client.get(f"/download/data.csv?{random.choice(STATES)}", name="download: data.csv")

    @task(1)
    def image(self) -> None:
        """One chart as PNG (a 503 with Retry-After is an answer under load, not a failure)."""
        chart = random.choice(IMAGE_CHARTS)
        with self.client.get(
            f"/download/{chart}.png?{random.choice(STATES)}",
            name="download: image.png",
            catch_response=True,
        ) as response:
            if response.status_code == 200 or (
                response.status_code == 503 and response.headers.get("Retry-After")
            ):
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")
