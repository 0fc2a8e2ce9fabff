// Memo of a stage on one day: the household facts its tables read, each cut at every bound of
// those tables, so that the stage's answer can be computed once per combination of regions.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string_view>
#include <utility>
#include <vector>

#include "solen/decision.hpp"
#include "solen/detail/row_index.hpp"
#include "solen/detail/table_rows.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// One household fact read by a stage's tables. A by_value fact is indexed by its value; an
/// integer fact by the intervals between the union of every table's cuts. Within one region
/// every table of the stage gives the same answer, so one representative value stands for all.
struct MemoColumn {
  Fact fact = Fact::date;
  std::uint32_t value_offset = 0;  ///< where the fact lies in a FactFrame (bytes)
  bool by_value = true;
  std::uint32_t values = 0;        ///< by_value: the values indexed by every table, 0..values-1
  std::vector<std::int64_t> cuts;  ///< integers: the first value of every interval but the first
  std::uint32_t stride = 0;        ///< weight of this column's region in a combination's index

  /// Regions, the last one standing for an unknown value.
  std::uint32_t regions() const {
    return (by_value ? values : static_cast<std::uint32_t>(cuts.size()) + 1) + 1;
  }

  /// The region of `v`, or -1 when a table would not index it (the stage then runs in full).
  long region(const Value& v) const {
    if (!v.known) return static_cast<long>(regions()) - 1;
    if (by_value) return static_cast<std::uint64_t>(v.i) < values ? static_cast<long>(v.i) : -1;
    long above = 0;
    for (const std::int64_t c : cuts) above += v.i >= c;
    return above;
  }

  /// A value of `region`; an unknown value is missing the input `marker` alone, so that the
  /// missing inputs of the stage's answer tell which columns were unknown.
  void represent(std::uint32_t region, unsigned marker, Value& v) const {
    v = Value{};
    if (region + 1 == regions()) {
      v.missing.bits = std::uint64_t{1} << marker;
      return;
    }
    v.known = true;
    if (by_value) v.i = region;
    else if (region > 0) v.i = cuts[region - 1];
    else if (!cuts.empty()) v.i = cuts[0] > std::numeric_limits<std::int64_t>::min() ? cuts[0] - 1 : cuts[0];
  }
};

/// The columns of a stage and the index of a combination of their regions.
struct MemoPartition {
  std::vector<MemoColumn> columns;
  std::size_t combinations = 1;

  /// Adds a household column of one of the stage's tables; false when it is neither indexed by
  /// value nor cut on integers, or the columns would outnumber the markers.
  bool add(const ColumnIndex& c) {
    const bool by_value = c.mode == ColumnIndex::Mode::by_value;
    if (!by_value && c.mode != ColumnIndex::Mode::int_cuts) return false;
    auto same = std::find_if(columns.begin(), columns.end(), [&](const MemoColumn& m) { return m.fact == c.fact; });
    if (same == columns.end()) {
      if (columns.size() == 64) return false;
      MemoColumn m;
      m.fact = c.fact;
      m.value_offset = c.value_offset;
      m.by_value = by_value;
      m.values = by_value ? c.raw_regions : 0;
      m.cuts = c.int_cuts;
      columns.push_back(std::move(m));
      return true;
    }
    if (same->by_value != by_value) return false;
    if (by_value) {
      same->values = std::min(same->values, c.raw_regions);
      return true;
    }
    std::vector<std::int64_t> merged;
    std::set_union(same->cuts.begin(), same->cuts.end(), c.int_cuts.begin(), c.int_cuts.end(), std::back_inserter(merged));
    merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
    same->cuts = std::move(merged);
    return true;
  }

  /// Sets the strides; false when the combinations exceed `limit`.
  bool finish(std::size_t limit) {
    combinations = 1;
    for (MemoColumn& c : columns) {
      c.stride = static_cast<std::uint32_t>(combinations);
      combinations *= c.regions();
      if (combinations > limit) return false;
    }
    return true;
  }

  /// The combination `f` falls in, or -1 when a value lies outside the indexed domain.
  long index(const FactFrame& f) const {
    long at = 0;
    for (const MemoColumn& c : columns) {
      const long region = c.region(*reinterpret_cast<const Value*>(reinterpret_cast<const char*>(f.v) + c.value_offset));
      if (region < 0) return -1;
      at += region * static_cast<long>(c.stride);
    }
    return at;
  }

  /// Writes a representative of combination `at` into `f` (column k unknown: marker k).
  void represent(std::size_t at, FactFrame& f) const {
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const MemoColumn& c = columns[k];
      c.represent(static_cast<std::uint32_t>(at / c.stride % c.regions()), static_cast<unsigned>(k), f[c.fact]);
    }
  }

  /// The missing inputs of the unknown columns flagged in `markers`, read from `f`.
  MissingSet missing(std::uint64_t markers, const FactFrame& f) const {
    MissingSet m;
    for (; markers; markers &= markers - 1) m.add(f[columns[static_cast<std::size_t>(__builtin_ctzll(markers))].fact].missing);
    return m;
  }
};

/// Usable protections memos of this thread (see max_live_protections_memos).
inline int& live_protections_memos() {
  thread_local int live = 0;
  return live;
}

/// The protections of one day for every combination of the facts their tables read (see
/// evaluate_protections.hpp), built for the days that evaluate many households.
struct ProtectionsMemo {
  /// A fact the stage sets for later tables: known with a value, or unknown with the missing
  /// inputs of the columns flagged in `markers`.
  struct Written {
    bool known = false;
    std::int64_t i = 0;
    std::uint64_t markers = 0;
  };
  struct Outcome {
    Protections answer;  ///< without reasons; `missing` holds markers
    Written winter_truce, cut_allowed;
  };
  bool usable = false;
  MemoPartition partition;
  std::vector<Outcome> outcomes;  ///< per combination of the partition
  /// The warnings of the tables' versions that the stage notes, in its order.
  std::vector<std::pair<std::string_view, std::string_view>> warnings;

  void clear() {
    if (usable) --live_protections_memos();
    *this = ProtectionsMemo{};
  }
};

}  // namespace detail
}  // namespace v1
}  // namespace solen
