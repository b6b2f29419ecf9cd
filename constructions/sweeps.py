"""Sweeps: a grid of parameter points × seeds, one pure function per point, any executor.

The heavy work of the suite is sweeps — an error-against-W curve for a rate claim, a
double-descent curve over draws, the many-seed reliability audit.  This module is the one
abstraction they share:

* a sweep is a sequence of parameter points (mappings of keyword arguments, e.g. from
  :func:`grid`), optionally × ``replicates`` seeds, and a pure top-level function called as
  ``function(**point)`` or, with a base seed, ``function(**point, rng=default_rng(seed))``;
* the seed of evaluation (i, r) — point i, replicate r — is derived from the base seed and
  the *position* (i, r) by :class:`numpy.random.SeedSequence` (:func:`point_seed`), never from
  the worker that runs it, so every executor gives bit-identical values;
* values come back in grid order with their points and seeds (:class:`SweepResult`);
* with ``cache_dir`` each value is stored on disk (pickle, written to a temporary file and
  renamed into place) under a hash of the function's qualified name, the point and the seed,
  so a sweep that was interrupted resumes and computes only the missing evaluations;
* the executor is anything with the :class:`concurrent.futures.Executor` interface: none (a
  plain loop in this process, the default), a :class:`~concurrent.futures.ProcessPoolExecutor`,
  or Dask's ``Client.get_executor()``; a ``dask.distributed.Client`` may be passed directly.
  Dask is an optional extra (``pip install "dl-lecture-theorems[distributed]"``), imported only
  when asked for.  Scheduling, transport and retries are the executor's, not this module's.

References
----------
NumPy, "Parallel random number generation" (SeedSequence spawning); Python's
``concurrent.futures``; Dask, "Futures" (``Client.get_executor``).  Lecture: the sweeps of
近似レート and 二重降下.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import hashlib
import itertools
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from constructions.validation import check_integer

__all__ = [
    "SweepResult",
    "cache_key",
    "grid",
    "point_seed",
    "run_sweep",
    "sweep_executor",
]

#: Bumped when the cache's key or file layout changes, so old entries are never misread.
_CACHE_FORMAT = 1


@dataclass(frozen=True, eq=False)
class SweepResult:
    """The values of a sweep in grid order, each with the point and the seed that produced it.

    Attributes
    ----------
    points : tuple of dict
        One entry per evaluation: point i repeated for its replicates (point-major order).
    seeds : tuple of (int or None)
        The seed of each evaluation (None when the sweep had no base seed); the function saw
        ``rng=numpy.random.default_rng(seed)``.
    values : tuple
        What the function returned, in the same order.
    """

    points: tuple[dict, ...]
    seeds: tuple[int | None, ...]
    values: tuple[Any, ...]

    def __len__(self) -> int:
        return len(self.values)


def grid(**axes) -> tuple[dict, ...]:
    """The Cartesian product of named axes, as points in C order (the last axis varies fastest).

    Parameters
    ----------
    **axes : sequence
        Name = the values of that parameter (non-empty).

    Returns
    -------
    tuple of dict

    Raises
    ------
    ValueError
        No axes, or an empty axis.

    Examples
    --------
    >>> grid(n=[10, 20], lam=[0.0, 0.1])
    ({'n': 10, 'lam': 0.0}, {'n': 10, 'lam': 0.1}, {'n': 20, 'lam': 0.0}, {'n': 20, 'lam': 0.1})
    """
    if not axes:
        raise ValueError("grid() has no axes; allowed: at least one name=values")
    values = {}
    for name, axis in axes.items():
        v = list(axis.tolist() if isinstance(axis, np.ndarray) else axis)
        if not v:
            raise ValueError(f"axis {name}={v!r} is empty; allowed: at least one value")
        values[name] = v
    names = list(values)
    combos = itertools.product(*values.values())
    return tuple(dict(zip(names, combo, strict=True)) for combo in combos)


def point_seed(base_seed: int, index: int, replicate: int = 0) -> int:
    """The seed of evaluation (index, replicate) of a sweep with base seed ``base_seed``.

    Parameters
    ----------
    base_seed : int
        ≥ 0.
    index : int
        Position of the point in the grid, ≥ 0.
    replicate : int
        Replicate number, ≥ 0.

    Returns
    -------
    int
        A 64-bit seed for :func:`numpy.random.default_rng`.

    Notes
    -----
    ``SeedSequence(base_seed, spawn_key=(index, replicate))`` is the (index, replicate)
    grandchild that ``SeedSequence(base_seed).spawn`` would give: independent streams for
    distinct positions, a function of the position only (not of the worker or the order of
    completion), and no Python ``hash`` (which is salted per process for strings).

    Examples
    --------
    >>> point_seed(0, 3) == point_seed(0, 3) != point_seed(0, 4)
    True
    """
    b = check_integer("base_seed", base_seed, min_value=0)
    i = check_integer("index", index, min_value=0)
    r = check_integer("replicate", replicate, min_value=0)
    return int(np.random.SeedSequence(b, spawn_key=(i, r)).generate_state(1, np.uint64)[0])


def _canonical(obj, where: str):
    """A nested tuple of str/int that identifies ``obj`` exactly (floats by their hex form)."""
    if obj is None or isinstance(obj, bool | str | bytes):
        return (type(obj).__name__, obj)
    if isinstance(obj, np.bool_):
        return ("bool", bool(obj))
    if isinstance(obj, int | np.integer):
        return ("int", int(obj))
    if isinstance(obj, float | np.floating):
        return ("float", float(obj).hex())
    if isinstance(obj, Fraction):
        return ("Fraction", obj.numerator, obj.denominator)
    if isinstance(obj, np.ndarray):
        a = np.ascontiguousarray(obj)
        if a.dtype.hasobject:
            raise ValueError(f"{where} is an object array; allowed: numeric arrays")
        return ("ndarray", a.dtype.str, a.shape, hashlib.sha256(a.tobytes()).hexdigest())
    if isinstance(obj, list | tuple):
        return (type(obj).__name__, *(_canonical(x, f"{where}[{k}]") for k, x in enumerate(obj)))
    if isinstance(obj, Mapping):
        keys = sorted(obj, key=str)
        return ("dict", *((str(k), _canonical(obj[k], f"{where}[{k!r}]")) for k in keys))
    raise ValueError(f"{where} has type {type(obj).__name__}, which has no stable hash; allowed: "
                     "None, bool, int, float, str, bytes, Fraction, numeric ndarray, and lists, "
                     "tuples and dicts of these")


def _qualified_name(function) -> str:
    if isinstance(function, functools.partial):
        inner = _qualified_name(function.func)
        return f"partial({inner}, {_canonical((function.args, function.keywords), 'partial')!r})"
    module = getattr(function, "__module__", None)
    name = getattr(function, "__qualname__", None)
    if module is None or name is None or "<" in name:
        raise ValueError(f"function={function!r} has no stable qualified name; allowed: a "
                         "top-level function (not a lambda or a nested function) or a "
                         "functools.partial of one")
    return f"{module}.{name}"


def cache_key(function, point: Mapping, seed: int | None) -> str:
    """The cache file name of one evaluation: SHA-256 of (qualified name, point, seed).

    Parameters
    ----------
    function : callable
        A top-level function, or a :func:`functools.partial` of one.
    point : mapping
        The keyword arguments.
    seed : int or None

    Returns
    -------
    str
        64 hexadecimal digits; stable across processes, machines and Python sessions.

    Raises
    ------
    ValueError
        A lambda or nested function, or a parameter without a stable encoding.

    Examples
    --------
    >>> cache_key(point_seed, {"index": 1}, 0) == cache_key(point_seed, {"index": 1}, 0)
    True
    >>> cache_key(point_seed, {"index": 1}, 0) == cache_key(point_seed, {"index": 1.0}, 0)
    False
    """
    text = repr((_CACHE_FORMAT, _qualified_name(function), _canonical(dict(point), "point"),
                 _canonical(seed, "seed")))
    return hashlib.sha256(text.encode()).hexdigest()


def _evaluate(function, point: Mapping, seed: int | None):
    """One evaluation; top-level so that executors can pickle it."""
    if seed is None:
        return function(**point)
    return function(**point, rng=np.random.default_rng(seed))


def _store(path: Path, value) -> None:
    """Write ``value`` to ``path`` atomically: a reader sees the old state or the whole new file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _as_executor(executor):
    """An Executor from None, an Executor, or a dask.distributed Client (duck-typed)."""
    if executor is None or isinstance(executor, concurrent.futures.Executor):
        return executor
    if callable(getattr(executor, "get_executor", None)):
        return executor.get_executor()
    raise ValueError(f"executor={executor!r}; allowed: None, a concurrent.futures.Executor, "
                     "or a dask.distributed.Client")


