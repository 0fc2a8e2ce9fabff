// Stage 3 of an evaluation: one contact route, its urgency, and the measures with their place.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "solen/detail/evaluate_rights.hpp"
#include "solen/detail/stage_memo_builder.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// The contact route and its urgency, from the tables.
inline void decide_route(StageContext& c, Orientation& o) {
  const CompiledPack& p = c.pack;
  TableResult route = c.decide(*p.route);
  o.missing.add(route.missing);
  if (route.kind == TableResult::hit) {
    o.route = static_cast<Route>(route.rule->outputs[static_cast<std::size_t>(p.route->role_col[0])].i);
    if (c.reasons) cite(o.reasons, *p.route, *route.rule, c.frame);
  }
  TableResult urgency = c.decide(*p.urgency);
  o.missing.add(urgency.missing);
  if (urgency.kind == TableResult::hit) {
    o.urgency = static_cast<Urgency>(urgency.rule->outputs[static_cast<std::size_t>(p.urgency->role_col[0])].i);
    if (c.reasons) cite(o.reasons, *p.urgency, *urgency.rule, c.frame);
  }
}

/// Builds the route memo of `plan`'s day `d` (see build_stage_memo).
inline void build_route_memo(const CompiledPack& p, Date d, DayPlan& plan, const FactFrame& day_frame) {
  build_stage_memo(plan.route_memo(), p, d, plan, day_frame, {{p.route}, {p.urgency}}, [](StageContext& sc, RouteOutcome& out) {
    Orientation o;  // as reset before the stage
    decide_route(sc, o);
    out = {o.route, o.urgency, o.missing.bits};
  });
}

/// The route and urgency from the day's memo (`o` as reset); false when a fact lies outside the
/// memo's domain.
inline bool route_from_memo(const RouteMemo& m, StageContext& c, Orientation& o) {
  const RouteOutcome* r = memo_entry(m, c);
  if (!r) return false;
  o.route = r->route;
  o.urgency = r->urgency;
  o.missing.add(m.partition.missing(r->missing, c.frame));
  return true;
}

inline void evaluate_orientation(StageContext& c, Decision& d) {
  const CompiledPack& p = c.pack;
  Orientation& o = d.orientation;
  const RouteMemo& memo = c.plan.route_memo();
  if (!memo.usable || c.reasons || !route_from_memo(memo, c, o)) decide_route(c, o);
  TableResult m = c.collect(*p.measures);
  o.missing.add(m.missing);
  const std::size_t code_col = static_cast<std::size_t>(p.measures->role_col[0]);
  const std::size_t where_col = static_cast<std::size_t>(p.measures->role_col[1]);
  c.collected.for_each([&](const Rule& row) {
    MeasureCode code = static_cast<MeasureCode>(row.outputs[code_col].i);
    Measure* existing = nullptr;
    for (Measure& x : o.measures)
      if (x.code == code) existing = &x;
    if (!existing) {  // one entry per measure; further rows only add reasons
      o.measures.emplace_back();
      existing = &o.measures.back();
      existing->code = code;
      existing->where = row.outputs[where_col].text;
    }
    if (c.reasons) cite(existing->reasons, *p.measures, row, c.frame);
  });
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
