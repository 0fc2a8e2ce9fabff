// The decision model (output format 1): rights, protections, schedule, orientation, reasons.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "solen/date.hpp"
#include "solen/facts.hpp"
#include "solen/issue.hpp"
#include "solen/money.hpp"
#include "solen/number.hpp"
#include "solen/schedule.hpp"

namespace solen {
inline namespace v1 {

enum class TariffStatus : std::uint8_t { eligible, not_eligible, to_verify, not_in_force };
enum class DecisionStatus : std::uint8_t { ok, error, excluded };
enum class Route : std::uint8_t { urgent, referent, letter, visit, workshop };
enum class Urgency : std::uint8_t { critical, high, normal, low };
enum class MeasureCode : std::uint8_t {
  cheque_energie_rights, social_tariff_rights, cme, supplier_plan, fsl_energy, ccas_aid,
  eco_kit, energy_diagnosis, housing_renovation, landlord_mediation, budget_support,
  over_indebtedness, energy_ombudsman
};
inline constexpr int measure_code_count = 13;

/// Why an answer is what it is: the rule (id, French text, legal reference, all owned by the
/// engine's rule pack) and the values of the facts it read. Built only when reasons are on.
struct Reason {
  std::string_view rule_id;
  std::string_view text;
  std::string_view reference;
  std::vector<FactUse> facts;
};

struct TariffAnswer {
  TariffStatus status = TariffStatus::not_in_force;
  std::optional<Money> amount;          ///< unknown while to_verify
  std::optional<Number> reduction_rate; ///< TPN before 1 Nov 2013 (a rate, no amount)
  std::optional<Number> uc;
  std::optional<Number> income_ratio;   ///< RFR/UC (chèque) or RFR/part (TPN/TSS), not reduced
  MissingSet missing;
  std::vector<Reason> reasons;
};

struct ExceptionalAnswer {
  std::string_view scheme;  ///< owned by the engine
  TariffStatus status = TariffStatus::not_eligible;
  std::optional<Money> amount;
  MissingSet missing;
  std::vector<Reason> reasons;
};

struct Protections {
  std::optional<bool> winter_truce;
  std::optional<bool> cut_allowed;
  std::optional<bool> power_reduction_allowed;
  std::optional<int> notice_days;
  std::optional<int> reduced_power_min_kva;
  std::optional<int> days_at_1kva_before_cut;
  std::vector<std::string_view> rebates;  ///< codes owned by the engine
  MissingSet missing;
  std::vector<Reason> reasons;
};

struct ScheduleAnswer {
  bool present = false;  ///< false -> "schedule": null
  PlanKind kind = PlanKind::cme;
  Money debt;
  Money deductions;
  Schedule plan;
  std::optional<Number> effort_rate;  ///< not reduced (compare by value)
  std::optional<bool> affordable;
  MissingSet missing;
  std::vector<Reason> reasons;
};

struct ExistingPlanAnswer {
  bool present = false;
  PlanAssessment assessment;
  bool has_reschedule = false;
  Schedule reschedule;
  std::vector<Reason> reasons;
};

struct Measure {
  MeasureCode code = MeasureCode::cme;
  std::string_view where;  ///< service point id, owned by the engine
  std::vector<Reason> reasons;
};

struct Orientation {
  Route route = Route::letter;
  Urgency urgency = Urgency::normal;
  std::vector<Measure> measures;
  MissingSet missing;
  std::vector<Reason> reasons;
};

using Warning = Issue;
using DecisionError = Issue;

/// The complete answer for one household at one date. Reusable: evaluate_into() clears it and
/// keeps the capacity of its lists, so a batch allocates nothing per household once warm.
struct Decision {
  std::string id;
  bool id_known = true;
  DecisionStatus status = DecisionStatus::ok;
  Date as_of;
  TariffAnswer cheque_energie;
  TariffAnswer tpn;
  TariffAnswer tss;
  std::vector<ExceptionalAnswer> exceptional;
  Protections protections;
  ScheduleAnswer schedule;
  ExistingPlanAnswer existing_plan;
  Orientation orientation;
  std::vector<Warning> warnings;
  /// Warnings whose text belongs to the rule pack (code, message): no copy per household.
  std::vector<std::pair<std::string_view, std::string_view>> pack_warnings;
  DecisionError error;

  void clear();
};

}  // namespace v1
}  // namespace solen
