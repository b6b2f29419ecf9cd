"""Figures: each kind of the schema in evidence.figure draws a PNG; anything else is refused."""

from __future__ import annotations

import numpy as np
import pytest

from theorems.report.figures import figure_png, figures_available, save_figure

needs_matplotlib = pytest.mark.skipif(not figures_available(),
                                      reason="matplotlib (the optional extra 'figures') is not installed")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

LINES = {
    "kind": "lines", "title": "error against W — ‖f − f_W‖ ≤ C·W^{−2}", "xlabel": "W", "ylabel": "sup error",
    "logx": True, "logy": True,
    "series": [
        {"x": [10, 20, 40, 80], "y": [1e-2, 2.5e-3, 6.25e-4, 1.5625e-4], "label": "measured", "style": "points"},
        {"x": [10, 80], "y": [1e-2, 1.5625e-4], "label": "slope −2", "style": "dashed"},
        {"x": [10, 20, 40, 80], "y": [1e-2, 3e-3, 7e-4, 2e-4], "label": "with errors", "style": "line",
         "yerr": [1e-3, 3e-4, 7e-5, 2e-5]},
        {"x": [10, 20, 40, 80], "y": [1e-2, 1e-2, 1e-3, 1e-3], "label": "steps", "style": "step"},
    ],
}

HISTOGRAM = {
    "kind": "histogram", "title": "eigenvalues", "xlabel": "λ", "ylabel": "density",
    "samples": np.random.default_rng(0).standard_normal(500).tolist(), "bins": 20,
    "overlay": [{"x": np.linspace(-3, 3, 61).tolist(),
                 "y": (np.exp(-np.linspace(-3, 3, 61) ** 2 / 2) / np.sqrt(2 * np.pi)).tolist(),
                 "label": "N(0, 1) density"}],
}


@needs_matplotlib
@pytest.mark.parametrize("data", [LINES, HISTOGRAM], ids=["lines", "histogram"])
def test_each_kind_draws_a_png_deterministically(data, tmp_path):
    png = figure_png(data)
    assert png.startswith(PNG_MAGIC) and len(png) > 5000
    assert figure_png(data) == png  # no timestamp in the metadata: equal data, equal bytes
    assert save_figure(data, tmp_path / "f.png").read_bytes() == png


@needs_matplotlib
def test_a_log_axis_drops_non_positive_values_instead_of_failing():
    data = dict(LINES, series=[{"x": [0.0, 1.0, 2.0], "y": [1.0, 0.0, 0.5], "label": "with zeros"}])
    assert figure_png(data).startswith(PNG_MAGIC)


SHADED = dict(LINES, shade=[{"y_from": 1e-3, "y_to": None, "label": "vacuous"},
                             {"x_from": None, "x_to": 15, "label": "pre-asymptotic"},
                             {"y_from": 1e-4, "y_to": 2e-4}])


@needs_matplotlib
def test_shaded_bands_draw_deterministically_and_change_the_picture():
    png = figure_png(SHADED)
    assert png.startswith(PNG_MAGIC) and figure_png(SHADED) == png
    assert png != figure_png(LINES)


@needs_matplotlib
def test_a_title_in_japanese_draws_without_a_warning():
    assert figure_png(dict(HISTOGRAM, title="普遍近似定理")).startswith(PNG_MAGIC)


@pytest.mark.parametrize("data, message", [
    ({"kind": "surface"}, "figure kind='surface'; allowed: lines, histogram"),
    ({"title": "no kind"}, "figure kind=None"),
    ({"kind": "lines"}, "needs 'series'"),
    ({"kind": "lines", "series": [{"x": [1, 2], "y": [1]}]}, "2 x and 1 y values"),
    ({"kind": "lines", "series": [{"x": [1], "y": [1], "style": "wavy"}]}, "style='wavy'"),
    ({"kind": "lines", "series": [{"x": [1], "y": [1]}], "shade": {"y_from": 1}}, "allowed: a list of bands"),
    ({"kind": "lines", "series": [{"x": [1], "y": [1]}], "shade": [3]}, "=3; allowed: a dict"),
    ({"kind": "lines", "series": [{"x": [1], "y": [1]}], "shade": [{"y_from": 1, "x_to": 2}]}, "one axis"),
    ({"kind": "lines", "series": [{"x": [1], "y": [1]}], "shade": [{"z_from": 1}]}, "one axis"),
    ({"kind": "lines", "series": [{"x": [1], "y": [1]}], "shade": [{"y_from": "1"}]}, "y_from='1'; allowed: a finite number"),
    ({"kind": "lines", "series": [{"x": [1], "y": [1]}], "shade": [{"y_from": 2, "y_to": 1}]}, "from < to"),
    ({"kind": "histogram"}, "needs 'samples'"),
    ({"kind": "histogram", "samples": [1.0], "bins": 0}, "bins=0"),
])
def test_unknown_kinds_and_malformed_data_raise_value_error(data, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        figure_png(data)
