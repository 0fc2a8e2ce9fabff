// Compiles a pack's dated parameters and binds its tables to the engine's roles (schemes,
// protections, orientation), checking each role's outputs and the dates the schemes need.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "solen/detail/pack_tables.hpp"
#include "solen/detail/uc.hpp"
#include "solen/rulepack.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

template <class T>
void compile_dated(const json& params, const std::string& name, Dated<T>& out, PackContext& ctx,
                   const std::function<bool(const json&, T&, std::string&)>& convert) {
  std::string path = "/parameters/" + pointer_escape(name);
  if (!params.is_object() || !params.contains(name)) {
    ctx.fail("missing_parameter", path, "the engine needs parameter '" + name + "'");
    return;
  }
  const json& p = params[name];
  if (!p.is_object() || !p.contains("values") || !p["values"].is_array() || p["values"].empty()) {
    ctx.fail("missing_field", path + "/values", "a parameter needs a non-empty 'values' array");
    return;
  }
  for (std::size_t i = 0; i < p["values"].size(); ++i) {
    const json& v = p["values"][i];
    std::string vp = path + "/values/" + std::to_string(i);
    typename Dated<T>::Period period;
    auto from = json_date(v.value("from", json()));
    if (!from) {
      ctx.fail("invalid_date", vp + "/from", "expected a date YYYY-MM-DD");
      continue;
    }
    period.from = *from;
    if (v.contains("to") && !v["to"].is_null()) {
      auto to = json_date(v["to"]);
      if (!to) ctx.fail("invalid_date", vp + "/to", "expected a date YYYY-MM-DD or null");
      else period.to = *to;
    }
    period.reference = json_text(v, "reference");
    if (period.reference.empty() && json_text(v, "source").empty())
      ctx.fail("missing_source", vp, "every value needs a 'reference' or a 'source'");
    std::string err;
    if (!v.contains("value") || !convert(v["value"], period.value, err)) {
      ctx.fail("type_mismatch", vp + "/value", err.empty() ? "missing value" : err);
      continue;
    }
    if (!out.periods.empty()) {
      const auto& prev = out.periods.back();
      if (!prev.to || *prev.to >= period.from)
        ctx.fail("overlapping_versions", vp + "/from", "values overlap in time");
    }
    out.periods.push_back(std::move(period));
  }
}

inline std::optional<Number> json_number(const json& j) {
  if (j.is_string()) return Number::parse(j.get_ref<const std::string&>());
  if (j.is_number_integer()) return Number::integer(j.get<std::int64_t>());
  if (j.is_number()) return Number::parse(j.dump());
  return std::nullopt;
}

inline bool to_uc_scale(const json& j, UcScale& s, std::string& err) {
  if (!j.is_object() || !j.contains("weights") || !j["weights"].is_array() || j["weights"].empty())
    return err = "expected {weights: [...], alternating_factor, ranking}", false;
  for (const json& w : j["weights"]) {
    auto n = json_number(w);
    if (!n || *n <= Number::integer(0)) return err = "weights are positive decimals", false;
    s.weights.push_back(*n);
  }
  auto f = json_number(j.value("alternating_factor", json("0.5")));
  if (!f) return err = "alternating_factor is a decimal", false;
  s.alternating_factor = *f;
  std::string r = j.value("ranking", std::string("declarant_spouse_then_age_desc"));
  if (r == "declarant_spouse_then_age_desc") s.ranking = Ranking::declarant_spouse_then_age_desc;
  else if (r == "openfisca_adjusted") s.ranking = Ranking::openfisca_adjusted;
  else return err = "ranking is declarant_spouse_then_age_desc or openfisca_adjusted", false;
  s.totals = scale_totals(s);
  return true;
}

inline bool to_policy(const json& j, SchedulePolicy& p, std::string& err) {
  if (!j.is_object() || !j.contains("months") || !j["months"].is_number_integer())
    return err = "expected {months, whole_euros, min_instalment}", false;
  p.months = j["months"].get<int>();
  if (p.months < 1 || p.months > 120) return err = "months is between 1 and 120", false;
  p.whole_euros = j.value("whole_euros", false);
  if (j.contains("min_instalment") && !j["min_instalment"].is_null()) {
    std::string t = j["min_instalment"].is_string() ? j["min_instalment"].get<std::string>() : j["min_instalment"].dump();
    auto m = Money::parse(t);
    if (!m || m->cents() < 0) return err = "min_instalment is an amount or null", false;
    p.min_instalment = *m;
  }
  return true;
}

