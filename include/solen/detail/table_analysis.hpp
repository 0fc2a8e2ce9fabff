// Static analysis of a decision table version: gaps (inputs no row covers) and overlaps (unique).
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "solen/decision_table.hpp"
#include "solen/issue.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// Representative values of one column: one per elementary region cut by the cells' bounds.
inline std::vector<Value> column_representatives(const Table& t, const TableVersion& v,
                                                 std::size_t col) {
  Fact fact = t.inputs[col];
  const FactInfo& fi = info(fact);
  std::vector<Value> reps;
  auto known = [] {
    Value x;
    x.known = true;
    return x;
  };
  bool constrained = false;
  for (const Rule& r : v.rules) constrained = constrained || !r.cells[col].any;
  if (!constrained) {
    reps.push_back(known());
    if (fi.type == FactType::date) reps.back().i = Date(2000, 1, 1).day_number();  // any real day
    return reps;
  }
  switch (fi.type) {
    case FactType::boolean:
      for (int b = 0; b < 2; ++b) reps.push_back(known()), reps.back().i = b;
      return reps;
    case FactType::enumeration:
      for (int b = 0; b < fi.value_count; ++b) reps.push_back(known()), reps.back().i = b;
      return reps;
    case FactType::set:
      for (int b = 0; b < (1 << fi.value_count); ++b) reps.push_back(known()), reps.back().i = b;
      return reps;
    case FactType::code: {
      for (const Rule& r : v.rules) {
        const Cell& c = r.cells[col];
        for (std::uint32_t k = c.first; k < c.first + c.count; ++k)
          if (v.atoms[k].op == AtomOp::code_eq) reps.push_back(known()), reps.back().code = v.atoms[k].code;
      }
      reps.push_back(known());
      reps.back().code = Code("\x01other");
      return reps;
    }
    default:
      break;
  }
  std::vector<Number> pts;
  for (const Rule& r : v.rules) {
    const Cell& c = r.cells[col];
    for (std::uint32_t k = c.first; k < c.first + c.count; ++k) {
      const Atom& a = v.atoms[k];
      if (a.op == AtomOp::null) continue;
      pts.push_back(a.a);
      if (a.op == AtomOp::interval) pts.push_back(a.b);
    }
  }
  std::sort(pts.begin(), pts.end());
  pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
  const bool integral = fi.type != FactType::number;
  Number lo = Number::integer(fi.min), hi = Number::integer(fi.max);
  const bool bounded = fi.type != FactType::date;
  std::vector<Number> cand;
  if (bounded) cand.push_back(lo);
  for (std::size_t i = 0; i < pts.size(); ++i) {
    cand.push_back(pts[i]);
    if (i == 0) cand.push_back(Number::ratio(Number{pts[i].num - pts[i].den, pts[i].den}, Number::integer(1)));
    if (i + 1 < pts.size()) {
      if (integral) {
        if (pts[i + 1].num - pts[i].num > 1) cand.push_back(Number::integer(pts[i].num + 1));
      } else {
        cand.push_back(Number::ratio(
            Number{pts[i].num * pts[i + 1].den + pts[i + 1].num * pts[i].den, pts[i].den * pts[i + 1].den},
            Number::integer(2)));
      }
    } else {
      cand.push_back(Number{pts[i].num + pts[i].den, pts[i].den});
    }
  }
  for (const Number& n : cand) {
    if (bounded && (n < lo || n > hi)) continue;
    Value x = known();
    if (integral) x.i = n.num; else x.n = n;
    reps.push_back(x);
  }
  return reps;
}

inline std::string describe(const Table& t, const FactFrame& f) {
  std::string s;
  for (Fact fact : t.inputs) {
    const Value& v = f[fact];
    const FactInfo& fi = info(fact);
    if (!s.empty()) s += ", ";
    s += std::string(fi.name) + " = ";
    switch (fi.type) {
      case FactType::number: s += v.n.to_decimal(); break;
      case FactType::boolean: s += v.i ? "true" : "false"; break;
      case FactType::enumeration: s += std::string(fi.values[v.i]); break;
      case FactType::date: {
        // Representatives just outside a bound may leave the calendar: say so rather than throw.
        const std::int64_t lo = Date(1400, 1, 1).day_number(), hi = Date(9999, 12, 31).day_number();
        if (v.i < lo || v.i > hi) s += "(a day outside the calendar)";
        else s += Date(boost::gregorian::date(static_cast<boost::gregorian::date::date_int_type>(v.i))).to_string();
        break;
      }
      case FactType::set: {
        s += "{";
        for (int b = 0; b < fi.value_count; ++b)
          if ((v.i >> b) & 1) s += std::string(fi.values[b]) + " ";
        s += "}";
        break;
      }
      case FactType::code: s += "(a listed or other code)"; break;
      default: s += std::to_string(v.i); break;
    }
  }
  return s;
}

/// Appends gap and overlap problems of `v` to `issues`. Collect tables may leave gaps.
inline void analyse_version(const Table& t, const TableVersion& v, std::vector<Issue>& issues,
                            std::size_t max_combinations = 400000) {
  if (v.rules.empty()) {
    issues.push_back({"empty_table", v.path + "/rules", "table version has no rule"});
    return;
  }
  std::vector<std::vector<Value>> reps;
  std::size_t combos = 1;
  for (std::size_t c = 0; c < t.inputs.size(); ++c) {
    reps.push_back(column_representatives(t, v, c));
    combos *= reps.back().size();
    if (combos > max_combinations) return;  // too large to enumerate; validated by tests instead
  }
  FactFrame frame;
  std::vector<std::size_t> idx(t.inputs.size(), 0);
  int gaps = 0, overlaps = 0;
  for (std::size_t n = 0; n < combos; ++n) {
    for (std::size_t c = 0; c < t.inputs.size(); ++c) frame[t.inputs[c]] = reps[c][idx[c]];
    const Rule* first = nullptr;
    const Rule* second = nullptr;
    MissingSet miss;
    for (const Rule& r : v.rules) {
      if (eval_rule(r, v.atoms.data(), frame, miss) != Tri::yes) continue;
      if (!first) first = &r;
      else if (!second) second = &r;
      if (second || t.hit != HitPolicy::unique) break;
    }
    if (!first && t.hit != HitPolicy::collect && gaps < 3) {
      ++gaps;
      issues.push_back({"table_gap", v.path + "/rules",
                        "no rule covers " + describe(t, frame)});
    }
    if (second && t.hit == HitPolicy::unique && overlaps < 3) {
      ++overlaps;
      issues.push_back({"table_overlap", second->path,
                        "rules '" + first->id + "' and '" + second->id +
                            "' both match under hit policy unique, e.g. at " + describe(t, frame)});
    }
    for (std::size_t c = 0; c < idx.size(); ++c) {
      if (++idx[c] < reps[c].size()) break;
      idx[c] = 0;
    }
  }
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
