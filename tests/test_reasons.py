"""Every Reason the mock can raise is one the service model defines for that exception.

The wire check in conftest.py covers every error a test provokes; this scan covers the literal reasons
of the whole package, whether a test provokes them or not.
"""

from __future__ import annotations

import ast
from pathlib import Path

import smsvoice_mock
from smsvoice_mock._model import enum_values

PACKAGE = Path(smsvoice_mock.__file__).parent
EXCEPTIONS = (
    "ValidationException",
    "ConflictException",
    "ServiceQuotaExceededException",
    "AccessDeniedException",
)


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text()) for path in sorted(PACKAGE.rglob("*.py"))}


def _reason_helpers(trees: dict[Path, ast.Module]) -> dict[str, tuple[int, set[str]]]:
    """Functions taking a ``reason`` parameter: name -> (its position without ``self``, the
    exceptions they raise), resolved through helpers that call helpers."""
    defs: dict[str, tuple[int, ast.FunctionDef]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                names = [a.arg for a in node.args.posonlyargs + node.args.args]
                names = [n for n in names if n not in ("self", "cls")]
                if "reason" in names or "reason" in [a.arg for a in node.args.kwonlyargs]:
                    position = names.index("reason") if "reason" in names else -1
                    defs[node.name] = (position, node)
    helpers: dict[str, tuple[int, set[str]]] = {
        name: (pos, set()) for name, (pos, _) in defs.items()
    }
    changed = True
    while changed:
        changed = False
        for name, (_, node) in defs.items():
            kinds = helpers[name][1]
            for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
                callee = _callee(call)
                found = {callee} if callee in EXCEPTIONS else set()
                if callee in helpers and callee != name:
                    found = helpers[callee][1]
                if not found <= kinds:
                    kinds |= found
                    changed = True
    return helpers


def _literal_reasons() -> list[tuple[str, int, str, set[str]]]:
    """(file, line, reason, exceptions it may belong to) for every literal reason in the package."""
    trees = _trees()
    helpers = _reason_helpers(trees)
    found = []
    for path, tree in trees.items():
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            callee = _callee(call)
            if callee in EXCEPTIONS:
                kinds, position = {callee}, -1
            elif callee in helpers:
                position, kinds = helpers[callee]
            else:
                continue
            argument = next((k.value for k in call.keywords if k.arg == "reason"), None)
            if argument is None and 0 <= position < len(call.args):
                argument = call.args[position]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.append((path.name, call.lineno, argument.value, set(kinds)))
    return found


def test_every_literal_reason_is_in_the_models_enum() -> None:
    """Each ``reason`` the package raises is a value of the model's ``<Exception>Reason`` enum (botocore
    service model, the source of truth for error shapes; issue 7, "Keep the docs true")."""
    found = _literal_reasons()
    assert len(found) > 150  # the scan sees the package's errors, not nothing
    wrong = [
        f"{file}:{line}: {reason} ({'/'.join(sorted(kinds))})"
        for file, line, reason, kinds in found
        if not kinds or not any(reason in enum_values(f"{kind}Reason") for kind in kinds)
    ]
    assert wrong == []
