"""Public-server hardening: callback requests checked before Dash, bounded bodies, hashed CSP."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from typing import Any, Final

from dash import Dash
from dash.exceptions import DependencyException
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException
from werkzeug.sansio.response import Response as ResponseBase

log = logging.getLogger(__name__)

# The largest body the page sends is the Overview's callback, 5.7 kB (its outputs and the
# digests of what each card shows); the next is the URL ↔ filters sync at 4.3 kB (measured
# 2026-12-03 with bench/renderer.py over the default view, ?country=KAZ, ?country=UZB&compare=TJK,
# the map and the sources views, each with a year, a flow and a country change). 128 KiB is 22×
# that and still twice a whole map figure (63 kB), should a future callback post one as State.
DEFAULT_MAX_BODY: Final = 128 * 1024
MAX_BODY_ENV: Final = "PAKCAR_MAX_BODY_BYTES"
UPDATE_PATH: Final = "_dash-update-component"
WILDCARDS: Final = ("ALL", "MATCH", "ALLSMALLER")

# Scripts only from this host or matching the hash of one of Dash's own inline scripts; no eval:
# the page's plotly.js traces (scatter, bar, choropleth, scattergeo) never compile code.
# Styles keep 'unsafe-inline': plotly.js and Dash components set style attributes everywhere.
CSP_TEMPLATE: Final = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "worker-src 'self' blob:; object-src 'none'; frame-ancestors 'self'; base-uri 'self'; "
    "form-action 'self'"
)


class CallbackRequestError(ValueError):
    """A callback request the page could not have sent (the message is safe to show)."""


def max_body_bytes() -> int:
    """The request body limit: PAKCAR_MAX_BODY_BYTES or the measured default."""
    raw = os.environ.get(MAX_BODY_ENV, "").strip()
    return int(raw) if raw else DEFAULT_MAX_BODY


def plain(message: str, status: int) -> Response:
    """A short plain-text answer (never a page or a traceback)."""
    return Response(message.rstrip("\n") + "\n", status=status, mimetype="text/plain")


def _spec_id(raw: str) -> str | dict[str, Any]:
    """A dependency id as Dash lists it: a plain string, or the JSON of a pattern-matching id."""
    return json.loads(raw) if raw.startswith("{") else raw


def _is_wildcard(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 1 and value[0] in WILDCARDS


def _selects_many(spec_id: str | dict[str, Any]) -> bool:
    """Whether a dependency's pattern selects a list of components (ALL or ALLSMALLER)."""
    return isinstance(spec_id, dict) and any(
        _is_wildcard(v) and v != ["MATCH"] for v in spec_id.values()
    )


def _check_item(item: Any, spec_id: str | dict[str, Any], prop: str, where: str) -> None:
    """One {id, property[, value]} entry against its declared id and property."""
    if not isinstance(item, dict) or "id" not in item or "property" not in item:
        raise CallbackRequestError(f"{where} must be an object with 'id' and 'property'.")
    got = item["id"]
    if isinstance(spec_id, str) and got != spec_id:
        raise CallbackRequestError(f"{where} names id {got!r}, not {spec_id!r}.")
    if item["property"] != prop:
        raise CallbackRequestError(f"{where} names property {item['property']!r}, not {prop!r}.")
    if isinstance(spec_id, str):
        return
    if not isinstance(got, dict) or set(got) != set(spec_id):
        raise CallbackRequestError(f"{where} does not match the pattern {json.dumps(spec_id)}.")
    for key, want in spec_id.items():
        if _is_wildcard(want):
            # A concrete match, or the pattern itself (Dash passes either to the callback).
            if got[key] != want and not isinstance(got[key], str | int | float | bool):
                raise CallbackRequestError(f"{where} has a non-scalar id value for {key!r}.")
        elif got[key] != want:
            raise CallbackRequestError(f"{where} does not match the pattern {json.dumps(spec_id)}.")


