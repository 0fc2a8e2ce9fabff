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

/// Appends a string literal without measuring it at run time.
template <std::size_t N>
inline void lit(std::string& out, const char (&s)[N]) {
  out.append(s, N - 1);
}

/// Quotes an engine-owned identifier (enumeration names, input paths): never needs escaping.
inline void json_name(std::string& out, std::string_view s) {
  out.push_back('"');
  out.append(s);
  out.push_back('"');
}

/// "YYYY-MM-DD" from calendar fields, without a day-number round trip.
inline void append_ymd(std::string& out, int y, int m, int d) {
  char b[10] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10)};
  out.append(b, 10);
}

inline void json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  std::size_t clean = 0;  // bytes since the last escape, appended in one go
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + clean, i - clean);
    clean = i + 1;
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else {
      static constexpr char hex[] = "0123456789abcdef";
      lit(out, "\\u00");
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  out.append(s.data() + clean, s.size() - clean);
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
    lit(out, "null");
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
  if (i) json_int(out, *i); else lit(out, "null");
}

inline void json_decimal(std::string& out, const std::optional<Number>& n, int fixed = -1) {
  if (!n) {
    lit(out, "null");
    return;
  }
  out.push_back('"');
  if (fixed >= 0) n->append_fixed(out, fixed); else n->append_decimal(out);
  out.push_back('"');
}

inline void json_value(std::string& out, Fact f, const Value& v) {
  const FactInfo& fi = info(f);
  if (!v.known) {
    lit(out, "null");
    return;
  }
  switch (fi.type) {
    case FactType::boolean: out += v.i ? "true" : "false"; return;
    case FactType::integer:
      if (v.i >= never_after || v.i <= never_before) lit(out, "null"); else json_int(out, v.i);
      return;
    case FactType::number: json_decimal(out, v.n, v.n.den > 100 ? 2 : -1); return;
    case FactType::date:
      out.push_back('"');
      Date(boost::gregorian::date(static_cast<boost::gregorian::date::date_int_type>(v.i))).append_to(out);
      out.push_back('"');
      return;
    case FactType::enumeration: json_name(out, fi.values[v.i]); return;
    case FactType::code: json_string(out, v.code.text()); return;
    case FactType::set: {
      out.push_back('[');
      bool first = true;
      for (int b = 0; b < fi.value_count; ++b)
        if ((v.i >> b) & 1) {
          if (!first) out.push_back(',');
          first = false;
          json_name(out, fi.values[b]);
        }
      out.push_back(']');
      return;
    }
  }
}

inline void json_missing(std::string& out, MissingSet m) {
  lit(out, "\"missing\":[");
  bool first = true;
  for (int i = 0; i < static_cast<int>(Input::count); ++i)
    if (m.has(static_cast<Input>(i))) {
      if (!first) out.push_back(',');
      first = false;
      json_name(out, input_paths[i]);
    }
  out.push_back(']');
}

inline void json_reasons(std::string& out, const std::vector<Reason>& rs, bool on) {
  if (!on) return;
  lit(out, ",\"reasons\":[");
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const Reason& r = rs[i];
    if (i) out.push_back(',');
    lit(out, "{\"rule\":");
    json_string(out, r.rule_id);
    lit(out, ",\"text\":");
    json_string(out, r.text);
    lit(out, ",\"reference\":");
    json_string(out, r.reference);
    lit(out, ",\"facts\":{");
    for (std::size_t k = 0; k < r.facts.size(); ++k) {
      if (k) out.push_back(',');
      json_name(out, info(r.facts[k].fact).name);
      out.push_back(':');
      json_value(out, r.facts[k].fact, r.facts[k].value);
    }
    lit(out, "}}");
  }
  out.push_back(']');
}

inline void json_tariff(std::string& out, const TariffAnswer& t, const char* ratio_key, bool reasons) {
  lit(out, "{\"status\":");
  json_name(out, names::tariff_status[static_cast<int>(t.status)]);
  lit(out, ",\"amount\":");
  json_money(out, t.amount);
  if (t.reduction_rate) {
    lit(out, ",\"reduction_rate\":");
    json_decimal(out, t.reduction_rate);
  }
  lit(out, ",\"uc\":");
  json_decimal(out, t.uc);
  lit(out, ",\"");
  out += ratio_key;
  lit(out, "\":");
  json_decimal(out, t.income_ratio, 2);
  out.push_back(',');
  json_missing(out, t.missing);
  json_reasons(out, t.reasons, reasons);
  out.push_back('}');
}

