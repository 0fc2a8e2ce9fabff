// Memo of a stage on one day: the household facts its tables read, each cut at every bound of
// those tables, so that the stage's answer can be computed once per combination of regions.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <numeric>
#include <string_view>
#include <utility>
#include <vector>

#include "solen/decision.hpp"
#include "solen/detail/row_index.hpp"
#include "solen/detail/table_lookup.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// The household facts a stage reads, each as one ColumnIndex holding the cuts of every table of
/// the stage on that fact (by_value facts: the values every table indexes, those no table tells
/// apart in one region). Within one region of every column each table gives the same answer, so
/// one representative value stands for all.
struct MemoPartition {
  /// Cuts, or by_value with region_map and regions; by_value ones first once finished, each with
  /// its part of a combination's index as a lookup's (lookup_stride, lookup_offsets).
  std::vector<ColumnIndex> columns;
  std::size_t value_columns = 0;
  std::size_t combinations = 1;

  /// Adds a household column of one of the stage's tables; false when it is indexed by code or
  /// scanned, or its bounds do not fit the representatives' arithmetic.
  bool add(const ColumnIndex& c) {
    using Mode = ColumnIndex::Mode;
    if (c.mode == Mode::by_code || c.mode == Mode::scan) return false;
    auto same = std::find_if(columns.begin(), columns.end(), [&](const ColumnIndex& m) { return m.fact == c.fact; });
    if (same == columns.end()) {
      if (columns.size() == 64) return false;  // one marker bit per column
      ColumnIndex m;
      m.fact = c.fact;
      m.value_offset = c.value_offset;
      m.mode = c.mode;
      m.raw_regions = c.raw_regions;
      if (c.mode == Mode::by_value) m.region_map.assign(c.raw_regions, 0);  // one region, refined below
      columns.push_back(std::move(m));
      same = columns.end() - 1;
    }
    if (same->mode != c.mode) return false;
    switch (c.mode) {
      case Mode::by_value:
        refine_values(*same, c);
        return true;
      case Mode::int_cuts:
        same->int_cuts = merged(same->int_cuts, c.int_cuts, std::less<>());
        same->raw_regions = static_cast<std::uint32_t>(same->int_cuts.size()) + 1;
        return true;
      default:
        return add_number_cuts(*same, c);
    }
  }

  /// Adds a boolean or enumerated fact the stage reads itself rather than through a table: each
  /// of its values a region. False for other types.
  bool add_fact(Fact f) {
    const FactInfo& fi = info(f);
    if (fi.type != FactType::boolean && fi.type != FactType::enumeration) return false;
    ColumnIndex c;
    c.fact = f;
    c.value_offset = static_cast<std::uint32_t>(static_cast<std::size_t>(f) * sizeof(Value));
    c.mode = ColumnIndex::Mode::by_value;
    c.raw_regions = fi.type == FactType::boolean ? 2u : static_cast<std::uint32_t>(fi.value_count);
    for (std::uint32_t v = 0; v < c.raw_regions; ++v) c.region_map.push_back(v);
    return add(c);
  }

  /// Orders the columns as lookups read them (by_value ones first) and sets each column's part
  /// of a combination's index; false when the combinations exceed `limit`.
  bool finish(std::size_t limit) {
    std::stable_partition(columns.begin(), columns.end(), [](const ColumnIndex& c) { return c.mode == ColumnIndex::Mode::by_value; });
    value_columns = 0;
    combinations = 1;
    for (ColumnIndex& c : columns) {
      const bool by_value = c.mode == ColumnIndex::Mode::by_value;
      value_columns += by_value;
      c.lookup_stride = static_cast<std::uint32_t>(combinations);
      c.lookup_offsets.clear();
      for (std::uint32_t raw = 0; raw < c.raw_regions; ++raw)
        c.lookup_offsets.push_back((by_value ? c.region_map[raw] : raw) * c.lookup_stride);
      c.unknown_offset = regions(c) * c.lookup_stride;
      combinations *= regions(c) + 1;  // and unknown
      if (combinations > limit) return false;
    }
    return true;
  }

