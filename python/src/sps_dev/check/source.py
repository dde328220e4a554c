"""Reading a plugin's Python source without running it: its imports, and the ``Plugin`` class
SPS would load with its hooks' signatures.

Nothing here imports or executes the plugin, so a missing SDK, a module-level side effect or
a heavy import can neither break nor fool ``check``.
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass, field
from typing import Callable, Iterator, Tuple, Union

from sps_dev.contract import releases

# A plugin module larger than this is not parsed: SPS's whole ZIP is at most 20 MB, and no
# hand-written module comes near this size.
MAX_SOURCE_BYTES = 2 * 1024 * 1024
# Local classes deriving from local classes: deeper than this is a cycle or generated code.
MAX_BASES_DEPTH = 25


class SourceError(Exception):
    """A module that cannot be read as Python."""


@dataclass(frozen=True)
class Import:
    module: str  # absolute dotted name
    line: int
    # Inside try/except ImportError: the plugin copes when it is missing.
    guarded: bool


@dataclass(frozen=True)
class Method:
    name: str
    file: str
    line: int
    # None when a decorator hides the signature SPS sees.
    arguments: ast.arguments | None
    # How many leading parameters Python fills itself (self or cls): 1, or 0 for staticmethod.
    bound: int = 1
    is_async: bool = False


@dataclass
class PluginClass:
    file: str
    line: int
    methods: dict[str, Method] = field(default_factory=dict)
    # The SDK base class it derives from (AAPlugin, CredentialStorePlugin, PluginBase), if any.
    sdk_base: str | None = None
    # Bases outside the plugin that check cannot read: hooks may come from them.
    unread_bases: list[str] = field(default_factory=list)


# (dotted module name, file path in the tree, parsed module)
Parsed = Tuple[str, str, ast.Module]


def parse(data: bytes, file: str) -> ast.Module:
    """The module's syntax tree; Python itself decodes it (coding cookie, UTF-8 default)."""
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceError(f"is {len(data) // 1024} KiB, too large to be read as plugin source")
    try:
        return ast.parse(data, filename=file)
    except (SyntaxError, ValueError) as error:  # ValueError: NUL bytes before Python 3.12
        where = f" (line {error.lineno})" if isinstance(error, SyntaxError) and error.lineno else ""
        raise SourceError(f"is not valid Python{where}: {error.args[0]}") from None
    except (RecursionError, MemoryError):
        raise SourceError("is nested too deeply to be parsed") from None


def module_name(path: str) -> tuple[str, bool]:
    """The dotted module a ``.py`` path in the plugin is imported as, and whether it is a
    package's ``__init__``: ``vault/__init__.py`` -> (``vault``, True)."""
    dotted = path[:-3].replace("/", ".")
    is_package = dotted == "__init__" or dotted.endswith(".__init__")
    return (dotted[: -len(".__init__")] if dotted.endswith(".__init__") else dotted), is_package


def newer_syntax(data: bytes, python: tuple[int, int]) -> str | None:
    """Why the source does not parse as ``python`` (best effort, as ast's feature_version)."""
    try:
        ast.parse(data, feature_version=python)
    except SyntaxError as error:
        return f"line {error.lineno}: {error.args[0]}"
    except (ValueError, RecursionError, MemoryError):
        return None
    return None


def _is_import_error_handler(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return caught is None or any(
        isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError", "Exception")
        for n in names
    )


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _package_of(module: str, is_package: bool, level: int) -> str:
    parts = module.split(".") if is_package else module.split(".")[:-1]
    return ".".join(parts[: len(parts) - (level - 1)] if level > 1 else parts)


# (the source's SHA-256, its file) -> its imports: a digest, not the source, so that what is
# remembered stays small whatever the plugin's modules weigh.
_IMPORTS: dict[tuple[str, str], tuple[Import, ...]] = {}


def imports_of(data: bytes, file: str) -> tuple[Import, ...]:
    """The imports of the module ``file`` holding ``data``, remembered: build selects the files
    by what they import, then checks the folder and the ZIP made of the same modules, and a
    project's tests build more than once in one process. SourceError when it does not parse."""
    key = (hashlib.sha256(data).hexdigest(), file)
    if key not in _IMPORTS:
        if len(_IMPORTS) >= 4096:
            _IMPORTS.clear()
        module, is_package = module_name(file)
        _IMPORTS[key] = tuple(imports(parse(data, file), module, is_package))
    return _IMPORTS[key]


def imports(tree: ast.Module, module: str, is_package: bool) -> list[Import]:
    """Every import the module can execute, as absolute names (type-checking-only imports
    are left out: they never run)."""
    found: list[Import] = []

    def visit(node: ast.AST, guarded: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, node.lineno, guarded) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(module, is_package, node.level)
                target = ".".join(p for p in (base, node.module or "") if p)
            else:
                target = node.module or ""
            if target:
                found.append(Import(target, node.lineno, guarded))
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child, guarded)
        elif isinstance(node, ast.Try):
            inner = guarded or any(_is_import_error_handler(h) for h in node.handlers)
            for child in node.body:
                visit(child, inner)
            for handler in node.handlers:
                visit(handler, guarded)
            for child in [*node.orelse, *node.finalbody]:
                visit(child, guarded)
        else:
            for inner_node in ast.iter_child_nodes(node):
                visit(inner_node, guarded)

    visit(tree, False)
    return found


