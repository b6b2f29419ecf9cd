"""The book: the lecture, slide by slide, with every verdict, formula and figure in place.

``python -m theorems book --out DIR [--from run.json]`` runs the checker (or reads a saved
``check --json`` file) like ``report`` and writes a static, offline site:

* ``DIR/index.html``: the front page (provenance of the slides, table of contents, search box);
* ``DIR/summary.html``: counts by verdict and by section;
* ``DIR/<section>.html``: one page per part of the lecture (:data:`theorems.engine.sections.SECTIONS`
  order; the parts marked ``beyond_slides`` under "Beyond the slides"), in the order of the
  slides (:mod:`theorems.report.lecture.map`): for each slide that makes a claim, the slide's own
  Japanese words, then a card per claim (statement, formula typeset by KaTeX, hypotheses, source
  paper, verdict and evidence, controls, figures, the claim's source file and line, the line that
  reproduces it);
* ``DIR/figures/*.svg``: the figures, drawn by :func:`theorems.report.figures.figure_svg` from the
  data the properties recorded, named by a hash of that data (an unchanged figure is not redrawn);
* ``DIR/assets/``: the vendored KaTeX (MIT; ``assets/katex/LICENSE``), the stylesheet, the script
  and the search index (``search-index.js``: ids, statements and where they are, as JSON).

The same cards as the report (:mod:`theorems.report.pages`): the records are grouped by
``pages._sections`` and their evidence is worded by ``pages._evidence_lines``, so the two never
disagree.  Every text from a claim, a record or the slides is escaped with :func:`html.escape`;
the slides' few inline tags (``<u>``, ``<sub>``, ``<sup>``, ``<mark>``) are re-admitted only when
balanced on one line.  Nothing is loaded from the network.
"""

from __future__ import annotations

import hashlib
import html
import inspect
import json
import os
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from theorems.engine.files import write_atomic
from theorems.engine.runner import plural
from theorems.report.pages import (
    _ROLE_LABEL,
    CATEGORIES,
    Summary,
    _Card,
    _category,
    _evidence_lines,
    _sections,
    _slug,
    summarise,
)

__all__ = ["BookFiles", "alt_text", "build_book", "source_location"]

_REPO = Path(__file__).resolve().parents[2]


# -----------------------------------------------------------------------------------------------
# What goes where
# -----------------------------------------------------------------------------------------------

@dataclass
class _Group:
    """The claims one slide (or run of slides) makes."""

    slides: tuple  # of theorems.report.lecture.map.Slide
    cards: list[_Card]


@dataclass
class _Page:
    key: str
    title: str
    lecture: str
    beyond: bool
    groups: list[_Group]

    @property
    def file(self) -> str:
        return f"{self.key}.html"

    @property
    def cards(self) -> list[_Card]:
        return [c for g in self.groups for c in g.cards]


def _pages(doc: dict[str, Any]) -> list[_Page]:
    from theorems.engine.sections import SECTIONS
    from theorems.report.lecture.map import headings_for

    beyond = {s.module: s.beyond_slides for s in SECTIONS}
    out = []
    for sec in _sections(doc):
        groups: dict[tuple, _Group] = {}
        for card in sec.cards:
            lecture = card.meta.source.lecture if card.meta is not None else ""
            slides = headings_for(lecture) if lecture else ()
            key = tuple(s.index for s in slides)
            groups.setdefault(key, _Group(slides, [])).cards.append(card)
        ordered = sorted(groups.values(), key=lambda g: (not g.slides, [s.line for s in g.slides]))
        out.append(_Page(sec.key, sec.title, sec.lecture, beyond.get(sec.key, sec.key == "other"), ordered))
    return [p for p in out if not p.beyond] + [p for p in out if p.beyond]


def source_location(meta) -> tuple[Path, int] | None:
    """The file and first line of a claim's property function (computed from the registry)."""
    if meta is None:
        return None
    fn = inspect.unwrap(meta.property)
    fn = (getattr(fn, "hypothesis", None) and getattr(fn.hypothesis, "inner_test", fn)) or fn
    try:
        path = inspect.getsourcefile(fn)
        _, line = inspect.getsourcelines(fn)
    except (OSError, TypeError):
        return None
    return (Path(path), line) if path else None


