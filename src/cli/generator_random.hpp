// Random numbers and civil dates of the caseload generator: a splitmix64 stream with integer-only
// helpers and e^x from + - * / alone, so that every platform draws the same households.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

#include "solen/date.hpp"

namespace solen::gen {

constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(std::uint64_t state) : s_(state) {}
  std::uint64_t next() {
    s_ += 0x9e3779b97f4a7c15ull;
    return mix64(s_);
  }
  /// Uniform in [0, n) for n < 2^32 (multiply-shift; the bias is far below 2^-32).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }
  /// Uniform in [lo, hi] (inclusive).
  int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1))); }
  std::int64_t range64(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  /// True with probability per_mille / 1000.
  bool chance(std::uint32_t per_mille) { return below(1000) < per_mille; }
  /// Uniform double in [0, 1): exact conversion of 53 random bits.
  double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  /// Approximately standard normal (Irwin–Hall, 12 uniforms): only + and -, so deterministic.
  double normal() {
    double s = 0;
    for (int i = 0; i < 12; ++i) s += unit();
    return s - 6.0;
  }
  /// Index drawn from integer weights (any positive scale).
  template <std::size_t N>
  int pick(const std::uint32_t (&w)[N]) {
    std::uint32_t total = 0;
    for (std::uint32_t x : w) total += x;
    std::uint32_t r = below(total);
    for (std::size_t i = 0; i < N; ++i) {
      if (r < w[i]) return static_cast<int>(i);
      r -= w[i];
    }
    return static_cast<int>(N - 1);
  }

 private:
  std::uint64_t s_;
};

/// e^x with only + - * / and an exact power-of-two scaling: identical results everywhere.
inline double det_exp(double x) {
  constexpr double ln2 = 0.6931471805599453;
  if (x > 30) x = 30;
  if (x < -30) x = -30;
  int k = static_cast<int>(x / ln2 + (x >= 0 ? 0.5 : -0.5));
  double r = x - k * ln2;  // |r| <= ln2 / 2
  double term = 1, sum = 1;
  for (int n = 1; n < 18; ++n) {
    term = term * r / n;
    sum += term;
  }
  double p = 1;
  for (int i = 0; i < (k < 0 ? -k : k); ++i) p *= 2;
  return k < 0 ? sum / p : sum * p;
}

/// A log-normal amount in cents with the given median (euros) and shape sigma.
inline std::int64_t lognormal_cents(Rng& r, double median_euros, double sigma) {
  double v = median_euros * det_exp(sigma * r.normal()) * 100.0;
  return static_cast<std::int64_t>(v + 0.5);
}

// ---------------------------------------------------------------------------------------------
// Civil dates as days since 1970-01-01, over the engine's Julian-day conversions.

using Ymd = detail::CivilDate;
constexpr std::int64_t days_from_civil(int y, int m, int d) {
  return detail::jdn_from_civil(y, m, d) - detail::jdn_of_1970;
}
constexpr Ymd civil_from_days(std::int64_t z) { return detail::civil_from_jdn(z + detail::jdn_of_1970); }
inline Date date_of(std::int64_t days) { return Date::from_day_number(days + detail::jdn_of_1970); }
inline std::int64_t days_of(const Date& d) { return d.day_number() - detail::jdn_of_1970; }

/// `months` later keeping the day, clamped to the month end (as the engine's schedules do).
constexpr std::int64_t plus_months(std::int64_t days, int months) {
  const Ymd c = civil_from_days(days);
  const int total = c.year * 12 + (c.month - 1) + months;
  const int y = total / 12, m = total % 12 + 1;
  const int eom = detail::days_in_month(y, m);
  return days_from_civil(y, m, c.day < eom ? c.day : eom);
}

}  // namespace solen::gen
