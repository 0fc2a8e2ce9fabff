// Compiles the "tables" of a rule pack: fact names to slots, cells to atoms, outputs to values.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <atomic>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "solen/detail/cell_parser.hpp"
#include "solen/detail/row_index_builder.hpp"
#include "solen/detail/table_analysis.hpp"
#include "solen/issue.hpp"
#include "solen/rulepack.hpp"

namespace solen {
inline namespace v1 {
namespace detail {

using json = nlohmann::json;

inline std::string pointer_escape(const std::string& key) {
  std::string s;
  for (char c : key) {
    if (c == '~') s += "~0";
    else if (c == '/') s += "~1";
    else s.push_back(c);
  }
  return s;
}

inline std::optional<Fact> fact_by_name(std::string_view name) {
  for (int i = 0; i < fact_count; ++i)
    if (fact_infos[i].name == name) return static_cast<Fact>(i);
  return std::nullopt;
}

/// Shared context of one pack compilation.
struct PackContext {
  std::vector<Issue>* issues;
  const json* parameters;  ///< the pack's "parameters" object (may be null)
  const std::map<std::string, ServicePoint>* service_points;
  std::set<std::string> rule_ids;
  void fail(std::string code, std::string path, std::string message) {
    issues->push_back({std::move(code), std::move(path), std::move(message)});
  }
};

inline std::optional<Date> json_date(const json& j) {
  if (!j.is_string()) return std::nullopt;
  return Date::parse(j.get_ref<const std::string&>());
}

inline std::string json_text(const json& o, const char* key) {
  auto it = o.find(key);
  return (it != o.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

/// Value text of parameter `name` valid over the whole of [from, to], for "$name" cells.
inline std::optional<std::string> parameter_text(const PackContext& ctx, const std::string& name,
                                                 Date from, std::optional<Date> to,
                                                 std::string& err) {
  if (!ctx.parameters || !ctx.parameters->contains(name)) {
    err = "unknown parameter $" + name;
    return std::nullopt;
  }
  const json& p = (*ctx.parameters)[name];
  if (!p.is_object() || !p.contains("values") || !p["values"].is_array()) {
    err = "parameter $" + name + " has no values";
    return std::nullopt;
  }
  for (const json& v : p["values"]) {
    auto f = json_date(v.value("from", json()));
    auto t = v.contains("to") ? json_date(v["to"]) : std::nullopt;
    if (!f || *f > from) continue;
    if (t && (!to || *t < *to)) continue;
    const json& val = v.value("value", json());
    if (val.is_string()) return val.get<std::string>();
    if (val.is_number()) return val.dump();
    err = "parameter $" + name + " is not a number or a date";
    return std::nullopt;
  }
  err = "parameter $" + name + " has no single value over this table version's dates";
  return std::nullopt;
}

inline bool parse_output(const json& j, const OutputColumn& col, const PackContext& ctx,
                         OutputValue& out, std::string& err) {
  out = OutputValue{};
  if (j.is_null()) return true;
  out.is_null = false;
  switch (col.type) {
    case OutputType::boolean:
      if (!j.is_boolean()) return err = "expected true or false", false;
      out.i = j.get<bool>() ? 1 : 0;
      return true;
    case OutputType::integer:
      if (!j.is_number_integer()) return err = "expected an integer", false;
      out.i = j.get<std::int64_t>();
      return true;
    case OutputType::money: {
      std::string t = j.is_string() ? j.get<std::string>() : j.is_number() ? j.dump() : "";
      auto m = Money::parse(t);
      if (!m) return err = "expected an amount in euros with at most two decimals", false;
      out.money = *m;
      return true;
    }
    case OutputType::number: {
      std::string t = j.is_string() ? j.get<std::string>() : j.is_number() ? j.dump() : "";
      auto n = Number::parse(t);
      if (!n) return err = "expected a decimal number", false;
      out.number = *n;
      return true;
    }
    case OutputType::enumeration:
      if (!j.is_string()) return err = "expected one of the column's values", false;
      out.text = j.get<std::string>();
      for (std::size_t i = 0; i < col.values.size(); ++i)
        if (col.values[i] == out.text) return out.i = static_cast<std::int64_t>(i), true;
      return err = "'" + out.text + "' is not a value of output " + col.name, false;
    case OutputType::service_point:
      if (!j.is_string()) return err = "expected a service point id", false;
      out.text = j.get<std::string>();
      if (!ctx.service_points->count(out.text))
        return err = "unknown service point '" + out.text + "'", false;
      return true;
    case OutputType::text:
      if (!j.is_string()) return err = "expected a text", false;
      out.text = j.get<std::string>();
      return true;
  }
  return false;
}

inline void compile_rules(const json& rules, const std::string& path, Table& t, TableVersion& v,
                          PackContext& ctx) {
  if (!rules.is_array()) {
    ctx.fail("wrong_type", path, "rules must be an array");
    return;
  }
  ParamLookup params = [&](const std::string& name, std::string& err) {
    return parameter_text(ctx, name, v.from, v.to, err);
  };
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const json& r = rules[i];
    std::string rp = path + "/" + std::to_string(i);
    if (!r.is_object()) {
      ctx.fail("wrong_type", rp, "a rule is an object");
      continue;
    }
    Rule rule;
    rule.path = rp;
    rule.id = json_text(r, "id");
    rule.label = json_text(r, "label");
    rule.reference = json_text(r, "reference");
    if (rule.reference.empty()) rule.reference = v.reference;
    if (rule.id.empty()) ctx.fail("missing_field", rp + "/id", "every rule needs an id");
    else if (!ctx.rule_ids.insert(rule.id).second)
      ctx.fail("duplicate_id", rp + "/id", "rule id '" + rule.id + "' is used twice in the pack");
    if (rule.label.empty()) ctx.fail("missing_field", rp + "/label", "every rule needs a French label");
    if (r.contains("priority")) rule.priority = r["priority"].is_number_integer() ? r["priority"].get<std::int64_t>() : 0;
    json when = r.value("when", json::array());
    const bool named = when.is_object();
    if (named) {  // {"fact.name": cell, ...}; absent inputs are "-"
      json cells = json::array();
      for (Fact in : t.inputs) {
        std::string n(info(in).name);
        cells.push_back(when.contains(n) ? when[n] : json("-"));
      }
      for (auto it = when.begin(); it != when.end(); ++it) {
        auto f = fact_by_name(it.key());
        if (!f || std::find(t.inputs.begin(), t.inputs.end(), *f) == t.inputs.end())
          ctx.fail("unknown_fact", rp + "/when/" + pointer_escape(it.key()),
                   "not an input of this table");
      }
      when = std::move(cells);
    }
    if (!when.is_array() || when.size() != t.inputs.size()) {
      ctx.fail("wrong_arity", rp + "/when",
               "expected " + std::to_string(t.inputs.size()) + " input cells");
      continue;
    }
    for (std::size_t c = 0; c < t.inputs.size(); ++c) {
      Cell cell;
      std::string err;
      if (!parse_cell(when[c], t.inputs[c], params, v.atoms, cell, err))
        ctx.fail("type_mismatch", rp + "/when/" + (named ? pointer_escape(std::string(info(t.inputs[c]).name)) : std::to_string(c)), err);
      cell.unknown_fails = t.input_unknown_fails[c];
      rule.cells.push_back(cell);
    }
    json then = r.value("then", json());
    if (!then.is_array()) then = json::array({then});
    if (then.size() != t.outputs.size()) {
      ctx.fail("wrong_arity", rp + "/then",
               "expected " + std::to_string(t.outputs.size()) + " output values");
      continue;
    }
    for (std::size_t c = 0; c < t.outputs.size(); ++c) {
      OutputValue out;
      std::string err;
      if (!parse_output(then[c], t.outputs[c], ctx, out, err))
        ctx.fail("type_mismatch", rp + "/then/" + std::to_string(c), err);
      rule.outputs.push_back(std::move(out));
    }
    for (const Cell& c : rule.cells)
      if (!c.any) rule.tests.push_back(c);
    v.rules.push_back(std::move(rule));
  }
}

/// A number never handed out before in this process (keys of per-thread plans and memos, which
/// must not mistake a new pack for a destroyed one allocated at the same address).
inline std::uint64_t next_serial() {
  static std::atomic<std::uint64_t> serials{0};
  // Mixed with this module's own counter address, so that a program and a library that both
  // compile packs never hand out the same serial.
  return (static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(&serials)) << 20) ^ ++serials;
}

inline void compile_table(const std::string& name, const json& j, const std::string& path,
                          Table& t, PackContext& ctx) {
  t.name = name;
  t.path = path;
  t.serial = next_serial();
  t.label = json_text(j, "label");
  std::string hp = json_text(j, "hit_policy");
  if (hp == "unique") t.hit = HitPolicy::unique;
  else if (hp == "first") t.hit = HitPolicy::first;
  else if (hp == "priority") t.hit = HitPolicy::priority;
  else if (hp == "collect") t.hit = HitPolicy::collect;
  else ctx.fail("invalid_value", path + "/hit_policy", "hit_policy is unique, first, priority or collect");
  std::string up = json_text(j, "unknown");
  if (up.empty() || up == "to_verify") t.unknown = UnknownPolicy::to_verify;
  else if (up == "no_match") t.unknown = UnknownPolicy::no_match;
  else ctx.fail("invalid_value", path + "/unknown", "unknown is to_verify or no_match");
  const json& inputs = j.value("inputs", json::array());
  if (!inputs.is_array()) {
    ctx.fail("wrong_type", path + "/inputs", "inputs is an array of fact names");
    return;
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    // An input is "fact.name" or {"fact": "fact.name", "unknown": "no_match"}.
    const json& in = inputs[i];
    std::string fact_name = in.is_string() ? in.get<std::string>() : in.is_object() ? json_text(in, "fact") : "";
    auto f = fact_by_name(fact_name);
    bool fails = in.is_object() && json_text(in, "unknown") == "no_match";
    if (!f) {
      ctx.fail("unknown_fact", path + "/inputs/" + std::to_string(i),
               "unknown fact (see docs/facts.md for the catalogue)");
      return;
    }
    t.inputs.push_back(*f);
    t.input_unknown_fails.push_back(fails);
  }
  const json& outputs = j.value("outputs", json::array());
  if (!outputs.is_array()) {
    ctx.fail("wrong_type", path + "/outputs", "outputs is an array of {name, type}");
    return;
  }
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const json& o = outputs[i];
    OutputColumn col;
    col.name = json_text(o, "name");
    std::string ty = json_text(o, "type");
    static const std::map<std::string, OutputType> types = {
        {"boolean", OutputType::boolean}, {"integer", OutputType::integer},
        {"money", OutputType::money},     {"number", OutputType::number},
        {"enum", OutputType::enumeration}, {"service_point", OutputType::service_point},
        {"text", OutputType::text}};
    auto it = types.find(ty);
    if (col.name.empty() || it == types.end()) {
      ctx.fail("invalid_value", path + "/outputs/" + std::to_string(i),
               "an output needs a name and a type (boolean, integer, money, number, enum, service_point, text)");
      return;
    }
    col.type = it->second;
    if (o.contains("values") && o["values"].is_array())
      for (const json& v : o["values"]) col.values.push_back(v.is_string() ? v.get<std::string>() : "");
    t.outputs.push_back(std::move(col));
  }
  json versions = j.contains("versions") ? j["versions"] : json::array({j});
  if (!versions.is_array() || versions.empty()) {
    ctx.fail("missing_field", path + "/versions", "a table needs rules or versions");
    return;
  }
  for (std::size_t k = 0; k < versions.size(); ++k) {
    const json& vj = versions[k];
    std::string vp = j.contains("versions") ? path + "/versions/" + std::to_string(k) : path;
    TableVersion v;
    v.path = vp;
    if (vj.contains("from")) {
      auto f = json_date(vj["from"]);
      if (!f) ctx.fail("invalid_date", vp + "/from", "expected a date YYYY-MM-DD");
      else v.from = *f;
    }
    if (vj.contains("to") && !vj["to"].is_null()) {
      auto to = json_date(vj["to"]);
      if (!to) ctx.fail("invalid_date", vp + "/to", "expected a date YYYY-MM-DD or null");
      else v.to = *to;
    }
    if (v.to && *v.to < v.from) ctx.fail("invalid_period", vp, "'to' is before 'from'");
    v.reference = json_text(vj, "reference");
    if (v.reference.empty()) v.reference = json_text(j, "reference");
    v.source = json_text(vj, "source");
    if (vj.contains("warning") && vj["warning"].is_object()) {
      v.warning_code = json_text(vj["warning"], "code");
      v.warning_message = json_text(vj["warning"], "message");
    }
    std::size_t before = ctx.issues->size();
    compile_rules(vj.value("rules", json()), vp + "/rules", t, v, ctx);
    if (ctx.issues->size() == before) {
      analyse_version(t, v, *ctx.issues);
      build_row_index(t, v);
    }
    if (!t.versions.empty()) {
      const TableVersion& prev = t.versions.back();
      if (!prev.to || *prev.to >= v.from)
        ctx.fail("overlapping_versions", vp + "/from", "versions overlap in time");
      else if (prev.to->plus_days(1) != v.from)
        ctx.fail("dates_not_covered", vp + "/from",
                 "no version covers the days between " + prev.to->to_string() + " and " +
                     v.from.to_string());
    }
    t.versions.push_back(std::move(v));
  }
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
