// Builds the bitmap index of a table version from its compiled cells (at pack load time).
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <stdexcept>

#include "solen/decision_table.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// The bounds of every atom of the column's constrained cells (integral columns use num).
template <class T, class Get>
std::vector<T> column_bounds(const TableVersion& v, std::size_t col, Get get) {
  std::vector<T> out;
  for (const Rule& r : v.rules) {
    const Cell& c = r.cells[col];
    if (c.any) continue;
    for (std::uint32_t k = c.first; k < c.first + c.count; ++k) {
      const Atom& a = v.atoms[k];
      if (a.op == AtomOp::null || a.op == AtomOp::code_eq || a.op == AtomOp::in_bits) continue;
      out.push_back(get(a.a));
      if (a.op == AtomOp::interval) out.push_back(get(a.b));
    }
  }
  return out;
}

/// Representative values of the regions cut by `b` (sorted, distinct): region 2k+1 is bound k,
/// region 2k lies strictly between bounds k-1 and k (empty optional: no value lies there).
/// `below`, `between` and `above` give a value under the first bound, between two neighbours
/// (or nothing), and over the last bound; `value` makes a known fact value of one.
template <class T, class Below, class Between, class Above, class MakeValue>
std::vector<std::optional<Value>> cut_regions(const std::vector<T>& b, Below below, Between between,
                                              Above above, MakeValue value) {
  std::vector<std::optional<Value>> reps(2 * b.size() + 1);
  for (std::size_t k = 0; k < b.size(); ++k) {
    reps[2 * k + 1] = value(b[k]);
    if (k == 0) reps[0] = value(below(b[0]));
    else if (const std::optional<T> mid = between(b[k - 1], b[k])) reps[2 * k] = value(*mid);
  }
  reps[2 * b.size()] = value(above(b.back()));
  return reps;
}

inline std::vector<std::optional<Value>> int_regions(const std::vector<std::int64_t>& b) {
  using I = std::int64_t;
  return cut_regions(
      b, [](I x) { return x - 1; },
      [](I lo, I hi) { return hi - lo > 1 ? std::optional<I>(lo + 1) : std::nullopt; },
      [](I x) { return x + 1; },
      [](I x) {
        Value v;
        v.known = true;
        v.i = x;
        return v;
      });
}

inline std::vector<std::optional<Value>> number_regions(const std::vector<Number>& b) {
  return cut_regions(
      b, [](const Number& x) { return reduce(wide(x.num) - x.den, x.den); },
      [](const Number& lo, const Number& hi) {
        return std::optional<Number>(reduce(wide(lo.num) * hi.den + wide(hi.num) * lo.den, wide(lo.den) * hi.den * 2));
      },
      [](const Number& x) { return reduce(wide(x.num) + x.den, x.den); },
      [](const Number& x) {
        Value v;
        v.known = true;
        v.n = x;
        return v;
      });
}

inline bool number_less(const Number& a, const Number& b) { return compare(a, b) < 0; }