# -----------------------------------------------------------------------------------------------
# Figures
# -----------------------------------------------------------------------------------------------

def _fmt(v: Any) -> str:
    return f"{v:.3g}" if isinstance(v, float) else str(v)


def alt_text(name: str, data: dict[str, Any]) -> str:
    """What a figure shows, in words: its kind, title, axes, series and bands."""
    title = str(data.get("title") or name)
    if data.get("kind") == "histogram":
        samples = data.get("samples") or []
        overlay = [s.get("label") or "a curve" for s in data.get("overlay") or []]
        over = f", with {', '.join(overlay)} drawn over it" if overlay else ""
        return (f"Histogram: {title}. {len(samples)} samples of {data.get('xlabel') or 'the value'} in "
                f"{data.get('bins', 30)} bins, normalised to a density{over}.")
    axes = " and ".join(a for a, on in (("logarithmic x", data.get("logx")), ("logarithmic y", data.get("logy")))
                        if on) or "linear"
    series = []
    for s in data.get("series") or []:
        xs = [float(x) for x in s.get("x") or []]
        rng = f" for x from {_fmt(min(xs))} to {_fmt(max(xs))}" if xs else ""
        series.append(f"{s.get('label') or 'a series'} ({len(xs)} points{rng})")
    shades = [b.get("label") for b in data.get("shade") or [] if b.get("label")]
    shade = f" Shaded: {', '.join(shades)}." if shades else ""
    return (f"Line chart: {title}. {data.get('ylabel') or 'y'} against {data.get('xlabel') or 'x'} on {axes} "
            f"axes; series: {'; '.join(series)}.{shade}")


def _draw_one(data: dict[str, Any]) -> bytes:
    from theorems.report.figures import figure_svg

    return figure_svg(data)


@dataclass
class _BookFigure:
    owner: str
    name: str
    data: dict[str, Any]
    file: str | None = None
    problem: str | None = None


def _figures(pages: list[_Page], figure_dir: Path) -> tuple[dict[int, list[_BookFigure]], int]:
    """Every figure of every card, drawn to SVG once per distinct data; (figures by card, not drawn)."""
    from theorems.report.figures import figures_available

    by_card: dict[int, list[_BookFigure]] = {}
    todo: dict[str, tuple[Path, dict[str, Any]]] = {}
    for page in pages:
        for card in page.cards:
            figs = by_card.setdefault(id(card), [])
            for r in [card.result, *(c for c, _ in card.controls)]:
                for name, data in (r.get("figures") or {}).items():
                    fig = _BookFigure(r["id"], name, data)
                    figs.append(fig)
                    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
                    fig.file = f"{_slug(r['id'])[:60]}--{_slug(name)[:60]}--{digest[:12]}.svg"
                    if not (figure_dir / fig.file).is_file():
                        todo[fig.file] = (figure_dir / fig.file, data)
    failed = 0
    if todo and not figures_available():
        problem = "not drawn: matplotlib is not installed (pip install -e '.[figures]')"
    else:
        problem = None
        figure_dir.mkdir(parents=True, exist_ok=True)
        items = list(todo.items())
        results: list[bytes | Exception] = []
        workers = min(len(items), os.cpu_count() or 1)
        if workers > 1:
            try:
                with ProcessPoolExecutor(max_workers=workers) as pool:
                    futures = [pool.submit(_draw_one, d) for _, (_, d) in items]
                    results = [_result(f) for f in futures]
            except (OSError, RuntimeError):  # no processes here: draw in this one
                results = []
        if len(results) != len(items):
            results = [_call(d) for _, (_, d) in items]
        bad = {}
        for (file, (path, _)), res in zip(items, results, strict=True):
            if isinstance(res, Exception):
                bad[file] = f"not drawn: {type(res).__name__}: {res}"
            else:
                write_atomic(path, res)
    for figs in by_card.values():
        for fig in figs:
            if fig.file in todo and (problem or fig.file in bad):
                fig.problem = problem or bad[fig.file]
                fig.file = None
                failed += 1
    return by_card, failed


def _result(future) -> bytes | Exception:
    try:
        return future.result()
    except Exception as exc:  # one bad figure must not lose the book
        return exc


def _call(data) -> bytes | Exception:
    try:
        return _draw_one(data)
    except Exception as exc:
        return exc


