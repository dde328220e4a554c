"""Whole connections: an AA plugin, a credential store, or both sharing one session_cookie."""

from __future__ import annotations

from typing import Sequence

from sps_dev.contract import facts as connection_facts
from sps_dev.contract import releases
from sps_dev.contract.facts import DEFAULT_CONNECTION, Arguments
from sps_dev.simulate.aa import Answerer, Outcome, answers_from, authenticate_and_authorize
from sps_dev.simulate.credentialstore import fetch_credentials
from sps_dev.simulate.hooks import Call, Connection, PluginFactory, PluginUnderTest


def run_connection(
    aa: PluginUnderTest | None,
    credential_store: PluginUnderTest | None,
    facts: Arguments | None = None,
    *,
    answer: Answerer | None = None,
    use_keys: bool = False,
    login_succeeds: bool = True,
    remote_apps: Sequence[str] = (),
    release: releases.Release | None = None,
    connection: Connection | None = None,
    warnings: list[str] | None = None,
) -> tuple[Connection, Outcome | None]:
    """Runs one connection the way SPS ``release`` (default: ``releases.DEFAULT_RELEASE``) does and
    returns it (with every call) and the AA outcome.

    The AA plugin decides first; the credential store is asked only when the AA plugin
    accepted (with the gateway user it may have set), and sees what the AA plugin left in the
    shared session_cookie (for example answers under "questions"). Each plugin that took part
    gets ``session_ended`` once. ``facts`` describes the connection (see
    ``facts.DEFAULT_CONNECTION``); a ``session_cookie`` in it presets the shared cookie.
    """
    line = release or releases.DEFAULT_RELEASE
    facts = dict(DEFAULT_CONNECTION if facts is None else facts)
    connection = connection or Connection()
    connection.session_cookie.update(facts.pop("session_cookie", None) or {})
    warned = warnings if warnings is not None else []
    outcome = None
    if aa is not None:
        outcome = authenticate_and_authorize(
            connection, aa, facts, answer or answers_from({}), line
        )
        warned.extend(outcome.warnings)
    if credential_store is not None and (outcome is None or outcome.verdict == "ACCEPT"):
        if outcome is not None and outcome.gateway_user:
            facts = {**facts, "gateway_user": outcome.gateway_user}
            facts["gateway_groups"] = outcome.gateway_groups
        fetch_credentials(
            connection,
            credential_store,
            facts,
            line,
            use_keys=use_keys,
            login_succeeds=login_succeeds,
            remote_apps=remote_apps,
            warnings=warned,
        )
        _end(connection, credential_store, "credentialstore", facts, line)
    if aa is not None:
        # Also after a DENY: the Plugin SDK's scenario runner does so, and whether SPS does is
        # not documented, so a plugin must cope with it.
        _end(connection, aa, "aa", facts, line)
    return connection, outcome


def _end(
    connection: Connection,
    plugin: PluginUnderTest,
    kind: str,
    facts: Arguments,
    line: releases.Release,
) -> None:
    connection.call(
        plugin, "session_ended", connection_facts.arguments(line, kind, "session_ended", facts)
    )


def run_credential_store_session(
    factory: PluginFactory,
    configuration: str,
    facts: Arguments | None = None,
    *,
    use_keys: bool = False,
    login_succeeds: bool = True,
    remote_apps: Sequence[str] = (),
    release: releases.Release | None = None,
) -> list[Call]:
    """One connection through a credential store alone; returns every call."""
    plugin = PluginUnderTest("credential store", factory, configuration, "credentialstore")
    connection, _ = run_connection(
        None,
        plugin,
        facts,
        use_keys=use_keys,
        login_succeeds=login_succeeds,
        remote_apps=remote_apps,
        release=release,
    )
    return connection.calls


def run_aa_session(
    factory: PluginFactory,
    configuration: str,
    facts: Arguments | None = None,
    *,
    answers: Arguments | None = None,
    release: releases.Release | None = None,
) -> tuple[list[Call], Outcome | None]:
    """One connection through an AA plugin alone; returns every call and the outcome."""
    plugin = PluginUnderTest("aa", factory, configuration, "aa")
    connection, outcome = run_connection(
        plugin, None, facts, answer=answers_from(answers or {}), release=release
    )
    return connection.calls, outcome
