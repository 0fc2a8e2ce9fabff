// Three-valued evaluation of compiled decision tables (hit policies unique/first/priority/collect).
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "solen/facts.hpp"
#include "solen/rulepack.hpp"

namespace solen {
inline namespace v1 {

/// All fact values of one household at one date, indexed by Fact.
struct FactFrame {
  Value v[fact_count];
  Value& operator[](Fact f) { return v[static_cast<int>(f)]; }
  const Value& operator[](Fact f) const { return v[static_cast<int>(f)]; }
};

enum class Tri : std::uint8_t { no, yes, maybe };

struct TableResult {
  enum Kind : std::uint8_t { hit, none, undetermined, not_in_force } kind = none;
  const TableVersion* version = nullptr;
  const Rule* rule = nullptr;  ///< the deciding row (unique, first, priority)
  MissingSet missing;          ///< inputs whose absence left rows undecided
};

namespace detail {

inline bool atom_matches(const Atom& a, FactType t, const Value& v) {
  switch (a.op) {
    case AtomOp::null:
      return false;  // v is known here
    case AtomOp::code_eq:
      return v.code == a.code;
    case AtomOp::in_bits:
      return t == FactType::set ? (v.i & a.bits) != 0 : ((a.bits >> v.i) & 1) != 0;
    default:
      break;
  }
  int c;
  if (t == FactType::number) {
    c = compare(v.n, a.a);
  } else {
    c = v.i < a.a.num ? -1 : (v.i > a.a.num ? 1 : 0);
  }
  switch (a.op) {
    case AtomOp::eq: return c == 0;
    case AtomOp::ne: return c != 0;
    case AtomOp::lt: return c < 0;
    case AtomOp::le: return c <= 0;
    case AtomOp::gt: return c > 0;
    case AtomOp::ge: return c >= 0;
    case AtomOp::interval: {
      if (c < 0 || (c == 0 && a.lo_open)) return false;
      int h = t == FactType::number ? compare(v.n, a.b) : (v.i < a.b.num ? -1 : (v.i > a.b.num ? 1 : 0));
      return h < 0 || (h == 0 && !a.hi_open);
    }
    default:
      return false;
  }
}

inline Tri eval_cell(const Cell& c, const Atom* atoms, const FactFrame& f, MissingSet& miss) {
  if (c.any) return Tri::yes;
  const Value& v = f[c.fact];
  if (v.known) {
    switch (c.kind) {
      case CellKind::int_range: return (v.i >= c.lo && v.i <= c.hi) ? Tri::yes : Tri::no;
      case CellKind::bits: return ((c.mask >> v.i) & 1u) ? Tri::yes : Tri::no;
      case CellKind::set_any: return (static_cast<std::uint64_t>(v.i) & c.mask) ? Tri::yes : Tri::no;
      case CellKind::general: break;
    }
  }
  const FactType t = info(c.fact).type;
  const Atom* a = atoms + c.first;
  const Atom* end = a + c.count;
  if (!v.known) {
    for (; a != end; ++a)
      if (a->op == AtomOp::null) return c.negate ? Tri::no : Tri::yes;
    if (c.unknown_fails) return Tri::no;
    miss.add(v.missing);
    return Tri::maybe;
  }
  bool m = false;
  for (; a != end; ++a)
    if (atom_matches(*a, t, v)) {
      m = true;
      break;
    }
  return (m != c.negate) ? Tri::yes : Tri::no;
}

inline Tri eval_rule(const Rule& r, const Atom* atoms, const FactFrame& f, MissingSet& miss) {
  Tri state = Tri::yes;
  MissingSet local;
  for (const Cell& c : r.tests) {
    Tri t = eval_cell(c, atoms, f, local);
    if (t == Tri::no) return Tri::no;
    if (t == Tri::maybe) state = Tri::maybe;
  }
  if (state == Tri::maybe) miss.add(local);
  return state;
}

inline bool same_outputs(const Rule& a, const Rule& b) {
  for (std::size_t i = 0; i < a.outputs.size(); ++i) {
    const OutputValue &x = a.outputs[i], &y = b.outputs[i];
    if (x.is_null != y.is_null || x.i != y.i || x.money != y.money || x.number != y.number ||
        x.text != y.text)
      return false;
  }
  return true;
}

}  // namespace detail

/// Evaluates a single-hit table (unique, first, priority) at date `d`.
/// Under UnknownPolicy::to_verify a row that may match ahead of the deciding row makes the
/// answer undetermined, unless every such row would give the same outputs.
inline TableResult evaluate_table(const Table& t, Date d, const FactFrame& f) {
  TableResult r;
  r.version = t.at(d);
  if (!r.version) {
    r.kind = TableResult::not_in_force;
    return r;
  }
  const Atom* atoms = r.version->atoms.data();
  const Rule* maybe_first = nullptr;
  bool maybe_differs = false;
  const Rule* best = nullptr;
  for (const Rule& row : r.version->rules) {
    Tri m = detail::eval_rule(row, atoms, f, r.missing);
    if (m == Tri::no) continue;
    if (m == Tri::maybe) {
      if (t.unknown == UnknownPolicy::no_match) continue;
      if (t.hit == HitPolicy::priority && best && row.priority <= best->priority) continue;
      if (!maybe_first) maybe_first = &row;
      else if (!detail::same_outputs(*maybe_first, row)) maybe_differs = true;
      continue;
    }
    if (t.hit == HitPolicy::priority) {
      if (!best || row.priority > best->priority) best = &row;
      continue;
    }
    best = &row;
    break;
  }
  if (maybe_first && (maybe_differs || !best || !detail::same_outputs(*maybe_first, *best))) {
    r.kind = TableResult::undetermined;
    return r;
  }
  if (!best) {
    r.kind = TableResult::none;
    return r;
  }
  r.kind = TableResult::hit;
  r.rule = best;
  return r;
}

/// Evaluates a collect table: every matching row, in row order, into `rows`. Rows that may
/// match (unknown inputs) are left out; their inputs are reported in `missing`, and under
/// UnknownPolicy::to_verify the result is undetermined.
inline TableResult collect_table(const Table& t, Date d, const FactFrame& f,
                                 std::vector<const Rule*>& rows) {
  TableResult r;
  rows.clear();
  r.version = t.at(d);
  if (!r.version) {
    r.kind = TableResult::not_in_force;
    return r;
  }
  const Atom* atoms = r.version->atoms.data();
  bool maybe = false;
  for (const Rule& row : r.version->rules) {
    Tri m = detail::eval_rule(row, atoms, f, r.missing);
    if (m == Tri::yes) rows.push_back(&row);
    else if (m == Tri::maybe) maybe = true;
  }
  r.kind = (maybe && t.unknown == UnknownPolicy::to_verify) ? TableResult::undetermined
           : rows.empty()                                     ? TableResult::none
                                                              : TableResult::hit;
  return r;
}

}  // namespace v1
}  // namespace solen
