"""What a user would write instead of smartplan build: libyaml + pydantic + Jinja + markdown-it, no CLI.

Usage: python bench/naive_build.py PLAN_DIR OUT_DIR. Loads and validates every file with smartplan's
models, then renders one Markdown and one HTML document listing every quick win and program with its
fields, its Markdown description (rendered by markdown-it for HTML) and its budget. A reference for
speed only: no checks, no positions, no sandbox, far fewer pages than smartplan's documents.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import yaml
from markdown_it import MarkdownIt
from markupsafe import Markup

from smartplan.models import PlanFile, ProgramFile, QuickWinFile

MD = """# {{ plan.document.title }}
{% for a in actions %}
## {{ a.name }}

{{ a.description }}

| Field | Value |
|---|---|
| Dimension | {{ a.dimension }} |
| Lead agency | {{ a.lead_agency }} |
| Status | {{ a.status }} |
{% for line in a.budget %}| Budget {{ line.year }} | {{ "{:,}".format(line.amount) }} ({{ line.funding }}) |
{% endfor %}
Outputs:
{% for o in a.outputs %}
- {{ o }}
{% endfor %}
{% endfor %}
"""
HTML = """<!doctype html><html><head><title>{{ plan.document.title }}</title></head><body>
<h1>{{ plan.document.title }}</h1>
{% for a in actions %}<section><h2>{{ a.name }}</h2>{{ a.description | markdown }}
<table><tr><th>Dimension</th><td>{{ a.dimension }}</td></tr><tr><th>Lead agency</th><td>{{ a.lead_agency }}</td></tr>
{% for line in a.budget %}<tr><th>Budget {{ line.year }}</th><td>{{ "{:,}".format(line.amount) }}</td></tr>{% endfor %}
</table><ul>{% for o in a.outputs %}<li>{{ o }}</li>{% endfor %}</ul></section>
{% endfor %}</body></html>
"""


def load(path: Path) -> object:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.CSafeLoader)


def main(root: Path, out: Path) -> int:
    raw = load(root / "plan.yaml")
    assert isinstance(raw, dict)
    raw["document"]["date"] = str(raw["document"]["date"])  # libyaml makes a date; the model wants text
    plan = PlanFile.model_validate(raw)
    actions: list[QuickWinFile | ProgramFile] = []
    actions += [QuickWinFile.model_validate(load(p)) for p in sorted((root / "quickwins").glob("*.yaml"))]
    actions += [ProgramFile.model_validate(load(p)) for p in sorted((root / "programs").glob("*.yaml"))]
    md = MarkdownIt("commonmark")
    env = jinja2.Environment(autoescape=True)
    env.filters["markdown"] = lambda text: Markup(md.render(text))  # noqa: S704 - a benchmark
    out.mkdir(parents=True, exist_ok=True)
    (out / "masterplan.md").write_text(jinja2.Environment().from_string(MD).render(plan=plan, actions=actions))
    (out / "masterplan.html").write_text(env.from_string(HTML).render(plan=plan, actions=actions))
    print(f"{len(actions)} actions rendered")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
