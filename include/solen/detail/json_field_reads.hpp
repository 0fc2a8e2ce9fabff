// Typed reads of JSON values over a JsonReader: objects whose keys are a NameSet (unknown keys
// warned about, duplicates and missing required keys refused), bounded arrays, booleans,
// strings, codes, dates, enumerations, bounded integers, exact money and tax parts. Each read
// records a structured error with its path in the reader and returns false.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "solen/date.hpp"
#include "solen/detail/json_reader.hpp"
#include "solen/detail/plain_values.hpp"
#include "solen/household.hpp"
#include "solen/money.hpp"
#include "solen/number.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// The reads a mapper of JSON onto a model is built from (see HouseholdMapper).
class JsonFieldReads {
 protected:
  explicit JsonFieldReads(JsonReader& r) : r_(r) {}

  using sv = std::string_view;

  bool wrong(JsonKind k, sv message) {
    return k == JsonKind::invalid ? false : r_.fail("wrong_type", message);
  }

  /// Reads an object: known keys go to on_key(position, kind) unless null (null = absent);
  /// unknown keys are warned about and skipped; `required` positions must have a value.
  template <std::size_t N, class F>
  bool object(JsonKind k, const NameSet<N>& names, std::uint32_t required, F&& on_key) {
    static_assert(N <= 32, "one bit per key");
    if (k != JsonKind::object) return wrong(k, "must be an object");
    if (!r_.begin_object()) return false;
    std::uint32_t seen = 0, got = 0;
    bool has = false;
    for (;;) {
      int i = -1;
      if (!r_.next_member(names, i, has)) return false;
      if (!has) break;
      if (i < 0) {
        if (!r_.register_key()) return false;
        r_.warn("unknown_key", "unknown key ignored");
        if (!r_.skip_value()) return false;
        continue;
      }
      const std::uint32_t bit = 1u << i;
      if (seen & bit)
        return r_.fail("duplicate_key",
                       "this key appears more than once in the same object; keep only one");
      seen |= bit;
      const JsonKind v = r_.peek();
      if (v == JsonKind::invalid) return false;
      if (v == JsonKind::null) {
        if (!r_.read_literal(v)) return false;
        continue;
      }
      if (!on_key(i, v)) return false;
      got |= bit;
    }
    const std::uint32_t missing = required & ~got;
    for (std::size_t i = 0; i < N; ++i)
      if (missing & (1u << i))
        return r_.fail("missing_field", "this field is required; add it", 0, names.names[i]);
    return true;
  }

  /// Reads an array of at most `max` items, each given to on_item(kind).
  template <class F>
  bool array(JsonKind k, std::size_t max, sv code, F&& on_item) {
    if (k != JsonKind::array) return wrong(k, "must be an array");
    if (!r_.begin_array()) return false;
    std::size_t n = 0;
    bool has = false;
    for (;;) {
      if (!r_.next_element(has)) return false;
      if (!has) return true;
      if (n++ == max) {
        std::string m = "this list has more than " + std::to_string(max) + " items, the limit";
        return r_.fail(code, m, 1);
      }
      const JsonKind v = r_.peek();
      if (v == JsonKind::invalid || !on_item(v)) return false;
    }
  }

  bool get_bool(JsonKind k, bool& out) {
    if (k != JsonKind::true_ && k != JsonKind::false_) return wrong(k, "must be true or false");
    out = k == JsonKind::true_;
    return r_.read_literal(k);
  }
  bool get_bool(JsonKind k, std::optional<bool>& out) { return get_bool(k, out.emplace()); }

  bool get_string(JsonKind k, sv& out, sv message) {
    if (k != JsonKind::string) return wrong(k, message);
    return r_.read_string(out);
  }

  bool get_code(JsonKind k, Code& out) {
    sv s;
    if (!get_string(k, s, "must be a string")) return false;
    out = Code(s);
    return true;
  }

  bool get_date(JsonKind k, Date& out) {
    if (k == JsonKind::string) {
      if (const std::size_t n = plain_date(r_.rest(), out)) return r_.skip(n), true;
    }
    sv s;
    if (!get_string(k, s, "must be a date string written YYYY-MM-DD")) return false;
    const std::optional<Date> d = Date::parse(s);
    if (!d)
      return r_.fail("invalid_date",
                     "must be a real calendar date written YYYY-MM-DD, from 1900-01-01 to 2199-12-31");
    out = *d;
    return true;
  }
  bool get_date(JsonKind k, std::optional<Date>& out) { return get_date(k, out.emplace()); }

  template <class E, std::size_t N>
  bool get_enum(JsonKind k, E& out, const NameSet<N>& names) {
    int i = k == JsonKind::string ? r_.match_string(names) : -1;
    if (i >= 0) {
      out = static_cast<E>(i);
      return true;
    }
    sv s;  // escaped, misspelt or not a string: the slow way, for the exact error
    if (k == JsonKind::string && !r_.read_string(s)) return false;
    i = k == JsonKind::string ? names.find(s) : -1;
    if (i >= 0) {
      out = static_cast<E>(i);
      return true;
    }
    std::string m = "must be one of the strings (case-sensitive): ";
    for (std::size_t j = 0; j < N; ++j) (m += j ? ", " : "") += names.names[j];
    if (k == JsonKind::string) return r_.fail("invalid_value", m);
    return wrong(k, m);
  }
  template <class E, std::size_t N>
  bool get_enum(JsonKind k, std::optional<E>& out, const NameSet<N>& names) {
    return get_enum(k, out.emplace(), names);
  }