/// Chooses the column's mode and its regions; throws std::overflow_error when a representative
/// cannot be represented (the column is then scanned).
inline std::vector<std::optional<Value>> index_regions(const TableVersion& v, ColumnIndex& ci) {
  const FactInfo& fi = info(ci.fact);
  std::vector<std::optional<Value>> reps;
  auto by_value = [&](int n) {
    ci.mode = ColumnIndex::Mode::by_value;
    for (int i = 0; i < n; ++i) {
      Value x;
      x.known = true;
      x.i = i;
      reps.emplace_back(x);
    }
  };
  switch (fi.type) {
    case FactType::boolean: by_value(2); break;
    case FactType::enumeration: by_value(fi.value_count); break;
    case FactType::set:
      if (fi.value_count <= 8) by_value(1 << fi.value_count);
      break;
    case FactType::integer:
    case FactType::date: {
      ci.int_bounds = column_bounds<std::int64_t>(v, ci.column, [](const Number& n) { return n.num; });
      std::sort(ci.int_bounds.begin(), ci.int_bounds.end());
      ci.int_bounds.erase(std::unique(ci.int_bounds.begin(), ci.int_bounds.end()), ci.int_bounds.end());
      // Representatives are bound ± 1: bounds at the ends of int64 are left to the scan.
      constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min(), highest = std::numeric_limits<std::int64_t>::max();
      if (ci.int_bounds.empty() || ci.int_bounds.front() == lowest || ci.int_bounds.back() == highest) break;
      ci.mode = ColumnIndex::Mode::int_cuts;
      reps = int_regions(ci.int_bounds);
      break;
    }
    case FactType::number: {
      ci.number_bounds = column_bounds<Number>(v, ci.column, [](const Number& n) { return n; });
      std::sort(ci.number_bounds.begin(), ci.number_bounds.end(), number_less);
      ci.number_bounds.erase(std::unique(ci.number_bounds.begin(), ci.number_bounds.end()), ci.number_bounds.end());
      if (ci.number_bounds.empty()) break;
      ci.mode = ColumnIndex::Mode::number_cuts;
      reps = number_regions(ci.number_bounds);
      break;
    }
    case FactType::code: {
      for (const Rule& r : v.rules) {
        const Cell& c = r.cells[ci.column];
        for (std::uint32_t k = c.first; k < c.first + c.count; ++k)
          if (!c.any && v.atoms[k].op == AtomOp::code_eq) ci.codes.push_back(v.atoms[k].code);
      }
      std::sort(ci.codes.begin(), ci.codes.end());
      ci.codes.erase(std::unique(ci.codes.begin(), ci.codes.end()), ci.codes.end());
      ci.mode = ColumnIndex::Mode::by_code;
      for (const Code& code : ci.codes) {
        Value x;
        x.known = true;
        x.code = code;
        reps.emplace_back(x);
      }
      Value other;  // a code no cell lists (never a valid code: it starts with a control byte)
      other.known = true;
      other.code = Code("\x01other");
      reps.emplace_back(other);
      break;
    }
  }
  return reps;
}

inline void index_column(const TableVersion& v, ColumnIndex& ci, FactFrame& frame) {
  std::vector<std::optional<Value>> reps;
  try {
    reps = index_regions(v, ci);
  } catch (const std::exception&) {  // bounds at the edge of int64: scan this column
    reps.clear();
  }
  if (reps.empty()) {
    ci.mode = ColumnIndex::Mode::scan;
    ci.int_bounds.clear();
    ci.number_bounds.clear();
    ci.codes.clear();
  }
  ci.region_rows.assign(reps.size(), 0);
  ci.regions = static_cast<std::uint32_t>(reps.size());
  MissingSet ignored;
  for (std::size_t row = 0; row < v.rules.size(); ++row) {
    const Cell& cell = v.rules[row].cells[ci.column];
    if (cell.any) continue;
    const RowMask bit = RowMask{1} << row;
    ci.constrained |= bit;
    frame[ci.fact] = Value{};  // unknown
    Tri u = eval_cell(cell, v.atoms.data(), frame, ignored);
    if (u == Tri::yes) ci.unknown_yes |= bit;
    else if (u == Tri::maybe) ci.unknown_maybe |= bit;
    for (std::size_t r = 0; r < reps.size(); ++r) {
      if (!reps[r]) continue;
      frame[ci.fact] = *reps[r];
      if (eval_cell(cell, v.atoms.data(), frame, ignored) == Tri::yes) ci.region_rows[r] |= bit;
    }
  }
}

/// Fills v.index; leaves it unusable (row-by-row evaluation) for versions over 64 rows.
inline void build_row_index(const Table& t, TableVersion& v) {
  v.index = RowIndex{};
  if (v.rules.size() > max_indexed_rows || t.inputs.size() > max_indexed_columns) return;
  auto frame = std::make_unique<FactFrame>();
  for (std::size_t c = 0; c < t.inputs.size(); ++c) {
    bool constrained = false;
    for (const Rule& r : v.rules) constrained = constrained || !r.cells[c].any;
    if (!constrained) continue;
    ColumnIndex ci;
    ci.fact = t.inputs[c];
    ci.column = static_cast<std::uint16_t>(c);
    index_column(v, ci, *frame);
    (date_fact(ci.fact) ? v.index.date_columns : v.index.columns).push_back(std::move(ci));
  }
  v.index.all = v.rules.size() == 64 ? ~RowMask{0} : (RowMask{1} << v.rules.size()) - 1;
  v.index.usable = true;
  build_lookup(t, v);
  build_row_groups(t, v);
  build_date_plans(t, v);
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
