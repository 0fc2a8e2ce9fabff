// Consumption units (UC) by rank scale: chèque énergie (R124-1) and CMU-C (R861-3) scales.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "solen/detail/ages.hpp"
#include "solen/detail/civil_days.hpp"
#include "solen/facts.hpp"
#include "solen/household.hpp"
#include "solen/rulepack.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

struct RankedMember {
  int order;         ///< 0 declarant, 1 spouse, 2 others
  int age;           ///< years at the date; -1 when unknown
  bool halved;       ///< minor in alternating custody
};

/// A household member as every scale sees it at one date (ages are computed once).
struct ScaleMember {
  int order;         ///< 0 declarant, 1 spouse, 2 others
  int age;           ///< years at the date; -1 when unknown
  bool alternating;  ///< alternating custody
  bool other_tax_household;
};

/// The members of `h` on the day `ages` was prepared for, in `out` (resized, capacity kept by
/// the caller).
inline void scale_members(const Household& h, const AgeThresholds& ages, std::vector<ScaleMember>& out) {
  out.resize(h.members.size());
  ScaleMember* m = out.data();
  for (const Member& x : h.members) {
    int age = x.age ? *x.age : -1;
    if (x.birth_date) age = ages.age(*x.birth_date);
    *m++ = {x.role == Role::declarant ? 0 : x.role == Role::spouse ? 1 : 2, age, x.alternating_custody,
            x.other_tax_household};
  }
}

/// Members for which a scale's totals are precomputed (the parser allows 100).
inline constexpr std::size_t max_uc_members = 128;

inline Number weight_at(const UcScale& s, std::size_t rank) {
  return s.weights[std::min(rank, s.weights.size() - 1)];
}

/// Exact running sum that reduces only when the denominator grows large: the weights of a
/// scale share small denominators, so a household's UC needs one reduction instead of one
/// gcd per member.
struct RationalSum {
  std::int64_t num = 0, den = 1;
  void add(Number w) {
    std::int64_t a, b, c, d;
    if (w.den == den && !__builtin_add_overflow(num, w.num, &c)) {
      num = c;
      return;
    }
    if (!__builtin_mul_overflow(num, w.den, &a) && !__builtin_mul_overflow(w.num, den, &b) &&
        !__builtin_add_overflow(a, b, &c) && !__builtin_mul_overflow(den, w.den, &d) && d < (std::int64_t{1} << 40)) {
      num = c;
      den = d;
      return;
    }
    const Number exact = reduce(wide(num) * w.den + wide(w.num) * den, wide(den) * w.den);
    num = exact.num;
    den = exact.den;
  }
  Number value() const { return Number::ratio(Number{num, den}, Number::integer(1)); }
};

/// UcScale::totals of `s`: the first n rank weights added up, for n = 0 .. max_uc_members.
inline std::vector<Number> scale_totals(const UcScale& s) {
  std::vector<Number> totals(1, Number::integer(0));
  RationalSum sum;
  for (std::size_t n = 1; n <= max_uc_members; ++n) {
    sum.add(weight_at(s, n - 1));
    totals.push_back(sum.value());
  }
  return totals;
}

/// The household's UC on scale `s`, counting the members for which `in_perimeter` holds.
/// Unknown (nullopt) when a missing age changes the result (rank order or minority).
/// Allocation-free for households of up to 128 members (the parser allows 100).
template <class InPerimeter>
std::optional<Number> consumption_units(const std::vector<ScaleMember>& members, const UcScale& s,
                                        InPerimeter in_perimeter) {
  auto halved = [](const ScaleMember& x) { return x.alternating && x.age < 18; };
  std::size_t n = 0;
  bool any_halved = false;
  for (const ScaleMember& x : members) {
    if (!in_perimeter(x)) continue;
    if (x.alternating && x.age < 0) return std::nullopt;  // minor or not: unknown
    any_halved = any_halved || halved(x);
    ++n;
  }
  if (n == 0) return std::nullopt;
  // Without a halved member every rank weighs in full: neither the order nor the ages matter.
  if (!any_halved && n < s.totals.size()) return s.totals[n];
  constexpr std::size_t inline_cap = 128;
  std::array<RankedMember, inline_cap> local;
  std::vector<RankedMember> heap;
  RankedMember* m = local.data();
  if (n > inline_cap) {
    heap.resize(n);
    m = heap.data();
  }
  n = 0;
  for (const ScaleMember& x : members)
    if (in_perimeter(x)) m[n++] = RankedMember{x.order, x.age, halved(x)};
  if (s.ranking == Ranking::openfisca_adjusted) {
    // n_adj = n - 0.5 × alternating minors, spread over the rank weights fractionally.
    Number n_adj{static_cast<std::int64_t>(n) * 2, 2};
    for (std::size_t i = 0; i < n; ++i) n_adj.num -= m[i].halved ? 1 : 0;
    Number total = Number::integer(0);
    for (std::size_t r = 0; Number::integer(static_cast<std::int64_t>(r)) < n_adj; ++r) {
      Number rest{n_adj.num - static_cast<std::int64_t>(r) * n_adj.den, n_adj.den};
      Number portion = rest > Number::integer(1) ? Number::integer(1) : rest;
      Number w = weight_at(s, r);
      total = Number::ratio(Number{total.num * w.den * portion.den + w.num * portion.num * total.den,
                                   total.den * w.den * portion.den}, Number::integer(1));
    }
    return total;
  }
  // Rank: declarant, spouse, then the others by decreasing age (insertion sort: tiny arrays).
  // Unknown ages are ranked first, then last: if the two totals differ, the UC is unknown.
  auto total_with_unknown = [&](int unknown_age) {
    for (std::size_t i = 1; i < n; ++i) {
      RankedMember x = m[i];
      int xa = x.age < 0 ? unknown_age : x.age;
      std::size_t j = i;
      for (; j > 0; --j) {
        const RankedMember& p = m[j - 1];
        int pa = p.age < 0 ? unknown_age : p.age;
        if (p.order < x.order || (p.order == x.order && pa >= xa)) break;
        m[j] = m[j - 1];
      }
      m[j] = x;
    }
    RationalSum sum;
    for (std::size_t r = 0; r < n; ++r) {
      Number w = weight_at(s, r);
      if (m[r].halved) w = Number{w.num * s.alternating_factor.num, w.den * s.alternating_factor.den};
      sum.add(w);
    }
    return sum.value();
  };
  Number first = total_with_unknown(1000);
  bool any_unknown = false;
  for (std::size_t i = 0; i < n; ++i) any_unknown = any_unknown || (m[i].order == 2 && m[i].age < 0);
  if (any_unknown && first != total_with_unknown(-1)) return std::nullopt;
  return first;
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