  /// A whole number in [lo, hi]; |lo|, |hi| < 2^62.
  bool get_int(JsonKind k, std::int64_t& out, std::int64_t lo, std::int64_t hi) {
    if (k != JsonKind::number) return wrong(k, "must be a whole number");
    if (const std::size_t n = plain_int(r_.rest(), lo, hi, out)) return r_.skip(n), true;
    sv raw;
    if (!r_.read_number(raw)) return false;
    if (raw.find_first_of(".eE") != sv::npos)
      return r_.fail("wrong_type", "must be a whole number, written without decimals or exponent");
    const bool neg = raw[0] == '-';
    std::uint64_t mag = 0;
    bool big = false;
    for (std::size_t i = neg ? 1 : 0; i < raw.size(); ++i) {
      if (mag >= (std::uint64_t{1} << 59)) big = true;  // far beyond every field's range
      else mag = mag * 10 + static_cast<unsigned>(raw[i] - '0');
    }
    const std::int64_t v = big ? 0 : (neg ? -static_cast<std::int64_t>(mag) : static_cast<std::int64_t>(mag));
    if (big || v < lo || v > hi) {
      std::string m = "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
      return r_.fail("out_of_range", m);
    }
    out = v;
    return true;
  }
  bool get_int(JsonKind k, int& out, int lo, int hi) {
    std::int64_t v = 0;
    if (!get_int(k, v, lo, hi)) return false;
    out = static_cast<int>(v);
    return true;
  }
  template <class T>
  bool get_int(JsonKind k, std::optional<T>& out, T lo, T hi) { return get_int(k, out.emplace(), lo, hi); }

  /// Euros as a decimal string or a JSON number, exact, at most two decimals, 0 to 10^9.
  bool get_money(JsonKind k, Money& out) {
    sv raw;
    if (k == JsonKind::string) {
      if (const std::size_t n = plain_money(r_.rest(), out)) return r_.skip(n), true;
      if (!r_.read_string(raw)) return false;
    } else if (k == JsonKind::number) {
      if (!r_.read_number(raw)) return false;
    } else {
      return wrong(k, "must be an amount in euros: a decimal string such as \"842.37\" or a number");
    }
    constexpr std::int64_t cap = 1'000'000'000;  // euros: anything above is absurd
    std::size_t i = 0, whole_digits = 0, frac_digits = 0;
    const bool neg = !raw.empty() && raw[0] == '-';
    if (neg) ++i;
    std::int64_t whole = 0, frac = 0;
    bool big = false, dot = false;
    auto digit = [&] { return i < raw.size() && raw[i] >= '0' && raw[i] <= '9'; };
    for (; digit(); ++i, ++whole_digits) {
      if (whole > cap) big = true;
      else whole = whole * 10 + (raw[i] - '0');
    }
    if (i < raw.size() && raw[i] == '.') {
      dot = true;
      for (++i; digit(); ++i, ++frac_digits)
        if (frac_digits < 2) frac = frac * 10 + (raw[i] - '0');
    }
    if (whole_digits == 0 || i != raw.size() || (dot && frac_digits == 0))
      return r_.fail("invalid_money",
                     "must be a decimal amount in euros such as 842.37: digits, an optional point "
                     "and two decimals, no exponent, spaces or currency sign");
    if (frac_digits > 2)
      return r_.fail("too_many_decimals", "an amount has at most two decimals (cents)");
    if (frac_digits == 1) frac *= 10;
    if (neg && (whole != 0 || frac != 0))
      return r_.fail("out_of_range", "must not be negative");
    if (big || whole > cap || (whole == cap && frac != 0))
      return r_.fail("out_of_range", "is above 1,000,000,000 euros; check the amount");
    out = Money::from_cents(whole * 100 + frac);
    return true;
  }
  bool get_money(JsonKind k, std::optional<Money>& out) { return get_money(k, out.emplace()); }

  /// Tax parts: a JSON number, a multiple of 0.25 in (0, 50].
  bool get_tax_parts(JsonKind k, std::optional<Number>& out) {
    if (k != JsonKind::number) return wrong(k, "must be a number such as 2.5");
    sv raw;
    if (!r_.read_number(raw)) return false;
    if (raw.find_first_of("eE") != sv::npos)
      return r_.fail("invalid_value", "must be a plain decimal number such as 2.5, without exponent");
    const char* const range = "must be a multiple of 0.25 from 0.25 to 50";
    if (raw[0] == '-') return r_.fail("out_of_range", range);
    const std::size_t dot = raw.find('.');
    const sv whole_text = raw.substr(0, dot);
    sv frac = dot == sv::npos ? sv() : raw.substr(dot + 1);
    while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
    const int quarter = frac.empty() ? 0 : frac == "25" ? 1 : frac == "5" ? 2 : frac == "75" ? 3 : -1;
    if (quarter < 0 || whole_text.size() > 2) return r_.fail("out_of_range", range);
    std::int64_t whole = 0;
    for (char c : whole_text) whole = whole * 10 + (c - '0');
    const std::int64_t q = whole * 4 + quarter;
    if (q < 1 || q > 200) return r_.fail("out_of_range", range);
    const std::int64_t g = q % 4 == 0 ? 4 : q % 2 == 0 ? 2 : 1;
    out = Number{q / g, 4 / g};
    return true;
  }

  JsonReader& r_;
};

}  // namespace detail
}  // namespace v1
}  // namespace solen
