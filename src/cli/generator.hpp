// Seeded synthetic caseloads: realistic households of energy-poverty signal lists, either as
// typed solen::Household structs (C++ benchmarks, no JSON involved) or as JSON Lines (format 1).
// Header-only so the CLI (`solen generate`) and the benchmarks share one implementation; its
// random numbers are in generator_random.hpp, its reference tables in generator_tables.hpp and
// the JSON writing in household_json.hpp.
//
// Determinism: household i of seed S is a pure function of (S, i, options): the generator uses
// its own splitmix64 stream and integer or +-*/ arithmetic only (no std distributions, no libm),
// so the output is byte-identical across standard libraries, platforms and thread counts.
//
// Distributions (documented in benchmarks/README.md): household sizes after INSEE (≈35 % single,
// couples, single parents, alternating custody), low incomes (RFR by consumption unit), debts
// log-normal with a median of ≈790 € (Secours Catholique), EDF ≈75 %, many social tenants, DPE
// with F/G ≈18 %, supply states, cut notices, contact histories, FSL aids, existing plans,
// ≈1 % objections.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "generator_random.hpp"
#include "generator_tables.hpp"
#include "household_json.hpp"
#include "solen/household.hpp"

namespace solen::gen {

// ---------------------------------------------------------------------------------------------
// Options.

enum class Profile : std::uint8_t {
  lille,     ///< the monthly signal list of a big city: département 59, commune 59350, all in debt
  national,  ///< the national chèque énergie population: every département incl. overseas
};

struct Options {
  std::uint64_t seed = 1;
  int year = 2024;
  Profile profile = Profile::national;
  /// Households carrying their own "as_of" (per mille). The others are anchored on the
  /// reference date (15 June of `year`) and take the evaluation date from --as-of.
  std::uint32_t own_as_of_per_mille = 100;
};

/// The reference date of a caseload: events of households without their own as_of lead up to it.
inline Date reference_date(int year) { return Date(year, 6, 15); }

// ---------------------------------------------------------------------------------------------
// The generator.

class Generator {
 public:
  explicit Generator(const Options& o) : o_(o) {
    ref_ = days_of(reference_date(o.year));
    year_start_ = days_from_civil(o.year, 1, 1);
    year_days_ = static_cast<int>(days_from_civil(o.year + 1, 1, 1) - year_start_);
    std::uint32_t total = 0;
    for (const auto& d : tables::departements) total += d.weight;
    dept_total_ = total;
    for (std::size_t i = 0; i < tables::departement_count; ++i)
      dept_codes_[i] = Code(tables::departements[i].code);
    for (std::size_t i = 0; i < sizeof(tables::suppliers) / sizeof(tables::suppliers[0]); ++i)
      supplier_codes_[i] = Code(tables::suppliers[i]);
    commune_lille_ = Code("59350");
    nord_ = Code("59");
    for (int i = 0; i < 4; ++i) pilot_[i] = Code(std::string_view("07122262" + 2 * i, 2));
  }

  const Options& options() const { return o_; }

  /// Fills `h` with household number `index` (0-based) of this caseload. `h` is cleared first
  /// (keeping the capacity of its lists).
  void household(std::uint64_t index, Household& h) const;

  /// Appends household `index` as one JSON object (format 1) and a newline.
  void json_line(std::uint64_t index, std::string& out) const {
    thread_local Household h;
    household(index, h);
    append_json(h, out);
    out.push_back('\n');
  }

  /// Appends the JSON text (format 1, one line, no newline) of a household.
  void append_json(const Household& h, std::string& out) const;

 private:
  Rng rng_for(std::uint64_t index) const {
    return Rng(mix64(mix64(o_.seed ^ 0x5f1e3a7c2b9d4e61ull) + index * 0x9e3779b97f4a7c15ull));
  }
  std::string_view supplier_name(const Code& c) const {
    for (std::size_t i = 0; i < sizeof(tables::suppliers) / sizeof(tables::suppliers[0]); ++i)
      if (supplier_codes_[i] == c) return tables::suppliers[i];
    return c.text();
  }
  void members(Rng& r, std::int64_t anchor, Household& h) const;
  void income(Rng& r, Household& h) const;
  void energy(Rng& r, Household& h) const;
  void debt(Rng& r, std::int64_t anchor, Household& h) const;
  void history(Rng& r, std::int64_t anchor, Household& h) const;
  void plan(Rng& r, std::int64_t anchor, Household& h) const;

