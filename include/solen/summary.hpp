// Caseload summary: counts by status, route, urgency and measure; totals of chèques and debts.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "solen/decision.hpp"
#include "solen/decision_writer.hpp"

namespace solen {
inline namespace v1 {

/// Built from typed decisions (add) while evaluating, or from decision JSON (see cli). Additive:
/// per-thread summaries merge into one.
struct Summary {
  std::uint64_t households = 0;
  std::array<std::uint64_t, 3> status{};      ///< ok, error, excluded
  std::array<std::uint64_t, 5> route{};
  std::array<std::uint64_t, 4> urgency{};
  std::array<std::uint64_t, measure_code_count> measure{};
  std::array<std::uint64_t, 4> cheque_status{};
  std::int64_t cheque_total_cents = 0;
  std::int64_t social_tariff_total_cents = 0;
  std::int64_t exceptional_total_cents = 0;
  std::int64_t debt_total_cents = 0;
  std::int64_t scheduled_total_cents = 0;
  std::uint64_t cme = 0, supplier_plans = 0, lapsed_plans = 0;

  void add(const Decision& d) {
    ++households;
    ++status[static_cast<int>(d.status)];
    if (d.status != DecisionStatus::ok) return;
    ++route[static_cast<int>(d.orientation.route)];
    ++urgency[static_cast<int>(d.orientation.urgency)];
    for (const Measure& m : d.orientation.measures) ++measure[static_cast<int>(m.code)];
    ++cheque_status[static_cast<int>(d.cheque_energie.status)];
    if (d.cheque_energie.status == TariffStatus::eligible && d.cheque_energie.amount)
      cheque_total_cents += d.cheque_energie.amount->cents();
    for (const TariffAnswer* t : {&d.tpn, &d.tss})
      if (t->status == TariffStatus::eligible && t->amount) social_tariff_total_cents += t->amount->cents();
    for (const ExceptionalAnswer& x : d.exceptional)
      if (x.status == TariffStatus::eligible && x.amount) exceptional_total_cents += x.amount->cents();
    if (d.schedule.present) {
      debt_total_cents += d.schedule.debt.cents();
      scheduled_total_cents += d.schedule.plan.principal.cents();
      ++(d.schedule.kind == PlanKind::cme ? cme : supplier_plans);
    }
    if (d.existing_plan.present && d.existing_plan.assessment.status == PlanStatus::lapsed) ++lapsed_plans;
  }

  void merge(const Summary& o) {
    households += o.households;
    for (std::size_t i = 0; i < status.size(); ++i) status[i] += o.status[i];
    for (std::size_t i = 0; i < route.size(); ++i) route[i] += o.route[i];
    for (std::size_t i = 0; i < urgency.size(); ++i) urgency[i] += o.urgency[i];
    for (std::size_t i = 0; i < measure.size(); ++i) measure[i] += o.measure[i];
    for (std::size_t i = 0; i < cheque_status.size(); ++i) cheque_status[i] += o.cheque_status[i];
    cheque_total_cents += o.cheque_total_cents;
    social_tariff_total_cents += o.social_tariff_total_cents;
    exceptional_total_cents += o.exceptional_total_cents;
    debt_total_cents += o.debt_total_cents;
    scheduled_total_cents += o.scheduled_total_cents;
    cme += o.cme;
    supplier_plans += o.supplier_plans;
    lapsed_plans += o.lapsed_plans;
  }

  /// Human-readable report (French labels, like the programme's yearly results).
  std::string to_text() const {
    std::string s;
    auto line = [&](const std::string& k, std::uint64_t v) { s += "  " + k + std::string(k.size() < 28 ? 28 - k.size() : 1, ' ') + std::to_string(v) + "\n"; };
    auto money = [](std::int64_t c) { return Money::from_cents(c).to_string() + " €"; };
    s += "Ménages traités : " + std::to_string(households) + "\n";
    static constexpr const char* st[] = {"ok", "error", "excluded"};
    s += "Statut\n";
    for (int i = 0; i < 3; ++i) line(st[i], status[static_cast<std::size_t>(i)]);
    s += "Voie de contact\n";
    for (int i = 0; i < 5; ++i) line(std::string(names::route[i]), route[static_cast<std::size_t>(i)]);
    s += "Urgence\n";
    for (int i = 0; i < 4; ++i) line(std::string(names::urgency[i]), urgency[static_cast<std::size_t>(i)]);
    s += "Mesures proposées\n";
    for (int i = 0; i < measure_code_count; ++i) line(std::string(names::measure[i]), measure[static_cast<std::size_t>(i)]);
    s += "Chèque énergie\n";
    for (int i = 0; i < 4; ++i) line(std::string(names::tariff_status[i]), cheque_status[static_cast<std::size_t>(i)]);
    s += "Totaux\n";
    s += "  chèques énergie             " + money(cheque_total_cents) + "\n";
    s += "  tarifs sociaux (TPN, TSS)   " + money(social_tariff_total_cents) + "\n";
    s += "  chèques exceptionnels       " + money(exceptional_total_cents) + "\n";
    s += "  dettes signalées            " + money(debt_total_cents) + "\n";
    s += "  dettes échelonnées          " + money(scheduled_total_cents) + "\n";
    line("contrats maintien énergie", cme);
    line("échéanciers fournisseur", supplier_plans);
    line("plans rompus", lapsed_plans);
    return s;
  }

  std::string to_json() const {
    std::string s = "{\"households\":" + std::to_string(households);
    static constexpr const char* st[] = {"ok", "error", "excluded"};
    auto obj = [&](const auto& arr, auto name_of, std::size_t n) {
      s.push_back('{');
      for (std::size_t i = 0; i < n; ++i) {
        if (i) s.push_back(',');
        detail::json_string(s, name_of(i));
        s += ":" + std::to_string(arr[i]);
      }
      s.push_back('}');
    };
    s += ",\"status\":";
    obj(status, [](std::size_t i) { return std::string_view(st[i]); }, 3);
    s += ",\"route\":";
    obj(route, [](std::size_t i) { return names::route[i]; }, 5);
    s += ",\"urgency\":";
    obj(urgency, [](std::size_t i) { return names::urgency[i]; }, 4);
    s += ",\"measures\":";
    obj(measure, [](std::size_t i) { return names::measure[i]; }, static_cast<std::size_t>(measure_code_count));
    s += ",\"cheque_energie_status\":";
    obj(cheque_status, [](std::size_t i) { return names::tariff_status[i]; }, 4);
    auto m = [](std::int64_t c) { return "\"" + Money::from_cents(c).to_string() + "\""; };
    s += ",\"totals\":{\"cheque_energie\":" + m(cheque_total_cents) + ",\"social_tariffs\":" + m(social_tariff_total_cents) +
         ",\"exceptional\":" + m(exceptional_total_cents) + ",\"debts\":" + m(debt_total_cents) +
         ",\"scheduled\":" + m(scheduled_total_cents) + "},\"cme\":" + std::to_string(cme) +
         ",\"supplier_plans\":" + std::to_string(supplier_plans) + ",\"lapsed_plans\":" + std::to_string(lapsed_plans) + "}";
    return s;
  }
};

}  // namespace v1
}  // namespace solen
