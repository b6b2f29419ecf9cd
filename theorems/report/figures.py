"""Figures: the data a claim recorded with ``evidence.figure``, drawn to PNG (the report) or SVG (the book).

The schema of a figure is documented in :meth:`theorems.engine.evidence.Evidence.figure`;
two kinds are drawn, ``"lines"`` (series of points on linear or log axes) and
``"histogram"`` (normalised samples, with curves such as a density drawn over
them).  A ``"lines"`` figure may also carry ``shade``: a list of bands
``{"y_from": a, "y_to": b, "label": str}`` (horizontal) or ``{"x_from": a, "x_to": b,
"label": str}`` (vertical), ``None`` for an end meaning the edge of the axes, e.g.
``[{"y_from": 1, "y_to": None, "label": "vacuous"}]``.  matplotlib is the optional extra ``figures``
(``pip install -e '.[figures]'``) and is imported inside the functions, so the
checker itself runs without it; the Agg backend draws without a display.
"""

from __future__ import annotations

import io
import math
import textwrap
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["FIGURE_KINDS", "STYLES", "figure_png", "figure_svg", "figures_available", "save_figure"]

FIGURE_KINDS = ("lines", "histogram")
STYLES = ("line", "points", "step", "dashed")

_SIZE_INCHES = (6.4, 3.9)
_DPI = 100
_TITLE_WIDTH = 72  # characters per title line
_LEGEND_INSIDE = 4  # at most this many legend entries inside the axes


def figures_available() -> bool:
    """Whether matplotlib (the optional extra ``figures``) is installed."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _require(data: Mapping[str, Any], key: str, kind: str):
    if key not in data:
        raise ValueError(f"figure of kind {kind!r} needs {key!r}; it has {', '.join(sorted(data)) or 'no keys'}")
    return data[key]


def _floats(values, what: str) -> list[float]:
    try:
        out = [float(v) for v in values]
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a list of numbers") from None
    return out


def _validate(data: Mapping[str, Any]) -> str:
    if not isinstance(data, Mapping):
        raise ValueError(f"a figure is a dict, not {type(data).__name__}")
    kind = data.get("kind")
    if kind not in FIGURE_KINDS:
        raise ValueError(f"figure kind={kind!r}; allowed: {', '.join(FIGURE_KINDS)}")
    if kind == "lines":
        series = _require(data, "series", kind)
        if not isinstance(series, list) or not series:
            raise ValueError("figure of kind 'lines' needs a non-empty list 'series'")
        for i, s in enumerate(series):
            x, y = _floats(_require(s, "x", kind), f"series[{i}].x"), _floats(_require(s, "y", kind), f"series[{i}].y")
            if len(x) != len(y):
                raise ValueError(f"series[{i}] has {len(x)} x and {len(y)} y values; allowed: equal")
            if s.get("style", "line") not in STYLES:
                raise ValueError(f"series[{i}].style={s.get('style')!r}; allowed: {', '.join(STYLES)}")
            if s.get("yerr") is not None and len(_floats(s["yerr"], f"series[{i}].yerr")) != len(y):
                raise ValueError(f"series[{i}].yerr has a length other than y's")
        _validate_shade(data.get("shade"))
    else:
        _floats(_require(data, "samples", kind), "samples")
        bins = data.get("bins", 30)
        if not isinstance(bins, int) or isinstance(bins, bool) or bins < 1:
            raise ValueError(f"bins={bins!r}; allowed: an integer >= 1")
        for i, s in enumerate(data.get("overlay") or []):
            if len(_floats(_require(s, "x", kind), f"overlay[{i}].x")) != len(_floats(_require(s, "y", kind),
                                                                                 f"overlay[{i}].y")):
                raise ValueError(f"overlay[{i}] has x and y of different lengths")
    return kind


_SHADE_KEYS = {"x": ("x_from", "x_to"), "y": ("y_from", "y_to")}


def _validate_shade(shade) -> None:
    """``shade`` (optional, "lines" only): bands along one axis each, ends a number or None (the edge)."""
    if shade is None:
        return
    if not isinstance(shade, list):
        raise ValueError(f"shade={shade!r}; allowed: a list of bands")
    for i, band in enumerate(shade):
        if not isinstance(band, Mapping):
            raise ValueError(f"shade[{i}]={band!r}; allowed: a dict such as {{'y_from': 1, 'y_to': None}}")
        unknown = set(band) - {"label", *_SHADE_KEYS["x"], *_SHADE_KEYS["y"]}
        axes = [a for a, keys in _SHADE_KEYS.items() if any(k in band for k in keys)]
        if unknown or len(axes) != 1:
            raise ValueError(f"shade[{i}] has keys {sorted(band)}; allowed: x_from/x_to or y_from/y_to "
                             "(one axis), and label")
        ends = [band.get(k) for k in _SHADE_KEYS[axes[0]]]
        for k, v in zip(_SHADE_KEYS[axes[0]], ends, strict=True):
            if v is not None and (isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v)):
                raise ValueError(f"shade[{i}].{k}={v!r}; allowed: a finite number or None (the edge)")
        if None not in ends and not ends[0] < ends[1]:
            raise ValueError(f"shade[{i}] runs from {ends[0]} to {ends[1]}; allowed: from < to")


def _draw_shades(ax, data: Mapping[str, Any]) -> None:
    """Bands drawn behind the series; a None end is the edge of the axes as the series left them."""
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    for band in data.get("shade") or []:
        axis = "y" if ("y_from" in band or "y_to" in band) else "x"
        lo, hi = ylim if axis == "y" else xlim
        a, b = (band.get(k) for k in _SHADE_KEYS[axis])
        span = ax.axhspan if axis == "y" else ax.axvspan
        span(lo if a is None else float(a), hi if b is None else float(b), color="#c44e52", alpha=0.12,
             linewidth=0, zorder=0, label=band.get("label") or None)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)


def _positive(values: list[float]) -> list[float]:
    return [v if v > 0 else math.nan for v in values]


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _power_label(value: float, _pos=None) -> str:
    """A log axis's tick label as plain text (10⁻³): mathtext would cost a second per figure."""
    if not value > 0 or not math.isfinite(value):
        return ""
    exponent = math.log10(value)
    if abs(exponent - round(exponent)) > 1e-9:
        return f"{value:g}"
    e = round(exponent)
    return {0: "1", 1: "10"}.get(e, "10" + str(e).translate(_SUPERSCRIPT))


