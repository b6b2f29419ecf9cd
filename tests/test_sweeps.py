"""Tests for constructions.sweeps: grid order, derived seeds, executors, resuming from the cache."""

from __future__ import annotations

import functools
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from bad_input_kit import frozen_dataclasses_test
from doc_blocks import exec_block

from constructions.approximation.rates import fit_loglog_slope, geometric_sizes
from constructions.complexity.uniform_deviation import uniform_deviation_replicates
from constructions.linear_models.random_features import double_descent_curve
from constructions.sweeps import SweepResult, cache_key, grid, point_seed, run_sweep, sweep_executor

#: A rate sweep: sup_t |F_n(t) − t| (DKW, rate n^{-1/2}) over a geometric sweep of n, 2 seeds per n.
RATE_POINTS = grid(n=geometric_sizes(10, 1000, num=5), n_replicates=[20])
#: A double-descent curve small enough to fit in a fraction of a second.
DD_KW = {"n_train": 20, "d": 4, "n_test": 100, "n_draws": 3}
DD_GRID = [4, 10, 20, 30, 80]


def _rate_sweep(executor=None, cache_dir=None) -> SweepResult:
    return run_sweep(uniform_deviation_replicates, RATE_POINTS, seed=7, replicates=2,
                     executor=executor, cache_dir=cache_dir)


def _double_descent(executor=None):
    return double_descent_curve(DD_GRID, rng=np.random.default_rng(3), executor=executor, **DD_KW)


def _assert_same_sweep(a: SweepResult, b: SweepResult) -> None:
    assert a.points == b.points and a.seeds == b.seeds
    assert all(np.array_equal(x, y) for x, y in zip(a.values, b.values, strict=True))


def _assert_same_curve(a, b) -> None:
    assert np.array_equal(a.test_error, b.test_error), (a.test_error, b.test_error)
    assert np.array_equal(a.standard_error, b.standard_error)


@pytest.fixture(scope="module")
def serial():
    return _rate_sweep(), _double_descent()



def test_grid_is_the_cartesian_product_with_the_last_axis_fastest():
    g = grid(a=[1, 2], b=["x", "y", "z"])
    assert [(p["a"], p["b"]) for p in g] == [(1, "x"), (1, "y"), (1, "z"),
                                             (2, "x"), (2, "y"), (2, "z")]


def test_results_come_in_grid_order_with_seeds_derived_from_positions(serial):
    r = serial[0]
    assert len(r) == 2 * len(RATE_POINTS)
    assert r.points == tuple(p for p in RATE_POINTS for _ in range(2))
    assert r.seeds == tuple(point_seed(7, i, k) for i in range(len(RATE_POINTS)) for k in range(2))
    assert len(set(r.seeds)) == len(r.seeds)
    for p, s, v in zip(r.points, r.seeds, r.values, strict=True):
        assert np.array_equal(v, uniform_deviation_replicates(**p, rng=np.random.default_rng(s)))


def test_point_seed_is_the_spawned_seed_sequence_of_the_position():
    child = np.random.SeedSequence(5).spawn(3)[2].spawn(2)[1]
    assert point_seed(5, 2, 1) == int(child.generate_state(1, np.uint64)[0])


def test_the_rate_sweep_still_shows_the_square_root_rate(serial):
    r = serial[0]
    means = np.array([np.mean(v) for v in r.values]).reshape(-1, 2).mean(axis=1)
    fit = fit_loglog_slope([p["n"] for p in RATE_POINTS], means)
    assert fit.ci_low - 0.1 <= -0.5 <= fit.ci_high + 0.1, fit  # 40 replicates per n: a loose band


def test_process_pool_gives_bit_identical_results(serial):
    with ProcessPoolExecutor(max_workers=2) as pool:
        _assert_same_sweep(_rate_sweep(pool), serial[0])
        _assert_same_curve(_double_descent(pool), serial[1])


def test_sweep_executor_with_workers_matches_in_process(serial):
    with sweep_executor(workers=2) as pool:
        assert isinstance(pool, ProcessPoolExecutor)
        _assert_same_sweep(_rate_sweep(pool), serial[0])
    with sweep_executor() as pool:
        assert pool is None


def test_double_descent_curve_leaves_rng_where_the_serial_loop_left_it():
    kw = dict(DD_KW, n_noise=2)
    a, b = np.random.default_rng(11), np.random.default_rng(11)
    double_descent_curve(DD_GRID, rng=a, **kw)
    for _ in range(kw["n_draws"]):  # the draws of the original loop, in its order
        b.standard_normal(kw["d"])
        b.standard_normal((max(DD_GRID), kw["d"]))
        b.standard_normal((kw["n_train"], kw["d"]))
        b.standard_normal((kw["n_test"], kw["d"]))
        b.standard_normal((kw["n_train"], kw["n_noise"]))
    assert a.bit_generator.state == b.bit_generator.state


def counted_square(x, *, log: str):
    """x², leaving one file per call in ``log``; raises where a file fault-<x> exists."""
    directory = Path(log)
    calls = len(list(directory.glob(f"call-{x}-*")))
    (directory / f"call-{x}-{calls}").touch()
    if (directory / f"fault-{x}").exists():
        raise RuntimeError(f"injected fault at x={x}")
    return x * x


def _calls(log: Path) -> list[int]:
    return sorted(int(f.name.split("-")[1]) for f in log.glob("call-*"))


