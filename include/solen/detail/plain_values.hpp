// Recognisers for the common spellings of dates, amounts and small integers in household JSON.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "solen/date.hpp"
#include "solen/detail/civil_days.hpp"
#include "solen/detail/name_set.hpp"
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

/// A small object of a known compact spelling (`{"on":"2024-01-09","amount":"38.15"}`) read
/// piece by piece from the unread input: each step checks one piece and the first mismatch
/// fails the rest, so a caller commits the values only when the whole object was recognised
/// (size() bytes) and otherwise leaves it to the general path, which reads it with its exact
/// errors and warnings. Lists of such objects (members, contacts, payments) are a third of a
/// household's values.
class PlainObject {
 public:
  explicit PlainObject(std::string_view in) : in_(in) {}

  /// Literal text: keys with their quotes and colon, ',' and the braces.
  template <std::size_t N>
  PlainObject& text(const char (&s)[N]) {
    ok_ = next_is(s);
    return *this;
  }
  /// Whether literal text comes next (consumed when it does), for an optional member.
  template <std::size_t N>
  bool next_is(const char (&s)[N]) {
    if (!ok_ || in_.size() - pos_ < N - 1 || std::memcmp(in_.data() + pos_, s, N - 1) != 0) return false;
    pos_ += N - 1;
    return true;
  }
  PlainObject& date(Date& out) { return step(ok_ ? plain_date(in_.substr(pos_), out) : 0); }
  PlainObject& money(Money& out) { return step(ok_ ? plain_money(in_.substr(pos_), out) : 0); }
  /// A string value spelling one of `names` plainly; `out` is its position.
  template <std::size_t N>
  PlainObject& name(const NameSet<N>& names, int& out) {
    if (!ok_ || pos_ >= in_.size() || in_[pos_] != '"') return step(0);
    const auto* p = reinterpret_cast<const unsigned char*>(in_.data()) + pos_;
    out = names.match(p + 1, p + (in_.size() - pos_));
    return step(out >= 0 ? names.len[out] + 2u : 0u);
  }
  /// Bytes of the whole object when every step matched, else 0.
  std::size_t size() const { return ok_ ? pos_ : 0; }

 private:
  PlainObject& step(std::size_t n) {
    ok_ = n != 0;
    pos_ += n;
    return *this;
  }
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace detail
}  // namespace v1
}  // namespace solen
