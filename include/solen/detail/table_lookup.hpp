// Compiled lookup of a decision table version: the answer to every combination of its columns'
// regions, computed when the pack is loaded, so that evaluating the table is one region per
// column and one load instead of a walk of the candidate rows and their hit policy.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "solen/detail/table_rows.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// The value column `c` reads in `f`, found by its byte offset (see ColumnIndex::value_offset).
inline const Value& value_of(const ColumnIndex& c, const FactFrame& f) {
  return *reinterpret_cast<const Value*>(reinterpret_cast<const char*>(f.v) + c.value_offset);
}

/// Regions of a column in the lookup: its index's regions, plus one for an unknown value
/// (household facts only: date facts are always known).
inline std::size_t lookup_regions(const ColumnIndex& c) {
  return c.regions + (date_fact(c.fact) ? 0u : 1u);
}

/// Narrows `yes` and `possible` to the rows column `c` allows for `region` (the region after its
/// last one is an unknown value), exactly as IndexedRows::match does for a value.
inline void narrow(const ColumnIndex& c, std::size_t region, RowMask& yes, RowMask& possible) {
  const bool known = region < c.regions;
  const RowMask ok = (known ? c.region_rows[region] : c.unknown_yes) | ~c.constrained;
  yes &= ok;
  possible &= known ? ok : ok | c.unknown_maybe;
}

/// Answers every region combination of `v` through the index's own matching and hit policy, so
/// the lookup cannot disagree with it. Leaves v.index.lookup empty when a column is scanned or
/// the combinations exceed max_lookup_entries.
inline void build_lookup(const Table& t, TableVersion& v) {
  RowIndex& ix = v.index;
  ix.lookup.clear();
  // missing_columns holds 16 columns, rows 32 rows
  if (!ix.usable || ix.columns.size() > 16 || v.rules.size() > max_lookup_rows) return;
  std::size_t entries = 1;
  for (auto* columns : {&ix.date_columns, &ix.columns})
    for (ColumnIndex& c : *columns) {
      if (c.mode == ColumnIndex::Mode::scan || c.region_rows.empty()) return;
      c.lookup_stride = static_cast<std::uint32_t>(entries);
      entries *= lookup_regions(c);
      if (entries > max_lookup_entries) return;
    }
  ix.lookup.resize(entries);
  std::vector<const Rule*> collected;
  for (ColumnIndex& c : ix.columns) {
    c.lookup_offsets.clear();
    for (const std::uint32_t region : c.region_map) c.lookup_offsets.push_back(region * c.lookup_stride);
    c.unknown_offset = c.regions * c.lookup_stride;
  }
  for (std::size_t at = 0; at < entries; ++at) {
    IndexedRows rows(v);
    for (const ColumnIndex& c : ix.date_columns)
      narrow(c, at / c.lookup_stride % lookup_regions(c), rows.yes, rows.possible);
    for (std::size_t k = 0; k < ix.columns.size(); ++k) {
      const ColumnIndex& c = ix.columns[k];
      const std::size_t region = at / c.lookup_stride % lookup_regions(c);
      narrow(c, region, rows.yes, rows.possible);
      if (region == c.regions) {  // unknown: its missing inputs stand for the column's bit
        rows.unknown[rows.unknown_count] = {c.unknown_maybe, std::uint64_t{1} << k};
        rows.unknown_count += c.unknown_maybe != 0;
      }
    }
    TableResult r;
    LookupEntry& e = ix.lookup[at];
    if (t.hit == HitPolicy::collect) {
      collected.clear();
      collect_rows(t, rows, collected, r);
      for (const Rule* row : collected) e.rows |= std::uint32_t{1} << (row - v.rules.data());
    } else {
      decide_single(t, rows, r);
      if (r.rule) e.rows = std::uint32_t{1} << (r.rule - v.rules.data());
    }
    e.kind = r.kind;
    e.missing_columns = static_cast<std::uint16_t>(r.missing.bits);
  }
}

