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

/// Valid for every Julian day number from year 1 on (the engine's dates are 1900 to 2199).
constexpr CivilDate civil_from_jdn(std::int64_t jdn) {
  const std::int64_t z = jdn - jdn_of_1970 + 719468;  // days since 0000-03-01
  const std::int64_t era = z / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400) + (m <= 2 ? 1 : 0), m,
          static_cast<int>(doy - (153 * mp + 2) / 5 + 1)};
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