  /// The combination `f` falls in, or -1 when a value lies outside the indexed domain: one read
  /// a column, as look_up reads a table's.
  long index(const FactFrame& f) const {
    std::size_t at = 0;
    const ColumnIndex* c = columns.data();
    const ColumnIndex* const values_end = c + value_columns;
    const ColumnIndex* const end = c + columns.size();
    for (; c != values_end; ++c) {
      const long offset = c->read_value(value_of(*c, f), c->lookup_offsets, c->unknown_offset);
      if (offset < 0) return -1;
      at += static_cast<std::size_t>(offset);
    }
    for (; c != end; ++c) {
      const long offset = c->lookup_offset(value_of(*c, f));
      if (offset < 0) return -1;
      at += static_cast<std::size_t>(offset);
    }
    return static_cast<long>(at);
  }

  /// Writes a representative of combination `at` into `f`. An unknown value of column k misses
  /// the input k alone (a marker), so that the missing inputs of an answer tell its columns.
  void represent(std::size_t at, FactFrame& f) const {
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const ColumnIndex& c = columns[k];
      const std::uint32_t region = static_cast<std::uint32_t>(at / c.lookup_stride % (regions(c) + 1));
      Value& v = f[c.fact];
      v = Value{};
      if (region == regions(c)) {
        v.missing.bits = std::uint64_t{1} << k;
        continue;
      }
      v.known = true;
      if (c.mode == ColumnIndex::Mode::by_value)
        v.i = std::find(c.region_map.begin(), c.region_map.end(), region) - c.region_map.begin();
      else if (c.mode == ColumnIndex::Mode::int_cuts) v.i = int_representative(c.int_cuts, region);
      else v.n = number_representative(c, region);
    }
  }

  /// The missing inputs of the unknown columns flagged in `markers`, read from `f`.
  MissingSet missing(std::uint64_t markers, const FactFrame& f) const {
    MissingSet m;
    for (; markers; markers &= markers - 1) m.add(f[columns[static_cast<std::size_t>(__builtin_ctzll(markers))].fact].missing);
    return m;
  }

 private:
  /// Regions of a column: by_value columns map their values to regions (region_map).
  static std::uint32_t regions(const ColumnIndex& c) { return c.mode == ColumnIndex::Mode::by_value ? c.regions : c.raw_regions; }

  /// Values of a by_value fact share a region when every table puts them in one region: the
  /// common refinement of the tables' region maps, over the values all of them index.
  static void refine_values(ColumnIndex& m, const ColumnIndex& c) {
    m.raw_regions = std::min(m.raw_regions, c.raw_regions);
    m.region_map.resize(m.raw_regions);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> seen;  // (old region, table's region), by new region
    for (std::uint32_t& region : m.region_map) {
      const std::pair<std::uint32_t, std::uint32_t> key{region, c.region_map[static_cast<std::size_t>(&region - m.region_map.data())]};
      auto it = std::find(seen.begin(), seen.end(), key);
      if (it == seen.end()) it = seen.insert(seen.end(), key);
      region = static_cast<std::uint32_t>(it - seen.begin());
    }
    m.regions = static_cast<std::uint32_t>(seen.size());
  }

  template <class T, class Less>
  static std::vector<T> merged(const std::vector<T>& a, const std::vector<T>& b, Less less) {
    std::vector<T> out;
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out), less);
    return out;
  }

  /// Region r holds the values from cut r-1 (inclusive) to cut r: its first value stands for it.
  static std::int64_t int_representative(const std::vector<std::int64_t>& cuts, std::uint32_t region) {
    if (region > 0) return cuts[region - 1];
    if (cuts.empty()) return 0;
    return cuts[0] > std::numeric_limits<std::int64_t>::min() ? cuts[0] - 1 : cuts[0];
  }

  /// Cut k (at/scale, least) holds the values p/q with p*scale - at*q >= least; over 2*scale, the
  /// value x/(2*scale) is at or above it exactly when x >= 2*at + least, so that each region's
  /// smallest such x stands for it (the cuts are distinct, so their thresholds are).
  static Number number_representative(const ColumnIndex& c, std::uint32_t region) {
    const auto threshold = [&](std::size_t k) { return 2 * c.number_cuts[k].at + c.number_cuts[k].least; };
    const std::int64_t x = region > 0 ? threshold(region - 1) : (c.number_cuts.empty() ? 0 : threshold(0) - 1);
    return Number{x, 2 * c.cut_scale};
  }

  /// Merges the number cuts of `c` into `m` over their least common scale.
  static bool add_number_cuts(ColumnIndex& m, const ColumnIndex& c) {
    constexpr std::int64_t widest = std::numeric_limits<std::int64_t>::max() / 4;  // 2*at + 1 and 2*scale fit
    if (m.number_cuts.empty()) m.cut_scale = c.cut_scale;
    std::int64_t scale;
    if (__builtin_mul_overflow(m.cut_scale / std::gcd(m.cut_scale, c.cut_scale), c.cut_scale, &scale) || scale > widest)
      return false;
    std::vector<ColumnIndex::NumberCut> mine, theirs;
    auto rescale = [&](const ColumnIndex& from, std::vector<ColumnIndex::NumberCut>& out) {
      for (const ColumnIndex::NumberCut& k : from.number_cuts) {
        std::int64_t at;
        if (__builtin_mul_overflow(k.at, scale / from.cut_scale, &at) || at > widest || at < -widest) return false;
        out.push_back({at, k.least});
      }
      return true;
    };
    if (!rescale(m, mine) || !rescale(c, theirs)) return false;
    auto less = [](const ColumnIndex::NumberCut& a, const ColumnIndex::NumberCut& b) {
      return a.at != b.at ? a.at < b.at : a.least < b.least;
    };
    m.number_cuts = merged(mine, theirs, less);
    m.cut_scale = scale;
    m.raw_regions = static_cast<std::uint32_t>(m.number_cuts.size()) + 1;
    std::uint64_t widest_at = 1;  // as cut_where_rows_change: the 64-bit path of a value
    for (const ColumnIndex::NumberCut& k : m.number_cuts)
      widest_at = std::max(widest_at, k.at < 0 ? 0 - static_cast<std::uint64_t>(k.at) : static_cast<std::uint64_t>(k.at));
    m.cut_den_limit = static_cast<std::int64_t>((std::numeric_limits<std::int64_t>::max() - 1) / widest_at);
    return true;
  }
};

