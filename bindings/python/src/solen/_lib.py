# Loads libsolen.so.1 with ctypes, declares every C function and checks the ABI version.
# SPDX-License-Identifier: Apache-2.0
"""Low-level access to the C ABI (``solen.h``). Not part of the public Python API."""

import ctypes
import enum
import os
import threading

from ._buffers import copy_bytes

#: The C ABI version this binding is written for (SOLEN_ABI_VERSION in solen.h).
ABI_VERSION = 1
#: The library's SONAME: what the dynamic loader looks for when SOLEN_LIBRARY is not set.
SONAME = "libsolen.so.1"


class Status(enum.IntEnum):
    """Mirror of ``solen_status`` (values frozen by the C ABI)."""

    OK = 0
    E_INVALID_ARGUMENT = 1
    E_PARSE = 2
    E_SCHEMA = 3
    E_RULES = 4
    E_EVALUATION = 5
    E_NOMEM = 6
    E_IO = 7
    E_INTERNAL = 99


class LibraryError(OSError):
    """libsolen could not be loaded, or it has an incompatible ABI version."""


_engine_p = ctypes.c_void_p  # solen_engine * (opaque)
_char_pp = ctypes.POINTER(ctypes.c_void_p)  # char ** out: c_void_p keeps the pointer to free it
_size_p = ctypes.POINTER(ctypes.c_size_t)
_c = ctypes

#: name -> (restype, argtypes), in the order of solen.h. tests/bindings checks it against
#: bindings/ffi/solen_ffi.h, so a function added to the header without a declaration here fails.
SIGNATURES = {
    "solen_abi_version": (_c.c_uint32, []),
    "solen_version_number": (_c.c_uint32, []),
    "solen_version_string": (_c.c_char_p, []),
    "solen_engine_new_default": (_c.c_int, [_c.POINTER(_engine_p)]),
    "solen_engine_new_from_json": (_c.c_int, [_c.c_char_p, _c.c_size_t, _c.POINTER(_engine_p)]),
    "solen_engine_new_from_file": (_c.c_int, [_c.c_char_p, _c.POINTER(_engine_p)]),
    "solen_engine_free": (None, [_engine_p]),
    "solen_engine_pack_id": (_c.c_char_p, [_engine_p]),
    "solen_engine_pack_version": (_c.c_char_p, [_engine_p]),
    "solen_engine_pack_sha256": (_c.c_char_p, [_engine_p]),
    "solen_engine_pack_title": (_c.c_char_p, [_engine_p]),
    "solen_evaluate": (_c.c_int, [_engine_p, _c.c_char_p, _c.c_size_t, _char_pp, _size_p]),
    "solen_evaluate_ex": (
        _c.c_int,
        [_engine_p, _c.c_char_p, _c.c_size_t, _c.c_char_p, _c.c_size_t, _char_pp, _size_p],
    ),
    "solen_evaluate_batch": (_c.c_int, [_engine_p, _c.c_char_p, _c.c_size_t, _char_pp, _size_p]),
    "solen_evaluate_batch_ex": (
        _c.c_int,
        [_engine_p, _c.c_char_p, _c.c_size_t, _c.c_char_p, _c.c_size_t, _char_pp, _size_p],
    ),
    "solen_evaluate_file": (
        _c.c_int,
        [_engine_p, _c.c_char_p, _c.c_char_p, _c.c_char_p, _c.c_size_t, _char_pp, _size_p],
    ),
    "solen_string_free": (None, [_c.c_void_p]),
    "solen_last_error": (_c.c_char_p, []),
    "solen_last_error_code": (_c.c_char_p, []),
    "solen_last_error_path": (_c.c_char_p, []),
    "solen_status_name": (_c.c_char_p, [_c.c_int]),
}

#: Functions added after the first release of ABI 1, with their symbol version. An older
#: libsolen.so.1 still loads; calling one of them raises LibraryError instead.
ADDED = {"solen_evaluate_file": "SOLEN_1.1"}

_lock = threading.Lock()
_lib = None


def library_path():
    """The path or name passed to the loader: $SOLEN_LIBRARY, else the SONAME."""
    return os.environ.get("SOLEN_LIBRARY") or SONAME


def load():
    """The loaded library (loaded once per process, thread-safe). Raises LibraryError."""
    global _lib
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is None:
            _lib = _open(library_path())
    return _lib


def _open(path):
    try:
        lib = ctypes.CDLL(path)
    except OSError as e:
        raise LibraryError(
            f"cannot load the Solen library {path!r} ({e}); install libsolen.so.1 where the "
            "dynamic loader finds it, or set SOLEN_LIBRARY to its path"
        ) from None
    for name, (restype, argtypes) in SIGNATURES.items():
        try:
            fn = getattr(lib, name)
        except AttributeError:
            if name in ADDED:
                setattr(lib, name, _missing(path, name))
                continue
            raise LibraryError(f"{path!r} has no function {name}: not a compatible libsolen") from None
        fn.restype = restype
        fn.argtypes = argtypes
    abi = lib.solen_abi_version()
    if abi != ABI_VERSION:
        raise LibraryError(
            f"{path!r} has C ABI version {abi}; this binding needs version {ABI_VERSION}"
        )
    return lib


def _missing(path, name):
    def call(*_args):
        raise LibraryError(f"{path!r} has no function {name} (symbol version {ADDED[name]}): "
                           "upgrade libsolen")
    return call


def last_error(lib):
    """(message, code, path) of this thread's last failure."""
    return (
        (lib.solen_last_error() or b"").decode("utf-8", "replace"),
        (lib.solen_last_error_code() or b"").decode("utf-8", "replace"),
        (lib.solen_last_error_path() or b"").decode("utf-8", "replace"),
    )


def take_string(lib, ptr, size):
    """Copies an owned C string (char *, length) into bytes, once, and frees it."""
    try:
        return copy_bytes(ptr, size) if size else b""
    finally:
        lib.solen_string_free(ptr)
