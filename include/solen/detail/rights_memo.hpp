// Stage 1 of an evaluation on a busy day: the rights answered from the day's memo (see
// stage_memo.hpp), or from the tables.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <vector>

#include "solen/detail/evaluate_rights.hpp"
#include "solen/detail/stage_memo_builder.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// Builds the rights memo of `plan`'s day `d` (see build_stage_memo). Not built when a scheme
/// that may apply caps its amount by a household fact (the TPN and TSS, before 2018).
inline void build_rights_memo(const CompiledPack& p, Date d, DayPlan& plan, const FactFrame& day_frame) {
  std::vector<MemoStep> steps;
  bool capped = false;
  auto scheme = [&](const Scheme& s) {  // a scheme out of force that day reads its in-force table alone
    const bool may_apply = plan.may_apply(s);
    for (const Table* t : {s.in_force, s.eligibility, s.amount})
      if (t && (t == s.in_force || may_apply)) steps.push_back({t});
    capped = capped || (s.cap && may_apply);
  };
  scheme(p.cheque);
  steps.push_back({nullptr, Fact::cheque_status});
  steps.push_back({nullptr, Fact::cheque_beneficiary, Fact::cheque_received});
  scheme(p.tpn);
  steps.push_back({nullptr, Fact::tpn_status});
  scheme(p.tss);
  steps.push_back({nullptr, Fact::tss_status});
  steps.push_back({nullptr, Fact::social_tariff_beneficiary});
  for (const Scheme* s : plan.exceptional()) scheme(*s);
  RightsMemo& m = plan.rights_memo();
  if (capped) return m.clear();
  build_stage_memo(m, p, d, plan, day_frame, steps, [](StageContext& sc, RightsOutcome& o) {
    auto decision = std::make_unique<Decision>();
    decide_rights(sc, *decision);
    o.cheque = decision->cheque_energie;
    o.tpn = decision->tpn;
    o.tss = decision->tss;
    o.exceptional = decision->exceptional;
    for (auto [fact, out] : {std::pair{Fact::cheque_status, &o.cheque_status}, std::pair{Fact::cheque_beneficiary, &o.cheque_beneficiary},
                             std::pair{Fact::tpn_status, &o.tpn_status}, std::pair{Fact::tss_status, &o.tss_status},
                             std::pair{Fact::social_tariff_beneficiary, &o.social_tariff_beneficiary}})
      *out = WrittenFact::of(sc.frame[fact]);
  });
}

/// The rights from the day's memo (`d` as reset); false when a fact lies outside its domain.
inline bool rights_from_memo(const RightsMemo& m, StageContext& c, Decision& d) {
  const RightsOutcome* o = memo_entry(m, c);
  if (!o) return false;
  for (auto [in, out] : {std::pair{&o->cheque, &d.cheque_energie}, std::pair{&o->tpn, &d.tpn}, std::pair{&o->tss, &d.tss}}) {
    SOLEN_DETAIL_CHECK_CLEARED(TariffAnswer, 128);
    out->status = in->status;
    out->amount = in->amount;
    out->reduction_rate = in->reduction_rate;
    out->missing = m.partition.missing(in->missing.bits, c.frame);
  }
  for (const ExceptionalAnswer& in : o->exceptional) {
    SOLEN_DETAIL_CHECK_CLEARED(ExceptionalAnswer, 72);
    d.exceptional.emplace_back();
    ExceptionalAnswer& out = d.exceptional.back();
    out.scheme = in.scheme;
    out.status = in.status;
    out.amount = in.amount;
    out.missing = m.partition.missing(in.missing.bits, c.frame);
  }
  for (auto [fact, in] : {std::pair{Fact::cheque_status, &o->cheque_status}, std::pair{Fact::cheque_beneficiary, &o->cheque_beneficiary},
                          std::pair{Fact::tpn_status, &o->tpn_status}, std::pair{Fact::tss_status, &o->tss_status},
                          std::pair{Fact::social_tariff_beneficiary, &o->social_tariff_beneficiary}})
    in->write_to(c.frame[fact], m.partition, c.frame);
  return true;
}

/// The rights to the tariffs at the evaluation date (from the day's memo when it has one and no
/// reasons are asked), with the consumption units and income ratios they were judged on.
inline void evaluate_rights(StageContext& c, Decision& d) {
  const RightsMemo& m = c.plan.rights_memo();
  if (!m.usable || c.reasons || !rights_from_memo(m, c, d)) decide_rights(c, d);
  show_ratios(c.frame, d);
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