def test_an_interrupted_sweep_resumes_and_computes_only_the_missing_points(tmp_path):
    log, cache = tmp_path / "log", tmp_path / "cache"
    log.mkdir()
    points = grid(x=range(6), log=[str(log)])
    (log / "fault-3").touch()
    with pytest.raises(RuntimeError, match="x=3"):
        run_sweep(counted_square, points, cache_dir=cache)
    assert _calls(log) == [0, 1, 2, 3]
    assert len(list(cache.glob("*.pkl"))) == 3 and not list(cache.glob("*.tmp"))
    (log / "fault-3").unlink()
    for f in log.glob("call-*"):
        f.unlink()
    r = run_sweep(counted_square, points, cache_dir=cache)
    assert r.values == (0, 1, 4, 9, 16, 25)
    assert _calls(log) == [3, 4, 5]
    for f in log.glob("call-*"):
        f.unlink()
    assert run_sweep(counted_square, points, cache_dir=cache).values == r.values
    assert _calls(log) == []


def test_a_resumed_seeded_sweep_equals_an_uninterrupted_one(tmp_path, serial):
    half = run_sweep(uniform_deviation_replicates, RATE_POINTS[:2], seed=7, replicates=2,
                     cache_dir=tmp_path)
    _assert_same_sweep(half, SweepResult(serial[0].points[:4], serial[0].seeds[:4],
                                         serial[0].values[:4]))
    with ProcessPoolExecutor(max_workers=2) as pool:
        _assert_same_sweep(_rate_sweep(pool, cache_dir=tmp_path), serial[0])
    assert len(list(tmp_path.glob("*.pkl"))) == len(serial[0])


def test_cache_keys_separate_functions_points_and_seeds():
    keys = {cache_key(counted_square, {"x": 1, "log": "a"}, None),
            cache_key(counted_square, {"x": 1.0, "log": "a"}, None),
            cache_key(counted_square, {"x": 1, "log": "a"}, 0),
            cache_key(point_seed, {"x": 1, "log": "a"}, None),
            cache_key(functools.partial(counted_square, log="a"), {"x": 1}, None),
            cache_key(counted_square, {"x": np.array([1]), "log": "a"}, None)}
    assert len(keys) == 6
    assert cache_key(counted_square, {"log": "a", "x": 1}, None) == cache_key(
        counted_square, {"x": 1, "log": "a"}, None)  # key order is irrelevant


def test_cache_keys_separate_points_that_differ_inside_sequences():
    """Keys see into lists and tuples: other contents, or a list for a tuple, give another file."""
    keys = {cache_key(counted_square, {"x": [1, 2], "log": "a"}, None),
            cache_key(counted_square, {"x": [1, 3], "log": "a"}, None),
            cache_key(counted_square, {"x": (1, 2), "log": "a"}, None),
            cache_key(functools.partial(counted_square, log="a"), {"x": 1}, None),
            cache_key(functools.partial(counted_square, log="b"), {"x": 1}, None)}
    assert len(keys) == 5
    with pytest.raises(ValueError, match=r"point\['x'\]\[1\] has type object"):
        cache_key(counted_square, {"x": [1, object()], "log": "a"}, None)


@pytest.mark.parametrize(("call", "match"), [
    (lambda: run_sweep(counted_square, []), "points"),
    (lambda: run_sweep(counted_square, [{1: 1}]), r"points\[0\]"),  # a mapping, non-str key
    (lambda: run_sweep(counted_square, [["x"]]), r"points\[0\]"),  # str names, not a mapping
    (lambda: run_sweep(counted_square, [{"x": 1}], replicates=2), "replicates"),
    (lambda: run_sweep(counted_square, [{"x": 1}], seed=-1), "seed"),
    (lambda: run_sweep(uniform_deviation_replicates, [{"n": 3, "rng": 0}], seed=0), "rng"),
    (lambda: run_sweep(counted_square, [{"x": 1}], executor="fast"), "executor"),
    (lambda: run_sweep(lambda x: x, [{"x": 1}], cache_dir="unused"), "qualified name"),
    (lambda: run_sweep(counted_square, [{"x": object(), "log": "a"}], cache_dir="unused"),
     "stable hash"),
    (lambda: grid(), "no axes"),
    (lambda: grid(a=[]), "empty"),
    (lambda: point_seed(0, -1), "index"),
])
def test_bad_arguments_are_rejected(call, match, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match=match):
        call()
    assert not (tmp_path / "unused").exists()  # rejected before any directory is made


def test_both_workers_and_scheduler_are_rejected():
    with pytest.raises(ValueError, match="at most one"), sweep_executor(workers=2, scheduler="tcp://x:1"):
        pass


def test_a_scheduler_without_dask_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(ImportError, match=r"\[distributed\]"), sweep_executor(scheduler="tcp://x:1"):
        pass


def test_a_dask_local_cluster_gives_exactly_the_in_process_results(serial):
    distributed = pytest.importorskip(
        "distributed", reason="the optional extra: pip install 'dl-lecture-theorems[distributed]'")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        _assert_same_sweep(_rate_sweep(client), serial[0])
        _assert_same_curve(_double_descent(client), serial[1])
        with sweep_executor(scheduler=cluster.scheduler_address) as executor:
            _assert_same_curve(_double_descent(executor), serial[1])


def test_the_python_blocks_of_docs_scaling_run():
    doc = (Path(__file__).resolve().parents[1] / "docs" / "scaling.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", doc, re.DOTALL | re.MULTILINE)
    assert len(blocks) >= 3
    namespace: dict = {"__name__": "scaling_doc"}
    for block in blocks:
        if not block.startswith("# needs a running Dask scheduler"):
            exec_block(block, "docs/scaling.md python block", namespace)


test_every_dataclass_of_the_module_is_frozen = frozen_dataclasses_test("constructions.sweeps")
