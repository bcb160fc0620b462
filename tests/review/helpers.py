"""The principal of a world's user, as the web app would build it."""

from __future__ import annotations

from mafqud.access import Principal, get_user, principal_for_user
from mafqud.registry import transaction
from tests.web.world import World


def principal(world: World, username: str) -> Principal:
    with transaction(world.engine) as session:
        return principal_for_user(session, get_user(session, username))
