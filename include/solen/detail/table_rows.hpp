// Row matching of decision tables: three-valued cells, the row scan, the bitmap index walk, and
// the hit policies (unique/first/priority, collect) over the rows that may match.
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

/// Row-by-row matching, for versions without a usable index: yields every row that may match.
struct ScannedRows {
  const TableVersion& v;
  const FactFrame& f;
  MissingSet& missing;
  std::size_t next_row = 0;
  bool next(const Rule*& row, Tri& m) {
    while (next_row < v.rules.size()) {
      row = &v.rules[next_row++];
      m = eval_rule(*row, v.atoms.data(), f, missing);
      if (m != Tri::no) return true;
    }
    return false;
  }
  MissingSet missing_seen() const { return {}; }  // already added row by row
};

/// The rows of a known value in a column the index cannot look up (codes, out-of-domain values).
inline RowMask scan_column(const TableVersion& v, const ColumnIndex& c, const FactFrame& f) {
  RowMask out = 0;
  MissingSet ignored;
  for (RowMask b = c.constrained; b; b &= b - 1) {
    const int row = __builtin_ctzll(b);
    if (eval_cell(v.rules[row].cells[c.column], v.atoms.data(), f, ignored) == Tri::yes)
      out |= RowMask{1} << row;
  }
  return out;
}

/// Indexed matching: one lookup per constrained column, then the candidate rows in row order.
/// The missing inputs are those of the undecided rows actually visited, as in a row scan.
struct IndexedRows {
  struct Unknown {  // trivial, so the array below costs nothing to construct
    RowMask maybe;
    std::uint64_t missing_bits;
  };
  const TableVersion& v;
  RowMask yes = 0, possible = 0, visited_maybe = 0;
  int unknown_count = 0;
  Unknown unknown[max_indexed_columns];

  /// `date_rows`: the rows the date columns allow, when already known for this day.
  explicit IndexedRows(const TableVersion& version)
      : v(version), yes(version.index.all), possible(version.index.all) {}
  IndexedRows(const TableVersion& version, const FactFrame& f, const RowMask* date_rows = nullptr)
      : IndexedRows(version) {
    if (date_rows) yes = possible = *date_rows;
    else match(v.index.date_columns, f);
    if (possible) match(v.index.columns, f);
  }
  void match(const std::vector<ColumnIndex>& columns, const FactFrame& f) {
    RowMask y = yes, p = possible;
    for (const ColumnIndex& c : columns) {
      const Value& x = f[c.fact];
      if (x.known) {
        const long region = c.region_of(x);
        const RowMask ok = (region >= 0 ? c.region_rows[static_cast<std::size_t>(region)] : scan_column(v, c, f)) |
                           ~c.constrained;
        y &= ok;
        p &= ok;
      } else {
        const RowMask ok = c.unknown_yes | ~c.constrained;
        y &= ok;
        p &= ok | c.unknown_maybe;
        unknown[unknown_count] = {c.unknown_maybe, x.missing.bits};
        unknown_count += c.unknown_maybe != 0;
      }
      if (!p) break;
    }
    yes = y;
    possible = p;
  }
  bool next(const Rule*& row, Tri& m) {
    if (!possible) return false;
    const int i = __builtin_ctzll(possible);
    const RowMask bit = RowMask{1} << i;
    possible &= possible - 1;
    row = &v.rules[static_cast<std::size_t>(i)];
    m = (yes & bit) ? Tri::yes : Tri::maybe;
    if (m == Tri::maybe) visited_maybe |= bit;
    return true;
  }
  MissingSet missing_of(RowMask rows) const {
    MissingSet out;
    for (int k = 0; k < unknown_count; ++k)
      if (unknown[k].maybe & rows) out.bits |= unknown[k].missing_bits;
    return out;
  }
  MissingSet missing_seen() const { return missing_of(visited_maybe); }
};

template <class Rows>
void decide_single(const Table& t, Rows& rows, TableResult& r) {
  const Rule* maybe_first = nullptr;
  bool maybe_differs = false;
  const Rule* best = nullptr;
  const Rule* row = nullptr;
  Tri m = Tri::no;
  while (rows.next(row, m)) {
    if (m == Tri::maybe) {
      if (t.unknown == UnknownPolicy::no_match) continue;
      if (t.hit == HitPolicy::priority && best && row->priority <= best->priority) continue;
      if (!maybe_first) maybe_first = row;
      else if (!same_outputs(*maybe_first, *row)) maybe_differs = true;
      continue;
    }
    if (t.hit == HitPolicy::priority) {
      if (!best || row->priority > best->priority) best = row;
      continue;
    }
    best = row;
    break;
  }
  r.missing.add(rows.missing_seen());
  if (maybe_first && (maybe_differs || !best || !same_outputs(*maybe_first, *best))) {
    r.kind = TableResult::undetermined;
    return;
  }
  r.kind = best ? TableResult::hit : TableResult::none;
  r.rule = best;
}

/// Kind of a collect table's result: undetermined when rows may match and unknown inputs are to
/// verify, else whether any row matched.
inline TableResult::Kind collect_kind(const Table& t, bool maybe, bool matched) {
  return maybe && t.unknown == UnknownPolicy::to_verify ? TableResult::undetermined
         : matched                                       ? TableResult::hit
                                                         : TableResult::none;
}

template <class Rows>
void collect_rows(const Table& t, Rows& rows, std::vector<const Rule*>& out, TableResult& r) {
  bool maybe = false;
  const Rule* row = nullptr;
  Tri m = Tri::no;
  while (rows.next(row, m)) {
    if (m == Tri::yes) out.push_back(row);
    else maybe = true;
  }
  r.missing.add(rows.missing_seen());
  r.kind = collect_kind(t, maybe, !out.empty());
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
