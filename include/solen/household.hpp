// The household model (input format 1): typed facts, each optional fact unknown until given.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "solen/date.hpp"
#include "solen/money.hpp"
#include "solen/number.hpp"

namespace solen {
inline namespace v1 {

/// A short identifier (département "59"/"2A"/"974", supplier "EDF") packed in 16 bytes,
/// upper-cased, so comparing two codes is two integer compares. Longer names keep their
/// first 7 bytes, a marker and a 64-bit hash of the rest.
class Code {
 public:
  Code() = default;
  explicit Code(std::string_view text);
  bool empty() const { return w_[0] == 0 && w_[1] == 0; }
  /// The code's text when it was 16 bytes or fewer (hashed longer names give their prefix).
  std::string_view text() const {
    const char* p = reinterpret_cast<const char*>(w_.data());
    if (p[7] == '\x01') return std::string_view(p, 7);
    std::size_t n = 0;
    while (n < 16 && p[n] != 0) ++n;
    return std::string_view(p, n);
  }
  // Spelled out: std::array's operators compare through memcmp calls.
  friend bool operator==(const Code& a, const Code& b) { return a.w_[0] == b.w_[0] && a.w_[1] == b.w_[1]; }
  friend bool operator!=(const Code& a, const Code& b) { return !(a == b); }
  friend bool operator<(const Code& a, const Code& b) {
    return a.w_[0] != b.w_[0] ? a.w_[0] < b.w_[0] : a.w_[1] < b.w_[1];
  }

 private:
  std::array<std::uint64_t, 2> w_{0, 0};
};

inline Code::Code(std::string_view t) {
  char buf[16] = {};
  auto up = [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; };
  if (t.size() <= 16) {
    for (std::size_t i = 0; i < t.size(); ++i) buf[i] = up(t[i]);
    std::memcpy(w_.data(), buf, 16);
    return;
  }
  for (std::size_t i = 0; i < 7; ++i) buf[i] = up(t[i]);
  buf[7] = '\x01';  // marks a hashed long name
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the upper-cased tail
  for (std::size_t i = 7; i < t.size(); ++i)
    h = (h ^ static_cast<unsigned char>(up(t[i]))) * 1099511628211ull;
  std::memcpy(w_.data(), buf, 8);
  w_[1] = h | 1;
}

enum class Role : std::uint8_t { declarant, spouse, child, other };
enum class Tenure : std::uint8_t { owner, tenant_social, tenant_private, hosted, social_residence };
enum class EnergyLabel : std::uint8_t { A, B, C, D, E, F, G };
enum class Heating : std::uint8_t {
  electricity, gas, fuel_oil, wood_pellets, wood_logs, collective, other
};
enum class SupplyState : std::uint8_t { normal, reduced, limited_1kva, cut };
enum class Referent : std::uint8_t { none, rsa, social_worker, ccas, other };
enum class ContactMode : std::uint8_t { letter, visit, phone };
enum class ContactOutcome : std::uint8_t {
  absent, no_answer_at_door, declined_conversation, reached, no_reply
};
enum class DeductionKind : std::uint8_t {
  fsl_grant, ccas_aid, supplier_writeoff, upfront_payment, cheque_energie
};
enum class EnergyKind : std::uint8_t { electricity, gas };
enum class PlanKind : std::uint8_t { cme, supplier_plan };
/// Bits of Household::benefits.
enum class Benefit : std::uint8_t { cmu_c, acs, css, rsa, aah, aspa };
/// Kinds of aid already received (Household::aids).
enum class AidKind : std::uint8_t { fsl_energy, ccas_aid, supplier_aid, other };

struct Member {
  Role role = Role::other;
  std::optional<Date> birth_date;
  std::optional<int> age;  ///< used when birth_date is absent
  bool alternating_custody = false;
  bool other_tax_household = false;
};

struct Deduction {
  DeductionKind kind = DeductionKind::fsl_grant;
  Money amount;
};

struct Aid {
  AidKind kind = AidKind::fsl_energy;
  std::optional<Date> on;
  std::optional<Money> amount;
};

struct ContactAttempt {
  Date on;
  ContactMode mode = ContactMode::letter;
  ContactOutcome outcome = ContactOutcome::no_reply;
};

struct Payment {
  Date on;
  Money amount;
};

struct ElectricityContract {
  Code supplier;  ///< empty when unknown
  std::optional<int> subscribed_kva;
  std::optional<bool> smart_meter;
  std::optional<Money> annual_bill;
  std::optional<Money> monthly_instalment;
};

struct GasContract {
  Code supplier;
  std::optional<std::int64_t> annual_kwh;
  std::optional<bool> individual_contract;
  std::optional<bool> collective_heating;
  std::optional<Money> annual_bill;
  std::optional<Money> monthly_instalment;
};

struct Debt {
  std::optional<Money> amount;
  std::optional<EnergyKind> energy;
  Code supplier;
  std::optional<Date> signalled_on;
  std::optional<Date> cut_notice_on;
  std::optional<SupplyState> supply_state;
  std::optional<Date> signed_on;  ///< signature date of a new plan; the evaluation date if absent
  std::optional<bool> disputed;   ///< the bill is contested (estimated index, catch-up billing)
  std::vector<Deduction> deductions;

  /// Resets every field but keeps the capacity of `deductions`.
  void clear();
};

struct RepaymentPlan {
  PlanKind kind = PlanKind::cme;
  Date signed_on;
  Money principal;
  int months = 0;
  std::vector<Payment> payments;

  /// Resets every field but keeps the capacity of `payments`.
  void clear();
};

/// One household as read from format 1. Lists that are absent are empty (no benefit, no aid,
/// no contact attempt); every other absent fact stays unknown and is never taken as zero.
struct Household {
  std::string id;
  std::optional<Date> as_of;
  Code departement;
  Code commune;
  std::vector<Member> members;

  std::optional<Money> rfr;
  std::optional<int> rfr_year;
  std::optional<Money> holder_rfr;
  std::optional<Number> tax_parts;
  std::optional<Money> monthly_resources;

  std::uint32_t benefits = 0;  ///< bit (1 << Benefit)
  bool has(Benefit b) const { return (benefits >> static_cast<unsigned>(b)) & 1u; }

  std::optional<Tenure> tenure;
  std::optional<EnergyLabel> energy_label;
  std::optional<bool> main_residence;

  bool has_electricity = false;
  ElectricityContract electricity;
  bool has_gas = false;
  GasContract gas;
  std::optional<Heating> main_heating;

  bool has_debt = false;
  Debt debt;
  std::vector<Aid> aids;

  std::optional<bool> cheque_received;
  std::optional<bool> cheque_attestation_sent;
  std::optional<Referent> referent;
  std::vector<ContactAttempt> contact_attempts;
  bool has_plan = false;
  RepaymentPlan plan;
  bool objection = false;

  /// Clears every fact but keeps the capacity of the lists (batch parsing reuses households).
  void clear();
};

// Field by field: assigning a fresh value costs a temporary and a move of every list (a
// visible share of a JSON Lines run, partly in store-forwarding stalls on the temporary). On the
// reference platform the size checks make a new field fail to compile until it is cleared here.
#if defined(__GLIBCXX__) && UINTPTR_MAX == UINT64_MAX
#define SOLEN_DETAIL_CHECK_CLEARED(T, size) static_assert(sizeof(T) == (size), "a " #T " field was added or changed: clear it here")
#else
#define SOLEN_DETAIL_CHECK_CLEARED(T, size)
#endif

inline void Debt::clear() {
  SOLEN_DETAIL_CHECK_CLEARED(Debt, 96);
  amount.reset();
  energy.reset();
  supplier = Code();
  signalled_on.reset();
  cut_notice_on.reset();
  supply_state.reset();
  signed_on.reset();
  disputed.reset();
  deductions.clear();
}

inline void RepaymentPlan::clear() {
  SOLEN_DETAIL_CHECK_CLEARED(RepaymentPlan, 48);
  kind = PlanKind::cme;
  signed_on = Date();
  principal = Money();
  months = 0;
  payments.clear();
}

inline void Household::clear() {
  SOLEN_DETAIL_CHECK_CLEARED(Household, 560);
  id.clear();
  as_of.reset();
  departement = Code();
  commune = Code();
  members.clear();
  rfr.reset();
  rfr_year.reset();
  holder_rfr.reset();
  tax_parts.reset();
  monthly_resources.reset();
  benefits = 0;
  tenure.reset();
  energy_label.reset();
  main_residence.reset();
  has_electricity = false;
  electricity = ElectricityContract{};
  has_gas = false;
  gas = GasContract{};
  main_heating.reset();
  has_debt = false;
  debt.clear();
  aids.clear();
  cheque_received.reset();
  cheque_attestation_sent.reset();
  referent.reset();
  contact_attempts.clear();
  has_plan = false;
  plan.clear();
  objection = false;
}


}  // namespace v1
}  // namespace solen
