// A household as one line of JSON (input format 1), written without a JSON library: the caseload
// generator's output, which the household parser reads back to the same struct.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "generator_random.hpp"
#include "solen/household.hpp"

namespace solen::gen {

namespace detail {
inline void append_uint(std::string& out, std::uint64_t v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) out.push_back(buf[--n]);
}
inline void append_padded(std::string& out, std::uint64_t v, int width) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n < width) buf[n++] = '0';
  while (n) out.push_back(buf[--n]);
}
inline void append_date(std::string& out, const Date& d) {
  const Ymd c = civil_from_days(days_of(d));
  char b[10] = {static_cast<char>('0' + c.year / 1000), static_cast<char>('0' + c.year / 100 % 10),
                static_cast<char>('0' + c.year / 10 % 10), static_cast<char>('0' + c.year % 10), '-',
                static_cast<char>('0' + c.month / 10), static_cast<char>('0' + c.month % 10), '-',
                static_cast<char>('0' + c.day / 10), static_cast<char>('0' + c.day % 10)};
  out.push_back('"');
  out.append(b, 10);
  out.push_back('"');
}
inline void append_money(std::string& out, const Money& m) {
  std::int64_t c = m.cents();
  out.push_back('"');
  append_uint(out, static_cast<std::uint64_t>(c / 100));
  out.push_back('.');
  out.push_back(static_cast<char>('0' + c % 100 / 10));
  out.push_back(static_cast<char>('0' + c % 10));
  out.push_back('"');
}
inline void append_string(std::string& out, std::string_view s) {
  out.push_back('"');
  out.append(s.data(), s.size());  // generated identifiers and names need no escaping
  out.push_back('"');
}
/// Quarter-multiples as a plain decimal: 1, 1.25, 2.5, 3.75.
inline void append_parts(std::string& out, const Number& n) {
  std::int64_t q = n.num * 4 / n.den;
  append_uint(out, static_cast<std::uint64_t>(q / 4));
  static constexpr const char* frac[] = {"", ".25", ".5", ".75"};
  out.append(frac[q % 4]);
}
}  // namespace detail