/// Product of the lookup regions of the household columns in `columns` (bit k: ix.columns[k]).
inline std::size_t combinations(const RowIndex& ix, std::uint64_t columns) {
  std::size_t n = 1;
  for (; columns; columns &= columns - 1) n *= lookup_regions(ix.columns[static_cast<std::size_t>(__builtin_ctzll(columns))]);
  return n;
}

/// Splits the rows of a collect version without a lookup into groups of at most
/// max_group_entries combinations of the household columns they read and rows within
/// max_group_rows of the group's first (first fit, in row order), and answers each group's
/// combinations. The date columns are left to the day plan.
inline void build_row_groups(const Table& t, TableVersion& v) {
  RowIndex& ix = v.index;
  ix.groups.clear();
  ix.unknown_columns.clear();
  if (!ix.usable || t.hit != HitPolicy::collect || !ix.lookup.empty()) return;
  for (const ColumnIndex& c : ix.columns)
    if (c.mode == ColumnIndex::Mode::scan || c.region_rows.empty()) return;
  std::vector<std::uint64_t> group_columns;
  std::vector<RowMask> group_rows;
  std::vector<std::size_t> first_row;
  for (std::size_t row = 0; row < v.rules.size(); ++row) {
    std::uint64_t reads = 0;
    for (std::size_t k = 0; k < ix.columns.size(); ++k)
      if ((ix.columns[k].constrained >> row) & 1) reads |= std::uint64_t{1} << k;
    if (combinations(ix, reads) > max_group_entries) return;  // one row too wide: no groups
    auto fits = [&](std::size_t g) { return row - first_row[g] < max_group_rows; };
    std::size_t g = 0;
    while (g < group_columns.size() && (!fits(g) || (group_columns[g] | reads) != group_columns[g])) ++g;  // no growth
    if (g == group_columns.size()) {
      g = 0;
      while (g < group_columns.size() && (!fits(g) || combinations(ix, group_columns[g] | reads) > max_group_entries)) ++g;
    }
    if (g == group_columns.size()) group_columns.push_back(0), group_rows.push_back(0), first_row.push_back(row);
    group_columns[g] |= reads;
    group_rows[g] |= RowMask{1} << row;
  }
  std::vector<RowGroup> groups(group_columns.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    groups[g].first_row = static_cast<std::uint8_t>(first_row[g]);
    std::size_t entries = 1;
    for (std::uint64_t m = group_columns[g]; m; m &= m - 1) {
      const std::size_t k = static_cast<std::size_t>(__builtin_ctzll(m));
      const ColumnIndex& c = ix.columns[k];
      groups[g].terms.push_back({static_cast<std::uint16_t>(k), static_cast<std::uint32_t>(entries)});
      GroupRead read;
      read.column = static_cast<std::uint16_t>(k);
      read.unknown_offset = static_cast<std::uint32_t>(c.regions * entries);
      for (const std::uint32_t region : c.region_map) read.offsets.push_back(static_cast<std::uint32_t>(region * entries));
      groups[g].value_reads += k < ix.value_columns;
      groups[g].reads.push_back(std::move(read));
      entries *= lookup_regions(ix.columns[k]);
    }
    groups[g].entries.resize(entries);
    for (std::size_t at = 0; at < entries; ++at) {  // as IndexedRows::match, on the group's rows
      RowMask yes = group_rows[g], possible = group_rows[g];
      for (const RowGroup::Term& term : groups[g].terms) {
        const ColumnIndex& c = ix.columns[term.column];
        narrow(c, at / term.stride % lookup_regions(c), yes, possible);
      }
      const RowMask maybe = possible & ~yes;
      groups[g].entries[at] = {static_cast<std::uint32_t>(yes >> first_row[g]), static_cast<std::uint32_t>(maybe >> first_row[g])};
    }
  }
  ix.groups = std::move(groups);
  ix.unknown_columns.assign(v.rules.size(), 0);
  for (std::size_t k = 0; k < ix.columns.size(); ++k)
    for (std::size_t row = 0; row < v.rules.size(); ++row)
      if ((ix.columns[k].unknown_maybe >> row) & 1) ix.unknown_columns[row] |= std::uint64_t{1} << k;
}

