// Exact numbers for rule evaluation: a rational num/den compared by 128-bit cross-multiplication.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "solen/money.hpp"

namespace solen {
inline namespace v1 {

/// An exact rational number. UC values, RFR/UC ratios, tax parts and every threshold of a rule
/// pack are Numbers, so "RFR/UC < 7 700" is decided as RFR × den < 7 700 × num, never in floats.
struct Number {
  std::int64_t num = 0;
  std::int64_t den = 1;  ///< always > 0

  static constexpr Number integer(std::int64_t v) { return Number{v, 1}; }
  static constexpr Number of(Money m) { return Number{m.cents(), 100}; }
  /// a / b for b > 0 (the caller checks b), reduced.
  static Number ratio(Number a, Number b);
  /// a / b for b > 0, not reduced when it fits: the same value as ratio(a, b) without its gcd
  /// and divisions, for values that are compared or rounded, never printed as they are.
  static Number fraction(Number a, Number b);
  /// Decimal text ("5600", "0.3", "-2", "1.25") with at most 9 decimals.
  static std::optional<Number> parse(std::string_view text);

  /// Three-way exact comparison: negative, zero or positive.
  friend int compare(const Number& a, const Number& b);
  friend bool operator==(const Number& a, const Number& b) { return compare(a, b) == 0; }
  friend bool operator!=(const Number& a, const Number& b) { return compare(a, b) != 0; }
  friend bool operator<(const Number& a, const Number& b) { return compare(a, b) < 0; }
  friend bool operator<=(const Number& a, const Number& b) { return compare(a, b) <= 0; }
  friend bool operator>(const Number& a, const Number& b) { return compare(a, b) > 0; }
  friend bool operator>=(const Number& a, const Number& b) { return compare(a, b) >= 0; }

  /// Rounded half away from zero to `decimals` places, with trailing zeros kept ("7179.49").
  std::string to_fixed(int decimals) const;
  /// Shortest exact decimal when the value has one within 9 places ("2.1", "1.25", "1"),
  /// otherwise to_fixed(4).
  std::string to_decimal() const;
  void append_fixed(std::string& out, int decimals) const;
  void append_decimal(std::string& out) const;
};

}  // namespace v1
}  // namespace solen

#include "solen/detail/number_impl.hpp"
