"""The ``Plugin`` class against SPS's calling convention, release by release.

SPS builds ``Plugin(configuration_text)`` and calls one hook on it with keyword arguments. It
matches arguments by name and every argument is optional [doc, AA guide]; it passes only the
names a hook declares (all of them to ``**kwargs``) [inferred]. So a hook fails at run time
only when it *requires* a name SPS does not pass, or takes parameters positionally only.
Everything else here is advice.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Sequence

from sps_dev.check.source import Method, PluginClass
from sps_dev.contract import releases
from sps_dev.rules.findings import Finding, found

# Deprecated (SPS 6 F5) names and the ones that replace them.
_DEPRECATED = {
    "target_username": ("server_username",),
    "target_host": ("server_hostname", "server_ip"),
    "target_server": ("server_hostname", "server_ip"),
    "target_port": ("server_port",),
    "target_domain": ("server_domain",),
}


@dataclass(frozen=True)
class Signature:
    required: list[str]
    optional: list[str]
    positional_only: list[str]
    var_keyword: bool


def signature(method: Method) -> Signature | None:
    """The parameters SPS can fill by name, or None when a decorator hides them."""
    args = method.arguments
    if args is None:
        return None
    positional = [*args.posonlyargs, *args.args]
    first_default = len(positional) - len(args.defaults)
    required, optional, positional_only = [], [], []
    for index, arg in enumerate(positional):
        if index < method.bound:
            continue
        if index < len(args.posonlyargs):
            positional_only.append(arg.arg)
        elif index < first_default:
            required.append(arg.arg)
        else:
            optional.append(arg.arg)
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        (required if default is None else optional).append(arg.arg)
    return Signature(required, optional, positional_only, args.kwarg is not None)


def check_constructor(plugin: PluginClass) -> list[Finding]:
    """SPS builds the plugin as ``Plugin(configuration_text)``: one positional argument."""
    init = plugin.methods.get("__init__")
    if init is None or init.arguments is None:
        return []
    args = init.arguments
    positional = [*args.posonlyargs, *args.args][init.bound :]
    required = len(positional) - len(args.defaults)
    takes_one = bool(positional) or args.vararg is not None
    missing_kw = [a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is None]
    if required <= 1 and takes_one and not missing_kw:
        return []
    return [found("P005", init.file, init.line)]


def check_hooks(plugin: PluginClass, kind: str, lines: Sequence[releases.Release]) -> list[Finding]:
    """Every hook the plugin's type and releases offer, against what SPS passes."""
    findings: list[Finding] = []
    provided = releases.SDK_BASES.get(plugin.sdk_base or "", ())
    for hook in releases.hooks_of(kind):
        offered = [line for line in lines if hook in line.hooks.get(kind, {})]
        if not offered:
            continue
        method = plugin.methods.get(hook)
        if method is None:
            if hook not in provided and not plugin.unread_bases:
                # [doc] an AA plugin must implement authenticate; other hooks are optional.
                required = kind == "aa" and hook == "authenticate"
                findings.append(
                    found("H012", plugin.file, plugin.line)
                    if required
                    else _missing(plugin, hook, offered)
                )
            continue
        findings += _check_hook(method, kind, hook, offered)
    return findings


def _missing(plugin: PluginClass, hook: str, offered: Sequence[releases.Release]) -> Finding:
    names = ", ".join(line.name for line in offered)
    return found("H001", plugin.file, plugin.line, hook=hook, releases=names)


def _check_hook(
    method: Method, kind: str, hook: str, offered: Sequence[releases.Release]
) -> list[Finding]:
    results: list[Finding] = []
    where = (method.file, method.line)
    if method.is_async:
        results.append(found("H002", *where, hook=hook))
    sig = signature(method)
    if sig is None:
        return results
    if sig.positional_only:
        results.append(found("H003", *where, hook=hook, names=", ".join(sig.positional_only)))
    passed = {line.name: line.hooks[kind][hook] for line in offered}
    every = set().union(*(p.names | p.maybe for p in passed.values()))
    for name in sig.required:
        results += _required(where, hook, name, passed)
    for name in sig.optional:
        if name not in every:
            close = difflib.get_close_matches(name, sorted(every), n=1)
            hint = f"did you mean {close[0]}?" if close else "remove it, or read it from **kwargs"
            results.append(found("H004", *where, hook=hook, name=name, hint=hint))
    if not sig.var_keyword:
        results.append(found("H005", *where, hook=hook))
    declared = {*sig.required, *sig.optional}
    for old, new in _DEPRECATED.items():
        if old in declared and not declared & set(new):
            alternatives = " or ".join(new)
            results.append(
                found("H006", *where, hook=hook, old=old, new=alternatives, first=new[0])
            )
    return results


def _required(
    where: tuple[str, int], hook: str, name: str, passed: dict[str, releases.Passed]
) -> list[Finding]:
    never = [r for r, p in passed.items() if name not in p.names]
    if not never:
        return []
    sure = [r for r in never if passed[r].complete and name not in passed[r].maybe]
    every = set().union(*(p.names for p in passed.values()))
    close = difflib.get_close_matches(name, sorted(every), n=1)
    hint = f"did you mean {close[0]}? Otherwise " if close else ""
    if sure:
        return [found("H007", *where, hook=hook, name=name, releases=", ".join(sure), hint=hint)]
    return [found("H008", *where, hook=hook, name=name, releases=", ".join(never), hint=hint)]


def check_sdk_hooks(plugin: PluginClass) -> list[Finding]:
    """A plugin built on the SDK: the SDK calls its do_* hooks with no arguments [doc: SDK], so
    a parameter without a default fails every call, and an async hook never runs."""
    if plugin.sdk_base is None:
        return []
    known = sorted({hook for hooks in releases.SDK_HOOKS.values() for hook in hooks})
    findings: list[Finding] = []
    for name, method in sorted(plugin.methods.items()):
        if not name.startswith("do_"):
            continue
        where = (method.file, method.line)
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
            if close:
                findings.append(found("H011", *where, hook=name, known=close[0]))
            continue
        if method.is_async:
            findings.append(found("H010", *where, hook=name))
        sig = signature(method)
        if sig is not None and (sig.required or sig.positional_only):
            names = ", ".join([*sig.positional_only, *sig.required])
            findings.append(found("H009", *where, hook=name, names=names))
    return findings


def check_plugin_class(
    plugin: PluginClass, kind: str, lines: Sequence[releases.Release]
) -> list[Finding]:
    findings = check_constructor(plugin)
    if kind in releases.PLUGIN_TYPES:
        findings += check_hooks(plugin, kind, lines)
    findings += check_sdk_hooks(plugin)
    return findings
