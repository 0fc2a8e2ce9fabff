// The speed limit: a hand-written C++ function that makes the same decisions as the engine with
// the default pack (rules/fr-lille.json) hard-coded: chèque énergie (UC scale, barème by year,
// pilot 2016–2017), TPN/TSS until 2017, exceptional chèques, protections (winter truce, cut,
// power reduction, notice, cut at the notice date), the debt schedule and affordability, the
// status of an existing plan, and the orientation (route, urgency, measures) with the Lille
// thresholds. Integer arithmetic only (money in cents, UC in hundredths).
//
// Domain: evaluation dates from 2016-01-01 (the rows of the pack that only apply before, e.g.
// the 2005 TPN resources test or the pre-2013 truce, are left out).
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstdint>

#include "generator.hpp"  // civil date helpers
#include "solen/decision.hpp"
#include "solen/household.hpp"

namespace solen::bench {

enum Tri : std::int8_t { no = 0, yes = 1, unknown = -1 };

struct NativeDecision {
  std::uint8_t status = 0;  ///< DecisionStatus: 0 ok, 2 excluded
  std::uint8_t cheque_status = 3, tpn_status = 3, tss_status = 3;  ///< TariffStatus
  std::int64_t cheque_amount = -1, tpn_amount = -1, tss_amount = -1;  ///< cents, -1 = none
  int exceptional_count = 0;
  std::int64_t exceptional_total = 0;  ///< known amounts, cents
  Tri truce = unknown, cut = unknown, power_reduction = unknown;
  int notice_days = -1, min_kva = -1, days_at_1kva = -1;  ///< -1 = none or unknown
  bool schedule = false;
  std::uint8_t schedule_kind = 0;  ///< PlanKind
  int months = 0;
  std::int64_t regular = 0, last = 0;
  Tri affordable = unknown;
  std::uint8_t plan_status = 0;  ///< 0 none, 1 + PlanStatus
  std::uint8_t route = 2, urgency = 2;
  std::uint16_t measures = 0;  ///< bit (1 << MeasureCode)
};

namespace native {

constexpr std::int64_t never = std::int64_t{1} << 60;

inline gen::Ymd ymd(std::int64_t jdn) { return detail::civil_from_jdn(jdn); }
constexpr std::int64_t jdn(int y, int m, int d) { return detail::jdn_from_civil(y, m, d); }

inline std::int64_t plus_months(std::int64_t day, int months) {
  return gen::plus_months(day - detail::jdn_of_1970, months) + detail::jdn_of_1970;
}

/// Whole months from `e` to `d` (d >= e), as Date::months_since.
inline int months_since(std::int64_t d, std::int64_t e) {
  const gen::Ymd a = ymd(d), b = ymd(e);
  int m = (a.year - b.year) * 12 + (a.month - b.month);
  if (m > 0 && plus_months(e, m) > d) --m;
  return m;
}

/// Winter truce at a date (from 2015-08-19, with the 2020 and 2021 extensions).
inline bool truce_at(std::int64_t day) {
  if (day >= jdn(2020, 4, 1) && day <= jdn(2020, 7, 10)) return true;
  if (day >= jdn(2021, 4, 1) && day <= jdn(2021, 5, 31)) return true;
  const gen::Ymd c = ymd(day);
  const int md = c.month * 100 + c.day;
  return md >= 1101 || md <= 331;
}

inline Tri tri(const std::optional<bool>& b) { return b ? (*b ? yes : no) : unknown; }

/// A "first" hit-policy table under the to_verify policy, fed row by row in order.
struct First {
  bool maybe = false, differs = false, done = false;
  int maybe_out = 0, out = 0;
  /// Returns true once decided (a row matched).
  bool row(Tri t, int value) {
    if (done || t == no) return done;
    if (t == unknown) {
      if (!maybe) maybe = true, maybe_out = value;
      else if (maybe_out != value) differs = true;
      return false;
    }
    done = true;
    out = value;
    return true;
  }
  bool known() const { return done && (!maybe || (!differs && maybe_out == out)); }
};

inline Tri all(Tri a, Tri b) { return a == no || b == no ? no : (a == unknown || b == unknown ? unknown : yes); }
inline Tri all(Tri a, Tri b, Tri c) { return all(all(a, b), c); }

/// Consumption units in hundredths on a rank scale (weights in hundredths, last one repeats),
/// the alternating-custody minor halved at its rank; `holder`: members of another tax household
/// are left out. -1 when unknown.
template <int N>
std::int64_t uc(const Household& h, std::int64_t d, const int (&w)[N], bool holder) {
  struct M {
    int order, age;
    bool halved;
  };
  M m[128];
  int n = 0;
  bool unknown_age = false;
  const gen::Ymd today = ymd(d);
  for (const Member& x : h.members) {
    if (holder && x.other_tax_household) continue;
    if (n == 128) return -1;
    M r;
    r.order = x.role == Role::declarant ? 0 : x.role == Role::spouse ? 1 : 2;
    if (x.birth_date) {
      const gen::Ymd b = ymd(x.birth_date->day_number());
      r.age = today.year - b.year - ((today.month < b.month || (today.month == b.month && today.day < b.day)) ? 1 : 0);
    } else {
      r.age = x.age ? *x.age : -1;
    }
    if (x.alternating_custody && r.age < 0) return -1;
    unknown_age = unknown_age || r.age < 0;
    r.halved = x.alternating_custody && r.age < 18;
    m[n++] = r;
  }
  if (n == 0) return -1;
  auto total = [&](bool unknown_oldest) {
    M v[128];
    std::copy(m, m + n, v);
    // Insertion sort (stable): declarant, spouse, then others by decreasing age.
    auto key = [&](const M& a) { return a.age < 0 ? (unknown_oldest ? 1000 : -1) : a.age; };
    for (int i = 1; i < n; ++i) {
      M x = v[i];
      int j = i - 1;
      while (j >= 0 && (v[j].order > x.order || (v[j].order == x.order && key(v[j]) < key(x)))) {
        v[j + 1] = v[j];
        --j;
      }
      v[j + 1] = x;
    }
    std::int64_t s = 0;
    for (int r = 0; r < n; ++r) {
      const int weight = w[r < N ? r : N - 1];
      s += v[r].halved ? weight / 2 : weight;
    }
    return s;
  };
  const std::int64_t first = total(true);
  if (unknown_age && first != total(false)) return -1;
  return first;
}

struct CodeSet {
  Code pilot[4] = {Code("07"), Code("12"), Code("22"), Code("62")};
  Code dom[5] = {Code("971"), Code("972"), Code("973"), Code("974"), Code("976")};
  Code edf = Code("EDF");
};
inline const CodeSet& codes() {
  static const CodeSet c;
  return c;
}

/// Chèque énergie barème by date: bracket upper bounds (euros per UC) and amounts (euros) for
/// UC <= 1, 1 < UC < 2, UC >= 2.
struct Bareme {
  int brackets;
  std::int64_t bound[4];
  std::int64_t amount[3][4];
};
inline const Bareme& bareme(std::int64_t d) {
  static const Bareme b16{3, {5600, 6700, 7700, 0}, {{144, 96, 48, 0}, {190, 126, 63, 0}, {227, 152, 76, 0}}};
  static const Bareme b19{4, {5600, 6700, 7700, 10700}, {{194, 146, 98, 48}, {240, 176, 113, 63}, {277, 202, 126, 76}}};
  static const Bareme b21{4, {5600, 6700, 7700, 10800}, {{194, 146, 98, 48}, {240, 176, 113, 63}, {277, 202, 126, 76}}};
  static const Bareme b23{4, {5700, 6800, 7850, 11000}, {{194, 146, 98, 48}, {240, 176, 113, 63}, {277, 202, 126, 76}}};
  if (d <= jdn(2018, 12, 31)) return b16;
  if (d <= jdn(2020, 12, 31)) return b19;
  if (d <= jdn(2022, 12, 31)) return b21;
  return b23;
}

inline int uc_bucket(std::int64_t uc_h) { return uc_h <= 100 ? 0 : uc_h < 200 ? 1 : 2; }

}  // namespace native

/// The decisions of the default pack for household `h` at `as_of` (the household's own as_of wins).
inline void decide(const Household& h, Date default_as_of, NativeDecision& o) {
  using namespace native;
  o = NativeDecision{};
  if (h.objection) {
    o.status = 2;
    return;
  }
  const std::int64_t d = (h.as_of ? *h.as_of : default_as_of).day_number();
  const CodeSet& cs = codes();
  const std::int64_t y2018 = jdn(2018, 1, 1);
  const std::int64_t y2016 = jdn(2016, 1, 1);

  // ---- facts
  const bool holder = d >= jdn(2025, 1, 1);
  bool other_foyer = false;
  for (const Member& m : h.members) other_foyer = other_foyer || m.other_tax_household;
  static constexpr int cheque_w[] = {100, 50, 30};
  static constexpr int social_w[] = {100, 50, 30, 30, 40};
  const std::int64_t cuc = uc(h, d, cheque_w, holder);
  std::optional<Money> crfr = h.rfr;
  if (holder) crfr = h.holder_rfr ? h.holder_rfr : (other_foyer ? std::nullopt : h.rfr);
  const bool rpu_known = crfr && cuc > 0;
  const std::int64_t rfr_c = crfr ? crfr->cents() : 0;
  // RFR/UC < T euros  <=>  rfr_cents < T * uc_hundredths
  auto rpu_lt = [&](std::int64_t t) { return rfr_c < t * cuc; };

  std::int64_t fsl_months = never;
  for (const Aid& a : h.aids)
    if (a.kind == AidKind::fsl_energy && a.on && a.on->day_number() <= d)
      fsl_months = std::min<std::int64_t>(fsl_months, months_since(d, a.on->day_number()));

  std::int64_t principal = -1;  // cents, -1 unknown
  if (!h.has_debt) principal = 0;
  else if (h.debt.amount) {
    std::int64_t p = h.debt.amount->cents();
    for (const Deduction& x : h.debt.deductions) p -= x.amount.cents();
    principal = p > 0 ? p : 0;
  }
  const std::int64_t debt_amount = !h.has_debt ? 0 : h.debt.amount ? h.debt.amount->cents() : -1;
  Tri conv = unknown;
  {
    Code s = h.debt.supplier;
    if (s.empty()) s = h.debt.energy.value_or(EnergyKind::electricity) == EnergyKind::gas ? h.gas.supplier : h.electricity.supplier;
    if (!s.empty()) conv = s == cs.edf ? yes : no;
  }
  const bool resources = h.monthly_resources && h.monthly_resources->cents() > 0;
  const std::int64_t res = resources ? h.monthly_resources->cents() : 0;

  // ---- chèque énergie
  if (d < y2016) {
    o.cheque_status = 3, o.cheque_amount = 0;
  } else if (d < y2018 && h.departement.empty()) {
    o.cheque_status = 2;
  } else if (d < y2018 && !(h.departement == cs.pilot[0] || h.departement == cs.pilot[1] ||
                            h.departement == cs.pilot[2] || h.departement == cs.pilot[3])) {
    o.cheque_status = 3, o.cheque_amount = 0;
  } else if (!rpu_known) {
    o.cheque_status = 2;
  } else {
    const Bareme& b = bareme(d);
    const int k = uc_bucket(cuc);
    std::int64_t amount = 0;
    for (int i = 0; i < b.brackets; ++i)
      if (rpu_lt(b.bound[i])) {
        amount = b.amount[k][i] * 100;
        break;
      }
    o.cheque_amount = amount;
    o.cheque_status = amount > 0 ? 0 : 1;
  }

  // ---- TPN / TSS (until 2017-12-31)
  if (d >= y2018) {
    o.tpn_status = o.tss_status = 3;
    o.tpn_amount = o.tss_amount = 0;
  } else {
    // Eligibility: CMU-C, ACS, RFR per tax part <= 2175 € (2420.78 € overseas).
    const bool rpp_known = h.rfr && h.tax_parts && h.tax_parts->num > 0;
    auto rpp_le = [&](std::int64_t cents) {
      return h.rfr->cents() * h.tax_parts->den <= cents * h.tax_parts->num;
    };
    std::uint8_t st;
    if (h.has(Benefit::cmu_c) || h.has(Benefit::acs)) {
      st = 0;
    } else {
      const Tri r1 = rpp_known ? (rpp_le(217500) ? yes : no) : unknown;
      Tri dom = no;  // an unknown département does not match (the pack: metropolitan ceiling)
      for (const Code& c : cs.dom) dom = h.departement == c ? yes : dom;
      const Tri r2 = all(rpp_known ? (rpp_le(242078) ? yes : no) : unknown, dom);
      st = r1 == yes || r2 == yes ? 0 : (r1 == unknown || r2 == unknown ? 2 : 1);
    }
    o.tpn_status = o.tss_status = st;
    if (st == 1) o.tpn_amount = o.tss_amount = 0;
    if (st == 0) {
      const std::int64_t suc = uc(h, d, social_w, true);  // the tax household (CMU-C scale)
      // TPN (2013-11-01 to 2017-12-31): by UC and subscribed power, capped by the bill.
      if (suc >= 0 && h.electricity.subscribed_kva) {
        static constexpr std::int64_t tpn[3][3] = {{71, 87, 94}, {88, 109, 117}, {106, 131, 140}};
        const int kva = *h.electricity.subscribed_kva;
        std::int64_t a = tpn[uc_bucket(suc)][kva <= 3 ? 0 : kva <= 8 ? 1 : 2] * 100;
        if (h.electricity.annual_bill && a > h.electricity.annual_bill->cents()) a = h.electricity.annual_bill->cents();
        o.tpn_amount = a;
      }
      // TSS (2014-04-01 to 2017-12-31): individual contract by consumption band, collective;
      // capped by the gas bill.
      if (suc >= 0) {
        static constexpr std::int64_t ind[3][3] = {{23, 72, 123}, {30, 95, 153}, {38, 117, 185}};
        static constexpr std::int64_t coll[3] = {100, 123, 147};
        const int k = uc_bucket(suc);
        std::int64_t sum = 0;
        bool any = false;
        if (h.gas.individual_contract && *h.gas.individual_contract && h.gas.annual_kwh) {
          const std::int64_t kwh = *h.gas.annual_kwh;
          sum += ind[k][kwh <= 1000 ? 0 : kwh <= 6000 ? 1 : 2] * 100;
          any = true;
        }
        if (h.gas.collective_heating && *h.gas.collective_heating) sum += coll[k] * 100, any = true;
        if (any && h.gas.annual_bill && sum > h.gas.annual_bill->cents()) sum = h.gas.annual_bill->cents();
        if (any) o.tss_amount = sum;
      }
    }
  }

  // ---- exceptional chèques (campaigns)
  auto exceptional = [&](std::int64_t amount) {  // amount in euros, -1 = to verify
    ++o.exceptional_count;
    if (amount > 0) o.exceptional_total += amount * 100;
  };
  if (d >= jdn(2021, 12, 1) && d <= jdn(2021, 12, 31)) exceptional(!rpu_known ? -1 : rpu_lt(10800) ? 100 : 0);
  if (d >= jdn(2022, 12, 1) && d <= jdn(2023, 3, 31))
    exceptional(!rpu_known ? -1 : rpu_lt(10800) ? 200 : rpu_lt(17400) ? 100 : 0);
  if (d >= jdn(2022, 11, 7) && d <= jdn(2023, 4, 30)) {
    if (!h.main_heating) exceptional(-1);
    else if (*h.main_heating != Heating::fuel_oil) exceptional(0);
    else exceptional(!rpu_known ? -1 : rpu_lt(10800) ? 200 : rpu_lt(20000) ? 100 : 0);
  }
  if (d >= jdn(2022, 12, 27) && d <= jdn(2023, 4, 30)) {
    if (!h.main_heating) exceptional(-1);
    else if (*h.main_heating == Heating::wood_pellets) exceptional(!rpu_known ? -1 : rpu_lt(14400) ? 200 : rpu_lt(27500) ? 100 : 0);
    else if (*h.main_heating == Heating::wood_logs) exceptional(!rpu_known ? -1 : rpu_lt(14400) ? 100 : rpu_lt(27500) ? 50 : 0);
    else exceptional(0);
  }

  // ---- beneficiaries and protections
  const Tri cheque_ben = o.cheque_status == 0 || (h.cheque_received && *h.cheque_received) ? yes
                         : o.cheque_status == 2                                            ? unknown
                                                                                           : no;
  const Tri social_ben = o.tpn_status == 0 || o.tss_status == 0 ? yes
                         : o.tpn_status == 2 || o.tss_status == 2 ? unknown
                                                                  : no;
  const bool truce = truce_at(d);
  o.truce = truce ? yes : no;
  const Tri main_res = tri(h.main_residence);
  auto cut_at = [&](bool tr) -> Tri {  // protections.cut from 2013-04-17
    if (!tr) return yes;
    return main_res == unknown ? unknown : (main_res == no ? yes : no);
  };
  o.cut = cut_at(truce);
  if (!truce) {
    o.power_reduction = yes;
  } else {
    First f;
    f.row(cheque_ben, 0) || (d < y2018 && f.row(social_ben, 0)) || f.row(yes, 1);
    o.power_reduction = f.known() ? (f.out ? yes : no) : unknown;
  }
  const bool fsl_recent = fsl_months <= 1200;
  {
    First f;
    f.row(cheque_ben, 30) || (d < y2018 && f.row(social_ben, 30)) || f.row(fsl_recent ? yes : no, 30) || f.row(yes, 15);
    o.notice_days = f.known() ? f.out : -1;
  }
  if (h.electricity.subscribed_kva) o.min_kva = *h.electricity.subscribed_kva >= 6 ? 3 : 2;
  if (d >= jdn(2023, 4, 1)) {
    const Tri smart = tri(h.electricity.smart_meter);
    First f;
    f.row(all(smart, cheque_ben), 60) || f.row(all(smart, fsl_recent ? yes : no), 60) || f.row(yes, -1);
    o.days_at_1kva = f.known() ? f.out : -1;
  }
  Tri cut_notice = no;
  std::int64_t days_until = never;
  if (h.has_debt && h.debt.cut_notice_on) {
    const std::int64_t n = h.debt.cut_notice_on->day_number();
    days_until = n - d;
    cut_notice = cut_at(truce_at(n));
  }

  // ---- schedule
  const bool supply_bad = h.debt.supply_state && *h.debt.supply_state != SupplyState::normal;
  if (h.has_debt && principal > 0) {
    o.schedule = true;
    o.schedule_kind = conv == yes ? 0 : 1;
    std::int64_t n = conv == yes ? 10 : 6;
    for (;; --n) {
      const std::int64_t regular = (principal * 2 + n) / (n * 2);
      const std::int64_t last = principal - regular * (n - 1);
      if (n == 1 || (last > 0 && regular > 0)) {
        o.months = static_cast<int>(n);
        o.regular = n == 1 ? principal : regular;
        o.last = n == 1 ? principal : last;
        break;
      }
    }
    if (h.electricity.monthly_instalment && resources) {
      std::int64_t current = h.electricity.monthly_instalment->cents();
      if (h.gas.monthly_instalment) current += h.gas.monthly_instalment->cents();
      o.affordable = (o.regular + current) * 100 <= 15 * res ? yes : no;
    }
  }

  // ---- existing plan
  if (h.has_plan) {
    const RepaymentPlan& p = h.plan;
    const std::int64_t pc = p.principal.cents();
    std::int64_t n = p.months < 1 ? 1 : p.months, regular = 0, last = 0;
    for (;; --n) {
      regular = (pc * 2 + n) / (n * 2);
      last = pc - regular * (n - 1);
      if (n == 1 || (last > 0 && regular > 0)) {
        if (n == 1) regular = last = pc;
        break;
      }
    }
    std::int64_t paid = 0;
    for (const Payment& x : p.payments)
      if (x.on.day_number() <= d) paid += x.amount.cents();
    const std::int64_t s = p.signed_on.day_number();
    int due = 0, covered = 0;
    std::int64_t c = 0;
    for (int k = 1; k <= n; ++k) {
      if (plus_months(s, k) < d) due = k;
      c += k == n ? last : regular;
      if (c <= paid && covered == k - 1) covered = k;
    }
    const int missed = due > covered ? due - covered : 0;
    const int status = pc - paid <= 0 ? 3 : missed >= 2 ? 2 : missed > 0 ? 1 : 0;
    o.plan_status = static_cast<std::uint8_t>(1 + status);
  }

  // ---- contacts
  int failed = 0;
  bool reached = false;
  std::int64_t letter_days = -never;
  for (const ContactAttempt& c : h.contact_attempts) {
    const std::int64_t on = c.on.day_number();
    if (on > d) continue;
    if (c.mode == ContactMode::visit) {
      if (c.outcome == ContactOutcome::reached) reached = true;
      else if (c.outcome != ContactOutcome::no_reply) ++failed;
    }
    if (c.mode == ContactMode::letter && c.outcome == ContactOutcome::no_reply) letter_days = std::max(letter_days, d - on);
  }

  // ---- orientation
  const bool notice_urgent = days_until >= 0 && days_until <= 20 && cut_notice == yes;
  const bool referent = h.referent && *h.referent != Referent::none;
  o.route = supply_bad || notice_urgent ? 0 : referent ? 1 : failed >= 3 ? 4
            : letter_days >= 15 || debt_amount >= 100000 ? 3 : 2;
  o.urgency = supply_bad ? 0 : notice_urgent ? 1 : debt_amount > 0 ? 2 : 3;

  auto add = [&](MeasureCode m) { o.measures = static_cast<std::uint16_t>(o.measures | (1u << static_cast<unsigned>(m))); };
  if (o.cheque_status == 0 && ((h.cheque_received && !*h.cheque_received) ||
                               (h.cheque_attestation_sent && !*h.cheque_attestation_sent)))
    add(MeasureCode::cheque_energie_rights);
  if (o.tpn_status == 0 || o.tss_status == 0) add(MeasureCode::social_tariff_rights);
  const bool p_pos = principal > 0, p_fsl = principal >= 50000;
  if (p_pos && conv == yes && o.affordable != no) add(MeasureCode::cme);
  if (p_pos && conv != yes) add(MeasureCode::supplier_plan);
  const bool need = (p_pos && (o.affordable == no || supply_bad)) || p_fsl;
  if (need && fsl_months >= 12) add(MeasureCode::fsl_energy);
  if (need && fsl_months < 12) add(MeasureCode::ccas_aid);
  const bool lapsed = o.plan_status == 3;
  if (lapsed || (p_pos && fsl_months < 12)) add(MeasureCode::budget_support);
  if (reached) add(MeasureCode::eco_kit);
  const bool effort = resources && h.electricity.annual_bill &&
                      (h.electricity.annual_bill->cents() + (h.gas.annual_bill ? h.gas.annual_bill->cents() : 0)) * 100 >
                          8 * res * 12;
  if ((p_pos && fsl_months < 24) || effort) add(MeasureCode::energy_diagnosis);
  if (h.tenure && h.energy_label) {
    const EnergyLabel l = *h.energy_label;
    if (*h.tenure == Tenure::owner && (l == EnergyLabel::F || l == EnergyLabel::G)) add(MeasureCode::housing_renovation);
    if ((*h.tenure == Tenure::tenant_social || *h.tenure == Tenure::tenant_private) &&
        ((l == EnergyLabel::G && d >= jdn(2025, 1, 1)) || (l == EnergyLabel::F && d >= jdn(2028, 1, 1)) ||
         (l == EnergyLabel::E && d >= jdn(2034, 1, 1))))
      add(MeasureCode::landlord_mediation);
  }
  if ((resources && principal >= 0 && principal >= 3 * res) || (lapsed && o.affordable == no))
    add(MeasureCode::over_indebtedness);
  if (h.debt.disputed && *h.debt.disputed) add(MeasureCode::energy_ombudsman);
}

}  // namespace solen::bench