/// Usable stage memos of this thread (see max_live_stage_memos).
inline int& live_stage_memos() {
  thread_local int live = 0;
  return live;
}

/// A stage's answers on one day by combination of the facts its tables read (see
/// stage_memo_builder.hpp), built for the days that evaluate many households.
template <class Outcome>
struct StageMemo {
  bool usable = false;
  MemoPartition partition;
  std::vector<Outcome> outcomes;  ///< per combination of the partition
  /// The warnings of the tables' versions that the stage notes, in its order.
  std::vector<std::pair<std::string_view, std::string_view>> warnings;

  void clear() {
    if (usable) --live_stage_memos();
    *this = StageMemo{};
  }
};

/// A fact a stage sets for later tables: known with a value, or unknown with the missing inputs
/// of the columns flagged in `markers`.
struct WrittenFact {
  bool known = false;
  std::int64_t i = 0;
  std::uint64_t markers = 0;

  /// The fact as the stage left it on a representative frame.
  static WrittenFact of(const Value& v) { return {v.known, v.i, v.missing.bits}; }
  /// Sets it in a household's frame `f` as the stage would (set_int, set_bool: the rest of the
  /// value is not read; unknown: the missing inputs of the marked columns).
  void write_to(Value& v, const MemoPartition& p, const FactFrame& f) const {
    v.known = known;
    if (known) v.i = i;
    else v.missing = p.missing(markers, f);
  }
};

/// The protections (evaluate_protections.hpp): the answer, its missing inputs as markers.
struct ProtectionsOutcome {
  Protections answer;  ///< without reasons
  WrittenFact winter_truce, cut_allowed;
};
using ProtectionsMemo = StageMemo<ProtectionsOutcome>;

/// The rights (rights_memo.hpp): the answers without reasons or ratios, their missing inputs
/// (and those of the facts they set) as markers.
struct RightsOutcome {
  TariffAnswer cheque, tpn, tss;
  std::vector<ExceptionalAnswer> exceptional;
  WrittenFact cheque_status, cheque_beneficiary, tpn_status, tss_status, social_tariff_beneficiary;
};
using RightsMemo = StageMemo<RightsOutcome>;

/// The contact route and its urgency (evaluate_orientation.hpp).
struct RouteOutcome {
  Route route = Route::letter;
  Urgency urgency = Urgency::normal;
  std::uint64_t missing = 0;  ///< markers
};
using RouteMemo = StageMemo<RouteOutcome>;

}  // namespace detail
}  // namespace v1
}  // namespace solen
