// Ages in whole years at one date, from birth day numbers, without a calendar conversion each.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <vector>

#include "solen/date.hpp"
#include "solen/detail/civil_days.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// The ages at one date (Date::years_since: one year less until the birthday), for the members
/// of a caseload aged on the same day: for each age A, the last birth day number aged A or more,
/// so that an age is a division and one comparison instead of a calendar conversion.
class AgeThresholds {
 public:
  static constexpr int max_age = 150;

  /// Prepares the ages at `d`.
  void reset(Date d) {
    today_ = d;
    day_ = d.day_number();
    last_birth_.resize(max_age + 2);
    const CivilDate t = d.civil();
    for (int a = 0; a <= max_age + 1; ++a) {  // (year - a, month, day), Feb 29 -> Feb 28
      const int y = t.year - a;
      const int day = t.day < days_in_month(y, t.month) ? t.day : days_in_month(y, t.month);
      last_birth_[a] = jdn_from_civil(y, t.month, day);
    }
  }

  /// The age at the prepared date of someone born on `birth`: today.years_since(birth).
  int age(Date birth) const {
    const std::int64_t b = birth.day_number();
    const std::int64_t* last = last_birth_.data();
    if (b > last[0] || b <= last[max_age + 1]) return today_.years_since(birth);  // unborn, or over 150
    // (day - b) / 366 is the age or one less: A years span at least 365 A days and fewer than
    // 366 (A + 1), and A / 366 < 1 below max_age.
    int a = static_cast<int>((day_ - b) / 366);
    return a + static_cast<int>(b <= last[a + 1]);
  }

 private:
  Date today_;
  std::int64_t day_ = 0;
  std::vector<std::int64_t> last_birth_;  ///< allocated by reset: unused day slots stay small
};

}  // namespace detail
}  // namespace v1
}  // namespace solen