inline void compile_parameters(const json& j, CompiledPack& pack, PackContext& ctx) {
  const json params = j.value("parameters", json::object());
  compile_dated<UcScale>(params, "cheque_energie.uc_scale", pack.cheque_uc, ctx, to_uc_scale);
  compile_dated<UcScale>(params, "social_tariffs.uc_scale", pack.social_tariff_uc, ctx, to_uc_scale);
  compile_dated<Perimeter>(params, "cheque_energie.perimeter", pack.cheque_perimeter, ctx,
                           [](const json& v, Perimeter& p, std::string& err) {
                             if (v == "menage") p = Perimeter::menage;
                             else if (v == "contract_holder") p = Perimeter::contract_holder;
                             else return err = "menage or contract_holder", false;
                             return true;
                           });
  auto integer = [](const json& v, std::int64_t& x, std::string& err) {
    if (!v.is_number_integer()) return err = "expected an integer", false;
    x = v.get<std::int64_t>();
    return true;
  };
  compile_dated<std::int64_t>(params, "cheque_energie.rfr_year_offset", pack.cheque_rfr_year_offset, ctx, integer);
  compile_dated<SchedulePolicy>(params, "schedule.cme", pack.cme_policy, ctx, to_policy);
  compile_dated<SchedulePolicy>(params, "schedule.supplier_plan", pack.supplier_plan_policy, ctx, to_policy);
  compile_dated<Code>(params, "schedule.convention_supplier", pack.convention_supplier, ctx,
                      [](const json& v, Code& c, std::string& err) {
                        if (!v.is_string() || v.get<std::string>().empty()) return err = "a supplier name", false;
                        c = Code(v.get<std::string>());
                        return true;
                      });
  compile_dated<Number>(params, "schedule.max_effort_rate", pack.max_effort_rate, ctx,
                        [](const json& v, Number& n, std::string& err) {
                          auto x = json_number(v);
                          if (!x || *x <= Number::integer(0)) return err = "a positive decimal", false;
                          n = *x;
                          return true;
                        });
  compile_dated<std::int64_t>(params, "schedule.lapse_after_missed", pack.lapse_after_missed, ctx, integer);
  compile_dated<std::int64_t>(params, "schedule.grace_days", pack.grace_days, ctx, integer);
}

/// Binds a role to a table and checks that the table has the outputs the engine reads.
inline const Table* bind(const std::map<std::string, const Table*>& tables, const json& section,
                         const std::string& section_path, const char* role,
                         std::initializer_list<std::pair<const char*, OutputType>> outputs,
                         bool required, PackContext& ctx, bool collect = false) {
  std::string path = section_path + "/" + role;
  if (!section.is_object() || !section.contains(role) || section[role].is_null()) {
    if (required) ctx.fail("missing_field", path, std::string("the engine needs a table for '") + role + "'");
    return nullptr;
  }
  auto it = section[role].is_string() ? tables.find(section[role].get<std::string>()) : tables.end();
  if (it == tables.end()) {
    ctx.fail("unknown_table", path, "no table of that name in /tables");
    return nullptr;
  }
  const Table* t = it->second;
  if (collect != (t->hit == HitPolicy::collect))
    ctx.fail("wrong_hit_policy", t->path + "/hit_policy",
             std::string("role '") + role + (collect ? "' needs hit policy collect" : "' needs a single-hit policy"));
  int slot = 0;
  for (auto [name, type] : outputs) {
    int k = t->output_index(name);
    if (k < 0 || t->outputs[static_cast<std::size_t>(k)].type != type)
      ctx.fail("missing_output", t->path + "/outputs",
               std::string("role '") + role + "' needs output '" + name + "' of the right type");
    if (slot < 2) const_cast<Table*>(t)->role_col[slot++] = k;  // the loader still owns the tables
  }
  return t;
}

/// Earliest and latest day a table can decide (open-ended: nullopt).
inline bool covered(const Table& t, Date d) { return t.at(d) != nullptr; }

