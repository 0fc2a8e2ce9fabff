// Inline implementation of solen::Money (parsing, formatting, checked arithmetic).
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/multiprecision/cpp_int.hpp>
#include <stdexcept>

namespace solen {
inline namespace v1 {

inline Money Money::checked(std::int64_t c) {
  if (c > max_cents || c < -max_cents) throw std::overflow_error("money out of range");
  return Money(c);
}

inline Money Money::operator*(std::int64_t k) const {
  boost::multiprecision::int128_t wide = cents_;
  wide *= k;
  if (wide > max_cents || wide < -max_cents) throw std::overflow_error("money out of range");
  return Money(static_cast<std::int64_t>(wide));
}

inline std::optional<Money> Money::parse(std::string_view s) {
  bool negative = false;
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') {
    negative = true;
    ++i;
  }
  std::int64_t whole = 0;
  std::size_t digits = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) {
    if (whole > max_cents / 10) return std::nullopt;
    whole = whole * 10 + (s[i] - '0');
  }
  if (digits == 0) return std::nullopt;
  std::int64_t frac = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t fd = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++fd) {
      if (fd >= 2) return std::nullopt;  // money has cents, nothing finer
      frac = frac * 10 + (s[i] - '0');
    }
    if (fd == 0) return std::nullopt;
    if (fd == 1) frac *= 10;
  }
  if (i != s.size()) return std::nullopt;
  if (whole > max_cents / 100) return std::nullopt;
  std::int64_t c = whole * 100 + frac;
  if (c > max_cents) return std::nullopt;
  return Money(negative ? -c : c);
}

inline void Money::append_to(std::string& out) const {
  std::int64_t c = cents_;
  if (c < 0) {
    out.push_back('-');
    c = -c;
  }
  char buf[24];
  int n = 0;
  std::int64_t whole = c / 100;
  do {
    buf[n++] = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole != 0);
  while (n > 0) out.push_back(buf[--n]);
  out.push_back('.');
  out.push_back(static_cast<char>('0' + (c % 100) / 10));
  out.push_back(static_cast<char>('0' + c % 10));
}

inline std::string Money::to_string() const {
  std::string s;
  append_to(s);
  return s;
}

}  // namespace v1
}  // namespace solen
