"""The lecture's slides, and which slide makes which claim.

``slides.md`` (beside this module; see ``PROVENANCE.md``) is the lecture 「深層学習・人工知能の数理」
(今泉允聡, 名古屋大学 2024/03/22) as Japanese Markdown, one heading per slide title.  A claim names
its place in the lecture by ``Source(lecture="…")``; :data:`LECTURE_TO_HEADINGS` maps each such string
to the heading(s) of the slide(s) that make the claim, in the slides' own words.

A heading is named by its text after the ``#`` marks, exactly; a name ending in ``…`` is a prefix of
exactly one heading (for the long headings whose title ran into the slide's first line); ``@2`` after
a name picks the second heading with that text (the extraction repeats some titles).  The meta-test
``tests/report/test_book.py`` checks that every built-in claim's lecture string is in the table and
that every name in the table picks exactly one heading of ``slides.md``.

A slide starts at a heading of level 1–3, or at a level-4 heading that the table names (level-4
headings are usually a slide's own subtitles), and runs to the next start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

__all__ = ["LECTURE_TO_HEADINGS", "Slide", "SlideError", "headings_for", "slide_text", "slides"]

#: ``Source.lecture`` string -> names of the slide headings that make the claim, in slide order.
LECTURE_TO_HEADINGS: dict[str, tuple[str, ...]] = {
    # 深層学習入門
    "記法": ("より詳細に近似を調べるには…",),
    "学習の設定": ("• ネットワークの大きさを特徴付ける量",),
    "パラメータの学習アルゴリズム": ("パラメータの学習アルゴリズム",),
    "汎化誤差の分解": ("深層学習の理論の概要", "汎化誤差の分解"),
    # 近似誤差
    "普遍近似定理": ("・ニューラルネット(NN)はどんな連続関数でも近似可",),
    "普遍近似定理 / シンプルな証明 (d = 1次元の場合)": ("シンプルな証明 (d = 1次元の場合)",),
    "深さと幅 / 幅の下限": ("普遍近似定理のバリエーション",),
    "近似レート (σ sigmoid, L = 2)": ("滑らかな関数に対する近似レート",),
    "滑らかな関数に対する近似レート": ("滑らかな関数に対する近似レート",),
    "深さと幅を用いた近似誤差": ("深さと幅を用いた近似誤差",),
    "近似レート / 深さと幅を用いた近似誤差": ("深さと幅を用いた近似誤差",),
    "近似レート (特異性を持つ関数)": ("層の多さが必要になる状況",),
    "内在次元": ("層の多さが必要になる状況@2",),
    # 複雑性誤差
    "複雑性誤差": ("そもそも複雑性誤差とは?", "複雑性評価の数学的方法"),
    "汎化誤差の分解 / 複雑性誤差": ("そもそも複雑性誤差とは?",),
    # 過剰パラメータの理論
    "過剰パラメータの理論 / 二重降下": ("二重降下という考え", "モデルを過剰に大きくすると…", "これを理論で説明できるか?",
                                       "理論による二重効果の再現", "固有値によるバリアンス評価"),
    "良性過適合": ("良性過適合", "良性過適合という概念"),
    # beyond the slides: the slide that points to what comes next
    "人工知能理論 / 文脈内学習": ("人工知能理論",),
    "最適化誤差 / 暗黙的正則化": ("深層学習の理論の概要", "複雑性誤差のまとめ"),
    "PAC-Bayes (講義のまとめより)": ("複雑性誤差のまとめ",),
    "PAC-Bayes (講義のまとめより) / 複雑性誤差": ("複雑性誤差のまとめ",),
    "PAC-Bayes / ノルムに基づく複雑性": ("複雑性誤差のまとめ",),
}


class SlideError(LookupError):
    """A heading name that picks no heading, or more than one, of ``slides.md``."""


@dataclass(frozen=True)
class Slide:
    """One heading of ``slides.md`` and the text under it (up to the next slide's start)."""

    index: int     #: position among the headings, 0-based
    level: int     #: number of ``#``
    title: str     #: the heading's text
    line: int      #: 1-based line number of the heading in slides.md
    body: str = ""  #: the lines under the heading, up to the next slide's start (filled by slides())

    @property
    def anchor(self) -> str:
        return f"slide-{self.index}"


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")


@cache
def _text() -> str:
    return files("theorems.report.lecture").joinpath("slides.md").read_text(encoding="utf-8")


@cache
def _headings() -> tuple[Slide, ...]:
    out = []
    for n, line in enumerate(_text().splitlines(), start=1):
        m = _HEADING.match(line)
        if m:
            out.append(Slide(index=len(out), level=len(m.group(1)), title=m.group(2), line=n))
    return tuple(out)


def _pick(name: str) -> Slide:
    base, _, nth = name.partition("@")
    k = int(nth) if nth else 1
    if base.endswith("…"):
        found = [h for h in _headings() if h.title.startswith(base[:-1])]
        if len(found) != 1:
            raise SlideError(f"heading prefix {name!r} picks {len(found)} headings of slides.md; allowed: 1")
        return found[0]
    found = [h for h in _headings() if h.title == base]
    if len(found) < k:
        raise SlideError(f"heading {name!r}: slides.md has {len(found)} headings with this text; "
                         f"allowed: at least {k}")
    return found[k - 1]


@cache
def slides() -> tuple[Slide, ...]:
    """The slides of the lecture, in order: every heading that starts a slide, with its text."""
    named = {_pick(n).index for names in LECTURE_TO_HEADINGS.values() for n in names}
    starts = [h for h in _headings() if h.level <= 3 or h.index in named]
    lines = _text().splitlines()
    out = []
    for i, h in enumerate(starts):
        end = starts[i + 1].line - 1 if i + 1 < len(starts) else len(lines)
        body = "\n".join(lines[h.line:end]).strip("\n")
        out.append(Slide(index=h.index, level=h.level, title=h.title, line=h.line, body=body))
    return tuple(out)


def headings_for(lecture: str) -> tuple[Slide, ...]:
    """The slides that make a claim whose ``Source.lecture`` is ``lecture``; () when not mapped.

    A string that is not in the table but whose parts (split at ``" / "``) include a heading's exact
    text maps to that heading, so a new claim that names its slide by title needs no entry.
    """
    names = LECTURE_TO_HEADINGS.get(lecture)
    if names is None:
        titles = {h.title for h in _headings()}
        names = tuple(p for p in lecture.split(" / ") if p in titles)
    by_index = {s.index: s for s in slides()}
    return tuple(by_index[_pick(n).index] for n in names)


def slide_text() -> str:
    """The whole of ``slides.md``."""
    return _text()
