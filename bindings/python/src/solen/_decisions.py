# Decisions of a batch kept as JSON Lines and decoded into dicts only when they are read.
# SPDX-License-Identifier: Apache-2.0
"""solen.Decisions: the lazy result of ``Engine.evaluate_many(..., lazy=True)``."""

import array
import collections.abc
import gc
import json


def decode_all(jsonl):
    """Every line of ``jsonl`` (bytes, one JSON object per line) as a list of dicts.

    One ``json.loads`` of the lines turned into an array. The cyclic garbage collector is
    paused meanwhile: the millions of new dicts and lists would otherwise trigger it again and
    again, for nothing (they hold no cycles), doubling the time.
    """
    if not jsonl:
        return []
    body = jsonl[:-1] if jsonl.endswith(b"\n") else jsonl
    paused = gc.isenabled()
    gc.disable()
    try:
        return json.loads(b"[" + body.replace(b"\n", b",") + b"]")
    finally:
        if paused:
            gc.enable()


class Decisions(collections.abc.Sequence):
    """A read-only sequence of decision dicts, decoded from the JSON Lines on each access.

    Decoding a decision into dicts costs far more than evaluating it, and holding all of them
    takes about 6 times the memory of their JSON. Iterating over a ``Decisions`` decodes one at a
    time, so memory stays at the JSON text. ``jsonl`` is that text (bytes), ready to be written
    out as is. Indexing decodes again on each access: keep the dict if you need it twice.
    """

    __slots__ = ("_jsonl", "_ends")

    def __init__(self, jsonl):
        self._jsonl = bytes(jsonl)
        ends = array.array("q")
        find, pos = self._jsonl.find, -1
        while True:
            pos = find(b"\n", pos + 1)
            if pos < 0:
                break
            ends.append(pos)
        if self._jsonl and not self._jsonl.endswith(b"\n"):
            ends.append(len(self._jsonl))
        self._ends = ends

    @property
    def jsonl(self):
        """The decisions as JSON Lines (bytes, one per line, in order)."""
        return self._jsonl

    def __len__(self):
        return len(self._ends)

    def _line(self, i):
        start = self._ends[i - 1] + 1 if i > 0 else 0
        return self._jsonl[start:self._ends[i]]

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [json.loads(self._line(i)) for i in range(*index.indices(len(self)))]
        n = len(self)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError("decision index out of range")
        return json.loads(self._line(i))

    def __iter__(self):
        loads, start = json.loads, 0
        for end in self._ends:
            yield loads(self._jsonl[start:end])
            start = end + 1

    def __repr__(self):
        return f"<solen.Decisions: {len(self)} decisions, {len(self._jsonl)} bytes of JSON>"
