"""The template set of a plan, and the Jinja environment of each output format: options, filters, globals.

One search path for templates and labels: [the plan's own templates/, the built-in templates]; the
first file found wins. Sandboxed only when the plan has its own templates/ folder. A plan's templates are untrusted code
(a pull request can add them, and CI renders them), so then every template runs in the sandbox, with
its limits on `*` and `**` and on time, the built-in ones included. Without that folder only the
built-in templates run: they are our code, and plan data reaches them only as values, never as code,
so they run in a plain environment, which is faster. Both have the same options,
filters and globals, so the output is the same byte for byte; their compiled templates are kept apart.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from smartplan import tables
from smartplan.context import View
from smartplan.i18n import Language, builtin_templates, format_label, title_case, unnested
from smartplan.markup import escape_markdown, to_html, to_markdown
from smartplan.sandbox import Sandbox, check_overrides


@dataclass(frozen=True)
class TemplateSet:
    """Where templates and labels are looked up, and whether they run in the sandbox (a plan's own are code)."""

    own: Path | None  # the plan's templates/ folder, if it has one
    builtin: Path

    @classmethod
    def of(cls, plan_dir: Path) -> TemplateSet:
        """The plan's template set; links, FIFOs and huge files in its templates/ are refused first."""
        own = plan_dir / "templates"
        if own.is_symlink() or own.is_dir():
            check_overrides(own)
            return cls(own, builtin_templates())
        return cls(None, builtin_templates())

    @property
    def paths(self) -> list[Path]:
        """The search path: the first file found wins."""
        return [self.builtin] if self.own is None else [self.own, self.builtin]

    @property
    def sandboxed(self) -> bool:
        return self.own is not None


class Labels:
    """`t` in templates: `t.key` is the fixed label `key`; `t("key", name=value)` fills in its {name} fields.

    A look-up of an attribute costs a template far less than a call, which Jinja checks on every
    use, and labels are used everywhere.
    """

    _lang: Language

    def __init__(self, lang: Language) -> None:
        self.__dict__.update({key: text for key, text in lang.messages.items() if not key.startswith("_")})
        self.__dict__["_lang"] = lang  # underscored, so no template reaches it: the sandbox refuses such names

    def __call__(self, key: str, **values: Any) -> str:
        text = self[key]
        return format_label(text, **values) if values else text  # self[key] says which label is missing

    def __getitem__(self, key: str) -> str:
        """A label by name; Jinja asks here for `t.key` too once it is not an attribute, i.e. not a label."""
        try:
            return self._lang.label(key)
        except KeyError as exc:
            raise jinja2.TemplateRuntimeError(str(exc.args[0])) from None


def css_string(value: object) -> Markup:
    """Text safe inside a double-quoted CSS string in a <style> element (no quote, backslash, newline or tag)."""
    text = " ".join((value.unescape() if isinstance(value, Markup) else str(value)).split())
    return Markup("".join(c if c.isalnum() or c in " .,-–()/:" else f"\\{ord(c):x} " for c in text))


def escape_output(value: Any) -> str:
    """What markupsafe's `escape` makes of a value a template prints, as a plain string, not a Markup object.

    The same characters: `&`, `<`, `>`, `"` and `'` as markupsafe writes them, a Markup value (or any
    value with `__html__`) as it is, anything else as its text, escaped.
    """
    if type(value) is str:
        if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
            return (
                value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace('"', "&#34;")
                .replace("'", "&#39;")
            )
        return value
    if type(value) is Markup:
        return value
    if type(value) is int:
        return str(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return escape_output(str(value))


class _Template(jinja2.Template):
    """A template whose printed values are escaped into plain strings (escape_output), not Markup objects.

    With autoescape, Jinja's compiled code passes every value a template prints through markupsafe's
    `escape`, and only ever joins the results into the text around them, so making each result a Markup
    object is work for nothing. The compiled code names that function `escape`; a template is given
    escape_output under that name, which makes the same text (tests/test_render_environment.py checks
    both, and that every HTML template gets it).
    """

    @classmethod
    def from_code(
        cls,
        environment: jinja2.Environment,
        code: Any,
        globals: Any,
        uptodate: Callable[[], bool] | None = None,
    ) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        names = template.root_render_func.__globals__  # the compiled module's, shared by its blocks and macros
        if names.get("escape") is escape:  # markupsafe's
            names["escape"] = escape_output
        return template


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in this process (`serve` rebuilds without compiling again) and on disk.

    Compiling the templates is a large part of building a small plan. On disk means Jinja's cache folder:
    /tmp/_jinja2-cache-<uid>, made by Jinja for this user alone (0700, checked), written atomically. Each
    template is keyed by its path and checked against the checksum of its source, so an edited template compiles
    anew; each cache has its own file names, made from what shapes the compiled code: the format (autoescape,
    finalize), sandboxing, the environment's options and the Jinja version. Without a usable folder, or with a
    full disk, the templates are compiled as before.
    """

    def __init__(self, namespace: str) -> None:
        self.code: dict[tuple[str, str], Any] = {}
        self.namespace = namespace

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        bucket.code = self.code.get((bucket.key, bucket.checksum))
        if bucket.code is None and self.disk is not None:
            with contextlib.suppress(OSError):
                self.disk.load_bytecode(bucket)  # a stale or damaged file leaves bucket.code None: compiled again

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[(bucket.key, bucket.checksum)] = bucket.code
        if self.disk is not None:
            with contextlib.suppress(OSError):
                self.disk.dump_bytecode(bucket)

    @functools.cached_property
    def disk(self) -> jinja2.BytecodeCache | None:
        """Jinja's folder, made and checked once, at the first template; None if switched off or unusable."""
        if os.environ.get("SMARTPLAN_TEMPLATE_CACHE", "1") == "0":
            return None
        try:
            return jinja2.FileSystemBytecodeCache(pattern=f"__smartplan_{self.namespace}_%s.cache")
        except (OSError, RuntimeError):  # RuntimeError: Jinja found the folder unsafe
            return None


# The options every environment shares; they shape the compiled code, so they name the caches on disk.
_OPTIONS: dict[str, Any] = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
_FINGERPRINT = hashlib.sha256(repr((jinja2.__version__, sorted(_OPTIONS.items()))).encode()).hexdigest()[:12]
# Per format and per sandboxing: the sandbox compiles each call, `*` and `**` into a check, the plain one does not.
_COMPILED = {
    (fmt, sandboxed): _CompiledTemplates(f"{fmt}_{'sandbox' if sandboxed else 'plain'}_{_FINGERPRINT}")
    for fmt in ("md", "html")
    for sandboxed in (False, True)
}


def environment(templates: TemplateSet, fmt: str, view: View) -> jinja2.Environment:
    """The environment for one output format and language; sandboxed if the plan has templates of its own."""
    markdown, lang, sandboxed = fmt == "md", view.lang, templates.sandboxed
    env = (Sandbox if sandboxed else jinja2.Environment)(
        loader=jinja2.FileSystemLoader([str(p) for p in templates.paths]),
        undefined=jinja2.StrictUndefined,
        autoescape=not markdown,
        **_OPTIONS,
        finalize=(lambda v: v if isinstance(v, Markup) else escape_markdown(v)) if markdown else None,
        bytecode_cache=_COMPILED[fmt, sandboxed],
    )
    env.template_class = _Template
    title = escape(lang.label("placeholder_note"))
    sign = Markup(f'<sup class="ph" title="{title}">{tables.PLACEHOLDER_MARK}</sup>')

    def mark(source: str | None) -> str:
        """The sign that a figure is illustrative, shown next to it."""
        if not view.is_placeholder(source):
            return ""
        return tables.PLACEHOLDER_MARK if markdown else sign

    def marked(cell: str) -> str:
        """A table cell whose figure ends in a † (tables.py), the † shown as the templates show it."""
        if markdown or not cell.endswith(tables.PLACEHOLDER_MARK):
            return cell
        return escape(cell[: -len(tables.PLACEHOLDER_MARK)]) + sign

    env.filters.update(
        marked=marked,
        money=lang.money,
        budget=lang.budget,
        title_case=title_case,
        unnested=unnested,
        number=lang.number,
        date=lang.date,
        month=lang.month,
        css_string=css_string,
        markdown=to_markdown if markdown else to_html,
        mark=mark,
        url=(lambda u: Markup(quote(str(u), safe=":/?#@!$&'*+,;=%~-._"))) if markdown else str,
    )
    env.globals.update(t=Labels(lang), h=lambda level: Markup("#" * int(level)), once=_once())
    return env


def _once() -> Callable[..., str]:
    """`{% call once(key...) %}body{% endcall %}`: the body rendered the first time a key is seen, then reused.

    One memory per environment, i.e. per format and build. A program's profile or a table appears in
    several documents; rendering it again through the sandbox was most of a large plan's build time.
    The body must depend only on the key and on what is the same for the whole build (view, t, filters).
    """
    done: dict[tuple[Any, ...], str] = {}

    def once(*key: Any, caller: Callable[[], str]) -> str:
        text = done.get(key)
        if text is None:
            text = done[key] = caller()
        return text

    return once