def run_sweep(function: Callable, points: Sequence[Mapping], *, seed: int | None = None,
              replicates: int = 1, executor=None, cache_dir=None,
              progress: Callable | None = None) -> SweepResult:
    """Evaluate ``function`` at every point (× replicates) and return the values in grid order.

    Parameters
    ----------
    function : callable
        Pure and top-level (picklable), called as ``function(**point)``, or as
        ``function(**point, rng=numpy.random.default_rng(s))`` when ``seed`` is given.  Its
        return value must be picklable.
    points : sequence of mapping
        The parameter points, e.g. from :func:`grid` (non-empty; keys are argument names).
    seed : int or None
        Base seed ≥ 0; evaluation (i, r) gets ``point_seed(seed, i, r)``.  None: no ``rng``
        argument (the function is deterministic, or its randomness is a parameter).
    replicates : int
        Evaluations per point, ≥ 1; more than 1 needs a ``seed``.
    executor : None, concurrent.futures.Executor, or dask.distributed.Client
        None runs a plain loop in this process.  An executor is used as given and not shut
        down (see :func:`sweep_executor` to make one from ``--workers`` / ``--scheduler``).
    cache_dir : str or Path or None
        Directory for finished evaluations (created if missing).  Evaluations found there are
        not recomputed; each new value is written there as soon as it arrives.
    progress : callable or None
        Called in this process as ``progress(k, value)`` when evaluation k (its position in the
        result) is computed, in completion order (grid order for the in-process loop); not
        called for cached evaluations.

    Returns
    -------
    SweepResult

    Raises
    ------
    ValueError
        Empty or malformed points, a bad seed or replicate count, an unknown executor, or
        (with ``cache_dir``) a function or parameter that cannot be hashed stably.
    Exception
        Whatever ``function`` raised first; evaluations finished before it stay cached.

    Notes
    -----
    The result depends only on (function, points, seed, replicates): seeds are derived from
    grid positions, values are placed by position, and the cache is keyed by content, so a
    serial run, a process pool, a Dask cluster and a resumed run agree bit for bit (given
    that ``function`` itself is deterministic for a given seed; multithreaded BLAS reductions
    can differ in the last bit between thread counts).  The cache is written by the calling
    process only, so workers need no shared file system.

    Examples
    --------
    >>> r = run_sweep(point_seed, grid(base_seed=[0], index=[0, 1]))
    >>> r.values == (point_seed(0, 0), point_seed(0, 1)), r.seeds
    (True, (None, None))
    >>> from constructions.complexity.uniform_deviation import uniform_deviation_replicates as deviations
    >>> r = run_sweep(deviations, grid(n=[10, 100], n_replicates=[3]), seed=0, replicates=2)
    >>> len(r), r.points[1], r.seeds[2] == point_seed(0, 1, 0)
    (4, {'n': 10, 'n_replicates': 3}, True)
    >>> again = deviations(100, n_replicates=3, rng=np.random.default_rng(r.seeds[3]))
    >>> bool(np.all(r.values[3] == again))
    True
    """
    if not callable(function):
        raise ValueError(f"function={function!r} is not callable")
    if progress is not None and not callable(progress):
        raise ValueError(f"progress={progress!r} is not callable; allowed: None or a callable")
    if isinstance(points, Mapping) or not isinstance(points, Sequence) or len(points) == 0:
        raise ValueError(f"points={points!r}; allowed: a non-empty sequence of mappings")
    for k, p in enumerate(points):
        if not isinstance(p, Mapping) or not all(isinstance(name, str) for name in p):
            raise ValueError(f"points[{k}]={p!r}; allowed: a mapping from argument names to values")
        if seed is not None and "rng" in p:
            raise ValueError(f"points[{k}] has a key 'rng'; allowed: no 'rng' when seed is set "
                             "(the sweep passes rng itself)")
    reps = check_integer("replicates", replicates, min_value=1)
    if seed is None and reps > 1:
        raise ValueError(f"replicates={reps} without a seed would repeat one evaluation; allowed: "
                         "replicates=1, or a base seed")
    if seed is not None:
        seed = check_integer("seed", seed, min_value=0)
    pool = _as_executor(executor)

    tasks = [(dict(p), None if seed is None else point_seed(seed, i, r))
             for i, p in enumerate(points) for r in range(reps)]
    values: list = [None] * len(tasks)
    todo = list(range(len(tasks)))
    paths: list[Path | None] = [None] * len(tasks)
    if cache_dir is not None:
        directory = Path(cache_dir)
        paths = [directory / f"{cache_key(function, p, s)}.pkl" for p, s in tasks]
        directory.mkdir(parents=True, exist_ok=True)
        todo = []
        for k in range(len(tasks)):
            if paths[k].exists():
                with paths[k].open("rb") as f:
                    values[k] = pickle.load(f)
            else:
                todo.append(k)

    def finish(k, value):
        values[k] = value
        if paths[k] is not None:
            _store(paths[k], value)
        if progress is not None:
            progress(k, value)

    if pool is None:
        for k in todo:
            finish(k, _evaluate(function, *tasks[k]))
    else:
        futures = {pool.submit(_evaluate, function, *tasks[k]): k for k in todo}
        try:
            for future in concurrent.futures.as_completed(futures):
                finish(futures[future], future.result())
        finally:
            for future in futures:
                future.cancel()
    return SweepResult(points=tuple(p for p, _ in tasks), seeds=tuple(s for _, s in tasks),
                       values=tuple(values))