# -----------------------------------------------------------------------------------------------
# HTML
# -----------------------------------------------------------------------------------------------

def _e(s: Any) -> str:
    return html.escape(str(s), quote=True)


_INLINE = re.compile(r"&lt;(u|sub|sup|mark)&gt;(.*?)&lt;/\1&gt;")
_MATH = re.compile(r"(\$\$?[^$]+\$\$?)")


def _unescape_markdown(text: str) -> str:
    """Markdown's backslash escapes (``f\\*`` for a literal ``f*``) shown as the character, never
    inside $…$, where the backslash belongs to TeX."""
    return "".join(part if part.startswith("$") else re.sub(r"\\([\\`*_{}\[\]().!])", r"\1", part)
                   for part in _MATH.split(text))


def _title_html(title: str) -> str:
    """A slide title as shown over its text: escaped, balanced inline tags kept ($…$ for KaTeX)."""
    esc = html.escape(title, quote=False)
    for _ in range(3):
        esc = _INLINE.sub(r"<\1>\2</\1>", esc)
    return _unescape_markdown(esc)


def _short_title(title: str, limit: int = 40) -> str:
    """A slide title for the contents: tags dropped, cut before its first formula when long."""
    # the extracted slides start some titles with their bullet ("• …", "・…")
    plain = _unescape_markdown(re.sub(r"</?(u|sub|sup|mark)>", "", title)).strip().lstrip("•・-· ").strip()
    if len(plain) > limit:
        plain = plain.split("$", 1)[0].strip().rstrip("・:") + " …"
    return plain


def _slide_html(body: str) -> str:
    """The slide's Markdown as escaped lines; ``**bold**`` and balanced inline tags kept; $…$ left
    for KaTeX's auto-render."""
    out = []
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        esc = html.escape(line, quote=False)
        for _ in range(3):
            esc = _INLINE.sub(r"<\1>\2</\1>", esc)
        esc = re.sub(r"\*\*([^*]+?)\*\*", r"<strong>\1</strong>", esc)
        esc = "".join(part if part.startswith("$") else  # *emphasis*, never inside $…$
                      re.sub(r"(?<![\\*\w])\*([^*\s][^*]*?)\*(?!\*)", r"<em>\1</em>", part)
                      for part in _MATH.split(esc))
        esc = _unescape_markdown(esc)
        esc = re.sub(r"^-\s+", "• ", esc)
        depth = len(raw) - len(raw.lstrip(" "))
        m = re.match(r"^(#{1,6})\s+(.*)$", esc)
        if m:
            out.append(f'<p class="sub">{m.group(2)}</p>')
        elif re.match(r"^[-•・]\s*", esc):
            out.append(f'<p class="li" style="margin-left:{depth // 2}em">{esc}</p>')
        else:
            out.append(f"<p>{esc}</p>")
    return "\n".join(out) or '<p class="meta">(no text under this heading in the extracted slides)</p>'


def _badge(r: dict[str, Any]) -> str:
    outcome = str(r.get("outcome") or "")
    cls = ("b-" + re.sub(r"[^a-z]+", "-", outcome.lower()).strip("-")) if r.get("ok") else "b-fail"
    return f'<span class="badge {cls}">{_e(outcome)}</span>'


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(_REPO).as_posix()
    except ValueError:
        return path.as_posix()


def _reproduce(r: dict[str, Any]) -> list[str]:
    lines = [f"python -m theorems check --claim {r['id']}"]
    if r.get("reproduce"):
        lines.append(f"python -c \"{r['reproduce']}\"")
    return lines


def _figure_html(fig: _BookFigure) -> str:
    caption = _e(f"{fig.name} ({fig.owner})")
    if fig.file is None:
        return f'<figure class="missing"><figcaption>{caption}: {_e(fig.problem)}</figcaption></figure>'
    return (f'<figure><img src="figures/{_e(fig.file)}" alt="{_e(alt_text(fig.name, fig.data))}" '
            f'loading="lazy"><figcaption>{caption}</figcaption></figure>')


