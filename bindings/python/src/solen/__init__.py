# Solen for Python: evaluate households (dicts) against French social energy tariff rules.
# SPDX-License-Identifier: Apache-2.0
"""Solen: rights to the French social energy tariffs, debt schedules and orientation.

A thin, dependency-free binding (ctypes) over the stable C ABI of ``libsolen.so.1``. The
library is found through the ``SOLEN_LIBRARY`` environment variable (a path) or, by default,
through the dynamic loader under its SONAME ``libsolen.so.1``::

    import solen
    with solen.Engine() as engine:
        decision = engine.evaluate(household_dict, as_of="2019-05-01")
        decisions = engine.evaluate_many(list_of_households, reasons=False)
        summary = engine.evaluate_file("caseload.jsonl", "decisions.jsonl", as_of="2024-06-15")
"""

from ._decisions import Decisions
from ._engine import Engine, PackInfo, SolenError
from ._lib import ABI_VERSION, LibraryError, Status

__all__ = [
    "ABI_VERSION",
    "Decisions",
    "Engine",
    "LibraryError",
    "PackInfo",
    "SolenError",
    "Status",
    "abi_version",
    "library_version",
]

#: Version of this binding (the product version it was released with).
__version__ = "1.1.0"


def abi_version():
    """C ABI version of the loaded library (equals ABI_VERSION once loaded)."""
    from . import _lib

    return int(_lib.load().solen_abi_version())


def library_version():
    """Product version of the loaded library, e.g. ``"1.0.0"``."""
    from . import _lib

    return _lib.load().solen_version_string().decode()
