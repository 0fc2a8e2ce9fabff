// French prose for one decision: what the household gets, why, under which text, what is missing.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "solen/decision.hpp"
#include "solen/rulepack.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

inline std::string euros(const std::optional<Money>& m) {
  if (!m) return "montant à déterminer";
  std::string s = m->to_string();
  s[s.size() - 3] = ',';
  return s + " €";
}

inline void prose_reasons(std::string& s, const std::vector<Reason>& rs, const char* indent = "    ") {
  for (const Reason& r : rs) {
    s += indent;
    s += "• ";
    s += r.text;
    if (!r.reference.empty()) s += " (" + std::string(r.reference) + ")";
    s += " [" + std::string(r.rule_id) + "]\n";
  }
}

inline void prose_missing(std::string& s, MissingSet m, const char* indent = "    ") {
  if (m.empty()) return;
  s += indent;
  s += "À compléter : ";
  bool first = true;
  for (int i = 0; i < static_cast<int>(Input::count); ++i)
    if (m.has(static_cast<Input>(i))) {
      if (!first) s += ", ";
      first = false;
      s += input_paths[i];
    }
  s += ".\n";
}

inline const char* status_fr(TariffStatus st) {
  switch (st) {
    case TariffStatus::eligible: return "droit ouvert";
    case TariffStatus::not_eligible: return "pas de droit";
    case TariffStatus::to_verify: return "à vérifier (informations manquantes)";
    case TariffStatus::not_in_force: return "dispositif non en vigueur à cette date";
  }
  return "";
}

inline void prose_tariff(std::string& s, const char* name, const TariffAnswer& t) {
  s += "  " + std::string(name) + " : " + status_fr(t.status);
  if (t.status == TariffStatus::eligible) {
    if (t.reduction_rate) s += ", réduction de " + (Number{t.reduction_rate->num * 100, t.reduction_rate->den}).to_decimal() + " %";
    else s += ", " + euros(t.amount) + " par an";
  }
  if (t.uc) s += " (" + t.uc->to_decimal() + " UC)";
  s += ".\n";
  prose_reasons(s, t.reasons);
  prose_missing(s, t.missing);
}

}  // namespace detail

