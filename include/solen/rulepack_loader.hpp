// Loads, merges, validates and compiles a JSON rule pack; the only place that reads pack JSON.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "solen/detail/pack_parameters.hpp"
#include "solen/detail/pack_tables.hpp"
#include "solen/detail/sha256.hpp"
#include "solen/embedded_rulepack.hpp"
#include "solen/error.hpp"
#include "solen/issue.hpp"
#include "solen/rulepack.hpp"

namespace solen {
inline namespace v1 {

inline constexpr int rulepack_format_min = 1;
inline constexpr int rulepack_format_current = 1;

namespace detail {

/// nlohmann keeps the last of duplicate keys silently; a rule pack must not have any. The
/// callback tracks the JSON pointer of the current position to report where.
inline json parse_pack_json(std::string_view text, std::vector<Issue>& issues) {
  struct Frame {
    bool array;
    std::size_t index;
    std::string key;
    std::set<std::string> seen;
  };
  std::vector<Frame> stack;
  auto pointer = [&](const std::string& last) {
    std::string p;
    for (std::size_t i = 0; i + 1 < stack.size(); ++i)
      p += "/" + (stack[i].array ? std::to_string(stack[i].index) : pointer_escape(stack[i].key));
    return p + "/" + pointer_escape(last);
  };
  auto element_done = [&] {
    if (!stack.empty() && stack.back().array) ++stack.back().index;
  };
  auto cb = [&](int, json::parse_event_t ev, json& parsed) {
    switch (ev) {
      case json::parse_event_t::object_start: stack.push_back({false, 0, {}, {}}); break;
      case json::parse_event_t::array_start: stack.push_back({true, 0, {}, {}}); break;
      case json::parse_event_t::key: {
        const std::string& k = parsed.get_ref<const std::string&>();
        stack.back().key = k;
        if (!stack.back().seen.insert(k).second)
          issues.push_back({"duplicate_key", pointer(k), "key '" + k + "' appears twice in one object"});
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        stack.pop_back();
        element_done();
        break;
      case json::parse_event_t::value: element_done(); break;
    }
    return true;
  };
  try {
    return json::parse(text.begin(), text.end(), cb);
  } catch (const json::parse_error& e) {
    issues.push_back({"invalid_json", "", std::string("the rule pack is not valid JSON: ") + e.what()});
    return json();
  }
}

/// An overlay pack ("extends") replaces entries of the base by name, section by section.
inline json merge_overlay(json base, const json& overlay) {
  for (auto it = overlay.begin(); it != overlay.end(); ++it) {
    const std::string& k = it.key();
    if (k == "extends") continue;
    if ((k == "parameters" || k == "tables" || k == "service_points" || k == "protections" ||
         k == "orientation" || k == "schemes") && it->is_object() && base[k].is_object()) {
      for (auto e = it->begin(); e != it->end(); ++e) base[k][e.key()] = *e;
    } else {
      base[k] = *it;
    }
  }
  return base;
}

inline std::shared_ptr<CompiledPack> compile_pack(std::string_view text, std::vector<Issue>& issues) {
  auto pack = std::make_shared<CompiledPack>();
  pack->serial = next_serial();
  pack->sha256 = sha256_hex(text);
  json j = parse_pack_json(text, issues);
  if (!issues.empty()) return nullptr;
  if (!j.is_object()) {
    issues.push_back({"wrong_type", "", "a rule pack is a JSON object"});
    return nullptr;
  }
  if (!j.contains("format") || !j["format"].is_number_integer()) {
    issues.push_back({"missing_field", "/format", "the pack needs an integer 'format'"});
    return nullptr;
  }
  // Read wide: a huge "format" must be refused, not wrapped into a supported one.
  const bool huge = j["format"].is_number_unsigned() ? j["format"].get<std::uint64_t>() > 1000u
                                                     : j["format"].get<std::int64_t>() > 1000;
  int format = huge ? -1 : static_cast<int>(j["format"].get<std::int64_t>());
  if (format < rulepack_format_min || format > rulepack_format_current) {
    issues.push_back({"unsupported_format", "/format",
                      "format " + std::to_string(format) + " is not supported (this engine reads " +
                          std::to_string(rulepack_format_min) + " to " +
                          std::to_string(rulepack_format_current) + ")"});
    return nullptr;
  }
  if (j.contains("extends") && !j["extends"].is_null()) {
    json base = parse_pack_json(embedded_rulepack_json, issues);
    if (!j["extends"].is_string() || base.value("id", "") != j["extends"].get<std::string>()) {
      issues.push_back({"unknown_base", "/extends",
                        "only the embedded pack '" + base.value("id", std::string()) + "' can be extended"});
      return nullptr;
    }
    pack->base_id = base.value("id", "");
    pack->base_version = base.value("version", "");
    pack->base_sha256 = sha256_hex(embedded_rulepack_json);
    j = merge_overlay(std::move(base), j);
  }
  pack->format = format;
  pack->id = json_text(j, "id");
  pack->version = json_text(j, "version");
  pack->title = json_text(j, "title");
  if (pack->id.empty()) issues.push_back({"missing_field", "/id", "the pack needs an id"});
  if (pack->version.empty()) issues.push_back({"missing_field", "/version", "the pack needs a version"});
  if (j.contains("reviewed_on")) pack->reviewed_on = json_date(j["reviewed_on"]);

  PackContext ctx{&issues, j.contains("parameters") ? &j["parameters"] : nullptr,
                  &pack->service_points, {}};
  if (j.contains("service_points") && j["service_points"].is_object())
    for (auto it = j["service_points"].begin(); it != j["service_points"].end(); ++it)
      pack->service_points[it.key()] = ServicePoint{it.key(), json_text(*it, "label"),
                                                    json_text(*it, "address"), json_text(*it, "kind")};

  std::map<std::string, const Table*> by_name;
  if (!j.contains("tables") || !j["tables"].is_object()) {
    issues.push_back({"missing_field", "/tables", "the pack needs a 'tables' object"});
    return nullptr;
  }
  // A section of the wrong shape is a problem of the pack, never an exception of the loader.
  auto guarded = [&](const std::string& path, auto&& body) {
    try {
      body();
    } catch (const json::exception&) {
      issues.push_back({"wrong_type", path, "this part of the pack does not have the expected shape (see docs/rulepack-format.md)"});
    }
  };
  for (auto it = j["tables"].begin(); it != j["tables"].end(); ++it) {
    std::string path = "/tables/" + pointer_escape(it.key());
    pack->tables.emplace_back();
    pack->tables.back().index = static_cast<std::uint32_t>(pack->tables.size() - 1);
    if (!it->is_object()) {
      issues.push_back({"wrong_type", path, "a table is an object"});
      continue;
    }
    guarded(path, [&] { compile_table(it.key(), *it, path, pack->tables.back(), ctx); });
    by_name[it.key()] = &pack->tables.back();
  }
  guarded("/parameters", [&] { compile_parameters(j, *pack, ctx); });
  for (const char* section : {"schemes", "protections", "orientation", "labels"})
    if (j.contains(section) && !j[section].is_object())
      issues.push_back({"wrong_type", std::string("/") + section, std::string("'") + section + "' is an object"});
  guarded("/schemes", [&] { compile_roles(j, by_name, *pack, ctx); });
  if (!issues.empty()) return nullptr;
  pack->info = PackInfo{pack->id, pack->version, pack->sha256, pack->title, pack->format};
  return pack;
}

}  // namespace detail

namespace detail {
/// compile_pack behind a last safety net: whatever a hostile pack triggers is a listed problem.
inline std::shared_ptr<CompiledPack> compile_pack_safely(std::string_view text, std::vector<Issue>& issues) {
  try {
    return compile_pack(text, issues);
  } catch (const std::exception& e) {
    issues.push_back({"invalid_rulepack", "", std::string("the rule pack cannot be compiled: ") + e.what()});
    return nullptr;
  }
}
}  // namespace detail

/// Every problem of a pack (empty when valid): what `solen check` prints.
inline std::vector<Issue> check_rulepack(std::string_view text) {
  std::vector<Issue> issues;
  detail::compile_pack_safely(text, issues);
  return issues;
}

/// Compiles a pack or throws solen::Error (kind rules) whose message lists every problem.
inline std::shared_ptr<const CompiledPack> load_rulepack(std::string_view text) {
  std::vector<Issue> issues;
  auto pack = detail::compile_pack_safely(text, issues);
  if (!pack) {
    std::string msg = "invalid rule pack (" + std::to_string(issues.size()) + " problem" +
                      (issues.size() == 1 ? "" : "s") + "):";
    for (const Issue& i : issues) msg += "\n  " + (i.path.empty() ? "/" : i.path) + ": " + i.message + " [" + i.code + "]";
    throw Error(ErrorKind::rules, issues.empty() ? "invalid_rulepack" : issues.front().code,
                issues.empty() ? "" : issues.front().path, msg);
  }
  return pack;
}

}  // namespace v1
}  // namespace solen