/// Appends the JSON text (format 1, one line, no newline) of a household; `supplier_name` gives
/// the spelling of a supplier's code.
template <class SupplierName>
void append_household_json(const Household& h, std::string& out, SupplierName&& supplier_name) {
  using detail::append_date;
  using detail::append_money;
  using detail::append_string;
  using detail::append_uint;
  out.append("{\"id\":");
  append_string(out, h.id);
  if (h.as_of) out.append(",\"as_of\":"), append_date(out, *h.as_of);
  if (!h.departement.empty() || !h.commune.empty()) {
    out.append(",\"territory\":{");
    bool first = true;
    if (!h.departement.empty()) out.append("\"departement\":"), append_string(out, h.departement.text()), first = false;
    if (!h.commune.empty()) out.append(first ? "" : ","), out.append("\"commune\":"), append_string(out, h.commune.text());
    out.push_back('}');
  }
  out.append(",\"members\":[");
  static constexpr const char* roles[] = {"declarant", "spouse", "child", "other"};
  for (std::size_t i = 0; i < h.members.size(); ++i) {
    const Member& m = h.members[i];
    if (i) out.push_back(',');
    out.append("{\"role\":\"").append(roles[static_cast<int>(m.role)]).push_back('"');
    if (m.birth_date) out.append(",\"birth_date\":"), append_date(out, *m.birth_date);
    if (m.age) out.append(",\"age\":"), append_uint(out, static_cast<std::uint64_t>(*m.age));
    if (m.alternating_custody) out.append(",\"alternating_custody\":true");
    if (m.other_tax_household) out.append(",\"other_tax_household\":true");
    out.push_back('}');
  }
  out.push_back(']');
  if (h.rfr || h.rfr_year || h.holder_rfr || h.tax_parts || h.monthly_resources) {
    out.append(",\"income\":{");
    const char* sep = "";
    if (h.rfr) out.append("\"rfr\":"), append_money(out, *h.rfr), sep = ",";
    if (h.rfr_year) out.append(sep).append("\"rfr_year\":"), append_uint(out, static_cast<std::uint64_t>(*h.rfr_year)), sep = ",";
    if (h.holder_rfr) out.append(sep).append("\"holder_rfr\":"), append_money(out, *h.holder_rfr), sep = ",";
    if (h.tax_parts) out.append(sep).append("\"tax_parts\":"), detail::append_parts(out, *h.tax_parts), sep = ",";
    if (h.monthly_resources) out.append(sep).append("\"monthly_resources\":"), append_money(out, *h.monthly_resources);
    out.push_back('}');
  }
  if (h.benefits) {
    static constexpr const char* names[] = {"cmu_c", "acs", "css", "rsa", "aah", "aspa"};
    out.append(",\"benefits\":[");
    const char* sep = "";
    for (unsigned b = 0; b < 6; ++b)
      if ((h.benefits >> b) & 1u) out.append(sep).append("\"").append(names[b]).append("\""), sep = ",";
    out.push_back(']');
  }
  if (h.tenure || h.energy_label || h.main_residence) {
    static constexpr const char* tenures[] = {"owner", "tenant_social", "tenant_private", "hosted", "social_residence"};
    out.append(",\"housing\":{");
    const char* sep = "";
    if (h.tenure) out.append("\"tenure\":\"").append(tenures[static_cast<int>(*h.tenure)]).append("\""), sep = ",";
    if (h.energy_label) {
      out.append(sep).append("\"energy_label\":\"").push_back(static_cast<char>('A' + static_cast<int>(*h.energy_label)));
      out.push_back('"');
      sep = ",";
    }
    if (h.main_residence) out.append(sep).append(*h.main_residence ? "\"main_residence\":true" : "\"main_residence\":false");
    out.push_back('}');
  }
  if (h.has_electricity || h.has_gas || h.main_heating) {
    out.append(",\"energy\":{");
    const char* sep = "";
    if (h.has_electricity) {
      const ElectricityContract& e = h.electricity;
      out.append("\"electricity\":{");
      const char* s = "";
      if (!e.supplier.empty()) out.append("\"supplier\":"), append_string(out, supplier_name(e.supplier)), s = ",";
      if (e.subscribed_kva) out.append(s).append("\"subscribed_kva\":"), append_uint(out, static_cast<std::uint64_t>(*e.subscribed_kva)), s = ",";
      if (e.smart_meter) out.append(s).append(*e.smart_meter ? "\"smart_meter\":true" : "\"smart_meter\":false"), s = ",";
      if (e.annual_bill) out.append(s).append("\"annual_bill\":"), append_money(out, *e.annual_bill), s = ",";
      if (e.monthly_instalment) out.append(s).append("\"monthly_instalment\":"), append_money(out, *e.monthly_instalment);
      out.push_back('}');
      sep = ",";
    }
    if (h.has_gas) {
      const GasContract& g = h.gas;
      out.append(sep).append("\"gas\":{");
      const char* s = "";
      if (!g.supplier.empty()) out.append("\"supplier\":"), append_string(out, supplier_name(g.supplier)), s = ",";
      if (g.annual_kwh) out.append(s).append("\"annual_kwh\":"), append_uint(out, static_cast<std::uint64_t>(*g.annual_kwh)), s = ",";
      if (g.individual_contract) out.append(s).append(*g.individual_contract ? "\"individual_contract\":true" : "\"individual_contract\":false"), s = ",";
      if (g.collective_heating) out.append(s).append(*g.collective_heating ? "\"collective_heating\":true" : "\"collective_heating\":false"), s = ",";
      if (g.annual_bill) out.append(s).append("\"annual_bill\":"), append_money(out, *g.annual_bill), s = ",";
      if (g.monthly_instalment) out.append(s).append("\"monthly_instalment\":"), append_money(out, *g.monthly_instalment);
      out.push_back('}');
      sep = ",";
    }
    if (h.main_heating) {
      static constexpr const char* heatings[] = {"electricity", "gas", "fuel_oil", "wood_pellets", "wood_logs", "collective", "other"};
      out.append(sep).append("\"main_heating\":\"").append(heatings[static_cast<int>(*h.main_heating)]).push_back('"');
    }
    out.push_back('}');
  }
  if (h.has_debt) {
    const Debt& d = h.debt;
    out.append(",\"debt\":{");
    const char* s = "";
    if (d.amount) out.append("\"amount\":"), append_money(out, *d.amount), s = ",";
    if (d.energy) out.append(s).append(*d.energy == EnergyKind::gas ? "\"energy\":\"gas\"" : "\"energy\":\"electricity\""), s = ",";
    if (!d.supplier.empty()) out.append(s).append("\"supplier\":"), append_string(out, supplier_name(d.supplier)), s = ",";
    if (d.signalled_on) out.append(s).append("\"signalled_on\":"), append_date(out, *d.signalled_on), s = ",";
    if (d.cut_notice_on) out.append(s).append("\"cut_notice_on\":"), append_date(out, *d.cut_notice_on), s = ",";
    if (d.signed_on) out.append(s).append("\"signed_on\":"), append_date(out, *d.signed_on), s = ",";
    if (d.supply_state) {
      static constexpr const char* states[] = {"normal", "reduced", "limited_1kva", "cut"};
      out.append(s).append("\"supply_state\":\"").append(states[static_cast<int>(*d.supply_state)]).push_back('"');
      s = ",";
    }
    if (d.disputed) out.append(s).append(*d.disputed ? "\"disputed\":true" : "\"disputed\":false"), s = ",";
    if (!d.deductions.empty()) {
      static constexpr const char* kinds[] = {"fsl_grant", "ccas_aid", "supplier_writeoff", "upfront_payment", "cheque_energie"};
      out.append(s).append("\"deductions\":[");
      for (std::size_t i = 0; i < d.deductions.size(); ++i) {
        out.append(i ? ",{\"kind\":\"" : "{\"kind\":\"").append(kinds[static_cast<int>(d.deductions[i].kind)]);
        out.append("\",\"amount\":"), append_money(out, d.deductions[i].amount), out.push_back('}');
      }
      out.push_back(']');
    }
    out.push_back('}');
  }
  if (!h.aids.empty()) {
    static constexpr const char* kinds[] = {"fsl_energy", "ccas_aid", "supplier_aid", "other"};
    out.append(",\"aids\":[");
    for (std::size_t i = 0; i < h.aids.size(); ++i) {
      const Aid& a = h.aids[i];
      out.append(i ? ",{\"kind\":\"" : "{\"kind\":\"").append(kinds[static_cast<int>(a.kind)]).push_back('"');
      if (a.on) out.append(",\"on\":"), append_date(out, *a.on);
      if (a.amount) out.append(",\"amount\":"), append_money(out, *a.amount);
      out.push_back('}');
    }
    out.push_back(']');
  }
  if (h.cheque_received || h.cheque_attestation_sent) {
    out.append(",\"cheque_energie\":{");
    if (h.cheque_received) out.append(*h.cheque_received ? "\"received\":true" : "\"received\":false");
    if (h.cheque_attestation_sent) {
      if (h.cheque_received) out.push_back(',');
      out.append(*h.cheque_attestation_sent ? "\"attestation_sent\":true" : "\"attestation_sent\":false");
    }
    out.push_back('}');
  }
  if (h.referent) {
    static constexpr const char* referents[] = {"none", "rsa", "social_worker", "ccas", "other"};
    out.append(",\"follow_up\":{\"referent\":\"").append(referents[static_cast<int>(*h.referent)]).append("\"}");
  }
  if (!h.contact_attempts.empty()) {
    static constexpr const char* modes[] = {"letter", "visit", "phone"};
    static constexpr const char* outcomes[] = {"absent", "no_answer_at_door", "declined_conversation", "reached", "no_reply"};
    out.append(",\"contact_attempts\":[");
    for (std::size_t i = 0; i < h.contact_attempts.size(); ++i) {
      const ContactAttempt& c = h.contact_attempts[i];
      out.append(i ? ",{\"on\":" : "{\"on\":"), append_date(out, c.on);
      out.append(",\"mode\":\"").append(modes[static_cast<int>(c.mode)]);
      out.append("\",\"outcome\":\"").append(outcomes[static_cast<int>(c.outcome)]).append("\"}");
    }
    out.push_back(']');
  }
  if (h.has_plan) {
    const RepaymentPlan& p = h.plan;
    out.append(",\"repayment_plan\":{\"kind\":\"").append(p.kind == PlanKind::cme ? "cme" : "supplier_plan");
    out.append("\",\"signed_on\":"), append_date(out, p.signed_on);
    out.append(",\"principal\":"), append_money(out, p.principal);
    out.append(",\"months\":"), append_uint(out, static_cast<std::uint64_t>(p.months));
    out.append(",\"payments\":[");
    for (std::size_t i = 0; i < p.payments.size(); ++i) {
      out.append(i ? ",{\"on\":" : "{\"on\":"), append_date(out, p.payments[i].on);
      out.append(",\"amount\":"), append_money(out, p.payments[i].amount), out.push_back('}');
    }
    out.append("]}");
  }
  if (h.objection) out.append(",\"consent\":{\"objection\":true}");
  out.push_back('}');
}

}  // namespace solen::gen