/// The decision as French prose for a social worker. Best with a decision evaluated with reasons.
inline std::string explain(const Decision& d, const CompiledPack& p) {
  using namespace detail;
  std::string s;
  if (d.status == DecisionStatus::excluded)
    return "Le ménage s'est opposé à la transmission de ses données (décret n° 2008-780, art. 2) : "
           "aucun traitement.\n";
  if (d.status == DecisionStatus::error)
    return "Le dossier ne peut pas être évalué : " + d.error.message + " (champ " + d.error.path + ").\n";
  s += "Ménage " + d.id + " — situation au " + d.as_of.to_string() + "\n";
  s += "Règles : " + p.id + " version " + p.version + " (empreinte " + p.sha256.substr(0, 12) + "…)\n\n";
  s += "1. Droits aux aides\n";
  prose_tariff(s, "Chèque énergie", d.cheque_energie);
  if (d.tpn.status != TariffStatus::not_in_force) prose_tariff(s, "Tarif de première nécessité (électricité)", d.tpn);
  if (d.tss.status != TariffStatus::not_in_force) prose_tariff(s, "Tarif spécial de solidarité (gaz)", d.tss);
  for (const ExceptionalAnswer& x : d.exceptional) {
    s += "  Chèque exceptionnel " + std::string(x.scheme) + " : " + status_fr(x.status);
    if (x.status == TariffStatus::eligible) s += ", " + euros(x.amount);
    s += ".\n";
    prose_reasons(s, x.reasons);
  }
  const Protections& pr = d.protections;
  s += "\n2. Protections\n";
  auto yn = [](const std::optional<bool>& b, const char* yes, const char* no) {
    return std::string(!b ? "à vérifier" : *b ? yes : no);
  };
  s += "  Trêve hivernale : " + yn(pr.winter_truce, "oui", "non") + " ; coupure : " +
       yn(pr.cut_allowed, "possible", "interdite") + " ; réduction de puissance : " +
       yn(pr.power_reduction_allowed, "possible", "interdite") + ".\n";
  if (pr.notice_days) s += "  Délai après le premier courrier : " + std::to_string(*pr.notice_days) + " jours.\n";
  if (pr.reduced_power_min_kva) s += "  Puissance minimale en cas de réduction : " + std::to_string(*pr.reduced_power_min_kva) + " kVA.\n";
  if (pr.days_at_1kva_before_cut) s += "  Au moins " + std::to_string(*pr.days_at_1kva_before_cut) + " jours à 1 kVA avant toute coupure.\n";
  prose_reasons(s, pr.reasons);
  prose_missing(s, pr.missing);
  s += "\n3. Dette\n";
  if (!d.schedule.present) {
    s += "  Aucune dette à échelonner.\n";
  } else {
    const Schedule& pl = d.schedule.plan;
    s += std::string("  ") + (d.schedule.kind == PlanKind::cme ? "Contrat Maintien Énergie" : "Échéancier fournisseur") +
         " : dette " + euros(d.schedule.debt) + ", déductions " + euros(d.schedule.deductions) + ", reste " +
         euros(pl.principal) + " en " + std::to_string(pl.months) + " mensualités";
    if (pl.months > 1) s += " de " + euros(pl.regular) + " (dernière : " + euros(pl.last) + ")";
    s += ", première échéance le " + pl.due(1).to_string() + ".\n";
    if (d.schedule.affordable)
      s += std::string("  Plan ") + (*d.schedule.affordable ? "supportable" : "trop lourd") + " : taux d'effort " +
           (Number{d.schedule.effort_rate->num * 100, d.schedule.effort_rate->den}).to_fixed(1) + " %.\n";
    prose_reasons(s, d.schedule.reasons);
    prose_missing(s, d.schedule.missing);
  }
  if (d.existing_plan.present) {
    static constexpr const char* st[] = {"en cours", "en retard", "rompu", "soldé"};
    const PlanAssessment& a = d.existing_plan.assessment;
    s += std::string("  Plan existant : ") + st[static_cast<int>(a.status)] + ", payé " + euros(a.paid) + ", reste " +
         euros(a.remaining) + ", " + std::to_string(a.missed) + " échéance(s) manquée(s).\n";
    if (d.existing_plan.has_reschedule)
      s += "  Nouveau plan pour le solde : " + std::to_string(d.existing_plan.reschedule.months) + " mensualités de " +
           euros(d.existing_plan.reschedule.regular) + ".\n";
    prose_reasons(s, d.existing_plan.reasons);
  }
  const Orientation& o = d.orientation;
  static constexpr const char* routes[] = {"en urgence", "par son référent social", "par courrier",
                                           "par une visite à domicile", "par une invitation à un atelier collectif"};
  static constexpr const char* urg[] = {"critique", "haute", "normale", "basse"};
  s += "\n4. Orientation\n  Contacter le ménage " + std::string(routes[static_cast<int>(o.route)]) + " ; urgence " +
       urg[static_cast<int>(o.urgency)] + ".\n";
  prose_reasons(s, o.reasons);
  for (const Measure& m : o.measures) {
    auto sp = p.service_points.find(std::string(m.where));
    s += "  → " + std::string(names::measure[static_cast<int>(m.code)]) + " — " +
         (sp != p.service_points.end() ? sp->second.label : std::string(m.where)) + "\n";
    prose_reasons(s, m.reasons, "      ");
  }
  prose_missing(s, o.missing);
  if (!d.warnings.empty() || !d.pack_warnings.empty()) {
    s += "\nAvertissements\n";
    for (const auto& w : d.pack_warnings) s += "  - " + std::string(w.second) + "\n";
    for (const Warning& w : d.warnings) s += "  - " + w.message + "\n";
  }
  return s;
}

}  // namespace v1
}  // namespace solen
