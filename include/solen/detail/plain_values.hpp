// Recognisers for the common spellings of dates, amounts and small integers in household JSON.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "solen/date.hpp"
#include "solen/detail/civil_days.hpp"
#include "solen/money.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

// Each takes the unread input from the value on and returns how many bytes the value spans, or
// 0 for anything it does not fully vouch for, which the strict general path then reads and, if
// need be, rejects with its exact error. They only ever accept values that path accepts too.

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// "YYYY-MM-DD" (quotes included), a real day from 1900-01-01 to 2199-12-31.
inline std::size_t plain_date(std::string_view in, Date& out) {
  if (in.size() < 12 || in[0] != '"' || in[5] != '-' || in[8] != '-' || in[11] != '"') return 0;
  static constexpr std::size_t digits[] = {1, 2, 3, 4, 6, 7, 9, 10};
  for (std::size_t i : digits)
    if (!is_digit(in[i])) return 0;
  auto num = [&](std::size_t i) { return in[i] - '0'; };
  const int y = num(1) * 1000 + num(2) * 100 + num(3) * 10 + num(4);
  const int m = num(6) * 10 + num(7), d = num(9) * 10 + num(10);
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return 0;
  out = Date(boost::gregorian::date(
      static_cast<boost::gregorian::date::date_int_type>(jdn_from_civil(y, m, d))));
  return 12;
}

/// "842.37", "842.5" or "842" (quotes included), at most nine digits before the point.
inline std::size_t plain_money(std::string_view in, Money& out) {
  std::size_t i = 1;
  std::int64_t whole = 0, frac = 0;
  if (in.empty() || in[0] != '"') return 0;
  for (; i < in.size() && i <= 9 && is_digit(in[i]); ++i) whole = whole * 10 + (in[i] - '0');
  if (i == 1 || i >= in.size()) return 0;
  if (in[i] == '.') {
    const std::size_t dot = i++;
    for (; i < in.size() && i <= dot + 2 && is_digit(in[i]); ++i) frac = frac * 10 + (in[i] - '0');
    if (i == dot + 1 || i >= in.size()) return 0;
    if (i == dot + 2) frac *= 10;
  }
  if (in[i] != '"') return 0;
  out = Money::from_cents(whole * 100 + frac);
  return i + 1;
}

/// A JSON integer in [lo, hi] of at most nine digits, without sign, leading zero or fraction.
inline std::size_t plain_int(std::string_view in, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  std::size_t i = 0;
  std::int64_t v = 0;
  for (; i < in.size() && i < 9 && is_digit(in[i]); ++i) v = v * 10 + (in[i] - '0');
  if (i == 0 || i == in.size() || (in[0] == '0' && i > 1)) return 0;
  const char next = in[i];
  if (is_digit(next) || next == '.' || next == 'e' || next == 'E' || v < lo || v > hi) return 0;
  out = v;
  return i;
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