/// The rows of a grouped collect version that `f` satisfies (`yes`) or leaves undecided
/// (`maybe`) among `allowed` (the day's date rows), and the missing inputs of the undecided
/// ones; false when a value falls outside the indexed domain.
inline bool collect_groups(const TableVersion& v, RowMask allowed, const FactFrame& f, RowMask& yes,
                           RowMask& maybe, MissingSet& missing) {
  const RowIndex& ix = v.index;
  yes = maybe = 0;
  for (const RowGroup& g : ix.groups) {
    std::size_t at = 0;
    auto add = [&at](long offset) {
      at += static_cast<std::size_t>(offset);
      return offset >= 0;
    };
    const GroupRead* r = g.reads.data();
    const GroupRead* const values_end = r + g.value_reads;
    const GroupRead* const end = r + g.reads.size();
    for (; r != values_end; ++r) {  // by_value columns first, as in look_up
      const ColumnIndex& c = ix.columns[r->column];
      if (!add(c.read_value(value_of(c, f), r->offsets, r->unknown_offset))) return false;
    }
    for (; r != end; ++r) {
      const ColumnIndex& c = ix.columns[r->column];
      if (!add(c.read(value_of(c, f), r->offsets, r->unknown_offset))) return false;
    }
    yes |= RowMask{g.entries[at].yes} << g.first_row;
    maybe |= RowMask{g.entries[at].maybe} << g.first_row;
  }
  yes &= allowed;
  maybe &= allowed;
  if (maybe) {  // the unknown columns of the undecided rows give the missing inputs
    std::uint64_t columns = 0;
    for (RowMask m = maybe; m; m &= m - 1) columns |= ix.unknown_columns[static_cast<std::size_t>(__builtin_ctzll(m))];
    for (; columns; columns &= columns - 1) {
      const Value& value = value_of(ix.columns[static_cast<std::size_t>(__builtin_ctzll(columns))], f);
      if (!value.known) missing.add(value.missing);
    }
  }
  return true;
}

/// Index into ix.day_columns of the columns constraining some of `rows`, added when missing;
/// -1 when every column does (or the version has no lookup).
inline std::int16_t day_columns(RowIndex& ix, RowMask rows) {
  if (ix.lookup.empty()) return -1;
  RowIndex::DayColumns kept;
  kept.rows = rows;
  for (std::size_t k = 0; k < ix.columns.size(); ++k) {
    if ((ix.columns[k].constrained & rows) == 0) continue;
    kept.columns.push_back(ix.columns[k]);
    kept.values += k < ix.value_columns;
  }
  if (kept.columns.size() == ix.columns.size()) return -1;
  for (std::size_t i = 0; i < ix.day_columns.size(); ++i)
    if (ix.day_columns[i].rows == rows) return static_cast<std::int16_t>(i);
  ix.day_columns.push_back(std::move(kept));
  return static_cast<std::int16_t>(ix.day_columns.size() - 1);
}

/// Answers every combination of the date columns' regions of `v` (at most max_group_entries):
/// the rows they allow and, when no household column is read, the single-hit decision.
inline void build_date_plans(const Table& t, TableVersion& v) {
  RowIndex& ix = v.index;
  ix.date_plans.clear();
  ix.day_columns.clear();
  if (!ix.usable) return;
  std::size_t plans = 1;
  for (const ColumnIndex& c : ix.date_columns) {
    if (c.mode == ColumnIndex::Mode::scan || c.regions == 0) return;
    plans *= c.regions;
    if (plans > max_group_entries) return;
  }
  const bool answered = ix.columns.empty() && t.hit != HitPolicy::collect;
  ix.date_plans.resize(plans);
  for (std::size_t at = 0; at < plans; ++at) {
    IndexedRows rows(v);
    std::size_t stride = 1;
    for (const ColumnIndex& c : ix.date_columns) {
      narrow(c, at / stride % c.regions, rows.yes, rows.possible);
      stride *= c.regions;
    }
    DatePlan& p = ix.date_plans[at];
    p.rows = rows.possible;
    p.columns = day_columns(ix, p.rows);
    if (answered) {
      TableResult r;
      decide_single(t, rows, r);
      p.kind = r.kind;
      if (r.rule) p.rule = static_cast<std::int16_t>(r.rule - v.rules.data());
    }
  }
}

