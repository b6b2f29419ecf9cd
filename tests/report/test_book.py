"""The book: every claim at its slide with its verdict, the slides mapped, the pages well formed and
escaped, built fast from a saved run."""

from __future__ import annotations

import re
import pytest

from theorems.engine.claims import REGISTRY, Role
from theorems.engine.sections import SECTIONS, load_all
from theorems.report.book import _slide_html, alt_text, build_book, source_location
from theorems.report.lecture.map import LECTURE_TO_HEADINGS, SlideError, _pick, headings_for, slides

INJECTED = "<script>alert('x')</script>"

LINES = {"kind": "lines", "title": "f_m against x²", "xlabel": "x", "ylabel": "y", "logx": True, "logy": True,
         "series": [{"x": [1, 2, 4, 8], "y": [1, 0.25, 0.0625, 0.01], "label": "measured", "style": "points"}],
         "shade": [{"y_from": 0.5, "y_to": None, "label": "vacuous"}]}
HIST = {"kind": "histogram", "title": "eigenvalues", "xlabel": "s", "samples": [0.1, 0.2, 0.2, 0.3], "bins": 3}


def _record(rid, *, role="claim", verdict="no counterexample", outcome=None, ok=True, **extra):
    outcome = outcome or ("refuted as expected" if role != "claim" else verdict)
    base = {"id": rid, "role": role, "kind": "bound", "catalogue": "C00", "source": "S [lecture]",
            "statement": f"statement of {rid}", "verdict": verdict, "ok": ok, "outcome": outcome, "examples": 10,
            "checks": 20, "worst_ratio": 0.5, "worst_where": {"m": 3}, "worst_name": "W", "counterexample": None,
            "proofs": [], "certificates": [], "undecided": [], "statistics": [], "figures": {}, "error": None,
            "seconds": 0.1, "reproduce": None, "scope": None}
    return base | extra


def _doc(results):
    return {"schema": "dl-lecture-theorems/results/1", "profile": "ci", "seed": None, "derandomized": True,
            "versions": {"python": "3.11"}, "machine": {"platform": "Linux", "processor": "x86_64", "cpus": 2},
            "results": results}


def registry_doc():
    """One record per registered claim, literal statement and control (no run needed)."""
    load_all()
    out = []
    for c in REGISTRY.values():
        if c.role is Role.CLAIM:
            out.append(_record(c.id))
        else:
            out.append(_record(c.id, role=str(c.role), verdict="refuted",
                               counterexample=f"x=1, but should be <= 0 [claim {c.id}]"))
    return _doc(out)


def small_doc():
    """A few real claims, a figure of each kind, a literal statement and a statement with a script in it."""
    return _doc([
        _record("param_count_as_stated", role="as_stated", verdict="refuted", counterexample="W=5 > 4"),
        _record("param_count", verdict="proved", proofs=["W − L·N(N+1) = N(d − 2N) + 1"], scope="all d, N, L",
                statement=f"W ≤ L·N(N+1) {INJECTED}"),
        _record("yarotsky_square", figures={"f_m against x²": LINES, "a histogram": HIST},
                reproduce="from theorems.replay import replay; replay('yarotsky_square', '6', b'AA')"),
        _record("yarotsky_square/weights_two_pow", role="control", verdict="refuted",
                counterexample=f"ratio 2.0 {INJECTED}"),
        _record("vc_generalization_gap", verdict="consistent", outcome="consistent",
                statistics=[{"name": "exceedances", "test": "binomial", "p_value": 0.4, "alpha": 1e-6, "at": {}}]),
    ])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("book")
    files = build_book(small_doc(), out)
    return out, files, {p.name: p.read_text(encoding="utf-8") for p in files.pages}


def test_every_built_in_claims_lecture_string_maps_to_a_heading_of_the_slides():
    load_all()
    lectures = {c.source.lecture for c in REGISTRY.values() if c.is_built_in}
    unmapped = sorted(lec for lec in lectures if not headings_for(lec))
    assert unmapped == [], f"lecture strings {unmapped}, but should be keys of LECTURE_TO_HEADINGS (map.py)"
    for lecture, names in LECTURE_TO_HEADINGS.items():
        for name in names:
            slide = _pick(name)  # raises SlideError for a name that picks no heading or several
            assert slide.index in {s.index for s in slides()}, (lecture, name)


def test_a_heading_name_that_picks_nothing_is_an_error():
    with pytest.raises(SlideError, match="picks 0 headings"):
        _pick("存在しない…")
    with pytest.raises(SlideError, match="has 2 headings with this text"):
        _pick("汎化誤差の分解@3")


