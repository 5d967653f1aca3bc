"""A griffe extension for the docs build: Sphinx roles and doctests in docstrings, as Markdown.

The docstrings are written for ``help()`` and doctest: cross-references use
Sphinx roles (:class:`~permitcheck.InvalidLength`) and examples are doctest
blocks.  For the site, each role becomes an autorefs link to the object's
canonical path -- a link ``mkdocs build --strict`` fails on when the target does
not exist -- and each doctest block becomes a fenced ``pycon`` block.  A role
naming something outside permitcheck (``TypeError``, ``datetime.date``,
``gettext``) becomes plain code; an unqualified name that is neither a
permitcheck object nor a standard-library one stays a link, so the build fails
on it.
"""

from __future__ import annotations

import builtins
import importlib
import re
import sys
from typing import Any

import griffe

ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|mod|data|exc|obj|const):`(~?)([^`<>]+)`")
PACKAGE = "permitcheck"


def _external(target: str) -> bool:
    """Whether *target* names a builtin or something in the standard library."""
    head = target.split(".", 1)[0]
    if hasattr(builtins, head):
        return True
    if head in sys.stdlib_module_names:
        return True
    try:
        importlib.import_module(head)
    except ImportError:
        return False
    return head != PACKAGE


class SphinxRoles(griffe.Extension):
    """Rewrite the docstrings of a loaded package for Markdown and autorefs."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Rewrite every docstring of permitcheck once griffe has loaded it."""
        if pkg.path == PACKAGE:
            self._walk(pkg, pkg, set())

    def _walk(self, pkg: griffe.Module, obj: griffe.Object, seen: set[str]) -> None:
        if obj.path in seen:
            return
        seen.add(obj.path)
        if obj.docstring is not None:
            obj.docstring.value = _doctests(self._roles(pkg, obj, obj.docstring.value))
        for member in obj.members.values():
            if not member.is_alias and member.path.startswith(PACKAGE):
                self._walk(pkg, member, seen)  # type: ignore[arg-type]

    def _resolve(self, pkg: griffe.Module, obj: griffe.Object, target: str) -> str | None:
        """Return the canonical path of *target* as seen from *obj*, or None."""
        scopes = [obj.path]
        parent = obj.parent
        while parent is not None:
            scopes.append(parent.path)
            parent = parent.parent
        candidates = [target] + [f"{scope}.{target}" for scope in scopes]
        for candidate in candidates:
            if candidate != PACKAGE and not candidate.startswith(f"{PACKAGE}."):
                continue
            try:
                found = pkg[candidate[len(PACKAGE) + 1 :]] if candidate != PACKAGE else pkg
                path = str(found.canonical_path)
            except KeyError:
                continue
            except (griffe.AliasResolutionError, griffe.CyclicAliasError):
                return None  # an imported name for something outside the package
            return path if path.startswith(PACKAGE) else None
        return None

    def _roles(self, pkg: griffe.Module, obj: griffe.Object, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            short, target = match.group(1), match.group(2).strip().removesuffix("()")
            shown = target.rsplit(".", 1)[-1] if short else target
            resolved = self._resolve(pkg, obj, target)
            if resolved is not None:
                return f"[`{shown}`][{resolved}]"
            if not target.startswith(PACKAGE) and _external(target):
                return f"`{shown}`"
            return f"[`{shown}`][{target}]"  # unresolvable: the strict build reports it

        return ROLE.sub(replace, text)


def _doctests(text: str) -> str:
    """Fence every doctest block (from a ``>>>`` line to the next blank line)."""
    out: list[str] = []
    inside = False
    for line in text.splitlines():
        stripped = line.lstrip()
        if not inside and stripped.startswith(">>>"):
            out.append("```pycon")
            inside = True
        elif inside and not stripped:
            out.append("```")
            inside = False
        out.append(line)
    if inside:
        out.append("```")
    return "\n".join(out)
