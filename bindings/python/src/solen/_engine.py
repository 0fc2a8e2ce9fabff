# The Pythonic engine: dicts in, dicts out, SolenError on failure, one C call per batch.
# SPDX-License-Identifier: Apache-2.0
"""solen.Engine and solen.SolenError."""

import ctypes
import dataclasses
import datetime
import decimal
import json
import os

from . import _lib
from ._decisions import Decisions, decode_all
from ._lib import Status


class SolenError(Exception):
    """A call into libsolen failed.

    Attributes: ``status`` (a :class:`Status`, or the raw int for a status this binding does
    not know), ``code`` (stable snake_case, e.g. ``"invalid_json"``), ``path`` (JSON pointer to
    the offending place, ``""`` for the whole input) and ``message`` (for humans).
    """

    def __init__(self, status, message, code="", path=""):
        try:
            status = Status(status)
        except ValueError:
            pass
        self.status = status
        self.message = message
        self.code = code
        self.path = path
        super().__init__(str(self))

    @property
    def status_name(self):
        """``"SOLEN_E_PARSE"`` and so on (``"SOLEN_E_UNKNOWN"`` for an unknown value)."""
        if isinstance(self.status, Status):
            return "SOLEN_" + self.status.name
        return "SOLEN_E_UNKNOWN"

    def __str__(self):
        where = f" (at {self.path})" if self.path else ""
        return f"{self.status_name}: {self.message}{where}"

    def __reduce__(self):
        return (SolenError, (int(self.status), self.message, self.code, self.path))


@dataclasses.dataclass(frozen=True)
class PackInfo:
    """Identity of an engine's rule pack: every decision names it, for audit and replay."""

    id: str
    version: str
    sha256: str
    title: str


def _json_default(value):
    """Money as exact decimal strings, dates as YYYY-MM-DD (the household format's types)."""
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


# ensure_ascii (the default) never yields a raw newline or an unencodable character, so each
# household is exactly one line of JSON Lines whatever its content.
_encode = json.JSONEncoder(separators=(",", ":"), default=_json_default).encode


def _household_text(household):
    """One household as one line of JSON text. dicts are serialised; str/bytes are taken as
    JSON text (line breaks turned into spaces, a blank text into ``null`` so that it still
    yields its own error decision)."""
    if isinstance(household, (bytes, bytearray, memoryview)):
        household = bytes(household).decode("utf-8", "surrogateescape")
    if isinstance(household, str):
        text = household.replace("\r", " ").replace("\n", " ")
        return text if text.strip() else "null"
    return _encode(household)


def _as_of_text(as_of):
    if as_of is None:
        return None
    if isinstance(as_of, (datetime.date, datetime.datetime)):
        return as_of.strftime("%Y-%m-%d")
    return str(as_of)


def _options(as_of=None, reasons=True, threads=0):
    if not isinstance(threads, int) or isinstance(threads, bool) or threads < 0:
        raise ValueError("threads must be an int >= 0")
    opts = {}
    if as_of is not None:
        opts["as_of"] = _as_of_text(as_of)
    if not reasons:
        opts["reasons"] = False
    if threads:
        opts["threads"] = threads
    return json.dumps(opts).encode() if opts else None


def _to_bytes(text):
    if isinstance(text, str):
        try:
            return text.encode("utf-8", "surrogateescape")  # round-trips bytes decoded above
        except UnicodeEncodeError:  # other lone surrogates: let the engine report bad UTF-8
            return text.encode("utf-8", "surrogatepass")
    return bytes(text)


