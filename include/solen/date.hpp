// Calendar dates: a thin wrapper over boost::gregorian::date with strict ISO parsing.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "solen/detail/civil_days.hpp"

namespace solen {
inline namespace v1 {

/// A civil date (no time zone). Trivially copyable, 4 bytes, ordered.
class Date {
 public:
  Date() : d_(1900, 1, 1) {}
  explicit Date(boost::gregorian::date d) : d_(d) {}
  Date(int y, int m, int day) : d_(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                                   static_cast<unsigned short>(day)) {}

  /// Strict "YYYY-MM-DD" between 1900-01-01 and 2199-12-31; nullopt for anything else,
  /// including impossible days such as 2016-02-30.
  static std::optional<Date> parse(std::string_view text);

  /// Year, month and day by integer arithmetic (boost's checked conversion is ~10x slower and
  /// sits on the evaluation hot path: ages, month counts, calendar facts).
  detail::CivilDate civil() const { return detail::civil_from_jdn(day_number()); }
  int year() const { return civil().year; }
  int month() const { return civil().month; }
  int day() const { return civil().day; }
  /// The date of a Julian day number (as returned by day_number()).
  static Date from_day_number(std::int64_t jdn) {
    static const boost::gregorian::date epoch(1970, 1, 1);
    return Date(epoch + boost::gregorian::date_duration(jdn - detail::jdn_of_1970));
  }
  /// Days since an epoch: differences of two dates are exact day counts.
  std::int64_t day_number() const { return static_cast<std::int64_t>(d_.day_number()); }
  const boost::gregorian::date& boost_date() const { return d_; }

  /// The date `months` later with the day of `anchor_day` kept, clamped to the month end:
  /// (31 Jan, +1) -> 28/29 Feb, (31 Jan, +2) -> 31 Mar.
  Date plus_months_clamped(int months, int anchor_day) const;
  Date plus_days(int days) const { return Date(d_ + boost::gregorian::date_duration(days)); }
  /// Whole calendar months from `earlier` to this date (floor), negative when earlier is later.
  int months_since(const Date& earlier) const;
  /// Age in whole years at this date of someone born on `birth`.
  int years_since(const Date& birth) const;

  std::string to_string() const;
  void append_to(std::string& out) const;

  friend bool operator==(const Date& a, const Date& b) { return a.d_ == b.d_; }
  friend bool operator!=(const Date& a, const Date& b) { return a.d_ != b.d_; }
  friend bool operator<(const Date& a, const Date& b) { return a.d_ < b.d_; }
  friend bool operator<=(const Date& a, const Date& b) { return a.d_ <= b.d_; }
  friend bool operator>(const Date& a, const Date& b) { return a.d_ > b.d_; }
  friend bool operator>=(const Date& a, const Date& b) { return a.d_ >= b.d_; }
  friend std::int64_t operator-(const Date& a, const Date& b) {
    return a.day_number() - b.day_number();
  }

 private:
  boost::gregorian::date d_;
};

inline std::optional<Date> Date::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, m, d;
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return std::nullopt;
  int eom = boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(y), static_cast<unsigned short>(m));
  if (d > eom) return std::nullopt;
  return Date(y, m, d);
}

inline Date Date::plus_months_clamped(int months, int anchor_day) const {
  const detail::CivilDate c = civil();
  int total = c.year * 12 + (c.month - 1) + months;
  int y = total / 12, m = total % 12 + 1;
  int eom = detail::days_in_month(y, m);
  return from_day_number(detail::jdn_from_civil(y, m, anchor_day < eom ? anchor_day : eom));
}

inline int Date::months_since(const Date& e) const {
  const detail::CivilDate t = civil(), o = e.civil();
  int m = (t.year - o.year) * 12 + (t.month - o.month);
  // A month is complete once the same day (or the clamped month end) is reached.
  if (m > 0 && e.plus_months_clamped(m, o.day) > *this) --m;
  if (m < 0 && e.plus_months_clamped(m, o.day) < *this) ++m;
  return m;
}

inline int Date::years_since(const Date& b) const {
  const detail::CivilDate t = civil(), o = b.civil();
  int y = t.year - o.year;
  if (t.month < o.month || (t.month == o.month && t.day < o.day)) --y;
  return y;
}

inline void Date::append_to(std::string& out) const {
  char buf[10];
  const detail::CivilDate c = civil();
  int y = c.year, m = c.month, d = c.day;
  buf[0] = static_cast<char>('0' + y / 1000);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + m / 10);
  buf[6] = static_cast<char>('0' + m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + d / 10);
  buf[9] = static_cast<char>('0' + d % 10);
  out.append(buf, 10);
}

inline std::string Date::to_string() const {
  std::string s;
  append_to(s);
  return s;
}

}  // namespace v1
}  // namespace solen