inline void json_schedule(std::string& out, const Schedule& s) {
  lit(out, "\"principal\":");
  json_money(out, s.principal);
  lit(out, ",\"months\":");
  json_int(out, s.months);
  lit(out, ",\"signed_on\":\"");
  const auto ymd = s.signed_on.boost_date().year_month_day();
  const int y0 = ymd.year, m0 = ymd.month - 1, anchor = ymd.day;
  append_ymd(out, y0, m0 + 1, anchor);
  lit(out, "\",\"installments\":[");
  for (int n = 1; n <= s.months; ++n) {
    if (n > 1) out.push_back(',');
    lit(out, "{\"n\":");
    json_int(out, n);
    lit(out, ",\"due\":\"");
    // Same rule as Schedule::due: anchor day kept, clamped to the month end.
    const int total = y0 * 12 + m0 + n, y = total / 12, m = total % 12 + 1;
    const int eom = boost::gregorian::gregorian_calendar::end_of_month_day(
        static_cast<unsigned short>(y), static_cast<unsigned short>(m));
    append_ymd(out, y, m, anchor < eom ? anchor : eom);
    lit(out, "\",\"amount\":\"");
    s.amount(n).append_to(out);
    lit(out, "\"}");
  }
  out.push_back(']');
}

inline void write_decision(const Decision& d, const CompiledPack& p, std::string& out, bool reasons) {
  lit(out, "{\"id\":");
  if (d.id_known) json_string(out, d.id); else lit(out, "null");
  if (d.status == DecisionStatus::excluded) {
    lit(out, ",\"status\":\"excluded\",\"reason\":\"objection\"}");
    return;
  }
  if (d.status == DecisionStatus::error) {
    lit(out, ",\"status\":\"error\",\"error\":{\"code\":");
    json_string(out, d.error.code);
    lit(out, ",\"path\":");
    json_string(out, d.error.path);
    lit(out, ",\"message\":");
    json_string(out, d.error.message);
    lit(out, "}}");
    return;
  }
  lit(out, ",\"status\":\"ok\",\"as_of\":\"");
  d.as_of.append_to(out);
  out += "\",\"engine\":{\"version\":\"" SOLEN_ENGINE_VERSION "\"},\"rulepack\":{\"id\":";
  json_string(out, p.id);
  lit(out, ",\"version\":");
  json_string(out, p.version);
  lit(out, ",\"sha256\":\"");
  out += p.sha256;
  out.push_back('"');
  if (!p.base_id.empty()) {
    lit(out, ",\"base\":{\"id\":");
    json_string(out, p.base_id);
    lit(out, ",\"version\":");
    json_string(out, p.base_version);
    out += ",\"sha256\":\"" + p.base_sha256 + "\"}";
  }
  lit(out, "},\"tariffs\":{\"cheque_energie\":");
  json_tariff(out, d.cheque_energie, "rfr_per_uc", reasons);
  lit(out, ",\"tpn\":");
  json_tariff(out, d.tpn, "rfr_per_part", reasons);
  lit(out, ",\"tss\":");
  json_tariff(out, d.tss, "rfr_per_part", reasons);
  lit(out, ",\"exceptional\":[");
  for (std::size_t i = 0; i < d.exceptional.size(); ++i) {
    const ExceptionalAnswer& x = d.exceptional[i];
    if (i) out.push_back(',');
    lit(out, "{\"scheme\":");
    json_string(out, x.scheme);
    lit(out, ",\"status\":");
    json_name(out, names::tariff_status[static_cast<int>(x.status)]);
    lit(out, ",\"amount\":");
    json_money(out, x.amount);
    out.push_back(',');
    json_missing(out, x.missing);
    json_reasons(out, x.reasons, reasons);
    out.push_back('}');
  }
  const Protections& pr = d.protections;
  lit(out, "]},\"protections\":{\"winter_truce\":");
  json_opt_bool(out, pr.winter_truce);
  lit(out, ",\"cut_allowed\":");
  json_opt_bool(out, pr.cut_allowed);
  lit(out, ",\"power_reduction_allowed\":");
  json_opt_bool(out, pr.power_reduction_allowed);
  lit(out, ",\"notice_days\":");
  json_opt_int(out, pr.notice_days);
  lit(out, ",\"reduced_power_min_kva\":");
  json_opt_int(out, pr.reduced_power_min_kva);
  lit(out, ",\"days_at_1kva_before_cut\":");
  json_opt_int(out, pr.days_at_1kva_before_cut);
  lit(out, ",\"rebates\":[");
  for (std::size_t i = 0; i < pr.rebates.size(); ++i) {
    if (i) out.push_back(',');
    json_string(out, pr.rebates[i]);
  }
  lit(out, "],");
  json_missing(out, pr.missing);
  json_reasons(out, pr.reasons, reasons);
  lit(out, "},\"schedule\":");
  const ScheduleAnswer& s = d.schedule;
  if (!s.present) {
    lit(out, "null");
  } else {
    lit(out, "{\"kind\":");
    json_name(out, names::plan_kind[static_cast<int>(s.kind)]);
    lit(out, ",\"debt\":");
    json_money(out, s.debt);
    lit(out, ",\"deductions\":");
    json_money(out, s.deductions);
    out.push_back(',');
    json_schedule(out, s.plan);
    lit(out, ",\"effort_rate\":");
    json_decimal(out, s.effort_rate, 4);
    lit(out, ",\"affordable\":");
    json_opt_bool(out, s.affordable);
    out.push_back(',');
    json_missing(out, s.missing);
    json_reasons(out, s.reasons, reasons);
    out.push_back('}');
  }
  lit(out, ",\"repayment_plan\":");
  const ExistingPlanAnswer& e = d.existing_plan;
  if (!e.present) {
    lit(out, "null");
  } else {
    static constexpr std::string_view st[] = {"on_track", "late", "lapsed", "completed"};
    lit(out, "{\"status\":");
    json_string(out, st[static_cast<int>(e.assessment.status)]);
    lit(out, ",\"paid\":");
    json_money(out, e.assessment.paid);
    lit(out, ",\"expected_paid\":");
    json_money(out, e.assessment.expected_paid);
    lit(out, ",\"remaining\":");
    json_money(out, e.assessment.remaining);
    lit(out, ",\"due_installments\":");
    json_int(out, e.assessment.due_count);
    lit(out, ",\"missed_installments\":");
    json_int(out, e.assessment.missed);
    lit(out, ",\"reschedule\":");
    if (e.has_reschedule) {
      out.push_back('{');
      json_schedule(out, e.reschedule);
      out.push_back('}');
    } else {
      lit(out, "null");
    }
    json_reasons(out, e.reasons, reasons);
    out.push_back('}');
  }
  const Orientation& o = d.orientation;
  lit(out, ",\"orientation\":{\"route\":");
  json_name(out, names::route[static_cast<int>(o.route)]);
  lit(out, ",\"urgency\":");
  json_name(out, names::urgency[static_cast<int>(o.urgency)]);
  lit(out, ",\"measures\":[");
  for (std::size_t i = 0; i < o.measures.size(); ++i) {
    if (i) out.push_back(',');
    lit(out, "{\"code\":");
    json_string(out, names::measure[static_cast<int>(o.measures[i].code)]);
    lit(out, ",\"where\":");
    json_string(out, o.measures[i].where);
    json_reasons(out, o.measures[i].reasons, reasons);
    out.push_back('}');
  }
  lit(out, "],");
  json_missing(out, o.missing);
  json_reasons(out, o.reasons, reasons);
  lit(out, "},\"warnings\":[");
  for (std::size_t i = 0; i < d.pack_warnings.size(); ++i) {
    if (i) out.push_back(',');
    lit(out, "{\"code\":");
    json_string(out, d.pack_warnings[i].first);
    lit(out, ",\"path\":\"\",\"message\":");
    json_string(out, d.pack_warnings[i].second);
    out.push_back('}');
  }
  for (std::size_t i = 0; i < d.warnings.size(); ++i) {
    if (i || !d.pack_warnings.empty()) out.push_back(',');
    lit(out, "{\"code\":");
    json_string(out, d.warnings[i].code);
    lit(out, ",\"path\":");
    json_string(out, d.warnings[i].path);
    lit(out, ",\"message\":");
    json_string(out, d.warnings[i].message);
    out.push_back('}');
  }
  lit(out, "]}");
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