def _check_list(
    items: Any, specs: list[tuple[str | dict[str, Any], str]], name: str, *, values: bool
) -> None:
    """A request's inputs/state/outputs list against the callback's declared dependencies."""
    if not isinstance(items, list) or len(items) != len(specs):
        raise CallbackRequestError(
            f"'{name}' must list {len(specs)} item(s) as the callback declares, in its order."
        )
    for n, (item, (spec_id, prop)) in enumerate(zip(items, specs, strict=True)):
        where = f"{name}[{n}]"
        # An ALL / ALLSMALLER dependency carries the list of its matches (Dash indexes into it);
        # a plain or MATCH dependency carries one object.
        many = _selects_many(spec_id)
        if many != isinstance(item, list):
            shape = "a list of the components it matches" if many else "one object"
            raise CallbackRequestError(f"{where} must be {shape}.")
        group = item if many else [item]
        for member in group:
            _check_item(member, spec_id, prop, where)
            if not values and "value" in member:
                raise CallbackRequestError(f"{where} is an output: it carries no value.")
            if values and prop == "id" and member.get("value", member["id"]) != member["id"]:
                raise CallbackRequestError(f"{where}: a component's 'id' value is its id.")


def _prop_ids(items: list[Any]) -> set[str]:
    """The `id.property` strings of a checked inputs list (pattern ids as Dash strings them)."""
    found: set[str] = set()
    for item in items:
        for member in item if isinstance(item, list) else [item]:
            ident = member["id"]
            text = ident if isinstance(ident, str) else _stringify(ident)
            found.add(f"{text}.{member['property']}")
    return found


def _stringify(ident: dict[str, Any]) -> str:
    """Dash's own stringify_id: sorted keys, compact JSON values."""
    return "{" + ",".join(f"{json.dumps(k)}:{json.dumps(ident[k])}" for k in sorted(ident)) + "}"


def _normal_prop_id(prop_id: str) -> str:
    """A changedPropIds entry with a pattern id rewritten to Dash's stringified form."""
    if prop_id.startswith("{"):
        left, _, prop = prop_id.rpartition(".")
        try:
            ident = json.loads(left)
        except ValueError:
            return prop_id
        if isinstance(ident, dict):
            return f"{_stringify(ident)}.{prop}"
    return prop_id


def _check_same_matches(groups: list[tuple[Any, str | dict[str, Any]]]) -> None:
    """Dependencies with the same ALL pattern match the same components on the page: a request
    whose lists disagree (Dash would then fail on the count of values) is not the page's."""
    seen: dict[str, set[str]] = {}
    for item, spec_id in groups:
        if not isinstance(spec_id, dict) or not isinstance(item, list):
            continue
        if any(_is_wildcard(v) and v != ["ALL"] for v in spec_id.values()):
            continue  # MATCH / ALLSMALLER select different members per dependency
        members = {_stringify(m["id"]) for m in item}
        key = _stringify(spec_id)
        if seen.setdefault(key, members) != members:
            raise CallbackRequestError(
                f"The dependencies on {key} list different components; the page lists the same."
            )


def check_callback_body(app: Dash, body: Any) -> None:
    """CallbackRequestError unless `body` has the shape the page sends for a known callback."""
    if not isinstance(body, dict):
        raise CallbackRequestError("The body must be a JSON object, as the page sends.")
    output = body.get("output")
    if not isinstance(output, str):
        raise CallbackRequestError("The body must name its callback in 'output' (a string).")
    callback = app.callback_map.get(output)
    # A clientside callback (assets/*.js) runs in the browser: the server has none to run.
    if callback is None or "callback" not in callback:
        raise CallbackRequestError(f"No callback has the output {output[:120]!r}.")
    declared = callback["output"]
    outputs = declared if isinstance(declared, list) else [declared]
    out_specs = [(_spec_id(o.component_id_str()), o.component_property) for o in outputs]
    sent = body.get("outputs")
    if callback.get("no_output"):
        pass
    elif isinstance(declared, list):
        _check_list(sent, out_specs, "outputs", values=False)
    else:
        _check_list([sent], out_specs, "outputs", values=False)
    for name in ("inputs", "state"):
        specs = [(_spec_id(d["id"]), d["property"]) for d in callback[name]]
        _check_list(body.get(name, []), specs, name, values=True)
    sent_list: list[Any] = sent if isinstance(declared, list) and isinstance(sent, list) else []
    _check_same_matches(
        [(o, out_specs[n][0]) for n, o in enumerate(sent_list)]
        + [
            (item, _spec_id(d["id"]))
            for name in ("inputs", "state")
            for item, d in zip(body.get(name, []), callback[name], strict=True)
        ]
    )
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        raise CallbackRequestError("'changedPropIds' must be a list of 'id.property' strings.")
    known = _prop_ids(body.get("inputs", []))
    unknown = [c for c in changed if _normal_prop_id(c) not in known]
    if unknown:
        raise CallbackRequestError(f"'changedPropIds' names {unknown[0][:120]!r}, not an input.")


