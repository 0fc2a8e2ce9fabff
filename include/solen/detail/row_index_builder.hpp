// Builds the bitmap index of a table version from its compiled cells (at pack load time).
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <limits>
#include <memory>
#include <numeric>
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

/// The least common denominator of `b`; throws std::overflow_error when it or a bound over it
/// leaves int64 (pack numbers have at most 9 decimals: it divides 10^9).
inline std::int64_t common_denominator(const std::vector<Number>& b) {
  std::int64_t scale = 1;
  for (const Number& x : b) {
    const std::int64_t g = std::gcd(scale, x.den);
    if (__builtin_mul_overflow(scale / g, x.den, &scale)) throw std::overflow_error("number bounds");
  }
  for (const Number& x : b) {
    std::int64_t at;
    if (__builtin_mul_overflow(x.num, scale / x.den, &at)) throw std::overflow_error("number bounds");
  }
  return scale;
}

/// A bound as an integer over `scale` (a multiple of its denominator, see common_denominator).
inline std::int64_t scaled(const Number& x, std::int64_t scale) { return x.num * (scale / x.den); }

/// The distinct bounds of a column's cells, sorted (integral or number columns).
struct ColumnBounds {
  std::vector<std::int64_t> ints;
  std::vector<Number> numbers;
};

/// Chooses the column's mode and its raw regions (for bounds: 2k+1 is bound k itself, 2k the
/// interval below it); throws std::overflow_error when a representative cannot be represented
/// (the column is then scanned).
inline std::vector<std::optional<Value>> index_regions(const TableVersion& v, ColumnIndex& ci, ColumnBounds& bounds) {
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
      std::vector<std::int64_t>& b = bounds.ints;
      b = column_bounds<std::int64_t>(v, ci.column, [](const Number& n) { return n.num; });
      std::sort(b.begin(), b.end());
      b.erase(std::unique(b.begin(), b.end()), b.end());
      // Representatives are bound ± 1: bounds at the ends of int64 are left to the scan.
      constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min(), highest = std::numeric_limits<std::int64_t>::max();
      if (b.empty() || b.front() == lowest || b.back() == highest) break;
      ci.mode = ColumnIndex::Mode::int_cuts;
      reps = int_regions(b);
      break;
    }
    case FactType::number: {
      std::vector<Number>& b = bounds.numbers;
      b = column_bounds<Number>(v, ci.column, [](const Number& n) { return n; });
      std::sort(b.begin(), b.end(), number_less);
      b.erase(std::unique(b.begin(), b.end()), b.end());
      if (b.empty()) break;
      ci.cut_scale = common_denominator(b);
      ci.mode = ColumnIndex::Mode::number_cuts;
      reps = number_regions(b);
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

/// Replaces the 2n+1 regions around n bounds by the intervals between cuts, a cut wherever the
/// rows change from one region to the next (regions no value lies in are skipped): a value's raw
/// region is then the number of cuts at or below it, one comparison a cut instead of two a bound.
inline void cut_where_rows_change(ColumnIndex& ci, const ColumnBounds& bounds, std::vector<std::optional<Value>>& reps) {
  std::vector<RowMask> rows;
  std::vector<std::optional<Value>> kept;
  for (std::size_t r = 0; r < reps.size(); ++r) {
    if (!reps[r] || (!rows.empty() && rows.back() == ci.region_rows[r])) continue;
    if (!rows.empty()) {  // r is bound k itself (values from it on) or the interval above it
      const std::size_t k = (r - 1) / 2;
      const bool from_bound = r % 2 == 1;
      if (ci.mode == ColumnIndex::Mode::int_cuts) ci.int_cuts.push_back(from_bound ? bounds.ints[k] : bounds.ints[k] + 1);
      else ci.number_cuts.push_back({scaled(bounds.numbers[k], ci.cut_scale), from_bound ? 0 : 1});
    }
    rows.push_back(ci.region_rows[r]);
    kept.push_back(reps[r]);
  }
  ci.region_rows = std::move(rows);
  reps = std::move(kept);
  std::uint64_t widest = 1;  // the 64-bit path of a number value (see ColumnIndex::cut_den_limit)
  for (const ColumnIndex::NumberCut& c : ci.number_cuts)
    widest = std::max(widest, c.at < 0 ? 0 - static_cast<std::uint64_t>(c.at) : static_cast<std::uint64_t>(c.at));
  ci.cut_den_limit = static_cast<std::int64_t>((std::numeric_limits<std::int64_t>::max() - 1) / widest);
}

/// Makes raw regions with the same rows one region (in order of first appearance); a raw
/// region no value lies in joins its left neighbour's.
inline void merge_equal_regions(ColumnIndex& ci, const std::vector<std::optional<Value>>& reps) {
  std::vector<RowMask> merged;
  ci.region_map.assign(reps.size(), 0);
  for (std::size_t r = 0; r < reps.size(); ++r) {
    if (!reps[r] && r > 0) {
      ci.region_map[r] = ci.region_map[r - 1];
      continue;
    }
    const auto it = std::find(merged.begin(), merged.end(), ci.region_rows[r]);
    ci.region_map[r] = static_cast<std::uint32_t>(it - merged.begin());
    if (it == merged.end()) merged.push_back(ci.region_rows[r]);
  }
  ci.region_rows = std::move(merged);
  ci.regions = static_cast<std::uint32_t>(ci.region_rows.size());
  ci.raw_regions = static_cast<std::uint32_t>(ci.region_map.size());
}

inline void index_column(const TableVersion& v, ColumnIndex& ci, FactFrame& frame) {
  std::vector<std::optional<Value>> reps;
  ColumnBounds bounds;
  try {
    reps = index_regions(v, ci, bounds);
  } catch (const std::exception&) {  // bounds at the edge of int64: scan this column
    reps.clear();
  }
  if (reps.empty()) {
    ci.mode = ColumnIndex::Mode::scan;
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
  if (ci.mode == ColumnIndex::Mode::int_cuts || ci.mode == ColumnIndex::Mode::number_cuts)
    cut_where_rows_change(ci, bounds, reps);
  merge_equal_regions(ci, reps);
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
    ci.value_offset = static_cast<std::uint32_t>(static_cast<std::size_t>(ci.fact) * sizeof(Value));
    index_column(v, ci, *frame);
    (date_fact(ci.fact) ? v.index.date_columns : v.index.columns).push_back(std::move(ci));
  }
  std::stable_partition(v.index.columns.begin(), v.index.columns.end(),
                        [](const ColumnIndex& c) { return c.mode == ColumnIndex::Mode::by_value; });
  for (const ColumnIndex& c : v.index.columns) v.index.value_columns += c.mode == ColumnIndex::Mode::by_value;
  v.index.all = v.rules.size() == 64 ? ~RowMask{0} : (RowMask{1} << v.rules.size()) - 1;
  v.index.usable = true;
  build_lookup(t, v);
  build_row_groups(t, v);
  build_date_plans(t, v);
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
