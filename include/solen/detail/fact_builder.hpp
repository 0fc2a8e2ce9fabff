// Turns a household at a date into the fact frame the tables read (facts as read, counters,
// ratios and the UC scales), recording for each unknown fact which inputs are missing.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "solen/decision_table.hpp"
#include "solen/detail/uc.hpp"
#include "solen/household.hpp"
#include "solen/rulepack.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

inline void set_bool(FactFrame& f, Fact k, bool b) {
  f[k].known = true;
  f[k].i = b ? 1 : 0;
}
inline void set_int(FactFrame& f, Fact k, std::int64_t i) {
  f[k].known = true;
  f[k].i = i;
}
inline void set_num(FactFrame& f, Fact k, Number n) {
  f[k].known = true;
  f[k].n = n;
}
inline void set_unknown(FactFrame& f, Fact k, Input why) {
  f[k].known = false;
  f[k].missing = MissingSet{};
  f[k].missing.add(why);
}
template <class T>
void set_opt_bool(FactFrame& f, Fact k, const std::optional<T>& o, Input why) {
  if (o) set_bool(f, k, static_cast<bool>(*o)); else set_unknown(f, k, why);
}
template <class E>
void set_opt_enum(FactFrame& f, Fact k, const std::optional<E>& o, Input why) {
  if (o) set_int(f, k, static_cast<std::int64_t>(*o)); else set_unknown(f, k, why);
}
inline void set_opt_money(FactFrame& f, Fact k, const std::optional<Money>& o, Input why) {
  if (o) set_num(f, k, Number::of(*o)); else set_unknown(f, k, why);
}

/// Date-dependent calendar facts (re-set when a table is evaluated at another date).
inline void set_date_facts(FactFrame& f, Date d) {
  set_int(f, Fact::date, d.day_number());
  const CivilDate c = d.civil();
  set_int(f, Fact::month_day, c.month * 100 + c.day);
}

inline Number add(Number a, Number b) {
  return Number::ratio(Number{a.num * b.den + b.num * a.den, a.den * b.den}, Number::integer(1));
}

/// The social tariffs' consumption units and RFR per tax part.
inline void build_social_facts(const Household& h, const DayParameters& day,
                               const std::vector<ScaleMember>& members, FactFrame& f) {
  const auto* ss = day.social_tariff_uc;
  std::optional<Number> suc;
  if (ss) suc = consumption_units(members, ss->value, [](const ScaleMember& m) { return !m.other_tax_household; });
  if (suc) set_num(f, Fact::social_tariff_uc, *suc); else set_unknown(f, Fact::social_tariff_uc, Input::member_ages);
  if (h.rfr && h.tax_parts && h.tax_parts->num > 0)
    set_num(f, Fact::rfr_per_tax_part, Number::fraction(Number::of(*h.rfr), *h.tax_parts));
  else {
    f[Fact::rfr_per_tax_part].known = false;
    f[Fact::rfr_per_tax_part].missing = MissingSet{};
    if (!h.rfr) f[Fact::rfr_per_tax_part].missing.add(Input::rfr);
    if (!h.tax_parts) f[Fact::rfr_per_tax_part].missing.add(Input::tax_parts);
  }
}

