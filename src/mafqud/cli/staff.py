"""`mafqud user`, `token`, `audit` and `serve`: staff accounts and the web application.

The first admin can only be made here, by whoever runs commands on the
server; every change made here is in the audit log under the operator's name.
"""

from __future__ import annotations

import sys
from datetime import timedelta

import typer
from rich.table import Table

from mafqud.access import (
    Permission,
    Role,
    add_user,
    audit,
    audit_entries,
    audit_head,
    create_token,
    get_user,
    list_users,
    revoke_token,
    walk_audit,
)
from mafqud.cli.context import JSON, agent, console, emit_json, state
from mafqud.errors import IntegrityFailure, InvalidInput
from mafqud.registry import ChainBreak, transaction, utc_now, utc_text


def register(app: typer.Typer) -> None:
    user = typer.Typer(help="Staff accounts.", no_args_is_help=True)
    user.command("add")(user_add)
    user.command("list")(user_list)
    app.add_typer(user, name="user")
    token = typer.Typer(help="API tokens for machine clients.", no_args_is_help=True)
    token.command("add")(token_add)
    token.command("revoke")(token_revoke)
    app.add_typer(token, name="token")
    log = typer.Typer(help="The audit log of writes and restricted reads.", no_args_is_help=True)
    log.command("show")(audit_show)
    log.command("verify")(audit_verify)
    app.add_typer(log, name="audit")
    app.command("serve")(serve)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = typer.prompt("password", hide_input=True)
    if typer.prompt("again", hide_input=True) != first:
        raise InvalidInput("the two passwords differ")
    return str(first)


def user_add(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="Login name: lower-case letters, digits, . _ -"),
    org: str = typer.Option(..., "--org", help="Domain of the user's organisation."),
    role: Role = typer.Option(
        ..., "--role", help="viewer, researcher, reviewer, case-worker, admin"
    ),
    name: str | None = typer.Option(None, "--name", help="Name shown beside decisions."),
    language: str = typer.Option("ar", "--language", help="Interface language: ar or en."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin."
    ),
    as_json: bool = JSON,
) -> None:
    """Create a staff account (the first admin is created this way)."""
    password = _password(password_stdin)
    with transaction(state(ctx).engine()) as session:
        user = add_user(session, username, org, role, password, name, language)
        audit(session, f"cli {agent()}", "add-user", user.username,
              {"role": user.role, "organisation_id": user.organisation_id})  # fmt: skip
        result = {"username": user.username, "role": user.role, "organisation": org.lower()}
    if as_json:
        emit_json(result)
    else:
        console.print(f"user {result['username']} ({result['role']}) added to {org}")


def user_list(ctx: typer.Context, as_json: bool = JSON) -> None:
    """List staff accounts."""
    with transaction(state(ctx).engine()) as session:
        rows = [
            {"username": u.username, "name": u.display_name, "role": u.role,
             "organisation_id": u.organisation_id, "language": u.language, "active": u.active}
            for u in list_users(session)
        ]  # fmt: skip
    if as_json:
        emit_json(rows)
        return
    columns = ("username", "name", "role", "organisation_id", "language", "active")
    table = Table(*columns)
    for row in rows:
        table.add_row(*(str(row[k]) for k in columns))
    console.print(table)


def token_add(
    ctx: typer.Context,
    username: str = typer.Argument(..., help="The user the token acts for."),
    name: str = typer.Option(..., "--name", help="What the token is for, e.g. 'nightly export'."),
    scope: list[Permission] = typer.Option(
        ..., "--scope", help="A permission the token carries; repeat for several."
    ),
    days: int = typer.Option(90, "--days", min=1, max=3650, help="Days until it expires."),
    as_json: bool = JSON,
) -> None:
    """Create an API token; its secret is printed once and never stored."""
    with transaction(state(ctx).engine()) as session:
        user = get_user(session, username)
        token, secret = create_token(session, user, name, frozenset(scope),
                                     utc_now() + timedelta(days=days))  # fmt: skip
        audit(session, f"cli {agent()}", "add-token", user.username,
              {"token_id": token.id, "scopes": token.scopes})  # fmt: skip
        scopes = token.scopes.split()
        expires = utc_text(token.expires_at) if token.expires_at else None
        result = {"id": token.id, "user": user.username, "scopes": scopes,
                  "expires_at": expires, "secret": secret}  # fmt: skip
    if as_json:
        emit_json(result)
    else:
        console.print(f"token {token.id} for {username} ({' '.join(scopes)}), expires {expires}")
        console.print(f"secret (shown once): {secret}", highlight=False)


def token_revoke(ctx: typer.Context, token_id: int = typer.Argument(...)) -> None:
    """Revoke an API token at once."""
    with transaction(state(ctx).engine()) as session:
        revoke_token(session, token_id)
        audit(session, f"cli {agent()}", "revoke-token", str(token_id))
    console.print(f"token {token_id} revoked")


def audit_show(
    ctx: typer.Context,
    actor: str | None = typer.Option(None, "--actor"),
    action: str | None = typer.Option(None, "--action"),
    target: str | None = typer.Option(None, "--target"),
    limit: int = typer.Option(50, "--limit", min=1, max=100_000),
    as_json: bool = JSON,
) -> None:
    """The newest audit entries, filtered."""
    with transaction(state(ctx).engine()) as session:
        rows = [
            {"seq": e.seq, "at": utc_text(e.at), "actor": e.actor, "action": e.action,
             "target": e.target, "details": e.details}
            for e in audit_entries(session, actor=actor, action=action, target=target,
                                   limit=limit)
        ]  # fmt: skip
    if as_json:
        emit_json(rows)
        return
    table = Table("#", "at", "actor", "action", "target", "details")
    for row in rows:
        table.add_row(*(str(row[k]) for k in ("seq", "at", "actor", "action", "target", "details")))
    console.print(table)


def audit_verify(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Re-check the audit log's hash chain; exits non-zero if any entry was changed or removed."""
    with transaction(state(ctx).engine()) as session:
        entries, breaks = 0, []
        for item in walk_audit(session):
            if isinstance(item, ChainBreak):
                breaks.append({"seq": item.seq, "problem": item.problem})
            else:
                entries += 1
        head = audit_head(session)
    result = {"entries": entries, "breaks": breaks, "head": head}
    if as_json:
        emit_json(result)
    else:
        console.print(f"{entries} audit entries, head {head}")
        for problem in breaks:
            console.print(f"[red]entry {problem['seq']}[/red]: {problem['problem']}")
    if breaks:
        raise IntegrityFailure(f"the audit log's chain is broken at {len(breaks)} place(s)")


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    secure_cookies: bool = typer.Option(
        False, "--secure-cookies", help="Send the session cookie over HTTPS only (behind TLS)."
    ),
) -> None:
    """Run the staff pages (at /) and the JSON API (at /api, schema /api/openapi.json)."""
    import uvicorn

    from mafqud.web import create_app

    app = create_app(state(ctx).settings, secure_cookies=secure_cookies)
    uvicorn.run(app, host=host, port=port, proxy_headers=True)
