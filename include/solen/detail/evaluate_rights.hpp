// Stage 1 of an evaluation: rights to the tariffs (schemes); the context every stage shares.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>

#include "solen/decision.hpp"
#include "solen/decision_table.hpp"
#include "solen/detail/fact_builder.hpp"
#include "solen/rulepack.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// Cites the deciding row of a table and the values of the table's inputs.
inline void cite(std::vector<Reason>& out, const Table& t, const Rule& r, const FactFrame& f) {
  Reason reason{r.id, r.label, r.reference, {}};
  reason.facts.reserve(t.inputs.size());
  for (std::size_t c = 0; c < t.inputs.size(); ++c)
    if (!r.cells[c].any) reason.facts.push_back(FactUse{t.inputs[c], f[t.inputs[c]]});
  out.push_back(std::move(reason));
}

/// Adds the warning of the deciding version once (the common case, no warning, stays inline).
inline void note_warning(std::string_view code, std::string_view message,
                         std::vector<std::pair<std::string_view, std::string_view>>& notes) {
  for (const auto& n : notes)
    if (n.first == code) return;
  notes.emplace_back(code, message);
}
inline void note_version_warning(const TableVersion& v,
                                 std::vector<std::pair<std::string_view, std::string_view>>& notes) {
  note_warning(v.warning_code, v.warning_message, notes);
}
inline void cite_version_warning(const TableResult& r,
                                 std::vector<std::pair<std::string_view, std::string_view>>& notes) {
  if (r.version && !r.version->warning_code.empty()) note_version_warning(*r.version, notes);
}

struct StageContext {
  const CompiledPack& pack;
  Date date;
  FactFrame& frame;
  bool reasons;
  std::vector<std::pair<std::string_view, std::string_view>>& warnings;
  std::vector<const Rule*>& rows;  ///< scratch for collect tables matched row by row
  const DayPlan& plan;             ///< the tables on `date`
  CollectedRows collected;         ///< the rows of the last collect table

  /// A single-hit table on the evaluation date.
  TableResult decide(const Table& t) { return evaluate_table(t, plan.of(t), frame); }
  /// A collect table on the evaluation date; the matching rows land in `collected`.
  TableResult collect(const Table& t) { return collect_table(t, plan.of(t), frame, rows, collected); }
};

/// in force? -> eligible? -> amount. Fills `a`; the status is three-valued plus not_in_force.
inline void evaluate_scheme(const Scheme& s, StageContext& c, TariffAnswer& a) {
  TableResult in = c.decide(*s.in_force);
  cite_version_warning(in, c.warnings);
  if (in.kind == TableResult::hit && c.reasons) cite(a.reasons, *s.in_force, *in.rule, c.frame);
  if (in.kind == TableResult::undetermined) {
    a.status = TariffStatus::to_verify;
    a.missing.add(in.missing);
    return;
  }
  if (in.kind != TableResult::hit || in.rule->outputs[static_cast<std::size_t>(s.in_force->role_col[0])].i == 0) {
    a.status = TariffStatus::not_in_force;
    a.amount = Money();
    return;
  }
  bool eligible_by_table = false;
  if (s.eligibility) {
    TableResult e = c.decide(*s.eligibility);
    cite_version_warning(e, c.warnings);
    if (e.kind == TableResult::undetermined) {
      a.status = TariffStatus::to_verify;
      a.missing.add(e.missing);
      return;
    }
    if (e.kind == TableResult::hit && c.reasons) cite(a.reasons, *s.eligibility, *e.rule, c.frame);
    if (e.kind != TableResult::hit || e.rule->outputs[static_cast<std::size_t>(s.eligibility->role_col[0])].i == 0) {
      a.status = TariffStatus::not_eligible;
      a.amount = Money();
      return;
    }
    eligible_by_table = true;
  }
  if (!s.amount) {
    a.status = TariffStatus::eligible;
    return;
  }
  const int amount_col = s.amount->role_col[0];
  const int rate_col = s.amount->role_col[1];
  TableResult r;
  std::int64_t cents = 0;
  bool any_amount = false;
  if (s.amount->hit == HitPolicy::collect) {
    r = c.collect(*s.amount);
    c.collected.for_each([&](const Rule& row) {
      if (amount_col >= 0 && !row.outputs[static_cast<std::size_t>(amount_col)].is_null) {
        cents += row.outputs[static_cast<std::size_t>(amount_col)].money.cents();
        any_amount = true;
      }
      if (c.reasons) cite(a.reasons, *s.amount, row, c.frame);
    });
  } else {
    r = c.decide(*s.amount);
    if (r.kind == TableResult::hit) {
      if (amount_col >= 0 && !r.rule->outputs[static_cast<std::size_t>(amount_col)].is_null) {
        cents = r.rule->outputs[static_cast<std::size_t>(amount_col)].money.cents();
        any_amount = true;
      }
      if (rate_col >= 0 && !r.rule->outputs[static_cast<std::size_t>(rate_col)].is_null)
        a.reduction_rate = r.rule->outputs[static_cast<std::size_t>(rate_col)].number;
      if (c.reasons) cite(a.reasons, *s.amount, *r.rule, c.frame);
    }
  }
  cite_version_warning(r, c.warnings);
  // Nothing known to match while some rows depend on missing facts: the amount is unknown.
  const bool partial_unknown = s.amount->hit == HitPolicy::collect && c.collected.empty() && !r.missing.empty();
  if (r.kind == TableResult::undetermined || r.kind == TableResult::not_in_force || partial_unknown) {
    a.status = eligible_by_table ? TariffStatus::eligible : TariffStatus::to_verify;
    a.missing.add(r.missing);
    return;
  }
  if (any_amount && s.cap && c.frame[*s.cap].known) {
    const Number& cap = c.frame[*s.cap].n;
    if (Number::integer(cents) > Number{cap.num * 100, cap.den}) cents = cap.num * 100 / cap.den;
  }
  if (any_amount) a.amount = Money::from_cents(cents);
  if (eligible_by_table) a.status = TariffStatus::eligible;
  else a.status = (any_amount && cents > 0) || a.reduction_rate ? TariffStatus::eligible : TariffStatus::not_eligible;
  if (r.kind == TableResult::none && !eligible_by_table) a.status = TariffStatus::not_eligible;
}

