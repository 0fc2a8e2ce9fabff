// Calendar fields <-> Julian day numbers in a few integer operations (H. Hinnant's algorithms),
// for the JSON hot paths where boost's checked conversions dominate.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

namespace solen {
inline namespace v1 {
namespace detail {

struct CivilDate {
  int year, month, day;
};

/// boost::gregorian day numbers are Julian day numbers; the algorithms count from 1970-01-01.
inline constexpr std::int64_t jdn_of_1970 = 2440588;

/// Neri and Schneider's Euclidean affine algorithm ("Euclidean affine functions and their
/// application to calendar algorithms", 2022): unsigned 32-bit multiplications and shifts only,
/// about a third of the instructions of the era/year-of-era form (ages are computed for every
/// member of every household). Valid for every date from year -32800 to year 2,900,000.
#if defined(__GNUC__)
[[gnu::always_inline]]  // a short dependency chain: inlined, it overlaps the work around it
#endif
constexpr CivilDate civil_from_jdn(std::int64_t jdn) {
  constexpr std::uint32_t shift_eras = 82;  // moves every supported date to positive days
  constexpr std::uint32_t offset = 719468 + 146097 * shift_eras;
  const std::uint32_t n = static_cast<std::uint32_t>(jdn - jdn_of_1970 + offset);  // days since 0000-03-01, shifted
  const std::uint32_t n1 = 4 * n + 3;
  const std::uint32_t century = n1 / 146097;
  const std::uint32_t day_of_century = n1 % 146097 / 4;
  const std::uint32_t n2 = 4 * day_of_century + 3;
  const std::uint64_t p2 = std::uint64_t{2939745} * n2;
  const std::uint32_t year_of_century = static_cast<std::uint32_t>(p2 >> 32);
  const std::uint32_t day_of_year = static_cast<std::uint32_t>(p2) / 2939745 / 4;  // from March 1st
  const std::uint32_t n3 = 2141 * day_of_year + 197913;
  const std::uint32_t month = n3 >> 16;  // 3..14
  const std::uint32_t day = (n3 & 0xffff) / 2141;
  const std::uint32_t january_or_february = day_of_year >= 306;
  return {static_cast<int>(100 * century + year_of_century + january_or_february) - static_cast<int>(400 * shift_eras),
          static_cast<int>(january_or_february ? month - 12 : month), static_cast<int>(day + 1)};
}

/// Julian day number of a valid date from year 1 on.
constexpr std::int64_t jdn_from_civil(int year, int month, int day) {
  const std::int64_t y = year - (month <= 2 ? 1 : 0);
  const std::int64_t era = y / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468 + jdn_of_1970;
}

constexpr int days_in_month(int year, int month) {
  if (month != 2) return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
}

static_assert(jdn_from_civil(2000, 1, 1) == 2451545, "boost's day number is the Julian day");
static_assert(civil_from_jdn(2451545).year == 2000 && civil_from_jdn(2451604).day == 29,
              "2000-02-29 round trip");

}  // namespace detail
}  // namespace v1
}  // namespace solen
