// Bitmap index of a decision table version: for each input column, the rows a value satisfies.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <boost/config.hpp>
#include <cstdint>
#include <vector>

#include "solen/facts.hpp"
#include "solen/number.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// One bit per row of a table version (bit i = row i).
using RowMask = std::uint64_t;
inline constexpr std::size_t max_indexed_rows = 64;
inline constexpr std::size_t max_indexed_columns = 64;

/// One constrained input column. Every cell of a column only compares its value with constants,
/// so the bounds of all its cells cut the value's domain into regions where each cell gives one
/// answer; the answers of every row are precomputed per region (or per enumeration value).
/// Evaluating a table is then one lookup per column and an AND of masks, instead of a scan of
/// every row's cells.
struct ColumnIndex {
  /// by_value: booleans, enumerations and small sets (the value is the raw region);
  /// int_cuts / number_cuts: ordered cuts, the intervals between them are the raw regions;
  /// by_code: the listed codes, then one raw region for any other code; scan: values outside
  /// the indexed domain. Raw regions with the same rows then share one region (region_map).
  enum class Mode : std::uint8_t { by_value, int_cuts, number_cuts, by_code, scan };
  Fact fact = Fact::date;
  std::uint16_t column = 0;
  /// Where the fact's value lies in a FactFrame (bytes): the hot loops read it without
  /// multiplying the fact by the size of a Value.
  std::uint32_t value_offset = 0;
  Mode mode = Mode::scan;
  std::uint32_t regions = 0;        ///< region_rows.size(), at hand for the evaluation
  std::uint32_t lookup_stride = 0;  ///< weight of this column's region in RowIndex::lookup
  /// A value's raw region is the number of cuts at or below it: int_cuts hold the first value
  /// of each interval, number_cuts a bound and whether the interval starts at it or just above.
  /// Number bounds are held as integers over the column's common denominator (cut_scale), so
  /// that a value p/q is placed by one product per cut: p/q >= at/scale <=> p*scale - at*q >= 0.
  struct NumberCut {
    std::int64_t at;     ///< the bound times cut_scale
    std::int64_t least;  ///< 0: values >= the bound; 1: values > the bound (p*scale - at*q >= least)
  };
  std::vector<std::int64_t> int_cuts;
  std::vector<NumberCut> number_cuts;
  std::int64_t cut_scale = 1;  ///< least common denominator of the number bounds
  /// Values of a denominator up to this have |at * den| + 1 within int64 for every cut.
  std::int64_t cut_den_limit = 0;
  std::vector<Code> codes;  ///< sorted
  std::vector<RowMask> region_rows;  ///< rows whose cell is satisfied, per region
  /// Raw region (a value, an interval between cuts, or a code) to region: raw regions with the
  /// same rows share one region, so that lookups over several columns stay small.
  std::vector<std::uint32_t> region_map;
  std::uint32_t raw_regions = 0;  ///< region_map.size(), at hand for the evaluation
  /// Lookups only: per raw region, its region * lookup_stride (the column's part of a lookup
  /// index, one read), and the same for an unknown value.
  std::vector<std::uint32_t> lookup_offsets;
  std::uint32_t unknown_offset = 0;
  RowMask constrained = 0;           ///< rows whose cell is not "-"
  RowMask unknown_yes = 0;           ///< rows an unknown value satisfies (null tests)
  RowMask unknown_maybe = 0;         ///< rows an unknown value leaves undecided

  /// Index into region_rows of a known value, or -1 when the column must be scanned.
  long region_of(const Value& v) const { return read_known(v, region_map); }

  /// Region of a value in a lookup: an unknown value is the region after the last; -1 when the
  /// column must be scanned.
  long lookup_region(const Value& v) const { return read(v, region_map, regions); }

  /// This column's part of a lookup index (see lookup_offsets), or -1 when it must be scanned.
  long lookup_offset(const Value& v) const { return read(v, lookup_offsets, unknown_offset); }

  /// `table` at the value's raw region, `unknown` for an unknown value, -1 out of the domain.
  long read(const Value& v, const std::vector<std::uint32_t>& table, std::uint32_t unknown) const {
    return v.known ? read_known(v, table) : static_cast<long>(unknown);
  }
  /// `table` at a known value's raw region, -1 out of the domain.
  long read_known(const Value& v, const std::vector<std::uint32_t>& table) const {
    const long raw = raw_region(v);
    return raw < 0 ? -1 : static_cast<long>(table[static_cast<std::size_t>(raw)]);
  }
  /// As read, for a by_value column (the value is its raw region): the whole read of most
  /// columns, without the switch on the mode. Lookups and row groups read them first for this.
  long read_value(const Value& v, const std::vector<std::uint32_t>& table, std::uint32_t unknown) const {
    if (!v.known) return static_cast<long>(unknown);
    const std::uint64_t raw = static_cast<std::uint64_t>(v.i);
    return raw < raw_regions ? static_cast<long>(table[static_cast<std::size_t>(raw)]) : -1;
  }