def _dask_client(address: str):
    try:
        from dask.distributed import Client
    except ImportError as err:  # the optional extra is missing
        raise ImportError("a Dask scheduler needs the optional extra: "
                          "pip install 'dl-lecture-theorems[distributed]' "
                          "(or pip install 'dask[distributed]')") from err
    return Client(address)


def sweep_executor(*, workers: int | None = None, scheduler: str | None = None):
    """The executor for command-line options ``--workers N`` / ``--scheduler ADDRESS``.

    Parameters
    ----------
    workers : int or None
        Local worker processes (≥ 1): a :class:`~concurrent.futures.ProcessPoolExecutor`.
    scheduler : str or None
        Address of a running Dask scheduler (e.g. ``tcp://10.0.0.5:8786``): the executor of a
        ``dask.distributed.Client`` connected to it (needs the ``distributed`` extra).

    Yields
    ------
    None or concurrent.futures.Executor
        None (in-process) when neither option is given.  Whatever is made here is shut down
        (and the Dask client closed) on exit.

    Raises
    ------
    ValueError
        Both options, or ``workers`` < 1.
    ImportError
        ``scheduler`` without Dask installed.

    Examples
    --------
    >>> with sweep_executor() as ex:
    ...     run_sweep(point_seed, [{"base_seed": 0, "index": 0}], executor=ex).values
    (2635072618980576772,)
    """
    # validated here, when called, not later when the context is entered
    if workers is not None and scheduler is not None:
        raise ValueError(f"workers={workers!r} and scheduler={scheduler!r}; allowed: at most one")
    if workers is not None:
        workers = check_integer("workers", workers, min_value=1)
    if scheduler is not None and not isinstance(scheduler, str):
        raise TypeError(f"scheduler={scheduler!r} must be an address string")
    return _executor_context(workers, scheduler)


@contextlib.contextmanager
def _executor_context(workers: int | None, scheduler: str | None) -> Iterator:
    if workers is not None:
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
            yield pool
    elif scheduler is not None:
        client = _dask_client(scheduler)
        try:
            yield client.get_executor()
        finally:
            client.close()
    else:
        yield None
