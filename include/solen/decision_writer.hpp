// Serialises a Decision as output format 1 (one JSON object) through a raw char cursor.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "solen/decision.hpp"
#include "solen/detail/civil_days.hpp"
#include "solen/detail/json_out.hpp"
#include "solen/rulepack.hpp"
#include "solen/version.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

/// Appends `s` as a JSON string (outside the decision writer: summaries).
inline void json_string(std::string& out, std::string_view s) {
  JsonOut o(out);
  o.str(s);
}

inline void json_money(JsonOut& o, const std::optional<Money>& m) {
  if (!m) return o.lit("null");
  o.ch('"');
  o.money(*m);
  o.ch('"');
}

inline void json_opt_bool(JsonOut& o, const std::optional<bool>& b) {
  if (!b) o.lit("null"); else if (*b) o.lit("true"); else o.lit("false");
}

inline void json_opt_int(JsonOut& o, const std::optional<int>& i) {
  if (i) o.int64(*i); else o.lit("null");
}

inline void json_decimal(JsonOut& o, const std::optional<Number>& n, int fixed = -1) {
  if (!n) return o.lit("null");
  o.ch('"');
  o.decimal(*n, fixed);
  o.ch('"');
}

inline void json_value(JsonOut& o, Fact f, const Value& v) {
  const FactInfo& fi = info(f);
  if (!v.known) return o.lit("null");
  switch (fi.type) {
    case FactType::boolean:
      if (v.i) o.lit("true"); else o.lit("false");
      return;
    case FactType::integer:
      if (v.i >= never_after || v.i <= never_before) o.lit("null"); else o.int64(v.i);
      return;
    case FactType::number: {
      const Number n = fi.unreduced ? Number::ratio(v.n, Number::integer(1)) : v.n;
      json_decimal(o, n, n.den > 100 ? 2 : -1);
      return;
    }
    case FactType::date: {
      const CivilDate c = civil_from_jdn(v.i);
      o.ch('"');
      o.ymd(c.year, c.month, c.day);
      o.ch('"');
      return;
    }
    case FactType::enumeration: o.name(fi.values[v.i]); return;
    case FactType::code: o.str(v.code.text()); return;
    case FactType::set: {
      o.ch('[');
      bool first = true;
      for (int b = 0; b < fi.value_count; ++b)
        if ((v.i >> b) & 1) {
          if (!first) o.ch(',');
          first = false;
          o.name(fi.values[b]);
        }
      o.ch(']');
      return;
    }
  }
}

inline void json_missing(JsonOut& o, MissingSet m) {
  o.lit("\"missing\":[");
  std::uint64_t bits = m.bits & ((std::uint64_t{1} << static_cast<unsigned>(Input::count)) - 1);
  for (bool first = true; bits != 0; bits &= bits - 1, first = false) {
    if (!first) o.ch(',');
    o.name(input_paths[__builtin_ctzll(bits)]);
  }
  o.ch(']');
}

inline void json_reason_list(JsonOut& o, const std::vector<Reason>& rs) {
  o.lit(",\"reasons\":[");
  for (std::size_t i = 0; i < rs.size(); ++i) {
    const Reason& r = rs[i];
    if (i) o.ch(',');
    o.lit("{\"rule\":");
    o.str(r.rule_id);
    o.lit(",\"text\":");
    o.str(r.text);
    o.lit(",\"reference\":");
    o.str(r.reference);
    o.lit(",\"facts\":{");
    for (std::size_t k = 0; k < r.facts.size(); ++k) {
      if (k) o.ch(',');
      o.name(info(r.facts[k].fact).name);
      o.ch(':');
      json_value(o, r.facts[k].fact, r.facts[k].value);
    }
    o.lit("}}");
  }
  o.ch(']');
}

inline void json_reasons(JsonOut& o, const std::vector<Reason>& rs, bool on) {
  if (on) json_reason_list(o, rs);
}

/// The common end of an answer: `,"missing":[…]`, its reasons when on, and the closing brace.
inline void json_answer_end(JsonOut& o, MissingSet m, const std::vector<Reason>& rs, bool reasons) {
  o.ch(',');
  json_missing(o, m);
  json_reasons(o, rs, reasons);
  o.ch('}');
}

inline void json_tariff(JsonOut& o, const TariffAnswer& t, std::string_view ratio_key, bool reasons) {
  o.lit("{\"status\":");
  o.name(names::tariff_status[static_cast<int>(t.status)]);
  o.lit(",\"amount\":");
  json_money(o, t.amount);
  if (t.reduction_rate) {
    o.lit(",\"reduction_rate\":");
    json_decimal(o, t.reduction_rate);
  }
  o.lit(",\"uc\":");
  json_decimal(o, t.uc);
  o.ch(',');
  o.name(ratio_key);
  o.ch(':');
  json_decimal(o, t.income_ratio, 2);
  json_answer_end(o, t.missing, t.reasons, reasons);
}