def _card_html(card: _Card, figures: list[_BookFigure], anchors: dict[str, str]) -> str:
    from theorems.report.tex import to_latex

    r, meta = card.result, card.meta
    rid = r["id"]
    p = [f'<article class="card" id="{_e(_slug(rid))}" data-claim="{_e(rid)}">',
         f'<h4><code>{_e(rid)}</code> {_badge(r)}</h4>',
         f'<div class="meta">{_e(r.get("catalogue"))} · {_e(r.get("kind"))} · '
         f'{_e(_ROLE_LABEL.get(r.get("role"), r.get("role")))} · verdict: {_e(r.get("verdict"))}</div>',
         f'<p class="statement">{_e(r.get("statement"))}</p>']
    if meta is not None:
        p.append(f'<div class="formula"><span class="tex" data-tex="{_e(to_latex(meta.formula))}">'
                 f"{_e(meta.formula)}</span></div>")
        items = [f"<li>{_e(h)}</li>" for h in meta.hypotheses]
        items += [f'<li class="implicit">{_e(h)}</li>' for h in meta.implicit]
        if items:
            p.append(f"<details open><summary>Hypotheses (implicit ones marked)</summary><ul>{''.join(items)}"
                     "</ul></details>")
        if meta.corrects:
            href = anchors.get(meta.corrects, "#")
            p.append(f'<p>Corrects the lecture\'s wording <a href="{_e(href)}"><code>{_e(meta.corrects)}</code>'
                     "</a>.</p>")
        p.append(f"<p><b>Source:</b> {_e(meta.source.reference)}</p>")
    else:
        p.append(f'<p class="meta">Metadata unavailable: this id is not in the current registry. '
                 f"Source: {_e(r.get('source'))}</p>")
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in _evidence_lines(r))
    if r.get("scope") and not r.get("proofs"):
        rows = f"<tr><th>proof scope</th><td>{_e(r['scope'])}</td></tr>" + rows
    p.append(f'<div class="verdict"><p><b>Verdict:</b> {_badge(r)}</p><table class="ev">{rows}</table>')
    if r.get("counterexample"):
        p.append(f"<p><b>Counterexample</b></p><pre>{_e(r['counterexample'])}</pre>")
    if r.get("error"):
        p.append(f"<p><b>Error</b></p><pre>{_e(r['error'])}</pre>")
    loc = source_location(meta)
    if loc is not None:
        path, line = loc
        p.append(f'<p class="where"><b>Property:</b> <a href="{_e(path.resolve().as_uri())}">'
                 f"<code>{_e(_rel(path))}:{line}</code></a></p>")
    p.append("<p class=\"where\"><b>Reproduce:</b></p><pre class=\"repro\">"
             + "\n".join(_e(x) for x in _reproduce(r)) + "</pre></div>")
    if card.controls:
        p.append('<div class="controls"><p><b>Negative controls</b> (each must be refuted)</p><ul>')
        for c, _ in card.controls:
            detail = c.get("counterexample") or c.get("error")
            p.append(f'<li id="{_e(_slug(c["id"]))}"><code>{_e(c["id"])}</code> {_badge(c)} '
                     f"{_e(c.get('statement'))}")
            if detail:
                p.append(f"<details><summary>{'counterexample' if c.get('counterexample') else 'error'}"
                         f"</summary><pre>{_e(detail)}</pre></details>")
            p.append("</li>")
        p.append("</ul></div>")
    p += [_figure_html(f) for f in figures]
    p.append("</article>")
    return "\n".join(p)


# the book's style sheet and script are theorems/report/assets/book.css and book.js





def _head(title: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title>"
            '<link rel="stylesheet" href="assets/katex/katex.min.css">'
            '<link rel="stylesheet" href="assets/book.css">'
            '<script defer src="assets/katex/katex.min.js"></script>'
            '<script defer src="assets/katex/contrib/auto-render.min.js"></script>'
            '<script defer src="assets/search-index.js"></script>'
            '<script defer src="assets/book.js"></script></head>')


def _top() -> str:
    return ('<body><header class="top"><a href="index.html">深層学習・人工知能の数理 — the executable lecture</a>'
            '<nav><a href="index.html#contents">Contents</a><a href="summary.html">Summary</a></nav>'
            '<label for="search" class="meta" style="color:#cfd8e6">Search</label>'
            '<input id="search" type="search" placeholder="claim id or words" autocomplete="off">'
            '<div id="search-results" role="listbox"></div></header><main>')


_END = "</main></body></html>\n"