def test_every_claim_of_the_registry_appears_in_the_book_with_its_verdict(tmp_path):
    doc = registry_doc()
    files = build_book(doc, tmp_path)
    assert files.claim_ids == {c.id for c in REGISTRY.values()}
    text = "".join(p.read_text(encoding="utf-8") for p in files.pages)
    for r in doc["results"]:
        card = re.search(rf'id="{re.escape(r["id"].replace("/", "_"))}".*?class="badge [^"]*">([^<]*)<', text, re.S)
        assert card and card.group(1) == r["outcome"], r["id"]


def test_claims_beyond_the_slides_are_in_their_own_part(tmp_path):
    files = build_book(registry_doc(), tmp_path)
    front = files.html.read_text(encoding="utf-8")
    lecture, beyond = front.split("Beyond the slides", 1)
    for s in SECTIONS:
        if (tmp_path / f"{s.module}.html").exists():
            assert f'href="{s.module}.html"' in (beyond if s.beyond_slides else lecture), s.module


def test_claim_text_is_escaped_and_no_script_but_the_books_own_runs(built):
    _, _, pages = built
    for name, page in pages.items():
        scripts = re.findall(r"<script[^>]*>", page)
        assert all(re.fullmatch(r'<script defer src="assets/[a-z/.-]+"></script>', s + "</script>") or
                   re.fullmatch(r'<script defer src="assets/[a-z/.-]+">', s) for s in scripts), (name, scripts)
        assert "alert(" not in page.replace("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", ""), name
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in pages["complexity.html"] + \
        pages["approximation_rates.html"]


def test_the_search_index_cannot_close_its_script(built):
    out, _, _ = built
    index = (out / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert "<" not in index and "yarotsky_square" in index


def test_every_page_parses_with_html5libs_strict_parser(built):
    html5lib = pytest.importorskip("html5lib", reason="html5lib (the test extra 'browser') is absent")
    _, _, pages = built
    for name, page in pages.items():
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        parser.parse(page)  # raises ParseError on the first structural error
        assert parser.errors == [], (name, parser.errors[:3])


def test_every_figure_has_alt_text_that_says_what_it_shows(built):
    _, files, pages = built
    imgs = re.findall(r"<img [^>]*>", "".join(pages.values()))
    assert len(imgs) == len(files.figures) == 2 or files.figures_not_drawn == 2
    for img in imgs:
        alt = re.search(r'alt="([^"]*)"', img).group(1)
        assert alt.startswith(("Line chart:", "Histogram:")) and len(alt) > 40, alt
    assert "logarithmic x and logarithmic y axes" in alt_text("f", LINES) and "Shaded: vacuous" in alt_text("f", LINES)


def test_a_card_links_its_property_source_line_and_reproduction(built):
    _, _, pages = built
    path, line = source_location(REGISTRY["yarotsky_square"])
    assert path.read_text(encoding="utf-8").splitlines()[line - 1].lstrip().startswith(("def ", "@"))
    page = pages["approximation_rates.html"]
    assert f"{path.name}:{line}</code>" in page and 'href="file://' in page
    assert "python -m theorems check --claim yarotsky_square" in page and "replay(&#x27;yarotsky_square" in page


def test_slides_words_are_shown_before_the_claims_they_make(built):
    _, _, pages = built
    page = pages["approximation_rates.html"]
    assert page.index("深さと幅を用いた近似誤差</h3>") < page.index('id="param_count"')
    assert 'lang="ja"' in page and "proof scope</th><td>all d, N, L" in page


def test_the_book_builds_from_a_saved_run_of_the_whole_registry(tmp_path):
    # its time is measured in benchmarks/bench_book.py, not asserted here
    doc = registry_doc()
    doc["results"][0]["figures"] = {"lines": LINES, "hist": HIST}
    files = build_book(doc, tmp_path)
    assert len(files.figures) == 2 and files.figures_not_drawn == 0


def test_markdown_escapes_of_the_slides_show_their_character_but_tex_keeps_its_backslash():
    html_text = _slide_html(r"#### f\*が滑らかなら $\|f^* - f_\theta\|$ と \_x")
    assert "f*が滑らか" in html_text and r"$\|f^* - f_\theta\|$" in html_text and "と _x" in html_text
    assert "\\" not in html_text.replace(r"$\|f^* - f_\theta\|$", "")


def test_no_page_shows_a_markdown_escape_of_the_slides(built):
    _, _, pages = built
    assert [name for name, page in pages.items() if "\\*" in page] == []
