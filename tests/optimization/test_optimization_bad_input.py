"""Bad input for ``constructions.optimization``: GD, max margin, diagonal networks, NTK, two-layer GD.

The registry is built from the enumerated invalid values of ``bad_input_entries.py`` (see
``tests/bad_input_kit.py`` for the checks; ``tests/test_bad_input.py`` checks that every
public callable has an entry somewhere).
"""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path

from bad_input_kit import (
    Entry,
    frozen_dataclasses_test,
    registry_tests,
    values,
)


def _entries() -> dict:
    path = Path(__file__).with_name("bad_input_entries.py")
    spec = importlib.util.spec_from_file_location("optimization_bad_input_entries", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ENTRIES


def _registry() -> dict[str, Entry]:
    out = {}
    for key, e in _entries().items():
        valid = e["valid"]
        out[key] = Entry(lambda v=valid: copy.deepcopy(v),
                         {p: values(*bad) for p, bad in e.get("bad", {}).items()},
                         says=e.get("says", {}))
    return out


REGISTRY = _registry()


test_valid_arguments_of_the_registry_are_accepted, test_invalid_argument_raises_an_error_naming_it = (
    registry_tests(REGISTRY))


test_every_dataclass_of_the_folder_is_frozen = frozen_dataclasses_test("constructions.optimization")
