// Exact money: signed integer cents with checked arithmetic and exact decimal parsing.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace solen {
inline namespace v1 {

/// An amount of euros held as integer cents. No binary floating point ever touches it.
class Money {
 public:
  /// Largest accepted magnitude: 10^13 € keeps every product used by the engine
  /// (amount × 20 × UC, amount × 10000) far inside 64 bits.
  static constexpr std::int64_t max_cents = 1'000'000'000'000'000;  // 10^13 euros

  constexpr Money() = default;
  static constexpr Money from_cents(std::int64_t c) { return Money(c); }
  static constexpr Money euros(std::int64_t e) { return Money(e * 100); }
  constexpr std::int64_t cents() const { return cents_; }

  friend constexpr bool operator==(Money a, Money b) { return a.cents_ == b.cents_; }
  friend constexpr bool operator!=(Money a, Money b) { return a.cents_ != b.cents_; }
  friend constexpr bool operator<(Money a, Money b) { return a.cents_ < b.cents_; }
  friend constexpr bool operator<=(Money a, Money b) { return a.cents_ <= b.cents_; }
  friend constexpr bool operator>(Money a, Money b) { return a.cents_ > b.cents_; }
  friend constexpr bool operator>=(Money a, Money b) { return a.cents_ >= b.cents_; }

  /// Checked arithmetic: results stay within ±max_cents or the call throws std::overflow_error.
  friend Money operator+(Money a, Money b) { return checked(a.cents_ + b.cents_); }
  friend Money operator-(Money a, Money b) { return checked(a.cents_ - b.cents_); }
  Money& operator+=(Money o) { return *this = *this + o; }
  Money& operator-=(Money o) { return *this = *this - o; }
  Money operator*(std::int64_t k) const;

  /// "842.37" -> 84237 cents. Accepts an optional '-', digits, and at most two decimals.
  /// Returns nullopt on syntax errors, more than two decimals, or magnitude above max_cents.
  static std::optional<Money> parse(std::string_view text);
  /// Always two decimals: "194.00", "-3.05".
  std::string to_string() const;
  /// Appends the two-decimal form to `out` without allocating beyond its growth.
  void append_to(std::string& out) const;

 private:
  constexpr explicit Money(std::int64_t c) : cents_(c) {}
  static Money checked(std::int64_t c);
  std::int64_t cents_ = 0;
};

}  // namespace v1
}  // namespace solen

#include "solen/detail/money_impl.hpp"
