"""The performance report script runs on a small synthetic pytest-benchmark JSON."""

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "performance_report.py"


def _load_script():
    spec = importlib.util.spec_from_file_location("performance_report", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bench(kernel, role, best, flops=None):
    info = {"group": "wide relu width=4", "kernel": kernel, "role": role, "n_points": 10}
    if flops is not None:
        info["flops"] = flops
    return {"name": f"test_x[{kernel}]", "group": info["group"], "extra_info": info,
            "stats": {"min": best, "median": 2 * best}}


def test_report_gives_each_kernel_its_rate_and_its_ratio_to_same_run_references(tmp_path):
    source = tmp_path / "bench.json"
    source.write_text(json.dumps({
        "machine_info": {"cpu": {"brand_raw": "Test CPU", "count": 2}, "python_version": "3.11"},
        "benchmarks": [_bench("network", "kernel", 0.5, flops=2e9),
                       _bench("gemm", "reference", 0.4, flops=2e9),
                       _bench("naive_loop", "reference", 1.0, flops=2e9)]}))
    output = tmp_path / "performance.md"
    assert _load_script().main([str(source), "--output", str(output)]) == 0
    text = output.read_text()
    assert "## wide relu width=4" in text
    assert "Test CPU" in text
    # 2 GFLOP in 0.5 s; gemm 0.4 s / 0.5 s = 0.80, naive 1.0 s / 0.5 s = 2.00
    assert "| network | kernel | 500 | 1e+03 | 4.00 GFLOP/s | gemm: 0.80, naive_loop: 2.00 |" in text


def test_report_states_a_throughput_in_the_unit_the_benchmark_names(tmp_path):
    source = tmp_path / "bench.json"
    claim = {"name": "t[a]", "extra_info": {"group": "claims", "kernel": "a", "role": "kernel",
                                            "items": 100, "unit": "examples"},
             "stats": {"min": 0.5, "median": 0.5}}
    reference = {"name": "t[r]", "extra_info": {"group": "claims", "kernel": "r", "role": "reference",
                                                "items": 10, "unit": "examples"},
                 "stats": {"min": 0.25, "median": 0.25}}
    source.write_text(json.dumps({"benchmarks": [claim, reference]}))
    output = tmp_path / "performance.md"
    assert _load_script().main([str(source), "--output", str(output)]) == 0
    # 200 examples/s against the reference's 40 examples/s: 5x the throughput, though 2x the time
    assert "| a | kernel | 500 | 500 | 200 examples/s | r: 5.00 |" in output.read_text()


def test_report_refuses_a_run_without_timings(tmp_path):
    source = tmp_path / "bench.json"
    source.write_text(json.dumps({"benchmarks": [{"name": "t", "extra_info": {}, "stats": None}]}))
    with pytest.raises(SystemExit):
        _load_script().main([str(source), "--output", str(tmp_path / "out.md")])
