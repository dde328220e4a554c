"""Whole connections: an AA plugin, a credential store, or both sharing one session_cookie."""

from __future__ import annotations

from .aa import Answerer, Outcome, answers_from, authenticate_and_authorize
from .credentialstore import fetch_credentials
from .facts import DEFAULT_CONNECTION
from .hooks import Arguments, Call, Connection, PluginFactory, PluginUnderTest


def run_connection(
    aa: PluginUnderTest | None,
    credential_store: PluginUnderTest | None,
    facts: Arguments | None = None,
    *,
    answer: Answerer | None = None,
    use_keys: bool = False,
    login_succeeds: bool = True,
) -> tuple[Connection, Outcome | None]:
    """Runs one connection the way SPS does and returns it (with every call) and the AA outcome.

    The AA plugin decides first; the credential store is asked only when the AA plugin
    accepted (with the gateway user it may have set), and sees what the AA plugin left in the
    shared session_cookie (for example answers under "questions"). Each plugin that took part
    gets ``session_ended`` exactly once. ``facts`` describes the connection (see
    ``facts.DEFAULT_CONNECTION``); a ``session_cookie`` in it presets the shared cookie.
    """
    facts = dict(DEFAULT_CONNECTION if facts is None else facts)
    connection = Connection(facts.pop("session_cookie", None))
    outcome = None
    if aa is not None:
        outcome = authenticate_and_authorize(connection, aa, facts, answer or answers_from({}))
    if credential_store is not None and (outcome is None or outcome.verdict == "ACCEPT"):
        if outcome is not None and outcome.gateway_user:
            facts = {**facts, "gateway_user": outcome.gateway_user}
            facts["gateway_groups"] = outcome.gateway_groups
        fetch_credentials(
            connection,
            credential_store,
            facts,
            use_keys=use_keys,
            login_succeeds=login_succeeds,
        )
        connection.call(credential_store, "session_ended", {"session_id": facts["session_id"]})
    if aa is not None:
        # Also after a DENY: the Plugin SDK's scenario runner does so, and whether SPS does is
        # not documented, so a plugin must cope with it.
        connection.call(aa, "session_ended", {"session_id": facts["session_id"]})
    return connection, outcome


def run_credential_store_session(
    factory: PluginFactory,
    configuration: str,
    facts: Arguments | None = None,
    *,
    use_keys: bool = False,
    login_succeeds: bool = True,
) -> list[Call]:
    """One connection through a credential store alone; returns every call."""
    plugin = PluginUnderTest("credential store", factory, configuration)
    connection, _ = run_connection(
        None, plugin, facts, use_keys=use_keys, login_succeeds=login_succeeds
    )
    return connection.calls


def run_aa_session(
    factory: PluginFactory,
    configuration: str,
    facts: Arguments | None = None,
    *,
    answers: Arguments | None = None,
) -> tuple[list[Call], Outcome | None]:
    """One connection through an AA plugin alone; returns every call and the outcome."""
    plugin = PluginUnderTest("aa", factory, configuration)
    connection, outcome = run_connection(plugin, None, facts, answer=answers_from(answers or {}))
    return connection.calls, outcome
