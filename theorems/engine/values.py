"""Counterexamples as data: a tagged JSON encoding of a property's arguments, exact both ways.

A refutation's shrunk counterexample is kept in the JSON record as the arguments of the
property's last failing call, so that it replays on any installed Hypothesis (the
``@reproduce_failure`` blob is bound to one version).  The encoding:

* ``int``, ``bool``, ``str`` and ``None`` as themselves; numpy scalars as their Python type;
* ``float`` as ``{"float": v.hex()}`` (exact, ``nan`` and ``inf`` included);
* ``list`` as a JSON list; ``tuple`` as ``{"tuple": [...]}``; ``dict`` as
  ``{"dict": [[key, value], ...]}``; ``Fraction`` as ``{"fraction": "p/q"}``;
* a numpy array of booleans, integers or floats as
  ``{"ndarray": nested lists of encoded values, "dtype": "float64", "shape": [...]}``;
* the ``st.data()`` object of an interactive draw as ``{"draws": [the values drawn, in order]}``
  (recorded by :func:`recording_draws`), decoded to a :class:`ReplayedData` that hands them out
  again in the same order.

Anything else raises :class:`UnencodableValue`, which says what could not be encoded.
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["RecordedDraws", "ReplayedData", "UnencodableValue", "decode_arguments", "decode_value",
           "encode_arguments", "encode_value", "recording_draws"]


class UnencodableValue(TypeError):
    """A value the tagged JSON encoding has no form for."""


class RecordedDraws:
    """The values an ``st.data()`` object handed out during one call, in order."""

    def __init__(self) -> None:
        self.values: list[Any] = []


def recording_draws(data: Any) -> RecordedDraws:
    """Record every value ``data.draw(...)`` returns (``data`` an ``st.data()`` object)."""
    drawn = RecordedDraws()
    draw = data.draw

    def recorded(strategy, label=None):
        value = draw(strategy, label)
        drawn.values.append(value)
        return value

    data.draw = recorded
    return drawn


class ReplayedData:
    """Stands in for ``st.data()`` on replay: ``draw`` returns the recorded values in order."""

    def __init__(self, values: list[Any]) -> None:
        self._values = list(values)
        self._next = 0

    def draw(self, strategy=None, label=None) -> Any:
        if self._next >= len(self._values):
            raise ValueError(f"replay: draw {self._next + 1} was not recorded "
                             f"(the record has {len(self._values)} draws)")
        self._next += 1
        return self._values[self._next - 1]

    def __repr__(self) -> str:
        return f"data(draws={self._values!r})"


def encode_value(v: Any) -> Any:
    """The tagged JSON form of ``v`` (see the module docstring)."""
    if isinstance(v, RecordedDraws):
        return {"draws": [encode_value(x) for x in v.values]}
    if v is None or isinstance(v, bool | str):
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return {"float": float(v).hex()}
    if isinstance(v, np.ndarray):
        if v.dtype.kind not in "biuf":
            raise UnencodableValue(f"a numpy array of dtype {v.dtype} (only bool, integer and float arrays)")
        return {"ndarray": _encode_nested(v.tolist()), "dtype": str(v.dtype), "shape": list(v.shape)}
    if isinstance(v, np.generic):
        if v.dtype.kind not in "biuf":
            raise UnencodableValue(f"a numpy scalar of dtype {v.dtype}")
        return encode_value(v.item())
    if isinstance(v, Fraction):
        return {"fraction": f"{v.numerator}/{v.denominator}"}
    if isinstance(v, list):
        return [encode_value(x) for x in v]
    if isinstance(v, tuple):
        return {"tuple": [encode_value(x) for x in v]}
    if isinstance(v, dict):
        return {"dict": [[encode_value(k), encode_value(x)] for k, x in v.items()]}
    raise UnencodableValue(f"a {type(v).__module__}.{type(v).__qualname__} (no JSON form)")


def _encode_nested(v: Any) -> Any:
    return [_encode_nested(x) for x in v] if isinstance(v, list) else encode_value(v)


def decode_value(j: Any) -> Any:
    """The value whose tagged JSON form is ``j``; inverse of :func:`encode_value`."""
    if j is None or isinstance(j, bool | int | str):
        return j
    if isinstance(j, list):
        return [decode_value(x) for x in j]
    if isinstance(j, dict):
        if set(j) == {"float"}:
            return float.fromhex(j["float"])
        if set(j) == {"tuple"}:
            return tuple(decode_value(x) for x in j["tuple"])
        if set(j) == {"dict"}:
            return {decode_value(k): decode_value(x) for k, x in j["dict"]}
        if set(j) == {"draws"}:
            return ReplayedData([decode_value(x) for x in j["draws"]])
        if set(j) == {"fraction"}:
            return Fraction(j["fraction"])
        if "ndarray" in j and "dtype" in j:
            a = np.array(decode_value(j["ndarray"]), dtype=np.dtype(j["dtype"]))
            return a.reshape(j["shape"]) if "shape" in j else a
    raise ValueError(f"{json.dumps(j)[:80]} is not a tagged JSON value (see theorems.engine.values)")


def encode_arguments(arguments: dict[str, Any]) -> dict[str, Any]:
    """``{name: encode_value(value)}``; :class:`UnencodableValue` names the argument that failed."""
    out = {}
    for name, value in arguments.items():
        try:
            out[name] = encode_value(value)
        except UnencodableValue as exc:
            raise UnencodableValue(f"argument {name!r} could not be encoded: it is {exc}") from None
    return out


def decode_arguments(encoded: dict[str, Any] | str) -> dict[str, Any]:
    """The arguments whose encoded form (a dict, or its JSON text) is ``encoded``."""
    if isinstance(encoded, str):
        encoded = json.loads(encoded)
    if not isinstance(encoded, dict):
        raise ValueError(f"values={encoded!r} must be a JSON object of argument names to values")
    return {name: decode_value(v) for name, v in encoded.items()}