  /// The region a known value falls in before equal regions were merged (see region_map).
  long raw_region(const Value& v) const {
    switch (mode) {
      case Mode::by_value:
        return static_cast<std::uint64_t>(v.i) < raw_regions ? static_cast<long>(v.i) : -1;
      // Cuts are counted without a data-dependent branch per cut: on these small tables
      // mispredicted branches, not instructions, are most of the cost.
      case Mode::int_cuts: {
        long above = 0;
        for (const std::int64_t c : int_cuts) above += v.i >= c;
        return above;
      }
      case Mode::number_cuts: {
        long above = 0;
        std::int64_t scaled64;  // most values: every product fits in 64 bits
        if (v.n.den <= cut_den_limit && !__builtin_mul_overflow(v.n.num, cut_scale, &scaled64)) {
          for (const NumberCut& c : number_cuts) above += scaled64 >= c.at * v.n.den + c.least;
          return above;
        }
#ifdef BOOST_HAS_INT128
        using i128 = boost::int128_type;  // |p*scale|, |at*q| < 2^126: no overflow
        const i128 scaled = static_cast<i128>(v.n.num) * cut_scale;
        for (const NumberCut& c : number_cuts) above += scaled - static_cast<i128>(c.at) * v.n.den >= c.least;
#else
        for (const NumberCut& c : number_cuts) above += compare(v.n, Number{c.at, cut_scale}) >= c.least;
#endif
        return above;
      }
      case Mode::by_code: {
        auto it = std::lower_bound(codes.begin(), codes.end(), v.code);
        return it != codes.end() && *it == v.code ? static_cast<long>(it - codes.begin())
                                                  : static_cast<long>(codes.size());
      }
      case Mode::scan:
        break;
    }
    return -1;
  }
};

/// Facts that depend only on the evaluation date: their columns are matched once per day.
inline bool date_fact(Fact f) { return f == Fact::date || f == Fact::month_day; }

/// The answer of a table version to one combination of its columns' regions (see
/// table_lookup.hpp). `kind` is a TableResult::Kind. Eight bytes, so that large lookups stay
/// in cache.
struct LookupEntry {
  std::uint32_t rows = 0;  ///< single hit: the deciding row's bit (or 0); collect: the matching rows
  std::uint16_t missing_columns = 0;  ///< household columns whose missing inputs are reported
  std::uint8_t kind = 0;
};

/// Versions with more region combinations or rows are matched column by column instead.
inline constexpr std::size_t max_lookup_entries = std::size_t{1} << 16;
inline constexpr std::size_t max_lookup_rows = 32;

/// Rows of a row group that a value combination satisfies, or leaves undecided (bit i: row
/// first_row + i). Eight bytes: the entries of large groups are read from L2, not L1.
struct RowsEntry {
  std::uint32_t yes = 0, maybe = 0;
};
inline constexpr std::size_t max_group_rows = 32;

/// One column of a row group as the evaluation reads it: the column's share of the group's
/// entry index for each raw region (region * stride) and for an unknown value, as
/// lookup_offsets are for a lookup.
struct GroupRead {
  std::uint16_t column = 0;  ///< position in RowIndex::columns
  std::uint32_t unknown_offset = 0;
  std::vector<std::uint32_t> offsets;
};

/// Some rows of a collect table (within max_group_rows of the first) and the household columns
/// they read, answered for every combination of those columns' regions (see table_lookup.hpp).
struct RowGroup {
  struct Term {
    std::uint16_t column;  ///< position in RowIndex::columns
    std::uint32_t stride;
  };
  std::vector<Term> terms;  ///< in column order: by_value columns first
  /// reads[i] reads terms[i]; the first value_reads are by_value columns.
  std::vector<GroupRead> reads;
  std::size_t value_reads = 0;
  std::vector<RowsEntry> entries;
  std::uint8_t first_row = 0;
};

/// What a version gives on every day of one combination of its date columns' regions: the rows
/// they allow and, for versions that read the day alone, the deciding row (see day_plan.hpp).
struct DatePlan {
  RowMask rows = 0;
  std::int16_t rule = -1;  ///< deciding row of an answered version, or -1
  std::int16_t columns = -1;  ///< index into RowIndex::day_columns, or -1: every column is read
  std::uint8_t kind = 0;   ///< TableResult::Kind of an answered version
};

/// Combinations per row group: groups stay small enough to be built and cached cheaply.
inline constexpr std::size_t max_group_entries = std::size_t{1} << 12;

struct RowIndex {
  bool usable = false;  ///< false: too many rows or columns; the version is scanned row by row
  RowMask all = 0;
  std::vector<ColumnIndex> date_columns;  ///< constrained columns of date facts
  /// The other constrained columns, by_value ones first: lookups and row groups read those in
  /// a loop of their own, without the switch on the mode.
  std::vector<ColumnIndex> columns;
  std::size_t value_columns = 0;  ///< the leading by_value columns of `columns`
  /// Every combination of regions answered, indexed by the sum of region * lookup_stride over
  /// all columns (an unknown household value is the region after its last); empty when too large.
  std::vector<LookupEntry> lookup;
  /// Collect versions too large for one lookup: their rows split into groups, each looked up
  /// on its own columns (a collect table's rows match independently). Empty otherwise.
  std::vector<RowGroup> groups;
  /// Grouped versions: per row, the columns whose unknown value leaves it undecided (bit k:
  /// columns[k]), so that the missing inputs are looked for only where an undecided row reads.
  std::vector<std::uint64_t> unknown_columns;
  /// Per combination of the date columns' regions (the first column varying fastest), so that
  /// planning a day reads one entry instead of matching rows. Empty when too many.
  std::vector<DatePlan> date_plans;
  /// Lookups: the household columns that constrain some row of a date plan's rows, when
  /// others constrain none (their value cannot change the entry on those days, so they are
  /// not read), by_value ones first.
  struct DayColumns {
    RowMask rows = 0;
    std::vector<ColumnIndex> columns;
    std::uint32_t values = 0;
  };
  std::vector<DayColumns> day_columns;
};

}  // namespace detail
}  // namespace v1
}  // namespace solen