/// Fills every household fact of `f` for `h` at `d` with the scales of the pack planned in `day`
/// (its plan of `d`); `f` already holds the date facts of `d` (set_date_facts). The social
/// tariffs' facts are computed only when the day reads them (see reads_social_facts).
inline void build_facts(const Household& h, Date d, const DayPlan& day, FactFrame& f) {
  if (h.departement.empty()) set_unknown(f, Fact::departement, Input::departement);
  else f[Fact::departement].known = true, f[Fact::departement].code = h.departement;
  set_int(f, Fact::member_count, static_cast<std::int64_t>(h.members.size()));
  set_opt_money(f, Fact::rfr, h.rfr, Input::rfr);
  if (h.tax_parts) set_num(f, Fact::tax_parts, *h.tax_parts); else set_unknown(f, Fact::tax_parts, Input::tax_parts);
  set_opt_money(f, Fact::monthly_resources, h.monthly_resources, Input::monthly_resources);
  set_int(f, Fact::benefits, h.benefits);
  set_opt_enum(f, Fact::tenure, h.tenure, Input::tenure);
  set_opt_enum(f, Fact::energy_label, h.energy_label, Input::energy_label);
  set_opt_bool(f, Fact::main_residence, h.main_residence, Input::main_residence);
  if (h.electricity.subscribed_kva) set_int(f, Fact::subscribed_kva, *h.electricity.subscribed_kva);
  else set_unknown(f, Fact::subscribed_kva, Input::subscribed_kva);
  set_opt_bool(f, Fact::smart_meter, h.electricity.smart_meter, Input::smart_meter);
  set_opt_money(f, Fact::electricity_bill, h.electricity.annual_bill, Input::electricity_bill);
  set_opt_money(f, Fact::gas_bill, h.gas.annual_bill, Input::gas_bill);
  if (h.gas.annual_kwh) set_int(f, Fact::gas_annual_kwh, *h.gas.annual_kwh);
  else set_unknown(f, Fact::gas_annual_kwh, Input::gas_annual_kwh);
  set_opt_bool(f, Fact::gas_individual_contract, h.gas.individual_contract, Input::gas_individual_contract);
  set_opt_bool(f, Fact::gas_collective_heating, h.gas.collective_heating, Input::gas_collective_heating);
  set_opt_enum(f, Fact::main_heating, h.main_heating, Input::main_heating);

  // Debt: no debt object means no debt signalled (0); a debt without amount is unknown.
  std::optional<Money> principal;
  if (!h.has_debt) {
    set_num(f, Fact::debt_amount, Number::integer(0));
    principal = Money();
  } else if (h.debt.amount) {
    set_num(f, Fact::debt_amount, Number::of(*h.debt.amount));
    std::int64_t p = h.debt.amount->cents();
    for (const Deduction& x : h.debt.deductions) p -= x.amount.cents();
    principal = Money::from_cents(p > 0 ? p : 0);
  } else {
    set_unknown(f, Fact::debt_amount, Input::debt_amount);
  }
  set_opt_money(f, Fact::debt_principal, principal, Input::debt_amount);
  set_opt_enum(f, Fact::debt_energy, h.debt.energy, Input::debt_energy);
  Code supplier = h.debt.supplier;
  if (supplier.empty()) {
    EnergyKind e = h.debt.energy.value_or(EnergyKind::electricity);
    supplier = e == EnergyKind::gas ? h.gas.supplier : h.electricity.supplier;
  }
  const auto* conv = day.parameters().convention_supplier;
  if (supplier.empty() || !conv) set_unknown(f, Fact::debt_convention_supplier, Input::debt_supplier);
  else set_bool(f, Fact::debt_convention_supplier, supplier == conv->value);
  set_opt_enum(f, Fact::supply_state, h.debt.supply_state, Input::supply_state);
  set_opt_bool(f, Fact::disputed, h.debt.disputed, Input::disputed);
  set_int(f, Fact::days_until_cut_notice,
          h.debt.cut_notice_on ? (*h.debt.cut_notice_on - d) : never_after);
  set_bool(f, Fact::cut_allowed_at_notice, false);
  set_opt_bool(f, Fact::cheque_received, h.cheque_received, Input::cheque_received);
  set_opt_bool(f, Fact::cheque_attestation_sent, h.cheque_attestation_sent, Input::cheque_attestation_sent);
  set_opt_enum(f, Fact::referent, h.referent, Input::referent);

  // Contact history up to the date.
  std::int64_t failed = 0, letter_days = never_before;
  bool reached = false;
  for (const ContactAttempt& c : h.contact_attempts) {
    if (c.on > d) continue;
    if (c.mode == ContactMode::visit) {
      if (c.outcome == ContactOutcome::reached) reached = true;
      else if (c.outcome != ContactOutcome::no_reply) ++failed;
    }
    if (c.mode == ContactMode::letter && c.outcome == ContactOutcome::no_reply)
      letter_days = std::max<std::int64_t>(letter_days, d - c.on);
  }
  set_int(f, Fact::failed_visits, failed);
  set_int(f, Fact::days_since_unanswered_letter, letter_days);
  set_bool(f, Fact::reached_by_visit, reached);
  std::int64_t fsl_months = never_after;
  for (const Aid& a : h.aids)
    if (a.kind == AidKind::fsl_energy && a.on && *a.on <= d)
      fsl_months = std::min<std::int64_t>(fsl_months, d.months_since(*a.on));
  set_int(f, Fact::months_since_fsl_energy_aid, fsl_months);

  // Effort rates: energy bills over a year of resources; debt over a month of resources.
  const bool resources = h.monthly_resources && h.monthly_resources->cents() > 0;
  if (resources && h.electricity.annual_bill) {
    std::int64_t bills = h.electricity.annual_bill->cents() + (h.gas.annual_bill ? h.gas.annual_bill->cents() : 0);
    set_num(f, Fact::energy_effort_rate, Number::fraction(Number::integer(bills), Number::integer(h.monthly_resources->cents() * 12)));
  } else {
    set_unknown(f, Fact::energy_effort_rate, resources ? Input::electricity_bill : Input::monthly_resources);
  }
  if (resources && principal) {
    set_num(f, Fact::debt_to_monthly_resources,
            Number::fraction(Number::integer(principal->cents()), Number::integer(h.monthly_resources->cents())));
  } else {
    set_unknown(f, Fact::debt_to_monthly_resources, resources ? Input::debt_amount : Input::monthly_resources);
  }

  // Consumption units and income ratios.
  const auto* perimeter = day.parameters().cheque_perimeter;
  const bool holder = perimeter && perimeter->value == Perimeter::contract_holder;
  bool other_foyer = false;
  for (const Member& m : h.members) other_foyer = other_foyer || m.other_tax_household;
  thread_local std::vector<ScaleMember> members;
  scale_members(h, day.ages(), members);
  const auto* cs = day.parameters().cheque_uc;
  std::optional<Number> uc;
  if (cs) uc = consumption_units(members, cs->value, [&](const ScaleMember& m) { return !holder || !m.other_tax_household; });
  if (uc) set_num(f, Fact::cheque_uc, *uc); else set_unknown(f, Fact::cheque_uc, Input::member_ages);
  std::optional<Money> rfr = h.rfr;
  Input rfr_input = Input::rfr;
  if (holder) {
    rfr_input = Input::holder_rfr;
    rfr = h.holder_rfr ? h.holder_rfr : (other_foyer ? std::nullopt : h.rfr);
  }
  set_opt_money(f, Fact::cheque_rfr, rfr, rfr_input);
  if (rfr && uc) set_num(f, Fact::cheque_rfr_per_uc, Number::fraction(Number::of(*rfr), *uc));
  else {
    f[Fact::cheque_rfr_per_uc].known = false;
    f[Fact::cheque_rfr_per_uc].missing = MissingSet{};
    if (!rfr) f[Fact::cheque_rfr_per_uc].missing.add(rfr_input);
    if (!uc) f[Fact::cheque_rfr_per_uc].missing.add(Input::member_ages);
  }
  if (day.social_facts()) build_social_facts(h, day.parameters(), members, f);
  else f[Fact::social_tariff_uc].known = f[Fact::rfr_per_tax_part].known = false;
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
