// The fact catalogue: every named, typed fact a rule pack may test, and the inputs behind them.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

#include "solen/date.hpp"
#include "solen/household.hpp"
#include "solen/number.hpp"

namespace solen {
inline namespace v1 {

enum class FactType : std::uint8_t { boolean, integer, number, date, code, enumeration, set };

/// Household fields whose absence makes a fact unknown; bits of a MissingSet.
enum class Input : std::uint8_t {
  departement, member_ages, rfr, holder_rfr, tax_parts, monthly_resources, tenure,
  energy_label, main_residence, subscribed_kva, smart_meter, electricity_bill,
  electricity_instalment, gas_bill, gas_annual_kwh, gas_individual_contract, gas_collective_heating,
  main_heating, debt_amount, debt_energy, debt_supplier, supply_state, cheque_received,
  cheque_attestation_sent, referent, disputed, count
};
inline constexpr std::string_view input_paths[] = {
  "territory.departement", "members.age", "income.rfr", "income.holder_rfr", "income.tax_parts",
  "income.monthly_resources", "housing.tenure", "housing.energy_label", "housing.main_residence",
  "energy.electricity.subscribed_kva", "energy.electricity.smart_meter",
  "energy.electricity.annual_bill", "energy.electricity.monthly_instalment",
  "energy.gas.annual_bill", "energy.gas.annual_kwh", "energy.gas.individual_contract", "energy.gas.collective_heating",
  "energy.main_heating", "debt.amount", "debt.energy", "debt.supplier", "debt.supply_state",
  "cheque_energie.received", "cheque_energie.attestation_sent", "follow_up.referent",
  "debt.disputed"};
static_assert(sizeof(input_paths) / sizeof(input_paths[0]) == static_cast<int>(Input::count));

/// A set of missing inputs (bit i = Input i).
struct MissingSet {
  std::uint64_t bits = 0;
  void add(Input i) { bits |= std::uint64_t{1} << static_cast<unsigned>(i); }
  void add(MissingSet o) { bits |= o.bits; }
  bool empty() const { return bits == 0; }
  bool has(Input i) const { return (bits >> static_cast<unsigned>(i)) & 1u; }
};

/// The facts, in evaluation order. Names (fact_infos) are the vocabulary of rule packs.
enum class Fact : std::uint16_t {
  // as read from the household
  date, month_day, departement, member_count, rfr, tax_parts, monthly_resources, benefits,
  tenure, energy_label, main_residence, subscribed_kva, smart_meter, electricity_bill,
  gas_bill, gas_annual_kwh, gas_individual_contract, gas_collective_heating, main_heating,
  debt_amount, debt_principal, debt_energy, debt_convention_supplier, supply_state, disputed,
  days_until_cut_notice, cheque_received, cheque_attestation_sent, referent, failed_visits,
  days_since_unanswered_letter, reached_by_visit, months_since_fsl_energy_aid,
  energy_effort_rate, debt_to_monthly_resources,
  // computed by the scale mechanisms
  cheque_uc, cheque_rfr, cheque_rfr_per_uc, social_tariff_uc, rfr_per_tax_part,
  // answers of earlier stages, readable by later tables
  cheque_status, cheque_beneficiary, tpn_status, tss_status, social_tariff_beneficiary,
  winter_truce, cut_allowed, cut_allowed_at_notice, schedule_kind, schedule_affordable,
  plan_status,
  count
};
inline constexpr int fact_count = static_cast<int>(Fact::count);

/// "Never" for day and month counters: +inf compares above every bound, -inf below.
inline constexpr std::int64_t never_after = std::numeric_limits<std::int64_t>::max() / 4;
inline constexpr std::int64_t never_before = -never_after;

/// The value of one fact for one household: known or unknown (with the inputs missing).
struct Value {
  bool known = false;
  std::int64_t i = 0;  ///< boolean, integer, date (day number), enumeration index, set bits
  Number n;            ///< number
  Code code;           ///< code
  MissingSet missing;  ///< when unknown: the household fields that would settle it
};

/// A fact and the value it had, as cited in a reason.
struct FactUse {
  Fact fact;
  Value value;
};

struct FactInfo {
  std::string_view name;
  FactType type;
  const std::string_view* values;  ///< enumeration or set members
  int value_count;
  std::int64_t min;  ///< domain of integers/numbers for table analysis (numbers: integer bounds)
  std::int64_t max;
  /// A ratio the engine keeps as an unreduced fraction (a gcd per value was a visible share of
  /// an evaluation); it compares by value like any Number and is reduced when printed.
  bool unreduced = false;
};

namespace names {
inline constexpr std::string_view tariff_status[] = {"eligible", "not_eligible", "to_verify",
                                                     "not_in_force"};
inline constexpr std::string_view benefit[] = {"cmu_c", "acs", "css", "rsa", "aah", "aspa"};
inline constexpr std::string_view tenure[] = {"owner", "tenant_social", "tenant_private",
                                              "hosted", "social_residence"};
inline constexpr std::string_view energy_label[] = {"A", "B", "C", "D", "E", "F", "G"};
inline constexpr std::string_view heating[] = {"electricity", "gas", "fuel_oil", "wood_pellets",
                                               "wood_logs", "collective", "other"};
inline constexpr std::string_view energy[] = {"electricity", "gas"};
inline constexpr std::string_view supply_state[] = {"normal", "reduced", "limited_1kva", "cut"};
inline constexpr std::string_view referent[] = {"none", "rsa", "social_worker", "ccas", "other"};
inline constexpr std::string_view schedule_kind[] = {"none", "cme", "supplier_plan"};
inline constexpr std::string_view plan_status[] = {"none", "on_track", "late", "lapsed",
                                                   "completed"};
inline constexpr std::string_view role[] = {"declarant", "spouse", "child", "other"};
inline constexpr std::string_view contact_mode[] = {"letter", "visit", "phone"};
inline constexpr std::string_view contact_outcome[] = {
    "absent", "no_answer_at_door", "declined_conversation", "reached", "no_reply"};
inline constexpr std::string_view deduction_kind[] = {
    "fsl_grant", "ccas_aid", "supplier_writeoff", "upfront_payment", "cheque_energie"};
inline constexpr std::string_view aid_kind[] = {"fsl_energy", "ccas_aid", "supplier_aid", "other"};
inline constexpr std::string_view plan_kind[] = {"cme", "supplier_plan"};
inline constexpr std::string_view route[] = {"urgent", "referent", "letter", "visit", "workshop"};
inline constexpr std::string_view urgency[] = {"critical", "high", "normal", "low"};
inline constexpr std::string_view measure[] = {
    "cheque_energie_rights", "social_tariff_rights", "cme", "supplier_plan", "fsl_energy",
    "ccas_aid", "eco_kit", "energy_diagnosis", "housing_renovation", "landlord_mediation",
    "budget_support", "over_indebtedness", "energy_ombudsman"};
}  // namespace names

namespace detail {
template <std::size_t N>
constexpr int count_of(const std::string_view (&)[N]) { return static_cast<int>(N); }
}  // namespace detail

#define SOLEN_ENUM(arr) names::arr, detail::count_of(names::arr)
inline constexpr std::int64_t big = std::numeric_limits<std::int64_t>::max() / 4;

/// Catalogue indexed by Fact.
inline constexpr FactInfo fact_infos[] = {
  {"date", FactType::date, nullptr, 0, 0, 0},
  {"date.month_day", FactType::integer, nullptr, 0, 101, 1231},
  {"territory.departement", FactType::code, nullptr, 0, 0, 0},
  {"household.members", FactType::integer, nullptr, 0, 1, 100},
  {"income.rfr", FactType::number, nullptr, 0, 0, big},
  {"income.tax_parts", FactType::number, nullptr, 0, 0, 50},
  {"income.monthly_resources", FactType::number, nullptr, 0, 0, big},
  {"benefits", FactType::set, SOLEN_ENUM(benefit), 0, 0},
  {"housing.tenure", FactType::enumeration, SOLEN_ENUM(tenure), 0, 0},
  {"housing.energy_label", FactType::enumeration, SOLEN_ENUM(energy_label), 0, 0},
  {"housing.main_residence", FactType::boolean, nullptr, 0, 0, 1},
  {"electricity.subscribed_kva", FactType::integer, nullptr, 0, 1, 36},
  {"electricity.smart_meter", FactType::boolean, nullptr, 0, 0, 1},
  {"electricity.annual_bill", FactType::number, nullptr, 0, 0, big},
  {"gas.annual_bill", FactType::number, nullptr, 0, 0, big},
  {"gas.annual_kwh", FactType::integer, nullptr, 0, 0, 10'000'000},
  {"gas.individual_contract", FactType::boolean, nullptr, 0, 0, 1},
  {"gas.collective_heating", FactType::boolean, nullptr, 0, 0, 1},
  {"energy.main_heating", FactType::enumeration, SOLEN_ENUM(heating), 0, 0},
  {"debt.amount", FactType::number, nullptr, 0, 0, big},
  {"debt.principal", FactType::number, nullptr, 0, 0, big},
  {"debt.energy", FactType::enumeration, SOLEN_ENUM(energy), 0, 0},
  {"debt.convention_supplier", FactType::boolean, nullptr, 0, 0, 1},
  {"debt.supply_state", FactType::enumeration, SOLEN_ENUM(supply_state), 0, 0},
  {"debt.disputed", FactType::boolean, nullptr, 0, 0, 1},
  {"debt.days_until_cut_notice", FactType::integer, nullptr, 0, -big, big},
  {"cheque_energie.received", FactType::boolean, nullptr, 0, 0, 1},
  {"cheque_energie.attestation_sent", FactType::boolean, nullptr, 0, 0, 1},
  {"follow_up.referent", FactType::enumeration, SOLEN_ENUM(referent), 0, 0},
  {"contacts.failed_visits", FactType::integer, nullptr, 0, 0, big},
  {"contacts.days_since_unanswered_letter", FactType::integer, nullptr, 0, -big, big},
  {"contacts.reached_by_visit", FactType::boolean, nullptr, 0, 0, 1},
  {"aids.months_since_fsl_energy", FactType::integer, nullptr, 0, 0, big},
  {"energy.effort_rate", FactType::number, nullptr, 0, 0, big, true},
  {"debt.to_monthly_resources", FactType::number, nullptr, 0, 0, big, true},
  {"cheque_energie.uc", FactType::number, nullptr, 0, 0, big},
  {"cheque_energie.rfr", FactType::number, nullptr, 0, 0, big},
  {"cheque_energie.rfr_per_uc", FactType::number, nullptr, 0, 0, big, true},
  {"social_tariffs.uc", FactType::number, nullptr, 0, 0, big},
  {"income.rfr_per_tax_part", FactType::number, nullptr, 0, 0, big, true},
  {"cheque_energie.status", FactType::enumeration, SOLEN_ENUM(tariff_status), 0, 0},
  {"cheque_energie.beneficiary", FactType::boolean, nullptr, 0, 0, 1},
  {"tpn.status", FactType::enumeration, SOLEN_ENUM(tariff_status), 0, 0},
  {"tss.status", FactType::enumeration, SOLEN_ENUM(tariff_status), 0, 0},
  {"social_tariffs.beneficiary", FactType::boolean, nullptr, 0, 0, 1},
  {"protections.winter_truce", FactType::boolean, nullptr, 0, 0, 1},
  {"protections.cut_allowed", FactType::boolean, nullptr, 0, 0, 1},
  {"debt.cut_allowed_at_notice", FactType::boolean, nullptr, 0, 0, 1},
  {"schedule.kind", FactType::enumeration, SOLEN_ENUM(schedule_kind), 0, 0},
  {"schedule.affordable", FactType::boolean, nullptr, 0, 0, 1},
  {"repayment_plan.status", FactType::enumeration, SOLEN_ENUM(plan_status), 0, 0},
};
#undef SOLEN_ENUM
static_assert(sizeof(fact_infos) / sizeof(fact_infos[0]) == fact_count, "fact catalogue");

inline const FactInfo& info(Fact f) { return fact_infos[static_cast<int>(f)]; }

}  // namespace v1
}  // namespace solen
