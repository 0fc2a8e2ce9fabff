// Inline implementation of solen::Number.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/multiprecision/cpp_int.hpp>
#include <stdexcept>

namespace solen {
inline namespace v1 {
namespace detail {
using wide = boost::multiprecision::int128_t;

/// Binary (Stein's) gcd: shifts and subtractions instead of Euclid's divisions, which cost
/// tens of cycles each and made reductions a visible share of an evaluation.
inline std::int64_t gcd64(std::int64_t a, std::int64_t b) {
  std::uint64_t u = a < 0 ? 0 - static_cast<std::uint64_t>(a) : static_cast<std::uint64_t>(a);
  std::uint64_t v = b < 0 ? 0 - static_cast<std::uint64_t>(b) : static_cast<std::uint64_t>(b);
  if (u == 0) return static_cast<std::int64_t>(v);
  if (v == 0) return static_cast<std::int64_t>(u);
  // Ratios pair a large numerator (cents) with a small denominator: one division brings the
  // larger operand down to the size of the smaller before the binary steps.
  if (u > v) u %= v;
  else v %= u;
  if (u == 0) return static_cast<std::int64_t>(v);
  if (v == 0) return static_cast<std::int64_t>(u);
  const int shift = __builtin_ctzll(u | v);
  u >>= __builtin_ctzll(u);
  do {
    v >>= __builtin_ctzll(v);
    const std::uint64_t lo = u < v ? u : v;  // conditional moves, not an unpredictable branch
    v = (u < v ? v : u) - lo;
    u = lo;
  } while (v != 0);
  return static_cast<std::int64_t>(u << shift);
}

inline Number reduce(wide n, wide d) {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  wide g = boost::multiprecision::gcd(n < 0 ? wide(-n) : n, d);
  if (g > 1) {
    n /= g;
    d /= g;
  }
  constexpr std::int64_t lim = std::numeric_limits<std::int64_t>::max();
  if (n > lim || n < -lim || d > lim) throw std::overflow_error("number out of range");
  return Number{static_cast<std::int64_t>(n), static_cast<std::int64_t>(d)};
}
}  // namespace detail

inline Number Number::ratio(Number a, Number b) {
  if (b.num == 0) throw std::domain_error("division by zero");
  std::int64_t n, d;
  if (!__builtin_mul_overflow(a.num, b.den, &n) && !__builtin_mul_overflow(a.den, b.num, &d) &&
      d != std::numeric_limits<std::int64_t>::min()) {
    if (d < 0) n = -n, d = -d;
    std::int64_t g = detail::gcd64(n, d);
    return g > 1 ? Number{n / g, d / g} : Number{n, d};
  }
  return detail::reduce(detail::wide(a.num) * b.den, detail::wide(a.den) * b.num);
}

inline Number Number::fraction(Number a, Number b) {
  std::int64_t n, d;
  if (b.num > 0 && !__builtin_mul_overflow(a.num, b.den, &n) && !__builtin_mul_overflow(a.den, b.num, &d))
    return Number{n, d};
  return ratio(a, b);
}

inline int compare(const Number& a, const Number& b) {
  if (a.den == b.den) return a.num < b.num ? -1 : (a.num > b.num ? 1 : 0);
  std::int64_t l, r;
  if (!__builtin_mul_overflow(a.num, b.den, &l) && !__builtin_mul_overflow(b.num, a.den, &r))
    return l < r ? -1 : (l > r ? 1 : 0);
  detail::wide wl = detail::wide(a.num) * b.den;  // exact whatever the magnitudes
  detail::wide wr = detail::wide(b.num) * a.den;
  return wl < wr ? -1 : (wl > wr ? 1 : 0);
}

inline std::optional<Number> Number::parse(std::string_view s) {
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  std::int64_t num = 0, den = 1;
  std::size_t digits = 0;
  constexpr std::int64_t lim = 100'000'000'000'000'000;  // 10^17 keeps ×10 safe
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) {
    if (num >= lim) return std::nullopt;
    num = num * 10 + (s[i] - '0');
  }
  if (digits == 0) return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t fd = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++fd) {
      if (fd >= 9 || num >= lim) return std::nullopt;
      num = num * 10 + (s[i] - '0');
      den *= 10;
    }
    if (fd == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return detail::reduce(negative ? -num : num, den);
}

inline void Number::append_fixed(std::string& out, int decimals) const {
  std::int64_t scale = 1;
  for (int k = 0; k < decimals; ++k) scale *= 10;
  std::int64_t n;
  char buf[48];
  int len = 0;
  bool neg = false;
  std::int64_t q;
  std::int64_t frac;
  if (!__builtin_mul_overflow(num, scale, &n) && n != std::numeric_limits<std::int64_t>::min()) {
    neg = n < 0;
    if (neg) n = -n;
    q = n / den;
    if ((n % den) * 2 >= den) ++q;  // half away from zero
    frac = q % scale;
    q /= scale;
  } else {
    detail::wide w = detail::wide(num) * scale;
    neg = w < 0;
    if (neg) w = -w;
    detail::wide wq = w / den;
    if ((w % den) * 2 >= den) ++wq;
    out += neg ? "-" : "";
    out += (wq / scale).str();
    if (decimals > 0) {
      std::string f = (wq % scale).str();
      out.push_back('.');
      out.append(static_cast<std::size_t>(decimals) - f.size(), '0');
      out += f;
    }
    return;
  }
  if (neg && (q != 0 || frac != 0)) out.push_back('-');
  do {
    buf[len++] = static_cast<char>('0' + q % 10);
    q /= 10;
  } while (q != 0);
  while (len > 0) out.push_back(buf[--len]);
  if (decimals > 0) {
    out.push_back('.');
    for (std::int64_t d = scale / 10; d > 0; d /= 10) out.push_back(static_cast<char>('0' + frac / d % 10));
  }
}

inline std::string Number::to_fixed(int decimals) const {
  std::string s;
  append_fixed(s, decimals);
  return s;
}

inline void Number::append_decimal(std::string& out) const {
  std::int64_t d = den;
  int places = 0;
  while (d % 10 == 0) {
    d /= 10;
    ++places;
  }
  // den = 2^a 5^b has an exact decimal expansion with max(a, b) places.
  while (d % 2 == 0 || d % 5 == 0) {
    if (d % 2 == 0) d /= 2; else d /= 5;
    ++places;
  }
  if (d != 1 || places > 9) {
    append_fixed(out, 4);
    return;
  }
  append_fixed(out, places);
}

inline std::string Number::to_decimal() const {
  std::string s;
  append_decimal(s);
  return s;
}

}  // namespace v1
}  // namespace solen
