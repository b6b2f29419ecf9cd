"""Bad input, everywhere: every public construction and the command line reject bad arguments.

Each public callable of every ``constructions`` module has an entry in a bad-input registry: a
factory of *valid* arguments (tiny, so the valid call is instant) and, per parameter, the kind
of corruption that is invalid for it (a size below its minimum, a non-finite or out-of-range
real, an array with a NaN, the wrong number of dimensions or a mismatched length, an empty or
inverted interval, a string where a number belongs, an unknown option name).  Hypothesis draws
the corrupted value; the call must raise ``ValueError`` or ``TypeError`` whose message names the
parameter, within a time limit, and must never return.  A parameter that legitimately accepts
any value of some kind (any real shift, say) is simply not corrupted in that way.

The registries live beside the tests of their folder: ``constructions/<folder>/`` in
``tests/<folder>/test_<folder>_bad_input.py``; the one below holds the top-level modules
(``constructions.attention``, ``constructions.sweeps``; ``constructions.validation`` is exempt).
The corruptions, the tiny networks and the call-and-check logic are in ``tests/bad_input_kit.py``.

:func:`test_every_public_construction_has_a_bad_input_entry` makes the registries complete: a new
public function without an entry fails, with a message saying where to add one.  The exemptions are
listed in :data:`EXEMPT`, each with its reason.  Last, the command line's user errors.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from bad_input_kit import (
    KNOWN_GAPS,
    Entry,
    arrays,
    cases,
    counts,
    folder_registries,
    functions,
    positive,
    registry_tests,
    resolve,
)
from hypothesis import strategies as st

import constructions

# --------------------------------------------------------------------------------------------------
# the registry of the top-level modules of constructions
# --------------------------------------------------------------------------------------------------


def _sweep_square(x):
    """A top-level (picklable) sweep function."""
    return x * x


def attention_weights():
    from constructions.attention import gd_attention_weights

    return gd_attention_weights(1, eta=1, n_context=2, exact=False)


def _registry() -> dict[str, Entry]:
    return {
        # attention
        "constructions.attention.AttentionWeights": Entry(
            lambda: {
                "key": np.eye(2),
                "query": np.eye(2),
                "value": np.eye(2),
                "projection": np.eye(2),
            },
            {"key": arrays(), "query": arrays(), "value": arrays(), "projection": arrays()},
        ),
        "constructions.attention.gd_attention_weights": Entry(
            lambda: {"d": 1, "eta": 1, "n_context": 1, "exact": False},
            {"d": counts(1), "eta": positive, "n_context": counts(1)},
        ),
        "constructions.attention.gd_one_step_prediction": Entry(
            lambda: {"X": np.eye(2), "y": [1.0, 2.0], "x_query": [1.0, 0.0], "eta": 0.5},
            {
                "X": arrays(),
                "y": arrays(longer=True),
                "x_query": arrays(longer=True),
                "eta": positive,
            },
        ),
        "constructions.attention.linear_self_attention": Entry(
            lambda: {"tokens": np.ones((3, 2)), "weights": attention_weights()},
            {
                "tokens": arrays(empty=True, longer=False),
                "weights": lambda _v: st.sampled_from(["w", 3]),
            },
        ),
        "constructions.attention.softmax_self_attention": Entry(
            lambda: {"tokens": np.ones((3, 2)), "weights": attention_weights()},
            {"tokens": arrays(empty=True), "weights": lambda _v: st.sampled_from(["w", 3])},
        ),
        # sweeps
        "constructions.sweeps.point_seed": Entry(
            lambda: {"base_seed": 1, "index": 2, "replicate": 0},
            {"base_seed": counts(0), "index": counts(0), "replicate": counts(0)},
        ),
        "constructions.sweeps.run_sweep": Entry(
            lambda: {"function": _sweep_square, "points": [{"x": 1}, {"x": 2}]},
            {"function": functions, "replicates": counts(1)},
        ),
        "constructions.sweeps.cache_key": Entry(
            lambda: {"function": _sweep_square, "point": {"x": 1}, "seed": 0},
            {"function": functions},
        ),
        "constructions.sweeps.sweep_executor": Entry(
            lambda: {"workers": None, "scheduler": None},
            {"workers": counts(1, allow_none=True)},
        ),
    }


REGISTRY = _registry()

#: Public callables that are not corrupted, each with its reason.  Result records are frozen
#: dataclasses that functions *return* (users read them, never build them from raw input); the
#: interval kernels are the IEEE-level inner loop of branch-and-bound, where NaN in, NaN out is the
#: specified behaviour and the user-facing entry points (certify_sup_error, network_interval, the
#: targets) validate before calling them.
RESULT_RECORDS = {
    "constructions.approximation.bases.SupError",
    "constructions.linear_models.bias_variance.BiasVariance",
    "constructions.approximation.box_counting.BoxCountingEstimate",
    "constructions.certification.lipschitz.DerivativeBound",
    "constructions.linear_models.cosine_features.CosineFit",
    "constructions.approximation.deep_narrow.ShallowParts",
    "constructions.linear_models.designs.Design",
    "constructions.linear_models.effective_ranks.BLLTTerms",
    "constructions.linear_models.effective_ranks.EffectiveRanks",
    "constructions.linear_models.estimators.LinearFit",
    "constructions.linear_models.hmrt.GeneralSigmaLimit",
    "constructions.approximation.local_taylor.LocalTaylorNetwork",
    "constructions.approximation.polynomial_activation.PolynomialApproximation",
    "constructions.linear_models.random_features.DoubleDescentCurve",
    "constructions.approximation.rates.BoundedRatio",
    "constructions.approximation.rates.LogLogFit",
    "constructions.complexity.risks.ErrorDecomposition",
    "constructions.complexity.risks.ClassifierGap",
    "constructions.complexity.risks.OLSRiskReplicates",
    "constructions.approximation.sawtooth.SquareErrorCertificate",
    "constructions.complexity.shattering.ShatteringResult",
    "constructions.complexity.shattering.ShatteringSearch",
    "constructions.approximation.sigmoid_constructions.StaircaseDesign",
    "constructions.complexity.uniform_deviation.ExceedanceCount",
    "constructions.complexity.vc_dimension.BHLMBound",
    "constructions.optimization.diagonal_networks.DiagonalFlow",
    "constructions.optimization.gradient_descent.LeastSquaresGD",
    "constructions.optimization.max_margin.LogisticGD",
    "constructions.optimization.two_layer_gd.TwoLayerGD",
    "constructions.pac_bayes.kl_bounds.PacBayesBound",
    "constructions.pac_bayes.rademacher.RademacherEstimate",
    "constructions.pac_bayes.stochastic_network.DigitsPacBayes",
    "constructions.pac_bayes.stochastic_network.DigitsTask",
}
INTERVAL_KERNEL_MODULES = {
    "constructions.certification.intervals",
    "constructions.certification.elementary",
    "constructions.certification.rigorous.balls",       # arb elementwise kernels of the re-check
    "constructions.certification.box_bounds",  # per-round kernel of branch-and-bound
}
BOUND_KERNELS = {  # per-layer steps of bound propagation, called only by network_interval & co.
    "constructions.certification.bounds.activation_interval",
    "constructions.certification.bounds.activation_slope_interval",
    "constructions.certification.bounds.first_layer_product",
    "constructions.certification.bounds.network_output_interval",
    "constructions.certification.expressions.compile_interval_expression",
    "constructions.certification.expressions.enclose_number",
    # the re-check runs on certify_sup_error's / sample_sup_error's own (validated) results
    "constructions.certification.rigorous.recheck.recheck_sup_error",
    "constructions.certification.rigorous.recheck.arb_error_at",
}
EXEMPT = {
    **{name: "result record (returned, never built from user input)" for name in RESULT_RECORDS},
    **{name: "inner kernel of certification; its callers validate" for name in BOUND_KERNELS},
    "constructions.approximation.bases.FourierSeries": "result record of fourier_series/step_fourier_series",
    "constructions.sweeps.SweepResult": "result record of run_sweep",
    "constructions.sweeps.grid": "takes only **axes (any names); an empty axis is tested in tests/test_sweeps.py",
    "constructions.certification.targets.Target": "abstract base class (cannot be instantiated)",
    "constructions.validation.check_expression": "the validators themselves",
    "constructions.validation.check_finite_array": "the validators themselves",
    "constructions.validation.check_integer": "the validators themselves",
    "constructions.validation.check_interval": "the validators themselves",
    "constructions.validation.check_one_of": "the validators themselves",
    "constructions.validation.check_real": "the validators themselves",
}


def public_callables() -> dict[str, object]:
    """Every public callable of every constructions module, by its defining ``module.name``."""
    found = {}
    for info in pkgutil.walk_packages(constructions.__path__, "constructions."):
        module = importlib.import_module(info.name)
        names = getattr(module, "__all__", None)
        if names is None:
            names = [
                n
                for n, obj in vars(module).items()
                if not n.startswith("_") and getattr(obj, "__module__", None) == info.name
            ]
        for name in names:
            obj = getattr(module, name)
            if callable(obj) and not isinstance(obj, dict):
                home = getattr(obj, "__module__", info.name)
                found[f"{home}.{getattr(obj, '__name__', name)}"] = obj
    return found


FOLDERS = folder_registries()


def all_registries() -> dict[str, Entry]:
    """The union of the folder registries and the top-level one."""
    union = dict(REGISTRY)
    for folder, registry in FOLDERS.items():
        twice = sorted(set(union) & set(registry))
        assert not twice, f"{twice} have entries in two registries (one is tests/{folder}/)"
        union.update(registry)
    return union


def registry_file(key: str) -> str:
    """Where the entry of ``constructions.<folder>.<module>.<name>`` belongs."""
    folder = key.split(".")[1]
    if (Path(constructions.__file__).parent / folder).is_dir():
        return f"tests/{folder}/test_{folder}_bad_input.py"
    return "tests/test_bad_input.py"


def test_every_public_construction_has_a_bad_input_entry():
    public = public_callables()
    registry = all_registries()
    missing = sorted(
        k
        for k in public
        if k not in registry
        and k not in EXEMPT
        and k.rpartition(".")[0] not in INTERVAL_KERNEL_MODULES
    )
    by_file: dict[str, list[str]] = {}
    for k in missing:
        by_file.setdefault(registry_file(k), []).append(k)
    assert not missing, (
        "public constructions without a bad-input entry: "
        + "; ".join(f"{keys} (add to REGISTRY in {file})" for file, keys in by_file.items())
        + "; each entry: valid arguments + the parameters to corrupt, or add it to EXEMPT in "
        "tests/test_bad_input.py with a reason"
    )
    stale = sorted(k for k in [*registry, *EXEMPT] if k not in public)
    assert not stale, f"REGISTRY/EXEMPT name callables that are no longer public: {stale}"


def test_every_corrupted_parameter_exists_in_the_signature():
    for key, entry in all_registries().items():
        params = inspect.signature(resolve(key)).parameters
        unknown = [p for p in [*entry.bad, *entry.valid()] if p not in params]
        assert not unknown, f"{key}: registry names parameters {unknown} not in {list(params)}"


def test_known_gaps_name_registered_cases():
    stale = sorted(set(KNOWN_GAPS) - set(cases(all_registries())))
    assert not stale, f"KNOWN_GAPS lists cases that are not in the registry: {stale}"


# --------------------------------------------------------------------------------------------------
# the calls (top-level modules; each folder's are in its test_<folder>_bad_input.py)
# --------------------------------------------------------------------------------------------------


test_valid_arguments_of_the_registry_are_accepted, test_invalid_argument_raises_an_error_naming_it = \
    registry_tests(REGISTRY)


# --------------------------------------------------------------------------------------------------
# the command line
# --------------------------------------------------------------------------------------------------

# Paths below a regular file ("{blocker}/...") cannot exist, even for root: a literal
# /nonexistent/dir would be created by `report --out` (it makes its directory) and then exist.
CLI_ERRORS = [
    ["check", "--profile", "nope"],
    ["check", "--claim", "nosuch"],
    ["check", "--json", "{blocker}/dir/x.json"],
    ["check", "--seed", "abc"],
    ["list", "--bogus"],
    ["report", "--out", "{blocker}/dir/r"],
    ["report", "--out", "{tmp}/r", "--from", "{tmp}/no_such_results.json"],
]
CLI_TIME_LIMIT_S = (
    60  # a user error is rejected before any claim runs (~2 s); a full run takes minutes
)


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory):
    """Start every bad command line at once (each is mostly interpreter start-up), then collect."""
    tmp = tmp_path_factory.mktemp("cli")
    blocker = tmp / "a_file"
    blocker.write_text("")
    procs = {}
    for args in CLI_ERRORS:
        argv = [a.format(blocker=blocker, tmp=tmp) for a in args]
        procs[tuple(args)] = (
            argv,
            subprocess.Popen(
                [sys.executable, "-m", "theorems", *argv],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
    results = {}
    for key, (argv, proc) in procs.items():
        try:
            out, err = proc.communicate(timeout=CLI_TIME_LIMIT_S)
            results[key] = (argv, subprocess.CompletedProcess(argv, proc.returncode, out, err))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            results[key] = (argv, None)
    return results


@pytest.mark.parametrize("args", CLI_ERRORS, ids=[" ".join(a) for a in CLI_ERRORS])
def test_command_line_user_error_exits_2_with_one_line(args, cli_runs):
    argv, proc = cli_runs[tuple(args)]
    if proc is None:
        pytest.fail(
            f"`theorems {' '.join(argv)}` ran past {CLI_TIME_LIMIT_S} s, but should exit 2 at once"
        )
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2, (
        f"exit {proc.returncode}, but should be 2; stderr: {proc.stderr[-500:]}"
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert len(lines) == 1, f"{len(lines)} stderr lines, but should be 1: {proc.stderr[-500:]}"


def test_check_real_bounds_are_inclusive_unless_strict():
    """check_real(min_value=a, max_value=b) admits a and b themselves; strict_min/strict_max exclude them."""
    from constructions.validation import check_real

    assert check_real("x", 1.0, min_value=0.0, max_value=1.0) == 1.0
    assert check_real("x", 0.0, min_value=0.0, max_value=1.0) == 0.0
    with pytest.raises(ValueError, match="allowed: x < 1.0"):
        check_real("x", 1.0, max_value=1.0, strict_max=True)
    with pytest.raises(ValueError, match="allowed: x > 0.0"):
        check_real("x", 0.0, min_value=0.0, strict_min=True)


@pytest.mark.parametrize("shape", [(0, 2), (3, 0)], ids=["no rows", "no columns"])
def test_check_design_rejects_an_empty_design_naming_x(shape):
    """An n × p design with n = 0 or p = 0 is rejected as X, even when y matches its n rows."""
    from constructions.validation import check_design

    with pytest.raises(ValueError, match=r"X has shape .*allowed: n >= 1 and p >= 1"):
        check_design(np.zeros(shape), np.zeros(shape[0]))