inline void json_schedule(JsonOut& o, const Schedule& s) {
  o.lit("\"principal\":");
  json_money(o, s.principal);
  o.lit(",\"months\":");
  o.int64(s.months);
  o.lit(",\"signed_on\":\"");
  const CivilDate signed_on = civil_from_jdn(s.signed_on.day_number());
  const int y0 = signed_on.year, m0 = signed_on.month - 1, anchor = signed_on.day;
  o.ymd(y0, m0 + 1, anchor);
  o.lit("\",\"installments\":[");
  for (int n = 1; n <= s.months; ++n) {
    constexpr std::size_t most = 32 + 20 + 10 + 24;  // literals, n, due date, amount
    char* p = o.reserve(most);
    if (n > 1) *p++ = ',';
    p = JsonOut::put(p, "{\"n\":");
    p = JsonOut::put_uint(p, static_cast<unsigned>(n));
    p = JsonOut::put(p, ",\"due\":\"");
    // Same rule as Schedule::due: anchor day kept, clamped to the month end.
    const int total = y0 * 12 + m0 + n, y = total / 12, m = total % 12 + 1;
    const int eom = days_in_month(y, m);
    p = JsonOut::put_ymd(p, y, m, anchor < eom ? anchor : eom);
    p = JsonOut::put(p, "\",\"amount\":\"");
    p = JsonOut::put_money(p, s.amount(n));
    o.commit(JsonOut::put(p, "\"}"));
  }
  o.ch(']');
}

inline void json_issue(JsonOut& o, std::string_view code, std::string_view path, std::string_view message) {
  o.lit("{\"code\":");
  o.str(code);
  o.lit(",\"path\":");
  o.str(path);
  o.lit(",\"message\":");
  o.str(message);
  o.ch('}');
}

inline void json_rulepack(JsonOut& o, const CompiledPack& p) {
  o.lit(",\"engine\":{\"version\":\"" SOLEN_ENGINE_VERSION "\"},\"rulepack\":{\"id\":");
  o.str(p.id);
  o.lit(",\"version\":");
  o.str(p.version);
  o.lit(",\"sha256\":\"");
  o.raw(p.sha256);
  o.ch('"');
  if (!p.base_id.empty()) {
    o.lit(",\"base\":{\"id\":");
    o.str(p.base_id);
    o.lit(",\"version\":");
    o.str(p.base_version);
    o.lit(",\"sha256\":\"");
    o.raw(p.base_sha256);
    o.lit("\"}");
  }
  o.ch('}');
}

inline void json_tariffs(JsonOut& o, const Decision& d, bool reasons) {
  o.lit(",\"tariffs\":{\"cheque_energie\":");
  json_tariff(o, d.cheque_energie, "rfr_per_uc", reasons);
  o.lit(",\"tpn\":");
  json_tariff(o, d.tpn, "rfr_per_part", reasons);
  o.lit(",\"tss\":");
  json_tariff(o, d.tss, "rfr_per_part", reasons);
  o.lit(",\"exceptional\":[");
  for (std::size_t i = 0; i < d.exceptional.size(); ++i) {
    const ExceptionalAnswer& x = d.exceptional[i];
    if (i) o.ch(',');
    o.lit("{\"scheme\":");
    o.str(x.scheme);
    o.lit(",\"status\":");
    o.name(names::tariff_status[static_cast<int>(x.status)]);
    o.lit(",\"amount\":");
    json_money(o, x.amount);
    json_answer_end(o, x.missing, x.reasons, reasons);
  }
  o.lit("]}");
}

inline void json_protections(JsonOut& o, const Protections& pr, bool reasons) {
  o.lit(",\"protections\":{\"winter_truce\":");
  json_opt_bool(o, pr.winter_truce);
  o.lit(",\"cut_allowed\":");
  json_opt_bool(o, pr.cut_allowed);
  o.lit(",\"power_reduction_allowed\":");
  json_opt_bool(o, pr.power_reduction_allowed);
  o.lit(",\"notice_days\":");
  json_opt_int(o, pr.notice_days);
  o.lit(",\"reduced_power_min_kva\":");
  json_opt_int(o, pr.reduced_power_min_kva);
  o.lit(",\"days_at_1kva_before_cut\":");
  json_opt_int(o, pr.days_at_1kva_before_cut);
  o.lit(",\"rebates\":[");
  for (std::size_t i = 0; i < pr.rebates.size(); ++i) {
    if (i) o.ch(',');
    o.str(pr.rebates[i]);
  }
  o.ch(']');
  json_answer_end(o, pr.missing, pr.reasons, reasons);
}