inline void check_scheme_dates(const Scheme& s, const std::string& path, PackContext& ctx) {
  if (!s.in_force) return;
  for (const TableVersion& v : s.in_force->versions) {
    int in_force_col = s.in_force->output_index("in_force");
    auto date_col = std::find(s.in_force->inputs.begin(), s.in_force->inputs.end(), Fact::date);
    for (const Rule& r : v.rules) {
      if (in_force_col < 0 || r.outputs[static_cast<std::size_t>(in_force_col)].i != 1) continue;
      // The first and last day this row can declare the scheme in force.
      Date lo = v.from, hi = v.to.value_or(Date(2199, 12, 31));
      if (date_col != s.in_force->inputs.end()) {
        const Cell& c = r.cells[static_cast<std::size_t>(date_col - s.in_force->inputs.begin())];
        for (std::uint32_t k = c.first; k < c.first + c.count && !c.any && !c.negate; ++k) {
          const Atom& a = v.atoms[k];
          auto day = [](const Number& n) { return Date(boost::gregorian::date(static_cast<boost::gregorian::date::date_int_type>(n.num))); };
          if (a.op == AtomOp::interval) lo = std::max(lo, day(a.a)), hi = std::min(hi, day(a.b));
          else if (a.op == AtomOp::ge) lo = std::max(lo, day(a.a));
          else if (a.op == AtomOp::le) hi = std::min(hi, day(a.a));
        }
      }
      for (const Table* t : {s.eligibility, s.amount}) {
        if (!t) continue;
        for (Date d : {lo, hi})
          if (!covered(*t, d))
            ctx.fail("dates_not_covered", path,
                     "scheme '" + s.name + "' is in force on " + d.to_string() + " (rule " + r.id +
                         ") but table '" + t->name + "' has no version for that day");
      }
    }
  }
}

inline void compile_scheme(const std::map<std::string, const Table*>& tables, const json& sj,
                           const std::string& name, const std::string& path, Scheme& s,
                           PackContext& ctx) {
  s.name = name;
  s.label = json_text(sj, "label");
  s.reference = json_text(sj, "reference");
  s.in_force = bind(tables, sj, path, "in_force", {{"in_force", OutputType::boolean}}, true, ctx);
  s.eligibility = bind(tables, sj, path, "eligibility", {{"eligible", OutputType::boolean}}, false, ctx);
  s.amount = bind(tables, sj, path, "amount", {}, false, ctx, sj.is_object() && sj.contains("amount") &&
                   sj["amount"].is_string() && tables.count(sj["amount"].get<std::string>()) &&
                   tables.at(sj["amount"].get<std::string>())->hit == HitPolicy::collect);
  if (sj.is_object() && sj.contains("cap")) {
    auto f = sj["cap"].is_string() ? fact_by_name(sj["cap"].get<std::string>()) : std::nullopt;
    if (!f || info(*f).type != FactType::number) ctx.fail("unknown_fact", path + "/cap", "cap names a number fact");
    else s.cap = *f;
  }
  if (s.amount) {
    auto* t = const_cast<Table*>(s.amount);
    t->role_col[0] = t->output_index("amount");
    t->role_col[1] = t->output_index("reduction_rate");
    if ((t->role_col[0] >= 0 && t->outputs[static_cast<std::size_t>(t->role_col[0])].type != OutputType::money) ||
        (t->role_col[1] >= 0 && t->outputs[static_cast<std::size_t>(t->role_col[1])].type != OutputType::number) ||
        (t->role_col[0] < 0 && t->role_col[1] < 0))
      ctx.fail("missing_output", s.amount->path + "/outputs",
               "an amount table needs output 'amount' (money) and/or 'reduction_rate' (number)");
  }
  check_scheme_dates(s, path, ctx);
}

inline void compile_labels(const json& j, CompiledPack& pack, PackContext& ctx) {
  const json labels = j.value("labels", json::object());
  for (int k = 0; k < static_cast<int>(LabelKey::count); ++k) {
    std::string key(label_keys[k]);
    std::string path = "/labels/" + pointer_escape(key);
    if (!labels.contains(key) || !labels[key].is_object() || json_text(labels[key], "text").empty()) {
      ctx.fail("missing_label", path, "the engine needs a French text for '" + key + "'");
      continue;
    }
    pack.labels[k] = Label{key, json_text(labels[key], "text"), json_text(labels[key], "reference")};
  }
}

