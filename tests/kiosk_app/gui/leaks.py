"""Search the live Python objects, the widgets and directories for a person's data."""

from __future__ import annotations

import gc
import linecache
import sys
import types
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

_OPAQUE = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.CodeType)


def reachable(roots: Iterable[object]) -> set[int]:
    """Ids of everything the roots hold through data (not through classes, modules, functions)."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, _OPAQUE):
            continue
        seen.add(id(obj))
        stack.extend(gc.get_referents(obj))
    return seen


def server_side(*roots: object) -> set[int]:
    """Ids of what is not the kiosk's: the municipality server's modules' globals, the demo
    cards (the simulator's people, with their fictitious names), Python's cache of source lines
    (test files spell out what the tests type), Hypothesis's pool of source literals and the
    given roots."""
    from issuance_server.demo_data import DemoCard

    modules = [
        vars(module) for name, module in sys.modules.items() if name.startswith("issuance_server")
    ]
    cards = [obj for obj in gc.get_objects() if isinstance(obj, DemoCard)]
    return reachable([*modules, *cards, linecache.cache, *_source_literal_pools(), *roots])


def _source_literal_pools() -> list[object]:
    """Hypothesis keeps the string literals of every loaded module's source (the demo data's
    fictitious names among them) to seed its examples: source text, like linecache."""
    providers = sys.modules.get("hypothesis.internal.conjecture.providers")
    pool = getattr(providers, "_local_constants", None)
    return [] if pool is None else [pool]


def _matches(value: object, needles: list[str], encoded: list[bytes]) -> bool:
    if isinstance(value, str):
        return any(n in value for n in needles)
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        return any(e in data for e in encoded)
    return False


def _path(obj: object, skip: set[int], depth: int = 5) -> str:
    """Who holds ``obj``: a chain of referrer types (for a readable failure)."""
    chain = [type(obj).__name__]
    for _ in range(depth):
        holders = [r for r in gc.get_referrers(obj) if id(r) not in skip and r is not chain]
        holders = [r for r in holders if not isinstance(r, types.FrameType)]
        if not holders:
            break
        obj = holders[0]
        name = type(obj).__name__
        if isinstance(obj, dict):
            name += "{" + ",".join(sorted(str(k) for k in list(obj)[:6])) + "}"
        chain.append(name)
    return " < ".join(chain)


def live_hits(needles: list[str], server_roots: Iterable[object] = ()) -> list[str]:
    """Live str/bytes/bytearray values (in any container) holding a needle.

    Values held only by the municipality server's own data (see ``server_side``) do not count;
    that set is computed only when there are candidates, as it is the slow part.
    """
    encoded = [n.encode(enc) for n in needles for enc in ("utf-8", "utf-16-le", "shift_jis")]
    candidates: list[tuple[object, object]] = []
    skip = {id(needles), id(encoded), id(candidates)} | {id(n) for n in needles}
    skip |= {id(e) for e in encoded}
    frame: types.FrameType | None = sys._getframe()
    while frame is not None:
        skip.add(id(frame))
        frame = frame.f_back
    gc.collect()
    containers = (tuple, dict, frozenset, list, set)
    pending: list[tuple[object, object]] = [(obj, obj) for obj in gc.get_objects()]
    skip.add(id(pending))
    while pending:
        holder, obj = pending.pop()
        if id(obj) in skip:
            continue
        for ref in gc.get_referents(obj):
            kind = type(ref)
            if kind is str:
                if any(n in ref for n in needles):
                    candidates.append((holder, ref))
            elif kind is bytes or kind is bytearray:
                if any(e in ref for e in encoded):
                    candidates.append((holder, ref))
            elif kind in containers and not gc.is_tracked(ref):
                pending.append((holder, ref))  # untracked containers are not in get_objects()
    if not candidates:
        return []
    server = server_side(*server_roots)
    return [
        f"{type(obj).__name__} in {_path(holder, skip)}: {str(obj)[:40]!r}"
        for holder, obj in candidates
        if id(holder) not in server and id(obj) not in server
    ]


def widget_texts(widgets: Iterable[QWidget] | None = None) -> list[str]:
    """Every text shown by every widget (labels, buttons, titles, tooltips)."""
    texts: list[str] = []
    for widget in widgets if widgets is not None else QApplication.allWidgets():
        texts += [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
    return texts


def file_hits(roots: Iterable[Path], needles: list[str], skip: Iterable[Path] = ()) -> list[Path]:
    """Files under the roots (except ``skip`` trees) whose bytes contain a needle."""
    encoded = [n.encode(enc) for n in needles for enc in ("utf-8", "utf-16-le", "shift_jis")]
    skipped = [s.resolve() for s in skip]
    hits = []
    for root in roots:
        for path in root.rglob("*") if root.exists() else ():
            resolved = path.resolve()
            if not path.is_file() or any(resolved.is_relative_to(s) for s in skipped):
                continue
            data = path.read_bytes()
            if any(e in data for e in encoded):
                hits.append(path)
    return hits