inline void json_debt(JsonOut& o, const Decision& d, bool reasons) {
  o.lit(",\"schedule\":");
  const ScheduleAnswer& s = d.schedule;
  if (!s.present) {
    o.lit("null");
  } else {
    o.lit("{\"kind\":");
    o.name(names::plan_kind[static_cast<int>(s.kind)]);
    o.lit(",\"debt\":");
    json_money(o, s.debt);
    o.lit(",\"deductions\":");
    json_money(o, s.deductions);
    o.ch(',');
    json_schedule(o, s.plan);
    o.lit(",\"effort_rate\":");
    json_decimal(o, s.effort_rate, 4);
    o.lit(",\"affordable\":");
    json_opt_bool(o, s.affordable);
    json_answer_end(o, s.missing, s.reasons, reasons);
  }
  o.lit(",\"repayment_plan\":");
  const ExistingPlanAnswer& e = d.existing_plan;
  if (!e.present) return o.lit("null");
  static constexpr std::string_view st[] = {"on_track", "late", "lapsed", "completed"};
  o.lit("{\"status\":");
  o.name(st[static_cast<int>(e.assessment.status)]);
  o.lit(",\"paid\":");
  json_money(o, e.assessment.paid);
  o.lit(",\"expected_paid\":");
  json_money(o, e.assessment.expected_paid);
  o.lit(",\"remaining\":");
  json_money(o, e.assessment.remaining);
  o.lit(",\"due_installments\":");
  o.int64(e.assessment.due_count);
  o.lit(",\"missed_installments\":");
  o.int64(e.assessment.missed);
  o.lit(",\"reschedule\":");
  if (e.has_reschedule) {
    o.ch('{');
    json_schedule(o, e.reschedule);
    o.ch('}');
  } else {
    o.lit("null");
  }
  json_reasons(o, e.reasons, reasons);
  o.ch('}');
}

inline void json_orientation(JsonOut& o, const Orientation& r, bool reasons) {
  o.lit(",\"orientation\":{\"route\":");
  o.name(names::route[static_cast<int>(r.route)]);
  o.lit(",\"urgency\":");
  o.name(names::urgency[static_cast<int>(r.urgency)]);
  o.lit(",\"measures\":[");
  for (std::size_t i = 0; i < r.measures.size(); ++i) {
    if (i) o.ch(',');
    o.lit("{\"code\":");
    o.name(names::measure[static_cast<int>(r.measures[i].code)]);
    o.lit(",\"where\":");
    o.str(r.measures[i].where);
    json_reasons(o, r.measures[i].reasons, reasons);
    o.ch('}');
  }
  o.ch(']');
  json_answer_end(o, r.missing, r.reasons, reasons);
}

/// Appends the decision's JSON (no newline) to `out`, a std::string or a ByteBlock.
template <class Out>
void write_decision(const Decision& d, const CompiledPack& p, Out& out, bool reasons) {
  JsonOut o(out);
  o.lit("{\"id\":");
  if (d.id_known) o.str(d.id); else o.lit("null");
  if (d.status == DecisionStatus::excluded) return o.lit(",\"status\":\"excluded\",\"reason\":\"objection\"}");
  if (d.status == DecisionStatus::error) {
    o.lit(",\"status\":\"error\",\"error\":");
    json_issue(o, d.error.code, d.error.path, d.error.message);
    return o.ch('}');
  }
  o.lit(",\"status\":\"ok\",\"as_of\":\"");
  o.date(d.as_of);
  o.ch('"');
  json_rulepack(o, p);
  json_tariffs(o, d, reasons);
  json_protections(o, d.protections, reasons);
  json_debt(o, d, reasons);
  json_orientation(o, d.orientation, reasons);
  o.lit(",\"warnings\":[");
  for (std::size_t i = 0; i < d.pack_warnings.size(); ++i) {
    if (i) o.ch(',');
    json_issue(o, d.pack_warnings[i].first, {}, d.pack_warnings[i].second);
  }
  for (std::size_t i = 0; i < d.warnings.size(); ++i) {
    if (i || !d.pack_warnings.empty()) o.ch(',');
    json_issue(o, d.warnings[i].code, d.warnings[i].path, d.warnings[i].message);
  }
  o.lit("]}");
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