/// Rewrites an enumeration output's indices to the engine's own order of names.
inline void remap_enum(const Table* t, const char* col, const std::string_view* names, int n) {
  if (!t) return;
  int k = t->output_index(col);
  if (k < 0) return;
  auto* mt = const_cast<Table*>(t);  // the loader owns the tables until the pack is frozen
  for (TableVersion& v : mt->versions)
    for (Rule& r : v.rules) {
      OutputValue& o = r.outputs[static_cast<std::size_t>(k)];
      for (int i = 0; i < n; ++i)
        if (names[i] == o.text) o.i = i;
    }
}

inline void compile_roles(const json& j, const std::map<std::string, const Table*>& tables,
                          CompiledPack& pack, PackContext& ctx) {
  const json schemes = j.value("schemes", json::object());
  compile_scheme(tables, schemes.value("cheque_energie", json::object()), "cheque_energie", "/schemes/cheque_energie", pack.cheque, ctx);
  compile_scheme(tables, schemes.value("tpn", json::object()), "tpn", "/schemes/tpn", pack.tpn, ctx);
  compile_scheme(tables, schemes.value("tss", json::object()), "tss", "/schemes/tss", pack.tss, ctx);
  const json ex = schemes.value("exceptional", json::array());
  if (!ex.is_array()) ctx.fail("wrong_type", "/schemes/exceptional", "exceptional is an array of schemes");
  else for (std::size_t i = 0; i < ex.size(); ++i) {
    Scheme s;
    compile_scheme(tables, ex[i], json_text(ex[i], "scheme"), "/schemes/exceptional/" + std::to_string(i), s, ctx);
    pack.exceptional.push_back(std::move(s));
  }
  const json pr = j.value("protections", json::object());
  pack.truce = bind(tables, pr, "/protections", "winter_truce", {{"winter_truce", OutputType::boolean}}, true, ctx);
  pack.cut = bind(tables, pr, "/protections", "cut", {{"cut_allowed", OutputType::boolean}}, true, ctx);
  pack.power_reduction = bind(tables, pr, "/protections", "power_reduction", {{"power_reduction_allowed", OutputType::boolean}}, true, ctx);
  pack.notice = bind(tables, pr, "/protections", "notice", {{"notice_days", OutputType::integer}}, true, ctx);
  pack.reduced_power = bind(tables, pr, "/protections", "reduced_power", {{"min_kva", OutputType::integer}}, true, ctx);
  pack.cut_delay = bind(tables, pr, "/protections", "cut_delay", {{"days_at_1kva", OutputType::integer}}, true, ctx);
  pack.rebates = bind(tables, pr, "/protections", "rebates", {{"rebate", OutputType::text}}, true, ctx, true);
  const json orj = j.value("orientation", json::object());
  pack.route = bind(tables, orj, "/orientation", "route", {{"route", OutputType::enumeration}}, true, ctx);
  pack.urgency = bind(tables, orj, "/orientation", "urgency", {{"urgency", OutputType::enumeration}}, true, ctx);
  pack.measures = bind(tables, orj, "/orientation", "measures",
                       {{"measure", OutputType::enumeration}, {"where", OutputType::service_point}}, true, ctx, true);
  auto check_values = [&](const Table* t, const char* col, const std::string_view* names, int n) {
    if (!t) return;
    int k = t->output_index(col);
    if (k < 0) return;
    for (const std::string& v : t->outputs[static_cast<std::size_t>(k)].values) {
      bool ok = false;
      for (int i = 0; i < n; ++i) ok = ok || names[i] == v;
      if (!ok) ctx.fail("invalid_value", t->path + "/outputs", "'" + v + "' is not a " + col + " the engine knows");
    }
  };
  check_values(pack.route, "route", names::route, detail::count_of(names::route));
  check_values(pack.urgency, "urgency", names::urgency, detail::count_of(names::urgency));
  check_values(pack.measures, "measure", names::measure, detail::count_of(names::measure));
  remap_enum(pack.route, "route", names::route, detail::count_of(names::route));
  remap_enum(pack.urgency, "urgency", names::urgency, detail::count_of(names::urgency));
  remap_enum(pack.measures, "measure", names::measure, detail::count_of(names::measure));
  compile_labels(j, pack, ctx);
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
