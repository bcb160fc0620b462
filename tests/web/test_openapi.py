"""Schemathesis against the staff API's OpenAPI schema: no 5xx on any generated request.

Every operation in /api/openapi.json gets requests generated from its schema,
valid ones and invalid ones, sent as home-admin by bearer token (no CSRF
header: token clients need none), as home-admin by session cookie (with the
X-CSRF-Token header that cookie writes need) and anonymously. No response may
be a server error, and every response must conform to what the schema
declares for its status.

Schemathesis' pytest integration is not used: ``schema.parametrize()`` needs
the schema at import time, before the ``world`` fixture (one registry per
database backend) exists, and ``schemathesis.pytest.from_fixture`` fails under
pytest 9.2 (schemathesis 4.32.5 reads ``request.node._nodeid``, which pytest
9.2 no longer has). Each operation is driven here by Hypothesis through the
operation's public ``as_strategy``, one subtest per operation. (So
schemathesis' coverage phase, which the runner adds, is not run: no probes
with unsupported methods or missing required headers.)

Valid cases are steered a little: an id field sometimes gets an id the world
holds (random ids only ever reach "not found"), and a free-text field
sometimes gets a NUL character (valid by the schema; generated strings almost
never hold one, and PostgreSQL's text type refuses it).

Bounded and repeatable: a few examples per operation, no deadline,
derandomized, no example database.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import strategies as st
from schemathesis import APIOperation, BaseSchema, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.errors import FailureGroup

import mafqud
from mafqud.web import create_app
from mafqud.web.security import SESSION_COOKIE
from tests.web.conftest import bearer
from tests.web.world import PASSWORD, World

ADMIN = "home-admin"
CALLERS = ("token", "cookie", "anonymous")
Steering = dict[str, list[Any]]

CONFIG = """
# Schema-valid data may still break a rule the schema cannot state (a record
# paired with itself, a conclusion already decided): the API's 400 for that is
# a correct refusal, not a valid input rejected. 5xx stays in the list as in
# schemathesis' default: server errors are not_a_server_error's to report.
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]
"""

SETTINGS = hypothesis.settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate, hypothesis.Phase.shrink],
    # No invalid case exists for some operations (GET /api/me has no input, a
    # free-text path parameter has no invalid value): that half of the
    # strategy then rejects all it draws.
    suppress_health_check=[hypothesis.HealthCheck.filter_too_much, hypothesis.HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def api(world: World) -> Iterator[BaseSchema]:
    config = schemathesis.Config.from_str(CONFIG)
    app = create_app(world.settings)
    yield schemathesis.openapi.from_asgi("/api/openapi.json", app, config=config)
    app.state.engine.dispose()


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "the page has no CSRF field"
    return match.group(1)


def _credentials(world: World, app: Any, caller: str) -> dict[str, Any]:
    """Keyword arguments for ``case.call``: how ``caller`` authenticates."""
    if caller == "token":
        return {"headers": bearer(world, ADMIN)}
    if caller == "anonymous":
        return {}
    client = TestClient(app)
    form = {"username": ADMIN, "password": PASSWORD, "csrf": _csrf(client.get("/login").text)}
    signed_in = client.post("/login", data=form, follow_redirects=False)
    assert signed_in.status_code == 303, signed_in.text
    csrf = _csrf(client.get("/review").text)  # signing in starts a session with a new token
    return {
        "headers": {"X-CSRF-Token": csrf},
        "cookies": {SESSION_COOKIE: client.cookies[SESSION_COOKIE]},
    }


def _steering(world: World) -> Steering:
    """Free-text fields by name, each with the values the world holds for it."""
    records = sorted(rid for source in world.sources for rid in source.ids)
    proposed = sorted(source.ids[0] for source in world.sources)  # paired in the stored linking
    return {
        "record_id": records,
        "a": proposed,
        "b": proposed,
        "record_a": proposed,
        "record_b": proposed,
        "person_id": sorted(set(world.persons.values())),
        "conclusion_id": list(range(1, 9)),  # those proposed earlier in the run
        "reason": [],
        "actor": [],
        "action": [],
        "target": records,
    }


def _with_nul(text: str) -> str:
    """The same length, one character a NUL."""
    middle = len(text) // 2
    return text[:middle] + "\x00" + text[middle + 1 :] if text else "\x00"


def _steered(steering: Steering) -> Callable[[Case], st.SearchStrategy[Case]]:
    """A valid case with some steered fields swapped for a held value or a NUL."""

    def some(values: Any) -> st.SearchStrategy[Any]:
        if not isinstance(values, dict):
            return st.just(values)
        fields = {}
        for name, value in values.items():
            choices = [st.just(value)]
            if steering.get(name):
                choices.append(st.sampled_from(steering[name]))
            if name in steering and isinstance(value, str):
                choices.append(st.just(_with_nul(value)))
            fields[name] = st.one_of(choices)
        return st.fixed_dictionaries(fields)

    def swap(case: Case) -> st.SearchStrategy[Case]:
        def apply(parts: tuple[Any, Any, Any]) -> Case:
            # Assigned only when changed: schemathesis then re-checks the case's validity.
            path_parameters, query, body = parts
            if path_parameters != case.path_parameters:
                case.path_parameters = path_parameters
            if query != case.query:
                case.query = query
            if body != case.body:
                case.body = body
            return case

        return st.tuples(some(case.path_parameters), some(case.query), some(case.body)).map(apply)

    return swap


def _cases(operation: APIOperation, steering: Steering) -> st.SearchStrategy[Case]:
    valid = operation.as_strategy(generation_mode=GenerationMode.POSITIVE)
    invalid = operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)
    return st.one_of(valid.flatmap(_steered(steering)), invalid)


def _server_error(case: Case, credentials: dict[str, Any], error: Exception) -> str:
    """An exception the app raised, shortly: what, where in mafqud, and the request."""
    source = Path(mafqud.__file__).parent
    frames = [
        f"  {Path(frame.filename).relative_to(source)}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(error.__traceback__)
        if Path(frame.filename).is_relative_to(source)
    ]
    cause: BaseException = error
    while cause.__cause__ is not None:  # SQLAlchemy wraps the driver's error
        cause = cause.__cause__
    first_line = next(iter(str(cause).splitlines()), "")
    cookies = "; ".join(f"{name}={value}" for name, value in credentials.get("cookies", {}).items())
    headers = {**credentials.get("headers", {}), **({"Cookie": cookies} if cookies else {})}
    curl = case.as_curl_command(headers=headers)
    return "\n".join([
        f"500 Internal Server Error: {type(error).__name__} from "
        f"{type(cause).__module__}.{type(cause).__name__}: {first_line}",
        "raised at (innermost last):", *frames, f"request: {curl}",
    ])  # fmt: skip


def _fuzz(operation: APIOperation, credentials: dict[str, Any], steering: Steering) -> None:
    """Generated requests to one operation. A 5xx fails at once and is shrunk; a response
    that does not conform is noted and fails the operation after the search, so that one
    common mismatch cannot cut short the search for server errors."""
    mismatches: dict[str, str] = {}

    @SETTINGS
    @hypothesis.given(case=_cases(operation, steering))
    def run(case: Case) -> None:
        sent = {name: dict(value) for name, value in credentials.items()}  # call() adds to them
        try:
            response = case.call(**sent)
        except Exception as error:  # the app raised: Starlette answered 500, then re-raised it
            raise AssertionError(_server_error(case, credentials, error)) from None
        headers = sent.get("headers")
        case.validate_response(response, checks=[not_a_server_error], headers=headers)
        try:
            case.validate_response(response, excluded_checks=[not_a_server_error], headers=headers)
        except FailureGroup as group:
            for failure in group.exceptions:  # the shortest example of each kind
                title, text = getattr(failure, "title", type(failure).__name__), str(group)
                mismatches[title] = min(mismatches.get(title, text), text, key=len)

    run()
    assert not mismatches, "responses not as the schema declares:\n\n" + "\n\n".join(
        mismatches.values()
    )


@pytest.mark.parametrize("caller", CALLERS)
def test_generated_requests_get_no_server_error_and_conform(
    world: World, api: BaseSchema, caller: str, subtests: pytest.Subtests
) -> None:
    credentials = _credentials(world, api.app, caller)
    steering = _steering(world)
    operations = [api[path][method] for path in api for method in api[path]]
    assert len(operations) >= 10, "the API's operations are missing from its schema"
    for operation in operations:
        with subtests.test(operation.label):
            _fuzz(operation, credentials, steering)