def guard_callbacks(app: Dash) -> None:
    """Answer 400 (logged as a warning, no traceback) to callback requests the page never sends."""
    path = app.config.routes_pathname_prefix + UPDATE_PATH

    @app.server.before_request
    def _check_update_request() -> Response | None:
        if request.path != path or request.method != "POST":
            return None
        # Reading the body enforces MAX_CONTENT_LENGTH (413) before anything parses it.
        request.get_data(cache=True)
        body = request.get_json(silent=True)
        try:
            if body is None:
                raise CallbackRequestError(
                    "The body must be JSON (Content-Type: application/json), as the page sends."
                )
            check_callback_body(app, body)
        except CallbackRequestError as err:
            log.warning("Rejected callback request from %s: %s", request.remote_addr, err)
            return plain(f"Bad callback request: {err}", 400)
        return None


def plain_http_errors(server: Flask) -> None:
    """Every 4xx Flask raises itself (404, 405, 413, 429…) answers a short plain message."""

    @server.errorhandler(HTTPException)
    def _plain(err: HTTPException) -> ResponseBase | HTTPException:
        if err.code is None or not 400 <= err.code < 500:
            return err
        if err.response is not None:  # a prepared answer (the export rate limit's 429)
            return err.response
        if err.code == 413:
            limit = server.config["MAX_CONTENT_LENGTH"]
            message = f"Request body too large: the limit is {limit} bytes."
        else:
            message = f"{err.name}: {err.description}"
        level = logging.WARNING if err.code in (413, 429) else logging.INFO
        log.log(level, "%s %s answered %s", request.method, request.path, err.code)
        response = plain(message, err.code)
        # Keep what the exception prepared (Allow on a 405, Retry-After on a 429).
        for key, value in err.get_headers():
            if key.lower() != "content-type":
                response.headers[key] = value
        return response


def unknown_scripts_are_404(server: Flask) -> None:
    """A script path Dash does not serve (`/_dash-component-suites/../x`) is a 404, not a 500."""

    @server.errorhandler(DependencyException)
    def _unknown(err: DependencyException) -> Response:
        log.info("GET %s answered 404 (not a registered script)", request.path)
        return plain("Not Found: no such script is served here.", 404)


def strict_csp(app: Dash) -> Callable[[], str]:
    """Scripts only from this host or Dash's hashed inline ones; returns the policy's builder.

    The hashes are computed at the first response, once every clientside callback is registered.
    """
    cached: list[str] = []

    def policy() -> str:
        if not cached:
            cached.append(CSP_TEMPLATE.format(hashes=" ".join(app.csp_hashes())))
        return cached[0]

    @app.server.after_request
    def _csp(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = policy()
        return response

    return policy


def harden(app: Dash) -> None:
    """Register every protection of this module on the app."""
    app.server.config["MAX_CONTENT_LENGTH"] = max_body_bytes()
    plain_http_errors(app.server)
    unknown_scripts_are_404(app.server)
    guard_callbacks(app)
    strict_csp(app)
