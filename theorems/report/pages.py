"""The report: the checker's results as a lecture handout (HTML and Markdown).

``python -m theorems report --out DIR`` runs the checker (or, with ``--from``,
reads a saved ``check --json`` file) and writes

* ``DIR/index.html``: one self-contained static page (inline CSS, figures as
  base64 PNG data URIs, no scripts, no fonts or anything else from the network);
* ``DIR/report.md``: the same content as Markdown, with the figures as
  ``DIR/figures/*.png`` beside it;
* ``DIR/results.json``: the checker's JSON (when the checker was run).

The page opens with the environment (versions, seed, profile, machine) and a
summary of the lecture's statements (claims and literal statements) by
outcome, then one section per part of the lecture (:data:`theorems.engine.sections.SECTIONS`
order) with one card per statement: its metadata from the registry
(:mod:`theorems.engine.claims`), its verdict and evidence from the JSON, its negative
controls and its figures (:mod:`theorems.report.figures`).  Every piece of text taken
from a claim or from the JSON is escaped with :func:`html.escape`.
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from theorems.engine.files import write_atomic

__all__ = ["CATEGORIES", "JSON_SCHEMA", "ReportError", "ReportFiles", "Summary", "build_report",
           "load_results", "select_results", "summarise"]

JSON_SCHEMA = "dl-lecture-theorems/results/1"  # the schema the plugin writes (theorems.engine.plugin.JSON_SCHEMA)

#: The summary's categories for the lecture's statements (claims and literal statements), in order.
CATEGORIES = ("proved", "no counterexample", "consistent", "refuted as expected", "refuted",
              "not refuted (should be)", "error")

_MAX_LISTED = 6  # certificates / tests listed per card; the rest are counted


class ReportError(ValueError):
    """A results file that cannot be reported: unreadable, not JSON, or another schema."""


# -----------------------------------------------------------------------------------------------
# Reading and counting
# -----------------------------------------------------------------------------------------------

def load_results(path: str | Path) -> dict[str, Any]:
    """Read a ``check --json`` file and check its schema.

    Raises
    ------
    ReportError
        The file cannot be read, is not JSON, or is not ``dl-lecture-theorems/results/1``.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportError(f"{path} is not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(doc, dict) or doc.get("schema") != JSON_SCHEMA:
        what = (f"a JSON {type(doc).__name__}" if not isinstance(doc, dict)
                else "an object without a 'schema'" if "schema" not in doc else f"schema {doc['schema']!r}")
        raise ReportError(f"{path} is not a run file ({what}): a run file is the JSON object with schema "
                          f"{JSON_SCHEMA!r} that `python -m theorems check --json FILE` writes")
    results = doc.get("results")
    if not isinstance(results, list) or not all(isinstance(r, dict) and isinstance(r.get("id"), str)
                                                for r in results):
        raise ReportError(f"{path}: 'results' must be a list of records with an 'id'")
    return doc


def _registry() -> dict[str, Any]:
    from theorems.engine.claims import REGISTRY
    from theorems.engine.sections import load_all

    load_all()
    return REGISTRY


def _root_id(result_id: str) -> str:
    return result_id.split("/", 1)[0]


def select_results(doc: dict[str, Any], ids: Iterable[str]) -> dict[str, Any]:
    """The records of ``doc`` for the claims ``ids`` (with their controls and literal statements).

    Raises
    ------
    ReportError
        An id has no record in ``doc``.
    """
    ids = set(ids)
    if not ids:
        return doc
    registry = _registry()
    present = {_root_id(r["id"]) for r in doc["results"]}
    missing = sorted(ids - present)
    if missing:
        raise ReportError(f"--claim {', '.join(missing)}: no record in the results file")
    corrects = {i: getattr(registry.get(i), "corrects", None) for i in present}

    def keep(rid: str) -> bool:
        root = _root_id(rid)
        return root in ids or corrects.get(root) in ids or any(corrects.get(i) == root for i in ids)

    return dict(doc, results=[r for r in doc["results"] if keep(r["id"])])


@dataclass(frozen=True)
class Summary:
    """Counts of the lecture's statements by outcome; controls counted apart.

    ``records`` holds the counts in the vocabulary the verdict table and the JSON's
    ``summary`` use (:func:`theorems.engine.runner.count_records`): claims, literal
    statements, controls.  The table of the page counts the lecture's *statements*, that is
    its claims and its literal statements together, by outcome.
    """

    total: int
    counts: dict[str, int]
    controls: int
    controls_refuted: int
    control_errors: int
    records: Any = None

    @property
    def headline(self) -> str:
        """``43 claims, 4 literal statements and 66 controls``."""
        from theorems.engine.runner import plural

        r = self.records
        return (f"{plural(r.claims, 'claim')}, {plural(r.literal_statements, 'literal statement')} "
                f"and {plural(r.controls, 'control')}")

    def share(self, category: str) -> float:
        return self.counts[category] / self.total if self.total else 0.0


def _category(r: dict[str, Any]) -> str:
    if r.get("outcome") == "error":
        return "error"
    if r.get("role") == "as_stated":
        return "refuted as expected" if r.get("ok") else "not refuted (should be)"
    return r.get("verdict") if r.get("verdict") in CATEGORIES else "error"


def summarise(doc: dict[str, Any]) -> Summary:
    """Count the lecture's statements (role ``claim`` or ``as_stated``) by :data:`CATEGORIES`."""
    from theorems.engine.runner import count_records

    records = count_records(doc["results"])
    statements = [r for r in doc["results"] if r.get("role") != "control"]
    counts = dict.fromkeys(CATEGORIES, 0)
    for r in statements:
        counts[_category(r)] += 1
    controls = [r for r in doc["results"] if r.get("role") == "control"]
    return Summary(total=len(statements), counts=counts, controls=records.controls,
                   controls_refuted=records.controls_refuted,
                   control_errors=sum(r.get("outcome") == "error" for r in controls), records=records)


# -----------------------------------------------------------------------------------------------
# The model of the page: sections, cards, evidence lines, figures
# -----------------------------------------------------------------------------------------------

@dataclass
class _Figure:
    owner: str
    name: str
    file: str | None = None
    png: bytes | None = None
    problem: str | None = None


@dataclass
class _Card:
    result: dict[str, Any]
    meta: Any  # a theorems.engine.claims.Claim, or None when the registry no longer has the id
    controls: list[tuple[dict[str, Any], Any]] = field(default_factory=list)
    figures: list[_Figure] = field(default_factory=list)


@dataclass
class _Section:
    key: str
    title: str
    lecture: str
    cards: list[_Card] = field(default_factory=list)


def _sections(doc: dict[str, Any]) -> list[_Section]:
    from theorems.engine.sections import SECTIONS

    registry = _registry()
    sections = {s.module: _Section(s.module, s.title, s.lecture) for s in SECTIONS}
    other = _Section("other", "Records not in this version's registry", "")
    cards: dict[str, _Card] = {}
    orphans: list[dict[str, Any]] = []
    for r in doc["results"]:
        meta = registry.get(r["id"])
        if r.get("role") == "control":
            orphans.append(r)
            continue
        card = _Card(r, meta)
        cards[r["id"]] = card
        origin = r.get("origin") or "built-in"
        if origin != "built-in":  # a claim from outside the lecture: grouped under its own source
            key = "external-" + re.sub(r"[^A-Za-z0-9_-]+", "-", origin).strip("-")
            sections.setdefault(key, _Section(key, f"External claims: {origin}", "")).cards.append(card)
            continue
        sections.get(meta.section if meta is not None else "", other).cards.append(card)
    for r in orphans:
        parent = cards.get(_root_id(r["id"]))
        if parent is None:
            card = _Card(r, registry.get(r["id"]))
            cards[r["id"]] = card
            other.cards.append(card)
        else:
            parent.controls.append((r, registry.get(r["id"])))
    return [s for s in (*sections.values(), other) if s.cards]


def _num(v: Any) -> str:
    if isinstance(v, bool) or v is None:
        return str(v)
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def _where(at: dict[str, Any] | None) -> str:
    return ", ".join(f"{k}={_num(v)}" for k, v in (at or {}).items())


def _evidence_lines(r: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, text) pairs: plain text, escaped by the renderer."""
    out: list[tuple[str, str]] = []
    n, checks = r.get("examples") or 0, r.get("checks") or 0
    out.append(("examples", f"{n} examples searched, {checks} checks" if n else f"run once, {checks} checks"))
    if r.get("proofs"):
        out.append(("proof scope", r.get("scope") or "not stated by the proof"))
        if r.get("proof_seconds"):
            out.append(("proof time", f"{r['proof_seconds']:.2f} s"))
    for p in r.get("proofs") or []:
        out.append(("proof", p))
    for u in r.get("undecided") or []:
        if "reason" in u:
            out.append(("undecided", f"{u.get('name')}: {u['reason']}"))
    for group, label in (("certificates", "certified"), ("undecided", "undecided")):
        recs = [c for c in r.get(group) or [] if "reason" not in c]
        for c in recs[:_MAX_LISTED]:
            scope = " (covers the whole claim)" if c.get("whole_claim") else ""
            where = _where(c.get("at"))
            out.append((label, f"sup {c.get('name')} ∈ [{_num(c.get('lower'))}, {_num(c.get('upper'))}] "
                               f"{'≤' if group == 'certificates' else 'vs'} ε = {_num(c.get('eps'))} on "
                               f"{c.get('domain')}{scope}{' at ' + where if where else ''}"))
        if len(recs) > _MAX_LISTED:
            worst = max(recs, key=lambda c: (c.get("upper") or 0) / c["eps"] if c.get("eps") else 0)
            out.append((label, f"… and {len(recs) - _MAX_LISTED} more; largest upper/ε = "
                               f"{_num((worst.get('upper') or 0) / worst['eps'] if worst.get('eps') else None)}"))
    stats = r.get("statistics") or []
    for s in stats[:_MAX_LISTED]:
        out.append(("test", f"{s.get('name')}: {s.get('test')}, p = {_num(s.get('p_value'))} "
                            f"(α = {s.get('alpha'):.0e}, designed false-alarm rate)"))
    if len(stats) > _MAX_LISTED:
        low = min(stats, key=lambda s: s.get("p_value", 1.0))
        out.append(("test", f"… and {len(stats) - _MAX_LISTED} more tests; smallest p = {_num(low.get('p_value'))} "
                            f"(α = {low.get('alpha'):.0e})"))
    if r.get("worst_ratio") is not None:
        where = _where(r.get("worst_where"))
        out.append(("worst ratio", f"{_num(r['worst_ratio'])} ({r.get('worst_name')})"
                                   f"{' at ' + where if where else ''}"))
    out.append(("time", f"{r.get('seconds', 0.0):.2f} s"))
    return out


def _slug(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", s).strip("_") or "figure"


def _draw_figures(sections: list[_Section], figure_dir: Path) -> tuple[int, int]:
    """Draw every figure of every card (and of its controls); return (drawn, not drawn)."""
    from theorems.report.figures import figure_png, figures_available

    available = figures_available()
    used: set[str] = set()
    drawn = failed = 0
    for section in sections:
        for card in section.cards:
            for r in [card.result, *(c for c, _ in card.controls)]:
                for name, data in (r.get("figures") or {}).items():
                    fig = _Figure(owner=r["id"], name=name)
                    card.figures.append(fig)
                    if not available:
                        fig.problem = ("not drawn: matplotlib is not installed "
                                       "(pip install -e '.[figures]')")
                        failed += 1
                        continue
                    try:
                        fig.png = figure_png(data)
                    except Exception as exc:  # one bad figure must not lose the report
                        fig.problem = f"not drawn: {type(exc).__name__}: {exc}"
                        failed += 1
                        continue
                    stem = f"{_slug(r['id'])}--{_slug(name)}"
                    file, k = f"{stem}.png", 1
                    while file in used:
                        k += 1
                        file = f"{stem}-{k}.png"
                    used.add(file)
                    figure_dir.mkdir(parents=True, exist_ok=True)
                    write_atomic(figure_dir / file, fig.png)
                    fig.file = f"{figure_dir.name}/{file}"
                    drawn += 1
    return drawn, failed


def _environment(doc: dict[str, Any]) -> list[tuple[str, str]]:
    versions = doc.get("versions") or {}
    machine = doc.get("machine") or {}
    seed = doc.get("seed")
    rows = [("profile", f"{doc.get('profile')} ({'derandomized' if doc.get('derandomized') else 'randomized'})"),
            ("seed", "none (derandomized)" if seed is None and doc.get("derandomized") else str(seed)),
            ("versions", ", ".join(f"{k} {v}" for k, v in versions.items())),
            ("machine", f"{machine.get('platform')}, {machine.get('processor')}, {machine.get('cpus')} CPUs")]
    try:
        import matplotlib

        rows.append(("figures", f"matplotlib {matplotlib.__version__}"))
    except ImportError:
        rows.append(("figures", "matplotlib not installed: figures not drawn"))
    return rows


def _hypotheses(meta) -> list[tuple[str, bool]]:
    if meta is None:
        return []
    return [(h, False) for h in meta.hypotheses] + [(h, True) for h in meta.implicit]


_ROLE_LABEL = {"claim": "claim", "as_stated": "the lecture's wording (expected refuted)",
               "control": "negative control"}


# -----------------------------------------------------------------------------------------------
# HTML
# -----------------------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK JP","Hiragino Sans",sans-serif;max-width:62rem;margin:1.5rem auto;
padding:0 1rem;color:#1d1d1f;line-height:1.45;background:#fafafa}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #ccd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.2rem .6rem;text-align:left;vertical-align:top;
border-bottom:1px solid #e2e2e8}th{background:#eef}
.card{background:#fff;border:1px solid #d8d8e0;border-radius:8px;padding:.8rem 1rem;margin:1rem 0}
.card h3{margin:.1rem 0 .4rem;font-size:1.1rem}.card h3 code{font-size:1.05rem}
.meta{color:#555;font-size:.9rem}.formula{font-family:ui-monospace,monospace;background:#f3f3f8;
padding:.3rem .5rem;border-radius:4px;white-space:pre-wrap}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;font-size:.85rem;font-weight:600;
color:#fff;background:#777}
.b-proved{background:#1a7f37}.b-no-counterexample{background:#2f6fb0}.b-consistent{background:#6a4bb0}
.b-refuted-as-expected{background:#8a6d1a}.b-refuted,.b-error,.b-fail{background:#c0392b}
.implicit{color:#8a4b00}.implicit::after{content:" (implicit)";font-size:.8rem}
pre{background:#f6f6f6;border:1px solid #e0e0e0;padding:.5rem;overflow-x:auto;white-space:pre-wrap;
font-size:.85rem}
.controls{margin-top:.6rem;border-left:3px solid #ccd;padding-left:.8rem}
.control{margin:.4rem 0}figure{margin:.6rem 0}figure img{max-width:100%;border:1px solid #eee}
figcaption{font-size:.85rem;color:#555}.bar{display:inline-block;height:.7rem;background:#2f6fb0;
vertical-align:middle}.ev td:first-child{white-space:nowrap;color:#555}
"""


def _e(s: Any) -> str:
    return html.escape(str(s), quote=True)


def _badge(outcome: str, ok: bool) -> str:
    cls = "b-" + re.sub(r"[^a-z]+", "-", outcome.split(",")[0].lower()).strip("-") if ok else "b-fail"
    return f'<span class="badge {cls}">{_e(outcome)}</span>'


def _html_evidence(r: dict[str, Any]) -> str:
    rows = "".join(f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in _evidence_lines(r))
    out = f'<table class="ev">{rows}</table>'
    if r.get("counterexample"):
        out += f"<p><b>Counterexample</b></p><pre>{_e(r['counterexample'])}</pre>"
    if r.get("error"):
        out += f"<p><b>Error</b></p><pre>{_e(r['error'])}</pre>"
    return out


def _html_figure(fig: _Figure) -> str:
    caption = _e(f"{fig.name} ({fig.owner})")
    if fig.png is None:
        return f"<figure><figcaption>{caption}: {_e(fig.problem)}</figcaption></figure>"
    data = base64.b64encode(fig.png).decode("ascii")
    return (f'<figure><img alt="{caption}" src="data:image/png;base64,{data}">'
            f"<figcaption>{caption}</figcaption></figure>")


def _html_card(card: _Card) -> str:
    r, meta = card.result, card.meta
    parts = [f'<div class="card" id="{_e(_slug(r["id"]))}">',
             f"<h3><code>{_e(r['id'])}</code> {_badge(r.get('outcome', ''), bool(r.get('ok')))}</h3>",
             f'<div class="meta">{_e(r.get("catalogue"))} · {_e(r.get("kind"))} · '
             f'{_e(_ROLE_LABEL.get(r.get("role"), r.get("role")))} · verdict: {_e(r.get("verdict"))}</div>',
             f"<p>{_e(r.get('statement'))}</p>"]
    if meta is not None:
        parts.append(f'<div class="formula">{_e(meta.formula)}</div>')
        items = "".join(f'<li class="implicit">{_e(h)}</li>' if imp else f"<li>{_e(h)}</li>"
                        for h, imp in _hypotheses(meta))
        parts.append(f"<p><b>Hypotheses</b></p><ul>{items}</ul>")
        if meta.corrects:
            parts.append(f'<p>Corrects <a href="#{_e(_slug(meta.corrects))}"><code>{_e(meta.corrects)}</code></a>'
                         "</p>")
    else:
        parts.append('<p class="meta">Metadata unavailable: this id is not in the current registry.</p>')
    parts.append(f"<p><b>Source</b>: {_e(r.get('source'))}</p>")
    parts.append("<p><b>Evidence</b></p>" + _html_evidence(r))
    if card.controls:
        parts.append('<div class="controls"><p><b>Negative controls</b> (each must be refuted)</p>')
        for c, _ in card.controls:
            parts.append(f'<div class="control"><code>{_e(c["id"])}</code> '
                         f"{_badge(c.get('outcome', ''), bool(c.get('ok')))}<br>{_e(c.get('statement'))}")
            if c.get("counterexample"):
                parts.append(f"<pre>{_e(c['counterexample'])}</pre>")
            if c.get("error"):
                parts.append(f"<pre>{_e(c['error'])}</pre>")
            if not c.get("counterexample") and not c.get("error"):
                parts.append(f'<div class="meta">{_e("; ".join(v for _, v in _evidence_lines(c)))}</div>')
            parts.append("</div>")
        parts.append("</div>")
    parts += [_html_figure(f) for f in card.figures]
    parts.append("</div>")
    return "\n".join(parts)


def _html_summary(s: Summary) -> str:
    rows = "".join(f"<tr><td>{_e(k)}</td><td>{s.counts[k]}</td><td>{100 * s.share(k):.0f}%</td>"
                   f'<td><span class="bar" style="width:{200 * s.share(k):.0f}px"></span></td></tr>'
                   for k in CATEGORIES)
    return (f"<table><tr><th>outcome</th><th>statements</th><th>share</th><th></th></tr>{rows}"
            f"<tr><th>total</th><th>{s.total}</th><th>100%</th><th></th></tr></table>"
            f"<p>Negative controls: {s.controls_refuted}/{s.controls} refuted as expected"
            f"{f', {s.control_errors} errors' if s.control_errors else ''}.</p>")


def render_html(doc: dict[str, Any], sections: list[_Section], summary: Summary) -> str:
    env = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in _environment(doc))
    toc = "".join(f'<li><a href="#sec-{_e(s.key)}">{_e(s.title)}</a> ({len(s.cards)})</li>' for s in sections)
    body = []
    for s in sections:
        body.append(f'<h2 id="sec-{_e(s.key)}">{_e(s.title)}</h2>')
        if s.lecture:
            body.append(f'<p class="meta">{_e(s.lecture)}</p>')
        body += [_html_card(c) for c in s.cards]
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>The executable lecture: verdicts</title>", f"<style>{_CSS}</style></head><body>",
        "<h1>The executable lecture: verdicts</h1>",
        '<p class="meta">Every claim of the lecture checked by its own property; figures drawn from the '
        "data the properties computed.</p>",
        f"<h2>Environment</h2><table>{env}</table>",
        f"<h2>Summary</h2><p>{_e(summary.headline)}. The lecture's statements (claims and literal "
        "statements), by outcome:</p>",
        _html_summary(summary), f"<ul>{toc}</ul>", *body, "</body></html>", ""])