def _draw_lines(ax, data: Mapping[str, Any]) -> None:
    logx, logy = bool(data.get("logx")), bool(data.get("logy"))
    for s in data["series"]:
        x, y = _floats(s["x"], "x"), _floats(s["y"], "y")
        if logx:
            x = _positive(x)
        if logy:
            y = _positive(y)
        style, label = s.get("style", "line"), s.get("label") or None
        if s.get("yerr") is not None:
            ax.errorbar(x, y, yerr=_floats(s["yerr"], "yerr"), fmt="o" if style == "points" else "-",
                        markersize=3, capsize=2, linewidth=1.2, label=label)
        elif style == "points":
            ax.plot(x, y, "o", markersize=2.5, label=label)
        elif style == "step":
            ax.step(x, y, where="post", linewidth=1.2, label=label)
        elif style == "dashed":
            ax.plot(x, y, "--", linewidth=1.2, label=label)
        else:
            ax.plot(x, y, "-", linewidth=1.4, label=label)
    from matplotlib.ticker import NullFormatter

    from matplotlib.ticker import FuncFormatter

    if logx:
        ax.set_xscale("log")
        ax.xaxis.set_minor_formatter(NullFormatter())  # labelled minor ticks overlap on short ranges
        ax.xaxis.set_major_formatter(FuncFormatter(_power_label))
    if logy:
        ax.set_yscale("log")
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.yaxis.set_major_formatter(FuncFormatter(_power_label))
    _draw_shades(ax, data)


def _draw_histogram(ax, data: Mapping[str, Any]) -> None:
    samples = [v for v in _floats(data["samples"], "samples") if math.isfinite(v)]
    ax.hist(samples, bins=int(data.get("bins", 30)), density=True, alpha=0.55, color="#4c72b0",
            edgecolor="white", linewidth=0.4, label=data.get("samples_label") or f"{len(samples)} samples")
    for s in data.get("overlay") or []:
        ax.plot(_floats(s["x"], "x"), _floats(s["y"], "y"), "-", linewidth=1.6, label=s.get("label") or None)


def figure_png(data: Mapping[str, Any]) -> bytes:
    """Draw one figure (a dict recorded by ``evidence.figure``) and return the PNG bytes.

    Parameters
    ----------
    data : mapping
        ``{"kind": "lines" | "histogram", ...}`` as documented in
        :meth:`theorems.engine.evidence.Evidence.figure`.

    Returns
    -------
    bytes
        A PNG image (metadata without a timestamp, so equal data give equal bytes).

    Raises
    ------
    ValueError
        Unknown kind, a missing key, series of unequal lengths, a style not in ``STYLES``, a
        malformed ``shade`` band.
    ImportError
        matplotlib is not installed (the optional extra ``figures``).
    """
    return _render(data, "png")


def figure_svg(data: Mapping[str, Any]) -> bytes:
    """Draw one figure as SVG (for the book): text kept as text, so it is sharp and searchable.

    Same data, checks and errors as :func:`figure_png`; equal data give equal bytes (no date in
    the metadata, a fixed hash salt for the element ids).
    """
    return _render(data, "svg")


def _render(data: Mapping[str, Any], fmt: str) -> bytes:
    kind = _validate(data)
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rc = {"svg.fonttype": "none", "svg.hashsalt": "dl-lecture-theorems"} if fmt == "svg" else {}
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        fig = Figure(figsize=_SIZE_INCHES, dpi=_DPI, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        # Titles may hold characters the default font lacks (e.g. Japanese): a box, not an error.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from (current )?font")
        if kind == "lines":
            _draw_lines(ax, data)
        else:
            _draw_histogram(ax, data)
        ax.set_title(textwrap.fill(str(data.get("title", "")), width=_TITLE_WIDTH), fontsize=10)
        ax.set_xlabel(str(data.get("xlabel", "")))
        ax.set_ylabel(str(data.get("ylabel", "density" if kind == "histogram" else "")))
        ax.grid(True, which="major", alpha=0.3)
        labels = ax.get_legend_handles_labels()[1]
        if len(labels) > _LEGEND_INSIDE:  # many entries would hide the data: beside the axes
            fig.set_size_inches(_SIZE_INCHES[0] * 1.45, _SIZE_INCHES[1])
            ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        elif labels:
            ax.legend(fontsize=8)
        buf = io.BytesIO()
        metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        fig.savefig(buf, format=fmt, metadata=metadata)
    return buf.getvalue()


def save_figure(data: Mapping[str, Any], path: str | Path) -> Path:
    """Draw one figure to ``path`` (PNG); return the path."""
    path = Path(path)
    path.write_bytes(figure_png(data))
    return path