inline void set_status(FactFrame& f, Fact k, TariffStatus s) { set_int(f, k, static_cast<std::int64_t>(s)); }

/// Beneficiary of a right: eligible, or declared as received; unknown while undecided.
inline void set_beneficiary(FactFrame& f, Fact k, bool eligible, bool undecided, bool received, MissingSet missing) {
  if (eligible || received) return set_bool(f, k, true);
  if (undecided) {
    f[k].known = false;
    f[k].missing = missing;
    return;
  }
  set_bool(f, k, false);
}

/// The rights from the tables: the answers (their ratios aside, see show_ratios) and the facts
/// later tables read. Reads the household through the frame alone, so that a day's memo can
/// answer it (rights_memo.hpp).
inline void decide_rights(StageContext& c, Decision& d) {
  const CompiledPack& p = c.pack;
  evaluate_scheme(p.cheque, c, d.cheque_energie);
  set_status(c.frame, Fact::cheque_status, d.cheque_energie.status);
  const Value& received = c.frame[Fact::cheque_received];
  set_beneficiary(c.frame, Fact::cheque_beneficiary, d.cheque_energie.status == TariffStatus::eligible,
                  d.cheque_energie.status == TariffStatus::to_verify, received.known && received.i != 0,
                  d.cheque_energie.missing);

  for (auto [scheme, answer, fact] : {std::tuple{&p.tpn, &d.tpn, Fact::tpn_status},
                                      std::tuple{&p.tss, &d.tss, Fact::tss_status}}) {
    evaluate_scheme(*scheme, c, *answer);
    set_status(c.frame, fact, answer->status);
  }
  MissingSet social_missing = d.tpn.missing;
  social_missing.add(d.tss.missing);
  set_beneficiary(c.frame, Fact::social_tariff_beneficiary,
                  d.tpn.status == TariffStatus::eligible || d.tss.status == TariffStatus::eligible,
                  d.tpn.status == TariffStatus::to_verify || d.tss.status == TariffStatus::to_verify,
                  false, social_missing);

  for (const Scheme* campaign : c.plan.exceptional()) {
    const Scheme& s = *campaign;
    TableResult in = c.decide(*s.in_force);
    if (in.kind == TableResult::hit &&
        in.rule->outputs[static_cast<std::size_t>(s.in_force->role_col[0])].i == 0)
      continue;
    if (in.kind == TableResult::none || in.kind == TableResult::not_in_force) continue;
    d.exceptional.emplace_back();
    ExceptionalAnswer& x = d.exceptional.back();
    x.scheme = s.name;
    TariffAnswer t;
    evaluate_scheme(s, c, t);
    x.status = t.status;
    x.amount = t.amount;
    x.missing = t.missing;
    x.reasons = std::move(t.reasons);
  }
}

/// The consumption units and income ratios the answers show, as computed for the household.
inline void show_ratios(const FactFrame& f, Decision& d) {
  if (f[Fact::cheque_uc].known) d.cheque_energie.uc = f[Fact::cheque_uc].n;
  if (f[Fact::cheque_rfr_per_uc].known) d.cheque_energie.income_ratio = f[Fact::cheque_rfr_per_uc].n;
  for (TariffAnswer* answer : {&d.tpn, &d.tss}) {
    if (answer->status == TariffStatus::not_in_force) continue;
    if (f[Fact::social_tariff_uc].known) answer->uc = f[Fact::social_tariff_uc].n;
    if (f[Fact::rfr_per_tax_part].known) answer->income_ratio = f[Fact::rfr_per_tax_part].n;
  }
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