def _section_page(page: _Page, figures: dict[int, list[_BookFigure]], anchors: dict[str, str]) -> str:
    body = [_head(f"{page.title} — the executable lecture"), _top(),
            f'<p class="part">{"Beyond the slides" if page.beyond else "The lecture"}</p>',
            f"<h1>{_e(page.title)}</h1>"]
    if page.lecture:
        body.append(f'<p class="meta" lang="ja">{_e(page.lecture)}</p>')
    if page.beyond:
        body.append('<p class="meta">Not in the lecture\'s slides: the slide shown is the one that points '
                    "to this topic as what comes next.</p>")
    for g in page.groups:
        if g.slides:
            for s in g.slides:
                body.append(f'<section class="slide slide-text" id="{_e(s.anchor)}" lang="ja"><h3>{_title_html(s.title)}</h3>'
                            f'<div>{_slide_html(s.body)}</div>'
                            f'<p class="src">slides.md, line {s.line}</p></section>')
        else:
            body.append('<section class="slide"><h3>No slide mapped</h3><p class="meta">These claims name no '
                        "heading of the slides (theorems/report/lecture/map.py).</p></section>")
        body += [_card_html(c, figures.get(id(c), []), anchors) for c in g.cards]
    body.append(_END)
    return "\n".join(body)


def _front(doc: dict[str, Any], pages: list[_Page], summary: Summary) -> str:
    versions = ", ".join(f"{k} {v}" for k, v in (doc.get("versions") or {}).items())
    toc = []
    for part, beyond in (("The lecture", False), ("Beyond the slides", True)):
        ps = [p for p in pages if p.beyond == beyond]
        if not ps:
            continue
        toc.append(f'<li><span class="part">{part}</span><ol>')
        for p in ps:
            slides = "".join(f'<li lang="ja"><a href="{p.file}#{_e(g.slides[0].anchor)}">{_e(_short_title(g.slides[0].title))}</a>'
                             f" ({len(g.cards)})</li>" for g in p.groups if g.slides)
            toc.append(f'<li><a href="{p.file}">{_e(p.title)}</a> <span class="meta" lang="ja">{_e(p.lecture)}'
                       f"</span> ({plural(len(p.cards), 'statement')})<ul>{slides}</ul></li>")
        toc.append("</ol></li>")
    counts = ", ".join(f"{summary.counts[k]} {k}" for k in CATEGORIES if summary.counts[k])
    return "\n".join([
        _head("深層学習・人工知能の数理 — the executable lecture"), _top(),
        '<h1 lang="ja">深層学習・人工知能の数理</h1>',
        "<p>The lecture by 今泉允聡 (名古屋大学, 2024/03/22), made executable: every claim of its slides is a "
        "property that Hypothesis searched for counterexamples, with its verdict, its evidence, its negative "
        "controls and its figures beside the slide's own words.</p>",
        f'<p class="meta">This run: profile {_e(doc.get("profile"))}, {summary.total} statements ({_e(counts)}); '
        f"{summary.controls_refuted}/{summary.controls} negative controls refuted as expected. {_e(versions)}. "
        '<a href="summary.html">Summary by verdict and section</a>.</p>',
        '<h2 id="contents">Contents</h2>', f'<ol class="toc">{"".join(toc)}</ol>',
        "<h2>Provenance</h2><p>The slides' text (<code>theorems/report/lecture/slides.md</code>) is the seed file "
        "<code>000_c4706a1993a3fa5f.txt</code>, Japanese Markdown extracted from the slides of "
        "「深層学習・人工知能の数理」 (今泉允聡, 名古屋大学 2024/03/22), shipped unchanged with this package "
        "for the executable lecture. Formulas are typeset by KaTeX (MIT licence), vendored; nothing is loaded "
        "from the network.</p>", _END])