class Engine:
    """An engine over a rule pack: immutable, usable from many threads at once.

    ``rules`` is None (the pack embedded in the library), a path (``str`` or ``os.PathLike``)
    to a JSON rule pack, JSON text (``str``/``bytes`` starting with ``{``) or a ``dict``.
    Raises :class:`SolenError` (status ``E_RULES`` for an invalid pack, ``E_IO`` for an
    unreadable file) or :class:`solen.LibraryError` when libsolen cannot be loaded.
    Use it as a context manager, or call :meth:`close`, to release it deterministically.
    """

    def __init__(self, rules=None):
        self._h = None  # first, so that __del__ works whatever __init__ raises
        self._lib = _lib.load()
        handle = ctypes.c_void_p()
        if rules is None:
            status = self._lib.solen_engine_new_default(ctypes.byref(handle))
        elif isinstance(rules, (dict, list)):
            data = json.dumps(rules).encode()
            status = self._lib.solen_engine_new_from_json(data, len(data), ctypes.byref(handle))
        elif isinstance(rules, (bytes, bytearray)) or (
            isinstance(rules, str) and rules.lstrip().startswith("{")
        ):
            data = _to_bytes(rules)
            status = self._lib.solen_engine_new_from_json(data, len(data), ctypes.byref(handle))
        elif isinstance(rules, (str, os.PathLike)):
            status = self._lib.solen_engine_new_from_file(os.fsencode(rules), ctypes.byref(handle))
        else:
            raise TypeError("rules must be None, a path, JSON text or a dict")
        self._check(status)
        self._h = handle
        lib, h = self._lib, handle
        self._pack = PackInfo(
            id=lib.solen_engine_pack_id(h).decode(),
            version=lib.solen_engine_pack_version(h).decode(),
            sha256=lib.solen_engine_pack_sha256(h).decode(),
            title=lib.solen_engine_pack_title(h).decode(),
        )

    # -- lifetime ---------------------------------------------------------------------------

    def close(self):
        """Releases the engine (idempotent). The engine cannot be used afterwards."""
        h, self._h = self._h, None
        if h:
            self._lib.solen_engine_free(h)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: nothing sensible left to do
            pass

    def __repr__(self):
        state = "closed" if not self._h else f"{self._pack.id} {self._pack.version}"
        return f"<solen.Engine {state}>"

    @property
    def closed(self):
        return not self._h

    @property
    def pack(self):
        """The rule pack's :class:`PackInfo` (id, version, sha256, title)."""
        return self._pack

    # -- evaluation -------------------------------------------------------------------------

    def evaluate(self, household, as_of=None, *, reasons=True):
        """Evaluates one household (a dict, or its JSON text) and returns the decision dict.

        ``as_of`` (``"YYYY-MM-DD"`` or a ``datetime.date``) is the date for a household without
        its own ``as_of``. ``reasons=False`` leaves the reason lists empty. Raises SolenError
        (status E_PARSE or E_SCHEMA, with ``code`` and ``path``) when the household cannot be
        read or is invalid.
        """
        data = _to_bytes(_household_text(household))
        opts = _options(as_of, reasons)
        out, size = ctypes.c_void_p(), ctypes.c_size_t()
        status = self._lib.solen_evaluate_ex(
            self._handle(), data, len(data), opts, len(opts) if opts else 0,
            ctypes.byref(out), ctypes.byref(size))
        self._check(status)
        return json.loads(_lib.take_string(self._lib, out, size.value))

    def evaluate_many(self, households, as_of=None, reasons=True, threads=0, *, lazy=False):
        """Evaluates many households with ONE batch call; returns one decision per household,
        in order. A household that cannot be read or is invalid gets an error decision
        (``{"id", "status": "error", "error": {...}}``); it never stops the batch.
        ``threads=0`` uses every core. ``lazy=True`` returns a :class:`solen.Decisions`
        sequence that decodes each decision when it is read (much faster and smaller when the
        decisions are processed one by one); otherwise a list of dicts.
        Raises SolenError only when the batch cannot run.
        """
        texts = [_household_text(h) for h in households]
        if not texts:
            return Decisions(b"") if lazy else []
        out = self._batch(_to_bytes("\n".join(texts)), as_of, reasons, threads)
        decisions = Decisions(out) if lazy else decode_all(out)
        if len(decisions) != len(texts):
            raise SolenError(Status.E_INTERNAL,
                             f"{len(texts)} households gave {len(decisions)} decisions",
                             "batch_mismatch")
        return decisions

    def evaluate_jsonl(self, jsonl, as_of=None, reasons=True, threads=0):
        """JSON Lines in (``str`` or ``bytes``), JSON Lines out (same type): one decision per
        non-blank line, in order. No per-household Python work; ``bytes`` is the faster type
        (a ``str`` result has to be decoded)."""
        result = self._batch(_to_bytes(jsonl), as_of, reasons, threads)
        return result if not isinstance(jsonl, str) else result.decode("utf-8", "surrogateescape")

    def evaluate_file(self, src, dst, as_of=None, reasons=True, threads=0):
        """Streams the JSON Lines file ``src`` into ``dst`` (paths: ``str``, ``bytes`` or
        ``os.PathLike``) inside libsolen, with bounded memory whatever the size of the file:
        one decision per non-blank line, in order, error decisions for bad lines. ``dst`` is
        created or truncated once ``src`` could be opened. Returns the caseload summary (a
        dict: ``households``, ``status``, ``route``, ``urgency``, ``measures``,
        ``cheque_energie_status``, ``totals``...). Raises SolenError with status ``E_IO`` and
        code ``unreadable_file``, ``unwritable_file``, ``read_error`` or ``write_error``,
        ``E_INVALID_ARGUMENT`` (code ``same_file``) when ``dst`` is ``src``. The GIL is
        released during the run.
        """
        opts = _options(as_of, reasons, threads)
        paths = [os.fsencode(p) for p in (src, dst)]
        if any(b"\0" in p for p in paths):
            raise ValueError("embedded null byte in a path")
        out, size = ctypes.c_void_p(), ctypes.c_size_t()
        status = self._lib.solen_evaluate_file(
            self._handle(), paths[0], paths[1], opts, len(opts) if opts else 0,
            ctypes.byref(out), ctypes.byref(size))
        self._check(status)
        return json.loads(_lib.take_string(self._lib, out, size.value))

    # -- helpers ----------------------------------------------------------------------------

    def _batch(self, data, as_of, reasons, threads):
        """bytes of JSON Lines in, bytes of decisions out: one C call, one copy of the result."""
        opts = _options(as_of, reasons, threads)
        out, size = ctypes.c_void_p(), ctypes.c_size_t()
        status = self._lib.solen_evaluate_batch_ex(
            self._handle(), data, len(data), opts, len(opts) if opts else 0,
            ctypes.byref(out), ctypes.byref(size))
        self._check(status)
        return _lib.take_string(self._lib, out, size.value)

    def _handle(self):
        if not self._h:
            raise ValueError("the engine is closed")
        return self._h

    def _check(self, status):
        if status != Status.OK:
            message, code, path = _lib.last_error(self._lib)
            raise SolenError(status, message, code, path)
