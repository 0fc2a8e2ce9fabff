// Stage 1 of an evaluation, continued: the protections the rights bring (winter truce, cuts,
// notices, rebates) on the evaluation date and at a cut notice's date.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>

#include "solen/detail/evaluate_rights.hpp"
#include "solen/detail/stage_memo_builder.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// The protections on the evaluation date, from the tables; sets the winter truce and whether a
/// cut is allowed in `c.frame` for the tables read after them.
inline void decide_protections(StageContext& c, Protections& pr) {
  const CompiledPack& p = c.pack;
  auto single = [&](const Table* t, auto&& store, Fact fact_out) {
    TableResult r = c.decide(*t);
    cite_version_warning(r, c.warnings);
    if (r.kind == TableResult::hit) {
      const OutputValue& o = r.rule->outputs[static_cast<std::size_t>(t->role_col[0])];
      if (!o.is_null) store(o.i);
      if (fact_out != Fact::count) {
        if (o.is_null) {
          c.frame[fact_out].known = false;
          c.frame[fact_out].missing = r.missing;
        } else {
          set_int(c.frame, fact_out, o.i);
        }
      }
      if (c.reasons) cite(pr.reasons, *t, *r.rule, c.frame);
    } else {
      pr.missing.add(r.missing);
      if (fact_out != Fact::count) {
        c.frame[fact_out].known = false;
        c.frame[fact_out].missing = r.missing;
      }
    }
  };
  single(p.truce, [&](std::int64_t v) { pr.winter_truce = v != 0; }, Fact::winter_truce);
  single(p.cut, [&](std::int64_t v) { pr.cut_allowed = v != 0; }, Fact::cut_allowed);
  single(p.power_reduction, [&](std::int64_t v) { pr.power_reduction_allowed = v != 0; }, Fact::count);
  single(p.notice, [&](std::int64_t v) { pr.notice_days = static_cast<int>(v); }, Fact::count);
  single(p.reduced_power, [&](std::int64_t v) { pr.reduced_power_min_kva = static_cast<int>(v); }, Fact::count);
  single(p.cut_delay, [&](std::int64_t v) { pr.days_at_1kva_before_cut = static_cast<int>(v); }, Fact::count);
  TableResult rb = c.collect(*p.rebates);
  pr.missing.add(rb.missing);
  const int rebate_col = p.rebates->role_col[0];
  c.collected.for_each([&](const Rule& row) {
    std::string_view code = row.outputs[static_cast<std::size_t>(rebate_col)].text;
    if (std::find(pr.rebates.begin(), pr.rebates.end(), code) == pr.rebates.end()) pr.rebates.push_back(code);
    if (c.reasons) cite(pr.reasons, *p.rebates, row, c.frame);
  });
}

/// Builds the protections memo of `plan`'s day `d` (see build_stage_memo).
inline void build_protections_memo(const CompiledPack& p, Date d, DayPlan& plan, const FactFrame& day_frame) {
  const std::vector<MemoStep> steps = {{p.truce, Fact::winter_truce}, {p.cut, Fact::cut_allowed}, {p.power_reduction},
                                       {p.notice}, {p.reduced_power}, {p.cut_delay}, {p.rebates}};
  build_stage_memo(plan.protections_memo(), p, d, plan, day_frame, steps, [](StageContext& sc, ProtectionsOutcome& o) {
    decide_protections(sc, o.answer);
    for (auto [fact, out] : {std::pair{Fact::winter_truce, &o.winter_truce}, std::pair{Fact::cut_allowed, &o.cut_allowed}})
      *out = WrittenFact::of(sc.frame[fact]);
  });
}

/// The protections from the day's memo; false when a fact lies outside the memo's domain.
inline bool protections_from_memo(const ProtectionsMemo& m, StageContext& c, Protections& pr) {
  const ProtectionsOutcome* o = memo_entry(m, c);
  if (!o) return false;
  SOLEN_DETAIL_CHECK_CLEARED(Protections, 88);
  const Protections& a = o->answer;
  pr.winter_truce = a.winter_truce;
  pr.cut_allowed = a.cut_allowed;
  pr.power_reduction_allowed = a.power_reduction_allowed;
  pr.notice_days = a.notice_days;
  pr.reduced_power_min_kva = a.reduced_power_min_kva;
  pr.days_at_1kva_before_cut = a.days_at_1kva_before_cut;
  pr.rebates.assign(a.rebates.begin(), a.rebates.end());
  pr.missing.add(m.partition.missing(a.missing.bits, c.frame));
  for (auto [fact, in] : {std::pair{Fact::winter_truce, &o->winter_truce}, std::pair{Fact::cut_allowed, &o->cut_allowed}})
    in->write_to(c.frame[fact], m.partition, c.frame);
  return true;
}

/// Whether a cut would be lawful on the date of the household's cut notice: the truce and the
/// cut tables again at that date.
inline void check_cut_at_notice(Date notice, StageContext& c) {
  const CompiledPack& p = c.pack;
  Value saved_date = c.frame[Fact::date], saved_md = c.frame[Fact::month_day],
        saved_truce = c.frame[Fact::winter_truce];
  set_date_facts(c.frame, notice);
  TableResult t = evaluate_table(*p.truce, notice, c.frame);
  if (t.kind == TableResult::hit) set_int(c.frame, Fact::winter_truce, t.rule->outputs[static_cast<std::size_t>(p.truce->role_col[0])].i);
  else c.frame[Fact::winter_truce].known = false;
  TableResult k = evaluate_table(*p.cut, notice, c.frame);
  c.frame[Fact::date] = saved_date;
  c.frame[Fact::month_day] = saved_md;
  c.frame[Fact::winter_truce] = saved_truce;
  if (k.kind == TableResult::hit)
    set_int(c.frame, Fact::cut_allowed_at_notice, k.rule->outputs[static_cast<std::size_t>(p.cut->role_col[0])].i);
  else {
    c.frame[Fact::cut_allowed_at_notice].known = false;
    c.frame[Fact::cut_allowed_at_notice].missing = k.missing;
  }
}

/// Protections at the evaluation date (from the day's memo when it has one and no reasons are
/// asked); also whether a cut would be allowed at the notice date.
inline void evaluate_protections(const Household& h, StageContext& c, Decision& d) {
  const ProtectionsMemo& m = c.plan.protections_memo();
  if (!m.usable || c.reasons || !protections_from_memo(m, c, d.protections)) decide_protections(c, d.protections);
  if (h.has_debt && h.debt.cut_notice_on) check_cut_at_notice(*h.debt.cut_notice_on, c);
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
