// Decision tables: evaluation at a date or through a day plan (hit policies unique/first/priority/collect).
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "solen/detail/day_plan.hpp"
#include "solen/detail/table_rows.hpp"
#include "solen/facts.hpp"
#include "solen/rulepack.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// Runs fn(rows, result) over the rows of a planned table: indexed, or scanned row by row.
template <class Fn>
TableResult with_plan(const TablePlan& p, const FactFrame& f, Fn&& fn) {
  TableResult r;
  r.version = p.version;
  if (!r.version) {
    r.kind = TableResult::not_in_force;
    return r;
  }
  if (r.version->index.usable) {
    IndexedRows rows(*r.version, f, &p.rows);
    fn(rows, r);
  } else {
    ScannedRows rows{*r.version, f, r.missing};
    fn(rows, r);
  }
  return r;
}

/// The row-matching paths of a planned table, for versions without a lookup (or a value outside
/// it). Kept out of line so that the lookup path, which answers almost every table, stays small
/// enough to inline and saves few registers.
[[gnu::noinline]] inline TableResult decide_by_rows(const Table& t, const TablePlan& p, const FactFrame& f) {
  return with_plan(p, f, [&](auto& rows, TableResult& r) { decide_single(t, rows, r); });
}
[[gnu::noinline]] inline TableResult collect_by_rows(const Table& t, const TablePlan& p, const FactFrame& f,
                                                     std::vector<const Rule*>& rows) {
  return with_plan(p, f, [&](auto& it, TableResult& r) { collect_rows(t, it, rows, r); });
}

/// A planned single-hit table that reads household facts: its lookup, else its rows.
[[gnu::noinline]] inline TableResult decide_planned(const Table& t, const TablePlan& p, const FactFrame& f) {
  if (p.lookup_base >= 0)
    if (const LookupEntry* e = look_up(*p.version, p.lookup_base, p.columns, f))
      return single_result_of(*p.version, *e, f);
  return decide_by_rows(t, p, f);
}
}  // namespace detail

/// Evaluates a single-hit table (unique, first, priority) planned for the frame's day. Tables
/// that read the day alone (in force, campaigns) are answered by the plan without a call.
inline TableResult evaluate_table(const Table& t, const TablePlan& p, const FactFrame& f) {
  if (p.answered) return p.answer;
  return detail::decide_planned(t, p, f);
}

/// The matching rows of a collect table, in row order: a mask of its version's rows when the
/// version is indexed (no list is built on the engine's path), else a list.
struct CollectedRows {
  const Rule* rules = nullptr;  ///< the version's rows, when `list` is null
  detail::RowMask mask = 0;
  const std::vector<const Rule*>* list = nullptr;

  bool empty() const { return list ? list->empty() : mask == 0; }
  template <class Fn>
  void for_each(Fn&& fn) const {
    if (list) {
      for (const Rule* row : *list) fn(*row);
      return;
    }
    for (detail::RowMask m = mask; m; m &= m - 1) fn(rules[static_cast<std::size_t>(__builtin_ctzll(m))]);
  }
};

/// Evaluates a collect table planned for the frame's day into `out`; `rows` is the scratch
/// list of versions matched row by row.
inline TableResult collect_table(const Table& t, const TablePlan& p, const FactFrame& f,
                                 std::vector<const Rule*>& rows, CollectedRows& out) {
  out = CollectedRows{};
  if (p.lookup_base >= 0)
    if (const detail::LookupEntry* e = detail::look_up(*p.version, p.lookup_base, p.columns, f)) {
      TableResult r;
      r.version = p.version;
      out.rules = p.version->rules.data();
      out.mask = e->rows;
      detail::result_of(*p.version, *e, f, r);
      return r;
    }
  if (p.version && !p.version->index.groups.empty()) {
    TableResult r;
    r.version = p.version;
    detail::RowMask maybe;
    if (detail::collect_groups(*p.version, p.rows, f, out.mask, maybe, r.missing)) {
      out.rules = p.version->rules.data();
      r.kind = detail::collect_kind(t, maybe != 0, out.mask != 0);
      return r;
    }
  }
  rows.clear();
  out.mask = 0;
  out.list = &rows;
  return detail::collect_by_rows(t, p, f, rows);
}

/// Evaluates a collect table planned for the frame's day: every matching row, in row order.
inline TableResult collect_table(const Table& t, const TablePlan& p, const FactFrame& f,
                                 std::vector<const Rule*>& rows) {
  CollectedRows found;
  TableResult r = collect_table(t, p, f, rows, found);
  if (!found.list) {
    rows.clear();
    found.for_each([&](const Rule& row) { rows.push_back(&row); });
  }
  return r;
}

namespace detail {
/// Runs fn(rows, result) over the rows of t's version at d, scanned row by row.
template <class Fn>
TableResult with_scanned_rows(const Table& t, Date d, const FactFrame& f, Fn&& fn) {
  TableResult r;
  r.version = t.at(d);
  if (!r.version) {
    r.kind = TableResult::not_in_force;
    return r;
  }
  ScannedRows rows{*r.version, f, r.missing};
  fn(rows, r);
  return r;
}
}  // namespace detail

/// Evaluates a single-hit table (unique, first, priority) at date `d`.
/// Under UnknownPolicy::to_verify a row that may match ahead of the deciding row makes the
/// answer undetermined, unless every such row would give the same outputs.
/// `use_index` false forces the row-by-row scan (the reference the index is tested against).
inline TableResult evaluate_table(const Table& t, Date d, const FactFrame& f, bool use_index = true) {
  if (use_index && detail::frame_on(f, d)) return evaluate_table(t, detail::table_memo().of(t, d, f), f);
  return detail::with_scanned_rows(t, d, f, [&](auto& rows, TableResult& r) { detail::decide_single(t, rows, r); });
}

/// Evaluates a collect table: every matching row, in row order, into `rows`. Rows that may
/// match (unknown inputs) are left out; their inputs are reported in `missing`, and under
/// UnknownPolicy::to_verify the result is undetermined.
inline TableResult collect_table(const Table& t, Date d, const FactFrame& f,
                                 std::vector<const Rule*>& rows, bool use_index = true) {
  if (use_index && detail::frame_on(f, d)) return collect_table(t, detail::table_memo().of(t, d, f), f, rows);
  rows.clear();
  return detail::with_scanned_rows(t, d, f, [&](auto& it, TableResult& r) { detail::collect_rows(t, it, rows, r); });
}

}  // namespace v1
}  // namespace solen
