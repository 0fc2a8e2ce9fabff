// Serialises a Decision as output format 1 (one JSON object), fast and allocation-light.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "solen/decision.hpp"
#include "solen/rulepack.hpp"
#include "solen/version.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

inline void json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20) {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\u00";
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
}

inline void json_int(std::string& out, std::int64_t v) {
  char buf[24];
  int n = 0;
  bool neg = v < 0;
  std::uint64_t u = neg ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  do {
    buf[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  if (neg) out.push_back('-');
  while (n) out.push_back(buf[--n]);
}

inline void json_money(std::string& out, const std::optional<Money>& m) {
  if (!m) {
    out += "null";
    return;
  }
  out.push_back('"');
  m->append_to(out);
  out.push_back('"');
}

inline void json_opt_bool(std::string& out, const std::optional<bool>& b) {
  out += !b ? "null" : *b ? "true" : "false";
}

inline void json_opt_int(std::string& out, const std::optional<int>& i) {
  if (i) json_int(out, *i); else out += "null";
}

inline void json_decimal(std::string& out, const std::optional<Number>& n, int fixed = -1) {
  if (!n) {
    out += "null";
    return;
  }
  out.push_back('"');
  if (fixed >= 0) n->append_fixed(out, fixed); else n->append_decimal(out);
  out.push_back('"');
}

inline void json_value(std::string& out, Fact f, const Value& v) {
  const FactInfo& fi = info(f);
  if (!v.known) {
    out += "null";
    return;
  }
  switch (fi.type) {
    case FactType::boolean: out += v.i ? "true" : "false"; return;
    case FactType::integer:
      if (v.i >= never_after || v.i <= never_before) out += "null"; else json_int(out, v.i);
      return;
    case FactType::number: json_decimal(out, v.n, v.n.den > 100 ? 2 : -1); return;
    case FactType::date:
      out.push_back('"');
      Date(boost::gregorian::date(static_cast<boost::gregorian::date::date_int_type>(v.i))).append_to(out);
      out.push_back('"');
      return;
    case FactType::enumeration: json_string(out, fi.values[v.i]); return;
    case FactType::code: json_string(out, v.code.text()); return;
    case FactType::set: {
      out.push_back('[');
      bool first = true;
      for (int b = 0; b < fi.value_count; ++b)
        if ((v.i >> b) & 1) {
          if (!first) out.push_back(',');
          first = false;
          json_string(out, fi.values[b]);
        }
      out.push_back(']');
      return;
    }
  }
}

inline void json_missing(std::string& out, MissingSet m) {
  out += "\"missing\":[";
  bool first = true;
  for (int i = 0; i < static_cast<int>(Input::count); ++i)
    if (m.has(static_cast<Input>(i))) {
      if (!first) out.push_back(',');
      first = false;
      json_string(out, input_paths[i]);
    }
  out.push_back(']');
}

inline void json_reasons(std::string& out, const std::vector<Reason>& rs, bool on) {
  if (!on) return;
  out += ",\"reasons\":[";
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const Reason& r = rs[i];
    if (i) out.push_back(',');
    out += "{\"rule\":";
    json_string(out, r.rule_id);
    out += ",\"text\":";
    json_string(out, r.text);
    out += ",\"reference\":";
    json_string(out, r.reference);
    out += ",\"facts\":{";
    for (std::size_t k = 0; k < r.facts.size(); ++k) {
      if (k) out.push_back(',');
      json_string(out, info(r.facts[k].fact).name);
      out.push_back(':');
      json_value(out, r.facts[k].fact, r.facts[k].value);
    }
    out += "}}";
  }
  out.push_back(']');
}

inline void json_tariff(std::string& out, const TariffAnswer& t, const char* ratio_key, bool reasons) {
  out += "{\"status\":";
  json_string(out, names::tariff_status[static_cast<int>(t.status)]);
  out += ",\"amount\":";
  json_money(out, t.amount);
  if (t.reduction_rate) {
    out += ",\"reduction_rate\":";
    json_decimal(out, t.reduction_rate);
  }
  out += ",\"uc\":";
  json_decimal(out, t.uc);
  out += ",\"";
  out += ratio_key;
  out += "\":";
  json_decimal(out, t.income_ratio, 2);
  out.push_back(',');
  json_missing(out, t.missing);
  json_reasons(out, t.reasons, reasons);
  out.push_back('}');
}

inline void json_schedule(std::string& out, const Schedule& s) {
  out += "\"principal\":";
  json_money(out, s.principal);
  out += ",\"months\":";
  json_int(out, s.months);
  out += ",\"signed_on\":\"";
  s.signed_on.append_to(out);
  out += "\",\"installments\":[";
  for (int n = 1; n <= s.months; ++n) {
    if (n > 1) out.push_back(',');
    out += "{\"n\":";
    json_int(out, n);
    out += ",\"due\":\"";
    s.due(n).append_to(out);
    out += "\",\"amount\":\"";
    s.amount(n).append_to(out);
    out += "\"}";
  }
  out.push_back(']');
}

inline void write_decision(const Decision& d, const CompiledPack& p, std::string& out, bool reasons) {
  out += "{\"id\":";
  if (d.id_known) json_string(out, d.id); else out += "null";
  if (d.status == DecisionStatus::excluded) {
    out += ",\"status\":\"excluded\",\"reason\":\"objection\"}";
    return;
  }
  if (d.status == DecisionStatus::error) {
    out += ",\"status\":\"error\",\"error\":{\"code\":";
    json_string(out, d.error.code);
    out += ",\"path\":";
    json_string(out, d.error.path);
    out += ",\"message\":";
    json_string(out, d.error.message);
    out += "}}";
    return;
  }
  out += ",\"status\":\"ok\",\"as_of\":\"";
  d.as_of.append_to(out);
  out += "\",\"engine\":{\"version\":\"" SOLEN_ENGINE_VERSION "\"},\"rulepack\":{\"id\":";
  json_string(out, p.id);
  out += ",\"version\":";
  json_string(out, p.version);
  out += ",\"sha256\":\"";
  out += p.sha256;
  out.push_back('"');
  if (!p.base_id.empty()) {
    out += ",\"base\":{\"id\":";
    json_string(out, p.base_id);
    out += ",\"version\":";
    json_string(out, p.base_version);
    out += ",\"sha256\":\"" + p.base_sha256 + "\"}";
  }
  out += "},\"tariffs\":{\"cheque_energie\":";
  json_tariff(out, d.cheque_energie, "rfr_per_uc", reasons);
  out += ",\"tpn\":";
  json_tariff(out, d.tpn, "rfr_per_part", reasons);
  out += ",\"tss\":";
  json_tariff(out, d.tss, "rfr_per_part", reasons);
  out += ",\"exceptional\":[";
  for (std::size_t i = 0; i < d.exceptional.size(); ++i) {
    const ExceptionalAnswer& x = d.exceptional[i];
    if (i) out.push_back(',');
    out += "{\"scheme\":";
    json_string(out, x.scheme);
    out += ",\"status\":";
    json_string(out, names::tariff_status[static_cast<int>(x.status)]);
    out += ",\"amount\":";
    json_money(out, x.amount);
    out.push_back(',');
    json_missing(out, x.missing);
    json_reasons(out, x.reasons, reasons);
    out.push_back('}');
  }
  const Protections& pr = d.protections;
  out += "]},\"protections\":{\"winter_truce\":";
  json_opt_bool(out, pr.winter_truce);
  out += ",\"cut_allowed\":";
  json_opt_bool(out, pr.cut_allowed);
  out += ",\"power_reduction_allowed\":";
  json_opt_bool(out, pr.power_reduction_allowed);
  out += ",\"notice_days\":";
  json_opt_int(out, pr.notice_days);
  out += ",\"reduced_power_min_kva\":";
  json_opt_int(out, pr.reduced_power_min_kva);
  out += ",\"days_at_1kva_before_cut\":";
  json_opt_int(out, pr.days_at_1kva_before_cut);
  out += ",\"rebates\":[";
  for (std::size_t i = 0; i < pr.rebates.size(); ++i) {
    if (i) out.push_back(',');
    json_string(out, pr.rebates[i]);
  }
  out += "],";
  json_missing(out, pr.missing);
  json_reasons(out, pr.reasons, reasons);
  out += "},\"schedule\":";
  const ScheduleAnswer& s = d.schedule;
  if (!s.present) {
    out += "null";
  } else {
    out += "{\"kind\":";
    json_string(out, names::plan_kind[static_cast<int>(s.kind)]);
    out += ",\"debt\":";
    json_money(out, s.debt);
    out += ",\"deductions\":";
    json_money(out, s.deductions);
    out.push_back(',');
    json_schedule(out, s.plan);
    out += ",\"effort_rate\":";
    json_decimal(out, s.effort_rate, 4);
    out += ",\"affordable\":";
    json_opt_bool(out, s.affordable);
    out.push_back(',');
    json_missing(out, s.missing);
    json_reasons(out, s.reasons, reasons);
    out.push_back('}');
  }
  out += ",\"repayment_plan\":";
  const ExistingPlanAnswer& e = d.existing_plan;
  if (!e.present) {
    out += "null";
  } else {
    static constexpr std::string_view st[] = {"on_track", "late", "lapsed", "completed"};
    out += "{\"status\":";
    json_string(out, st[static_cast<int>(e.assessment.status)]);
    out += ",\"paid\":";
    json_money(out, e.assessment.paid);
    out += ",\"expected_paid\":";
    json_money(out, e.assessment.expected_paid);
    out += ",\"remaining\":";
    json_money(out, e.assessment.remaining);
    out += ",\"due_installments\":";
    json_int(out, e.assessment.due_count);
    out += ",\"missed_installments\":";
    json_int(out, e.assessment.missed);
    out += ",\"reschedule\":";
    if (e.has_reschedule) {
      out.push_back('{');
      json_schedule(out, e.reschedule);
      out.push_back('}');
    } else {
      out += "null";
    }
    json_reasons(out, e.reasons, reasons);
    out.push_back('}');
  }
  const Orientation& o = d.orientation;
  out += ",\"orientation\":{\"route\":";
  json_string(out, names::route[static_cast<int>(o.route)]);
  out += ",\"urgency\":";
  json_string(out, names::urgency[static_cast<int>(o.urgency)]);
  out += ",\"measures\":[";
  for (std::size_t i = 0; i < o.measures.size(); ++i) {
    if (i) out.push_back(',');
    out += "{\"code\":";
    json_string(out, names::measure[static_cast<int>(o.measures[i].code)]);
    out += ",\"where\":";
    json_string(out, o.measures[i].where);
    json_reasons(out, o.measures[i].reasons, reasons);
    out.push_back('}');
  }
  out += "],";
  json_missing(out, o.missing);
  json_reasons(out, o.reasons, reasons);
  out += "},\"warnings\":[";
  for (std::size_t i = 0; i < d.warnings.size(); ++i) {
    if (i) out.push_back(',');
    out += "{\"code\":";
    json_string(out, d.warnings[i].code);
    out += ",\"path\":";
    json_string(out, d.warnings[i].path);
    out += ",\"message\":";
    json_string(out, d.warnings[i].message);
    out.push_back('}');
  }
  out += "]}";
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
