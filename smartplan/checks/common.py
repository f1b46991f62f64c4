"""What every check needs: a diagnostic placed by field path, and a "did you mean" suggestion."""

from __future__ import annotations

from collections.abc import Iterable
from difflib import get_close_matches

from smartplan.errors import NO_TEXT, Diagnostic, Text
from smartplan.source import Path_, dotted


def at(
    file: str,
    path: Path_,
    code: str,
    message: Text,
    hint: Text = NO_TEXT,
    severity: str = "error",
    field: str | None = None,
) -> Diagnostic:
    """A diagnostic about the value at `path`; `field` names it when the path alone would mislead."""
    return Diagnostic(file, 0, 0, code, message, severity, dotted(path) if field is None else field, hint, path)


def suggest(name: str, known: Iterable[str]) -> Text:
    """'did you mean ...?' for the closest known name, or nothing."""
    candidates = list(known)
    if len(candidates) > 2_000:  # difflib costs grow with the list; a hostile plan could make this quadratic
        return NO_TEXT
    # 0.7: ids share prefixes such as "prg-" and "qw-2025-", which alone must not make a suggestion
    close = get_close_matches(name, candidates, n=1, cutoff=0.7)
    if close:
        return Text.of("did-you-mean", name=close[0])
    # 'apbd' for 'apbd-kota': the start of an id, up to one of its hyphens
    longer = sorted(c for c in candidates if c.startswith(f"{name}-"))
    if not longer:
        return NO_TEXT
    names: Text | str = repr(longer[0])
    for other in longer[1:3]:
        names = Text.of("or", first=names, then=repr(other))
    return Text.of("did-you-mean.any", names=names)
