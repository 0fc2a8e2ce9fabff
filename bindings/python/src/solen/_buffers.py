# Copies a large C result into a bytes object in one pass over huge-page-backed memory.
# SPDX-License-Identifier: Apache-2.0
"""One copy of a C buffer into ``bytes``, as cheap as the kernel allows.

``ctypes.string_at`` allocates the bytes object and copies into it; on a VM each 4 KiB page of
that fresh memory costs a page fault, which made copying 340 MB of decisions take longer than
evaluating them. Here the bytes object is allocated uninitialised (the documented
``PyBytes_FromStringAndSize(NULL, n)`` idiom), its pages are advised as transparent huge pages
(one fault per 2 MiB), then filled by a single memmove. Outside CPython on Linux, or when any
step is unavailable, it falls back to ``ctypes.string_at``.
"""

import ctypes
import sys

#: Below this size the plain copy is as fast and the tricks are not worth it.
_THRESHOLD = 4 << 20
_HUGE_PAGE = 2 << 20
_MADV_HUGEPAGE = 14  # Linux <asm-generic/mman-common.h>


def _setup():
    if not sys.platform.startswith("linux") or sys.implementation.name != "cpython":
        return None
    try:
        new_bytes = ctypes.pythonapi.PyBytes_FromStringAndSize
        new_bytes.restype = ctypes.py_object
        new_bytes.argtypes = [ctypes.c_void_p, ctypes.c_ssize_t]
        madvise = ctypes.CDLL(None).madvise
        madvise.restype = ctypes.c_int
        madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    except (AttributeError, OSError):
        return None
    return new_bytes, madvise


_fast = _setup()


def copy_bytes(ptr, size):
    """``size`` bytes at address ``ptr`` as a new bytes object."""
    if _fast is None or size < _THRESHOLD:
        return ctypes.string_at(ptr, size)
    new_bytes, madvise = _fast
    out = new_bytes(None, size)
    # c_char_p over a bytes object points at its internal buffer, not at a copy.
    addr = ctypes.cast(ctypes.c_char_p(out), ctypes.c_void_p).value
    start = (addr + _HUGE_PAGE - 1) & ~(_HUGE_PAGE - 1)
    end = (addr + size) & ~(_HUGE_PAGE - 1)
    if end > start:
        madvise(start, end - start, _MADV_HUGEPAGE)  # advice only: failure changes nothing
    ctypes.memmove(addr, ptr, size)
    return out
