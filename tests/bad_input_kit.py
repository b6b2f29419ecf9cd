"""The bad-input kit: corruptions, registry entries, tiny networks and the call-and-check logic.

Every public construction has an :class:`Entry` in the bad-input registry of its folder
(``tests/<folder>/test_<folder>_bad_input.py``; the top-level modules of ``constructions`` in
``tests/test_bad_input.py``): a factory of *valid* arguments and, per parameter, a *corruption*
(one of the functions below), mapping the valid value to a strategy of invalid values.  Each
registry file runs :func:`check_valid_arguments` and :func:`check_invalid_argument` over its
entries; ``tests/test_bad_input.py`` unions the registries (:func:`folder_registries`) and checks
that every public callable is covered.

Importable as ``bad_input_kit`` because ``pyproject.toml`` puts ``tests`` on ``pythonpath``.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import inspect
import pkgutil
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from constructions.networks.dense import DenseNetwork, network_from_layers

NAN, INF = float("nan"), float("inf")
TIME_LIMIT_S = 5  # a bad argument must be rejected up front; 5 s is ~1000x any valid tiny call here


# --------------------------------------------------------------------------------------------------
# corruptions: each maps the valid value of a parameter to a strategy of invalid values for it
# --------------------------------------------------------------------------------------------------

Corruption = Callable[[object], st.SearchStrategy]


def counts(min_value: int = 1, *, allow_none: bool = False) -> Corruption:
    """Sizes/orders: integers below the minimum, non-integers, NaN, a numeric string."""
    odd = [2.5, NAN, "3", True] + ([] if allow_none else [None])
    return lambda _valid: st.one_of(st.integers(max_value=min_value - 1), st.sampled_from(odd))


def reals(
    lo: float | None = None,
    hi: float | None = None,
    *,
    strict_lo: bool = False,
    strict_hi: bool = False,
) -> Corruption:
    """Reals: NaN, ±inf, a numeric string, values outside ``lo .. hi`` (an open end if strict)."""
    parts = [st.sampled_from([NAN, INF, -INF, "1.0"])]
    if lo is not None:
        # the filters drop -0.0 when lo == 0.0 is allowed (Hypothesis orders -0.0 below 0.0)
        below = st.floats(max_value=lo, allow_nan=False)
        parts.append(below.filter(lambda v: v <= lo if strict_lo else v < lo))
    if hi is not None:
        above = st.floats(min_value=hi, allow_nan=False)
        parts.append(above.filter(lambda v: v >= hi if strict_hi else v > hi))
    return lambda _valid: st.one_of(*parts)


positive = reals(0.0, strict_lo=True)  # eps, h, bounds, scales: must be > 0
nonnegative = reals(0.0)
finite = reals()  # any real is allowed; only NaN, ±inf and strings are bad
probability = reals(0.0, 1.0, strict_lo=True, strict_hi=True)


def symbolic_dims(_valid) -> st.SearchStrategy:
    """Ambient dimensions D ≥ 2 that also accept symbols: integers below 2, non-integers, NaN."""
    return st.one_of(st.integers(max_value=1), st.sampled_from([2.5, NAN, INF]))


def symbolic_positive(_valid) -> st.SearchStrategy:
    """Exponents that also accept sympy symbols and numeric strings: only bad numbers are bad."""
    return st.one_of(st.sampled_from([NAN, INF, -INF]), st.floats(max_value=0.0, allow_nan=False))


def arrays(
    *,
    max_ndim: int | None = None,
    wrong_ndim: bool = True,
    empty: bool = False,
    longer: bool = False,
    nonfinite: bool = True,
) -> Corruption:
    """Arrays: a NaN/±inf entry, too many dimensions, text, an empty array, one entry too many.

    Too many dimensions means ``max_ndim + 1`` (default: the valid value's ``ndim + 1``);

    ``wrong_ndim=False`` for elementwise functions of arrays of any shape;
    ``longer`` only where a partner argument fixes the length (a mismatched shape);
    ``empty`` only where at least one entry is required.
    """

    def corrupt(valid):
        arr = np.asarray(valid, dtype=float)
        options = [st.just("abc")]
        if nonfinite:
            options.append(
                st.tuples(st.integers(0, arr.size - 1), st.sampled_from([NAN, INF, -INF])).map(
                    lambda iv: _with_entry(arr, *iv)
                )
            )
        if wrong_ndim:
            ndim = (arr.ndim if max_ndim is None else max_ndim) + 1
            options.append(st.just(np.full((1,) * ndim, 0.5)))
        if empty:
            options.append(st.just(arr[:0]))
        if longer:
            options.append(st.just(np.concatenate([arr, arr[:1]], axis=0)))
        return st.one_of(*options)

    return corrupt


def _with_entry(arr: np.ndarray, index: int, value: float) -> np.ndarray:
    out = arr.copy().ravel()
    out[index] = value
    return out.reshape(arr.shape)


def intervals(_valid) -> st.SearchStrategy:
    """Intervals/domains: inverted, empty (a point), a non-finite end, text."""
    return st.one_of(
        st.floats(-10, 10).map(lambda a: (a + 1.0, a)),
        st.floats(-10, 10).map(lambda a: (a, a)),
        st.sampled_from([(NAN, 1.0), (0.0, INF), (-INF, 0.0), "ab"]),
    )


def boxes(valid) -> st.SearchStrategy:
    """Boxes, one ``(lo, hi)`` row per input: a side inverted or empty, NaN, wrong dimension."""
    arr = np.asarray(valid, dtype=float)
    flat = arr.copy()
    flat[:, 1] = flat[:, 0]
    return st.sampled_from(
        [
            arr[:, ::-1].copy(),
            flat,
            np.full_like(arr, NAN),
            arr[:, :1],
            np.concatenate([arr, arr]),
            "abc",
        ]
    )


def values(*bad) -> Corruption:
    """Explicitly listed invalid values (for parameters whose invalid set is best enumerated)."""
    return lambda _valid: st.sampled_from(list(bad))


def options(_valid) -> st.SearchStrategy:
    """Named options: an unknown name, a number."""
    return st.sampled_from(["no_such_option", 3])


def networks(_valid) -> st.SearchStrategy:
    """Networks: anything that is not a DenseNetwork."""
    return st.sampled_from(["network", 3.0, None])


def functions(_valid) -> st.SearchStrategy:
    """Callables: a number or a string in place of a function."""
    return st.sampled_from([3.0, "sin"])


# --------------------------------------------------------------------------------------------------
# registry entries and the valid arguments they share
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """Valid arguments of one public callable, by parameter name, and how to corrupt each."""

    valid: Callable[[], dict]
    bad: dict[str, Corruption] = field(default_factory=dict)
    #: the word the error message uses for a parameter, where it is clearer than the parameter's
    #: name (``activation_function(name)`` says ``activation='…' is not supported``)
    says: dict[str, str] = field(default_factory=dict)


def rng():
    return np.random.default_rng(0)


def tiny_relu() -> DenseNetwork:
    """x ↦ relu(x) + relu(x − 1/2) on R: one input, two hidden units, one output."""
    return network_from_layers(
        [
            (np.array([[1.0], [1.0]]), np.array([0.0, -0.5])),
            (np.array([[1.0, 1.0]]), np.array([0.0])),
        ],
        activation="relu",
    )


def tiny_logistic() -> DenseNetwork:
    return network_from_layers(
        [
            (np.array([[3.0], [-2.0]]), np.array([0.0, 1.0])),
            (np.array([[1.0, 1.0]]), np.array([0.5])),
        ],
        activation="sigmoid",
    )


# --------------------------------------------------------------------------------------------------
# the calls
# --------------------------------------------------------------------------------------------------


class CallTimedOut(Exception):
    pass


def _on_alarm(signum, frame):
    raise CallTimedOut


def call_with_time_limit(fn, kwargs):
    sig = inspect.signature(fn)
    bound = sig.bind(**kwargs)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(TIME_LIMIT_S)
    try:
        return fn(*bound.args, **bound.kwargs)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def resolve(key: str):
    module, _, name = key.rpartition(".")
    return getattr(importlib.import_module(module), name)


#: Gaps found by this test in files the bad-input audit could not edit (constructions/networks/dense.py,
#: constructions/certification/ and the new constructions/attention.py belong to other work).  Each
#: case is an xfail; not strict, because a run of a few examples may miss the offending value; a
#: fixed gap shows up as XPASS in the summary: remove it from here then.
KNOWN_GAPS: dict = {}


def cases(registry: dict[str, Entry]) -> list[tuple[str, str]]:
    """Every (callable, parameter) pair of a registry that has a corruption, sorted."""
    return sorted((key, param) for key, entry in registry.items() for param in entry.bad)


def case_params(registry: dict[str, Entry]) -> list:
    """:func:`cases` as pytest params with ids ``<name>-<param>``, known gaps marked xfail."""
    return [
        pytest.param(
            key,
            param,
            id=f"{key.rpartition('.')[2]}-{param}",
            marks=[pytest.mark.xfail(strict=False, reason=KNOWN_GAPS[key, param])]
            if (key, param) in KNOWN_GAPS
            else [],
        )
        for key, param in cases(registry)
    ]


def _short(value) -> str:
    text = repr(value)
    return text if len(text) < 80 else text[:77] + "..."


#: ~600 cases x 5 draws keeps the bad-input tests fast; no shrinking: a corrupted value is already
#: one value, and the known gaps above would otherwise shrink on every run.
BAD_INPUT_SETTINGS = settings(
    deadline=None,
    max_examples=5,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)


def check_valid_arguments(registry: dict[str, Entry], key: str) -> None:
    """The entry's valid arguments are accepted (within the time limit)."""
    call_with_time_limit(resolve(key), registry[key].valid())


def check_invalid_argument(registry: dict[str, Entry], key: str, param: str, data) -> None:
    """One drawn corruption of ``param`` raises ValueError/TypeError naming it, within the limit."""
    entry = registry[key]
    kwargs = entry.valid()
    kwargs[param] = data.draw(entry.bad[param](kwargs.get(param)), label=param)
    call = f"{key.rpartition('.')[2]}({param}={_short(kwargs[param])})"
    try:
        out = call_with_time_limit(resolve(key), kwargs)
    except CallTimedOut:
        pytest.fail(f"{call} ran past {TIME_LIMIT_S} s, but should raise ValueError at once")
    except (ValueError, TypeError) as exc:
        assert entry.says.get(param, param) in str(exc), (
            f"{call} raised {type(exc).__name__}({exc}), but should name {param!r}"
        )
        return
    except Exception as exc:  # the point is to report which kind escaped
        pytest.fail(
            f"{call} raised {type(exc).__name__}: {exc}, but should raise ValueError/TypeError"
        )
    pytest.fail(
        f"{call} returned {_short(out)}, but should raise ValueError/TypeError naming {param!r}"
    )


def registry_tests(registry: dict[str, Entry]):
    """The two tests of a folder's registry, for its test module to bind at module level.

    ``test_valid, test_invalid = registry_tests(REGISTRY)``: the valid arguments of every
    entry are accepted; every corruption of every listed parameter raises an error naming it.
    """

    @pytest.mark.parametrize("key", sorted(registry))
    def test_valid_arguments_of_the_registry_are_accepted(key):
        check_valid_arguments(registry, key)

    @pytest.mark.parametrize("key, param", case_params(registry))
    @BAD_INPUT_SETTINGS
    @given(data=st.data())
    def test_invalid_argument_raises_an_error_naming_it(key, param, data):
        check_invalid_argument(registry, key, param, data)

    return test_valid_arguments_of_the_registry_are_accepted, test_invalid_argument_raises_an_error_naming_it


TESTS = Path(__file__).resolve().parent


def folder_registries() -> dict[str, dict[str, Entry]]:
    """The REGISTRY of every ``tests/<folder>/test_<folder>_bad_input.py``, by folder name.

    Loaded by path under a private module name (the folders of tests/ are not packages).
    """
    out = {}
    for path in sorted(TESTS.glob("*/test_*_bad_input.py")):
        name = f"_bad_input_registry_{path.parent.name}"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out[path.parent.name] = module.REGISTRY
    return out


def _dataclasses_of(package: str) -> dict[str, type]:
    """Every dataclass defined in ``package`` (a module or a package of ``constructions``)."""
    root = importlib.import_module(package)
    modules = [root] + [importlib.import_module(i.name) for i in
                        pkgutil.walk_packages(getattr(root, "__path__", []), package + ".")]
    return {f"{m.__name__}.{n}": obj for m in modules for n, obj in vars(m).items()
            if isinstance(obj, type) and dataclasses.is_dataclass(obj)
            and obj.__module__ == m.__name__}


def frozen_dataclasses_test(package: str):
    """A test that every dataclass defined in ``package`` is frozen, for a test module to bind.

    Results (a fit, a bound, a certificate) and constructions (a network, a target) are issued
    once; a field rebound afterwards would detach, say, a bound from the network it was proved
    for.  ``test_... = frozen_dataclasses_test("constructions.optimization")``.
    """

    def test_every_dataclass_is_frozen():
        found = _dataclasses_of(package)
        assert found, f"{package} defines no dataclass: this test would assert nothing"
        editable = sorted(n for n, cls in found.items() if not cls.__dataclass_params__.frozen)
        assert not editable, f"{editable} can be edited after they are issued, but should be frozen"

    test_every_dataclass_is_frozen.__doc__ = f"Every dataclass of {package} is frozen."
    return test_every_dataclass_is_frozen