  Options o_;
  std::int64_t ref_ = 0, year_start_ = 0;
  int year_days_ = 365;
  std::uint32_t dept_total_ = 0;
  Code dept_codes_[tables::departement_count];
  Code supplier_codes_[sizeof(tables::suppliers) / sizeof(tables::suppliers[0])];
  Code commune_lille_, nord_;
  Code pilot_[4];  ///< départements of the chèque énergie pilot (2016–2017)
};

// ---------------------------------------------------------------------------------------------
// Implementation.

namespace detail {
inline Money cents(std::int64_t c) { return Money::from_cents(c < 0 ? 0 : c); }
/// Tax parts from quarters, normalised as the parser does (q/g over 4/g).
inline Number parts_of_quarters(std::int64_t q) {
  const std::int64_t g = q % 4 == 0 ? 4 : q % 2 == 0 ? 2 : 1;
  return Number{q / g, 4 / g};
}
}  // namespace detail

inline void Generator::household(std::uint64_t index, Household& h) const {
  h.clear();
  Rng r = rng_for(index);
  const bool lille = o_.profile == Profile::lille;

  // Identifier: LIL-2016-00042 / FR-2024-0000042.
  h.id.append(lille ? "LIL-" : "FR-");
  detail::append_uint(h.id, static_cast<std::uint64_t>(o_.year));
  h.id.push_back('-');
  detail::append_padded(h.id, index + 1, lille ? 5 : 7);

  // Anchor date: the household's own as_of, or the caseload's reference date.
  std::int64_t anchor = ref_;
  if (r.chance(o_.own_as_of_per_mille)) {
    anchor = year_start_ + r.range(0, year_days_ - 1);
    h.as_of = date_of(anchor);
  }

  // Territory.
  if (lille) {
    h.departement = nord_;
    h.commune = commune_lille_;
  } else if (!r.chance(8)) {
    std::uint32_t x = r.below(dept_total_);
    std::size_t i = 0;
    while (x >= tables::departements[i].weight) x -= tables::departements[i++].weight;
    h.departement = dept_codes_[i];
    if (r.chance(850)) {
      std::string c(tables::departements[i].code);
      if (c.size() == 2) detail::append_padded(c, static_cast<std::uint64_t>(r.range(1, 680)), 3);
      else detail::append_padded(c, static_cast<std::uint64_t>(r.range(1, 34)), 2);
      h.commune = Code(c);
    }
  }

  members(r, anchor, h);
  income(r, h);

  // Housing.
  if (r.chance(920)) {
    static constexpr std::uint32_t lille_tenure[] = {110, 440, 360, 60, 30};
    static constexpr std::uint32_t national_tenure[] = {250, 300, 380, 50, 20};
    h.tenure = static_cast<Tenure>(r.pick(lille ? lille_tenure : national_tenure));
    if (r.chance(700)) {
      static constexpr std::uint32_t dpe[] = {15, 35, 110, 340, 320, 120, 60};  // F+G = 18 %
      h.energy_label = static_cast<EnergyLabel>(r.pick(dpe));
    }
    if (r.chance(850)) h.main_residence = !r.chance(20);
  }

  energy(r, h);
  debt(r, anchor, h);
  history(r, anchor, h);
  plan(r, anchor, h);

  if (r.chance(10)) h.objection = true;
}

inline void Generator::members(Rng& r, std::int64_t anchor, Household& h) const {
  // Composition: single, couple, couple with children, single parent, several adults.
  static constexpr std::uint32_t kinds[] = {350, 150, 200, 220, 80};
  const int kind = r.pick(kinds);
  static constexpr std::uint32_t age_bands[] = {80, 300, 300, 150, 120, 50};
  static constexpr int band_lo[] = {18, 25, 40, 55, 65, 80};
  static constexpr int band_hi[] = {24, 39, 54, 64, 79, 95};
  int b = r.pick(age_bands);
  if (kind == 2 || kind == 3) b = b > 3 ? 1 + r.range(0, 2) : (b == 0 ? 1 : b);  // parents
  const int decl_age = r.range(band_lo[b], band_hi[b]);

  auto add = [&](Role role, int age) -> Member& {
    Member& m = h.members.emplace_back();
    m.role = role;
    const int how = r.range(0, 999);
    if (how < 880) {
      // Born `age` years and 0–364 days before the anchor date.
      const Ymd a = civil_from_days(anchor);
      std::int64_t birthday = days_from_civil(a.year - age, a.month, a.day > 28 ? 28 : a.day);
      m.birth_date = date_of(birthday - r.range(0, 364));
    } else if (how < 980) {
      m.age = age;
    }
    return m;
  };
  add(Role::declarant, decl_age);
  if (kind == 1 || kind == 2 || (kind == 4 && r.chance(400))) {
    int a = decl_age + r.range(-6, 6);
    add(Role::spouse, a < 18 ? 18 : a > 99 ? 99 : a);
  }
  if (kind == 2 || kind == 3 || (kind == 4 && r.chance(250))) {
    static constexpr std::uint32_t counts[] = {400, 330, 170, 70, 30};
    const int n = 1 + r.pick(counts);
    const int oldest = decl_age - 17 < 24 ? decl_age - 17 : 24;
    const bool alternating = r.chance(kind == 3 ? 140 : 50);
    for (int i = 0; i < n; ++i) {
      const int age = r.chance(880) ? r.range(0, oldest < 17 ? oldest : 17) : r.range(0, oldest);
      Member& m = add(Role::child, age);
      m.alternating_custody = alternating && age < 18;
    }
  }
  if (kind == 4) {
    const int n = 1 + (r.chance(200) ? 1 : 0);
    for (int i = 0; i < n; ++i) {
      Member& m = add(Role::other, r.range(18, 88));
      m.other_tax_household = r.chance(600);
    }
  }
}

inline void Generator::income(Rng& r, Household& h) const {
  // Consumption units (approximate, for drawing incomes) and tax parts (quarters).
  int adults = 0, minors = 0;
  std::int64_t quarters = 0;
  int children = 0;
  bool spouse = false, separate = false;
  for (const Member& m : h.members) {
    int age = m.age ? *m.age : 30;
    if (m.birth_date) age = o_.year - m.birth_date->year();
    if (age >= 18) ++adults; else ++minors;
    switch (m.role) {
      case Role::declarant: quarters += 4; break;
      case Role::spouse: quarters += 4, spouse = true; break;
      case Role::child: {
        ++children;
        std::int64_t q = children <= 2 ? 2 : 4;
        quarters += m.alternating_custody ? q / 2 : q;
        break;
      }
      case Role::other:
        if (m.other_tax_household) separate = true;
        else quarters += 2;
        break;
    }
  }
  if (!spouse && children > 0) quarters += 2;  // parent isolé
  const std::int64_t uc_hundredths = 100 + 50 * (adults - 1 > 0 ? adults - 1 : 0) + 30 * minors;

  // RFR per UC: signalled households are mostly poor; 8 % declare no taxable income.
  std::int64_t rfr_cents = 0;
  if (!r.chance(80)) {
    const double median = o_.profile == Profile::lille ? 6500.0 : 7000.0;
    const std::int64_t per_uc = lognormal_cents(r, median, 0.55);
    rfr_cents = per_uc * uc_hundredths / 100 / 100 * 100;  // whole euros, as on a tax notice
    if (rfr_cents > 20'000'000) rfr_cents = 20'000'000;
  }
  if (r.chance(850)) {
    h.rfr = detail::cents(rfr_cents);
    if (r.chance(960)) h.rfr_year = o_.year - (r.chance(920) ? 2 : 1);
    if (r.chance(800)) h.tax_parts = detail::parts_of_quarters(quarters);
    if (o_.year >= 2025 && (separate ? r.chance(600) : r.chance(100))) {
      std::int64_t share = separate ? r.range(55, 90) : 100;
      h.holder_rfr = detail::cents(rfr_cents * share / 100 / 100 * 100);
    }
  }
  // Monthly resources: the taxable income plus benefits (RSA, family, housing allowances).
  if (r.chance(800)) {
    std::int64_t res = 0;
    if (!r.chance(5)) {
      std::int64_t base = rfr_cents / 12 * r.range(90, 120) / 100;
      std::int64_t allowance = rfr_cents / uc_hundredths * 100 < 600'000
                                   ? r.range(30'000, 70'000) + 15'000 * minors
                                   : r.range(0, 15'000) * minors;
      res = base + allowance;
      if (res < 30'000) res = 30'000 + r.range(0, 20'000);
    }
    h.monthly_resources = detail::cents(res);
  }
  // Benefits (bits of Household::benefits), by era.
  const bool poor = rfr_cents / uc_hundredths * 100 < 550'000;
  auto set = [&](Benefit b) { h.benefits |= 1u << static_cast<unsigned>(b); };
  if (r.chance(poor ? 380 : 50)) set(Benefit::rsa);
  if (o_.year < 2020 && r.chance(poor ? 400 : 40)) set(Benefit::cmu_c);
  if (o_.year >= 2019 && r.chance(poor ? 380 : 60)) set(Benefit::css);
  if (o_.year >= 2013 && o_.year < 2020 && r.chance(poor ? 80 : 140)) set(Benefit::acs);
  if (r.chance(70)) set(Benefit::aah);
  const Member& d = h.members.front();
  const int decl_age = d.birth_date ? o_.year - d.birth_date->year() : d.age.value_or(40);
  if (decl_age >= 65 && r.chance(250)) set(Benefit::aspa);
}

inline void Generator::energy(Rng& r, Household& h) const {
  const bool lille = o_.profile == Profile::lille;
  static constexpr std::uint32_t lille_heating[] = {300, 420, 20, 10, 30, 150, 70};
  static constexpr std::uint32_t national_heating[] = {380, 330, 80, 25, 50, 100, 35};
  const Heating heating = static_cast<Heating>(r.pick(lille ? lille_heating : national_heating));
  if (r.chance(850)) h.main_heating = heating;
  const int size = static_cast<int>(h.members.size());

  if (r.chance(970)) {
    h.has_electricity = true;
    ElectricityContract& e = h.electricity;
    if (r.chance(950)) e.supplier = supplier_codes_[r.pick(tables::electricity_supplier_weights)];
    if (r.chance(850)) {
      static constexpr std::uint32_t kva[] = {120, 560, 230, 70, 20};
      static constexpr int kva_value[] = {3, 6, 9, 12, 15};
      int k = r.pick(kva);
      if (heating == Heating::electricity && k < 2 && r.chance(500)) k = 2;
      e.subscribed_kva = kva_value[k];
    }
    if (r.chance(700)) {
      static constexpr std::uint32_t linky[] = {50, 150, 300, 500, 650, 800, 900};
      const int i = o_.year <= 2016 ? 0 : o_.year >= 2022 ? 6 : o_.year - 2016;
      e.smart_meter = r.chance(linky[i]);
    }
    std::int64_t bill = heating == Heating::electricity ? r.range(90'000, 240'000) : r.range(35'000, 100'000);
    bill += 8'000 * (size - 1);
    if (r.chance(50)) bill = bill * r.range(5, 40) / 100;  // a contract of a few months
    if (r.chance(750)) e.annual_bill = detail::cents(bill);
    if (r.chance(700)) e.monthly_instalment = detail::cents(bill / 11);
  }

  const bool gas_heating = heating == Heating::gas;
  const bool collective = heating == Heating::collective;
  if (r.chance(gas_heating ? 950 : collective ? 400 : 200)) {
    h.has_gas = true;
    GasContract& g = h.gas;
    if (r.chance(920)) g.supplier = supplier_codes_[r.pick(tables::gas_supplier_weights)];
    std::int64_t kwh = gas_heating ? r.range(6'000, 20'000) : collective ? 0 : r.range(300, 1'500);
    if (r.chance(800) && !collective) g.annual_kwh = kwh;
    if (r.chance(950)) g.individual_contract = !collective;
    if (r.chance(900)) g.collective_heating = collective;
    if (!collective) {
      std::int64_t bill = kwh * 9 + 20'000;  // ≈ 0.09 €/kWh + subscription, in cents
      if (r.chance(50)) bill = bill * r.range(5, 40) / 100;  // a contract of a few months
      if (r.chance(700)) g.annual_bill = detail::cents(bill);
      if (r.chance(600)) g.monthly_instalment = detail::cents(bill / 11);
    }
  }
}

inline void Generator::debt(Rng& r, std::int64_t anchor, Household& h) const {
  if (!r.chance(o_.profile == Profile::lille ? 1000 : 650)) return;
  h.has_debt = true;
  Debt& d = h.debt;
  std::int64_t amount = lognormal_cents(r, 790.0, 0.85);  // median ≈ 790 € (Secours Catholique)
  if (amount < 1'500) amount = 1'500 + r.range(0, 3'000);
  if (amount > 2'500'000) amount = 2'500'000;
  if (r.chance(970)) d.amount = detail::cents(amount);
  const bool gas_debt = h.has_gas && r.chance(250);
  if (r.chance(900)) d.energy = gas_debt ? EnergyKind::gas : EnergyKind::electricity;
  if (r.chance(750)) {
    Code s = gas_debt ? h.gas.supplier : h.electricity.supplier;
    d.supplier = s.empty() ? supplier_codes_[r.chance(700) ? 0 : 1] : s;
  }
  std::int64_t signalled = anchor - r.range(2, 75);
  if (r.chance(950)) d.signalled_on = date_of(signalled);
  if (r.chance(300)) d.cut_notice_on = date_of(signalled + r.range(7, 50));
  if (r.chance(920)) {
    static constexpr std::uint32_t states[] = {880, 50, 25, 45};
    SupplyState s = static_cast<SupplyState>(r.pick(states));
    if (s == SupplyState::limited_1kva && o_.year < 2019) s = SupplyState::reduced;
    d.supply_state = s;
  }
  if (r.chance(50)) d.signed_on = date_of(anchor + r.range(0, 14));
  if (r.chance(250)) d.disputed = r.chance(80);
  if (r.chance(180)) {
    const int n = r.chance(800) ? 1 : 2;
    for (int i = 0; i < n; ++i) {
      static constexpr std::uint32_t kinds[] = {350, 250, 100, 200, 100};
      DeductionKind k = static_cast<DeductionKind>(r.pick(kinds));
      if (k == DeductionKind::cheque_energie && o_.year < 2018) k = DeductionKind::fsl_grant;
      static constexpr int lo[] = {100, 50, 20, 30, 48}, hi[] = {600, 300, 200, 250, 277};
      const int ki = static_cast<int>(k);
      d.deductions.push_back({k, Money::from_cents(r.range(lo[ki], hi[ki]) * 100)});
    }
  }
}

inline void Generator::history(Rng& r, std::int64_t anchor, Household& h) const {
  // Aids received in the past (FSL energy aids, CCAS and supplier aids).
  if (r.chance(280)) {
    const int n = r.chance(780) ? 1 : 2;
    std::int64_t on = anchor - r.range(30, 1'460);
    for (int i = 0; i < n; ++i) {
      Aid& a = h.aids.emplace_back();
      static constexpr std::uint32_t kinds[] = {700, 200, 70, 30};
      a.kind = static_cast<AidKind>(r.pick(kinds));
      if (r.chance(950)) a.on = date_of(on);
      if (r.chance(900)) a.amount = Money::from_cents(r.range(150, 700) * 100);
      on -= r.range(200, 900);
    }
  }
  // Chèque énergie: received, attestation sent to the supplier.
  if (r.chance(550)) {
    const bool in_force = o_.year >= 2018 || h.departement == pilot_[0] ||
                          h.departement == pilot_[1] || h.departement == pilot_[2] ||
                          h.departement == pilot_[3];
    if (r.chance(900)) h.cheque_received = in_force ? r.chance(650) : r.chance(50);
    if (r.chance(700)) h.cheque_attestation_sent = r.chance(400);
  }
  // Follow-up by a social worker.
  if (r.chance(800)) {
    static constexpr std::uint32_t referents[] = {500, 180, 180, 100, 40};
    h.referent = static_cast<Referent>(r.pick(referents));
  }
  // Contact attempts since the signal: letters, home visits, phone calls.
  static constexpr std::uint32_t counts[] = {280, 250, 170, 130, 90, 50, 30};
  const int n = r.pick(counts);
  std::int64_t on = h.debt.signalled_on ? days_of(*h.debt.signalled_on) + 1 : anchor - 60;
  const bool hard_to_reach = r.chance(150);  // rarely at home: the seed's "absent" households
  bool failed_visit = false;
  for (int i = 0; i < n; ++i) {
    on += r.range(1, 12);
    if (on > anchor + 5) break;
    ContactAttempt& c = h.contact_attempts.emplace_back();
    c.on = date_of(on);
    static constexpr std::uint32_t modes[] = {480, 420, 100};
    c.mode = i == 0 && r.chance(700)      ? ContactMode::letter
             : failed_visit && r.chance(700) ? ContactMode::visit
                                             : static_cast<ContactMode>(r.pick(modes));
    switch (c.mode) {
      case ContactMode::letter:
        c.outcome = r.chance(700) ? ContactOutcome::no_reply : ContactOutcome::reached;
        break;
      case ContactMode::visit: {
        static constexpr std::uint32_t outcomes[] = {450, 200, 80, 270};
        static constexpr std::uint32_t hard_outcomes[] = {600, 300, 50, 50};
        c.outcome = static_cast<ContactOutcome>(r.pick(hard_to_reach ? hard_outcomes : outcomes));
        failed_visit = c.outcome != ContactOutcome::reached;
        break;
      }
      case ContactMode::phone:
        c.outcome = r.chance(550) ? ContactOutcome::reached : ContactOutcome::no_reply;
        break;
    }
  }
}

inline void Generator::plan(Rng& r, std::int64_t anchor, Household& h) const {
  // An existing repayment plan (CME with the convention supplier, or a supplier plan).
  if (!r.chance(140)) return;
  h.has_plan = true;
  RepaymentPlan& p = h.plan;
  const bool edf = h.electricity.supplier == supplier_codes_[0];
  p.kind = edf && r.chance(800) ? PlanKind::cme : PlanKind::supplier_plan;
  p.months = p.kind == PlanKind::cme ? 10 : (r.chance(800) ? 6 : 12);
  std::int64_t principal = lognormal_cents(r, 600.0, 0.7);
  if (principal < 10'000) principal = 10'000 + r.range(0, 5'000);
  if (principal > 1'000'000) principal = 1'000'000;
  p.principal = Money::from_cents(principal);
  // Scenario: on track, late (one instalment missed), lapsed (stopped paying), completed.
  static constexpr std::uint32_t scenarios[] = {450, 200, 250, 100};
  const int scenario = r.pick(scenarios);
  const int back = scenario == 3 ? p.months + r.range(1, 4) : r.range(1, 13);
  const std::int64_t signed_on = plus_months(anchor, -back) - r.range(0, 20);
  p.signed_on = date_of(signed_on);
  const std::int64_t n = p.months;
  const std::int64_t regular = (principal * 2 + n) / (n * 2);
  const std::int64_t last = principal - regular * (n - 1);
  int due = 0;
  for (int k = 1; k <= p.months && plus_months(signed_on, k) < anchor; ++k) due = k;
  int paid = due;
  if (scenario == 1) paid = due > 0 ? due - 1 : 0;
  if (scenario == 2) paid = due >= 2 ? r.range(0, due - 2) : 0;
  if (scenario == 3) paid = p.months;
  for (int k = 1; k <= paid; ++k) {
    std::int64_t amount = k == p.months ? last : regular;
    if (amount <= 0) continue;
    if (r.chance(100)) amount = (amount + 99) / 100 * 100;  // rounded up to the euro
    p.payments.push_back({date_of(plus_months(signed_on, k) - r.range(0, 5)), Money::from_cents(amount)});
  }
}

inline void Generator::append_json(const Household& h, std::string& out) const {
  append_household_json(h, out, [this](const Code& c) { return supplier_name(c); });
}

}  // namespace solen::gen