# -----------------------------------------------------------------------------------------------
# Markdown
# -----------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def _m(s: Any) -> str:
    """Markdown text: HTML escaped (no raw HTML gets through) and Markdown syntax characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(s), quote=False)).replace("\n", " ")


def _code(s: Any) -> str:
    s = str(s).replace("\n", " ")
    fence = "`" * (max((len(m) for m in re.findall(r"`+", s)), default=0) + 1)
    return f"{fence} {s} {fence}"


def _block(s: str) -> list[str]:
    fence = "`" * max(3, max((len(m) for m in re.findall(r"`+", s)), default=0) + 1)
    return [fence + "text", s, fence]


def render_markdown(doc: dict[str, Any], sections: list[_Section], summary: Summary) -> str:
    lines = ["# The executable lecture: verdicts", "", "## Environment", ""]
    lines += [f"- **{_m(k)}:** {_m(v)}" for k, v in _environment(doc)]
    lines += ["", "## Summary", "",
              f"{_m(summary.headline)}. The lecture's statements (claims and literal statements), by outcome:", "",
              "| outcome | statements | share |", "| --- | ---: | ---: |"]
    lines += [f"| {_m(k)} | {summary.counts[k]} | {100 * summary.share(k):.0f}% |" for k in CATEGORIES]
    lines += [f"| **total** | **{summary.total}** | 100% |", "",
              f"Negative controls: {summary.controls_refuted}/{summary.controls} refuted as expected"
              f"{f', {summary.control_errors} errors' if summary.control_errors else ''}.", ""]
    for s in sections:
        lines += [f"## {_m(s.title)}", ""] + ([f"*{_m(s.lecture)}*", ""] if s.lecture else [])
        for card in s.cards:
            r, meta = card.result, card.meta
            lines += [f"### {_code(r['id'])}: {_m(r.get('outcome'))}", "",
                      f"{_m(r.get('catalogue'))} · {_m(r.get('kind'))} · "
                      f"{_m(_ROLE_LABEL.get(r.get('role'), r.get('role')))} · verdict: {_m(r.get('verdict'))}", "",
                      _m(r.get("statement")), ""]
            if meta is not None:
                lines += [f"- **Formula:** {_code(meta.formula)}", "- **Hypotheses:**"]
                lines += [f"  - {_m(h)}{' *(implicit)*' if imp else ''}" for h, imp in _hypotheses(meta)]
                if meta.corrects:
                    lines.append(f"- **Corrects:** {_code(meta.corrects)}")
            lines.append(f"- **Source:** {_m(r.get('source'))}")
            lines.append("- **Evidence:**")
            lines += [f"  - {_m(k)}: {_m(v)}" for k, v in _evidence_lines(r)]
            lines.append("")
            for key, title in (("counterexample", "Counterexample"), ("error", "Error")):
                if r.get(key):
                    lines += [f"**{title}:**", "", *_block(r[key]), ""]
            if card.controls:
                lines += ["**Negative controls** (each must be refuted):", ""]
                for c, _ in card.controls:
                    lines.append(f"- {_code(c['id'])}: {_m(c.get('outcome'))}. {_m(c.get('statement'))}")
                    if c.get("counterexample") or c.get("error"):
                        lines += ["", *("  " + x for x in _block(c.get("counterexample") or c.get("error")))]
                lines.append("")
            for f in card.figures:
                if f.file:
                    lines += [f"![{_m(f.name)} ({_m(f.owner)})]({f.file})", ""]
                else:
                    lines += [f"*Figure {_m(f.name)} ({_m(f.owner)}): {_m(f.problem)}*", ""]
    return "\n".join(lines).rstrip() + "\n"


# -----------------------------------------------------------------------------------------------
# Entry point
# -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportFiles:
    """What :func:`build_report` wrote."""

    html: Path
    markdown: Path
    figures: tuple[Path, ...]
    figures_not_drawn: int
    summary: Summary


def build_report(doc: dict[str, Any], out_dir: str | Path) -> ReportFiles:
    """Write ``index.html``, ``report.md`` and ``figures/*.png`` for the results ``doc`` into ``out_dir``.

    Parameters
    ----------
    doc : dict
        A results document (:func:`load_results`, or the JSON of ``check --json``).
    out_dir : path
        An existing, writable directory.

    Returns
    -------
    ReportFiles
    """
    out_dir = Path(out_dir)
    figure_dir = out_dir / "figures"
    earlier = set(figure_dir.glob("*.png")) if figure_dir.is_dir() else set()
    sections = _sections(doc)
    _, not_drawn = _draw_figures(sections, figure_dir)
    summary = summarise(doc)
    html_path, md_path = out_dir / "index.html", out_dir / "report.md"
    # every file appears whole (write_atomic), and the earlier report's pages stay valid until replaced
    write_atomic(html_path, render_html(doc, sections, summary))
    write_atomic(md_path, render_markdown(doc, sections, summary))
    files = tuple(out_dir / f.file for s in sections for c in s.cards for f in c.figures if f.file)
    for stale in earlier - set(files):  # figures of the earlier report, now unreferenced
        stale.unlink(missing_ok=True)
    return ReportFiles(html=html_path, markdown=md_path, figures=files, figures_not_drawn=not_drawn,
                       summary=summary)