/// Index into v.index.date_plans of the date facts of `f`, or -1 (no plans, or a date value
/// outside the indexed domain). Equals the date columns' part of a lookup index.
inline long date_plan_index(const TableVersion& v, const FactFrame& f) {
  if (v.index.date_plans.empty()) return -1;
  long at = 0, stride = 1;
  for (const ColumnIndex& c : v.index.date_columns) {
    const long region = c.region_of(f[c.fact]);
    if (region < 0) return -1;
    at += region * stride;
    stride *= c.regions;
  }
  return at;
}

/// The part of a lookup index given by the date columns on a planned day, or -1 when a date
/// value falls outside the indexed domain.
inline long lookup_base(const TableVersion& v, const FactFrame& f) {
  if (v.index.lookup.empty()) return -1;
  long base = 0;
  for (const ColumnIndex& c : v.index.date_columns) {
    const long region = c.region_of(f[c.fact]);
    if (region < 0) return -1;
    base += region * c.lookup_stride;
  }
  return base;
}

/// The household columns a lookup reads: by default all of its version's (by_value ones
/// first); a day's plan may leave out those that cannot change its answer that day.
struct LookupColumns {
  const ColumnIndex* data = nullptr;
  std::uint32_t values = 0;  ///< the leading by_value columns
  std::uint32_t size = 0;

  /// The columns of `ix`, or its day_columns[`day`] when `day` >= 0.
  static LookupColumns of(const RowIndex& ix, int day) {
    if (day >= 0) {
      const RowIndex::DayColumns& d = ix.day_columns[static_cast<std::size_t>(day)];
      return {d.columns.data(), d.values, static_cast<std::uint32_t>(d.columns.size())};
    }
    return {ix.columns.data(), static_cast<std::uint32_t>(ix.value_columns), static_cast<std::uint32_t>(ix.columns.size())};
  }
};

/// The entry answering `f` on a planned day (`base` from lookup_base, `columns` the columns
/// read that day), or null when a value falls outside the indexed domain (the caller then
/// matches the rows).
inline const LookupEntry* look_up(const TableVersion& v, long base, const LookupColumns& columns, const FactFrame& f) {
  std::size_t at = static_cast<std::size_t>(base);
  const ColumnIndex* c = columns.data;
  const ColumnIndex* const values_end = c + columns.values;
  const ColumnIndex* const end = c + columns.size;
  auto add = [&](long offset) {
    at += static_cast<std::size_t>(offset);
    return offset >= 0;
  };
  for (; c != values_end; ++c)  // booleans, enumerations, sets: no switch on the mode
    if (!add(c->read_value(value_of(*c, f), c->lookup_offsets, c->unknown_offset))) return nullptr;
  for (; c != end; ++c)
    if (!add(c->lookup_offset(value_of(*c, f)))) return nullptr;
  return &v.index.lookup[at];
}

/// The table result of a lookup entry; the missing inputs are those of its unknown columns.
inline void result_of(const TableVersion& v, const LookupEntry& e, const FactFrame& f, TableResult& r) {
  r.kind = static_cast<TableResult::Kind>(e.kind);
  for (unsigned m = e.missing_columns; m; m &= m - 1)
    r.missing.add(f[v.index.columns[static_cast<std::size_t>(__builtin_ctz(m))].fact].missing);
}

/// The result of a single-hit table from its lookup entry: the deciding row, kind and missing inputs.
inline TableResult single_result_of(const TableVersion& v, const LookupEntry& e, const FactFrame& f) {
  TableResult r;
  r.version = &v;
  if (e.rows) r.rule = &v.rules[static_cast<std::size_t>(__builtin_ctz(e.rows))];
  result_of(v, e, f, r);
  return r;
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