def _summary_page(doc: dict[str, Any], pages: list[_Page], summary: Summary) -> str:
    rows = "".join(f"<tr><td>{_e(k)}</td><td>{summary.counts[k]}</td><td>{100 * summary.share(k):.0f}%</td>"
                   f'<td><span class="bar" style="width:{200 * summary.share(k):.0f}px"></span></td></tr>'
                   for k in CATEGORIES)
    head = "".join(f"<th>{_e(k)}</th>" for k in CATEGORIES)
    sec_rows = []
    for p in pages:
        cats = [_category(c.result) for c in p.cards]
        controls = [r for c in p.cards for r, _ in c.controls]
        sec_rows.append(f'<tr><td><a href="{p.file}">{_e(p.title)}</a>{" (beyond the slides)" if p.beyond else ""}'
                        f"</td>{''.join(f'<td>{cats.count(k)}</td>' for k in CATEGORIES)}<td>{len(cats)}</td>"
                        f"<td>{sum(r.get('outcome') == 'refuted as expected' for r in controls)}/{len(controls)}"
                        "</td></tr>")
    return "\n".join([
        _head("Summary — the executable lecture"), _top(), "<h1>Summary</h1>",
        "<h2>By verdict</h2><p>The lecture's statements (claims and literal statements), by outcome:</p>",
        f"<table><tr><th>outcome</th><th>statements</th><th>share</th><th></th></tr>{rows}"
        f"<tr><th>total</th><th>{summary.total}</th><th>100%</th><th></th></tr></table>",
        f"<p>Negative controls: {summary.controls_refuted}/{summary.controls} refuted as expected"
        f"{f', {summary.control_errors} errors' if summary.control_errors else ''}.</p>",
        f"<h2>By section</h2><table><tr><th>section</th>{head}<th>total</th><th>controls refuted</th></tr>"
        f"{''.join(sec_rows)}</table>", _END])


def _index(pages: list[_Page]) -> str:
    items = []
    for p in pages:
        for c in p.cards:
            for r in [c.result, *(x for x, _ in c.controls)]:
                items.append({"id": r["id"], "statement": str(r.get("statement") or ""), "section": p.title,
                              "outcome": str(r.get("outcome") or ""), "href": f"{p.file}#{_slug(r['id'])}"})
    text = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"window.BOOK_INDEX = {text};\n"


# -----------------------------------------------------------------------------------------------
# Entry point
# -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BookFiles:
    """What :func:`build_book` wrote."""

    html: Path                   #: the front page, index.html
    pages: tuple[Path, ...]      #: every HTML page, the front page first
    figures: tuple[Path, ...]
    figures_not_drawn: int
    summary: Summary
    claim_ids: frozenset[str]    #: every record id shown (claims, literal statements, controls)


def _copy_assets(out_dir: Path) -> None:
    src = files("theorems.report").joinpath("assets")
    dest = out_dir / "assets"
    with __import__("importlib.resources", fromlist=["as_file"]).as_file(src) as path:
        shutil.copytree(path, dest, dirs_exist_ok=True)


def build_book(doc: dict[str, Any], out_dir: str | Path) -> BookFiles:
    """Write the book for the results ``doc`` into the existing directory ``out_dir``.

    Parameters
    ----------
    doc : dict
        A results document (:func:`theorems.report.pages.load_results`, or ``check --json``'s JSON).
    out_dir : path
        An existing, writable directory.

    Returns
    -------
    BookFiles
    """
    out_dir = Path(out_dir)
    figure_dir = out_dir / "figures"
    earlier = set(figure_dir.glob("*.svg")) if figure_dir.is_dir() else set()
    pages = _pages(doc)
    figures, not_drawn = _figures(pages, figure_dir)
    summary = summarise(doc)
    anchors = {c.result["id"]: f"{p.file}#{_slug(c.result['id'])}" for p in pages for c in p.cards}
    _copy_assets(out_dir)
    write_atomic(out_dir / "assets" / "search-index.js", _index(pages))
    written = [out_dir / "index.html", out_dir / "summary.html"]
    write_atomic(written[0], _front(doc, pages, summary))
    write_atomic(written[1], _summary_page(doc, pages, summary))
    for p in pages:
        write_atomic(out_dir / p.file, _section_page(p, figures, anchors))
        written.append(out_dir / p.file)
    drawn = tuple(figure_dir / f.file for figs in figures.values() for f in figs if f.file)
    for stale in earlier - set(drawn):
        stale.unlink(missing_ok=True)
    ids = frozenset(r["id"] for p in pages for c in p.cards for r in [c.result, *(x for x, _ in c.controls)])
    return BookFiles(html=written[0], pages=tuple(written), figures=drawn, figures_not_drawn=not_drawn,
                     summary=summary, claim_ids=ids)
