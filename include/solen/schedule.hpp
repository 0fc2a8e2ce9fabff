// Debt schedules: equal instalments to the cent with the last absorbing the rounding, due
// dates anchored on the signature day, and the status of an existing plan. Usable on its own.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <vector>

#include "solen/date.hpp"
#include "solen/household.hpp"
#include "solen/money.hpp"

namespace solen {
inline namespace v1 {

/// The pack's rules for one kind of plan (CME or supplier plan).
struct SchedulePolicy {
  int months = 10;
  bool whole_euros = false;              ///< regular instalments rounded to whole euros
  std::optional<Money> min_instalment;   ///< shortens the plan instead of tiny instalments
};

/// A plan held as (count, regular amount, last amount, anchor): instalment n's amount and due
/// date are derived, so a schedule costs no allocation whatever its length.
struct Schedule {
  Money principal;
  int months = 0;
  Money regular;  ///< instalments 1 .. months-1
  Money last;     ///< instalment `months`; regular*(months-1) + last == principal exactly
  Date signed_on;

  Money amount(int n) const { return n == months ? last : regular; }
  /// Due date of instalment n (1-based): n months after signature, anchor day kept, clamped.
  Date due(int n) const { return signed_on.plus_months_clamped(n, signed_on.day()); }
};

/// Spreads `principal` (> 0) over policy.months from `signed_on`. Half-up to the cent (or to the
/// euro); the plan is shortened while the last instalment would not be positive or while an
/// instalment would fall under the minimum.
Schedule make_schedule(Money principal, Date signed_on, const SchedulePolicy& policy);

enum class PlanStatus : std::uint8_t { on_track, late, lapsed, completed };

struct PlanAssessment {
  PlanStatus status = PlanStatus::on_track;
  Schedule expected;      ///< the plan as signed
  int due_count = 0;      ///< instalments due by the evaluation date (past their grace days)
  int covered = 0;        ///< instalments fully covered by the payments made
  int missed = 0;         ///< due_count - covered
  Money paid;             ///< payments made on or before the evaluation date
  Money expected_paid;    ///< what the due instalments add up to
  Money remaining;        ///< principal - paid, never below zero
};

/// Status of a signed plan at `as_of`: completed when fully paid; lapsed when `lapse_after` or
/// more instalments are missed; late with fewer; on track otherwise. An instalment counts as
/// missed once `grace_days` have passed after its due date without cumulative payments covering it.
PlanAssessment assess_plan(const RepaymentPlan& plan, Date as_of, const SchedulePolicy& policy,
                           int lapse_after, int grace_days);

// ---------------------------------------------------------------------------------------------

inline Schedule make_schedule(Money principal, Date signed_on, const SchedulePolicy& policy) {
  const std::int64_t p = principal.cents();
  const std::int64_t unit = policy.whole_euros ? 100 : 1;
  int n = policy.months < 1 ? 1 : policy.months;
  if (policy.min_instalment && policy.min_instalment->cents() > 0) {
    std::int64_t fit = p / policy.min_instalment->cents();  // instalments that reach the minimum
    if (fit < n) n = fit < 1 ? 1 : static_cast<int>(fit);
  }
  for (;; --n) {
    // regular = p / n rounded half-up to `unit` cents, in integers: floor((p + n*unit/2) / (n*unit)).
    std::int64_t step = static_cast<std::int64_t>(n) * unit;
    std::int64_t regular = (p * 2 + step) / (step * 2) * unit;
    std::int64_t last = p - regular * (n - 1);
    if (n == 1 || (last > 0 && regular > 0)) {
      Schedule s;
      s.principal = principal;
      s.months = n;
      s.regular = Money::from_cents(n == 1 ? p : regular);
      s.last = Money::from_cents(n == 1 ? p : last);
      s.signed_on = signed_on;
      return s;
    }
  }
}

inline PlanAssessment assess_plan(const RepaymentPlan& plan, Date as_of,
                                  const SchedulePolicy& policy, int lapse_after, int grace_days) {
  PlanAssessment a;
  SchedulePolicy signed_policy;  // the plan as signed: no minimum, it is not shortened again
  signed_policy.months = plan.months;
  signed_policy.whole_euros = policy.whole_euros;
  a.expected = make_schedule(plan.principal, plan.signed_on, signed_policy);
  std::int64_t paid = 0;
  for (const Payment& pay : plan.payments)
    if (pay.on <= as_of) paid += pay.amount.cents();
  a.paid = Money::from_cents(paid);
  std::int64_t cumulative = 0;
  for (int k = 1; k <= a.expected.months; ++k) {
    std::int64_t next = cumulative + a.expected.amount(k).cents();
    if (a.expected.due(k).plus_days(grace_days) < as_of) {
      ++a.due_count;
      cumulative = next;
    }
  }
  a.expected_paid = Money::from_cents(cumulative);
  std::int64_t c = 0;
  for (int k = 1; k <= a.expected.months; ++k) {
    c += a.expected.amount(k).cents();
    if (c <= paid) a.covered = k; else break;
  }
  a.missed = a.due_count > a.covered ? a.due_count - a.covered : 0;
  std::int64_t rest = plan.principal.cents() - paid;
  a.remaining = Money::from_cents(rest > 0 ? rest : 0);
  if (rest <= 0) a.status = PlanStatus::completed;
  else if (a.missed >= lapse_after) a.status = PlanStatus::lapsed;
  else if (a.missed > 0) a.status = PlanStatus::late;
  else a.status = PlanStatus::on_track;
  return a;
}

}  // namespace v1
}  // namespace solen
