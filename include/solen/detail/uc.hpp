// Consumption units (UC) by rank scale: chèque énergie (R124-1) and CMU-C (R861-3) scales.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <optional>
#include <vector>

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

inline Number weight_at(const UcScale& s, std::size_t rank) {
  return s.weights[std::min(rank, s.weights.size() - 1)];
}

/// Sum of the scale over members already ranked.
inline Number sum_ranked(const UcScale& s, const std::vector<RankedMember>& m) {
  Number total = Number::integer(0);
  for (std::size_t r = 0; r < m.size(); ++r) {
    Number w = weight_at(s, r);
    if (m[r].halved) w = Number{w.num * s.alternating_factor.num, w.den * s.alternating_factor.den};
    total = Number::ratio(Number{total.num * w.den + w.num * total.den, total.den * w.den}, Number::integer(1));
  }
  return total;
}

/// The household's UC on scale `s` at `date`, counting members for which `in_perimeter` holds.
/// Unknown (nullopt) when a missing age changes the result (rank order or minority).
template <class InPerimeter>
std::optional<Number> consumption_units(const Household& h, Date date, const UcScale& s,
                                        InPerimeter in_perimeter) {
  std::vector<RankedMember> m;
  m.reserve(h.members.size());
  for (const Member& x : h.members) {
    if (!in_perimeter(x)) continue;
    RankedMember r;
    r.order = x.role == Role::declarant ? 0 : x.role == Role::spouse ? 1 : 2;
    r.age = x.birth_date ? date.years_since(*x.birth_date) : x.age ? *x.age : -1;
    if (x.alternating_custody && r.age < 0) return std::nullopt;  // minor or not: unknown
    r.halved = x.alternating_custody && r.age < 18;
    m.push_back(r);
  }
  if (m.empty()) return std::nullopt;
  if (s.ranking == Ranking::openfisca_adjusted) {
    // n_adj = n - 0.5 × alternating minors, spread over the rank weights fractionally.
    Number n_adj = Number::integer(static_cast<std::int64_t>(m.size()) * 2);
    for (const RankedMember& r : m) n_adj.num -= r.halved ? 1 : 0;
    n_adj.den = 2;
    Number total = Number::integer(0);
    for (std::size_t r = 0; Number::integer(static_cast<std::int64_t>(r)) < n_adj; ++r) {
      Number rest = Number{n_adj.num - static_cast<std::int64_t>(r) * n_adj.den, n_adj.den};
      Number portion = rest > Number::integer(1) ? Number::integer(1) : rest;
      Number w = weight_at(s, r);
      Number add{w.num * portion.num, w.den * portion.den};
      total = Number::ratio(Number{total.num * add.den + add.num * total.den, total.den * add.den}, Number::integer(1));
    }
    return total;
  }
  auto rank = [&](bool unknown_oldest) {
    std::vector<RankedMember> v = m;
    std::stable_sort(v.begin(), v.end(), [&](const RankedMember& a, const RankedMember& b) {
      if (a.order != b.order) return a.order < b.order;
      int aa = a.age < 0 ? (unknown_oldest ? 1000 : -1) : a.age;
      int bb = b.age < 0 ? (unknown_oldest ? 1000 : -1) : b.age;
      return aa > bb;
    });
    return sum_ranked(s, v);
  };
  Number first = rank(true);
  if (first != rank(false)) return std::nullopt;
  return first;
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
