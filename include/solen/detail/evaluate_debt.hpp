// Stage 2 of an evaluation: the debt schedule (CME or supplier plan) and an existing plan.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "solen/detail/evaluate_rights.hpp"
#include "solen/schedule.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

inline void cite_label(std::vector<Reason>& out, const Label& l) {
  out.push_back(Reason{l.id, l.text, l.reference, {}});
}

inline void evaluate_debt(const Household& h, StageContext& c, Decision& d) {
  const CompiledPack& p = c.pack;
  FactFrame& f = c.frame;
  ScheduleAnswer& s = d.schedule;
  set_int(f, Fact::schedule_kind, 0);
  f[Fact::schedule_affordable].known = false;
  f[Fact::schedule_affordable].missing = MissingSet{};

  const Value& principal = f[Fact::debt_principal];
  if (h.has_debt && principal.known && principal.n > Number::integer(0)) {
    s.present = true;
    s.debt = *h.debt.amount;
    std::int64_t ded = 0;
    for (const Deduction& x : h.debt.deductions) ded += x.amount.cents();
    s.deductions = Money::from_cents(ded);
    const Value& conv = f[Fact::debt_convention_supplier];
    s.kind = conv.known && conv.i ? PlanKind::cme : PlanKind::supplier_plan;
    if (!conv.known) s.missing.add(conv.missing);
    const DayParameters& day = c.plan.parameters();
    const auto* policy = s.kind == PlanKind::cme ? day.cme_policy : day.supplier_plan_policy;
    Money amount = Money::from_cents(principal.n.num * 100 / principal.n.den);
    if (policy) {
      s.plan = make_schedule(amount, h.debt.signed_on.value_or(c.date), policy->value);
      set_int(f, Fact::schedule_kind, s.kind == PlanKind::cme ? 1 : 2);
      if (c.reasons)
        cite_label(s.reasons, p.label(s.kind == PlanKind::cme ? LabelKey::schedule_cme : LabelKey::schedule_supplier_plan));
    } else {
      s.present = false;  // no plan rule in force at that date
    }
    // Affordability: (regular instalment + current energy instalments) / monthly resources.
    const auto* max_rate = day.max_effort_rate;
    std::optional<Money> current = h.electricity.monthly_instalment;
    if (current && h.gas.monthly_instalment) current = *current + *h.gas.monthly_instalment;
    if (s.present && max_rate && current && h.monthly_resources && h.monthly_resources->cents() > 0) {
      std::int64_t monthly = s.plan.regular.cents() + current->cents();
      s.effort_rate = Number::fraction(Number::integer(monthly), Number::integer(h.monthly_resources->cents()));
      s.affordable = *s.effort_rate <= max_rate->value;
      set_bool(f, Fact::schedule_affordable, *s.affordable);
      if (c.reasons)
        cite_label(s.reasons, p.label(*s.affordable ? LabelKey::schedule_affordable : LabelKey::schedule_unaffordable));
    } else if (s.present) {
      if (!current) s.missing.add(Input::electricity_instalment);
      if (!h.monthly_resources) s.missing.add(Input::monthly_resources);
      f[Fact::schedule_affordable].missing = s.missing;
    }
  }

  set_int(f, Fact::plan_status, 0);
  if (h.has_plan) {
    ExistingPlanAnswer& e = d.existing_plan;
    const DayParameters& day = c.plan.parameters();
    const auto* policy = h.plan.kind == PlanKind::cme ? day.cme_policy : day.supplier_plan_policy;
    const auto* lapse = day.lapse_after_missed;
    const auto* grace = day.grace_days;
    if (policy && lapse && grace) {
      e.present = true;
      e.assessment = assess_plan(h.plan, c.date, policy->value, static_cast<int>(lapse->value),
                                 static_cast<int>(grace->value));
      set_int(f, Fact::plan_status, 1 + static_cast<std::int64_t>(e.assessment.status));
      if (c.reasons) {
        static constexpr LabelKey keys[] = {LabelKey::plan_on_track, LabelKey::plan_late,
                                            LabelKey::plan_lapsed, LabelKey::plan_completed};
        cite_label(e.reasons, p.label(keys[static_cast<int>(e.assessment.status)]));
      }
      PlanStatus st = e.assessment.status;
      if ((st == PlanStatus::late || st == PlanStatus::lapsed) && e.assessment.remaining.cents() > 0) {
        e.has_reschedule = true;
        e.reschedule = make_schedule(e.assessment.remaining, c.date, policy->value);
      }
    }
  }
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