# What a name in a module stands for: a class defined there, something imported from
# another module (module, attribute), a module itself, or an alias of another name.
Binding = Union[ast.ClassDef, Tuple[str, str], str, ast.AST]


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements that run when the module is imported, conditional ones included."""
    for node in body:
        yield node
        if isinstance(node, (ast.If, ast.Try, ast.With)):
            for part in ("body", "orelse", "finalbody", "handlers"):
                for child in getattr(node, part, []):
                    if isinstance(child, ast.ExceptHandler):
                        yield from _top_level(child.body)
                    else:
                        yield from _top_level([child])


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return f"{head}.{node.attr}" if head else None
    return None


class Resolver:
    """Finds what ``Plugin`` is, following imports between the plugin's own modules."""

    def __init__(self, load: Callable[[str], Parsed | None]) -> None:
        # load(dotted) -> the plugin's own module of that name, or None when it is not there.
        self._load = load

    def _bindings(self, module: ast.Module, name: str) -> tuple[Binding | None, list[str]]:
        bound: Binding | None = None
        stars: list[str] = []
        for node in _top_level(module.body):
            if isinstance(node, ast.ClassDef) and node.name == name:
                bound = node
            elif isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if alias.name == "*":
                        stars.append("." * node.level + (node.module or ""))
                    elif (alias.asname or alias.name) == name:
                        bound = ("." * node.level + (node.module or ""), alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname == name or (not alias.asname and alias.name == name):
                        bound = alias.name
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                    bound = node.value if node.value is not None else bound
        return bound, stars

    def _absolute(self, here: str, is_package: bool, module: str) -> str:
        level = len(module) - len(module.lstrip("."))
        if not level:
            return module
        base = _package_of(here, is_package, level)
        return ".".join(p for p in (base, module[level:]) if p)

    def find(
        self, parsed: Parsed, name: str, depth: int = 0
    ) -> tuple[Parsed, ast.ClassDef] | str | None:
        """The class ``name`` stands for in ``parsed``: (module, class) when it is the
        plugin's own, the dotted name when it comes from outside, None when unbound."""
        if depth > MAX_BASES_DEPTH:
            return None
        dotted, file, tree = parsed
        is_package = file.endswith("__init__.py")
        bound, stars = self._bindings(tree, name)
        if bound is None:
            for star in stars:
                found = self._from_module(self._absolute(dotted, is_package, star), name, depth)
                if found is not None:
                    return found
            return None
        if isinstance(bound, ast.ClassDef):
            return parsed, bound
        if isinstance(bound, tuple):
            return self._from_module(self._absolute(dotted, is_package, bound[0]), bound[1], depth)
        if isinstance(bound, str):
            return bound
        target = _dotted(bound) if isinstance(bound, ast.expr) else None
        if target is None:
            return None
        return self._dotted_in(parsed, target, depth)

    def _dotted_in(
        self, parsed: Parsed, target: str, depth: int
    ) -> tuple[Parsed, ast.ClassDef] | str | None:
        head, _, rest = target.partition(".")
        if not rest:
            return self.find(parsed, head, depth + 1)
        # a.b.C: what "a" is bound to in this module, then the rest inside it.
        dotted, file, tree = parsed
        bound, _ = self._bindings(tree, head)
        if isinstance(bound, str):
            module, _, attr = f"{bound}.{rest}".rpartition(".")
        elif isinstance(bound, tuple):
            base = self._absolute(dotted, file.endswith("__init__.py"), bound[0])
            module, _, attr = f"{base}.{bound[1]}.{rest}".rpartition(".")
        else:
            return target
        return self._from_module(module, attr, depth)

    def _from_module(
        self, module: str, name: str, depth: int
    ) -> tuple[Parsed, ast.ClassDef] | str | None:
        loaded = self._load(module)
        if loaded is None:
            return f"{module}.{name}"
        return self.find(loaded, name, depth + 1)

    def plugin_class(self, entry: Parsed) -> PluginClass | str | None:
        """The Plugin class of the entry module; the dotted name where it lives outside the
        plugin; None when the entry module binds no Plugin."""
        found = self.find(entry, "Plugin")
        if not isinstance(found, tuple):
            return found
        (_, file, _), node = found
        plugin = PluginClass(file, node.lineno)
        self._collect(found, plugin, set(), 0)
        return plugin

    def _collect(
        self,
        found: tuple[Parsed, ast.ClassDef],
        plugin: PluginClass,
        seen: set[int],
        depth: int,
    ) -> None:
        parsed, node = found
        if id(node) in seen or depth > MAX_BASES_DEPTH:
            return
        seen.add(id(node))
        for method in _methods(node, parsed[1]):
            plugin.methods.setdefault(method.name, method)
        for base in node.bases:
            target = _dotted(base)
            resolved = self._dotted_in(parsed, target, depth) if target else None
            if isinstance(resolved, tuple):
                self._collect(resolved, plugin, seen, depth + 1)
            elif isinstance(resolved, str):
                module, _, name = resolved.rpartition(".")
                if module.startswith(releases.SDK_MODULE) and name in releases.SDK_BASES:
                    plugin.sdk_base = plugin.sdk_base or name
                elif resolved not in ("object", "builtins.object"):
                    plugin.unread_bases.append(resolved)
            elif target is not None and target != "object":
                plugin.unread_bases.append(target)


def _methods(node: ast.ClassDef, file: str) -> Iterator[Method]:
    for item in _top_level(node.body):
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            decorators = [_dotted(d) for d in item.decorator_list]
            known = {"staticmethod", "classmethod"}
            hidden = any(d not in known for d in decorators)
            yield Method(
                item.name,
                file,
                item.lineno,
                None if hidden else item.args,
                0 if "staticmethod" in decorators else 1,
                isinstance(item, ast.AsyncFunctionDef),
            )
        elif isinstance(item, ast.Assign):
            for target in item.targets:
                if isinstance(target, ast.Name):
                    yield Method(target.id, file, item.lineno, None)
