"""Dash app factory: `create_app(tables=None)`; `server` for gunicorn; `python app.py`."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from typing import Any

from dash import Dash
from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

import settings
from browser import image_export_problem
from callbacks import register_all
from callbacks.errors import callback_error_notice
from components import strings
from components.page import page_layout
from data.loading import DataValidationError, Tables, load_tables
from data.status_dates import reference_clock
from export.data_routes import register_routes
from export.image_routes import register_image_routes
from export.limits import register_export_limits
from hardening import harden
from settings import APP_TITLE, ASSETS_DIR, DATA_DIR, HOST, PORT

log = logging.getLogger(__name__)
server: Flask

# The Content-Security-Policy (scripts only from this host or Dash's hashed inline ones) is
# set by hardening.strict_csp.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


# Dash loads @babel/polyfill (core-js 2) for browsers without ES2015+. Every browser the
# dashboard supports has all of it natively; evaluating it cost ~140 ms of each page load here,
# and its String.prototype.trim, which replaces the native one, ran on every change. The one
# thing Dash's own scripts still take from it, the global `regeneratorRuntime` (their lazy
# component loaders), comes from assets/vendor/regenerator (assets/vendor/README.md).
# Dash also always loads dash_table's bundle; the page has no dash_table component.
UNUSED_SCRIPTS = re.compile(
    r'<script src="[^"]*/(?:deps/polyfill@|dash_table/bundle\.)[^"]*"></script>\n?'
)


class Dashboard(Dash):
    """Dash without the legacy-browser polyfill and the unused dash_table bundle (everything
    else as Dash serves it)."""

    def interpolate_index(  # type: ignore[override]  # Dash calls it with keywords only
        self, **kwargs: Any
    ) -> Any:
        """The page, its script tags less the unused ones."""
        kwargs["scripts"] = UNUSED_SCRIPTS.sub("", kwargs["scripts"])
        return super().interpolate_index(**kwargs)


def add_security_headers(server: Flask) -> None:
    """Security headers on every response."""

    @server.after_request
    def _headers(response: Response) -> Response:
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response


def plain_server_errors(server: Flask) -> None:
    """An unexpected error answers a short plain-text 500 (logged), never a page or traceback."""

    @server.errorhandler(500)
    def _internal(err: Exception) -> Response:
        log.error("Unhandled error on %s", request.path, exc_info=err)
        return Response(
            "Internal error: the request could not be completed. It has been logged; please "
            "try again or report the link.\n",
            status=500,
            mimetype="text/plain",
        )


# Dash's own page with the language set, the theme script early in <head> (a file, not inline:
# the CSP allows none) so the page paints in the reader's theme from the start, and the scripts
# in a plain <div> (Dash's <footer> would be a second contentinfo landmark beside the page's).
INDEX_STRING = f"""<!DOCTYPE html>
<html lang="{strings.LANG}">
    <head>
        {{%metas%}}
        <script src="/assets/theme.js"></script>
        <title>{{%title%}}</title>
        {{%favicon%}}
        {{%css%}}
    </head>
    <body>
        {{%app_entry%}}
        <div>
            {{%config%}}
            {{%scripts%}}
            {{%renderer%}}
        </div>
    </body>
</html>"""


def create_app(tables: Tables | None = None) -> Dash:
    """Build the Dash app on validated tables (loaded from data/ when not given)."""
    if tables is None:
        tables = load_tables(DATA_DIR, clock=reference_clock(settings.REFERENCE_DATE))
    app = Dashboard(
        __name__,
        title=APP_TITLE,
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        compress=True,
        update_title="",
        assets_ignore=r"theme\.js",  # loaded in <head> by INDEX_STRING, not at the page's end
        on_error=callback_error_notice,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = INDEX_STRING
    app.layout = page_layout(tables, prefill=register_all(app, tables))
    register_routes(app.server, tables)
    register_image_routes(app.server, tables)
    register_export_limits(app.server)
    harden(app)
    add_security_headers(app.server)
    plain_server_errors(app.server)
    if settings.TRUSTED_PROXIES > 0:
        n = settings.TRUSTED_PROXIES
        app.server.wsgi_app = ProxyFix(
            app.server.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n, x_prefix=n
        )
    return app


def warm(app: Dash) -> None:
    """Build the default page once (its Overview cards land in the chart cache) before the first
    reader asks: under gunicorn `--preload` this runs before the workers fork, so they share it."""
    app.server.test_client().get("/_dash-layout")


def main(argv: list[str] | None = None) -> int:
    """Serve the dashboard (debug off unless asked for)."""
    parser = argparse.ArgumentParser(description=APP_TITLE)
    parser.add_argument("--host", default=HOST)
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--debug", action="store_true", help="Dash dev tools (never in production)")
    args = parser.parse_args(argv)
    try:
        app = create_app()
    except DataValidationError as err:
        print(err, file=sys.stderr)  # noqa: T201
        return 2
    if problem := image_export_problem():  # the dashboard runs; only image exports are off
        print(problem, file=sys.stderr)  # noqa: T201
    warm(app)
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def __getattr__(name: str) -> object:
    """`app:server` for gunicorn, built on first access (importing this module stays cheap)."""
    if name == "server":
        global server
        app = create_app()
        warm(app)
        server = app.server
        return server
    raise AttributeError(name)
